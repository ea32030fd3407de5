"""Reminder e-mails (påminnelser) as RFC 5322 .eml drafts: built here, written by the service layer.

Nothing is sent. Each draft is a complete message a registrator opens in the mail program (the
``X-Unsent: 1`` header makes Outlook open it as a message to send), checks and sends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from email import policy as email_policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import make_msgid

from ..domain.dates import format_date_long, format_weekday_date
from ..domain.deadlines import deadline_in_force, reminder_answer_by
from ..domain.dnr import dnr_slug
from ..domain.model import Organisation, OrgKind, Recipient, Remiss
from ..domain.settings import RegistratorProfile

__all__ = [
    "ReminderError",
    "ReminderMessage",
    "build_reminder",
    "reminder_body",
    "reminder_filenames",
    "reminder_number",
    "reminder_subject",
    "recipient_addresses",
    "valid_address",
]

# RFC 5322 wants CRLF; mail programs opening a .eml read either.
_POLICY = email_policy.default.clone(linesep="\r\n")
_ADDR_RE = re.compile(r"[^@\s,;<>\"()\[\]\\]+@[^@\s,;<>\"()\[\]\\]+\.[^@\s,;<>\"()\[\]\\]+")
_FALLBACK_MSGID_DOMAIN = "remisstui.invalid"
CITY = "Stockholms stad"  # every sender of a remiss in this register is one of the city's bodies


class ReminderError(ValueError):
    """A value that cannot go into a message (e.g. a sender address with a line break)."""


@dataclass
class ReminderMessage:
    organisation: str
    to: list[str]  # the addresses on the To: line; empty means no To: line
    message: EmailMessage

    def as_bytes(self) -> bytes:
        return self.message.as_bytes(policy=_POLICY)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def valid_address(addr: str) -> str | None:
    """The address as it can go on a To: line (an IDN domain in its xn-- form), or None."""
    addr = addr.strip()
    if not addr or len(addr) > 254 or not _ADDR_RE.fullmatch(addr):
        return None
    local, domain = addr.rsplit("@", 1)
    if not local.isascii():
        return None  # the email package cannot put a non-ASCII local part in an Address
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    return f"{local}@{domain}"


def recipient_addresses(rec: Recipient, org: Organisation | None) -> list[tuple[str, str]]:
    """(display name, address) pairs: the registry's address, then the contact's; no duplicates."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    candidates = []
    if org is not None:
        candidates.append((org.name, org.registry_email))
    candidates.append((rec.contact.name, rec.contact.email))
    for name, raw in candidates:
        addr = valid_address(raw or "")
        if addr and addr.casefold() not in seen:
            seen.add(addr.casefold())
            out.append((_one_line(name), addr))
    return out


# "påminnelse nummer två": the ordinal of the reminder a draft would be, in words up to ten.
_ORDINALS = ("", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio")


def reminder_number(rec: Recipient) -> int:
    """Which reminder a new draft is: one more than the reminders noted as sent."""
    return len(rec.reminders) + 1


def _ordinal(n: int) -> str:
    return _ORDINALS[n] if 0 < n < len(_ORDINALS) else str(n)


def reminder_subject(remiss: Remiss, rec: Recipient) -> str:
    n = reminder_number(rec)
    label = "Påminnelse" if n == 1 else f"Påminnelse {_ordinal(n)}"
    subject = f"{label}: remiss {_one_line(remiss.dnr)} – {_one_line(remiss.title)}"
    if rec.own_dnr.strip():
        subject += f" (er beteckning {_one_line(rec.own_dnr)})"
    return subject


def _days(n: int) -> str:
    return f"{n} dag" if n == 1 else f"{n} dagar"


def _what_to_send(kind: OrgKind) -> tuple[str, str]:
    """(what to send, who decides) for the organisation kind."""
    if kind in (OrgKind.facknamnd, OrgKind.stadsdelsnamnd):
        return "nämndens remissvar – protokollsutdraget med nämndens beslut och tjänsteutlåtandet –", "nämnden"
    if kind is OrgKind.bolag:
        return "bolagets remissvar – protokollsutdraget med styrelsens beslut och yttrandet –", "styrelsen"
    if kind is OrgKind.rad:
        return "rådets yttrande", "rådet"
    return "ert remissvar", "ni"


def deadline_paragraph(remiss: Remiss, rec: Recipient, kind: OrgKind, *, today: date) -> str:
    """One plain paragraph for the case at hand: late, late after an anstånd, or due soon.

    The date is the one in force (the holiday rule applied), with its weekday, and nothing else
    about how it was reached. Only a recipient without an anstånd is offered one.
    """
    dl = deadline_in_force(remiss, rec)
    if dl is None:
        return "Vi har ännu inte fått ert svar och ser fram emot det."
    due = format_weekday_date(dl.due)
    left = (dl.due - today).days
    _what, who = _what_to_send(kind)
    if rec.extensions:
        if left < 0:
            return (
                f"Ni fick anstånd med svaret till {due}, men vi har ännu inte fått det. "
                "Skicka det så snart ni kan, eller hör av er och berätta när det kan komma."
            )
        when = "i dag" if left == 0 else f"om {_days(left)}"
        return f"Enligt anståndet ni har fått ska svaret vara inne senast {due}, alltså {when}."
    pronoun = "det" if who == "rådet" else "den"
    if left < 0:
        if who == "ni":
            offer = "Behöver ni mer tid, hör av er så kan vi komma överens om anstånd."
        else:
            offer = (f"Behöver {who} mer tid, till exempel för att {pronoun} inte har sammanträtt, "
                     "hör av er så kan vi komma överens om anstånd.")
        return (
            f"Svaret skulle ha varit inne senast {due}, och vi har ännu inte fått det. "
            f"Skicka det så snart ni kan. {offer}"
        )
    if who == "ni":
        offer = "Om ni inte hinner svara i tid, hör av er så kan vi komma överens om anstånd."
    else:
        offer = (
            f"Om {who} inte hinner besluta om svaret i tid, till exempel för att {pronoun} inte "
            "sammanträder före dess, hör av er så kan vi komma överens om anstånd."
        )
    when = "i dag" if left == 0 else f"om {_days(left)}"
    return f"Svaret ska vara inne senast {due}, alltså {when}. {offer}"


def reminder_body(
    remiss: Remiss,
    rec: Recipient,
    org: Organisation | None,
    *,
    today: date,
    signature: str = "",
    profile: RegistratorProfile | None = None,
    sender_org: Organisation | None = None,
) -> str:
    """The text of a draft. `sender_org`: the register's entry for the remiss's sender, whose
    registry address is where the answer goes."""
    kind = org.kind if org is not None else rec.kind
    what, _who = _what_to_send(kind)
    sender = _one_line(remiss.sender) or "Kommunstyrelsen"
    reply_to = valid_address(sender_org.registry_email) if sender_org is not None else None
    number = reminder_number(rec)
    paragraphs: list[str] = []
    head = f"Till {_one_line(org.name if org else rec.organisation)}"
    if rec.contact.name.strip():
        head += f"\nAtt: {_one_line(rec.contact.name)}"
    paragraphs.append(head)
    paragraphs.append("Hej!")
    which = "en påminnelse" if number == 1 else f"påminnelse nummer {_ordinal(number)}"
    intro = (
        f"Det här är {which} om remissen ”{_one_line(remiss.title)}” "
        f"({_one_line(remiss.dnr)}) från {sender}"
    )
    if remiss.sent_on:
        intro += f", som skickades ut {format_date_long(remiss.sent_on)}"
    intro += "."
    if rec.own_dnr.strip():
        intro += f" Er beteckning är {_one_line(rec.own_dnr)}."
    paragraphs.append(intro)
    paragraphs.append(deadline_paragraph(remiss, rec, kind, today=today))
    if number > 1:
        last = max(r.sent_on for r in rec.reminders)
        answer_by = reminder_answer_by(today)
        paragraphs.append(
            f"Vi skickade en påminnelse {format_date_long(last)} men har ännu inte fått ert svar. "
            f"Vi ber er skicka svaret senast {format_weekday_date(answer_by)}, eller höra av er "
            "före dess och berätta när det kan komma."
        )
    to_whom = f"{sender} ({reply_to})" if reply_to else sender
    send = f"Skicka {what} till {to_whom} och ange diarienummer {_one_line(remiss.dnr)}"
    if rec.own_dnr.strip():
        send += f" tillsammans med er beteckning {_one_line(rec.own_dnr)}"
    paragraphs.append(send + ".")
    paragraphs.append("Har ni redan skickat ert svar kan ni bortse från den här påminnelsen.")
    lines = ["Med vänliga hälsningar"]
    if profile is not None and not profile.is_empty():
        lines += profile.signature_lines()
    elif signature.strip():
        lines.append(_one_line(signature))
    if not any(sender.casefold() in line.casefold() for line in lines[1:]):
        lines.append(sender)
    if not any(CITY.casefold() in line.casefold() for line in lines[1:]):
        lines.append(CITY)
    if reply_to and not any(reply_to.casefold() in line.casefold() for line in lines[1:]):
        lines.append(reply_to)
    paragraphs.append("\n".join(lines))

    # One line per paragraph: the registrator edits the draft and the mail program wraps it; hard
    # breaks would split "KS 2024/112" or a date over two lines.
    return "\n\n".join(paragraphs) + "\n"


def _from_header(from_addr: str) -> tuple[str | Address, str]:
    """The From value and the domain to use for Message-ID."""
    s = from_addr.strip()
    if not s or "\n" in from_addr or "\r" in from_addr or len(s) > 254:
        raise ReminderError(f"Ogiltig avsändare: {_one_line(from_addr)!r}.")
    addr = valid_address(s)
    if addr:
        domain = addr.rsplit("@", 1)[1]
        return addr, domain if domain.isascii() else _FALLBACK_MSGID_DOMAIN
    if "@" in s or any(c in s for c in ',;<>"()[]\\'):
        raise ReminderError(f"Ogiltig avsändaradress: {s!r}.")
    return s, _FALLBACK_MSGID_DOMAIN


def build_reminder(
    remiss: Remiss,
    rec: Recipient,
    org: Organisation | None,
    *,
    today: date,
    from_addr: str | None = None,
    profile: RegistratorProfile | None = None,
    signature: str = "",
    now: datetime | None = None,
    sender_org: Organisation | None = None,
) -> ReminderMessage:
    """One draft for one recipient.

    From: `from_addr` when given, else the profile's name and e-mail, else no From line at all (the
    mail program fills in the account's). No To: header when no address is known.
    """
    msg = EmailMessage(policy=_POLICY)
    msgid_domain = _FALLBACK_MSGID_DOMAIN
    if from_addr is not None:
        from_value, msgid_domain = _from_header(from_addr)
        msg["From"] = from_value
        signature = signature or _signature(from_addr)
    elif profile is not None and profile.email.strip():
        addr = valid_address(profile.email)
        if addr is None:
            raise ReminderError(f"Ogiltig avsändaradress i profilen: {profile.email.strip()!r}.")
        name = _one_line(profile.name)
        msg["From"] = Address(display_name=name, addr_spec=addr) if name else Address(addr_spec=addr)
        domain = addr.rsplit("@", 1)[1]
        msgid_domain = domain if domain.isascii() else _FALLBACK_MSGID_DOMAIN
    addresses = recipient_addresses(rec, org)
    if addresses:
        msg["To"] = [
            Address(display_name=name, addr_spec=addr) if name else Address(addr_spec=addr)
            for name, addr in addresses
        ]
    reply_to = valid_address(sender_org.registry_email) if sender_org is not None else None
    if reply_to:  # answers go to the sender's registry, not to the registrator's own mailbox
        msg["Reply-To"] = reply_to
    msg["Subject"] = reminder_subject(remiss, rec)
    msg["Date"] = (now or datetime.now()).astimezone()
    msg["Message-ID"] = make_msgid(idstring="paminnelse", domain=msgid_domain)
    msg["X-Unsent"] = "1"
    msg.set_content(reminder_body(remiss, rec, org, today=today, signature=signature, profile=profile,
                                  sender_org=sender_org))
    return ReminderMessage(rec.organisation, [a for _, a in addresses], msg)


def _signature(from_addr: str) -> str:
    s = from_addr.strip()
    return s.split("@", 1)[0] if "@" in s else s


def reminder_filenames(remiss: Remiss, organisations: list[str]) -> dict[str, str]:
    """One safe, unique file name per organisation: ``<dnr slug>-<organisation slug>.eml``.

    The slugs contain only [A-Za-z0-9._-], so a name can never leave the folder it is joined to.
    """
    base = dnr_slug(remiss.dnr)
    out: dict[str, str] = {}
    used: set[str] = set()
    for name in organisations:
        stem = f"{base}-{dnr_slug(name)}"
        candidate = f"{stem}.eml"
        n = 2
        while candidate.casefold() in used:
            candidate = f"{stem}~{n}.eml"
            n += 1
        used.add(candidate.casefold())
        out[name] = candidate
    return out
