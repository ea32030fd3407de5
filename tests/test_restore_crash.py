"""SIGKILL during `restore --force`: the data folder is always the old data or the backup, never a mix.

A process restores two different backups in turn and is killed at random moments. Right after each
kill, before anyone tidies up, the data folder (or, between the fallback's two renames, the complete
new folder beside it) must hold exactly one of the two backups. Then the next open tidies whatever
the restore left beside the folder, and the folder still holds exactly one of them.
"""

from __future__ import annotations

import hashlib
import os
import random
import time
import zipfile
from pathlib import Path

import pytest

from remisstui import services
from remisstui.services import backup
from remisstui.domain.model import Recipient, Remiss, Status
from remisstui.store.repository import Store
from workers.spawn import Spawner


def _data(folder: Path) -> dict[str, str]:
    out = {}
    for p in [folder / "register.json", *sorted((folder / "remisser").glob("*.json"))]:
        if p.is_file():
            out[str(p.relative_to(folder))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def _zip_data(z: Path) -> dict[str, str]:
    with zipfile.ZipFile(z) as zf:
        return {n: hashlib.sha256(zf.read(n)).hexdigest() for n in zf.namelist()}


def _two_backups(tmp_path: Path) -> tuple[Path, Path]:
    """Two backups with different remisser and a different register, 40 files each."""
    zips = []
    for name, offset in (("a", 0), ("b", 100)):
        store = Store(tmp_path / f"källa-{name}")
        services.ensure_seeded(store)
        for i in range(39):
            services.create_remiss(store, Remiss(
                dnr=f"KS 2030/{offset + i}", title=f"Fiktiv {name} {i}",
                recipients=[Recipient(organisation="Krocktestnämnden")]))
        services.set_status(store, "KS 2024/112", ["Bromma stadsdelsnämnd"],
                            Status.registered if name == "a" else Status.answered)
        zips.append(backup.backup(store, tmp_path / f"{name}.zip").path)
    return zips[0], zips[1]


def _siblings(folder: Path) -> list[Path]:
    return [p for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}.restore-")]


def run_restore_kills(tmp_path: Path, kills: int, seed: int, mode: str) -> dict:
    rng = random.Random(seed)
    zip_a, zip_b = _two_backups(tmp_path)
    states = [_zip_data(zip_a), _zip_data(zip_b)]
    assert states[0] != states[1]
    folder = tmp_path / "data"
    backup.restore(zip_a, folder)
    stats = {"kills": 0, "acks": 0, "folder_missing": 0, "leftovers": 0, "was_b": 0}
    spawner = Spawner()
    try:
        for _ in range(kills):
            first, second = (zip_a, zip_b) if rng.random() < 0.5 else (zip_b, zip_a)
            pid, early = spawner.go("restorer", str(folder), str(first), str(second), mode)
            seen = list(early)
            if rng.random() < 0.5:
                seen += spawner.wait_for(lambda line: line.startswith("ack "))
            time.sleep(rng.uniform(0, 0.15))
            seen += spawner.kill_and_reap(pid)
            stats["kills"] += 1
            stats["acks"] += sum(line.startswith("ack ") for line in seen)
            # As the kill left it, before any open tidies up.
            leftovers = _siblings(folder)
            stats["leftovers"] += bool(leftovers)
            if folder.is_dir():
                assert _data(folder) in states, "a mixed data folder"
            else:
                stats["folder_missing"] += 1
                assert mode == "two-renames", "the exchange never leaves the folder missing"
                new = folder.parent / f".{folder.name}.restore-new"
                assert _data(new) in states
            services.open_store(folder)
            assert _siblings(folder) == []
            now = _data(folder)
            assert now in states
            stats["was_b"] += now == states[1]
            reopened = Store(folder)
            assert len(reopened.summaries()) == 40 and reopened.problems == []
    finally:
        spawner.close()
    return stats


@pytest.mark.parametrize("mode", ["exchange", "two-renames"])
def test_sigkill_during_restore(tmp_path, mode):
    stats = run_restore_kills(tmp_path, kills=6, seed=int(os.environ.get("CRASH_SEED", "1")), mode=mode)
    print(f"restore crash stats ({mode}):", stats)
    assert stats["kills"] == 6


@pytest.mark.long
@pytest.mark.parametrize("mode", ["exchange", "two-renames"])
def test_sigkill_during_restore_long(tmp_path, mode):
    kills = int(os.environ.get("CRASH_KILLS", "60"))
    stats = run_restore_kills(tmp_path, kills=kills, seed=random.randrange(10**6), mode=mode)
    print(f"restore crash stats ({mode}):", stats)
    assert stats["acks"] > 0
