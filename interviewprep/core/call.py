"""A role-played call as a state machine over `RolePlay`: the scenario, then each buyer line
answered in turn (timed per turn), the branch each reply takes, until the call ends; then
every turn with its analysis and the scenario's scoring guide, and one rating for the call.

Phases: ANSWERING while a buyer line waits for a reply; ENDED once the call is over (the
results show and the call waits for its rating); DONE once rated. Each reply is committed
as an answer of the role-play card, with its turn id, the moment it is given; the rating
reschedules the card. Writes go through a `WriteQueue`, so a busy database loses nothing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from interviewprep.core.analysis.delivery import speaking_seconds
from interviewprep.core.answer_clock import AnswerClock
from interviewprep.core.card_queue import QueueItem
from interviewprep.core.collection import Collection
from interviewprep.core.decks.turns import Turn
from interviewprep.core.drafts import draft_part
from interviewprep.core.mock import SUGGESTED
from interviewprep.core.roleplay import RolePlay, TurnResult
from interviewprep.core.scheduling import Rating
from interviewprep.core.settings import AnswerMode
from interviewprep.core.writes import WriteQueue

if TYPE_CHECKING:
    from interviewprep.core.voice.speech import PromptReader

_ORDER = (Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.EASY)


class CallPhase(StrEnum):
    ANSWERING = "answering"
    ENDED = "ended"
    DONE = "done"


@dataclass(frozen=True)
class CallView:
    phase: CallPhase
    item: QueueItem
    turn: Turn | None  # the buyer line waiting for a reply, or the call's ending line
    elapsed: float
    time_limit: int | None
    draft: str
    history: tuple[TurnResult, ...]
    suggested: Rating | None  # for the whole call, once it ended
    rating: Rating | None
    unsaved: str | None
    reading: bool = False  # the buyer line is being read aloud; the reply's timer waits
    reading_failure: str | None = None


class CallSession:
    def __init__(self, collection: Collection, item: QueueItem,
                 practice: bool = False, reader: PromptReader | None = None) -> None:
        """`practice`: the rating is kept on the last reply and the schedule is unchanged;
        `reader` reads each buyer line aloud before the reply's timer starts."""
        self.collection = collection
        self.item = item
        self.practice = practice
        self.review_uid: str | None = None  # the call's review, once saved
        self.play = RolePlay(item.card, item.deck.language)
        self.writes = WriteQueue()
        self.draft = ""
        self.rating: Rating | None = None
        self._clock = AnswerClock(collection.clock, reader)
        self._answer_ids: list[int] = []
        self.phase = CallPhase.ENDED if self.play.finished else CallPhase.ANSWERING
        self._draft_dirty = False
        self._restore_draft()
        self._read_buyer()

    @property
    def elapsed(self) -> float:
        return self._clock.elapsed

    def suggested(self) -> Rating | None:
        """The call's suggested rating: the middle of its turns' suggestions, rounded
        down, so one strong reply does not hide a call that went wrong."""
        steps = sorted(_ORDER.index(SUGGESTED[r.feedback.suggested_rating.value])
                       for r in self.play.history)
        return _ORDER[steps[(len(steps) - 1) // 2]] if steps else None

    def view(self) -> CallView:
        answering = self.phase is CallPhase.ANSWERING
        return CallView(
            phase=self.phase, item=self.item, turn=self.play.current,
            elapsed=self.elapsed if answering else 0.0,
            time_limit=self.play.time_limit() if answering else None,
            draft=self.draft, history=self.play.history,
            suggested=None if answering else self.suggested(), rating=self.rating,
            unsaved=self.writes.unsaved,
            reading=self._clock.reading, reading_failure=self._clock.failure)

    def type(self, text: str) -> None:
        if self.phase is CallPhase.ANSWERING and text != self.draft:
            self.draft, self._draft_dirty = text, True

    def submit(self, text: str | None = None) -> CallView:
        """Reply to the buyer line showing: saved at once, and the call moves on."""
        turn = self.play.current
        if self.phase is not CallPhase.ANSWERING or turn is None:
            raise RuntimeError("the call has ended; there is nothing to reply to")
        if text is not None:
            self.draft = text
        said, took = self.draft, self.elapsed
        aloud = self.collection.settings.answer_mode is AnswerMode.ALOUD
        self.play.submit(said, took if aloud else speaking_seconds(len(said.split())))

        def save() -> None:
            self._answer_ids.append(self.collection.record_answer(
                self.item, said, took, turn_id=turn.id))

        self.writes.write(save)
        self.draft, self._draft_dirty = "", False
        self._read_buyer()
        if self.play.finished:
            self.phase = CallPhase.ENDED
        else:
            self._restore_draft()
        return self.view()

    def rate(self, rating: Rating | None = None) -> CallView:
        """Rate the whole call (None: the suggested rating); it reschedules the card."""
        if self.phase is not CallPhase.ENDED:
            raise RuntimeError("rate the call once it has ended")
        chosen = rating or self.suggested() or Rating.AGAIN
        self.rating = chosen
        seconds = sum(r.seconds for r in self.play.history)

        def save() -> None:
            last = self._answer_ids[-1] if self._answer_ids else None
            if self.practice:
                if last is not None:
                    self.collection.set_answer_rating(last, chosen)
                return
            self.review_uid = self.collection.rate(self.item, chosen, int(seconds * 1000),
                                                   last)

        self.writes.write(save)
        self.phase = CallPhase.DONE
        return self.view()

    @property
    def seconds(self) -> float:
        return sum(r.seconds for r in self.play.history)

    def flush(self) -> bool:
        """Retry what is queued, then keep the reply being typed as the card's draft."""
        if not self.writes.flush():
            return False
        turn = self.play.current
        if self._draft_dirty and self.phase is CallPhase.ANSWERING and turn is not None:
            text, seconds = self.draft, self.elapsed
            part = draft_part(self.item.card, turn_id=turn.id)
            if self.writes.try_now(lambda: self.collection.save_draft(self.item, text,
                                                                      seconds, part)):
                self._draft_dirty = False
        return self.writes.unsaved is None

    def leave(self) -> bool:
        self._clock.stop()
        return self.flush()

    def _restore_draft(self) -> None:
        """A reply typed to this very buyer line when the app last stopped mid-call comes
        back; one typed to another line of the call never does."""
        turn = self.play.current
        if self.phase is not CallPhase.ANSWERING or turn is None:
            return
        try:
            saved = self.collection.draft(self.item, draft_part(self.item.card,
                                                                turn_id=turn.id))
        except sqlite3.OperationalError:  # busy: start empty rather than freeze
            saved = None
        self.draft = saved.text if saved is not None else ""

    def _read_buyer(self) -> None:
        """Time the next reply from now, once the buyer's line has been read aloud (the
        call's ending line is read too, though nothing is timed after it)."""
        turn = self.play.current
        self._clock.restart(turn.buyer if turn is not None else None,
                            self.item.deck.language)
