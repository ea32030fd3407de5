"""Pilot tests of the export dialog and the beredning view, hosted in a bare App."""

from __future__ import annotations

from datetime import date

import pytest
from textual.app import App
from textual.widgets import Input, Select, Static, TextArea

from remisstui import services
from remisstui.domain.model import OrgKind, Recipient, Remiss, Status
from remisstui.formats.render_csv import DEFAULT_SEP
from remisstui.tui.screens.dialogs import ConfirmScreen
from remisstui.tui.screens.export import BeredningScreen, ExportScreen
from helpers import Host, UNSET, wait_until

DNR = "KS 2024/112"
TODAY = date(2024, 5, 20)
DEFAULT = "KS-2024-112-remissammanstallning.docx"




@pytest.fixture
def store(tmp_path):
    st = services.open_store(tmp_path / "data")
    services.ensure_seeded(st)
    return st


@pytest.fixture
def out(tmp_path):
    """The files folder of this test's settings: where a file name without a folder goes."""
    from remisstui.services import settings as user_settings

    folder = tmp_path / "ut"
    folder.mkdir()
    user_settings.update_settings(files_folder=str(folder))
    return folder


async def test_docx_with_default_name(store, out):
    app = Host(lambda: ExportScreen(store, "ks-2024-112", today=TODAY))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        screen.query_one("#format", Select).value = "docx"
        await pilot.pause()
        assert screen.query_one("#filename", Input).value == DEFAULT
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.result == str(out / DEFAULT)
        assert any(n.message == f"Sparade {out / DEFAULT}" for n in app._notifications)
    from docx import Document

    doc = Document(str(out / DEFAULT))
    assert doc.paragraphs[0].style.name == "Heading 1"
    assert [p.name for p in out.iterdir()] == [DEFAULT]


async def test_overwrite_asks_first(store, out):
    target = out / DEFAULT
    target.write_bytes(b"gammal")
    app = Host(lambda: ExportScreen(store, DNR, today=TODAY))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen) and app.result is UNSET
        assert target.read_bytes() == b"gammal"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert app.result == str(target)
    assert target.read_bytes()[:2] == b"PK"


async def test_extension_follows_format(store, out):
    app = Host(lambda: ExportScreen(store, DNR, today=TODAY))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        fmt = screen.query_one("#format", Select)
        name = screen.query_one("#filename", Input)
        fmt.value = "md"
        await pilot.pause()
        assert name.value == "KS-2024-112-remissammanstallning.md"
        fmt.value = "beredning"
        await pilot.pause()
        assert name.value == "KS-2024-112-beredning.txt"
        name.value = "egen/namn.txt"
        fmt.value = "html"
        await pilot.pause()
        assert name.value == "egen/namn.html"
        assert not screen.query_one("#sep-row").display
        fmt.value = "csv"
        await pilot.pause()
        assert screen.query_one("#sep-row").display
        # No row choices without a filtered table.
        values = [value for _label, value in screen.query_one("#format", Select)._options]
        assert "rows-csv" not in values


async def test_error_stays_in_dialog(store, out):
    app = Host(lambda: ExportScreen(store, DNR, today=TODAY))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        screen.query_one("#filename", Input).value = "saknas/fil.docx"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen and app.result is UNSET
        error = str(screen.query_one("#error", Static).content)
        assert "finns inte" in error
        assert list(out.iterdir()) == []


async def test_filtered_recipient_table_csv(store, out):
    orgs = ["Södermalms stadsdelsnämnd", "Farsta stadsdelsnämnd"]
    app = Host(lambda: ExportScreen(store, DNR, orgs, today=TODAY))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        screen.query_one("#format", Select).value = "rows-csv"
        await pilot.pause()
        assert screen.query_one("#filename", Input).value == "KS-2024-112-mottagare.csv"
        screen.query_one("#sep", Select).value = ";"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    lines = (out / "KS-2024-112-mottagare.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 3
    assert lines[1].startswith("Södermalms stadsdelsnämnd;") and lines[2].startswith("Farsta stadsdelsnämnd;")


async def test_hostile_names_do_not_break_the_dialog(store, out):
    hostile = Remiss(dnr="KS 2024/666", title="[@click=app.quit]q[/] a [ b trailing\\", recipients=[
        Recipient("Org [/foo] x", OrgKind.extern, Status.declined),
        Recipient("[bold]x", OrgKind.extern, Status.sent),
    ])
    services.create_remiss(store, hostile)
    app = Host(lambda: ExportScreen(store, "KS 2024/666", ["Org [/foo] x"], today=TODAY))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.result == str(out / "KS-2024-666-remissammanstallning.docx")
    assert app.return_code in (None, 0)


async def test_beredning_view_and_save(store, out):
    app = Host(lambda: BeredningScreen(store, DNR, today=TODAY))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = app.screen
        area = screen.query_one("#text", TextArea)
        assert area.read_only
        assert area.text.startswith("[Att granska: svar saknas]\nÄrendet har remitterats till")
        assert "Södermalms stadsdelsnämnd ställer sig i stort positiv till reviderat förslag" in area.text
        source = screen.query_one("#source", Static)
        # The cursor on Södermalm's sentence shows the nämnd's own words behind it.
        row = area.text.split("\n").index(next(line for line in area.text.split("\n")
                                                if line.startswith("Södermalms stadsdelsnämnd")))
        area.move_cursor((row, 5))
        for _ in range(50):
            await pilot.pause()
            if "ställningstagandet" in str(source.render()):
                break
        shown = str(source.render())
        assert "Förvaltningen ställer sig i stort positiv till reviderat förslag på kommunikationsprogram." in shown
        area.move_cursor((row, len(area.text.split("\n")[row]) - 3))
        for _ in range(50):
            await pilot.pause()
            if "synpunkt 1" in str(source.render()):
                break
        assert "synpunkt 1" in str(source.render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = out / "KS-2024-112-beredning.txt"
        assert saved.read_text(encoding="utf-8") == area.text
        assert isinstance(app.screen, BeredningScreen)  # stays open for copying
        await pilot.press("escape")
        await pilot.pause()
        assert app.result == str(saved)


async def _suggested(pilot, field: Input) -> None:
    # the suggester runs in a worker
    await wait_until(pilot, lambda: field._suggestion and field._suggestion != field.value,
                     f"a suggestion for {field.value!r}")


async def test_csv_path_typed_after_tab_lands_in_the_file_field_and_tab_completes(store, out):
    """Issue 12.10: in the CSV export the typed path went into Avgränsare, and Tab ("Tab fyller
    i") did not complete a path while Right did."""
    (out / "utdata").mkdir()
    app = Host(lambda: ExportScreen(store, DNR, today=TODAY))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        fmt = screen.query_one("#format", Select)
        assert app.focused is fmt
        await pilot.press("enter")  # open the list and walk down to CSV with the keyboard
        await pilot.pause()
        overlay = fmt.query_one("SelectOverlay")
        for _ in range(12):
            if overlay.highlighted is not None and "CSV" in str(overlay.get_option_at_index(overlay.highlighted).prompt):
                break
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert fmt.value == "csv" and screen.query_one("#sep-row").display, fmt.value
        await pilot.press("tab")
        field = screen.query_one("#filename", Input)
        assert app.focused is field
        await pilot.press(*str(out / "utd"))
        await _suggested(pilot, field)
        await pilot.press("tab")
        assert field.value == str(out / "utdata") + "/" and app.focused is field
        await pilot.press(*"tabell.csv", "tab")  # nothing left to complete: Tab moves on
        await pilot.pause()
        assert app.focused is screen.query_one("#sep", Select)
        assert screen.query_one("#sep", Select).value == DEFAULT_SEP  # nothing typed into it
        assert field.value == str(out / "utdata" / "tabell.csv")


async def test_the_note_says_what_the_chosen_export_holds(store, out):
    """Issue 24.8: "Mottagartabellen gäller de 2 rader som visas nu" while Word exported all."""
    orgs = ["Södermalms stadsdelsnämnd", "Farsta stadsdelsnämnd"]
    app = Host(lambda: ExportScreen(store, DNR, orgs, today=TODAY))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        note = screen.query_one("#rows-note", Static)
        assert str(note.content) == "Word (docx) gäller hela remissen, inte bara de 2 rader som visas nu."
        screen.query_one("#format", Select).value = "rows-xlsx"
        await pilot.pause()
        assert str(note.content) == "Mottagartabellen gäller de 2 rader som visas nu."
