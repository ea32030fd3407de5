"""Risk warnings per recipient: reasons an answer may not arrive in time.

Only open recipients (not answered, declined, closed without answer or withdrawn) get warnings.
Codes (stable, for glyphs and tests) and Swedish texts (for the user):

- ``no_meeting``: the organisation has a meeting plan and no meeting between the send date (or
  today, whichever is later) and the deadline in force.
- ``summer``: the deadline in force is in July.
- ``holidays``: the deadline in force is between 20 december and 7 januari.
- ``moved``: the holiday rule moved the deadline; the text is the calendar's reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .dates import MONTHS_SV
from .deadlines import deadline_in_force, is_open
from .meetings import has_plan, meetings_between, next_meeting
from .model import Organisation, OrgKind, Recipient, Remiss

__all__ = ["RiskWarning", "Warning", "WARNING_CODES", "recipient_warnings"]

WARNING_CODES = ("no_meeting", "summer", "holidays", "moved")


@dataclass(frozen=True)
class RiskWarning:
    code: str
    text: str


# The name the rest of the program uses; kept apart from the builtin inside this module.
Warning = RiskWarning  # noqa: A001

_BODY_GENITIVE = {
    OrgKind.facknamnd: "Nämndens",
    OrgKind.stadsdelsnamnd: "Nämndens",
    OrgKind.bolag: "Styrelsens",
    OrgKind.rad: "Rådets",
}


def _day_month(d: date, *, with_year: bool) -> str:
    text = f"{d.day} {MONTHS_SV[d.month - 1]}"
    return f"{text} {d.year}" if with_year else text


def _in_holidays(d: date) -> bool:
    return (d.month == 12 and d.day >= 20) or (d.month == 1 and d.day <= 7)


def recipient_warnings(
    remiss: Remiss, recipient: Recipient, organisation: Organisation | None, today: date
) -> list[RiskWarning]:
    """The warnings for one recipient, in the order of WARNING_CODES."""
    if not is_open(recipient):
        return []
    dl = deadline_in_force(remiss, recipient)
    if dl is None:
        return []
    due = dl.due
    out: list[RiskWarning] = []

    if organisation is not None and has_plan(organisation.meeting_plan):
        start = max(remiss.sent_on, today) if remiss.sent_on else today
        # Once the deadline has passed the recipient is overdue, which says more than this would.
        if start <= due and not meetings_between(organisation.meeting_plan, start, due):
            body = _BODY_GENITIVE.get(organisation.kind, "Organisationens")
            nxt = next_meeting(organisation.meeting_plan, start)
            if nxt is None:
                text = (
                    f"{body} sammanträdesplan har inget sammanträde före svarsdatum "
                    f"{_day_month(due, with_year=True)}"
                )
            else:
                with_year = nxt.year != due.year or due.year != today.year
                text = (
                    f"{body} nästa sammanträde {_day_month(nxt, with_year=with_year)} ligger efter "
                    f"svarsdatum {_day_month(due, with_year=with_year)}"
                )
            out.append(RiskWarning("no_meeting", text))

    if due.month == 7:
        out.append(RiskWarning("summer", f"Svarsdatum {_day_month(due, with_year=True)} ligger mitt i semestern (juli)"))
    if _in_holidays(due):
        out.append(
            RiskWarning(
                "holidays",
                f"Svarsdatum {_day_month(due, with_year=True)} ligger i jul- och nyårshelgerna "
                "(20 december–7 januari)",
            )
        )
    if dl.moved_reason:
        out.append(RiskWarning("moved", f"{dl.moved_reason} enligt helgdagsregeln"))
    return out
