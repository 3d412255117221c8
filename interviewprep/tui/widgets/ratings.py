"""The four ratings with the interval each would give, as Anki shows them."""

from __future__ import annotations

from datetime import timedelta

from rich.text import Text
from textual.widgets import Static

from interviewprep.core.scheduling import Rating, format_interval
from interviewprep.i18n import N_, _

_STYLES = {Rating.AGAIN: "red", Rating.HARD: "yellow", Rating.GOOD: "green",
           Rating.EASY: "cyan"}
RATING_LABELS = {Rating.AGAIN: N_("Again"), Rating.HARD: N_("Hard"), Rating.GOOD: N_("Good"),
                 Rating.EASY: N_("Easy")}


class RatingBar(Static):
    def show(self, preview: dict[Rating, timedelta] | None,
             suggested: Rating | None = None) -> None:
        text = Text()
        for rating in Rating:
            interval = f" {format_interval(preview[rating])}" if preview else ""
            text.append(f" {int(rating)} ", style=f"bold reverse {_STYLES[rating]}")
            label = f" {_(RATING_LABELS[rating])}{interval}"
            text.append(label, style="bold underline" if rating is suggested else "")
            text.append("   ")
        if suggested is not None:
            text.append(_("(suggested: {rating})").format(
                rating=_(RATING_LABELS[suggested])), style="dim")
        if preview is None:
            text.append(_("(practice: the schedule is not changed)"), style="dim")
        self.update(text)
