"""The open database: connecting, transactions, settings. Each area of the store adds its
queries as a mixin of `StoreBase` (see the package's other modules)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path
from typing import Self

from interviewprep.core.database import (
    BUSY_TIMEOUT_MS,
    Access,
    connect_read_only,
    connect_to_peek,
    open_database,
    quick_check,
)


class StoreBase:
    """One open database. Use as a context manager or call `close()`.

    `access` says what the caller will do (see `core.database`): WRITE refuses a read-only
    or damaged database; READ works on a copy of one; RESTORE opens a damaged one only to
    put a backup over it. `backups` is where the automatic backups go (none when None).
    `read_only` is a worker thread's own plain read-only connection (see `reader`).
    """

    def __init__(self, path: Path, read_only: bool = False, *, access: Access = Access.WRITE,
                 backups: Path | None = None, now: datetime | None = None) -> None:
        self.path = path
        # One connection is shared with the TUI's worker threads; transactions must not
        # interleave on it.
        self._lock = threading.RLock()
        self.damaged: str | None = None
        self.in_memory = False
        self._marker: Path | None = None
        if read_only:
            # A worker thread's own connection: it reads while the app writes, and can
            # change nothing.
            self.db = connect_read_only(path)
            self.db.row_factory = sqlite3.Row
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            return
        hook = None
        if backups is not None:
            from interviewprep.core import backups as automatic

            hook = automatic.automatic(backups, now)
        opened = open_database(path, access, hook)
        self.db = opened.connection
        self.db.row_factory = sqlite3.Row
        self.damaged = opened.damaged
        self.in_memory = opened.in_memory
        self._marker = opened.marker

    @staticmethod
    def peek_setting(path: Path, key: str) -> str | None:
        """One setting read without opening the store (before a command is parsed); None
        when there is no database yet or it cannot be read."""
        if not path.is_file():
            return None
        try:
            with closing(connect_to_peek(path)) as db:
                row = db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return None if row is None else str(row[0])

    def reader(self) -> Self:
        """A second, read-only connection to the same database, for a worker thread."""
        return type(self)(self.path, read_only=True)

    def close(self) -> None:
        self.db.close()
        if self._marker is not None:
            self._marker.unlink(missing_ok=True)
            self._marker = None

    def quick_check(self) -> list[str]:
        return quick_check(self.db)

    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def counts(self) -> dict[str, int]:
        """Rows in each table a person cares about."""
        return {table: int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                for table in ("answers", "reviews", "card_states", "drafts", "deck_files")}

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the connection for a run of reads from another thread."""
        with self._lock:
            yield

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                # SQLite has already rolled back after a full disk or an I/O error; a second
                # ROLLBACK would fail and hide the error that matters.
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise
            try:
                self.db.execute("COMMIT")
            except sqlite3.Error:
                if self.db.in_transaction:  # e.g. busy: never leave it open
                    self.db.execute("ROLLBACK")
                raise

    # -- settings ---------------------------------------------------------------------------

    def get_setting(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def delete_setting(self, key: str) -> None:
        self.db.execute("DELETE FROM settings WHERE key = ?", (key,))
