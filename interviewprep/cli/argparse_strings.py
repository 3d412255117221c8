"""argparse's own messages ("usage:", "error:", "show this help message and exit", …) in
the interface language: argparse looks them up through gettext, so they are marked here
for the catalogs and argparse is pointed at the app's translation function."""

from __future__ import annotations

import argparse

from interviewprep.i18n import N_, _, ngettext

ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("ignored explicit argument %r"),
)
ARGPARSE_PLURALS = (ngettext("expected %s argument", "expected %s arguments", 1),)


def translate_argparse() -> None:
    """Make argparse's messages follow the interface language."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
