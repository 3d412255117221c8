"""Writes to the store that must not be lost: queued in order, retried until they land.

The rehearsal modes (mock interview, quick-fire, role-played calls) commit every answer and
rating as it happens through a `WriteQueue`: a write that fails because the database is busy
or the disk is full stays queued in memory, `unsaved` says why, and `flush()` (called by the
front end every few seconds) retries the queue oldest first. The drill (`core.session`) uses
one too, naming each rating's write after its attempt so that undo can `drop` it.
"""

from __future__ import annotations

import sqlite3
from collections import deque
from collections.abc import Callable


def why_unsaved(error: Exception) -> str:
    """"busy", "full" or "error": the key of the notice a front end shows."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return "busy"
    if "full" in text or getattr(error, "errno", None) == 28:
        return "full"
    return "error"


class WriteQueue:
    def __init__(self) -> None:
        # (owner, write), oldest first; the owner names a write that may be dropped.
        self._pending: deque[tuple[object, Callable[[], None]]] = deque()
        self.unsaved: str | None = None  # why something is not saved yet

    def write(self, action: Callable[[], None], owner: object = None) -> bool:
        """Queue `action` after every earlier write and try them all now."""
        self._pending.append((owner, action))
        return self.flush()

    def drop(self, owner: object) -> None:
        """Forget the queued writes of `owner` (a rating taken back before it was saved)."""
        self._pending = deque(w for w in self._pending if w[0] is not owner)

    def flush(self) -> bool:
        """Retry every queued write in order; True when all are saved. Never raises for a
        busy or full database."""
        while self._pending:
            try:
                self._pending[0][1]()
            except (sqlite3.OperationalError, OSError) as error:
                self.unsaved = why_unsaved(error)
                return False
            self._pending.popleft()
        self.unsaved = None
        return True

    def try_now(self, action: Callable[[], None]) -> bool:
        """Run a write that may be skipped (a draft, saved again later): False if it failed."""
        try:
            action()
        except (sqlite3.OperationalError, OSError) as error:
            self.unsaved = why_unsaved(error)
            return False
        return True

    @property
    def pending(self) -> int:
        return len(self._pending)
