"""The recipients of a remiss as an Excel workbook (openpyxl).

Sheet "Remissinstanser": one row per recipient, bold frozen header row, autofilter, column widths,
dates as real dates (yyyy-mm-dd). Sheet "Synpunkter": one row per comment of the answers.
Text that would start a formula is neutralised as in CSV.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from .render_csv import neutralise, row_values, select_rows
from .summary import ROW_COLUMNS, Summary, cell_text

DATE_FORMAT = "yyyy-mm-dd"
MAX_WIDTH = 60


def render_xlsx(s: Summary, *, organisations: Sequence[str] | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    def text(value: str) -> str:
        return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))

    def cell_value(value: Any) -> Any:
        if isinstance(value, bool):
            return "ja" if value else None
        if isinstance(value, int):
            return value
        if isinstance(value, date):
            return value
        v = cell_text(value)
        return text(v) if v else None

    wb = Workbook()
    wb.properties.title = ILLEGAL_CHARACTERS_RE.sub("", s.heading)
    wb.properties.subject = "Remissammanställning"
    wb.properties.creator = ILLEGAL_CHARACTERS_RE.sub("", s.sender)
    wb.properties.language = "sv-SE"
    stamp = datetime.combine(s.compiled_on, time(0, 0))
    wb.properties.created = stamp
    wb.properties.modified = stamp

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="E8E8E8")

    def sheet(ws, headers: list[str], rows: list[list[Any]], wrap: set[int] = frozenset()) -> None:
        ws.append(headers)
        for cell in ws[1]:
            cell.font = bold
            cell.fill = fill
        for values in rows:
            ws.append([cell_value(v) for v in values])
        widths = [len(h) for h in headers]
        for r, values in enumerate(rows, start=2):
            for c, value in enumerate(values, start=1):
                cell = ws.cell(row=r, column=c)
                if isinstance(value, date):
                    cell.number_format = DATE_FORMAT
                    widths[c - 1] = max(widths[c - 1], 10)
                else:
                    widths[c - 1] = max(widths[c - 1], len(cell_text(value)))
                if c - 1 in wrap:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        for c, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(c)].width = min(MAX_WIDTH, max(8, w + 2))
        ws.freeze_panes = "A2"
        last = get_column_letter(len(headers))
        ws.auto_filter.ref = f"A1:{last}{max(1, len(rows) + 1)}"

    ws = wb.active
    ws.title = "Remissinstanser"
    selected = select_rows(s, organisations)
    sheet(ws, [h for _a, h in ROW_COLUMNS], [row_values(r) for r in selected])
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1

    if organisations is None:
        comments = wb.create_sheet("Synpunkter")
        rows: list[list[Any]] = []
        for sec in s.sections:
            for c in sec.comments:
                rows.append([", ".join(sec.organisations), c.theme, c.text])
        sheet(comments, ["Remissinstans", "Tema", "Synpunkt"], rows, wrap={2})
        comments.column_dimensions["C"].width = 100

    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
