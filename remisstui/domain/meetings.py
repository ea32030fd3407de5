"""Meeting plans (sammanträdesplaner): explicit dates and/or an RRULE, in Swedish words both ways.

A plan's rule is an RFC 5545 RRULE string such as
``FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,8,9,10,11,12;BYDAY=+3TH`` and is expanded with dateutil.rrule.
Registrators type rules the way a sammanträdesplan says them ("tredje torsdagen varje månad utom
juli"); `rule_from_swedish` turns such a text into the RRULE and `describe_rule` turns the common
RRULE patterns back into the same words.

A rule without DTSTART is anchored at 1 January of the year asked about, which is exact for every
rule with INTERVAL=1 and no COUNT. Rules with INTERVAL > 1 or COUNT need a fixed anchor: they get
DTSTART from the rule text when present, else 2000-01-03 (a Monday).
"""

from __future__ import annotations

import datetime as datetime_module
import functools
import re
import threading
import types
from datetime import date, datetime, timedelta

from dateutil.rrule import rrule, rrulestr

from .dates import MONTHS_SV, WEEKDAYS_SV
from .model import MeetingPlan

__all__ = [
    "MeetingPlanError",
    "describe_plan",
    "describe_rule",
    "meetings_between",
    "next_meeting",
    "normalise_rule",
    "rule_from_swedish",
    "rule_from_user_text",
    "upcoming_meetings",
    "validate_rule",
]

FIXED_ANCHOR = datetime(2000, 1, 3)
# How far next_meeting looks ahead before it gives up: a plan with no meeting in two years is empty.
LOOKAHEAD_DAYS = 2 * 366

_ALLOWED_FREQ = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY")
_WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

_ORDINALS_SV = {
    1: "första",
    2: "andra",
    3: "tredje",
    4: "fjärde",
    5: "femte",
    -1: "sista",
    -2: "näst sista",
}
_ORDINAL_WORDS = {
    "första": 1, "1:a": 1, "1": 1,
    "andra": 2, "2:a": 2, "2": 2,
    "tredje": 3, "3:e": 3, "3": 3,
    "fjärde": 4, "4:e": 4, "4": 4,
    "femte": 5, "5:e": 5, "5": 5,
    "sista": -1,
    "näst sista": -2, "näst-sista": -2, "nästsista": -2,
}
_WEEKDAY_WORDS: dict[str, int] = {}
for _i, _name in enumerate(WEEKDAYS_SV):
    _WEEKDAY_WORDS[_name] = _i
    _WEEKDAY_WORDS[_name + "en"] = _i  # torsdagen
    _WEEKDAY_WORDS[_name + "ar"] = _i  # torsdagar
_MONTH_WORDS = {name: i + 1 for i, name in enumerate(MONTHS_SV)}


class MeetingPlanError(ValueError):
    """A rule or rule text that cannot be used; str() is one Swedish sentence."""


# --- RRULE strings ------------------------------------------------------------------------------


def _split_rule(rule: str) -> tuple[str | None, str]:
    """(DTSTART line or None, the RRULE part without its "RRULE:" prefix)."""
    dtstart = None
    body = []
    for line in re.split(r"[\r\n]+", rule.strip()):
        line = line.strip()
        if not line:
            continue
        upper = line.upper()
        if upper.startswith("DTSTART"):
            dtstart = line
        elif upper.startswith("RRULE:"):
            body.append(line[6:])
        else:
            body.append(line)
    return dtstart, ";".join(body)


def _parts(rrule_body: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in rrule_body.split(";"):
        part = part.strip()
        if not part:
            continue
        key, sep, value = part.partition("=")
        if not sep:
            raise MeetingPlanError(f"Ogiltig regel: {part!r} saknar '='.")
        out[key.strip().upper()] = value.strip().upper()
    return out


_ALLOWED_KEYS = {"FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST", "BYDAY", "BYMONTH", "BYMONTHDAY", "BYSETPOS"}
_MONTH_LENGTHS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _static_check(parts: dict[str, str]) -> None:
    """Refuse what dateutil would search for until year 9999 (seconds) or what is not a date rule."""
    unknown = sorted(set(parts) - _ALLOWED_KEYS)
    if unknown:
        raise MeetingPlanError(f"Regeln använder {', '.join(unknown)}, som inte stöds för sammanträden.")
    _check_values(parts)
    if "BYMONTHDAY" in parts:
        try:
            days = [int(x) for x in parts["BYMONTHDAY"].split(",")]
            months = [int(x) for x in parts["BYMONTH"].split(",")] if "BYMONTH" in parts else list(range(1, 13))
        except ValueError:
            raise MeetingPlanError("BYMONTHDAY och BYMONTH ska vara heltal.") from None
        if not all(1 <= m <= 12 for m in months):
            raise MeetingPlanError("BYMONTH ska vara 1–12.")
        longest = max(_MONTH_LENGTHS[m - 1] for m in months)
        if not any(1 <= abs(d) <= longest for d in days):
            raise MeetingPlanError("Regeln ger inga sammanträdesdagar (den dagen finns inte i de månaderna).")


_WEEKDAY_RE = re.compile(r"([+-]?[0-9]{1,2})?(MO|TU|WE|TH|FR|SA|SU)")


def _ints(parts: dict[str, str], key: str, lo: int, hi: int, *, zero: bool = False) -> list[int]:
    """The integers of a list part, each within ±lo..hi (or lo..hi when lo > 0); MeetingPlanError if not."""
    try:
        values = [int(x) for x in parts[key].split(",")]
    except ValueError:
        raise MeetingPlanError(f"{key} ska vara heltal.") from None
    for v in values:
        if (v == 0 and not zero) or not (lo <= v <= hi or (lo < 0 and -hi <= v <= -1)):
            shown = f"{lo}–{hi}" if lo > 0 else ("1 eller -1" if hi == 1 else f"1–{hi} eller -{hi}–-1")
            raise MeetingPlanError(f"Ogiltig regel: {key}={v} går inte, {key} ska vara {shown}.")
    return values


def _check_values(parts: dict[str, str]) -> None:
    """Every part's value within what can give a date, before dateutil sees the rule.

    dateutil never returns on INTERVAL=0, and searches to year 9999 (a minute) for a BYSETPOS that
    no period can reach (FREQ=DAILY;BYSETPOS=-366). The TUI checks the rule on every keystroke, so
    this must be cheap: it only reads the parts (issue 23 item 7)."""
    freq = parts.get("FREQ", "")
    if freq and freq not in _ALLOWED_FREQ:
        raise MeetingPlanError(
            f"FREQ={freq} går inte att använda; sammanträden anges per dag, vecka, månad eller år."
        )
    if parts.get("INTERVAL", "") not in ("",):
        _ints(parts, "INTERVAL", 1, 1000)
    if "COUNT" in parts:
        _ints(parts, "COUNT", 1, 10000)
    if "BYMONTH" in parts:
        _ints(parts, "BYMONTH", 1, 12)
    if "BYMONTHDAY" in parts:
        _ints(parts, "BYMONTHDAY", -1, 31)
    weekdays: list[tuple[int | None, str]] = []
    if "BYDAY" in parts:
        for token in parts["BYDAY"].split(","):
            m = _WEEKDAY_RE.fullmatch(token.strip())
            if not m:
                raise MeetingPlanError(f"Ogiltig regel: BYDAY={token} går inte; ange veckodagar som MO, TU, … eller +3TH.")
            n = int(m.group(1)) if m.group(1) else None
            if n is not None and not (1 <= abs(n) <= (5 if freq == "MONTHLY" else 53)):
                raise MeetingPlanError(f"Ogiltig regel: BYDAY={token} går inte; ordningstalet ligger utanför månaden eller året.")
            weekdays.append((n, m.group(2)))
    if "WKST" in parts and parts["WKST"] not in ("MO", "TU", "WE", "TH", "FR", "SA", "SU"):
        raise MeetingPlanError(f"Ogiltig regel: WKST={parts['WKST']} går inte; ange en veckodag (MO–SU).")
    if "BYSETPOS" in parts:
        # The most dates one period can hold: a position beyond it is never reached, and dateutil
        # would search every period until year 9999 for it.
        days = len({d for _, d in weekdays}) if weekdays else 0
        monthdays = len(parts["BYMONTHDAY"].split(",")) if "BYMONTHDAY" in parts else 0
        months = len(parts["BYMONTH"].split(",")) if "BYMONTH" in parts else 12
        most = {
            "DAILY": 1,
            "WEEKLY": days or 1,
            "MONTHLY": monthdays or (5 * days if days else 1) if not any(n for n, _ in weekdays) else len(weekdays),
            "YEARLY": (months if "BYMONTH" in parts else 1) if not (monthdays or days)
            else months * (monthdays or 5 * days),
        }.get(freq, 1)
        _ints(parts, "BYSETPOS", -1, max(1, min(most, 366)))
    if "UNTIL" in parts and not re.fullmatch(r"[0-9]{8}(T[0-9]{6}Z?)?", parts["UNTIL"]):
        raise MeetingPlanError("Ogiltig regel: UNTIL ska vara ett datum som 20261231.")


@functools.lru_cache(maxsize=512)
def _compiled(rule: str, anchor_year: int) -> rrule:
    dtstart_line, body = _split_rule(rule)
    parts = _parts(body)
    _static_check(parts)
    fixed = "COUNT" in parts or parts.get("INTERVAL", "1") not in ("", "1")
    text = body
    kwargs: dict = {}
    if dtstart_line:
        text = dtstart_line + "\nRRULE:" + body
    else:
        kwargs["dtstart"] = FIXED_ANCHOR if fixed else datetime(anchor_year, 1, 1)
    try:
        parsed = rrulestr(text, **kwargs)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        raise MeetingPlanError(f"Ogiltig regel ({_short(str(exc))}).") from None
    if not isinstance(parsed, rrule):
        raise MeetingPlanError("Regeln ska vara en enda RRULE.")
    return parsed


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def validate_rule(rule: str) -> None:
    """Raise MeetingPlanError unless `rule` is an RRULE this program can expand into dates."""
    if not rule.strip():
        return
    if len(rule) > 1000:
        raise MeetingPlanError("Regeln är för lång.")
    _dtstart, body = _split_rule(rule)
    parts = _parts(body)
    freq = parts.get("FREQ")
    if not freq:
        raise MeetingPlanError("Regeln saknar FREQ (till exempel FREQ=MONTHLY).")
    if freq not in _ALLOWED_FREQ:
        raise MeetingPlanError(
            f"FREQ={freq} går inte att använda; sammanträden anges per dag, vecka, månad eller år."
        )
    _compiled(rule.strip(), 2000)
    # dateutil accepts some rules that never give a date (BYMONTHDAY=31;BYMONTH=2); say so.
    if not upcoming_meetings(MeetingPlan(rule=rule), date(2000, 1, 1), 1) and not (
        "UNTIL" in parts or "COUNT" in parts or _dtstart
    ):
        raise MeetingPlanError("Regeln ger inga sammanträdesdagar.")


def normalise_rule(rule: str) -> str:
    """Upper-case keys and values, no "RRULE:" prefix, no blank parts; DTSTART kept on its own line."""
    if not rule.strip():
        return ""
    dtstart, body = _split_rule(rule)
    parts = _parts(body)
    text = ";".join(f"{k}={v}" for k, v in parts.items())
    return f"{dtstart}\n{text}" if dtstart else text


# --- expanding ----------------------------------------------------------------------------------


class _YearBound(threading.local):
    last = datetime_module.MAXYEAR


_YEAR_BOUND = _YearBound()


class _BoundedDatetime(types.ModuleType):
    """dateutil's view of the datetime module, with a MAXYEAR this thread may lower.

    dateutil stops searching for a rule's next date only at datetime.MAXYEAR: a rule whose parts
    never meet (the 2nd Monday that is also the 1st or 2nd of the month) is searched until year
    9999, a minute or more. While a rule is expanded for a year, its search ends after that year."""

    @property
    def MAXYEAR(self) -> int:  # noqa: N802 - the name dateutil reads
        return _YEAR_BOUND.last


def _bound_dateutil() -> None:
    import dateutil.rrule as du

    if not isinstance(du.datetime, _BoundedDatetime):
        proxy = _BoundedDatetime("datetime")
        proxy.__dict__.update({k: v for k, v in vars(datetime_module).items() if k != "MAXYEAR"})
        du.datetime = proxy


def _rule_dates(rule: str, start: date, end: date) -> list[date]:
    if not rule.strip() or end < start:
        return []
    out: list[date] = []
    key = rule.strip()
    _bound_dateutil()
    # Anchor per year so the lru cache stays small and iteration starts near `start`.
    for year in range(start.year, end.year + 1):
        out.extend(d for d in _year_dates(key, year) if start <= d <= end)
    return out


@functools.lru_cache(maxsize=1024)
def _year_dates(key: str, year: int) -> tuple[date, ...]:
    # A year's meetings, expanded once: opening a remiss asks for every recipient's plan, and the
    # rrule walk was a tenth of opening a 60-recipient remiss at ten years (issue 24 benchmark).
    r = _compiled(key, year)
    previous, _YEAR_BOUND.last = _YEAR_BOUND.last, min(year + 1, datetime_module.MAXYEAR)
    try:
        return tuple(dt.date() for dt in r.between(datetime(year, 1, 1), datetime(year, 12, 31, 23, 59, 59),
                                                   inc=True))
    finally:
        _YEAR_BOUND.last = previous


def meetings_between(plan: MeetingPlan, start: date, end: date) -> list[date]:
    """Meeting dates d with start <= d <= end, sorted, explicit dates and rule dates merged."""
    if plan is None or end < start:
        return []
    found = {d for d in plan.dates if start <= d <= end}
    if plan.rule.strip():
        try:
            found.update(_rule_dates(plan.rule, start, end))
        except MeetingPlanError:
            pass  # an unusable stored rule gives no dates; the register screen says why
    return sorted(found)


def next_meeting(plan: MeetingPlan, after: date) -> date | None:
    """The first meeting on or after `after`, or None when the plan has none within two years."""
    found = upcoming_meetings(plan, after, 1)
    return found[0] if found else None


def upcoming_meetings(plan: MeetingPlan, start: date, count: int) -> list[date]:
    """The first `count` meetings on or after `start` (looking at most two years ahead)."""
    out: list[date] = []
    lo = start
    while len(out) < count and (lo - start).days <= LOOKAHEAD_DAYS:
        hi = min(lo + timedelta(days=183), start + timedelta(days=LOOKAHEAD_DAYS))
        out.extend(meetings_between(plan, lo, hi))
        lo = hi + timedelta(days=1)
    return out[:count]


def has_plan(plan: MeetingPlan | None) -> bool:
    return plan is not None and (bool(plan.dates) or bool(plan.rule.strip()))


# --- Swedish words ------------------------------------------------------------------------------


def _join_sv(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " och " + words[-1]


def _months_phrase(months: set[int]) -> str:
    """'' for every month, else ' utom juli' / ' utom januari och juli'."""
    missing = [m for m in range(1, 13) if m not in months]
    if not missing:
        return ""
    return " utom " + _join_sv([MONTHS_SV[m - 1] for m in missing])


def describe_rule(rule: str) -> str | None:
    """Swedish words for the common RRULE patterns, or None when the rule is something else.

    ``FREQ=MONTHLY;BYMONTH=1,...,6,8,...,12;BYDAY=+3TH`` -> ``tredje torsdagen varje månad utom juli``.
    """
    if not rule.strip():
        return None
    try:
        dtstart, body = _split_rule(rule)
        parts = _parts(body)
    except MeetingPlanError:
        return None
    if dtstart:
        return None
    freq = parts.pop("FREQ", None)
    parts.pop("WKST", None)
    if parts.get("INTERVAL", "1") == "1":
        parts.pop("INTERVAL", None)
    byday = parts.pop("BYDAY", "")
    bymonth = parts.pop("BYMONTH", "")
    if parts or not byday:
        return None
    try:
        months = {int(m) for m in bymonth.split(",")} if bymonth else set(range(1, 13))
    except ValueError:
        return None
    if not months or not months <= set(range(1, 13)):
        return None
    if freq == "MONTHLY":
        by_ordinal: dict[int, list[int]] = {}
        order: list[int] = []
        for item in byday.split(","):
            m = re.fullmatch(r"([+-]?\d)(MO|TU|WE|TH|FR|SA|SU)", item)
            if not m:
                return None
            n = int(m.group(1))
            if n not in _ORDINALS_SV:
                return None
            wd = _WEEKDAY_CODES.index(m.group(2))
            if wd not in by_ordinal:
                order.append(wd)
            by_ordinal.setdefault(wd, []).append(n)
        if len(order) != 1:
            return None  # "första måndagen och tredje torsdagen" is left as RRULE
        wd = order[0]
        ns = by_ordinal[wd]
        if len(set(ns)) != len(ns):
            return None
        ordinals = _join_sv([_ORDINALS_SV[n] for n in ns])
        return f"{ordinals} {WEEKDAYS_SV[wd]}en varje månad{_months_phrase(months)}"
    if freq == "WEEKLY":
        days = []
        for item in byday.split(","):
            if item not in _WEEKDAY_CODES:
                return None
            days.append(_WEEKDAY_CODES.index(item))
        if len(set(days)) != len(days):
            return None
        return "varje " + _join_sv([WEEKDAYS_SV[d] for d in days]) + _months_phrase(months)
    return None


def _split_list(text: str) -> list[str]:
    """'januari, juli och augusti' -> ['januari', 'juli', 'augusti']."""
    return [w for w in re.split(r"\s*,\s*|\s+och\s+|\s*&\s*", text.strip()) if w]


def rule_from_swedish(text: str) -> str:
    """Turn a Swedish rule description into an RRULE string; raise MeetingPlanError if it is not one.

    Understood: ``[första|andra|tredje|fjärde|femte|sista|näst sista] [och ...] <veckodag>[en]
    (varje månad|i månaden) [utom <månad>[, <månad>] [och <månad>]]`` and ``varje <veckodag>
    [och <veckodag>] [utom ...]`` (every week).
    """
    s = " ".join(text.strip().casefold().split()).rstrip(".")
    if not s:
        raise MeetingPlanError("Regeln är tom.")
    months = set(range(1, 13))
    main, sep, excluded = s.partition(" utom ")
    if sep:
        for word in _split_list(excluded):
            if word not in _MONTH_WORDS:
                raise MeetingPlanError(f"Okänd månad efter 'utom': {word!r}.")
            months.discard(_MONTH_WORDS[word])
        if not months:
            raise MeetingPlanError("Regeln undantar alla månader.")
    month_part = "" if months == set(range(1, 13)) else (
        "BYMONTH=" + ",".join(str(m) for m in sorted(months)) + ";"
    )

    weekly = re.fullmatch(r"(?:varje|alla) (.+?)(?: varje vecka| i veckan)?", main)
    if weekly and not re.search(r"\bmånad|\bmånaden\b", main):
        days = []
        for word in _split_list(weekly.group(1)):
            if word not in _WEEKDAY_WORDS:
                raise MeetingPlanError(f"Okänd veckodag: {word!r}.")
            days.append(_WEEKDAY_WORDS[word])
        return f"FREQ=WEEKLY;{month_part}BYDAY=" + ",".join(_WEEKDAY_CODES[d] for d in days)

    m = re.fullmatch(r"(?:den )?(.+?) (\S+?) (?:varje månad|i månaden|i varje månad|per månad)", main)
    if not m:
        raise MeetingPlanError(
            "Kan inte tolka regeln. Skriv till exempel ”tredje torsdagen varje månad utom juli” "
            "eller en RRULE som FREQ=MONTHLY;BYDAY=+3TH."
        )
    ordinal_text, weekday = m.group(1), m.group(2)
    if weekday not in _WEEKDAY_WORDS:
        raise MeetingPlanError(f"Okänd veckodag: {weekday!r}.")
    wd = _WEEKDAY_CODES[_WEEKDAY_WORDS[weekday]]
    ordinals = []
    for word in _split_list(ordinal_text):
        if word not in _ORDINAL_WORDS:
            raise MeetingPlanError(f"Okänt ordningstal: {word!r} (skriv första, andra, tredje, fjärde eller sista).")
        ordinals.append(_ORDINAL_WORDS[word])
    byday = ",".join(f"{n:+d}{wd}" for n in ordinals)
    return f"FREQ=MONTHLY;{month_part}BYDAY={byday}"


def rule_from_user_text(text: str) -> str:
    """What a user typed in the rule field: Swedish words or a raw RRULE. Returns a valid RRULE."""
    s = text.strip()
    if not s:
        return ""
    if "FREQ=" in s.upper() or s.upper().startswith(("RRULE:", "DTSTART")):
        rule = normalise_rule(s)
    else:
        rule = rule_from_swedish(s)
    validate_rule(rule)
    return rule


def describe_plan(plan: MeetingPlan | None, *, max_dates: int = 3) -> str:
    """One line for tables: the rule in words (or as RRULE) and the explicit dates."""
    if not has_plan(plan):
        return ""
    pieces = []
    if plan.rule.strip():
        pieces.append(describe_rule(plan.rule) or normalise_rule(plan.rule).replace("\n", " "))
    if plan.dates:
        shown = [d.isoformat() for d in sorted(plan.dates)[:max_dates]]
        more = len(plan.dates) - len(shown)
        text = ", ".join(shown) + (f" (+{more})" if more > 0 else "")
        pieces.append(("samt " if pieces else "") + text)
    return "; ".join(pieces)
