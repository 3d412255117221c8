"""The role-played call screen: draws a `CallSession` view. The scenario stays on top, in a
box of its own that scrolls (ctrl+up/ctrl+down, while typing too) when it is longer than a
third of the screen; each line of the buyer (or whoever the card names as `speaker`) comes
up in turn and ctrl+s replies (timed per turn). When the call ends, every turn shows with
the line the call went to and its analysis, then the scoring guide; enter accepts the
suggested rating for the call, 1-4 choose another."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.reactive import reactive
from textual.widgets import ContentSwitcher, Static

from interviewprep.core.call import CallPhase, CallSession, CallView
from interviewprep.core.decks.model import Card
from interviewprep.core.decks.turns import END, When
from interviewprep.core.scheduling import Rating
from interviewprep.core.text import excerpt, visible
from interviewprep.i18n import N_, _
from interviewprep.tui.screens.mock import rating_line
from interviewprep.tui.screens.rehearsing import RehearsalScreen
from interviewprep.tui.translation import translate_bindings
from interviewprep.tui.widgets.answer_box import AnswerBox
from interviewprep.tui.widgets.footer import AppFooter
from interviewprep.tui.widgets.guidance import feedback
from interviewprep.tui.widgets.header import AppHeader
from interviewprep.tui.widgets.ratings import RATING_LABELS
from interviewprep.tui.widgets.timer import AnswerTimer

WHEN_LABELS = {When.ASKS_QUESTION: N_("the reply asked a question"),
               When.BREAKS_DONT: N_("the reply did one of the don'ts"),
               When.COVERS_POINTS: N_("the reply covered every point"),
               When.MISSES_POINTS: N_("the reply missed most points")}
# Enough of the next line to recognise it; the line itself is shown in full on its turn.
NEXT_LINE_CHARS = 60


def speaker_label(card: Card) -> str:
    """Who says the call's lines, as each line is labelled: the card's `speaker`, else the
    buyer."""
    if card.speaker:
        return _("{speaker}: ").format(speaker=visible(card.speaker.strip()))
    return _("Buyer: ")


def results(view: CallView) -> RenderableType:
    """Every turn of the call with the reply, the branch taken and its analysis, then the
    ending line and the scoring guide."""
    card = view.item.card
    lines = {t.id: t.buyer for t in card.turns}
    parts: list[RenderableType] = []
    for number, turn in enumerate(view.history, 1):
        parts.append(Text(_("Turn {number}").format(number=number), style="bold cyan"))
        buyer = Text(speaker_label(card), style="bold")
        buyer.append(visible(turn.turn.buyer))
        parts.append(buyer)
        mine = Text(_("You: "), style="bold")
        mine.append(visible(turn.answer) or _("(nothing typed)"))
        parts.append(mine)
        where = (_("the call ended") if turn.goes_to == END
                 else _("the call went on to “{line}”").format(
                     line=excerpt(lines.get(turn.goes_to, turn.goes_to), NEXT_LINE_CHARS)))
        branch = (_("Because {when}: {where}").format(when=_(WHEN_LABELS[turn.branch.when]),
                                                     where=where)
                  if turn.branch else _("The usual path: {where}").format(where=where))
        parts += [Text(branch, style="dim"), feedback(turn.feedback), Text()]
    if view.turn is not None and view.turn.end:
        ending = Text(_("The call ends: "), style="bold")
        ending.append(visible(view.turn.buyer))
        parts += [ending, Text()]
    if view.item.card.scoring:
        parts.append(Text(_("Scoring guide"), style="bold cyan"))
        parts += [Text("• " + visible(item)) for item in view.item.card.scoring]
    return Group(*parts)


class RolePlayScreen(RehearsalScreen):
    BINDINGS = [
        # The answer box takes ctrl+s itself while it has focus (see AnswerBox).
        Binding("ctrl+s", "submit", N_("Reply"), id="roleplay.submit", ),
        Binding("enter", "accept", N_("Accept rating"), id="roleplay.accept"),
        Binding("1", "rate(1)", N_("Again"), show=False, id="roleplay.again"),
        Binding("2", "rate(2)", N_("Hard"), show=False, id="roleplay.hard"),
        Binding("3", "rate(3)", N_("Good"), show=False, id="roleplay.good"),
        Binding("4", "rate(4)", N_("Easy"), show=False, id="roleplay.easy"),
        Binding("escape", "back", N_("Back"), id="roleplay.back"),
        # Chords, so they work while the answer box takes every printable key.
        Binding("ctrl+down", "scroll_scenario(1)", N_("Scenario ↓"), id="roleplay.scenario-down"),
        Binding("ctrl+up", "scroll_scenario(-1)", N_("Scenario ↑"), show=False,
                id="roleplay.scenario-up"),
    ]

    phase: reactive[CallPhase] = reactive(CallPhase.ANSWERING, bindings=True)

    def __init__(self, session: CallSession) -> None:
        super().__init__()
        translate_bindings(self)
        self.session: CallSession = session
        self._turn: str | None = None  # the turn the box was opened for

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Vertical(id="drill"):
            yield Static(id="drill-meta", markup=False)
            with VerticalScroll(id="scenario-box", can_focus=False):
                yield Static(id="scenario", classes="hint", markup=False)
            yield Static(id="prompt", markup=False)
            yield AnswerTimer(id="timer", classes="timer")
            with ContentSwitcher(id="card-area", initial="answer"):
                yield AnswerBox(id="answer", soft_wrap=True, show_line_numbers=False,
                                classes="answer")
                with VerticalScroll(id="mine", classes="mine"):
                    yield Static(id="results", markup=False)
            yield Static(id="rating-line", markup=False)
            yield Static(id="unsaved", markup=False)
        yield AppFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.set_interval(1.0, self.tick)
        self.query_one("#drill-meta", Static).update(Text(" · ".join([
            _("Role-played call"), visible(self.session.item.card.prompt)])))
        self.query_one("#scenario", Static).update(
            Text(visible(self.session.item.card.scenario or "")))
        self.show(self.session.view())

    def on_resize(self, event: events.Resize) -> None:
        # Whether the scenario scrolls is known once it is laid out at the new size.
        self.call_after_refresh(self.refresh_bindings)

    def answering(self) -> bool:
        return self.session.phase is CallPhase.ANSWERING

    def show(self, view: CallView) -> None:
        self.phase = view.phase
        prompt = self.query_one("#prompt", Static)
        line = self.query_one("#rating-line", Static)
        if view.phase is CallPhase.ANSWERING and view.turn is not None:
            buyer = Text(speaker_label(self.session.item.card))
            buyer.append(visible(view.turn.buyer))
            prompt.update(buyer)
            if view.turn.id != self._turn:
                self._turn = view.turn.id
                self.open_box(view.draft)
            self.query_one(AnswerBox).border_title = _("Your reply · ctrl+s replies")
            self.query_one(ContentSwitcher).current = "answer"
            line.display = False
        else:
            self.query_one("#scenario-box").display = False
            prompt.update(Text(_("The call is over: every reply is saved.")))
            self.query_one("#results", Static).update(results(view))
            scroll = self.query_one("#mine", VerticalScroll)
            scroll.border_title = _("Your call")
            self.query_one(ContentSwitcher).current = "mine"
            self.set_focus(scroll)
            line.display = True
            if view.phase is CallPhase.DONE and view.rating is not None:
                line.update(Text(_("Rated {rating}. Escape goes back.").format(
                    rating=_(RATING_LABELS[view.rating])), style="bold"))
            elif view.suggested is not None:
                line.update(rating_line(view.suggested, _("enter accepts · 1-4 choose "
                                                          "another · it feeds the schedule")))
        self._show_timer(view)
        self.show_unsaved(view.unsaved)

    def _show_timer(self, view: CallView) -> None:
        self.show_answer_timer(view.elapsed, view.time_limit,
                               view.phase is CallPhase.ANSWERING, view.reading,
                               view.reading_failure)

    def tick(self) -> None:
        self._show_timer(self.session.view())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "submit":
            return self.phase is CallPhase.ANSWERING
        if action == "scroll_scenario":
            # Offered only when the scenario is longer than its box (once there is one).
            box = next(iter(self.query("#scenario-box").results(VerticalScroll)), None)
            return (self.phase is CallPhase.ANSWERING and box is not None
                    and box.max_scroll_y > 0)
        if action in ("accept", "rate"):
            return self.phase is CallPhase.ENDED
        return True

    def send_answer(self, text: str) -> None:
        self.show(self.session.submit(text))

    def action_scroll_scenario(self, lines: int) -> None:
        self.query_one("#scenario-box", VerticalScroll).scroll_relative(
            y=lines * 2, animate=False)

    def action_accept(self) -> None:
        if self.phase is CallPhase.ENDED:
            self.show(self.session.rate(None))

    def action_rate(self, value: int) -> None:
        if self.phase is CallPhase.ENDED:
            self.show(self.session.rate(Rating(value)))
