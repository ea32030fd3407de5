"""Benchmark: build and render the remissammanställning at 60 to 2,000 recipients, every format.

Not a test: run `python tests/benchmarks/bench_summary.py [runs] [sizes...]` and read the numbers.
For each size it prints the build time and, per format, the median and slowest render over `runs`
runs in milliseconds, the file size, and the cost per recipient (so a linear cost shows as a flat
ms/mottagare column across sizes). The first call of each format (importing python-docx/openpyxl)
is timed once, at the start. The goal (issue 14): every format of a 1,000-recipient remiss in at
most 1 s.

The remiss is the generated 60-recipient one (tests/summary_data.py: every status, joint answers,
declines, dissents, anstånd and hostile comments), repeated with numbered organisation names until
it has the size asked for; joint answers stay joint within each copy.
"""

from __future__ import annotations

import copy
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from summary_data import TODAY, generated_register, generated_remiss  # noqa: E402

from remisstui.domain.model import Remiss  # noqa: E402
from remisstui.formats.summary import build_summary  # noqa: E402
from remisstui.formats.summary_formats import FORMATS, render  # noqa: E402

SIZES = (60, 250, 500, 1000, 2000)


def scaled_remiss(n: int) -> Remiss:
    base = generated_remiss()
    remiss = copy.deepcopy(base)
    remiss.recipients = []
    copy_no = 0
    while len(remiss.recipients) < n:
        copy_no += 1
        for rec in base.recipients:
            if len(remiss.recipients) >= n:
                break
            r = copy.deepcopy(rec)
            if copy_no > 1:
                r.organisation = f"{rec.organisation} {copy_no}"
                if r.response is not None:
                    r.response.joint_with = [f"{o} {copy_no}" for o in r.response.joint_with]
            remiss.recipients.append(r)
    return remiss


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main(runs: int = 5, sizes: tuple[int, ...] = SIZES) -> None:
    register = generated_register()
    small = build_summary(generated_remiss(), register, today=TODAY)
    firsts = {code: timed(lambda: render(small, code)) for code in FORMATS}
    print("första anropet (med import): " + ", ".join(f"{c} {t:.0f} ms" for c, t in firsts.items()))
    print(f"{runs} körningar per format och storlek; median, max, storlek, median per mottagare")
    for n in sizes:
        remiss = scaled_remiss(n)
        build_times = [timed(lambda: build_summary(remiss, register, today=TODAY)) for _ in range(runs)]
        summary = build_summary(remiss, register, today=TODAY)
        b = statistics.median(build_times)
        print(f"\n{n} mottagare")
        print(f"  {'build':<10} {b:8.1f} ms  max {max(build_times):8.1f} ms"
              f"{'':>12}  {b / n * 1000:7.1f} µs/mottagare")
        for code in FORMATS:
            times = [timed(lambda: render(summary, code)) for _ in range(runs)]
            size = len(render(summary, code))
            m = statistics.median(times)
            print(f"  {code:<10} {m:8.1f} ms  max {max(times):8.1f} ms  {size / 1024:7.0f} KiB"
                  f"  {m / n * 1000:7.1f} µs/mottagare  (med build {m + b:7.1f} ms)")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(args[0] if args else 5, tuple(args[1:]) or SIZES)
