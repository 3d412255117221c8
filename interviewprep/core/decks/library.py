"""Finding deck files, loading them through the store's cache, and skipping the bad ones.

A deck file is parsed only when its size, mtime or content hash changed since the last
launch; otherwise its cards come from the store. A broken or duplicate deck is skipped with
its problems and never stops the others from loading.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from interviewprep.core.decks.model import Card, DeckInfo, DeckKey, DeckProblem
from interviewprep.core.decks.validate import load_deck_file, parse_deck
from interviewprep.core.store import Store

DECK_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class SkippedDeck:
    path: Path
    problems: tuple[DeckProblem, ...]

    @property
    def reason(self) -> str:
        return "; ".join(p.message for p in self.problems[:3]) + (
            f" (+{len(self.problems) - 3} more)" if len(self.problems) > 3 else "")


@dataclass
class Library:
    decks: list[DeckInfo] = field(default_factory=list)
    skipped: list[SkippedDeck] = field(default_factory=list)

    def find(self, key: DeckKey) -> DeckInfo | None:
        return next((d for d in self.decks if d.key == key), None)

    def find_id(self, deck_id: str, language: str) -> DeckInfo | None:
        return self.find(DeckKey(deck_id, language))

    def by_path(self, path: Path) -> DeckInfo | None:
        wanted = path.absolute()
        return next((d for d in self.decks if d.path == wanted), None)

    def languages(self) -> list[str]:
        return sorted({d.language for d in self.decks})


def discover(roots: Iterable[Path]) -> tuple[list[Path], list[SkippedDeck]]:
    """Deck files under each root, in a stable order; files linking outside are refused."""
    found: list[Path] = []
    refused: list[SkippedDeck] = []
    for given in roots:
        root = given.absolute()
        if root.is_file():
            found.append(root)
            continue
        if not root.is_dir():
            continue
        real_root = root.resolve()
        for path in sorted(root.rglob("*")):
            if path.suffix not in DECK_SUFFIXES or any(p.startswith(".") for p in path.parts):
                continue
            if not path.resolve().is_relative_to(real_root):
                refused.append(SkippedDeck(path, (DeckProblem(
                    path, 1, 1, f"links outside its folder {root}; not loaded"),)))
                continue
            if path.is_file():
                found.append(path)
    return found, refused


def _problems_json(problems: Sequence[DeckProblem]) -> str:
    return json.dumps([[p.line, p.column, p.message] for p in problems])


def _load_one(store: Store, path: Path) -> tuple[DeckInfo | None, list[DeckProblem]]:
    """One file through the cache: parse only what changed."""
    try:
        stat = path.stat()
    except OSError as error:
        return None, [DeckProblem(path, 1, 1, f"cannot read the file: {error.strerror}")]
    key = str(path)
    row = store.db.execute(
        "SELECT size, mtime_ns, sha256, info, problems FROM deck_files WHERE path = ?", (key,)
    ).fetchone()
    if row is not None and row["size"] == stat.st_size and row["mtime_ns"] == stat.st_mtime_ns:
        return _from_cache(path, row["info"], row["problems"])
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [DeckProblem(path, 1, 1, f"cannot read the file: {error.strerror}")]
    digest = hashlib.sha256(data).hexdigest()
    if row is not None and row["sha256"] == digest:
        store.db.execute("UPDATE deck_files SET size = ?, mtime_ns = ? WHERE path = ?",
                         (stat.st_size, stat.st_mtime_ns, key))
        return _from_cache(path, row["info"], row["problems"])
    deck, problems = parse_deck(data, path)
    with store.transaction() as db:
        db.execute("DELETE FROM deck_files WHERE path = ?", (key,))
        db.execute(
            "INSERT INTO deck_files(path, size, mtime_ns, sha256, info, problems) "
            "VALUES (?,?,?,?,?,?)",
            (key, stat.st_size, stat.st_mtime_ns, digest,
             json.dumps(deck.info.to_dict()) if deck else None,
             _problems_json(problems) if problems else None),
        )
        if deck is not None:
            dumps = json.dumps
            db.executemany(
                "INSERT INTO cached_cards(path, position, card_id, data) VALUES (?,?,?,?)",
                [(key, i, c.id, dumps(c.to_dict())) for i, c in enumerate(deck.cards)],
            )
    return (deck.info if deck else None), problems


def _from_cache(
    path: Path, info: str | None, problems: str | None
) -> tuple[DeckInfo | None, list[DeckProblem]]:
    if problems:
        return None, [DeckProblem(path, line, col, msg) for line, col, msg in json.loads(problems)]
    assert info is not None
    return DeckInfo.from_dict(json.loads(info)), []


def load_library(store: Store, roots: Iterable[Path]) -> Library:
    """Every deck under `roots`, in order; the first deck with a given id and language wins."""
    paths, refused = discover(roots)
    library = Library(skipped=list(refused))
    for path in paths:
        info, problems = _load_one(store, path)
        if info is None:
            library.skipped.append(SkippedDeck(path, tuple(problems)))
            continue
        first = library.find(info.key)
        if first is not None:
            library.skipped.append(SkippedDeck(path, (DeckProblem(
                path, 1, 1, f"deck '{info.key}' is already loaded from {first.path}; "
                "this copy is skipped (give it another id)"),)))
            continue
        library.decks.append(info)
    return library


def cards(store: Store, deck: DeckInfo) -> list[Card]:
    rows = store.db.execute(
        "SELECT data FROM cached_cards WHERE path = ? ORDER BY position", (str(deck.path),)
    )
    return [Card.from_dict(json.loads(row[0])) for row in rows]


def card(store: Store, deck: DeckInfo, card_id: str) -> Card | None:
    row = store.db.execute(
        "SELECT data FROM cached_cards WHERE path = ? AND card_id = ?", (str(deck.path), card_id)
    ).fetchone()
    return None if row is None else Card.from_dict(json.loads(row[0]))


def validate_paths(paths: Iterable[Path]) -> tuple[int, list[DeckProblem]]:
    """Check files and folders without the store: (valid deck count, every problem)."""
    files, refused = discover(paths)
    problems = [p for skipped in refused for p in skipped.problems]
    valid = 0
    for path in files:
        deck, deck_problems = load_deck_file(path)
        problems.extend(deck_problems)
        valid += deck is not None
    return valid, problems

