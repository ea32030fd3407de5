#!/usr/bin/env python3
"""File every labelled answer of the own corpus into one remiss and report where each one landed.

    .venv/bin/python tests/corpus_own/filing.py --split all --remisstui .venv/bin/remisstui [--keep]

In a fresh temporary data folder it imports one remiss (sender "Kommunstyrelsen") whose recipients are
all the labelled answering bodies, then runs `remisstui register DNR FILE --yes` for every labelled
document, the way a registrator files a folder of answers. Each document ends up:
  - filed on its sender (the recipient its label names),
  - misfiled (on another recipient: the dangerous case), or
  - refused (not filed; the registrator is asked to choose).
The final state is read back with `remisstui show DNR --json`. Exit status 0 unless the arguments or the
setup are wrong. With --keep the data folder stays for inspection (its path is printed either way).
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_common import corpus_root, doc_path, first, load_labels, recipient_kind  # noqa: E402

DNR = "KS 2099/4711"
SENDER = "Kommunstyrelsen"
ARROW = re.compile(r"→\s*(.+?)\s*\(" + re.escape(DNR) + r"\)")
FILED = re.compile(r"[Rr]egistrerade svaret från (.+?)\.\s*$", re.M)


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


def _toml_str(s: str) -> str:
    # JSON string escapes are valid TOML basic-string escapes.
    return json.dumps(s, ensure_ascii=False)


def plan(labels: dict[str, dict], root: Path) -> tuple[list[dict], list[dict], list[str]]:
    """(recipients, documents, skipped): one recipient per answering body, reused across name variants."""
    recipients: list[dict] = []
    by_key: dict[str, dict] = {}
    docs: list[dict] = []
    skipped: list[str] = []
    for name in sorted(labels):
        lab = labels[name]
        path = doc_path(root, lab["_split"], name)
        org = lab.get("organisation")
        if not path.is_file():
            skipped.append(f"{name}: text missing at {path}")
            continue
        if not org:
            skipped.append(f"{name}: no organisation label (the body is not clearly named)")
            continue
        variants = org if isinstance(org, list) else [org]
        if any(_key(v) == _key(SENDER) for v in variants):
            skipped.append(f"{name}: answers as {SENDER}, the remiss's own sender")
            continue
        rec = next((by_key[_key(v)] for v in variants if _key(v) in by_key), None)
        if rec is None:
            rec = {"organisation": first(org), "kind": recipient_kind(lab)}
            recipients.append(rec)
        for v in variants:
            by_key.setdefault(_key(v), rec)
        docs.append({"name": name, "path": str(path), "expected": rec["organisation"], "variants": variants,
                     "group": lab.get("_group", "?"), "split": lab["_split"]})
    # A joint answer, or a body known by several names, is rightly filed on any recipient its label names.
    for d in docs:
        d["accept"] = sorted({by_key[_key(v)]["organisation"] for v in d.pop("variants")})
    return recipients, docs, skipped


def remiss_toml(recipients: list[dict]) -> str:
    lines = [
        f"dnr = {_toml_str(DNR)}",
        'title = "Korpusremiss: alla märkta remissvar"',
        f"sender = {_toml_str(SENDER)}",
        "sent_on = 2000-01-01",
        "deadline = 2099-12-31",
        'state = "out"',
        "",
    ]
    for r in recipients:
        lines += ["[[recipients]]", f"organisation = {_toml_str(r['organisation'])}",
                  f"kind = {_toml_str(r['kind'])}", 'status = "sent"', ""]
    return "\n".join(lines)


class Cli:
    def __init__(self, exe: str, data: Path, timeout: float):
        self.exe, self.data, self.timeout = exe, data, timeout

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([self.exe, "--data", str(self.data), *args], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, timeout=self.timeout)

    def show(self) -> dict:
        proc = self.run("show", DNR, "--json")
        if proc.returncode != 0:
            raise RuntimeError(f"show failed: {proc.stderr.strip()[-300:]}")
        return json.loads(proc.stdout)


def _answered(state: dict) -> dict[str, dict]:
    return {r["organisation"]: {k: v for k, v in r.items() if k != "overdue"} for r in state["recipients"]}


def _where(out: str, before: dict, after: dict) -> str | None:
    """The recipient a registration landed on: the CLI's own line, else what changed in `show`."""
    m = ARROW.search(out) or FILED.search(out)
    if m:
        return m.group(1).strip()
    changed = [o for o in after if after[o] != before.get(o)]
    return changed[0] if len(changed) == 1 else None


def run(split: str, exe: str, corpus: str | None = None, keep: bool = False, timeout: float = 60.0,
        out=sys.stdout) -> dict:
    root = corpus_root(corpus)
    labels = load_labels(split)
    recipients, docs, skipped = plan(labels, root)
    data = Path(tempfile.mkdtemp(prefix="corpus-filing-"))
    result: dict = {"data": str(data), "recipients": len(recipients), "documents": len(docs),
                    "skipped": skipped, "filed": [], "misfiled": [], "refused": []}
    try:
        cli = Cli(exe, data, timeout)
        toml = data / "korpusremiss.toml"
        toml.write_text(remiss_toml(recipients), encoding="utf-8")
        proc = cli.run("import", str(toml))
        if proc.returncode != 0:
            raise RuntimeError(f"import failed: {proc.stderr.strip()[-500:]}")
        state = _answered(cli.show())
        # Every document is registered on one synthetic remiss, so a document that names its real remiss
        # (a departement dnr) would be refused for that alone. Where the CLI offers --other-remiss, pass it:
        # this yardstick measures who the sender is, not which remiss the answer belongs to.
        extra = ["--other-remiss"] if "--other-remiss" in cli.run("register", "--help").stdout else []
        result["register_flags"] = ["--yes", *extra]
        for d in docs:
            proc = cli.run("register", DNR, d["path"], "--yes", *extra)
            text = proc.stdout + "\n" + proc.stderr
            if proc.returncode != 0:
                reason = next((ln for ln in reversed(proc.stderr.strip().splitlines()) if ln.strip()), "")
                # The CLI's refusal names every recipient after "Ange mottagaren"; the first sentence says why.
                reason = reason.split(". Ange mottagaren")[0]
                result["refused"].append({**d, "reason": reason[:300]})
                continue
            after = _answered(cli.show())
            got = _where(text, state, after)
            state = after
            if got is not None and any(_key(got) == _key(a) for a in d["accept"]):
                result["filed"].append({**d, "got": got})
            elif got is None:
                result["refused"].append({**d, "reason": "exit 0 but no recipient changed"})
            else:
                result["misfiled"].append({**d, "got": got})
        final = cli.show()
        result["answered_recipients"] = sum(1 for r in final["recipients"] if r.get("status") == "answered")
    finally:
        if not keep:
            shutil.rmtree(data, ignore_errors=True)
    report(result, out, keep)
    return result


def report(res: dict, out, keep: bool) -> None:
    n = res["documents"]
    pct = (lambda k: round(100 * len(res[k]) / n) if n else 0)
    print(f"data folder: {res['data']}" + ("" if keep else " (removed; use --keep to inspect)"), file=out)
    print(f"{n} documents, {res['recipients']} recipients; register {' '.join(res.get('register_flags', []))}",
          file=out)
    for s in res["skipped"]:
        print(f"  skipped  {s}", file=out)
    for d in res["misfiled"]:
        print(f"  MISFILED {d['name']}: on {d['got']!r}, sender {d['expected']!r}", file=out)
    for d in res["refused"]:
        print(f"  refused  {d['name']} ({d['expected']}): {d['reason']}", file=out)
    print(f"filing: {len(res['filed'])}/{n} filed on sender ({pct('filed')}%), "
          f"{len(res['misfiled'])} misfiled, {len(res['refused'])} refused", file=out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "holdout", "all"), required=True)
    ap.add_argument("--remisstui", default="remisstui", help="path of the remisstui executable")
    ap.add_argument("--corpus", help="folder holding dev/ and holdout/ (default $REMISSTUI_CORPUS or /work/corpus-own)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary data folder")
    ap.add_argument("--json", action="store_true", help="print the result as JSON after the report")
    args = ap.parse_args(argv)
    if not corpus_root(args.corpus).is_dir():
        ap.error(f"no corpus at {corpus_root(args.corpus)}")
    res = run(args.split, args.remisstui, args.corpus, keep=args.keep)
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
