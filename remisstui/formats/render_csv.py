"""The recipients of a remiss as CSV: one row per recipient, UTF-8 with BOM so Excel reads å, ä, ö.

Separated by ";" unless asked for ",": see DEFAULT_SEP.

Cells that a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage
return) are neutralised with a leading apostrophe (OWASP's advice for CSV injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from .summary import ROW_COLUMNS, RecipientRow, Summary, cell_text

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SEPARATORS = (";", ",")
# Swedish Excel splits columns on ";" (the decimal comma takes ","): a comma file opens with each
# whole row in column A. "," stays available for other programs.
DEFAULT_SEP = ";"


def neutralise(text: str) -> str:
    """A cell that starts like a formula gets a leading apostrophe, so it stays text."""
    if text and text.startswith(FORMULA_START):
        return "'" + text
    return text


def select_rows(s: Summary, organisations: Sequence[str] | None = None) -> list[RecipientRow]:
    """All rows, or exactly the named organisations' rows in the order given (a filtered table)."""
    if organisations is None:
        return list(s.rows)
    by_name = {r.organisation: r for r in s.rows}
    from .summary import one_line

    out = []
    for name in organisations:
        row = by_name.get(one_line(name))
        if row is not None and row not in out:
            out.append(row)
    return out


def row_values(row: RecipientRow) -> list[Any]:
    return [row.value(attr) for attr, _h in ROW_COLUMNS]


def render_csv(s: Summary, *, sep: str = DEFAULT_SEP, organisations: Sequence[str] | None = None) -> bytes:
    if sep not in SEPARATORS:
        raise ValueError(f"Avgränsaren måste vara ';' eller ',', inte {sep!r}.")
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=sep, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([h for _a, h in ROW_COLUMNS])
    for row in select_rows(s, organisations):
        writer.writerow([_csv_cell(v) for v in row_values(row)])
    return buf.getvalue().encode("utf-8-sig")


def _csv_cell(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # our own counts: a number, never user text
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(cell_text(value))
