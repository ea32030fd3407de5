"""TOML in and out: lossless round trip, clear errors that change nothing, recipients by code and list."""

from __future__ import annotations

import os
import re
import subprocess
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remisstui import cli, services
from remisstui.domain.model import OrgKind, Recipient, Remiss, Status
from remisstui.formats import toml_io
from remisstui.formats.toml_io import TomlError
from remisstui.store.repository import ConflictError, Store
from workers.common import PYTHON, folder_fingerprint
from workers.strategies import remisser

EXAMPLE = "KS 2024/112"


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "data")
    services.ensure_seeded(s)
    return s


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory):
    s = Store(tmp_path_factory.mktemp("toml") / "data")
    services.ensure_seeded(s)
    return s


def test_example_round_trip_is_byte_identical(store, tmp_path):
    first = services.export_toml(store, EXAMPLE)
    f = tmp_path / "ex.toml"
    f.write_text(first, encoding="utf-8")
    _remiss, created = services.import_toml(store, f)
    assert created is False
    second = services.export_toml(store, EXAMPLE)
    assert second == first
    # Importing an unchanged export records no change at all.
    _r, events = store.load_with_events(EXAMPLE)
    assert not any(e.what.startswith("Uppdaterade") for e in events)


def test_example_export_matches_the_bundled_file(store):
    register = store.load_register()
    exported = toml_io.remiss_from_toml(tomllib.loads(services.export_toml(store, EXAMPLE)), "export", register)
    raw = resources.files("remisstui.data.examples").joinpath("ks-2024-112.toml").read_text(encoding="utf-8")
    bundled = toml_io.remiss_from_toml(tomllib.loads(raw), "ks-2024-112.toml", register)
    assert exported == bundled


def _round_trip(store: Store, remiss: Remiss, folder) -> None:
    # Text is cleaned at the store's door to what every format carries (issue 23 item 9): what
    # round-trips byte for byte is the remiss as it may be stored.
    from remisstui.domain.serialize import from_dict, to_dict
    from remisstui.domain.stored_text import clean_values

    remiss = from_dict(Remiss, clean_values(to_dict(remiss)))
    from hypothesis import assume

    assume(remiss.title.strip())  # a title of control characters only is no title
    # A new remiss each time (examples may share a dnr): a file exported at revision 0 creates it.
    if store.exists(remiss.dnr):
        store.delete(remiss.dnr)
    text1 = toml_io.remiss_to_toml(remiss)
    f = folder / "r.toml"
    f.write_bytes(text1.encode("utf-8"))
    imported, created = services.import_toml(store, f)
    assert created
    text2 = services.export_toml(store, imported.dnr)
    assert text2 == text1
    # Importing an export unchanged changes nothing, byte for byte.
    f.write_bytes(text2.encode("utf-8"))
    services.import_toml(store, f)
    assert services.export_toml(store, imported.dnr) == text1
    # And the model itself survived (revisions are store-managed, not content).
    loaded = store.load(imported.dnr)
    loaded.revision = 0
    for r in loaded.recipients:
        r.revision = 0
    assert loaded == remiss


@settings(max_examples=int(os.environ.get("RT_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(remiss=remisser())
def test_generated_round_trip_is_byte_identical(shared_store, tmp_path_factory, remiss):
    _round_trip(shared_store, remiss, tmp_path_factory.mktemp("rt"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    kind=st.sampled_from(OrgKind),
    name=st.sampled_from(["Södermalms stadsdelsnämnd", "Kulturnämnden", "Helt okänd förening 1"]),
)
def test_kind_survives_round_trip_even_when_it_differs_from_register(shared_store, tmp_path_factory, kind, name):
    """An export must say everything: import fills a missing kind from the register, so default
    values must not be left out of the file."""
    remiss = Remiss(dnr="KS 2030/1", title="Fiktiv: kind round trip",
                    recipients=[Recipient(organisation=name, kind=kind, status=Status.sent)])
    _round_trip(shared_store, remiss, tmp_path_factory.mktemp("kind"))


def test_recipients_by_code_and_list(store, tmp_path):
    f = tmp_path / "new.toml"
    f.write_text(
        'dnr = "KS 2031/5"\ntitle = "Fiktiv remiss"\n'
        '[[recipients]]\norganisation = "SÖD"\nstatus = "registered"\nown_dnr = "SÖD 2031/1"\n'
        '[[recipients]]\nlist = "Samtliga stadsdelsnämnder"\n'
        '[[recipients]]\norganisation = "kulturnämnden"\n',
        encoding="utf-8",
    )
    remiss, created = services.import_toml(store, f)
    assert created
    names = [r.organisation for r in remiss.recipients]
    register = store.load_register()
    sdn = register.recipient_list("Samtliga stadsdelsnämnder").members
    assert names[0] == "Södermalms stadsdelsnämnd"
    assert remiss.recipients[0].status is Status.registered and remiss.recipients[0].own_dnr == "SÖD 2031/1"
    assert set(sdn) <= set(names)
    assert names.count("Södermalms stadsdelsnämnd") == 1  # not duplicated by the list
    assert "Kulturnämnden" in names
    assert len(names) == len(sdn) + 1
    assert all(r.kind is OrgKind.stadsdelsnamnd for r in remiss.recipients if r.organisation in sdn)
    # ... and written out with names, so a second round trip is lossless.
    text = services.export_toml(store, "KS 2031/5")
    assert "SÖD\"" not in text.replace('own_dnr = "SÖD 2031/1"', "")
    assert 'list =' not in text


BAD_FILES = [
    ('dnr = "KS 1/1"\ntitle = "t\n', "rad 2"),
    ('dnr = "KS 1/1"\ntitle = "t"\nstate = "kaos"\n', "kaos"),
    ('dnr = "KS 1/1"\ntitle = "t"\ndeadline = "29 april"\n', "deadline"),
    ('dnr = "KS 1/1"\ntitle = "t"\n"okänt" = 1\n', "okänt"),
    ('dnr = "KS 1/1"\ntitle = "t"\n[[recipients]]\nlist = "Ingen sådan lista"\n', "Ingen sådan lista"),
    ('dnr = "KS 1/1"\ntitle = "t"\n[[recipients]]\nstatus = "sent"\n', "organisation saknas"),
    ('dnr = "KS 1/1"\ntitle = "t"\n[[recipients]]\norganisation = "X"\n[[recipients]]\norganisation = "x"\n', "finns redan"),
    ('dnr = "KS 1/1"\ntitle = "t"\nrecipients = 3\n', "recipients"),
    ('title = "t"\n', "dnr"),
    ('dnr = "KS 1/1"\ntitle = "  "\n', "title"),
    ('dnr = "KS 1/1"\ntitle = "t"\n[[recipients]]\norganisation = "X"\nresponse = { stance = "ja" }\n', "ja"),
    ('dnr = "KS 1/1"\ntitle = "t"\n[[recipients]]\norganisation = "X"\nextensions = [ { granted_by = "a" } ]\n',
     "new_deadline"),
    (b'dnr = "KS 1/1"\ntitle = "\xff"\n', "UTF-8"),
    ("", "dnr"),
]


@pytest.mark.parametrize("content,needle", BAD_FILES)
def test_bad_toml_is_one_clear_line_and_changes_nothing(store, tmp_path, content, needle):
    f = tmp_path / "dålig.toml"
    f.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    before = folder_fingerprint(store.folder)
    with pytest.raises((TomlError, services.ServiceError)) as exc:
        services.import_toml(store, f)
    msg = str(exc.value)
    assert "\n" not in msg
    assert needle in msg
    if isinstance(exc.value, TomlError):
        assert "dålig.toml" in msg
    assert folder_fingerprint(store.folder) == before


def test_syntax_error_names_file_line_and_problem(tmp_path):
    f = tmp_path / "x.toml"
    f.write_text('dnr = "KS 1/1"\n\ntitle = = "t"\n', encoding="utf-8")
    with pytest.raises(TomlError) as exc:
        toml_io.read_file(f)
    msg = str(exc.value)
    assert str(f) in msg and "rad 3" in msg and "ogiltig TOML" in msg


def test_update_keeps_recipient_revisions_and_logs(store, tmp_path):
    text = services.export_toml(store, EXAMPLE)
    f = tmp_path / "e.toml"
    f.write_text(text.replace('title = "Kommunikationsprogram för Stockholms stad"',
                              'title = "Nytt namn"', 1), encoding="utf-8")
    before = store.load(EXAMPLE)
    after, created = services.import_toml(store, f)
    assert not created and after.title == "Nytt namn"
    assert after.revision == before.revision + 1
    assert [r.revision for r in after.recipients] == [r.revision for r in before.recipients]
    events = store.load_with_events(EXAMPLE)[1]
    assert events[-1].before == {"title": "Kommunikationsprogram för Stockholms stad"}
    assert events[-1].after == {"title": "Nytt namn"}


# --- a stale export (issue 13.7) ------------------------------------------------------------------

BROMMA = "Bromma stadsdelsnämnd"
TITLE = 'title = "Kommunikationsprogram för Stockholms stad"'


def _export(store, tmp_path, name: str) -> Path:
    f = tmp_path / name
    f.write_text(services.export_toml(store, EXAMPLE), encoding="utf-8")
    return f


def _edit(f: Path, old: str, new: str) -> None:
    text = f.read_text(encoding="utf-8")
    assert old in text
    f.write_text(text.replace(old, new, 1), encoding="utf-8")


def _bromma_block(text: str) -> tuple[int, int]:
    start = text.index(f'organisation = "{BROMMA}"')
    return start, text.index("[[recipients]]", start)


def _edit_bromma(f: Path, line: str) -> None:
    """Add a line to Bromma's [[recipients]] table."""
    text = f.read_text(encoding="utf-8")
    _start, end = _bromma_block(text)
    f.write_text(text[:end] + line + "\n\n" + text[end:], encoding="utf-8")


def test_export_records_the_revisions(store, tmp_path):
    services.set_status(store, EXAMPLE, [BROMMA], Status.registered)
    data = tomllib.loads(services.export_toml(store, EXAMPLE))
    assert data["revision"] == 0
    bromma = next(r for r in data["recipients"] if r["organisation"] == BROMMA)
    assert bromma["revision"] == 1
    assert {r["revision"] for r in data["recipients"] if r["organisation"] != BROMMA} == {0}


def test_two_stale_exports_merge_and_neither_change_is_lost(store, tmp_path):
    a = _export(store, tmp_path, "a.toml")
    b = _export(store, tmp_path, "b.toml")
    _edit(a, TITLE, 'title = "Ny rubrik från A"')
    _edit(b, 'description = "Ett nytt', 'description = "Från B. Ett nytt')
    services.import_toml(store, a)
    services.import_toml(store, b)  # based on revision 0, the store is at 1: merged, not overwritten
    now = store.load(EXAMPLE)
    assert now.title == "Ny rubrik från A"
    assert now.description.startswith("Från B. Ett nytt")


def test_a_field_both_changed_is_refused_by_name_and_nothing_is_saved(store, tmp_path):
    a = _export(store, tmp_path, "a.toml")
    b = _export(store, tmp_path, "b.toml")
    _edit(a, TITLE, 'title = "Rubrik A"')
    services.import_toml(store, a)
    _edit(b, TITLE, 'title = "Rubrik B"')
    _edit(b, 'description = "Ett nytt', 'description = "Från B. Ett nytt')
    before = folder_fingerprint(store.folder)
    with pytest.raises(ConflictError) as exc:
        services.import_toml(store, b)
    msg = str(exc.value)
    assert "\n" not in msg and msg.startswith("Konflikt: b.toml")
    assert "Remissen (title) har ändrats av" in msg and "Inget sparades" in msg
    assert folder_fingerprint(store.folder) == before  # like a stale save in the TUI: refused whole
    assert store.load(EXAMPLE).title == "Rubrik A"  # the colleague's change stands


def test_recipient_fields_merge_the_same_way(store, tmp_path):
    b = _export(store, tmp_path, "b.toml")
    services.set_status(store, EXAMPLE, [BROMMA], Status.answered)  # a colleague in the TUI
    _edit_bromma(b, 'status = "registered"')
    _edit(b, 'organisation = "Arbetsmarknadsnämnden"', 'organisation = "Arbetsmarknadsnämnden"\nnote = "från B"')
    with pytest.raises(ConflictError) as exc:
        services.import_toml(store, b)
    assert f"{BROMMA} (status) har ändrats" in str(exc.value)
    now = store.load(EXAMPLE)
    assert now.recipient(BROMMA).status is Status.answered
    assert now.recipient("Arbetsmarknadsnämnden").note == ""
    # Without the clash, the other recipient's change merges.
    _edit(b, 'status = "registered"', 'status = "answered"')
    services.import_toml(store, b)
    assert store.load(EXAMPLE).recipient("Arbetsmarknadsnämnden").note == "från B"


def test_a_stale_import_that_touches_nothing_a_colleague_changed_goes_through(store, tmp_path):
    b = _export(store, tmp_path, "b.toml")
    services.set_status(store, EXAMPLE, [BROMMA], Status.answered)
    _edit_bromma(b, 'own_dnr = "BRO 2024/7"')  # the same recipient, another field
    services.import_toml(store, b)
    rec = store.load(EXAMPLE).recipient(BROMMA)
    assert rec.status is Status.answered and rec.own_dnr == "BRO 2024/7"


def test_a_recipient_added_since_the_export_is_kept(store, tmp_path):
    b = _export(store, tmp_path, "b.toml")
    assert store.load(EXAMPLE).recipient("Fiktiva remissföreningen") is None
    services.add_recipients(store, EXAMPLE, ["Fiktiva remissföreningen"], store.load_register())
    _edit(b, TITLE, 'title = "Rubrik B"')
    services.import_toml(store, b)
    now = store.load(EXAMPLE)
    assert now.title == "Rubrik B" and now.recipient("Fiktiva remissföreningen") is not None


def test_a_toml_without_revisions_imports_as_before(store, tmp_path):
    f = _export(store, tmp_path, "hand.toml")
    services.set_status(store, EXAMPLE, [BROMMA], Status.answered)
    text = f.read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("revision = ")) + "\n"
    start, end = _bromma_block(text)
    start = text.rindex("[[recipients]]", 0, start)
    f.write_text(text[:start] + text[end:], encoding="utf-8")  # Bromma left out of the file
    services.import_toml(store, f)
    now = store.load(EXAMPLE)
    assert now.recipient(BROMMA) is None  # a hand-written file says what the remiss holds


def test_a_revision_newer_than_the_store_is_a_conflict(store, tmp_path):
    f = _export(store, tmp_path, "framtid.toml")
    _edit(f, "\nrevision = 0\n", "\nrevision = 7\n")
    _edit(f, TITLE, 'title = "Från framtiden"')
    before = folder_fingerprint(store.folder)
    with pytest.raises(ConflictError) as exc:
        services.import_toml(store, f)
    assert "(title)" in str(exc.value) and "Inget sparades" in str(exc.value)
    assert folder_fingerprint(store.folder) == before


@pytest.mark.parametrize("value", ['"3"', "-1", "true", "1.5"])
def test_a_bad_revision_is_one_clear_line(store, tmp_path, value):
    f = _export(store, tmp_path, "dålig.toml")
    _edit(f, "\nrevision = 0\n", f"\nrevision = {value}\n")
    with pytest.raises(TomlError) as exc:
        services.import_toml(store, f)
    assert "revision ska vara ett heltal" in str(exc.value)


def test_cli_stale_import_is_one_line_and_exit_1(store, tmp_path, capsys):
    a = _export(store, tmp_path, "a.toml")
    b = _export(store, tmp_path, "b.toml")
    _edit(a, TITLE, 'title = "Rubrik A"')
    _edit(b, TITLE, 'title = "Rubrik B"')
    assert cli.main(["--data", str(store.folder), "import", str(a)]) == 0
    capsys.readouterr()
    assert cli.main(["--data", str(store.folder), "import", str(b)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Konflikt" in err and "title" in err


# --- what import reads (issue 13.9) ---------------------------------------------------------------


def test_import_refuses_a_folder_and_a_huge_file_before_reading(store, tmp_path):
    huge = tmp_path / "stor.toml"
    with open(huge, "wb") as fh:
        fh.truncate(21_000_000)  # sparse: nothing to read, the size alone refuses it
    folder = tmp_path / "mapp.toml"
    folder.mkdir()
    for path, needle in ((huge, "för stor (21 MB); högst 20 MB"), (folder, "är en mapp")):
        with pytest.raises(TomlError) as exc:
            toml_io.read_file(path)
        assert needle in str(exc.value) and "\n" not in str(exc.value)


READS_DEV_ZERO = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))
from remisstui.cli import main
sys.exit(main(["--data", sys.argv[1], sys.argv[2], sys.argv[3]]))
"""


@pytest.mark.parametrize("command", ["import", "register-import"])
@pytest.mark.parametrize("kind", ["/dev/zero", "fifo"])
def test_dev_zero_and_a_fifo_are_refused_at_once(store, tmp_path, command, kind):
    """In a subprocess: before the fix /dev/zero ran out of memory and a fifo waited forever."""
    path = kind
    if kind == "fifo":
        path = str(tmp_path / "rör.toml")
        os.mkfifo(path)  # no writer: opening it for reading would wait forever
    try:
        proc = subprocess.run([PYTHON, "-c", READS_DEV_ZERO, str(store.folder), command, path],
                              capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{command} {kind} was still reading after 60 s")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == f"remisstui: {path}: är ingen vanlig fil"


# --- tomllib's messages in Swedish (issue 12.12) -------------------------------------------------

ENGLISH = re.compile(r"\b(Invalid|Expected|Cannot|Unclosed|Illegal|Found|Unterminated|Unescaped|Duplicate|"
                     r"Escaped|value|line|column|document)\b")


@pytest.mark.parametrize("text", [
    "a = \n", "a = 1\na = 2\n", "[a]\n[a]\n", "a = [1,\n", 'a = "x\n', "a = {b=1, b=2}\n", "a = 1979-13-01\n",
    "= 1", 'a = "\\q"', "x = 1 2", "[[a]\n", "a = {b = 1\n", "a = '\x01'", 'a = "\\UFFFFFFFF"', "[a\n",
    "a.b = 1\na = 2", 'a = """x', "a = 0x\n", "a = 1\n[a]\n",
])
def test_toml_syntax_errors_read_swedish(tmp_path, text):
    f = tmp_path / "x.toml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(TomlError) as exc:
        toml_io.read_file(f)
    problem = str(exc.value)[len(str(f)):]
    assert "ogiltig TOML (" in problem and "okänt fel" not in problem
    assert not ENGLISH.search(problem), problem


def test_every_tomllib_message_has_a_swedish_wording():
    """The class, not the instances: every message tomllib's parser can raise is translated."""
    source = Path(tomllib.__file__).with_name("_parser.py").read_text(encoding="utf-8")
    messages = re.findall(r'suffixed_err\(\s*src,\s*\w+,\s*(f?)"((?:[^"\\]|\\.)*)"', source)
    assert len(messages) > 15
    for is_f, literal in messages:
        text = re.sub(r"\{[^}]*\}", "'x'", literal) if is_f else literal
        text = text.encode().decode("unicode_escape")
        assert toml_io._swedish_problem(text) != "okänt fel", text
