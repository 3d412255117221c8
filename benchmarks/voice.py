"""Speed and accuracy of each installed speech engine on synthesised interview answers.

    python benchmarks/voice.py --json

Festival's US English HTS voice speaks a few answers (about half a minute of audio; needs
`apt-get install festival festvox-us-slt-hts`). Each engine that can run here transcribes
them; the real-time factor is seconds of processing per second of audio (model loading
reported apart, as it happens once per session), and the word error rate is against the
text that was spoken. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from interviewprep.core.voice import audio, engines

ANSWERS = (
    "Last quarter I closed forty deals and beat my quota by twenty percent.",
    "I start every discovery call by asking what the buyer is trying to fix this year.",
    "When a prospect says there is no budget, I ask when budgets are set and who signs.",
    "My largest deal was a three year contract with a hospital group in the midwest.",
    "I would like to join your team because you sell to the mid market and I love that "
    "segment.",
)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


def word_error_rate(reference: list[str], heard: list[str]) -> float:
    """Substitutions, insertions and deletions over the reference length (Levenshtein)."""
    previous = list(range(len(heard) + 1))
    for i, ref_word in enumerate(reference, 1):
        current = [i]
        for j, heard_word in enumerate(heard, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ref_word != heard_word)))
        previous = current
    return previous[-1] / max(1, len(reference))


def synthesise(folder: Path) -> list[tuple[str, bytes]]:
    text2wave = shutil.which("text2wave")
    if text2wave is None:
        raise SystemExit("needs festival: apt-get install festival festvox-us-slt-hts")
    spoken = []
    for index, text in enumerate(ANSWERS):
        source = folder / f"{index}.txt"
        target = folder / f"{index}.wav"
        source.write_text(text, encoding="utf-8")
        subprocess.run([text2wave, "-F", str(audio.SAMPLE_RATE), "-eval",
                        "(voice_cmu_us_slt_arctic_hts)", str(source), "-o", str(target)],
                       check=True, capture_output=True)
        spoken.append((text, audio.read_pcm(target)))
    return spoken


def measure(name: str, spoken: list[tuple[str, bytes]], repeat: int) -> dict[str, Any]:
    started = time.perf_counter()
    engine = engines.get_engine(name)
    engine.transcribe(b"\0" * audio.BYTES_PER_SECOND)  # loads the model
    load_s = time.perf_counter() - started
    factors: list[float] = []
    reference: list[str] = []
    heard: list[str] = []
    for _ in range(repeat):
        processing = seconds = 0.0
        reference, heard = [], []
        for text, pcm in spoken:
            result = engine.transcribe(pcm)
            processing += result.processing_s
            seconds += result.audio_s
            reference += words(text)
            heard += words(result.text)
        factors.append(processing / seconds)
    return {
        "engine": name,
        "model_load_s": round(load_s, 3),
        "real_time_factor": round(statistics.median(factors), 3),
        "real_time_factor_runs": [round(f, 3) for f in factors],
        "word_error_rate": round(word_error_rate(reference, heard), 3),
        "words": len(reference),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print JSON (the default)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        spoken = synthesise(Path(tmp))
    audio_s = sum(len(pcm) for _t, pcm in spoken) / audio.BYTES_PER_SECOND
    results = [measure(name, spoken, args.repeat) for name in engines.installed_engines()]
    print(json.dumps({"audio_s": round(audio_s, 2), "answers": len(spoken),
                      "cpus": os.cpu_count(), "engines": results}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
