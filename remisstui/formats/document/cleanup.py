"""Undo what PDF extraction and Word templates leave in a text.

Every rule works line by line with simple, linear regular expressions (no nested quantifiers), so
time stays proportional to the text's length whatever the input.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from .extract import MAX_CHARS

_SPACES = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u2002": " ", "\u2003": " ",
    "\u3000": " ", "\t": "  ", "\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x0b": "\n",
})
_DROP = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_LIGATURES = str.maketrans({"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl"})

_BULLETS = "•●▪■◦○◆►▸‣⁃∙·\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06e\uf0a8"
_BULLET_LINE_RE = re.compile(rf"^[ ]*[{_BULLETS}\ue000-\uf8ff][ ]*")
_PRIVATE_RE = re.compile(r"[\ue000-\uf8ff]")

# Page numbers and similar furniture on a line of their own.
_PAGE_LINE_RES = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"(?:sid|sida|s\.|page)[ .]*[0-9]{1,4}(?:[ ]*(?:\([ ]*[0-9]{1,4}[ ]*\)|(?:av|/|of)[ ]*[0-9]{1,4}))?",
        r"[0-9]{1,4}[ ]*\([ ]*[0-9]{1,4}[ ]*\)",
        r"[0-9]{1,4}[ ]*(?:/|av)[ ]*[0-9]{1,4}",
        r"[-–][ ]*[0-9]{1,4}[ ]*[-–]",
        r"[0-9]{1,3}",
    )
)

# Template text that Word forms leave behind when a field was not filled in.
_TEMPLATE_RES = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"klicka (?:eller tryck )?här för att (?:ange|skriva|välja)[^.\n]{0,60}\.?",
        r"click (?:or tap )?here to enter[^.\n]{0,40}\.?",
        r"\[?skriv (?:text |rubrik |namn )?här\]?",
        r"\[skriv [^\]\n]{0,40}\]",
        r"\bstart\.stockholm\b/?",
        r"\bange (?:datum|text|rubrik)\b\.?",
        r"välj ett objekt\.?",
        r"\[(?:rubrik|text|namn|datum|titel)\]",
    )
)

_PAGE_IN_LINE_RE = re.compile(
    r"(?:^|[ ]{2,})(?:sid|sida|page)[ .]*[0-9]{1,4}(?:[ ]*(?:\([ ]*[0-9]{1,4}[ ]*\)|(?:av|/|of)[ ]*[0-9]{1,4}))?"
    r"(?=[ ]{2,}|$)",
    re.IGNORECASE,
)
_LETTER_SPACED_RE = re.compile(r"(?<!\S)[^\W\d_](?: [^\W\d_]){3,}(?!\S)")
_HYPHEN_BREAK_RE = re.compile(r"([^\W\d_])-[ ]*\n[ ]*([a-zåäöéü][^\W\d_]*)")
_KEEP_HYPHEN_NEXT = {"och", "eller", "samt", "respektive", "resp", "liksom", "som", "till", "men", "med"}
_CTRL_RE = re.compile(r"[\x00-\x08\x0a-\x1f]")
_SPACE_CHARS_RE = re.compile("[\u00a0\u2007\u202f\u2009\u2002\u2003\u3000\t\r\u2028\u2029\x0b\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_LIGATURE_CHARS_RE = re.compile("[ﬁﬂﬀﬃﬄ]")
_BLANKS_RE = re.compile(r"\n{3,}")
_DIGITS_RE = re.compile(r"[0-9]+")


def _furniture_key(line: str) -> str:
    return _DIGITS_RE.sub("#", " ".join(line.split()).casefold())


def _is_page_number(line: str) -> bool:
    s = line.strip()
    return bool(s) and len(s) <= 24 and any(rx.fullmatch(s) for rx in _PAGE_LINE_RES)


def _remove_running_lines(pages: list[list[str]]) -> None:
    """Drop lines repeated at the top or bottom of most pages (headers, footers)."""
    if len(pages) < 2:
        return
    counts: Counter[str] = Counter()
    for lines in pages:
        idx = [i for i, ln in enumerate(lines) if ln.strip()]
        edge = set(idx[:4] + idx[-4:])
        counts.update({_furniture_key(lines[i]) for i in edge})
    need = max(2, (len(pages) + 1) // 2)
    running = {k for k, c in counts.items() if c >= need and k}
    if not running:
        return
    for lines in pages:
        idx = [i for i, ln in enumerate(lines) if ln.strip()]
        for i in set(idx[:4] + idx[-4:]):
            if _furniture_key(lines[i]) in running:
                lines[i] = ""


_GLUED_KIND_RE = re.compile(
    r"\b(YTTRANDE|REMISSVAR|REMISSYTTRANDE|TJÄNSTEUTLÅTANDE|TJÄNSTESKRIVELSE|BESLUT|PROTOKOLL|SKRIVELSE|"
    r"Yttrande|Remissvar|Remissyttrande|Tjänsteutlåtande|Tjänsteskrivelse|Datum|DATUM)(?=[0-9])"
)


def _join_letter_spaced(line: str) -> str:
    if line.count(" ") < 3:
        return line
    return _LETTER_SPACED_RE.sub(lambda m: _split_labels(m.group().replace(" ", "")), line)


# Labels a letter-spaced letterhead runs together: "H A N D L Ä G G A R E D A T U M".
_SPACED_LABELS = (
    "handläggare", "datum", "diarienummer", "dnr", "telefon", "kontaktperson", "beteckning", "referens",
    "sammanträdesdatum", "ärende", "mottagare", "avsändare", "sida", "vår", "er", "ert", "vårt", "beslut",
    "remissvar", "yttrande", "tjänsteutlåtande", "protokoll", "protokollsutdrag", "ansvarig", "chef",
    "version", "e-post", "till", "från", "paragraf", "justering", "diarienr", "ärendegång", "mötesdatum",
    "dokumentdatum", "ärendenummer", "handläggning",
)


def _split_labels(word: str) -> str:
    """'HANDLÄGGAREDATUM' -> 'HANDLÄGGARE   DATUM' when the word is known labels run together
    (fewest pieces wins); any other word is left as joined."""
    low = word.casefold()
    n = len(low)
    if n < 6 or n > 80:
        return word
    best: list[list[int] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        if best[i] is None:
            continue
        for lab in _SPACED_LABELS:
            j = i + len(lab)
            if low.startswith(lab, i) and (best[j] is None or len(best[j]) > len(best[i]) + 1):
                best[j] = best[i] + [j]
    cuts = best[n]
    if not cuts or len(cuts) < 2:
        return word
    parts, prev = [], 0
    for c in cuts:
        parts.append(word[prev:c])
        prev = c
    # Two-word labels ("VÅR REFERENS") stay together; label columns are apart.
    out: list[str] = []
    for part in parts:
        if out and out[-1].casefold() in ("vår", "er", "ert", "vårt", "ansvarig"):
            out[-1] = out[-1] + " " + part
        else:
            out.append(part)
    return "   ".join(out) if len(out) > 1 else " ".join(out)


def _dehyphenate(m: re.Match[str]) -> str:
    nxt = m.group(2)
    if nxt.casefold() in _KEEP_HYPHEN_NEXT:
        return f"{m.group(1)}- {nxt}"
    return m.group(1) + nxt


def _is_caps_heading(s: str) -> bool:
    if len(s) > 70:
        return False
    letters = [c for c in s if c.isalpha()]
    if len(letters) < 4 or len(s) > 70 or any(c.islower() for c in letters):
        return False
    if sum(c.isdigit() for c in s) > 8 or "@" in s or "/" in s:
        return False
    return max((len(w) for w in s.split()), default=0) >= 5


def _sentence_case(s: str) -> str:
    words = s.split()
    out = []
    for i, w in enumerate(words):
        core = w.strip("().,:;")
        if 2 <= len(core) <= 3 and i > 0:
            out.append(w)  # probably an abbreviation: (SOU), KS, EU
        else:
            out.append(w.lower())
    text = " ".join(out)
    return text[:1].upper() + text[1:]


def _caps_line(s: str) -> str:
    """A known heading or a long title in capitals becomes sentence case; a short line in capitals
    (an organisation's name in a letterhead: "REGION UPPSALA") keeps its letters for the name finder."""
    from .sections import heading_key

    if heading_key(s.lower()) is not None or len(s.split()) >= 4 or s.lower().rstrip(" :") in _CAPS_LABELS:
        return _sentence_case(s)
    return s


_CAPS_LABELS = {
    "handläggare", "datum", "telefon", "e-post", "dnr", "diarienummer", "till", "remissvar", "yttrande",
    "tjänsteutlåtande", "protokollsutdrag", "kontaktperson", "vår beteckning", "er beteckning", "vår referens",
    "er referens", "beteckning", "mottagare", "sammanträdesdatum", "paragraf", "justering",
}


def clean_text(raw: str | list[str]) -> str:
    """Cleaned text from one string or a list of pages."""
    pages = raw if isinstance(raw, list) else raw.split("\f")
    total = 0
    page_lines: list[list[str]] = []
    for page in pages:
        if total > MAX_CHARS:
            break
        page = page[: MAX_CHARS - total + 1]
        total += len(page)
        if _LIGATURE_CHARS_RE.search(page):
            page = page.translate(_LIGATURES)
        if not page.isascii():
            page = unicodedata.normalize("NFC", page)
        # A soft hyphen at a line end joins the word halves; elsewhere it just disappears.
        page = page.replace("\u00ad\r\n", "").replace("\u00ad\n", "").replace("\u00ad \n", "")
        if _SPACE_CHARS_RE.search(page):  # translate() is slow on long text: only when needed
            page = page.translate(_DROP).translate(_SPACES)
        lines = []
        for line in page.split("\n"):
            line = _BULLET_LINE_RE.sub("- ", line)
            line = _PRIVATE_RE.sub("", line)
            if _CTRL_RE.search(line):
                line = _CTRL_RE.sub("", line)
            lines.append(line.rstrip())
        page_lines.append(lines)
    _remove_running_lines(page_lines)
    out: list[str] = []
    for lines in page_lines:
        for line in lines:
            if _is_page_number(line):
                continue
            if "  " in line and ("sid" in line.lower() or "page" in line.lower()):
                line = _PAGE_IN_LINE_RE.sub("", line).rstrip()
                if not line.strip():
                    continue
            if "här" in line.lower() or "stockholm" in line.lower() or "[" in line or "ange" in line.lower() \
                    or "välj" in line.lower():
                stripped = line
                for rx in _TEMPLATE_RES:
                    stripped = rx.sub("", stripped)
                if stripped != line:
                    if not stripped.strip():
                        continue
                    line = stripped.rstrip()
            line = _join_letter_spaced(line)
            # "YTTRANDE3 mars 2021": the document type glued to the date that follows it.
            line = _GLUED_KIND_RE.sub(r"\1 ", line)
            s = line.strip()
            if _is_caps_heading(s):
                line = _caps_line(s)
            out.append(line)
        out.append("")
    text = "\n".join(out)
    text = _HYPHEN_BREAK_RE.sub(_dehyphenate, text)
    text = _BLANKS_RE.sub("\n\n", text)
    return text.strip("\n") + "\n"
