"""The remiss domain as plain dataclasses: no Textual, no TinyDB.

Codes (the enum values) cross the program's edges in JSON, TOML and the CLI and are kept exactly as
DOMAIN.md lists them. Swedish labels for the user live in LABELS dicts beside each enum.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class RemissState(StrEnum):
    draft = "draft"
    out = "out"
    compiling = "compiling"
    closed = "closed"


REMISS_STATE_LABELS = {
    RemissState.draft: "utkast",
    RemissState.out: "ute på remiss",
    RemissState.compiling: "sammanställs",
    RemissState.closed: "avslutad",
}


class OrgKind(StrEnum):
    facknamnd = "facknamnd"
    stadsdelsnamnd = "stadsdelsnamnd"
    bolag = "bolag"
    rad = "rad"
    extern = "extern"
    other = "other"


ORG_KIND_LABELS = {
    OrgKind.facknamnd: "facknämnd",
    OrgKind.stadsdelsnamnd: "stadsdelsnämnd",
    OrgKind.bolag: "bolag",
    OrgKind.rad: "råd",
    OrgKind.extern: "extern",
    OrgKind.other: "övrig",
}

# The fixed order of the remissammanställning and of grouped tables.
ORG_KIND_ORDER = (
    OrgKind.facknamnd,
    OrgKind.stadsdelsnamnd,
    OrgKind.bolag,
    OrgKind.rad,
    OrgKind.extern,
    OrgKind.other,
)


class Status(StrEnum):
    planned = "planned"
    sent = "sent"
    registered = "registered"
    in_preparation = "in_preparation"
    answered = "answered"
    declined = "declined"
    no_answer = "no_answer"
    withdrawn = "withdrawn"


STATUS_LABELS = {
    Status.planned: "ej utskickad",
    Status.sent: "utskickad",
    Status.registered: "mottagen",
    Status.in_preparation: "under beredning",
    Status.answered: "besvarad",
    Status.declined: "avstått",
    Status.no_answer: "ej svarat",
    Status.withdrawn: "återkallad",
}

# Statuses after which a recipient can no longer be late.
CLOSED_STATUSES = frozenset({Status.answered, Status.declined, Status.no_answer, Status.withdrawn})


def recipients_phrase(organisations: list[str] | tuple[str, ...]) -> str:
    """How events and notices name the recipients an action applied to: the one, or how many."""
    return organisations[0] if len(organisations) == 1 else f"{len(organisations)} mottagare"


class AnswerKind(StrEnum):
    committee_decision = "committee_decision"
    board_decision = "board_decision"
    office_answer = "office_answer"
    delegated_decision = "delegated_decision"
    joint = "joint"


ANSWER_KIND_LABELS = {
    AnswerKind.committee_decision: "nämndbeslut",
    AnswerKind.board_decision: "styrelsebeslut",
    AnswerKind.office_answer: "förvaltningssvar",
    AnswerKind.delegated_decision: "delegationsbeslut",
    AnswerKind.joint: "gemensamt svar",
}


class Stance(StrEnum):
    supports = "supports"
    supports_with_comments = "supports_with_comments"
    no_objection = "no_objection"
    partly = "partly"
    opposes = "opposes"
    comments_only = "comments_only"
    none = "none"


STANCE_LABELS = {
    Stance.supports: "tillstyrker",
    Stance.supports_with_comments: "positiv med synpunkter",
    Stance.no_objection: "inget att erinra",
    Stance.partly: "tillstyrker delvis",
    Stance.opposes: "avstyrker",
    Stance.comments_only: "synpunkter utan ställningstagande",
    Stance.none: "–",
}


class DissentKind(StrEnum):
    reservation = "reservation"
    statement = "statement"  # särskilt uttalande
    deputy_statement = "deputy_statement"  # ersättaryttrande


DISSENT_KIND_LABELS = {
    DissentKind.reservation: "reservation",
    DissentKind.statement: "särskilt uttalande",
    DissentKind.deputy_statement: "ersättaryttrande",
}


@dataclass
class MeetingPlan:
    """A sammanträdesplan: explicit dates and/or an RRULE string expanded with dateutil.rrule."""

    dates: list[date] = field(default_factory=list)
    rule: str = ""


@dataclass
class Organisation:
    name: str
    kind: OrgKind
    short_code: str = ""
    dnr_prefix: str = ""
    registry_email: str = ""
    valid_from: date | None = None
    valid_to: date | None = None
    former_names: list[str] = field(default_factory=list)
    meeting_plan: MeetingPlan = field(default_factory=MeetingPlan)

    def is_active(self, on: date) -> bool:
        if self.valid_from and on < self.valid_from:
            return False
        if self.valid_to and on > self.valid_to:
            return False
        return True


@dataclass
class RecipientList:
    """A sändlista: a named, reusable list of organisation names."""

    name: str
    members: list[str] = field(default_factory=list)
    description: str = ""


@dataclass
class Contact:
    name: str = ""
    phone: str = ""
    email: str = ""

    def is_empty(self) -> bool:
        return not (self.name or self.phone or self.email)


@dataclass
class Extension:
    """An anstånd: the original deadline stays on the remiss; this carries the new one."""

    new_deadline: date
    granted_on: date | None = None
    granted_by: str = ""
    reason: str = ""


@dataclass
class Reminder:
    """A påminnelse sent to a late recipient. An event, not a status."""

    sent_on: date
    by: str = ""
    note: str = ""


@dataclass
class Comment:
    """One synpunkt, optionally tagged with a theme for the summary.

    `source` says whose words `text` is. Empty: written by the registrator (a paraphrase, never
    printed as the instans's words). Otherwise the file name of the instans's own document the text
    was copied from verbatim, whole sentences only.
    """

    text: str
    theme: str = ""
    source: str = ""


@dataclass
class Passage:
    """Whole sentences copied verbatim from the instans's own document where it states its view.

    The beredning writes about an instans only from these (or from registered facts), so each of its
    sentences can point back at the passage it came from.
    """

    text: str
    document: str = ""  # the file name it was read from, as in the answer's attachments
    section: str = ""  # the heading it stood under ("Förvaltningens synpunkter"), if any


@dataclass
class Theme:
    """One theme of a remiss's vocabulary: what the synpunkter across answers are grouped under."""

    name: str
    keywords: list[str] = field(default_factory=list)


@dataclass
class Dissent:
    kind: DissentKind
    parties: list[str] = field(default_factory=list)
    text: str = ""


@dataclass
class Attachment:
    title: str
    file: str = ""


@dataclass
class Response:
    """A remissvar as registered."""

    answer_kind: AnswerKind = AnswerKind.committee_decision
    received_on: date | None = None
    document_date: date | None = None
    decision_date: date | None = None
    meeting_date: date | None = None
    immediate_adjustment: bool = False  # omedelbar justering
    stance: Stance = Stance.none
    stance_sentence: str = ""
    summary: str = ""
    comments: list[Comment] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)  # the instans's position passages
    dissents: list[Dissent] = field(default_factory=list)
    joint_with: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    signatories: list[str] = field(default_factory=list)
    sections: dict[str, str] = field(default_factory=dict)


@dataclass
class Recipient:
    """One remiss × one organisation. `organisation` is the organisation's name as in the register."""

    organisation: str
    kind: OrgKind = OrgKind.other
    status: Status = Status.sent
    own_dnr: str = ""
    contact: Contact = field(default_factory=Contact)
    extensions: list[Extension] = field(default_factory=list)
    reminders: list[Reminder] = field(default_factory=list)
    response: Response | None = None
    note: str = ""
    revision: int = 0  # store-managed; lets two registrators edit different recipients at once


@dataclass
class Remiss:
    dnr: str
    title: str
    sender: str = "Kommunstyrelsen"
    description: str = ""
    sent_on: date | None = None
    deadline: date | None = None
    state: RemissState = RemissState.out
    recipients: list[Recipient] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)  # the theme vocabulary (TOML: [[themes]])
    revision: int = 0  # store-managed; bumped on every save

    def recipient(self, organisation: str) -> Recipient | None:
        for rec in self.recipients:
            if rec.organisation == organisation:
                return rec
        return None


@dataclass
class Event:
    """One change, as the history shows it and as undo reverses it.

    `target` is "remiss" or "recipient:<organisation>". `before`/`after` hold only the changed
    top-level fields in their serialised form; `before is None` means the target did not exist.
    Events of one user action share `change`.
    """

    at: datetime
    by: str
    what: str
    target: str = "remiss"
    before: dict | None = None
    after: dict | None = None
    change: str = ""
    undoes: str = ""  # the change id this event reverses, for undo
