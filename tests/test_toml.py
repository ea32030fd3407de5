"""TOML in and out: lossless round trip, clear errors that change nothing, recipients by code and list."""

from __future__ import annotations

import os
import tomllib
from importlib import resources

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remisstui import services
from remisstui.domain.model import OrgKind, Recipient, Remiss, Status
from remisstui.formats import toml_io
from remisstui.formats.toml_io import TomlError
from remisstui.store.repository import Store
from workers.common import folder_fingerprint
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
    text1 = toml_io.remiss_to_toml(remiss)
    f = folder / "r.toml"
    f.write_bytes(text1.encode("utf-8"))
    imported, _created = services.import_toml(store, f)
    text2 = services.export_toml(store, imported.dnr)
    assert text2 == text1
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
