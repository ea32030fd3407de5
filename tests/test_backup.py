"""Backups: a consistent zip taken under the lock; restore refuses non-empty folders and bad zips."""

from __future__ import annotations

import threading
import time
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from remisstui import cli, services
from remisstui.services import backup
from remisstui.services.backup import BackupError
from remisstui.domain.model import Status
from remisstui.store.repository import Store
from remisstui.store.storage import atomic_write_bytes
from workers.common import folder_fingerprint, run_cli

EXAMPLE = "KS 2024/112"


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "data")
    services.ensure_seeded(s)
    services.set_status(s, EXAMPLE, ["Bromma stadsdelsnämnd"], Status.registered)
    return s


def data_only(folder: Path) -> dict[str, str]:
    return {k: v for k, v in folder_fingerprint(folder).items() if k in ("register.json",) or k.startswith("remisser/")}


def test_backup_contains_exactly_the_data(store, tmp_path):
    (store.folder / "remisser" / ".tmp-x.json.1.part").write_bytes(b"half")
    store.summaries()  # index.json exists
    result = backup.backup(store, tmp_path / "b.zip")
    out = result.path
    assert out == tmp_path / "b.zip" and result.files == 2 and result.damaged == [] == result.skipped
    with zipfile.ZipFile(out) as zf:
        names = sorted(zf.namelist())
        assert names == ["register.json", "remisser/KS-2024-112.json"]
        for n in names:
            assert zf.read(n) == (store.folder / n).read_bytes()


def test_default_name_and_folder_target(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = backup.backup(store).path
    assert out.parent == tmp_path
    assert out.name.startswith("remisstui-backup-") and out.suffix == ".zip"
    stamp = out.name[len("remisstui-backup-"):-4]
    time.strptime(stamp, "%Y%m%d-%H%M%S")
    folder = tmp_path / "kopior"
    folder.mkdir()
    out2 = backup.backup(store, folder).path
    assert out2.parent == folder and out2.name.startswith("remisstui-backup-")
    assert not [p for p in tmp_path.rglob(".tmp-*")]


def test_backup_is_taken_under_the_lock(store, tmp_path):
    """While a writer holds the lock, the backup waits: it never copies a half-done change.

    The writer has done half its change when the backup starts, and does the other half only once
    the backup has asked for the lock. A backup that read anything before it held the lock would
    copy the first half without the second; one that never asked for the lock never gets past
    `asking.wait` (no sleeps: every step is a handshake)."""
    remiss_file = store.path_for(EXAMPLE)
    register_file = store.register_path
    asking = threading.Event()
    first_half = threading.Event()
    other = Store(store.folder, lock_timeout=5)

    class Watched(Store):
        @contextmanager
        def locked(self):
            asking.set()
            with super().locked():
                yield

    errors = []

    def writer():
        with other.locked():
            atomic_write_bytes(remiss_file, remiss_file.read_bytes() + b" ")
            first_half.set()
            if not asking.wait(10):
                errors.append("the backup never asked for the lock")
            atomic_write_bytes(register_file, register_file.read_bytes() + b" ")

    t = threading.Thread(target=writer)
    t.start()
    assert first_half.wait(10)
    done = []
    bt = threading.Thread(target=lambda: done.append(backup.backup(Watched(store.folder, lock_timeout=10), tmp_path / "l.zip")))
    bt.start()
    t.join(15)
    bt.join(15)
    assert errors == []
    assert done, "the backup did not finish"
    with zipfile.ZipFile(done[0].path) as zf:
        assert zf.read("remisser/KS-2024-112.json") == remiss_file.read_bytes()
        assert zf.read("register.json") == register_file.read_bytes()
    assert remiss_file.read_bytes().endswith(b" ") and register_file.read_bytes().endswith(b" ")


def test_restore_round_trip_into_empty_folder(store, tmp_path):
    z = backup.backup(store, tmp_path / "b.zip").path
    target = tmp_path / "ny"
    assert backup.restore(z, target).files == 2
    assert data_only(target) == data_only(store.folder)
    restored = Store(target)
    assert restored.load(EXAMPLE).recipient("Bromma stadsdelsnämnd").status is Status.registered


def test_restore_refuses_non_empty_folder_without_force(store, tmp_path):
    z = backup.backup(store, tmp_path / "b.zip").path
    services.set_status(store, EXAMPLE, ["Bromma stadsdelsnämnd"], Status.answered)
    before = folder_fingerprint(store.folder)
    with pytest.raises(BackupError) as exc:
        backup.restore(z, store.folder)
    assert "--force" in str(exc.value) and "innehåller redan data" in str(exc.value)
    assert folder_fingerprint(store.folder) == before
    # With force the folder becomes exactly the backup, extra remisser removed.
    services.create_remiss(store, services.Remiss(dnr="KS 2030/1", title="Fiktiv"))
    assert backup.restore(z, store.folder, force=True).files == 2
    fresh = Store(store.folder)
    assert [s.dnr for s in fresh.summaries()] == [EXAMPLE]
    assert fresh.load(EXAMPLE).recipient("Bromma stadsdelsnämnd").status is Status.registered


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


GOOD = b'{"_meta": {"1": {"schema": 1}}}'


@pytest.mark.parametrize("members", [
    {"../evil.json": GOOD},
    {"remisser/../../evil.json": GOOD},
    {"/etc/evil.json": GOOD},
    {"remisser/sub/x.json": GOOD},
    {"register.json": GOOD, "notes.txt": b"x"},
    {"remisser/.hidden.json": GOOD},
    {".lock": b""},
    {},
])
def test_restore_validates_the_zip(tmp_path, members):
    z = _zip(tmp_path / "bad.zip", members)
    target = tmp_path / "target"
    with pytest.raises(BackupError) as exc:
        backup.restore(z, target, force=True)
    assert "\n" not in str(exc.value)
    assert not (tmp_path / "evil.json").exists() and not Path("/etc/evil.json").exists()
    assert not target.exists() or not any(p.is_file() and p.name != ".lock" for p in target.rglob("*"))


def test_restore_rejects_non_zip_and_missing(tmp_path):
    f = tmp_path / "x.zip"
    f.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(BackupError):
        backup.restore(f, tmp_path / "t")
    with pytest.raises(BackupError):
        backup.restore(tmp_path / "saknas.zip", tmp_path / "t")


def test_cli_backup_and_restore(tmp_path):
    data = tmp_path / "data"
    assert run_cli("list", data=data).returncode == 0
    z = tmp_path / "kopia.zip"
    proc = run_cli("backup", "-o", str(z), data=data)
    assert proc.returncode == 0, proc.stderr
    assert z.exists() and str(z) in proc.stderr
    proc = run_cli("restore", str(z), data=data)
    assert proc.returncode == 1 and "--force" in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    proc = run_cli("restore", str(z), "--force", data=data)
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("restore", str(z), data=tmp_path / "tom")
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("show", EXAMPLE, "--json", data=tmp_path / "tom")
    assert proc.returncode == 0 and proc.stderr == ""  # restored, not re-seeded


def test_cli_backup_in_process_default_name(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["--data", str(tmp_path / "d"), "list"]) == 0
    assert cli.main(["--data", str(tmp_path / "d"), "backup"]) == 0
    assert len(list(tmp_path.glob("remisstui-backup-*.zip"))) == 1
    assert cli.main(["--data", str(tmp_path / "d"), "backup", "-o", str(tmp_path / "nej" / "x.zip")]) == 1
    assert "finns inte" in capsys.readouterr().err
