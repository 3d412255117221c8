"""A card's earlier answers, newest first, and a diff between any two attempts."""

from __future__ import annotations

import difflib
from datetime import UTC, datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from interviewprep.core.collection import Collection, QueueItem
from interviewprep.core.scheduling import Rating
from interviewprep.core.store import Answer
from interviewprep.tui.widgets.timer import format_seconds


def unified_diff(older: Answer, newer: Answer) -> Text:
    """Word-wrapped unified diff of two attempts, coloured like a code review."""
    text = Text()
    lines = difflib.unified_diff(
        older.text.splitlines() or [""], newer.text.splitlines() or [""],
        fromfile=_when(older.answered_at), tofile=_when(newer.answered_at), lineterm="", n=2)
    for line in lines:
        style = ("green" if line.startswith("+") else "red" if line.startswith("-")
                 else "cyan" if line.startswith("@@") else "")
        text.append(line + "\n", style=style)
    if not text:
        text.append("The two attempts are the same.")
    return text


def _when(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).astimezone().strftime("%Y-%m-%d %H:%M")


class HistoryScreen(Screen[None]):
    BINDINGS = [
        Binding("m", "mark", "Mark for diff", id="history.mark"),
        Binding("d", "diff", "Diff", id="history.diff"),
        Binding("escape", "back", "Back", id="history.back"),
    ]

    def __init__(self, collection: Collection, item: QueueItem) -> None:
        super().__init__()
        self.collection = collection
        self.item = item
        self.answers = collection.store.answers(item.deck.id, item.card.id, item.deck.language)
        self.marked: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"History · {self.item.card.prompt}", id="history-title")
        with Horizontal(id="history"):
            yield DataTable(id="attempts", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="attempt-view"):
                yield Static(id="attempt")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("When", "Time", "Rating", "Words")
        for index, answer in enumerate(self.answers):
            rating = Rating(answer.rating).label if answer.rating else "—"
            table.add_row(_when(answer.answered_at), format_seconds(answer.seconds), rating,
                          str(len(answer.text.split())), key=str(index))
        self.query_one("#attempt-view").border_title = "Attempt"
        if not self.answers:
            self.query_one("#attempt", Static).update("No earlier answers for this card yet.")
        table.focus()

    def _selected(self) -> int | None:
        table = self.query_one(DataTable)
        return table.cursor_row if self.answers else None

    @on(DataTable.RowHighlighted)
    def show_attempt(self, event: DataTable.RowHighlighted) -> None:
        answer = self.answers[event.cursor_row]
        marked = " (marked)" if self.marked == event.cursor_row else ""
        self.query_one("#attempt-view").border_title = f"Attempt {_when(answer.answered_at)}"
        self.query_one("#attempt", Static).update(
            Text(answer.text or "(nothing typed)") + Text(marked, style="dim"))

    def action_mark(self) -> None:
        self.marked = self._selected()
        if self.marked is not None:
            self.notify("Marked. Move to another attempt and press d to compare.", timeout=3)

    def action_diff(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        other = self.marked if self.marked not in (None, selected) else selected + 1
        if other is None or other >= len(self.answers):
            self.notify("Nothing older to compare with.", timeout=3)
            return
        older, newer = sorted((self.answers[selected], self.answers[other]),
                              key=lambda a: (a.answered_at, a.id))
        self.query_one("#attempt-view").border_title = "Diff: older → newer"
        self.query_one("#attempt", Static).update(unified_diff(older, newer))

    def action_back(self) -> None:
        self.app.pop_screen()
