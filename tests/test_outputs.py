"""Issue 14: the summary files are ready to use as they come. Each file is read back with the library
its reader's program would use (openpyxl, python-docx, csv, the HTML text) and checked point by point.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import date

import pytest

from remisstui.domain.model import AnswerKind, OrgKind, Recipient, Remiss, Response, Stance, Status
from remisstui.formats.summary import build_summary
from remisstui.formats.summary_formats import render

from outputs_data import TODAY, register, richer_example


@pytest.fixture(scope="module")
def summary():
    return build_summary(richer_example(), register(), today=TODAY)


@pytest.fixture(scope="module")
def xlsx(summary):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(render(summary, "xlsx")))


@pytest.fixture(scope="module")
def docx_bytes(summary):
    return render(summary, "docx")


def section(s, name):
    return next(sec for sec in s.sections if name in sec.organisations)


# --- XLSX --------------------------------------------------------------------------------------


def test_xlsx_every_sheet_prints_on_a4_one_page_wide_with_header_and_footer(xlsx):
    assert xlsx.sheetnames == ["Remiss", "Remissinstanser", "Synpunkter"]
    for ws in xlsx.worksheets:
        assert ws.page_setup.paperSize == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.oddHeader.left.text == "Dnr KS 2024/112"
        assert ws.oddHeader.center.text == "Kommunikationsprogram för Stockholms stad"
        assert ws.oddFooter.center.text == "Sida &P av &N"
    for name in ("Remissinstanser", "Synpunkter"):
        ws = xlsx[name]
        assert ws.page_setup.orientation == "landscape"
        assert ws.print_title_rows == "$1:$1"


def test_xlsx_wrapped_rows_get_their_height_and_the_header_a_named_font(xlsx):
    ws = xlsx["Synpunkter"]
    assert ws.column_dimensions["C"].width >= 100
    long_rows = [r for r in range(2, ws.max_row + 1) if len(ws.cell(row=r, column=3).value) > 220]
    assert long_rows
    for r in long_rows:
        lines = len(ws.cell(row=r, column=3).value) / 110
        assert ws.row_dimensions[r].height >= 15 * lines
        assert ws.cell(row=r, column=3).alignment.wrap_text
    for sheet in ("Remissinstanser", "Synpunkter"):
        head = xlsx[sheet]["A1"].font
        assert head.name == "Calibri" and head.sz == 11 and head.b


def test_xlsx_cells_hold_exactly_the_users_text_as_text(xlsx):
    ws = xlsx["Synpunkter"]
    texts = {ws.cell(row=r, column=3).value: ws.cell(row=r, column=3) for r in range(2, ws.max_row + 1)}
    link = '=HYPERLINK("http://example.com","länk") ska synas som text'
    dash = "- Rollerna för chefer behöver beskrivas tydligare."
    for value in (link, dash):
        cell = texts[value]  # no apostrophe in front
        assert cell.data_type == "s" and cell.quotePrefix


def test_xlsx_says_which_remiss_and_counts_synpunkter_by_name(xlsx, summary):
    cover = xlsx["Remiss"]
    facts = {cover.cell(row=r, column=1).value: cover.cell(row=r, column=2).value for r in range(1, cover.max_row + 1)}
    assert facts["Diarienummer"] == "KS 2024/112"
    assert facts["Remiss"] == "Kommunikationsprogram för Stockholms stad"
    assert facts["Remisstid"] == "31 januari 2024 – 29 april 2024"
    header = [c.value for c in xlsx["Remissinstanser"][1]]
    assert "Antal synpunkter" in header and "Synpunkter" not in header


def test_xlsx_and_csv_show_anstand_and_the_moved_date_like_the_text(xlsx, summary):
    ws = xlsx["Remissinstanser"]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "Skarpnäcks stadsdelsnämnd")
    values = dict(zip(header, row))
    assert values["Svarsdatum"].date() == date(2024, 6, 3)  # in force: the Monday
    assert values["Anstånd till"].date() == date(2024, 6, 1)  # as granted: a Saturday
    text = "anstånd till 1 juni 2024 (lördag), gäller närmaste vardag 3 juni 2024"
    assert values["Om svarsdatum"] == text
    assert f"Skarpnäcks stadsdelsnämnd har ännu inte svarat och har fått {text}." in summary.collective_lines
    rows = list(csv.reader(io.StringIO(render(summary, "csv").decode("utf-8-sig")), delimiter=";"))
    csv_row = dict(zip(rows[0], next(r for r in rows if r[0] == "Skarpnäcks stadsdelsnämnd")))
    assert (csv_row["Svarsdatum"], csv_row["Anstånd till"], csv_row["Om svarsdatum"]) == ("2024-06-03", "2024-06-01", text)


# --- CSV ---------------------------------------------------------------------------------------


def test_csv_is_semicolon_separated_by_default_and_comma_on_request(summary):
    default = render(summary, "csv").decode("utf-8-sig").splitlines()[0]
    assert default.startswith("Remissinstans;Typ;Status;Svarsdatum;")
    assert render(summary, "csv", sep=",").decode("utf-8-sig").startswith("Remissinstans,Typ,")


def test_cli_help_names_the_separators(capsys):
    from remisstui.cli import main

    with pytest.raises(SystemExit):
        main(["summary", "--help"])
    out = capsys.readouterr().out
    assert "{,,;}" not in out
    assert "--sep TECKEN" in out and "; (standard" in out


# --- DOCX --------------------------------------------------------------------------------------


def test_docx_header_and_footer_with_page_fields(docx_bytes):
    from docx import Document

    doc = Document(io.BytesIO(docx_bytes))
    section = doc.sections[0]
    header = [p.text for p in section.header.paragraphs]
    assert header == ["Stockholms stad\tDnr KS 2024/112", "Kommunstyrelsen"]
    footer = section.footer._element.xml
    instr = re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", footer)
    assert [i.strip() for i in instr] == ["PAGE", "NUMPAGES"]
    assert section.footer.paragraphs[0].text == "Sida 1 (1)"  # the fields' placeholder results


def test_docx_headings_are_sober_and_the_package_names_remisstui(docx_bytes):
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(io.BytesIO(docx_bytes))
    for level in (1, 2, 3):
        style = doc.styles[f"Heading {level}"]
        rpr = style.element.rPr
        color = rpr.find(qn("w:color"))
        assert color.get(qn("w:val")) == "262626" and color.get(qn("w:themeColor")) is None
        assert rpr.find(qn("w:rFonts")).get(qn("w:ascii")) == "Calibri"
        assert rpr.find(qn("w:rFonts")).get(qn("w:asciiTheme")) is None
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        names = z.namelist()
        app = z.read("docProps/app.xml").decode()
        rels = z.read("_rels/.rels").decode()
    assert "<Application>remisstui</Application>" in app and "Microsoft" not in app
    assert not any("thumbnail" in n for n in names) and "thumbnail" not in rels
    assert "word/stylesWithEffects.xml" not in names


def test_docx_quotes_are_quote_paragraphs_named_before(docx_bytes):
    from docx import Document

    doc = Document(io.BytesIO(docx_bytes))
    paras = [(p.style.name, p.text) for p in doc.paragraphs]
    i = paras.index(("Quote intro", "Ur svaret från Idrottsförvaltningen:"))
    assert paras[i + 1] == ("Quote", "»Förvaltningen anser att idrottsföreningarna bör nämnas som målgrupp.«")
    # The registrator's summary is the registrator's note, never a quotation.
    assert not any("kanalstrategi" in t and "»" in t for _s, t in paras)


@pytest.mark.parametrize("length", [240, 300])
def test_docx_long_title_shortens_properties_and_keeps_the_heading(length):
    from docx import Document

    title = ("Lång titel " * 40)[:length].strip() + " slut"
    remiss = Remiss(dnr="KS 2025/1", title=title, deadline=date(2025, 3, 1),
                    recipients=[Recipient("Idrottsnämnden", OrgKind.facknamnd)])
    s = build_summary(remiss, None, today=date(2025, 2, 1))
    doc = Document(io.BytesIO(render(s, "docx")))
    assert len(doc.core_properties.title) <= 255 and doc.core_properties.title.endswith("…")
    assert doc.paragraphs[0].text == s.heading and title in s.heading
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(render(s, "xlsx")))
    assert len(wb.properties.title) <= 255
    assert all(len(ws.oddHeader.center.text) <= 120 for ws in wb.worksheets)


# --- text of the summary and the beredning -------------------------------------------------------


def test_whose_answer_it_is(summary):
    idrott = section(summary, "Idrottsnämnden")
    assert idrott.stance_text == "Idrottsförvaltningen tillstyrker förslaget delvis."
    beredning = render(summary, "beredning").decode()
    assert "Idrottsnämnden tillstyrker" not in beredning
    assert "Idrottsförvaltningen har inkommit med ett kontorsyttrande." in beredning
    kultur = section(summary, "Kulturnämnden")
    assert kultur.stance_text == "Kulturnämnden är positiv till förslaget och lämnar synpunkter."
    joint = section(summary, "Farsta stadsdelsnämnd")
    assert joint.stance_text == "Stadsdelsnämnderna Bromma, Farsta och Järva tillstyrker förslaget."
    sod = section(summary, "Södermalms stadsdelsnämnd")
    assert sod.stance_text == "Södermalms stadsdelsnämnd är positiv till förslaget och lämnar synpunkter."


def test_a_forvaltningssvar_is_the_citys_own_word():
    """An outside body gives a yttrande; a nämndbeslut needs a decision shown."""
    rec = Recipient("Region Stockholm", OrgKind.extern, Status.answered,
                    response=Response(answer_kind=AnswerKind.office_answer, stance=Stance.supports,
                                      received_on=date(2024, 4, 2)))
    s = build_summary(Remiss("KS 2024/5", "T", deadline=date(2024, 4, 29), recipients=[rec]), None, today=TODAY)
    assert s.sections[0].stance_text == "Region Stockholm tillstyrker förslaget."
    assert s.sections[0].answer_kind_label == "yttrande" and s.rows[0].answer_kind_label == "yttrande"
    assert "förvaltningssvar" not in render(s, "md").decode() and "kontorsyttrande" not in s.beredning[0].text
    rec.response.answer_kind = AnswerKind.committee_decision
    rec.kind = OrgKind.facknamnd
    rec.organisation = "Idrottsnämnden"
    s = build_summary(Remiss("KS 2024/5", "T", deadline=date(2024, 4, 29), recipients=[rec]), None, today=TODAY)
    assert s.sections[0].stance_text == "Idrottsnämnden tillstyrker förslaget."
    assert s.sections[0].answer_kind_label == "yttrande"  # no protokoll shows a decision
    rec.response.decision_date = date(2024, 3, 28)
    s = build_summary(Remiss("KS 2024/5", "T", deadline=date(2024, 4, 29), recipients=[rec]), None, today=TODAY)
    assert s.sections[0].answer_kind_label == "nämndbeslut"


def test_beredning_has_no_quotes_and_reservations_by_party_letters(summary):
    paras = render(summary, "beredning").decode().split("\n\n")
    assert not any(m in p for p in paras for m in "»«\"")
    kultur = next(p for p in paras if p.startswith("Kulturnämnden"))
    assert "Reservation anfördes av (M) och (L)." in kultur and "omfattande" not in kultur
    md = render(summary, "md").decode()
    assert "Ur svaret från Idrottsförvaltningen:\n\n> »Förvaltningen anser att idrottsföreningarna" in md
    assert "**Registratorns anteckning:** Förvaltningen tillstyrker programmets mål" in md
    html = render(summary, "html").decode()
    assert '<p class="quote-intro">Ur svaret från Idrottsförvaltningen:</p>\n<blockquote>' in html


def test_an_answered_recipient_is_not_listed_for_its_anstand(summary):
    assert not any("Hägersten-Älvsjö" in line for line in summary.collective_lines)
    facts = section(summary, "Hägersten-Älvsjö stadsdelsnämnd").facts
    assert "Svarsdatum: anstånd till 16 maj 2024" in facts


def test_reminders_sent_are_counted(summary):
    line = next(c for c in summary.count_lines if c.label == "Påminnelser skickade")
    assert line.text == "Påminnelser skickade: 1 (till 1 remissinstans)"
    assert summary.counts.reminders == 1


# --- HTML print ----------------------------------------------------------------------------------


def test_html_prints_on_a4_without_breaking_dates_and_dnr(summary):
    html = render(summary, "html").decode()
    assert re.search(r"@page \{ size: A4; margin: [^}]+\}", html)
    assert ".nw { white-space: nowrap; }" in html
    assert "thead { display: table-header-group; }" in html
    assert '<span class="nw">31 januari 2024</span>' in html
    assert '<span class="nw">SÖD 2024/145</span>' in html
    assert '<td class="nw">2024-04-26</td>' in html


# --- the walk and the JSON ---------------------------------------------------------------------


def test_every_document_format_has_the_same_headings_from_one_place(summary, docx_bytes):
    from docx import Document

    from remisstui.formats.summary_layout import HEADINGS

    md = render(summary, "md").decode()
    html = render(summary, "html").decode()
    doc = Document(io.BytesIO(docx_bytes))
    h2_docx = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    h2_md = re.findall(r"^## (.*)$", md, re.M)
    h2_html = re.findall(r"<h2>(.*?)</h2>", html)
    assert h2_docx == h2_md == h2_html == list(HEADINGS.values())


def test_json_holds_the_summary_values(summary):
    data = json.loads(render(summary, "json"))
    assert data["dnr"] == "KS 2024/112" and data["compiled_on"] == "2024-05-20"
    assert data["counts"]["answered"] == 7 and data["counts"]["reminders"] == 1
    skarp = next(r for r in data["rows"] if r["organisation"] == "Skarpnäcks stadsdelsnämnd")
    assert (skarp["deadline"], skarp["extended_to"]) == ("2024-06-03", "2024-06-01")
    idrott = next(s for s in data["sections"] if s["organisations"] == ["Idrottsnämnden"])
    assert idrott["answer_kind"] == "office_answer" and idrott["quote_intro"] == "Ur svaret från Idrottsförvaltningen:"
    assert len(data["rows"]) == 15
