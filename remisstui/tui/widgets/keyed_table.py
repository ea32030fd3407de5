"""A DataTable keyed by row id that updates cells in place, keeps the cursor by key, and fits
its columns to its width (columns.py): names are shortened and optional columns left out, so no
value is cut at the table's right edge."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, RowDoesNotExist

from .columns import Column, as_column, fit, shorten


class KeyedTable(DataTable):
    BINDINGS = [
        Binding("j", "cursor_down", "Ned", show=False),
        Binding("k", "cursor_up", "Upp", show=False),
        # Home/End go to the first/last row as the help says (DataTable's own move sideways, and
        # a row table has nothing to scroll sideways to).
        Binding("g,home", "scroll_top", "Först", show=False),
        Binding("G,end", "scroll_bottom", "Sist", show=False),
    ]

    def __init__(self, columns: Sequence[Column | tuple[str, str]], **kwargs) -> None:
        kwargs.setdefault("cursor_type", "row")
        kwargs.setdefault("zebra_stripes", True)
        super().__init__(**kwargs)
        self._all_columns = [as_column(c) for c in columns]
        self._columns_spec: list[Column] = list(self._all_columns)  # the ones shown
        self._limits: dict[str, int] = {}
        self._keys: list[str] = []
        self._cells: dict[str, tuple[Text, ...]] = {}
        self._full: list[tuple[str, tuple[Text, ...]]] = []  # the rows as given, before fitting
        self._keep_after_columns: str | None = None
        self._fitted_width = 0

    def on_mount(self) -> None:
        for column in self._columns_spec:
            self.add_column(Text(column.label), key=column.key)

    def set_columns(self, columns: Sequence[Column | tuple[str, str]]) -> None:
        """Change the columns the rows are given for; the next sync shows them."""
        columns = [as_column(c) for c in columns]
        if columns == self._all_columns:
            return
        self._all_columns = columns
        self._full = []

    @property
    def column_keys(self) -> list[str]:
        """The keys of the columns shown now."""
        return [c.key for c in self._columns_spec]

    @property
    def row_keys(self) -> list[str]:
        return list(self._keys)

    @property
    def current_key(self) -> str | None:
        if not self._keys or self.cursor_row < 0 or self.cursor_row >= len(self._keys):
            return None
        return self._keys[self.cursor_row]

    def cells_of(self, key: str) -> tuple[Text, ...] | None:
        """The row's cells as shown (the columns of `column_keys`)."""
        return self._cells.get(key)

    def _available(self) -> int:
        width = self.size.width or (self.parent.size.width if self.parent is not None else 0) or self.app.size.width
        return width - self.styles.scrollbar_size_vertical - 1

    def _fit(self, rows: Sequence[tuple[str, Sequence[Text]]]) -> tuple[list[Column], dict[str, int]]:
        keys = [c.key for c in self._all_columns]
        widths = dict.fromkeys(keys, 0)
        filled = dict.fromkeys(keys, 0)
        for _key, cells in rows:
            for k, value in zip(keys, cells):
                n = value.cell_len
                if n:
                    filled[k] += 1
                if n > widths[k]:
                    widths[k] = n
        # Mostly empty: a value in at most a third of the rows.
        sparse = {k for k in keys if rows and filled[k] * 3 <= len(rows)}
        fitted = fit(self._all_columns, widths, self._available(), 2 * self.cell_padding, sparse)
        shown = [c for c, _ in fitted]
        if self._same_rows(rows) and shown != self._columns_spec and self._columns_spec:
            # The same rows with a changed value keep their columns when those still fit without
            # leaving one out (a wider status does not rebuild the table; it is updated in place).
            kept = fit(self._columns_spec, widths, self._available(), 2 * self.cell_padding)
            if [c for c, _ in kept] == self._columns_spec:
                fitted = kept
                shown = list(self._columns_spec)
        return shown, {c.key: limit for c, limit in fitted if limit is not None}

    def _same_rows(self, rows: Sequence[tuple[str, Sequence[Text]]]) -> bool:
        return [k for k, _ in rows] == self._keys and self.row_count == len(rows)

    def sync(self, rows: Sequence[tuple[str, Sequence[Text]]], *, keep: str | None = None) -> None:
        """Show exactly these rows (cells in the order of the columns given). Same keys in the
        same order and the same fit: changed cells are updated in place. Otherwise the table is
        rebuilt and the cursor put back on the same key."""
        rows = [(k, tuple(cells)) for k, cells in rows]
        wanted = keep if keep is not None else (self.current_key or self._keep_after_columns)
        self._keep_after_columns = None
        old_row = self.cursor_row
        self._full = rows
        self._fitted_width = self.size.width
        shown, limits = self._fit(rows)
        all_keys = [c.key for c in self._all_columns]
        index = [all_keys.index(c.key) for c in shown]
        rows = [
            (k, tuple(shorten(cells[i], limits[all_keys[i]]) if all_keys[i] in limits else cells[i] for i in index))
            for k, cells in rows
        ]
        # New limits rebuild the columns too: a DataTable column keeps the width of its widest
        # cell ever, so after a filter the names were cut inside a wider column (issue 24).
        # (Only when the rows change anyway: the same rows with new values are updated in place.)
        old_limits, self._limits = self._limits, limits
        new_rows = not self._same_rows(rows)
        if shown != self._columns_spec or len(self.columns) != len(shown) or (new_rows and limits != old_limits):
            self.clear(columns=True)
            self._columns_spec = shown
            self._keys = []
            self._cells = {}
            for column in shown:
                self.add_column(Text(column.label), key=column.key)
        keys = [k for k, _ in rows]
        col_keys = [c.key for c in self._columns_spec]
        if keys == self._keys and self.row_count == len(keys):
            for key, cells in rows:
                old = self._cells.get(key, ())
                for i, value in enumerate(cells):
                    if i >= len(old) or not _same(old[i], value):
                        try:
                            self.update_cell(key, col_keys[i], value, update_width=True)
                        except (CellDoesNotExist, RowDoesNotExist):
                            pass
                self._cells[key] = tuple(cells)
            return
        self.clear()
        self._cells = {}
        self._keys = keys
        for key, cells in rows:
            self.add_row(*cells, key=key)
            self._cells[key] = tuple(cells)
        if not keys:
            return
        if wanted in keys:
            target = keys.index(wanted)
        else:
            target = min(max(old_row, 0), len(keys) - 1)
        self.move_cursor(row=target, animate=False, scroll=True)

    def on_resize(self) -> None:
        # A new width fits the columns anew (the screens need not know). The first layout gives
        # the table its width after the first sync: when the fit comes out the same, as it
        # mostly does, the rows already shown stay as they are.
        if not self._full or self.size.width == self._fitted_width:
            return
        shown, limits = self._fit(self._full)
        self._fitted_width = self.size.width
        if shown == self._columns_spec and limits == self._limits:
            return
        self.sync(self._full)


def _same(a: Text, b: Text) -> bool:
    # Text.__eq__ ignores the base style; a colour change must update the cell too.
    return a.plain == b.plain and str(a.style) == str(b.style) and a.spans == b.spans
