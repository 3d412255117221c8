"""Settings dialog: desired retention, new cards per day, default time limit."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from interviewprep.core.collection import Collection


class SettingsScreen(ModalScreen[bool]):
    """Returns True when settings were saved."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="settings.cancel"),
        Binding("ctrl+s", "save", "Save", id="settings.save", priority=True),
    ]

    def __init__(self, collection: Collection) -> None:
        super().__init__()
        self.collection = collection

    def compose(self) -> ComposeResult:
        s = self.collection.settings
        with Vertical(id="settings-dialog"):
            yield Static("Settings", id="settings-title")
            with Grid(id="settings-grid"):
                yield Label("Desired retention (0.70–0.99)")
                yield Input(f"{s.desired_retention:.2f}", id="desired_retention")
                yield Label("New cards per day")
                yield Input(str(s.new_per_day), id="new_per_day", type="integer")
                yield Label("Default time limit (seconds)")
                yield Input(str(s.default_time_limit), id="default_time_limit",
                            type="integer")
            yield Static(id="settings-error")
            with Horizontal(id="settings-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        values = {name: self.query_one(f"#{name}", Input).value.strip()
                  for name in ("desired_retention", "new_per_day", "default_time_limit")}
        try:
            self.collection.update_settings(
                desired_retention=float(values["desired_retention"]),
                new_per_day=int(values["new_per_day"]),
                default_time_limit=int(values["default_time_limit"]),
            )
        except ValueError as error:
            message = str(error)
            if "could not convert" in message or "invalid literal" in message:
                message = "please enter numbers only"
            self.query_one("#settings-error", Static).update(f"⚠ {message}")
            return
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
