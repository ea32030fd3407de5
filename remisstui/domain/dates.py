"""Swedish dates: parsing, formatting and finding dates in running text.

Parsing goes through python-dateutil with a Swedish ``parserinfo`` so that the
result never depends on the process locale (``locale.setlocale`` is global and
not thread-safe, and the machine may not even have sv_SE installed).
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "EARLIEST",
    "LATEST",
    "MONTHS_SV",
    "MONTHS_SV_SHORT",
    "WEEKDAYS_SV",
    "DateParseError",
    "YearRule",
    "extension_year_rule",
    "received_year_rule",
    "SwedishParserInfo",
    "find_dates",
    "format_date",
    "format_date_long",
    "format_date_short",
    "future_date_warning",
    "in_range",
    "out_of_range_message",
    "parse_date",
    "parse_datetime",
]

MONTHS_SV: tuple[str, ...] = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)
MONTHS_SV_SHORT: tuple[str, ...] = (
    "jan", "feb", "mar", "apr", "maj", "jun",
    "jul", "aug", "sep", "okt", "nov", "dec",
)
# Monday first, matching date.weekday().
WEEKDAYS_SV: tuple[str, ...] = (
    "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
)

# The dates remisstui accepts. A deadline in year 9999 once imported fine and then crashed every
# reader of the folder (the next working day after 9999-12-31 does not exist); no remiss, answer or
# meeting lies outside these bounds, so a date beyond them is a typo or hostile, and is refused.
EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2199, 12, 31)


def in_range(d: datetime.date) -> bool:
    """Whether a date (or the day of a datetime) lies in EARLIEST..LATEST."""
    if isinstance(d, datetime.datetime):
        d = d.date()
    return EARLIEST <= d <= LATEST


def out_of_range_message(d: datetime.date) -> str:
    if isinstance(d, datetime.datetime):
        d = d.date()
    return f"Datumet {d.isoformat()} ligger utanför {EARLIEST.year}–{LATEST.year}"


def future_date_warning(d: datetime.date | None, today: datetime.date) -> str | None:
    """A Swedish warning when `d` (a received date, say) lies after `today`; None otherwise.

    A letter cannot have arrived tomorrow: a date in the future is nearly always a typo (the wrong
    year, or day and month swapped), so a form shows this before saving. It is a warning, not a
    refusal: the rule of the field decides whether the future is possible at all.
    """
    if d is None or d <= today:
        return None
    days = (d - today).days
    when = "i morgon" if days == 1 else f"om {days} dagar"
    return f"Obs: {format_date_long(d)} ligger i framtiden ({when})."


# Anything longer is not a date a human wrote in a field; refusing early keeps
# the parser fast on pasted garbage.
_MAX_LEN = 200


# The Swedish vocabulary for dateutil. dateutil.parser costs ~10 ms to import, so the parser is
# built the first time a date is parsed, not when the app starts.
JUMP = [
    " ", ".", ",", ";", "-", "/", "'", ":", "t",
    "den", "senast", "kl", "klockan", "d", "och", "om", "på", "från", "till",
]
WEEKDAYS = [
    ("mån", "måndag"),
    ("tis", "tisdag"),
    ("ons", "onsdag"),
    ("tor", "tors", "torsdag"),
    ("fre", "fredag"),
    ("lör", "lördag"),
    ("sön", "söndag"),
]
MONTHS = [
    ("jan", "januari"),
    ("feb", "februari"),
    ("mar", "mars"),
    ("apr", "april"),
    ("maj",),
    ("jun", "juni"),
    ("jul", "juli"),
    ("aug", "augusti"),
    ("sep", "sept", "september"),
    ("okt", "oktober"),
    ("nov", "november"),
    ("dec", "december"),
]
HMS = [
    ("h", "tim", "timme", "timmar"),
    ("m", "min", "minut", "minuter"),
    ("s", "sek", "sekund", "sekunder"),
]
AMPM = [("am", "fm"), ("pm", "em")]


@functools.cache
def _parser():
    from dateutil import parser as du_parser

    class SwedishParserInfo(du_parser.parserinfo):
        """dateutil vocabulary for Swedish documents (lowercase names, as written)."""

    SwedishParserInfo.JUMP = JUMP
    SwedishParserInfo.WEEKDAYS = WEEKDAYS
    SwedishParserInfo.MONTHS = MONTHS
    SwedishParserInfo.HMS = HMS
    SwedishParserInfo.AMPM = AMPM
    return SwedishParserInfo, du_parser.parser(SwedishParserInfo(dayfirst=True, yearfirst=False))


def __getattr__(name: str):
    if name == "SwedishParserInfo":
        return _parser()[0]
    raise AttributeError(name)


class DateParseError(ValueError):
    """Raised for any text that is not a complete, existing date."""

    def __init__(self, text: str, reason: str = "unparsable") -> None:
        self.text = text
        self.reason = reason
        # One line: the message is shown beside a field or as one line on stderr.
        flat = " ".join(text.split())
        shown = flat if len(flat) <= 60 else flat[:57] + "..."
        if reason == "invalid":
            msg = f'Ogiltigt datum: "{shown}"'
        elif reason == "empty":
            msg = "Datum saknas"
        elif reason == "no_year":
            msg = f'Datumet "{shown}" saknar år'
        elif reason == "incomplete":
            msg = f'Datumet "{shown}" saknar dag eller månad'
        elif reason == "range":
            msg = f'Datumet "{shown}" ligger utanför {EARLIEST.year}–{LATEST.year}'
        else:
            msg = f'Kan inte tolka "{shown}" som ett datum'
        super().__init__(msg)


# ASCII digits only: str.isdigit/\d accept other scripts, which int() would
# then happily convert into surprising dates.
_ISO_RE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_COMPACT_RE = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
# ÅÅMMDD and ÅÅ-MM-DD: in Swedish use six digits are year-month-day (240503 is 3 May 2024), the
# short form of the personnummer and of dates in diarier. dateutil's dayfirst reads them backwards.
_SHORT_YMD_RE = re.compile(r"([0-9]{2})-?([0-9]{2})-?([0-9]{2})")
_DMY_SLASH_RE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})[ /]([0-9]{4})")
# dateutil reads "14.30" as a decimal number, not a time.
_KL_RE = re.compile(r"\b(kl\.?|klockan)\s*([0-9]{1,2})[.:]([0-9]{2})\b", re.IGNORECASE)
_TRAILING_TIME_RE = re.compile(r"(\s)([0-9]{1,2})\.([0-9]{2})\s*$")

# Days named relative to today, as a registrator types them; the value is days after today.
_RELATIVE_DAYS = {
    "idag": 0, "i dag": 0,
    "igår": -1, "i går": -1,
    "förrgår": -2, "i förrgår": -2,
    "imorgon": 1, "i morgon": 1,
}


# --- the year of a date written without one ------------------------------------------------------


@dataclass(frozen=True)
class YearRule:
    """What a field's date must satisfy, used to choose the year of a date typed without one.

    A yearless date takes, among the years that put it within `earliest`..`latest` (inclusive,
    either may be open), the one nearest to `near` (or to the bound when `near` is empty). When
    no year satisfies the field, the nearest year is taken and the field's own check warns.
    """

    earliest: datetime.date | None = None
    latest: datetime.date | None = None
    near: tuple[datetime.date, ...] = ()

    def allows(self, d: datetime.date) -> bool:
        return (self.earliest is None or d >= self.earliest) and (self.latest is None or d <= self.latest)


def received_year_rule(
    sent_on: datetime.date | None, today: datetime.date, near: Iterable[datetime.date | None] = ()
) -> YearRule:
    """A received date: on or after the day the remiss was sent, and not in the future."""
    refs = tuple(d for d in near if d is not None) or tuple(d for d in (sent_on, today) if d is not None)
    return YearRule(earliest=sent_on, latest=today, near=refs)


def extension_year_rule(deadline_in_force: datetime.date | None) -> YearRule:
    """An anstånd: after the deadline in force (the day after at the earliest)."""
    if deadline_in_force is None:
        return YearRule()
    return YearRule(earliest=deadline_in_force + datetime.timedelta(days=1), near=(deadline_in_force,))


def _rule_refs(rule: YearRule, refs: list[datetime.date]) -> list[datetime.date]:
    own = [d for d in rule.near if d is not None]
    if own:
        return own
    bounds = [d for d in (rule.earliest, rule.latest) if d is not None]
    return bounds or refs


def _year_by_rule(text: str, month: int, day: int, rule: YearRule, refs: list[datetime.date]) -> datetime.date:
    refs = _rule_refs(rule, refs)
    anchors = [*refs, *(d for d in (rule.earliest, rule.latest) if d is not None)]
    years = sorted({a.year + delta for a in anchors for delta in range(-4, 5)})  # 29 februari: a leap year
    candidates = _candidates(years, month, day)
    fitting = [d for d in candidates if rule.allows(d)]
    return _nearest(text, fitting or candidates, refs)


def _make_date(text: str, y: str | int, m: str, d: str) -> datetime.date:
    try:
        return datetime.date(int(y), int(m), int(d))
    except ValueError:
        raise DateParseError(text, "invalid") from None


def _references(near, today: datetime.date | None) -> list[datetime.date]:
    if near is None:
        refs: list[datetime.date] = []
    elif isinstance(near, datetime.date):
        refs = [near]
    else:
        refs = [d for d in near if d is not None]
    refs = [d.date() if isinstance(d, datetime.datetime) else d for d in refs]
    return refs or [today or datetime.date.today()]


def _distance(d: datetime.date, refs: list[datetime.date]) -> int:
    return min(abs((d - r).days) for r in refs)


def _nearest(text: str, candidates: list[datetime.date], refs: list[datetime.date]) -> datetime.date:
    """The candidate nearest to any of the reference dates (the earlier one on a tie)."""
    if not candidates:
        raise DateParseError(text, "invalid")
    return min(candidates, key=lambda d: (_distance(d, refs), d))


def _candidates(years, month: int, day: int) -> list[datetime.date]:
    out = []
    for y in years:
        try:
            out.append(datetime.date(y, month, day))
        except ValueError:  # 29 februari in a year without it, or beyond datetime's years
            continue
    return out


def _fast_path(text: str, s: str, near, today: datetime.date | None) -> datetime.date | None:
    rel = _RELATIVE_DAYS.get(" ".join(s.lower().split()))
    if rel is not None:
        return (today or datetime.date.today()) + datetime.timedelta(days=rel)
    for rx, order in ((_ISO_RE, "ymd"), (_COMPACT_RE, "ymd"), (_DMY_SLASH_RE, "dmy")):
        m = rx.fullmatch(s)
        if m:
            a, b, c = m.groups()
            if order == "ymd":
                return _make_date(text, a, b, c)
            return _make_date(text, c, b, a)
    m = _SHORT_YMD_RE.fullmatch(s)
    if m:
        yy, mm, dd = (int(g) for g in m.groups())
        if not (1 <= mm <= 12 and 1 <= dd <= 31):
            raise DateParseError(text, "invalid")
        refs = _references(near, today)
        # The century that puts the date nearest the reference: 990101 is 1999, 240503 is 2024.
        centuries = sorted({r.year // 100 * 100 for r in refs})
        years = {c + delta + yy for c in centuries for delta in (-100, 0, 100)}
        return _nearest(text, _candidates(sorted(years), mm, dd), refs)
    return None


# Two defaults that differ in every date field: a field that comes out equal in
# both parses was really in the text, one that differs was filled in by dateutil.
# Day 2 exists in every month, so dateutil never has to clamp it.
_DEFAULT_A = datetime.datetime(1904, 1, 1)
_DEFAULT_B = datetime.datetime(1908, 2, 2)


# "2024-06-04 14:30" must stay year-month-day; dayfirst would swap month and day.
_YEAR_FIRST_RE = re.compile(r"[0-9]{4}[-/.][0-9]")


def _du_parse(text: str, s: str, default: datetime.datetime) -> datetime.datetime:
    year_first = bool(_YEAR_FIRST_RE.match(s))
    try:
        return _parser()[1].parse(
            s, default=default, ignoretz=True, dayfirst=not year_first, yearfirst=year_first
        )
    except Exception as exc:  # dateutil also leaks OverflowError/TypeError/IndexError
        msg = str(exc)
        if "out of range" in msg or "must be in" in msg:
            raise DateParseError(text, "invalid") from None
        raise DateParseError(text) from None


def _parse(text: str, default_year: int | None, near, today: datetime.date | None,
           rule: YearRule | None = None) -> datetime.datetime:
    if not isinstance(text, str):
        raise DateParseError(repr(text))
    s = text.strip()
    if not s:
        raise DateParseError(text, "empty")
    if len(s) > _MAX_LEN:
        raise DateParseError(text)
    s = _KL_RE.sub(lambda m: f"{m.group(1)} {m.group(2)}:{m.group(3)}", s)
    s = _TRAILING_TIME_RE.sub(lambda m: f"{m.group(1)}{m.group(2)}:{m.group(3)}", s)
    s = s.lower()
    a = _du_parse(text, s, _DEFAULT_A)
    b = _du_parse(text, s, _DEFAULT_B)
    if a.day != b.day or a.month != b.month:
        raise DateParseError(text, "incomplete")
    if a.year != b.year:
        if rule is not None:
            day = _year_by_rule(text, a.month, a.day, rule, _references(near, today))
            return a.replace(year=day.year)
        if near is not None:
            # "29 april" on a 2024 remiss is 29 April 2024 whatever year it is now: the year
            # that puts the date nearest the remiss's own dates.
            refs = _references(near, today)
            years = sorted({r.year + delta for r in refs for delta in range(-4, 5)})  # 29 februari: a leap year
            day = _nearest(text, _candidates(years, a.month, a.day), refs)
            return a.replace(year=day.year)
        if default_year is None:
            raise DateParseError(text, "no_year")
        try:
            return a.replace(year=default_year)
        except (ValueError, OverflowError):
            raise DateParseError(text, "invalid") from None
    return a


def _checked(text: object, d):
    if not in_range(d):
        raise DateParseError(text if isinstance(text, str) else repr(text), "range")
    return d


def parse_date(
    text: str,
    *,
    default_year: int | None = None,
    near: datetime.date | Iterable[datetime.date | None] | None = None,
    today: datetime.date | None = None,
    rule: YearRule | None = None,
) -> datetime.date:
    """Parse a Swedish or ISO date; raises only DateParseError.

    Day and month must be in the text. A missing year is the one that puts the date nearest to
    `near` (a date, or several: a remiss's sent and deadline dates) when given, else
    ``default_year``. ``idag``, ``igår`` and ``i förrgår`` count from `today` (the app's today,
    which tests inject), as does the century of ``ÅÅMMDD`` when `near` is not given.
    Weekday names are accepted but not checked against the date, since letters
    with a wrong weekday are common and the numeric date is what counts.
    A date outside EARLIEST..LATEST is refused. `rule` (a field's YearRule) decides a missing year
    before `near` does: a received date on or after the sent date and not in the future, an
    anstånd after the deadline in force.
    """
    if isinstance(text, str):
        fast = _fast_path(text, text.strip(), near, today)
        if fast is not None:
            return _checked(text, fast)
    return _checked(text, _parse(text, default_year, near, today, rule).date())


def parse_datetime(
    text: str,
    *,
    default_year: int | None = None,
    near: datetime.date | Iterable[datetime.date | None] | None = None,
    today: datetime.date | None = None,
    rule: YearRule | None = None,
) -> datetime.datetime:
    """Like parse_date but keeps the time (``kl. 14.30``); midnight if none is given."""
    if isinstance(text, str):
        fast = _fast_path(text, text.strip(), near, today)
        if fast is not None:
            return _checked(text, datetime.datetime(fast.year, fast.month, fast.day))
    return _checked(text, _parse(text, default_year, near, today, rule).replace(tzinfo=None))


def format_date(d: datetime.date) -> str:
    return d.isoformat()[:10] if isinstance(d, datetime.datetime) else d.isoformat()


def format_date_long(d: datetime.date) -> str:
    return f"{d.day} {MONTHS_SV[d.month - 1]} {d.year}"


def format_date_short(d: datetime.date) -> str:
    return f"{d.day} {MONTHS_SV_SHORT[d.month - 1]} {d.year}"


def format_weekday_date(d: datetime.date) -> str:
    """``måndag 22 juni 2026`` - used in deadline explanations."""
    return f"{WEEKDAYS_SV[d.weekday()]} {format_date_long(d)}"


# --- finding dates in running text -------------------------------------------

_MONTH_LOOKUP: dict[str, int] = {}
for _i, _names in enumerate(MONTHS, start=1):
    for _n in _names:
        _MONTH_LOOKUP[_n] = _i

_MONTH_ALT = "|".join(sorted(_MONTH_LOOKUP, key=len, reverse=True))
_WEEKDAY_ALT = "|".join(
    sorted({n for names in WEEKDAYS for n in names}, key=len, reverse=True)
)
_NOT_LETTER = r"(?![^\W\d_])"

_FIND_RE = re.compile(
    rf"""
    (?<![\w-])
    (?:senast\s+)?
    (?:(?:{_WEEKDAY_ALT}){_NOT_LETTER}\.?,?\s+)?
    (?:(?:den|d\.)\s*)?
    (?:
        (?P<d>[0-9]{{1,2}})\s*\.?\s+(?P<mon>{_MONTH_ALT}){_NOT_LETTER}\.?,?\s+(?P<y>(?:19|20)[0-9]{{2}})
      | (?P<sd>[0-9]{{1,2}})/(?P<sm>[0-9]{{1,2}})\s+(?P<sy>(?:19|20)[0-9]{{2}})
    )
    (?![\w-])
    |
    (?<![\w./-])(?P<iy>(?:19|20)[0-9]{{2}})-(?P<im>[0-9]{{2}})-(?P<id>[0-9]{{2}})(?![\w/]|[.-][0-9])
    """,
    re.IGNORECASE | re.VERBOSE,
)


def find_dates(text: str) -> list[tuple[datetime.date, int, int]]:
    """Every date in running text as (date, start, end).

    The span includes a leading ``senast``, weekday and ``den`` so a caller can
    replace or highlight the whole phrase. Dates without a year are skipped:
    guessing the year of a date in a document is the caller's business.
    """
    found: list[tuple[datetime.date, int, int]] = []
    if not isinstance(text, str):
        return found
    for m in _FIND_RE.finditer(text):
        try:
            if m.group("iy"):
                d = datetime.date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
            elif m.group("mon"):
                d = datetime.date(
                    int(m.group("y")), _MONTH_LOOKUP[m.group("mon").lower()], int(m.group("d"))
                )
            else:
                d = datetime.date(int(m.group("sy")), int(m.group("sm")), int(m.group("sd")))
        except (ValueError, KeyError):
            continue
        if not in_range(d):  # the pattern allows 19xx and 20xx only; the range rule holds anyway
            continue
        found.append((d, m.start(), m.end()))
    return found
