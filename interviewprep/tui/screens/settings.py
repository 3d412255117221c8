"""Settings dialog: desired retention, new cards a day, default time limit, whether answers
are given aloud or in writing, the interface language, and whether questions are read aloud.
Every field is checked as it is typed (a decimal comma is fine), Enter saves, and all
fields are saved together or not at all."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.validation import ValidationResult, Validator
from textual.widgets import Button, Input, Label, Select, Static

from interviewprep.core.collection import Collection
from interviewprep.core.settings import AnswerMode, SettingsError, check_setting
from interviewprep.i18n import N_, _, format_decimal
from interviewprep.tui.translation import translate_bindings

FIELDS = (
    ("desired_retention", N_("Desired retention (0.70–0.99)")),
    ("new_per_day", N_("New cards a day (each deck)")),
    ("default_time_limit", N_("Default time limit (seconds)")),
)
ANSWER_MODES = ((AnswerMode.WRITTEN, N_("In writing")), (AnswerMode.ALOUD, N_("Aloud")))
READ_ALOUD = (("off", N_("No, I read them")), ("on", N_("Yes, then the timer starts")))
# Each language by its own name, so a person can find theirs whatever is on screen now.
UI_LANGUAGES = (("", N_("As the system")), ("en", "English"), ("es", "Español"))


class SettingValidator(Validator):
    """The core's own check, so the dialog and the core never disagree."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def validate(self, value: str) -> ValidationResult:
        try:
            check_setting(self.name, value)
        except SettingsError as error:
            return self.failure(str(error))
        return self.success()


class SettingsScreen(ModalScreen[bool]):
    """Returns True when settings were saved."""

    CSS_PATH = "settings.tcss"  # loaded when the screen is first shown

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="settings.cancel"),
        Binding("ctrl+s", "save", N_("Save"), id="settings.save", priority=True),
    ]

    def __init__(self, collection: Collection) -> None:
        super().__init__()
        translate_bindings(self)
        self.collection = collection

    def compose(self) -> ComposeResult:
        s = self.collection.settings
        values = {"desired_retention": format_decimal(s.desired_retention, "0.00"),
                  "new_per_day": str(s.new_per_day),
                  "default_time_limit": str(s.default_time_limit)}
        with Vertical(id="settings-dialog"):
            yield Static(_("Settings"), id="settings-title")
            with Grid(id="settings-grid"):
                for name, label in FIELDS:
                    yield Label(_(label))
                    yield Input(values[name], id=name, validators=[SettingValidator(name)])
                yield Label(_("Answers are given"))
                yield Select([(_(label), mode.value) for mode, label in ANSWER_MODES],
                             value=s.answer_mode.value, allow_blank=False, id="answer_mode")
                yield Label(_("Questions read aloud"))
                yield Select([(_(label), value) for value, label in READ_ALOUD],
                             value="on" if s.read_aloud else "off", allow_blank=False,
                             id="read_aloud")
                yield Label(_("Interface language"))
                yield Select([(_(label) if code == "" else label, code)
                              for code, label in UI_LANGUAGES],
                             value=s.ui_language, allow_blank=False, id="ui_language")
            yield Static(id="settings-error", markup=False)
            with Horizontal(id="settings-buttons"):
                yield Button(_("Save (ctrl+s)"), variant="primary", id="save")
                yield Button(_("Cancel (esc)"), id="cancel")

    @on(Input.Changed)
    def show_problem(self, event: Input.Changed) -> None:
        result = event.validation_result
        problem = result.failure_descriptions[0] if result and not result.is_valid else ""
        self.query_one("#settings-error", Static).update(f"⚠ {problem}" if problem else "")

    @on(Input.Submitted)
    def save_on_enter(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        changes: dict[str, object] = {
            name: self.query_one(f"#{name}", Input).value for name, _label in FIELDS}
        changes["answer_mode"] = self.query_one("#answer_mode", Select).value
        changes["ui_language"] = self.query_one("#ui_language", Select).value
        changes["read_aloud"] = self.query_one("#read_aloud", Select).value
        try:
            self.collection.update_settings(**changes)
        except SettingsError as error:
            self.query_one("#settings-error", Static).update(f"⚠ {error}")
            self.query_one(f"#{error.field}").focus()
            return
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
