"""Registrera svar från fil: pick a document, see what was read beside the current values, save.

The file is read in a thread worker that posts a message back; widgets are only touched by the
message handler. Every extracted value lands in an Input the user can correct. The recipient is the
one the document names (services.answers.match_recipient, as the CLI `register`), never the row the
cursor stood on; with no match the user chooses. Saving goes through services.answers (and so
services.save_recipient). User text is never markup.
"""

from __future__ import annotations

import copy
import os
from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, Static

from ...services import answers as reg
from ...domain.answer_status import status_after_edit
from ...domain.dates import DateParseError, parse_date, received_year_rule
from ...domain.model import (
    ANSWER_KIND_LABELS,
    STANCE_LABELS,
    STATUS_LABELS,
    AnswerKind,
    Contact,
    Recipient,
    Stance,
)
from ...store.repository import Store, StoreError
from .base import FormScreen
from .dialogs import ConfirmScreen
from ..widgets.path_input import PathInput


class DocumentRead(Message):
    """Posted by the reading worker: a Plan or a Swedish error message."""

    def __init__(self, path: str, plan: reg.Plan | None, error: str | None) -> None:
        super().__init__()
        self.path = path
        self.plan = plan
        self.error = error


# (key, label) of the editable fields, in order.
FIELDS = (
    ("own_dnr", "Eget dnr"),
    ("contact_name", "Handläggare"),
    ("contact_phone", "Telefon"),
    ("contact_email", "E-post"),
    ("received_on", "Mottagen"),
    ("document_date", "Dokumentdatum"),
    ("meeting_date", "Sammanträde"),
    ("decision_date", "Beslutsdatum"),
    ("stance_sentence", "Meningen"),
)
DATE_FIELDS = {"received_on", "document_date", "meeting_date", "decision_date"}


def _iso(d: date | None) -> str:
    return d.isoformat() if d else ""


def _values(rec: Recipient | None) -> dict[str, str]:
    if rec is None:
        return {k: "" for k, _ in FIELDS}
    r = rec.response
    return {
        "own_dnr": rec.own_dnr,
        "contact_name": rec.contact.name,
        "contact_phone": rec.contact.phone,
        "contact_email": rec.contact.email,
        "received_on": _iso(r.received_on) if r else "",
        "document_date": _iso(r.document_date) if r else "",
        "meeting_date": _iso(r.meeting_date) if r else "",
        "decision_date": _iso(r.decision_date) if r else "",
        "stance_sentence": r.stance_sentence if r else "",
    }


class RegisterFromFileScreen(FormScreen[bool]):
    """Dismissed with True when an answer was saved, False when cancelled.

    `organisation` (the row the cursor stood on when the dialog was opened) is only the recipient
    shown before a file is read: the document decides whom the answer is from.
    """

    CANCELLED = False

    DEFAULT_CSS = """
    RegisterFromFileScreen { align: center middle; }
    RegisterFromFileScreen #rf-box {
        width: 100%; max-width: 120; height: 100%; max-height: 46;
        background: $surface; border: round $primary; padding: 0 1;
    }
    RegisterFromFileScreen #rf-head { text-style: bold; height: auto; }
    RegisterFromFileScreen #rf-pathrow { height: auto; }
    RegisterFromFileScreen #rf-path { width: 1fr; }
    RegisterFromFileScreen #rf-status { height: auto; color: $text-muted; }
    RegisterFromFileScreen #rf-status.error { color: $error; }
    RegisterFromFileScreen #rf-fields { height: 1fr; }
    RegisterFromFileScreen .rf-row { height: auto; }
    RegisterFromFileScreen .rf-label { width: 15; color: $text-muted; padding-top: 1; }
    RegisterFromFileScreen .rf-current { width: 30; padding-top: 1; }
    RegisterFromFileScreen .rf-found { width: 1fr; padding-top: 1; }
    RegisterFromFileScreen .rf-colhead { text-style: bold; color: $text-muted; padding-top: 1; }
    RegisterFromFileScreen .rf-row Input, RegisterFromFileScreen .rf-row Select { width: 1fr; }
    RegisterFromFileScreen #rf-warnings { height: auto; max-height: 6; color: $warning; }
    RegisterFromFileScreen #rf-lost { color: $warning; }
    RegisterFromFileScreen .hidden { display: none; }
    RegisterFromFileScreen #rf-buttons { height: auto; align-horizontal: right; }
    RegisterFromFileScreen #rf-buttons Button { margin-left: 1; }
    """

    BINDINGS = [
        Binding("escape", "close", "Avbryt"),
    ]

    def __init__(self, store: Store, dnr: str, organisation: str | None = None, *,
                 today: date | None = None, path: str | None = None) -> None:
        super().__init__(store, today=today)
        self.dnr = dnr
        self.organisation = organisation
        self.initial_path = path or ""
        self.plan: reg.Plan | None = None
        self.matched: Recipient | None = None  # whom the document itself names (None: no match)
        try:
            self.remiss = store.load(dnr)
        except StoreError:
            self.remiss = None

    # --- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        title = self.remiss.title if self.remiss else ""
        with Vertical(id="rf-box"):
            yield Label(f"Registrera svar från fil – {self.dnr} {title}", id="rf-head", markup=False)
            with Horizontal(id="rf-pathrow"):
                yield PathInput(
                    value=self.initial_path,
                    placeholder="Sökväg till remissvaret (.pdf, .docx, .txt, .eml, .msg) – Tab fyller i",
                    suffixes=reg.DOCUMENT_SUFFIXES,
                    id="rf-path",
                )
                yield Button("Läs", id="rf-read")
            yield Static("Ange filen och tryck Enter.", id="rf-status", markup=False)
            # Warnings stand at the top, above the fold: "no recipient matches" must be seen.
            yield Static("", id="rf-warnings", markup=False)
            with VerticalScroll(id="rf-fields", can_focus=False):
                with Horizontal(classes="rf-row"):
                    yield Label("Mottagare", classes="rf-label")
                    options = [(Text(r.organisation), r.organisation) for r in (self.remiss.recipients if self.remiss else [])]
                    yield Select(options, prompt="Välj mottagare (Enter öppnar listan)", allow_blank=True,
                                 id="rf-recipient")
                with Horizontal(classes="rf-row"):
                    yield Label("Läst ur filen", classes="rf-label")
                    yield Static("–", id="rf-found-org", classes="rf-found", markup=False)
                # Shown when the recipient already has an answer: add the document or replace the answer.
                with Horizontal(classes="rf-row", id="rf-mode-row"):
                    yield Label("Befintligt svar", classes="rf-label")
                    yield Select([(Text("Lägg till dokumentet (komplettering)"), reg.ADD),
                                  (Text("Ersätt svaret med dokumentet"), reg.REPLACE)],
                                 allow_blank=False, value=reg.ADD, id="rf-mode")
                with Horizontal(classes="rf-row", id="rf-lost-row"):
                    yield Label("", classes="rf-label")
                    yield Static("", id="rf-lost", classes="rf-found", markup=False)
                with Horizontal(classes="rf-row"):
                    yield Label("", classes="rf-label")
                    yield Label("Nu", classes="rf-current rf-colhead")
                    yield Label("Nytt (från filen, kan ändras)", classes="rf-colhead")
                with Horizontal(classes="rf-row"):
                    yield Label("Status", classes="rf-label")
                    yield Static("", id="rf-cur-status", classes="rf-current", markup=False)
                    yield Static("", id="rf-new-status", classes="rf-found", markup=False)
                for key, label in FIELDS:
                    with Horizontal(classes="rf-row"):
                        yield Label(label, classes="rf-label")
                        yield Static("", id=f"rf-cur-{key}", classes="rf-current", markup=False)
                        yield Input(id=f"rf-{key}", placeholder="ÅÅÅÅ-MM-DD" if key in DATE_FIELDS else "",
                                    select_on_focus=False)
                with Horizontal(classes="rf-row"):
                    yield Label("Ställning", classes="rf-label")
                    yield Static("", id="rf-cur-stance", classes="rf-current", markup=False)
                    yield Select([(Text(STANCE_LABELS[s]), s.value) for s in Stance], allow_blank=False,
                                 value=Stance.none.value, id="rf-stance")
                with Horizontal(classes="rf-row"):
                    yield Label("Svarstyp", classes="rf-label")
                    yield Static("", id="rf-cur-kind", classes="rf-current", markup=False)
                    yield Select([(Text(ANSWER_KIND_LABELS[k]), k.value) for k in AnswerKind], allow_blank=False,
                                 value=AnswerKind.committee_decision.value, id="rf-kind")
                with Horizontal(classes="rf-row"):
                    yield Label("", classes="rf-label")
                    yield Checkbox("Justeras omedelbart", id="rf-immediate")
            yield Static("", id="form-error", classes="form-error", markup=False)
            with Horizontal(id="rf-buttons"):
                yield Button("Spara (Ctrl+S)", id="save", variant="primary", disabled=True)
                yield Button("Avbryt", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        if self.remiss is None:
            self._status(f"Remissen {self.dnr} finns inte.", error=True)
        self._show_mode()
        self._show_current()
        self.query_one("#rf-path", Input).focus()
        if self.initial_path:
            self._start_read(self.initial_path)

    # --- helpers ------------------------------------------------------------------------------

    def _status(self, text: str, *, error: bool = False) -> None:
        st = self.query_one("#rf-status", Static)
        st.update(Text(text))
        st.set_class(error, "error")

    def _select_recipient(self, name: str | None) -> None:
        sel = self.query_one("#rf-recipient", Select)
        if name and self.remiss and self.remiss.recipient(name) is not None:
            sel.value = name
        else:
            sel.clear()

    def _chosen(self) -> Recipient | None:
        sel = self.query_one("#rf-recipient", Select)
        if sel.is_blank() or self.remiss is None:
            return None
        return self.remiss.recipient(str(sel.value))

    def _show_current(self) -> None:
        rec = self._chosen()
        vals = _values(rec)
        for key, _ in FIELDS:
            self.query_one(f"#rf-cur-{key}", Static).update(Text(vals[key] or "–"))
        r = rec.response if rec else None
        self.query_one("#rf-cur-stance", Static).update(Text(STANCE_LABELS[r.stance] if r else "–"))
        self.query_one("#rf-cur-kind", Static).update(Text(ANSWER_KIND_LABELS[r.answer_kind] if r else "–"))
        self.query_one("#rf-cur-status", Static).update(Text(STATUS_LABELS[rec.status] if rec else "–"))
        new = self.plan.new if self.plan is not None and rec is not None else None
        shown = STATUS_LABELS[status_after_edit(rec, new)] if new is not None and rec is not None else "–"
        self.query_one("#rf-new-status", Static).update(Text(shown))

    # --- reading ------------------------------------------------------------------------------

    @on(Input.Submitted, "#rf-path")
    def _path_submitted(self, event: Input.Submitted) -> None:
        self._start_read(event.value)

    @on(Button.Pressed, "#rf-read")
    def _read_pressed(self) -> None:
        self._start_read(self.query_one("#rf-path", Input).value)

    def _start_read(self, raw: str) -> None:
        path = os.path.expanduser(raw.strip())
        if not path:
            self._status("Ange en fil.", error=True)
            return
        if self.remiss is None:
            return
        self._status(f"Läser {Path(path).name} …")
        self.query_one("#save", Button).disabled = True
        store, dnr, today = self.store, self.remiss.dnr, self.today

        def work() -> None:
            try:
                # No organisation: the document says whom it is from, as in the CLI `register`. No
                # received date either: an e-mail's Date, else the date already registered, else today.
                plan = reg.plan_file(store, dnr, path, today=today)
                self.post_message(DocumentRead(path, plan, None))
            except (reg.DocumentError, StoreError) as exc:
                self.post_message(DocumentRead(path, None, str(exc)))
            except Exception:  # never let a worker crash the app, nor show it English
                self.post_message(DocumentRead(path, None, f"{Path(path).name} kunde inte läsas (oväntat fel i läsaren)."))

        self.run_worker(work, thread=True, exclusive=True, group="read-document")

    def on_unmount(self) -> None:
        # Esc while a document is read: its child process stops now instead of running on.
        from ...formats.document.contained import cancel_all

        cancel_all()

    def on_document_read(self, message: DocumentRead) -> None:
        if self not in self.app.screen_stack:
            return  # read after the dialog was closed: nothing to show it in
        if message.error is not None:
            self.plan = None
            self._status(message.error, error=True)
            return
        plan = message.plan
        assert plan is not None
        self.plan = plan
        self.matched = plan.recipient
        parsed = plan.parsed
        found = parsed.organisation or "–"
        if parsed.organisation and not parsed.organisation_in_register:
            found += " (finns inte i registret)"
        elif not parsed.organisation and parsed.candidate("organisation"):
            found = f"{parsed.candidate('organisation')} (osäker)"
        self.query_one("#rf-found-org", Static).update(Text(found))
        self._select_recipient(plan.recipient.organisation if plan.recipient else None)
        self._show_read_status()
        self._show_current()
        self._fill(plan)
        self._show_warnings()
        self.query_one("#save", Button).disabled = False
        # On to the recipient: the one choice to check (Enter opens the list), then Ctrl+S.
        self.query_one("#rf-recipient", Select).focus()
        self.call_after_refresh(self.take_baseline)  # Esc asks before dropping corrections

    def _fill(self, plan: reg.Plan) -> None:
        """The form's values from the plan: the new version of the recipient, or the document."""
        parsed = plan.parsed
        new = plan.new
        vals = _values(new) if new is not None else {
            "own_dnr": parsed.own_dnr or "", "contact_name": parsed.contact.name,
            "contact_phone": parsed.contact.phone, "contact_email": parsed.contact.email,
            "received_on": (parsed.received_on or self.today).isoformat(),
            "document_date": _iso(parsed.document_date),
            "meeting_date": _iso(parsed.meeting_date), "decision_date": _iso(parsed.meeting_date),
            "stance_sentence": parsed.stance_sentence or "",
        }
        defaults = self.__dict__.setdefault("_rf_placeholders", {})
        for key, _ in FIELDS:
            field_input = self.query_one(f"#rf-{key}", Input)
            field_input.value = vals[key]
            defaults.setdefault(key, field_input.placeholder)
            cand = parsed.candidate(key)
            # Left empty because the text does not clearly support it: the candidate, flagged.
            shown = cand.isoformat() if hasattr(cand, "isoformat") else str(cand)
            field_input.placeholder = f"osäker: {shown}" if cand and not vals[key] else defaults[key]
        resp = new.response if new is not None else None
        self.query_one("#rf-stance", Select).value = (resp.stance if resp else parsed.stance).value
        self.query_one("#rf-kind", Select).value = (resp.answer_kind if resp else parsed.answer_kind).value
        self.query_one("#rf-immediate", Checkbox).value = (
            resp.immediate_adjustment if resp else parsed.immediate_adjustment)
        self._show_mode()

    def _show_mode(self) -> None:
        """The add/replace choice and what will be lost, only over an existing answer."""
        plan = self.plan
        existing = plan is not None and plan.recipient is not None and plan.mode != reg.NEW
        self.query_one("#rf-mode-row").set_class(not existing, "hidden")
        self.query_one("#rf-lost-row").set_class(not existing, "hidden")
        if not existing:
            return
        sel = self.query_one("#rf-mode", Select)
        if sel.value != plan.mode:
            with self.prevent(Select.Changed):
                sel.value = plan.mode
        lost = plan.lost
        what = plan.what_happens
        text = what + ("\nGår förlorat: " + " ".join(lost) if lost else "\nIngenting går förlorat.")
        self.query_one("#rf-lost", Static).update(Text(text))

    @on(Select.Changed, "#rf-mode")
    def _mode_changed(self, event: Select.Changed) -> None:
        if self.plan is None or self.plan.recipient is None or event.value == self.plan.mode:
            return
        self.plan = reg.with_mode(self.plan, event.value == reg.REPLACE, today=self.today)
        self._fill(self.plan)
        self._show_current()

    def _show_warnings(self) -> None:
        lines = []
        if self.plan is not None:
            lines += self.plan.problems
            lines += self.plan.parsed.warnings
        self.query_one("#rf-warnings", Static).update(Text("\n".join(f"! {w}" for w in lines)))

    def _show_read_status(self) -> None:
        """Whom the answer is from, and how that was decided; follows the Mottagare field."""
        if self.plan is None:
            return
        name = self.plan.path.name
        rec = self._chosen()
        matched = self.matched
        filing = getattr(self.plan, "filing", None)
        if rec is None and filing is not None and filing.ambiguous:
            self._status(f"Läste {name}. {filing.reason[:1].upper()}{filing.reason[1:]} – välj mottagare.",
                         error=True)
        elif rec is None:
            self._status(f"Läste {name}. Avsändaren i dokumentet matchar ingen mottagare – välj mottagare.",
                         error=True)
        elif matched is not None and rec.organisation == matched.organisation:
            parsed = self.plan.parsed
            evidence = [f"avsändaren {parsed.organisation}" if parsed.organisation else "",
                        f"eget dnr {parsed.own_dnr}" if parsed.own_dnr else ""]
            how = " och ".join(e for e in evidence if e) or "dokumentet"
            self._status(f"Läste {name}: svar från {rec.organisation} (vald efter {how} i dokumentet).")
        else:
            self._status(f"Läste {name}: svar från {rec.organisation} (vald av dig).")

    @on(Select.Changed, "#rf-recipient")
    def _recipient_changed(self) -> None:
        if self.plan is not None:
            rec = self._chosen()
            if rec is not None and (self.plan.recipient is None
                                    or self.plan.recipient.organisation != rec.organisation):
                self.plan = reg.with_recipient(self.plan, rec.organisation, today=self.today, replace=False)
                self._fill(self.plan)
            self._show_read_status()
            self._show_warnings()
        self._show_current()

    # --- saving -------------------------------------------------------------------------------

    def form_state(self) -> tuple:
        return (self.plan is not None and self.plan.path, self.query_one("#rf-recipient", Select).value,
                tuple(self.query_one(f"#rf-{k}", Input).value for k, _ in FIELDS))

    def _date(self, key: str, label: str) -> date | None:
        raw = self.query_one(f"#rf-{key}", Input).value.strip()
        if not raw:
            return None
        try:
            near = (self.remiss.sent_on, self.remiss.deadline) if self.remiss else None
            # A received date lies on or after the sent date and not in the future (issue 24.4).
            rule = (received_year_rule(self.remiss.sent_on, self.today, near)
                    if key == "received_on" and self.remiss else None)
            return parse_date(raw, near=near, today=self.today, rule=rule)
        except DateParseError as exc:
            raise ValueError(f"{label}: {exc}") from None

    def action_save(self, *, other_confirmed: bool = False, over_confirmed: bool = False) -> None:
        if self.plan is None:
            self._status("Läs in en fil först.", error=True)
            return
        rec = self._chosen()
        if rec is None:
            self._status("Välj vilken mottagare svaret kommer från.", error=True)
            return
        if self.plan.recipient is None or self.plan.recipient.organisation != rec.organisation:
            self.plan = reg.with_recipient(self.plan, rec.organisation, today=self.today, replace=False)
        labels = dict(FIELDS)
        try:
            dates = {k: self._date(k, labels[k]) for k in DATE_FIELDS}
        except ValueError as exc:
            self._status(str(exc), error=True)
            return
        received = dates["received_on"] or self.today
        if received > self.today:
            self._status("Mottagningsdatum kan inte ligga i framtiden.", error=True)
            return
        problems = self.plan.problems
        if problems and not other_confirmed:
            def answered(yes: bool | None) -> None:
                if yes:
                    self.action_save(other_confirmed=True)

            self.app.push_screen(ConfirmScreen(
                " ".join(problems) + f" Spara svaret på {self.remiss.dnr} ändå?", yes="Spara ändå", no="Avbryt"),
                answered)
            return
        assert self.plan.new is not None
        new = copy.deepcopy(self.plan.new)
        value = lambda k: self.query_one(f"#rf-{k}", Input).value.strip()  # noqa: E731
        new.own_dnr = value("own_dnr")
        new.contact = Contact(name=value("contact_name"), phone=value("contact_phone"), email=value("contact_email"))
        resp = new.response
        assert resp is not None
        resp.received_on = received
        resp.document_date = dates["document_date"]
        resp.meeting_date = dates["meeting_date"]
        resp.decision_date = dates["decision_date"]
        resp.stance_sentence = value("stance_sentence")
        resp.stance = Stance(str(self.query_one("#rf-stance", Select).value))
        resp.answer_kind = AnswerKind(str(self.query_one("#rf-kind", Select).value))
        resp.immediate_adjustment = self.query_one("#rf-immediate", Checkbox).value
        if rec.response is not None and not over_confirmed:
            # Over an existing answer: say what changes and what is lost, and ask.
            changed = [f"{label}: {cur} → {nxt}" for label, cur, nxt in reg.describe_changes(rec, new)
                       if cur != nxt]
            lost = reg.losses(rec, new)
            how = ("Dokumentet läggs till svaret som redan är registrerat för" if self.plan.mode == reg.ADD
                   else "Dokumentet ersätter sina egna delar av svaret som redan är registrerat för"
                   if self.plan.rereads else "Dokumentet ersätter svaret som redan är registrerat för")
            text = f"{how} {rec.organisation}."
            if changed:
                text += "\nÄndras: " + "; ".join(changed) + "."
            text += ("\nGår förlorat: " + " ".join(lost)) if lost else "\nIngenting går förlorat."
            text += "\nSpara?"

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self.action_save(other_confirmed=True, over_confirmed=True)

            self.app.push_screen(ConfirmScreen(text, yes="Spara", no="Avbryt"), confirmed)
            return
        try:
            reg.record_answer(self.store, self.remiss.dnr, rec.organisation, new,
                              base_revision=rec.revision, file_name=self.plan.path.name)
        except StoreError as exc:
            self._status(str(exc), error=True)
            return
        wrote = getattr(self.app, "wrote", None)
        if callable(wrote):
            wrote()
        self.app.notify(f"Registrerade svaret från {rec.organisation}.", markup=False)
        self.dismiss(True)
