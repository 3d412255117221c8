"""The coach report and the card's history tell a card's own answers apart from the answers
to its follow-ups and role-play turns; person text in Markdown reads literally."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.widgets import DataTable, Static

from interviewprep.core.call import CallSession
from interviewprep.core.collection import Collection
from interviewprep.core.mock import MockInterview
from interviewprep.core.scheduling import Rating
from interviewprep.locations import Locations
from interviewprep.tui.app import make_app
from interviewprep.tui.screens.history import HistoryScreen
from tests.conftest import Clock, RunCli, WriteDeck
from tests.test_modes import MODES_DECK
from tests.test_roleplay import _doc_example

OWN = "I chose sales when I closed my first deal; I enjoy winning customers, 120% of quota."
FOLLOW_UP = "She would say I am coachable and persistent."


@pytest.fixture
def mocked(data_dir: Path, deck_dir: Path, write_deck: WriteDeck, clock: Clock) -> Any:
    """A mock interview whose first question had a follow-up, and a role-played call."""
    write_deck(MODES_DECK, name="modes.yaml")
    write_deck(_doc_example(), name="calls.yaml", dedent=False)
    with Collection.open(Locations(data_dir), [deck_dir], clock=clock,
                         include_bundled=False) as collection:
        deck = collection.resolve_deck("modes")
        mock = MockInterview(collection, [deck], questions=1)
        mock.submit(OWN)
        clock.advance(seconds=50)
        mock.submit(FOLLOW_UP)
        calls = collection.decks("en")
        call_deck = next(d for d in calls if d.id != "modes")
        card = next(c for c in collection.cards(call_deck) if c.kind.value == "roleplay")
        call = CallSession(collection, collection.item(call_deck, card.id))
        call.submit("Could you tell me more about how you report today?")
    return deck_dir, card.id


def test_report_shows_the_cards_own_answer_and_labels_follow_ups(
        cli: RunCli, mocked: tuple[Path, str]) -> None:
    deck_dir, call_id = mocked
    out = cli("--decks", deck_dir, "report").out
    why = out.split("### Why do you want to work in sales?")[1].split("###")[0]
    latest = why.split("Latest answer")[1].split("Answers to its follow-ups")[0]
    assert f"> {OWN[:30]}" in latest and FOLLOW_UP not in latest
    assert "1 attempt)" in latest
    assert "Touched 0 of 3" not in why and "- [x] A moment you chose sales" in why
    replies = why.split("Answers to its follow-ups and role-play turns")[1]
    assert "**follow-up: What would your last manager say about you?**" in replies
    assert f"> {FOLLOW_UP}" in replies
    assert "3 answers" in out.split("\n\n")[2]  # the totals count every answer
    html = cli("--decks", deck_dir, "report", "--format", "html").out
    assert "follow-up: What would your last manager say about you?" in html
    call = out.split("## Role-played calls")[1]
    assert "Latest answer" not in call, "a call has no answer to the card itself"
    assert "**turn " in call and "> Could you tell me more about how you report today?" in call
    assert call_id


async def test_history_labels_follow_up_answers(mocked: tuple[Path, str], data_dir: Path,
                                                clock: Clock) -> None:
    deck_dir, _call = mocked
    with Collection.open(Locations(data_dir), [deck_dir], clock=clock,
                         include_bundled=False) as collection:
        item = collection.item(collection.resolve_deck("modes"), "why-sales")
        app = make_app(collection)
        async with app.run_test(size=(110, 30)) as pilot:
            await app.push_screen(HistoryScreen(collection, item))
            await pilot.pause()
            table = app.screen.query_one(DataTable)
            newest, oldest = table.get_row_at(0), table.get_row_at(1)
            assert str(newest[-1]).startswith("follow-up: What would your")
            assert str(oldest[-1]) == "the card"
            shown = app.screen.query_one("#attempt", Static).content
            assert isinstance(shown, Text)
            assert shown.plain.startswith(
                "follow-up: What would your last manager say about you?\n\n" + FOLLOW_UP)


HOSTILE = "[click me](javascript:alert(1)) **bold** <script>alert(1)</script>"


def test_markdown_outputs_escape_markdown_and_html(cli: RunCli, write_deck: WriteDeck,
                                                   deck_dir: Path, data_dir: Path,
                                                   clock: Clock) -> None:
    write_deck()
    with Collection.open(Locations(data_dir), [deck_dir], clock=clock,
                         include_bundled=False) as collection:
        item = collection.item(collection.resolve_deck("mini"), "pen")
        collection.record_answer(item, HOSTILE + "\n1. listed\n---", 30)
    escaped = ("\\[click me\\](javascript:alert(1)) \\*\\*bold\\*\\* "
               "&lt;script&gt;alert(1)&lt;/script&gt;")
    report = cli("--decks", deck_dir, "report", "--format", "md").out
    export = cli("--decks", deck_dir, "export", "--format", "md", "--output", "-").out
    for out in (report, export):
        assert f"> {escaped}" in out
        assert "> 1\\. listed" in out and "> \\---" in out
        assert "[click me](" not in out and "**bold**" not in out and "<script>" not in out


def test_output_format_follows_the_extension_and_future_days_are_refused(
        cli: RunCli, write_deck: WriteDeck, deck_dir: Path, tmp_path: Path) -> None:
    write_deck()
    page = tmp_path / "client-report.html"
    assert cli("--decks", deck_dir, "report", "--output", page).code == 0
    assert page.read_text(encoding="utf-8").startswith("<!doctype html>")
    notes = tmp_path / "report.md"
    assert cli("--decks", deck_dir, "report", "--output", notes).code == 0
    assert notes.read_text(encoding="utf-8").startswith("# Rehearsal report")
    backup = tmp_path / "backup.md"
    assert cli("--decks", deck_dir, "export", "--output", backup).code == 0
    assert backup.read_text(encoding="utf-8").startswith("# interviewprep: rehearsed answers")
    clash = cli("--decks", deck_dir, "report", "--format", "md", "--output",
                tmp_path / "r.html")
    assert clash.code == 1 and clash.err == (
        f"interviewprep: error: --format md does not match {tmp_path / 'r.html'}, whose "
        "extension means html; change one of them\n")
    assert not (tmp_path / "r.html").exists()
    export_clash = cli("export", "--format", "json", "--output", tmp_path / "b.md")
    assert export_clash.code == 1 and "extension means md" in export_clash.err
    future = cli("report", "--since", "2999-01-01")
    assert future.code == 1 and future.err == (
        "interviewprep: error: --since: 2999-01-01 is in the future; give a day up to today\n")


def test_a_card_rated_only_good_is_no_weak_spot(cli: RunCli, write_deck: WriteDeck,
                                                deck_dir: Path, data_dir: Path,
                                                clock: Clock) -> None:
    write_deck()
    with Collection.open(Locations(data_dir), [deck_dir], clock=clock,
                         include_bundled=False) as collection:
        deck = collection.resolve_deck("mini")
        for card_id, rating in (("budget", Rating.GOOD), ("pen", Rating.HARD)):
            item = collection.item(deck, card_id)
            answer = collection.record_answer(item, "Something unrelated entirely.", 20)
            collection.rate(item, rating, 20000, answer)
    out = cli("--decks", deck_dir, "report").out
    weak = out.split("## Weak spots")[1].split("## ")[0]
    assert "Again or Hard" in weak and "Sell me this pen." in weak
    assert "We have no budget." not in weak, "rated Good: not a weak spot"
