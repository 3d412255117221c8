"""Export every answer and review (JSON for backup and restore, Markdown for a coach), and
import a JSON export back: checked in full first, then written in one transaction, skipping
only rows already here (same uid)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from interviewprep import __version__
from interviewprep.core import import_check
from interviewprep.core.answer_context import answer_context
from interviewprep.core.collection import Collection
from interviewprep.core.scheduling import Rating
from interviewprep.core.store import Answer
from interviewprep.core.text import excerpt, markdown_text, visible
from interviewprep.i18n import N_, _, format_datetime

EXPORT_FORMAT = "interviewprep-export"
EXPORT_VERSION = 1
MAX_IMPORT_BYTES = 256 * 1024 * 1024


class ExportFormatError(ValueError):
    """The file is not an interviewprep export this version can read."""

    located = False  # the message starts with `line:column:`


class JSONSyntaxError(ExportFormatError):
    located = True


class ImportProblemsError(ExportFormatError):
    """Entries with wrong values: the first few described, and how many there are."""

    def __init__(self, problems: list[str], total: int) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems
        self.total = total


@dataclass(frozen=True)
class ImportResult:
    answers: int
    reviews: int
    skipped: int  # rows already here (same uid), the only ones ever skipped


MAX_RECORDING_BYTES = 512 * 1024 * 1024


def recording_entries(collection: Collection, folder: str | None,
                      ) -> tuple[list[dict[str, Any]], list[tuple[Path, str]]]:
    """Every recording as an export entry, its `file` under `folder` (beside the export; None
    when the export has no folder beside it), and the (source, name) files to copy there."""
    answer_uids = {a.id: a.uid for a in collection.store.answers()}
    entries, files = [], []
    for recording in reversed(collection.store.recordings()):
        name = Path(recording.path).name
        source = collection.locations.data_dir / recording.path
        entries.append({
            "uid": recording.uid, "answer_uid": answer_uids.get(recording.answer_id or -1),
            "deck_id": recording.ref[0], "language": recording.ref[1],
            "card_id": recording.ref[2],
            "file": f"{folder}/{name}" if folder and source.is_file() else None,
            "started_at": recording.started_at, "seconds": recording.seconds,
            "measures": recording.measures, "transcript": recording.transcript,
            "transcript_engine": recording.transcript_engine,
            "transcript_corrected": recording.transcript_corrected})
        if folder and source.is_file():
            files.append((source, name))
    return entries, files


def import_recordings(collection: Collection, rows: list[dict[str, Any]],
                      beside: Path) -> int:
    """Copy exported recordings (files in the export's folder `beside`, never outside it)
    into the data folder and record them; return how many were added."""
    from interviewprep.locations import ensure_private_dir, write_private_file

    base = beside.resolve()
    added = 0
    for row in rows:
        if row["file"] is None or collection.store.has_recording(row["uid"]):
            continue
        source = (base / row["file"]).resolve()
        if not source.is_relative_to(base) or not source.is_file():
            continue  # checked as relative already; a link leading out is not followed
        if source.stat().st_size > MAX_RECORDING_BYTES:
            continue
        folder = ensure_private_dir(collection.locations.recordings)
        target = folder / f"imported-{row['uid']}.wav"
        write_private_file(target, source.read_bytes())
        relative = str(target.relative_to(collection.locations.data_dir))
        if collection.store.import_recording(row, relative):
            added += 1
        else:
            os.unlink(target)
    return added


def export_json(collection: Collection,
                recordings: list[dict[str, Any]] | None = None) -> dict[str, Any]:
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
        "recordings": recordings if recordings is not None else recording_entries(
            collection, None)[0],
    }


def export_markdown(collection: Collection) -> str:
    """Answers by deck (as listed), card (in deck order) and time, under the deck's title
    and the card's prompt, for a person to read. Text from decks and answers is escaped: it
    never acts on a terminal, nor reads as Markdown or HTML."""
    by_card: dict[tuple[str, str, str], list[Answer]] = {}
    for answer in reversed(collection.store.answers()):
        by_card.setdefault((answer.deck_id, answer.language, answer.card_id), []).append(answer)
    deck_order = {d.key: i for i, d in enumerate(collection.library.decks)}
    positions: dict[tuple[str, str], dict[str, int]] = {}

    def order(key: tuple[str, str, str]) -> tuple[int, str, str, int, str]:
        deck_id, language, card_id = key
        deck = collection.library.find_id(deck_id, language)
        if deck is None:
            return (len(deck_order), deck_id, language, 0, card_id)
        if (deck_id, language) not in positions:
            positions[(deck_id, language)] = {
                c.id: i for i, c in enumerate(collection.cards(deck))}
        place = positions[(deck_id, language)].get(card_id, len(positions[(deck_id, language)]))
        return (deck_order[deck.key], deck_id, language, place, card_id)

    lines = ["# " + _("interviewprep: rehearsed answers"), ""]
    current_deck: tuple[str, str] | None = None
    for (deck_id, language, card_id) in sorted(by_card, key=order):
        deck = collection.library.find_id(deck_id, language)
        if current_deck != (deck_id, language):
            current_deck = (deck_id, language)
            title = deck.title if deck else deck_id
            lines += [f"## {markdown_text(f'{title} ({deck_id}@{language})')}", ""]
        card = collection.card(deck, card_id) if deck else None
        lines += [f"### {markdown_text(card.prompt if card else card_id)}", ""]
        for answer in by_card[(deck_id, language, card_id)]:
            rating = Rating(answer.rating).label if answer.rating else _("not rated")
            context = answer_context(card, answer)
            when = datetime.fromtimestamp(answer.answered_at, UTC).astimezone()
            lines.append(f"**{format_datetime(when, seconds=True)}** · "
                         f"{answer.seconds:.0f} s · {rating}"
                         + (" · " + _("practice") if answer.practice else "")
                         + (" · " + markdown_text(context) if context else ""))
            lines.append("")
            text = answer.text.strip()
            lines += [f"> {markdown_text(line)}" if line else ">" for line in text.splitlines()]
            if not text:
                lines.append("> " + _("_(answered aloud: nothing typed)_"))
            lines.append("")
    if not by_card:
        lines.append(_("No answers yet."))
    lines += _story_lines(collection)
    return "\n".join(lines).rstrip() + "\n"


def _story_lines(collection: Collection) -> list[str]:
    """The story bank, for the coach: each story's outline and the questions it answers."""
    from interviewprep.core.story_bank import STORY_FIELDS, stories

    lines = []
    for story in stories(collection):
        lines += ["", _("## Story: {title}").format(title=markdown_text(story.title)), ""]
        lines += [f"- **{name.capitalize()}:** {markdown_text(getattr(story, name))}"
                  for name in STORY_FIELDS if getattr(story, name)]
        lines += [visible(_("- answers `{deck}@{language}/{card}`").format(
            deck=deck, language=language, card=card)) for deck, language, card in story.links]
    return lines


# The json module's problem texts (some followed by a detail, such as the bad escape),
# marked under their own English for the interface language.
JSON_PHRASES = (
    N_("Expecting value"),
    N_("Expecting property name enclosed in double quotes"),
    N_("Expecting ':' delimiter"),
    N_("Expecting ',' delimiter"),
    N_("Unterminated string starting at"),
    N_("Invalid control character at"),
    N_("Invalid \\uXXXX escape"),
    N_("Invalid \\escape"),
    N_("Extra data"),
    N_("Illegal trailing comma before end of object"),
    N_("Illegal trailing comma before end of array"),
)


def json_reason(message: str) -> str:
    """The json module's `msg` in the interface language (as it is when unknown)."""
    for phrase in JSON_PHRASES:
        if message.startswith(phrase):
            return _(phrase)
    return message


def read_export(data: bytes) -> Any:
    """Parse an export file's bytes; NaN, Infinity and absurd numbers are refused here."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ExportFormatError(_("not UTF-8 text")) from None
    try:
        return json.loads(text, parse_constant=import_check.refuse_constant)
    except json.JSONDecodeError as error:
        raise JSONSyntaxError(_("{line}:{column}: not valid JSON: {reason}").format(
            line=error.lineno, column=error.colno, reason=json_reason(error.msg))) from None
    except import_check.Problem as problem:
        raise ExportFormatError(str(problem)) from None
    except (ValueError, RecursionError) as error:  # a 5,000-digit integer, deep nesting
        raise ExportFormatError(_("not a usable JSON export ({reason})").format(
            reason=type(error).__name__)) from None


@dataclass(frozen=True)
class CheckedExport:
    """An export whose every entry passed `check_export`: ready to write as it is."""

    answers: list[dict[str, Any]]
    reviews: list[dict[str, Any]]
    card_states: list[dict[str, Any]]
    interviews: list[dict[str, Any]]
    stories: list[dict[str, Any]]
    story_links: list[dict[str, Any]]
    recordings: list[dict[str, Any]] = field(default_factory=list)


def check_export(data: Any) -> CheckedExport:
    """Check every entry of a parsed export, before anything is opened or written."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise ExportFormatError(_('not an interviewprep JSON export (no "format": "{format}")')
                                .format(format=EXPORT_FORMAT))
    if data.get("version") != EXPORT_VERSION:
        raise ExportFormatError(
            _("export version {version} is not supported (this interviewprep reads version "
              "{supported})").format(version=excerpt(repr(data.get("version"))),
                                     supported=EXPORT_VERSION))
    problems: list[str] = []
    answers = import_check.check_rows(data, "answers", import_check.ANSWER, problems)
    reviews = import_check.check_rows(data, "reviews", import_check.REVIEW, problems)
    states = import_check.check_rows(data, "card_states", import_check.CARD_STATE, problems)
    # Interviews and the story bank (exports before they existed have none).
    interviews = import_check.check_rows(data, "interviews", import_check.INTERVIEW, problems)
    stories = import_check.check_rows(data, "stories", import_check.STORY, problems)
    links = import_check.check_rows(data, "story_links", import_check.STORY_LINK, problems)
    recordings = import_check.check_rows(data, "recordings", import_check.RECORDING, problems)
    if problems:
        raise ImportProblemsError(problems[:import_check.MAX_REPORTED], len(problems))
    for answer in answers:
        answer["practice"] = bool(answer["practice"])
    review_rows = [
        {**r, "state_before": json.dumps(r["state_before"]) if r["state_before"] else None,
         "state_after": json.dumps(r["state_after"])}
        for r in reviews
    ]
    return CheckedExport(answers, review_rows, states, interviews, stories, links, recordings)


def import_json(collection: Collection, data: Any) -> ImportResult:
    """Restore an export. Every entry is checked first and nothing is written when any is
    wrong; rows already here (same uid) are skipped and counted. Safe to run twice."""
    checked = data if isinstance(data, CheckedExport) else check_export(data)
    added_answers, added_reviews = collection.store.import_rows(
        checked.answers, checked.reviews, checked.card_states)
    collection.store.import_interviews_and_stories(checked.interviews, checked.stories,
                                                   checked.story_links)
    skipped = (len(checked.answers) - added_answers + len(checked.reviews) - added_reviews)
    return ImportResult(added_answers, added_reviews, skipped)
