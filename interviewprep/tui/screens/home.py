"""Home: the decks of the current language with due and new counts, and the decks that
did not load with the reason why. Drills start from here."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Static

from interviewprep.core.card_queue import Mode
from interviewprep.core.collection import Collection
from interviewprep.core.decks.model import DeckInfo
from interviewprep.core.text import visible
from interviewprep.i18n import N_, _, ngettext
from interviewprep.tui.appref import app_of
from interviewprep.tui.translation import translate_bindings
from interviewprep.tui.widgets.columns import Column, fit_columns
from interviewprep.tui.widgets.footer import AppFooter
from interviewprep.tui.widgets.header import AppHeader

# The deck column takes the width the counts leave; on a narrow terminal Roles, then Lang,
# then Cards make way, so titles stay wide enough to tell apart (cut in the middle: decks
# often differ only in their last words) and Due and New always show.
MIN_DECK_COLUMN = 24
# #home has one cell of padding either side (home.tcss).
HOME_PADDING = 2


class HomeScreen(Screen[None]):
    CSS_PATH = "home.tcss"  # loaded when the screen is first shown
    BINDINGS = [
        Binding("enter", "drill", N_("Drill"), id="home.drill", priority=True),
        Binding("a", "drill_all", N_("Due"), tooltip=N_("Drill everything due"),
                id="home.all"),
        # Practice is also in the Rehearse dialog; the footer must fit 60 columns.
        Binding("p", "practice", N_("Practice"), show=False, id="home.practice"),
        Binding("r", "rehearse", N_("Rehearse"), id="home.rehearse"),
        # In the Rehearse dialog and the command palette; not in the footer, which must fit.
        Binding("m", "rehearse_mode('mock')", N_("Mock interview"), show=False,
                id="home.mock"),
        Binding("f", "rehearse_mode('quickfire')", N_("Objection quick-fire"), show=False,
                id="home.quickfire"),
        Binding("w", "rehearse_mode('weak')", N_("Weak spots"), show=False, id="home.weak"),
        Binding("b", "browse", N_("Browse"), id="home.browse"),
        # The line under the title names this key (the footer is full at 60 columns).
        Binding("i", "interviews", N_("Interviews"), show=False, id="home.interviews"),
        Binding("n", "deck_limit", N_("New/day"), show=False,
                tooltip=N_("New cards a day for this deck"), id="home.deck-limit"),
        # The title line says what l switches to; the footer need not.
        Binding("l", "next_language", N_("Lang"), show=False,
                tooltip=N_("Switch the decks' language"), id="home.language"),
        Binding("e", "every_language", N_("Langs"), show=False,
                tooltip=N_("Show the decks of every language"), id="home.every"),
        Binding("s", "stats", N_("Stats"), id="home.stats"),
        Binding("o", "settings", N_("Settings"), id="home.settings"),
        Binding("q", "app.quit", N_("Quit"), id="home.quit"),
        # q already says it here; keeps the footer within 80 columns.
        Binding("ctrl+q", "app.quit", N_("Quit"), show=False, id="home.ctrl-quit"),
    ]

    def __init__(self, collection: Collection) -> None:
        super().__init__()
        translate_bindings(self)
        self.collection = collection
        self.every_language = False
        self.shown: list[DeckInfo] = []

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Vertical(id="home"):
            yield Static(id="home-title")
            yield Static(id="next-interview", markup=False)
            yield DataTable(id="decks", cursor_type="row", zebra_stripes=True)
            yield Static(id="skipped")
        yield AppFooter()

    def on_mount(self) -> None:
        self.refresh_decks()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        self.refresh_decks()

    def on_screen_resume(self) -> None:
        # A deck file edited meanwhile (in $EDITOR, or a coach's linked deck) is reloaded.
        self.collection.reload_decks()
        self.refresh_decks()

    def refresh_decks(self) -> None:
        c = self.collection
        self.shown = c.decks(every_language=self.every_language)
        table: DataTable[Text] = self.query_one(DataTable)
        row = table.cursor_row
        columns = [Column(_("Deck")), Column(_("Due")), Column(_("New")),
                   Column(_("Cards"), drop_order=1), Column(_("Lang"), drop_order=2),
                   Column(_("Roles"), drop_order=3)]
        total_due = total_new = 0
        for deck, summary in zip(self.shown, c.summaries(self.shown), strict=True):
            total_due += summary.due
            total_new += summary.new
            roles = ", ".join(deck.roles).upper() or _("any")
            cells = (Text(visible(deck.title)), _count(summary.due, "green"),
                     _count(summary.new, "cyan"), Text(str(deck.card_count)),
                     Text(visible(deck.language)), Text(visible(roles)))
            for column, cell in zip(columns, cells, strict=True):
                column.cells.append(cell)
        fit_columns(table, self.size.width - HOME_PADDING, columns,
                    [str(deck.key) for deck in self.shown], minimum=MIN_DECK_COLUMN,
                    middle=True)
        if self.shown:
            table.move_cursor(row=min(row, len(self.shown) - 1))
        scope = (_("every language") if self.every_language
                 else _("language: {language}").format(language=c.settings.language))
        others = [lang for lang in c.library.languages() if lang != c.settings.language]
        switch = (" · " + _("l switches to {languages}").format(languages=", ".join(others))
                  if others else "")
        self.query_one("#home-title", Static).update(Text(visible(
            _("Your decks ({scope}{switch}) · {due} · {new}").format(
                scope=scope, switch=switch,
                due=ngettext("{count} due", "{count} due", total_due).format(count=total_due),
                new=ngettext("{count} new today", "{count} new today", total_new).format(
                    count=total_new)))))
        self.query_one("#next-interview", Static).update(self._next_interview())
        skipped = self.query_one("#skipped", Static)
        if c.library.skipped:
            count = len(c.library.skipped)
            text = Text(ngettext("{count} deck file did not load:",
                                 "{count} deck files did not load:", count).format(count=count)
                        + "\n", style="bold")
            for item in c.library.skipped:
                for problem in item.problems[:5]:
                    text.append(f"  {visible(str(problem))}\n", style="red")
            skipped.update(text)
            skipped.display = True
        else:
            skipped.display = False

    def _next_interview(self) -> Text:
        from interviewprep.core import interviews

        upcoming = interviews.next_interview(self.collection)
        if upcoming is None:
            return Text(_("Preparing for a real interview? Press i to plan for its date."),
                        style="dim")
        left = interviews.days_left(self.collection, upcoming)
        when = (_("today") if left == 0 else ngettext("in {count} day", "in {count} days",
                                                      left).format(count=left))
        return Text(_("Next interview: {company}, {when} · i: your plan").format(
            company=visible(upcoming.company), when=when), style="bold")

    def selected(self) -> DeckInfo | None:
        if not self.shown:
            return None
        return self.shown[self.query_one(DataTable).cursor_row]

    def start(self, decks: list[DeckInfo], mode: Mode) -> None:
        from interviewprep.tui.screens.drill import DrillScreen

        if decks:
            session = app_of(self).new_session(decks, mode)
            self.app.push_screen(DrillScreen(session))

    def action_drill(self) -> None:
        deck = self.selected()
        self.start([deck] if deck else [], Mode.REVIEW)

    def action_practice(self) -> None:
        deck = self.selected()
        self.start([deck] if deck else [], Mode.PRACTICE)

    def action_rehearse(self) -> None:
        from interviewprep.tui.screens.rehearse import RehearseScreen

        deck = self.selected()
        if deck is None:
            return

        def chosen(choice: str | None) -> None:
            if choice:
                self.action_rehearse_mode(choice)

        self.app.push_screen(RehearseScreen(self.collection, deck), chosen)

    def action_rehearse_mode(self, choice: str) -> None:
        from interviewprep.tui.screens.rehearse import rehearsal_screen

        deck = self.selected()
        if deck is None:
            return
        screen = rehearsal_screen(app_of(self), [deck], choice)
        if screen is None:
            self.notify(_("Nothing to rehearse that way in this deck."), timeout=3)
            return
        self.app.push_screen(screen)

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
        self.notify(_("Language: {language}").format(language=following), timeout=2)

    def action_every_language(self) -> None:
        self.every_language = not self.every_language
        self.refresh_decks()

    def action_stats(self) -> None:
        from interviewprep.tui.screens.stats import StatsScreen

        self.app.push_screen(StatsScreen(self.collection))

    def action_settings(self) -> None:
        from interviewprep.tui.screens.settings import SettingsScreen

        language_before = self.collection.settings.ui_language

        def saved(result: bool | None) -> None:
            if not result:
                return
            language = self.collection.settings.ui_language
            if language != language_before:
                # This screen is rebuilt in the new language; notify through the app.
                app_of(self).use_ui_language(language or None)
                self.app.notify(_("Settings saved."), timeout=2)
                return
            self.notify(_("Settings saved."), timeout=2)
            self.refresh_decks()

        self.app.push_screen(SettingsScreen(self.collection), saved)

    def action_interviews(self) -> None:
        from interviewprep.tui.screens.interviews import InterviewsScreen

        self.app.push_screen(InterviewsScreen(self.collection))

    def action_browse(self) -> None:
        from interviewprep.tui.screens.browser import BrowserScreen

        deck = self.selected()
        if deck is not None:
            self.app.push_screen(BrowserScreen(self.collection, deck))

    def action_deck_limit(self) -> None:
        from interviewprep.tui.screens.deck_limit import DeckLimitScreen

        deck = self.selected()
        if deck is None:
            return

        def saved(result: bool | None) -> None:
            if result:
                self.notify(_("New cards a day saved for this deck."), timeout=2)
                self.refresh_decks()

        self.app.push_screen(DeckLimitScreen(self.collection, deck), saved)


def _count(value: int, style: str) -> Text:
    return Text(str(value), style=f"bold {style}" if value else "dim")
