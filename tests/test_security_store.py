"""Store-side security: the user's umask for every file, exports stay where they are told, hostile dnr."""

from __future__ import annotations

import os
import stat
import subprocess

from remisstui import cli, services
from remisstui.domain.model import Recipient, Remiss
from remisstui.store.repository import Store
from workers.common import PYTHON

UMASK_SCRIPT = r"""
import os, sys, stat, threading
os.umask(0o027)
from pathlib import Path
from remisstui import services
from remisstui.services import backup
from remisstui.store.repository import Store
from remisstui.store import storage

seen = {}
real_mkstemp = storage.tempfile.mkstemp
def spy(*a, **kw):
    fd, name = real_mkstemp(*a, **kw)
    seen.setdefault("temp_names", []).append(name)
    return fd, name
storage.tempfile.mkstemp = spy
real_replace = os.replace
def replace(src, dst):
    seen.setdefault("temp_modes", []).append(stat.S_IMODE(os.stat(src).st_mode))
    return real_replace(src, dst)
storage.os.replace = replace

folder = Path(sys.argv[1])
store = Store(folder)
services.ensure_seeded(store)
services.log_reminder(store, "KS 2024/112", ["Bromma stadsdelsnämnd"])
store.summaries()
backup.backup(store, folder.parent / "kopia.zip")
out = {}
for p in [folder, *folder.rglob("*"), folder.parent / "kopia.zip"]:
    out[str(p.relative_to(folder.parent))] = stat.S_IMODE(os.stat(p).st_mode)
out["temp_modes"] = sorted(set(seen.get("temp_modes", [])))
print(repr(out))
"""


def test_files_respect_umask_lock_and_temp_included(tmp_path):
    proc = subprocess.run([PYTHON, "-c", UMASK_SCRIPT, str(tmp_path / "data")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    modes = eval(proc.stdout.strip().splitlines()[-1])  # noqa: S307 - our own repr of ints
    temp_modes = modes.pop("temp_modes")
    assert temp_modes == [0o640], [oct(m) for m in temp_modes]
    assert "data/.lock" in modes and "data/index.json" in modes and "kopia.zip" in modes
    for name, mode in modes.items():
        is_dir = not os.path.splitext(name)[1] and not name.endswith(".lock")
        expected = 0o750 if is_dir else 0o640
        if name == "data":
            continue  # created by mkdir with the umask too, but tmp_path's parent decides nothing here
        assert mode == expected, (name, oct(mode))


def test_export_writes_only_the_chosen_path(tmp_path):
    data = tmp_path / "data"
    target_dir = tmp_path / "ut"
    target_dir.mkdir()
    before = set(tmp_path.rglob("*"))
    assert cli.main(["--data", str(data), "export", "KS 2024/112", "-o", str(target_dir / "x.toml")]) == 0
    created = set(tmp_path.rglob("*")) - before
    outside_data = {p for p in created if data not in p.parents and p != data}
    assert outside_data == {target_dir / "x.toml"}


def test_export_of_hostile_dnr_default_name_is_sanitised(tmp_path, monkeypatch):
    store = Store(tmp_path / "data")
    services.create_remiss(store, Remiss(dnr="../../x 1", title="Fiktiv", recipients=[Recipient(organisation="A")]))
    path = store.path_for("../../x 1")
    assert path.parent == store.remiss_dir and ".." not in path.name and "/" not in path.name
    work = tmp_path / "work" / "deep"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    # export to stdout never creates files; -o FILE writes that file only.
    assert cli.main(["--data", str(tmp_path / "data"), "export", "../../x 1"]) == 0
    assert list(work.iterdir()) == []
    assert not (tmp_path / "x").exists() and not (tmp_path / "x.toml").exists()


def test_dnr_with_path_characters_stays_in_remisser(tmp_path):
    store = Store(tmp_path / "data")
    for dnr in ("../../x 1", "..\\..\\x 2", "/abs/x 3", "a/../../b 4", "\u2215x 5", "NUL 6", "x\u0000y 7"):
        try:
            services.create_remiss(store, Remiss(dnr=dnr, title="Fiktiv"))
        except services.ServiceError:
            assert "\u0000" in dnr  # control characters are refused, not written
            continue
        assert store.path_for(dnr).parent == store.remiss_dir
    files = {p for p in tmp_path.rglob("*") if p.is_file()}
    assert all(store.folder in p.parents for p in files)


def test_restore_zip_slip_never_escapes(tmp_path):
    import zipfile

    from remisstui.services import backup

    z = tmp_path / "evil.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("register.json", b"{}")
        zf.writestr("remisser/../../../escaped.json", b"{}")
    try:
        backup.restore(z, tmp_path / "t")
    except backup.BackupError:
        pass
    assert not (tmp_path / "escaped.json").exists()
    assert not any(p.name == "escaped.json" for p in tmp_path.rglob("*"))
    assert not (tmp_path / "t" / "register.json").exists()
