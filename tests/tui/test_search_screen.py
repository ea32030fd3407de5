"""The search screen driven through Pilot: typing, the overdue toggle, the cap line, opening a hit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Checkbox, DataTable, Input, Static

from helpers import EXAMPLE_DNR, SODERMALM, wait_until
from remisstui import services
from remisstui.services import search
from remisstui.domain.model import Comment, Recipient, Remiss, Response, Stance, Status
from remisstui.tui.app import make_app
from remisstui.tui.screens.overview import OverviewScreen
from remisstui.tui.screens.remiss import RemissScreen
from remisstui.tui.screens.search import SearchScreen

SIZE = (120, 40)
LATE_DAY = date(2024, 5, 20)  # three weeks after the example's deadline (2024-04-29)
HOSTILE = "[@click=app.quit]q[/] Org [/foo] x a [ b"


def add_hostile_answer(folder: Path) -> None:
    store = services.open_store(folder)
    services.create_remiss(store, Remiss(
        dnr="KS 2024/999", title="Plan [bold]x", sent_on=date(2024, 3, 1), deadline=date(2024, 6, 28),
        recipients=[Recipient(organisation="Org [/foo] x", status=Status.answered, response=Response(
            received_on=date(2024, 4, 2), stance=Stance.comments_only,
            comments=[Comment(text=f"Rollfördelning {HOSTILE}")]))],
    ))


async def open_search(pilot, store, **kw) -> SearchScreen:
    screen = SearchScreen(store, **kw)
    await pilot.app.push_screen(screen)
    await wait_until(pilot, lambda: screen.index.ready, "the search index built")
    await pilot.pause()
    return screen


async def settle(pilot, screen: SearchScreen, cond) -> None:
    await wait_until(pilot, cond, "the search screen settled")


def status_line(screen: SearchScreen) -> str:
    return str(screen.query_one("#search-status", Static).content)


def table(screen: SearchScreen) -> DataTable:
    return screen.query_one("#search-results", DataTable)


async def test_type_and_see_hits_then_open_the_remiss(data_dir):
    store = services.open_store(data_dir)
    app = make_app(store, today=LATE_DAY, watch_interval=0)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_search(pilot, store)
        assert "Skriv för att söka" in status_line(screen)
        await pilot.press(*"södermalm")  # debounced: no Enter needed
        await settle(pilot, screen, lambda: screen.result is not None and screen.result.query == "södermalm")
        assert table(screen).row_count == 1
        assert status_line(screen) == "1 träff"
        row = [c.plain for c in table(screen).get_row_at(0)]
        assert row[0] == EXAMPLE_DNR and row[1] == SODERMALM
        await pilot.press("down")  # from the input into the results
        assert app.focused is table(screen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RemissScreen) and app.screen.dnr == EXAMPLE_DNR


async def test_overdue_toggle_lists_every_late_recipient(data_dir):
    store = services.open_store(data_dir)
    expected = search.overdue(store, LATE_DAY)
    assert expected.total > 10
    app = make_app(store, today=LATE_DAY, watch_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_search(pilot, store)
        await pilot.press("ctrl+o")
        await settle(pilot, screen, lambda: screen.result is not None and screen.result.overdue_only)
        assert screen.query_one("#search-overdue", Checkbox).value
        assert table(screen).row_count == expected.total
        assert status_line(screen) == f"{expected.total} försenade mottagare"
        due = table(screen).get_row_at(0)[4].plain
        assert due.startswith("2024-04-29") and "21 d sen" in due
        # with text too: only the late ones that match
        screen.query_one("#search-input", Input).value = "bromma"
        await pilot.press("enter")
        await settle(pilot, screen, lambda: screen.result.query == "bromma")
        assert [table(screen).get_row_at(i)[1].plain for i in range(table(screen).row_count)] == ["Bromma stadsdelsnämnd"]
        await pilot.press("ctrl+o")
        await settle(pilot, screen, lambda: not screen.result.overdue_only)
        assert table(screen).row_count == 1


async def test_cap_line_and_batches(data_dir):
    store = services.open_store(data_dir)
    app = make_app(store, today=LATE_DAY, watch_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_search(pilot, store)
        screen.limit = 5
        screen.query_one("#search-input", Input).value = "nämnd"
        await pilot.press("enter")
        await settle(pilot, screen, lambda: screen.result is not None and screen.result.query == "nämnd")
        total = screen.result.total
        assert total > 5 and table(screen).row_count == 5
        assert status_line(screen) == f"visar 5 av {total} — förfina filtret"
        screen.limit = 500
        screen.query_one("#search-input", Input).value = "nämnd "
        await pilot.press("enter")
        await settle(pilot, screen, lambda: table(screen).row_count == total)


async def test_hostile_text_is_shown_literally(data_dir):
    add_hostile_answer(data_dir)
    store = services.open_store(data_dir)
    app = make_app(store, today=LATE_DAY, watch_interval=0)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_search(pilot, store)
        await pilot.press(*"[@click=app.quit]q[/]", "enter")
        await settle(pilot, screen, lambda: screen.result is not None and screen.result.query == "[@click=app.quit]q[/]")
        cells = [c.plain for c in table(screen).get_row_at(0)]
        assert cells[5] == "Plan [bold]x" and cells[1] == "Org [/foo] x"
        assert "[@click=app.quit]q[/]" in cells[2]
        table(screen).focus()
        await pilot.click(DataTable, offset=(100, 1))
        await pilot.pause()
        assert app.is_running


async def test_escape_goes_back_and_nothing_is_written(data_dir):
    store = services.open_store(data_dir)
    before = store.change_stamp()
    app = make_app(store, today=LATE_DAY, watch_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_search(pilot, store, query="kultur")
        # the first answer may come before the texts are read; the screen searches again then
        await settle(pilot, screen, lambda: screen.result is not None and screen.result.query == "kultur"
                     and screen.result.complete and table(screen).row_count == 1)
        assert table(screen).row_count == 1
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
    assert services.open_store(data_dir).change_stamp() == before


async def test_a_hit_opens_its_remiss_on_its_own_recipient(data_dir):
    """Issue 12.5: `/`, "hagersten", Down, Enter lands on Hägersten-Älvsjö with its detail shown,
    also where the row is below the first screenful (80x24)."""
    from remisstui.tui.screens.overview import OverviewScreen

    hagersten = "Hägersten-Älvsjö stadsdelsnämnd"
    for size in ((120, 40), (80, 24)):
        store = services.open_store(data_dir)
        app = make_app(store, today=LATE_DAY, watch_interval=0)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, OverviewScreen)
            await pilot.press("slash")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, SearchScreen)
            await wait_until(pilot, lambda: screen.index.ready, "the search index built")
            await pilot.press(*"hagersten")
            await settle(pilot, screen, lambda: screen.result is not None and screen.result.query == "hagersten")
            await pilot.press("down", "enter")
            await pilot.pause()
            remiss = app.screen
            assert isinstance(remiss, RemissScreen) and remiss.dnr == EXAMPLE_DNR
            assert remiss.table.current_key == "org:" + hagersten
            assert str(remiss.query_one("#detail-text", Static).content).startswith(hagersten)
            assert remiss.query_one("#detail").region.height > 2
            row = remiss.table.cursor_row
            assert remiss.table.scroll_y <= row < remiss.table.scroll_y + remiss.table.size.height - 1
