"""The stance, precision first: given only from the instans's own concluding position, and left
unsure (no stance, the candidate flagged "osäker") where the evidence is weak or conflicting.

Every text here was written for these tests, as variations of each class; none is a fetched document."""

from __future__ import annotations

import json

import pytest

from remisstui.domain.model import Stance
from remisstui.formats.document import parse_text


def _unsure(doc) -> str | None:
    return doc.candidate("stance")


# --- a no to one proposal beside praise or a yes to others is delvis ---------------------------------

@pytest.mark.parametrize("text", [
    "Yttrande\n\nLänsstyrelsen säger nej till utredarens förslag om att tillsynen ska flyttas till verket.\n\n"
    "Länsstyrelsens synpunkter\n\nUtredningen innehåller många bra och konstruktiva förslag som kan leda till "
    "effektiviseringar. Länsstyrelsen säger nej till förslaget om att tillsynen ska flyttas.\n",
    "Kommunen avstyrker förslaget om en ny avgift för tillstånd. Betänkandet innehåller flera goda förslag "
    "om samverkan mellan kommunerna.\n",
    "Synpunkter\n\nFörbundet säger nej till förslaget att slopa kravet på utbildning. Förbundet välkomnar "
    "däremot förslagen om fler platser.\n",
])
def test_no_to_one_proposal_beside_praise_is_partly(text):
    doc = parse_text(text)
    assert doc.stance is Stance.partly, (doc.stance, doc.stance_sentence)


@pytest.mark.parametrize("text", [
    "Boverket kan inte tillstyrka förslaget om att slopa kravet på dispens.\n\n"
    "Boverket har i övrigt inga synpunkter på promemorian.\n",
    "Naturvårdsverket avstyrker förslaget om ändring i 4 kap. 16 § plan- och bygglagen. I övrigt avstår "
    "Naturvårdsverket från att lämna synpunkter.\n",
])
def test_no_to_one_proposal_and_no_view_on_the_rest_is_unsure(text):
    doc = parse_text(text)
    assert doc.stance is Stance.none
    assert _unsure(doc) == "opposes"
    assert doc.status_hint is None  # "i övrigt avstår" after a no is not a decline of the whole remiss
    assert any("osäker" in w for w in doc.warnings)


@pytest.mark.parametrize("text", [
    "Region Exempel avstyrker förslaget om att flytta ansvaret för läkemedel till staten.\n",
    "Föreningen ogillar förslagen om nya hyresregler. Föreningen avstyrker förslaget om en efterfrågeregel.\n",
])
def test_a_no_with_nothing_else_said_is_a_no(text):
    assert parse_text(text).stance is Stance.opposes


def test_a_qualified_yes_covers_a_no_to_one_part():
    doc = parse_text("Sammanfattning\n\nVerket tillstyrker i huvudsak utredningens förslag men har synpunkter.\n\n"
                     "Förslaget om karenstider\n\nVerket avstyrker förslaget om ändrade karenstider.\n")
    assert doc.stance is Stance.supports_with_comments


@pytest.mark.parametrize("text", [
    "Sammanfattning\n\nNämnden tillstyrker förslaget.\n\nNämndens synpunkter\n\n"
    "Nämnden avstyrker därför promemorians förslag i sin helhet.\n",
    "Vi stödjer förslaget. Vi avvisar samtidigt utredningens förslag i sin helhet eftersom kostnaderna är "
    "för höga.\n",
])
def test_a_yes_and_a_no_to_the_whole_is_for_a_person_to_decide(text):
    doc = parse_text(text)
    assert doc.stance in (Stance.none, Stance.partly, Stance.opposes)
    assert doc.stance not in (Stance.supports, Stance.supports_with_comments)


# --- "välkomnar detta", "instämmer i", split words -------------------------------------------------

@pytest.mark.parametrize("text, want", [
    ("Genomförandet av direktivet innebär att skyddet stärks. Förbundet välkomnar detta.\n", Stance.supports),
    ("Reformen ger fler elever rätt till stöd. Vi välkomnar därför dessa förändringar.\n", Stance.supports),
    ("Genomförandet innebär att skyddet stärks. Exempelförbundet välkomnar detta. Problemet är att reglerna "
     "blir svåra att tillämpa.\n", Stance.supports_with_comments),
    # The agreed assessment's "bör" is no demand.
    ("Stiftelsen välkomnar förslaget att göra konventionen till lag. Stiftelsen instämmer i utredningens "
     "bedömning om att konventionen bör bli direkt tillämplig.\n", Stance.supports),
    ("Universitetet instämmer i förslaget om ändringar i förordningen.\n", Stance.supports),
    ("Vid en sammanvägd bedömning stödjer dock universitetet ändå utred-ningens förslag.\n", Stance.supports),
])
def test_more_verbs_of_position(text, want):
    doc = parse_text(text)
    assert doc.stance is want, (doc.stance, doc.stance_sentence)


def test_welcoming_something_else_is_no_stance():
    # "välkomnar detta arbete som …" is about a piece of work, not the proposal: no pronoun object.
    doc = parse_text("Kommunen välkomnar det arbete som pågår inom regionen med kollektivtrafiken.\n")
    assert doc.stance not in (Stance.supports, Stance.supports_with_comments)


# --- appraisals and doubts ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Yttrande\n\nPlanen är en genomarbetad plan med tydliga mål.\n",
    "Synpunkter\n\nFörslaget är ett gediget underlag, men finansieringen bör utredas vidare.\n",
])
def test_an_appraisal_not_voiced_by_the_instans_is_unsure(text):
    doc = parse_text(text)
    assert doc.stance is Stance.none
    assert _unsure(doc) in ("supports", "supports_with_comments")
    j = doc.as_json()
    assert j["stance"] == "none"
    assert j["sources"]["stance"]["unsure"] is True and j["sources"]["stance"]["candidate"] == _unsure(doc)
    json.dumps(j)


@pytest.mark.parametrize("text", [
    "Sammanfattning\nFörvaltningen anser att planen är en genomarbetad plan med tydliga mål, men att "
    "finansieringen bör utredas vidare.\n",
    "Förvaltningen anser att utredningens förslag ger en god grund för arbetet, men anser att regeringen bör "
    "beakta ett antal synpunkter.",
])
def test_an_appraisal_the_instans_states_as_its_view_is_given(text):
    assert parse_text(text).stance is Stance.supports_with_comments


@pytest.mark.parametrize("text", [
    "Förvaltningen ställer sig tveksam till förslaget om sammanslagning.",
    "Nämnden är mycket tveksam till förslaget.\n",
])
def test_a_doubt_is_unsure(text):
    doc = parse_text(text)
    assert doc.stance is Stance.none
    assert _unsure(doc) == "opposes"
    assert any("osäker" in w for w in doc.warnings)


# --- never from the remiss's own text, other bodies, background or a quoted proposal --------------

@pytest.mark.parametrize("text", [
    # The remitting body's text and its proposal.
    "Kommunstyrelsen har remitterat förslaget till nämnden. Regeringen tillstyrker en sådan ordning.\n",
    "Bakgrund\n\nI promemorian föreslås att avgifterna höjs. Utredningen avstyrker en annan modell.\n",
    # The proposal quoted.
    "Ärendet\n\nI förslaget står: ”Kommunerna ställer sig bakom den nya planen.”\n",
    # A dissent.
    "Reservation\n\nLedamöterna för (M) avstyrker förslaget.\n",
])
def test_no_stance_from_anyone_but_the_instans(text):
    doc = parse_text(text)
    assert doc.stance in (Stance.none, Stance.comments_only)
    assert _unsure(doc) is None


def test_another_body_named_as_subject_is_not_the_instans():
    doc = parse_text("Huddinge kommun\n\nYttrande\n\nSveriges Kommuner och Regioner avstyrker förslaget. "
                     "Huddinge kommun tillstyrker förslaget.\n")
    assert doc.organisation == "Huddinge kommun"
    assert doc.stance is Stance.supports


def test_a_stance_run_together_with_the_letterhead_is_read():
    doc = parse_text("Region Exempel\nRemissvar\n\n1(1) Regionkansliet Dnr RS/12/2024 Anna Berg Handläggare "
                     "Socialdepartementet Svar på promemorian Ersättning Ds 2024:3 Region Exempel tillstyrker "
                     "promemorians förslag. Regionen anser att förslaget är väl avvägt.\n")
    assert doc.stance is Stance.supports
    assert doc.stance_sentence == "Region Exempel tillstyrker promemorians förslag."
    assert doc.positions[0].text.startswith("Region Exempel tillstyrker promemorians förslag. Regionen anser")
    assert all("Dnr" not in p.text and "1(1)" not in p.text for p in doc.positions)


def test_parse_shows_the_unsure_stance_flagged_once():
    from remisstui.cli.documents import format_parsed

    doc = parse_text("Boverket kan inte tillstyrka förslaget om att slopa kravet på dispens.\n\n"
                     "Boverket har i övrigt inga synpunkter på promemorian.\n")
    out = format_parsed(doc)
    assert "Ställningstagande    – (osäker: avstyrker)" in out
    assert sum("ställningstagande" in w.casefold() for w in doc.warnings) == 1
    assert doc.as_json()["unsure"]["stance"]


# --- partial yeses, lists, loose objects, a no without a verb of position --------------------------

@pytest.mark.parametrize("text, want", [
    ("Akademien stödjer flertalet av de förslag som läggs fram.\n", Stance.supports_with_comments),
    ("Förbundet tillstyrker merparten av utredningens förslag.\n", Stance.supports_with_comments),
    ("Exempelförbundet instämmer i:\n- Att skolplikten införs från sex års ålder.\n\n"
     "Exempelförbundet avstyrker:\n- Att förskoleklassen blir obligatorisk.\n", Stance.partly),
    ("1. Miljönämnden i Exempelby ser positivt på de förslag som utredningen presenterat men vill understryka "
     "vikten av vägledning.\n", Stance.supports_with_comments),
    ("Förvaltningen anser att investeringen inte bör genomföras.\n", Stance.opposes),
])
def test_partial_yes_lists_and_named_units(text, want):
    doc = parse_text(text)
    assert doc.stance is want, (doc.stance, doc.stance_sentence)


@pytest.mark.parametrize("text, cand", [
    # A yes to an ambition, a detail: not clearly to the remiss, and not "synpunkter utan ställningstagande".
    ("Ämbetet välkomnar ambitionen att rättssäkerheten ska förbli likvärdig. Ämbetet anser att frågan om "
     "tillsyn behöver utredas vidare.\n", "supports_with_comments"),
    ("Förbundet är mycket kritiskt till hur remissen har hanterats. Förbundet anser att tiden har varit för "
     "kort.\n", "opposes"),
    # A no in substance without a verb of position.
    ("Den största investeringen i modern tid bör inte genomföras då avkastningen är låg.\n", "opposes"),
])
def test_a_loose_position_is_unsure_not_comments_only(text, cand):
    doc = parse_text(text)
    assert doc.stance is Stance.none
    assert _unsure(doc) == cand


def test_plain_synpunkter_without_any_position_are_comments_only():
    doc = parse_text("Verket anser att frågor om friluftslivet har behandlats i för liten utsträckning. Dessa "
                     "intressen bör ges större uppmärksamhet.\n")
    assert doc.stance is Stance.comments_only
    assert _unsure(doc) is None


def test_a_generic_noun_is_how_the_body_names_itself():
    doc = parse_text("Kungliga Exempelakademien\n\nYttrande\n\nAkademien stödjer förslaget.\n")
    assert doc.stance is Stance.supports


@pytest.mark.parametrize("text", [
    "Universitetet delar utredningens bedömning att det behövs en samlad plan för digitaliseringen.\n",
    "Verket har inga synpunkter på preciseringarna för detta mål, men instämmer i diskussionen om mätbarhet.\n",
    "Universitetet har inget att erinra vad gäller den helhetsbild av tillsynen som presenteras i utredningen.\n",
])
def test_a_yes_to_one_assessment_or_aspect_is_unsure(text):
    doc = parse_text(text)
    assert doc.stance is Stance.none
    assert _unsure(doc) == "supports_with_comments"


@pytest.mark.parametrize("text, want", [
    ("Förbundet delar utredningens bedömning.\n", Stance.supports),
    ("Förbundet har inget att erinra mot förslaget.\n", Stance.no_objection),
])
def test_a_yes_to_the_whole_is_still_given(text, want):
    assert parse_text(text).stance is want


def test_an_adverb_before_the_verb_is_not_another_body():
    doc = parse_text("Exempelförbundet\n\nYttrande\n\nDärför avstyrker Exempelförbundet förslaget.\n")
    assert doc.stance is Stance.opposes


@pytest.mark.parametrize("text", [
    "Förbundet ställer sig därför inte bakom den föreslagna medfinansieringen.\n",
    "Kommunen är inte positiv till förslaget.\n",
    "Regionen stödjer inte förslaget om avgifter.\n",
])
def test_a_negation_inside_the_verb_is_no_yes(text):
    doc = parse_text(text)
    assert doc.stance not in (Stance.supports, Stance.supports_with_comments, Stance.no_objection)


def test_a_quotation_is_not_the_instans_speaking():
    doc = parse_text("Synpunkter\n\nI förslaget står att ”kommunerna ställer sig bakom den nya planen”. Förvaltningen "
                     "anser att tidplanen behöver förtydligas.\n")
    assert doc.stance not in (Stance.supports, Stance.supports_with_comments)


def test_another_body_by_its_acronym_is_not_the_instans():
    doc = parse_text("Huddinge kommun\n\nYttrande\n\nSKR tillstyrker förslaget. Kommunen avstyrker förslaget.\n")
    assert doc.stance is Stance.opposes, (doc.organisation, doc.stance_sentence)


def test_stances_under_numbered_proposal_headings_are_parts():
    doc = parse_text("Verket har till uppgift att följa upp vården.\n\n"
                     "5.1 Upphandlande myndigheter ska beakta mindre företag\n\nVerket tillstyrker förslagen.\n\n"
                     "5.2 Vårdgivare i glesbygd ska kunna få statsbidrag\n\nVerket har inga invändningar mot förslaget.\n")
    assert doc.stance is Stance.none and _unsure(doc) == "supports_with_comments"


def test_numbered_layout_headings_are_not_proposals():
    doc = parse_text("1. Sammanfattning\n\nVerket tillstyrker förslagen.\n\n2. Synpunkter\n\n"
                     "Verket anser att tidplanen behöver förlängas.\n")
    assert doc.stance is Stance.supports_with_comments


def test_the_stance_source_points_at_the_body_sentence():
    doc = parse_text("Region Exempel\nRemissvar\n\n1(1) Regionkansliet Dnr RS/12/2024 Anna Berg Handläggare "
                     "Ds 2024:3 Region Exempel tillstyrker promemorians förslag.\n")
    src = doc.sources["stance"]
    assert doc.text[src.start:src.end] == "Region Exempel tillstyrker promemorians förslag."
