"""Merging an edit that was based on an older revision, from the event log (a three-way merge).

Every save that changes a target (the remiss header, one recipient) raises that target's revision
by one and logs one event for it, with the fields it changed, before and after. So the last
`now - then` events of a target say which fields others changed since revision `then`, and what
each was at `then` (the base). A field the edit changed and nobody else did is merged; a field
someone else changed is kept as they left it, unless the edit changed it too: that is a conflict,
and the edit's value is not saved. A field the edit left at its base value is no conflict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .history import REMISS_TARGET, recipient_target, snapshot, target_label
from .model import Event, Recipient, Remiss


@dataclass
class Conflict:
    target: str
    fields: list[str]  # the TOML/serialised field names; empty when the whole target is gone
    by: str = ""
    at: str = ""  # "YYYY-MM-DD HH:MM" of the last change by someone else

    def describe(self) -> str:
        label = target_label(self.target)
        who = f" av {self.by} {self.at}".rstrip() if self.by else ""
        if not self.fields:
            return f"{label} finns inte längre i remissen"
        return f"{label} ({', '.join(self.fields)}) har ändrats{who}"


@dataclass
class Merge:
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)  # target -> fields to set
    new_recipients: list[Recipient] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


def changed_since(events: list[Event], target: str, then: int, now: int) -> dict[str, Any] | None:
    """Fields of `target` changed after revision `then` (it is at `now`), each with its value at
    `then`; None when the log cannot tell (a revision from the future, a log that is too short)."""
    if then == now:
        return {}
    if then > now:
        return None
    own = [e for e in events if e.target == target]
    if now - then > len(own):
        return None
    base: dict[str, Any] = {}
    for ev in own[len(own) - (now - then) :]:
        if ev.before is None or ev.after is None:
            return None
        for key in sorted(ev.before.keys() | ev.after.keys()):
            base.setdefault(key, ev.before.get(key))
    return base


def merge_stale(current: Remiss, incoming: Remiss, based_on: dict[str, int], events: list[Event]) -> Merge:
    """What of `incoming` (edited from the revisions `based_on`) can go into `current` as it is now.

    Recipients the file does not name are left alone: a colleague may have added them since, and a
    recipient is withdrawn, never deleted.
    """
    out = Merge()
    targets = [REMISS_TARGET] + [recipient_target(r.organisation) for r in incoming.recipients]
    for target in targets:
        mine = snapshot(incoming, target) or {}
        now_fields = snapshot(current, target)
        then = based_on.get(target)
        if now_fields is None:
            if then is not None:  # in the exported file, so it existed then
                out.conflicts.append(Conflict(target, []))
            else:
                rec = incoming.recipient(target.split(":", 1)[1])
                if rec is not None:
                    out.new_recipients.append(rec)
            continue
        now_rev = current.revision if target == REMISS_TARGET else current.recipient(target.split(":", 1)[1]).revision
        changed = changed_since(events, target, then, now_rev) if then is not None else None
        to_set: dict[str, Any] = {}
        clashing: list[str] = []
        for key in sorted(mine.keys() | now_fields.keys()):
            value, theirs = mine.get(key), now_fields.get(key)
            if value == theirs:
                continue
            if changed is not None and key not in changed:
                to_set[key] = value  # nobody else changed it
            elif changed is not None and value == changed[key]:
                continue  # the file left it at its base: the colleague's change stays
            else:
                clashing.append(key)
        if to_set:
            out.fields[target] = to_set
        if clashing:
            last = _last_change(events, target, clashing)
            at = "" if last is None else str(last.at)[:16].replace("T", " ")
            out.conflicts.append(Conflict(target, clashing, by=last.by if last else "", at=at))
    return out


def _last_change(events: list[Event], target: str, keys: list[str]) -> Event | None:
    for ev in reversed(events):
        if ev.target == target and (ev.after is None or any(k in ev.after for k in keys)):
            return ev
    return None
