"""After the last card: what the session did and when the next card is due. When there was
nothing to drill, it says why in one line and offers what can be done now: practise, study
ahead, or allow more new cards today."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from interviewprep.core.card_queue import EmptyReason, Mode
from interviewprep.core.scheduling import spell_interval
from interviewprep.core.session import DrillSession
from interviewprep.i18n import N_, _, format_datetime, ngettext
from interviewprep.tui.appref import app_of
from interviewprep.tui.translation import translate_bindings
from interviewprep.tui.widgets.footer import AppFooter
from interviewprep.tui.widgets.header import AppHeader
from interviewprep.tui.widgets.ratings import RATING_LABELS
from interviewprep.tui.widgets.timer import format_seconds

MORE_NEW_TODAY = 10


class SummaryScreen(Screen[None]):
    CSS_PATH = "summary.tcss"  # loaded when the screen is first shown
    BINDINGS = [
        Binding("p", "again('practice')", N_("Practise"), id="summary.practice"),
        Binding("a", "again('ahead')", N_("Study ahead"), id="summary.ahead"),
        Binding("n", "more_new", N_("10 more new today"), id="summary.more-new"),
        # A rating mis-pressed on the last card is not final: as in the drill.
        Binding("ctrl+r,f3", "undo", N_("Undo"), id="summary.undo"),
        Binding("escape", "back", N_("Home"), id="summary.back"),
        Binding("enter", "back", N_("Home"), show=False, id="summary.enter"),
    ]

    def __init__(self, session: DrillSession) -> None:
        super().__init__()
        translate_bindings(self)
        self.session = session
        self.summary = session.summary()
        self.reason = (session.collection.empty_reason(session.decks)
                       if not self.summary.cards_done and session.mode is Mode.REVIEW
                       else None)

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Vertical(id="summary"):
            yield Static(id="summary-title", markup=False)
            yield Static(id="summary-body", markup=False)
            yield Static(id="summary-hint", classes="hint", markup=False)
        yield AppFooter()

    def on_mount(self) -> None:
        s = self.summary
        now = self.session.collection.clock()
        if s.next_due is None:
            next_due = _("nothing scheduled yet")
        elif s.next_due <= now:
            next_due = _("cards are due now")
        else:
            local = s.next_due.astimezone()
            next_due = _("in {interval} ({when})").format(
                interval=spell_interval(s.next_due - now), when=format_datetime(local))
        ratings = "   ".join(f"{_(RATING_LABELS[rating])}: {count}"
                             for rating, count in s.ratings.items())
        title = self.query_one("#summary-title", Static)
        title.update(_("Session complete") if s.cards_done else self._why_empty())
        rows = [(_("Cards done"), str(s.cards_done)),
                (_("Time spent"), format_seconds(s.seconds)),
                (_("Answers saved"), str(s.answers_saved)),
                (_("Ratings"), ratings),
                (_("Next card due"), next_due)]
        width = max(len(label) for label, _value in rows) + 2
        self.query_one("#summary-body", Static).update(
            Text("\n".join(f"{label + ':':<{width}}{value}" for label, value in rows)))
        self.query_one("#summary-hint", Static).update(
            _("p practise every card · a study ahead · escape back to your decks")
            if self.reason else _("Press escape or enter to go back to your decks."))
        self.refresh_bindings()

    def _why_empty(self) -> str:
        collection = self.session.collection
        if self.session.mode is Mode.WEAK:
            if not collection.has_reviews(self.session.decks):
                return _("No weak spots yet: you have not reviewed any card of this deck. "
                         "Drill it first (enter on the home screen); weak spots come from "
                         "your ratings.")
            return _("No weak spots: every card you have reviewed is likely to be "
                     "recalled, and none was rated Again.")
        if self.reason is EmptyReason.NEW_LIMIT:
            limits = sorted({collection.new_limit(d) for d in self.session.decks})
            limit = limits[0] if len(limits) == 1 else max(limits)
            if limit == 0:  # nothing was "used up": no new cards are allowed at all
                return _("Nothing to drill now: this deck has 0 new cards a day (n allows "
                         "some today; o on the home screen changes the limit).")
            return ngettext(
                "Nothing to drill now: today's limit of {limit} new card is used up "
                "(n allows more today; o on the home screen changes the limit).",
                "Nothing to drill now: today's limit of {limit} new cards is used up "
                "(n allows more today; o on the home screen changes the limit).",
                limit).format(limit=limit)
        if self.reason is EmptyReason.NO_CARDS:
            return _("Nothing to drill: this deck has no cards.")
        return _("Nothing is due now: every card is scheduled for later.")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "again":
            return self.reason is not None and self.reason is not EmptyReason.NO_CARDS
        if action == "more_new":
            return self.reason is EmptyReason.NEW_LIMIT
        if action == "undo":
            return bool(self.session.attempts)
        return True

    def _start(self, mode: Mode) -> None:
        from interviewprep.tui.screens.drill import DrillScreen

        session = app_of(self).new_session(
            self.session.decks, mode, self.session.answer_mode)
        self.app.switch_screen(DrillScreen(session))

    def action_again(self, mode: str) -> None:
        if self.check_action("again", ()):
            self._start(Mode(mode))

    def action_more_new(self) -> None:
        if self.reason is EmptyReason.NEW_LIMIT:
            for deck in self.session.decks:
                self.session.collection.raise_new_limit_today(deck, MORE_NEW_TODAY)
            self._start(Mode.REVIEW)

    def action_undo(self) -> None:
        """Take the session's last rating back and return to that card in the drill, revealed
        and waiting for its rating again."""
        from interviewprep.tui.screens.drill import DrillScreen

        rated = len(self.session.attempts)
        if not rated:
            return
        self.session.undo()
        if len(self.session.attempts) == rated:  # the database refused it: nothing changed
            self.notify(_("The rating could not be taken back yet: the database is busy. "
                          "Try again in a moment."), severity="warning", timeout=4)
            return
        self.notify(_("Rating undone: rate it again."), timeout=2)
        self.app.switch_screen(DrillScreen(self.session))

    def action_back(self) -> None:
        app_of(self).go_back()
