"""Which recipient of a remiss an answer comes from: a closed choice, made the way a registrator's eye
makes it.

The remiss names its recipients; the answer is from one of them (a joint answer from several). Each
recipient is weighed by what the document says of it:
- the e-mail's sender: a recipient's registered address, or its contact's, decides; the domain alone
  ("farsta@stockholm.se") only names the city, so it counts for nothing among the city's nämnder;
- the reader's own reading of the author (its candidate counts less when it is flagged unsure);
- every mention of the recipient's names, short forms, former names and its office ("Farsta
  stadsdelsförvaltning" for Farsta stadsdelsnämnd) weighed by the words around it: "X tillstyrker",
  "X har beretts möjlighet att yttra sig", "Synpunkter från X", the letterhead, the signature;
- the prefix of the own dnr.
The remiss's own sender is never the answer's author. A misfiled answer is the worst outcome, so
when two recipients are about equally likely, or none is clearly supported, nothing is chosen and the
candidates are named: the registrator decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..domain.model import Recipient, Remiss
from ..domain.register import Register, name_key
from ..formats.document import ParsedDocument

# Points a recipient needs to be chosen, and how far ahead of the next it must be.
MIN_POINTS = 4.0
LEAD_RATIO = 0.6  # the runner-up must have less than this share of the winner's points


@dataclass
class Candidate:
    organisation: str
    points: float
    evidence: list[str] = field(default_factory=list)  # Swedish, for the registrator


@dataclass
class Filing:
    recipient: Recipient | None
    candidates: list[Candidate]  # those with any support, best first
    reason: str = ""  # Swedish: why no recipient was chosen ("" when one was)

    @property
    def ambiguous(self) -> bool:
        return self.recipient is None and len(self.candidates) > 1


def _kommun_stad(name: str) -> list[str]:
    out = []
    for a, b in ((" kommun", " stad"), (" stad", " kommun")):
        if name.endswith(a):
            out.append(name[: -len(a)] + b)
    return out


_HONORIFIC_RE = re.compile(r"^(?:Kungl\.?|Kungliga|Stiftelsen|Föreningen|Riksföreningen)\s+", re.IGNORECASE)
_NAMND_OFFICES = (
    ("stadsdelsnämnden", ("stadsdelsförvaltningen",)),
    ("stadsdelsnämnd", ("stadsdelsförvaltning",)),
    ("nämnden", ("förvaltningen", "kontoret")),
    ("nämnd", ("förvaltning", "kontor")),
)
_SPECIAL_OFFICES = {"kommunstyrelsen": ("Stadsledningskontoret",)}


def forms_of(name: str, register: Register) -> list[str]:
    """Every way a recipient may be written: its register name, former names, short code, the
    kommun/stad pair, the definite and indefinite nämnd, and the office that writes for it."""
    org = register.organisation(name)
    names = [name]
    if org is not None:
        names += [org.name, *org.former_names]
    out: list[str] = []
    for n in names:
        out.append(n)
        out += _kommun_stad(n)
        # "Kungl. Vetenskapsakademien" is written "Vetenskapsakademien" in its own sentences.
        bare = _HONORIFIC_RE.sub("", n)
        if bare != n and len(bare) >= 6:
            out.append(bare)
        low = n.casefold()
        if low.endswith("nämnden"):
            out.append(n[:-2])
        elif low.endswith("nämnd"):
            out.append(n + "en")
        for suffix, offices in _NAMND_OFFICES:
            if low.endswith(suffix):
                out += [n[: -len(suffix)] + o for o in offices]
                break
        out += list(_SPECIAL_OFFICES.get(low, ()))
    if org is not None and org.short_code and len(org.short_code) >= 3:
        out.append(org.short_code)
    from ..formats.public_bodies import public_body_names, public_body_short_forms

    key = name_key(name)
    for form_key, body in public_body_names().items():
        if name_key(body) == key and form_key != key:
            out.append(form_key)
    for form, body in public_body_short_forms().items():
        if name_key(body) == key:
            out.append(form)
    seen: set[str] = set()
    unique = []
    for f in out:
        k = name_key(f)
        if k and k not in seen:
            seen.add(k)
            unique.append(f)
    return unique


def _same_body(found: str, forms: list[str]) -> bool:
    """The reader's name and one of the recipient's forms name the same body: equal, or one is the
    other with words added at the end ("Trafikverket" / "Trafikverket Region Stockholm")."""
    f = name_key(found)
    for form in forms:
        k = name_key(form)
        if f == k or f.startswith(k + " ") or k.startswith(f + " ") or f == k + "s":
            return True
    return False


_COMMITTEE_NAME_RE = re.compile(r"(?:nämnden|nämnd|styrelsen|utskottet|fullmäktige)$", re.IGNORECASE)
_HOME_KIND_RE = re.compile(r"\b(?:kommun|stad|region|landsting|landstinget)\b", re.IGNORECASE)
_DOMAIN_RE = re.compile(r"(?:www\.|@)([a-z0-9åäö-]{3,40})\.(?:se|nu|org|com)\b", re.IGNORECASE)
_PLACE_RE = re.compile(r"^(?:Region )?([A-ZÅÄÖ][\wåäö-]+?)(?:s)? (?:kommun|stad)$|^Region ([A-ZÅÄÖ][\wåäö-]+)$")


def _place_of(name: str) -> str | None:
    """'Sollentuna kommun' -> 'Sollentuna', 'Region Uppsala' -> 'Uppsala'; a nämnd has none."""
    m = _PLACE_RE.match(name.strip())
    if not m:
        return None
    return m.group(1) or m.group(2)


def _fold(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.casefold().translate(str.maketrans("åäöéü", "aaoeu")))


def _mail_domain(address: str) -> str:
    return address.rsplit("@", 1)[-1].casefold() if "@" in address else ""


def choose_recipient(remiss: Remiss, parsed: ParsedDocument, register: Register) -> Filing:
    """The recipient this document is the answer of, or none with the candidates named."""
    from ..formats.document.lines import Lines
    from ..formats.document.organisation import closed_set_points

    sender = name_key(remiss.sender or "")
    recipients = [r for r in remiss.recipients if name_key(r.organisation) != sender]
    if not recipients:
        return Filing(None, [], "Remissen har inga mottagare att välja bland.")
    forms = {r.organisation: forms_of(r.organisation, register) for r in recipients}
    points: dict[str, float] = {r.organisation: 0.0 for r in recipients}
    evidence: dict[str, list[str]] = {r.organisation: [] for r in recipients}

    def add(org: str, pts: float, why: str) -> None:
        points[org] += pts
        evidence[org].append(why)

    # The e-mail's sender: an address registered for exactly one recipient decides.
    addr = (parsed.mail_from or "").strip().casefold()
    if addr:
        for r in recipients:
            org = register.organisation(r.organisation)
            if (org and org.registry_email.strip().casefold() == addr) or r.contact.email.strip().casefold() == addr:
                add(r.organisation, 20.0, f"avsändaradressen {addr}")
    # The reader's reading of the author; an unsure one counts for less.
    for value, pts, how in ((parsed.organisation, 6.0, "läst som avsändare"),
                            (parsed.candidate("organisation"), 2.0, "möjlig avsändare (osäker)")):
        if value:
            for r in recipients:
                if _same_body(str(value), forms[r.organisation]):
                    add(r.organisation, pts, f"{how}: {value}")
    # Every mention of every recipient, weighed by the words around it.
    lines = Lines(parsed.text or "")
    for org, (pts, count) in closed_set_points(lines, forms).items():
        if pts:
            add(org, pts, f"nämns {count} gång{'er' if count > 1 else ''} i texten")
    # A web or mail domain that is a kommun's or region's own name ("www.sollentuna.se"). The city's
    # domain says nothing about which of the city's nämnder writes ("farsta@stockholm.se").
    domains = {_fold(d) for d in _DOMAIN_RE.findall(parsed.text or "")}
    if addr:
        domains.add(_fold(_mail_domain(addr).split(".")[0]))
    for r in recipients:
        place = _place_of(r.organisation)
        if place and _fold(place) in domains:
            add(r.organisation, 3.0, f"webb- eller e-postadressen {place.casefold()}")
    # A kommun written by its place alone, as its own sentences do ("Sollentuna överlämnar ...").
    places = {r.organisation: [p] for r in recipients if (p := _place_of(r.organisation))}
    for org, (pts, count) in closed_set_points(lines, places, min_points=3.0).items():
        if pts:
            add(org, pts, f"ortnamnet i svarets egna meningar ({count})")
    # A committee of a kommun, region or landsting answers for it ("LANDSTINGET I UPPSALA LÄN ...
    # Kollektivtrafiknämnden godkänner ... yttrande"): when the committee is no recipient, the body in
    # the letterhead that is one counts as the author.
    found = parsed.organisation or parsed.candidate("organisation")
    if found and _COMMITTEE_NAME_RE.search(str(found)) and not any(
            _same_body(str(found), forms[r.organisation]) for r in recipients):
        head = "\n".join((parsed.text or "").split("\n")[:6])[:600]
        for r in recipients:
            if _HOME_KIND_RE.search(r.organisation) and any(
                    re.search(r"(?<![\wåäö])" + re.escape(f) + r"(?![\wåäö])", head, re.IGNORECASE)
                    for f in forms[r.organisation] if " " in f):
                add(r.organisation, 3.0, f"{found} är en nämnd hos {r.organisation}")
    # The own dnr's prefix (SÖD 2024/145) against the registered prefixes.
    if parsed.own_dnr:
        m = re.match(r"[^\W\d_]+", parsed.own_dnr)
        if m:
            pref = m.group().casefold()
            hits = [r for r in recipients
                    if (o := register.organisation(r.organisation)) and o.dnr_prefix and o.dnr_prefix.casefold() == pref]
            if len(hits) == 1:
                add(hits[0].organisation, 4.0, f"diarienumrets prefix {m.group()}")

    ranked = sorted((Candidate(o, p, evidence[o]) for o, p in points.items() if p > 0),
                    key=lambda c: -c.points)
    if not ranked or ranked[0].points < MIN_POINTS:
        found = parsed.organisation or parsed.candidate("organisation")
        why = f"avsändaren ({found}) matchar ingen mottagare" if found else "avsändaren kunde inte läsas ut"
        return Filing(None, ranked, why)
    top = ranked[0]
    if len(ranked) > 1 and ranked[1].points >= LEAD_RATIO * top.points:
        names = " eller ".join(c.organisation for c in ranked[:3])
        return Filing(None, ranked, f"flera mottagare är nästan lika sannolika: {names}")
    rec = next(r for r in recipients if r.organisation == top.organisation)
    return Filing(rec, ranked)


__all__ = ["Candidate", "Filing", "choose_recipient", "forms_of"]
