"""SIGKILL during saves: the file is always readable, holds the old or the new content, and every
save acknowledged before the kill is there. No temp file survives the next open."""

from __future__ import annotations

import os
import random
import signal
import time

import orjson
import pytest

from remisstui import services
from remisstui.domain.model import Recipient, Remiss
from remisstui.store.repository import Store
from remisstui.store.storage import TEMP_PREFIX
from workers.spawn import Spawner

DNR = "KS 2030/100"
ORG = "Krocktestnämnden"


def _temp_files(folder):
    return [p for p in folder.rglob("*") if p.name.startswith(TEMP_PREFIX)]


def run_kills(folder, kills: int, seed: int) -> dict:
    rng = random.Random(seed)
    store = Store(folder, user="setup")
    services.create_remiss(store, Remiss(dnr=DNR, title="Fiktiv krocktest", recipients=[Recipient(organisation=ORG)]))
    path = store.path_for(DNR)
    last_ack = 0
    stats = {"kills": 0, "in_flight_landed": 0, "temp_left": 0, "acks": 0}
    spawner = Spawner()
    try:
        for _ in range(kills):
            pid, early = spawner.go("saver", str(folder), DNR, ORG)
            wait_acks = rng.choice([0, 0, 1, 2, 3, 5])
            seen = list(early)
            while sum(line.startswith("ack ") for line in seen) < wait_acks:
                seen += spawner.wait_for(lambda line: line.startswith("ack "))
            time.sleep(rng.uniform(0, 0.006))
            output = seen + spawner.kill_and_reap(pid)
            stats["kills"] += 1
            for line in output:
                if line.startswith("start "):
                    assert int(line.split()[1]) >= last_ack
                if line.startswith("ack "):
                    n = int(line.split()[1])
                    assert n == last_ack + 1, (n, last_ack)
                    last_ack = n
                    stats["acks"] += 1
            stats["temp_left"] += len(_temp_files(folder))
            # The file is readable JSON as it lies on disk, before anyone cleans up.
            orjson.loads(path.read_bytes())
            reopened = Store(folder, user="check")
            assert _temp_files(folder) == []
            assert reopened.problems == []
            remiss, events = reopened.load_with_events(DNR)
            note = int(remiss.recipient(ORG).note or 0)
            # Old or new content: every acknowledged save, plus at most the one in flight.
            assert note in (last_ack, last_ack + 1), (note, last_ack)
            if note == last_ack + 1:
                stats["in_flight_landed"] += 1
                last_ack = note  # the next run starts from it
            note_events = [e for e in events if e.what.startswith("note ")]
            assert len(note_events) == note
            assert [e.what for e in note_events[-1:]] == ([f"note {note}"] if note else [])
            assert [s.dnr for s in reopened.summaries()] == [DNR]
    finally:
        spawner.close()
    return stats


def test_sigkill_during_saves(tmp_path):
    stats = run_kills(tmp_path / "data", kills=20, seed=int(os.environ.get("CRASH_SEED", "1")))
    print("crash stats:", stats)
    assert stats["kills"] == 20
    assert stats["acks"] > 0


@pytest.mark.long
def test_sigkill_during_saves_long(tmp_path):
    stats = run_kills(tmp_path / "data", kills=int(os.environ.get("CRASH_KILLS", "250")), seed=random.randrange(10**6))
    print("crash stats:", stats)
    assert stats["acks"] > 0


def test_kill_during_register_save_keeps_register_readable(tmp_path):
    """The register is written the same way; a killed writer never leaves it torn."""
    import subprocess

    from workers.common import PYTHON

    folder = tmp_path / "data"
    services.ensure_seeded(Store(folder))
    code = (
        "import sys\n"
        "from remisstui.store.repository import Store\n"
        "s = Store(sys.argv[1])\n"
        "r = s.load_register()\n"
        "print('ready', flush=True)\n"
        "i = 0\n"
        "while True:\n"
        "    i += 1\n"
        "    s.save_register(r, what=f'save {i}')\n"
    )
    for delay in (0.05, 0.11, 0.17):
        proc = subprocess.Popen([PYTHON, "-c", code, str(folder)], stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        register = Store(folder).load_register()
        assert len(register.organisations) > 30
        assert _temp_files(folder) == []
