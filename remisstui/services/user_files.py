"""Where the user's own files go, and the one way they are written: exports, reminder drafts and
anything else the user saves outside the data folder.

A name as typed is absolute as it is, else inside the files folder (chosen once, remembered; by
default ~/Documents/remisstui). The files folder is the app's to create, with its parents: on a new
machine neither ~/Documents nor remisstui exists, and the first save must still work (issue 24.5:
the reminder dialog said "Mappen …/Documents/remisstui finns inte"). Below it, and anywhere else,
only a folder the app itself names (a drafts folder) is created, one level: a mistyped folder in a
file name is refused, not created.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..store.storage import StorageWriteError, atomic_write_bytes
from . import settings as user_settings
from .errors import ServiceError

__all__ = ["UserFileError", "ensure_folder", "files_folder", "is_files_folder", "resolve", "within_files_folder", "write_file"]


class UserFileError(ServiceError):
    """A user file or folder that cannot be written; str() is one Swedish sentence."""


def files_folder() -> Path:
    return user_settings.files_folder().absolute()


def resolve(name: str | os.PathLike[str]) -> Path:
    """A file or folder name as typed: absolute as it is, else inside the files folder."""
    path = Path(os.fspath(name).strip()).expanduser()
    return path.absolute() if path.is_absolute() else files_folder() / path


def within_files_folder(folder: Path) -> bool:
    """Whether `folder` is the files folder or lies beneath it: the folders the app may create."""
    folder = Path(folder).expanduser().absolute()
    try:
        base = files_folder()
    except ServiceError:
        return False
    return folder == base or base in folder.parents


def is_files_folder(folder: str | os.PathLike[str]) -> bool:
    folder = Path(folder).expanduser().absolute()
    try:
        return folder == files_folder()
    except ServiceError:
        return False


def _make_files_folder() -> None:
    base = files_folder()
    try:
        base.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserFileError(f"Mappen {base} kunde inte skapas ({exc.strerror or exc}).") from None


def ensure_folder(folder: str | os.PathLike[str]) -> Path:
    """The folder, created if missing; returns its absolute path.

    The files folder is created with every missing parent when `folder` lies within it; `folder`
    itself is then created one level only, so a mistyped parent is reported, not created.
    """
    folder = Path(folder).expanduser().absolute()
    if folder.exists() and not folder.is_dir():
        raise UserFileError(f"{folder} finns redan och är ingen mapp.")
    if within_files_folder(folder):
        _make_files_folder()
    try:
        folder.mkdir(exist_ok=True)
    except FileNotFoundError:
        raise UserFileError(f"Mappen {folder.parent} finns inte.") from None
    except NotADirectoryError:
        raise UserFileError(f"{folder.parent} är inte en mapp.") from None
    except OSError as exc:
        raise UserFileError(f"Mappen {folder} kunde inte skapas ({exc.strerror or exc}).") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UserFileError(f"Ingen skrivrätt i mappen {folder}.")
    return folder


def write_file(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write atomically (temp file, fsync, os.replace), creating the folder as ensure_folder does.
    Returns the absolute path written."""
    raw = os.fspath(path)
    if not raw.strip():
        raise UserFileError("Ange ett filnamn.")
    target = Path(raw).expanduser().absolute()
    if target.is_dir():
        raise UserFileError(f"{target} är en mapp. Ange ett filnamn.")
    if is_files_folder(target.parent):
        ensure_folder(target.parent)
    elif not target.parent.is_dir():
        raise UserFileError(f"Mappen {target.parent} finns inte.")
    try:
        atomic_write_bytes(target, data)
    except StorageWriteError as exc:
        raise UserFileError(exc.strerror or str(exc)) from None
    except OSError as exc:  # e.g. the folder vanished between the check and the write
        raise UserFileError(f"{target.name} kunde inte sparas ({exc.strerror or exc}).") from None
    return target
