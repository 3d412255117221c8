"""Adding and removing your own decks: `add` (a copy, or `--link` to use the file where it
is), `remove`/`unlink`, and the author warnings `validate` prints.

One deck id and language is loaded from one place only, so `add` refuses whatever would
leave two copies competing: a copy of a linked deck, a link to a deck already copied, an
id a bundled deck uses, and replacing an earlier copy without `--force`.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interviewprep.cli.common import UserError, confirm, open_collection
from interviewprep.core.decks import links
from interviewprep.core.decks.library import discover
from interviewprep.core.decks.model import Deck, DeckInfo, DeckKey, DeckProblem
from interviewprep.core.decks.reading import read_deck_bytes
from interviewprep.core.text import visible
from interviewprep.i18n import _, ngettext
from interviewprep.lazy import lazy_module
from interviewprep.locations import (
    Locations,
    bundled_decks_dir,
    ensure_private_dir,
    resolve,
    write_private_file,
)

if TYPE_CHECKING:
    from interviewprep.core.decks import validate
else:  # the YAML parser loads only when a command reads a deck file
    validate = lazy_module("interviewprep.core.decks.validate")


def register(sub: Any) -> None:
    # Two names, one command (not argparse aliases: each name gets the global options).
    for name in ("remove", "unlink"):
        p = sub.add_parser(name, help=_("stop loading one of your decks (a link is forgotten, "
                           "a copy is moved aside); its history is kept"))
        p.add_argument("deck", metavar="DECK",
                       help=_("deck id, id@lang, or the linked file's path"))
        p.set_defaults(func=cmd_remove)


def _bundled_decks() -> list[Deck]:
    files, _ = discover([bundled_decks_dir()])
    return [deck for path in files if (deck := validate.load_deck_file(path)[0]) is not None]


def deck_warnings(paths: Iterable[Path]) -> list[DeckProblem]:
    """Author warnings for the valid decks under `paths`, compared with the bundled decks."""
    from interviewprep.core.decks.lint import lint  # rapidfuzz loads only for `validate`

    files, _ = discover(paths)
    loaded = [deck for path in files if (deck := validate.load_deck_file(path)[0]) is not None]
    # A second deck with an id already seen is a problem of its own (`validate_paths`);
    # comparing it with the first would only add near-duplicate noise.
    first_of: dict[DeckKey, Deck] = {}
    decks = [first_of.setdefault(d.key, d) for d in loaded if d.key not in first_of]
    bundled = _bundled_decks()
    bundled_paths = {d.info.path for d in bundled}
    mine = [d for d in decks if d.info.path not in bundled_paths]
    return lint(mine, others=bundled, bundled=[d.key for d in bundled])


def _is_copy(deck: DeckInfo, locations: Locations) -> bool:
    return deck.path.is_relative_to(locations.user_decks.absolute())


def _cards(count: int) -> str:
    return ngettext("{count} card", "{count} cards", count).format(count=count)


def add_deck(args: argparse.Namespace) -> int:
    source: Path = args.path
    if not source.exists() and not source.is_symlink():
        raise UserError(_("{path}: not a file").format(path=source))
    if source.is_dir() and not source.is_symlink():
        raise UserError(_("{path}: is a folder, not a file").format(path=visible(str(source))))
    # Read once, within the size cap, and copy exactly the bytes that were validated.
    data, problems = read_deck_bytes(source)
    deck, problems = validate.parse_deck(data, source) if data is not None else (None, problems)
    if deck is None or data is None:
        for problem in problems:
            print(visible(str(problem)))
        raise UserError(ngettext("{path} has {count} problem; not added",
                                 "{path} has {count} problems; not added",
                                 len(problems)).format(path=source, count=len(problems)))
    locations = resolve(args.data_dir)
    target = (locations.user_decks / deck.info.language / f"{deck.info.id}.yaml").absolute()
    with open_collection(args) as collection:
        linked = links.linked_paths(collection.store)
        clash = collection.library.find(deck.key)
        if clash is not None and clash.path == source.absolute():
            print(_("{key} is already loaded from {path}").format(key=deck.key, path=source))
            return 0
        if clash is not None and clash.path in linked:
            raise UserError(_("'{key}' is linked from {path}: edits there are picked up "
                              "already; 'interviewprep unlink {key}' first to use another "
                              "file").format(key=deck.key, path=clash.path))
        if clash is not None and _is_copy(clash, locations):
            if args.link:
                raise UserError(_("you added a copy of '{key}' earlier ({path}); "
                                  "'interviewprep remove {key}' first, then link "
                                  "(your history is kept)").format(key=deck.key,
                                                                   path=clash.path))
            confirm(_("you added '{key}' before ({path}). Replace that copy?").format(
                key=deck.key, path=clash.path), args.force)
        elif clash is not None:
            raise UserError(_("a deck '{key}' is already loaded from {path}; give yours "
                              "another id").format(key=deck.key, path=clash.path))
        if args.link:
            links.link(collection.store, source)
            print(_("linked {key} ({cards}) from {path}; edit it there, changes load "
                    "on the next start").format(key=deck.key, cards=_cards(deck.info.card_count),
                                                path=source.absolute()))
            return 0
    if clash is not None and clash.path != target:
        clash.path.unlink()  # --force: the earlier copy had another file name
    ensure_private_dir(target.parent)
    write_private_file(target, data)
    print(_("added {key} ({cards}) as {path}").format(
        key=deck.key, cards=_cards(deck.info.card_count), path=target))
    return 0


def _move_aside(path: Path, locations: Locations) -> Path:
    """Keep a removed copy in `removed-decks/` rather than deleting what a person wrote."""
    folder = ensure_private_dir(locations.data_dir / "removed-decks")
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = folder / f"{path.stem}.{stamp}{path.suffix}"
    os.replace(path, target)
    return target


def cmd_remove(args: argparse.Namespace) -> int:
    spec: str = args.deck
    locations = resolve(args.data_dir)
    with open_collection(args) as collection:
        store = collection.store
        as_path = Path(spec)
        if links.unlink(store, as_path):
            print(_("unlinked {path}; the file and your history are kept").format(
                path=as_path.absolute()))
            return 0
        deck = collection.resolve_deck(spec)
        if links.unlink(store, deck.path):
            print(_("unlinked {key} ({path}); the file and your history are kept").format(
                key=deck.key, path=deck.path))
            return 0
        if not _is_copy(deck, locations):
            raise UserError(_("'{key}' is not one of your decks ({path}); only added or "
                              "linked decks can be removed").format(key=deck.key,
                                                                    path=deck.path))
        moved = _move_aside(deck.path, locations)
    print(_("removed {key}; the file was moved to {path} and your history is kept").format(
        key=deck.key, path=moved))
    return 0
