"""Objection quick-fire as a state machine: objection cards only, one after another, each on
a short clock (20 seconds by default).

Phases: ANSWERING while the clock runs; when it runs out (or the person submits) the answer
is saved and analysed, and the round moves to REVIEWING: the suggested rating shows for a
short review moment (5 seconds by default) in which the person may override it with 1-4;
when the moment passes the suggested rating is applied. Either way the rating is committed
through the scheduler at once and the next objection comes up, until DONE.

The front end calls `tick()` a few times a second; the clock is the collection's, so tests
move time by hand.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from interviewprep.core.analysis import Feedback, analyse
from interviewprep.core.card_queue import QueueItem
from interviewprep.core.collection import Collection
from interviewprep.core.decks.model import CardKind, DeckInfo
from interviewprep.core.mock import SUGGESTED
from interviewprep.core.scheduling import Rating
from interviewprep.core.writes import WriteQueue

DEFAULT_SECONDS = 20
DEFAULT_REVIEW_SECONDS = 5


class QuickFirePhase(StrEnum):
    ANSWERING = "answering"
    REVIEWING = "reviewing"
    DONE = "done"


@dataclass(frozen=True)
class QuickFireResult:
    item: QueueItem
    text: str
    seconds: float
    feedback: Feedback
    rating: Rating | None
    suggested: Rating


@dataclass(frozen=True)
class QuickFireView:
    phase: QuickFirePhase
    item: QueueItem | None
    number: int  # the objection shown now, from 1
    total: int
    left: float  # seconds left on the answer clock, or in the review moment
    seconds: int  # the answer clock
    draft: str
    last: QuickFireResult | None  # the answer under review (REVIEWING)
    results: tuple[QuickFireResult, ...]
    unsaved: str | None


class QuickFire:
    def __init__(self, collection: Collection, decks: Sequence[DeckInfo],
                 seconds: int = DEFAULT_SECONDS, count: int | None = None,
                 review_seconds: float = DEFAULT_REVIEW_SECONDS,
                 rng: random.Random | None = None) -> None:
        self.collection = collection
        pool = collection.rehearsable(decks, (CardKind.OBJECTION,))
        if rng is not None:
            rng.shuffle(pool)
        self.items = pool if count is None else pool[:max(count, 0)]
        self.seconds = seconds
        self.review_seconds = review_seconds
        self.writes = WriteQueue()
        self.results: list[QuickFireResult] = []
        self._index = 0
        self.draft = ""
        self._started: datetime = collection.clock()
        self.phase = QuickFirePhase.ANSWERING if self.items else QuickFirePhase.DONE
        self._answer_ids: dict[int, int] = {}  # result position -> answer id
        self._draft_dirty = False

    @property
    def current(self) -> QueueItem | None:
        return None if self.phase is QuickFirePhase.DONE else self.items[self._index]

    @property
    def elapsed(self) -> float:
        return (self.collection.clock() - self._started).total_seconds()

    def view(self) -> QuickFireView:
        limit = self.seconds if self.phase is QuickFirePhase.ANSWERING else self.review_seconds
        reviewing = self.phase is QuickFirePhase.REVIEWING
        return QuickFireView(
            phase=self.phase, item=self.current, number=self._index + 1,
            total=len(self.items), left=max(0.0, limit - self.elapsed), seconds=self.seconds,
            draft=self.draft, last=self.results[-1] if reviewing else None,
            results=tuple(self.results), unsaved=self.writes.unsaved)

    def type(self, text: str) -> None:
        if self.phase is QuickFirePhase.ANSWERING and text != self.draft:
            self.draft, self._draft_dirty = text, True

    def tick(self) -> QuickFireView:
        """Let the clock act: time up submits what is typed; the end of the review moment
        applies the suggested rating."""
        if self.phase is QuickFirePhase.ANSWERING and self.elapsed >= self.seconds:
            return self.submit()
        if self.phase is QuickFirePhase.REVIEWING and self.elapsed >= self.review_seconds:
            return self.rate(None)
        return self.view()

    def submit(self, text: str | None = None) -> QuickFireView:
        if self.phase is not QuickFirePhase.ANSWERING:
            raise RuntimeError("there is no objection to answer now")
        if text is not None:
            self.draft = text
        item, said = self.items[self._index], self.draft
        seconds = min(self.elapsed, float(self.seconds))
        feedback = analyse(item.card, said, None, None, item.deck.language)
        suggested = SUGGESTED[feedback.suggested_rating.value]
        position = len(self.results)
        self.results.append(QuickFireResult(item, said, seconds, feedback, None, suggested))

        def save() -> None:
            self._answer_ids[position] = self.collection.record_answer(item, said, seconds)

        self.writes.write(save)
        self._draft_dirty = False
        self.phase = QuickFirePhase.REVIEWING
        self._started = self.collection.clock()
        return self.view()

    def rate(self, rating: Rating | None) -> QuickFireView:
        """Rate the objection under review (None: the suggested rating), commit it, and
        bring up the next one."""
        if self.phase is not QuickFirePhase.REVIEWING:
            raise RuntimeError("rate an objection after answering it")
        position = len(self.results) - 1
        result = self.results[position]
        chosen = rating or result.suggested
        self.results[position] = QuickFireResult(result.item, result.text, result.seconds,
                                                 result.feedback, chosen, result.suggested)

        def save() -> None:
            self.collection.rate(result.item, chosen, int(result.seconds * 1000),
                                 self._answer_ids.get(position))

        self.writes.write(save)
        self.draft = ""
        self._index += 1
        self._started = self.collection.clock()
        if self._index >= len(self.items):
            self._index = len(self.items) - 1
            self.phase = QuickFirePhase.DONE
        else:
            self.phase = QuickFirePhase.ANSWERING
        return self.view()

    def flush(self) -> bool:
        """Retry what is queued, then keep the answer being typed as the card's draft."""
        if not self.writes.flush():
            return False
        item = self.current
        if self._draft_dirty and item is not None and self.phase is QuickFirePhase.ANSWERING:
            text, seconds = self.draft, self.elapsed
            if self.writes.try_now(lambda: self.collection.save_draft(item, text, seconds)):
                self._draft_dirty = False
        return self.writes.unsaved is None

    leave = flush
