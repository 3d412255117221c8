"""The deck format, version 1, declared once: the validator and the JSON Schema both read it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from interviewprep.core.decks.model import CardKind

FORMAT_VERSION = 1
MAX_DECK_BYTES = 8 * 1024 * 1024
MIN_TIME_LIMIT_S = 5
MAX_TIME_LIMIT_S = 3600
ROLES = ("ae", "sdr")
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"
SLUG = re.compile(SLUG_PATTERN)
LANGUAGE = re.compile(LANGUAGE_PATTERN)

FieldType = Literal["slug", "text", "text_list", "language", "roles", "kind", "seconds",
                    "version", "cards"]


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    description: str
    required: bool = False


DECK_FIELDS: tuple[Field, ...] = (
    Field("id", "slug", "Deck id: lowercase words joined by hyphens. With `language` it "
          "identifies the deck and keys its history.", required=True),
    Field("title", "text", "Title shown in deck lists.", required=True),
    Field("description", "text", "One or two sentences on what the deck drills."),
    Field("language", "language", "BCP 47 language tag such as `en` or `es`.", required=True),
    Field("roles", "roles", "Roles the deck prepares for: `ae`, `sdr`."),
    Field("tags", "text_list", "Free-form tags."),
    Field("author", "text", "Who wrote the deck."),
    Field("version", "version", "The deck's own version, for its author."),
    Field("cards", "cards", "The cards, in the order new ones are introduced.", required=True),
)

CARD_FIELDS: tuple[Field, ...] = (
    Field("id", "slug", "Card id, unique in its deck. It keys the card's history: keep it "
          "when you edit the text.", required=True),
    Field("kind", "kind", "`question` (rehearse an answer), `tip` (a do/don't or fact to "
          "recall) or `objection` (a prospect's objection to answer).", required=True),
    Field("prompt", "text", "What the card asks or states.", required=True),
    Field("answer", "text", "The answer to recall (required on `tip` cards)."),
    Field("talking_points", "text_list", "What a strong answer covers."),
    Field("do", "text_list", "Things to do."),
    Field("dont", "text_list", "Things to avoid."),
    Field("example", "text", "A model answer or phrasing."),
    Field("follow_ups", "text_list", "Questions an interviewer may ask next."),
    Field("time_limit", "seconds", f"Seconds to answer in ({MIN_TIME_LIMIT_S}-"
          f"{MAX_TIME_LIMIT_S}); questions default to two minutes."),
    Field("tags", "text_list", "Free-form tags."),
)

DECK_KEYS = tuple(f.name for f in DECK_FIELDS)
CARD_KEYS = tuple(f.name for f in CARD_FIELDS)
KINDS = tuple(kind.value for kind in CardKind)


def _json_type(field: Field) -> dict[str, Any]:
    text: dict[str, Any] = {"type": "string", "minLength": 1}
    schemas: dict[str, dict[str, Any]] = {
        "slug": {"type": "string", "pattern": SLUG_PATTERN},
        "text": text,
        "text_list": {"type": "array", "items": text},
        "language": {"type": "string", "pattern": LANGUAGE_PATTERN},
        "roles": {"type": "array", "items": {"enum": list(ROLES)}, "uniqueItems": True},
        "kind": {"enum": list(KINDS)},
        "seconds": {"type": "integer", "minimum": MIN_TIME_LIMIT_S, "maximum": MAX_TIME_LIMIT_S},
        "version": {"type": ["string", "integer", "number"]},
        "cards": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/card"}},
    }
    return {**schemas[field.type], "description": field.description}


def _object(fields: tuple[Field, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in fields if f.required],
        "properties": {f.name: _json_type(f) for f in fields},
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of deck format version 1."""
    card = _object(CARD_FIELDS)
    card["allOf"] = [
        {"if": {"properties": {"kind": {"const": "tip"}}},
         "then": {"required": ["answer"]}},
    ]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://interviewprep.invalid/schema/deck-v1.json",
        "title": f"interviewprep deck (format version {FORMAT_VERSION})",
        **_object(DECK_FIELDS),
        "$defs": {"card": card},
    }
