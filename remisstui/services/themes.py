"""Themes across answers, as operations: the view, accepting suggestions, and the board's edits.

The suggestions come from domain/themes.py; every change here goes through `services.change`, so it
is one event group in the remiss's log (the vocabulary on the remiss, the tags on the recipients)
and one undo reverses it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..domain.history import REMISS_TARGET, recipient_target
from ..domain.model import Remiss, Theme
from ..domain.themes import Suggestion, items_of, stance, suggest, theme_key, vocabulary
from ..store.repository import Store
from .errors import ServiceError
from .remisser import change

Ref = tuple[str, int]  # (organisation, index of the synpunkt in its answer)

# Set where the suggestions were right at least 80 % of the time on real answers (two labelled sets
# of remissvar, tests/themes_own/README.md): below it a suggestion is shown, not accepted in bulk.
DEFAULT_MIN_CONFIDENCE = 0.65


@dataclass
class SynpunktRow:
    ref: Ref
    organisation: str
    text: str
    theme: str  # accepted, "" when none
    suggestion: Suggestion | None


@dataclass
class ThemeRow:
    name: str
    keywords: list[str]
    count: int  # accepted synpunkter
    suggested: int  # untagged synpunkter suggested into it
    organisations: list[str] = field(default_factory=list)  # behind the accepted ones
    proposed: bool = False  # a group proposed from the answers, not yet in the vocabulary
    suggested_organisations: list[str] = field(default_factory=list)  # behind the suggestions
    needs_name: bool = False  # proposed and named by one word only: a person should name it


@dataclass
class ThemeBoard:
    themes: list[ThemeRow]
    synpunkter: list[SynpunktRow]

    def under(self, name: str) -> list[SynpunktRow]:
        """The synpunkter accepted into a theme, then those suggested into it."""
        key = theme_key(name)
        tagged = [s for s in self.synpunkter if s.theme and theme_key(s.theme) == key]
        sugg = [s for s in self.synpunkter if not s.theme and s.suggestion and theme_key(s.suggestion.theme) == key]
        return tagged + sugg

    def untouched(self) -> list[SynpunktRow]:
        return [s for s in self.synpunkter if not s.theme and not s.suggestion]


def board(remiss: Remiss) -> ThemeBoard:
    vocab = vocabulary(remiss)
    items = items_of(remiss)
    sugg = suggest(items, vocab, title=remiss.title)
    rows = [SynpunktRow(it.ref, it.organisation, it.text, it.theme.strip(), sugg.get(it.ref)) for it in items]
    themes: list[ThemeRow] = []
    by_key: dict[str, ThemeRow] = {}
    for t in vocab:
        row = ThemeRow(name=t.name, keywords=list(t.keywords), count=0, suggested=0)
        themes.append(row)
        by_key[theme_key(t.name)] = row
    for r in rows:
        if r.theme:
            row = by_key[theme_key(r.theme)]
            row.count += 1
            if r.organisation not in row.organisations:
                row.organisations.append(r.organisation)
        elif r.suggestion:
            row = by_key.get(theme_key(r.suggestion.theme))
            if row is None:
                row = ThemeRow(name=r.suggestion.theme, keywords=[], count=0, suggested=0, proposed=True,
                               needs_name=r.suggestion.needs_name)
                themes.append(row)
                by_key[theme_key(row.name)] = row
            row.suggested += 1
    for row in themes:
        orgs = [s.organisation for s in rows if not s.theme and s.suggestion and s.suggestion.theme == row.name]
        row.suggested_organisations = list(dict.fromkeys(orgs))
        if row.proposed:
            row.organisations = row.suggested_organisations
    return ThemeBoard(themes=themes, synpunkter=rows)


def themes_view(remiss: Remiss) -> dict[str, Any]:
    """The `themes DNR --json` contract (ARCHITECTURE.md)."""
    b = board(remiss)
    return {
        "dnr": remiss.dnr,
        "themes": [
            {"name": t.name, "count": t.count, "keywords": t.keywords, "suggested": t.suggested,
             "organisations": t.organisations}
            for t in b.themes if not t.proposed
        ],
        "proposed": [
            {"name": t.name, "suggested": t.suggested, "organisations": t.organisations,
             "needs_name": t.needs_name}
            for t in b.themes if t.proposed
        ],
        "without_suggestion": len(b.untouched()),
        "synpunkter": [
            {
                "organisation": s.organisation,
                "text": s.text,
                "theme": s.theme or None,
                "suggested": s.suggestion.theme if s.suggestion else None,
                "why": s.suggestion.why if s.suggestion else [],
                "reason": s.suggestion.reason() if s.suggestion else "",
                "similar": s.suggestion.similar if s.suggestion else 0,
                "overall_verdict": bool(s.suggestion and s.suggestion.verdict),
                "confidence": s.suggestion.confidence if s.suggestion else None,
                "new_theme": bool(s.suggestion and s.suggestion.new),
                "needs_name": bool(s.suggestion and s.suggestion.needs_name),
                # The synpunkt's own view from its stance verbs: 1 for, -1 against, 0 neither.
                "stance": stance(s.text),
            }
            for s in b.synpunkter
        ],
    }


# --- changes ---------------------------------------------------------------------------------------


def _check_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ServiceError("Temat behöver ett namn.")
    if len(name) > 200:
        raise ServiceError("Temats namn är för långt (högst 200 tecken).")
    return name


def _edit(store: Store, dnr: str, what: str, orgs: Iterable[str], fn: Callable[[Remiss], None]) -> Remiss:
    targets = [REMISS_TARGET, *(recipient_target(o) for o in dict.fromkeys(orgs))]
    return change(store, dnr, what, targets, fn)


def _ensure_listed(remiss: Remiss, name: str) -> None:
    """Make sure `name` is on the remiss's list; themes so far only typed on synpunkter join it too,
    so the list keeps the order the board shows."""
    listed = {theme_key(t.name) for t in remiss.themes}
    if theme_key(name) in listed:
        return
    for t in vocabulary(remiss):
        if theme_key(t.name) not in listed:
            remiss.themes.append(Theme(name=t.name, keywords=list(t.keywords)))
            listed.add(theme_key(t.name))
    if theme_key(name) not in listed:
        remiss.themes.append(Theme(name=name))


def _comment(remiss: Remiss, ref: Ref):
    rec = remiss.recipient(ref[0])
    if rec is None or rec.response is None or not 0 <= ref[1] < len(rec.response.comments):
        raise ServiceError(f"Synpunkten från {ref[0]} finns inte längre; läs in på nytt.")
    return rec.response.comments[ref[1]]


def set_themes(store: Store, dnr: str, tags: dict[Ref, str], *, what: str | None = None) -> Remiss:
    """Tag synpunkter (accept a suggestion, move one to another theme); "" takes the tag off."""
    if not tags:
        raise ServiceError("Inga synpunkter valda.")
    clean = {ref: (_check_name(t) if t.strip() else "") for ref, t in tags.items()}

    def fn(remiss: Remiss) -> None:
        for ref, name in clean.items():
            if name:
                _ensure_listed(remiss, name)
                name = next(t.name for t in remiss.themes if theme_key(t.name) == theme_key(name))
            _comment(remiss, ref).theme = name

    if what is None:
        names = sorted({n for n in clean.values() if n})
        target = names[0] if len(names) == 1 else f"{len(names)} teman"
        what = (f"Lade {len(clean)} synpunkter under {target}" if len(clean) > 1
                else f"Lade synpunkten från {next(iter(clean))[0]} under {target}" if names
                else f"Tog bort temat från synpunkten från {next(iter(clean))[0]}")
    return _edit(store, dnr, what, (r[0] for r in clean), fn)


@dataclass
class Accepted:
    organisation: str
    text: str
    theme: str
    confidence: float
    why: list[str]


def accept_suggestions(store: Store, dnr: str, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> tuple[Remiss, list[Accepted]]:
    """Accept every suggestion at or above `min_confidence`; returns what was accepted."""
    if not 0.0 <= min_confidence <= 1.0:
        raise ServiceError("Säkerheten ska vara ett tal mellan 0 och 1.")
    remiss = store.load(dnr)
    b = board(remiss)
    chosen = [s for s in b.synpunkter if not s.theme and s.suggestion and s.suggestion.confidence >= min_confidence]
    if not chosen:
        return remiss, []
    tags = {s.ref: s.suggestion.theme for s in chosen}
    expected = {s.ref: s.text for s in chosen}

    def fn(r: Remiss) -> None:
        for ref, name in tags.items():
            c = _comment(r, ref)
            if c.text != expected[ref] or c.theme.strip():
                raise ServiceError("Någon annan har ändrat synpunkterna under tiden; läs in på nytt.")
            _ensure_listed(r, name)
            c.theme = name

    what = f"Godtog {len(chosen)} temaförslag"
    remiss = _edit(store, dnr, what, (s.organisation for s in chosen), fn)
    return remiss, [Accepted(s.organisation, s.text, s.suggestion.theme, s.suggestion.confidence, s.suggestion.why)
                    for s in chosen]


def add_theme(store: Store, dnr: str, name: str, keywords: Iterable[str] = ()) -> Remiss:
    name = _check_name(name)
    kws = [k for k in (" ".join(k.split()) for k in keywords) if k]

    def fn(remiss: Remiss) -> None:
        if any(theme_key(t.name) == theme_key(name) for t in vocabulary(remiss)):
            raise ServiceError(f"Temat {name} finns redan.")
        _ensure_listed(remiss, name)
        for t in remiss.themes:
            if theme_key(t.name) == theme_key(name):
                t.keywords = kws

    return _edit(store, dnr, f"La till temat {name}", (), fn)


def set_keywords(store: Store, dnr: str, name: str, keywords: Iterable[str]) -> Remiss:
    kws = [k for k in (" ".join(k.split()) for k in keywords) if k]

    def fn(remiss: Remiss) -> None:
        _ensure_listed(remiss, name)
        for t in remiss.themes:
            if theme_key(t.name) == theme_key(name):
                t.keywords = kws

    return _edit(store, dnr, f"Ändrade nyckelorden för temat {name}", (), fn)


def _tagged_orgs(remiss: Remiss, names: set[str]) -> list[str]:
    out = []
    for rec in remiss.recipients:
        if rec.response and any(theme_key(c.theme) in names for c in rec.response.comments if c.theme):
            out.append(rec.organisation)
    return out


def rename_theme(store: Store, dnr: str, old: str, new: str) -> Remiss:
    new = _check_name(new)
    remiss = store.load(dnr)
    if theme_key(old) != theme_key(new) and any(theme_key(t.name) == theme_key(new) for t in vocabulary(remiss)):
        raise ServiceError(f"Temat {new} finns redan; slå ihop dem i stället.")
    orgs = _tagged_orgs(remiss, {theme_key(old)})

    def fn(r: Remiss) -> None:
        _ensure_listed(r, old)
        for t in r.themes:
            if theme_key(t.name) == theme_key(old):
                t.name = new
        for rec in r.recipients:
            for c in rec.response.comments if rec.response else []:
                if c.theme and theme_key(c.theme) == theme_key(old):
                    c.theme = new

    return _edit(store, dnr, f"Döpte om temat {old} till {new}", orgs, fn)


def merge_themes(store: Store, dnr: str, sources: Iterable[str], into: str) -> Remiss:
    """Move every synpunkt of `sources` into `into` and drop the sources from the vocabulary."""
    into = _check_name(into)
    keys = {theme_key(s) for s in sources} - {theme_key(into)}
    if not keys:
        raise ServiceError("Välj minst ett annat tema att slå ihop med.")
    remiss = store.load(dnr)
    orgs = _tagged_orgs(remiss, keys)

    def fn(r: Remiss) -> None:
        _ensure_listed(r, into)
        target = next(t for t in r.themes if theme_key(t.name) == theme_key(into))
        for t in r.themes:
            if theme_key(t.name) in keys:
                target.keywords += [k for k in t.keywords if k not in target.keywords]
        r.themes = [t for t in r.themes if theme_key(t.name) not in keys]
        for rec in r.recipients:
            for c in rec.response.comments if rec.response else []:
                if c.theme and theme_key(c.theme) in keys:
                    c.theme = target.name

    label = ", ".join(sorted(sources, key=theme_key))
    return _edit(store, dnr, f"Slog ihop {label} med {into}", orgs, fn)


def split_theme(store: Store, dnr: str, name: str, new: str, refs: Iterable[Ref]) -> Remiss:
    """Move the chosen synpunkter of a theme into a new theme beside it."""
    new = _check_name(new)
    refs = list(refs)
    if not refs:
        raise ServiceError("Välj de synpunkter som ska till det nya temat.")
    remiss = store.load(dnr)
    if any(theme_key(t.name) == theme_key(new) for t in vocabulary(remiss)):
        raise ServiceError(f"Temat {new} finns redan.")

    def fn(r: Remiss) -> None:
        _ensure_listed(r, name)
        _ensure_listed(r, new)
        for ref in refs:
            _comment(r, ref).theme = next(t.name for t in r.themes if theme_key(t.name) == theme_key(new))

    what = f"Delade temat {name}: {_n(len(refs), 'synpunkt', 'synpunkter')} till {new}"
    return _edit(store, dnr, what, (r[0] for r in refs), fn)


def _n(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def remove_theme(store: Store, dnr: str, name: str) -> Remiss:
    """Drop a theme from the vocabulary; its synpunkter lose the tag (undo brings both back)."""
    remiss = store.load(dnr)
    orgs = _tagged_orgs(remiss, {theme_key(name)})

    def fn(r: Remiss) -> None:
        r.themes = [t for t in r.themes if theme_key(t.name) != theme_key(name)]
        for rec in r.recipients:
            for c in rec.response.comments if rec.response else []:
                if c.theme and theme_key(c.theme) == theme_key(name):
                    c.theme = ""

    return _edit(store, dnr, f"Tog bort temat {name}", orgs, fn)
