"""Text from decks, files and people, made safe to show anywhere.

Control characters (C0 but newline and tab, DEL, C1) and bidirectional overrides never reach
a terminal as themselves: they would retitle the window, clear the screen, write the
clipboard or reorder a line. They are shown as escapes such as `\\x1b` instead.
"""

from __future__ import annotations

import html
import re

BIDI_OVERRIDES = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f" + BIDI_OVERRIDES + "]"
)
UNSAFE_CHARACTERS = _UNSAFE  # for readers that report each one where it stands
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


def typed(text: str) -> tuple[str, bool]:
    """What a person typed or pasted, fit to keep and show as it is: line ends made `\\n`,
    and every character `visible` would escape removed. True when one was removed."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = _UNSAFE.sub("", lines)
    return kept, kept != lines


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """A short, escaped excerpt of `text` for an error message: never the whole value."""
    cut = text if len(text) <= limit else text[:limit] + "…"
    return visible(cut)


# Markdown that person or deck text could form: emphasis, code, links and images,
# strikethrough, table cells, headings. Backslash-escaped; `&`, `<` and `>` become HTML
# entities, since Markdown viewers render raw HTML.
_MD_INLINE = re.compile(r"([\\`*_\[\]|~#])")
# What starts a block only at the start of a line: a list item, a setext underline, a
# numbered item ("1." / "1)").
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))")


def markdown_text(text: str) -> str:
    """`text` as literal Markdown: shown as written, never read as markup or HTML, with
    unsafe characters made visible. Every Markdown output of person or deck text goes
    through it."""
    def line_start(match: re.Match[str]) -> str:
        indent, marker = match.groups()
        return indent + (marker + "\\" if marker[0].isdigit() else "\\" + marker)

    lines = []
    for line in visible(text).split("\n"):
        inline = _MD_INLINE.sub(r"\\\1", line)
        lines.append(html.escape(_MD_LINE_START.sub(line_start, inline), quote=False))
    return "\n".join(lines)
