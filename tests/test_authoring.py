"""Deck authoring through the real entry point: new, schema --output, validate warnings and
--strict, fmt, and add --link / unlink / remove."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from interviewprep.core.decks import schema
from tests.conftest import SMALL_DECK, RunCli, WriteDeck


def test_new_writes_a_commented_valid_starter_deck_with_a_schema_modeline(
        cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "coach" / "acme-ae.yaml"
    target.parent.mkdir()
    result = cli("new", "acme-ae", "--language", "es", "--roles", "ae,sdr", "--output", target)
    assert result.code == 0, result.err
    text = target.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first == "# yaml-language-server: $schema=./interviewprep.schema.json"
    schema_file = target.parent / "interviewprep.schema.json"
    assert json.loads(schema_file.read_text()) == schema.json_schema()
    data = yaml.safe_load(text)
    assert (data["id"], data["language"], data["roles"]) == ("acme-ae", "es", ["ae", "sdr"])
    assert sorted(c["kind"] for c in data["cards"]) == ["objection", "question", "tip"]
    assert "¿" in text and "# Una pregunta" in text  # Spanish text and comments
    checked = cli("validate", "--strict", target)
    assert checked.code == 0, checked.out
    assert "warning" not in checked.out

    again = cli("new", "acme-ae", "--output", target)
    assert again.code == 1 and "already exists; --force" in again.err
    assert target.read_text(encoding="utf-8") == text
    assert cli("new", "acme-ae", "--output", target, "--force").code == 0
    assert "language: en" in target.read_text(encoding="utf-8")


def test_new_refuses_a_bad_id_in_one_line(cli: RunCli) -> None:
    bad = cli("new", "Not An Id")
    assert bad.code == 1 and bad.err.count("\n") == 1 and "not a valid deck id" in bad.err


def test_schema_output_writes_the_schema_file(cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "deck.schema.json"
    result = cli("schema", "--output", out)
    assert result.code == 0 and str(out) in result.out
    assert json.loads(out.read_text()) == schema.json_schema()


WARNED_DECK = """\
id: ae-interview
title: Clashing
language: en
cards:
  - id: lost
    kind: question
    prompt: Tell me about a deal you lost.
    answer: Own it.
  - id: lost-again
    kind: question
    prompt: Tell me about a deal that you lost
    talking_points: [Own your part]
  - id: long
    kind: objection
    prompt: "{long}"
    talking_points: [Listen]
"""


def test_validate_warns_and_strict_fails_on_warnings(cli: RunCli,
                                                    write_deck: WriteDeck) -> None:
    path = write_deck(WARNED_DECK.replace("{long}", "word " * 80))
    result = cli("validate", path)
    assert result.code == 0, result.out
    out = result.out
    assert f"{path}:5:5: warning: card 'lost': a question without talking_points" in out
    assert "card 'lost': prompt nearly duplicates card 'lost-again' in this deck" in out
    assert "card 'long': the prompt is 400 characters" in out
    assert "deck id 'ae-interview@en' is a bundled deck's" in out
    assert "4 warnings" in out
    strict = cli("validate", "--strict", path)
    assert strict.code == 1 and "failing because of --strict" in strict.out
    clean = write_deck(SMALL_DECK.replace("Sell me this pen.", "Pitch our app to a dentist."),
                       name="mini.yaml")
    assert cli("validate", "--strict", clean).code == 0


def test_validate_warns_about_near_duplicates_of_bundled_cards(
        cli: RunCli, write_deck: WriteDeck) -> None:
    path = write_deck()  # "Sell me this pen." is a bundled card too
    result = cli("validate", "--strict", path)
    assert result.code == 1
    assert "card 'pen': prompt nearly duplicates card" in result.out
    assert "in deck 'ae-interview@en'" in result.out


UNFORMATTED = """\
# Coach's deck: keep this comment
id: fmt-deck
title: Fmt deck
language: en
cards:
- kind: question   # no id yet
  prompt: Tell me about a deal you lost.
  talking_points:
  -   Own your part
- id: kept
  kind: tip
  prompt: Arrive early.
  answer: Five minutes.
- kind: objection
  prompt: "Objeción: precio"
  talking_points: [Listen]
"""


def test_fmt_fills_ids_keeps_comments_and_check_mode(cli: RunCli, write_deck: WriteDeck) -> None:
    path = write_deck(UNFORMATTED, name="fmt.yaml")
    check = cli("fmt", "--check", path)
    assert check.code == 1 and "would be reformatted" in check.out
    assert path.read_text(encoding="utf-8") == UNFORMATTED
    result = cli("fmt", path)
    assert result.code == 0, result.out + result.err
    text = path.read_text(encoding="utf-8")
    assert "# Coach's deck: keep this comment" in text and "# no id yet" in text
    data = yaml.safe_load(text)
    assert [c["id"] for c in data["cards"]] == [
        "tell-me-about-a-deal-you", "kept", "objeción-precio"]
    assert "  - id: tell-me-about-a-deal-you\n    kind: question # no id yet" in text
    assert cli("validate", path).code == 0
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_fmt_reports_a_broken_file_without_touching_it(cli: RunCli,
                                                       write_deck: WriteDeck) -> None:
    path = write_deck("id: x\ntitle: [\n", name="broken.yaml")
    result = cli("fmt", path)
    assert result.code == 1 and "YAML syntax error" in result.out
    assert path.read_text() == "id: x\ntitle: [\n"


def _decks(cli: RunCli) -> dict[str, dict[str, object]]:
    data = cli("decks", "--json").json()
    assert isinstance(data, dict)
    return {d["key"]: d for d in data["decks"]}


def test_add_link_uses_the_file_in_place_reloads_edits_and_unlinks(
        cli: RunCli, write_deck: WriteDeck) -> None:
    path = write_deck()
    linked = cli("add", "--link", path)
    assert linked.code == 0 and "linked mini@en (3 cards)" in linked.out
    mini = _decks(cli)["mini@en"]
    assert (mini["origin"], mini["card_count"], mini["path"]) == ("linked", 3, str(path))
    # The coach edits the file in place: the next start sees the new card.
    write_deck(SMALL_DECK + "  - id: extra\n    kind: tip\n    prompt: P\n    answer: A\n")
    assert _decks(cli)["mini@en"]["card_count"] == 4
    other = write_deck(name="other.yaml")  # same id, another file: it would shadow the link
    refused = cli("add", other)
    assert refused.code == 1 and "is linked from" in refused.err and "unlink" in refused.err

    # The linked file goes missing: reported, not silently dropped; unlink forgets it.
    path.unlink()
    data = cli("decks", "--json").json()
    assert isinstance(data, dict) and "mini@en" not in {d["key"] for d in data["decks"]}
    [skipped] = [s for s in data["skipped"] if s["path"] == str(path)]
    assert "linked deck file is missing" in skipped["errors"][0]
    gone = cli("unlink", path)
    assert gone.code == 0 and "unlinked" in gone.out


def test_add_copy_refuses_to_overwrite_or_shadow(cli: RunCli, write_deck: WriteDeck,
                                                data_dir: Path) -> None:
    path = write_deck()
    assert cli("add", path).code == 0
    again = cli("add", path)
    assert again.code == 1 and "Replace that copy? Not without --force" in again.err
    assert cli("add", "--force", path).code == 0
    link = cli("add", "--link", path)
    assert link.code == 1 and "'interviewprep remove mini@en' first" in link.err
    removed = cli("remove", "mini")
    assert removed.code == 0 and "moved to" in removed.out
    assert [p.name.split(".")[0] for p in (data_dir / "removed-decks").iterdir()] == ["mini"]
    bundled = cli("remove", "ae-interview")
    assert bundled.code == 1 and "not one of your decks" in bundled.err
