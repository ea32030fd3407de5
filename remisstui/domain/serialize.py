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
from collections.abc import Callable
from typing import Any, TypeVar

from .dates import EARLIEST, LATEST, in_range, out_of_range_message

EARLIEST_DT = datetime(EARLIEST.year, EARLIEST.month, EARLIEST.day)
LATEST_DT = datetime(LATEST.year, LATEST.month, LATEST.day, 23, 59, 59, 999999)

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
    return _to(obj, keep_defaults, native_dates)


# How to_dict treats each concrete type, decided once per type (saves run this for every field).
_SCALAR, _DATACLASS, _ENUM, _DATETIME, _DATE, _SEQ, _DICT, _OTHER = range(8)
_KINDS: dict[type, int] = {str: _SCALAR, int: _SCALAR, float: _SCALAR, bool: _SCALAR, type(None): _OTHER}


def _kind_of(cls: type) -> int:
    if issubclass(cls, Enum):
        kind = _ENUM
    elif issubclass(cls, (str, int, float, bool)):
        kind = _SCALAR
    elif hasattr(cls, "__dataclass_fields__"):
        kind = _DATACLASS
    elif issubclass(cls, datetime):
        kind = _DATETIME
    elif issubclass(cls, date):
        kind = _DATE
    elif issubclass(cls, (list, tuple)):
        kind = _SEQ
    elif issubclass(cls, dict):
        kind = _DICT
    else:
        kind = _OTHER
    _KINDS[cls] = kind
    return kind


_NO_DEFAULT = object()


@cache
def _plan(cls: type) -> tuple[tuple[str, Any], ...]:
    defaults = _defaults(cls)
    return tuple((name, defaults.get(name, _NO_DEFAULT)) for name in _field_names(cls))


def _to(obj: Any, keep_defaults: bool, native_dates: bool) -> Any:
    cls = type(obj)
    kind = _KINDS.get(cls)
    if kind is None:
        kind = _kind_of(cls)
    if kind == _SCALAR or kind == _OTHER:
        return obj
    if kind == _DATACLASS:
        out: dict[str, Any] = {}
        for name, default in _plan(cls):
            value = getattr(obj, name)
            if value is None:
                continue
            if not keep_defaults and default is not _NO_DEFAULT and value == default:
                continue
            vkind = _KINDS.get(type(value))
            out[name] = value if vkind == _SCALAR else _to(value, keep_defaults, native_dates)
        return out
    if kind == _ENUM:
        return obj.value
    if kind == _DATETIME:
        return obj if native_dates else obj.isoformat(timespec="seconds")
    if kind == _DATE:
        return obj if native_dates else obj.isoformat()
    if kind == _SEQ:
        return [_to(v, keep_defaults, native_dates) for v in obj]
    return {str(k): _to(v, keep_defaults, native_dates) for k, v in obj.items()}


def from_dict(cls: type[T], data: Any, *, path: str = "") -> T:
    """Build `cls` from `data`, raising SchemaError (Swedish, with the field path) on a mismatch."""
    try:
        # A converter compiled once per type; it only says *that* the data does not fit.
        return _fast(cls)(data)
    except Exception:
        pass
    # The checking walk below names the field in a Swedish message (or, for data the fast path
    # refused for another reason, builds the value the same way).
    return _convert(cls, data, path or cls.__name__)


class _Misfit(Exception):
    pass


def _identity(value: Any) -> Any:
    return value


@cache
def _fast(tp: Any) -> Callable[[Any], Any]:
    """A converter equivalent to `_convert(tp, ...)` that raises without a message."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        non_none = [a for a in args if a is not type(None)]
        inner = _fast(non_none[0])
        if type(None) in args:
            return lambda v: None if v is None else inner(v)
        return inner
    if tp is Any:
        return _identity
    if origin is list:
        item = _fast(args[0])

        def conv_list(v: Any) -> Any:
            if not isinstance(v, list):
                raise _Misfit
            return [item(x) for x in v]

        return conv_list
    if origin is dict:
        val = _fast(args[1])

        def conv_dict(v: Any) -> Any:
            if not isinstance(v, dict):
                raise _Misfit
            return {str(k): val(x) for k, x in v.items()}

        return conv_dict
    if dataclasses.is_dataclass(tp):
        return _dataclass_converter(tp)
    if isinstance(tp, type) and issubclass(tp, Enum):
        members = tp._value2member_map_

        def conv_enum(v: Any) -> Any:
            try:
                return members[v]
            except (KeyError, TypeError):
                return tp(v)

        return conv_enum
    if tp is datetime:

        def conv_datetime(v: Any) -> Any:
            if isinstance(v, datetime):
                out = v
            elif isinstance(v, str):
                out = datetime.fromisoformat(v)
            else:
                raise _Misfit
            if not EARLIEST_DT <= out <= LATEST_DT:
                raise _Misfit
            return out

        return conv_datetime
    if tp is date:

        def conv_date(v: Any) -> Any:
            if type(v) is str:
                out = date.fromisoformat(v)
            elif isinstance(v, datetime):
                out = v.date()
            elif isinstance(v, date):
                out = v
            elif isinstance(v, str):
                out = date.fromisoformat(v)
            else:
                raise _Misfit
            # Every date that enters the model (a file, TOML, the register) passes here: one out
            # of range is refused by the checking walk with the field's name.
            if not EARLIEST <= out <= LATEST:
                raise _Misfit
            return out

        return conv_date
    if tp is bool:

        def conv_bool(v: Any) -> Any:
            if isinstance(v, bool):
                return v
            raise _Misfit

        return conv_bool
    if tp is int:

        def conv_int(v: Any) -> Any:
            if isinstance(v, int) and not isinstance(v, bool):
                return v
            raise _Misfit

        return conv_int
    if tp is str:

        def conv_str(v: Any) -> Any:
            if type(v) is str or isinstance(v, str):
                return v
            raise _Misfit

        return conv_str
    if tp is dict or tp is list:

        def conv_plain(v: Any) -> Any:
            if isinstance(v, tp):
                return v
            raise _Misfit

        return conv_plain
    return _identity


def _dataclass_converter(tp: type) -> Callable[[Any], Any]:
    plan: list[tuple[dict[str, Callable[[Any], Any]], frozenset[str]]] = []

    def conv_dataclass(v: Any) -> Any:
        if not plan:  # resolved on first use, so a type may refer to itself
            hints = _hints(tp)
            all_fields = dataclasses.fields(tp)
            missing = dataclasses.MISSING
            plan.append(
                (
                    {f.name: _fast(hints[f.name]) for f in all_fields},
                    frozenset(
                        f.name for f in all_fields
                        if f.default is missing and f.default_factory is missing  # type: ignore[misc]
                    ),
                )
            )
        fields, required = plan[0]
        if not isinstance(v, dict):
            raise _Misfit
        kwargs = {}
        for name, value in v.items():
            conv = fields.get(name)
            if conv is None:
                raise _Misfit
            kwargs[name] = conv(value)
        if not required.issubset(kwargs):
            raise _Misfit
        return tp(**kwargs)

    return conv_dataclass


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
    # Bare `dict`/`list` hints (Event.before/after) are checked too: a file with a list there used
    # to load and then crash undo and the history view.
    if tp is dict:
        if not isinstance(value, dict):
            raise SchemaError(f"{path}: väntade en tabell, fick {_kind(value)}")
        return value
    if tp is list:
        if not isinstance(value, list):
            raise SchemaError(f"{path}: väntade en lista, fick {_kind(value)}")
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
        parsed_dt: datetime | None = None
        if isinstance(value, datetime):
            parsed_dt = value
        elif isinstance(value, str):
            try:
                parsed_dt = datetime.fromisoformat(value)
            except ValueError:
                pass
        if parsed_dt is None:
            raise SchemaError(f"{path}: ogiltig tidpunkt {value!r}")
        if not in_range(parsed_dt):
            raise SchemaError(f"{path}: {out_of_range_message(parsed_dt)}")
        return parsed_dt
    if tp is date:
        parsed: date | None = None
        if isinstance(value, datetime):
            parsed = value.date()
        elif isinstance(value, date):
            parsed = value
        elif isinstance(value, str):
            try:
                parsed = date.fromisoformat(value)
            except ValueError:
                pass
        if parsed is None:
            raise SchemaError(f"{path}: ogiltigt datum {value!r} (skriv ÅÅÅÅ-MM-DD)")
        if not in_range(parsed):
            raise SchemaError(f"{path}: {out_of_range_message(parsed)}")
        return parsed
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
