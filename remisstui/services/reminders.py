"""Reminders as a service, for the CLI and the TUI alike: pick the late ones, write .eml drafts,
and later mark the reminders as sent.

A draft is not a reminder: writing drafts records "Påminnelseutkast skapat" in each recipient's
history and adds no Reminder. Only `mark_sent` (the user says they went out) adds one, so the
count of reminders everywhere means reminders sent. Drafts are written first (each atomically);
if the history cannot be written, the drafts of this run are removed again so the folder and the
history agree.

Drafts are signed with the registrator profile (services/settings.py) and go to the user's files
folder unless a folder is named.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..domain import deadlines, joint
from ..domain.dnr import dnr_slug
from ..domain.history import RECIPIENT_PREFIX, now, recipient_target
from ..domain.model import STATUS_LABELS, Event, Recipient, Remiss, recipients_phrase
from ..domain.register import Register
from ..domain.settings import RegistratorProfile, Settings
from ..formats.reminders import ReminderError, build_reminder, reminder_filenames
from ..store.repository import Store, StoreError
from ..store.storage import StorageWriteError, atomic_write_bytes
from . import remisser, settings as user_settings, user_files
from .errors import ServiceError

DEFAULT_DAYS = deadlines.DUE_SOON_DAYS


@dataclass
class Draft:
    organisation: str
    path: Path
    to: list[str]
    days_left: int | None


DRAFT_WHAT = "Påminnelseutkast skapat"  # the history line of a draft; see pending_drafts


@dataclass
class ReminderReport:
    folder: Path
    drafts: list[Draft] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (organisation, Swedish reason)
    signed: bool = True  # False: no profile and no --from, so the drafts have no From or signature

    @property
    def without_address(self) -> list[str]:
        return [d.organisation for d in self.drafts if not d.to]


def remember_registry_addresses(store: Store, addresses: dict[str, str], kinds: dict | None = None) -> list[str]:
    """Save the registry e-mail addresses the user gave when making reminders into the register,
    so the next draft has a To: line; returns the organisations changed. Empty values are skipped;
    an invalid address is refused before anything is saved. An organisation not yet in the register
    (a recipient typed by hand) is added to it with its kind from `kinds` (its recipient's)."""
    import dataclasses

    from ..domain.model import Organisation, OrgKind
    from ..formats.reminders import valid_address
    from . import register as registering

    wanted = {name: raw.strip() for name, raw in addresses.items() if raw.strip()}
    for name, addr in wanted.items():
        if valid_address(addr) is None:
            raise ServiceError(f"E-postadressen {addr!r} för {name} är inte giltig.")
    changed: list[str] = []
    for name, addr in wanted.items():
        register = _register(store)
        org = register.organisation(name)
        if org is None:
            kind = (kinds or {}).get(name, OrgKind.other)
            registering.save_organisation(store, Organisation(name, kind, registry_email=addr))
        elif org.registry_email.strip() != addr:
            new = dataclasses.replace(org, registry_email=addr)
            registering.save_organisation(store, new, old_name=org.name, expected=org)
        else:
            continue
        changed.append(name)
    return changed


def folder_name(dnr: str) -> str:
    return f"paminnelser-{dnr_slug(dnr)}"


def default_folder(dnr: str, settings: Settings | None = None) -> Path:
    """``<files folder>/paminnelser-KS-2024-112``: the folder the user chose once, or Documents."""
    return user_settings.files_folder(settings) / folder_name(dnr)


def resolve_folder(text: str | os.PathLike[str]) -> Path:
    """A drafts folder as typed: absolute as it is, else inside the files folder."""
    return user_files.resolve(text)


def reminders_phrase(n: int) -> str:
    return f"{n} påminnelse" if n == 1 else f"{n} påminnelser"


def due_for_reminder(remiss: Remiss, rec: Recipient, today: date, days: int) -> bool:
    """Open, sent, with a deadline in force that has passed or falls within `days` days."""
    if not deadlines.awaits_answer(joint.effective_status(remiss, rec)):
        return False
    left = deadlines.days_left(remiss, rec, today)
    return left is not None and left <= days


def select_recipients(
    remiss: Remiss, today: date, *, days: int = DEFAULT_DAYS, organisations: list[str] | None = None
) -> tuple[list[Recipient], list[tuple[str, str]]]:
    """Who gets a draft, and who was named but skipped (with a Swedish reason)."""
    if organisations is None:
        return [r for r in remiss.recipients if due_for_reminder(remiss, r, today, days)], []
    chosen: list[Recipient] = []
    skipped: list[tuple[str, str]] = []
    for name in organisations:
        rec = remiss.recipient(name)
        if rec is None:
            raise ServiceError(f"{name} är inte mottagare av remissen {remiss.dnr}.")
        if rec in chosen:
            continue
        status = joint.effective_status(remiss, rec)  # a joint answer answers for its partners
        if not deadlines.awaits_answer(status):
            skipped.append((rec.organisation, f"status {STATUS_LABELS[status]}"))
            continue
        chosen.append(rec)
    return chosen, skipped


def write_reminders(
    store: Store,
    dnr: str,
    out_dir: str | os.PathLike[str] | None = None,
    *,
    days: int = DEFAULT_DAYS,
    organisations: list[str] | None = None,
    today: date | None = None,
    from_addr: str | None = None,
    settings: Settings | None = None,
) -> ReminderReport:
    """Write one .eml draft per chosen recipient into `out_dir` and note the draft in its history.

    Chosen: the given `organisations` (closed or unsent ones are skipped and reported), else every
    recipient that is overdue or due within `days` days. From and signature: `from_addr` if given,
    else the registrator profile of `settings` (read from the config file when None).
    """
    if days < 0:
        raise ServiceError("Antal dagar kan inte vara negativt.")
    today = today or remisser.today()
    remiss = store.load(dnr)
    if settings is None:
        settings = user_settings.load_settings()
    if out_dir:
        folder = Path(out_dir).expanduser()  # relative to the working folder, as a CLI -o is
    else:
        folder = default_folder(remiss.dnr, settings)
    chosen, skipped = select_recipients(remiss, today, days=days, organisations=organisations)
    profile: RegistratorProfile = settings.profile
    report = ReminderReport(folder=folder.absolute(), skipped=skipped,
                            signed=from_addr is not None or not profile.is_empty())
    if not chosen:
        return report
    register = _register(store)

    try:
        sender_org = register.organisation(remiss.sender or "Kommunstyrelsen")
        messages = [
            build_reminder(remiss, rec, register.organisation(rec.organisation), today=today,
                           from_addr=from_addr, profile=profile, sender_org=sender_org)
            for rec in chosen
        ]
    except ReminderError as exc:
        raise ServiceError(str(exc)) from None

    folder = user_files.ensure_folder(folder)  # the files folder itself may not exist yet
    names = reminder_filenames(remiss, [rec.organisation for rec in chosen])
    written: list[Path] = []
    try:
        for rec, msg in zip(chosen, messages):
            path = folder / names[rec.organisation]
            # The names are slugs; this only guards against a future change to that promise.
            if path.parent != folder:
                raise ServiceError(f"Ogiltigt filnamn för {rec.organisation}.")
            existed = path.exists()
            atomic_write_bytes(path, msg.as_bytes())
            if not existed:
                written.append(path)
            report.drafts.append(
                Draft(rec.organisation, path, msg.to, deadlines.days_left(remiss, rec, today))
            )
        _note_drafts(store, remiss.dnr, [d.organisation for d in report.drafts], folder)
    except (StorageWriteError, OSError) as exc:
        _remove(written)
        raise ServiceError(f"Kunde inte skriva påminnelserna i {folder}: {exc}") from None
    except StoreError:
        _remove(written)
        raise
    return report


def _note_drafts(store: Store, dnr: str, orgs: list[str], folder: Path) -> None:
    """One history event per recipient: "Påminnelseutkast skapat i <folder>". Nothing else changes.

    The events carry no field change and no change id: there is nothing to undo, and undo skips
    events without one.
    """
    what = f"{DRAFT_WHAT} i {folder}"

    def mutate(remiss: Remiss) -> list[Event]:
        at = now()
        events = []
        for org in orgs:
            if remiss.recipient(org) is None:
                raise ServiceError(f"{org} är inte mottagare av remissen.")
            events.append(Event(at=at, by=store.user, what=what, target=recipient_target(org),
                                before={}, after={}, change=""))
        return events

    store.update(dnr, mutate)


def pending_drafts(store: Store, dnr: str) -> list[str]:
    """Recipients with a draft written after their latest reminder sent: the ones to mark as sent."""
    remiss, events = store.load_with_events(dnr)
    last_draft: dict[str, int] = {}
    last_sent: dict[str, int] = {}
    for i, ev in enumerate(events):
        if not ev.target.startswith(RECIPIENT_PREFIX):
            continue
        org = ev.target[len(RECIPIENT_PREFIX):]
        if ev.what.startswith(DRAFT_WHAT):
            last_draft[org] = i
        elif ev.after and "reminders" in ev.after:
            last_sent[org] = i
    return [
        rec.organisation for rec in remiss.recipients
        if rec.organisation in last_draft and last_draft[rec.organisation] > last_sent.get(rec.organisation, -1)
        and deadlines.awaits_answer(joint.effective_status(remiss, rec))
    ]


def mark_sent(
    store: Store, dnr: str, organisations: list[str] | None = None, *, today: date | None = None
) -> list[str]:
    """Note a reminder as sent for each named recipient, or for every pending draft; returns who."""
    orgs = pending_drafts(store, dnr) if organisations is None else list(dict.fromkeys(organisations))
    if not orgs:
        return []
    remisser.log_reminder(store, dnr, orgs, on=today or remisser.today())
    return orgs


def sent_phrase(orgs: list[str]) -> str:
    """``Noterade 1 påminnelse som skickad (Idrottsnämnden).``"""
    n = len(orgs)
    verb = "skickad" if n == 1 else "skickade"
    return f"Noterade {reminders_phrase(n)} som {verb} ({recipients_phrase(orgs) if n > 3 else ', '.join(orgs)})."


def _register(store: Store) -> Register:
    try:
        return store.load_register()
    except StoreError:
        return Register()  # drafts without registry addresses beat no drafts at all


def _remove(paths: list[Path]) -> None:
    for p in paths:
        try:
            p.unlink()
        except OSError:
            pass
