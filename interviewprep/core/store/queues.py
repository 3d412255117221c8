"""What the queues ask: due and new counts, the next cards, the deck browser."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from interviewprep.core.store.base import StoreBase
from interviewprep.core.store.rows import (
    NOT_SUSPENDED_CARD,
    NOT_SUSPENDED_STATE,
    CardOverview,
    CardRef,
)


class QueuesStore(StoreBase):
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
