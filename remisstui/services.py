"""What a registrator does, once, for both faces (TUI and CLI): store + formats combined.

Every operation that changes a remiss goes through `Store.update`, which takes the lock, reloads
the newest version, checks the revision the user's edit was based on and writes one file. Every
change becomes an event with the OS user and the time.
"""

from __future__ import annotations

import copy
import dataclasses
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .domain import deadlines
from .domain.dnr import dnr_key, is_valid_dnr
from .domain.history import (
    REMISS_TARGET,
    apply_fields,
    last_undoable,
    make_event,
    new_change_id,
    recipient_target,
    snapshot,
    undo_conflicts,
)
from .domain.model import (
    Event,
    Extension,
    OrgKind,
    Recipient,
    Reminder,
    Remiss,
    RemissState,
    Status,
)
from .domain.register import Register
from .domain.serialize import to_dict
from .store.repository import NotFoundError, RemissSummary, Store, StoreError

ENV_DATA = "REMISSTUI_DATA"


class ServiceError(StoreError):
    """A user's mistake or a refused operation; str() is one Swedish sentence."""


def default_data_dir() -> Path:
    env = os.environ.get(ENV_DATA)
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("remisstui", appauthor=False))


def open_store(folder: str | os.PathLike[str] | None = None) -> Store:
    return Store(Path(folder) if folder else default_data_dir())


def today() -> date:
    return date.today()


# --- seeding -------------------------------------------------------------------------------


def ensure_seeded(store: Store) -> str | None:
    """Fill an empty data folder with Stockholm's register and the example; say what was done."""
    if store.read_only or not store.is_empty():
        return None
    from .formats import toml_io  # only on first start, import and export: not on every start

    register = toml_io.bundled_register()
    store.save_register(register, what="Stockholms register lades in")
    examples = toml_io.bundled_examples(register)
    for remiss in examples:
        create_remiss(store, remiss, what="Skapade remissen från det medföljande exemplet")
    dnrs = ", ".join(r.dnr for r in examples)
    return (
        f"Datamappen {store.folder} var tom: Stockholms register och exemplet {dnrs} lades in."
    )


# --- remisser ------------------------------------------------------------------------------


def find_remiss(store: Store, dnr: str) -> Remiss:
    return store.load(dnr)


def _validate_remiss(remiss: Remiss) -> None:
    if not is_valid_dnr(remiss.dnr):
        raise ServiceError(f"Ogiltigt diarienummer: {remiss.dnr!r}. Det ska innehålla minst en siffra.")
    if not remiss.title.strip():
        raise ServiceError("Remissen behöver en rubrik.")
    if remiss.sent_on and remiss.deadline and remiss.deadline < remiss.sent_on:
        raise ServiceError("Svarsdatum kan inte ligga före utskicksdatum.")


def create_remiss(store: Store, remiss: Remiss, *, what: str = "Skapade remissen") -> Remiss:
    _validate_remiss(remiss)
    remiss = copy.deepcopy(remiss)
    change = new_change_id()
    events = [
        Event(
            at=_now(),
            by=store.user,
            what=what,
            target=REMISS_TARGET,
            before=None,
            after=snapshot(remiss, REMISS_TARGET),
            change=change,
        )
    ]
    for rec in remiss.recipients:
        events.append(
            Event(
                at=_now(),
                by=store.user,
                what=f"La till mottagaren {rec.organisation}",
                target=recipient_target(rec.organisation),
                before=None,
                after=snapshot(remiss, recipient_target(rec.organisation)),
                change=change,
            )
        )
    return store.create(remiss, events)


def change(
    store: Store,
    dnr: str,
    what: str,
    targets: Iterable[str],
    edit: Callable[[Remiss], None],
    *,
    expect: dict[str, int] | None = None,
) -> Remiss:
    """Apply `edit` to the newest remiss and record one event per target that changed."""
    targets = list(targets)

    def mutate(remiss: Remiss) -> list[Event]:
        before = {t: snapshot(remiss, t) for t in targets}
        edit(remiss)
        change_id = new_change_id()
        events = []
        for t in targets:
            ev = make_event(t, before[t], snapshot(remiss, t), what=what, by=store.user, change=change_id)
            if ev is not None:
                events.append(ev)
        return events

    return store.update(dnr, mutate, expect=expect)


def update_remiss_header(store: Store, dnr: str, new: Remiss, *, base_revision: int) -> Remiss:
    """Save edited header fields (title, dates, description, state, dnr); recipients untouched."""
    _validate_remiss(new)
    if dnr_key(new.dnr) != dnr_key(dnr) and store.exists(new.dnr):
        raise ServiceError(f"Diarienumret {new.dnr} finns redan.")

    def edit(remiss: Remiss) -> None:
        for name in ("dnr", "title", "sender", "description", "sent_on", "deadline", "state", "attachments"):
            setattr(remiss, name, copy.deepcopy(getattr(new, name)))

    return change(store, dnr, "Ändrade remissens uppgifter", [REMISS_TARGET], edit,
                  expect={REMISS_TARGET: base_revision})


def set_state(store: Store, dnr: str, state: RemissState) -> Remiss:
    def edit(remiss: Remiss) -> None:
        remiss.state = state

    return change(store, dnr, f"Ändrade remissens läge till {state.value}", [REMISS_TARGET], edit)


def add_recipients(store: Store, dnr: str, names: Iterable[str], register: Register) -> Remiss:
    """Add organisations (by name, short code or sändlista name); ones already there are skipped."""
    wanted: list[tuple[str, OrgKind]] = []
    for name in names:
        lst = register.recipient_list(name)
        members = lst.members if lst else [name]
        for member in members:
            org = register.organisation(member)
            wanted.append((org.name, org.kind) if org else (member.strip(), OrgKind.extern))
    remiss = store.load(dnr)
    new = []
    for name, kind in wanted:
        if name and remiss.recipient(name) is None and name not in [n for n, _ in new]:
            new.append((name, kind))
    if not new:
        return remiss

    def edit(r: Remiss) -> None:
        for name, kind in new:
            if r.recipient(name) is None:
                r.recipients.append(Recipient(organisation=name, kind=kind, status=Status.sent))

    what = "La till " + (new[0][0] if len(new) == 1 else f"{len(new)} mottagare")
    return change(store, dnr, what, [recipient_target(n) for n, _ in new], edit)


def save_recipient(store: Store, dnr: str, rec: Recipient, *, base_revision: int, what: str | None = None) -> Remiss:
    """Replace one recipient with the edited version; refused if someone changed it meanwhile."""
    target = recipient_target(rec.organisation)
    if rec.response and rec.response.received_on and rec.response.received_on > today():
        raise ServiceError("Mottagningsdatum kan inte ligga i framtiden.")

    def edit(remiss: Remiss) -> None:
        current = remiss.recipient(rec.organisation)
        if current is None:
            raise ServiceError(f"{rec.organisation} är inte mottagare av remissen.")
        new = copy.deepcopy(rec)
        new.revision = current.revision
        remiss.recipients[remiss.recipients.index(current)] = new

    return change(store, dnr, what or f"Ändrade svaret från {rec.organisation}", [target], edit,
                  expect={target: base_revision})


def _for_recipients(store: Store, dnr: str, orgs: list[str], what: str, fn: Callable[[Recipient], None]) -> Remiss:
    def edit(remiss: Remiss) -> None:
        for org in orgs:
            rec = remiss.recipient(org)
            if rec is None:
                raise ServiceError(f"{org} är inte mottagare av remissen.")
            fn(rec)

    if not orgs:
        raise ServiceError("Inga mottagare valda.")
    return change(store, dnr, what, [recipient_target(o) for o in orgs], edit)


def set_status(store: Store, dnr: str, orgs: list[str], status: Status) -> Remiss:
    from .domain.model import STATUS_LABELS

    who = orgs[0] if len(orgs) == 1 else f"{len(orgs)} mottagare"

    def fn(rec: Recipient) -> None:
        rec.status = status

    return _for_recipients(store, dnr, orgs, f"Satte status {STATUS_LABELS[status]} för {who}", fn)


def grant_extension(store: Store, dnr: str, orgs: list[str], ext: Extension) -> Remiss:
    remiss = store.load(dnr)
    if remiss.sent_on and ext.new_deadline < remiss.sent_on:
        raise ServiceError("Anståndet kan inte gå ut före utskicksdatum.")
    ext = dataclasses.replace(ext, granted_on=ext.granted_on or today(), granted_by=ext.granted_by or store.user)
    who = orgs[0] if len(orgs) == 1 else f"{len(orgs)} mottagare"

    def fn(rec: Recipient) -> None:
        rec.extensions.append(copy.deepcopy(ext))

    return _for_recipients(store, dnr, orgs, f"Beviljade anstånd till {ext.new_deadline.isoformat()} för {who}", fn)


def log_reminder(store: Store, dnr: str, orgs: list[str], note: str = "", on: date | None = None) -> Remiss:
    who = orgs[0] if len(orgs) == 1 else f"{len(orgs)} mottagare"
    reminder = Reminder(sent_on=on or today(), by=store.user, note=note)

    def fn(rec: Recipient) -> None:
        rec.reminders.append(copy.deepcopy(reminder))

    return _for_recipients(store, dnr, orgs, f"Skickade påminnelse till {who}", fn)


def withdraw(store: Store, dnr: str, orgs: list[str]) -> Remiss:
    return set_status(store, dnr, orgs, Status.withdrawn)


def send_again(store: Store, dnr: str, orgs: list[str]) -> Remiss:
    """Send the remiss again to withdrawn recipients: status back to sent, the rest kept.

    A withdrawn recipient is never deleted (its history stays), so putting it back on the remiss
    is this status change, logged and undoable like every other.
    """
    who = orgs[0] if len(orgs) == 1 else f"{len(orgs)} mottagare"

    def fn(rec: Recipient) -> None:
        if rec.status is not Status.withdrawn:
            raise ServiceError(f"Remissen är inte återkallad för {rec.organisation}.")
        rec.status = Status.sent

    return _for_recipients(store, dnr, orgs, f"Skickade remissen igen till {who}", fn)


def undo_last(store: Store, dnr: str) -> tuple[Remiss, str]:
    """Reverse the latest change not yet undone; returns the remiss and what was undone."""
    _remiss, events = store.load_with_events(dnr)
    group = last_undoable(events)
    if not group:
        raise ServiceError("Det finns ingen ändring att ångra.")
    undone_what = group[0].what

    def mutate(remiss: Remiss) -> list[Event]:
        fresh_events = store.load_with_events(dnr)[1]
        fresh_group = last_undoable(fresh_events)
        if [e.change for e in fresh_group] != [e.change for e in group]:
            raise ServiceError("Någon annan har ändrat remissen under tiden; läs in på nytt.")
        reason = undo_conflicts(remiss, group)
        if reason:
            raise ServiceError(f"Kan inte ångra: {reason}")
        change_id = new_change_id()
        out = []
        for ev in reversed(group):
            before = snapshot(remiss, ev.target)
            apply_fields(remiss, ev.target, ev.before)
            after = snapshot(remiss, ev.target)
            new = make_event(ev.target, before, after, what=f"Ångrade: {ev.what}", by=store.user, change=change_id)
            if new is not None:
                new.undoes = ev.change
                out.append(new)
        return out

    return store.update(dnr, mutate), undone_what


# --- TOML ----------------------------------------------------------------------------------


def import_toml(store: Store, path: str | Path) -> tuple[Remiss, bool]:
    """Create or update a remiss from TOML; returns it and whether it was new."""
    from .formats import toml_io

    data = toml_io.read_file(path)
    register = store.load_register()
    remiss = toml_io.remiss_from_toml(data, str(path), register)
    _validate_remiss(remiss)
    if not store.exists(remiss.dnr):
        return create_remiss(store, remiss, what=f"Skapade remissen från {Path(path).name}"), True
    incoming = remiss
    targets = [REMISS_TARGET]
    current = store.load(remiss.dnr)
    names = {r.organisation for r in current.recipients} | {r.organisation for r in incoming.recipients}
    targets += [recipient_target(n) for n in sorted(names)]

    def edit(r: Remiss) -> None:
        for name in ("dnr", "title", "sender", "description", "sent_on", "deadline", "state", "attachments"):
            setattr(r, name, copy.deepcopy(getattr(incoming, name)))
        revs = {rec.organisation: rec.revision for rec in r.recipients}
        r.recipients = copy.deepcopy(incoming.recipients)
        for rec in r.recipients:
            rec.revision = revs.get(rec.organisation, 0)

    return change(store, remiss.dnr, f"Uppdaterade remissen från {Path(path).name}", targets, edit), False


def export_toml(store: Store, dnr: str) -> str:
    from .formats import toml_io

    return toml_io.remiss_to_toml(store.load(dnr))


# --- views for the CLI's JSON and lists ----------------------------------------------------


def recipient_view(remiss: Remiss, rec: Recipient, on: date) -> dict[str, Any]:
    due = deadlines.due_date(remiss, rec)
    resp = rec.response
    return {
        "organisation": rec.organisation,
        "kind": rec.kind.value,
        "status": rec.status.value,
        "deadline": due.isoformat() if due else None,
        "overdue": deadlines.is_overdue(remiss, rec, on),
        "extended": deadlines.is_extended(rec),
        "reminders": deadlines.reminder_count(rec),
        "own_dnr": rec.own_dnr or None,
        "answered_on": resp.received_on.isoformat() if resp and resp.received_on else None,
        "answer_kind": resp.answer_kind.value if resp else None,
        "stance": resp.stance.value if resp else None,
        "comments": [{"text": c.text, "theme": c.theme or None} for c in resp.comments] if resp else [],
    }


def remiss_view(remiss: Remiss, on: date) -> dict[str, Any]:
    return {
        "dnr": remiss.dnr,
        "title": remiss.title,
        "sender": remiss.sender,
        "description": remiss.description,
        "state": remiss.state.value,
        "sent_on": remiss.sent_on.isoformat() if remiss.sent_on else None,
        "deadline": remiss.deadline.isoformat() if remiss.deadline else None,
        "recipients": [recipient_view(remiss, r, on) for r in remiss.recipients],
    }


@dataclass
class OverviewRow:
    """One remiss on the overview, computed from the store's index without reading the file."""

    dnr: str
    title: str
    state: RemissState
    sent_on: date | None
    deadline: date | None
    total: int
    answered: int
    declined: int
    overdue: int
    extended: int
    due_soon: int

    @property
    def done(self) -> int:
        return self.answered + self.declined

    def days_left(self, on: date) -> int | None:
        return None if self.deadline is None else (self.deadline - on).days

    def as_json(self) -> dict[str, Any]:
        return {
            "dnr": self.dnr,
            "title": self.title,
            "state": self.state.value,
            "sent_on": self.sent_on.isoformat() if self.sent_on else None,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "recipients": self.total,
            "answered": self.answered,
            "declined": self.declined,
            "overdue": self.overdue,
            "extended": self.extended,
        }


def overview_rows(
    store: Store,
    on: date,
    *,
    include_closed: bool = False,
    summaries: list[RemissSummary] | None = None,
) -> list[OverviewRow]:
    """One row per remiss from the index; pass `summaries` when the caller has read them already."""
    from .domain.calendar import move_off_holidays

    # Codes as plain strings, outside the loop: an enum member's .value is a property lookup, and
    # this loop runs for every recipient of every remiss shown (start-up at ten years: ~13,000).
    withdrawn, answered_code, declined_code = Status.withdrawn.value, Status.answered.value, Status.declined.value
    not_running = {answered_code, declined_code, Status.no_answer.value, withdrawn, Status.planned.value}
    soon_days = deadlines.DUE_SOON_DAYS
    in_force: dict[date, date] = {}  # written deadline -> moved off weekends and holidays
    rows = []
    if summaries is None:
        summaries = store.summaries(include_closed=include_closed)
    for s in summaries:
        state = RemissState(s.state) if s.state in RemissState.__members__ else RemissState.out
        if not include_closed and state is RemissState.closed:
            continue
        base = date.fromisoformat(s.deadline) if s.deadline else None
        total = answered = declined = overdue = extended = due_soon = 0
        for org, _kind, status, ext_deadline, n_ext, _n_rem in s.recipients:
            if status == withdrawn:
                continue
            total += 1
            answered += status == answered_code
            declined += status == declined_code
            extended += n_ext > 0
            written = date.fromisoformat(ext_deadline) if ext_deadline else base
            if written is None or status in not_running:
                continue
            due = in_force.get(written)
            if due is None:
                due = in_force[written] = move_off_holidays(written)[0]
            overdue += on > due
            due_soon += 0 <= (due - on).days <= soon_days
        rows.append(
            OverviewRow(
                dnr=s.dnr,
                title=s.title,
                state=state,
                sent_on=date.fromisoformat(s.sent_on) if s.sent_on else None,
                deadline=base,
                total=total,
                answered=answered,
                declined=declined,
                overdue=overdue,
                extended=extended,
                due_soon=due_soon,
            )
        )
    rows.sort(key=lambda r: (r.deadline or date.max, r.dnr))
    return rows


def _now():
    from .domain.history import now

    return now()


__all__ = [
    "NotFoundError",
    "ServiceError",
    "StoreError",
    "to_dict",
]
