from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from remisstui.domain.meetings import (
    MeetingPlanError,
    describe_plan,
    describe_rule,
    meetings_between,
    next_meeting,
    rule_from_swedish,
    rule_from_user_text,
    upcoming_meetings,
    validate_rule,
)
from remisstui.domain.model import MeetingPlan
from remisstui.formats.toml_io import bundled_register

THIRD_THU_NOT_JULY = "FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,8,9,10,11,12;BYDAY=+3TH"


def test_rule_across_year_end():
    plan = MeetingPlan(rule=THIRD_THU_NOT_JULY)
    got = meetings_between(plan, date(2024, 11, 1), date(2025, 2, 28))
    assert got == [date(2024, 11, 21), date(2024, 12, 19), date(2025, 1, 16), date(2025, 2, 20)]


def test_no_meeting_in_july():
    plan = MeetingPlan(rule=THIRD_THU_NOT_JULY)
    assert meetings_between(plan, date(2025, 7, 1), date(2025, 7, 31)) == []
    summer = meetings_between(plan, date(2025, 6, 1), date(2025, 8, 31))
    assert summer == [date(2025, 6, 19), date(2025, 8, 21)]
    assert next_meeting(plan, date(2025, 6, 20)) == date(2025, 8, 21)


def test_bounds_inclusive_and_explicit_dates_merged():
    plan = MeetingPlan(dates=[date(2024, 12, 30), date(2024, 11, 21)], rule=THIRD_THU_NOT_JULY)
    got = meetings_between(plan, date(2024, 11, 21), date(2024, 12, 31))
    assert got == [date(2024, 11, 21), date(2024, 12, 19), date(2024, 12, 30)]
    assert meetings_between(plan, date(2025, 1, 1), date(2024, 1, 1)) == []


def test_explicit_dates_only_and_empty_plan():
    plan = MeetingPlan(dates=[date(2024, 5, 16)])
    assert next_meeting(plan, date(2024, 4, 1)) == date(2024, 5, 16)
    assert next_meeting(plan, date(2024, 5, 17)) is None
    assert next_meeting(MeetingPlan(), date(2024, 1, 1)) is None


def test_sodermalm_plan_from_register_meets_25_april_2024():
    org = bundled_register().organisation("Södermalms stadsdelsnämnd")
    assert next_meeting(org.meeting_plan, date(2024, 4, 1)) == date(2024, 4, 25)


def test_upcoming_meetings_crosses_years():
    got = upcoming_meetings(MeetingPlan(rule=THIRD_THU_NOT_JULY), date(2024, 12, 20), 3)
    assert got == [date(2025, 1, 16), date(2025, 2, 20), date(2025, 3, 20)]


def test_interval_rule_is_anchored_stably():
    plan = MeetingPlan(rule="FREQ=WEEKLY;INTERVAL=2;BYDAY=TH")
    a = meetings_between(plan, date(2024, 1, 1), date(2024, 12, 31))
    b = meetings_between(plan, date(2024, 6, 1), date(2025, 3, 1))
    assert all((y - x).days == 14 for x, y in zip(a, a[1:]))
    assert set(a) & set(b) == {d for d in a if d >= date(2024, 6, 1)}


@pytest.mark.parametrize(
    "text, rule",
    [
        ("tredje torsdagen varje månad utom juli", THIRD_THU_NOT_JULY),
        ("fjärde torsdagen varje månad utom juli", "FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,8,9,10,11,12;BYDAY=+4TH"),
        ("tredje tisdagen varje månad utom januari och juli", "FREQ=MONTHLY;BYMONTH=2,3,4,5,6,8,9,10,11,12;BYDAY=+3TU"),
        ("sista onsdagen varje månad", "FREQ=MONTHLY;BYDAY=-1WE"),
        ("första och tredje måndagen varje månad utom januari, juli och augusti",
         "FREQ=MONTHLY;BYMONTH=2,3,4,5,6,9,10,11,12;BYDAY=+1MO,+3MO"),
        ("andra fredagen varje månad", "FREQ=MONTHLY;BYDAY=+2FR"),
        ("varje torsdag utom juli", "FREQ=WEEKLY;BYMONTH=1,2,3,4,5,6,8,9,10,11,12;BYDAY=TH"),
    ],
)
def test_swedish_round_trip(text, rule):
    assert rule_from_swedish(text) == rule
    assert describe_rule(rule) == text
    validate_rule(rule)


def test_swedish_variants():
    assert rule_from_swedish("  Tredje Torsdagen i månaden utom juli. ") == THIRD_THU_NOT_JULY
    assert rule_from_swedish("3:e torsdagen varje månad utom juli") == THIRD_THU_NOT_JULY
    assert rule_from_swedish("tredje torsdagen varje månad utom juli och januari") == (
        "FREQ=MONTHLY;BYMONTH=2,3,4,5,6,8,9,10,11,12;BYDAY=+3TH"
    )


def test_register_rules_are_all_described_and_round_trip():
    for org in bundled_register().organisations:
        rule = org.meeting_plan.rule
        if rule:
            words = describe_rule(rule)
            assert words, org.name
            assert rule_from_swedish(words) == rule


@pytest.mark.parametrize(
    "text",
    ["", "varje fullmåne", "tredje torsdagen varje månad utom july", "sjunde torsdagen varje månad",
     "tredje torsdagen varje månad utom " + ", ".join(
         ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december"])],
)
def test_bad_swedish_text(text):
    with pytest.raises(MeetingPlanError):
        rule_from_swedish(text)


@pytest.mark.parametrize("rule", ["FREQ=HOURLY", "BYDAY=+3TH", "FREQ=MONTHLY;BYDAY=+9XX", "FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2", "nonsens"])
def test_invalid_rrule(rule):
    with pytest.raises(MeetingPlanError):
        rule_from_user_text(rule)


def test_user_text_accepts_raw_rrule_and_words():
    assert rule_from_user_text("rrule:freq=monthly;byday=+3th") == "FREQ=MONTHLY;BYDAY=+3TH"
    assert rule_from_user_text("tredje torsdagen varje månad utom juli") == THIRD_THU_NOT_JULY


def test_unrecognised_rule_is_not_described_but_still_expands():
    rule = "FREQ=MONTHLY;BYMONTHDAY=15"
    assert describe_rule(rule) is None
    assert describe_plan(MeetingPlan(rule=rule)) == rule
    assert meetings_between(MeetingPlan(rule=rule), date(2024, 1, 1), date(2024, 2, 29)) == [
        date(2024, 1, 15), date(2024, 2, 15)]


def test_describe_plan():
    plan = MeetingPlan(dates=[date(2024, 12, 30)], rule=THIRD_THU_NOT_JULY)
    assert describe_plan(plan) == "tredje torsdagen varje månad utom juli; samt 2024-12-30"
    assert describe_plan(MeetingPlan()) == ""


@settings(max_examples=60, deadline=None)
@given(
    ordinals=st.lists(st.sampled_from([1, 2, 3, 4, -1]), min_size=1, max_size=3, unique=True),
    weekday=st.sampled_from(["MO", "TU", "WE", "TH", "FR"]),
    months=st.sets(st.integers(1, 12), min_size=1, max_size=12),
)
def test_round_trip_property(ordinals, weekday, months):
    month_part = "" if len(months) == 12 else "BYMONTH=" + ",".join(map(str, sorted(months))) + ";"
    rule = f"FREQ=MONTHLY;{month_part}BYDAY=" + ",".join(f"{n:+d}{weekday}" for n in ordinals)
    words = describe_rule(rule)
    assert words is not None
    assert rule_from_swedish(words) == rule
