"""A yes/no question before something that cannot be undone (removing an interview).
Returns True only when the person chose the action; escape and the default button keep."""

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
    BINDINGS = [Binding("escape", "keep", N_("Cancel"), id="confirm.cancel")]

    def __init__(self, question: Text, action: str) -> None:
        """`question` is shown as given (never read as markup); `action` labels the button
        that goes ahead."""
        super().__init__()
        translate_bindings(self)
        self.question = question
        self.action_label = action

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static(self.question, id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(_("Cancel"), id="confirm-keep")
                yield Button(self.action_label, id="confirm-go", variant="error")

    def on_mount(self) -> None:
        # The safe choice has focus: enter pressed out of habit keeps everything.
        self.query_one("#confirm-keep", Button).focus()

    @on(Button.Pressed, "#confirm-go")
    def go(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-keep")
    def action_keep(self) -> None:
        self.dismiss(False)
