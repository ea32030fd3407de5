"""Table columns that fit the width: names are shortened, a dnr or a date never is.

A column is either kept whole (dnr, dates, days, statuses, labels) or may be shortened down to a
minimum (names, titles, free text; `shrink`). When even the shortest names leave no room, optional
columns are left out (`drop`, highest first) rather than cut at the table's edge, where
`SÖD 2024/145` showed as `SÖD 2024/14`, another dnr. The full values are in the detail pane.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text

ELLIPSIS = "…"
HARD_FLOOR = 8  # cells a shortened name keeps when even the optional columns are gone


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    shrink: int = 0  # may be shortened down to this many cells (names, free text); 0: never
    drop: int = 0  # may be left out when there is no room, the highest first; 0: always shown


def as_column(spec: Column | tuple[str, str]) -> Column:
    return spec if isinstance(spec, Column) else Column(spec[0], spec[1])


def fit(columns: Sequence[Column], widths: Mapping[str, int], available: int, padding: int = 2,
        sparse: frozenset[str] | set[str] = frozenset()) -> list[tuple[Column, int | None]]:
    """The columns to show and the width each shortened one gets (None: its natural width).
    `widths` are the natural widths (the widest cell or label); `padding` is added per column.
    `sparse`: optional columns that are mostly empty. They are left out before a name is shortened
    (issue 24: at 120 columns Organisation was cut while Ställningstagande, Eget dnr and Inkom held
    one value in fifteen rows); the detail pane still shows their values."""
    result = _fit(list(columns), widths, available, padding)
    candidates = sorted((c for c in columns if c.drop and c.key in sparse), key=lambda c: -c.drop)
    shown = list(columns)
    for column in candidates:
        if not any(limit is not None for _c, limit in result):
            break
        shown.remove(column)
        fewer = _fit(list(shown), widths, available, padding)
        if not any(limit is not None for _c, limit in fewer):
            return fewer
    return result


def _fit(shown: list[Column], widths: Mapping[str, int], available: int, padding: int
         ) -> list[tuple[Column, int | None]]:
    while True:
        natural = {c.key: max(widths.get(c.key, 0), cell_len(c.label)) for c in shown}
        excess = sum(natural.values()) + padding * len(shown) - available
        if excess <= 0:
            return [(c, None) for c in shown]
        floors = {c.key: max(c.shrink, cell_len(c.label)) for c in shown if c.shrink}
        room = sum(max(0, natural[k] - floors[k]) for k in floors)
        droppable = [c for c in shown if c.drop]
        if droppable and room < excess:
            shown.remove(max(droppable, key=lambda c: c.drop))
            continue
        if room < excess:
            # Nothing left to leave out: names go below their minimum rather than the table
            # scrolling sideways, down to their heading.
            floors = {c.key: max(min(c.shrink, HARD_FLOOR), cell_len(c.label)) for c in shown if c.shrink}
        limits = _shorten_widest(natural, floors, excess)
        return [(c, limits.get(c.key)) for c in shown]


def _shorten_widest(natural: dict[str, int], floors: dict[str, int], excess: int) -> dict[str, int]:
    """Take `excess` cells off the shrinkable columns, always from the widest (so a long name
    gives way before a short one), never below a column's floor."""
    limits = {k: natural[k] for k in floors}
    while excess > 0:
        candidates = [k for k in limits if limits[k] > floors[k]]
        if not candidates:
            break
        widest = max(candidates, key=lambda k: limits[k])
        limits[widest] -= 1
        excess -= 1
    return {k: v for k, v in limits.items() if v < natural[k]}


# A run of characters holding a digit: a date, a dnr's number, an amount. Never cut inside one.
_DIGIT_TOKEN = re.compile(r"\S*\d\S*")


def shorten(text: Text, width: int) -> Text:
    """The text in at most `width` cells, ending in … when cut. A cut that would fall inside a
    date or a number (`2027-01-1…`, `SÖD 2024/14`) moves back before it."""
    if text.cell_len <= width:
        return text
    plain = text.plain
    room = max(0, width - 1)
    cells = 0
    end = 0
    for i, ch in enumerate(plain):
        w = cell_len(ch)
        if cells + w > room:
            break
        cells += w
        end = i + 1
    for match in _DIGIT_TOKEN.finditer(plain):
        if match.start() < end < match.end():
            end = match.start()
            # a dnr's letters go with its number ("SÖD 2024/145")
            before = plain[:end].rstrip()
            prefix = re.search(r"[A-ZÅÄÖ]{2,}$", before)
            if prefix and len(before) < end:
                end = prefix.start()
            break
    while end > 0 and plain[end - 1] == " ":
        end -= 1
    out = text[:end]
    out.append(ELLIPSIS)
    return out
