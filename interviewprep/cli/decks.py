"""Deck commands: decks, validate, add, schema."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from interviewprep.cli.common import UserError, open_collection, origin
from interviewprep.core.decks.library import validate_paths
from interviewprep.core.decks.reading import read_deck_bytes
from interviewprep.core.decks.schema import json_schema
from interviewprep.core.decks.validate import parse_deck
from interviewprep.locations import ensure_private_dir, resolve, write_private_file


def register(sub: Any) -> None:
    p = sub.add_parser("decks", help="list decks with card, due and new counts")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_decks)
    p = sub.add_parser("validate", help="check deck files or folders")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("add", help="validate a deck and copy it into your decks folder")
    p.add_argument("path", type=Path, metavar="PATH")
    p.set_defaults(func=cmd_add)
    p = sub.add_parser("schema", help="print the deck format's JSON Schema")
    p.set_defaults(func=cmd_schema)


def cmd_decks(args: argparse.Namespace) -> int:
    locations = resolve(args.data_dir)
    with open_collection(args) as collection:
        rows = [{**s.info.to_dict(), "key": str(s.info.key), "due": s.due, "new": s.new,
                 "origin": origin(s.info, locations)}
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
    # A broken link or a link loop is reported by the deck reader, not as missing.
    missing = [p for p in args.paths if not p.exists() and not p.is_symlink()]
    for path in missing:
        print(f"{path}: no such file or folder")
    valid, problems = validate_paths(p for p in args.paths if p not in missing)
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
    if not source.exists() and not source.is_symlink():
        raise UserError(f"{source}: not a file")
    # Read once, within the size cap, and copy exactly the bytes that were validated.
    data, problems = read_deck_bytes(source)
    deck, problems = parse_deck(data, source) if data is not None else (None, problems)
    if deck is None or data is None:
        for problem in problems:
            print(problem)
        raise UserError(f"{source} has {len(problems)} problem(s); not added")
    locations = resolve(args.data_dir)
    target = locations.user_decks / deck.info.language / f"{deck.info.id}.yaml"
    with open_collection(args) as collection:
        clash = collection.library.find(deck.key)
        if clash is not None and clash.path != target.absolute():
            raise UserError(f"a deck '{deck.key}' is already loaded from {clash.path}; "
                            "give yours another id")
    ensure_private_dir(target.parent)
    write_private_file(target, data)
    print(f"added {deck.key} ({deck.info.card_count} cards) as {target}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(), indent=2))
    return 0
