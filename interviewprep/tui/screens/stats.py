"""Progress: reviews per day and the due forecast as sparklines, retention and streak."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Sparkline, Static

from interviewprep.core.collection import Collection
from interviewprep.core.stats import Stats, compute
from interviewprep.i18n import N_, _, format_date, format_percent, ngettext
from interviewprep.tui.translation import translate_bindings
from interviewprep.tui.widgets.footer import AppFooter
from interviewprep.tui.widgets.header import AppHeader
from interviewprep.tui.widgets.keep_together import KeepTogether


class StatsScreen(Screen[None]):
    CSS_PATH = "stats.tcss"  # loaded when the screen is first shown
    BINDINGS = [Binding("escape", "back", N_("Back"), id="stats.back")]

    class Computed(Message):
        def __init__(self, stats: Stats) -> None:
            super().__init__()
            self.stats = stats

    def __init__(self, collection: Collection) -> None:
        super().__init__()
        translate_bindings(self)
        self.collection = collection

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Vertical(id="stats"):
            yield Static(_("Working out your stats…"), id="stats-figures")
            yield Static(_("Reviews per day, last 30 days"), classes="chart-title")
            yield Sparkline([], id="reviews-chart")
            yield Static(id="reviews-axis", classes="hint")
            yield Static(_("Cards due, next 14 days"), classes="chart-title")
            yield Sparkline([], id="forecast-chart")
            yield Static(id="forecast-axis", classes="hint")
        yield AppFooter()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        # The worker reads through its own read-only connection, never the app's.
        with self.collection.reader() as reader:
            stats = compute(self.collection, store=reader)
        self.post_message(self.Computed(stats))

    def on_stats_screen_computed(self, message: Computed) -> None:
        stats = message.stats
        retention = (format_percent(stats.retention) if stats.retention is not None
                     else _("n/a yet"))
        streak = ngettext("{count} day", "{count} days", stats.streak_days).format(
            count=stats.streak_days)
        self.query_one("#stats-figures", Static).update(KeepTogether(Text(
            _("Reviews: {reviews}    Answers saved: {answers}    Retention (30 days): "
              "{retention}    Streak: {streak}").format(
                reviews=stats.total_reviews, answers=stats.total_answers, retention=retention,
                streak=streak))))
        reviews = [n for _day, n in stats.reviews_per_day]
        forecast = [n for _day, n in stats.due_forecast]
        self.query_one("#reviews-chart", Sparkline).data = reviews
        self.query_one("#forecast-chart", Sparkline).data = forecast
        first, last = stats.reviews_per_day[0][0], stats.reviews_per_day[-1][0]
        self.query_one("#reviews-axis", Static).update(
            _("{first} … {last}: {reviews}, busiest day {busiest}").format(
                first=format_date(first), last=format_date(last),
                reviews=ngettext("{count} review", "{count} reviews", sum(reviews)).format(
                    count=sum(reviews)), busiest=max(reviews)))
        self.query_one("#forecast-axis", Static).update(
            _("due today: {today} · next 7 days: {week} · next 14 days: {fortnight}").format(
                today=forecast[0], week=sum(forecast[:7]), fortnight=sum(forecast)))

    def action_back(self) -> None:
        self.app.pop_screen()
