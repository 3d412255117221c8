"""What the audio alone tells: duration, speaking time, pauses and where they fall.

Voice-activity detection is WebRTC's (webrtcvad-wheels, whose model is compiled into the
wheel: nothing to download). Its 30 ms decisions flicker inside words, so short gaps are
bridged and lone blips dropped before pauses are counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from interviewprep.core.voice import require
from interviewprep.core.voice.audio import BYTES_PER_SECOND, SAMPLE_RATE

FRAME_S = 0.03
FRAME_BYTES = int(BYTES_PER_SECOND * FRAME_S)
LONG_PAUSE_S = 2.5
# A gap shorter than this is a breath or a stop consonant, not a pause.
MIN_PAUSE_S = 0.3
# Speech shorter than this, alone between silences, is a click or a bump of the microphone.
MIN_SPEECH_S = 0.15
# Words per minute of speaking outside this range are flagged: interviewers hear rushing
# above it and hesitation below it.
PACE_RANGE = (110, 180)
AGGRESSIVENESS = 2  # 0-3: how readily WebRTC calls a frame non-speech


@dataclass(frozen=True)
class Span:
    start_s: float
    end_s: float

    @property
    def seconds(self) -> float:
        return self.end_s - self.start_s

    def to_dict(self) -> dict[str, float]:
        return {"start_s": round(self.start_s, 2), "end_s": round(self.end_s, 2),
                "seconds": round(self.seconds, 2)}


@dataclass(frozen=True)
class Measures:
    duration_s: float
    speech: tuple[Span, ...]  # stretches of speech, in order
    pauses: tuple[Span, ...]  # silences between them (not before the first word nor after
    #                           the last: those are thinking time and trailing silence)

    @property
    def speech_s(self) -> float:
        return sum(span.seconds for span in self.speech)

    @property
    def longest_pause_s(self) -> float:
        return max((p.seconds for p in self.pauses), default=0.0)

    @property
    def long_pauses(self) -> tuple[Span, ...]:
        return tuple(p for p in self.pauses if p.seconds > LONG_PAUSE_S)

    @property
    def start_delay_s(self) -> float:
        """Silence before the first word."""
        return self.speech[0].start_s if self.speech else self.duration_s

    def words_per_minute(self, words: int) -> float | None:
        """Pace over speaking time, so long pauses do not hide a rushed delivery."""
        return round(words * 60 / self.speech_s, 1) if self.speech_s > 0 else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "duration_s": round(self.duration_s, 2),
            "speech_s": round(self.speech_s, 2),
            "start_delay_s": round(self.start_delay_s, 2),
            "longest_pause_s": round(self.longest_pause_s, 2),
            "long_pauses": [p.to_dict() for p in self.long_pauses],
            "speech": [[round(s.start_s, 2), round(s.end_s, 2)] for s in self.speech],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Measures:
        speech = tuple(Span(float(a), float(b)) for a, b in data["speech"])
        return cls(float(data["duration_s"]), speech, _gaps(speech))

    def timeline(self, width: int = 60) -> str:
        """One line: `█` speech, `·` silence, `_` a pause over 2.5 s."""
        if self.duration_s <= 0 or width <= 0:
            return ""
        cells = []
        for i in range(width):
            middle = (i + 0.5) * self.duration_s / width
            if any(s.start_s <= middle < s.end_s for s in self.speech):
                cells.append("█")
            elif any(p.start_s <= middle < p.end_s for p in self.long_pauses):
                cells.append("_")
            else:
                cells.append("·")
        return "".join(cells)


def pace(words_per_minute: float | None) -> str | None:
    """"slow", "fast" or "ok"; None when nothing was said."""
    if words_per_minute is None:
        return None
    low, high = PACE_RANGE
    return "slow" if words_per_minute < low else "fast" if words_per_minute > high else "ok"


def _gaps(speech: Sequence[Span]) -> tuple[Span, ...]:
    return tuple(Span(a.end_s, b.start_s) for a, b in pairwise(speech))


def speech_frames(pcm: bytes, aggressiveness: int = AGGRESSIVENESS) -> list[bool]:
    """WebRTC's speech/non-speech decision for each 30 ms frame of 16 kHz mono PCM."""
    webrtcvad: Any = require("webrtcvad")
    detector = webrtcvad.Vad(aggressiveness)
    return [detector.is_speech(pcm[i:i + FRAME_BYTES], SAMPLE_RATE)
            for i in range(0, len(pcm) - FRAME_BYTES + 1, FRAME_BYTES)]


def from_frames(flags: Sequence[bool], duration_s: float, frame_s: float = FRAME_S) -> Measures:
    """Speech spans and pauses from per-frame decisions."""
    runs: list[list[int]] = []  # [first frame, end frame) of each speech run
    for index, speaking in enumerate(flags):
        if not speaking:
            continue
        if runs and index == runs[-1][1]:
            runs[-1][1] = index + 1
        else:
            runs.append([index, index + 1])
    bridged: list[list[int]] = []
    for run in runs:
        if bridged and (run[0] - bridged[-1][1]) * frame_s < MIN_PAUSE_S:
            bridged[-1][1] = run[1]
        else:
            bridged.append(run)
    speech = tuple(Span(a * frame_s, min(b * frame_s, duration_s)) for a, b in bridged
                   if (b - a) * frame_s >= MIN_SPEECH_S)
    return Measures(duration_s, speech, _gaps(speech))


def measure(pcm: bytes) -> Measures:
    """The voice-activity measures of 16 kHz mono 16-bit PCM."""
    return from_frames(speech_frames(pcm), len(pcm) / BYTES_PER_SECOND)
