"""The remissammanställning as Markdown (CommonMark): headings, lists and a pipe table.

User text is escaped so that "[bold]", "<script>" or "*" in an answer stay literal when the
Markdown is later turned into HTML by some other tool.
"""

from __future__ import annotations

import re

from .summary import Summary
from .summary_layout import Block, Bullets, Group, Heading, Meta, Paragraph, Quote, Table, document_blocks

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
    for block in document_blocks(s):
        _block(block, out)
    return "\n".join(out)


def _block(b: Block, out: list[str]) -> None:
    add = out.append
    if isinstance(b, Heading):
        add(f"{'#' * b.level} {md_escape(b.text)}")
    elif isinstance(b, Meta):
        lines = [f"**{md_escape(label)}:** {md_escape(value)}" for label, value in b.items]
        add("  \n".join(lines))  # two trailing spaces: a hard line break
    elif isinstance(b, Paragraph):
        label = f"**{md_escape(b.label.strip())}**" if b.label else ""
        add(" ".join(x for x in (label, md_escape(b.text)) if x))
    elif isinstance(b, Bullets):
        add("\n".join(f"- {md_escape(item)}" for item in b.items))
    elif isinstance(b, Quote):
        if b.intro:
            add(md_escape(b.intro))
            add("")
        add("\n>\n".join(f"> {md_escape(p)}" for p in b.passages))
    elif isinstance(b, Table):
        add("| " + " | ".join(md_escape(h) for h in b.header) + " |")
        rows = ["|" + "|".join("---" for _ in b.header) + "|"]
        rows += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in b.rows]
        add("\n".join(rows))
    elif isinstance(b, Group):
        for inner in b.blocks:
            _block(inner, out)
        return
    add("")
