"""The answer's overall stance, read from its wording, and the sentence it came from.

Sentences are classified by phrase lists; negation ("kan inte tillstyrka", "avstyrker inte") is
handled explicitly. The Sammanfattning and the organisation's own "synpunkter" sections are read
first; Bakgrund/Ärendet (which describe the proposal) and dissents are never read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...domain.model import Stance
from .positions import _ABBREV, _FOREIGN_SUBJECT_RE, _SELF_WORDS, trim_letterhead

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
    # The negation between the verb and its particle: "ställer sig inte bakom", "är inte positiv till".
    ("opposes", r"\b(?:ställer\s+(?:sig|oss)|är|ser)\s+(?:[\wåäö]+\s+){0,2}?(?:inte|ej)\s+(?:[\wåäö]+\s+){0,2}?"
                r"(?:bakom|positiv\w*)\b"),
    ("opposes", r"\b(?:stöder|stödjer|välkomnar)\s+(?:[\wåäö]+\s+)?(?:inte|ej)\s+(?:förslag\w*|promemorian|betänkandet|"
                r"utredningens|planen|programmet|strategin|inriktningen)\b"),
    ("opposes", r"\bställer\s+sig\s+(?:[\wåäö]+\s+){0,2}(?:negativ|kritisk|avvisande)\b"),
    # Criticism of how something was done ("kritisk till hur remissen hanterats") is no no to the proposal.
    ("opposes", r"\b(?:är|förhåller\s+sig)\s+(?:[\wåäö]+\s+){0,2}(?:negativ|negativa|negativt|kritisk|kritiska|kritiskt)\s+till\b"
                r"(?!\s+(?:hur|att|det\s+sätt|processen|hanteringen|remisstiden|tidsplanen|remissförfarandet)\b)"),
    ("opposes", r"\bmotsätter\s+sig\b"),
    ("opposes", r"\bsäger\s+nej\s+till\b"),
    ("opposes", r"\bogillar\s+(?:[\wåäö]+\s+){0,2}(?:förslaget|förslagen|promemorian|betänkandet|utredningens|planen|programmet)\b"),
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
    ("supports", r"\bsäger\s+ja\s+till\b"),
    # "Saco välkomnar detta." right after the proposal is described: the pronoun is its object.
    ("supports", r"\bvälkomnar\s+(?:[\wåäö]+\s+)?(?:(?:detta|dessa|det|denna)(?:\s+(?:förändring|förändringar|ändring|"
                 r"ändringar|förslag|steg|initiativ))?|förändringen|förändringarna|ändringen|ändringarna)\s*[.!]?$"),
    ("supports", r"\b(?:delar|instämmer\s+i)\s+(?:[\wåäö]+\s+){0,2}(?:bedömning|bedömningar|uppfattning|slutsats|slutsatser)\b"),
    ("supports", r"\bställer\s+(?:vi\s+|jag\s+)?(?:sig|oss|mig)\s+(?:[\wåäö]+\s+){0,4}(?:positiv|positiva|positivt|bakom)\b"),
    ("supports", r"\bär\s+(?:vi\s+)?(?:på\s+det\s+(?:stora\s+)?hela|i\s+(?:stort|huvudsak)|generellt|övervägande|överlag)"
                 r"\s+(?:sett\s+)?positiv[at]?\b"),
    ("supports", r"\bpositivt?\s+inställd[a]?\s+till\b"),
    ("supports", r"\b(?:är|är\s+i\s+(?:stort|huvudsak)|är\s+generellt)\s+(?:[\wåäö]+\s+){0,2}positiv(?:a)?\s+till\b"),
    ("supports", r"\bser\s+(?:[\wåäö]+\s+){0,2}positivt\s+på\s+(?:de\s+|det\s+)?(?:förslag\w*|programmet|promemorian|"
                 r"betänkandet|utredningens|planen|strategin|inriktningen)\b"),
    # "stödjer flertalet av de förslag som läggs fram": a yes to most, which is a qualified yes.
    ("supports", r"\b(?:stöder|stödjer|tillstyrker|ställer\s+sig\s+bakom|välkomnar)\s+(?:[\wåäö]+\s+)?(?:flertalet|"
                 r"de\s+flesta|merparten|huvuddelen|majoriteten|många)\s+(?:av\s+)?(?:de\s+|utredningens\s+)?förslag\w*"),
    # A list introduced by its verb: "Förbundet instämmer i:" / "avstyrker:" (each item is one proposal).
    ("supports", r"\b(?:instämmer\s+i|tillstyrker|stödjer|stöder|välkomnar|ställer\s+sig\s+bakom)\s*:"),
    ("supports", r"\bvälkomnar\s+(?:[\wåäö]+\s+){0,2}(?:förslaget|förslagen|programmet|promemorian|betänkandet|betänkande|"
                 r"utredningen|initiativet|strategin|planen|inriktningen|lagförslaget|remissen)\b"),
    ("supports", r"\binstämmer\s+(?:[\wåäö]+\s+){0,2}?(?:i|med)\s+(?:[\wåäö]+\s+){0,1}(?:förslaget|förslagen|"
                 r"promemorians|betänkandets|utredningens|programmet|planen|strategin|inriktningen)\b"),
    ("supports", r"\b(?:stöder|stödjer)\s+(?:[\wåäö]+\s+){0,2}(?:förslaget|förslagen|programmet|promemorian|betänkandet|utredningens|inriktningen|planen|strategin)\b"),
    # A doubt is no verdict: "ställer sig tveksam till förslaget" is shown to a person, never given.
    ("doubt", r"\b(?:ställer\s+sig|är|förhåller\s+sig)\s+(?:[\wåäö]+\s+){0,2}tveksam\w*\s+till\b"),
    # "Investeringen bör inte genomföras": a no in substance, but without a verb of position.
    ("appraisal_neg", r"\b(?:bör\s+(?:därför\s+)?(?:inte|ej)|(?:inte|ej)\s+bör)\s+(?:genomföras|införas|antas|beslutas|fullföljas|byggas|"
                      r"realiseras|fastställas)\b"),
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
    r"under\s+förutsättning|med\s+undantag|generellt|på\s+det\s+(?:stora\s+)?hela|i\s+princip|överlag|"
    r"flertalet|de\s+flesta|merparten|huvuddelen|majoriteten)",
    re.IGNORECASE,
)
# "i övrigt inga synpunkter" closes a list of comments: an answer with comments, not "no objection".
_REST_RE = re.compile(r"\b(?:i\s+övrigt|utöver\s+(?:detta|ovanstående|det)|därutöver|ytterligare|övriga)\b", re.IGNORECASE)
_SKIP_SECTIONS = (
    "bakgrund", "ärendet", "remissen", "remissens innehåll", "utredningens förslag",
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
    candidate: Stance | None = None  # an unsure reading: the stance left empty, this one for a person to check
    unsure: str = ""  # why the candidate is not given


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
    r"frågeställningar|synpunkter|anser\s+(?:även|också|dock)|beklagar|efterlyser|efterfrågar|"
    # A reservation without a demand: "Problemet är att …", "regleringen har blivit snårigare".
    r"problemet|problematisk\w*|brist(?:er|erna|fällig\w*)|kritik|kritisk\w*|oroande|oroar|oro\s+för|"
    r"tveksam\w*|svårt\s+att|olycklig\w*|beklaglig\w*|snårig\w*)\b",
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
    r"\b(?:därför|dock|ändå|heller|emellertid|således|alltså|sammantaget|fortsatt|i\s+nuläget|i\s+dagsläget|"
    r"för\s+närvarande|på\s+denna\s+punkt|i\s+detta\s+skede)\s+",
    re.IGNORECASE,
)
_PRAISE_SHOULD_RE = re.compile(
    r"\bbör\s+(?:kunna\s+)?(?:tjäna|användas|ses|stå|spridas|lyftas\s+fram)\s+som\s+(?:en\s+|ett\s+|god\s+|gott\s+)*"
    r"(?:modell|förebild|exempel|inspiration)\w*|\bbör\s+(?:behållas|bevaras|fortsätta|fortgå)\b",
    re.IGNORECASE,
)
# "instämmer i utredningens bedömning att lagen bör antas": the "bör" is the agreed view, not a demand.
_AGREED_RE = re.compile(
    r"\b(?:delar|instämmer\s+i)\s+[^.]{0,60}?(?:bedömning\w*|uppfattning\w*|slutsats\w*|förslag\w*)\s+"
    r"(?:om\s+)?att\b.*",
    re.IGNORECASE,
)


def _demands(sentence: str) -> bool:
    """Whether a sentence asks for, proposes or regrets something beyond a plain yes."""
    return bool(_COMMENT_RE.search(_AGREED_RE.sub("", _PRAISE_SHOULD_RE.sub("", sentence))))


_DELAR_NOUN_RE = re.compile(r"\b(?:dessa|vissa|flera|båda|alla|andra|de|två|tre|olika|i|övriga|stora|delar)\s+delar\b",
                            re.IGNORECASE)
_SELF_RE = re.compile(rf"\b(?:{_SELF_WORDS})\b", re.IGNORECASE)


# A word hyphenated at a line end in the source ("utred-ningens"): read as one word.
_SPLIT_WORD_RE = re.compile(r"(?<=[a-zåäö]{3})-(?=[a-zåäö]{2})")


# A quotation inside a sentence is someone else's words (the proposal, another body): never the stance.
_QUOTED_RE = re.compile(r"[”\"»„“][^”\"»«„“]{3,400}[”\"«“]")


def normalise(sentence: str) -> str:
    """The sentence as its stance is read: quotations, inserted clauses and filler adverbs left out
    ("kan, i den form förslaget har fått, inte tillstyrka" reads "kan inte tillstyrka")."""
    s = _INSERTED_RE.sub(r"\1 ", _SPLIT_WORD_RE.sub("", _QUOTED_RE.sub(" … ", sentence)))
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
        if code in ("doubt", "appraisal_neg"):
            return Stance.opposes, False
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


# --- the stance of the instans's own position passages ---------------------------------------------

# A no to one named proposal, not to the whole: "avstyrker förslaget om …", "säger nej till utredarens
# förslag att …", "avstyrker de två scenarierna".
_PART_RE = re.compile(
    r"\bförslag(?:et)?\s+(?:om|att|i\s+(?:avsnitt|kapitel|del)|till\s+(?!ny\b))|"
    # "ställer sig avvisande till detta": the no points back at one thing said before.
    r"\b(?:till|mot|avstyrker|avvisar)\s+(?:detta|det|denna|dessa)\b(?!\s+(?:förslag|betänkande|promemoria))|"
    r"\b(?:avsnitt|kapitel)\s+[0-9]|\bde\s+(?:två|tre|fyra)\s+\w+|\bden\s+delen\b|\bi\s+(?:denna|den)\s+del\b",
    re.IGNORECASE,
)
# A yes or no objection to one thing, not to the remiss: "delar utredningens bedömning att det behövs en
# plan", "har inget att erinra vad gäller den helhetsbild som presenteras", "inga synpunkter på
# preciseringarna för detta mål".
_PART_YES_RE = re.compile(
    r"\b(?:delar|instämmer\s+i)\s+[^.]{0,60}?(?:bedömning\w*|uppfattning\w*|slutsats\w*|syn)\s+(?:om\s+|i\s+)?(?:att|hur)\b|"
    r"\b(?:inget|inte\s+något|inga|inte\s+några)\s+(?:[\wåäö]+\s+){0,2}(?:att\s+erinra|att\s+invända|invändningar|"
    r"synpunkter|kommentarer)\s+(?:vad\s+gäller|när\s+det\s+gäller|avseende|gällande|beträffande|i\s+(?:denna|den)\s+del|"
    r"på\s+(?:preciseringarna|avsnitt|kapitel|förslaget\s+om)|mot\s+förslaget\s+om|för\s+detta)",
    re.IGNORECASE,
)
# Praise of the proposal's content that is no verb of position: with a no elsewhere, the answer is delvis.
_PRAISE_PARTS_RE = re.compile(
    r"\b(?:många|flera|ett\s+antal|en\s+rad)\s+(?:[\wåäö]+\s+){0,3}?(?:bra|goda|konstruktiva|positiva|"
    r"välkomna|värdefulla)\s+(?:[\wåäö]+\s+){0,2}?(?:förslag|delar|åtgärder)\b",
    re.IGNORECASE,
)
_GOOD_PARTS_RE = re.compile(r"\b(?:välkomnar|stödjer|stöder|tillstyrker|ställer\s+sig\s+bakom)\b", re.IGNORECASE)
STANCE_LABELS_SV = {
    Stance.supports: "tillstyrker", Stance.supports_with_comments: "positiv med synpunkter",
    Stance.partly: "delvis", Stance.opposes: "avstyrker", Stance.no_objection: "inget att invända",
    Stance.comments_only: "endast synpunkter",
}


def _own_words(sentence: str, prio: float, own_names: list[str]) -> tuple[bool, bool]:
    """(the instans is the subject, the sentence is its own position): in its summary or own views, any sentence that is
    not procedure, the proposal described or someone else speaking; elsewhere only where it is the subject."""
    from .positions import _Sentence, _kind

    if own_names and _other_body(sentence, own_names):
        return False, False
    kind = _kind(_Sentence(sentence, 0, len(sentence), 0, 0, bool(_BULLET_START_RE.match(sentence))), "", own_names)
    return kind == "voice", kind == "voice" or (prio <= 1 and kind == "plain")


# A named body as the subject of a verb of position: "Sveriges Kommuner och Regioner avstyrker …".
_LEAD_NAME_RE = re.compile(
    r"^((?:[A-ZÅÄÖ][\wåäöÅÄÖ&.-]*)(?:\s+(?:och|för|i|av|[A-ZÅÄÖ][\wåäöÅÄÖ&.-]*|[a-zåäö]*(?:stad|kommun|region|"
    r"läns|landsting|förbund|nämnd|styrelse|förvaltning|verk|myndighet)))*)\s+(?:har\s+|kan\s+|vill\s+)?"
    r"(?:inte\s+)?(?:tillstyrk|avstyrk|välkomna|stöd|ställer\s+sig|avvis|anse|delar|motsätter|säger\s+(?:ja|nej)|"
    r"instämmer|ogillar|är\s+(?:\w+\s+){0,2}(?:positiv|negativ|kritisk))"
)


# Words many bodies' names share: no evidence that two names are one body.
_GENERIC_STEMS = {"kommun", "region", "stad", "staden", "stads", "lands", "lansst", "läns", "nämnd", "nämnde",
                  "styrel", "förbun", "förени", "myndig", "verket", "sverig", "svensk", "förval", "rådet",
                  "instit", "inspek", "stiftelsen"[:6], "akadem", "univer", "högsko"}


_UNIT_RE = re.compile(r"(?:kontoret|förvaltningen|kansliet|staben|avdelningen|enheten|nämnden|styrelsen)$", re.IGNORECASE)


_LEAD_ADVERBS = {
    "därför", "dock", "sammantaget", "sammanfattningsvis", "slutligen", "vidare", "därutöver", "däremot",
    "också", "även", "samtidigt", "härmed", "således", "alltså", "avslutningsvis", "inledningsvis", "generellt",
    "därmed", "likaså", "dessutom", "emellertid", "här", "nu", "då", "även", "i", "med", "mot", "på", "för",
    "utifrån", "enligt", "sammanfattande", "övergripande", "principiellt", "vilket", "det", "detta", "den", "de",
    "härutöver", "avslutande", "först", "sedan", "till", "om", "när", "eftersom", "trots",
}


# A numbered heading naming one proposal ("5.1 Upphandlande myndigheter ska …", "3.2 Förslaget om
# karenstider"), not a part of the answer's own layout ("2. Sammanfattning", "3 Synpunkter").
_NUM_HEAD_RE = re.compile(r"^(?:[0-9]{1,2}(?:\.[0-9]{1,2}){1,3}\.?|[0-9]{1,2}\.)\s+([A-ZÅÄÖ](?![A-ZÅÄÖ\s]+$).{2,150})$")
_LAYOUT_HEAD_RE = re.compile(
    r"^(?:sammanfatt|synpunkt|bedömning|inledning|yttrande|remissvar|övergripande|allmän|generell|ställningstag|"
    r"slutsats|bakgrund|kommentar|förslag\s+till\s+beslut|beslut|ärendet|avslutande|övrig|konsekvens)",
    re.IGNORECASE,
)


def _under_proposal_heading(text: str, off: int) -> bool:
    """Whether the sentence at `off` stands under a numbered heading that names one proposal: the nearest
    heading above it (a short line without a closing full stop) is numbered and is no layout heading."""
    end = text.rfind("\n", 0, off)
    lines = text[:max(end, 0)].split("\n")[-60:]
    for line in reversed(lines):
        s_ = " ".join(line.split())
        if not s_ or len(s_) > 150 or re.search(r"[.!?:;,]$", s_):
            continue
        m = _NUM_HEAD_RE.match(s_)
        if m:
            return not _LAYOUT_HEAD_RE.match(m.group(1))
        if s_[:1].isupper() and len(s_.split()) <= 10:
            return False  # an unnumbered heading: the answer's own layout
    return False


def _stems(name: str) -> set[str]:
    """Distinctive word stems of a name; an acronym ("SKR", "KSLA") is its own stem, and a full name also
    yields its initials, so "Lantbrukarnas Riksförbund" and "LRF" meet."""
    out = {w[:6] for w in re.findall(r"[a-zåäöéü]{4,}", name.casefold())} - _GENERIC_STEMS
    out |= {w.casefold() for w in re.findall(r"\b[A-ZÅÄÖ]{2,6}\b", name)}
    words = [w for w in re.findall(r"[\wåäöÅÄÖ]+", name) if w.casefold() not in ("och", "för", "i", "av", "med")]
    if len(words) >= 2:
        out.add("".join(w[0] for w in words).casefold())
    return out


def _other_body(sentence: str, own_names: list[str]) -> bool:
    """Whether the sentence's subject is a named body that is not the instans (its name shares no stem
    with the instans's name, and it is none of the words the instans calls itself)."""
    m = _LEAD_NAME_RE.match(sentence)
    if not m:
        return False
    subject = m.group(1)
    if subject.split()[0].casefold() in _LEAD_ADVERBS:
        return False  # "Därför avstyrker Läkarförbundet …": the verb comes second, the subject after it
    if _UNIT_RE.search(subject):
        return False  # "Stadsledningskontoret ställer sig positivt": the body's own office drafts its answer
    if _SELF_RE.search(subject) or len(subject.split()) == 1 and subject.casefold() in ("det", "detta", "den", "de"):
        return False
    own = set().union(*(_stems(n) for n in own_names))
    if not own:
        return False
    theirs = _stems(subject)
    if theirs:
        return not (theirs & own)
    if len(subject.split()) == 1:
        return False  # "Akademien", "Förbundet": a generic noun is how a body names itself
    # A name of generic words only ("Sveriges Kommuner och Regioner"): the instans only if it is its name.
    folded = " ".join(subject.casefold().split())
    return not any(folded in n.casefold() or n.casefold() in folded for n in own_names)


_LOOSE_RE = re.compile(
    r"\b(?:välkomnar|stödjer|stöder|instämmer|ställer\s+sig\s+(?:[\wåäö]+\s+){0,2}(?:positiv\w*|bakom|negativ\w*|"
    r"kritisk\w*)|är\s+(?:[\wåäö]+\s+){0,2}(?:positiv\w*|negativ\w*|kritisk\w*)\s+till|avvisar|motsätter\s+sig|"
    r"tar\s+avstånd)\b",
    re.IGNORECASE,
)
_LOOSE_NEG_RE = re.compile(r".*(?:negativ|kritisk|avvisar|motsätter|avstånd)", re.IGNORECASE)
_APPRAISAL_RX = _COMPILED[[c for c, _ in _COMPILED].index("appraisal")][1]
_APPRAISAL_NEG_RX = _COMPILED[[c for c, _ in _COMPILED].index("appraisal_neg")][1]
# The proposal described or someone else's verdict on it, not an appraisal by the instans.
_NOT_APPRAISAL_RE = re.compile(
    r"\b(?:föreslås|enligt\s+(?:utredningen|regeringen|departementet)|anser\s+(?:utredningen|regeringen)|"
    r"(?:utredningen|regeringen|departementet)\s+(?:anser|bedömer|menar|skriver))\b",
    re.IGNORECASE,
)
_BULLET_START_RE = re.compile(r"^(?:[-–•*·▪■●◦]|\(?[0-9]{1,2}[.)]|[a-zåäö][.)])\s+")


def find_stance(text: str, scopes: list[tuple[int, int, int]], has_comments: bool,
                own_names: list[str] | None = None) -> StanceResult:
    """`scopes` are (priority, start, end) spans of the cleaned text, lower priority read first.

    A stance is read only from the instans's own position: its summary and own views, and elsewhere
    its sentences with itself as subject of a verb of position; never the remiss's own text, other
    bodies, the background or a quoted proposal. Where the evidence is only an appraisal, or a yes
    and a no stand apart, no stance is given and the candidate is kept for a person to check."""
    names = [n for n in (own_names or []) if n and len(n) > 3]
    hits: list[tuple[float, int, Stance, str, bool, str]] = []  # (rank, offset, stance, sentence, rest, kind)
    comments: list[tuple[float, int]] = []
    declined: tuple[int, str] | None = None
    good_parts = rest_seen = False
    loose: tuple[int, str, Stance] | None = None  # a verb of position whose object is no proposal
    for prio, a, b in scopes:
        for sent, off in sentences(text[a:b], a):
            trimmed = trim_letterhead(sent, names)
            if trimmed is not sent:
                # The source points at the body's own sentence, not at the letterhead before it.
                m = re.search(r"\s+".join(re.escape(w) for w in trimmed.split()), text[off:off + len(sent) * 2 + 200])
                off = off + m.start() if m else off
                sent = trimmed
            voice, own = _own_words(sent, prio, names)
            norm = normalise(sent)
            if prio <= 1 and _PRAISE_PARTS_RE.search(norm):
                good_parts = True  # "Utredningen innehåller många bra förslag" in its own views
            if declined is None and _DECLINE_RE.search(norm) and not re.search(
                    r"\bta\s+ställning", sent, re.IGNORECASE) and not _FOREIGN_SUBJECT_RE.match(sent):
                declined = (off, sent)
            if not own:
                if prio <= 1 and (_APPRAISAL_RX.search(norm) or _APPRAISAL_NEG_RX.search(norm)) \
                        and not _NOT_APPRAISAL_RE.search(sent):
                    # "Planen är en genomarbetad plan" in the answer's own part: a candidate, never a stance.
                    if _APPRAISAL_NEG_RX.search(norm):
                        cand = Stance.opposes
                    else:
                        cand = Stance.supports_with_comments if (_QUALIFIER_RE.search(norm) or _demands(sent)) \
                            else Stance.supports
                    hits.append((prio, off, cand, sent, False, "appraisal"))
                continue
            if _GOOD_PARTS_RE.search(norm):
                good_parts = True
            if _REST_RE.search(norm):
                rest_seen = True  # "I övrigt …": what was said before covers only some of the proposals
            if _demands(sent):
                comments.append((prio, off))
                has_comments = True
            st, rest, kind = _classify_kind(sent)
            if st is not None and kind == "verb" and _under_proposal_heading(text, off):
                kind = "part"  # "5.1 Upphandlande myndigheter …  Verket tillstyrker förslagen.": that proposal only
            if st is None and loose is None and prio <= 2:
                m = _LOOSE_RE.search(norm)
                if m:
                    loose = (off, sent, Stance.opposes if _LOOSE_NEG_RE.match(m.group()) else Stance.supports_with_comments)
            if kind == "appraisal" and voice:
                kind = "verb"  # "Förvaltningen anser att förslaget ger en god grund …": its own verb carries it
            if st is not None:
                hits.append((prio - 0.5 if _CONCLUSION_RE.search(sent) else prio, off, st, sent, rest, kind))
    if not hits and loose is not None and not (declined and not hits):
        # "välkomnar ambitionen att …": a yes or no to something, not clearly to the remiss. Not "synpunkter
        # utan ställningstagande" either: a person decides.
        return _unsure(loose[2], loose[1], loose[0], "ett ställningstagande, men inte klart till förslaget som helhet")
    return _decide(hits, declined, has_comments, comments, good_parts, rest_seen)


def _classify_kind(sentence: str) -> tuple[Stance | None, bool, str]:
    """classify() and what carried the stance: 'verb', 'appraisal' or 'part' (a no to one proposal)."""
    st, rest = classify(sentence)
    if st is None:
        return None, rest, ""
    norm = normalise(sentence)
    for code, rx in _COMPILED:
        if code in ("appraisal", "appraisal_neg") and rx.search(norm):
            # An appraisal counts only when no verb of position came first in the rule order.
            verbs = [c for c, r in _COMPILED if c not in ("appraisal", "appraisal_neg") and r.search(norm)]
            if not verbs:
                return st, rest, "appraisal"
    if _COMPILED[[c for c, _ in _COMPILED].index("doubt")][1].search(norm) and \
            not [c for c, r in _COMPILED if c not in ("doubt", "appraisal") and r.search(norm)]:
        return st, rest, "doubt"
    if re.search(r":\s*$|:\s+[-–•]", norm) and st in (Stance.supports, Stance.opposes):
        return st, rest, "part"  # "instämmer i:" / "avstyrker:" and a list: a yes or no to the items listed
    if st in (Stance.supports, Stance.supports_with_comments, Stance.no_objection) and _PART_YES_RE.search(norm):
        return st, rest, "part"  # agreement with one assessment, or no objection to one aspect only
    if st is Stance.opposes and _PART_RE.search(norm):
        return st, rest, "part"
    return st, rest, "verb"


def _unsure(candidate: Stance, sentence: str, order: int, why: str) -> StanceResult:
    return StanceResult(Stance.none, sentence, order, [], candidate=candidate, unsure=why)


def _decide(hits, declined, has_views: bool, comments: list[tuple[float, int]], good_parts: bool,
            rest_seen: bool = False) -> StanceResult:
    warnings: list[str] = []
    real = [h for h in hits if h[2] is not Stance.no_objection]
    if declined and not real:
        warnings.append("Svaret avstår från att lämna synpunkter; status avstått föreslås – kontrollera.")
        return StanceResult(Stance.none, declined[1], None, warnings, declined=True)
    if not hits:
        if has_views:
            warnings.append("Inget uttalat ställningstagande hittades; svaret registreras som synpunkter.")
            return StanceResult(Stance.comments_only, None, None, warnings)
        warnings.append("Inget ställningstagande hittades i texten.")
        return StanceResult(Stance.none, None, None, warnings)
    hits = sorted(hits, key=lambda h: (h[0], h[1]))
    verbs = [h for h in hits if h[5] not in ("appraisal", "doubt")]
    if not verbs:
        first = hits[0]
        why = ("svaret är tveksamt men avstyrker inte" if first[5] == "doubt"
               else "bara en värdering av förslaget, inget verb för ställningstagande")
        return _unsure(first[2], first[3], first[1], why)
    if all(h[5] == "part" for h in verbs) and Stance.opposes not in {h[2] for h in verbs}:
        # Yes to one assessment or no objection to one aspect, nothing on the remiss as a whole.
        first = verbs[0]
        return _unsure(Stance.supports_with_comments, first[3], first[1],
                       "ja till en del av förslaget, inget ställningstagande till helheten")
    primary = [h for h in verbs if not h[4]] or verbs
    best = primary[0][0]
    top = [h for h in primary if h[0] == best]
    first = top[0]
    stance = first[2]
    if stance is Stance.no_objection and first[4]:
        stance = Stance.supports_with_comments if has_views else Stance.no_objection
    kinds = {h[2] for h in top}
    every = {h[2] for h in verbs}
    pos = kinds & {Stance.supports, Stance.supports_with_comments}
    if pos and Stance.opposes in kinds and stance is not Stance.supports_with_comments:
        # "tillstyrker i huvudsak ... avstyrker förslaget om X" stays a qualified yes.
        stance = Stance.partly
        warnings.append("Texten både tillstyrker och avstyrker; ställningstagandet satt till delvis – kontrollera.")
    elif stance is Stance.opposes and first[5] == "part" and (good_parts or every & {Stance.supports, Stance.supports_with_comments}):
        # A no to one proposal beside praise or a yes to others: yes and no in one answer.
        stance = Stance.partly
        warnings.append("Svaret säger nej till ett av förslagen och ja till andra; ställningstagandet satt till "
                        "delvis – kontrollera.")
    elif stance is Stance.opposes and rest_seen and all(h[5] == "part" for h in verbs if h[2] is Stance.opposes):
        # A no to one named proposal and no view on the rest: not a no to the remiss.
        return _unsure(Stance.opposes, first[3], first[1], "avstyrker ett av förslagen men tar inte ställning till resten")
    elif stance is Stance.partly and not warnings:
        warnings.append("Texten tillstyrker vissa förslag och avstyrker andra; ställningstagandet satt till delvis – kontrollera.")
    elif stance is Stance.supports and Stance.supports_with_comments in kinds:
        stance = Stance.supports_with_comments
    if stance is Stance.supports:
        # "Skatteverket tillstyrker förslaget ... föreslår Skatteverket att ...": a yes with comments.
        # The background and the decision do not qualify a yes; the yes's own part does.
        if any(o != first[1] and r <= max(1.5, first[0] + 0.5) for r, o in comments):
            stance = Stance.supports_with_comments
    qualified_yes = stance is Stance.supports_with_comments and all(
        h[5] == "part" for h in verbs if h[2] is Stance.opposes)  # "tillstyrker i huvudsak" covers a no to one part
    if stance in (Stance.supports, Stance.supports_with_comments, Stance.no_objection) and \
            Stance.opposes in every and not qualified_yes:
        # A yes read first and a no elsewhere in the answer's own words: the registrator decides.
        later = next(h for h in verbs if h[2] is Stance.opposes)
        return _unsure(Stance.partly, later[3], later[1],
                       f"svaret {STANCE_LABELS_SV[stance]} men avstyrker på annat ställe")
    return StanceResult(stance, first[3], first[1], warnings)
