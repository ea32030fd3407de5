"""The app wired to the dialogs: edit Södermalm's answer, grant anstånd, create a remiss from a
sändlista. Each step is checked on disk and in the app's tables afterwards."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, OptionList, Select

from helpers import EXAMPLE_DNR, SODERMALM, TODAY
from remisstui import services
from remisstui.domain.model import Stance
from remisstui.tui.app import make_app
from remisstui.tui.screens.edit_recipient import EditRecipientScreen, ExtensionScreen
from remisstui.tui.screens.edit_remiss import EditRemissScreen
from remisstui.tui.screens.overview import OverviewScreen
from remisstui.tui.screens.remiss import RemissScreen


async def set_input(pilot, widget: Input, text: str) -> None:
    widget.focus()
    widget.value = ""
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause()


async def open_example(pilot) -> RemissScreen:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RemissScreen)
    return pilot.app.screen


async def test_edit_answer_and_grant_extension_through_the_app(data_dir):
    app = make_app(services.open_store(data_dir), today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_example(pilot)
        table = screen.table
        table.move_cursor(row=table.row_keys.index("org:" + SODERMALM))
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EditRecipientScreen)
        form.query_one("#stance", Select).value = Stance.supports
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert services.open_store(data_dir).load(EXAMPLE_DNR).recipient(SODERMALM).response.stance is Stance.supports
        assert table.current_key == "org:" + SODERMALM
        assert table.get_row("org:" + SODERMALM)[6].plain == "tillstyrker"
        # anstånd for two marked recipients
        for org in ("Farsta stadsdelsnämnd", "Bromma stadsdelsnämnd"):
            table.move_cursor(row=table.row_keys.index("org:" + org))
            await pilot.press("space")
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ExtensionScreen)
        await pilot.press(*"20 maj 2024")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        remiss = services.open_store(data_dir).load(EXAMPLE_DNR)
        for org in ("Farsta stadsdelsnämnd", "Bromma stadsdelsnämnd"):
            assert remiss.recipient(org).extensions[-1].new_deadline == date(2024, 5, 20)
            assert table.get_row("org:" + org)[4].plain == "2024-05-20 *"
        assert not remiss.recipient("Järva stadsdelsnämnd").extensions
        assert "2 med anstånd" in str(screen.query_one("#remiss-meta").content)
        # undo takes the anstånd back (one change for both)
        await pilot.press("u", "y")  # undo asks first
        await pilot.pause()
        remiss = services.open_store(data_dir).load(EXAMPLE_DNR)
        assert not remiss.recipient("Farsta stadsdelsnämnd").extensions
        assert not remiss.recipient("Bromma stadsdelsnämnd").extensions


async def test_new_remiss_from_sandlista_opens_it(data_dir):
    app = make_app(services.open_store(data_dir), today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EditRemissScreen)
        await set_input(pilot, form.query_one("#dnr", Input), "KS 2024/300")
        await set_input(pilot, form.query_one("#title", Input), "Ny [trafik]strategi")
        await set_input(pilot, form.query_one("#deadline").input, "30 maj 2024")
        lists = form.query_one("#lists", OptionList)
        lists.focus()
        lists.highlighted = [
            i for i in range(lists.option_count)
            if lists.get_option_at_index(i).prompt.plain.startswith("Samtliga stadsdelsnämnder")
        ][0]
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RemissScreen) and screen.dnr == "KS 2024/300"
        assert screen.table.row_count == 11
        assert "Ny [trafik]strategi" in str(screen.query_one("#remiss-title").content)
        remiss = services.open_store(data_dir).load("KS 2024/300")
        assert len(remiss.recipients) == 11 and remiss.deadline == date(2024, 5, 30)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert app.screen.table.row_keys == [EXAMPLE_DNR, "KS 2024/300"]
        assert str(app.screen.query_one("#summary").content).startswith("2 remisser ute · 26 mottagare")
