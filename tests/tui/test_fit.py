"""No value is cut at a table's edge: a dnr or a date is never shortened, names give way and
optional columns are left out; the footer keeps `^p Kommandon` (issue 12.8)."""

from __future__ import annotations

from datetime import date

import pytest
from rich.text import Text
from textual.widgets import DataTable
from textual.widgets._footer import FooterKey

from helpers import EXAMPLE_DNR, SODERMALM, TODAY, wait_until
from remisstui import services
from remisstui.domain.model import Extension, Response, Stance, Status
from remisstui.tui.app import make_app
from remisstui.tui.widgets.columns import Column, fit, shorten

LONG_OWN_DNR = "3.1-478/2024-KF"


def example(folder):
    store = services.open_store(folder)
    services.grant_extension(store, EXAMPLE_DNR, ["Enskede-Årsta-Vantörs stadsdelsnämnd"],
                             Extension(new_deadline=date(2027, 1, 15), granted_on=TODAY, reason="x"))
    remiss = store.load(EXAMPLE_DNR)
    rec = remiss.recipient("Hässelby-Vällingby stadsdelsnämnd")
    rec.own_dnr = LONG_OWN_DNR
    rec.status = Status.answered
    rec.response = Response(received_on=date(2024, 4, 20), stance=Stance.supports_with_comments)
    services.save_recipient(store, EXAMPLE_DNR, rec, base_revision=rec.revision)
    app = make_app(store, today=TODAY, watch_interval=0)
    app.animation_level = "none"
    return app


def check_table(table: DataTable, never_cut: set[str], where: str) -> None:
    assert table.virtual_size.width <= table.size.width, f"{where}: the table scrolls sideways"
    for column_index, key in enumerate(table.columns):
        if key.value not in never_cut:
            continue
        for row in range(table.row_count):
            value = table.get_row_at(row)[column_index]
            assert "…" not in (value.plain if isinstance(value, Text) else str(value)), (where, key.value, value)


def footer_keys(screen) -> list[str]:
    return [f"{k.key_display} {k.description}" for k in screen.query(FooterKey)]


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
async def test_tables_fit_and_never_cut_a_dnr_or_a_date(data_dir, size):
    app = example(data_dir)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        overview = app.screen
        check_table(overview.table, {"dnr", "deadline", "days", "progress", "state"}, "Översikt")
        await wait_until(pilot, lambda: "^p Kommandon" in footer_keys(overview), "the footer drawn")
        await pilot.press("enter")
        await pilot.pause()
        remiss = app.screen
        table = remiss.table
        check_table(table, {"status", "deadline", "days", "stance", "own_dnr", "received", "kind"}, "Remiss")
        shown = [c.key.value for c in table.columns.values()]
        for needed in ("organisation", "status", "deadline", "days"):
            assert needed in shown, (size, shown)
        row = table.get_row("org:Enskede-Årsta-Vantörs stadsdelsnämnd")
        assert row[shown.index("deadline")].plain == "2027-01-15 *"
        if "own_dnr" in shown:
            assert table.get_row("org:Hässelby-Vällingby stadsdelsnämnd")[shown.index("own_dnr")].plain == LONG_OWN_DNR
        if size == (120, 40):
            # Issue 24: at 120 columns no name is cut; mostly empty optional columns give way first.
            names = [table.get_row_at(r)[shown.index("organisation")].plain for r in range(table.row_count)]
            assert not [n for n in names if n.endswith("…")], names
            if "own_dnr" in shown:
                assert table.get_row("org:" + SODERMALM)[shown.index("own_dnr")].plain == "SÖD 2024/145"
        # the full name is in the detail pane
        table.move_cursor(row=table.row_keys.index("org:Enskede-Årsta-Vantörs stadsdelsnämnd"))
        await pilot.pause()
        assert str(remiss.query_one("#detail-text").content).startswith("Enskede-Årsta-Vantörs stadsdelsnämnd")
        await wait_until(pilot, lambda: "^p Kommandon" in footer_keys(remiss), "the footer drawn")
        await pilot.press("h")
        await pilot.pause()
        history = app.screen
        check_table(history.table, {"at"}, "Historik")
        for r in range(history.table.row_count):  # a date in free text is never cut into
            for value in history.table.get_row_at(r):
                assert "2027-01-1…" not in value.plain and "3.1-478…" not in value.plain, value.plain
        await wait_until(pilot, lambda: "^p Kommandon" in footer_keys(history), "the footer drawn")
        await pilot.press("escape", "escape")
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        search = app.screen
        await wait_until(pilot, lambda: search.index.ready, "the search index built")
        await pilot.press(*"stadsdelsnämnd")
        await wait_until(pilot, lambda: search.result is not None and search.result.query, "a search result")
        await pilot.pause()
        check_table(search.query_one(DataTable), {"dnr", "status", "due"}, "Sök")
        await wait_until(pilot, lambda: "^p Kommandon" in footer_keys(search), "the footer drawn")


def test_fit_shortens_names_first_then_leaves_columns_out():
    columns = [Column("org", "Organisation", shrink=20), Column("due", "Svarsdatum"),
               Column("dnr", "Eget dnr", drop=1), Column("kind", "Typ", drop=2)]
    widths = {"org": 36, "due": 12, "dnr": 12, "kind": 14}
    assert fit(columns, widths, 200) == [(c, None) for c in columns]
    fitted = fit(columns, widths, 80)  # 36+12+12+14 + 8 = 82: two cells off the name
    assert [(c.key, limit) for c, limit in fitted] == [("org", 34), ("due", None), ("dnr", None), ("kind", None)]
    fitted = fit(columns, widths, 60)  # the type goes; the dnr stays whole
    assert [(c.key, limit) for c, limit in fitted] == [("org", 30), ("due", None), ("dnr", None)]
    fitted = fit(columns, widths, 30)
    assert [(c.key, limit) for c, limit in fitted] == [("org", 14), ("due", None)]  # fits: 14+12+4


def test_shorten_never_cuts_into_a_date_or_a_dnr():
    assert shorten(Text("anstånd: – → 1 st (senast till 2027-01-15)"), 38).plain == "anstånd: – → 1 st (senast till…"
    assert shorten(Text("eget dnr: – → SÖD 2024/145"), 25).plain == "eget dnr: – →…"
    assert shorten(Text("Enskede-Årsta-Vantörs stadsdelsnämnd"), 20).plain == "Enskede-Årsta-Vantö…"
    assert shorten(Text("kort"), 20).plain == "kort"
    styled = shorten(Text("Hägersten-Älvsjö stadsdelsnämnd", style="bold"), 10)
    assert styled.plain == "Hägersten…" and styled.cell_len == 10 and str(styled.style) == "bold"


def test_fit_goes_below_a_names_minimum_rather_than_scroll_sideways():
    columns = [Column("dnr", "Dnr"), Column("title", "Rubrik", shrink=24), Column("due", "Svarsdatum")]
    fitted = fit(columns, {"dnr": 11, "title": 40, "due": 10}, 40)  # 11+10+6 leaves 13 for the title
    assert [(c.key, limit) for c, limit in fitted] == [("dnr", None), ("title", 13), ("due", None)]
