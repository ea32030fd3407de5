"""Register an incoming remissvar from its document: match it to a recipient, record the answer.

The face (CLI or TUI) reads the document with formats.document, lets the user confirm or correct,
and calls `record_answer`, which saves through services.save_recipient (so the event, the
revision check and the lock all come from there).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import remisser
from ..domain.model import (
    ANSWER_KIND_LABELS,
    STANCE_LABELS,
    STATUS_LABELS,
    Attachment,
    Comment,
    Contact,
    Recipient,
    Remiss,
    Response,
    Status,
)
from ..domain.register import Register, name_key
from ..formats.document import DocumentError, ParsedDocument, read_document
from .errors import ServiceError
from .filing import Filing, choose_recipient
from ..store.repository import Store

DOCUMENT_SUFFIXES = (".pdf", ".docx", ".txt", ".eml", ".msg")
_SYNPUNKTER_RE = re.compile(r"synpunkter|bedömning|ställningstagande|överväganden|kommentarer")


class RegisterError(ServiceError):
    """A document that cannot be registered; str() is Swedish."""


def _candidates_for(name: str, register: Register) -> set[str]:
    """Every name_key the organisation may go by: itself, its register name, former names."""
    keys = {name_key(name)}
    org = register.organisation(name)
    if org:
        keys.add(name_key(org.name))
        keys.update(name_key(f) for f in org.former_names)
    # organisations whose former names include this one (an old remiss may list a merged nämnd)
    for o in register.organisations:
        if any(name_key(f) == name_key(name) for f in o.former_names):
            keys.add(name_key(o.name))
    return keys


def match_by_sender(remiss: Remiss, address: str, register: Register) -> Recipient | None:
    """The recipient an e-mail comes from: its From address is the registry e-mail of a recipient's
    organisation in the register, or the e-mail of a recipient's contact. None unless exactly one."""
    addr = (address or "").strip().casefold()
    if not addr or "@" not in addr:
        return None
    hits = []
    for r in remiss.recipients:
        org = register.organisation(r.organisation)
        if org and org.registry_email.strip().casefold() == addr:
            hits.append(r)
        elif r.contact.email.strip().casefold() == addr:
            hits.append(r)
    return hits[0] if len(hits) == 1 else None


def match_recipient(remiss: Remiss, parsed: ParsedDocument, register: Register) -> Recipient | None:
    """The recipient this document answers for, or None when it cannot be told for sure."""
    if parsed.organisation:
        wanted = _candidates_for(parsed.organisation, register)
        hits = [r for r in remiss.recipients if _candidates_for(r.organisation, register) & wanted]
        if len(hits) == 1:
            return hits[0]
        exact = [r for r in hits if name_key(r.organisation) == name_key(parsed.organisation)]
        if len(exact) == 1:
            return exact[0]
    # An answer by e-mail: the sender's address.
    by_mail = match_by_sender(remiss, parsed.mail_from, register)
    if by_mail is not None:
        return by_mail
    # The own dnr's prefix (SÖD 2024/145) against the organisations' registered prefixes.
    if parsed.own_dnr:
        m = re.match(r"[^\W\d_]+", parsed.own_dnr)
        if m:
            pref = m.group().casefold()
            hits = []
            for r in remiss.recipients:
                org = register.organisation(r.organisation)
                if org and org.dnr_prefix and org.dnr_prefix.casefold() == pref:
                    hits.append(r)
            if len(hits) == 1:
                return hits[0]
    # An already registered own dnr.
    if parsed.own_dnr:
        from ..domain.dnr import dnr_key

        hits = [r for r in remiss.recipients if r.own_dnr and dnr_key(r.own_dnr) == dnr_key(parsed.own_dnr)]
        if len(hits) == 1:
            return hits[0]
    return None


def _paragraphs(text: str) -> list[str]:
    out = []
    for block in re.split(r"\n[ ]*\n", text or ""):
        p = " ".join(block.split())
        if p:
            out.append(p)
    return out


def _section(parsed: ParsedDocument, keys: tuple[str, ...], pattern: re.Pattern[str] | None = None) -> str:
    for heading, body in parsed.sections.items():
        k = " ".join(heading.casefold().split())
        if k in keys or (pattern is not None and pattern.search(k)):
            return body
    return ""


def comments_from(parsed: ParsedDocument) -> list[Comment]:
    """One Comment per paragraph of the organisation's own "synpunkter" section."""
    body = _section(parsed, ("förvaltningens synpunkter", "förvaltningens synpunkter och förslag"), _SYNPUNKTER_RE)
    return [Comment(text=p) for p in _paragraphs(body)]


def summary_from(parsed: ParsedDocument, limit: int = 2000) -> str:
    body = _section(parsed, ("sammanfattning", "sammanfattande synpunkter", "sammanfattande bedömning"))
    if not body and parsed.stance_sentence:
        body = parsed.stance_sentence
    text = "\n\n".join(_paragraphs(body))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def build_recipient(
    rec: Recipient, parsed: ParsedDocument, *, received_on: date, file_name: str = ""
) -> Recipient:
    """The recipient as it will be saved: status answered and a Response from the document."""
    new = copy.deepcopy(rec)
    new.status = Status.answered
    if parsed.own_dnr:
        new.own_dnr = parsed.own_dnr
    c = parsed.contact
    if not c.is_empty():
        new.contact = Contact(
            name=c.name or rec.contact.name,
            phone=c.phone or rec.contact.phone,
            email=c.email or rec.contact.email,
        )
    attachments = [Attachment(title=t) for t in parsed.attachments]
    if file_name:
        attachments.insert(0, Attachment(title="Remissvaret", file=file_name))
    decision_date = parsed.meeting_date if parsed.answer_kind.value in ("committee_decision", "board_decision") else None
    new.response = Response(
        answer_kind=parsed.answer_kind,
        received_on=received_on,
        document_date=parsed.document_date,
        decision_date=decision_date or (rec.response.decision_date if rec.response else None),
        meeting_date=parsed.meeting_date,
        immediate_adjustment=parsed.immediate_adjustment,
        stance=parsed.stance,
        stance_sentence=parsed.stance_sentence or "",
        summary=summary_from(parsed),
        comments=comments_from(parsed),
        dissents=copy.deepcopy(parsed.dissents),
        joint_with=list(rec.response.joint_with) if rec.response else [],
        attachments=attachments,
        signatories=[s.as_text() for s in parsed.signatories],
        sections=dict(parsed.sections),
    )
    return new


def _fmt(v) -> str:
    if v is None or v == "" or v == []:
        return "–"
    if isinstance(v, date):
        return v.isoformat()
    return str(v)


def describe_changes(old: Recipient, new: Recipient) -> list[tuple[str, str, str]]:
    """(label, current, new) rows for the confirmation table, in Swedish."""
    o, n = old.response, new.response
    rows = [
        ("Status", STATUS_LABELS[old.status], STATUS_LABELS[new.status]),
        ("Eget diarienummer", _fmt(old.own_dnr), _fmt(new.own_dnr)),
        ("Handläggare", _fmt(old.contact.name), _fmt(new.contact.name)),
        ("Telefon", _fmt(old.contact.phone), _fmt(new.contact.phone)),
        ("E-post", _fmt(old.contact.email), _fmt(new.contact.email)),
    ]
    if n is not None:
        rows += [
            ("Svarstyp", ANSWER_KIND_LABELS[o.answer_kind] if o else "–", ANSWER_KIND_LABELS[n.answer_kind]),
            ("Mottagen", _fmt(o.received_on if o else None), _fmt(n.received_on)),
            ("Dokumentdatum", _fmt(o.document_date if o else None), _fmt(n.document_date)),
            ("Sammanträde", _fmt(o.meeting_date if o else None), _fmt(n.meeting_date)),
            ("Beslutsdatum", _fmt(o.decision_date if o else None), _fmt(n.decision_date)),
            ("Ställningstagande", STANCE_LABELS[o.stance] if o else "–", STANCE_LABELS[n.stance]),
            ("Synpunkter", str(len(o.comments)) if o else "0", str(len(n.comments))),
            ("Reservationer m.m.", str(len(o.dissents)) if o else "0", str(len(n.dissents))),
            ("Justeras omedelbart", ("ja" if o.immediate_adjustment else "nej") if o else "–",
             "ja" if n.immediate_adjustment else "nej"),
        ]
    return rows


def record_answer(
    store: Store, dnr: str, organisation: str, new: Recipient, *, base_revision: int, file_name: str = ""
) -> Remiss:
    """Save the answer through services.save_recipient (the event and revision check come from there)."""
    if new.organisation != organisation:
        raise RegisterError("Mottagaren ändrades under registreringen.")
    what = f"Registrerade svaret från {organisation}"
    if file_name:
        what += f" från filen {file_name}"
    return remisser.save_recipient(store, dnr, new, base_revision=base_revision, what=what)


@dataclass
class Plan:
    """What registering one file will do, before it is done."""

    path: Path
    parsed: ParsedDocument
    remiss: Remiss
    recipient: Recipient | None  # None: the organisation could not be matched
    new: Recipient | None
    filing: "Filing | None" = None  # how the recipient was chosen among the remiss's (services.filing)

    @property
    def candidates(self) -> list[str]:
        return [r.organisation for r in self.remiss.recipients]


def plan_file(store: Store, dnr: str, path: str | Path, *, received_on: date | None = None,
              organisation: str | None = None, today: date | None = None) -> Plan:
    """Read the document and work out the recipient and the new version of it; nothing is saved."""
    p = Path(path)
    remiss = store.load(dnr)
    register = store.load_register()
    if not register.organisations:
        from ..formats.toml_io import bundled_register

        register = bundled_register()
    parsed = read_document(p, register, senders={remiss.sender} if remiss.sender else set())
    if organisation:
        rec = remiss.recipient(organisation)
        if rec is None:
            raise RegisterError(f"{organisation} är inte mottagare av remissen {remiss.dnr}.")
        filing = None
    else:
        # Chosen within the remiss: its recipients' names, the sender's address, the body's own words.
        filing = choose_recipient(remiss, parsed, register)
        rec = filing.recipient
    received = received_date(rec, parsed, received_on, today)
    new = build_recipient(rec, parsed, received_on=received, file_name=p.name) if rec else None
    return Plan(p, parsed, remiss, rec, new, filing)


def received_date(rec: Recipient | None, parsed: ParsedDocument, given: date | None, today: date | None) -> date:
    """When the answer arrived: as the user gave it; else an e-mail's Date; else the date already
    registered (reading the same answer again must not make an answer in time look late); else today."""
    existing = rec.response.received_on if rec is not None and rec.response is not None else None
    return given or parsed.received_on or existing or today or remisser.today()


def with_recipient(plan: Plan, organisation: str, *, received_on: date | None = None,
                   today: date | None = None) -> Plan:
    rec = plan.remiss.recipient(organisation)
    if rec is None:
        raise RegisterError(f"{organisation} är inte mottagare av remissen {plan.remiss.dnr}.")
    received = received_date(rec, plan.parsed, received_on, today)
    new = build_recipient(rec, plan.parsed, received_on=received, file_name=plan.path.name)
    return Plan(plan.path, plan.parsed, plan.remiss, rec, new)


def commit_plan(store: Store, plan: Plan) -> Remiss:
    if plan.recipient is None or plan.new is None:
        raise RegisterError(f"{plan.path.name}: mottagaren är inte vald.")
    return record_answer(store, plan.remiss.dnr, plan.recipient.organisation, plan.new,
                         base_revision=plan.recipient.revision, file_name=plan.path.name)


def documents_in(folder: str | Path) -> list[Path]:
    p = Path(folder)
    try:
        return sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in DOCUMENT_SUFFIXES
                      and not f.name.startswith((".", "~$")))
    except OSError as exc:
        raise RegisterError(f"Mappen {p} kan inte läsas ({exc.strerror or exc}).") from None


__all__ = [
    "DocumentError",
    "Plan",
    "RegisterError",
    "build_recipient",
    "comments_from",
    "commit_plan",
    "describe_changes",
    "documents_in",
    "match_by_sender",
    "match_recipient",
    "plan_file",
    "record_answer",
    "summary_from",
    "with_recipient",
]
