#!/usr/bin/env python3
"""Check the position passages `remisstui parse --json` gives: they must hold the instans's own words
and nothing a registrator would never quote.

    .venv/bin/python tests/corpus_own/check_positions.py --remisstui .venv/bin/remisstui [--split dev]
    .venv/bin/python tests/corpus_own/check_positions.py --folder /tmp/remisstui-corpus

For every text of the folder (default <corpus>/<split>, <corpus> = $REMISSTUI_CORPUS or /work/corpus-own),
each passage is checked for the classes below; an offending passage is printed with its class and the
text that gave it away. Ends with the count per class and `offending passages: N of M (D documents)`.
Holdout is for the final score only: do not develop on it.

Classes: a letterhead line, an address, a phone number, an e-mail or web address, a page number, a dnr
or reference line, the invitation or its deadline, and the protokoll's procedure. Stdlib only; the
project is driven through its CLI, as a registrator would.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

CLASSES: dict[str, re.Pattern[str]] = {
    "address": re.compile(
        r"\b[0-9]{3}\s?[0-9]{2}\s+[A-ZÅÄÖ][a-zåäö]+|\bbox\s+[0-9]{1,6}\b|\b(?:besöks|post)adress\b|"
        r"\b[A-ZÅÄÖ][a-zåäö]+(?:gatan|vägen|torget|gränd|plan)\s+[0-9]{1,4}\b", re.IGNORECASE),
    "phone": re.compile(
        r"\b(?:tel(?:efon)?|tfn|växel|fax|mobil)\b\.?\s*:?|(?:\+46|\b0)[0-9]{1,3}[\s-][0-9]{2,3}[\s-]?[0-9]{2}[\s-]?[0-9]{2}\b",
        re.IGNORECASE),
    "email_web": re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|\bwww\.|https?://|\b[\w-]+\.(?:se|nu|com|org)\b", re.IGNORECASE),
    "page": re.compile(r"\bsid(?:a|an)?\s+[0-9]{1,3}\b|\b[0-9]{1,3}\s*\(\s*[0-9]{1,3}\s*\)|^-\s*[0-9]{1,3}\s*-$|"
                       r"\b[0-9]{1,3}\s+av\s+[0-9]{1,3}\b(?!\s+(?:förslag|procent|kommuner|regioner))", re.IGNORECASE),
    "dnr": re.compile(r"\b(?:dnr|diarienr|diarienummer|er\s+beteckning|vår\s+beteckning|er\s+referens|"
                      r"vår\s+referens|ert\s+datum|vårt\s+datum)\b|\bhandläggare\b", re.IGNORECASE),
    "invitation": re.compile(
        r"\b(?:beretts|fått|getts|givits)\s+(?:\w+\s+){0,2}(?:möjlighet|tillfälle)\b|\bhar\s+(?:\w+\s+){0,3}remitterat\b|"
        r"\bremitter(?:ats|ades)\s+till\b|\binbjudits\b|\bombetts\b|\bsenast\s+(?:den\s+)?[0-9]|\bsvar(?:et)?\s+senast\b|"
        r"\banstånd\b|\bremisstid\w*|\bsvarstid\w*|\banmodat?s\b|\binkomma\s+med\s+(?:yttrande|synpunkter|svar)\b|"
        r"\bhar\s+lämnat\s+(?:ett|sitt)\s+(?:remiss)?(?:yttrande|svar)\s+(?:till|över)\b", re.IGNORECASE),
    # A heading the extraction ran into the text, or the decision's date line.
    "heading": re.compile(
        r"(?:^|\s)(?:Sammanfattning|Beredning|Bakgrund|Yttrande|Remissvar|(?:Övergripande|Allmänna)\s+synpunkter|"
        r"Synpunkter|Ärendet|Förslag\s+till\s+beslut|Bedömning)\s+[A-ZÅÄÖ][a-zåäö]|\bdaterat?\s+[0-9]"),
    "procedure": re.compile(
        r"\bjuster(?:as|ing|ingen|a)\b|\byrkande\w*|\byrkar\b|\bpropositionsordning\w*|\bproposition\s+på\b|"
        r"\bvotering\w*|\bomröstning\w*|\breserver(?:ar|ade)\s+sig\b|\bprotokollsanteckning\w*|\bbeslutsgång\w*|"
        # "§ 12" heading a protokoll paragraph, not a law reference ("4 kap. 16 § 5").
        r"(?:^|[.:]\s+)§\s*[0-9]+|\bföredrag(?:ning|ande)\b|\bnärvarande\b|\bajourner\w*|\bomedelbart\s+justera", re.IGNORECASE),
}


def letterhead_lines(text: str) -> list[str]:
    """Short lines of the document's head that are no sentence: the sender block, the doc kind."""
    out: list[str] = []
    for line in text.splitlines()[:15]:
        s = " ".join(line.split())
        if 4 <= len(s) <= 60 and not re.search(r"[.!?:]$", s) and len(s.split()) >= 2:
            out.append(s)
    return out


def offences(passage: str, head: list[str]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    flat = " ".join(passage.split())
    for name, rx in CLASSES.items():
        m = rx.search(flat)
        if m:
            found.append((name, m.group(0)))
    for line in head:
        # A head line standing in a passage as its own unit (the sender block run into the text).
        if re.search(rf"(?:^|\s){re.escape(line)}(?:\s+[A-ZÅÄÖ]|$)", flat) and not flat.startswith(line + " "):
            found.append(("letterhead", line))
            break
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "holdout"), default="dev")
    ap.add_argument("--folder", help="a folder of .txt texts instead of <corpus>/<split>")
    ap.add_argument("--corpus", help="folder holding dev/ and holdout/")
    ap.add_argument("--remisstui", default="remisstui", help="path of the remisstui executable")
    ap.add_argument("--quiet", action="store_true", help="print only the counts")
    args = ap.parse_args(argv)
    folder = Path(args.folder) if args.folder else \
        Path(args.corpus or os.environ.get("REMISSTUI_CORPUS") or "/work/corpus-own") / args.split
    if not folder.is_dir():
        ap.error(f"no texts at {folder}")
    per_class: Counter[str] = Counter()
    bad = total = 0
    bad_docs: set[str] = set()
    for f in sorted(folder.glob("*.txt")):
        proc = subprocess.run([args.remisstui, "parse", str(f), "--json"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, timeout=60)
        if proc.returncode != 0:
            print(f"== {f.stem}: parse failed ({proc.stderr.strip().splitlines()[-1:]})")
            continue
        data = json.loads(proc.stdout)
        head = letterhead_lines(f.read_text(encoding="utf-8", errors="replace"))
        for p in data.get("positions") or []:
            total += 1
            found = offences(p["text"], head)
            if not found:
                continue
            bad += 1
            bad_docs.add(f.stem)
            for name, _ in found:
                per_class[name] += 1
            if not args.quiet:
                what = "; ".join(f"{n}: {t!r}" for n, t in found)
                print(f"== {f.stem} line {p.get('line')} [{what}]\n   {' '.join(p['text'].split())[:300]}")
    print("\nper class: " + (", ".join(f"{k} {v}" for k, v in sorted(per_class.items())) or "none"))
    print(f"offending passages: {bad} of {total} ({len(bad_docs)} documents)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
