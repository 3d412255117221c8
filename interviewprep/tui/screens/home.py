"""Home: the decks of the current language with due and new counts, and the decks that
did not load with the reason why. Drills start from here."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from interviewprep.core.collection import Collection, Mode
from interviewprep.core.decks.model import DeckInfo
from interviewprep.core.session import DrillSession

# Long titles are cut so the counts stay visible on an 80-column terminal.
DECK_COLUMN_WIDTH = 38


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "drill", "Drill", id="home.drill", priority=True),
        Binding("a", "drill_all", "Due", id="home.all"),
        Binding("p", "practice", "Practice", id="home.practice"),
        Binding("l", "next_language", "Lang", id="home.language"),
        Binding("e", "every_language", "Langs", id="home.every"),
        Binding("s", "stats", "Stats", id="home.stats"),
        Binding("o", "settings", "Settings", id="home.settings"),
        Binding("q", "app.quit", "Quit", id="home.quit"),
        # q already says it here; keeps the footer within 80 columns.
        Binding("ctrl+q", "app.quit", "Quit", show=False, id="home.ctrl-quit"),
    ]

    def __init__(self, collection: Collection) -> None:
        super().__init__()
        self.collection = collection
        self.every_language = False
        self.shown: list[DeckInfo] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static(id="home-title")
            yield DataTable(id="decks", cursor_type="row", zebra_stripes=True)
            yield Static(id="skipped")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Deck", width=DECK_COLUMN_WIDTH)
        table.add_columns("Lang", "Roles", "Cards", "Due", "New")
        self.refresh_decks()
        table.focus()

    def on_screen_resume(self) -> None:
        self.refresh_decks()

    def refresh_decks(self) -> None:
        c = self.collection
        self.shown = c.decks(every_language=self.every_language)
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        total_due = 0
        for deck, summary in zip(self.shown, c.summaries(self.shown), strict=True):
            total_due += summary.due
            table.add_row(deck.title, deck.language, ", ".join(deck.roles).upper() or "any",
                          str(deck.card_count), _count(summary.due, "green"),
                          _count(summary.new, "cyan"), key=str(deck.key))
        if self.shown:
            table.move_cursor(row=min(row, len(self.shown) - 1))
        scope = "every language" if self.every_language else f"language: {c.settings.language}"
        others = [lang for lang in c.library.languages() if lang != c.settings.language]
        switch = f" · l switches to {', '.join(others)}" if others else ""
        self.query_one("#home-title", Static).update(
            f"Your decks ({scope}{switch}) · {total_due} due · new today: "
            f"{c.new_left_today()} left")
        skipped = self.query_one("#skipped", Static)
        if c.library.skipped:
            text = Text(f"{len(c.library.skipped)} deck file(s) did not load:\n", style="bold")
            for item in c.library.skipped:
                for problem in item.problems[:5]:
                    text.append(f"  {problem}\n", style="red")
            skipped.update(text)
            skipped.display = True
        else:
            skipped.display = False

    def selected(self) -> DeckInfo | None:
        if not self.shown:
            return None
        return self.shown[self.query_one(DataTable).cursor_row]

    def start(self, decks: list[DeckInfo], mode: Mode) -> None:
        from interviewprep.tui.screens.drill import DrillScreen

        if decks:
            self.app.push_screen(DrillScreen(DrillSession(self.collection, decks, mode)))

    def action_drill(self) -> None:
        deck = self.selected()
        self.start([deck] if deck else [], Mode.REVIEW)

    def action_practice(self) -> None:
        deck = self.selected()
        self.start([deck] if deck else [], Mode.PRACTICE)

    def action_drill_all(self) -> None:
        self.start(self.shown, Mode.REVIEW)

    def action_next_language(self) -> None:
        languages = self.collection.library.languages()
        if not languages:
            return
        current = self.collection.settings.language
        following = languages[(languages.index(current) + 1) % len(languages)] if (
            current in languages) else languages[0]
        self.collection.use_language(following, remember=True)
        self.every_language = False
        self.refresh_decks()
        self.notify(f"Language: {following}", timeout=2)

    def action_every_language(self) -> None:
        self.every_language = not self.every_language
        self.refresh_decks()

    def action_stats(self) -> None:
        from interviewprep.tui.screens.stats import StatsScreen

        self.app.push_screen(StatsScreen(self.collection))

    def action_settings(self) -> None:
        from interviewprep.tui.screens.settings import SettingsScreen

        def saved(result: bool | None) -> None:
            if result:
                self.notify("Settings saved.", timeout=2)
                self.refresh_decks()

        self.app.push_screen(SettingsScreen(self.collection), saved)


def _count(value: int, style: str) -> Text:
    return Text(str(value), style=f"bold {style}" if value else "dim")
