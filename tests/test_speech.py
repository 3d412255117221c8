"""Reading prompts aloud with the system's synthesiser (festival for English, espeak-ng for
Spanish; both installed by .ci/run): what comes out is speech saying the prompt, deck text
never reaches a shell or an option, and a missing synthesiser is one line saying what to
install."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from interviewprep.core.voice import engines, vad
from interviewprep.core.voice.audio import BYTES_PER_SECOND
from interviewprep.core.voice.recorder import FakeDevice
from interviewprep.core.voice.speech import (
    PromptReader,
    SpeechError,
    find_synthesiser,
    synthesise,
)
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
