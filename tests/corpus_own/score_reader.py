#!/usr/bin/env python3
"""Score `remisstui parse` on one split of the own corpus with the shared scorer.

    .venv/bin/python tests/corpus_own/score_reader.py --split dev --remisstui .venv/bin/remisstui

Runs ../shared/corpus/score.py with labels-<split>.json and the folder <corpus>/<split>, where <corpus>
is --corpus, else $REMISSTUI_CORPUS, else /work/corpus-own. Prints the scorer's tables and its last line
(fields right, wrong values, precision). Holdout is for the final score only: do not develop on it.
"""
from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_common import SHARED_SCORE, corpus_root, labels_file  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "holdout"), required=True)
    ap.add_argument("--remisstui", default="remisstui", help="path of the remisstui executable to score")
    ap.add_argument("--corpus", help="folder holding dev/ and holdout/ (default $REMISSTUI_CORPUS or /work/corpus-own)")
    ap.add_argument("--score", default=str(SHARED_SCORE), help="the shared score.py")
    ap.add_argument("--timeout", default="30")
    args = ap.parse_args(argv)

    docs = corpus_root(args.corpus) / args.split
    if not docs.is_dir():
        ap.error(f"no texts at {docs}: fetch them by the recipes in tests/corpus_own/README.md")
    if not Path(args.score).is_file():
        ap.error(f"scorer not found: {args.score}")
    cmd = f"{shlex.quote(args.remisstui)} parse {{file}} --json"
    proc = subprocess.run(
        [sys.executable, args.score, "--docs", str(docs), "--labels", str(labels_file(args.split)),
         "--cmd", cmd, "--timeout", args.timeout],
        stdout=subprocess.PIPE, text=True,
    )
    sys.stdout.write(proc.stdout)
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
