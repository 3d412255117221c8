"""What a report holds: every card rehearsed in the period with its latest answer and what
that answer covered (through `core.analysis`), ratings per day, and the weakest cards."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from interviewprep.core.analysis import analyse
from interviewprep.core.collection import Collection
from interviewprep.core.decks.model import Card, DeckKey
from interviewprep.core.scheduling import Rating
from interviewprep.core.store import Answer

WEAK_SPOTS = 5


@dataclass(frozen=True)
class CardReport:
    deck_key: DeckKey
    deck_title: str
    card_id: str
    card: Card | None  # None when its deck is no longer loaded
    latest: Answer | None  # the newest rehearsed answer in the period
    attempts: int  # answers in the period
    ratings: tuple[int, ...]  # in the period, oldest first
    covered: tuple[str, ...] = ()
    missed: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # the analysis, as short sentences
    recordings: tuple[tuple[Path, float | None], ...] = ()  # of the latest answer: file, s

    @property
    def prompt(self) -> str:
        return self.card.prompt if self.card else self.card_id

    @property
    def weakness(self) -> float:
        """0 (solid) to 2 (weak): the share of Again/Hard ratings plus the share of talking
        points the latest answer missed."""
        shaky = sum(1 for r in self.ratings if r <= Rating.HARD) / len(self.ratings) if \
            self.ratings else 0.0
        points = len(self.covered) + len(self.missed)
        return shaky + (len(self.missed) / points if points else 0.0)


@dataclass
class Report:
    generated_at: datetime
    since: datetime | None
    deck: DeckKey | None
    cards: list[CardReport] = field(default_factory=list)
    ratings_by_day: list[tuple[date, dict[int, int]]] = field(default_factory=list)

    @property
    def weak_spots(self) -> list[CardReport]:
        ranked = sorted((c for c in self.cards if c.weakness > 0), key=lambda c: -c.weakness)
        return ranked[:WEAK_SPOTS]

    @property
    def total_answers(self) -> int:
        return sum(c.attempts for c in self.cards)

    @property
    def total_reviews(self) -> int:
        return sum(sum(counts.values()) for _, counts in self.ratings_by_day)


def _local_day(timestamp: float) -> date:
    return datetime.fromtimestamp(timestamp, UTC).astimezone().date()


def build_report(collection: Collection, since: datetime | None = None,
                 deck: DeckKey | None = None) -> Report:
    start = since.timestamp() if since else float("-inf")
    store = collection.store
    answers = [a for a in reversed(store.answers(deck.deck_id if deck else None, None,
                                                 deck.language if deck else None))
               if a.answered_at >= start]
    reviews = [r for r in store.reviews(start if since else None)
               if deck is None or (r.deck_id, r.language) == (deck.deck_id, deck.language)]
    refs: dict[tuple[str, str, str], list[Answer]] = {}
    for answer in answers:
        refs.setdefault((answer.deck_id, answer.language, answer.card_id), []).append(answer)
    ratings: dict[tuple[str, str, str], list[int]] = {}
    by_day: dict[date, Counter[int]] = {}
    for review in reviews:
        ref = (review.deck_id, review.language, review.card_id)
        ratings.setdefault(ref, []).append(review.rating)
        refs.setdefault(ref, [])
        by_day.setdefault(_local_day(review.reviewed_at), Counter())[review.rating] += 1
    report = Report(collection.clock(), since, deck)
    for (deck_id, language, card_id), card_answers in sorted(refs.items()):
        info = collection.library.find_id(deck_id, language)
        card = collection.card(info, card_id) if info else None
        latest = card_answers[-1] if card_answers else None
        recordings = tuple(
            ((collection.locations.data_dir / r.path).absolute(), r.seconds)
            for r in store.recordings(answer_id=latest.id)) if latest else ()
        entry = CardReport(DeckKey(deck_id, language), info.title if info else deck_id,
                           card_id, card, latest, len(card_answers),
                           tuple(ratings.get((deck_id, language, card_id), ())),
                           recordings=recordings)
        if card is not None and latest is not None and card.kind.is_rehearsed:
            feedback = analyse(card, latest.text, latest.seconds,
                               collection.time_limit(card), language)
            entry = CardReport(entry.deck_key, entry.deck_title, card_id, card, latest,
                               entry.attempts, entry.ratings, feedback.covered,
                               feedback.missed, tuple(feedback.lines()), recordings)
        report.cards.append(entry)
    report.ratings_by_day = [(day, dict(counts)) for day, counts in sorted(by_day.items())]
    return report
