"""The answer box: a TextArea in which every printable key is typed, always.

Drill commands never use a key that could be text; this class exists so the drill can name
the box it composes once and reuses card after card.
"""

from __future__ import annotations

from textual.widgets import TextArea


class AnswerBox(TextArea):
    pass
