"""Automatic backups of the database: their names, when they are taken, which are kept, and
restoring one.

A backup is a consistent copy made with SQLite's backup API (`database.copy`), a single file
`interviewprep-YYYYMMDD-HHMMSS-REASON.sqlite3` in the data folder's `backups/` (0700, files
0600). One is taken before a migration, one on the first open of each day, and one of the
current database before a restore; only the newest `KEEP` are kept.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from interviewprep.core import database
from interviewprep.core.migrations import LATEST_VERSION
from interviewprep.locations import ensure_private_dir

KEEP = 5
PREFIX = "interviewprep-"
SUFFIX = ".sqlite3"
_NAME = re.compile(
    r"interviewprep-(\d{4})(\d\d)(\d\d)-(\d\d)(\d\d)(\d\d)-([a-z0-9-]+)\.sqlite3")


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime  # local time, from the name
    reason: str
    size: int

    @property
    def name(self) -> str:
        return self.path.name


def _local(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone()


def list_backups(folder: Path) -> list[Backup]:
    """The backups in `folder`, oldest first; files not named as backups are ignored."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.fullmatch(path.name)
        if match is None or not path.is_file() or path.is_symlink():
            continue
        try:  # read without strptime, whose module costs every start
            year, month, day, hour, minute, second = map(int, match.groups()[:6])
            taken = datetime(year, month, day, hour, minute, second)
        except ValueError:  # digits that are no date: not one of ours
            continue
        found.append(Backup(path, taken, match.group(7), path.stat().st_size))
    return sorted(found, key=lambda b: (b.taken_at, b.name))


def find(folder: Path, name: str) -> Backup | None:
    """The backup called exactly `name` (a bare file name, never a path)."""
    return next((b for b in list_backups(folder) if b.name == name), None)


def prune(folder: Path) -> None:
    for old in list_backups(folder)[:-KEEP]:
        old.path.unlink(missing_ok=True)


def take(db: sqlite3.Connection, folder: Path, reason: str, now: datetime | None = None,
         keep_all: bool = False) -> Backup:
    """Copy the database into `folder` now, then drop all but the newest `KEEP`. A damaged
    database is refused (DamagedDatabaseError), except for the copy kept before a restore:
    what it holds may still be worth reading."""
    ensure_private_dir(folder)
    stamp = _local(now).strftime("%Y%m%d-%H%M%S")
    target = folder / f"{PREFIX}{stamp}-{reason}{SUFFIX}"
    counter = 2
    while target.exists():  # two in one second: never overwrite the earlier one
        target = folder / f"{PREFIX}{stamp}-{reason}-{counter}{SUFFIX}"
        counter += 1
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        database.copy(db, partial, check=reason != "before-restore")
        partial.rename(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    if not keep_all:
        prune(folder)
    return next(b for b in list_backups(folder) if b.path == target)


def take_daily(db: sqlite3.Connection, folder: Path,
               now: datetime | None = None) -> Backup | None:
    """A backup unless one was already taken today (local date)."""
    today = _local(now).date()
    if any(b.taken_at.date() == today for b in list_backups(folder)):
        return None
    return take(db, folder, "daily", now)


def automatic(folder: Path, now: datetime | None = None) -> database.BeforeMigration:
    """The backups taken on open: before a migration, else the day's first."""
    def before_migration(db: sqlite3.Connection, version: int) -> None:
        if 0 < version < LATEST_VERSION:
            take(db, folder, f"before-v{LATEST_VERSION}", now)
        elif version == LATEST_VERSION:
            take_daily(db, folder, now)
    return before_migration


def restore(db: sqlite3.Connection, folder: Path, backup: Backup,
            now: datetime | None = None) -> Backup:
    """Replace the database with `backup`, after keeping a copy of the current one (returned).
    The backup is checked (version, quick check) before anything changes."""
    database.check_copy(backup.path)
    kept = take(db, folder, "before-restore", now, keep_all=True)
    try:
        database.replace(db, backup.path)
    finally:
        prune(folder)
    return kept
