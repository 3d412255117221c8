"""Every command that reads a FILE argument names it when it is a folder, a device or
missing: one line, exit 1, never a descriptor number or "no such file" for what exists."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import RunCli

READERS = (
    ("import", "{}"),
    ("import-anki", "{}"),
    ("listen", "{}"),
    ("story", "import", "{}"),
    ("analyze", "--deck", "d", "--card", "c", "--file", "{}"),
    ("interview", "add", "--company", "Acme", "--role", "ae", "--date", "2030-01-01",
     "--job-description", "{}"),
    ("add", "{}"),
)


def _run(cli: RunCli, command: tuple[str, ...], path: Path | str) -> tuple[int, str]:
    result = cli(*(str(path) if part == "{}" else part for part in command))
    return result.code, result.err


def test_file_arguments_name_folders_devices_and_missing_files(cli: RunCli,
                                                                tmp_path: Path) -> None:
    folder = tmp_path / "mybackups"
    folder.mkdir()
    for command in READERS:
        code, err = _run(cli, command, folder)
        assert (code, err) == (1, f"interviewprep: error: {folder}: is a folder, not a "
                                  "file\n"), command
    for command in READERS[:-1]:
        code, err = _run(cli, command, "/dev/null")
        assert (code, err) == (1, "interviewprep: error: /dev/null: not a regular file\n"), \
            command
        code, err = _run(cli, command, tmp_path / "gone.json")
        assert code == 1 and err.endswith("gone.json: no such file\n"), command


def test_fmt_refuses_a_device(cli: RunCli) -> None:
    result = cli("fmt", "/dev/null")
    assert result.code == 1 and "not a regular file" in result.out


def test_deck_file_arguments_name_a_folder(cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "deck.yaml"
    folder.mkdir()
    for command in (("drill", folder), ("export-anki", folder, "--output", tmp_path / "x.apkg")):
        result = cli(*command)
        assert (result.code, result.err) == (
            1, f"interviewprep: error: {folder}: is a folder, not a file\n"), command
