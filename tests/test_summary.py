"""The summary builder, the Swedish prose helpers, the export service and `remisstui summary`."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from remisstui import services
from remisstui.services import exports as exporting
from remisstui.cli import main
from remisstui.domain.model import (
    AnswerKind,
    Comment,
    Dissent,
    DissentKind,
    OrgKind,
    Recipient,
    Remiss,
    Response,
    Stance,
    Status,
)
from remisstui.formats import swedish as sv
from remisstui.formats.summary import build_summary

from summary_data import TODAY, generated_register, generated_remiss

EXAMPLE_TODAY = date(2024, 5, 20)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    st = services.open_store(tmp_path_factory.mktemp("data"))
    services.ensure_seeded(st)
    return st


@pytest.fixture(scope="module")
def example(store):
    return build_summary(store.load("KS 2024/112"), store.load_register(), today=EXAMPLE_TODAY)


@pytest.fixture(scope="module")
def generated():
    return build_summary(generated_remiss(), generated_register(), today=TODAY)


# --- Swedish helpers -----------------------------------------------------------------------


def test_join_list_grammar():
    assert sv.join_list([]) == ""
    assert sv.join_list(["A"]) == "A"
    assert sv.join_list(["A", "B"]) == "A och B"
    assert sv.join_list(["A", "B", "C"]) == "A, B och C"
    # An item containing "och" makes the last joint "samt" so the split stays readable.
    assert sv.join_list(["Kulturnämnden", "Miljö- och hälsoskyddsnämnden"]) == (
        "Kulturnämnden samt Miljö- och hälsoskyddsnämnden"
    )


def test_swedish_collation_puts_aao_after_z():
    names = ["Östermalm", "Älvsjö", "Zeta", "Åre", "Bromma", "ärlig", "Enskede", "Éva"]
    assert sv.swedish_sorted(names) == ["Bromma", "Enskede", "Éva", "Zeta", "Åre", "Älvsjö", "ärlig", "Östermalm"]
    assert sv.swedish_sorted(["Skärholmen", "Skarpnäck", "Södermalm", "Sundbyberg"]) == [
        "Skarpnäck", "Skärholmen", "Sundbyberg", "Södermalm",
    ]


def test_number_words_and_dissent_sentence():
    assert sv.capitalize_first(sv.instances(5)) == "Fem remissinstanser"
    assert sv.instances(1) == "en remissinstans"
    assert sv.instances(14) == "14 remissinstanser"
    assert sv.dissent_sentence(DissentKind.reservation, ["S", "V"]) == "Reservation anfördes av S och V."


# --- the example remiss ----------------------------------------------------------------------


def test_example_header_and_counts(example):
    assert example.heading == "Sammanställning av remissvar – Kommunikationsprogram för Stockholms stad (KS 2024/112)"
    assert example.period == "31 januari 2024 – 29 april 2024"
    assert example.remitted_to_sentence == (
        "Ärendet har remitterats till arbetsmarknadsnämnden, förskolenämnden, idrottsnämnden, "
        "kulturnämnden och samtliga stadsdelsnämnder."
    )
    c = example.counts
    assert (c.sent, c.answered, c.declined, c.not_answered, c.overdue, c.late) == (15, 1, 0, 14, 14, 14)
    assert c.answered_by_kind == {"committee_decision": 1}


def test_example_shows_sodermalm_and_the_fourteen_who_did_not_answer(example):
    [sec] = example.sections
    assert sec.heading == "Södermalms stadsdelsnämnd"
    assert sec.stance == "supports_with_comments"
    # The fixed phrase for the code says no more than the code ("i stort" only in the nämnd's own words).
    assert sec.stance_text == "Södermalms stadsdelsnämnd är positiv till förslaget och lämnar synpunkter."
    assert sec.own_dnr == "SÖD 2024/145"
    assert sec.beredning.startswith(
        "Södermalms stadsdelsnämnd ställer sig i stort positiv till reviderat förslag på kommunikationsprogram. "
        "Stadsdelsnämnden ser även positivt på att kommunikation tydligt beskrivs"
    )
    assert sec.beredning_sentences[0]["source"]["passage"] == (
        "Förvaltningen ställer sig i stort positiv till reviderat förslag på kommunikationsprogram.")
    themes = {t.name for t in example.themes}
    assert {"huvudbudskap", "rollfördelning", "omvärld och AI"} <= themes
    text = " ".join(p for t in example.themes for e in t.entries for p in e.points)
    assert "förtydligande om att budskapen" in text and "rollfördelning" in text and "AI-området" in text
    [line] = example.collective_lines
    assert line.endswith("har inte svarat.")
    others = [r.organisation for r in example.rows if r.organisation != "Södermalms stadsdelsnämnd"]
    assert len(others) == 14
    assert line == ("Arbetsmarknadsnämnden, förskolenämnden, idrottsnämnden, kulturnämnden samt stadsdelsnämnderna "
                    "Bromma, Enskede-Årsta-Vantör, Farsta, Hägersten-Älvsjö, Hässelby-Vällingby, Järva, Kungsholmen, "
                    "Norra innerstaden, Skarpnäck och Skärholmen har inte svarat.")
    # The beredning names them as running text does, the stadsdelsnämnder collapsed.
    assert ("Arbetsmarknadsnämnden, förskolenämnden, idrottsnämnden, kulturnämnden samt stadsdelsnämnderna "
            "Bromma, Enskede-Årsta-Vantör, Farsta,") in example.beredning[0].text


def test_fixed_order_kinds_then_swedish_alphabet(generated):
    from remisstui.domain.model import ORG_KIND_ORDER

    kinds = [OrgKind(r.kind) for r in generated.rows]
    assert kinds == sorted(kinds, key=ORG_KIND_ORDER.index)
    sdn = [r.organisation for r in generated.rows if r.kind == "stadsdelsnamnd"]
    assert sdn == sv.swedish_sorted(sdn)
    assert sdn[-3:] == ["Skarpnäcks stadsdelsnämnd", "Skärholmens stadsdelsnämnd", "Södermalms stadsdelsnämnd"]


# --- the generated remiss ----------------------------------------------------------------------


def test_generated_counts_are_consistent(generated):
    c = generated.counts
    remiss = generated_remiss()
    assert c.sent == sum(r.status not in (Status.planned, Status.withdrawn) for r in remiss.recipients)
    assert c.sent == c.answered + c.declined + c.not_answered
    # Every partner of a joint answer has answered; the joint answer itself is one answer.
    assert c.answered == sum(len(s.organisations) for s in generated.sections)
    assert sum(c.answered_by_kind.values()) == len(generated.sections)
    assert c.late == c.overdue + c.answered_late
    assert c.withdrawn == 5 and c.planned == 3 and c.extended == 10


def test_generated_joint_answers_and_collective_lines(generated):
    joint = [s for s in generated.sections if s.joint]
    assert [s.organisations for s in joint] == [
        ["Arbetsmarknadsnämnden", "Servicenämnden", "Socialnämnden"],
        ["AB Familjebostäder", "AB Stockholmshem"],
    ]
    assert joint[0].stance_text == "Arbetsmarknadsnämnden, servicenämnden och socialnämnden tillstyrker förslaget delvis."
    # Announced once, in the beredning's opening, right after the list sentence.
    opening = generated.beredning[0].text
    line = "Arbetsmarknadsnämnden, servicenämnden och socialnämnden har inkommit med ett gemensamt svar."
    everything = "\n".join([p.text for p in generated.beredning] + generated.collective_lines)
    assert line in opening and everything.count("har inkommit med ett gemensamt svar") == 2
    assert everything.count("servicenämnden och socialnämnden har inkommit") == 1
    assert any(line.endswith("har avstått från att svara.") and "Exploateringsnämnden" in line
               for line in generated.collective_lines)
    # Joint members carry the joint answer in the table ...
    row = next(r for r in generated.rows if r.organisation == "Socialnämnden")
    assert row.stance == "partly" and "gemensamt svar" in row.table_status
    assert row.answer_kind == "joint" and row.received_on == date(2024, 4, 25)
    # ... and appear in no section of their own.
    headings = [s.heading for s in generated.sections]
    assert "Socialnämnden" not in headings


def test_generated_stance_overview_says_samtliga_stadsdelsnamnder(generated):
    overview = " ".join(generated.stance_overview)
    assert "amtliga stadsdelsnämnder" in overview
    assert "är positiva till förslaget och lämnar synpunkter" in overview
    assert "bl.a." not in overview and "i stort" not in overview


def test_two_answers_of_one_stance_are_bada_not_samtliga_tva(store):
    import copy

    from remisstui.domain.model import Response, Stance, Status

    remiss = copy.deepcopy(store.load("KS 2024/112"))
    kultur = remiss.recipient("Kulturnämnden")  # two answers of one stance: both named, no count
    kultur.status = Status.answered
    kultur.response = Response(stance=Stance.supports_with_comments)
    overview = " ".join(build_summary(remiss, store.load_register(), today=EXAMPLE_TODAY).stance_overview)
    assert "Kulturnämnden och Södermalms stadsdelsnämnd är positiva till förslaget och lämnar synpunkter." in overview
    assert "Samtliga två" not in overview and "samtliga två" not in overview


def test_dissents_are_reported(generated):
    dissents = [d for s in generated.sections for d in s.dissents]
    kinds = {d.kind for d in dissents}
    assert kinds == {"reservation", "statement", "deputy_statement"}
    assert any(d.sentence.startswith("Reservation anfördes av (S) och (V)") for d in dissents)
    # The beredning names the parties, never their text (KS-STYLE §6).
    assert any("Reservation anfördes av (S) och (V)." in p.text for p in generated.beredning)
    assert not any("»" in p.text for p in generated.beredning)


def test_answer_without_response_and_empty_remiss_do_not_crash():
    remiss = Remiss(dnr="KS 2024/1", title="Tom", recipients=[
        Recipient("Kulturnämnden", OrgKind.facknamnd, Status.answered),
        Recipient("X\n[bold]", OrgKind.extern, Status.planned),
    ])
    s = build_summary(remiss, None, today=TODAY)
    assert s.sections[0].stance_text == "Kulturnämnden har svarat; svaret har inte registrerats i detalj."
    assert s.period == "ej angiven"
    empty = build_summary(Remiss(dnr="KS 2024/2", title="Ingen"), None, today=TODAY)
    assert empty.remitted_to_sentence == "Ärendet har ännu inte remitterats till någon remissinstans."
    assert empty.sections == [] and empty.themes == []


def test_joint_via_answer_kind_only_and_control_characters():
    remiss = Remiss(dnr="KS 2024/3", title="Titel\x00 med\tkontroll", deadline=date(2024, 4, 1), recipients=[
        Recipient("Trafiknämnden", OrgKind.facknamnd, Status.answered, response=Response(
            answer_kind=AnswerKind.joint, stance=Stance.opposes, received_on=date(2024, 3, 1),
            comments=[Comment("Nej\x07 tack", "trafik")],
            dissents=[Dissent(DissentKind.statement, [], "")])),
    ])
    s = build_summary(remiss, None, today=TODAY)
    from remisstui.formats.summary_formats import FORMATS, render

    for code in FORMATS:
        assert render(s, code)  # python-docx and openpyxl refuse control characters: must not raise


def test_to_dict_is_json(generated):
    data = json.loads(json.dumps(generated.to_dict()))
    assert data["dnr"] == "KS 2024/999"
    assert data["compiled_on"] == "2024-05-20"
    assert len(data["rows"]) == 60


# --- export service --------------------------------------------------------------------------


def test_default_filename_is_slugged():
    assert exporting.default_filename("KS 2024/112", "docx") == "KS-2024-112-remissammanstallning.docx"
    assert exporting.default_filename("../../x", "md") == "x-remissammanstallning.md"
    assert "/" not in exporting.default_filename("../../etc/passwd", "csv")
    assert exporting.default_filename("KS 2024/112", "beredning") == "KS-2024-112-beredning.txt"
    assert exporting.default_filename("KS 2024/112", "xlsx", recipients=True) == "KS-2024-112-mottagare.xlsx"


def test_export_writes_atomically_and_refuses_bad_folders(store, tmp_path):
    path = exporting.export_summary(store, "ks-2024-112", "docx", tmp_path / "a.docx", today=EXAMPLE_TODAY)
    assert path == (tmp_path / "a.docx").absolute() and path.read_bytes()[:2] == b"PK"
    with pytest.raises(exporting.ExportError, match="finns inte"):
        exporting.export_summary(store, "ks-2024-112", "md", tmp_path / "nej" / "a.md", today=EXAMPLE_TODAY)
    blocker = tmp_path / "fil"
    blocker.write_text("x")
    with pytest.raises(exporting.ExportError, match="inte en mapp"):
        exporting.export_summary(store, "ks-2024-112", "md", blocker / "a.md", today=EXAMPLE_TODAY)
    with pytest.raises(exporting.ExportError, match="är en mapp"):
        exporting.export_summary(store, "ks-2024-112", "md", tmp_path, today=EXAMPLE_TODAY)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx", "fil"]  # no temp files left


def test_export_keeps_old_file_when_render_fails(store, tmp_path):
    target = tmp_path / "t.csv"
    target.write_text("gammal")
    with pytest.raises(exporting.ExportError):
        exporting.export_summary(store, "ks-2024-112", "csv", target, today=EXAMPLE_TODAY, sep="|")
    assert target.read_text() == "gammal"
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_filtered_recipient_table(store, tmp_path):
    from openpyxl import load_workbook

    orgs = ["Södermalms stadsdelsnämnd", "Farsta stadsdelsnämnd"]
    path = exporting.export_summary(store, "ks-2024-112", "xlsx", tmp_path / "m.xlsx", today=EXAMPLE_TODAY,
                                    organisations=orgs)
    ws = load_workbook(path)["Remissinstanser"]
    assert [ws.cell(row=r, column=1).value for r in (2, 3)] == orgs and ws.max_row == 3
    csv = exporting.render_summary(store, "ks-2024-112", "csv", today=EXAMPLE_TODAY, organisations=orgs[:1])
    assert csv.decode("utf-8-sig").splitlines()[1].startswith("Södermalms stadsdelsnämnd;")
    with pytest.raises(exporting.ExportError):
        exporting.render_summary(store, "ks-2024-112", "md", today=EXAMPLE_TODAY, organisations=orgs)


# --- CLI ---------------------------------------------------------------------------------------


def test_cli_markdown_to_stdout(store, capsys):
    assert main(["--data", str(store.folder), "summary", "ks 2024/112", "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Sammanställning av remissvar – Kommunikationsprogram för Stockholms stad (KS 2024/112)")
    assert "SÖD 2024/145" in out


def test_cli_docx_with_output(store, tmp_path, capsys):
    out = tmp_path / "s.docx"
    assert main(["--data", str(store.folder), "summary", "KS 2024/112", "--format", "docx", "-o", str(out)]) == 0
    from docx import Document

    doc = Document(str(out))
    assert doc.paragraphs[0].style.name == "Heading 1"
    assert "Skrev" in capsys.readouterr().err
    # A folder as -o gets the default name inside it.
    assert main(["--data", str(store.folder), "summary", "KS 2024/112", "-f", "docx", "-o", str(tmp_path)]) == 0
    assert (tmp_path / "KS-2024-112-remissammanstallning.docx").exists()


def test_cli_bad_folder_is_one_line(store, tmp_path, capsys):
    code = main(["--data", str(store.folder), "summary", "KS 2024/112", "--format", "md",
                 "-o", str(tmp_path / "saknas" / "x.md")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "finns inte" in err


def test_cli_csv_semicolon_and_unknown_dnr(store, capsys):
    assert main(["--data", str(store.folder), "summary", "KS 2024/112", "--format", "csv", "--sep", ";"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\ufeffRemissinstans;Typ;Status;")
    assert main(["--data", str(store.folder), "summary", "KS 1999/1", "--format", "md"]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_cli_binary_refuses_terminal(store, monkeypatch, capsys):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    assert main(["--data", str(store.folder), "summary", "KS 2024/112", "--format", "xlsx"]) == 1
    err = capsys.readouterr().err
    assert "binärt format" in err and "-o" in err


def test_cli_subprocess_pipe(store):
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "remisstui"), "--data", str(store.folder), "summary", "ks-2024-112",
         "--format", "json"], capture_output=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["sections"][0]["own_dnr"] == "SÖD 2024/145"
