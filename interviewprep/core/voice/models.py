"""Speech models for the engines that need one: downloaded only by an explicit
`interviewprep models install`, once, into the user cache folder.

A download is resumable (HTTP Range on a `.part` file kept beside the models), shows
progress, and is checked against the SHA-256 in `MODELS` before anything is unpacked; the
archive is unpacked into a temporary folder and renamed into place, so a model folder is
either whole or absent. A folder the person already has can be linked instead.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import shutil
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from interviewprep.i18n import _, format_decimal
from interviewprep.locations import cache_dir, ensure_private_dir

# Where the archives are fetched from; a mirror (for offline or company networks) serves
# the same file names and the checksums below still apply.
MIRROR_ENV = "INTERVIEWPREP_MODEL_MIRROR"
Progress = Callable[[int, int | None], None]  # bytes so far, total if known
_CHUNK = 1 << 16
_TIMEOUT_S = 30


@dataclass(frozen=True)
class ModelSpec:
    name: str
    engine: str
    language: str
    url: str
    sha256: str
    size: int  # bytes of the archive
    folder: str  # the one top-level folder inside the archive


# The official small models. Upstream publishes no checksums; these were taken from several
# independent projects that pin the same archives, and agree with each other and the size.
MODELS: dict[str, ModelSpec] = {
    "vosk-en": ModelSpec(
        "vosk-en", "vosk", "en",
        "https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip",
        "30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498", 41_205_931,
        "vosk-model-small-en-us-0.15"),
    "vosk-es": ModelSpec(
        "vosk-es", "vosk", "es",
        "https://alphacephei.com/vosk/models/vosk-model-small-es-0.42.zip",
        "09b239888f633ef2f0b4e09736e3d9936acfd810bc65d53fad45261762c6511f", 39_817_833,
        "vosk-model-small-es-0.42"),
}


class ModelError(Exception):
    """A model could not be installed, found or removed; the message says why in one line."""


class ChecksumError(ModelError):
    pass


@dataclass(frozen=True)
class InstalledModel:
    name: str
    path: Path
    size: int  # bytes on disk
    linked: bool  # a folder of the person's own, pointed to rather than downloaded


def models_dir() -> Path:
    return cache_dir() / "models"


def looks_like_model(folder: Path) -> bool:
    """A Vosk model folder has its acoustic model and configuration."""
    return (folder / "am").is_dir() and (folder / "conf").is_dir()


def find(name: str) -> Path | None:
    folder = models_dir() / name
    return folder.resolve() if looks_like_model(folder) else None


def _size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def installed() -> list[InstalledModel]:
    found = []
    for name in MODELS:
        folder = find(name)
        if folder is not None:
            found.append(InstalledModel(name, folder, _size(folder),
                                        (models_dir() / name).is_symlink()))
    return found


def spec(name: str) -> ModelSpec:
    try:
        return MODELS[name]
    except KeyError:
        raise ModelError(_("unknown model {name}; choose one of: {names}").format(
            name=name, names=", ".join(MODELS))) from None


def source_url(model: ModelSpec) -> str:
    mirror = os.environ.get(MIRROR_ENV)
    if mirror:
        return mirror.rstrip("/") + "/" + model.url.rsplit("/", 1)[-1]
    return model.url


def link(name: str, folder: Path) -> Path:
    """Use a model folder the person already has, without copying it."""
    spec(name)
    folder = folder.expanduser().resolve()
    if not looks_like_model(folder):
        raise ModelError(_("{path} does not look like a Vosk model folder (no am/ and conf/ "
                           "inside)").format(path=folder))
    target = ensure_private_dir(models_dir()) / name
    _remove_path(target)
    target.symlink_to(folder, target_is_directory=True)
    return folder


def remove(name: str) -> bool:
    """Delete a downloaded model, or forget a linked one (its folder is left alone)."""
    spec(name)
    target = models_dir() / name
    existed = target.exists() or target.is_symlink()
    _remove_path(target)
    for leftover in models_dir().glob(f".{name}.*") if models_dir().is_dir() else ():
        _remove_path(leftover)
    return existed


def _remove_path(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def install(model: ModelSpec, progress: Progress | None = None) -> Path:
    """Download, check and unpack `model`; resume a download an earlier run left partial."""
    root = ensure_private_dir(models_dir())
    target = root / model.name
    if looks_like_model(target):
        return target.resolve()
    part = root / f".{model.name}.zip.part"
    _download(source_url(model), part, model.size, progress)
    digest = _sha256(part)
    if digest != model.sha256:
        part.unlink()
        raise ChecksumError(_("the {name} download is damaged (SHA-256 {got}, expected "
                              "{want}); it was deleted, run the command again").format(
            name=model.name, got=digest[:12], want=model.sha256[:12]))
    _unpack(part, model, target)
    part.unlink()
    return target.resolve()


def _download(url: str, part: Path, expected: int, progress: Progress | None) -> None:
    have = part.stat().st_size if part.exists() else 0
    if have >= expected:
        return
    if not url.startswith(("https://", "http://")):
        raise ModelError(_("not a web address: {url}").format(url=url))
    request = urllib.request.Request(url, headers={"User-Agent": "interviewprep"})  # noqa: S310
    if have:
        request.add_header("Range", f"bytes={have}-")
    try:
        response: Any = urllib.request.urlopen(request, timeout=_TIMEOUT_S)  # noqa: S310
    except urllib.error.HTTPError as error:
        if error.code == 416 and have:  # nothing past what we have: let the checksum judge
            return
        raise ModelError(_("download of {url} failed: HTTP {code}").format(
            url=url, code=error.code)) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise ModelError(_("download of {url} failed: {reason}").format(
            url=url, reason=reason)) from None
    with response:
        resumed = response.status == 206
        done = have if resumed else 0
        length = response.headers.get("Content-Length")
        total = done + int(length) if length and length.isdigit() else expected
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | (os.O_APPEND if resumed else os.O_TRUNC),
                     0o600)
        with os.fdopen(fd, "ab" if resumed else "wb") as handle:
            try:
                while chunk := response.read(_CHUNK):
                    handle.write(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(done, total)
            except (OSError, http.client.HTTPException) as error:
                raise _interrupted(done, error) from None
    if done < total:
        raise _interrupted(done, None)


def _interrupted(done: int, error: BaseException | None) -> ModelError:
    return ModelError(_("the download stopped after {mb} MB ({reason}); run the same "
                        "command again to resume").format(
        mb=format_decimal(done / 1e6, "0.0"), reason=error or _("connection closed early")))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _unpack(archive: Path, model: ModelSpec, target: Path) -> None:
    staging = target.with_name(f".{model.name}.unpacking")
    _remove_path(staging)
    staging.mkdir(mode=0o700)
    try:
        with zipfile.ZipFile(archive) as bundle:
            for member in bundle.infolist():
                parts = PurePosixPath(member.filename).parts
                if (not parts or parts[0] != model.folder or ".." in parts
                        or member.filename.startswith("/")
                        or (member.external_attr >> 16) & 0o170000 == 0o120000):
                    raise ModelError(_("the {name} archive has an unexpected entry {entry}; "
                                       "not installed").format(name=model.name,
                                                               entry=member.filename[:80]))
                bundle.extract(member, staging)
        unpacked = staging / model.folder
        if not looks_like_model(unpacked):
            raise ModelError(_("the {name} archive holds no Vosk model").format(
                name=model.name))
        _remove_path(target)  # a link to a folder that has since gone
        unpacked.rename(target)
    except zipfile.BadZipFile as error:
        raise ModelError(_("the {name} archive cannot be opened ({reason})").format(
            name=model.name, reason=error)) from None
    finally:
        _remove_path(staging)
