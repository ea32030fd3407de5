"""The entry points: read_document(path) and parse_text(text) -> ParsedDocument."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

from ...domain.model import AnswerKind, Contact, Stance
from ...domain.register import Register
from . import fields, people, positions as positions_mod, sections as sections_mod, stance as stance_mod
from .cleanup import clean_text
from .errors import DocumentError
from .extract import MAX_CHARS, extract
from .lines import Lines
from .model import ParsedDocument

# The remiss's sender is never the answering body; a document read on its own has no remiss, so
# none is assumed (the register service passes the remiss's sender).
DEFAULT_SENDERS: set[str] = set()

_OWN_VIEW_RE = re.compile(
    r"(?:synpunkter|bedömning|ställningstagande|yttrande|remissvar|kommentarer|överväganden|slutsats)",
)
_SUMMARY_KEYS = ("sammanfattning", "sammanfattande synpunkter", "sammanfattande bedömning")
_DECISION_RE = re.compile(r"(?:förslag till beslut|^beslut$|s beslut$|beslutet$)")
_IMMEDIATE_RE = re.compile(
    r"justeras omedelbart|omedelbart justera[ds]?|omedelbar justering|förklaras omedelbart justerad",
    re.IGNORECASE,
)


def read_document(path: str | os.PathLike[str], register: Register | None = None, *,
                  senders: set[str] | None = None) -> ParsedDocument:
    """Read a .txt/.pdf/.docx remissvar, or a saved e-mail (.eml/.msg) carrying one; raises only
    DocumentError (Swedish message)."""
    from .mail import MAIL_SUFFIXES

    if Path(path).suffix.lower() in MAIL_SUFFIXES:
        return _read_mail_document(Path(path), register, senders)
    try:
        raw = extract(path)
    except DocumentError:
        raise
    except MemoryError:
        raise DocumentError("Dokumentet är för stort för att läsas.") from None
    except RecursionError:
        raise DocumentError(f"{Path(path).name} kan inte läsas (filen är trasig).") from None
    doc = parse_text(raw.pages, register, senders=senders)
    doc.file = str(path)
    doc.file_kind = raw.kind
    doc.pages = len(raw.pages)
    for note in raw.notes:
        doc.warn(note)
    return doc


def _read_mail_document(path: Path, register: Register | None, senders: set[str] | None) -> ParsedDocument:
    """The attachment that is the remissvar is read (the others are bilagor); with none, the body."""
    import tempfile

    from .extract import _check_path, _read_bytes
    from .mail import read_mail

    _check_path(path)
    mail = read_mail(path, _read_bytes(path))
    answer = mail.answer_attachment()
    if answer is not None:
        with tempfile.TemporaryDirectory(prefix="remisstui-mail-") as tmp:
            inner = Path(tmp) / (Path(answer.name).name or "bilaga")
            inner.write_bytes(answer.data)
            try:
                doc = read_document(inner, register, senders=senders)
            except DocumentError as exc:
                raise DocumentError(f"{path.name}: bilagan {answer.name} kan inte läsas – {exc}") from None
        doc.answer_file = answer.name
    else:
        body = mail.body.strip()
        if not body:
            raise DocumentError(f"{path.name}: e-postmeddelandet har varken text eller ett remissvar som bilaga.")
        doc = parse_text(body, register, senders=senders)
        doc.file_kind = "text"
    doc.file = str(path)
    doc.file_kind = "msg" if path.suffix.lower() == ".msg" else "eml"
    doc.received_on = mail.sent.date() if mail.sent else None
    doc.mail_from = mail.sender_email
    doc.mail_from_name = mail.sender_name
    doc.mail_subject = mail.subject
    doc.mail_recipients = list(mail.recipients)
    others = [a.name for a in mail.attachments if a is not answer]
    doc.attachments = others + [t for t in doc.attachments if t not in others]
    if mail.sent is None:
        doc.warn("E-postmeddelandet saknar datum; mottagningsdatum får anges.")
    return doc


@functools.lru_cache(maxsize=1)
def _default_register() -> Register:
    try:
        from ..toml_io import bundled_register

        return bundled_register()
    except Exception:
        return Register()


def parse_text(text: str | list[str], register: Register | None = None, *,
               senders: set[str] | None = None) -> ParsedDocument:
    """Extract the fields of a remissvar from its text (or its pages)."""
    if register is None:
        register = _default_register()
    if isinstance(text, str):
        text = text[:MAX_CHARS]
    cleaned = clean_text(text)
    if sum(1 for c in cleaned[:5000] if c.isalnum()) < 3 and sum(1 for c in cleaned if c.isalnum()) < 3:
        raise DocumentError("Dokumentet saknar text.")
    doc = ParsedDocument(text=cleaned, file_kind="text", pages=1)
    lines = Lines(cleaned)
    used: set[int] = set()  # header lines consumed by fields: kept out of the sections
    doubts: dict[str, str] = {}  # field -> why its value is not clearly supported

    title, title_lines = fields.find_title(lines, used)
    if title:
        doc.remiss_title = str(title.value)
        doc.sources["remiss_title"] = title.source
    own, rem, warns = fields.find_dnr_fields(lines, title_lines)
    for w in warns:
        doc.warn(w)
    if own:
        doc.own_dnr = str(own.value)
        doc.sources["own_dnr"] = own.source
        used.add(own.source.line - 1)
        if own.unsure:
            doubts["own_dnr"] = own.unsure
    if rem:
        doc.remiss_dnr = str(rem.value)
        doc.sources["remiss_dnr"] = rem.source
        if rem.unsure:
            doubts["remiss_dnr"] = rem.unsure

    org, in_reg, warns = fields.find_organisation(
        lines, register, doc.own_dnr, senders if senders is not None else DEFAULT_SENDERS, used
    )
    for w in warns:
        doc.warn(w)
    if org:
        doc.organisation = str(org.value)
        doc.organisation_in_register = in_reg
        doc.sources["organisation"] = org.source
        if org.unsure:
            doubts["organisation"] = org.unsure

    for key, found in fields.find_dates_fields(lines, used).items():
        setattr(doc, key, found.value)
        doc.sources[key] = found.source
        if found.unsure:
            doubts[key] = found.unsure

    if doc.meeting_date and _PROTOKOLL_RE.search("\n".join(ln.text for ln in lines.lines[:8])[:600]):
        # A protokoll or protokollsutdrag is dated by its meeting, whatever else is dated on it.
        doc.document_date = doc.meeting_date
        doc.sources["document_date"] = doc.sources["meeting_date"]
        doubts.pop("document_date", None)
        if "meeting_date" in doubts:
            doubts["document_date"] = doubts["meeting_date"]
    elif doc.document_date is None and doc.meeting_date:
        # A guess, not a reading: the answer is not dated, the meeting is.
        doc.document_date = doc.meeting_date
        doc.sources["document_date"] = doc.sources["meeting_date"]
        # A paper addressed to a coming meeting ("Till Kulturnämnden 2024-05-12") is written before it:
        # the meeting's date is then a guess at the paper's. A labelled meeting date heads the paper itself.
        mline = doc.sources["meeting_date"].line - 1
        if any(lines[j].s.lower().startswith("till") for j in range(max(0, mline - 3), mline + 1)):
            doubts["document_date"] = "dokumentet är inte daterat; sammanträdets datum"
        else:
            doc.warn("Dokumentets datum saknas; sammanträdesdatum används – kontrollera.")
    contact = fields.find_contact(lines, used)
    doc.contact = Contact(
        name=str(contact["contact_name"].value) if "contact_name" in contact else "",
        phone=str(contact["contact_phone"].value) if "contact_phone" in contact else "",
        email=str(contact["contact_email"].value) if "contact_email" in contact else "",
    )
    for key, found in contact.items():
        doc.sources[key] = found.source
        if found.unsure:
            doubts[key] = found.unsure
    emails = fields.find_emails(cleaned)
    doc.emails = [e for e, _ in emails]
    for e, off in emails:
        used.add(lines.line_of(off))
    _mark_address_lines(lines, used)

    secs = sections_mod.split_sections(cleaned, lines)
    sig_end = next((s.line for s in secs if s.key in ("bilagor", "bilaga")), None)
    doc.signatories = people.find_signatories(
        lines, sig_end if sig_end and sig_end > len(lines) // 2 else None, used
    )
    doc.sections = _section_texts(secs, lines, used)
    for s in secs:
        if _DECISION_RE.search(s.key) and not doc.decision:
            doc.decision = fields.decision_points(s.text)
            if doc.decision:
                doc.sources["decision"] = lines.source(s.start, s.end)
        if s.key in ("bilagor", "bilaga"):
            doc.attachments = _attachments(s.text)
    doc.immediate_adjustment = bool(_IMMEDIATE_RE.search(cleaned))

    # The instans's own voice: whole sentences where it states its view.
    doc.positions = positions_mod.find_positions(lines, secs, used, [doc.organisation or ""])

    # Stance: the summary first, then the organisation's own views, then the rest of the text.
    scopes: list[tuple[int, int, int]] = []
    skip = set(stance_mod._SKIP_SECTIONS)
    has_comments = False
    for s in secs:
        if s.key in _SUMMARY_KEYS:
            scopes.append((0, s.start, s.end))
        elif _OWN_VIEW_RE.search(s.key) and s.key not in skip:
            scopes.append((1, s.start, s.end))
            has_comments = has_comments or len(s.text) > 80
        elif _DECISION_RE.search(s.key):
            scopes.append((2, s.start, s.end))
        elif s.key not in skip:
            scopes.append((3, s.start, s.end))
    first_heading = lines[secs[0].line].start if secs else len(cleaned)
    scopes.append((1 if not secs else 2, 0, first_heading))
    if not secs:
        has_comments = len(cleaned) > 400
    # Layout limit, named: the stance is read in the first 100 000 characters (summary, the own views).
    limit = stance_mod.STANCE_HEAD_CHARS
    scopes = [(p, a, min(b, limit)) for p, a, b in scopes if a < limit]
    res = stance_mod.find_stance(cleaned, scopes, has_comments, own_names=[doc.organisation or ""])
    doc.stance = res.stance
    doc.stance_sentence = res.sentence
    if res.start is not None and res.sentence:
        doc.sources["stance"] = lines.source(res.start, res.start + len(res.sentence))
    for w in res.warnings:
        doc.warn(w)
    if res.declined:
        doc.status_hint = "declined"
    if res.candidate is not None:
        # Unsure: no stance is given; the candidate is shown flagged, with the sentence it came from.
        doc.set_unsure("stance", res.candidate.value, res.unsure)
        doc.warn(f"Ställningstagande osäker: {stance_mod.STANCE_LABELS_SV[res.candidate]} ({res.unsure}) – kontrollera.")

    doc.dissents = people.find_dissents(lines)
    doc.answer_kind = _answer_kind(cleaned, doc)

    for key, why in doubts.items():
        _withhold(doc, key, why)
    _missing_warnings(doc)
    return doc


_FIELD_LABELS = {
    "organisation": "Organisation", "own_dnr": "Eget dnr", "remiss_dnr": "Remissens dnr",
    "document_date": "Dokumentets datum", "meeting_date": "Sammanträdesdatum", "deadline": "Svarsdatum",
    "contact_name": "Handläggare", "contact_phone": "Telefon", "contact_email": "E-post",
}


def _withhold(doc: ParsedDocument, key: str, why: str) -> None:
    """An unsure value leaves its field: a wrong value costs more than a missing one. It stays as a
    candidate the registrator is shown, flagged "osäker"."""
    if key.startswith("contact_"):
        attr = key.removeprefix("contact_")
        value = getattr(doc.contact, attr)
        if not value:
            return
        doc.set_unsure(key, value, why)
        setattr(doc.contact, attr, "")
    else:
        value = getattr(doc, key, None)
        if value in (None, ""):
            return
        doc.set_unsure(key, value, why)
        setattr(doc, key, None)
        if key == "organisation":
            doc.organisation_in_register = False
    shown = value.isoformat() if hasattr(value, "isoformat") else value
    doc.warn(f"{_FIELD_LABELS.get(key, key)} osäker: {shown} ({why}) – kontrollera.")


# A protokoll, or a paper made for a meeting ("ÄRENDE TILL SAMMANTRÄDESDATUM"), is dated by the meeting.
_PROTOKOLL_RE = re.compile(r"protokoll|ärende till sammanträde", re.IGNORECASE)
_POSTCODE_RE = re.compile(r"^(?:box [0-9]{1,6},? )?[0-9]{3} ?[0-9]{2} [A-ZÅÄÖ][\wåäö]+", re.IGNORECASE)
_LETTERHEAD_RE = re.compile(
    r"^(?:handläggare|telefon|tel|tfn|till|besöksadress|postadress|post|besök|växel|www\.|e-post|"
    r"org\.? ?nr|organisationsnummer|webbplats|fax)\b",
    re.IGNORECASE,
)
_DOC_KIND_RE = re.compile(
    r"(?:tjänsteutlåtande|remissvar|yttrande|protokollsutdrag|utdrag ur protokoll|skrivelse|missiv|"
    r"promemoria|beslut|protokoll)(?: [0-9 -]{1,12})?",
    re.IGNORECASE,
)
_STREET_RE = re.compile(r"(?:box [0-9]{1,6}|[A-ZÅÄÖ][\wåäö.:-]{1,30}(?: [\wåäö.:-]{1,30}){0,2} [0-9]{1,4}[A-Za-z]?)")


def _mark_address_lines(lines: Lines, used: set[int]) -> None:
    n = len(lines)
    for ln in lines.lines:
        s = ln.s
        if not s or len(s) > 70:
            continue
        if _POSTCODE_RE.match(s) or _LETTERHEAD_RE.match(s) or _DOC_KIND_RE.fullmatch(s):
            used.add(ln.no)
            if _POSTCODE_RE.match(s) and ln.no > 0 and _STREET_RE.fullmatch(lines[ln.no - 1].s):
                used.add(ln.no - 1)
        elif (ln.no < 45 or ln.no > n - 30) and fields.office_line(s):
            used.add(ln.no)


def _section_texts(secs, lines: Lines, used: set[int]) -> dict[str, str]:
    """Section bodies with letterhead paragraphs (mostly consumed header lines) left out."""
    out: dict[str, str] = {}
    for s in secs:
        first = lines.line_of(s.start) if s.start < len(lines.text) else len(lines)
        last = lines.line_of(max(s.start, s.end - 1))
        kept: list[str] = []
        block: list[int] = []

        def flush() -> None:
            if not block:
                return
            consumed = sum(1 for j in block if j in used)
            if consumed * 2 < len(block):
                kept.append("\n".join(lines[j].text.strip() for j in block if j not in used))
            block.clear()

        for j in range(first, min(last + 1, len(lines))):
            if j == s.line:
                continue
            if lines[j].s:
                block.append(j)
            else:
                flush()
        flush()
        body = "\n\n".join(" ".join(p.split("\n")) if not _is_list(p) else p for p in kept).strip()
        if not body:
            continue
        heading = s.heading
        n = 2
        while heading in out:
            heading = f"{s.heading} ({n})"
            n += 1
        out[heading] = body
    return out


def _is_list(p: str) -> bool:
    return sum(1 for ln in p.split("\n") if ln.startswith(("- ", "1", "2", "3", "4", "5"))) >= 2


def _attachments(text: str) -> list[str]:
    out = []
    for raw in text.split("\n"):
        s = raw.strip()
        s = re.sub(r"^(?:bilaga[ ]*[0-9]{0,2}[.:)]?|[0-9]{1,2}[.)]|-)[ ]*", "", s, flags=re.IGNORECASE).strip()
        s = s.rstrip(".")
        if s and len(s) < 200 and not re.fullmatch(r"[0-9 ()/]+", s):
            out.append(s)
    return out[:30]


def _answer_kind(text: str, doc: ParsedDocument) -> AnswerKind:
    low = text.lower()
    if re.search(r"\bgemensamt (?:svar|yttrande|remissvar)\b", low):
        return AnswerKind.joint
    if re.search(r"\bstyrelse(?:n|beslut|ns beslut)|styrelsen beslutar|styrelsen har beslutat", low) \
            and "nämnd" not in low[:3000]:
        return AnswerKind.board_decision
    if re.search(r"\bdelegationsbeslut|med stöd av delegation|på delegation|enligt delegation", low):
        return AnswerKind.delegated_decision
    if re.search(r"\bförvaltningssvar|tjänstemannasvar|svar från förvaltningen\b", low):
        return AnswerKind.office_answer
    # A state agency's yttrande is decided within the agency, not by a nämnd at a meeting.
    if doc.organisation and _AGENCY_RE.search(doc.organisation) and not _MEETING_WORDS_RE.search(low[:20000]):
        return AnswerKind.office_answer
    return AnswerKind.committee_decision


_AGENCY_RE = re.compile(
    r"(?:verket|myndigheten|kollegiet|kollegium|inspektionen|institutet|ombudsmannen|universitet(?:et)?|"
    r"högskolan|domstolen|tingsrätt|hovrätt|kansliet|ämbetet|polisen|kriminalvården|lantmäteriet|"
    r"tullverket|kustbevakningen|försäkringskassan|arbetsförmedlingen)$|^(?:Länsstyrelsen|Statens|Myndigheten)\b",
    re.IGNORECASE,
)
_MEETING_WORDS_RE = re.compile(
    r"nämnden beslutar|styrelsen beslutar|sammanträde|protokoll|§\s*[0-9]|fullmäktige beslutar", re.IGNORECASE
)


def _missing_warnings(doc: ParsedDocument) -> None:
    if not doc.own_dnr and "own_dnr" not in doc.unsure:
        doc.warn("Eget diarienummer hittades inte.")
    if not doc.remiss_dnr and "remiss_dnr" not in doc.unsure:
        doc.warn("Remissens diarienummer hittades inte.")
    if not doc.document_date and "document_date" not in doc.unsure:
        doc.warn("Dokumentets datum hittades inte.")
    if not doc.remiss_title:
        doc.warn("Remissens rubrik hittades inte.")
    if "contact_name" in doc.unsure:
        pass
    elif not doc.contact.name:
        doc.warn("Handläggare hittades inte.")
    elif not doc.contact.phone:
        doc.warn("Handläggarens telefonnummer hittades inte.")
    if doc.meeting_date and doc.document_date and doc.meeting_date < doc.document_date:
        doc.warn("Sammanträdesdatum ligger före dokumentets datum – kontrollera.")
    if doc.stance is Stance.none and "stance" not in doc.unsure and not any("ställningstagande" in w for w in doc.warnings):
        doc.warn("Inget ställningstagande hittades i texten.")
