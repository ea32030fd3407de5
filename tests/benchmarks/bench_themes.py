"""Benchmark: theme suggestions for a remiss with 1,000 synpunkter, and again after one acceptance
(the bound is 1 s each).

Not a test: run `python tests/benchmarks/bench_themes.py [runs] [n]` and read the numbers. Prints the
median and slowest time over several runs for both ways to a suggestion: with a vocabulary of eight
themes, and with none (groups proposed from what recurs). The synpunkter are written by the project
(themes_data.py), 100 organisations with ten each, no two alike.
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from themes_data import THEMES, synpunkter  # noqa: E402

from remisstui.domain.model import Theme  # noqa: E402
from remisstui.domain.themes import Item, suggest  # noqa: E402


def timed(fn) -> tuple[float, float]:
    """Wall time and this process's CPU time, in ms (the machine is shared: CPU time is steadier)."""
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000


def main(runs: int = 5, n: int = 1000) -> None:
    rows = synpunkter(n)
    items = [Item(ref=(org, i), organisation=org, text=text) for i, (org, text, _theme) in enumerate(rows)]
    vocab = [Theme(name=name) for name in THEMES]
    orgs = len({it.organisation for it in items})
    print(f"{len(items)} synpunkter från {orgs} organisationer, {runs} körningar")
    # Longer synpunkter too (three joined, about 75 words each), as real answers have.
    rows3 = synpunkter(3 * n)
    long_items = [Item(ref=(rows3[3 * i][0], i), organisation=rows3[3 * i][0],
                       text=" ".join(r[1] for r in rows3[3 * i:3 * i + 3])) for i in range(n)]
    for label, themes, items in (("named", vocab, items), ("open", [], items),
                                 ("named75", vocab, long_items), ("open75", [], long_items)):
        runs_ = [timed(lambda: suggest(items, themes)) for _ in range(runs)]  # noqa: B023
        wall, cpu = [w for w, _ in runs_], [c for _, c in runs_]
        got = suggest(items, themes)
        given = sum(1 for s in got.values() if s)
        print(f"{label:<8} median {statistics.median(wall):8.1f} ms   max {max(wall):8.1f} ms   "
              f"cpu median {statistics.median(cpu):8.1f} ms   "
              f"{given} förslag, {len({s.theme for s in got.values() if s})} teman")
        # A person accepts one suggestion (or, without a vocabulary, places one synpunkt under a
        # theme of their own): the board computes every suggestion again with it as evidence.
        first = next((it for it in items if got.get(it.ref)), items[0])
        name = got[first.ref].theme if got.get(first.ref) else "eget tema"
        placed = [replace(it, theme=name) if it.ref == first.ref else it for it in items]
        themes2 = themes if got.get(first.ref) and not got[first.ref].new else [*themes, Theme(name=name)]
        upd = [timed(lambda: suggest(placed, themes2)) for _ in range(runs)]  # noqa: B023
        print(f"{label + '+1':<8} median {statistics.median([w for w, _ in upd]):8.1f} ms   "
              f"max {max(w for w, _ in upd):8.1f} ms   cpu median {statistics.median([c for _, c in upd]):8.1f} ms   "
              f"efter en godtagen")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5, int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
