"""The role-played call as a Spanish-speaking tester met it, with Pilot on the bundled decks:
the whole scenario can be read (its goal is its last sentence), each line is labelled with
who says it (the card's `speaker`, else the buyer, translated), and the review names the
line the call went to, never a turn id. Plus the `speaker` key in the deck format."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widgets import DataTable, OptionList, Static, TextArea

from interviewprep.core.call import CallSession
from interviewprep.core.collection import Collection
from interviewprep.core.decks.validate import parse_deck
from interviewprep.locations import Locations
from interviewprep.tui.app import make_app
from interviewprep.tui.screens.home import HomeScreen
from interviewprep.tui.screens.rehearse import RehearseScreen
from interviewprep.tui.screens.roleplay import RolePlayScreen
from tests.conftest import Clock
from tests.test_modes import call_screen_opened
from tests.test_tui import text_of

PANEL = "promotion-panel-deal-review"
GOAL = {"en": "Goal: show MEDDICC thinking, be honest about gaps, defend or move the close "
              "date, and handle pressure from above with judgment.",
        "es": "Objetivo: demostrar criterio MEDDICC, ser honesto con lo que falta, defender "
              "o mover la fecha de cierre y responder con criterio a la presión de arriba."}


@pytest.fixture
def bundled(data_dir: Path, clock: Clock) -> Iterator[Collection]:
    opened = Collection.open(Locations(data_dir), [], clock=clock)
    yield opened
    opened.close()


def _visible_scenario(screen: RolePlayScreen) -> str:
    """The scenario's words as they show in its box now, lines joined."""
    box = screen.query_one("#scenario-box", VerticalScroll)
    static = screen.query_one("#scenario", Static)
    window = box.scrollable_content_region
    assert window.height > 0 and screen.region.contains_region(box.region)
    strips = static.render_lines(Region(0, round(box.scroll_y), static.size.width,
                                        window.height))
    return re.sub(r"\s+", " ", " ".join(strip.text for strip in strips)).strip()


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@pytest.mark.parametrize("language", ["en", "es"])
async def test_the_whole_scenario_can_be_read(bundled: Collection, language: str,
                                              size: tuple[int, int]) -> None:
    deck = bundled.resolve_deck(f"roleplay-calls@{language}")
    app = make_app(bundled, cursor_blink=False, ui_language=language)
    async with app.run_test(size=size) as pilot:
        await app.push_screen(RolePlayScreen(CallSession(bundled, bundled.item(deck, PANEL))))
        await pilot.pause()  # laid out before it is measured
        screen = app.screen
        assert isinstance(screen, RolePlayScreen)
        start = _visible_scenario(screen)
        assert start.startswith(("You are an SDR", "Eres SDR")), "it opens at its start"
        for _ in range(6):  # while the answer box has focus, as the person types
            await pilot.press("ctrl+down")
        await pilot.pause()
        assert isinstance(app.focused, TextArea)
        assert GOAL[language] in _visible_scenario(screen)
        for _ in range(6):
            await pilot.press("ctrl+up")
        await pilot.pause()
        assert _visible_scenario(screen) == start


async def test_the_panel_speaks_and_the_review_names_the_next_line(
        bundled: Collection, clock: Clock) -> None:
    deck = bundled.resolve_deck("roleplay-calls@es")
    app = make_app(bundled, cursor_blink=False, ui_language="es")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")  # every language; then the Spanish role-play deck
        home = app.screen
        assert isinstance(home, HomeScreen)
        home.query_one(DataTable).move_cursor(row=home.shown.index(deck))
        await pilot.press("r")
        assert isinstance(app.screen, RehearseScreen)
        options = app.screen.query_one(OptionList)
        ids = [str(options.get_option_at_index(i).id) for i in range(options.option_count)]
        options.highlighted = ids.index(f"call:{PANEL}")
        await pilot.press("enter")
        await call_screen_opened(app, pilot)
        screen = app.screen
        assert isinstance(screen, RolePlayScreen)
        assert text_of(screen.query_one("#prompt")).startswith("Panel: Tienes la palabra.")
        app.screen.query_one(TextArea).text = "Os traigo un negocio."
        clock.advance(seconds=10)
        await pilot.press("ctrl+s")
        second = screen.session.play.current
        assert second is not None and not second.end
        assert text_of(screen.query_one("#prompt")).startswith("Panel: ")
        for _ in range(10):  # whatever it takes to reach an ending
            if screen.session.play.finished:
                break
            app.screen.query_one(TextArea).text = "No lo sé."
            await pilot.press("ctrl+s")
        assert screen.session.play.finished
        results = text_of(screen.query_one("#results"))
    assert "Panel: Tienes la palabra." in results and "Cliente:" not in results
    assert "la llamada siguió con «" in results
    assert second.buyer[:30] in re.sub(r"\s+", " ", results)
    turn_ids = {t.id for t in bundled.card(deck, PANEL).turns}  # type: ignore[union-attr]
    assert not any(f"«{turn_id}»" in results or f" {turn_id}\n" in results
                   for turn_id in turn_ids)


@pytest.mark.parametrize(("language", "label"), [("en", "Buyer: "), ("es", "Cliente: ")])
async def test_without_a_speaker_the_lines_are_the_buyers(
        bundled: Collection, language: str, label: str) -> None:
    deck = bundled.resolve_deck(f"roleplay-calls@{language}")
    app = make_app(bundled, cursor_blink=False, ui_language=language)
    async with app.run_test(size=(100, 30)) as pilot:
        item = bundled.item(deck, "mock-cold-call")
        assert item.card.speaker is None
        await app.push_screen(RolePlayScreen(CallSession(bundled, item)))
        await pilot.pause()
        assert text_of(app.screen.query_one("#prompt")).startswith(label)


CALL = """\
id: calls
title: Calls
language: en
cards:
  - id: panel
    kind: roleplay
    prompt: A panel
    speaker: {speaker}
    scenario: You meet the panel.
    turns:
      - id: open
        buyer: Go ahead.
"""


def test_speaker_is_validated_and_kept(tmp_path: Path) -> None:
    deck, problems = parse_deck(CALL.format(speaker="Hiring panel").encode(),
                                tmp_path / "calls.yaml")
    assert problems == [] and deck is not None
    card = deck.cards[0]
    assert card.speaker == "Hiring panel"
    assert card.to_dict()["speaker"] == "Hiring panel"
    assert type(card).from_dict(card.to_dict()) == card
    for bad in ("x" * 41, "''", "[Panel]", '"Line one\\nline two"'):
        deck, problems = parse_deck(CALL.format(speaker=bad).encode(), tmp_path / "calls.yaml")
        assert deck is None and len(problems) == 1, bad
        assert "calls.yaml:8:" in str(problems[0]) and "speaker" in str(problems[0])
    question = textwrap.dedent("""\
        id: q
        title: Q
        language: en
        cards:
          - id: one
            kind: question
            prompt: Why sales?
            speaker: Panel
            talking_points: [A reason]
        """)
    deck, problems = parse_deck(question.encode(), tmp_path / "q.yaml")
    assert deck is None
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'q.yaml'}:8:5: 'speaker' belongs on roleplay cards only"]


def test_the_bundled_panel_cards_name_their_speaker(bundled: Collection) -> None:
    for language in ("en", "es"):
        card = bundled.card(bundled.resolve_deck(f"roleplay-calls@{language}"), PANEL)
        assert card is not None and card.speaker == "Panel"
