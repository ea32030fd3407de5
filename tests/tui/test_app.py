"""The app driven through Pilot: every step that changes data is checked on disk."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from textual.widgets import Input, Select, Static

from helpers import EXAMPLE_DNR, SODERMALM, TODAY, wait_until
from remisstui import services
from remisstui.domain.model import Status
from remisstui.tui.app import make_app
from remisstui.tui.screens.help import HelpScreen
from remisstui.tui.screens.history import HistoryScreen
from remisstui.tui.screens.overview import OverviewScreen
from remisstui.tui.screens.remiss import RemissScreen
from remisstui.tui.widgets.keyed_table import KeyedTable

SIZE = (120, 40)


def app_for(folder: Path, **kw):
    store = services.open_store(folder)
    return make_app(store, today=TODAY, watch_interval=kw.pop("watch_interval", 0), **kw)


def on_disk(folder: Path):
    """What another process reads from the folder right now."""
    return services.open_store(folder).load(EXAMPLE_DNR)


def static_text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def open_example(pilot) -> RemissScreen:
    await pilot.pause()
    assert isinstance(pilot.app.screen, OverviewScreen)
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, RemissScreen)
    return screen


async def move_to(pilot, table: KeyedTable, org: str) -> None:
    table.move_cursor(row=table.row_keys.index("org:" + org))
    await pilot.pause()


async def test_overview_summary_and_open(data_dir):
    app = app_for(data_dir)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        assert static_text(screen, "#summary") == "1 remiss ute · 15 mottagare · 0 försenade · 0 med anstånd"
        table = screen.query_one("#remisser", KeyedTable)
        assert table.row_keys == [EXAMPLE_DNR]
        cells = [c.plain for c in table.get_row(EXAMPLE_DNR)]
        assert cells[0] == EXAMPLE_DNR
        assert "2024-04-29" in cells and "7 d" in cells and "▰▱▱▱▱ 1/15" in cells
        remiss = await open_example(pilot)
        assert remiss.table.row_count == 15
        assert "15 mottagare" in static_text(remiss, "#table-status")
        detail = static_text(remiss, "#detail-text")
        assert detail.startswith("Arbetsmarknadsnämnden")
        await move_to(pilot, remiss.table, SODERMALM)
        detail = static_text(remiss, "#detail-text")
        for expected in ("SÖD 2024/145", "Karolin Bogren Gavling", "positiv med synpunkter", "kommunikationsmål"):
            assert expected in detail
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)


async def test_filter_sort_group_keep_cursor(data_dir):
    app = app_for(data_dir)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_example(pilot)
        table = screen.table
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"stadsdel")
        await pilot.pause()
        assert table.row_count == 11
        assert static_text(screen, "#table-status").startswith("11 av 15")
        screen.query_one("#filter-status", Select).value = Status.answered.value
        await pilot.pause()
        assert table.row_keys == ["org:" + SODERMALM]
        assert static_text(screen, "#table-status").startswith("1 av 15")
        screen.query_one("#filter-status", Select).clear()
        await pilot.press("enter")  # leaves the filter field; the filter stays
        await pilot.pause()
        assert app.focused is table
        assert table.row_count == 11
        # sort: the cursor stays on the same organisation
        await move_to(pilot, table, "Järva stadsdelsnämnd")
        await pilot.press("s")  # organisation
        await pilot.pause()
        assert "sorterat på organisation ↑" in static_text(screen, "#table-status")
        assert table.current_key == "org:Järva stadsdelsnämnd"
        names = [k[4:] for k in table.row_keys]
        assert names == sorted(names, key=str.casefold)
        await pilot.press("S")
        await pilot.pause()
        assert [k[4:] for k in table.row_keys] == sorted(names, key=str.casefold, reverse=True)
        assert table.current_key == "org:Järva stadsdelsnämnd"
        # group by kind with the filter cleared
        screen.clear_filter()
        await pilot.press("o")
        await pilot.pause()
        keys = table.row_keys
        assert keys[0] == "grp:facknamnd" and "grp:stadsdelsnamnd" in keys
        assert table.row_count == 17
        assert table.current_key == "org:Järva stadsdelsnämnd"


async def test_marks_bulk_status_reminder_undo(data_dir):
    app = app_for(data_dir)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_example(pilot)
        table = screen.table
        await pilot.press("space", "space")  # Arbetsmarknadsnämnden, Förskolenämnden
        await pilot.pause()
        assert screen.marked == {"Arbetsmarknadsnämnden", "Förskolenämnden"}
        assert table.get_row("org:Arbetsmarknadsnämnden")[0].plain == "●"
        assert "2 markerade" in static_text(screen, "#table-status")
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("down", "enter")  # the picker starts at their status (sent): registered
        await pilot.pause()
        remiss = on_disk(data_dir)
        assert remiss.recipient("Arbetsmarknadsnämnden").status is Status.registered
        assert remiss.recipient("Förskolenämnden").status is Status.registered
        assert remiss.recipient("Idrottsnämnden").status is Status.sent
        assert "◆ mottagen" == table.get_row("org:Förskolenämnden")[3].plain
        await pilot.press("p")
        await pilot.pause()
        remiss = on_disk(data_dir)
        assert [r.sent_on for r in remiss.recipient("Förskolenämnden").reminders] == [TODAY]
        assert len(remiss.recipient("Arbetsmarknadsnämnden").reminders) == 1
        assert not remiss.recipient("Idrottsnämnden").reminders
        assert any("Påminnelse loggad för 2 mottagare" in m for m in messages(app))
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("y")  # undo asks first (issue 12.6)
        await pilot.pause()
        remiss = on_disk(data_dir)
        assert not remiss.recipient("Förskolenämnden").reminders
        assert remiss.recipient("Förskolenämnden").status is Status.registered
        assert any(m.startswith("Ångrade: Skickade påminnelse") for m in messages(app))
        # history shows the changes, newest first, with Swedish before → after
        await pilot.press("h")
        await pilot.pause()
        history = app.screen
        assert isinstance(history, HistoryScreen)
        first = [c.plain for c in history.table.get_row(history.table.row_keys[0])]
        assert "Ångrade" in first[3]
        texts = [[c.plain for c in history.table.get_row(k)] for k in history.table.row_keys]
        status_row = next(i for i, row in enumerate(texts) if "Satte status mottagen" in row[3])
        assert texts[status_row][4].startswith("status: utskickad")
        history.table.move_cursor(row=status_row)
        await pilot.pause()
        assert "• status: utskickad → mottagen" in str(history.query_one("#event-text").content)
        await pilot.press("u")  # undo the status change from the history screen
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert on_disk(data_dir).recipient("Förskolenämnden").status is Status.sent
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RemissScreen)
        assert table.get_row("org:Förskolenämnden")[3].plain == "→ utskickad"


async def test_undo_with_nothing_to_undo_says_so(data_dir):
    app = app_for(data_dir)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert "Det finns ingen ändring att ångra." in messages(app)
        assert app.is_running


async def test_undo_names_another_users_batch_and_asks_first(data_dir):
    """Issue 12.6: `u` on the overview undid another user's CLI batch without a word."""
    from remisstui.store.repository import Store
    from remisstui.tui.screens.dialogs import ConfirmScreen

    other = Store(data_dir, user="kollegan")
    services.set_status(other, EXAMPLE_DNR, ["Kulturnämnden", "Idrottsnämnden"], Status.registered)
    app = app_for(data_dir)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        question = dialog.question
        for expected in ("Ångra den senaste ändringen i KS 2024/112?", "Satte status mottagen",
                         "kollegan (inte du)", "Kulturnämnden", "Idrottsnämnden"):
            assert expected in question, question
        assert str(dialog.query_one("#confirm-yes").label) == "Ångra"
        await pilot.press("n")
        await pilot.pause()
        assert on_disk(data_dir).recipient("Kulturnämnden").status is Status.registered  # nothing undone
        for screen_keys in ((), ("enter",), ("enter", "h")):  # overview, remiss, history
            await pilot.press(*screen_keys)
            await pilot.pause()
            await pilot.press("u")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen) and "kollegan" in app.screen.question
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press(*["escape"] * len(screen_keys))
            await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert on_disk(data_dir).recipient("Kulturnämnden").status is Status.sent
        assert on_disk(data_dir).recipient("Idrottsnämnden").status is Status.sent
        assert any(m.startswith("Ångrade: Satte status mottagen") for m in messages(app))


async def test_undo_refuses_when_the_latest_change_moved_while_asking(data_dir):
    from remisstui.store.repository import Store

    app = app_for(data_dir)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        services.set_status(app.store, EXAMPLE_DNR, ["Kulturnämnden"], Status.registered)
        await pilot.press("u")
        await pilot.pause()
        # meanwhile a colleague changes something else: the question no longer names the latest
        services.set_status(Store(data_dir, user="kollegan"), EXAMPLE_DNR, ["Idrottsnämnden"], Status.declined)
        await pilot.press("y")
        await pilot.pause()
        remiss = on_disk(data_dir)
        assert remiss.recipient("Idrottsnämnden").status is Status.declined
        assert remiss.recipient("Kulturnämnden").status is Status.registered
        assert any("inget ångrades" in m for m in messages(app))


async def test_reload_keeps_cursor_filter_and_updates_in_place(data_dir):
    app = app_for(data_dir)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_example(pilot)
        table = screen.table
        await move_to(pilot, table, "Kulturnämnden")
        screen.marked.add("Farsta stadsdelsnämnd")
        rebuilt = []
        original_clear = table.clear
        table.clear = lambda *a, **k: (rebuilt.append(1), original_clear(*a, **k))[1]
        # someone else writes (same process, but not through this app)
        other = services.open_store(data_dir)
        services.set_status(other, EXAMPLE_DNR, ["Kulturnämnden"], Status.in_preparation)
        assert app.check_external_changes()
        await pilot.pause()
        assert rebuilt == []  # same rows: cells updated in place
        assert table.current_key == "org:Kulturnämnden"
        assert table.get_row("org:Kulturnämnden")[3].plain == "✎ under beredning"
        assert screen.marked == {"Farsta stadsdelsnämnd"}
        assert any(m == f"Ändrat av någon annan: {EXAMPLE_DNR} uppdaterades" for m in messages(app))
        # r reloads too, and says so
        await pilot.press("r")
        await pilot.pause()
        assert table.current_key == "org:Kulturnämnden"
        assert "Remissen lästes om från disk" in messages(app)


async def test_change_by_another_process_appears(data_dir):
    app = app_for(data_dir, watch_interval=0.2)
    script = (
        "import sys; from remisstui import services; from remisstui.domain.model import Status;"
        "s = services.open_store(sys.argv[1]);"
        "services.set_status(s, 'KS 2024/112', ['Idrottsnämnden'], Status.answered)"
    )
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_example(pilot)
        await move_to(pilot, screen.table, "Idrottsnämnden")
        proc = subprocess.run([sys.executable, "-c", script, str(data_dir)], capture_output=True, text=True, timeout=30)
        assert proc.returncode == 0, proc.stderr
        await wait_until(pilot, lambda: screen.table.get_row("org:Idrottsnämnden")[3].plain == "✓ besvarad",
                         "the other process's change shown")
        shown = screen.table.get_row("org:Idrottsnämnden")[3].plain
        assert shown == "✓ besvarad"
        assert f"Ändrat av någon annan: {EXAMPLE_DNR} uppdaterades" in messages(app)
        assert screen.table.current_key == "org:Idrottsnämnden"


async def test_help_lists_keys_of_current_screen(data_dir):
    app = app_for(data_dir)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_example(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = static_text(app.screen, "#help-keys")
        for expected in ("Ändra mottagarens svar", "Bevilja anstånd", "Logga påminnelse", "Byt sorteringskolumn", "Ctrl+P"):
            assert expected in text
        assert "Cursor up" not in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RemissScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_palette_goes_to_remiss(data_dir):
    app = app_for(data_dir)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"gå till remiss ks")
        await wait_until(pilot, lambda: "Gå till remiss" in str(app.screen.query_one("CommandList").get_option_at_index(0).prompt) if app.screen.query("CommandList") and app.screen.query_one("CommandList").option_count else False,
                         "the command found")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RemissScreen)
        assert app.screen.dnr == EXAMPLE_DNR


async def test_notice_and_problems_shown_once(data_dir):
    (data_dir / "remisser" / "trasig.json").write_text("{inte json")
    store = services.open_store(data_dir)
    store.summaries()
    app = make_app(store, today=TODAY, watch_interval=0, notice="Datamappen var tom [och] fylldes")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        msgs = messages(app)
        assert "Datamappen var tom [och] fylldes" in msgs
        assert sum("trasig.json" in m for m in msgs) == 1
        assert app.screen.query_one("#remisser", KeyedTable).row_keys == [EXAMPLE_DNR]


async def test_toggle_closed_remisser(data_dir):
    store = services.open_store(data_dir)
    from remisstui.domain.model import RemissState

    services.set_state(store, EXAMPLE_DNR, RemissState.closed)
    app = make_app(store, today=TODAY, watch_interval=0)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#remisser", KeyedTable)
        assert table.row_keys == []
        assert static_text(app.screen, "#summary").startswith("0 remisser ute")
        await pilot.press("c")
        await pilot.pause()
        assert table.row_keys == [EXAMPLE_DNR]
        assert "■ avslutad" in [c.plain for c in table.get_row(EXAMPLE_DNR)]


def test_today_is_the_clock_unless_injected(data_dir, monkeypatch):
    """Without an injected date the app asks the clock on every use (a session left open over
    midnight moves on); an injected date wins."""
    import remisstui.tui.app as app_module

    class Clock(date):
        now = date(2031, 3, 4)

        @classmethod
        def today(cls):
            return cls.now

    monkeypatch.setattr(app_module, "date", Clock)
    app = make_app(services.open_store(data_dir))
    assert app.today == date(2031, 3, 4)
    Clock.now = date(2031, 3, 5)
    assert app.today == date(2031, 3, 5)
    assert make_app(services.open_store(data_dir), today=date(2024, 5, 6)).today == date(2024, 5, 6)


def _burst(screen, text: str) -> None:
    """Keys as a real terminal delivers a fast burst: all queued on the screen before any runs."""
    from textual import events

    for ch in text:
        screen.post_message(events.Key("slash" if ch == "/" else ch, ch))


async def test_letters_typed_in_a_burst_after_slash_reach_the_search(data_dir):
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        _burst(app.screen, "/kultur")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#search-input", Input).value == "kultur"


async def test_letters_typed_in_a_burst_after_slash_reach_the_filter(data_dir):
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_example(pilot)
        _burst(screen, "/farsta")
        await pilot.pause()
        assert screen.query_one("#filter-text", Input).value == "farsta"
        assert screen.table.row_keys == ["org:Farsta stadsdelsnämnd"]


async def test_filter_ignores_case_and_accents(data_dir):
    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_example(pilot)
        await pilot.press("slash", *"sodermalm")
        await pilot.pause()
        assert screen.table.row_keys == ["org:" + SODERMALM]


async def test_collector_paused_for_the_first_paint_only(data_dir, monkeypatch):
    # A full cyclic collection used to land in the first layout; it is held off until the
    # overview has been painted, and must never stay off for the rest of the session.
    import gc

    seen = []
    original = OverviewScreen.reload

    def recording_reload(self, *args, **kwargs):
        seen.append(gc.isenabled())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(OverviewScreen, "reload", recording_reload)
    app = app_for(data_dir)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert seen[0] is False
            assert gc.isenabled()
        assert gc.isenabled()
    finally:
        gc.enable()


async def test_a_closed_remiss_screen_is_let_go(data_dir):
    # Textual keeps removed widgets alive through watchers and a method memo (tui/leaks.py): each
    # open and close of a remiss left ~4,600 objects behind and made every full collection slower.
    import gc
    import weakref

    from textual.widgets import Header

    from remisstui.tui.leaks import release_removed_widgets

    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "release-removed-widgets" in {timer.name for timer in app._timers}
        counts = []
        headers = []
        for _ in range(6):
            screen = await open_example(pilot)
            headers.append(weakref.ref(screen.query_one(Header)))
            del screen
            await pilot.press("escape")
            await pilot.pause()
            release_removed_widgets(app)
            gc.collect()
            counts.append(len(gc.get_objects()))
        assert [h() for h in headers] == [None] * 6  # each closed screen's Header is gone
        assert counts[-1] - counts[2] < 300, counts  # flat, where it grew by thousands a time


def test_start_up_is_frozen_out_of_the_collector_only_in_its_own_process(data_dir):
    # In a subprocess: freezing inside the test worker would keep every later test's objects.
    from workers.common import PYTHON

    code = (
        "import asyncio, gc, sys\n"
        "from remisstui import services\n"
        "from remisstui.tui.app import FREEZE_AFTER_SECONDS, make_app\n"
        "async def main(own):\n"
        "    app = make_app(services.open_store(sys.argv[1]), watch_interval=0, own_process=own)\n"
        "    async with app.run_test() as pilot:\n"
        "        await pilot.pause()\n"
        # Own process: wait for the freeze itself. Not own: nothing may ever freeze, so waiting
        # the freeze's own delay twice can only let a wrong freeze slip by, never fail wrongly.
        "        if own:\n"
        "            while not gc.get_freeze_count():\n"
        "                await pilot.pause()\n"
        "                await asyncio.sleep(0.01)\n"
        "        else:\n"
        "            await asyncio.sleep(2 * FREEZE_AFTER_SECONDS)\n"
        "        await pilot.pause()\n"
        "        frozen = gc.get_freeze_count()\n"
        "    gc.unfreeze()\n"
        "    return frozen\n"
        "print(asyncio.run(main(False)), asyncio.run(main(True)), gc.isenabled())\n"
    )
    proc = subprocess.run([PYTHON, "-c", code, str(data_dir)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    not_own, own, enabled = proc.stdout.split()
    assert not_own == "0" and int(own) > 10_000 and enabled == "True"


async def test_drafts_show_in_history_and_p_marks_them_sent(data_dir, tmp_path):
    from remisstui.services import reminders as reminding

    store = services.open_store(data_dir)
    reminding.write_reminders(store, EXAMPLE_DNR, tmp_path / "utkast", today=TODAY,
                              organisations=["Förskolenämnden"])
    app = app_for(data_dir)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_example(pilot)
        await move_to(pilot, screen.table, "Förskolenämnden")
        await pilot.press("h")
        await pilot.pause()
        history = app.screen
        assert isinstance(history, HistoryScreen)
        texts = [[c.plain for c in history.table.get_row(k)] for k in history.table.row_keys]
        assert any(row[3].startswith("Påminnelseutkast skapat i") for row in texts)
        await pilot.press("escape")
        await pilot.pause()
        assert not on_disk(data_dir).recipient("Förskolenämnden").reminders  # a draft is not sent
        await pilot.press("p")  # the user sent it: noted on the recipient
        await pilot.pause()
    assert [r.sent_on for r in on_disk(data_dir).recipient("Förskolenämnden").reminders] == [TODAY]
    assert reminding.pending_drafts(store, EXAMPLE_DNR) == []


async def test_an_ended_app_leaves_nothing_behind(data_dir):
    # Issue 12.14: Textual's process-wide StylesCache memo kept an ended app's rendering alive
    # (~300,000 objects by the end of a test worker). The final collections then outlasted
    # execnet's grace period and its SIGINT surfaced as a KeyboardInterrupt in Hypothesis' gc
    # callback. An ended app must give the heap back.
    import gc

    from textual._styles_cache import StylesCache

    async def one_session() -> None:
        app = app_for(data_dir)
        async with app.run_test(size=SIZE) as pilot:
            await open_example(pilot)
            await pilot.press("escape")
            await pilot.pause()

    await one_session()  # imports and first-use caches
    gc.collect()
    before = len(gc.get_objects())
    for _ in range(3):
        await one_session()
    gc.collect()
    assert StylesCache.get_inner_outer.cache_info().currsize == 0
    assert len(gc.get_objects()) - before < 3_000, len(gc.get_objects()) - before


async def test_remiss_and_history_share_one_table_with_detail(data_dir):
    """Issue 17: the two screens built the same table-plus-detail each; now one widget."""
    from remisstui.tui.widgets.table_detail import TableDetail

    app = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        remiss = await open_example(pilot)
        main = remiss.query_one(TableDetail)
        assert main.table is remiss.table
        await move_to(pilot, remiss.table, SODERMALM)
        assert static_text(remiss, "#detail-text").startswith(SODERMALM)
        await pilot.press("h")
        await pilot.pause()
        history = app.screen
        assert history.query_one(TableDetail).table is history.table
        await pilot.press("down")
        await pilot.pause()
        key = history.table.current_key
        shown = history.events[len(history.events) - int(key)]
        assert static_text(history, "#event-text").startswith(shown.what)
