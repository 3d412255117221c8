"""Real interviews the person prepares for, their tailoring to the job description, and the
story bank behavioural answers are built from.

The CLI and (later) the TUI call these functions; rows live in the store. Dates are the
person's local days, and "today" always comes from the collection's clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import yaml

from interviewprep import i18n
from interviewprep.core import jobdesc
from interviewprep.core.collection import Collection
from interviewprep.core.decks.model import Card, CardKind, DeckInfo
from interviewprep.core.decks.validate import parse_deck
from interviewprep.core.decks.yaml_reader import MapNode, Node, SeqNode, read
from interviewprep.core.store import CardRef
from interviewprep.core.text import excerpt
from interviewprep.i18n import _
from interviewprep.locations import ensure_private_dir, write_private_file

ROLES = ("ae", "sdr", "promotion")
DEFAULT_MINUTES_PER_DAY = 20
MAX_MINUTES_PER_DAY = 600
# Planned reviews happen at the interview's time of day, so whole days separate them.
DEFAULT_TIME = time(9, 0)
BEHAVIOURAL_TAGS = frozenset({"star", "behavioral", "behavioural"})
PERSONAL_DECK_ID = "my-interview-cards"
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_TEXT_LIMIT = 100_000


class InterviewError(ValueError):
    """A value the person gave is not usable; the message says why."""


@dataclass(frozen=True)
class Interview:
    id: int
    uid: str
    company: str
    role: str
    day: date
    time: str | None
    job_description: str
    minutes_per_day: int
    notes: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Interview:
        return cls(row["id"], row["uid"], row["company"], row["role"],
                   date.fromisoformat(row["date"]), row["time"], row["job_description"],
                   row["minutes_per_day"], row["notes"])

    def moment(self) -> datetime:
        """When the interview starts, in UTC (09:00 local when no time was given)."""
        at = DEFAULT_TIME
        if self.time:
            hours, minutes = self.time.split(":")
            at = time(int(hours), int(minutes))
        return datetime.combine(self.day, at).astimezone().astimezone(UTC)


def today(collection: Collection) -> date:
    return collection.clock().astimezone().date()


def days_left(collection: Collection, interview: Interview) -> int:
    return (interview.day - today(collection)).days


def read_day(text: str) -> date:
    """A day a person typed: ISO, or the interface language's way (`28 nov 2026`)."""
    try:
        return i18n.parse_date(text)
    except ValueError:
        raise InterviewError(_("'{value}' is not a date: write it like {iso} or {example}")
                             .format(value=excerpt(text), iso="2026-12-15",
                                     example=i18n.format_date(date(2026, 12, 15)))) from None


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InterviewError(_("the date must look like 2026-05-31")) from None


def add_interview(
    collection: Collection, company: str, role: str, day: date, at: str | None = None,
    job_description: str = "", minutes_per_day: int = DEFAULT_MINUTES_PER_DAY,
    notes: str = "",
) -> int:
    """Record an interview; return its id. The date may not be in the past."""
    company = company.strip()
    if not company:
        raise InterviewError(_("the company name is empty"))
    if role not in ROLES:
        raise InterviewError(_("the role must be one of: {roles}").format(roles=", ".join(ROLES)))
    if day < today(collection):
        raise InterviewError(_("the interview date is in the past"))
    if at is not None and not _TIME.match(at):
        raise InterviewError(_("the time must look like 14:30"))
    if not 1 <= minutes_per_day <= MAX_MINUTES_PER_DAY:
        raise InterviewError(_("minutes per day must be between 1 and {limit}").format(
            limit=MAX_MINUTES_PER_DAY))
    if len(job_description) > _TEXT_LIMIT:
        raise InterviewError(_("the job description is longer than 100,000 characters"))
    return collection.store.add_interview({
        "company": company, "role": role, "date": day.isoformat(), "time": at,
        "job_description": job_description, "minutes_per_day": minutes_per_day,
        "notes": notes, "created_at": collection.clock().timestamp()})


def interviews(collection: Collection) -> list[Interview]:
    return [Interview.from_row(r) for r in collection.store.interviews()]


def get_interview(collection: Collection, interview_id: int) -> Interview:
    row = collection.store.interview(interview_id)
    if row is None:
        raise InterviewError(_("no interview {id} (see 'interviewprep interview list')").format(
            id=interview_id))
    return Interview.from_row(row)


def set_notes(collection: Collection, interview_id: int, notes: str) -> None:
    """Replace an interview's notes (committed at once)."""
    if len(notes) > _TEXT_LIMIT:
        raise InterviewError(_("the notes are longer than 100,000 characters"))
    get_interview(collection, interview_id)
    collection.store.set_interview_notes(interview_id, notes)


def remove_interview(collection: Collection, interview_id: int) -> None:
    """Forget an interview; the answers and reviews made for it stay."""
    collection.store.remove_interview(interview_id)


def next_interview(collection: Collection) -> Interview | None:
    """The soonest interview from today on."""
    upcoming = [i for i in interviews(collection) if i.day >= today(collection)]
    return min(upcoming, key=lambda i: (i.day, i.id), default=None)


def interview_decks(collection: Collection, interview: Interview) -> list[DeckInfo]:
    """Decks in the current language for the interview's role; decks naming no role too.
    A promotion interview is an AE interview for someone already inside."""
    wanted = "ae" if interview.role == "promotion" else interview.role
    return [d for d in collection.decks() if not d.roles or wanted in d.roles]


# -- tailoring ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TermCoverage:
    term: str
    category: str
    cards: tuple[jobdesc.CardMatch, ...]


@dataclass(frozen=True)
class Tailoring:
    terms: tuple[TermCoverage, ...]  # everything the description names, most mentioned first
    questions_without_story: tuple[CardRef, ...]

    @property
    def uncovered(self) -> list[str]:
        return [t.term for t in self.terms if not t.cards]

    def ranked_cards(self) -> list[CardRef]:
        """Cards matching the description, best first, each once."""
        scores: dict[CardRef, int] = {}
        for coverage in self.terms:
            for m in coverage.cards:
                ref = (m.deck_id, m.language, m.card_id)
                scores[ref] = scores.get(ref, 0) + m.score
        return sorted(scores, key=lambda ref: (-scores[ref], ref))


def _deck_cards(collection: Collection, decks: list[DeckInfo]) -> list[tuple[DeckInfo, Card]]:
    return [(deck, card) for deck in decks for card in collection.cards(deck)]


def tailor(collection: Collection, interview: Interview) -> Tailoring:
    decks = interview_decks(collection, interview)
    cards = _deck_cards(collection, decks)
    language = collection.settings.language
    stemmed = [(d.id, d.language, c, jobdesc.card_text_stems(c, d.language)) for d, c in cards]
    terms = tuple(
        TermCoverage(found.label, found.category,
                     tuple(jobdesc.match_cards(found.key, stemmed)))
        for found in jobdesc.extract(interview.job_description, language))
    linked = {(link["deck_id"], link["language"], link["card_id"])
              for link in collection.store.story_links()}
    without = tuple(
        (d.id, d.language, c.id) for d, c in cards
        if c.kind is CardKind.QUESTION and BEHAVIOURAL_TAGS & set(c.tags)
        and (d.id, d.language, c.id) not in linked)
    return Tailoring(terms, without)


def interview_cards(collection: Collection, interview: Interview,
                    tailoring: Tailoring | None = None) -> list[CardRef]:
    """The cards to prepare: those matching the description first, then the rest of the
    interview's decks in deck order."""
    tailoring = tailoring or tailor(collection, interview)
    ranked = tailoring.ranked_cards()
    seen = set(ranked)
    rest = [(d.id, d.language, c.id)
            for d, c in _deck_cards(collection, interview_decks(collection, interview))
            if (d.id, d.language, c.id) not in seen]
    return ranked + rest


_PROMPTS = {
    "en": ("The job description asks for {term}. Tell me about your experience with it.",
           "Give one concrete example with a number", "Say what you would do in the first "
           "90 days"),
    "es": ("La oferta pide {term}. Háblame de tu experiencia con ello.",
           "Da un ejemplo concreto con una cifra", "Di qué harías en los primeros 90 días"),
}


def create_personal_card(user_decks: Path, language: str, term: str) -> tuple[Path, str]:
    """Add a question about `term` to the personal deck in the user's decks folder, so the
    person writes that answer themselves; return (deck file, card id). The file is
    validated before it replaces the old one."""
    folder = ensure_private_dir(user_decks / language)
    path = folder / f"{PERSONAL_DECK_ID}.yaml"
    data: dict[str, Any]
    if path.exists():
        deck, problems = parse_deck(path.read_bytes(), path)
        if deck is None:
            raise InterviewError(_("{path} has problems; fix it first ({problem})").format(
                path=path, problem=problems[0].message))
        data = {"id": deck.info.id, "title": deck.info.title, "language": deck.info.language,
                "cards": [c.to_dict() for c in deck.cards]}
    else:
        title = "Mis tarjetas de entrevista" if language == "es" else "My interview cards"
        data = {"id": PERSONAL_DECK_ID, "title": title, "language": language, "cards": []}
    card_id = "jd-" + jobdesc.slug(term)
    if any(c["id"] == card_id for c in data["cards"]):
        return path, card_id
    prompt, *points = _PROMPTS.get(language, _PROMPTS["en"])
    data["cards"].append({"id": card_id, "kind": "question",
                          "prompt": prompt.format(term=term), "talking_points": points,
                          "tags": ["job-description"]})
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    deck, problems = parse_deck(text.encode("utf-8"), path)
    if deck is None or problems:
        raise InterviewError(_("the card for '{term}' would not make a valid deck").format(
            term=excerpt(term)))
    write_private_file(path, text.encode("utf-8"))
    return path, card_id


# -- the story bank ----------------------------------------------------------------------------

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
    if any(len(v) > _TEXT_LIMIT for v in (title, *fields.values())):
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
