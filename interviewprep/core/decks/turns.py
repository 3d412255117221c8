"""The turns of a `roleplay` card: a buyer line, what a good reply covers, and where the call
goes next depending on the reply. Plain frozen data; `core.roleplay` runs it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

END = "end"


class When(StrEnum):
    """What a branch looks for in the reply to a turn."""

    ASKS_QUESTION = "asks_question"  # the reply asks the buyer something
    BREAKS_DONT = "breaks_dont"  # the reply does one of the turn's don'ts
    COVERS_POINTS = "covers_points"  # the reply covers every talking point of the turn
    MISSES_POINTS = "misses_points"  # the reply covers fewer than half the turn's points


@dataclass(frozen=True)
class Branch:
    when: When
    goto: str  # a turn id, or "end"
    mentions: tuple[str, ...] = ()  # and the reply uses one of these words

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"when": self.when.value, "goto": self.goto}
        if self.mentions:
            out["mentions"] = list(self.mentions)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Branch:
        return cls(When(data["when"]), data["goto"], tuple(data.get("mentions", ())))


@dataclass(frozen=True)
class Turn:
    id: str
    buyer: str
    talking_points: tuple[str, ...] = ()
    point_keywords: tuple[tuple[str, ...], ...] = ()
    dont: tuple[str, ...] = ()
    branches: tuple[Branch, ...] = ()
    next: str | None = None  # None: the following turn in the list
    end: bool = False  # the call ends on this buyer line; no reply is asked for
    time_limit: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "buyer": self.buyer}
        if self.talking_points:
            out["talking_points"] = points_to_list(self.talking_points, self.point_keywords)
        if self.dont:
            out["dont"] = list(self.dont)
        if self.branches:
            out["branches"] = [b.to_dict() for b in self.branches]
        if self.next is not None:
            out["next"] = self.next
        if self.end:
            out["end"] = True
        if self.time_limit is not None:
            out["time_limit"] = self.time_limit
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Turn:
        texts, keywords = points_from_list(data.get("talking_points", ()))
        return cls(
            id=data["id"], buyer=data["buyer"], talking_points=texts, point_keywords=keywords,
            dont=tuple(data.get("dont", ())),
            branches=tuple(Branch.from_dict(b) for b in data.get("branches", ())),
            next=data.get("next"), end=bool(data.get("end", False)),
            time_limit=data.get("time_limit"),
        )


def points_to_list(texts: tuple[str, ...],
                   keywords: tuple[tuple[str, ...], ...]) -> list[str | dict[str, Any]]:
    """Talking points as a deck writes them: a string, or `{text, keywords}` when it has any."""
    out: list[str | dict[str, Any]] = []
    for i, text in enumerate(texts):
        words = keywords[i] if i < len(keywords) else ()
        out.append({"text": text, "keywords": list(words)} if words else text)
    return out


def points_from_list(items: Any) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    texts: list[str] = []
    keywords: list[tuple[str, ...]] = []
    for item in items:
        if isinstance(item, dict):
            texts.append(item["text"])
            keywords.append(tuple(item.get("keywords", ())))
        else:
            texts.append(item)
            keywords.append(())
    if not any(keywords):
        keywords = []
    return tuple(texts), tuple(keywords)
