#!/usr/bin/env python3
"""The automatic checks of issue 20 ("How it is measured") on a registered remiss.

    .venv/bin/python tests/corpus_own/beredning_checks.py --data DIR --dnr "KS 2099/4711" \
        --docs /work/corpus-own/dev [--labels tests/corpus_own/labels-dev.json] [--remisstui .venv/bin/remisstui]

Reads `summary --format json` and `--format beredning` of the remiss and checks:
  1. every quoted passage (a beredning sentence's source) is verbatim in its document and whole sentences;
  2. no letterhead line, address, phone number or e-mail address in the beredning;
  3. no förvaltningssvar or nämndbeslut (or kontorsyttrande) for a body outside the city;
  4. no dnr or date in the beredning;
  5. "i stort" only where the instans wrote it;
  6. the stance in the JSON equals the label (when --labels gives one for the organisation).
Prints one line per failure and a summary per check; exit status 1 when a check failed.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

CITY_KINDS = {"facknamnd", "stadsdelsnamnd"}
MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
DNR_RE = re.compile(r"\b[A-ZÅÄÖ]{1,8}[ -]?\d{2,4}[/:.-]\d+(?:[/:.-]\d+)*\b|\b[Dd]nr\b")
# A date is a day (ISO or "25 april"); a year the instans itself writes ("sommaren 2018") is its content.
DATE_RE = re.compile(rf"\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b\d{{1,2}} (?:{MONTHS})(?: \d{{4}})?\b")
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE_RE = re.compile(r"(?:\+46|\b0)\d{1,3}[- ]?\d{2,3}[ -]?\d{2}[ -]?\d{2}\b")
ADDRESS_RE = re.compile(r"\b\d{3} ?\d{2} [A-ZÅÄÖ][a-zåäö]+|\bBox \d+|\b[Tt]elefon\b|\b[Tt]fn\b|\b[Vv]äxel\b")


def norm(text: str) -> str:
    # Documents break lines with a hyphen at word ends; the reader joins them. Compare both ways.
    return " ".join((text or "").replace("\u00ad", "").split())


def dehyphen(text: str) -> str:
    return re.sub(r"(\w)- (\w)", r"\1\2", text)


def run(remisstui: str, data: str, *args: str) -> str:
    out = subprocess.run([remisstui, "--data", data, *args], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"{' '.join(args)} failed: {out.stderr.strip()}")
    return out.stdout


def load_docs(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*")) if p.is_file()}


def whole_sentences(passage: str, doc: str) -> bool:
    """The passage starts where a sentence starts and ends where one ends, in the document."""
    p = norm(passage)
    for hay in (norm(doc), dehyphen(norm(doc))):
        i = hay.find(p)
        if i < 0:
            continue
        before = hay[:i].rstrip()
        starts = not before or before[-1] in ".!?:;»\"" or p[:1].isupper() or p[:1].isdigit()
        ends = p[-1:] in ".!?:"
        return starts and ends
    return False


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--dnr", required=True)
    ap.add_argument("--docs", required=True)
    ap.add_argument("--labels", default="")
    ap.add_argument("--remisstui", default=".venv/bin/remisstui")
    a = ap.parse_args(argv)

    data = json.loads(run(a.remisstui, a.data, "summary", a.dnr, "--format", "json"))
    text = run(a.remisstui, a.data, "summary", a.dnr, "--format", "beredning")
    docs = load_docs(Path(a.docs))
    # Letterhead lines: short lines at the top that are no sentence (an excerpt may open with one).
    letterheads = {norm(line) for d in docs.values() for line in d.splitlines()[:12]
                   if 12 < len(norm(line)) < 90 and not norm(line).endswith((".", "!", "?"))}
    fails: dict[str, list[str]] = {k: [] for k in ("verbatim", "contact", "answer_kind", "dnr_date", "i_stort", "stance")}
    counted = {k: 0 for k in fails}

    # 1. every passage behind a sentence is verbatim in its document, whole sentences
    for para in data["beredning"]:
        for s in para["sentences"]:
            src = s["source"]
            if src.get("kind") != "passage":
                continue
            counted["verbatim"] += 1
            doc = docs.get(Path(src.get("document", "")).name)
            candidates = [doc] if doc else list(docs.values())
            if not any(whole_sentences(src["passage"], d) for d in candidates):
                fails["verbatim"].append(f"{src.get('document')}: {src['passage'][:100]}")

    # 2. letterhead, address, phone, e-mail
    for para in data["beredning"]:
        counted["contact"] += 1
        t = para["text"]
        bad = [m.group(0) for r in (EMAIL_RE, PHONE_RE, ADDRESS_RE) for m in r.finditer(t)]
        bad += [s["text"] for s in para["sentences"] if norm(s["text"]) in letterheads]
        if bad:
            fails["contact"].append(f"{', '.join(para['organisations']) or 'inledning'}: {bad[:3]}")

    # 3. answer kinds: the city's own words only for the city's own nämnder
    kinds = {r["organisation"]: r["kind"] for r in data["rows"]}
    for sec in data["sections"]:
        counted["answer_kind"] += 1
        outside = [o for o in sec["organisations"] if kinds.get(o) not in CITY_KINDS]
        if outside and not sec["joint"] and sec["answer_kind_label"] in ("förvaltningssvar", "nämndbeslut"):
            fails["answer_kind"].append(f"{outside[0]}: {sec['answer_kind_label']}")
        if outside and "kontorsyttrande" in sec["beredning"]:
            fails["answer_kind"].append(f"{outside[0]}: kontorsyttrande")
    for row in data["rows"]:
        if row["kind"] not in CITY_KINDS and row["answer_kind_label"] in ("förvaltningssvar", "nämndbeslut"):
            fails["answer_kind"].append(f"{row['organisation']} (tabell): {row['answer_kind_label']}")

    # 4. no dnr or date in the beredning
    for line in text.split("\n\n"):
        counted["dnr_date"] += 1
        body = "\n".join(x for x in line.splitlines() if not x.startswith("[Att granska"))
        hits = [m.group(0) for r in (DNR_RE, DATE_RE) for m in r.finditer(body)]
        if hits:
            fails["dnr_date"].append(f"{body[:60]}…: {hits[:3]}")

    # 5. "i stort" only where the instans wrote it
    for para in data["beredning"]:
        for s in para["sentences"]:
            if "i stort" not in s["text"]:
                continue
            counted["i_stort"] += 1
            if s["source"].get("kind") != "passage" or "i stort" not in s["source"]["passage"]:
                fails["i_stort"].append(s["text"][:100])

    # 6. stance against the labels
    if a.labels:
        labels = json.loads(Path(a.labels).read_text(encoding="utf-8"))
        by_org = {}
        for lab in labels.values():
            orgs = lab.get("organisation")
            for o in (orgs if isinstance(orgs, list) else [orgs]):
                if o and lab.get("stance"):
                    by_org[norm(o).casefold()] = lab["stance"]
        for sec in data["sections"]:
            want = next((by_org.get(norm(o).casefold()) for o in sec["organisations"]
                         if by_org.get(norm(o).casefold())), None)
            if want is None:
                continue
            counted["stance"] += 1
            if sec["stance"] != want:
                fails["stance"].append(f"{', '.join(sec['organisations'])}: {sec['stance']} ≠ {want}")

    failed = False
    for k, items in fails.items():
        for item in items:
            print(f"FEL {k}: {item}")
    for k in fails:
        print(f"{k}: {counted[k] - len(fails[k])}/{counted[k]} utan fel" if k != "answer_kind" or counted[k]
              else f"{k}: –")
        failed = failed or bool(fails[k])
    checks = [p for p in data["beredning"] if p.get("check")]
    print(f"stycken: {len(data['beredning'])}, markerade för handläggaren: {len(checks)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
