"""What the screens show (pytest-textual-snapshot). Update with --snapshot-update, then look."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from helpers import EXAMPLE_DNR, SODERMALM, TODAY
from remisstui import services
from remisstui.services import remisser
from remisstui.domain.model import Extension, Status
from remisstui.store.repository import Store
from remisstui.tui.app import make_app


@pytest.fixture
def snap_app(tmp_path, monkeypatch):
    """The example with a few changes, at fixed times by a fixed user."""
    monkeypatch.setattr("remisstui.domain.history.now", lambda: datetime(2024, 4, 22, 9, 30))
    monkeypatch.setattr(remisser, "today", lambda: TODAY)
    monkeypatch.setattr(services, "today", lambda: TODAY)
    store = Store(tmp_path / "data", user="registrator")
    services.ensure_seeded(store)
    services.set_status(store, EXAMPLE_DNR, ["Kulturnämnden", "Farsta stadsdelsnämnd"], Status.registered)
    services.grant_extension(
        store, EXAMPLE_DNR, ["Farsta stadsdelsnämnd"],
        Extension(new_deadline=date(2024, 5, 20), granted_on=TODAY, reason="Nämnden sammanträder 16 maj"),
    )
    services.log_reminder(store, EXAMPLE_DNR, ["Idrottsnämnden"], on=TODAY)
    return make_app(store, today=TODAY, watch_interval=0)


async def _settle(pilot) -> None:
    for widget in pilot.app.screen.query("Input"):
        widget.cursor_blink = False
    await pilot.pause()


async def _open(pilot, org: str | None = None) -> None:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    if org:
        table = pilot.app.screen.table
        table.move_cursor(row=table.row_keys.index("org:" + org))
    await _settle(pilot)


def test_overview_120x40(snap_app, snap_compare):
    assert snap_compare(snap_app, terminal_size=(120, 40), run_before=_settle)


def test_overview_80x24(snap_app, snap_compare):
    assert snap_compare(snap_app, terminal_size=(80, 24), run_before=_settle)


def test_remiss_120x40(snap_app, snap_compare):
    async def run(pilot):
        await _open(pilot, SODERMALM)

    assert snap_compare(snap_app, terminal_size=(120, 40), run_before=run)


def test_remiss_80x24(snap_app, snap_compare):
    async def run(pilot):
        await _open(pilot, "Farsta stadsdelsnämnd")

    assert snap_compare(snap_app, terminal_size=(80, 24), run_before=run)


def test_remiss_filtered_grouped_120x40(snap_app, snap_compare):
    async def run(pilot):
        await _open(pilot)
        await pilot.press("space", "space", "o", "slash", *"nämnd")
        await pilot.press("enter")
        await _settle(pilot)

    assert snap_compare(snap_app, terminal_size=(120, 40), run_before=run)


def test_help_120x40(snap_app, snap_compare):
    async def run(pilot):
        await _open(pilot)
        await pilot.press("question_mark")
        await _settle(pilot)

    assert snap_compare(snap_app, terminal_size=(120, 40), run_before=run)


def test_history_120x40(snap_app, snap_compare):
    async def run(pilot):
        await _open(pilot)
        await pilot.press("h")
        await _settle(pilot)

    assert snap_compare(snap_app, terminal_size=(120, 40), run_before=run)


# --- the dialogs and secondary screens, each opened the way a user opens it --------------------


@pytest.fixture
def fixed_cwd(monkeypatch):
    # Dialogs propose file names in the files folder of the settings (and once the current folder);
    # keep the snapshots independent of both.
    from remisstui.services import settings as user_settings

    monkeypatch.chdir("/")
    user_settings.update_settings(files_folder="/home/registrator/Dokument/remisstui")


def test_status_dialog_120x40(snap_app, snap_compare):
    async def run(pilot):
        await _open(pilot, SODERMALM)
        await pilot.press("t")
        await _settle(pilot)

    assert snap_compare(snap_app, terminal_size=(120, 40), run_before=run)


def test_export_dialog_120x40(snap_app, snap_compare, fixed_cwd):
    async def run(pilot):
        await _open(pilot)
        await pilot.press("x")
        await _settle(pilot)

    assert snap_compare(snap_app, terminal_size=(120, 40), run_before=run)


def test_beredning_120x40(snap_app, snap_compare, fixed_cwd):
    async def run(pilot):
        await _open(pilot)
        await pilot.press("b")
        await _settle(pilot)

    assert snap_compare(snap_app, terminal_size=(120, 40), run_before=run)


def test_register_from_file_120x40(snap_app, snap_compare, fixed_cwd):
    async def run(pilot):
        await _open(pilot, SODERMALM)
        await pilot.press("f")
        await _settle(pilot)

    assert snap_compare(snap_app, terminal_size=(120, 40), run_before=run)


def test_reminders_dialog_120x40(snap_app, snap_compare, fixed_cwd):
    async def run(pilot):
        await _open(pilot)
        await pilot.press("P")
        await _settle(pilot)

    assert snap_compare(snap_app, terminal_size=(120, 40), run_before=run)


def test_organisations_120x40(snap_app, snap_compare):
    async def run(pilot):
        await pilot.pause()
        await pilot.press("O")
        await _settle(pilot)

    assert snap_compare(snap_app, terminal_size=(120, 40), run_before=run)


def test_search_120x40(snap_app, snap_compare):
    async def run(pilot):
        await pilot.pause()
        await pilot.press("slash")
        await _settle(pilot)

    assert snap_compare(snap_app, terminal_size=(120, 40), run_before=run)
