"""The drill screen: draws a `DrillSession`'s view and sends it the person's keys.

Every widget is composed once and shown or hidden by phase, so a quick "ctrl+s 3" is applied
in order with nothing to wait for. While the answer box has focus every printable key is
typed; drill commands use chords (`ctrl+o`, `ctrl+r`, `ctrl+t`) or function keys. The
session decides and records everything; this screen never touches the store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Static

from interviewprep.core.card_queue import Mode
from interviewprep.core.decks.model import CardKind
from interviewprep.core.drill_state import DrillView, Phase, PhaseError
from interviewprep.core.scheduling import Rating
from interviewprep.core.session import DrillSession
from interviewprep.core.settings import AnswerMode
from interviewprep.core.text import visible
from interviewprep.i18n import N_, _, ngettext
from interviewprep.lazy import lazy_module
from interviewprep.tui.appref import app_of
from interviewprep.tui.translation import translate_bindings
from interviewprep.tui.widgets.answer_box import AnswerBox
from interviewprep.tui.widgets.footer import AppFooter
from interviewprep.tui.widgets.guidance import feedback, guidance, story_outline
from interviewprep.tui.widgets.header import AppHeader
from interviewprep.tui.widgets.level_meter import LevelMeter
from interviewprep.tui.widgets.ratings import RatingBar
from interviewprep.tui.widgets.timer import AnswerTimer

if TYPE_CHECKING:
    from interviewprep.core.call import CallSession
    from interviewprep.tui.screens import drill_voice
else:  # the voice keys load when first used, not to show the first card
    drill_voice = lazy_module("interviewprep.tui.screens.drill_voice")

DRAFT_SAVE_EVERY_S = 2.0
LEVEL_EVERY_S = 0.15
UNSAVED_NOTICES = {
    "busy": N_("Not saved yet: the database is busy. Your text is kept and saved as soon "
               "as it can be."),
    "full": N_("Not saved yet: the disk is full. Your text is kept; free some space and "
               "it is saved."),
    "error": N_("Not saved yet: the database cannot be written. Your text is kept and "
                "saving is retried."),
}


class DrillScreen(Screen[None]):
    BINDINGS = [
        # While the answer box has focus it takes ctrl+s itself, in order with the keys
        # typed before it (see AnswerBox); this binding shows it and covers the rest.
        Binding("ctrl+s", "submit", N_("Submit"), id="drill.submit"),
        # The rating bar shows 1-4 with their intervals; the footer need not repeat them.
        Binding("1", "rate(1)", N_("Again"), show=False, id="drill.again"),
        Binding("2", "rate(2)", N_("Hard"), show=False, id="drill.hard"),
        Binding("3", "rate(3)", N_("Good"), show=False, id="drill.good"),
        Binding("4", "rate(4)", N_("Easy"), show=False, id="drill.easy"),
        Binding("ctrl+o,f2", "history", N_("History"), id="drill.history"),
        Binding("ctrl+r,f3", "undo", N_("Undo"), id="drill.undo"),
        Binding("ctrl+g,f5", "record", N_("Record/stop"), id="drill.record"),
        Binding("ctrl+l,f8", "play", N_("Play"), id="drill.play"),
        Binding("ctrl+e", "correct_transcript", N_("Fix transcript"), id="drill.transcript"),
        # The line above the prompt says how answers are timed, and names this key.
        Binding("ctrl+t,f4", "answer_mode", N_("Aloud/typed"), show=False,
                id="drill.answer-mode"),
        Binding("escape", "back", N_("Back"), id="drill.back"),
    ]

    # Focus follows the phase (the answer box only while answering); Textual's automatic
    # focus would put it on the answer box even when a tip card hides it.
    AUTO_FOCUS = ""

    phase: reactive[Phase] = reactive(Phase.DONE, bindings=True)
    can_undo: reactive[bool] = reactive(False, bindings=True)

    def __init__(self, session: DrillSession) -> None:
        super().__init__()
        translate_bindings(self)
        self.session = session
        self._shown_card: object = None  # the card the widgets were last filled for
        self._revealed_card: object = None  # the card the panels were last scrolled for
        self._box: AnswerBox | None = None  # kept: on unmount the children are gone
        self._call: CallSession | None = None  # a role-played call opened from the drill

    @property
    def view(self) -> DrillView:
        return self.session.view()

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Vertical(id="drill"):
            yield Static(id="drill-meta", markup=False)
            yield Static(id="prompt", markup=False)
            with Horizontal(id="timer-row"):
                yield LevelMeter(id="level", markup=False)
                yield AnswerTimer(id="timer", classes="timer")
            with ContentSwitcher(id="card-area", initial="answering"):
                yield AnswerBox(id="answering", soft_wrap=True, show_line_numbers=False,
                                classes="answer")
                with Horizontal(id="revealed", classes="compare"):
                    with VerticalScroll(id="mine", classes="mine"):
                        yield Static(id="typed", classes="typed", markup=False)
                        yield Static(id="feedback", markup=False)
                    with VerticalScroll(id="guide", classes="guidance"):
                        yield Static(id="guidance", markup=False)
            yield RatingBar(id="ratings")
            yield Static(id="unsaved", markup=False)
        yield AppFooter()

    def on_mount(self) -> None:
        box = self._box = self.query_one(AnswerBox)
        box.cursor_blink = app_of(self).cursor_blink
        self.set_interval(DRAFT_SAVE_EVERY_S, self.save_draft)
        self.set_interval(1.0, self.tick)
        self.set_interval(LEVEL_EVERY_S, self.show_level)
        self.show(self.session.start())

    # -- drawing ----------------------------------------------------------------------------

    def show(self, view: DrillView) -> None:
        """Draw the session's view; the card's widgets are refilled only for a new card."""
        if view.item is None:
            self.finish()
            return
        item = view.item
        self.phase = view.phase
        self.can_undo = view.can_undo
        status = _("new") if item.state is None else _("review")
        parts = [item.deck.title, item.card.kind.label, status,
                 ngettext("{count} done", "{count} done", view.done).format(count=view.done)]
        if view.mode is Mode.PRACTICE:
            parts.append(_("practice"))
        elif view.mode is Mode.AHEAD:
            parts.append(_("studying ahead"))
        elif view.mode is Mode.WEAK:
            parts.append(_("weak spots"))
        if item.card.kind.is_rehearsed:
            parts.append(_("answering aloud (ctrl+t: in writing)")
                         if view.answer_mode is AnswerMode.ALOUD
                         else _("answering in writing (ctrl+t: aloud)"))
        self.query_one("#drill-meta", Static).update(Text(visible(" · ".join(parts))))
        self.query_one("#prompt", Static).update(Text(visible(item.card.prompt)))
        switcher = self.query_one(ContentSwitcher)
        box = self.query_one(AnswerBox)
        card_key = (item.ref, view.done)
        new_card = card_key != self._shown_card
        self._shown_card = card_key
        if new_card and item.card.kind is CardKind.ROLEPLAY and view.phase is Phase.ANSWERING:
            # A call is played turn by turn on its own screen; it comes back rated. It opens
            # once this screen has finished mounting, so it stacks on top of it.
            from interviewprep.core.call import CallSession  # the analysis, when needed

            call = CallSession(self.session.collection, item,
                               practice=view.mode is Mode.PRACTICE,
                               reader=app_of(self).prompt_reader())
            self.call_after_refresh(self._open_call, call)
        if view.phase in (Phase.ANSWERING, Phase.RECALLING):
            # A tip is recalled in the same box: typing never reveals or rates it.
            box.border_title = (
                _("Your answer · ctrl+s submits · empty is fine if you said it aloud")
                if view.phase is Phase.ANSWERING else
                _("Recall it · type it if you like · ctrl+s shows the answer"))
            if new_card:
                box.read_only = False
                box.load_text(view.draft)
                box.move_cursor(box.document.end)
                if view.draft_restored:
                    self.notify(_("Restored your unsaved draft."), timeout=3)
            switcher.current = "answering"
            self.set_focus(box)  # at once: a deferred focus could land after the next key
        elif view.phase is Phase.REVEALED:
            self._show_revealed(view)
        self._show_timer(view)
        bar = self.query_one(RatingBar)
        bar.display = view.phase is Phase.REVEALED
        if view.phase is Phase.REVEALED:
            suggested = (Rating[view.feedback.suggested_rating.name]
                         if view.feedback is not None and view.answer else None)
            bar.show(view.preview, suggested)
        self._show_unsaved(view)

    def redraw(self, view: DrillView, refill: bool = False) -> None:
        """Draw `view`; with `refill` the card's widgets are filled again as for a new card."""
        if refill:
            self._shown_card = None
        self.show(view)

    def _show_revealed(self, view: DrillView) -> None:
        assert view.item is not None
        box = self.query_one(AnswerBox)
        box.read_only = True
        mine = self.query_one("#mine", VerticalScroll)
        guide = self.query_one("#guide", VerticalScroll)
        guide.border_title = _("Guidance")
        shown = guidance(view.item.card)
        if view.stories:
            shown = Group(story_outline(view.stories), shown)
        self.query_one("#guidance", Static).update(shown)
        mine.display = view.answer is not None
        if view.answer is not None:
            mine.border_title = _("Your answer")
            shown = Text(visible(view.answer) or _("(nothing typed)"))
            if view.recordings:
                shown.append("\n\n" + _("What you said (ctrl+e fixes it):") + "\n", style="bold")
                if view.transcript is None:
                    shown.append(_("transcribing…"), style="dim")
                else:
                    shown.append(visible(view.transcript) or _("(no words recognised)"))
            self.query_one("#typed", Static).update(shown)
            self.query_one("#feedback", Static).update("")  # a tip has none
            if view.feedback is not None:
                notes: tuple[str, ...] = ()
                if view.answer_mode is AnswerMode.WRITTEN and view.answer.strip():
                    notes = (_("Said aloud, this takes about {seconds} s (at 140 words a "
                               "minute).").format(seconds=round(view.feedback.seconds)),)
                self.query_one("#feedback", Static).update(feedback(view.feedback, notes))
        self.query_one(ContentSwitcher).current = "revealed"
        if self._revealed_card != self._shown_card:
            # Each card's feedback is read from its start, wherever the last one was left.
            self._revealed_card = self._shown_card
            for panel in (mine, guide):
                panel.scroll_home(animate=False, immediate=True)
        # Arrow keys scroll the focused panel at once; tab moves to the other one.
        self.set_focus(mine if view.answer is not None else guide)

    def _show_timer(self, view: DrillView) -> None:
        timer = self.query_one(AnswerTimer)
        aloud = view.answer_mode is AnswerMode.ALOUD
        timer.show(view.elapsed, view.time_limit if aloud else None, view.over_time,
                   running=view.phase in (Phase.ANSWERING, Phase.RECALLING),
                   reading=view.reading)
        app_of(self).tell_reading_failure(view.reading_failure)

    def _show_unsaved(self, view: DrillView) -> None:
        notice = self.query_one("#unsaved", Static)
        notice.display = view.unsaved is not None
        if view.unsaved is not None:
            notice.update(Text(_(UNSAVED_NOTICES[view.unsaved]), style="bold"))

    def _open_call(self, call: CallSession) -> None:
        from interviewprep.tui.screens.roleplay import RolePlayScreen

        self._call = call
        self.app.push_screen(RolePlayScreen(call))

    def on_screen_resume(self) -> None:
        call, self._call = self._call, None
        if call is None:
            return
        if call.rating is None:  # the person left the call: leave the drill with it
            self.action_back()
            return
        call.flush()
        self.show(self.session.played(call.seconds, call.rating, call.review_uid))

    def tick(self) -> None:
        view = self.view
        if view.item is not None:
            self._show_timer(view)

    def finish(self) -> None:
        from interviewprep.tui.screens.summary import SummaryScreen

        self.session.leave()
        self.app.switch_screen(SummaryScreen(self.session))

    # -- actions ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "submit":
            return self.phase in (Phase.ANSWERING, Phase.RECALLING)
        if action == "rate":
            return self.phase is Phase.REVEALED
        if action == "undo":
            return self.can_undo
        if action == "record":
            return self.phase is Phase.ANSWERING and self.session.voice.unavailable is None
        if action == "play":
            return bool(self.session.recordings) and not self.session.voice.recording
        if action == "correct_transcript":
            return self.phase is Phase.REVEALED and bool(self.session.recordings)
        return True

    def action_submit(self) -> None:
        box = self.query_one(AnswerBox)
        box.read_only = True  # keys pressed from here on go to the drill, not the box
        self._submit(box.text)

    @on(AnswerBox.Submitted)
    def answer_submitted(self, message: AnswerBox.Submitted) -> None:
        self._submit(message.text)

    def _submit(self, text: str) -> None:
        if self.phase is Phase.RECALLING:
            self.set_focus(None)
            self.show(self.session.reveal(text))
            return
        if self.phase is not Phase.ANSWERING:
            return
        self.set_focus(None)
        view = self.session.submit(text)  # saved before anything is shown
        self.show(view)
        if view.recordings and view.item is not None:
            drill_voice.transcribe(self, view.recordings, view.item.deck.language)

    def action_rate(self, value: int) -> None:
        try:
            self.show(self.session.rate(Rating(value)))
        except PhaseError:
            return

    def action_undo(self) -> None:
        try:
            view = self.session.undo()
        except PhaseError:
            return
        if view.unsaved is None:
            self.notify(_("Rating undone: rate it again."), timeout=2)
        self.redraw(view, refill=True)

    def show_level(self) -> None:
        """A small meter while recording, so the person sees their voice is arriving."""
        voice = self.session.voice
        self.query_one("#level", LevelMeter).show(voice.recording, voice.level)

    # -- spoken answers (see drill_voice) ---------------------------------------------------

    def action_record(self) -> None:
        drill_voice.record(self)

    def action_play(self) -> None:
        drill_voice.play(self)

    def action_correct_transcript(self) -> None:
        drill_voice.correct_transcript(self)

    def action_answer_mode(self) -> None:
        aloud = self.session.answer_mode is AnswerMode.ALOUD
        self.session.set_answer_mode(AnswerMode.WRITTEN if aloud else AnswerMode.ALOUD)
        self.notify(_("Answering in writing: timed by how long it takes to say.") if aloud
                    else _("Answering aloud: timed against the card's limit."), timeout=3)
        self.show(self.view)

    def action_history(self) -> None:
        from interviewprep.tui.screens.history import HistoryScreen

        item = self.session.current
        if item is not None:
            self.save_draft()
            self.app.push_screen(HistoryScreen(self.session.collection, item))

    def action_back(self) -> None:
        self.save_draft()
        app_of(self).go_back()

    # -- drafts -----------------------------------------------------------------------------

    def save_draft(self) -> None:
        """Hand the answer box to the session and let it save (or keep and retry)."""
        # The session's phase, not the screen's: a call rated on its own screen ends the
        # drill before this screen is redrawn, and a tick may fall in between.
        if self.session.phase in (Phase.ANSWERING, Phase.RECALLING):
            self.session.type(self.query_one(AnswerBox).text)
        self.session.flush()
        self._show_unsaved(self.view)

    def on_unmount(self) -> None:
        if self.session.phase in (Phase.ANSWERING, Phase.RECALLING) and self._box is not None:
            self.session.type(self._box.text)
        self.session.leave()
