"""Command palette: the app's own commands only, one each, with a description.

Every key binding of the current screen (not of the widget that has focus: the answer box's
editing keys are not app commands) is a command, named as in the footer, plus the theme,
home and quit commands. The palette itself says "no matches" in the interface language.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.align import Align
from rich.text import Text
from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette
from textual.screen import Screen
from textual.widgets.option_list import Option

from interviewprep.i18n import _


def binding_commands(screen: Screen[Any]) -> Iterator[SystemCommand]:
    """The screen's own enabled bindings as palette commands."""
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        # The app's own bindings all have ids; Textual's built-in ones (copy, focus) do not.
        if (active.node is not screen or binding.id is None or not active.enabled
                or not binding.description):
            continue
        if binding.action in seen or binding.action in ("app.quit", "quit"):
            continue
        seen.add(binding.action)
        action = binding.action
        key = screen.app.get_key_display(binding)

        def run(action: str = action) -> None:
            screen.app.call_later(screen.app.run_action, action, screen)

        # Descriptions are translated already (see translation.py). The footer's label is
        # short; a binding with a tooltip says in full what it does, which the palette
        # has room for.
        yield SystemCommand(binding.tooltip or binding.description,
                            _("Key: {key}").format(key=key), run)


class AppCommandPalette(CommandPalette):
    """Textual's palette, with its one sentence of its own translated."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # As in Textual (pinned), with the message through the translation function.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(_("No matches found"), style="not bold")),
                    disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
