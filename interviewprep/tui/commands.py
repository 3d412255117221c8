"""Command palette: every key binding of the current screen is also a command."""

from __future__ import annotations

from collections.abc import Iterator

from textual.app import SystemCommand
from textual.screen import Screen


def binding_commands(screen: Screen[object]) -> Iterator[SystemCommand]:
    """The screen's enabled bindings as palette commands, named as in the footer."""
    seen: set[str] = set()
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not active.enabled or not binding.description or binding.system:
            continue
        if binding.action in seen or binding.action in ("app.quit", "quit"):
            continue
        seen.add(binding.action)
        node, action = active.node, binding.action

        def run(node: object = node, action: str = action) -> None:
            screen.app.call_later(screen.app.run_action, action, node)

        yield SystemCommand(binding.description, f"Key: {key}", run)
