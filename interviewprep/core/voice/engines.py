"""Offline speech recognition behind one interface, with more than one engine.

- `pocketsphinx`: the default for English; its wheel ships an English model, so it works
  with no set-up and no download.
- `vosk-en`, `vosk-es`: Vosk with a model installed by `interviewprep models install`
  (or pointed to with `--from`); better English, and Spanish.

Engines take 16 kHz mono 16-bit PCM (see `audio.read_pcm`) and load their model once, on
first use.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from interviewprep.core.voice import VoiceUnavailable, require
from interviewprep.core.voice.audio import BYTES_PER_SECOND, SAMPLE_RATE
from interviewprep.i18n import _

Word = tuple[str, float, float]  # the word, its start and end in seconds
DEFAULT_ENGINES = {"en": "pocketsphinx", "es": "vosk-es"}
ENGINE_NAMES = ("pocketsphinx", "vosk-en", "vosk-es")


@dataclass(frozen=True)
class Transcript:
    text: str
    words: tuple[Word, ...]
    engine: str
    audio_s: float
    processing_s: float  # recognition alone: loading the model is not counted

    @property
    def real_time_factor(self) -> float:
        """Seconds of processing per second of audio."""
        return self.processing_s / self.audio_s if self.audio_s else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "engine": self.engine,
                "words": [[w, round(a, 2), round(b, 2)] for w, a, b in self.words],
                "audio_s": round(self.audio_s, 2), "processing_s": round(self.processing_s, 3)}


class Engine(Protocol):
    name: str
    language: str

    def transcribe(self, pcm: bytes) -> Transcript: ...


class UnknownEngineError(ValueError):
    pass


# PocketSphinx marks silences, noises and alternative pronunciations ("read(2)").
_NOT_A_WORD = re.compile(r"^(<.*>|\[.*\]|\(NULL\))$")
_ALTERNATIVE = re.compile(r"\(\d+\)$")


class PocketSphinxEngine:
    name = "pocketsphinx"
    language = "en"

    def __init__(self) -> None:
        self._module: Any = require("pocketsphinx")
        self._decoder: Any = None

    def transcribe(self, pcm: bytes) -> Transcript:
        if self._decoder is None:
            # The default configuration is the English model inside the wheel.
            self._decoder = self._module.Decoder(samprate=SAMPLE_RATE, loglevel="FATAL")
        decoder = self._decoder
        started = time.perf_counter()  # after loading: that happens once per session
        decoder.start_utt()
        decoder.process_raw(pcm, full_utt=True)
        decoder.end_utt()
        frame_rate = float(decoder.config["frate"])
        words = tuple(
            (_ALTERNATIVE.sub("", seg.word), seg.start_frame / frame_rate,
             (seg.end_frame + 1) / frame_rate)
            for seg in decoder.seg() if not _NOT_A_WORD.match(seg.word))
        return Transcript(" ".join(w for w, _s, _e in words), words, self.name,
                          len(pcm) / BYTES_PER_SECOND, time.perf_counter() - started)


class VoskEngine:
    def __init__(self, name: str, model_dir: Path) -> None:
        self.name = name
        self.language = name.rsplit("-", 1)[-1]
        self.model_dir = model_dir
        self._vosk: Any = require("vosk")
        self._model: Any = None

    def transcribe(self, pcm: bytes) -> Transcript:
        if self._model is None:
            self._vosk.SetLogLevel(-1)
            try:
                with _native_stderr_silenced():
                    self._model = self._vosk.Model(str(self.model_dir))
            except Exception as error:  # vosk raises a bare Exception for a bad folder
                raise VoiceUnavailable(_("the {name} model in {path} could not be loaded "
                                         "({reason})").format(
                    name=self.name, path=self.model_dir, reason=error)) from None
        started = time.perf_counter()
        recogniser = self._vosk.KaldiRecognizer(self._model, SAMPLE_RATE)
        recogniser.SetWords(True)
        results: list[dict[str, Any]] = []
        step = BYTES_PER_SECOND // 4
        for start in range(0, len(pcm), step):
            if recogniser.AcceptWaveform(pcm[start:start + step]):
                results.append(json.loads(recogniser.Result()))
        results.append(json.loads(recogniser.FinalResult()))
        words = tuple((str(w["word"]), float(w["start"]), float(w["end"]))
                      for r in results for w in r.get("result", []))
        return Transcript(" ".join(w for w, _s, _e in words), words, self.name,
                          len(pcm) / BYTES_PER_SECOND, time.perf_counter() - started)


@contextmanager
def _native_stderr_silenced() -> Iterator[None]:
    """Kaldi prints its whole option list to the process's stderr when a model is broken,
    whatever the log level; the error we raise says it in one line instead."""
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def default_engine(language: str) -> str:
    return DEFAULT_ENGINES.get(language.split("-", maxsplit=1)[0], "pocketsphinx")


def get_engine(name: str | None, language: str = "en") -> Engine:
    """The engine called `name`, else the default for `language`, ready to transcribe."""
    from interviewprep.core.voice import models

    chosen = name or default_engine(language)
    if chosen == "pocketsphinx":
        return PocketSphinxEngine()
    if chosen in models.MODELS:
        folder = models.find(chosen)
        if folder is None:
            raise VoiceUnavailable(_("the {name} model is not installed: interviewprep models "
                                     "install {name}").format(name=chosen))
        return VoskEngine(chosen, folder)
    raise UnknownEngineError(_("unknown engine {name}; choose one of: {names}").format(
        name=chosen, names=", ".join(ENGINE_NAMES)))


def installed_engines() -> list[str]:
    """Engines that can run here now: their package is installed and so is their model."""
    from importlib.util import find_spec

    from interviewprep.core.voice import models

    found = ["pocketsphinx"] if find_spec("pocketsphinx") else []
    if find_spec("vosk"):
        found += [name for name in models.MODELS if models.find(name) is not None]
    return found
