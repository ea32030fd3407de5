"""Hostile strings as organisation name, remiss title and comment: shown literally, never run."""

from __future__ import annotations

import copy

from textual.widgets import Static

from helpers import EXAMPLE_DNR, HOSTILE, SODERMALM, TODAY
from remisstui import services
from remisstui.domain.model import Comment, Status
from remisstui.tui.app import make_app
from remisstui.tui.screens.help import HelpScreen
from remisstui.tui.screens.history import HistoryScreen
from remisstui.tui.screens.remiss import RemissScreen

TITLE = "Rubrik [@click=app.quit]q[/] Org [/foo] x a [ b 🦆 trailing\\"


def make_hostile(folder) -> None:
    store = services.open_store(folder)
    remiss = store.load(EXAMPLE_DNR)
    services.add_recipients(store, EXAMPLE_DNR, HOSTILE, store.load_register())
    header = copy.deepcopy(remiss)
    header.title = TITLE
    services.update_remiss_header(store, EXAMPLE_DNR, header, base_revision=remiss.revision)
    remiss = store.load(EXAMPLE_DNR)
    rec = copy.deepcopy(remiss.recipient(SODERMALM))
    rec.response.comments.append(Comment(text=" | ".join(HOSTILE), theme="[red]tema[/red]"))
    services.save_recipient(store, EXAMPLE_DNR, rec, base_revision=rec.revision)


def content(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


async def test_hostile_strings_shown_literally_everywhere(data_dir):
    make_hostile(data_dir)
    app = make_app(services.open_store(data_dir), today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        overview = app.screen
        title_cell = overview.query_one("#remisser").get_row(EXAMPLE_DNR)[1].plain
        assert title_cell.startswith("Rubrik [@click=app.quit]q[/]")
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RemissScreen)
        assert TITLE in content(screen, "#remiss-title")
        table = screen.table
        for name in HOSTILE:
            key = "org:" + name
            assert key in table.row_keys
            table.move_cursor(row=table.row_keys.index(key))
            await pilot.pause()
            shown = table.get_row(key)[1].plain
            assert name.startswith(shown.rstrip("…").rstrip()) and shown[:10] == name[:10]
            assert content(screen, "#detail-text").startswith(name)  # the full name, literally
            await pilot.press("space")  # mark it (and move on)
        await pilot.pause()
        assert screen.marked == set(HOSTILE)
        # a bulk action whose notice names them (>1: a count); then one named alone
        await pilot.press("p")
        await pilot.pause()
        screen.marked.clear()
        for name in HOSTILE[:5]:
            table.move_cursor(row=table.row_keys.index("org:" + name))
            await pilot.pause()
            await pilot.press("p")
            await pilot.pause()
            assert app.is_running and app.screen is screen
        notes = [n.message for n in app._notifications]
        for name in HOSTILE[:5]:
            assert f"Påminnelse loggad för {name}" in notes
        on_disk = services.open_store(data_dir).load(EXAMPLE_DNR)
        assert all(len(on_disk.recipient(n).reminders) == 2 for n in HOSTILE[:5])
        assert all(len(on_disk.recipient(n).reminders) == 1 for n in HOSTILE[5:])
        # the comment, with its theme, in the detail pane
        table.move_cursor(row=table.row_keys.index("org:" + SODERMALM))
        await pilot.pause()
        detail = content(screen, "#detail-text")
        assert "[red]tema[/red]: " + " | ".join(HOSTILE) in detail
        # filter by a hostile string
        await pilot.press("slash")
        await pilot.press(*"[/foo]")
        await pilot.pause()
        assert table.row_keys == ["org:Org [/foo] x"]
        await pilot.press("enter")
        # status change of a hostile recipient through the dialog
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("down", "enter")  # the picker starts at its status (sent): registered
        await pilot.pause()
        assert services.open_store(data_dir).load(EXAMPLE_DNR).recipient("Org [/foo] x").status is Status.registered
        assert "Status mottagen för Org [/foo] x" in [n.message for n in app._notifications]
        # history and help
        await pilot.press("h")
        await pilot.pause()
        history = app.screen
        assert isinstance(history, HistoryScreen)
        rows = [[c.plain for c in history.table.get_row(k)] for k in history.table.row_keys]
        assert any(r[2] == "Org [/foo] x" for r in rows)
        assert any(r[2] == "[@click=app.quit]q[/]" for r in rows)
        for key in history.table.row_keys[:12]:
            history.table.move_cursor(row=history.table.row_keys.index(key))
            await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert app.screen is screen
        assert app.is_running
        assert app.return_code is None
