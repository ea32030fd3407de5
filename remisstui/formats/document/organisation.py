"""Which body answers: names in the text weighed by what the text says about them.

A registrator's eye: the answering body is the one that "lämnar följande yttrande", "har beretts
tillfälle att yttra sig", whose "yttrande" it is ("Norsjö kommuns yttrande över ..."), that
"tillstyrker", or that the letterhead names. It is never the body the answer goes to ("Till
Finansdepartementet", "Att: Vattenmyndigheten"), the remiss's sender ("Remiss från X", "X har
remitterat"), a ministry, or the inquiry whose proposal is answered ("Målutredningen").

Each occurrence of a name gets points from the words around it; the points of one body are summed
and the best wins. When two bodies come close, a warning says so. Only the first and last part of a
long text are read (the answering body is named there), so time stays bounded.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ...domain.register import Register, name_key
from .lines import Lines
from .public_bodies import public_body_names, public_body_short_forms

HEAD_CHARS = 15000
TAIL_CHARS = 4000

_U = "A-ZÅÄÖÉÜ"
_W = r"[\wåäöÅÄÖéü-]"
# Names by their form. Every alternative is linear: bounded repetitions, no nesting.
_SUFFIXES = (
    "verket|myndigheten|styrelsen|inspektionen|kollegiet|kollegium|nämnden|rådet|ombudsmannen|institutet|"
    "universitetet|högskolan|domstolen|förbundet|förvaltningen|kontoret|stiftelsen|akademien|banken|"
    "polisen|kansliet|ämbetet|fonden|delegationen|centralen|kriminalvården|tullverket|kustbevakningen|"
    "lantmäteriet|kommunförbund|regionförbundet"
)
_SHAPE_RE = re.compile(
    rf"(?:[{_U}]{_W}{{0,40}}(?:{_SUFFIXES})(?: för [a-zåäö-]{{2,30}}(?: (?:och|i|av|för|med) [a-zåäö-]{{2,30}}| [a-zåäö-]{{2,30}}){{0,4}})?"
    rf"|(?:Myndigheten|Inspektionen|Institutet|Nämnden|Rådet|Delegationen|Centrum|Verket|Ombudsmannen) för [a-zåäö-]{{2,30}}(?: (?:och|i|av|för|med) [a-zåäö-]{{2,30}}| [a-zåäö-]{{2,30}}){{0,4}}"
    rf"|Statens [a-zåäö-]{{2,30}}(?: [a-zåäö-]{{2,30}}){{0,3}}"
    rf"|Region [{_U}][\wåäö-]{{1,30}}(?: [{_U}][\wåäö-]{{1,30}})?"
    rf"|Länsstyrelsen (?:i )?[{_U}][\wåäö-]{{1,30}}(?: [{_U}][\wåäö-]{{1,30}})?(?: län)?"
    rf"|Landstinget (?:i )?[{_U}][\wåäö-]{{1,30}}"
    rf"|[{_U}][\wåäö-]{{1,30}}(?: [{_U}][\wåäö-]{{1,30}})? (?:kommun|stad|läns landsting|landsting|universitet|tingsrätt|hovrätt)"
    rf"|Mark- och miljödomstolen|Sveriges Kommuner och Regioner)"
)
# Words that end a name found by form: "Myndigheten för samhällsskydd och beredskap har ..."
_STOP_WORDS = {
    "har", "är", "lämnar", "anser", "tillstyrker", "avstyrker", "ställer", "vill", "delar", "som", "instämmer",
    "välkomnar", "bedömer", "kan", "ska", "ser", "yttrar", "avstår", "hade", "menar", "finner", "noterar",
    "och", "i", "av", "för", "med", "vid", "till", "den", "det", "att", "inte", "även", "också", "därför",
    "sig", "på", "om", "enligt", "gällande", "avseende", "från", "över", "under", "efter", "så",
}
_GLUED_WORDS = {"ärendet", "yttrande", "remissvar", "tjänsteutlåtande", "beslut", "protokoll", "till", "från",
                "dnr", "datum", "handläggare", "kommunstyrelsen", "regionstyrelsen"}
_NEVER_RE = re.compile(
    r"(?:departementet|utredningen|kommittén|kommissionen|betänkandet|regeringen|regeringskansliet|"
    r"promemorian|lagrådet)s?$",
    re.IGNORECASE,
)
_GENERIC = {
    "förvaltningen", "nämnden", "stadsdelsnämnden", "styrelsen", "kontoret", "myndigheten", "regionen",
    "kommunen", "verket", "rådet", "förbundet", "stadsdelsförvaltningen", "föreningen", "institutet",
    "landstinget", "universitetet", "högskolan", "domstolen", "kansliet", "fonden", "delegationen",
    "stiftelsen", "inspektionen", "polisen", "banken", "kollegiet", "stad", "kommun", "staden",
    "länsstyrelsen", "akademien", "samfundet", "ämbetet", "ombudsmannen", "föreningen",
}
_OFFICE_RE = re.compile(r"(?:förvaltningen|förvaltning|kontoret|kontor|kansliet)$", re.IGNORECASE)

# --- what the words around a name say ------------------------------------------------------
_APPOS = r"(?:\s*\([^()\n]{1,60}\))?(?:,[^,.\n]{1,160},)?(?:\s+till [^,.\n]{1,50}?)?"
_ANSWER_AFTER_RE = re.compile(
    rf"^{_APPOS}\s+(?:har\s+(?:beretts|erbjudits|getts|givits|fått|ombetts|mottagit|granskat|inget|inga|"
    r"inte\s+några|ingen|inbjudits|anmodats)|ges\s+tillfälle|lämnar|yttrar\s+sig|tillstyrker|avstyrker|ställer\s+sig|"
    r"är\s+(?:\w+\s+){0,4}(?:positiv|negativ|kritisk|tveksam)|anser|delar|instämmer|välkomnar|avstår|"
    r"stödjer|stöder|ogillar|motsätter\s+sig|håller\s+med|ser\s+positivt|bedömer|"
    r"överlämnar|avger|vill\s+(?:framhålla|påpeka|lyfta|understryka|betona|framföra|lämna))",
    re.IGNORECASE,
)
_ANSWER_NOUN_RE = re.compile(
    r"^(?::s|s)\s+(?:\w+\s+)?(?:yttrande|yttranden|remissvar|remissyttrande|samrådssvar|svar|synpunkter|"
    r"uppfattning|ställningstagande|bedömning)\b",
    re.IGNORECASE,
)
_ANSWER_BEFORE_RE = re.compile(
    r"(?:(?:anser|vill|delar|instämmer|bedömer|tillstyrker|avstyrker|välkomnar|ser|menar|"
    r"konstaterar|noterar|pekar)(?:\s+(?:därför|också|även|dock))?|berett|yttrande\s+från|skrivelse\s+från|"
    r"svar\s+från|remissvar\s+från|för\s+rådet|för)\s+$",
    re.IGNORECASE,
)
_INVERTED_VERB_RE = re.compile(
    r"(?<![\wåäö])(?:har|anser|vill|ställer|delar|tillstyrker|avstyrker|bedömer|lämnar|menar|välkomnar)\s+$",
    re.IGNORECASE,
)
_INVERTED_AFTER_RE = re.compile(
    r"^\s+(?:inga|inget|inte|därför|också|även|dock|sig|följande|positivt|att|ingen)\b", re.IGNORECASE
)
_FOR_YTTRANDE_AFTER_RE = re.compile(r"^\s+(?:för\s+yttrande|tillfälle|möjlighet)", re.IGNORECASE)
_DECIDING_BEFORE_RE = re.compile(r"(?:föreslår\s+(?:att\s+)?|föreslå\s+|yrkar\s+att\s+)$", re.IGNORECASE)
_DECIDING_AFTER_RE = re.compile(r"^\s+(?:besluta|beslutar|föreslås\s+besluta)\b", re.IGNORECASE)
_SENDER_AFTER_RE = re.compile(
    r"^s?\s+(?:har\s+(?:remitterat|genom\s+remiss|översänt|bjudit\s+in|skickat)|remitterar)", re.IGNORECASE
)
_ADDRESSEE_BEFORE_RE = re.compile(r"(?:^|\s)(?:till|att:?|remiss\s+från|från|hos)\s*$", re.IGNORECASE)
_VID_AFTER_RE = re.compile(r"^ vid ")
_CITED_BEFORE_RE = re.compile(
    r"(?<![\wåäöÅÄÖ])(?:delar|instämmer\s+i|enligt|likhet\s+med|liksom|hänvisar\s+till|ansluter\s+sig\s+till|stödjer|stöder|"
    r"välkomnar|noterar|beaktar|och|samt|till|i|med|av|om|på|från|mot|inför)\s+$",
    re.IGNORECASE,
)
_REVIEWED_NOUN_RE = re.compile(
    r"^(?::s|s)\s+(?:\w+\s+)?(?:rapport|rapporten|förslag|promemoria|utredning|betänkande|redovisning|utkast|"
    r"vägledning|föreskrifter|föreskrift|handbok|slutrapport|delrapport|regeringsuppdrag)\b",
    re.IGNORECASE,
)
_REVIEWED_BEFORE_RE = re.compile(r"(?:rapport|rapporten|promemoria|förslag|utredning)\s+från\s+$", re.IGNORECASE)
_ANAPHOR_STEMS = {
    "kommunen": "kommun", "staden": "stad", "regionen": "region", "landstinget": "landsting",
    "kollegiet": "kolleg", "verket": "verk", "myndigheten": "myndighet", "inspektionen": "inspektion",
    "länsstyrelsen": "länsstyrelse", "förbundet": "förbund", "föreningen": "förening", "rådet": "råd",
    "institutet": "institut", "universitetet": "universitet", "högskolan": "högskola", "akademien": "akademi",
    "ämbetet": "ämbet", "ombudsmannen": "ombudsman", "nämnden": "nämnd", "styrelsen": "styrelse",
}
_ANAPHOR_RE = re.compile(
    r"(?:(?:^|(?<![0-9])[.!?]\s+|\n\s*)(" + "|".join(w.capitalize() for w in _ANAPHOR_STEMS) + r")"
    r"|\b(?:har|anser|vill|ställer|delar|tillstyrker|avstyrker|ser|bedömer|lämnar|menar|konstaterar|välkomnar)"
    r"\s+(" + "|".join(_ANAPHOR_STEMS) + r"))\b"
)
_COMMITTEE_RE = re.compile(
    r"(?:kommun|region|landstings)(?:styrelsen|fullmäktige)|kommunstyrelsens arbetsutskott", re.IGNORECASE
)
_SUBJECT_VERB_RE = re.compile(
    r"^\s+(?:har|är|vill|kan|ser|menar|saknar|noterar|konstaterar|understryker|betonar|framhåller|"
    r"påpekar|efterfrågar|förordar|avvisar|beklagar|uppskattar|tycker)\b"
)


# --- names in no list, recognised by the genre ---------------------------------------------
# A capitalised name of one to five words; "och"/"i"/"för" may join its parts ("Sveriges Kommuner och
# Regioner", "Kungl. Skogs- och Lantbruksakademien").
_CAP = r"(?:[A-ZÅÄÖÉ][\wåäöéü&.-]{0,30}|[A-ZÅÄÖ]{2,8})"
_GNAME_CAPS = rf"{_CAP}(?:(?: (?:och|i|för))? {_CAP}){{0,4}}"
# "Sveriges läkarförbund", "Idéburna skolors riksförbund": lower-case words ending in what names a body.
_GNAME_LOWER = (
    rf"{_CAP}(?: [a-zåäö]+s)? [a-zåäö]*(?:förbund|förbundet|förening|föreningen|råd|rådet|organisation|"
    r"organisationen|akademi|akademien|samfund|samfundet|institut|institutet|nätverk|nätverket|riksförbund)"
)
_GNAME = rf"(?:{_GNAME_LOWER}|{_GNAME_CAPS})"
_GENRE_RES = (
    # "Hyresgästföreningens remissvar", "Svenska Röda Korsets synpunkter", "LRF:s yttrande"
    re.compile(rf"(?<![\w-])({_GNAME})(?::s|s) (?:remissvar|yttrande|remissyttrande|synpunkter|svar på)\b"),
    # "Idéburna skolors riksförbunds" alone on a line above "Remissvar på betänkandet ..."
    re.compile(rf"(?:^|\n)\s*({_GNAME})(?::s|s)[ ]*\n\s*(?:[Rr]emissvar|[Yy]ttrande|[Rr]emissyttrande|REMISSVAR|YTTRANDE)\b"),
    # "Det skriver LRF i sitt remissvar", "skriver Fastighetsägarna Sverige i sitt remissvar"
    re.compile(rf"\bskriver ({_GNAME})(?: och [^.\n]{{1,60}}?)? i (?:sitt|sina|ett) (?:remissvar|yttrande)"),
    # "Synpunkter från X", "Remissvar från X", "Yttrande från X"
    re.compile(rf"(?:^|\n)(?:[Ss]ynpunkter|[Rr]emissvar|[Yy]ttrande|[Rr]emissyttrande) från ({_GNAME})"),
    # "Svenska Fritidsbåtsförbundet (SFBF)": the name before its parenthesised short form
    re.compile(rf"(?:^|\n|(?<![0-9])[.!?]\s+)({_GNAME}) \([A-ZÅÄÖ][A-Za-zÅÄÖåäö]{{1,7}}\),? (?:har|är|anser|"
               r"välkomnar|lämnar|tillstyrker|avstyrker|stödjer|ställer|organiserar|företräder|representerar|"
               r"vill|delar|ser|instämmer)\b"),
    # "Vi på Friluftsfrämjandet välkomnar ..."
    re.compile(rf"\b[Vv]i (?:på|i|inom) ({_GNAME}) (?:har|är|anser|välkomnar|tillstyrker|avstyrker|ser|vill|stödjer|delar)\b"),
    # "För Svensk Båtturism" alone on a line: the signature block
    re.compile(rf"(?:^|\n)För ({_GNAME})[ ]*\n"),
    # "Om X:" opening the body's own presentation
    re.compile(rf"(?:^|\n)Om ({_GNAME})(?: \([^()\n]{{2,20}}\))?:"),
    # "X tillstyrker", "X välkomnar", "X är på det stora hela positiva" at a sentence's start
    re.compile(
        rf"(?:^|(?<![0-9])[.!?:]\s+|\n\s*|[•▪-]\s*|\b(?:Beslut|Sammanfattning|Ärendet|Bakgrund|Yttrande|Synpunkter) )"
        rf"({_GNAME})(?:,? \(?[A-ZÅÄÖ]{{2,8}}\)?,?)? (?:tillstyrker|avstyrker|välkomnar|anser|stödjer|stöder|ogillar|"
        r"instämmer|ställer sig|motsätter sig|har beretts|har fått (?:möjlighet|tillfälle)|har ombetts|"
        r"har (?:\w+ ){1,6}?beretts (?:tillfälle|möjlighet)|har inga (?:synpunkter|invändningar)|"
        r"har fått (?:\w+ ){0,3}(?:på remiss|remissen|för yttrande)|har lämnat (?:ett |sitt |följande )?(?:remissvar|yttrande|synpunkter)|"
        r"yttrar sig|är remissinstans|lämnar synpunkter|överlämnar (?:bifogade?|bilagan?|härmed|följande)|godkänner|"
        r"har inbjudits|lämnar (?:följande|härmed)|är (?:\w+ ){0,4}(?:positiv|positiva|negativ|negativa|kritisk|kritiska))\b"
    ),
)
# Words that start sentences and are no body's name.
_NOT_A_NAME = {
    "vi", "jag", "det", "den", "detta", "denna", "dessa", "de", "man", "han", "hon", "många", "flera", "alla",
    "ingen", "inget", "även", "också", "dock", "samtidigt", "därför", "sammanfattningsvis", "slutligen",
    "utredaren", "utredarna", "förslaget", "förslagen", "promemorian", "lagförslaget", "remissen",
    "organisationen", "remissinstansen", "remissinstanserna", "medlemmarna", "kommunerna", "regionerna",
    "myndigheterna", "företagen", "landstingen", "länsstyrelserna", "staten", "sverige", "eu", "ämbetet",
    "akademien", "sektionen", "avdelningen", "enheten", "universitetet", "fakulteten", "fakultetsnämnden",
    "styrgruppen", "arbetsgruppen", "gruppen", "sammanfattning", "bakgrund", "ärendet", "beslut",
    "sammantaget", "generellt", "vidare", "övergripande", "principiellt", "huvudsakligen", "därutöver",
    "likaså", "dessutom", "emellertid", "således", "alltså", "överlag", "totalt", "väsentliga", "flertalet",
    "samtliga", "övriga", "andra", "några", "båda", "här", "där", "nu", "idag", "i dag",
}


def _fold_plain(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.casefold().translate(str.maketrans("åäöéü", "aaoeu")))


def _domains(text: str) -> set[str]:
    """The names of the web and mail domains in the text ("saco" of "helena.larsson@saco.se")."""
    return {_fold_plain(d) for d in re.findall(r"(?:www\.|@)([a-z0-9åäö-]{2,40})\.(?:se|nu|org|com|eu)\b",
                                                text, re.IGNORECASE)}


def genre_names(text: str):
    """(name, start, end) of bodies the text names the way remissvar name their authors."""
    for rx in _GENRE_RES:
        for m in rx.finditer(text):
            name = m.group(1)
            words = name.split()
            # "Det skriver ...": drop a sentence opener glued in front of the name.
            while words and words[0].casefold() in _NOT_A_NAME:
                words = words[1:]
            name = " ".join(words)
            if len(name) < 2 or name.casefold() in _NOT_A_NAME or name.casefold() in _GENERIC:
                continue
            if _NEVER_RE.search(name):
                continue
            start = m.start(1) + m.group(1).find(name)
            yield name, start, start + len(name)


def strong_genre_at(text: str) -> set[int]:
    """Where the genre names its author beyond doubt: every pattern but a capitalised word before a
    stance verb ("Väsentliga delar ..." could open any sentence), unless that verb is the set phrase
    "har beretts", "har fått tillfälle", "lämnar följande" ..."""
    out: set[int] = set()
    last = _GENRE_RES[-1]
    for rx in _GENRE_RES:
        for m in rx.finditer(text):
            if rx is last and not re.match(r"[^ ]*(?:,[^,]*,)? (?:har|lämnar|överlämnar|godkänner|är remissinstans)",
                                           text[m.end(1):m.end()]):
                continue
            out.add(m.start(1))
    return out


@dataclass
class OrgResult:
    name: str
    start: int
    end: int
    in_register: bool
    known: bool
    warnings: list[str]
    unsure: str = ""  # why the text does not clearly make this body the author ("" = it does)


_HOME_RE = re.compile(
    rf"(?:[{_U}][\wåäö-]{{1,30}}(?: [{_U}][\wåäö-]{{1,30}})? (?:[Kk]ommun|[Ss]tad|KOMMUN|STAD|läns landsting)"
    rf"|Region [{_U}][\wåäö-]{{1,30}}(?: [{_U}][\wåäö-]{{1,30}})?|REGION [{_U}]{{2,30}})"
)


def letterhead_home(lines: Lines) -> tuple[str, int, int] | None:
    """A kommun or region alone on a letterhead line or cell: the body its offices belong to."""
    nonblank = [ln for ln in lines.lines[:40] if ln.s][:6]
    for ln in nonblank:
        pos = 0
        for cell in re.split(r"\s{2,}|\|", ln.text):
            idx = ln.text.find(cell, pos)
            pos = idx + len(cell)
            c = cell.strip(" ,.")
            if c and _HOME_RE.fullmatch(c):
                off = ln.start + idx + (len(cell) - len(cell.lstrip()))
                return _title_case(c), off, off + len(c)
    return None


def _title_case(s: str) -> str:
    letters = [c for c in s if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        words = s.split()
        out = []
        for i, w in enumerate(words):
            low = w.lower()
            out.append(low if i > 0 and low in ("kommun", "stad", "län", "läns", "landsting", "och", "i", "för")
                       else w.capitalize())
        return " ".join(out)
    return s


def _trim(name: str) -> str:
    words = name.split()
    # A heading glued in front ("Sammanfattning Falu kommun", "Ärendet Kulturdepartementet") is no part.
    from .sections import KNOWN_HEADINGS

    while len(words) > 2 and (words[0].casefold() in KNOWN_HEADINGS or words[0].casefold() in _GLUED_WORDS):
        words = words[1:]
    keep: list[str] = []
    for i, w in enumerate(words):
        if i > 0 and w.lower() in _STOP_WORDS and not (
            w.lower() in ("och", "i", "för", "av", "med") and i + 1 < len(words)
            and words[i + 1].lower() not in _STOP_WORDS and keep and keep[0].lower() != "statens"
        ):
            break
        keep.append(w)
    while keep and keep[-1].lower() in _STOP_WORDS:
        keep.pop()
    return " ".join(keep).rstrip(",.")


def _base(name: str, lookup: dict[str, str]) -> str:
    """'Norsjö kommuns' -> 'Norsjö kommun', 'Trafikverkets' -> 'Trafikverket' (genitive away)."""
    if name_key(name) in lookup:
        return name
    if name.endswith("s") and len(name) > 4:
        cand = name[:-1]
        # "Myndigheten för vårdanalys" ends in s of its own; only a known name loses it there.
        if name_key(cand) in lookup or (_SHAPE_RE.fullmatch(cand) and " för " not in name):
            return cand
    return name


def _tokens(text: str):
    return [(m.group(), m.start(), m.end()) for m in re.finditer(r"[^\W\d_][\w.-]*", text)]


def _known_occurrences(text: str, base: int, lookup: dict[str, str], max_words: int,
                       short_forms: dict[str, str] | None = None):
    """Known names in `text`: `lookup` in any case, `short_forms` ("MSB", "Skolverket") only as written."""
    toks = _tokens(text)
    short_forms = short_forms or {}
    i = 0
    while i < len(toks):
        hit = None
        for n in range(min(max_words, len(toks) - i), 0, -1):
            a, b = toks[i][1], toks[i + n - 1][2]
            phrase = text[a:b]
            for cand in (phrase, phrase[:-1] if phrase.endswith("s") else None):
                if cand and (name_key(cand) in lookup or (n == 1 and cand in short_forms)):
                    hit = (cand, a, a + len(cand), n)
                    break
            if hit:
                break
        if hit:
            yield hit[0], base + hit[1], base + hit[2]
            i += hit[3]
        else:
            i += 1



def head_line_numbers(lines: Lines) -> set[int]:
    """The letterhead and signature lines: the first six and last eight non-blank ones."""
    nonblank = [ln for ln in lines.lines if ln.s]
    return {ln.no for ln in nonblank[:6] + nonblank[-8:]}


def occurrence_points(lines: Lines, head_lines: set[int], a: int, b: int, written: str) -> tuple[float, bool]:
    """What the words around one mention of a body say: the points it earns as the author (negative
    for the addressee or the remiss's sender), and whether it is named as the deciding body."""
    text = lines.text
    is_deciding = False
    before = text[max(0, a - 60) : a]
    after = text[b : b + 220]
    written_gen = text[b : b + 1] == "s" or written.endswith("s")
    pts = 0.0
    # "delar Trafikverkets bedömning", "i Länsstyrelsens rapport": another body's view, cited.
    cited = (written_gen or after.startswith(":s")) and bool(_CITED_BEFORE_RE.search(before))
    if _ANSWER_NOUN_RE.match(after if not written.endswith("s") else "s" + after) and (written_gen or after.startswith(":s")) \
            and not cited:
        pts += 5
    if _ANSWER_AFTER_RE.match(after) and not re.search(r"(?<![\wåäö])till\s+$", before, re.IGNORECASE):
        pts += 4  # (not "Sala kommun till Landstinget Västmanland yttrar sig": the addressee)
    if _ANSWER_BEFORE_RE.search(before) and not cited:
        pts += 5 if re.search(r"berett\s+$|från\s+$", before, re.IGNORECASE) else 3
    if re.search(r"\btill\s+$", before, re.IGNORECASE) and _FOR_YTTRANDE_AFTER_RE.match(after):
        pts += 4
    if _INVERTED_VERB_RE.search(before) and _INVERTED_AFTER_RE.match(after) and not written_gen:
        pts += 4  # "Därför har kommunen inga synpunkter", "I likhet med X anser Domstolsverket att"
    if re.search(r"\bhar\s+till\s+$", before, re.IGNORECASE) and re.match(r"^\s+(?:remitterat|översänt)", after):
        pts += 5  # "Departementet har till X remitterat betänkandet": X is asked, X answers
    if _DECIDING_BEFORE_RE.search(before) and _DECIDING_AFTER_RE.match(after) or re.match(
        r"^\s+föreslås\s+besluta", after, re.IGNORECASE
    ):
        pts += 2
        is_deciding = True
    if pts == 0 and re.search(r"(?:^|[.!?]\s+|\n\s*)$", before) and _SUBJECT_VERB_RE.match(after) \
            and not _SENDER_AFTER_RE.match(after):
        # The subject of a sentence of its own ("Universitetskanslersämbetet har förståelse för ..."):
        # a remissvar speaks of its author so, sentence after sentence.
        pts += 2
    if pts == 0:
        if _SENDER_AFTER_RE.match(after) or re.search(r"remiss\s+från\s+$", before, re.IGNORECASE):
            pts -= 4
        elif _ADDRESSEE_BEFORE_RE.search(before):
            pts -= 2
    ln = lines[lines.line_of(a)]
    if ln.no in head_lines:
        cells = [c.strip(" |,.") for c in re.split(r"\s{2,}|\|", ln.text)]
        if any(name_key(c) == name_key(written) for c in cells) or a - ln.start < 3:
            if not _ADDRESSEE_BEFORE_RE.search(before[-8:]):
                pts += 3
        elif a < 400:
            pts += 1
    elif a < 300:
        pts += 1
    return pts, is_deciding


def find_answering_body(lines: Lines, register: Register, senders: set[str]) -> OrgResult | None:
    text = lines.text
    reg_lookup: dict[str, str] = {}
    for org in register.organisations:
        reg_lookup.setdefault(name_key(org.name), org.name)
        for f in org.former_names:
            reg_lookup.setdefault(name_key(f), org.name)
    pub_lookup = public_body_names()
    short_forms = public_body_short_forms()
    lookup = dict(pub_lookup)
    lookup.update(reg_lookup)
    sender_keys = {name_key(s) for s in senders}

    windows = [(0, text[:HEAD_CHARS])]
    if len(text) > HEAD_CHARS:
        tail_start = max(HEAD_CHARS, len(text) - TAIL_CHARS)
        windows.append((tail_start, text[tail_start:]))

    occ: dict[int, tuple[str, int]] = {}  # start -> (name as written, end)
    for base, chunk in windows:
        for m in _SHAPE_RE.finditer(chunk):
            name = _trim(m.group())
            if name:
                occ[base + m.start()] = (name, base + m.start() + len(name))
        max_words = 8
        for name, a, b in _known_occurrences(chunk, base, lookup, max_words, short_forms):
            prev = occ.get(a)
            if prev is None or len(prev[0]) <= len(name):
                occ[a] = (name, b)
    # Bodies in no list (interest organisations, companies, associations) by how the genre names them.
    genre_at: set[int] = set()  # occurrences the genre itself names as the author
    genre_found: set[str] = set()
    for base, chunk in windows:
        for name, a, b in genre_names(chunk):
            genre_at.add(base + a)
            genre_found.add(name)
            if base + a not in occ and not any(x < base + a < y for x, (_n, y) in occ.items()):
                # A shorter name found inside it ("Fritidsbåtsförbundet" in "Svenska Fritidsbåtsförbundet")
                # is this one.
                for x in [x for x, (_n, y) in occ.items() if base + a < x < base + b and y <= base + b]:
                    del occ[x]
                occ[base + a] = (name, base + b)
    # Every other mention of a body the genre named ("Storsthlm anser ..." further down) counts too.
    for name in genre_found:
        if name_key(name) in lookup:
            continue
        rx = re.compile(r"(?<![\wåäöÅÄÖ])" + re.escape(name) + r"(?=s\b|:s\b|[^\wåäöÅÄÖ]|$)")
        for base, chunk in windows:
            for m in rx.finditer(chunk):
                a = base + m.start()
                if a not in occ and not any(x <= a < y for x, (_n, y) in occ.items()):
                    occ[a] = (name, base + m.end())
    # A short form met as written ("MSB") counts for its body; lower-case "msb" elsewhere stays unknown
    # to the scan above, since the scan is done before these keys join the lookup.
    for a, (name, b) in occ.items():
        if name in short_forms and name_key(name) not in lookup:
            lookup[name_key(name)] = short_forms[name]

    # "Myndigheten för vård- och omsorgsanalys (Vård- och omsorgsanalys)": the short form is an alias.
    aliases: dict[str, str] = {}
    for a, (name, b) in list(occ.items()):
        m = re.match(r"\s*\(([^()\n]{2,50})\)", text[b : b + 60])
        if m and m.group(1)[:1].isupper():
            alias = m.group(1).strip()
            aliases[name_key(alias)] = name
            for am in re.finditer(re.escape(alias), text[: HEAD_CHARS]):
                if am.start() != b + m.start(1) - 0 and am.start() not in occ:
                    occ[am.start()] = (alias, am.end())
    # "Sveriges läkarförbund" ... "Läkarförbundet anser": the definite form of its last word is the body.
    for name in genre_found:
        words = name.split()
        if len(words) > 1 and words[-1].islower():
            last = words[-1]
            for definite in (last + "et", last + "en", last + "n"):
                aliases.setdefault(name_key(definite), name)

    head_lines = head_line_numbers(lines)

    scores: dict[str, float] = defaultdict(float)
    written_forms: dict[str, set[str]] = defaultdict(set)
    mentions: dict[str, int] = defaultdict(int)
    anaphor_credit: dict[str, bool] = {}
    deciding: dict[str, bool] = defaultdict(bool)
    best_occ: dict[str, tuple[float, int, int, str]] = {}
    for a, (name, b) in sorted(occ.items()):
        written = name
        key_name = aliases.get(name_key(name), name)
        key_name = _base(key_name, lookup)
        folded = name_key(key_name)
        if folded in _GENERIC or _NEVER_RE.search(key_name) or folded in sender_keys or len(key_name) < 3:
            continue
        canonical = lookup.get(folded) or lookup.get(folded + " kommun") or key_name
        if _VID_AFTER_RE.match(text[b : b + 220]):
            continue  # "X vid Y": the unit's words count for the body it belongs to
        pts, is_deciding = occurrence_points(lines, head_lines, a, b, written)
        if is_deciding:
            deciding[canonical] = True
        if a in genre_at:
            pts = max(pts, 4)
        scores[canonical] += pts
        mentions[canonical] += 1
        written_forms[canonical].add(_base(key_name, lookup))
        cur = best_occ.get(canonical)
        if cur is None or pts > cur[0]:
            best_occ[canonical] = (pts, a, b, written)
    # "Områdesnämnden för humanvetenskap vid Stockholms universitet har ombetts ...": credit the body.
    for a, (name, b) in sorted(occ.items()):
        if not _VID_AFTER_RE.match(text[b : b + 5]):
            continue
        rest = text[b + 5 : b + 5 + 120]
        for a2, (name2, b2) in occ.items():
            if a2 == b + 5:
                canonical = lookup.get(name_key(_base(name2, lookup)), _base(name2, lookup))
                if _ANSWER_AFTER_RE.match(text[b2 : b2 + 220]):
                    scores[canonical] += 4
                    cur = best_occ.get(canonical)
                    if cur is None:
                        best_occ[canonical] = (4, a2, b2, name2)
                break
        del rest
    # "Kollegiet ställer sig frågande", "har kommunen inga synpunkter": the text refers to its author by
    # the kind of body it is; that counts for the one named body of that kind.
    for base, chunk in windows:
        for m in _ANAPHOR_RE.finditer(chunk):
            g = 1 if m.group(1) else 2
            word = m.group(g)
            stem = _ANAPHOR_STEMS[word.casefold()]
            kinds = [n for n in scores if any(w.startswith(stem) or w.endswith(stem) or stem in w
                                               for w in name_key(n).split())
                     and name_key(n) not in sender_keys]
            if len(kinds) != 1:
                continue
            a, b = base + m.start(g), base + m.end(g)
            pts, _dec = occurrence_points(lines, head_lines, a, b, word)
            if pts > 1:
                scores[kinds[0]] += pts
                anaphor_credit[kinds[0]] = True
    # The author of the work under review ("Remiss av Boverkets rapport", "rapport från Trafikanalys")
    # proposes and judges in its own report; that is not answering the remiss.
    reviewed: set[str] = set()
    owns_answer: set[str] = set()
    for a, (name, b) in occ.items():
        canonical = lookup.get(name_key(_base(aliases.get(name_key(name), name), lookup)))
        canonical = canonical or _base(aliases.get(name_key(name), name), lookup)
        after = text[b : b + 60] if not name.endswith("s") else "s" + text[b : b + 60]
        if _REVIEWED_NOUN_RE.match(after) or _REVIEWED_BEFORE_RE.search(text[max(0, a - 40) : a]):
            reviewed.add(canonical)
        if _ANSWER_NOUN_RE.match(after):
            owns_answer.add(canonical)
    for name in list(scores):
        if name in reviewed and name not in owns_answer:
            scores[name] *= 0.3
    if any(deciding.values()):
        for name in list(scores):
            if _OFFICE_RE.search(name) and not deciding[name]:
                scores[name] *= 0.5  # the office proposes; the nämnd it writes for decides
    ranked = sorted(((s, n) for n, s in scores.items() if s > 0), key=lambda t: (-t[0], best_occ[t[1]][1]))
    if not ranked:
        return None
    score, name = ranked[0]
    warnings: list[str] = []
    if _OFFICE_RE.search(name) and not deciding[name]:
        home = letterhead_home(lines)
        if home is not None:
            # "Göteborgs Stad / Stadsledningskontoret": the office writes for the kommun in its letterhead.
            hname, ha, hb = home
            in_reg = name_key(hname) in reg_lookup
            return OrgResult(reg_lookup.get(name_key(hname), hname), ha, hb, in_reg,
                             name_key(hname) in lookup, warnings)
    unsure = ""
    # A kommun's or region's committee decides, the kommun answers: "kommunstyrelsen i Kristinehamns
    # kommun", "Kommunstyrelsen beslutar ... Sollentuna överlämnar ... som yttrande".
    if _COMMITTEE_RE.fullmatch(name):
        homes = [(sc, n) for sc, n in ranked[1:] if _HOME_RE.fullmatch(n) and sc >= 4]
        if homes:
            score, name = homes[0]
    # The office that drafted for the deciding nämnd is no rival of it.
    rivals = [(sc, n) for sc, n in ranked if n != name
              and not (deciding[name] and _OFFICE_RE.search(n) and not deciding[n])
              and not (_HOME_RE.fullmatch(name) and _COMMITTEE_RE.fullmatch(n))]
    if rivals and rivals[0][0] >= 0.7 * score and rivals[0][0] >= 4:
        unsure = f"nästan lika troligt {_title_case(rivals[0][1])}"
    elif score < 3:
        # Only its place in the text speaks for it (an early mention), no phrase of the genre.
        unsure = "bara nämnd, inte som den som svarar"
    elif _OFFICE_RE.search(name) and not deciding[name] and name_key(name) not in lookup:
        # "föreslår kommunledningskontoret att bifogade yttrande översänds": the office drafts, the
        # nämnd or kommun it writes for answers, and the text does not say which.
        unsure = "kontoret som skrivit förslaget, inte den som beslutar"
    elif (name_key(name) not in lookup and " " not in name.strip() and not name.isupper()
          and mentions[name] < 2 and _fold_plain(name) not in _domains(text)
          and not any(abs(x - best_occ[name][1]) <= 40 for x in strong_genre_at(text[:HEAD_CHARS]))
          and not anaphor_credit.get(name)):
        # One capitalised word met once, in no list: it may as well be a word opening a sentence.
        unsure = "ett ord som nämns en gång"
    _, a, b, written = best_occ[name]
    in_register = name_key(name) in reg_lookup
    out_name = reg_lookup.get(name_key(name))
    if out_name is None:
        # In no register: the body as the text writes it ("Göteborgs Stad", not the list's "Göteborgs
        # kommun"), its longest form; a short form in capitals ("MSB") gives way to the full name.
        forms = sorted((f for f in written_forms.get(name, ()) if not (f.isupper() and " " not in f)),
                       key=lambda f: (-len(f), f))
        out_name = _title_case(forms[0]) if forms else _title_case(_base(name, lookup))
    return OrgResult(out_name, a, b, in_register, name_key(name) in lookup, warnings, unsure)


def closed_set_points(lines: Lines, forms: dict[str, list[str]], *,
                      min_points: float | None = None) -> dict[str, tuple[float, int]]:
    """For each body of a closed set (a remiss's recipients), what the text says of it: the summed
    points of its mentions and how many mentions there are. `forms` maps the body to the ways it may
    be written: a form of several words or letters in any case, a one-word form of capitals ("MSB")
    only as written. A mention may carry a genitive ("Solna stads") or go on with a suffix its form
    lacks ("Region Stockholms kulturförvaltning" stays a mention of Region Stockholm)."""
    text = lines.text
    windows = [(0, text[:HEAD_CHARS])]
    if len(text) > HEAD_CHARS:
        tail_start = max(HEAD_CHARS, len(text) - TAIL_CHARS)
        windows.append((tail_start, text[tail_start:]))
    head_lines = head_line_numbers(lines)
    genre_at: set[int] = set()
    for base, chunk in windows:
        genre_at.update(base + a for _n, a, _b in genre_names(chunk))
    out: dict[str, tuple[float, int]] = {}
    taken: dict[int, tuple[int, str]] = {}  # start -> (end, body): the longest form at a place wins
    for body, names in forms.items():
        for form in names:
            form = form.strip()
            if len(form) < 3:
                continue
            # A one-word form ("MSB", "Vårdanalys") or a bare place name counts only as written or in
            # capitals: in lower case it is an ordinary word.
            exact = " " not in form
            pattern = re.escape(form).replace(r"\ ", r"\s+")
            if exact and not form.isupper():
                pattern = f"(?:{pattern}|{re.escape(form.upper())})"
            rx = re.compile(
                r"(?<![\wåäöÅÄÖ])" + pattern + r"(?=s\b|:s\b|[^\wåäöÅÄÖ]|$)",
                0 if exact else re.IGNORECASE,
            )
            for base, chunk in windows:
                for m in rx.finditer(chunk):
                    a, b = base + m.start(), base + m.end()
                    cur = taken.get(a)
                    if cur is None or cur[0] < b:
                        taken[a] = (b, body)
    mentions: list[tuple[int, int, str]] = []
    for a, (b, body) in sorted(taken.items()):
        if any(x < a < y for x, (y, _bd) in taken.items()):
            continue  # inside a longer mention of another body
        if mentions and text[mentions[-1][1] : a] == " " and mentions[-1][2] != body:
            # "Trafikverket Region Stockholm": a unit named after its body is the body's.
            pa, _pb, pbody = mentions[-1]
            mentions[-1] = (pa, b, pbody)
            continue
        mentions.append((a, b, body))
    for a, b, body in mentions:
        if _VID_AFTER_RE.match(text[b : b + 5]):
            continue
        if min_points is not None and (re.match(r"s? (?:kommun|stad|län)\b", text[b : b + 9], re.IGNORECASE)
                                       or re.search(r"(?:Region|Landstinget|i) $", text[max(0, a - 12) : a])):
            continue  # the place inside a body's full name, counted there
        pts, _dec = occurrence_points(lines, head_lines, a, b, text[a:b])
        if a in genre_at:
            pts = max(pts, 4)
        if min_points is not None and pts < min_points:
            continue  # a weak form (a bare place name) counts only where the words make it the author
        total, count = out.get(body, (0.0, 0))
        out[body] = (total + pts, count + 1)
    return out
