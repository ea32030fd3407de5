"""The instans's own voice: the passages of a remissvar where it states its view.

A registrator reading an answer skips the letterhead, the account of what was remitted and when,
the description of the proposal and the protokoll's procedure, and reads the sentences where the
answering body speaks: its summary, its synpunkter, its bedömning and ställningstagande, and
anywhere else the body itself (or "förvaltningen", "nämnden", "vi") is the subject of a verb of
position ("tillstyrker", "avvisar", "ser positivt på", "saknar", "avstår" …).

This module writes that reading down as rules:
- A section's heading says whose words it holds. The instans's own sections (synpunkter,
  bedömning, ställningstagande, yttrande …) are read whole; the summary, the decision and unnamed
  sections only where the body speaks; the background, the proposal, dissents and the protokoll's
  procedure never.
- Lines the reader took as letterhead, address, contact or page furniture are never part of a
  sentence.
- A passage is whole sentences, whitespace-normalised but otherwise exactly as written. Within a
  paragraph nothing is dropped from between two kept sentences (a quote is never spliced); a
  sentence that points back ("Förvaltningen delar därför den bedömningen") keeps the sentence it
  points to, and a sentence ending in a colon keeps the list it introduces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from .lines import Lines

# --- sections ------------------------------------------------------------------------------------

# Whose words a section holds, by its (casefolded, numbering-free) heading.
_OWN_RE = re.compile(
    # "Yttrande"/"Remissvar" alone is the document's kind above its letter, not a section of views.
    r"synpunkter|bedömning|ställningstagande|.s yttrande$|kommentarer|överväganden|"
    r"slutsats|^motivering$|^skäl för beslut$|sammanfattande"
)
_SUMMARY_RE = re.compile(r"^sammanfattning$")
_DECISION_RE = re.compile(r"förslag till beslut|^beslut$|s beslut$|^förslag$")
_NEVER_SECTIONS = {
    # "Inledning" is not here: an answer's own introduction often opens with its position; there
    # only the body's own sentences are read, as in any unnamed section.
    "bakgrund", "ärendet", "remissen", "remissens innehåll", "utredningens förslag",
    "ärendebeskrivning", "reservation", "reservationer", "särskilt uttalande", "särskilda uttalanden",
    "ersättaryttrande", "ersättaryttranden", "protokollsanteckning", "yrkanden", "beslutsgång",
    "propositionsordning", "justering", "ärendets beredning", "beredning", "bilagor", "bilaga",
    "handlingar", "beslutsunderlag", "expedieras till", "förslagen i promemorian",
    "förslagen i betänkandet", "jämställdhetsanalys", "barnrättsanalys", "barnkonsekvensanalys",
    "barnperspektiv", "ekonomiska konsekvenser", "miljöanalys", "konsekvensanalys", "ekonomi",
}
_NEVER_SECTION_RE = re.compile(r"^(?:utredningens|promemorians|betänkandets|förslagets|remissens)\b")

OWN, MIXED, NEVER = "own", "mixed", "never"


def section_role(key: str) -> str:
    """OWN: read whole; MIXED: only where the body speaks; NEVER: not the instans's view."""
    if key in _NEVER_SECTIONS or _NEVER_SECTION_RE.search(key):
        return NEVER
    if _OWN_RE.search(key):
        return OWN
    return MIXED


# --- sentences -----------------------------------------------------------------------------------

# Abbreviations a period does not end a sentence after (compared casefolded, without the period).
_ABBREV = {
    "t.ex", "bl.a", "m.m", "dvs", "d.v.s", "s.k", "jfr", "ca", "cirka", "kap", "prop", "resp", "osv",
    "o.s.v", "etc", "nr", "st", "f.d", "p.g.a", "pga", "m.fl", "fr.o.m", "t.o.m", "enl", "ang", "avd",
    "dir", "sid", "s", "ds", "bet", "skr", "sfs", "jmf", "kl", "tel", "tfn", "ff", "f", "mfl", "mm",
    "tex", "bla", "el", "o", "resp", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "okt", "nov",
    "dec", "inkl", "exkl", "ev", "forts", "fig", "tab", "uppl", "red", "övers", "mån", "tis", "ons",
    "tors", "fre", "lör", "sön", "dnr", "ref", "nämndens", "i.o.m", "a.a", "t.ex.", "e.d", "o.d",
    "dyl", "d.ä", "d.y", "kr", "mkr", "mdkr", "tkr", "milj", "ang", "vol",
}
_BULLET_RE = re.compile(r"^(?:[-–•*·▪■●◦]|\(?[0-9]{1,2}[.)]|[a-zåäö][.)])\s+")
# "3.2 Förslaget om ändrade karenstider": a numbered sub-heading, no sentence of its own.
_HEADING_LINE_RE = re.compile(r"^[0-9]{1,2}(?:\.[0-9]{1,2}){1,3}\.?\s+[A-ZÅÄÖ][^.!?:]{0,80}$")
_SENT_END_RE = re.compile(r"([.!?]+)([»”\"')\]]*)(\s+)")


@dataclass
class _Sentence:
    text: str  # whitespace-normalised
    start: int  # offset in the cleaned text
    end: int
    line: int  # 0-based line of its start
    paragraph: int  # index of its paragraph within the section
    bullet: bool = False


def _split(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of one paragraph of running text."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT_END_RE.finditer(text):
        end = m.end(2)
        nxt = text[m.end():m.end() + 1]
        if not nxt:
            continue
        if m.group(1) == "." and not m.group(2):
            word = re.search(r"([\wåäöÅÄÖ.]+)$", text[pos:m.start()])
            w = word.group(1).casefold() if word else ""
            if w in _ABBREV or w.rstrip(".") in _ABBREV or (len(w) == 1 and w.isalpha()):
                continue
            if w.isdigit() and not nxt[:1].isupper():
                continue
        # A sentence starts with a capital, a digit, a quote or a bullet.
        if not (nxt.isupper() or nxt.isdigit() or nxt in "»”\"'(–-•"):
            continue
        out.append((pos, end))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text.rstrip())))
    return out


# --- what a sentence is --------------------------------------------------------------------------

_SELF_WORDS = (
    r"förvaltningen|förvaltningarna|nämnden|nämnderna|stadsdelsnämnden|stadsdelsförvaltningen|"
    r"styrelsen|kommunstyrelsen|regionstyrelsen|landstingsstyrelsen|kommunen|regionen|landstinget|"
    r"myndigheten|verket|kontoret|kansliet|rådet|bolaget|förbundet|föreningen|organisationen|"
    r"inspektionen|universitetet|högskolan|domstolen|kollegiet|länsstyrelsen|fakulteten|"
    r"vi|oss|vår|vårt|våra|jag"
)
_POSITION_VERBS = (
    r"tillstyrk\w*|avstyrk\w*|anser|ansåg|menar|bedömer|bedömde|välkomnar|stödjer|stöder|"
    r"delar|avvisar|efterlyser|efterfrågar|saknar|avstår|instämmer|konstaterar|föreslår|förordar|"
    r"understryker|betonar|framhåller|påpekar|noterar|ifrågasätter|beklagar|uppskattar|förutsätter|"
    r"motsätter|accepterar|godtar|önskar|vill|ser|ställer|är|har|finner|rekommenderar|"
    r"tycker|uppmanar|varnar|tvivlar|befarar|oroas|tar\s+avstånd|lämnar|yttrar|avger|säger\s+(?:nej|ja)"
)
# "Förvaltningen anser", "anser förvaltningen", "Vi välkomnar", "Förvaltningen kan inte tillstyrka".
_VOICE_RE = re.compile(
    rf"\b[\wåäö]+s\s+(?:förvaltning|kansli|kontor|styrelse|nämnd)\s+(?:[\wåäö]+\s+){{0,2}}?(?:{_POSITION_VERBS})\b|"
    # "Miljönämnden i Halmstad ser positivt på …": a nämnd or office named by its compound as subject.
    rf"^(?:[0-9]{{1,2}}[.)]\s+)?[A-ZÅÄÖ][\wåäö]+(?:nämnden|styrelsen|förvaltningen|kontoret)(?:\s+i\s+[A-ZÅÄÖ][\wåäö]+)?\s+"
    rf"(?:[\wåäö]+\s+){{0,2}}?(?:{_POSITION_VERBS})\b|"
    rf"\b(?:{_SELF_WORDS})\s+(?:[\wåäö]+\s+){{0,3}}?(?:{_POSITION_VERBS})\b|"
    rf"\b(?:{_POSITION_VERBS})\s+(?:därför\s+|också\s+|även\s+|dock\s+|sammantaget\s+)?(?:{_SELF_WORDS})\b",
    re.IGNORECASE,
)
# Plain position verbs that speak for the writer wherever they stand.
_FIRST_PERSON_RE = re.compile(
    r"\b(?:tillstyrker|avstyrker|ställer\s+sig\s+(?:[\wåäö]+\s+){0,3}(?:bakom|positiv\w*|negativ\w*|kritisk\w*)|"
    r"har\s+(?:inget|inte\s+något|inga|inte\s+några)\s+(?:[\wåäö]+\s+){0,2}(?:att\s+erinra|invändningar|synpunkter|"
    r"att\s+invända|att\s+tillägga)|avstår\s+från)",
    re.IGNORECASE,
)
# An appraisal in the body's own sections: "Det är positivt att …", "Det vore olyckligt om …".
_APPRAISAL_RE = re.compile(
    r"^(?:det\s+(?:är|vore|blir)|detta\s+(?:är|vore))\s+(?:[\wåäö]+\s+){0,2}?"
    r"(?:positivt|bra|välkommet|glädjande|angeläget|viktigt|nödvändigt|rimligt|olyckligt|beklagligt|"
    r"tveksamt|oklart|otydligt|problematiskt|väsentligt|önskvärt|lämpligt|olämpligt|svårt|oroande)\b",
    re.IGNORECASE,
)
# Someone else is the subject: the proposal, its author, the remitting body.
_FOREIGN_SUBJECT_RE = re.compile(
    r"^(?:i\s+(?:promemorian|betänkandet|utredningen|remissen|förslaget)\s+)?"
    r"(?:utredningen|utredaren|utredarna|regeringen|departementet|kommittén|promemorian|betänkandet|"
    r"förslaget|förslagen|remissen|programmet|planen|strategin|propositionen|lagrådsremissen|"
    r"remissinstanserna|kommunstyrelsen\s+har\s+remitterat|[\wåäö-]+departementet)\b",
    re.IGNORECASE,
)
# Never the instans's view: the invitation and its deadlines, and the protokoll's procedure.
_NEVER_RE = re.compile(
    r"\bhar\s+(?:\w+\s+){0,3}remitterat\b|\bremitter(?:ats|ades)\s+till\b|"
    r"\b(?:har|hade)\s+(?:\w+\s+){0,2}(?:beretts|fått|getts|givits)\s+(?:\w+\s+){0,2}(?:möjlighet|tillfälle)\b|"
    r"\bhar\s+ombetts\b|\bhar\s+erbjudits\b|\bhar\s+(?:\w+\s+)?(?:mottagit|tagit\s+emot)\b|\bsamrådet\s+sker\b|"
    r"\bunder\s+perioden\b|\bsamrådstid\w*|"
    r"\b(?:översänds|överlämnas|överlämna|översända|lämnas|avges)\b[^.]{0,120}\bsom\s+(?:[\wåäö]+s\s+)?(?:eget\s+|sitt\s+)?"
    r"(?:yttrande|svar|samrådssvar|remissvar)\b|\bi\s+enlighet\s+med\s+(?:bifogad\w*\s+)?(?:skrivelse|bilaga|tjänsteutlåtande)|"
    r"\bför\s+fastställelse\b|\b(?:lämnar|avger)\s+(?:\w+\s+)?(?:yttrande|svar)\s+enligt\b|"
    r"\banmodat?s\b|\binkomma\s+med\s+(?:ett\s+)?(?:yttrande|synpunkter|svar)\b|"
    r"\bhar\s+lämnat\s+(?:ett|sitt)\s+(?:remiss)?(?:yttrande|svar)\s+(?:till|över)\b|"
    r"\bhar\s+beslutat\s+om\s+(?:detta|denna|det\s+här)\b|\bvid\s+(?:sitt\s+)?(?:ordinarie\s+)?sammanträde\b|\bpå\s+remiss\s+från\b|\binternremiss\w*|\bhar\s+(?:\w+\s+){0,2}anmodat\b|\bhar\s+inbjudits\b|\bsvar(?:et)?\s+(?:ska|skall|önskas)\s+(?:ha\s+)?(?:kommit\s+in|lämnas|inkomma)|"
    r"\b(?:yttrande|svar|synpunkter)\s+(?:ska\s+(?:ha\s+)?(?:lämnats|inkommit|kommit\s+in)\s+)?senast\b|"
    r"\bsenast\s+(?:den\s+)?[0-9]|\banstånd\b|\bförläng\w*\s+(?:svars|remiss)tid|\bremisstiden\b|"
    r"\bjusteras\s+omedelbart\b|\bomedelbar\s+justering\b|\bomedelbart\s+justera|\bjustering(?:en)?\b|"
    r"\byrkande\w*|\byrkar\b|\bvotering\w*|\bomröstning\w*|\bpropositionsordning\w*|\bajourner\w*|"
    r"\bröstade\b|\bröstar\b|\breservera\w*\b|\breservation\w*|\bprotokollsanteckning\w*|"
    r"\bärendet\s+har\s+(?:beretts|behandlats|föredragits)\b|\bhar\s+behandlats\s+i\b|\bföredrog\b|"
    r"\bföredragande\b|\barbetsutskott\w*|\bbeslutsgång\w*|\bförklara[rs]\s+(?:paragrafen\s+)?omedelbart|"
    r"\b(?:överlämnar|översänder|godkänner|antar|avger)\s+(?:[\wåäö]+\s+){0,3}(?:tjänsteutlåtande\w*|yttrande\w*|"
    r"skrivelse\w*|remissvar\w*)\s+(?:[\wåäö]+\s+){0,4}?(?:som\s+(?:svar|sitt|nämndens|styrelsens|eget)|"
    r"till\s+(?:kommunstyrelsen|regeringen|\w+departementet))|"
    r"\b(?:anmäls|anmäldes)\b|\bbeslutar\s+(?:i\s+enlighet\s+med|enligt)\s+(?:förvaltningens|ordförandens|"
    r"arbetsutskottets|kontorets)\s+förslag|\b(?:expedieras|skickas)\s+till\b|\bdiarie?n(?:umme)?r\b|"
    r"\bbilag(?:a|or)\s+[0-9]|\bsida\s+[0-9]+\s*\(|\bpå\s+uppdrag\s+av\b|"
    r"\bhar\s+(?:beslutats|fattats|avgjorts)\s+av\b|\befter\s+föredragning\b|\bslutliga\s+handläggningen\b|"
    r"\bhar\s+(?:även\s+|också\s+)?deltagit\b|\bdeltog\b|\bnärvarande\b",
    re.IGNORECASE,
)
# A sentence that leans on the one before it ("därför", "detta", "den bedömningen").
_ANAPHOR_RE = re.compile(
    r"^(?:(?:[\wåäö]+\s+){0,4}?(?:därför|därmed|således|alltså|detta|dessa|denna|det\s+förslaget|"
    r"den\s+bedömningen|de\s+förslagen|samma)\b|det\s+|den\s+|de\s+|dessutom|också|även|men|dock|"
    r"vidare|likaså|utöver\s+detta|i\s+övrigt)",
    re.IGNORECASE,
)
# Lines that are never part of a sentence: page furniture, addresses, phone, e-mail, web.
_FURNITURE_RE = re.compile(
    r"^(?:sid(?:a|an)?\s*)?[0-9]{1,3}\s*(?:\(\s*[0-9]{1,3}\s*\)|/\s*[0-9]{1,3}|av\s+[0-9]{1,3})?$|"
    r"^-\s*[0-9]{1,3}\s*-$|^[0-9]{3}\s?[0-9]{2}\s+[A-ZÅÄÖ]|"
    r"^(?:tel(?:efon)?|tfn|fax|e-?post|webb(?:plats)?|www\.|besöksadress|postadress|org(?:anisations)?\.?\s*nr|"
    r"växel|mobil|hemsida|bankgiro|plusgiro)\b|@[\w-]+\.[a-z]{2,}|^https?://|^[\w.-]+\.(?:se|com|nu|org)$|"
    r"^(?:dnr|diarienummer|vår\s+beteckning|er\s+beteckning|ert\s+datum|vårt\s+datum|datum|handläggare|"
    r"ert\s+dnr|vårt\s+dnr|er\s+ref(?:erens)?|vår\s+ref(?:erens)?|kopia\s+till|till:)\b",
    re.IGNORECASE,
)


# How the genre names the writer: "Svenska Röda Korset välkomnar", "Saco anser" (a name, then its verb).
_NAMED_VOICE_RE = re.compile(
    r"^(?:[A-ZÅÄÖ][\wåäöÅÄÖ&.-]*\s+){1,5}?(?:tillstyrker|avstyrker|välkomnar|stödjer|stöder|anser|bedömer|delar|"
    r"avvisar|efterlyser|efterfrågar|saknar|ställer\s+sig|instämmer|ser\s+(?:\w+\s+)?(?:positivt|negativt|med\s+oro)|"
    r"menar|konstaterar|vill|avstår|motsätter\s+sig|säger\s+(?:nej|ja)|förordar|understryker|betonar|är\s+(?:\w+\s+){0,3}?"
    r"(?:positiv|positiva|negativ|negativa|kritisk|kritiska|tveksam|tveksamma))\b"
)


def _voiced(text: str, own_names: Iterable[str]) -> bool:
    if _FOREIGN_SUBJECT_RE.match(text) and not re.search(rf"\b(?:{_SELF_WORDS})\b", text, re.IGNORECASE):
        return False
    if _VOICE_RE.search(text) or _FIRST_PERSON_RE.search(text) or _NAMED_VOICE_RE.match(text):
        return True
    low = text.casefold()
    for name in own_names:
        n = name.casefold()
        i = low.find(n)
        if i >= 0:
            after = low[i + len(n):i + len(n) + 60]
            if re.match(rf"\s+(?:[\wåäö]+\s+){{0,2}}?(?:{_POSITION_VERBS})\b", after):
                return True
    return False


_TERMINAL_RE = re.compile(r"[.!?:;][»”\"')\]]*$")


# Letterhead run into a sentence by the extraction: a postcode, a page marker, a reference label.
_LETTERHEAD_IN_RE = re.compile(
    r"\b[0-9]{3}\s?[0-9]{2}\s+[A-ZÅÄÖ][a-zåäö]+|\b[0-9]{1,3}\s*\(\s*[0-9]{1,3}\s*\)|@[\w-]+\.[a-z]{2,}|"
    r"\b(?:ert|vårt)\s+(?:diarienummer|dnr|datum)\b|\b(?:er|vår)\s+(?:beteckning|referens)\b|\bhandläggare\b",
    re.IGNORECASE,
)
# A heading the extraction ran into the text: "Bergs kommun Sammanfattning Länsstyrelsen anser …",
# "… daterat 1 mars Beredning Eslövs kommun är positiv …", "Övergripande synpunkter För att …".
_RUN_IN_HEADING_RE = re.compile(
    r"(?:^|\s)(?:Sammanfattning|Sammanfattande\s+synpunkter|Beredning|Bakgrund|Yttrande|Remissvar|"
    r"(?:Övergripande|Allmänna|Särskilda)\s+synpunkter|Synpunkter|Ärendet|Beslut|Förslag\s+till\s+beslut|"
    r"Bedömning|Ställningstagande)\s+(?=[A-ZÅÄÖ][a-zåäö])"
)


def trim_letterhead(sentence: str, own_names: Iterable[str]) -> str:
    """A sentence the extraction ran together with the letterhead ("1(1) … Dnr … Jämtlands läns landsting
    tillstyrker promemorians förslag.") or with a heading ("Bergs kommun Sammanfattning Länsstyrelsen
    anser …"): the writer's own sentence starts at its name before its verb, or after the heading.
    Returns the sentence unchanged when no such start is found."""
    heads = list(_RUN_IN_HEADING_RE.finditer(sentence))
    if heads:
        rest = sentence[heads[-1].end():]
        if len(rest.split()) >= 3:
            sentence = rest
    marks = list(_LETTERHEAD_IN_RE.finditer(sentence))
    if not marks:
        return sentence
    tail = sentence[marks[-1].end():]
    best = None
    for name in own_names:
        if not name or len(name) <= 3:
            continue
        for m in re.finditer(re.escape(name), tail):
            if re.match(rf"\s+(?:[\wåäö]+\s+){{0,2}}?(?:{_POSITION_VERBS})\b", tail[m.end():], re.IGNORECASE):
                best = m.start() if best is None else min(best, m.start())
                break
    return tail[best:] if best is not None else sentence


# A decision that states a position stays, procedure or not ("beslutar att tillstyrka förslaget").
_STANCE_WORD_RE = re.compile(
    r"\b(?:tillstyrk\w*|avstyrk\w*|ställ\w*\s+sig\s+bakom|inget\s+att\s+erinra|inga\s+invändningar|avvisa\w*)\b",
    re.IGNORECASE,
)


# The proposal described: "I ett av delförslagen föreslås …", "ska enligt förslaget ersätta …".
_DESCRIPTION_RE = re.compile(
    r"\b(?:föreslås|föreslogs|enligt\s+(?:förslaget|remissen|promemorian|betänkandet|utredningen|direktiven)|"
    r"remissen\s+innehåller|promemorian\s+innehåller|betänkandet\s+innehåller|utredningen\s+föreslår|"
    r"tillsatte\s+regeringen|regeringen\s+(?:beslutade|tillsatte|gav)|av\s+utredningsdirektiven)\b",
    re.IGNORECASE,
)


def _kind(sent: "_Sentence", role: str, own_names: Iterable[str]) -> str:
    """'voice', 'plain' (neutral text) or 'never' for one sentence in a section of `role`."""
    text = sent.text
    if _LETTERHEAD_IN_RE.search(text):
        return "never"
    if not sent.bullet:
        # A heading, a name, a letterhead line or a sentence cut off by the page: not a whole sentence.
        if not _TERMINAL_RE.search(text) or not (text[:1].isupper() or text[:1].isdigit() or text[:1] in "»”\"'("):
            return "never"
        if len(text.split()) <= 2:
            return "never"
    if _NEVER_RE.search(text) and not _STANCE_WORD_RE.search(text):
        return "never"
    if _voiced(text, own_names):
        return "voice"
    if _APPRAISAL_RE.match(text):
        return "voice"
    if _DESCRIPTION_RE.search(text) or _FOREIGN_SUBJECT_RE.match(text):
        return "desc"
    return "plain"


# --- the reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Position:
    """Whole sentences where the instans states its view, exactly as written."""

    text: str
    section: str  # the heading it stood under ("" before the first heading)
    line: int  # 1-based line of its first sentence in the cleaned text
    start: int
    end: int

    def as_json(self) -> dict[str, Any]:
        return {"text": self.text, "section": self.section or None, "line": self.line}


def _paragraph_sentences(lines: Lines, first: int, last: int, skip: set[int]) -> list[_Sentence]:
    """The sentences of lines first..last, in paragraphs, with skipped lines left out."""
    text = lines.text
    out: list[_Sentence] = []
    para = 0
    # A paragraph: a run of kept, non-blank lines. Bullet lines start their own item.
    blocks: list[list[int]] = []
    cur: list[int] = []
    pending_break = False
    for j in range(first, min(last + 1, len(lines))):
        s = lines[j].s
        # A letterhead line is short; a long line is body text run together by the extraction.
        if not s or (len(s) < 120 and (j in skip or _FURNITURE_RE.search(s))):
            if not s and cur:
                pending_break = True
            continue
        if pending_break:
            pending_break = False
            # A sentence running over a page break (blank line, page furniture) continues in lower case.
            tail = lines[cur[-1]].s
            if not (s[:1].islower() and not _TERMINAL_RE.search(tail)):
                blocks.append(cur)
                cur = []
        if cur and (_BULLET_RE.match(s) or _HEADING_LINE_RE.match(s)):
            blocks.append(cur)
            cur = []
        cur.append(j)
        if _HEADING_LINE_RE.match(s):
            blocks.append(cur)  # a numbered sub-heading stands alone
            cur = []
    if cur:
        blocks.append(cur)
    for block in blocks:
        # Join the block's lines; keep a map from joined offsets back to the cleaned text.
        pieces: list[str] = []
        offsets: list[int] = []  # cleaned-text offset of each joined character
        for j in block:
            ln = lines[j]
            lead = len(ln.text) - len(ln.text.lstrip())
            body = ln.text.strip()
            if pieces:
                pieces.append(" ")
                offsets.append(offsets[-1] + 1)
            pieces.append(body)
            offsets.extend(range(ln.start + lead, ln.start + lead + len(body)))
        joined = "".join(pieces)
        bullet = bool(_BULLET_RE.match(joined))
        for a, b in _split(joined):
            raw = joined[a:b]
            lead = len(raw) - len(raw.lstrip())
            s = " ".join(raw.split())
            if len(s) < 3 or not any(c.isalpha() for c in s):
                continue
            start = offsets[a + lead]
            end = offsets[max(a, b - 1)] + 1
            out.append(_Sentence(s, start, end, lines.line_of(start), para, bullet))
        para += 1
    del text
    return out


def _passages_of(sents: list[_Sentence], role: str, own_names: list[str]) -> list[list[_Sentence]]:
    for i, s in enumerate(sents):
        cut = trim_letterhead(s.text, own_names)
        if cut is not s.text:
            # The letterhead run into the body is left out; the body's own sentence stays, verbatim.
            sents[i] = _Sentence(cut, s.end - len(cut), s.end, s.line, s.paragraph, False)
    kinds = [_kind(s, role, own_names) for s in sents]
    keep = [False] * len(sents)
    if role == OWN:
        keep = [k in ("voice", "plain") for k in kinds]
    for i, k in enumerate(kinds):
        if not (k == "voice" or (role == OWN and keep[i])):
            continue
        keep[i] = True
        # A sentence leaning on the one before keeps it (same paragraph, not procedure).
        j = i
        while j > 0 and _ANAPHOR_RE.match(sents[j].text) and sents[j - 1].paragraph == sents[j].paragraph \
                and kinds[j - 1] != "never":
            keep[j - 1] = True
            j -= 1
    if role != OWN:
        # Within a paragraph, nothing between two kept sentences is dropped.
        # The first and last kept sentence of each paragraph bound it: one pass, not one per sentence
        # (a scan per sentence made a 2 MB text take seconds).
        span: dict[int, tuple[int, int]] = {}
        for i, s in enumerate(sents):
            if keep[i]:
                first, _ = span.get(s.paragraph, (i, i))
                span[s.paragraph] = (first, i)
        for i, s in enumerate(sents):
            bounds = span.get(s.paragraph)
            if not keep[i] and bounds and bounds[0] < i < bounds[1] and kinds[i] != "never":
                keep[i] = True
    # A kept sentence ending in a colon keeps the list it introduces.
    i = 0
    while i < len(sents):
        if keep[i] and sents[i].text.endswith(":"):
            j = i + 1
            while j < len(sents) and (sents[j].bullet or sents[j].paragraph == sents[i].paragraph) \
                    and kinds[j] != "never":
                keep[j] = True
                j += 1
            i = j
            continue
        i += 1
    # A kept list item whose introduction was not kept brings it along (the list means nothing alone).
    for i in range(len(sents)):
        if keep[i] and sents[i].bullet:
            j = i - 1
            while j >= 0 and sents[j].bullet:
                j -= 1
            if j >= 0 and sents[j].text.endswith(":") and not keep[j] and kinds[j] != "never":
                for k in range(j, i):
                    keep[k] = True
    # Group: consecutive kept sentences of one paragraph (a list stays with its introduction).
    groups: list[list[_Sentence]] = []
    for i, s in enumerate(sents):
        if not keep[i]:
            continue
        prev_kept = i > 0 and keep[i - 1]
        same = prev_kept and (s.paragraph == sents[i - 1].paragraph or s.bullet)
        if groups and same:
            groups[-1].append(s)
        else:
            groups.append([s])
    return groups


def find_positions(lines: Lines, sections: list, skip: set[int], own_names: Iterable[str] = ()) -> list[Position]:
    """The position passages of a cleaned document.

    `sections` are sections.Section objects (heading, key, line, start, end); `skip` holds the
    0-based line numbers the reader took as letterhead, address or contact lines.
    """
    names = [n for n in own_names if n and len(n) > 3]
    spans: list[tuple[str, str, int, int]] = []  # (heading, role, first line, last line)
    n = len(lines)
    first_head = sections[0].line if sections else n
    if first_head > 0:
        spans.append(("", MIXED, 0, first_head - 1))
    for i, s in enumerate(sections):
        last = sections[i + 1].line - 1 if i + 1 < len(sections) else n - 1
        role = section_role(s.key)
        if _SUMMARY_RE.search(s.key) or _DECISION_RE.search(s.key):
            role = MIXED
        spans.append((s.heading, role, s.line + 1, last))
    heading_lines = {s.line for s in sections}
    out: list[Position] = []
    for heading, role, a, b in spans:
        if role == NEVER or b < a:
            continue
        sents = _paragraph_sentences(lines, a, b, skip | heading_lines)
        for group in _passages_of(sents, role, names):
            text = _join(group)
            if len(text) < 12:
                continue
            out.append(Position(text, heading, group[0].line + 1, group[0].start, group[-1].end))
    return out


def _join(group: list[_Sentence]) -> str:
    out = ""
    for i, s in enumerate(group):
        if i and s.bullet:
            out += "\n" + s.text
        elif i:
            out += " " + s.text
        else:
            out = s.text
    return out


def position_sentences(positions: Iterable[Position]) -> list[str]:
    """Every sentence of the passages, for readers that weigh one sentence at a time."""
    out: list[str] = []
    for p in positions:
        for a, b in _split(p.text.replace("\n", " ")):
            s = p.text.replace("\n", " ")[a:b].strip()
            if s:
                out.append(s)
    return out
