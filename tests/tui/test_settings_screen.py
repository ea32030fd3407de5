"""The "Inställningar" screen, opened from the command palette: the profile and the files folder."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Static

from remisstui import services
from remisstui.domain.settings import RegistratorProfile
from remisstui.services import settings as user_settings
from remisstui.tui.app import make_app
from remisstui.tui.screens.settings import SettingsScreen

from helpers import HOSTILE, wait_until

SIZE = (120, 40)


async def _open_from_palette(pilot, app):
    await pilot.pause()
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"inställningar")
    def found() -> bool:
        lists = app.screen.query("CommandList")
        return bool(lists and lists.first().option_count
                    and "Inställningar" in str(lists.first().get_option_at_index(0).prompt))

    await wait_until(pilot, found, "the command found")
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, SettingsScreen)
    return app.screen


async def test_palette_opens_settings_and_saves_the_profile(data_dir, tmp_path):
    store = services.open_store(data_dir)
    app = make_app(store, today=date(2024, 5, 13), watch_interval=0)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await _open_from_palette(pilot, app)
        values = {"name": HOSTILE[0], "title": "Registrator", "unit": HOSTILE[1],
                  "email": "anna.andersson@stockholm.se", "phone": "08-508 000 00"}
        for key, value in values.items():
            screen.query_one(f"#profile-{key}", Input).value = value
        screen.query_one("#files-folder", Input).value = str(tmp_path / "filer")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, SettingsScreen)
    saved = user_settings.load_settings()
    assert saved.profile == RegistratorProfile(**values)
    assert user_settings.files_folder(saved) == tmp_path / "filer"


async def test_a_bad_address_stays_in_the_dialog_and_nothing_is_saved(data_dir):
    before = user_settings.config_path().read_bytes()
    store = services.open_store(data_dir)
    app = make_app(store, today=date(2024, 5, 13), watch_interval=0)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await _open_from_palette(pilot, app)
        screen.query_one("#profile-email", Input).value = "inte en adress"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert "inte giltig" in str(screen.query_one("#form-error", Static).render())
    assert user_settings.config_path().read_bytes() == before
