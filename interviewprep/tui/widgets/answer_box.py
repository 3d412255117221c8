"""The answer box: a TextArea in which every printable key is typed, always.

`ctrl+s` is handled here, in the box's own queue of keys, so the answer submitted is exactly
what was typed before it: nothing still on its way is cut off, and a key pressed right after
(a rating) is not typed into the answer — the box is read-only from that moment.
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import TextArea

SUBMIT_KEY = "ctrl+s"


class AnswerBox(TextArea):
    class Submitted(Message):
        def __init__(self, box: AnswerBox, text: str) -> None:
            super().__init__()
            self.box = box
            self.text = text

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
