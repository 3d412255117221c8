"""What a report holds: every card rehearsed in the period with its latest answer to the card
itself and what that answer covered (through `core.analysis`), the answers to its follow-ups
and role-play turns apart and labelled, ratings per day, and the weakest cards."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path

from interviewprep.core.analysis import analyse
from interviewprep.core.answer_context import answer_context, is_own_answer
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
    latest: Answer | None  # the newest answer to the card itself in the period
    attempts: int  # answers to the card itself in the period
    ratings: tuple[int, ...]  # in the period, oldest first
    covered: tuple[str, ...] = ()
    missed: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # the analysis, as short sentences
    recordings: tuple[tuple[Path, float | None], ...] = ()  # of the latest answer: file, s
    # The newest answer in the period to each follow-up and role-play turn, labelled with
    # what it replied to; never scored against the card's own talking points.
    replies: tuple[tuple[str, Answer], ...] = ()
    reply_count: int = 0  # every follow-up and turn answer in the period

    @property
    def prompt(self) -> str:
        return self.card.prompt if self.card else self.card_id

    @property
    def shaky(self) -> float:
        """The share of the period's ratings that were Again or Hard (0 when none was)."""
        return sum(1 for r in self.ratings if r <= Rating.HARD) / len(self.ratings) if \
            self.ratings else 0.0

    @property
    def weakness(self) -> float:
        """0 (solid) to 2 (weak): the share of Again/Hard ratings plus the share of talking
        points the latest answer missed."""
        points = len(self.covered) + len(self.missed)
        return self.shaky + (len(self.missed) / points if points else 0.0)


@dataclass
class Report:
    generated_at: datetime
    since: datetime | None
    deck: DeckKey | None
    cards: list[CardReport] = field(default_factory=list)
    ratings_by_day: list[tuple[date, dict[int, int]]] = field(default_factory=list)

    @property
    def weak_spots(self) -> list[CardReport]:
        """Cards the person rated Again or Hard in the period, the shakiest first (missed
        talking points break ties). A card rated only Good or Easy is never one: the
        talking-point match is a word heuristic, not the person's own judgement."""
        ranked = sorted((c for c in self.cards if c.shaky > 0),
                        key=lambda c: (-c.shaky, -c.weakness, c.prompt))
        return ranked[:WEAK_SPOTS]

    @property
    def total_answers(self) -> int:
        return sum(c.attempts + c.reply_count for c in self.cards)

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
        own = [a for a in card_answers if is_own_answer(a)]
        latest = own[-1] if own else None
        newest: dict[tuple[int | None, str | None], Answer] = {}
        for answer in card_answers:
            if not is_own_answer(answer):
                newest[(answer.follow_up, answer.turn_id)] = answer
        replies = tuple((answer_context(card, a) or "", a) for a in sorted(
            newest.values(), key=lambda a: (a.answered_at, a.id)))
        recordings = tuple(
            ((collection.locations.data_dir / r.path).absolute(), r.seconds)
            for r in store.recordings(answer_id=latest.id)) if latest else ()
        entry = CardReport(DeckKey(deck_id, language), info.title if info else deck_id,
                           card_id, card, latest, len(own),
                           tuple(ratings.get((deck_id, language, card_id), ())),
                           recordings=recordings, replies=replies,
                           reply_count=len(card_answers) - len(own))
        if card is not None and latest is not None and card.kind.is_rehearsed:
            feedback = analyse(card, latest.text, latest.seconds,
                               collection.time_limit(card), language)
            entry = replace(entry, covered=feedback.covered, missed=feedback.missed,
                            notes=tuple(feedback.lines()))
        report.cards.append(entry)
    report.ratings_by_day = [(day, dict(counts)) for day, counts in sorted(by_day.items())]
    return report
