"""Anki, both ways: `import-anki` (packages and plain-text exports to decks in your decks
folder, optionally with their review history) and `export-anki` (a deck to an `.apkg`)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from interviewprep.cli.common import UserError, input_file, open_collection, output_file
from interviewprep.core.text import excerpt, visible
from interviewprep.i18n import _, ngettext
from interviewprep.locations import ensure_private_dir, resolve, write_private_file


def register(sub: Any) -> None:
    p = sub.add_parser("import-anki", help=_("turn an Anki package (.apkg/.colpkg) or "
                       "plain-text export into decks in your decks folder"))
    p.add_argument("path", type=Path, metavar="FILE")
    p.add_argument("--language", metavar="LANG",
                   help=_("the decks' language (default: the current language)"))
    p.add_argument("--with-scheduling", action="store_true",
                   help=_("carry the Anki review history across into the schedule"))
    p.set_defaults(func=cmd_import_anki)
    p = sub.add_parser("export-anki", help=_("write a deck as an Anki package (.apkg)"))
    p.add_argument("deck", metavar="DECK", help=_("deck id, id@lang, or a loaded YAML path"))
    p.add_argument("--output", "-o", type=Path, metavar="FILE", required=True,
                   help=_("the .apkg file to write"))
    p.add_argument("--force", action="store_true", help=_("replace FILE without asking"))
    p.set_defaults(func=cmd_export_anki)


def cmd_import_anki(args: argparse.Namespace) -> int:
    from interviewprep.core.anki.convert import convert, replay, written_by_import
    from interviewprep.core.anki.reader import AnkiFormatError, read_anki_file
    from interviewprep.core.decks.schema import LANGUAGE

    source: Path = args.path
    input_file(source)
    try:
        anki_decks = read_anki_file(source)
    except AnkiFormatError as error:
        raise UserError(f"{source}: {error}") from None
    if not anki_decks:
        raise UserError(_("{path}: no notes found").format(path=source))
    locations = resolve(args.data_dir)
    with open_collection(args) as collection:
        language = args.language or collection.settings.language
        if not LANGUAGE.match(language):
            raise UserError(_("--language: '{value}' is not a language tag such as en or "
                              "es").format(value=excerpt(language)))
        folder = locations.user_decks / language
        total_reviews = 0
        for anki_deck in anki_decks:
            target = (folder / "placeholder.yaml").absolute()
            try:
                converted = convert(anki_deck, language, target, source.name)
            except ValueError as error:
                print(visible(_("skipped: {reason}").format(reason=error)))
                continue
            target = target.with_name(f"{converted.deck_id}.yaml")
            clash = collection.library.find(converted.deck.key)
            if clash is not None and clash.path != target:
                raise UserError(_("a deck '{key}' is already loaded from {path}; not "
                                  "imported").format(key=converted.deck.key,
                                                     path=clash.path))
            if target.exists() and not written_by_import(target.read_text(
                    encoding="utf-8", errors="replace")):
                raise UserError(_("{path} exists and was not written by import-anki; "
                                  "move it away first").format(path=target))
            ensure_private_dir(target.parent)
            write_private_file(target, converted.text.encode("utf-8"))
            count = converted.deck.info.card_count
            print(visible(ngettext("{path}  ({key}, {count} card)",
                                   "{path}  ({key}, {count} cards)", count).format(
                path=target, key=converted.deck.key, count=count)))
            if args.with_scheduling:
                reviews, states = replay(collection.scheduler, converted)
                _answers, added = collection.store.import_rows([], reviews, states)
                total_reviews += added
        if args.with_scheduling:
            print(ngettext("{count} review carried across", "{count} reviews carried across",
                           total_reviews).format(count=total_reviews))
    return 0


def cmd_export_anki(args: argparse.Namespace) -> int:
    from interviewprep.core.anki.export import write_package

    output: Path = args.output
    if output.suffix.lower() != ".apkg":
        raise UserError(_("--output must end in .apkg (Anki opens packages by that name)"))
    output_file(output, args.force)
    spec: str = args.deck
    extra = [Path(spec)] if spec.endswith((".yaml", ".yml")) else []
    if extra and extra[0].exists():
        input_file(extra[0])  # a folder or a device is named as such
    with open_collection(args, extra) as collection:
        deck = collection.resolve_deck(spec)
        count = write_package(deck, collection.cards(deck), output)
    print(ngettext("wrote {path} ({count} note)", "wrote {path} ({count} notes)",
                   count).format(path=output, count=count))
    return 0
