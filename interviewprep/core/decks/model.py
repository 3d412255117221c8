"""Deck and card domain objects: small, frozen, serialisable to plain dicts."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from interviewprep.core.decks.turns import Turn, points_from_list, points_to_list
from interviewprep.core.text import visible
from interviewprep.i18n import N_, _

DEFAULT_TIME_LIMIT_S = 120


class CardKind(StrEnum):
    QUESTION = "question"  # rehearse an answer
    TIP = "tip"  # a do/don't or fact to recall
    OBJECTION = "objection"  # a prospect's objection to answer
    ROLEPLAY = "roleplay"  # a multi-turn call: buyer lines answered in turn

    @property
    def is_rehearsed(self) -> bool:
        """Question and objection cards are answered in the answer box; tips are recalled."""
        return self is not CardKind.TIP

    @property
    def label(self) -> str:
        """The kind as a person reads it, in the interface language."""
        return _(KIND_LABELS[self.value])


KIND_LABELS = {"question": N_("question"), "tip": N_("tip"), "objection": N_("objection"),
               "roleplay": N_("role-play")}

@dataclass(frozen=True)
class DeckKey:
    """A deck is identified by its id and language together."""

    deck_id: str
    language: str

    def __str__(self) -> str:
        return f"{self.deck_id}@{self.language}"

    @classmethod
    def parse(cls, text: str, default_language: str) -> DeckKey:
        """`id` or `id@lang`; in NFC, as deck ids are stored, whatever the terminal sent."""
        deck_id, _, language = unicodedata.normalize("NFC", text).partition("@")
        return cls(deck_id, language or default_language)


@dataclass(frozen=True)
class Card:
    id: str
    kind: CardKind
    prompt: str
    answer: str | None = None
    talking_points: tuple[str, ...] = ()
    do: tuple[str, ...] = ()
    dont: tuple[str, ...] = ()
    example: str | None = None
    follow_ups: tuple[str, ...] = ()
    time_limit: int | None = None
    tags: tuple[str, ...] = ()
    # Coach-written keywords per talking point, in the same order; empty when none has any.
    point_keywords: tuple[tuple[str, ...], ...] = ()
    expects_numbers: bool = False
    # Role-play cards only.
    scenario: str | None = None
    speaker: str | None = None  # who says the turns' lines; None: the buyer
    turns: tuple[Turn, ...] = ()
    scoring: tuple[str, ...] = ()

    def keywords_of(self, index: int) -> tuple[str, ...]:
        return self.point_keywords[index] if index < len(self.point_keywords) else ()

    def searchable_text(self) -> list[str]:
        """Every piece of text on the card, for search."""
        parts = [self.id, self.prompt, self.answer or "", self.example or ""]
        for name in ("talking_points", "do", "dont", "follow_ups"):
            parts.extend(str(item) for item in getattr(self, name))
        return parts

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "kind": self.kind.value, "prompt": self.prompt}
        for name in ("answer", "example", "time_limit", "scenario", "speaker"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        for name in ("do", "dont", "follow_ups", "tags", "scoring"):
            value = getattr(self, name)
            if value:
                out[name] = list(value)
        if self.talking_points:
            out["talking_points"] = points_to_list(self.talking_points, self.point_keywords)
        if self.expects_numbers:
            out["expects_numbers"] = True
        if self.turns:
            out["turns"] = [turn.to_dict() for turn in self.turns]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Card:
        points, keywords = points_from_list(data.get("talking_points", ()))
        return cls(
            id=data["id"],
            kind=CardKind(data["kind"]),
            prompt=data["prompt"],
            answer=data.get("answer"),
            talking_points=points,
            point_keywords=keywords,
            do=tuple(data.get("do", ())),
            dont=tuple(data.get("dont", ())),
            example=data.get("example"),
            follow_ups=tuple(data.get("follow_ups", ())),
            time_limit=data.get("time_limit"),
            tags=tuple(data.get("tags", ())),
            expects_numbers=bool(data.get("expects_numbers", False)),
            scenario=data.get("scenario"),
            speaker=data.get("speaker"),
            turns=tuple(Turn.from_dict(t) for t in data.get("turns", ())),
            scoring=tuple(data.get("scoring", ())),
        )


@dataclass(frozen=True)
class DeckInfo:
    """Everything about a deck except its cards: what lists and menus need."""

    id: str
    title: str
    language: str
    path: Path
    card_count: int
    description: str | None = None
    roles: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    author: str | None = None
    version: str | None = None

    @property
    def key(self) -> DeckKey:
        return DeckKey(self.id, self.language)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "language": self.language,
            "path": str(self.path),
            "card_count": self.card_count,
            "description": self.description,
            "roles": list(self.roles),
            "tags": list(self.tags),
            "author": self.author,
            "version": self.version,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DeckInfo:
        return cls(
            id=data["id"],
            title=data["title"],
            language=data["language"],
            path=Path(data["path"]),
            card_count=data["card_count"],
            description=data.get("description"),
            roles=tuple(data.get("roles", ())),
            tags=tuple(data.get("tags", ())),
            author=data.get("author"),
            version=data.get("version"),
        )


@dataclass(frozen=True)
class Deck:
    info: DeckInfo
    cards: tuple[Card, ...] = field(default=())

    @property
    def key(self) -> DeckKey:
        return self.info.key


@dataclass(frozen=True, order=True)
class DeckProblem:
    """One thing wrong with a deck file, pointing at the offending place."""

    path: Path
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        # A file name can hold control characters too; nothing here reaches a terminal raw.
        return visible(f"{self.path}:{self.line}:{self.column}: {self.message}")
