"""Benchmark: build and render the remissammanställning of a generated 60-recipient remiss.

Not a test: run `python tests/benchmarks/bench_summary.py [runs]` and read the numbers. Prints the
median and the slowest time per format over several runs, in milliseconds, plus the first-call
time (which includes importing python-docx / openpyxl). The remiss has every status, joint answers,
declines, dissents, anstånd and hostile comments (tests/summary_data.py).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from summary_data import TODAY, generated_register, generated_remiss  # noqa: E402

from remisstui.formats.summary import build_summary  # noqa: E402
from remisstui.formats.summary_formats import FORMATS, render  # noqa: E402


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main(runs: int = 15) -> None:
    remiss = generated_remiss()
    register = generated_register()
    print(f"remiss: {len(remiss.recipients)} mottagare, {runs} körningar per format")
    build_times = [timed(lambda: build_summary(remiss, register, today=TODAY)) for _ in range(runs)]
    summary = build_summary(remiss, register, today=TODAY)
    print(f"{'build':<10} median {statistics.median(build_times):8.1f} ms   max {max(build_times):8.1f} ms")
    for code in FORMATS:
        first = timed(lambda: render(summary, code))
        times = [timed(lambda: render(summary, code)) for _ in range(runs)]
        size = len(render(summary, code))
        print(f"{code:<10} median {statistics.median(times):8.1f} ms   max {max(times):8.1f} ms   "
              f"first {first:8.1f} ms   {size / 1024:7.1f} KiB")
    total = [timed(lambda: [render(build_summary(remiss, register, today=TODAY), c) for c in FORMATS])
             for _ in range(max(3, runs // 3))]
    print(f"{'all':<10} median {statistics.median(total):8.1f} ms   (build + every format)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
