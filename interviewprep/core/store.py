"""The local SQLite store: scheduling state, reviews, answers, drafts, settings, deck cache.

Every write is its own transaction, committed before the call returns (WAL mode), so a crash
or a kill loses nothing already recorded. The folder is 0700 and the files 0600.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from interviewprep.core.database import (
    BUSY_TIMEOUT_MS,
    Access,
    connect_read_only,
    connect_to_peek,
    open_database,
    quick_check,
)
from interviewprep.core.scheduling import CardState, Rating

CardRef = tuple[str, str, str]  # (deck id, language, card id)
# Queue conditions: a suspended card is never due and never new.
NOT_SUSPENDED_STATE = (
    "AND NOT EXISTS (SELECT 1 FROM suspended_cards x WHERE x.deck_id = s.deck_id "
    "AND x.language = s.language AND x.card_id = s.card_id) ")
NOT_SUSPENDED_CARD = (  # takes the deck id and language as parameters
    "AND NOT EXISTS (SELECT 1 FROM suspended_cards x WHERE x.deck_id = ? "
    "AND x.language = ? AND x.card_id = c.card_id) ")


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
    mock_id: int | None = None  # the mock interview it was given in
    follow_up: int | None = None  # which of the card's follow-ups it answers
    turn_id: str | None = None  # the role-play turn it replies to

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
            "mock_id": self.mock_id,
            "follow_up": self.follow_up,
            "turn_id": self.turn_id,
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
class Recording:
    """A spoken answer's audio file (relative to the data folder) and what was made of it."""

    id: int
    uid: str
    ref: CardRef
    answer_id: int | None
    path: str
    started_at: float
    seconds: float | None  # None while recording, or until a crashed one is repaired
    measures: dict[str, Any] | None
    transcript: str | None
    transcript_engine: str | None
    transcript_words: list[tuple[str, float, float]]
    transcript_corrected: bool


@dataclass(frozen=True)
class Draft:
    text: str
    seconds: float
    updated_at: float


def _new_uid() -> str:
    return uuid.uuid4().hex


class Store:
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
        practice: bool = False, mock_id: int | None = None, follow_up: int | None = None,
        turn_id: str | None = None,
    ) -> int:
        """Store a rehearsed answer (empty is allowed) and drop the card's draft."""
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO answers(uid, deck_id, language, card_id, text, seconds, "
                "answered_at, practice, mock_id, follow_up, turn_id) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (_new_uid(), *ref, text, seconds, answered_at.timestamp(), int(practice),
                 mock_id, follow_up, turn_id),
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
                      practice=bool(r["practice"]), mock_id=r["mock_id"],
                      follow_up=r["follow_up"], turn_id=r["turn_id"])

    # -- mock interviews --------------------------------------------------------------------

    def start_mock(self, source: str, language: str, planned: int, at: datetime) -> int:
        cursor = self.db.execute(
            "INSERT INTO mocks(uid, source, language, planned, started_at) VALUES (?,?,?,?,?)",
            (_new_uid(), source, language, planned, at.timestamp()))
        return int(cursor.lastrowid or 0)

    def finish_mock(self, mock_id: int, at: datetime) -> None:
        self.db.execute("UPDATE mocks SET finished_at = ? WHERE id = ?",
                        (at.timestamp(), mock_id))

    def mock(self, mock_id: int) -> MockRow | None:
        row = self.db.execute("SELECT * FROM mocks WHERE id = ?", (mock_id,)).fetchone()
        if row is None:
            return None
        answers = self.db.execute("SELECT * FROM answers WHERE mock_id = ? ORDER BY id",
                                  (mock_id,)).fetchall()
        return MockRow(id=row["id"], source=row["source"], language=row["language"],
                       planned=row["planned"], started_at=row["started_at"],
                       finished_at=row["finished_at"],
                       answers=tuple(self._answer(a) for a in answers))

    def weak_candidates(self, path: str, deck_id: str,
                        language: str) -> list[tuple[str, dict[str, Any], int]]:
        """Every reviewed, unsuspended card of a deck: (card id, state row, Again count)."""
        rows = self.db.execute(
            "SELECT s.card_id, s.state, s.step, s.stability, s.difficulty, s.due, "
            "s.last_review, (SELECT count(*) FROM reviews r WHERE r.deck_id = s.deck_id "
            "AND r.language = s.language AND r.card_id = s.card_id AND r.rating = 1) "
            "AS agains FROM card_states s JOIN cached_cards c ON c.path = ? "
            "AND c.card_id = s.card_id WHERE s.deck_id = ? AND s.language = ? "
            + NOT_SUSPENDED_STATE + "ORDER BY c.position",
            (path, deck_id, language)).fetchall()
        return [(str(r["card_id"]), dict(r), int(r["agains"])) for r in rows]

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

    # -- recordings -------------------------------------------------------------------------

    def start_recording(self, ref: CardRef, path: str, started_at: datetime) -> int:
        """Note a recording as it begins, before its answer exists; return its id."""
        with self._lock:
            cursor = self.db.execute(
                "INSERT INTO recordings(uid, deck_id, language, card_id, path, started_at) "
                "VALUES (?,?,?,?,?,?)", (_new_uid(), *ref, path, started_at.timestamp()))
            return int(cursor.lastrowid or 0)

    def finish_recording(self, recording_id: int, seconds: float,
                         measures: dict[str, Any] | None = None) -> None:
        with self._lock:
            self.db.execute("UPDATE recordings SET seconds = ?, "
                            "measures = coalesce(?, measures) WHERE id = ?",
                            (seconds, json.dumps(measures) if measures else None, recording_id))

    def attach_recording(self, recording_id: int, answer_id: int) -> None:
        with self._lock:
            self.db.execute("UPDATE recordings SET answer_id = ? WHERE id = ?",
                            (answer_id, recording_id))

    def save_transcript(self, recording_id: int, text: str, engine: str | None,
                        words: Iterable[tuple[str, float, float]] = (),
                        corrected: bool = False) -> None:
        """Store what the recogniser heard (engine set) or the person's correction of it.
        Transcription runs in a worker thread: the lock keeps it out of a transaction the
        UI thread has open on the shared connection."""
        with self._lock:
            if corrected:
                self.db.execute("UPDATE recordings SET transcript = ?, "
                                "transcript_corrected = 1 WHERE id = ?", (text, recording_id))
                return
            self.db.execute(
                "UPDATE recordings SET transcript = ?, transcript_engine = ?, "
                "transcript_words = ?, transcript_corrected = 0 WHERE id = ?",
                (text, engine, json.dumps([list(w) for w in words]), recording_id))

    def recording(self, recording_id: int) -> Recording | None:
        row = self.db.execute("SELECT * FROM recordings WHERE id = ?",
                              (recording_id,)).fetchone()
        return None if row is None else self._recording(row)

    def recordings(self, answer_id: int | None = None, ref: CardRef | None = None,
                   unfinished: bool = False) -> list[Recording]:
        """Recordings, newest first: of one answer, of one card, or those never finished."""
        params: tuple[Any, ...]
        if answer_id is not None:
            where, params = "answer_id = ?", (answer_id,)
        elif ref is not None:
            where, params = "deck_id = ? AND language = ? AND card_id = ?", ref
        else:
            where, params = ("seconds IS NULL" if unfinished else "1"), ()
        rows = self.db.execute(f"SELECT * FROM recordings WHERE {where} "
                               "ORDER BY started_at DESC, id DESC", params).fetchall()
        return [self._recording(r) for r in rows]

    @staticmethod
    def _recording(r: sqlite3.Row) -> Recording:
        words = json.loads(r["transcript_words"]) if r["transcript_words"] else []
        return Recording(
            id=r["id"], uid=r["uid"], ref=(r["deck_id"], r["language"], r["card_id"]),
            answer_id=r["answer_id"], path=r["path"], started_at=r["started_at"],
            seconds=r["seconds"], measures=json.loads(r["measures"]) if r["measures"] else None,
            transcript=r["transcript"], transcript_engine=r["transcript_engine"],
            transcript_words=[(str(w), float(a), float(b)) for w, a, b in words],
            transcript_corrected=bool(r["transcript_corrected"]))

    def import_recording(self, row: dict[str, Any], path: str) -> bool:
        """Add an exported recording whose file is already at `path` (relative to the data
        folder), linked to its answer by the answer's uid; False when its uid is here."""
        with self.transaction() as db:
            if db.execute("SELECT 1 FROM recordings WHERE uid = ?", (row["uid"],)).fetchone():
                return False
            answer = db.execute("SELECT id FROM answers WHERE uid = ?",
                                (row["answer_uid"],)).fetchone()
            db.execute(
                "INSERT INTO recordings(uid, deck_id, language, card_id, answer_id, path, "
                "started_at, seconds, measures, transcript, transcript_engine, "
                "transcript_corrected) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (row["uid"], row["deck_id"], row["language"], row["card_id"],
                 answer[0] if answer else None, path, row["started_at"], row["seconds"],
                 json.dumps(row["measures"]) if row["measures"] else None, row["transcript"],
                 row["transcript_engine"], int(bool(row["transcript_corrected"]))))
        return True

    def has_recording(self, uid: str) -> bool:
        return self.db.execute("SELECT 1 FROM recordings WHERE uid = ?",
                               (uid,)).fetchone() is not None

    # -- bulk restore (import) --------------------------------------------------------------

    def import_rows(
        self, answers: Iterable[dict[str, Any]], reviews: Iterable[dict[str, Any]],
        states: Iterable[dict[str, Any]],
    ) -> tuple[int, int]:
        """Insert exported (already validated) rows in one transaction; a row whose uid is
        already here is skipped, and only such a row. Returns (answers, reviews) added."""
        with self.transaction() as db:
            before_answers = db.total_changes
            db.executemany(
                "INSERT INTO answers(uid, deck_id, language, card_id, text, seconds, "
                "answered_at, rating, practice) VALUES (:uid, :deck_id, :language, :card_id, "
                ":text, :seconds, :answered_at, :rating, :practice) ON CONFLICT(uid) DO NOTHING",
                list(answers),
            )
            added_answers = db.total_changes - before_answers
            before_reviews = db.total_changes
            db.executemany(
                "INSERT INTO reviews(uid, deck_id, language, card_id, rating, "
                "reviewed_at, duration_ms, state_before, state_after, imported) VALUES (:uid, "
                ":deck_id, :language, :card_id, :rating, :reviewed_at, :duration_ms, "
                ":state_before, :state_after, 1) ON CONFLICT(uid) DO NOTHING",
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

    # -- queues and counts (the collection's questions; the SQL stays here) ------------------

    def set_busy_timeout(self, milliseconds: int) -> None:
        """How long a write waits for another process's lock before it fails (and is retried
        by the caller): short in the app, so a busy database never freezes typing."""
        self.db.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")

    def set_settings(self, values: dict[str, str]) -> None:
        """Save several settings at once: all of them or none."""
        with self.transaction() as db:
            db.executemany(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                list(values.items()),
            )

    def settings_with_prefix(self, prefix: str) -> dict[str, str]:
        rows = self.db.execute("SELECT key, value FROM settings WHERE substr(key, 1, ?) = ?",
                               (len(prefix), prefix))
        return {str(key): str(value) for key, value in rows}

    def due_count(self, path: str, deck_id: str, language: str, before: float) -> int:
        (due,) = self.db.execute(
            "SELECT count(*) FROM card_states s JOIN cached_cards c ON c.path = ? "
            "AND c.card_id = s.card_id WHERE s.deck_id = ? AND s.language = ? "
            "AND s.due <= ? " + NOT_SUSPENDED_STATE,
            (path, deck_id, language, before),
        ).fetchone()
        return int(due)

    def unseen_count(self, path: str, deck_id: str, language: str) -> int:
        (unseen,) = self.db.execute(
            "SELECT count(*) FROM cached_cards c WHERE c.path = ? AND NOT EXISTS "
            "(SELECT 1 FROM card_states s WHERE s.deck_id = ? AND s.language = ? "
            "AND s.card_id = c.card_id) " + NOT_SUSPENDED_CARD,
            (path, deck_id, language, deck_id, language),
        ).fetchone()
        return int(unseen)

    def introduced_since(self, deck_id: str, language: str, since: float) -> int:
        """New cards first reviewed since `since` in this deck and language, not imported."""
        (introduced,) = self.db.execute(
            "SELECT count(*) FROM reviews WHERE deck_id = ? AND language = ? "
            "AND reviewed_at >= ? AND state_before IS NULL AND imported = 0",
            (deck_id, language, since),
        ).fetchone()
        return int(introduced)

    def earliest_due(self, path: str, deck_id: str, language: str, before: float,
                     skip: Iterable[str] = ()) -> tuple[float, str] | None:
        """The card of a deck due soonest (at or before `before`), leaving out `skip`."""
        skipped = list(skip)
        marks = ",".join("?" * len(skipped))
        row = self.db.execute(
            "SELECT s.due, s.card_id FROM card_states s JOIN cached_cards c ON c.path = ? "
            "AND c.card_id = s.card_id WHERE s.deck_id = ? AND s.language = ? AND s.due <= ? "
            f"AND s.card_id NOT IN ({marks}) " + NOT_SUSPENDED_STATE + "ORDER BY s.due LIMIT 1",
            (path, deck_id, language, before, *skipped),
        ).fetchone()
        return None if row is None else (float(row[0]), str(row[1]))

    def first_unseen(self, path: str, deck_id: str, language: str, from_position: int,
                     skip: Iterable[str] = ()) -> tuple[int, str] | None:
        """The first card at or after `from_position` that has never been reviewed."""
        skipped = list(skip)
        marks = ",".join("?" * len(skipped))
        row = self.db.execute(
            "SELECT c.position, c.card_id FROM cached_cards c WHERE c.path = ? "
            "AND c.position >= ? AND NOT EXISTS (SELECT 1 FROM card_states s "
            "WHERE s.deck_id = ? AND s.language = ? AND s.card_id = c.card_id) "
            f"AND c.card_id NOT IN ({marks}) " + NOT_SUSPENDED_CARD + "ORDER BY c.position "
            "LIMIT 1",
            (path, from_position, deck_id, language, *skipped, deck_id, language),
        ).fetchone()
        return None if row is None else (int(row[0]), str(row[1]))

    def next_due_at(self, deck_id: str, language: str) -> float | None:
        row = self.db.execute(
            "SELECT min(due) FROM card_states WHERE deck_id = ? AND language = ?",
            (deck_id, language),
        ).fetchone()
        return None if row[0] is None else float(row[0])

    def review_log(self) -> list[tuple[float, int, int | None]]:
        """Every review as (time, rating, FSRS state before it), for the stats."""
        rows = self.db.execute(
            "SELECT reviewed_at, rating, json_extract(state_before, '$.state') FROM reviews")
        return [(float(at), int(rating), before) for at, rating, before in rows]

    def due_times(self) -> list[float]:
        return [float(due) for (due,) in self.db.execute("SELECT due FROM card_states")]

    def totals(self) -> tuple[int, int]:
        """(reviews, answers) kept."""
        (reviews,) = self.db.execute("SELECT count(*) FROM reviews").fetchone()
        (answers,) = self.db.execute("SELECT count(*) FROM answers").fetchone()
        return int(reviews), int(answers)

    def reader(self) -> Store:
        """A second, read-only connection to the same database, for a worker thread."""
        return Store(self.path, read_only=True)

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

    # -- the deck browser ---------------------------------------------------------------------

    def set_suspended(self, ref: CardRef, suspended: bool, at: datetime) -> None:
        if suspended:
            self.db.execute("INSERT OR IGNORE INTO suspended_cards(deck_id, language, card_id, "
                            "suspended_at) VALUES (?,?,?,?)", (*ref, at.timestamp()))
        else:
            self.db.execute("DELETE FROM suspended_cards WHERE deck_id = ? AND language = ? "
                            "AND card_id = ?", ref)

    def suspended(self, deck_id: str, language: str) -> set[str]:
        rows = self.db.execute("SELECT card_id FROM suspended_cards WHERE deck_id = ? "
                               "AND language = ?", (deck_id, language))
        return {str(card_id) for (card_id,) in rows}

    def card_overview(self, deck_id: str, language: str) -> dict[str, CardOverview]:
        """Per card of a deck (by id): its FSRS state and due date, its last rating and how
        many answers were rehearsed. Cards never seen are absent."""
        out: dict[str, CardOverview] = {}
        for card_id, state, due in self.db.execute(
                "SELECT card_id, state, due FROM card_states WHERE deck_id = ? AND language = ?",
                (deck_id, language)):
            out[card_id] = CardOverview(state=int(state), due=float(due))
        for card_id, rating in self.db.execute(
                "SELECT card_id, rating FROM reviews r WHERE deck_id = ? AND language = ? "
                "AND id = (SELECT max(id) FROM reviews WHERE deck_id = r.deck_id "
                "AND language = r.language AND card_id = r.card_id)", (deck_id, language)):
            out.setdefault(card_id, CardOverview()).last_rating = int(rating)
        for card_id, count in self.db.execute(
                "SELECT card_id, count(*) FROM answers WHERE deck_id = ? AND language = ? "
                "GROUP BY card_id", (deck_id, language)):
            out.setdefault(card_id, CardOverview()).attempts = int(count)
        return out

    # -- interviews and the story bank (rows as dicts; core/interviews.py gives them types) -

    _INTERVIEW_COLUMNS = ("uid", "company", "role", "date", "time", "job_description",
                          "minutes_per_day", "notes", "created_at")
    _STORY_COLUMNS = ("uid", "title", "situation", "task", "action", "result", "numbers",
                      "created_at", "updated_at")

    def add_interview(self, row: dict[str, Any]) -> int:
        values = {"uid": _new_uid(), **row}
        with self.transaction() as db:
            cursor = db.execute(
                f"INSERT INTO interviews({', '.join(self._INTERVIEW_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(self._INTERVIEW_COLUMNS))})",
                [values[c] for c in self._INTERVIEW_COLUMNS],
            )
        return int(cursor.lastrowid or 0)

    def interviews(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.execute("SELECT * FROM interviews ORDER BY date, id")]

    def interview(self, interview_id: int) -> dict[str, Any] | None:
        row = self.db.execute("SELECT * FROM interviews WHERE id = ?",
                              (interview_id,)).fetchone()
        return None if row is None else dict(row)

    def set_interview_notes(self, interview_id: int, notes: str) -> bool:
        with self.transaction() as db:
            cursor = db.execute("UPDATE interviews SET notes = ? WHERE id = ?",
                                (notes, interview_id))
        return cursor.rowcount > 0

    def remove_interview(self, interview_id: int) -> bool:
        with self.transaction() as db:
            cursor = db.execute("DELETE FROM interviews WHERE id = ?", (interview_id,))
        return cursor.rowcount > 0

    def add_story(self, row: dict[str, Any]) -> int:
        values = {"uid": _new_uid(), **row}
        with self.transaction() as db:
            cursor = db.execute(
                f"INSERT INTO stories({', '.join(self._STORY_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(self._STORY_COLUMNS))})",
                [values[c] for c in self._STORY_COLUMNS],
            )
        return int(cursor.lastrowid or 0)

    def stories(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.execute("SELECT * FROM stories ORDER BY id")]

    def story(self, story_id: int) -> dict[str, Any] | None:
        row = self.db.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        return None if row is None else dict(row)

    def link_story(self, story_uid: str, ref: CardRef) -> bool:
        """Link a story to a question; False when the link was already there."""
        with self.transaction() as db:
            cursor = db.execute("INSERT OR IGNORE INTO story_links(story_uid, deck_id, "
                                "language, card_id) VALUES (?,?,?,?)", (story_uid, *ref))
        return cursor.rowcount > 0

    def unlink_story(self, story_uid: str, ref: CardRef) -> bool:
        with self.transaction() as db:
            cursor = db.execute("DELETE FROM story_links WHERE story_uid = ? AND deck_id = ? "
                                "AND language = ? AND card_id = ?", (story_uid, *ref))
        return cursor.rowcount > 0

    def story_links(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.execute(
            "SELECT story_uid, deck_id, language, card_id FROM story_links "
            "ORDER BY story_uid, deck_id, language, card_id")]

    def import_interviews_and_stories(
        self, interviews: Iterable[dict[str, Any]], stories: Iterable[dict[str, Any]],
        links: Iterable[dict[str, Any]],
    ) -> tuple[int, int]:
        """Insert exported interviews, stories and links, skipping any already here by uid;
        return (interviews added, stories added)."""
        def insert(db: sqlite3.Connection, table: str, columns: tuple[str, ...],
                   rows: Iterable[dict[str, Any]]) -> int:
            before = db.total_changes
            db.executemany(f"INSERT OR IGNORE INTO {table}({', '.join(columns)}) VALUES "
                           f"({', '.join(':' + c for c in columns)})", list(rows))
            return db.total_changes - before

        with self.transaction() as db:
            added_interviews = insert(db, "interviews", self._INTERVIEW_COLUMNS, interviews)
            added_stories = insert(db, "stories", self._STORY_COLUMNS, stories)
            # A link to a story that is in neither the file nor here is dropped, not an error.
            db.executemany(
                "INSERT OR IGNORE INTO story_links(story_uid, deck_id, language, card_id) "
                "SELECT :story_uid, :deck_id, :language, :card_id "
                "WHERE EXISTS (SELECT 1 FROM stories WHERE uid = :story_uid)", list(links))
        return added_interviews, added_stories


@dataclass(frozen=True)
class MockRow:
    """A mock interview as kept: when, what from, and its answers in the order given."""

    id: int
    source: str
    language: str
    planned: int
    started_at: float
    finished_at: float | None
    answers: tuple[Answer, ...]


@dataclass
class CardOverview:
    state: int | None = None
    due: float | None = None
    last_rating: int | None = None
    attempts: int = 0
