"""Finding deck files, loading them through the store's cache, and skipping the bad ones.

A deck file is parsed only when its size, mtime or content hash changed since the last
launch; otherwise its cards come from the store. A broken or duplicate deck is skipped with
its problems and never stops the others from loading.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from interviewprep import __version__
from interviewprep.core.decks import schema
from interviewprep.core.decks.model import Card, DeckInfo, DeckKey, DeckProblem
from interviewprep.core.decks.reading import read_deck_bytes, stat_deck
from interviewprep.core.os_errors import os_reason
from interviewprep.core.store import Store
from interviewprep.core.text import visible
from interviewprep.i18n import _, current_language
from interviewprep.lazy import lazy_module
from interviewprep.locations import bundled_decks_dir

if TYPE_CHECKING:
    from interviewprep.core.decks import validate
else:  # the YAML parser loads only when a deck file changed since it was cached
    validate = lazy_module("interviewprep.core.decks.validate")

DECK_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class SkippedDeck:
    path: Path
    problems: tuple[DeckProblem, ...]

    @property
    def reason(self) -> str:
        return visible("; ".join(p.message for p in self.problems[:3]) + (
            f" (+{len(self.problems) - 3} more)" if len(self.problems) > 3 else ""))


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


def _refused(path: Path, message: str) -> SkippedDeck:
    return SkippedDeck(path, (DeckProblem(path, 1, 1, message),))


def _walk(root: Path, real_root: Path) -> tuple[list[Path], list[SkippedDeck]]:
    """Deck files under `root`, and what was refused. Only names *below* the root are skipped
    for a leading dot (.git, editor files): the root itself may well sit in ~/.local/share or
    in a .venv."""
    found: list[Path] = []
    refused: list[SkippedDeck] = []
    for folder, dirnames, filenames in os.walk(root, onerror=lambda error: refused.append(
            _refused(Path(error.filename or root), _("cannot list the folder: {reason}")
                     .format(reason=os_reason(error))))):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        here = Path(folder)
        for name in dirnames:
            if name.endswith(DECK_SUFFIXES):
                refused.append(SkippedDeck(here / name, tuple(stat_deck(here / name)[1])))
        for name in filenames:
            if not name.endswith(DECK_SUFFIXES) or name.startswith("."):
                continue
            path = here / name
            try:
                real = Path(os.path.realpath(path, strict=True))
            except OSError:  # a link loop or a broken link: stat says which
                refused.append(SkippedDeck(path, tuple(stat_deck(path)[1])))
                continue
            if not real.is_relative_to(real_root):
                refused.append(_refused(path, _("links outside its folder {root}; not loaded")
                                        .format(root=root)))
                continue
            found.append(path)
    return found, refused


def discover(roots: Iterable[Path]) -> tuple[list[Path], list[SkippedDeck]]:
    """Deck files under each root, in a stable order. Files linking outside their root, link
    loops, broken links and folders named like decks are refused with a located problem."""
    found: list[Path] = []
    refused: list[SkippedDeck] = []
    for given in roots:
        root = given.absolute()
        if not root.is_dir():
            if root.exists() or root.is_symlink():
                found.append(root)  # a file named directly; reading it says what is wrong
            continue
        files, bad = _walk(root, Path(os.path.realpath(root)))
        found += sorted(files)
        refused += sorted(bad, key=lambda skipped: skipped.path)
    return found, refused


def parser_key() -> str:
    """What a cached parse depends on besides the file: a new version parses again."""
    return f"format {schema.FORMAT_VERSION}; interviewprep {__version__}; {current_language()}"


def _problems_json(problems: Sequence[DeckProblem]) -> str:
    return json.dumps([[p.line, p.column, p.message] for p in problems])


def _load_one(store: Store, path: Path,
              parsed_by: str) -> tuple[DeckInfo | None, list[DeckProblem]]:
    """One file through the cache: parse only what changed."""
    status, problems = stat_deck(path)
    if status is None:
        return None, problems
    key = str(path)
    row = store.deck_file(key)
    if row is not None and row["parsed_by"] != parsed_by:
        row = None
    if row is not None and row["size"] == status.st_size and (
            row["mtime_ns"] == status.st_mtime_ns):
        return _from_cache(path, row["info"], row["problems"])
    data, problems = read_deck_bytes(path)
    if data is None:
        return None, problems
    import hashlib  # only for a file that changed: loading OpenSSL costs every start

    digest = hashlib.sha256(data).hexdigest()
    if row is not None and row["sha256"] == digest:
        store.touch_deck_file(key, status.st_size, status.st_mtime_ns)
        return _from_cache(path, row["info"], row["problems"])
    deck, problems = validate.parse_deck(data, path)
    dumps = json.dumps
    store.put_deck_file(
        key, status.st_size, status.st_mtime_ns, digest, parsed_by,
        dumps(deck.info.to_dict()) if deck else None,
        _problems_json(problems) if problems else None,
        [(c.id, dumps(c.to_dict())) for c in deck.cards] if deck else [],
    )
    return (deck.info if deck else None), problems


def _from_cache(
    path: Path, info: str | None, problems: str | None
) -> tuple[DeckInfo | None, list[DeckProblem]]:
    if problems:
        return None, [DeckProblem(path, line, col, msg) for line, col, msg in json.loads(problems)]
    assert info is not None
    return DeckInfo.from_dict(json.loads(info)), []


def _prune(store: Store) -> None:
    """Forget parsed files that no longer exist, so the cache holds no more than the disk."""
    gone = [path for path in store.deck_file_paths() if not os.path.isfile(path)]
    if gone:
        store.forget_deck_files(gone)


def load_library(store: Store, roots: Iterable[Path]) -> Library:
    """Every deck under `roots`, in order; the first deck with a given id and language wins."""
    paths, refused = discover(roots)
    _prune(store)
    library = Library(skipped=list(refused))
    parsed_by = parser_key()
    for path in paths:
        info, problems = _load_one(store, path, parsed_by)
        if info is None:
            library.skipped.append(SkippedDeck(path, tuple(problems)))
            continue
        first = library.find(info.key)
        if first is not None:
            library.skipped.append(SkippedDeck(path, (DeckProblem(
                path, 1, 1, _("deck '{key}' is already loaded from {path}; this copy is "
                              "skipped (give it another id)").format(key=info.key,
                                                                     path=first.path)),)))
            continue
        library.decks.append(info)
    return library


def cards(store: Store, deck: DeckInfo) -> list[Card]:
    return [Card.from_dict(json.loads(data)) for data in store.cached_cards(str(deck.path))]


def card(store: Store, deck: DeckInfo, card_id: str) -> Card | None:
    data = store.cached_card(str(deck.path), card_id)
    return None if data is None else Card.from_dict(json.loads(data))


def validate_paths(paths: Iterable[Path]) -> tuple[int, list[DeckProblem]]:
    """Check files and folders without the store: (valid deck count, every problem)."""
    files, refused = discover(paths)
    problems = [p for skipped in refused for p in skipped.problems]
    valid = 0
    first_with: dict[DeckKey, Path] = {}
    for path in files:
        deck, deck_problems = validate.load_deck_file(path)
        problems.extend(deck_problems)
        if deck is None:
            continue
        first = first_with.setdefault(deck.key, path)
        if first != path:
            # The app would load one of the two and skip the other: a problem, not a pass.
            line, column = validate.id_position(path)
            problems.append(DeckProblem(path, line, column, _(
                "deck '{key}' is also the id of {path}: the app loads only one of them; give "
                "this one another id").format(key=deck.key, path=visible(str(first)))))
            continue
        valid += 1
    return valid, problems


def is_bundled(deck: DeckInfo) -> bool:
    """A deck shipped inside the app: read-only, since an upgrade replaces it and a slip in
    an editor would make it vanish. (The person's own and linked decks are editable.)"""
    return deck.path.resolve().is_relative_to(bundled_decks_dir().resolve())
