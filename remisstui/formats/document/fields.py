"""Label-driven extraction of the header fields of a remissvar, each with its provenance.

Rules look for the labels Swedish authorities print ("Dnr", "Vår beteckning", "Er beteckning",
"Handläggare", "Telefon", "Till", "Datum" ...) first and fall back to position (letterhead, lines
beside the dnr) only where that is how documents are laid out. Doubt becomes a warning.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date

from ...domain.dates import find_dates
from ...domain.dnr import dnr_key, find_dnrs
from ...domain.register import Register, name_key
from .lines import Line, Lines
from .model import Source
from .organisation import find_answering_body, letterhead_home

_L = r"[^\W\d_]"

# --- diarienummer --------------------------------------------------------------------------
#
# Layout limits, named: a label governs a value only when the value follows it directly on the
# line (separators between) or when the label stands alone on the line just above (a grid). A label
# elsewhere on the line ("Diarienummer LS Finansdepartementet Fi2016/...") governs nothing.

_OWN_LABELS = (
    r"vår(?:t)? (?:beteckning|dnr|diarienummer|referens|ref\.?|ärendenummer)|diarienummer|diarienr\.?|"
    r"dnr(?:/[a-zåäö]{2,8}){0,3}|ärendenummer|ärendenr\.?|ärende nr\.?|beteckning|d\.?nr|reg\.? ?nr"
)
_REMISS_LABELS = (
    r"er(?:t)? (?:beteckning|dnr|diarienummer|diarienr\.?|referens|ref\.?|ärendenummer)|er ref\.?|ref\.?|"
    r"remissens (?:dnr|diarienummer|beteckning)|regeringskansliets (?:dnr|diarienummer|beteckning)|"
    r"departementets (?:dnr|diarienummer)"
)
_OWN_LABEL_RE = re.compile(rf"(?:{_OWN_LABELS})[ .:]*$", re.IGNORECASE)
_ADJ_LABEL_RE = re.compile(
    rf"(?<![^\W\d_])(?:(?P<rem>{_REMISS_LABELS})|(?P<own>{_OWN_LABELS}))[ .:]*\(?[ ]*$", re.IGNORECASE
)
_REMISS_WORDS_RE = re.compile(
    r"(?:\ber(?:t)? (?:beteckning|dnr|diarienummer|referens|ref\.?|ärendenummer)|remiss från|remissens dnr|"
    r"regeringskansliets (?:dnr|diarienummer|beteckning)|departementets (?:dnr|diarienummer)|"
    r"\bremiss(?:en)?\b|\bremitter\w*|svar på remiss|yttrande över|remissvar)",
    re.IGNORECASE,
)
# Words that name the remiss's sender next to a number; a bare "Remiss <rubrik> Dnr" (a protokoll
# paragraph) does not.
_SENDER_WORDS_RE = re.compile(r"remiss från|remitter|svar på remiss|remissens|\ber(?:t)?\b", re.IGNORECASE)
_LABEL_TOKEN_RE = re.compile(rf"(?<![^\W\d_])(?:{_OWN_LABELS}|{_REMISS_LABELS})[ .:]*", re.IGNORECASE)
# A value after a label: optional letter groups ("KS ", "SU FV-") then digits and separators.
_TOKEN_RE = re.compile(
    r"(?:[A-ZÅÄÖ]{1,6}[ -]|[A-ZÅÄÖ][a-zåäö]{1,4} (?=[0-9])){0,2}[0-9A-Za-zÅÄÖåäö](?:[\w.:-]|/(?=\w)| ?/(?=[A-Za-zÅÄÖ]{1,6}\b)){0,40}"
)

# Families found without a label (each linear: no nested quantifiers).
_GOV_DNR_RE = re.compile(
    r"(?<![\w/])[A-ZÅÄÖ][A-Za-zåäö]{0,2}(?:19|20)[0-9]{2}/[0-9]{2,6}(?: ?/[A-Za-zÅÄÖåäö0-9]{1,8}){0,2}(?![\w])"
)
_FAMILY_RES = (
    _GOV_DNR_RE,
    # KS 2020-000090, ABC 2019-0123, ABC 2019/123
    re.compile(r"(?<![\w/-])[A-ZÅÄÖ]{1,6}[ -](?:19|20)[0-9]{2}[-/][0-9]{2,7}(?![\w/])"),
    # 2019/0166 KS-2: a number with its unit after it
    re.compile(r"(?<![\w/-])(?:19|20)[0-9]{2}/[0-9]{1,6} [A-ZÅÄÖ]{1,6}-[0-9]{1,3}(?![\w/])"),
    # SU FV-1.1.3-3757-20
    re.compile(r"(?<![\w/-])[A-ZÅÄÖ]{1,4}(?: [A-ZÅÄÖ]{1,4})?-[0-9]{1,2}(?:\.[0-9]{1,3}){1,4}-[0-9]{1,6}-[0-9]{2,4}(?![\w/])"),
    # 3.1-4788-2026, 2.4:0311/21, 131-512407-11/112, 110-1166/2015
    re.compile(r"(?<![\w./:-])(?!(?:19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}(?![0-9]))[0-9]{1,4}(?:\.[0-9]{1,3}){0,4}[-:][0-9]{2,7}(?:[-/][0-9]{1,4}){1,2}(?![\w/])"),
)


@dataclass
class Found:
    value: object
    source: Source
    unsure: str = ""  # why the text does not clearly support the value ("" = it does)


_DATE_TOKEN_RE = re.compile(r"(?:19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}(?![0-9-])\s*")


_DATE_TAIL_RE = re.compile(r"(?<=\s)(?:19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}\s+$")


def _clean_dnr(raw: str) -> str:
    raw = raw.rstrip(".,;:)")
    # "Ju2010/5515 /DOM": a stray space before the suffix goes.
    return re.sub(r" /(?=[A-Za-zÅÄÖ])", "/", raw).strip()


# Layout limit, named: diarienummer are read in the first 30 000 and the last 5 000 characters
# (letterhead, title, signature, and the first pages); a number deep inside a long text is a reference.
DNR_HEAD_CHARS = 30_000
DNR_TAIL_CHARS = 5_000


def _windows(text: str, head: int, tail: int) -> list[tuple[int, str]]:
    if len(text) <= head + tail:
        return [(0, text)]
    return [(0, text[:head]), (len(text) - tail, text[len(text) - tail :])]


def _all_dnrs(lines: Lines) -> list[tuple[str, int]]:
    out: dict[int, str] = {}
    for base, chunk in _windows(lines.text, DNR_HEAD_CHARS, DNR_TAIL_CHARS):
        for off, raw in _dnrs_in(chunk).items():
            out[base + off] = raw
    return [(raw, off) for off, raw in sorted(out.items())]


def _pieces(text: str, size: int = 2000):
    """(offset, piece) at line ends (else sentence ends) of about `size` characters: find_dnrs
    compares each hit with the earlier ones, so it is given short pieces to stay linear."""
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + size)
        if end < len(text):
            nl = text.find("\n", end, end + 500)
            if nl < 0:
                nl = text.find(". ", end, end + 500)
            end = nl + 1 if nl >= 0 else end
        yield pos, text[pos:end]
        pos = end


def _dnrs_in(text: str) -> dict[int, str]:
    found = {base + off: raw for base, piece in _pieces(text) for raw, off in find_dnrs(piece)}
    # Spans already taken, by start: a family match inside one of them is the same number.
    spans = sorted((o, o + len(r)) for o, r in found.items())
    starts = [a for a, _ in spans]

    def covered(pos: int) -> int | None:
        i = bisect.bisect_right(starts, pos) - 1
        for j in (i, i + 1):
            if 0 <= j < len(spans) and spans[j][0] - 2 <= pos < max(spans[j][1], spans[j][0] + 3):
                return spans[j][0]
        return None

    for rx in _FAMILY_RES:
        for m in rx.finditer(text):
            o = covered(m.start())
            if o is None:
                found[m.start()] = m.group()
            elif o == m.start() and len(m.group()) > len(found[o]):
                found[o] = m.group()
    # "en remiss (2032/145) från länsstyrelsen": the remiss's number in brackets inside a sentence.
    for m in _REMISS_IN_BRACKETS_RE.finditer(text):
        if not any(abs(k - m.start(1)) <= 2 for k in found):
            found[m.start(1)] = m.group(1)
    for m in _LABEL_TOKEN_RE.finditer(text):
        rest_start = m.end()
        seg = text[rest_start : rest_start + 60]
        cell = _grid_cell_below(text, m.start(), m.end())
        if cell is not None:
            # "Dnr            Besöksadress" over "KS 2031/12     Storgatan 1": the value in the label's column.
            rest_start, seg = cell, text[cell : cell + 60]
        elif not seg.split("\n", 1)[0].strip():
            nl = seg.find("\n")
            if nl < 0:
                continue
            rest_start = rest_start + nl + 1
            seg = text[rest_start : rest_start + 60]
        seg = seg.split("\n", 1)[0]
        lead = len(seg) - len(seg.lstrip())
        tm = _TOKEN_RE.match(seg.lstrip())
        raw = tm.group() if tm else ""
        dm = _DATE_TOKEN_RE.match(seg.lstrip())
        if dm:
            # "Vårt datum Vår beteckning 2015-03-04 Ks/2015:34": the labels stand in a row, their values
            # in the same order after them; a date is never the dnr, the value after it is.
            rest_start += lead + dm.end()
            seg = seg[lead + dm.end():]
            lead = len(seg) - len(seg.lstrip())
            tm = _TOKEN_RE.match(seg.lstrip())
            raw = tm.group() if tm else ""
            if _DATE_TOKEN_RE.match(seg.lstrip()):
                raw = ""
        raw = re.sub(r"\s+[A-ZÅÄÖ][a-zåäö]\w*$", "", raw)  # a word glued after the number
        if raw and sum(c.isdigit() for c in raw) >= 2:
            off = rest_start + lead
            near = [k for k in (off - 2, off - 1, off, off + 1, off + 2) if k in found]
            if not near:
                found[off] = raw
            else:
                o = near[0]
                if len(raw) > len(found[o]) and raw.startswith(found[o][:2]):
                    del found[o]
                    found[off] = raw
    return found


_REMISS_IN_BRACKETS_RE = re.compile(
    r"\bremiss(?:en)?(?: från [^()\n]{1,60}?)?\s*\(\s*((?:[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,5} ?)?(?:19|20)[0-9]{2}[/-][0-9]{1,6}"
    r"(?:-[0-9]{1,3})?)\s*\)",
    re.IGNORECASE,
)


def _grid_cell_below(text: str, a: int, b: int) -> int | None:
    """Where the value of a label standing in a row of columns is: the same column of the next line."""
    ls = text.rfind("\n", 0, a) + 1
    le = text.find("\n", b)
    le = len(text) if le < 0 else le
    line = text[ls:le]
    if not re.search(r"\S\s{2,}\S", line):
        return None
    cells = [(mm.start(), mm.end()) for mm in re.finditer(r"\S+(?: \S+)*", line)]
    idx = next((i for i, (x, y) in enumerate(cells) if x <= a - ls < y), None)
    if idx is None or text[ls + cells[idx][1] - 1] not in "rRmMgGeEnNsS:." or len(cells) < 2:
        return None
    ns = le + 1
    ne = text.find("\n", ns)
    ne = len(text) if ne < 0 else ne
    below = text[ns:ne]
    cells2 = [(mm.start(), mm.end()) for mm in re.finditer(r"\S+(?: \S+)*", below)]
    if len(cells2) != len(cells):
        return None
    return ns + cells2[idx][0]


def _grid_label_above(lines: Lines, no: int, off: int) -> re.Match[str] | None:
    """The dnr label whose column this value stands in, on the line above."""
    if no == 0:
        return None
    above = lines[no - 1]
    for lm in _LABEL_TOKEN_RE.finditer(above.text):
        cell = _grid_cell_below(lines.text, above.start + lm.start(), above.start + lm.end())
        if cell is not None and abs(cell - off) <= 1:
            return _ADJ_LABEL_RE.fullmatch(lm.group().strip(" .:") + " ")
    return None


def find_dnr_fields(lines: Lines, title_lines: set[int]) -> tuple[Found | None, Found | None, list[str]]:
    """(own_dnr, remiss_dnr, warnings)."""
    text = lines.text
    own: list[tuple[int, str, int]] = []  # (priority, raw, offset)
    remiss: list[tuple[int, str, int]] = []
    for raw, off in _all_dnrs(lines):
        raw = _clean_dnr(raw)
        if len(raw) < 4 or sum(c.isdigit() for c in raw) < 2:
            continue
        no = lines.line_of(off)
        line = lines[no]
        lead = text[line.start:off]
        prev = ""
        if not lead.strip():
            for j in range(no - 1, max(-1, no - 3), -1):
                if lines[j].s:
                    prev = lines[j].s
                    break
        # "Vårt datum Vår beteckning 2015-03-04 Ks/2015:34": the date between label and value is the
        # other label's value.
        lead_lab = _DATE_TAIL_RE.sub("", lead)
        adj = _ADJ_LABEL_RE.search(lead_lab[-40:]) if lead.strip() else None
        if adj and adj.group("rem"):
            remiss.append((0, raw, off))
        elif adj and adj.group("own"):
            if _GOV_DNR_RE.fullmatch(raw) and re.search(r"departement", lead[-80:], re.IGNORECASE):
                remiss.append((0, raw, off))  # "Ställd till Socialdepartementet Dnr S2031/01918/FST"
            elif _SENDER_WORDS_RE.search(lead[-60:]):
                remiss.append((1, raw, off))  # "Remiss från kommunstyrelsen, dnr KS 2024/112"
            elif no in title_lines:
                remiss.append((1, raw, off))  # "Yttrande över ... (dnr 123-4567/2019)"
            else:
                own.append((0, raw, off))
        elif not lead.strip() and prev and _ADJ_LABEL_RE.fullmatch(prev + " "):
            lab = _ADJ_LABEL_RE.fullmatch(prev + " ")
            (remiss if lab.group("rem") else own).append((0, raw, off))
        elif (glab := _grid_label_above(lines, no, off)) is not None:
            (remiss if glab.group("rem") else own).append((0, raw, off))
        elif no in title_lines:
            remiss.append((1, raw, off))
        elif lead.strip() and _REMISS_WORDS_RE.search(lead[-60:]) and not _GOV_DNR_RE.fullmatch(raw):
            remiss.append((2, raw, off))
        elif not lead.strip() and prev and _REMISS_WORDS_RE.search(prev) and len(prev) <= 40:
            remiss.append((1, raw, off))
        elif re.fullmatch(r"\(\s*" + re.escape(raw) + r"\s*\)?", line.s) and (no - 1 in title_lines):
            remiss.append((1, raw, off))  # "(KN2026/00741)" alone below the title
        elif line.s.startswith("(") and line.s.endswith(")") and len(line.s) <= len(raw) + 4:
            remiss.append((2, raw, off))
        elif _GOV_DNR_RE.fullmatch(raw):
            remiss.append((3, raw, off))  # a Regeringskansliet number in an answer is the remiss's
        elif not lead.strip() and no < 8 and _GOV_DNR_RE.search(line.text[off - line.start + len(raw):][:40]):
            # A running header "TSG 2031-486 M2031/1516/Ma Remissvar 1(10)": the own number beside the
            # ministry's.
            own.append((1, raw, off))
    warnings: list[str] = []
    rem = min(remiss, key=lambda t: (t[0], t[2])) if remiss else None
    rem_unsure = ""
    if rem and rem[0] > 0:
        top = [r for r in remiss if r[0] == rem[0] and dnr_key(r[1]) != dnr_key(rem[1])]
        if top:
            # Equally placed numbers, none labelled: which is the remiss's is a guess.
            rem_unsure = "också " + ", ".join(t[1] for t in top[:3])
    own_c = [o for o in own if rem is None or dnr_key(o[1]) != dnr_key(rem[1])]
    if own and not own_c:
        warnings.append("Dokumentets diarienummer är samma som remissens; eget diarienummer lämnas tomt.")
    own_f = None
    if own_c:
        first = min(own_c, key=lambda t: (t[0], t[2]))
        keys = {dnr_key(o[1]) for o in own_c if o[0] == first[0]}
        own_unsure = ""
        if len(keys) > 1:
            # Two different numbers each labelled as ours: which one is the answer's is a guess.
            own_unsure = "också " + ", ".join(o[1] for o in own_c if dnr_key(o[1]) != dnr_key(first[1]))[:80]
        own_f = Found(first[1], lines.source(first[2], first[2] + len(first[1])), own_unsure)
    rem_f = Found(rem[1], lines.source(rem[2], rem[2] + len(rem[1])), rem_unsure) if rem else None
    return own_f, rem_f, warnings


# --- dates ---------------------------------------------------------------------------------

# "Ert datum" is the addressee's date, not this document's; "Vårt datum Vår beteckning <date> <dnr>" is a
# row of labels with their values after them in the same order.
_DATE_LABEL_RE = re.compile(
    r"(?:^|(?<!ert)(?<!Ert)(?<!ERT)\s)(?:datum|daterad|daterat|daterade|utfärdat|utfärdad|beslutsdatum|datum för beslut)"
    r"(?:\s+(?:vår|vårt)\s+(?:beteckning|referens|dnr|diarienummer|ärendenummer)|\s+(?:dnr|diarienummer|diarienr))?"
    r"(?:\s+den)?[ .:]*$",
    re.IGNORECASE,
)
# What may follow a date that is a line's own: a page marker or the next label of a grid.
_AFTER_DATE_OK_RE = re.compile(
    r"^(?:[0-9]{1,3}\s*\(\s*[0-9]{1,3}\s*\)|sid(?:a|an)?\b.*|page\b.*|dnr\b.*|diarienummer\b.*|"
    r"vår\b.*|er\b.*|ert\b.*|ref\b.*|beteckning\b.*|[0-9]{1,3}\s*(?:/|av)\s*[0-9]{1,3}|"
    r"(?:yttrande|remissvar|remissyttrande|tjänsteutlåtande|tjänsteskrivelse|beslut|protokoll|skrivelse|"
    r"missiv|promemoria|samrådssvar)\b.*)$",
    re.IGNORECASE,
)
# "landstingsstyrelsen den 20 september 2016 beslutat", "beslutade den 3 mars 2024"
_DECIDED_ON_RE = re.compile(r"^[^.\n]{0,20}\bbeslut(?:at|ade|it)\b", re.IGNORECASE)
_DECIDED_BEFORE_RE = re.compile(r"\bbeslut(?:ade|at|it)\s+(?:den\s+)?$", re.IGNORECASE)
# "Remissvaret skickades till Näringsdepartementet den 1 juli 2022": the day the answer went out.
_SENT_BEFORE_RE = re.compile(
    r"(?:remissvaret|yttrandet|svaret|remissyttrandet)\s+(?:skickades|lämnades|sändes|överlämnades|expedierades)"
    r"(?:\s+(?:in\s+)?till\s+[^.\n]{1,60}?)?\s+(?:den\s+)?$",
    re.IGNORECASE,
)
_MEETING_LABEL_RE = re.compile(
    r"(?:sammanträdesdatum|sammanträdesdag|sammanträde(?:t)?|nämndsammanträde|datum för sammanträde(?:t)?|"
    r"mötesdatum|protokoll(?: fört)? (?:vid|från) [^\n]{0,80}sammanträde[^\n]{0,60}|"
    r"sammanträde med [^\n]{0,80}|styrelsemöte|nämndmöte)[ .:]*$",
    re.IGNORECASE,
)
_DEADLINE_LABEL_RE = re.compile(
    r"(?:svarsdatum|sista svarsdag|sista dag för svar|remisstid(?:en går ut)?|svar senast|senast|"
    r"(?:förlängd|förlängts?|ny) (?:remisstid|svarstid)(?:en)?(?: (?:till|till och med|t\.o\.m\.?))?(?: den)?|"
    r"anstånd(?: med (?:svaret|yttrandet))? (?:till|till och med)(?: den)?|remisstiden (?:har )?förlängts till)[ .:]*$",
    re.IGNORECASE,
)
_HEADER_WORDS_RE = re.compile(
    r"^(?:tjänsteutlåtande|remissvar|yttrande|protokollsutdrag|utdrag ur protokoll|protokoll|"
    r"beslut|skrivelse|missiv|promemoria|dnr|diarienummer|vår beteckning|datum)\b",
    re.IGNORECASE,
)
_PLACE_RE = re.compile(rf"(?:{_L}[\w-]*,?[ ]+)?(?:den[ ]+)?$")


_STAMP_RE = re.compile(
    r"(?:^|\s)(?:ink\.?|inkom(?:men|mit)?|ankom(?:men|mit)?|registrerad|mottagen|mottaget|diarief[öo]rd)[ .:]*$",
    re.IGNORECASE,
)


def _date_alone(line: Line) -> tuple[date, int, int] | None:
    """A date that is a line's (or a grid cell's) own: '2024-02-14', 'Stockholm den 3 mars 2024',
    '2019-11-06 1 (2)', 'BESLUT 2021-01-31 Dnr: SU ...', '19 december 2022' with words after it."""
    s = line.text
    found = find_dates(s)
    if not found:
        return None
    d, a, b = found[0]
    before = s[:a].strip()
    after = s[b:].strip(" .,")
    if s[a:b].lower().startswith("senast") or re.search(r"senast(?:\s+den)?\s*$", before, re.IGNORECASE):
        return None
    if _STAMP_RE.search(before):
        return None  # a registration stamp ("Inkom 2031-09-13") dates the arrival, not the document
    if after and not _AFTER_DATE_OK_RE.match(after):
        # "19 december 2022 efter samråd med ...": words after a date that opens the line are fine.
        if before or len(found) > 1 or not re.match(r"[a-zåäö]", after):
            return None
        if len(after.split()) > 6 or re.search(r"[.!?]\s", after):
            return None  # "Den 16 februari 2017 tillsatte regeringen en utredning ...": a sentence about then
    if len(before) > 30:
        return None
    if before and not _PLACE_RE.fullmatch(before + " "):
        if not _DATE_LABEL_RE.search(" " + before) and not _HEADER_WORDS_RE.match(before) \
                and not re.fullmatch(r"[A-ZÅÄÖ][\wåäö-]{2,30}", before):
            return None
    return d, line.start + a, line.start + b


DATE_HEAD_CHARS = 30_000


def find_dates_fields(lines: Lines, used: set[int]) -> dict[str, Found]:
    """Layout limit, named: dates are read in the first 30 000 characters (letterhead, the
    decision, the deadline sentence); a date deeper in a long text belongs to its content."""
    out: dict[str, Found] = {}
    text = lines.text[:DATE_HEAD_CHARS]
    n = lines.line_of(len(text)) + 1
    head_lines = lines.lines[:n]
    # Meeting date: "Till <nämnd>" followed by a date; or a label.
    for ln in head_lines:
        s = ln.s
        low = s.lower()
        if low == "till" or low.startswith("till "):
            addressee = ln.s[4:].strip() or (lines.next_nonblank(ln.no, 2).s if lines.next_nonblank(ln.no, 2) else "")
            if not re.search(r"nämnd|styrelse|fullmäktige|utskott|råd", addressee, re.IGNORECASE):
                continue
            # the date may be on this line, or within the next three
            for j in range(ln.no, min(n, ln.no + 4)):
                if j > ln.no and lines[j].s.lower().startswith(("dnr", "datum")):
                    break
                dates = find_dates(lines[j].text)
                if dates:
                    d, a, b = dates[0]
                    if not lines[j].text[a:b].lower().startswith("senast"):
                        out["meeting_date"] = Found(d, lines.source(lines[j].start + a, lines[j].start + b))
                        used.update(range(ln.no, j + 1))
                    break
            if "meeting_date" in out:
                break
    if "meeting_date" not in out:
        hit = _labelled_date(lines, _MEETING_LABEL_RE, n)
        if hit:
            out["meeting_date"] = hit
    # Deadline: "senast den 29 april 2024" or a label.
    for d, a, b in find_dates(text):
        if text[a:b].lower().startswith("senast") or re.search(
            r"senast(?:\s+den)?\s*$", text[max(0, a - 16):a], re.IGNORECASE
        ):
            out["deadline"] = Found(d, lines.source(a, b))
            break
    if "deadline" not in out:
        hit = _labelled_date(lines, _DEADLINE_LABEL_RE, n)
        if hit:
            out["deadline"] = hit
    # Document date: a "Datum" label, the date the body decided or dated the answer, else a date alone
    # on a line beside the header words.
    hit = _labelled_date(lines, _DATE_LABEL_RE, n)
    if hit is None:
        for d, a, b in find_dates(text[:20000]):
            if _DECIDED_ON_RE.match(text[b : b + 40]) or _DECIDED_BEFORE_RE.search(text[max(0, a - 30) : a]) \
                    or _SENT_BEFORE_RE.search(text[max(0, a - 120) : a]):
                hit = Found(d, lines.source(a, b))
                break
    if hit is None:
        meeting_off = out["meeting_date"].source.start if "meeting_date" in out else -1
        alone = []
        for ln in head_lines:
            r = _date_alone(ln)
            if r and r[1] != meeting_off:
                alone.append((ln, r))
        best = None
        for ln, r in alone:
            near = [lines[j].s for j in range(max(0, ln.no - 3), min(n, ln.no + 4))]
            if any(_HEADER_WORDS_RE.match(x) for x in near):
                best = (ln, r)
                break
        if best is None and alone:
            ln, r = alone[0]
            # Only the first lines count as a letterhead date, or "Stockholm den 3 mars 2025" anywhere.
            if ln.no < 40:
                best = (ln, r)
            else:
                for ln2, r2 in alone:
                    if re.match(rf"{_L}[\w-]+,?\s+(?:den\s+)?[0-9]", ln2.s):
                        best = (ln2, r2)
                        break
        if best:
            ln, (d, a, b) = best
            hit = Found(d, lines.source(a, b))
            used.add(ln.no)
    if hit:
        out["document_date"] = hit
    return out


def _labelled_date(lines: Lines, label: re.Pattern[str], limit: int | None = None) -> Found | None:
    for ln in lines.lines[:limit]:
        hit = _grid_date(lines, ln, label)
        if hit:
            return hit
        prev_end = 0
        for i, (d, a, b) in enumerate(find_dates(ln.text)):
            # "Sammanträde 2031-06-12 Utfärdat 2031-05-14": each date has the label just before it.
            before = ln.text[prev_end:a].strip()
            prev_end = b
            if before and label.search(before[-90:]):
                return Found(d, lines.source(ln.start + a, ln.start + b))
            if i > 0:
                continue
            if ln.no > 0 and (not before or re.fullmatch(r"[A-ZÅÄÖ][\wåäö-]{2,30}", before)):
                # A grid: the label stands at the end of the nearest line above ("ÄRENDE TILL
                # SAMMANTRÄDESDATUM" over "Regionstyrelsen 2018-01-31").
                prev_line = next((lines[j] for j in range(ln.no - 1, max(-1, ln.no - 3), -1) if lines[j].s), None)
                prev = prev_line.s if prev_line else ""
                if prev and (label.fullmatch(prev) or (before and label.search(prev) and len(prev) <= 60)):
                    return Found(d, lines.source(ln.start + a, ln.start + b))
    return None


def _grid_date(lines: Lines, ln: Line, label: re.Pattern[str]) -> Found | None:
    """A date in a column under its label: 'HANDLÄGGARE   DATUM' over 'Anna Berg   2024-03-01'."""
    if "  " not in ln.text or ln.no == 0:
        return None
    prev = next((lines[j] for j in range(ln.no - 1, max(-1, ln.no - 3), -1) if lines[j].s), None)
    if prev is None or "  " not in prev.text:
        return None
    heads = re.split(r"\s{2,}", prev.s)
    cells = re.split(r"\s{2,}", ln.s)
    if len(heads) != len(cells) or len(cells) < 2:
        return None
    for head, cell in zip(heads, cells):
        if label.fullmatch(head.strip(" :")):
            found = find_dates(cell)
            if found:
                d, a, b = found[0]
                off = ln.start + ln.text.find(cell) + a
                return Found(d, lines.source(off, off + (b - a)))
    return None


# --- contact -------------------------------------------------------------------------------

_NAME_TOKEN = r"(?:[A-ZÅÄÖÉÜ][a-zåäöéüèáíóúøæ]+(?:-[A-ZÅÄÖÉÜ][a-zåäöéüèáíóúøæ]+)?)"
_NAME_RE = re.compile(
    rf"{_NAME_TOKEN}(?: (?:von|af|de|van|der|del|da|la|le) )?(?: {_NAME_TOKEN}| (?:von|af|de|van|der) {_NAME_TOKEN}){{1,3}}"
)
_CONTACT_LABEL_RE = re.compile(
    r"^(?:ansvarig (?:på|hos|vid) [^:\n]{1,40}:|"
    r"(?:ansvarig |kontakt)?(?:handläggare|kontaktpersoner|kontaktperson|kontakt|handläggare/kontaktperson|"
    r"vår handläggare|ärendet handläggs av|handlagt av|handläggs av)"
    r"(?: (?:för|i) (?:remissen|ärendet|frågan|yttrandet|remissvaret))?\b)[ .:]*",
    re.IGNORECASE,
)
# A label glued to the name in extraction: "Ansvarig handläggarePer Holm".
_GLUED_CONTACT_RE = re.compile(r"(?:handläggare|kontaktperson)(?=[A-ZÅÄÖ][a-zåäö]+ [A-ZÅÄÖ][a-zåäö])")
# A run of letter-spaced labels with the values after it on the same line: "HANDLÄGGARE   DATUM
# DIARIENR Mikael Törmä Staben ...": the first label's value comes first.
_LABEL_RUN_RE = re.compile(
    r"(?:^|\s)HANDLÄGGARE(?:\s{2,}[A-ZÅÄÖ][A-ZÅÄÖ -]{1,20}?)+\s+(?=[A-ZÅÄÖ][a-zåäö])"
)
# "Lindqvist, Anna" after a label: the family name first.
_SURNAME_FIRST_RE = re.compile(rf"^({_NAME_TOKEN}), ({_NAME_TOKEN})(?=$|[\s,;(]|\s*\d)")
_PHONE_LABEL_RE = re.compile(
    r"(?:telefon(?:nummer)?|tel(?:\.|efon)?|tfn|direkt(?:nummer)?|direkttel\.?|mobil(?:telefon)?|mobilnr)"
    r"(?:\s*/\s*mobil)?[ .:]*",
    re.IGNORECASE,
)
_PHONE_RE = re.compile(r"(?<![\w+])(?:\+46[ ]?\(?0?\)?[ ]?|0)[0-9](?:[ -]?[0-9]){5,10}(?![0-9])")
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}")
_EMAIL_LABEL_RE = re.compile(r"(?:e-?post|e-?mail|mejl|mail|e-postadress)[ .:]*$", re.IGNORECASE)

_THREE_DIGIT_AREAS = {
    "010", "011", "013", "016", "018", "019", "020", "021", "023", "026", "031", "033", "035", "036",
    "040", "042", "044", "046", "054", "060", "063", "090", "070", "072", "073", "076", "079",
    "075", "074", "071", "078",
}
# 0770, 0771 ...: nationwide numbers whose prefix is four digits and whose rest is read in threes.
_NATIONWIDE = {"0770", "0771", "0772", "0774", "0775"
}


def normalise_phone(raw: str) -> str | None:
    """'0850812196', '+46 8 508 121 96', '08-508 121 96' -> '08-508 121 96'."""
    digits = "".join(c for c in raw if c.isdigit())
    if raw.strip().startswith("+"):
        if not digits.startswith("46"):
            return None
        digits = "0" + digits[2:].lstrip("0")
    if not digits.startswith("0") or not 8 <= len(digits) <= 11:
        return None
    international = raw.strip().startswith("+")
    if digits[:4] in _NATIONWIDE and len(digits) == 10:
        return f"{digits[:4]}-{digits[4:7]} {digits[7:]}"
    if digits.startswith("08"):
        area = 2
    elif digits[:3] in _THREE_DIGIT_AREAS:
        area = 3
    else:
        area = 4
    a, rest = digits[:area], digits[area:]
    groups = {5: (3, 2), 6: (2, 2, 2), 7: (3, 2, 2), 8: (3, 3, 2)}.get(len(rest))
    if groups is None:
        return None
    parts, i = [], 0
    for g in groups:
        parts.append(rest[i : i + g])
        i += g
    if international:
        # Written in the international form, it stays so: "+46 8-579 215 39" is the number as given.
        return f"+46 {a[1:]}-{' '.join(parts)}"
    return f"{a}-{' '.join(parts)}"


def find_emails(text: str) -> list[tuple[str, int]]:
    seen: dict[str, tuple[str, int]] = {}
    for m in EMAIL_RE.finditer(text):
        e = m.group().strip(".")
        if "." not in e.split("@", 1)[1]:
            continue
        key = e.casefold()
        if key not in seen:
            seen[key] = (e, m.start())
    return list(seen.values())


def _name_in(s: str) -> re.Match[str] | None:
    m = _NAME_RE.match(s.strip())
    if not m:
        return None
    return m


_CONTACT_IN_LINE_RE = re.compile(
    r"(?:^|\s)(?:ansvarig |kontakt)?(?:handläggare|kontaktperson|handlagt av|handläggs av|ärendet handläggs av)"
    r"(?:\s*:\s*|\s+)(?=[A-ZÅÄÖ])",
    re.IGNORECASE,
)
_GRID_LABEL_RE = re.compile(
    r"ansvarig chef|ansvarig avdelning|ansvarig|handläggare|kontaktperson|beslutsfattare|föredragande|"
    r"dokument-id|version|datum|diarienummer|dnr|mottagare|avsändare|sida",
    re.IGNORECASE,
)
# Numbers that are not a person's: the switchboard, fax, text phone.
_NOT_CONTACT_PHONE_RE = re.compile(
    r"(?:växel|vx|fax|telefax|texttelefon|reception|kundtjänst|servicecenter|kontaktcenter)[ .:]*$", re.IGNORECASE
)
_PHONE_LABEL_RANK = (("direkt", 0), ("mobil", 1), ("tel", 2), ("tfn", 2))
_NOT_NAME_WORDS = {"Dnr", "Datum", "Telefon", "Handläggare", "Sida", "Sidan", "Box", "Postadress", "Besöksadress"}


# A word that names a body, not a person: "Teresa Edelman Regeringskansliet (Utbildningsdepartementet)"
# is an interleaved addressee column, not a third name.
_ORG_WORD_RE = re.compile(
    r"(?:kansliet|departementet|verket|myndigheten|kommun|kommuns|stad|region|regionen|styrelsen|nämnden|"
    r"förvaltningen|kontoret|inspektionen|universitet|universitetet|högskolan|domstolen|rådet|förbundet|"
    r"avdelningen|enheten|sektionen|staben|byrån)$",
    re.IGNORECASE,
)


def _clean_name(m: re.Match[str] | None, max_words: int = 2) -> str | None:
    """A person's name from a match, leading org words ("Kommunledningsförvaltningen Jonas ...") off."""
    if not m:
        return None
    words = m.group().split()
    while words and (len(words[0]) > 15 or words[0] in _NOT_NAME_WORDS
                     or re.search(r"(?:förvaltningen|kontoret|verket|nämnden|styrelsen|avdelningen|enheten)$",
                                  words[0], re.IGNORECASE)):
        words = words[1:]
    for i, w in enumerate(words):
        if w in _NOT_NAME_WORDS or (i >= 2 and (_title_at(w) or _ORG_WORD_RE.search(w))):
            words = words[:i]
            break
    if len(words) < 2:
        return None
    # Unlabelled, a name is given name + family name: a third capitalised word is more likely a title,
    # a unit or the next name. After a "Handläggare" label the whole name is kept.
    return " ".join(words[:max_words])


def _title_at(s: str) -> bool:
    from .people import is_title

    first = re.split(r"[,;]|\s{2,}|\+|\d", s.strip(), maxsplit=1)[0].strip()
    words = first.split()
    return any(is_title(" ".join(words[:k])) for k in range(1, min(4, len(words)) + 1))


def _phone_near(lines: Lines, rows: list[int], used: set[int]) -> Found | None:
    """The best personal phone on these lines: a labelled direct line first, never switchboard or fax."""
    best: tuple[int, int, Found] | None = None
    for order, j in enumerate(rows):
        ln = lines[j]
        for pm in _PHONE_RE.finditer(ln.text):
            before = ln.text[max(0, pm.start() - 30) : pm.start()]
            if _NOT_CONTACT_PHONE_RE.search(before.strip()):
                continue
            lab = _PHONE_LABEL_RE.search(before[-16:])
            rank = 3
            if lab:
                word = lab.group().lower()
                rank = next((r for k, r in _PHONE_LABEL_RANK if word.startswith(k)), 2)
            norm = normalise_phone(pm.group())
            if not norm:
                continue
            off = ln.start + pm.start()
            cand = (rank, order, Found(norm, lines.source(off, off + len(pm.group()))))
            if best is None or cand[:2] < best[:2]:
                best = cand
    if best:
        used.add(lines.line_of(best[2].source.start))
        return best[2]
    return None


def find_contact(lines: Lines, used: set[int]) -> dict[str, Found]:
    """The handläggare: a label ("Handläggare: Anna Berg", also mid-line and in a grid), else a name
    beside a title in the letterhead ("Kanslichef, Ylva Petersson", "Jonas Törngren Kommundirektör").

    Layout limits, named: only the first 40 lines are letterhead; a grid is one line of labels
    directly over one line of values, matched left to right."""
    out: dict[str, Found] = {}
    name_line = None
    head = [ln for ln in lines.lines[:40]]
    for ln in lines.lines:
        run = _LABEL_RUN_RE.search(ln.text) if ln.no < 40 else None
        m = None if run else _CONTACT_LABEL_RE.match(ln.s)
        mid = run
        if not m and not run and ln.no < 40:
            mid = _CONTACT_IN_LINE_RE.search(ln.text) or _GLUED_CONTACT_RE.search(ln.text)
        if not m and not mid:
            continue
        if m:
            rest = ln.s[m.end():].strip()
            cand_line = ln
            if not rest:
                nxt = lines.next_nonblank(ln.no, 2)
                if nxt is None:
                    continue
                cand_line, rest = nxt, nxt.s
        else:
            rest, cand_line = ln.text[mid.end():], ln
        # "Handläggare: Lindqvist, Anna": the family name first, the given name after the comma.
        sm = _SURNAME_FIRST_RE.match(rest.strip())
        if sm and not _title_at(sm.group(1)) and not _title_at(sm.group(2)) \
                and sm.group(2) not in _NOT_NAME_WORDS and sm.group(1) not in _NOT_NAME_WORDS:
            off = cand_line.start + cand_line.text.find(sm.group())
            out["contact_name"] = Found(f"{sm.group(2)} {sm.group(1)}", lines.source(off, off + len(sm.group())))
            name_line = cand_line.no
            used.update({ln.no, cand_line.no})
            break
        # "Handläggare: Anna Berg, 08-508 000 00" and "Handläggare Anna Berg Telefon: 08-..."
        nm = _clean_name(max_words=3, m=_name_in(re.split(r"[,;]|\s{2,}|\btel|\bdatum|\bdnr|@|\s[A-Za-z.]+@", rest, maxsplit=1)[0]))
        if nm:
            off = cand_line.start + cand_line.text.find(nm)
            out["contact_name"] = Found(nm, lines.source(off, off + len(nm)))
            name_line = cand_line.no
            used.update({ln.no, cand_line.no})
            break
    if "contact_name" not in out:
        # A grid: "ANSVARIG CHEF HANDLÄGGARE" over "Anna Lindberg Sara Engström".
        for ln in head:
            labels = [g.group().lower() for g in _GRID_LABEL_RE.finditer(ln.s)]
            if "handläggare" not in labels or _GRID_LABEL_RE.sub("", ln.s).strip(" :|"):
                continue
            nxt = lines.next_nonblank(ln.no, 3)
            if nxt is None:
                continue
            heads, cells = re.split(r"\s{2,}", ln.s), re.split(r"\s{2,}", nxt.s)
            if len(heads) == len(cells) >= 2:
                k = next(i for i, h in enumerate(heads) if h.strip(" :").lower() == "handläggare") \
                    if any(h.strip(" :").lower() == "handläggare" for h in heads) else None
                nm = _clean_name(_name_in(cells[k]), 3) if k is not None else None
                if nm:
                    off = nxt.start + nxt.text.find(nm)
                    out["contact_name"] = Found(nm, lines.source(off, off + len(nm)))
                    name_line = nxt.no
                    used.update({ln.no, nxt.no})
                    break
            toks = [t for t in nxt.s.split() if re.fullmatch(_NAME_TOKEN, t)]
            names = [" ".join(toks[k : k + 2]) for k in range(0, len(toks) - 1, 2)]
            person_labels = [lb for lb in labels if lb in ("ansvarig chef", "handläggare", "kontaktperson",
                                                           "beslutsfattare", "föredragande", "ansvarig")]
            idx = person_labels.index("handläggare")
            if len(names) == len(person_labels):
                nm = names[idx]
                off = nxt.start + nxt.text.find(nm)
                out["contact_name"] = Found(nm, lines.source(off, off + len(nm)))
                name_line = nxt.no
                used.update({ln.no, nxt.no})
                break
    if "contact_name" not in out:
        # No handläggare named: a name beside a title in the letterhead is the contact.
        for ln in head[:20]:
            for m in _NAME_RE.finditer(ln.text):
                nm = _clean_name(m)
                if not nm:
                    continue
                start = m.start() + m.group().find(nm)
                after = ln.text[start + len(nm):]
                before = ln.text[:start].rstrip(" ,")
                nxt = lines.next_nonblank(ln.no, 2)
                title_after = _title_at(after) or (not after.strip(" ") or re.match(r"\s*sida", after, re.I)) \
                    and nxt is not None and _title_at(nxt.s)
                title_before = bool(before) and _title_at(before.split("  ")[-1].split(",")[-1]) \
                    and ln.text[:start].rstrip().endswith(",")
                phone_after = bool(re.match(r"[^\n]{0,40}?\b(?:direkt|mobil|tel)", after, re.IGNORECASE)) \
                    or bool(re.match(r",\s*", after) and _PHONE_RE.match(after.lstrip(", ")))
                if title_after or title_before or phone_after:
                    off = ln.start + start
                    out["contact_name"] = Found(nm, lines.source(off, off + len(nm)))
                    name_line = ln.no
                    used.add(ln.no)
                    break
            if "contact_name" in out:
                break
    # Phone: on the contact's lines first (its own line, the title line below), else a labelled one near.
    if name_line is not None:
        rows = [name_line] + [j for j in range(name_line + 1, min(len(lines), name_line + 4))] + \
            [j for j in range(max(0, name_line - 3), name_line)]
        rows = [j for j in rows if lines[j].s]
        own_rows = rows[:2]
        ph = _phone_near(lines, own_rows, used) or _phone_near(lines, rows, used)
        if ph:
            out["contact_phone"] = ph
    if "contact_phone" not in out:
        search = range(len(lines))
        for j in search:
            ln = lines[j]
            for lm in _PHONE_LABEL_RE.finditer(ln.text):
                if _NOT_CONTACT_PHONE_RE.search(ln.text[max(0, lm.start() - 14) : lm.end()]):
                    continue
                start = ln.start + lm.end()
                seg = lines.text[start : start + 40]
                if not seg.strip() and j + 1 < len(lines):
                    start = lines[j + 1].start
                    seg = lines.text[start : start + 40]
                pm = _PHONE_RE.match(seg.lstrip())
                if pm:
                    norm = normalise_phone(pm.group())
                    if norm:
                        off = start + (len(seg) - len(seg.lstrip())) + pm.start()
                        out["contact_phone"] = Found(norm, lines.source(off, off + len(pm.group())))
                        used.add(j)
                        break
            if "contact_phone" in out or (name_line is None and j > 60):
                break
    # E-mail: labelled near the contact, or one whose local part matches the contact's name.
    emails = find_emails(lines.text)
    name = out.get("contact_name")
    if name:
        tokens = [t.casefold() for t in str(name.value).replace("-", " ").split()]
        for e, off in emails:
            local = e.split("@")[0].casefold()
            if tokens and tokens[0] in local and any(t in local for t in tokens[1:]):
                out["contact_email"] = Found(e, lines.source(off, off + len(e)))
                break
        if "contact_email" not in out and name_line is not None:
            for e, off in emails:
                j = lines.line_of(off)
                if abs(j - name_line) <= 4:
                    before = lines.text[lines[j].start:off].strip()
                    prev = lines[j - 1].s if j else ""
                    if _EMAIL_LABEL_RE.search(before) or (not before and _EMAIL_LABEL_RE.fullmatch(prev)):
                        out["contact_email"] = Found(e, lines.source(off, off + len(e)))
                        break
    return out


# --- organisation --------------------------------------------------------------------------

_ORG_SUFFIX_RE = re.compile(
    rf"(?:{_L}[\w-]*(?:verket|myndigheten|styrelsen|inspektionen|kollegiet|kollegium|nämnden|rådet|"
    rf"ombudsmannen|institutet|universitetet|högskolan|domstolen|tingsrätt|hovrätt|"
    rf"förbundet|förvaltningen|kontoret|stiftelsen|akademien|banken|centrum|centret|polisen|"
    rf"tullverket|åklagarmyndigheten|kommunförbund|stad)|"
    rf"Region [A-ZÅÄÖ][\w-]+(?: [A-ZÅÄÖ][\w-]+)?|[A-ZÅÄÖ][\w-]+ [Kk]ommun|[A-ZÅÄÖ][\w-]+ [Ss]tad|"
    rf"Länsstyrelsen i [A-ZÅÄÖ][\w-]+(?: län)?|Sveriges Kommuner och Regioner|"
    rf"[A-ZÅÄÖ][\w-]+ (?:läns )?landsting)"
)
_GENERIC_SUBJECTS = {
    "förvaltningen", "nämnden", "stadsdelsnämnden", "styrelsen", "kontoret", "myndigheten", "regionen",
    "kommunen", "vi", "jag", "utredningen", "regeringen", "departementet", "staden", "bolaget",
    "kommunstyrelsen", "förbundet", "stadsdelsförvaltningen", "verket", "remissinstansen", "föreningen",
}
_GENERIC_DOMAINS = {
    "regeringskansliet", "gmail", "hotmail", "outlook", "yahoo", "live", "icloud", "telia", "bredband",
}
_NAMND_FROM_OFFICE = {
    "miljöförvaltningen": "Miljö- och hälsoskyddsnämnden",
    "revisionskontoret": "Revisorskollegiet",
    "stadsledningskontoret": "Kommunstyrelsen",
    "överförmyndarförvaltningen": "Överförmyndarnämnden",
}
_OFFICE_RE = re.compile(
    r"([A-ZÅÄÖ][\w-]*(?: [\w-]+)?? ?)(stadsdelsförvaltningen|stadsdelsförvaltning|förvaltningen|förvaltning|kontoret|kontor)\b"
)


def office_line(s: str) -> bool:
    """A letterhead line naming a förvaltning or kontor: 'Södermalms stadsdelsförvaltning'."""
    m = _OFFICE_RE.match(s)
    return bool(m) and m.end() >= len(s.rstrip(" ,.")) and len(s) <= 60


def _fold(s: str) -> str:
    return s.casefold().translate(str.maketrans("åäöéü", "aaoeu"))


def _office_to_committee(phrase: str, register: Register) -> str | None:
    """'Södermalms stadsdelsförvaltning' -> 'Södermalms stadsdelsnämnd'; 'Kulturförvaltningen' -> ..."""
    s = " ".join(phrase.split())
    special = _NAMND_FROM_OFFICE.get(s.casefold())
    if special and register.organisation(special):
        return register.organisation(special).name
    for old, new in (
        ("stadsdelsförvaltningen", "stadsdelsnämnden"),
        ("stadsdelsförvaltning", "stadsdelsnämnd"),
        ("förvaltningen", "nämnden"),
        ("förvaltning", "nämnd"),
        ("kontoret", "nämnden"),
        ("kontor", "nämnd"),
    ):
        if s.casefold().endswith(old):
            base = s[: len(s) - len(old)]
            for cand in (base + new, base + new.rstrip("en") if new.endswith("en") else base + new):
                org = register.organisation(cand)
                if org:
                    return org.name
            # definite/indefinite: "stadsdelsnämnden" vs "stadsdelsnämnd"
            alt = base + (new[:-2] if new.endswith("en") else new + "en")
            org = register.organisation(alt)
            if org:
                return org.name
            break
    return None


def _register_names(register: Register) -> list[tuple[str, str]]:
    """(casefolded name as it may appear in text, canonical name) longest first."""
    pairs: list[tuple[str, str]] = []
    for org in register.organisations:
        pairs.append((name_key(org.name), org.name))
        for f in org.former_names:
            pairs.append((name_key(f), org.name))
    pairs.sort(key=lambda p: -len(p[0]))
    return pairs


HOME_CHARS = 20_000
_STOCKHOLM_RE = re.compile(
    r"stockholms stad|stockholm\.se\b|stadsdelsförvaltning|stadsdelsnämnd|borgarråd|stockholms kommun",
    re.IGNORECASE,
)


def find_organisation(
    lines: Lines, register: Register | None, own_dnr: str | None, sender_names: set[str],
    used: set[int],
) -> tuple[Found | None, bool, list[str]]:
    """(organisation, in_register, warnings)."""
    text = lines.text
    register = register or Register()
    warnings: list[str] = []
    n = len(lines)
    sender_keys = {name_key(s) for s in sender_names}

    def ok(name: str) -> bool:
        return name_key(name) not in sender_keys

    def in_header(no: int) -> bool:
        return no < 45 or no > n - 30

    # The register's nämnder are Stockholm's: an office or nämnd named in another kommun's paper
    # ("Stadsledningskontoret" in Göteborg) is that kommun's, so these two rules need the city named.
    ours = bool(_STOCKHOLM_RE.search(text[:HOME_CHARS])) or not register.organisations
    # 1. "Till <nämnd>": a förvaltning's tjänsteutlåtande is addressed to its own nämnd.
    for ln in (lines.lines if ours else []):
        low = ln.s.lower()
        if low == "till" or low.startswith("till "):
            cand = ln.s[4:].strip(" :") or (lines.next_nonblank(ln.no, 2).s if lines.next_nonblank(ln.no, 2) else "")
            cand_line = ln if ln.s[4:].strip(" :") else lines.next_nonblank(ln.no, 2)
            cand = re.split(r"\s{2,}|,", cand)[0]
            # strip a trailing date: "Till Södermalms stadsdelsnämnd 25 april 2024"
            dates = find_dates(cand)
            if dates:
                cand = cand[: dates[0][1]].strip()
            org = register.organisation(cand) if cand else None
            if org and ok(org.name) and org.kind.value in ("stadsdelsnamnd", "facknamnd", "bolag", "rad"):
                off = cand_line.start + cand_line.text.find(cand)
                used.add(cand_line.no)
                return Found(org.name, lines.source(off, off + len(cand))), True, warnings
    # 2. A förvaltning / kontor in the letterhead or signature -> its nämnd in the register, unless the
    #    letterhead names another kommun or region (then the office is that body's, not ours).
    home = letterhead_home(lines)
    if home and _STOCKHOLM_RE.search(home[0]):
        home = None  # our own city in the letterhead: its offices are the register's
    for ln in ([] if home or not ours else lines.lines):
        if not in_header(ln.no) or "förvaltning" not in ln.text and "kontor" not in ln.text:
            continue
        for m in _OFFICE_RE.finditer(ln.text):
            phrase = (m.group(1) + m.group(2)).strip()
            name = _office_to_committee(phrase, register)
            if name and ok(name):
                off = ln.start + m.start()
                used.add(ln.no)
                return Found(name, lines.source(off, off + len(phrase))), True, warnings
    # 4. The body the text shows answering (letterhead, "X:s yttrande", "X har beretts tillfälle").
    res = find_answering_body(lines, register, sender_names)
    if res is not None:
        warnings.extend(res.warnings)
        if not res.in_register:
            known = " (känd offentlig organisation)" if res.known else ""
            warnings.append(f"Organisationen {res.name} finns inte i registret{known}.")
        return Found(res.name, lines.source(res.start, res.end), res.unsure), res.in_register, warnings
    # 5. Nothing in the words: the dnr prefix of the own dnr (SÖD 2024/145 -> Södermalm).
    if own_dnr:
        prefix = re.match(rf"{_L}+", own_dnr)
        if prefix:
            for org in register.organisations:
                if org.dnr_prefix and org.dnr_prefix.casefold() == prefix.group().casefold() and ok(org.name):
                    idx = text.find(own_dnr)
                    return Found(org.name, lines.source(max(0, idx), max(0, idx) + len(own_dnr))), True, warnings
    warnings.append("Avsändande organisation kunde inte läsas ut.")
    return None, False, warnings


def _title_case(s: str) -> str:
    letters = [c for c in s if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return " ".join(w if len(w) <= 3 and w.isalpha() and i > 0 else w.capitalize()
                        for i, w in enumerate(s.split()))
    return s


def _letterhead_cells(lines: Lines) -> list[tuple[str, int]]:
    """(cell text, offset) of the first and last lines, split into columns at 2+ spaces."""
    n = len(lines)
    out = []
    picked = list(lines.lines[:15]) + list(lines.lines[max(15, n - 15):])
    for ln in picked:
        pos = 0
        for cell in re.split(r"\s{2,}", ln.text):
            idx = ln.text.find(cell, pos)
            pos = idx + len(cell)
            c = cell.strip().rstrip(" ,.")
            if c:
                out.append((c, ln.start + idx + (len(cell) - len(cell.lstrip()))))
    return out


def _outside_organisation(lines: Lines, sender_keys: set[str]) -> Found | None:
    text = lines.text
    # "Post: Kammarkollegiet, Box 2218" / "Postadress: Region Stockholm, Box 22550"
    for ln in lines.lines:
        m = re.match(r"(?:post(?:adress)?|besöksadress|avsändare)[ ]*:?[ ]+([^,\n]{3,60}),", ln.s, re.IGNORECASE)
        if m and not re.match(r"(?:box|[0-9])", m.group(1), re.IGNORECASE):
            name = m.group(1).strip()
            if name_key(name) not in sender_keys:
                off = ln.start + ln.text.find(name)
                return Found(_title_case(name), lines.source(off, off + len(name)))
    # A letterhead cell that looks like an authority's name ("Boverket", "REGION UPPSALA").
    addressee = False
    for cell, off in _letterhead_cells(lines):
        if cell.lower() in ("till", "till:") or cell.lower().startswith("till "):
            addressee = True
            continue
        name = _title_case(cell)
        m = _ORG_SUFFIX_RE.fullmatch(name)
        if m and not addressee and name_key(name) not in sender_keys and name.casefold() not in _GENERIC_SUBJECTS:
            return Found(name, lines.source(off, off + len(cell)))
        addressee = False
    # Website or e-mail domains: www.kammarkollegiet.se -> "Kammarkollegiet" as written in the text.
    domains: list[str] = []
    for m in re.finditer(r"(?:www\.|@)([a-z0-9-]{3,40})\.(?:se|nu|org|com|eu)\b", text, re.IGNORECASE):
        d = m.group(1).lower()
        if d not in _GENERIC_DOMAINS and d not in domains:
            domains.append(d)
    if domains:
        for m in re.finditer(rf"[A-ZÅÄÖ]{_L}*(?:[ -][A-ZÅÄÖ]{_L}*){{0,3}}", text):
            phrase = m.group()
            folded = re.sub(r"[^a-z0-9]", "", _fold(phrase))
            for d in domains:
                if folded == d.replace("-", "") and name_key(phrase) not in sender_keys:
                    return Found(_title_case(phrase), lines.source(m.start(), m.end()))
    # The subject of a stance sentence: "Boverket tillstyrker ...", "Region Skåne ställer sig ..."
    for m in re.finditer(
        rf"(?:^|[.!?]\s+|\n)([A-ZÅÄÖ]{_L}+(?: [A-ZÅÄÖ]{_L}+| i [A-ZÅÄÖ]{_L}+(?: län)?| och [A-ZÅÄÖ]{_L}+){{0,3}})"
        r"(?: har| ställer sig| tillstyrker| avstyrker| lämnar| välkomnar| är positiv| delar| anser| kan inte)",
        text,
    ):
        name = m.group(1)
        if name.casefold() not in _GENERIC_SUBJECTS and name_key(name) not in sender_keys:
            return Found(name, lines.source(m.start(1), m.end(1)))
    return None


# --- title ---------------------------------------------------------------------------------

_TITLE_START_RE = re.compile(
    r"(?:svar på remiss(?:en)?(?: (?:om|avseende|gällande|angående|över|rörande|av))?|remissvar(?: (?:gällande|angående|avseende|över|om|på|till|rörande))?|"
    r"remiss(?:yttrande)? (?:om|avseende|gällande|angående|över|rörande|av)|yttrande (?:över|angående|om|avseende|gällande|rörande|på)|"
    r"yttrande till [^\n]{0,60} (?:över|om|angående)|remiss[:\-–]|"
    r"(?=(?:betänkandet|delbetänkandet|slutbetänkandet|promemorian|departementspromemorian) [A-ZÅÄÖ][^\n]{0,150}\((?:SOU|Ds) )"
    r")\b[ :]*",
    re.IGNORECASE,
)
_TITLE_LEAD_WORDS_RE = re.compile(
    r"(?:(?:om|av|över|gällande|angående|avseende|rörande) )?(?:betänkandet|promemorian|departementspromemorian|"
    r"rapporten|remissen|delbetänkandet|slutbetänkandet|förslaget om|utkastet till) (?=[A-ZÅÄÖ0-9\"”'«])",
    re.IGNORECASE,
)


def find_title(lines: Lines, used: set[int]) -> tuple[Found | None, set[int]]:
    for ln in lines.lines[: max(80, len(lines) // 3)]:
        m = _TITLE_START_RE.match(ln.s)
        if not m:
            continue
        if not ln.s[m.end():].strip() and not re.search(r"\s", m.group().strip()):
            continue  # a bare "REMISSVAR" is the kind of document, not its title
        rest = _LABEL_TOKEN_RE.sub(" ", ln.s[m.end():])
        rest = re.sub(r"[0-9][0-9 ./:()-]*", " ", rest)
        if not re.search(r"\s", m.group().strip()) and sum(c.isalpha() for c in rest) < 4:
            continue  # "REMISSVAR 2031-04-05 Dnr 2031:45": the kind with its date and number, no title
        parts = [ln.s[m.end():]]
        title_lines = {ln.no}
        prev = ln.s
        for j in range(ln.no + 1, min(len(lines), ln.no + 5)):
            cur = lines[j].s
            if not cur or cur.startswith("(") and cur.endswith(")") and len(cur) < 30:
                break
            if prev.endswith((".", ":", ";", "!", "?")):
                break
            if prev.endswith(")") and prev.count("(") <= prev.count(")") and not cur[:1].islower():
                break
            from .sections import heading_key

            if heading_key(cur):
                break
            if cur[:1].isupper() and prev.split()[-1:] and prev.split()[-1].lower() not in {
                "för", "om", "av", "till", "och", "i", "på", "med", "över", "gällande", "avseende", "inom",
                "vid", "från", "samt", "en", "ett", "den", "det", "de", "angående", "rörande", "(sou", "-", "–",
            } and not prev.endswith(("(", ",")):
                break
            parts.append(cur)
            title_lines.add(j)
            prev = cur
        title = " ".join(" ".join(parts).split())
        # Drop the remiss dnr written into the title: ", KS 2024/112" or "(KN2026/00741)".
        for raw, off in find_dnrs(title):
            if off > len(title) // 3:
                title = title[:off].rstrip(" ,(–-")
                break
        title = _TITLE_LEAD_WORDS_RE.sub("", title, count=1).strip(" ,:–-")
        if len(title) < 4:
            continue
        letters = [c for c in title if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) > 0.8 * len(letters):
            title = " ".join(w if re.fullmatch(r"\(?[A-ZÅÄÖ]{2,4}\)?", w) else w.lower() for w in title.split())
        title = title[:1].upper() + title[1:]
        used.update(title_lines)
        return Found(title, lines.source(ln.start, lines[max(title_lines)].end)), title_lines
    return None, set()


# --- decision points -----------------------------------------------------------------------

_ITEM_RE = re.compile(r"^[ ]*([0-9]{1,2})[.)][ ]+")


def decision_points(body: str) -> list[str]:
    items: list[str] = []
    cur: list[str] | None = None
    loose: list[str] = []
    for raw in body.split("\n"):
        s = raw.strip()
        m = _ITEM_RE.match(raw)
        if m:
            if cur is not None:
                items.append(" ".join(cur))
            cur = [s[m.end() - (len(raw) - len(raw.lstrip())):].strip()]
        elif not s:
            continue
        elif cur is not None:
            if s[:1].isupper() and cur and cur[-1].endswith((".", ":")) and len(items) + 1 >= 1 and _looks_new(s):
                items.append(" ".join(cur))
                cur = None
                break
            cur.append(s)
        else:
            loose.append(s)
    if cur is not None:
        items.append(" ".join(cur))
    if not items and loose:
        text = " ".join(loose)
        items = [text] if len(text) < 600 else []
    return [" ".join(i.split()) for i in items if i.strip()]


def _looks_new(s: str) -> bool:
    return s.lower().startswith(("förvaltningen", "sammanfattning", "handläggare", "reservation", "särskilt"))
