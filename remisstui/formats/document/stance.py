"""The answer's overall stance, read from its wording, and the sentence it came from.

Sentences are classified by phrase lists; negation ("kan inte tillstyrka", "avstyrker inte") is
handled explicitly. The Sammanfattning and the organisation's own "synpunkter" sections are read
first; Bakgrund/Ärendet (which describe the proposal) and dissents are never read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...domain.model import Stance
from .positions import _ABBREV, _FOREIGN_SUBJECT_RE, _SELF_WORDS

STANCE_HEAD_CHARS = 100_000

_NEG = r"(?:inte|ej|icke|inte\s+helt|inte\s+fullt\s+ut)"

_RULES: tuple[tuple[str, str], ...] = (
    # (stance code, pattern) — checked in this order within one sentence.
    ("partly", r"\b(?:tillstyrk(?:er|a)|stöder|ställer\s+sig\s+bakom)\s+(?:[\wåäö]+\s+){0,3}delvis\b"),
    ("partly", r"\bdelvis\s+(?:positiv|tillstyrk|stöd|avstyrk)"),
    ("partly", r"\b(?:tillstyrker|ställer\s+sig\s+positiv)[^.]{0,120}\bmen\s+avstyrker\b"),
    ("partly", r"\bavstyrker\s+(?:[\wåäö]+\s+){0,4}(?:med\s+undantag|utom)\b"),
    ("partly_neg", r"\bkan\s+(?:inte|ej)\s+(?:tillstyrka|stödja|ställa\s+sig\s+bakom)\s+[^.]{0,80}\b(?:i\s+sin\s+helhet|fullt\s+ut|helt)\b"),
    ("opposes", r"\b(?:kan|vill)\s+(?:därför\s+)?(?:inte|ej)\s+(?:tillstyrka|stödja|stöda|ställa\s+sig\s+(?:bakom|positiv\w*)|godta|acceptera|tillstyrka)\b"),
    ("opposes", r"\btillstyrker\s+(?:därför\s+)?(?:inte|ej)\b"),
    ("opposes", r"\bställer\s+sig\s+(?:[\wåäö]+\s+){0,2}(?:negativ|kritisk|avvisande)\b"),
    ("opposes", r"\b(?:är|förhåller\s+sig)\s+(?:[\wåäö]+\s+){0,2}(?:negativ|negativa|negativt|kritisk|kritiska|kritiskt)\s+till\b"),
    ("opposes", r"\bmotsätter\s+sig\b"),
    # "avvisar utredningens förslag", "avvisar de föreslagna ändringarna": the object may come between.
    ("opposes", r"\bavvisar\s+(?!inte\b|ej\b)(?:[\wåäö-]+\s+){0,3}?(?:förslag\w*|promemorian|betänkandet|"
                r"ändring\w*|ordning\w*|lösning\w*|modell\w*|inriktning\w*|utredningens|planen|programmet|strategin)\b"),
    ("no_objection_neg", r"\b(?:avstyrker|motsätter\s+sig)\s+(?:inte|ej)\b"),
    ("opposes", r"\bavstyrk(?:er|a|s)\b"),
    ("no_objection", r"\b(?:inget|inte\s+något|intet)\s+att\s+(?:erinra|invända|anmärka|tillägga)\b"),
    ("no_objection", r"\b(?:inga|inte\s+några)\s+(?:[\wåäö]+\s+){0,2}(?:invändningar|erinringar|synpunkter|kommentarer)\b"),
    ("no_objection", r"\b(?:har|lämnar)\s+(?:inte|ej)\s+(?:några\s+)?(?:synpunkter|kommentarer|invändningar)\b"),
    ("declined", r"\bavst(?:år|ått|od|å)\s+(?:från\s+)?(?:att\s+)?(?:lämna\s+(?:några\s+)?(?:synpunkter|yttrande|svar)|"
                 r"lämna\s+(?:något\s+)?(?:yttrande|svar|remissvar)|yttra\s+sig|yttrande|svara|besvara|svar|avge|"
                 r"inkomma|remissvar)\b"),
    ("supports", r"\btillstyrk(?:er|a|s|t)\b"),
    ("supports", r"\bdelar\s+(?:[\wåäö]+\s+){0,2}(?:bedömning|bedömningar|uppfattning|slutsats|slutsatser)\b"),
    ("supports", r"\bställer\s+(?:vi\s+|jag\s+)?(?:sig|oss|mig)\s+(?:[\wåäö]+\s+){0,4}(?:positiv|positiva|positivt|bakom)\b"),
    ("supports", r"\bär\s+(?:vi\s+)?(?:på\s+det\s+(?:stora\s+)?hela|i\s+(?:stort|huvudsak)|generellt|övervägande|överlag)"
                 r"\s+(?:sett\s+)?positiv[at]?\b"),
    ("supports", r"\bpositivt?\s+inställd[a]?\s+till\b"),
    ("supports", r"\b(?:är|är\s+i\s+(?:stort|huvudsak)|är\s+generellt)\s+(?:[\wåäö]+\s+){0,2}positiv(?:a)?\s+till\b"),
    ("supports", r"\bser\s+(?:[\wåäö]+\s+){0,2}positivt\s+på\s+(?:förslaget|förslagen|programmet|promemorian|betänkandet|utredningens)\b"),
    ("supports", r"\bvälkomnar\s+(?:[\wåäö]+\s+){0,2}(?:förslaget|förslagen|programmet|promemorian|betänkandet|betänkande|"
                 r"utredningen|initiativet|strategin|planen|inriktningen|lagförslaget|remissen)\b"),
    ("supports", r"\b(?:stöder|stödjer)\s+(?:[\wåäö]+\s+){0,2}(?:förslaget|förslagen|programmet|promemorian|betänkandet|utredningens|inriktningen|planen|strategin)\b"),
    # An appraisal of the whole without a stance verb: "planen är en genomarbetad plan".
    ("appraisal", r"\b(?:förslag|förslaget|förslagen|planen|programmet|strategin|promemorian|betänkandet|utredningen|"
                  r"rapporten|underlaget|handlingsplanen)\b(?:\s+[\wåäö,]+){0,4}?\s+(?:en\s+|ett\s+|mycket\s+|väl\s*|"
                  r"i\s+huvudsak\s+)*(?:genomarbetad\w*|gedig\w*|välskriv\w*|väl\s*underbyggd\w*|ambitiös\w*|värdefull\w*|"
                  r"(?:god|bra)\s+grund|(?:gott|bra)\s+underlag)"),
)
_COMPILED = tuple((code, re.compile(p, re.IGNORECASE)) for code, p in _RULES)
_QUALIFIER_RE = re.compile(
    r"\b(?:i\s+stort|i\s+huvudsak|i\s+allt\s+väsentligt|övervägande|med\s+(?:vissa\s+|följande\s+|några\s+)?"
    r"(?:synpunkter|förbehåll|kommentarer|justeringar|reservationer|invändningar)|"
    # "men" that adds a reservation, not "färre men mer jämnstarka län"
    r"men\b(?!\s+(?:mer|mindre|fler|färre|större|bättre|starkare|jämnstarka)\b)|dock\b|"
    r"under\s+förutsättning|med\s+undantag|generellt|på\s+det\s+(?:stora\s+)?hela|i\s+princip|överlag)",
    re.IGNORECASE,
)
# "i övrigt inga synpunkter" closes a list of comments: an answer with comments, not "no objection".
_REST_RE = re.compile(r"\b(?:i\s+övrigt|utöver\s+(?:detta|ovanstående|det)|därutöver|ytterligare|övriga)\b", re.IGNORECASE)
_SKIP_SECTIONS = (
    "bakgrund", "ärendet", "remissen", "remissens innehåll", "utredningens förslag", "inledning",
    "ärendebeskrivning", "reservation", "reservationer", "särskilt uttalande", "särskilda uttalanden",
    "ersättaryttrande", "ersättaryttranden", "protokollsanteckning", "yrkanden", "beslutsgång",
    "propositionsordning", "jämställdhetsanalys", "barnrättsanalys", "barnkonsekvensanalys",
    "ärendets beredning", "beredning", "bilagor", "bilaga", "handlingar", "beslutsunderlag",
    "förslagen i promemorian", "förslagen i betänkandet",
)


@dataclass
class StanceResult:
    stance: Stance
    sentence: str | None
    start: int | None
    warnings: list[str]
    declined: bool = False  # "avstår från att lämna synpunkter": the status avstått, not a stance


_DECLINE_RE = re.compile(_RULES[[c for c, _ in _RULES].index("declined")][1], re.IGNORECASE)
# A sentence that concludes outweighs one about an aspect.
_CONCLUSION_RE = re.compile(
    r"\b(?:därför|sammantaget|sammanfattningsvis|sammanfattande|mot\s+(?:den|denna)\s+bakgrund|"
    r"(?:föreslår|föreslås)\s+(?:att\s+)?(?:nämnden|styrelsen|kommunstyrelsen|regionstyrelsen|fullmäktige)|"
    r"(?:nämnden|styrelsen)\s+beslutar)\b",
    re.IGNORECASE,
)
# Beyond a plain yes: proposals, demands or points the answer adds.
_COMMENT_RE = re.compile(
    r"\b(?:bör|behöver|måste|föreslår|saknar|saknas|oklart|otydlig\w*|förtydlig\w*|invändning\w*|"
    r"vill\s+(?:dock\s+)?(?:framhålla|påpeka|lyfta|understryka|betona)|pekar\s+(?:\w+\s+)?på|"
    r"frågeställningar|synpunkter|anser\s+(?:även|också|dock)|beklagar|efterlyser|efterfrågar)\b",
    re.IGNORECASE,
)


_BOUNDARY_RE = re.compile(r"[.!?]+(?=\s)|\n[ ]*\n|(?<=[):])[ ]*\n(?=[ ]*[A-ZÅÄÖ])")


def _after_abbreviation(text: str, dot: int) -> bool:
    """'t.ex. ', 'bl.a. ', 'kap. ': a period that does not end the sentence."""
    if text[dot:dot + 1] != ".":
        return False
    m = re.search(r"([\wåäöÅÄÖ.]+)$", text[max(0, dot - 12):dot])
    w = m.group(1).casefold() if m else ""
    return w in _ABBREV or w.rstrip(".") in _ABBREV or (len(w) == 1 and w.isalpha())


# Words between a modal verb and its negation that do not change what is said.
_INSERTED_RE = re.compile(r"\b(kan|vill|kommer|avser)\s*,[^,.]{1,80},\s*", re.IGNORECASE)
_FILLER_RE = re.compile(
    r"\b(?:därför|dock|heller|emellertid|således|alltså|sammantaget|fortsatt|i\s+nuläget|i\s+dagsläget|"
    r"för\s+närvarande|på\s+denna\s+punkt|i\s+detta\s+skede)\s+",
    re.IGNORECASE,
)
_PRAISE_SHOULD_RE = re.compile(
    r"\bbör\s+(?:kunna\s+)?(?:tjäna|användas|ses|stå|spridas|lyftas\s+fram)\s+som\s+(?:en\s+|ett\s+|god\s+|gott\s+)*"
    r"(?:modell|förebild|exempel|inspiration)\w*|\bbör\s+(?:behållas|bevaras|fortsätta|fortgå)\b",
    re.IGNORECASE,
)
_DELAR_NOUN_RE = re.compile(r"\b(?:dessa|vissa|flera|båda|alla|andra|de|två|tre|olika|i|övriga|stora|delar)\s+delar\b",
                            re.IGNORECASE)
_SELF_RE = re.compile(rf"\b(?:{_SELF_WORDS})\b", re.IGNORECASE)


def normalise(sentence: str) -> str:
    """The sentence as its stance is read: inserted clauses and filler adverbs left out
    ("kan, i den form förslaget har fått, inte tillstyrka" reads "kan inte tillstyrka")."""
    s = _INSERTED_RE.sub(r"\1 ", sentence)
    return _FILLER_RE.sub("", s)


def sentences(text: str, base: int = 0):
    """(sentence with line breaks joined, offset): split at '. ', blank lines and ')\nCapital'."""
    pos = 0
    bounds = [m.end() for m in _BOUNDARY_RE.finditer(text) if not _after_abbreviation(text, m.start())]
    bounds.append(len(text))
    for end in bounds:
        chunk = text[pos:end]
        lead = len(chunk) - len(chunk.lstrip())
        start = pos + lead
        pos = end
        while chunk.strip():
            piece, chunk = chunk[:1500], chunk[1500:]
            s = " ".join(piece.split())
            if len(s) >= 8:
                yield s, base + start
            start += len(piece)


def classify(sentence: str) -> tuple[Stance | None, bool]:
    """(stance, is_rest_clause) for one sentence."""
    if _FOREIGN_SUBJECT_RE.match(sentence) and not _SELF_RE.search(sentence):
        return None, False  # "Utredningen avstyrker …": someone else's position, reported
    sentence = normalise(sentence)
    for code, rx in _COMPILED:
        m = rx.search(sentence)
        if not m:
            continue
        if code == "supports" and m.group().casefold().startswith("delar") \
                and _DELAR_NOUN_RE.search(sentence[max(0, m.start() - 12):m.start() + 5]):
            continue  # "I dessa delar …": the noun, not the verb
        if code == "appraisal":
            if _QUALIFIER_RE.search(sentence) or _COMMENT_RE.search(_PRAISE_SHOULD_RE.sub("", sentence)):
                return Stance.supports_with_comments, False
            return Stance.supports, False
        if code == "partly_neg":
            return Stance.partly, False
        if code == "no_objection_neg":
            return Stance.no_objection, False
        if code == "declined":
            return None, False  # a status, not a stance: see declines()
        if code == "no_objection":
            rest = bool(_REST_RE.search(sentence))
            if not rest and re.search(r"\b(?:men|dock)\b|följande synpunkter|vill (?:dock )?(?:framhålla|påpeka|lyfta)",
                                      sentence, re.IGNORECASE):
                return Stance.supports_with_comments, False
            return Stance.no_objection, rest
        if code == "supports":
            if _QUALIFIER_RE.search(sentence):
                return Stance.supports_with_comments, False
            return Stance.supports, False
        return Stance(code), False
    return None, False


def find_stance(text: str, scopes: list[tuple[int, int, int]], has_comments: bool) -> StanceResult:
    """`scopes` are (priority, start, end) spans of the cleaned text, lower priority read first."""
    warnings: list[str] = []
    hits: list[tuple[int, int, Stance, str, bool]] = []
    declined: tuple[int, str] | None = None
    for prio, a, b in scopes:
        for sent, off in sentences(text[a:b], a):
            st, rest = classify(sent)
            if st is not None:
                hits.append((prio, off, st, sent, rest))
            if declined is None and _DECLINE_RE.search(normalise(sent)) and not re.search(
                    r"\bta\s+ställning", sent, re.IGNORECASE):
                declined = (off, sent)
    real = [h for h in hits if h[2] is not Stance.no_objection]
    if declined and not real:
        warnings.append("Svaret avstår från att lämna synpunkter; status avstått föreslås – kontrollera.")
        return StanceResult(Stance.none, declined[1], declined[0], warnings, declined=True)
    if not hits:
        if has_comments:
            warnings.append("Inget uttalat ställningstagande hittades; svaret registreras som synpunkter.")
            return StanceResult(Stance.comments_only, None, None, warnings)
        warnings.append("Inget ställningstagande hittades i texten.")
        return StanceResult(Stance.none, None, None, warnings)
    # A concluding sentence ("avstyrker därför", "sammantaget") is read before any sentence on one aspect.
    hits = [(h[0] - 0.5 if _CONCLUSION_RE.search(h[3]) else h[0],) + h[1:] for h in hits]
    hits.sort(key=lambda h: (h[0], h[1]))
    primary = [h for h in hits if not h[4]] or hits
    best_prio = primary[0][0]
    top = [h for h in primary if h[0] == best_prio]
    first = top[0]
    stance = first[2]
    if stance is Stance.no_objection and first[4]:
        stance = Stance.supports_with_comments if has_comments else Stance.no_objection
    kinds = {h[2] for h in top}
    pos = kinds & {Stance.supports, Stance.supports_with_comments}
    if pos and Stance.opposes in kinds and stance is not Stance.supports_with_comments:
        # "tillstyrker i huvudsak ... avstyrker förslaget om X" stays a qualified yes.
        stance = Stance.partly
        warnings.append("Texten både tillstyrker och avstyrker; ställningstagandet satt till delvis – kontrollera.")
    elif stance is Stance.partly and not warnings:
        warnings.append("Texten tillstyrker vissa förslag och avstyrker andra; ställningstagandet satt till delvis – kontrollera.")
    elif stance is Stance.supports and Stance.supports_with_comments in kinds:
        stance = Stance.supports_with_comments
    if stance is Stance.supports:
        # "Skatteverket tillstyrker förslaget ... föreslår Skatteverket att ...": a yes with comments.
        for prio, a, b in scopes:
            if prio > max(1.5, first[0] + 0.5):
                continue  # the background and the decision do not qualify a yes; the yes's own part does
            for sent, off in sentences(text[a:b], a):
                if off != first[1] and _COMMENT_RE.search(_PRAISE_SHOULD_RE.sub("", sent)) \
                        and not (_FOREIGN_SUBJECT_RE.match(sent) and not _SELF_RE.search(sent)):
                    stance = Stance.supports_with_comments
                    break
            if stance is not Stance.supports:
                break
    return StanceResult(stance, first[3], first[1], warnings)
