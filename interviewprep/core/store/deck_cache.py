"""The parsed-deck cache that core/decks/library.py fills."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from interviewprep.core.store.base import StoreBase


class DeckCacheStore(StoreBase):
    # -- parsed deck files (the cache core/decks/library.py fills) -------------------------

    def deck_file(self, path: str) -> sqlite3.Row | None:
        return self.db.execute(  # type: ignore[no-any-return]
            "SELECT size, mtime_ns, sha256, parsed_by, info, problems FROM deck_files "
            "WHERE path = ?", (path,)).fetchone()

    def touch_deck_file(self, path: str, size: int, mtime_ns: int) -> None:
        self.db.execute("UPDATE deck_files SET size = ?, mtime_ns = ? WHERE path = ?",
                        (size, mtime_ns, path))

    def put_deck_file(self, path: str, size: int, mtime_ns: int, sha256: str, parsed_by: str,
                      info: str | None, problems: str | None,
                      cards: Iterable[tuple[str, str]]) -> None:
        """Replace a file's row and its cards (id, JSON) in one transaction."""
        with self.transaction() as db:
            db.execute("DELETE FROM deck_files WHERE path = ?", (path,))
            db.execute("INSERT INTO deck_files(path, size, mtime_ns, sha256, parsed_by, info, "
                       "problems) VALUES (?,?,?,?,?,?,?)",
                       (path, size, mtime_ns, sha256, parsed_by, info, problems))
            db.executemany("INSERT INTO cached_cards(path, position, card_id, data) "
                           "VALUES (?,?,?,?)",
                           [(path, i, card_id, data) for i, (card_id, data) in enumerate(cards)])

    def deck_file_paths(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT path FROM deck_files")]

    def forget_deck_files(self, paths: Iterable[str]) -> None:
        with self.transaction() as db:  # their cards go with them (ON DELETE CASCADE)
            db.executemany("DELETE FROM deck_files WHERE path = ?", [(p,) for p in paths])

    def cached_cards(self, path: str) -> list[str]:
        """The JSON of each card of a cached file, in deck order."""
        return [row[0] for row in self.db.execute(
            "SELECT data FROM cached_cards WHERE path = ? ORDER BY position", (path,))]

    def cached_card(self, path: str, card_id: str) -> str | None:
        row = self.db.execute("SELECT data FROM cached_cards WHERE path = ? AND card_id = ?",
                              (path, card_id)).fetchone()
        return None if row is None else str(row[0])
