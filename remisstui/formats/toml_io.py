"""TOML in and out: the register, sändlistor and remisser.

Export writes what import reads, so export → import → export gives identical bytes. Import names
recipients by organisation name, short code, former name or sändlista; export always writes names.
Store-managed values (revisions) never appear in TOML.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import tomli_w

from ..domain.model import Organisation, Recipient, RecipientList, Remiss
from ..domain.register import Register, name_key
from ..domain.serialize import SchemaError, from_dict, to_dict


class TomlError(ValueError):
    """One clear Swedish line naming the file, the line when known, and the problem."""


def _read_toml(text_or_bytes: bytes | str, source: str) -> dict[str, Any]:
    if isinstance(text_or_bytes, bytes):
        try:
            text = text_or_bytes.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise TomlError(f"{source}: filen är inte UTF-8-kodad") from None
    else:
        text = text_or_bytes
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TomlError(f"{source}: {_swedish_toml_error(exc)}") from None


def _swedish_toml_error(exc: tomllib.TOMLDecodeError) -> str:
    msg = str(exc)
    # tomllib says "... (at line 3, column 7)"; keep the position, translate the frame.
    if "(at line" in msg:
        what, _, where = msg.rpartition(" (at ")
        where = where.rstrip(")").replace("line", "rad").replace("column", "kolumn")
        return f"{where}: ogiltig TOML ({what})"
    if "(at end of document)" in msg:
        return f"i slutet av filen: ogiltig TOML ({msg.replace(' (at end of document)', '')})"
    return f"ogiltig TOML ({msg})"


def read_file(path: str | Path) -> dict[str, Any]:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise TomlError(f"{p}: filen finns inte") from None
    except IsADirectoryError:
        raise TomlError(f"{p}: är en mapp, inte en fil") from None
    except OSError as exc:
        raise TomlError(f"{p}: kan inte läsas ({exc.strerror})") from None
    if len(raw) > 20_000_000:
        raise TomlError(f"{p}: filen är för stor för en remiss ({len(raw) // 1_000_000} MB)")
    return _read_toml(raw, str(p))


# --- register --------------------------------------------------------------------------------


def register_from_toml(data: dict[str, Any], source: str) -> Register:
    try:
        orgs = [
            from_dict(Organisation, o, path=f"organisations[{i}]")
            for i, o in enumerate(_list_of_tables(data, "organisations", source))
        ]
        lists = [
            from_dict(RecipientList, lst, path=f"lists[{i}]")
            for i, lst in enumerate(_list_of_tables(data, "lists", source))
        ]
    except SchemaError as exc:
        raise TomlError(f"{source}: {exc}") from None
    register = Register(organisations=orgs, lists=lists)
    for lst in lists:
        for member in lst.members:
            if register.organisation(member) is None:
                raise TomlError(f"{source}: sändlistan {lst.name!r} nämner okänd organisation {member!r}")
    return register


def register_to_toml(register: Register) -> str:
    return tomli_w.dumps(
        {
            "organisations": [to_dict(o, native_dates=True) for o in register.organisations],
            "lists": [to_dict(lst, native_dates=True) for lst in register.lists],
        }
    )


def _list_of_tables(data: dict[str, Any], key: str, source: str) -> list[dict[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise TomlError(f"{source}: {key} ska vara en lista av tabeller ([[{key}]])")
    return value


# --- remisser --------------------------------------------------------------------------------


def remiss_from_toml(data: dict[str, Any], source: str, register: Register | None = None) -> Remiss:
    """Build a Remiss; recipients may name an organisation, a short code or a sändlista."""
    data = dict(data)
    raw_recipients = data.pop("recipients", [])
    if not isinstance(raw_recipients, list) or not all(isinstance(r, dict) for r in raw_recipients):
        raise TomlError(f"{source}: recipients ska vara en lista av tabeller ([[recipients]])")
    for forbidden in ("revision",):
        data.pop(forbidden, None)
    try:
        remiss = from_dict(Remiss, data, path="remiss")
    except SchemaError as exc:
        raise TomlError(f"{source}: {exc}") from None
    if not remiss.dnr.strip():
        raise TomlError(f"{source}: dnr saknas")
    if not remiss.title.strip():
        raise TomlError(f"{source}: title saknas")
    recipients: list[Recipient] = []
    seen: set[str] = set()

    def add(rec: Recipient, where: str) -> None:
        key = name_key(rec.organisation)
        if key in seen:
            raise TomlError(f"{source}: {where}: {rec.organisation!r} finns redan bland mottagarna")
        seen.add(key)
        recipients.append(rec)

    for i, raw in enumerate(raw_recipients):
        where = f"recipients[{i}]"
        raw = dict(raw)
        raw.pop("revision", None)
        list_name = raw.pop("list", None)
        if list_name is not None:
            if raw:
                raise TomlError(f"{source}: {where}: en sändlista tar inga andra fält")
            lst = register.recipient_list(str(list_name)) if register else None
            if lst is None:
                raise TomlError(f"{source}: {where}: okänd sändlista {list_name!r}")
            for member in lst.members:
                org = register.organisation(member) if register else None
                if name_key(member) not in seen:
                    add(Recipient(organisation=org.name if org else member, kind=register.kind_of(member)), where)
            continue
        name = raw.get("organisation")
        if not isinstance(name, str) or not name.strip():
            raise TomlError(f"{source}: {where}: organisation saknas")
        if register is not None:
            org = register.organisation(name)
            if org is not None:
                raw["organisation"] = org.name
                raw.setdefault("kind", org.kind.value)
            else:
                raw.setdefault("kind", "extern")
        try:
            rec = from_dict(Recipient, raw, path=where)
        except SchemaError as exc:
            raise TomlError(f"{source}: {exc}") from None
        add(rec, where)
    remiss.recipients = recipients
    return remiss


def remiss_to_toml(remiss: Remiss) -> str:
    data = to_dict(remiss, native_dates=True)
    data.pop("revision", None)
    for rec, obj in zip(data.get("recipients", []), remiss.recipients):
        rec.pop("revision", None)
        # Always written, even when it is the default: import fills a missing kind from the
        # register (or "extern"), so leaving it out would not round-trip.
        rec["kind"] = obj.kind.value
    # Recipients last, so the header reads first in the file.
    recipients = data.pop("recipients", [])
    if recipients:
        data["recipients"] = recipients
    # tomli_w writes "\r\n" inside a multi-line string as a bare newline, losing the "\r";
    # escaped single-line strings keep it.
    return tomli_w.dumps(data, multiline_strings=not _has_crlf(data))


def _has_crlf(value: Any) -> bool:
    if isinstance(value, str):
        return "\r\n" in value
    if isinstance(value, dict):
        return any(_has_crlf(k) or _has_crlf(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_crlf(v) for v in value)
    return False


# --- bundled data ----------------------------------------------------------------------------


def bundled_register() -> Register:
    ref = resources.files("remisstui.data").joinpath("organisations.toml")
    return register_from_toml(_read_toml(ref.read_bytes(), "organisations.toml"), "organisations.toml")


def bundled_examples(register: Register) -> list[Remiss]:
    folder = resources.files("remisstui.data.examples")
    out = []
    for ref in sorted(folder.iterdir(), key=lambda r: r.name):
        if ref.name.endswith(".toml"):
            out.append(remiss_from_toml(_read_toml(ref.read_bytes(), ref.name), ref.name, register))
    return out
