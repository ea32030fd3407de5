"""Remisser and their recipients: create, edit, statuses, anstånd, påminnelser, undo, TOML.

Every operation that changes a remiss goes through `Store.update`, which takes the lock, reloads
the newest version, checks the revision the user's edit was based on and writes one file. Every
change becomes an event with the OS user and the time.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path

from ..domain import deadlines
from ..domain import joint
from ..domain.answer_status import complete_answered, status_after_edit
from ..domain.dnr import dnr_key, dnr_problem
from ..domain.history import (
    REMISS_TARGET,
    apply_fields,
    last_undoable,
    make_event,
    new_change_id,
    recipient_target,
    snapshot,
    target_label,
    undo_conflicts,
)
from ..domain.model import (
    Event,
    Extension,
    OrgKind,
    Recipient,
    Reminder,
    Remiss,
    RemissState,
    Status,
    recipients_phrase,
)
from ..domain.merge import merge_stale
from ..domain.register import Register
from ..store.repository import ConflictError, Store
from .errors import ServiceError

def today() -> date:
    """The date operations run on (tests replace it)."""
    return date.today()


# --- remisser ------------------------------------------------------------------------------


def find_remiss(store: Store, dnr: str) -> Remiss:
    return store.load(dnr)


def _validate_remiss(remiss: Remiss) -> None:
    problem = dnr_problem(remiss.dnr)
    if problem is not None:
        shown = remiss.dnr if len(remiss.dnr) <= 40 else remiss.dnr[:40] + "…"
        raise ServiceError(f"Ogiltigt diarienummer: {shown!r}. {problem}")
    if not remiss.title.strip():
        raise ServiceError("Remissen behöver en rubrik.")
    if remiss.sent_on and remiss.deadline and remiss.deadline < remiss.sent_on:
        raise ServiceError("Svarsdatum kan inte ligga före utskicksdatum.")


def create_remiss(store: Store, remiss: Remiss, *, what: str = "Skapade remissen") -> Remiss:
    _validate_remiss(remiss)
    remiss = copy.deepcopy(remiss)
    joint.settle_partners(remiss)  # a joint answer answers for its partners from the start
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
        # A joint answer answers for its partners (domain/joint.py): settle them in the same change.
        every = list(targets)
        for partner in joint.unsettled_partners(remiss):
            t = recipient_target(partner.organisation)
            if t not in before:
                before[t] = snapshot(remiss, t)
                every.append(t)
        joint.settle_partners(remiss)
        change_id = new_change_id()
        events = []
        for t in every:
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

    what = "La till " + recipients_phrase([n for n, _ in new])
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
        new.status = status_after_edit(current, new)
        complete_answered(new, today())
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
    from ..domain.model import STATUS_LABELS

    who = recipients_phrase(orgs)

    on = today()

    def fn(rec: Recipient) -> None:
        rec.status = status
        complete_answered(rec, on)  # answered with no date: received today, as in the form

    return _for_recipients(store, dnr, orgs, f"Satte status {STATUS_LABELS[status]} för {who}", fn)


def grant_extension(store: Store, dnr: str, orgs: list[str], ext: Extension) -> Remiss:
    remiss = store.load(dnr)
    problem = deadlines.extension_problem(remiss, ext.new_deadline)
    if problem:
        raise ServiceError(problem)
    ext = dataclasses.replace(ext, granted_on=ext.granted_on or today(), granted_by=ext.granted_by or store.user)
    who = recipients_phrase(orgs)

    def fn(rec: Recipient) -> None:
        rec.extensions.append(copy.deepcopy(ext))

    return _for_recipients(store, dnr, orgs, f"Beviljade anstånd till {ext.new_deadline.isoformat()} för {who}", fn)


def log_reminder(store: Store, dnr: str, orgs: list[str], note: str = "", on: date | None = None) -> Remiss:
    who = recipients_phrase(orgs)
    reminder = Reminder(sent_on=on or today(), by=store.user, note=note)

    def fn(rec: Recipient) -> None:
        rec.reminders.append(copy.deepcopy(reminder))

    return _for_recipients(store, dnr, orgs, f"Skickade påminnelse till {who}", fn)


def withdraw(store: Store, dnr: str, orgs: list[str]) -> Remiss:
    return set_status(store, dnr, orgs, Status.withdrawn)


def removal_problem(rec: Recipient, added_on: date | None, today: date) -> str | None:
    """Why this recipient cannot be removed from the remiss (None: it can).

    Only a recipient added by mistake goes: one the remiss was never sent to (ej utskickad), or one
    added today, in both cases with nothing registered for it (no answer, reminder or anstånd).
    Any other recipient keeps its history and is withdrawn instead.
    """
    if rec.response is not None or rec.reminders or rec.extensions or rec.status not in (Status.planned, Status.sent):
        return f"{rec.organisation} har redan svar, påminnelser eller anstånd registrerade: återkalla i stället."
    if rec.status is Status.planned or added_on == today:
        return None
    return f"Remissen skickades till {rec.organisation} före i dag: återkalla i stället."


def added_on(events: list[Event], organisation: str) -> date | None:
    """The day the recipient was (last) added to the remiss, from the event log."""
    target = recipient_target(organisation)
    days = [ev.at.date() for ev in events if ev.target == target and ev.before is None and ev.after is not None]
    return days[-1] if days else None


def remove_recipients(store: Store, dnr: str, orgs: list[str], *, today: date) -> Remiss:
    """Remove recipients added by mistake (see `removal_problem`); logged and undoable like every change."""
    remiss, events = store.load_with_events(dnr)
    for name in orgs:
        rec = remiss.recipient(name)
        if rec is None:
            raise ServiceError(f"{name} är inte mottagare av remissen.")
        problem = removal_problem(rec, added_on(events, name), today)
        if problem:
            raise ServiceError(problem)

    def edit(r: Remiss) -> None:
        r.recipients = [rec for rec in r.recipients if rec.organisation not in orgs]

    return change(store, dnr, "Tog bort " + recipients_phrase(orgs), [recipient_target(n) for n in orgs], edit)


def send_again(store: Store, dnr: str, orgs: list[str]) -> Remiss:
    """Send the remiss again to withdrawn recipients: status back to sent, the rest kept.

    A withdrawn recipient is never deleted (its history stays), so putting it back on the remiss
    is this status change, logged and undoable like every other.
    """
    who = recipients_phrase(orgs)

    def fn(rec: Recipient) -> None:
        if rec.status is not Status.withdrawn:
            raise ServiceError(f"Remissen är inte återkallad för {rec.organisation}.")
        rec.status = Status.sent

    return _for_recipients(store, dnr, orgs, f"Skickade remissen igen till {who}", fn)


@dataclasses.dataclass(frozen=True)
class UndoPlan:
    """What `undo_last` would reverse now: named before the user is asked."""

    change: str  # the change id, so the undo reverses exactly what was shown
    what: str
    by: str
    at: datetime
    targets: tuple[str, ...]  # "Remissen" or the organisations the change touched


def undo_plan(store: Store, dnr: str) -> UndoPlan | None:
    """The latest change that undo would reverse, or None when there is nothing to undo."""
    _remiss, events = store.load_with_events(dnr)
    group = last_undoable(events)
    if not group:
        return None
    targets = tuple(dict.fromkeys(target_label(e.target) for e in group))
    return UndoPlan(change=group[0].change, what=group[0].what, by=group[0].by, at=group[0].at, targets=targets)


def undo_last(store: Store, dnr: str, *, expected_change: str | None = None) -> tuple[Remiss, str]:
    """Reverse the latest change not yet undone; returns the remiss and what was undone.
    With `expected_change` (an `UndoPlan.change` the user agreed to), a different latest change
    is refused rather than undone."""
    _remiss, events = store.load_with_events(dnr)
    group = last_undoable(events)
    if not group:
        raise ServiceError("Det finns ingen ändring att ångra.")
    if expected_change is not None and group[0].change != expected_change:
        raise ServiceError("Remissen har ändrats sedan frågan ställdes; inget ångrades. Försök igen.")
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
    """Create or update a remiss from TOML; returns it and whether it was new.

    A file exported at older revisions than the store's is merged: the fields nobody else changed
    since are saved, the ones a colleague changed stay as the colleague left them. A field both
    changed is a conflict: ConflictError names it and nothing is saved. A file without revisions
    (a new remiss, or written by hand) replaces the remiss's fields and recipients.
    """
    from ..formats import toml_io

    data = toml_io.read_file(path)
    register = store.load_register()
    remiss, based_on = toml_io.remiss_and_revisions_from_toml(data, str(path), register)
    _validate_remiss(remiss)
    name = Path(path).name
    if not store.exists(remiss.dnr):
        return create_remiss(store, remiss, what=f"Skapade remissen från {name}"), True
    if based_on is not None:
        return _import_based_on(store, remiss, based_on, name), False
    incoming = remiss
    targets = [REMISS_TARGET]
    current = store.load(remiss.dnr)
    names = {r.organisation for r in current.recipients} | {r.organisation for r in incoming.recipients}
    targets += [recipient_target(n) for n in sorted(names)]

    def edit(r: Remiss) -> None:
        for name in ("dnr", "title", "sender", "description", "sent_on", "deadline", "state", "attachments", "themes"):
            setattr(r, name, copy.deepcopy(getattr(incoming, name)))
        revs = {rec.organisation: rec.revision for rec in r.recipients}
        r.recipients = copy.deepcopy(incoming.recipients)
        for rec in r.recipients:
            rec.revision = revs.get(rec.organisation, 0)

    return change(store, remiss.dnr, f"Uppdaterade remissen från {name}", targets, edit), False


def _import_based_on(store: Store, incoming: Remiss, based_on: dict[str, int], name: str) -> Remiss:
    current = store.load(incoming.dnr)
    names = {r.organisation for r in current.recipients} | {r.organisation for r in incoming.recipients}
    targets = [REMISS_TARGET] + [recipient_target(n) for n in sorted(names)]

    def edit(r: Remiss) -> None:
        # Under the store's lock, on the newest version and its log: nobody can slip in between.
        events = store.load_with_events(incoming.dnr)[1]
        merge = merge_stale(r, incoming, based_on, events)
        if merge.conflicts:
            # Like a stale save in the TUI: refused whole, so a user's error changes nothing.
            what = "; ".join(c.describe() for c in merge.conflicts)
            raise ConflictError(
                f"Konflikt: {name} bygger på en äldre version av {incoming.dnr}: {what} sedan filen "
                "exporterades. Inget sparades; exportera på nytt och gör om ändringen."
            )
        for target, fields in merge.fields.items():
            apply_fields(r, target, fields)
        for rec in merge.new_recipients:
            added = copy.deepcopy(rec)
            added.revision = 0
            r.recipients.append(added)
        _validate_remiss(r)

    return change(store, incoming.dnr, f"Uppdaterade remissen från {name}", targets, edit)


def export_toml(store: Store, dnr: str) -> str:
    from ..formats import toml_io

    return toml_io.remiss_to_toml(store.load(dnr))


def _now():
    from ..domain.history import now

    return now()
