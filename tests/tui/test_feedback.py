"""What the app says and shows back: one toast per save, one entry per command in the palette,
check boxes that read without colour (issue 12.13)."""

from __future__ import annotations

from textual.widgets import Checkbox, SelectionList

from helpers import EXAMPLE_DNR, record_toasts, wait_until
from remisstui import services
from remisstui.tui.app import make_app
from remisstui.tui.screens.remiss import RemissScreen
from helpers import TODAY

SIZE = (120, 40)


def app_for(folder):
    return make_app(services.open_store(folder), today=TODAY, watch_interval=0)


def toasts(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_every_save_from_the_remiss_screen_says_so_once(data_dir):
    app = app_for(data_dir)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RemissScreen)
        saves = [
            ("answer", ["e"], ["ctrl+s"]),
            ("anstånd", ["a"], [*"2024-05-20", "ctrl+s"]),
            ("remiss", ["E"], ["ctrl+s"]),
        ]
        posted = record_toasts(app)  # counted when posted: a toast can time out before it is counted
        for name, open_keys, save_keys in saves:
            before = len(posted)
            await pilot.press(*open_keys)
            await wait_until(pilot, lambda: not isinstance(app.screen, RemissScreen), f"{name} opens")
            await pilot.press(*save_keys)
            await wait_until(pilot, lambda: isinstance(app.screen, RemissScreen) and len(posted) > before,
                             f"{name} saved and said so")
            await pilot.pause()
            assert len(posted) - before == 1, (name, posted[before:])


async def test_each_command_is_listed_once_in_the_palette(data_dir):
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for keys in ((), ("enter",), ("h",), ("escape", "escape", "slash")):
            await pilot.press(*keys)
            await pilot.pause()
            titles = [c.title for c in app.get_system_commands(app.screen)]
            # the screen's "q Avsluta programmet" and the app's "Avsluta" are one command
            assert sum(t.startswith("Avsluta") for t in titles) == 1, (type(app.screen).__name__, titles)
            assert len(titles) == len(set(titles)), (type(app.screen).__name__, titles)


async def test_check_boxes_read_without_colour(data_dir):
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        box = app.screen.query_one("#search-overdue", Checkbox)
        off = box.render().plain
        box.value = True
        await pilot.pause()
        on = box.render().plain
        assert off != on and "X" in on and "X" not in off, (off, on)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")  # Ny remiss: the organisations are a SelectionList
        await pilot.pause()
        orgs = app.screen.query_one(SelectionList)
        first = orgs.get_option_at_index(0)
        line = "".join(seg.text for seg in orgs.render_line(0))
        assert "X" not in line[:4], line
        orgs.select(first.value)
        await pilot.pause()
        line = "".join(seg.text for seg in orgs.render_line(0))
        assert "X" in line[:4], line
