"""The deck format, version 1, declared once: the validator and the JSON Schema both read it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

from interviewprep.core.decks.model import CardKind

FORMAT_VERSION = 1
MAX_DECK_BYTES = 8 * 1024 * 1024
MIN_TIME_LIMIT_S = 5
MAX_TIME_LIMIT_S = 3600
ROLES = ("ae", "sdr")
MAX_PROBLEMS = 100  # a deck with more stops there: the rest is noise until these are fixed
MAX_DEPTH = 16  # a deck nests four levels; deeper YAML is refused before it costs memory
LANGUAGE_PATTERN = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"
LANGUAGE = re.compile(LANGUAGE_PATTERN)

# Ids: words of lowercase letters (any script) and digits, joined by single hyphens, in NFC.
# `ASCII_ID` is the fast path; anything else is checked character by character.
MAX_ID_CHARS = 60  # an id names the file `add` writes; 60 characters fit any file system
MAX_SPEAKER_CHARS = 40  # a label before each line of a call, not a sentence
ASCII_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Lowercase and caseless letters, the marks that complete them, and digits.
ID_CATEGORIES = frozenset(("Ll", "Lo", "Lm", "Mn", "Mc", "Nd"))
MARKS = frozenset(("Mn", "Mc"))
# JSON Schema patterns cannot say "a lowercase letter" portably (\p{Ll} is not in every
# validator's regex dialect), so the published pattern refuses what is plainly wrong: ASCII
# and Latin-1 capitals, spaces, punctuation, control, invisible and bidi characters. The
# full rule above is what `interviewprep validate` checks.
_ID_CHAR = ("[^-\\x00-\\x2c\\x2e\\x2f\\x3a-\\x60\\x7b-\\xa9\\xab-\\xb4\\xb6-\\xb9"
            "\\xbb-\\xde\\xf7\\s\u2000-\u206f\u3000\ufeff]")
ID_PATTERN = f"^{_ID_CHAR}+(?:-{_ID_CHAR}+)*$"


def normalise_id(text: str) -> str | None:
    """`text` as an id in NFC, or None when it is not one (see the rule above)."""
    if ASCII_ID.fullmatch(text):
        return text if len(text) <= MAX_ID_CHARS else None
    text = unicodedata.normalize("NFC", text)
    if len(text) > MAX_ID_CHARS:
        return None
    category = unicodedata.category
    for word in text.split("-"):
        if not word or category(word[0]) in MARKS:
            return None
        if any(category(char) not in ID_CATEGORIES for char in word):
            return None
    return text

FieldType = Literal["slug", "text", "text_list", "language", "roles", "kind", "seconds",
                    "version", "cards", "points", "flag", "turns", "branches", "when",
                    "target", "speaker"]


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    description: str
    required: bool = False


DECK_FIELDS: tuple[Field, ...] = (
    Field("id", "slug", "Deck id: lowercase words (letters of any alphabet, digits) joined "
          "by hyphens, such as `ae-interview` or `objeción-precio`. With `language` it "
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
          "recall), `objection` (a prospect's objection to answer) or `roleplay` (a call "
          "answered turn by turn).", required=True),
    Field("prompt", "text", "What the card asks or states.", required=True),
    Field("answer", "text", "The answer to recall (required on `tip` cards)."),
    Field("talking_points", "points", "What a strong answer covers: each a text, or "
          "`{text, keywords}` with words that show the point is covered."),
    Field("do", "text_list", "Things to do."),
    Field("dont", "text_list", "Things to avoid."),
    Field("example", "text", "A model answer or phrasing."),
    Field("follow_ups", "text_list", "Questions an interviewer may ask next."),
    Field("time_limit", "seconds", f"Seconds to answer in ({MIN_TIME_LIMIT_S}-"
          f"{MAX_TIME_LIMIT_S}); questions default to two minutes."),
    Field("tags", "text_list", "Free-form tags."),
    Field("expects_numbers", "flag", "`true` when a strong answer uses figures; the feedback "
          "then asks for them."),
    Field("scenario", "text", "Role-play cards: who the buyer is, the company, and what the "
          "person must achieve."),
    Field("speaker", "speaker", "Role-play cards: who speaks the lines, as the call labels "
          "them (\"Panel\", \"Dana\"); one line of at most "
          f"{MAX_SPEAKER_CHARS} characters. Default: the buyer."),
    Field("turns", "turns", "Role-play cards: the buyer's lines, answered in turn."),
    Field("scoring", "text_list", "Role-play cards: the scoring guide shown at the end."),
)

ROLEPLAY_FIELDS = ("scenario", "speaker", "turns", "scoring")
END = "end"
WHENS = ("asks_question", "breaks_dont", "covers_points", "misses_points")

TURN_FIELDS: tuple[Field, ...] = (
    Field("id", "slug", "Turn id, unique in its card.", required=True),
    Field("buyer", "text", "What the buyer says.", required=True),
    Field("talking_points", "points", "What a strong reply covers."),
    Field("dont", "text_list", "Things the reply must not do."),
    Field("branches", "branches", "Where the call goes depending on the reply; the first "
          "that matches wins."),
    Field("next", "target", "The turn after a reply no branch matched (default: the next "
          "turn in the list, or `end` after the last)."),
    Field("end", "flag", "`true`: the call ends on this buyer line; no reply is asked."),
    Field("time_limit", "seconds", f"Seconds to reply ({MIN_TIME_LIMIT_S}-"
          f"{MAX_TIME_LIMIT_S})."),
)

BRANCH_FIELDS: tuple[Field, ...] = (
    Field("when", "when", "`asks_question`, `breaks_dont`, `covers_points` or "
          "`misses_points`.", required=True),
    Field("goto", "target", "The turn id to go to, or `end`.", required=True),
    Field("mentions", "text_list", "And the reply uses one of these words."),
)

DECK_KEYS = tuple(f.name for f in DECK_FIELDS)
CARD_KEYS = tuple(f.name for f in CARD_FIELDS)
KINDS = tuple(kind.value for kind in CardKind)


def _json_type(field: Field) -> dict[str, Any]:
    text: dict[str, Any] = {"type": "string", "minLength": 1}
    schemas: dict[str, dict[str, Any]] = {
        "slug": {"type": "string", "pattern": ID_PATTERN, "maxLength": MAX_ID_CHARS},
        "text": text,
        "speaker": {"type": "string", "minLength": 1, "maxLength": MAX_SPEAKER_CHARS,
                    "pattern": "^[^\\n]*$"},
        "text_list": {"type": "array", "items": text},
        "language": {"type": "string", "pattern": LANGUAGE_PATTERN},
        "roles": {"type": "array", "items": {"enum": list(ROLES)}, "uniqueItems": True},
        "kind": {"enum": list(KINDS)},
        "seconds": {"type": "integer", "minimum": MIN_TIME_LIMIT_S, "maximum": MAX_TIME_LIMIT_S},
        "version": {"type": ["string", "integer", "number"]},
        "cards": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/card"}},
        "points": {"type": "array", "items": {"anyOf": [text, {
            "type": "object", "additionalProperties": False, "required": ["text"],
            "properties": {"text": text, "keywords": {"type": "array", "items": text}}}]}},
        "flag": {"type": "boolean"},
        "turns": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/turn"}},
        "branches": {"type": "array", "items": {"$ref": "#/$defs/branch"}},
        "when": {"enum": list(WHENS)},
        "target": {"type": "string", "pattern": ID_PATTERN, "maxLength": MAX_ID_CHARS},
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
        {"if": {"properties": {"kind": {"const": "roleplay"}}},
         "then": {"required": ["scenario", "turns"]},
         "else": {"not": {"anyOf": [{"required": [name]} for name in ROLEPLAY_FIELDS]}}},
    ]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://interviewprep.invalid/schema/deck-v1.json",
        "title": f"interviewprep deck (format version {FORMAT_VERSION})",
        **_object(DECK_FIELDS),
        "$defs": {"card": card, "turn": _object(TURN_FIELDS),
                  "branch": _object(BRANCH_FIELDS)},
    }
