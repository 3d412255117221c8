"""Writing decks: `new` (a commented starter deck) and `fmt` (fill in card ids, normalise
layout, keep comments)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from interviewprep import i18n
from interviewprep.cli.common import UserError
from interviewprep.core.decks import schema
from interviewprep.core.decks.library import discover
from interviewprep.core.decks.reading import read_deck_bytes
from interviewprep.core.decks.starter import LANGUAGES, SCHEMA_FILE_NAME, starter_deck
from interviewprep.core.text import excerpt, visible
from interviewprep.i18n import _, ngettext
from interviewprep.locations import resolve, write_private_file


def register(sub: Any) -> None:
    p = sub.add_parser("new", help=_("write a commented starter deck to fill in"))
    p.add_argument("deck_id", metavar="DECK_ID", help=_("the new deck's id, like my-ae-deck"))
    p.add_argument("--language", choices=LANGUAGES,
                   help=_("language of the deck, its example cards and comments (default: "
                          "the current deck language, as --lang gives it, else English)"))
    p.add_argument("--roles", default="ae", metavar="ROLES",
                   help=_("comma-separated roles it prepares for: ae, sdr (default: ae)"))
    p.add_argument("--output", "-o", type=Path, metavar="FILE",
                   help=_("where to write it (default: DECK_ID.yaml here)"))
    p.add_argument("--force", action="store_true", help=_("overwrite FILE if it exists"))
    p.set_defaults(func=cmd_new)
    p = sub.add_parser("fmt", help=_("fill in missing card ids and tidy a deck's layout, "
                       "keeping comments"))
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--check", action="store_true",
                   help=_("change nothing; exit 1 if a file would change"))
    p.set_defaults(func=cmd_fmt)


def starter_language(args: argparse.Namespace) -> str:
    """--language, else the deck language this run uses (--lang, the saved setting, the
    system's), when a starter deck exists in it; else English."""
    from interviewprep.core.store import Store

    candidates = [args.language, args.lang,
                  Store.peek_setting(resolve(args.data_dir).database, "language"),
                  i18n.system_language()]
    return next((c for c in candidates if c in LANGUAGES), "en")


def cmd_new(args: argparse.Namespace) -> int:
    deck_id = schema.normalise_id(args.deck_id)
    if deck_id is None:
        raise UserError(_("'{id}' is not a valid deck id: use lowercase letters, digits and "
                          "hyphens, like my-ae-deck").format(id=excerpt(args.deck_id)))
    roles = [r.strip() for r in args.roles.split(",") if r.strip()]
    unknown = [r for r in roles if r not in schema.ROLES]
    if unknown or not roles:
        raise UserError(_("--roles takes {roles}, separated by commas").format(
            roles=", ".join(schema.ROLES)))
    output: Path = args.output or Path(f"{deck_id}.yaml")
    if output.exists() and not args.force:
        raise UserError(_("{path} already exists; --force overwrites it").format(path=output))
    if not output.parent.is_dir():
        raise UserError(_("{path}: no such folder").format(path=output.parent))
    schema_path = output.parent / SCHEMA_FILE_NAME
    text = starter_deck(deck_id, starter_language(args), list(dict.fromkeys(roles)),
                        f"./{SCHEMA_FILE_NAME}", output.name)
    write_private_file(output, text.encode("utf-8"))
    print(_("wrote {path}: fill it in, then 'interviewprep validate {path}'").format(
        path=output))
    if not schema_path.exists():
        write_private_file(schema_path, (json.dumps(schema.json_schema(), indent=2)
                                         + "\n").encode("utf-8"))
        print(_("wrote {path} (editors use it to complete and check the deck)").format(
            path=schema_path))
    return 0


def cmd_fmt(args: argparse.Namespace) -> int:
    from interviewprep.core.decks.fmt import format_deck  # ruamel.yaml loads only here

    missing = [p for p in args.paths if not p.exists()]
    if missing:
        raise UserError(_("{path}: no such file or folder").format(path=missing[0]))
    files, _refused = discover(args.paths)
    if not files:
        raise UserError(_("no deck files (*.yaml, *.yml) found"))
    would_change = failed = 0
    for path in files:
        data, unreadable = read_deck_bytes(path)
        if data is None:  # a device, a pipe, a file gone since: said, never formatted
            failed += 1
            for problem in unreadable:
                print(visible(str(problem)))
            continue
        result = format_deck(data, path)
        if result.text is None:
            failed += 1
            for problem in result.problems:
                print(visible(str(problem)))
            continue
        if not result.changed:
            continue
        would_change += 1
        if args.check:
            print(_("{path}: would be reformatted").format(path=path))
            continue
        write_private_file(path, result.text.encode("utf-8"))
        added = (_(" (ids added: {ids})").format(ids=", ".join(result.ids_added))
                 if result.ids_added else "")
        print(visible(_("formatted {path}").format(path=path) + added))
        for problem in result.problems:
            print(visible(str(problem)))
    checked = ngettext("{count} file checked", "{count} files checked", len(files)).format(
        count=len(files))
    if args.check:
        changed = ngettext("{count} would change", "{count} would change",
                           would_change).format(count=would_change)
    else:
        changed = ngettext("{count} changed", "{count} changed", would_change).format(
            count=would_change)
    print(_("{checked}, {changed}").format(checked=checked, changed=changed))
    return 1 if failed or (args.check and would_change) else 0
