"""Commands that start the app: `drill`, and no command at all. Textual loads only here."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from interviewprep import i18n
from interviewprep.cli.common import UserError, open_collection
from interviewprep.core.collection import Collection, DeckNotFoundError, Mode
from interviewprep.core.decks.model import DeckInfo


def register(sub: Any) -> None:
    p = sub.add_parser("drill", help="start the app on a deck (id, id@lang or YAML path)")
    p.add_argument("deck", metavar="DECK")
    p.add_argument("--practice", action="store_true",
                   help="go through every card without changing the schedule")
    p.set_defaults(func=cmd_drill)


def cmd_drill(args: argparse.Namespace) -> int:
    spec: str = args.deck
    extra = [Path(spec)] if spec.endswith((".yaml", ".yml")) else []
    if extra and not extra[0].is_file():
        raise UserError(f"{spec}: no such deck file")
    collection = open_collection(args, extra)
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
    return run_tui(collection, deck, Mode.PRACTICE if args.practice else Mode.REVIEW)


def cmd_app(args: argparse.Namespace) -> int:
    return run_tui(open_collection(args))


def run_tui(collection: Collection, deck: DeckInfo | None = None,
            mode: Mode = Mode.REVIEW) -> int:
    from interviewprep.tui.app import make_app  # Textual loads only when the TUI runs

    try:
        make_app(collection, start_deck=deck, mode=mode,
                 ui_language=i18n.current_language()).run()
    finally:
        collection.close()
    return 0
