"""Split a remissvar into sections by its headings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lines import Lines

# Headings seen in tjänsteutlåtanden, remissvar from agencies and regions, and protokoll.
KNOWN_HEADINGS = (
    "sammanfattning", "sammanfattande synpunkter", "sammanfattande bedömning", "bakgrund", "ärendet",
    "ärendets beredning", "beredning", "förvaltningens synpunkter", "förvaltningens synpunkter och förslag",
    "förvaltningens förslag till beslut", "förslag till beslut", "förslag till yttrande", "beslut",
    "nämndens beslut", "styrelsens beslut", "synpunkter", "övergripande synpunkter", "allmänna synpunkter",
    "specifika synpunkter", "detaljerade synpunkter", "övriga synpunkter", "yttrande", "remissvar",
    "jämställdhetsanalys", "barnrättsanalys", "barnkonsekvensanalys", "barnperspektiv",
    "ekonomiska konsekvenser", "konsekvenser", "bedömning", "slutsats", "slutsatser", "kommentarer",
    "bilagor", "bilaga", "reservation", "reservationer", "särskilt uttalande", "särskilda uttalanden",
    "ersättaryttrande", "ersättaryttranden", "protokollsanteckning", "justering", "beslutsgång",
    "handlingar", "propositionsordning", "förslag", "yrkanden", "skäl för beslut", "motivering",
    "remissen", "remissens innehåll", "utredningens förslag", "förslagen i promemorian",
    "förslagen i betänkandet", "inledning", "ärendebeskrivning", "beslutsunderlag", "expedieras till",
    "miljöanalys", "konsekvensanalys", "ekonomi", "uppföljning",
)
_KNOWN = set(KNOWN_HEADINGS)
# "<Regionens|Kontorets|Nämndens|Kammarkollegiets> synpunkter|bedömning|förslag till beslut|ställningstagande"
_GENITIVE_RE = re.compile(
    r"[^\W\d_][\w-]{1,40}s (?:övergripande |samlade |allmänna |specifika )?"
    r"(?:synpunkter(?: och förslag| och ställningstagande)?|bedömning|förslag(?: till beslut)?|"
    r"ställningstagande|yttrande|kommentarer|överväganden|slutsatser)"
)
_NUMBER_RE = re.compile(r"(?:[0-9]{1,2}(?:\.[0-9]{1,2}){0,3}\.?|[IVX]{1,4}\.)[ ]+")
_SECTION_SIGN_RE = re.compile(r"§[ ]*[0-9]{1,4}[ ]+")

DISSENT_HEADINGS = {
    "reservation", "reservationer", "särskilt uttalande", "särskilda uttalanden", "ersättaryttrande",
    "ersättaryttranden",
}


@dataclass
class Section:
    heading: str
    key: str  # casefolded heading without numbering
    line: int  # heading line index
    start: int  # offset of the body
    end: int
    text: str


def heading_key(line: str) -> str | None:
    """The normalised heading if this line is one, else None."""
    s = line.strip()
    if not s or len(s) > 80:
        return None
    s = _NUMBER_RE.sub("", s, count=1) if s[:1].isdigit() or s[:2] in ("I.", "II", "IV", "V.", "VI") else s
    s = s.rstrip(" :.").strip()
    k = " ".join(s.casefold().split())
    if k in _KNOWN:
        return k
    if _GENITIVE_RE.fullmatch(k):
        return k
    return None


def split_sections(text: str, lines: Lines | None = None) -> list[Section]:
    lines = lines or Lines(text)
    heads: list[tuple[int, str, str]] = []
    for ln in lines.lines:
        k = heading_key(ln.text)
        if k is None:
            continue
        # A heading stands alone: not a sentence continuing from the line before.
        if ln.s.endswith(".") and not ln.s[:1].isdigit():
            continue  # "remissen." closing a sentence, not a heading
        if ln.no > 0:
            prev = lines[ln.no - 1].s
            if prev and not prev.endswith((".", ":", "!", "?", ")")) and prev[-1:].islower() \
                    and len(prev) > 40:
                continue
        heading = _NUMBER_RE.sub("", ln.s, count=1) if ln.s[:1].isdigit() else ln.s
        heads.append((ln.no, heading.rstrip(" :"), k))
    out: list[Section] = []
    for i, (no, heading, key) in enumerate(heads):
        body_start = lines[no].end + 1 if no + 1 < len(lines) else len(text)
        end = lines[heads[i + 1][0]].start if i + 1 < len(heads) else len(text)
        body_start = min(body_start, end)
        out.append(Section(heading, key, no, body_start, end, text[body_start:end].strip()))
    return out


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a section, with PDF line breaks inside a paragraph joined."""
    out = []
    for block in re.split(r"\n[ ]*\n", text):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if not lines:
            continue
        # Bulleted or numbered lines stay separate items of one paragraph.
        joined = ""
        for ln in lines:
            if not joined:
                joined = ln
            elif ln.startswith("- ") or re.match(r"[0-9]{1,2}[.)] ", ln):
                joined += "\n" + ln
            else:
                joined += " " + ln
        out.append(joined)
    return out
