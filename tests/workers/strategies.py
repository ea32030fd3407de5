"""Hypothesis strategies for the domain model: hostile strings, every code, every optional part."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from remisstui.domain.model import (
    AnswerKind,
    Attachment,
    Comment,
    Contact,
    Dissent,
    DissentKind,
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
from remisstui.domain.register import name_key

HOSTILE = [
    "[bold]x", "Org [/foo] x", "[@click=app.quit]q[/]", "a [ b", "trailing\\", "🦊 emoji ✓",
    "x" * 500, "שלום עולם", "مرحبا", "=SUM(A1:A9)", "<script>alert(1)</script>", 'quote " and \'',
    "line1\nline2\n\nline4", "tab\there", "crlf\r\nline", "lone\rcr", '"""triple"""', "'''single'''",
    "\\u0000 not escape", "  padded  ", "ÅÄÖ åäö é ü", "\x00nul", "\x7fdel", "\u2028ls", "",
]

# Any text hypothesis can make (no surrogates: they cannot be stored as UTF-8 at all).
any_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
)
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))
opt_dates = st.none() | dates


def _no_ctrl(s: str) -> bool:
    import unicodedata

    return not any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp") for c in s)


dnrs = st.one_of(
    st.sampled_from(["KS 2024/112", "SÖD 2024/145", "KS-2014/742.912", "Dnr 179-2103/2016", "Ju2025/00949",
                     "2023/BUN 0214", "../../x 1", "..\\..\\evil 2", "/etc/passwd 3", "CON 4", "KS 2024/112 [b]"]),
    st.builds(lambda a, n: f"{a} {n}", st.text(min_size=0, max_size=8).filter(_no_ctrl), st.integers(0, 99999))
    .filter(lambda s: s.strip() and len(s.strip()) <= 60),
)

contacts = st.builds(Contact, name=any_text, phone=any_text, email=any_text)
extensions = st.builds(Extension, new_deadline=dates, granted_on=opt_dates, granted_by=any_text, reason=any_text)
reminders = st.builds(Reminder, sent_on=dates, by=any_text, note=any_text)
comments = st.builds(Comment, text=any_text, theme=any_text)
dissents = st.builds(Dissent, kind=st.sampled_from(DissentKind), parties=st.lists(any_text, max_size=3), text=any_text)
attachments = st.builds(Attachment, title=any_text, file=any_text)
responses = st.builds(
    Response,
    answer_kind=st.sampled_from(AnswerKind),
    received_on=opt_dates,
    document_date=opt_dates,
    decision_date=opt_dates,
    meeting_date=opt_dates,
    immediate_adjustment=st.booleans(),
    stance=st.sampled_from(Stance),
    stance_sentence=any_text,
    summary=any_text,
    comments=st.lists(comments, max_size=4),
    dissents=st.lists(dissents, max_size=2),
    joint_with=st.lists(any_text, max_size=2),
    attachments=st.lists(attachments, max_size=2),
    signatories=st.lists(any_text, max_size=3),
    sections=st.dictionaries(any_text, any_text, max_size=3),
)


def recipients(names: st.SearchStrategy[str]) -> st.SearchStrategy[Recipient]:
    return st.builds(
        Recipient,
        organisation=names,
        kind=st.sampled_from(OrgKind),
        status=st.sampled_from(Status),
        own_dnr=any_text,
        contact=contacts,
        extensions=st.lists(extensions, max_size=3),
        reminders=st.lists(reminders, max_size=3),
        response=st.none() | responses,
        note=any_text,
    )


# Organisation names that cannot be mistaken for a register entry, a short code or a sändlista.
org_names = st.builds(lambda t: "Extern org " + t, any_text).filter(lambda s: s.strip() == s or True)


@st.composite
def remisser(draw, names: st.SearchStrategy[str] = org_names) -> Remiss:
    sent_on = draw(opt_dates)
    deadline = draw(opt_dates)
    if sent_on and deadline and deadline < sent_on:
        sent_on, deadline = deadline, sent_on
    recs = draw(st.lists(recipients(names), max_size=5, unique_by=lambda r: name_key(r.organisation)))
    return Remiss(
        dnr=draw(dnrs).strip(),
        title=draw(any_text.filter(lambda s: s.strip())),
        sender=draw(any_text),
        description=draw(any_text),
        sent_on=sent_on,
        deadline=deadline,
        state=draw(st.sampled_from(RemissState)),
        recipients=recs,
        attachments=draw(st.lists(attachments, max_size=2)),
    )
