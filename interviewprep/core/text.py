"""Text from decks, files and people, made safe to show anywhere.

Control characters (C0 but newline and tab, DEL, C1) and bidirectional overrides never reach
a terminal as themselves: they would retitle the window, clear the screen, write the
clipboard or reorder a line. They are shown as escapes such as `\\x1b` instead.
"""

from __future__ import annotations

import re

BIDI_OVERRIDES = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f" + BIDI_OVERRIDES + "]"
)
EXCERPT_CHARS = 40


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def first_unsafe(text: str) -> int | None:
    """Index of the first character that must not reach a terminal, or None."""
    found = _UNSAFE.search(text)
    return None if found is None else found.start()


def visible(text: str) -> str:
    """`text` with every unsafe character replaced by a visible escape."""
    return _UNSAFE.sub(_escape, text)


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """A short, escaped excerpt of `text` for an error message: never the whole value."""
    cut = text if len(text) <= limit else text[:limit] + "…"
    return visible(cut)
