"""The local SQLite store: scheduling state, reviews, answers, drafts, settings, deck cache.

Every write is its own transaction, committed before the call returns (WAL mode), so a crash
or a kill loses nothing already recorded. The folder is 0700 and the files 0600.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from interviewprep.core.migrations import migrate
from interviewprep.core.scheduling import CardState, Rating
from interviewprep.locations import PRIVATE_FILE_MODE, ensure_private_dir

CardRef = tuple[str, str, str]  # (deck id, language, card id)


@dataclass(frozen=True)
class Answer:
    id: int
    uid: str
    deck_id: str
    language: str
    card_id: str
    text: str
    seconds: float
    answered_at: float
    rating: int | None
    practice: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "uid": self.uid,
            "deck_id": self.deck_id,
            "language": self.language,
            "card_id": self.card_id,
            "text": self.text,
            "seconds": self.seconds,
            "answered_at": self.answered_at,
            "rating": self.rating,
            "practice": self.practice,
        }


@dataclass(frozen=True)
class Review:
    id: int
    uid: str
    deck_id: str
    language: str
    card_id: str
    rating: int
    reviewed_at: float
    duration_ms: int | None
    state_before: dict[str, Any] | None
    state_after: dict[str, Any]


@dataclass(frozen=True)
class Draft:
    text: str
    seconds: float
    updated_at: float


def _new_uid() -> str:
    return uuid.uuid4().hex


class Store:
    """One open database. Use as a context manager or call `close()`."""

    def __init__(self, path: Path) -> None:
        ensure_private_dir(path.parent)
        if not path.exists():
            # Create the file ourselves so it is private from the first byte;
            # SQLite gives the -wal and -shm files the same mode.
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE_MODE))
        os.chmod(path, PRIVATE_FILE_MODE)
        self.path = path
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        # One connection is shared with the TUI's worker threads; transactions must not
        # interleave on it.
        self._lock = threading.RLock()
        self.db.execute("PRAGMA journal_mode = WAL")
        # NORMAL in WAL mode survives a killed process; only a power cut can lose the last
        # commits. FULL would fsync every review, which costs more than the review itself.
        self.db.execute("PRAGMA synchronous = NORMAL")
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA busy_timeout = 5000")
        migrate(self.db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
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
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

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

    # -- scheduling state and reviews -------------------------------------------------------

    def card_state(self, ref: CardRef) -> CardState | None:
        row = self.db.execute(
            "SELECT state, step, stability, difficulty, due, last_review FROM card_states "
            "WHERE deck_id = ? AND language = ? AND card_id = ?",
            ref,
        ).fetchone()
        return None if row is None else CardState.from_row(dict(row))

    def record_review(
        self,
        ref: CardRef,
        rating: Rating,
        before: CardState | None,
        after: CardState,
        reviewed_at: datetime,
        duration_ms: int | None,
        answer_id: int | None = None,
    ) -> str:
        """Store a review and the card's new state in one transaction; return its uid."""
        uid = _new_uid()
        after_row = after.to_row()
        with self.transaction() as db:
            db.execute(
                "INSERT INTO reviews(uid, deck_id, language, card_id, rating, reviewed_at, "
                "duration_ms, state_before, state_after) VALUES (?,?,?,?,?,?,?,?,?)",
                (uid, *ref, int(rating), reviewed_at.timestamp(), duration_ms,
                 json.dumps(before.to_row()) if before else None, json.dumps(after_row)),
            )
            self._put_state(db, ref, after_row)
            if answer_id is not None:
                db.execute("UPDATE answers SET rating = ?, review_uid = ? WHERE id = ?",
                           (int(rating), uid, answer_id))
        return uid

    @staticmethod
    def _put_state(db: sqlite3.Connection, ref: CardRef, row: dict[str, Any]) -> None:
        db.execute(
            "INSERT OR REPLACE INTO card_states(deck_id, language, card_id, state, step, "
            "stability, difficulty, due, last_review) VALUES (?,?,?,?,?,?,?,?,?)",
            (*ref, row["state"], row["step"], row["stability"], row["difficulty"], row["due"],
             row["last_review"]),
        )

    def undo_review(self, uid: str) -> CardRef | None:
        """Take back a review: the card's state returns to what it was before it.

        Only the newest review of its card can be taken back, so a state is never rolled
        back underneath a later review.
        """
        with self.transaction() as db:
            row = db.execute(
                "SELECT id, uid, deck_id, language, card_id, state_before FROM reviews "
                "WHERE uid = ?", (uid,),
            ).fetchone()
            if row is None:
                return None
            (newer,) = db.execute(
                "SELECT count(*) FROM reviews WHERE deck_id = ? AND language = ? "
                "AND card_id = ? AND id > ?",
                (row["deck_id"], row["language"], row["card_id"], row["id"]),
            ).fetchone()
            if newer:
                return None
            if row is None:
                return None
            ref: CardRef = (row["deck_id"], row["language"], row["card_id"])
            if row["state_before"] is None:
                db.execute("DELETE FROM card_states WHERE deck_id = ? AND language = ? "
                           "AND card_id = ?", ref)
            else:
                self._put_state(db, ref, json.loads(row["state_before"]))
            db.execute("DELETE FROM reviews WHERE id = ?", (row["id"],))
            db.execute("UPDATE answers SET rating = NULL, review_uid = NULL "
                       "WHERE review_uid = ?", (row["uid"],))
        return ref

    def reviews(self, since: float | None = None) -> list[Review]:
        rows = self.db.execute(
            "SELECT * FROM reviews WHERE reviewed_at >= ? ORDER BY reviewed_at, id",
            (since if since is not None else float("-inf"),),
        ).fetchall()
        return [
            Review(
                id=r["id"], uid=r["uid"], deck_id=r["deck_id"], language=r["language"],
                card_id=r["card_id"], rating=r["rating"], reviewed_at=r["reviewed_at"],
                duration_ms=r["duration_ms"],
                state_before=json.loads(r["state_before"]) if r["state_before"] else None,
                state_after=json.loads(r["state_after"]),
            )
            for r in rows
        ]

    # -- answers and drafts -----------------------------------------------------------------

    def record_answer(
        self, ref: CardRef, text: str, seconds: float, answered_at: datetime,
        practice: bool = False,
    ) -> int:
        """Store a rehearsed answer (empty is allowed) and drop the card's draft."""
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO answers(uid, deck_id, language, card_id, text, seconds, "
                "answered_at, practice) VALUES (?,?,?,?,?,?,?,?)",
                (_new_uid(), *ref, text, seconds, answered_at.timestamp(), int(practice)),
            )
            db.execute("DELETE FROM drafts WHERE deck_id = ? AND language = ? AND card_id = ?",
                       ref)
        return int(cursor.lastrowid or 0)

    def answer(self, answer_id: int) -> Answer | None:
        row = self.db.execute("SELECT * FROM answers WHERE id = ?", (answer_id,)).fetchone()
        return None if row is None else self._answer(row)

    def set_answer_rating(self, answer_id: int, rating: Rating | None) -> None:
        self.db.execute("UPDATE answers SET rating = ? WHERE id = ?",
                        (None if rating is None else int(rating), answer_id))

    def answers(
        self, deck_id: str | None = None, card_id: str | None = None,
        language: str | None = None,
    ) -> list[Answer]:
        """Rehearsed answers, newest first, optionally for one deck and/or card."""
        clauses, params = [], []
        for column, value in (("deck_id", deck_id), ("card_id", card_id),
                              ("language", language)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self.db.execute(
            f"SELECT * FROM answers {where} ORDER BY answered_at DESC, id DESC", params
        ).fetchall()
        return [self._answer(r) for r in rows]

    @staticmethod
    def _answer(r: sqlite3.Row) -> Answer:
        return Answer(id=r["id"], uid=r["uid"], deck_id=r["deck_id"], language=r["language"],
                      card_id=r["card_id"], text=r["text"], seconds=r["seconds"],
                      answered_at=r["answered_at"], rating=r["rating"],
                      practice=bool(r["practice"]))

    def save_draft(self, ref: CardRef, text: str, seconds: float, now: datetime) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO drafts(deck_id, language, card_id, text, seconds, "
            "updated_at) VALUES (?,?,?,?,?,?)",
            (*ref, text, seconds, now.timestamp()),
        )

    def draft(self, ref: CardRef) -> Draft | None:
        row = self.db.execute(
            "SELECT text, seconds, updated_at FROM drafts WHERE deck_id = ? AND language = ? "
            "AND card_id = ?", ref,
        ).fetchone()
        return None if row is None else Draft(row[0], row[1], row[2])

    def discard_draft(self, ref: CardRef) -> None:
        self.db.execute(
            "DELETE FROM drafts WHERE deck_id = ? AND language = ? AND card_id = ?", ref
        )

    # -- bulk restore (import) --------------------------------------------------------------

    def import_rows(
        self, answers: Iterable[dict[str, Any]], reviews: Iterable[dict[str, Any]],
        states: Iterable[dict[str, Any]],
    ) -> tuple[int, int]:
        """Insert exported rows, skipping any already here (by uid); return counts added."""
        with self.transaction() as db:
            before_answers = db.total_changes
            db.executemany(
                "INSERT OR IGNORE INTO answers(uid, deck_id, language, card_id, text, seconds, "
                "answered_at, rating, practice) VALUES (:uid, :deck_id, :language, :card_id, "
                ":text, :seconds, :answered_at, :rating, :practice)",
                list(answers),
            )
            added_answers = db.total_changes - before_answers
            before_reviews = db.total_changes
            db.executemany(
                "INSERT OR IGNORE INTO reviews(uid, deck_id, language, card_id, rating, "
                "reviewed_at, duration_ms, state_before, state_after) VALUES (:uid, :deck_id, "
                ":language, :card_id, :rating, :reviewed_at, :duration_ms, :state_before, "
                ":state_after)",
                list(reviews),
            )
            added_reviews = db.total_changes - before_reviews
            for state in states:
                # Keep whichever side reviewed the card last.
                db.execute(
                    "INSERT INTO card_states(deck_id, language, card_id, state, step, "
                    "stability, difficulty, due, last_review) VALUES (:deck_id, :language, "
                    ":card_id, :state, :step, :stability, :difficulty, :due, :last_review) "
                    "ON CONFLICT(deck_id, language, card_id) DO UPDATE SET "
                    "state = excluded.state, step = excluded.step, "
                    "stability = excluded.stability, difficulty = excluded.difficulty, "
                    "due = excluded.due, last_review = excluded.last_review "
                    "WHERE coalesce(excluded.last_review, 0) > coalesce(last_review, 0)",
                    state,
                )
        return added_answers, added_reviews

    def all_states(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.execute("SELECT * FROM card_states ORDER BY rowid")]
