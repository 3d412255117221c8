"""Export every answer and review (JSON for backup and restore, Markdown for a coach), and
import a JSON export back without duplicating anything already here."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from interviewprep import __version__
from interviewprep.core.collection import Collection
from interviewprep.core.scheduling import Rating

EXPORT_FORMAT = "interviewprep-export"
EXPORT_VERSION = 1


class ExportFormatError(ValueError):
    """The file is not an interviewprep export this version can read."""


def _iso(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).isoformat()


def export_json(collection: Collection) -> dict[str, Any]:
    store = collection.store
    reviews = [
        {"uid": r.uid, "deck_id": r.deck_id, "language": r.language, "card_id": r.card_id,
         "rating": r.rating, "reviewed_at": r.reviewed_at, "duration_ms": r.duration_ms,
         "state_before": r.state_before, "state_after": r.state_after}
        for r in store.reviews()
    ]
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "app_version": __version__,
        "exported_at": collection.clock().isoformat(),
        "answers": [a.to_dict() for a in reversed(store.answers())],
        "reviews": reviews,
        "card_states": store.all_states(),
        "interviews": [{k: v for k, v in r.items() if k != "id"} for r in store.interviews()],
        "stories": [{k: v for k, v in r.items() if k != "id"} for r in store.stories()],
        "story_links": store.story_links(),
    }


def export_markdown(collection: Collection) -> str:
    """Answers grouped by deck and card, with the prompt, for a person to read."""
    lines = ["# interviewprep: rehearsed answers", ""]
    by_card: dict[tuple[str, str, str], list[Any]] = {}
    for answer in reversed(collection.store.answers()):
        by_card.setdefault((answer.deck_id, answer.language, answer.card_id), []).append(answer)
    current_deck: tuple[str, str] | None = None
    for (deck_id, language, card_id), answers in sorted(by_card.items()):
        deck = collection.library.find_id(deck_id, language)
        if current_deck != (deck_id, language):
            current_deck = (deck_id, language)
            title = deck.title if deck else deck_id
            lines += [f"## {title} ({deck_id}@{language})", ""]
        card = collection.card(deck, card_id) if deck else None
        lines += [f"### {card.prompt if card else card_id}", ""]
        for answer in answers:
            rating = Rating(answer.rating).label if answer.rating else "not rated"
            when = datetime.fromtimestamp(answer.answered_at, UTC).astimezone()
            lines.append(f"**{when:%Y-%m-%d %H:%M}** · {answer.seconds:.0f} s · {rating}"
                         + (" · practice" if answer.practice else ""))
            lines.append("")
            text = answer.text.strip() or "_(answered aloud: nothing typed)_"
            lines += [f"> {line}" if line else ">" for line in text.splitlines()]
            lines.append("")
    if not by_card:
        lines.append("No answers yet.")
    lines += _story_lines(collection)
    return "\n".join(lines).rstrip() + "\n"


def _story_lines(collection: Collection) -> list[str]:
    """The story bank, for the coach: each story's outline and the questions it answers."""
    from interviewprep.core.interviews import STORY_FIELDS, stories

    lines = []
    for story in stories(collection):
        lines += ["", f"## Story: {story.title}", ""]
        lines += [f"- **{name.capitalize()}:** {getattr(story, name)}"
                  for name in STORY_FIELDS if getattr(story, name)]
        lines += [f"- answers `{deck}@{language}/{card}`" for deck, language, card in story.links]
    return lines


_ANSWER_KEYS = {"uid": str, "deck_id": str, "language": str, "card_id": str, "text": str,
                "seconds": (int, float), "answered_at": (int, float)}
_REVIEW_KEYS = {"uid": str, "deck_id": str, "language": str, "card_id": str, "rating": int,
                "reviewed_at": (int, float), "state_after": dict}
_STATE_KEYS = {"deck_id": str, "language": str, "card_id": str, "state": int,
               "due": (int, float)}


_INTERVIEW_KEYS = {"uid": str, "company": str, "role": str, "date": str,
                   "job_description": str, "minutes_per_day": int, "notes": str,
                   "created_at": (int, float)}
_STORY_KEYS = {"uid": str, "title": str, "situation": str, "task": str, "action": str,
               "result": str, "numbers": str, "created_at": (int, float),
               "updated_at": (int, float)}
_LINK_KEYS = {"story_uid": str, "deck_id": str, "language": str, "card_id": str}


def _check_interviews(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from interviewprep.core.interviews import ROLES, parse_day

    for index, row in enumerate(rows):
        time = row.get("time")
        if row["role"] not in ROLES or not (time is None or isinstance(time, str)):
            raise ExportFormatError(f"interviews[{index}] has no valid 'role' or 'time'")
        try:
            parse_day(row["date"])
        except ValueError:
            raise ExportFormatError(f"interviews[{index}] has no valid 'date'") from None
    return [{**row, "time": row.get("time")} for row in rows]


def _check_rows(rows: Any, name: str, keys: dict[str, Any]) -> list[dict[str, Any]]:
    if not isinstance(rows, list):
        raise ExportFormatError(f"'{name}' must be a list")
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            raise ExportFormatError(f"{name}[{index}] must be an object")
        for key, kind in keys.items():
            if not isinstance(row.get(key), kind) or isinstance(row.get(key), bool):
                raise ExportFormatError(f"{name}[{index}] has no valid '{key}'")
    return rows


def import_json(collection: Collection, data: Any) -> tuple[int, int]:
    """Restore an export; returns (answers added, reviews added). Safe to run twice."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise ExportFormatError("not an interviewprep JSON export (no \"format\": "
                           f"\"{EXPORT_FORMAT}\")")
    if data.get("version") != EXPORT_VERSION:
        raise ExportFormatError(f"export version {data.get('version')!r} is not supported "
                           f"(this interviewprep reads version {EXPORT_VERSION})")
    answers = _check_rows(data.get("answers", []), "answers", _ANSWER_KEYS)
    reviews = _check_rows(data.get("reviews", []), "reviews", _REVIEW_KEYS)
    states = _check_rows(data.get("card_states", []), "card_states", _STATE_KEYS)
    answer_rows = [{"rating": None, "practice": False, **a} for a in answers]
    review_rows = [
        {"duration_ms": None, **r,
         "state_before": json.dumps(r["state_before"]) if r.get("state_before") else None,
         "state_after": json.dumps(r["state_after"])}
        for r in reviews
    ]
    state_rows = [{"step": None, "stability": None, "difficulty": None, "last_review": None,
                   **s} for s in states]
    # Interviews and the story bank (exports before they existed have none); all checked
    # before anything is written.
    interviews = _check_interviews(_check_rows(data.get("interviews", []), "interviews",
                                               _INTERVIEW_KEYS))
    stories = _check_rows(data.get("stories", []), "stories", _STORY_KEYS)
    links = _check_rows(data.get("story_links", []), "story_links", _LINK_KEYS)
    added = collection.store.import_rows(answer_rows, review_rows, state_rows)
    collection.store.import_interviews_and_stories(interviews, stories, links)
    return added
