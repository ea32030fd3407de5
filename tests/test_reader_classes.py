"""The classes of issue 21 as a registrator's eye reads them: who answers, the dnr, the dates, the contact.

Every text is a variation written for the test (names, numbers and places made up); none is fetched.
Precision first: where the text does not clearly support a value, the field is empty and the candidate
flagged, never a guess."""

from __future__ import annotations

from datetime import date

import pytest

from remisstui.formats.document import parse_text


# --- who answers ---------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Boxholms kommun tillstyrker förslaget.",
    "Boxholms kommun välkomnar utredningens förslag.",
    "Boxholms kommun stödjer inriktningen i betänkandet.",
    "Synpunkter från Boxholms kommun\n\nFörslaget är bra.",
    "Boxholms kommun har beretts möjlighet att yttra sig över rubricerad remiss.",
    "Boxholms kommun har inbjudits att lämna synpunkter på promemorian.",
    "Boxholms kommun har ombetts att yttra sig över betänkandet.",
])
def test_the_body_named_as_subject_of_its_own_sentences(sentence):
    d = parse_text(f"Yttrande\n\n{sentence}\n")
    assert d.organisation == "Boxholms kommun"


def test_the_remitting_department_and_the_inquiry_are_not_the_author():
    d = parse_text(
        "Till: Infrastrukturdepartementet\n\nRemiss av betänkandet Trygga vägar (SOU 2031:12)\n\n"
        "Infrastrukturdepartementet har remitterat betänkandet. Vägutredningen föreslår en ny lag.\n"
        "Ödeshögs kommun har beretts tillfälle att yttra sig och tillstyrker förslaget.\n"
    )
    assert d.organisation == "Ödeshögs kommun"


def test_a_body_cited_in_passing_is_not_the_author():
    d = parse_text(
        "Ödeshögs kommun lämnar följande yttrande.\n\n"
        "Kommunen delar Trafikverkets bedömning och hänvisar till Boverkets rapport från 2029.\n"
    )
    assert d.organisation == "Ödeshögs kommun"


def test_an_interest_organisation_with_a_parenthesised_short_form():
    d = parse_text(
        "Remissvar\n\nSvenska Fritidsbåtsförbundet (SFBF) har tagit del av promemorian.\n"
        "SFBF välkomnar förslaget men saknar en analys av kostnaderna.\n"
    )
    assert d.organisation in ("Svenska Fritidsbåtsförbundet", "SFBF")


def test_an_interest_organisation_presenting_itself():
    d = parse_text(
        "Yttrande över promemorian Säkrare hamnar\n\nOm Hamnföretagen:\nHamnföretagen organiserar "
        "landets hamnbolag.\n\nHamnföretagen anser att förslaget bör genomföras.\n"
    )
    assert d.organisation == "Hamnföretagen"


def test_an_organisations_remissvar_by_its_genitive_title():
    d = parse_text("Cykelfrämjarnas remissvar på Nationell cykelstrategi\n\nVi är positiva till förslaget.\n")
    assert d.organisation == "Cykelfrämjarna"


def test_a_sentence_opening_word_is_no_name():
    d = parse_text("Remissvar\n\nDet anser vi är fel. Vi tillstyrker inte förslaget.\n")
    assert d.organisation is None


def test_the_committee_where_the_kommun_answers():
    d = parse_text(
        "Yttrande från Vimmerby kommun till Naturvårdsverket\n\n"
        "Detta är ett yttrande från kommunstyrelsen i Vimmerby kommun. Kommunstyrelsen beslutar att "
        "lämna yttrandet.\n"
    )
    assert d.organisation == "Vimmerby kommun"


def test_an_early_mention_only_is_unsure():
    d = parse_text("Angående Skolverkets föreskrifter\n\nVi har läst förslaget och har inga synpunkter.\n")
    assert d.organisation is None


# --- dnr -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, own", [
    ("Dnr AB/2031:77\n\nYttrande\n", "AB/2031:77"),
    ("Vår beteckning: Ekn 2032/0311\n\nYttrande\n", "Ekn 2032/0311"),
    ("Diarienummer\nKS 2031/5\n\nYttrande\n", "KS 2031/5"),
    ("Dnr: 2031/145-12\n\nYttrande\n", "2031/145-12"),
    ("DiarienummerKS 2031/412\n\nYttrande\n", "KS 2031/412"),
])
def test_own_dnr_forms(text, own):
    d = parse_text(text)
    assert d.own_dnr == own


def test_label_row_over_a_value_row_with_a_date_between():
    d = parse_text("Vårt datum Vår beteckning 2031-03-04 Ks/2031:34\n\nYttrande\n")
    assert d.own_dnr == "Ks/2031:34"
    assert d.document_date == date(2031, 3, 4)


def test_er_beteckning_is_theirs():
    d = parse_text("Er beteckning: Fi2031/01234\nVår beteckning: 2031/88\n\nYttrande\n")
    assert d.remiss_dnr == "Fi2031/01234"
    assert d.own_dnr == "2031/88"


def test_the_remiss_number_inside_a_sentence():
    d = parse_text("Yttrande\n\nKommunen har fått en remiss (2032/145) från länsstyrelsen.\n")
    assert d.own_dnr != "2032/145"


def test_a_postcode_is_not_a_dnr():
    d = parse_text("Box 1234\n103 33 Stockholm\nTelefon 08-123 456 78\n\nYttrande\n\nVi tillstyrker.\n")
    assert d.own_dnr is None and d.remiss_dnr is None


# --- dates ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, when", [
    ("YTTRANDE3 mars 2031\n\nVi tillstyrker.\n", date(2031, 3, 3)),
    ("Solna, den 14 maj 2031\n\nVi tillstyrker.\n", date(2031, 5, 14)),
    ("4 maj 2031 Remissvar\n\nVi tillstyrker.\n", date(2031, 5, 4)),
])
def test_document_date_forms(text, when):
    assert parse_text(text).document_date == when


def test_several_labelled_dates_on_one_line():
    d = parse_text("Sammanträde 2031-06-12 Utfärdat 2031-05-14\n\nVi tillstyrker.\n")
    assert d.document_date == date(2031, 5, 14)
    assert d.meeting_date == date(2031, 6, 12)


def test_ert_datum_is_theirs():
    d = parse_text("Ert datum 2031-01-10\nVårt datum 2031-02-20\n\nVi tillstyrker.\n")
    assert d.document_date == date(2031, 2, 20)


def test_an_extended_remisstid_is_a_deadline():
    d = parse_text("Yttrande\n\nKommunen har fått förlängd remisstid till 2031-06-15.\n")
    assert d.deadline == date(2031, 6, 15)
    assert d.document_date != date(2031, 6, 15)


# --- contact -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Handläggare: Lindqvist, Anna\n\nYttrande\n",
    "Ansvarig handläggareAnna Lindqvist\n\nYttrande\n",
    "Kontaktperson för remissen: Anna Lindqvist: anna.lindqvist@example.se\n\nYttrande\n",
    "Kanslichef, Anna Lindqvist\n\nYttrande\n",
    "Handläggare Anna Lindqvist Regeringskansliet (Finansdepartementet)\n\nYttrande\n",
])
def test_contact_forms(text):
    assert parse_text(text).contact.name == "Anna Lindqvist"


def test_letter_spaced_label_run_with_values_after():
    d = parse_text("H A N D L Ä G G A R E D A T U M D I A R I E N R Per Holm Staben LS-LED\n\nYttrande\n")
    assert d.contact.name == "Per Holm"


def test_name_with_phone_after_a_committee_name():
    d = parse_text("Kommunstyrelsen Per Holm, 0550-123 45\n\nYttrande\n")
    assert d.contact.name == "Per Holm"
    assert d.contact.phone == "0550-123 45"


# --- precision: unsure values are withheld and flagged --------------------------------------------

def test_unsure_value_is_null_in_json_with_the_candidate_in_sources():
    d = parse_text(
        "Eksjö kommun lämnar följande yttrande. Nässjö kommun lämnar följande yttrande.\n"
        "Eksjö kommun tillstyrker. Nässjö kommun tillstyrker.\n"
    )
    j = d.as_json()
    assert j["organisation"] is None
    src = j["sources"]["organisation"]
    assert src["unsure"] is True and src["candidate"] in ("Eksjö kommun", "Nässjö kommun") and src["line"] >= 1
    assert "organisation" in j["unsure"]


def test_parse_table_shows_osaker(tmp_path, capsys):
    from remisstui import cli

    f = tmp_path / "svar.txt"
    f.write_text("Eksjö kommun lämnar följande yttrande. Nässjö kommun lämnar följande yttrande.\n"
                 "Eksjö kommun tillstyrker. Nässjö kommun tillstyrker.\n", encoding="utf-8")
    assert cli.main(["--data", str(tmp_path / "d"), "parse", str(f)]) == 0
    out = capsys.readouterr().out
    assert "osäker" in out


def test_a_list_of_remissinstanser_names_no_author():
    d = parse_text(
        "Remissinstanser\n\n1. Hovrätten för Nedre Norrland 2. Kammarrätten i Sundsvall "
        "3. Justitiekanslern (JK) 4. Barnombudsmannen (BO) 5. Datainspektionen\n\n"
        "Strömsunds kommun tillstyrker förslaget.\n"
    )
    assert d.organisation == "Strömsunds kommun"


def test_remitted_to_x_then_x_answers():
    d = parse_text("Yttrande\n\nFinansdepartementet har till Boxholms kommun remitterat betänkandet. "
                   "Kommunen har inga invändningar.\n")
    assert d.organisation == "Boxholms kommun"


def test_as_the_kommuns_yttrande():
    d = parse_text("Förslag till beslut\n\nSkrivelsen överlämnas till departementet som Kumla kommuns yttrande.\n")
    assert d.organisation == "Kumla kommun"


def test_the_author_of_the_report_under_review_is_not_the_answering_body():
    d = parse_text(
        "Remiss av Boverkets rapport Bättre bostäder\n\nBoverket föreslår en ny regel för bostäder. "
        "Boverket bedömer att kostnaden blir låg.\n\nKumla kommun har beretts möjlighet att yttra sig. "
        "Kumla kommun tillstyrker förslaget.\n"
    )
    assert d.organisation == "Kumla kommun"


def test_the_remitting_region_is_not_the_author():
    d = parse_text("Region Skåne har remitterat förslaget till kommunerna.\n\n"
                   "Svedala kommun har fått tillfälle att yttra sig och tillstyrker förslaget.\n")
    assert d.organisation == "Svedala kommun"


def test_an_organisation_named_in_its_signature_block():
    d = parse_text("Remissvar\n\nVi tillstyrker förslaget i sin helhet.\n\nFör Svensk Båtturism\n\n"
                   "Anna Berg\nordförande\n")
    assert d.organisation == "Svensk Båtturism"


def test_a_ministrys_number_after_its_name_is_the_remiss_dnr():
    d = parse_text("Remissvar\n\nStälld till Socialdepartementet Dnr S2031/01918/FST\n\nVi tillstyrker.\n")
    assert d.remiss_dnr == "S2031/01918/FST"
    assert d.own_dnr is None


def test_full_name_with_lower_case_words_and_its_definite_short_form():
    d = parse_text(
        "Till: Socialdepartementet\n\nSveriges tandläkarförbund har fått rubricerat betänkande på remiss och "
        "vill framföra följande synpunkter.\n\nTandläkarförbundet anser att förslaget är bra. "
        "Tandläkarförbundet tillstyrker.\n"
    )
    assert d.organisation == "Sveriges tandläkarförbund"


def test_the_text_refers_to_its_author_by_its_kind():
    d = parse_text(
        "Remissvar gällande promemorian Avgifter\n\nUtifrån de aspekter som Tullkollegiet har att beakta, "
        "har kollegiet inga synpunkter på förslagen. Kollegiet ställer sig dock frågande till avsnitt 4.\n"
    )
    assert d.organisation == "Tullkollegiet"


def test_a_running_header_pair_own_beside_the_ministrys():
    d = parse_text("TSG 2031-486 M2031/1516/Ma Remissvar 1(10)\n\nRegeringskansliet\n\nVi tillstyrker.\n")
    assert d.own_dnr == "TSG 2031-486"
    assert d.remiss_dnr == "M2031/1516/Ma"


def test_the_day_the_answer_was_sent_dates_it():
    d = parse_text("Remissvar\n\nVi har inga synpunkter.\n\nRemissvaret skickades till "
                   "Näringsdepartementet den 1 juli 2032.\n")
    assert d.document_date == date(2032, 7, 1)


def test_responsible_at_the_organisation_is_the_contact():
    d = parse_text("Departement: Näringsdepartementet\nAnsvarig på SKR: Per Sjöberg\n\nRemissvar\n")
    assert d.contact.name == "Per Sjöberg"


def test_an_organisation_that_has_given_its_answer():
    d = parse_text("Svensk cykelförening har lämnat ett remissvar på betänkandet. Föreningen är positiv.\n")
    assert d.organisation == "Svensk cykelförening"


def test_the_remiss_number_in_brackets_in_a_sentence_is_the_remiss_dnr():
    d = parse_text("Yttrande\n\nKommunen har fått en remiss (2032/145) från länsstyrelsen om planen.\n")
    assert d.remiss_dnr == "2032/145"


def test_a_registration_stamp_does_not_date_the_document():
    d = parse_text("Inkom 2031-09-13\n\nYttrande\n\nVi tillstyrker.\n")
    assert d.document_date is None


@pytest.mark.parametrize("text, own, remiss", [
    ("Dnr            Besöksadress\nKS 2031/12     Storgatan 1\n\nYttrande\n", "KS 2031/12", None),
    ("Er beteckning      Vår beteckning\nFi2031/77          2031/88\n\nYttrande\n", "2031/88", "Fi2031/77"),
])
def test_labels_in_columns_over_their_values(text, own, remiss):
    d = parse_text(text)
    assert d.own_dnr == own and d.remiss_dnr == remiss


@pytest.mark.parametrize("text, name", [
    ("Advokatsamfundet har genom remiss den 3 maj 2031 beretts tillfälle att avge yttrande.", "Advokatsamfundet"),
    ("Yttrande\n\nTjänstemännens centralorganisation, TCO, har beretts möjlighet att yttra sig.",
     "Tjänstemännens centralorganisation"),
    ("Vi på Friluftsfrämjandet välkomnar förslaget.", "Friluftsfrämjandet"),
    ("Göteborgs Stad\nStadsledningskontoret\n\nYttrande\n\nGöteborgs Stad tillstyrker förslaget.", "Göteborgs Stad"),
    ("Till Finansdepartementet\n\nLänsstyrelsen i Dalarnas län har fått rubricerad remiss för yttrande. "
     "Länsstyrelsen tillstyrker.", "Länsstyrelsen i Dalarnas län"),
])
def test_more_ways_the_genre_names_its_author(text, name):
    assert parse_text(text + "\n").organisation == name


def test_the_document_kind_with_its_date_and_number_is_no_title():
    d = parse_text("REMISSVAR 2031-04-05 Dnr 2031:45\n\nVi tillstyrker.\n")
    assert d.own_dnr == "2031:45" and d.document_date == date(2031, 4, 5)
    assert d.remiss_dnr is None


@pytest.mark.parametrize("text", [
    "Yttrande\n\nVäsentliga delar lämnas obehandlade i promemorian.\n",
    "Yttrande\n\nSammantaget är vi positiva till förslaget.\n",
    "Yttrande\n\nVidare anser vi att kostnaderna är underskattade.\n",
])
def test_a_word_opening_a_sentence_is_not_a_body(text):
    assert parse_text(text).organisation is None


def test_one_capitalised_word_met_once_before_a_stance_verb_is_unsure():
    d = parse_text("Remissvar\n\nFörslagsställarna är på det stora hela positiva till förslaget.\n")
    assert d.organisation is None
    assert d.candidate("organisation") == "Förslagsställarna"


def test_the_drafting_office_alone_is_unsure():
    d = parse_text("Tjänsteskrivelse\n\nFör att planen ska bli ett stöd föreslår kommunledningskontoret att "
                   "bifogade yttrande översänds. Kommunledningskontoret har samrått med nämnderna.\n")
    assert d.organisation is None
    assert d.candidate("organisation") == "Kommunledningskontoret"
