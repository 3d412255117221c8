"""Shown over everything while the terminal is smaller than the app can use, instead of a
screen cut to pieces; it goes away by itself when the window is large enough again."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

from interviewprep.i18n import _

MIN_WIDTH = 60
MIN_HEIGHT = 16


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


class TooSmallScreen(ModalScreen[None]):
    def compose(self) -> ComposeResult:
        yield Static(id="too-small", markup=False)

    def show_size(self, width: int, height: int) -> None:
        self.query_one("#too-small", Static).update(
            _("Make the window larger: interviewprep needs at least {min_width}×{min_height} "
              "(it is {width}×{height} now). Nothing is lost meanwhile.").format(
                min_width=MIN_WIDTH, min_height=MIN_HEIGHT, width=width, height=height))

    def on_mount(self) -> None:
        self.show_size(self.app.size.width, self.app.size.height)
