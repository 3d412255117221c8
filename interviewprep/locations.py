"""Where interviewprep keeps things: the one module that knows paths.

Nothing here touches the disk until a function is called; the data folder comes from
`--data-dir`, else `INTERVIEWPREP_DATA_DIR`, else the platform's user data folder.
"""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from interviewprep.core.text import visible
from interviewprep.i18n import _

APP_NAME = "interviewprep"
DATA_DIR_ENV = "INTERVIEWPREP_DATA_DIR"
CACHE_DIR_ENV = "INTERVIEWPREP_CACHE_DIR"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


@dataclass(frozen=True)
class Locations:
    """The folders and files of one data folder."""

    data_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "interviewprep.sqlite3"

    @property
    def user_decks(self) -> Path:
        return self.data_dir / "decks"

    @property
    def recordings(self) -> Path:
        """Spoken answers, one WAV file each; the store names them relative to `data_dir`."""
        return self.data_dir / "recordings"

    @property
    def backups(self) -> Path:
        """Automatic copies of the database, newest last; see `core.backups`."""
        return self.data_dir / "backups"


def resolve(data_dir: str | os.PathLike[str] | None = None) -> Locations:
    """Pick the data folder: explicit argument, then the environment, then platformdirs."""
    if data_dir is not None:
        return Locations(Path(data_dir).expanduser())
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Locations(Path(from_env).expanduser())
    return Locations(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))


def cache_dir() -> Path:
    """Re-creatable downloads (speech models): `INTERVIEWPREP_CACHE_DIR`, else the platform's
    user cache folder. Kept apart from the data folder, which holds what cannot be re-made."""
    from_env = os.environ.get(CACHE_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def bundled_decks_dir() -> Path:
    """The decks shipped with the app: inside the wheel, or at the top of a source checkout."""
    package_dir = Path(__file__).resolve().parent
    installed = package_dir / "bundled_decks"
    if installed.is_dir():
        return installed
    return package_dir.parent / "decks"


def ensure_private_dir(path: Path) -> Path:
    """Create `path`, and each missing folder above it, readable by the user alone. A folder
    that already exists keeps its permissions: `--data-dir` may name a folder of the user's
    whose mode is theirs to set."""
    if not path.is_dir():
        ensure_private_dir(path.parent)
        path.mkdir(mode=PRIVATE_DIR_MODE, exist_ok=True)
        os.chmod(path, PRIVATE_DIR_MODE)  # mkdir's mode is filtered through the umask
    return path


class UnsafeTargetError(ValueError):
    """A path that must not be written to: a device, FIFO, folder, link or missing folder."""


def check_target(path: Path) -> bool:
    """Refuse a target that is not a plain file or a new name in an existing folder; return
    whether a file is already there. Links are never followed: a planted link is refused."""
    shown = visible(str(path))
    if str(path) in ("", ".", "/") or path.name in ("", ".", ".."):
        raise UnsafeTargetError(_("{path}: not a file name").format(path=shown))
    if not path.parent.is_dir():
        raise UnsafeTargetError(_("{path}: the folder {folder} does not exist").format(
            path=shown, folder=visible(str(path.parent))))
    try:
        info = path.lstat()
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(info.st_mode):
        raise UnsafeTargetError(_("{path}: is a symbolic link; not following it").format(
            path=shown))
    if stat.S_ISDIR(info.st_mode):
        raise UnsafeTargetError(_("{path}: is a folder, not a file").format(path=shown))
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeTargetError(_("{path}: is not a regular file (a device, FIFO or socket)")
                                .format(path=shown))
    return True


def write_private_file(path: Path, data: bytes) -> None:
    """Write a file only the user can read, atomically, so a crash leaves the old or the new one.

    The data goes to a temporary file with a unique name, created exclusively (O_EXCL never
    opens a planted file or link), then renamed over the target; on any failure (a full
    disk) the temporary file is removed. The folder must exist; its permissions are left
    alone (it may be the user's own folder).
    """
    check_target(path)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, PRIVATE_FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        check_target(path)  # nothing was planted there while we wrote
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
