"""Audio for the voice tests: speech-like sound and silence with known spans, and real
synthesised speech from festival's HTS voice (installed by .ci/run)."""

from __future__ import annotations

import math
import random
import shutil
import struct
import subprocess
from pathlib import Path

RATE = 16_000
SENTENCE = "Last quarter I closed forty deals and beat my quota by twenty percent."
KEY_WORDS = ("quarter", "closed", "deals", "twenty", "percent")


def voiced(seconds: float, f0: float = 140.0) -> list[int]:
    """A buzz with a voice's harmonics, loudness rising and falling four times a second
    like syllables: WebRTC's detector calls it speech."""
    samples = []
    for i in range(int(RATE * seconds)):
        t = i / RATE
        envelope = 0.55 + 0.45 * math.sin(2 * math.pi * 4 * t)
        wave = sum(math.sin(2 * math.pi * f0 * k * t) / k for k in range(1, 8))
        samples.append(int(6000 * envelope * wave))
    return samples


def silence(seconds: float, noise: int = 30, seed: int = 1) -> list[int]:
    """A quiet room: faint noise, as a microphone gives, not digital zero."""
    rng = random.Random(seed)
    return [rng.randint(-noise, noise) for _ in range(int(RATE * seconds))]


def pcm(samples: list[int]) -> bytes:
    return struct.pack(f"<{len(samples)}h", *samples)


def synthesise(text: str, path: Path) -> Path:
    """Speak `text` into a 16 kHz WAV with festival's US English HTS voice."""
    text2wave = shutil.which("text2wave")
    assert text2wave, "festival is not installed: apt-get install festival festvox-us-slt-hts"
    source = path.with_suffix(".txt")
    source.write_text(text, encoding="utf-8")
    subprocess.run([text2wave, "-F", str(RATE), "-eval", "(voice_cmu_us_slt_arctic_hts)",
                    str(source), "-o", str(path)], check=True, capture_output=True, timeout=60)
    # text2wave exits 0 even when the voice is missing, writing nothing.
    assert path.is_file(), "festival's voice is missing: apt-get install festvox-us-slt-hts"
    return path
