"""The `interviewprep` command: the TUI with no arguments, and subcommands over the same
core calls the TUI makes. A user error prints one line and exits 1, never a traceback.

Each command group lives in its own module with a `register(subparsers)` function; this
module builds the parser from them and turns errors into one line.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Sequence

from interviewprep import __version__, i18n, launch
from interviewprep.cli import (
    analysis,
    anki,
    answers,
    authoring,
    data,
    decks,
    drill,
    interview,
    linking,
    report,
    serve,
    stories,
    voice,
)
from interviewprep.cli.argparse_strings import translate_argparse
from interviewprep.cli.common import Parser, UserError, add_global_options, merge_global_options
from interviewprep.core.collection import DeckNotFoundError
from interviewprep.core.database import DamagedDatabaseError, ReadOnlyStoreError
from interviewprep.core.migrations import NewerDatabaseError
from interviewprep.core.os_errors import os_reason
from interviewprep.core.store import Store
from interviewprep.core.text import excerpt, visible
from interviewprep.i18n import N_, _
from interviewprep.locations import UnsafeTargetError, resolve

COMMAND_MODULES = (decks, linking, authoring, drill, answers, analysis, voice, interview,
                   stories, anki, report, serve, data)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="interviewprep",
                    description=_("Rehearse sales interviews with spaced repetition."))
    # Python 3.11's argparse gives the version action English help of its own.
    parser.add_argument("--version", action="version", version=f"interviewprep {__version__}",
                        help=_("show program's version number and exit"))
    add_global_options(parser, after_command=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for module in COMMAND_MODULES:
        module.register(sub)
    for command in sub.choices.values():
        add_global_options(command, after_command=True)
    parser.set_defaults(func=drill.cmd_app)
    return parser


def _quiet_broken_pipe() -> None:
    # `interviewprep decks | head -3`: the reader left; say nothing, as `cat` does.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _early_option(argv: Sequence[str], name: str) -> str | None:
    for index, arg in enumerate(argv):
        if arg == name and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def choose_ui_language(argv: Sequence[str]) -> str:
    """The interface language, chosen before the parser is built so --help speaks it too:
    --ui-lang, else the person's setting, else the system's locale, else English."""
    requested = _early_option(argv, "--ui-lang")
    if requested is None:
        locations = resolve(_early_option(argv, "--data-dir"))
        requested = Store.peek_setting(locations.database, "ui_language")
    chosen = i18n.set_language(requested or None)
    translate_argparse()
    return chosen


RECOVER = N_("restore a backup ('interviewprep restore' lists them) or export what can be "
             "read ('interviewprep export')")
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug, not the user's mistake


def _database_error(error: sqlite3.DatabaseError) -> str:
    text = str(error)
    if "locked" in text or "busy" in text:
        return _("another interviewprep is busy with the database; try again when it has "
                 "finished")
    if "disk is full" in text or "disk I/O error" in text:
        # A full disk shows as either, depending on which file SQLite was writing.
        return _("could not write to the disk ({reason}); the unfinished change was undone. "
                 "Is the disk full? Free some space and try again").format(
                     reason=excerpt(text))
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return _("the database is damaged ({reason}); nothing was written. To recover, "
                 "{recover}").format(reason=excerpt(text), recover=_(RECOVER))
    return _("the database could not be used ({reason}); your data was not changed").format(
        reason=excerpt(text))


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    choose_ui_language(arguments)
    args = merge_global_options(build_parser().parse_args(arguments))
    if args.func not in (drill.cmd_drill, drill.cmd_app):
        launch.started()  # the app says when it has started: once its first screen is drawn
    message: str
    try:
        code = int(args.func(args))
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        _quiet_broken_pipe()
        return 0
    except (UserError, DeckNotFoundError, NewerDatabaseError, UnsafeTargetError) as error:
        message = str(error)
    except ReadOnlyStoreError as error:
        message = _("{path} is read-only, and this command needs to write; decks, history, "
                    "export, stats and doctor work without writing").format(path=str(error))
    except DamagedDatabaseError as error:
        message = _("the database is damaged ({finding}); nothing was written. To recover, "
                    "{recover}").format(finding=excerpt(str(error)), recover=_(RECOVER))
    except sqlite3.DatabaseError as error:
        message = _database_error(error)
    except OSError as error:
        reason = os_reason(error)
        # A file name, never a descriptor number ("3: Is a directory").
        named = isinstance(error.filename, (str, bytes, os.PathLike))
        message = f"{os.fsdecode(error.filename)}: {reason}" if named else reason
    except KeyboardInterrupt:
        print(_("interviewprep: interrupted"), file=sys.stderr)
        return 130
    except Exception as error:
        # A bug: one line naming the error's type. No traceback, whose locals could hold
        # what the person typed.
        print(_("interviewprep: internal error ({kind}); nothing was lost that was already "
                "saved. Please report it.").format(kind=type(error).__name__), file=sys.stderr)
        return EXIT_INTERNAL
    print(_("interviewprep: error: {message}").format(message=visible(message)),
          file=sys.stderr)
    return 1
