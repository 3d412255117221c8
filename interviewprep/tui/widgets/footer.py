"""The footer every screen uses: compact, and without the palette hint when the terminal is
too narrow for it, so the key list is never overdrawn."""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

PALETTE_HINT_FROM_WIDTH = 80


class AppFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True)

    def on_resize(self, event: events.Resize) -> None:
        self.show_command_palette = event.size.width >= PALETTE_HINT_FROM_WIDTH
