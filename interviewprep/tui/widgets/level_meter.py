"""The recording level meter beside the answer timer: shown only while the person records, so
they see their voice is arriving. The session measures the level; this only draws it."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from interviewprep.i18n import _

LEVEL_WIDTH = 12


class LevelMeter(Static):
    def show(self, recording: bool, level: float) -> None:
        if not recording:
            self.display = False
            return
        bars = round(min(level * 4, 1.0) * LEVEL_WIDTH)  # speech sits well under 1.0
        self.display = True
        self.update(Text("● ", style="bold red") + Text(_("recording")) + Text(" ")
                    + Text("▮" * bars + "▯" * (LEVEL_WIDTH - bars), style="green"))
