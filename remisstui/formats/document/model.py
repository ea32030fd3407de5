"""What the reader returns: values plus where in the cleaned text each came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...domain.model import AnswerKind, Contact, Dissent, Stance


@dataclass(frozen=True)
class Source:
    """Provenance of one extracted value: offset and 1-based line in the cleaned text."""

    start: int
    end: int
    line: int
    snippet: str
    matched: str = ""  # exactly the text the value was read from

    def as_json(self) -> dict[str, Any]:
        return {"offset": self.start, "end": self.end, "line": self.line, "text": self.matched,
                "snippet": self.snippet}


@dataclass
class Signatory:
    name: str
    title: str = ""

    def as_text(self) -> str:
        return f"{self.name}, {self.title}" if self.title else self.name


@dataclass
class ParsedDocument:
    text: str = ""  # the cleaned text every Source refers to
    file: str = ""
    file_kind: str = ""  # txt | pdf | docx | text
    pages: int = 0
    organisation: str | None = None
    organisation_in_register: bool = False
    own_dnr: str | None = None
    remiss_dnr: str | None = None
    remiss_title: str | None = None
    document_date: date | None = None
    meeting_date: date | None = None
    deadline: date | None = None
    contact: Contact = field(default_factory=Contact)
    emails: list[str] = field(default_factory=list)
    stance: Stance = Stance.none
    stance_sentence: str | None = None
    decision: list[str] = field(default_factory=list)
    sections: dict[str, str] = field(default_factory=dict)
    signatories: list[Signatory] = field(default_factory=list)
    dissents: list[Dissent] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    answer_kind: AnswerKind = AnswerKind.committee_decision
    immediate_adjustment: bool = False
    warnings: list[str] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    # A status the text suggests instead of a stance ("avstår från att lämna synpunkter" -> declined).
    status_hint: str | None = None
    # An answer that arrived by e-mail (.eml/.msg): the mail's own facts.
    received_on: date | None = None  # the mail's Date
    mail_from: str = ""  # sender address, lower case
    mail_from_name: str = ""
    mail_subject: str = ""
    mail_recipients: list[str] = field(default_factory=list)
    answer_file: str = ""  # the attachment read as the remissvar ("" = the mail's body)
    # Whole sentences where the instans states its view (positions.Position), in document order.
    positions: list[Any] = field(default_factory=list)
    # Fields the text does not clearly support: key -> (the candidate value, why it is unsure). The
    # field itself is left empty; a registrator checks the candidate ("osäker") before using it.
    unsure: dict[str, tuple[Any, str]] = field(default_factory=dict)

    def set_unsure(self, key: str, value: Any, why: str) -> None:
        """Move a value the reader is not sure of out of its field, keeping it as a flagged candidate."""
        if value in (None, ""):
            return
        self.unsure[key] = (value, why)

    def candidate(self, key: str) -> Any:
        """The unsure candidate for a field, or None."""
        got = self.unsure.get(key)
        return got[0] if got else None

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def as_json(self) -> dict[str, Any]:
        """The `remisstui parse --json` contract (ARCHITECTURE.md) plus a few extra keys."""

        def iso(d: date | None) -> str | None:
            return d.isoformat() if d else None

        return {
            "organisation": self.organisation,
            "own_dnr": self.own_dnr,
            "remiss_dnr": self.remiss_dnr,
            "remiss_title": self.remiss_title,
            "document_date": iso(self.document_date),
            "meeting_date": iso(self.meeting_date),
            "deadline": iso(self.deadline),
            "contact": {
                "name": self.contact.name or None,
                "phone": self.contact.phone or None,
                "email": self.contact.email or None,
            },
            "emails": list(self.emails),
            "stance": self.stance.value,
            "stance_sentence": self.stance_sentence,
            "decision": list(self.decision),
            "sections": dict(self.sections),
            "signatories": [{"name": s.name, "title": s.title or None} for s in self.signatories],
            "warnings": list(self.warnings),
            # Extras beyond the contract.
            "dissents": [
                {"kind": d.kind.value, "parties": list(d.parties), "text": d.text} for d in self.dissents
            ],
            "attachments": list(self.attachments),
            "answer_kind": self.answer_kind.value,
            "immediate_adjustment": self.immediate_adjustment,
            "status_hint": self.status_hint,
            "mail": None if not (self.mail_from or self.mail_subject or self.received_on) else {
                "from": self.mail_from or None,
                "from_name": self.mail_from_name or None,
                "subject": self.mail_subject or None,
                "received_on": iso(self.received_on),
                "to": list(self.mail_recipients),
                "answer_file": self.answer_file or None,
            },
            "sources": self._sources_json(),
            "unsure": {k: why for k, (_v, why) in self.unsure.items()},
            "positions": [p.as_json() for p in self.positions],
        }

    def _sources_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in self.sources.items():
            item = v.as_json()
            if k in self.unsure:
                value, why = self.unsure[k]
                item["unsure"] = True
                item["candidate"] = value.isoformat() if isinstance(value, date) else value
                item["why"] = why
            out[k] = item
        return out
