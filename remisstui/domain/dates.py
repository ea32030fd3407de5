"""Swedish dates: parsing, formatting and finding dates in running text.

Parsing goes through python-dateutil with a Swedish ``parserinfo`` so that the
result never depends on the process locale (``locale.setlocale`` is global and
not thread-safe, and the machine may not even have sv_SE installed).
"""

from __future__ import annotations

import datetime
import functools
import re

__all__ = [
    "MONTHS_SV",
    "MONTHS_SV_SHORT",
    "WEEKDAYS_SV",
    "DateParseError",
    "SwedishParserInfo",
    "find_dates",
    "format_date",
    "format_date_long",
    "format_date_short",
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
        else:
            msg = f'Kan inte tolka "{shown}" som ett datum'
        super().__init__(msg)


# ASCII digits only: str.isdigit/\d accept other scripts, which int() would
# then happily convert into surprising dates.
_ISO_RE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_COMPACT_RE = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
_DMY_SLASH_RE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})[ /]([0-9]{4})")
# dateutil reads "14.30" as a decimal number, not a time.
_KL_RE = re.compile(r"\b(kl\.?|klockan)\s*([0-9]{1,2})[.:]([0-9]{2})\b", re.IGNORECASE)
_TRAILING_TIME_RE = re.compile(r"(\s)([0-9]{1,2})\.([0-9]{2})\s*$")


def _make_date(text: str, y: str, m: str, d: str) -> datetime.date:
    try:
        return datetime.date(int(y), int(m), int(d))
    except ValueError:
        raise DateParseError(text, "invalid") from None


def _fast_path(text: str, s: str) -> datetime.date | None:
    for rx, order in ((_ISO_RE, "ymd"), (_COMPACT_RE, "ymd"), (_DMY_SLASH_RE, "dmy")):
        m = rx.fullmatch(s)
        if m:
            a, b, c = m.groups()
            if order == "ymd":
                return _make_date(text, a, b, c)
            return _make_date(text, c, b, a)
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


def _parse(text: str, default_year: int | None) -> datetime.datetime:
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
        if default_year is None:
            raise DateParseError(text, "no_year")
        try:
            return a.replace(year=default_year)
        except (ValueError, OverflowError):
            raise DateParseError(text, "invalid") from None
    return a


def parse_date(text: str, *, default_year: int | None = None) -> datetime.date:
    """Parse a Swedish or ISO date; raises only DateParseError.

    Day and month must be in the text; the year may come from ``default_year``.
    Weekday names are accepted but not checked against the date, since letters
    with a wrong weekday are common and the numeric date is what counts.
    """
    if isinstance(text, str):
        fast = _fast_path(text, text.strip())
        if fast is not None:
            return fast
    return _parse(text, default_year).date()


def parse_datetime(text: str, *, default_year: int | None = None) -> datetime.datetime:
    """Like parse_date but keeps the time (``kl. 14.30``); midnight if none is given."""
    if isinstance(text, str):
        fast = _fast_path(text, text.strip())
        if fast is not None:
            return datetime.datetime(fast.year, fast.month, fast.day)
    return _parse(text, default_year).replace(tzinfo=None)


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
        found.append((d, m.start(), m.end()))
    return found
