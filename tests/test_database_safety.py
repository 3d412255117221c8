"""The database under stress, through the real entry point: a newer schema, a held write
lock, a read-only data folder, a damaged page after a crash, automatic backups, restore,
doctor, and the start-up guards."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from interviewprep.core import backups
from interviewprep.core.migrations import LATEST_VERSION, migrate
from tests.conftest import RunCli, WriteDeck
from tests.test_export_import_safety import seed


@pytest.fixture
def seeded(write_deck: WriteDeck, deck_dir: Path, data_dir: Path) -> Path:
    write_deck()
    seed(data_dir, deck_dir)
    return data_dir / "interviewprep.sqlite3"


def folder_state(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mode, p.read_bytes() if p.is_file() else b"")
            for p in sorted(folder.rglob("*"))}


def test_a_newer_database_is_refused_before_anything_changes(cli: RunCli,
                                                             data_dir: Path) -> None:
    data_dir.mkdir()
    database = data_dir / "interviewprep.sqlite3"
    connection = sqlite3.connect(database)
    connection.execute("CREATE TABLE future (x)")
    connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    connection.close()
    database.chmod(0o644)
    before = folder_state(data_dir)
    for command in ("history", "import", "doctor"):
        result = cli(command, *(["x.json"] if command == "import" else []))
        assert result.code == 1, command
    result = cli("history")
    assert result.err.count("\n") == 1 and "upgrade interviewprep" in result.err
    assert folder_state(data_dir) == before, "not switched to WAL, not chmod-ed, no backup"


def test_a_held_write_lock_is_one_clear_line(cli: RunCli, seeded: Path, tmp_path: Path,
                                            data_dir: Path) -> None:
    export = tmp_path / "e.json"
    assert cli("export", "-o", export).code == 0
    holder = sqlite3.connect(seeded, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        env_cli = subprocess.run(
            [sys.executable, "-m", "interviewprep", "import", str(export)],
            capture_output=True, text=True, check=False, timeout=60,
            env={**os.environ, "INTERVIEWPREP_DATA_DIR": str(data_dir),
                 "INTERVIEWPREP_BUSY_TIMEOUT_MS": "50"})
        assert env_cli.returncode == 1
        assert env_cli.stderr == ("interviewprep: error: another interviewprep is busy with "
                                  "the database; try again when it has finished\n")
        reading = cli("history", "--json")
        assert reading.code == 0 and len(reading.json()) == 2
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_read_only_commands_work_on_a_read_only_folder(cli: RunCli, seeded: Path,
                                                       data_dir: Path, tmp_path: Path,
                                                       deck_dir: Path) -> None:
    """Meaningful as root too: the owner's write bits are honoured, and the test checks
    that nothing in the folder changes (modes, bytes, names)."""
    assert cli("decks").code == 0  # today's backup exists; the folder is settled
    seeded.chmod(0o400)
    data_dir.chmod(0o500)
    try:
        before = folder_state(data_dir)
        for command in (["decks"], ["history"], ["stats"], ["doctor"],
                        ["export", "--format", "md"], ["--decks", deck_dir, "decks"]):
            result = cli(*command)
            assert result.code == 0, (command, result.err)
        assert "first" in cli("history").out
        assert "## Mini deck" in cli("--decks", deck_dir, "export", "--format", "md").out
        assert "read-only" in cli("doctor").out
        refused = cli("import", tmp_path / "any.json")
        assert refused.code == 1  # the file is missing: checked before the database
        (tmp_path / "ok.json").write_text('{"format": "interviewprep-export", "version": 1}',
                                          encoding="utf-8")
        refused = cli("import", tmp_path / "ok.json")
        assert refused.code == 1 and refused.err.count("\n") == 1
        assert "read-only, and this command needs to write" in refused.err
        [daily] = backups.list_backups(data_dir / "backups")
        refused = cli("restore", daily.name, "--force")
        assert refused.code == 1 and "read-only, and this command needs to write" in refused.err
        assert folder_state(data_dir) == before
    finally:
        data_dir.chmod(0o700)
        seeded.chmod(0o600)


def crash_with_the_database_open(database: Path) -> None:
    script = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from interviewprep.core.store import Store
        Store(Path({str(database)!r}))
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    done = subprocess.run([sys.executable, "-c", script], check=False, timeout=60)
    assert done.returncode == -signal.SIGKILL


def damage_a_page(database: Path) -> None:
    """Garbage over the answers table's root page."""
    connection = sqlite3.connect(database)
    (page,) = connection.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'answers'").fetchone()
    (size,) = connection.execute("PRAGMA page_size").fetchone()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    with database.open("r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(b"\xde\xad\xbe\xef" * (size // 4))


def test_a_damaged_database_is_found_and_never_written(cli: RunCli, seeded: Path,
                                                      data_dir: Path, tmp_path: Path) -> None:
    assert cli("decks").code == 0  # takes today's backup, of the sound database
    [daily] = backups.list_backups(data_dir / "backups")
    crash_with_the_database_open(seeded)
    damage_a_page(seeded)
    damaged_bytes = seeded.read_bytes()
    export = tmp_path / "e.json"
    export.write_text('{"format": "interviewprep-export", "version": 1}', encoding="utf-8")
    refused = cli("import", export)
    assert refused.code == 1 and refused.err.count("\n") == 1
    assert "database is damaged" in refused.err and "interviewprep restore" in refused.err
    doctor = cli("doctor")
    assert doctor.code == 1 and "DAMAGED" in doctor.out
    listed = cli("decks")  # read-only: works on a copy, with a warning
    assert listed.code == 0 and "database is damaged" in listed.err
    assert seeded.read_bytes() == damaged_bytes, "nothing was written to it"

    assert daily.name in cli("restore").out
    no_tty = cli("restore", daily.name)
    assert no_tty.code == 1 and "--force" in no_tty.err
    restored = cli("restore", daily.name, "--force")
    assert restored.code == 0, restored.err
    assert "before-restore" in restored.out
    assert cli("doctor").code == 0
    assert [a["text"] for a in cli("history", "--json").json()] == [
        "second", "first"]
    assert cli("restore", "../interviewprep.sqlite3", "--force").code == 1


def test_damage_found_while_reading_names_the_way_back(cli: RunCli, seeded: Path) -> None:
    """Closed cleanly, so no quick check on open: the day's first backup checks its copy
    (and is not kept); a read-only command then reads a copy, up to the damage."""
    damage_a_page(seeded)
    before = seeded.read_bytes()
    result = cli("history")
    assert result.code == 1
    warning, error = result.err.splitlines()
    assert "warning: the database is damaged" in warning
    assert "error: the database is damaged" in error and "restore a backup" in error
    assert backups.list_backups(seeded.parent / "backups") == []
    export = seeded.parent.parent / "empty.json"
    export.write_text('{"format": "interviewprep-export", "version": 1}', encoding="utf-8")
    refused = cli("import", export)
    assert refused.code == 1 and "database is damaged" in refused.err
    assert seeded.read_bytes() == before


def test_backups_before_a_migration_and_once_a_day_keeping_five(
        cli: RunCli, data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    database = data_dir / "interviewprep.sqlite3"
    old = sqlite3.connect(database, isolation_level=None)
    migrate(old, target=1)
    old.execute("INSERT INTO answers(uid, deck_id, language, card_id, text, seconds, "
                "answered_at) VALUES ('a1', 'mini', 'en', 'pen', 'kept', 3, 1000)")
    old.close()
    assert cli("history").code == 0
    folder = data_dir / "backups"
    [before] = backups.list_backups(folder)
    assert before.reason == f"before-v{LATEST_VERSION}"
    copy = sqlite3.connect(before.path)
    assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
    assert copy.execute("SELECT text FROM answers").fetchall() == [("kept",)]
    copy.close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(before.path.stat().st_mode) == 0o600
    assert cli("history").code == 0
    assert backups.list_backups(folder) == [before], "at most one a day"
    # Earlier days: the migration's copy and six daily ones.
    before.path.rename(folder / f"interviewprep-20191231-120000-{before.reason}.sqlite3")
    for day in range(1, 7):
        (folder / f"interviewprep-202001{day:02d}-120000-daily.sqlite3").write_bytes(b"")
    impossible = folder / "interviewprep-20201399-250000-daily.sqlite3"  # not a date
    impossible.write_bytes(b"")
    assert cli("history").code == 0
    assert impossible.exists(), "a file that is not one of the backups is left alone"
    kept = backups.list_backups(folder)
    assert len(kept) == backups.KEEP and kept[-1].reason == "daily"
    assert kept[0].name == "interviewprep-20200103-120000-daily.sqlite3"


def test_doctor_reports_where_everything_is(cli: RunCli, seeded: Path, data_dir: Path) -> None:
    report = cli("doctor", "--json").json()
    assert isinstance(report, dict)
    assert report["data_dir"] == str(data_dir)
    assert report["database"]["schema_version"] == LATEST_VERSION
    assert report["database"]["size"] > 0 and report["integrity"] == "ok"
    assert report["decks_dir"] == str(data_dir / "decks")
    assert report["backups"]["path"] == str(data_dir / "backups")
    assert report["recordings"] == {"path": str(data_dir / "recordings"), "size": 0}
    assert report["counts"]["answers"] == 2 and report["counts"]["reviews"] == 2
    text = cli("doctor").out
    assert "Integrity:    ok" in text and "2 answers, 2 reviews" in text


def test_the_app_needs_a_terminal(cli: RunCli, write_deck: WriteDeck, deck_dir: Path) -> None:
    write_deck()
    for args in ((), ("--decks", str(deck_dir), "drill", "mini")):
        result = cli(*args, stdin="1234\n")
        assert result.code == 1, args
        assert result.err.count("\n") == 1 and "needs a terminal" in result.err


def test_an_unexpected_error_is_one_line_with_its_type_and_no_locals(tmp_path: Path) -> None:
    code = textwrap.dedent("""
        import sys
        from interviewprep import cli
        def crash(args):
            answer = "my secret answer text"
            raise RuntimeError(answer)
        build = cli.build_parser
        def parser():
            p = build()
            p.set_defaults(func=crash)
            return p
        cli.build_parser = parser
        sys.exit(cli.main([]))
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False, timeout=60, cwd=tmp_path)
    assert done.returncode == 70
    assert done.stderr.count("\n") == 1 and "RuntimeError" in done.stderr
    assert "secret" not in done.stderr and "Traceback" not in done.stderr


def test_a_damaged_backup_is_not_restored(cli: RunCli, seeded: Path, data_dir: Path) -> None:
    assert cli("decks").code == 0
    [daily] = backups.list_backups(data_dir / "backups")
    damage_a_page(daily.path)
    before = seeded.read_bytes()
    result = cli("restore", daily.name, "--force")
    assert result.code == 1 and result.err.count("\n") == 1
    assert f"the backup {daily.name} is damaged" in result.err
    assert seeded.read_bytes() == before
    assert len(backups.list_backups(data_dir / "backups")) == 1, "no copy made for nothing"


def test_restore_asks_on_a_terminal_and_keeps_the_current_database(
        cli: RunCli, seeded: Path, data_dir: Path, tmp_path: Path) -> None:
    import pty

    assert cli("decks").code == 0
    [daily] = backups.list_backups(data_dir / "backups")
    extra = tmp_path / "extra.json"
    extra.write_text(json.dumps({
        "format": "interviewprep-export", "version": 1,
        "answers": [{"uid": "later", "deck_id": "mini", "language": "en", "card_id": "pen",
                     "text": "written after the backup", "seconds": 1,
                     "answered_at": 1_770_000_000}]}), encoding="utf-8")
    assert cli("import", extra).code == 0
    parent, child = pty.openpty()
    with subprocess.Popen([sys.executable, "-m", "interviewprep", "restore", daily.name],
                          stdin=child, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env={**os.environ, "INTERVIEWPREP_DATA_DIR": str(data_dir)}
                          ) as process:
        os.close(child)
        os.write(parent, b"y\n")
        out, err = process.communicate(timeout=60)
    os.close(parent)
    assert process.returncode == 0, err
    assert b"Replace the database with" in err and b"restored" in out
    texts = [a["text"] for a in cli("history", "--json").json()]
    assert "written after the backup" not in texts and len(texts) == 2
    [kept] = [b for b in backups.list_backups(data_dir / "backups")
              if b.reason == "before-restore"]
    copy = sqlite3.connect(kept.path)
    assert copy.execute("SELECT count(*) FROM answers WHERE uid = 'later'").fetchone() == (1,)
    copy.close()
