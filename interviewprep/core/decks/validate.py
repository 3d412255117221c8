"""Turn deck files into `Deck` objects, reporting every problem with its line and column.

Checks run over the node tree from `yaml_reader`, driven by the field lists in `schema`, so
what is checked and what the JSON Schema publishes cannot drift apart.
"""

from __future__ import annotations

import difflib
import gc
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from interviewprep.core.decks import schema, validate_roleplay
from interviewprep.core.decks.model import Card, CardKind, Deck, DeckInfo, DeckProblem
from interviewprep.core.decks.reading import decode, read_deck_bytes, unsafe_value_message
from interviewprep.core.decks.yaml_reader import MapNode, Node, ScalarNode, SeqNode, read
from interviewprep.core.text import excerpt, first_unsafe
from interviewprep.i18n import N_, _, ngettext

REVEAL_FIELDS = ("answer", "talking_points", "example", "do", "dont")
# What a mapping is, as the problems about its keys name it.
WHAT = {"card": N_("card"), "deck": N_("deck"), "talking point": N_("talking point"),
        "branch": N_("branch"), "turn": N_("turn")}


class _TooManyProblems(Exception):
    """Raised once a deck has more problems than are worth reporting."""


class _Checker:
    def __init__(self, path: Path, found_before: int = 0, has_escapes: bool = True) -> None:
        self.path = path
        self.problems: list[DeckProblem] = []
        self.room = schema.MAX_PROBLEMS - found_before
        # The raw text was checked for control characters before parsing; only a YAML
        # escape (a backslash in a double-quoted scalar) can make one, so values need
        # checking only when the file has a backslash.
        self.has_escapes = has_escapes

    def problem(self, line: int, column: int, message: str) -> None:
        self.problems.append(DeckProblem(self.path, line, column, message))
        if len(self.problems) > self.room:
            raise _TooManyProblems

    def at(self, node: Node, message: str) -> None:
        self.problem(node.line, node.column, message)

    def fields(self, node: MapNode, fields: tuple[schema.Field, ...], what: str) -> dict[str, Any]:
        """Check a mapping against its field list; return the values that passed."""
        names = [f.name for f in fields]
        for key, (key_node, _value) in node.value.items():
            if key not in names:
                hint = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
                suggestion = (_("; did you mean '{hint}'?").format(hint=hint[0])
                              if hint else "")
                self.at(key_node, _("unknown {what} key '{key}'{suggestion} (allowed: "
                                    "{allowed})").format(
                    what=_(WHAT.get(what, what)), key=excerpt(key), suggestion=suggestion,
                    allowed=", ".join(names)))
        values: dict[str, Any] = {}
        for field in fields:
            entry = node.value.get(field.name)
            if entry is None:
                if field.required:
                    self.at(node, _("{what} is missing required key '{key}'").format(
                        what=_(WHAT.get(what, what)), key=field.name))
                continue
            value = self.value(field, entry[1])
            if value is not None:
                values[field.name] = value
        return values

    def value(self, field: schema.Field, node: Node) -> Any:
        kind = field.type
        name = field.name
        if kind == "cards":
            return None  # checked card by card in check_root
        if kind in ("points", "flag", "turns", "branches", "when", "target"):
            return validate_roleplay.value(self, field, node)
        if kind in ("text", "slug", "language", "kind", "speaker"):
            text = self.text(name, node)
            if text is None:
                return None
            if kind == "speaker" and ("\n" in text.strip()
                                      or len(text) > schema.MAX_SPEAKER_CHARS):
                self.at(node, _("'{name}' must be one line of at most {limit} characters, "
                                "got '{value}'").format(name=name, value=excerpt(text),
                                                        limit=schema.MAX_SPEAKER_CHARS))
                return None
            if kind == "slug":
                return self.identifier(name, text, node)
            if kind == "language" and not schema.LANGUAGE.fullmatch(text):
                self.at(node, _("'language' must be a language tag such as 'en' or 'es', "
                                "got '{value}'").format(value=excerpt(text)))
                return None
            if kind == "kind" and text not in schema.KINDS:
                hint = difflib.get_close_matches(text, schema.KINDS, n=1, cutoff=0.6)
                suggestion = (_(" (did you mean '{hint}'?)").format(hint=hint[0])
                              if hint else "")
                self.at(node, _("unknown kind '{value}'{suggestion}; valid kinds: "
                                "{valid}").format(value=excerpt(text), suggestion=suggestion,
                                                  valid=", ".join(schema.KINDS)))
                return None
            return text
        if kind in ("text_list", "roles"):
            items = self.text_list(name, node)
            if items is None or kind == "text_list":
                return items
            for item, item_node in zip(items, node.value, strict=True):
                if item not in schema.ROLES:
                    self.at(item_node, _("unknown role '{value}'; valid roles: "
                                         "{valid}").format(value=excerpt(item),
                                                           valid=", ".join(schema.ROLES)))
                    return None
            return items
        if kind == "seconds":
            seconds = node.value
            if (not isinstance(node, ScalarNode) or isinstance(seconds, bool)
                    or not isinstance(seconds, int)):
                self.at(node, _("'{name}' must be a whole number of seconds").format(
                    name=name))
                return None
            if not schema.MIN_TIME_LIMIT_S <= seconds <= schema.MAX_TIME_LIMIT_S:
                self.at(node, _("'{name}' must be between {low} and {high} seconds, "
                                "got {value}").format(
                    name=name, low=schema.MIN_TIME_LIMIT_S, high=schema.MAX_TIME_LIMIT_S,
                    value=excerpt(str(seconds))))
                return None
            return seconds
        if kind == "version":
            if not isinstance(node, ScalarNode) or node.value is None or isinstance(
                node.value, bool
            ):
                self.at(node, _("'version' must be a number or a short text such as "
                                "'1.2'"))
                return None
            return self.safe(name, str(node.value), node)
        raise AssertionError(f"unhandled field type {kind}")

    def text(self, name: str, node: Node) -> str | None:
        if not isinstance(node, ScalarNode) or not isinstance(node.value, str):
            found = _describe(node)
            self.at(node, _("'{name}' must be text, found {found}").format(
                name=name, found=found) + _quote_hint(node))
            return None
        if not node.value.strip():
            self.at(node, _("'{name}' is empty").format(name=name))
            return None
        return self.safe(name, node.value, node) if self.has_escapes else node.value

    def safe(self, name: str, text: str, node: Node) -> str | None:
        """`text` unless it holds a control character or a bidi override (say, from a YAML
        escape such as "\\e" or "\\u202e"): those never reach a screen from a deck."""
        index = first_unsafe(text) if self.has_escapes else None
        if index is None:
            return text
        self.at(node, unsafe_value_message(name, text[index]))
        return None

    def identifier(self, name: str, text: str, node: Node) -> str | None:
        """The id in NFC (so an id typed in decomposed form is the same id), or None."""
        normal = schema.normalise_id(text)
        if normal is not None:
            return normal
        length = len(unicodedata.normalize("NFC", text))
        if length > schema.MAX_ID_CHARS:
            self.at(node, ngettext("'{name}' is {count} character long; ids are at most {limit}",
                                   "'{name}' is {count} characters long; ids are at most {limit}",
                                   length).format(name=name, count=length,
                                                  limit=schema.MAX_ID_CHARS))
            return None
        lower = schema.normalise_id(text.lower())
        hint = (_(" (write it in lower case: '{id}')").format(id=excerpt(lower))
                if lower is not None else "")
        self.at(node, _("'{name}' must be lowercase words of letters (any alphabet) and "
                        "digits joined by single hyphens, like 'objection-price' or "
                        "'objeción-precio'; got '{value}'{hint}").format(
                            name=name, value=excerpt(text), hint=hint))
        return None

    def text_list(self, name: str, node: Node) -> tuple[str, ...] | None:
        if isinstance(node, ScalarNode) and isinstance(node.value, str):
            self.at(node, _("'{name}' must be a list; write each item on its own '- ' "
                            "line").format(name=name))
            return None
        if not isinstance(node, SeqNode):
            self.at(node, _("'{name}' must be a list, found {found}").format(
                name=name, found=_describe(node)))
            return None
        items = [self.text(name, item) for item in node.value]
        if any(item is None for item in items):
            return None
        return tuple(item for item in items if item is not None)


def _describe(node: Node) -> str:
    if isinstance(node, MapNode):
        return _("a mapping")
    if isinstance(node, SeqNode):
        return _("a list")
    value = node.value
    if value is None:
        return _("nothing")
    if isinstance(value, bool):
        return _("the boolean {value}").format(value=str(value).lower())
    if isinstance(value, int | float):
        return _("the number {value}").format(value=excerpt(str(value)))
    return f"'{excerpt(str(value))}'"


def _quote_hint(node: Node) -> str:
    if isinstance(node, ScalarNode) and isinstance(node.value, bool | int | float):
        return _(" (put it in quotes to make it text)")
    return ""


def _card(checker: _Checker, node: Node, seen: dict[str, int]) -> Card | None:
    if not isinstance(node, MapNode):
        checker.at(node, _("each card must be a mapping (id, kind, prompt, …), found "
                           "{found}").format(found=_describe(node)))
        return None
    before = len(checker.problems)
    values = checker.fields(node, schema.CARD_FIELDS, "card")
    card_id = values.get("id")
    if card_id is not None:
        id_node = node.value["id"][1]
        if card_id in seen:
            checker.at(id_node, _("duplicate card id '{id}' (first at line {line})").format(
                id=excerpt(card_id), line=seen[card_id]))
        else:
            seen[card_id] = id_node.line
    kind = values.get("kind")
    if kind == CardKind.TIP and "answer" not in values and "answer" not in node.value:
        checker.at(node, _("a tip card needs an 'answer' to reveal"))
    if kind in (CardKind.QUESTION, CardKind.OBJECTION) and not any(
        name in node.value for name in REVEAL_FIELDS
    ):
        # One whole sentence per kind: the article differs ("a question", "an objection").
        checker.at(node, _("a question card needs something to reveal: talking_points, "
                           "answer, example, do or dont") if kind == CardKind.QUESTION else
                   _("an objection card needs something to reveal: talking_points, "
                     "answer, example, do or dont"))
    turns = None
    if kind == CardKind.ROLEPLAY:
        for name in ("scenario", "turns"):
            if name not in node.value:
                checker.at(node, _("a roleplay card needs '{name}'").format(name=name))
        if "turns" in node.value:
            turns = validate_roleplay.turns(checker, node.value["turns"][1])
    elif kind is not None:
        for name in schema.ROLEPLAY_FIELDS:
            if name in node.value:
                checker.at(node.value[name][0], _("'{name}' belongs on roleplay cards only").format(
                    name=name))
    if len(checker.problems) > before:
        return None
    points, keywords = values.get("talking_points", ((), ()))
    return Card(
        id=values["id"],
        kind=CardKind(values["kind"]),
        prompt=values["prompt"],
        answer=values.get("answer"),
        talking_points=points,
        point_keywords=keywords,
        do=values.get("do", ()),
        dont=values.get("dont", ()),
        example=values.get("example"),
        follow_ups=values.get("follow_ups", ()),
        time_limit=values.get("time_limit"),
        tags=values.get("tags", ()),
        expects_numbers=values.get("expects_numbers", False),
        scenario=values.get("scenario"),
        speaker=values.get("speaker"),
        turns=turns or (),
        scoring=values.get("scoring", ()),
    )


def check_root(root: Node | None, path: Path, found_before: int = 0,
               has_escapes: bool = True) -> tuple[Deck | None, list[DeckProblem]]:
    """Validate a parsed deck; return the deck only when it has no problems. Checking stops
    once the problems reach the cap (`found_before` were found already, by the reader)."""
    checker = _Checker(path, found_before, has_escapes)
    try:
        return _check_root(checker, root, path)
    except _TooManyProblems:
        return None, checker.problems


def _check_root(checker: _Checker, root: Node | None,
                path: Path) -> tuple[Deck | None, list[DeckProblem]]:
    if root is None:
        checker.problem(1, 1, _("the deck is empty; a deck is a mapping with id, title, "
                                "language and cards"))
        return None, checker.problems
    if not isinstance(root, MapNode):
        # Not quoted: a link to some other file (/etc/passwd) must not echo its text.
        found = _("text") if isinstance(root.value, str) else _describe(root)
        checker.at(root, _("a deck must be a mapping (id, title, language, cards, …) at the "
                           "top, found {found}").format(found=found))
        return None, checker.problems
    values = checker.fields(root, schema.DECK_FIELDS, "deck")
    cards: list[Card] = []
    cards_entry = root.value.get("cards")
    if cards_entry is not None:
        cards_node = cards_entry[1]
        if not isinstance(cards_node, SeqNode):
            checker.at(cards_node, _("'cards' must be a list of cards, found {found}").format(
                found=_describe(cards_node)))
        elif not cards_node.value:
            checker.at(cards_node, _("'cards' is empty; a deck needs at least one card"))
        else:
            seen: dict[str, int] = {}
            for card_node in cards_node.value:
                card = _card(checker, card_node, seen)
                if card is not None:
                    cards.append(card)
    if checker.problems:
        return None, sorted(checker.problems)
    info = DeckInfo(
        id=values["id"],
        title=values["title"],
        language=values["language"],
        path=path,
        card_count=len(cards),
        description=values.get("description"),
        roles=values.get("roles", ()),
        tags=values.get("tags", ()),
        author=values.get("author"),
        version=values.get("version"),
    )
    return Deck(info, tuple(cards)), []


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Building a large deck allocates ~10 objects a card and no cycles; without this the
    cyclic collector rescans the growing tree again and again, up to doubling the time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_deck(data: bytes, path: Path) -> tuple[Deck | None, list[DeckProblem]]:
    """Validate the bytes of one deck file: the deck, or every problem found in it."""
    with _gc_paused():
        return _parse_deck(data, path)


def _parse_deck(data: bytes, path: Path) -> tuple[Deck | None, list[DeckProblem]]:
    text, problems = decode(data, path)
    if text is None:
        return None, capped(problems)
    root, yaml_problems = read(text)
    problems += [DeckProblem(path, p.line, p.column, p.message) for p in yaml_problems]
    deck, deck_problems = (check_root(root, path, len(problems), "\\" in text)
                           if root is not None or not problems else (None, []))
    if problems or deck_problems:
        return None, capped(problems + deck_problems)
    return deck, []


def capped(problems: list[DeckProblem]) -> list[DeckProblem]:
    """The problems in file order, at most the cap, and a last line saying so if it was hit."""
    ordered = sorted(problems)
    if len(ordered) <= schema.MAX_PROBLEMS:
        return ordered
    shown = ordered[:schema.MAX_PROBLEMS]
    last = shown[-1]
    return [*shown, DeckProblem(last.path, last.line, last.column, ngettext(
        "stopped after the first {count} problem; fix it and check the deck again",
        "stopped after the first {count} problems; fix these and check the deck again",
        schema.MAX_PROBLEMS).format(count=schema.MAX_PROBLEMS))]


def load_deck_file(path: Path) -> tuple[Deck | None, list[DeckProblem]]:
    """Read and validate one file; an unreadable or unusual file is a problem, not an
    exception."""
    data, problems = read_deck_bytes(path)
    if data is None:
        return None, problems
    return parse_deck(data, path)


def id_position(path: Path) -> tuple[int, int]:
    """Line and column of a valid deck file's top-level `id` value (1, 1 if it cannot be
    read again): where a clash with another deck's id is reported."""
    data, _problems = read_deck_bytes(path)
    text = decode(data, path)[0] if data is not None else None
    root = read(text)[0] if text is not None else None
    if isinstance(root, MapNode) and "id" in root.value:
        node = root.value["id"][1]
        return node.line, node.column
    return 1, 1
