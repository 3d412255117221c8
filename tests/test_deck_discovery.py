"""Where decks are found and how their parse is cached, through the real command.

Deck roots may sit under dot-folders (~/.local/share, a .venv); only names below a root are
skipped for a leading dot (tests/test_install.py checks the same for an installed wheel and
the default data folder). The parse cache is reused only by the same parser, and forgets
files that are gone.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from interviewprep import __version__
from interviewprep.core.decks.schema import FORMAT_VERSION
from tests.conftest import SMALL_DECK, RunCli

DATABASE = "interviewprep.sqlite3"


def listing(cli: RunCli, *args: str | Path) -> dict[str, Any]:
    result = cli(*args, "decks", "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert isinstance(data, dict)
    return data


def keys(data: dict[str, Any]) -> set[str]:
    return {d["key"] for d in data["decks"] if d["origin"] != "bundled"}


def test_a_deck_root_under_dot_folders_is_searched(cli: RunCli, tmp_path: Path) -> None:
    root = tmp_path / ".config" / ".coach" / "decks"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "mini.yaml").write_text(SMALL_DECK, encoding="utf-8")
    # Below the root, dot-names are skipped: a .git folder, an editor's hidden copy.
    (root / ".git").mkdir()
    (root / ".git" / "other.yaml").write_text(SMALL_DECK.replace("id: mini", "id: other"))
    (root / ".mini.yaml").write_text(SMALL_DECK.replace("id: mini", "id: hidden"))
    data = listing(cli, "--decks", root)
    assert keys(data) == {"mini@en"}
    assert data["skipped"] == []
    result = cli("validate", root)
    # The deck's "Sell me this pen." also warns: it nearly duplicates a bundled card.
    assert result.code == 0 and "\n1 deck valid\n1 warning\n" in result.out


def cache_rows(data_dir: Path) -> dict[str, tuple[str, int]]:
    """Each cached file: the parser that made it and its cached card count."""
    with sqlite3.connect(data_dir / DATABASE) as db:
        return {path: (parsed_by, count) for path, parsed_by, count in db.execute(
            "SELECT f.path, f.parsed_by, (SELECT count(*) FROM cached_cards c "
            "WHERE c.path = f.path) FROM deck_files f")}


def test_cache_is_keyed_by_parser_and_pruned(cli: RunCli, tmp_path: Path,
                                             data_dir: Path) -> None:
    root = tmp_path / "decks"
    root.mkdir()
    first = root / "mini.yaml"
    first.write_text(SMALL_DECK, encoding="utf-8")
    second = root / "two.yaml"
    second.write_text(SMALL_DECK.replace("id: mini", "id: two"), encoding="utf-8")
    listing(cli, "--decks", root)
    rows = cache_rows(data_dir)
    parser = f"format {FORMAT_VERSION}; interviewprep {__version__}; en"
    assert rows[str(first)] == (parser, 3) and rows[str(second)] == (parser, 3)

    # A row left by another version is not trusted, even though the file is unchanged:
    # here its cached title was something the file never said.
    with sqlite3.connect(data_dir / DATABASE) as db:
        (info,) = db.execute("SELECT info FROM deck_files WHERE path = ?",
                             (str(first),)).fetchone()
        stale = {**json.loads(info), "title": "From an older interviewprep"}
        db.execute("UPDATE deck_files SET parsed_by = 'format 1; interviewprep 0.0.1; en', "
                   "info = ? WHERE path = ?", (json.dumps(stale), str(first)))
    data = listing(cli, "--decks", root)
    assert {d["title"] for d in data["decks"] if d["key"] == "mini@en"} == {"Mini deck"}
    assert cache_rows(data_dir)[str(first)] == (parser, 3)

    # Deleted files leave the cache on the next load, cards and all.
    second.unlink()
    data = listing(cli, "--decks", root)
    assert keys(data) == {"mini@en"}
    assert str(second) not in cache_rows(data_dir)
    with sqlite3.connect(data_dir / DATABASE) as db:
        assert db.execute("SELECT count(*) FROM cached_cards WHERE path = ?",
                          (str(second),)).fetchone() == (0,)
    # A file merely not asked for this time keeps its row; it still exists.
    listing(cli)
    assert str(first) in cache_rows(data_dir)
