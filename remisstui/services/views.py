"""What the faces show: the overview's rows (from the index) and the views behind `show --json`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..domain import deadlines, joint
from ..domain.model import Recipient, Remiss, RemissState, Status
from ..store.repository import RemissSummary, Store


def recipient_view(remiss: Remiss, rec: Recipient, on: date) -> dict[str, Any]:
    due = deadlines.due_date(remiss, rec)
    resp = rec.response
    return {
        "organisation": rec.organisation,
        "kind": rec.kind.value,
        "status": joint.effective_status(remiss, rec).value,
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
    done: int = 0  # answered, declined or closed without an answer: deadlines.is_done
    due: date | None = None  # the remiss deadline in force (moved off holidays), what days count to

    def days_left(self, on: date) -> int | None:
        """Days to the deadline in force: the same date the overdue and due-soon counts use."""
        return None if self.due is None else (self.due - on).days

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
    # The statuses are the index's plain codes, which the domain rules accept as they are.
    withdrawn, answered_code, declined_code = Status.withdrawn.value, Status.answered.value, Status.declined.value
    awaits, overdue_on, due_soon_on = deadlines.awaits_answer, deadlines.overdue_on, deadlines.due_soon_on
    due_from_index, is_done = deadlines.due_from_index, deadlines.is_done
    rows = []
    if summaries is None:
        summaries = store.summaries(include_closed=include_closed)
    for s in summaries:
        state = RemissState(s.state) if s.state in RemissState.__members__ else RemissState.out
        if not include_closed and state is RemissState.closed:
            continue
        base = date.fromisoformat(s.deadline) if s.deadline else None
        total = answered = declined = overdue = extended = due_soon = done = 0
        for org, _kind, status, ext_deadline, n_ext, _n_rem in s.recipients:
            if status == withdrawn:
                continue
            total += 1
            answered += status == answered_code
            declined += status == declined_code
            done += is_done(status)
            extended += n_ext > 0
            if not awaits(status):
                continue
            due = due_from_index(ext_deadline, s.deadline)
            if due is None:
                continue
            overdue += overdue_on(status, due, on)
            due_soon += due_soon_on(status, due, on)
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
                done=done,
                due=deadlines.due_on_written(base),
            )
        )
    rows.sort(key=lambda r: (r.deadline or date.max, r.dnr))
    return rows
