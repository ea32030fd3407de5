"""domain.answer_status: an answer entered on an awaited recipient makes it answered."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from remisstui import services
from remisstui.domain.answer_status import status_after_edit
from remisstui.domain.model import OrgKind, Recipient, Response, Stance, Status


def _rec(status: Status, response: Response | None = None) -> Recipient:
    return Recipient(organisation="Södermalms stadsdelsnämnd", kind=OrgKind.stadsdelsnamnd, status=status,
                     response=response)


@pytest.mark.parametrize("status", [Status.sent, Status.registered, Status.in_preparation])
def test_received_date_on_awaited_recipient_answers_it(status):
    before = _rec(status)
    after = copy.deepcopy(before)
    after.response = Response(received_on=date(2024, 4, 20))
    assert status_after_edit(before, after) is Status.answered


def test_stance_alone_answers_it():
    before = _rec(Status.sent)
    after = copy.deepcopy(before)
    after.response = Response(stance=Stance.supports)
    assert status_after_edit(before, after) is Status.answered


def test_status_chosen_in_the_same_edit_wins():
    before = _rec(Status.sent)
    after = copy.deepcopy(before)
    after.status = Status.in_preparation
    after.response = Response(received_on=date(2024, 4, 20))
    assert status_after_edit(before, after) is Status.in_preparation


@pytest.mark.parametrize("status", [Status.planned, Status.declined, Status.withdrawn, Status.no_answer])
def test_not_awaited_keeps_its_status(status):
    before = _rec(status)
    after = copy.deepcopy(before)
    after.response = Response(received_on=date(2024, 4, 20), stance=Stance.opposes)
    assert status_after_edit(before, after) is status


def test_other_edits_leave_the_status():
    before = _rec(Status.sent, Response(stance=Stance.none))
    after = copy.deepcopy(before)
    after.own_dnr = "SÖD 2024/1"
    assert status_after_edit(before, after) is Status.sent


def test_save_recipient_applies_the_rule(tmp_path):
    """The service path (CLI and TUI alike) ends with the same status as the form shows."""
    store = services.open_store(tmp_path)
    services.ensure_seeded(store)
    remiss = store.load("KS 2024/112")
    rec = copy.deepcopy(remiss.recipient("Farsta stadsdelsnämnd"))
    assert rec.status is Status.sent
    rec.response = Response(received_on=date(2024, 4, 20))
    services.save_recipient(store, remiss.dnr, rec, base_revision=rec.revision)
    saved = services.open_store(tmp_path).load(remiss.dnr).recipient(rec.organisation)
    assert saved.status is Status.answered
