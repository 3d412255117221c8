"""FSRS scheduling through the collection: queues, the daily new limit, practice, undo."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from interviewprep.core.collection import Collection
from interviewprep.core.scheduling import Rating, Scheduler, SchedulerSettings, format_interval
from interviewprep.locations import Locations
from tests.conftest import START, Clock


def test_preview_matches_what_rating_does(collection: Collection) -> None:
    deck = collection.resolve_deck("mini")
    item = collection.next_card([deck])
    assert item is not None and item.card.id == "pen" and item.state is None
    preview = collection.preview(item)
    assert preview[Rating.AGAIN] < preview[Rating.HARD] <= preview[Rating.GOOD]
    assert preview[Rating.GOOD] < preview[Rating.EASY]
    collection.rate(item, Rating.EASY)
    state = collection.store.card_state(item.ref)
    assert state is not None
    assert state.due - START == preview[Rating.EASY]


def test_learning_steps_come_from_fsrs() -> None:
    preview = Scheduler().preview(None, START)
    assert preview[Rating.AGAIN] == timedelta(minutes=1)
    assert preview[Rating.GOOD] == timedelta(minutes=10)
    assert preview[Rating.EASY] >= timedelta(days=1)


def test_higher_desired_retention_gives_shorter_intervals() -> None:
    low = Scheduler(SchedulerSettings(desired_retention=0.8))
    high = Scheduler(SchedulerSettings(desired_retention=0.95))
    assert high.preview(None, START)[Rating.EASY] < low.preview(None, START)[Rating.EASY]


def test_queue_new_in_deck_order_then_learning_ahead(collection: Collection,
                                                     clock: Clock) -> None:
    deck = collection.resolve_deck("mini")
    seen = []
    for _ in range(3):
        item = collection.next_card([deck])
        assert item is not None
        seen.append(item.card.id)
        collection.rate(item, Rating.GOOD)  # learning: due again in 10 minutes
    assert seen == ["pen", "punctual", "budget"]
    # Nothing due now and no new cards: learning cards due within 20 minutes still come.
    again = collection.next_card([deck])
    assert again is not None and again.card.id == "pen"


def test_due_reviews_come_before_new_cards(collection: Collection, clock: Clock) -> None:
    deck = collection.resolve_deck("mini")
    first = collection.next_card([deck])
    assert first is not None
    collection.rate(first, Rating.EASY)  # a review card, due in days
    state = collection.store.card_state(first.ref)
    assert state is not None
    clock.now = state.due + timedelta(minutes=1)
    item = collection.next_card([deck])
    assert item is not None and item.card.id == "pen" and item.state is not None
    assert collection.summary(deck).due == 1


def test_new_cards_per_day_limit(collection: Collection, clock: Clock) -> None:
    collection.update_settings(new_per_day=2)
    deck = collection.resolve_deck("mini")
    assert collection.summary(deck).new == 2
    for _ in range(2):
        item = collection.next_card([deck])
        assert item is not None
        collection.rate(item, Rating.EASY)
    assert collection.summary(deck).new == 0
    assert collection.next_card([deck]) is None
    clock.advance(days=1)
    item = collection.next_card([deck])
    assert item is not None and item.card.id == "budget", "tomorrow brings new cards again"


def test_history_is_kept_per_language_and_survives_card_removal(
    data_dir: Path, deck_dir: Path, write_deck: object, clock: Clock
) -> None:
    from tests.conftest import SMALL_DECK

    (deck_dir / "mini.yaml").write_text(SMALL_DECK, encoding="utf-8")
    (deck_dir / "mini-es.yaml").write_text(SMALL_DECK.replace("language: en", "language: es"),
                                           encoding="utf-8")
    with Collection.open(Locations(data_dir), [deck_dir], clock, include_bundled=False) as c:
        item = c.next_card([c.resolve_deck("mini@en")])
        assert item is not None
        c.record_answer(item, "in English", 5.0)
        c.rate(item, Rating.EASY)
        spanish = c.next_card([c.resolve_deck("mini@es")])
        assert spanish is not None and spanish.state is None, "Spanish schedule is separate"
    # The card is removed from its deck: its history stays with its ids.
    start = SMALL_DECK.index("  - id: pen")
    end = SMALL_DECK.index("  - id: punctual")
    (deck_dir / "mini.yaml").write_text(SMALL_DECK[:start] + SMALL_DECK[end:], encoding="utf-8")
    with Collection.open(Locations(data_dir), [deck_dir], clock, include_bundled=False) as c:
        assert c.card(c.resolve_deck("mini@en"), "pen") is None
        assert c.store.card_state(("mini", "en", "pen")) is not None
        assert [a.text for a in c.store.answers("mini", "pen", "en")] == ["in English"]
        assert c.store.answers("mini", "pen", "es") == []


def test_format_interval() -> None:
    assert format_interval(timedelta(minutes=1)) == "1m"
    assert format_interval(timedelta(hours=5)) == "5h"
    assert format_interval(timedelta(days=3)) == "3d"
    assert format_interval(timedelta(days=90)) == "3mo"
    assert format_interval(timedelta(days=548)) == "1.5y"
