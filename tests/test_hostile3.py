"""Hostile files and a hostile machine, round three (issue 23): one test per way in.

Each test drives the real code path with a crafted input and checks the Swedish line and that
nothing was stored. Costly variants (gigabyte inputs, long hangs) run with `-m long`; by default
the limits are made small so the same code path runs in seconds.
"""

from __future__ import annotations

from remisstui.store.repository import REMISS_DIR
from workers.common import folder_fingerprint, run_cli


def _toml(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# --- item 6: two dnr that differ only in where "/" and "." sit are two remisser -------------------


def test_colliding_dnr_are_two_remisser(data_dir, tmp_path):
    a = _toml(tmp_path, "a.toml", 'dnr = "KS 2023/123.45"\ntitle = "Första"\n')
    b = _toml(tmp_path, "b.toml", 'dnr = "KS 2023/1234.5"\ntitle = "Andra"\n')
    assert run_cli("import", str(a), data=data_dir).returncode == 0
    proc = run_cli("import", str(b), data=data_dir)
    assert proc.returncode == 0, proc.stderr
    first = run_cli("show", "KS 2023/123.45", data=data_dir)
    second = run_cli("show", "KS 2023/1234.5", data=data_dir)
    assert "Första" in first.stdout and "Andra" not in first.stdout
    assert "Andra" in second.stdout
    assert len([p for p in (data_dir / REMISS_DIR).iterdir() if "2023" in p.name]) == 2


# --- shared helpers ---------------------------------------------------------------------------

import shutil  # noqa: E402
from datetime import datetime  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from remisstui import services  # noqa: E402
from remisstui.formats.document import DocumentError, read_document  # noqa: E402

FIX = Path(__file__).parent / "fixtures" / "documents"
DNR = "KS 2024/112"
GOOD_TXT = "kulturforvaltningen_inget_att_erinra.txt"


def _eml(path: Path, headers: list[tuple[str, str]], body: str = "Nämnden tillstyrker förslaget.\n",
         attachment: tuple[str, bytes] | None = None) -> Path:
    """An e-mail written byte by byte (the email package would refuse to write the hostile ones)."""
    import base64

    head = "".join(f"{k}: {v}\n" for k, v in headers)
    if attachment is None:
        text = head + "Content-Type: text/plain; charset=utf-8\n\n" + body
    else:
        name, data = attachment
        text = (head + 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="B"\n\n'
                f"--B\nContent-Type: text/plain; charset=utf-8\n\n{body}\n"
                f'--B\nContent-Type: text/plain\nContent-Disposition: attachment; filename="{name}"\n'
                f"Content-Transfer-Encoding: base64\n\n{base64.b64encode(data).decode()}\n--B--\n")
    path.write_bytes(text.encode("utf-8"))
    return path


BASE = [("From", "Anna Berg <anna.berg@example.se>"), ("To", "ks@example.se"), ("Subject", "Remissvar KS 2024/112")]
DATE = ("Date", "Mon, 01 Apr 2024 10:00:00 +0200")


def _stored(data_dir):
    """The data itself (caches such as index.json may be rebuilt by any reader)."""
    return {k: v for k, v in folder_fingerprint(data_dir).items() if not k.startswith("index")}


def _refused_and_nothing_stored(data_dir, proc, *words):
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr and proc.stderr.strip(), proc.stderr
    for w in words:
        assert w in proc.stderr, proc.stderr


# --- item 2: one date gate for mail headers, .msg FILETIME and the clock ---------------------------


def test_1850_email_is_refused_and_nothing_stored(data_dir, tmp_path):
    mail = _eml(tmp_path / "svar.eml", BASE + [("Date", "Mon, 01 Apr 1850 10:00:00 +0000")])
    before = _stored(data_dir)
    proc = run_cli("register", DNR, str(mail), "--yes", data=data_dir)
    _refused_and_nothing_stored(data_dir, proc, "1850-04-01", "1900–2199")
    assert _stored(data_dir) == before


def test_mail_date_is_stockholms_day(tmp_path):
    """Issue 24 item 4: 23:33 +0000 on 6 December arrived on 7 December in Stockholm."""
    mail = _eml(tmp_path / "svar.eml", BASE + [("Date", "Sun, 06 Dec 2026 23:33:20 +0000")])
    assert str(read_document(mail).received_on) == "2026-12-07"


class _FakeOle:
    """Just the property stream of a .msg: PR_MESSAGE_DELIVERY_TIME set to `filetime`."""

    def __init__(self, filetime: int):
        import struct

        self.raw = bytes(32) + struct.pack("<HHIQ", 0x0040, 0x0E06, 0, filetime)

    def exists(self, name):
        return name == "__properties_version1.0"

    def openstream(self, name):
        import io

        return io.BytesIO(self.raw)


@pytest.mark.parametrize("filetime", [2**64 - 1, 1])
def test_msg_filetime_out_of_range_is_refused(filetime):
    from remisstui.formats.document import mail

    with pytest.raises(DocumentError) as exc:
        mail._gate_date(Path("svar.msg"), mail._msg_time(_FakeOle(filetime)))
    assert "inget registrerades" in str(exc.value)


def test_clock_after_2199_writes_nothing(data_dir, tmp_path, monkeypatch):
    from remisstui.domain import history
    from remisstui.store.repository import StoreError

    store = services.open_store(data_dir)
    before = _stored(data_dir)
    monkeypatch.setattr(history, "now", lambda: datetime(9999, 12, 31, 23, 0))
    f = _toml(tmp_path, "a.toml", 'dnr = "KS 2030/1"\ntitle = "Klockan"\n')
    with pytest.raises(StoreError) as exc:
        services.import_toml(store, f)
    assert "klocka" in str(exc.value) and "9999" in str(exc.value)
    with pytest.raises(StoreError):
        store.update(DNR, _retitle)
    assert _stored(data_dir) == before
    assert run_cli("list", data=data_dir).returncode == 0


def _retitle(remiss):
    from remisstui.domain import history

    before = history.snapshot(remiss, "remiss")
    remiss.title = "Ny rubrik"
    return [history.make_event("remiss", before, history.snapshot(remiss, "remiss"), by="x",
                               what="Ändrade rubriken", change=history.new_change_id())]


# --- item 1: pdfium is contained -----------------------------------------------------------------


def fan_out_pdf(path: Path, depth: int = 30) -> Path:
    """A 6 KB PDF whose form XObjects each draw the next twice: 2**depth draws of one word. pdfium
    grows by hundreds of MB/s on it until it aborts the process (SIGABRT)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /X 5 0 R >> >>"
            b" /Contents 4 0 R >>", b"<< /Length 5 >>\nstream\n/X Do\nendstream"]
    font = 5 + depth + 1
    for k in range(depth + 1):
        if k < depth:
            body, res = b"/X Do /X Do", b"<< /XObject << /X %d 0 R >> >>" % (5 + k + 1)
        else:
            body, res = b"BT /F1 12 Tf 10 10 Td (Hej) Tj ET", b"<< /Font << /F1 %d 0 R >> >>" % font
        objs.append(b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources %s /Length %d >>\n"
                    b"stream\n%s\nendstream" % (res, len(body), body))
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path


SMALL_LIMITS = {"REMISSTUI_PARSE_MEMORY_MB": "400", "REMISSTUI_PARSE_SECONDS": "10"}


def test_self_drawing_pdf_is_one_swedish_line(data_dir, tmp_path):
    pdf = fan_out_pdf(tmp_path / "remissvar.pdf")
    before = _stored(data_dir)
    proc = run_cli("register", DNR, str(pdf), "--yes", data=data_dir, env=SMALL_LIMITS)
    _refused_and_nothing_stored(data_dir, proc, "remissvar.pdf kan inte läsas")
    assert _stored(data_dir) == before


@pytest.mark.long
def test_self_drawing_pdf_with_the_default_limits(data_dir, tmp_path):
    pdf = fan_out_pdf(tmp_path / "remissvar.pdf")
    proc = run_cli("parse", str(pdf), data=data_dir)
    _refused_and_nothing_stored(data_dir, proc, "remissvar.pdf kan inte läsas")


def test_contained_parse_can_be_cancelled(tmp_path):
    """Esc in the TUI kills the child: the caller gets a DocumentError at once."""
    import threading

    from remisstui.formats.document import contained

    pdf = fan_out_pdf(tmp_path / "remissvar.pdf")
    errors: list[str] = []

    def read():
        try:
            read_document(pdf)
        except DocumentError as exc:
            errors.append(str(exc))

    t = threading.Thread(target=read)
    t.start()
    while not contained._children and t.is_alive():
        t.join(0.01)
    assert contained.cancel_all() == 1
    t.join()
    assert errors and "avbröts" in errors[0]


# --- items 3 and 5: mail headers are bounded, and no mail gives a traceback --------------------------


def test_800kb_subject_is_refused_quickly(tmp_path):
    mail = _eml(tmp_path / "svar.eml", [("From", "a@example.se"), DATE,
                                        ("Subject", " ".join(["=?utf-8?q?a?="] * 60000))])
    assert mail.stat().st_size > 800_000
    proc = run_cli("parse", str(mail))
    assert proc.returncode == 1 and "brevhuvud" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("field,value", [("From", "(" * 100_000), ("From", "x " * 2_300_000),
                                         ("Subject", "x " * 320_000)], ids=["parens", "from", "subject"])
def test_huge_header_fields_are_refused(tmp_path, field, value):
    headers = [(k, v) for k, v in BASE if k != field] + [DATE, (field, value)]
    with pytest.raises(DocumentError) as exc:
        read_document(_eml(tmp_path / "svar.eml", headers))
    assert "brevhuvud" in str(exc.value)


@pytest.mark.parametrize("headers", [
    [("From", "a@example.se"), ("To", "x@"), DATE, ("Subject", "Remissvar")],
    [("From", "(" * 20_000 + "a@example.se"), DATE, ("Subject", "Remissvar")],
    [("From", "a@example.se"), ("Date", "Mon, 01 Apr 99999999999 10:00:00 +0000"), ("Subject", "Remissvar")],
], ids=["to-x@", "parens", "date"])
def test_odd_headers_read_or_refuse_in_swedish(tmp_path, headers):
    mail = _eml(tmp_path / "svar.eml", headers, body="Stadsdelsnämnden tillstyrker förslaget i sin helhet.\n")
    try:
        read_document(mail)
    except DocumentError as exc:
        assert "svar.eml" in str(exc)


@pytest.mark.parametrize("name", ["remissvar\x00.txt", "remissvar" + "å" * 200 + ".txt", "../../remissvar.txt"], ids=["nul", "long", "path"])
def test_hostile_attachment_names(tmp_path, name):
    good = (FIX / GOOD_TXT).read_bytes()
    doc = read_document(_eml(tmp_path / "svar.eml", BASE + [DATE], attachment=(name, good)))
    assert doc.answer_file.endswith(".txt") and "\x00" not in doc.answer_file and "/" not in doc.answer_file
    assert len(doc.answer_file.encode()) <= 150


def test_a_bad_mail_in_a_folder_does_not_stop_the_good_files(data_dir, tmp_path):
    folder = tmp_path / "svar"
    folder.mkdir()
    shutil.copy(FIX / GOOD_TXT, folder / GOOD_TXT)
    shutil.copy(FIX / "farsta_protokollsutdrag.txt", folder / "farsta.txt")
    _eml(folder / "trasig.eml", [("From", "(" * 100_000), DATE, ("Subject", "x")])
    _eml(folder / "nul.eml", [("From", "a@example.se"), ("To", "x@"), DATE],
         attachment=("svar\x00.pdf", b"%PDF-1.4 trasig"))
    proc = run_cli("register", DNR, str(folder), "--yes", data=data_dir)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "trasig.eml" in proc.stderr and "nul.eml" in proc.stderr
    remiss = services.open_store(data_dir).load(DNR)
    assert remiss.recipient("Kulturnämnden").response is not None
    assert remiss.recipient("Farsta stadsdelsnämnd").response is not None


# --- item 7: a meeting-plan rule is checked part by part and its expansion is bounded ------------


@pytest.mark.parametrize("rule,word", [
    ("FREQ=DAILY;INTERVAL=0", "INTERVAL"),
    ("FREQ=DAILY;BYSETPOS=-366", "BYSETPOS"),
    ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6", "BYSETPOS"),
    ("FREQ=MONTHLY;BYMONTHDAY=1,2;BYDAY=MO;BYSETPOS=2", "inga sammanträdesdagar"),
    ("FREQ=MONTHLY;BYDAY=+5MO;BYMONTHDAY=1", "inga sammanträdesdagar"),
    ("FREQ=WEEKLY;BYDAY=XX", "BYDAY"),
    ("FREQ=DAILY;COUNT=0", "COUNT"),
])
def test_hostile_meeting_rules_are_refused_at_once(rule, word):
    """Each used to hang (INTERVAL=0) or search to year 9999 (up to a minute); the dateutil
    search is bounded to the year being expanded, so even a rule whose parts never meet is cheap."""
    from remisstui.domain.meetings import MeetingPlanError, validate_rule

    with pytest.raises(MeetingPlanError) as exc:
        validate_rule(rule)
    assert word in str(exc.value)


def test_register_import_with_interval_0_is_one_swedish_line(data_dir, tmp_path):
    import re

    exported = tmp_path / "reg.toml"
    assert run_cli("register-export", "-o", str(exported), data=data_dir).returncode == 0
    text = re.sub(r'rule = "[^"]*"', 'rule = "FREQ=DAILY;INTERVAL=0"', exported.read_text(encoding="utf-8"), count=1)
    exported.write_text(text, encoding="utf-8")
    before = _stored(data_dir)
    proc = run_cli("register-import", str(exported), data=data_dir, timeout=30)
    assert proc.returncode != 0 and "INTERVAL" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert _stored(data_dir) == before


# --- items 8 and 11: special files as configuration, TOML nested too deep ----------------------------


def test_fifo_config_is_refused_at_once(data_dir, tmp_path):
    import os

    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    for args in (["config"], ["remind", DNR]):
        proc = run_cli(*args, data=data_dir, env={"REMISSTUI_CONFIG": str(fifo)}, timeout=30)
        assert proc.returncode != 0 and "ingen vanlig fil" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr


def test_dev_zero_config_is_refused(data_dir):
    proc = run_cli("config", data=data_dir, env={"REMISSTUI_CONFIG": "/dev/zero"}, timeout=30)
    assert proc.returncode != 0 and "ingen vanlig fil" in proc.stderr and "Traceback" not in proc.stderr


def test_oversized_config_is_refused(tmp_path):
    from remisstui.services import settings

    big = tmp_path / "config.toml"
    big.write_text("# x\n" * 100_000, encoding="utf-8")
    with pytest.raises(settings.SettingsError, match="för stor"):
        settings.load_settings(big)


def test_nested_toml_is_one_swedish_line(data_dir, tmp_path):
    f = _toml(tmp_path, "r.toml", 'dnr = "KS 2030/2"\ntitle = "x"\ndescription = ' + "[" * 50_000 + "\n")
    before = _stored(data_dir)
    proc = run_cli("import", str(f), data=data_dir)
    assert proc.returncode == 1 and "nästlade" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert _stored(data_dir) == before
    from remisstui.services import settings

    with pytest.raises(settings.SettingsError, match="nästlade"):
        settings.load_settings(_toml(tmp_path, "config.toml", "a = " + "[" * 50_000))


# --- item 12: -o onto a special file ---------------------------------------------------------------


def _special_files(tmp_path):
    import os
    import stat

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    out = [fifo]
    try:  # a private copy of /dev/full (root only): the real one must never be at stake in a test
        dev = tmp_path / "full"
        os.mknod(dev, stat.S_IFCHR | 0o666, os.makedev(1, 7))
        out.append(dev)
    except (PermissionError, AttributeError):
        pass
    return out


@pytest.mark.parametrize("args", [["summary", DNR, "--format", "md"], ["summary", DNR, "--format", "xlsx"],
                                  ["export", DNR], ["register-export"], ["backup"]],
                         ids=["md", "xlsx", "export", "register", "backup"])
def test_output_onto_a_special_file_is_refused(data_dir, tmp_path, args):
    import stat

    for target in _special_files(tmp_path):
        mode = target.lstat().st_mode
        proc = run_cli(*args, "-o", str(target), data=data_dir, timeout=30)
        assert proc.returncode != 0 and "vanlig fil" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
        assert "Skrev" not in proc.stderr
        assert target.lstat().st_mode == mode and not stat.S_ISREG(mode)


# --- item 10: backup writes only what restore takes ------------------------------------------------


def test_repetitive_remiss_backs_up_and_restores(data_dir, tmp_path):
    f = _toml(tmp_path, "r.toml", 'dnr = "KS 2030/3"\ntitle = "Upprepad"\ndescription = "' + "ab" * 750_000 + '"\n')
    assert run_cli("import", str(f), data=data_dir).returncode == 0
    zp = tmp_path / "backup.zip"
    proc = run_cli("backup", "-o", str(zp), data=data_dir)
    assert proc.returncode == 0, proc.stderr
    restored = tmp_path / "restored"
    proc = run_cli("restore", str(zp), data=restored)
    assert proc.returncode == 0, proc.stderr
    assert "ab" * 750_000 in run_cli("export", "KS 2030/3", data=restored).stdout


def test_backup_refuses_what_restore_would_refuse(data_dir, tmp_path, monkeypatch):
    from remisstui.services import backup as backups

    monkeypatch.setattr(backups, "MAX_MEMBER_BYTES", 100)  # every remiss file is now "too big"
    zp = tmp_path / "backup.zip"
    with pytest.raises(backups.BackupError, match="Ingen säkerhetskopia skrevs"):
        backups.backup(services.open_store(data_dir), zp)
    assert not zp.exists() and not list(tmp_path.glob("*.part"))


# --- item 13 and smaller: a data folder that cannot be reached, --data naming a file ----------------


def test_data_naming_a_file_says_so(tmp_path):
    f = tmp_path / "fil.txt"
    f.write_text("x", encoding="utf-8")
    proc = run_cli("list", data=f)
    assert proc.returncode == 1 and "är en fil, inte en mapp" in proc.stderr and "Traceback" not in proc.stderr


def test_unreachable_parent_is_one_swedish_line(tmp_path):
    """As another user (nobody) when run as root, since root enters every folder."""
    import os
    import shutil as sh
    import subprocess
    import tempfile

    from workers.common import VENV_CLI

    base = Path(tempfile.mkdtemp(prefix="remisstui-parent-"))
    try:
        os.chmod(base, 0o755)
        locked = base / "annans"
        (locked / "data").mkdir(parents=True)
        os.chmod(locked, 0o700)
        data = locked / "data"
        if os.geteuid() == 0:
            if sh.which("setpriv") is None:
                pytest.skip("needs setpriv to run as nobody")
            prefix = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
        else:
            prefix = []
        env = {k: v for k, v in os.environ.items() if k != "REMISSTUI_DATA"}
        env["HOME"] = str(base)
        for args in (["list"], ["import", str(base / "x.toml")]):
            proc = subprocess.run([*prefix, str(VENV_CLI), "--data", str(data), *args], capture_output=True,
                                  text=True, timeout=60, cwd=base, env=env)
            assert proc.returncode == 1, proc.stderr
            assert "behörighet" in proc.stderr and str(locked) in proc.stderr and "Traceback" not in proc.stderr
    finally:
        os.chmod(base / "annans", 0o755)
        sh.rmtree(base, ignore_errors=True)


# --- item 9 and smaller: text is cleaned once at the door; dnr refused with the right reason ------


def test_uffff_in_an_answer_then_xlsx(data_dir, tmp_path):
    answer = tmp_path / "svar.txt"
    text = (FIX / GOOD_TXT).read_text(encoding="utf-8")
    answer.write_text(text.replace("\n", "\uffff\n", 3) + "\ufffe\x00\x07 slut\n", encoding="utf-8")
    proc = run_cli("register", DNR, str(answer), "--yes", data=data_dir)
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "s.xlsx"
    proc = run_cli("summary", DNR, "--format", "xlsx", "-o", str(out), data=data_dir)
    assert proc.returncode == 0 and out.stat().st_size > 0, proc.stderr
    stored = "".join(p.read_text(encoding="utf-8") for p in (data_dir / REMISS_DIR).glob("*.json"))
    assert "\\uffff" not in stored.lower() and "\\u0000" not in stored and "\uffff" not in stored


def test_toml_control_characters_and_line_breaks_are_cleaned(data_dir, tmp_path):
    f = _toml(tmp_path, "r.toml", 'dnr = "KS 2030/4"\ntitle = "Rad ett\\r\\nrad två\\u0000\\uffff"\n'
              'description = "a\\u0007b\\nc"\n\n[[recipients]]\norganisation = "Testnämnden\\nBcc"\n'
              'own_dnr = "TN 1/2030\\r"\n')
    proc = run_cli("import", str(f), data=data_dir)
    assert proc.returncode == 0, proc.stderr
    shown = run_cli("export", "KS 2030/4", data=data_dir).stdout
    assert 'title = "Rad ett rad två"' in shown and 'description = """\nab\nc"""' in shown or "ab\\nc" in shown
    assert 'organisation = "Testnämnden Bcc"' in shown and 'own_dnr = "TN 1/2030"' in shown
    out = tmp_path / "s.xlsx"
    assert run_cli("summary", "KS 2030/4", "--format", "xlsx", "-o", str(out), data=data_dir).returncode == 0


@pytest.mark.parametrize("dnr,word", [("KS 2030/" + "1" * 80, "för långt"), ("KS 2030/5\\u0000", "styrtecken"),
                                      ("KS 2030/5\\nx", "radbrytningar")], ids=["long", "nul", "newline"])
def test_bad_dnr_is_refused_with_its_reason(data_dir, tmp_path, dnr, word):
    f = _toml(tmp_path, "r.toml", f'dnr = "{dnr}"\ntitle = "x"\n')
    before = _stored(data_dir)
    proc = run_cli("import", str(f), data=data_dir)
    assert proc.returncode == 1 and word in proc.stderr and "minst en siffra" not in proc.stderr, proc.stderr
    assert _stored(data_dir) == before


# --- item 4: DOCX tables read in one pass, every part size-checked, nested tables kept ------------

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
       'wordprocessingml.document.main+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
         'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
_BODY_TEXT = ("<w:p><w:r><w:t>Stadsdelsnämnden tillstyrker förslaget i sin helhet och har inga "
              "ytterligare synpunkter.</w:t></w:r></w:p>")


def _docx(path: Path, body: str, extra: dict[str, bytes] | None = None) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CT)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>'
                    f"{_BODY_TEXT}{body}</w:body></w:document>")
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


def _cell(text: str, props: str = "") -> str:
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


@pytest.mark.parametrize("table", [
    "<w:tbl><w:tr>" + _cell("Bred cell", '<w:gridSpan w:val="2000000000"/>') + "</w:tr></w:tbl>",
    "<w:tbl>" + "<w:tr>" + _cell("Topp", '<w:vMerge w:val="restart"/>') + "</w:tr>"
    + "<w:tr>" + _cell("", "<w:vMerge/>") + "</w:tr>" * 1 + ("<w:tr>" + _cell("", "<w:vMerge/>") + "</w:tr>") * 1000
    + "</w:tbl>",
    "<w:tbl><w:tr>" + "".join(_cell(f"c{i}") for i in range(40_000)) + "</w:tr></w:tbl>",
], ids=["gridspan", "vmerge-chain", "wide-row"])
def test_hostile_docx_tables_read_quickly(tmp_path, table):
    doc = read_document(_docx(tmp_path / "svar.docx", table))
    assert "tillstyrker" in doc.text


def test_gridspan_docx_through_the_cli(data_dir, tmp_path):
    f = _docx(tmp_path / "svar.docx", "<w:tbl><w:tr>" + _cell("Bred", '<w:gridSpan w:val="2000000000"/>')
              + "</w:tr></w:tbl>")
    proc = run_cli("parse", str(f), timeout=60)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr


def test_nested_table_text_is_kept(tmp_path):
    inner = "<w:tbl><w:tr>" + _cell("Inre tabellens text") + "</w:tr></w:tbl>"
    table = f"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Yttre</w:t></w:r></w:p>{inner}<w:p/></w:tc></w:tr></w:tbl>"
    doc = read_document(_docx(tmp_path / "svar.docx", table))
    assert "Inre tabellens text" in doc.text and "Yttre" in doc.text


def test_every_docx_part_is_size_checked(tmp_path):
    f = _docx(tmp_path / "svar.docx", "", {"word/styles.xml": b" " * (51 * 1024 * 1024)})
    with pytest.raises(DocumentError, match="för stort uppackat"):
        read_document(f)


def test_xlsx_exports_text_stored_before_the_door_cleaned_it(data_dir, tmp_path):
    """A file written by an older version may hold U+FFFF: the exporter still writes the summary."""
    import json

    path = next(p for p in (data_dir / REMISS_DIR).glob("*.json"))
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["remiss"]["1"]["title"] += "\uffff\ufffe"
    path.write_text(json.dumps(raw), encoding="utf-8")
    dnr = raw["remiss"]["1"]["dnr"]
    out = tmp_path / "s.xlsx"
    proc = run_cli("summary", dnr, "--format", "xlsx", "-o", str(out), data=data_dir)
    assert proc.returncode == 0 and out.stat().st_size > 0, proc.stderr
