"""Outlook .msg read from real files, not synthetic ones.

The two messages in tests/fixtures/mail/ were written by Outlook and come from the test files of
hfig/MAPI (MIT; see LICENSE-hfig-MAPI.txt there): one with a body and three attachments, one
with neither body nor attachment.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from remisstui import services
from remisstui.domain.model import Contact
from remisstui.formats.document import DocumentError, read_document
from remisstui.formats.document.mail import read_mail
from remisstui.services import answers
from remisstui.store.repository import Store

MAIL = Path(__file__).parent / "fixtures" / "mail"
SAMPLE = MAIL / "hfig-mapi-sample.msg"
EMPTY = MAIL / "hfig-mapi-swetlana.msg"


def test_real_msg_headers_body_and_attachments():
    mail = read_mail(SAMPLE, SAMPLE.read_bytes())
    assert mail.subject.startswith("Testing Manuel Lemos' MIME E-mail")
    assert mail.sender_email == "mlemos@acm.org"
    assert mail.sent is not None and mail.sent.date() == date(2005, 5, 1)  # 19:28 -0300 on 30 April is 00:28 on 1 May in Stockholm
    assert [a.name for a in mail.attachments] == ["attachment.txt", "logo.gif", "background.gif"]
    assert "Hello Manuel" in mail.body
    # Neither pictures nor a text file named like a note are a remissvar: the mail's text is.
    assert mail.answer_attachment() is None


def test_real_msg_without_answer_attachment_is_read_from_its_body():
    doc = read_document(SAMPLE)
    assert doc.file_kind == "msg"
    assert doc.received_on == date(2005, 5, 1)
    assert doc.mail_from == "mlemos@acm.org"
    assert doc.answer_file == ""
    assert doc.attachments == ["attachment.txt", "logo.gif", "background.gif"]
    assert "Hello Manuel" in doc.text


def test_real_msg_with_nothing_to_read_is_one_swedish_error():
    with pytest.raises(DocumentError, match="varken text eller ett remissvar"):
        read_document(EMPTY)


def test_real_msg_sender_chooses_the_recipient_and_date_is_received(tmp_path):
    store = Store(tmp_path / "data", user="registrator")
    services.ensure_seeded(store)
    dnr = "KS 2024/112"
    farsta = "Farsta stadsdelsnämnd"
    remiss = store.load(dnr)
    rec = remiss.recipient(farsta)
    rec.contact = Contact(name="Manuel", email="MLemos@acm.org")
    services.save_recipient(store, dnr, rec, base_revision=rec.revision, what="kontakt")
    plan = answers.plan_file(store, dnr, SAMPLE, today=date(2024, 5, 6))
    assert plan.recipient is not None and plan.recipient.organisation == farsta
    assert plan.new.response.received_on == date(2005, 5, 1)


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
