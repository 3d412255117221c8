"""Recording spoken answers through the real store with a fake device: files written as
audio arrives, private, linked to the answer; a killed recorder's file kept and repaired."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import wave
from pathlib import Path

import pytest

from interviewprep.core import voice
from interviewprep.core.collection import Collection
from interviewprep.core.store import Recording
from interviewprep.core.voice import audio, engines, recorder
from interviewprep.locations import Locations
from tests.voice_helpers import pcm, silence, voiced

REF = ("mini", "en", "pen")
CHUNK = recorder.CHUNK_FRAMES * audio.SAMPLE_WIDTH


def chunks(samples: list[int]) -> list[bytes]:
    data = pcm(samples)
    return [data[i:i + CHUNK] for i in range(0, len(data), CHUNK)]


def record(collection: Collection, frames: list[bytes],
           levels: list[float] | None = None) -> Recording:
    """Record `frames` as a person would: start, let them arrive, stop."""
    total = sum(map(len, frames))
    arrived = threading.Event()
    rec = recorder.Recorder(
        collection.store, collection.locations, recorder.FakeDevice(frames),
        clock=collection.clock, on_level=None if levels is None else levels.append,
        on_chunk=lambda written: arrived.set() if written >= total else None)
    rec.start(REF)
    assert rec.recording
    assert arrived.wait(10)
    assert rec.seconds == pytest.approx(total / audio.BYTES_PER_SECOND)
    return rec.stop()


def test_recording_is_written_private_and_linked_to_the_answer(
        collection: Collection, data_dir: Path) -> None:
    frames = chunks(silence(0.5) + voiced(1.5) + silence(0.5))
    levels: list[float] = []
    done = record(collection, frames, levels)
    path = data_dir / done.path
    assert done.path.startswith("recordings/") and done.seconds == pytest.approx(2.5)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((data_dir / "recordings").stat().st_mode) == 0o700
    with wave.open(str(path)) as reader:
        assert (reader.getframerate(), reader.getnchannels(), reader.getsampwidth()) == (
            16000, 1, 2)
        assert reader.readframes(reader.getnframes()) == b"".join(frames)
    # the meter: quiet at first, loud while speaking
    assert len(levels) == len(frames)
    assert levels[0] < 0.4 < max(levels)
    assert done.measures is not None
    assert done.measures["speech_s"] == pytest.approx(1.5, abs=0.4)

    item = collection.item(collection.resolve_deck("mini"), "pen")
    answer_id = collection.record_answer(item, "", 2.5)
    collection.store.attach_recording(done.id, answer_id)
    collection.store.save_transcript(done.id, "i sold a pen", "pocketsphinx",
                                     [("i", 0.5, 0.6), ("sold", 0.6, 0.9)])
    collection.store.save_transcript(done.id, "I sold a pen today", None, corrected=True)
    (stored,) = collection.store.recordings(answer_id=answer_id)
    assert stored.transcript == "I sold a pen today" and stored.transcript_corrected
    assert stored.transcript_engine == "pocketsphinx"
    assert stored.transcript_words == [("i", 0.5, 0.6), ("sold", 0.6, 0.9)]
    assert [r.id for r in collection.store.recordings(ref=REF)] == [done.id]


def test_player_plays_the_recording(collection: Collection, data_dir: Path) -> None:
    frames = chunks(voiced(0.5))
    done = record(collection, frames)
    device = recorder.FakeDevice()
    player = recorder.Player(device)
    player.play(data_dir / done.path)
    player.stop()
    assert device.played == [b"".join(frames)]


def test_an_empty_recording_is_a_valid_file(collection: Collection, data_dir: Path) -> None:
    rec = recorder.Recorder(collection.store, Locations(data_dir), recorder.FakeDevice())
    rec.start(REF)
    done = rec.stop()
    assert done.seconds == 0.0
    assert audio.duration(data_dir / done.path) == 0.0


CHILD = """
import sys
from interviewprep.core.store import Store
from interviewprep.core.voice import recorder
from interviewprep.locations import Locations

chunk = int(sys.argv[2])
def frames():
    while data := sys.stdin.buffer.read(chunk):
        yield data
locations = Locations(__import__("pathlib").Path(sys.argv[1]))
store = Store(locations.database)
rec = recorder.Recorder(store, locations, recorder.FakeDevice(frames()),
                        on_chunk=lambda n: print(n, flush=True))
rec.start(("mini", "en", "pen"))
rec._thread.join()
"""


def test_killed_mid_recording_keeps_what_was_said(
        data_dir: Path, deck_dir: Path, write_deck: object) -> None:
    frames = chunks(voiced(1.0) + silence(0.5))
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(data_dir), str(CHUNK)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert child.stdin is not None and child.stdout is not None
    for frame in frames:
        child.stdin.write(frame)
        child.stdin.flush()
        assert int(child.stdout.readline()) > 0  # written to the file before the next one
    child.send_signal(signal.SIGKILL)  # mid-recording: the input never ended
    assert child.wait(10) == -signal.SIGKILL
    child.stdin.close()
    child.stdout.close()

    with Collection.open(Locations(data_dir), [deck_dir], include_bundled=False) as again:
        (kept,) = again.store.recordings(ref=REF)
        assert kept.seconds == pytest.approx(1.5)
        with wave.open(str(data_dir / kept.path)) as reader:
            assert reader.readframes(reader.getnframes()) == b"".join(frames)


def _stale_header(path: Path, body: bytes, claimed: int) -> None:
    """A WAV whose header claims `claimed` bytes of audio while `body` (and half a sample)
    follow: what a kill between writing a chunk and updating the header leaves."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(16000)
        writer.writeframes(body[:claimed])
    with path.open("ab") as handle:
        handle.write(body[claimed:] + b"\x01")


def test_header_left_behind_by_a_crash_is_repaired_on_next_start(
        collection: Collection, data_dir: Path, deck_dir: Path) -> None:
    body = pcm(voiced(1.0))
    recording_id = collection.store.start_recording(REF, "recordings/crashed.wav",
                                                    collection.clock())
    path = data_dir / "recordings" / "crashed.wav"
    _stale_header(path, body, claimed=3 * CHUNK)
    with wave.open(str(path)) as reader:
        assert reader.getnframes() * 2 == 3 * CHUNK  # a player would stop at 0.3 s
    collection.close()

    with Collection.open(Locations(data_dir), [deck_dir], include_bundled=False) as again:
        repaired = again.store.recording(recording_id)
        assert repaired is not None and repaired.seconds == pytest.approx(1.0)
        assert repaired.measures is not None
    with wave.open(str(path)) as reader:
        assert reader.readframes(reader.getnframes()) == body


def test_repair_leaves_a_sound_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "fine.wav"
    body = pcm(voiced(0.7))
    _stale_header(path, body, claimed=len(body))
    path.write_bytes(path.read_bytes()[:-1])  # without the stray byte: nothing to repair
    before = path.read_bytes()
    assert audio.repair(path) == pytest.approx(0.7)
    assert path.read_bytes() == before


def test_a_file_killed_before_its_header_becomes_an_empty_recording(tmp_path: Path) -> None:
    path = tmp_path / "empty.wav"
    path.write_bytes(b"RIFF")
    assert audio.repair(path) == 0.0
    assert audio.duration(path) == 0.0


def test_no_sound_library_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", None)
    with pytest.raises(voice.VoiceUnavailable) as caught:
        recorder.SoundDevice()
    message = str(caught.value)
    assert "pip install 'interviewprep[voice]'" in message and "\n" not in message


def test_an_unreadable_leftover_never_stops_the_app_starting(
        collection: Collection, data_dir: Path, deck_dir: Path) -> None:
    recording_id = collection.store.start_recording(REF, "recordings/odd.wav",
                                                    collection.clock())
    (data_dir / "recordings").mkdir(exist_ok=True)
    (data_dir / "recordings" / "odd.wav").write_bytes(b"something else entirely" * 10)
    collection.close()
    with Collection.open(Locations(data_dir), [deck_dir], include_bundled=False) as again:
        assert again.store.recording(recording_id).seconds == 0.0  # type: ignore[union-attr]
    assert (data_dir / "recordings" / "odd.wav").read_bytes().startswith(b"something")


class WordEngine:
    """An engine for tests: hears the same words in any audio."""

    name = "fake"
    language = "en"

    def __init__(self, text: str) -> None:
        self.text = text
        self.calls = 0

    def transcribe(self, pcm: bytes) -> engines.Transcript:
        self.calls += 1
        words = tuple((w, float(i), i + 0.5) for i, w in enumerate(self.text.split()))
        return engines.Transcript(self.text, words, self.name, len(pcm) / 32000, 0.01)


def test_transcripts_are_saved_and_a_correction_is_never_overwritten(
        collection: Collection, data_dir: Path) -> None:
    done = record(collection, chunks(voiced(1.0)))
    engine = WordEngine("we grew revenue")
    heard = recorder.transcribe_recording(collection.store, Locations(data_dir), done.id, engine)
    assert heard is not None and heard.audio_s == pytest.approx(1.0)
    stored = collection.store.recording(done.id)
    assert stored is not None and stored.transcript == "we grew revenue"
    assert stored.transcript_words[1] == ("grew", 1.0, 1.5)

    collection.store.save_transcript(done.id, "we grew revenue 40%", None, corrected=True)
    again = recorder.transcribe_recording(collection.store, Locations(data_dir), done.id,
                                          WordEngine("something else"))
    assert again is None
    kept = collection.store.recording(done.id)
    assert kept is not None and kept.transcript == "we grew revenue 40%"
    assert kept.transcript_engine == "fake"


class NoMicrophone:
    def open_input(self, chunk_frames: int) -> recorder.AudioInput:
        raise voice.VoiceUnavailable("no microphone found")

    def play(self, pcm: bytes, stop: threading.Event) -> None:
        raise AssertionError


def test_no_microphone_leaves_no_file_and_no_recording(
        collection: Collection, data_dir: Path) -> None:
    rec = recorder.Recorder(collection.store, Locations(data_dir), NoMicrophone())
    with pytest.raises(voice.VoiceUnavailable, match="no microphone"):
        rec.start(REF)
    assert not rec.recording
    assert list((data_dir / "recordings").iterdir()) == []
    assert collection.store.recordings() == []


SOUNDCARD = """
import json, sys, threading
from interviewprep.core.store import Store
from interviewprep.core.voice import recorder
from interviewprep.locations import Locations

locations = Locations(__import__("pathlib").Path(sys.argv[1]))
store = Store(locations.database)
device = recorder.SoundDevice()
enough = threading.Event()
rec = recorder.Recorder(store, locations, device,
                        on_chunk=lambda n: enough.set() if n >= 32000 else None)
rec.start(("mini", "en", "pen"))
assert enough.wait(30)
done = rec.stop()
recorder.Player(device).play(locations.data_dir / done.path)
print(json.dumps({"path": done.path, "seconds": done.seconds, "level": rec.level}))
"""


def test_the_real_sound_library_records_and_plays(data_dir: Path, tmp_path: Path) -> None:
    # PortAudio through ALSA's null device: the sounddevice code path with no sound card.
    config = tmp_path / "asound.conf"
    config.write_text("pcm.!default {\n    type null\n}\n")
    env = {**os.environ, "ALSA_CONFIG_PATH": str(config)}
    done = subprocess.run([sys.executable, "-c", SOUNDCARD, str(data_dir)], env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["seconds"] >= 1.0 and 0.0 <= result["level"] <= 1.0
    with wave.open(str(data_dir / result["path"])) as reader:
        assert reader.getframerate() == 16000
        assert reader.getnframes() / 16000 == pytest.approx(result["seconds"])
