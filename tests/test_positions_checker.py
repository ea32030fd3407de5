"""tests/corpus_own/check_positions.py finds each class of text a position passage must never carry
(on passages written for this test)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "check_positions", Path(__file__).parent / "corpus_own" / "check_positions.py")
check = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(check)


@pytest.mark.parametrize("passage, cls", [
    ("Förvaltningen tillstyrker. Kungsklippan 6 112 25 Stockholm", "address"),
    ("Förvaltningen tillstyrker förslaget. Telefon 08-508 12 000", "phone"),
    ("Kontakta oss på registrator@exempel.se om förslaget.", "email_web"),
    ("Förvaltningen tillstyrker förslaget. Sida 2 (3)", "page"),
    ("Dnr SÖD 2024/999 Förvaltningen tillstyrker förslaget.", "dnr"),
    ("Nämnden har beretts möjlighet att yttra sig senast den 29 april.", "invitation"),
    ("Universitetet har anmodats att inkomma med yttrande över betänkandet.", "invitation"),
    ("Paragrafen justeras omedelbart. Ordföranden yrkar bifall.", "procedure"),
    ("Bergs kommun Sammanfattning Länsstyrelsen anser att planen är god.", "heading"),
])
def test_each_class_is_found(passage, cls):
    assert cls in [name for name, _ in check.offences(passage, [])]


def test_a_letterhead_line_inside_a_passage_is_found():
    head = check.letterhead_lines("Exempelstadens stadsdelsförvaltning\nStab och kansli\n\nTjänsteutlåtande\n")
    found = check.offences("Förvaltningen tillstyrker. Stab och kansli Förvaltningen anser att det är bra.", head)
    assert ("letterhead", "Stab och kansli") in found


@pytest.mark.parametrize("passage", [
    "Förvaltningen tillstyrker förslaget om ändring i 4 kap. 16 § 5 plan- och bygglagen.",
    "Regionen anser att 3 av 4 förslag behöver förtydligas.",
    "Förbundet välkomnar förslaget och stödjer inriktningen.",
])
def test_the_instans_words_pass(passage):
    assert check.offences(passage, []) == []
