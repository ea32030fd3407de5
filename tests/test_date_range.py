"""Dates in a sane range (issue 13.1): refused where they enter, harmless where already stored.

A deadline of 9999-12-31 once imported fine; after that `list`, `show`, every `summary`, `remind`
and the TUI's start crashed with OverflowError from next_working_day, for everyone sharing the
folder. Now every date that enters the model passes one range check (domain/dates.py, applied in
domain/serialize.py and parse_date), a file that already holds such a date is reported by name, and
the deadline functions are total over every date Python has.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import EXAMPLE_DNR, TODAY
from remisstui import cli, services
from remisstui.domain import deadlines
from remisstui.domain.calendar import (
    is_non_working_day,
    move_off_holidays,
    next_working_day,
    working_days_between,
)
from remisstui.domain.model import Extension, OrgKind, Recipient, Remiss, Response, Status
from remisstui.store.repository import INDEX_FILE, Store
from workers.common import folder_fingerprint, run_cli

ANY_DATE = st.dates(min_value=date.min, max_value=date.max)
EDGES = st.sampled_from([date.min, date.max, date(9999, 12, 24), date(1, 1, 1), date(1900, 1, 1),
                         date(2199, 12, 31), date(9999, 1, 1)])
DATES = st.one_of(ANY_DATE, EDGES)

TOML_OUT_OF_RANGE = """\
dnr = "KS 2025/1"
title = "Långt fram"
sender = "Kommunstyrelsen"
sent_on = 9999-01-01
deadline = 9999-12-31

[[recipients]]
organisation = "Bromma stadsdelsnämnd"
"""


# --- the deadline functions never raise, whatever the date ---------------------------------------


@settings(max_examples=400, deadline=None)
@given(DATES)
def test_next_working_day_is_total(d):
    moved = next_working_day(d)
    assert moved >= d
    assert moved == date.max or not is_non_working_day(moved)
    assert (moved - d).days <= 7
    due, reason = move_off_holidays(d)
    assert due == moved and (reason is None) == (moved == d)


@settings(max_examples=300, deadline=None)
@given(DATES, DATES)
def test_working_days_between_is_total_and_antisymmetric(a, b):
    n = working_days_between(a, b)
    assert n == -working_days_between(b, a)
    assert abs(n) <= abs((b - a).days)


@settings(max_examples=200, deadline=None)
@given(DATES, st.integers(min_value=-400, max_value=400))
def test_working_days_between_counts_day_by_day(a, span):
    try:
        b = a + timedelta(days=span)
    except OverflowError:
        return
    lo, hi = min(a, b), max(a, b)
    count = 0
    d = lo
    while d < hi:
        d += timedelta(days=1)
        count += not is_non_working_day(d)
    assert working_days_between(lo, hi) == count


@settings(max_examples=300, deadline=None)
@given(deadline=st.none() | DATES, extension=st.none() | DATES, sent=DATES, received=st.none() | DATES,
       today=DATES, status=st.sampled_from(list(Status)))
def test_deadline_functions_are_total(deadline, extension, sent, received, today, status):
    rec = Recipient(organisation="Bromma stadsdelsnämnd", kind=OrgKind.stadsdelsnamnd, status=status)
    if extension is not None:
        rec.extensions.append(Extension(new_deadline=extension))
    if received is not None:
        rec.response = Response(received_on=received)
    remiss = Remiss(dnr="KS 2025/1", title="x", sent_on=sent, deadline=deadline, recipients=[rec])
    force = deadlines.deadline_in_force(remiss, rec)
    assert (force is None) == (deadline is None and extension is None)
    deadlines.is_overdue(remiss, rec, today)
    deadlines.is_due_soon(remiss, rec, today)
    deadlines.days_left(remiss, rec, today)
    deadlines.answered_late(remiss, rec)
    counts = deadlines.remiss_counts(remiss, today)
    assert counts.total == (status is not Status.withdrawn)


# --- refused where it enters -----------------------------------------------------------------------


def test_import_of_a_date_out_of_range_is_refused(data_dir, tmp_path):
    toml = tmp_path / "far.toml"
    toml.write_text(TOML_OUT_OF_RANGE, encoding="utf-8")
    Store(data_dir).summaries()  # the index cache exists, as after any earlier command
    before = folder_fingerprint(data_dir)
    proc = run_cli("import", str(toml), data=data_dir)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "ligger utanför 1900–2199" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert folder_fingerprint(data_dir) == before
    # Each date alone is refused as well.
    toml.write_text(TOML_OUT_OF_RANGE.replace("9999-12-31", "2025-06-01"), encoding="utf-8")
    proc = run_cli("import", str(toml), data=data_dir)
    assert proc.returncode == 1 and "9999-01-01 ligger utanför" in proc.stderr
    assert folder_fingerprint(data_dir) == before


def test_register_with_a_date_out_of_range_is_refused(data_dir, tmp_path):
    out = tmp_path / "reg.toml"
    assert cli.main(["--data", str(data_dir), "register-export", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    marker = 'name = "Bromma stadsdelsnämnd"\n'
    assert marker in text
    out.write_text(text.replace(marker, marker + "valid_to = 2200-01-01\n", 1), encoding="utf-8")
    Store(data_dir).summaries()
    before = folder_fingerprint(data_dir)
    proc = run_cli("register-import", str(out), data=data_dir)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "2200-01-01 ligger utanför 1900–2199" in proc.stderr
    assert folder_fingerprint(data_dir) == before


# --- already stored: reported by name, the rest of the folder works ----------------------------------


def _plant_far_deadline(folder: Path) -> Path:
    """A second remiss whose stored deadline, and one anstånd, lie in year 9999 (a hand edit, or a
    version before the range check), indexed as that version indexed it."""
    store = Store(folder)
    services.create_remiss(store, Remiss(dnr="KS 2025/9", title="Hand-edited", deadline=date(2025, 6, 2),
                                         recipients=[Recipient(organisation="Bromma stadsdelsnämnd",
                                                               kind=OrgKind.stadsdelsnamnd)]))
    path = store.path_for("KS 2025/9")
    data = orjson.loads(path.read_bytes())
    data["remiss"]["1"]["deadline"] = "9999-12-31"
    data["recipients"]["1"]["extensions"] = [{"new_deadline": "9999-12-31"}]
    path.write_bytes(orjson.dumps(data))
    # The old index knew the file with its far dates, stamp and all: trusted without a re-read.
    store = Store(folder)
    store.summaries()
    index = orjson.loads((folder / INDEX_FILE).read_bytes())
    st_ = path.stat()
    entry = dict(index["remisser"][next(iter(n for n in index["remisser"] if n != path.name))])
    entry.update(file=path.name, dnr="KS 2025/9", key="ks20259", title="Hand-edited", state="out",
                 sent_on=None, deadline="9999-12-31", mtime_ns=st_.st_mtime_ns, size=st_.st_size,
                 recipients=[["Bromma stadsdelsnämnd", "stadsdelsnamnd", "sent", "9999-12-31", 1, 0]])
    index["remisser"][path.name] = entry
    (folder / INDEX_FILE).write_bytes(orjson.dumps(index))
    return path


@pytest.mark.parametrize("argv", [
    ["list"], ["list", "--json"], ["list", "--all"], ["show", EXAMPLE_DNR], ["show", EXAMPLE_DNR, "--json"],
    ["summary", EXAMPLE_DNR, "--format", "md"], ["summary", EXAMPLE_DNR, "--format", "json"],
    ["summary", EXAMPLE_DNR, "--format", "csv"],
])
def test_a_stored_far_date_is_reported_and_the_rest_works(data_dir, argv):
    path = _plant_far_deadline(data_dir)
    proc = run_cli(*argv, data=data_dir)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and "OverflowError" not in proc.stderr
    assert path.name in proc.stderr and "utanför 1900–2199" in proc.stderr
    if argv[0] == "list":
        assert EXAMPLE_DNR in proc.stdout and "KS 2025/9" not in proc.stdout
    if argv[-1] == "--json":
        json.loads(proc.stdout)


def test_a_stored_far_date_show_and_remind_of_that_remiss_are_one_line(data_dir, tmp_path):
    _plant_far_deadline(data_dir)
    for argv in (["show", "KS 2025/9"], ["remind", "KS 2025/9", "-o", str(tmp_path)],
                 ["summary", "KS 2025/9", "--format", "md"]):
        proc = run_cli(*argv, data=data_dir)
        assert proc.returncode == 1, (argv, proc.stderr)
        assert "Traceback" not in proc.stderr
    proc = run_cli("remind", EXAMPLE_DNR, "-o", str(tmp_path), data=data_dir)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr


async def test_a_stored_far_date_does_not_stop_the_app(data_dir):
    from remisstui.tui.app import make_app

    path = _plant_far_deadline(data_dir)
    app = make_app(services.open_store(data_dir), today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.pause()
        table = app.screen.query_one("#remisser")
        assert EXAMPLE_DNR in {str(k.value) for k in table.rows}
        messages = [n.message for n in app._notifications]
        assert any(path.name in m and "utanför" in m for m in messages), messages
