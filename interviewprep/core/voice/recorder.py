"""Recording and playing spoken answers, behind a device interface the tests fake.

A `Recorder` reads chunks from an input device in a worker thread and writes each one to the
WAV file as it arrives (stdlib `wave`; the header is updated after every chunk), so a crash
keeps everything said up to then; `recover` repairs such a file on the next start. The store
notes the recording when it begins and links it to the answer once that is saved.
"""

from __future__ import annotations

import os
import threading
import uuid
import wave
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from interviewprep.core.store import CardRef, Recording, Store
from interviewprep.core.voice import VoiceUnavailable, require
from interviewprep.core.voice.audio import (
    BYTES_PER_SECOND,
    CHANNELS,
    SAMPLE_RATE,
    SAMPLE_WIDTH,
    level,
    read_pcm,
    repair,
)
from interviewprep.core.voice.engines import Engine, Transcript
from interviewprep.i18n import _
from interviewprep.locations import PRIVATE_FILE_MODE, Locations, ensure_private_dir

CHUNK_FRAMES = SAMPLE_RATE // 10  # 100 ms: the level meter's refresh, and at most what a kill loses
LevelCallback = Callable[[float], None]


class AudioInput(Protocol):
    def read(self) -> bytes | None:
        """The next chunk of 16 kHz mono 16-bit PCM, waiting for it; None once input ended."""

    def close(self) -> None:
        """Stop input; a `read` waiting in another thread returns None."""


class AudioDevice(Protocol):
    def open_input(self, chunk_frames: int) -> AudioInput: ...

    def play(self, pcm: bytes, stop: threading.Event) -> None:
        """Play 16 kHz mono PCM, returning when it ends or `stop` is set."""


class SoundDevice:
    """The default microphone and speakers, through sounddevice (PortAudio). `kind` is what
    must be there: "input" to record, "output" only to play."""

    def __init__(self, kind: str = "input") -> None:
        self._sd: Any = require("sounddevice")
        try:
            self._sd.query_devices(kind=kind)
        except (ValueError, self._sd.PortAudioError) as error:
            message = (_("no microphone found ({reason})") if kind == "input"
                       else _("no speakers found ({reason})"))
            raise VoiceUnavailable(message.format(reason=error)) from None

    def open_input(self, chunk_frames: int) -> AudioInput:
        return _SoundDeviceInput(self._sd, chunk_frames)

    def play(self, pcm: bytes, stop: threading.Event) -> None:
        step = CHUNK_FRAMES * SAMPLE_WIDTH
        with self._sd.RawOutputStream(samplerate=SAMPLE_RATE, channels=CHANNELS,
                                      dtype="int16") as stream:
            for start in range(0, len(pcm), step):
                if stop.is_set():
                    stream.abort()
                    return
                stream.write(pcm[start:start + step])


class _SoundDeviceInput:
    def __init__(self, sd: Any, chunk_frames: int) -> None:
        self._chunk = chunk_frames
        self._closed = threading.Event()
        self._stream = sd.RawInputStream(samplerate=SAMPLE_RATE, channels=CHANNELS,
                                         dtype="int16", blocksize=chunk_frames)
        self._stream.start()

    def read(self) -> bytes | None:
        if not self._closed.is_set():
            data, _overflowed = self._stream.read(self._chunk)
            if not self._closed.is_set():
                return bytes(data)
        # PortAudio streams are not to be closed from another thread mid-read: the reading
        # thread shuts it once `close` asks, at most one chunk (100 ms) later.
        if not self._stream.closed:
            self._stream.stop()
            self._stream.close()
        return None

    def close(self) -> None:
        self._closed.set()


@dataclass
class FakeDevice:
    """A device for tests: input yields `frames` (any iterable, which may block), then waits
    until closed unless `end` is set; played audio is kept in `played`."""

    frames: Iterable[bytes] = ()
    end: bool = False
    played: list[bytes] = field(default_factory=list)

    def open_input(self, chunk_frames: int) -> AudioInput:
        return _FakeInput(iter(self.frames), self.end)

    def play(self, pcm: bytes, stop: threading.Event) -> None:
        self.played.append(pcm)


class _FakeInput:
    def __init__(self, frames: Iterator[bytes], end: bool) -> None:
        self._frames = frames
        self._end = end
        self._closed = threading.Event()

    def read(self) -> bytes | None:
        if self._closed.is_set():
            return None
        chunk = next(self._frames, None)
        if chunk is None and not self._end:
            self._closed.wait()
        return None if self._closed.is_set() else chunk

    def close(self) -> None:
        self._closed.set()


def _now() -> datetime:
    return datetime.now(UTC)


class Recorder:
    """Records one answer at a time into the data folder's `recordings/`."""

    def __init__(self, store: Store, locations: Locations, device: AudioDevice,
                 clock: Callable[[], datetime] = _now,
                 on_level: LevelCallback | None = None,
                 on_chunk: Callable[[int], None] | None = None) -> None:
        self.store = store
        self.locations = locations
        self.device = device
        self.clock = clock
        self.on_level = on_level
        self.on_chunk = on_chunk  # bytes of audio written so far; tests wait on it
        self.level = 0.0
        self._written = 0
        self._id: int | None = None
        self._input: AudioInput | None = None
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    @property
    def recording(self) -> bool:
        return self._id is not None

    @property
    def seconds(self) -> float:
        """Audio recorded so far: the drill's timer can run on it."""
        return self._written / BYTES_PER_SECOND

    def start(self, ref: CardRef) -> int:
        """Begin recording an answer to the card `ref`; return the recording's id."""
        if self._id is not None:
            raise RuntimeError("already recording")
        now = self.clock()
        folder = ensure_private_dir(self.locations.recordings)
        name = f"{now.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}.wav"
        path = folder / name
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
        # Both stay open in the worker thread until `stop`, which closes them.
        handle = os.fdopen(fd, "wb")
        writer = wave.open(handle, "wb")  # noqa: SIM115
        writer.setnchannels(CHANNELS)
        writer.setsampwidth(SAMPLE_WIDTH)
        writer.setframerate(SAMPLE_RATE)
        writer.writeframes(b"")  # the header, so even an empty recording is a valid file
        handle.flush()
        try:
            self._input = self.device.open_input(CHUNK_FRAMES)
        except BaseException:
            writer.close()
            handle.close()
            path.unlink()
            raise
        self._written = 0
        self._error = None
        self._id = self.store.start_recording(
            ref, str(path.relative_to(self.locations.data_dir)), now)
        self._thread = threading.Thread(target=self._run, args=(writer, handle),
                                        name="interviewprep-recorder", daemon=True)
        self._thread.start()
        return self._id

    def _run(self, writer: wave.Wave_write, handle: Any) -> None:
        assert self._input is not None
        try:
            while (chunk := self._input.read()) is not None:
                writer.writeframes(chunk)
                handle.flush()  # to the OS at once: a killed process keeps it
                self._written += len(chunk)
                self.level = level(chunk)
                if self.on_level is not None:
                    self.on_level(self.level)
                if self.on_chunk is not None:
                    self.on_chunk(self._written)
        except BaseException as error:
            self._error = error
        finally:
            writer.close()
            os.fsync(handle.fileno())
            handle.close()

    def stop(self) -> Recording:
        """Finish the recording, measure it, and return it as stored."""
        if self._id is None or self._input is None or self._thread is None:
            raise RuntimeError("not recording")
        recording_id = self._id
        self._input.close()
        self._thread.join()
        self._id = self._input = self._thread = None
        recording = self.store.recording(recording_id)
        assert recording is not None
        path = self.locations.data_dir / recording.path
        self.store.finish_recording(recording_id, self.seconds, _measures(path))
        if self._error is not None:
            raise VoiceUnavailable(_("recording stopped: {reason}").format(
                reason=self._error)) from self._error
        finished = self.store.recording(recording_id)
        assert finished is not None
        return finished


def _measures(path: Path) -> dict[str, Any] | None:
    """Voice-activity measures, when the extra is installed; the audio is kept regardless."""
    from interviewprep.core.voice import vad

    try:
        return vad.measure(read_pcm(path)).to_dict()
    except VoiceUnavailable:
        return None


def recover(store: Store, locations: Locations) -> list[int]:
    """Repair recordings a crash left unfinished and note their length; return their ids."""
    repaired = []
    for recording in store.recordings(unfinished=True):
        path = locations.data_dir / recording.path
        try:
            seconds = repair(path) if path.is_file() else 0.0
            measures = _measures(path) if seconds else None
        except (OSError, EOFError, ValueError, wave.Error):
            # Not ours to fix (replaced by hand?): start anyway, the file is left as it is.
            seconds, measures = 0.0, None
        store.finish_recording(recording.id, seconds, measures)
        repaired.append(recording.id)
    return repaired


def transcribe_recording(store: Store, locations: Locations, recording_id: int,
                         engine: Engine) -> Transcript | None:
    """Transcribe a stored recording and save the transcript with it; the drill runs this in
    a worker. A transcript the person corrected is never replaced (returns None)."""
    recording = store.recording(recording_id)
    if recording is None or recording.transcript_corrected:
        return None
    transcript = engine.transcribe(read_pcm(locations.data_dir / recording.path))
    store.save_transcript(recording_id, transcript.text, transcript.engine, transcript.words)
    return transcript


class Player:
    """Plays one recording at a time in a worker thread."""

    def __init__(self, device: AudioDevice) -> None:
        self.device = device
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def playing(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def play(self, path: Path) -> None:
        self.stop()
        pcm = read_pcm(path)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self.device.play, args=(pcm, self._stop),
                                        name="interviewprep-player", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
