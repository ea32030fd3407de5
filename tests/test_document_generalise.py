"""The reader's rules on documents it was not written against: variations the project wrote.

Each test is one rule a registrator's eye follows (issue 15), tried on invented letterheads,
protokoll, flattened text, PDFs made with LibreOffice from DOCX, and e-mails. Never real texts.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from remisstui.domain.model import AnswerKind, Stance
from remisstui.formats.document import parse_text, read_document
from remisstui.formats.document.cleanup import clean_text
from remisstui.formats.document.fields import normalise_phone

FIX = Path(__file__).parent / "fixtures" / "documents"


# --- organisation ----------------------------------------------------------------------------


def test_genitive_yttrande_names_the_body_not_the_addressee():
    d = parse_text(
        "Till Finansdepartementet\n103 33 Stockholm\n\n"
        "Ystads kommuns yttrande över promemorian Nya regler för samverkan (Ds 2025:9)\n\n"
        "Kommunen har tagit del av promemorian och delar i stort dess bedömningar.\n"
    )
    assert d.organisation == "Ystads kommun"


def test_heading_glued_to_a_ministry_is_no_organisation():
    d = parse_text(
        "Ärendet Kulturdepartementet har remitterat betänkandet till Region Gävleborg.\n"
        "Region Gävleborg har beretts tillfälle att yttra sig och lämnar följande synpunkter.\n"
    )
    assert d.organisation == "Region Gävleborg"


def test_capitals_letterhead_recognised_from_the_bundled_kommuner():
    d = parse_text("ARBOGA KOMMUN\nKommunstyrelseförvaltningen\n\nYttrande\n\nVi har inget att erinra.\n")
    assert d.organisation == "Arboga kommun"
    assert any("känd offentlig organisation" in w for w in d.warnings)


def test_body_named_with_lowercase_words_and_its_short_form():
    d = parse_text(
        "Myndigheten för tillväxtpolitiska utvärderingar och analyser (Tillväxtanalys) har ombetts "
        "yttra sig över rapporten.\n\nTillväxtanalys tillstyrker förslagen.\n"
    )
    assert d.organisation == "Myndigheten för tillväxtpolitiska utvärderingar och analyser"


def test_hyphenated_court_in_a_sentence():
    d = parse_text("Mark- och miljödomstolen har beretts tillfälle att yttra sig. Domstolen avstyrker förslaget.\n")
    assert d.organisation == "Mark- och miljödomstolen"


def test_remiss_sender_is_not_the_answering_body():
    d = parse_text(
        "Remiss från Region Jönköpings län om regional utvecklingsstrategi\n\n"
        "Gnosjö kommun lämnar följande yttrande.\n\nKommunen ställer sig bakom strategin.\n"
    )
    assert d.organisation == "Gnosjö kommun"


def test_unit_at_a_university_answers_for_the_university():
    d = parse_text(
        "Fakultetsnämnden för teknik vid Lunds universitet har ombetts inkomma med synpunkter.\n"
        "Nämnden tillstyrker förslaget.\n"
    )
    assert d.organisation == "Lunds universitet"


def test_office_writes_for_the_kommun_in_its_letterhead():
    d = parse_text(
        "Härryda kommun\nSektor för samhällsbyggnad\n\n"
        "Sektorskontoret ställer sig positivt till förslagen i promemorian.\n"
    )
    assert d.organisation == "Härryda kommun"


def test_missing_organisation_is_a_warning_not_a_guess():
    d = parse_text("Yttrande\n\nVi tillstyrker förslaget i sin helhet och har inget att tillägga.\n")
    assert d.organisation is None
    assert "Avsändande organisation kunde inte läsas ut." in d.warnings


def test_two_bodies_equally_answering_is_a_warning():
    d = parse_text(
        "Eksjö kommun lämnar följande yttrande. Nässjö kommun lämnar följande yttrande.\n"
        "Eksjö kommun tillstyrker. Nässjö kommun tillstyrker.\n"
    )
    # Neither is clearly the author: the field stays empty, the first is the flagged candidate.
    assert d.organisation is None
    assert d.candidate("organisation") in ("Eksjö kommun", "Nässjö kommun")
    assert any("osäker" in w for w in d.warnings)
    j = d.as_json()
    assert j["organisation"] is None and j["sources"]["organisation"]["unsure"] is True
    assert j["sources"]["organisation"]["candidate"] in ("Eksjö kommun", "Nässjö kommun")


def test_a_myndighets_yttrande_is_not_a_namndbeslut():
    d = parse_text("Boverket\n\nYttrande\n\nBoverket tillstyrker förslaget.\n")
    assert d.answer_kind is AnswerKind.office_answer
    d = parse_text("Protokoll\nMiljönämnden\n§ 12 Yttrande\n\nMiljönämnden beslutar att tillstyrka förslaget.\n")
    assert d.answer_kind is AnswerKind.committee_decision


# --- diarienummer ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, own",
    [
        ("Dnr ABC 2019/123", "ABC 2019/123"),
        ("Dnr ABC 2019-0123", "ABC 2019-0123"),
        ("Diarienummer 2019/0166 KS-2", "2019/0166 KS-2"),
        ("Ärendenr 3.1-4788-2026", "3.1-4788-2026"),
        ("Vårt dnr 2.4:0311/21", "2.4:0311/21"),
        ("Dnr: SU FV-1.1.3-3757-20", "SU FV-1.1.3-3757-20"),
    ],
)
def test_own_dnr_families(line, own):
    d = parse_text(f"Testkommunens förvaltning\n{line}\n\nYttrande\nVi tillstyrker.\n")
    assert d.own_dnr == own


@pytest.mark.parametrize(
    "text, remiss",
    [
        ("Finansdepartementet Xx2020/01234/Ab\n", "Xx2020/01234/Ab"),
        ("Ert dnr Ju2010/5515 /DOM\n", "Ju2010/5515/DOM"),
        ("Er referens\nN2019/00123/PUB\n", "N2019/00123/PUB"),
        ("Yttrande över betänkandet Bättre vägar (dnr 123-4567/2019)\n", "123-4567/2019"),
    ],
)
def test_remiss_dnr_families_and_labels(text, remiss):
    d = parse_text("Region Testland\n" + text + "\nRegion Testland tillstyrker förslaget.\n")
    assert d.remiss_dnr == remiss
    assert d.own_dnr != remiss


def test_grid_of_references_in_columns():
    d = parse_text("Er referens   Vår referens\nFi2025/00077   RS 2025/311\n\nVi tillstyrker.\n")
    # A text grid keeps its columns; the labels decide which is which.
    assert d.remiss_dnr == "Fi2025/00077"


def test_label_without_digits_is_no_dnr():
    d = parse_text("Diarienummer LS Finansdepartementet\n\nVi tillstyrker.\n")
    assert d.own_dnr is None


def test_two_unlabelled_ministry_numbers_are_unsure():
    # Neither is labelled: the remiss's number is left empty, the first kept as the flagged candidate.
    d = parse_text("Fi2025/00001 och S2025/00002 nämns.\nVi tillstyrker förslaget.\n")
    assert d.remiss_dnr is None
    assert d.candidate("remiss_dnr") == "Fi2025/00001"
    assert any("Remissens dnr osäker" in w and "S2025/00002" in w for w in d.warnings)


def test_two_own_numbers_each_labelled_are_unsure():
    d = parse_text("Dnr 2031/11\n\nYttrande\n\nVår beteckning: 2031/99\n\nVi tillstyrker.\n")
    assert d.own_dnr is None and d.candidate("own_dnr") == "2031/11"


# --- dates -----------------------------------------------------------------------------------


def test_long_date_with_words_after_it():
    d = parse_text("Testby kommun\n19 december 2022 efter samråd med nämnderna\n\nVi tillstyrker.\n")
    assert d.document_date == date(2022, 12, 19)


def test_protokoll_is_dated_by_its_meeting():
    d = parse_text(
        "Utdrag ur protokoll\nKommunstyrelsen\nSammanträdesdatum 2025-05-06\nJusterat 2025-05-09\n"
        "Datum 2025-05-12\n\n§ 88 Yttrande\nKommunstyrelsen beslutar att tillstyrka förslaget.\n"
    )
    assert d.document_date == date(2025, 5, 6)


@pytest.mark.parametrize("label", ["Datum", "Utfärdat", "Sammanträdesdatum"])
def test_date_labels_above_their_value(label):
    d = parse_text(f"Testkommun\n{label.upper()}\n2024-11-30\n\nVi tillstyrker.\n")
    assert d.document_date == date(2024, 11, 30)


def test_decision_day_dates_a_cover_letter():
    d = parse_text("Landstingsstyrelsen har den 3 mars 2024 beslutat att avge bifogat yttrande.\n")
    assert d.document_date == date(2024, 3, 3)


# --- contact ---------------------------------------------------------------------------------


def test_letter_spaced_labels_are_split_and_read():
    cleaned = clean_text("H A N D L Ä G G A R E D A T U M\n")
    assert cleaned.split() == ["HANDLÄGGARE", "DATUM"]
    d = parse_text("Testkommun\nH A N D L Ä G G A R E D A T U M\nEva Holm   2025-01-15\n\nVi tillstyrker.\n")
    assert d.contact.name == "Eva Holm"
    assert d.document_date == date(2025, 1, 15)


def test_name_after_a_title_is_the_contact():
    d = parse_text("Testkommun\nKanslichef, Ylva Persson\nTelefon 0589-870 00\n\nVi tillstyrker.\n")
    assert d.contact.name == "Ylva Persson"


def test_switchboard_and_fax_are_not_the_contacts_phone():
    d = parse_text(
        "Testverket\nHandläggare: Per Lund\nTelefon växel: 010-123 00 00\nFax: 010-123 00 01\n"
        "Direkt: 010-123 45 67\n\nTestverket tillstyrker.\n"
    )
    assert d.contact.phone == "010-123 45 67"


def test_phone_numbers_normalised_swedish_style():
    # The international form the document uses is kept (the number as given), grouped the Swedish way.
    assert normalise_phone("+46 (0)8 508 123 45") == "+46 8-508 123 45"
    assert normalise_phone("0771 - 921 921") == "0771-921 921"


# --- stance ----------------------------------------------------------------------------------


def test_concluding_sentence_outweighs_an_aspect():
    d = parse_text(
        "Sammanfattning\nNämnden tillstyrker förslaget om digitala ansökningar. "
        "Sammantaget avstyrker nämnden därför förslaget.\n"
    )
    assert d.stance is Stance.opposes


def test_mixed_stances_on_different_proposals_are_partly_with_a_warning():
    d = parse_text("Kommunen tillstyrker förslaget om samverkan men avstyrker förslaget om avgifter.\n")
    assert d.stance is Stance.partly
    assert any("delvis" in w for w in d.warnings)


def test_declining_to_comment_suggests_the_status_declined():
    d = parse_text("Rådet har beretts tillfälle att yttra sig. Rådet avstår från att lämna synpunkter.\n")
    assert d.status_hint == "declined"
    assert d.stance is Stance.none
    assert any("avstått" in w for w in d.warnings)


def test_yes_with_added_points_is_yes_with_comments():
    d = parse_text("Testverket tillstyrker förslaget. Testverket föreslår dock att reglerna förtydligas.\n")
    assert d.stance is Stance.supports_with_comments


# --- flattened text ----------------------------------------------------------------------------


def test_flattened_text_still_yields_fields():
    text = (
        "1 (3) Handläggare Lisa Berg lisa.berg@testkommun.se Kommunstyrelsen Yttrande över betänkandet "
        "En bättre skola (SOU 2025:1) Dnr KS 2025/0101 Sammanfattning Falu kommun har beretts tillfälle "
        "att yttra sig över betänkandet. Falu kommun tillstyrker förslagen men vill lyfta behovet av finansiering."
    )
    d = parse_text(text)
    assert d.organisation == "Falu kommun"
    assert d.own_dnr == "KS 2025/0101"
    assert d.contact.name == "Lisa Berg"
    assert d.stance is Stance.supports_with_comments


def test_sources_say_line_and_matched_text():
    d = parse_text("Testverket\nDnr TV 2025/12\n\nTestverket tillstyrker förslaget.\n")
    src = d.sources["own_dnr"].as_json()
    assert src["line"] == 2 and src["text"] == "TV 2025/12"
    assert d.as_json()["sources"]["organisation"]["text"] == "Testverket"


# --- PDF and DOCX made with LibreOffice --------------------------------------------------------
# gnosjo_yttrande.docx was written with python-docx (a two-column letterhead table, a reference grid,
# a header and a footer on every page) and converted with `soffice --headless --convert-to pdf`.


@pytest.mark.parametrize("name", ["gnosjo_yttrande.pdf", "gnosjo_yttrande.docx"])
def test_two_column_letterhead_and_reference_grid(name):
    d = read_document(FIX / name)
    assert d.organisation == "Gnosjö kommun"
    assert d.own_dnr == "KS 2026/0042"
    assert d.remiss_dnr == "Fi2025/01234"
    assert d.document_date == date(2026, 2, 10)
    assert d.contact.name == "Lina Ekdahl"
    assert d.contact.phone == "0370-33 12 34"  # the direct line, not the switchboard
    assert d.stance is Stance.partly
    assert d.remiss_title.startswith("Enklare regler för kommunal samverkan")


def test_pdf_running_header_and_footer_dropped():
    d = read_document(FIX / "gnosjo_yttrande.pdf")
    assert d.pages == 2
    assert d.text.count("www.gnosjo.se") == 0
    assert d.text.count("Gnosjö kommun   YTTRANDE") == 0
