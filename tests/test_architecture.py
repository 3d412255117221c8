"""The core stays free of the UI, and nothing touches the disk at import time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CORE_MODULES = [
    "interviewprep.core", "interviewprep.core.collection", "interviewprep.core.session",
    "interviewprep.core.store", "interviewprep.core.scheduling", "interviewprep.core.stats",
    "interviewprep.core.exchange", "interviewprep.core.analysis",
    "interviewprep.core.decks.library", "interviewprep.core.decks.validate",
    "interviewprep.core.decks.schema", "interviewprep.cli", "interviewprep.cli.decks",
    "interviewprep.cli.answers", "interviewprep.cli.drill", "interviewprep.i18n",
    "interviewprep.core.roleplay", "interviewprep.cli.analysis",
    "interviewprep.core.voice", "interviewprep.core.voice.audio", "interviewprep.core.voice.vad",
    "interviewprep.core.voice.recorder", "interviewprep.core.voice.engines",
    "interviewprep.core.voice.models", "interviewprep.cli.voice",
    "interviewprep.core.jobdesc", "interviewprep.core.interviews", "interviewprep.core.plan",
    "interviewprep.cli.interview", "interviewprep.cli.stories", "interviewprep.core.story_bank",
]


def test_core_and_cli_never_import_textual(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in CORE_MODULES)
        + "leaked = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        + "print(','.join(leaked))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=tmp_path)
    assert done.stdout.strip() == ""


def test_importing_everything_writes_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    code = "".join(f"import {name}\n" for name in [*CORE_MODULES, "interviewprep.tui.app"])
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / "xdg"), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path, env=env)
    assert list(home.iterdir()) == []
