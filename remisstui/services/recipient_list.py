"""A recipient list pasted or read from a file ("Klistra in sändlista", `remisstui recipients`).

Real remisser go to lists of 20 to 100 bodies, written in the remissmissiv: numbered or not, one per
line, or separated by commas. Each line is matched, once and here for both faces, against
- the register (name, short code, former names),
- Sweden's public bodies (formats/public_bodies.py: names, kommun/länsstyrelse forms, aliases),
- former names (data/former_names.toml and the rule that every landsting is a region now).

A line is
- `matched` when its whole text, or its first part before a comma or parenthesis (the rest naming a
  unit or a short form: "Svea hovrätt, Mark- och miljööverdomstolen"), is one of those names;
- `unsure` when only a later part matches ("PRO, Pensionärernas riksorganisation") or the name is
  only close to a known one ("Länsstyrelsen i Skåne"): the registrator chooses, nothing is guessed;
- `new` when nothing is close: it is added as an external organisation, as written;
- `taken` when the organisation is already an active recipient of the remiss (or earlier in the list).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from enum import StrEnum

from ..domain.model import OrgKind, Remiss, Status
from ..domain.register import Register, name_key
from ..formats.public_bodies import former_name, public_body_names, public_body_short_forms

# "1. ", "12) ", "- ", "* ", "• ", "– " before a name; markdown emphasis around it.
_BULLET = re.compile(r"^\s*(?:\d{1,4}\s*[.)]|[-*•–])\s+")
_NUMBERED = re.compile(r"^\s*\d{1,4}\s*[.)]\s+\S")
# A close name: difflib's ratio on the folded names (0.88 lets a letter or two differ in a long name,
# never a different kommun: "Solna kommun" / "Sala kommun" is 0.83).
CLOSE = 0.88


class Verdict(StrEnum):
    matched = "matched"
    unsure = "unsure"
    new = "new"
    taken = "taken"


VERDICT_LABELS = {
    Verdict.matched: "finns",
    Verdict.unsure: "osäker",
    Verdict.new: "ny",
    Verdict.taken: "redan mottagare",
}


@dataclass
class ListLine:
    written: str                      # the line as written, without its number
    verdict: Verdict
    name: str = ""                    # the organisation it becomes (matched, taken, new); "" if unsure
    kind: OrgKind = OrgKind.extern
    how: str = ""                     # how it matched, in Swedish ("tidigare namn", "i registret" …)
    candidates: list[str] = field(default_factory=list)  # for an unsure line: the names it may be


def split_list(text: str) -> list[str]:
    """The names of a list as written, in order, without numbers, bullets or blank lines.

    A text with numbered lines (a remissmissiv pasted whole) keeps only those lines; one line with
    commas is a comma separated list; otherwise each line is a name (a comma inside a line is part of
    it: "Svea hovrätt, Mark- och miljööverdomstolen").
    """
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    if any(_NUMBERED.match(line) for line in lines):
        lines = [line for line in lines if _NUMBERED.match(line)]
    elif len(lines) == 1 and "," in lines[0]:
        lines = [part.strip() for part in lines[0].split(",") if part.strip()]
    out = []
    for line in lines:
        line = _BULLET.sub("", line).strip().strip("*_").strip().rstrip(";").strip()
        line = " ".join(line.split())
        if line:
            out.append(line)
    return out


class Matcher:
    """Matches the lines of one list against one register (built once; a paste screen reuses it for
    every keystroke)."""

    def __init__(self, register: Register) -> None:
        self.register = register
        self._bodies = public_body_names()
        self._short = public_body_short_forms()
        self._close_keys: list[str] | None = None
        self._close_names: dict[str, str] = {}
        self._lines: dict[str, ListLine] = {}  # a paste screen asks again for every keystroke

    def exact(self, text: str) -> tuple[str, OrgKind, str] | None:
        """(name, kind, how) when `text` names a known organisation exactly."""
        text = text.strip().strip(".").strip()
        if not text:
            return None
        org = self.register.organisation(text)
        if org is not None:
            how = "i registret" if name_key(org.name) == name_key(text) else f"i registret ({text})"
            return org.name, org.kind, how
        renamed = former_name(text)
        if renamed:
            org = self.register.organisation(renamed)
            return (org.name if org else renamed, org.kind if org else OrgKind.extern,
                    f"tidigare namn: {text}")
        body = self._bodies.get(name_key(text)) or self._short.get(text)
        if body:
            org = self.register.organisation(body)
            if org is not None:
                return org.name, org.kind, "i registret"
            return body, OrgKind.extern, "offentlig organisation"
        return None

    def _close(self, text: str) -> list[str]:
        if self._close_keys is None:
            names = {name_key(o.name): o.name for o in self.register.organisations}
            for key, name in self._bodies.items():
                names.setdefault(key, name)
            self._close_names = names
            self._close_keys = list(names)
        keys = difflib.get_close_matches(name_key(text), self._close_keys, n=3, cutoff=CLOSE)
        out: list[str] = []
        for key in keys:
            name = self._close_names[key]
            if name not in out:
                out.append(name)
        return out

    def line(self, written: str) -> ListLine:
        """One line's verdict (not knowing the remiss: see `match_list` for `taken`)."""
        if written not in self._lines:
            self._lines[written] = self._line(written)
        known = self._lines[written]
        return ListLine(known.written, known.verdict, known.name, known.kind, known.how, list(known.candidates))

    def _line(self, written: str) -> ListLine:
        hit = self.exact(written)
        if hit:
            return ListLine(written, Verdict.matched, hit[0], hit[1], hit[2])
        parts = [p.strip() for p in re.split(r",|\(|\)", written) if p.strip()]
        if len(parts) > 1:
            first = self.exact(parts[0])
            if first:
                return ListLine(written, Verdict.matched, first[0], first[1], first[2])
            later = [hit for p in parts[1:] if (hit := self.exact(p))]
            if later:
                return ListLine(written, Verdict.unsure, how="en del av raden",
                                candidates=list(dict.fromkeys(h[0] for h in later)))
        close = self._close(written) or (self._close(parts[0]) if len(parts) > 1 else [])
        if close:
            return ListLine(written, Verdict.unsure, how="liknande namn", candidates=close)
        return ListLine(written, Verdict.new, written, OrgKind.extern, "ny extern organisation")


def match_list(text: str, register: Register, remiss: Remiss | None = None,
               matcher: Matcher | None = None) -> list[ListLine]:
    """Every name of the list with its verdict; `taken` for those already active recipients of
    `remiss` and for repeats within the list."""
    matcher = matcher or Matcher(register)
    active = {name_key(r.organisation) for r in remiss.recipients if r.status is not Status.withdrawn} \
        if remiss is not None else set()
    seen: set[str] = set()
    out = []
    for written in split_list(text):
        line = matcher.line(written)
        if line.name and (name_key(line.name) in active or name_key(line.name) in seen):
            line.verdict = Verdict.taken
            line.how = "redan mottagare" if name_key(line.name) in active else "finns tidigare i listan"
        if line.name:
            seen.add(name_key(line.name))
        out.append(line)
    return out


def names_to_add(lines: list[ListLine], choices: dict[int, str | None] | None = None) -> list[str]:
    """The organisations to add: matched and new lines, and each unsure line as the registrator chose
    (`choices`: line index -> a name, or None to leave it out; an unsure line not chosen is left out)."""
    choices = choices or {}
    out: list[str] = []
    for i, line in enumerate(lines):
        if line.verdict in (Verdict.matched, Verdict.new):
            name = line.name
        elif line.verdict is Verdict.unsure:
            name = choices.get(i)
        else:
            name = None
        if name and name_key(name) not in {name_key(n) for n in out}:
            out.append(name)
    return out


def counts(lines: list[ListLine]) -> dict[Verdict, int]:
    return {v: sum(1 for line in lines if line.verdict is v) for v in Verdict}
