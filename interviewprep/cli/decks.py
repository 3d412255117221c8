"""Deck commands: decks, validate, add, schema."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from interviewprep.cli.common import (
    json_text,
    open_collection,
    origin,
    origin_label,
    output_file,
    say,
)
from interviewprep.cli.linking import deck_warnings
from interviewprep.core.decks import links
from interviewprep.core.decks.library import validate_paths
from interviewprep.core.decks.schema import json_schema
from interviewprep.core.text import visible
from interviewprep.i18n import _, ngettext
from interviewprep.locations import resolve, write_private_file


def register(sub: Any) -> None:
    p = sub.add_parser("decks", help=_("list decks with card, due and new counts"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_decks)
    p = sub.add_parser("validate", help=_("check deck files or folders"))
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--strict", action="store_true",
                   help=_("fail (exit 1) on warnings too, not only on problems"))
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("add", help=_("validate a deck and copy it into your decks folder "
                       "(or --link it where it is)"))
    p.add_argument("path", type=Path, metavar="PATH")
    p.add_argument("--link", action="store_true",
                   help=_("use the file where it is, so edits to it show up on the next start"))
    p.add_argument("--force", action="store_true",
                   help=_("replace your earlier copy of the same deck"))
    p.set_defaults(func=cmd_add)
    p = sub.add_parser("schema", help=_("print the deck format's JSON Schema"))
    p.add_argument("--output", "-o", metavar="FILE",
                   help=_("write it to FILE (for editors), not stdout"))
    p.add_argument("--force", action="store_true", help=_("replace FILE without asking"))
    p.set_defaults(func=cmd_schema)


def cmd_decks(args: argparse.Namespace) -> int:
    locations = resolve(args.data_dir)
    with open_collection(args, read_only=True) as collection:
        linked = links.linked_paths(collection.store)
        rows = [{**s.info.to_dict(), "key": str(s.info.key), "due": s.due, "new": s.new,
                 "origin": origin(s.info, locations, linked)}
                for s in collection.summaries(collection.decks(every_language=True))]
        skipped = [{"path": str(s.path), "errors": [str(p) for p in s.problems]}
                   for s in collection.library.skipped]
        if args.json:
            print(json_text({"language": collection.settings.language, "decks": rows,
                             "skipped": skipped}))
            return 0
        say(_("Decks (current language: {language})").format(
            language=collection.settings.language))
        table = [[r["key"], *_counts(r["card_count"], r["due"], r["new"])] for r in rows]
        # "1 tarjeta" is shorter than "2 tarjetas": each column is as wide as its widest.
        widths = [max(len(line[i]) for line in table) for i in range(4)] if table else []
        for r, cells in zip(rows, table, strict=True):
            line = "  ".join(cell.ljust(width) for cell, width in zip(cells, widths,
                                                                      strict=True))
            say(f"  {line}  {r['title']}  [{origin_label(r['origin'])}]")
        if not rows:
            print("  " + _("(none)"))
        if skipped:
            print(_("Skipped:"))
            for s in skipped:
                for error in s["errors"]:
                    say(f"  {error}")
    return 0


def _counts(cards: int, due: int, new: int) -> list[str]:
    """A deck's counts as three cells, each number right-aligned in four places."""
    return [ngettext("{count} card", "{count} cards", cards).format(count=f"{cards:>4}"),
            ngettext("{count} due", "{count} due", due).format(count=f"{due:>4}"),
            ngettext("{count} new", "{count} new", new).format(count=f"{new:>4}")]


def cmd_validate(args: argparse.Namespace) -> int:
    # A broken link or a link loop is reported by the deck reader, not as missing.
    missing = [p for p in args.paths if not p.exists() and not p.is_symlink()]
    for path in missing:
        say(_("{path}: no such file or folder").format(path=path))
    valid, problems = validate_paths(p for p in args.paths if p not in missing)
    for problem in problems:
        say(str(problem))
    warnings = deck_warnings(p for p in args.paths if p not in missing)
    for warning in warnings:
        say(str(warning))
    files_with_problems = len({p.path for p in problems})
    if problems or missing:
        count, files = len(problems) + len(missing), files_with_problems + len(missing)
        print(_("{problems} in {files}; {valid}").format(
            problems=ngettext("{count} problem", "{count} problems", count).format(
                count=count),
            files=ngettext("{count} file", "{count} files", files).format(count=files),
            valid=_decks_valid(valid)))
        return 1
    if valid == 0:
        print(_("no deck files (*.yaml, *.yml) found"))
        return 1
    print(_decks_valid(valid))
    if warnings:
        print(ngettext("{count} warning", "{count} warnings", len(warnings)).format(
            count=len(warnings)) + (_("; failing because of --strict") if args.strict else ""))
        return 1 if args.strict else 0
    return 0


def _decks_valid(count: int) -> str:
    return ngettext("{count} deck valid", "{count} decks valid", count).format(count=count)


def cmd_add(args: argparse.Namespace) -> int:
    from interviewprep.cli.linking import add_deck

    return add_deck(args)


def cmd_schema(args: argparse.Namespace) -> int:
    target = output_file(args.output, args.force)
    text = json.dumps(json_schema(), indent=2) + "\n"
    if target is None:
        print(text, end="")
        return 0
    write_private_file(target, text.encode("utf-8"))
    print(_("wrote {path}").format(path=visible(str(target))))
    return 0
