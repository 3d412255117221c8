"""A draft belongs to the part of its card it was typed for (the card's own question, a mock
interview's follow-up, a turn of a role-played call) and comes back only there: through the
real store and the screens, including a database made before drafts had parts."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from textual.widgets import TextArea

from interviewprep.core.call import CallSession
from interviewprep.core.card_queue import Mode
from interviewprep.core.collection import Collection
from interviewprep.core.migrations import migrate
from interviewprep.core.mock import MockInterview
from interviewprep.core.store import Store
from interviewprep.tui.app import make_app
from interviewprep.tui.screens.drill import DrillScreen
from interviewprep.tui.screens.mock import MockScreen
from interviewprep.tui.screens.roleplay import RolePlayScreen
from tests.conftest import START
from tests.test_modes import SIZE, modes, type_into
from tests.test_tui import text_of

__all__ = ["modes"]  # the fixture, used by name

BOOKS_A_MEETING = ("Hi Dana, it's Sam from Rampwise, I'm calling because you're hiring ten "
                   "reps. How long does a new rep take to ramp today?")


def box_text(app: Any) -> str:
    return str(app.screen.query_one(TextArea).text)


async def test_a_follow_up_draft_never_becomes_the_main_question_draft(
        modes: Collection) -> None:
    deck = modes.resolve_deck("modes")
    app = make_app(modes, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(MockScreen(MockInterview(modes, [deck], questions=2)))
        type_into(app, "first answer")
        await pilot.press("ctrl+s")
        assert "last manager" in text_of(app.screen.query_one("#prompt"))
        type_into(app, "half typed second")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, MockScreen)

        # Practising the card asks its main question: its box is empty.
        await app.push_screen(DrillScreen(app.new_session([deck], Mode.PRACTICE)))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        assert text_of(screen.query_one("#prompt")).strip() == (
            "Why do you want to work in sales?")
        assert box_text(app) == ""
        await pilot.press("escape")
        await pilot.pause()

        # The next mock gives the follow-up its own draft back, and only the follow-up.
        await app.push_screen(MockScreen(MockInterview(modes, [deck], questions=2)))
        assert box_text(app) == ""
        type_into(app, "first answer again")
        await pilot.press("ctrl+s")
        assert "last manager" in text_of(app.screen.query_one("#prompt"))
        assert box_text(app) == "half typed second"
        await pilot.press("ctrl+s")
    ref = ("modes", "en", "why-sales")
    assert modes.store.draft(ref, "follow-up:0") is None, "answered: no longer a draft"
    assert modes.store.draft(ref) is None


async def test_a_later_turn_draft_comes_back_on_that_turn_only(modes: Collection) -> None:
    deck = next(d for d in modes.decks() if d.id != "modes")
    item = modes.item(deck, modes.cards(deck)[0].id)
    app = make_app(modes, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(RolePlayScreen(CallSession(modes, item)))
        type_into(app, BOOKS_A_MEETING)
        await pilot.press("ctrl+s")
        assert app.screen.session.play.current.id == "pain"  # type: ignore[attr-defined]
        type_into(app, "TURN TWO DRAFT")
        await pilot.press("escape")
        await pilot.pause()

        await app.push_screen(RolePlayScreen(CallSession(modes, item)))
        assert "Dana speaking" in text_of(app.screen.query_one("#prompt"))
        assert box_text(app) == "", "the opening line never gets turn two's draft"
        type_into(app, BOOKS_A_MEETING)
        await pilot.press("ctrl+s")
        assert box_text(app) == "TURN TWO DRAFT"
    assert modes.draft(item) is None


def test_drafts_from_before_parts_are_the_main_question_s(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    old = sqlite3.connect(path, isolation_level=None)
    migrate(old, target=9)  # the schema before drafts had parts
    old.execute("INSERT INTO drafts VALUES ('mini', 'en', 'budget', 'kept text', 7, 1000)")
    old.close()
    ref = ("mini", "en", "budget")
    with Store(path) as store:
        kept = store.draft(ref)
        assert kept is not None and (kept.text, kept.seconds) == ("kept text", 7)
        assert store.draft(ref, "follow-up:0") is None
        store.save_draft(ref, "to the follow-up", 3.0, START, "follow-up:0")
        again = store.draft(ref)
        assert again is not None and again.text == "kept text"
        store.record_answer(ref, "main answer", 9.0, START)
        assert store.draft(ref) is None
        other = store.draft(ref, "follow-up:0")
        assert other is not None and other.text == "to the follow-up"
