"""Progress: reviews per day and the due forecast as sparklines, retention and streak."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Sparkline, Static

from interviewprep.core.collection import Collection
from interviewprep.core.stats import Stats, compute


class StatsScreen(Screen[None]):
    BINDINGS = [Binding("escape", "back", "Back", id="stats.back")]

    class Computed(Message):
        def __init__(self, stats: Stats) -> None:
            super().__init__()
            self.stats = stats

    def __init__(self, collection: Collection) -> None:
        super().__init__()
        self.collection = collection

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="stats"):
            yield Static("Working out your stats…", id="stats-figures")
            yield Static("Reviews per day, last 30 days", classes="chart-title")
            yield Sparkline([], id="reviews-chart")
            yield Static(id="reviews-axis", classes="hint")
            yield Static("Cards due, next 14 days", classes="chart-title")
            yield Sparkline([], id="forecast-chart")
            yield Static(id="forecast-axis", classes="hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        with self.collection.store.locked():
            stats = compute(self.collection)
        self.post_message(self.Computed(stats))

    def on_stats_screen_computed(self, message: Computed) -> None:
        stats = message.stats
        retention = f"{stats.retention:.0%}" if stats.retention is not None else "n/a yet"
        self.query_one("#stats-figures", Static).update(
            f"Reviews: {stats.total_reviews}    Answers saved: {stats.total_answers}    "
            f"Retention (30 days): {retention}    Streak: {stats.streak_days} day(s)")
        reviews = [n for _, n in stats.reviews_per_day]
        forecast = [n for _, n in stats.due_forecast]
        self.query_one("#reviews-chart", Sparkline).data = reviews
        self.query_one("#forecast-chart", Sparkline).data = forecast
        first, last = stats.reviews_per_day[0][0], stats.reviews_per_day[-1][0]
        self.query_one("#reviews-axis", Static).update(
            f"{first:%d %b} … {last:%d %b}: {sum(reviews)} reviews, busiest day {max(reviews)}")
        self.query_one("#forecast-axis", Static).update(
            f"today: {forecast[0]} due · next 7 days: {sum(forecast[:7])} · "
            f"next 14 days: {sum(forecast)}")

    def action_back(self) -> None:
        self.app.pop_screen()
