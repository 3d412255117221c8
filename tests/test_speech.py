"""Reading prompts aloud with the system's synthesiser (festival for English, espeak-ng for
Spanish; both installed by .ci/run): what comes out is speech saying the prompt, deck text
never reaches a shell or an option, and a missing synthesiser is one line saying what to
install."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest
from textual.pilot import Pilot

from interviewprep.core.call import CallSession
from interviewprep.core.collection import Collection
from interviewprep.core.mock import MockInterview
from interviewprep.core.settings import SettingsError
from interviewprep.core.voice import engines, vad
from interviewprep.core.voice.audio import BYTES_PER_SECOND
from interviewprep.core.voice.recorder import AudioDevice, FakeDevice
from interviewprep.core.voice.speech import (
    PromptReader,
    SpeechError,
    find_synthesiser,
    synthesise,
)
from interviewprep.tui.app import make_app
from interviewprep.tui.screens.drill import DrillScreen
from interviewprep.tui.widgets.timer import AnswerTimer
from tests.conftest import Clock
from tests.test_modes import modes  # noqa: F401  (a fixture)
from tests.test_tui import text_of
from tests.voice_helpers import KEY_WORDS, SENTENCE


def test_an_english_prompt_is_spoken_and_a_recogniser_hears_it() -> None:
    pcm = synthesise(SENTENCE, "en")
    heard = engines.get_engine(None, "en").transcribe(pcm).text.split()
    assert [word for word in KEY_WORDS if word not in heard] == [], heard


def test_a_spanish_prompt_is_spoken_in_spanish() -> None:
    assert find_synthesiser("es").name == "espeak-ng"
    pcm = synthesise("¿Cuál fue tu mayor logro en ventas el año pasado?", "es")
    measures = vad.measure(pcm)
    assert measures.speech_s > 1.5, measures


def test_deck_text_is_never_an_option_or_a_command(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for language in ("en", "es"):
        pcm = synthesise("--version; $(touch pwned) `touch pwned2` [bold]x[/]", language)
        assert len(pcm) > BYTES_PER_SECOND, "the text itself was spoken"
    assert list(tmp_path.iterdir()) == []


def test_without_a_synthesiser_one_line_says_what_to_install() -> None:
    with pytest.raises(SpeechError) as raised:
        find_synthesiser("es", which=lambda _program: None)
    assert "apt-get install espeak-ng" in str(raised.value)
    assert "\n" not in str(raised.value)


def test_the_reader_plays_the_speech_then_says_it_is_done() -> None:
    device = FakeDevice()
    finished = threading.Event()
    reader = PromptReader(device.play)
    reader.read("Why sales?", "en", finished.set)
    assert finished.wait(30)
    [played] = device.played
    assert vad.measure(played).speech_s > 0.3
    assert reader.failure is None


def test_a_reading_cut_short_never_plays_nor_reports_done() -> None:
    device = FakeDevice()
    finished = threading.Event()
    reader = PromptReader(device.play)
    reader.read("Walk me through your last deal, from first call to signature.", "en",
                finished.set)
    reader.stop()  # the next card came before the synthesiser finished
    assert not finished.wait(3)
    assert device.played == []


def test_a_failing_synthesiser_is_reported_and_the_drill_goes_on() -> None:
    finished = threading.Event()
    reader = PromptReader(FakeDevice().play, which=lambda _program: None)
    reader.read("Why sales?", "en", finished.set)
    assert finished.wait(5), "the timer must start even when nothing can be read"
    assert reader.failure is not None and "espeak-ng" in reader.failure


# -- in the app: the setting, the drill's timer, mock interviews and calls ------------------

class HeldSpeaker:
    """Speakers that keep playing until the test lets the reading end."""

    def __init__(self) -> None:
        self.played: list[bytes] = []
        self.playing = threading.Event()
        self.release = threading.Event()

    def play(self, pcm: bytes, stop: threading.Event) -> None:
        self.played.append(pcm)
        self.playing.set()
        while not (self.release.is_set() or stop.is_set()):
            self.release.wait(0.01)


async def wait_until(condition: Callable[[], bool], pilot: Pilot[None]) -> None:
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline
        await pilot.pause(0.02)


def test_the_setting_is_saved_checked_and_off_by_default(collection: Collection) -> None:
    assert collection.settings.read_aloud is False
    assert collection.update_settings(read_aloud="yes").read_aloud is True
    assert collection.update_settings(read_aloud="off").read_aloud is False
    with pytest.raises(SettingsError) as raised:
        collection.update_settings(read_aloud="loud")
    assert raised.value.field == "read_aloud"


async def test_the_drill_reads_the_question_then_starts_the_timer(
        collection: Collection, clock: Clock) -> None:
    collection.update_settings(read_aloud="on")
    speaker = HeldSpeaker()
    app = make_app(collection, start_deck=collection.resolve_deck("mini"),
                   cursor_blink=False, device_factory=lambda: cast(AudioDevice, speaker))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        await wait_until(speaker.playing.is_set, pilot)
        screen.tick()
        assert "listening to the question" in text_of(screen.query_one(AnswerTimer))
        await pilot.press(*"typing while listening is fine")
        clock.advance(seconds=30)  # the question took a while to read
        speaker.release.set()
        await wait_until(lambda: not screen.session.view().reading, pilot)
        clock.advance(seconds=5)
        screen.tick()
        assert "0:05" in text_of(screen.query_one(AnswerTimer)), "timed from the end"
        await pilot.press("ctrl+s")
    [answer] = collection.store.answers()
    assert (answer.text, answer.seconds) == ("typing while listening is fine", 5)
    heard = engines.get_engine(None, "en").transcribe(speaker.played[0]).text.split()
    assert "pen" in heard, heard  # "Sell me this pen."


async def test_without_a_synthesiser_the_drill_says_so_once_and_times_at_once(
        collection: Collection, clock: Clock, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a machine with neither festival nor espeak
    collection.update_settings(read_aloud="on")
    app = make_app(collection, start_deck=collection.resolve_deck("mini"),
                   cursor_blink=False, device_factory=FakeDevice)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        await wait_until(lambda: not screen.session.view().reading, pilot)
        screen.tick()
        await pilot.pause()
        [notice] = list(app._notifications)
        assert "apt-get install espeak-ng" in str(notice.message)
        await pilot.press("ctrl+s", "3", "ctrl+s", "3")  # the next cards say nothing more
        screen.tick()
        await pilot.pause()
        assert len(list(app._notifications)) == 1


def test_a_mock_interview_reads_each_question_and_follow_up(
        modes: Collection) -> None:  # noqa: F811
    device = FakeDevice()
    reader = PromptReader(device.play)
    mock = MockInterview(modes, [modes.resolve_deck("modes")], questions=1, reader=reader)
    deadline = time.monotonic() + 30
    while mock.view().reading:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    mock.submit("I chose sales after my first deal.")  # a follow-up is asked next
    assert mock.view().question == "What would your last manager say about you?"
    while mock.view().reading:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    assert len(device.played) == 2
    heard = engines.get_engine(None, "en").transcribe(device.played[1]).text.split()
    assert "manager" in heard, heard


def test_a_call_reads_each_buyer_line(modes: Collection) -> None:  # noqa: F811
    device = FakeDevice()
    deck = next(d for d in modes.decks() if d.id != "modes")
    call = CallSession(modes, modes.item(deck, modes.cards(deck)[0].id),
                       reader=PromptReader(device.play))
    first = call.view().turn
    assert first is not None
    deadline = time.monotonic() + 30
    while call.view().reading:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    [line] = device.played
    assert vad.measure(line).speech_s > 0.5
    call.submit("Fair enough. What would make it worth a call?")
    while call.view().reading:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    assert len(device.played) == 2, "the next buyer line is read too"
