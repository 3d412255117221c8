"""Reading what Anki writes, without Anki: `.apkg`/`.colpkg` packages (the current
zstd-compressed `collection.anki21b`, and the legacy `collection.anki21`/`collection.anki2`
SQLite files) and the "Notes in Plain Text" export with its `#key:value` headers.

The result is plain data: notes grouped by deck, fields as Anki stored them (HTML), and the
review log of each note's first card. Media files are not read.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol

import zstandard

from interviewprep.i18n import N_, _

# Newest first: a current package also holds a legacy `collection.anki2` whose only note
# asks the reader to update Anki.
_COLLECTION_NAMES = ("collection.anki21b", "collection.anki21", "collection.anki2")
MAX_COLLECTION_BYTES = 512 * 1024 * 1024
DECK_SEPARATOR = "::"


class AnkiFormatError(ValueError):
    """The file is not something Anki wrote; the message says why, in one line."""


@dataclass(frozen=True)
class RevlogEntry:
    at_ms: int  # the review's time, and Anki's id for it
    ease: int  # 1 Again … 4 Easy; 0 for a manual reschedule
    kind: int  # 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled
    duration_ms: int


@dataclass
class AnkiNote:
    guid: str
    fields: list[str]
    field_names: list[str]
    tags: list[str]
    cloze: bool = False
    reviews: list[RevlogEntry] = field(default_factory=list)


@dataclass
class AnkiDeck:
    name: str  # "Parent::Child", as Anki shows it
    html: bool = True
    notes: list[AnkiNote] = field(default_factory=list)


@contextmanager
def _collection_file(path: Path) -> Iterator[Path]:
    """The package's collection as a SQLite file in a private temporary folder."""
    try:
        package = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise AnkiFormatError(_("not an Anki package (.apkg/.colpkg are zip files)")) from None
    with package, tempfile.TemporaryDirectory(prefix="interviewprep-anki-") as tmp:
        names = set(package.namelist())
        name = next((n for n in _COLLECTION_NAMES if n in names), None)
        if name is None:
            raise AnkiFormatError(_("no Anki collection inside the package"))
        info = package.getinfo(name)
        if info.file_size > MAX_COLLECTION_BYTES:
            raise AnkiFormatError(_("the collection inside the package is too large"))
        target = Path(tmp) / "collection.sqlite"
        with package.open(name) as source, open(target, "wb") as out:
            if name.endswith("b"):
                reader = zstandard.ZstdDecompressor().stream_reader(source)
                _copy_limited(reader, out)
            else:
                _copy_limited(source, out)
        yield target


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def _copy_limited(source: _Readable, out: BinaryIO) -> None:
    total = 0
    while chunk := source.read(1 << 20):
        total += len(chunk)
        if total > MAX_COLLECTION_BYTES:
            raise AnkiFormatError(_("the collection inside the package is too large"))
        out.write(chunk)


def _decks_and_notetypes(db: sqlite3.Connection) -> tuple[dict[int, str], dict[int, list[str]],
                                                           set[int]]:
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "decks" in tables:  # schema 18
        decks = {int(i): str(n).replace("\x1f", DECK_SEPARATOR)
                 for i, n in db.execute("SELECT id, name FROM decks")}
        fields: dict[int, list[str]] = {}
        for ntid, name in db.execute("SELECT ntid, name FROM fields ORDER BY ntid, ord"):
            fields.setdefault(int(ntid), []).append(str(name))
        return decks, fields, set()
    row = db.execute("SELECT decks, models FROM col").fetchone()
    if row is None:
        raise AnkiFormatError(_("the collection has no deck list"))
    deck_json, model_json = json.loads(row[0]), json.loads(row[1])
    decks = {int(k): str(v["name"]) for k, v in deck_json.items()}
    fields = {int(k): [str(f["name"]) for f in v["flds"]] for k, v in model_json.items()}
    cloze = {int(k) for k, v in model_json.items() if v.get("type") == 1}
    return decks, fields, cloze


def read_package(path: Path) -> list[AnkiDeck]:
    """Every deck with notes in an `.apkg`/`.colpkg`, in the order Anki lists them."""
    with _collection_file(path) as file:
        db = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
        try:
            return _read_collection(db)
        except sqlite3.DatabaseError as error:
            raise AnkiFormatError(_("the collection could not be read ({reason})").format(
                reason=error)) from None
        finally:
            db.close()


def _read_collection(db: sqlite3.Connection) -> list[AnkiDeck]:
    deck_names, field_names, cloze_types = _decks_and_notetypes(db)
    # One interviewprep card per note: the note's first card decides its deck and history.
    first_cards = {
        int(nid): (int(cid), int(odid) or int(did))
        for nid, cid, did, odid in db.execute(
            "SELECT nid, id, did, odid FROM cards ORDER BY nid, ord DESC")
    }
    reviews: dict[int, list[RevlogEntry]] = {}
    for rid, cid, ease, kind, taken in db.execute(
            "SELECT id, cid, ease, type, time FROM revlog ORDER BY id"):
        reviews.setdefault(int(cid), []).append(RevlogEntry(int(rid), int(ease), int(kind),
                                                            int(taken)))
    decks: dict[int, AnkiDeck] = {}
    for nid, guid, mid, tags, flds in db.execute(
            "SELECT id, guid, mid, tags, flds FROM notes ORDER BY id"):
        if int(nid) not in first_cards:
            continue
        cid, did = first_cards[int(nid)]
        name = deck_names.get(did, "Default")
        deck = decks.setdefault(did, AnkiDeck(name))
        values = str(flds).split("\x1f")
        deck.notes.append(AnkiNote(
            guid=str(guid), fields=values,
            field_names=field_names.get(int(mid), [f"Field {i + 1}" for i in
                                                   range(len(values))]),
            tags=str(tags).split(), cloze=int(mid) in cloze_types,
            reviews=reviews.get(cid, [])))
    return sorted(decks.values(), key=lambda d: d.name)


_SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|",
               "colon": ":"}


def _truthy(value: str) -> bool:
    return value.strip().lower() in ("true", "yes", "1")


NOT_ANKI_TEXT = N_("not an Anki export: Anki's plain-text export starts with '#separator:' "
                   "and '#html:' lines, or has notes with tab-separated fields")


def _looks_like_notes(lines: list[str], delimiter: str) -> bool:
    """Without Anki's headers, a text is taken for notes only when most of its lines hold
    at least two fields: a JSON file, a YAML deck or a sentence is not an export."""
    rows = [row for row in csv.reader(io.StringIO("".join(lines)), delimiter=delimiter)
            if any(cell.strip() for cell in row)]
    return bool(rows) and sum(len(row) >= 2 for row in rows) * 2 > len(rows)


def read_text_export(path: Path) -> list[AnkiDeck]:
    """Anki's "Notes in Plain Text" export (or a CSV with the same `#` headers)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise AnkiFormatError(_("not UTF-8 text")) from None
    headers: dict[str, str] = {}
    lines = text.splitlines(keepends=True)
    body_start = 0
    for number, line in enumerate(lines):
        if not line.startswith("#") or ":" not in line:
            break
        key, _sep, value = line[1:].rstrip("\r\n").partition(":")
        headers[key.strip().lower()] = value.strip()
        body_start = number + 1
    separator = headers.get("separator", "tab")
    delimiter = _SEPARATORS.get(separator.lower(), separator[:1] or "\t")
    html = _truthy(headers.get("html", "false"))
    if "separator" not in headers and "html" not in headers and not _looks_like_notes(
            lines[body_start:], delimiter):
        raise AnkiFormatError(_(NOT_ANKI_TEXT))

    def column(name: str) -> int | None:
        value = headers.get(f"{name} column")
        return int(value) - 1 if value and value.isdigit() and int(value) > 0 else None

    guid_col, deck_col = column("guid"), column("deck")
    tags_col, type_col = column("tags"), column("notetype")
    special = {c for c in (guid_col, deck_col, tags_col, type_col) if c is not None}
    names = headers.get("columns", "").split(delimiter) if "columns" in headers else []
    default_deck = headers.get("deck") or path.stem
    decks: dict[str, AnkiDeck] = {}
    rows = csv.reader(io.StringIO("".join(lines[body_start:])), delimiter=delimiter)
    for row in rows:
        if not any(cell.strip() for cell in row):
            continue
        values = [cell for i, cell in enumerate(row) if i not in special]
        field_names = [n for i, n in enumerate(names) if i not in special] or [
            f"Field {i + 1}" for i in range(len(values))]
        if guid_col is not None and guid_col < len(row) and row[guid_col]:
            guid = row[guid_col]
        else:  # without a GUID the front's text keys the card
            guid = "text-" + hashlib.sha1(values[0].encode("utf-8")).hexdigest()[:16]  # noqa: S324
        name = row[deck_col] if deck_col is not None and deck_col < len(row) else default_deck
        tags = row[tags_col].split() if tags_col is not None and tags_col < len(row) else []
        kind = row[type_col] if type_col is not None and type_col < len(row) else ""
        deck = decks.setdefault(name, AnkiDeck(name, html=html))
        deck.notes.append(AnkiNote(guid=guid, fields=values, field_names=field_names,
                                   tags=tags, cloze=kind.lower().startswith("cloze")))
    return sorted(decks.values(), key=lambda d: d.name)


def read_anki_file(path: Path) -> list[AnkiDeck]:
    """An Anki package or text export, told apart by its first bytes, not its name."""
    with open(path, "rb") as handle:
        start = handle.read(4)
    if start.startswith(b"PK"):
        return read_package(path)
    if path.suffix.lower() in (".apkg", ".colpkg"):
        raise AnkiFormatError(_("not an Anki package (.apkg/.colpkg are zip files)"))
    if os.path.getsize(path) > MAX_COLLECTION_BYTES:
        raise AnkiFormatError(_("the file is too large"))
    return read_text_export(path)
