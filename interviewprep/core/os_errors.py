"""Operating-system errors in the interface language.

Python's `strerror` is the C library's English ("No such file or directory") whatever the
interface speaks. The errors people meet in everyday use (a missing file, a full disk, no
permission) are translated; a rarer one keeps the system's own words.
"""

from __future__ import annotations

import errno

from interviewprep.i18n import N_, _

# Each under the C library's own English, so English reads as the system says it.
REASONS = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EEXIST: N_("File exists"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EDQUOT: N_("Disk quota exceeded"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.EROFS: N_("Read-only file system"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.ELOOP: N_("Too many levels of symbolic links"),
    errno.EADDRINUSE: N_("Address already in use"),
    errno.EADDRNOTAVAIL: N_("Cannot assign requested address"),
}


def os_reason(error: OSError) -> str:
    """Why `error` happened, in one short phrase (no file name)."""
    known = REASONS.get(error.errno) if error.errno is not None else None
    if known is not None:
        return _(known)
    return error.strerror or str(error)


def describe_os_error(error: OSError) -> str:
    """`FILE: why`, or just why when the error names no file."""
    reason = os_reason(error)
    return f"{error.filename}: {reason}" if error.filename else reason
