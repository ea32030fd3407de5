"""The yardstick of issue 21 item 2: every labelled answer of the own corpus, filed into one remiss.

Runs only with `-m long` and only where the texts are (/work/corpus-own, or $REMISSTUI_CORPUS): they are
real documents and never enter the repository. Nothing may be misfiled, and at least 90 % must land on
the body that wrote them. The labels themselves are checked in every run, since a broken label file
would silently shrink the measurement.
"""
from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
STANCES = {"supports", "supports_with_comments", "no_objection", "partly", "opposes", "comments_only", "none"}
KEYS = {"organisation", "own_dnr", "remiss_dnr", "document_date", "deadline", "contact_name", "contact_phone",
        "stance"}


def _load(name: str):
    # Loaded by path: the helper scripts are plain files, not a package, and their names must not clash.
    spec = importlib.util.spec_from_file_location(f"corpus_own_{name}", HERE / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("corpus_common", _common())
    spec.loader.exec_module(mod)
    return mod


def _common():
    spec = importlib.util.spec_from_file_location("corpus_common", HERE / "corpus_common.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_labels_follow_the_policy():
    recipes = json.loads((HERE / "recipes.json").read_text(encoding="utf-8"))
    seen: set[str] = set()
    for split in ("dev", "holdout"):
        labels = json.loads((HERE / f"labels-{split}.json").read_text(encoding="utf-8"))
        for name, lab in labels.items():
            assert name not in seen, f"{name} is in both splits"
            seen.add(name)
            assert recipes[name]["split"] == split, f"{name} is labelled in the wrong split"
            assert _common().split_of(name) == split, f"{name}: split does not follow the seeded draw"
            assert lab["_group"] == recipes[name]["group"]
            assert set(k for k in lab if not k.startswith("_")) <= KEYS, name
            if "stance" in lab:
                assert lab["stance"] in STANCES, name
                assert lab.get("_status") != "declined", f"{name}: a decline carries no stance"
            for key in ("document_date", "deadline"):
                if key in lab:
                    assert len(lab[key]) == 10 and lab[key][4] == "-", f"{name}: {key} is not ISO"
            assert lab.get("_evidence"), f"{name}: no evidence"


def _remisstui() -> str:
    exe = Path(sys.executable).with_name("remisstui")
    return str(exe) if exe.exists() else (shutil.which("remisstui") or "remisstui")


@pytest.mark.long
def test_every_labelled_answer_is_filed_on_its_sender():
    common = _common()
    if not common.corpus_root().is_dir():
        pytest.skip(f"no corpus texts at {common.corpus_root()} (set REMISSTUI_CORPUS)")
    filing = _load("filing")
    res = filing.run("all", _remisstui(), keep=False)
    n = res["documents"]
    assert n > 0, "no labelled document has its text in the corpus folder"
    assert not res["misfiled"], "misfiled: " + "; ".join(f"{d['name']} on {d['got']}" for d in res["misfiled"])
    assert len(res["filed"]) >= 0.9 * n, f"only {len(res['filed'])}/{n} filed on their sender"
