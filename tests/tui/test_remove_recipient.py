"""Issue 24.3: a recipient added by mistake is removed (with undo), others are withdrawn; Delete acts
only on the focused "Valda mottagare" list; the remiss screen counts withdrawn recipients apart."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual.widgets import Input, OptionList

from remisstui import services
from remisstui.domain.model import Status
from remisstui.services import ServiceError
from remisstui.tui.app import make_app
from remisstui.tui.screens.dialogs import ConfirmScreen
from remisstui.tui.screens.edit_remiss import EditRemissScreen
from helpers import Host

DNR = "KS 2024/112"
TODAY = date(2024, 4, 22)


@pytest.fixture
def store(tmp_path):
    st = services.open_store(tmp_path / "data")
    st.user = "registrator"
    services.ensure_seeded(st)
    return st


def test_a_recipient_added_today_is_removed_and_undo_brings_it_back(store):
    today = services.today()
    services.add_recipients(store, DNR, ["Boverket"], store.load_register())
    before = len(store.load(DNR).recipients)
    services.remove_recipients(store, DNR, ["Boverket"], today=today)
    assert store.load(DNR).recipient("Boverket") is None
    assert len(store.load(DNR).recipients) == before - 1
    services.undo_last(store, DNR)
    assert store.load(DNR).recipient("Boverket") is not None


def test_a_recipient_sent_before_today_is_withdrawn_not_removed(store):
    name = store.load(DNR).recipients[0].organisation
    with pytest.raises(ServiceError):
        services.remove_recipients(store, DNR, [name], today=services.today() + timedelta(days=1))
    assert store.load(DNR).recipient(name) is not None


async def test_delete_acts_only_when_the_chosen_list_has_focus(store):
    app = Host(lambda: EditRemissScreen(store, DNR, today=TODAY))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        chosen = screen.query_one("#chosen", OptionList)
        chosen.highlighted = 0
        screen.query_one("#add-external").focus()  # another button
        await pilot.press("delete")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        chosen.focus()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)  # asks to withdraw the highlighted one


async def test_removing_in_the_form_a_recipient_added_today(store):
    services.add_recipients(store, DNR, ["Boverket"], store.load_register())
    app = make_app(store, watch_interval=0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        app.push_screen(EditRemissScreen(store, DNR))
        await pilot.pause()
        screen = app.screen
        chosen = screen.query_one("#chosen", OptionList)
        chosen.highlighted = screen._chosen_rows.index("Boverket")
        chosen.focus()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question.startswith("Ta bort Boverket")
        await pilot.press("y")
        await pilot.pause()
        assert store.load(DNR).recipient("Boverket") is None
        assert "Boverket" not in screen._chosen_rows


async def test_remiss_screen_counts_withdrawn_apart_like_the_header(store):
    name = store.load(DNR).recipients[0].organisation
    services.withdraw(store, DNR, [name])
    active = sum(1 for r in store.load(DNR).recipients if r.status is not Status.withdrawn)
    app = make_app(store, today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_remiss(DNR)
        await pilot.pause()
        status = str(app.screen.query_one("#table-status").render())
        assert status.startswith(f"{active} mottagare (+ 1 återkallad)")
