"""Benchmark: how long the document reader takes, and that the time grows linearly with the text.

Run:  .venv/bin/python tests/benchmarks/bench_parse.py [--pages 30] [--runs 5] [--mb 2]

Prints (no asserts; the bounds of issue 15 are 2 s for a 2 MB text and 0.5 s for a 30-page PDF):
- parse_text on a generated remissvar text of 0.25, 0.5, 1 and --mb MB, and the time per MB;
- read_document on a --pages page PDF (the Kammarkollegiet sample's page repeated), with pdfium
  (the reader's default) and with pypdf (the fallback), extraction and parsing apart.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "samples" / "kammarkollegiet-remissvar-KN2026-00741.pdf"

_PARAGRAPH = (
    "Förvaltningen anser att förslaget i huvudsak är väl avvägt men att konsekvenserna för "
    "kommunerna behöver belysas ytterligare. Stadsdelsnämnden tillstyrker förslaget med de "
    "synpunkter som framgår av detta tjänsteutlåtande, dnr SÖD 2024/145, daterat 2024-03-12. "
    "Handläggare Anna Berg, telefon 08-508 123 45, anna.berg@stockholm.se.\n\n"
)
_HEAD = (
    "Södermalms stadsdelsförvaltning\nTjänsteutlåtande\nDnr SÖD 2024/145\n2024-03-12\n"
    "Handläggare: Anna Berg\nTelefon: 08-508 123 45\n\nRemissvar gällande betänkandet Ett test (SOU 2024:1)\n\n"
    "Sammanfattning\n"
)


def text_of(size: int) -> str:
    body = _PARAGRAPH * (size // len(_PARAGRAPH) + 1)
    return (_HEAD + body)[:size]


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


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
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--mb", type=float, default=2.0)
    args = ap.parse_args()

    from remisstui.formats.document import extract as ex
    from remisstui.formats.document import parse_text, read_document
    from remisstui.formats.toml_io import bundled_register

    register = bundled_register()
    parse_text(text_of(20_000), register)  # warm-up: the public bodies list loads once

    print("parse_text (text in memory):")
    sizes = [0.25, 0.5, 1.0, args.mb]
    per_mb = []
    for mb in sizes:
        text = text_of(int(mb * 1_000_000))
        t = median_time(lambda: parse_text(text, register), max(1, args.runs // 2))
        per_mb.append(t / mb)
        print(f"  {mb:>5.2f} MB  {t:7.3f} s   {t / mb:6.3f} s/MB")
    print(f"  growth: s/MB from {sizes[0]} to {sizes[-1]} MB changes by x{per_mb[-1] / per_mb[0]:.2f} "
          "(1.0 = linear)")

    if not SAMPLE.exists():
        print(f"saknar {SAMPLE}; PDF-mätningen hoppas över", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "lang.pdf"
        build_pdf(pdf, args.pages)
        print(f"read_document on a {args.pages}-page PDF:")
        for label, extractor in (("pdfium", ex._extract_pdf_pdfium), ("pypdf", ex._extract_pdf_pypdf)):
            extractor(pdf)  # warm-up: imports
            t_extract = median_time(lambda: extractor(pdf), args.runs)
            raw = extractor(pdf)
            t_parse = median_time(lambda: parse_text(raw.pages, register), args.runs)
            print(f"  {label:<7} extract {t_extract:6.3f} s  parse {t_parse:6.3f} s  total {t_extract + t_parse:6.3f} s"
                  f"  ({sum(len(p) for p in raw.pages)} chars)")
        t = median_time(lambda: read_document(pdf, register), args.runs)
        print(f"  read_document (default) {t:6.3f} s")
        t1 = median_time(lambda: ex._extract_pdf_pdfium(SAMPLE), args.runs)
        t2 = median_time(lambda: ex._extract_pdf_pypdf(SAMPLE), args.runs)
        print(f"  the 1-page sample: pdfium {t1 * 1000:.1f} ms, pypdf {t2 * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
