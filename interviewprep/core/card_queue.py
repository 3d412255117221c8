"""Which card a drill shows next: the drill modes, the queued item, and the daily allowance
of new cards per deck.

`Collection` owns one `CardQueue` and delegates to it; front ends keep calling the
collection. Due reviews come first, then new cards in deck order up to each deck's limit
for the day (a limit of its own, or the person's setting, raised for today on request),
then learning cards due within a few minutes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from interviewprep.core.decks.model import Card, DeckInfo
from interviewprep.core.scheduling import LEARN_AHEAD, CardState
from interviewprep.core.settings import check_setting
from interviewprep.core.store import CardRef

if TYPE_CHECKING:
    from interviewprep.core.collection import Collection

DECK_LIMIT_PREFIX = "new_per_day:"  # + deck key: a deck's own new-cards-a-day limit
EXTRA_NEW_PREFIX = "extra_new:"  # + deck key + ":" + date: today's raised allowance


class Mode(StrEnum):
    REVIEW = "review"  # due cards, then new ones; ratings reschedule
    PRACTICE = "practice"  # every card in order; nothing is rescheduled
    AHEAD = "ahead"  # cards not yet due, soonest first; ratings reschedule (FSRS allows it)
    LIST = "list"  # the cards of a given list in its order (an interview's plan for today)
    WEAK = "weak"  # weak spots: lowest predicted recall, then most Again; ratings reschedule


class EmptyReason(StrEnum):
    """Why a review drill has no card to show."""

    NEW_LIMIT = "new_limit"  # new cards are waiting, but today's allowance is used up
    NOTHING_DUE = "nothing_due"  # every card is scheduled for later
    NO_CARDS = "no_cards"


@dataclass(frozen=True)
class QueueItem:
    deck: DeckInfo
    card: Card
    state: CardState | None  # None: the card has never been reviewed

    @property
    def ref(self) -> CardRef:
        return (self.deck.id, self.deck.language, self.card.id)


class CardQueue:
    """The queues of one collection, read through it at each call (its settings and
    scheduler change when the person saves new settings)."""

    def __init__(self, collection: Collection) -> None:
        self._collection = collection
        self._new_from: dict[str, int] = {}  # deck path -> position of its first new card

    def forget_positions(self) -> None:
        """The decks were read again or a review undone: look for new cards from the start."""
        self._new_from.clear()

    # -- new cards a day --------------------------------------------------------------------

    def start_of_day(self) -> float:
        local = self._collection.clock().astimezone()
        return local.replace(hour=0, minute=0, second=0, microsecond=0).timestamp()

    def _today(self) -> str:
        return self._collection.clock().astimezone().date().isoformat()

    def new_limit(self, deck: DeckInfo) -> int:
        """New cards a day for this deck: its own limit if set, else the default."""
        own = self._collection.store.get_setting(f"{DECK_LIMIT_PREFIX}{deck.key}")
        if own is not None and own.isdigit():
            return int(own)
        return self._collection.settings.new_per_day

    def set_new_limit(self, deck: DeckInfo, limit: int | None) -> None:
        """Give a deck its own new-cards-a-day limit, or (None) follow the default again."""
        key = f"{DECK_LIMIT_PREFIX}{deck.key}"
        if limit is None:
            self._collection.store.delete_setting(key)
            return
        check_setting("new_per_day", limit)
        self._collection.store.set_setting(key, str(int(limit)))

    def raise_new_limit_today(self, deck: DeckInfo, extra: int = 10) -> int:
        """Allow `extra` more new cards in this deck today only; return what is left now."""
        store = self._collection.store
        key = f"{EXTRA_NEW_PREFIX}{deck.key}:{self._today()}"
        already = store.get_setting(key)
        store.set_setting(key, str(int(already or 0) + extra))
        return self.new_left_today(deck)

    def new_left_today(self, deck: DeckInfo) -> int:
        """New cards this deck may still introduce today. Counted per deck and language, as
        Anki does; restored (imported) reviews never count."""
        store = self._collection.store
        extra = store.get_setting(f"{EXTRA_NEW_PREFIX}{deck.key}:{self._today()}")
        allowed = self.new_limit(deck) + int(extra or 0)
        introduced = store.introduced_since(deck.id, deck.language, self.start_of_day())
        return max(allowed - introduced, 0)

    # -- choosing the next card -------------------------------------------------------------

    def _earliest_due(self, deck: DeckInfo, before: float,
                      skip: Iterable[str] = ()) -> tuple[float, str] | None:
        return self._collection.store.earliest_due(str(deck.path), deck.id, deck.language,
                                                   before, skip)

    def _first_new(self, deck: DeckInfo, skip: Sequence[str] = ()) -> str | None:
        # New cards are introduced in deck order, so every card before the last one found
        # has a state: start there instead of skipping them all again (unless some were
        # skipped, whose state is still to be saved).
        path = str(deck.path)
        found = self._collection.store.first_unseen(path, deck.id, deck.language,
                                                    self._new_from.get(path, 0), skip)
        if found is None:
            return None
        if not skip:
            self._new_from[path] = found[0]
        return found[1]

    def next_card(
        self, decks: Sequence[DeckInfo], mode: Mode = Mode.REVIEW,
        done: Iterable[CardRef] = (), skip: Iterable[CardRef] = (),
        queue: Sequence[CardRef] = (),
    ) -> QueueItem | None:
        """The next card to show: due reviews first, then new cards up to each deck's limit,
        then learning cards due within a few minutes. Practice goes through every card not
        yet `done` in this session, ignoring due dates; studying ahead takes the cards due
        soonest that were not `done`. `skip` leaves out cards whose rating is not saved yet."""
        collection = self._collection
        if mode is Mode.LIST:
            finished = set(done) | set(skip)
            by_key = {(d.id, d.language): d for d in decks}
            for ref in queue:
                deck = by_key.get(ref[:2])
                if (ref not in finished and deck is not None
                        and collection.card(deck, ref[2]) is not None):
                    return collection.item(deck, ref[2])
            return None
        if mode is Mode.WEAK:
            return next(iter(self.weak_spots(decks, {*done, *skip}, limit=1)), None)
        if mode is Mode.PRACTICE:
            seen = set(done)
            for deck in decks:
                suspended = collection.store.suspended(deck.id, deck.language)
                for card in collection.cards(deck):
                    if card.id not in suspended and (deck.id, deck.language, card.id) not in seen:
                        return collection.item(deck, card.id)
            return None
        skipped = set(skip) | (set(done) if mode is Mode.AHEAD else set())
        now = collection.clock()
        horizon = float("inf") if mode is Mode.AHEAD else now.timestamp()

        def skipped_in(deck: DeckInfo) -> list[str]:
            return [card_id for deck_id, language, card_id in skipped
                    if (deck_id, language) == (deck.id, deck.language)]

        def soonest(before: float) -> QueueItem | None:
            hits = []
            for deck in decks:
                if (hit := self._earliest_due(deck, before, skipped_in(deck))) is not None:
                    hits.append((hit, deck))
            if not hits:
                return None
            (_, card_id), deck = min(hits, key=lambda pair: pair[0][0])
            return collection.item(deck, card_id)

        if (due := soonest(horizon)) is not None or mode is Mode.AHEAD:
            return due
        for deck in decks:
            if self.new_left_today(deck) > 0 and (
                    new_id := self._first_new(deck, skipped_in(deck))):
                return collection.item(deck, new_id)
        return soonest((now + LEARN_AHEAD).timestamp())

    def weak_spots(self, decks: Sequence[DeckInfo], leave_out: Iterable[CardRef] = (),
                   limit: int | None = None) -> list[QueueItem]:
        """Cards already reviewed whose predicted recall (FSRS retrievability) is below the
        desired retention, or that were ever rated Again: lowest recall first, then most
        Agains. Never-seen cards are not weak spots, only unknown."""
        collection = self._collection
        now = collection.clock()
        skipped = set(leave_out)
        found: list[tuple[float, int, int, DeckInfo, str, CardState]] = []
        for order, deck in enumerate(decks):
            for card_id, row, agains in collection.store.weak_candidates(
                    str(deck.path), deck.id, deck.language):
                if (deck.id, deck.language, card_id) in skipped:
                    continue
                state = CardState.from_row(row)
                recall = collection.scheduler.retrievability(state, now)
                if recall < collection.settings.desired_retention or agains:
                    found.append((recall, -agains, order, deck, card_id, state))
        found.sort(key=lambda hit: hit[:3])
        return [QueueItem(deck, card, state) for *_, deck, card_id, state in found[:limit]
                if (card := collection.card(deck, card_id)) is not None]

    def empty_reason(self, decks: Sequence[DeckInfo]) -> EmptyReason:
        """Why `next_card` found nothing for a review drill of these decks."""
        if not any(d.card_count for d in decks):
            return EmptyReason.NO_CARDS
        store = self._collection.store
        waiting = any(store.unseen_count(str(d.path), d.id, d.language) for d in decks)
        return EmptyReason.NEW_LIMIT if waiting else EmptyReason.NOTHING_DUE

    def next_due(self, decks: Sequence[DeckInfo]) -> datetime | None:
        """When the next card of these decks falls due (for the session summary)."""
        store = self._collection.store
        times = [t for d in decks if (t := store.next_due_at(d.id, d.language)) is not None]
        return datetime.fromtimestamp(min(times), UTC) if times else None
