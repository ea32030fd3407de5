"""The remissammanställning as Markdown (CommonMark): headings, lists and a pipe table.

User text is escaped so that "[bold]", "<script>" or "*" in an answer stay literal when the
Markdown is later turned into HTML by some other tool.
"""

from __future__ import annotations

import re

from ..domain.dates import format_date_long
from .summary import TABLE_COLUMNS, Summary, cell_text

_ESCAPE_RE = re.compile(r"([\\`*_\[\]<>|#~])")
_ENTITY_RE = re.compile(r"&(?=#?\w+;)")
_LINE_START_RE = re.compile(r"^(\s*)([-+=]|\d+[.)])(?=\s|$)")


def md_escape(text: str) -> str:
    """Backslash-escape Markdown and inline-HTML syntax; one line in, one line out."""
    text = " ".join(str(text).split())
    text = _ESCAPE_RE.sub(r"\\\1", text)
    text = _ENTITY_RE.sub("&amp;", text)
    return _LINE_START_RE.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _cell(text: str) -> str:
    return md_escape(text) or " "


def render_markdown(s: Summary) -> str:
    out: list[str] = []
    add = out.append
    add(f"# {md_escape(s.heading)}")
    add("")
    add(f"**Remisstid:** {md_escape(s.period)}  ")
    add(f"**Avsändare:** {md_escape(s.sender)}  ")
    add(f"**Sammanställd:** {md_escape(format_date_long(s.compiled_on))}")
    add("")
    add("## Ärendet")
    add("")
    if s.description:
        add(md_escape(s.description))
        add("")
    add(md_escape(s.remitted_to_sentence))
    add("")
    for line in s.count_lines:
        add(f"- {md_escape(line.text)}")
    add("")
    add("## Sammanfattande bild")
    add("")
    add(md_escape(" ".join(s.stance_overview)))
    add("")
    if s.themes:
        add("## Teman")
        add("")
        for theme in s.themes:
            add(f"### {md_escape(theme.name[:1].upper() + theme.name[1:])}")
            add("")
            add(md_escape(theme.sentence))
            add("")
            for entry in theme.entries:
                for point in entry.points:
                    add(f"- **{md_escape(entry.organisation)}:** {md_escape(point)}")
            add("")
    add("## Remissinstansernas svar")
    add("")
    if not s.sections:
        add("Inga svar har kommit in.")
        add("")
    for sec in s.sections:
        add(f"### {md_escape(sec.heading)}")
        add("")
        add(f"**Ställningstagande:** {md_escape(sec.stance_text)}")
        add("")
        for fact in sec.facts:
            add(f"- {md_escape(fact)}")
        if sec.facts:
            add("")
        for para in sec.summary:
            add(md_escape(para))
            add("")
        if sec.untagged:
            add("**Synpunkter:**")
            add("")
            for c in sec.untagged:
                add(f"- {md_escape(c.text)}")
            add("")
        if sec.themes_note:
            add(md_escape(sec.themes_note))
            add("")
        if sec.dissents:
            add("**Reservationer och särskilda uttalanden:**")
            add("")
            for d in sec.dissents:
                add(f"- {md_escape(d.sentence)}")
            add("")
    if s.collective_lines:
        add("## Övriga remissinstanser")
        add("")
        for line in s.collective_lines:
            add(md_escape(line))
            add("")
    add("## Bilaga: Samtliga remissinstanser")
    add("")
    add("| " + " | ".join(h for _a, h in TABLE_COLUMNS) + " |")
    add("|" + "|".join("---" for _ in TABLE_COLUMNS) + "|")
    for row in s.rows:
        add("| " + " | ".join(_cell(cell_text(row.value(a))) for a, _h in TABLE_COLUMNS) + " |")
    add("")
    return "\n".join(out)

