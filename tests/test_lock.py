"""The folder's `.lock` works for every team member who can write the folder (issue 13.5).

With umask 022 the first user created `.lock` 0644 and every save of the next user died with a
PermissionError traceback; a `.lock` that was a folder or a symlink gave IsADirectoryError or ELOOP.
Now the lock file is created 0666 less the umask, is locked with flock on a read-only descriptor
when it cannot be opened for writing, and anything that is not a regular file is one Swedish line.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from helpers import EXAMPLE_DNR
from remisstui import services
from remisstui.domain.model import Status
from remisstui.store.locking import FolderLock, LockError, LockTimeout
from remisstui.store.repository import LOCK_FILE, Store, StoreError
from workers.common import PYTHON, VENV_CLI, folder_fingerprint, run_cli

BROMMA = "Bromma stadsdelsnämnd"
TOML = 'dnr = "KS 2030/1"\ntitle = "Fiktiv"\n'


def _save(folder: Path) -> None:
    services.set_status(Store(folder), EXAMPLE_DNR, [BROMMA], Status.registered)


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o002, 0o664), (0o000, 0o666), (0o077, 0o600)])
def test_lock_file_is_as_writable_as_the_umask_allows(data_dir, umask, mode):
    (data_dir / LOCK_FILE).unlink(missing_ok=True)
    old = os.umask(umask)
    try:
        _save(data_dir)
    finally:
        os.umask(old)
    assert stat.S_IMODE((data_dir / LOCK_FILE).stat().st_mode) == mode


def _import(data_dir: Path, tmp_path: Path):
    toml = tmp_path / "r.toml"
    toml.write_text(TOML, encoding="utf-8")
    return run_cli("import", str(toml), data=data_dir)


def _assert_one_swedish_line(proc, *words: str) -> None:
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and "Error" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    for word in words:
        assert word in lines[0]


def test_lock_that_is_a_folder_is_one_line(data_dir, tmp_path):
    (data_dir / LOCK_FILE).unlink(missing_ok=True)
    (data_dir / LOCK_FILE).mkdir()
    Store(data_dir).summaries()
    before = folder_fingerprint(data_dir)
    _assert_one_swedish_line(_import(data_dir, tmp_path), "Låsfilen", "mapp")
    assert folder_fingerprint(data_dir) == before
    with pytest.raises(StoreError):
        _save(data_dir)


@pytest.mark.parametrize("target", ["/etc/passwd", "/nonexistent/lock"])
def test_lock_that_is_a_symlink_is_one_line_and_is_not_followed(data_dir, tmp_path, target):
    (data_dir / LOCK_FILE).unlink(missing_ok=True)
    (data_dir / LOCK_FILE).symlink_to(target)
    passwd = Path("/etc/passwd").stat()
    _assert_one_swedish_line(_import(data_dir, tmp_path), "Låsfilen", "länk")
    assert not Path("/nonexistent/lock").exists()
    assert Path("/etc/passwd").stat().st_mtime_ns == passwd.st_mtime_ns


def test_lock_that_is_a_fifo_is_one_line(data_dir, tmp_path):
    (data_dir / LOCK_FILE).unlink(missing_ok=True)
    os.mkfifo(data_dir / LOCK_FILE)
    _assert_one_swedish_line(_import(data_dir, tmp_path), "Låsfilen", "vanlig fil")


def test_a_read_only_descriptor_still_locks(tmp_path, monkeypatch):
    # The fallback in-process: opening for writing is refused, as for a colleague's 0644 lock.
    path = tmp_path / "lock"
    path.write_bytes(b"")
    real_open = os.open

    def no_write(p, flags, *args):
        if str(p) == str(path) and flags & (os.O_RDWR | os.O_WRONLY):
            raise PermissionError(13, "Permission denied")
        return real_open(p, flags, *args)

    monkeypatch.setattr(os, "open", no_write)
    first, second = FolderLock(path, timeout=0.2), FolderLock(path, timeout=0.2)
    first.acquire()
    try:
        with pytest.raises(LockTimeout):
            second.acquire()  # flock on read-only descriptors still excludes
    finally:
        first.release()
    second.acquire()
    second.release()


def test_lock_is_reentrant_per_thread_and_exclusive_between_threads(tmp_path):
    lock = FolderLock(tmp_path / "lock", timeout=5)
    order: list[str] = []
    with lock:
        with lock:  # a service that locks inside another one
            order.append("outer")
        held = threading.Event()

        def other() -> None:
            held.set()
            with lock:
                order.append("thread")

        t = threading.Thread(target=other)
        t.start()
        held.wait()
        time.sleep(0.2)  # give the thread the chance to (wrongly) get in
        order.append("still mine")
    t.join(5)
    assert order == ["outer", "still mine", "thread"]


def test_lock_error_messages_are_swedish(tmp_path):
    (tmp_path / "dir").mkdir()
    with pytest.raises(LockError) as exc:
        FolderLock(tmp_path / "dir").acquire()
    assert str(exc.value).startswith("Låsfilen") and "mapp" in str(exc.value)


# --- for real, with a second user ------------------------------------------------------------------


def _nobody_available() -> bool:
    return os.geteuid() == 0 and shutil.which("setpriv") is not None


AS_NOBODY = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]


@pytest.mark.skipif(not _nobody_available(), reason="needs root and setpriv to run as nobody")
def test_a_colleagues_lock_works_for_the_next_user():
    base = Path(tempfile.mkdtemp(prefix="remisstui-lock-"))
    try:
        os.chmod(base, 0o755)
        data = base / "data"
        services.ensure_seeded(Store(data))
        old = os.umask(0o022)
        try:
            (data / LOCK_FILE).unlink(missing_ok=True)
            _save(data)  # the first user (root) takes the lock: .lock is created 0644, root's
        finally:
            os.umask(old)
        assert stat.S_IMODE((data / LOCK_FILE).stat().st_mode) == 0o644
        # The team may write the folder (here: everyone), not the first user's lock file.
        for p in [data, *data.rglob("*")]:
            if p.is_dir():
                os.chmod(p, 0o777)
        toml = base / "r.toml"
        toml.write_text(TOML, encoding="utf-8")
        os.chmod(toml, 0o644)
        env = {k: v for k, v in os.environ.items() if k != "REMISSTUI_DATA"}
        env["HOME"] = str(base)
        proc = subprocess.run([*AS_NOBODY, str(VENV_CLI), "--data", str(data), "import", str(toml)],
                              capture_output=True, text=True, timeout=60, cwd=base, env=env)
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr and "Skapade KS 2030/1" in proc.stderr
        # While nobody holds the lock through its read-only descriptor, root waits for it.
        code = (
            "import sys, time\n"
            "from remisstui.store.repository import Store\n"
            "s = Store(sys.argv[1])\n"
            "with s.locked():\n"
            "    print('locked', flush=True)\n"
            "    sys.stdin.readline()  # held until the test has tried, however slow the machine\n"
        )
        holder = subprocess.Popen([*AS_NOBODY, PYTHON, "-c", code, str(data)], stdout=subprocess.PIPE,
                                  stdin=subprocess.PIPE, text=True, cwd=base, env=env)
        try:
            assert holder.stdout.readline().strip() == "locked"
            with pytest.raises(StoreError) as exc:
                with Store(data, lock_timeout=0.3).locked():
                    pass
            assert "låst av en annan process" in str(exc.value)
        finally:
            holder.stdin.close()
            holder.wait()
        # A lock nobody may not even read is one Swedish line for nobody, not a traceback.
        os.chmod(data / LOCK_FILE, 0o000)
        toml.write_text(TOML.replace("2030/1", "2030/2"), encoding="utf-8")
        proc = subprocess.run([*AS_NOBODY, str(VENV_CLI), "--data", str(data), "import", str(toml)],
                              capture_output=True, text=True, timeout=60, cwd=base, env=env)
        _assert_one_swedish_line(proc, "Låsfilen", "behörighet")
    finally:
        shutil.rmtree(base, ignore_errors=True)
