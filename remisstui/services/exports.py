"""Exporting the remissammanställning: load from the store, build, render, write atomically.

The service layer for both faces: `remisstui summary` on the command line and the export dialog in
the TUI call these functions and nothing below them. Files are written to a temp file in the target
folder and moved into place with os.replace, so a failed export never leaves a partial file.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ..domain.dnr import dnr_slug
from ..domain.model import Remiss
from ..domain.register import Register
from ..formats.summary import Summary, build_summary
from ..formats.summary_formats import FORMATS, SummaryFormat, UnknownFormatError, get_format, render
from ..store.repository import Store, StoreError
from . import settings as user_settings, user_files

__all__ = [
    "ExportError",
    "FORMATS",
    "build",
    "default_filename",
    "export_summary",
    "render_summary",
    "write_bytes",
    "write_summary",
]


class ExportError(StoreError):
    """An export that could not be done; str() is one Swedish sentence. Nothing was written."""


def default_filename(dnr: str, fmt: str, *, recipients: bool = False) -> str:
    """``KS-2024-112-remissammanstallning.docx``; the slug can never leave the folder."""
    f = _format(fmt)
    slug = dnr_slug(dnr)
    if recipients:
        return f"{slug}-mottagare.{f.extension}"
    if f.code == "beredning":
        return f"{slug}-beredning.{f.extension}"
    return f"{slug}-remissammanstallning.{f.extension}"


def _format(fmt: str) -> SummaryFormat:
    try:
        return get_format(fmt)
    except UnknownFormatError as exc:
        raise ExportError(str(exc)) from None


def build(store: Store, dnr: str, *, today: date) -> Summary:
    remiss = store.load(dnr)
    return build_summary(remiss, store.load_register(), today=today)


def render_summary(
    store: Store,
    dnr: str,
    fmt: str,
    *,
    today: date,
    sep: str | None = None,
    organisations: Sequence[str] | None = None,
) -> bytes:
    _format(fmt)
    summary = build(store, dnr, today=today)
    return _render(summary, fmt, sep=sep, organisations=organisations)


def _render(summary: Summary, fmt: str, *, sep: str, organisations: Sequence[str] | None) -> bytes:
    try:
        return render(summary, fmt, sep=sep, organisations=organisations)
    except (UnknownFormatError, ValueError) as exc:
        raise ExportError(str(exc)) from None


def check_target(path: str | os.PathLike[str]) -> Path:
    """The absolute target path, or ExportError saying in Swedish why it cannot be written."""
    raw = os.fspath(path)
    if not raw.strip():
        raise ExportError("Ange ett filnamn.")
    target = Path(raw).expanduser()
    if target.is_dir():
        raise ExportError(f"{target} är en mapp. Ange ett filnamn. Inget sparades.")
    folder = target.parent
    if not folder.exists() and not user_files.is_files_folder(folder):  # that one is created
        raise ExportError(f"Mappen {folder} finns inte. Inget sparades.")
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} är inte en mapp. Inget sparades.")
    if folder.exists() and not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(f"Ingen skrivrätt i mappen {folder}. Inget sparades.")
    return target.absolute()


def write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write atomically: temp file in the target folder, fsync, os.replace. Returns the path."""
    target = check_target(path)
    try:
        return user_files.write_file(target, data)
    except user_files.UserFileError as exc:
        raise ExportError(f"{exc} Inget sparades.") from None


def write_summary(
    remiss: Remiss,
    register: Register | None,
    fmt: str,
    path: str | os.PathLike[str],
    *,
    today: date,
    sep: str | None = None,
    organisations: Sequence[str] | None = None,
) -> Path:
    """Build, render and write one remiss's summary; returns the absolute path written."""
    _format(fmt)
    check_target(path)  # fail before the work when the folder is wrong
    summary = build_summary(remiss, register, today=today)
    return write_bytes(path, _render(summary, fmt, sep=sep, organisations=organisations))


def export_summary(
    store: Store,
    dnr: str,
    fmt: str,
    path: str | os.PathLike[str] | None = None,
    *,
    today: date,
    sep: str | None = None,
    organisations: Sequence[str] | None = None,
) -> Path:
    """Export from the store. Without `path`: the default file name in the user's files folder."""
    remiss = store.load(dnr)
    if path is None:
        path = resolve_target(default_filename(remiss.dnr, fmt, recipients=organisations is not None))
    return write_summary(
        remiss, store.load_register(), fmt, path, today=today, sep=sep, organisations=organisations
    )


# --- where files go --------------------------------------------------------------------------


def files_folder() -> Path:
    """The folder exports go to unless the user names another: chosen once, remembered."""
    return user_settings.files_folder()


def resolve_target(name: str | os.PathLike[str]) -> Path:
    """A file name as typed: absolute as it is, else inside the files folder (created if needed)."""
    try:
        return user_files.resolve(name)
    except StoreError as exc:
        raise ExportError(str(exc)) from None


def remember_folder(written: Path) -> None:
    """The folder of a file the user saved becomes the files folder for next time."""
    folder = written.parent.absolute()
    try:
        if user_settings.files_folder() != folder:
            user_settings.update_settings(files_folder=str(folder))
    except user_settings.SettingsError:
        pass  # remembering is a convenience; the file itself was written
