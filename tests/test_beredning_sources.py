"""Issue 20: every sentence of the beredning has a source, written as KS writes it.

The texts here are written for the tests (no fetched documents in the repository).
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from remisstui.domain import joint
from remisstui.domain.model import (
    AnswerKind, Attachment, Comment, Dissent, DissentKind, OrgKind, Passage, Recipient, Remiss, Response,
    Stance, Status,
)
from remisstui.formats import summary_beredning as sb
from remisstui.formats.render_beredning import render_beredning
from remisstui.formats.summary import build_summary
from remisstui.formats.summary_formats import render
from remisstui.services import reminders

TODAY = date(2024, 5, 20)
DOC = "svar.pdf"

KULTUR_TEXT = (
    "Kulturförvaltningen har tagit del av förslaget. Förvaltningen välkomnar förslaget om ett gemensamt "
    "kulturkort. Förvaltningen anser att biblioteken bör nämnas som mötesplatser. Det är positivt att "
    "programmet tar upp tillgänglighet."
)


def _remiss() -> Remiss:
    kultur = Recipient("Kulturnämnden", OrgKind.facknamnd, Status.answered, own_dnr="KUN 2024/9", response=Response(
        answer_kind=AnswerKind.committee_decision, decision_date=date(2024, 4, 20), received_on=date(2024, 4, 22),
        stance=Stance.supports, stance_sentence="Förvaltningen välkomnar förslaget om ett gemensamt kulturkort.",
        passages=[Passage(KULTUR_TEXT.split(". ", 1)[1], DOC, "Förvaltningens synpunkter")],
        attachments=[Attachment("Remissvaret", DOC)],
        summary="Positiv, vill lyfta biblioteken.",
        comments=[Comment("Registratorn: biblioteken saknas.", "bibliotek")],
        dissents=[Dissent(DissentKind.reservation, ["Socialdemokraterna", "V"], "Vi yrkar avslag.")],
    ))
    sdn = [
        Recipient(f"{p} stadsdelsnämnd", OrgKind.stadsdelsnamnd, Status.answered, response=Response(
            answer_kind=AnswerKind.committee_decision, stance=Stance.no_objection, received_on=date(2024, 4, 2)))
        for p in ("Farstas", "Bromma", "Södermalms")
    ]
    verket = Recipient("Trafikverket", OrgKind.extern, Status.answered, response=Response(
        answer_kind=AnswerKind.office_answer, stance=Stance.supports_with_comments, received_on=date(2024, 4, 3),
        comments=[Comment("Trafikverket ser positivt på förslaget. Trafikverket anser att cykelvägar bör prioriteras.",
                          "cykel", source="tv.pdf")],
    ))
    trafik = Recipient("Trafiknämnden", OrgKind.facknamnd, Status.answered, response=Response(
        answer_kind=AnswerKind.committee_decision, stance=Stance.opposes, received_on=date(2024, 4, 5),
        decision_date=date(2024, 4, 4), joint_with=["Stadsbyggnadsnämnden"],
        comments=[Comment("Nämnderna avstyrker förslaget.", "cykel", source="gemensamt.pdf")],
    ))
    sbn = Recipient("Stadsbyggnadsnämnden", OrgKind.facknamnd, Status.sent)
    avst = Recipient("Idrottsnämnden", OrgKind.facknamnd, Status.declined)
    return Remiss("KS 2024/77", "Kultur och trafik", sent_on=date(2024, 2, 1), deadline=date(2024, 4, 29),
                  recipients=[kultur, *sdn, verket, trafik, sbn, avst])


@pytest.fixture
def summary():
    return build_summary(_remiss(), None, today=TODAY)


def _registered_texts(remiss: Remiss) -> list[str]:
    out = []
    for r in remiss.recipients:
        if r.response:
            out += [r.response.stance_sentence] + [p.text for p in r.response.passages]
            out += [c.text for c in r.response.comments if c.source]
    return [" ".join(t.split()) for t in out if t]


def test_every_sentence_has_a_source_that_resolves(summary):
    remiss = _remiss()
    registered = _registered_texts(remiss)
    data = json.loads(render(summary, "json"))
    sentences = [s for p in data["beredning"] for s in p["sentences"]]
    assert sentences and all(s["source"]["kind"] in ("fact", "passage") for s in sentences)
    for s in sentences:
        if s["source"]["kind"] == "passage":
            # the passage is verbatim in what the instans wrote, and the sentence changes only its subject
            assert any(s["source"]["passage"] in t for t in registered), s
            assert s["source"].get("document")
            tail = s["source"]["passage"].split(" ", 1)[1]
            assert s["text"].endswith(tail)
    # The paragraphs are the sentences joined, and the text format prints exactly them.
    text = render_beredning(summary)
    for p in data["beredning"]:
        assert p["text"] == " ".join(s["text"] for s in p["sentences"]) and p["text"] in text


def test_indirect_speech_changes_only_the_subject(summary):
    kultur = next(p for p in summary.beredning if p.organisations == ["Kulturnämnden"])
    assert kultur.sentences[0].text == "Kulturnämnden välkomnar förslaget om ett gemensamt kulturkort."
    assert kultur.sentences[1].text == "Nämnden anser att biblioteken bör nämnas som mötesplatser."
    # a sentence whose subject is not the instans is never rewritten into one
    assert "positivt att programmet" not in kultur.text
    assert sb.indirect("Det är positivt att X.", "Kulturnämnden", ["förvaltningen"]) is None
    assert sb.indirect("Vi anser att vår plan räcker.", "Trafikverket", ["vi"]) is None
    assert sb.indirect("Vi ställer oss bakom förslaget.", "Trafikverket", ["vi"]) == \
        "Trafikverket ställer sig bakom förslaget."


@pytest.mark.parametrize("stance", list(Stance))
def test_each_stance_codes_phrase_says_exactly_that_code(stance):
    phrase = sb.stance_fact(stance)
    assert "i stort" not in phrase
    expected = {
        Stance.supports: "tillstyrker förslaget",
        Stance.supports_with_comments: "är positiv till förslaget och lämnar synpunkter",
        Stance.no_objection: "har inget att erinra mot förslaget",
        Stance.partly: "tillstyrker förslaget delvis",
        Stance.opposes: "avstyrker förslaget",
        Stance.comments_only: "lämnar synpunkter utan att ta ställning till förslaget som helhet",
        Stance.none: "har svarat utan att ange något ställningstagande",
    }
    assert phrase == expected[stance]


def test_registrator_text_is_never_quoted_or_in_the_beredning(summary):
    for code in ("md", "html", "beredning"):
        out = render(summary, code).decode("utf-8")
        assert "»Positiv, vill lyfta" not in out and "»Registratorn:" not in out
    text = render_beredning(summary)
    assert "Positiv, vill lyfta" not in text and "Registratorn" not in text
    md = render(summary, "md").decode()
    assert "Registratorns anteckning" in md and "Positiv, vill lyfta biblioteken." in md


def test_ks_opening_names_and_order(summary):
    opening = summary.beredning[0].text
    assert opening.startswith(
        "Ärendet har remitterats till idrottsnämnden, kulturnämnden, stadsbyggnadsnämnden, trafiknämnden, "
        "stadsdelsnämnderna Bromma, Farsta och Södermalm samt Trafikverket.")
    # joint answers and declines right after the list, once each
    assert "Stadsbyggnadsnämnden och trafiknämnden har inkommit med ett gemensamt svar." in opening
    assert "Idrottsnämnden har avstått från att svara." in opening
    assert render_beredning(summary).count("gemensamt svar") == 1


def test_stadsdelsnamnder_with_one_stance_share_one_sentence(summary):
    texts = [p.text for p in summary.beredning]
    assert "Stadsdelsnämnderna Bromma, Farsta och Södermalm har inget att erinra mot förslaget." in texts
    assert sum("stadsdelsnämnd" in t.casefold() for t in texts[1:]) == 1


def test_no_dnr_dates_or_quotes_in_the_beredning(summary):
    text = render_beredning(summary)
    assert "KUN 2024/9" not in text and not re.search(r"\d{4}", text)
    assert not any(m in text for m in "»«\"")
    assert "Reservation anfördes av (S) och (V)." in text and "avslag" not in text


def test_outside_body_gives_a_yttrande(summary):
    verket = next(s for s in summary.sections if s.organisations == ["Trafikverket"])
    assert verket.answer_kind_label == "yttrande"
    assert "förvaltningssvar" not in render(summary, "md").decode().split("Bilaga")[0].split("Trafikverket", 1)[1]
    p = next(p for p in summary.beredning if p.organisations == ["Trafikverket"])
    assert p.text == "Trafikverket ser positivt på förslaget. Trafikverket anser att cykelvägar bör prioriteras."


def test_joint_answer_counts_once_and_answers_for_the_partner(summary):
    remiss = _remiss()
    sbn = remiss.recipient("Stadsbyggnadsnämnden")
    assert joint.effective_status(remiss, sbn) is Status.answered
    row = next(r for r in summary.rows if r.organisation == "Stadsbyggnadsnämnden")
    assert row.status == "answered" and row.comment_count == 0
    trafik_row = next(r for r in summary.rows if r.organisation == "Trafiknämnden")
    assert trafik_row.comment_count == 1
    assert sum(r.comment_count for r in summary.rows) == 3  # Trafikverket 1, Kultur 1, the joint answer 1
    assert "Stadsbyggnadsnämnden" not in " ".join(summary.collective_lines)
    assert summary.counts.answered_by_kind.get("joint") == 1
    chosen, skipped = reminders.select_recipients(remiss, TODAY, organisations=["Stadsbyggnadsnämnden"])
    assert chosen == [] and skipped == [("Stadsbyggnadsnämnden", "status besvarad")]
    assert not reminders.due_for_reminder(remiss, sbn, date(2024, 5, 1), 30)


def test_names_in_running_text():
    assert sb.running_name("Kulturnämnden", OrgKind.facknamnd) == "kulturnämnden"
    assert sb.running_name("Kommunstyrelsens pensionärsråd", OrgKind.rad) == "kommunstyrelsens pensionärsråd"
    assert sb.running_name("Stockholms Stadshus AB", OrgKind.bolag) == "Stockholms Stadshus AB"
    assert sb.running_name("Södermalms stadsdelsnämnd", OrgKind.stadsdelsnamnd) == "Södermalms stadsdelsnämnd"
    assert sb.sdn_place("Enskede-Årsta-Vantörs stadsdelsnämnd") == "Enskede-Årsta-Vantör"
    assert sb.party_mark("Moderaterna") == "(M)" and sb.party_mark("kd") == "(KD)"


def test_theme_opens_with_who_raised_it_by_name(summary):
    cykel = next(t for t in summary.themes if t.name == "cykel")
    assert cykel.sentence == "Stadsbyggnadsnämnden, trafiknämnden och Trafikverket tar upp cykel."
    bibl = next(t for t in summary.themes if t.name == "bibliotek")
    assert bibl.entries[0].points == [] and bibl.entries[0].notes == ["Registratorn: biblioteken saknas."]


@pytest.mark.parametrize("sentence", [
    "Förvaltningen välkomnar detta.",  # leans on the sentence before
    "Nämnden delar den uppfattningen, i synnerhet för barnen.",
    "Förvaltningen instämmer i: - Att skolplikten införs.",  # a list
    "Förvaltningen vill göra följande kommentarer.",  # announces what follows
    "Förvaltningen anser att begreppet ”län” förvirrar.",  # quotation marks
    "Förvaltningen ställer sig positiv, då programmet stödjer oss i arbetet.",  # first person left over
])
def test_a_sentence_that_cannot_stand_alone_is_left_out(sentence):
    resp = Response(stance=Stance.supports, comments=[Comment(sentence, source=DOC)])
    rec = Recipient("Kulturnämnden", OrgKind.facknamnd, Status.answered, response=resp)
    text = sb.instans_paragraph([rec], resp, joint=False)
    assert [s.text for s in text.sentences] == ["Kulturnämnden tillstyrker förslaget."]
    assert text.check  # marked: the handläggare reads the answer


def test_the_short_form_of_a_name_is_the_body_itself():
    resp = Response(stance=Stance.comments_only, passages=[Passage(
        "Vetenskapsakademien bedömer att kunskapsläget inte har beaktats.", DOC)])
    rec = Recipient("Kungl. Vetenskapsakademien", OrgKind.extern, Status.answered, response=resp)
    text = sb.instans_paragraph([rec], resp, joint=False)
    assert text.sentences[0].text == "Kungl. Vetenskapsakademien bedömer att kunskapsläget inte har beaktats."
    assert text.check == "svaret anger inget ställningstagande till förslaget som helhet"


def test_saving_a_joint_answer_settles_the_partner_with_an_event(tmp_path):
    """The partner of a joint answer is answered in the store too: overview, status and history."""
    import copy

    from remisstui import services
    from remisstui.store.repository import Store

    store = Store(tmp_path / "data", user="registrator")
    services.ensure_seeded(store)
    dnr = "KS 2024/112"
    remiss = store.load(dnr)
    kultur = copy.deepcopy(remiss.recipient("Kulturnämnden"))
    kultur.status = Status.answered
    kultur.response = Response(stance=Stance.supports, received_on=date(2024, 4, 20),
                               joint_with=["Idrottsnämnden"])
    after = services.save_recipient(store, dnr, kultur, base_revision=kultur.revision)
    assert after.recipient("Idrottsnämnden").status is Status.answered
    assert store.load(dnr).recipient("Idrottsnämnden").status is Status.answered
    events = [e for e in store.load_with_events(dnr)[1] if "Idrottsnämnden" in (e.target or "")]
    assert events and events[-1].after["status"] == "answered"


def test_a_remiss_created_with_a_joint_answer_has_its_partner_answered(tmp_path):
    from remisstui import services
    from remisstui.store.repository import Store

    store = Store(tmp_path / "data", user="registrator")
    created = services.create_remiss(store, _remiss())
    assert created.recipient("Stadsbyggnadsnämnden").status is Status.answered
    assert store.load("KS 2024/77").recipient("Stadsbyggnadsnämnden").status is Status.answered


def test_theme_entries_give_each_point_in_indirect_speech(summary):
    cykel = next(t for t in summary.themes if t.name == "cykel")
    by = {e.organisation: e for e in cykel.entries}
    assert by["Trafikverket"].sentences == [
        "Trafikverket ser positivt på förslaget.", "Trafikverket anser att cykelvägar bör prioriteras."]
    joint_entry = next(e for o, e in by.items() if "gemensamt svar" in o)
    assert joint_entry.sentences == ["Stadsbyggnadsnämnden och trafiknämnden avstyrker förslaget."]
    md = render(summary, "md").decode()
    assert "Trafikverket ser positivt på förslaget. Trafikverket anser att cykelvägar bör prioriteras." in md


def test_a_generic_word_names_the_body_only_when_it_is_that_sort_of_body():
    """'Landstinget vill …' in a kommun's answer is the remitting landsting, not the kommun."""
    resp = Response(stance=Stance.comments_only, passages=[Passage(
        "Landstinget vill därför ha förslag på neddragningar. Kommunen anser att linjen ska vara kvar.", DOC)])
    rec = Recipient("Sollentuna kommun", OrgKind.extern, Status.answered, response=resp)
    text = sb.instans_paragraph([rec], resp, joint=False)
    assert [s.text for s in text.sentences] == ["Sollentuna kommun anser att linjen ska vara kvar."]
