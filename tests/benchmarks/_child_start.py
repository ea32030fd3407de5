"""Child process timed by bench.py: start an app headless and say when its table shows its rows.

    python _child_start.py app|bare DATA_DIR T0 ROWS

T0 is the parent's time.time() taken just before it started this process, so the time measured
includes the interpreter's start and every import, as a user starting the program sees it.
"app" builds the real app as the CLI does (open_store, ensure_seeded, make_app); "bare" is the floor:
a Textual app with Header, a DataTable of ROWS rows of eight Text cells, and Footer.
Ready = a DataTable on the current screen has ROWS rows and the screen has painted after that.
Prints one JSON line: {"ms": ..., "rss_mb": ...}.
"""

import sys
import time

mode, data_dir, t0, rows = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])

if mode == "bare":
    from rich.text import Text
    from textual.app import App
    from textual.widgets import DataTable, Footer, Header

    class Bare(App):
        def compose(self):
            yield Header()
            yield DataTable(cursor_type="row", zebra_stripes=True)
            yield Footer()

        def on_mount(self):
            table = self.query_one(DataTable)
            for name in ("Dnr", "Rubrik", "Svarsdatum", "Kvar", "Svar", "Försenade", "Anstånd", "Läge"):
                table.add_column(Text(name))
            for i in range(rows):
                table.add_row(
                    *(Text(s) for s in (f"KS 2026/{i}", "Program för kommunikation", "2026-12-01", "5 d",
                                        "▰▰▱▱▱ 9/24", "–", "–", "→ ute på remiss")),
                    key=str(i),
                )

    app = Bare()
else:
    from remisstui import services
    from remisstui.tui.app import make_app

    store = services.open_store(data_dir)
    notice = services.ensure_seeded(store)
    app = make_app(store, notice=notice, own_process=True)


async def pilot(pilot):
    import asyncio
    import json
    import resource

    from textual.widgets import DataTable

    deadline = time.time() + 120
    while True:
        tables = list(app.screen.query(DataTable))
        if any(t.row_count >= rows for t in tables):
            break
        if time.time() > deadline:
            print(json.dumps({"error": f"no table with {rows} rows on {type(app.screen).__name__}"}), flush=True)
            app.exit()
            return
        await asyncio.sleep(0.002)
    # Painted once (not pilot.pause(), which also waits for work deferred past the first paint).
    wait = getattr(pilot, "_wait_for_screen", None)
    if wait is not None and hasattr(app.screen, "_on_timer_update"):
        await wait()
        app.screen._on_timer_update()
    else:
        await pilot.pause()
    ready = time.time()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:  # ru_maxrss survives exec() on Linux: the parent's peak would show; VmHWM does not
        with open("/proc/self/status", encoding="ascii") as fh:
            rss = next(int(line.split()[1]) / 1024 for line in fh if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        pass
    print(json.dumps({"ms": (ready - t0) * 1000, "rss_mb": rss}), flush=True)
    app.exit()


app.run(headless=True, size=(120, 40), auto_pilot=pilot)
