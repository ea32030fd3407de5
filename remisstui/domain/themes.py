"""Themes across answers: a remiss's vocabulary, and explainable suggestions for untagged synpunkter.

Pure logic, offline. Words are compared by their Swedish snowball stems and by the parts of
compounds ("rollfördelningen" -> roll + fördelning), with the parts found from the words the remiss's
own texts and vocabulary use. Every weight comes from the remiss itself (how many synpunkter carry a
stem), so nothing here is tuned to one remiss's words; the only word list is Swedish function words
and the words every remissvar uses ("tillstyrker", "utredningen", ...), which say nothing of a theme.

Two ways to a suggestion:
- with a vocabulary, each synpunkt is scored against each theme's name and keywords; themes then learn
  the salient words of the synpunkter that matched them plainly, and a synpunkt that names no theme
  word can still land where its own words recur (the `why` then says which words it shares);
- without one (or for what the vocabulary does not cover), synpunkter from different organisations
  that share salient stems are grouped, and each group is named by its most telling words.
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
    """.split()
)

_PARTICLES = frozenset("upp ut in av till fram om över på ner bort".split())
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_MIN_LEN = 3
_PART_WEIGHT = 0.6  # a compound's part counts less than the word itself
_ROUNDS = 2  # rounds in which a theme learns from the synpunkter suggested into it
_LEARNT = 1.0  # how much those learnt words count beside the theme's own
_MIN_SCORE = 0.08
_TRUNC = 9  # long words that begin alike share a weak feature: their first 9 letters (compounds)


class _Stems:
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
        return [w for w in _WORD.findall(text.lower()) if len(w) >= _MIN_LEN and w not in _STOP]

    def particle_verbs(self, text: str) -> list[str]:
        """A verb and its particle as one word: "följa upp" -> "uppfölja", to meet "uppföljning".
        Only for matching a theme's words: "behovet av" is no verb, so these never name anything."""
        out = []
        prev = ""
        for w in _WORD.findall(text.lower()):
            if w in _PARTICLES and prev:
                out.append(w + prev)
            prev = w if len(w) >= _MIN_LEN and w not in _STOP else ""
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
            if i > 0 and len(tail) >= _MIN_LEN:
                st = self.stem(tail)
                if st in lex or tail in lex:
                    best = (tail,)
            for j in range(n - _MIN_LEN, i + _MIN_LEN - 1, -1):
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


def items_of(remiss: Remiss) -> list[Item]:
    out = []
    for rec in remiss.recipients:
        if rec.response is None:
            continue
        for i, c in enumerate(rec.response.comments):
            out.append(Item(ref=(rec.organisation, i), organisation=rec.organisation, text=c.text, theme=c.theme))
    return out


def suggest(items: Sequence[Item], themes: Sequence[Theme]) -> dict[tuple[str, int], Suggestion | None]:
    """A suggestion (or None) for every untagged item; tagged items are context, never changed."""
    st = _Stems()
    org_words = _organisation_words(st, {it.organisation for it in items})
    words_of = [[w for w in st.words(it.text) if w not in org_words] for it in items]
    for ws in words_of:
        st.learn(ws)
    theme_words = [[w for w in st.words(" ".join([t.name, *t.keywords]))] for t in themes]
    for ws in theme_words:
        st.learn(ws)
    st.settle()
    feats = [_features(st, ws) for ws in words_of]
    shown_of = [_shown(st, ws) for ws in words_of]
    if themes:
        particles = [[st.stem(w) for w in st.particle_verbs(it.text)] for it in items]
        _near_theme_stems(st, feats, theme_words, particles)
    idf = _idf(feats)
    vecs = [_unit({s: w * idf.get(s, 0.0) for s, w in f.items()}) for f in feats]
    out: dict[tuple[str, int], Suggestion | None] = {}
    open_idx = [i for i, it in enumerate(items) if not it.theme.strip()]
    named: dict[int, Suggestion] = {}
    if themes:
        named = _suggest_named(st, items, feats, vecs, idf, themes, theme_words, shown_of)
    # What the vocabulary does not cover may still recur across answers: a theme recurs across
    # answers, so only stems that more than one organisation uses can link.
    rest = [i for i in open_idx if i not in named]
    orgs_of: dict[str, set[str]] = defaultdict(set)
    for it, f in zip(items, feats):
        for s in f:
            orgs_of[s].add(it.organisation)
    shared = [_unit({s: w * idf[s] for s, w in f.items() if len(orgs_of[s]) > 1}) for f in feats]
    taken = {theme_key(t.name) for t in themes}
    groups = _suggest_groups(st, items, shared, rest, shown_of, taken=taken)
    for i in open_idx:
        out[items[i].ref] = named.get(i) or groups.get(i)
    return out


def suggest_for(remiss: Remiss) -> dict[tuple[str, int], Suggestion | None]:
    return suggest(items_of(remiss), vocabulary(remiss))


def _organisation_words(st: _Stems, orgs: Iterable[str]) -> set[str]:
    # An answer names its sender ("IFAU tillstyrker ..."); that says nothing of the theme.
    return {w for org in orgs for w in _WORD.findall(org.lower())}


def _features(st: _Stems, words: list[str]) -> dict[str, float]:
    counts: Counter[str] = Counter()
    for w in words:
        counts[st.stem(w)] += 1.0
        for p in st.parts(w):
            if p not in _STOP and len(p) >= _MIN_LEN:
                counts[p] += _PART_WEIGHT
        if _TRUNC and len(w) >= _TRUNC + 3:
            counts[w[:_TRUNC] + "-"] += _PART_WEIGHT
    return {s: (1.0 + math.log(c)) if c > 1 else c for s, c in counts.items()}


def _near_theme_stems(st: _Stems, feats: list[dict[str, float]], theme_words: list[list[str]],
                      particles: list[list[str]]) -> None:
    """Let a theme's stem meet its derivations: "uppföljning" meets "uppfölj" (följa upp), "kunskap"
    meets "kunskapsbaser". Long stems only, where one begins the other; the match counts as a part."""
    targets = {st.stem(w) for ws in theme_words for w in ws}
    targets |= {p for ws in theme_words for w in ws for p in st.parts(w)}
    targets = {t for t in targets if len(t) >= 6}
    near: dict[str, list[str]] = {}
    for f, extra in zip(feats, particles):
        for s in list(f) + extra:
            got = near.get(s)
            if got is None:
                got = near[s] = [t for t in targets if t != s and len(s) >= 6 and (s.startswith(t) or t.startswith(s))]
            for t in got:
                f[t] = max(f.get(t, 0.0), _PART_WEIGHT * min(f.get(s, 1.0), 1.0))


def _shown(st: _Stems, words: list[str]) -> dict[str, str]:
    """Stem -> the synpunkt's own word that carries it (a compound for its parts), for `why`."""
    out: dict[str, str] = {}
    for w in words:
        out.setdefault(st.stem(w), w)
    for w in words:
        for p in st.parts(w):
            out.setdefault(p, w)
    return out


def _idf(feats: Sequence[dict[str, float]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for f in feats:
        df.update(f.keys())
    n = len(feats) or 1
    # A stem in one synpunkt alone links nothing; one in most of them tells nothing.
    return {s: math.log((n + 1) / (d + 0.5)) for s, d in df.items()}


def _unit(v: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(x * x for x in v.values()))
    return {s: x / norm for s, x in v.items() if x > 0} if norm else {}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(s, 0.0) for s, x in a.items())


# --- with a vocabulary ----------------------------------------------------------------------------


def _suggest_named(st, items, feats, vecs, idf, themes, theme_words, shown_of) -> dict[int, Suggestion]:
    # Each theme's terms: the stems of its words (weight 1) and of their parts (less), a stem shared
    # by several themes counting for less in each.
    terms: list[dict[str, float]] = []
    for ws in theme_words:
        t: dict[str, float] = {}
        for w in ws:
            s = st.stem(w)
            t[s] = max(t.get(s, 0.0), 1.0)
            for p in st.parts(w):
                if p not in _STOP and len(p) >= _MIN_LEN:
                    t[p] = max(t.get(p, 0.0), _PART_WEIGHT)
        terms.append(t)
    shared = Counter(s for t in terms for s in t)
    max_idf = max(idf.values(), default=1.0)
    for t in terms:
        for s in t:
            t[s] /= shared[s]
    # 1. Plain matches: the theme's own words in the synpunkt.
    plain: dict[int, tuple[int, float, list[str]]] = {}
    for i, f in enumerate(feats):
        best = None
        for k, t in enumerate(terms):
            score = 0.0
            hits = []
            for s, w in t.items():
                x = f.get(s)
                if x:
                    score += w * min(x, 1.5) * idf.get(s, max_idf)
                    hits.append(s)
            if not hits:
                continue
            score /= math.sqrt(sum(t.values()))
            if best is None or score > best[1]:
                best = (k, score, hits)
        if best is not None:
            plain[i] = best
    # Tagged synpunkter are plain evidence for their theme.
    index = {theme_key(t.name): k for k, t in enumerate(themes)}
    seeds: dict[int, int] = {}
    for i, it in enumerate(items):
        if it.theme.strip() and theme_key(it.theme) in index:
            seeds[i] = index[theme_key(it.theme)]
        elif i in plain and len(plain[i][2]) >= min(2, len(terms[plain[i][0]])):
            # Only a synpunkt that meets the theme on two stems or more teaches it (one shared
            # word, often a common part such as "lag", is too weak to learn from), unless the
            # theme has one stem only ("kostnader").
            seeds[i] = plain[i][0]
    # 2. Each theme learns the words of the synpunkter that landed in it (a centroid), and every
    # synpunkt is scored against the theme's own words and that centroid together; a few rounds
    # let a theme reach synpunkter that share its answers' words but not its name.
    weights = {i: 1.0 if items[i].theme.strip() else min(1.0, plain[i][1] / max_idf) for i in seeds}
    term_vecs = [_unit({s: w * idf.get(s, max_idf) ** 2 for s, w in t.items()}) for t in terms]
    best_of: dict[int, tuple[int, float]] = {}
    for _round in range(_ROUNDS):
        centroid: list[dict[str, float]] = [dict() for _ in themes]
        for i, k in seeds.items():
            for s, x in vecs[i].items():
                centroid[k][s] = centroid[k].get(s, 0.0) + weights[i] * x
        centroid = [_unit(c) for c in centroid]
        best_of = {}
        for i, it in enumerate(items):
            if it.theme.strip():
                continue
            v = vecs[i]
            best_k, best = -1, 0.0
            for k in range(len(themes)):
                score = _dot(v, term_vecs[k]) + _LEARNT * _dot(v, centroid[k])
                if score > best:
                    best_k, best = k, score
            if best_k >= 0 and best >= _MIN_SCORE:
                best_of[i] = (best_k, best)
        seeds = {i: k for i, k in seeds.items() if items[i].theme.strip()}
        weights = {i: 1.0 for i in seeds}
        for i, (k, score) in best_of.items():
            seeds[i] = k
            weights[i] = min(1.0, score)
    out: dict[int, Suggestion] = {}
    seed_df: list[Counter[str]] = [Counter() for _ in themes]
    for j, k in seeds.items():
        seed_df[k].update(vecs[j].keys())
    for i, (best_k, best) in best_of.items():
        v = vecs[i]
        t = terms[best_k]
        hits = [s for s in t if s in v]
        # Words it shares with the *other* synpunkter of the theme (never only with itself).
        mine = 1 if seeds.get(i) == best_k else 0
        shared_words = sorted((s for s in v if seed_df[best_k][s] - mine > 0 and s not in t and not s.endswith("-")),
                              key=lambda s: -v[s] * centroid[best_k].get(s, 0.0))[:3]
        shown = shown_of[i]
        why = [shown.get(s, st.label(s)) for s in hits]
        if len(hits) < 2:
            why += [shown.get(s, st.label(s)) for s in shared_words]
        out[i] = Suggestion(theme=themes[best_k].name, confidence=round(min(1.0, best), 3),
                            why=_dedupe(why)[:5])
    return out


def _dedupe(words: list[str]) -> list[str]:
    seen: set[str] = set()
    return [w for w in words if not (w in seen or seen.add(w))]


# --- without one: groups that recur across organisations -------------------------------------------


def _suggest_groups(st, items, vecs, idx: list[int], shown_of, *, taken: set[str] = frozenset()) -> dict[int, Suggestion]:
    """Average-linkage grouping of the untagged synpunkter over a sparse similarity graph."""
    if len(idx) < 2:
        return {}
    # Pairwise similarities through an inverted index: only pairs that share a stem are visited.
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i in idx:
        for s, x in vecs[i].items():
            postings[s].append((i, x))
    limit = max(50, len(idx) // 10)  # a stem in very many synpunkter links everything: skip it
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
    threshold = 0.12  # the average similarity below which two groups stay apart
    # Pairs far below the threshold are left out: the averages barely move, and the merging stays
    # fast at a thousand synpunkter.
    near: dict[int, dict[int, float]] = defaultdict(dict)
    for i, row in sims.items():
        for j, v in row.items():
            if v >= threshold / 2:
                near[i][j] = v
                near[j][i] = v
    members: dict[int, list[int]] = {i: [i] for i in idx}
    total: dict[int, dict[int, float]] = defaultdict(dict)  # cluster -> cluster -> sum of pair sims
    for i, row in near.items():
        for j, v in row.items():
            total[i][j] = v
            total[j][i] = v
    # Only pairs at or above the threshold can start a merge; merged pairs are pushed again below.
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
    out: dict[int, Suggestion] = {}
    used: set[str] = set(taken)
    groups = [m for m in members.values() if len({items[i].organisation for i in m}) >= 2]
    groups.sort(key=lambda m: -len(m))
    for m in groups:
        words, cohesion = _name_group(st, [vecs[i] for i in m])
        name = ", ".join(st.label(s) for s in words)
        base, n = name, 2
        while theme_key(name) in used:
            name, n = f"{base} ({n})", n + 1
        used.add(theme_key(name))
        orgs = len({items[i].organisation for i in m})
        group_df = Counter(x for j in m for x in vecs[j])
        # How alike the group is: its members' mean cosine with the group's centre. A proposed
        # theme is a new name for the registrator to judge, so it is rarely "sure".
        centre: dict[str, float] = {}
        for j in m:
            for s_, x in vecs[j].items():
                centre[s_] = centre.get(s_, 0.0) + x
        centre = _unit(centre)
        confidence = round(sum(_dot(vecs[j], centre) for j in m) / len(m) * min(1.0, orgs / 3), 3)
        for i in m:
            why = [shown_of[i].get(s, st.label(s)) for s in words if s in vecs[i]]
            if len(why) < 2:
                # Besides the group's name, the words it shares most with the rest of the group.
                why += [shown_of[i].get(s, st.label(s)) for s in
                        sorted((s for s in vecs[i] if group_df[s] > 1 and s not in words and not s.endswith("-")),
                               key=lambda s: -vecs[i][s])[:2]]
            out[i] = Suggestion(theme=name, confidence=confidence,
                                why=_dedupe(why) or [st.label(words[0])], new=True)
    return out


_NOUN_END = re.compile(r"(?:ning|ningen|ningar|ningarna|het|heten|heter|tion|tionen|skap|skapen|else|ande|andet|"
                       r"ism|itet|iteten|erna|arna|orna|en|et|na|er|ar|or|ad|mål|lag)$")
_NOT_NOUN_END = re.compile(r"(?:as|ades|ats|de|te|ig|iga|igt|isk|iska|iskt|lig|liga|ligt|ande sig)$")


def _is_view_word(word: str) -> bool:
    return word in _FOR or word in _AGAINST or word in _ASK


def _nounish(word: str) -> bool:
    """A rough guess, from the ending, that a Swedish word is a noun."""
    return not _NOT_NOUN_END.search(word) and bool(_NOUN_END.search(word))


def _name_group(st, vecs: list[dict[str, float]]) -> tuple[list[str], float]:
    """The group's most telling stems: heavy in its members and carried by many of them."""
    weight: Counter[str] = Counter()
    carried: Counter[str] = Counter()
    for v in vecs:
        for s, x in v.items():
            weight[s] += x
            carried[s] += 1
    n = len(vecs)
    # Nouns name a subject; a verb or adjective ("beskrivas", "problematiska") does not.
    score = {s: weight[s] * carried[s] / n * (1.0 if _nounish(st.label(s)) else 0.4) for s in weight}
    # A shared beginning ("barnrätts-") links synpunkter but names nothing, nor does a word of view
    # ("motsätter", "saknar"): it says how, not what.
    ranked = sorted((s for s in score if not s.endswith("-") and not _is_view_word(st.label(s))),
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

# Stance language of remissvar, in general (no remiss's own words): a view for or against, or a
# request. "inte" beside a view turns it (delar inte, inte positiv).
_FOR = frozenset("tillstyrker tillstyrka välkomnar välkomna välkomnas positiv positiva positivt instämmer "
                 "stöder stödjer bejakar delar ställer".split())
_AGAINST = frozenset("avstyrker avstyrka motsätter kritisk kritiska kritiskt invänder ifrågasätter avvisar "
                     "negativ negativa negativt problematisk problematiska problematiskt tveksam tveksamma "
                     "tveksamt oroar oroade".split())
_ASK = frozenset("bör borde behöver behövs saknar saknas efterfrågar efterfrågas önskar önskvärt måste "
                 "kräver krävs vill".split())
_NOT = frozenset("inte ej".split())


def polarity(text: str) -> int:
    """+1 for a view for, -1 against, 0 for neither or both, from the synpunkt's own words."""
    score = 0
    words = _WORD.findall(text.lower())
    for i, w in enumerate(words):
        sign = 1 if w in _FOR else -1 if w in _AGAINST else 0
        if sign and ((i and words[i - 1] in _NOT) or (i + 1 < len(words) and words[i + 1] in _NOT)):
            sign = -sign  # "tillstyrker inte", "inte positiv"
        score += sign
    return (score > 0) - (score < 0)


def asks(text: str) -> bool:
    return any(w in _ASK for w in _WORD.findall(text.lower()))


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
    st = _Stems()
    words_of = [st.words(t) for _o, t, _s in entries]
    org_words = _organisation_words(st, orgs)
    words_of = [[w for w in ws if w not in org_words] for ws in words_of]
    other_words = [[w for w in st.words(t) if w not in org_words] for t in others]
    for ws in words_of + other_words:
        st.learn(ws)
    st.settle()
    feats = [_features(st, ws) for ws in words_of]
    idf = _idf(feats + [_features(st, ws) for ws in other_words]) if other_words else {}
    vecs = [_unit({s: w * idf.get(s, 1.0) for s, w in f.items()}) for f in feats]
    top, _c = _name_group(st, vecs) if any(vecs) else ([], 0.0)
    nouns = [st.label(s) for s in top if _nounish(st.label(s))][:2]
    subject = join(nouns) if nouns else (name or "frågan")
    # Each organisation's view: its synpunkter's own words first, else the answer's stance.
    view: dict[str, int] = {}
    for (o, t, stance), in_words in zip(entries, words_of):
        # A synpunkt that asks for something is no view for, whatever the answer's stance.
        p = polarity(t) or (0 if asks(t) else stance)
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
