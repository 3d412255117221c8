"""Spoken answers: recordings, their measures and transcripts."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from interviewprep.core.store.base import StoreBase
from interviewprep.core.store.rows import (
    CardRef,
    Recording,
    new_uid,
)


class RecordingsStore(StoreBase):
    # -- recordings -------------------------------------------------------------------------

    def start_recording(self, ref: CardRef, path: str, started_at: datetime) -> int:
        """Note a recording as it begins, before its answer exists; return its id."""
        with self._lock:
            cursor = self.db.execute(
                "INSERT INTO recordings(uid, deck_id, language, card_id, path, started_at) "
                "VALUES (?,?,?,?,?,?)", (new_uid(), *ref, path, started_at.timestamp()))
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
