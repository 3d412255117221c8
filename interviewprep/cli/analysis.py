"""`interviewprep analyze`: the feedback the drill gives, for any text against any card (a
coach checks a client's transcript with it). `--json` prints `Feedback.to_json()`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interviewprep.cli.common import UserError, open_collection, read_input_file
from interviewprep.core.text import excerpt, visible
from interviewprep.i18n import _, pgettext
from interviewprep.lazy import lazy_module

if TYPE_CHECKING:
    from interviewprep.core import analysis, roleplay
    from interviewprep.core.analysis import Feedback
else:  # imported when the command runs, not when the parser is built
    analysis = lazy_module("interviewprep.core.analysis")
    roleplay = lazy_module("interviewprep.core.roleplay")


def register(sub: Any) -> None:
    p = sub.add_parser("analyze", help=_("feedback on an answer to a card, from text, a file "
                                         "or standard input"))
    p.add_argument("--deck", required=True, metavar="ID", help=_("deck id (or id@lang)"))
    p.add_argument("--card", required=True, metavar="ID", help=_("card id"))
    p.add_argument("--turn", metavar="ID", help=_("on a role-play card, the turn replied to"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    # Not required=True: argparse's own message would name the positional by its dest.
    source = p.add_mutually_exclusive_group()
    source.add_argument("--text", metavar="TEXT", help=_("the answer"))
    source.add_argument("--file", type=Path, metavar="FILE", help=_("read the answer from FILE"))
    source.add_argument("stdin", nargs="?", choices=["-"], default=None, metavar="-",
                        help=_("'-' reads the answer from standard input"))
    p.set_defaults(func=cmd_analyze)


def _answer(args: argparse.Namespace) -> str:
    if args.text is None and args.file is None and args.stdin is None:
        raise UserError(_("give the answer with --text TEXT, --file FILE, or - to read it "
                          "from standard input"))
    if args.text is not None:
        return str(args.text)
    try:
        if args.file is not None:
            return read_input_file(Path(args.file)).decode("utf-8-sig")
        return sys.stdin.buffer.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        where = str(args.file) if args.file is not None else _("standard input")
        raise UserError(_("{source} is not UTF-8 text").format(source=excerpt(where))) from None


def cmd_analyze(args: argparse.Namespace) -> int:
    text = _answer(args)
    with open_collection(args) as collection:
        deck = collection.resolve_deck(args.deck)
        card = collection.card(deck, args.card)
        if card is None:
            raise UserError(_("no card '{card}' in deck {deck}").format(
                card=excerpt(args.card), deck=deck.key))
        limit = collection.time_limit(card)
        if args.turn is None:
            result = analysis.analyse(card, text, None, limit, deck.language)
        else:
            turn = next((t for t in card.turns if t.id == args.turn), None)
            if turn is None:
                raise UserError(_("card '{card}' has no turn '{turn}'").format(
                    card=excerpt(card.id), turn=excerpt(args.turn)))
            result = roleplay.analyse_turn(card, turn, text, None, turn.time_limit or limit,
                                  deck.language)
    if args.json:
        print(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        print(visible(card.prompt.strip()))
        if args.turn is not None:
            print(visible(next(t.buyer for t in card.turns if t.id == args.turn)))
        print()
        for line in report(result):
            print(line)
    return 0


def report(result: Feedback) -> list[str]:
    """The feedback as plain lines, every quoted text made safe for a terminal."""
    # Broken don'ts are listed below with their evidence, not twice.
    dont_notes = {_("Don't: {dont}").format(dont=d.text) for d in result.broken_donts}
    lines = [f"· {visible(note)}" for note in result.lines() if note not in dont_notes]
    if result.points:
        lines += ["", _("Talking points:")]
        for point in result.points:
            mark = "✓" if point.found else "○"
            lines.append(f"  {mark} {visible(point.text)}")
            if point.evidence:
                lines.append(f"      “{visible(point.evidence)}”")
    broken = result.broken_donts
    if broken:
        lines += ["", _("Don'ts broken:")]
        for dont in broken:
            lines.append(f"  ✗ {visible(dont.text)}")
            if dont.evidence:
                lines.append(f"      “{visible(dont.evidence)}”")
    rating = {"again": pgettext("rating", "Again"), "hard": pgettext("rating", "Hard"),
              "good": pgettext("rating", "Good"), "easy": pgettext("rating", "Easy")}
    lines += ["", _("Suggested rating: {rating}").format(
        rating=rating[result.suggested_rating.value])]
    return lines
