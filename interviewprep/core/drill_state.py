"""A drill's state as data: its phase (and the error for an action that does not fit it),
each card's attempt, everything a front end draws at one moment (`DrillView`), and the
summary at the end.

`core.session.DrillSession` changes these; a front end only reads them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from interviewprep.core.card_queue import EmptyReason, Mode, QueueItem
from interviewprep.core.scheduling import Rating
from interviewprep.core.settings import AnswerMode

if TYPE_CHECKING:  # the analysis and the story bank load at the first reveal
    from interviewprep.core.analysis import Feedback
    from interviewprep.core.story_bank import Story


class Phase(StrEnum):
    ANSWERING = "answering"
    RECALLING = "recalling"
    REVEALED = "revealed"
    DONE = "done"


class PhaseError(RuntimeError):
    """The action does not fit the drill's phase (for example a rating before reveal)."""


@dataclass
class Attempt:
    """One card's turn: what was answered and how it was rated, as saved (or still to save)."""

    item: QueueItem
    text: str | None  # None: a tip card, recalled rather than answered
    seconds: float
    answer_id: int | None = None
    recordings: tuple[int, ...] = ()  # spoken answers, attached once the answer is saved
    transcript: str | None = None  # what was said, transcribed (or corrected by the person)
    rating: Rating | None = None
    review_uid: str | None = None
    saved: bool = False  # the rating reached the store


@dataclass(frozen=True)
class SessionSummary:
    cards_done: int
    seconds: float
    ratings: dict[Rating, int]
    answers_saved: int
    next_due: datetime | None

    @classmethod
    def of(cls, attempts: Sequence[Attempt], next_due: datetime | None) -> SessionSummary:
        ratings = Counter(a.rating for a in attempts if a.rating is not None)
        return cls(
            cards_done=len(attempts),
            seconds=sum(a.seconds for a in attempts),
            ratings={rating: ratings.get(rating, 0) for rating in Rating},
            answers_saved=sum(1 for a in attempts if a.text is not None),
            next_due=next_due,
        )


@dataclass(frozen=True)
class DrillView:
    """Everything a front end needs to draw the drill, at one moment."""

    phase: Phase
    item: QueueItem | None
    mode: Mode
    answer_mode: AnswerMode
    done: int
    draft: str
    draft_restored: bool
    elapsed: float
    time_limit: int | None  # the card's speaking limit
    over_time: bool  # only ever true when answering aloud
    answer: str | None
    feedback: Feedback | None
    preview: dict[Rating, timedelta] | None  # None in practice: nothing is rescheduled
    can_undo: bool
    unsaved: str | None  # why something is not saved yet (it is kept and retried)
    empty_reason: EmptyReason | None
    recording: bool = False
    recording_level: float = 0.0  # 0..1, for a meter
    recordings: tuple[int, ...] = ()  # of this card: those being made, then the answer's
    transcript: str | None = None
    voice_unavailable: str | None = None
    reading: bool = False  # the prompt is being read aloud; the timer waits for it
    reading_failure: str | None = None  # why it could not be read aloud
    stories: tuple[Story, ...] = ()  # the person's stories linked to this question
