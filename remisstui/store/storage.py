"""A TinyDB Storage that never leaves a half-written file.

TinyDB's JSONStorage rewrites its file in place and was seen to corrupt it when killed mid-write;
CachingMiddleware loses whatever it has not flushed. This storage writes a temp file in the same
folder, flushes, fsyncs, os.replace()s it over the old one and fsyncs the folder, so a reader sees
either the old or the new content and an acknowledged write survives a crash.

Inside `batch()` TinyDB's table operations work on an in-memory copy and the file is written once
at the end — one fsync per user action however many tables it touches.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, Iterator

import orjson
from tinydb.storages import Storage

try:
    import fcntl
except ImportError:  # not POSIX: temp files are never flock()ed, and never removed by a cleaner
    fcntl = None  # type: ignore[assignment]

TEMP_PREFIX = ".tmp-"
TEMP_SUFFIX = ".part"


class StorageWriteError(OSError):
    """A write failed; the old file is intact. The message is Swedish."""

    def __str__(self) -> str:
        # OSError would print "[Errno 28] ..." in front of the Swedish sentence the user should see.
        return self.strerror or super().__str__()


def fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not every platform can open a directory.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, payload: bytes, *, durable: bool = True) -> None:
    """Replace `path` with `payload` atomically; on failure the old file is untouched."""
    with atomic_writer(path, durable=durable) as fh:
        fh.write(payload)


@contextmanager
def atomic_writer(path: Path, *, durable: bool = True) -> Iterator[BinaryIO]:
    """Stream the new content of `path` into a temp file beside it; it replaces `path` only when the
    block ends without an exception. Otherwise the temp file is removed and the old file is untouched.

    The temp file is flock()ed while it is open, so `remove_abandoned_temp_files` can tell a temp
    file whose writer was killed from one that is being written right now. An OSError (a full disk,
    no permission) comes out as a StorageWriteError with a Swedish message.
    """
    folder = path.parent
    _check_replaceable(path)
    fd, tmp = _locked_temp_file(path)
    try:
        # mkstemp creates 0600; give the file the mode the user's umask asks for, like open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
            # Replaced while the lock is still held: the file is never unlocked under its temp name.
            os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError) and not isinstance(exc, StorageWriteError):
            raise StorageWriteError(exc.errno, _write_message(path, exc)) from exc
        raise
    if durable:
        fsync_dir(folder)


def _check_replaceable(path: Path) -> None:
    """Only a regular file, or nothing, is replaced: `-o /dev/full` as root once replaced the
    system's device with a file, and `-o` onto a FIFO replaced the pipe (issue 23 item 12). A
    symlink is judged by what it points to."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StorageWriteError(exc.errno, _write_message(path, exc)) from exc
    if not stat.S_ISREG(st.st_mode):
        what = "en mapp" if stat.S_ISDIR(st.st_mode) else (
            "en FIFO" if stat.S_ISFIFO(st.st_mode) else "en enhet" if (stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode))
            else "ingen vanlig fil")
        raise StorageWriteError(
            errno.EINVAL, f"{path} är {what}, inte en vanlig fil, och skrivs inte över. Ange en vanlig fil. Inget sparades.")


def _locked_temp_file(path: Path) -> tuple[int, str]:
    while True:
        try:
            fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX + path.name + ".", suffix=TEMP_SUFFIX, dir=path.parent)
        except OSError as exc:
            raise StorageWriteError(exc.errno, _write_message(path, exc)) from exc
        if fcntl is None:
            return fd, tmp
        fcntl.flock(fd, fcntl.LOCK_EX)
        # A cleaner may have taken the file between mkstemp and flock (it only deletes what it could
        # lock): then the name no longer points at this file, and a new one is made.
        try:
            if os.stat(tmp).st_ino == os.fstat(fd).st_ino:
                return fd, tmp
        except FileNotFoundError:
            pass
        os.close(fd)


def remove_abandoned_temp_files(folder: Path, *, target_suffix: str) -> int:
    """Remove the temp files beside targets named `*<target_suffix>` whose writer is gone.

    For folders outside a data folder, where no store lock tells whether a writer is alive (a zip
    beside other people's files): a temp file is abandoned when nobody holds its flock. Without
    flock (not POSIX) nothing is removed.
    """
    if fcntl is None:
        return 0
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        name = entry.name
        if not (name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)):
            continue
        target = name[len(TEMP_PREFIX) : -len(TEMP_SUFFIX)].rpartition(".")[0]
        if not target.endswith(target_suffix) or not entry.is_file(follow_symlinks=False):
            continue
        try:
            fd = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.unlink(entry.path)
            removed += 1
        except OSError:
            pass  # a live writer holds it, or it is gone already
        finally:
            os.close(fd)
    return removed


def _write_message(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return f"Disken är full: {path.name} kunde inte sparas. Inget ändrades."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"Ingen skrivrätt: {path.name} kunde inte sparas. Inget ändrades."
    return f"{path.name} kunde inte sparas ({exc.strerror or exc}). Inget ändrades."


class NotRegularFileError(OSError):
    """The path is a symlink, a folder, a FIFO or a device: no data file is read through it."""


# A data file is read without following a symlink in its last component (O_NOFOLLOW), and only if
# what was opened is a regular file: a link `remisser/x.json -> /etc/passwd` must not be read, and
# a FIFO would block the reader forever. O_NONBLOCK only matters for such special files (open does
# not wait for a FIFO's writer); a regular file reads as usual.
_READ_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
)


def read_regular_file(path: Path) -> bytes:
    """The bytes of `path` if it is a regular file reached without a symlink; else OSError.

    Raises FileNotFoundError when it does not exist and NotRegularFileError when it is a link or
    not a regular file; other OSErrors (no permission) as they come.
    """
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP or (exc.errno == errno.EISDIR):
            raise NotRegularFileError(exc.errno, "inte en vanlig fil", str(path)) from None
        raise
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFileError(errno.EINVAL, "inte en vanlig fil", str(path))
        chunks = []
        while True:
            chunk = os.read(fd, max(st.st_size + 1, 65536))
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def has_temp_files(folder: Path) -> bool:
    try:
        with os.scandir(folder) as entries:
            return any(e.name.startswith(TEMP_PREFIX) and e.name.endswith(TEMP_SUFFIX) for e in entries)
    except OSError:
        return False


def remove_stale_temp_files(folder: Path) -> int:
    """Temp files left by a killed writer are garbage: the real file was never replaced by them."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if entry.name.startswith(TEMP_PREFIX) and entry.name.endswith(TEMP_SUFFIX):
            try:
                os.unlink(entry.path)
                removed += 1
            except OSError:
                pass
    return removed


def dumps(data: Any) -> bytes:
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS)


class AtomicJSONStorage(Storage):
    """TinyDB storage: atomic durable writes, orjson, and an optional batch."""

    def __init__(self, path: str | os.PathLike[str], *, durable: bool = True, data: Any = None):
        self.path = Path(path)
        self.durable = durable
        self._batch: dict[str, Any] | None = None
        # Lets the store hand TinyDB content it has already parsed (no second read of the file).
        self._preloaded = data

    def read(self) -> dict[str, Any] | None:
        if self._batch is not None:
            return self._batch
        if self._preloaded is not None:
            return self._preloaded
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        if not raw.strip():
            return None
        return orjson.loads(raw)

    def write(self, data: dict[str, Any]) -> None:
        if self._batch is not None:
            self._batch = data
            return
        self._preloaded = None
        atomic_write_bytes(self.path, dumps(data), durable=self.durable)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Collect every table write and write the file once, only if the block succeeds."""
        self._batch = self.read() or {}
        try:
            yield
            data = self._batch
        finally:
            self._batch = None
        self._preloaded = None
        atomic_write_bytes(self.path, dumps(data), durable=self.durable)

    def close(self) -> None:
        pass
