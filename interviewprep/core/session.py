"""A drill session: which card is up, what was answered and rated, undo, and the summary.

The TUI shows a session; it does not decide anything a session decides.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from interviewprep.core.collection import Collection, Mode, QueueItem
from interviewprep.core.decks.model import DeckInfo
from interviewprep.core.scheduling import Rating
from interviewprep.core.store import CardRef


@dataclass(frozen=True)
class Outcome:
    item: QueueItem
    rating: Rating
    seconds: float
    answer_id: int | None
    review_uid: str | None  # None in practice: nothing was rescheduled


@dataclass(frozen=True)
class SessionSummary:
    cards_done: int
    seconds: float
    ratings: dict[Rating, int]
    answers_saved: int
    next_due: datetime | None


@dataclass
class DrillSession:
    collection: Collection
    decks: Sequence[DeckInfo]
    mode: Mode = Mode.REVIEW
    outcomes: list[Outcome] = field(default_factory=list)
    current: QueueItem | None = None
    answer_id: int | None = None  # the answer saved for the current card, if any

    def advance(self) -> QueueItem | None:
        done: list[CardRef] = [o.item.ref for o in self.outcomes]
        self.current = self.collection.next_card(self.decks, self.mode, done)
        self.answer_id = None
        return self.current

    def submit_answer(self, text: str, seconds: float) -> int:
        """Save the rehearsed answer now, before any rating: it is never lost."""
        assert self.current is not None
        self.answer_id = self.collection.record_answer(
            self.current, text, seconds, practice=self.mode is Mode.PRACTICE)
        return self.answer_id

    def rate(self, rating: Rating, seconds: float) -> QueueItem | None:
        """Rate the current card, commit it, and move to the next one."""
        item = self.current
        assert item is not None
        review_uid: str | None = None
        if self.mode is Mode.REVIEW:
            review_uid = self.collection.rate(item, rating, int(seconds * 1000), self.answer_id)
        elif self.answer_id is not None:
            self.collection.store.set_answer_rating(self.answer_id, rating)
        self.outcomes.append(Outcome(item, rating, seconds, self.answer_id, review_uid))
        return self.advance()

    def undo(self) -> Outcome | None:
        """Take back the last rating; that card comes back up, its saved answer kept."""
        if not self.outcomes:
            return None
        outcome = self.outcomes.pop()
        if outcome.review_uid is not None:
            self.collection.undo_review(outcome.review_uid)
        elif outcome.answer_id is not None:
            self.collection.store.set_answer_rating(outcome.answer_id, None)
        self.current = self.collection.item(outcome.item.deck, outcome.item.card.id)
        self.answer_id = outcome.answer_id
        return outcome

    def summary(self) -> SessionSummary:
        ratings = Counter(o.rating for o in self.outcomes)
        return SessionSummary(
            cards_done=len(self.outcomes),
            seconds=sum(o.seconds for o in self.outcomes),
            ratings={rating: ratings.get(rating, 0) for rating in Rating},
            answers_saved=sum(1 for o in self.outcomes if o.answer_id is not None),
            next_due=self.collection.next_due(self.decks),
        )
