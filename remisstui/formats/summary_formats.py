"""The formats a remissammanställning can be written in, and one function that renders any of them.

Formats are imported lazily: python-docx and openpyxl load only when their format is asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .render_csv import DEFAULT_SEP
from .summary import Summary


@dataclass(frozen=True)
class SummaryFormat:
    code: str  # as on the command line: --format md
    label: str  # Swedish, for the export dialog
    extension: str  # without the dot
    binary: bool  # True: bytes that must not go to a terminal
    table: bool = False  # a recipient table (may be limited to chosen rows)


FORMATS: dict[str, SummaryFormat] = {
    f.code: f
    for f in (
        SummaryFormat("docx", "Word (docx)", "docx", binary=True),
        SummaryFormat("md", "Markdown", "md", binary=False),
        SummaryFormat("html", "HTML", "html", binary=False),
        SummaryFormat("xlsx", "Excel (xlsx)", "xlsx", binary=True, table=True),
        SummaryFormat("csv", "CSV", "csv", binary=False, table=True),
        SummaryFormat("json", "JSON", "json", binary=False),
        SummaryFormat("beredning", "Beredningstext", "txt", binary=False),
    )
}


class UnknownFormatError(ValueError):
    pass


def get_format(code: str) -> SummaryFormat:
    try:
        return FORMATS[code]
    except KeyError:
        known = ", ".join(FORMATS)
        raise UnknownFormatError(f"Okänt format {code!r}. Välj ett av: {known}.") from None


def render(s: Summary, code: str, *, sep: str | None = None, organisations: Sequence[str] | None = None) -> bytes:
    """The file content of `s` in format `code`. `organisations` limits the table formats' rows."""
    fmt = get_format(code)
    if organisations is not None and not fmt.table:
        raise UnknownFormatError(f"Formatet {fmt.label} kan inte begränsas till utvalda rader.")
    if code == "md":
        from .render_md import render_markdown

        return render_markdown(s).encode("utf-8")
    if code == "html":
        from .render_html import render_html

        return render_html(s).encode("utf-8")
    if code == "json":
        from .render_json import render_json

        return render_json(s).encode("utf-8")
    if code == "beredning":
        from .render_beredning import render_beredning

        return render_beredning(s).encode("utf-8")
    if code == "csv":
        from .render_csv import render_csv

        return render_csv(s, sep=sep or DEFAULT_SEP, organisations=organisations)
    if code == "xlsx":
        from .render_xlsx import render_xlsx

        return render_xlsx(s, organisations=organisations)
    if code == "docx":
        from .render_docx import render_docx

        return render_docx(s)
    raise UnknownFormatError(code)  # pragma: no cover - FORMATS and this function agree
