"""Text that wraps at ordinary spaces only, never at a no-break space.

Spanish writes "95 %" with a no-break space (Babel's CLDR data gives it), but Rich and
Textual both wrap at any Unicode space, so a narrow panel could show "100" at the end of a
line and "%" at the start of the next. `KeepTogether` wraps the text itself with each
no-break space standing in as a letter, then puts the spaces back.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

# No-break space and narrow no-break space, each with a private-use character (one cell
# wide, not a space) that stands in for it while the text is wrapped.
_STAND_INS = {"\u00a0": "\ue000", "\u202f": "\ue001"}
_HIDE = str.maketrans(_STAND_INS)
_SHOW = str.maketrans({v: k for k, v in _STAND_INS.items()})


class KeepTogether:
    """A Rich renderable: `text` wrapped to the width, never at a no-break space."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        plain = self.text.plain
        if any(c in plain for c in _STAND_INS.values()):  # never in practice: wrap as is
            yield self.text
            return
        text = self.text.copy()
        # Same length, so the styles' spans still cover the same characters.
        text.plain = plain.translate(_HIDE)
        for line in text.wrap(console, options.max_width, justify=text.justify,
                              overflow=text.overflow):
            line.plain = line.plain.translate(_SHOW)
            yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)
