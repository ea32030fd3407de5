"""The folder's write lock: one `.lock` file that every member of a team can take.

A data folder is shared. The first writer creates `.lock`; with umask 022 a lock created 0644 (as
filelock did) could then never be opened for writing by a colleague, and every save of theirs died
with PermissionError. So:

- the file is created 0666 less the umask, i.e. group- and other-writable as far as the umask allows;
- it is locked with flock(2), which needs no write access: when the file cannot be opened for
  writing it is opened read-only and locked just the same;
- it is opened without following a symlink, and only a regular file is used. A `.lock` that is a
  folder, a link or cannot be opened at all is a LockError with one Swedish sentence.

The lock is re-entrant per thread (a service may call another that locks too) and separate between
threads: each thread opens its own descriptor, and flock locks of two descriptors exclude each other
even inside one process.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: filelock's Windows lock does the job there
    fcntl = None  # type: ignore[assignment]

POLL_SECONDS = 0.05


class LockError(Exception):
    """The lock cannot be used; str() is one Swedish sentence."""


class LockTimeout(LockError):
    """Another process holds the lock."""


class FolderLock:
    def __init__(self, path: str | os.PathLike[str], timeout: float = 10.0) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self._local = threading.local()
        self._fallback = None
        if fcntl is None:
            from filelock import FileLock

            self._fallback = FileLock(str(self.path), timeout=timeout)

    @property
    def is_locked(self) -> bool:
        return getattr(self._local, "depth", 0) > 0

    def acquire(self, timeout: float | None = None) -> None:
        timeout = self.timeout if timeout is None else timeout
        if self._fallback is not None:
            from filelock import Timeout

            try:
                self._fallback.acquire(timeout=timeout)
            except Timeout:
                raise LockTimeout(_busy_message()) from None
            except OSError as exc:
                raise LockError(_open_message(self.path, exc)) from None
            return
        depth = getattr(self._local, "depth", 0)
        if depth:
            self._local.depth = depth + 1
            return
        fd = _open(self.path)
        deadline = time.monotonic() + max(0.0, timeout)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise LockTimeout(_busy_message()) from None
                    time.sleep(POLL_SECONDS)
                except OSError as exc:
                    raise LockError(_open_message(self.path, exc)) from None
        except BaseException:
            os.close(fd)
            raise
        self._local.fd = fd
        self._local.depth = 1

    def release(self) -> None:
        if self._fallback is not None:
            self._fallback.release()
            return
        depth = getattr(self._local, "depth", 0)
        if not depth:
            return
        self._local.depth = depth - 1
        if depth == 1:
            fd = self._local.fd
            self._local.fd = None
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)

    def __enter__(self) -> FolderLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)


def _open(path: Path) -> int:
    """A descriptor of the lock file: read-write (created if missing), else read-only."""
    try:
        # The mode is 0666 less the umask: as writable for the team as the user lets files be.
        fd = os.open(path, os.O_RDWR | os.O_CREAT | _NO_FOLLOW, 0o666)
    except PermissionError:
        # A colleague's lock we may not write: flock needs only an open descriptor.
        try:
            fd = os.open(path, os.O_RDONLY | _NO_FOLLOW)
        except OSError as exc:
            raise LockError(_open_message(path, exc)) from None
    except OSError as exc:
        raise LockError(_open_message(path, exc)) from None
    try:
        st = os.fstat(fd)
    except OSError as exc:
        os.close(fd)
        raise LockError(_open_message(path, exc)) from None
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise LockError(f"Låsfilen {path} är ingen vanlig fil; ta bort den så att det går att spara igen.")
    return fd


def _busy_message() -> str:
    return "Datamappen är låst av en annan process som sparar just nu; försök igen om en stund."


def _open_message(path: Path, exc: OSError) -> str:
    if exc.errno == errno.EISDIR or path.is_dir():
        return f"Låsfilen {path} är en mapp; ta bort mappen så att det går att spara igen."
    if exc.errno == errno.ELOOP or path.is_symlink():
        return f"Låsfilen {path} är en symbolisk länk och används inte; ta bort länken så att det går att spara igen."
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"Låsfilen {path} kan inte öppnas (ingen behörighet); be den som äger den att ta bort den."
    if exc.errno == errno.EROFS:
        return f"Låsfilen {path} kan inte skapas: filsystemet är skrivskyddat."
    if exc.errno == errno.ENOSPC:
        return f"Låsfilen {path} kan inte skapas: disken är full."
    return f"Låsfilen {path} kan inte användas ({exc.strerror or exc})."
