"""Several processes on one data folder: nothing acknowledged is lost, refusals are conflicts, the
event log accounts for every change, and a lock left by a killed process blocks nobody."""

from __future__ import annotations

import os
import subprocess
from collections import Counter, defaultdict

import pytest

from remisstui import services
from remisstui.domain.history import REMISS_TARGET, recipient_target
from remisstui.domain.model import Recipient, Remiss, Status
from remisstui.store.repository import ConflictError, Store
from workers.common import PYTHON, worker
from workers.spawn import Spawner

DNRS = ["KS 2030/201", "KS 2030/202"]
ORGS = ["Alfanämnden", "Betanämnden", "Gammanämnden"]


def _setup(folder) -> dict[str, int]:
    store = Store(folder, user="setup")
    counts = {}
    for dnr in DNRS:
        services.create_remiss(store, Remiss(dnr=dnr, title="Fiktiv samtidighet",
                                             recipients=[Recipient(organisation=o) for o in ORGS]))
        counts[dnr] = len(store.load_with_events(dnr)[1])
    return counts


def run_editors(folder, processes: int, edits: int, seconds: float) -> dict:
    initial_events = _setup(folder)
    procs = [
        subprocess.Popen(
            [PYTHON, worker("editor.py"), str(folder), str(w), str(edits), str(seconds), str(1000 + w), *DNRS],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for w in range(processes)
    ]
    outputs = []
    for p in procs:
        out, err = p.communicate(timeout=seconds + 120)
        assert p.returncode == 0, err[-3000:]
        outputs.append(out)

    acked_reminders = defaultdict(list)  # (dnr, org) -> notes
    acked_notes = defaultdict(set)
    refused_notes = defaultdict(set)
    acked_titles = defaultdict(set)
    refused_titles = defaultdict(set)
    stats = Counter()
    per_process = []
    for out in outputs:
        lines = out.splitlines()
        assert lines and lines[-1].startswith("done ")
        per_process.append(int(lines[-1].split()[1]))
        for line in lines[:-1]:
            status, kind, rest = line.split(" ", 2)
            dnr, org, value = rest.split("\t")
            stats[f"{status} {kind}"] += 1
            if kind == "reminder":
                acked_reminders[(dnr, org)].append(value)
            elif kind == "note":
                (acked_notes if status == "ok" else refused_notes)[(dnr, org)].add(value)
            else:
                (acked_titles if status == "ok" else refused_titles)[dnr].add(value)

    store = Store(folder, user="check")
    assert store.problems == []
    for dnr in DNRS:
        remiss, events = store.load_with_events(dnr)
        # Every acknowledged reminder is there, exactly once.
        for org in ORGS:
            notes = [r.note for r in remiss.recipient(org).reminders]
            assert Counter(notes) == Counter(acked_reminders[(dnr, org)]), (dnr, org)
        # The event log: one event per acknowledged change, none for a refused one.
        new = events[initial_events[dnr]:]
        assert len(new) == (
            sum(len(acked_reminders[(dnr, o)]) + len(acked_notes[(dnr, o)]) for o in ORGS) + len(acked_titles[dnr])
        )
        logged_notes = defaultdict(set)
        for e in new:
            if e.what.startswith("note "):
                logged_notes[e.target].add(e.what.split(" ", 1)[1])
        for org in ORGS:
            target = recipient_target(org)
            assert logged_notes[target] == acked_notes[(dnr, org)]
            assert not (logged_notes[target] & refused_notes[(dnr, org)])
            # The value on disk is the last acknowledged one (in log order), never a refused one.
            last = [e for e in new if e.target == target and e.what.startswith("note ")]
            expected = last[-1].what.split(" ", 1)[1] if last else ""
            assert remiss.recipient(org).note == expected
            # Each change of the recipient bumped its revision once.
            assert remiss.recipient(org).revision == sum(1 for e in new if e.target == target)
        title_events = [e for e in new if e.target == REMISS_TARGET]
        assert {e.after["title"].removeprefix("Fiktiv rubrik ") for e in title_events} == acked_titles[dnr]
        assert remiss.revision == len(title_events)
        if title_events:
            assert remiss.title == title_events[-1].after["title"]
        # Every event is attributed to the process that made it.
        assert {e.by for e in new} <= {f"w{w}" for w in range(len(outputs))}
    stats["processes"] = len(outputs)
    stats["min_edits_per_process"] = min(per_process)
    return dict(stats)


def test_concurrent_editors(tmp_path):
    stats = run_editors(tmp_path / "data", processes=3, edits=300, seconds=10)
    print("concurrency stats:", stats)
    assert stats["ok reminder"] > 0 and stats["ok note"] > 0


@pytest.mark.long
def test_concurrent_editors_long(tmp_path):
    stats = run_editors(tmp_path / "data", processes=4, edits=int(os.environ.get("EDITS", "1000")), seconds=120)
    print("concurrency stats:", stats)
    assert stats.get("conflict note", 0) > 0


def test_two_processes_same_recipient_one_wins(tmp_path):
    """Both load the same revision, then both save: one wins, the other is told of the conflict."""
    folder = tmp_path / "data"
    _setup(folder)
    code = (
        "import sys\n"
        "from remisstui import services\n"
        "from remisstui.store.repository import Store, ConflictError\n"
        "s = Store(sys.argv[1], user=sys.argv[2])\n"
        "rec = s.load('KS 2030/201').recipient('Alfanämnden')\n"
        "rec.own_dnr = sys.argv[2]\n"
        "print('loaded', flush=True)\n"
        "sys.stdin.readline()\n"
        "try:\n"
        "    services.save_recipient(s, 'KS 2030/201', rec, base_revision=rec.revision)\n"
        "    print('ok', flush=True)\n"
        "except ConflictError as exc:\n"
        "    print('conflict', exc, flush=True)\n"
    )
    procs = [subprocess.Popen([PYTHON, "-c", code, str(folder), who], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for who in ("anna", "bertil")]
    for p in procs:
        assert p.stdout.readline().strip() == "loaded"
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    results = {}
    for who, p in zip(("anna", "bertil"), procs):
        out, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
        results[who] = out.strip()
    assert sorted(r.split()[0] for r in results.values()) == ["conflict", "ok"]
    winner = next(w for w, r in results.items() if r == "ok")
    loser = next(w for w, r in results.items() if r != "ok")
    assert "Konflikt" in results[loser] and "Alfanämnden" in results[loser] and winner in results[loser]
    remiss, events = Store(folder).load_with_events("KS 2030/201")
    assert remiss.recipient("Alfanämnden").own_dnr == winner
    assert [e.by for e in events if e.target == recipient_target("Alfanämnden") and e.before is not None] == [winner]


def test_lock_of_killed_process_does_not_block(tmp_path):
    folder = tmp_path / "data"
    _setup(folder)
    spawner = Spawner()
    try:
        pid, early = spawner.go("locker", str(folder))
        if "locked" not in early:
            spawner.wait_for(lambda line: line == "locked")
        # While it holds the lock, a writer waits and then gets a clear message.
        blocked = Store(folder, lock_timeout=0.3)
        with pytest.raises(services.StoreError) as exc:
            services.set_status(blocked, DNRS[0], [ORGS[0]], Status.registered)
        assert "låst" in str(exc.value)
        # A temp file next to a live writer is not stale: opening a store must not delete it.
        in_flight = folder / "remisser" / ".tmp-KS-2030-201.json.abc.part"
        in_flight.write_bytes(b"half")
        Store(folder)
        assert in_flight.exists()
        spawner.kill_and_reap(pid)
    finally:
        spawner.close()
    store = Store(folder, lock_timeout=2)
    assert not in_flight.exists()  # the writer is gone: now it is stale and removed
    services.set_status(store, DNRS[0], [ORGS[0]], Status.registered)
    assert Store(folder).load(DNRS[0]).recipient(ORGS[0]).status is Status.registered


def test_conflict_is_a_store_error_with_swedish_text(tmp_path):
    folder = tmp_path / "data"
    _setup(folder)
    store = Store(folder)
    rec = store.load(DNRS[0]).recipient(ORGS[0])
    rec.note = "first"
    services.save_recipient(store, DNRS[0], rec, base_revision=rec.revision, what="first")
    rec.note = "second"
    with pytest.raises(ConflictError) as exc:
        services.save_recipient(store, DNRS[0], rec, base_revision=rec.revision, what="second")
    assert "Din ändring sparades inte" in str(exc.value)
