"""Four registrators export, edit and import the same remiss at once, each in a field of their own.

Before exports carried revisions, the last import silently put back the fields the others had
changed (120 lost changes in 200). Now a stale import merges: every writer's last acknowledged value
is in the remiss at the end, and nobody's import was refused (nobody touched another's field).
"""

from __future__ import annotations

import os
import subprocess

import pytest

from remisstui import services
from remisstui.store.repository import Store
from workers.common import PYTHON

EXAMPLE = "KS 2024/112"
WRITER = r'''
import re, sys, tomllib
from pathlib import Path
from remisstui import services
from remisstui.store.repository import ConflictError, Store

folder, me, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
store = Store(folder, user=f"w{me}")
sys.stdin.readline()  # all four start together
f = Path(folder).parent / f"w{me}.toml"
for n in range(1, rounds + 1):
    text = services.export_toml(store, "KS 2024/112")
    value = f"w{me}-{n}"
    if me == 0:
        text = re.sub(r'^title = ".*"$', f'title = "{value}"', text, count=1, flags=re.M)
    elif me == 1:
        text = re.sub(r'^sender = ".*"$', f'sender = "{value}"', text, count=1, flags=re.M)
    else:
        # A recipient's note: writer 2 the first recipient, writer 3 the second.
        parts = text.split("[[recipients]]\n")
        block = re.sub(r'^note = ".*"\n', "", parts[me - 1], flags=re.M)
        parts[me - 1] = f'note = "{value}"\n' + block
        text = "[[recipients]]\n".join(parts)
    f.write_text(text, encoding="utf-8")
    services.import_toml(store, f)
    print("ack", value, flush=True)
'''


def run_writers(tmp_path, rounds: int) -> None:
    folder = tmp_path / "data"
    store = Store(folder)
    services.ensure_seeded(store)
    # The example's header has no sender line (the default); give it one so writer 1 can edit it.
    services.update_remiss_header(store, EXAMPLE, _with_sender(store.load(EXAMPLE)), base_revision=0)
    procs = [subprocess.Popen([PYTHON, "-c", WRITER, str(folder), str(i), str(rounds)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(4)]
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
    last = [out.split()[-1] for out, _err in outs]
    remiss = Store(folder).load(EXAMPLE)
    assert remiss.title == last[0]
    assert remiss.sender == last[1]
    assert remiss.recipients[0].note == last[2]
    assert remiss.recipients[1].note == last[3]
    events = Store(folder).load_with_events(EXAMPLE)[1]
    assert sum(e.what.startswith("Uppdaterade remissen från") for e in events) == 4 * rounds
    # No import ever put an older value back: each field's values only move forward.
    for field in ("title", "sender", "note"):
        for target in {e.target for e in events}:
            values = [int(e.after[field].split("-")[1]) for e in events if e.target == target and e.after
                      and isinstance(e.after.get(field), str) and e.after[field].startswith("w")]
            assert values == sorted(values), (target, field, values)


def _with_sender(remiss):
    remiss.sender = "Stadsledningskontoret"
    return remiss


def test_four_writers_with_stale_exports_lose_nothing(tmp_path):
    run_writers(tmp_path, rounds=int(os.environ.get("STALE_ROUNDS", "15")))


@pytest.mark.long
def test_four_writers_with_stale_exports_lose_nothing_long(tmp_path):
    run_writers(tmp_path, rounds=int(os.environ.get("STALE_ROUNDS", "50")))
