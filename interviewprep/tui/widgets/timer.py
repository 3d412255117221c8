"""The answer timer: time on the current card, against the speaking limit when answering
aloud. The session keeps the time; this only draws it."""

from __future__ import annotations

from textual.widgets import Static

from interviewprep.i18n import _


def format_seconds(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


class AnswerTimer(Static):
    def show(self, elapsed: float, limit: int | None, over: bool, running: bool,
             reading: bool = False) -> None:
        if reading:  # the question is being read aloud: the answer's time has not begun
            self.set_class(False, "-over")
            self.set_class(True, "-stopped")
            self.update("🔊 " + _("listening to the question…"))
            return
        text = f"⏱ {format_seconds(elapsed)}"
        if limit:
            text += f" / {format_seconds(limit)}"
        if over:
            text += "  " + _("over time")
        self.set_class(over, "-over")
        self.set_class(not running, "-stopped")
        self.update(text)
