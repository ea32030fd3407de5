import email
from datetime import date, datetime, timezone
from email import policy
from pathlib import Path

import pytest

from remisstui import cli, services
from remisstui.services import reminders as reminding
from remisstui.domain.model import Contact, Extension, Organisation, OrgKind, Recipient, Remiss, Status
from remisstui.formats.reminders import ReminderError, build_reminder, reminder_filenames
from remisstui.store.repository import Store

DNR = "KS 2024/112"
AFTER = date(2024, 5, 13)  # 14 days after the deadline


def _parse(data: bytes):
    return email.message_from_bytes(data, policy=policy.default)


def _remiss(**kw) -> Remiss:
    return Remiss(dnr=DNR, title="Kommunikationsprogram för Stockholms stad", sent_on=date(2024, 1, 31),
                  deadline=date(2024, 4, 29), **kw)


@pytest.fixture
def store(tmp_path) -> Store:
    st = Store(tmp_path / "data", user="registrator")
    services.ensure_seeded(st)
    return st


def test_eml_parses_back_with_headers_and_swedish_text():
    org = Organisation("Södermalms stadsdelsnämnd", OrgKind.stadsdelsnamnd,
                       registry_email="registrator.sodermalm@example.se")
    rec = Recipient(organisation=org.name, kind=org.kind, own_dnr="SÖD 2024/145",
                    contact=Contact(name="Karolin Bogren Gavling", email="karolin@example.se"))
    msg = build_reminder(_remiss(), rec, org, today=AFTER, from_addr="anna.registrator@example.se",
                         now=datetime(2024, 5, 13, 9, 30, tzinfo=timezone.utc))
    parsed = _parse(msg.as_bytes())
    assert parsed["Subject"] == (
        "Påminnelse: remiss KS 2024/112 – Kommunikationsprogram för Stockholms stad (er beteckning SÖD 2024/145)"
    )
    to = parsed["To"].addresses
    assert [a.addr_spec for a in to] == ["registrator.sodermalm@example.se", "karolin@example.se"]
    assert to[0].display_name == "Södermalms stadsdelsnämnd"
    assert parsed["From"].addresses[0].addr_spec == "anna.registrator@example.se"
    assert parsed["Date"].datetime == datetime(2024, 5, 13, 9, 30, tzinfo=timezone.utc)
    assert parsed["Message-ID"].startswith("<") and parsed["Message-ID"].endswith("@example.se>")
    assert parsed.get_content_charset() == "utf-8"
    body = parsed.get_content()
    assert "Till Södermalms stadsdelsnämnd" in body
    assert "”Kommunikationsprogram för Stockholms stad” (KS 2024/112)" in body
    assert "Svaret skulle ha varit inne senast måndag 29 april 2024, och vi har ännu inte fått det." in body
    assert "protokollsutdraget med nämndens beslut" in body
    assert "hör av er så kan vi komma överens om anstånd" in body  # no anstånd yet: one is offered
    assert "Er beteckning är SÖD 2024/145." in body
    assert b"\r\n" in msg.as_bytes()


def test_no_to_header_without_address_and_user_sender():
    rec = Recipient(organisation="Idrottsnämnden", kind=OrgKind.facknamnd, contact=Contact(email="not-an-address"))
    msg = build_reminder(_remiss(), rec, None, today=date(2024, 4, 24), from_addr="anna")
    parsed = _parse(msg.as_bytes())
    assert "To" not in parsed
    assert msg.to == []
    assert str(parsed["From"]) == "anna"
    assert "Subject" in parsed and "er beteckning" not in parsed["Subject"]
    assert "om 5 dagar" in parsed.get_content()


def test_extension_and_due_today_and_duplicates():
    org = Organisation("Kulturnämnden", OrgKind.facknamnd, registry_email="Reg@Example.se")
    rec = Recipient(organisation=org.name, contact=Contact(email="reg@example.se"),
                    extensions=[Extension(new_deadline=date(2024, 5, 13))])
    msg = build_reminder(_remiss(), rec, org, today=date(2024, 5, 13), from_addr="anna")
    assert msg.to == ["Reg@Example.se"]
    body = _parse(msg.as_bytes()).get_content()
    assert "Enligt anståndet ni har fått ska svaret vara inne senast måndag 13 maj 2024, alltså i dag." in body
    assert "komma överens om anstånd" not in body and "flyttad" not in body.casefold()


@pytest.mark.parametrize("hostile", ["[bold]x", "Org [/foo] x", "a\r\nBcc: evil@example.com", "trailing\\", "😀 عربى"])
def test_hostile_text_cannot_inject_headers(hostile):
    remiss = Remiss(dnr="KS 2024/1", title=hostile, sent_on=date(2024, 1, 1), deadline=date(2024, 2, 1))
    rec = Recipient(organisation=hostile, own_dnr=hostile, contact=Contact(name=hostile, email="x@example.se"))
    parsed = _parse(build_reminder(remiss, rec, None, today=date(2024, 3, 1), from_addr="anna").as_bytes())
    assert "Bcc" not in parsed
    assert " ".join(hostile.split()) in parsed["Subject"]
    assert [a.addr_spec for a in parsed["To"].addresses] == ["x@example.se"]


def test_bad_sender_is_refused():
    with pytest.raises(ReminderError):
        build_reminder(_remiss(), Recipient(organisation="X"), None, today=AFTER, from_addr="a\nb")


def test_non_ascii_addresses():
    org = Organisation("Nämnd", OrgKind.facknamnd, registry_email="registrator@söder.example")
    msg = build_reminder(_remiss(), Recipient(organisation="Nämnd"), org, today=AFTER, from_addr="anna")
    assert _parse(msg.as_bytes())["To"].addresses[0].addr_spec == "registrator@xn--sder-5qa.example"
    org.registry_email = "åsa@example.se"  # the email package cannot write this local part
    msg = build_reminder(_remiss(), Recipient(organisation="Nämnd"), org, today=AFTER, from_addr="anna")
    assert msg.to == [] and "To" not in _parse(msg.as_bytes())


def test_filenames_are_unique_and_safe():
    names = reminder_filenames(_remiss(), ["../../etc/passwd", "Org [/foo] x", "Org /foo x", "..", ""])
    assert len(set(names.values())) == 5
    for n in names.values():
        assert "/" not in n and "\\" not in n and not n.startswith(".") and n.endswith(".eml")


def test_service_writes_logs_and_reports(store, tmp_path):
    out = tmp_path / "ut"
    report = reminding.write_reminders(store, "ks-2024-112", out, today=AFTER)
    assert len(report.drafts) == 14
    assert "Södermalms stadsdelsnämnd" not in [d.organisation for d in report.drafts]
    assert len(report.without_address) == 14
    assert sorted(p.name for p in out.iterdir()) == sorted(d.path.name for d in report.drafts)
    # A draft is not a reminder: the history says a draft was made, and nothing counts as sent.
    remiss, events = store.load_with_events(DNR)
    assert sum(len(r.reminders) for r in remiss.recipients) == 0
    drafts = [e for e in events if e.what == f"Påminnelseutkast skapat i {out.absolute()}"]
    assert len(drafts) == 14 and not any(e.what.startswith("Skickade påminnelse") for e in events)
    assert {e.target for e in drafts} == {f"recipient:{d.organisation}" for d in report.drafts}
    with pytest.raises(services.ServiceError, match="ingen ändring att ångra"):
        services.undo_last(store, DNR)  # a draft is nothing to undo
    # Marking them sent adds the reminders, once, and leaves nothing pending.
    assert reminding.pending_drafts(store, DNR) == [d.organisation for d in report.drafts]
    marked = reminding.mark_sent(store, DNR, today=AFTER)
    assert marked == [d.organisation for d in report.drafts]
    remiss = store.load(DNR)
    assert sum(len(r.reminders) for r in remiss.recipients) == 14
    rem = remiss.recipient("Kulturnämnden").reminders[0]
    assert rem.sent_on == AFTER and rem.by == "registrator"
    assert reminding.pending_drafts(store, DNR) == [] and reminding.mark_sent(store, DNR) == []


def test_service_days_window_and_explicit_organisations(store, tmp_path):
    before = date(2024, 4, 20)  # 9 days left
    assert reminding.write_reminders(store, DNR, tmp_path / "a", today=before).drafts == []
    assert len(reminding.write_reminders(store, DNR, tmp_path / "b", today=before, days=9).drafts) == 14
    report = reminding.write_reminders(store, DNR, tmp_path / "c", today=before,
                                       organisations=["Kulturnämnden", "Södermalms stadsdelsnämnd"])
    assert [d.organisation for d in report.drafts] == ["Kulturnämnden"]
    assert report.skipped == [("Södermalms stadsdelsnämnd", "status besvarad")]
    with pytest.raises(services.ServiceError):
        reminding.write_reminders(store, DNR, tmp_path / "d", organisations=["Ingen sådan"])


def test_service_refuses_file_as_folder_and_missing_parent(store, tmp_path):
    f = tmp_path / "fil"
    f.write_text("x")
    with pytest.raises(services.ServiceError, match="ingen mapp"):
        reminding.write_reminders(store, DNR, f, today=AFTER)
    with pytest.raises(services.ServiceError, match="finns inte"):
        reminding.write_reminders(store, DNR, tmp_path / "saknas" / "ut", today=AFTER)
    assert sum(len(r.reminders) for r in store.load(DNR).recipients) == 0


def test_cli_remind(tmp_path, capsys, monkeypatch):
    data = tmp_path / "data"
    out = tmp_path / "DIR"
    assert cli.main(["--data", str(data), "remind", DNR, "-o", str(out)]) == 0
    captured = capsys.readouterr()
    files = sorted(out.glob("*.eml"))
    assert len(files) == 14
    assert not any("Sodermalm" in f.name for f in files)
    assert f"Skrev 14 utkast i {out}. Inget är skickat" in captured.out
    assert 'remisstui remind "KS 2024/112" --sent' in captured.out
    assert "påminnelser" not in captured.out.split("Skrev")[1].split(".")[0]
    assert "Ingen av de 14 har någon känd adress" in captured.out
    assert captured.out.count("saknar To-rad") == 14
    assert captured.out.count("remisstui config") == 1  # no profile: said once, not per draft
    for f in files:
        parsed = _parse(f.read_bytes())
        assert "To" not in parsed and "KS 2024/112" in parsed["Subject"]
        assert "From" not in parsed  # the mail program fills it in
    remiss = Store(data).load(DNR)
    assert sum(len(r.reminders) for r in remiss.recipients) == 0
    # --sent notes them, with the plural right.
    assert cli.main(["--data", str(data), "remind", DNR, "--sent", "--org", "Kulturnämnden"]) == 0
    assert capsys.readouterr().out == "Noterade 1 påminnelse som skickad (Kulturnämnden).\n"
    assert cli.main(["--data", str(data), "remind", DNR, "--sent"]) == 0
    assert capsys.readouterr().out == "Noterade 13 påminnelser som skickade (13 mottagare).\n"
    assert sum(len(r.reminders) for r in Store(data).load(DNR).recipients) == 14
    # Default folder: paminnelser-<dnr> in the files folder of the settings, and the JSON form.
    monkeypatch.chdir(tmp_path)
    assert cli.main(["--data", str(data), "remind", "ks-2024-112", "--json"]) == 0
    import json
    from remisstui.services import settings as user_settings

    view = json.loads(capsys.readouterr().out)
    expected = user_settings.files_folder() / "paminnelser-KS-2024-112"
    assert view["folder"] == str(expected) and len(view["without_address"]) == 14
    assert expected.is_dir() and not (tmp_path / "paminnelser-KS-2024-112").exists()


def test_cli_remind_errors(tmp_path, capsys):
    data = tmp_path / "data"
    assert cli.main(["--data", str(data), "remind", "KS 1999/1"]) == 1
    assert "Ingen remiss" in capsys.readouterr().err
    assert cli.main(["--data", str(data), "remind", DNR, "--days", "-1"]) == 1
    assert cli.main(["--data", str(data), "remind", DNR, "-o", str(tmp_path / "a"), "--from", "a b@c"]) == 1
    assert "avsändar" in capsys.readouterr().err


def test_cli_days_not_a_number_is_swedish(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["--data", str(tmp_path / "data"), "remind", DNR, "--days", "abc"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "ange ett helt antal dagar, till exempel 7, inte 'abc'" in err
    assert "(int)" not in err and "invalid" not in err


def test_a_second_reminder_says_so_refers_to_the_first_and_asks_for_a_date():
    """Issue 24.6: the second reminder read like the first and gave no new date; the signature did
    not name Stockholms stad and the answer had no address to go to."""
    from remisstui.domain.model import Reminder

    org = Organisation("Kulturnämnden", OrgKind.facknamnd, registry_email="registrator@kultur.example.se")
    ks = Organisation("Kommunstyrelsen", OrgKind.other, registry_email="kommunstyrelsen@stockholm.se")
    rec = Recipient(organisation=org.name, kind=org.kind, status=Status.sent,
                    reminders=[Reminder(sent_on=date(2024, 5, 6))])
    msg = build_reminder(_remiss(sender="Kommunstyrelsen"), rec, org, today=AFTER, sender_org=ks)
    parsed = _parse(msg.as_bytes())
    body = parsed.get_content()
    assert parsed["Subject"].startswith("Påminnelse två: remiss KS 2024/112")
    assert "påminnelse nummer två om remissen" in body
    assert "Vi skickade en påminnelse 6 maj 2024" in body
    assert "senast måndag 20 maj 2024" in body  # 13 May + 7 days
    assert "till Kommunstyrelsen (kommunstyrelsen@stockholm.se)" in body
    assert parsed["Reply-To"] == "kommunstyrelsen@stockholm.se"
    signature = body.rsplit("Med vänliga hälsningar", 1)[1]
    assert "Kommunstyrelsen" in signature and "Stockholms stad" in signature
    first = build_reminder(_remiss(), Recipient(organisation=org.name, kind=org.kind, status=Status.sent),
                           org, today=AFTER, sender_org=ks)
    assert "påminnelse nummer" not in first.message.get_content() and first.message["Subject"].startswith("Påminnelse: ")


def test_the_bundled_register_holds_public_registry_addresses_with_their_source(store):
    """Issue 24.6: drafts lacked a To: line because the register held no registry address."""
    from importlib import resources

    text = resources.files("remisstui.data").joinpath("organisations.toml").read_text(encoding="utf-8")
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("registry_email"):
            assert any("Source: http" in lines[j] for j in range(max(0, i - 3), i)), line
    org = store.load_register().organisation("Södermalms stadsdelsnämnd")
    assert org.registry_email == "soder@stockholm.se"
    assert store.load_register().organisation("Kommunstyrelsen").registry_email == "kommunstyrelsen@stockholm.se"


def test_remembered_registry_addresses_are_checked_first(store):
    with pytest.raises(reminding.ServiceError, match="inte giltig"):
        reminding.remember_registry_addresses(store, {"Kulturnämnden": "ok@example.se", "Idrottsnämnden": "nej"})
    assert store.load_register().organisation("Kulturnämnden").registry_email == ""
    assert reminding.remember_registry_addresses(store, {"Kulturnämnden": " ok@example.se "}) == ["Kulturnämnden"]
    assert store.load_register().organisation("Kulturnämnden").registry_email == "ok@example.se"
