"""Shared paths and helpers for the corpus_own scripts (stdlib only).

The texts live outside the repository (default /work/corpus-own, or $REMISSTUI_CORPUS); the labels and
recipes live next to this file. Nothing here imports remisstui: the scripts drive the installed CLI, the
way a registrator would.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPLITS = ("dev", "holdout")
DEFAULT_CORPUS = Path("/work/corpus-own")
SHARED_SCORE = Path("/work/shared/corpus/score.py")

# The split is drawn once per document name, before it is labelled: seeded, reproducible, ~55 % dev.
SPLIT_SEED = 20261208
DEV_SHARE = 0.55


def split_of(name: str) -> str:
    import random
    return "dev" if random.Random(f"{SPLIT_SEED}:{name}").random() < DEV_SHARE else "holdout"


# Stockholm's own bodies carry a city kind; everything outside the city answers as "extern".
CITY_KINDS = ("facknamnd", "stadsdelsnamnd", "bolag", "rad")


def corpus_root(explicit: str | None = None) -> Path:
    return Path(explicit or os.environ.get("REMISSTUI_CORPUS") or DEFAULT_CORPUS)


def labels_file(split: str) -> Path:
    return HERE / f"labels-{split}.json"


def load_labels(split: str) -> dict[str, dict]:
    """Labels of one split, or of both for split == "all"."""
    splits = SPLITS if split == "all" else (split,)
    out: dict[str, dict] = {}
    for s in splits:
        f = labels_file(s)
        if f.is_file():
            for name, lab in json.loads(f.read_text(encoding="utf-8")).items():
                out[name] = dict(lab, _split=s)
    return out


def first(value):
    """A label may list acceptable values; the first is the canonical one."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def doc_path(root: Path, split: str, name: str) -> Path:
    return root / split / f"{name}.txt"


def recipient_kind(label: dict) -> str:
    """The kind a registrator gives the answering body in the remiss's recipient list."""
    kind = label.get("_recipient_kind")
    if kind:
        return kind
    return "extern"
