"""Issue 24.7: one home for each rule in domain/, and the faces answer the same.

The deadline in force from the index (overview, upcoming widget, search) is the model's; the
remiss table colours by the same rule as the counts; "done" is one set of statuses; marking a
recipient answered implies the same received date and answer kind everywhere; one set of field
names."""

from __future__ import annotations

from datetime import date

from remisstui import services
from remisstui.domain import deadlines
from remisstui.domain.field_labels import field_label
from remisstui.domain.model import (
    AnswerKind, Extension, OrgKind, Recipient, Remiss, Status,
)
from remisstui.services import search
from remisstui.services.answers import describe_changes
from remisstui.services.views import overview_rows
from remisstui.tui.changes import field_name
from remisstui.tui.widgets.upcoming import upcoming_data

DNR = "KS 2030/7"
SATURDAY = date(2030, 6, 1)  # the deadline as written; in force Monday 3 June
TODAY = date(2030, 6, 3)


def _remiss() -> Remiss:
    return Remiss(dnr=DNR, title="Regler", sent_on=date(2030, 4, 1), deadline=SATURDAY, recipients=[
        Recipient("Alfanämnden", OrgKind.facknamnd, status=Status.sent),
        Recipient("Betanämnden", OrgKind.facknamnd, status=Status.sent,
                  extensions=[Extension(new_deadline=date(2030, 6, 8))]),  # Saturday -> Monday 10 June
        Recipient("Gammanämnden", OrgKind.facknamnd, status=Status.planned),
        Recipient("Deltanämnden", OrgKind.facknamnd, status=Status.no_answer),
        Recipient("Epsilonnämnden", OrgKind.facknamnd, status=Status.answered),
        Recipient("Zetanämnden", OrgKind.facknamnd, status=Status.declined),
    ])


def test_the_deadline_in_force_from_the_index_is_the_models(tmp_path):
    store = services.open_store(tmp_path / "d")
    services.create_remiss(store, _remiss())
    remiss = store.load(DNR)
    (summary,) = [s for s in store.summaries() if s.dnr == DNR]
    for row, rec in zip(summary.recipients, remiss.recipients):
        assert deadlines.due_from_index(row[3], summary.deadline) == deadlines.due_date(remiss, rec)
    # The overview counts and its day count use the same date in force: Monday, not Saturday.
    (ov,) = overview_rows(store, TODAY)
    assert ov.days_left(TODAY) == 0
    assert ov.due_soon == sum(deadlines.is_due_soon(remiss, r, TODAY) for r in remiss.recipients) == 2
    # "Done" is one rule: the overview and the remiss counts agree (no answer is done).
    assert ov.done == deadlines.remiss_counts(remiss, TODAY).done == 3
    # The overdue search and the upcoming widget see the same due dates.
    later = date(2030, 6, 11)
    hits = search.overdue(store, later).hits
    assert sorted(h.organisation for h in hits) == ["Alfanämnden", "Betanämnden"]
    assert upcoming_data(store.summaries(), later).overdue == 2


def test_a_planned_recipient_past_its_deadline_is_neither_late_nor_due():
    remiss = _remiss()
    planned = remiss.recipient("Gammanämnden")
    due = deadlines.due_date(remiss, planned)
    assert deadlines.deadline_style(planned.status, due, date(2030, 7, 1)) is None
    assert deadlines.deadline_style(planned.status, due, TODAY) is None
    sent = remiss.recipient("Alfanämnden")
    assert deadlines.deadline_style(sent.status, due, TODAY) == "due_soon"
    assert deadlines.deadline_style(sent.status, due, date(2030, 6, 4)) == "overdue"


def test_marking_answered_without_a_date_means_today_in_every_face(tmp_path, monkeypatch):
    store = services.open_store(tmp_path / "d")
    remiss = _remiss()
    remiss.recipients.append(Recipient("AB Bolaget", OrgKind.bolag, status=Status.sent))
    services.create_remiss(store, remiss)
    monkeypatch.setattr(services.remisser, "today", lambda: TODAY)
    services.set_status(store, DNR, ["Alfanämnden", "AB Bolaget"], Status.answered)
    saved = store.load(DNR)
    alfa, bolag = saved.recipient("Alfanämnden"), saved.recipient("AB Bolaget")
    assert alfa.response.received_on == TODAY and alfa.response.answer_kind is AnswerKind.committee_decision
    assert bolag.response.received_on == TODAY and bolag.response.answer_kind is AnswerKind.board_decision


def test_one_set_of_field_names():
    old = Recipient("Alfanämnden", OrgKind.facknamnd)
    new = Recipient("Alfanämnden", OrgKind.facknamnd, status=Status.answered)
    from remisstui.domain.answer_status import complete_answered

    complete_answered(new, TODAY)
    labels = {label for label, _old, _new in describe_changes(old, new)}
    for key in ("received_on", "answer_kind", "stance", "own_dnr", "status"):
        assert field_name(key) == field_label(key)
        assert field_label(key, capital=True) in labels, (key, labels)
