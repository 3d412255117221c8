"""The TUI driven with Pilot over the real store in a temporary data folder."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from rich.console import Console
from textual.widget import Widget
from textual.widgets import DataTable, Input, Static, TextArea

from interviewprep.core.collection import Collection, Mode
from interviewprep.core.store import Store
from interviewprep.locations import Locations
from interviewprep.tui.app import InterviewPrepApp, make_app
from interviewprep.tui.screens.drill import DrillScreen
from interviewprep.tui.screens.history import HistoryScreen
from interviewprep.tui.screens.home import HomeScreen
from interviewprep.tui.screens.settings import SettingsScreen
from interviewprep.tui.screens.stats import StatsScreen
from interviewprep.tui.screens.summary import SummaryScreen
from interviewprep.tui.widgets.timer import AnswerTimer
from tests.conftest import Clock, WriteDeck

SIZE = (100, 30)


def text_of(widget: Widget) -> str:
    """The plain text a Static shows, whatever it was given (str, Rich text or a group)."""
    assert isinstance(widget, Static)
    content = widget.content
    if isinstance(content, str):
        return content
    console = Console(width=300, file=StringIO(), record=True)
    console.print(content)
    return console.export_text()


def open_collection(data_dir: Path, deck_dir: Path, clock: Clock) -> Collection:
    return Collection.open(Locations(data_dir), [deck_dir], clock, include_bundled=False)


def drill_app(collection: Collection, mode: Mode = Mode.REVIEW) -> InterviewPrepApp:
    return make_app(collection, start_deck=collection.resolve_deck("mini"), mode=mode,
                    cursor_blink=False)


@pytest.fixture
def reopen() -> Iterator[list[Collection]]:
    opened: list[Collection] = []
    yield opened
    for collection in opened:
        collection.close()


async def test_full_session_then_history_after_reopening(
    collection: Collection, data_dir: Path, deck_dir: Path, clock: Clock,
    reopen: list[Collection],
) -> None:
    app = drill_app(collection)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, DrillScreen)
        await pilot.press(*"Ask first")
        clock.advance(seconds=40)
        await pilot.press("ctrl+s")
        assert app.screen.revealed
        assert "Ask what the buyer writes" in text_of(app.screen.query_one(".guidance Static"))
        [saved] = collection.store.answers()
        assert (saved.text, saved.seconds, saved.rating) == ("Ask first", 40.0, None)
        await pilot.press("4")  # Easy graduates the card; Good would bring it back in 10 min
        # The tip card: reveal with space, rate Easy.
        assert app.screen.item is not None and app.screen.item.card.id == "punctual"
        await pilot.press("space", "4")
        # The objection: submit an empty answer (rehearsed aloud).
        await pilot.press("ctrl+s", "4")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.summary.cards_done == 3
        assert app.screen.summary.answers_saved == 2
    assert [a.text for a in collection.store.answers()] == ["", "Ask first"]
    assert [a.rating for a in collection.store.answers()] == [4, 4]
    collection.close()

    again = open_collection(data_dir, deck_dir, clock)
    reopen.append(again)
    app = drill_app(again, Mode.PRACTICE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        assert "Ask first" in text_of(app.screen.query_one("#attempt"))


async def test_rating_keys_do_nothing_before_reveal(collection: Collection) -> None:
    app = drill_app(collection)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        assert app.screen.query_one(TextArea).text == "3", "typing goes to the answer box"
        assert collection.store.reviews() == []


async def test_undo_brings_the_card_back_revealed(collection: Collection) -> None:
    app = drill_app(collection)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Pen story", "ctrl+s", "2")
        assert app.screen.item is not None and app.screen.item.card.id == "punctual"
        assert len(collection.store.reviews()) == 1
        await pilot.press("u")
        assert app.screen.item is not None and app.screen.item.card.id == "pen"
        assert app.screen.revealed, "the card comes back ready to be rated again"
        assert collection.store.reviews() == []
        await pilot.press("3")
        [answer] = collection.store.answers()
        assert answer.text == "Pen story" and answer.rating == 3


async def test_draft_survives_a_kill_and_is_restored(
    collection: Collection, data_dir: Path, deck_dir: Path, clock: Clock,
    reopen: list[Collection],
) -> None:
    app = drill_app(collection)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Half an answer")
        await pilot.pause(2.5)  # the draft is saved every two seconds
        # Read through a second connection while the app still runs: what a kill would leave.
        with Store(Locations(data_dir).database) as other:
            draft = other.draft(("mini", "en", "pen"))
        assert draft is not None and draft.text == "Half an answer"
    again = open_collection(data_dir, deck_dir, clock)
    reopen.append(again)
    app = drill_app(again)
    async with app.run_test(size=SIZE):
        assert app.screen.query_one(TextArea).text == "Half an answer"


async def test_leaving_the_drill_saves_the_draft(collection: Collection) -> None:
    app = drill_app(collection)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Typed then left", "escape")
        assert isinstance(app.screen, HomeScreen)
    draft = collection.store.draft(("mini", "en", "pen"))
    assert draft is not None and draft.text == "Typed then left"


async def test_timer_turns_to_warning_past_the_limit(collection: Collection,
                                                     clock: Clock) -> None:
    app = drill_app(collection)
    async with app.run_test(size=SIZE) as pilot:
        timer = app.screen.query_one(AnswerTimer)
        assert timer.limit == 90 and not timer.has_class("-over")
        clock.advance(seconds=91)
        timer.tick()
        await pilot.pause()
        assert timer.has_class("-over")
        assert "1:31 / 1:30" in text_of(timer)


async def test_home_shows_decks_and_broken_ones(
    data_dir: Path, deck_dir: Path, write_deck: WriteDeck, clock: Clock,
    reopen: list[Collection],
) -> None:
    write_deck()
    write_deck("id: broken\ntitle: Broken\nlanguage: en\ncards: []\n", name="broken.yaml")
    collection = open_collection(data_dir, deck_dir, clock)
    reopen.append(collection)
    app = make_app(collection, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        skipped = text_of(app.screen.query_one("#skipped"))
        assert "broken.yaml:4:8: 'cards' is empty" in skipped
        await pilot.press("enter")
        assert isinstance(app.screen, DrillScreen)


async def test_language_switch_and_every_language(
    data_dir: Path, deck_dir: Path, write_deck: WriteDeck, clock: Clock,
    reopen: list[Collection],
) -> None:
    from tests.conftest import SMALL_DECK

    write_deck()
    write_deck(SMALL_DECK.replace("language: en", "language: es").replace(
        "Mini deck", "Mazo mini"), name="mini-es.yaml")
    collection = open_collection(data_dir, deck_dir, clock)
    reopen.append(collection)
    app = make_app(collection, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(DataTable)
        assert [table.get_row_at(0)[0]] == ["Mini deck"]
        await pilot.press("l")
        assert [table.get_row_at(0)[0]] == ["Mazo mini"]
        assert collection.store.get_setting("language") == "es"
        await pilot.press("e")
        assert table.row_count == 2


async def test_settings_are_validated_and_saved(collection: Collection) -> None:
    app = make_app(collection, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        assert isinstance(app.screen, SettingsScreen)
        field = app.screen.query_one("#new_per_day", Input)
        field.value = "5"
        retention = app.screen.query_one("#desired_retention", Input)
        retention.value = "1.5"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SettingsScreen), "out-of-range retention is refused"
        assert "between 0.70 and 0.99" in text_of(app.screen.query_one("#settings-error"))
        retention.value = "0.85"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, HomeScreen)
    assert collection.store.get_setting("new_per_day") == "5"
    assert collection.settings.desired_retention == 0.85


async def test_stats_screen_shows_figures(collection: Collection) -> None:
    item = collection.next_card([collection.resolve_deck("mini")])
    assert item is not None
    from interviewprep.core.scheduling import Rating

    collection.rate(item, Rating.GOOD)
    app = make_app(collection, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, StatsScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        figures = text_of(app.screen.query_one("#stats-figures"))
        assert "Reviews: 1" in figures and "Streak: 1 day(s)" in figures


async def test_every_drill_key_is_in_the_command_palette(collection: Collection) -> None:
    app = drill_app(collection)
    async with app.run_test(size=SIZE):
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Submit answer", "Back", "Home"} <= titles
        await app.screen.run_action("submit")
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Again", "Hard", "Good", "Easy", "History"} <= titles


async def test_q_quits_from_home_only(collection: Collection) -> None:
    app = drill_app(collection)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        assert app.screen.query_one(TextArea).text == "q"
        await pilot.press("escape", "q")
        await pilot.pause()
        assert app.return_code is not None or not app.is_running


async def test_theme_choice_is_remembered(collection: Collection) -> None:
    app = make_app(collection, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "nord"
        await pilot.pause()
    assert collection.store.get_setting("theme") == "nord"
    again = make_app(collection, cursor_blink=False)
    async with again.run_test(size=SIZE):
        assert again.theme == "nord"


async def test_usable_at_80_by_24(collection: Collection) -> None:
    app = drill_app(collection)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Short answer", "ctrl+s")
        assert app.screen.query_one(".guidance").region.width > 20
        await pilot.resize_terminal(120, 40)
        await pilot.press("3")
        assert app.screen.item is not None and app.screen.item.card.id == "punctual"


async def test_quitting_mid_answer_keeps_the_draft(collection: Collection) -> None:
    app = drill_app(collection)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Typed then quit", "ctrl+q")
        await pilot.pause()
    draft = collection.store.draft(("mini", "en", "pen"))
    assert draft is not None and draft.text == "Typed then quit"
