"""The remissammanställning as a document: the one walk over a Summary, and its headings.

Markdown, HTML and Word render the blocks `document_blocks` returns and decide nothing themselves:
which sections there are, their order, their headings and which lines are quotations are chosen
here, once. (The sentences themselves are written in summary.py and swedish.py.) A renderer maps
each block type to its format: Heading -> "#"/<h2>/"Heading 2", Quote -> ">"/<blockquote>/"Quote".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..domain.dates import format_date_long
from . import swedish as sv
from .summary import TABLE_COLUMNS, OrgSection, Summary, cell_text

CITY = "Stockholms stad"  # the page header of the Word document, above the sender

# Every heading and label of the document formats, in one place.
HEADINGS = {
    "case": "Ärendet",
    "beredning": "Text till beredningen",
    "overview": "Sammanfattande bild",
    "themes": "Teman",
    "answers": "Remissinstansernas svar",
    "others": "Övriga remissinstanser",
    "table": "Bilaga: Samtliga remissinstanser",
}
LABELS = {
    "period": "Remisstid",
    "sender": "Avsändare",
    "compiled": "Sammanställd",
    "stance": "Ställningstagande",
    "comments": "Synpunkter",
    "dissents": "Reservationer och särskilda uttalanden",
    "check": "Att granska",
    "notes": "Registratorns anteckning",
    "passages": "Svarets ställningstagande i egna ord",
}
NO_ANSWERS = "Inga svar har kommit in."

# Dates and diarienummer the HTML keeps on one line: a "KS 2024/" at a line end reads as another
# dnr, and "29 april / 2024" is hard to scan.
NOWRAP_RE = re.compile(
    r"\d{4}-\d{2}-\d{2}"
    r"|\d{1,2} (?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)"
    r" \d{4}"
    r"|\b[A-ZÅÄÖ]{2,5}[ -]\d{4}/\d+(?:[.:/-]\d+)*"
)


@dataclass(frozen=True)
class Heading:
    level: int  # 1 the title, 2 a part, 3 an answer or a theme
    text: str


@dataclass(frozen=True)
class Meta:
    """Label–value lines under the title (remisstid, avsändare, sammanställd)."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Paragraph:
    text: str
    label: str = ""  # shown in bold before the text: "Ställningstagande: "


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Quote:
    """The answer's own words: `intro` names who says them, each passage is a »quotation«."""

    intro: str
    passages: tuple[str, ...]  # with their quotation marks


def _quote(intro: str, passages) -> Quote:
    return Quote(intro, tuple(sv.quoted([p], sentence=False) for p in passages if p.strip()))


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Group:
    """Blocks that belong together (one answer), so a format may keep them on one page."""

    kind: str
    blocks: tuple = field(default=())


Block = Heading | Meta | Paragraph | Bullets | Quote | Table | Group


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def document_blocks(s: Summary) -> list[Block]:
    out: list[Block] = [
        Heading(1, s.heading),
        Meta((
            (LABELS["period"], s.period),
            (LABELS["sender"], s.sender),
            (LABELS["compiled"], format_date_long(s.compiled_on)),
        )),
        Heading(2, HEADINGS["case"]),
    ]
    if s.description:
        out.append(Paragraph(s.description))
    out.append(Paragraph(s.remitted_to_sentence))
    out.append(Bullets(tuple(line.text for line in s.count_lines)))
    out.append(Heading(2, HEADINGS["beredning"]))
    for p in s.beredning:
        if p.check:
            out.append(Paragraph(p.check, label=f"{LABELS['check']}: "))
        out.append(Paragraph(p.text))
    out.append(Heading(2, HEADINGS["overview"]))
    out.append(Paragraph(" ".join(s.stance_overview)))
    out += _theme_blocks(s)
    out.append(Heading(2, HEADINGS["answers"]))
    if not s.sections:
        out.append(Paragraph(NO_ANSWERS))
    out += [Group("answer", tuple(_answer_blocks(sec))) for sec in s.sections]
    if s.collective_lines:
        out.append(Heading(2, HEADINGS["others"]))
        out += [Paragraph(line) for line in s.collective_lines]
    out.append(Heading(2, HEADINGS["table"]))
    out.append(Table(
        tuple(h for _a, h in TABLE_COLUMNS),
        tuple(tuple(cell_text(row.value(a)) for a, _h in TABLE_COLUMNS) for row in s.rows),
    ))
    return out


def _theme_blocks(s: Summary) -> list[Block]:
    """The Teman part: each theme, who raises it, and their points quoted under their names."""
    if not s.themes:
        return []
    out: list[Block] = [Heading(2, HEADINGS["themes"])]
    for theme in s.themes:
        out.append(Heading(3, _cap(theme.name)))
        out.append(Paragraph(theme.sentence))
        for entry in theme.entries:
            if entry.sentences:
                out.append(Paragraph(" ".join(entry.sentences)))
            if entry.points:
                out.append(_quote(f"{entry.organisation}:", entry.points))
            for note in entry.notes:
                out.append(Paragraph(note, label=f"{LABELS['notes']} ({entry.organisation}): "))
    return out


def _answer_blocks(sec: OrgSection) -> list[Block]:
    out: list[Block] = [Heading(3, sec.heading), Paragraph(sec.stance_text, label=f"{LABELS['stance']}: ")]
    if sec.facts:
        out.append(Bullets(tuple(sec.facts)))
    if sec.passages:
        out.append(_quote(f"{LABELS['passages']}:", sec.passages))
    if sec.untagged_own:
        out.append(_quote(sec.quote_intro, [c.text for c in sec.untagged_own]))
    for note in sec.notes:
        if all(note != c.text or not c.theme for c in sec.comments):
            out.append(Paragraph(note, label=f"{LABELS['notes']}: "))
    if sec.themes_note:
        out.append(Paragraph(sec.themes_note))
    if sec.dissents:
        out.append(Paragraph("", label=f"{LABELS['dissents']}:"))
        out.append(Bullets(tuple(d.sentence for d in sec.dissents)))
    return out
