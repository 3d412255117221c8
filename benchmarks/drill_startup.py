"""How long `interviewprep drill DECK` takes to show the first card in a real terminal.

    python benchmarks/drill_startup.py --json

Runs the installed command in tmux (100×30) and polls the screen until the first card's
prompt is there. Prints one JSON object with the median and every run, in seconds.
The first run is a cold one (empty data folder: the bundled decks are parsed); the rest
reuse the cache, as every launch after the first does. Python writes its bytecode cache as
it does on a person's machine (PYTHONDONTWRITEBYTECODE is dropped), so the warm runs do
not compile the sources again.

In the same run, interleaved with ours, it times a bare Textual app that paints one line:
Textual's own start is the floor, and `ratio_to_bare_textual` is how far above it we are.
"""

from __future__ import annotations

import argparse
import json
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

EXECUTABLE = Path(sys.executable).with_name("interviewprep")
POLL_S = 0.01
BARE_APP = """\
from textual.app import App
from textual.widgets import Static

class Bare(App[None]):
    def compose(self):
        yield Static("bare textual ready")

Bare().run()
"""


def launch_once(command: str, expected: str) -> float:
    session = f"ip-bench-{uuid.uuid4().hex[:8]}"
    start = time.perf_counter()
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30",
                    command], check=True)
    try:
        while time.perf_counter() - start < 30:
            screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", session],
                                    capture_output=True, text=True, check=False).stdout
            if expected in screen:
                return time.perf_counter() - start
            time.sleep(POLL_S)
        raise RuntimeError(f"the first card never appeared:\n{screen}")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True,
                       check=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deck", default="ae-interview")
    parser.add_argument("--expect", default="Walk me through your sales background.",
                        help="text of the deck's first card")
    parser.add_argument("--repeat", type=int, default=6)
    parser.add_argument("--json", action="store_true", help="print JSON (the default)")
    args = parser.parse_args()
    # One idle session keeps the tmux server up between runs, so no run pays its start-up.
    keeper = f"ip-bench-keeper-{uuid.uuid4().hex[:8]}"
    subprocess.run(["tmux", "new-session", "-d", "-s", keeper, "sleep 600"], check=True)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            as_installed = "env -u PYTHONDONTWRITEBYTECODE"
            ours = (f"{as_installed} INTERVIEWPREP_DATA_DIR={shlex.quote(tmp)} "
                    f"{shlex.quote(str(EXECUTABLE))} --lang en drill {shlex.quote(args.deck)}")
            bare_script = Path(tmp) / "bare.py"
            bare_script.write_text(BARE_APP, encoding="utf-8")
            bare = (f"{as_installed} {shlex.quote(sys.executable)} "
                    f"{shlex.quote(str(bare_script))}")
            runs, bare_runs = [], []
            for _ in range(args.repeat):
                runs.append(launch_once(ours, args.expect))
                bare_runs.append(launch_once(bare, "bare textual ready"))
    finally:
        subprocess.run(["tmux", "kill-session", "-t", keeper], capture_output=True,
                       check=False)
    warm = statistics.median(runs[1:])
    floor = statistics.median(bare_runs)
    json.dump({
        "first_card_cold_s": round(runs[0], 3),
        "first_card_warm_median_s": round(warm, 3),
        "bare_textual_median_s": round(floor, 3),
        "ratio_to_bare_textual": round(warm / floor, 2),
        "runs_s": [round(r, 3) for r in runs],
        "bare_runs_s": [round(r, 3) for r in bare_runs],
    }, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
