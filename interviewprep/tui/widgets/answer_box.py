"""The answer box: a TextArea that leaves `h` and `u` to the drill while it is still empty.

Typing goes to the answer, except that on an untouched, empty box `h` (history) and `u`
(undo the last rating) act as drill keys, so undo works right after rating a card.
"""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

SHORTCUTS_WHILE_EMPTY = frozenset({"h", "u"})


class AnswerBox(TextArea):
    def _leaves_to_screen(self, key: str) -> bool:
        return key in SHORTCUTS_WHILE_EMPTY and not self.text

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        if self._leaves_to_screen(key):
            return False
        return super().check_consume_key(key, character)

    async def _on_key(self, event: events.Key) -> None:
        if self._leaves_to_screen(event.key):
            # Keep TextArea from inserting it, but let it bubble to the drill's bindings.
            event.prevent_default()
            return
        await super()._on_key(event)
