"""The footer every screen uses: one line with the screen's keys, most important first.

It is a single widget that draws the keys as text. Textual's own Footer mounts a widget per
key and mounts them all again whenever the bindings change (each phase of a drill changes
them), which cost a tenth of the drill's start-up. The keys are declared most important
first; those that do not fit the width (Spanish is longer) are left out rather than
overdrawn, and stay in the command palette. Clicking a key presses it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen

PALETTE_HINT_FROM_WIDTH = 80


class ShownKey(NamedTuple):
    key: str  # what pressing it sends, e.g. "ctrl+s"
    display: str  # how it is shown, e.g. "^s"
    description: str
    enabled: bool


class AppFooter(Widget, can_focus=False):
    COMPONENT_CLASSES = {"footer--key", "footer--description", "footer--disabled",
                         "footer--separator"}

    def __init__(self) -> None:
        super().__init__()
        self._clickable: list[tuple[int, int, ShownKey]] = []  # cells from, to, key

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen[object]) -> None:
        self.refresh()

    def keys(self) -> tuple[list[ShownKey], ShownKey | None]:
        """The keys to show, one per action in the order declared, and the palette's key
        (None when it is not shown)."""
        bindings = self.screen.active_bindings
        shown: list[ShownKey] = []
        actions: set[str] = set()
        for _node, binding, enabled, _tooltip in bindings.values():
            if binding.show and binding.action not in actions:
                actions.add(binding.action)
                shown.append(ShownKey(binding.key, self.app.get_key_display(binding),
                                      binding.description, enabled))
        palette = None
        if self.app.ENABLE_COMMAND_PALETTE and self.app.COMMAND_PALETTE_BINDING in bindings:
            _node, binding, enabled, _tooltip = bindings[self.app.COMMAND_PALETTE_BINDING]
            palette = ShownKey(binding.key, self.app.get_key_display(binding),
                               binding.description, enabled)
        return shown, palette

    def render(self) -> Text:
        width = self.size.width
        key_style = self.get_component_rich_style("footer--key")
        description_style = self.get_component_rich_style("footer--description")
        disabled_style = self.get_component_rich_style("footer--disabled")
        shown, palette = self.keys()
        hint = None
        if palette is not None and width >= PALETTE_HINT_FROM_WIDTH:
            hint = f"{palette.display} {palette.description}"
        room = width - (cell_len(hint) + 3 if hint else 0)
        line = Text(no_wrap=True, overflow="crop", end="")
        self._clickable = []
        for key in shown:
            # "key description", one cell apart from the next key
            need = cell_len(f"{key.display} {key.description}")
            if line.cell_len + need > room:
                break
            start = line.cell_len
            dim = Style() if key.enabled else disabled_style
            line.append(key.display, key_style + dim)
            line.append(f" {key.description}", description_style + dim)
            self._clickable.append((start, line.cell_len, key))
            line.append(" ")
        if hint and palette is not None:
            line.pad_right(width - line.cell_len - cell_len(hint) - 3)
            line.append("▏ ", self.get_component_rich_style("footer--separator"))
            start = line.cell_len
            line.append(palette.display, key_style)
            line.append(f" {palette.description}", description_style)
            self._clickable.append((start, line.cell_len, palette))
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._clickable:
            if start <= event.x < end:
                if key.enabled:
                    self.app.simulate_key(key.key)
                else:
                    self.app.bell()
                return
