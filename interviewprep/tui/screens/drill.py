"""The drill: prompt, answer box against the clock, reveal, rate. One card at a time.

The screen shows a `DrillSession`; the session decides what comes next and records
everything. The answer is saved the moment it is submitted, the draft every few seconds.

Every key's effect on the session happens at once and in order; the widgets of the card
area are swapped without awaiting, so a quick "ctrl+s 3" is never lost or misapplied.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Static, TextArea

from interviewprep.core.analysis import analyse
from interviewprep.core.collection import Collection, Mode, QueueItem
from interviewprep.core.scheduling import Rating
from interviewprep.core.session import DrillSession
from interviewprep.tui.widgets.answer_box import AnswerBox
from interviewprep.tui.widgets.guidance import feedback, guidance
from interviewprep.tui.widgets.ratings import RatingBar
from interviewprep.tui.widgets.timer import AnswerTimer

DRAFT_SAVE_EVERY_S = 2.0
ANSWER_TITLE = "Your answer (ctrl+s to submit; empty is fine if you said it aloud)"


class DrillScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+s", "submit", "Submit answer", id="drill.submit", priority=True),
        Binding("space", "reveal", "Reveal", id="drill.reveal"),
        Binding("1", "rate(1)", "Again", id="drill.again"),
        Binding("2", "rate(2)", "Hard", id="drill.hard"),
        Binding("3", "rate(3)", "Good", id="drill.good"),
        Binding("4", "rate(4)", "Easy", id="drill.easy"),
        Binding("h", "history", "History", id="drill.history"),
        Binding("u", "undo", "Undo rating", id="drill.undo"),
        Binding("escape", "back", "Back", id="drill.back"),
    ]

    def __init__(self, session: DrillSession) -> None:
        super().__init__()
        self.session = session
        self.revealed = False
        self.draft_dirty = False
        self.spent = 0.0  # seconds on the current card, fixed when it is revealed
        self.timer: AnswerTimer | None = None
        self.box: AnswerBox | None = None

    @property
    def collection(self) -> Collection:
        return self.session.collection

    @property
    def item(self) -> QueueItem | None:
        return self.session.current

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="drill"):
            yield Static(id="drill-meta")
            yield Static(id="prompt")
            yield Vertical(id="card-area")
            yield RatingBar(id="ratings")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.set_interval(DRAFT_SAVE_EVERY_S, self.save_draft)
        if self.session.current is None:
            self.session.advance()
        self.show_card()

    # -- showing a card ---------------------------------------------------------------------

    def _fill_area(self, *widgets: Widget) -> None:
        area = self.query_one("#card-area", Vertical)
        area.remove_children()
        area.mount(*widgets)

    def show_card(self) -> None:
        item = self.item
        if item is None:
            self.finish()
            return
        self.revealed = False
        self.draft_dirty = False
        self.box = None
        done = len(self.session.outcomes)
        mode = " · practice" if self.session.mode is Mode.PRACTICE else ""
        status = "new" if item.state is None else "review"
        self.query_one("#drill-meta", Static).update(
            f"{item.deck.title} · {item.card.kind.value} · {status} · {done} done{mode}")
        self.query_one("#prompt", Static).update(item.card.prompt)
        draft = self.collection.store.draft(item.ref)
        self.timer = AnswerTimer(self.collection.clock, self.collection.time_limit(item.card),
                                 already=draft.seconds if draft else 0.0, classes="timer")
        if item.card.kind.is_rehearsed:
            box = AnswerBox(draft.text if draft else "", soft_wrap=True,
                            show_line_numbers=False, classes="answer")
            box.cursor_blink = self.app.cursor_blink  # type: ignore[attr-defined]
            box.border_title = ANSWER_TITLE
            self.box = box
            self._fill_area(self.timer, box)
            box.focus()
            if draft:
                box.move_cursor(box.document.end)
                self.notify("Restored your unsaved draft.", timeout=3)
        else:
            self._fill_area(self.timer, Static(
                "Recall the answer, then press space to reveal.", classes="hint"))
            self.set_focus(None)
        self.query_one(RatingBar).display = False
        self.refresh_bindings()

    def reveal(self, answer_text: str | None, seconds: float) -> None:
        item = self.item
        assert item is not None
        self.revealed = True
        self.spent = seconds
        guide = VerticalScroll(Static(guidance(item.card)), classes="guidance")
        guide.border_title = "Guidance"
        if answer_text is None:
            self._fill_area(guide)
        else:
            result = analyse(item.card, answer_text, seconds,
                             self.collection.time_limit(item.card), item.deck.language)
            mine = VerticalScroll(
                Static(answer_text or "(nothing typed)", classes="typed"),
                Static(feedback(result)), classes="mine")
            mine.border_title = "Your answer"
            self._fill_area(Horizontal(mine, guide, classes="compare"))
        bar = self.query_one(RatingBar)
        bar.show(None if self.session.mode is Mode.PRACTICE else self.collection.preview(item))
        bar.display = True
        self.set_focus(None)
        self.refresh_bindings()

    def finish(self) -> None:
        from interviewprep.tui.screens.summary import SummaryScreen

        self.app.switch_screen(SummaryScreen(self.session.summary()))

    # -- actions ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        item = self.item
        if item is None:
            return None
        if action == "submit":
            return not self.revealed and item.card.kind.is_rehearsed
        if action == "reveal":
            return not self.revealed and not item.card.kind.is_rehearsed
        if action == "rate":
            return self.revealed
        if action == "undo":
            return bool(self.session.outcomes)
        return True

    def _stop_timer(self) -> float:
        return self.timer.stop() if self.timer is not None else 0.0

    def action_submit(self) -> None:
        if not self.check_action("submit", ()) or self.box is None:
            return
        box = self.box
        # Keys pressed from here on go to the drill, not the box.
        box.read_only = True
        self.set_focus(None)
        seconds = self._stop_timer()
        self.session.submit_answer(box.text, seconds)  # committed before anything else
        self.reveal(box.text, seconds)

    def action_reveal(self) -> None:
        if self.check_action("reveal", ()):
            self.reveal(None, self._stop_timer())

    def action_rate(self, value: int) -> None:
        if self.revealed:
            self.session.rate(Rating(value), self.spent)
            self.show_card()

    def action_undo(self) -> None:
        outcome = self.session.undo()
        if outcome is None:
            return
        self.notify("Rating undone: rate it again.", timeout=2)
        self.show_card()
        # The card was revealed when it was rated: show it revealed again, with the answer
        # that was saved, rather than asking for the answer a second time.
        saved = self.collection.store.answer(outcome.answer_id) if outcome.answer_id else None
        self._stop_timer()
        self.reveal(saved.text if saved else None, outcome.seconds)

    def action_history(self) -> None:
        from interviewprep.tui.screens.history import HistoryScreen

        if self.item is not None:
            self.save_draft()
            self.app.push_screen(HistoryScreen(self.collection, self.item))

    def action_back(self) -> None:
        self.save_draft()
        self.app.pop_screen()

    # -- drafts -----------------------------------------------------------------------------

    @on(TextArea.Changed)
    def mark_dirty(self, event: TextArea.Changed) -> None:
        if event.text_area is self.box:
            self.draft_dirty = True

    def save_draft(self) -> None:
        """Keep what is in the answer box, so a crash or a quit loses nothing typed."""
        item = self.item
        if item is None or self.revealed or not self.draft_dirty or self.box is None:
            return
        elapsed = self.timer.elapsed if self.timer is not None else 0.0
        self.collection.store.save_draft(item.ref, self.box.text, elapsed,
                                         self.collection.clock())
        self.draft_dirty = False

    def on_unmount(self) -> None:
        self.save_draft()
