"""Real interviews the person prepares for and their tailoring to the job description (the
story bank behavioural answers are built from is `core.story_bank`).

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
from interviewprep.core.store import CardRef
from interviewprep.core.text import excerpt
from interviewprep.i18n import N_, _
from interviewprep.locations import ensure_private_dir, write_private_file

ROLES = ("ae", "sdr", "promotion")
ROLE_LABELS = {"ae": N_("AE"), "sdr": N_("SDR"), "promotion": N_("promotion panel")}
DEFAULT_MINUTES_PER_DAY = 20
MAX_MINUTES_PER_DAY = 600
# Planned reviews happen at the interview's time of day, so whole days separate them.
DEFAULT_TIME = time(9, 0)
BEHAVIOURAL_TAGS = frozenset({"star", "behavioral", "behavioural"})
PERSONAL_DECK_ID = "my-interview-cards"
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
TEXT_LIMIT = 100_000


def role_label(role: str) -> str:
    """An interview's role (`promotion`) as the interface names it."""
    return _(ROLE_LABELS[role]) if role in ROLE_LABELS else role


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
    if not text.strip():
        raise InterviewError(_("write the interview's date, like {iso} or {example}").format(
            iso="2026-12-15", example=i18n.format_date(date(2026, 12, 15))))
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
    if len(job_description) > TEXT_LIMIT:
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
    if len(notes) > TEXT_LIMIT:
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
