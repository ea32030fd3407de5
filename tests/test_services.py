"""services.py: the operations a registrator performs, each one event-logged and validated."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from remisstui import services
from remisstui.domain.model import Extension, Remiss, RemissState, Status
from remisstui.store.repository import NotFoundError, Store

EXAMPLE = "KS 2024/112"
BROMMA = "Bromma stadsdelsnämnd"


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "data", user="registrator")
    assert "lades in" in services.ensure_seeded(s)
    assert services.ensure_seeded(s) is None  # said once
    return s


def test_open_store_prefers_argument_then_env(tmp_path, monkeypatch):
    monkeypatch.setenv("REMISSTUI_DATA", str(tmp_path / "env"))
    assert services.open_store().folder == tmp_path / "env"
    assert services.open_store(tmp_path / "arg").folder == tmp_path / "arg"
    monkeypatch.delenv("REMISSTUI_DATA")
    assert "remisstui" in str(services.default_data_dir())


def test_create_validates(store):
    for bad, needle in [(Remiss(dnr="utan siffror", title="t"), "diarienummer"),
                        (Remiss(dnr="KS 2030/1", title="  "), "rubrik"),
                        (Remiss(dnr="KS 2030/1", title="t", sent_on=date(2024, 5, 2), deadline=date(2024, 5, 1)),
                         "före")]:
        with pytest.raises(services.ServiceError) as exc:
            services.create_remiss(store, bad)
        assert needle in str(exc.value)
    assert [s.dnr for s in store.summaries()] == [EXAMPLE]


def test_extension_moves_deadline_and_is_logged(store):
    services.grant_extension(store, EXAMPLE, [BROMMA], Extension(new_deadline=date(2024, 6, 21), reason="sammanträde"))
    r = store.load(EXAMPLE)
    ext = r.recipient(BROMMA).extensions[-1]
    assert ext.granted_by == "registrator" and ext.granted_on == date.today()
    view = services.remiss_view(r, date(2024, 6, 22))
    bromma = next(v for v in view["recipients"] if v["organisation"] == BROMMA)
    assert bromma["extended"] is True
    assert bromma["deadline"] == "2024-06-24"  # midsommarafton 2024-06-21 moves to Monday
    with pytest.raises(services.ServiceError):
        services.grant_extension(store, EXAMPLE, [BROMMA], Extension(new_deadline=date(2023, 1, 1)))


def test_reminder_status_withdraw_and_unknown_recipient(store):
    services.log_reminder(store, EXAMPLE, [BROMMA], note="per telefon", on=date(2024, 5, 2))
    services.withdraw(store, EXAMPLE, ["Kulturnämnden"])
    r = store.load(EXAMPLE)
    assert r.recipient(BROMMA).reminders[-1].note == "per telefon"
    assert r.recipient("Kulturnämnden").status is Status.withdrawn
    before = store.path_for(EXAMPLE).read_bytes()
    with pytest.raises(services.ServiceError):
        services.set_status(store, EXAMPLE, [BROMMA, "Okänd nämnd"], Status.answered)
    with pytest.raises(services.ServiceError):
        services.set_status(store, EXAMPLE, [], Status.answered)
    assert store.path_for(EXAMPLE).read_bytes() == before  # all or nothing
    with pytest.raises(NotFoundError):
        services.set_status(store, "KS 1999/9", [BROMMA], Status.answered)


def test_send_again_to_a_withdrawn_recipient_is_logged_and_undoable(store):
    services.withdraw(store, EXAMPLE, ["Kulturnämnden"])
    before = store.path_for(EXAMPLE).read_bytes()
    with pytest.raises(services.ServiceError, match="inte återkallad för Bromma"):
        services.send_again(store, EXAMPLE, ["Kulturnämnden", BROMMA])
    assert store.path_for(EXAMPLE).read_bytes() == before  # all or nothing
    services.send_again(store, EXAMPLE, ["Kulturnämnden"])
    assert store.load(EXAMPLE).recipient("Kulturnämnden").status is Status.sent
    _remiss, undone = services.undo_last(store, EXAMPLE)
    assert undone == "Skickade remissen igen till Kulturnämnden"
    assert store.load(EXAMPLE).recipient("Kulturnämnden").status is Status.withdrawn


def test_add_recipients_by_code_list_and_name(store):
    services.create_remiss(store, Remiss(dnr="KS 2030/2", title="Fiktiv"))
    reg = store.load_register()
    services.add_recipients(store, "KS 2030/2", ["SÖD", "Råd", "Ny förening", "södermalms stadsdelsnämnd"], reg)
    names = [r.organisation for r in store.load("KS 2030/2").recipients]
    assert names.count("Södermalms stadsdelsnämnd") == 1
    assert "Ny förening" in names and len(names) == 2 + len(reg.recipient_list("Råd").members)
    events = store.load_with_events("KS 2030/2")[1]
    assert len({e.change for e in events[1:]}) == 1  # one user action, one change id


def test_save_recipient_rejects_future_received_on(store):
    rec = store.load(EXAMPLE).recipient(BROMMA)
    from remisstui.domain.model import Response

    rec.response = Response(received_on=date.today() + timedelta(days=3))
    with pytest.raises(services.ServiceError):
        services.save_recipient(store, EXAMPLE, rec, base_revision=rec.revision)


def test_state_and_overview(store):
    rows = services.overview_rows(store, date(2024, 5, 1))
    assert rows[0].total == 15 and rows[0].answered == 1 and rows[0].overdue == 14
    services.set_state(store, EXAMPLE, RemissState.closed)
    assert services.overview_rows(store, date(2024, 5, 1)) == []
    assert len(services.overview_rows(store, date(2024, 5, 1), include_closed=True)) == 1


def test_overview_summary_and_remiss_count_the_same_late_and_due_soon(tmp_path):
    """One rule for "försenad" and "snart": the overview (from the index), the summary and the
    domain agree on data where the old copies did not (a late answer, a planned recipient)."""
    from remisstui.domain import deadlines
    from remisstui.domain.model import Recipient, Response
    from remisstui.formats.summary import build_summary

    today = date(2024, 5, 6)
    remiss = Remiss(
        dnr="KS 2024/900", title="Räkning", sent_on=date(2024, 4, 1), deadline=date(2024, 5, 3),
        recipients=[
            Recipient("Open late", status=Status.sent),
            Recipient("Registered late", status=Status.registered),
            Recipient("Answered late", status=Status.answered,
                      response=Response(received_on=date(2024, 5, 5))),
            Recipient("Planned, due soon", status=Status.planned,
                      extensions=[Extension(new_deadline=date(2024, 5, 8))]),
            Recipient("Sent, due soon", status=Status.sent, extensions=[Extension(new_deadline=date(2024, 5, 10))]),
            Recipient("Withdrawn", status=Status.withdrawn),
        ],
    )
    store = Store(tmp_path / "data", user="registrator")
    services.create_remiss(store, remiss)
    saved = store.load(remiss.dnr)

    row = services.overview_rows(store, today)[0]
    summary = build_summary(saved, today=today)
    late_line = next(line for line in summary.count_lines if line.label == "Försenade")
    domain_overdue = sum(deadlines.is_overdue(saved, r, today) for r in saved.recipients)
    domain_soon = sum(deadlines.is_due_soon(saved, r, today) for r in saved.recipients)

    assert domain_overdue == 2
    assert row.overdue == summary.counts.overdue == late_line.value == domain_overdue
    assert deadlines.remiss_counts(saved, today).overdue == domain_overdue
    # A planned recipient has not been asked yet: it is neither late nor due soon anywhere.
    assert domain_soon == row.due_soon == 1
    assert any(line.label == "Svarade efter svarstiden" and line.value == 1 for line in summary.count_lines)


def test_anstand_rule_is_the_same_in_the_service_and_the_form(store):
    sent_on = store.load(EXAMPLE).sent_on
    with pytest.raises(services.ServiceError) as exc:
        services.grant_extension(store, EXAMPLE, [BROMMA], Extension(new_deadline=sent_on))
    assert "efter utskicksdatum" in str(exc.value)
    services.grant_extension(store, EXAMPLE, [BROMMA], Extension(new_deadline=sent_on + timedelta(days=1)))


def test_undo_plan_names_the_change_and_undo_keeps_to_it(store):
    """Issue 12.6: undo is named before it runs, and reverses only the change that was named."""
    from remisstui.domain.model import Status
    from remisstui.store.repository import Store

    assert services.undo_plan(store, EXAMPLE) is None  # only the creation, which is not undoable
    services.set_status(store, EXAMPLE, ["Kulturnämnden", "Idrottsnämnden"], Status.registered)
    plan = services.undo_plan(store, EXAMPLE)
    assert plan is not None and plan.what.startswith("Satte status mottagen")
    assert plan.by == store.user and plan.targets == ("Kulturnämnden", "Idrottsnämnden")
    services.log_reminder(Store(store.folder, user="kollegan"), EXAMPLE, ["Kulturnämnden"], on=date(2024, 4, 22))
    with pytest.raises(services.ServiceError, match="inget ångrades"):
        services.undo_last(store, EXAMPLE, expected_change=plan.change)
    assert store.load(EXAMPLE).recipient("Kulturnämnden").reminders  # nothing was undone
    newer = services.undo_plan(store, EXAMPLE)
    assert newer.by == "kollegan"
    services.undo_last(store, EXAMPLE, expected_change=newer.change)
    assert not store.load(EXAMPLE).recipient("Kulturnämnden").reminders
