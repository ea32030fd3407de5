""""Skapa påminnelser": choose a folder (and the days window), see who gets a draft, write them.

For marked recipients pass `organisations`; without, every recipient that is overdue or due within
the given number of days gets one. The drafts are written and logged by `reminding`; the screen
dismisses with the folder path (or None when cancelled).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from ...services import reminders as reminding
from ...domain import deadlines
from ...domain.model import Remiss
from ...domain.register import Register
from ...formats.reminders import recipient_addresses
from ...store.repository import StoreError
from ..text import days_text, one_line
from ..widgets.form import FORM_CSS, field_row, label_text
from .base import AppModal


ASK_AT_ONCE = 4  # missing registry addresses asked for in one go


class CreateRemindersScreen(AppModal[str | None]):
    DEFAULT_CSS = FORM_CSS + """
    CreateRemindersScreen {
        align: center middle;
    }
    CreateRemindersScreen .form-box {
        width: 96;
        max-width: 100%;
        height: auto;
        max-height: 100%;
    }
    CreateRemindersScreen #preview {
        height: auto;
        max-height: 30vh;  /* the buttons and the hint stay on screen at 80x24 */
        border: tall $panel;
        padding: 0 1;
    }
    CreateRemindersScreen #addresses {
        height: auto;
    }
    CreateRemindersScreen #addresses .field-label {
        width: 40;
    }
    CreateRemindersScreen #days {
        width: 8;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "create", "Skapa utkast", priority=True),
        Binding("escape", "close", "Stäng"),
    ]

    def __init__(
        self,
        store,
        dnr: str,
        organisations: list[str] | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.dnr = dnr
        self.organisations = list(organisations) if organisations else None
        self._today = today
        self.remiss: Remiss = store.load(dnr)
        try:
            self.register = store.load_register()
        except StoreError:
            self.register = Register()
        self.days = reminding.DEFAULT_DAYS
        self.days_error: str | None = None
        self.addresses: dict[str, str] = {}  # organisation -> typed registry address
        self._asked: list[str] = []

    @property
    def today(self) -> date:
        return self._today or getattr(self.app, "today", None) or date.today()

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box") as box:
            box.border_title = "Skapa påminnelser"
            yield Static(f"{self.remiss.dnr} · {self.remiss.title}", classes="form-head", markup=False)
            yield field_row("Mapp", Input(str(self._default_folder()), compact=True, id="folder"))
            if self.organisations is None:
                with Horizontal(classes="field-row"):
                    yield Label("Dagar", classes="field-label", markup=False)
                    yield Input(str(self.days), compact=True, id="days", restrict=r"-?[0-9]*", max_length=4)
                    yield Static(" försenade eller med svarsdatum inom så många dagar", classes="note",
                                 markup=False)
            else:
                yield Static(f"Markerade mottagare: {len(self.organisations)}", classes="note", markup=False)
            # The registry address of chosen recipients without one: asked here (Tab from the folder
            # lands on them), saved in the register with the drafts, so this and every later draft
            # gets a To: line. A few at a time, so the dialog fits 80x24 and Tab stays in order.
            yield Vertical(id="addresses")
            with VerticalScroll(id="preview"):
                yield Static("", id="preview-text", markup=False)
            yield Static("", id="form-error", classes="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(label_text("Skapa utkast"), variant="primary", compact=True, id="create")
                yield Button(label_text("Avbryt"), compact=True, id="cancel")
            yield Static("Inget skickas. Skickade utkast noterar du med p på mottagarna · Ctrl+S skapar · "
                         "Esc stänger", classes="hint", markup=False)

    def _default_folder(self) -> Path:
        try:
            return reminding.default_folder(self.remiss.dnr)
        except StoreError:  # an unreadable settings file: the default folder, the error on saving
            return reminding.user_settings.default_files_folder() / reminding.folder_name(self.remiss.dnr)

    def on_mount(self) -> None:
        self._preview()
        self.query_one("#folder", Input).focus()

    @on(Input.Changed, "#days")
    def _days_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.days_error = None
        try:
            self.days = int(event.value)
            if self.days < 0:
                raise ValueError
        except ValueError:
            self.days_error = "Ange antal dagar som ett heltal, 0 eller mer."
        self._preview()

    def _chosen(self):
        return reminding.select_recipients(
            self.remiss, self.today, days=self.days, organisations=self.organisations
        )

    def _preview(self) -> None:
        out = Text()
        error = self.query_one("#form-error", Static)
        error.update("")
        if self.days_error:
            error.update(f"✗ {self.days_error}")
            self.query_one("#preview-text", Static).update(out)
            return
        try:
            chosen, skipped = self._chosen()
        except StoreError as exc:
            error.update(f"✗ {exc}")
            chosen, skipped = [], []
        if not chosen:
            out.append("Ingen mottagare får något utkast.", style="bold")
        else:
            missing = 0
            out.append(f"{len(chosen)} utkast:\n", style="bold")
            for rec in chosen:
                addrs = recipient_addresses(rec, self.register.organisation(rec.organisation))
                left = deadlines.days_left(self.remiss, rec, self.today)
                out.append(f"  {one_line(rec.organisation, 44)}", style="")
                # No column header here to say what the number is.
                suffix = " kvar" if left is not None and left > 0 else ""
                out.append(f"  {days_text(left)}{suffix}", style="dim")
                if addrs:
                    out.append("  → " + ", ".join(a for _, a in addrs) + "\n")
                else:
                    missing += 1
                    out.append("  ingen adress\n", style="bold")
            self._ask_addresses([rec for rec in chosen
                                 if not recipient_addresses(rec, self.register.organisation(rec.organisation))])
            if missing:
                out.append(
                    f"\n{missing} av {len(chosen)} saknar adress (registratorsadress eller kontaktpersonens "
                    "e-post): de utkasten får ingen To-rad.",
                )
        for org, reason in skipped:
            out.append(f"\nHoppar över {one_line(org, 44)} ({reason}).", style="dim")
        self.query_one("#preview-text", Static).update(out)

    def _ask_addresses(self, recipients) -> None:
        missing = [rec.organisation for rec in recipients]
        names = missing[:ASK_AT_ONCE]
        if names == self._asked:
            return
        self._asked = names
        box = self.query_one("#addresses", Vertical)
        box.remove_children()
        rows = [field_row(one_line(name, 38), Input(self.addresses.get(name, ""), compact=True,
                                                    placeholder="registratorns e-post (sparas)",
                                                    classes="address", name=name))
                for name in names]
        if rows:
            more = len(missing) - len(names)
            head = "Registratorsadresser som saknas" + (f" ({len(names)} av {len(missing)}; fler nästa gång)"
                                                        if more else "") + ":"
            box.mount(Static(head, classes="note", markup=False), *rows)

    @on(Input.Changed, ".address")
    def _address_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.addresses[event.input.name or ""] = event.value

    def action_create(self) -> None:
        if self.days_error:
            self.query_one("#form-error", Static).update(f"✗ {self.days_error}")
            return
        folder_text = self.query_one("#folder", Input).value.strip()
        if not folder_text:
            self.query_one("#form-error", Static).update("✗ Ange en mapp.")
            return
        try:
            chosen, _skipped = self._chosen()
            kinds = {rec.organisation: rec.kind for rec in chosen}
            typed = {org: addr for org, addr in self.addresses.items() if org in kinds}
            if any(addr.strip() for addr in typed.values()):
                reminding.remember_registry_addresses(self.store, typed, kinds)
                self.register = self.store.load_register()
            folder = reminding.resolve_folder(folder_text)
            report = reminding.write_reminders(
                self.store, self.remiss.dnr, folder, days=self.days, organisations=self.organisations,
                today=self.today,
            )
        except StoreError as exc:
            self.query_one("#form-error", Static).update(f"✗ {exc}")
            return
        if not report.drafts:
            self.query_one("#form-error", Static).update("✗ Ingen mottagare får något utkast; inget skrevs.")
            return
        path = str(report.folder.resolve())
        n = len(report.drafts)
        missing = len(report.without_address)
        message = f"Skrev {n} utkast i {path}."
        if missing:
            message += f" {missing} saknar adress (ingen To-rad)."
        if not report.signed:
            message += " " + reminding.user_settings.PROFILE_HINT
        self.app.notify(message, title="Påminnelser", markup=False, timeout=10)
        self.dismiss(path)

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#create")
    def _create_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_create()

