"""The drill: prompt, answer box against the clock, reveal, rate. One card at a time.

The screen shows a `DrillSession`; the session decides what comes next and records
everything. The answer is saved the moment it is submitted, the draft every few seconds.
"""

from __future__ import annotations

import asyncio

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
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
        # Changing cards awaits mounts, during which further keys arrive: actions take
        # turns so a quick "ctrl+s 3" is never lost or applied to the wrong card.
        self.turn = asyncio.Lock()

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
        yield Footer()

    async def on_mount(self) -> None:
        self.set_interval(DRAFT_SAVE_EVERY_S, self.save_draft)
        async with self.turn:
            if self.session.current is None:
                self.session.advance()
            await self.show_card()

    # -- showing a card ---------------------------------------------------------------------

    async def show_card(self) -> None:
        item = self.item
        if item is None:
            self.finish()
            return
        self.revealed = False
        self.draft_dirty = False
        done = len(self.session.outcomes)
        mode = " · practice" if self.session.mode is Mode.PRACTICE else ""
        status = "new" if item.state is None else "review"
        self.query_one("#drill-meta", Static).update(
            f"{item.deck.title} · {item.card.kind.value} · {status} · {done} done{mode}")
        self.query_one("#prompt", Static).update(item.card.prompt)
        area = self.query_one("#card-area", Vertical)
        await area.remove_children()
        draft = self.collection.store.draft(item.ref)
        timer = AnswerTimer(self.collection.clock, self.collection.time_limit(item.card),
                            already=draft.seconds if draft else 0.0, id="timer")
        if item.card.kind.is_rehearsed:
            box = AnswerBox(draft.text if draft else "", id="answer", soft_wrap=True,
                            show_line_numbers=False)
            box.cursor_blink = self.app.cursor_blink  # type: ignore[attr-defined]
            box.border_title = "Your answer (ctrl+s to submit; empty is fine if you said it aloud)"
            await area.mount(timer, box)
            box.focus()
            if draft:
                box.move_cursor(box.document.end)
                self.notify("Restored your unsaved draft.", timeout=3)
        else:
            await area.mount(timer, Static("Recall the answer, then press space to reveal.",
                                     id="tip-hint", classes="hint"))
            self.set_focus(None)
        self.query_one(RatingBar).display = False
        self.refresh_bindings()

    async def reveal(self, answer_text: str | None, seconds: float) -> None:
        item = self.item
        assert item is not None
        self.revealed = True
        area = self.query_one("#card-area", Vertical)
        await area.remove_children()
        guide = VerticalScroll(Static(guidance(item.card)), id="guidance")
        guide.border_title = "Guidance"
        if answer_text is None:
            await area.mount(guide)
        else:
            result = analyse(item.card, answer_text, seconds,
                             self.collection.time_limit(item.card), item.deck.language)
            mine = VerticalScroll(
                Static(answer_text or "(nothing typed)", classes="typed"),
                Static(feedback(result)), id="mine")
            mine.border_title = "Your answer"
            await area.mount(Horizontal(mine, guide, id="compare"))
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

    def _timer(self) -> AnswerTimer:
        return self.query_one("#timer", AnswerTimer)

    async def action_submit(self) -> None:
        async with self.turn:
            await self._submit()

    async def _submit(self) -> None:
        if not self.check_action("submit", ()):
            return
        box = self.query_one("#answer", TextArea)
        # Before any await: keys pressed from here on go to the drill, not the box.
        box.read_only = True
        self.set_focus(None)
        text = box.text
        seconds = self._timer().stop()
        self.spent = seconds
        self.session.submit_answer(text, seconds)  # committed before anything else happens
        await self.reveal(text, seconds)

    async def action_reveal(self) -> None:
        async with self.turn:
            await self._reveal_tip()

    async def _reveal_tip(self) -> None:
        if not self.check_action("reveal", ()):
            return
        self.spent = self._timer().stop()
        await self.reveal(None, self.spent)

    async def action_rate(self, value: int) -> None:
        async with self.turn:
            if not self.revealed:
                return
            self.session.rate(Rating(value), self.spent)
            await self.show_card()

    async def action_undo(self) -> None:
        async with self.turn:
            await self._undo()

    async def _undo(self) -> None:
        outcome = self.session.undo()
        if outcome is None:
            return
        self.notify("Rating undone: rate it again.", timeout=2)
        await self.show_card()
        # The card was revealed when it was rated: show it revealed again, with the answer
        # that was saved, rather than asking for the answer a second time.
        saved = self.collection.store.answer(outcome.answer_id) if outcome.answer_id else None
        self._timer().stop()
        self.spent = outcome.seconds
        await self.reveal(saved.text if saved else None, outcome.seconds)

    def action_history(self) -> None:
        from interviewprep.tui.screens.history import HistoryScreen

        if self.item is not None:
            self.save_draft()
            self.app.push_screen(HistoryScreen(self.collection, self.item))

    def action_back(self) -> None:
        self.save_draft()
        self.app.pop_screen()

    # -- drafts -----------------------------------------------------------------------------

    @on(TextArea.Changed, "#answer")
    def mark_dirty(self) -> None:
        self.draft_dirty = True

    def save_draft(self) -> None:
        """Keep what is in the answer box, so a crash or a quit loses nothing typed."""
        item = self.item
        if item is None or self.revealed or not self.draft_dirty:
            return
        boxes = self.query("#answer").results(TextArea)
        box = next(boxes, None)
        if box is None:
            return
        self.collection.store.save_draft(item.ref, box.text, self._timer().elapsed,
                                         self.collection.clock())
        self.draft_dirty = False

    def on_unmount(self) -> None:
        self.save_draft()
