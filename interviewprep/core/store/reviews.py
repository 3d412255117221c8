"""Scheduling state, reviews, answers, drafts, and the bulk restore of an export."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from interviewprep.core.scheduling import CardState, Rating
from interviewprep.core.store.base import StoreBase
from interviewprep.core.store.rows import (
    Answer,
    CardRef,
    Review,
    answer_from_row,
    new_uid,
)


class ReviewsStore(StoreBase):
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
        uid = new_uid()
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
        turn_id: str | None = None, draft_part: str = "",
    ) -> int:
        """Store a rehearsed answer (empty is allowed) and drop the draft of the part it
        answers (`draft_part`, see core/drafts.py): other parts keep theirs."""
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO answers(uid, deck_id, language, card_id, text, seconds, "
                "answered_at, practice, mock_id, follow_up, turn_id) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (new_uid(), *ref, text, seconds, answered_at.timestamp(), int(practice),
                 mock_id, follow_up, turn_id),
            )
            db.execute("DELETE FROM drafts WHERE deck_id = ? AND language = ? AND card_id = ? "
                       "AND part = ?", (*ref, draft_part))
        return int(cursor.lastrowid or 0)

    def answer(self, answer_id: int) -> Answer | None:
        row = self.db.execute("SELECT * FROM answers WHERE id = ?", (answer_id,)).fetchone()
        return None if row is None else answer_from_row(row)

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
        return [answer_from_row(r) for r in rows]

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
