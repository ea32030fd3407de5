"""Export dialogs: the remissammanställning in a chosen format, and the beredning text.

`ExportScreen` asks for a format and a file name (a sensible default in the user's files folder,
whose extension follows the format; the folder of a file saved becomes the default next time), confirms before overwriting, writes through `remisstui.exporting`
(atomically) and dismisses with the path written. Errors stay in the dialog, in Swedish.
When `organisations` is given (the recipient table as currently filtered), the table of exactly
those rows can be exported to CSV or XLSX.

`BeredningScreen` shows the beredning text in a read-only TextArea to select and copy, and saves it
to a .txt file.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from ...services import exports
from ...formats.render_csv import DEFAULT_SEP
from ...formats.summary_formats import FORMATS
from ...store.repository import StoreError
from ..widgets.path_input import PathInput
from .base import AppModal

# Recipient-table choices: (value, label, summary format code).
ROW_CHOICES = (
    ("rows-csv", "Mottagartabellen (CSV)", "csv"),
    ("rows-xlsx", "Mottagartabellen (XLSX)", "xlsx"),
)
SEPARATORS = (
    (";", "Semikolon (;) – för svenskt Excel"),
    (",", "Komma (,)"),
)

DIALOG_CSS = """
{cls} {{
    align: center middle;
}}
{cls} > #box {{
    width: 84;
    max-width: 100%;
    height: auto;
    max-height: 100%;
    border: round $primary;
    background: $surface;
    padding: 0 1;
}}
{cls} .head {{
    text-style: bold;
    height: auto;
    margin-bottom: 1;
}}
{cls} .row {{
    height: auto;
    margin-bottom: 1;
}}
{cls} .row Label {{
    width: 12;
    padding-top: 1;
    color: $text-muted;
}}
{cls} .row Input, {cls} .row Select {{
    width: 1fr;
}}
{cls} .note {{
    color: $text-muted;
    height: auto;
}}
{cls} .error {{
    color: $text-error;
    text-style: bold;
    height: auto;
}}
{cls} .buttons {{
    height: auto;
    align-horizontal: right;
    margin-top: 1;
}}
{cls} .buttons Button {{
    margin-left: 1;
}}
"""


def _resolve(name: str) -> Path:
    """A typed file name: absolute as it is, else in the files folder the user chose (or Documents)."""
    return exports.resolve_target(name)


def _files_folder() -> Path:
    try:
        return exports.files_folder()
    except StoreError:
        from ...services.settings import default_files_folder

        return default_files_folder()


def _confirm_overwrite(screen: ModalScreen, path: Path, write: Callable[[], None]) -> None:
    """Ask before replacing an existing file; `write` runs only on yes."""
    if not path.is_file():
        write()
        return
    from .dialogs import ConfirmScreen

    def answered(yes: bool | None) -> None:
        if yes:
            write()

    screen.app.push_screen(
        ConfirmScreen(f"{path.name} finns redan i {path.parent}. Vill du skriva över den?",
                      yes="Skriv över", no="Avbryt"),
        answered,
    )


class ExportScreen(AppModal[str | None]):
    """Choose format and file; write the summary (or the filtered recipient table)."""

    DEFAULT_CSS = DIALOG_CSS.format(cls="ExportScreen")

    BINDINGS = [
        Binding("ctrl+s", "save", "Spara", priority=True),
        Binding("escape", "cancel", "Avbryt"),
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
        self.remiss = store.load(dnr)
        self.dnr = self.remiss.dnr
        self.organisations = list(organisations) if organisations is not None else None
        self._today = today
        self.choice = "docx"

    @property
    def today(self) -> date:
        return self._today or getattr(self.app, "today", None) or date.today()

    # --- choices ----------------------------------------------------------------------------

    def _options(self) -> list[tuple[Text, str]]:
        options = [(Text(f.label), f.code) for f in FORMATS.values()]
        if self.organisations is not None:
            options += [(Text(label), value) for value, label, _code in ROW_CHOICES]
        return options

    @staticmethod
    def _code(choice: str) -> str:
        for value, _label, code in ROW_CHOICES:
            if value == choice:
                return code
        return choice

    def _default_name(self, choice: str) -> str:
        rows = choice.startswith("rows-")
        return exports.default_filename(self.dnr, self._code(choice), recipients=rows)

    # --- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="box") as box:
            box.border_title = "Exportera"
            yield Static(f"{self.remiss.dnr} · {self.remiss.title}", classes="head", markup=False)
            with Horizontal(classes="row"):
                yield Label("Format", markup=False)
                yield Select(self._options(), value="docx", allow_blank=False, id="format")
            # The file right after the format: Tab from the format reaches it whether or not the
            # CSV separator is shown (a path typed after Tab went into Avgränsare).
            with Horizontal(classes="row"):
                yield Label("Fil", markup=False)
                yield PathInput(self._default_name("docx"), base=lambda: str(_files_folder()), id="filename")
            with Horizontal(classes="row", id="sep-row"):
                yield Label("Avgränsare", markup=False)
                yield Select([(Text(label), value) for value, label in SEPARATORS], value=DEFAULT_SEP,
                             allow_blank=False, id="sep")
            folder_note = f"Sparas i {_files_folder()} om du inte anger en hel sökväg."
            yield Static(folder_note, classes="note", id="folder-note", markup=False)
            if self.organisations is not None:
                yield Static(self._rows_note(), classes="note", id="rows-note", markup=False)
            yield Static("", classes="error", id="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(Text("Spara"), variant="primary", id="save")
                yield Button(Text("Avbryt"), id="cancel")
            yield Static("Ctrl+S sparar · Esc avbryter", classes="note", markup=False)

    def _rows_note(self) -> str:
        """What the chosen export holds: the rows shown (the recipient table) or the whole remiss
        (every other format), so the note never promises the shown rows for a whole summary."""
        n = len(self.organisations or ())
        rows = "den rad som visas nu" if n == 1 else f"de {n} rader som visas nu"
        if self.choice.startswith("rows-"):
            return f"Mottagartabellen gäller {rows}."
        return f"{FORMATS[self._code(self.choice)].label} gäller hela remissen, inte bara {rows}."

    def on_mount(self) -> None:
        self.query_one("#sep-row").display = False
        self.query_one("#format", Select).focus()

    # --- events -----------------------------------------------------------------------------

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.value is Select.NULL or event.value == self.choice:
            return
        old, self.choice = self.choice, str(event.value)
        field = self.query_one("#filename", Input)
        name = field.value.strip()
        if not name or name == self._default_name(old):
            field.value = self._default_name(self.choice)
        else:
            ext = "." + FORMATS[self._code(self.choice)].extension
            path = Path(name)
            field.value = str(path.with_suffix(ext)) if path.suffix else name + ext
        self.query_one("#sep-row").display = self._code(self.choice) == "csv"
        for note in self.query("#rows-note").results(Static):
            note.update(self._rows_note())
        self._error("")

    @on(Input.Submitted, "#filename")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _error(self, message: str) -> None:
        self.query_one("#error", Static).update(Text(message))

    def action_save(self) -> None:
        name = self.query_one("#filename", Input).value
        if not name.strip():
            self._error("Ange ett filnamn.")
            return
        try:
            path = _resolve(name)
        except StoreError as exc:
            self._error(str(exc))
            return
        if path.is_dir():
            self._error(f"{path} är en mapp. Ange ett filnamn.")
            return
        _confirm_overwrite(self, path, lambda: self._write(path))

    def _write(self, path: Path) -> None:
        sep = self.query_one("#sep", Select).value
        rows = self.choice.startswith("rows-")
        try:
            written = exports.export_summary(
                self.store,
                self.dnr,
                self._code(self.choice),
                path,
                today=self.today,
                sep=str(sep) if sep in (",", ";") else DEFAULT_SEP,
                organisations=self.organisations if rows else None,
            )
        except StoreError as exc:
            self._error(str(exc))
            return
        exports.remember_folder(written)
        self.app.notify(f"Sparade {written}", title="Export", markup=False)
        self.dismiss(str(written))


class BeredningScreen(AppModal[str | None]):
    """The beredning text to select and copy; Ctrl+S saves it as a .txt file."""

    DEFAULT_CSS = DIALOG_CSS.format(cls="BeredningScreen") + """
    BeredningScreen > #box {
        width: 110;
        height: 90%;
    }
    BeredningScreen #text {
        height: 1fr;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Spara som .txt", priority=True),
        Binding("ctrl+k", "copy_all", "Kopiera allt", priority=True),
        Binding("escape", "close", "Stäng"),
    ]

    def __init__(self, store, dnr: str, *, today: date | None = None) -> None:
        super().__init__()
        self.store = store
        self.remiss = store.load(dnr)
        self.dnr = self.remiss.dnr
        self._today = today
        self.saved: str | None = None

    @property
    def today(self) -> date:
        return self._today or getattr(self.app, "today", None) or date.today()

    def compose(self) -> ComposeResult:
        text = exports.render_summary(self.store, self.dnr, "beredning", today=self.today).decode("utf-8")
        self.text = text
        with Vertical(id="box") as box:
            box.border_title = "Beredningstext"
            yield Static(f"{self.remiss.dnr} · {self.remiss.title}", classes="head", markup=False)
            yield TextArea(text, read_only=True, soft_wrap=True, show_line_numbers=False, id="text")
            with Horizontal(classes="row"):
                yield Label("Fil", markup=False)
                yield PathInput(exports.default_filename(self.dnr, "beredning"), base=lambda: str(_files_folder()),
                                id="filename")
            yield Static("", classes="error", id="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(Text("Kopiera allt"), id="copy")
                yield Button(Text("Spara som .txt"), variant="primary", id="save")
                yield Button(Text("Stäng"), id="close")
            yield Static("Markera text med musen eller Skift+pilar och kopiera · Ctrl+K kopierar allt · "
                         "Ctrl+S sparar · Esc stänger", classes="note", markup=False)

    def on_mount(self) -> None:
        self.query_one("#text", TextArea).focus()

    @on(Button.Pressed, "#copy")
    def _copy_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_copy_all()

    @on(Button.Pressed, "#close")
    def _close_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_close()

    @on(Input.Submitted, "#filename")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_close(self) -> None:
        self.dismiss(self.saved)

    def action_copy_all(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self.app.notify("Beredningstexten kopierades.", markup=False)

    def action_save(self) -> None:
        name = self.query_one("#filename", Input).value
        error = self.query_one("#error", Static)
        if not name.strip():
            error.update(Text("Ange ett filnamn."))
            return
        try:
            path = _resolve(name)
        except StoreError as exc:
            error.update(Text(str(exc)))
            return
        if path.is_dir():
            error.update(Text(f"{path} är en mapp. Ange ett filnamn."))
            return

        def write() -> None:
            try:
                written = exports.write_bytes(path, self.text.encode("utf-8"))
            except StoreError as exc:
                error.update(Text(str(exc)))
                return
            error.update(Text(""))
            exports.remember_folder(written)
            self.saved = str(written)
            self.app.notify(f"Sparade {written}", title="Beredningstext", markup=False)

        _confirm_overwrite(self, path, write)
