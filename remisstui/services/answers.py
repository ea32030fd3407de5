"""Register an incoming remissvar from its document: match it to a recipient, record the answer.

The face (CLI or TUI) reads the document with formats.document, lets the user confirm or correct,
and calls `record_answer`, which saves through services.save_recipient (so the event, the
revision check and the lock all come from there).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import remisser
from ..domain.field_labels import field_label
from ..domain.model import (
    ANSWER_KIND_LABELS,
    STANCE_LABELS,
    STATUS_LABELS,
    Attachment,
    Comment,
    Contact,
    Passage,
    Recipient,
    Remiss,
    Response,
    Stance,
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


def _own_positions(parsed: ParsedDocument):
    """The position passages of the instans's own sections (synpunkter, bedömning …); a document
    without such sections gives all its passages (its summary, its decision, its letter)."""
    from ..formats.document.positions import OWN, section_role

    own = [p for p in parsed.positions if p.section and section_role(" ".join(p.section.casefold().split())) == OWN]
    return own or list(parsed.positions)


def passages_from(parsed: ParsedDocument, file_name: str = "") -> list[Passage]:
    """Every position passage, verbatim, with the document and the heading it stood under."""
    return [Passage(text=p.text, document=file_name, section=p.section) for p in parsed.positions]


def comments_from(parsed: ParsedDocument, file_name: str = "") -> list[Comment]:
    """One synpunkt per position passage of the instans's own sections: whole sentences copied
    verbatim, with `source` naming the document (never the background, the letterhead or the
    protokoll's procedure: positions never hold them)."""
    return [Comment(text=p.text, source=file_name) for p in _own_positions(parsed)]


def build_recipient(
    rec: Recipient, parsed: ParsedDocument, *, received_on: date, file_name: str = ""
) -> Recipient:
    """The recipient as it will be saved: status answered and a Response from the document.

    `Response.summary` is left empty: it is the registrator's own text, and a summary writer
    would otherwise treat document text copied there as something the registrator wrote (or
    registrator text as the instans's words). The document's words go to `passages` and to the
    synpunkter, each naming the file it was copied from.
    """
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
        summary=rec.response.summary if rec.response else "",
        comments=comments_from(parsed, file_name),
        passages=passages_from(parsed, file_name),
        dissents=copy.deepcopy(parsed.dissents),
        joint_with=list(rec.response.joint_with) if rec.response else [],
        attachments=attachments,
        signatories=[s.as_text() for s in parsed.signatories],
        sections=dict(parsed.sections),
    )
    return new


# --- registering over an existing answer ---------------------------------------------------------

NEW, REPLACE, ADD = "new", "replace", "add"


def _text_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def answer_files(rec: Recipient) -> list[str]:
    """The files the registered answer was read from."""
    r = rec.response
    return [a.file for a in r.attachments if a.file] if r else []


def same_document(rec: Recipient, parsed: ParsedDocument, file_name: str) -> bool:
    """The registered answer was read from this document: the same file name, or every passage
    it yields is already registered (the same answer read again under another name)."""
    r = rec.response
    if r is None:
        return False
    if file_name and file_name in answer_files(rec):
        return True
    known = {_text_key(p.text) for p in r.passages}
    mine = [_text_key(p.text) for p in parsed.positions]
    return bool(mine) and all(k in known for k in mine)


def answer_documents(rec: Recipient) -> list[str]:
    """Every document the registered answer holds parts of: its files, and the documents its
    passages and synpunkter were copied from, in the order they came."""
    r = rec.response
    if r is None:
        return []
    names = answer_files(rec) + [p.document for p in r.passages] + [c.source for c in r.comments]
    return list(dict.fromkeys(n for n in names if n))


def reread_file(rec: Recipient, parsed: ParsedDocument, file_name: str) -> str | None:
    """Which of the answer's own documents this one is, read again: the same file name, or the
    document every passage it yields was registered from (the same file under another name)."""
    docs = answer_documents(rec)
    if file_name and file_name in docs:
        return file_name
    r = rec.response
    if r is None or not same_document(rec, parsed, file_name):
        return None
    by_text = {_text_key(p.text): p.document for p in r.passages if p.document}
    found = [by_text.get(_text_key(p.text)) for p in parsed.positions]
    found = [f for f in found if f]
    return max(set(found), key=found.count) if found else None


def default_mode(rec: Recipient | None, parsed: ParsedDocument, file_name: str) -> str:
    """NEW for a recipient without an answer; REPLACE when the same document is read again (or
    the answer was typed by hand, from no document); ADD for a second document from the same
    instans (a komplettering)."""
    if rec is None or rec.response is None:
        return NEW
    if not answer_files(rec) and not rec.response.passages:
        return REPLACE  # typed by hand: this document is the answer's own
    return REPLACE if same_document(rec, parsed, file_name) else ADD


def carry_over(old: Recipient, new: Recipient) -> Recipient:
    """What a re-read keeps from the registered answer: the themes of synpunkter whose text
    survives, the received date, the registrator's summary and the partners of a joint answer."""
    o, n = old.response, new.response
    if o is None or n is None:
        return new
    themes = {_text_key(c.text): c.theme for c in o.comments if c.theme}
    for c in n.comments:
        if not c.theme and _text_key(c.text) in themes:
            c.theme = themes[_text_key(c.text)]
    if o.received_on:
        n.received_on = o.received_on
    n.summary = n.summary or o.summary
    n.joint_with = list(dict.fromkeys(o.joint_with + n.joint_with))
    return new


def add_document(old: Recipient, new: Recipient) -> Recipient:
    """A komplettering: the registered answer stays, and the new document's passages, synpunkter
    and file are added to it. Registered facts (stance, dates, kind, dnr) stay as they were, and
    are filled only where the registered answer has none."""
    merged = copy.deepcopy(old)
    o, n = merged.response, new.response
    if o is None or n is None:
        return carry_over(old, new)
    merged.status = new.status if merged.status != Status.answered else merged.status
    if not merged.own_dnr:
        merged.own_dnr = new.own_dnr
    if merged.contact.is_empty():
        merged.contact = copy.deepcopy(new.contact)
    have = {_text_key(c.text) for c in o.comments}
    o.comments += [c for c in n.comments if _text_key(c.text) not in have]
    have = {_text_key(p.text) for p in o.passages}
    o.passages += [p for p in n.passages if _text_key(p.text) not in have]
    files = {a.file for a in o.attachments if a.file}
    titles = {a.title for a in o.attachments}
    for a in n.attachments:
        if a.file and a.file not in files:
            o.attachments.append(Attachment(title="Komplettering", file=a.file))
        elif not a.file and a.title not in titles:
            o.attachments.append(copy.deepcopy(a))
    have = {(d.kind, tuple(d.parties), _text_key(d.text)) for d in o.dissents}
    o.dissents += [d for d in n.dissents if (d.kind, tuple(d.parties), _text_key(d.text)) not in have]
    for name in ("document_date", "meeting_date", "decision_date", "received_on"):
        if getattr(o, name) is None:
            setattr(o, name, getattr(n, name))
    if o.stance in (Stance.none, Stance.comments_only) and n.stance not in (Stance.none, Stance.comments_only):
        o.stance, o.stance_sentence = n.stance, n.stance_sentence
    for heading, body in n.sections.items():
        o.sections.setdefault(heading, body)
    o.signatories += [x for x in n.signatories if x not in o.signatories]
    return merged


def replace_document(old: Recipient, new: Recipient, old_file: str, new_file: str) -> Recipient:
    """One of the answer's documents read again: only its parts are replaced (its passages, its
    synpunkter and its attachment); the other documents' parts stay. The themes of synpunkter whose
    text survives are kept. The answer's facts (stance, dates, kind, dissents) follow the document
    only when it is the answer's first document, the one they were read from; the received date stays."""
    merged = copy.deepcopy(old)
    o, n = merged.response, new.response
    if o is None or n is None:
        return carry_over(old, new)
    themes = {_text_key(c.text): c.theme for c in o.comments if c.theme}
    for c in n.comments:
        c.source = new_file
        if not c.theme and _text_key(c.text) in themes:
            c.theme = themes[_text_key(c.text)]
    for p in n.passages:
        p.document = new_file

    def splice(items: list, fresh: list, mine) -> list:
        """The other documents' items in place, this document's new ones where its old ones stood."""
        at = next((i for i, x in enumerate(items) if mine(x)), None)
        rest = [x for x in items if not mine(x)]
        if at is None:
            return rest + fresh
        at = sum(1 for x in items[:at] if not mine(x))
        return rest[:at] + fresh + rest[at:]

    o.comments = splice(o.comments, n.comments, lambda c: c.source == old_file)
    o.passages = splice(o.passages, n.passages, lambda p: p.document == old_file)
    for a in o.attachments:
        if a.file == old_file:
            a.file = new_file
    if not any(a.file == new_file for a in o.attachments):
        o.attachments.append(Attachment(title="Komplettering", file=new_file))
    titles = {a.title for a in o.attachments}
    o.attachments += [copy.deepcopy(a) for a in n.attachments if not a.file and a.title not in titles]
    first = answer_documents(old)[:1] == [old_file]
    if first:
        for name in ("answer_kind", "document_date", "meeting_date", "decision_date", "immediate_adjustment",
                     "stance", "stance_sentence", "dissents", "signatories"):
            setattr(o, name, copy.deepcopy(getattr(n, name)))
        if new.own_dnr:
            merged.own_dnr = new.own_dnr
        if not new.contact.is_empty():
            merged.contact = copy.deepcopy(new.contact)
    for heading, body in n.sections.items():
        if first or heading not in o.sections:
            o.sections[heading] = body
    merged.status = new.status
    return merged


def losses(old: Recipient, new: Recipient) -> list[str]:
    """What saving `new` over `old` drops, in Swedish, one line each."""
    o, n = old.response, new.response
    if o is None:
        return []
    if n is None:
        return ["Det registrerade svaret tas bort."]
    out: list[str] = []
    kept = {_text_key(c.text) for c in n.comments}
    gone = [c for c in o.comments if _text_key(c.text) not in kept]
    if gone:
        themed = sum(1 for c in gone if c.theme)
        line = f"{len(gone)} av {len(o.comments)} synpunkter"
        if themed:
            line += f" (varav {themed} med tema)"
        out.append(line + " försvinner.")
    kept = {_text_key(p.text) for p in n.passages}
    gone_p = [p for p in o.passages if _text_key(p.text) not in kept]
    if gone_p:
        out.append(f"{len(gone_p)} av {len(o.passages)} citerade stycken ur dokumentet försvinner.")
    if o.received_on and n.received_on != o.received_on:
        out.append(f"Mottagningsdatum ändras från {o.received_on.isoformat()} till "
                   f"{n.received_on.isoformat() if n.received_on else '–'}.")
    if o.summary and not n.summary:
        out.append("Din sammanfattning försvinner.")
    files = set(answer_files(new))
    lost_files = [f for f in answer_files(old) if f not in files]
    if lost_files:
        out.append("Dokumentet " + ", ".join(lost_files) + " tas bort ur svaret.")
    gone_j = [j for j in o.joint_with if j not in n.joint_with]
    if gone_j:
        out.append("Gemensamt svar med " + ", ".join(gone_j) + " försvinner.")
    if o.stance != n.stance and o.stance is not Stance.none:
        out.append(f"Ställningstagandet ändras från {STANCE_LABELS[o.stance]} till {STANCE_LABELS[n.stance]}.")
    return out


def remiss_problems(remiss: Remiss, parsed: ParsedDocument) -> list[str]:
    """Why this document may answer another remiss: it names another remiss's dnr, or it is dated
    before the remiss was sent. Swedish, one line each; empty when nothing speaks against it."""
    from ..domain.dnr import dnr_key

    out: list[str] = []
    named = parsed.remiss_dnr
    if named and dnr_key(named) != dnr_key(remiss.dnr):
        out.append(f"Dokumentet gäller remiss {named}, inte {remiss.dnr}.")
    dated = parsed.document_date
    if dated and remiss.sent_on and dated < remiss.sent_on:
        out.append(f"Dokumentet är daterat {dated.isoformat()}, före remissen {remiss.dnr} skickades "
                   f"({remiss.sent_on.isoformat()}).")
    return out


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
        (field_label("status", capital=True), STATUS_LABELS[old.status], STATUS_LABELS[new.status]),
        (field_label("own_dnr", capital=True), _fmt(old.own_dnr), _fmt(new.own_dnr)),
        ("Handläggare", _fmt(old.contact.name), _fmt(new.contact.name)),
        ("Telefon", _fmt(old.contact.phone), _fmt(new.contact.phone)),
        ("E-post", _fmt(old.contact.email), _fmt(new.contact.email)),
    ]
    if n is not None:
        rows += [
            (field_label("answer_kind", capital=True), ANSWER_KIND_LABELS[o.answer_kind] if o else "–", ANSWER_KIND_LABELS[n.answer_kind]),
            (field_label("received_on", capital=True), _fmt(o.received_on if o else None), _fmt(n.received_on)),
            (field_label("document_date", capital=True), _fmt(o.document_date if o else None), _fmt(n.document_date)),
            (field_label("meeting_date", capital=True), _fmt(o.meeting_date if o else None), _fmt(n.meeting_date)),
            (field_label("decision_date", capital=True), _fmt(o.decision_date if o else None), _fmt(n.decision_date)),
            (field_label("stance", capital=True), STANCE_LABELS[o.stance] if o else "–", STANCE_LABELS[n.stance]),
            (field_label("comments", capital=True), str(len(o.comments)) if o else "0", str(len(n.comments))),
            (field_label("passages", capital=True), str(len(o.passages)) if o else "0", str(len(n.passages))),
            ("Dokument", ", ".join(answer_files(old)) or "–", ", ".join(answer_files(new)) or "–"),
            (field_label("dissents", capital=True), str(len(o.dissents)) if o else "0", str(len(n.dissents))),
            (field_label("immediate_adjustment", capital=True), ("ja" if o.immediate_adjustment else "nej") if o else "–",
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
    mode: str = NEW  # NEW, REPLACE (the registered answer is read again) or ADD (a komplettering)
    problems: list[str] = field(default_factory=list)  # why it may answer another remiss
    filing: "Filing | None" = None  # how the recipient was chosen among the remiss's (services.filing)

    @property
    def candidates(self) -> list[str]:
        return [r.organisation for r in self.remiss.recipients]

    @property
    def rereads(self) -> str | None:
        """The answer's own document this one is, read again, when the answer holds others too: then
        only that document's parts are replaced."""
        if self.mode != REPLACE or self.recipient is None:
            return None
        again = reread_file(self.recipient, self.parsed, self.path.name)
        return again if again is not None and any(d != again for d in answer_documents(self.recipient)) else None

    @property
    def what_happens(self) -> str:
        """What saving does to the registered answer, in one Swedish sentence (CLI and TUI say the same)."""
        if self.mode == ADD:
            return "Dokumentet läggs till det registrerade svaret som komplettering."
        if self.rereads:
            return (f"Dokumentet {self.rereads} läses om: bara dess delar av svaret ersätts; övriga dokument, "
                    "teman och mottagningsdatum behålls.")
        return "Det registrerade svaret ersätts av dokumentet; teman och mottagningsdatum behålls."

    @property
    def lost(self) -> list[str]:
        """What saving drops from the registered answer (Swedish lines)."""
        if self.recipient is None or self.new is None:
            return []
        return losses(self.recipient, self.new)


def _new_version(rec: Recipient, parsed: ParsedDocument, path: Path, mode: str,
                 received_on: date | None, today: date | None) -> Recipient:
    received = received_date(rec, parsed, received_on, today)
    built = build_recipient(rec, parsed, received_on=received, file_name=path.name)
    if mode == ADD and rec.response is not None:
        merged = add_document(rec, built)
        if received_on is not None:
            merged.response.received_on = received_on  # the user's date stands
        return merged
    again = reread_file(rec, parsed, path.name) if mode == REPLACE and rec.response is not None else None
    if again is not None and any(d != again for d in answer_documents(rec)):
        # One of several documents read again: only its parts change, the komplettering stays.
        merged = replace_document(rec, built, again, path.name)
        if received_on is not None:
            merged.response.received_on = received_on  # the user's date stands
        return merged
    if rec.response is not None and received_on is None:
        return carry_over(rec, built)
    if rec.response is not None:
        # A received date the user gave stands; the rest carries over.
        built = carry_over(rec, built)
        built.response.received_on = received_on
    return built


def plan_file(store: Store, dnr: str, path: str | Path, *, received_on: date | None = None,
              organisation: str | None = None, today: date | None = None,
              replace: bool = False) -> Plan:
    """Read the document and work out the recipient and the new version of it; nothing is saved.

    Over an existing answer a second document is added to it (a komplettering) unless `replace`;
    the same document read again replaces it, keeping the themes and the received date."""
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
    return _plan(p, parsed, remiss, rec, received_on, today, replace, filing)


def _plan(p: Path, parsed: ParsedDocument, remiss: Remiss, rec: Recipient | None, received_on: date | None,
          today: date | None, replace: bool, filing: Filing | None = None) -> Plan:
    problems = remiss_problems(remiss, parsed)
    if rec is None:
        return Plan(p, parsed, remiss, None, None, NEW, problems, filing)
    mode = default_mode(rec, parsed, p.name)
    if replace and mode == ADD:
        mode = REPLACE
    new = _new_version(rec, parsed, p, mode, received_on, today)
    return Plan(p, parsed, remiss, rec, new, mode, problems, filing)


def received_date(rec: Recipient | None, parsed: ParsedDocument, given: date | None, today: date | None) -> date:
    """When the answer arrived: as the user gave it; else an e-mail's Date; else the date already
    registered (reading the same answer again must not make an answer in time look late); else today."""
    existing = rec.response.received_on if rec is not None and rec.response is not None else None
    return given or parsed.received_on or existing or today or remisser.today()


def with_recipient(plan: Plan, organisation: str, *, received_on: date | None = None,
                   today: date | None = None, replace: bool | None = None) -> Plan:
    rec = plan.remiss.recipient(organisation)
    if rec is None:
        raise RegisterError(f"{organisation} är inte mottagare av remissen {plan.remiss.dnr}.")
    return _plan(plan.path, plan.parsed, plan.remiss, rec, received_on, today,
                 plan.mode == REPLACE if replace is None else replace)


def with_mode(plan: Plan, replace: bool, *, received_on: date | None = None, today: date | None = None) -> Plan:
    """The same plan, adding the document to the registered answer or replacing it."""
    if plan.recipient is None:
        return plan
    return _plan(plan.path, plan.parsed, plan.remiss, plan.recipient, received_on, today, replace)


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
    "with_mode",
    "with_recipient",
    "ADD",
    "NEW",
    "REPLACE",
    "add_document",
    "answer_documents",
    "carry_over",
    "default_mode",
    "losses",
    "passages_from",
    "remiss_problems",
    "replace_document",
    "reread_file",
]
