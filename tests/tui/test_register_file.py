"""RegisterFromFileScreen: read a document in a worker, show values, correct them, save."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, Select, Static

from remisstui import services
from remisstui.domain.model import Stance, Status
from remisstui.services.answers import DOCUMENT_SUFFIXES
from remisstui.tui.screens.register_file import RegisterFromFileScreen
from remisstui.tui.widgets.path_input import PathSuggester
from helpers import Host, SEED, UNSET, wait_until

DNR = "KS 2024/112"
SOD = "Södermalms stadsdelsnämnd"
TODAY = date(2024, 4, 30)
FIX = Path(__file__).parent.parent / "fixtures" / "documents"




@pytest.fixture
def store(tmp_path):
    st = services.open_store(tmp_path / "data")
    services.ensure_seeded(st)
    return st


async def _wait_read(pilot, screen) -> None:
    await wait_until(pilot, lambda: not str(screen.query_one("#rf-status", Static).content).startswith("Läser"),
                     "the file read")


async def test_reads_protokoll_and_saves_corrected_values(store, tmp_path):
    path = FIX / "farsta_protokollsutdrag.txt"
    app = Host(lambda: RegisterFromFileScreen(store, DNR, today=TODAY))
    async with app.run_test(size=(120, 50)) as pilot:
        screen = app.screen
        screen.query_one("#rf-path", Input).value = str(path)
        await pilot.press("enter")
        await _wait_read(pilot, screen)
        assert screen.query_one("#rf-recipient", Select).value == "Farsta stadsdelsnämnd"
        assert screen.query_one("#rf-own_dnr", Input).value == "FAR 2024/88"
        assert screen.query_one("#rf-meeting_date", Input).value == "2024-04-18"
        assert screen.query_one("#rf-stance", Select).value == Stance.supports.value
        # The user corrects the dnr before saving.
        screen.query_one("#rf-own_dnr", Input).value = "FAR 2024/89"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result is True
    rec = services.open_store(store.folder).load(DNR).recipient("Farsta stadsdelsnämnd")
    assert rec.status is Status.answered
    assert rec.own_dnr == "FAR 2024/89"
    assert rec.response.stance is Stance.supports
    assert rec.response.meeting_date == date(2024, 4, 18)
    assert rec.response.immediate_adjustment
    assert [d.parties for d in rec.response.dissents][0] == ["M", "KD"]
    _remiss, events = services.open_store(store.folder).load_with_events(DNR)
    assert "farsta_protokollsutdrag.txt" in events[-1].what


async def test_unmatched_organisation_needs_a_recipient(store):
    path = FIX / "region_uppsala_avstyrker.txt"
    app = Host(lambda: RegisterFromFileScreen(store, DNR, today=TODAY, path=str(path)))
    async with app.run_test(size=(120, 50)) as pilot:
        screen = app.screen
        await _wait_read(pilot, screen)
        assert screen.query_one("#rf-recipient", Select).is_blank()
        assert "matchar ingen mottagare" in str(screen.query_one("#rf-status", Static).content)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Välj vilken mottagare" in str(screen.query_one("#rf-status", Static).content)
        screen.query_one("#rf-recipient", Select).value = "Kulturnämnden"
        await pilot.pause()
        assert "Kulturnämnden (vald av dig)" in str(screen.query_one("#rf-status", Static).content)
        # The letter answers another remiss (Er beteckning S2025/01234): saving asks first.
        assert "S2025/01234" in str(screen.query_one("#rf-warnings", Static).content)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.result is UNSET
        await pilot.press("y")
        await pilot.pause()
    assert app.result is True
    rec = services.open_store(store.folder).load(DNR).recipient("Kulturnämnden")
    assert rec.response.stance is Stance.opposes


async def test_bad_file_shows_error_in_place(store, tmp_path):
    bad = tmp_path / "[bold]x [@click=app.quit]q[-] a [ b.pdf"
    bad.write_bytes(b"not a pdf at all")
    app = Host(lambda: RegisterFromFileScreen(store, DNR, today=TODAY))
    async with app.run_test(size=(120, 50), notifications=True) as pilot:
        screen = app.screen
        screen.query_one("#rf-path", Input).value = str(bad)
        await pilot.press("enter")
        await _wait_read(pilot, screen)
        status = screen.query_one("#rf-status", Static)
        assert "PDF" in str(status.content)
        assert status.has_class("error")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is False
    assert services.open_store(store.folder).load(DNR).recipient("Farsta stadsdelsnämnd").status is Status.sent


async def test_invalid_date_is_refused(store):
    app = Host(lambda: RegisterFromFileScreen(store, DNR, "Kulturnämnden", today=TODAY,
                                              path=str(FIX / "kulturforvaltningen_inget_att_erinra.txt")))
    async with app.run_test(size=(120, 50)) as pilot:
        screen = app.screen
        await _wait_read(pilot, screen)
        assert screen.query_one("#rf-recipient", Select).value == "Kulturnämnden"
        screen.query_one("#rf-document_date", Input).value = "31 februari 2024"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Dokumentdatum" in str(screen.query_one("#rf-status", Static).content)
        assert app.result is UNSET


async def test_path_suggester(tmp_path):
    (tmp_path / "svar-farsta.pdf").write_bytes(b"%PDF")
    (tmp_path / "svar-mapp").mkdir()
    (tmp_path / "annat.xlsx").write_bytes(b"x")
    sug = PathSuggester(DOCUMENT_SUFFIXES)
    assert await sug.get_suggestion(str(tmp_path / "svar-f")) == str(tmp_path / "svar-farsta.pdf")
    assert await sug.get_suggestion(str(tmp_path / "svar-m")) == str(tmp_path / "svar-mapp") + "/"
    assert await sug.get_suggestion(str(tmp_path / "ann")) is None
    assert await sug.get_suggestion(str(tmp_path / "saknas" / "x")) is None


async def test_tab_completes_the_path(store, tmp_path):
    """Issue 12.10: the placeholder says "Tab fyller i"; Tab must complete, as Right did."""
    (tmp_path / "svar-farsta.pdf").write_bytes(b"%PDF")
    app = Host(lambda: RegisterFromFileScreen(store, DNR, None, today=TODAY))
    async with app.run_test(size=(120, 40)) as pilot:
        field = app.screen.query_one("#rf-path", Input)
        assert app.focused is field
        await pilot.press(*str(tmp_path / "svar-f"))
        await wait_until(pilot, lambda: field._suggestion and field._suggestion != field.value, "a suggestion")
        await pilot.press("tab")
        assert field.value == str(tmp_path / "svar-farsta.pdf")
        assert app.focused is field


# --- registering over an existing answer (issue 20 item 7) ---------------------------------------

FARSTA_FIRST = """Farsta stadsdelsförvaltning
Tjänsteutlåtande
Dnr FAR 2024/300
2024-04-10

Svar på remiss om Kommunikationsprogram för Stockholms stad, KS 2024/112

Förvaltningens synpunkter
Förvaltningen ställer sig positiv till programmet.

Förvaltningen anser att rollfördelningen mellan förvaltningarna behöver förtydligas.
"""
FARSTA_MORE = FARSTA_FIRST.replace("Tjänsteutlåtande", "Komplettering").replace(
    "Förvaltningen ställer sig positiv till programmet.\n\nFörvaltningen anser att rollfördelningen mellan "
    "förvaltningarna behöver förtydligas.",
    "Förvaltningen vill därutöver framhålla behovet av klarspråk i all extern kommunikation.")


async def _read(pilot, screen, path) -> None:
    screen.query_one("#rf-path", Input).value = str(path)
    await pilot.press("enter")
    await _wait_read(pilot, screen)


async def _wait_for(pilot, cond) -> None:
    await wait_until(pilot, cond)


def _farsta_answered(store, tmp_path):
    from remisstui.services import answers as reg

    path = tmp_path / "farsta.txt"
    path.write_text(FARSTA_FIRST, encoding="utf-8")
    plan = reg.plan_file(store, DNR, path, organisation="Farsta stadsdelsnämnd", received_on=date(2024, 4, 12),
                         today=TODAY)
    reg.commit_plan(store, plan)
    rec = services.open_store(store.folder).load(DNR).recipient("Farsta stadsdelsnämnd")
    rec.response.comments[1].theme = "rollfördelning"
    services.save_recipient(store, DNR, rec, base_revision=rec.revision, what="tema")


async def test_reading_the_same_answer_again_asks_and_keeps_themes_and_date(store, tmp_path):
    from remisstui.tui.screens.dialogs import ConfirmScreen

    _farsta_answered(store, tmp_path)
    app = Host(lambda: RegisterFromFileScreen(store, DNR, today=TODAY))
    async with app.run_test(size=(120, 50)) as pilot:
        screen = app.screen
        await _read(pilot, screen, tmp_path / "farsta.txt")
        assert screen.query_one("#rf-recipient", Select).value == "Farsta stadsdelsnämnd"
        assert not screen.query_one("#rf-mode-row").has_class("hidden")
        assert screen.query_one("#rf-mode", Select).value == "replace"
        # The received date stays the registered one, not today.
        assert screen.query_one("#rf-received_on", Input).value == "2024-04-12"
        await pilot.press("ctrl+s")
        await _wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert isinstance(app.screen, ConfirmScreen)
        assert "ersätter" in app.screen.question and "Ingenting går förlorat" in app.screen.question
        await pilot.press("escape")  # no: nothing saved, the dialog stays
        await _wait_for(pilot, lambda: app.screen is screen)
        assert app.result is UNSET
        await pilot.press("ctrl+s")
        await _wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await _wait_for(pilot, lambda: app.result is not UNSET)
    assert app.result is True
    r = services.open_store(store.folder).load(DNR).recipient("Farsta stadsdelsnämnd").response
    assert r.received_on == date(2024, 4, 12)
    assert [c.theme for c in r.comments] == ["", "rollfördelning"]


async def test_a_komplettering_is_added_and_replacing_names_the_losses(store, tmp_path):
    from remisstui.tui.screens.dialogs import ConfirmScreen

    _farsta_answered(store, tmp_path)
    more = tmp_path / "farsta-komplettering.txt"
    more.write_text(FARSTA_MORE, encoding="utf-8")
    app = Host(lambda: RegisterFromFileScreen(store, DNR, today=TODAY))
    async with app.run_test(size=(120, 50)) as pilot:
        screen = app.screen
        await _read(pilot, screen, more)
        assert screen.query_one("#rf-mode", Select).value == "add"
        assert "läggs till" in str(screen.query_one("#rf-lost", Static).content)
        # Choosing to replace shows what would be lost.
        screen.query_one("#rf-mode", Select).value = "replace"
        await _wait_for(pilot, lambda: "Går förlorat" in str(screen.query_one("#rf-lost", Static).content))
        assert "2 av 2 synpunkter (varav 1 med tema)" in str(screen.query_one("#rf-lost", Static).content)
        screen.query_one("#rf-mode", Select).value = "add"
        await _wait_for(pilot, lambda: "läggs till" in str(screen.query_one("#rf-lost", Static).content))
        await pilot.press("ctrl+s")
        await _wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "läggs till" in app.screen.question
        await pilot.press("y")
        await _wait_for(pilot, lambda: app.result is not UNSET)
    assert app.result is True
    r = services.open_store(store.folder).load(DNR).recipient("Farsta stadsdelsnämnd").response
    assert len(r.comments) == 3 and r.comments[1].theme == "rollfördelning"
    assert [a.file for a in r.attachments if a.file] == ["farsta.txt", "farsta-komplettering.txt"]
    assert r.received_on == date(2024, 4, 12)


async def test_a_document_dated_before_the_remiss_is_asked_about(store, tmp_path):
    from remisstui.tui.screens.dialogs import ConfirmScreen

    early = tmp_path / "farsta-gammal.txt"
    early.write_text(FARSTA_FIRST.replace("2024-04-10", "2023-11-02"), encoding="utf-8")
    app = Host(lambda: RegisterFromFileScreen(store, DNR, today=TODAY, path=str(early)))
    async with app.run_test(size=(120, 50)) as pilot:
        screen = app.screen
        await _wait_read(pilot, screen)
        assert "före remissen" in str(screen.query_one("#rf-warnings", Static).content)
        await pilot.press("ctrl+s")
        await _wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "före remissen" in app.screen.question
        await pilot.press("n")
        await _wait_for(pilot, lambda: app.screen is screen)
    assert app.result is UNSET
    assert services.open_store(store.folder).load(DNR).recipient("Farsta stadsdelsnämnd").response is None


async def test_an_e_mail_proposes_its_date_as_received(store, tmp_path):
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"] = "farsta@example.se"
    msg["To"] = "registrator@example.se"
    msg["Subject"] = "Remissvar KS 2024/112"
    msg["Date"] = "Fri, 26 Apr 2024 09:15:00 +0200"
    msg.set_content(FARSTA_FIRST)
    path = tmp_path / "svar.eml"
    path.write_bytes(bytes(msg))
    app = Host(lambda: RegisterFromFileScreen(store, DNR, today=TODAY, path=str(path)))
    async with app.run_test(size=(120, 50)) as pilot:
        screen = app.screen
        await _wait_read(pilot, screen)
        assert screen.query_one("#rf-received_on", Input).value == "2024-04-26"


async def test_reading_the_first_document_again_keeps_the_komplettering(store, tmp_path):
    from remisstui.services import answers as reg
    from remisstui.tui.screens.dialogs import ConfirmScreen

    _farsta_answered(store, tmp_path)
    more = tmp_path / "farsta-komplettering.txt"
    more.write_text(FARSTA_MORE, encoding="utf-8")
    reg.commit_plan(store, reg.plan_file(store, DNR, more, organisation="Farsta stadsdelsnämnd", today=TODAY))
    rec = services.open_store(store.folder).load(DNR).recipient("Farsta stadsdelsnämnd")
    rec.response.comments[2].theme = "klarspråk"
    services.save_recipient(store, DNR, rec, base_revision=rec.revision, what="tema")
    (tmp_path / "farsta.txt").write_text(FARSTA_FIRST.replace(
        "behöver förtydligas.", "behöver förtydligas.\n\nFörvaltningen efterlyser en tidplan."), encoding="utf-8")
    app = Host(lambda: RegisterFromFileScreen(store, DNR, today=TODAY))
    async with app.run_test(size=(120, 50)) as pilot:
        screen = app.screen
        await _read(pilot, screen, tmp_path / "farsta.txt")
        assert screen.query_one("#rf-mode", Select).value == "replace"
        lost = str(screen.query_one("#rf-lost", Static).content)
        assert "bara dess delar" in lost and "Ingenting går förlorat" in lost
        await pilot.press("ctrl+s")
        await _wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "sina egna delar" in app.screen.question
        await pilot.press("y")
        await _wait_for(pilot, lambda: app.result is not UNSET)
    assert app.result is True
    r = services.open_store(store.folder).load(DNR).recipient("Farsta stadsdelsnämnd").response
    assert [c.source for c in r.comments] == ["farsta.txt"] * 3 + ["farsta-komplettering.txt"]
    assert [c.theme for c in r.comments] == ["", "rollfördelning", "", "klarspråk"]
    assert [a.file for a in r.attachments if a.file] == ["farsta.txt", "farsta-komplettering.txt"]
