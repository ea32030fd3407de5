"""Outlook .msg read from a real file, not a synthetic one.

The real file is extract-msg's example `unicode.msg` (an Outlook 2013 message with two attachments).
That repository is GPL-3.0, so the file is not copied into this project: the test reads it from
REMISSTUI_REAL_MSG, or from a local snapshot of github.com/TeamMsgExtractor/msg-extractor, and is
skipped when neither is at hand.
"""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

import pytest

from remisstui.formats.document import DocumentError, read_document
from remisstui.formats.document.mail import read_mail

_MIRROR = Path("/work/.mirror/TeamMsgExtractor+msg-extractor/repo")


def _real_msg(tmp_path: Path) -> Path | None:
    env = os.environ.get("REMISSTUI_REAL_MSG")
    if env and Path(env).is_file():
        return Path(env)
    if _MIRROR.exists():
        out = tmp_path / "unicode.msg"
        try:
            data = subprocess.run(["git", "-C", str(_MIRROR), "show", "HEAD:example-msg-files/unicode.msg"],
                                  check=True, capture_output=True).stdout
        except (OSError, subprocess.CalledProcessError):
            return None
        out.write_bytes(data)
        return out
    return None


@pytest.fixture
def real_msg(tmp_path):
    p = _real_msg(tmp_path)
    if p is None:
        pytest.skip("no real .msg file at hand (set REMISSTUI_REAL_MSG)")
    return p


def test_real_msg_headers_body_and_attachments(real_msg):
    mail = read_mail(real_msg, real_msg.read_bytes())
    assert mail.subject == "Test for TIF files"
    assert mail.sender_email == "brizhou@gmail.com"
    assert mail.sent is not None and mail.sent.date() == date(2013, 11, 18)
    assert [a.name for a in mail.attachments] == ["import OleFileIO.tif", "raised value error.tif"]
    assert all(len(a.data) > 100_000 for a in mail.attachments)
    assert "MS Outlook MSG Extractor" in mail.body
    assert mail.answer_attachment() is None  # pictures are no remissvar


def test_real_msg_without_answer_attachment_is_read_from_its_body(real_msg):
    doc = read_document(real_msg)
    assert doc.file_kind == "msg"
    assert doc.received_on == date(2013, 11, 18)
    assert doc.mail_from == "brizhou@gmail.com"
    assert doc.answer_file == ""
    assert doc.attachments[:2] == ["import OleFileIO.tif", "raised value error.tif"]
    assert "MSG Extractor" in doc.text


def test_broken_msg_is_one_swedish_error(tmp_path):
    p = tmp_path / "trasig.msg"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(3000))
    with pytest.raises(DocumentError, match="Outlook"):
        read_document(p)


def test_eml_that_is_no_mail_is_one_swedish_error(tmp_path):
    p = tmp_path / "x.eml"
    p.write_bytes(b"just some words\n")
    with pytest.raises(DocumentError, match="e-post"):
        read_document(p)
