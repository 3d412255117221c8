"""Unsafe characters are made visible, never passed through."""

from __future__ import annotations

from interviewprep.core.text import excerpt, first_unsafe, visible


def test_escapes_and_overrides_become_visible() -> None:
    hostile = "title\x1b]0;owned\x07\r\u202eevil\x9b2J\x7f"
    shown = visible(hostile)
    assert shown == "title\\x1b]0;owned\\x07\\x0d\\u202eevil\\x9b2J\\x7f"
    assert first_unsafe(hostile) == 5
    assert first_unsafe("línea\n\tcon tab y ñ [/] [bold]") is None
    assert visible("línea\n\tcon tab") == "línea\n\tcon tab"


def test_excerpt_is_short_and_escaped() -> None:
    long = "root:x:0:0:root:/root:/bin/bash\n" * 50
    cut = excerpt(long)
    assert len(cut) <= 41 and cut.endswith("…")
    assert excerpt("\x1b[31mred") == "\\x1b[31mred"
