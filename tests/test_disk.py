"""Disk trouble: a read-only data folder, a full disk during a save.

Read-only is tested twice: for real, as the unprivileged user `nobody` via setpriv (root ignores
file permissions, so chmod alone proves nothing when the tests run as root), and in-process with
os.access mocked. ENOSPC is simulated by making the temp file's write, or its fsync, fail.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from remisstui import cli, services
from remisstui.domain.model import Status
from remisstui.store import repository, storage
from remisstui.store.repository import ReadOnlyError, Store, StoreError
from remisstui.store.storage import StorageWriteError
from workers.common import PYTHON, VENV_CLI, folder_fingerprint

EXAMPLE = "KS 2024/112"
BROMMA = "Bromma stadsdelsnämnd"


@pytest.fixture
def seeded(tmp_path):
    s = Store(tmp_path / "data")
    services.ensure_seeded(s)
    return tmp_path / "data"


# --- read-only -----------------------------------------------------------------------------------


def test_read_only_via_mocked_access(seeded, monkeypatch):
    real_access = os.access
    monkeypatch.setattr(repository.os, "access",
                        lambda p, mode, **kw: False if mode & os.W_OK else real_access(p, mode, **kw))
    before = folder_fingerprint(seeded)
    store = Store(seeded)
    assert store.read_only is True
    assert store.load(EXAMPLE).title
    assert len(store.summaries()) == 1
    with pytest.raises(ReadOnlyError) as exc:
        services.set_status(store, EXAMPLE, [BROMMA], Status.registered)
    assert "skrivskyddad" in str(exc.value)
    assert services.ensure_seeded(store) is None
    assert folder_fingerprint(seeded) == before


def test_read_only_cli_says_so(seeded, monkeypatch, capsys):
    real_access = os.access
    monkeypatch.setattr(repository.os, "access",
                        lambda p, mode, **kw: False if mode & os.W_OK else real_access(p, mode, **kw))
    assert cli.main(["--data", str(seeded), "show", EXAMPLE, "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["dnr"] == EXAMPLE
    assert "skrivskyddad" in err


def _nobody_available() -> bool:
    return os.geteuid() == 0 and shutil.which("setpriv") is not None


@pytest.mark.skipif(not _nobody_available(), reason="needs root and setpriv to run as nobody")
def test_read_only_for_real_as_nobody():
    base = Path(tempfile.mkdtemp(prefix="remisstui-ro-"))
    try:
        os.chmod(base, 0o755)
        data = base / "data"
        services.ensure_seeded(Store(data))
        (data / ".lock").unlink()  # a lock file nobody cannot open must not matter either
        for p in [data, *data.rglob("*")]:
            os.chmod(p, 0o755 if p.is_dir() else 0o644)
        before = folder_fingerprint(data)
        code = (
            "import sys, os\n"
            "from remisstui import services\n"
            "from remisstui.domain.model import Status\n"
            "from remisstui.store.repository import Store, ReadOnlyError\n"
            "assert os.getuid() != 0\n"
            "s = Store(sys.argv[1])\n"
            "print('read_only', s.read_only)\n"
            "print('title', s.load('KS 2024/112').title)\n"
            "try:\n"
            "    services.set_status(s, 'KS 2024/112', ['Bromma stadsdelsnämnd'], Status.registered)\n"
            "    print('wrote')\n"
            "except ReadOnlyError as exc:\n"
            "    print('refused', exc)\n"
        )
        as_nobody = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
        proc = subprocess.run([*as_nobody, PYTHON, "-c", code, str(data)], capture_output=True, text=True,
                              timeout=60, cwd=base)
        assert proc.returncode == 0, proc.stderr
        assert "read_only True" in proc.stdout
        assert "title Kommunikationsprogram" in proc.stdout
        assert "refused" in proc.stdout and "skrivskyddad" in proc.stdout
        # The CLI reads it, says it is read-only, and an import is one clear line, exit 1.
        env = {k: v for k, v in os.environ.items() if k != "REMISSTUI_DATA"}
        env["HOME"] = str(base)
        proc = subprocess.run([*as_nobody, str(VENV_CLI), "--data", str(data), "list", "--json"],
                              capture_output=True, text=True, timeout=60, cwd=base, env=env)
        assert proc.returncode == 0, proc.stderr
        assert [r["dnr"] for r in json.loads(proc.stdout)] == [EXAMPLE]
        assert "skrivskyddad" in proc.stderr and "Traceback" not in proc.stderr
        toml = base / "r.toml"
        toml.write_text('dnr = "KS 2030/1"\ntitle = "Fiktiv"\n', encoding="utf-8")
        os.chmod(toml, 0o644)
        proc = subprocess.run([*as_nobody, str(VENV_CLI), "--data", str(data), "import", str(toml)],
                              capture_output=True, text=True, timeout=60, cwd=base, env=env)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr
        assert "skrivskyddad" in proc.stderr.strip().splitlines()[-1]
        assert folder_fingerprint(data) == before
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_missing_folder_that_cannot_be_created(tmp_path, monkeypatch):
    blocker = tmp_path / "fil"
    blocker.write_text("x")
    with pytest.raises(StoreError) as exc:
        Store(blocker / "data")
    assert "kunde inte skapas" in str(exc.value)


# --- a full disk -----------------------------------------------------------------------------------


class _FullDiskFile:
    def __init__(self, fh):
        self._fh = fh

    def write(self, data):
        self._fh.write(data[: len(data) // 2])  # a partial write, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name):
        return getattr(self._fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._fh.close()


def _fail_write(monkeypatch):
    real_fdopen = os.fdopen
    monkeypatch.setattr(storage.os, "fdopen", lambda fd, *a, **kw: _FullDiskFile(real_fdopen(fd, *a, **kw)))


def _fail_fsync(monkeypatch):
    def fsync(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage.os, "fsync", fsync)


@pytest.mark.parametrize("fail", [_fail_write, _fail_fsync], ids=["write", "fsync"])
def test_full_disk_during_save_keeps_old_file(seeded, monkeypatch, fail):
    store = Store(seeded)
    path = store.path_for(EXAMPLE)
    before = folder_fingerprint(seeded)
    old = path.read_bytes()
    fail(monkeypatch)
    with pytest.raises(StorageWriteError) as exc:
        services.set_status(store, EXAMPLE, [BROMMA], Status.registered)
    msg = str(exc.value)
    assert msg.startswith("Disken är full"), msg
    assert "Inget ändrades" in msg
    # A user's save failing on a full disk is a StoreError too: every face reports it as one line.
    assert isinstance(exc.value, StoreError)
    assert path.read_bytes() == old
    assert folder_fingerprint(seeded) == before  # no temp file, nothing else touched
    monkeypatch.undo()
    services.set_status(store, EXAMPLE, [BROMMA], Status.registered)  # works again afterwards
    assert Store(seeded).load(EXAMPLE).recipient(BROMMA).status is Status.registered


def test_full_disk_register_save(seeded, monkeypatch):
    store = Store(seeded)
    before = folder_fingerprint(seeded)
    register = store.load_register()
    _fail_write(monkeypatch)
    with pytest.raises(StorageWriteError):
        store.save_register(register)
    assert folder_fingerprint(seeded) == before


def test_full_disk_cli_is_one_line(seeded, tmp_path, monkeypatch, capsys):
    toml = tmp_path / "r.toml"
    toml.write_text('dnr = "KS 2030/1"\ntitle = "Fiktiv"\n', encoding="utf-8")
    before = folder_fingerprint(seeded)
    _fail_write(monkeypatch)
    assert cli.main(["--data", str(seeded), "import", str(toml)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Disken är full" in err and "Errno" not in err
    out = tmp_path / "ut.toml"
    assert cli.main(["--data", str(seeded), "export", EXAMPLE, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Disken är full" in err and "Errno" not in err
    assert not out.exists()
    monkeypatch.undo()
    after = folder_fingerprint(seeded)
    after.pop("index.json", None)
    before.pop("index.json", None)
    assert after == before


def test_full_disk_index_write_is_harmless(seeded, monkeypatch):
    """The index is a cache: failing to write it must not fail a read."""
    (seeded / "index.json").unlink(missing_ok=True)
    _fail_write(monkeypatch)
    store = Store(seeded)
    assert [s.dnr for s in store.summaries()] == [EXAMPLE]
    assert not any(p.name.startswith(".tmp-") for p in seeded.rglob("*"))
