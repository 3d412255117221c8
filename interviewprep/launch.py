"""The `interviewprep` command's entry point: starts the program with the garbage collector
paused.

Starting allocates a few hundred thousand objects that live as long as the process
(modules, classes, Textual's styles and widgets). Collecting them finds nothing to free,
yet it was a tenth of the time to the first card: Python walked them all at least once
while the app was still starting. So collection is paused from the first import until the
program has started (the first screen is painted, or a command is about to do its work);
then what exists is frozen out of the collector's way (`gc.freeze`) and it runs as usual.
"""

from __future__ import annotations

import gc


class _StartUp:
    collector_paused = False


def main() -> int:
    gc.disable()
    _StartUp.collector_paused = True
    try:
        from interviewprep.cli import main as cli_main

        return cli_main()
    finally:
        started()


def started() -> None:
    """The program has started: resume collecting, leaving out what exists by now. Does
    nothing unless `main` paused the collector (tests and other callers keep theirs)."""
    if _StartUp.collector_paused:
        _StartUp.collector_paused = False
        gc.freeze()
        gc.enable()
