"""Backups: a consistent zip taken under the lock; restore refuses non-empty folders and bad zips."""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import stat
import subprocess
import threading
import time
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from remisstui import cli, services
from remisstui.services import backup
from remisstui.services.backup import BackupError
from remisstui.domain.model import Remiss, Status
from remisstui.store import storage
from remisstui.store.repository import Store, StoreError
from remisstui.store.storage import atomic_write_bytes
from workers.common import PYTHON, folder_fingerprint, run_cli

EXAMPLE = "KS 2024/112"

# Handshakes wait for each other, not for a time: this bound only stops a broken test from hanging.
GUARD = 600


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
    other = Store(store.folder, lock_timeout=GUARD)

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
            if not asking.wait(GUARD):
                errors.append("the backup never asked for the lock")
            atomic_write_bytes(register_file, register_file.read_bytes() + b" ")

    t = threading.Thread(target=writer)
    t.start()
    assert first_half.wait(GUARD)
    done = []
    bt = threading.Thread(target=lambda: done.append(backup.backup(Watched(store.folder, lock_timeout=GUARD), tmp_path / "l.zip")))
    bt.start()
    t.join(GUARD)
    bt.join(GUARD)
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
    services.create_remiss(store, Remiss(dnr="KS 2030/1", title="Fiktiv"))
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


# --- damaged files (issue 13.3) ---------------------------------------------------------------

DAMAGED = b'{"_meta": {"1": {"schema": 1}}, "remiss": {"1": {"dnr": "KS 2030/9", "tit'


def _second_remiss(store):
    services.create_remiss(store, Remiss(dnr="KS 2030/9", title="Fiktiv andra"))
    return store.path_for("KS 2030/9")


def test_damaged_file_is_backed_up_byte_for_byte_and_restored_as_it_was(store, tmp_path):
    damaged = _second_remiss(store)
    damaged.write_bytes(DAMAGED)
    result = backup.backup(store, tmp_path / "b.zip")
    assert result.files == 3
    assert len(result.damaged) == 1 and damaged.name in result.damaged[0]
    with zipfile.ZipFile(result.path) as zf:
        assert zf.read(f"remisser/{damaged.name}") == DAMAGED
    target = tmp_path / "ny"
    restored = backup.restore(result.path, target)
    assert restored.damaged == [f"remisser/{damaged.name}"]
    assert (target / "remisser" / damaged.name).read_bytes() == DAMAGED
    assert data_only(target) == data_only(store.folder)
    fresh = Store(target)
    assert [s.dnr for s in fresh.summaries()] == [EXAMPLE]  # the rest is there and readable
    assert [p.path.name for p in fresh.problems] == [damaged.name]


def test_damaged_register_is_restored_as_it_was(tmp_path):
    z = _zip(tmp_path / "r.zip", {"register.json": b"{not json", "remisser/KS-1-1.json": b"[1]"})
    result = backup.restore(z, tmp_path / "t")
    assert sorted(result.damaged) == ["register.json", "remisser/KS-1-1.json"]
    assert (tmp_path / "t" / "register.json").read_bytes() == b"{not json"
    assert (tmp_path / "t" / "remisser" / "KS-1-1.json").read_bytes() == b"[1]"


def test_cli_names_damaged_files(store, tmp_path):
    damaged = _second_remiss(store)
    damaged.write_bytes(DAMAGED)
    z = tmp_path / "b.zip"
    proc = run_cli("backup", "-o", str(z), data=store.folder)
    assert proc.returncode == 0, proc.stderr
    assert damaged.name in proc.stderr and "byte för byte" in proc.stderr
    proc = run_cli("restore", str(z), data=tmp_path / "ny")
    assert proc.returncode == 0, proc.stderr
    assert f"remisser/{damaged.name}: " in proc.stderr and "återställdes som den var" in proc.stderr
    assert "Traceback" not in proc.stderr


# --- links (issue 13.4) ------------------------------------------------------------------------


def test_backup_never_follows_links(store, tmp_path):
    secret = tmp_path / "passwd"
    secret.write_bytes(b"root:x:0:0:HEMLIGT:/root:/bin/bash\n")
    (store.folder / "remisser" / "x.json").symlink_to(secret)
    (store.folder / "remisser" / "mapp.json").mkdir()
    result = backup.backup(store, tmp_path / "b.zip")
    assert any("x.json är en länk" in s for s in result.skipped)
    assert any("mapp.json är ingen vanlig fil" in s for s in result.skipped)
    with zipfile.ZipFile(result.path) as zf:
        assert sorted(zf.namelist()) == ["register.json", "remisser/KS-2024-112.json"]
        assert not any(b"HEMLIGT" in zf.read(n) for n in zf.namelist())


def test_backup_never_reads_a_linked_remisser_folder_or_register(store, tmp_path):
    outside = tmp_path / "utanför"
    outside.mkdir()
    (outside / "KS-9-9.json").write_bytes(b'{"HEMLIGT": 1}')
    (outside / "reg.json").write_bytes(b'{"HEMLIGT": 2}')
    store.register_path.unlink()
    store.register_path.symlink_to(outside / "reg.json")
    result = backup.backup(store, tmp_path / "a.zip")
    assert "register.json är en länk och kopierades inte" in result.skipped
    shutil.rmtree(store.folder / "remisser")
    (store.folder / "remisser").symlink_to(outside)
    with pytest.raises(BackupError):  # nothing left to copy: neither is followed
        backup.backup(store, tmp_path / "b.zip")
    with zipfile.ZipFile(result.path) as zf:
        assert not any(b"HEMLIGT" in zf.read(n) for n in zf.namelist())


def test_restore_never_writes_through_links(store, tmp_path):
    z = backup.backup(store, tmp_path / "b.zip").path
    outside = tmp_path / "utanför"
    outside.mkdir()
    victim = outside / "KS-2024-112.json"
    victim.write_bytes(b"untouched")
    target = tmp_path / "t"
    (target / "remisser").mkdir(parents=True)
    (target / "remisser" / "KS-2024-112.json").symlink_to(victim)
    # A prepared "staging folder" that points outside: it must be removed, never written into.
    (tmp_path / ".t.restore-partial").symlink_to(outside)
    backup.restore(z, target, force=True)
    assert victim.read_bytes() == b"untouched" and sorted(os.listdir(outside)) == ["KS-2024-112.json"]
    assert not (target / "remisser" / "KS-2024-112.json").is_symlink()
    assert data_only(target) == data_only(store.folder)


# --- part files (issue 13.12) ------------------------------------------------------------------


def test_next_backup_removes_part_files_of_killed_ones_but_not_live_ones(store, tmp_path):
    out = tmp_path / "kopior"
    out.mkdir()
    dead = out / ".tmp-remisstui-backup-20250101-120000.zip.k1ll3d_x.part"
    dead.write_bytes(b"PK" + b"\0" * 4000)
    live = out / ".tmp-annan.zip.l1ve0000.part"
    live.write_bytes(b"PK")
    other = out / ".tmp-rapport.docx.abcdefgh.part"  # not a backup's: left alone
    other.write_bytes(b"x")
    fd = os.open(live, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # a colleague's backup writing right now
    try:
        backup.backup(store, out)
    finally:
        os.close(fd)
    assert not dead.exists()
    assert live.exists() and other.exists()


def test_failed_backup_leaves_no_part_file(store, tmp_path, monkeypatch):
    out = tmp_path / "kopior"
    out.mkdir()
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fh):
            self._fh = fh

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name):
            return getattr(self._fh, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self._fh.close()

    monkeypatch.setattr(storage.os, "fdopen", lambda fd, *a, **kw: Full(real_fdopen(fd, *a, **kw)))
    with pytest.raises(BackupError) as exc:
        backup.backup(store, out / "b.zip")
    assert "Disken är full" in str(exc.value) and "\n" not in str(exc.value)
    monkeypatch.undo()
    assert os.listdir(out) == []
    # The lock held by someone else is a handled error too.
    other = Store(store.folder)
    with other.locked():
        with pytest.raises(StoreError):
            backup.backup(Store(store.folder, lock_timeout=0), out / "c.zip")
    assert os.listdir(out) == []


# --- zip bombs (issue 13.10) --------------------------------------------------------------------


def _bomb(path: Path, members: dict[str, int]) -> Path:
    zeros = b"\0" * (1 << 20)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, size in members.items():
            with zf.open(name, "w", force_zip64=True) as fh:
                for _ in range(size >> 20):
                    fh.write(zeros)
    return path


BOMB_RSS = """
import resource, sys
from remisstui.services import backup
try:
    backup.restore(sys.argv[1], sys.argv[2], force=True)
    print("restored")
except backup.BackupError as exc:
    print("refused", exc)
print("maxrss_kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def test_zip_bomb_is_refused_from_the_directory_without_using_memory(tmp_path):
    z = _bomb(tmp_path / "bomb.zip", {"remisser/KS-1-1.json": 300 << 20})
    assert z.stat().st_size < 2_000_000
    proc = subprocess.run([PYTHON, "-c", BOMB_RSS, str(z), str(tmp_path / "t")], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "refused" in proc.stdout and "för stor uppackad" in proc.stdout
    rss_mb = int(proc.stdout.split("maxrss_kb")[1]) / 1024
    print(f"RSS refusing a {z.stat().st_size // 1000} kB zip of 300 MB zeros: {rss_mb:.0f} MB")
    assert rss_mb < 150  # a read of the member alone would be 300 MB
    assert not (tmp_path / "t" / "remisser" / "KS-1-1.json").exists()


def test_many_small_bombs_are_refused_by_their_ratio(tmp_path):
    z = _bomb(tmp_path / "bomb.zip", {f"remisser/KS-1-{i}.json": 2 << 20 for i in range(3)})
    with pytest.raises(BackupError) as exc:
        backup.restore(z, tmp_path / "t")
    assert "100 gånger" in str(exc.value)
    assert not (tmp_path / "t").exists() or data_only(tmp_path / "t") == {}


def _same_dnr_zip(store, path: Path, n: int) -> Path:
    data = store.path_for(EXAMPLE).read_bytes()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("register.json", store.register_path.read_bytes())
        for i in range(n):
            zf.writestr(f"remisser/KS-2024-112~{i}.json", data)
    return path


def test_a_second_file_for_a_dnr_from_an_older_version_restores_and_is_named(store, tmp_path):
    z = _same_dnr_zip(store, tmp_path / "två.zip", 2)
    result = backup.restore(z, tmp_path / "t")
    assert result.damaged == ["remisser/KS-2024-112~1.json"]
    assert "samma diarienummer" in result.problems[0]
    assert [s.dnr for s in Store(tmp_path / "t").summaries()] == [EXAMPLE]


def test_entries_that_claim_the_same_dnr_are_refused(store, tmp_path):
    z = _same_dnr_zip(store, tmp_path / "samma.zip", 50)
    before = folder_fingerprint(store.folder)
    with pytest.raises(BackupError) as exc:
        backup.restore(z, store.folder, force=True)
    assert "samma diarienummer finns i 50 filer" in str(exc.value) and "inget återställdes" in str(exc.value)
    assert folder_fingerprint(store.folder) == before
    assert not [p for p in tmp_path.iterdir() if ".restore" in p.name]


@pytest.mark.long
def test_twenty_thousand_entries_with_one_dnr_are_refused(store, tmp_path):
    z = _same_dnr_zip(store, tmp_path / "samma.zip", 20_000)
    before = folder_fingerprint(store.folder)
    with pytest.raises(BackupError) as exc:
        backup.restore(z, store.folder, force=True)
    assert "20000 filer" in str(exc.value)
    assert folder_fingerprint(store.folder) == before


# --- restore is atomic (issue 13.2) -------------------------------------------------------------


def _two_states(store, tmp_path):
    """A backup of the folder as it is, then a changed folder: restoring must give exactly one."""
    z = backup.backup(store, tmp_path / "b.zip").path
    services.create_remiss(store, Remiss(dnr="KS 2030/1", title="Fiktiv efter kopian"))
    services.set_status(store, EXAMPLE, ["Bromma stadsdelsnämnd"], Status.answered)
    return z, folder_fingerprint(store.folder)


def _no_leftovers(tmp_path):
    return [p.name for p in tmp_path.rglob("*") if ".restore-" in p.name]


def test_full_disk_during_restore_changes_nothing_and_says_so(store, tmp_path, monkeypatch, capsys):
    z, before = _two_states(store, tmp_path)
    writes = {"n": 0}
    real_write = os.write

    def write(fd, data):
        writes["n"] += 1
        if writes["n"] > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    real_fdopen = os.fdopen

    class FillsUp:  # the old restore wrote through the store's atomic write: fill the disk there too
        def __init__(self, fh):
            self._fh = fh

        def write(self, data):
            writes["n"] += 1
            if writes["n"] > 1:
                raise OSError(errno.ENOSPC, "No space left on device")
            return self._fh.write(data)

        def __getattr__(self, name):
            return getattr(self._fh, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self._fh.close()

    monkeypatch.setattr(backup.os, "write", write)
    monkeypatch.setattr(storage.os, "fdopen", lambda fd, *a, **kw: FillsUp(real_fdopen(fd, *a, **kw)))
    code = cli.main(["--data", str(store.folder), "restore", str(z), "--force"])
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "Disken är full" in err and "Inget ändrades" in err, err
    after = folder_fingerprint(store.folder)
    assert {k: v for k, v in after.items() if not k.startswith("index")} == \
        {k: v for k, v in before.items() if not k.startswith("index")}
    assert _no_leftovers(tmp_path) == []


def test_failed_swap_changes_nothing(store, tmp_path, monkeypatch):
    z, before = _two_states(store, tmp_path)

    def exchange(a, b):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(backup, "_exchange", exchange)
    with pytest.raises(BackupError) as exc:
        backup.restore(z, store.folder, force=True)
    assert "inget ändrades" in str(exc.value)
    assert data_only(store.folder) == {k: v for k, v in before.items() if k == "register.json" or k.startswith("remisser/")}
    assert _no_leftovers(tmp_path) == []


def test_a_failure_after_the_swap_is_reported_as_done(store, tmp_path, monkeypatch):
    z, _before = _two_states(store, tmp_path)

    def rmtree(path, *a, **kw):
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(backup.shutil, "rmtree", rmtree)
    result = backup.restore(z, store.folder, force=True)
    monkeypatch.undo()
    assert result.leftover is not None and result.leftover.is_dir()
    assert [s.dnr for s in Store(store.folder).summaries()] == [EXAMPLE]  # the backup is in place
    # The next open tidies it away.
    services.open_store(store.folder)
    assert _no_leftovers(tmp_path) == []


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_restore_keeps_the_users_own_files(store, tmp_path, monkeypatch, exchange):
    if not exchange:
        monkeypatch.setattr(backup, "_exchange", lambda a, b: False)
    z = backup.backup(store, store.folder).path  # the zip itself lies in the data folder
    (store.folder / "anteckningar.txt").write_text("mina", encoding="utf-8")
    (store.folder / "remisser" / "läs mig.txt").write_text("x", encoding="utf-8")
    services.create_remiss(store, Remiss(dnr="KS 2030/1", title="Fiktiv efter kopian"))
    result = backup.restore(z, store.folder, force=True)
    assert result.files == 2 and result.leftover is None
    assert z.exists() and (store.folder / "anteckningar.txt").read_text(encoding="utf-8") == "mina"
    assert (store.folder / "remisser" / "läs mig.txt").exists()
    assert [s.dnr for s in Store(store.folder).summaries()] == [EXAMPLE]
    assert _no_leftovers(tmp_path) == []


def test_restore_keeps_the_folder_mode(store, tmp_path):
    z = backup.backup(store, tmp_path / "b.zip").path
    os.chmod(store.folder, 0o2770)
    backup.restore(z, store.folder, force=True)
    assert stat.S_IMODE(os.stat(store.folder).st_mode) == 0o2770


# --- what an interrupted restore leaves ---------------------------------------------------------


def _staged(tmp_path, store, name: str, *, with_lock: bool = False) -> Path:
    """A sibling folder as a restore leaves it: a copy of the example folder, KS 2030/1 added."""
    folder = tmp_path / name
    shutil.copytree(store.folder, folder)
    (folder / ".lock").unlink(missing_ok=True)
    services.create_remiss(Store(folder), Remiss(dnr="KS 2030/1", title="Fiktiv ny"))
    (folder / ".lock").unlink(missing_ok=True)
    if with_lock:
        (folder / ".lock").touch()
    return folder


def _dnrs(folder: Path) -> list[str]:
    return sorted(s.dnr for s in Store(folder).summaries())


def test_open_rolls_forward_a_restore_killed_between_the_two_renames(store, tmp_path):
    _staged(tmp_path, store, ".data.restore-new")
    os.rename(store.folder, tmp_path / ".data.restore-old")
    services.open_store(store.folder)  # would otherwise create an empty folder (and seed it)
    assert _dnrs(store.folder) == ["KS 2024/112", "KS 2030/1"]
    assert _no_leftovers(tmp_path) == []


def test_open_drops_a_staged_folder_that_was_never_swapped_in(store, tmp_path):
    _staged(tmp_path, store, ".data.restore-new")
    _staged(tmp_path, store, ".data.restore-partial")
    notices = backup.finish_interrupted_restore(store.folder)
    assert any("som före den" in n for n in notices)
    assert _dnrs(store.folder) == ["KS 2024/112"]
    assert _no_leftovers(tmp_path) == []


def test_open_finishes_a_restore_killed_after_the_exchange(store, tmp_path):
    # After the exchange the sibling holds the old folder, lock file and all; the user's file in it
    # is carried over into the restored folder.
    old = _staged(tmp_path, store, ".data.restore-new", with_lock=True)
    (old / "anteckningar.txt").write_text("mina", encoding="utf-8")
    notices = backup.finish_interrupted_restore(store.folder)
    assert any("blev klar" in n for n in notices)
    assert _dnrs(store.folder) == ["KS 2024/112"]
    assert (store.folder / "anteckningar.txt").read_text(encoding="utf-8") == "mina"
    assert _no_leftovers(tmp_path) == []


def test_leftovers_of_a_running_restore_are_not_touched(store, tmp_path):
    partial = _staged(tmp_path, store, ".data.restore-partial")
    with Store(store.folder).locked():  # the restore holds the data folder's lock while it works
        assert backup.finish_interrupted_restore(store.folder) == []
    assert partial.is_dir()
    assert backup.finish_interrupted_restore(store.folder)  # once it is gone, it is tidied
    assert not partial.exists()
