"""The recipient picker of Ny remiss / Lägg till mottagare offers Sweden's bundled public bodies beside
the register, once the user filters (pilot tests on a fresh data folder)."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, SelectionList

from remisstui import services
from remisstui.domain.model import OrgKind
from remisstui.tui.screens.edit_remiss import EditRemissScreen
from helpers import Host

TODAY = date(2024, 4, 22)


@pytest.fixture
def store(tmp_path):
    st = services.open_store(tmp_path)
    st.user = "registrator"
    services.ensure_seeded(st)
    return st


def _offered(screen) -> list[str]:
    orgs = screen.query_one("#orgs", SelectionList)
    return [orgs.get_option_at_index(i).value for i in range(orgs.option_count)]


async def _filter(pilot, screen, text: str) -> None:
    field = screen.query_one("#org-filter", Input)
    field.focus()
    field.value = text
    await pilot.pause()


async def test_bundled_bodies_are_offered_once_the_user_filters(store):
    register = store.load_register()
    app = Host(lambda: EditRemissScreen(store, None, today=TODAY))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        # Unfiltered: the register alone, as before.
        assert _offered(screen) == [o.name for o in register.active(TODAY)]
        await _filter(pilot, screen, "region gävle")
        assert _offered(screen) == ["Region Gävleborg"]
        await pilot.press("enter")  # to the list
        await pilot.press("space")
        await pilot.pause()
        assert screen.chosen == {"Region Gävleborg": OrgKind.extern}
        await _filter(pilot, screen, "MSB")
        assert "Myndigheten för samhällsskydd och beredskap" in _offered(screen)


async def test_register_entries_come_first_and_are_not_repeated(store):
    register = store.load_register()
    some = register.active(TODAY)[0].name
    app = Host(lambda: EditRemissScreen(store, None, today=TODAY))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await _filter(pilot, screen, "nämnd")
        offered = _offered(screen)
        from_register = [o.name for o in register.active(TODAY) if "nämnd" in o.name.casefold()]
        assert offered[: len(from_register)] == from_register
        assert len(offered) == len(set(offered))
        assert some not in offered[len(from_register):]
        assert len(offered) > len(from_register)  # bundled nämnder (Konstnärsnämnden, ...) follow
