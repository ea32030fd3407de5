"""Generate a realistic data folder at any scale, deterministically (seeded).

    python tests/benchmarks/generate.py --remisser 3000 --out /tmp/tio-ar [--seed 7] [--today 2025-03-14]

About 300 remisser a year going back from `--today` (default: the real today), ~25 recipients each
(some with 60), organisations from the bundled register as they were in force that year (the former
stadsdelsnämnder for old years) plus external bodies, every status, stance and answer kind, answers
with ~500 bytes of themed Swedish comments, anstånd, påminnelser and an event log like the one the
services write. Recent remisser are out; older ones are closed.

The files are written by the store itself (`Store._write`, the register by `Store.save_register`), so
they are byte-compatible with what the app writes; only the fsync is skipped while generating (one
`os.sync()` at the end). The same seed and today give the same folder.

The word "rollfördelning" appears in a known small fraction of the answers (ROLE_WORD_SHARE), so a
benchmark can search for it and know roughly how many hits to expect.
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime, time as dtime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from remisstui.domain.calendar import move_off_holidays  # noqa: E402
from remisstui.domain.history import make_event, recipient_target, snapshot  # noqa: E402
from remisstui.domain.model import (  # noqa: E402
    AnswerKind,
    Attachment,
    Comment,
    Contact,
    Dissent,
    DissentKind,
    Event,
    Extension,
    OrgKind,
    Recipient,
    Reminder,
    Remiss,
    RemissState,
    Response,
    Stance,
    Status,
)
from remisstui.domain.serialize import to_dict  # noqa: E402
from remisstui.formats import toml_io  # noqa: E402
from remisstui.store import repository  # noqa: E402
from remisstui.store.repository import Store  # noqa: E402
from remisstui.store.storage import atomic_write_bytes  # noqa: E402

PER_YEAR = 300
ROLE_WORD = "rollfördelning"
ROLE_WORD_SHARE = 0.03  # of the answers that have comments
BIG_SHARE = 0.04  # remisser sent to 60 recipients

EXTERNAL = [
    "Länsstyrelsen i Stockholms län",
    "Region Stockholm",
    "Storstockholms brandförsvar",
    "Polismyndigheten, region Stockholm",
    "Trafikverket, region Stockholm",
    "Stockholms universitet",
    "Kungliga Tekniska högskolan",
    "Karolinska institutet",
    "Sveriges Kommuner och Regioner",
    "Stockholms Handelskammare",
    "Fastighetsägarna Stockholm",
    "Hyresgästföreningen region Stockholm",
    "Naturskyddsföreningen i Stockholm",
    "PRO Stockholms stad",
    "SPF Seniorerna Stockholm",
    "Funktionsrätt Stockholms stad",
    "Stockholms läns museum",
    "Solna stad",
    "Sundbybergs stad",
    "Nacka kommun",
    "Huddinge kommun",
    "Lidingö stad",
    "Danderyds kommun",
    "Järfälla kommun",
    "Sollentuna kommun",
    "Stockholms stift",
    "Företagarna Stockholm stad",
    "Cykelfrämjandet Stockholm",
    "Stockholms idrottsförbund",
    "Ungdomsrådet i Stockholm",
]

KINDS = ["Program", "Strategi", "Handlingsplan", "Riktlinjer", "Policy", "Plan", "Förslag till riktlinjer"]
TOPICS = [
    "kommunikation", "klimatanpassning", "trygghet i offentlig miljö", "äldreomsorgens digitalisering",
    "barnrättsarbete", "förskolans kvalitet", "fritidsgårdar", "idrottsanläggningar", "kulturskolan",
    "mänskliga rättigheter", "jämställdhet", "funktionshinderfrågor", "hemlöshet", "våld i nära relationer",
    "cykeltrafik", "gångtrafik", "parkering", "dagvattenhantering", "biologisk mångfald", "grönytor",
    "upphandling", "informationssäkerhet", "e-tjänster", "arkivhantering", "krisberedskap",
    "energieffektivisering", "bostadsförsörjning", "lokalförsörjning", "arbetsmarknadsinsatser",
    "ekonomiskt bistånd", "folkhälsa", "ANDT-förebyggande arbete", "integration", "medborgardialog",
    "offentlig konst", "stadsodling", "avfallshantering", "buller", "luftkvalitet", "skolgårdar",
]
SCOPES = ["i Stockholms stad", "för Stockholms stad", "2025–2028", "2021–2024", "för stadens nämnder och bolag", ""]

THEMES = {
    "ekonomi": [
        "Förslaget saknar en konsekvensanalys av kostnaderna för nämndens verksamhet",
        "Genomförandet bör finansieras inom ramen för budgeten och inte belasta verksamheterna",
        "De ekonomiska konsekvenserna för stadsdelsnämnderna behöver beskrivas tydligare",
        "Kostnaden för utbildningsinsatser och systemstöd bör beräknas innan beslut fattas",
    ],
    "ansvar": [
        "Ansvarsfördelningen mellan stadsledningskontoret och nämnderna behöver förtydligas",
        "Det behöver framgå vem som äger frågan och vem som följer upp målen",
        "Samverkan mellan förvaltningarna bör beskrivas med konkreta arbetssätt",
        "Nämnden efterfrågar tydligare mandat för förvaltningens samordnande funktion",
    ],
    "barnperspektiv": [
        "Barnrättsanalysen bör fördjupas och barns egna synpunkter inhämtas",
        "Förslaget bör i högre grad utgå från barnets bästa enligt barnkonventionen",
        "Unga i stadsdelen har lyft behovet av trygga mötesplatser på kvällstid",
    ],
    "jämställdhet": [
        "Jämställdhetsanalysen är översiktlig och bör kompletteras med könsuppdelad statistik",
        "Förslaget bör beakta att kvinnor och män använder stadens tjänster på olika sätt",
    ],
    "tillgänglighet": [
        "Information ska finnas på lättläst svenska och på de vanligaste språken i stadsdelen",
        "Personer med funktionsnedsättning behöver involveras tidigt i arbetet",
        "Digitala kanaler får inte ersätta personlig service för dem som inte är digitala",
    ],
    "genomförande": [
        "Tidplanen bedöms som ambitiös och bör ses över i samråd med nämnderna",
        "Uppföljningen bör ske årligen och redovisas i stadens ordinarie verksamhetsplanering",
        "Det är angeläget att befintliga nätverk och arbetssätt tas tillvara i genomförandet",
        "Förvaltningen ser behov av stödmaterial och utbildning för chefer och medarbetare",
    ],
    "klimat": [
        "Förslaget bör kopplas tydligare till stadens miljöprogram och klimatmål",
        "Åtgärderna bör prioriteras efter klimatnytta per investerad krona",
    ],
    "trygghet": [
        "Platssamverkan med polisen och fastighetsägare bör lyftas fram som ett framgångsrikt arbetssätt",
        "Belysning och skötsel av offentliga miljöer har stor betydelse för upplevd trygghet",
    ],
}
ROLE_SENTENCES = [
    "Rollfördelningen mellan nämnderna och bolagen är oklar och bör förtydligas i programmet",
    "Nämnden efterfrågar en tydligare rollfördelning mellan central och lokal nivå",
    "En otydlig rollfördelning riskerar att leda till dubbelarbete mellan förvaltningarna",
]
FILLERS = [
    "Förvaltningen delar i stort den analys som görs i förslaget.",
    "Detta är särskilt viktigt i stadsdelar med socioekonomiska utmaningar.",
    "Erfarenheter från tidigare program visar att uppföljningen ofta brister.",
    "Förvaltningen bidrar gärna i det fortsatta arbetet.",
    "Frågan har behandlats i förvaltningsgruppen och i pensionärsrådet.",
    "Synpunkterna har stämts av med berörda enheter inom förvaltningen.",
]
STANCE_SENTENCES = {
    Stance.supports: "{who} tillstyrker förslaget.",
    Stance.supports_with_comments: "{who} ställer sig i huvudsak positiv till förslaget men har vissa synpunkter.",
    Stance.no_objection: "{who} har inget att erinra mot förslaget.",
    Stance.partly: "{who} tillstyrker förslaget i delar.",
    Stance.opposes: "{who} avstyrker förslaget i sin nuvarande form.",
    Stance.comments_only: "{who} lämnar synpunkter på förslaget.",
    Stance.none: "",
}
STANCE_WEIGHTS = [
    (Stance.supports, 22), (Stance.supports_with_comments, 38), (Stance.no_objection, 12),
    (Stance.partly, 8), (Stance.opposes, 5), (Stance.comments_only, 12), (Stance.none, 3),
]
FIRST = ["Anna", "Erik", "Maria", "Johan", "Karin", "Lars", "Sara", "Per", "Emma", "Ahmed", "Leila", "Mikael",
         "Eva", "Fredrik", "Sofia", "Nils", "Ingrid", "Oskar", "Fatima", "Henrik"]
LAST = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
        "Svensson", "Gustafsson", "Lindqvist", "Berg", "Holm", "Nyström", "Ali", "Hassan", "Ek", "Sandberg"]
REGISTRATORS = ["anna.lindqvist", "erik.holm", "sara.berg", "registrator"]
PARTIES = ["S", "M", "V", "L", "C", "KD", "MP", "SD"]


@dataclass
class Generated:
    folder: Path
    remisser: int = 0
    recipients: int = 0
    active: int = 0
    role_word_answers: int = 0
    big_active_dnr: str = ""  # an active remiss with 60 recipients (for open/summary benchmarks)
    big_active_org: str = ""  # one of its recipients with an open status (for the save benchmark)
    big_dnrs: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _weighted(rng: random.Random, pairs: list[tuple[Any, int]]) -> Any:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _at(d: date, rng: random.Random) -> datetime:
    return datetime.combine(d, dtime(rng.randint(8, 16), rng.randint(0, 59), rng.randint(0, 59)))


def _working_day(d: date) -> date:
    return move_off_holidays(d)[0]


class _Builder:
    def __init__(self, seed: int, today: date):
        self.rng = random.Random(seed)
        self.today = today
        self.register = toml_io.bundled_register()
        self.orgs = [o for o in self.register.organisations if o.name != "Kommunstyrelsen"]
        self.role_word_answers = 0
        self._own_seq: dict[tuple[str, int], int] = {}

    def recipients_for(self, sent: date, big: bool) -> list[tuple[str, OrgKind]]:
        rng = self.rng
        active = [o for o in self.orgs if o.is_active(sent)]
        sdn = [o for o in active if o.kind is OrgKind.stadsdelsnamnd]
        others = [o for o in active if o.kind is not OrgKind.stadsdelsnamnd]
        if big:
            chosen = list(active)
            extra = rng.sample(EXTERNAL, k=max(0, 60 - len(chosen)))
            out = [(o.name, o.kind) for o in chosen] + [(n, OrgKind.extern) for n in extra]
            return out[:60]
        n = max(8, min(40, int(rng.gauss(23, 5))))
        take_sdn = rng.random() < 0.75  # "samtliga stadsdelsnämnder" on most remisser
        chosen = list(sdn) if take_sdn else rng.sample(sdn, k=min(len(sdn), rng.randint(2, 5)))
        rest = n - len(chosen)
        if rest > 0:
            chosen += rng.sample(others, k=min(rest, len(others)))
        out = [(o.name, o.kind) for o in chosen]
        if rng.random() < 0.3:
            out += [(n, OrgKind.extern) for n in rng.sample(EXTERNAL, k=rng.randint(1, 3))]
        return out

    def own_dnr(self, org: str, year: int) -> str:
        o = self.register.organisation(org)
        prefix = (o.dnr_prefix or o.short_code) if o else ""
        seq = self._own_seq.get((org, year), self.rng.randint(20, 120)) + self.rng.randint(1, 9)
        self._own_seq[(org, year)] = seq
        return f"{prefix} {year}/{seq}".strip() if prefix else f"Dnr {year}-{seq:04d}"

    def comments(self, with_role_word: bool) -> list[Comment]:
        rng = self.rng
        themes = rng.sample(sorted(THEMES), k=rng.randint(2, 4))
        out = []
        for theme in themes:
            sentence = rng.choice(THEMES[theme])
            text = f"{sentence}. {rng.choice(FILLERS)}"
            if rng.random() < 0.5:
                text += f" {rng.choice(FILLERS)}"
            out.append(Comment(text=text, theme=theme))
        if with_role_word:
            out[rng.randrange(len(out))].text += f" {rng.choice(ROLE_SENTENCES)}."
        # ~500 bytes per answer
        while sum(len(c.text.encode()) for c in out) < 380:
            out[-1].text += f" {rng.choice(FILLERS)}"
        return out

    def response(self, org: str, kind: OrgKind, received: date, stance: Stance) -> Response:
        rng = self.rng
        if kind is OrgKind.bolag:
            answer_kind = AnswerKind.board_decision
        elif kind in (OrgKind.extern, OrgKind.rad):
            answer_kind = AnswerKind.office_answer
        else:
            answer_kind = _weighted(rng, [(AnswerKind.committee_decision, 70), (AnswerKind.office_answer, 15),
                                          (AnswerKind.delegated_decision, 10), (AnswerKind.joint, 5)])
        who = {OrgKind.stadsdelsnamnd: "Stadsdelsnämnden", OrgKind.facknamnd: "Nämnden",
               OrgKind.bolag: "Styrelsen"}.get(kind, org)
        with_comments = stance not in (Stance.supports, Stance.no_objection) or rng.random() < 0.4
        role = with_comments and rng.random() < ROLE_WORD_SHARE
        self.role_word_answers += role
        comments = self.comments(role) if with_comments else []
        meeting = received - timedelta(days=rng.randint(1, 10))
        resp = Response(
            answer_kind=answer_kind,
            received_on=received,
            document_date=meeting - timedelta(days=rng.randint(10, 25)),
            decision_date=meeting if answer_kind is not AnswerKind.office_answer else None,
            meeting_date=meeting if answer_kind in (AnswerKind.committee_decision, AnswerKind.board_decision) else None,
            immediate_adjustment=rng.random() < 0.6,
            stance=stance,
            stance_sentence=STANCE_SENTENCES[stance].format(who=who),
            summary=(f"{who} {rng.choice(['delar', 'stöder', 'ifrågasätter delar av', 'välkomnar'])} "
                     f"förslagets inriktning. {rng.choice(FILLERS)}"),
            comments=comments,
            signatories=[f"{rng.choice(FIRST)} {rng.choice(LAST)}", f"{rng.choice(FIRST)} {rng.choice(LAST)}"],
        )
        if answer_kind in (AnswerKind.committee_decision, AnswerKind.board_decision) and rng.random() < 0.12:
            resp.dissents.append(Dissent(kind=rng.choice(list(DissentKind)), parties=rng.sample(PARTIES, k=rng.randint(1, 3)),
                                         text="Vi anser att förslaget borde ha remitterats bredare och med längre svarstid."))
        if rng.random() < 0.25:
            resp.attachments.append(Attachment(title="Tjänsteutlåtande", file=f"{org[:12]}-tjut.pdf"))
        return resp

    def remiss(self, dnr: str, sent: date, big: bool) -> tuple[Remiss, list[dict[str, Any]]]:
        rng = self.rng
        today = self.today
        deadline = _working_day(sent + timedelta(days=rng.choice([42, 49, 56, 63, 70, 84])))
        title = f"{rng.choice(KINDS)} för {rng.choice(TOPICS)} {rng.choice(SCOPES)}".strip()
        if (today - deadline).days > 75:
            state = RemissState.closed
        elif deadline < today:
            state = _weighted(rng, [(RemissState.compiling, 50), (RemissState.out, 50)])
        elif sent > today - timedelta(days=5) and rng.random() < 0.3:
            state = RemissState.draft
        else:
            state = RemissState.out
        remiss = Remiss(
            dnr=dnr, title=title, sent_on=sent, deadline=deadline, state=state,
            description=f"Kommunstyrelsen remitterar {title[0].lower() + title[1:]}. Synpunkter önskas senast "
                        f"{deadline.isoformat()}.",
            attachments=[Attachment(title="Remissversion", file=f"{dnr.replace(' ', '-').replace('/', '-')}.pdf")],
        )
        who = rng.choice(REGISTRATORS)
        created = _at(sent, rng)
        change = f"c{rng.getrandbits(44):011x}"
        events: list[Event] = [Event(at=created, by=who, what="Skapade remissen", target="remiss", before=None,
                                     after=snapshot(remiss, "remiss"), change=change)]
        pairs = self.recipients_for(sent, big)
        for org, kind in pairs:
            rec = Recipient(organisation=org, kind=kind,
                            status=Status.planned if state is RemissState.draft else Status.sent)
            if rng.random() < 0.5:
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                rec.contact = Contact(name=name, phone=f"08-508 {rng.randint(10, 99)} {rng.randint(100, 999)}",
                                      email=f"{name.lower().replace(' ', '.')}@example.se")
            remiss.recipients.append(rec)
            target = recipient_target(org)
            events.append(Event(at=created, by=who, what=f"La till mottagaren {org}", target=target, before=None,
                                after=snapshot(remiss, target), change=change))
        if state is not RemissState.draft:
            for rec in remiss.recipients:
                events.extend(self._life(remiss, rec, today))
        events.sort(key=lambda e: e.at)
        return remiss, [to_dict(e) for e in events]

    def _life(self, remiss: Remiss, rec: Recipient, today: date) -> list[Event]:
        """What happened to one recipient, up to today: anstånd, påminnelser, registration, answer."""
        rng = self.rng
        target = recipient_target(rec.organisation)
        deadline = remiss.deadline
        assert deadline and remiss.sent_on
        out: list[Event] = []

        last = [snapshot(remiss, target)]  # the "after" of one step is the "before" of the next

        def step(what: str, when: date, fn) -> None:
            if when > today:
                return
            fn()
            after = snapshot(remiss, target)
            ev = make_event(target, last[0], after, what=what, by=rng.choice(REGISTRATORS),
                            change=f"c{rng.getrandbits(44):011x}", at=_at(when, rng))
            last[0] = after
            if ev is not None:
                out.append(ev)

        due = deadline
        if rng.random() < 0.12:
            new = _working_day(deadline + timedelta(days=rng.choice([7, 14, 21, 28])))
            ext = Extension(new_deadline=new, granted_on=deadline - timedelta(days=rng.randint(1, 10)),
                            granted_by=rng.choice(REGISTRATORS), reason="Nämnden sammanträder inte före svarsdatum.")
            step(f"Beviljade anstånd till {new.isoformat()} för {rec.organisation}", ext.granted_on,
                 lambda: rec.extensions.append(ext))
            due = new
            if rng.random() < 0.15:
                new2 = _working_day(new + timedelta(days=14))
                ext2 = Extension(new_deadline=new2, granted_on=new - timedelta(days=2), granted_by=rng.choice(REGISTRATORS),
                                 reason="Ärendet bordlades på sammanträdet.")
                step(f"Beviljade anstånd till {new2.isoformat()} för {rec.organisation}", ext2.granted_on,
                     lambda: rec.extensions.append(ext2))
                due = new2
        closed = remiss.state is RemissState.closed
        fate = _weighted(rng, [("answer", 82), ("declined", 7), ("no_answer", 6), ("withdrawn", 1), ("late", 4)])
        received = due + timedelta(days=rng.randint(-20, 3) if fate != "late" else rng.randint(4, 40))
        if fate in ("late", "no_answer") and due < today:
            n = rng.randint(1, 2)
            for i in range(n):
                on = due + timedelta(days=3 + 7 * i)
                rem = Reminder(sent_on=on, by=rng.choice(REGISTRATORS), note="Påminnelse via e-post")
                step(f"Skickade påminnelse till {rec.organisation}", on, lambda rem=rem: rec.reminders.append(rem))
        if fate == "withdrawn":
            step(f"Satte status återkallad för {rec.organisation}", remiss.sent_on + timedelta(days=3),
                 lambda: setattr(rec, "status", Status.withdrawn))
            return out
        if fate == "declined":
            step(f"Satte status avstått för {rec.organisation}", received, lambda: setattr(rec, "status", Status.declined))
            return out
        if fate == "no_answer":
            if closed:
                step(f"Satte status ej svarat för {rec.organisation}", due + timedelta(days=60),
                     lambda: setattr(rec, "status", Status.no_answer))
            return out
        registered = min(remiss.sent_on + timedelta(days=rng.randint(3, 15)), received)
        own = self.own_dnr(rec.organisation, registered.year)

        def register() -> None:
            rec.status = Status.registered
            rec.own_dnr = own

        step(f"Registrerade {rec.organisation}s diarienummer", registered, register)
        prep = registered + timedelta(days=rng.randint(5, 20))
        if prep < received:
            step(f"Satte status under beredning för {rec.organisation}", prep,
                 lambda: setattr(rec, "status", Status.in_preparation))
        stance = _weighted(rng, STANCE_WEIGHTS)
        if received <= today:
            resp = self.response(rec.organisation, rec.kind, received, stance)

            def answer() -> None:
                rec.status = Status.answered
                rec.response = resp

            step(f"Registrerade svaret från {rec.organisation}", received, answer)
        return out


def generate(out: str | os.PathLike[str], remisser: int, *, seed: int = 7, today: date | None = None) -> Generated:
    """Write `remisser` remisser into the (empty or new) folder `out`; returns what was made."""
    started = time.perf_counter()
    today = today or date.today()
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    if (folder / repository.REMISS_DIR).is_dir() and any((folder / repository.REMISS_DIR).iterdir()):
        raise SystemExit(f"{folder} innehåller redan remisser; välj en tom mapp.")
    builder = _Builder(seed, today)
    info = Generated(folder=folder)
    store = Store(folder, user="generator")
    years = max(1, round(remisser / PER_YEAR))
    first_year = today.year - years + 1
    # Sent dates spread over the years, newest up to about a week before today.
    span_start = date(first_year, 1, 8)
    span_end = today - timedelta(days=7)
    span = max(1, (span_end - span_start).days)
    sent_dates = sorted(span_start + timedelta(days=int(span * i / max(1, remisser - 1))) for i in range(remisser))
    per_year_seq: dict[int, int] = {}
    fast_write = functools.partial(atomic_write_bytes, durable=False)
    with mock.patch.object(repository, "atomic_write_bytes", fast_write):
        store.save_register(builder.register, what="Stockholms register lades in")
        for i, sent in enumerate(sent_dates):
            sent = _working_day(sent)
            if sent.month == 7:  # nothing is remitted in July
                sent = _working_day(date(sent.year, 8, 10))
            seq = per_year_seq.get(sent.year, builder.rng.randint(20, 60)) + builder.rng.randint(1, 6)
            per_year_seq[sent.year] = seq
            dnr = f"KS {sent.year}/{seq}"
            # one recent (so active) remiss always goes to 60 recipients: the benchmarks open it
            big = builder.rng.random() < BIG_SHARE or i == max(0, remisser - 5)
            remiss, events = builder.remiss(dnr, sent, big)
            path = store._new_path(dnr)
            store._write(path, remiss, events)
            info.remisser += 1
            info.recipients += len(remiss.recipients)
            if remiss.state is not RemissState.closed:
                info.active += 1
            if len(remiss.recipients) >= 60:
                info.big_dnrs.append(dnr)
                open_recs = [r for r in remiss.recipients if r.status in (Status.sent, Status.registered, Status.in_preparation)]
                if remiss.state is RemissState.out and open_recs:
                    info.big_active_dnr = dnr
                    info.big_active_org = open_recs[0].organisation
    if not info.big_active_dnr and info.big_dnrs:
        info.big_active_dnr = info.big_dnrs[-1]
        info.big_active_org = store.load(info.big_active_dnr).recipients[0].organisation
    info.role_word_answers = builder.role_word_answers
    store.summaries()  # writes index.json, as the first start of the app would
    info.seconds = time.perf_counter() - started
    return info


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Skapa en realistisk datamapp för prestandamätning.")
    p.add_argument("--remisser", type=int, default=300, help="antal remisser (300 per år; 3000 = tio år)")
    p.add_argument("--out", required=True, help="datamappen som skapas (ska vara tom)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--today", type=date.fromisoformat, default=None, help="dagens datum (ÅÅÅÅ-MM-DD)")
    args = p.parse_args(argv)
    info = generate(args.out, args.remisser, seed=args.seed, today=args.today)
    print(
        f"{info.remisser} remisser, {info.recipients} mottagare ({info.active} aktiva remisser, "
        f"{info.role_word_answers} svar med {ROLE_WORD!r}) i {info.folder} på {info.seconds:.1f} s; "
        f"stor aktiv remiss: {info.big_active_dnr}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
