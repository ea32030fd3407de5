"""TOML in and out: the register, sändlistor and remisser.

Export writes what import reads, so export → import → export gives identical bytes. Import names
recipients by organisation name, short code, former name or sändlista; export always writes names.
An export records the revision of the remiss and of each recipient it was taken at (`revision`),
so an import of an edited export can tell what a colleague changed meanwhile; a TOML without a
revision (a new remiss, or written by hand) is imported as it stands.
"""

from __future__ import annotations

import ast
import os
import re
import stat
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import tomli_w

from ..domain.history import REMISS_TARGET, recipient_target
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
    except RecursionError:
        # tomllib recurses once per nested array or inline table: 50,000 "[" reach Python's limit
        # after ~1,000 levels, cheaply; no real file nests more than a few.
        raise TomlError(f"{source}: värdena är för djupt nästlade (listor eller tabeller i varandra)") from None


def _swedish_toml_error(exc: tomllib.TOMLDecodeError) -> str:
    msg = str(exc)
    # tomllib says "... (at line 3, column 7)"; keep the position, translate the frame and the problem.
    if "(at line" in msg:
        what, _, where = msg.rpartition(" (at ")
        where = where.rstrip(")").replace("line", "rad").replace("column", "kolumn")
        return f"{where}: ogiltig TOML ({_swedish_problem(what)})"
    if msg.endswith(" (at end of document)"):
        return f"i slutet av filen: ogiltig TOML ({_swedish_problem(msg.removesuffix(' (at end of document)'))})"
    return f"ogiltig TOML ({_swedish_problem(msg)})"


# tomllib's messages (Python 3.11-3.13), in the order of its parser; the parts in braces are kept.
_TOML_PROBLEMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(pattern + r"\Z"), swedish)
    for pattern, swedish in [
        (r"Invalid value", "ogiltigt värde"),
        (r"Invalid statement", "ogiltig rad"),
        (r"Expected '=' after a key in a key/value pair", "'=' saknas efter nyckeln"),
        (r"Expected newline or end of document after a statement", "radbrytning saknas efter värdet"),
        (r"Expected '\]' at the end of a table declaration", "']' saknas efter tabellens namn"),
        (r"Expected '\]\]' at the end of an array declaration", "']]' saknas efter tabellens namn"),
        (r"Cannot overwrite a value", "värdet finns redan och kan inte anges igen"),
        (r"Cannot declare (?P<x>.*) twice", "{x} anges två gånger"),
        (r"Cannot redefine namespace (?P<x>.*)", "{x} anges två gånger"),
        (r"Cannot mutate immutable namespace (?P<x>.*)", "{x} kan inte ändras här"),
        (r"Duplicate inline table key (?P<x>.*)", "nyckeln {x} anges två gånger"),
        (r"Invalid date or datetime", "ogiltigt datum eller ogiltig tidpunkt"),
        (r"Invalid hex value", "ogiltigt hexadecimalt värde"),
        (r"Invalid initial character for a key part", "ogiltigt tecken i början av en nyckel"),
        (r"Unclosed array", "listan avslutas inte (']' saknas)"),
        (r"Unclosed inline table", "tabellen avslutas inte ('}}' saknas)"),
        (r"Unescaped '\\' in a string", "ensamt '\\' i en sträng"),
        (r"Unterminated string", "texten avslutas inte (citattecken saknas)"),
        (r"Escaped character is not a Unicode scalar value", "teckenkoden är inget giltigt Unicode-tecken"),
        (r"Expected (?P<x>.*)", "{x} förväntades"),
        (r"Found invalid character (?P<x>.*)", "ogiltigt tecken {x}"),
        (r"Illegal character (?P<x>.*)", "otillåtet tecken {x}"),
    ]
]


def _swedish_problem(what: str) -> str:
    for pattern, swedish in _TOML_PROBLEMS:
        m = pattern.match(what)
        if m:
            return swedish.format(**{k: _key_text(v) for k, v in m.groupdict().items()})
    # A message a newer Python added: say what is known in Swedish rather than pass English on.
    return "okänt fel"


def _key_text(text: str) -> str:
    """tomllib names a key as a tuple's repr, ('a', 'b'); the file spells it a.b."""
    if text.startswith("(") and text.endswith(")"):
        try:
            parts = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            return text
        if isinstance(parts, tuple) and all(isinstance(x, str) for x in parts):
            return ".".join(parts)
    return text


MAX_FILE_BYTES = 20_000_000


def read_file(path: str | Path, *, max_bytes: int | None = None) -> dict[str, Any]:
    """Parse a TOML file; anything but a regular file of at most 20 MB (or `max_bytes`) is refused
    before reading: a FIFO, /dev/zero, a folder."""
    limit = MAX_FILE_BYTES if max_bytes is None else max_bytes
    p = Path(path)
    try:
        # O_NONBLOCK: opening a fifo must not wait for a writer; it is refused below.
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise TomlError(f"{p}: filen finns inte") from None
    except IsADirectoryError:
        raise TomlError(f"{p}: är en mapp, inte en fil") from None
    except OSError as exc:
        raise TomlError(f"{p}: kan inte läsas ({exc.strerror})") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
        os.close(fd)
        if stat.S_ISDIR(st.st_mode):
            raise TomlError(f"{p}: är en mapp, inte en fil")
        if not stat.S_ISREG(st.st_mode):
            raise TomlError(f"{p}: är ingen vanlig fil")
        raise TomlError(_too_big(p, st.st_size, limit))
    with os.fdopen(fd, "rb") as fh:
        try:
            # The cap holds even for a file that grows while it is read.
            raw = fh.read(limit + 1)
        except OSError as exc:
            raise TomlError(f"{p}: kan inte läsas ({exc.strerror})") from None
    if len(raw) > limit:
        raise TomlError(_too_big(p, len(raw), limit))
    return _read_toml(raw, str(p))


def _too_big(p: Path, size: int, limit: int = MAX_FILE_BYTES) -> str:
    if limit < 1_000_000:
        return f"{p}: filen är för stor ({size // 1000} kB); högst {limit // 1000} kB läses"
    return f"{p}: filen är för stor ({size / 1_000_000:.0f} MB); högst {limit // 1_000_000} MB läses"


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
    return remiss_and_revisions_from_toml(data, source, register)[0]


def remiss_and_revisions_from_toml(
    data: dict[str, Any], source: str, register: Register | None = None
) -> tuple[Remiss, dict[str, int] | None]:
    """The Remiss, and the revisions the file was exported at (target -> revision), or None when
    the file names none. The model's own revisions stay 0: the store keeps those."""
    data = dict(data)
    raw_recipients = data.pop("recipients", [])
    if not isinstance(raw_recipients, list) or not all(isinstance(r, dict) for r in raw_recipients):
        raise TomlError(f"{source}: recipients ska vara en lista av tabeller ([[recipients]])")
    revisions: dict[str, int] | None = None
    if "revision" in data:
        revisions = {REMISS_TARGET: _revision(data.pop("revision"), "revision", source)}
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
        revision = _revision(raw.pop("revision"), f"{where}.revision", source) if "revision" in raw else None
        list_name = raw.pop("list", None)
        if list_name is not None:
            if raw or revision is not None:
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
        if revision is not None and revisions is not None:
            revisions[recipient_target(rec.organisation)] = revision
    remiss.recipients = recipients
    return remiss, revisions


def _revision(value: Any, where: str, source: str) -> int:
    if type(value) is not int or value < 0:
        raise TomlError(f"{source}: {where} ska vara ett heltal från 0 och uppåt (den version filen exporterades vid)")
    return value


def remiss_to_toml(remiss: Remiss) -> str:
    data = to_dict(remiss, native_dates=True)
    # The revisions the export is taken at, always written (0 too): an import compares them with
    # the store's to see what others changed since.
    data.pop("revision", None)
    data["revision"] = remiss.revision
    for rec, obj in zip(data.get("recipients", []), remiss.recipients):
        rec.pop("revision", None)
        # Always written, even when it is the default: import fills a missing kind from the
        # register (or "extern"), so leaving it out would not round-trip.
        rec["kind"] = obj.kind.value
        rec["revision"] = obj.revision
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
