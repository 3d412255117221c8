"""The story bank: the person's STAR stories that behavioural answers are built from, their
links to questions, and a YAML story file to add many at once.

The drill shows the stories linked to a question after the answer (`stories_for`); rows
live in the store, next to the interviews (`core.interviews`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from interviewprep.core.collection import Collection
from interviewprep.core.decks.model import DeckInfo
from interviewprep.core.decks.yaml_reader import MapNode, Node, SeqNode, read
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


def _plain(node: Node) -> Any:
    if isinstance(node, MapNode):
        return {key: _plain(value) for key, (_, value) in node.value.items()}
    if isinstance(node, SeqNode):
        return [_plain(item) for item in node.value]
    return node.value


def _question(text: Any, language: str) -> CardRef | None:
    """`deck-id/card-id` or `deck-id@lang/card-id`."""
    if not isinstance(text, str) or text.count("/") != 1:
        return None
    deck, card = text.split("/")
    deck_id, _sep, lang = deck.partition("@")
    return (deck_id, lang or language, card) if deck_id and card else None


def load_stories_yaml(collection: Collection, text: str) -> tuple[int, list[str]]:
    """Add the stories of a YAML story file (read with the safe reader) whose title is not
    in the bank yet, with their links; return (stories added, problems). A file with any
    problem adds nothing.

        stories:
          - title: The Initech renewal
            situation: …
            questions: [ae-interview/deal-you-lost, ae-interview@es/deal-you-lost]
    """
    root, yaml_problems = read(text)
    problems = [f"{p.line}:{p.column}: {p.message}" for p in yaml_problems]
    data = _plain(root) if root is not None and not problems else None
    entries = data.get("stories") if isinstance(data, dict) else None
    if not problems and not isinstance(entries, list):
        problems.append(_("the file needs a 'stories:' list"))
    stories_in: list[tuple[dict[str, str], list[CardRef]]] = []
    for n, entry in enumerate(entries if isinstance(entries, list) else [], start=1):
        allowed = {"title", "questions", *STORY_FIELDS}
        if not isinstance(entry, dict) or not isinstance(entry.get("title"), str) or set(
                entry) - allowed:
            problems.append(_("story {n}: needs a title and only these keys: {keys}").format(
                n=n, keys=", ".join(sorted(allowed))))
            continue
        fields = {k: v if isinstance(v, str) else str(v) for k, v in entry.items()
                  if k in STORY_FIELDS and v is not None}
        refs = [_question(q, collection.settings.language) for q in entry.get("questions")
                or []]
        if None in refs:
            problems.append(_("story {n}: questions look like deck-id/card-id").format(n=n))
            continue
        stories_in.append(({"title": entry["title"], **fields},
                           [r for r in refs if r is not None]))
    if problems:
        return 0, problems
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
