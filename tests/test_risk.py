from datetime import date

from remisstui.domain.model import (
    Extension,
    MeetingPlan,
    Organisation,
    OrgKind,
    Recipient,
    Remiss,
    Status,
)
from remisstui.domain.risk import Warning, recipient_warnings
from remisstui.formats.toml_io import bundled_register

REGISTER = bundled_register()


def _remiss(deadline: date, sent_on: date = date(2024, 1, 31)) -> Remiss:
    return Remiss(dnr="KS 2024/112", title="T", sent_on=sent_on, deadline=deadline)


def _codes(ws: list[Warning]) -> list[str]:
    return [w.code for w in ws]


def test_sodermalm_meets_before_deadline_no_warning():
    org = REGISTER.organisation("Södermalms stadsdelsnämnd")
    rec = Recipient(organisation=org.name, kind=org.kind, status=Status.sent)
    assert recipient_warnings(_remiss(date(2024, 4, 29)), rec, org, date(2024, 4, 1)) == []


def test_no_meeting_fires_when_next_meeting_is_after_deadline():
    org = REGISTER.organisation("Södermalms stadsdelsnämnd")  # 4th Thursday: 25 April, 23 May
    rec = Recipient(organisation=org.name, kind=org.kind, status=Status.registered)
    # Deadline 13 May, asked on 26 April: the next meeting is 23 May.
    ws = recipient_warnings(_remiss(date(2024, 5, 13)), rec, org, date(2024, 4, 26))
    assert ws == [Warning("no_meeting", "Nämndens nästa sammanträde 23 maj ligger efter svarsdatum 13 maj")]


def test_example_text_from_issue():
    org = Organisation("X-nämnden", OrgKind.facknamnd, meeting_plan=MeetingPlan(dates=[date(2024, 5, 16)]))
    rec = Recipient(organisation=org.name, status=Status.sent)
    ws = recipient_warnings(_remiss(date(2024, 4, 29)), rec, org, date(2024, 3, 1))
    assert ws[0].text == "Nämndens nästa sammanträde 16 maj ligger efter svarsdatum 29 april"


def test_meeting_window_starts_at_sent_on_or_today():
    org = Organisation("N", OrgKind.facknamnd, meeting_plan=MeetingPlan(dates=[date(2024, 2, 10)]))
    rec = Recipient(organisation="N", status=Status.sent)
    remiss = _remiss(date(2024, 4, 29), sent_on=date(2024, 2, 1))
    assert recipient_warnings(remiss, rec, org, date(2024, 2, 5)) == []  # meets 10 Feb
    ws = recipient_warnings(remiss, rec, org, date(2024, 2, 11))  # that meeting has passed
    assert _codes(ws) == ["no_meeting"]
    assert "sammanträdesplan har inget sammanträde före svarsdatum 29 april 2024" in ws[0].text
    # Sent after the meeting: the meeting before sending does not count either.
    assert _codes(recipient_warnings(_remiss(date(2024, 4, 29), sent_on=date(2024, 2, 12)), rec, org,
                                     date(2024, 2, 1))) == ["no_meeting"]


def test_meeting_on_deadline_day_counts():
    org = Organisation("N", OrgKind.stadsdelsnamnd, meeting_plan=MeetingPlan(dates=[date(2024, 4, 29)]))
    rec = Recipient(organisation="N", status=Status.sent)
    assert recipient_warnings(_remiss(date(2024, 4, 29)), rec, org, date(2024, 4, 1)) == []


def test_extension_deadline_is_used():
    org = REGISTER.organisation("Södermalms stadsdelsnämnd")
    rec = Recipient(organisation=org.name, status=Status.sent,
                    extensions=[Extension(new_deadline=date(2024, 5, 24))])
    # 13 May deadline extended to 24 May: the 23 May meeting is before it.
    assert recipient_warnings(_remiss(date(2024, 5, 13)), rec, org, date(2024, 4, 26)) == []


def test_no_plan_no_organisation_no_warning():
    rec = Recipient(organisation="Extern", status=Status.sent)
    remiss = _remiss(date(2024, 5, 13))
    assert recipient_warnings(remiss, rec, None, date(2024, 4, 26)) == []
    bolag = REGISTER.organisation("AB Familjebostäder")
    assert recipient_warnings(remiss, rec, bolag, date(2024, 4, 26)) == []


def test_closed_recipients_get_nothing():
    org = REGISTER.organisation("Södermalms stadsdelsnämnd")
    remiss = _remiss(date(2024, 7, 6))  # a Saturday in July, no meeting in July
    for status in (Status.answered, Status.declined, Status.no_answer, Status.withdrawn):
        rec = Recipient(organisation=org.name, status=status)
        assert recipient_warnings(remiss, rec, org, date(2024, 6, 28)) == []


def test_summer_and_moved():
    remiss = _remiss(date(2024, 7, 6))  # lördag -> måndag 8 juli
    rec = Recipient(organisation="N", status=Status.sent)
    ws = recipient_warnings(remiss, rec, None, date(2024, 6, 1))
    assert _codes(ws) == ["summer", "moved"]
    assert ws[0].text == "Svarsdatum 8 juli 2024 ligger mitt i semestern (juli)"
    assert ws[1].text == "Flyttad från lördag 6 juli 2024 till måndag 8 juli 2024 enligt helgdagsregeln"


def test_moved_from_midsommarafton_names_the_holiday():
    ws = recipient_warnings(_remiss(date(2025, 6, 20)), Recipient(organisation="N"), None, date(2025, 6, 1))
    assert ws == [Warning("moved", "Flyttad från fredag 20 juni 2025 (midsommarafton) till måndag 23 juni 2025"
                                   " enligt helgdagsregeln")]


def test_holidays_window():
    rec = Recipient(organisation="N", status=Status.sent)
    for d, expected in [
        (date(2024, 12, 19), []),
        (date(2024, 12, 20), ["holidays"]),
        (date(2025, 1, 7), ["holidays"]),
        (date(2025, 1, 8), []),
    ]:
        assert _codes(recipient_warnings(_remiss(d, sent_on=date(2024, 10, 1)), rec, None, date(2024, 11, 1))) == expected
    # julafton moves to fredag 27 december: both holidays and moved.
    ws = recipient_warnings(_remiss(date(2024, 12, 24), sent_on=date(2024, 10, 1)), rec, None, date(2024, 11, 1))
    assert _codes(ws) == ["holidays", "moved"]
    assert "(julafton)" in ws[1].text and "27 december 2024" in ws[0].text


def test_no_meeting_in_july_for_summer_deadline_with_register_plan():
    org = REGISTER.organisation("Bromma stadsdelsnämnd")  # 3rd Thursday except July
    rec = Recipient(organisation=org.name, status=Status.sent)
    ws = recipient_warnings(_remiss(date(2024, 7, 31), sent_on=date(2024, 6, 21)), rec, org, date(2024, 6, 21))
    assert _codes(ws) == ["no_meeting", "summer"]
    assert ws[0].text == "Nämndens nästa sammanträde 15 augusti ligger efter svarsdatum 31 juli"
