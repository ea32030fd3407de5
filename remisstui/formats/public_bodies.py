"""Sweden's public bodies (data/public_bodies.toml), read only when a document is read or a picker asks.

The list is large, so it is loaded on first use and kept; start-up never touches it. It lives beside the
document reader rather than in it, so that a picker can read it without loading the reader.

How a body may be written, one rule for every user of the list:
- its name, an alias of several words, and the rule forms of a kommun or länsstyrelse, in any case;
- a one-word short form or alias ("MSB", "HaV", "Skolverket", "Formas") only as the source writes it or
  in capitals: as a lower-case word in a sentence it is an ordinary word ("formas", "bo");
- two-letter short forms ("DO", "FI") never: too many other things are written so.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources

from ..domain.model import Organisation, OrgKind
from ..domain.register import name_key

MIN_SHORT_FORM = 3


@functools.lru_cache(maxsize=1)
def _bodies() -> tuple[dict, ...]:
    try:
        raw = resources.files("remisstui.data").joinpath("public_bodies.toml").read_bytes()
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return ()
    return tuple(tomllib.loads(raw.decode("utf-8")).get("bodies", ()))


def _forms(body: dict) -> list[str]:
    short = body.get("short", "")
    return ([short] if short else []) + list(body.get("aliases", ()))


def _variants(body: dict) -> list[str]:
    """The forms matched in any case."""
    name, kind, short = body["name"], body.get("kind", ""), body.get("short", "")
    out = [name]
    if kind == "kommun" and short:
        gen = short if short[-1:] in "sxz" else short + "s"
        out += [f"{short} kommun", f"{gen} kommun", f"{short} stad", f"{gen} stad"]
        out += list(body.get("aliases", ()))
    elif kind == "lansstyrelse" and short:
        county = name.removeprefix("Länsstyrelsen i ")
        out += [short, f"Länsstyrelsen {county}", f"Länsstyrelsen i {short}"]
    else:
        out += [f for f in _forms(body) if " " in f.strip()]
    return out


def _short_forms(body: dict) -> list[str]:
    """The one-word forms matched only as written or in capitals."""
    if body.get("kind") in ("kommun", "lansstyrelse"):
        return []
    out = []
    for f in _forms(body):
        f = f.strip()
        if " " not in f and len(f) >= MIN_SHORT_FORM:
            out += [f, f.upper()]
    return out


@functools.lru_cache(maxsize=1)
def public_body_names() -> dict[str, str]:
    """name_key of every form matched in any case -> the body's name as listed."""
    out: dict[str, str] = {}
    for body in _bodies():
        for v in _variants(body):
            out.setdefault(name_key(v), body["name"])
    return out


@functools.lru_cache(maxsize=1)
def public_body_short_forms() -> dict[str, str]:
    """Each one-word short form, exactly as it must be written -> the body's name as listed."""
    out: dict[str, str] = {}
    for body in _bodies():
        for f in _short_forms(body):
            out.setdefault(f, body["name"])
    return out


@functools.lru_cache(maxsize=1)
def _catalogue() -> tuple[tuple[Organisation, tuple[str, ...]], ...]:
    out = []
    for b in _bodies():
        short = b.get("short", "")
        org = Organisation(
            name=b["name"],
            kind=OrgKind.extern,
            short_code=short if " " not in short else "",
            former_names=list(b.get("aliases", ())),
        )
        keys = (name_key(org.name), *(name_key(a) for a in org.former_names))
        out.append((org, keys))
    return tuple(out)


def _fresh(org: Organisation) -> Organisation:
    return Organisation(name=org.name, kind=org.kind, short_code=org.short_code,
                        former_names=list(org.former_names))


def public_body_organisations() -> list[Organisation]:
    """The bodies as external organisations of the register (kind extern): `short_code` is the short form,
    `former_names` the aliases (other names of the same body). Fresh copies: callers may change them."""
    return [_fresh(org) for org, _keys in _catalogue()]


def matching_public_bodies(text: str, *, limit: int) -> list[Organisation]:
    """Bodies whose name or an alias contains `text`, or whose short form is `text`; fresh copies, in the
    list's order, at most `limit`."""
    key = name_key(text)
    if not key:
        return []
    out = []
    for org, keys in _catalogue():
        if key == org.short_code.casefold() or any(key in k for k in keys):
            out.append(_fresh(org))
            if len(out) >= limit:
                break
    return out


@functools.lru_cache(maxsize=1)
def _renamed() -> dict[str, str]:
    """name_key of a former name -> the name now (data/former_names.toml and the landsting rule)."""
    out: dict[str, str] = {}
    try:
        raw = resources.files("remisstui.data").joinpath("former_names.toml").read_bytes()
        entries = tomllib.loads(raw.decode("utf-8")).get("renamed", ())
    except (FileNotFoundError, ModuleNotFoundError, OSError, tomllib.TOMLDecodeError):
        entries = ()
    for entry in entries:
        out[name_key(entry["former"])] = entry["name"]
    # Every landsting is a region now: "<län> landsting" / "Landstinget i <län>" is the region of that län.
    counties = {b.get("code"): b["name"].removeprefix("Länsstyrelsen i ")
                for b in _bodies() if b.get("kind") == "lansstyrelse"}
    for body in _bodies():
        county = counties.get(body.get("code")) if body.get("kind") == "region" else None
        if county:
            for former in (f"{county}s landsting" if not county.endswith("s") else f"{county} landsting",
                           f"Landstinget i {county}"):
                out.setdefault(name_key(former), body["name"])
    return out


def former_name(text: str) -> str | None:
    """The organisation's name now when `text` is a former name of it ("Stockholms läns landsting" ->
    "Region Stockholm"), else None."""
    return _renamed().get(name_key(text))
