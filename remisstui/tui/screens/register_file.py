"""Registrera svar från fil: pick a document, see what was read beside the current values, save.

The file is read in a thread worker that posts a message back; widgets are only touched by the
message handler. Every extracted value lands in an Input the user can correct. Saving goes through
remisstui.answers_from_documents (and so services.save_recipient). User text is never markup.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, Static

from ...services import answers as reg
from ...domain.dates import DateParseError, parse_date
from ...domain.model import ANSWER_KIND_LABELS, STANCE_LABELS, AnswerKind, Contact, Recipient, Stance
from ...store.repository import Store, StoreError

MAX_LISTED = 2000


class PathSuggester(Suggester):
    """Completes file paths as the user types: the first entry of the folder that fits."""

    def __init__(self, suffixes: tuple[str, ...] = reg.DOCUMENT_SUFFIXES) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.suffixes = suffixes

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        expanded = os.path.expanduser(value)
        folder, prefix = os.path.split(expanded)
        folder = folder or "."
        try:
            entries = []
            with os.scandir(folder) as it:
                for i, e in enumerate(it):
                    if i >= MAX_LISTED:
                        break
                    entries.append(e)
        except OSError:
            return None
        best: list[str] = []
        for e in entries:
            if not e.name.startswith(prefix) or e.name.startswith("."):
                continue
            try:
                is_dir = e.is_dir()
            except OSError:
                continue
            if is_dir:
                best.append(e.name + os.sep)
            elif e.name.lower().endswith(self.suffixes):
                best.append(e.name)
        if not best:
            return None
        best.sort(key=lambda n: (n.endswith(os.sep), n.casefold()))
        completed = best[0]
        # Keep what the user typed (e.g. "~/") and append the rest of the name.
        return value + completed[len(prefix):]


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


class RegisterFromFileScreen(ModalScreen[bool]):
    """Dismissed with True when an answer was saved, False when cancelled."""

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
    RegisterFromFileScreen .rf-colhead { text-style: bold; color: $text-muted; }
    RegisterFromFileScreen .rf-row Input, RegisterFromFileScreen .rf-row Select { width: 1fr; }
    RegisterFromFileScreen #rf-warnings { height: auto; color: $warning; }
    RegisterFromFileScreen #rf-buttons { height: auto; align-horizontal: right; }
    RegisterFromFileScreen #rf-buttons Button { margin-left: 1; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Spara"),
        Binding("escape", "cancel", "Avbryt"),
    ]

    def __init__(self, store: Store, dnr: str, organisation: str | None = None, *,
                 today: date | None = None, path: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.dnr = dnr
        self.organisation = organisation
        self.today = today or date.today()
        self.initial_path = path or ""
        self.plan: reg.Plan | None = None
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
                yield Input(
                    value=self.initial_path,
                    placeholder="Sökväg till remissvaret (.pdf, .docx, .txt) – Tab fyller i",
                    suggester=PathSuggester(),
                    id="rf-path",
                )
                yield Button("Läs", id="rf-read")
            yield Static("Ange filen och tryck Enter.", id="rf-status", markup=False)
            with VerticalScroll(id="rf-fields"):
                with Horizontal(classes="rf-row"):
                    yield Label("Mottagare", classes="rf-label")
                    options = [(Text(r.organisation), r.organisation) for r in (self.remiss.recipients if self.remiss else [])]
                    yield Select(options, prompt="Välj mottagare", allow_blank=True, id="rf-recipient")
                with Horizontal(classes="rf-row"):
                    yield Label("Läst ur filen", classes="rf-label")
                    yield Static("–", id="rf-found-org", classes="rf-found", markup=False)
                with Horizontal(classes="rf-row"):
                    yield Label("", classes="rf-label")
                    yield Label("Nu", classes="rf-current rf-colhead")
                    yield Label("Nytt (från filen, kan ändras)", classes="rf-colhead")
                for key, label in FIELDS:
                    with Horizontal(classes="rf-row"):
                        yield Label(label, classes="rf-label")
                        yield Static("", id=f"rf-cur-{key}", classes="rf-current", markup=False)
                        yield Input(id=f"rf-{key}", placeholder="ÅÅÅÅ-MM-DD" if key in DATE_FIELDS else "")
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
                yield Static("", id="rf-warnings", markup=False)
            with Horizontal(id="rf-buttons"):
                yield Button("Spara (Ctrl+S)", id="rf-save", variant="primary", disabled=True)
                yield Button("Avbryt", id="rf-cancel")
        yield Footer()

    def on_mount(self) -> None:
        if self.remiss is None:
            self._status(f"Remissen {self.dnr} finns inte.", error=True)
        if self.organisation:
            self._select_recipient(self.organisation)
        self._show_current()
        self.query_one("#rf-path", Input).focus()
        if self.initial_path:
            self._start_read(self.initial_path)

    # --- helpers ------------------------------------------------------------------------------

    def _status(self, text: str, *, error: bool = False) -> None:
        st = self.query_one("#rf-status", Static)
        st.update(Text(text))
        st.set_class(error, "error")

    def _select_recipient(self, name: str) -> None:
        sel = self.query_one("#rf-recipient", Select)
        if self.remiss and self.remiss.recipient(name) is not None:
            sel.value = name

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
        self.query_one("#rf-save", Button).disabled = True
        store, dnr, today = self.store, self.remiss.dnr, self.today
        organisation = self._chosen().organisation if self._chosen() else self.organisation

        def work() -> None:
            try:
                plan = reg.plan_file(store, dnr, path, received_on=today, organisation=organisation)
                self.post_message(DocumentRead(path, plan, None))
            except (reg.DocumentError, StoreError) as exc:
                self.post_message(DocumentRead(path, None, str(exc)))
            except Exception as exc:  # never let a worker crash the app
                self.post_message(DocumentRead(path, None, f"Filen kunde inte läsas: {exc}"))

        self.run_worker(work, thread=True, exclusive=True, group="read-document")

    def on_document_read(self, message: DocumentRead) -> None:
        if message.error is not None:
            self.plan = None
            self._status(message.error, error=True)
            return
        plan = message.plan
        assert plan is not None
        self.plan = plan
        parsed = plan.parsed
        found = parsed.organisation or "–"
        if parsed.organisation and not parsed.organisation_in_register:
            found += " (finns inte i registret)"
        self.query_one("#rf-found-org", Static).update(Text(found))
        if plan.recipient is not None:
            self._select_recipient(plan.recipient.organisation)
            self._status(f"Läste {plan.path.name}: svar från {plan.recipient.organisation}.")
        else:
            self._status(f"Läste {plan.path.name}. Organisationen matchar ingen mottagare – välj mottagare.",
                         error=True)
        self._show_current()
        new = plan.new
        vals = _values(new) if new is not None else {
            "own_dnr": parsed.own_dnr or "", "contact_name": parsed.contact.name,
            "contact_phone": parsed.contact.phone, "contact_email": parsed.contact.email,
            "received_on": self.today.isoformat(), "document_date": _iso(parsed.document_date),
            "meeting_date": _iso(parsed.meeting_date), "decision_date": _iso(parsed.meeting_date),
            "stance_sentence": parsed.stance_sentence or "",
        }
        for key, _ in FIELDS:
            self.query_one(f"#rf-{key}", Input).value = vals[key]
        self.query_one("#rf-stance", Select).value = parsed.stance.value
        self.query_one("#rf-kind", Select).value = parsed.answer_kind.value
        self.query_one("#rf-immediate", Checkbox).value = parsed.immediate_adjustment
        self.query_one("#rf-warnings", Static).update(Text("\n".join(f"! {w}" for w in parsed.warnings)))
        self.query_one("#rf-save", Button).disabled = False

    @on(Select.Changed, "#rf-recipient")
    def _recipient_changed(self) -> None:
        self._show_current()

    # --- saving -------------------------------------------------------------------------------

    @on(Button.Pressed, "#rf-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#rf-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(False)

    def _date(self, key: str, label: str) -> date | None:
        raw = self.query_one(f"#rf-{key}", Input).value.strip()
        if not raw:
            return None
        try:
            near = (self.remiss.sent_on, self.remiss.deadline) if self.remiss else None
            return parse_date(raw, near=near, today=self.today)
        except DateParseError as exc:
            raise ValueError(f"{label}: {exc}") from None

    def action_save(self) -> None:
        if self.plan is None:
            self._status("Läs in en fil först.", error=True)
            return
        rec = self._chosen()
        if rec is None:
            self._status("Välj vilken mottagare svaret kommer från.", error=True)
            return
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
        new = reg.build_recipient(rec, self.plan.parsed, received_on=received, file_name=self.plan.path.name)
        value = lambda k: self.query_one(f"#rf-{k}", Input).value.strip()  # noqa: E731
        new.own_dnr = value("own_dnr")
        new.contact = Contact(name=value("contact_name"), phone=value("contact_phone"), email=value("contact_email"))
        resp = new.response
        assert resp is not None
        resp.document_date = dates["document_date"]
        resp.meeting_date = dates["meeting_date"]
        resp.decision_date = dates["decision_date"]
        resp.stance_sentence = value("stance_sentence")
        resp.stance = Stance(str(self.query_one("#rf-stance", Select).value))
        resp.answer_kind = AnswerKind(str(self.query_one("#rf-kind", Select).value))
        resp.immediate_adjustment = self.query_one("#rf-immediate", Checkbox).value
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
