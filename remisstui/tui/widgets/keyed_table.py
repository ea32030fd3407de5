"""A DataTable keyed by row id that updates cells in place and keeps the cursor by key."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, RowDoesNotExist


class KeyedTable(DataTable):
    BINDINGS = [
        Binding("j", "cursor_down", "Ned", show=False),
        Binding("k", "cursor_up", "Upp", show=False),
        Binding("g", "scroll_top", "Först", show=False),
        Binding("G", "scroll_bottom", "Sist", show=False),
    ]

    def __init__(self, columns: Sequence[tuple[str, str]], **kwargs) -> None:
        kwargs.setdefault("cursor_type", "row")
        kwargs.setdefault("zebra_stripes", True)
        super().__init__(**kwargs)
        self._columns_spec = list(columns)
        self._keys: list[str] = []
        self._cells: dict[str, tuple[Text, ...]] = {}
        self._keep_after_columns: str | None = None

    def on_mount(self) -> None:
        for key, label in self._columns_spec:
            self.add_column(Text(label), key=key)

    def set_columns(self, columns: Sequence[tuple[str, str]]) -> None:
        """Change the columns (e.g. fewer on a narrow terminal); the next sync rebuilds."""
        columns = list(columns)
        if columns == self._columns_spec and len(self.columns) == len(columns):
            return
        keep = self.current_key
        self.clear(columns=True)
        self._columns_spec = columns
        self._keys = []
        self._cells = {}
        self._keep_after_columns = keep
        for key, label in columns:
            self.add_column(Text(label), key=key)

    @property
    def column_keys(self) -> list[str]:
        return [k for k, _ in self._columns_spec]

    @property
    def row_keys(self) -> list[str]:
        return list(self._keys)

    @property
    def current_key(self) -> str | None:
        if not self._keys or self.cursor_row < 0 or self.cursor_row >= len(self._keys):
            return None
        return self._keys[self.cursor_row]

    def cells_of(self, key: str) -> tuple[Text, ...] | None:
        return self._cells.get(key)

    def sync(self, rows: Sequence[tuple[str, Sequence[Text]]], *, keep: str | None = None) -> None:
        """Show exactly these rows. Same keys in the same order: changed cells are updated in
        place. Otherwise the table is rebuilt and the cursor put back on the same key."""
        keys = [k for k, _ in rows]
        wanted = keep if keep is not None else (self.current_key or self._keep_after_columns)
        self._keep_after_columns = None
        col_keys = [k for k, _ in self._columns_spec]
        if keys == self._keys and self.row_count == len(keys):
            for key, cells in rows:
                old = self._cells.get(key, ())
                for i, value in enumerate(cells):
                    if i >= len(old) or not _same(old[i], value):
                        try:
                            self.update_cell(key, col_keys[i], value)
                        except (CellDoesNotExist, RowDoesNotExist):
                            pass
                self._cells[key] = tuple(cells)
            return
        old_row = self.cursor_row
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


def _same(a: Text, b: Text) -> bool:
    # Text.__eq__ ignores the base style; a colour change must update the cell too.
    return a.plain == b.plain and str(a.style) == str(b.style) and a.spans == b.spans
