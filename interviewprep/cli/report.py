"""`interviewprep report`: what was rehearsed, for a coach, as Markdown or one HTML file."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import Any

from interviewprep.cli.common import UserError, open_collection, output_file, output_format
from interviewprep.core.decks.model import DeckKey
from interviewprep.core.text import excerpt, visible
from interviewprep.i18n import _, parse_date
from interviewprep.locations import write_private_file

REPORT_SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}


def register(sub: Any) -> None:
    p = sub.add_parser("report", help=_("a report for your coach: answers beside talking "
                       "points, ratings over time, weak spots"))
    p.add_argument("--deck", metavar="ID", help=_("only this deck (id or id@lang)"))
    p.add_argument("--since", metavar="DATE", help=_("only from this day on (YYYY-MM-DD)"))
    p.add_argument("--format", choices=("md", "html"),
                   help=_("default: from FILE's extension (.html, .htm, .md), else md"))
    p.add_argument("--output", "-o", metavar="FILE",
                   help=_("write here, not stdout ('-': stdout)"))
    p.add_argument("--force", action="store_true", help=_("replace FILE without asking"))
    p.set_defaults(func=cmd_report)


def _since(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        day = datetime.combine(parse_date(text), datetime.min.time())
    except ValueError:
        raise UserError(_("--since: '{value}' is not a date like 2026-03-01").format(
            value=excerpt(text))) from None
    if day.date() > datetime.now().date():
        raise UserError(_("--since: {day} is in the future; give a day up to today").format(
            day=excerpt(text)))
    return day.astimezone()  # local midnight


def cmd_report(args: argparse.Namespace) -> int:
    from interviewprep.core.report import build_report
    from interviewprep.core.report.render import to_html, to_markdown

    since = _since(args.since)
    chosen = output_format(args.format, args.output, REPORT_SUFFIXES, "md")
    target = output_file(args.output, args.force)  # before the work: a "no" costs nothing
    with open_collection(args) as collection:
        deck = None
        if args.deck:
            deck_info = collection.resolve_deck(args.deck)
            deck = DeckKey(deck_info.id, deck_info.language)
        report = build_report(collection, since, deck)
    text = to_html(report) if chosen == "html" else to_markdown(report)
    if target is None:
        sys.stdout.write(text)
        return 0
    write_private_file(target, text.encode("utf-8"))
    print(_("wrote {path}").format(path=visible(str(target))))
    return 0
