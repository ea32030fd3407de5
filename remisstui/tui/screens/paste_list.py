"""Klistra in sändlista: paste a recipient list, see what matched, what is new and what is unsure,
choose for the unsure ones, and give the names back to the remiss form.

The matching is services.recipient_list (one home for the TUI and the CLI). A bracketed paste arrives
as one Paste event and a raw paste as a burst of keys with Enters; the TextArea takes both, and the
result table is redrawn once the burst has been handled, not for each key.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Label, Static, TextArea

from ...domain.model import Remiss
from ...domain.register import Register
from ...services import recipient_list as rl
from .base import FormScreen
from .dialogs import ConfirmScreen
from ..widgets.form import FORM_CSS

SKIP = ""  # an unsure line the registrator chose to leave out

VERDICT_STYLE = {
    rl.Verdict.matched: "green",
    rl.Verdict.unsure: "bold yellow",
    rl.Verdict.new: "cyan",
    rl.Verdict.taken: "dim",
}


class PasteListScreen(FormScreen[list[str] | None]):
    """Dismisses with the names to add (matched, new, and the unsure ones as chosen), or None."""

    DEFAULT_CSS = FORM_CSS + """
    PasteListScreen { align: center middle; }
    PasteListScreen #paste-text { height: 8; }
    PasteListScreen #paste-result { height: 1fr; }
    PasteListScreen #paste-counts { height: auto; }
    """

    BINDINGS = [
        Binding("space", "choose", "Välj för osäker rad", show=False),
        Binding("enter", "choose", "Välj för osäker rad", show=False),
        Binding("f1", "help", "Hjälp", show=False),
    ]

    def __init__(self, store, register: Register, remiss: Remiss | None = None, *, text: str = "",
                 today=None) -> None:
        super().__init__(store, today=today)
        self.register = register
        self.remiss = remiss
        self.matcher = rl.Matcher(register)
        self.lines: list[rl.ListLine] = []
        # The registrator's choice for an unsure line, by the line as written (stable while editing).
        self.choices: dict[str, str] = {}
        self._initial = text
        self._redraw_pending = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box") as box:
            box.border_title = "Klistra in sändlista"
            yield Label("Klistra in listan (numrerad eller inte, en per rad eller kommaseparerad):",
                        classes="small-label", markup=False)
            yield TextArea(self._initial, id="paste-text", compact=True, soft_wrap=False)
            yield Static("", id="paste-counts", markup=False)
            table = DataTable(id="paste-result", cursor_type="row", zebra_stripes=True)
            yield table
            yield Static("", id="form-error", classes="form-error", markup=False)
            yield Static("Tab till tabellen · mellanslag/Enter väljer för en osäker rad · Ctrl+S lägger till · "
                         "Esc stänger", classes="hint", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one("#paste-result", DataTable)
        # What it becomes before why: the reason is the longest and may run past the edge.
        table.add_column(Text("Rad"), key="written")
        table.add_column(Text("Läggs till som"), key="name")
        table.add_column(Text("Bedömning"), key="verdict")
        area = self.query_one("#paste-text", TextArea)
        area.move_cursor(area.document.end)  # a list pasted into the form goes on where it ended
        area.focus()
        self._redraw()
        self.call_after_refresh(self.take_baseline)

    def form_state(self) -> tuple:
        return (self.query_one("#paste-text", TextArea).text, tuple(sorted(self.choices.items())))

    # --- matching ---------------------------------------------------------------------------

    @on(TextArea.Changed, "#paste-text")
    def _changed(self, _event: TextArea.Changed) -> None:
        # A raw paste is hundreds of keys: redraw once they are handled, not for each one.
        if not self._redraw_pending:
            self._redraw_pending = True
            self.call_after_refresh(self._redraw)

    def _target(self, line: rl.ListLine) -> str | None:
        if line.verdict is rl.Verdict.unsure:
            chosen = self.choices.get(line.written)
            return None if chosen is None else chosen
        return line.name if line.verdict is not rl.Verdict.taken else None

    def _redraw(self) -> None:
        self._redraw_pending = False
        text = self.query_one("#paste-text", TextArea).text
        self.lines = rl.match_list(text, self.register, self.remiss, self.matcher)
        table = self.query_one("#paste-result", DataTable)
        row = table.cursor_row
        table.clear()
        for i, line in enumerate(self.lines):
            verdict = Text(rl.VERDICT_LABELS[line.verdict], style=VERDICT_STYLE[line.verdict])
            if line.how and line.verdict is not rl.Verdict.new:
                verdict.append(f" ({line.how})", style="dim")
            if line.verdict is rl.Verdict.unsure:
                chosen = self.choices.get(line.written)
                if chosen is None:
                    target = Text("välj: " + " / ".join(line.candidates), style="yellow")
                elif chosen == SKIP:
                    target = Text("läggs inte till", style="dim")
                else:
                    target = Text(chosen)
            elif line.verdict is rl.Verdict.taken:
                target = Text(line.name, style="dim")
            else:
                target = Text(line.name)
            table.add_row(Text(line.written), target, verdict, key=str(i))
        if self.lines:
            table.move_cursor(row=min(max(row, 0), len(self.lines) - 1), animate=False)
        n = rl.counts(self.lines)
        waiting = sum(1 for line in self.lines
                      if line.verdict is rl.Verdict.unsure and line.written not in self.choices)
        summary = (f"{len(self.lines)} rader: {n[rl.Verdict.matched]} finns, {n[rl.Verdict.new]} nya, "
                   f"{n[rl.Verdict.unsure]} osäkra, {n[rl.Verdict.taken]} redan mottagare")
        if waiting:
            summary += f" · {waiting} väntar på ditt val"
        self.query_one("#paste-counts", Static).update(summary)

    # --- choosing ---------------------------------------------------------------------------

    def _options(self, line: rl.ListLine) -> list[str]:
        return [*line.candidates, line.written, SKIP]

    def action_choose(self) -> None:
        table = self.query_one("#paste-result", DataTable)
        if self.focused is not table or not self.lines:
            return
        index = table.cursor_row
        if not 0 <= index < len(self.lines):
            return
        line = self.lines[index]
        if line.verdict is not rl.Verdict.unsure:
            self.show_error(f"{line.written}: bara osäkra rader väljs.")
            return
        options = self._options(line)
        current = self.choices.get(line.written)
        nxt = options[0] if current is None else options[(options.index(current) + 1) % len(options)]
        self.choices[line.written] = nxt
        self.show_error("")
        self._redraw()

    @on(DataTable.RowSelected, "#paste-result")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_choose()

    def action_help(self) -> None:
        self.notify("Osäkra rader liknar ett känt namn eller matchar bara en del av raden. Markera raden "
                    "och tryck mellanslag för att välja: förslaget, namnet som det är skrivet (ny extern) "
                    "eller att inte lägga till den.", title="Klistra in sändlista", markup=False, timeout=10)

    # --- saving -----------------------------------------------------------------------------

    def action_save(self) -> None:
        self._redraw()
        choices = {i: (self.choices.get(line.written) or None) for i, line in enumerate(self.lines)
                   if line.verdict is rl.Verdict.unsure}
        names = rl.names_to_add(self.lines, choices)
        if not self.lines:
            self.show_error("Klistra in en lista först.")
            return
        waiting = [line.written for line in self.lines
                   if line.verdict is rl.Verdict.unsure and line.written not in self.choices]
        if not waiting:
            self.dismiss(names)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(names)

        self.app.push_screen(ConfirmScreen(
            f"{len(waiting)} osäkra rader har inget val och läggs inte till ({', '.join(waiting[:3])}"
            f"{' …' if len(waiting) > 3 else ''}). Lägg till de {len(names)} andra?",
            yes="Lägg till", no="Tillbaka"), answered)
