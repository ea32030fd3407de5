"""Issue 24.2 in the TUI: "Klistra in sändlista" from Ny remiss, by a bracketed paste, a raw paste
burst, or a multi-line paste into the organisation filter."""

from __future__ import annotations

from datetime import date

import pytest
from textual import events
from textual.widgets import DataTable, TextArea

from helpers import SHARED
from remisstui import services
from remisstui.tui.app import make_app
from remisstui.tui.screens.edit_remiss import EditRemissScreen
from remisstui.tui.screens.dialogs import ConfirmScreen
from remisstui.tui.screens.paste_list import PasteListScreen

TODAY = date(2024, 4, 22)
SOU_109 = SHARED / "samples" / "regeringen-remiss-SOU-2015-109-remissinstanser.md"


@pytest.fixture
def store(tmp_path):
    st = services.open_store(tmp_path / "data")
    st.user = "registrator"
    services.ensure_seeded(st)
    return st


async def open_new_remiss(pilot):
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, EditRemissScreen)
    return pilot.app.screen


async def settle(pilot, screen):
    for _ in range(50):
        await pilot.pause()
        if not screen._redraw_pending:
            return


async def test_bracketed_paste_of_102_names_becomes_the_recipients(store):
    app = make_app(store, today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        form = await open_new_remiss(pilot)
        await pilot.press("ctrl+l")
        await pilot.pause()
        paste = app.screen
        assert isinstance(paste, PasteListScreen)
        app._driver.send_message(events.Paste(SOU_109.read_text()))
        await settle(pilot, paste)
        table = paste.query_one("#paste-result", DataTable)
        assert table.row_count == 102
        assert "102 rader" in str(paste.query_one("#paste-counts").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert len(form.chosen) == 102
        assert "Region Stockholm" in form.chosen and "Sveriges Kommuner och Regioner" in form.chosen
        assert "Stockholms läns landsting, Tillväxt, miljö och regionplanering" not in form.chosen
        assert app.unexpected_errors == []


async def test_unsure_lines_are_asked_about_and_chosen_with_space(store):
    app = make_app(store, today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        form = await open_new_remiss(pilot)
        await pilot.press("ctrl+l")
        await pilot.pause()
        paste = app.screen
        app._driver.send_message(events.Paste("1. Boverket\n2. Länsstyrelsen i Skåne\n3. Lika Unika\n"))
        await settle(pilot, paste)
        assert "1 väntar på ditt val" in str(paste.query_one("#paste-counts").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "1 osäkra rader har inget val" in app.screen.question
        await pilot.press("escape")  # back to the list to choose
        await pilot.pause()
        assert app.screen is paste
        await pilot.press("tab")
        assert isinstance(app.focused, DataTable)
        await pilot.press("down", "space")
        await pilot.pause()
        assert paste.choices == {"Länsstyrelsen i Skåne": "Länsstyrelsen i Skåne län"}
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert list(form.chosen) == ["Boverket", "Länsstyrelsen i Skåne län", "Lika Unika"]


async def test_raw_paste_burst_and_multiline_paste_into_the_filter(store):
    app = make_app(store, today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        form = await open_new_remiss(pilot)
        await pilot.press(*["tab"] * 7)
        assert app.focused.id == "org-filter"
        # A bracketed paste of several lines into the filter opens the paste screen with them.
        app._driver.send_message(events.Paste("Boverket\nRiksrevisionen\n"))
        await pilot.pause()
        await pilot.pause()
        paste = app.screen
        assert isinstance(paste, PasteListScreen)
        assert paste.query_one("#paste-text", TextArea).text == "Boverket\nRiksrevisionen\n"
        # A raw paste: the same keys a terminal without bracketed paste sends.
        for ch in "Trafikverket\nSkåne läns landsting\n":
            key = "enter" if ch == "\n" else ("space" if ch == " " else ch)
            event = events.Key(key, "\r" if ch == "\n" else ch)
            event.set_sender(app)
            app._driver.send_message(event)
        await settle(pilot, paste)
        assert [line.name for line in paste.lines] == [
            "Boverket", "Riksrevisionen", "Trafikverket", "Region Skåne"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert list(form.chosen) == ["Boverket", "Riksrevisionen", "Trafikverket", "Region Skåne"]
        assert app.unexpected_errors == []


async def test_from_the_remiss_screen_and_the_palette(store):
    app = make_app(store, today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        app.open_remiss("KS 2024/112")
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Klistra in en lista med mottagare" in titles
        await pilot.press("L")
        for _ in range(10):
            await pilot.pause()
            if isinstance(app.screen, PasteListScreen):
                break
        paste = app.screen
        assert isinstance(paste, PasteListScreen)
        app._driver.send_message(events.Paste("Boverket\nSödermalms stadsdelsnämnd\n"))
        await settle(pilot, paste)
        assert [line.verdict.value for line in paste.lines] == ["matched", "taken"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EditRemissScreen) and list(form.chosen) == ["Boverket"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.load("KS 2024/112").recipient("Boverket") is not None
