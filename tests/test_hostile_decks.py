"""Deck files are untrusted input: every hostile file is a located error on that deck, no
command crashes or writes a control sequence to the terminal, and the other decks load.

The hostile files are generated here: YAML escapes and raw control characters, a number
past Python's digit limit, a link loop, a folder named like a deck, an unreadable file, a
FIFO, a sparse 3 GB file, deep nesting, a link out of the folder and a file name with an
escape in it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from textual.widgets import Static

from interviewprep.core.collection import Collection
from interviewprep.core.decks import yaml_reader
from interviewprep.core.decks.validate import parse_deck
from interviewprep.locations import Locations
from interviewprep.tui.app import make_app
from tests.conftest import SMALL_DECK, CliResult

# What must never reach a terminal: C0 but newline and tab, DEL, C1, bidi controls.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ESC_NAME = "evil\x1b]0;pwned\x07.yaml"


def deck(deck_id: str, old: str = "", new: str = "") -> str:
    """SMALL_DECK with its id changed and one piece of text replaced."""
    assert old in SMALL_DECK
    return SMALL_DECK.replace("id: mini", f"id: {deck_id}").replace(old, new)


@dataclass
class Hostile:
    name: str
    location: str  # LINE:COL
    says: str


def escaped(deck_id: str, field_line: str, yaml_value: str) -> str:
    return deck(deck_id, field_line, field_line.split(":", maxsplit=1)[0] + ": " + yaml_value)


def titled(deck_id: str, raw: str) -> str:
    """The deck with a raw character in the middle of its title (line 2, column 12)."""
    return deck(deck_id, TITLE, f"title: Mini{raw}deck")


TITLE = "title: Mini deck"
PROMPT = "    prompt: Sell me this pen."
ANSWER = "    answer: Five minutes early, with the link and audio tested."
POINT = "      - Acknowledge it"


def make_hostile_folder(folder: Path, outside: Path) -> list[Hostile]:
    """Write the good deck and every hostile one into `folder`; return what each must say."""
    folder.mkdir()
    (folder / "mini.yaml").write_text(SMALL_DECK, encoding="utf-8")
    files: dict[str, str] = {
        # YAML escapes that decode to control characters and bidi overrides.
        "escape-title.yaml": escaped("h1", TITLE, r'"\e]0;pwned\a\e[2J"'),
        "bidi-prompt.yaml": escaped("h2", PROMPT, r'"Sell me \u202Eneprid"'),
        "c1-answer.yaml": escaped("h3", ANSWER, r'"Five \x9b31m minutes"'),
        "cr-point.yaml": deck("h4", POINT, '      - "Acknowledge it\\rEverything is fine"'),
        "escape-key.yaml": "\"\\e[31mid\": x\n" + SMALL_DECK,
        # Raw characters YAML's reader refuses (they used to escape as exceptions).
        "formfeed.yaml": titled("h5", "\x0c"),
        "delete.yaml": titled("h6", "\x7f"),
        "nul.yaml": titled("h7", "\x00"),
        "c1-raw.yaml": titled("h8", "\x9b"),
        "bidi-raw.yaml": titled("h9", "\u202e"),
        "lone-cr.yaml": titled("h10", "\r"),
        "noncharacter.yaml": titled("h14", "\ufffe"),
        # int() refuses strings of more than 4,300 digits.
        "huge-number.yaml": deck("h11", "time_limit: 90", "time_limit: 1" + "0" * 5000),
        "deep.yaml": "id: h12\ntitle: " + "[" * 500 + "]" * 500 + "\n",
        ESC_NAME: "id: h13\ntitle: [\n",
    }
    for name, text in files.items():
        (folder / name).write_bytes(text.encode("utf-8"))
    (folder / "loop.yaml").symlink_to("loop.yaml")
    (folder / "dangling.yaml").symlink_to("nowhere/at-all.yaml")
    (folder / "folder.yaml").mkdir()
    locked = folder / "locked.yaml"
    locked.write_text(deck("locked"), encoding="utf-8")
    locked.chmod(0)
    os.mkfifo(folder / "fifo.yaml")
    with (folder / "sparse.yaml").open("wb") as handle:
        handle.truncate(3 * 1024**3)
    secret = outside / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\nSECRET-LINE-2\n", encoding="utf-8")
    (folder / "outside.yaml").symlink_to(secret)
    control = "is not allowed in a deck"
    return [
        Hostile("escape-title.yaml", "2:8", "'title' contains U+001B (escape), which " + control),
        Hostile("bidi-prompt.yaml", "8:13", "'prompt' contains U+202E (right-to-left override)"),
        Hostile("c1-answer.yaml", "17:13", "'answer' contains U+009B (control sequence "
                "introducer)"),
        Hostile("cr-point.yaml", "22:9", "'talking_points' contains U+000D (carriage return)"),
        Hostile("escape-key.yaml", "1:1", "unknown deck key '\\x1b[31mid'"),
        Hostile("formfeed.yaml", "2:12", "U+000C (form feed) " + control),
        Hostile("delete.yaml", "2:12", "U+007F (delete) " + control),
        Hostile("nul.yaml", "2:12", "U+0000 (NUL) " + control),
        Hostile("c1-raw.yaml", "2:12", "U+009B (control sequence introducer) " + control),
        Hostile("bidi-raw.yaml", "2:12", "U+202E (right-to-left override) " + control),
        Hostile("lone-cr.yaml", "2:12", "U+000D (carriage return) " + control),
        Hostile("noncharacter.yaml", "2:12", "the YAML could not be read"),
        Hostile("huge-number.yaml", "13:17", "a number of 5001 digits is too long to read"),
        Hostile("deep.yaml", "2:", "nested more than 16 levels deep"),
        Hostile(ESC_NAME.replace("\x1b", "\\x1b").replace("\x07", "\\x07"), "3:1",
                "YAML syntax error"),
        Hostile("loop.yaml", "1:1", "a symbolic link that loops back on itself"),
        Hostile("dangling.yaml", "1:1", "a link to something that does not exist"),
        Hostile("folder.yaml", "1:1", "this is a folder, not a deck file"),
        Hostile("locked.yaml", "1:1", "cannot read the file: Permission denied"),
        Hostile("fifo.yaml", "1:1", "this is not a regular file"),
        Hostile("sparse.yaml", "1:1", "the deck is 3072.0 MiB; decks are limited to 8 MiB"),
        Hostile("outside.yaml", "1:1", "links outside its folder"),
    ]


def run_cli(data_dir: Path, *args: str | Path) -> CliResult:
    """The real entry point. As root, without the capability to bypass file permissions,
    so an unreadable deck is unreadable here too (CI runs as root)."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        caps = "-dac_override,-dac_read_search"
        prefix = ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}"]
    env = {**os.environ, "INTERVIEWPREP_DATA_DIR": str(data_dir), "LANG": "en_US.UTF-8"}
    done = subprocess.run([*prefix, sys.executable, "-m", "interviewprep", *map(str, args)],
                          check=False, capture_output=True, text=True, env=env, timeout=60)
    return CliResult(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, list[Hostile]]:
    folder = tmp_path / "hostile"
    return folder, make_hostile_folder(folder, tmp_path)


def assert_terminal_safe(result: CliResult) -> None:
    found = RAW_CONTROL.search(result.out + result.err)
    assert found is None, f"raw {found.group()!r} in the output"
    assert "Traceback" not in result.err, result.err
    assert "SECRET" not in result.out + result.err and "root:x" not in result.out + result.err


def test_every_hostile_deck_is_a_located_error_and_the_good_one_loads(
        hostile: tuple[Path, list[Hostile]], data_dir: Path) -> None:
    folder, cases = hostile
    result = run_cli(data_dir, "--decks", folder, "decks", "--json")
    assert result.code == 0, result.err
    assert_terminal_safe(result)
    data = result.json()
    assert isinstance(data, dict)
    assert "mini@en" in [d["key"] for d in data["decks"]]
    assert not [d for d in data["decks"] if d["path"].startswith(str(folder))
                and d["key"] != "mini@en"]
    errors = {Path(s["path"]).name: s["errors"] for s in data["skipped"]}
    for case in cases:
        name = case.name.replace("\\x1b", "\x1b").replace("\\x07", "\x07")
        assert name in errors, f"{case.name} was not reported"
        where = f"{folder / case.name}:{case.location}"
        assert any(e.startswith(where) and case.says in e for e in errors[name]), errors[name]
    # The output is the same from the parse cache on the next run.
    again = run_cli(data_dir, "--decks", folder, "decks", "--json")
    assert again.json() == data


def test_no_command_crashes_on_hostile_decks(hostile: tuple[Path, list[Hostile]],
                                             data_dir: Path, tmp_path: Path) -> None:
    folder = hostile[0]
    export = tmp_path / "export.json"
    for args in (["decks"], ["history"], ["export", "--format", "md"],
                 ["export", "--output", export], ["import", export], ["stats"]):
        result = run_cli(data_dir, "--decks", folder, *args)
        assert result.code == 0, (args, result.err)
        assert_terminal_safe(result)
    listing = run_cli(data_dir, "--decks", folder, "decks").out
    assert "mini@en" in listing and "Skipped:" in listing
    assert "evil\\x1b]0;pwned\\x07.yaml" in listing


def test_validate_reports_every_hostile_file_and_exits_1(
        hostile: tuple[Path, list[Hostile]], data_dir: Path) -> None:
    folder, cases = hostile
    result = run_cli(data_dir, "validate", folder)
    assert result.code == 1
    assert_terminal_safe(result)
    for case in cases:
        assert f"{folder / case.name}:{case.location}" in result.out, case.name
    assert result.out.rstrip().endswith("1 deck valid")
    # Named directly, too: a loop is a loop (not "no such file"), a FIFO is never opened.
    result = run_cli(data_dir, "validate", folder / "loop.yaml", folder / "fifo.yaml")
    assert result.code == 1
    assert f"{folder / 'loop.yaml'}:1:1: the file is a symbolic link that loops" in result.out
    assert f"{folder / 'fifo.yaml'}:1:1: this is not a regular file" in result.out
    result = run_cli(data_dir, "add", folder / "fifo.yaml")
    assert result.code == 1 and "this is not a regular file" in result.out


def test_a_link_to_another_file_never_prints_that_file(tmp_path: Path, data_dir: Path) -> None:
    secret = tmp_path / "passwd"
    secret.write_text("".join(f"user{i}:x:{i}:{i}:SECRET {i}:/home/u:/bin/sh\n"
                              for i in range(50)),
                      encoding="utf-8")
    link = tmp_path / "deck.yaml"
    link.symlink_to(secret)
    for command in ("validate", "add"):
        result = run_cli(data_dir, command, link)
        assert result.code == 1
        assert "deck.yaml:1:1: a deck must be a mapping" in result.out + result.err
        assert "SECRET" not in result.out + result.err and "user1:" not in result.out
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("id: x\ntitle: " + "A" * 40 + "SECRET-" * 100 + "\n", encoding="utf-8")
    result = run_cli(data_dir, "validate", mapping)
    assert "SECRET" not in result.out, "an error quotes at most a short excerpt"


def test_a_deck_with_thousands_of_problems_stops_at_100(tmp_path: Path,
                                                         data_dir: Path) -> None:
    cards = "".join(f"  - id: c{i}\n    kind: quiz\n    prompt: P{i}\n" for i in range(2000))
    bad = tmp_path / "bad.yaml"
    bad.write_text(f"id: bad\ntitle: Bad\nlanguage: en\ncards:\n{cards}", encoding="utf-8")
    dupes = tmp_path / "dupes.yaml"
    dupes.write_text("id: d\n" * 3000, encoding="utf-8")
    for path in (bad, dupes):
        result = run_cli(data_dir, "validate", path)
        lines = result.out.splitlines()
        assert result.code == 1
        assert len([line for line in lines if line.startswith(str(path))]) == 101
        assert "stopped after the first 100 problems" in lines[100]


def test_a_sparse_3_gb_deck_is_refused_from_its_size(tmp_path: Path, data_dir: Path) -> None:
    sparse = tmp_path / "big.yaml"
    with sparse.open("wb") as handle:
        handle.truncate(3 * 1024**3)
    result = run_cli(data_dir, "validate", sparse)
    assert result.code == 1
    assert f"{sparse}:1:1: the deck is 3072.0 MiB; decks are limited to 8 MiB" in result.out
    result = run_cli(data_dir, "add", sparse)
    assert result.code == 1 and "limited to 8 MiB" in result.out


async def test_the_tui_starts_with_hostile_decks(hostile: tuple[Path, list[Hostile]],
                                                 data_dir: Path) -> None:
    folder = hostile[0]
    with Collection.open(Locations(data_dir), [folder], include_bundled=False) as collection:
        assert [d.id for d in collection.decks()] in (["mini"], ["locked", "mini"])
        app = make_app(collection, cursor_blink=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            shown = str(app.screen.query_one("#skipped", Static).content)
            assert "did not load" in shown and "sparse.yaml:1:1: the deck is 3072.0" in shown
            assert "evil\\x1b]0;pwned\\x07.yaml:3:1" in shown
            assert RAW_CONTROL.search(shown) is None


@pytest.mark.parametrize("parser", ["libyaml", "pure"])
def test_hostile_bytes_never_raise_with_either_yaml_parser(
        parser: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libyaml the reader falls back to PyYAML's own, which refuses characters as
    soon as it is built: the same bytes are still located problems, never exceptions."""
    if parser == "pure":
        monkeypatch.setattr(yaml_reader, "_Loader", yaml.SafeLoader)
    for raw in ("\x0c", "\x7f", "\x00", "\x9b", "\u202e", "\r", "\ufffe", "\x85"):
        deck_obj, problems = parse_deck(titled("h", raw).encode(), Path("d.yaml"))
        assert deck_obj is None and problems, repr(raw)
        assert (problems[0].line, problems[0].column) == (2, 12), (raw, problems)
    huge = deck("h", "time_limit: 90", "time_limit: " + "9" * 4301).encode()
    _, problems = parse_deck(huge, Path("d.yaml"))
    assert any(p.message.startswith("a number of 4301 digits is too long to read")
               for p in problems)
