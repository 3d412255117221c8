"""A regular (non-editable) install inside a dot-folder finds its bundled decks and the
decks a person adds to the default data folder (~/.local/share/interviewprep, itself under
a dot-folder).

The wheel is built from this checkout and installed with `--no-deps` into a new virtual
environment under `.tools/`; that environment sees the already-installed dependencies
through a `.pth` file, so no network is needed. Path entries added by a `.pth` file do not
have their own `.pth` files run, so the checkout's editable install stays out of the way:
the test asserts that the wheel's copy of the package is the one imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Any

from tests.conftest import SMALL_DECK

PROJECT = Path(__file__).resolve().parents[1]


def run(*args: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None) -> str:
    done = subprocess.run([str(a) for a in args], check=False, capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=120)
    assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
    return done.stdout


def test_wheel_installed_in_a_dot_folder_finds_bundled_and_added_decks(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
        "--no-index", "--wheel-dir", wheels, PROJECT)
    (wheel,) = wheels.glob("interviewprep-*.whl")

    venv = tmp_path / ".tools" / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps",
        "--no-index", wheel)
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
                .strip())
    (site / "zz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "PATH": f"{venv / 'bin'}:{os.environ['PATH']}",
           "LANG": "en_US.UTF-8", "TZ": "UTC"}
    # From the home folder: run from the checkout, `-c` would import the checkout's package.
    imported = run(python, "-c", "import interviewprep; print(interviewprep.__file__)", env=env,
                   cwd=home)
    assert Path(imported.strip()).is_relative_to(venv), "the wheel's package must be imported"

    command = venv / "bin" / "interviewprep"

    def decks() -> dict[str, Any]:
        listing: dict[str, Any] = json.loads(run(command, "decks", "--json", env=env, cwd=home))
        return listing

    listing = decks()
    bundled = [d for d in listing["decks"] if d["origin"] == "bundled"]
    shipped = list((PROJECT / "decks").rglob("*.yaml"))
    assert shipped and len(bundled) == len(shipped), listing
    assert {d["language"] for d in bundled} == {"en", "es"}
    assert all(Path(d["path"]).is_relative_to(venv) for d in bundled)
    assert listing["skipped"] == []

    mine = tmp_path / "mine.yaml"
    mine.write_text(SMALL_DECK.replace("id: mini", "id: año-fiscal"), encoding="utf-8")
    added = run(command, "add", mine, env=env, cwd=home)
    target = home / ".local" / "share" / "interviewprep" / "decks" / "en" / "año-fiscal.yaml"
    assert str(target) in added
    listing = decks()
    (yours,) = [d for d in listing["decks"] if d["origin"] == "yours"]
    assert (yours["key"], yours["path"]) == ("año-fiscal@en", str(target))
    assert len(listing["decks"]) == len(shipped) + 1
