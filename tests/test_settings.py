"""The registrator profile and the files folder: the settings file, `remisstui config`, and their
use by reminder drafts (From, signature) and exports (where files go)."""

from __future__ import annotations

import email
import json
from datetime import date
from email import policy

import pytest

from remisstui import cli, services
from remisstui.domain.model import Contact, Extension, OrgKind, Recipient, Remiss
from remisstui.domain.settings import RegistratorProfile, Settings
from remisstui.formats.reminders import build_reminder
from remisstui.services import exports, reminders as reminding, settings as user_settings
from remisstui.store.repository import Store

DNR = "KS 2024/112"
PROFILE = RegistratorProfile(name="Anna Andersson", title="Registrator", unit="Stadsledningskontoret",
                             email="anna.andersson@stockholm.se", phone="08-508 000 00")


def _remiss(**kw) -> Remiss:
    return Remiss(dnr=DNR, title="Kommunikationsprogram för Stockholms stad", sent_on=date(2024, 1, 31),
                  deadline=date(2024, 4, 29), **kw)


def _body(msg) -> tuple[email.message.EmailMessage, str]:
    parsed = email.message_from_bytes(msg.as_bytes(), policy=policy.default)
    return parsed, parsed.get_content().replace("\r\n", "\n")  # CRLF on the wire


def test_settings_round_trip_and_defaults(user_settings, tmp_path):
    path = tmp_path / "ny" / "config.toml"
    assert user_settings_mod().load_settings(path) == Settings()  # no file yet: defaults
    user_settings_mod().save_settings(Settings(PROFILE, "/srv/ut"), path)
    assert user_settings_mod().load_settings(path) == Settings(PROFILE, "/srv/ut")
    new = user_settings_mod().update_settings(path=path, phone="")
    assert new.profile.phone == "" and new.profile.name == "Anna Andersson" and new.files_folder == "/srv/ut"


def user_settings_mod():
    return user_settings


def test_settings_errors_are_swedish_and_change_nothing(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[registrator\nname = 1", encoding="utf-8")
    with pytest.raises(user_settings.SettingsError, match="ogiltig TOML"):
        user_settings.load_settings(path)
    good = tmp_path / "good.toml"
    user_settings.save_settings(Settings(PROFILE), good)
    before = good.read_bytes()
    for bad in ({"email": "inte en adress"}, {"name": "Anna\nBcc: x@y.se"}):
        with pytest.raises(user_settings.SettingsError):
            user_settings.update_settings(path=good, **bad)
    assert good.read_bytes() == before


def test_default_files_folder_is_documents_remisstui(monkeypatch, tmp_path):
    import platformdirs

    monkeypatch.setenv("REMISSTUI_CONFIG", str(tmp_path / "none.toml"))
    assert user_settings.files_folder() == platformdirs.user_documents_path() / "remisstui"


def test_profile_gives_from_and_signature():
    rec = Recipient("Idrottsnämnden", OrgKind.facknamnd, contact=Contact(email="reg@idrott.example"))
    parsed, body = _body(build_reminder(_remiss(), rec, None, today=date(2024, 5, 13), profile=PROFILE))
    [sender] = parsed["From"].addresses
    assert (sender.display_name, sender.addr_spec) == ("Anna Andersson", "anna.andersson@stockholm.se")
    assert parsed["Message-ID"].endswith("@stockholm.se>")
    assert body.endswith(
        "Med vänliga hälsningar\nAnna Andersson\nRegistrator\nStadsledningskontoret\n"
        "Telefon 08-508 000 00\nanna.andersson@stockholm.se\nKommunstyrelsen\nStockholms stad\n"
    )  # the city is named (issue 24.6)
    assert "root" not in body
    # --from still wins over the profile
    parsed, _ = _body(build_reminder(_remiss(), rec, None, today=date(2024, 5, 13), profile=PROFILE,
                                     from_addr="diarium@stockholm.se"))
    assert parsed["From"].addresses[0].addr_spec == "diarium@stockholm.se"


def test_without_profile_no_from_and_no_login_name():
    rec = Recipient("Idrottsnämnden", OrgKind.facknamnd)
    parsed, body = _body(build_reminder(_remiss(), rec, None, today=date(2024, 5, 13)))
    assert "From" not in parsed
    assert body.endswith("Med vänliga hälsningar\nKommunstyrelsen\nStockholms stad\n")


@pytest.mark.parametrize(
    ("extension", "today", "expected", "offers"),
    [
        # late, no anstånd: asked to send, offered an anstånd
        (None, date(2024, 5, 13),
         "Svaret skulle ha varit inne senast måndag 29 april 2024, och vi har ännu inte fått det. "
         "Skicka det så snart ni kan.", True),
        # late after an anstånd granted to a Saturday: the Monday in force, no "flyttad", no new offer
        (date(2024, 6, 1), date(2024, 6, 10),
         "Ni fick anstånd med svaret till måndag 3 juni 2024, men vi har ännu inte fått det. "
         "Skicka det så snart ni kan, eller hör av er och berätta när det kan komma.", False),
        # due soon with an anstånd
        (date(2024, 6, 14), date(2024, 6, 10),
         "Enligt anståndet ni har fått ska svaret vara inne senast fredag 14 juni 2024, alltså om 4 dagar.", False),
        # due soon without one
        (None, date(2024, 4, 24), "Svaret ska vara inne senast måndag 29 april 2024, alltså om 5 dagar.", True),
    ],
)
def test_one_plain_paragraph_per_case(extension, today, expected, offers):
    rec = Recipient("Idrottsnämnden", OrgKind.facknamnd,
                    extensions=[Extension(new_deadline=extension)] if extension else [])
    _parsed, body = _body(build_reminder(_remiss(), rec, None, today=today, profile=PROFILE))
    paragraphs = body.split("\n\n")
    [case] = [p for p in paragraphs if p.startswith(("Svaret", "Ni fick", "Enligt"))]
    assert case.startswith(expected)
    assert ("komma överens om anstånd" in body) is offers
    assert "Ni har fått anstånd" not in body and "flyttad" not in body.casefold()
    assert "närmaste vardag" not in body


def test_service_signs_with_the_profile_and_writes_to_the_files_folder(tmp_path):
    st = Store(tmp_path / "data", user="registrator")
    services.ensure_seeded(st)
    user_settings.update_settings(**{k: getattr(PROFILE, k) for k in ("name", "title", "unit", "email", "phone")})
    report = reminding.write_reminders(st, DNR, today=date(2024, 5, 13))
    assert report.signed and report.folder == user_settings.files_folder() / "paminnelser-KS-2024-112"
    parsed = email.message_from_bytes(report.drafts[0].path.read_bytes(), policy=policy.default)
    assert parsed["From"].addresses[0].addr_spec == PROFILE.email


def test_cli_config_shows_and_sets(capsys, tmp_path):
    assert cli.main(["config"]) == 0
    out = capsys.readouterr().out
    assert "Namn:" in out and "Ingen profil ännu" in out and "Filmapp:" in out
    folder = tmp_path / "exporter"
    assert cli.main(["config", "--name", "Anna Andersson", "--email", "anna.andersson@stockholm.se",
                     "--folder", str(folder)]) == 0
    capsys.readouterr()
    assert cli.main(["config", "--json"]) == 0
    view = json.loads(capsys.readouterr().out)
    assert view["profile"]["name"] == "Anna Andersson" and view["folder"] == str(folder)
    assert cli.main(["config", "--email", "fel"]) == 1
    assert "inte giltig" in capsys.readouterr().err


def test_exports_without_a_path_go_to_the_files_folder_and_the_tui_remembers(tmp_path):
    st = Store(tmp_path / "data", user="registrator")
    services.ensure_seeded(st)
    path = exports.export_summary(st, DNR, "md", today=date(2024, 5, 20))
    assert path == user_settings.files_folder() / "KS-2024-112-remissammanstallning.md" and path.is_file()
    elsewhere = tmp_path / "annan" / "x.md"
    elsewhere.parent.mkdir()
    exports.remember_folder(exports.write_bytes(elsewhere, b"x"))
    assert user_settings.files_folder() == elsewhere.parent
    assert exports.resolve_target("y.docx") == elsewhere.parent / "y.docx"
