"""Joint answers (gemensamma svar): the one home of the rule every face follows.

A joint answer is registered on one recipient (its `Response.joint_with` names the partners). It
is one answer: it counts once in every count and sum, is announced once, and it answers for every
partner, so a partner is no longer awaited (not "utskickad", not "har inte svarat", no reminders).
"""

from __future__ import annotations

from .model import Recipient, Remiss, Status

# A partner in one of these states is still waiting on paper; the joint answer answers for it.
_AWAITING = frozenset({Status.sent, Status.registered, Status.in_preparation, Status.no_answer})


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def answering_partner(remiss: Remiss, rec: Recipient) -> Recipient | None:
    """The answered recipient whose joint answer names `rec` as a partner, or None."""
    me = _key(rec.organisation)
    for other in remiss.recipients:
        if other is rec or other.status is not Status.answered or other.response is None:
            continue
        if any(_key(n) == me for n in other.response.joint_with):
            return other
    return None


def effective_status(remiss: Remiss, rec: Recipient) -> Status:
    """`rec.status`, or answered when a partner's joint answer answers for it."""
    if rec.status in _AWAITING and answering_partner(remiss, rec) is not None:
        return Status.answered
    return rec.status


def unsettled_partners(remiss: Remiss) -> list[Recipient]:
    """Partners of a registered joint answer whose own status still awaits an answer."""
    return [r for r in remiss.recipients if effective_status(remiss, r) is not r.status]


def settle_partners(remiss: Remiss) -> list[Recipient]:
    """Mark every partner of a registered joint answer as answered; returns those changed."""
    changed = unsettled_partners(remiss)
    for r in changed:
        r.status = Status.answered
    return changed
