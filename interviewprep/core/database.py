"""Opening the SQLite file safely, and copying it: the file-level side of the store.

Before anything is changed the schema version is read through a read-only connection; a
newer one is refused. A process that opens the database for writing leaves a marker,
`<database>-open-<pid>-<token>`, beside it until it closes: a marker whose process is gone
means the database was not closed cleanly, and SQLite's quick check runs before it is used.
A damaged database is never written; a command that only reads gets an in-memory copy of
it, as it does of a database the owner made read-only, so nothing on disk changes. The
automatic backups (see `core.backups`) are taken here, before a migration and once a day.

The queries over the app's tables live in `core.store`; this module only opens, checks and
copies whole databases.
"""

from __future__ import annotations

import glob
import os
import sqlite3
import stat
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from interviewprep.core.migrations import LATEST_VERSION, NewerDatabaseError, migrate
from interviewprep.i18n import _
from interviewprep.locations import PRIVATE_FILE_MODE, ensure_private_dir

BUSY_TIMEOUT_MS = int(os.environ.get("INTERVIEWPREP_BUSY_TIMEOUT_MS", "5000"))
OPEN_MARKER = "-open-"


class Access(Enum):
    WRITE = "write"  # the app and commands that write: read-only or damaged is refused
    READ = "read"  # commands that only read: a copy when the file cannot be written
    RESTORE = "restore"  # opened only to put a backup over it, damaged or not


class DamagedDatabaseError(Exception):
    """SQLite's quick check found damage; nothing may be written to the database."""


class ReadOnlyStoreError(Exception):
    """The database or its folder is read-only and the caller needs to write."""


@dataclass
class Opened:
    connection: sqlite3.Connection
    marker: Path | None  # ours, removed on a clean close
    damaged: str | None  # the quick check's first finding
    in_memory: bool  # a copy: the file on disk is never touched


# Called with the connection to an existing file and its schema version, before the file is
# switched to WAL or migrated.
BeforeMigration = Callable[[sqlite3.Connection, int], None]


def owner_can_write(path: Path) -> bool:
    # The owner's write bit is honoured even for root: a person who made their data
    # read-only meant it, and root passes every os.access check.
    try:
        return bool(path.stat().st_mode & stat.S_IWUSR) and os.access(path, os.W_OK)
    except OSError:
        return False


def connect_read_only(path: Path, immutable: bool = False) -> sqlite3.Connection:
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    return sqlite3.connect(f"{path.absolute().as_uri()}?{flags}", uri=True,
                           isolation_level=None, check_same_thread=False)


def _alive(pid: int) -> bool:
    if os.name == "nt":
        # os.kill(pid, 0) would end the process on Windows. There a crash is not told
        # from a clean close; the day's first backup still checks the database.
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


def stale_markers(path: Path) -> list[Path]:
    """Markers left by processes that ended without closing the database."""
    stale = []
    for marker in sorted(path.parent.glob(glob.escape(path.name) + OPEN_MARKER + "*")):
        pid = marker.name.rsplit(OPEN_MARKER, 1)[1].split("-")[0]
        if not pid.isdigit() or not _alive(int(pid)):
            stale.append(marker)
    return stale


def mark_open(path: Path) -> Path:
    """Leave this process's marker beside the database; `close` removes it."""
    marker = path.with_name(f"{path.name}{OPEN_MARKER}{os.getpid()}-{uuid.uuid4().hex[:8]}")
    os.close(os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
    return marker


def check_version(db: sqlite3.Connection) -> int:
    (version,) = db.execute("PRAGMA user_version").fetchone()
    if version > LATEST_VERSION:
        raise NewerDatabaseError(_(
            "the database is at schema version {version}, newer than this interviewprep "
            "understands ({latest}); upgrade interviewprep").format(
                version=version, latest=LATEST_VERSION))
    return int(version)


def quick_check(db: sqlite3.Connection) -> list[str]:
    """SQLite's quick check: the problems found, or [] when the database is sound."""
    try:
        rows = db.execute("PRAGMA quick_check(20)").fetchall()
    except sqlite3.DatabaseError as error:
        return [str(error)]
    found = [str(row[0]) for row in rows]
    return [] if found == ["ok"] else found


def copy(db: sqlite3.Connection, target: Path, check: bool = True) -> None:
    """A consistent copy of `db` (SQLite's backup API) in a new private file, which must not
    exist yet; a single file, not in WAL mode. The copy is quick-checked (unless `check`
    is off), so damage is found before a good older backup is rotated out for it."""
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
    other = sqlite3.connect(target, isolation_level=None)
    try:
        db.backup(other)
        other.execute("PRAGMA journal_mode = DELETE")
        problems = quick_check(other) if check else []
    finally:
        other.close()
    if problems:
        raise DamagedDatabaseError(problems[0])


def check_copy(source: Path) -> None:
    """Refuse a copy (a backup) this version cannot use, or that is damaged."""
    other = connect_read_only(source, immutable=True)
    try:
        check_version(other)
        problems = quick_check(other)
        if problems:
            raise DamagedDatabaseError(problems[0])
    finally:
        other.close()


def replace(db: sqlite3.Connection, source: Path) -> None:
    """Make `db` a copy of `source` (a backup), checked first, then migrate it."""
    check_copy(source)
    other = connect_read_only(source, immutable=True)
    try:
        other.backup(db)
    finally:
        other.close()
    db.execute("PRAGMA journal_mode = WAL")
    migrate(db)


def connect_to_peek(path: Path) -> sqlite3.Connection:
    """A read-only connection that creates nothing beside a database its owner made
    read-only (not even the -shm file a WAL database needs)."""
    writable = owner_can_write(path) and owner_can_write(path.parent)
    return _probe(path, writable)


def _probe(path: Path, writable: bool) -> sqlite3.Connection:
    # immutable: nothing, not even a -shm file, is created beside a read-only database
    immutable = not writable and not path.with_name(path.name + "-wal").exists()
    return connect_read_only(path, immutable)


def _first_problem(path: Path, writable: bool) -> str | None:
    probe = _probe(path, writable)
    try:
        check_version(probe)
        problems = quick_check(probe)
    finally:
        probe.close()
    return problems[0] if problems else None


def _in_memory(path: Path | None, writable: bool, damaged: str | None) -> Opened:
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    if path is not None:
        probe = _probe(path, writable)
        try:
            check_version(probe)
            probe.backup(memory)
        finally:
            probe.close()
    migrate(memory)
    return Opened(memory, None, damaged, in_memory=True)


def open_database(path: Path, access: Access = Access.WRITE,
                  before_migration: BeforeMigration | None = None) -> Opened:
    """Open `path` as `access` allows (see the module's docstring); the schema is migrated.
    `before_migration` takes the automatic backups, on the file, before anything changes."""
    existed = path.is_file()
    folder_exists = path.parent.is_dir()
    writable = (owner_can_write(path) if existed else True) and (
        not folder_exists or owner_can_write(path.parent))
    if not writable and access is not Access.READ:
        raise ReadOnlyStoreError(str(path if existed else path.parent))
    if not writable:
        return _in_memory(path if existed else None, writable, None)
    damaged = None
    if existed:
        if stale_markers(path):
            damaged = _first_problem(path, writable)
        else:
            probe = _probe(path, writable)  # the version, before anything is changed
            try:
                check_version(probe)
            finally:
                probe.close()
        if damaged and access is Access.WRITE:
            raise DamagedDatabaseError(damaged)
        if damaged and access is Access.READ:
            return _in_memory(path, writable, damaged)
    try:
        return _open_for_writing(path, existed, damaged, before_migration)
    except DamagedDatabaseError as error:  # found by the daily backup's check
        if access is not Access.READ:
            raise
        return _in_memory(path, writable, str(error))


def _open_for_writing(path: Path, existed: bool, damaged: str | None,
                      before_migration: BeforeMigration | None) -> Opened:
    ensure_private_dir(path.parent)
    if not existed:
        # Create the file ourselves so it is private from the first byte;
        # SQLite gives the -wal and -shm files the same mode.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE_MODE))
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        os.chmod(path, mode & 0o700)  # tighten, never loosen what the user set
    stale = stale_markers(path)
    marker = mark_open(path)
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = check_version(db)
        if damaged:
            return Opened(db, marker, damaged, in_memory=False)  # to be restored over
        if existed and before_migration is not None:
            before_migration(db, version)
        db.execute("PRAGMA journal_mode = WAL")
        # NORMAL in WAL mode survives a killed process; only a power cut can lose the last
        # commits. FULL would fsync every review, which costs more than the review itself.
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA foreign_keys = ON")
        migrate(db)
    except BaseException:
        db.close()
        marker.unlink(missing_ok=True)
        raise
    for old in stale:  # the database was checked and found sound
        old.unlink(missing_ok=True)
    return Opened(db, marker, None, in_memory=False)
