"""The user's settings file: the registrator profile and the folder for exports and drafts.

One TOML file in the platform's config folder (platformdirs; on Linux
``~/.config/remisstui/config.toml``), or where ``$REMISSTUI_CONFIG`` points. It belongs to the user,
not to the shared data folder: two registrators on one folder each sign with their own name.

    [registrator]
    name = "Anna Andersson"
    title = "Registrator"
    unit = "Stadsledningskontoret"
    email = "anna.andersson@stockholm.se"
    phone = "08-508 000 00"

    [files]
    folder = "/home/anna/Dokument/remisstui"
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from ..domain.settings import PROFILE_LABELS, RegistratorProfile, Settings
from ..formats.reminders import valid_address
from ..store.storage import StorageWriteError, atomic_write_bytes
from .errors import ServiceError

APP_NAME = "remisstui"
CONFIG_ENV = "REMISSTUI_CONFIG"


class SettingsError(ServiceError):
    """The settings file cannot be read or written, or a value is refused; one Swedish sentence."""


def config_path() -> Path:
    env = os.environ.get(CONFIG_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_config_path(APP_NAME) / "config.toml"


def default_files_folder() -> Path:
    """The documents folder's remisstui subfolder: where files go until the user picks another."""
    import platformdirs

    return platformdirs.user_documents_path() / APP_NAME


MAX_SETTINGS_BYTES = 256 * 1024


def load_settings(path: Path | None = None) -> Settings:
    """The settings; defaults when the file does not exist yet."""
    from ..formats.toml_io import TomlError, read_file

    path = path or config_path()
    if not os.path.lexists(path):
        return Settings()
    try:
        # A regular file of at most MAX_SETTINGS_BYTES: a FIFO hung `config`, `remind` and the
        # TUI's export, /dev/zero exhausted memory (issue 23 item 8). A symlink to a file is fine.
        data = read_file(path, max_bytes=MAX_SETTINGS_BYTES)
    except TomlError as exc:
        raise SettingsError(f"Inställningarna kunde inte läsas: {exc}. Rätta eller ta bort filen.") from None
    reg = data.get("registrator", {})
    files = data.get("files", {})
    if not isinstance(reg, dict) or not isinstance(files, dict):
        raise SettingsError(f"Inställningsfilen {path} har fel form: [registrator] och [files] ska vara tabeller.")
    values = {k: str(reg.get(k, "")) for k in PROFILE_LABELS}
    return Settings(profile=RegistratorProfile(**values), files_folder=str(files.get("folder", "")))


def check_profile(profile: RegistratorProfile) -> None:
    """Refuse what cannot go into a mail header: a line break anywhere, or an invalid address."""
    for name, label in PROFILE_LABELS.items():
        value = getattr(profile, name)
        if "\n" in value or "\r" in value or len(value) > 200:
            raise SettingsError(f"{label} får vara högst 200 tecken på en rad.")
    if profile.email.strip() and valid_address(profile.email) is None:
        raise SettingsError(f"E-postadressen {profile.email.strip()!r} är inte giltig.")


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the file atomically (its folder is created); returns where it was written."""
    import tomli_w

    check_profile(settings.profile)
    path = path or config_path()
    data = {
        "registrator": {k: " ".join(getattr(settings.profile, k).split()) for k in PROFILE_LABELS},
        "files": {"folder": settings.files_folder.strip()},
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, tomli_w.dumps(data).encode("utf-8"))
    except (StorageWriteError, OSError) as exc:
        raise SettingsError(f"Inställningarna kunde inte sparas i {path} ({exc.strerror or exc}).") from None
    return path


def update_settings(*, path: Path | None = None, files_folder: str | None = None, **profile: str) -> Settings:
    """Change some values and save; the rest stay as they were."""
    current = load_settings(path)
    unknown = set(profile) - set(PROFILE_LABELS)
    if unknown:
        raise SettingsError(f"Okänd uppgift: {', '.join(sorted(unknown))}.")
    new = Settings(
        profile=dataclasses.replace(current.profile, **{k: v.strip() for k, v in profile.items()}),
        files_folder=current.files_folder if files_folder is None else files_folder.strip(),
    )
    save_settings(new, path)
    return new


def files_folder(settings: Settings | None = None) -> Path:
    """Where exports and reminder drafts go unless the user names a file: chosen once, remembered."""
    settings = settings if settings is not None else load_settings()
    if settings.files_folder.strip():
        return Path(settings.files_folder.strip()).expanduser()
    return default_files_folder()


def ensure_files_folder(settings: Settings | None = None) -> Path:
    """The files folder, created if it does not exist yet."""
    folder = files_folder(settings)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SettingsError(f"Mappen {folder} kunde inte skapas ({exc.strerror or exc}).") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise SettingsError(f"Ingen skrivrätt i mappen {folder}.")
    return folder.absolute()


PROFILE_HINT = (
    "Utkasten har ingen avsändare eller underskrift: e-postprogrammet fyller i From. Ange din profil "
    "en gång med remisstui config --name \"…\" --email … (eller Inställningar i appen)."
)
