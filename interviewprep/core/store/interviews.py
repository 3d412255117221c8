"""Interviews and the story bank (rows as dicts; core/interviews.py types them)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from interviewprep.core.store.base import StoreBase
from interviewprep.core.store.rows import (
    CardRef,
    new_uid,
)


class InterviewsStore(StoreBase):
    # -- interviews and the story bank (rows as dicts; core/interviews.py gives them types) -

    _INTERVIEW_COLUMNS = ("uid", "company", "role", "date", "time", "job_description",
                          "minutes_per_day", "notes", "created_at")
    _STORY_COLUMNS = ("uid", "title", "situation", "task", "action", "result", "numbers",
                      "created_at", "updated_at")

    def add_interview(self, row: dict[str, Any]) -> int:
        values = {"uid": new_uid(), **row}
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
        values = {"uid": new_uid(), **row}
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
