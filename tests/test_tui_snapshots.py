"""Snapshots of every screen at 100×30, over a fixed clock and a small deck."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from interviewprep.core.collection import Collection
from interviewprep.core.scheduling import Rating
from interviewprep.tui.app import make_app

SIZE = (100, 30)
SnapCompare = Callable[..., bool]


def test_home(snap_compare: SnapCompare, collection: Collection) -> None:
    assert snap_compare(make_app(collection, cursor_blink=False), terminal_size=SIZE)


def drill(collection: Collection) -> Any:
    return make_app(collection, start_deck=collection.resolve_deck("mini"), cursor_blink=False)


def test_drill_before_reveal(snap_compare: SnapCompare, collection: Collection) -> None:
    assert snap_compare(drill(collection), terminal_size=SIZE,
                        press=[*"I would ask how they use pens today."])


def test_drill_after_reveal(snap_compare: SnapCompare, collection: Collection) -> None:
    assert snap_compare(drill(collection), terminal_size=SIZE,
                        press=[*"I would ask what the buyer writes, then close.", "ctrl+s"])


def test_tip_after_reveal(snap_compare: SnapCompare, collection: Collection) -> None:
    assert snap_compare(drill(collection), terminal_size=SIZE,
                        press=["ctrl+s", "4", "ctrl+s"])


def test_summary(snap_compare: SnapCompare, collection: Collection) -> None:
    assert snap_compare(drill(collection), terminal_size=SIZE,
                        press=["ctrl+s", "4", "ctrl+s", "4", "ctrl+s", "4", "_"])


def two_attempts(collection: Collection) -> None:
    """Two earlier answers to the first card, for the history and its diff."""
    deck = collection.resolve_deck("mini")
    item = collection.next_card([deck])
    assert item is not None
    collection.record_answer(item, "I'd sell the pen by asking about the\nbuyer first.", 80)
    collection.record_answer(item, "I ask what the buyer writes and how often,\nthen close.",
                             65)


def three_reviews(collection: Collection) -> None:
    deck = collection.resolve_deck("mini")
    for rating in (Rating.EASY, Rating.GOOD, Rating.EASY):
        item = collection.next_card([deck])
        assert item is not None
        collection.rate(item, rating)


async def open_stats(pilot: Pilot[None]) -> None:
    await pilot.press("s")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_history(snap_compare: SnapCompare, collection: Collection) -> None:
    two_attempts(collection)
    assert snap_compare(drill(collection), terminal_size=SIZE, press=["ctrl+o", "d"])


def test_stats(snap_compare: SnapCompare, collection: Collection) -> None:
    three_reviews(collection)
    assert snap_compare(make_app(collection, cursor_blink=False), terminal_size=SIZE,
                        run_before=open_stats)


def test_settings(snap_compare: SnapCompare, collection: Collection) -> None:
    assert snap_compare(make_app(collection, cursor_blink=False), terminal_size=SIZE,
                        press=["o"])


def test_nothing_to_drill(snap_compare: SnapCompare, collection: Collection) -> None:
    collection.update_settings(new_per_day=0)
    assert snap_compare(drill(collection), terminal_size=SIZE)


# The same screens in Spanish: a Spanish speaker's app speaks Spanish everywhere (the deck's
# own text stays as written). The autouse fixture in conftest puts English back afterwards.


def spanish_drill(collection: Collection) -> Any:
    return make_app(collection, start_deck=collection.resolve_deck("mini"), cursor_blink=False,
                    ui_language="es")


def test_home_es(snap_compare: SnapCompare, collection: Collection) -> None:
    assert snap_compare(make_app(collection, cursor_blink=False, ui_language="es"),
                        terminal_size=SIZE)


def test_drill_before_reveal_es(snap_compare: SnapCompare, collection: Collection) -> None:
    assert snap_compare(spanish_drill(collection), terminal_size=SIZE,
                        press=[*"Preguntaría cómo usan los bolígrafos hoy."])


def test_drill_after_reveal_es(snap_compare: SnapCompare, collection: Collection) -> None:
    assert snap_compare(spanish_drill(collection), terminal_size=SIZE,
                        press=[*"I would ask what the buyer writes, then close.", "ctrl+s"])


def test_summary_es(snap_compare: SnapCompare, collection: Collection) -> None:
    assert snap_compare(spanish_drill(collection), terminal_size=SIZE,
                        press=["ctrl+s", "4", "ctrl+s", "4", "ctrl+s", "4", "_"])


def test_history_es(snap_compare: SnapCompare, collection: Collection) -> None:
    two_attempts(collection)
    assert snap_compare(spanish_drill(collection), terminal_size=SIZE, press=["ctrl+o", "d"])


def test_stats_es(snap_compare: SnapCompare, collection: Collection) -> None:
    three_reviews(collection)
    assert snap_compare(make_app(collection, cursor_blink=False, ui_language="es"),
                        terminal_size=SIZE, run_before=open_stats)


def test_settings_es(snap_compare: SnapCompare, collection: Collection) -> None:
    assert snap_compare(make_app(collection, cursor_blink=False, ui_language="es"),
                        terminal_size=SIZE, press=["o"])


def two_interviews(collection: Collection) -> None:
    from datetime import timedelta

    from interviewprep.core.interviews import add_interview

    today = collection.clock().date()
    add_interview(collection, "Peñalara Software", "ae", today + timedelta(days=17))
    add_interview(collection, "Mañana SL", "ae", today + timedelta(days=1))


async def open_interviews(pilot: Pilot[None]) -> None:
    await pilot.press("i")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_interviews_es(snap_compare: SnapCompare, collection: Collection) -> None:
    """Wide: the list beside the plan, every date and day count whole."""
    two_interviews(collection)
    assert snap_compare(make_app(collection, cursor_blink=False, ui_language="es"),
                        terminal_size=SIZE, run_before=open_interviews)


def test_interviews_narrow_es(snap_compare: SnapCompare, collection: Collection) -> None:
    """Narrow: the plan under the list, at full width."""
    two_interviews(collection)
    assert snap_compare(make_app(collection, cursor_blink=False, ui_language="es"),
                        terminal_size=(60, 20), run_before=open_interviews)
