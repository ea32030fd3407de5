"""Each format read back with its own library: real Word structure, real Excel types, safe HTML/CSV."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pytest

from remisstui import services
from remisstui.formats.render_csv import neutralise
from remisstui.formats.summary import build_summary
from remisstui.formats.summary_formats import FORMATS, UnknownFormatError, render

from summary_data import TODAY, generated_register, generated_remiss


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    store = services.open_store(tmp_path_factory.mktemp("data"))
    services.ensure_seeded(store)
    return build_summary(store.load("KS 2024/112"), store.load_register(), today=date(2024, 5, 20))


@pytest.fixture(scope="module")
def generated():
    return build_summary(generated_remiss(), generated_register(), today=TODAY)


def test_neutralise():
    for bad in ("=1+1", "+1", "-2", "@x", "\tx", "\rx"):
        assert neutralise(bad) == "'" + bad
    for ok in ("", "x=1", "SÖD 2024/145", "–", "'quoted"):
        assert neutralise(ok) == ok


def test_docx_structure(example):
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(io.BytesIO(render(example, "docx")))
    assert doc.core_properties.title == example.heading
    styles = [(p.style.name, p.text) for p in doc.paragraphs]
    assert styles[0] == ("Heading 1", example.heading)
    h2 = [t for s, t in styles if s == "Heading 2"]
    assert h2 == ["Ärendet", "Text till beredningen", "Sammanfattande bild", "Teman", "Remissinstansernas svar",
                  "Övriga remissinstanser", "Bilaga: Samtliga remissinstanser"]
    h3 = [t for s, t in styles if s == "Heading 3"]
    assert "Södermalms stadsdelsnämnd" in h3 and "Huvudbudskap" in h3
    bullets = [t for s, t in styles if s == "List Bullet"]
    assert "Eget dnr: SÖD 2024/145" in bullets
    [table] = doc.tables
    assert len(table.rows) == 16
    assert [c.text for c in table.rows[0].cells] == ["Remissinstans", "Status", "Svar inkom", "Ställningstagande", "Eget dnr"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[0].cells[0].paragraphs[0].runs[0].bold
    last = [c.text for c in table.rows[-1].cells]
    assert last == ["Södermalms stadsdelsnämnd", "besvarad", "2024-04-26", "i stort positiv, med synpunkter", "SÖD 2024/145"]


def test_docx_generated_keeps_hostile_text_literal(generated):
    from docx import Document

    doc = Document(io.BytesIO(render(generated, "docx")))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "<script>alert(1)</script>" in text and "[bold]fet[/bold]" in text
    assert len(doc.tables[0].rows) == 61


def test_xlsx_types_filter_and_injection(generated):
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(render(generated, "xlsx")))
    ws = wb["Remissinstanser"]
    assert ws.auto_filter.ref == "A1:R61"
    assert ws.freeze_panes == "A2"
    assert all(c.font.bold for c in ws[1])
    assert ws.column_dimensions["A"].width > 20
    deadline_col = [c.value for c in ws["D"]][1:]
    assert all(isinstance(v, datetime) for v in deadline_col)
    assert ws["D2"].number_format == "yyyy-mm-dd"
    cells = [c for sheet in wb.worksheets for row in sheet.iter_rows() for c in row]
    strings = [c.value for c in cells if isinstance(c.value, str)]
    # The user's text exactly, as text cells: no apostrophe added, never a formula.
    assert '=HYPERLINK("http://evil.example")' in strings
    assert any(v.startswith("+1") for v in strings) and any(v.startswith("-2") for v in strings)
    assert any(v.startswith("@x") for v in strings)
    assert not any(v.startswith("'") for v in strings)
    assert all(c.data_type != "f" for c in cells)
    assert all(c.quotePrefix for c in cells if isinstance(c.value, str))


def test_csv_bom_separator_and_injection(generated):
    import csv

    data = render(generated, "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    # ";" by default: Swedish Excel splits on it
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 61 and all(len(r) == 18 for r in rows)
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r)
    comma = render(generated, "csv", sep=",").decode("utf-8-sig")
    assert comma.splitlines()[0].startswith("Remissinstans,Typ,Status,")
    assert "\r\n" in comma
    with pytest.raises(ValueError):
        render(generated, "csv", sep="|")


def test_html_escapes_everything(generated):
    html = render(generated, "html").decode("utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="sv">' in html
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert '<th scope="col">Remissinstans</th>' in html
    assert re.search(r"<h1>[^<]*&lt;remiss&gt;", html)
    assert "@media print" in html and "<link" not in html  # self-contained


def test_markdown_escapes_markup(generated):
    md = render(generated, "md").decode("utf-8")
    assert "<script>" not in md and "\\<script\\>" in md
    assert "\\[bold\\]" in md
    # every table row has the same number of cells, even with | in user text
    rows = [line for line in md.splitlines() if line.startswith("| ")]
    assert len({line.count(" | ") for line in rows}) == 1


def test_beredning_paragraphs(example, generated):
    text = render(example, "beredning").decode("utf-8")
    paras = text.strip().split("\n\n")
    assert paras[0].splitlines()[-1].startswith("Ärendet har remitterats till arbetsmarknadsnämnden")
    assert paras[1].startswith("Södermalms stadsdelsnämnd ställer sig i stort positiv till reviderat förslag")
    assert "SÖD 2024/145" not in text and "2024" not in text  # no dnr or dates in the beredning
    gen = render(generated, "beredning").decode("utf-8").strip().split("\n\n")
    opening = gen[0]
    # Joint answers and declines right after the list sentence, once each.
    assert "Arbetsmarknadsnämnden, servicenämnden och socialnämnden har inkommit med ett gemensamt svar." in opening
    assert "har avstått från att svara." in opening
    assert sum(p.count("har inkommit med ett gemensamt svar") for p in gen) == 2
