"""Child process run by bench.py: one headless session of the real app on the generated folder.

    python _child_session.py DATA_DIR DNR60 RUNS OVERVIEW_ROWS

In order: wait for the overview; build the search index in the background (timed: preload);
open the 60-recipient remiss RUNS times until its recipients table has every row and the screen
was refreshed; search through the search screen RUNS times each for all overdue recipients and for
the text "rollfördelning" until the results table has its first rows and the screen was refreshed;
the same searches through remisstui.search directly (no screen); finally the peak RSS of the
process with ten years open, the index built and those screens shown. Prints one JSON line.
"""

import asyncio
import json
import resource
import statistics
import sys
import time
import traceback
from datetime import date

data_dir, dnr60, runs, overview_rows = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
TEXT = "rollfördelning"

from remisstui import services  # noqa: E402
from remisstui.services import search  # noqa: E402
from remisstui.tui.app import make_app  # noqa: E402
from textual.widgets import DataTable  # noqa: E402

out: dict = {}


def rss_mb() -> float:
    # Peak RSS of this process image. ru_maxrss is not enough: Linux carries it over exec(),
    # so a child would report its parent's peak.
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def until(cond, timeout=60.0):
    end = time.perf_counter() + timeout
    while not cond():
        if time.perf_counter() > end:
            raise TimeoutError("timed out")
        await asyncio.sleep(0.002)


async def painted(pilot):
    """The screen has handled what was queued and painted once: what a user sees first.

    Not pilot.pause(): that waits for the CPU to go idle, so it would also count the rows a
    screen adds in later batches after the first paint.
    """
    wait = getattr(pilot, "_wait_for_screen", None)
    refresh = getattr(pilot.app.screen, "_on_timer_update", None)
    if wait is None or refresh is None:
        await pilot.pause()
        return
    await wait()
    pilot.app.screen._on_timer_update()


def table_rows(app, at_least):
    return any(t.row_count >= at_least for t in app.screen.query(DataTable))


async def main():
    store = services.open_store(data_dir)
    app = make_app(store, own_process=True)  # as the CLI builds it
    today = date.today()
    async with app.run_test(size=(120, 40)) as pilot:
        await until(lambda: table_rows(app, overview_rows))
        await pilot.pause()
        overview = app.screen
        out["rss_after_overview_mb"] = rss_mb()

        started = time.perf_counter()
        index = search.start_preload(store)  # the app may have started it already
        await asyncio.to_thread(index.wait_ready, 600)
        out["search_preload_ms"] = (time.perf_counter() - started) * 1000
        out["search_preload_thread_ms"] = (index.preload_seconds or 0) * 1000
        out["rss_after_preload_mb"] = rss_mb()

        # --- opening a remiss with 60 recipients ---------------------------------------------
        try:
            n_recipients = len(store.load(dnr60).recipients)
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                app.open_remiss(dnr60)
                await until(lambda: app.screen is not overview and table_rows(app, n_recipients), 30)
                await painted(pilot)
                times.append((time.perf_counter() - t) * 1000)
                app.pop_screen()
                await pilot.pause()
            out["open_remiss_ms"] = statistics.median(times)
            out["open_remiss_first_ms"] = times[0]
            out["open_remiss_recipients"] = n_recipients
            out["rss_after_open_mb"] = rss_mb()
        except Exception as exc:  # a missing screen is reported, the rest still measured
            out["open_remiss_ms"] = None
            out["open_remiss_error"] = f"{type(exc).__name__}: {exc}"

        # --- the floor: a bare screen with Header, a 60-row DataTable and Footer ----------------
        from rich.text import Text
        from textual.screen import Screen
        from textual.widgets import Footer, Header

        class BareScreen(Screen):
            def compose(self):
                yield Header()
                yield DataTable(cursor_type="row", zebra_stripes=True)
                yield Footer()

            def on_mount(self):
                table = self.query_one(DataTable)
                for name in ("Organisation", "Typ", "Status", "Svarsdatum", "Kvar", "Eget dnr", "Svar", "Inkom"):
                    table.add_column(Text(name))
                for i in range(60):
                    table.add_row(*(Text(s) for s in (f"Nämnd nummer {i}", "facknämnd", "→ utskickad", "2026-12-01",
                                                       "5 d", "SÖD 2026/145", "tillstyrker", "2026-11-20")), key=str(i))

        times = []
        for _ in range(runs):
            t = time.perf_counter()
            bare = BareScreen()
            app.push_screen(bare)
            await until(lambda: app.screen is bare and table_rows(app, 60), 30)
            await painted(pilot)
            times.append((time.perf_counter() - t) * 1000)
            app.pop_screen()
            await pilot.pause()
        out["bare_open_ms"] = statistics.median(times)

        # --- search through the screen ---------------------------------------------------------
        try:
            from remisstui.tui.screens.search import SearchScreen
            from textual.widgets import Checkbox, Input

            screen = SearchScreen(store, today=today)
            await app.push_screen(screen)
            await pilot.pause()
            inp = screen.query_one("#search-input", Input)
            box = screen.query_one("#search-overdue", Checkbox)
            results = screen.query_one("#search-results", DataTable)

            async def measure(text, overdue_only):
                # back to empty first (an empty, non-overdue search shows nothing)
                box.value = False
                inp.value = ""
                screen.run_search()
                await until(lambda: screen.result is not None and not screen.result.query and not screen.result.overdue_only)
                await pilot.pause()
                want = " ".join(text.split())  # SearchResult.query: as typed
                t = time.perf_counter()
                inp.value = text
                if overdue_only:
                    box.value = True  # the toggle searches at once
                else:
                    inp.focus()
                    # Enter searches at once, without the debounce (pilot.press would also wait
                    # for the CPU to go idle, i.e. for every batch of rows)
                    await inp.action_submit()
                await until(lambda: screen.result is not None and screen.result.query == want
                            and screen.result.overdue_only == overdue_only
                            and (results.row_count > 0 or screen.result.total == 0))
                await painted(pilot)
                ms = (time.perf_counter() - t) * 1000
                await pilot.pause()  # let the later batches finish before the next run
                return ms, screen.result.total

            for key, text, overdue_only in (("search_overdue_ms", "", True), ("search_text_ms", TEXT, False)):
                times = []
                total = 0
                for _ in range(runs):
                    ms, total = await measure(text, overdue_only)
                    times.append(ms)
                out[key] = statistics.median(times)
                out[key.replace("_ms", "_hits")] = total
            app.pop_screen()
            await pilot.pause()
        except Exception as exc:
            out.setdefault("search_overdue_ms", None)
            out.setdefault("search_text_ms", None)
            out["search_screen_error"] = f"{type(exc).__name__}: {exc}"

        # --- the same searches without a screen -------------------------------------------------
        times_o, times_t = [], []
        for _ in range(runs):
            t = time.perf_counter()
            search.overdue(store, today)
            times_o.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            index.search(TEXT, today=today)
            times_t.append((time.perf_counter() - t) * 1000)
        out["search_overdue_service_ms"] = statistics.median(times_o)
        out["search_text_service_ms"] = statistics.median(times_t)

        out["peak_rss_mb"] = rss_mb()


try:
    asyncio.run(main())
except Exception:
    out["error"] = traceback.format_exc(limit=3)
print(json.dumps(out), flush=True)
