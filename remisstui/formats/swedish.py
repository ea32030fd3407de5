"""Swedish prose helpers for the remissammanställning: list grammar, numbers, stance phrases, sorting.

Pure functions over strings and domain codes; no rendering, no I/O.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from ..domain.model import DISSENT_KIND_LABELS, DissentKind, OrgKind, Stance

# --- lists ---------------------------------------------------------------------------------


def join_list(items: Sequence[str], conj: str = "och") -> str:
    """``A``, ``A och B``, ``A, B och C``.

    When an item itself contains the conjunction ("Miljö- och hälsoskyddsnämnden", "omvärld och
    AI"), the last joint becomes "samt" so the reader can still see where the items split.
    """
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    word = conj
    if conj == "och" and any(f" {conj} " in i for i in items):
        word = "samt"
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


# --- numbers -------------------------------------------------------------------------------

_NUMBER_WORDS = (
    "noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv",
)
_NUMBER_WORDS_NEUTER = {1: "ett"}


def number_word(n: int, *, neuter: bool = False) -> str:
    """Numbers up to twelve in words (Swedish style guides), digits above."""
    if neuter and n in _NUMBER_WORDS_NEUTER:
        return _NUMBER_WORDS_NEUTER[n]
    if 0 <= n < len(_NUMBER_WORDS):
        return _NUMBER_WORDS[n]
    return str(n)


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def count_noun(n: int, singular: str, plural: str, *, words: bool = True, neuter: bool = False) -> str:
    """``en remissinstans``, ``fem remissinstanser``, ``14 remissinstanser``."""
    num = number_word(n, neuter=neuter) if words else str(n)
    return f"{num} {singular if n == 1 else plural}"


def instances(n: int, *, words: bool = True) -> str:
    return count_noun(n, "remissinstans", "remissinstanser", words=words)


# --- stance --------------------------------------------------------------------------------

STANCE_ORDER = (
    Stance.supports,
    Stance.supports_with_comments,
    Stance.no_objection,
    Stance.partly,
    Stance.comments_only,
    Stance.opposes,
    Stance.none,
)

# Short words for tables and columns ("Ställningstagande").
STANCE_WORDS: dict[Stance, str] = {
    Stance.supports: "tillstyrker",
    Stance.supports_with_comments: "i stort positiv, med synpunkter",
    Stance.no_objection: "inget att erinra",
    Stance.partly: "tillstyrker delvis",
    Stance.opposes: "avstyrker",
    Stance.comments_only: "synpunkter utan ställningstagande",
    Stance.none: "inget ställningstagande",
}


# --- organisations -------------------------------------------------------------------------

ORG_KIND_PLURALS = {
    OrgKind.facknamnd: "facknämnder",
    OrgKind.stadsdelsnamnd: "stadsdelsnämnder",
    OrgKind.bolag: "bolag",
    OrgKind.rad: "råd",
    OrgKind.extern: "externa remissinstanser",
    OrgKind.other: "övriga remissinstanser",
}

# Who "speaks" for an organisation in the sentences after its name.
_ORG_SUBJECT = {
    OrgKind.facknamnd: "Nämnden",
    OrgKind.stadsdelsnamnd: "Nämnden",
    OrgKind.bolag: "Bolaget",
    OrgKind.rad: "Rådet",
    OrgKind.extern: "Remissinstansen",
    OrgKind.other: "Remissinstansen",
}


def org_subject(kind: OrgKind) -> str:
    return _ORG_SUBJECT.get(kind, "Remissinstansen")


# The förvaltning that writes a nämnd's answers, where Stockholms stad's name for it is known. A
# stadsdelsnämnd's förvaltning is always "<område>s stadsdelsförvaltning" (see office_of).
_OFFICES = {
    "arbetsmarknadsnämnden": "Arbetsmarknadsförvaltningen",
    "exploateringsnämnden": "Exploateringskontoret",
    "fastighetsnämnden": "Fastighetskontoret",
    "förskolenämnden": "Förskoleförvaltningen",
    "idrottsnämnden": "Idrottsförvaltningen",
    "kulturnämnden": "Kulturförvaltningen",
    "kyrkogårdsnämnden": "Kyrkogårdsförvaltningen",
    "miljö- och hälsoskyddsnämnden": "Miljöförvaltningen",
    "servicenämnden": "Serviceförvaltningen",
    "socialnämnden": "Socialförvaltningen",
    "stadsbyggnadsnämnden": "Stadsbyggnadskontoret",
    "trafiknämnden": "Trafikkontoret",
    "utbildningsnämnden": "Utbildningsförvaltningen",
    "äldrenämnden": "Äldreförvaltningen",
    "överförmyndarnämnden": "Överförmyndarförvaltningen",
    "revisorskollegiet": "Revisionskontoret",
}
_SDN_SUFFIX = " stadsdelsnämnd"


def office_of(name: str, kind: OrgKind) -> str | None:
    """The förvaltning behind a nämnd (``Idrottsförvaltningen``), or None when it is not known."""
    plain = " ".join(name.split())
    if kind is OrgKind.stadsdelsnamnd and plain.casefold().endswith(_SDN_SUFFIX):
        return plain[: -len(_SDN_SUFFIX)] + " stadsdelsförvaltning"
    if kind is OrgKind.facknamnd:
        return _OFFICES.get(plain.casefold())
    return None


QUOTE_OPEN, QUOTE_CLOSE = "»", "«"
ELISION = " […] "  # between two quoted passages that were not adjacent in the answer


def quoted(passages: Sequence[str], *, elide: bool = False, sentence: bool = True) -> str:
    """``»A B«``: the answer's own words as one quotation, never as the writer's prose.

    `elide` marks the joints with ``[…]`` (separate points rather than one running text).
    `sentence` ends the quotation as a sentence: ``»… instämmer«.`` when it has no full stop.
    """
    text = (ELISION if elide else " ").join(" ".join(p.split()) for p in passages if p.strip())
    if not text:
        return ""
    out = f"{QUOTE_OPEN}{text}{QUOTE_CLOSE}"
    return out + "." if sentence and text[-1] not in ".!?" else out


def dissent_sentence(kind: DissentKind, parties: Sequence[str], text: str = "") -> str:
    """``Reservation anfördes av M och L, som anförde: »…«`` / ``Särskilt uttalande gjordes av M.``

    The dissent is the parties' own words, often in the first person, so it is quoted and named.
    """
    label = capitalize_first(DISSENT_KIND_LABELS[kind])
    verb = "anfördes" if kind is DissentKind.reservation else "gjordes"
    who = join_list(list(parties))
    head = f"{label} {verb} av {who}" if who else f"{label} {verb}"
    text = " ".join(text.split())
    if not text:
        return f"{head}."
    if who:
        return f"{head}, som anförde: {quoted([text])}"
    return f"{head} med följande lydelse: {quoted([text])}"


# --- Swedish collation ---------------------------------------------------------------------

# Primary letter order of the Swedish alphabet: å, ä, ö after z; é sorts as e, ü as y, æ as ä,
# ø as ö (SS-ISO/IEC 14651 Swedish tailoring, simplified).
_FOLD = {"é": "e", "è": "e", "ê": "e", "ë": "e", "á": "a", "à": "a", "â": "a", "ü": "y",
         "æ": "ä", "ø": "ö", "ç": "c", "í": "i", "ó": "o", "ú": "u", "ñ": "n"}
_ALPHABET = "abcdefghijklmnopqrstuvwxyzåäö"
_RANK = {c: i for i, c in enumerate(_ALPHABET)}


def _primary(ch: str) -> tuple[int, int]:
    if ch in _RANK:
        return (2, _RANK[ch])
    if ch.isdigit():
        return (1, ord(ch))
    if ch.isalpha():
        # Other letters: decompose and use the base letter when it is a-z, else after ö.
        base = unicodedata.normalize("NFD", ch)[0]
        if base in _RANK:
            return (2, _RANK[base])
        return (3, ord(ch))
    return (0, 0)  # spaces and punctuation: ignorable-ish, but keep word breaks first


def swedish_key(text: str) -> tuple:
    """Sort key putting å, ä, ö after z, case-insensitive; ties broken by the raw string."""
    folded = "".join(_FOLD.get(c, c) for c in text.casefold())
    primary = tuple(_primary(c) for c in folded if c.isalnum() or c == " ")
    return (primary, text)


def swedish_sorted(items: Iterable[str]) -> list[str]:
    return sorted(items, key=swedish_key)
