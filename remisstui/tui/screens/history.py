"""Historik: the remiss's events, newest first, with before → after; undo of the last change."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Static

from ...domain.history import last_undoable, target_label
from ...domain.model import Event
from .. import actions
from ..stale import ReloadWhenShown
from ..text import cell, one_line, stamp
from ..changes import describe_changes
from ..widgets.columns import Column
from ..widgets.footer import AppFooter
from ..widgets.keyed_table import KeyedTable
from ..widgets.table_detail import TableDetail
from .base import AppScreen

# Free text gives way, the time never; the detail pane has every change in full.
COLUMNS = [
    Column("at", "Tid"),
    Column("by", "Av", shrink=8),
    Column("target", "Gäller", shrink=14),
    Column("what", "Vad", shrink=20),
    Column("change", "Ändring", shrink=16, drop=1),
]


class HistoryScreen(ReloadWhenShown, AppScreen):
    BINDINGS = [
        Binding("escape", "back", "Tillbaka", id="history.back"),
        Binding("u", "undo", "Ångra senaste", tooltip="Ångra remissens senaste ändring", id="history.undo"),
        Binding("r", "reload", "Läs om", show=False, id="history.reload"),
    ]

    def __init__(self, dnr: str) -> None:
        super().__init__()
        self.dnr = dnr
        self.events: list[Event] = []

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        yield Static("", id="history-head", markup=False)
        yield TableDetail(COLUMNS, self._detail_text, id="history-main", table_id="events",
                          detail_id="event-detail", text_id="event-text")
        yield AppFooter()

    def on_mount(self) -> None:
        self.sub_title = "Historik"
        self.reload()
        self.query_one("#events", KeyedTable).focus()

    @property
    def table(self) -> KeyedTable:
        return self.query_one(TableDetail).table

    def reload(self) -> None:
        app = self.app
        loaded = actions.load_shown_remiss(self, lambda: app.store.load_with_events(self.dnr))
        if loaded is None:
            return
        remiss, events = loaded
        self.dnr = remiss.dnr
        self.title = one_line(f"{remiss.dnr} – {remiss.title}", 200)
        self.events = list(reversed(events))
        undoable = {id(e) for e in last_undoable(events)}
        rows = []
        for i, ev in enumerate(self.events):
            changes = describe_changes(ev, limit=1)
            mark = "↶ " if id(ev) in undoable else ""
            rows.append(
                (
                    str(len(self.events) - i),
                    (
                        cell(stamp(ev.at)),
                        cell(ev.by),
                        cell(target_label(ev.target)),
                        cell(mark + ev.what, "bold" if mark else ""),
                        cell(changes[0] if changes else "", "dim"),
                    ),
                )
            )
        self.table.sync(rows)
        head = Text()
        head.append(f"{len(events)} händelser, nyast först.")
        group = last_undoable(events)
        if group:
            head.append(" u ångrar: ")
            head.append(one_line(group[0].what, 80), style="bold")
        else:
            head.append(" Inget att ångra.")
        self.query_one("#history-head", Static).update(head)
        self.query_one(TableDetail).show_detail()

    def _detail_text(self, key: str | None) -> Text:
        if key is None:
            return Text("Ingen historik.")
        ev = self.events[len(self.events) - int(key)]
        t = Text()
        t.append(ev.what, style="bold")
        t.append("\n")
        t.append(f"{stamp(ev.at)} av ")
        t.append(ev.by)
        t.append("\nGäller: ")
        t.append(target_label(ev.target))
        t.append("\n")
        if ev.undoes:
            t.append("(ångrar en tidigare ändring)\n", style="dim")
        changes = describe_changes(ev)
        if changes:
            t.append("\nFöre → efter\n", style="bold")
            for line in changes:
                t.append(f"• {line}\n")
        return t

    def action_back(self) -> None:
        self.dismiss()

    def action_reload(self) -> None:
        if not self.app.check_external_changes():
            self.reload()

    def action_undo(self) -> None:
        actions.undo(self, self.dnr)
