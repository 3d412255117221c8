"""The header every screen uses: the app's name and what it is for, on one line.

One widget drawing text. Textual's Header is four widgets with a clock, and composing them
was a noticeable part of the drill's start-up. The icon on the left opens the command
palette when clicked, as Textual's does.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widget import Widget

ICON = " ⭘ "  # the palette's icon, a cell of room on each side


class AppHeader(Widget, can_focus=False):
    COMPONENT_CLASSES = {"header--subtitle"}

    def on_mount(self) -> None:
        self.watch(self.app, "title", self._title_changed, init=False)
        self.watch(self.app, "sub_title", self._title_changed, init=False)

    def _title_changed(self, _title: str) -> None:
        self.refresh()

    def render(self) -> Text:
        title = Text(self.screen.title or self.app.title, no_wrap=True, end="")
        sub_title = self.screen.sub_title or self.app.sub_title
        if sub_title:
            title.append(" — ", self.get_component_rich_style("header--subtitle"))
            title.append(sub_title, self.get_component_rich_style("header--subtitle"))
        width = self.size.width
        left = max(cell_len(ICON), (width - title.cell_len) // 2)
        line = Text(ICON, no_wrap=True, overflow="crop", end="")
        line.pad_right(left - line.cell_len)
        line.append_text(title)
        return line

    def on_click(self, event: events.Click) -> None:
        if event.x < cell_len(ICON):
            self.app.action_command_palette()
