#!/usr/bin/env python3
"""Score the stance alone: precision (right / given) and recall (right / labelled) of `remisstui parse`.

    .venv/bin/python tests/corpus_own/score_stance.py --labels LABELS.json --docs FOLDER --remisstui .venv/bin/remisstui

A stance is "given" when parse reports any code but "none"; an unsure reading (stance "none" with the
candidate in `sources.stance.candidate`) is a missing value, shown with its candidate. Documents without a
stance label are listed apart when a stance is given there (not scored). Stdlib only; the project is
driven through its CLI. Holdout is for the final score only: do not develop on it.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", required=True)
    ap.add_argument("--docs", required=True)
    ap.add_argument("--remisstui", default="remisstui")
    args = ap.parse_args(argv)
    labels = json.loads(Path(args.labels).read_text(encoding="utf-8"))
    right = wrong = missing = 0
    unlabelled: list[str] = []
    for name in sorted(labels):
        path = Path(args.docs) / f"{name}.txt"
        if not path.is_file():
            continue
        proc = subprocess.run([args.remisstui, "parse", str(path), "--json"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True, timeout=60)
        data = json.loads(proc.stdout) if proc.returncode == 0 else {}
        got = data.get("stance") or "none"
        cand = ((data.get("sources") or {}).get("stance") or {}).get("candidate")
        want = labels[name].get("stance")
        if want is None:
            if got not in ("none",):
                unlabelled.append(f"{name}: {got}")
            continue
        if got == want:
            right += 1
            continue
        tag = "missing" if got == "none" else "WRONG"
        if tag == "missing":
            missing += 1
        else:
            wrong += 1
        print(f"{tag:8} {name}: label {want}, given {got}" + (f" (osäker: {cand})" if cand else ""))
    if unlabelled:
        print("\nstance given where none is labelled (not scored):\n  " + "\n  ".join(unlabelled))
    given = right + wrong
    total = right + wrong + missing
    print(f"\nstance: {right} right, {wrong} wrong, {missing} missing of {total} labelled; "
          f"precision {100 * right / given if given else 0:.0f}%, recall {100 * right / total if total else 0:.0f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
