"""Sweden's public bodies (data/public_bodies.toml), read only when a document is read.

The list is large, so it is loaded on first use and kept; start-up never touches it.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources

from ...domain.model import Organisation, OrgKind
from ...domain.register import name_key


@functools.lru_cache(maxsize=1)
def _bodies() -> tuple[dict, ...]:
    try:
        raw = resources.files("remisstui.data").joinpath("public_bodies.toml").read_bytes()
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return ()
    return tuple(tomllib.loads(raw.decode("utf-8")).get("bodies", ()))


def _variants(body: dict) -> list[str]:
    name, kind, short = body["name"], body.get("kind", ""), body.get("short", "")
    out = [name]
    if kind == "kommun" and short:
        gen = short if short[-1:] in "sxz" else short + "s"
        out += [f"{short} kommun", f"{gen} kommun", f"{short} stad", f"{gen} stad"]
    elif kind == "lansstyrelse" and short:
        county = name.removeprefix("Länsstyrelsen i ")
        out += [short, f"Länsstyrelsen {county}", f"Länsstyrelsen i {short}"]
    elif short:
        out.append(short)
    return out


@functools.lru_cache(maxsize=1)
def public_body_names() -> dict[str, str]:
    """name_key of every accepted form -> the body's name as listed."""
    out: dict[str, str] = {}
    for body in _bodies():
        for v in _variants(body):
            out.setdefault(name_key(v), body["name"])
    return out


def public_body_organisations() -> list[Organisation]:
    """The bodies as external organisations of the register (kind extern)."""
    return [Organisation(name=b["name"], kind=OrgKind.extern, former_names=[]) for b in _bodies()]
