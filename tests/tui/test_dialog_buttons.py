"""Every dialog's Avbryt button closes it, and none is wired twice (one base, screens/base.Dialog)."""

from __future__ import annotations

import pytest

from tour import SCREENS, go, tour_app

WITH_CANCEL = [s for s in SCREENS if s.screen in (
    "ExportScreen", "CreateRemindersScreen", "SettingsScreen", "EditOrganisationScreen", "RegisterFromFileScreen")]


@pytest.mark.parametrize("stop", WITH_CANCEL, ids=lambda s: s.name)
async def test_avbryt_closes_the_dialog(data_dir, stop):
    app = tour_app(data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await go(pilot, stop)
        before = len(app.screen_stack)
        button = screen.query_one("#cancel")
        button.focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not screen and len(app.screen_stack) == before - 1
        assert app.unexpected_errors == []
