"""`interviewprep fmt`: fill in missing card ids from the prompt and normalise a deck file's
layout (two-space mappings, list dashes indented under their key), keeping every comment.

The file is first read by the project's safe reader, so anchors, tags and syntax errors are
refused before ruamel.yaml's round-trip parser (used only for its comment-keeping output)
sees it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from interviewprep.core.decks.model import DeckProblem
from interviewprep.core.decks.reading import decode
from interviewprep.core.decks.slug import slugify, unique
from interviewprep.core.decks.validate import parse_deck
from interviewprep.core.decks.yaml_reader import read
from interviewprep.i18n import _

# Long lines are the author's choice: never re-wrap their text.
_NO_WRAP = 1 << 16


@dataclass
class Formatted:
    text: str | None  # the new text; None when the file could not be formatted
    changed: bool = False
    ids_added: list[str] = field(default_factory=list)
    problems: list[DeckProblem] = field(default_factory=list)  # of the input, or the output


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = _NO_WRAP
    yaml.preserve_quotes = True
    return yaml


def _fill_ids(root: Any) -> list[str]:
    cards = root.get("cards") if isinstance(root, CommentedMap) else None
    if not isinstance(cards, CommentedSeq):
        return []
    taken = {str(c["id"]) for c in cards if isinstance(c, CommentedMap) and c.get("id")}
    added = []
    for card in cards:
        if not isinstance(card, CommentedMap) or card.get("id"):
            continue
        prompt = card.get("prompt")
        new_id = unique(slugify(prompt if isinstance(prompt, str) else ""), taken)
        if "id" in card:
            card["id"] = new_id
        else:
            card.insert(0, "id", new_id)
        added.append(new_id)
    return added


def format_deck(data: bytes, path: Path) -> Formatted:
    """Format the bytes of one deck file; nothing is written here."""
    text, problems = decode(data, path)
    if text is None or problems:  # never write a text whose control characters were blanked
        return Formatted(None, problems=problems)
    _root, yaml_problems = read(text)
    if yaml_problems:
        return Formatted(None, problems=[DeckProblem(path, p.line, p.column, p.message)
                                         for p in yaml_problems])
    yaml = _yaml()
    try:
        root = yaml.load(text)
    except YAMLError as error:  # the safe reader accepted it; ruamel should too
        message = _("cannot format: {reason}").format(reason=error)
        return Formatted(None, problems=[DeckProblem(path, 1, 1, message)])
    added = _fill_ids(root)
    out = io.StringIO()
    yaml.dump(root, out)
    new_text = out.getvalue()
    _deck, after = parse_deck(new_text.encode("utf-8"), path)
    return Formatted(new_text, changed=new_text != text, ids_added=added, problems=after)
