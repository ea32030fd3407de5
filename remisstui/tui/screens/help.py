"""Hjälp (? and F1): the keys of the screen the user came from."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static
from .base import AppModal

NAMES = {
    "OverviewScreen": "Översikt",
    "RemissScreen": "Remiss",
    "HistoryScreen": "Historik",
}

GENERAL = [
    ("↑ ↓  j k", "flytta markören"),
    ("g G  Home End", "första / sista raden"),
    ("PgUp PgDn", "en sida upp / ned"),
    ("Ctrl+P", "kommandopaletten: alla kommandon och ”Gå till remiss …”"),
    ("Ctrl+Q", "avsluta direkt"),
]

# In a form the keys move between fields, not rows.
FORM_GENERAL = [
    ("Tab Shift+Tab", "nästa / föregående fält"),
    ("Enter", "i en lista: välj; i ett filter: till listan"),
    ("Ctrl+S", "spara"),
    ("Esc", "stäng (frågar om osparade ändringar)"),
]


class HelpScreen(AppModal[None]):
    BINDINGS = [
        Binding("escape,question_mark,f1,q", "close", "Stäng", id="help.close"),
    ]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.for_screen = screen

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static("", id="help-title", markup=False)
            with VerticalScroll(id="help-scroll"):
                yield Static("", id="help-keys", markup=False)
            yield Static(Text("Esc, ? eller q stänger", style="dim"), id="help-foot", markup=False)

    def on_mount(self) -> None:
        screen_name = NAMES.get(type(self.for_screen).__name__, getattr(self.for_screen, "sub_title", "") or "")
        if not screen_name:  # a form: its box's title ("Ny remiss", "Svar från …")
            boxes = self.for_screen.query(".form-box")
            screen_name = str(boxes.first().border_title or "") if boxes else ""
        self.query_one("#help-title", Static).update(Text(f"Hjälp – {screen_name}", style="bold"))
        self.query_one("#help-keys", Static).update(self.keys_text())

    def keys_text(self) -> Text:
        app = self.app
        rows: list[tuple[str, str]] = []
        seen_actions: set[str] = set()
        for _key, active in self.for_screen.active_bindings.items():
            b = active.binding
            if not b.description or not b.id or b.action in seen_actions:
                continue
            if b.action in ("command_palette", "app.command_palette"):
                continue
            keys = [k for k, a in self.for_screen.active_bindings.items() if a.binding.action == b.action]
            seen_actions.add(b.action)
            shown = "  ".join(app.get_key_display(self.for_screen.active_bindings[k].binding) for k in keys)
            rows.append((shown, b.tooltip or b.description))
        general = FORM_GENERAL if hasattr(self.for_screen, "form_state") else GENERAL
        width = max([len(k) for k, _ in rows + general] + [8]) + 2
        t = Text()
        t.append("Tangenter på den här skärmen\n", style="bold")
        for keys, desc in rows:
            t.append(keys.ljust(width), style="bold")
            t.append(desc)
            t.append("\n")
        t.append("\nÖverallt\n", style="bold")
        for keys, desc in general:
            t.append(keys.ljust(width), style="bold")
            t.append(desc)
            t.append("\n")
        if type(self.for_screen).__name__ == "RemissScreen":
            t.append(
                "\nMed markerade rader (mellanslag) gäller status, påminnelse och anstånd alla "
                "markerade mottagare. / filtrerar på text, status och typ; antalet visas som ”12 av 40”.\n",
                style="dim",
            )
        return t

    def action_close(self) -> None:
        self.dismiss(None)
