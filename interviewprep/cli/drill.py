"""Commands that start the app: `drill`, and no command at all. Textual loads only here."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from interviewprep import i18n
from interviewprep.cli.common import UserError, input_file, open_collection, whole_number
from interviewprep.core.card_queue import Mode
from interviewprep.core.collection import Collection, DeckNotFoundError
from interviewprep.core.decks.model import DeckInfo
from interviewprep.core.text import excerpt
from interviewprep.i18n import _

EXIT_APP_CRASHED = 70


def register(sub: Any) -> None:
    p = sub.add_parser("drill", help=_("start the app on a deck (id, id@lang or YAML path)"))
    p.add_argument("deck", metavar="DECK")
    p.add_argument("--practice", action="store_true",
                   help=_("go through every card without changing the schedule"))
    p.add_argument("--mode", choices=MODES, default=None,
                   help=_("review (due cards, the default), practice, weak (weak spots), "
                          "mock (a mock interview) or quickfire (objections on a short "
                          "clock)"))
    p.add_argument("--questions", type=whole_number, metavar="N",
                   help=_("questions in a mock interview (default 5) or a quick-fire round "
                          "(default: every objection)"))
    p.set_defaults(func=cmd_drill)


def require_terminal() -> None:
    """The app reads keys from a terminal: piped input would be taken as key presses. Under
    `interviewprep serve` the pipes carry textual-serve's own protocol (the web driver)."""
    if os.environ.get("TEXTUAL_DRIVER", "").endswith(":WebDriver"):
        return
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UserError(_("the app needs a terminal (standard input and output are not "
                          "one); in scripts use commands such as 'history' or 'export'"))


MODES = ("review", "practice", "weak", "mock", "quickfire")


def cmd_drill(args: argparse.Namespace) -> int:
    spec: str = args.deck
    mode: str = args.mode or ("practice" if args.practice else "review")
    if args.practice and mode != "practice":
        raise UserError(_("--practice and --mode {mode} do not go together").format(
            mode=mode))
    if args.questions is not None and (args.questions < 1 or mode not in ("mock",
                                                                          "quickfire")):
        raise UserError(_("--questions takes a number from 1 and goes with --mode mock or "
                          "--mode quickfire"))
    extra = [Path(spec)] if spec.endswith((".yaml", ".yml")) else []
    if extra and not extra[0].exists():
        raise UserError(_("{deck}: no such deck file").format(deck=excerpt(spec)))
    if extra:
        input_file(extra[0])  # a folder or a device is named as such
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
            raise UserError(_("{deck} did not load").format(deck=excerpt(spec))) from None
        raise
    if mode in ("mock", "quickfire"):
        return run_tui(collection, deck, rehearsal=mode, questions=args.questions)
    return run_tui(collection, deck, Mode(mode))


def cmd_app(args: argparse.Namespace) -> int:
    require_terminal()
    return run_tui(open_collection(args))


def run_tui(collection: Collection, deck: DeckInfo | None = None,
            mode: Mode = Mode.REVIEW, rehearsal: str | None = None,
            questions: int | None = None) -> int:
    try:
        require_terminal()  # after the deck is found: a wrong deck is the better message
    except UserError:
        collection.close()
        raise
    from interviewprep.tui.app import make_app  # Textual loads only when the TUI runs

    app = make_app(collection, start_deck=deck, mode=mode, ui_language=i18n.current_language(),
                   rehearsal=rehearsal, questions=questions)
    try:
        app.run()
    finally:
        collection.close()
    if app._exception is not None:
        # Textual has shown the error; the exit status must say so too.
        return EXIT_APP_CRASHED
    return app.return_code or 0
