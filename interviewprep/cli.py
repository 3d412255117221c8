"""The `interviewprep` command: the TUI with no arguments, and subcommands over the same
core calls the TUI makes. A user error prints one line and exits 1, never a traceback."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn

from interviewprep import __version__
from interviewprep.core.collection import Collection, DeckNotFoundError, Mode
from interviewprep.core.decks.library import validate_paths
from interviewprep.core.decks.model import DeckInfo, DeckKey
from interviewprep.core.decks.schema import json_schema
from interviewprep.core.decks.validate import load_deck_file
from interviewprep.core.migrations import NewerDatabaseError
from interviewprep.core.scheduling import Rating
from interviewprep.locations import (
    Locations,
    bundled_decks_dir,
    ensure_private_dir,
    resolve,
    write_private_file,
)


class UserError(Exception):
    """Something the user can fix; shown as one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(1, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="interviewprep",
                     description="Rehearse sales interviews with spaced repetition.")
    parser.add_argument("--version", action="version", version=f"interviewprep {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="where answers and progress are kept "
                             "(default: $INTERVIEWPREP_DATA_DIR, else the user data folder)")
    parser.add_argument("--decks", metavar="DIR", action="append", default=[], type=Path,
                        help="also load decks from DIR (repeatable)")
    parser.add_argument("--lang", metavar="LANG", help="language for this run (en, es, …)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("decks", help="list decks with card, due and new counts")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = sub.add_parser("validate", help="check deck files or folders")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p = sub.add_parser("add", help="validate a deck and copy it into your decks folder")
    p.add_argument("path", type=Path, metavar="PATH")
    p = sub.add_parser("drill", help="start the app on a deck (id, id@lang or YAML path)")
    p.add_argument("deck", metavar="DECK")
    p.add_argument("--practice", action="store_true",
                   help="go through every card without changing the schedule")
    p = sub.add_parser("history", help="your rehearsed answers, newest first")
    p.add_argument("--deck", metavar="ID", help="deck id (or id@lang)")
    p.add_argument("--card", metavar="ID", help="card id")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = sub.add_parser("export", help="export all answers and reviews")
    p.add_argument("--format", choices=("json", "md"), default="json")
    p.add_argument("--output", "-o", type=Path, metavar="FILE", help="write here, not stdout")
    p = sub.add_parser("import", help="restore a JSON export (skips what is already here)")
    p.add_argument("path", type=Path, metavar="FILE")
    p = sub.add_parser("stats", help="reviews per day, retention, due forecast, streak")
    p.add_argument("--json", action="store_true", help="print JSON")
    sub.add_parser("schema", help="print the deck format's JSON Schema")
    return parser


def _open(args: argparse.Namespace, extra: Sequence[Path] = ()) -> Collection:
    for folder in args.decks:
        if not folder.exists():
            raise UserError(f"--decks {folder}: no such folder")
    locations = resolve(args.data_dir)
    if locations.data_dir.exists() and not locations.data_dir.is_dir():
        raise UserError(f"the data folder {locations.data_dir} is a file, not a folder")
    collection = Collection.open(locations, [*args.decks, *extra])
    if args.lang:
        collection.use_language(args.lang)
    return collection


def _origin(deck: DeckInfo, locations: Locations) -> str:
    if deck.path.is_relative_to(bundled_decks_dir()):
        return "bundled"
    if deck.path.is_relative_to(locations.user_decks.absolute()):
        return "yours"
    return "--decks"


def cmd_decks(args: argparse.Namespace) -> int:
    locations = resolve(args.data_dir)
    with _open(args) as collection:
        rows = [{**s.info.to_dict(), "key": str(s.info.key), "due": s.due, "new": s.new,
                 "origin": _origin(s.info, locations)}
                for s in collection.summaries(collection.decks(every_language=True))]
        skipped = [{"path": str(s.path), "errors": [str(p) for p in s.problems]}
                   for s in collection.library.skipped]
        if args.json:
            print(json.dumps({"language": collection.settings.language, "decks": rows,
                              "skipped": skipped}, indent=2, ensure_ascii=False))
            return 0
        print(f"Decks (current language: {collection.settings.language})")
        width = max((len(r["key"]) for r in rows), default=0)
        for r in rows:
            print(f"  {r['key']:<{width}}  {r['card_count']:>4} cards {r['due']:>4} due "
                  f"{r['new']:>4} new  {r['title']}  [{r['origin']}]")
        if not rows:
            print("  (none)")
        if skipped:
            print("Skipped:")
            for s in skipped:
                for error in s["errors"]:
                    print(f"  {error}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not p.exists()]
    for path in missing:
        print(f"{path}: no such file or folder")
    valid, problems = validate_paths(p for p in args.paths if p.exists())
    for problem in problems:
        print(problem)
    files_with_problems = len({p.path for p in problems})
    if problems or missing:
        print(f"{len(problems) + len(missing)} problem(s) in "
              f"{files_with_problems + len(missing)} file(s); {valid} deck(s) valid")
        return 1
    if valid == 0:
        print("no deck files (*.yaml, *.yml) found")
        return 1
    print(f"{valid} deck(s) valid")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    source: Path = args.path
    if not source.is_file():
        raise UserError(f"{source}: not a file")
    deck, problems = load_deck_file(source)
    if deck is None:
        for problem in problems:
            print(problem)
        raise UserError(f"{source} has {len(problems)} problem(s); not added")
    locations = resolve(args.data_dir)
    target = locations.user_decks / deck.info.language / f"{deck.info.id}.yaml"
    with _open(args) as collection:
        clash = collection.library.find(deck.key)
        if clash is not None and clash.path != target.absolute():
            raise UserError(f"a deck '{deck.key}' is already loaded from {clash.path}; "
                            "give yours another id")
    ensure_private_dir(target.parent)
    write_private_file(target, source.read_bytes())
    print(f"added {deck.key} ({deck.info.card_count} cards) as {target}")
    return 0


def cmd_drill(args: argparse.Namespace) -> int:
    spec: str = args.deck
    extra = [Path(spec)] if spec.endswith((".yaml", ".yml")) else []
    if extra and not extra[0].is_file():
        raise UserError(f"{spec}: no such deck file")
    collection = _open(args, extra)
    try:
        deck = collection.resolve_deck(spec)
    except DeckNotFoundError:
        skipped = next((s for s in collection.library.skipped
                        if extra and s.path == extra[0].absolute()), None)
        collection.close()
        if skipped is not None:
            for problem in skipped.problems:
                print(problem)
            raise UserError(f"{spec} did not load") from None
        raise
    return _run_tui(collection, deck, Mode.PRACTICE if args.practice else Mode.REVIEW)


def _run_tui(collection: Collection, deck: DeckInfo | None = None,
             mode: Mode = Mode.REVIEW) -> int:
    from interviewprep.tui.app import make_app  # Textual loads only when the TUI runs

    try:
        make_app(collection, start_deck=deck, mode=mode).run()
    finally:
        collection.close()
    return 0


def _when(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def cmd_history(args: argparse.Namespace) -> int:
    with _open(args) as collection:
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

    with _open(args) as collection:
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
    with _open(args) as collection:
        try:
            answers, reviews = exchange.import_json(collection, data)
        except exchange.ExportFormatError as error:
            raise UserError(f"{args.path}: {error}") from None
    print(f"imported {answers} answer(s) and {reviews} review(s); "
          "anything already here was skipped")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from interviewprep.core.stats import compute

    with _open(args) as collection:
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


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(), indent=2))
    return 0


COMMANDS: dict[str, Any] = {
    "decks": cmd_decks, "validate": cmd_validate, "add": cmd_add, "drill": cmd_drill,
    "history": cmd_history, "export": cmd_export, "import": cmd_import, "stats": cmd_stats,
    "schema": cmd_schema,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command is None:
            return _run_tui(_open(args))
        return int(COMMANDS[args.command](args))
    except (UserError, DeckNotFoundError, NewerDatabaseError) as error:
        print(f"interviewprep: error: {error}", file=sys.stderr)
    except sqlite3.DatabaseError as error:
        print(f"interviewprep: error: the database could not be used ({error}); "
              "your data was not changed", file=sys.stderr)
    except OSError as error:
        where = f" {error.filename}" if error.filename else ""
        print(f"interviewprep: error:{where}: {error.strerror or error}", file=sys.stderr)
    except KeyboardInterrupt:
        print("interviewprep: interrupted", file=sys.stderr)
        return 130
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
