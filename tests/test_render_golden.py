"""Golden files for every summary format, on the bundled example and on the generated 60-recipient remiss.

Regenerate after an intended change with `UPDATE_GOLDEN=1 pytest tests/test_render_golden.py`, then
read the diff before committing. DOCX and XLSX are compared as a readable dump of what python-docx /
openpyxl read back (styles, texts, table rows, cell types), since their zip bytes carry timestamps.
"""

from __future__ import annotations

import io
import os
from datetime import date, datetime
from pathlib import Path

import pytest

from remisstui import services
from remisstui.formats.summary import build_summary
from remisstui.formats.summary_formats import FORMATS, render

from summary_data import TODAY, generated_register, generated_remiss

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def example_summary(tmp_path_factory):
    store = services.open_store(tmp_path_factory.mktemp("data"))
    services.ensure_seeded(store)
    return build_summary(store.load("KS 2024/112"), store.load_register(), today=date(2024, 5, 20))


@pytest.fixture(scope="module")
def generated_summary():
    return build_summary(generated_remiss(), generated_register(), today=TODAY)


def docx_dump(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    lines = [f"title: {doc.core_properties.title}"]
    for p in doc.paragraphs:
        lines.append(f"[{p.style.name}] {p.text}")
    for t in doc.tables:
        lines.append(f"[table {t.style.name}]")
        for row in t.rows:
            lines.append("| " + " | ".join(c.text for c in row.cells) + " |")
    return "\n".join(lines) + "\n"


def xlsx_dump(data: bytes) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    lines = [f"title: {wb.properties.title}"]
    for ws in wb.worksheets:
        lines.append(f"## {ws.title} freeze={ws.freeze_panes} filter={ws.auto_filter.ref}")
        for row in ws.iter_rows():
            cells = []
            for c in row:
                v = c.value
                if v is None:
                    cells.append("")
                elif isinstance(v, datetime):
                    cells.append(f"date:{v.date().isoformat()}:{c.number_format}")
                elif isinstance(v, int):
                    cells.append(f"int:{v}")
                else:
                    cells.append(str(v))
            lines.append(" | ".join(cells))
    return "\n".join(lines) + "\n"


def as_text(code: str, data: bytes) -> str:
    if code == "docx":
        return docx_dump(data)
    if code == "xlsx":
        return xlsx_dump(data)
    return data.decode("utf-8")


def golden_name(prefix: str, code: str) -> str:
    """example.md, example.html, example.docx.txt, example.beredning.txt ..."""
    if code in ("md", "html", "json", "csv"):
        return f"{prefix}.{code}"
    return f"{prefix}.{code}.txt"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        return
    assert path.exists(), f"{path} saknas: kör med UPDATE_GOLDEN=1 och granska filen"
    with open(path, encoding="utf-8", newline="") as fh:
        expected = fh.read()
    assert text == expected, f"{name} skiljer sig från golden-filen (UPDATE_GOLDEN=1 för att uppdatera)"


@pytest.mark.parametrize("code", list(FORMATS))
def test_example_golden(example_summary, code):
    check_golden(golden_name("example", code), as_text(code, render(example_summary, code)))


@pytest.mark.parametrize("code", list(FORMATS))
def test_generated_golden(generated_summary, code):
    check_golden(golden_name("generated", code), as_text(code, render(generated_summary, code)))


def test_csv_semicolon_golden(example_summary):
    check_golden("example.semicolon.csv", render(example_summary, "csv", sep=";").decode("utf-8"))
