"""Filing an answer within its remiss: the closed choice among the remiss's recipients (services.filing).

Every text here is written for the test; none is a fetched document."""

from __future__ import annotations

from remisstui.domain.model import Organisation, OrgKind, Recipient, Remiss
from remisstui.domain.register import Register
from remisstui.formats.document import parse_text
from remisstui.services.filing import choose_recipient, forms_of


def _register() -> Register:
    return Register(organisations=[
        Organisation("Kommunstyrelsen", OrgKind.other, short_code="KS"),
        Organisation("Farsta stadsdelsnämnd", OrgKind.stadsdelsnamnd, short_code="FAR"),
        Organisation("Skarpnäcks stadsdelsnämnd", OrgKind.stadsdelsnamnd, short_code="SKA"),
        Organisation("Kulturnämnden", OrgKind.facknamnd, short_code="KULN"),
        Organisation("Trafiknämnden", OrgKind.facknamnd, short_code="TN"),
        Organisation("Region Stockholm", OrgKind.extern, former_names=["Stockholms läns landsting"]),
        Organisation("Solna stad", OrgKind.extern),
        Organisation("Sundbybergs stad", OrgKind.extern),
        Organisation("Trafikverket", OrgKind.extern),
        Organisation("Myndigheten för samhällsskydd och beredskap", OrgKind.extern, short_code="MSB"),
        Organisation("Länsstyrelsen i Stockholms län", OrgKind.extern),
    ])


def _remiss(*names: str, sender: str = "Kommunstyrelsen") -> Remiss:
    return Remiss(dnr="KS 2026/100", title="Remiss om en plan", sender=sender,
                  recipients=[Recipient(organisation=n) for n in names])


def _file(text: str, *names: str, mail_from: str = "", sender: str = "Kommunstyrelsen"):
    reg = _register()
    parsed = parse_text(text, reg, senders={sender})
    parsed.mail_from = mail_from
    return choose_recipient(_remiss(*names, sender=sender), parsed, reg)


ALL = ("Kommunstyrelsen", "Farsta stadsdelsnämnd", "Skarpnäcks stadsdelsnämnd", "Kulturnämnden",
       "Trafiknämnden", "Region Stockholm", "Solna stad", "Sundbybergs stad", "Trafikverket",
       "Myndigheten för samhällsskydd och beredskap", "Länsstyrelsen i Stockholms län")


def test_city_mail_domain_does_not_decide_the_letterhead_names_the_namnd():
    text = ("Farsta stadsdelsnämnd\n\nYttrande över remiss om en plan\n\n"
            "Stadsdelsnämnden har beretts möjlighet att yttra sig och tillstyrker förslaget.\n")
    f = _file(text, *ALL, mail_from="farsta@stockholm.se")
    assert f.recipient is not None and f.recipient.organisation == "Farsta stadsdelsnämnd"


def test_the_office_writes_for_its_namnd():
    text = ("Skarpnäcks stadsdelsförvaltning\nTjänsteutlåtande\n\n"
            "Förvaltningen föreslår att nämnden tillstyrker förslaget.\n")
    f = _file(text, *ALL)
    assert f.recipient is not None and f.recipient.organisation == "Skarpnäcks stadsdelsnämnd"


def test_short_form_as_written_files_on_the_full_name():
    f = _file("MSB har beretts möjlighet att yttra sig över remissen. MSB tillstyrker förslaget.\n", *ALL)
    assert f.recipient is not None
    assert f.recipient.organisation == "Myndigheten för samhällsskydd och beredskap"


def test_former_name_files_on_the_new_name():
    f = _file("Stockholms läns landsting har fått tillfälle att yttra sig. Landstinget tillstyrker.\n", *ALL)
    assert f.recipient is not None and f.recipient.organisation == "Region Stockholm"


def test_kommun_for_stad_and_genitive():
    f = _file("Solna kommuns yttrande över remissen\n\nSolna kommun tillstyrker förslaget i sin helhet.\n",
              *ALL)
    assert f.recipient is not None and f.recipient.organisation == "Solna stad"


def test_a_suffix_the_register_lacks():
    f = _file("Trafikverket Region Stockholm lämnar följande yttrande.\n\nVi har inget att invända.\n", *ALL)
    assert f.recipient is not None and f.recipient.organisation == "Trafikverket"


def test_the_remiss_sender_is_never_the_author():
    text = ("Remiss från kommunstyrelsen\n\nKommunstyrelsen har remitterat ärendet till nämnden.\n"
            "Kulturnämnden har beretts möjlighet att yttra sig och tillstyrker förslaget.\n")
    f = _file(text, *ALL)
    assert f.recipient is not None and f.recipient.organisation == "Kulturnämnden"


def test_a_body_cited_in_passing_is_not_the_author():
    text = ("Sundbybergs stad lämnar följande yttrande.\n\n"
            "Staden delar Trafikverkets bedömning och hänvisar till Länsstyrelsen i Stockholms läns "
            "rapport. Sundbybergs stad tillstyrker förslaget.\n")
    f = _file(text, *ALL)
    assert f.recipient is not None and f.recipient.organisation == "Sundbybergs stad"


def test_two_bodies_about_equally_likely_is_a_refusal_naming_both():
    text = ("Solna stad lämnar följande yttrande. Sundbybergs stad lämnar följande yttrande.\n"
            "Solna stad tillstyrker. Sundbybergs stad tillstyrker.\n")
    f = _file(text, *ALL)
    assert f.recipient is None
    assert {c.organisation for c in f.candidates[:2]} == {"Solna stad", "Sundbybergs stad"}
    assert "Solna stad" in f.reason and "Sundbybergs stad" in f.reason


def test_nothing_clearly_supported_is_a_refusal():
    f = _file("Vi har tagit del av remissen och har inget att tillägga.\n", *ALL)
    assert f.recipient is None and f.reason


def test_the_registered_address_decides():
    reg = _register()
    reg.organisation("Trafiknämnden").registry_email = "registrator.tk@example.se"
    parsed = parse_text("Hej! Här kommer vårt svar.\n", reg)
    parsed.mail_from = "registrator.tk@example.se"
    f = choose_recipient(_remiss(*ALL), parsed, reg)
    assert f.recipient is not None and f.recipient.organisation == "Trafiknämnden"


def test_a_place_name_counts_only_in_the_bodys_own_sentences():
    # "Solna" in an address is no evidence; "Solna överlämnar ... som yttrande" is.
    f = _file("Besöksadress: Stadshusgatan 1, Solna\n\nVi har inget att invända.\n", *ALL)
    assert f.recipient is None
    f = _file("Solna överlämnar bifogade skrivelse som yttrande över remissen.\n", *ALL)
    assert f.recipient is not None and f.recipient.organisation == "Solna stad"


def test_forms_of_a_namnd():
    forms = forms_of("Farsta stadsdelsnämnd", _register())
    assert "Farsta stadsdelsförvaltning" in forms and "FAR" in forms
    assert "Stadsledningskontoret" in forms_of("Kommunstyrelsen", _register())


def test_register_yes_refuses_an_ambiguous_answer_with_the_candidates_named(data_dir, tmp_path, capsys):
    from remisstui import cli, services

    store = services.open_store(data_dir)
    remiss = store.load("KS 2024/112")
    names = [r.organisation for r in remiss.recipients if r.organisation != remiss.sender][:2]
    doc = tmp_path / "gemensamt.txt"
    doc.write_text(f"{names[0]} lämnar följande yttrande. {names[1]} lämnar följande yttrande.\n"
                   f"{names[0]} tillstyrker förslaget. {names[1]} tillstyrker förslaget.\n", encoding="utf-8")
    code = cli.main(["--data", str(data_dir), "register", "KS 2024/112", str(doc), "--yes"])
    _out, err = capsys.readouterr()
    assert code == 1
    assert "Kandidater" in err and names[0] in err and names[1] in err
    assert services.open_store(data_dir).load("KS 2024/112") == remiss


def test_an_honorific_the_text_leaves_out():
    reg = Register()
    parsed = parse_text("Vitterhetsakademien har beretts tillfälle att yttra sig och tillstyrker förslaget.\n", reg)
    remiss = _remiss("Kungl. Vitterhetsakademien", "Riksantikvarieämbetet")
    f = choose_recipient(remiss, parsed, reg)
    assert f.recipient is not None and f.recipient.organisation == "Kungl. Vitterhetsakademien"


def test_a_committee_answers_for_the_landsting_in_its_letterhead():
    reg = Register()
    parsed = parse_text("LANDSTINGET I VÄSTERBOTTENS LÄN Föredragningspromemoria\n\nBeslut "
                        "Trafiknämnden godkänner framlagt förslag till yttrande över planen.\n", reg)
    remiss = _remiss("Landstinget i Västerbottens län", "Region Jämtland Härjedalen")
    f = choose_recipient(remiss, parsed, reg)
    assert f.recipient is not None and f.recipient.organisation == "Landstinget i Västerbottens län"
