"""A dnr never exists twice (issue 13.8).

When `KS-2025-1.json` could not be read, `import` created `KS-2025-1~2.json`; once the first was
readable again, `list --all` showed KS 2025/1 twice. An unreadable file that holds, or by its name
would hold, the dnr now blocks the creation with a message naming it; two readable files with one
dnr (left by an older version) show the remiss once and name the other file.
"""

from __future__ import annotations

import json
import shutil

from remisstui import services
from remisstui.domain.model import Remiss
from remisstui.store.repository import REMISS_DIR, Store
from workers.common import run_cli

DNR = "KS 2025/1"
TOML = f'dnr = "{DNR}"\ntitle = "Första"\n'


def _import(data_dir, tmp_path, text=TOML):
    toml = tmp_path / "r.toml"
    toml.write_text(text, encoding="utf-8")
    return run_cli("import", str(toml), data=data_dir)


def _remiss_names(data_dir):
    return sorted(p.name for p in (data_dir / REMISS_DIR).iterdir())


def test_unreadable_file_with_the_dnrs_name_blocks_creation(data_dir, tmp_path):
    assert _import(data_dir, tmp_path).returncode == 0
    path = data_dir / REMISS_DIR / "KS-2025-1.json"
    good = path.read_bytes()
    path.write_bytes(good[:40])  # damaged: not valid JSON
    before = _remiss_names(data_dir)
    proc = _import(data_dir, tmp_path, TOML.replace("Första", "Andra"))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "KS-2025-1.json" in proc.stderr.strip().splitlines()[-1]
    assert _remiss_names(data_dir) == before  # no KS-2025-1~2.json
    # Once the file is readable again, the dnr is there once.
    path.write_bytes(good)
    proc = run_cli("list", "--all", "--json", data=data_dir)
    assert [r["dnr"] for r in json.loads(proc.stdout)].count(DNR) == 1


def test_any_spelling_of_the_dnr_is_blocked(data_dir, tmp_path):
    assert _import(data_dir, tmp_path).returncode == 0
    (data_dir / REMISS_DIR / "KS-2025-1.json").write_bytes(b"{")
    store = Store(data_dir)
    for spelling in ("ks-2025-1", "KS2025/1", "Dnr KS 2025/1"):
        try:
            services.create_remiss(store, Remiss(dnr=spelling, title="x"))
        except services.StoreError as exc:
            assert "KS-2025-1.json" in str(exc)
        else:
            raise AssertionError(f"{spelling} was created beside an unreadable KS-2025-1.json")
    assert _remiss_names(data_dir) == ["KS-2024-112.json", "KS-2025-1.json"]


def test_unreadable_file_under_another_name_that_still_shows_the_dnr_blocks(data_dir, tmp_path):
    assert _import(data_dir, tmp_path).returncode == 0
    src = data_dir / REMISS_DIR / "KS-2025-1.json"
    data = json.loads(src.read_bytes())
    data["remiss"]["1"]["deadline"] = "9999-12-31"  # valid JSON, a date the model refuses
    (data_dir / REMISS_DIR / "omdöpt.json").write_text(json.dumps(data), encoding="utf-8")
    src.unlink()
    proc = _import(data_dir, tmp_path)
    assert proc.returncode == 1 and "omdöpt.json" in proc.stderr.strip().splitlines()[-1]


def test_an_unrelated_unreadable_file_does_not_block(data_dir, tmp_path):
    (data_dir / REMISS_DIR / "KS-2025-2.json").write_bytes(b"not json")
    proc = _import(data_dir, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "KS-2025-2.json" in proc.stderr  # still reported


def test_two_readable_files_with_one_dnr_show_it_once_and_name_the_other(data_dir, tmp_path):
    assert _import(data_dir, tmp_path).returncode == 0
    shutil.copy(data_dir / REMISS_DIR / "KS-2025-1.json", data_dir / REMISS_DIR / "KS-2025-1~2.json")
    proc = run_cli("list", "--all", "--json", data=data_dir)
    assert proc.returncode == 0
    assert [r["dnr"] for r in json.loads(proc.stdout)].count(DNR) == 1
    assert "KS-2025-1~2.json" in proc.stderr and "samma diarienummer" in proc.stderr
    store = Store(data_dir)
    assert store.path_for(DNR).name == "KS-2025-1.json"
    store.summaries()
    assert store.path_for("ks-2025-1").name == "KS-2025-1.json"


def test_slug_collision_of_different_dnrs_still_gets_a_suffix(data_dir):
    # SÖD 1 and SOD 1 are different numbers that share the file name SOD-1: the ~2 file is right.
    store = Store(data_dir)
    services.create_remiss(store, Remiss(dnr="SÖD 1", title="a"))
    services.create_remiss(store, Remiss(dnr="SOD 1", title="b"))
    assert {s.dnr for s in Store(data_dir).summaries()} >= {"SÖD 1", "SOD 1"}
    assert "SOD-1~2.json" in _remiss_names(data_dir)
