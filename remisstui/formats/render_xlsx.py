"""The recipients of a remiss as an Excel workbook (openpyxl).

Sheet "Remiss": which remiss it is (dnr, title, remisstid, sender, date compiled) and the counts.
Sheet "Remissinstanser": one row per recipient, bold frozen header row, autofilter, column widths,
dates as real dates (yyyy-mm-dd). Sheet "Synpunkter": one row per comment of the answers, wrapped,
with row heights that fit the text.

Every sheet prints usefully: A4, landscape where the columns need it, fit to one page wide (with the
fitToPage flag Excel and Calc need to honour it), the header row repeated, and a header and footer
with the dnr, the title and "Sida &P av &N".

User text is written as text cells (data type "s", quotePrefix set): the cell shows exactly what the
user wrote, and Excel never turns "=HYPERLINK(…)" into a formula, also not after editing. (CSV has
no cell types, so it neutralises with an apostrophe instead; see render_csv.)
"""

from __future__ import annotations

import io
import math
from copy import copy
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from .render_csv import row_values, select_rows
from .summary import ROW_COLUMNS, Summary, cell_text

DATE_FORMAT = "yyyy-mm-dd"
TEXT_CAP = 22  # characters: text columns wrap beyond this, so 17 columns fit a landscape A4
NAME_CAP = 32  # the organisation column
FONT_NAME = "Calibri"
FONT_SIZE = 11
LINE_HEIGHT_PT = 15  # one line of 11 pt Calibri
PAPER_A4 = 9  # OOXML paperSize code
COMMENT_WIDTH = 100  # characters: the Synpunkt column


HEADER_TITLE_LIMIT = 120  # Excel allows 255 characters for a whole header, codes included


def _hf(text: str, limit: int = 60) -> str:
    """Header/footer text: shortened, and "&" (which starts a code there) doubled."""
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text.replace("&", "&&")


def render_xlsx(s: Summary, *, organisations: Sequence[str] | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    from ..domain.stored_text import clean_text

    def clean(value: str) -> str:
        # openpyxl's set leaves U+FFFE/U+FFFF, which lxml then refuses: data stored before the
        # store's door cleaned text must still export (issue 23 item 9).
        return clean_text(ILLEGAL_CHARACTERS_RE.sub("", value))

    wb = Workbook()
    wb.properties.title = clean(s.heading)[:255]
    wb.properties.subject = "Remissammanställning"
    wb.properties.creator = clean(s.sender)[:255]
    wb.properties.language = "sv-SE"
    stamp = datetime.combine(s.compiled_on, time(0, 0))
    wb.properties.created = stamp
    wb.properties.modified = stamp

    header_font = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
    fill = PatternFill("solid", fgColor="E8E8E8")
    wrap_top = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")

    # openpyxl hashes a style object on every assignment; a data cell takes one of three styles,
    # each made once on a first cell and copied (a small array) to the rest.
    styles: dict[str, Any] = {}

    def styled(cell, kind: str) -> None:
        proto = styles.get(kind)
        if proto is not None:
            cell._style = copy(proto)
            return
        if kind == "date":
            cell.number_format = DATE_FORMAT
            cell.alignment = top
        elif kind == "int":
            cell.alignment = top
        else:
            cell.quotePrefix = True  # Excel keeps the cell text when the user edits it
            cell.alignment = wrap_top
        styles[kind] = copy(cell._style)

    def put(ws, row: int, col: int, value: Any):
        """One cell: numbers and dates typed, every string a text cell shown exactly as written."""
        cell = ws.cell(row=row, column=col)
        if isinstance(value, bool):
            value = "ja" if value else None
        if isinstance(value, date):
            cell.value = value
            styled(cell, "date")
        elif isinstance(value, int):
            cell.value = value
            styled(cell, "int")
        else:
            text = clean(cell_text(value))
            if text:
                cell.value = text
                cell.data_type = "s"  # never a formula, whatever the text starts with
            styled(cell, "text")
        return cell

    def page(ws, *, landscape: bool, title_rows: str | None) -> None:
        ws.page_setup.paperSize = PAPER_A4
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0  # as many pages down as it takes
        if title_rows:
            ws.print_title_rows = title_rows
        ws.print_options.gridLines = False
        ws.oddHeader.left.text = _hf(clean(f"Dnr {s.dnr}"))
        ws.oddHeader.center.text = _hf(clean(s.title), HEADER_TITLE_LIMIT)
        ws.oddHeader.right.text = _hf(clean(s.sender))
        ws.oddFooter.center.text = "Sida &P av &N"
        ws.oddFooter.right.text = _hf(f"Sammanställd {s.compiled_on.isoformat()}")
        for side in ("left", "right"):
            setattr(ws.page_margins, side, 0.5)
        ws.page_margins.top = ws.page_margins.bottom = 0.75
        ws.page_margins.header = ws.page_margins.footer = 0.3

    def table(ws, headers: list[str], rows: list[list[Any]], *, caps: dict[int, int] | None = None) -> None:
        """Header row, data rows, widths and row heights.

        Every text column wraps: it is as wide as its longest value up to a cap (`caps` maps a
        0-based column to its cap, else TEXT_CAP), and each row is as high as its tallest cell.
        Headers wrap too, so a long header never widens its column beyond its longest word.
        """
        caps = caps or {}
        widths = [max(len(w) for w in h.split()) for h in headers]
        for values in rows:
            for c, value in enumerate(values):
                n = 10 if isinstance(value, date) else len(cell_text(value))
                widths[c] = max(widths[c], n)
        widths = [min(caps.get(c, TEXT_CAP), max(6, w)) + 2 for c, w in enumerate(widths)]
        for c, h in enumerate(headers, start=1):
            cell = put(ws, 1, c, h)
            cell.font = header_font
            cell.fill = fill
            cell.alignment = wrap_top
        ws.row_dimensions[1].height = max(_wrapped_lines(h, widths[c]) for c, h in enumerate(headers)) * LINE_HEIGHT_PT
        for r, values in enumerate(rows, start=2):
            lines = 1
            for c, value in enumerate(values, start=1):
                if value is None or value == "" or value is False:
                    continue  # an empty cell is no cell: nothing to create, style or write
                put(ws, r, c, value)
                if not isinstance(value, (date, int)):
                    lines = max(lines, _wrapped_lines(cell_text(value), widths[c - 1]))
            if lines > 1:
                ws.row_dimensions[r].height = lines * LINE_HEIGHT_PT
        for c, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(c)].width = width
        ws.freeze_panes = "A2"
        last = get_column_letter(len(headers))
        ws.auto_filter.ref = f"A1:{last}{max(1, len(rows) + 1)}"

    # --- Remiss: which remiss this is
    cover = wb.active
    cover.title = "Remiss"
    facts = [
        ("Diarienummer", s.dnr),
        ("Remiss", s.title),
        ("Avsändare", s.sender),
        ("Remisstid", s.period),
        ("Svarsdatum", s.deadline),
        ("Sammanställd", s.compiled_on),
    ]
    title_cell = put(cover, 1, 1, s.heading)
    title_cell.font = Font(name=FONT_NAME, size=14, bold=True)
    row = 3
    for label, value in facts:
        put(cover, row, 1, label).font = header_font
        put(cover, row, 2, value).alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        row += 1
    row += 1
    for line in s.count_lines:
        put(cover, row, 1, line.label).font = header_font
        put(cover, row, 2, line.value).alignment = Alignment(horizontal="left")
        if line.detail:
            put(cover, row, 3, line.detail)
        row += 1
    cover.column_dimensions["A"].width = 28
    cover.column_dimensions["B"].width = 60
    cover.column_dimensions["C"].width = 50
    cover.row_dimensions[4].height = _wrapped_lines(s.title, 60) * LINE_HEIGHT_PT
    page(cover, landscape=False, title_rows=None)

    # --- Remissinstanser: one row per recipient
    ws = wb.create_sheet("Remissinstanser")
    selected = select_rows(s, organisations)
    table(ws, [h for _a, h in ROW_COLUMNS], [row_values(r) for r in selected], caps={0: NAME_CAP})
    page(ws, landscape=True, title_rows="1:1")

    if organisations is None:
        comments = wb.create_sheet("Synpunkter")
        rows: list[list[Any]] = []
        for sec in s.sections:
            for c in sec.comments:
                rows.append([", ".join(sec.organisations), c.theme, c.text])
        table(comments, ["Remissinstans", "Tema", "Synpunkt"], rows, caps={0: NAME_CAP, 2: COMMENT_WIDTH})
        page(comments, landscape=True, title_rows="1:1")

    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _wrapped_lines(text: str, width: int) -> int:
    """Lines a wrapped cell `width` characters wide needs (word wrap costs a little of each line)."""
    per_line = max(1, int(width))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in (text or "").split("\n")) or 1
