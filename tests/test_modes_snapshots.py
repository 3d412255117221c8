"""Snapshots of the rehearsal screens at 100×30, over a fixed clock: the Rehearse dialog, a
mock interview asking and under review, quick-fire reviewing, a role-played call's end."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import TextArea

from interviewprep.core.call import CallSession
from interviewprep.core.collection import Collection
from interviewprep.core.mock import MockInterview
from interviewprep.core.quickfire import QuickFire
from interviewprep.tui.app import make_app
from interviewprep.tui.screens.mock import MockScreen
from interviewprep.tui.screens.quickfire import QuickFireScreen
from interviewprep.tui.screens.roleplay import RolePlayScreen
from tests.conftest import Clock
from tests.test_modes import modes  # noqa: F401  (the fixture)

# Not imported from test_tui_snapshots: importing one snapshot module into another mixes up
# which snapshot file belongs to which test.
SIZE = (100, 30)
SnapCompare = Callable[..., bool]

def app_for(collection: Collection) -> Any:
    return make_app(collection, cursor_blink=False)


def test_rehearse_dialog(snap_compare: SnapCompare, modes: Collection) -> None:  # noqa: F811
    assert snap_compare(app_for(modes), terminal_size=SIZE, press=["down", "r"])


def test_mock_asking_a_follow_up(snap_compare: SnapCompare,
                                 modes: Collection) -> None:  # noqa: F811
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()  # the home screen opens first
        await pilot.app.push_screen(MockScreen(MockInterview(
            modes, [modes.resolve_deck("modes")], questions=2)))
        pilot.app.screen.query_one(TextArea).text = "I chose sales after my first deal."
        await pilot.press("ctrl+s")

    assert snap_compare(app_for(modes), terminal_size=SIZE, run_before=run_before)


def test_mock_review(snap_compare: SnapCompare, modes: Collection,  # noqa: F811
                     clock: Clock) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()  # the home screen opens first
        await pilot.app.push_screen(MockScreen(MockInterview(
            modes, [modes.resolve_deck("modes")], questions=1, follow_ups=False)))
        pilot.app.screen.query_one(TextArea).text = (
            "I chose sales when I closed my first deal and hit 120% of quota.")
        clock.advance(seconds=35)
        await pilot.press("ctrl+s")

    assert snap_compare(app_for(modes), terminal_size=SIZE, run_before=run_before)


def test_quickfire_review_moment(snap_compare: SnapCompare, modes: Collection,  # noqa: F811
                                 clock: Clock) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()  # the home screen opens first
        screen = QuickFireScreen(QuickFire(modes, [modes.resolve_deck("modes")]))
        await pilot.app.push_screen(screen)
        screen.query_one(TextArea).text = "Fair enough. When are budgets set?"
        clock.advance(seconds=20)
        screen.tick()
        clock.advance(seconds=2)
        screen.tick()

    assert snap_compare(app_for(modes), terminal_size=SIZE, run_before=run_before)


def test_roleplay_call_ended(snap_compare: SnapCompare, modes: Collection) -> None:  # noqa: F811
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()  # the home screen opens first
        deck = next(d for d in modes.decks() if d.id != "modes")
        item = modes.item(deck, modes.cards(deck)[0].id)
        await pilot.app.push_screen(RolePlayScreen(CallSession(modes, item)))
        pilot.app.screen.query_one(TextArea).text = (
            "Our platform has great product features: AI dashboards and reports.")
        await pilot.press("ctrl+s")

    assert snap_compare(app_for(modes), terminal_size=SIZE, run_before=run_before)
