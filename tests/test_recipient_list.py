"""Issue 24.2: a recipient list pasted or read from a file, matched against the register, the public
bodies and former names (services/recipient_list.py), and the CLI command `recipients`."""

from __future__ import annotations

import json

import pytest

from helpers import SHARED
from remisstui import services
from remisstui.cli import main
from remisstui.services.recipient_list import Verdict, match_list, names_to_add, split_list

SOU_109 = SHARED / "samples" / "regeringen-remiss-SOU-2015-109-remissinstanser.md"
SOU_85 = SHARED / "samples" / "regeringen-remiss-SOU-2015-85-remissinstanser.md"


@pytest.fixture
def store(tmp_path):
    st = services.open_store(tmp_path / "data")
    st.user = "registrator"
    services.ensure_seeded(st)
    return st


def test_split_numbered_plain_and_comma_separated():
    assert split_list("1. Boverket\n2) Riksrevisionen\n\n") == ["Boverket", "Riksrevisionen"]
    assert split_list("Boverket\n- Riksrevisionen\n* Svea hovrätt, Mark- och miljööverdomstolen") == [
        "Boverket", "Riksrevisionen", "Svea hovrätt, Mark- och miljööverdomstolen"]
    assert split_list("Boverket, Riksrevisionen ,Trafikverket") == ["Boverket", "Riksrevisionen", "Trafikverket"]
    # A whole missiv: only the numbered lines are names.
    assert split_list("## Remissinstanser:\n\n1. Boverket\n\nRemissvaren ska ha kommit in.") == ["Boverket"]


def test_the_102_name_list_matches_former_names_and_reports_the_rest(store):
    lines = match_list(SOU_109.read_text(), store.load_register())
    assert len(lines) == 102
    by = {line.written: line for line in lines}
    assert by["Stockholms läns landsting, Tillväxt, miljö och regionplanering"].name == "Region Stockholm"
    assert by["Sveriges Kommuner och Landsting"].name == "Sveriges Kommuner och Regioner"
    assert by["Skåne läns landsting"].name == "Region Skåne"
    assert all(by[n].verdict is Verdict.matched for n in (
        "Sveriges Kommuner och Landsting", "Kristianstad kommun", "Boverket", "Regelrådet",
        "Svea hovrätt, Mark- och miljööverdomstolen", "Kungl. Tekniska högskolan"))
    assert by["Kristianstad kommun"].name == "Kristianstads kommun"
    assert by["Lantbrukarnas Riksförbund"].verdict is Verdict.new


def test_an_unsure_line_is_asked_about_never_added_unless_chosen(store):
    lines = match_list("Länsstyrelsen i Skåne\nPRO, Pensionärernas riksorganisation\nBoverket",
                       store.load_register())
    assert [line.verdict for line in lines] == [Verdict.unsure, Verdict.new, Verdict.matched]
    assert lines[0].candidates == ["Länsstyrelsen i Skåne län"]
    assert names_to_add(lines) == ["PRO, Pensionärernas riksorganisation", "Boverket"]
    assert names_to_add(lines, {0: "Länsstyrelsen i Skåne län"})[0] == "Länsstyrelsen i Skåne län"


def test_recipients_already_on_the_remiss_are_taken(store):
    remiss = store.load("KS 2024/112")
    first = remiss.recipients[0].organisation
    lines = match_list(f"{first}\nBoverket\nBoverket", store.load_register(), remiss)
    assert [line.verdict for line in lines] == [Verdict.taken, Verdict.matched, Verdict.taken]


def test_cli_recipients_reads_the_list_into_the_remiss(store, capsys, tmp_path):
    data = str(store.folder)
    before = len(store.load("KS 2024/112").recipients)
    assert main(["--data", data, "recipients", "KS", "2024/112", str(SOU_85), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    verdicts = {x["written"]: x["verdict"] for x in out["lines"]}
    assert verdicts["Länsstyrelsen i Skåne"] == "unsure"
    assert "Länsstyrelsen i Skåne" not in out["added"]
    assert "Sveriges Kommuner och Regioner" in out["added"]
    after = services.open_store(store.folder).load("KS 2024/112")
    assert len(after.recipients) == before + len(out["added"]) == before + 71
    # Again: everything is there already, nothing added twice.
    assert main(["--data", data, "recipients", "KS 2024/112", str(SOU_85)]) == 0
    err = capsys.readouterr().err
    assert "La till 0 mottagare" in err and "71 redan mottagare" in err


def test_cli_recipients_missing_file_is_one_swedish_line(store, capsys, tmp_path):
    assert main(["--data", str(store.folder), "recipients", "KS 2024/112", str(tmp_path / "nej.txt")]) == 1
    assert "finns inte" in capsys.readouterr().err


def test_cli_show_accepts_an_unquoted_dnr(store, capsys):
    assert main(["--data", str(store.folder), "show", "KS", "2024/112"]) == 0
    assert capsys.readouterr().out.startswith("KS 2024/112")
