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
from collections.abc import Iterator
from pathlib import Path

import pytest

from interviewprep.core.store import Store
from interviewprep.locations import Locations
from tests.conftest import WriteDeck

EXECUTABLE = Path(sys.executable).with_name("interviewprep")
# pytest exports COLUMNS and LINES; a terminal app that sees them keeps that size whatever
# the window does, so the app runs without them, as in a person's shell.
TERMINAL_ENV = "env -u COLUMNS -u LINES "


@pytest.fixture(autouse=True, scope="module")
def tmux_server() -> Iterator[None]:
    """One idle session keeps the tmux server up: when a test closes the last session the
    server exits, and a session started at that moment fails."""
    keeper = f"interviewprep-e2e-keeper-{uuid.uuid4().hex[:8]}"
    subprocess.run(["tmux", "new-session", "-d", "-s", keeper, "sleep 600"], check=True)
    yield
    subprocess.run(["tmux", "kill-session", "-t", keeper], capture_output=True, check=False)


def drill_keys(data_dir: Path, deck_dir: Path) -> str:
    """The shell command that starts the installed app on the test deck `keys`."""
    return (f"{TERMINAL_ENV}INTERVIEWPREP_DATA_DIR={shlex.quote(str(data_dir))} "
            f"{shlex.quote(str(EXECUTABLE))} --decks {shlex.quote(str(deck_dir))} drill keys")


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


def wait_for_draft(data_dir: Path, ref: tuple[str, str, str], timeout: float = 20.0) -> str:
    """The card's draft once the app has saved one (it saves every two seconds)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        database = Locations(data_dir).database
        if database.exists():
            with Store(database, read_only=True) as store:
                draft = store.draft(ref)
            if draft is not None:
                return draft.text
        time.sleep(0.2)
    raise AssertionError("no draft was saved")


ANSWERS = {
    "first": "hace un año [Company] me dijo [/] que no",
    "second": "un cliente [bold]grande[/bold] de 40 personas",
    "third": "how I qualify [/] leads: BANT",
    "fourth": "usually [link=https://example.com]um[/link] I ask",
}
DECK = "id: keys\ntitle: Keys\nlanguage: en\ncards:\n" + "".join(
    f"  - id: {card}\n    kind: question\n    prompt: Question {card}?\n"
    "    talking_points: [Ask a question, Name a number, Close]\n" for card in ANSWERS)


def test_answers_come_back_verbatim_from_a_real_terminal(
    tmp_path: Path, write_deck: WriteDeck, deck_dir: Path,
) -> None:
    assert shutil.which("tmux"), "tmux is part of the test set-up"
    assert EXECUTABLE.exists(), "the console script is installed with the package"
    write_deck(DECK, name="keys.yaml")
    data_dir = tmp_path / "data"
    session = f"interviewprep-e2e-{uuid.uuid4().hex[:8]}"
    command = drill_keys(data_dir, deck_dir)
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", command)
    try:
        for card, answer in ANSWERS.items():
            wait_for(session, f"Question {card}?")
            # Answers start with h, u, "hace", "un": letters that once were drill keys.
            tmux("send-keys", "-t", session, "-l", answer)
            wait_for(session, answer)
            tmux("send-keys", "-t", session, "C-s")
            wait_for(session, "A strong answer covers")
            tmux("send-keys", "-t", session, "4")  # Easy: no learning step brings it back
        wait_for(session, "Session complete")
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
    saved = {a["card_id"]: (a["text"], a["rating"]) for a in json.loads(history.stdout)}
    assert saved == {card: (answer, 4) for card, answer in ANSWERS.items()}


def test_closing_the_terminal_keeps_what_was_typed(
    tmp_path: Path, write_deck: WriteDeck, deck_dir: Path,
) -> None:
    write_deck(DECK, name="keys.yaml")
    data_dir = tmp_path / "data"
    command = drill_keys(data_dir, deck_dir)
    typed = "half an answer, then the window closed"
    for attempt in ("closed", "reopened"):
        session = f"interviewprep-e2e-{uuid.uuid4().hex[:8]}"
        tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", command)
        try:
            wait_for(session, "Question first?")
            if attempt == "closed":
                tmux("send-keys", "-t", session, "-l", typed)
                wait_for(session, typed)
            else:
                wait_for(session, typed)  # the draft is back in the answer box
        finally:
            # Like closing the terminal window: the app gets SIGHUP at once.
            subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True,
                           check=False)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and (running(deck_dir)
                                               or any(data_dir.glob("*-open-*"))):
            time.sleep(0.1)
        assert not running(deck_dir), "the app ended with its terminal"
        assert not list(data_dir.glob("*-open-*")), "it closed the database cleanly"


def running(marker: Path) -> list[int]:
    """The processes whose command line names `marker` (here: the test's own decks)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if str(marker).encode() in command and b"interviewprep" in command:
                found.append(int(entry.name))
    return found


def test_a_small_window_and_pasted_controls_lose_and_smuggle_nothing(
    tmp_path: Path, write_deck: WriteDeck, deck_dir: Path,
) -> None:
    """In a real terminal: keys typed while the window is too small reach the answer, and
    bidirectional overrides pasted into it never reach the screen or the store."""
    write_deck(DECK, name="keys.yaml")
    data_dir = tmp_path / "data"
    session = f"kt-e2e-{uuid.uuid4().hex[:8]}"
    buffer = f"{session}-paste"
    command = drill_keys(data_dir, deck_dir)
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", command)
    try:
        wait_for(session, "Question first?")
        tmux("resize-window", "-t", session, "-x", "50", "-y", "12")
        wait_for(session, "Nothing is lost")
        tmux("send-keys", "-t", session, "-l", "typed while too small")
        # Still too small: the keys are in the answer's draft (saved every two seconds).
        assert wait_for_draft(data_dir, ("keys", "en", "first")) == "typed while too small"
        wait_for(session, "Nothing is lost")
        tmux("resize-window", "-t", session, "-x", "100", "-y", "30")
        wait_for(session, "typed while too small")
        tmux("set-buffer", "-b", buffer, " bidi \u202eevil\u202c end")
        tmux("paste-buffer", "-p", "-d", "-b", buffer, "-t", session)
        screen = wait_for(session, "typed while too small bidi evil end")
        assert "\u202e" not in screen
        tmux("send-keys", "-t", session, "C-s")
        wait_for(session, "A strong answer covers")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True,
                       check=False)
    history = subprocess.run(
        [str(EXECUTABLE), "history", "--json"], capture_output=True, text=True, check=True,
        env={**os.environ, "INTERVIEWPREP_DATA_DIR": str(data_dir)},
    )
    [answer] = json.loads(history.stdout)
    assert answer["text"] == "typed while too small bidi evil end"


def test_closing_the_window_as_the_app_starts_never_leaves_it_running(
    tmp_path: Path, write_deck: WriteDeck, deck_dir: Path,
) -> None:
    """Closed while it is still drawing, the app once waited for ever to write to the
    terminal that was gone (now and then: a few launches make it likely)."""
    write_deck(DECK, name="keys.yaml")
    command = drill_keys(tmp_path / "data", deck_dir)
    for _launch in range(4):
        session = f"interviewprep-e2e-{uuid.uuid4().hex[:8]}"
        tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", command)
        try:
            wait_for(session, "Question first?")
        finally:
            subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True,
                           check=False)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and running(deck_dir):
        time.sleep(0.1)
    assert not running(deck_dir), "every launch ended with its window"
