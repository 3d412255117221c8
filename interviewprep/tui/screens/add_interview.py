"""A dialog to add an interview: company, role, date, minutes a day and the job description.
Returns the new interview's id, or None. Escape asks first when something was typed."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static, TextArea

from interviewprep.core.collection import Collection
from interviewprep.i18n import N_, _, format_date
from interviewprep.lazy import lazy_module
from interviewprep.tui.translation import translate_bindings

if TYPE_CHECKING:
    from interviewprep.core import interviews
else:
    interviews = lazy_module("interviewprep.core.interviews")

ROLES = (("ae", N_("Account Executive")), ("sdr", N_("SDR")),
         ("promotion", N_("SDR to AE promotion panel")))


class AddInterviewScreen(ModalScreen[int | None]):
    CSS_PATH = "add_interview.tcss"  # loaded when the screen is first shown
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), id="add-interview.save", priority=True),
        Binding("escape", "cancel", N_("Cancel"), id="add-interview.cancel"),
    ]

    def __init__(self, collection: Collection) -> None:
        super().__init__()
        translate_bindings(self)
        self.collection = collection

    def compose(self) -> ComposeResult:
        with Vertical(id="add-interview-dialog"):
            yield Static(_("A real interview to prepare for (ctrl+s saves)"),
                         id="add-interview-title")
            with Grid(id="add-interview-grid"):
                yield Label(_("Company"))
                yield Input(id="company")
                yield Label(_("Role"))
                yield Select([(_(label), code) for code, label in ROLES], value="ae",
                             allow_blank=False, id="role")
                yield Label(_("Date"))
                # Worded as an example: a bare date in grey reads as one already filled in.
                yield Input(placeholder=_("e.g. {example}").format(
                    example=format_date(date(2026, 12, 15))), id="day")
                yield Label(_("Minutes a day"))
                yield Input("20", id="minutes", type="integer")
            yield Label(_("Job description (paste it here; optional)"))
            yield TextArea(id="job-description", soft_wrap=True)
            yield Static(id="add-interview-error", markup=False)

    def action_save(self) -> None:
        """Checks the fields in the order they are shown, pointing at the first problem."""
        error = self.query_one("#add-interview-error", Static)
        if not self.query_one("#company", Input).value.strip():
            error.update("⚠ " + _("the company name is empty"))
            self.query_one("#company", Input).focus()
            return
        try:
            day = interviews.read_day(self.query_one("#day", Input).value)
        except interviews.InterviewError as problem:
            error.update(f"⚠ {problem}")
            self.query_one("#day", Input).focus()
            return
        minutes = self.query_one("#minutes", Input).value.strip()
        try:
            interview_id = interviews.add_interview(
                self.collection, self.query_one("#company", Input).value,
                str(self.query_one("#role", Select).value), day,
                job_description=self.query_one("#job-description", TextArea).text,
                minutes_per_day=int(minutes) if minutes.isdigit() else 0)
        except interviews.InterviewError as problem:
            error.update(f"⚠ {problem}")
            return
        self.dismiss(interview_id)

    @on(Input.Submitted)
    def next_field(self) -> None:
        self.focus_next()

    def action_cancel(self) -> None:
        if self._typed() == self._untouched:
            self.dismiss(None)
            return
        self._confirm_discard()

    # -- nothing typed is thrown away without asking ---------------------------------------

    _untouched: tuple[str, ...] = ()  # the fields as the dialog opened

    @on(events.Mount)
    def _remember_untouched(self) -> None:
        self._untouched = self._typed()

    def _typed(self) -> tuple[str, ...]:
        """Every field as it stands (the job description can be a long paste)."""
        return (self.query_one("#company", Input).value,
                str(self.query_one("#role", Select).value),
                self.query_one("#day", Input).value, self.query_one("#minutes", Input).value,
                self.query_one("#job-description", TextArea).text)

    def _confirm_discard(self) -> None:
        from interviewprep.tui.screens.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen(
            _("Discard what you typed for this interview?"), _("Discard (y)"),
            keep=_("Keep editing (n)")), answered)
