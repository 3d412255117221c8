"""The footer every screen uses: compact, without the palette hint when the terminal is too
narrow for it, and with only the keys that fit, so the key list is never overdrawn. Keys are
declared most important first; in a longer language (Spanish) the last ones make way on a
narrow terminal and stay in the command palette."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

PALETTE_HINT_FROM_WIDTH = 80


class AppFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True)
        self._laid_out_for = 0

    def compose(self) -> ComposeResult:
        room = self.app.size.width
        self._laid_out_for = room
        kept: list[Widget] = []
        used = 0
        full = False
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                # A compact key is "key description", one cell apart from the next.
                need = cell_len(f"{widget.key_display} {widget.description}")
                full = full or used + need > room
                if full:
                    continue
                used += need + 1
            kept.append(widget)
        self.styles.grid_size_columns = max(1, sum(
            1 for w in kept if not w.has_class("-command-palette")))
        yield from kept

    def on_resize(self, event: events.Resize) -> None:
        self.show_command_palette = event.size.width >= PALETTE_HINT_FROM_WIDTH
        if self._laid_out_for and self._laid_out_for != self.app.size.width:
            self.call_after_refresh(self.recompose)
