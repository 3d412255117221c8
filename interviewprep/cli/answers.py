"""Commands over what was rehearsed: history, export, import, stats."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from interviewprep.cli.common import UserError, open_collection
from interviewprep.core.decks.model import DeckKey
from interviewprep.core.scheduling import Rating
from interviewprep.locations import write_private_file


def register(sub: Any) -> None:
    p = sub.add_parser("history", help="your rehearsed answers, newest first")
    p.add_argument("--deck", metavar="ID", help="deck id (or id@lang)")
    p.add_argument("--card", metavar="ID", help="card id")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_history)
    p = sub.add_parser("export", help="export all answers and reviews")
    p.add_argument("--format", choices=("json", "md"), default="json")
    p.add_argument("--output", "-o", type=Path, metavar="FILE", help="write here, not stdout")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("import", help="restore a JSON export (skips what is already here)")
    p.add_argument("path", type=Path, metavar="FILE")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("stats", help="reviews per day, retention, due forecast, streak")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_stats)


def _when(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def cmd_history(args: argparse.Namespace) -> int:
    with open_collection(args) as collection:
        deck_id = language = None
        if args.deck:
            key = DeckKey.parse(args.deck, collection.settings.language)
            deck_id, language = key.deck_id, key.language
        answers = collection.store.answers(deck_id, args.card, language)
        if args.json:
            print(json.dumps([{**a.to_dict(), "answered_at_iso": datetime.fromtimestamp(
                a.answered_at, UTC).isoformat()} for a in answers], indent=2,
                ensure_ascii=False))
            return 0
        if not answers:
            print("No rehearsed answers yet.")
        for a in answers:
            rating = Rating(a.rating).label if a.rating else "not rated"
            practice = " · practice" if a.practice else ""
            print(f"{_when(a.answered_at)}  {a.deck_id}@{a.language} / {a.card_id}  "
                  f"{a.seconds:.0f} s  {rating}{practice}")
            for line in (a.text.strip() or "(nothing typed)").splitlines():
                print(f"    {line}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from interviewprep.core import exchange

    with open_collection(args) as collection:
        if args.format == "json":
            text = json.dumps(exchange.export_json(collection), indent=2, ensure_ascii=False)
            text += "\n"
        else:
            text = exchange.export_markdown(collection)
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_private_file(args.output, text.encode("utf-8"))
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from interviewprep.core import exchange

    try:
        data = json.loads(args.path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise UserError(f"{args.path}:{error.lineno}:{error.colno}: not valid JSON: "
                        f"{error.msg}") from None
    except UnicodeDecodeError:
        raise UserError(f"{args.path}: not UTF-8 text") from None
    with open_collection(args) as collection:
        try:
            answers, reviews = exchange.import_json(collection, data)
        except exchange.ExportFormatError as error:
            raise UserError(f"{args.path}: {error}") from None
    print(f"imported {answers} answer(s) and {reviews} review(s); "
          "anything already here was skipped")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from interviewprep.core.stats import compute

    with open_collection(args) as collection:
        stats = compute(collection)
    if args.json:
        print(json.dumps(stats.to_dict(), indent=2))
        return 0
    retention = f"{stats.retention:.0%}" if stats.retention is not None else "n/a"
    print(f"Reviews: {stats.total_reviews}   Answers: {stats.total_answers}   "
          f"Retention (30 days): {retention}   Streak: {stats.streak_days} day(s)")
    print("Reviews, last 14 days: " + " ".join(str(n) for _, n in stats.reviews_per_day[-14:]))
    print("Due, next 14 days:     " + " ".join(str(n) for _, n in stats.due_forecast))
    return 0
