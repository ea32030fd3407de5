"""Create a remiss or edit one: header fields and recipients picked from the register.

Recipients come from sändlistor (one step for "Samtliga stadsdelsnämnder"), a filtered list of
the register's active organisations (Space toggles) and external organisations typed on the spot.
Removing a recipient that is already saved withdraws it (after a question), never deletes it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import (
    Button,
    Footer,
    Input,
    Label,
    OptionList,
    Select,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option

from ... import services
from ...services import register as register_service
from ...domain.calendar import move_off_holidays
from ...domain.dnr import dnr_key, is_valid_dnr
from ...domain.model import (
    ORG_KIND_LABELS,
    REMISS_STATE_LABELS,
    STATUS_LABELS,
    OrgKind,
    Recipient,
    Remiss,
    RemissState,
    Status,
)
from ...domain.register import Register
from ...store.repository import StoreError
from .base import FormScreen
from .dialogs import ConfirmScreen
from ..widgets.form import FORM_CSS, DateField, InOrderInput, field_row, form_input, label_text
from ..widgets.lists import RefillableOptionList, RefillableSelectionList, matches


class ListPaste(Message):
    """A paste of several lines into a one-line field: a list, for the paste screen."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class ListPasteInput(InOrderInput):
    """The picker's one-line fields: a paste of several lines is a recipient list, not one name
    (a raw paste joined 102 lines into one recipient, a bracketed one kept line 1)."""

    def __init__(self, **kwargs) -> None:
        super().__init__("", compact=True, select_on_focus=False, **kwargs)

    def _on_paste(self, event: events.Paste) -> None:
        if len([line for line in event.text.splitlines() if line.strip()]) > 1:
            event.stop()
            event.prevent_default()
            self.post_message(ListPaste(event.text))
        # Otherwise Input's own handler runs next (Textual calls each class's handler in turn).


class EditRemissScreen(FormScreen[str | None]):
    """New remiss (dnr None) or edit an existing one. Dismisses with the saved dnr, else None."""

    DEFAULT_CSS = FORM_CSS + """
    EditRemissScreen {
        align: center middle;
    }
    EditRemissScreen #description {
        height: 4;
    }
    EditRemissScreen .dnr-feedback {
        width: 1fr;
        padding-left: 1;
        color: $text-success;
    }
    EditRemissScreen .dnr-feedback.-error {
        color: $text-error;
        text-style: bold;
    }
    EditRemissScreen #dnr {
        width: 24;
    }
    EditRemissScreen #pickers {
        height: auto;
    }
    EditRemissScreen .picker-col {
        width: 1fr;
        height: auto;
        padding-right: 1;
    }
    EditRemissScreen #lists {
        height: auto;
        max-height: 6;
    }
    EditRemissScreen #orgs {
        height: 10;
    }
    EditRemissScreen #chosen {
        height: 17;
    }
    EditRemissScreen .small-label {
        color: $text-muted;
        height: 1;
    }
    EditRemissScreen #external-row {
        height: auto;
    }
    EditRemissScreen #external-row Input {
        width: 1fr;
    }
    EditRemissScreen #external-row Button, EditRemissScreen #remove-chosen {
        margin-left: 1;
    }
    """

    BINDINGS = [
        Binding("delete", "remove_chosen", "Ta bort mottagare", tooltip="Ta bort markerad mottagare (i listan Valda mottagare)",
                show=False, id="edit_remiss.remove"),
        # Down from the organisation filter goes to the list, like Enter (an Input has no Down).
        Binding("down", "filter_to_list", show=False),
        Binding("ctrl+l", "paste_list", "Klistra in sändlista", tooltip="Klistra in en lista med mottagare",
                id="edit_remiss.paste_list"),
    ]

    def __init__(self, store, dnr: str | None = None, *, today: date | None = None) -> None:
        super().__init__(store, today=today)
        self.remiss: Remiss | None = store.load(dnr) if dnr else None
        try:
            self.register: Register = store.load_register()
        except StoreError:
            self.register = Register()
        # New recipients chosen in this form: name -> kind, in the order chosen.
        self.chosen: dict[str, OrgKind] = {}
        self._chosen_rows: list[str] = []
        self._suppress_toggle = False
        self.first_focus: str | None = None  # the field focused when the form opens (default: the first)
        # The widgets the handlers fill, kept from compose: a handler never looks them up again
        # (a message can arrive after a widget is gone, and a lookup then ended the app).
        self._orgs = RefillableSelectionList[str](id="orgs", compact=True)
        self._filter = ListPasteInput(placeholder="filtrera …", id="org-filter")
        self._chosen_list = RefillableOptionList(id="chosen", compact=True)
        self._chosen_title = Label("Valda mottagare", classes="small-label", markup=False, id="chosen-title")
        self._external = ListPasteInput(placeholder="namn, Enter lägger till", id="external-name")
        self._dnr_feedback = Static("", classes="dnr-feedback", id="dnr-feedback", markup=False)
        self._error_line = Static("", id="form-error", classes="form-error", markup=False)

    @property
    def is_new(self) -> bool:
        return self.remiss is None

    def _existing(self) -> dict[str, Recipient]:
        return {r.organisation: r for r in self.remiss.recipients} if self.remiss else {}

    def _taken(self, name: str) -> bool:
        """Chosen now or already an active (not withdrawn) recipient."""
        rec = self._existing().get(name)
        return name in self.chosen or (rec is not None and rec.status is not Status.withdrawn)

    # --- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        r = self.remiss
        with Vertical(classes="form-box") as box:
            box.border_title = "Ny remiss" if self.is_new else "Ändra remiss"
            if r is not None:
                yield Static(f"{r.dnr} · {r.title}", classes="form-head", markup=False)
            with VerticalScroll(classes="form-scroll", id="form", can_focus=False):
                yield Horizontal(
                    Label("Diarienummer", classes="field-label", markup=False),
                    form_input(r.dnr if r else "", placeholder="t.ex. KS 2024/200", id="dnr"),
                    self._dnr_feedback,
                    classes="field-row",
                )
                yield field_row("Rubrik", form_input(r.title if r else "", id="title",
                                                     placeholder="remissens rubrik"))
                yield field_row("Avsändare", form_input(r.sender if r else "Kommunstyrelsen", id="sender"))
                # A yearless date lies nearest the remiss's own dates (a new one's: today).
                near = (r.sent_on, r.deadline) if r else self.today
                yield DateField("Utskickad", r.sent_on if r else self.today,
                                default_year=self.today.year, near=near, today=self.today, id="sent")
                yield DateField("Svarsdatum", r.deadline if r else None, default_year=self.today.year,
                                near=near, today=self.today,
                                required=True, id="deadline")
                yield Static("", id="deadline-note", classes="note", markup=False)
                if r is not None:
                    yield field_row("Läge", Select(
                        [(label_text(REMISS_STATE_LABELS[s]), s) for s in RemissState],
                        value=r.state, allow_blank=False, compact=True, id="state"))
                yield Label("Beskrivning", classes="section-title", markup=False)
                yield TextArea(r.description if r else "", compact=True, id="description",
                               placeholder="Vad remissen gäller")
                yield Label("Mottagare" if self.is_new else "Lägg till mottagare",
                            classes="section-title", markup=False)
                with Horizontal(id="pickers"):
                    with Vertical(classes="picker-col"):
                        yield Label("Sändlistor (Enter lägger till alla) · Ctrl+L klistrar in en lista",
                                    classes="small-label", markup=False)
                        yield OptionList(
                            *[Option(Text(f"{lst.name} ({len(lst.members)})"), id=f"list-{i}")
                              for i, lst in enumerate(self.register.lists)],
                            id="lists", compact=True,
                        )
                        yield Label("Organisationer (mellanslag väljer)", classes="small-label", markup=False)
                        yield self._filter
                        yield self._orgs
                        yield Label("Extern organisation", classes="small-label", markup=False)
                        with Horizontal(id="external-row"):
                            yield self._external
                            yield Button(label_text("Lägg till"), compact=True, id="add-external")
                    with Vertical(classes="picker-col"):
                        yield self._chosen_title
                        yield self._chosen_list
                        yield Button(label_text("Ta bort markerad (Delete)"), compact=True, id="remove-chosen")
            yield self._error_line
            yield Static("Ctrl+S sparar · Esc stänger · Delete tar bort markerad mottagare",
                         classes="hint", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self._fill_orgs("")
        self._fill_chosen()
        self._check_dnr(self.query_one("#dnr", Input).value)
        self._deadline_note()
        first = self.first_focus or ("dnr" if self.is_new else "title")
        self.query_one(f"#{first}").focus()
        self.call_after_refresh(self.take_baseline)

    # --- recipients -------------------------------------------------------------------

    def _fill_orgs(self, text: str) -> None:
        orgs = self._orgs
        highlighted = orgs.highlighted
        self._suppress_toggle = True
        try:
            orgs.clear_options()
            items = []
            for org in self.register.active(self.today):
                if not matches(text, org.name, org.short_code):
                    continue
                label = Text(org.name)
                label.append(f"  {ORG_KIND_LABELS[org.kind]}", style="dim")
                items.append((label, org.name, self._taken(org.name)))
            for org in register_service.public_bodies(text, self.register):
                label = Text(org.name)
                label.append(f"  {ORG_KIND_LABELS[org.kind]}", style="dim")
                items.append((label, org.name, self._taken(org.name)))
            orgs.add_options(items)
            if items:
                orgs.highlighted = min(highlighted or 0, len(items) - 1)
        finally:
            self._suppress_toggle = False

    def _fill_chosen(self) -> None:
        chosen = self._chosen_list
        highlighted = chosen.highlighted
        chosen.clear_options()
        rows: list[str] = []
        options = []
        for name, rec in self._existing().items():
            label = Text(name)
            if rec.status is Status.withdrawn:
                label.append(f"  ({STATUS_LABELS[Status.withdrawn]})", style="dim")
            else:
                label.append(f"  {ORG_KIND_LABELS[rec.kind]}", style="dim")
            rows.append(name)
            options.append(Option(label))
        for name, kind in self.chosen.items():
            label = Text(name)
            label.append(f"  {ORG_KIND_LABELS[kind]}", style="dim")
            if not self.is_new:
                label.append("  ny", style="bold")
            rows.append(name)
            options.append(Option(label))
        chosen.add_options(options)
        self._chosen_rows = rows
        if rows:
            chosen.highlighted = min(highlighted or 0, len(rows) - 1)
        active = sum(1 for n in rows if self._taken(n))
        title = f"Valda mottagare ({active})"
        if not self.is_new and self.chosen:
            title += f", varav {len(self.chosen)} nya"
        self._chosen_title.update(title)

    def _add(self, names: list[str]) -> tuple[int, list[str]]:
        """Choose these organisations; returns how many were added and the withdrawn ones met.

        A withdrawn recipient is not chosen anew (it is still on the remiss, with its history):
        the caller offers to send the remiss to it again.
        """
        added = 0
        withdrawn: list[str] = []
        for name in names:
            org = self.register.organisation(name)
            real = org.name if org else " ".join(name.split())
            kind = org.kind if org else OrgKind.extern
            if not real or self._taken(real):
                continue
            if self._existing().get(real) is not None:
                withdrawn.append(real)
                continue
            self.chosen[real] = kind
            added += 1
        self._fill_chosen()
        self._fill_orgs(self._filter.value)
        return added, withdrawn

    def _offer_send_again(self, name: str) -> None:
        self._confirm_recipient_change(
            f"Remissen är återkallad för {name}. Skicka den igen? Status blir Utskickad.",
            yes="Skicka igen", no="Avbryt",
            change=lambda: services.send_again(self.store, self.remiss.dnr, [name]),
            done=f"Remissen skickades igen till {name}.",
        )

    def _confirm_recipient_change(self, question: str, *, yes: str, no: str,
                                  change: Callable[[], Remiss], done: str) -> None:
        """Ask, then save one recipient's change at once (withdraw, send again) and take its
        recipients into the form; the lists are redrawn either way."""

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                try:
                    updated = change()
                except StoreError as exc:
                    self._show_error(str(exc))
                else:
                    # Only the recipients changed; the header revision this form is based on stays.
                    base = self.remiss.revision
                    self.remiss.recipients = updated.recipients
                    self.remiss.revision = base
                    self.notify(done, markup=False)
            self._fill_chosen()
            self._fill_orgs(self._filter.value)

        self.app.push_screen(ConfirmScreen(question, yes=yes, no=no), answered)

    def _remove(self, name: str) -> None:
        if name in self.chosen:
            del self.chosen[name]
            self._fill_chosen()
            self._fill_orgs(self._filter.value)
            return
        rec = self._existing().get(name)
        if rec is None or rec.status is Status.withdrawn:
            return
        _remiss, events = self.store.load_with_events(self.remiss.dnr)
        if services.remisser.removal_problem(rec, services.remisser.added_on(events, name), self.today) is None:
            # Added by mistake (never sent, or added today with nothing registered): it goes.
            self._confirm_recipient_change(
                f"Ta bort {name} från remissen? Den har inte fått något ännu. u på remissen ångrar.",
                yes="Ta bort", no="Behåll",
                change=lambda: services.remove_recipients(self.store, self.remiss.dnr, [name], today=self.today),
                done=f"{name} togs bort från remissen.",
            )
            return
        self._confirm_recipient_change(
            f"Återkalla remissen för {name}? Mottagaren tas inte bort utan markeras som återkallad.",
            yes="Återkalla", no="Behåll",
            change=lambda: services.withdraw(self.store, self.remiss.dnr, [name]),
            done=f"Remissen återkallades för {name}.",
        )

    @on(OptionList.OptionSelected, "#lists")
    def _list_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        lst = self.register.lists[int(event.option.id.split("-", 1)[1])]
        added, withdrawn = self._add(list(lst.members))
        message = f"{added} mottagare lades till från {lst.name}."
        if withdrawn:
            # A list never silently undoes a withdrawal: each one is sent again by choice.
            message += (f" Återkallad och inte tillagd: {', '.join(withdrawn)}"
                        " (välj i listan för att skicka igen).")
        self.notify(message, markup=False)

    @on(SelectionList.SelectionToggled, "#orgs")
    def _org_toggled(self, event: SelectionList.SelectionToggled) -> None:
        event.stop()
        if self._suppress_toggle:
            return
        name = event.selection.value
        if name in event.selection_list.selected:
            _added, withdrawn = self._add([name])
            if withdrawn:
                self._offer_send_again(withdrawn[0])
        else:
            self._remove(name)

    @on(Input.Changed, "#org-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._fill_orgs(event.value)

    @on(Input.Submitted, "#org-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        self.action_filter_to_list()

    def action_filter_to_list(self) -> None:
        if self.focused is self._filter and self._orgs.option_count:
            self._orgs.focus()

    # --- a pasted list ----------------------------------------------------------------

    @on(ListPaste)
    def _list_pasted(self, event: ListPaste) -> None:
        event.stop()
        self.action_paste_list(event.text)

    def action_paste_list(self, text: str = "") -> None:
        from .paste_list import PasteListScreen

        def done(names: list[str] | None) -> None:
            if not names:
                return
            added, withdrawn = self._add(names)
            message = f"{added} mottagare lades till från listan."
            if withdrawn:
                message += f" Återkallade och inte tillagda: {', '.join(withdrawn)}."
            self.notify(message, markup=False)

        # The recipients chosen so far count as taken, like the ones already saved.
        remiss = copy.deepcopy(self.remiss) if self.remiss else Remiss(dnr="", title="")
        remiss.recipients += [Recipient(organisation=n, kind=k) for n, k in self.chosen.items()]
        self.app.push_screen(PasteListScreen(self.store, self.register, remiss, text=text, today=self.today),
                             done)

    def _add_external(self) -> None:
        field = self._external
        name = " ".join(field.value.split())
        if not name:
            self._show_error("Skriv organisationens namn först.")
            return
        if self._taken(name):
            self._show_error(f"{name} är redan mottagare.")
            return
        field.value = ""
        self._show_error("")
        _added, withdrawn = self._add([name])
        if withdrawn:
            self._offer_send_again(withdrawn[0])

    @on(Button.Pressed, "#add-external")
    def _external_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._add_external()

    @on(Input.Submitted, "#external-name")
    def _external_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._add_external()

    def action_remove_chosen(self) -> None:
        chosen = self._chosen_list
        # Delete acts on the focused widget only: the list itself or its own button. With the focus
        # in a field or on another button it removed the highlighted row unseen (issue 24: Bromma).
        if self.focused is not chosen and getattr(self.focused, "id", None) != "remove-chosen":
            return
        if chosen.highlighted is None or not self._chosen_rows:
            return
        self._remove(self._chosen_rows[chosen.highlighted])

    @on(Button.Pressed, "#remove-chosen")
    def _remove_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        chosen = self._chosen_list
        if chosen.highlighted is None or not self._chosen_rows:
            self._show_error("Markera en mottagare i listan först.")
            return
        self._remove(self._chosen_rows[chosen.highlighted])

    # --- header fields ----------------------------------------------------------------

    def _check_dnr(self, text: str) -> bool:
        feedback = self._dnr_feedback
        message, ok = "", True
        if not text.strip():
            message, ok = "", False
        elif not is_valid_dnr(text):
            message, ok = "✗ Fel: ett diarienummer ska innehålla minst en siffra (högst 60 tecken)", False
        elif (self.is_new or dnr_key(text) != dnr_key(self.remiss.dnr)) and self.store.exists(text):
            message, ok = f"✗ Fel: diarienumret {text.strip()} finns redan", False
        else:
            message = "✓"
        feedback.set_class(not ok, "-error")
        feedback.update(message)
        return ok

    @on(Input.Changed, "#dnr")
    def _dnr_changed(self, event: Input.Changed) -> None:
        self._check_dnr(event.value)

    @on(DateField.Changed, "#deadline")
    def _deadline_changed(self, event: DateField.Changed) -> None:
        self._deadline_note()

    def _deadline_note(self) -> None:
        deadline = self.query_one("#deadline", DateField).date
        note = self.query_one("#deadline-note", Static)
        reason = move_off_holidays(deadline)[1] if deadline else None
        note.update(f"Helgdagsregeln: {reason}" if reason else "")
        note.display = bool(reason)

    def _show_error(self, message: str) -> None:
        self._error_line.update(message)

    # --- dirty check ------------------------------------------------------------------

    def form_state(self) -> tuple:
        q = self.query_one
        state = q("#state", Select).value if not self.is_new else None
        return (
            q("#dnr", Input).value, q("#title", Input).value, q("#sender", Input).value,
            q("#sent", DateField).text, q("#deadline", DateField).text, q("#description", TextArea).text,
            state, tuple(self.chosen),
        )

    # --- saving -----------------------------------------------------------------------

    def build_header(self) -> Remiss:
        q = self.query_one
        dnr = q("#dnr", Input).value.strip()
        if not dnr:
            raise services.ServiceError("Fel: diarienummer saknas.")
        if not self._check_dnr(dnr):
            raise services.ServiceError(str(self._dnr_feedback.content).lstrip("✗ "))
        title = " ".join(q("#title", Input).value.split())
        if not title:
            raise services.ServiceError("Fel: remissen behöver en rubrik.")
        for field in (q("#sent", DateField), q("#deadline", DateField)):
            if field.error:
                raise services.ServiceError(f"{field.error}.")
        base = copy.deepcopy(self.remiss) if self.remiss else Remiss(dnr=dnr, title=title)
        base.dnr = dnr
        base.title = title
        base.sender = q("#sender", Input).value.strip() or "Kommunstyrelsen"
        base.sent_on = q("#sent", DateField).date
        base.deadline = q("#deadline", DateField).date
        base.description = q("#description", TextArea).text.strip()
        if not self.is_new:
            base.state = RemissState(q("#state", Select).value)
        return base

    def action_save(self) -> None:
        try:
            header = self.build_header()
            if self.is_new:
                header.recipients = [
                    Recipient(organisation=name, kind=kind, status=Status.sent)
                    for name, kind in self.chosen.items()
                ]
                saved = services.create_remiss(self.store, header)
            else:
                saved = services.update_remiss_header(
                    self.store, self.remiss.dnr, header, base_revision=self.remiss.revision
                )
                # From here the header is on disk; a failure below must not make the user redo it.
                self.remiss.revision = saved.revision
                self.remiss.dnr = saved.dnr
                if self.chosen:
                    saved = services.add_recipients(self.store, saved.dnr, list(self.chosen), self.register)
        except StoreError as exc:
            self._show_error(str(exc))
            return
        n = len(self.chosen)
        what = "skapades" if self.is_new else "sparades"
        extra = f" med {n} nya mottagare" if n and not self.is_new else (f" med {n} mottagare" if n else "")
        self.notify(f"Remissen {saved.dnr} {what}{extra}.", markup=False)
        self.dismiss(saved.dnr)
