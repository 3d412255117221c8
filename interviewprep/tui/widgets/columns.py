"""Fitting a DataTable's columns to the width it has.

Short columns (counts, dates, states) keep their natural width, the widest of their heading
and cells, so they are never cut; one flexible column (a title, a prompt, a company) takes
the width that is left, its text shortened with an ellipsis at the end or, where several
values share a beginning ("Interview questions for AE" / "… for SDR"), in the middle. On a
terminal too narrow for everything, the least important short columns are left out first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

# DataTable's default cell padding: one cell either side of every column.
CELL_PADDING = 2
# Room kept for the vertical scrollbar, so rows can grow without cutting the last column.
SCROLLBAR = 2
ELLIPSIS = "…"


@dataclass
class Column:
    label: str
    cells: list[Text] = field(default_factory=list)
    # 0: always shown. Higher numbers are left out first when the flexible column would
    # otherwise be narrower than its minimum.
    drop_order: int = 0

    def natural_width(self) -> int:
        return max([cell_len(self.label), *(cell.cell_len for cell in self.cells)])


def middle_ellipsis(text: str, width: int) -> str:
    """`text` in at most `width` cells, cut in the middle so both ends stay readable."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    room = width - 1
    head_room = (room + 1) // 2
    head = _take(text, head_room)
    tail = _take(text[::-1], room - cell_len(head))[::-1]
    return head + ELLIPSIS + tail


def end_ellipsis(text: str, width: int) -> str:
    """`text` in at most `width` cells, cut at the end."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    return _take(text, width - 1).rstrip() + ELLIPSIS


def _take(text: str, width: int) -> str:
    taken, used = [], 0
    for char in text:
        size = cell_len(char)
        if used + size > width:
            break
        taken.append(char)
        used += size
    return "".join(taken)


def shorten(cell: Text, width: int, middle: bool = False) -> Text:
    """`cell` fitted to `width` cells, keeping its style (a cell has one style)."""
    if cell.cell_len <= width:
        return cell
    cut = middle_ellipsis if middle else end_ellipsis
    return Text(cut(cell.plain, width), style=cell.style, no_wrap=True)


def fit_columns(
    table: DataTable[Text], width: int, columns: Sequence[Column], keys: Sequence[str],
    flexible: int = 0, minimum: int = 16, middle: bool = False, grow: bool = True,
) -> list[Column]:
    """Fill `table` (`width` cells wide) with `columns`, one row per key; returns the
    columns shown. The flexible column takes what the others leave (with `grow`, else no
    more than its text needs), at least `minimum` cells once the droppable columns are out.
    """
    shown = list(columns)
    flex = columns[flexible]

    def left_for_flexible() -> int:
        others = sum(c.natural_width() + CELL_PADDING for c in shown if c is not flex)
        return width - others - CELL_PADDING - SCROLLBAR

    while left_for_flexible() < minimum and any(c.drop_order for c in shown):
        shown.remove(max(shown, key=lambda c: c.drop_order))
    flex_width = max(minimum, left_for_flexible())
    if not grow:
        flex_width = min(flex_width, flex.natural_width())
    table.clear(columns=True)
    for column in shown:
        table.add_column(column.label, width=flex_width if column is flex
                         else column.natural_width())
    for row, key in enumerate(keys):
        table.add_row(*(shorten(c.cells[row], flex_width, middle) if c is flex else c.cells[row]
                        for c in shown), key=key)
    return shown
