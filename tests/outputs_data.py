"""The bundled example (KS 2024/112) with more answers, as a handläggare would see it in late May.

Besides Södermalm's real nämndbeslut: a förvaltningssvar (Idrottsnämnden), a joint answer of three
stadsdelsnämnder, a delegationsbeslut with a reservation in the first person, an anstånd granted to
a Saturday (Skarpnäck, still open: moved to Monday), an answered recipient that had an anstånd
(Hägersten-Älvsjö), and reminders sent to Arbetsmarknadsnämnden.
"""

from __future__ import annotations

import copy
from datetime import date

from remisstui.domain.model import (
    AnswerKind,
    Comment,
    Dissent,
    DissentKind,
    Extension,
    Reminder,
    Remiss,
    Response,
    Stance,
    Status,
)
from remisstui.formats import toml_io

TODAY = date(2024, 5, 20)


def register():
    return toml_io.bundled_register()


def example_remiss() -> Remiss:
    [remiss] = [r for r in toml_io.bundled_examples(register()) if r.dnr == "KS 2024/112"]
    return remiss


def richer_example() -> Remiss:
    remiss = copy.deepcopy(example_remiss())
    rec = {r.organisation: r for r in remiss.recipients}

    idrott = rec["Idrottsnämnden"]
    idrott.status = Status.answered
    idrott.own_dnr = "IDR 2024/77"
    idrott.response = Response(
        answer_kind=AnswerKind.office_answer,
        received_on=date(2024, 4, 26),
        document_date=date(2024, 4, 24),
        stance=Stance.partly,
        summary="Förvaltningen tillstyrker programmets mål men inte förslaget om en gemensam kanalstrategi.",
        comments=[Comment("Förvaltningen anser att idrottsföreningarna bör nämnas som målgrupp.", "",
                          source="idrottsforvaltningen-svar.pdf")],
    )

    for name in ("Bromma stadsdelsnämnd", "Farsta stadsdelsnämnd", "Järva stadsdelsnämnd"):
        r = rec[name]
        r.status = Status.answered
        r.response = Response(answer_kind=AnswerKind.joint, joint_with=[
            n for n in ("Bromma stadsdelsnämnd", "Farsta stadsdelsnämnd", "Järva stadsdelsnämnd") if n != name
        ])
    bromma = rec["Bromma stadsdelsnämnd"]
    bromma.own_dnr = "BRO 2024/12"
    bromma.response.received_on = date(2024, 4, 29)
    bromma.response.decision_date = date(2024, 4, 25)
    bromma.response.stance = Stance.supports
    bromma.response.comments = [Comment("- Rollerna för chefer behöver beskrivas tydligare.", "rollfördelning")]

    kultur = rec["Kulturnämnden"]
    kultur.status = Status.answered
    kultur.own_dnr = "KUL 2024/301"
    kultur.response = Response(
        answer_kind=AnswerKind.delegated_decision,
        received_on=date(2024, 4, 29),
        decision_date=date(2024, 4, 23),
        stance=Stance.supports_with_comments,
        comments=[Comment('=HYPERLINK("http://example.com","länk") ska synas som text', "")],
        dissents=[Dissent(DissentKind.reservation, ["M", "L"], "Vi anser att programmet är för omfattande.")],
    )

    skarp = rec["Skarpnäcks stadsdelsnämnd"]
    skarp.extensions.append(Extension(new_deadline=date(2024, 6, 1), granted_on=date(2024, 4, 20),
                                      granted_by="registrator", reason="Sammanträde i juni"))
    hagersten = rec["Hägersten-Älvsjö stadsdelsnämnd"]
    hagersten.extensions.append(Extension(new_deadline=date(2024, 5, 16), granted_on=date(2024, 4, 20)))
    hagersten.status = Status.answered
    hagersten.response = Response(answer_kind=AnswerKind.committee_decision, received_on=date(2024, 5, 15),
                                  decision_date=date(2024, 5, 14), stance=Stance.no_objection)
    arbete = rec["Arbetsmarknadsnämnden"]
    arbete.reminders.append(Reminder(sent_on=date(2024, 5, 2), by="registrator"))
    return remiss
