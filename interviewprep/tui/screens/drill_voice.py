"""The drill screen's spoken answers: recording and stopping (ctrl+g), playing the card's
last recording back (ctrl+l), transcribing each recording in a worker thread once the
answer is submitted, and the person's correction of the transcript (ctrl+e).

Imported when the person first uses one of them, not to show the first card. The session
decides and saves everything; these carry the keys to it and draw what it returns.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from interviewprep.core.drill_state import Phase, PhaseError
from interviewprep.core.voice import VoiceUnavailable
from interviewprep.core.voice.drill import transcribe_in_worker
from interviewprep.i18n import _

if TYPE_CHECKING:
    from interviewprep.tui.screens.drill import DrillScreen


def record(screen: DrillScreen) -> None:
    """Start recording the answer, or stop and keep what was said."""
    session = screen.session
    if session.voice.recording:
        view = session.stop_recording()
        screen.notify(_("Recording saved. Submit with ctrl+s when you are done."), timeout=3)
    else:
        try:
            view = session.start_recording()
        except VoiceUnavailable as error:
            # Said once; the key then leaves the footer and typed answers go on as before.
            screen.notify(str(error), title=_("No recording here"), severity="warning",
                          markup=False, timeout=10)
            screen.refresh_bindings()
            return
        except PhaseError:
            return
    screen.show_level()
    screen.refresh_bindings()
    screen.show(view)


def play(screen: DrillScreen) -> None:
    """Play the card's last recording."""
    voice = screen.session.voice
    recordings = screen.session.recordings
    recording = voice.recording_of(recordings[-1]) if recordings else None
    if recording is None:
        return
    try:
        voice.play(recording)
    except VoiceUnavailable as error:
        screen.notify(str(error), severity="warning", markup=False, timeout=10)


def correct_transcript(screen: DrillScreen) -> None:
    """Let the person fix what the recogniser heard; the feedback follows the correction."""
    from interviewprep.tui.screens.transcript import TranscriptScreen

    view = screen.session.view()
    if view.phase is not Phase.REVEALED or not view.recordings:
        return

    def corrected(text: str | None) -> None:
        if text is not None:
            screen.show(screen.session.correct_transcript(text))

    screen.app.push_screen(TranscriptScreen(view.transcript or ""), corrected)


def transcribe(screen: DrillScreen, recording_ids: tuple[int, ...], language: str) -> None:
    """Transcribe each recording in a worker thread; the screen is redrawn as each is saved."""
    for recording_id in recording_ids:
        screen.run_worker(partial(_transcribe, screen, recording_id, language), thread=True,
                          group="transcribe")


def _transcribe(screen: DrillScreen, recording_id: int, language: str) -> None:
    try:
        transcribe_in_worker(screen.session.collection, recording_id, language)
    except VoiceUnavailable as error:
        screen.app.call_from_thread(screen.notify, str(error), severity="warning",
                                    markup=False, timeout=10)
        return
    screen.app.call_from_thread(_transcribed, screen, recording_id)


def _transcribed(screen: DrillScreen, recording_id: int) -> None:
    view = screen.session.transcribed(recording_id)
    # Only the revealed answer shows a transcript. Once the person is on the next card,
    # drawing again would reload the answer box from the last saved draft, over what
    # they typed since.
    if view.phase is Phase.REVEALED:
        screen.show(view)
