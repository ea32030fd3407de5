"""The register of organisations in the TUI: a filtered table, and a form to edit or add one.

The meeting plan is edited as explicit dates and/or a rule, typed either in Swedish words ("tredje
torsdagen varje månad utom juli") or as a raw RRULE; the form shows what the rule means and the next
five meetings as you type. Saving goes through `register_editing` (checked, locked, an event).
"""

from __future__ import annotations

import copy
import re
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Footer, Input, Label, Select, Static

from ...services import register as register_editing
from ...domain.dates import DateParseError, format_weekday_date, parse_date
from ...domain.meetings import (
    MeetingPlanError,
    describe_plan,
    describe_rule,
    rule_from_user_text,
    upcoming_meetings,
)
from ...domain.model import ORG_KIND_LABELS, MeetingPlan, Organisation, OrgKind
from ...domain.register import Register, name_key
from ...store.repository import StoreError
from ..stale import ReloadWhenShown
from .base import AppScreen, FormScreen
from ..text import cell, iso
from ..widgets.keyed_table import KeyedTable
from ..widgets.form import FORM_CSS, DateField, InOrderInput, field_row, label_text
from ..widgets.lists import matches

COLUMNS = [
    ("name", "Namn"),
    ("kind", "Typ"),
    ("code", "Kort"),
    ("prefix", "Dnr-prefix"),
    ("email", "Registratorsadress"),
    ("from", "Giltig från"),
    ("to", "Giltig till"),
    ("plan", "Sammanträdesplan"),
]


def _matches(org: Organisation, needle: str) -> bool:
    return matches(needle, org.name, org.short_code, org.dnr_prefix, org.registry_email,
                   ORG_KIND_LABELS.get(org.kind, ""), *org.former_names)


class OrganisationsScreen(ReloadWhenShown, AppScreen[None]):
    """The register: Enter/e edits the organisation under the cursor, n adds one, / filters."""

    DEFAULT_CSS = """
    OrganisationsScreen {
        layout: vertical;
    }
    OrganisationsScreen #org-head {
        height: 1;
        padding: 0 1;
        text-style: bold;
    }
    OrganisationsScreen #org-filter {
        margin: 0 1;
        width: 1fr;
    }
    OrganisationsScreen #org-table {
        height: 1fr;
    }
    OrganisationsScreen #org-status {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("e", "edit", "Ändra"),
        Binding("n", "new", "Ny organisation"),
        Binding("slash", "focus_filter", "Filtrera"),
        Binding("escape", "back", "Tillbaka"),
    ]

    def __init__(self, store, *, today: date | None = None) -> None:
        super().__init__()
        self.store = store
        self._today = today
        self.register = Register()

    @property
    def today(self) -> date:
        return self._today or getattr(self.app, "today", None) or date.today()

    def compose(self) -> ComposeResult:
        yield Static("Organisationsregister", id="org-head", markup=False)
        yield InOrderInput(placeholder="filtrera på namn, kortnamn, typ … (/)", compact=True, id="org-filter")
        yield KeyedTable(COLUMNS, id="org-table")
        yield Static("", id="org-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#org-table", KeyedTable).focus()

    # --- data ------------------------------------------------------------------------------

    def reload(self, *, keep: str | None = None) -> None:
        try:
            self.register = self.store.load_register()
        except StoreError as exc:
            self.register = Register()
            self.notify(str(exc), title="Registret", severity="error", markup=False)
        self._fill(keep=keep)

    def _fill(self, *, keep: str | None = None) -> None:
        needle = self.query_one("#org-filter", Input).value.strip()
        table = self.query_one("#org-table", KeyedTable)
        orgs = [o for o in self.register.organisations if _matches(o, needle)]
        today = self.today
        rows = []
        for o in orgs:
            style = "" if o.is_active(today) else "dim"
            rows.append((
                o.name,
                [
                    cell(o.name, style, limit=48),
                    cell(ORG_KIND_LABELS.get(o.kind, str(o.kind)), style),
                    cell(o.short_code, style),
                    cell(o.dnr_prefix, style),
                    cell(o.registry_email, style, limit=36),
                    cell(iso(o.valid_from) if o.valid_from else "", style),
                    cell(iso(o.valid_to) if o.valid_to else "", style),
                    cell(describe_plan(o.meeting_plan, max_dates=2), style, limit=60),
                ],
            ))
        table.sync(rows, keep=keep)
        total = len(self.register.organisations)
        shown = f"{len(orgs)} av {total}" if needle else f"{total}"
        self.query_one("#org-status", Static).update(
            f"{shown} organisationer · Enter/e ändrar · n ny · / filtrerar · Esc tillbaka"
        )

    @on(Input.Changed, "#org-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill()

    @on(Input.Submitted, "#org-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#org-table", KeyedTable).focus()

    @on(DataTable.RowSelected, "#org-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    # --- actions ---------------------------------------------------------------------------

    def action_focus_filter(self) -> None:
        self.query_one("#org-filter", Input).focus()

    def action_back(self) -> None:
        flt = self.query_one("#org-filter", Input)
        if flt.has_focus and flt.value:
            flt.value = ""
            return
        self.dismiss(None)

    def action_edit(self) -> None:
        name = self.query_one("#org-table", KeyedTable).current_key
        if name is None:
            self.notify("Ingen organisation vald.", severity="warning", markup=False)
            return
        self.app.push_screen(EditOrganisationScreen(self.store, name, today=self.today), self._saved)

    def action_new(self) -> None:
        self.app.push_screen(EditOrganisationScreen(self.store, None, today=self.today), self._saved)

    def _saved(self, name: str | None) -> None:
        if name is None:
            return
        self.query_one("#org-filter", Input).value = ""
        self.reload(keep=name)
        self.notify(f"Sparade {name} i registret.", markup=False)


def _split_dates(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[,;\n]+", text) if p.strip()]


class EditOrganisationScreen(FormScreen[str | None]):
    """Edit one organisation (name given) or add one (None). Dismisses with the saved name."""

    DEFAULT_CSS = FORM_CSS + """
    EditOrganisationScreen {
        align: center middle;
    }
    EditOrganisationScreen .form-box {
        width: 100;
        max-width: 100%;
        height: auto;
        max-height: 100%;
    }
    EditOrganisationScreen .form-scroll {
        height: auto;
        max-height: 30;
    }
    EditOrganisationScreen #rule-feedback, EditOrganisationScreen #dates-feedback {
        height: auto;
        padding-left: 17;
        color: $text-muted;
    }
    EditOrganisationScreen .-error {
        color: $text-error;
        text-style: bold;
    }
    EditOrganisationScreen #next-meetings {
        height: auto;
        padding-left: 17;
    }
    """

    def __init__(self, store, name: str | None, *, today: date | None = None) -> None:
        super().__init__(store, today=today)
        self.old_name = name
        try:
            register = store.load_register()
        except StoreError:
            register = Register()
        org = register.organisation(name) if name is not None else None
        if name is not None and (org is None or org.name != name):
            org = next((o for o in register.organisations if o.name == name), None)
        self.org = org or Organisation(name="", kind=OrgKind.extern)
        self.expected = copy.deepcopy(org) if org is not None else None
        if name is not None and org is None:
            self.old_name = None  # gone meanwhile: saving adds it anew
        self.rule: str = self.org.meeting_plan.rule
        self.rule_error: str | None = None
        self.dates: list[date] = list(self.org.meeting_plan.dates)
        self.dates_error: str | None = None

    def compose(self) -> ComposeResult:
        o = self.org
        rule_text = (describe_rule(o.meeting_plan.rule) or o.meeting_plan.rule) if o.meeting_plan.rule else ""
        with Vertical(classes="form-box") as box:
            box.border_title = "Ändra organisation" if self.old_name else "Ny organisation"
            with VerticalScroll(classes="form-scroll", can_focus=False):
                yield field_row("Namn", Input(o.name, compact=True, id="name", placeholder="organisationens namn"))
                yield field_row("Typ", Select(
                    [(label_text(ORG_KIND_LABELS[k]), k) for k in OrgKind],
                    value=o.kind, allow_blank=False, compact=True, id="kind"))
                yield field_row("Kortnamn", Input(o.short_code, compact=True, id="short-code",
                                                  placeholder="t.ex. SÖD"))
                yield field_row("Dnr-prefix", Input(o.dnr_prefix, compact=True, id="dnr-prefix"))
                yield field_row("Registrator", Input(o.registry_email, compact=True, id="registry-email",
                                                     placeholder="registratorns e-postadress"))
                yield DateField("Giltig från", o.valid_from, default_year=self.today.year, id="valid-from",
                                placeholder="tomt = alltid")
                yield DateField("Giltig till", o.valid_to, default_year=self.today.year, id="valid-to",
                                placeholder="tomt = tills vidare")
                yield field_row("Tidigare namn", Input(", ".join(o.former_names), compact=True, id="former",
                                                       placeholder="kommaseparerade"))
                yield Label("Sammanträdesplan", classes="section-title", markup=False)
                yield field_row("Regel", Input(rule_text, compact=True, id="rule",
                                               placeholder="t.ex. tredje torsdagen varje månad utom juli"))
                yield Static("", id="rule-feedback", markup=False)
                yield field_row("Datum", Input(", ".join(d.isoformat() for d in sorted(o.meeting_plan.dates)),
                                               compact=True, id="meeting-dates",
                                               placeholder="enstaka datum, kommaseparerade"))
                yield Static("", id="dates-feedback", markup=False)
                yield Static("", id="next-meetings", markup=False)
            yield Static("", id="form-error", classes="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(label_text("Spara"), variant="primary", compact=True, id="save")
                yield Button(label_text("Avbryt"), compact=True, id="cancel")
            yield Static("Ctrl+S sparar · Esc stänger", classes="hint", markup=False)

    def on_mount(self) -> None:
        self._rule_changed(self.query_one("#rule", Input).value)
        self._dates_changed(self.query_one("#meeting-dates", Input).value)
        self.query_one("#name", Input).focus()

    # --- live feedback ---------------------------------------------------------------------

    @on(Input.Changed, "#rule")
    def _on_rule(self, event: Input.Changed) -> None:
        event.stop()
        self._rule_changed(event.value)

    @on(Input.Changed, "#meeting-dates")
    def _on_dates(self, event: Input.Changed) -> None:
        event.stop()
        self._dates_changed(event.value)

    def _rule_changed(self, text: str) -> None:
        feedback = self.query_one("#rule-feedback", Static)
        feedback.remove_class("-error")
        self.rule_error = None
        try:
            self.rule = rule_from_user_text(text)
        except MeetingPlanError as exc:
            self.rule = ""
            self.rule_error = str(exc)
            feedback.add_class("-error")
            feedback.update(f"✗ {exc}")
            self._show_next()
            return
        if not self.rule:
            feedback.update("ingen regel")
        elif "FREQ=" in text.upper():
            words = describe_rule(self.rule)
            feedback.update(f"→ {words}" if words else "→ (regeln saknar svensk beskrivning)")
        else:
            feedback.update(f"→ {self.rule}")
        self._show_next()

    def _dates_changed(self, text: str) -> None:
        feedback = self.query_one("#dates-feedback", Static)
        feedback.remove_class("-error")
        self.dates_error = None
        dates: list[date] = []
        for part in _split_dates(text):
            try:
                dates.append(parse_date(part, default_year=self.today.year))
            except DateParseError as exc:
                self.dates_error = str(exc)
                break
        if self.dates_error:
            feedback.add_class("-error")
            feedback.update(f"✗ {self.dates_error}")
        else:
            self.dates = sorted(set(dates))
            feedback.update(f"{len(self.dates)} enstaka datum" if self.dates else "")
        self._show_next()

    def _show_next(self) -> None:
        plan = MeetingPlan(dates=self.dates, rule=self.rule)
        nxt = upcoming_meetings(plan, self.today, 5)
        widget = self.query_one("#next-meetings", Static)
        if not nxt:
            widget.update("Inga kommande sammanträden.")
            return
        widget.update(Text("Nästa sammanträden:\n" + "\n".join(f"  {format_weekday_date(d)}" for d in nxt)))

    # --- saving ----------------------------------------------------------------------------

    def _error(self, message: str) -> None:
        self.show_error(f"✗ {message}")

    def _build(self) -> Organisation | None:
        if self.rule_error:
            self._error(f"Sammanträdesplanen: {self.rule_error}")
            return None
        if self.dates_error:
            self._error(f"Sammanträdesdatum: {self.dates_error}")
            return None
        for fid in ("#valid-from", "#valid-to"):
            f = self.query_one(fid, DateField)
            if f.error:
                self._error(f"{f.label}: {f.error}")
                return None
        kind = self.query_one("#kind", Select).value
        former = [p.strip() for p in self.query_one("#former", Input).value.split(",") if p.strip()]
        return Organisation(
            name=self.query_one("#name", Input).value.strip(),
            kind=kind if isinstance(kind, OrgKind) else OrgKind.extern,
            short_code=self.query_one("#short-code", Input).value.strip(),
            dnr_prefix=self.query_one("#dnr-prefix", Input).value.strip(),
            registry_email=self.query_one("#registry-email", Input).value.strip(),
            valid_from=self.query_one("#valid-from", DateField).date,
            valid_to=self.query_one("#valid-to", DateField).date,
            former_names=[f for f in former if name_key(f)],
            meeting_plan=MeetingPlan(dates=list(self.dates), rule=self.rule),
        )

    def action_save(self) -> None:
        org = self._build()
        if org is None:
            return
        try:
            register_editing.save_organisation(self.store, org, old_name=self.old_name, expected=self.expected)
        except StoreError as exc:
            self._error(str(exc))
            return
        self.dismiss(org.name)
