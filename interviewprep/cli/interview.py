"""Interview commands: interview add|list|show|card|notes|remove, and plan."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interviewprep.cli.common import (
    UserError,
    decimal_number,
    open_collection,
    read_input_file,
    whole_number,
)
from interviewprep.core.collection import Collection
from interviewprep.core.text import excerpt, visible
from interviewprep.i18n import _, format_date, format_decimal, format_percent, ngettext
from interviewprep.lazy import lazy_module
from interviewprep.locations import resolve

if TYPE_CHECKING:
    from interviewprep.core import interviews as iv
    from interviewprep.core import plan as planning
else:  # imported when a command uses them, not when the parser is built
    iv = lazy_module("interviewprep.core.interviews")
    planning = lazy_module("interviewprep.core.plan")

_SHOWN_CARDS = 3


# Building the parser must not load the planning modules (every command builds it): the
# values they check come from them when a command runs.
ROLE_CHOICES = ("ae", "sdr", "promotion")


def register(sub: Any) -> None:
    p = sub.add_parser("interview", help=_("the real interviews you prepare for"))
    commands = p.add_subparsers(dest="interview_command", metavar="ACTION", required=True)
    a = commands.add_parser("add", help=_("record an interview; prints its id"))
    a.add_argument("--company", required=True, metavar="NAME")
    a.add_argument("--role", required=True, choices=ROLE_CHOICES)
    a.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    a.add_argument("--time", metavar="HH:MM")
    a.add_argument("--job-description", type=Path, metavar="FILE",
                   help=_("the job description as a text file ('-' reads standard input)"))
    a.add_argument("--minutes-per-day", type=whole_number, metavar="N",
                   help=_("minutes a day you can rehearse (default 20)"))
    a.add_argument("--notes", default="", metavar="TEXT")
    a.set_defaults(func=cmd_add)
    a = commands.add_parser("list", help=_("interviews, soonest first"))
    a.add_argument("--json", action="store_true", help=_("print JSON"))
    a.set_defaults(func=cmd_list)
    a = commands.add_parser("show", help=_("what the job description asks for and the cards "
                                           "that rehearse it"))
    a.add_argument("id", type=whole_number, metavar="ID")
    a.add_argument("--json", action="store_true", help=_("print JSON"))
    a.set_defaults(func=cmd_show)
    a = commands.add_parser("card", help=_("write a personal card for terms no card covers"))
    a.add_argument("id", type=whole_number, metavar="ID")
    a.add_argument("terms", nargs="*", metavar="TERM",
                   help=_("terms from 'interview show' (default: every uncovered one)"))
    a.set_defaults(func=cmd_card)
    a = commands.add_parser("notes", help=_("replace an interview's notes"))
    a.add_argument("id", type=whole_number, metavar="ID")
    a.add_argument("notes", metavar="TEXT", help=_("the notes ('-' reads standard input)"))
    a.set_defaults(func=cmd_notes)
    a = commands.add_parser("remove", help=_("forget an interview"))
    a.add_argument("id", type=whole_number, metavar="ID")
    a.set_defaults(func=cmd_remove)

    p = sub.add_parser("plan", help=_("day-by-day reviews up to an interview"))
    p.add_argument("--interview", type=whole_number, metavar="ID",
                   help=_("which interview (default: the next one)"))
    p.add_argument("--target", type=decimal_number, metavar="SHARE",
                   help=_("recall to reach on the day (default 0.95, at most 0.97)"))
    p.add_argument("--max-cards", type=whole_number, metavar="N",
                   help=_("plan only the N cards that best match the job description"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_plan)


def _read_text(path: Path) -> str:
    try:
        data = sys.stdin.buffer.read() if str(path) == "-" else read_input_file(path)
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(_("{path}: not UTF-8 text").format(path=path)) from None


def cmd_add(args: argparse.Namespace) -> int:
    text = _read_text(args.job_description) if args.job_description else ""
    with open_collection(args) as collection:
        try:
            new_id = iv.add_interview(collection, args.company, args.role,
                                      iv.read_day(args.date), args.time, text,
                                      iv.DEFAULT_MINUTES_PER_DAY if args.minutes_per_day is None
                                      else args.minutes_per_day,
                                      args.notes)
        except iv.InterviewError as error:
            raise UserError(str(error)) from None
    print(new_id)
    return 0


def _summary(collection: Collection, interview: iv.Interview) -> dict[str, Any]:
    return {"id": interview.id, "company": interview.company, "role": interview.role,
            "date": interview.day.isoformat(), "time": interview.time,
            "days_left": iv.days_left(collection, interview),
            "minutes_per_day": interview.minutes_per_day, "notes": interview.notes}


def _days_left(days: int) -> str:
    if days < 0:
        return _("past")
    if days == 0:
        return _("today")
    return ngettext("{count} day left", "{count} days left", days).format(count=days)


def cmd_list(args: argparse.Namespace) -> int:
    with open_collection(args) as collection:
        rows = [_summary(collection, i) for i in iv.interviews(collection)]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print(_("No interviews yet: interviewprep interview add --company NAME --role ae "
                "--date YYYY-MM-DD"))
    for row in rows:
        at = f" {row['time']}" if row["time"] else ""
        day = format_date(date.fromisoformat(row["date"]))
        print(f"{row['id']:>3}  {day}{at}  {visible(row['company'])}  "
              f"({iv.role_label(row['role'])})  {_days_left(row['days_left'])}")
    return 0


def _get(collection: Collection, interview_id: int) -> iv.Interview:
    try:
        return iv.get_interview(collection, interview_id)
    except iv.InterviewError as error:
        raise UserError(str(error)) from None


def cmd_show(args: argparse.Namespace) -> int:
    with open_collection(args) as collection:
        interview = _get(collection, args.id)
        tailoring = iv.tailor(collection, interview)
        data = {
            **_summary(collection, interview),
            "terms": [{"term": t.term, "category": t.category,
                       "cards": [{"deck": m.deck_id, "language": m.language,
                                  "card": m.card_id, "score": m.score} for m in t.cards]}
                      for t in tailoring.terms],
            "uncovered": tailoring.uncovered,
            "questions_without_story": [{"deck": d, "language": lang, "card": c}
                                        for d, lang, c in tailoring.questions_without_story],
        }
        prompts = {ref: card.prompt for ref in tailoring.questions_without_story
                   if (deck := collection.library.find_id(ref[0], ref[1])) is not None
                   and (card := collection.card(deck, ref[2])) is not None}
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    at = f" {data['time']}" if data["time"] else ""
    day = format_date(interview.day)
    print(f"{visible(interview.company)} ({iv.role_label(interview.role)}) · {day}{at} · "
          f"{_days_left(data['days_left'])} · "
          + _("{minutes} min a day").format(minutes=interview.minutes_per_day))
    if interview.notes:
        print(visible(interview.notes))
    if not tailoring.terms:
        print(_("The job description names nothing the lexicon knows (or there is none)."))
    else:
        print(_("What the job description asks for, and the cards that rehearse it:"))
    for term in tailoring.terms:
        cards = ", ".join(f"{m.deck_id}/{m.card_id}" for m in term.cards[:_SHOWN_CARDS])
        more = len(term.cards) - _SHOWN_CARDS
        if more > 0:
            cards += " " + ngettext("(+{count} more)", "(+{count} more)", more).format(count=more)
        # Not inside the f-string: message extraction does not look there.
        cards = cards or _("no card")
        print(f"  {visible(term.term)}: {cards}")
    if tailoring.uncovered:
        print(_("No card covers: {terms}").format(
            terms=", ".join(visible(t) for t in tailoring.uncovered)))
        print(_("Write your own answers: interviewprep interview card {id}").format(
            id=interview.id))
    if tailoring.questions_without_story:
        print(_("Behavioural questions with no story linked:"))
        for ref in tailoring.questions_without_story:
            print(f"  {ref[0]}/{ref[2]}  {visible(prompts.get(ref, ''))}")
    return 0


def cmd_card(args: argparse.Namespace) -> int:
    user_decks = resolve(args.data_dir).user_decks
    with open_collection(args) as collection:
        interview = _get(collection, args.id)
        tailoring = iv.tailor(collection, interview)
        language = collection.settings.language
    known = [t.term for t in tailoring.terms]
    terms = args.terms or tailoring.uncovered
    for term in terms:
        if term not in known:
            raise UserError(_("'{term}' is not a term of this job description").format(
                term=excerpt(term)))
    if not terms:
        print(_("Every term of the job description has a card already."))
    for term in terms:
        try:
            path, card_id = iv.create_personal_card(user_decks, language, term)
        except iv.InterviewError as error:
            raise UserError(str(error)) from None
        print(_("{term}: card {card} in {path}").format(term=visible(term), card=card_id,
                                                        path=path))
    return 0


def cmd_notes(args: argparse.Namespace) -> int:
    notes = _read_text(Path("-")) if args.notes == "-" else args.notes
    with open_collection(args) as collection:
        try:
            iv.set_notes(collection, args.id, notes)
        except iv.InterviewError as error:
            raise UserError(str(error)) from None
    print(_("notes saved for interview {id}").format(id=args.id))
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    with open_collection(args) as collection:
        interview = _get(collection, args.id)
        collection.store.remove_interview(interview.id)
    print(_("removed interview {id} ({company})").format(id=interview.id,
                                                          company=visible(interview.company)))
    return 0


def _plan_rows(plan: planning.Plan) -> list[str]:
    """One line a day, in columns: "28 nov 2026" and "1 dic 2026" differ in length, and
    so do "1 tarjeta" and "13 tarjetas"."""
    table = [(format_date(d.day),
              ngettext("{count} card", "{count} cards", len(d.cards)).format(
                  count=f"{len(d.cards):>3}"),
              _("{minutes} min").format(minutes=format_decimal(d.minutes, "0.0")))
             for d in plan.days]
    if not table:
        return []
    widths = [max(len(row[i]) for row in table) for i in range(3)]
    return [f"{day:<{widths[0]}}  {cards:<{widths[1]}}  {minutes:>{widths[2]}}"
            for day, cards, minutes in table]


def cmd_plan(args: argparse.Namespace) -> int:
    with open_collection(args) as collection:
        if args.interview is not None:
            interview = _get(collection, args.interview)
        else:
            found = iv.next_interview(collection)
            if found is None:
                raise UserError(_("no upcoming interview: add one with 'interviewprep "
                                  "interview add'"))
            interview = found
        if iv.days_left(collection, interview) < 0:
            raise UserError(_("interview {id} is past; the normal schedule applies").format(
                id=interview.id))
        if args.max_cards is not None and args.max_cards < 1:
            raise UserError(_("--max-cards must be at least 1"))
        try:
            target = planning.DEFAULT_TARGET if args.target is None else args.target
            plan, cards = planning.interview_plan(collection, interview, target,
                                                  args.max_cards)
        except ValueError as error:
            raise UserError(str(error)) from None
        advice = None if plan.reachable else planning.advise(
            cards, collection.clock(), interview.moment(), plan)
    data = {
        "interview": interview.id, "date": interview.day.isoformat(), "target": plan.target,
        "minutes_per_day": plan.minutes_per_day,
        "seconds_per_card": round(plan.seconds_per_card, 1),
        "predicted_at_target": round(plan.share_at_target, 4),
        "reachable": plan.reachable, "total_reviews": plan.total_reviews,
        "days": [{"date": d.day.isoformat(), "cards": len(d.cards), "reviews": d.reviews,
                  "minutes": d.minutes} for d in plan.days],
        "cards": [{"deck": ref[0], "language": ref[1], "card": ref[2],
                   "predicted_recall_on_day": round(r, 4)}
                  for ref, r in plan.predicted.items()],
        "advice": None if advice is None else {"minutes_per_day": advice.minutes_per_day,
                                               "max_cards": advice.cards},
    }
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    count = len(plan.predicted)
    print(_("Plan for {company} on {date}: {cards}, target recall {target} on the "
            "day").format(company=visible(interview.company), date=format_date(interview.day),
                          cards=ngettext("{count} card", "{count} cards", count).format(
                              count=count),
                          target=format_percent(plan.target)))
    for line in _plan_rows(plan):
        print("  " + line)
    print(_("Predicted at target on the day: {at} of {total} ({share})").format(
        at=plan.at_target, total=count, share=format_percent(plan.share_at_target)))
    if advice is not None:
        print(_("{minutes} min a day cannot bring every card to the target.").format(
            minutes=plan.minutes_per_day))
        if advice.minutes_per_day is not None:
            print(_("{minutes} min a day would.").format(minutes=advice.minutes_per_day))
        else:
            print(_("No daily budget would, in the days left."))
        if advice.cards:
            print(_("At {minutes} min a day, plan fewer cards: --max-cards {cards}").format(
                minutes=plan.minutes_per_day, cards=advice.cards))
        else:
            print(ngettext("No card can reach the target in the time left: a new card needs "
                           "{days} day of reviews before the interview.",
                           "No card can reach the target in the time left: a new card needs "
                           "{days} days of reviews before the interview.",
                           planning.NEW_CARD_DAYS).format(days=planning.NEW_CARD_DAYS))
            print(_("Rehearse the questions you expect most: interviewprep drill DECK "
                    "--mode practice (the schedule is left as it is)."))
    return 0
