"""Events from changes, and undo from events.

An event keeps only the top-level fields that changed, before and after, in serialised form; that
is enough both to show the change and to reverse it.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, NamedTuple

from .model import Event, Recipient, Remiss
from .serialize import from_dict, to_dict

REMISS_TARGET = "remiss"
RECIPIENT_PREFIX = "recipient:"
_HEADER_SKIP = ("recipients", "revision")
_RECIPIENT_SKIP = ("revision",)


class Target(NamedTuple):
    """What an event or a revision is about: the remiss header, or one recipient of it."""

    organisation: str | None  # None: the remiss itself

    @property
    def is_remiss(self) -> bool:
        return self.organisation is None


def recipient_target(organisation: str) -> str:
    return RECIPIENT_PREFIX + organisation


def parse_target(target: str) -> Target:
    """The one reading of a target string ("remiss" or "recipient:<organisation>").

    The organisation is everything after the prefix, colons included ("Nämnd: syd" is a name).
    Anything else (the register's own events) is the remiss header for these purposes: a target
    is only ever looked up in a remiss.
    """
    if target.startswith(RECIPIENT_PREFIX):
        return Target(target[len(RECIPIENT_PREFIX) :])
    return Target(None)


def target_label(target: str) -> str:
    org = parse_target(target).organisation
    return "Remissen" if org is None else org


def new_change_id() -> str:
    return uuid.uuid4().hex[:12]


def snapshot(remiss: Remiss, target: str) -> dict[str, Any] | None:
    """The target's fields in serialised form, or None when it does not exist."""
    if target == REMISS_TARGET:
        data = to_dict(remiss, keep_defaults=True)
        for key in _HEADER_SKIP:
            data.pop(key, None)
        return data
    rec = remiss.recipient(parse_target(target).organisation)
    if rec is None:
        return None
    data = to_dict(rec, keep_defaults=True)
    for key in _RECIPIENT_SKIP:
        data.pop(key, None)
    return data


def diff(before: dict | None, after: dict | None) -> tuple[dict | None, dict | None]:
    """Only the fields that differ; None stands for a target that does not exist."""
    if before is None or after is None:
        return before, after
    keys = [k for k in after.keys() | before.keys() if before.get(k) != after.get(k)]
    keys.sort()
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


def make_event(
    target: str,
    before: dict | None,
    after: dict | None,
    *,
    what: str,
    by: str,
    change: str,
    at: datetime | None = None,
) -> Event | None:
    """An event for the change from `before` to `after`, or None when nothing changed."""
    b, a = diff(before, after)
    if b == a:
        return None
    return Event(at=at or now(), by=by, what=what, target=target, before=b, after=a, change=change)


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def apply_fields(remiss: Remiss, target: str, fields: dict | None) -> None:
    """Set the given serialised fields on the target; None removes a recipient (undo of an add)."""
    if target == REMISS_TARGET:
        if fields is None:
            raise ValueError("Remissen själv kan inte tas bort")
        current = snapshot(remiss, target) or {}
        current.update({k: v for k, v in fields.items()})
        current = {k: v for k, v in current.items() if v is not None}
        rebuilt = from_dict(Remiss, current)
        for key in current.keys() | fields.keys():
            if key in _HEADER_SKIP:
                continue
            setattr(remiss, key, getattr(rebuilt, key))
        return
    org = parse_target(target).organisation
    existing = remiss.recipient(org)
    if fields is None:
        remiss.recipients = [r for r in remiss.recipients if r.organisation != org]
        return
    base = snapshot(remiss, target) if existing else {"organisation": org}
    base.update(fields)
    base = {k: v for k, v in base.items() if v is not None}
    rebuilt_rec = from_dict(Recipient, base)
    if existing is None:
        remiss.recipients.append(rebuilt_rec)
    else:
        rebuilt_rec.revision = existing.revision
        idx = remiss.recipients.index(existing)
        remiss.recipients[idx] = rebuilt_rec


def last_undoable(events: list[Event]) -> list[Event]:
    """The events of the latest change that has not been undone (and is not itself an undo)."""
    undone = {e.undoes for e in events if e.undoes}
    # The change that created the remiss (its header event has no "before") cannot be undone; its
    # recipient events ("La till mottagaren ...") share the change id and must be skipped with it.
    created = {e.change for e in events if e.target == REMISS_TARGET and e.before is None}
    for i in range(len(events) - 1, -1, -1):
        ev = events[i]
        if ev.undoes or ev.change in undone or not ev.change or ev.what.startswith("Skapade"):
            continue
        if ev.change in created:
            continue
        return [e for e in events if e.change == ev.change]
    return []


def undo_conflicts(remiss: Remiss, group: list[Event]) -> str | None:
    """Swedish reason why the group cannot be undone safely (changed again since), else None."""
    for ev in group:
        current = snapshot(remiss, ev.target)
        if ev.after is None:
            if current is not None:
                return f"{target_label(ev.target)} finns igen och kan inte återställas."
            continue
        if current is None:
            return f"{target_label(ev.target)} finns inte längre."
        for key, value in ev.after.items():
            if current.get(key) != value:
                return f"{target_label(ev.target)} har ändrats efter detta; ångra inte över andras ändringar."
    return None
