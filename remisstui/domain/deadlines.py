"""Derived values: computed from the model every time, never stored."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta

from .calendar import move_off_holidays
from .joint import effective_status
from .model import CLOSED_STATUSES, Recipient, Remiss, Status

DUE_SOON_DAYS = 7


@dataclass(frozen=True)
class DeadlineInForce:
    due: date
    written: date  # the date as given (remiss deadline or latest anstånd) before the holiday rule
    moved_reason: str | None  # Swedish, when the holiday rule moved it


def deadline_in_force(remiss: Remiss, rec: Recipient) -> DeadlineInForce | None:
    """The latest granted anstånd, else the remiss deadline; then moved off non-working days."""
    written = rec.extensions[-1].new_deadline if rec.extensions else remiss.deadline
    if written is None:
        return None
    due, reason = move_off_holidays(written)
    return DeadlineInForce(due=due, written=written, moved_reason=reason)


@lru_cache(maxsize=8192)
def due_on_written(written: date | str | None) -> date | None:
    """The deadline in force for a written one (a date or its ISO text): moved off weekends and
    holidays. Deadlines repeat across recipients and remisser, so each is moved once."""
    if not written:
        return None
    if isinstance(written, str):
        try:
            written = date.fromisoformat(written)
        except ValueError:
            return None
    return move_off_holidays(written)[0]


def due_from_index(extension_deadline: date | str | None, remiss_deadline: date | str | None) -> date | None:
    """The deadline in force from the store index's plain values (the latest anstånd's date, else
    the remiss's deadline): the same rule as deadline_in_force, for faces that read only the index."""
    return due_on_written(extension_deadline or remiss_deadline)


def due_date(remiss: Remiss, rec: Recipient) -> date | None:
    d = deadline_in_force(remiss, rec)
    return d.due if d else None


# The statuses a deadline does not apply to: closed ones, and planned (not yet asked). Status is a
# StrEnum, so these also match the plain codes the store's index holds.
NOT_AWAITING = CLOSED_STATUSES | {Status.planned}


def is_open(rec: Recipient) -> bool:
    return rec.status not in CLOSED_STATUSES


# "Done" (klar): the recipient needs nothing more: it answered, declined, or was closed without an
# answer. Withdrawn ones are not counted at all. Plain codes from the index match too.
DONE_STATUSES = frozenset({Status.answered, Status.declined, Status.no_answer})


def is_done(status: Status | str) -> bool:
    return status in DONE_STATUSES


def deadline_style(status: Status | str, due: date | None, today: date) -> str | None:
    """How a deadline reads for a recipient: "overdue", "due_soon" or None. Only a recipient that
    awaits an answer can be either (a planned one past its deadline is neither)."""
    if overdue_on(status, due, today):
        return "overdue"
    if due_soon_on(status, due, today):
        return "due_soon"
    return None


def awaits_answer(status: Status | str) -> bool:
    """Sent and not closed: the recipients that can be late, due soon or reminded."""
    return status not in NOT_AWAITING


def overdue_on(status: Status | str, due: date | None, today: date) -> bool:
    """The one rule for "försenad": awaiting an answer and past the deadline in force."""
    return due is not None and today > due and awaits_answer(status)


def due_soon_on(status: Status | str, due: date | None, today: date, days: int = DUE_SOON_DAYS) -> bool:
    """Awaiting an answer and the deadline in force within `days` days (today included)."""
    return due is not None and 0 <= (due - today).days <= days and awaits_answer(status)


def is_overdue(remiss: Remiss, rec: Recipient, today: date) -> bool:
    return overdue_on(effective_status(remiss, rec), due_date(remiss, rec), today)


def is_due_soon(remiss: Remiss, rec: Recipient, today: date, days: int = DUE_SOON_DAYS) -> bool:
    return due_soon_on(effective_status(remiss, rec), due_date(remiss, rec), today, days)


def days_left(remiss: Remiss, rec: Recipient, today: date) -> int | None:
    """Days until the deadline in force; negative when overdue."""
    due = due_date(remiss, rec)
    return None if due is None else (due - today).days


REMINDER_ANSWER_DAYS = DUE_SOON_DAYS


def reminder_answer_by(today: date, days: int = REMINDER_ANSWER_DAYS) -> date:
    """The date a second (or later) reminder asks the answer by: `days` days on, off holidays."""
    return move_off_holidays(today + timedelta(days=days))[0]


def extension_problem(remiss: Remiss, new_deadline: date) -> str | None:
    """Why an anstånd to `new_deadline` cannot be granted on this remiss, or None when it can."""
    if remiss.sent_on and new_deadline <= remiss.sent_on:
        return f"Anståndet måste gå ut efter utskicksdatum {remiss.sent_on.isoformat()}."
    return None


def is_extended(rec: Recipient) -> bool:
    return bool(rec.extensions)


def reminder_count(rec: Recipient) -> int:
    return len(rec.reminders)


def status_counts(remiss: Remiss) -> Counter[Status]:
    return Counter(effective_status(remiss, rec) for rec in remiss.recipients)


@dataclass(frozen=True)
class RemissCounts:
    total: int  # recipients asked, withdrawn ones excluded
    answered: int
    declined: int
    no_answer: int
    overdue: int
    extended: int
    open: int

    @property
    def done(self) -> int:  # the statuses of DONE_STATUSES
        return self.answered + self.declined + self.no_answer


def remiss_counts(remiss: Remiss, today: date) -> RemissCounts:
    active = [r for r in remiss.recipients if r.status is not Status.withdrawn]
    return RemissCounts(
        total=len(active),
        answered=sum(effective_status(remiss, r) is Status.answered for r in active),
        declined=sum(r.status is Status.declined for r in active),
        no_answer=sum(effective_status(remiss, r) is Status.no_answer for r in active),
        overdue=sum(is_overdue(remiss, r, today) for r in active),
        extended=sum(is_extended(r) for r in active),
        open=sum(effective_status(remiss, r) not in CLOSED_STATUSES for r in active),
    )


def answered_late(remiss: Remiss, rec: Recipient) -> bool:
    """Answered, but received after the deadline in force."""
    due = due_date(remiss, rec)
    return (
        due is not None
        and rec.response is not None
        and rec.response.received_on is not None
        and rec.response.received_on > due
    )
