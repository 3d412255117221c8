"""Offline transcription with PocketSphinx on speech synthesised by festival, through the
engine and through `interviewprep listen`."""

from __future__ import annotations

import wave
from array import array
from pathlib import Path

import pytest

from interviewprep.core.voice import audio, engines
from tests.conftest import RunCli, WriteDeck
from tests.voice_helpers import KEY_WORDS, SENTENCE, pcm, silence, synthesise


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthesise(SENTENCE, tmp_path_factory.mktemp("speech") / "answer.wav")


@pytest.fixture(scope="module")
def transcript(speech: Path) -> engines.Transcript:
    return engines.get_engine(None, "en").transcribe(audio.read_pcm(speech))


def test_pocketsphinx_is_the_default_for_english_and_hears_the_key_words(
        transcript: engines.Transcript) -> None:
    assert transcript.engine == "pocketsphinx"
    heard = transcript.text.split()
    missing = [w for w in KEY_WORDS if w not in heard]
    assert not missing, transcript.text


def test_word_timings_are_in_order_within_the_audio(transcript: engines.Transcript) -> None:
    starts = [start for _w, start, _e in transcript.words]
    assert starts == sorted(starts)
    assert all(0 <= s < e <= transcript.audio_s + 0.05 for _w, s, e in transcript.words)
    assert " ".join(w for w, _s, _e in transcript.words) == transcript.text


def test_listen_json_has_measures_transcript_and_analysis(
        cli: RunCli, speech: Path, write_deck: WriteDeck, deck_dir: Path,
        tmp_path: Path) -> None:
    write_deck()
    # The sentence, three seconds lost for words, the sentence again: at 44.1 kHz stereo,
    # as a phone might send it.
    spoken = audio.read_pcm(speech)
    first_s = len(spoken) / audio.BYTES_PER_SECOND
    mono = spoken + pcm(silence(3.0)) + spoken
    samples = array("h")
    samples.frombytes(mono)
    upsampled = audio.resample(samples, 16000, 44100)
    stereo = array("h", (s for sample in upsampled for s in (sample, sample)))
    recording = tmp_path / "client.wav"
    with wave.open(str(recording), "wb") as writer:
        writer.setnchannels(2)
        writer.setsampwidth(2)
        writer.setframerate(44100)
        writer.writeframes(stereo.tobytes())
    result = cli("listen", recording, "--json", "--deck", "mini", "--card", "pen",
                 "--decks", deck_dir)
    assert result.code == 0, result.err
    out = result.json()
    assert isinstance(out, dict)
    for key in ("duration_s", "speech_s", "longest_pause_s", "long_pauses",
                "words_per_minute", "transcript", "engine", "analysis"):
        assert key in out
    assert out["engine"] == "pocketsphinx"
    assert out["transcript"].split().count("quarter") == 2
    assert out["duration_s"] == pytest.approx(2 * first_s + 3, abs=0.05)
    assert 0 < out["speech_s"] <= out["duration_s"] - 3
    assert 100 < out["words_per_minute"] < 260
    assert out["pace"] in ("ok", "fast")  # festival's voice speaks briskly
    assert out["long_pause_count"] == 1
    (pause,) = out["long_pauses"]
    assert pause["start_s"] == pytest.approx(first_s, abs=0.5)
    assert pause["seconds"] == pytest.approx(3.0, abs=0.5)
    assert out["analysis"]["words"] == len(out["transcript"].split())


def test_listen_mistakes_are_one_line(cli: RunCli, speech: Path, tmp_path: Path,
                                     write_deck: WriteDeck, deck_dir: Path) -> None:
    write_deck()
    text = tmp_path / "notes.wav"
    text.write_text("not audio")
    for args, expected in [
        ((tmp_path / "missing.wav",), "no such file"),
        ((text,), "not a WAV file"),
        ((speech, "--engine", "nope"), "unknown engine nope"),
        ((speech, "--engine", "vosk-es"), "interviewprep models install vosk-es"),
        ((speech, "--card", "pen"), "--deck and --card go together"),
        ((speech, "--deck", "mini", "--card", "nope", "--decks", deck_dir),
         "deck mini@en has no card nope"),
    ]:
        result = cli("listen", *args)
        assert result.code == 1, args
        assert result.err.startswith("interviewprep: error: ") and expected in result.err
        assert result.err.count("\n") == 1


def test_without_the_voice_extra_listen_says_how_to_install(
        cli: RunCli, speech: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Shadow the extra's packages with modules that fail to import, as if not installed.
    shadow = tmp_path / "shadow"
    shadow.mkdir()
    for name in ("webrtcvad", "pocketsphinx", "vosk", "sounddevice"):
        (shadow / f"{name}.py").write_text("raise ImportError('not installed')\n")
    monkeypatch.setenv("PYTHONPATH", str(shadow))
    result = cli("listen", speech)
    assert result.code == 1
    assert result.err == ("interviewprep: error: voice features need the 'webrtcvad' package: "
                          "pip install 'interviewprep[voice]'\n")
    listed = cli("models", "list")  # what needs no extra still works, and says what is missing
    assert listed.code == 0
    assert "pocketsphinx  en  not available" in listed.out
    assert "pip install 'interviewprep[voice]'" in listed.out
