"""Interviews: the real interviews the person prepares for, each with its days left, what its
job description asks for that no card covers, its questions without a story, and the plan
to the day. Enter drills today's planned cards.

The plan simulates every card up to the day, which takes seconds: it runs in a worker on a
read-only connection of its own, and the screen shows it when it is ready.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from interviewprep.core.card_queue import Mode
from interviewprep.core.collection import Collection
from interviewprep.core.store import CardRef
from interviewprep.core.text import visible
from interviewprep.i18n import N_, _, format_date, format_percent, ngettext
from interviewprep.lazy import lazy_module
from interviewprep.tui.appref import app_of
from interviewprep.tui.translation import translate_bindings
from interviewprep.tui.widgets.columns import Column, fit_columns
from interviewprep.tui.widgets.footer import AppFooter
from interviewprep.tui.widgets.header import AppHeader
from interviewprep.tui.widgets.keep_together import KeepTogether

if TYPE_CHECKING:
    from interviewprep.core import interviews, plan
    from interviewprep.core.interviews import Interview
else:
    interviews = lazy_module("interviewprep.core.interviews")
    plan = lazy_module("interviewprep.core.plan")

# Narrower than this (inside the padding), the details go under the list (interviews.tcss).
STACK_BELOW = 88
MIN_DETAIL = 40
MIN_COMPANY_COLUMN = 12
# #interviews has one cell of padding either side (interviews.tcss).
INTERVIEWS_PADDING = 2


@dataclass(frozen=True)
class Prepared:
    """What the worker works out for one interview."""

    interview_id: int
    today_cards: tuple[CardRef, ...]
    today_minutes: float
    share_at_target: float
    target: float
    reachable: bool
    advice: str | None
    uncovered: tuple[str, ...]
    without_story: int


class InterviewsScreen(Screen[None]):
    CSS_PATH = "interviews.tcss"  # loaded when the screen is first shown
    BINDINGS = [
        Binding("enter", "drill_today", N_("Drill today's plan"), id="interviews.drill"),
        Binding("a", "add", N_("Add"), id="interviews.add"),
        Binding("x", "remove", N_("Remove"), id="interviews.remove"),
        Binding("escape", "back", N_("Back"), id="interviews.back"),
    ]

    class Ready(Message):
        def __init__(self, prepared: Prepared) -> None:
            super().__init__()
            self.prepared = prepared

    def __init__(self, collection: Collection) -> None:
        super().__init__()
        translate_bindings(self)
        self.collection = collection
        self.shown: list[Interview] = []
        self.prepared: dict[int, Prepared] = {}

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Vertical(id="interviews"):
            yield Static(_("Your interviews"), id="interviews-title")
            with Container(id="interview-body"):
                yield DataTable(id="interview-list", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(id="interview-detail"):
                    yield Static(id="interview-plan", markup=False)
        yield AppFooter()

    def on_mount(self) -> None:
        self.refresh_list()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        self.refresh_list()

    def refresh_list(self) -> None:
        self.shown = interviews.interviews(self.collection)
        table: DataTable[Text] = self.query_one(DataTable)
        row = table.cursor_row
        columns = [Column(_("Company")), Column(_("Role")), Column(_("Date")),
                   Column(_("Days left"))]
        for interview in self.shown:
            left = interviews.days_left(self.collection, interview)
            cells = (Text(visible(interview.company)),
                     Text(interviews.role_label(interview.role)),
                     Text(format_date(interview.day)), Text(str(left)))
            for column, cell in zip(columns, cells, strict=True):
                column.cells.append(cell)
        # Below STACK_BELOW columns the details go under the list, full width; above, beside
        # it, the list no wider than its text needs and leaving the details MIN_DETAIL.
        width = self.size.width - INTERVIEWS_PADDING
        stacked = width < STACK_BELOW
        self.set_class(stacked, "-stacked")
        fit_columns(table, width if stacked else width - MIN_DETAIL, columns,
                    [str(interview.id) for interview in self.shown],
                    minimum=MIN_COMPANY_COLUMN, grow=False)
        if self.shown:
            table.move_cursor(row=min(row, len(self.shown) - 1))
        detail = self.query_one("#interview-plan", Static)
        if not self.shown:
            detail.update(_("No interviews yet. Press a to add the one you are preparing "
                            "for: the app plans every review up to its date."))
        else:
            self.show_detail()

    def selected(self) -> Interview | None:
        if not self.shown:
            return None
        return self.shown[min(self.query_one(DataTable).cursor_row, len(self.shown) - 1)]

    @on(DataTable.RowHighlighted)
    def show_detail(self) -> None:
        interview = self.selected()
        if interview is None:
            return
        prepared = self.prepared.get(interview.id)
        detail = self.query_one("#interview-plan", Static)
        if prepared is None:
            detail.update(_("Planning every review up to {day}…").format(
                day=format_date(interview.day)))
            self.prepare(interview)
            return
        # "95 %" stays on one line however the panel wraps.
        detail.update(KeepTogether(self.describe(interview, prepared)))

    def describe(self, interview: Interview, prepared: Prepared) -> Text:
        text = Text(visible(interview.company), style="bold")
        text.append(" · " + interviews.role_label(interview.role) + " · "
                    + format_date(interview.day) + "\n\n")
        count = len(prepared.today_cards)
        if count:
            minutes = plan.whole_minutes(prepared.today_minutes, count)
            text.append(ngettext("Today: {count} card, about {minutes} minutes.",
                                 "Today: {count} cards, about {minutes} minutes.",
                                 count).format(count=count, minutes=minutes) + "\n")
        else:
            text.append(_("Nothing planned for today.") + "\n")
        text.append(_("Predicted at {target} recall on the day: {share} of the cards.").format(
            target=format_percent(prepared.target),
            share=format_percent(prepared.share_at_target)) + "\n")
        if prepared.advice:
            text.append(visible(prepared.advice) + "\n", style="yellow")
        if prepared.uncovered:
            text.append("\n" + _("The job description asks for what no card covers:") + "\n",
                        style="bold")
            text.append(visible(", ".join(prepared.uncovered)) + "\n")
            text.append(_("Write your own card for each: interviewprep interview card {id} "
                          "TERM").format(id=interview.id) + "\n", style="dim")
        if prepared.without_story:
            text.append("\n" + ngettext(
                "{count} behavioural question has no story linked yet.",
                "{count} behavioural questions have no story linked yet.",
                prepared.without_story).format(count=prepared.without_story) + "\n")
        return text

    @work(thread=True, exclusive=True, group="plan")
    def prepare(self, interview: Interview) -> None:
        with self.collection.reader_collection() as reader:
            tailoring = interviews.tailor(reader, interview)
            planned, cards = plan.interview_plan(reader, interview)
            advice = None
            if not planned.reachable:
                advice = self._advice(plan.advise(cards, reader.clock(), interview.moment(),
                                                  planned), len(cards))
            without = len(tailoring.questions_without_story)
        today = planned.days[0] if planned.days else None
        self.post_message(self.Ready(Prepared(
            interview_id=interview.id,
            today_cards=today.cards if today and today.day == reader.clock().date() else (),
            today_minutes=today.minutes if today else 0.0,
            share_at_target=planned.share_at_target, target=planned.target,
            reachable=planned.reachable, advice=advice,
            uncovered=tuple(tailoring.uncovered), without_story=without)))

    @staticmethod
    def _advice(advice: plan.Advice, total: int) -> str:
        if not advice.cards:
            # "the best 0 cards" helps no one: say why, and what still helps.
            reason = ngettext(
                "No card can reach the target in the time left: a new card needs {days} "
                "day of reviews before the interview.",
                "No card can reach the target in the time left: a new card needs {days} "
                "days of reviews before the interview.", plan.NEW_CARD_DAYS).format(
                days=plan.NEW_CARD_DAYS)
            if advice.minutes_per_day is not None:
                reason = _("At your budget no card reaches the target: about {minutes} "
                           "minutes a day would.").format(minutes=advice.minutes_per_day)
            return reason + " " + _("Rehearse the questions you expect most in practice "
                                    "(p on the home screen): it leaves the schedule as it is.")
        if advice.minutes_per_day is None:
            return ngettext(
                "Too few days left for every card: at your budget, the best {cards} card "
                "of {total} can reach the target.",
                "Too few days left for every card: at your budget, the best {cards} cards "
                "of {total} can reach the target.", advice.cards).format(
                cards=advice.cards, total=total)
        return _("Your budget does not reach the target: {minutes} a day would, or keep "
                 "to it with the best {cards} of {total}.").format(
            minutes=ngettext("about {count} minute", "about {count} minutes",
                             advice.minutes_per_day).format(count=advice.minutes_per_day),
            cards=advice.cards,
            total=ngettext("{count} card", "{count} cards", total).format(count=total))

    @on(Ready)
    def ready(self, message: Ready) -> None:
        self.prepared[message.prepared.interview_id] = message.prepared
        self.show_detail()

    @on(DataTable.RowSelected)
    def row_chosen(self) -> None:
        self.action_drill_today()

    def action_drill_today(self) -> None:
        from interviewprep.tui.screens.drill import DrillScreen

        interview = self.selected()
        prepared = self.prepared.get(interview.id) if interview else None
        if interview is None or prepared is None:
            return
        if not prepared.today_cards:
            self.notify(_("Nothing planned for today: the plan has room to spare.")
                        if prepared.reachable else
                        _("Nothing planned for today: practise instead (p on the home "
                          "screen)."), timeout=3)
            return
        decks = interviews.interview_decks(self.collection, interview)
        session = app_of(self).new_session(decks, Mode.LIST)
        session.queue = prepared.today_cards
        self.app.push_screen(DrillScreen(session))

    def action_add(self) -> None:
        from interviewprep.tui.screens.add_interview import AddInterviewScreen

        def added(interview_id: int | None) -> None:
            if interview_id is not None:
                self.notify(_("Interview added."), timeout=2)
                self.refresh_list()

        self.app.push_screen(AddInterviewScreen(self.collection), added)

    def action_remove(self) -> None:
        from interviewprep.tui.screens.confirm import ConfirmScreen

        interview = self.selected()
        if interview is None:
            return
        question = Text(_("Remove the interview with {company} on {day}? This cannot be "
                          "undone; your answers and reviews are kept.").format(
            company=visible(interview.company), day=format_date(interview.day)))

        def answered(remove: bool | None) -> None:
            if remove:
                interviews.remove_interview(self.collection, interview.id)
                self.prepared.pop(interview.id, None)
                self.notify(_("Interview removed; your answers and reviews are kept."),
                            timeout=3)
                self.refresh_list()

        self.app.push_screen(ConfirmScreen(question, _("Remove")), answered)

    def on_screen_resume(self) -> None:
        self.prepared.clear()  # reviews done meanwhile change the plan
        if self.is_mounted:
            self.refresh_list()

    def action_back(self) -> None:
        self.app.pop_screen()
