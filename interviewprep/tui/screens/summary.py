"""After the last card: what the session did and when the next card is due."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from interviewprep.core.scheduling import format_interval
from interviewprep.core.session import SessionSummary
from interviewprep.tui.widgets.timer import format_seconds


class SummaryScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Home", id="summary.back"),
        Binding("enter", "back", "Home", show=False, id="summary.enter"),
    ]

    def __init__(self, summary: SessionSummary, now: datetime | None = None) -> None:
        super().__init__()
        self.summary = summary
        self.now = now

    def compose(self) -> ComposeResult:
        s = self.summary
        clock = getattr(self.app, "collection", None)
        now = self.now or (clock.clock() if clock else datetime.now(UTC))
        if s.next_due is None:
            next_due = "nothing scheduled yet"
        elif s.next_due <= now:
            next_due = "cards are due now"
        else:
            local = s.next_due.astimezone()
            next_due = f"in {format_interval(s.next_due - now)} ({local:%a %d %b %H:%M})"
        ratings = "   ".join(f"{rating.label}: {count}" for rating, count in s.ratings.items())
        yield Header()
        with Vertical(id="summary"):
            yield Static("Session complete" if s.cards_done else "Nothing to drill right now",
                         id="summary-title")
            yield Static(
                f"Cards done:     {s.cards_done}\n"
                f"Time spent:     {format_seconds(s.seconds)}\n"
                f"Answers saved:  {s.answers_saved}\n"
                f"Ratings:        {ratings}\n"
                f"Next card due:  {next_due}",
                id="summary-body",
            )
            yield Static("Press escape or enter to go back to your decks.", classes="hint")
        yield Footer(compact=True)

    def action_back(self) -> None:
        self.app.pop_screen()
