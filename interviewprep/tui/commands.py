"""Command palette: the app's own commands only, one each, with a description.

Every key binding of the current screen (not of the widget that has focus: the answer box's
editing keys are not app commands) is a command, named as in the footer, plus the theme,
home and quit commands.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from textual.app import SystemCommand
from textual.screen import Screen

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

        # Descriptions are translated already (see translation.py).
        yield SystemCommand(binding.description, _("Key: {key}").format(key=key), run)
