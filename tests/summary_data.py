"""A generated 60-recipient remiss for the summary tests and the benchmark (deterministic).

Every status, every stance and answer kind, joint answers, declines, dissents, anstånd, answers
after the deadline, and comments full of markup, HTML and spreadsheet formulas.
"""

from __future__ import annotations

from datetime import date, timedelta

from remisstui.domain.model import (
    AnswerKind,
    Comment,
    Dissent,
    DissentKind,
    Extension,
    OrgKind,
    Recipient,
    Reminder,
    Remiss,
    Response,
    Stance,
    Status,
)
from remisstui.domain.register import Register
from remisstui.formats import toml_io

TODAY = date(2024, 5, 20)
SENT_ON = date(2024, 1, 31)
DEADLINE = date(2024, 4, 29)

HOSTILE = [
    "[bold]fet[/bold] text och [@click=app.quit]q[/]",
    "<script>alert(1)</script> ska synas som text",
    '=HYPERLINK("http://example.com/x","klicka")',
    "+1 för förslaget",
    "-2 poäng i budgeten",
    "@x nämns",
    "\tinledande tabb",
    "Org [/foo] x och a [ b och trailing\\",
    "Emoji 🎉 och höger-till-vänster: مرحبا",
    "Mycket lång rad " + "lorem ipsum " * 40,
]

EXTERNAL = [
    "Länsstyrelsen i Stockholms län",
    "Region Stockholm",
    "Polismyndigheten",
    "Stockholms universitet",
    "Kungliga Tekniska högskolan",
    "Södertörns brandförsvarsförbund",
    "Storstockholms brandförsvar",
    "Handikappförbunden Stockholms stad",
    "Stockholms Handelskammare",
    "Hyresgästföreningen Region Stockholm",
    "Org [/foo] x",
    '=HYPERLINK("http://evil.example")',
    "Ängby villaägareförening",
]

STATUS_CYCLE = [
    Status.answered,
    Status.declined,
    Status.sent,
    Status.registered,
    Status.in_preparation,
    Status.no_answer,
    Status.answered,
    Status.withdrawn,
    Status.planned,
    Status.answered,
]
STANCE_CYCLE = [
    Stance.supports,
    Stance.opposes,
    Stance.no_objection,
    Stance.partly,
    Stance.comments_only,
    Stance.none,
    Stance.supports_with_comments,
]
THEMES = ["huvudbudskap", "rollfördelning", "tillgänglighet", "omvärld och AI", ""]


def _response(i: int, stance: Stance, kind: AnswerKind, *, late: bool = False) -> Response:
    received = date(2024, 5, 6) if late else date(2024, 4, 22) + timedelta(days=i % 6)
    comments = [
        Comment(text=f"{HOSTILE[(i + j) % len(HOSTILE)]} (synpunkt {i}.{j})", theme=THEMES[(i + j) % len(THEMES)])
        for j in range(1 + i % 3)
    ]
    dissents = []
    if i % 4 == 0:
        dissents.append(Dissent(DissentKind.reservation, ["S", "V"], f"Vi yrkar avslag. {HOSTILE[i % len(HOSTILE)]}"))
    if i % 5 == 0:
        dissents.append(Dissent(DissentKind.statement, ["M"], ""))
    if i % 7 == 0:
        dissents.append(Dissent(DissentKind.deputy_statement, ["MP"], "Ersättaren instämmer"))
    return Response(
        answer_kind=kind,
        received_on=received,
        document_date=received.replace(day=1),
        decision_date=received if kind is not AnswerKind.office_answer else None,
        meeting_date=received,
        immediate_adjustment=i % 2 == 0,
        stance=stance,
        stance_sentence="Förvaltningen ställer sig positiv till förslaget." if i % 3 == 0 else "",
        summary=(
            "Förvaltningen ställer sig positiv till förslaget. Den ser behov av <b>förtydliganden</b> "
            f"och [i]mer[/i] stöd.\n\nAndra stycket i svar {i}: {HOSTILE[i % len(HOSTILE)]}"
        ) if i % 2 == 0 else "",
        comments=comments,
        dissents=dissents,
    )


def generated_register() -> Register:
    return toml_io.bundled_register()


def generated_remiss(n: int = 60) -> Remiss:
    register = generated_register()
    orgs = [o for o in register.active(SENT_ON) if o.name != "Kommunstyrelsen"]
    names = [(o.name, o.kind) for o in orgs] + [(x, OrgKind.extern) for x in EXTERNAL]
    names = names[:n]
    recipients: list[Recipient] = []
    cycle_i = 0
    for i, (name, kind) in enumerate(names):
        rec = Recipient(organisation=name, kind=kind, own_dnr=f"{kind.value[:3].upper()} 2024/{100 + i}")
        if kind is OrgKind.stadsdelsnamnd:
            # Every stadsdelsnämnd answered, all i stort positiva: the "samtliga" wording kicks in.
            rec.status = Status.answered
            rec.response = _response(i, Stance.supports_with_comments, AnswerKind.committee_decision,
                                     late=(i % 5 == 1))
        else:
            status = STATUS_CYCLE[cycle_i % len(STATUS_CYCLE)]
            cycle_i += 1
            rec.status = status
            if status is Status.answered:
                stance = STANCE_CYCLE[i % len(STANCE_CYCLE)]
                answer_kind = {
                    OrgKind.bolag: AnswerKind.board_decision,
                    OrgKind.rad: AnswerKind.office_answer,
                    OrgKind.extern: AnswerKind.delegated_decision,
                }.get(kind, AnswerKind.committee_decision)
                rec.response = _response(i, stance, answer_kind, late=(i % 3 == 0))
            if status in (Status.planned,):
                rec.own_dnr = ""
            if status in (Status.registered, Status.in_preparation):
                rec.extensions.append(
                    Extension(new_deadline=date(2024, 6, 14) if i % 2 else date(2024, 5, 10),
                              granted_on=date(2024, 4, 20), granted_by="registrator", reason="Sammanträde i juni")
                )
            if status in (Status.sent, Status.registered):
                rec.reminders.append(Reminder(sent_on=date(2024, 5, 2), by="registrator"))
        recipients.append(rec)

    # Joint answers: Arbetsmarknadsnämnden + Socialnämnden + Servicenämnden; and two bolag.
    by_name = {r.organisation: r for r in recipients}
    for group in (
        ["Arbetsmarknadsnämnden", "Socialnämnden", "Servicenämnden"],
        ["AB Familjebostäder", "AB Stockholmshem"],
    ):
        lead = by_name[group[0]]
        lead.status = Status.answered
        lead.response = _response(3, Stance.partly, AnswerKind.joint)
        lead.response.joint_with = group[1:]
        for other in group[1:]:
            by_name[other].status = Status.answered
            by_name[other].response = Response(answer_kind=AnswerKind.joint, joint_with=[group[0]])
    return Remiss(
        dnr="KS 2024/999",
        title="Generated <remiss> med [markup] & =formel",
        sender="Kommunstyrelsen",
        description="En genererad remiss för test av sammanställningen.",
        sent_on=SENT_ON,
        deadline=DEADLINE,
        recipients=recipients,
    )
