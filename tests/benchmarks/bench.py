"""Scale benchmark: ten years of remisser, and the app must still feel instant.

    python tests/benchmarks/bench.py [--scale small|10y] [--json FILE] [--runs N] [--data DIR]

Builds the data folder once in a temporary folder (generate.py; `--data DIR` reuses or creates one
there), then measures, each as the median of several runs and side by side in this one invocation
so the ratios hold on a noisy machine:

  cold_start_ms        process start -> the overview table shows the active remisser (headless)
  bare_textual_ms      the same for a bare Textual app (Header, DataTable with as many rows, Footer)
  cold_start_ratio     cold_start_ms / bare_textual_ms
  cold_start_rss_mb    peak RSS of the app process when the overview shows
  save_ms              one recipient status change through services.set_status (fsync included)
  save_floor_ms        an atomic fsynced write of the same file's bytes: the disk's floor for save_ms
  naive_save_ms        the same change with plain TinyDB JSONStorage holding every remiss in one file
  save_speedup         naive_save_ms / save_ms
  open_remiss_ms       open a 60-recipient remiss until its recipients table is shown
  open_remiss_first_ms the first of those openings
  bare_open_ms         the floor: push a bare screen (Header, 60-row DataTable, Footer) the same way
  search_preload_ms    building the search text index in the background (not on the UI thread)
  search_overdue_ms    search screen: all overdue recipients until the results are shown
  search_text_ms       search screen: "rollfördelning" across all recipients until shown
  search_*_service_ms  the same two searches through remisstui.search alone
  search_*_hits        how many recipients those searches found
  summary_md_ms, summary_docx_ms, summary_xlsx_ms   the summary of a 60-recipient remiss
  remisser, recipients, generate_s   the folder (generate_s: null when --data reused one)
  peak_rss_mb          peak memory of the app session with the folder open, index built, screens shown

Prints a table with PASS/FAIL per target (informational: always exits 0) and, with --json, writes
{"metric": value} (ms and MB; null when a part could not be measured). Nothing here asserts time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import generate  # noqa: E402

SCALES = {"small": 60, "10y": 3000}
RUNS = {"small": 2, "10y": 5}

# metric -> (target text, check)
TARGETS: dict[str, tuple[str, Any]] = {
    "cold_start_ratio": ("≤ 1.3 × bar Textual", lambda v, m: v <= 1.3),
    "save_ms": ("≤ 10 ms", lambda v, m: v <= 10),
    "save_speedup": ("≥ 100 ×", lambda v, m: v >= 100),
    "open_remiss_ms": ("≤ 150 ms", lambda v, m: v <= 150),
    "search_overdue_ms": ("≤ 300 ms", lambda v, m: v <= 300),
    "search_text_ms": ("≤ 300 ms", lambda v, m: v <= 300),
    "summary_md_ms": ("≤ 1000 ms", lambda v, m: v <= 1000),
    "summary_docx_ms": ("≤ 1000 ms", lambda v, m: v <= 1000),
    "summary_xlsx_ms": ("≤ 1000 ms", lambda v, m: v <= 1000),
    "peak_rss_mb": ("≤ 250 MB", lambda v, m: v <= 250),
}

ORDER = [
    "remisser", "recipients", "generate_s",
    "cold_start_ms", "bare_textual_ms", "cold_start_ratio", "cold_start_rss_mb",
    "save_ms", "save_floor_ms", "naive_save_ms", "save_speedup",
    "open_remiss_ms", "open_remiss_first_ms", "bare_open_ms",
    "search_preload_ms", "search_overdue_ms", "search_text_ms",
    "search_overdue_service_ms", "search_text_service_ms", "search_overdue_hits", "search_text_hits",
    "summary_md_ms", "summary_docx_ms", "summary_xlsx_ms",
    "peak_rss_mb",
]

# Every key bench.py writes; the smoke test checks each is present (numeric or null).
KEYS = ORDER


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _child(args: list[str], timeout: float = 900) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    for line in reversed(proc.stdout.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    return {"error": (proc.stderr or proc.stdout)[-2000:] or f"exit {proc.returncode}"}


# --- cold start -----------------------------------------------------------------------------


def ensure_bytecode() -> None:
    """Compile remisstui's modules to bytecode, as `pip install` does for Textual's.

    Otherwise the comparison is unfair in a workspace that sets PYTHONDONTWRITEBYTECODE with an
    editable install: Python then compiles our ~25 start-up modules from source in every process
    (about 28 ms here) while the bare app reads Textual's precompiled .pyc files. An installed
    remisstui, and `make run`, start from bytecode.
    """
    import compileall

    import remisstui

    package = Path(remisstui.__file__).parent
    try:
        compileall.compile_dir(str(package), quiet=2)
    except OSError:  # a read-only install: pip compiled it already
        pass


def measure_cold_start(folder: Path, rows: int, runs: int, result: dict[str, Any], notes: list[str]) -> None:
    ensure_bytecode()
    app_ms, bare_ms, rss = [], [], []
    script = str(HERE / "_child_start.py")
    for _ in range(runs):
        for mode in ("bare", "app"):  # interleaved: both see the same machine load
            t0 = time.time()
            r = _child([script, mode, str(folder), repr(t0), str(rows)])
            if "ms" not in r:
                notes.append(f"cold start ({mode}): {r.get('error', r)}")
                continue
            (bare_ms if mode == "bare" else app_ms).append(r["ms"])
            if mode == "app":
                rss.append(r["rss_mb"])
    result["cold_start_ms"] = statistics.median(app_ms) if app_ms else None
    result["bare_textual_ms"] = statistics.median(bare_ms) if bare_ms else None
    result["cold_start_rss_mb"] = max(rss) if rss else None
    if app_ms and bare_ms:
        result["cold_start_ratio"] = result["cold_start_ms"] / result["bare_textual_ms"]
    else:
        result["cold_start_ratio"] = None


# --- saves ----------------------------------------------------------------------------------


def measure_save(folder: Path, dnr: str, org: str, runs: int, result: dict[str, Any]) -> None:
    from remisstui import services
    from remisstui.domain.model import Status

    store = services.open_store(folder)
    store.summaries()  # as the running app has
    times = []
    statuses = [Status.in_preparation, Status.registered]
    for i in range(runs * 3 + 1):
        t = time.perf_counter()
        services.set_status(store, dnr, [org], statuses[i % 2])
        times.append((time.perf_counter() - t) * 1000)
    result["save_ms"] = statistics.median(times[1:])
    # The floor: an atomic, fsynced write of the same bytes beside it (what any durable save costs).
    from remisstui.store.storage import atomic_write_bytes

    path = store.path_for(dnr)
    payload = path.read_bytes()
    floor = []
    with tempfile.TemporaryDirectory(dir=folder, prefix=".bench-floor-") as tmp:
        for _ in range(runs * 3):
            t = time.perf_counter()
            atomic_write_bytes(Path(tmp) / path.name, payload)
            floor.append((time.perf_counter() - t) * 1000)
    result["save_floor_ms"] = statistics.median(floor)


def build_naive(folder: Path, path: Path) -> None:
    """Every remiss (header, recipients, events) as one document of one TinyDB JSONStorage file."""
    import orjson
    from tinydb import TinyDB

    docs = []
    for f in sorted((folder / "remisser").glob("*.json")):
        raw = orjson.loads(f.read_bytes())
        header = next(iter(raw["remiss"].values()))
        docs.append({
            **header,
            "recipients": list(raw["recipients"].values()),
            "events": list(raw["events"].values()),
        })
    db = TinyDB(path)  # plain JSONStorage
    db.table("remisser").insert_multiple(docs)
    db.close()


def measure_naive_save(folder: Path, dnr: str, org: str, runs: int, result: dict[str, Any]) -> None:
    from tinydb import Query, TinyDB

    with tempfile.TemporaryDirectory(prefix="remisstui-naive-") as tmp:
        path = Path(tmp) / "allt.json"
        t = time.perf_counter()
        build_naive(folder, path)
        log(f"  naiv TinyDB-fil {path.stat().st_size / 1e6:.0f} MB byggd på {time.perf_counter() - t:.1f} s")
        times = []
        for i in range(runs):
            status = "in_preparation" if i % 2 else "registered"

            def change(doc: dict) -> None:
                for rec in doc["recipients"]:
                    if rec["organisation"] == org:
                        rec["status"] = status

            db = TinyDB(path)
            t = time.perf_counter()
            db.table("remisser").update(change, Query().dnr == dnr)
            times.append((time.perf_counter() - t) * 1000)
            db.close()
        result["naive_save_ms"] = statistics.median(times)


# --- summaries ------------------------------------------------------------------------------


def measure_summaries(folder: Path, dnr: str, runs: int, result: dict[str, Any], notes: list[str]) -> None:
    try:
        from remisstui.services import exports as exporting
    except ImportError:
        for fmt in ("md", "docx", "xlsx"):
            result[f"summary_{fmt}_ms"] = None
        notes.append("sammanställning: remisstui.exporting saknas")
        return
    from remisstui import services

    store = services.open_store(folder)
    for fmt in ("md", "docx", "xlsx"):
        times = []
        try:
            for _ in range(runs + 1):
                t = time.perf_counter()
                data = exporting.render_summary(store, dnr, fmt, today=date.today())
                times.append((time.perf_counter() - t) * 1000)
                assert data
        except Exception as exc:
            result[f"summary_{fmt}_ms"] = None
            notes.append(f"sammanställning {fmt}: {type(exc).__name__}: {exc}")
            continue
        # the first run includes importing python-docx / openpyxl: report the worse of the two
        result[f"summary_{fmt}_ms"] = max(statistics.median(times[1:]), times[0])


# --- report ---------------------------------------------------------------------------------


def fmt_value(v: Any) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:,.1f}".replace(",", " ") if abs(v) >= 10 else f"{v:.2f}"
    return f"{v:,}".replace(",", " ")


def report(result: dict[str, Any]) -> str:
    lines = [f"{'mått':<28} {'värde':>12}  {'mål':<22} resultat", "-" * 72]
    for key in ORDER:
        v = result.get(key)
        target, verdict = "", ""
        if key in TARGETS:
            target = TARGETS[key][0]
            verdict = "–" if v is None else ("PASS" if TARGETS[key][1](v, result) else "FAIL")
        lines.append(f"{key:<28} {fmt_value(v):>12}  {target:<22} {verdict}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Mät remisstui på tio års data.")
    p.add_argument("--scale", choices=sorted(SCALES), default="10y")
    p.add_argument("--json", metavar="FIL", help="skriv måtten som JSON hit")
    p.add_argument("--runs", type=int, default=None, help="körningar per mått (median)")
    p.add_argument("--data", metavar="MAPP", help="använd/skapa datamappen här i stället för en temporär")
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args(argv)
    runs = args.runs or RUNS[args.scale]
    n = SCALES[args.scale]
    tmp = None
    if args.data:
        folder = Path(args.data)
    else:
        tmp = tempfile.mkdtemp(prefix=f"remisstui-bench-{args.scale}-")
        folder = Path(tmp) / "data"
    result: dict[str, Any] = {k: None for k in KEYS}
    notes: list[str] = []
    try:
        from remisstui import services
        from remisstui.domain.model import RemissState

        if not (folder / "remisser").is_dir() or not any((folder / "remisser").iterdir()):
            log(f"Skapar {n} remisser i {folder} …")
            info = generate.generate(folder, n, seed=args.seed)
            result["generate_s"] = info.seconds
            dnr60, org = info.big_active_dnr, info.big_active_org
        else:
            log(f"Använder befintliga {folder}")
            store = services.open_store(folder)
            big = [s for s in store.summaries() if len(s.recipients) >= 60]
            big.sort(key=lambda s: (s.state != RemissState.out.value, s.sent_on or ""), reverse=False)
            chosen = big[-1] if big else max(store.summaries(), key=lambda s: len(s.recipients))
            dnr60 = chosen.dnr
            org = next((r[0] for r in chosen.recipients if r[2] in ("sent", "registered", "in_preparation")),
                       chosen.recipients[0][0])
        os.sync()  # generated pages flushed now, not inside a timed fsync
        store = services.open_store(folder)
        summaries = store.summaries()
        result["remisser"] = len(summaries)
        result["recipients"] = sum(len(s.recipients) for s in summaries)
        rows = len(services.overview_rows(store, date.today()))
        log(f"{result['remisser']} remisser, {result['recipients']} mottagare, {rows} aktiva; "
            f"stor remiss {dnr60} ({org})")

        log("Kallstart …")
        measure_cold_start(folder, rows, runs, result, notes)
        log("Spara …")
        measure_save(folder, dnr60, org, runs, result)
        log("Session: öppna remiss, sök, minne …")
        session = _child([str(HERE / "_child_session.py"), str(folder), dnr60, str(runs), str(rows)])
        for key, value in session.items():
            if key.endswith("_error") or key == "error":
                notes.append(f"{key}: {value}")
            else:
                result[key] = value
        log("Sammanställningar …")
        measure_summaries(folder, dnr60, runs, result, notes)
        # Last: holding every remiss in one TinyDB file takes this process to gigabytes.
        log("Naiv TinyDB …")
        measure_naive_save(folder, dnr60, org, max(1, min(runs, 3)), result)
        if result["save_ms"] and result["naive_save_ms"]:
            result["save_speedup"] = result["naive_save_ms"] / result["save_ms"]
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    print(report(result))
    for note in notes:
        print(f"not: {note}")
    if args.json:
        Path(args.json).write_text(json.dumps({k: result.get(k) for k in KEYS}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
