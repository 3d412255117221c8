"""A yes/no question before something that cannot be undone (removing an interview) or that
would throw away what the person typed. Returns True only when the person chose to go
ahead (the action's button, or `y`, `s` in Spanish); escape, `n` and the focused Cancel
button keep."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from interviewprep.i18n import N_, _
from interviewprep.tui.translation import translate_bindings


class ConfirmScreen(ModalScreen[bool]):
    CSS_PATH = "confirm.tcss"  # loaded when the screen is first shown
    BINDINGS = [
        Binding("escape,n", "keep", N_("Cancel"), id="confirm.cancel"),
        Binding("y,s", "go", N_("Yes"), id="confirm.yes"),  # s: "sí" in Spanish
    ]

    def __init__(self, question: Text | str, action: str, keep: str | None = None) -> None:
        """`question` is shown as given (never read as markup); `action` labels the button
        that goes ahead, `keep` the one that does not (default: Cancel)."""
        super().__init__()
        translate_bindings(self)
        self.question = question if isinstance(question, Text) else Text(question)
        self.action_label = action
        self.keep_label = keep

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static(self.question, id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(self.keep_label or _("Cancel"), id="confirm-keep")
                yield Button(self.action_label, id="confirm-go", variant="error")

    def on_mount(self) -> None:
        # The safe choice has focus: enter pressed out of habit keeps everything.
        self.query_one("#confirm-keep", Button).focus()

    @on(Button.Pressed, "#confirm-go")
    def action_go(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-keep")
    def action_keep(self) -> None:
        self.dismiss(False)
