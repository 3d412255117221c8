"""Deck files to text, treating every file as untrusted: what must hold before YAML sees it.

A deck is opened only when `stat` says it is a regular file no larger than the cap, so a
sparse 3 GB file, a FIFO or a device is refused without reading a byte. The text must be
UTF-8 without control characters (C0 but newline and tab, DEL, C1) or bidirectional
overrides; each one found is a located problem, and the YAML parser never sees them.
"""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from pathlib import Path

from interviewprep.core.decks import schema
from interviewprep.core.decks.model import DeckProblem
from interviewprep.core.os_errors import os_reason
from interviewprep.core.text import UNSAFE_CHARACTERS, first_unsafe
from interviewprep.i18n import _, format_decimal

_CHAR_NAMES = {
    "\x00": "NUL", "\x07": "bell", "\x08": "backspace", "\x0b": "vertical tab",
    "\x0c": "form feed", "\r": "carriage return", "\x1b": "escape", "\x7f": "delete",
    "\x85": "next line", "\x9b": "control sequence introducer",
}


def describe_char(char: str) -> str:
    """`U+001B (escape)`: a character named so a person can find it in an editor."""
    name = _CHAR_NAMES.get(char) or unicodedata.name(char, "").lower() or _("control character")
    return f"U+{ord(char):04X} ({name})"


def unsafe_char_message(char: str) -> str:
    """Why a control character or bidi override in a deck file is refused."""
    return _("{char} is not allowed in a deck: it could take over the terminal or reorder "
             "the text on screen; remove it").format(char=describe_char(char))


def unsafe_value_message(name: str, char: str) -> str:
    """The same for a value, where it usually comes from a YAML escape such as \\e."""
    return _("'{name}' contains {char}, which is not allowed in a deck: it could take over "
             "the terminal or reorder the text on screen; remove it (or its escape, such "
             "as \\e or \\u202e)").format(name=name, char=describe_char(char))


def _problem(path: Path, message: str) -> list[DeckProblem]:
    return [DeckProblem(path, 1, 1, message)]


def _size_problem(path: Path, size: int) -> list[DeckProblem]:
    return _problem(path, _("the deck is {size} MiB; decks are limited to {limit} MiB")
                    .format(size=format_decimal(size / (1024 * 1024), "0.0"),
                            limit=schema.MAX_DECK_BYTES // (1024 * 1024)))


def _os_problem(path: Path, error: OSError) -> list[DeckProblem]:
    if error.errno == errno.ELOOP:
        return _problem(path, _("the file is a symbolic link that loops back on itself; "
                                "not loaded"))
    if error.errno == errno.ENOENT and path.is_symlink():
        return _problem(path, _("the file is a link to something that does not exist; "
                                "not loaded"))
    return _problem(path, _("cannot read the file: {reason}").format(
        reason=os_reason(error)))


def _kind_problem(path: Path, mode: int) -> list[DeckProblem] | None:
    if stat.S_ISDIR(mode):
        return _problem(path, _("this is a folder, not a deck file; rename it so its name "
                                "does not end in .yaml or .yml"))
    if not stat.S_ISREG(mode):
        return _problem(path, _("this is not a regular file (a device, pipe or socket); "
                                "not read"))
    return None


def stat_deck(path: Path) -> tuple[os.stat_result | None, list[DeckProblem]]:
    """The file's status if it may be read as a deck, else why not: nothing is opened."""
    try:
        status = os.stat(path)
    except OSError as error:
        return None, _os_problem(path, error)
    problems = _kind_problem(path, status.st_mode)
    if problems:
        return None, problems
    if status.st_size > schema.MAX_DECK_BYTES:
        return None, _size_problem(path, status.st_size)
    return status, []


def read_deck_bytes(path: Path) -> tuple[bytes | None, list[DeckProblem]]:
    """The bytes of a deck file, checked before and after opening, never more than the cap."""
    status, problems = stat_deck(path)
    if status is None:
        return None, problems
    try:
        # O_NONBLOCK: if the file was swapped for a FIFO since the stat, opening must not hang.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        return None, _os_problem(path, error)
    with os.fdopen(fd, "rb") as handle:
        try:
            opened = os.fstat(fd)
            kind = _kind_problem(path, opened.st_mode)
            if kind:
                return None, kind
            data = handle.read(schema.MAX_DECK_BYTES + 1)
        except OSError as error:
            return None, _os_problem(path, error)
    if len(data) > schema.MAX_DECK_BYTES:
        return None, _size_problem(path, len(data))
    return data, []


def _line_col_of_byte(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, offset - start + 1


def _unsafe_characters(text: str, path: Path) -> list[DeckProblem]:
    """Every control character and bidi override in the raw text, each at its place."""
    problems: list[DeckProblem] = []
    for number, line_text in enumerate(text.split("\n"), start=1):
        for found in UNSAFE_CHARACTERS.finditer(line_text):
            problems.append(DeckProblem(path, number, found.start() + 1,
                                        unsafe_char_message(found.group())))
            if len(problems) > schema.MAX_PROBLEMS:
                return problems
    return problems


def decode(data: bytes, path: Path) -> tuple[str | None, list[DeckProblem]]:
    """Bytes to text, with the checks that must pass before YAML sees it. Control
    characters are problems, but each is read as a space so the rest of the file is still
    checked (every problem in a file is reported at once): text and problems both come
    back then, and the text must never be written anywhere."""
    if len(data) > schema.MAX_DECK_BYTES:
        return None, _size_problem(path, len(data))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _line_col_of_byte(data, error.start)
        return None, [DeckProblem(path, line, column, _("the file is not UTF-8 text; save it "
                                                        "as UTF-8"))]
    if "\r" in text:
        # Windows line ends are line ends; YAML reads them so. A lone CR is reported below.
        text = text.replace("\r\n", "\n")
    unsafe: list[DeckProblem] = []
    if first_unsafe(text) is not None:
        unsafe = _unsafe_characters(text, path)
        text = UNSAFE_CHARACTERS.sub(" ", text)
    if not text.strip():
        return None, unsafe + _problem(path, _("the deck is empty; a deck is a mapping with "
                                               "id, title, language and cards"))
    problems = []
    for number, line_text in enumerate(text.split("\n"), start=1):
        indent = len(line_text) - len(line_text.lstrip(" \t"))
        if "\t" in line_text[:indent]:
            column = line_text.index("\t") + 1
            problems.append(DeckProblem(path, number, column, _("tab used for indentation; "
                                        "YAML indents with spaces")))
    if problems:
        return None, unsafe + problems
    return text, unsafe
