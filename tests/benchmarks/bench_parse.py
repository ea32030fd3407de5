"""Benchmark: read and parse a 30-page PDF (pages of the Kammarkollegiet sample, duplicated).

Run:  .venv/bin/python tests/benchmarks/bench_parse.py [--pages 30] [--runs 7]
Prints the median wall time of read_document over the runs (target: under 2 s).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "samples" / "kammarkollegiet-remissvar-KN2026-00741.pdf"


def build_pdf(target: Path, pages: int) -> None:
    from pypdf import PdfReader, PdfWriter

    src = PdfReader(str(SAMPLE))
    w = PdfWriter()
    while len(w.pages) < pages:
        for p in src.pages:
            if len(w.pages) >= pages:
                break
            w.add_page(p)
    with open(target, "wb") as fh:
        w.write(fh)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=30)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    if not SAMPLE.exists():
        print(f"saknar {SAMPLE}", file=sys.stderr)
        return 1
    from remisstui.formats.document import read_document
    from remisstui.formats.toml_io import bundled_register

    register = bundled_register()
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "lang.pdf"
        build_pdf(pdf, args.pages)
        read_document(pdf, register)  # warm-up: imports pypdf
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            doc = read_document(pdf, register)
            times.append(time.perf_counter() - t)
    print(f"pages={doc.pages} chars={len(doc.text)} runs={args.runs}")
    print(f"median {statistics.median(times):.3f} s  min {min(times):.3f} s  max {max(times):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
