""""Inställningar": the registrator profile that signs reminder drafts, and the files folder.

Reached from the command palette. Saves through services/settings.py into the user's own settings
file (not the shared data folder); errors stay in the dialog, in Swedish, and nothing is saved.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from ...domain.settings import PROFILE_LABELS, RegistratorProfile, Settings
from ...services import settings as user_settings
from ..widgets.form import FORM_CSS, field_row, label_text
from .base import AppModal

PLACEHOLDERS = {
    "name": "Anna Andersson",
    "title": "Registrator",
    "unit": "Stadsledningskontoret, kansliavdelningen",
    "email": "anna.andersson@stockholm.se",
    "phone": "08-508 000 00",
}


class SettingsScreen(AppModal[bool]):
    """Dismisses with True when saved."""

    DEFAULT_CSS = FORM_CSS + """
    SettingsScreen {
        align: center middle;
    }
    SettingsScreen .form-box {
        width: 90;
        max-width: 100%;
        height: auto;
        max-height: 100%;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Spara", priority=True),
        Binding("escape", "close", "Stäng"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.load_error = ""
        try:
            self.settings = user_settings.load_settings()
        except user_settings.SettingsError as exc:
            self.settings = Settings()
            self.load_error = str(exc)

    def compose(self) -> ComposeResult:
        profile = self.settings.profile
        with Vertical(classes="form-box") as box:
            box.border_title = "Inställningar"
            yield Static("Din profil: avsändare och underskrift på påminnelseutkasten.", classes="form-head",
                         markup=False)
            for key, label in PROFILE_LABELS.items():
                yield field_row(label, Input(getattr(profile, key), placeholder=PLACEHOLDERS[key],
                                             compact=True, id=f"profile-{key}"))
            yield Static("Exporter och påminnelseutkast sparas här om du inte anger en annan mapp.",
                         classes="form-head", markup=False)
            folder = self.settings.files_folder or str(user_settings.default_files_folder())
            yield field_row("Filmapp", Input(folder, compact=True, id="files-folder"))
            yield Static(f"Sparas i {user_settings.config_path()}", classes="hint", markup=False)
            yield Static(self.load_error, id="form-error", classes="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(label_text("Spara"), variant="primary", compact=True, id="save")
                yield Button(label_text("Avbryt"), compact=True, id="cancel")
            yield Static("Ctrl+S sparar · Esc stänger", classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#profile-name", Input).focus()

    def _value(self, id: str) -> str:
        return self.query_one(f"#{id}", Input).value

    def action_save(self) -> None:
        profile = RegistratorProfile(**{k: self._value(f"profile-{k}").strip() for k in PROFILE_LABELS})
        folder = self._value("files-folder").strip()
        if folder == str(user_settings.default_files_folder()):
            folder = ""  # the default stays the default, wherever the documents folder moves
        try:
            path = user_settings.save_settings(Settings(profile=profile, files_folder=folder))
        except user_settings.SettingsError as exc:
            self.query_one("#form-error", Static).update(f"✗ {exc}")
            return
        self.app.notify(f"Inställningarna sparades i {path}.", title="Inställningar", markup=False)
        self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(False)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

