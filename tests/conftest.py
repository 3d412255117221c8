"""Shared fixtures: a private data folder per test, deck files written to disk, a fixed clock."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from interviewprep import i18n
from interviewprep.core.collection import Collection
from interviewprep.locations import Locations

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

# Dates are shown in local time; fix the zone so snapshots and day boundaries match anywhere.
os.environ["TZ"] = "UTC"
time.tzset()

SMALL_DECK = """\
id: mini
title: Mini deck
language: en
roles: [ae]
cards:
  - id: pen
    kind: question
    prompt: Sell me this pen.
    talking_points:
      - Ask what the buyer writes and how often
      - Tie the pen to a problem the buyer named
      - Close by asking for the sale
    time_limit: 90
  - id: punctual
    kind: tip
    prompt: How early do you join a video interview?
    answer: Five minutes early, with the link and audio tested.
  - id: budget
    kind: objection
    prompt: "We have no budget."
    talking_points:
      - Acknowledge it
      - Ask when budgets are set
      - Share a customer result with numbers
"""


@dataclass
class Clock:
    """A clock tests move by hand."""

    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture(autouse=True)
def english_interface() -> Iterator[None]:
    """Each test starts in English and leaves English behind: the interface language is
    process-wide, and a test that switches to Spanish must not change the next one."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Speech models go to a folder of the test's own, never the user's cache."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("INTERVIEWPREP_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def deck_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    return folder


WriteDeck = Callable[..., Path]


@pytest.fixture
def write_deck(deck_dir: Path) -> WriteDeck:
    def write(text: str = SMALL_DECK, name: str = "mini.yaml", folder: Path | None = None,
              dedent: bool = True) -> Path:
        path = (folder or deck_dir) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text) if dedent else text, encoding="utf-8")
        return path
    return write


@pytest.fixture
def collection(data_dir: Path, deck_dir: Path, write_deck: WriteDeck,
               clock: Clock) -> Iterator[Collection]:
    write_deck()
    opened = Collection.open(Locations(data_dir), [deck_dir], clock=clock,
                             include_bundled=False)
    yield opened
    opened.close()


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


RunCli = Callable[..., CliResult]


@pytest.fixture
def cli(data_dir: Path) -> RunCli:
    """Run the real entry point (`python -m interviewprep`) in a subprocess."""

    def run(*args: str | Path, stdin: str | None = None) -> CliResult:
        env = {**os.environ, "INTERVIEWPREP_DATA_DIR": str(data_dir), "LANG": "en_US.UTF-8"}
        done = subprocess.run(
            [sys.executable, "-m", "interviewprep", *map(str, args)],
            check=False, capture_output=True, text=True, env=env, input=stdin, timeout=60,
        )
        return CliResult(done.returncode, done.stdout, done.stderr)

    return run
