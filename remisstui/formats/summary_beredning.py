"""The beredning as KS writes it, one sentence at a time, each with its source.

Every sentence about a remissinstans is one of two things (issue 20):
- a fixed phrase for a registered fact (the stance code, a decline, a joint answer, a withdrawal, a
  reservation's parties): its source is {"kind": "fact", "fact": ...};
- one of the instans's own sentences, whole and verbatim, where only the subject changes
  ("Förvaltningen anser att …" -> "Södermalms stadsdelsnämnd anser att …" for a nämndbeslut; a
  förvaltningssvar keeps the förvaltning): its source is {"kind": "passage", "document" or
  "synpunkt": …, "passage": the exact text}.

Text the registrator typed (`Response.summary`, a synpunkt with no `source`) is never used here.
There are no quotation marks, dnr, dates or lateness in the beredning (KS-STYLE §4); the tables keep
those. Order and names follow KS-STYLE §1-§3: the list sentence, then joint answers, kontorsyttranden
and declines once each, then one paragraph per instans in list order, stadsdelsnämnder with the same
stance and nothing more in one sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Sequence

from ..domain.answer_kind import effective_kind, is_city_namnd
from ..domain.model import AnswerKind, DissentKind, OrgKind, Recipient, Response, Stance
from . import swedish as sv

# --- names in running text -------------------------------------------------------------------

_SDN_RE = re.compile(r"^(?P<place>.+?)s? stadsdelsnämnd$", re.IGNORECASE)
# A name whose first word is a nämnd, kontor, förvaltning or råd is a common noun in running text,
# whichever kind the register gives it ("kollektivtrafiknämnden i Region Uppsala").
_COMMON_HEAD_RE = re.compile(r"(?:nämnden|nämnd|kontoret|förvaltningen|rådet|^kommunstyrelsen|fullmäktige)$")
_PROPER_START = re.compile(r"^(?:Stockholms?|Sveriges?|Region |Kommunförbundet )")


def running_name(name: str, kind: OrgKind) -> str:
    """The name as running text writes it mid-sentence (KS-STYLE §2): nämnder, kontor and råd in
    lower case ("kulturnämnden", "kommunstyrelsens pensionärsråd"); place, company and agency
    names keep their capitals ("Södermalms stadsdelsnämnd", "Stockholms Stadshus AB")."""
    name = " ".join(name.split())
    first_word = name.split(" ", 1)[0].casefold() if name else ""
    common = kind in (OrgKind.facknamnd, OrgKind.rad) or (
        kind is not OrgKind.bolag and _COMMON_HEAD_RE.search(first_word) is not None)
    if common and not _PROPER_START.match(name):
        first = name.split(" ", 1)[0]
        # An all-capitals first word is a short form or acronym: it keeps its capitals.
        if not (len(first) > 1 and first.isupper()):
            return name[:1].lower() + name[1:]
    return name


def sdn_place(name: str) -> str | None:
    """"Södermalms stadsdelsnämnd" -> "Södermalm"; "Järva stadsdelsnämnd" -> "Järva"."""
    plain = " ".join(name.split())
    if not plain.casefold().endswith(" stadsdelsnämnd"):
        return None
    head = plain[: -len(" stadsdelsnämnd")]
    return head[:-1] if head.endswith("s") and len(head) > 2 else head


def names_in_running_text(recs: Sequence[Recipient], *, all_sdn: bool = False) -> list[str]:
    """Items for a list sentence in the fixed order: stadsdelsnämnder collapsed to one item
    ("stadsdelsnämnderna Farsta och Södermalm", or "samtliga stadsdelsnämnder")."""
    out: list[str] = []
    sdn = [r for r in recs if r.kind is OrgKind.stadsdelsnamnd and sdn_place(r.organisation)]
    placed = False
    for r in recs:
        if sdn and any(r is s for s in sdn) and len(sdn) > 1:
            if not placed:
                if all_sdn:
                    out.append("samtliga stadsdelsnämnder")
                else:
                    out.append("stadsdelsnämnderna " + sv.join_list([sdn_place(s.organisation) or "" for s in sdn]))
                placed = True
            continue
        out.append(running_name(r.organisation, r.kind))
    return out


def subject_names(recs: Sequence[Recipient], *, all_sdn: bool = False) -> str:
    """Names as the subject that opens a sentence."""
    return sv.capitalize_first(sv.join_list(names_in_running_text(recs, all_sdn=all_sdn)))


# --- sentences with their sources ------------------------------------------------------------


@dataclass
class Sentence:
    text: str
    source: dict[str, Any]


@dataclass
class BeredningParagraph:
    text: str  # the sentences joined: the paragraph as pasted
    sentences: list[Sentence]
    organisations: list[str] = field(default_factory=list)  # whom it is about ([] for the opening)
    check: str = ""  # a note for the handläggare: the paragraph needs a human look


def paragraph(sentences: list[Sentence], organisations: Sequence[str] = (), check: str = "") -> BeredningParagraph:
    return BeredningParagraph(" ".join(s.text for s in sentences), list(sentences), list(organisations), check)


def fact(text: str, what: str, **extra: Any) -> Sentence:
    return Sentence(text, {"kind": "fact", "fact": what, **extra})


# Each stance code's fixed phrase says exactly what the code says and nothing more (no "i stort"
# unless the instans wrote it: then its own sentence is used). Index 0 singular, 1 plural.
STANCE_FACT: dict[Stance, tuple[str, str]] = {
    Stance.supports: ("tillstyrker förslaget", "tillstyrker förslaget"),
    Stance.supports_with_comments: (
        "är positiv till förslaget och lämnar synpunkter",
        "är positiva till förslaget och lämnar synpunkter",
    ),
    Stance.no_objection: ("har inget att erinra mot förslaget", "har inget att erinra mot förslaget"),
    Stance.partly: ("tillstyrker förslaget delvis", "tillstyrker förslaget delvis"),
    Stance.opposes: ("avstyrker förslaget", "avstyrker förslaget"),
    Stance.comments_only: (
        "lämnar synpunkter utan att ta ställning till förslaget som helhet",
        "lämnar synpunkter utan att ta ställning till förslaget som helhet",
    ),
    Stance.none: ("har svarat utan att ange något ställningstagande",
                  "har svarat utan att ange något ställningstagande"),
}


def stance_fact(stance: Stance, *, plural: bool = False) -> str:
    return STANCE_FACT[stance][1 if plural else 0]


# --- the instans's own sentences in indirect speech ------------------------------------------

_ABBREV_RE = re.compile(
    r"(?:^|[\s(])(?:t\.ex|bl\.a|m\.m|s\.k|d\.v\.s|dvs|ca|nr|jfr|resp|p\.g\.a|m\.fl|o\.s\.v|kap|s|f|st|ang)\.$",
    re.IGNORECASE,
)
_BOUNDARY_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9»\"])")


def split_sentences(text: str) -> list[str]:
    """Whole sentences; an abbreviation's full stop ("bl.a.", "t.ex.") is no sentence end."""
    text = " ".join((text or "").split())
    out: list[str] = []
    start = 0
    for m in _BOUNDARY_RE.finditer(text):
        if _ABBREV_RE.search(text[start:m.start()]):
            continue
        out.append(text[start:m.start()])
        start = m.end()
    if text[start:]:
        out.append(text[start:])
    return out


# Words that name the answering body itself as subject, by who decided the answer.
_BODY_WORDS = (
    "förvaltningen", "nämnden", "stadsdelsnämnden", "stadsdelsförvaltningen", "kontoret", "styrelsen",
    "bolaget", "rådet", "myndigheten", "verket", "kommunen", "regionen", "länsstyrelsen", "föreningen",
    "förbundet", "organisationen", "inspektionen", "kommunstyrelsen", "akademien", "universitetet",
    "högskolan", "ämbetet", "landstinget", "stiftelsen", "kollegiet", "delegationen", "kansliet",
    "riksförbundet", "styrelsen", "vi",
)
_NAME_PREFIX_RE = re.compile(r"^(?:Kungl\.|Kungliga|Sveriges|Svenska|Stiftelsen|Föreningen)\s+", re.IGNORECASE)
_OFFICE_WORDS = ("förvaltningen", "stadsdelsförvaltningen", "kontoret", "vi")
_LEAD_ADVERBS = (
    "sammantaget", "sammanfattningsvis", "avslutningsvis", "därför", "vidare", "dessutom", "därutöver",
    "slutligen", "generellt", "övergripande", "samtidigt", "således", "även", "också", "inledningsvis",
    "därmed", "utöver detta", "mot denna bakgrund", "mot bakgrund av detta", "utifrån detta",
    "sammanfattande",
)
_FIRST_PERSON_RE = re.compile(r"\b(?:vi|oss|vår|vårt|våra)\b", re.IGNORECASE)
_PLURAL_ADJ_RE = re.compile(r"\b(?:positiva|negativa|tveksamma|kritiska|eniga|angelägna|måna|övertygade)\b")
_POSITION_VERB_RE = re.compile(
    r"^(?:\S+ ){0,2}(?:anser|bedömer|menar|tillstyrker|avstyrker|ställer sig|ställer|välkomnar|stödjer|stöder|"
    r"delar|avvisar|ser|instämmer|önskar|föreslår|efterlyser|efterfrågar|saknar|konstaterar|vill|betonar|"
    r"understryker|framhåller|lyfter|poängterar|förordar|har inget|har inga|har ingen|avstår|är positiv|"
    r"är negativ|är tveksam|är kritisk|tycker|noterar|påpekar|rekommenderar)\b",
    re.IGNORECASE,
)
_STANCE_VERB_RE = re.compile(
    r"\b(?:tillstyrk|avstyrk|ställer sig|ställer vi oss|välkomna|stödje|stöder|avvisa|positiv|negativ|"
    r"inget att erinra|inga invändningar|ingen invändning|instämmer|delar|ställer sig bakom|avstår)",
    re.IGNORECASE,
)
_MAX_LEN = 420
# A sentence that leans on the one before it ("delar den uppfattningen", "välkomnar detta", "avstyrker
# därför") says little alone; one that lists ("instämmer i: - Att …"), quotes or reports speech
# ("…, säger X") cannot stand in a KS paragraph without quotation marks.
_LEANS_RE = re.compile(
    r"^(?:\S+ ){1,6}?(?:detta|denna|dessa|den uppfattningen|den bedömningen|det förslaget|"
    r"de förslagen|den synen|det resonemanget)\b",
    re.IGNORECASE,
)
# Adding words ("också", "även") are fine in a paragraph's second sentence, not in its first;
# connectives ("därför", "dock") read well enough in either.
_ADDS_RE = re.compile(r"^(?:\S+ ){1,3}?(?:också|även|vidare)\b", re.IGNORECASE)
_UNFIT_RE = re.compile(
    r"\s[-–•]\s|:\s*$|[”“\"»«]|,\s*säger\s|"
    r"\bföljande (?:synpunkter|kommentarer|påpekanden|förslag|punkter|ändringar|frågor)\b"
)


def leans_back(sentence: str) -> bool:
    return bool(_LEANS_RE.match(sentence))


# A generic word names the answering body only when its own name is of that sort: "landstinget" in a
# kommun's answer is the remitting landsting, "kommunen" in a region's answer is someone else.
_GENERIC_BY_NAME: tuple[tuple[str, str], ...] = (
    ("kommunen", "kommun"), ("kommunstyrelsen", "kommun"), ("regionen", "region"),
    ("landstinget", "landsting"), ("länsstyrelsen", "länsstyrelse"), ("akademien", "akademi"),
    ("universitetet", "universitet"), ("högskolan", "högskola"), ("föreningen", "förening"),
    ("förbundet", "förbund"), ("riksförbundet", "riksförbund"), ("rådet", "råd"), ("verket", "verk"),
    ("ämbetet", "ämbet"), ("kollegiet", "kollegi"), ("inspektionen", "inspektion"), ("stiftelsen", "stiftelse"),
    ("delegationen", "delegation"), ("kansliet", "kansli"), ("styrelsen", "styrelse"), ("nämnden", "nämnd"),
    ("myndigheten", "myndighet"),
)
_AGENCY_NAME_RE = re.compile(r"(?:verket|styrelsen|ämbetet|inspektionen|kollegiet|ombudsmannen|myndigheten|"
                             r"rådet|institutet|^Myndigheten|^Statens)\b", re.IGNORECASE)


def _subject_words(org_name: str, office: str | None, office_answer: bool, kind: OrgKind = OrgKind.other) -> list[str]:
    """Words by which a document names its own body: "vi", the generic word for its sort of body
    ("förvaltningen" and "nämnden" for the city's nämnder, "kommunen" for a kommun …), its
    registered name, and the name without a prefix ("Kungl. Vetenskapsakademien" -> "Vetenskapsakademien")."""
    if office_answer:
        words = list(_OFFICE_WORDS)
    else:
        words = ["vi", "organisationen"]
        low = " ".join(org_name.split()).casefold()
        if is_city_namnd(kind) or "nämnd" in low:
            words += ["förvaltningen", "nämnden", "stadsdelsnämnden", "stadsdelsförvaltningen", "kontoret"]
        if kind is OrgKind.bolag:
            words += ["bolaget", "styrelsen"]
        if kind is OrgKind.rad:
            words += ["rådet"]
        words += [w for w, stem in _GENERIC_BY_NAME if stem in low and w not in words]
        if _AGENCY_NAME_RE.search(org_name) and "myndigheten" not in words:
            words.append("myndigheten")
        if org_name.strip().isupper():
            # An acronym ("KSLA", "SKL") says nothing of the sort of body: the words a body uses of
            # itself, but none that usually names the remitting body (landstinget, kommunen …).
            words += [w for w in ("akademien", "förbundet", "föreningen", "rådet", "myndigheten", "verket",
                                  "ämbetet", "organisationen") if w not in words]
    for n in (org_name, office or ""):
        n = " ".join(n.split())
        if n:
            words.insert(0, n.casefold())
            short = _NAME_PREFIX_RE.sub("", n)
            if short != n and len(short) > 3:
                words.insert(0, short.casefold())
    return words


def indirect(sentence: str, subject: str, words: Sequence[str], *, plural: bool = False) -> str | None:
    """The sentence with its subject, a word for the answering body, replaced by `subject`; None
    when the body is not the subject or the change would need more than the subject (first person
    left over, an adjective that would no longer agree)."""
    s = " ".join(sentence.split())
    if not s or len(s) > _MAX_LEN or s[-1] not in ".!" or _UNFIT_RE.search(s):
        return None
    low = s.casefold()
    for w in sorted(words, key=len, reverse=True):
        # Subject first: "Förvaltningen anser att …"
        if low.startswith(w + " ") and _POSITION_VERB_RE.match(s[len(w) + 1:]):
            return _finish(w, subject, s[len(w) + 1:], "", None, plural)
        # Inverted after a lead adverb: "Sammantaget ställer sig förvaltningen positiv …"
        for adv in _LEAD_ADVERBS:
            if not low.startswith(adv + " "):
                continue
            m = re.match(rf"^({re.escape(adv)} \S+ )(?:(sig|oss) )?{re.escape(w)} (.*)$", s, re.IGNORECASE) \
                or re.match(rf"^({re.escape(adv)} \S+ ){re.escape(w)} (oss|sig) (.*)$", s, re.IGNORECASE)
            if m:
                refl = m.group(2)
                if refl and refl.casefold() == "oss" and w != "vi":
                    return None
                return _finish(w, subject, m.group(3), m.group(1), refl, plural)
    return None


def _finish(word: str, subject: str, rest: str, lead: str, refl: str | None, plural: bool) -> str | None:
    if word == "vi":
        # "vi ställer oss" -> "X ställer sig"; anything else in the first person stays "ours".
        if not lead:
            rest = re.sub(r"^(\S+) oss\b", r"\1 sig", rest)
        if _FIRST_PERSON_RE.search(rest):
            return None
        if not plural and _PLURAL_ADJ_RE.search(rest):
            return None
    elif plural and not word.endswith("na") and re.search(r"\b(?:positiv|negativ|tveksam|kritisk)\b", rest):
        return None  # a singular adjective would no longer agree with several names
    elif _FIRST_PERSON_RE.search(rest):
        return None  # "… stödjer oss": the body's own first person reads as KS's in a beredning
    if lead:
        return f"{sv.capitalize_first(lead)}{'sig ' if refl else ''}{subject} {rest}"
    return f"{sv.capitalize_first(subject)} {rest}"


# --- one instans -----------------------------------------------------------------------------


@dataclass
class _Own:
    text: str  # the sentence as the instans wrote it
    source: dict[str, Any]


def own_sentences(resp: Response) -> list[_Own]:
    """The instans's own words as registered: its stance sentence, its position passages and its
    synpunkter that say which document they were copied from. Never `summary` or a typed synpunkt."""
    out: list[_Own] = []
    seen: set[str] = set()

    def add(text: str, source: dict[str, Any]) -> None:
        for s in split_sentences(text):
            k = s.casefold()
            if k not in seen:
                seen.add(k)
                out.append(_Own(s, {**source, "passage": s}))

    doc = resp.attachments[0].file if resp.attachments and resp.attachments[0].file else ""
    doc = doc or next((c.source for c in resp.comments if c.source.strip()), "")
    if resp.stance_sentence.strip():
        owner = next((p.document for p in resp.passages if resp.stance_sentence.strip() in " ".join(p.text.split())), doc)
        add(resp.stance_sentence, {"kind": "passage", "document": owner, "field": "stance_sentence"})
    for p in resp.passages:
        add(p.text, {"kind": "passage", "document": p.document})
    for i, c in enumerate(resp.comments):
        if c.source.strip():
            add(c.text, {"kind": "passage", "synpunkt": i + 1, "document": c.source})
    return out


def speaker(rec: Recipient, resp: Response | None) -> tuple[str, bool]:
    """Who the answer's sentences are about (KS-STYLE §7) and whether it is a förvaltningssvar:
    the nämnd for a nämndbeslut, the förvaltning for a förvaltningssvar, else the body itself."""
    name = running_name(rec.organisation, rec.kind)
    if resp is not None and is_city_namnd(rec.kind) and effective_kind(resp, rec.kind) is AnswerKind.office_answer:
        office = sv.office_of(rec.organisation, rec.kind)
        if not office:
            office = f"{rec.organisation.rstrip('s')}s förvaltning" if not rec.organisation.endswith("s") else \
                f"{rec.organisation} förvaltning"
        return office, True
    return name, False


def short_subject(rec: Recipient, office_answer: bool) -> str:
    if office_answer:
        return "förvaltningen"
    return {OrgKind.stadsdelsnamnd: "stadsdelsnämnden", OrgKind.facknamnd: "nämnden"}.get(
        rec.kind, running_name(rec.organisation, rec.kind))


def party_sentence(kind: DissentKind, parties: Sequence[str]) -> str:
    """"Reservation anfördes av (S) och (V)." (KS-STYLE §6); the text stays in the tables."""
    label = sv.capitalize_first(sv.DISSENT_KIND_LABELS[kind])
    verb = "anfördes" if kind is DissentKind.reservation else "gjordes"
    marks = [party_mark(p) for p in parties if p.strip()]
    return f"{label} {verb} av {sv.join_list(marks)}." if marks else f"{label} {verb}."


_PARTIES = {
    "moderaterna": "M", "socialdemokraterna": "S", "liberalerna": "L", "centerpartiet": "C",
    "kristdemokraterna": "KD", "vänsterpartiet": "V", "miljöpartiet": "MP", "sverigedemokraterna": "SD",
    "feministiskt initiativ": "Fi",
}


def party_mark(party: str) -> str:
    p = " ".join(party.split()).strip("() ")
    if not p:
        return ""
    if "(" in party:
        return " ".join(party.split())  # "Anna Svensson (M)" as registered
    short = _PARTIES.get(p.casefold())
    if short:
        return f"({short})"
    if len(p) <= 3:
        return f"({p.upper() if p.isalpha() and p.casefold() != 'fi' else p})"
    return p


@dataclass
class InstansText:
    sentences: list[Sentence]
    only_stance: bool  # nothing but the stance fact: may share a sentence with others
    check: str


def instans_paragraph(recs: Sequence[Recipient], resp: Response | None, *, joint: bool) -> InstansText:
    """One or two sentences: the stance first (its own sentence, or the code's fixed phrase), then
    one more of its own sentences with a verb of position; reservations by party letters."""
    lead = recs[0]
    plural = joint and len(recs) > 1
    if plural:
        subject = subject_names(recs)
        words = [w for w in _BODY_WORDS if w.endswith("na")] + ["vi", "nämnderna", "förvaltningarna"]
        office_answer = False
    else:
        subject, office_answer = speaker(lead, resp)
        words = _subject_words(lead.organisation, sv.office_of(lead.organisation, lead.kind), office_answer, lead.kind)
    stance = resp.stance if resp is not None else Stance.none
    out: list[Sentence] = []
    check = ""
    owns = own_sentences(resp) if resp is not None else []
    converted: list[tuple[_Own, str]] = []
    for o in owns:
        t = indirect(o.text, subject, words, plural=plural)
        if t:
            converted.append((o, t))
    # Only sentences that stand alone: one leaning on the sentence before it is left out.
    converted = [(o, t) for o, t in converted if not leans_back(t)]
    first = None
    if resp is not None and resp.stance_sentence.strip():
        first = next(((o, t) for o, t in converted if o.source.get("field") == "stance_sentence"), None)
    # Without a registered stance sentence, the first of its own sentences with a verb of stance; when
    # the registered one cannot stand in the paragraph, the code's fixed phrase says the stance.
    if first is None and stance not in (Stance.none, Stance.comments_only) and not (
            resp is not None and resp.stance_sentence.strip()):
        first = next(((o, t) for o, t in converted if _STANCE_VERB_RE.search(o.text) and not _ADDS_RE.match(t)),
                      None)
    if first is not None:
        out.append(Sentence(first[1], first[0].source))
    elif resp is None:
        out.append(fact(f"{sv.capitalize_first(subject)} har svarat.", "answered"))
        check = "svaret är inte registrerat i detalj"
    elif stance in (Stance.none, Stance.comments_only):
        pass
    else:
        out.append(fact(f"{sv.capitalize_first(subject)} {stance_fact(stance, plural=plural)}.",
                        f"stance:{stance.value}"))
    rest = [(o, t) for o, t in converted if first is None or o is not first[0]]
    if first is not None:
        # A follow-up that repeats the first sentence and goes on ("avstyrker förslaget om …") replaces it.
        head = first[1].rstrip(".!").casefold()
        longer = next(((o, t) for o, t in rest if t.casefold().startswith(head + " ")), None)
        if longer is not None:
            first = longer
            rest = [(o, t) for o, t in rest if o is not longer[0]]
    if stance in (Stance.none, Stance.comments_only) and first is None:
        # No position stated: what the instans comments on, in its own words, marked for a look.
        picked = [x for x in rest if not _ADDS_RE.match(x[1])][:1] or rest[:1]
        picked += [x for x in rest if x not in picked][:1]
        if picked:
            out += [Sentence(t, o.source) for o, t in picked]
            check = "svaret anger inget ställningstagande till förslaget som helhet"
        else:
            out.append(fact(f"{sv.capitalize_first(subject)} {stance_fact(stance, plural=plural)}.",
                            f"stance:{stance.value}"))
            check = "skriv vad remissinstansen tar upp; svaret anger inget ställningstagande"
    elif rest:
        o = rest[0][0]
        # The follow-up sentence names the body shortly, as KS does ("Stadsdelsnämnden konstaterar …").
        t = (None if plural else indirect(o.text, short_subject(lead, office_answer), words)) or rest[0][1]
        out.append(Sentence(t, o.source))
    if len(out) == 2 and out[1].text.casefold().startswith(out[0].text.rstrip(".!").casefold() + " "):
        out.pop(0)  # the instans's own sentence says the stance and more: the fixed phrase would repeat it
    only_stance = len(out) == 1 and out[0].source.get("kind") == "fact" and not check
    if resp is not None and owns and not converted and not check:
        check = "ingen mening i svaret har remissinstansen som subjekt; läs svaret"
    for d in (resp.dissents if resp is not None else []):
        parties = [p for p in d.parties if p.strip()]
        out.append(fact(party_sentence(d.kind, parties), f"dissent:{d.kind.value}", parties=parties))
        only_stance = False
    return InstansText(out, only_stance, check)


def as_json(paragraphs: Sequence[BeredningParagraph]) -> list[dict[str, Any]]:
    return [
        {
            "text": p.text,
            "organisations": list(p.organisations),
            "check": p.check,
            "sentences": [{"text": s.text, "source": dict(s.source)} for s in p.sentences],
        }
        for p in paragraphs
    ]


# --- where a sentence comes from, for the handläggare who checks it ---------------------------

_FACT_WORDS = {
    "remitted_to": "mottagarna av remissen",
    "joint": "registrerat gemensamt svar",
    "declined": "status avstått",
    "not_answered": "inget svar registrerat",
    "pending": "svarstiden har inte gått ut",
    "withdrawn": "status återkallad",
    "answered": "status besvarad",
    "answer_kind:office_answer": "svarstyp förvaltningssvar",
}


def source_text(source: dict[str, Any]) -> str:
    """One Swedish line saying what a beredning sentence rests on: the registered fact, or the
    document (and synpunkt) and the instans's exact words."""
    from ..domain.model import DISSENT_KIND_LABELS as _D, STANCE_LABELS, DissentKind as _DK

    if source.get("kind") == "passage":
        where = source.get("document") or "det registrerade svaret"
        if source.get("synpunkt"):
            where += f", synpunkt {source['synpunkt']}"
        if source.get("field") == "stance_sentence":
            where += ", ställningstagandet"
        return f"Ur {where}: {source.get('passage', '')}"
    fact = str(source.get("fact", ""))
    if fact.startswith("stance:"):
        try:
            label = STANCE_LABELS[Stance(fact.split(":", 1)[1])]
        except ValueError:
            label = fact
        return f"Registrerad uppgift: ställningstagande {label}"
    if fact.startswith("dissent:"):
        try:
            label = _D[_DK(fact.split(":", 1)[1])]
        except ValueError:
            label = fact
        return f"Registrerad uppgift: {label}"
    return f"Registrerad uppgift: {_FACT_WORDS.get(fact, fact)}"


def sentence_spans(text: str, paragraphs: Sequence[BeredningParagraph]) -> list[tuple[int, int, Sentence]]:
    """Where each sentence stands in the rendered beredning text: (start, end, sentence)."""
    out: list[tuple[int, int, Sentence]] = []
    at = 0
    for p in paragraphs:
        for s in p.sentences:
            i = text.find(s.text, at)
            if i < 0:
                continue
            out.append((i, i + len(s.text), s))
            at = i + len(s.text)
    return out


def point_sentences(recs: Sequence[Recipient], resp: Response, text: str, *, joint: bool, limit: int = 2) -> list[str]:
    """A synpunkt's own sentences in indirect speech, as item 3 writes them (the Teman section):
    only those with the instans as subject and able to stand alone; [] when none can."""
    lead = recs[0]
    plural = joint and len(recs) > 1
    if plural:
        subject = subject_names(recs)
        words = ["vi", "nämnderna", "förvaltningarna"]
    else:
        subject, office_answer = speaker(lead, resp)
        words = _subject_words(lead.organisation, sv.office_of(lead.organisation, lead.kind), office_answer, lead.kind)
    out = []
    for s in split_sentences(text):
        t = indirect(s, subject, words, plural=plural)
        if t and not leans_back(t):
            out.append(t)
        if len(out) >= limit:
            break
    return out
