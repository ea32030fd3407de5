"""Themes across answers: a remiss's vocabulary, and explainable suggestions for untagged synpunkter.

Pure logic, offline. Words are compared as Swedish has them: each word is brought to its base form
through a full-form lexicon of general Swedish (wordfreq's word list: a base form is only taken when it
is itself a word, so "processer" is "process" and "processregler" stays apart), compounds are split only
where every part is a word ("barnrätts-perspektiv" -> barn, rätt, perspektiv; "avveckla" is not split),
and a word weighs by how telling it is twice over: how few synpunkter of this remiss carry it, and how
rare it is in Swedish at large ("gäller", "ligger" tell nothing whatever the remiss).

What never counts as evidence: Swedish function words and the words every remissvar uses, the words of
the remiss's own title, words that most synpunkter of the remiss carry, and the answering instans's own
name or its way of naming itself ("förbundet", "universitetet").

Three kinds of evidence, each shown on the board:
- the theme's own words (its name and keywords) in the synpunkt;
- closeness to the synpunkter a person has placed under the theme ("liknar 2 synpunkter under X"): a
  placed synpunkt is the strongest evidence there is, and each new placement moves the suggestions;
- closeness to the synpunkter that meet the theme's words plainly (what the theme's answers talk about).
A suggestion needs support from at least two words; without it the synpunkt gets none ("utan förslag").
An overall verdict ("tillstyrker förslaget i sin helhet") is recognised by a stance on the proposal as a
whole and the absence of a topic, and goes to the remiss's overall theme or a group of its own.
Without a vocabulary (or for what it does not cover), synpunkter from different organisations that share
telling words are grouped, and each group is named by the noun phrase its members repeat.
A suggestion is only a suggestion: nothing here tags anything.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .model import Remiss, Theme

# Swedish function words, and the words of the remissvar genre that every answer uses whatever its
# subject (they would make every synpunkt look alike).
_STOP = frozenset(
    """
    och i att det som en på är av för med till den har de inte om ett han men var jag sig från vi så före
    kan man när år säger hon under också efter eller nu sin där vid mot ska skall skulle kommer ut får
    finns vara vad alla andra mycket än här då sedan över bara in blir upp även vill ha hade ta bli
    dem detta denna dessa deras dess hans hennes min mitt mina din ditt dina vår vårt våra er ert era
    sina sitt oss honom henne mig dig ni någon något några ingen inget inga varje vilka vilken vilket
    hur varför samt både dock därför genom mellan utan inom enligt kring bland hos mer mest mindre
    sådan sådana sådant själv själva samma egen eget egna hela helt ännu redan just så väl bör borde
    måste kunna kunnat skulle ville vilja göra gör gjort gjorde ger gav ge fått få sätt sätta del
    delar vissa visst särskilt särskild särskilda exempel exempelvis t ex bl a m fl osv dvs etc
    nya ny nytt stor stora stort god goda gott bra viktigt viktig viktiga fler flera många olika
    utifrån samtidigt ytterligare idag sig sina dels tydligt tydlig tydliga tydligare
    remiss remissen remisser remissvar remissvaret remissyttrande remissyttrandet yttrande yttrandet
    yttra yttrar synpunkt synpunkter synpunkterna utredning utredningen utredningens utredare
    utredaren utredarens betänkande betänkandet betänkandets förslag förslaget förslagen förslagens
    föreslår föreslås föreslagna föreslagen tillstyrker tillstyrka tillstyrks avstyrker avstyrka
    anser anse ansett menar bedömer bedömning bedömningen instämmer delar ställer positiv positiva
    positivt negativ negativa välkomnar välkomna välkomnas ser lyfta lyfter lyft framhåller
    understryker vi vår våra vårt läs här hela sammanfattning sammanfattningsvis inledning allmänt
    behöver behövs kräver krävs mer ökad ökat ökade
    istället därmed däremot dessutom framförallt huvudsak huvudsakligen främst vidare slutligen
    sammantaget generellt generella övrigt övriga punkt punkten punkter kapitel kapitlet avsnitt avsnittet
    sida sidan bilaga bilagan
    utredningsförslag utredningsförslagen lagförslag lagförslaget lagförslagen promemoria promemorian
    kritisk kritiska kritiskt motsätter stöder stödjer saknar saknas efterfrågar önskar välkomnas
    lämnar lämnat lämna tycker uppfattar uppfattning poängtera poängterar betona betonar vikten
    """.split()
)

# How an instans names itself in its own answer: a definite organisation noun says who speaks, not
# what about.
_SELF = frozenset(
    """
    förbundet förbundets riksförbundet riksförbundets universitetet universitetets högskolan högskolans
    myndigheten myndighetens nämnden nämndens styrelsen styrelsens föreningen föreningens
    organisationen organisationens stiftelsen stiftelsens verket verkets fakulteten fakultetens
    fakultetsnämnden fakultetsnämndens områdesnämnden länsstyrelsen länsstyrelsens inspektionen
    ombudsmannen rådet rådets institutet institutets kommittén sektionen nätverket nätverkets
    organisationerna förbunden
    """.split()
)

# Theme names made of these words only name an overall verdict, not a topic ("övergripande inställning").
_OVERALL_NAME = frozenset(
    """
    övergripande allmän allmänt allmänna inställning inställningen helhetsomdöme helhetsbedömning
    ställningstagande ställningstaganden sammanfattande generell generella generellt synpunkter
    hållning överlag sammantaget inledande syn
    """.split()
)
OVERALL_LABEL = "Övergripande inställning"

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_MIN_LEN = 3
_PART_WEIGHT = 0.5  # a compound's part counts less than the word itself
_KNOWN = 2.0  # zipf at or above which a form is a word of general Swedish
_PART_KNOWN = 2.5  # a compound's part must be a commoner word than that
_NO_SPLIT = 3.0  # a word this common is a word of its own, not a compound to take apart
_MAX_WORD = 40  # longer runs of letters are not words to bring to base form or split
_COMMON_SHARE = 0.5  # a word in more than this share of the synpunkter tells nothing of a theme
MIN_SUPPORT = 2  # distinct words a suggestion needs
_DEBUG = False
_NAME_BONUS = True
_MARGIN = 1.5
_MIN_SCORE = 0.15

# Inflection endings (noun, adjective and verb) and what the base form ends in instead. A base form
# is only taken when the lexicon knows it as a word.
_INFLECTIONS = (
    ("ornas", "a"), ("arnas", ""), ("ernas", ""), ("ornas", "or"), ("orna", "a"), ("arna", ""),
    ("erna", ""), ("männen", "man"), ("männens", "man"), ("män", "man"), ("lerna", "el"), ("ler", "el"),
    ("ens", ""), ("ets", ""), ("ors", "a"), ("ars", ""), ("ers", ""), ("ans", "a"), ("or", "a"),
    ("ar", ""), ("er", ""), ("en", ""), ("et", ""), ("na", ""), ("an", "a"), ("n", ""), ("s", ""),
    ("t", ""), ("a", ""), ("e", ""), ("er", "a"), ("ar", "a"), ("ade", "a"), ("ades", "a"),
    ("at", "a"), ("ats", "a"), ("as", "a"), ("de", "a"), ("te", "a"), ("es", "a"), ("des", "a"),
    ("des", ""), ("ts", ""), ("t", "a"),
)


_ZIPF: dict[str, float] | None = None


def _zipf_table() -> dict[str, float]:
    """General Swedish word frequencies (wordfreq, loaded once, where it is first needed)."""
    global _ZIPF
    if _ZIPF is None:
        try:
            import wordfreq  # code Apache-2.0, data CC BY-SA 4.0: used as a dependency, nothing copied

            freq = wordfreq.get_frequency_dict("sv", wordlist="large")
            _ZIPF = {w: math.log10(f * 1e9) for w, f in freq.items() if f > 0}
        except Exception:  # pragma: no cover - without the word list every word is simply "unknown"
            _ZIPF = {}
    return _ZIPF


def zipf(word: str) -> float:
    """How common a form is in Swedish at large (0 for a form the lexicon does not know)."""
    return _zipf_table().get(word, 0.0)


_BASE: dict[str, str] = {}
_SPLIT: dict[str, tuple[str, ...]] = {}


def base_form(word: str) -> str:
    """The word's base form where the lexicon knows one: "biståndet" -> "bistånd", "rättigheter" ->
    "rättighet", "gäller" -> "gälla"; a word it cannot bring to a known form stays as it is, and a
    compound takes the base form of its last part ("processregler" -> "processregel")."""
    got = _BASE.get(word)
    if got is not None:
        return got
    if len(word) > _MAX_WORD:
        return word  # no Swedish word is that long: a run of letters is not worth taking apart
    form = _BASE[word] = _base_step(word)
    return form


def _base_step(word: str) -> str:
    table = _zipf_table()
    own = table.get(word, 0.0)
    best, best_rank = "", (0, 0.0)
    for suffix, repl in _INFLECTIONS:
        if word.endswith(suffix) and len(word) - len(suffix) + len(repl) >= _MIN_LEN:
            cand = word[: len(word) - len(suffix)] + repl
            if cand == word:
                continue
            z = table.get(cand, 0.0)
            if suffix == "t" and repl == "a" and table.get(cand[:-1], 0.0) >= z - 0.5:
                continue  # "ekonomiskt" is "ekonomisk", not "ekonomiska"; "stärkt" is "stärka"
            # A base form is a word, and about as common as the form (or commoner): "rätt" is not
            # "rät", and "barnen" is "barn".
            # One letter off is a weak sign ("barn" is no form of "bar"): the base form must then be
            # as common as the form itself, or nearly so for the adjective endings -a, -t, -e.
            slack = 1.5 if len(suffix) > 1 or repl else (0.0 if suffix in "ns" else 0.7)
            # The longest ending that leaves a word wins ("nämnden" is "nämnd", not "nämnde"), then
            # the commoner base form ("processer" is "process", not "processa").
            rank = (len(suffix), z)
            if z >= _KNOWN and z >= own - slack and rank > best_rank:
                best, best_rank = cand, rank
    if not best and own < _KNOWN and len(word) >= 7:
        # An unknown compound: its last part carries the inflection.
        for j in range(3, len(word) - 3):
            tail = word[j:]
            tb = base_form(tail)
            if tb != tail and table.get(tb, 0.0) >= _PART_KNOWN:
                best = word[:j] + tb
                break
    return best or word


def _known(form: str, level: float = _PART_KNOWN) -> bool:
    return len(form) >= _MIN_LEN and zipf(form) >= level


def compound_parts(word: str) -> tuple[str, ...]:
    """The base forms of a compound's parts, where every part is a word: "barnrättsperspektivet" ->
    (barn, rätt, perspektiv), "skolvalet" -> (skola, val). Empty for a simple word, for a word
    common enough to be one of its own, and where a part would not be a word ("avveckla")."""
    got = _SPLIT.get(word)
    if got is None:
        got = _SPLIT[word] = _split(word)
    return got


def _split(word: str) -> tuple[str, ...]:
    n = len(word)
    if n < 7 or n > _MAX_WORD or zipf(word) >= _NO_SPLIT or zipf(base_form(word)) >= _NO_SPLIT:
        return ()
    # Swedish compounds end in their head: the split whose last part is the longest known word wins
    # ("helhets-perspektiv", not "hel-hets-perspektiv"; "planerings-underlag", not "...-under-lag").
    for i in range(3, n - 2):
        head, tail = word[:i], word[i:]
        if _DERIVED.fullmatch(tail):
            continue  # "-liga" in "barnrättsliga" is an ending, not a word
        tail_base = base_form(tail)
        if _part(tail):
            last = tail
        elif _part(tail_base):
            last = tail_base
        elif tail.endswith(("ande", "ende")) and _part(tail[:-4] + "a"):
            last = tail  # a participle head ("ambitions-höjande"): the modifier is what links
        else:
            continue
        last = base_form(last) if _part(base_form(last)) else last
        known = [m for m in _modifiers(head) if _part(m)]
        if known:
            return (max(known, key=zipf), last)
        for mod in _modifiers(head):
            sub = compound_parts(mod) if len(mod) >= 7 else ()
            if sub:
                return (*sub, last)
    return ()


def _part(form: str) -> bool:
    """A form that can stand as a part of a compound: a common word, the commoner the shorter (the
    word list also holds names and abbreviations: "hora", "iso", "ens" make no parts)."""
    n = len(form)
    if n < _MIN_LEN or form in _ENDINGS:
        return False
    return zipf(form) >= (4.0 if n == 3 else 3.5 if n == 4 else 3.0)


_ENDINGS = frozenset("ens ets ers ars ors arna erna orna arnas ernas ornas ande ende ade are".split())


_DERIVED = re.compile(r"(?:lig|liga|ligt|ligen|isk|iska|iskt|het|heten|ning|ningen|ande|ende|are|aren|else|skap|"
                      r"dom|ism|ist|ell|ella|ellt|bar|bara|bart|ig|iga|igt)")


def _modifiers(head: str) -> list[str]:
    """What a compound's first part may stand for: itself, without a linking s ("barnrätts-"), or
    with the -a it drops ("skol-" for skola)."""
    out = [head]
    if head.endswith("s") and len(head) > 3:
        out.append(head[:-1])
    out += [head + "a", head + "e"]
    return out


def _tellingness(form: str) -> float:
    """1 for a rare word, down to 0.05 for the commonest: "skolval" tells much, "gäller" nothing."""
    z = max(zipf(form), 0.0)
    return min(1.0, max(0.05, (6.0 - z) / 2.5))


_NOUN_END = re.compile(r"(?:ning|ningen|ningar|ningarna|het|heten|heter|tion|tionen|skap|skapen|else|"
                       r"ism|itet|iteten|erna|arna|orna|en|et|na|er|ar|or|mål|lag|nd|rd|ck|ft|nt|st|ng|"
                       r"på|m|l|v|k|p|g)$")
_NOT_NOUN_END = re.compile(r"(?:as|ades|ats|ade|ad|ande|ende|de|te|ig|iga|igt|isk|iska|iskt|lig|liga|ligt|"
                           r"bar|bara|bart|ell|ella|ellt|iv|iva|ivt|ör)$")
_ADJ_END = re.compile(r"(?:isk|iska|iskt|lig|liga|ligt|ell|ella|ellt|iv|iva|ivt|al|ala|alt|ad|ade|at|ig|iga|igt|"
                      r"är|ära|ärt|bar|bara|bart|rad|rade|rat)$")


def is_verb_form(word: str) -> bool:
    """A verb or a participle, as the lexicon sees it: its base form is an infinitive ("gäller" ->
    "gälla") or it ends as a participle does ("föreslagna", "genomarbetade")."""
    b = base_form(word)
    if b != word and b.endswith("a") and not word.endswith(("or", "orna", "ornas", "an", "ans")):
        noun = word[:-2] if word.endswith(("er", "ar")) else ""
        if not (noun and zipf(noun) > zipf(b)):
            return True
    return bool(re.search(r"(?:ande|ende|ade|ades|ats|na|ad|at)$", word)) and not _NOUN_END.search(b)


def is_noun(word: str) -> bool:
    """A rough guess, from the lexicon and the ending, that a Swedish word is a noun."""
    if word in _STOP or len(word) < _MIN_LEN or is_verb_form(word):
        return False
    b = base_form(word)
    return not _NOT_NOUN_END.search(b) and not _NOT_NOUN_END.search(word)


# --- the words of one remiss -----------------------------------------------------------------------


class _Words:
    """The remiss's words: base forms, compound parts, what never counts, and how telling each is."""

    def __init__(self, *, excluded: Iterable[str] = ()) -> None:
        self.excluded = set(excluded)  # base forms that never count (title, organisations)
        self.surface: dict[str, Counter[str]] = defaultdict(Counter)

    @staticmethod
    def tokens(text: str) -> list[str]:
        return _WORD.findall(text.lower())

    def content(self, text: str, extra_excluded: set[str] = frozenset()) -> list[str]:
        """The synpunkt's words that may count: no function or genre word, no self-reference, none
        of the remiss's own title or the organisation's name."""
        out = []
        for w in self.tokens(text):
            if len(w) < _MIN_LEN or w in _STOP or w in _SELF or w in extra_excluded:
                continue
            b = base_form(w)
            if b in self.excluded or b in extra_excluded or b in _STOP:
                continue
            out.append(w)
        return out

    def features(self, words: list[str]) -> dict[str, float]:
        counts: Counter[str] = Counter()
        for w in words:
            b = base_form(w)
            self.surface[b][w] += 1
            counts[b] += 1.0
            for p in compound_parts(w):
                if p not in _STOP and p not in self.excluded and p != b and len(p) >= _MIN_LEN:
                    counts[p] += _PART_WEIGHT
                    self.surface[p][w] += 0  # the compound shows for its part in explanations
        return {s: (1.0 + math.log(c)) if c > 1 else c for s, c in counts.items()}

    def commonest(self, key: str) -> str:
        """The synpunkter's own commonest form of a base form ("avgifterna" for "avgift")."""
        forms = self.surface.get(key)
        if not forms:
            return key
        return max(forms.items(), key=lambda kv: (kv[1], -len(kv[0])))[0]

    def label(self, key: str) -> str:
        """The form a reader expects for a base form: the base form itself when it is a word,
        else the synpunkter's commonest form of it."""
        if zipf(key) >= _KNOWN or key not in self.surface:
            return key
        forms = self.surface[key]
        return max(forms.items(), key=lambda kv: (kv[1], -len(kv[0])))[0]


def _exclusions(orgs: Iterable[str], title: str) -> set[str]:
    out: set[str] = set()
    for text in [*orgs, title]:
        for w in _WORD.findall(text.lower()):
            if len(w) < _MIN_LEN or w in _STOP:
                continue
            # The words and their base forms; not their parts: "Barnombudsmannen" says nothing of
            # a theme, but "barn" in its answer may.
            out.add(w)
            out.add(base_form(w))
    return out


# --- the vocabulary ------------------------------------------------------------------------------


def theme_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def vocabulary(remiss: Remiss) -> list[Theme]:
    """The remiss's themes: its own list, then any theme typed on a synpunkt and not yet listed."""
    out = [Theme(name=t.name, keywords=list(t.keywords)) for t in remiss.themes if t.name.strip()]
    seen = {theme_key(t.name) for t in out}
    for rec in remiss.recipients:
        if rec.response is None:
            continue
        for c in rec.response.comments:
            if c.theme.strip() and theme_key(c.theme) not in seen:
                seen.add(theme_key(c.theme))
                out.append(Theme(name=c.theme.strip()))
    return out


def is_overall_theme(name: str) -> bool:
    """A theme whose name has no topic, only the words of an overall verdict."""
    words = [w for w in _WORD.findall(name.lower()) if w not in ("och", "i", "till", "om", "på", "av")]
    return bool(words) and all(w in _OVERALL_NAME for w in words)


# --- suggestions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One synpunkt as the suggester sees it; `ref` is the caller's handle (organisation, index)."""

    ref: tuple[str, int]
    organisation: str
    text: str
    theme: str = ""


@dataclass
class Suggestion:
    theme: str
    confidence: float  # 0..1
    why: list[str] = field(default_factory=list)  # the words that matched
    new: bool = False  # a proposed group, not a theme of the vocabulary
    similar: int = 0  # placed synpunkter under the theme that this one resembles
    verdict: bool = False  # an overall verdict without a topic
    needs_name: bool = False  # a proposed group named by one word: the board asks for a name

    def reason(self) -> str:
        """Why, in the board's words."""
        if self.similar:
            n = self.similar
            head = f"liknar {n} {'synpunkt' if n == 1 else 'synpunkter'} under {self.theme}"
            return head + (f" (ord: {', '.join(self.why)})" if self.why else "")
        if self.verdict:
            return "helhetsomdöme utan eget sakområde" + (f" (ord: {', '.join(self.why)})" if self.why else "")
        return "ord: " + ", ".join(self.why)


def items_of(remiss: Remiss) -> list[Item]:
    out = []
    for rec in remiss.recipients:
        if rec.response is None:
            continue
        for i, c in enumerate(rec.response.comments):
            out.append(Item(ref=(rec.organisation, i), organisation=rec.organisation, text=c.text, theme=c.theme))
    return out


def suggest_for(remiss: Remiss) -> dict[tuple[str, int], Suggestion | None]:
    return suggest(items_of(remiss), vocabulary(remiss), title=remiss.title)


def suggest(items: Sequence[Item], themes: Sequence[Theme], *, title: str = "") -> dict[tuple[str, int], Suggestion | None]:
    """A suggestion (or None) for every untagged item; tagged items are evidence, never changed."""
    ctx = _Context(items, themes, title)
    out: dict[tuple[str, int], Suggestion | None] = {}
    named = ctx.named() if themes else {}
    open_idx = [i for i, it in enumerate(items) if not it.theme.strip()]
    rest = [i for i in open_idx if i not in named and not ctx.touches_theme(i)]
    taken = {theme_key(t.name) for t in themes}
    # With a vocabulary, a new group is proposed only where it clearly recurs (three organisations);
    # the rest is left "utan förslag" for a person to place.
    groups = ctx.groups(rest, taken=taken, min_orgs=3 if themes else 2)
    for i in open_idx:
        out[items[i].ref] = named.get(i) or groups.get(i)
    return out


class _Context:
    """One run of the suggester over one remiss's synpunkter."""

    def __init__(self, items: Sequence[Item], themes: Sequence[Theme], title: str) -> None:
        self.items = items
        self.themes = list(themes)
        self.words = _Words(excluded=_exclusions((), title))
        org_words: dict[str, set[str]] = {}
        for it in items:
            if it.organisation not in org_words:
                org_words[it.organisation] = _exclusions([it.organisation], "")
        self.content = [self.words.content(it.text, org_words[it.organisation]) for it in items]
        feats = [self.words.features(ws) for ws in self.content]
        n = len(items)
        df: Counter[str] = Counter()
        for f in feats:
            df.update(f.keys())
        self.df = df
        # What most synpunkter of the remiss say is the remiss's subject, not a theme.
        common = {s for s, d in df.items() if n >= 6 and d > _COMMON_SHARE * n}
        self.common = common
        self.weight = {s: math.log((n + 1) / (d + 0.5)) * _tellingness(s) for s, d in df.items() if s not in common}
        self.feats = [{s: x for s, x in f.items() if s in self.weight} for f in feats]
        self.vecs = [_unit({s: x * self.weight[s] for s, x in f.items()}) for f in self.feats]
        self.shown = [self._shown(ws) for ws in self.content]

    def _shown(self, words: list[str]) -> dict[str, str]:
        """Base form -> the synpunkt's own word that carries it (a compound for its parts)."""
        out: dict[str, str] = {}
        for w in words:
            out.setdefault(base_form(w), w)
        for w in words:
            for p in compound_parts(w):
                out.setdefault(p, w)
        return out

    def telling(self, key: str) -> bool:
        return key in self.weight and _tellingness(key) >= 0.3

    # --- with a vocabulary ---------------------------------------------------------------------

    def _terms(self) -> list[dict[str, float]]:
        terms: list[dict[str, float]] = []
        for t in self.themes:
            d: dict[str, float] = {}
            if not is_overall_theme(t.name):
                for w in self.words.content(" ".join([t.name, *t.keywords])):
                    b = base_form(w)
                    d[b] = 1.0
                    for p in compound_parts(w):
                        if p not in _STOP:
                            d[p] = max(d.get(p, 0.0), _PART_WEIGHT)
            terms.append(d)
        shared = Counter(s for d in terms for s in d)
        # The theme's own whole words (not parts), each in one theme only: a synpunkt using one of
        # them names the theme.
        self.whole = [{s for s, w in d.items() if w == 1.0 and shared[s] == 1 and _tellingness(s) >= 0.5}
                      for d in terms]
        self.whole_all = [{s for s, w in d.items() if w == 1.0} for d in terms]
        return [{s: w / shared[s] for s, w in d.items()} for d in terms]

    def named(self) -> dict[int, Suggestion]:
        items, themes = self.items, self.themes
        terms = self._terms()
        index = {theme_key(t.name): k for k, t in enumerate(themes)}
        overall = [k for k, t in enumerate(themes) if is_overall_theme(t.name)]
        placed: dict[int, list[int]] = defaultdict(list)  # theme -> synpunkter a person placed there
        for i, it in enumerate(items):
            k = index.get(theme_key(it.theme)) if it.theme.strip() else None
            if k is not None:
                placed[k].append(i)
        # 1. The theme's own words in each synpunkt: a score and the distinct words that carry it.
        name_hits: list[dict[int, tuple[float, list[str]]]] = []
        for i, f in enumerate(self.feats):
            row: dict[int, tuple[float, list[str]]] = {}
            for k, t in enumerate(terms):
                score, hit = 0.0, []
                for s, w in t.items():
                    if s in f:
                        # How telling the word is in Swedish: a small remiss gives no word frequencies
                        # of its own to go by.
                        score += w * _tellingness(s)
                        hit.append(s)
                if hit:
                    row[k] = (score, hit)
            name_hits.append(row)
        self.name_rows = name_hits
        # 2. What the theme's answers talk about: the synpunkter placed there (full weight) and those
        # that meet the theme's words plainly on two words or more (half weight). Two rounds let a
        # theme reach synpunkter that share its answers' words but not its name.
        learnt: dict[int, dict[int, float]] = defaultdict(dict)
        for k, members in placed.items():
            for i in members:
                learnt[k][i] = 1.0
        for i, row in enumerate(name_hits):
            if items[i].theme.strip() or not row:
                continue
            best = max(row.items(), key=lambda kv: kv[1][0])
            words = {self.shown[i].get(s, s) for s in best[1][1]}
            if len(words) >= MIN_SUPPORT and k_unique(row, best[0]):
                learnt[best[0]].setdefault(i, 0.5)
        verdicts = {i for i, it in enumerate(items) if not it.theme.strip() and self.is_verdict(i, name_hits[i])}
        out: dict[int, Suggestion] = {}
        # Who was placed where, as an index from word to placed synpunkt: the closeness of one synpunkt
        # to every placed one costs only the words they share (a thousand placed stay fast).
        postings: list[dict[str, list[tuple[int, float]]]] = []
        for k in range(len(themes)):
            post: dict[str, list[tuple[int, float]]] = defaultdict(list)
            for j in placed.get(k, ()):
                for s_, x in self.vecs[j].items():
                    post[s_].append((j, x))
            postings.append(post)
        self._postings = postings
        for _round in range(2):
            centroid = [self._centroid_sum(learnt.get(k, {})) for k in range(len(themes))]
            out = {}
            for i, it in enumerate(items):
                if it.theme.strip():
                    continue
                got = self._decide(i, name_hits[i], centroid, placed, learnt, overall, verdicts)
                if got is not None:
                    out[i] = got
            # Learn from the confident suggestions of this round (never from a verdict: it has no topic).
            for i, s in out.items():
                k = index[theme_key(s.theme)] if theme_key(s.theme) in index else None
                if k is not None and not s.verdict:
                    learnt[k].setdefault(i, 0.3)
        return out

    def touches_theme(self, i: int) -> bool:
        """Whether any theme's own words are in the synpunkt (then it is no new theme's)."""
        rows = getattr(self, "name_rows", None)
        return bool(rows and rows[i])

    def _centroid_sum(self, members: dict[int, float]) -> tuple[dict[str, float], float]:
        """The weighted sum of the members' vectors and its squared length (the centroid is its
        direction; keeping the sum lets one member be left out without summing again)."""
        c: dict[str, float] = {}
        for i, w in members.items():
            for s, x in self.vecs[i].items():
                c[s] = c.get(s, 0.0) + w * x
        return c, sum(x * x for x in c.values())

    def _placed_sims(self, k: int, i: int) -> dict[int, float]:
        sims: dict[int, float] = {}
        post = self._postings[k]
        for s, x in self.vecs[i].items():
            for j, y in post.get(s, ()):
                if j != i:
                    sims[j] = sims.get(j, 0.0) + x * y
        return sims

    def _decide(self, i, hits, centroid, placed, learnt, overall, verdicts) -> Suggestion | None:
        v = self.vecs[i]
        themes = self.themes
        scored: list[tuple[float, int, set[str], int]] = []
        for k in range(len(themes)):
            support: set[str] = set()
            score = 0.0
            if k in hits:
                h_score, h_words = hits[k]
                whole = self.whole_all[k]
                covered = len(whole & set(h_words)) / len(whole) if whole else 0.0
                score += min(1.0, h_score) * (0.5 + 0.5 * covered)
                support.update(s for s in h_words if self.telling(s))
            # Closeness to what the theme's synpunkter say (learnt, this one left out).
            c_sum, c_norm2 = centroid[k]
            if c_sum and v:
                dot = sum(x * c_sum.get(s_, 0.0) for s_, x in v.items())
                own = learnt.get(k, {}).get(i, 0.0)
                norm2 = c_norm2 - 2 * own * dot + own * own
                if norm2 > 1e-12:
                    sim = (dot - own) / math.sqrt(norm2)
                    if sim > 0:
                        score += 0.8 * sim
                        cut = 0.08 * math.sqrt(norm2)
                        support.update(s_ for s_ in v if c_sum.get(s_, 0.0) - own * v[s_] >= cut and self.telling(s_))
            # Closeness to each synpunkt a person placed there: the two nearest.
            near = 0
            if placed.get(k):
                by_j = self._placed_sims(k, i)
                sims = sorted(by_j.values(), reverse=True)
                top = sims[:2]
                if top:
                    score += 0.6 * sum(top) / len(top)
                close = [j for j, x in by_j.items() if x >= 0.12]
                near = len(close)
                for j in close[:20]:
                    support.update(s_ for s_ in v if s_ in self.vecs[j] and self.telling(s_))
            scored.append((score, k, support, near))
        scored.sort(key=lambda t: -t[0])
        best_score, best_k, support, near = scored[0] if scored else (0.0, -1, set(), 0)
        second = scored[1][0] if len(scored) > 1 else 0.0
        topic_words = set(hits[best_k][1]) if best_k in hits else set()
        if i in verdicts and (len(topic_words) < MIN_SUPPORT or best_score < 0.45):
            if overall:
                k = overall[0]
                near = sum(1 for j in placed.get(k, []) if _dot(v, self.vecs[j]) >= 0.12)
                return Suggestion(theme=themes[k].name, confidence=0.7, why=self.stance_words(i),
                                  verdict=True, similar=near)
            return None  # left to the groups: an overall verdict with others of its kind
        if best_k < 0 or best_k in overall and not near:
            return None
        words = sorted(support, key=lambda s: -self.weight.get(s, 0.0) * v.get(s, 0.0))
        distinct = {self.shown[i].get(s, s) for s in words}
        # A word that is the theme's own name counts twice: the synpunkt names the theme.
        names_it = best_k in hits and any(s in self.whole[best_k] for s in hits[best_k][1])
        points = len(distinct) + (1 if names_it and _NAME_BONUS else 0)
        if points < MIN_SUPPORT or best_score < _MIN_SCORE or best_score < _MARGIN * second:
            if _DEBUG:
                print("   silent", i, themes[best_k].name[:20], round(best_score, 2), round(second, 2), distinct)
            return None
        margin = 1.0 - second / best_score if best_score else 0.0
        # How far ahead of the next theme it is says most (measured on real answers), then how strong
        # and how many words stand behind it.
        confidence = min(1.0, 0.3 + 0.45 * margin + 0.25 * min(1.0, best_score) + 0.05 * (points - MIN_SUPPORT))
        if len(distinct) < MIN_SUPPORT:
            confidence *= 0.8  # one word only, the theme's own
        confidence = round(confidence, 3)
        why = _dedupe([self.shown[i].get(s, self.words.label(s)) for s in words])[:5]
        got = Suggestion(theme=themes[best_k].name, confidence=confidence, why=why, similar=near)
        if _DEBUG:
            got._f = (len(distinct), names_it, round(best_score, 2), round(margin, 2), near)
        return got

    # --- overall verdicts ------------------------------------------------------------------------

    def is_verdict(self, i: int, hits: dict[int, tuple[float, list[str]]]) -> bool:
        return is_overall_verdict(self.items[i].text)

    def stance_words(self, i: int) -> list[str]:
        toks = self.words.tokens(self.items[i].text)
        return _dedupe([w for w in toks if w in _STANCE_ALL or w in _WHOLE])[:4]

    # --- without a vocabulary: groups that recur across organisations ---------------------------

    def groups(self, idx: list[int], *, taken: set[str] = frozenset(), min_orgs: int = 2) -> dict[int, Suggestion]:
        items = self.items
        out: dict[int, Suggestion] = {}
        used: set[str] = set(taken)
        # Overall verdicts: their own group, from two organisations or more.
        verdicts = [i for i in idx if is_overall_verdict(items[i].text)]
        if len({items[i].organisation for i in verdicts}) >= 2 and theme_key(OVERALL_LABEL) not in used:
            used.add(theme_key(OVERALL_LABEL))
            for i in verdicts:
                out[i] = Suggestion(theme=OVERALL_LABEL, confidence=0.6, why=self.stance_words(i),
                                    new=True, verdict=True)
        rest = [i for i in idx if i not in out]
        orgs_of: dict[str, set[str]] = defaultdict(set)
        for it, f in zip(items, self.feats):
            for s in f:
                orgs_of[s].add(it.organisation)
        shared = [_unit({s: x * self.weight[s] for s, x in f.items() if len(orgs_of[s]) > 1 and self.telling(s)})
                  for f in self.feats]
        formed: list[tuple] = []
        for m in _cluster(shared, rest):
            if len({items[i].organisation for i in m}) < 2:
                continue
            vecs = [shared[i] for i in m]
            group_df = Counter(s for v in vecs for s in v)
            # Each member must share two telling words with the rest of the group, or it stays out.
            keep = [i for i in m if sum(1 for s in shared[i] if group_df[s] > 1) >= MIN_SUPPORT]
            if len(keep) < 2 or len({items[i].organisation for i in keep}) < min_orgs:
                continue
            name, needs_name = self.name_group(keep)
            if min_orgs > 2 and needs_name:
                continue  # beside a vocabulary, only a group that repeats a noun phrase is proposed
            base, n = name, 2
            while theme_key(name) in used:
                name, n = f"{base} ({n})", n + 1
            used.add(theme_key(name))
            centre = _unit({s: sum(shared[j].get(s, 0.0) for j in keep) for s in group_df})
            orgs = len({items[j].organisation for j in keep})
            confidence = round(sum(_dot(shared[j], centre) for j in keep) / len(keep) * min(1.0, orgs / 3), 3)
            kept_df = Counter(s for j in keep for s in shared[j])
            for i in keep:
                words = sorted((s for s in shared[i] if kept_df[s] > 1),
                               key=lambda s: -shared[i][s] * kept_df[s])
                why = _dedupe([self.shown[i].get(s, self.words.label(s)) for s in words])[:4]
                out[i] = Suggestion(theme=name, confidence=confidence, why=why, new=True, needs_name=needs_name)
            formed.append((name, needs_name, centre, kept_df, confidence))
        # A synpunkt left out joins the group it shares two telling words with, the nearest one.
        for i in rest:
            if i in out or not shared[i]:
                continue
            best = None
            for name, needs_name, centre, kept_df, confidence in formed:
                common = [s for s in shared[i] if kept_df[s] > 0]
                if len({self.shown[i].get(s, s) for s in common}) < MIN_SUPPORT:
                    continue
                sim = _dot(shared[i], centre)
                if sim >= _GROUP_LINK * 1.5 and (best is None or sim > best[0]):
                    best = (sim, name, needs_name, common, confidence)
            if best:
                sim, name, needs_name, common, confidence = best
                common.sort(key=lambda s: -shared[i][s])
                why = _dedupe([self.shown[i].get(s, self.words.label(s)) for s in common])[:4]
                out[i] = Suggestion(theme=name, confidence=round(min(confidence, sim), 3), why=why, new=True,
                                    needs_name=needs_name)
        return out

    def name_group(self, members: list[int]) -> tuple[str, bool]:
        """The noun phrase the group's synpunkter repeat, in base form ("ekonomiskt bistånd"); else
        the most telling noun, and the board asks for a name."""
        return name_of([self.items[i].text for i in members], self)


def k_unique(row: dict[int, tuple[float, list[str]]], k: int) -> bool:
    """The theme's words meet the synpunkt clearly more than any other theme's do."""
    best = row[k][0]
    return all(score * 1.5 <= best for kk, (score, _w) in row.items() if kk != k)


_GROUP_LINK = 0.1


def _cluster(vecs: list[dict[str, float]], idx: list[int], threshold: float | None = None) -> list[list[int]]:
    """Average-linkage grouping over a sparse similarity graph (only pairs that share a word)."""
    if len(idx) < 2:
        return []
    threshold = _GROUP_LINK if threshold is None else threshold
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i in idx:
        for s, x in vecs[i].items():
            postings[s].append((i, x))
    limit = max(50, len(idx) // 10)  # a word in very many synpunkter links everything: skip it
    sims: dict[int, dict[int, float]] = defaultdict(dict)
    for plist in postings.values():
        if len(plist) < 2 or len(plist) > limit:
            continue
        for a in range(len(plist)):
            i, x = plist[a]
            row = sims[i]
            for b in range(a + 1, len(plist)):
                j, y = plist[b]
                row[j] = row.get(j, 0.0) + x * y
    members: dict[int, list[int]] = {i: [i] for i in idx}
    total: dict[int, dict[int, float]] = defaultdict(dict)
    for i, row in sims.items():
        for j, v in row.items():
            if v >= threshold / 2:
                total[i][j] = v
                total[j][i] = v
    heap = [(-v, i, j) for i, row in total.items() for j, v in row.items() if i < j and v >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        avg = total[a].get(b, 0.0) / (len(members[a]) * len(members[b]))
        if abs(-neg - avg) > 1e-12:
            continue  # a stale entry
        if avg < threshold:
            break
        members[a].extend(members.pop(b))
        row_b = total.pop(b)
        for c, v in row_b.items():
            if c == a:
                continue
            total[a][c] = total[a].get(c, 0.0) + v
            total[c][a] = total[a][c]
            total[c].pop(b, None)
        total[a].pop(b, None)
        for c, v in total[a].items():
            avg_ac = v / (len(members[a]) * len(members[c]))
            if avg_ac >= threshold:
                x, y = (a, c) if a < c else (c, a)
                heapq.heappush(heap, (-avg_ac, x, y))
    groups = [m for m in members.values() if len(m) >= 2]
    groups.sort(key=lambda m: (-len(m), min(m)))
    return groups


def name_of(texts: Sequence[str], ctx: _Context | None = None) -> tuple[str, bool]:
    """A name for synpunkter that belong together: the adjective + noun phrase that two or more of
    them repeat, in the form they use most, else the most telling noun they share (then the second
    value is True: a person should name it)."""
    words = ctx.words if ctx else _Words()
    excluded = (ctx.common | words.excluded) if ctx else set()
    weight = ctx.weight if ctx else {}
    phrases: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    phrase_docs: Counter[tuple[str, str]] = Counter()
    phrases3: dict[tuple[str, str, str], Counter[tuple[str, str, str]]] = defaultdict(Counter)
    phrase3_docs: Counter[tuple[str, str, str]] = Counter()
    nouns: Counter[str] = Counter()
    noun_form: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        toks = _WORD.findall(text.lower())
        seen_p: set[tuple[str, str]] = set()
        seen_3: set[tuple[str, str, str]] = set()
        seen_n: set[str] = set()
        for a, prep, b in zip(toks, toks[1:], toks[2:]):
            # A noun and what it is about: "medborgardialog i stadsdelarna", "tillsynen över hemtjänsten".
            if (prep in _PHRASE_PREPS and is_noun(a) and is_noun(b) and len(a) >= 4 and len(b) >= 4
                    and a not in _SELF and b not in _SELF and a not in _STANCE_ALL
                    and base_form(a) not in excluded and base_form(b) not in excluded):
                key3 = (base_form(a), prep, base_form(b))
                phrases3[key3][(a, prep, b)] += 1
                seen_3.add(key3)
        for a, b in zip(toks, toks[1:]):
            if (len(a) >= 4 and _ADJ_END.search(a) and a not in _STOP and is_noun(b) and b not in _SELF
                    and base_form(b) not in excluded and b not in _STOP and not is_verb_form(a)
                    and a not in _STANCE_ALL):
                key = (base_form(a), base_form(b))
                phrases[key][f"{a} {b}"] += 1
                seen_p.add(key)
        for w in toks:
            if is_noun(w) and w not in _SELF and w not in _STANCE_ALL:
                b = base_form(w)
                if b in excluded or b in _STOP or len(b) < 4:
                    continue
                noun_form[b][w] += 1
                seen_n.add(b)
        phrase_docs.update(seen_p)
        phrase3_docs.update(seen_3)
        nouns.update(seen_n)
    need = max(2, math.ceil(0.3 * len(texts)))
    good3 = [k for k, d in phrase3_docs.items() if d >= need]
    if good3:
        best3 = max(good3, key=lambda k: (phrase3_docs[k], k))
        forms3 = phrases3[best3]
        a, prep, b = max(forms3, key=lambda f: forms3[f])
        # The head noun in its base form, what it is about as the synpunkter put it.
        head = best3[0]
        return f"{head} {prep} {b}", False
    good = [k for k, d in phrase_docs.items() if d >= need]
    if good:
        best = max(good, key=lambda k: (phrase_docs[k], _tellingness(k[1]), k))
        forms = phrases[best]
        # The base form where the synpunkter use it ("ekonomiskt bistånd"), else their commonest form.
        plain = [f for f in forms if f.split()[1] == best[1]]
        return (max(plain, key=lambda f: forms[f]) if plain else max(forms, key=lambda f: forms[f])), False
    if nouns:
        best_n = max(nouns, key=lambda b: (nouns[b] * (weight.get(b, 0.0) or _tellingness(b)), b))
        return (best_n if zipf(best_n) >= _KNOWN else max(noun_form[best_n], key=noun_form[best_n].get)), True
    return "nytt tema", True


_PHRASE_PREPS = frozenset("i vid över för av på inom till om med mellan".split())


def _dedupe(words: list[str]) -> list[str]:
    seen: set[str] = set()
    return [w for w in words if not (w in seen or seen.add(w))]


def _unit(v: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(x * x for x in v.values()))
    return {s: x / norm for s, x in v.items() if x > 0} if norm else {}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(s, 0.0) for s, x in a.items())


# --- stance -----------------------------------------------------------------------------------------

# Stance language of remissvar, in general (no remiss's own words). A verb's view turns with a negation
# beside it ("delar inte", "kan inte tillstyrka", "inte positiv").
_FOR = frozenset("tillstyrker tillstyrka tillstyrks tillstyrkes välkomnar välkomna välkomnas välkomnande "
                 "positiv positiva positivt instämmer instämma stöder stödjer stödja bejakar bifaller "
                 "delar dela ställer".split())
_AGAINST = frozenset("avstyrker avstyrka avstyrks motsätter motsätta kritisk kritiska kritiskt invänder "
                     "ifrågasätter avvisar negativ negativa negativt problematisk problematiska problematiskt "
                     "tveksam tveksamma tveksamt oroar oroade avråder".split())
_ASK = frozenset("bör borde behöver behövs saknar saknas efterfrågar efterfrågas önskar önskvärt måste "
                 "kräver krävs vill".split())
_NOT = frozenset("inte ej icke aldrig".split())
_STANCE_ALL = _FOR | _AGAINST | {"oro", "allvarligt", "bakom"}
# What "the whole proposal" is called, as the object of a stance.
_WHOLE = frozenset("utredningen utredningens utredningsförslagen betänkandet betänkandets förslagen lagförslaget "
                   "lagförslagen promemorian remissen översynen inriktningen inriktning intentionerna "
                   "intentioner helhet helheten mycket flertalet huvudsak".split())
# After "förslaget"/"förslagen", these make it one proposal among others ("förslaget om avgifter").
_SPECIFIC = frozenset("om att till gällande rörande avseende i kring".split())
# Words before "delar" that make it the noun ("i dessa delar", "stora delar").
_NOUN_BEFORE = frozenset("i de dessa vissa alla två tre flera olika andra stora båda vilka några samtliga "
                         "delar dess dels övriga".split())
_VIEW_AFTER = frozenset("utredningens utredarens regeringens bedömningen bedömning uppfattningen uppfattning "
                        "synen bilden slutsatsen slutsatserna förslaget förslagen ambitionen den det "
                        "inte helt i".split())


def _stance_at(words: list[str], i: int) -> int:
    """The view carried by the word at i: +1, -1 or 0 (a noun spelled like a verb carries none)."""
    w = words[i]
    prev = words[i - 1] if i else ""
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if w in ("delar", "dela"):
        # The verb shares a view ("vi delar utredningens bedömning"); the noun is a part ("i dessa delar").
        if prev in _NOUN_BEFORE or nxt not in _VIEW_AFTER:
            return 0
        return 1
    if w == "ställer":
        # "ställer sig positiv/bakom" is a view; "ställer krav" is not.
        after = words[i + 1:i + 4]
        if "sig" not in after[:1]:
            return 0
        rest = words[i + 2:i + 6]
        if any(x in _AGAINST for x in rest):
            return 0  # the adjective carries it
        return 1 if ("bakom" in rest or any(x in ("positiv", "positiva") for x in rest)) else 0
    if w in ("positiv", "positiva", "positivt") and prev in ("mindre", "ej", "icke"):
        return -1
    return 1 if w in _FOR else -1 if w in _AGAINST else 0


def stance(text: str) -> int:
    """+1 for a view for, -1 against, 0 for neither or both, from the synpunkt's own stance verbs,
    with their negations ("delar inte", "kan inte tillstyrka") and never from a noun spelled like a
    verb ("i dessa delar")."""
    words = _WORD.findall(text.lower())
    score = 0
    for i in range(len(words)):
        sign = _stance_at(words, i)
        if not sign:
            continue
        window = words[max(0, i - 2):i] + words[i + 1:i + 3]
        if any(x in _NOT for x in window):
            sign = -sign
        score += sign
    # "ser positivt på" is in _FOR; "ser med oro på", "ser allvarligt på" is a view against.
    for m in re.finditer(r"\bser\s+(?:med\s+(?:stor\s+)?oro|allvarligt|kritiskt)\b", text.lower()):
        score -= 1
    return (score > 0) - (score < 0)


polarity = stance  # the name the summary knows it by


def asks(text: str) -> bool:
    return any(w in _ASK for w in _WORD.findall(text.lower()))


def is_overall_verdict(text: str) -> bool:
    """A view on the proposal as a whole: a stance whose object is the whole ("tillstyrker
    utredningen", "ser positivt på betänkandet", "positiva till mycket", "stöder denna inriktning"),
    or a judgement of the inquiry's work ("utredningen har på ett gediget sätt genomfört sitt
    uppdrag"). Read in the synpunkt's first sentence, where an answer says it. "Förslaget om
    avgifter", "utredningens bedömning att ..." are one matter among others, not the whole."""
    low = text.lower()
    # The first two sentences: an answer states its verdict first, sometimes after a line on the
    # problem ("TCO delar bedömningen att ... Mot denna bakgrund tillstyrker TCO utredningens förslag").
    sentences = re.split(r"(?<=[.!?])\s+", low.strip(), maxsplit=2)
    first = " ".join(sentences[:2])
    words, glued = [], []
    for m in _WORD.finditer(first):
        if words:
            glued.append(first[end:m.start()].strip() == "")
        words.append(m.group())
        end = m.end()
    glued.append(False)
    n = len(words)

    def next_word(j: int) -> str:
        # The word after j only where nothing but space stands between ("utredningsförslagen, till
        # exempel" is not "förslagen till").
        return words[j + 1] if j + 1 < n and glued[j] else ""

    for i in range(n):
        if not _stance_at(words, i) and words[i] != "ser":
            continue
        if words[i] == "ser" and not any(x in ("positivt", "positiva", "positiv") for x in words[i + 1:i + 4]):
            continue
        for j in range(i + 1, min(n, i + 8)):
            x, prev = words[j], words[j - 1]
            nxt = next_word(j)
            if x in _WHOLE_NOUNS and prev not in ("liksom", "som", "i", "att", "än") and nxt not in _SPECIFIC:
                return True
            if x in ("förslagen", "förslaget", "förslag", "intentioner", "intentionerna", "inriktning",
                     "inriktningen") and (prev in _WHOLE_OWNERS or x.startswith(("intention", "inriktning"))
                                          or "flera" in words[max(0, j - 3):j]):
                if nxt in _SPECIFIC or (nxt == "som" and j + 2 < n and words[j + 2] in _TOPIC_VERBS):
                    continue
                return True
            if x == "mycket" and prev in ("till", "på"):
                return True
            if x == "helhet" and prev == "sin":
                return True
            if x == "delar" and prev == "stora":
                return True
        before = words[max(0, i - 8):i]
        if words[i] in _FOR | _AGAINST and any(x.startswith("förslag") for x in before) \
                and any(x in ("flertal", "flera", "flertalet", "många") for x in before):
            return True
    if re.match(r"^(?:sammanfattningsvis|sammantaget|övergripande)\b", first) and any(
            w in _WHOLE_NOUNS or w in ("förslagen", "utredningens") for w in words):
        return True
    if re.search(r"\b(?:utredningen|betänkandet|utredaren)\b.{0,60}\b(?:gediget|ambitiöst|genomarbetade?|"
                 r"väl\s+genomförd|värdefull|förtjänstfullt|grundligt)", first):
        return True
    return False


_WHOLE_NOUNS = frozenset("utredningen betänkandet lagförslaget lagförslagen promemorian remissen översynen "
                         "utredningsförslagen".split())
_WHOLE_OWNERS = frozenset("utredningens betänkandets flertalet dessa denna".split())
_TOPIC_VERBS = frozenset("rör gäller handlar avser berör syftar".split())


# --- the digest's own words -------------------------------------------------------------------------
# The summary's digest sentence (formats/summary.py, owned by the beredning work) keeps the word
# handling it was written and golden-tested with: snowball stems and the remiss's own compound parts.
# The suggestions above use the lexicon-based words; this block only serves `digest`.

# The digest keeps the older, smaller list: the suggestions' own list drops stance verbs too, and the
# digest's goldens were written with these words counted.
_dg_STOP = _STOP - frozenset(
    """
    betona betonar efterfrågar kritisk kritiska kritiskt lagförslag lagförslagen lagförslaget lämna
    lämnar lämnat motsätter poängtera poängterar promemoria promemorian saknar saknas stöder stödjer
    tycker uppfattar uppfattning utredningsförslag utredningsförslagen vikten önskar
    """.split()
)


_dg_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_dg_MIN_LEN = 3
_dg_PART_WEIGHT = 0.6  # a compound's part counts less than the word itself
_dg_ROUNDS = 2  # rounds in which a theme learns from the synpunkter suggested into it
_dg_LEARNT = 1.0  # how much those learnt words count beside the theme's own
_dg_MIN_SCORE = 0.08
_dg_TRUNC = 9  # long words that begin alike share a weak feature: their first 9 letters (compounds)



class _dg_Stems:
    """Stems and compound parts, cached per word; one per suggestion run (the lexicon is the run's)."""

    def __init__(self) -> None:
        import snowballstemmer  # small, pure Python; imported where it is used

        self._stemmer = snowballstemmer.stemmer("swedish")
        self._stem: dict[str, str] = {}
        self._parts: dict[str, tuple[str, ...]] = {}
        self.lexicon: set[str] = set()
        self.surface: dict[str, Counter[str]] = defaultdict(Counter)
        self._modifiers: dict[str, set[str]] = defaultdict(set)

    def stem(self, word: str) -> str:
        s = self._stem.get(word)
        if s is None:
            s = self._stem[word] = self._stemmer.stemWord(word)
        return s

    def words(self, text: str) -> list[str]:
        return [w for w in _dg_WORD.findall(text.lower()) if len(w) >= _dg_MIN_LEN and w not in _dg_STOP]

    def particle_verbs(self, text: str) -> list[str]:
        """A verb and its particle as one word: "följa upp" -> "uppfölja", to meet "uppföljning".
        Only for matching a theme's words: "behovet av" is no verb, so these never name anything."""
        out = []
        prev = ""
        for w in _dg_WORD.findall(text.lower()):
            if w in _PARTICLES and prev:
                out.append(w + prev)
            prev = w if len(w) >= _dg_MIN_LEN and w not in _dg_STOP else ""
        return out

    def learn(self, words: Iterable[str]) -> None:
        for w in words:
            s = self.stem(w)
            self.lexicon.add(s)
            self.lexicon.add(w)
            self.surface[s][w] += 1
            # A modifier before the linking "s" that recurs with different heads is a word of its
            # own even where it never stands alone (funktions-nedsättning, funktions-hindrade).
            for j in range(4, len(w) - 4):
                if w[j] == "s":
                    # Heads counted by stem: "-ättning" and "-ättningar" are one head, not two.
                    self._modifiers[w[:j]].add(self.stem(w[j + 1 :]))

    def settle(self) -> None:
        """Add the recurring modifiers to the lexicon; call once all texts are learnt."""
        for head, tails in self._modifiers.items():
            if len(tails) >= 2:
                self.lexicon.add(head)
        self._modifiers.clear()

    def parts(self, word: str) -> tuple[str, ...]:
        """The stems of a compound's parts (empty for a simple word)."""
        got = self._parts.get(word)
        if got is None:
            got = self._parts[word] = self._split(word)
        return got

    def _split(self, word: str) -> tuple[str, ...]:
        n = len(word)
        if n < 7:
            return ()
        lex = self.lexicon
        memo: dict[int, tuple[str, ...] | None] = {}

        def from_(i: int) -> tuple[str, ...] | None:
            # The fewest parts covering word[i:], each a word of the lexicon; a part may end in the
            # linking "s" (barnrätts-perspektiv); the last part may carry an inflection.
            if i in memo:
                return memo[i]
            best: tuple[str, ...] | None = None
            tail = word[i:]
            if i > 0 and len(tail) >= _dg_MIN_LEN:
                st = self.stem(tail)
                if st in lex or tail in lex:
                    best = (tail,)
            for j in range(n - _dg_MIN_LEN, i + _dg_MIN_LEN - 1, -1):
                head = word[i:j]
                if head not in lex:
                    continue
                for k in (j, j + 1) if j < n and word[j] == "s" else (j,):
                    rest = from_(k)
                    if rest is not None and (best is None or len(rest) + 1 < len(best)):
                        best = (head, *rest)
            memo[i] = best
            return best

        split = from_(0)
        own = self.stem(word)
        found: list[str] = []
        if split and len(split) > 1:
            for seg in split:
                found.append(self.stem(seg))
                # A part that is itself a compound brings its parts too (barnrätts -> barn, rätt).
                if len(seg) >= 7:
                    found.extend(p for p in self.parts(seg) if p not in found)
        else:
            # No full split: the longest known head (Swedish compounds end in their head) and the
            # longest known modifier, never the word's own stem.
            for j in range(4, n - 3):
                tail = word[j:]
                st = self.stem(tail)
                if len(st) >= 4 and st != own and (st in lex or tail in lex):
                    found.append(st)
                    break
            for j in range(n - 4, 3, -1):
                head = word[:j]
                rest = word[j + 1 :] if word[j] == "s" else word[j:]
                if head in lex and head != own and len(self.stem(rest)) >= 3:
                    found.append(self.stem(head))
                    break
        return tuple(dict.fromkeys(p for p in found if p != own))

    def label(self, stem: str) -> str:
        """The most frequent surface form of a stem, for names and explanations."""
        forms = self.surface.get(stem)
        if not forms:
            return stem
        return max(forms.items(), key=lambda kv: (kv[1], -len(kv[0])))[0]



def _dg_organisation_words(st: _dg_Stems, orgs: Iterable[str]) -> set[str]:
    # An answer names its sender ("IFAU tillstyrker ..."); that says nothing of the theme.
    return {w for org in orgs for w in _dg_WORD.findall(org.lower())}


def _dg_features(st: _dg_Stems, words: list[str]) -> dict[str, float]:
    counts: Counter[str] = Counter()
    for w in words:
        counts[st.stem(w)] += 1.0
        for p in st.parts(w):
            if p not in _dg_STOP and len(p) >= _dg_MIN_LEN:
                counts[p] += _dg_PART_WEIGHT
        if _dg_TRUNC and len(w) >= _dg_TRUNC + 3:
            counts[w[:_dg_TRUNC] + "-"] += _dg_PART_WEIGHT
    return {s: (1.0 + math.log(c)) if c > 1 else c for s, c in counts.items()}



def _dg_idf(feats: Sequence[dict[str, float]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for f in feats:
        df.update(f.keys())
    n = len(feats) or 1
    # A stem in one synpunkt alone links nothing; one in most of them tells nothing.
    return {s: math.log((n + 1) / (d + 0.5)) for s, d in df.items()}



_dg_NOUN_END = re.compile(r"(?:ning|ningen|ningar|ningarna|het|heten|heter|tion|tionen|skap|skapen|else|ande|andet|"
                       r"ism|itet|iteten|erna|arna|orna|en|et|na|er|ar|or|ad|mål|lag)$")
_dg_NOT_NOUN_END = re.compile(r"(?:as|ades|ats|de|te|ig|iga|igt|isk|iska|iskt|lig|liga|ligt|ande sig)$")


def _dg_is_view_word(word: str) -> bool:
    return word in _FOR or word in _AGAINST or word in _ASK


def _dg_nounish(word: str) -> bool:
    """A rough guess, from the ending, that a Swedish word is a noun."""
    return not _dg_NOT_NOUN_END.search(word) and bool(_dg_NOUN_END.search(word))


def _dg_name_group(st, vecs: list[dict[str, float]]) -> tuple[list[str], float]:
    """The group's most telling stems: heavy in its members and carried by many of them."""
    weight: Counter[str] = Counter()
    carried: Counter[str] = Counter()
    for v in vecs:
        for s, x in v.items():
            weight[s] += x
            carried[s] += 1
    n = len(vecs)
    # Nouns name a subject; a verb or adjective ("beskrivas", "problematiska") does not.
    score = {s: weight[s] * carried[s] / n * (1.0 if _dg_nounish(st.label(s)) else 0.4) for s in weight}
    # A shared beginning ("barnrätts-") links synpunkter but names nothing, nor does a word of view
    # ("motsätter", "saknar"): it says how, not what.
    ranked = sorted((s for s in score if not s.endswith("-") and not _dg_is_view_word(st.label(s))),
                    key=lambda s: (-score[s], s))
    words: list[str] = []
    for s in ranked:
        # Skip a stem that is only a part of one already chosen (or contains one).
        if any(s in w or w in s for w in words):
            continue
        # A part ("bygg") gives way to the whole word it stands in ("förebygg") when that is
        # nearly as telling.
        whole = [w for w in ranked if s in w and w != s and score[w] >= 0.5 * score[s]]
        if whole:
            s = whole[0]
            if any(s in w or w in s for w in words):
                continue
        words.append(s)
        if len(words) == 3 or (len(words) == 2 and score[s] < 0.5 * score[ranked[0]]):
            break
    cohesion = score[ranked[0]] if ranked else 0.0
    return words or ranked[:1], cohesion


# --- what a theme's answers have in common, for the summary ----------------------------------------


@dataclass
class Digest:
    sentence: str  # "Flera remissinstanser (4), bl.a. X och Y, efterfrågar …"
    opposite: list[str]  # organisations taking the other view
    opposite_sentence: str  # "" when none


def sv_capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def digest(entries: Sequence[tuple[str, str, int]], *, name: str = "", join=None,
           others: Sequence[str] = ()) -> Digest:
    """One or two sentences on what the synpunkter of one theme have in common.

    `entries` are (organisation, text, answer stance: +1 for, -1 against, 0), in the summary's
    order; `join` joins names the Swedish way ("X, Y och Z"), given by the caller that owns prose;
    `others` are the remiss's other synpunkter, so that what every answer says ("lagen") does not
    pass for what this theme's answers have in common.
    """
    join = join or (lambda xs: " och ".join(xs) if len(xs) < 3 else ", ".join(xs[:-1]) + " och " + xs[-1])
    orgs = list(dict.fromkeys(o for o, _t, _s in entries))
    if not orgs:
        return Digest("", [], "")
    st = _dg_Stems()
    words_of = [st.words(t) for _o, t, _s in entries]
    org_words = _dg_organisation_words(st, orgs)
    words_of = [[w for w in ws if w not in org_words] for ws in words_of]
    other_words = [[w for w in st.words(t) if w not in org_words] for t in others]
    for ws in words_of + other_words:
        st.learn(ws)
    st.settle()
    feats = [_dg_features(st, ws) for ws in words_of]
    idf = _dg_idf(feats + [_dg_features(st, ws) for ws in other_words]) if other_words else {}
    vecs = [_unit({s: w * idf.get(s, 1.0) for s, w in f.items()}) for f in feats]
    top, _c = _dg_name_group(st, vecs) if any(vecs) else ([], 0.0)
    nouns = [st.label(s) for s in top if _dg_nounish(st.label(s))][:2]
    subject = join(nouns) if nouns else (name or "frågan")
    # Each organisation's view: its synpunkter's own words first, else the answer's stance.
    view: dict[str, int] = {}
    for (o, t, answer_stance), _in_words in zip(entries, words_of):
        # A synpunkt that asks for something is no view for, whatever the answer's stance.
        p = polarity(t) or (0 if asks(t) else answer_stance)
        view[o] = view.get(o, 0) + p
    sign = {o: (v > 0) - (v < 0) for o, v in view.items()}
    pro = [o for o in orgs if sign[o] > 0]
    con = [o for o in orgs if sign[o] < 0]
    n = len(orgs)
    asking = sum(1 for _o, t, _s in entries if asks(t)) * 2 >= len(entries)
    # The view of the many, when it is that; otherwise what they ask for or raise, with those for
    # and against named after it.
    if len(con) > len(pro) and len(con) * 2 >= n:
        verb, majority, opposite = ("är kritiska till" if n > 1 else "är kritisk till"), con, pro
    elif len(pro) >= len(con) and pro and len(pro) * 2 >= n:
        verb, majority, opposite = "välkomnar", pro, con
    else:
        verb, majority, opposite = ("efterfrågar" if asking else "tar upp"), orgs, []
    if n == 1:
        head = f"En remissinstans, {orgs[0]},"
    elif n == 2 and len(majority) == 2:
        head = f"Två remissinstanser, {join(orgs)},"
    else:
        count = len(majority)
        named = majority[:2]
        word = "Två" if count == 2 else "Flera"
        head = f"{word} remissinstanser ({count}), bl.a. {join(named)}," if count > 2 else (
            f"{word} remissinstanser, {join(named)}," if count == 2 else f"En remissinstans, {named[0]},")
    object_ = {"efterfrågar": f"ändringar när det gäller {subject}", "tar upp": subject}.get(verb, f"förslagen om {subject}")
    sentence = f"{head} {verb} {object_}."
    if opposite:
        other = "är positiv" if verb.startswith("är kritisk") else "är kritisk"
        if len(opposite) > 1:
            other += "a"
        opp = f"En annan uppfattning har {join(opposite)}, som {other}."
    elif verb in ("efterfrågar", "tar upp") and (pro or con):
        parts = []
        if pro:
            parts.append(f"{'positiva' if len(pro) > 1 else 'positiv'} är {join(pro)}")
        if con:
            parts.append(f"{'kritiska' if len(con) > 1 else 'kritisk'} är {join(con)}")
        opp = sv_capital("; ".join(parts)) + "."
        opposite = con if len(pro) >= len(con) else pro
    else:
        opp = ""
    return Digest(sentence, opposite, opp)
