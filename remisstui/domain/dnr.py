"""Diarienummer: parsing, a matching key, validation, file-name slugs, finding.

Real documents write diarienummer in many house styles (``KS 2024/112``,
``Dnr 179-2103/2016``, ``2023/BUN 0214``, ``Ju2025/00949`` ...). The string is
always stored as written; everything here derives from it and never raises, so
a strange number typed by a registrator can never crash a screen.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Dnr", "dnr_key", "dnr_problem", "dnr_slug", "find_dnrs", "is_valid_dnr", "parse_dnr"]

MAX_DNR_LEN = 60
MAX_SLUG_LEN = 80

_L = r"[^\W\d_]"  # any Unicode letter
_YEAR = r"(?:19|20)[0-9]{2}"

# "Dnr", "dnr:", "Dnr." as a word of its own at the start.
_DNR_WORD_RE = re.compile(r"^\s*dnr(?![^\W\d_])[\s.:]*", re.IGNORECASE)


def _strip_dnr_word(text: str) -> str:
    return _DNR_WORD_RE.sub("", text, count=1)


@dataclass(frozen=True)
class Dnr:
    """A parsed diarienummer.

    ``raw`` is the input without surrounding whitespace and without a leading
    "Dnr" word. ``prefix`` is the unit code (``KS``, ``SÖD``, ``Ju``) or, for
    the numeric house styles (``179-2103/2016``, ``1.5.1-135-2012``), the
    leading series code. ``number`` keeps leading zeros as written.
    """

    raw: str
    key: str
    prefix: str | None
    year: int | None
    number: str | None


# Ordered: the first full match wins.
_FORMATS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        # KS 2024/112, SÖD 2024/145, KS-2014/742.912, Ju2025/00949, N2015/06917/PUB
        rf"(?P<prefix>{_L}+)[\s-]*(?P<year>{_YEAR})\s*/\s*(?P<number>[0-9]+(?:[.:][0-9]+)*)"
        rf"(?:\s*/\s*{_L}+)?",
        # 179-2103/2016, 001-1253/2011, 1.5.1-135-2012, 3.1-4788-2026
        rf"(?P<prefix>[0-9]+(?:\.[0-9]+)*)\s*-\s*(?P<number>[0-9]+)\s*[/-]\s*(?P<year>{_YEAR})",
        # 2023/BUN 0214
        rf"(?P<year>{_YEAR})\s*/\s*(?P<prefix>{_L}+)[\s-]*(?P<number>[0-9]+)",
        # 2016/0272 KS-2
        rf"(?P<year>{_YEAR})\s*/\s*(?P<number>[0-9]+)[\s-]+(?P<prefix>{_L}+)(?:-[0-9]+)?",
        # KS 112/2024 (older style, number before year)
        rf"(?P<prefix>{_L}+)[\s-]*(?P<number>[0-9]+)\s*/\s*(?P<year>{_YEAR})",
    )
)

_ANY_YEAR_RE = re.compile(rf"(?<![0-9]){_YEAR}(?![0-9])")
_LETTERS_RE = re.compile(rf"{_L}+")
_DIGITS_RE = re.compile(r"[0-9]+")


def parse_dnr(text: str) -> Dnr:
    """Split a diarienummer into parts; unknown styles get a best-effort guess."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    raw = _strip_dnr_word(text).strip()
    key = dnr_key(text)
    for rx in _FORMATS:
        m = rx.fullmatch(raw)
        if m:
            return Dnr(raw, key, m.group("prefix"), int(m.group("year")), m.group("number"))
    # Fallback: the first letter run, the first plausible year, the first
    # other digit run. Good enough for sorting and display of odd styles.
    letters = _LETTERS_RE.search(raw)
    year_m = _ANY_YEAR_RE.search(raw)
    number = None
    for dm in _DIGITS_RE.finditer(raw):
        if year_m is None or dm.span() != year_m.span():
            number = dm.group()
            break
    return Dnr(
        raw,
        key,
        letters.group() if letters else None,
        int(year_m.group()) if year_m else None,
        number,
    )


# Spaces, slashes and hyphens (any dash) between the parts of a number. Matching ignores case,
# spaces and hyphens; the digits and where one number ends and the next begins are kept, so
# `KS 2023/123.45` and `KS 2023/1234.5` stay two remisser (issue 23 item 6).
_KEY_SEP_RE = re.compile(r"[\s/\-\u2010-\u2015\u2212]+")


def _key_sep(m: re.Match[str]) -> str:
    s, a, b = m.string, m.start(), m.end()
    # Between two digits the run marks a boundary between numbers: one canonical "/".
    return "/" if a > 0 and b < len(s) and s[a - 1].isdigit() and s[b].isdigit() else ""


def dnr_key(text: str) -> str:
    """Normalised key for matching two ways of writing the same number.

    NFKC + casefold, a leading "dnr" word removed, spaces and hyphens ignored; between two digits a
    run of spaces, slashes or hyphens is one boundary, written "/". Every other character (".",
    ":", letters, digits) is kept. So ``KS 2024/112``, ``ks-2024-112`` and ``Dnr: KS2024/112`` all
    give ``ks2024/112``, while ``KS 2023/123.45`` and ``KS 2023/1234.5`` differ. The key is also the
    identity of a remiss in the store, so it must never join two numbers a reader tells apart.
    Leading zeros are kept: ``00949`` and ``949`` stay different.
    """
    if not isinstance(text, str):
        return ""
    s = unicodedata.normalize("NFKC", text).casefold()
    s = _strip_dnr_word(s).strip()
    s = _KEY_SEP_RE.sub(_key_sep, s)
    return "".join(c for c in s if c.isprintable() and not c.isspace())


def is_valid_dnr(text: str) -> bool:
    """Loose sanity check for user input, not a format check (styles vary too much)."""
    return dnr_problem(text) is None


def dnr_problem(text: str) -> str | None:
    """What is wrong with a dnr typed or imported (a Swedish sentence), or None when it will do."""
    if not isinstance(text, str):
        return "Diarienumret saknas."
    s = text.strip()
    if not s:
        return "Diarienumret är tomt."
    # Control/format characters and line breaks would corrupt tables and exports.
    if any(c in "\r\n\u2028\u2029\x85" for c in s):
        return "Ett diarienummer får inte innehålla radbrytningar."
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp") for c in s):
        return "Ett diarienummer får inte innehålla styrtecken (till exempel NUL)."
    if len(s) > MAX_DNR_LEN:
        return f"Diarienumret är för långt ({len(s)} tecken; högst {MAX_DNR_LEN})."
    if not any("0" <= c <= "9" for c in s):
        return "Ett diarienummer ska innehålla minst en siffra."
    return None


_TRANSLIT = str.maketrans({
    "ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
    "ł": "l", "Ł": "L", "þ": "th", "Þ": "TH", "œ": "oe", "Œ": "OE",
})
_SLUG_SEP_RE = re.compile(r"[^A-Za-z0-9]+")
_WINDOWS_RESERVED = {
    "CON", "PRN", "AUX", "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}


def _sep(run: str) -> str:
    # A lone "." or "_" is part of the number (742.912); anything else is a break.
    return run if run in (".", "_") else "-"


def dnr_slug(text: str) -> str:
    """Filesystem-safe ASCII name part: ``SÖD 2024/145`` -> ``SOD-2024-145``.

    Only [A-Za-z0-9._-], starts with a letter or digit, no "..", at most 80
    characters, never empty ("remiss"). Path separators become "-", so the
    result can never leave the folder it is joined to.
    """
    if not isinstance(text, str):
        text = ""
    s = _strip_dnr_word(text).translate(_TRANSLIT)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if c.isascii() and not unicodedata.combining(c))
    s = _SLUG_SEP_RE.sub(lambda m: _sep(m.group()), s)
    s = s.strip("._-")
    if len(s) > MAX_SLUG_LEN:
        s = s[:MAX_SLUG_LEN].rstrip("._-")
    if not s:
        return "remiss"
    if s.split(".")[0].upper() in _WINDOWS_RESERVED:
        s = f"dnr-{s}"
    return s


# --- finding diarienummer in running text ------------------------------------

_UP = "A-ZÅÄÖÉÜ"
_LOW = "a-zåäöéü"
# Unit codes are upper case (KS, SÖD, BUN) or a Regeringskansliet department
# (Ju, Fi, Fö, Ku). A single letter must be glued to the year (N2015/..),
# otherwise "I 2024/25" in prose would be taken for a dnr.
_CODE = rf"(?:[{_UP}]{{2,6}}|[{_UP}][{_LOW}])"
_FIND_PATTERNS = (
    # KS 2024/112, SÖD 2024/145, KS-2014/742.912, Ju2025/00949, N2015/06917/PUB
    rf"(?:{_CODE}[ -]?|[{_UP}])(?:{_YEAR})/[0-9]{{1,6}}(?:\.[0-9]{{1,6}})*(?:/[{_UP}]{{2,6}})?",
    # 179-2103/2016, 1.5.1-135-2012. The dash form needs a 3+ digit number so
    # that dd-mm-yyyy dates are not taken.
    rf"[0-9]{{1,3}}(?:\.[0-9]{{1,3}})*-(?:[0-9]{{1,6}}/|[0-9]{{3,6}}-)(?:{_YEAR})",
    # 2023/BUN 0214
    rf"(?:{_YEAR})/[{_UP}]{{2,6}} ?[0-9]{{2,6}}",
)
_FIND_RE = re.compile(
    r"(?<![\w./-])(?:" + "|".join(_FIND_PATTERNS) + r")(?![\w/]|[.-][0-9])"
)
# After an explicit "Dnr" we can afford looser styles (2016/0272 KS-2) and
# lower case, since the word itself says what follows.
_AFTER_DNR_RE = re.compile(
    r"(?:" + "|".join(_FIND_PATTERNS)
    + rf"|(?:{_YEAR})/[0-9]{{2,6}} [{_UP}]{{2,6}}(?:-[0-9]{{1,3}})?"
    + r")(?![\w/]|[.-][0-9])",
    re.IGNORECASE,
)
_AFTER_DNR_GENERIC_RE = re.compile(r"[0-9A-Za-zÅÄÖåäö][\w./:-]*[0-9A-Za-zÅÄÖåäö]|[0-9]")
_DNR_IN_TEXT_RE = re.compile(r"(?<![^\W_])dnr(?![^\W\d_])[.:]?\s*", re.IGNORECASE)


def find_dnrs(text: str) -> list[tuple[str, int]]:
    """Diarienummer-like tokens in running text: (as written, start offset).

    The "Dnr" word is not part of the result. Plain dates, phone numbers and
    postcodes are not matched; after an explicit "Dnr" any token containing a
    digit is accepted, since the author has said it is a dnr.
    """
    if not isinstance(text, str):
        return []
    found: dict[int, str] = {}
    taken: list[tuple[int, int]] = []
    for w in _DNR_IN_TEXT_RE.finditer(text):
        pos = w.end()
        m = _AFTER_DNR_RE.match(text, pos)
        if not m:
            m = _AFTER_DNR_GENERIC_RE.match(text, pos)
            if not m or not any("0" <= c <= "9" for c in m.group()):
                continue
        found[m.start()] = m.group()
        taken.append(m.span())
    for m in _FIND_RE.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        found[m.start()] = m.group()
    return [(raw, start) for start, raw in sorted(found.items())]
