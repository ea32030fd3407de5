"""Derived values: computed from the model every time, never stored."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from .calendar import move_off_holidays
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


def due_date(remiss: Remiss, rec: Recipient) -> date | None:
    d = deadline_in_force(remiss, rec)
    return d.due if d else None


# The statuses a deadline does not apply to: closed ones, and planned (not yet asked). Status is a
# StrEnum, so these also match the plain codes the store's index holds.
NOT_AWAITING = CLOSED_STATUSES | {Status.planned}


def is_open(rec: Recipient) -> bool:
    return rec.status not in CLOSED_STATUSES


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
    return overdue_on(rec.status, due_date(remiss, rec), today)


def is_due_soon(remiss: Remiss, rec: Recipient, today: date, days: int = DUE_SOON_DAYS) -> bool:
    return due_soon_on(rec.status, due_date(remiss, rec), today, days)


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
    return Counter(rec.status for rec in remiss.recipients)


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
    def done(self) -> int:
        return self.answered + self.declined + self.no_answer


def remiss_counts(remiss: Remiss, today: date) -> RemissCounts:
    active = [r for r in remiss.recipients if r.status is not Status.withdrawn]
    return RemissCounts(
        total=len(active),
        answered=sum(r.status is Status.answered for r in active),
        declined=sum(r.status is Status.declined for r in active),
        no_answer=sum(r.status is Status.no_answer for r in active),
        overdue=sum(is_overdue(remiss, r, today) for r in active),
        extended=sum(is_extended(r) for r in active),
        open=sum(is_open(r) for r in active),
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
