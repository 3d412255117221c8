"""The TUI driven with Pilot over the real store in a temporary data folder."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual.widget import Widget
from textual.widgets import DataTable, Input, Static, TextArea

from interviewprep.core.card_queue import Mode
from interviewprep.core.collection import Collection
from interviewprep.core.drill_state import Phase
from interviewprep.core.scheduling import Rating
from interviewprep.core.store import Store
from interviewprep.core.voice.recorder import AudioDevice
from interviewprep.locations import Locations
from interviewprep.tui.app import InterviewPrepApp, make_app
from interviewprep.tui.screens.browser import BrowserScreen
from interviewprep.tui.screens.drill import DrillScreen
from interviewprep.tui.screens.history import HistoryScreen
from interviewprep.tui.screens.home import HomeScreen
from interviewprep.tui.screens.settings import SettingsScreen
from interviewprep.tui.screens.stats import StatsScreen
from interviewprep.tui.screens.summary import SummaryScreen
from interviewprep.tui.widgets.footer import AppFooter
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


def card_id(app: InterviewPrepApp) -> str | None:
    screen = app.screen
    assert isinstance(screen, DrillScreen)
    current = screen.session.current
    return None if current is None else current.card.id


def phase(app: InterviewPrepApp) -> Phase:
    screen = app.screen
    assert isinstance(screen, DrillScreen)
    return screen.session.phase


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
        assert phase(app) is Phase.REVEALED
        assert "Ask what the buyer writes" in text_of(app.screen.query_one("#guidance"))
        [saved] = collection.store.answers()
        assert (saved.text, saved.seconds, saved.rating) == ("Ask first", 40.0, None)
        await pilot.press("4")  # Easy graduates the card; Good would bring it back in 10 min
        # The tip card: reveal with space, rate Easy.
        assert card_id(app) == "punctual"
        await pilot.press("ctrl+s", "4")
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
        await pilot.press("ctrl+o")
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
        assert card_id(app) == "punctual"
        assert len(collection.store.reviews()) == 1
        await pilot.press("ctrl+r")
        assert card_id(app) == "pen"
        assert phase(app) is Phase.REVEALED, "the card comes back ready to be rated again"
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
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        screen.save_draft()  # what the two-second interval calls
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


async def test_timer_turns_to_warning_past_the_limit_when_answering_aloud(
    collection: Collection, clock: Clock,
) -> None:
    collection.update_settings(answer_mode="aloud")
    app = drill_app(collection)
    async with app.run_test(size=SIZE) as pilot:
        timer = app.screen.query_one(AnswerTimer)
        assert not timer.has_class("-over")
        clock.advance(seconds=91)
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        screen.tick()
        await pilot.pause()
        assert timer.has_class("-over")
        assert "1:31 / 1:30" in text_of(timer)
        await pilot.press("ctrl+t")  # switch to answering in writing: no speaking verdict
        assert not timer.has_class("-over") and "/ 1:30" not in text_of(timer)
        app.screen.query_one(TextArea).text = " ".join(["word"] * 70)
        await pilot.press("ctrl+s")
        shown = text_of(app.screen.query_one("#feedback"))
        assert "over the" not in shown


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
        assert [str(table.get_row_at(0)[0])] == ["Mini deck"]
        await pilot.press("l")
        assert [str(table.get_row_at(0)[0])] == ["Mazo mini"]
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
        retention.value = "1,5"
        await pilot.pause()
        assert "between 0.70 and 0.99" in text_of(app.screen.query_one("#settings-error"))
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SettingsScreen), "out-of-range retention is refused"
        assert collection.store.get_setting("new_per_day") is None, "all or nothing"
        retention.value = "0,85"  # a decimal comma is a decimal point
        retention.focus()
        await pilot.press("enter")  # Enter saves
        assert isinstance(app.screen, HomeScreen)
        await pilot.pause()
        assert any("Settings saved" in str(n.message) for n in app._notifications)
    assert collection.store.get_setting("new_per_day") == "5"
    assert collection.settings.desired_retention == 0.85


async def test_a_damaged_settings_row_falls_back_to_the_default(collection: Collection,
                                                               data_dir: Path) -> None:
    collection.store.set_setting("desired_retention", "lots")
    collection.store.set_setting("new_per_day", "-3")
    with Collection.open(Locations(data_dir), [], include_bundled=False) as again:
        assert again.settings.desired_retention == 0.9
        assert again.settings.new_per_day == 20


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
        assert "Reviews: 1" in figures and "Streak: 1 day" in figures


async def test_command_palette_holds_only_the_apps_own_commands(collection: Collection) -> None:
    app = make_app(collection, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert sorted(titles) == sorted([
            "Drill", "Drill everything due", "Practice", "Rehearse", "Mock interview",
            "Objection quick-fire", "Weak spots", "Browse", "Interviews",
            "New cards a day for this deck", "Switch the decks' language",
            "Show the decks of every language", "Stats", "Settings", "Theme", "Quit"])
        await pilot.press("enter")
        assert isinstance(app.screen, DrillScreen)
        commands = list(app.get_system_commands(app.screen))
        assert sorted(c.title for c in commands) == sorted([
            "Submit", "History", "Record/stop", "Aloud/typed", "Back", "Home", "Theme",
            "Quit"])
        assert all(c.help for c in commands), "every command says what it does"
        await pilot.press("ctrl+s")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert sorted(titles) == sorted([
            "Again", "Hard", "Good", "Easy", "History", "Aloud/typed", "Back", "Home",
            "Theme", "Quit"])


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
        assert app.screen.query_one("#guide").region.width > 20
        await pilot.resize_terminal(120, 40)
        await pilot.press("3")
        assert card_id(app) == "punctual"


async def test_quitting_mid_answer_keeps_the_draft(collection: Collection) -> None:
    app = drill_app(collection)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Typed then quit", "ctrl+q")
        await pilot.pause()
    draft = collection.store.draft(("mini", "en", "pen"))
    assert draft is not None and draft.text == "Typed then quit"


@pytest.mark.parametrize("answer", ["hace un año", "un cliente me dijo",
                                    "how I usually, um, 1 2 3 4 q space"])
async def test_every_printable_key_goes_into_the_answer(collection: Collection,
                                                        answer: str) -> None:
    app = drill_app(collection)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s", "3")  # a rating exists, so undo has something to undo
        assert card_id(app) == "punctual"
        await pilot.press("ctrl+s", "4")
        assert card_id(app) == "budget"
        await pilot.press(*answer)
        assert isinstance(app.screen, DrillScreen) and card_id(app) == "budget"
        assert app.screen.query_one(TextArea).text == answer
        assert len(collection.store.reviews()) == 2, "no key undid a rating"


HOSTILE = "[/] [bold]x[/bold] [link=https://example.com]y[/link] [@click=app.quit]z[/] [Company]"


async def test_deck_text_and_answers_are_shown_as_typed(
    data_dir: Path, deck_dir: Path, write_deck: WriteDeck, clock: Clock,
    reopen: list[Collection],
) -> None:
    import json

    write_deck(f"""\
id: hostile
title: {json.dumps("Deck " + HOSTILE)}
language: en
cards:
  - id: one
    kind: question
    prompt: {json.dumps("Prompt " + HOSTILE)}
    talking_points: [{json.dumps("Point " + HOSTILE)}, Ask a question, Name a number]
""", name="hostile.yaml")
    collection = open_collection(data_dir, deck_dir, clock)
    reopen.append(collection)
    app = make_app(collection, cursor_blink=False)
    answer = "Answer " + HOSTILE + " \x1b[31mred"
    async with app.run_test(size=(200, 40)) as pilot:
        table = app.screen.query_one(DataTable)
        assert str(table.get_row_at(0)[0]) == "Deck " + HOSTILE
        await pilot.press("enter")
        assert text_of(app.screen.query_one("#prompt")).strip() == "Prompt " + HOSTILE
        assert ("Deck " + HOSTILE) in text_of(app.screen.query_one("#drill-meta"))
        app.screen.query_one(TextArea).text = answer
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, DrillScreen), "no markup action ran"
        typed = text_of(app.screen.query_one("#typed")).strip()
        # Markup-like text is kept as typed; the escape character never enters the box.
        assert typed == "Answer " + HOSTILE + " [31mred"
        assert ("Point " + HOSTILE) in text_of(app.screen.query_one("#guidance"))
        await pilot.press("ctrl+o")
        assert ("Answer " + HOSTILE) in text_of(app.screen.query_one("#attempt"))
    [saved] = collection.store.answers()
    assert saved.text == answer.replace("\x1b", "")


async def test_nothing_to_drill_says_why_and_offers_more(collection: Collection) -> None:
    collection.update_settings(new_per_day=0)
    app = drill_app(collection)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, SummaryScreen)
        title = text_of(app.screen.query_one("#summary-title"))
        assert "this deck has 0 new cards a day" in title
        await pilot.press("n")
        assert isinstance(app.screen, DrillScreen) and card_id(app) == "pen"
        await pilot.press("escape")
    assert collection.new_left_today(collection.resolve_deck("mini")) == 10


async def test_practise_from_an_empty_drill(collection: Collection) -> None:
    collection.update_settings(new_per_day=0)
    app = drill_app(collection)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, DrillScreen)
        assert app.screen.session.mode is Mode.PRACTICE and card_id(app) == "pen"


async def test_a_deck_gets_its_own_new_card_limit(collection: Collection) -> None:
    app = make_app(collection, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        app.screen.query_one("#deck-limit", Input).value = "2"
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one(DataTable)
        assert str(table.get_row_at(0)[2]) == "2"
    assert collection.new_limit(collection.resolve_deck("mini")) == 2


async def test_history_marks_attempts_and_diffs_words(collection: Collection,
                                                      clock: Clock) -> None:
    deck = collection.resolve_deck("mini")
    item = collection.next_card([deck])
    assert item is not None
    collection.record_answer(item, "I would ask what the buyer writes every day", 30)
    clock.advance(seconds=61)
    collection.record_answer(item, "I would ask what the client writes every week", 30)
    app = drill_app(collection)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one(DataTable)
        assert str(table.get_row_at(0)[1]) == "Mar 2 9:01:01\u202fAM", "to the second"
        await pilot.press("m")
        assert str(table.get_row_at(0)[0]) == "●"
        await pilot.press("down", "d")
        attempt = app.screen.query_one("#attempt", Static)
        diff = attempt.content
        assert isinstance(diff, Text)
        changed = [diff.plain[span.start:span.end] for span in diff.spans]
        assert changed == ["buyer", "client", "day", "week"]


async def test_revealed_panels_scroll_with_the_keyboard(collection: Collection) -> None:
    app = drill_app(collection)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one(TextArea).text = "\n".join(f"line {n}" for n in range(80))
        await pilot.press("ctrl+s")
        mine = app.screen.query_one("#mine")
        assert app.focused is mine
        await pilot.press("pagedown")
        assert mine.scroll_y > 0
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#guide")


@pytest.mark.parametrize("size", [(60, 20), (200, 30)])
async def test_home_uses_the_width_it_has(collection: Collection,
                                          size: tuple[int, int]) -> None:
    app = make_app(collection, cursor_blink=False)
    async with app.run_test(size=size):
        table = app.screen.query_one(DataTable)
        columns = list(table.columns.values())
        labels = [str(c.label) for c in columns]
        widths = dict(zip(labels, (c.get_render_width(table) for c in columns), strict=True))
        visible_width = sum(widths[label] for label in ("Deck", "Due", "New"))
        assert visible_width <= size[0], "the counts stay on screen"
        if size[0] == 200:
            assert widths["Deck"] > 100, "deck names use the width"


async def test_a_busy_database_shows_a_notice_and_loses_nothing(
    collection: Collection, data_dir: Path,
) -> None:
    import sqlite3

    other = sqlite3.connect(data_dir / "interviewprep.sqlite3", isolation_level=None)
    app = drill_app(collection)
    try:
        async with app.run_test(size=SIZE) as pilot:
            other.execute("BEGIN IMMEDIATE")
            await pilot.press(*"typed while busy", "ctrl+s")
            notice = app.screen.query_one("#unsaved", Static)
            assert notice.display and "busy" in text_of(notice)
            await pilot.press("3")
            assert card_id(app) == "punctual"
            other.execute("ROLLBACK")
            screen = app.screen
            assert isinstance(screen, DrillScreen)
            screen.save_draft()  # the two-second tick
            await pilot.pause()
            assert not notice.display
    finally:
        other.close()
    [answer] = collection.store.answers()
    assert (answer.text, answer.rating) == ("typed while busy", 3)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", [(60, 20), (80, 24), (100, 30)])
async def test_footer_keys_fit_the_width(collection: Collection, size: tuple[int, int],
                                         language: str) -> None:
    app = make_app(collection, cursor_blink=False, ui_language=language)
    async with app.run_test(size=size) as pilot:
        for keys in ((), ("enter",), ("ctrl+s",)):
            await pilot.press(*keys)
            await pilot.pause()
            footer = app.screen.query_one(AppFooter)
            line = footer.render().plain
            assert cell_len(line) <= size[0] == footer.region.width, line
            declared, _palette = footer.keys()
            shown = [key for key in declared if f"{key.display} {key.description}" in line]
            # the most important keys, each whole, and nothing else
            assert shown and shown == declared[:len(shown)], line


async def test_clicking_a_key_in_the_footer_presses_it(collection: Collection) -> None:
    app = make_app(collection, cursor_blink=False, ui_language="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(AppFooter)
        line = footer.render().plain
        await pilot.click(AppFooter, offset=(line.index("Settings"), 0))
        assert isinstance(app.screen, SettingsScreen)


async def test_deck_browser_searches_suspends_and_opens_history(collection: Collection,
                                                                clock: Clock) -> None:
    deck = collection.resolve_deck("mini")
    item = collection.next_card([deck])
    assert item is not None
    collection.rate(item, Rating.GOOD, answer_id=collection.record_answer(item, "pen talk", 9))
    app = make_app(collection, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        assert isinstance(app.screen, BrowserScreen)
        table = app.screen.query_one(DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows[0][0] == "Sell me this pen."
        assert rows[0][2:] == ["learning", "Mar 2, 2026", "Good", "1"]
        assert rows[1][2:] == ["new", "—", "—", "0"]
        await pilot.press("slash", *"BUDGET")
        assert table.row_count == 1 and str(table.get_row_at(0)[0]) == "We have no budget."
        await pilot.press("enter", "x")  # back to the table, suspend the objection
        assert collection.browse(deck)[2].suspended
        assert collection.summary(deck).new == 1, "a suspended card is never drilled"
        await pilot.press("x")
        assert not collection.browse(deck)[2].suspended
        app.screen.query_one(Input).value = ""
        await pilot.pause()
        table.move_cursor(row=0)
        await pilot.press("enter")
        assert isinstance(app.screen, HistoryScreen)
        assert "pen talk" in text_of(app.screen.query_one("#attempt"))


async def test_editing_a_deck_in_the_editor_reloads_it(
    collection: Collection, deck_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\nsed -i 's/Sell me this pen./Sell me this stapler./' \"$1\"\n")
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.delenv("VISUAL", raising=False)
    app = make_app(collection, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b", "ctrl+e")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert str(table.get_row_at(0)[0]) == "Sell me this stapler."


async def test_submitting_right_after_fast_typing_keeps_every_key(collection: Collection) -> None:
    from textual import events

    app = drill_app(collection)
    async with app.run_test(size=SIZE) as pilot:
        typed = "Typed fast, 3 pens [/] then submitted"
        # All keys queued at once, as a fast typist, a paste or a browser delivers them.
        for character in typed:
            app.post_message(events.Key(character if character.isalnum() else {
                " ": "space", ",": "comma", "[": "left_square_bracket", "/": "slash",
                "]": "right_square_bracket"}[character], character))
        app.post_message(events.Key("ctrl+s", None))
        app.post_message(events.Key("3", "3"))
        await pilot.pause()
        await pilot.pause()
        assert card_id(app) == "punctual", "the rating typed right after was applied"
    [saved] = collection.store.answers()
    assert (saved.text, saved.rating) == (typed, 3)


async def test_record_play_and_transcribe_a_spoken_answer(collection: Collection) -> None:
    import time

    from interviewprep.core.voice.recorder import FakeDevice
    from tests.voice_helpers import pcm, voiced

    audio = pcm(voiced(1.0))
    device = FakeDevice([audio[i:i + 3200] for i in range(0, len(audio), 3200)])
    app = make_app(collection, start_deck=collection.resolve_deck("mini"),
                   cursor_blink=False, device_factory=lambda: device)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        await pilot.press("ctrl+g")
        deadline = time.monotonic() + 10
        while screen.session.voice.seconds < 1.0:
            assert time.monotonic() < deadline
            await pilot.pause(0.01)
        screen.show_level()
        assert "recording" in text_of(screen.query_one("#level"))
        await pilot.press("ctrl+s")
        assert "What you said" in text_of(screen.query_one("#typed"))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "transcribing" not in text_of(screen.query_one("#typed"))
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert device.played and device.played[-1] == audio
        await pilot.press("3", "ctrl+r", "ctrl+o")  # back to the card, then its history
        assert isinstance(app.screen, HistoryScreen)
        shown = text_of(app.screen.query_one("#attempt"))
        assert "Spoken (1 s)" in shown and "speaking" in shown
        device.played.clear()
        await pilot.press("p")
        await pilot.pause()
        assert device.played == [audio]
    [answer] = collection.store.answers()
    [recording] = collection.store.recordings(answer_id=answer.id)
    assert recording.transcript is not None and recording.transcript_engine == "pocketsphinx"


async def test_a_transcript_finishing_late_never_touches_the_next_answer(
        collection: Collection) -> None:
    from interviewprep.core.voice.recorder import FakeDevice
    from interviewprep.tui.screens import drill_voice
    from tests.voice_helpers import pcm, voiced

    audio = pcm(voiced(0.5))
    device = FakeDevice([audio], end=True)
    app = make_app(collection, start_deck=collection.resolve_deck("mini"),
                   cursor_blink=False, device_factory=lambda: device)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("ctrl+g")  # stop
        [recording_id] = screen.session.recordings
        # Submitting starts the transcription; rate before it ends and start typing.
        screen.session.submit("")
        screen.session.rate(Rating.GOOD)
        screen.session.reveal()  # past the tip card to the objection
        screen.show(screen.session.rate(Rating.GOOD))
        await pilot.pause()
        assert card_id(app) == "budget"
        await pilot.press(*"typed on the next card")
        # The worker for the first card finishes now, before the draft is saved.
        drill_voice._transcribed(screen, recording_id)
        await pilot.pause()
        assert screen.query_one(TextArea).text == "typed on the next card"


async def test_without_a_microphone_the_drill_says_so_once(collection: Collection) -> None:
    from interviewprep.core.voice import VoiceUnavailable

    def no_device() -> AudioDevice:
        raise VoiceUnavailable("voice features need the 'sounddevice' package: pip install x")

    app = make_app(collection, start_deck=collection.resolve_deck("mini"),
                   cursor_blink=False, device_factory=no_device)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g")
        await pilot.pause()
        [notice] = list(app._notifications)
        assert "pip install" in str(notice.message)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Record/stop" not in titles, "the key goes once it is known not to work"
        await pilot.press(*"typed instead", "ctrl+s")
    assert [a.text for a in collection.store.answers()] == ["typed instead"]


async def test_an_interview_added_in_the_app_is_planned_and_drilled(
    collection: Collection,
) -> None:
    from interviewprep.core import interviews, story_bank
    from interviewprep.tui.screens.add_interview import AddInterviewScreen
    from interviewprep.tui.screens.interviews import InterviewsScreen

    deck = collection.resolve_deck("mini")
    story = story_bank.add_story(collection, "The pen deal", situation="A buyer with no pen",
                                 action="I asked what they write", result="Sold 40 pens")
    story_bank.link_story(collection, story, deck, "pen")
    app = make_app(collection, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        assert "Press i" in text_of(app.screen.query_one("#next-interview"))
        await pilot.press("i")
        assert isinstance(app.screen, InterviewsScreen)
        await pilot.press("a")
        assert isinstance(app.screen, AddInterviewScreen)
        app.screen.query_one("#company", Input).value = "Acme [Corp]"
        app.screen.query_one("#day", Input).value = "2026-03-09"
        app.screen.query_one(TextArea).text = "Outbound SDR role: prospecting, BANT, quota."
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, InterviewsScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        detail = text_of(app.screen.query_one("#interview-plan"))
        assert "Acme [Corp]" in detail and "Today:" in detail, detail
        await pilot.press("enter")
        assert isinstance(app.screen, DrillScreen)
        assert app.screen.session.mode is Mode.LIST and card_id(app) == "pen"
        await pilot.press(*"I ask what they write", "ctrl+s")
        guidance = text_of(app.screen.query_one("#guidance"))
        assert "Your story: The pen deal" in guidance and "Sold 40 pens" in guidance
        await pilot.press("3")
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, HomeScreen)
        assert "Next interview: Acme [Corp], in 7 days" in text_of(
            app.screen.query_one("#next-interview"))
    [interview] = interviews.interviews(collection)
    assert interview.company == "Acme [Corp]"
    assert [r.card_id for r in collection.store.reviews()] == ["pen"]


async def test_typing_on_a_tip_card_runs_no_command(collection: Collection) -> None:
    app = drill_app(collection)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s", "4")
        assert phase(app) is Phase.RECALLING
        typed = "I hear you, usually 2 or 4 minutes"  # spaces and digits rated tips once
        await pilot.press(*typed)
        assert isinstance(app.screen, DrillScreen) and card_id(app) == "punctual"
        assert phase(app) is Phase.RECALLING, "typing never reveals a tip"
        assert app.screen.query_one(TextArea).text == typed
        assert len(collection.store.reviews()) == 1, "no key rated or undid a rating"
        await pilot.press("ctrl+s")
        assert phase(app) is Phase.REVEALED
        assert typed in text_of(app.screen.query_one("#typed"))
        await pilot.press("3")
    assert [r.card_id for r in collection.store.reviews()] == ["pen", "punctual"]
    newest = collection.store.answers()[0]
    assert (newest.card_id, newest.text) == ("punctual", typed)


async def test_a_crash_shows_no_typed_text_and_keeps_the_draft(
    collection: Collection, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from io import StringIO

    from rich.console import Console

    def broken(self: DrillScreen) -> None:
        typed_here = self.session.draft
        raise RuntimeError(f"a bug, {len(typed_here)} characters in")

    monkeypatch.setattr(DrillScreen, "action_history", broken)
    app = drill_app(collection)
    printed: list[object] = []
    monkeypatch.setattr(app, "_print_error_renderables",
                        lambda: printed.extend(app._exit_renderables))
    with pytest.raises(RuntimeError):
        async with app.run_test(size=SIZE) as pilot:
            app.screen.query_one(TextArea).text = "my secret answer about ACME"
            await pilot.press("ctrl+o")
            await pilot.pause()
    console = Console(file=StringIO(), width=120, record=True)
    for renderable in printed:
        console.print(renderable)
    shown = console.export_text()
    assert "RuntimeError" in shown and "a bug" in shown
    assert "my secret answer" not in shown, "no locals in the crash report"
    draft = collection.store.draft(("mini", "en", "pen"))
    assert draft is not None and draft.text == "my secret answer about ACME"


async def test_a_terminal_too_small_says_so_and_recovers(collection: Collection) -> None:
    from interviewprep.tui.screens.too_small import TooSmallScreen

    app = drill_app(collection)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"kept")
        await pilot.resize_terminal(40, 10)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert "40×10" in text_of(app.screen.query_one("#too-small"))
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert isinstance(app.screen, DrillScreen)
        assert app.screen.query_one(TextArea).text == "kept"


def test_a_replaced_word_and_its_replacement_are_apart_in_the_diff() -> None:
    from interviewprep.core.store import Answer
    from interviewprep.tui.screens.history import word_diff

    def answer(text: str) -> Answer:
        return Answer(1, "u", "mini", "en", "pen", text, 5.0, 0.0, None, False)

    shown = word_diff(answer("I ask about budget"), answer("Practice: ask about budget"))
    assert shown.plain == "I Practice: ask about budget"
    assert [shown.plain[s.start:s.end] for s in shown.spans] == ["I", "Practice:"]
