"""domain/history.py: events from changes, undo from events."""

from __future__ import annotations

from datetime import date, datetime

from remisstui.domain.history import (
    REMISS_TARGET,
    apply_fields,
    diff,
    last_undoable,
    make_event,
    recipient_target,
    snapshot,
    target_label,
    undo_conflicts,
)
from remisstui.domain.model import Event, Extension, Recipient, Remiss, Status

T0 = datetime(2024, 5, 1, 9, 0)


def remiss() -> Remiss:
    return Remiss(dnr="KS 1/1", title="t", recipients=[Recipient(organisation="A"), Recipient(organisation="B")])


def ev(target, before, after, change, what="x", undoes=""):
    return Event(at=T0, by="u", what=what, target=target, before=before, after=after, change=change, undoes=undoes)


def test_diff_keeps_only_changed_fields():
    assert diff({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}) == ({"b": 2, "c": None}, {"b": 3, "c": 4})
    assert diff(None, {"a": 1}) == (None, {"a": 1})


def test_make_event_none_when_nothing_changed():
    r = remiss()
    s = snapshot(r, recipient_target("A"))
    assert make_event(recipient_target("A"), s, s, what="w", by="u", change="c") is None
    r.recipient("A").status = Status.answered
    e = make_event(recipient_target("A"), s, snapshot(r, recipient_target("A")), what="w", by="u", change="c")
    assert e.before == {"status": "sent"} and e.after == {"status": "answered"}


def test_snapshot_leaves_out_store_fields():
    r = remiss()
    assert "revision" not in snapshot(r, REMISS_TARGET) and "recipients" not in snapshot(r, REMISS_TARGET)
    assert "revision" not in snapshot(r, recipient_target("A"))
    assert snapshot(r, recipient_target("Z")) is None
    assert target_label(recipient_target("A")) == "A" and target_label(REMISS_TARGET) == "Remissen"


def test_apply_fields_reverses_and_keeps_revision():
    r = remiss()
    r.recipient("A").revision = 7
    before = snapshot(r, recipient_target("A"))
    r.recipient("A").extensions.append(Extension(new_deadline=date(2024, 6, 1)))
    b, _a = diff(before, snapshot(r, recipient_target("A")))
    apply_fields(r, recipient_target("A"), b)
    assert r.recipient("A").extensions == [] and r.recipient("A").revision == 7
    apply_fields(r, recipient_target("B"), None)
    assert r.recipient("B") is None
    apply_fields(r, recipient_target("C"), {"status": "answered"})
    assert r.recipient("C").status is Status.answered
    apply_fields(r, REMISS_TARGET, {"title": "ny", "deadline": "2024-06-03"})
    assert r.title == "ny" and r.deadline == date(2024, 6, 3)


def test_last_undoable_skips_creation_and_undone_changes():
    events = [
        ev(REMISS_TARGET, None, {"dnr": "KS 1/1"}, "c0", what="Skapade remissen"),
        ev(recipient_target("A"), None, {"organisation": "A"}, "c0", what="La till mottagaren A"),
        ev(recipient_target("A"), {"status": "sent"}, {"status": "answered"}, "c1"),
        ev(recipient_target("A"), {"status": "answered"}, {"status": "declined"}, "c2"),
        ev(recipient_target("A"), {"status": "declined"}, {"status": "answered"}, "c3", undoes="c2"),
    ]
    assert [e.change for e in last_undoable(events)] == ["c1"]
    assert last_undoable(events[:2]) == []  # creation alone: nothing to undo
    assert last_undoable([]) == []


def test_undo_conflicts():
    r = remiss()
    r.recipient("A").status = Status.answered
    ok = [ev(recipient_target("A"), {"status": "sent"}, {"status": "answered"}, "c1")]
    assert undo_conflicts(r, ok) is None
    r.recipient("A").status = Status.declined
    assert "ändrats" in undo_conflicts(r, ok)
    gone = [ev(recipient_target("Z"), {"status": "sent"}, {"status": "answered"}, "c1")]
    assert "finns inte längre" in undo_conflicts(r, gone)
    added = [ev(recipient_target("A"), None, {"organisation": "A"}, "c1")]
    assert undo_conflicts(r, added) is None
    removed = [ev(recipient_target("A"), {"organisation": "A"}, None, "c1")]
    assert "finns igen" in undo_conflicts(r, removed)
