import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from remisstui.domain.dates import (
    MONTHS_SV,
    WEEKDAYS_SV,
    DateParseError,
    find_dates,
    format_date,
    format_date_long,
    format_date_short,
    parse_date,
    parse_datetime,
)

D = dt.date


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2024-02-14", D(2024, 2, 14)),
        ("25 april 2024", D(2024, 4, 25)),
        ("den 29 april 2024", D(2024, 4, 29)),
        ("senast den 29 april 2024", D(2024, 4, 29)),
        ("torsdag 25 april 2024", D(2024, 4, 25)),
        ("torsdag den 25 april 2024", D(2024, 4, 25)),
        ("14 feb. 2024", D(2024, 2, 14)),
        ("14 feb 2024", D(2024, 2, 14)),
        ("tisdag 4 juni 2024 kl. 14.30", D(2024, 6, 4)),
        ("3/4 2024", D(2024, 4, 3)),
        ("20240214", D(2024, 2, 14)),
        ("2024-2-5", D(2024, 2, 5)),
        ("  2024-02-14  ", D(2024, 2, 14)),
        ("Den 1 Maj 2024", D(2024, 5, 1)),
        ("1 mars 2024", D(2024, 3, 1)),
        ("1 mar. 2024", D(2024, 3, 1)),
        ("1 sept. 2024", D(2024, 9, 1)),
        ("1 sep 2024", D(2024, 9, 1)),
        ("5 okt 2024", D(2024, 10, 5)),
        ("mån 5 feb 2024", D(2024, 2, 5)),
        ("tors 4 jan 2024", D(2024, 1, 4)),
        ("lördag 6 juli 2024", D(2024, 7, 6)),
        ("d. 5 mars 2024", D(2024, 3, 5)),
        ("29 februari 2024", D(2024, 2, 29)),
        ("31 december 2025", D(2025, 12, 31)),
    ],
)
def test_parse_date_formats(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "xyz", "april", "april 2024", "2024", "14.30", "kl. 14.30",
     "31 februari 2024", "29 februari 2023", "2024-02-30", "2024-13-01", "32 januari 2024",
     "1/13 2024", "25 april", "måndag", "a" * 500],
)
def test_parse_date_rejects(text):
    with pytest.raises(DateParseError):
        parse_date(text)


def test_error_messages_are_swedish():
    with pytest.raises(DateParseError) as e:
        parse_date("31 februari 2024")
    assert str(e.value) == 'Ogiltigt datum: "31 februari 2024"'
    with pytest.raises(DateParseError) as e:
        parse_date("xyz")
    assert str(e.value) == 'Kan inte tolka "xyz" som ett datum'
    with pytest.raises(DateParseError) as e:
        parse_date("25 april")
    assert "saknar år" in str(e.value)
    assert isinstance(e.value, ValueError)


def test_default_year():
    assert parse_date("25 april", default_year=2023) == D(2023, 4, 25)
    assert parse_date("25 april 2024", default_year=2023) == D(2024, 4, 25)
    with pytest.raises(DateParseError):
        parse_date("29 februari", default_year=2023)
    with pytest.raises(DateParseError):
        parse_date("april", default_year=2023)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("tisdag 4 juni 2024 kl. 14.30", dt.datetime(2024, 6, 4, 14, 30)),
        ("4 juni 2024 kl 9.05", dt.datetime(2024, 6, 4, 9, 5)),
        ("4 juni 2024 klockan 14:30", dt.datetime(2024, 6, 4, 14, 30)),
        ("4 juni 2024 14.30", dt.datetime(2024, 6, 4, 14, 30)),
        ("2024-06-04 14:30", dt.datetime(2024, 6, 4, 14, 30)),
        ("2024-06-04", dt.datetime(2024, 6, 4)),
        ("25 april 2024", dt.datetime(2024, 4, 25)),
    ],
)
def test_parse_datetime(text, expected):
    assert parse_datetime(text) == expected


def test_parse_datetime_rejects():
    for bad in ["kl. 14.30", "", "april 2024 kl 10.00"]:
        with pytest.raises(DateParseError):
            parse_datetime(bad)


def test_formatting():
    d = D(2024, 4, 9)
    assert format_date(d) == "2024-04-09"
    assert format_date_long(d) == "9 april 2024"
    assert format_date_short(d) == "9 apr 2024"
    assert format_date(dt.datetime(2024, 4, 9, 12, 0)) == "2024-04-09"
    assert MONTHS_SV[0] == "januari" and MONTHS_SV[11] == "december" and len(MONTHS_SV) == 12
    assert WEEKDAYS_SV[D(2024, 4, 25).weekday()] == "torsdag"


dates = st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 31))


@settings(max_examples=300, deadline=None)
@given(dates)
def test_round_trips(d):
    assert parse_date(format_date(d)) == d
    assert parse_date(format_date_long(d)) == d
    assert parse_date(format_date_short(d)) == d
    assert parse_date(f"{WEEKDAYS_SV[d.weekday()]} den {format_date_long(d)}") == d


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_parse_date_only_raises_date_parse_error(text):
    try:
        parse_date(text)
    except DateParseError:
        pass
    try:
        parse_datetime(text)
    except DateParseError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    ["den", "senast", "kl.", "14.30", "3/4", "2024", "april", "feb.", "31", "0", "-", "/",
     "torsdag", "99999999999999999999", "1e10", "2024-02-30", ".", ":", "am", "em", " "]
), max_size=8))
def test_parse_date_token_soup(tokens):
    text = " ".join(tokens)
    try:
        d = parse_date(text, default_year=2024)
    except DateParseError:
        return
    assert isinstance(d, D)


def test_find_dates_in_text():
    text = (
        "Svar senast den 29 april 2024. Mötet hålls torsdag 25 april 2024 kl. 14.30 "
        "(tel 08-508 121 96). Beslut 2024-02-14 och 3/4 2024; felaktigt 2024-13-01, "
        "31 februari 2024 och 14 feb. 2024. Inget år: 5 maj."
    )
    found = find_dates(text)
    assert [d for d, _, _ in found] == [
        D(2024, 4, 29), D(2024, 4, 25), D(2024, 2, 14), D(2024, 4, 3), D(2024, 2, 14)
    ]
    spans = [text[s:e] for _, s, e in found]
    assert spans == [
        "senast den 29 april 2024", "torsdag 25 april 2024", "2024-02-14", "3/4 2024",
        "14 feb. 2024",
    ]


@pytest.mark.parametrize(
    "text",
    ["KS 2024/112", "3.1-4788-2026", "08-508 121 96", "1.5.1-135-2012", "20240214x",
     "aprilskämt 2024", "2024-02-145"],
)
def test_find_dates_ignores(text):
    assert find_dates(text) == []


@settings(max_examples=200, deadline=None)
@given(dates, st.text(max_size=20), st.text(max_size=20))
def test_find_dates_round_trip_in_text(d, before, after):
    text = f"{before} den {format_date_long(d)} {after}"
    assert d in [x for x, _, _ in find_dates(text)]
    for x, s, e in find_dates(text):
        assert 0 <= s < e <= len(text)


# --- dates that went silently wrong (issue 12.4) -------------------------------------------------

TODAY_2026 = D(2026, 12, 1)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("240503", D(2024, 5, 3)),  # ÅÅMMDD, not 24 May 2003
        ("24-05-03", D(2024, 5, 3)),
        ("20240503", D(2024, 5, 3)),  # ÅÅÅÅMMDD
        ("991231", D(1999, 12, 31)),  # the century nearest today
        ("260101", D(2026, 1, 1)),
    ],
)
def test_short_year_month_day(text, expected):
    assert parse_date(text, today=TODAY_2026) == expected


def test_short_form_century_follows_the_reference():
    assert parse_date("990101", near=D(2101, 3, 1)) == D(2099, 1, 1)
    with pytest.raises(DateParseError):
        parse_date("241305", today=TODAY_2026)  # month 13


@pytest.mark.parametrize(
    "text, days",
    [("idag", 0), ("i dag", 0), ("Idag", 0), ("igår", -1), ("i går", -1), ("i förrgår", -2),
     ("förrgår", -2), ("  I  FÖRRGÅR ", -2), ("imorgon", 1)],
)
def test_relative_days_count_from_the_apps_today(text, days):
    assert parse_date(text, today=TODAY_2026) == TODAY_2026 + dt.timedelta(days=days)
    assert parse_datetime(text, today=D(2024, 3, 1)) == dt.datetime(2024, 3, 1) + dt.timedelta(days=days)


def test_date_without_year_takes_the_year_nearest_the_remiss():
    # "29 april" typed in 2026 on a remiss sent in 2024 is 29 April 2024.
    remiss_dates = [D(2024, 3, 28), D(2024, 4, 29)]
    assert parse_date("29 april", near=remiss_dates, today=TODAY_2026) == D(2024, 4, 29)
    # Around new year the nearest year may be the next one, or the previous one.
    assert parse_date("3 januari", near=[D(2024, 12, 10)]) == D(2025, 1, 3)
    assert parse_date("20 december", near=[D(2025, 1, 10), None]) == D(2024, 12, 20)
    # 29 februari: the leap year nearest the reference.
    assert parse_date("29 februari", near=D(2026, 6, 1)) == D(2028, 2, 29)
    # An explicit year always wins.
    assert parse_date("29 april 2023", near=remiss_dates) == D(2023, 4, 29)


def test_future_date_warning():
    from remisstui.domain.dates import future_date_warning

    assert future_date_warning(TODAY_2026, TODAY_2026) is None
    assert future_date_warning(D(2026, 11, 30), TODAY_2026) is None
    assert future_date_warning(None, TODAY_2026) is None
    warning = future_date_warning(D(2026, 12, 2), TODAY_2026)
    assert warning and "framtiden" in warning and "2 december 2026" in warning


# --- the sane range (issue 13.1) -----------------------------------------------------------------


@pytest.mark.parametrize("text", ["9999-12-31", "99991231", "1 januari 9999", "1899-12-31",
                                  "31/12 2200", "2200-01-01"])
def test_dates_out_of_range_are_refused_in_swedish(text):
    for fn in (parse_date, parse_datetime):
        with pytest.raises(DateParseError) as e:
            fn(text)
        assert "utanför 1900–2199" in str(e.value)


def test_range_bounds_are_accepted():
    assert parse_date("1900-01-01") == D(1900, 1, 1)
    assert parse_date("31 december 2199") == D(2199, 12, 31)


def test_a_yearless_date_takes_the_year_its_field_allows():
    date = dt.date
    """Issue 24.4: one rule, given the field's constraints."""
    from remisstui.domain.dates import extension_year_rule, received_year_rule

    sent, deadline, today = date(2024, 1, 31), date(2024, 4, 29), date(2026, 12, 8)
    near = (sent, deadline)
    received = received_year_rule(sent, today, near)
    assert parse_date("2 december", near=near, rule=received, today=today) == date(2024, 12, 2)
    assert parse_date("29 april", near=near, rule=received, today=today) == date(2024, 4, 29)
    # Not in the future: on 2024-02-10, "5 mars" cannot be a received date this year.
    early = received_year_rule(date(2023, 2, 1), date(2024, 2, 10))
    assert parse_date("5 mars", rule=early, today=date(2024, 2, 10)) == date(2023, 3, 5)
    # An anstånd lies after the deadline in force.
    assert parse_date("15 januari", rule=extension_year_rule(deadline), today=today) == date(2025, 1, 15)
    assert parse_date("15 maj", rule=extension_year_rule(deadline), today=today) == date(2024, 5, 15)
    # A written year is never changed by the rule, and no fitting year falls back to the nearest.
    assert parse_date("2 december 2023", rule=received, today=today) == date(2023, 12, 2)
    impossible = received_year_rule(date(2024, 5, 1), date(2024, 5, 2))
    assert parse_date("1 maj", rule=impossible, today=date(2024, 5, 2)) == date(2024, 5, 1)
    assert parse_date("30 april", rule=impossible, today=date(2024, 5, 2)) == date(2024, 4, 30)
