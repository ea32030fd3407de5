"""What the Teman board shows (pytest-textual-snapshot). Update with --snapshot-update, then look."""

from __future__ import annotations

from datetime import datetime

from helpers import TODAY
from remisstui import services
from remisstui.store.repository import Store
from remisstui.tui.app import make_app
from test_themes_board import DNR, _remiss


def test_themes_board_130x40(tmp_path, monkeypatch, snap_compare):
    monkeypatch.setattr("remisstui.domain.history.now", lambda: datetime(2024, 4, 22, 9, 30))
    store = Store(tmp_path / "data", user="registrator")
    services.ensure_seeded(store)
    services.create_remiss(store, _remiss())
    app = make_app(store, today=TODAY, watch_interval=0)

    async def run(pilot):
        await pilot.pause()
        app.open_remiss(DNR)
        await pilot.pause()
        await pilot.press("T")
        await pilot.pause()
        await pilot.press("enter")  # to the synpunkter of the first theme
        await pilot.pause()

    assert snap_compare(app, terminal_size=(130, 40), run_before=run)
