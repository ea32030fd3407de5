"""Sweden's bundled public bodies (data/public_bodies.toml): the list, how the reader knows them, and
what the recipient picker is offered. Texts are the project's own."""

from __future__ import annotations

import collections
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from remisstui.domain.model import Organisation, OrgKind
from remisstui.domain.register import Register, name_key
from remisstui.formats.document import parse_text
from remisstui.formats.document.public_bodies import (
    public_body_names,
    public_body_organisations,
    public_body_short_forms,
)
from remisstui.services import register as register_service

DATA = Path(__file__).resolve().parents[1] / "data" / "public_bodies.toml"


@pytest.fixture(scope="module")
def bodies() -> list[dict]:
    return tomllib.loads(DATA.read_text("utf-8"))["bodies"]


# --- the list ------------------------------------------------------------------------------------


def test_the_list_holds_every_kommun_region_lansstyrelse_and_the_state_agencies(bodies):
    kinds = collections.Counter(b["kind"] for b in bodies)
    assert kinds["kommun"] == 290
    assert kinds["lansstyrelse"] == 21
    # 20 regioner, and Gotland: the kommun that carries a region's tasks.
    regional = [b for b in bodies if b["kind"] == "region" or b.get("regional")]
    assert len(regional) == 21
    assert {b["code"][:2] for b in regional} == {b["code"] for b in bodies if b["kind"] == "lansstyrelse"}
    assert [b["name"] for b in bodies if b.get("regional")] == ["Region Gotland"]
    assert kinds["myndighet"] >= 300
    assert set(kinds) == {"kommun", "lansstyrelse", "region", "myndighet"}


def test_every_name_is_listed_once_and_every_short_form_names_one_body(bodies):
    names = [name_key(b["name"]) for b in bodies]
    assert len(names) == len(set(names))
    shorts = [b["short"] for b in bodies if b.get("short") and b["kind"] not in ("kommun", "lansstyrelse")]
    assert len(shorts) == len(set(shorts))


def test_the_file_names_its_sources():
    header = DATA.read_text("utf-8").split("[[bodies]]", 1)[0]
    for source in ("sjbrg/swedish-geodata", "HackersOfSweden/WelcomeToSweden", "civictechsweden/myndighetsdata",
                   "Statskontoret", "myndighetsregistret.scb.se", "shared/samples"):
        assert source in header


def test_organisations_are_external_and_fresh_copies():
    orgs = public_body_organisations()
    assert all(o.kind is OrgKind.extern for o in orgs)
    msb = next(o for o in orgs if o.name == "Myndigheten för samhällsskydd och beredskap")
    assert msb.short_code == "MSB"
    msb.former_names.append("x")
    again = next(o for o in public_body_organisations() if o.name == msb.name)
    assert again.former_names == []


# --- how a body may be written --------------------------------------------------------------------


def test_one_word_short_forms_only_as_written_or_in_capitals():
    shorts = public_body_short_forms()
    assert shorts["MSB"] == "Myndigheten för samhällsskydd och beredskap"
    assert shorts["Skolverket"] == shorts["SKOLVERKET"] == "Statens skolverk"
    assert shorts["HaV"] == shorts["HAV"] == "Havs- och vattenmyndigheten"
    assert "msb" not in shorts and "formas" not in shorts and "Hav" not in shorts
    # Two letters are too many other things ("DO", "FI", "BO").
    assert not any(len(s) < 3 for s in shorts)
    names = public_body_names()
    assert name_key("formas") not in names and name_key("skolverket") not in names
    assert names[name_key("västra götalandsregionen")] == "Västra Götalandsregionen"
    assert names[name_key("Gotlands kommun")] == "Region Gotland"
    assert names[name_key("Svenska ESF-rådet")] == "Rådet för europeiska socialfonden i Sverige"


# --- the reader ----------------------------------------------------------------------------------


def test_region_in_a_sentence():
    d = parse_text(
        "Yttrande över betänkandet Framtidens kollektivtrafik\n\n"
        "Region Gävleborg har beretts tillfälle att yttra sig och lämnar följande synpunkter.\n"
        "Regionen delar utredningens bedömning.\n"
    )
    assert d.organisation == "Region Gävleborg"
    assert any("känd offentlig organisation" in w for w in d.warnings)


def test_region_in_capitals_in_a_letterhead():
    d = parse_text("REGION SKÅNE\nRegionstyrelsen\n\nYttrande\n\nRegionen har inget att erinra mot förslaget.\n")
    assert d.organisation == "Region Skåne"
    assert any("känd offentlig organisation" in w for w in d.warnings)


def test_a_region_named_without_the_word_region():
    d = parse_text(
        "Västra Götalandsregionen\nKoncernkontoret\n\nRemissvar\n\n"
        "Västra Götalandsregionen tillstyrker förslagen i promemorian.\n"
    )
    assert d.organisation == "Västra Götalandsregionen"


def test_myndigheten_for_in_a_sentence():
    d = parse_text(
        "Remissvar\n\nMyndigheten för digital förvaltning har getts möjlighet att lämna synpunkter och "
        "tillstyrker promemorians förslag om gemensamma e-tjänster.\n"
    )
    assert d.organisation == "Myndigheten för digital förvaltning"
    assert any("känd offentlig organisation" in w for w in d.warnings)


def test_state_agency_by_its_short_form():
    d = parse_text(
        "Till Justitiedepartementet\n\nYttrande över promemorian Stärkt krisberedskap\n\n"
        "MSB har tagit del av promemorian och tillstyrker förslagen.\n"
    )
    assert d.organisation == "Myndigheten för samhällsskydd och beredskap"


def test_state_agency_by_a_word_short_form():
    # Known by its short form, the body is given as the text writes it (the list's name is for filing).
    d = parse_text("Yttrande\n\nSkolverket tillstyrker förslaget om en ny läroplan för gymnasieskolan.\n")
    assert d.organisation == "Skolverket"


def test_a_short_form_in_lower_case_is_an_ordinary_word():
    # "Formas" is a research council; "formas" is a verb. Only the first names a body.
    d = parse_text(
        "Yttrande\n\nHur stödet ska formas anser vi är en fråga för huvudmännen.\n"
        "Vi lämnar i övrigt inga synpunkter.\n"
    )
    assert d.organisation != "Forskningsrådet för miljö, areella näringar och samhällsbyggande"
    assert d.organisation != "Formas"


def test_gotland_answers_as_region_gotland():
    d = parse_text("Gotlands kommuns yttrande över promemorian Nya regler för färjetrafiken\n\nVi tillstyrker.\n")
    assert d.organisation == "Gotlands kommun"  # as written; filing knows it as Region Gotland's alias
    from remisstui.domain.model import Recipient, Remiss
    from remisstui.domain.register import Register
    from remisstui.services.filing import choose_recipient
    remiss = Remiss(dnr="KS 2026/1", title="t", sender="Kommunstyrelsen",
                    recipients=[Recipient(organisation="Region Gotland"), Recipient(organisation="Region Uppsala")])
    f = choose_recipient(remiss, d, Register())
    assert f.recipient is not None and f.recipient.organisation == "Region Gotland"


# --- the picker's source -----------------------------------------------------------------------


def test_picker_offers_bundled_bodies_by_name_and_short_form():
    reg = Register()
    assert [o.name for o in register_service.public_bodies("region gävle", reg)] == ["Region Gävleborg"]
    by_short = register_service.public_bodies("MSB", reg)
    assert "Myndigheten för samhällsskydd och beredskap" in [o.name for o in by_short]
    assert all(o.kind is OrgKind.extern for o in by_short)
    assert register_service.public_bodies("", reg) == []
    assert register_service.public_bodies("   ", reg) == []


def test_picker_leaves_out_bodies_the_register_holds():
    reg = Register(organisations=[
        Organisation(name="Region Gävleborg", kind=OrgKind.extern),
        Organisation(name="Skolverket i registret", kind=OrgKind.extern, former_names=["Statens skolverk"]),
    ])
    assert register_service.public_bodies("region gävle", reg) == []
    assert "Statens skolverk" not in [o.name for o in register_service.public_bodies("skolverk", reg)]


def test_picker_results_are_bounded():
    assert len(register_service.public_bodies("a", Register(), limit=25)) == 25


def test_start_up_does_not_read_the_list():
    """Building the app, the services, the CLI parser and the remiss form leaves the bundled list unread;
    the first search reads it."""
    code = (
        "from remisstui.tui import app\n"
        "from remisstui import services, cli\n"
        "cli.build_parser(cli.load_commands())\n"
        "from remisstui.tui.screens import edit_remiss\n"
        "from remisstui.services import register\n"
        "from remisstui.formats import public_bodies\n"
        "print(public_bodies._bodies.cache_info().currsize)\n"
        "register.public_bodies('region', register.Register())\n"
        "print(public_bodies._bodies.cache_info().currsize)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["0", "1"]
