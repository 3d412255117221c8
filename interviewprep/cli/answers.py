"""Commands over what was rehearsed: history, export, import, stats."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from interviewprep.cli.common import (
    UserError,
    json_text,
    open_collection,
    output_file,
    output_format,
    read_input_file,
    say,
    warn,
)
from interviewprep.core.decks.model import DeckKey
from interviewprep.core.os_errors import os_reason
from interviewprep.core.scheduling import Rating
from interviewprep.core.text import visible
from interviewprep.i18n import _, format_datetime, format_percent, ngettext
from interviewprep.locations import ensure_private_dir, write_private_file

EXPORT_SUFFIXES = {".json": "json", ".md": "md", ".markdown": "md"}


def register(sub: Any) -> None:
    p = sub.add_parser("history", help=_("your rehearsed answers, newest first"))
    p.add_argument("--deck", metavar="ID", help=_("deck id (or id@lang)"))
    p.add_argument("--card", metavar="ID", help=_("card id"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_history)
    p = sub.add_parser("export", help=_("export all answers and reviews"))
    p.add_argument("--format", choices=("json", "md"),
                   help=_("default: from FILE's extension (.json, .md), else json"))
    p.add_argument("--output", "-o", metavar="FILE",
                   help=_("write here ('-' or none: standard output)"))
    p.add_argument("--force", action="store_true", help=_("replace FILE without asking"))
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("import", help=_("restore a JSON export (skips what is already here)"))
    p.add_argument("path", type=Path, metavar="FILE")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("stats", help=_("reviews per day, retention, due forecast, streak"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_stats)


def _when(timestamp: float) -> str:
    return format_datetime(datetime.fromtimestamp(timestamp, UTC), seconds=True)


def cmd_history(args: argparse.Namespace) -> int:
    with open_collection(args, read_only=True) as collection:
        deck_id = language = None
        if args.deck:
            key = DeckKey.parse(args.deck, collection.settings.language)
            deck_id, language = key.deck_id, key.language
        answers = collection.store.answers(deck_id, args.card, language)
        if not answers and args.deck and "@" not in args.deck:
            # No answers in the current language: show the deck's in any language, and say so.
            answers = collection.store.answers(deck_id, args.card)
            if answers:
                shown = ", ".join(sorted({a.language for a in answers}))
                warn(_("no answers for {deck} in {current}; showing {deck} in {shown}").format(
                    deck=visible(str(deck_id)), current=visible(str(language)),
                    shown=visible(shown)))
        if not answers and deck_id is not None and not any(
                d.id == deck_id for d in collection.decks(every_language=True)) and (
                not collection.store.answers(deck_id)):
            raise UserError(_("no deck called {deck}, and no answers to one").format(
                deck=visible(str(deck_id))))
        if args.json:
            print(json_text([{**a.to_dict(), "answered_at_iso": datetime.fromtimestamp(
                a.answered_at, UTC).isoformat()} for a in answers]))
            return 0
        if not answers:
            print(_("No rehearsed answers yet."))
        for a in answers:
            rating = Rating(a.rating).label if a.rating else _("not rated")
            practice = " · " + _("practice") if a.practice else ""
            if a.mock_id is not None:
                practice += " · " + _("mock {number}").format(number=a.mock_id)
            if a.follow_up is not None:
                practice += " · " + _("follow-up {number}").format(number=a.follow_up + 1)
            if a.turn_id is not None:
                practice += " · " + _("turn {turn}").format(turn=visible(a.turn_id))
            say(f"{_when(a.answered_at)}  {a.deck_id}@{a.language} / {a.card_id}  "
                f"{a.seconds:.0f} s  {rating}{practice}")
            for line in (a.text.strip() or _("(nothing typed)")).splitlines():
                say(f"    {line}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from interviewprep.core import exchange

    chosen = output_format(args.format, args.output, EXPORT_SUFFIXES, "json")
    target = output_file(args.output, args.force)
    files: list[tuple[Path, str]] = []
    folder = f"{target.stem}-recordings" if target is not None else None
    with open_collection(args, read_only=True) as collection:
        if chosen == "json":
            entries, files = exchange.recording_entries(collection, folder)
            text = json_text(exchange.export_json(collection, entries)) + "\n"
        else:
            text = exchange.export_markdown(collection)
    if target is None:
        sys.stdout.write(text)
        return 0
    try:
        write_private_file(target, text.encode("utf-8"))
    except OSError as error:
        raise UserError(_("could not write {path}: {reason}; nothing was written").format(
            path=visible(str(target)), reason=os_reason(error))) from None
    if files and folder is not None:
        # Recordings go beside the export, named in it relative to its folder.
        beside = ensure_private_dir(target.parent / folder)
        for source, name in files:
            write_private_file(beside / name, source.read_bytes())
        print(ngettext("wrote {count} recording to {path}", "wrote {count} recordings to {path}",
                       len(files)).format(count=len(files), path=visible(str(beside))),
              file=sys.stderr)
    print(_("wrote {path}").format(path=visible(str(target))), file=sys.stderr)
    return 0


def _read_import_file(path: Path) -> bytes:
    from interviewprep.core.exchange import MAX_IMPORT_BYTES

    data = read_input_file(path, MAX_IMPORT_BYTES)
    if len(data) > MAX_IMPORT_BYTES:
        raise UserError(_("{path}: larger than {limit} MB; not an interviewprep export")
                        .format(path=visible(str(path)), limit=MAX_IMPORT_BYTES // 2**20))
    return data


def cmd_import(args: argparse.Namespace) -> int:
    from interviewprep.core import exchange

    shown = visible(str(args.path))
    try:
        checked = exchange.check_export(exchange.read_export(_read_import_file(args.path)))
    except exchange.ImportProblemsError as error:
        for problem in error.problems:
            print(visible(f"{args.path}: {problem}"), file=sys.stderr)
        raise UserError(ngettext(
            "{path}: {count} wrong entry; nothing was imported",
            "{path}: {count} wrong entries; nothing was imported", error.total,
        ).format(path=shown, count=error.total)) from None
    except exchange.ExportFormatError as error:
        raise UserError(f"{shown}:{'' if error.located else ' '}{error}") from None
    with open_collection(args) as collection:
        result = exchange.import_json(collection, checked)
        recordings = exchange.import_recordings(collection, checked.recordings,
                                                args.path.parent)
    print(_("imported {answers} and {reviews}; skipped {skipped} already here").format(
        answers=ngettext("{count} answer", "{count} answers", result.answers).format(
            count=result.answers),
        reviews=ngettext("{count} review", "{count} reviews", result.reviews).format(
            count=result.reviews),
        skipped=result.skipped))
    if recordings:
        print(ngettext("restored {count} recording", "restored {count} recordings",
                       recordings).format(count=recordings))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from interviewprep.core.stats import compute

    with open_collection(args, read_only=True) as collection:
        stats = compute(collection)
    if args.json:
        print(json_text(stats.to_dict()))
        return 0
    retention = (format_percent(stats.retention) if stats.retention is not None
                 else _("n/a"))
    streak = ngettext("{count} day", "{count} days", stats.streak_days).format(
        count=stats.streak_days)
    print(_("Reviews: {reviews}   Answers: {answers}   Retention (30 days): {retention}   "
            "Streak: {streak}").format(reviews=stats.total_reviews,
                                       answers=stats.total_answers,
                                       retention=retention, streak=streak))
    print(_("Reviews, last 14 days: ") + " ".join(str(n) for _d, n in stats.reviews_per_day[-14:]))
    print(_("Due, next 14 days:     ") + " ".join(str(n) for _d, n in stats.due_forecast))
    return 0
