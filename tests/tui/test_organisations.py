"""OrganisationsScreen and the register service behind it (pilot tests, fresh data folder each)."""

from datetime import date

import orjson
import pytest
from textual.app import App
from textual.widgets import Input, Select, Static

from remisstui import cli, services
from remisstui.services import register as register_editing
from remisstui.domain.model import MeetingPlan, Organisation, OrgKind
from remisstui.store.repository import Store
from remisstui.tui.widgets.form import DateField
from remisstui.tui.screens.organisations import EditOrganisationScreen, OrganisationsScreen
from remisstui.tui.widgets.keyed_table import KeyedTable

TODAY = date(2024, 4, 1)


class Host(App[None]):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.today = TODAY

    def on_mount(self) -> None:
        self.push_screen(OrganisationsScreen(self.store))


def _register_on_disk(folder) -> dict:
    return orjson.loads((folder / "register.json").read_bytes())


def _org_on_disk(folder, name: str) -> dict | None:
    for o in _register_on_disk(folder)["organisations"].values():
        if o["name"] == name:
            return o
    return None


def _text(widget: Static) -> str:
    return str(widget.render())


async def test_edit_short_code_saves_register(data_dir):
    store = Store(data_dir)
    app = Host(store)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        screen = app.screen
        assert isinstance(screen, OrganisationsScreen)
        table = screen.query_one("#org-table", KeyedTable)
        assert len(table.row_keys) == len(store.load_register().organisations)
        screen.query_one("#org-filter", Input).value = "södermalm"
        await pilot.pause()
        assert table.row_keys == ["Södermalms stadsdelsnämnd"]
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EditOrganisationScreen)
        assert form.query_one("#rule", Input).value == "fjärde torsdagen varje månad utom juli"
        assert "torsdag 25 april 2024" in _text(form.query_one("#next-meetings", Static))
        form.query_one("#short-code", Input).value = "SÖDM"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OrganisationsScreen)
        assert _org_on_disk(data_dir, "Södermalms stadsdelsnämnd")["short_code"] == "SÖDM"
        assert table.current_key == "Södermalms stadsdelsnämnd"
        events = _register_on_disk(data_dir)["events"]
        assert list(events.values())[-1]["what"] == "Ändrade Södermalms stadsdelsnämnd i registret"


async def test_add_external_organisation_with_rule_in_words(data_dir):
    store = Store(data_dir)
    app = Host(store)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EditOrganisationScreen)
        assert form.query_one("#kind", Select).value is OrgKind.extern
        form.query_one("#name", Input).value = "Länsstyrelsen [bold]i[/] Stockholms län"
        form.query_one("#registry-email", Input).value = "stockholm@lansstyrelsen.se"
        form.query_one("#rule", Input).value = "andra tisdagen varje månad utom januari och juli"
        form.query_one("#meeting-dates", Input).value = "2024-07-09, 30 december 2024"
        await pilot.pause()
        assert _text(form.query_one("#rule-feedback", Static)) == (
            "→ FREQ=MONTHLY;BYMONTH=2,3,4,5,6,8,9,10,11,12;BYDAY=+2TU")
        nxt = _text(form.query_one("#next-meetings", Static))
        assert "tisdag 9 april 2024" in nxt
        await pilot.click("#save")
        await pilot.pause()
        assert isinstance(app.screen, OrganisationsScreen)
        saved = _org_on_disk(data_dir, "Länsstyrelsen [bold]i[/] Stockholms län")
        assert saved["kind"] == "extern"
        assert saved["meeting_plan"]["rule"] == "FREQ=MONTHLY;BYMONTH=2,3,4,5,6,8,9,10,11,12;BYDAY=+2TU"
        assert saved["meeting_plan"]["dates"] == ["2024-07-09", "2024-12-30"]
        assert app.screen.query_one("#org-table", KeyedTable).current_key == saved["name"]


async def test_invalid_rule_shows_message_and_saves_nothing(data_dir):
    store = Store(data_dir)
    before = (data_dir / "register.json").read_bytes()
    app = Host(store)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#name", Input).value = "Ny nämnd"
        form.query_one("#rule", Input).value = "FREQ=MONTHLY;BYDAY=+3XX"
        await pilot.pause()
        assert _text(form.query_one("#rule-feedback", Static)).startswith("✗ Ogiltig regel")
        form.query_one("#rule", Input).value = "[@click=app.quit]q[/] varje månad"
        await pilot.pause()
        assert "✗" in _text(form.query_one("#rule-feedback", Static))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert _text(form.query_one("#form-error", Static)).startswith("✗ Sammanträdesplanen")
    assert (data_dir / "register.json").read_bytes() == before


async def test_duplicate_name_and_code_refused_in_place(data_dir):
    store = Store(data_dir)
    app = Host(store)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#name", Input).value = "Extern byrå"
        form.query_one("#short-code", Input).value = "söd"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "Kortnamnet söd används redan av Södermalms stadsdelsnämnd" in _text(form.query_one("#form-error", Static))
        form.query_one("#valid-to", DateField).set_text("inte ett datum")
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert "Giltig till" in _text(form.query_one("#form-error", Static))


def test_rename_keeps_former_name_and_updates_lists(data_dir):
    store = Store(data_dir)
    reg = store.load_register()
    org = reg.organisation("Kulturnämnden")
    org.name = "Kultur- och fritidsnämnden"
    reg = register_editing.save_organisation(store, org, old_name="Kulturnämnden")
    assert reg.organisation("Kulturnämnden").name == "Kultur- och fritidsnämnden"
    assert all("Kulturnämnden" not in lst.members for lst in store.load_register().lists)


def test_register_export_import_round_trip(data_dir, tmp_path, capsys):
    out = tmp_path / "reg.toml"
    assert cli.main(["--data", str(data_dir), "register-export", "-o", str(out)]) == 0
    text = out.read_text("utf-8")
    assert 'name = "Södermalms stadsdelsnämnd"' in text
    out.write_text(text.replace('short_code = "BRO"', 'short_code = "BRM"'), "utf-8")
    assert cli.main(["--data", str(data_dir), "register-import", str(out)]) == 0
    assert "1 ändrade" in capsys.readouterr().err
    assert Store(data_dir).load_register().organisation("BRM").name == "Bromma stadsdelsnämnd"
    bad = tmp_path / "bad.toml"
    bad.write_text('[[organisations]]\nname = "X"\nkind = "extern"\n[organisations.meeting_plan]\nrule = "FREQ=SECONDLY"\n')
    assert cli.main(["--data", str(data_dir), "register-import", str(bad)]) == 1
    assert "Sammanträdesplanen" in capsys.readouterr().err
    assert Store(data_dir).load_register().organisation("BRM") is not None


def test_edit_based_on_stale_copy_is_refused(data_dir):
    store = Store(data_dir)
    seen = store.load_register().organisation("Kulturnämnden")
    other = store.load_register().organisation("Kulturnämnden")
    other.registry_email = "kultur@example.se"
    register_editing.save_organisation(Store(data_dir, user="kollega"), other, old_name=other.name, expected=seen)
    mine = store.load_register().organisation("Kulturnämnden")
    mine.registry_email = ""
    mine.short_code = "KUL2"
    with pytest.raises(services.ServiceError, match="Någon annan har ändrat Kulturnämnden"):
        register_editing.save_organisation(store, mine, old_name="Kulturnämnden", expected=seen)
    assert store.load_register().organisation("Kulturnämnden").registry_email == "kultur@example.se"


HOSTILE = ["[@click=app.quit]q[/]", "Org [/foo] x", "a [ b", "trailing\\", "😀 " + "x" * 150, "שלום עולם"]


async def test_hostile_names_are_shown_literally(data_dir):
    store = Store(data_dir)
    for name in HOSTILE:
        register_editing.save_organisation(store, Organisation(name=name, kind=OrgKind.extern))
    app = Host(store)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        screen = app.screen
        table = screen.query_one("#org-table", KeyedTable)
        for name in HOSTILE:
            assert name in table.row_keys
        assert table.get_row("[@click=app.quit]q[/]")[0].plain == "[@click=app.quit]q[/]"
        screen.query_one("#org-filter", Input).value = "click"
        await pilot.pause()
        assert table.row_keys == ["[@click=app.quit]q[/]"]
        table.focus()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#name", Input).value == "[@click=app.quit]q[/]"
        form.query_one("#rule", Input).value = "[@click=app.quit]q[/] torsdagen varje månad"
        await pilot.pause()
        assert "[@click=app.quit]q[/]" in _text(form.query_one("#rule-feedback", Static))
        form.query_one("#rule", Input).value = ""
        form.query_one("#short-code", Input).value = "Q1"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OrganisationsScreen)
        assert any("[@click=app.quit]q[/]" in n.message for n in app._notifications)
    assert _org_on_disk(data_dir, "[@click=app.quit]q[/]")["short_code"] == "Q1"
