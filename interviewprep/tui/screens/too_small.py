"""Shown over everything while the terminal is smaller than the app can use, instead of a
screen cut to pieces; it goes away by itself when the window is large enough again.

It covers the screen beneath completely but takes none of what is typed: text typed or
pasted meanwhile goes on into the box it was meant for (the answer box, or a field of a
dialog), so nothing is lost. Commands (submit, rate, back) wait: nobody should act on a
screen they cannot see. ctrl+q still quits, keeping drafts, as everywhere.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from interviewprep.i18n import _

MIN_WIDTH = 60
MIN_HEIGHT = 16
# Editing keys, as the box beneath would take them (by its own action of that name).
EDITING_ACTIONS = {"backspace": "delete_left", "delete": "delete_right",
                   "left": "cursor_left", "right": "cursor_right"}


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

    def _box_beneath(self) -> TextArea | Input | None:
        """The text box that had the focus on the screen beneath, if it takes text now."""
        stack = self.app.screen_stack
        beneath = stack[stack.index(self) - 1] if self in stack and len(stack) > 1 else None
        focused: Widget | None = beneath.focused if beneath is not None else None
        if isinstance(focused, TextArea) and not focused.read_only:
            return focused
        if isinstance(focused, Input) and not focused.disabled:
            return focused
        return None

    async def on_key(self, event: events.Key) -> None:
        box = self._box_beneath()
        if box is None:
            return
        action = EDITING_ACTIONS.get(event.key)
        typing = event.is_printable or (event.key == "enter" and isinstance(box, TextArea))
        if not typing and action is None:
            return
        event.stop()
        event.prevent_default()
        if typing:
            _deliver(box, events.Key(event.key, event.character))
        else:
            await box.run_action(str(action))

    def on_paste(self, event: events.Paste) -> None:
        box = self._box_beneath()
        if box is not None:
            event.stop()
            _deliver(box, events.Paste(event.text))


def _deliver(box: Widget, event: events.Key | events.Paste) -> None:
    """Hand `box` an input event as the app hands one to the focused widget: marked as
    forwarded, so when it bubbles back up the app does not send it round again."""
    box._forward_event(event)
