"""Signatories and dissents (reservation, särskilt uttalande, ersättaryttrande)."""

from __future__ import annotations

import re

from ...domain.model import Dissent, DissentKind
from .lines import Lines
from .model import Signatory

_NAME_TOKEN = r"[A-ZÅÄÖÉÜ][a-zåäöéüèáíóúøæ]+(?:-[A-ZÅÄÖÉÜ][a-zåäöéüèáíóúøæ]+)?"
_PARTICLE = r"(?:von|af|de|van|der|del|da|la|le)"
_NAME_RE = re.compile(rf"{_NAME_TOKEN}(?: {_PARTICLE})?(?: {_PARTICLE})?(?: {_NAME_TOKEN}){{1,3}}")
_TITLE_WORDS = (
    "direktör", "chef", "ordförande", "sekreterare", "handläggare", "jurist", "utredare", "strateg",
    "kommunalråd", "regionråd", "justerare", "controller", "samordnare", "föredragande", "rådgivare",
    "kommunstyrelsens ordförande", "generaldirektör", "överdirektör", "landshövding", "rektor",
    "skolchef", "stadsjurist", "stadsdirektör", "kanslichef", "registrator", "specialist",
    "expert", "analytiker", "ekonom", "planerare", "vd", "verkställande direktör", "kommundirektör",
    "regiondirektör", "biträdande", "tf.", "tillförordnad", "ledamot", "sakkunnig", "projektledare",
)
_TITLE_RE = re.compile(
    r"^(?:t\.?f\.? |tf |biträdande |vice |ställföreträdande |tillförordnad |)?[\wåäö-]*(?:"
    + "|".join(re.escape(w) for w in sorted(_TITLE_WORDS, key=len, reverse=True))
    + r")(?:en|n)?\b[\w ,åäö-]{0,40}$",
    re.IGNORECASE,
)
_COLUMNS_RE = re.compile(r"\s{2,}")
_DECIDED_RE = re.compile(
    "|".join(
        p.replace(" ", r"\s+")
        for p in (
            r"beslut(?:et)?(?: i (?:detta|det här) ärende)? har (?:fattats|beslutats)",
            r"(?:detta|det här) (?:yttrande|remissvar|beslut|svar) har (?:beslutats|fattats|godkänts)",
            r"i (?:den slutliga )?handläggningen har (?:även |också )?(?:deltagit|medverkat)?",
            r"föredragande (?:har varit|var)",
            r"har beslutats av",
            r"(?:i|om) (?:detta|det här) ärende har",
            r"beslut i ärendet har fattats av",
            r"har föredragits av",
            r"i ärendets (?:slutliga )?handläggning har (?:även )?deltagit",
        )
    ),
    re.IGNORECASE,
)
_ROLE_NAME_RE = re.compile(
    rf"(?:(?:t\.?f\.?|tillförordnade|biträdande|ställföreträdande) )?([a-zåäö][\wåäö-]{{2,40}})[ ]+({_NAME_TOKEN}(?: {_PARTICLE})?(?: {_PARTICLE})?(?: {_NAME_TOKEN}){{1,3}})"
)


def _title_nominative(word: str) -> str:
    """'avdelningschefen' -> 'avdelningschef', 'handläggaren' -> 'handläggare'."""
    w = word.strip()
    low = w.lower()
    if low.endswith(("aren", "anden", "enden")):
        return w[:-1]
    if low.endswith("en") and len(w) > 6:
        return w[:-2]
    return w


def is_title(s: str) -> bool:
    s = s.strip()
    return bool(s) and len(s) <= 60 and bool(_TITLE_RE.match(s)) and not re.search(r"[0-9@]", s)


def find_signatories(lines: Lines, end_line: int | None = None, used: set[int] | None = None) -> list[Signatory]:
    out: list[Signatory] = []
    seen: set[str] = set()

    def add(name: str, title: str) -> None:
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            out.append(Signatory(name=name, title=title))

    # State-agency style: "Detta yttrande har beslutats av avdelningschefen Anette Schierbeck."
    # Layout limit, named: who decided is said at the end; the last 30 000 characters are read.
    text = lines.text[-30_000:]
    for m in _DECIDED_RE.finditer(text):
        chunk = text[m.end() : m.end() + 600]
        chunk = chunk.split("\n\n")[0]
        first_sentence = re.split(r"\.\s", chunk, maxsplit=1)[0]
        for rm in _ROLE_NAME_RE.finditer(" ".join(first_sentence.split())):
            role, name = rm.group(1), rm.group(2)
            if role.lower() in ("och", "av", "samt", "även", "varit", "med", "den", "ärendet"):
                continue
            title = _title_nominative(role)
            if "föredragande" in m.group().lower() or "föredragits" in m.group().lower():
                title = f"{title} (föredragande)" if title.lower() != "föredragande" else title
            add(name, title)
    # "Verksjuristen Eva Lind har varit föredragande."
    for m in re.finditer(
        rf"([A-ZÅÄÖa-zåäö][\wåäö-]{{2,40}})[ ]+({_NAME_TOKEN}(?: {_PARTICLE})?(?: {_NAME_TOKEN}){{1,3}})\s+"
        r"(?:har\s+varit\s+föredragande|har\s+föredragit|föredrog)",
        " ".join(text.split()),
    ):
        add(m.group(2), f"{_title_nominative(m.group(1)).lower()} (föredragande)")
    # Protokoll style on one line: "Ordförande Lars Nyberg", "Justerare: Anna Ek"
    for ln in lines.lines[max(0, len(lines) - 400):]:
        m = re.match(rf"(ordförande|vice ordförande|justerare|sekreterare|nämndsekreterare)[ :]+({_NAME_RE.pattern})$",
                     ln.s, re.IGNORECASE)
        if m:
            add(m.group(2), m.group(1).lower())
            if used is not None:
                used.add(ln.no)
    # Signature blocks: a name line followed by a title line (columns split by 2+ spaces), or the reverse.
    last = len(lines) if end_line is None else end_line
    start = max(0, last - 400)
    for i in range(start, last - 1):
        a = lines[i].s
        if not a or len(a) > 90:
            continue
        b_line = lines.next_nonblank(i, 2)
        if b_line is None:
            continue
        b = b_line.s
        names = [c for c in _COLUMNS_RE.split(a) if c]
        titles = [c for c in _COLUMNS_RE.split(b) if c]
        if names and all(_NAME_RE.fullmatch(c) for c in names) and titles and all(is_title(t) for t in titles):
            for k, nm in enumerate(names):
                add(nm, titles[k] if k < len(titles) else "")
            if used is not None:
                used.update({i, b_line.no})
        elif titles and all(_NAME_RE.fullmatch(c) for c in titles) and names and all(is_title(t) for t in names) \
                and not any(re.match(r"(?:ansvarig )?(?:handläggare|kontaktperson|kontakt)\b", t, re.IGNORECASE) for t in names) \
                and not (i > 0 and lines[i - 1].s and all(_NAME_RE.fullmatch(c) for c in _COLUMNS_RE.split(lines[i - 1].s) if c)):
            for k, nm in enumerate(titles):
                add(nm, names[k] if k < len(names) else "")
            if used is not None:
                used.update({i, b_line.no})
    return out


_DISSENT_START_RE = re.compile(
    r"^(reservationer|reservation|särskilda uttalanden|särskilt uttalande|ersättaryttranden|ersättaryttrande|"
    r"protokollsanteckning)\b",
    re.IGNORECASE,
)
_PARTY_RE = re.compile(r"\(([A-ZÅÄÖ]{1,3}|Fi|MP|KD|SD|Kd|Mp|Sd|V|S|C|L|M)\)")
_STOP_RE = re.compile(
    r"^(?:justerat|justeras|vid protokollet|ordförande|justerare|sekreterare|protokollet|"
    r"beslut|bilagor|bilaga|§[ ]*[0-9]|utdrag|rätt utdraget|expedieras|paragrafen)\b",
    re.IGNORECASE,
)


def _kind(word: str) -> DissentKind | None:
    w = word.lower()
    if w.startswith("reservation"):
        return DissentKind.reservation
    if w.startswith("särskil"):
        return DissentKind.statement
    if w.startswith("ersättaryttrande"):
        return DissentKind.deputy_statement
    return None


def find_dissents(lines: Lines) -> list[Dissent]:
    out: list[Dissent] = []
    i = 0
    n = len(lines)
    while i < n:
        ln = lines[i]
        m = _DISSENT_START_RE.match(ln.s)
        kind = _kind(m.group(1)) if m else None
        if kind is None:
            i += 1
            continue
        body: list[str] = [ln.s[m.end():].strip(" :.")]
        j = i + 1
        while j < n:
            s = lines[j].s
            if _DISSENT_START_RE.match(s) or (s and _STOP_RE.match(s)):
                break
            from .sections import heading_key

            if s and heading_key(s) and heading_key(s) not in ("yrkanden",):
                break
            body.append(s)
            j += 1
        text = "\n".join(body).strip()
        # "anfördes av ... (M) och ... (KD) enligt följande:" -- parties from the opening lines.
        opening = " ".join(text.split("\n")[:3])
        parties: list[str] = []
        for pm in _PARTY_RE.finditer(opening):
            p = pm.group(1).upper()
            if p not in parties:
                parties.append(p)
        if text or parties:
            out.append(Dissent(kind=kind, parties=parties, text=_tidy(text)))
        i = j
    return out


def _tidy(text: str) -> str:
    paras = [" ".join(p.split()) for p in re.split(r"\n[ ]*\n", text)]
    return "\n\n".join(p for p in paras if p)
