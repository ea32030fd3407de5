"""A keyed table with the detail of its highlighted row: the remiss screen's recipients and the
history's events are both this. Whether the detail sits beside or below the table is the
stylesheet's (app.tcss, by the ids given)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from .columns import Column
from .keyed_table import KeyedTable


class TableDetail(Horizontal):
    def __init__(
        self,
        columns: Sequence[Column | tuple[str, str]],
        detail: Callable[[str | None], Text],
        *,
        id: str,
        table_id: str,
        detail_id: str,
        text_id: str,
    ) -> None:
        super().__init__(id=id)
        self._columns = columns
        self._detail = detail  # the text for a row key (None: no row)
        self._ids = (table_id, detail_id, text_id)

    def compose(self) -> ComposeResult:
        table_id, detail_id, text_id = self._ids
        yield KeyedTable(self._columns, id=table_id)
        with VerticalScroll(id=detail_id):
            yield Static("", id=text_id, markup=False)

    @property
    def table(self) -> KeyedTable:
        return self.query_one(KeyedTable)

    def show_detail(self) -> None:
        """Show the highlighted row's detail (call after the rows changed)."""
        self.query_one(f"#{self._ids[2]}", Static).update(self._detail(self.table.current_key))

    @on(KeyedTable.RowHighlighted)
    def _highlighted(self, _event: KeyedTable.RowHighlighted) -> None:
        self.show_detail()
