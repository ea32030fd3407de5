"""Edit one recipient's answer, grant an anstånd, log a påminnelse.

Every change goes through remisstui.services; the screens only collect and check what the user
typed. User text is shown literally everywhere: Input/TextArea are literal, every Label/Static that
can hold user text is created with markup=False, Select options are rich Text.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, Static, TextArea

from ... import services
from ...domain import deadlines
from ...domain.answer_status import default_answer_kind, received_when_answered, status_after_edit
from ...domain.calendar import move_off_holidays
from ...domain.dates import extension_year_rule, format_weekday_date, received_year_rule
from ...domain.model import (
    ANSWER_KIND_LABELS,
    STANCE_LABELS,
    STATUS_LABELS,
    AnswerKind,
    Contact,
    Extension,
    Recipient,
    Remiss,
    Response,
    Stance,
    Status,
    recipients_phrase,
)
from ...domain.register import Register
from ...domain.serialize import to_dict
from ...store.repository import StoreError
from ..widgets.form import (
    FORM_CSS,
    CommentEditor,
    DateField,
    DissentEditor,
    EntryEditor,
    field_row,
    form_input,
    label_text,
    split_names,
)
from .base import FormScreen

# --- the recipient form ---------------------------------------------------------------------


_EDITABLE_RESPONSE_FIELDS = (
    "answer_kind", "received_on", "document_date", "decision_date", "meeting_date",
    "immediate_adjustment", "stance", "stance_sentence", "summary", "comments", "dissents", "joint_with",
)


class EditRecipientScreen(FormScreen[bool]):
    """Register or change one recipient's answer. Dismisses True when saved, False otherwise."""

    DEFAULT_CSS = FORM_CSS + """
    EditRecipientScreen {
        align: center middle;
    }
    EditRecipientScreen #summary {
        height: 6;
    }
    EditRecipientScreen #comments, EditRecipientScreen #dissents {
        height: auto;
    }
    EditRecipientScreen #deadline-info {
        height: auto;
        color: $text-muted;
    }
    EditRecipientScreen .hint {
        height: auto;
    }
    """

    CANCELLED = False

    BINDINGS = [
        Binding("ctrl+n", "add_comment", "Ny synpunkt"),
        Binding("ctrl+t", "remove_comment", "Ta bort synpunkt", show=False),
        Binding("a", "extension", "Anstånd"),
        Binding("p", "reminder", "Påminnelse"),
    ]

    def __init__(self, store, dnr: str, organisation: str, *, today: date | None = None) -> None:
        super().__init__(store, today=today)
        self.dnr = dnr
        self.organisation = organisation
        self.remiss: Remiss = store.load(dnr)
        rec = self.remiss.recipient(organisation)
        if rec is None:
            raise services.ServiceError(f"{organisation} är inte mottagare av remissen {self.remiss.dnr}.")
        self.loaded: Recipient = rec
        self.base_revision = rec.revision
        try:
            self.register: Register | None = store.load_register()
        except StoreError:
            self.register = None
        # The status the user picked in this form (None: not touched), and the one the form set
        # itself to show what saving will do.
        self._chosen_status: Status | None = None
        self._auto_status: Status | None = None

    # --- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        rec = self.loaded
        resp = rec.response or Response()
        has_resp = rec.response is not None
        year = self.today.year
        with Vertical(classes="form-box") as box:
            box.border_title = "Svar från mottagare"
            head = f"{rec.organisation} · {self.remiss.dnr} {self.remiss.title}"
            yield Static(head, classes="form-head", markup=False)
            with VerticalScroll(classes="form-scroll", id="form", can_focus=False):
                yield Static("", id="deadline-info", markup=False)
                yield field_row("Status", Select(
                    [(label_text(STATUS_LABELS[s]), s) for s in Status],
                    value=rec.status, allow_blank=False, compact=True, id="status"))
                yield Static("", id="status-note", classes="note", markup=False)
                yield field_row("Svarstyp", Select(
                    [(label_text(ANSWER_KIND_LABELS[k]), k) for k in AnswerKind],
                    value=resp.answer_kind if has_resp else Select.NULL,
                    prompt="–", allow_blank=True, compact=True, id="answer-kind"))
                yield field_row("Eget dnr", form_input(rec.own_dnr, placeholder="t.ex. SÖD 2024/145", id="own-dnr"))
                # A yearless date lies nearest the remiss's own dates, not this year's (issue 12.4).
                near = (self.remiss.sent_on, self.remiss.deadline, *(e.new_deadline for e in rec.extensions))
                dates = {"default_year": year, "near": near, "today": self.today}
                received_rule = received_year_rule(self.remiss.sent_on, self.today, near)
                yield DateField("Mottaget", resp.received_on, warn_future=True, id="received",
                                rule=received_rule, **dates)
                yield Static("", id="received-warning", classes="warning", markup=False)
                yield DateField("Dokumentdatum", resp.document_date, id="document", **dates)
                yield DateField("Beslutsdatum", resp.decision_date, id="decision", **dates)
                yield DateField("Sammanträde", resp.meeting_date, id="meeting", **dates)
                yield field_row("", Checkbox("Omedelbar justering", resp.immediate_adjustment,
                                             compact=True, id="immediate"))
                yield field_row("Ställning", Select(
                    [(label_text(STANCE_LABELS[s]), s) for s in Stance],
                    value=resp.stance, allow_blank=False, compact=True, id="stance"))
                yield field_row("Ställningsmening", form_input(resp.stance_sentence,
                                                               placeholder="meningen där ställningen tas",
                                                               id="stance-sentence"))
                yield Label("Sammanfattning", classes="section-title", markup=False)
                yield TextArea(resp.summary, compact=True, id="summary", placeholder="Kort sammanfattning")
                yield Label("Handläggare", classes="section-title", markup=False)
                yield field_row("Namn", form_input(rec.contact.name, id="contact-name"))
                yield field_row("Telefon", form_input(rec.contact.phone, id="contact-phone"))
                yield field_row("E-post", form_input(rec.contact.email, id="contact-email"))
                yield Label("Synpunkter (Ctrl+N ny, Ctrl+T ta bort)", classes="section-title", markup=False)
                with Vertical(id="comments"):
                    for comment in resp.comments:
                        yield CommentEditor(comment)
                yield Button(label_text("Lägg till synpunkt"), compact=True, id="add-comment")
                yield Label("Reservationer och särskilda uttalanden", classes="section-title", markup=False)
                with Vertical(id="dissents"):
                    for dissent in resp.dissents:
                        yield DissentEditor(dissent)
                yield Button(label_text("Lägg till reservation/uttalande"), compact=True, id="add-dissent")
                yield Label("Gemensamt svar", classes="section-title", markup=False)
                yield field_row("Tillsammans med", form_input(", ".join(resp.joint_with),
                                                              placeholder="organisationer, kommaseparerade",
                                                              id="joint-with"))
                yield Static("", id="joint-warning", classes="warning", markup=False)
                with Horizontal(classes="buttons"):
                    yield Button(label_text("Bevilja anstånd (a)"), compact=True, id="extension")
                    yield Button(label_text("Logga påminnelse (p)"), compact=True, id="reminder")
            yield Static("", id="form-error", classes="form-error", markup=False)
            yield Static("Ctrl+N ny synpunkt · Ctrl+T tar bort den · a anstånd, p påminnelse (utanför textfält)",
                         classes="hint", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self._show_deadline_info()
        self._check_joint(self.query_one("#joint-with", Input).value)
        self._check_received()
        self._show_status_rule()
        self.query_one("#status", Select).focus()
        self.call_after_refresh(self.take_baseline)

    # --- reading the form ------------------------------------------------------------

    def _date_fields(self) -> list[DateField]:
        return [self.query_one(f"#{i}", DateField) for i in ("received", "document", "decision", "meeting")]

    def form_state(self) -> tuple:
        q = self.query_one
        return (
            q("#status", Select).value,
            q("#answer-kind", Select).value,
            q("#own-dnr", Input).value,
            tuple(f.text for f in self._date_fields()),
            q("#immediate", Checkbox).value,
            q("#stance", Select).value,
            q("#stance-sentence", Input).value,
            q("#summary", TextArea).text,
            q("#contact-name", Input).value,
            q("#contact-phone", Input).value,
            q("#contact-email", Input).value,
            tuple(c.raw() for c in self.query(CommentEditor)),
            tuple(d.raw() for d in self.query(DissentEditor)),
            q("#joint-with", Input).value,
        )

    def _joint_names(self, text: str) -> tuple[list[str], list[str]]:
        """Names as they will be stored (register spelling where known) and the unknown ones."""
        names, unknown = [], []
        for name in split_names(text):
            org = self.register.organisation(name) if self.register else None
            if org is None:
                unknown.append(name)
                names.append(name)
            else:
                names.append(org.name)
        return names, unknown

    def build_recipient(self) -> Recipient:
        """The loaded recipient with the form's edits; raises ServiceError on invalid input."""
        errors = [f.error for f in self._date_fields() if f.error]
        if errors:
            raise services.ServiceError(errors[0] + ". Rätta datumet innan du sparar.")
        q = self.query_one
        rec = copy.deepcopy(self.loaded)
        rec.revision = self.base_revision
        rec.status = Status(q("#status", Select).value)
        rec.own_dnr = q("#own-dnr", Input).value.strip()
        rec.contact = Contact(
            name=q("#contact-name", Input).value.strip(),
            phone=q("#contact-phone", Input).value.strip(),
            email=q("#contact-email", Input).value.strip(),
        )
        received, document, decision, meeting = (f.date for f in self._date_fields())
        kind_sel = q("#answer-kind", Select)
        stance = Stance(q("#stance", Select).value)
        comments = [c for c in (e.value() for e in self.query(CommentEditor)) if c.text or c.theme]
        dissents = [d for d in (e.value() for e in self.query(DissentEditor)) if d.text or d.parties]
        joint, _unknown = self._joint_names(q("#joint-with", Input).value)
        sentence = q("#stance-sentence", Input).value.strip()
        summary = q("#summary", TextArea).text.strip()
        immediate = q("#immediate", Checkbox).value
        received = received_when_answered(rec.status, received, self.today)
        filled = any([
            not kind_sel.is_blank(), received, document, decision, meeting, immediate,
            stance is not Stance.none, sentence, summary, comments, dissents, joint,
        ])
        old = self.loaded.response
        keeps_other = old is not None and any([old.attachments, old.signatories, old.sections])
        if rec.status is Status.answered or filled or keeps_other:
            resp = copy.deepcopy(old) if old is not None else Response()
            if kind_sel.is_blank():
                if old is None:
                    resp.answer_kind = default_answer_kind(rec.kind)
            else:
                resp.answer_kind = AnswerKind(kind_sel.value)
            resp.received_on = received
            resp.document_date = document
            resp.decision_date = decision
            resp.meeting_date = meeting
            resp.immediate_adjustment = immediate
            resp.stance = stance
            resp.stance_sentence = sentence
            resp.summary = summary
            resp.comments = comments
            resp.dissents = dissents
            resp.joint_with = joint
            rec.response = resp
        else:
            rec.response = None
        rec.status = status_after_edit(self.loaded, rec)
        return rec

    # --- feedback ---------------------------------------------------------------------

    def _show_error(self, message: str, *, ok: bool = False) -> None:
        self.show_error(message, ok=ok)

    def _show_deadline_info(self) -> None:
        rec = self.loaded
        parts = []
        info = deadlines.deadline_in_force(self.remiss, rec)
        if info is None:
            parts.append("Svarsdatum: saknas")
        else:
            line = f"Svarsdatum: {info.due.isoformat()} ({format_weekday_date(info.due)})"
            days = (info.due - self.today).days
            if not deadlines.awaits_answer(rec.status):
                pass
            elif days < 0:
                line += f" · försenad {-days} dagar"
            else:
                line += f" · {days} dagar kvar"
            parts.append(line)
            if info.moved_reason:
                parts.append(info.moved_reason)
        if rec.extensions:
            ext = rec.extensions[-1]
            by = f" av {ext.granted_by}" if ext.granted_by else ""
            parts.append(f"Anstånd: {len(rec.extensions)} st, senast till {ext.new_deadline.isoformat()}{by}")
        if rec.reminders:
            parts.append(f"Påminnelser: {len(rec.reminders)}, senast {rec.reminders[-1].sent_on.isoformat()}")
        self.query_one("#deadline-info", Static).update("\n".join(parts))

    def _check_joint(self, text: str) -> None:
        _names, unknown = self._joint_names(text)
        warn = self.query_one("#joint-warning", Static)
        warn.update("Varning: finns inte i registret: " + ", ".join(unknown) if unknown else "")
        warn.display = bool(unknown)

    @on(Input.Changed, "#joint-with")
    def _joint_changed(self, event: Input.Changed) -> None:
        self._check_joint(event.value)

    @on(Select.Changed, "#status")
    def _status_changed(self, event: Select.Changed) -> None:
        value = Status(event.value)
        if value is self._auto_status or (self._chosen_status is None and value is self.loaded.status):
            pass  # set by the form itself, or the initial value
        else:
            self._chosen_status = value
            self._auto_status = None
            self._show_status_rule()
        if event.value == Status.answered:
            received = self.query_one("#received", DateField)
            if not received.text.strip():
                received.set_text(self.today.isoformat())

    @on(DateField.Changed, "#received")
    def _received_changed(self, event: DateField.Changed) -> None:
        self._check_received()
        self._show_status_rule()

    @on(Select.Changed, "#stance")
    def _stance_changed(self, event: Select.Changed) -> None:
        self._show_status_rule()

    def _check_received(self) -> None:
        # The sentence is the DateField's (domain.dates.future_date_warning), shown in full here.
        text = self.query_one("#received", DateField).warning or ""
        warning = self.query_one("#received-warning", Static)
        warning.update(text)
        warning.display = bool(text)

    def _show_status_rule(self) -> None:
        """Show in the Status field what saving will do (domain.answer_status): an answer entered
        on an awaited recipient makes it answered, unless the user chose a status themselves."""
        note_line = self.query_one("#status-note", Static)
        if self._chosen_status is not None and self._chosen_status is not self.loaded.status:
            note_line.update("")
            note_line.display = False
            return
        draft = copy.deepcopy(self.loaded)
        draft.response = copy.deepcopy(self.loaded.response) or Response()
        draft.response.received_on = self.query_one("#received", DateField).date
        draft.response.stance = Stance(self.query_one("#stance", Select).value)
        status = status_after_edit(self.loaded, draft)
        select = self.query_one("#status", Select)
        if select.value != status:
            self._auto_status = status
            select.value = status
        note = (f"Status blir {STATUS_LABELS[status]} när svaret sparas."
                if status is not self.loaded.status else "")
        note_line.update(note)
        note_line.display = bool(note)

    # --- comments / dissents ----------------------------------------------------------

    async def _add_entry(self, editor: EntryEditor, into: str) -> None:
        """Mount a new entry, bring it into view and put the cursor in it (at 80x24 it lands
        below the fold: the user typed blind)."""
        await self.query_one(into, Vertical).mount(editor)
        editor.focus_first()
        self.call_after_refresh(self._reveal, editor)

    def _reveal(self, editor: EntryEditor) -> None:
        if editor.is_attached:  # it may have been removed again before this refresh
            self.query_one("#form", VerticalScroll).scroll_to_widget(editor, animate=False, top=False)

    async def _remove_entry(self, editor: EntryEditor) -> None:
        # Move focus away first: a focused TextArea removed mid-render can fail to style.
        self.query_one("#add-comment" if isinstance(editor, CommentEditor) else "#add-dissent", Button).focus()
        await editor.remove()

    async def action_add_comment(self) -> None:
        await self._add_entry(CommentEditor(), "#comments")

    async def action_remove_comment(self) -> None:
        node = self.focused
        while node is not None and not isinstance(node, CommentEditor):
            node = node.parent
        if isinstance(node, CommentEditor):
            await self._remove_entry(node)
        else:
            self.notify("Flytta markören till den synpunkt som ska tas bort.", markup=False)

    @on(Button.Pressed, "#add-comment")
    async def _add_comment_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.action_add_comment()

    @on(Button.Pressed, "#add-dissent")
    async def _add_dissent_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self._add_entry(DissentEditor(), "#dissents")

    @on(Button.Pressed, ".remove-entry")
    async def _remove_entry_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        editor = next((a for a in event.button.ancestors if isinstance(a, EntryEditor)), None)
        if editor is not None:
            await self._remove_entry(editor)

    # --- saving -----------------------------------------------------------------------

    def action_save(self) -> None:
        try:
            rec = self.build_recipient()
            services.save_recipient(self.store, self.dnr, rec, base_revision=self.base_revision)
        except StoreError as exc:  # ServiceError and ConflictError are StoreErrors
            self._show_error(str(exc))
            return
        self.notify(f"Svaret från {self.organisation} sparades.", markup=False)
        self.dismiss(True)

    # --- anstånd and påminnelse -------------------------------------------------------

    def _reload_after_service(self) -> None:
        """Take the new extensions/reminders and revision from disk; keep the form's edits.

        The new revision is adopted only if nothing but extensions and reminders changed since
        the form was opened, so a concurrent edit by someone else still conflicts on save.
        """
        try:
            remiss = self.store.load(self.dnr)
        except StoreError as exc:
            self._show_error(str(exc))
            return
        fresh = remiss.recipient(self.organisation)
        if fresh is None:
            self._show_error(f"{self.organisation} finns inte längre i remissen.")
            return

        def essence(r: Recipient) -> dict:
            d = to_dict(r)
            for key in ("extensions", "reminders", "revision"):
                d.pop(key, None)
            return d

        same = essence(fresh) == essence(self.loaded)
        self.loaded.extensions = fresh.extensions
        self.loaded.reminders = fresh.reminders
        if same:
            self.loaded.revision = fresh.revision
            self.base_revision = fresh.revision
        self.remiss = remiss
        self._show_deadline_info()

    def action_extension(self) -> None:
        def done(saved: bool | None) -> None:
            if saved:
                self._reload_after_service()
                self._show_error("Anståndet sparades.", ok=True)

        self.app.push_screen(
            ExtensionScreen(self.store, self.dnr, [self.organisation], today=self.today), done
        )

    def action_reminder(self) -> None:
        try:
            services.log_reminder(self.store, self.dnr, [self.organisation], on=self.today)
        except StoreError as exc:
            self._show_error(str(exc))
            return
        self._reload_after_service()
        self._show_error(f"Påminnelse loggad {self.today.isoformat()}.", ok=True)

    @on(Button.Pressed, "#extension")
    def _extension_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_extension()

    @on(Button.Pressed, "#reminder")
    def _reminder_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_reminder()


# --- anstånd --------------------------------------------------------------------------------


class ExtensionScreen(FormScreen[bool]):
    """Grant the same anstånd to one or more recipients. Dismisses True when saved."""

    DEFAULT_CSS = FORM_CSS + """
    ExtensionScreen {
        align: center middle;
    }
    ExtensionScreen > .form-box {
        width: 100;
        max-width: 100%;
        height: auto;
        max-height: 100%;
    }
    ExtensionScreen .form-scroll {
        height: auto;
        max-height: 20;
    }
    ExtensionScreen #extension-who {
        height: auto;
        max-height: 4;
    }
    """

    CANCELLED = False

    BINDINGS = [
        Binding("escape", "close", "Avbryt"),
    ]

    def __init__(self, store, dnr: str, organisations: Iterable[str], *, today: date | None = None) -> None:
        super().__init__(store, today=today)
        self.dnr = dnr
        self.organisations = list(organisations)
        self.remiss: Remiss = store.load(dnr)

    def _current_deadlines(self) -> list[date]:
        out = []
        for org in self.organisations:
            rec = self.remiss.recipient(org)
            if rec is None:
                continue
            info = deadlines.deadline_in_force(self.remiss, rec)
            if info is not None:
                out.append(info.due)
        return out

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box") as box:
            box.border_title = "Bevilja anstånd"
            n = len(self.organisations)
            who = self.organisations[0] if n == 1 else f"{n} mottagare: " + ", ".join(self.organisations)
            yield Static(f"{self.remiss.dnr} · {who}", id="extension-who", classes="form-head", markup=False)
            current = sorted(set(self._current_deadlines()))
            if not current:
                cur_text = "Gällande svarsdatum: saknas"
            elif len(current) == 1:
                cur_text = f"Gällande svarsdatum: {current[0].isoformat()} ({format_weekday_date(current[0])})"
            else:
                cur_text = "Gällande svarsdatum: " + ", ".join(d.isoformat() for d in current)
            with VerticalScroll(classes="form-scroll", can_focus=False):
                yield Static(cur_text, id="current-deadline", classes="note", markup=False)
                yield DateField("Nytt svarsdatum", None, default_year=self.today.year, required=True,
                                near=(self.remiss.deadline, *current), today=self.today, id="new-deadline",
                                rule=extension_year_rule(max(current) if current else self.remiss.deadline))
                yield Static("", id="holiday-note", classes="note", markup=False)
                yield Static("", id="deadline-warning", classes="warning", markup=False)
                yield field_row("Beviljat av", form_input(self.store.user, id="granted-by"))
                yield field_row("Skäl", form_input("", placeholder="t.ex. inget sammanträde före svarsdatum",
                                                   id="reason"))
            yield Static("", id="form-error", classes="form-error", markup=False)
            yield Static("Ctrl+S sparar · Esc avbryter", classes="hint", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#new-deadline", DateField).input.focus()
        # No message for the empty, untouched field until the user types.
        self._update_notes()
        self.call_after_refresh(self.take_baseline)

    @on(DateField.Changed, "#new-deadline")
    def _date_changed(self, event: DateField.Changed) -> None:
        self._update_notes()

    def _update_notes(self) -> None:
        field = self.query_one("#new-deadline", DateField)
        holiday = self.query_one("#holiday-note", Static)
        warning = self.query_one("#deadline-warning", Static)
        new = field.date
        holiday_text = warning_text = ""
        if new is not None:
            _moved, reason = move_off_holidays(new)
            holiday_text = f"Helgdagsregeln: {reason}" if reason else ""
            current = self._current_deadlines()
            if current and new <= max(current):
                warning_text = (f"Varning: {new.isoformat()} är inte senare än gällande svarsdatum "
                                f"{max(current).isoformat()}.")
        holiday.update(holiday_text)
        holiday.display = bool(holiday_text)
        warning.update(warning_text)
        warning.display = bool(warning_text)

    def _show_error(self, message: str) -> None:
        self.show_error(message)

    def form_state(self) -> tuple:
        q = self.query_one
        return (q("#new-deadline", DateField).text, q("#granted-by", Input).value, q("#reason", Input).value)

    def action_save(self) -> None:
        field = self.query_one("#new-deadline", DateField)
        if field.error or field.date is None:
            self._show_error(field.error or "Fel: nytt svarsdatum saknas.")
            return
        new = field.date
        problem = deadlines.extension_problem(self.remiss, new)
        if problem:
            self._show_error(f"Fel: {problem}")
            return
        ext = Extension(
            new_deadline=new,
            granted_on=self.today,
            granted_by=self.query_one("#granted-by", Input).value.strip() or self.store.user,
            reason=self.query_one("#reason", Input).value.strip(),
        )
        try:
            services.grant_extension(self.store, self.dnr, self.organisations, ext)
        except StoreError as exc:
            self._show_error(str(exc))
            return
        who = recipients_phrase(self.organisations)
        self.notify(f"Anstånd till {new.isoformat()} beviljat för {who}.", markup=False)
        self.dismiss(True)
