"""Översikt: every active remiss as a row, with a summary line over all of them.

Reads only the store's index (services.overview_rows): no remiss file is opened here.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from ... import services
from ...domain.deadlines import DUE_SOON_DAYS
from ...domain.model import RemissState
from ...store.repository import StoreError
from .. import actions
from ..stale import ReloadWhenShown
from ..text import WARNING_GLYPH, cell, theme_color, days_text, iso, plural, progress_bar, state_word
from ..widgets.columns import Column
from ..widgets.footer import AppFooter
from ..widgets.keyed_table import KeyedTable
from ..widgets.upcoming import UpcomingDeadlines
from .base import AppScreen

# The title gives way to the rest; the counts of late and extended are in the summary line too.
COLUMNS = [
    Column("dnr", "Dnr"),
    Column("title", "Rubrik", shrink=24),
    Column("deadline", "Svarsdatum"),
    Column("days", "Kvar"),
    Column("progress", "Svar"),
    Column("overdue", "Försenade", drop=2),
    Column("extended", "Anstånd", drop=1),
    Column("state", "Läge"),
]

SORTS = [
    ("deadline", "svarsdatum"),
    ("dnr", "dnr"),
    ("title", "rubrik"),
    ("progress", "andel svar"),
    ("overdue", "försenade"),
]


class OverviewScreen(ReloadWhenShown, AppScreen):
    """The start screen."""

    BINDINGS = [
        Binding("enter", "open", "Öppna", tooltip="Öppna remissen", id="overview.open", priority=True),
        Binding("slash", "search", "Sök", tooltip="Sök bland alla mottagare i alla remisser (text eller försenade)",
                id="overview.search"),
        Binding("n", "new_remiss", "Ny remiss", tooltip="Skapa en ny remiss", id="overview.new"),
        Binding("c", "toggle_closed", "Avslutade", tooltip="Visa/dölj avslutade remisser", id="overview.closed"),
        Binding("s", "sort", "Sortera", tooltip="Byt sorteringskolumn", id="overview.sort"),
        Binding("S", "reverse", "Omvänd", tooltip="Vänd sorteringsordningen", show=False, id="overview.reverse"),
        Binding("h", "history", "Historik", tooltip="Historik för remissen", show=False, id="overview.history"),
        Binding("u", "undo", "Ångra", tooltip="Ångra remissens senaste ändring", show=False, id="overview.undo"),
        Binding("x", "export", "Exportera", tooltip="Exportera remissen", show=False, id="overview.export"),
        Binding("O", "organisations", "Register", tooltip="Organisationsregistret och sändlistor",
                show=False, id="overview.organisations"),
        Binding("r", "reload", "Läs om", tooltip="Läs om översikten från disk", show=False, id="overview.reload"),
        Binding("q", "app.quit", "Avsluta", tooltip="Avsluta programmet", id="overview.quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.include_closed = False
        self.sort_index = 0
        self.sort_reverse = False
        self.rows: list[services.OverviewRow] = []

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        with Vertical(id="overview-body"):
            yield Static("", id="summary", markup=False)
            yield KeyedTable(COLUMNS, id="remisser")
            yield _upcoming_widget(self)
            yield Static("", id="overview-status", classes="statusline", markup=False)
        yield AppFooter()

    def on_mount(self) -> None:
        self.title = "remisstui"
        self.sub_title = "Översikt"
        # Drawn from the index as it stands; the app validates it against the files right after
        # the first paint and redraws if anything had changed.
        self.reload(validate=False)
        self.query_one(KeyedTable).focus()

    # --- data -------------------------------------------------------------------------------

    @property
    def table(self) -> KeyedTable:
        return self.query_one("#remisser", KeyedTable)

    def reload(self, *, validate: bool = True) -> None:
        app = self.app
        try:
            # Read once for the table and the deadlines widget: at ten years this is the
            # biggest cost of showing the overview.
            summaries = app.store.summaries(include_closed=self.include_closed, validate=validate)
        except StoreError as exc:
            actions.report_error(app, exc)
            summaries = []
        self.rows = services.overview_rows(
            app.store, app.today, include_closed=self.include_closed, summaries=summaries
        )
        self._show()
        active = [s for s in summaries if s.state != RemissState.closed.value]
        for widget in self.query(UpcomingDeadlines):
            widget.refresh_data(summaries=active)

    def _sorted(self) -> list[services.OverviewRow]:
        key_name = SORTS[self.sort_index][0]
        keys = {
            "deadline": lambda r: (r.deadline is None, r.deadline or r.sent_on, r.dnr),
            "dnr": lambda r: r.dnr.casefold(),
            "title": lambda r: r.title.casefold(),
            "progress": lambda r: (r.done / r.total if r.total else 0, r.dnr),
            "overdue": lambda r: (-r.overdue, r.dnr),
        }
        return sorted(self.rows, key=keys[key_name], reverse=self.sort_reverse)

    def _show(self) -> None:
        app = self.app
        today = app.today
        width = self.table.size.width or app.size.width
        narrow = width < 100
        self._narrow = narrow  # on_resize redraws only when this changes
        err, warn, ok = (theme_color(app, n) for n in ("error", "warning", "success"))
        built = []
        for r in self._sorted():
            days = r.days_left(today)
            closed = r.state is RemissState.closed
            all_done = r.total > 0 and r.done >= r.total
            day_style = ""
            if not closed and not all_done and days is not None:
                day_style = err if days < 0 else warn if days <= DUE_SOON_DAYS else ""
            if closed:
                state = Text(state_word(r.state, short=True))
            elif r.overdue:
                state = Text(f"{WARNING_GLYPH} {r.overdue} sena" if narrow else f"{WARNING_GLYPH} försenade", style=err)
            elif all_done:
                state = Text("✓ alla svar", style=ok)
            else:
                state = Text(state_word(r.state, short=True))
            built.append(
                (
                    r,
                    {
                        "dnr": cell(r.dnr, "bold"),
                        "deadline": cell(iso(r.deadline)),
                        "days": cell(days_text(days, closed=closed or all_done), day_style),
                        "progress": cell(progress_bar(r.done, r.total), ok if all_done else ""),
                        "overdue": cell(str(r.overdue) if r.overdue else "–", err if r.overdue else ""),
                        "extended": cell(str(r.extended) if r.extended else "–"),
                        "state": state,
                    },
                )
            )
        rows = []
        for r, cells in built:
            cells["title"] = cell(r.title)  # the table shortens it to what the other columns leave
            rows.append((r.dnr, tuple(cells[c.key] for c in COLUMNS)))
        self.table.sync(rows)
        active = [r for r in self.rows if r.state is not RemissState.closed]
        parts = [
            plural(len(active), "remiss ute", "remisser ute"),
            plural(sum(r.total for r in active), "mottagare", "mottagare"),
            plural(sum(r.overdue for r in active), "försenad", "försenade"),
            f"{sum(r.extended for r in active)} med anstånd",
        ]
        self.query_one("#summary", Static).update(Text(" · ".join(parts)))
        shown = "alla remisser" if self.include_closed else "aktiva remisser"
        direction = "↓" if self.sort_reverse else "↑"
        self.query_one("#overview-status", Static).update(
            Text(f"Visar {shown} · sorterat på {SORTS[self.sort_index][1]} {direction} · ? hjälp")
        )

    def on_resize(self) -> None:
        # Columns only change at the narrow breakpoint; redrawing on every resize event cost
        # three full table builds at start-up.
        narrow = (self.table.size.width or self.app.size.width) < 100
        if narrow != getattr(self, "_narrow", None):
            self._narrow = narrow
            self.call_after_refresh(self._show)

    # --- actions ----------------------------------------------------------------------------

    @property
    def current_dnr(self) -> str | None:
        return self.table.current_key if self.rows else None

    def action_open(self) -> None:
        dnr = self.current_dnr
        if dnr:
            self.app.open_remiss(dnr)

    def on_data_table_row_selected(self, event: KeyedTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.app.open_remiss(event.row_key.value)

    def action_toggle_closed(self) -> None:
        self.include_closed = not self.include_closed
        self.reload()
        self.notify("Visar även avslutade remisser" if self.include_closed else "Visar bara aktiva remisser")

    def action_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(SORTS)
        self._show()

    def action_reverse(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self._show()

    def action_reload(self) -> None:
        self.app.check_external_changes() or self.reload()
        self.notify("Översikten lästes om")

    def action_search(self) -> None:
        from .search import SearchScreen

        self._search = self.app.build(SearchScreen, self.app.store)
        self.app.push_screen(self._search)

    def on_key(self, event: events.Key) -> None:
        # In a real terminal the letters of "/roll" typed in one burst are queued here before the
        # search screen opens; hand them on instead of losing them.
        # So "/" is handled here, at once, rather than by its binding after the letters.
        search = getattr(self, "_search", None)
        if search is None and event.key == "slash":
            event.stop()
            event.prevent_default()
            self.action_search()
        elif search is not None and event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            search.type_ahead(event.character)

    def on_screen_resume(self) -> None:
        self._search = None

    def action_new_remiss(self) -> None:
        from .edit_remiss import EditRemissScreen

        def done(dnr: str | None) -> None:
            self.app.wrote()
            self.reload()
            if dnr:
                self.app.open_remiss(dnr)

        self.app.push_screen(self.app.build(EditRemissScreen, self.app.store), done)

    def action_history(self) -> None:
        dnr = self.current_dnr
        if dnr:
            from .history import HistoryScreen

            self.app.push_screen(HistoryScreen(dnr))

    def action_undo(self) -> None:
        dnr = self.current_dnr
        if dnr:
            actions.undo(self, dnr)

    def action_export(self) -> None:
        dnr = self.current_dnr
        if dnr:
            self.app.open_export(dnr)

    def action_organisations(self) -> None:
        from .organisations import OrganisationsScreen
        self.app.push_screen(self.app.build(OrganisationsScreen, self.app.store), lambda _r: (self.app.wrote(), self.reload()))


def _upcoming_widget(screen: Screen):
    return UpcomingDeadlines(screen.app.store, screen.app.today, autoload=False)
