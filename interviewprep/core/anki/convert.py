"""Anki notes to interviewprep decks: HTML to plain text, clozes to prompt and answer, ids
from note GUIDs (so a re-import updates the same cards), and the review log replayed through
FSRS so an imported card keeps its place in the schedule.

A note becomes a `tip` card: Anki cards are recalled, not rehearsed against the clock.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from interviewprep.core.anki.reader import DECK_SEPARATOR, AnkiDeck, AnkiNote
from interviewprep.core.decks.model import Deck
from interviewprep.core.decks.schema import normalise_id
from interviewprep.core.decks.slug import slugify
from interviewprep.core.decks.validate import parse_deck
from interviewprep.core.scheduling import CardState, Rating, Scheduler
from interviewprep.i18n import N_, _

# The first line of every deck import-anki writes names the command, in any language: a
# file without it is someone's own deck and is never replaced.
MARKER = "interviewprep import-anki"
EMPTY_BACK = N_("(empty in Anki)")
_BLOCKS = frozenset({"br", "div", "p", "li", "tr", "h1", "h2", "h3", "h4", "ul", "ol"})
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SOUND = re.compile(r"\[sound:[^\]]*\]")
_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::(.*?))?\}\}", re.DOTALL)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(self._skip - 1, 0)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def plain_text(value: str, html: bool = True) -> str:
    """Anki field content as plain text: tags dropped, entities decoded, lines tidied."""
    value = _SOUND.sub("", value)
    if html:
        parser = _Text()
        parser.feed(value)
        parser.close()
        value = "".join(parser.parts)
    value = _UNSAFE.sub("", value.replace("\xa0", " "))
    lines = (" ".join(line.split()) for line in value.splitlines())
    return "\n".join(line for line in lines if line)


_OWN_GUID = re.compile(r"^interviewprep:[^@:]+@[^@:]+:(?P<card>[^:]+)$")


def card_id(guid: str) -> str:
    """A stable card id from an Anki note GUID (GUIDs use punctuation ids cannot). A note
    `export-anki` wrote gets its original card id back."""
    own = _OWN_GUID.match(guid)
    if own and normalise_id(own["card"]) == own["card"]:
        return own["card"]
    return "anki-" + hashlib.sha1(guid.encode("utf-8")).hexdigest()[:12]  # noqa: S324


def written_by_import(text: str) -> bool:
    """Whether a deck file's text is one import-anki wrote (so importing may replace it)."""
    first = text.split("\n", 1)[0]
    return first.startswith("#") and MARKER in first


def deck_id(name: str) -> str:
    return "anki-" + slugify(name.replace(DECK_SEPARATOR, " "), fallback="deck")


def _card(note: AnkiNote, html: bool) -> dict[str, Any] | None:
    texts = [plain_text(v, html) for v in note.fields]
    if not texts or not texts[0]:
        return None
    if note.cloze or _CLOZE.search(note.fields[0]):
        prompt = plain_text(_CLOZE.sub(lambda m: f"[{m.group(2) or '…'}]", note.fields[0]),
                            html)
        revealed = plain_text(_CLOZE.sub(lambda m: m.group(1), note.fields[0]), html)
        back = "\n".join(t for t in [revealed, *texts[1:]] if t)
    else:
        prompt, back = texts[0], "\n".join(t for t in texts[1:] if t)
    card: dict[str, Any] = {"id": card_id(note.guid), "kind": "tip", "prompt": prompt,
                            "answer": back or _(EMPTY_BACK)}
    tags = [t for t in (plain_text(tag, html=False) for tag in note.tags) if t]
    if tags:
        card["tags"] = tags
    return card


@dataclass(frozen=True)
class Converted:
    deck_id: str
    text: str
    deck: Deck
    notes: dict[str, AnkiNote]  # card id -> the note it came from


def convert(anki: AnkiDeck, language: str, path: Path, source_name: str) -> Converted:
    """The YAML text of one deck; raises ValueError if it would not validate."""
    cards, notes, seen = [], {}, set()
    for note in anki.notes:
        card = _card(note, anki.html)
        if card is None or card["id"] in seen:
            continue
        seen.add(card["id"])
        cards.append(card)
        notes[card["id"]] = note
    if not cards:
        raise ValueError(_("deck '{name}' has no notes with text").format(name=anki.name))
    the_id = deck_id(anki.name)
    data = {"id": the_id, "title": anki.name.replace(DECK_SEPARATOR, " › "),
            "language": language, "tags": ["anki"], "cards": cards}
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    # The comments are in the interface language, as the deck's own text is.
    text = ("# " + _("Imported from Anki by {command} from {source}.").format(
                command=MARKER, source=json.dumps(source_name, ensure_ascii=False)) + "\n"
            "# " + _("Re-importing replaces this file; card ids follow the Anki notes.")
            + "\n" + body)
    deck, problems = parse_deck(text.encode("utf-8"), path)
    if deck is None:
        raise ValueError(_("deck '{name}' did not convert: {problem}").format(
            name=anki.name, problem=problems[0].message))
    return Converted(the_id, text, deck, notes)


def replay(scheduler: Scheduler, converted: Converted) -> tuple[list[dict[str, Any]],
                                                                list[dict[str, Any]]]:
    """Review and state rows for the store: each Anki review replayed through FSRS. Review
    uids come from Anki's review ids, so importing twice adds nothing the second time."""
    info = converted.deck.info
    reviews: list[dict[str, Any]] = []
    states: list[dict[str, Any]] = []
    for the_card_id, note in converted.notes.items():
        state: CardState | None = None
        for entry in note.reviews:
            # Manual reschedules (ease 0) are not ratings; filtered-deck reviews are.
            if entry.ease not in (1, 2, 3, 4):
                continue
            at = datetime.fromtimestamp(entry.at_ms / 1000, UTC)
            after = scheduler.review(state, Rating(entry.ease), at)
            reviews.append({
                "uid": f"anki-{note.guid}-{entry.at_ms}", "deck_id": info.id,
                "language": info.language, "card_id": the_card_id, "rating": entry.ease,
                "reviewed_at": at.timestamp(), "duration_ms": entry.duration_ms,
                "state_before": json.dumps(state.to_row()) if state else None,
                "state_after": json.dumps(after.to_row())})
            state = after
        if state is not None:
            states.append({"deck_id": info.id, "language": info.language,
                           "card_id": the_card_id, **state.to_row()})
    return reviews, states
