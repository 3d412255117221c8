"""`interviewprep report`: Markdown and a self-contained HTML file that headless Chromium
renders to a PDF with the text in it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from interviewprep.core.collection import Collection
from interviewprep.core.scheduling import Rating
from interviewprep.locations import Locations
from tests.conftest import SMALL_DECK, Clock, RunCli, WriteDeck

HOSTILE_ANSWER = "Sorry <script>alert(1)</script> & I'll call back"
GOOD_ANSWER = "Ask the buyer how often they write, tie it to a problem, close for the sale: 3 pens"


@pytest.fixture
def rehearsed(write_deck: WriteDeck, data_dir: Path, deck_dir: Path) -> Path:
    """A deck whose prompt holds markup, and a week of answers and ratings."""
    write_deck(SMALL_DECK.replace("Sell me this pen.", "Sell me this <b>pen</b> & more."))
    clock = Clock()
    with Collection.open(Locations(data_dir), [deck_dir], clock=clock,
                         include_bundled=False) as collection:
        deck = collection.resolve_deck("mini")
        for card_id, text, rating in (("pen", "I'd ask what they write", Rating.HARD),
                                      ("budget", HOSTILE_ANSWER, Rating.AGAIN),
                                      ("pen", GOOD_ANSWER, Rating.GOOD),
                                      ("punctual", "Ten minutes early", Rating.GOOD)):
            item = collection.item(deck, card_id)
            answer_id = collection.record_answer(item, text, 41.0)
            collection.rate(item, rating, 41000, answer_id)
            if text == GOOD_ANSWER:  # said aloud too
                recording = collection.store.start_recording(
                    item.ref, "recordings/pen.wav", clock())
                collection.store.finish_recording(recording, 38.0)
                collection.store.attach_recording(recording, answer_id)
            clock.advance(days=3)
    return deck_dir


def test_report_markdown_has_latest_answers_points_ratings_and_weak_spots(
        cli: RunCli, rehearsed: Path, data_dir: Path) -> None:
    result = cli("--decks", rehearsed, "report", "--deck", "mini")
    assert result.code == 0, result.err
    out = result.out
    assert "3 cards rehearsed, 4 answers, 4 ratings." in out
    assert "The card's answer:\n\n> Five minutes early, with the link and audio tested." in out
    assert "### Sell me this &lt;b&gt;pen&lt;/b&gt; &amp; more." in out
    assert "Ratings: Hard → Good" in out
    assert "> Ask the buyer how often they write" in out and "<script>" not in out
    recording = (data_dir / "recordings" / "pen.wav").absolute().as_uri()
    assert f"- [Recording (38 s)]({recording})" in out
    assert "> Sorry &lt;script&gt;alert(1)&lt;/script&gt; &amp; I'll call back" in out
    assert "- [x] Ask what the buyer writes and how often" in out
    assert "| Mar 2, 2026 | 0 | 1 | 0 | 0 |" in out
    weak = out.split("## Weak spots")[1].split("##")[0]
    listed = [line for line in weak.splitlines() if line.startswith("- ")]
    assert listed[0].startswith("- We have no budget.")
    later = cli("--decks", rehearsed, "report", "--since", "2026-03-06")
    assert "2 cards rehearsed, 2 answers, 2 ratings." in later.out
    bad = cli("report", "--since", "March")
    assert bad.code == 1 and "not a date like" in bad.err


def test_report_html_is_escaped_self_contained_and_prints_to_pdf(
        cli: RunCli, rehearsed: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    result = cli("--decks", rehearsed, "report", "--format", "html", "--output", page)
    assert result.code == 0, result.err
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Sell me this &lt;b&gt;pen&lt;/b&gt; &amp; more." in html
    assert "http://" not in html and "https://" not in html and "src=" not in html
    assert '<a href="file://' in html and "Recording (38 s)</a>" in html
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'chromium'}", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", page.as_uri()],
        check=True, capture_output=True, timeout=60)
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], check=True,
                          capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    for expected in ("Rehearsal report", "Sell me this <b>pen</b> & more.", "Weak spots",
                     "Ratings over time", "Ask the buyer how often they write",
                     "Ask what the buyer writes and how often", "We have no budget.",
                     "Sorry <script>alert(1)</script> &"):
        assert expected in flat, expected


def test_report_never_replaces_a_file_without_asking(cli: RunCli, rehearsed: Path,
                                                     tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("MY OWN NOTES\n", encoding="utf-8")
    refused = cli("--decks", rehearsed, "report", "--output", notes)
    assert refused.code == 1 and "--force" in refused.err
    assert refused.err.count("\n") == 1
    assert notes.read_text(encoding="utf-8") == "MY OWN NOTES\n"
    declined = cli("--decks", rehearsed, "report", "--output", notes, stdin="n\n")
    assert declined.code == 1 and notes.read_text(encoding="utf-8") == "MY OWN NOTES\n"
    forced = cli("--decks", rehearsed, "report", "--output", notes, "--force")
    assert forced.code == 0
    assert notes.read_text(encoding="utf-8").startswith("# ")
    to_stdout = cli("--decks", rehearsed, "report", "--output", "-")
    assert to_stdout.code == 0 and to_stdout.out.startswith("# ")
    assert not (tmp_path / "-").exists()


def test_schema_and_anki_exports_ask_before_replacing_too(cli: RunCli, rehearsed: Path,
                                                          tmp_path: Path) -> None:
    for command, name in ((("schema",), "deck.schema.json"),
                          (("export-anki", "mini"), "mini.apkg")):
        target = tmp_path / name
        target.write_bytes(b"keep me")
        refused = cli("--decks", rehearsed, *command, "--output", target)
        assert refused.code == 1 and "--force" in refused.err, command
        assert target.read_bytes() == b"keep me", command
        assert cli("--decks", rehearsed, *command, "--output", target, "--force").code == 0
        assert target.read_bytes() != b"keep me", command
