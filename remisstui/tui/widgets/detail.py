"""The detail pane of one recipient, as literal rich Text (user data never becomes markup)."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from ...domain import deadlines
from ...domain.history import recipient_target
from ...domain.model import (
    ANSWER_KIND_LABELS,
    DISSENT_KIND_LABELS,
    Event,
    Recipient,
    Remiss,
)
from ..text import days_text, iso, kind_word, stamp, stance_word, status_word
from ..changes import describe_changes


def recipient_detail(
    remiss: Remiss,
    rec: Recipient,
    today: date,
    *,
    events: list[Event] | None = None,
    warnings: list[str] | None = None,
    colors: dict[str, str] | None = None,
) -> Text:
    colors = colors or {}
    err, warn, muted, accent = (colors.get(k, "") for k in ("error", "warning", "muted", "accent"))
    t = Text()

    def heading(label: str) -> None:
        t.append("\n")
        t.append(label, style=f"bold {accent}".strip())
        t.append("\n")

    def line(label: str, value: object, style: str = "") -> None:
        if value in (None, "", []):
            return
        t.append(f"{label}: ", style=f"{muted}".strip() or "dim")
        t.append(str(value), style=style)
        t.append("\n")

    t.append(rec.organisation, style="bold")
    t.append("\n")
    t.append(f"{kind_word(rec.kind)} · {status_word(rec.status)}")
    if rec.own_dnr:
        t.append(" · eget dnr ")
        t.append(rec.own_dnr)
    t.append("\n")
    force = deadlines.deadline_in_force(remiss, rec)
    if force is not None:
        overdue = deadlines.is_overdue(remiss, rec, today)
        days = (force.due - today).days
        t.append("Svarsdatum: ", style=muted or "dim")
        t.append(iso(force.due), style=err if overdue else "")
        if deadlines.is_open(rec):
            t.append(f"  ({days_text(days)})", style=err if overdue else "")
        if rec.extensions:
            t.append(f"  (anstånd, ursprungligen {iso(remiss.deadline)})")
        t.append("\n")
        if force.moved_reason:
            t.append(f"  {force.moved_reason}\n", style=muted or "dim")
    for w in warnings or []:
        t.append(f"⚠ {w}\n", style=warn)
    c = rec.contact
    if not c.is_empty():
        line("Kontakt", " · ".join(x for x in (c.name, c.phone, c.email) if x))
    line("Anteckning", rec.note)

    resp = rec.response
    if resp is not None:
        heading("Svar")
        parts = [ANSWER_KIND_LABELS[resp.answer_kind]]
        if resp.received_on:
            parts.append(f"inkom {iso(resp.received_on)}")
        if resp.decision_date:
            parts.append(f"beslut {iso(resp.decision_date)}")
        if resp.meeting_date and resp.meeting_date != resp.decision_date:
            parts.append(f"sammanträde {iso(resp.meeting_date)}")
        if resp.immediate_adjustment:
            parts.append("omedelbar justering")
        t.append(" · ".join(parts) + "\n")
        if deadlines.answered_late(remiss, rec):
            t.append("Svaret kom efter svarsdatum.\n", style=warn)
        line("Ställningstagande", stance_word(resp.stance) or "–", "bold")
        if resp.stance_sentence:
            t.append("”")
            t.append(resp.stance_sentence, style="italic")
            t.append("”\n")
        line("Dokumentdatum", iso(resp.document_date) if resp.document_date else "")
        if resp.joint_with:
            line("Gemensamt svar med", ", ".join(resp.joint_with))
        if resp.summary:
            heading("Sammanfattning")
            t.append(resp.summary)
            t.append("\n")
        if resp.comments:
            heading(f"Synpunkter ({len(resp.comments)})")
            for cm in resp.comments:
                t.append("• ")
                if cm.theme:
                    t.append(cm.theme, style="bold")
                    t.append(": ")
                t.append(cm.text)
                t.append("\n")
        if resp.dissents:
            heading("Reservationer och uttalanden")
            for d in resp.dissents:
                t.append(f"• {DISSENT_KIND_LABELS[d.kind]}")
                if d.parties:
                    t.append(" (")
                    t.append(", ".join(d.parties))
                    t.append(")")
                if d.text:
                    t.append(": ")
                    t.append(d.text)
                t.append("\n")
        if resp.signatories:
            line("Undertecknat av", "; ".join(resp.signatories))
        if resp.attachments:
            line("Bilagor", "; ".join(a.title for a in resp.attachments))
    elif deadlines.is_open(rec):
        t.append("\nInget svar registrerat.\n", style=muted or "dim")

    if rec.extensions:
        heading(f"Anstånd ({len(rec.extensions)})")
        for ext in rec.extensions:
            t.append(f"• till {iso(ext.new_deadline)}")
            if ext.granted_on:
                t.append(f", beviljat {iso(ext.granted_on)}")
            if ext.granted_by:
                t.append(" av ")
                t.append(ext.granted_by)
            if ext.reason:
                t.append(": ")
                t.append(ext.reason)
            t.append("\n")
    if rec.reminders:
        heading(f"Påminnelser ({len(rec.reminders)})")
        for rem in rec.reminders:
            t.append(f"• {iso(rem.sent_on)}")
            if rem.by:
                t.append(" av ")
                t.append(rem.by)
            if rem.note:
                t.append(": ")
                t.append(rem.note)
            t.append("\n")
    if events:
        mine = [e for e in events if e.target == recipient_target(rec.organisation)]
        if mine:
            heading(f"Historik ({len(mine)})")
            for ev in reversed(mine[-8:]):
                t.append(f"{stamp(ev.at)} ", style=muted or "dim")
                t.append(ev.by, style=muted or "dim")
                t.append("  ")
                t.append(ev.what)
                t.append("\n")
                for change in describe_changes(ev, limit=3):
                    t.append(f"   {change}\n", style=muted or "dim")
            if len(mine) > 8:
                t.append(f"… och {len(mine) - 8} äldre (h visar hela historiken)\n", style=muted or "dim")
    return t
