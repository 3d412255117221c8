"""Turn deck files into `Deck` objects, reporting every problem with its line and column.

Checks run over the node tree from `yaml_reader`, driven by the field lists in `schema`, so
what is checked and what the JSON Schema publishes cannot drift apart.
"""

from __future__ import annotations

import difflib
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from interviewprep.core.decks import schema
from interviewprep.core.decks.model import Card, CardKind, Deck, DeckInfo, DeckProblem
from interviewprep.core.decks.yaml_reader import MapNode, Node, ScalarNode, SeqNode, read

REVEAL_FIELDS = ("answer", "talking_points", "example", "do", "dont")


class _Checker:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[DeckProblem] = []

    def problem(self, line: int, column: int, message: str) -> None:
        self.problems.append(DeckProblem(self.path, line, column, message))

    def at(self, node: Node, message: str) -> None:
        self.problem(node.line, node.column, message)

    def fields(self, node: MapNode, fields: tuple[schema.Field, ...], what: str) -> dict[str, Any]:
        """Check a mapping against its field list; return the values that passed."""
        names = [f.name for f in fields]
        for key, (key_node, _) in node.value.items():
            if key not in names:
                hint = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
                suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
                self.at(key_node, f"unknown {what} key '{key}'{suggestion} "
                        f"(allowed: {', '.join(names)})")
        values: dict[str, Any] = {}
        for field in fields:
            entry = node.value.get(field.name)
            if entry is None:
                if field.required:
                    self.at(node, f"{what} is missing required key '{field.name}'")
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
        if kind in ("text", "slug", "language", "kind"):
            text = self.text(name, node)
            if text is None:
                return None
            if kind == "slug" and not schema.SLUG.match(text):
                self.at(node, f"'{name}' must be lowercase letters, digits and hyphens "
                        f"(like 'tell-me-about-yourself'), got '{text}'")
                return None
            if kind == "language" and not schema.LANGUAGE.match(text):
                self.at(node, f"'language' must be a language tag such as 'en' or 'es', "
                        f"got '{text}'")
                return None
            if kind == "kind" and text not in schema.KINDS:
                hint = difflib.get_close_matches(text, schema.KINDS, n=1, cutoff=0.6)
                suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
                self.at(node, f"unknown kind '{text}'{suggestion}; valid kinds: "
                        f"{', '.join(schema.KINDS)}")
                return None
            return text
        if kind in ("text_list", "roles"):
            items = self.text_list(name, node)
            if items is None or kind == "text_list":
                return items
            for item, item_node in zip(items, node.value, strict=True):
                if item not in schema.ROLES:
                    self.at(item_node, f"unknown role '{item}'; valid roles: "
                            f"{', '.join(schema.ROLES)}")
                    return None
            return items
        if kind == "seconds":
            seconds = node.value
            if (not isinstance(node, ScalarNode) or isinstance(seconds, bool)
                    or not isinstance(seconds, int)):
                self.at(node, f"'{name}' must be a whole number of seconds")
                return None
            if not schema.MIN_TIME_LIMIT_S <= seconds <= schema.MAX_TIME_LIMIT_S:
                self.at(node, f"'{name}' must be between {schema.MIN_TIME_LIMIT_S} and "
                        f"{schema.MAX_TIME_LIMIT_S} seconds, got {seconds}")
                return None
            return seconds
        if kind == "version":
            if not isinstance(node, ScalarNode) or node.value is None or isinstance(
                node.value, bool
            ):
                self.at(node, "'version' must be a number or a short text such as '1.2'")
                return None
            return str(node.value)
        raise AssertionError(f"unhandled field type {kind}")

    def text(self, name: str, node: Node) -> str | None:
        if not isinstance(node, ScalarNode) or not isinstance(node.value, str):
            found = _describe(node)
            self.at(node, f"'{name}' must be text, found {found}" + _quote_hint(node))
            return None
        if not node.value.strip():
            self.at(node, f"'{name}' is empty")
            return None
        return node.value

    def text_list(self, name: str, node: Node) -> tuple[str, ...] | None:
        if isinstance(node, ScalarNode) and isinstance(node.value, str):
            self.at(node, f"'{name}' must be a list; write each item on its own '- ' line")
            return None
        if not isinstance(node, SeqNode):
            self.at(node, f"'{name}' must be a list, found {_describe(node)}")
            return None
        items = [self.text(name, item) for item in node.value]
        if any(item is None for item in items):
            return None
        return tuple(item for item in items if item is not None)


def _describe(node: Node) -> str:
    if isinstance(node, MapNode):
        return "a mapping"
    if isinstance(node, SeqNode):
        return "a list"
    value = node.value
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    return f"'{value}'"


def _quote_hint(node: Node) -> str:
    if isinstance(node, ScalarNode) and isinstance(node.value, bool | int | float):
        return " (put it in quotes to make it text)"
    return ""


def _card(checker: _Checker, node: Node, seen: dict[str, int]) -> Card | None:
    if not isinstance(node, MapNode):
        checker.at(node, f"each card must be a mapping (id, kind, prompt, …), found "
                   f"{_describe(node)}")
        return None
    before = len(checker.problems)
    values = checker.fields(node, schema.CARD_FIELDS, "card")
    card_id = values.get("id")
    if card_id is not None:
        id_node = node.value["id"][1]
        if card_id in seen:
            checker.at(id_node, f"duplicate card id '{card_id}' (first at line {seen[card_id]})")
        else:
            seen[card_id] = id_node.line
    kind = values.get("kind")
    if kind == CardKind.TIP and "answer" not in values and "answer" not in node.value:
        checker.at(node, "a tip card needs an 'answer' to reveal")
    if kind in (CardKind.QUESTION, CardKind.OBJECTION) and not any(
        name in node.value for name in REVEAL_FIELDS
    ):
        checker.at(node, f"a {kind} card needs something to reveal: talking_points, "
                   "answer, example, do or dont")
    if len(checker.problems) > before:
        return None
    return Card(
        id=values["id"],
        kind=CardKind(values["kind"]),
        prompt=values["prompt"],
        answer=values.get("answer"),
        talking_points=values.get("talking_points", ()),
        do=values.get("do", ()),
        dont=values.get("dont", ()),
        example=values.get("example"),
        follow_ups=values.get("follow_ups", ()),
        time_limit=values.get("time_limit"),
        tags=values.get("tags", ()),
    )


def check_root(root: Node | None, path: Path) -> tuple[Deck | None, list[DeckProblem]]:
    """Validate a parsed deck; return the deck only when it has no problems."""
    checker = _Checker(path)
    if root is None:
        checker.problem(1, 1, "the deck is empty; a deck is a mapping with id, title, "
                        "language and cards")
        return None, checker.problems
    if not isinstance(root, MapNode):
        checker.at(root, f"a deck must be a mapping (id, title, language, cards, …) at the "
                   f"top, found {_describe(root)}")
        return None, checker.problems
    values = checker.fields(root, schema.DECK_FIELDS, "deck")
    cards: list[Card] = []
    cards_entry = root.value.get("cards")
    if cards_entry is not None:
        cards_node = cards_entry[1]
        if not isinstance(cards_node, SeqNode):
            checker.at(cards_node, f"'cards' must be a list of cards, found "
                       f"{_describe(cards_node)}")
        elif not cards_node.value:
            checker.at(cards_node, "'cards' is empty; a deck needs at least one card")
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


def _line_col_of_byte(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, offset - start + 1


def decode(data: bytes, path: Path) -> tuple[str | None, list[DeckProblem]]:
    """Bytes to text, with the checks that must pass before YAML sees it."""
    if len(data) > schema.MAX_DECK_BYTES:
        size_mib = len(data) / (1024 * 1024)
        limit_mib = schema.MAX_DECK_BYTES // (1024 * 1024)
        return None, [DeckProblem(path, 1, 1, f"the deck is {size_mib:.1f} MiB; decks are "
                                  f"limited to {limit_mib} MiB")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _line_col_of_byte(data, error.start)
        return None, [DeckProblem(path, line, column, "the file is not UTF-8 text; save it "
                                  "as UTF-8")]
    if not text.strip():
        return None, [DeckProblem(path, 1, 1, "the deck is empty; a deck is a mapping with "
                                  "id, title, language and cards")]
    problems = []
    for number, line_text in enumerate(text.splitlines(), start=1):
        indent = len(line_text) - len(line_text.lstrip(" \t"))
        if "\t" in line_text[:indent]:
            column = line_text.index("\t") + 1
            problems.append(DeckProblem(path, number, column, "tab used for indentation; "
                                        "YAML indents with spaces"))
    if problems:
        return None, problems
    return text, []


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
        return None, problems
    root, yaml_problems = read(text)
    problems = [DeckProblem(path, p.line, p.column, p.message) for p in yaml_problems]
    deck, deck_problems = check_root(root, path) if root is not None or not problems else (
        None, [])
    if problems:
        return None, sorted(problems + deck_problems)
    return deck, deck_problems


def load_deck_file(path: Path) -> tuple[Deck | None, list[DeckProblem]]:
    """Read and validate one file; an unreadable file is a problem, not an exception."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [DeckProblem(path, 1, 1, f"cannot read the file: {error.strerror}")]
    return parse_deck(data, path)
