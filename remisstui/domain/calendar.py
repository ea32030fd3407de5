"""Swedish public holidays and the "next working day" rule for deadlines.

The rule follows lag (1930:173) om beräkning av lagstadgad tid: a deadline
that falls on a Saturday, Sunday, allmän helgdag, midsommarafton, julafton or
nyårsafton moves to the next day that is none of these. Påskafton is always a
Saturday, so listing it only makes the reason text nicer.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta

from dateutil.easter import easter

from .dates import format_weekday_date

__all__ = [
    "holidays",
    "holiday_name",
    "is_non_working_day",
    "move_off_holidays",
    "next_working_day",
    "working_days_between",
]


def _saturday_between(year: int, month: int, first_day: int) -> date:
    """The Saturday in the seven days starting at (month, first_day)."""
    start = date(year, month, first_day)
    return start + timedelta(days=(5 - start.weekday()) % 7)


@functools.lru_cache(maxsize=256)
def _holidays(year: int) -> dict[date, str]:
    e = easter(year)
    midsommardagen = _saturday_between(year, 6, 20)
    days = [
        (date(year, 1, 1), "nyårsdagen"),
        (date(year, 1, 6), "trettondedag jul"),
        (e - timedelta(days=2), "långfredagen"),
        (e - timedelta(days=1), "påskafton"),
        (e, "påskdagen"),
        (e + timedelta(days=1), "annandag påsk"),
        (date(year, 5, 1), "första maj"),
        (e + timedelta(days=39), "Kristi himmelsfärdsdag"),
        (e + timedelta(days=49), "pingstdagen"),
        (date(year, 6, 6), "nationaldagen"),
        (midsommardagen - timedelta(days=1), "midsommarafton"),
        (midsommardagen, "midsommardagen"),
        (_saturday_between(year, 10, 31), "alla helgons dag"),
        (date(year, 12, 24), "julafton"),
        (date(year, 12, 25), "juldagen"),
        (date(year, 12, 26), "annandag jul"),
        (date(year, 12, 31), "nyårsafton"),
    ]
    result: dict[date, str] = {}
    for d, name in sorted(days):
        # Pingstdagen can fall on nationaldagen; keep both names rather than lose one.
        result[d] = f"{result[d]} och {name}" if d in result else name
    return result


def holidays(year: int) -> dict[date, str]:
    """Non-working holidays of ``year`` with their Swedish names.

    Includes midsommarafton, julafton and nyårsafton (not allmänna helgdagar in
    law, but treated like them for deadlines).
    """
    # A copy: the cached dict must not be mutated by callers.
    return dict(_holidays(year))


def holiday_name(d: date) -> str | None:
    return _holidays(d.year).get(d)


def is_non_working_day(d: date) -> bool:
    return d.weekday() >= 5 or d in _holidays(d.year)


def next_working_day(d: date) -> date:
    """The first working day on or after ``d``.

    Total over every date Python has: at the very end of the calendar (9999-12-31 is a
    nyårsafton) there is no later day to move to, and ``d`` itself is returned rather than an
    OverflowError that would stop every reader of a folder holding such a date.
    """
    while is_non_working_day(d):
        if d == date.max:
            return d
        d += timedelta(days=1)
    return d


def move_off_holidays(d: date) -> tuple[date, str | None]:
    """Apply the deadline rule; returns the date and a Swedish reason if moved."""
    moved = next_working_day(d)
    if moved == d:
        return d, None
    name = holiday_name(d)
    original = format_weekday_date(d)
    if name:
        original += f" ({name})"
    return moved, f"Flyttad från {original} till {format_weekday_date(moved)}"


def _weekdays_through(ordinal: int) -> int:
    """Monday-to-Friday days among ordinals 1..ordinal (ordinal 1, 0001-01-01, is a Monday)."""
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


@functools.cache
def _weekday_holidays(year: int) -> tuple[date, ...]:
    """The holidays of `year` that fall on Monday to Friday (the others are weekend anyway)."""
    return tuple(d for d in _holidays(year) if d.weekday() < 5)


def working_days_between(a: date, b: date) -> int:
    """Working days d with a < d <= b; negative when b is before a.

    Half-open so that "deadline minus today" counts the days actually left to work. Counted
    arithmetically (weekdays, less the holidays on weekdays), not day by day: the answer is as
    quick for two dates centuries apart, and no day after date.max is ever formed.
    """
    if b < a:
        return -working_days_between(b, a)
    count = _weekdays_through(b.toordinal()) - _weekdays_through(a.toordinal())
    for year in range(a.year, b.year + 1):
        days = _weekday_holidays(year)
        if a.year < year < b.year:
            count -= len(days)
        else:
            count -= sum(1 for d in days if a < d <= b)
    return count
