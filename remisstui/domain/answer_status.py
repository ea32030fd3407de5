"""The status an edit of a recipient leaves: entering an answer makes an awaited recipient answered.

A received date or a stance typed for a recipient that is sent, overdue or reminded (it awaits an
answer) is the answer arriving: leaving the status "utskickad" kept it late and on the reminder
list (issue 12). A status the user chose in the same edit wins.
"""

from __future__ import annotations

from .deadlines import awaits_answer
from .model import Recipient, Stance, Status


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
