"""The answer box: a TextArea in which every printable key is typed, always.

`ctrl+s` is handled here, in the box's own queue of keys, so the answer submitted is exactly
what was typed before it: nothing still on its way is cut off, and a key pressed right after
(a rating) is not typed into the answer — the box is read-only from that moment.

What reaches the box (typed, pasted, or a draft loaded back) never carries control
characters or bidirectional overrides: drawn raw they would reorder or hide the line, or
drive the terminal. They are removed as they arrive, and the person is told once.
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import TextArea
from textual.widgets.text_area import EditResult, Location

from interviewprep.core.text import typed
from interviewprep.i18n import _

SUBMIT_KEY = "ctrl+s"


class AnswerBox(TextArea):
    class Submitted(Message):
        def __init__(self, box: AnswerBox, text: str) -> None:
            super().__init__()
            self.box = box
            self.text = text

    _told_removed = False

    async def _on_key(self, event: events.Key) -> None:
        if event.key == SUBMIT_KEY and not self.read_only:
            event.stop()
            event.prevent_default()
            self.read_only = True
            # Straight to the screen, not bubbling: a key already queued behind ctrl+s (a
            # rating) bubbles up through several widgets, so the screen has this first.
            self.screen.post_message(self.Submitted(self, self.text))
            return
        await super()._on_key(event)

    def _replace_via_keyboard(self, insert: str, start: Location,
                              end: Location) -> EditResult | None:
        # Every key and paste (and the paste action) arrives through here.
        kept, removed = typed(insert)
        if removed:
            self._tell_removed()
            if not kept and start == end:
                return None
        return super()._replace_via_keyboard(kept, start, end)

    def load_text(self, text: str) -> None:
        kept, removed = typed(text)
        if removed:
            self._tell_removed()
        super().load_text(kept)

    def _tell_removed(self) -> None:
        if self._told_removed:
            return
        self._told_removed = True
        self.notify(_("Removed invisible control characters from your answer: they can "
                      "hide or reorder text on screen."), severity="warning", timeout=6)
