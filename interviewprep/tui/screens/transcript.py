"""A dialog to fix what the recogniser heard; returns the corrected text, or None."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from interviewprep.i18n import N_, _
from interviewprep.tui.translation import translate_bindings


class TranscriptScreen(ModalScreen[str | None]):
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), id="transcript.save", priority=True),
        Binding("escape", "cancel", N_("Cancel"), id="transcript.cancel"),
    ]

    def __init__(self, transcript: str) -> None:
        super().__init__()
        translate_bindings(self)
        self.transcript = transcript

    def compose(self) -> ComposeResult:
        with Vertical(id="transcript-dialog"):
            yield Static(_("What you said, as the recogniser heard it. Fix it and press "
                           "ctrl+s; the feedback follows your correction."), markup=False)
            yield TextArea(self.transcript, id="transcript-text", soft_wrap=True)

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)
