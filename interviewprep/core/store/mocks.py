"""Mock interviews and the answers given in them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from interviewprep.core.store.base import StoreBase
from interviewprep.core.store.rows import (
    NOT_SUSPENDED_STATE,
    CardRef,
    Draft,
    MockRow,
    answer_from_row,
    new_uid,
)


class MocksStore(StoreBase):
    # -- mock interviews --------------------------------------------------------------------

    def start_mock(self, source: str, language: str, planned: int, at: datetime) -> int:
        cursor = self.db.execute(
            "INSERT INTO mocks(uid, source, language, planned, started_at) VALUES (?,?,?,?,?)",
            (new_uid(), source, language, planned, at.timestamp()))
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
                       answers=tuple(answer_from_row(a) for a in answers))

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

    # -- drafts: one per part of a card ('' its own question; see core/drafts.py) ---------

    def save_draft(self, ref: CardRef, text: str, seconds: float, now: datetime,
                   part: str = "") -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO drafts(deck_id, language, card_id, part, text, seconds, "
            "updated_at) VALUES (?,?,?,?,?,?,?)",
            (*ref, part, text, seconds, now.timestamp()),
        )

    def draft(self, ref: CardRef, part: str = "") -> Draft | None:
        row = self.db.execute(
            "SELECT text, seconds, updated_at FROM drafts WHERE deck_id = ? AND language = ? "
            "AND card_id = ? AND part = ?", (*ref, part),
        ).fetchone()
        return None if row is None else Draft(row[0], row[1], row[2])

    def discard_draft(self, ref: CardRef, part: str = "") -> None:
        self.db.execute(
            "DELETE FROM drafts WHERE deck_id = ? AND language = ? AND card_id = ? "
            "AND part = ?", (*ref, part),
        )
