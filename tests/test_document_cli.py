"""`remisstui parse` and `remisstui register` (file and folder), plus the answers-from-documents service."""

from __future__ import annotations

import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from remisstui import cli, services
from remisstui.services import answers as reg
from remisstui.domain.model import AnswerKind, Stance, Status
from helpers import SEED

FIX = Path(__file__).parent / "fixtures" / "documents"
DNR = "KS 2024/112"
CONTRACT = {"organisation", "own_dnr", "remiss_dnr", "remiss_title", "document_date", "meeting_date",
            "deadline", "contact", "emails", "stance", "stance_sentence", "decision", "sections",
            "signatories", "warnings"}


def run(argv, capsys, stdin: str | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_parse_json_contract_and_writes_nothing(tmp_path, capsys):
    data = tmp_path / "data"
    code, out, err = run(["--data", str(data), "parse", str(FIX / "farsta_protokollsutdrag.txt"), "--json"], capsys)
    assert code == 0
    j = json.loads(out)
    assert CONTRACT <= set(j)
    assert j["organisation"] == "Farsta stadsdelsnämnd"
    assert j["meeting_date"] == "2024-04-18"
    assert j["stance"] == "supports"
    assert j["deadline"] == "2024-04-29"
    assert j["contact"] == {"name": None, "phone": None, "email": None}
    assert j["dissents"][0]["parties"] == ["M", "KD"]
    assert "own_dnr" in j["sources"] and j["sources"]["own_dnr"]["line"] > 0
    assert not data.exists()


@pytest.mark.skipif(not SEED.exists(), reason="seed not present")
def test_parse_table_in_swedish(tmp_path, capsys):
    code, out, _ = run(["--data", str(tmp_path / "d"), "parse", str(SEED)], capsys)
    assert code == 0
    assert "Södermalms stadsdelsnämnd" in out
    assert "Ställningstagande" in out and "positiv med synpunkter" in out
    assert "08-508 121 96" in out


def test_parse_bad_file_one_line(tmp_path, capsys):
    bad = tmp_path / "x.pdf"
    bad.write_bytes(b"garbage")
    code, out, err = run(["--data", str(tmp_path / "d"), "parse", str(bad)], capsys)
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "PDF" in err


def test_register_yes_records_answer_with_event(data_dir, capsys):
    code, out, err = run(["--data", str(data_dir), "register", "ks-2024-112",
                          str(FIX / "farsta_protokollsutdrag.txt"), "--yes"], capsys)
    assert code == 0, err
    assert "Farsta stadsdelsnämnd" in out
    store = services.open_store(data_dir)
    remiss, events = store.load_with_events(DNR)
    rec = remiss.recipient("Farsta stadsdelsnämnd")
    assert rec.status is Status.answered
    assert rec.own_dnr == "FAR 2024/88"
    r = rec.response
    assert r.answer_kind is AnswerKind.committee_decision
    assert r.stance is Stance.supports
    assert r.meeting_date == r.decision_date == date(2024, 4, 18)
    assert r.received_on == services.today()
    assert r.immediate_adjustment
    assert [c.text for c in r.comments][0].startswith("Förvaltningen tillstyrker")
    assert len(r.comments) == 2
    assert {d.kind.value for d in r.dissents} == {"reservation", "statement"}
    assert "Lars Nyberg, ordförande" in r.signatories
    assert events[-1].target == "recipient:Farsta stadsdelsnämnd"
    assert "farsta_protokollsutdrag.txt" in events[-1].what


def test_register_unmatched_refuses_with_candidates(data_dir, capsys):
    before = services.open_store(data_dir).load(DNR)
    code, out, err = run(["--data", str(data_dir), "register", DNR,
                          str(FIX / "region_uppsala_avstyrker.txt"), "--yes"], capsys)
    assert code == 1
    assert "Region Uppsala" in err and "Kulturnämnden" in err and "--organisation" in err
    assert services.open_store(data_dir).load(DNR) == before


def test_register_unmatched_interactive_choice(data_dir, capsys, monkeypatch):
    monkeypatch.setattr("remisstui.cli.documents._interactive", lambda: True)
    remiss = services.open_store(data_dir).load(DNR)
    idx = [r.organisation for r in remiss.recipients].index("Kulturnämnden") + 1
    # The document names another remiss (S2025/01234): the user says it is this one's all the same.
    code, out, err = run(["--data", str(data_dir), "register", DNR, str(FIX / "region_uppsala_avstyrker.txt"),
                          "--other-remiss"], capsys, stdin=f"{idx}\nj\n", monkeypatch=monkeypatch)
    assert code == 0, err
    rec = services.open_store(data_dir).load(DNR).recipient("Kulturnämnden")
    assert rec.response.stance is Stance.opposes


def test_register_confirmation_no_changes_nothing(data_dir, capsys, monkeypatch):
    code, out, err = run(["--data", str(data_dir), "register", DNR, str(FIX / "kulturforvaltningen_inget_att_erinra.txt")],
                         capsys, stdin="n\n", monkeypatch=monkeypatch)
    assert code == 1 and "Avbrutet" in err
    assert "Nu" in out and "Nytt" in out
    assert services.open_store(data_dir).load(DNR).recipient("Kulturnämnden").status is Status.sent


def test_register_folder_reports_unmatched(data_dir, tmp_path, capsys):
    folder = tmp_path / "svar"
    folder.mkdir()
    for name in ("farsta_protokollsutdrag.txt", "kulturforvaltningen_inget_att_erinra.txt",
                 "region_uppsala_avstyrker.txt"):
        shutil.copy(FIX / name, folder / name)
    (folder / "notes.xlsx").write_bytes(b"ignored")
    code, out, err = run(["--data", str(data_dir), "register", DNR, str(folder), "--yes"], capsys)
    assert code == 1
    assert "region_uppsala_avstyrker.txt" in err
    remiss = services.open_store(data_dir).load(DNR)
    assert remiss.recipient("Farsta stadsdelsnämnd").status is Status.answered
    assert remiss.recipient("Kulturnämnden").response.stance is Stance.no_objection


def test_register_folder_all_ok_exit_0(data_dir, tmp_path, capsys):
    folder = tmp_path / "svar"
    folder.mkdir()
    shutil.copy(FIX / "farsta_protokollsutdrag.txt", folder / "a.txt")
    code, out, err = run(["--data", str(data_dir), "register", DNR, str(folder), "--yes"], capsys)
    assert code == 0, err
    rec = services.open_store(data_dir).load(DNR).recipient("Farsta stadsdelsnämnd")
    assert rec.status is Status.answered and rec.own_dnr == "FAR 2024/88"
    assert rec.response.stance is Stance.supports
    assert rec.response.attachments[0].file == "a.txt"


def test_register_unknown_remiss_and_missing_file(data_dir, capsys):
    before = services.open_store(data_dir).load(DNR)
    code, _, err = run(["--data", str(data_dir), "register", "KS 1999/1", str(FIX / "missing_fields.txt"), "--yes"], capsys)
    assert code == 1 and err.strip()
    code, _, err = run(["--data", str(data_dir), "register", DNR, "/nonexistent/x.pdf", "--yes"], capsys)
    assert code == 1 and "finns inte" in err
    assert services.open_store(data_dir).load(DNR) == before  # nothing was stored


# --- answers by e-mail -------------------------------------------------------------------------


def _eml(path: Path, *, sender: str, date_header: str, body: str, attachments=()) -> Path:
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "registrator@stadshuset.example.se"
    msg["Subject"] = "Remissvar KS 2024/112"
    msg["Date"] = date_header
    msg.set_content(body)
    for name, data, mime in attachments:
        maintype, subtype = mime.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    path.write_bytes(bytes(msg))
    return path


def test_parse_eml_reads_the_answer_attachment_and_lists_the_rest(tmp_path, capsys):
    pdf = (FIX / "gnosjo_yttrande.pdf").read_bytes()
    mail = _eml(tmp_path / "svar.eml", sender="Lina Ekdahl <lina.ekdahl@gnosjo.example.se>",
                date_header="Wed, 11 Feb 2026 08:30:00 +0100", body="Hej, här kommer vårt remissvar.",
                attachments=[("Bilaga 1 protokollsutdrag.pdf", pdf, "application/pdf"),
                             ("Remissvar Gnosjö kommun.pdf", pdf, "application/pdf"),
                             ("karta.png", b"\x89PNG....", "image/png")])
    code, out, _ = run(["--data", str(tmp_path / "d"), "parse", str(mail), "--json"], capsys)
    assert code == 0
    j = json.loads(out)
    assert CONTRACT <= set(j)
    assert j["organisation"] == "Gnosjö kommun" and j["own_dnr"] == "KS 2026/0042"
    assert j["mail"]["answer_file"] == "Remissvar Gnosjö kommun.pdf"
    assert j["mail"]["received_on"] == "2026-02-11" and j["mail"]["from"] == "lina.ekdahl@gnosjo.example.se"
    assert j["attachments"][:2] == ["Bilaga 1 protokollsutdrag.pdf", "karta.png"]


def test_parse_eml_without_attachment_reads_the_body(tmp_path, capsys):
    mail = _eml(tmp_path / "svar.eml", sender="registrator@testverket.example.se",
                date_header="Mon, 02 Mar 2026 10:00:00 +0100",
                body="Testverket\nDnr TV 2026/7\n\nTestverket har inget att erinra mot förslaget.")
    code, out, _ = run(["--data", str(tmp_path / "d"), "parse", str(mail)], capsys)
    assert code == 0
    assert "Testverket" in out and "TV 2026/7" in out and "inget att erinra" in out
    assert "Mottagen" in out and "2026-03-02" in out and "meddelandets text" in out
    assert "supports" not in out and "no_objection" not in out  # Swedish labels only


def test_register_eml_matches_sender_and_stores_mail_date(data_dir, tmp_path, capsys):
    store = services.open_store(data_dir)
    register = store.load_register()
    org = register.organisation("Kulturnämnden")
    org.registry_email = "registrator@kultur.example.se"
    store.save_register(register)
    mail = _eml(tmp_path / "svar.eml", sender="Kulturförvaltningens registratur <Registrator@Kultur.example.se>",
                date_header="Fri, 19 Apr 2024 16:05:00 +0200",
                body="Hej,\n\nVi har inget att erinra mot förslaget.\n\nMed vänlig hälsning")
    code, out, err = run(["--data", str(data_dir), "register", DNR, str(mail), "--yes"], capsys)
    assert code == 0, err
    rec = services.open_store(data_dir).load(DNR).recipient("Kulturnämnden")
    assert rec.status is Status.answered
    assert rec.response.received_on == date(2024, 4, 19)
    assert rec.response.stance is Stance.no_objection
    assert rec.response.attachments[0].file == "svar.eml"


def test_match_by_sender_needs_exactly_one(data_dir):
    from remisstui.domain.model import Contact, Recipient, Remiss

    register = services.open_store(data_dir).load_register()
    remiss = Remiss(dnr="KS 2024/1", title="t", recipients=[
        Recipient("Farsta stadsdelsnämnd", contact=Contact(email="a@farsta.example.se")),
        Recipient("Kulturnämnden", contact=Contact(email="a@farsta.example.se")),
        Recipient("Bromma stadsdelsnämnd", contact=Contact(email="b@bromma.example.se")),
    ])
    assert reg.match_by_sender(remiss, "B@Bromma.example.se", register).organisation == "Bromma stadsdelsnämnd"
    assert reg.match_by_sender(remiss, "a@farsta.example.se", register) is None
    assert reg.match_by_sender(remiss, "", register) is None


def test_match_recipient_former_names(data_dir):
    from remisstui.domain.model import Recipient, Remiss
    from remisstui.formats.document import parse_text

    store = services.open_store(data_dir)
    register = store.load_register()
    remiss = Remiss(dnr="KS 2024/1", title="t", recipients=[Recipient("Norra innerstadens stadsdelsnämnd")])
    parsed = parse_text("Östermalms stadsdelsförvaltning\n\nNämnden tillstyrker förslaget.\n", register)
    assert reg.match_recipient(remiss, parsed, register).organisation == "Norra innerstadens stadsdelsnämnd"
    old = Remiss(dnr="KS 2019/1", title="t", recipients=[Recipient("Östermalms stadsdelsnämnd")])
    parsed = parse_text("Till Norra innerstadens stadsdelsnämnd\n\nNämnden tillstyrker.\n", register)
    assert reg.match_recipient(old, parsed, register).organisation == "Östermalms stadsdelsnämnd"


@pytest.mark.skipif(not SEED.exists(), reason="seed not present")
def test_parse_json_on_seed_done_when(tmp_path, capsys):
    code, out, _ = run(["--data", str(tmp_path / "d"), "parse", str(SEED), "--json"], capsys)
    j = json.loads(out)
    assert {k: j[k] for k in ("organisation", "own_dnr", "remiss_dnr", "document_date", "meeting_date",
                              "deadline", "stance")} == {
        "organisation": "Södermalms stadsdelsnämnd", "own_dnr": "SÖD 2024/145", "remiss_dnr": "KS 2024/112",
        "document_date": "2024-02-14", "meeting_date": "2024-04-25", "deadline": "2024-04-29",
        "stance": "supports_with_comments"}
    assert j["contact"]["name"] == "Karolin Bogren Gavling" and j["contact"]["phone"] == "08-508 121 96"


def test_parse_eml_with_broken_answer_attachment_is_one_swedish_line(tmp_path, capsys):
    mail = _eml(tmp_path / "svar.eml", sender="a@b.example.se", date_header="Mon, 02 Mar 2026 10:00:00 +0100",
                body="Se bifogat remissvar.", attachments=[("Remissvar.pdf", b"%PDF-1.4 trasig", "application/pdf")])
    code, out, err = run(["--data", str(tmp_path / "d"), "parse", str(mail)], capsys)
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "bilagan Remissvar.pdf" in err


@pytest.mark.skipif(not SEED.exists(), reason="seed not present")
def test_reading_an_answer_again_keeps_its_received_date(data_dir, tmp_path):
    """Södermalm's answer came in 2024-04-26. Reading the same document again must not move that
    to today (an answer in time would turn late); a date the user gives still wins."""
    store = services.open_store(data_dir)
    sod = "Södermalms stadsdelsnämnd"
    assert store.load("KS 2024/112").recipient(sod).response.received_on == date(2024, 4, 26)
    doc = tmp_path / "svar.txt"
    shutil.copy(SEED, doc)
    plan = reg.plan_file(store, "KS 2024/112", doc, today=date(2026, 12, 1))
    assert plan.recipient.organisation == sod
    assert plan.new.response.received_on == date(2024, 4, 26)
    given = reg.plan_file(store, "KS 2024/112", doc, received_on=date(2024, 4, 29), today=date(2026, 12, 1))
    assert given.new.response.received_on == date(2024, 4, 29)
    # Choosing another recipient, one without an answer, gives it today's date.
    other = reg.with_recipient(plan, "Farsta stadsdelsnämnd", today=date(2026, 12, 1))
    assert other.new.response.received_on == date(2026, 12, 1)
    back = reg.with_recipient(other, sod, today=date(2026, 12, 1))
    assert back.new.response.received_on == date(2024, 4, 26)


def test_register_received_without_a_year_is_not_before_the_sending(data_dir, capsys):
    """Issue 24.4: "2 december" on KS 2024/112 (sent 2024-01-31) is 2024-12-02, not 2023-12-02."""
    code, out, err = run(["--data", str(data_dir), "register", "ks-2024-112",
                          str(FIX / "farsta_protokollsutdrag.txt"), "--yes", "--received", "2 december"], capsys)
    assert code == 0, err
    rec = services.open_store(data_dir).load(DNR).recipient("Farsta stadsdelsnämnd")
    assert rec.response.received_on == date(2024, 12, 2)
