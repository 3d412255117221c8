"""The four ratings with the interval each would give, as Anki shows them.

Each rating is one item (its key, label and interval) that is never split across lines: on a
narrow terminal, or in a longer language, the bar breaks between items, not between a key
and its label."""

from __future__ import annotations

from datetime import timedelta

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from interviewprep.core.scheduling import Rating, format_interval
from interviewprep.i18n import N_, _

_STYLES = {Rating.AGAIN: "red", Rating.HARD: "yellow", Rating.GOOD: "green",
           Rating.EASY: "cyan"}
RATING_LABELS = {Rating.AGAIN: N_("Again"), Rating.HARD: N_("Hard"), Rating.GOOD: N_("Good"),
                 Rating.EASY: N_("Easy")}
GAP = "   "


class RatingBar(Widget):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[Text] = []

    def show(self, preview: dict[Rating, timedelta] | None,
             suggested: Rating | None = None) -> None:
        items = []
        for rating in Rating:
            interval = f" {format_interval(preview[rating])}" if preview else ""
            item = Text()  # the key's style is a span: Text(style=) would colour the label
            item.append(f" {int(rating)} ", style=f"bold reverse {_STYLES[rating]}")
            item.append(f" {_(RATING_LABELS[rating])}{interval}",
                        style="bold underline" if rating is suggested else "")
            items.append(item)
        if suggested is not None:
            items.append(Text(_("(suggested: {rating})").format(
                rating=_(RATING_LABELS[suggested])), style="dim"))
        if preview is None:
            items.append(Text(_("(practice: the schedule is not changed)"), style="dim"))
        self.items = items
        self.refresh(layout=True)

    def lines(self, width: int) -> list[Text]:
        """The items laid out in `width` cells, each whole on one line."""
        lines: list[Text] = []
        line = Text()
        for item in self.items:
            if line and line.cell_len + len(GAP) + item.cell_len > width:
                lines.append(line)
                line = Text()
            if line:
                line.append(GAP)
            line.append_text(item)
        if line:
            lines.append(line)
        return lines

    def text(self) -> str:
        """The bar's plain text as shown at its current width."""
        return "\n".join(line.plain for line in self.lines(self.content_size.width))

    def render(self) -> Text:
        return Text("\n").join(self.lines(self.content_size.width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.lines(width)))
