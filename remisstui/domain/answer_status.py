"""The status an edit of a recipient leaves: entering an answer makes an awaited recipient answered.

A received date or a stance typed for a recipient that is sent, overdue or reminded (it awaits an
answer) is the answer arriving: leaving the status "utskickad" kept it late and on the reminder
list (issue 12). A status the user chose in the same edit wins.
"""

from __future__ import annotations

from datetime import date

from .deadlines import awaits_answer
from .model import AnswerKind, OrgKind, Recipient, Response, Stance, Status


def _answer_entered(before: Recipient, after: Recipient) -> bool:
    new = after.response
    if new is None:
        return False
    old = before.response
    received = new.received_on is not None and (old is None or old.received_on != new.received_on)
    stance = new.stance is not Stance.none and (old is None or old.stance != new.stance)
    return received or stance


def status_after_edit(before: Recipient, after: Recipient) -> Status:
    """`after.status`, or answered when the edit entered an answer on an awaited recipient and
    left its status as it was."""
    if after.status != before.status:
        return after.status  # chosen by the user in this edit
    if awaits_answer(before.status) and _answer_entered(before, after):
        return Status.answered
    return after.status


def default_answer_kind(kind: OrgKind) -> AnswerKind:
    """What an answer is when nobody said: a bolag answers by a styrelsebeslut, everyone else by
    a nämnd's (or råd's) decision."""
    return AnswerKind.board_decision if kind is OrgKind.bolag else AnswerKind.committee_decision


def received_when_answered(status: Status, received: date | None, today: date) -> date | None:
    """A recipient marked answered without a received date received it today."""
    return today if status is Status.answered and received is None else received


def complete_answered(rec: Recipient, today: date) -> None:
    """Give a recipient marked answered what that implies, in place: a Response (its kind the
    default for the organisation kind) with a received date (today when none was given). The same
    for the form, the CLI and the services."""
    if rec.status is not Status.answered:
        return
    if rec.response is None:
        rec.response = Response(answer_kind=default_answer_kind(rec.kind))
    rec.response.received_on = received_when_answered(rec.status, rec.response.received_on, today)
