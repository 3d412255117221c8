"""The Textual app and its factory `make_app`, shared by the CLI, `python -m` and tests."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from rich.segment import Segments
from rich.text import Text
from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme, ThemeProvider

from interviewprep import i18n, launch
from interviewprep.core.card_queue import Mode
from interviewprep.core.collection import Collection
from interviewprep.core.decks.model import DeckInfo
from interviewprep.core.session import DrillSession
from interviewprep.core.settings import AnswerMode
from interviewprep.core.voice.drill import DeviceFactory
from interviewprep.i18n import N_, _
from interviewprep.lazy import lazy_module
from interviewprep.tui.commands import AppCommandPalette, binding_commands
from interviewprep.tui.translation import key_display, translate_bindings

HANG_UP_GRACE_S = 2.0

if TYPE_CHECKING:
    from interviewprep.core.voice.speech import PromptReader
    from interviewprep.tui.screens import home
else:  # a drill started from the command line shows the deck list only on the way back
    home = lazy_module("interviewprep.tui.screens.home")


class InterviewPrepApp(App[None]):
    TITLE = "interviewprep"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("ctrl+q", "quit", N_("Quit"), id="app.quit"),
        # Textual's own palette binding, declared here so its label is translated.
        Binding("ctrl+p", "command_palette", N_("palette"), show=False, priority=True,
                tooltip=N_("Open the command palette"), id="app.palette"),
    ]

    def __init__(self, collection: Collection, start_deck: DeckInfo | None = None,
                 mode: Mode = Mode.REVIEW, cursor_blink: bool = True,
                 ui_language: str | None = None,
                 device_factory: DeviceFactory | None = None, rehearsal: str | None = None,
                 questions: int | None = None) -> None:
        super().__init__()
        self.device_factory = device_factory  # the microphone (None: the system's)
        # The language asked for (--ui-lang), else the person's setting, else the system's.
        i18n.set_language(ui_language or collection.settings.ui_language or None)
        translate_bindings(self)
        self.sub_title = _("rehearse your sales interview")
        self.collection = collection
        self.start_deck = start_deck
        self.mode = mode
        self.rehearsal = rehearsal  # a choice of tui.screens.rehearse, instead of `mode`
        self.questions = questions
        self.cursor_blink = cursor_blink
        self._told_reading_failure = False

    def on_mount(self) -> None:
        self.collection.interactive()
        saved_theme = self.collection.theme()
        if saved_theme in self.available_themes:
            self.theme = saved_theme
        self.theme_changed_signal.subscribe(self, self.remember_theme)
        self.leave_on_hang_up()
        # The first screen opens once the app has mounted: pushed while the app mounts, its
        # first frame is drawn inside Textual's start-up batch, thrown away, and drawn again
        # a frame later.
        self.call_later(self.open_first_screen)

    def leave_on_hang_up(self) -> None:
        """Closing the terminal window (SIGHUP) or being told to stop (SIGTERM) saves what
        is typed and leaves, as ctrl+q does; by default Python would die on the spot,
        losing the last seconds of typing."""
        if self.is_headless:
            return
        loop = asyncio.get_running_loop()
        for name in ("SIGHUP", "SIGTERM"):
            signum = getattr(signal, name, None)
            if signum is None:
                continue
            try:
                loop.add_signal_handler(signum, self.hang_up)
            except (NotImplementedError, RuntimeError):  # not on this platform or thread
                return

    def hang_up(self) -> None:
        """Every screen saves what is typed, then the app leaves as ctrl+q does. When the
        terminal is gone, Textual's exit waits for ever to write to it, so after a grace
        period the database is closed and the process ends regardless."""
        for screen in self.screen_stack:
            save = getattr(screen, "save_draft", None)
            if callable(save):
                save()
        self.exit()
        watchdog = threading.Timer(HANG_UP_GRACE_S, self._end_now)
        watchdog.daemon = True
        watchdog.start()

    def _end_now(self) -> None:
        self.collection.close()
        os._exit(0)

    async def open_first_screen(self) -> None:
        await self.push_screen(self.first_screen())
        self.call_after_refresh(launch.started)

    def first_screen(self) -> Screen[Any]:
        if self.start_deck is None:
            return home.HomeScreen(self.collection)
        # Straight into the drill: the deck list is built only when the person goes back
        # to it, so the first card appears sooner.
        from interviewprep.tui.screens.drill import DrillScreen

        if self.rehearsal is None:
            return DrillScreen(self.new_session([self.start_deck], self.mode))
        from interviewprep.tui.screens.rehearse import rehearsal_screen

        screen = rehearsal_screen(self, [self.start_deck], self.rehearsal, self.questions)
        if screen is None:
            self.notify(_("Nothing to rehearse that way in this deck."), timeout=5)
            return home.HomeScreen(self.collection)
        return screen

    def new_session(self, decks: Sequence[DeckInfo], mode: Mode,
                    answer_mode: AnswerMode | None = None) -> DrillSession:
        """A drill over `decks`; every screen starts drills here, with the app's devices."""
        return DrillSession(self.collection, decks, mode, answer_mode,
                            device_factory=self.device_factory, reader=self.prompt_reader())

    def prompt_reader(self) -> PromptReader | None:
        """What reads questions aloud, when the person asked for it in the settings."""
        if not self.collection.settings.read_aloud:
            return None
        from interviewprep.core.voice.speech import reader_for

        return reader_for(self.device_factory)

    def tell_reading_failure(self, failure: str | None) -> None:
        """Say once a run why questions cannot be read aloud; the drill goes on without."""
        if failure is not None and not self._told_reading_failure:
            self._told_reading_failure = True
            self.notify(failure, title=_("Questions are not read aloud"), severity="warning",
                        markup=False, timeout=10)

    def remember_theme(self, theme: Theme) -> None:
        """A theme picked in the command palette is the theme next time too."""
        self.collection.set_theme(theme.name)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Only the app's own commands: Textual's screenshot, key panel and maximise are
        not part of interviewprep."""
        yield from binding_commands(screen)
        if not isinstance(screen, home.HomeScreen):
            yield SystemCommand(_("Home"), _("Back to the deck list"), self.action_home)
        yield SystemCommand(_("Theme"), _("Change the colours of the app"),
                            self.action_change_theme)
        yield SystemCommand(_("Quit"), _("Leave interviewprep (drafts are kept)"),
                            self.action_quit)

    def get_key_display(self, binding: Binding) -> str:
        """A key as the footer and the palette show it, named in the interface language."""
        return key_display(super().get_key_display(binding))

    def action_help_quit(self) -> None:
        """ctrl+c (Textual's copy key) says how to quit, in the interface language."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(_("Press {key} to quit the app").format(key=key),
                            title=_("Do you want to quit?"), markup=False)
                return

    def on_resize(self, event: events.Resize) -> None:
        from interviewprep.tui.screens.too_small import TooSmallScreen, too_small

        width, height = event.size.width, event.size.height
        showing = isinstance(self.screen, TooSmallScreen)
        if too_small(width, height) and not showing:
            self.push_screen(TooSmallScreen())
        elif showing and not too_small(width, height):
            self.pop_screen()
        elif showing:
            self.screen.show_size(width, height)  # type: ignore[attr-defined]

    def _fatal_error(self) -> None:
        """An unexpected error: say so without the values of variables (they can hold what
        the person typed), after the screens have saved their drafts on the way out."""
        from rich.traceback import Traceback

        self.bell()
        traceback = Traceback(show_locals=False, width=None)
        self._exit_renderables.append(Segments(self.console.render(
            traceback, self.console.options)))
        self._exit_renderables.append(Text(_(
            "interviewprep stopped on an unexpected error (above). Everything you typed "
            "was saved as a draft; start it again to go on.")))
        self._close_messages_no_wait()

    def action_command_palette(self) -> None:
        if self.use_command_palette and not AppCommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(AppCommandPalette(id="--command-palette",
                                            placeholder=_("Search for commands…")))

    def search_themes(self) -> None:
        self.push_screen(AppCommandPalette(providers=[ThemeProvider],
                                        placeholder=_("Search for themes…")))

    def use_ui_language(self, language: str | None) -> None:
        """Speak `language` (None: the system's) from now on, on every screen at once."""
        i18n.set_language(language)
        translate_bindings(self)
        self.sub_title = _("rehearse your sales interview")
        for screen in self.screen_stack:
            translate_bindings(screen)
            screen.refresh_bindings()
        if isinstance(self.screen, home.HomeScreen):
            self.switch_screen(home.HomeScreen(self.collection))

    def action_home(self) -> None:
        """Back to the deck list, building it if the app started in a drill."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if not isinstance(self.screen, home.HomeScreen):
            self.switch_screen(home.HomeScreen(self.collection))

    def go_back(self) -> None:
        """Leave the current screen for the one below it, or for the deck list."""
        if len(self.screen_stack) > 2:
            self.pop_screen()
        else:
            self.switch_screen(home.HomeScreen(self.collection))


def make_app(collection: Collection, start_deck: DeckInfo | None = None,
             mode: Mode = Mode.REVIEW, cursor_blink: bool = True,
             ui_language: str | None = None,
             device_factory: DeviceFactory | None = None, rehearsal: str | None = None,
             questions: int | None = None) -> InterviewPrepApp:
    """Build the app over an open collection; the caller owns the collection. `rehearsal`
    starts a mode of the Rehearse dialog (see tui/screens/rehearse.py) on `start_deck`."""
    return InterviewPrepApp(collection, start_deck, mode, cursor_blink, ui_language,
                            device_factory, rehearsal, questions)
