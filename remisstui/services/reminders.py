"""Reminders as a service, for the CLI and the TUI alike: pick the late ones, write .eml drafts, log.

Drafts are written first (each atomically); then one change logs a Reminder for every draft. If the
log cannot be written, the drafts of this run are removed again so the folder and the history agree.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import remisser
from ..domain import deadlines
from ..domain.dnr import dnr_slug
from ..domain.model import STATUS_LABELS, Recipient, Remiss
from ..domain.register import Register
from ..formats.reminders import ReminderError, build_reminder, reminder_filenames
from .errors import ServiceError
from ..store.repository import Store, StoreError
from ..store.storage import StorageWriteError, atomic_write_bytes

DEFAULT_DAYS = deadlines.DUE_SOON_DAYS


@dataclass
class Draft:
    organisation: str
    path: Path
    to: list[str]
    days_left: int | None


@dataclass
class ReminderReport:
    folder: Path
    drafts: list[Draft] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (organisation, Swedish reason)

    @property
    def without_address(self) -> list[str]:
        return [d.organisation for d in self.drafts if not d.to]


def default_folder(dnr: str) -> Path:
    return Path(f"paminnelser-{dnr_slug(dnr)}")


def default_sender(store: Store) -> str:
    return store.user


def due_for_reminder(remiss: Remiss, rec: Recipient, today: date, days: int) -> bool:
    """Open, sent, with a deadline in force that has passed or falls within `days` days."""
    if not deadlines.awaits_answer(rec.status):
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
        if not deadlines.awaits_answer(rec.status):
            skipped.append((rec.organisation, f"status {STATUS_LABELS[rec.status]}"))
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
) -> ReminderReport:
    """Write one .eml draft per chosen recipient into `out_dir` and log a reminder for each.

    Chosen: the given `organisations` (closed or unsent ones are skipped and reported), else every
    recipient that is overdue or due within `days` days.
    """
    if days < 0:
        raise ServiceError("Antal dagar kan inte vara negativt.")
    today = today or remisser.today()
    remiss = store.load(dnr)
    folder = Path(out_dir) if out_dir else default_folder(remiss.dnr)
    chosen, skipped = select_recipients(remiss, today, days=days, organisations=organisations)
    report = ReminderReport(folder=folder, skipped=skipped)
    if not chosen:
        return report
    register = _register(store)
    sender = from_addr if from_addr is not None else default_sender(store)

    try:
        messages = [
            build_reminder(remiss, rec, register.organisation(rec.organisation), today=today, from_addr=sender)
            for rec in chosen
        ]
    except ReminderError as exc:
        raise ServiceError(str(exc)) from None

    _prepare_folder(folder)
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
        note = f"Utkast: {folder}"
        remisser.log_reminder(store, remiss.dnr, [d.organisation for d in report.drafts], note=note, on=today)
    except (StorageWriteError, OSError) as exc:
        _remove(written)
        raise ServiceError(f"Kunde inte skriva påminnelserna i {folder}: {exc}") from None
    except StoreError:
        _remove(written)
        raise
    return report


def _register(store: Store) -> Register:
    try:
        return store.load_register()
    except StoreError:
        return Register()  # drafts without registry addresses beat no drafts at all


def _prepare_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise ServiceError(f"{folder} finns redan och är ingen mapp.")
    try:
        folder.mkdir(parents=False, exist_ok=True)
    except FileNotFoundError:
        raise ServiceError(f"Mappen {folder.parent} finns inte.") from None
    except OSError as exc:
        raise ServiceError(f"Kunde inte skapa mappen {folder}: {exc.strerror}.") from None
    if not os.access(folder, os.W_OK):
        raise ServiceError(f"Mappen {folder} är skrivskyddad.")


def _remove(paths: list[Path]) -> None:
    for p in paths:
        try:
            p.unlink()
        except OSError:
            pass
