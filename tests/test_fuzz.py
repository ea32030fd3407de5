"""Fuzzing with hypothesis: TOML import, the store's file reader, and what test_dnr/test_dates leave
out (mutated real strings). Never a traceback or a hang: a clear error, the files on disk unchanged."""

from __future__ import annotations

import copy
import os
from datetime import date

import orjson
import pytest
import tomli_w
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from remisstui import services
from remisstui.domain.dates import DateParseError, find_dates, parse_date, parse_datetime
from remisstui.domain.dnr import dnr_key, dnr_slug, find_dnrs, is_valid_dnr, parse_dnr
from remisstui.domain.history import last_undoable, undo_conflicts
from remisstui.domain.model import Status
from remisstui.formats.toml_io import TomlError
from remisstui.store.repository import Store, StoreError
from workers.common import folder_fingerprint

EXAMPLE = "KS 2024/112"
N = int(os.environ.get("FUZZ_EXAMPLES", "80"))
FAST = settings(max_examples=N, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz") / "data"
    store = Store(folder)
    services.ensure_seeded(store)
    services.log_reminder(store, EXAMPLE, ["Bromma stadsdelsnämnd"], note="påminnelse")
    services.set_status(store, EXAMPLE, ["Kulturnämnden"], Status.declined)
    return store, services.export_toml(store, EXAMPLE)


# --- byte-level mutation helpers ------------------------------------------------------------------


@st.composite
def mutated(draw, original: bytes, max_ops: int = 4) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, max_ops))):
        op = draw(st.sampled_from(["delete", "insert", "flip", "dup_line", "truncate", "swap_lines"]))
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "delete" and data:
            del data[pos: pos + draw(st.integers(1, 40))]
        elif op == "insert":
            data[pos:pos] = draw(st.one_of(
                st.binary(max_size=12),
                st.sampled_from([b'"', b"[", b"]]", b"=", b"\n", b"\\", b'"""', b"'''", b"{", b"}", b"#",
                                 b"\x00", b"\xff", b"1e999", b"99999999999999999999999", b"-", b"nan", b"inf"]),
            ))
        elif op == "flip" and data:
            data[pos] ^= 1 << draw(st.integers(0, 7))
        elif op == "truncate":
            del data[pos:]
        elif op in ("dup_line", "swap_lines"):
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if op == "dup_line":
                lines.insert(j, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


# --- TOML import ----------------------------------------------------------------------------------


def _import_checked(store: Store, path) -> None:
    before = folder_fingerprint(store.folder)
    try:
        services.import_toml(store, path)
    except (TomlError, StoreError) as exc:
        msg = str(exc)
        assert msg and "\n" not in msg and "Traceback" not in msg
        after = folder_fingerprint(store.folder)
        before.pop("index.json", None)
        after.pop("index.json", None)
        assert after == before


@FAST
@given(data=st.data())
def test_mutated_toml_import(world, tmp_path_factory, data):
    store, text = world
    raw = data.draw(mutated(text.encode("utf-8")))
    f = tmp_path_factory.mktemp("t") / "fuzz.toml"
    f.write_bytes(raw)
    _import_checked(store, f)


FIELD_NAMES = ["dnr", "title", "sender", "description", "sent_on", "deadline", "state", "recipients",
               "attachments", "revision", "organisation", "kind", "status", "own_dnr", "contact",
               "extensions", "reminders", "response", "note", "list", "new_deadline", "stance", "comments",
               "text", "theme", "sections", "dissents", "parties", "answer_kind", "received_on", "x"]
toml_scalars = st.one_of(
    st.text(max_size=20), st.integers(), st.booleans(), st.floats(allow_nan=True),
    st.dates(), st.datetimes(), st.times(),
    st.sampled_from(["KS 2024/112", "out", "answered", "supports", "Samtliga stadsdelsnämnder", "SÖD",
                     "2024-04-29", ""]),
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(FIELD_NAMES), inner, max_size=5)),
    max_leaves=20,
)


@FAST
@given(doc=st.dictionaries(st.sampled_from(FIELD_NAMES), toml_values, max_size=8))
def test_structured_random_toml_import(world, tmp_path_factory, doc):
    store, _text = world
    doc.setdefault("dnr", "KS 2099/1")
    try:
        raw = tomli_w.dumps(doc).encode("utf-8")
    except (TypeError, ValueError):
        assume(False)
    f = tmp_path_factory.mktemp("s") / "random.toml"
    f.write_bytes(raw)
    _import_checked(store, f)


# --- the store's file reader ----------------------------------------------------------------------

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**63), max_value=2**64 - 1),
              st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=10),
              st.just("x" * 200_000), st.just("2024-04-29"), st.just("2024-04-29T10:00:00+02:00")),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=10,
)


@st.composite
def structurally_mutated(draw, doc):
    doc = copy.deepcopy(doc)
    for _ in range(draw(st.integers(1, 3))):
        node = doc
        path = []
        while isinstance(node, (dict, list)) and node and draw(st.booleans()):
            key = draw(st.sampled_from(sorted(node) if isinstance(node, dict) else list(range(len(node)))))
            path.append((node, key))
            node = node[key]
        if not path:
            continue
        parent, key = path[-1]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[key] = draw(json_values)
        elif action == "delete":
            del parent[key]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=8))] = draw(json_values)
    return doc


def _read_checked(store: Store, path, raw: bytes) -> None:
    path.write_bytes(raw)
    fresh = Store(store.folder)
    try:
        remiss, events = fresh._load_path(path)
    except StoreError as exc:
        assert path.name in str(exc) and "\n" not in str(exc)
    else:
        # What loads must also be usable: the views, the index, the history.
        services.remiss_view(remiss, date(2024, 5, 1))
        last_undoable(events)
        for ev in events:
            undo_conflicts(remiss, [ev])
    summaries = fresh.summaries()
    assert all(s.dnr for s in summaries)
    services.overview_rows(fresh, date(2024, 5, 1), include_closed=True)
    assert path.read_bytes() == raw  # never "repaired" behind the user's back


@pytest.fixture(scope="module")
def victim(world):
    store, _ = world
    path = store.path_for(EXAMPLE)
    return store, path, path.read_bytes()


@FAST
@given(data=st.data())
def test_store_reader_byte_mutations(victim, data):
    store, path, good = victim
    try:
        _read_checked(store, path, data.draw(mutated(good, max_ops=3)))
    finally:
        path.write_bytes(good)


@FAST
@given(data=st.data())
def test_store_reader_structure_mutations(victim, data):
    store, path, good = victim
    doc = orjson.loads(good)
    try:
        _read_checked(store, path, orjson.dumps(data.draw(structurally_mutated(doc))))
    finally:
        path.write_bytes(good)


@pytest.mark.parametrize("schema", [0, 2, 99, -1, 2**40, "1", None, 1.5, True, [1], {"a": 1}])
def test_store_reader_schema_versions(victim, schema):
    store, path, good = victim
    doc = orjson.loads(good)
    doc["_meta"]["1"]["schema"] = schema
    try:
        raw = orjson.dumps(doc)
        _read_checked(store, path, raw)
        if schema not in (1, True):
            with pytest.raises(StoreError):
                Store(store.folder)._load_path(path)
    finally:
        path.write_bytes(good)


# --- dnr and dates: mutated real strings (random text is covered in test_dnr/test_dates) -----------

REAL_DNRS = ["KS 2024/112", "SÖD 2024/145", "KS-2014/742.912", "Dnr 179-2103/2016", "Dnr 1.5.1-135-2012",
             "2023/BUN 0214", "Dnr 2016/0272 KS-2", "Ju2025/00949", "N2015/06917/PUB", "S2014/5195/PBB"]
REAL_DATES = ["2024-02-14", "25 april 2024", "den 29 april 2024", "torsdag 25 april 2024", "14 feb. 2024",
              "senast den 29 april 2024", "tisdag 4 juni 2024 kl. 14.30", "3/4 2024"]


@settings(max_examples=N * 2, deadline=None)
@given(data=st.data())
def test_mutated_dnrs(data):
    text = data.draw(mutated(data.draw(st.sampled_from(REAL_DNRS)).encode())).decode("utf-8", "replace")
    parse_dnr(text)
    key = dnr_key(text)
    assert key == key.strip() and " " not in key
    slug = dnr_slug(text)
    assert slug and "/" not in slug and "\\" not in slug and ".." not in slug and not slug.startswith(".")
    is_valid_dnr(text)
    for found, _pos in find_dnrs(f"Ärende {text}, se även {text}."):
        assert isinstance(found, str)


@settings(max_examples=N * 2, deadline=None)
@given(data=st.data(), year=st.sampled_from([None, 1, 2024, 9999]))
def test_mutated_dates(data, year):
    text = data.draw(mutated(data.draw(st.sampled_from(REAL_DATES)).encode())).decode("utf-8", "replace")
    for fn in (parse_date, parse_datetime):
        try:
            fn(text, default_year=year)
        except DateParseError as exc:
            assert str(exc)  # (the message quotes the input, line breaks included)
    for d, start, end in find_dates(f"Svar senast {text} eller {text}"):
        assert isinstance(d, date) and 0 <= start < end
