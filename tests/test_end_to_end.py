"""The installed `interviewprep` in a real terminal (tmux): answer one card, then check it
with `interviewprep history --json`."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

from tests.conftest import WriteDeck

EXECUTABLE = Path(sys.executable).with_name("interviewprep")


def tmux(*args: str) -> str:
    done = subprocess.run(["tmux", *args], capture_output=True, text=True, check=True)
    return done.stdout


def wait_for(session: str, text: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", session)
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")


def test_answer_one_card_in_a_real_terminal(tmp_path: Path, write_deck: WriteDeck,
                                            deck_dir: Path) -> None:
    assert shutil.which("tmux"), "tmux is part of the test set-up"
    assert EXECUTABLE.exists(), "the console script is installed with the package"
    write_deck()
    data_dir = tmp_path / "data"
    session = f"interviewprep-e2e-{uuid.uuid4().hex[:8]}"
    command = (f"INTERVIEWPREP_DATA_DIR={shlex.quote(str(data_dir))} "
               f"{shlex.quote(str(EXECUTABLE))} --decks {shlex.quote(str(deck_dir))} "
               "drill mini")
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", command)
    try:
        wait_for(session, "Sell me this pen.")
        tmux("send-keys", "-t", session, "-l", "I would ask what the buyer writes")
        wait_for(session, "I would ask what the buyer writes")
        tmux("send-keys", "-t", session, "C-s")
        wait_for(session, "A strong answer covers")
        tmux("send-keys", "-t", session, "3")
        wait_for(session, "How early do you join a video interview?")
        tmux("send-keys", "-t", session, "C-q")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and subprocess.run(
            ["tmux", "has-session", "-t", session], capture_output=True, check=False
        ).returncode == 0:
            time.sleep(0.2)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True,
                       check=False)
    history = subprocess.run(
        [str(EXECUTABLE), "history", "--json"], capture_output=True, text=True, check=True,
        env={**os.environ, "INTERVIEWPREP_DATA_DIR": str(data_dir)},
    )
    [answer] = json.loads(history.stdout)
    assert answer["card_id"] == "pen"
    assert answer["text"] == "I would ask what the buyer writes"
    assert answer["rating"] == 3
