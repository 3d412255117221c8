"""Reading prompts aloud with the system's speech synthesiser, so a question can be rehearsed
as it is heard in an interview, without reading it.

The synthesiser is a program found on PATH: festival's `text2wave` for English (its HTS voice,
when installed, is the most natural free voice) and espeak-ng, which speaks both English and
Spanish. The text goes in on standard input, never as an argument or through a shell, so
nothing in a deck is taken for an option or a command. The speech is written to a private
temporary WAV file and played through the same audio device as recordings.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from interviewprep.core.voice import VoiceUnavailable
from interviewprep.i18n import _

if TYPE_CHECKING:
    from interviewprep.core.voice.recorder import AudioDevice

SYNTHESIS_TIMEOUT_S = 60
ESPEAK_VOICES = {"en": "en-us", "es": "es"}
FESTIVAL_LANGUAGES = ("en",)  # festival's packaged voices for these languages
HTS_VOICE = "voice_cmu_us_slt_arctic_hts"  # festvox-us-slt-hts, if installed
Which = Callable[[str], str | None]


@dataclass(frozen=True)
class Synthesiser:
    name: str  # "festival" or "espeak-ng"
    program: str
    language: str

    def command(self, target: Path) -> list[str]:
        if self.name == "festival":
            # The HTS voice when it is there; otherwise festival's default English voice.
            choose = f"(if (member '{HTS_VOICE} (voice.list)) ({HTS_VOICE}))"
            return [self.program, "-o", str(target), "-eval", choose]
        return [self.program, "-v", ESPEAK_VOICES[self.language], "--stdin", "-w",
                str(target)]

    def speak_to(self, text: str, target: Path) -> None:
        """Write `text` spoken to the WAV file `target`; SpeechError if nothing came out."""
        try:
            done = subprocess.run(self.command(target), input=text.encode("utf-8"),
                                  capture_output=True, timeout=SYNTHESIS_TIMEOUT_S,
                                  check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise SpeechError(_("{program} could not read the text aloud ({reason})").format(
                program=self.name, reason=error)) from None
        # text2wave exits 0 even when it wrote nothing (a missing voice, say).
        if done.returncode != 0 or not target.is_file() or target.stat().st_size <= 44:
            reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise SpeechError(_("{program} could not read the text aloud ({reason})").format(
                program=self.name,
                reason=reason[-1] if reason else _("exit status {code}").format(
                    code=done.returncode)))


class SpeechError(VoiceUnavailable):
    """The synthesiser is missing or failed; the message says so in one line."""


def find_synthesiser(language: str, which: Which = shutil.which) -> Synthesiser:
    """The synthesiser for `language` ("en" or "es"), or SpeechError naming what to install."""
    if language in FESTIVAL_LANGUAGES:
        program = which("text2wave")
        if program:
            return Synthesiser("festival", program, language)
    if language in ESPEAK_VOICES:
        program = which("espeak-ng")
        if program:
            return Synthesiser("espeak-ng", program, language)
    raise SpeechError(_(
        "no speech synthesiser to read prompts aloud; on Debian or Ubuntu: sudo apt-get "
        "install espeak-ng (or festival festvox-us-slt-hts for English)"))


def synthesise(text: str, language: str, which: Which = shutil.which) -> bytes:
    """`text` spoken in `language`, as 16 kHz mono PCM."""
    from interviewprep.core.voice.audio import read_pcm

    synthesiser = find_synthesiser(language, which)
    with tempfile.TemporaryDirectory(prefix="interviewprep-speech-") as folder:
        os.chmod(folder, 0o700)
        target = Path(folder) / "prompt.wav"
        synthesiser.speak_to(text, target)
        return read_pcm(target)


def reader_for(device_factory: Callable[[], AudioDevice] | None) -> PromptReader:
    """A reader playing through `device_factory`'s device (None: the system's speakers),
    opened at its first reading; a device that cannot be opened is the reading's failure."""
    opened: list[AudioDevice] = []

    def play(pcm: bytes, stop: threading.Event) -> None:
        if not opened:
            if device_factory is not None:
                opened.append(device_factory())
            else:
                from interviewprep.core.voice.recorder import SoundDevice

                opened.append(SoundDevice(kind="output"))
        opened[0].play(pcm, stop)

    return PromptReader(play)


class PromptReader:
    """Reads one text at a time aloud in a worker thread: synthesis, then playback through
    `play` (the device's), then `done` (from that thread). Reading another text, or `stop`,
    cuts the current one short; `done` is called only for a reading that ran to its end."""

    def __init__(self, play: Callable[[bytes, threading.Event], None],
                 which: Which = shutil.which) -> None:
        self._play = play
        self._which = which
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.failure: str | None = None  # why the last reading did not happen

    @property
    def reading(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def read(self, text: str, language: str, done: Callable[[], None]) -> None:
        self.stop()
        stop = self._stop = threading.Event()

        def run() -> None:
            try:
                pcm = synthesise(text, language, self._which)
                if not stop.is_set():
                    self._play(pcm, stop)
            except VoiceUnavailable as error:
                self.failure = str(error)
            if not stop.is_set():
                done()

        self.failure = None
        self._thread = threading.Thread(target=run, name="interviewprep-reader", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        # Not joined: synthesis cannot be interrupted, and the screen must not wait for it.
        # A stopped reading never starts playing, and playback ends at the next chunk.
        self._stop.set()
        self._thread = None

