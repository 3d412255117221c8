"""What a person types is kept where they typed it: keys typed while the window is too small,
control characters pasted into an answer, the last rating of a session taken back, a
bundled deck refused to the editor, and the add-interview dialog's fields on escape. Pilot
over the real store in a temporary data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, TextArea

from interviewprep.core.collection import Collection
from interviewprep.core.drill_state import Phase
from interviewprep.locations import Locations, ensure_private_dir
from interviewprep.tui.app import make_app
from interviewprep.tui.screens.browser import BrowserScreen
from interviewprep.tui.screens.drill import DrillScreen
from interviewprep.tui.screens.summary import SummaryScreen
from interviewprep.tui.screens.too_small import TooSmallScreen
from interviewprep.tui.widgets.answer_box import AnswerBox
from interviewprep.tui.widgets.footer import AppFooter
from tests.conftest import Clock, WriteDeck
from tests.test_tui import SIZE, drill_app, text_of

PEN = ("mini", "en", "pen")


# -- a window too small -------------------------------------------------------------------

async def test_keys_typed_while_the_window_is_too_small_reach_the_answer(
        collection: Collection) -> None:
    app = drill_app(collection)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"kept ")
        await pilot.resize_terminal(50, 12)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert "Nothing is lost meanwhile" in text_of(app.screen.query_one("#too-small"))
        await pilot.press(*"typed while too smalx", "backspace", "l", "ctrl+s")
        app.post_message(events.Paste(", pasted"))
        await pilot.pause()
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        assert screen.query_one(TextArea).text == "kept typed while too small, pasted"
        assert screen.session.current is not None, "ctrl+s waited: nothing submitted blind"
        assert collection.store.answers() == []
        screen.save_draft()  # the two-second tick
    draft = collection.store.draft(PEN)
    assert draft is not None and draft.text == "kept typed while too small, pasted"


async def test_the_too_small_notice_covers_the_screen_beneath(collection: Collection) -> None:
    app = make_app(collection, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Mini" in app.export_screenshot()
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        shown = app.export_screenshot()
        assert "larger" in shown
        assert "Mini" not in shown and "decks" not in shown, "the home screen shows through"


# -- control characters in the answer box -------------------------------------------------

async def test_bidi_overrides_and_controls_never_reach_the_answer(
        collection: Collection) -> None:
    app = drill_app(collection)
    async with app.run_test(size=SIZE) as pilot:
        box = app.screen.query_one(AnswerBox)
        app.post_message(events.Paste("bidi \u202eevil\u202c end"))
        await pilot.pause()
        assert box.text == "bidi evil end"
        app.post_message(events.Paste("\nbell\x07 \x1b[2Jclear\u2066iso\u2069\r\nlast\tend"))
        await pilot.pause()
        assert box.text == "bidi evil end\nbell [2Jcleariso\nlast\tend"
        notices = [str(n.message) for n in app._notifications]
        assert sum("control characters" in n for n in notices) == 1, "said once"
        await pilot.press("ctrl+s")
        await pilot.pause()
    [answer] = collection.store.answers()
    assert answer.text == "bidi evil end\nbell [2Jcleariso\nlast\tend"


async def test_a_draft_with_controls_is_loaded_without_them(collection: Collection,
                                                            ) -> None:
    collection.store.save_draft(PEN, "old \u202edraft\u202c", 3.0, collection.clock())
    app = drill_app(collection)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one(AnswerBox).text == "old draft"
        assert isinstance(app.screen.query_one(AnswerBox), TextArea)
        assert not app.screen.query(Input)


# -- the last rating of a session ---------------------------------------------------------

async def test_the_last_rating_can_be_undone_from_the_summary(collection: Collection) -> None:
    app = drill_app(collection)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s", "4", "ctrl+s", "4")  # the question, then the tip
        app.screen.query_one(TextArea).text = "Budget answer"
        await pilot.press("ctrl+s", "4")  # mis-pressed: Easy, not Again
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "Undo" in app.screen.query_one(AppFooter).render().plain
        await pilot.press("ctrl+r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        assert screen.session.current is not None
        assert screen.session.current.card.id == "budget"
        assert screen.session.phase is Phase.REVEALED, "back to that card, to rate again"
        assert "Budget answer" in text_of(screen.query_one("#typed"))
        assert [r.card_id for r in collection.store.reviews()] == ["pen", "punctual"]
        await pilot.press("1")  # Again, as meant: the card comes back in this session
        assert screen.session.current.card.id == "budget"
        screen.query_one(TextArea).text = "Second try"
        await pilot.press("ctrl+s", "4")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("f3")  # F3 too
        await pilot.pause()
        assert isinstance(app.screen, DrillScreen)
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.summary.cards_done == 4
    ratings = [(r.card_id, r.rating) for r in collection.store.reviews()]
    assert ratings == [("pen", 4), ("punctual", 4), ("budget", 1), ("budget", 4)]
    budget = [(a.text, a.rating) for a in collection.store.answers() if a.card_id == "budget"]
    assert budget == [("Second try", 4), ("Budget answer", 1)], "each answer kept, rated"


# -- bundled decks are read-only ----------------------------------------------------------

async def test_a_bundled_deck_is_never_opened_in_the_editor(
        data_dir: Path, deck_dir: Path, tmp_path: Path, clock: Clock, write_deck: WriteDeck,
        monkeypatch: pytest.MonkeyPatch) -> None:
    ran = tmp_path / "editor-ran"
    editor = tmp_path / "editor.sh"
    editor.write_text(f"#!/bin/sh\necho \"$1\" > '{ran}'\n")
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.delenv("VISUAL", raising=False)
    mine = write_deck(folder=ensure_private_dir(Locations(data_dir).user_decks / "en"))
    with Collection.open(Locations(data_dir), [deck_dir], clock=clock) as collection:
        deck = collection.resolve_deck("ae-interview")
        before = deck.path.read_bytes()
        app = make_app(collection, cursor_blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await app.push_screen(BrowserScreen(collection, deck))
            await pilot.press("ctrl+e")
            await pilot.pause()
            assert isinstance(app.screen, BrowserScreen), "the deck is still there"
            [notice] = [str(n.message) for n in app._notifications]
            assert "read-only" in notice and "interviewprep add" in notice
            assert str(deck.path) in notice
            assert not ran.exists(), "the editor never opened the bundled file"
            # A deck of the person's own (in their decks folder) opens in the editor.
            await app.push_screen(BrowserScreen(collection, collection.resolve_deck("mini")))
            await pilot.press("ctrl+e")
            await pilot.pause()
        assert deck.path.read_bytes() == before
        assert ran.read_text().strip() == str(mine.absolute())


# -- the add-interview dialog ------------------------------------------------------------

async def test_escape_in_the_add_interview_dialog_asks_before_discarding(
        collection: Collection) -> None:
    from interviewprep.core import interviews
    from interviewprep.tui.screens.add_interview import AddInterviewScreen
    from interviewprep.tui.screens.confirm import ConfirmScreen
    from interviewprep.tui.screens.interviews import InterviewsScreen

    pasted = "Outbound SDR role: prospecting, BANT, quota.\nRemote, EMEA."
    app = make_app(collection, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i", "a", "escape")  # nothing typed: it just closes
        assert isinstance(app.screen, InterviewsScreen)
        await pilot.press("a")
        assert isinstance(app.screen, AddInterviewScreen)
        await pilot.press(*"Acme")
        app.screen.query_one(TextArea).text = pasted
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Discard" in text_of(app.screen.query_one("#confirm-question"))
        await pilot.press("n")  # keep editing: everything is still there
        dialog = app.screen
        assert isinstance(dialog, AddInterviewScreen)
        assert dialog.query_one("#company", Input).value == "Acme"
        assert dialog.query_one(TextArea).text == pasted
        await pilot.press("escape", "escape")  # escape on the question is no, too
        assert app.screen is dialog
        await pilot.press("escape", "y")
        assert isinstance(app.screen, InterviewsScreen)
    assert interviews.interviews(collection) == []
