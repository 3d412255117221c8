"""Export and import as untrusted ground: planted links, odd targets, a full disk, hostile
import files. Every case runs through the real entry point (`python -m interviewprep`)."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from interviewprep.core.collection import Collection
from interviewprep.core.scheduling import Rating
from interviewprep.locations import Locations
from tests.conftest import RunCli, WriteDeck


def seed(data_dir: Path, deck_dir: Path, texts: tuple[str, ...] = ("first", "second")) -> None:
    with Collection.open(Locations(data_dir), [deck_dir]) as collection:
        deck = collection.resolve_deck("mini")
        for text in texts:
            item = collection.next_card([deck])
            assert item is not None
            answer_id = collection.record_answer(item, text, 12.0)
            collection.rate(item, Rating.GOOD, 12000, answer_id)


@pytest.fixture
def seeded(write_deck: WriteDeck, deck_dir: Path, data_dir: Path) -> Path:
    write_deck()
    seed(data_dir, deck_dir)
    return deck_dir


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_export_never_writes_through_a_planted_link(cli: RunCli, seeded: Path,
                                                    tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    secret = tmp_path / "elsewhere.txt"
    # The old fixed temporary name, and the target itself, point somewhere else.
    (out_dir / ".backup.json.tmp").symlink_to(secret)
    result = cli("export", "--output", out_dir / "backup.json")
    assert result.code == 0, result.err
    assert not secret.exists(), "nothing was written through the planted link"
    assert json.loads((out_dir / "backup.json").read_text(encoding="utf-8"))["answers"]
    (out_dir / "linked.json").symlink_to(secret)
    result = cli("export", "--output", out_dir / "linked.json", "--force")
    assert result.code == 1 and "symbolic link; not following it" in result.err
    assert result.err.count("\n") == 1
    assert not secret.exists() and (out_dir / "linked.json").is_symlink()
    assert leftovers(out_dir) == [".backup.json.tmp"]


@pytest.mark.parametrize(("target", "expected"), [
    ("", "--output needs a file name"), (".", "not a file name"), ("/", "not a file name"),
    ("DIR", "is a folder, not a file"), ("/dev/null", "not a regular file"),
    ("FIFO", "not a regular file"), ("DIR/missing/x.json", "does not exist"),
])
def test_export_refuses_odd_targets_with_one_line(cli: RunCli, seeded: Path, tmp_path: Path,
                                                  target: str, expected: str) -> None:
    folder = tmp_path / "dir"
    folder.mkdir()
    os.mkfifo(tmp_path / "fifo")
    path = target.replace("DIR", str(folder)).replace("FIFO", str(tmp_path / "fifo"))
    result = cli("export", "--output", path, "--force")
    assert result.code == 1
    assert result.err.count("\n") == 1 and expected in result.err, result.err
    assert list(folder.iterdir()) == [] and leftovers(tmp_path) == []


def test_export_asks_before_replacing_a_file(cli: RunCli, seeded: Path, tmp_path: Path) -> None:
    existing = tmp_path / "notes.md"
    existing.write_text("my own notes", encoding="utf-8")
    refused = cli("export", "--format", "md", "--output", existing)
    assert refused.code == 1 and "--force" in refused.err
    assert existing.read_text(encoding="utf-8") == "my own notes"
    replaced = cli("export", "--format", "md", "--output", existing, "--force")
    assert replaced.code == 0 and "> first" in existing.read_text(encoding="utf-8")
    to_stdout = cli("export", "--output", "-")
    assert to_stdout.code == 0 and json.loads(to_stdout.out)["format"] == "interviewprep-export"


def test_export_asks_on_a_terminal(seeded: Path, data_dir: Path, tmp_path: Path) -> None:
    """Run with a pseudo-terminal as standard input: the question is asked and 'n' keeps
    the file."""
    import pty

    existing = tmp_path / "keep.json"
    existing.write_text("mine", encoding="utf-8")
    parent, child = pty.openpty()
    env = {**os.environ, "INTERVIEWPREP_DATA_DIR": str(data_dir)}
    with subprocess.Popen([sys.executable, "-m", "interviewprep", "export", "-o", str(existing)],
                          stdin=child, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=env) as process:
        os.close(child)
        os.write(parent, b"n\n")
        _out, err = process.communicate(timeout=60)
    os.close(parent)
    assert process.returncode == 1
    assert b"exists. Replace it? [y/N]" in err and b"nothing was changed" in err
    assert existing.read_text(encoding="utf-8") == "mine"


def test_a_full_disk_leaves_no_partial_file(cli: RunCli, write_deck: WriteDeck,
                                            deck_dir: Path, data_dir: Path,
                                            tmp_path: Path) -> None:
    """The export is larger than the process may write (RLIMIT_FSIZE: writes fail as on a
    full disk); the command fails with one line and leaves nothing behind."""
    write_deck()
    seed(data_dir, deck_dir, ("x" * 200_000,))
    assert cli("decks").code == 0  # the deck cache and today's backup are already written
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    limit = 100_000

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "INTERVIEWPREP_DATA_DIR": str(data_dir)}
    done = subprocess.run(
        [sys.executable, "-m", "interviewprep", "export", "-o", str(out_dir / "all.json")],
        capture_output=True, text=True, env=env, preexec_fn=small_files, check=False,
        timeout=60)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "nothing was written" in done.stderr
    assert list(out_dir.iterdir()) == []


def test_markdown_export_is_ordered_titled_and_inert(cli: RunCli, write_deck: WriteDeck,
                                                    deck_dir: Path, data_dir: Path,
                                                    clock: object) -> None:
    write_deck()
    with Collection.open(Locations(data_dir), [deck_dir]) as collection:
        deck = collection.resolve_deck("mini")
        cards = {c.id: c for c in collection.cards(deck)}
        from interviewprep.core.card_queue import QueueItem
        for card_id, text in (("budget", "late budget"), ("pen", "pen one"),
                              ("pen", "pen two \x1b]0;owned\x07 \x1b[2J\u202e")):
            collection.record_answer(QueueItem(deck, cards[card_id], None), text, 5.0)
    result = cli("--decks", deck_dir, "export", "--format", "md")
    assert result.code == 0
    out = result.out
    assert "## Mini deck (mini@en)" in out
    assert out.index("### Sell me this pen.") < out.index("### We have no budget.")
    assert out.index("> pen one") < out.index("> pen two") < out.index("> late budget")
    assert "\x1b" not in out and "\u202e" not in out
    # Shown as escapes, themselves escaped for Markdown: a viewer shows "\x1b]0;owned…".
    assert "> pen two \\\\x1b\\]0;owned\\\\x07 \\\\x1b\\[2J\\\\u202e" in out
    history = cli("history")
    assert "\x1b" not in history.out and "\\x1b]0;owned" in history.out
    as_json = cli("history", "--json")
    assert "\x1b" not in as_json.out and "\u202e" not in as_json.out
    assert json.loads(as_json.out)[0]["text"].startswith("pen two \x1b]0;owned")


def good_export() -> dict[str, Any]:
    return {
        "format": "interviewprep-export", "version": 1,
        "answers": [{"uid": f"a{i}", "deck_id": "mini", "language": "en", "card_id": "pen",
                     "text": f"answer {i}", "seconds": 3.5, "answered_at": 1_770_000_000 + i,
                     "rating": 3, "practice": False} for i in range(3)],
        "reviews": [{"uid": "r0", "deck_id": "mini", "language": "en", "card_id": "pen",
                     "rating": 3, "reviewed_at": 1_770_000_000, "duration_ms": 3500,
                     "state_before": None,
                     "state_after": {"state": 1, "step": 1, "stability": 2.3,
                                     "difficulty": 5.1, "due": 1_770_000_600,
                                     "last_review": 1_770_000_000}}],
        "card_states": [{"deck_id": "mini", "language": "en", "card_id": "pen", "state": 1,
                         "step": 1, "stability": 2.3, "difficulty": 5.1,
                         "due": 1_770_000_600, "last_review": 1_770_000_000}],
    }


DEFECTS = [  # (section, field, value, what the report says), at most five per file
    [("answers", "rating", 99, "answers[0].rating: 99 is not 1–4"),
     ("answers", "rating", True, "answers[1].rating: true is not 1–4"),
     ("answers", "answered_at", 253_402_300_800 * 2,
      "answers[2].answered_at: 506804601600 is not a time between the years 1 and 9999"),
     ("answers", "seconds", -4, "answers[3].seconds: -4 is negative"),
     ("answers", "text", None, "answers[4].text: is missing")],
    [("answers", "deck_id", 7, "answers[0].deck_id: 7 is not text"),
     ("reviews", "duration_ms", 1.5, "reviews[0].duration_ms: 1.5 is not a whole number"),
     ("reviews", "state_after", {"state": 9, "due": 1},
      "reviews[1].state_after.state: 9 is not a known FSRS state (1, 2 or 3)"),
     ("card_states", "state", 0,
      "card_states[0].state: 0 is not a known FSRS state (1, 2 or 3)"),
     ("card_states", "stability", 0, "card_states[1].stability: 0 is not above 0")],
]


@pytest.mark.parametrize("defects", DEFECTS)
def test_import_refuses_impossible_values_and_imports_nothing(
        cli: RunCli, tmp_path: Path, defects: list[tuple[str, str, object, str]]) -> None:
    data = good_export()
    for section in ("answers", "reviews", "card_states"):
        template = data[section][0]
        data[section] = [{**template, "uid": f"{section}{i}"} for i in range(5)]
    used = {"answers": 0, "reviews": 0, "card_states": 0}
    for section, field, value, _expected in defects:
        data[section][used[section]][field] = value
        used[section] += 1
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    result = cli("import", bad)
    assert result.code == 1
    lines = result.err.splitlines()
    assert [line.split(": ", 1)[1] for line in lines[:-1]] == [d[3] for d in defects]
    assert lines[-1].endswith("5 wrong entries; nothing was imported")
    assert cli("history", "--json").json() == []


@pytest.mark.parametrize(("text", "expected"), [
    ('"seconds": NaN', "NaN is not a number"),
    ('"seconds": 1e999', "Infinity is not a finite number"),
    ('"seconds": ' + "9" * 5000, "not a usable JSON export (ValueError)"),
])
def test_import_refuses_nan_infinity_and_huge_numbers(cli: RunCli, tmp_path: Path, text: str,
                                                      expected: str, data_dir: Path) -> None:
    source = json.dumps(good_export()).replace('"seconds": 3.5', text, 1)
    bad = tmp_path / "bad.json"
    bad.write_text(source, encoding="utf-8")
    result = cli("import", bad)
    assert result.code == 1 and expected in result.err, result.err
    assert "nothing was imported" in result.err or result.err.count("\n") == 1
    assert not (data_dir / "interviewprep.sqlite3").exists(), "refused before opening"


def test_import_reports_the_first_few_and_counts_all(cli: RunCli, tmp_path: Path) -> None:
    data = good_export()
    data["answers"] = [{**good_export()["answers"][0], "uid": f"x{i}", "rating": 7}
                       for i in range(12)]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    result = cli("import", bad)
    lines = result.err.splitlines()
    assert result.code == 1 and len(lines) == 6
    assert lines[0].endswith("answers[0].rating: 7 is not 1–4")
    assert lines[-1].endswith("12 wrong entries; nothing was imported")


def test_import_skips_only_duplicates_and_says_how_many(cli: RunCli, tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps(good_export()), encoding="utf-8")
    first = cli("import", backup)
    assert first.code == 0, first.err
    assert "imported 3 answers and 1 review; skipped 0" in first.out
    data = good_export()
    data["answers"].append({**data["answers"][0], "uid": "new"})
    backup.write_text(json.dumps(data), encoding="utf-8")
    second = cli("import", backup)
    assert "imported 1 answer and 0 reviews; skipped 4 already here" in second.out
    texts = [a["text"] for a in cli("history", "--json").json()]
    assert sorted(texts) == ["answer 0", "answer 0", "answer 1", "answer 2"]


def test_import_of_a_fifo_or_folder_is_one_line(cli: RunCli, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    for path in (tmp_path / "pipe", tmp_path):
        result = cli("import", path)
        assert result.code == 1 and result.err.count("\n") == 1, result.err


def test_an_import_that_fills_the_disk_imports_nothing(cli: RunCli, seeded: Path,
                                                       data_dir: Path, tmp_path: Path) -> None:
    """The database may not grow past its size plus a little (RLIMIT_FSIZE: a full disk);
    the import is one transaction, so it fails whole and the database stays sound."""
    assert cli("decks").code == 0  # today's backup and the deck cache are already written
    data = good_export()
    data["answers"] = [{**data["answers"][0], "uid": f"big{i}",
                        "text": "long answer " * 200} for i in range(1000)]
    big = tmp_path / "big.json"
    big.write_text(json.dumps(data), encoding="utf-8")
    database = data_dir / "interviewprep.sqlite3"
    limit = max(database.stat().st_size, 1_000_000) + 200_000

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = subprocess.run(
        [sys.executable, "-m", "interviewprep", "import", str(big)], capture_output=True,
        text=True, env={**os.environ, "INTERVIEWPREP_DATA_DIR": str(data_dir)},
        preexec_fn=small_files, check=False, timeout=60)
    assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
    assert "could not write to the disk" in done.stderr and "undone" in done.stderr
    texts = [a["text"] for a in cli("history", "--json").json()]
    assert texts == ["second", "first"]
    assert cli("doctor").code == 0


def test_import_checks_interviews_and_stories_too(cli: RunCli, tmp_path: Path) -> None:
    interview = {"uid": "i1", "company": "Acme", "role": "ae", "date": "2026-05-31",
                 "time": "14:30", "job_description": "", "minutes_per_day": 20, "notes": "",
                 "created_at": 1_770_000_000}
    story = {"uid": "s1", "title": "Lost deal", "situation": "", "task": "", "action": "",
             "result": "", "numbers": "", "created_at": 1_770_000_000,
             "updated_at": 1_770_000_000}
    data = {**good_export(),
            "interviews": [{**interview, "date": "31/05/2026"}, {**interview, "time": "25:99"},
                           {**interview, "minutes_per_day": 10_000}],
            "stories": [{**story, "title": None}],
            "story_links": [{"story_uid": "s1", "deck_id": "mini", "language": "en"}]}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    result = cli("import", bad)
    assert result.code == 1
    assert [line.split(": ", 1)[1] for line in result.err.splitlines()[:-1]] == [
        'interviews[0].date: "31/05/2026" is not a date such as 2026-05-31',
        'interviews[1].time: "25:99" is not a time of day such as 14:30',
        "interviews[2].minutes_per_day: 10000 is not 1–600",
        "stories[0].title: is missing",
        "story_links[0].card_id: is missing"]
    assert cli("history", "--json").json() == []
