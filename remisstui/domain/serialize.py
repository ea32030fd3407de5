"""Dataclasses <-> plain dicts (JSON and TOML safe), driven by the type hints.

One converter for every layer: the store writes these dicts, TOML import/export writes them, the
event log keeps them as before/after values. Fields equal to their default are left out, which
keeps files small and TOML free of None (TOML has no null).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


class SchemaError(ValueError):
    """Data that does not fit the model; the message is Swedish and names the field."""


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


@cache
def _defaults(cls: type) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            out[f.name] = f.default
        elif f.default_factory is not dataclasses.MISSING:  # type: ignore[misc]
            out[f.name] = f.default_factory()  # type: ignore[misc]
    return out


def to_dict(obj: Any, *, keep_defaults: bool = False, native_dates: bool = False) -> Any:
    """Serialise a dataclass (or list/dict/scalar of them) to JSON/TOML-safe values.

    Dates become ISO strings, or stay date objects with `native_dates` (TOML has a date type).
    """
    kw = {"keep_defaults": keep_defaults, "native_dates": native_dates}
    if isinstance(obj, (str, int, float, bool)) and not isinstance(obj, Enum):
        return obj
    cls = type(obj)
    if hasattr(cls, "__dataclass_fields__"):
        defaults = _defaults(cls)
        out: dict[str, Any] = {}
        for name in _field_names(cls):
            value = getattr(obj, name)
            if value is None:
                continue
            if not keep_defaults and name in defaults and value == defaults[name]:
                continue
            out[name] = to_dict(value, **kw)
        return out
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, datetime):
        return obj if native_dates else obj.isoformat(timespec="seconds")
    if isinstance(obj, date):
        return obj if native_dates else obj.isoformat()
    if isinstance(obj, (list, tuple)):
        return [to_dict(v, **kw) for v in obj]
    if isinstance(obj, dict):
        return {str(k): to_dict(v, **kw) for k, v in obj.items()}
    return obj


def from_dict(cls: type[T], data: Any, *, path: str = "") -> T:
    """Build `cls` from `data`, raising SchemaError (Swedish, with the field path) on a mismatch."""
    return _convert(cls, data, path or cls.__name__)


def _convert(tp: Any, value: Any, path: str) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        non_none = [a for a in args if a is not type(None)]
        return _convert(non_none[0], value, path)
    if tp is Any:
        return value
    if origin is list:
        if not isinstance(value, list):
            raise SchemaError(f"{path}: väntade en lista, fick {_kind(value)}")
        return [_convert(args[0], v, f"{path}[{i}]") for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise SchemaError(f"{path}: väntade en tabell, fick {_kind(value)}")
        return {str(k): _convert(args[1], v, f"{path}.{k}") for k, v in value.items()}
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise SchemaError(f"{path}: väntade en tabell, fick {_kind(value)}")
        hints = _hints(tp)
        names = {f.name for f in dataclasses.fields(tp)}
        unknown = sorted(set(value) - names)
        if unknown:
            raise SchemaError(f"{path}: okänt fält {unknown[0]!r}")
        kwargs = {}
        for f in dataclasses.fields(tp):
            if f.name in value:
                kwargs[f.name] = _convert(hints[f.name], value[f.name], f"{path}.{f.name}")
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:  # type: ignore[misc]
                raise SchemaError(f"{path}: fältet {f.name!r} saknas")
        return tp(**kwargs)
    if isinstance(tp, type) and issubclass(tp, Enum):
        try:
            return tp(value)
        except ValueError:
            allowed = ", ".join(m.value for m in tp)
            raise SchemaError(f"{path}: okänt värde {value!r} (tillåtna: {allowed})") from None
    if tp is datetime:
        if isinstance(value, datetime):
            return value
        if isinstance(value, str):
            try:
                return datetime.fromisoformat(value)
            except ValueError:
                pass
        raise SchemaError(f"{path}: ogiltig tidpunkt {value!r}")
    if tp is date:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise SchemaError(f"{path}: ogiltigt datum {value!r} (skriv ÅÅÅÅ-MM-DD)")
    if tp is bool:
        if isinstance(value, bool):
            return value
        raise SchemaError(f"{path}: väntade sant/falskt, fick {_kind(value)}")
    if tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise SchemaError(f"{path}: väntade ett heltal, fick {_kind(value)}")
    if tp is str:
        if isinstance(value, str):
            return value
        raise SchemaError(f"{path}: väntade text, fick {_kind(value)}")
    return value


def _kind(value: Any) -> str:
    return {
        str: "text",
        int: "ett tal",
        float: "ett tal",
        bool: "sant/falskt",
        list: "en lista",
        dict: "en tabell",
        type(None): "ingenting",
    }.get(type(value), type(value).__name__)
