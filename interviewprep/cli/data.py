"""Commands over the data folder itself: `doctor` (where everything lives, sizes, schema,
integrity, counts) and `restore` (list the automatic backups, or put one back)."""

from __future__ import annotations

import argparse
import sqlite3
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interviewprep.cli.common import UserError, confirm, json_text, say
from interviewprep.core.database import Access, DamagedDatabaseError
from interviewprep.core.migrations import LATEST_VERSION
from interviewprep.core.store import Store
from interviewprep.core.text import excerpt
from interviewprep.i18n import _, format_datetime, format_decimal, ngettext
from interviewprep.lazy import lazy_module
from interviewprep.locations import resolve

if TYPE_CHECKING:
    from interviewprep.core import backups
else:  # imported when the command runs, not when the parser is built
    backups = lazy_module("interviewprep.core.backups")


def register(sub: Any) -> None:
    p = sub.add_parser("doctor", help=_("where your data lives, its size, schema and integrity"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(func=cmd_doctor)
    p = sub.add_parser("restore", help=_("list the automatic backups, or restore one"))
    p.add_argument("name", nargs="?", metavar="NAME", help=_("the backup to restore"))
    p.add_argument("--force", action="store_true", help=_("do not ask first"))
    p.set_defaults(func=cmd_restore)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _folder_size(folder: Path) -> int:
    if not folder.is_dir():
        return 0
    return sum(_size(p) for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _human(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{format_decimal(size, '0.0')} {unit}"
        size /= 1024  # type: ignore[assignment]
    return str(size)


def _examine(database: Path) -> dict[str, Any]:
    """Schema version, quick check and counts, read without changing anything."""
    if not database.is_file():
        return {"exists": False, "schema_version": None, "integrity": [], "counts": {}}
    try:
        store = Store(database, access=Access.READ)
    except sqlite3.DatabaseError as error:
        return {"exists": True, "schema_version": None, "integrity": [str(error)],
                "counts": {}}
    try:
        problems = store.quick_check()
        counts = {} if problems else store.counts()
        return {"exists": True, "schema_version": store.schema_version(),
                "integrity": problems, "counts": counts, "read_only": store.in_memory}
    finally:
        store.close()


def cmd_doctor(args: argparse.Namespace) -> int:
    locations = resolve(args.data_dir)
    database = locations.database
    found = _examine(database)
    kept = backups.list_backups(locations.backups)
    report = {
        "data_dir": str(locations.data_dir),
        "data_dir_mode": (f"{stat.S_IMODE(locations.data_dir.stat().st_mode):04o}"
                          if locations.data_dir.is_dir() else None),
        "database": {
            "path": str(database), "exists": found["exists"],
            "size": _size(database) + _size(database.with_name(database.name + "-wal")),
            "schema_version": found["schema_version"], "latest_schema_version": LATEST_VERSION,
            "read_only": found.get("read_only", False),
        },
        "decks_dir": str(locations.user_decks),
        "recordings": {"path": str(locations.recordings),
                       "size": _folder_size(locations.recordings)},
        "backups": {"path": str(locations.backups), "count": len(kept),
                    "size": sum(b.size for b in kept),
                    "newest": kept[-1].name if kept else None},
        "integrity": "ok" if not found["integrity"] else found["integrity"],
        "counts": found["counts"],
    }
    if args.json:
        print(json_text(report))
        return 0 if not found["integrity"] else 1
    db = report["database"]
    say(_("Data folder:  {path} ({mode})").format(path=report["data_dir"],
                                                  mode=report["data_dir_mode"] or _("missing")))
    if not found["exists"]:
        say(_("Database:     {path} (not created yet)").format(path=database))
    else:
        say(_("Database:     {path}, {size}, schema version {version} (this interviewprep: "
              "{latest}){read_only}").format(
                  path=database, size=_human(db["size"]), version=db["schema_version"],
                  latest=LATEST_VERSION,
                  read_only=_(", read-only") if db["read_only"] else ""))
    say(_("Your decks:   {path}").format(path=locations.user_decks))
    say(_("Recordings:   {path}, {size}").format(
        path=locations.recordings, size=_human(report["recordings"]["size"])))
    say(_("Backups:      {path}, {kept}, {size}{newest}").format(
        path=locations.backups, size=_human(report["backups"]["size"]),
        kept=ngettext("{count} kept", "{count} kept", len(kept)).format(count=len(kept)),
        newest=_(", newest {name}").format(name=kept[-1].name) if kept else ""))
    if found["integrity"]:
        say(_("Integrity:    DAMAGED ({finding}). To recover, restore a backup "
              "('interviewprep restore') or export what can be read ('interviewprep "
              "export').").format(finding=excerpt(found["integrity"][0])))
        return 1
    say(_("Integrity:    ok (quick check)") if found["exists"] else _("Integrity:    n/a"))
    if found["counts"]:
        counts = found["counts"]
        say(_("Stored:       {answers}, {reviews}, {states}, {drafts}").format(
            answers=ngettext("{count} answer", "{count} answers", counts["answers"]).format(
                count=counts["answers"]),
            reviews=ngettext("{count} review", "{count} reviews", counts["reviews"]).format(
                count=counts["reviews"]),
            states=ngettext("{count} card seen", "{count} cards seen",
                            counts["card_states"]).format(count=counts["card_states"]),
            drafts=ngettext("{count} draft", "{count} drafts", counts["drafts"]).format(
                count=counts["drafts"])))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    locations = resolve(args.data_dir)
    if args.name is None:
        kept = backups.list_backups(locations.backups)
        if not kept:
            say(_("No backups yet in {path}.").format(path=locations.backups))
            return 0
        say(_("Backups in {path} (oldest first):").format(path=locations.backups))
        for backup in kept:
            taken = format_datetime(backup.taken_at, seconds=True)
            say(f"  {backup.name}  {taken}  {_human(backup.size)}")
        say(_("Restore one with: interviewprep restore NAME"))
        return 0
    chosen = backups.find(locations.backups, args.name)
    if chosen is None:
        raise UserError(_("no backup called {name} (run 'interviewprep restore' to list them)")
                        .format(name=excerpt(args.name)))
    if not locations.database.is_file():
        raise UserError(_("there is no database at {path} to restore into").format(
            path=locations.database))
    confirm(_("Replace the database with {name}? A copy of the current one is kept first.")
            .format(name=chosen.name), args.force)
    with Store(locations.database, access=Access.RESTORE) as store, store.locked():
        try:
            before = backups.restore(store.db, locations.backups, chosen)
        except DamagedDatabaseError as error:
            raise UserError(_("the backup {name} is damaged ({finding}); nothing was changed")
                            .format(name=chosen.name, finding=excerpt(str(error)))) from None
    say(_("restored {name}; the database as it was is kept as {kept}").format(
        name=chosen.name, kept=before.name))
    return 0
