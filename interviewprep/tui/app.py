"""The Textual app and its factory `make_app`, shared by the CLI, `python -m` and tests."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from interviewprep.core.collection import Collection, Mode
from interviewprep.core.decks.model import DeckInfo
from interviewprep.core.session import DrillSession
from interviewprep.i18n import N_, _
from interviewprep.tui.commands import binding_commands
from interviewprep.tui.screens.home import HomeScreen


class InterviewPrepApp(App[None]):
    TITLE = "interviewprep"
    SUB_TITLE = "rehearse your sales interview"
    CSS_PATH = "app.tcss"
    BINDINGS = [Binding("ctrl+q", "quit", N_("Quit"), id="app.quit")]

    def __init__(self, collection: Collection, start_deck: DeckInfo | None = None,
                 mode: Mode = Mode.REVIEW, cursor_blink: bool = True) -> None:
        super().__init__()
        self.collection = collection
        self.start_deck = start_deck
        self.mode = mode
        self.cursor_blink = cursor_blink

    def on_mount(self) -> None:
        self.collection.interactive()
        saved_theme = self.collection.theme()
        if saved_theme in self.available_themes:
            self.theme = saved_theme
        self.theme_changed_signal.subscribe(self, self.remember_theme)
        if self.start_deck is None:
            self.push_screen(HomeScreen(self.collection))
            return
        # Straight into the drill: the deck list is built only when the person goes back
        # to it, so the first card appears sooner.
        from interviewprep.tui.screens.drill import DrillScreen

        session = DrillSession(self.collection, [self.start_deck], self.mode)
        self.push_screen(DrillScreen(session))

    def remember_theme(self, theme: Theme) -> None:
        """A theme picked in the command palette is the theme next time too."""
        self.collection.set_theme(theme.name)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Only the app's own commands: Textual's screenshot, key panel and maximise are
        not part of interviewprep."""
        yield from binding_commands(screen)
        if not isinstance(screen, HomeScreen):
            yield SystemCommand(_("Home"), _("Back to the deck list"), self.action_home)
        yield SystemCommand(_("Theme"), _("Change the colours of the app"),
                            self.action_change_theme)
        yield SystemCommand(_("Quit"), _("Leave interviewprep (drafts are kept)"),
                            self.action_quit)

    def action_home(self) -> None:
        """Back to the deck list, building it if the app started in a drill."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if not isinstance(self.screen, HomeScreen):
            self.switch_screen(HomeScreen(self.collection))

    def go_back(self) -> None:
        """Leave the current screen for the one below it, or for the deck list."""
        if len(self.screen_stack) > 2:
            self.pop_screen()
        else:
            self.switch_screen(HomeScreen(self.collection))


def make_app(collection: Collection, start_deck: DeckInfo | None = None,
             mode: Mode = Mode.REVIEW, cursor_blink: bool = True) -> InterviewPrepApp:
    """Build the app over an open collection; the caller owns the collection."""
    return InterviewPrepApp(collection, start_deck, mode, cursor_blink)
