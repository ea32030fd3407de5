"""The remissammanställning as one value: Remiss + Register -> Summary. No rendering here.

Every renderer (Markdown, DOCX, HTML, XLSX, CSV, JSON, beredning text) reads the same Summary, so
the wording is decided once, in this module and in `swedish.py`; the document formats' headings
and the order they walk the Summary in are decided once in `summary_layout.py`. All text is plain
text; renderers escape it for their format.

The beredning (summary_beredning.py) is written only from registered facts and the instans's own
sentences, each with its source. The document formats quote only the instans's own words (position
passages, synpunkter with a `source`); the registrator's text is shown as the registrator's note.
Anstånd and deadlines moved by the holiday rule have one wording (`deadline_text`) for every format.

Structure (DOMAIN.md, "The remissammanställning KS needs"):
1. heading, remisstid, date compiled;
2. "Ärendet har remitterats till …" and counts;
3. the overall picture of stances with named examples;
4. themes with the organisations behind them and their points;
5. one section per answering organisation (or joint answer) in the fixed order, then the collective
   lines for joint answers, declines and those who have not answered;
6. a closing table of every recipient (`rows`).
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..domain import deadlines
from ..domain.calendar import holiday_name
from ..domain.dates import WEEKDAYS_SV, format_date_long
from ..domain.model import (
    ANSWER_KIND_LABELS,
    DISSENT_KIND_LABELS,
    ORG_KIND_LABELS,
    ORG_KIND_ORDER,
    STATUS_LABELS,
    AnswerKind,
    OrgKind,
    Recipient,
    Remiss,
    Response,
    Stance,
    Status,
)
from ..domain.register import Register, name_key
from ..domain import joint as joint_rule
from ..domain.answer_kind import answer_kind_label, effective_kind
from . import summary_beredning as sb
from . import swedish as sv

__all__ = [
    "CountLine",
    "Counts",
    "DissentItem",
    "OrgSection",
    "Point",
    "RecipientRow",
    "Summary",
    "TABLE_COLUMNS",
    "ROW_COLUMNS",
    "Theme",
    "ThemeEntry",
    "build_summary",
    "org_order_key",
]

ALL_SDN = "samtliga stadsdelsnämnder"

# The closing table (bilaga) of the document formats: (Summary row attribute, Swedish header).
TABLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("organisation", "Remissinstans"),
    ("table_status", "Status"),
    ("received_on", "Svar inkom"),
    ("stance_label", "Ställningstagande"),
    ("own_dnr", "Eget dnr"),
)

# One row per recipient in XLSX and CSV: (attribute, header).
ROW_COLUMNS: tuple[tuple[str, str], ...] = (
    ("organisation", "Remissinstans"),
    ("kind_label", "Typ"),
    ("status_label", "Status"),
    ("deadline", "Svarsdatum"),
    ("extended_to", "Anstånd till"),
    ("deadline_text", "Om svarsdatum"),
    ("overdue_text", "Försenad"),
    ("received_on", "Svar inkom"),
    ("late_text", "Svarade efter svarstiden"),
    ("answer_kind_label", "Svarstyp"),
    ("stance_label", "Ställningstagande"),
    ("own_dnr", "Eget dnr"),
    ("decision_date", "Beslutsdatum"),
    ("joint_with_text", "Gemensamt svar med"),
    ("reminders", "Påminnelser"),
    ("comment_count", "Antal synpunkter"),
    ("themes_text", "Teman"),
    ("beredning_text", "Beredningstext"),
)


# --- the value ------------------------------------------------------------------------------


@dataclass
class CountLine:
    label: str
    value: int
    detail: str = ""

    @property
    def text(self) -> str:
        return f"{self.label}: {self.value}" + (f" ({self.detail})" if self.detail else "")


@dataclass
class Counts:
    sent: int  # recipients the remiss went to: not planned, not withdrawn
    answered: int
    answered_by_kind: dict[str, int]  # AnswerKind code -> number of organisations
    declined: int
    not_answered: int  # sent, neither answered nor declined (open, or closed without answer)
    open_not_due: int  # of not_answered: the deadline in force has not passed
    overdue: int  # open and past the deadline in force today
    answered_late: int  # answered after the deadline in force
    late: int  # overdue + answered_late
    extended: int  # with at least one anstånd
    reminders: int  # reminders sent (drafts are not reminders until marked as sent)
    reminded: int  # recipients with at least one reminder sent
    planned: int
    withdrawn: int


@dataclass
class Point:
    text: str
    theme: str = ""
    source: str = ""  # the document the words were copied from; "" = the registrator's note


@dataclass
class DissentItem:
    kind: str
    kind_label: str
    parties: list[str]
    text: str
    sentence: str


@dataclass
class ThemeEntry:
    organisation: str  # an organisation, or the names of a joint answer
    points: list[str]  # the instans's own words, verbatim (synpunkter with a source)
    notes: list[str] = field(default_factory=list)  # the registrator's notes: never quoted
    sentences: list[str] = field(default_factory=list)  # its points in indirect speech (item 3)


@dataclass
class Theme:
    name: str
    organisations: list[str]
    sentence: str  # who raised it, every one named: "Kulturnämnden och Södermalms stadsdelsnämnd tar upp X."
    entries: list[ThemeEntry]


@dataclass
class OrgSection:
    """One answer. Document renderers show `untagged` comments here; tagged ones under Teman."""

    heading: str
    organisations: list[str]
    kind: str
    joint: bool
    stance: str
    stance_label: str
    stance_text: str  # "Södermalms stadsdelsnämnd ställer sig i stort positiv till förslaget."
    quote_intro: str  # who speaks in the quoted passages: "Södermalms stadsdelsnämnd anför:"
    stance_sentence: str  # the answer's own stance sentence, as registered
    summary: list[str]  # paragraphs
    comments: list[Point]
    answer_kind: str | None
    answer_kind_label: str
    own_dnr: str
    received_on: date | None
    document_date: date | None
    decision_date: date | None
    meeting_date: date | None
    immediate_adjustment: bool
    late: bool
    facts: list[str]  # "Eget dnr: SÖD 2024/145", "Beslut: 25 april 2024 …"
    themes: list[str]  # the themes of its comments, in the answer's order
    themes_note: str  # "Synpunkterna om X och Y redovisas under Teman." or ""
    dissents: list[DissentItem]
    beredning: str  # the paragraph for the tjänsteutlåtande
    beredning_sentences: list[dict[str, Any]] = field(default_factory=list)  # text + source each
    beredning_check: str = ""  # a note for the handläggare, "" when the paragraph can be pasted
    passages: list[str] = field(default_factory=list)  # the position passages not among `comments`
    notes: list[str] = field(default_factory=list)  # the registrator's own text: summary, typed synpunkter


    @property
    def untagged(self) -> list[Point]:
        return [c for c in self.comments if not c.theme]

    @property
    def untagged_own(self) -> list[Point]:
        return [c for c in self.untagged if c.source]


@dataclass
class RecipientRow:
    organisation: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    table_status: str  # the status with "försenad", "anstånd" where they apply
    deadline: date | None  # the deadline in force: latest anstånd or remiss deadline, holiday rule applied
    extended_to: date | None  # the latest anstånd as granted
    deadline_text: str  # "anstånd till 1 juni 2024 (lördag), gäller närmaste vardag 3 juni 2024" or ""
    overdue: bool
    received_on: date | None
    answered_late: bool
    answer_kind: str | None
    answer_kind_label: str
    stance: str | None
    stance_label: str
    own_dnr: str
    decision_date: date | None
    joint_with: list[str]
    reminders: int
    comment_count: int
    themes: list[str]
    beredning_text: str = ""  # the beredning sentences about this recipient

    @property
    def overdue_text(self) -> str:
        return "ja" if self.overdue else ""

    @property
    def late_text(self) -> str:
        return "ja" if self.answered_late else ""

    @property
    def joint_with_text(self) -> str:
        return ", ".join(self.joint_with)

    @property
    def themes_text(self) -> str:
        return ", ".join(self.themes)

    def value(self, attr: str) -> Any:
        return getattr(self, attr)


@dataclass
class Summary:
    dnr: str
    title: str
    sender: str
    description: str
    sent_on: date | None
    deadline: date | None
    compiled_on: date
    heading: str
    period: str  # "31 januari 2024 – 29 april 2024"
    remitted_to: list[str]  # organisations in the fixed order
    remitted_to_sentence: str
    counts: Counts
    count_lines: list[CountLine]
    stance_overview: list[str]
    themes: list[Theme]
    sections: list[OrgSection]
    collective_lines: list[str]
    rows: list[RecipientRow]
    beredning: list[sb.BeredningParagraph] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: dates as ISO strings, codes as in DOMAIN.md."""
        return _jsonable(dataclasses.asdict(self))

    def table(self) -> list[list[str]]:
        """The closing table as strings, header first."""
        out = [[h for _a, h in TABLE_COLUMNS]]
        for row in self.rows:
            out.append([cell_text(row.value(a)) for a, _h in TABLE_COLUMNS])
        return out


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


# --- helpers --------------------------------------------------------------------------------

_WS_RE = re.compile(r"\s+")
_PARA_RE = re.compile(r"\n\s*\n")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+")


def one_line(text: str) -> str:
    """Whitespace (line breaks, tabs) collapsed: names and sentences are single lines."""
    return _WS_RE.sub(" ", text or "").strip()


def paragraphs(text: str) -> list[str]:
    return [p for p in (one_line(x) for x in _PARA_RE.split(text or "")) if p]


def _kind_index(kind: OrgKind) -> int:
    try:
        return ORG_KIND_ORDER.index(kind)
    except ValueError:
        return len(ORG_KIND_ORDER)


def org_order_key(kind: OrgKind, name: str) -> tuple:
    """The fixed order: facknämnder, stadsdelsnämnder, bolag, råd, externa, övriga; then name."""
    return (_kind_index(kind), sv.swedish_key(name))


def _long(d: date | None) -> str:
    return format_date_long(d) if d else ""


def deadline_text(remiss: Remiss, rec: Recipient) -> str:
    """The one wording of an anstånd and of a deadline the holiday rule moved, for every format.

    ``anstånd till 1 juni 2024 (lördag), gäller närmaste vardag 3 juni 2024``; ``anstånd till 14
    juni 2024``; ``svarsdatum 28 april 2024 (söndag), gäller närmaste vardag 29 april 2024``; or "".
    """
    dl = deadlines.deadline_in_force(remiss, rec)
    if dl is None:
        return ""
    what = "anstånd till" if rec.extensions else "svarsdatum"
    if dl.moved_reason is None:
        return f"{what} {_long(dl.written)}" if rec.extensions else ""
    day = holiday_name(dl.written) or WEEKDAYS_SV[dl.written.weekday()]
    return f"{what} {_long(dl.written)} ({day}), gäller närmaste vardag {_long(dl.due)}"


def _sentence(text: str) -> str:
    text = one_line(text)
    if text and text[-1] not in ".!?:":
        text += "."
    return sv.capitalize_first(text)


def _has_content(resp: Response | None) -> bool:
    return resp is not None and (
        resp.stance is not Stance.none or bool(resp.comments) or bool(resp.summary.strip())
        or bool(resp.stance_sentence.strip())
    )


class _Names:
    """Turns a set of organisation names into prose, compacting "samtliga stadsdelsnämnder"."""

    def __init__(self, all_sdn: frozenset[str]):
        self.all_sdn = all_sdn  # name keys of the active stadsdelsnämnder, empty when unknown

    def covers_all_sdn(self, names: list[str]) -> bool:
        keys = {name_key(n) for n in names}
        return bool(self.all_sdn) and self.all_sdn <= keys

    def compact(self, names: list[str]) -> list[str]:
        """Names in order; all stadsdelsnämnder become one item "samtliga stadsdelsnämnder"."""
        if not self.covers_all_sdn(names):
            return list(names)
        out: list[str] = []
        placed = False
        for n in names:
            if name_key(n) in self.all_sdn:
                if not placed:
                    out.append(ALL_SDN)
                    placed = True
            else:
                out.append(n)
        return out


# --- building -------------------------------------------------------------------------------


@dataclass
class _Unit:
    """An answer: one organisation, or a joint answer of several."""

    members: list[Recipient]
    response: Response | None
    joint: bool

    @property
    def names(self) -> list[str]:
        return [r.organisation for r in self.members]

    @property
    def lead(self) -> Recipient:
        return self.members[0]


def _active_sdn(register: Register | None, on: date) -> frozenset[str]:
    if register is None:
        return frozenset()
    return frozenset(
        name_key(o.name)
        for o in register.organisations
        if o.kind is OrgKind.stadsdelsnamnd and o.is_active(on)
    )


def _joint_units(answered: list[Recipient]) -> list[_Unit]:
    """Group answered recipients into answers: joint_with links form groups (union-find)."""
    index = {name_key(r.organisation): i for i, r in enumerate(answered)}
    parent = list(range(len(answered)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, rec in enumerate(answered):
        if rec.response is None:
            continue
        for other in rec.response.joint_with:
            j = index.get(name_key(other))
            if j is not None:
                parent[find(j)] = find(i)

    groups: dict[int, list[Recipient]] = defaultdict(list)
    for i, rec in enumerate(answered):
        groups[find(i)].append(rec)
    units = []
    for members in groups.values():
        members.sort(key=lambda r: org_order_key(r.kind, r.organisation))
        with_content = [m for m in members if _has_content(m.response)]
        lead_resp = (with_content or [m for m in members if m.response] or [None])[0]
        response = lead_resp.response if lead_resp is not None else None
        joint = len(members) > 1 or bool(response and response.answer_kind is AnswerKind.joint)
        units.append(_Unit(members=members, response=response, joint=joint))
    units.sort(key=lambda u: org_order_key(u.lead.kind, u.lead.organisation))
    return units


def build_summary(remiss: Remiss, register: Register | None = None, *, today: date) -> Summary:
    """The remissammanställning of `remiss` as it stands `today`."""
    on = remiss.sent_on or today
    names = _Names(_active_sdn(register, on))
    recipients = sorted(remiss.recipients, key=lambda r: org_order_key(r.kind, r.organisation))
    sent = [r for r in recipients if r.status not in (Status.planned, Status.withdrawn)]
    # A partner of a joint answer is answered (domain/joint.py), whatever its own status says.
    answered = [r for r in sent if joint_rule.effective_status(remiss, r) is Status.answered]
    declined = [r for r in sent if r.status is Status.declined]
    not_answered = [r for r in sent if joint_rule.effective_status(remiss, r) not in (Status.answered, Status.declined)]
    overdue = [r for r in sent if deadlines.is_overdue(remiss, r, today)]
    late_answers = [r for r in answered if deadlines.answered_late(remiss, r)]
    extended = [r for r in sent if deadlines.is_extended(r)]
    units = _joint_units(answered)
    unit_of = {id(m): u for u in units for m in u.members}

    # --- counts
    # Answers by kind: a joint answer is one answer however many it answers for.
    by_kind: dict[str, int] = {}
    for unit in units:
        resp = unit.response
        if unit.joint and len(unit.members) > 1:
            key = AnswerKind.joint.value
        elif resp is None:
            key = "unknown"
        else:
            kind = effective_kind(resp, unit.lead.kind)
            key = kind.value if kind else "yttrande"
        by_kind[key] = by_kind.get(key, 0) + 1
    order = [k.value for k in AnswerKind] + ["yttrande", "unknown"]
    by_kind = {k: by_kind[k] for k in order if k in by_kind}
    overdue_ids = {id(r) for r in overdue}  # identity: == on a Recipient compares every field
    open_not_due = [r for r in not_answered if deadlines.is_open(r) and id(r) not in overdue_ids]
    counts = Counts(
        sent=len(sent),
        answered=len(answered),
        answered_by_kind=by_kind,
        declined=len(declined),
        not_answered=len(not_answered),
        open_not_due=len(open_not_due),
        overdue=len(overdue),
        answered_late=len(late_answers),
        late=len(overdue) + len(late_answers),
        extended=len(extended),
        reminders=sum(deadlines.reminder_count(r) for r in sent),
        reminded=sum(deadlines.reminder_count(r) > 0 for r in sent),
        planned=sum(r.status is Status.planned for r in recipients),
        withdrawn=sum(r.status is Status.withdrawn for r in recipients),
    )

    remitted = [r.organisation for r in sent]
    beredning, texts = _beredning(remiss, sent, units, declined, not_answered, overdue, recipients, names)
    sections = [_section(u, remiss, names, texts.get(id(u))) for u in units]
    rows = [_row(remiss, r, unit_of.get(id(r)), today, texts) for r in recipients]
    title = one_line(remiss.title)
    dnr = one_line(remiss.dnr)

    return Summary(
        dnr=dnr,
        title=title,
        sender=one_line(remiss.sender),
        description=one_line(remiss.description),
        sent_on=remiss.sent_on,
        deadline=remiss.deadline,
        compiled_on=today,
        heading=f"Sammanställning av remissvar – {title} ({dnr})",
        period=_period(remiss),
        remitted_to=remitted,
        remitted_to_sentence=beredning[0].sentences[0].text if sent else _remitted_sentence(remitted, names),
        counts=counts,
        count_lines=_count_lines(counts),
        stance_overview=_stance_overview(units, counts, names, remitted),
        themes=_themes(units),
        sections=sections,
        collective_lines=_collective_lines(
            remiss, units, declined, not_answered, overdue, late_answers, extended, recipients, today
        ),
        rows=rows,
        beredning=beredning,
    )


def _beredning(
    remiss: Remiss,
    sent: list[Recipient],
    units: list[_Unit],
    declined: list[Recipient],
    not_answered: list[Recipient],
    overdue: list[Recipient],
    recipients: list[Recipient],
    names: _Names,
) -> tuple[list[sb.BeredningParagraph], dict[int, sb.BeredningParagraph]]:
    """The beredning (KS-STYLE): the list sentence with joint answers, kontorsyttranden and declines
    once each; then one paragraph per answer in list order, stadsdelsnämnder with the same stance
    and nothing more sharing one sentence. Returns the paragraphs and each unit's (by id)."""
    F = sb.fact
    if not sent:
        return [sb.paragraph([F("Ärendet har ännu inte remitterats till någon remissinstans.", "remitted_to")])], {}
    all_sdn = names.covers_all_sdn([r.organisation for r in sent])
    opening = [F(f"Ärendet har remitterats till {sv.join_list(sb.names_in_running_text(sent, all_sdn=all_sdn))}.",
                 "remitted_to", organisations=[r.organisation for r in sent])]
    check = []
    for u in units:
        if u.joint and len(u.members) > 1:
            opening.append(F(f"{sb.subject_names(u.members)} har inkommit med ett gemensamt svar.", "joint",
                             organisations=u.names))
    for u in units:
        if not (u.joint and len(u.members) > 1) and u.response is not None:
            who, office = sb.speaker(u.lead, u.response)
            if office:
                opening.append(F(f"{who} har inkommit med ett kontorsyttrande.", "answer_kind:office_answer",
                                 organisations=u.names))
    if declined:
        opening.append(F(f"{sb.subject_names(declined)} har avstått från att svara.", "declined",
                         organisations=[r.organisation for r in declined]))
    overdue_ids = {id(r) for r in overdue}
    missing = [r for r in not_answered if r.status is Status.no_answer or id(r) in overdue_ids]
    pending = [r for r in not_answered if all(r is not m for m in missing)]
    if missing:
        opening.append(F(f"{sb.subject_names(missing)} har inte inkommit med något svar.", "not_answered",
                         organisations=[r.organisation for r in missing]))
        check.append("svar saknas")
    if pending:
        opening.append(F(f"{sb.subject_names(pending)} har ännu inte svarat.", "pending",
                         organisations=[r.organisation for r in pending]))
        check.append("remisstiden pågår")
    withdrawn = [r for r in recipients if r.status is Status.withdrawn]
    if withdrawn:
        opening.append(F(f"Remissen till {sv.join_list(sb.names_in_running_text(withdrawn))} har återkallats.",
                         "withdrawn", organisations=[r.organisation for r in withdrawn]))
    paras = [sb.paragraph(opening, check="; ".join(check))]

    texts: dict[int, sb.BeredningParagraph] = {}
    # Stadsdelsnämnder whose paragraph is the stance alone share one sentence per stance.
    shared: dict[Stance, list[_Unit]] = defaultdict(list)
    parts: list[tuple[_Unit, sb.InstansText]] = []
    for u in units:
        t = sb.instans_paragraph(u.members, u.response, joint=u.joint and len(u.members) > 1)
        parts.append((u, t))
        if t.only_stance and u.lead.kind is OrgKind.stadsdelsnamnd and len(u.members) == 1 \
                and not sb.speaker(u.lead, u.response)[1]:
            shared[u.response.stance if u.response else Stance.none].append(u)
    placed: set[int] = set()
    for u, t in parts:
        stance = u.response.stance if u.response else Stance.none
        group = shared.get(stance, [])
        if len(group) > 1 and any(g is u for g in group):
            if id(group[0]) in placed:
                texts[id(u)] = texts[id(group[0])]
                continue
            members = [g.lead for g in group]
            every = names.covers_all_sdn([m.organisation for m in members]) and len(members) == len(
                [r for r in sent if r.kind is OrgKind.stadsdelsnamnd])
            subject = sb.subject_names(members, all_sdn=every)
            p = sb.paragraph([F(f"{subject} {sb.stance_fact(stance, plural=True)}.", f"stance:{stance.value}",
                                organisations=[m.organisation for m in members])],
                             [m.organisation for m in members])
            placed.add(id(group[0]))
            texts[id(u)] = p
            paras.append(p)
            continue
        p = sb.paragraph(t.sentences, u.names, t.check)
        texts[id(u)] = p
        paras.append(p)
    return paras, texts


def _period(remiss: Remiss) -> str:
    if remiss.sent_on and remiss.deadline:
        return f"{_long(remiss.sent_on)} – {_long(remiss.deadline)}"
    if remiss.deadline:
        return f"svar senast {_long(remiss.deadline)}"
    if remiss.sent_on:
        return f"utskickad {_long(remiss.sent_on)}"
    return "ej angiven"


def _remitted_sentence(remitted: list[str], names: _Names) -> str:
    if not remitted:
        return "Ärendet har ännu inte remitterats till någon remissinstans."
    return f"Ärendet har remitterats till {sv.join_list(names.compact(remitted))}."


def _count_lines(c: Counts) -> list[CountLine]:
    kinds = []
    for code, n in c.answered_by_kind.items():
        if code == "unknown":
            label = "svarstyp ej angiven"
        elif code == "yttrande":
            label = "yttrande" if n == 1 else "yttranden"
        else:
            label = ANSWER_KIND_LABELS[AnswerKind(code)]
            if code == AnswerKind.joint.value and n > 1:
                label = "gemensamma svar"
        kinds.append(f"{n} {label}")
    not_answered_detail = ""
    if c.open_not_due:
        not_answered_detail = f"varav {c.open_not_due} vars svarstid inte har gått ut"
    lines = [
        CountLine("Remissen har skickats till", c.sent),
        CountLine("Har svarat", c.answered, ", ".join(kinds)),
        CountLine("Har avstått från att svara", c.declined),
        CountLine("Har inte svarat", c.not_answered, not_answered_detail),
        # "Försenade" means what it means on the overview and the remiss screen (deadlines.is_overdue):
        # awaiting an answer past the deadline in force. Late answers are counted on their own line.
        CountLine("Försenade", c.overdue),
        CountLine("Har fått anstånd", c.extended),
        CountLine(
            "Påminnelser skickade", c.reminders,
            f"till {sv.instances(c.reminded, words=False)}" if c.reminders else "",
        ),
    ]
    if c.answered_late:
        lines.insert(5, CountLine("Svarade efter svarstiden", c.answered_late))
    if c.withdrawn:
        lines.append(CountLine("Återkallade", c.withdrawn))
    if c.planned:
        lines.append(CountLine("Ännu inte utskickade", c.planned))
    return lines


def _stance_overview(units: list[_Unit], c: Counts, names: _Names, remitted: list[str]) -> list[str]:
    """Who answered what, every one named (KS-STYLE §5: never "flera" or a bare count)."""
    if not units:
        if c.sent:
            return [f"Inget svar har ännu kommit in från de {sv.instances(c.sent)} som remissen skickats till."]
        return ["Inga svar har kommit in."]
    out = [
        sv.capitalize_first(
            f"{sv.number_word(c.answered)} av {sv.instances(c.sent)} har svarat"
            + (f" och {sv.number_word(c.declined)} har avstått." if c.declined else ".")
        )
    ]
    by_stance: dict[Stance, list[_Unit]] = defaultdict(list)
    for u in units:
        by_stance[u.response.stance if u.response else Stance.none].append(u)
    for stance in sv.STANCE_ORDER:
        group = by_stance.get(stance)
        if not group:
            continue
        members = [m for u in group for m in u.members]
        members.sort(key=lambda r: org_order_key(r.kind, r.organisation))
        every = names.covers_all_sdn([m.organisation for m in members])
        out.append(f"{sb.subject_names(members, all_sdn=every)} {sb.stance_fact(stance, plural=len(members) > 1)}.")
    with_dissent = [u for u in units if u.response and u.response.dissents]
    if with_dissent:
        who = sv.join_list(sb.names_in_running_text([u.lead for u in with_dissent]))
        out.append(f"Reservationer eller särskilda uttalanden finns i svaren från {who}.")
    return out


def _unit_label(u: _Unit) -> str:
    return sv.join_list(u.names)


# --- Teman ----------------------------------------------------------------------------------
# The themes section: `Summary.themes` is built here from the themes the answers' comments are
# tagged with (each theme's opening sentence from domain/themes.py), and the document formats
# render it in `summary_layout._theme_blocks`.


def _themes(units: list[_Unit]) -> list[Theme]:
    """Each accepted theme (a synpunkt's theme set by the registrator) opens with who raised it,
    every one named, then each instans's synpunkter: its own words, or the registrator's notes."""
    entries: dict[str, dict[str, ThemeEntry]] = {}
    members: dict[str, list[Recipient]] = {}
    display: dict[str, str] = {}
    first_seen: dict[str, int] = {}
    for u in units:
        if u.response is None:
            continue
        who = _unit_label(u) + (" (gemensamt svar)" if u.joint and len(u.members) > 1 else "")
        for c in u.response.comments:
            theme = one_line(c.theme)
            text = one_line(c.text)
            if not theme or not text:
                continue
            key = theme.casefold()
            display.setdefault(key, theme)
            first_seen.setdefault(key, len(first_seen))
            entry = entries.setdefault(key, {}).setdefault(who, ThemeEntry(who, []))
            if one_line(c.source):
                entry.points.append(text)
                entry.sentences += sb.point_sentences(u.members, u.response, text,
                                                      joint=u.joint and len(u.members) > 1)
            else:
                entry.notes.append(text)
            have = members.setdefault(key, [])
            for m in u.members:
                if all(m is not h for h in have):
                    have.append(m)
    themes = []
    for key in sorted(entries, key=lambda k: (-len(members[k]), first_seen[k])):
        recs = sorted(members[key], key=lambda r: org_order_key(r.kind, r.organisation))
        themes.append(
            Theme(
                name=display[key],
                organisations=[r.organisation for r in recs],
                sentence=f"{sb.subject_names(recs)} tar upp {display[key]}.",
                entries=list(entries[key].values()),
            )
        )
    return themes


def _section(u: _Unit, remiss: Remiss, names: _Names, para: sb.BeredningParagraph | None) -> OrgSection:
    resp = u.response
    lead = u.lead
    who = _unit_label(u)
    plural = len(u.members) > 1
    joint = u.joint and plural
    stance = resp.stance if resp else Stance.none
    comments = [Point(one_line(c.text), one_line(c.theme), one_line(c.source)) for c in (resp.comments if resp else [])]
    comments = [c for c in comments if c.text]
    topics: list[str] = []
    for c in comments:
        if c.theme and c.theme.casefold() not in (t.casefold() for t in topics):
            topics.append(c.theme)
    # The registrator's own text (summary, typed synpunkter) is a note, never the instans's words.
    notes = paragraphs(resp.summary) if resp else []
    in_comments = {c.text.casefold() for c in comments}
    passages = [one_line(p.text) for p in (resp.passages if resp else []) if one_line(p.text)]
    passages = [p for p in dict.fromkeys(passages) if p.casefold() not in in_comments]
    dissents = [
        DissentItem(
            kind=d.kind.value,
            kind_label=DISSENT_KIND_LABELS[d.kind],
            parties=[one_line(p) for p in d.parties if one_line(p)],
            text=one_line(d.text),
            sentence=sv.dissent_sentence(d.kind, [sb.party_mark(p) for p in d.parties if one_line(p)], d.text),
        )
        for d in (resp.dissents if resp else [])
    ]
    late = any(deadlines.answered_late(remiss, m) for m in u.members)
    subject = sb.subject_names(u.members) if joint else sb.speaker(lead, resp)[0]
    stance_text = (
        f"{sv.capitalize_first(subject)} {sb.stance_fact(stance, plural=joint)}." if resp else
        f"{sv.capitalize_first(subject)} har svarat; svaret har inte registrerats i detalj."
    )

    own = "; ".join(
        (f"{m.organisation}: {one_line(m.own_dnr)}" if plural else one_line(m.own_dnr))
        for m in u.members if one_line(m.own_dnr)
    )
    kind_label = ""
    if resp is not None:
        kind_label = ANSWER_KIND_LABELS[AnswerKind.joint] if joint else answer_kind_label(resp, lead.kind)
    facts: list[str] = []
    if resp is not None:
        facts.append(f"Svarstyp: {kind_label}")
    if own:
        facts.append(f"Eget dnr: {own}")
    if resp is not None:
        if resp.decision_date:
            adj = ", justerat omedelbart" if resp.immediate_adjustment else ""
            facts.append(f"Beslutsdatum: {_long(resp.decision_date)}{adj}")
        if resp.meeting_date and resp.meeting_date != resp.decision_date:
            facts.append(f"Sammanträde: {_long(resp.meeting_date)}")
        if resp.received_on:
            facts.append(f"Svaret inkom: {_long(resp.received_on)}" + (" (efter svarstiden)" if late else ""))
    for m in u.members:
        text = deadline_text(remiss, m) if m.extensions else ""
        if text:
            facts.append(f"Svarsdatum: {(m.organisation + ': ') if plural else ''}{text}")

    return OrgSection(
        heading=who + (" (gemensamt svar)" if joint else ""),
        organisations=u.names,
        kind=lead.kind.value,
        joint=u.joint,
        stance=stance.value,
        stance_label=sv.STANCE_WORDS[stance],
        stance_text=stance_text,
        quote_intro=f"Ur svaret från {sv.capitalize_first(subject)}:",
        stance_sentence=one_line(resp.stance_sentence) if resp else "",
        summary=[],
        comments=comments,
        answer_kind=resp.answer_kind.value if resp else None,
        answer_kind_label=kind_label,
        own_dnr=own,
        received_on=resp.received_on if resp else None,
        document_date=resp.document_date if resp else None,
        decision_date=resp.decision_date if resp else None,
        meeting_date=resp.meeting_date if resp else None,
        immediate_adjustment=bool(resp and resp.immediate_adjustment),
        late=late,
        facts=facts,
        themes=topics,
        themes_note=(
            f"Synpunkterna om {sv.join_list(topics)} redovisas under Teman ovan." if topics else ""
        ),
        dissents=dissents,
        beredning=para.text if para else "",
        beredning_sentences=[{"text": x.text, "source": dict(x.source)} for x in (para.sentences if para else [])],
        beredning_check=para.check if para else "",
        passages=passages,
        notes=notes + [c.text for c in comments if not c.source],
    )


def _collective_lines(
    remiss: Remiss,
    units: list[_Unit],
    declined: list[Recipient],
    not_answered: list[Recipient],
    overdue: list[Recipient],
    late_answers: list[Recipient],
    extended: list[Recipient],
    recipients: list[Recipient],
    today: date,
) -> list[str]:
    # Joint answers are announced once, in the beredning; their sections' headings say so.
    out: list[str] = []
    if declined:
        out.append(f"{sb.subject_names(declined)} har avstått från att svara.")
    overdue_ids = {id(r) for r in overdue}
    missing = [r for r in not_answered if r.status is Status.no_answer or id(r) in overdue_ids]
    if missing:
        out.append(f"{sb.subject_names(missing)} har inte svarat.")
    # Not yet due: by deadline, except those with an anstånd, which the anstånd line below names.
    missing_ids = {id(r) for r in missing}
    pending = [r for r in not_answered if id(r) not in missing_ids and not r.extensions]
    waiting = {id(r) for r in not_answered if id(r) not in missing_ids}
    # Names as running text writes them (KS-STYLE §2), like the beredning.
    by_due: dict[date | None, list[Recipient]] = defaultdict(list)
    for r in pending:
        by_due[deadlines.due_date(remiss, r)].append(r)
    for due in sorted(by_due, key=lambda d: d or date.max):
        who = sb.subject_names(by_due[due])
        if due:
            out.append(f"{who} har ännu inte svarat; svarstiden går ut den {_long(due)}.")
        else:
            out.append(f"{who} har ännu inte svarat.")
    if late_answers:
        out.append(f"{sb.subject_names(late_answers)} svarade efter svarstiden.")
    # An answered recipient's anstånd is history, shown in its own section, not a line down here.
    by_ext: dict[tuple[date, str, bool], list[Recipient]] = defaultdict(list)
    for r in extended:
        if r.status in (Status.answered, Status.declined) or joint_rule.effective_status(remiss, r) is Status.answered:
            continue
        by_ext[(r.extensions[-1].new_deadline, deadline_text(remiss, r), id(r) in waiting)].append(r)
    for key in sorted(by_ext):
        head = " har ännu inte svarat och" if key[2] else ""
        out.append(f"{sb.subject_names(by_ext[key])}{head} har fått {key[1]}.")
    withdrawn = [r for r in recipients if r.status is Status.withdrawn]
    if withdrawn:
        out.append(f"Remissen till {sv.join_list(sb.names_in_running_text(withdrawn))} har återkallats.")
    return out


def _row(
    remiss: Remiss, rec: Recipient, unit: _Unit | None, today: date, texts: dict[int, sb.BeredningParagraph]
) -> RecipientRow:
    resp = rec.response
    if unit is not None and not _has_content(resp):
        resp = unit.response or resp  # a joint member: the joint answer speaks for it
    # The answer's synpunkter are counted once, on the recipient that holds the answer.
    holds_answer = unit is None or resp is None or resp is rec.response
    answered = joint_rule.effective_status(remiss, rec) is Status.answered
    overdue = deadlines.is_overdue(remiss, rec, today)
    late = answered and deadlines.answered_late(remiss, rec)
    joint_names = [n for n in (unit.names if unit else []) if n != rec.organisation]
    if not joint_names and rec.response:
        joint_names = [one_line(n) for n in rec.response.joint_with if one_line(n)]
    status_label = STATUS_LABELS[Status.answered if answered else rec.status]
    marks = []
    if overdue:
        marks.append("försenad")
    if late:
        marks.append("efter svarstiden")
    if unit is not None and unit.joint and len(unit.members) > 1:
        marks.append("gemensamt svar")
    if rec.extensions:
        marks.append("anstånd")
    table_status = status_label + (f" ({', '.join(marks)})" if marks else "")
    stance = resp.stance if (resp and answered) else None
    kind_label = ""
    kind_code = None
    if answered and resp:
        if unit and unit.joint and len(unit.members) > 1:
            kind_code = AnswerKind.joint
            kind_label = ANSWER_KIND_LABELS[kind_code]
        else:
            kind_code = resp.answer_kind
            kind_label = answer_kind_label(resp, rec.kind)
    themes: list[str] = []
    for c in (resp.comments if resp and answered else []):
        t = one_line(c.theme)
        if t and t.casefold() not in (x.casefold() for x in themes):
            themes.append(t)
    return RecipientRow(
        organisation=one_line(rec.organisation),
        kind=rec.kind.value,
        kind_label=ORG_KIND_LABELS.get(rec.kind, ""),
        status=(Status.answered if answered else rec.status).value,
        status_label=status_label,
        table_status=table_status,
        deadline=deadlines.due_date(remiss, rec),
        extended_to=rec.extensions[-1].new_deadline if rec.extensions else None,
        deadline_text=deadline_text(remiss, rec),
        overdue=overdue,
        received_on=resp.received_on if (resp and answered) else None,
        answered_late=late,
        answer_kind=kind_code.value if kind_code else None,
        answer_kind_label=kind_label,
        stance=stance.value if stance else None,
        stance_label=sv.STANCE_WORDS[stance] if stance else "",
        own_dnr=one_line(rec.own_dnr),
        decision_date=resp.decision_date if (resp and answered) else None,
        joint_with=joint_names,
        reminders=deadlines.reminder_count(rec),
        comment_count=len(resp.comments) if (resp and answered and holds_answer) else 0,
        themes=themes,
        beredning_text=texts[id(unit)].text if unit is not None and id(unit) in texts else "",
    )
