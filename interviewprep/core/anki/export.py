"""Writing an Anki package (`.apkg`) from a deck, through genanki.

Prompt on the front; the answer, or the talking points, plus do/don't and the example on the
back. Note GUIDs, the deck id and the note type id all derive from the deck and card ids, so
exporting again and importing into Anki updates the same notes instead of adding copies.
"""

from __future__ import annotations

import hashlib
import html
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import genanki  # type: ignore[import-untyped]

from interviewprep.core.decks.model import Card, DeckInfo

_CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: left; color: black;
background-color: white; max-width: 40em; margin: 0 auto; }
h4 { margin: 0.8em 0 0.2em; font-size: 0.8em; text-transform: uppercase; color: #555; }
.prompt { font-weight: bold; }"""


def _stable_int(text: str) -> int:
    # Anki ids are 63-bit; stay well inside and away from 0 and 1 (the default deck).
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return int.from_bytes(digest[:7], "big") + (1 << 40)


MODEL = genanki.Model(
    _stable_int("interviewprep note type v1"),
    "interviewprep",
    fields=[{"name": "Front"}, {"name": "Back"}],
    templates=[{
        "name": "Card 1",
        "qfmt": '<div class="prompt">{{Front}}</div>',
        "afmt": '{{FrontSide}}<hr id="answer">{{Back}}',
    }],
    css=_CSS,
)


def _paragraphs(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.splitlines())


def _list(title: str, items: Sequence[str]) -> str:
    if not items:
        return ""
    rows = "".join(f"<li>{html.escape(item)}</li>" for item in items)
    return f"<h4>{html.escape(title)}</h4><ul>{rows}</ul>"


def back_html(card: Card) -> str:
    parts = []
    if card.answer:
        parts.append(f"<div>{_paragraphs(card.answer)}</div>")
    parts.append(_list("Talking points", card.talking_points))
    parts.append(_list("Do", card.do))
    parts.append(_list("Don't", card.dont))
    if card.example:
        parts.append(f"<h4>Example</h4><div>{_paragraphs(card.example)}</div>")
    parts.append(_list("Follow-ups", card.follow_ups))
    return "".join(p for p in parts if p)


def _tag(text: str) -> str:
    return "_".join(text.split())  # Anki tags cannot hold spaces


GUID_PREFIX = "interviewprep:"


def note_guid(info: DeckInfo, card: Card) -> str:
    """Readable rather than hashed, so importing the package back keeps the card ids."""
    return f"{GUID_PREFIX}{info.id}@{info.language}:{card.id}"


def write_package(info: DeckInfo, cards: Sequence[Card], output: Path) -> int:
    """Write `output` atomically; return the number of notes."""
    deck = genanki.Deck(_stable_int(f"interviewprep deck {info.id}@{info.language}"),
                        info.title)
    for card in cards:
        tags = [_tag(t) for t in (*info.tags, *card.tags, card.kind.value) if _tag(t)]
        deck.add_note(genanki.Note(model=MODEL, fields=[_paragraphs(card.prompt),
                                                        back_html(card)],
                                   tags=list(dict.fromkeys(tags)),
                                   guid=note_guid(info, card)))
    folder = output.parent
    if not folder.is_dir():
        raise FileNotFoundError(2, "no such folder", str(folder))
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", dir=folder)
    os.close(fd)
    try:
        genanki.Package(deck).write_to_file(tmp)
        os.chmod(tmp, 0o600)
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(cards)
