"""Spoken answers inside a drill: the microphone for the session, the recordings of the card
being answered, playback, and transcription (in a worker, on its own connection).

The device is opened only when the person first records, so a drill never waits for audio
it does not use; when there is no extra, no PortAudio or no microphone, `unavailable` holds
the one-line reason (with the install command) and typed answers work as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias

from interviewprep.core.collection import Collection
from interviewprep.core.store import CardRef, Recording, Store
from interviewprep.core.voice import VoiceUnavailable

if TYPE_CHECKING:  # the recorder and engines load when the person first records or plays
    from interviewprep.core.voice.recorder import AudioDevice, Player, Recorder

DeviceFactory: TypeAlias = "Callable[[], AudioDevice]"


def _sound_device() -> AudioDevice:
    from interviewprep.core.voice.recorder import SoundDevice

    return SoundDevice()


class SpokenAnswers:
    def __init__(self, collection: Collection,
                 device_factory: DeviceFactory | None = None) -> None:
        self.collection = collection
        self._factory = device_factory or _sound_device
        self._device: AudioDevice | None = None
        self._recorder: Recorder | None = None
        self._player: Player | None = None
        self.unavailable: str | None = None  # why voice cannot be used here, once known
        self.card_recordings: list[int] = []  # of the card being answered, in order

    def _open(self) -> AudioDevice:
        if self._device is None:
            try:
                self._device = self._factory()
            except VoiceUnavailable as error:
                self.unavailable = str(error)
                raise
        return self._device

    @property
    def recording(self) -> bool:
        return self._recorder is not None and self._recorder.recording

    @property
    def level(self) -> float:
        return self._recorder.level if self.recording and self._recorder else 0.0

    @property
    def seconds(self) -> float:
        return self._recorder.seconds if self._recorder is not None else 0.0

    def start(self, ref: CardRef) -> None:
        """Record an answer to `ref`; the file and its row exist from this moment."""
        device = self._open()
        if self._recorder is None:
            from interviewprep.core.voice.recorder import Recorder

            self._recorder = Recorder(self.collection.store, self.collection.locations,
                                      device, clock=self.collection.clock)
        self.card_recordings.append(self._recorder.start(ref))

    def stop(self) -> None:
        if self.recording and self._recorder is not None:
            self._recorder.stop()

    def take_for_answer(self) -> list[int]:
        """Stop recording, and hand over this card's recordings to the answer being saved."""
        self.stop()
        taken, self.card_recordings = self.card_recordings, []
        return taken

    def attach(self, recording_ids: list[int], answer_id: int) -> None:
        for recording_id in recording_ids:
            self.collection.store.attach_recording(recording_id, answer_id)

    def recording_of(self, recording_id: int) -> Recording | None:
        return self.collection.store.recording(recording_id)

    def recordings_of_answer(self, answer_id: int) -> list[Recording]:
        return self.collection.store.recordings(answer_id=answer_id)

    def play(self, recording: Recording) -> None:
        device = self._open()
        if self._player is None:
            from interviewprep.core.voice.recorder import Player

            self._player = Player(device)
        self._player.play(self.collection.locations.data_dir / recording.path)

    def stop_playing(self) -> None:
        if self._player is not None:
            self._player.stop()

    def correct(self, recording_id: int, text: str) -> None:
        """The person's own transcript; a later transcription never replaces it."""
        self.collection.store.save_transcript(recording_id, text, None, corrected=True)

    def close(self) -> None:
        self.stop()
        self.stop_playing()


def transcribe_in_worker(collection: Collection, recording_id: int, language: str) -> str:
    """Transcribe a stored recording from a worker thread, through a connection of its own;
    return the engine's name. Raises `VoiceUnavailable` when no engine can run here."""
    from interviewprep.core.voice.engines import get_engine
    from interviewprep.core.voice.recorder import transcribe_recording

    engine = get_engine(None, language)
    with Store(collection.store.path) as store:
        transcribe_recording(store, collection.locations, recording_id, engine)
    return engine.name
