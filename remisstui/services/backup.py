"""Backup and restore of a data folder as one zip file.

Backup. Taken under the store's lock, so it is consistent: no save is half in it. It holds the data
and nothing else: register.json and remisser/*.json, byte for byte, readable or not. A damaged file is
the user's evidence, so it is copied as it is and named in the result. Nothing is read through a
link, and nothing but regular files is read: such an entry is named and skipped. The zip is streamed
through the store's atomic writer; a temp file that a killed backup left beside the zip is removed
by the next backup into that folder.

Restore. The zip's directory is checked before anything is read (names, count, sizes, compression
ratios), then each member is streamed, capped, into a new folder beside the data folder. That folder
is fsynced, checked with the store's own reading rules (damaged files are kept and named; a dnr in
two files is refused) and swapped in with one rename: renameat2(RENAME_EXCHANGE) where the system has
it, else two renames that the next open rolls forward. A crash at any point leaves the old folder or
the new one, never a mix; `finish_interrupted_restore` tidies what an interrupted restore left and
says what the data folder holds. Files in the data folder that are not data (a user's own files, a
zip kept there) are moved over to the new folder, never deleted.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator

from ..store.repository import (
    CLOSED_INDEX_FILE,
    INDEX_FILE,
    LOCK_FILE,
    REGISTER_FILE,
    REMISS_DIR,
    Store,
    StoreError,
    _stored_key,
)
from ..store.storage import (
    TEMP_PREFIX,
    TEMP_SUFFIX,
    StorageWriteError,
    atomic_writer,
    fsync_dir,
    read_regular_file,
    remove_abandoned_temp_files,
)

BACKUP_PREFIX = "remisstui-backup-"
# What a data folder holds that is worth keeping; everything else in a zip is refused.
_MEMBER_RE = re.compile(r"^(?:register\.json|remisser/[A-Za-z0-9][A-Za-z0-9._~-]{0,200}\.json)$")
MAX_MEMBERS = 100_000
MAX_TOTAL_BYTES = 2_000_000_000
# Ten years of a busy registry: the largest remiss file is well under 1 MB.
MAX_MEMBER_BYTES = 64_000_000
# JSON with timestamps and change ids compresses 5-20 times; zeros a thousand times.
MAX_RATIO = 100
# An older version could leave a second file for a dnr (KS-2025-1~2.json); the store shows one and
# names the other, so such a backup restores. Many files for one dnr are no data folder's.
MAX_FILES_PER_DNR = 10
RATIO_FLOOR_BYTES = 1_000_000
_CHUNK = 1 << 20

# What the store keeps in a data folder beside the data: rebuilt or re-created, never carried over.
_STORE_FILES = frozenset({REGISTER_FILE, REMISS_DIR, INDEX_FILE, CLOSED_INDEX_FILE, LOCK_FILE})


class BackupError(StoreError):
    """A backup or restore that cannot be done; str() is one Swedish sentence."""


@dataclass
class BackupResult:
    path: Path
    files: int
    damaged: list[str] = field(default_factory=list)  # Swedish: what is wrong with each, copied anyway
    skipped: list[str] = field(default_factory=list)  # Swedish: links and non-files, not copied


@dataclass
class RestoreResult:
    folder: Path
    files: int
    damaged: list[str] = field(default_factory=list)  # names of files restored as they were
    problems: list[str] = field(default_factory=list)  # Swedish: the store's verdict on each of them
    notices: list[str] = field(default_factory=list)  # Swedish: what a previous interrupted restore left
    leftover: Path | None = None  # the old folder, when it could not be removed


def default_backup_name(now: datetime | None = None) -> str:
    return f"{BACKUP_PREFIX}{(now or datetime.now()):%Y%m%d-%H%M%S}.zip"


# --- backup ----------------------------------------------------------------------------------


def _data_files(folder: Path) -> tuple[list[tuple[str, Path]], list[str]]:
    """The data files to copy, and a Swedish line for each entry skipped (a link, not a file)."""
    out: list[tuple[str, Path]] = []
    skipped: list[str] = []

    def consider(name: str, path: Path, st: os.stat_result) -> None:
        if stat.S_ISLNK(st.st_mode):
            skipped.append(f"{name} är en länk och kopierades inte")
        elif not stat.S_ISREG(st.st_mode):
            skipped.append(f"{name} är ingen vanlig fil och kopierades inte")
        else:
            out.append((name, path))

    register = folder / REGISTER_FILE
    try:
        consider(REGISTER_FILE, register, os.lstat(register))
    except FileNotFoundError:
        pass
    remiss_dir = folder / REMISS_DIR
    try:
        st = os.lstat(remiss_dir)
    except FileNotFoundError:
        return out, skipped
    if stat.S_ISLNK(st.st_mode):
        skipped.append(f"{REMISS_DIR} är en länk; inga remisser kopierades genom den")
        return out, skipped
    if not stat.S_ISDIR(st.st_mode):
        return out, skipped
    with os.scandir(remiss_dir) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            name = f"{REMISS_DIR}/{entry.name}"
            if _MEMBER_RE.match(name):
                consider(name, Path(entry.path), entry.stat(follow_symlinks=False))
    return out, skipped


def _damaged(store: Store, names: set[str]) -> list[str]:
    """The store's own verdict on each file: what it cannot read (copied all the same)."""
    out = []
    try:
        store.load_register()
    except StoreError as exc:
        if REGISTER_FILE in names:
            out.append(str(exc))
    store.summaries()
    for problem in store.problems:
        if f"{REMISS_DIR}/{problem.path.name}" in names:
            out.append(problem.message)
    return out


def backup(store: Store, path: str | os.PathLike[str] | None = None) -> BackupResult:
    """Write a zip of the store's data; `path` may be a file, a folder (default name inside) or None
    (default name in the current folder)."""
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
    # Temp files of backups that were killed; a backup being written right now keeps its own.
    remove_abandoned_temp_files(target.parent, target_suffix=".zip")
    # Read-only folders cannot be locked, but nobody can write them either.
    if store.read_only:
        return _backup_locked(store, target)
    with store.locked():
        return _backup_locked(store, target)


def _backup_locked(store: Store, target: Path) -> BackupResult:
    import zipfile

    files, skipped = _data_files(store.folder)
    if not files:
        raise BackupError(f"Datamappen {store.folder} innehåller inget att säkerhetskopiera.")
    damaged = _damaged(store, {name for name, _ in files})
    try:
        with atomic_writer(target) as fh:
            with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                for name, p in files:
                    try:
                        st = os.lstat(p)
                        data = read_regular_file(p)
                    except OSError as exc:
                        raise BackupError(
                            f"{name} kunde inte läsas ({exc.strerror or exc}); ingen säkerhetskopia skrevs."
                        ) from None
                    info = zipfile.ZipInfo(name, date_time=_zip_time(st.st_mtime))
                    info.compress_type = _compression_for(data)
                    info.external_attr = 0o644 << 16
                    zf.writestr(info, data)
                # Restore's own check of the directory, before the zip replaces anything: a backup
                # that its restore would refuse is never written (issue 23 item 10).
                try:
                    _check_directory(target, zf.infolist())
                except BackupError as exc:
                    raise BackupError(f"Ingen säkerhetskopia skrevs: {exc}") from None
    except StorageWriteError as exc:
        raise BackupError(f"Säkerhetskopian {target} kunde inte skrivas: {exc}") from None
    return BackupResult(path=target, files=len(files), damaged=damaged, skipped=skipped)


def _compression_for(data: bytes) -> int:
    """DEFLATE, unless the file would shrink so much that restore takes it for a zip bomb: a remiss
    with a 1.5 MB repetitive description is real data, and is then stored uncompressed."""
    import zipfile
    import zlib

    if len(data) > RATIO_FLOOR_BYTES:
        packed = len(zlib.compress(data, 6))
        # zipfile's raw deflate is a few bytes shorter than zlib's; keep well clear of the limit.
        if len(data) > (MAX_RATIO // 2) * max(packed, 1):
            return zipfile.ZIP_STORED
    return zipfile.ZIP_DEFLATED


def _zip_time(mtime: float) -> tuple[int, int, int, int, int, int]:
    t = datetime.fromtimestamp(mtime).timetuple()[:6]
    return t if t[0] >= 1980 else (1980, 1, 1, 0, 0, 0)  # zip cannot say earlier


# --- restore: the zip --------------------------------------------------------------------------


def _open_checked(zp: Path) -> tuple[Any, list[Any]]:
    """The open zip and its members, checked from the directory alone: nothing is decompressed."""
    import zipfile

    try:
        st = zp.stat()
    except OSError:
        raise BackupError(f"Säkerhetskopian {zp} finns inte.") from None
    if not stat.S_ISREG(st.st_mode):
        raise BackupError(f"{zp} är ingen vanlig fil.")
    try:
        zf = zipfile.ZipFile(zp)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise BackupError(f"{zp.name} är ingen giltig säkerhetskopia (inte en zip-fil).") from None
    try:
        infos = _check_directory(zp, zf.infolist())
    except BaseException:
        zf.close()
        raise
    return zf, infos


def _check_directory(zp: Path, infos: list[Any]) -> list[Any]:
    if len(infos) > MAX_MEMBERS:
        raise BackupError(f"{zp.name} innehåller för många filer för att vara en säkerhetskopia.")
    if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
        raise BackupError(f"{zp.name} är för stor uppackad för att vara en säkerhetskopia.")
    seen: set[str] = set()
    out = []
    for info in infos:
        name = info.filename
        if info.is_dir():
            if name == f"{REMISS_DIR}/":
                continue
            raise BackupError(f"{zp.name} innehåller en oväntad mapp {name!r}; inget återställdes.")
        if not _MEMBER_RE.match(name) or ".." in name or name.startswith("/"):
            raise BackupError(f"{zp.name} innehåller en oväntad fil {name!r}; inget återställdes.")
        if name in seen:
            raise BackupError(f"{zp.name} innehåller {name!r} två gånger; inget återställdes.")
        seen.add(name)
        if info.file_size > MAX_MEMBER_BYTES:
            raise BackupError(f"{zp.name}: {name} är för stor uppackad för en datafil; inget återställdes.")
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise BackupError(
                f"{zp.name}: {name} packas upp till mer än {MAX_RATIO} gånger sin storlek, som ingen "
                "datafil gör; inget återställdes."
            )
        out.append(info)
    if not out:
        raise BackupError(f"{zp.name} innehåller inga data; inget återställdes.")
    return out


def _stream(zf: Any, info: Any, zp: Path) -> Iterator[bytes]:
    """A member in chunks, never more than its directory entry said (the cap holds for a lying zip)."""
    import zipfile

    left = info.file_size
    try:
        with zf.open(info) as src:
            while True:
                chunk = src.read(min(_CHUNK, left + 1))
                if not chunk:
                    break
                left -= len(chunk)
                if left < 0:
                    raise BackupError(f"{zp.name}: {info.filename} är större än zip-filen anger; inget återställdes.")
                yield chunk
    except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise BackupError(f"{zp.name} är skadad ({info.filename}: {exc}); inget återställdes.") from None


# --- restore: the folders ----------------------------------------------------------------------


def _siblings(target: Path) -> tuple[Path, Path, Path]:
    """Where a restore builds the new folder, where it is complete, and where the old one goes."""
    base = target.parent / f".{target.name}.restore"
    return Path(f"{base}-partial"), Path(f"{base}-new"), Path(f"{base}-old")


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    at_fdcwd, rename_exchange = -100, 2
    if fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(a))


def _rmtree(path: Path) -> None:
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path)


def _is_replaced_data(folder: Path, rel: str) -> bool:
    """Whether an entry of the old folder is data (or the store's) that the new folder replaces."""
    name = rel.rsplit("/", 1)[-1]
    if name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX):
        return True
    if "/" not in rel:
        return rel in _STORE_FILES and rel != REMISS_DIR
    return name.endswith(".json") and not name.startswith(".")


def _carry_over(old: Path, target: Path) -> list[str]:
    """Move what is not data from the old folder into the new one; returns what could not be moved."""
    stuck = []
    for rel in _entries(old):
        if _is_replaced_data(old, rel):
            continue
        src, dest = old / rel, target / rel
        try:
            if os.path.lexists(dest):
                stuck.append(rel)
                continue
            dest.parent.mkdir(exist_ok=True)
            os.rename(src, dest)
        except OSError:
            stuck.append(rel)
    return stuck


def _entries(old: Path) -> list[str]:
    out = []
    try:
        top = sorted(os.listdir(old))
    except OSError:
        return out
    for name in top:
        p = old / name
        if name == REMISS_DIR and p.is_dir() and not p.is_symlink():
            try:
                out += [f"{REMISS_DIR}/{n}" for n in sorted(os.listdir(p))]
            except OSError:
                pass
        else:
            out.append(name)
    return out


def _finish(old: Path, target: Path) -> Path | None:
    """After the swap: carry the user's files over, remove the old data; the old folder if it stays."""
    stuck = _carry_over(old, target)
    if stuck:
        return old
    try:
        _rmtree(old)
    except OSError:
        return old
    fsync_dir(target.parent)
    return None


def finish_interrupted_restore(folder: str | os.PathLike[str]) -> list[str]:
    """Tidy what an interrupted restore left beside `folder`; Swedish lines saying what is there now.

    Cheap when there is nothing (three lstat calls): every open of a data folder runs it, because
    a restore killed between the two renames of the fallback leaves no data folder at all.
    """
    target = Path(os.path.realpath(folder))
    partial, new, old = _siblings(target)
    if not any(os.path.lexists(p) for p in (partial, new, old)):
        return []
    notices: list[str] = []
    if not os.path.lexists(target):
        # Killed between the fallback's two renames: the new folder is complete, roll forward.
        source = new if new.is_dir() else old if old.is_dir() else None
        if source is not None:
            try:
                os.rename(source, target)
                fsync_dir(target.parent)
            except OSError:
                pass  # another process did it
            if source == new:
                notices.append(f"En avbruten återställning slutfördes: {target} innehåller säkerhetskopian.")
            else:
                notices.append(f"En avbruten återställning backades: {target} är som före den.")
    if not target.is_dir():
        return notices
    try:
        store = Store(target, lock_timeout=0)
        with store.locked():  # a restore that is running holds it: its folders are not leftovers
            notices += _tidy_locked(target)
    except StoreError:
        pass
    return notices


def _tidy_locked(target: Path) -> list[str]:
    partial, new, old = _siblings(target)
    notices = []
    if os.path.lexists(partial):
        _rmtree(partial)
        notices.append(f"En avbruten återställning hann inte bli klar; {target} är som före den.")
    if os.path.lexists(new) and os.path.lexists(old):
        notices.append(f"En avbruten återställning lämnade {new} och {old}; kontrollera dem och ta bort dem för hand.")
        return notices
    if new.is_dir() and not new.is_symlink():
        if os.path.lexists(new / LOCK_FILE):
            # The old folder, swapped out (it held the restore's lock): the restore was done.
            left = _finish(new, target)
            notices.append(f"En avbruten återställning blev klar; {target} innehåller säkerhetskopian.")
        else:
            _rmtree(new)
            left = None
            notices.append(f"En avbruten återställning hann inte byta mapp; {target} är som före den.")
        if left:
            notices.append(f"Den gamla datamappen ligger kvar i {left}; ta bort den för hand.")
    elif os.path.lexists(new):
        _rmtree(new)
    if os.path.lexists(old):
        left = _finish(old, target) if old.is_dir() and not old.is_symlink() else _rmtree(old)
        notices.append(f"En avbruten återställning blev klar; {target} innehåller säkerhetskopian.")
        if left:
            notices.append(f"Den gamla datamappen ligger kvar i {left}; ta bort den för hand.")
    return notices


def _has_data(folder: Path) -> bool:
    """Anything but the lock, the index caches and an empty remisser folder counts as data."""
    try:
        entries = list(folder.iterdir())
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise BackupError(f"Mappen {folder} kan inte läsas ({exc.strerror}).") from None
    for entry in entries:
        if entry.name in (LOCK_FILE, INDEX_FILE, CLOSED_INDEX_FILE):
            continue
        if entry.name == REMISS_DIR and entry.is_dir() and not any(entry.iterdir()):
            continue
        return True
    return False


def _write_new_file(path: Path, chunks: Iterator[bytes]) -> None:
    """A file that does not exist yet, in a folder nobody else writes: created, never through a link."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666)
    try:
        for chunk in chunks:
            view = memoryview(chunk)
            while view:
                view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def _make_like(path: Path, model: Path) -> None:
    """mkdir with the mode and group of `model` (a team's shared folder stays shared)."""
    os.mkdir(path)
    try:
        st = os.stat(model)
    except OSError:
        return
    try:
        os.chmod(path, stat.S_IMODE(st.st_mode))
        if st.st_gid != os.stat(path).st_gid:
            os.chown(path, -1, st.st_gid)
    except OSError:
        pass  # not a member of that group: the folder gets the user's own


def _stage(zf: Any, infos: list[Any], zp: Path, partial: Path, target: Path) -> list[tuple[str, str]]:
    """Unpack into `partial` and check it the store's way; the files it cannot show, and why."""
    _make_like(partial, target)
    _make_like(partial / REMISS_DIR, target / REMISS_DIR if (target / REMISS_DIR).is_dir() else target)
    for info in infos:
        dest = partial.joinpath(*info.filename.split("/"))
        # Belt and braces against zip-slip: the name was checked, the path must agree.
        if dest.parent not in (partial, partial / REMISS_DIR):
            raise BackupError(f"{info.filename!r} hamnar utanför datamappen; inget återställdes.")
        _write_new_file(dest, _stream(zf, info, zp))
    staged = Store(partial)
    damaged: list[tuple[str, str]] = []
    try:
        staged.load_register()
    except StoreError as exc:
        if (partial / REGISTER_FILE).exists():
            damaged.append((REGISTER_FILE, str(exc)))
    by_key: dict[str, list[str]] = defaultdict(list)
    for info in infos:
        if info.filename.startswith(REMISS_DIR + "/"):
            key = _stored_key(partial.joinpath(*info.filename.split("/")))
            if key is not None:
                by_key[key].append(info.filename.split("/", 1)[1])
    for key, files in by_key.items():
        if len(files) > MAX_FILES_PER_DNR:
            shown = ", ".join(files[:3]) + f" och {len(files) - 3} till"
            raise BackupError(
                f"{zp.name}: samma diarienummer finns i {len(files)} filer ({shown}); inget återställdes."
            )
    staged.summaries()
    damaged += [(f"{REMISS_DIR}/{p.path.name}", p.message) for p in staged.problems]
    # The staged folder must not look swapped out (see _tidy_locked): it holds no lock file.
    (partial / LOCK_FILE).unlink(missing_ok=True)
    fsync_dir(partial / REMISS_DIR)
    fsync_dir(partial)
    return damaged


def restore(zip_path: str | os.PathLike[str], folder: str | os.PathLike[str], *, force: bool = False) -> RestoreResult:
    """Restore a backup into `folder`, which becomes exactly the backup (plus the user's own files).

    A folder that already holds data is refused unless `force`. Nothing in the folder changes until
    the new folder is complete; then one rename puts it in place.
    """
    zp = Path(zip_path)
    target = Path(os.path.realpath(folder))
    zf, infos = _open_checked(zp)
    with zf:
        notices = finish_interrupted_restore(target)
        if _has_data(target) and not force:
            raise BackupError(
                f"Mappen {target} innehåller redan data; återställ till en tom mapp eller använd --force "
                "för att skriva över den."
            )
        if target.exists() and os.path.ismount(target):
            raise BackupError(
                f"Datamappen {target} är en monteringspunkt och kan inte bytas ut i ett steg; "
                "återställ till en mapp i den och peka ut den med --data."
            )
        try:
            store = Store(target)
        except StoreError as exc:
            raise BackupError(str(exc)) from None
        partial, new, old = _siblings(target)
        with store.locked():
            notices += _tidy_locked(target)
            try:
                damaged = _stage(zf, infos, zp, partial, target)
                os.rename(partial, new)
                fsync_dir(target.parent)
            except BaseException as exc:
                try:
                    _rmtree(partial)
                except OSError:
                    pass
                if isinstance(exc, OSError):
                    raise BackupError(_staging_message(target, exc)) from None
                raise
            try:
                exchanged = _exchange(target, new)
                if not exchanged:
                    os.rename(target, old)
                    try:
                        os.rename(new, target)
                    except OSError:
                        os.rename(old, target)
                        raise
            except OSError as exc:
                # Nothing was swapped: an exchange is one step, and the fallback's first rename is
                # undone when the second fails. The old folder is in place.
                _rmtree(new)
                raise BackupError(
                    f"Datamappen {target} kunde inte bytas ut ({exc.strerror or exc}); inget ändrades."
                ) from None
            fsync_dir(target.parent)
            # The swapped-out folder holds the old data (and the lock this restore took in it).
            leftover = _finish(new if exchanged else old, target)
    return RestoreResult(folder=target, files=len(infos), damaged=[name for name, _ in damaged],
                         problems=[why for _, why in damaged], notices=notices, leftover=leftover)


def _staging_message(target: Path, exc: OSError) -> str:
    where = target.parent
    if exc.errno == errno.ENOSPC:
        return f"Disken är full: säkerhetskopian kunde inte packas upp bredvid {target}. Inget ändrades."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            f"Ingen skrivrätt i {where}: återställningen bygger den nya datamappen där innan den byts in. "
            "Inget ändrades."
        )
    return f"Säkerhetskopian kunde inte packas upp bredvid {target} ({exc.strerror or exc}). Inget ändrades."
