"""Every subcommand through the real entry point (`python -m interviewprep`)."""

from __future__ import annotations

import json
import os
import re
import shlex
import stat
import subprocess
import sys
from pathlib import Path

from interviewprep import __version__
from interviewprep.core.collection import Collection
from interviewprep.core.scheduling import Rating
from interviewprep.locations import Locations
from tests.conftest import SMALL_DECK, RunCli, WriteDeck


def seed_answers(data_dir: Path, deck_dir: Path) -> None:
    with Collection.open(Locations(data_dir), [deck_dir]) as collection:
        deck = collection.resolve_deck("mini")
        for text, rating in (("first answer", Rating.HARD), ("second answer", Rating.GOOD)):
            item = collection.next_card([deck])
            assert item is not None
            answer_id = collection.record_answer(item, text, 33.0)
            collection.rate(item, rating, 33000, answer_id)


def test_version(cli: RunCli) -> None:
    result = cli("--version")
    assert (result.code, result.out.strip()) == (0, f"interviewprep {__version__}")


def test_every_subcommand_has_help(cli: RunCli) -> None:
    for command in ("decks", "validate", "add", "drill", "history", "export", "import",
                    "stats", "schema"):
        result = cli(command, "--help")
        assert result.code == 0 and "usage: interviewprep" in result.out, command


def test_unknown_command_is_one_line_exit_1(cli: RunCli) -> None:
    result = cli("frobnicate")
    assert result.code == 1
    assert result.err.count("\n") == 1 and "invalid choice" in result.err


def test_decks_lists_bundled_and_extra_and_skipped(cli: RunCli, write_deck: WriteDeck,
                                                  deck_dir: Path) -> None:
    write_deck()
    write_deck("id: broken\ntitle: [\n", name="broken.yaml")
    result = cli("--decks", deck_dir, "decks", "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert isinstance(data, dict)
    mini = next(d for d in data["decks"] if d["key"] == "mini@en")
    assert (mini["card_count"], mini["due"], mini["new"], mini["origin"]) == (3, 0, 3,
                                                                               "--decks")
    assert {d["key"] for d in data["decks"]} >= {"ae-interview@en", "ae-interview@es"}
    [skipped] = data["skipped"]
    assert skipped["path"].endswith("broken.yaml")
    assert "broken.yaml:3:1: YAML syntax error" in skipped["errors"][0]
    text = cli("--decks", deck_dir, "decks")
    assert text.code == 0 and "mini@en" in text.out and "Skipped:" in text.out


def test_validate_reports_all_errors_and_exit_status(cli: RunCli, write_deck: WriteDeck,
                                                     deck_dir: Path) -> None:
    good = write_deck()
    assert cli("validate", good).code == 0
    bad = write_deck(SMALL_DECK.replace("kind: tip", "kind: tipp").replace(
        "id: budget", "id: pen"), name="bad.yaml")
    result = cli("validate", deck_dir)
    assert result.code == 1
    assert f"{bad}:15:11: unknown kind 'tipp'" in result.out
    assert f"{bad}:18:9: duplicate card id 'pen' (first at line 6)" in result.out
    assert "1 deck valid" in result.out
    missing = cli("validate", deck_dir / "nope.yaml")
    assert missing.code == 1 and "no such file or folder" in missing.out


def test_add_copies_a_valid_deck_privately(cli: RunCli, write_deck: WriteDeck,
                                           data_dir: Path) -> None:
    source = write_deck()
    result = cli("add", source)
    assert result.code == 0, result.err
    copied = data_dir / "decks" / "en" / "mini.yaml"
    assert copied.read_text(encoding="utf-8") == SMALL_DECK
    assert stat.S_IMODE(copied.stat().st_mode) == 0o600
    for folder in (data_dir, data_dir / "decks", data_dir / "decks" / "en"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    listed = cli("decks", "--json").json()
    assert isinstance(listed, dict)
    assert any(d["key"] == "mini@en" and d["origin"] == "yours" for d in listed["decks"])


def test_add_refuses_invalid_and_clashing_decks(cli: RunCli, write_deck: WriteDeck,
                                                data_dir: Path) -> None:
    bad = write_deck("id: x\n", name="bad.yaml")
    result = cli("add", bad)
    assert result.code == 1 and "not added" in result.err and "Traceback" not in result.err
    clash = write_deck(SMALL_DECK.replace("id: mini", "id: ae-interview"), name="clash.yaml")
    result = cli("add", clash)
    assert result.code == 1 and "already loaded" in result.err
    assert not (data_dir / "decks" / "en" / "ae-interview.yaml").exists()


def test_history_newest_first_and_filters(cli: RunCli, write_deck: WriteDeck,
                                          deck_dir: Path, data_dir: Path) -> None:
    write_deck()
    seed_answers(data_dir, deck_dir)
    result = cli("--decks", deck_dir, "history", "--json")
    assert result.code == 0
    answers = result.json()
    assert isinstance(answers, list)
    assert [a["text"] for a in answers] == ["second answer", "first answer"]
    assert [a["rating"] for a in answers] == [3, 2]
    only_pen = cli("history", "--deck", "mini", "--card", "pen", "--json").json()
    assert isinstance(only_pen, list) and [a["card_id"] for a in only_pen] == ["pen"]
    text = cli("history")
    assert "mini@en / punctual" in text.out and "second answer" in text.out


def test_history_of_a_deck_that_does_not_exist_says_so(cli: RunCli, write_deck: WriteDeck,
                                                      deck_dir: Path) -> None:
    write_deck()
    typo = cli("--decks", deck_dir, "history", "--deck", "minni")
    assert typo.code == 1 and "minni" in typo.err and typo.err.count("\n") == 1
    unanswered = cli("--decks", deck_dir, "history", "--deck", "mini")
    assert unanswered.code == 0 and "No rehearsed answers yet." in unanswered.out


def test_export_and_import_round_trip_without_duplicates(
    cli: RunCli, write_deck: WriteDeck, deck_dir: Path, data_dir: Path, tmp_path: Path
) -> None:
    write_deck()
    seed_answers(data_dir, deck_dir)
    out = tmp_path / "backup.json"
    tmp_path.chmod(0o755)
    assert cli("export", "--format", "json", "--output", out).code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o755, "the user's folder is left alone"
    missing = cli("export", "--output", tmp_path / "no-such-folder" / "x.json")
    assert missing.code == 1 and "no-such-folder does not exist" in missing.err
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert len(exported["answers"]) == 2 and len(exported["reviews"]) == 2

    other = tmp_path / "other-data"
    first = cli("--data-dir", other, "import", out)
    assert first.code == 0 and "imported 2 answers and 2 reviews; skipped 0" in first.out
    again = cli("--data-dir", other, "import", out)
    assert "imported 0 answers and 0 reviews; skipped 4 already here" in again.out
    restored = cli("--data-dir", other, "history", "--json").json()
    assert isinstance(restored, list)
    assert [a["text"] for a in restored] == ["second answer", "first answer"]
    with Collection.open(Locations(other), [deck_dir]) as collection:
        assert collection.store.card_state(("mini", "en", "pen")) is not None


def test_export_markdown_for_a_coach(cli: RunCli, write_deck: WriteDeck, deck_dir: Path,
                                     data_dir: Path) -> None:
    write_deck()
    seed_answers(data_dir, deck_dir)
    result = cli("--decks", deck_dir, "export", "--format", "md")
    assert result.code == 0
    assert "## Mini deck (mini@en)" in result.out
    assert "### Sell me this pen." in result.out
    assert "> first answer" in result.out and "Hard" in result.out


def test_import_rejects_bad_files_with_one_line(cli: RunCli, tmp_path: Path) -> None:
    not_json = tmp_path / "x.json"
    not_json.write_text("{nope", encoding="utf-8")
    result = cli("import", not_json)
    assert result.code == 1 and "x.json:1:2: not valid JSON" in result.err
    wrong = tmp_path / "y.json"
    wrong.write_text('{"answers": []}', encoding="utf-8")
    result = cli("import", wrong)
    assert result.code == 1 and "not an interviewprep JSON export" in result.err
    missing = cli("import", tmp_path / "missing.json")
    assert missing.code == 1 and "Traceback" not in missing.err


def test_stats_json(cli: RunCli, write_deck: WriteDeck, deck_dir: Path,
                    data_dir: Path) -> None:
    write_deck()
    seed_answers(data_dir, deck_dir)
    stats = cli("stats", "--json").json()
    assert isinstance(stats, dict)
    assert stats["total_reviews"] == 2 and stats["total_answers"] == 2
    assert stats["streak_days"] == 1
    assert stats["reviews_per_day"][-1]["reviews"] == 2
    assert sum(day["due"] for day in stats["due_forecast"]) == 2
    assert "Streak: 1 day\n" in cli("stats").out


def test_schema_is_json(cli: RunCli) -> None:
    schema = cli("schema").json()
    assert isinstance(schema, dict) and schema["required"] == ["id", "title", "language",
                                                               "cards"]


def test_drill_unknown_deck_is_a_one_line_error(cli: RunCli, tmp_path: Path) -> None:
    result = cli("drill", "no-such-deck")
    assert result.code == 1 and "no deck 'no-such-deck@en'" in result.err
    assert "Traceback" not in result.err
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\n", encoding="utf-8")
    result = cli("drill", broken)
    assert result.code == 1 and "broken.yaml:1:1: deck is missing required key" in result.out


def test_corrupt_database_is_an_error_not_a_traceback(cli: RunCli, data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "interviewprep.sqlite3").write_bytes(b"this is not sqlite" * 100)
    result = cli("history")
    assert result.code == 1 and "database is damaged" in result.err
    assert "restore a backup" in result.err
    assert (data_dir / "interviewprep.sqlite3").read_bytes() == b"this is not sqlite" * 100


def test_data_dir_that_is_a_file_is_a_one_line_error(cli: RunCli, tmp_path: Path) -> None:
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x", encoding="utf-8")
    result = cli("--data-dir", a_file, "decks")
    assert result.code == 1
    assert result.err.strip() == (f"interviewprep: error: the data folder {a_file} is a "
                                  "file, not a folder")


def test_add_asks_before_replacing_your_deck(cli: RunCli, write_deck: WriteDeck,
                                             data_dir: Path) -> None:
    source = write_deck()
    assert cli("add", source).code == 0
    changed = write_deck(SMALL_DECK.replace("Mini deck", "Mini deck, revised"))
    refused = cli("add", changed)
    assert refused.code == 1 and refused.err.count("\n") == 1 and "--force" in refused.err
    copied = data_dir / "decks" / "en" / "mini.yaml"
    assert "revised" not in copied.read_text(encoding="utf-8")
    assert cli("add", changed, "--force").code == 0
    assert "revised" in copied.read_text(encoding="utf-8")


def test_history_falls_back_to_the_language_with_answers(cli: RunCli, write_deck: WriteDeck,
                                                         deck_dir: Path,
                                                         data_dir: Path) -> None:
    write_deck()
    seed_answers(data_dir, deck_dir)
    result = cli("--lang", "es", "history", "--deck", "mini")
    assert result.code == 0 and "second answer" in result.out
    assert "no answers for mini in es; showing mini in en" in result.err
    assert cli("--lang", "es", "history", "--deck", "mini@es").out.startswith(
        "No rehearsed answers yet.")
    # A local date and time to the second, in the interface language (Babel's medium formats).
    assert re.search(r"^\w{3} \d{1,2}, \d{4} \d{1,2}:\d\d:\d\d\u202f[AP]M  mini@en / ",
                     result.out, re.M)


def test_global_option_after_the_command(cli: RunCli) -> None:
    result = cli("decks", "--lang", "es")
    assert result.code == 0 and result.out.startswith("Decks (current language: es)")


def test_decks_into_a_closed_pipe_is_quiet(data_dir: Path) -> None:
    env = {**os.environ, "INTERVIEWPREP_DATA_DIR": str(data_dir)}
    done = subprocess.run(
        f"{shlex.quote(sys.executable)} -m interviewprep decks | head -1", shell=True,
        capture_output=True, text=True, env=env, check=False, timeout=60)
    assert done.stdout.startswith("Decks (current language:") and done.stdout.count("\n") == 1
    assert done.stderr == ""


def test_deck_text_never_reaches_the_terminal_raw(cli: RunCli, write_deck: WriteDeck,
                                                  deck_dir: Path) -> None:
    hostile = write_deck(SMALL_DECK.replace("title: Mini deck", 'title: "Mini \\x9b2J deck"'),
                         name="hostile.yaml", folder=deck_dir / "other")
    listed = cli("--decks", deck_dir / "other", "decks")
    validated = cli("validate", hostile)
    for out in (listed.out, listed.err, validated.out, validated.err):
        assert "\x9b" not in out
    assert "hostile.yaml:2:8:" in validated.out and "hostile.yaml" in listed.out


def test_a_language_without_decks_is_pointed_out(cli: RunCli, write_deck: WriteDeck,
                                                 deck_dir: Path) -> None:
    write_deck()
    result = cli("--decks", deck_dir, "--lang", "xx", "decks")
    assert result.code == 0
    assert "no decks in 'xx'; decks exist in: en, es" in result.err
    assert cli("--decks", deck_dir, "--lang", "es", "decks").err == ""
