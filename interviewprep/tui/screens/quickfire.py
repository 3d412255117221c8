"""The objection quick-fire screen: draws a `QuickFire` view with its countdown and lets the
clock act several times a second. ctrl+s answers early; in the review moment 1-4 override
the suggested rating (enter takes it at once), else it is applied when the moment passes."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.reactive import reactive
from textual.widgets import ContentSwitcher, Static

from interviewprep.core.quickfire import QuickFire, QuickFirePhase, QuickFireView
from interviewprep.core.scheduling import Rating
from interviewprep.core.text import visible
from interviewprep.i18n import N_, _
from interviewprep.tui.screens.mock import rating_line
from interviewprep.tui.screens.rehearsing import RehearsalScreen
from interviewprep.tui.translation import translate_bindings
from interviewprep.tui.widgets.answer_box import AnswerBox
from interviewprep.tui.widgets.footer import AppFooter
from interviewprep.tui.widgets.guidance import feedback
from interviewprep.tui.widgets.header import AppHeader
from interviewprep.tui.widgets.ratings import RATING_LABELS

TICK_EVERY_S = 0.25
ROUND_DONE = -1  # `_reviewed` once the round's results are shown


class QuickFireScreen(RehearsalScreen):
    BINDINGS = [
        # The answer box takes ctrl+s itself while it has focus (see AnswerBox).
        Binding("ctrl+s", "submit", N_("Answer"), id="quickfire.submit", ),
        Binding("enter", "accept", N_("Accept rating"), id="quickfire.accept"),
        Binding("1", "rate(1)", N_("Again"), show=False, id="quickfire.again"),
        Binding("2", "rate(2)", N_("Hard"), show=False, id="quickfire.hard"),
        Binding("3", "rate(3)", N_("Good"), show=False, id="quickfire.good"),
        Binding("4", "rate(4)", N_("Easy"), show=False, id="quickfire.easy"),
        Binding("escape", "back", N_("Back"), id="quickfire.back"),
    ]

    phase: reactive[QuickFirePhase] = reactive(QuickFirePhase.ANSWERING, bindings=True)

    def __init__(self, session: QuickFire) -> None:
        super().__init__()
        translate_bindings(self)
        self.session: QuickFire = session
        self._number = 0  # the objection the box was opened for
        self._reviewed = 0  # the objection whose feedback was last scrolled to its start

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Vertical(id="drill"):
            yield Static(id="drill-meta", markup=False)
            yield Static(id="prompt", markup=False)
            yield Static(id="countdown", classes="timer", markup=False)
            with ContentSwitcher(id="card-area", initial="answer"):
                yield AnswerBox(id="answer", soft_wrap=True, show_line_numbers=False,
                                classes="answer")
                with VerticalScroll(id="mine", classes="mine"):
                    yield Static(id="typed", classes="typed", markup=False)
                    yield Static(id="feedback", markup=False)
            yield Static(id="rating-line", markup=False)
            yield Static(id="unsaved", markup=False)
        yield AppFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.set_interval(TICK_EVERY_S, self.tick)
        self.show(self.session.view())

    def answering(self) -> bool:
        return self.session.phase is QuickFirePhase.ANSWERING

    def show(self, view: QuickFireView) -> None:
        self.phase = view.phase
        countdown = self.query_one("#countdown", Static)
        line = self.query_one("#rating-line", Static)
        if view.phase is QuickFirePhase.DONE or view.item is None:
            self._show_done(view)
            self.show_unsaved(view.unsaved)
            return
        self.query_one("#drill-meta", Static).update(Text(" · ".join([
            _("Objection quick-fire"), _("{number} of {total}").format(
                number=view.number, total=view.total)])))
        self.query_one("#prompt", Static).update(Text(visible(view.item.card.prompt)))
        left = int(view.left + 0.999)
        if view.phase is QuickFirePhase.ANSWERING:
            if view.number != self._number:
                self._number = view.number
                self.open_box(view.draft)
            self.query_one(AnswerBox).border_title = _("Your answer · ctrl+s answers early")
            self.query_one(ContentSwitcher).current = "answer"
            countdown.update(_("⏱ {seconds} s left").format(seconds=left))
            countdown.set_class(left <= 5, "-over")
            line.display = False
        elif view.last is not None:
            self.query_one("#typed", Static).update(
                Text(visible(view.last.text) or _("(nothing typed)")))
            self.query_one("#feedback", Static).update(feedback(view.last.feedback))
            self.query_one("#mine", VerticalScroll).border_title = _("Your answer")
            self.query_one(ContentSwitcher).current = "mine"
            mine = self.query_one("#mine", VerticalScroll)
            if self._reviewed != view.number:  # each objection's feedback from its start
                self._reviewed = view.number
                mine.scroll_home(animate=False, immediate=True)
            self.set_focus(mine)  # arrow keys scroll the feedback
            countdown.update(_("Next in {seconds} s").format(seconds=left)
                             if view.number < view.total else
                             _("Round ends in {seconds} s").format(seconds=left))
            countdown.set_class(False, "-over")
            line.display = True
            line.update(rating_line(view.last.suggested,
                                    _("1-4 choose another · enter takes it now")))
        self.show_unsaved(view.unsaved)

    def _show_done(self, view: QuickFireView) -> None:
        self.query_one("#drill-meta", Static).update(Text(_("Objection quick-fire")))
        self.query_one("#prompt", Static).update(Text(
            _("Round finished: every answer is saved and rated. Escape goes back.")))
        rows = []
        for result in view.results:
            label = _(RATING_LABELS[result.rating]) if result.rating else "—"
            row = Text(f"{label:<7} ", style="bold")
            row.append(visible(result.item.card.prompt))
            rows.append(row)
        self.query_one("#typed", Static).update(Group(*rows))
        self.query_one("#feedback", Static).update("")
        mine = self.query_one("#mine", VerticalScroll)
        mine.border_title = _("Your answers")
        if self._reviewed != ROUND_DONE:  # shown every tick: scrolled to the top once
            self._reviewed = ROUND_DONE
            mine.scroll_home(animate=False, immediate=True)
        self.query_one(ContentSwitcher).current = "mine"
        self.query_one("#countdown", Static).update("")
        self.query_one("#rating-line", Static).display = False

    def tick(self) -> None:
        """The clock acts: what is typed goes in when time is up."""
        if self.session.phase is QuickFirePhase.ANSWERING:
            self.session.type(self.query_one(AnswerBox).text)
        before = self.session.phase
        view = self.session.tick()
        if before is QuickFirePhase.ANSWERING and view.phase is not before:
            self.take_box()
        self.show(view)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "submit":
            return self.phase is QuickFirePhase.ANSWERING
        if action in ("accept", "rate"):
            return self.phase is QuickFirePhase.REVIEWING
        return True

    def send_answer(self, text: str) -> None:
        self.show(self.session.submit(text))

    def action_accept(self) -> None:
        if self.phase is QuickFirePhase.REVIEWING:
            self.show(self.session.rate(None))

    def action_rate(self, value: int) -> None:
        if self.phase is QuickFirePhase.REVIEWING:
            self.show(self.session.rate(Rating(value)))
