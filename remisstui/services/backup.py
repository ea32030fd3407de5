"""Backup and restore of a data folder as one zip file.

A backup is taken under the store's lock, so it is consistent: no save is half in it. It holds the
data and nothing else — register.json and remisser/*.json; not the lock, not temp files, not the
index cache (rebuilt on open). A restore checks the whole zip before it writes anything (only
expected names, no absolute paths or "..", every file valid JSON), refuses to overwrite a folder
with data unless forced, and writes each file atomically (temp file + replace).
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

import orjson

from ..store.repository import INDEX_FILE, LOCK_FILE, REGISTER_FILE, REMISS_DIR, Store, StoreError
from ..store.storage import StorageWriteError, atomic_write_bytes, fsync_dir

BACKUP_PREFIX = "remisstui-backup-"
# What a data folder holds that is worth keeping; everything else in a zip is refused.
_MEMBER_RE = re.compile(r"^(?:register\.json|remisser/[A-Za-z0-9][A-Za-z0-9._~-]{0,200}\.json)$")
MAX_MEMBERS = 100_000
MAX_TOTAL_BYTES = 2_000_000_000


class BackupError(StoreError):
    """A backup or restore that cannot be done; str() is one Swedish sentence."""


def default_backup_name(now: datetime | None = None) -> str:
    return f"{BACKUP_PREFIX}{(now or datetime.now()):%Y%m%d-%H%M%S}.zip"


def _data_files(folder: Path) -> list[tuple[str, Path]]:
    out = []
    register = folder / REGISTER_FILE
    if register.is_file():
        out.append((REGISTER_FILE, register))
    remiss_dir = folder / REMISS_DIR
    if remiss_dir.is_dir():
        for p in sorted(remiss_dir.iterdir()):
            name = f"{REMISS_DIR}/{p.name}"
            if p.is_file() and _MEMBER_RE.match(name):
                out.append((name, p))
    return out


def backup(store: Store, path: str | os.PathLike[str] | None = None) -> Path:
    """Write a zip of the store's data; `path` may be a file, a folder (default name inside) or None
    (default name in the current folder). Returns the zip's path."""
    target = Path(path) if path is not None else Path.cwd() / default_backup_name()
    if target.is_dir():
        target = target / default_backup_name()
    if not target.parent.is_dir():
        raise BackupError(f"Mappen {target.parent} finns inte.")
    try:
        target.resolve().relative_to(store.folder.resolve() / REMISS_DIR)
        raise BackupError("Säkerhetskopian kan inte läggas i datamappens remisser-mapp.")
    except ValueError:
        pass
    fd, tmp = tempfile.mkstemp(prefix=".tmp-" + target.name + ".", suffix=".part", dir=target.parent)
    os.close(fd)
    try:
        # Read-only folders cannot be locked, but nobody can write them either.
        if store.read_only:
            count = _write_zip(Path(tmp), store.folder)
        else:
            with store.locked():
                count = _write_zip(Path(tmp), store.folder)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError) and not isinstance(exc, StorageWriteError):
            raise BackupError(f"Säkerhetskopian {target} kunde inte skrivas ({exc.strerror or exc}).") from None
        raise
    fsync_dir(target.parent)
    if count == 0:
        target.unlink(missing_ok=True)
        raise BackupError(f"Datamappen {store.folder} innehåller inget att säkerhetskopiera.")
    return target


def _write_zip(tmp: Path, folder: Path) -> int:
    files = _data_files(folder)
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, p in files:
            st = p.stat()
            info = zipfile.ZipInfo(name, date_time=datetime.fromtimestamp(st.st_mtime).timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, p.read_bytes())
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    return len(files)


def _has_data(folder: Path) -> bool:
    """Anything but the lock, the index cache and an empty remisser folder counts as data."""
    try:
        entries = list(folder.iterdir())
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise BackupError(f"Mappen {folder} kan inte läsas ({exc.strerror}).") from None
    for entry in entries:
        if entry.name in (LOCK_FILE, INDEX_FILE):
            continue
        if entry.name == REMISS_DIR and entry.is_dir() and not any(entry.iterdir()):
            continue
        return True
    return False


def read_backup(zip_path: str | os.PathLike[str]) -> dict[str, bytes]:
    """Every member of a valid backup, checked; BackupError (Swedish) for anything else."""
    zp = Path(zip_path)
    if not zp.is_file():
        raise BackupError(f"Säkerhetskopian {zp} finns inte.")
    try:
        zf = zipfile.ZipFile(zp)
    except (zipfile.BadZipFile, OSError):
        raise BackupError(f"{zp.name} är ingen giltig säkerhetskopia (inte en zip-fil).") from None
    out: dict[str, bytes] = {}
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise BackupError(f"{zp.name} innehåller för många filer för att vara en säkerhetskopia.")
        if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
            raise BackupError(f"{zp.name} är för stor uppackad för att vara en säkerhetskopia.")
        for info in infos:
            name = info.filename
            if info.is_dir():
                if name in (f"{REMISS_DIR}/",):
                    continue
                raise BackupError(f"{zp.name} innehåller en oväntad mapp {name!r}; inget återställdes.")
            if not _MEMBER_RE.match(name) or ".." in name or name.startswith("/"):
                raise BackupError(f"{zp.name} innehåller en oväntad fil {name!r}; inget återställdes.")
            if name in out:
                raise BackupError(f"{zp.name} innehåller {name!r} två gånger; inget återställdes.")
            try:
                data = zf.read(info)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
                raise BackupError(f"{zp.name} är skadad ({name}: {exc}); inget återställdes.") from None
            try:
                parsed = orjson.loads(data)
            except orjson.JSONDecodeError:
                raise BackupError(f"{zp.name}: {name} är inte giltig JSON; inget återställdes.") from None
            if not isinstance(parsed, dict):
                raise BackupError(f"{zp.name}: {name} har fel format; inget återställdes.")
            out[name] = data
    if not out:
        raise BackupError(f"{zp.name} innehåller inga data; inget återställdes.")
    return out


def restore(zip_path: str | os.PathLike[str], folder: str | os.PathLike[str], *, force: bool = False) -> int:
    """Restore a backup into `folder`; returns the number of files written.

    A folder that already holds data is refused unless `force`; then it becomes exactly the backup
    (remiss files not in the backup are removed, the index cache is dropped).
    """
    members = read_backup(zip_path)
    target = Path(folder)
    if _has_data(target) and not force:
        raise BackupError(
            f"Mappen {target} innehåller redan data; återställ till en tom mapp eller använd --force "
            "för att skriva över den."
        )
    try:
        (target / REMISS_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"Mappen {target} kunde inte skapas ({exc.strerror}).") from None
    store = Store(target)
    with store.locked():
        for name, data in members.items():
            dest = target.joinpath(*name.split("/"))
            # Belt and braces against zip-slip: the name was checked, the path must agree.
            if target.resolve() not in dest.resolve().parents:
                raise BackupError(f"{name!r} hamnar utanför {target}; inget mer återställdes.")
            atomic_write_bytes(dest, data)
        if force:
            keep = {n.split("/", 1)[1] for n in members if n.startswith(REMISS_DIR + "/")}
            for p in (target / REMISS_DIR).iterdir():
                if p.is_file() and p.name.endswith(".json") and p.name not in keep:
                    p.unlink()
            if REGISTER_FILE not in members:
                (target / REGISTER_FILE).unlink(missing_ok=True)
        (target / INDEX_FILE).unlink(missing_ok=True)
    return len(members)
