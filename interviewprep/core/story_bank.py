"""The story bank: the person's STAR stories that behavioural answers are built from, their
links to questions, and a YAML story file to add many at once.

The drill shows the stories linked to a question after the answer (`stories_for`); rows
live in the store, next to the interviews (`core.interviews`).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from interviewprep.core.collection import Collection
from interviewprep.core.decks.model import DeckInfo
from interviewprep.core.decks.yaml_reader import MapNode, Node, ScalarNode, SeqNode, read
from interviewprep.core.interviews import TEXT_LIMIT, InterviewError
from interviewprep.core.store import CardRef
from interviewprep.core.text import excerpt
from interviewprep.i18n import _

STORY_FIELDS = ("situation", "task", "action", "result", "numbers")


@dataclass(frozen=True)
class Story:
    id: int
    uid: str
    title: str
    situation: str
    task: str
    action: str
    result: str
    numbers: str
    links: tuple[CardRef, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title,
                **{name: getattr(self, name) for name in STORY_FIELDS},
                "questions": [{"deck": d, "language": lang, "card": c}
                              for d, lang, c in self.links]}


def stories(collection: Collection) -> list[Story]:
    links: dict[str, list[CardRef]] = {}
    for link in collection.store.story_links():
        links.setdefault(link["story_uid"], []).append(
            (link["deck_id"], link["language"], link["card_id"]))
    return [Story(id=r["id"], uid=r["uid"], title=r["title"], situation=r["situation"],
                  task=r["task"], action=r["action"], result=r["result"],
                  numbers=r["numbers"], links=tuple(links.get(r["uid"], ())))
            for r in collection.store.stories()]


def get_story(collection: Collection, story_id: int) -> Story:
    found = next((s for s in stories(collection) if s.id == story_id), None)
    if found is None:
        raise InterviewError(_("no story {id} (see 'interviewprep story list')").format(
            id=story_id))
    return found


def add_story(collection: Collection, title: str, **fields: str) -> int:
    title = title.strip()
    if not title:
        raise InterviewError(_("the story's title is empty"))
    unknown = set(fields) - set(STORY_FIELDS)
    if unknown:
        raise InterviewError(_("unknown story field: {names}").format(
            names=", ".join(sorted(unknown))))
    if any(len(v) > TEXT_LIMIT for v in (title, *fields.values())):
        raise InterviewError(_("a story field is longer than 100,000 characters"))
    now = collection.clock().timestamp()
    return collection.store.add_story({"title": title,
                                       **{n: fields.get(n, "") for n in STORY_FIELDS},
                                       "created_at": now, "updated_at": now})


def link_story(collection: Collection, story_id: int, deck: DeckInfo, card_id: str,
               unlink: bool = False) -> bool:
    """Link (or unlink) a story and a card of a loaded deck; False when nothing changed."""
    story = get_story(collection, story_id)
    if collection.card(deck, card_id) is None:
        raise InterviewError(_("deck {deck} has no card '{card}'").format(
            deck=deck.key, card=excerpt(card_id)))
    ref = (deck.id, deck.language, card_id)
    if unlink:
        return collection.store.unlink_story(story.uid, ref)
    return collection.store.link_story(story.uid, ref)


def stories_for(collection: Collection, ref: CardRef) -> list[Story]:
    """The stories linked to a card (for the drill to show after submitting)."""
    return [s for s in stories(collection) if ref in s.links]


STORIES_FILE = "stories.yaml"


def _question(text: Any, language: str) -> CardRef | None:
    """`deck-id/card-id` or `deck-id@lang/card-id`."""
    if not isinstance(text, str) or text.count("/") != 1:
        return None
    deck, card = text.split("/")
    deck_id, _sep, lang = deck.partition("@")
    return (deck_id, lang or language, card) if deck_id and card else None


STORY_KEYS = ("title", "questions", *STORY_FIELDS)


class _Problems(list[str]):
    """Problems as `LINE:COL: message`, like the deck validator's (the caller adds FILE:)."""

    def at(self, node: Node, message: str) -> None:
        self.append(f"{node.line}:{node.column}: {message}")

    def in_file_order(self) -> list[str]:
        return sorted(self, key=lambda p: tuple(int(n) for n in p.split(":", 2)[:2]))

    def unknown(self, node: Node, key: str, allowed: tuple[str, ...]) -> None:
        hint = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        if hint:
            self.at(node, _("unknown key '{key}' (did you mean '{hint}'?)").format(
                key=excerpt(key), hint=hint[0]))
        else:
            self.at(node, _("unknown key '{key}'; allowed: {keys}").format(
                key=excerpt(key), keys=", ".join(allowed)))


def _story(item: Node, language: str,
           problems: _Problems) -> tuple[dict[str, str], list[CardRef]] | None:
    """One entry of the `stories:` list, every problem in it reported."""
    if not isinstance(item, MapNode):
        problems.at(item, _("each story must be a mapping with a 'title'"))
        return None
    before = len(problems)
    fields: dict[str, str] = {}
    refs: list[CardRef] = []
    for key, (key_node, value) in item.value.items():
        if key not in STORY_KEYS:
            problems.unknown(key_node, key, STORY_KEYS)
        elif key == "questions":
            if not isinstance(value, SeqNode):
                problems.at(value, _("'questions' must be a list such as [deck-id/card-id, "
                                     "deck-id@es/card-id]"))
                continue
            for question in value.value:
                ref = _question(question.value, language) if isinstance(
                    question, ScalarNode) else None
                if ref is None:
                    shown = question.value if isinstance(question, ScalarNode) else "…"
                    problems.at(question, _("'{value}' does not look like deck-id/card-id "
                                            "or deck-id@lang/card-id").format(
                                                value=excerpt(str(shown))))
                else:
                    refs.append(ref)
        elif not isinstance(value, ScalarNode):
            problems.at(value, _("'{key}' must be text").format(key=key))
        elif value.value is not None:
            fields[key] = value.value if isinstance(value.value, str) else str(value.value)
    if "title" not in item.value:
        problems.at(item, _("a story needs a 'title'"))
    elif not fields.get("title", "").strip() and len(problems) == before:
        problems.at(item.value["title"][1], _("the story's title is empty"))
    return (fields, refs) if len(problems) == before else None


def load_stories_yaml(collection: Collection, text: str) -> tuple[int, list[str]]:
    """Add the stories of a YAML story file (read with the safe reader) whose title is not
    in the bank yet, with their links; return (stories added, problems). Every problem in
    the file is reported (as `LINE:COL: message`), and a file with any adds nothing.

        stories:
          - title: The Initech renewal
            situation: …
            questions: [ae-interview/deal-you-lost, ae-interview@es/deal-you-lost]
    """
    root, yaml_problems = read(text)
    problems = _Problems(f"{p.line}:{p.column}: {p.message}" for p in yaml_problems)
    if problems:
        return 0, problems
    entries = root.value.get("stories") if isinstance(root, MapNode) else None
    if isinstance(root, MapNode):
        for key, (key_node, _value) in root.value.items():
            if key != "stories":
                problems.unknown(key_node, key, ("stories",))
    if entries is None or not isinstance(entries[1], SeqNode):
        problems.at(entries[1] if entries else root or MapNode({}, 1, 1),
                    _("the file needs a 'stories:' list"))
        return 0, problems.in_file_order()
    stories_in = [story for item in entries[1].value
                  if (story := _story(item, collection.settings.language, problems))]
    if problems:
        return 0, problems.in_file_order()
    known = {s.title for s in stories(collection)}
    added = 0
    for fields, links in stories_in:
        if fields["title"] in known:
            continue
        story_id = add_story(collection, **fields)
        uid = get_story(collection, story_id).uid
        for ref in links:
            collection.store.link_story(uid, ref)
        known.add(fields["title"])
        added += 1
    return added, []
