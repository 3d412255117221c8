"""What every command shares: the user-error type, the global options, opening a collection."""

from __future__ import annotations

import argparse
import json
import os
import re
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from interviewprep.core.collection import Collection
from interviewprep.core.decks.model import DeckInfo
from interviewprep.core.os_errors import os_reason
from interviewprep.core.text import BIDI_OVERRIDES, excerpt, visible
from interviewprep.i18n import N_, UI_LANGUAGES, _
from interviewprep.locations import Locations, bundled_decks_dir, check_target, resolve


class UserError(Exception):
    """Something the user can fix; shown as one line."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(1, _("{prog}: error: {message} (see --help)").format(
            prog=self.prog, message=message) + "\n")


def whole_number(text: str) -> int:
    """An argument that must be a whole number; argparse's own message would name the
    Python type ("invalid int value")."""
    try:
        return int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a whole number: '{value}'").format(
            value=excerpt(text))) from None


def decimal_number(text: str) -> float:
    """An argument that is a number as people type it: `0.95` or `0,95`."""
    from interviewprep.core.settings import parse_number

    try:
        return parse_number(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a number: '{value}'").format(
            value=excerpt(text))) from None


# Global options are accepted before or after the command. After it they land in their own
# names (argparse would otherwise let a subcommand's default overwrite the value given
# before it) and `merge_global_options` folds them in.
SUB_PREFIX = "sub_"


def add_global_options(parser: argparse.ArgumentParser, after_command: bool) -> None:
    prefix = SUB_PREFIX if after_command else ""
    hide = argparse.SUPPRESS
    parser.add_argument("--data-dir", metavar="DIR", dest=f"{prefix}data_dir",
                        default=hide if after_command else None,
                        help=_("where answers and progress are kept "
                             "(default: $INTERVIEWPREP_DATA_DIR, else the user data folder)"))
    parser.add_argument("--decks", metavar="DIR", action="append", type=Path,
                        dest=f"{prefix}decks", default=hide if after_command else [],
                        help=_("also load decks from DIR (repeatable)"))
    parser.add_argument("--lang", metavar="LANG", dest=f"{prefix}lang",
                        default=hide if after_command else None,
                        help=_("deck language for this run (en, es, …)"))
    parser.add_argument("--ui-lang", metavar="LANG", dest=f"{prefix}ui_lang",
                        choices=UI_LANGUAGES, default=hide if after_command else None,
                        help=_("interface language for this run ({choices}; default: your "
                               "setting, else the system's)").format(
                                   choices=", ".join(UI_LANGUAGES)))


def merge_global_options(args: argparse.Namespace) -> argparse.Namespace:
    values = vars(args)
    for name in ("data_dir", "lang", "ui_lang"):
        if values.get(SUB_PREFIX + name) is not None:
            values[name] = values.pop(SUB_PREFIX + name)
    args.decks = [*args.decks, *values.pop(SUB_PREFIX + "decks", [])]
    return args


def open_collection(args: argparse.Namespace, extra: Sequence[Path] = (),
                    read_only: bool = False) -> Collection:
    """The collection for this run. `read_only` commands also work on a data folder that
    cannot be written, or a damaged database (they read a copy and say so)."""
    for folder in args.decks:
        if not folder.exists():
            raise UserError(_("--decks {folder}: no such folder").format(
                folder=visible(str(folder))))
    locations = resolve(args.data_dir)
    if locations.data_dir.exists() and not locations.data_dir.is_dir():
        raise UserError(_("the data folder {folder} is a file, not a folder").format(
            folder=visible(str(locations.data_dir))))
    collection = Collection.open(locations, [*args.decks, *extra], read_only=read_only)
    if collection.store.damaged:
        warn(_("the database is damaged ({finding}); showing what can be read. "
               "See 'interviewprep doctor'.").format(
                   finding=excerpt(collection.store.damaged)))
    if args.lang:
        collection.use_language(args.lang)
        languages = collection.library.languages()
        if languages and args.lang not in languages:
            warn(_("no decks in '{language}'; decks exist in: {languages}").format(
                language=visible(args.lang), languages=", ".join(languages)))
    return collection


def warn(message: str) -> None:
    print(_("interviewprep: warning: {message}").format(message=message), file=sys.stderr)


def say(text: str) -> None:
    """Print text that may hold deck, file or answer text: never a terminal control."""
    print(visible(text))


_RAW_IN_JSON = re.compile("[\x7f-\x9f" + BIDI_OVERRIDES + "]")


def json_text(data: object) -> str:
    """JSON for standard output. json.dumps escapes C0 controls itself; C1 controls, DEL
    and bidirectional overrides are escaped too, so no string can act on a terminal."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def confirm(question: str, force: bool) -> None:
    """Go on only if `--force` was given or the person answers yes; without a terminal to
    ask on, refuse and name `--force`."""
    if force:
        return
    if not sys.stdin.isatty():
        raise UserError(_("{question} Not without --force when standard input is not a "
                          "terminal.").format(question=question))
    # The letters are the interface language's own ("[s/N]"): the reply is read in it too.
    print(question, _("[y/N]"), end=" ", file=sys.stderr, flush=True)
    reply = sys.stdin.readline().strip().lower()
    if reply not in (_("y"), _("yes"), "y", "yes"):
        raise UserError(_("nothing was changed"))


def output_file(output: Path | str | None, force: bool) -> Path | None:
    """Where a command writes: None for standard output (no --output, or '-'), else the file,
    checked (never a link, folder or device) and, when one is already there, replaced only
    if the person says so (or --force)."""
    if output is None or str(output) == "-":
        return None
    if str(output) == "":
        raise UserError(_("--output needs a file name ('-' for standard output)"))
    target = Path(output)
    if check_target(target):
        confirm(_("{path} exists. Replace it?").format(path=visible(str(target))), force)
    return target


def output_format(given: str | None, output: Path | str | None,
                  by_suffix: dict[str, str], default: str) -> str:
    """The format a command writes: `--format` if given, else the one the output file's
    extension names, else `default`. A `--format` the extension contradicts is refused,
    so a file never holds something its name says it does not."""
    suffix = Path(str(output)).suffix.lower() if output not in (None, "", "-") else ""
    implied = by_suffix.get(suffix)
    if given is None:
        return implied or default
    if implied is not None and implied != given:
        raise UserError(_("--format {given} does not match {path}, whose extension means "
                          "{implied}; change one of them").format(
                              given=given, path=visible(str(output)), implied=implied))
    return given


def _check_kind(shown: str, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise UserError(_("{path}: is a folder, not a file").format(path=shown))
    if not stat.S_ISREG(mode):
        raise UserError(_("{path}: not a regular file").format(path=shown))


def input_file(path: Path) -> Path:
    """A FILE argument a command reads, checked: it exists and is a regular file (not a
    folder, a device or a pipe), else one line that names it and says which."""
    shown = visible(str(path))
    try:
        info = path.stat()
    except FileNotFoundError:
        raise UserError(_("{path}: no such file").format(path=shown)) from None
    except OSError as error:
        raise UserError(f"{shown}: {os_reason(error)}") from None
    _check_kind(shown, info.st_mode)
    return path


def read_input_file(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a FILE argument, checked as `input_file` does on the opened file itself
    (so nothing can swap it in between); at most `limit` + 1 bytes when a limit is given."""
    shown = visible(str(path))
    try:
        # O_NONBLOCK: a FIFO named by mistake must not hang the command.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise UserError(_("{path}: no such file").format(path=shown)) from None
    except OSError as error:
        raise UserError(f"{shown}: {os_reason(error)}") from None
    try:
        _check_kind(shown, os.fstat(fd).st_mode)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read() if limit is None else handle.read(limit + 1)
    except OSError as error:
        raise UserError(f"{shown}: {os_reason(error)}") from None
    finally:
        os.close(fd)


ORIGIN_LABELS = {"bundled": N_("bundled"), "linked": N_("linked"), "yours": N_("yours"),
                 "--decks": "--decks"}


def origin_label(origin: str) -> str:
    """An origin (as JSON gives it) in the interface language."""
    return _(ORIGIN_LABELS.get(origin, origin)) if origin != "--decks" else origin


def origin(deck: DeckInfo, locations: Locations, linked: Sequence[Path] = ()) -> str:
    if deck.path.is_relative_to(bundled_decks_dir()):
        return "bundled"
    if deck.path in linked:
        return "linked"
    if deck.path.is_relative_to(locations.user_decks.absolute()):
        return "yours"
    return "--decks"
