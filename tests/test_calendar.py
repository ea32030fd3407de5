from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from remisstui.domain.calendar import (
    holiday_name,
    holidays,
    is_non_working_day,
    move_off_holidays,
    next_working_day,
    working_days_between,
)

D = date

# Known dates (Swedish almanac) for the moving holidays.
KNOWN = {
    2024: {
        "långfredagen": D(2024, 3, 29), "påskafton": D(2024, 3, 30), "påskdagen": D(2024, 3, 31),
        "annandag påsk": D(2024, 4, 1), "Kristi himmelsfärdsdag": D(2024, 5, 9),
        "pingstdagen": D(2024, 5, 19), "midsommarafton": D(2024, 6, 21),
        "midsommardagen": D(2024, 6, 22), "alla helgons dag": D(2024, 11, 2),
    },
    2025: {
        "långfredagen": D(2025, 4, 18), "påskafton": D(2025, 4, 19), "påskdagen": D(2025, 4, 20),
        "annandag påsk": D(2025, 4, 21), "Kristi himmelsfärdsdag": D(2025, 5, 29),
        "pingstdagen": D(2025, 6, 8), "midsommarafton": D(2025, 6, 20),
        "midsommardagen": D(2025, 6, 21), "alla helgons dag": D(2025, 11, 1),
    },
    2026: {
        "långfredagen": D(2026, 4, 3), "påskafton": D(2026, 4, 4), "påskdagen": D(2026, 4, 5),
        "annandag påsk": D(2026, 4, 6), "Kristi himmelsfärdsdag": D(2026, 5, 14),
        "pingstdagen": D(2026, 5, 24), "midsommarafton": D(2026, 6, 19),
        "midsommardagen": D(2026, 6, 20), "alla helgons dag": D(2026, 10, 31),
    },
    2027: {
        "långfredagen": D(2027, 3, 26), "påskafton": D(2027, 3, 27), "påskdagen": D(2027, 3, 28),
        "annandag påsk": D(2027, 3, 29), "Kristi himmelsfärdsdag": D(2027, 5, 6),
        "pingstdagen": D(2027, 5, 16), "midsommarafton": D(2027, 6, 25),
        "midsommardagen": D(2027, 6, 26), "alla helgons dag": D(2027, 11, 6),
    },
}
FIXED = {
    "nyårsdagen": (1, 1), "trettondedag jul": (1, 6), "första maj": (5, 1),
    "nationaldagen": (6, 6), "julafton": (12, 24), "juldagen": (12, 25),
    "annandag jul": (12, 26), "nyårsafton": (12, 31),
}


@pytest.mark.parametrize("year", sorted(KNOWN))
def test_holidays_known_years(year):
    h = holidays(year)
    expected = dict(KNOWN[year])
    expected.update({name: D(year, m, d) for name, (m, d) in FIXED.items()})
    assert {name: day for day, name in h.items()} == expected
    assert len(h) == 17


def test_holidays_returns_a_copy():
    holidays(2024).clear()
    assert len(holidays(2024)) == 17


@pytest.mark.parametrize("year", range(1950, 2100, 7))
def test_midsommar_and_alla_helgon_rules(year):
    by_name = {name: day for day, name in holidays(year).items()}
    ma, md, ah = by_name["midsommarafton"], by_name["midsommardagen"], by_name["alla helgons dag"]
    assert ma.weekday() == 4 and D(year, 6, 19) <= ma <= D(year, 6, 25)
    assert md.weekday() == 5 and D(year, 6, 20) <= md <= D(year, 6, 26)
    assert ah.weekday() == 5 and D(year, 10, 31) <= ah <= D(year, 11, 6)
    assert by_name["påskdagen"].weekday() == 6


@pytest.mark.parametrize(
    "start, expected",
    [
        (D(2025, 6, 20), D(2025, 6, 23)),   # midsommarafton
        (D(2024, 12, 24), D(2024, 12, 27)),  # julafton, juldagen, annandag jul
        (D(2024, 3, 29), D(2024, 4, 2)),    # långfredagen .. annandag påsk
        (D(2025, 12, 31), D(2026, 1, 2)),   # nyårsafton, nyårsdagen
        (D(2027, 1, 1), D(2027, 1, 4)),     # nyårsdagen is a Friday in 2027
        (D(2026, 6, 20), D(2026, 6, 22)),
        (D(2024, 5, 9), D(2024, 5, 10)),    # Kristi himmelsfärdsdag
        (D(2024, 6, 6), D(2024, 6, 7)),     # nationaldagen
        (D(2024, 5, 4), D(2024, 5, 6)),     # plain weekend
        (D(2024, 5, 6), D(2024, 5, 6)),     # a normal Monday
        (D(2024, 4, 29), D(2024, 4, 29)),
    ],
)
def test_move_off_holidays(start, expected):
    moved, reason = move_off_holidays(start)
    assert moved == expected
    assert (reason is None) == (start == expected)


def test_move_reason_text():
    assert D(2027, 1, 1).weekday() == 4
    assert move_off_holidays(D(2026, 6, 20))[1] == (
        "Flyttad från lördag 20 juni 2026 (midsommardagen) till måndag 22 juni 2026"
    )
    assert move_off_holidays(D(2024, 5, 5))[1] == (
        "Flyttad från söndag 5 maj 2024 till måndag 6 maj 2024"
    )
    assert move_off_holidays(D(2024, 5, 6)) == (D(2024, 5, 6), None)


def test_is_non_working_day():
    assert is_non_working_day(D(2024, 12, 24))
    assert is_non_working_day(D(2024, 6, 21))
    assert is_non_working_day(D(2024, 5, 4))
    assert not is_non_working_day(D(2024, 5, 6))
    assert not is_non_working_day(D(2024, 4, 30))  # valborg is a working day
    assert holiday_name(D(2024, 5, 1)) == "första maj"
    assert holiday_name(D(2024, 5, 2)) is None


def test_working_days_between():
    assert working_days_between(D(2024, 5, 6), D(2024, 5, 6)) == 0
    assert working_days_between(D(2024, 5, 6), D(2024, 5, 10)) == 3  # Thursday 9 May is a holiday
    assert working_days_between(D(2024, 5, 10), D(2024, 5, 6)) == -3
    assert working_days_between(D(2024, 12, 20), D(2025, 1, 7)) == 6  # 23, 27, 30 dec, 2, 3, 7 jan


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 1)))
def test_moved_date_is_first_working_day(d):
    moved, reason = move_off_holidays(d)
    assert moved >= d and not is_non_working_day(moved)
    assert moved == next_working_day(d)
    assert moved - d <= timedelta(days=5)
    day = d
    while day < moved:
        assert is_non_working_day(day)
        day += timedelta(days=1)
    assert (reason is None) == (moved == d)
