"""Issue 24.8, the smaller items: n lands on the recipient filter, F1 in forms, Home in tables, the
status picker's start, one count between the header and the table."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import OptionList

from remisstui import services
from remisstui.domain.model import Remiss, Status
from remisstui.tui.app import make_app
from remisstui.tui.screens.dialogs import ChooseStatusScreen
from remisstui.tui.screens.edit_remiss import EditRemissScreen
from remisstui.tui.screens.help import HelpScreen
from remisstui.tui.screens.overview import OverviewScreen

DNR = "KS 2024/112"
TODAY = date(2024, 4, 22)


@pytest.fixture
def store(tmp_path):
    st = services.open_store(tmp_path / "data")
    st.user = "registrator"
    services.ensure_seeded(st)
    return st


async def test_n_on_the_remiss_screen_lands_on_the_recipient_filter(store):
    app = make_app(store, today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_remiss(DNR)
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, EditRemissScreen)
        assert app.focused.id == "org-filter"


async def test_f1_in_a_form_shows_its_help(store):
    app = make_app(store, today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-keys").render())
        assert "Klistra in en lista med mottagare" in text and "Spara" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is form


async def test_home_moves_the_overview_cursor_to_the_first_row(store):
    for n in (1, 2):
        services.create_remiss(store, Remiss(dnr=f"KS 2024/20{n}", title=f"Remiss {n}",
                                             sent_on=TODAY, deadline=date(2024, 6, n)))
    app = make_app(store, today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        table = app.screen.query_one("KeyedTable")
        assert table.row_count == 3
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("home")
        assert table.cursor_row == 0


async def test_status_picker_starts_at_the_current_status(store):
    name = store.load(DNR).recipients[0].organisation
    services.set_status(store, DNR, [name], Status.registered)
    app = make_app(store, today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_remiss(DNR, name)
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, ChooseStatusScreen)
        options = app.screen.query_one("#status-list", OptionList)
        assert options.highlighted_option.id == Status.registered.value


def test_mostly_empty_optional_columns_go_before_a_name_is_cut():
    from remisstui.tui.widgets.columns import Column, fit

    cols = [Column("name", "Organisation", shrink=20), Column("status", "Status"),
            Column("stance", "Ställningstagande", drop=1), Column("dnr", "Eget dnr", drop=2)]
    widths = {"name": 36, "status": 11, "stance": 22, "dnr": 12}
    # Filled columns: the name is shortened first (as before).
    assert fit(cols, widths, 80)[0][1] is not None
    # Mostly empty ones are left out instead, and the name stays whole.
    fitted = fit(cols, widths, 80, sparse={"stance", "dnr"})
    assert [(c.key, limit) for c, limit in fitted] == [("name", None), ("status", None), ("stance", None)]
    fitted = fit(cols, widths, 70, sparse={"stance", "dnr"})
    assert [(c.key, limit) for c, limit in fitted] == [("name", None), ("status", None)]


async def test_names_stay_whole_at_120_before_and_after_a_filter(store):
    app = make_app(store, today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_remiss(DNR)
        await pilot.pause()
        screen = app.screen
        table = screen.table

        def names() -> list[str]:
            i = table.column_keys.index("organisation")
            return [table.cells_of(k)[i].plain for k in table.row_keys]

        assert not [n for n in names() if n.endswith("…")]
        await pilot.press("slash", *"söder")
        await pilot.pause()
        assert names() == ["Södermalms stadsdelsnämnd"]
        await pilot.press(*["backspace"] * 5, "enter")
        await pilot.pause()
        assert len(names()) == 15 and not [n for n in names() if n.endswith("…")]
        widths = {c.key.value: c.get_render_width(table) for c in table.columns.values()}
        assert widths["organisation"] >= max(len(n) for n in names())


async def test_the_answer_forms_summary_wraps_at_80_columns(store):
    from textual.widgets import TextArea

    app = make_app(store, today=TODAY, watch_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_remiss(DNR, "Södermalms stadsdelsnämnd")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        area = app.screen.query_one("#summary", TextArea)
        assert area.size.height >= 4  # the app's overview #summary rule made it one line
        assert area.wrapped_document.height > 1
        assert area.wrap_width <= area.size.width
