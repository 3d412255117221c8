"""The mock interview screen: draws a `MockInterview`'s view and sends it the person's keys.

While asking, only the question, the timer and the answer box show (no guidance until the
end); ctrl+s answers. Then each answer comes back with its analysis and the card's guidance,
its suggested rating ready: enter accepts it, 1-4 choose another. Nothing is decided here.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.widgets import ContentSwitcher, Static

from interviewprep.core.mock import MockInterview, MockPhase, MockView
from interviewprep.core.scheduling import Rating
from interviewprep.core.text import visible
from interviewprep.i18n import N_, _
from interviewprep.tui.screens.rehearsing import RehearsalScreen
from interviewprep.tui.translation import translate_bindings
from interviewprep.tui.widgets.answer_box import AnswerBox
from interviewprep.tui.widgets.footer import AppFooter
from interviewprep.tui.widgets.guidance import feedback, guidance
from interviewprep.tui.widgets.header import AppHeader
from interviewprep.tui.widgets.ratings import RATING_LABELS
from interviewprep.tui.widgets.timer import AnswerTimer


def rating_line(suggested: Rating, hint: str) -> Text:
    text = Text(_("Suggested: {rating}").format(rating=_(RATING_LABELS[suggested])),
                style="bold")
    text.append("  " + hint, style="dim")
    return text


class MockScreen(RehearsalScreen):
    BINDINGS = [
        # The answer box takes ctrl+s itself while it has focus (see AnswerBox).
        Binding("ctrl+s", "submit", N_("Answer"), id="mock.submit", ),
        Binding("enter", "accept", N_("Accept rating"), id="mock.accept"),
        Binding("1", "rate(1)", N_("Again"), show=False, id="mock.again"),
        Binding("2", "rate(2)", N_("Hard"), show=False, id="mock.hard"),
        Binding("3", "rate(3)", N_("Good"), show=False, id="mock.good"),
        Binding("4", "rate(4)", N_("Easy"), show=False, id="mock.easy"),
        Binding("escape", "back", N_("Back"), id="mock.back"),
    ]

    phase: reactive[MockPhase] = reactive(MockPhase.ASKING, bindings=True)

    def __init__(self, session: MockInterview) -> None:
        super().__init__()
        translate_bindings(self)
        self.session: MockInterview = session
        self._reviewed: int | None = None  # the answer whose panels were scrolled to the top

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Vertical(id="drill"):
            yield Static(id="drill-meta", markup=False)
            yield Static(id="prompt", markup=False)
            yield AnswerTimer(id="timer", classes="timer")
            with ContentSwitcher(id="card-area", initial="answer"):
                yield AnswerBox(id="answer", soft_wrap=True, show_line_numbers=False,
                                classes="answer")
                with Horizontal(id="review", classes="compare"):
                    with VerticalScroll(id="mine", classes="mine"):
                        yield Static(id="typed", classes="typed", markup=False)
                        yield Static(id="feedback", markup=False)
                    with VerticalScroll(id="guide", classes="guidance"):
                        yield Static(id="guidance", markup=False)
            yield Static(id="rating-line", markup=False)
            yield Static(id="unsaved", markup=False)
        yield AppFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.set_interval(1.0, self.tick)
        self.show(self.session.view(), fresh=True)

    def answering(self) -> bool:
        return self.session.phase is MockPhase.ASKING

    # -- drawing ----------------------------------------------------------------------------

    def show(self, view: MockView, fresh: bool = False) -> None:
        self.phase = view.phase
        meta = self.query_one("#drill-meta", Static)
        prompt = self.query_one("#prompt", Static)
        line = self.query_one("#rating-line", Static)
        if view.phase is MockPhase.ASKING:
            parts = [_("Mock interview"), _("question {number} of {total}").format(
                number=view.number, total=view.planned)]
            if view.is_follow_up:
                parts.append(_("follow-up"))
            meta.update(Text(" · ".join(parts)))
            prompt.update(Text(visible(view.question or "")))
            if fresh:
                self.open_box(view.draft)
            self.query_one(ContentSwitcher).current = "answer"
            self.query_one(AnswerBox).border_title = _("Your answer · ctrl+s answers")
            line.display = False
        elif view.phase is MockPhase.REVIEWING and view.reviewing is not None:
            self._show_answer(view, view.reviewing)
        else:
            self._show_done(view)
        self._show_timer(view)
        self.show_unsaved(view.unsaved)

    def _show_answer(self, view: MockView, index: int) -> None:
        answer = view.answers[index]
        self.query_one("#drill-meta", Static).update(Text(" · ".join([
            _("Mock interview review"),
            _("answer {number} of {total}").format(number=index + 1,
                                                   total=len(view.answers))])))
        asked = (_("Follow-up: {question}") if answer.follow_up is not None
                 else "{question}").format(question=visible(answer.question))
        self.query_one("#prompt", Static).update(Text(asked))
        mine = self.query_one("#mine", VerticalScroll)
        mine.border_title = _("Your answer")
        self.query_one("#typed", Static).update(
            Text(visible(answer.text) or _("(nothing typed)")))
        self.query_one("#feedback", Static).update(feedback(answer.feedback))
        guide = self.query_one("#guide", VerticalScroll)
        guide.border_title = _("Guidance")
        self.query_one("#guidance", Static).update(guidance(answer.item.card))
        self.query_one(ContentSwitcher).current = "review"
        if self._reviewed != index:  # each answer's feedback is read from its start
            self._reviewed = index
            for panel in (mine, guide):
                panel.scroll_home(animate=False, immediate=True)
        line = self.query_one("#rating-line", Static)
        line.display = True
        line.update(rating_line(answer.suggested,
                                _("enter accepts · 1-4 choose another · it feeds the "
                                  "schedule")))
        self.set_focus(mine)

    def _show_done(self, view: MockView) -> None:
        self.query_one("#drill-meta", Static).update(Text(_("Mock interview")))
        self.query_one("#prompt", Static).update(Text(
            _("Mock finished: every answer is saved and rated. Escape goes back.")))
        rows: list[RenderableType] = []
        for answer in view.answers:
            label = _(RATING_LABELS[answer.rating]) if answer.rating else "—"
            row = Text(f"{label:<7} ", style="bold")
            row.append(visible(answer.question))
            rows.append(row)
        self.query_one("#typed", Static).update(Group(*rows))
        self.query_one("#feedback", Static).update("")
        self.query_one("#mine", VerticalScroll).border_title = _("Your answers")
        self.query_one("#guide", VerticalScroll).display = False
        self.query_one(ContentSwitcher).current = "review"
        self.query_one("#rating-line", Static).display = False

    def _show_timer(self, view: MockView) -> None:
        self.show_answer_timer(view.elapsed, view.time_limit,
                               view.phase is MockPhase.ASKING, view.reading,
                               view.reading_failure)

    def tick(self) -> None:
        self._show_timer(self.session.view())

    # -- actions ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "submit":
            return self.phase is MockPhase.ASKING
        if action in ("accept", "rate"):
            return self.phase is MockPhase.REVIEWING
        return True

    def send_answer(self, text: str) -> None:
        view = self.session.submit(text)  # saved before anything is shown
        self.show(view, fresh=view.phase is MockPhase.ASKING)

    def action_accept(self) -> None:
        if self.phase is MockPhase.REVIEWING:
            self.show(self.session.rate(None))

    def action_rate(self, value: int) -> None:
        if self.phase is MockPhase.REVIEWING:
            self.show(self.session.rate(Rating(value)))
