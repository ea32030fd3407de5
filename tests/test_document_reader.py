"""The document reader on the seed, the Kammarkollegiet sample and our own variations."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from remisstui.domain.model import DissentKind, Stance
from remisstui.formats.document import DocumentError, parse_text, read_document
from remisstui.formats.document.cleanup import clean_text
from remisstui.formats.document.fields import normalise_phone
from remisstui.formats.document.stance import classify
from helpers import SHARED

SEED = SHARED / "seeds" / "000_c4c34bd5c34ceeeb.txt"
KAMMAR = SHARED / "samples" / "kammarkollegiet-remissvar-KN2026-00741.pdf"
FIX = Path(__file__).parent / "fixtures" / "documents"

needs_shared = pytest.mark.skipif(not SEED.exists(), reason="shared samples not present")


@needs_shared
def test_seed_fields():
    d = read_document(SEED)
    assert d.organisation == "Södermalms stadsdelsnämnd"
    assert d.organisation_in_register
    assert d.own_dnr == "SÖD 2024/145"
    assert d.remiss_dnr == "KS 2024/112"
    assert d.document_date == date(2024, 2, 14)
    assert d.meeting_date == date(2024, 4, 25)
    assert d.deadline == date(2024, 4, 29)
    assert d.contact.name == "Karolin Bogren Gavling"
    assert d.contact.phone == "08-508 121 96"
    assert d.stance is Stance.supports_with_comments
    assert "i stort positiv" in d.stance_sentence
    assert d.remiss_title == "Kommunikationsprogram för Stockholms stad"
    assert d.decision[0].startswith("Stadsdelsnämnden överlämnar")
    assert d.immediate_adjustment
    assert "daniel.lauridsen@stockholm.se" in d.emails
    assert d.contact.email == ""  # the letterhead address is not the handläggare's
    for heading in ("Sammanfattning", "Bakgrund", "Ärendet", "Ärendets beredning",
                    "Förvaltningens synpunkter och förslag", "Jämställdhetsanalys", "Barnrättsanalys", "Bilagor"):
        assert heading in d.sections, heading
    assert "Kungsklippan" not in d.sections["Sammanfattning"]
    assert {s.name for s in d.signatories} == {"Alexandra Wynn", "Emma Liljenberg"}
    assert d.attachments == ["Kommunikationsprogram för Stockholms stad"]
    assert d.warnings == []


@needs_shared
def test_seed_provenance_points_at_the_text():
    d = read_document(SEED)
    for key, value in (("own_dnr", "SÖD 2024/145"), ("remiss_dnr", "KS 2024/112"),
                       ("contact_name", "Karolin Bogren Gavling")):
        src = d.sources[key]
        assert d.text[src.start:src.end] == value
        assert value in src.snippet
        assert d.text.split("\n")[src.line - 1].find(value.split()[0]) >= 0


@needs_shared
def test_kammarkollegiet_pdf():
    d = read_document(KAMMAR)
    assert d.organisation == "Kammarkollegiet"
    assert not d.organisation_in_register
    assert any("finns inte i registret" in w for w in d.warnings)
    assert d.own_dnr == "3.1-4788-2026"
    assert d.remiss_dnr == "KN2026/00741"
    assert d.document_date == date(2026, 6, 24)
    assert d.stance is Stance.no_objection
    assert d.stance_sentence.startswith("Kammarkollegiet har")
    assert "Klicka här" not in d.text  # template leftover removed
    assert "Sid 1" not in d.text
    assert [s.name for s in d.signatories] == ["Anette Schierbeck", "Peter von Wowern"]
    assert "ädelmetallarbeten" in d.remiss_title


def test_region_caps_letterspacing_soft_hyphens():
    d = read_document(FIX / "region_uppsala_avstyrker.txt")
    assert d.organisation == "Region Uppsala"
    assert d.own_dnr == "RS 2025-00312"
    assert d.remiss_dnr == "S2025/01234"
    assert d.document_date == date(2025, 9, 15)
    assert d.stance is Stance.opposes
    assert "läkemedelsförsörjningen" in d.stance_sentence  # soft hyphen across the line joined
    assert d.contact.name == "Lena Ek"
    assert d.contact.phone == "+46 18-611 00 00"  # written +46 in the letterhead, kept so
    assert d.contact.email == "lena.ek@regionuppsala.se"
    assert "Sammanfattning" in d.sections  # "SAMMANFATTNING" recognised
    assert "Regionens synpunkter" in d.sections
    assert "kommunikationen" in d.text.lower()  # "Kommunika-\ntionen"
    assert "stadsdels- och kommunförvaltningar" in d.text
    assert "HANDLÄGGARE" not in d.text and "H A N D" not in d.text
    assert "\u00ad" not in d.text
    assert "Sida 1 av 2" not in d.text
    assert d.remiss_title == "Framtidens primärvård (SOU 2025:31)"
    assert {s.name for s in d.signatories} == {"Anna Holm", "Karl Berg"}


def test_protokollsutdrag_with_reservation():
    d = read_document(FIX / "farsta_protokollsutdrag.txt")
    assert d.organisation == "Farsta stadsdelsnämnd"
    assert d.own_dnr == "FAR 2024/88"
    assert d.remiss_dnr == "KS 2024/112"
    assert d.meeting_date == date(2024, 4, 18)
    assert d.document_date == date(2024, 4, 18)
    assert d.stance is Stance.supports  # the (M)/(KD) reservation's "avstyrker" is not the answer
    assert d.decision == [
        "Stadsdelsnämnden överlämnar förvaltningens tjänsteutlåtande som svar på remissen.",
        "Paragrafen justeras omedelbart.",
    ]
    assert d.immediate_adjustment
    kinds = [(x.kind, x.parties) for x in d.dissents]
    assert (DissentKind.reservation, ["M", "KD"]) in kinds
    assert (DissentKind.statement, ["S"]) in kinds
    res = next(x for x in d.dissents if x.kind is DissentKind.reservation)
    assert "saknar tydliga mål" in res.text
    assert "Reservation" in d.sections and "Beslut" in d.sections


def test_cp1252_kan_inte_tillstyrka():
    d = read_document(FIX / "boverket_kan_inte_cp1252.txt")
    assert d.organisation == "Boverket"
    # A no to one proposal and "i övrigt inga synpunkter": no verdict on the remiss as a whole. The no is
    # shown as an unsure candidate, never given.
    assert d.stance is Stance.none
    assert d.candidate("stance") == "opposes"
    assert "kan inte tillstyrka" in d.stance_sentence
    assert d.own_dnr == "1234/2025"
    assert d.remiss_dnr == "Fi2025/00456"
    assert d.contact.name == "Maria Öberg"
    assert d.contact.phone == "0455-35 30 00"
    assert "Ändrade regler för bygglov" in d.remiss_title


def test_forvaltning_maps_to_namnd_inget_att_erinra():
    d = read_document(FIX / "kulturforvaltningen_inget_att_erinra.txt")
    assert d.organisation == "Kulturnämnden"
    assert d.stance is Stance.no_objection
    assert d.own_dnr == "2.1.1-123/2024"
    assert d.remiss_dnr == "KS 2024/112"
    assert d.meeting_date == date(2024, 4, 9)
    assert d.contact.phone == "08-508 319 00"
    assert d.attachments == ["Remiss om kommunikationsprogram", "Kommunikationsprogram för Stockholms stad"]


def test_missing_fields_give_nulls_and_warnings():
    d = read_document(FIX / "missing_fields.txt")  # latin-1 file
    j = d.as_json()
    assert j["organisation"] is None and j["own_dnr"] is None and j["document_date"] is None
    assert j["stance"] == "none"
    assert any("diarienummer" in w for w in j["warnings"])
    assert any("organisation" in w.lower() for w in j["warnings"])
    assert "Vi har tagit del" in d.text


def test_docx_paragraphs_tables_and_headings(tmp_path):
    import docx

    doc = docx.Document()
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Dnr"
    table.cell(0, 1).text = "SKÄ 2024/77"
    table.cell(1, 0).text = "Datum"
    table.cell(1, 1).text = "2024-03-12"
    doc.add_paragraph("Skärholmens stadsdelsförvaltning")
    doc.add_heading("Svar på remiss om Kommunikationsprogram för Stockholms stad", level=1)
    doc.add_paragraph("Remiss från kommunstyrelsen KS 2024/112")
    doc.add_heading("Sammanfattning", level=2)
    doc.add_paragraph("Förvaltningen tillstyrker delvis förslaget.")
    doc.add_heading("Förvaltningens synpunkter", level=2)
    doc.add_paragraph("Förvaltningen tillstyrker förslaget om kommunikationsmål.")
    doc.add_paragraph("Förvaltningen avstyrker förslaget om nya roller.")
    p = tmp_path / "svar.docx"
    doc.save(p)
    d = read_document(p)
    assert d.file_kind == "docx"
    assert d.own_dnr == "SKÄ 2024/77"
    assert d.document_date == date(2024, 3, 12)
    assert d.remiss_dnr == "KS 2024/112"
    assert d.organisation == "Skärholmens stadsdelsnämnd"
    assert d.stance is Stance.partly
    assert "Förvaltningens synpunkter" in d.sections
    assert d.remiss_title == "Kommunikationsprogram för Stockholms stad"


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Nämnden tillstyrker förslaget.", Stance.supports),
        ("Förvaltningen ställer sig positiv till förslaget.", Stance.supports),
        ("Nämnden är i stort positiv till programmet men vill se förtydliganden.", Stance.supports_with_comments),
        ("Förvaltningen ställer sig i huvudsak positiv till förslaget.", Stance.supports_with_comments),
        ("Myndigheten har inget att erinra mot förslaget.", Stance.no_objection),
        ("Regionen har inga synpunkter på förslagen.", Stance.no_objection),
        ("Kommunen har inte några synpunkter på promemorian.", Stance.no_objection),
        ("Nämnden avstyrker förslaget.", Stance.opposes),
        ("Förvaltningen kan inte tillstyrka förslaget.", Stance.opposes),
        ("Förvaltningen kan inte tillstyrka förslaget i sin helhet.", Stance.partly),
        ("Nämnden tillstyrker delvis förslaget.", Stance.partly),
        ("Nämnden tillstyrker inte förslaget.", Stance.opposes),
        ("Nämnden avstyrker inte förslaget.", Stance.no_objection),
        ("Förvaltningen beskriver bakgrunden.", None),
    ],
)
def test_stance_phrases(sentence, expected):
    assert classify(sentence)[0] == expected


def test_rest_clause_is_not_no_objection():
    text = (
        "Sammanfattning\nFörvaltningen har synpunkter på uppföljningen.\n\n"
        "Förvaltningens synpunkter\nUppföljningen behöver beskrivas bättre och kopplas till budgeten "
        "så att nämnderna kan planera sitt arbete i god tid inför nästa år.\n"
        "Förvaltningen har i övrigt inga synpunkter.\n"
    )
    d = parse_text(text)
    assert d.stance is Stance.supports_with_comments


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("0850812196", "08-508 121 96"),
        ("+46 8 508 121 96", "+46 8-508 121 96"),
        ("08-508 121 96", "08-508 121 96"),
        ("070-123 45 67", "070-123 45 67"),
        ("+46701234567", "+46 70-123 45 67"),
        ("018-611 00 00", "018-611 00 00"),
        ("0455-35 30 00", "0455-35 30 00"),
        ("12345", None),
    ],
)
def test_phone_normalisation(raw, expected):
    assert normalise_phone(raw) == expected


def test_cleanup_rules():
    pages = [
        "Sid 1 (2)\nKOMMUNSTYRELSEN\nBAKGRUND\nKommunika-\ntionen och stadsdels-\noch kommunförvaltningar\n"
        "\u00a0Klicka här för att ange text.\n[Skriv text här]\n\uf0b7 punkt\nD A T U M\nfotnot",
        "Sid 2 (2)\nKOMMUNSTYRELSEN\nmer text\nfotnot",
    ]
    t = clean_text(pages)
    assert "Sid" not in t and "fotnot" not in t
    assert "Bakgrund" in t
    assert "Kommunikationen" in t
    assert "stadsdels- och kommunförvaltningar" in t
    assert "Klicka" not in t and "Skriv text" not in t
    assert "- punkt" in t
    assert "Datum" in t  # letter-spaced, then an ALL-CAPS heading
    assert "\u00a0" not in t


def test_register_organisation_variants():
    d = parse_text("Till Södermalms stadsdelsnämnd\n\nText om något.\n")
    assert d.organisation == "Södermalms stadsdelsnämnd"
    d = parse_text("Östermalms stadsdelsförvaltning\n\nNämnden tillstyrker förslaget.\n")
    # Östermalm is an inactive organisation of its own in the register; the recipient matcher maps
    # it to Norra innerstaden when a remiss lists the new nämnd.
    assert d.organisation == "Östermalms stadsdelsnämnd"
    d = parse_text("Stadsbyggnadskontoret\nStockholms stad\nTjänsteutlåtande\n\nNämnden tillstyrker.\n")
    assert d.organisation == "Stadsbyggnadsnämnden"


def test_an_office_of_another_city_is_not_mapped_to_our_namnd():
    # Göteborg and Malmö have a Stadsbyggnadskontor and a Stadsledningskontor too; the register's
    # nämnder are Stockholm's, so without the city named the office's nämnd is not ours to assume.
    for text in ("Stadsbyggnadskontoret\nTjänsteutlåtande\n\nNämnden tillstyrker.\n",
                 "Stadsledningskontoret\nTjänsteutlåtande\n\nKontoret har inget att invända.\n"):
        d = parse_text(text)
        assert d.organisation not in ("Stadsbyggnadsnämnden", "Kommunstyrelsen")


def test_json_contract_keys():
    d = parse_text("Nämnden tillstyrker förslaget.\n")
    j = d.as_json()
    required = {"organisation", "own_dnr", "remiss_dnr", "remiss_title", "document_date", "meeting_date",
                "deadline", "contact", "emails", "stance", "stance_sentence", "decision", "sections",
                "signatories", "warnings"}
    assert required <= set(j)
    assert set(j["contact"]) == {"name", "phone", "email"}
    assert j["stance"] in {s.value for s in Stance}


def test_hostile_text_is_data():
    d = parse_text("[bold]x Org [/foo] x [@click=app.quit]q[/] a [ b trailing\\ 😀 שלום\n" * 20)
    assert d.stance in (Stance.none, Stance.comments_only)
    assert d.stance_sentence is None and d.organisation is None


def test_only_document_error_for_empty_text():
    with pytest.raises(DocumentError):
        parse_text("   \n\n ")


def test_state_agency_right_aligned_letterhead():
    d = read_document(FIX / "forsakringskassan_i_huvudsak.txt")
    assert d.organisation == "Försäkringskassan"
    assert d.own_dnr == "2025/1234"
    assert d.remiss_dnr == "Fi2025/00321"
    assert d.document_date == date(2025, 5, 12)
    assert d.remiss_title == "Ett enklare regelverk för sjukpenning (SOU 2025:12)"
    # "tillstyrker i huvudsak" + a specific "avstyrker" stays a qualified yes
    assert d.stance is Stance.supports_with_comments
    assert [(s.name, s.title) for s in d.signatories] == [
        ("Nils Öberg", "generaldirektör"), ("Eva Lind", "verksjurist (föredragande)")]


def test_municipality_outside_stockholm():
    d = read_document(FIX / "goteborg_tjansteutlatande.txt")
    assert d.organisation == "Göteborgs Stad"
    assert any("finns inte i registret" in w for w in d.warnings)
    assert d.own_dnr == "0876/24"
    assert d.remiss_dnr is None and any("Remissens diarienummer" in w for w in d.warnings)
    assert d.contact.email == "anna.svensson@stadshuset.goteborg.se"
    assert d.contact.phone == "031-365 00 00"
    assert d.stance is Stance.supports_with_comments
    assert d.remiss_title == "Nya regler för kollektivtrafik"


def test_remiss_dnr_fallbacks_and_iso_deadline():
    d = parse_text("Kommunstyrelsen har remitterat ärendet (dnr KS 2024/112) till nämnden. "
                   "Svar senast 2024-04-29.\nNämnden tillstyrker.\n")
    assert d.remiss_dnr == "KS 2024/112"
    assert d.deadline == date(2024, 4, 29)
    d = parse_text("Yttrande\nVi har tagit del av Ju2025/00949 och tillstyrker förslaget.\n")
    assert d.remiss_dnr == "Ju2025/00949"
    assert d.own_dnr is None


def test_decision_wording_tillstyrka():
    assert classify("Nämnden beslutar att tillstyrka remissen.")[0] is Stance.supports
    assert classify("Nämnden beslutar att avstyrka remissen.")[0] is Stance.opposes
    assert classify("Vi har inga invändningar mot förslaget men vill lyfta två frågor.")[0] \
        is Stance.supports_with_comments


def test_docx_text_box_letterhead(tmp_path):
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    doc = docx.Document()
    p = doc.add_paragraph("Text före")
    p._p.append(parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox>'
        "<w:txbxContent><w:p><w:r><w:t>Dnr HÄ 2024/301</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>2024-03-01</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    ))
    doc.add_paragraph("Hägersten-Älvsjö stadsdelsförvaltning")
    doc.add_paragraph("Nämnden tillstyrker förslaget.")
    path = tmp_path / "ruta.docx"
    doc.save(path)
    d = read_document(path)
    assert d.own_dnr == "HÄ 2024/301"
    assert d.document_date == date(2024, 3, 1)
    assert d.organisation == "Hägersten-Älvsjö stadsdelsnämnd"
    assert d.stance is Stance.supports
