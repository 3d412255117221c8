"""Anki both ways, with Anki's own code (the `anki` package) building the inputs and opening
the packages `export-anki` writes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from anki.collection import (
    Collection as AnkiCollection,
)
from anki.collection import (
    DeckIdLimit,
    ExportAnkiPackageOptions,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
)

from interviewprep.core.store import Store
from interviewprep.locations import Locations
from tests.conftest import SMALL_DECK, RunCli, WriteDeck


@pytest.fixture
def anki_files(tmp_path: Path) -> dict[str, Path]:
    """One Anki collection written out in every format import-anki reads."""
    (tmp_path / "anki").mkdir()
    col = AnkiCollection(str(tmp_path / "anki" / "collection.anki2"))
    basic, cloze = col.models.by_name("Basic"), col.models.by_name("Cloze")
    assert basic is not None and cloze is not None
    objections = col.decks.id("Sales::Objections")
    assert objections is not None
    note = col.new_note(basic)
    note["Front"] = "<b>We have no budget</b>&nbsp;this year<br><script>x()</script>"
    note["Back"] = "<div>Ask when budgets are set</div><div>Tom &amp; Jerry</div>"
    note.tags = ["objection", "budget"]
    col.add_note(note, objections)
    gap = col.new_note(cloze)
    gap["Text"] = "An SDR books {{c1::meetings}} for {{c2::AEs::role}}"
    col.add_note(gap, objections)
    card = note.cards()[0]
    card.start_timer()
    col.sched.answerCard(card, 3)
    out = tmp_path / "out"
    out.mkdir()
    files = {"apkg": out / "current.apkg", "legacy": out / "legacy.apkg",
             "colpkg": out / "all.colpkg", "text": out / "notes.txt",
             "plain": out / "Plain notes.txt"}
    for key, legacy in (("apkg", False), ("legacy", True)):
        col.export_anki_package(out_path=str(files[key]), limit=DeckIdLimit(objections),
                                options=ExportAnkiPackageOptions(
                                    with_scheduling=True, with_media=False, legacy=legacy))
    col.export_note_csv(out_path=str(files["text"]), limit=DeckIdLimit(objections),
                        with_html=True, with_tags=True, with_deck=True, with_notetype=True,
                        with_guid=True)
    # The plainest export: no HTML, no GUIDs, no deck column; tags only.
    col.export_note_csv(out_path=str(files["plain"]), limit=DeckIdLimit(objections),
                        with_html=False, with_tags=True, with_deck=False,
                        with_notetype=False, with_guid=False)
    col.close()
    reopened = AnkiCollection(str(tmp_path / "anki" / "collection.anki2"))
    reopened.export_collection_package(str(files["colpkg"]), include_media=False, legacy=False)
    reopened.close()
    return files


def _imported_cards(path: Path) -> list[dict[str, object]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return list(data["cards"])


def test_import_anki_reads_every_format_with_stable_ids(
        cli: RunCli, anki_files: dict[str, Path], data_dir: Path) -> None:
    result = cli("import-anki", anki_files["apkg"], "--with-scheduling")
    assert result.code == 0, result.err
    deck_file = data_dir / "decks" / "en" / "anki-sales-objections.yaml"
    assert result.out.splitlines()[0] == f"{deck_file}  (anki-sales-objections@en, 2 cards)"
    assert "1 review carried across" in result.out
    assert cli("validate", "--strict", deck_file).code == 0
    cards = _imported_cards(deck_file)
    assert [(c["kind"], c["prompt"], c["answer"]) for c in cards] == [
        ("tip", "We have no budget this year", "Ask when budgets are set\nTom & Jerry"),
        ("tip", "An SDR books […] for [role]", "An SDR books meetings for AEs"),
    ]
    assert cards[0]["tags"] == ["budget", "objection"]
    ids = [c["id"] for c in cards]
    assert all(re.fullmatch(r"anki-[0-9a-f]{12}", str(i)) for i in ids)
    with Store(Locations(data_dir).database) as store:
        [review] = store.reviews()
        assert (review.card_id, review.rating) == (ids[0], 3)
        state = store.card_state(("anki-sales-objections", "en", str(ids[0])))
        assert state is not None and state.last_review is not None

    # Re-importing, from any format, updates the same cards and adds no reviews twice.
    for key in ("apkg", "legacy", "colpkg", "text"):
        again = cli("import-anki", anki_files[key], "--with-scheduling")
        assert again.code == 0, (key, again.err)
        assert "0 reviews carried across" in again.out, key
        assert [c["id"] for c in _imported_cards(deck_file)] == ids, key
    data = cli("decks", "--json").json()
    assert isinstance(data, dict)
    keys = [d["key"] for d in data["decks"] if d["key"].startswith("anki-")]
    assert sorted(keys) == ["anki-sales-objections@en"]


def test_import_anki_plain_text_without_guids_keys_cards_by_their_front(
        cli: RunCli, anki_files: dict[str, Path], data_dir: Path) -> None:
    assert anki_files["plain"].read_text(encoding="utf-8").startswith("#separator:tab\n")
    result = cli("import-anki", anki_files["plain"], "--language", "es")
    assert result.code == 0, result.err
    deck_file = data_dir / "decks" / "es" / "anki-plain-notes.yaml"
    assert result.out.startswith(f"{deck_file}  (anki-plain-notes@es, 2 cards)")
    cards = _imported_cards(deck_file)
    assert cards[0]["prompt"] == "We have no budget this year"
    assert cards[0]["tags"] == ["budget", "objection"]
    again = cli("import-anki", anki_files["plain"], "--language", "es")
    assert again.code == 0 and _imported_cards(deck_file) == cards


def test_import_anki_refuses_what_is_not_anki(cli: RunCli, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.apkg"
    bogus.write_bytes(b"PK\x03\x04 not really a zip")
    result = cli("import-anki", bogus)
    assert result.code == 1 and result.err.count("\n") == 1
    assert "not an Anki package" in result.err


def _anki_notes(package: Path, folder: Path) -> list[tuple[str, list[str], list[str]]]:
    """Import `package` into the Anki collection in `folder` with Anki's default options
    (update a note when the package's copy is newer) and list its notes."""
    col = AnkiCollection(str(folder / "collection.anki2"))
    try:
        # Notes already here were imported a minute ago, as a person re-importing would
        # have them: Anki compares modification times in whole seconds.
        assert col.db is not None
        col.db.execute("UPDATE notes SET mod = mod - 60")
        col.import_anki_package(ImportAnkiPackageRequest(
            package_path=str(package), options=ImportAnkiPackageOptions()))
        return sorted((n.guid, list(n.fields), list(n.tags))
                      for n in (col.get_note(i) for i in col.find_notes("")))
    finally:
        col.close()


def test_export_anki_writes_a_package_anki_opens_and_updates(
        cli: RunCli, write_deck: WriteDeck, deck_dir: Path, tmp_path: Path) -> None:
    deck = write_deck()
    package = tmp_path / "mini.apkg"
    result = cli("--decks", deck_dir, "export-anki", "mini", "--output", package)
    assert result.code == 0 and "(3 notes)" in result.out, result.err
    anki_home = tmp_path / "anki-home"
    anki_home.mkdir()
    notes = _anki_notes(package, anki_home)
    by_guid = {guid: (fields, tags) for guid, fields, tags in notes}
    assert set(by_guid) == {"interviewprep:mini@en:pen", "interviewprep:mini@en:punctual",
                            "interviewprep:mini@en:budget"}
    front, back = by_guid["interviewprep:mini@en:pen"][0]
    assert front == "Sell me this pen."
    assert "<li>Ask what the buyer writes and how often</li>" in back
    assert by_guid["interviewprep:mini@en:pen"][1] == ["question"]
    assert by_guid["interviewprep:mini@en:punctual"][0][1].startswith("<div>Five minutes")

    # The coach edits the deck and exports again: Anki updates the notes, adds none.
    deck.write_text(deck.read_text().replace("Sell me this pen.", "Sell me <this> pen!"))
    assert cli("--decks", deck_dir, "export-anki", "mini", "-o", package,
               "--force").code == 0  # replacing the earlier package, on purpose
    notes = _anki_notes(package, anki_home)
    assert len(notes) == 3
    assert dict((g, f) for g, f, _ in notes)["interviewprep:mini@en:pen"][0] == \
        "Sell me &lt;this&gt; pen!"

    # And back: importing the package keeps the card ids.
    back_in = cli("import-anki", package)
    assert back_in.code == 0, back_in.err
    imported = _imported_cards(Path(back_in.out.split("  ")[0]))
    assert sorted(str(c["id"]) for c in imported) == ["budget", "pen", "punctual"]


def test_import_anki_refuses_text_that_is_not_an_anki_export(
        cli: RunCli, write_deck: WriteDeck, tmp_path: Path, data_dir: Path) -> None:
    write_deck()
    export = tmp_path / "backup.json"
    assert cli("export", "--output", export).code == 0
    samples = {"x.apkg": "hola\n", "broken.json": "{mal\n",
               "deck.yaml": SMALL_DECK, "notes.txt": "just one line of prose\n"}
    for name, text in samples.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    for path in [export, *(tmp_path / name for name in samples)]:
        result = cli("import-anki", path)
        assert result.code == 1 and result.err.count("\n") == 1, path
        assert "not an Anki" in result.err, path
    assert not (data_dir / "decks").exists() or not any((data_dir / "decks").rglob("*.yaml"))
    notes = tmp_path / "notes.tsv"
    notes.write_text("What is MEDDIC?\tA qualification framework\nWhy now?\tUrgency\n",
                     encoding="utf-8")
    assert cli("import-anki", notes).code == 0, "tab-separated notes without headers pass"
