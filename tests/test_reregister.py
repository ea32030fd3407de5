"""Registering over an existing answer (issue 20 item 7) and answers built from documents:
services, then the CLI through main()."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import pytest

from remisstui import cli, services
from remisstui.services import answers as reg
from helpers import SEED

DNR = "KS 2024/112"
SOD = "Södermalms stadsdelsnämnd"
FARSTA = "Farsta stadsdelsnämnd"
TODAY = date(2024, 5, 20)

FIRST = """Farsta stadsdelsförvaltning
Tjänsteutlåtande
Dnr FAR 2024/300
2024-04-10

Svar på remiss om Kommunikationsprogram för Stockholms stad, KS 2024/112

Förvaltningens synpunkter
Förvaltningen ställer sig positiv till programmet.

Förvaltningen anser att rollfördelningen mellan förvaltningarna behöver förtydligas.
"""
SECOND = """Farsta stadsdelsförvaltning
Komplettering
Dnr FAR 2024/300
2024-04-20

Komplettering av svar på remiss om Kommunikationsprogram för Stockholms stad, KS 2024/112

Förvaltningens synpunkter
Förvaltningen vill därutöver framhålla behovet av klarspråk i all extern kommunikation.
"""
OTHER = """Farsta stadsdelsförvaltning
Tjänsteutlåtande
Dnr FAR 2024/301
2024-04-10

Svar på remiss om Parkprogram, KS 2024/999

Förvaltningens synpunkter
Förvaltningen tillstyrker programmet.
"""
EARLY = FIRST.replace("2024-04-10", "2023-11-02")


@pytest.fixture
def store(tmp_path):
    st = services.open_store(tmp_path / "data")
    services.ensure_seeded(st)
    return st


def _write(folder: Path, name: str, text: str) -> Path:
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


def _register(store, path, **kw):
    plan = reg.plan_file(store, DNR, path, today=TODAY, **kw)
    reg.commit_plan(store, plan)
    return services.open_store(store.folder).load(DNR).recipient(plan.recipient.organisation)


def test_document_answer_has_passages_and_sourced_synpunkter_and_no_summary(store, tmp_path):
    rec = _register(store, _write(tmp_path, "farsta.txt", FIRST), organisation=FARSTA)
    r = rec.response
    assert [p.text for p in r.passages] == ["Förvaltningen ställer sig positiv till programmet.",
                                           "Förvaltningen anser att rollfördelningen mellan förvaltningarna "
                                           "behöver förtydligas."]
    assert {p.document for p in r.passages} == {"farsta.txt"}
    assert {p.section for p in r.passages} == {"Förvaltningens synpunkter"}
    assert [c.text for c in r.comments] == [p.text for p in r.passages]
    assert {c.source for c in r.comments} == {"farsta.txt"}
    # The registrator's summary is the registrator's: no document text is put there.
    assert r.summary == ""


@pytest.mark.skipif(not SEED.exists(), reason="seed not present")
def test_reading_an_answer_again_keeps_themes_and_received_date(store, tmp_path):
    before = store.load(DNR).recipient(SOD)
    themed = {c.text: c.theme for c in before.response.comments if c.theme}
    doc = tmp_path / "sod.txt"
    shutil.copy(SEED, doc)
    plan = reg.plan_file(store, DNR, doc, today=TODAY)
    assert plan.mode == reg.REPLACE
    new = plan.new.response
    assert new.received_on == before.response.received_on
    survived = [c for c in new.comments if c.text in themed]
    assert survived, "some registered synpunkter are verbatim in the document"
    assert all(c.theme == themed[c.text] for c in survived)
    # What does not survive is named before saving.
    gone = [t for t in themed if t not in {c.text for c in new.comments}]
    if gone:
        assert any("synpunkter" in line and "tema" in line for line in plan.lost)


def test_a_second_document_is_added_as_a_komplettering(store, tmp_path):
    first = _register(store, _write(tmp_path, "farsta.txt", FIRST), organisation=FARSTA,
                      received_on=date(2024, 4, 12))
    # The registrator tags a synpunkt with a theme.
    first.response.comments[1].theme = "rollfördelning"
    services.save_recipient(store, DNR, first, base_revision=first.revision, what="tema")
    plan = reg.plan_file(store, DNR, _write(tmp_path, "farsta-komplettering.txt", SECOND), organisation=FARSTA,
                         today=TODAY)
    assert plan.mode == reg.ADD
    assert plan.lost == []
    reg.commit_plan(store, plan)
    r = services.open_store(store.folder).load(DNR).recipient(FARSTA).response
    assert [c.text for c in r.comments][-1].startswith("Förvaltningen vill därutöver framhålla")
    assert len(r.comments) == 3 and r.comments[1].theme == "rollfördelning"
    assert [c.source for c in r.comments] == ["farsta.txt", "farsta.txt", "farsta-komplettering.txt"]
    assert {p.document for p in r.passages} == {"farsta.txt", "farsta-komplettering.txt"}
    assert [a.file for a in r.attachments if a.file] == ["farsta.txt", "farsta-komplettering.txt"]
    assert r.received_on == date(2024, 4, 12)  # the answer came in when it came in
    assert r.document_date == date(2024, 4, 10)


def test_replacing_names_what_is_lost(store, tmp_path):
    _register(store, _write(tmp_path, "farsta.txt", FIRST), organisation=FARSTA, received_on=date(2024, 4, 12))
    plan = reg.plan_file(store, DNR, _write(tmp_path, "farsta-ny.txt", SECOND), organisation=FARSTA,
                         today=TODAY, replace=True)
    assert plan.mode == reg.REPLACE
    assert plan.new.response.received_on == date(2024, 4, 12)
    lost = " ".join(plan.lost)
    assert "2 av 2 synpunkter" in lost and "farsta.txt" in lost
    back = reg.with_mode(plan, False, today=TODAY)
    assert back.mode == reg.ADD and back.lost == []


def test_remiss_problems_other_dnr_and_dated_before_sent(store, tmp_path):
    other = reg.plan_file(store, DNR, _write(tmp_path, "a.txt", OTHER), organisation=FARSTA, today=TODAY)
    assert other.problems == [f"Dokumentet gäller remiss KS 2024/999, inte {DNR}."]
    early = reg.plan_file(store, DNR, _write(tmp_path, "b.txt", EARLY), organisation=FARSTA, today=TODAY)
    assert len(early.problems) == 1 and "2023-11-02, före remissen" in early.problems[0]
    fine = reg.plan_file(store, DNR, _write(tmp_path, "c.txt", FIRST), organisation=FARSTA, today=TODAY)
    assert fine.problems == []


# --- the CLI ---------------------------------------------------------------------------------------

def run(argv, capsys, stdin: str | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data_dir(store):
    return store.folder


def test_cli_other_remiss_is_refused_with_yes_and_allowed_with_other_remiss(data_dir, tmp_path, capsys):
    path = _write(tmp_path, "annan.txt", OTHER)
    before = services.open_store(data_dir).load(DNR)
    code, out, err = run(["--data", str(data_dir), "register", DNR, str(path), "--organisation", FARSTA,
                          "--yes"], capsys)
    assert code == 1
    lines = [ln for ln in err.splitlines() if not ln.startswith("varning:")]
    assert len(lines) == 1 and "KS 2024/999" in lines[0] and "--other-remiss" in lines[0]
    assert services.open_store(data_dir).load(DNR) == before
    code, out, err = run(["--data", str(data_dir), "register", DNR, str(path), "--organisation", FARSTA,
                          "--yes", "--other-remiss"], capsys)
    assert code == 0, err
    assert services.open_store(data_dir).load(DNR).recipient(FARSTA).response is not None


def test_cli_folder_refuses_a_document_dated_before_the_remiss(data_dir, tmp_path, capsys):
    folder = tmp_path / "svar"
    folder.mkdir()
    _write(folder, "farsta.txt", EARLY)
    code, out, err = run(["--data", str(data_dir), "register", DNR, str(folder), "--yes"], capsys)
    assert code == 1
    assert "före remissen" in err and "--other-remiss" in err
    assert services.open_store(data_dir).load(DNR).recipient(FARSTA).response is None


def test_cli_over_an_existing_answer_prints_the_diff_and_needs_consent(data_dir, tmp_path, capsys, monkeypatch):
    _register(services.open_store(data_dir), _write(tmp_path, "farsta.txt", FIRST), organisation=FARSTA,
              received_on=date(2024, 4, 12))
    path = _write(tmp_path, "farsta-ny.txt", SECOND)
    before = services.open_store(data_dir).load(DNR)
    # Not on a terminal, without --yes: refused with one line, nothing changed.
    monkeypatch.setattr("remisstui.cli.documents._interactive", lambda: False)
    code, out, err = run(["--data", str(data_dir), "register", DNR, str(path), "--organisation", FARSTA,
                          "--replace"], capsys)
    assert code == 1
    assert "läggs till" not in out and "ersätts" in out and "Går förlorat" in out and "2 av 2 synpunkter" in out
    lines = [ln for ln in err.splitlines() if not ln.startswith("varning:")]
    assert len(lines) == 1 and "--yes" in lines[0]
    assert services.open_store(data_dir).load(DNR) == before
    # On a terminal: asked; "n" keeps everything.
    monkeypatch.setattr("remisstui.cli.documents._interactive", lambda: True)
    code, out, err = run(["--data", str(data_dir), "register", DNR, str(path), "--organisation", FARSTA],
                         capsys, stdin="n\n", monkeypatch=monkeypatch)
    assert code == 1 and "komplettering" in out
    assert services.open_store(data_dir).load(DNR) == before
    # "j" adds the komplettering.
    code, out, err = run(["--data", str(data_dir), "register", DNR, str(path), "--organisation", FARSTA],
                         capsys, stdin="j\n", monkeypatch=monkeypatch)
    assert code == 0, err
    r = services.open_store(data_dir).load(DNR).recipient(FARSTA).response
    assert len(r.comments) == 3 and r.received_on == date(2024, 4, 12)


# --- reading one of the answer's documents again after a komplettering -------------------------------

FIRST_V2 = FIRST.replace("behöver förtydligas.", "behöver förtydligas.\n\n"
                         "Förvaltningen efterlyser en tidplan för genomförandet.")


def _with_komplettering(store, tmp_path):
    _register(store, _write(tmp_path, "farsta.txt", FIRST), organisation=FARSTA, received_on=date(2024, 4, 12))
    rec = _register(store, _write(tmp_path, "farsta-komplettering.txt", SECOND), organisation=FARSTA)
    rec.response.comments[1].theme = "rollfördelning"
    rec.response.comments[2].theme = "klarspråk"
    services.save_recipient(store, DNR, rec, base_revision=rec.revision, what="teman")
    return services.open_store(store.folder).load(DNR).recipient(FARSTA)


def test_reading_the_first_document_again_keeps_the_komplettering(store, tmp_path):
    _with_komplettering(store, tmp_path)
    plan = reg.plan_file(store, DNR, _write(tmp_path, "farsta.txt", FIRST_V2), organisation=FARSTA, today=TODAY)
    assert plan.mode == reg.REPLACE and plan.rereads == "farsta.txt"
    assert "bara dess delar" in plan.what_happens
    r = plan.new.response
    texts = [c.text for c in r.comments]
    # The first document's synpunkter, re-read (one more), then the komplettering's, untouched.
    assert texts[0] == "Förvaltningen ställer sig positiv till programmet."
    assert texts[-1].startswith("Förvaltningen vill därutöver framhålla")
    assert any(t.startswith("Förvaltningen efterlyser en tidplan") for t in texts)
    assert [c.source for c in r.comments] == ["farsta.txt"] * 3 + ["farsta-komplettering.txt"]
    # Themes of surviving texts stay, on both documents' synpunkter.
    assert {c.text[:30]: c.theme for c in r.comments if c.theme} == {
        "Förvaltningen anser att rollfö": "rollfördelning", "Förvaltningen vill därutöver f": "klarspråk"}
    assert {p.document for p in r.passages} == {"farsta.txt", "farsta-komplettering.txt"}
    assert [a.file for a in r.attachments if a.file] == ["farsta.txt", "farsta-komplettering.txt"]
    assert r.received_on == date(2024, 4, 12)
    assert plan.lost == []
    reg.commit_plan(store, plan)
    saved = services.open_store(store.folder).load(DNR).recipient(FARSTA).response
    assert len(saved.comments) == 4 and saved.comments[-1].theme == "klarspråk"


def test_reading_the_komplettering_again_replaces_only_its_parts(store, tmp_path):
    before = _with_komplettering(store, tmp_path).response
    changed = SECOND.replace("klarspråk i all extern kommunikation", "klarspråk i alla brev till invånarna")
    plan = reg.plan_file(store, DNR, _write(tmp_path, "farsta-komplettering.txt", changed), organisation=FARSTA,
                         today=TODAY)
    assert plan.mode == reg.REPLACE and plan.rereads == "farsta-komplettering.txt"
    r = plan.new.response
    assert [c.source for c in r.comments] == ["farsta.txt", "farsta.txt", "farsta-komplettering.txt"]
    assert r.comments[-1].text.endswith("i alla brev till invånarna.") and r.comments[-1].theme == ""
    assert r.comments[1].theme == "rollfördelning"
    # The facts came from the first document and stay.
    assert r.document_date == date(2024, 4, 10) and r.stance is before.stance
    assert any("1 av 3 synpunkter (varav 1 med tema)" in line for line in plan.lost)
    assert not any("farsta.txt" in line for line in plan.lost)


def test_the_same_komplettering_under_another_name_is_found_by_its_passages(store, tmp_path):
    _with_komplettering(store, tmp_path)
    plan = reg.plan_file(store, DNR, _write(tmp_path, "komplettering-kopia.txt", SECOND), organisation=FARSTA,
                         today=TODAY)
    assert plan.mode == reg.REPLACE and plan.rereads == "farsta-komplettering.txt"
    r = plan.new.response
    assert len(r.comments) == 3 and r.comments[2].theme == "klarspråk"
    assert [a.file for a in r.attachments if a.file] == ["farsta.txt", "komplettering-kopia.txt"]


def test_explicit_replace_with_a_new_document_still_replaces_the_whole_answer(store, tmp_path):
    _with_komplettering(store, tmp_path)
    plan = reg.plan_file(store, DNR, _write(tmp_path, "nytt.txt", OTHER.replace("KS 2024/999", DNR)),
                         organisation=FARSTA, today=TODAY, replace=True)
    assert plan.mode == reg.REPLACE and plan.rereads is None
    assert [a.file for a in plan.new.response.attachments if a.file] == ["nytt.txt"]


def test_cli_reading_the_first_document_again_keeps_the_komplettering(data_dir, tmp_path, capsys):
    _with_komplettering(services.open_store(data_dir), tmp_path)
    path = _write(tmp_path, "farsta.txt", FIRST_V2)
    code, out, err = run(["--data", str(data_dir), "register", DNR, str(path), "--organisation", FARSTA,
                          "--yes"], capsys)
    assert code == 0, err
    assert "bara dess delar" in out
    r = services.open_store(data_dir).load(DNR).recipient(FARSTA).response
    assert [c.source for c in r.comments] == ["farsta.txt"] * 3 + ["farsta-komplettering.txt"]
    assert r.comments[-1].theme == "klarspråk"
