"""Position passages (the instans's own voice) and the document-level stance, on texts written
for these tests: each rule is tested on variations, never on a fetched document."""

from __future__ import annotations

import re

import pytest

from remisstui.domain.model import Stance
from remisstui.formats.document import parse_text
from remisstui.formats.document.positions import OWN, MIXED, NEVER, section_role

LETTER = """Södermalms stadsdelsförvaltning
Stadsdelsdirektörens stab och kansli
Kungsklippan 6
112 25 Stockholm
Telefon 08-508 12 000
sodermalm@stockholm.se

Tjänsteutlåtande
Dnr SÖD 2024/999
2024-03-01

Till Södermalms stadsdelsnämnd

Svar på remiss om Parkprogram för Stockholms stad

Förvaltningens förslag till beslut
1. Stadsdelsnämnden överlämnar förvaltningens tjänsteutlåtande som svar på remissen.
2. Beslutet justeras omedelbart.

Sammanfattning
Programmet ska ersätta det tidigare parkprogrammet från 2006. Det anger mål för
stadens parker fram till 2040.

Förvaltningen välkomnar programmet. Förvaltningen stödjer följande förslag:
- fler sittplatser i parkerna
- bättre belysning längs gångstråken

Bakgrund
Kommunstyrelsen har remitterat ärendet till Södermalms stadsdelsnämnd för yttrande senast
den 29 april 2024. Förvaltningen har beviljats anstånd till den 15 maj 2024.

Ärendet
I programmet föreslås att stadens parker ska vara trygga. Programmet bör enligt
förslaget följas upp vartannat år. Förvaltningen anser att programmet är bra, skriver
kommunstyrelsen i sin inledning.

Förvaltningens synpunkter
Programmet lyfter frågor om trygghet och tillgänglighet. Förvaltningen delar den
bedömningen och anser att belysningen ska prioriteras, t.ex. i Tantolunden och
Vitabergsparken.

Sida 2 (3)

Förvaltningen saknar en plan för hur programmet ska finansieras. Förvaltningen
efterlyser därför en kostnadsberäkning.

Ärendets beredning
Ärendet har behandlats i förvaltningsgruppen den 10 april 2024.

Jämställdhetsanalys
Förvaltningen bedömer att förslaget inte påverkar jämställdheten.

Anna Andersson
Stadsdelsdirektör
"""


def _texts(doc) -> list[str]:
    return [p.text for p in doc.positions]


def test_positions_hold_the_instans_voice_and_nothing_else():
    doc = parse_text(LETTER)
    texts = _texts(doc)
    joined = "\n".join(texts)
    # The opening "välkomnar" sentence stays with the sentence introducing the list, and the list.
    assert "Förvaltningen välkomnar programmet. Förvaltningen stödjer följande förslag:\n" \
           "- fler sittplatser i parkerna\n- bättre belysning längs gångstråken" in texts
    # A sentence that leans on the one before keeps it.
    assert any(t.startswith("Programmet lyfter frågor om trygghet och tillgänglighet. Förvaltningen delar den "
                            "bedömningen") for t in texts)
    # A page marker between two paragraphs is not part of either; "t.ex." does not end a sentence.
    assert any(t.startswith("Förvaltningen saknar en plan") and t.endswith("en kostnadsberäkning.") for t in texts)
    assert any("t.ex. i Tantolunden och Vitabergsparken." in t for t in texts)
    # Never: letterhead, address, the proposal's description, the invitation and deadlines, the
    # anstånd, procedure (decision points, justering, beredning), page furniture, analyses.
    for bad in ("Kungsklippan", "112 25", "sodermalm@", "Stab", "Dnr", "Sida 2", "ska ersätta",
                "har remitterat", "anstånd", "justeras", "överlämnar", "förvaltningsgruppen",
                "skriver kommunstyrelsen", "jämställdheten", "Anna Andersson"):
        assert bad.casefold() not in joined.casefold(), bad


def test_positions_are_whole_sentences_verbatim_and_located():
    doc = parse_text(LETTER)
    flat = " ".join(doc.text.split())
    for p in doc.positions:
        assert p.text[:1].isupper()
        assert re.search(r"[.!?:]$", p.text.split("\n")[0]) or "\n" in p.text
        for part in p.text.split("\n"):
            assert " ".join(part.split()) in flat  # verbatim (whitespace aside), never cut mid-word
        assert doc.text.splitlines()[p.line - 1].strip() and p.section
    assert doc.as_json()["positions"][0].keys() == {"text", "section", "line"}


def test_a_sentence_over_a_page_break_is_joined_not_cut():
    text = ("Yttrande\n\nRegionen anser att förslaget om gemensam upphandling behöver\n\n"
            "Sida 2 (4)\n\nkompletteras med en konsekvensanalys.\n")
    doc = parse_text(text)
    assert _texts(doc) == ["Regionen anser att förslaget om gemensam upphandling behöver kompletteras med en "
                           "konsekvensanalys."]


def test_an_unfinished_sentence_is_left_out():
    doc = parse_text("Synpunkter\n\nKommunen vill framhålla att förslagen behöver följas upp och\n\n"
                     "Synpunkt 2. Kommunen tillstyrker förslaget.\n")
    assert _texts(doc) == ["Kommunen tillstyrker förslaget."]


def test_someone_elses_position_is_not_the_instans_voice():
    doc = parse_text("Myndigheten för exempel\n\nUtredningen föreslår att avgifterna höjs. Regeringen anser att "
                     "reformen bör införas 2026.\n\nMyndigheten tillstyrker förslaget om höjda avgifter.\n")
    assert _texts(doc) == ["Myndigheten tillstyrker förslaget om höjda avgifter."]


def test_a_body_named_by_the_genre_speaks_in_its_own_name():
    doc = parse_text("Remissvar\n\nDela på Facebook\n\nSammanfattning av Exempelförbundets synpunkter\n\n"
                     "Svenska Exempelförbundet välkomnar utredningens betänkande.\n\nBakgrund\n"
                     "Regeringen beslutade att tillkalla en särskild utredare.\n")
    assert _texts(doc) == ["Svenska Exempelförbundet välkomnar utredningens betänkande."]


def test_protokoll_procedure_is_never_a_position():
    text = """Protokoll fört vid sammanträde med exempelnämnden 2024-04-18

§ 12 Svar på remiss om parkprogram

Beslut
Nämnden beslutar i enlighet med förvaltningens förslag.
Paragrafen förklaras omedelbart justerad.

Yrkanden
Ordföranden yrkar bifall till förvaltningens förslag. Ordföranden ställer proposition på
yrkandet och finner att nämnden beslutar enligt detsamma.

Reservation
Ledamöterna för (M) reserverar sig mot beslutet och anser att programmet ska avstyrkas.

Förvaltningens synpunkter
Förvaltningen ställer sig bakom programmet.
"""
    assert _texts(parse_text(text)) == ["Förvaltningen ställer sig bakom programmet."]


def test_section_roles():
    assert section_role("förvaltningens synpunkter") == OWN
    assert section_role("regionens bedömning") == OWN
    assert section_role("bakgrund") == NEVER
    assert section_role("utredningens förslag") == NEVER
    assert section_role("reservation") == NEVER
    assert section_role("konsekvenser för verksamheten") == MIXED


# --- stance (issue 21's classes, on variations) ----------------------------------------------------

@pytest.mark.parametrize("text, want", [
    # Verbs with their object between.
    ("Nämnden avvisar utredningens förslag i sin helhet.", Stance.opposes),
    ("Kommunen avvisar de föreslagna ändringarna av bygglagen.", Stance.opposes),
    # Neuter and plural forms.
    ("Förvaltningen är i huvudsak positivt inställd till förslaget.", Stance.supports_with_comments),
    ("Nämnderna ställer sig i huvudsak positiva till programmet.", Stance.supports_with_comments),
    ("Regionen ser i huvudsak positivt på förslagen.", Stance.supports_with_comments),
    # Negation across an inserted clause, and with adverbs between.
    ("Kommunen kan, i den form förslaget har fått, inte tillstyrka promemorian.", Stance.opposes),
    ("Kommunen kan därför inte i nuläget tillstyrka förslaget.", Stance.opposes),
    ("Kommunen är kritisk till förslaget.", Stance.opposes),
    # Yes to some proposals and no to others.
    ("Kommunen tillstyrker förslagen i avsnitt 4. Kommunen avstyrker förslaget i avsnitt 5 om avgifter.",
     Stance.partly),
    ("Länsstyrelsen tillstyrker förslagen i kapitel 3 och 4 men avstyrker förslaget i kapitel 6.", Stance.partly),
    # An incidental "bör" in background text does not outweigh the concluding sentence.
    ("Bakgrund\nI promemorian anges att kommunerna bör ta ett större ansvar.\n\n"
     "Förvaltningens synpunkter\nFörvaltningen tillstyrker förslaget.\n", Stance.supports),
    # Appraisals without a stance verb.
    ("Sammanfattning\nFörvaltningen anser att planen är en genomarbetad plan med tydliga mål, men att "
     "finansieringen bör utredas vidare.\n", Stance.supports_with_comments),
    ("Förvaltningen anser att utredningens förslag ger en god grund för arbetet, men anser att regeringen bör "
     "beakta ett antal synpunkter.", Stance.supports_with_comments),
    # Praise is not a request for changes.
    ("Förvaltningens synpunkter\nModellen med lokala team fungerar väl och bör tjäna som modell för andra. "
     "Förvaltningen tillstyrker förslaget.\n", Stance.supports),
    # The strength of the instans's own verb.
    ("Vi välkomnar förslaget och stödjer inriktningen.", Stance.supports),
    ("Förbundet ställer sig bakom utredningens förslag.", Stance.supports),
    ("Föreningen stödjer förslagen men vill påpeka att finansieringen måste säkras.", Stance.supports_with_comments),
    ("Vi avstyrker förslaget om en särskild lag. Däremot ställer vi oss positiva till förslagen om "
     "vårdcentralerna.", Stance.partly),
    ("Förbundet är på det stora hela positivt, inte minst eftersom förslagen följer samma logik.",
     Stance.supports_with_comments),
    ("Exempelföreningen välkomnar utredningens betänkande. Exempelföreningen saknar dock en analys av "
     "kostnaderna.", Stance.supports_with_comments),
    # "men" between two adjectives is no reservation.
    ("Verket tillstyrker förslaget med motiveringen att färre men mer jämnstarka län ger en effektivare "
     "förvaltning.", Stance.supports),
    # Someone else's position, reported, is not the instans's.
    ("Utredningen avstyrker en sådan ordning. Förvaltningen tillstyrker förslaget.", Stance.supports),
    # Unsure: no stance, flagged.
    ("Förvaltningen ställer sig tveksam till förslaget om sammanslagning.", Stance.none),
])
def test_stance_classes(text, want):
    doc = parse_text(text)
    assert doc.stance is want, (text, doc.stance, doc.stance_sentence)
    if want is Stance.none:
        assert any("ställningstagande" in w.casefold() for w in doc.warnings)


@pytest.mark.parametrize("text", [
    "Nämnden avstår från att yttra sig över remissen.",
    "Nämnden avstår från yttrande.",
    "Styrelsen har valt att avstå från att lämna synpunkter och har inga invändningar.",
])
def test_avstar_is_a_decline_not_an_answer(text):
    doc = parse_text(text)
    assert doc.status_hint == "declined"
    assert doc.stance is Stance.none


def test_avstar_from_taking_a_stand_is_not_a_decline():
    doc = parse_text("Förvaltningens synpunkter\nFörvaltningen avstår från att ta ställning till förslaget som "
                     "helhet men vill lyfta behovet av fler förskoleplatser i innerstaden och i ytterstaden.\n")
    assert doc.status_hint is None


def test_delar_the_noun_is_not_agreement():
    doc = parse_text("Förvaltningens synpunkter\nI dessa delar bedömning saknas. I dessa delar beklagar "
                     "förvaltningen att utredningen inte har gått längre.\n")
    assert doc.stance not in (Stance.supports, Stance.supports_with_comments)
