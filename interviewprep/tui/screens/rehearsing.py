"""What the rehearsal screens (mock interview, quick-fire, role-played call) share: an answer
box in which every printable key is typed, the timer, the not-saved notice, and handing the
box's text to the session every few seconds so nothing typed is lost. Each screen draws its
session's view and sends it actions; the session decides and records everything."""

from __future__ import annotations

from typing import Protocol

from rich.text import Text
from textual import on
from textual.screen import Screen
from textual.widgets import Static

from interviewprep.i18n import _
from interviewprep.tui.appref import app_of
from interviewprep.tui.screens.drill import DRAFT_SAVE_EVERY_S, UNSAVED_NOTICES
from interviewprep.tui.widgets.answer_box import AnswerBox
from interviewprep.tui.widgets.timer import AnswerTimer


class Rehearsal(Protocol):
    def type(self, text: str) -> None: ...

    def flush(self) -> bool: ...

    def leave(self) -> bool: ...


class RehearsalScreen(Screen[None]):
    """A screen over a `Rehearsal`; subclasses compose `#answer` (an AnswerBox) and
    `#unsaved` (a Static) and say when the box is live with `answering()`."""

    session: Rehearsal

    def on_mount(self) -> None:
        box = self.query_one(AnswerBox)
        box.cursor_blink = self.app.cursor_blink  # type: ignore[attr-defined]
        self._box = box
        self.set_interval(DRAFT_SAVE_EVERY_S, self.save_draft)

    def answering(self) -> bool:
        raise NotImplementedError

    def send_answer(self, text: str) -> None:
        """Hand the answer to the session and draw what follows."""
        raise NotImplementedError

    @on(AnswerBox.Submitted)
    def answer_submitted(self, message: AnswerBox.Submitted) -> None:
        # ctrl+s taken by the box, in order with the keys typed before it (see AnswerBox).
        if self.answering():
            self.set_focus(None)
            self.send_answer(message.text)

    def action_submit(self) -> None:
        if self.answering():
            self.send_answer(self.take_box())

    def show_answer_timer(self, elapsed: float, limit: int | None, answering: bool,
                          reading: bool, reading_failure: str | None) -> None:
        """The answer's time against its limit while answering (hidden otherwise), or that
        the question is still being read aloud; why it could not be read is said once."""
        timer = self.query_one(AnswerTimer)
        timer.display = answering
        timer.show(elapsed, limit, over=bool(limit and elapsed > limit), running=answering,
                   reading=reading)
        app_of(self).tell_reading_failure(reading_failure)

    def show_unsaved(self, unsaved: str | None) -> None:
        notice = self.query_one("#unsaved", Static)
        notice.display = unsaved is not None
        if unsaved is not None:
            notice.update(Text(_(UNSAVED_NOTICES[unsaved]), style="bold"))

    def take_box(self) -> str:
        """The box's text, handed to the session; the box stops taking keys."""
        box = self.query_one(AnswerBox)
        box.read_only = True
        self.set_focus(None)
        return box.text

    def open_box(self, text: str = "") -> None:
        box = self.query_one(AnswerBox)
        box.read_only = False
        box.load_text(text)
        box.move_cursor(box.document.end)
        self.set_focus(box)  # at once: a deferred focus could land after the next key

    def save_draft(self) -> None:
        if self.answering():
            self.session.type(self.query_one(AnswerBox).text)
        self.session.flush()

    def action_back(self) -> None:
        self.save_draft()
        self.app.go_back()  # type: ignore[attr-defined]

    def on_unmount(self) -> None:
        box = getattr(self, "_box", None)
        if box is not None and self.answering():
            self.session.type(box.text)
        self.session.leave()
