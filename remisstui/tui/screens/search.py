"""Sök: text across every recipient of every remiss, or every overdue recipient.

The search itself is remisstui.search (no Textual there). Typing is debounced; each search runs in
an exclusive thread worker (a newer one cancels the older) that posts its result as a message; the
handler on the UI thread fills the table. The table holds at most `search.DEFAULT_LIMIT` rows and
is filled in batches, the visible ones first, so even 500 rows show at once.

The text index is built in the background the first time (the app may already have started it);
until then the overdue list works (it reads only the summary index) and a text search runs over
what has been read so far, saying so.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Checkbox, DataTable, Header, Input, Static
from textual.worker import get_current_worker

from ...services import search
from ...store.repository import Store, StoreError
from ..stale import ReloadWhenShown
from ..text import WARNING_GLYPH, cell, iso, status_word, theme_color
from ..widgets.columns import Column, fit, shorten
from ..widgets.footer import AppFooter
from .base import AppScreen

DEBOUNCE_SECONDS = 0.15
FIRST_BATCH = 30  # at least; more when the table is taller
BATCH = 100
BATCH_DELAY = 0.03  # seconds between batches: keys stay responsive while a long list fills

# Who and what first: a 120-column terminal shows everything up to the due date.
# The dnr, status and due date are never shortened; names and text give way, and at a narrow
# width the remiss title, then the match, are left out.
COLUMNS = [
    Column("dnr", "Dnr"),
    Column("organisation", "Organisation", shrink=16),
    Column("match", "Träff", shrink=12, drop=1),
    Column("status", "Status"),
    Column("due", "Svarsdatum"),
    Column("title", "Remiss", shrink=12, drop=2),
]


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")


class SearchScreen(ReloadWhenShown, AppScreen):
    """Search every recipient; Enter opens the remiss."""

    DEFAULT_CSS = """
    SearchScreen #search-bar {
        height: auto;
        padding: 0 1;
    }
    SearchScreen #search-input {
        width: 1fr;
    }
    SearchScreen #search-overdue {
        width: auto;
    }
    SearchScreen #search-results {
        height: 1fr;
    }
    """

    BINDINGS = [
        Binding("escape", "back", "Tillbaka", id="search.back"),
        Binding("ctrl+o", "toggle_overdue", "Bara försenade", id="search.overdue", priority=True),
        Binding("ctrl+l", "focus_input", "Sökfältet", show=False, id="search.focus"),
    ]

    limit = search.DEFAULT_LIMIT  # rows shown at most; the rest are counted

    class Results(Message):
        """A search finished (posted by the worker thread)."""

        def __init__(self, result: search.SearchResult, seq: int) -> None:
            super().__init__()
            self.result = result
            self.seq = seq

    class Failed(Message):
        def __init__(self, error: str, seq: int) -> None:
            super().__init__()
            self.error = error
            self.seq = seq

    def __init__(self, store: Store, *, today: date | None = None, query: str = "", overdue_only: bool = False) -> None:
        super().__init__()
        self.store = store
        self._today = today
        self._initial_query = query
        self._initial_overdue = overdue_only
        self.index = search.search_index(store)
        self.result: search.SearchResult | None = None  # the result shown now
        self._seq = 0  # the newest search asked for
        self._fill_seq = 0
        self._pending: list[tuple[str, dict[str, Text]]] = []
        self._debounce: Timer | None = None
        self._progress_timer: Timer | None = None
        self._row_hits: dict[str, search.SearchHit] = {}

    @property
    def today(self) -> date:
        if self._today is not None:
            return self._today
        return getattr(self.app, "today", None) or date.today()

    # --- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        with Horizontal(id="search-bar"):
            yield Input(
                value=self._initial_query,
                placeholder="Sök i alla mottagare: organisation, dnr, ställningstagande, synpunkter …",
                id="search-input",
            )
            yield Checkbox("Bara försenade", value=self._initial_overdue, id="search-overdue")
        table: DataTable = DataTable(id="search-results", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="search-status", classes="statusline", markup=False)
        yield AppFooter()

    def on_mount(self) -> None:
        self.title = "remisstui"
        self.sub_title = "Sök bland alla mottagare"
        self._columns: list[Column] = []
        self._limits: dict[str, int] = {}
        self._set_columns(list(COLUMNS))
        self.query_one("#search-input", Input).focus()
        self.index.start_preload()
        if not self.index.ready:
            self._progress_timer = self.set_interval(0.5, self._check_preload)
        self.run_search()

    # --- input ------------------------------------------------------------------------------

    def type_ahead(self, text: str) -> None:
        """Letters typed right after "/" that reached the screen below before this one opened."""
        fields = self.query("#search-input").results(Input)
        field = next(iter(fields), None)
        if field is None:  # not composed yet: the field will start with it
            self._initial_query += text
        else:
            field.value += text
            field.cursor_position = len(field.value)

    @property
    def query_text(self) -> str:
        return self.query_one("#search-input", Input).value

    @property
    def overdue_only(self) -> bool:
        return self.query_one("#search-overdue", Checkbox).value

    @on(Input.Changed, "#search-input")
    def _changed(self, _event: Input.Changed) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE_SECONDS, self.run_search)

    @on(Input.Submitted, "#search-input")
    def _submitted(self, _event: Input.Submitted) -> None:
        self.run_search()
        table = self.query_one("#search-results", DataTable)
        if table.row_count:
            table.focus()

    @on(Checkbox.Changed, "#search-overdue")
    def _overdue_changed(self, _event: Checkbox.Changed) -> None:
        self.run_search()

    def action_toggle_overdue(self) -> None:
        box = self.query_one("#search-overdue", Checkbox)
        box.value = not box.value

    def action_focus_input(self) -> None:
        self.query_one("#search-input", Input).focus()

    def key_down(self) -> None:
        if isinstance(self.focused, Input) and self.query_one("#search-results", DataTable).row_count:
            self.query_one("#search-results", DataTable).focus()

    # --- searching --------------------------------------------------------------------------

    def run_search(self) -> None:
        """Search now for what the input and the toggle say (the newest search wins)."""
        if self._debounce is not None:
            self._debounce.stop()
            self._debounce = None
        self._seq += 1
        text = self.query_text
        if not search.normalise_query(text) and not self.overdue_only:
            self._show(search.SearchResult(query="", overdue_only=False, complete=self.index.ready), self._seq)
            return
        self._set_status(Text("Söker …"))
        self._search(text, self.overdue_only, self.today, self._seq)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, text: str, overdue_only: bool, today: date, seq: int) -> None:
        worker = get_current_worker()
        try:
            result = self.index.search(
                text, today=today, overdue_only=overdue_only, limit=self.limit, cancelled=lambda: worker.is_cancelled
            )
        except (StoreError, OSError) as exc:
            if not worker.is_cancelled:
                self.post_message(self.Failed(str(exc), seq))
            return
        if not worker.is_cancelled:
            self.post_message(self.Results(result, seq))

    def on_search_screen_results(self, message: Results) -> None:
        message.stop()
        if message.seq != self._seq:
            return  # a newer search is on its way
        self._show(message.result, message.seq)

    def on_search_screen_failed(self, message: Failed) -> None:
        message.stop()
        if message.seq == self._seq:
            self._set_status(Text(message.error))
            self.app.notify(message.error, title="Sökningen misslyckades", severity="error", markup=False)

    def _check_preload(self) -> None:
        if self.index.ready:
            if self._progress_timer is not None:
                self._progress_timer.stop()
                self._progress_timer = None
            if search.normalise_query(self.query_text):
                self.run_search()  # the first answer covered only what was read by then
            elif self.result is not None:
                self._show_status(self.result)
            return
        if self.result is not None:
            self._show_status(self.result)

    # --- showing ----------------------------------------------------------------------------

    def _set_columns(self, columns: list[Column]) -> None:
        table = self.query_one("#search-results", DataTable)
        if columns == self._columns and len(table.columns) == len(columns):
            return
        table.clear(columns=True)
        for column in columns:
            table.add_column(Text(column.label), key=column.key)
        self._columns = columns

    def _show(self, result: search.SearchResult, seq: int) -> None:
        self.result = result
        table = self.query_one("#search-results", DataTable)
        table.clear()
        self._row_hits = {}
        self._fill_seq = seq
        self._pending = []
        err = theme_color(self.app, "error")
        today = self.today
        widths = dict.fromkeys((c.key for c in COLUMNS), 0)
        for hit in result.hits:
            key = f"{hit.file}\x1f{hit.organisation}"
            if key in self._row_hits:
                continue
            self._row_hits[key] = hit
            cells = self._cells(hit, err, today)
            for k, value in cells.items():
                widths[k] = max(widths[k], value.cell_len)
            self._pending.append((key, cells))
        width = (table.size.width or self.app.size.width) - table.styles.scrollbar_size_vertical - 1
        fitted = fit(COLUMNS, widths, width, 2 * table.cell_padding)
        self._set_columns([c for c, _ in fitted])
        self._limits = {c.key: limit for c, limit in fitted if limit is not None}
        # What a tall terminal shows first; the rest follows in batches after that is painted.
        self._add_batch(seq, max(FIRST_BATCH, table.size.height + 5))
        self._show_status(result)

    @staticmethod
    def _cells(hit: search.SearchHit, err: str, today: date) -> dict[str, Text]:
        if hit.overdue:
            late = hit.days_late(today) or 0
            due = cell(f"{iso(hit.due)} {WARNING_GLYPH} {late} d sen", err)
        else:
            due = cell(iso(hit.due))
        return {
            "dnr": cell(hit.dnr, "bold"),
            "organisation": cell(hit.organisation),
            # a match in the name is visible in the name itself
            "match": cell(hit.snippet) if hit.snippet and hit.where != "organisation" else cell(""),
            "status": cell(status_word(hit.status)),
            "due": due,
            "title": cell(hit.title),
        }

    def _add_batch(self, seq: int, size: int = BATCH) -> None:
        if seq != self._fill_seq or not self._pending:
            return
        table = self.query_one("#search-results", DataTable)
        batch, self._pending = self._pending[:size], self._pending[size:]
        limits = self._limits
        for key, cells in batch:
            table.add_row(
                *(shorten(cells[c.key], limits[c.key]) if c.key in limits else cells[c.key] for c in self._columns),
                key=key,
            )
        if self._pending:
            self.set_timer(BATCH_DELAY, lambda: self._add_batch(seq))

    def _show_status(self, result: search.SearchResult) -> None:
        shown, total = len(result.hits), result.total
        if not result.query and not result.overdue_only:
            line = "Skriv för att söka i alla remissers mottagare och svar, eller visa bara försenade (Ctrl+O)."
        elif total == 0:
            line = "Inga träffar." if result.query else "Inga försenade mottagare."
        elif result.capped:
            line = f"visar {_thousands(shown)} av {_thousands(total)} — förfina filtret"
        else:
            what = "försenad mottagare" if total == 1 else "försenade mottagare"
            line = f"{_thousands(total)} {what}" if result.overdue_only and not result.query else (
                f"{_thousands(total)} {'träff' if total == 1 else 'träffar'}"
            )
        if not self.index.ready and result.query:
            line += (
                f" · läser fortfarande in texterna: {_thousands(self.index.loaded_files)} av "
                f"{_thousands(self.index.total_files)} remisser"
            )
        self._set_status(Text(line))

    def _set_status(self, text: Text) -> None:
        self.query_one("#search-status", Static).update(text)

    # --- actions ----------------------------------------------------------------------------

    @property
    def current_dnr(self) -> str | None:
        table = self.query_one("#search-results", DataTable)
        if not table.row_count:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:
            return None
        hit = self._row_hits.get(key or "")
        return hit.dnr if hit else None

    @on(DataTable.RowSelected, "#search-results")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        hit = self._row_hits.get(event.row_key.value or "")
        if hit:
            self.open_remiss(hit.dnr, hit.organisation)

    def open_remiss(self, dnr: str, organisation: str | None = None) -> None:
        """Open the hit's remiss with the hit's recipient selected."""
        opener = getattr(self.app, "open_remiss", None)
        if callable(opener):
            opener(dnr, organisation)
        else:
            self.dismiss(dnr)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)

    def reload(self) -> None:
        """The app calls this when another process changed the folder: search again."""
        if self.result is not None and (self.result.query or self.result.overdue_only):
            self.run_search()
