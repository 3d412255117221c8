"""The rows the store hands out: answers, reviews, recordings, drafts, overviews."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from typing import Any

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


def new_uid() -> str:
    return uuid.uuid4().hex


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


def answer_from_row(r: sqlite3.Row) -> Answer:
    return Answer(id=r["id"], uid=r["uid"], deck_id=r["deck_id"], language=r["language"],
                  card_id=r["card_id"], text=r["text"], seconds=r["seconds"],
                  answered_at=r["answered_at"], rating=r["rating"],
                  practice=bool(r["practice"]), mock_id=r["mock_id"],
                  follow_up=r["follow_up"], turn_id=r["turn_id"])
