"""Remiss: header, the recipients table (sort, group, filter, marks) and a detail pane.

Rows are keyed by organisation; a reload keeps the cursor on the same organisation, keeps the
filter and the marks, and updates cells in place when the set of rows is unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Input, Select, Static

from ... import services
from ...domain import deadlines
from ...domain.risk import recipient_warnings
from ...domain.model import (
    ORG_KIND_LABELS,
    ORG_KIND_ORDER,
    STATUS_LABELS,
    Event,
    OrgKind,
    Recipient,
    Remiss,
    Status,
    recipients_phrase,
)
from ...domain.folding import fold
from ...store.repository import StoreError
from .. import actions
from ..stale import ReloadWhenShown
from ..text import (
    MARK_GLYPH,
    WARNING_GLYPH,
    cell,
    days_text,
    iso,
    kind_word,
    one_line,
    plural,
    prose_date,
    stance_word,
    state_word,
    status_word,
    theme_color,
)
from ..widgets.columns import Column
from ..widgets.detail import recipient_detail
from ..widgets.footer import AppFooter
from ..widgets.form import InOrderInput
from ..widgets.keyed_table import KeyedTable
from ..widgets.table_detail import TableDetail
from .base import AppScreen

# Organisation, status, deadline and days left are always shown; the organisation gives way to
# the rest, and the answer's columns are left out, the type first, when even it has no room.
COLUMNS = [
    Column("mark", " "),
    Column("organisation", "Organisation", shrink=20),
    Column("warn", "!"),
    Column("status", "Status"),
    Column("deadline", "Svarsdatum"),
    Column("days", "Kvar"),
    Column("stance", "Ställningstagande", drop=1),
    Column("own_dnr", "Eget dnr", drop=2),
    Column("received", "Inkom", drop=3),
    Column("kind", "Typ", drop=4),
]

SORTS = [
    ("order", "ordning i remissen"),
    ("organisation", "organisation"),
    ("status", "status"),
    ("deadline", "svarsdatum"),
    ("kind", "typ"),
    ("own_dnr", "eget dnr"),
    ("stance", "ställningstagande"),
    ("received", "inkom"),
]

STATUS_ORDER = {s: i for i, s in enumerate(Status)}
KIND_ORDER = {k: i for i, k in enumerate(ORG_KIND_ORDER)}
ORG_PREFIX = "org:"
GROUP_PREFIX = "grp:"

# Derived filters beside the stored statuses.
FILTER_OVERDUE = "overdue"
FILTER_EXTENDED = "extended"
FILTER_OPEN = "open"


@dataclass
class Row:
    index: int
    rec: Recipient
    due: date | None
    days: int | None
    overdue: bool
    warnings: list[str]



class RemissScreen(ReloadWhenShown, AppScreen):
    BINDINGS = [
        Binding("escape", "back", "Tillbaka", tooltip="Tillbaka till översikten", id="remiss.back"),
        Binding("enter", "edit", "Svar", tooltip="Ändra svaret från den markerade raden", show=False, id="remiss.enter"),
        Binding("e", "edit", "Svar", tooltip="Ändra mottagarens svar", id="remiss.edit"),
        Binding("space", "mark", "Markera", tooltip="Markera/avmarkera raden (gruppraden: hela gruppen)",
                key_display="␣", id="remiss.mark"),
        Binding("slash", "filter", "Filter", tooltip="Filtrera på text, status och typ", id="remiss.filter"),
        Binding("t", "set_status", "Status", tooltip="Sätt status för markerade (eller raden)", id="remiss.status"),
        Binding("a", "extension", "Anstånd", tooltip="Bevilja anstånd för markerade (eller raden)", id="remiss.extension"),
        Binding("p", "reminder", "Påminn", tooltip="Logga påminnelse för markerade (eller raden)", id="remiss.reminder"),
        Binding("h", "history", "Historik", tooltip="Remissens historik", show=False, id="remiss.history"),
        Binding("x", "export", "Exportera", tooltip="Exportera remissen eller sammanställningen", show=False, id="remiss.export"),
        Binding("s", "sort", "Sortera", tooltip="Byt sorteringskolumn", show=False, id="remiss.sort"),
        Binding("S", "reverse", "Omvänd", tooltip="Vänd sorteringsordningen", show=False, id="remiss.reverse"),
        Binding("o", "group", "Gruppera", tooltip="Gruppera per typ av organisation (av/på)", show=False, id="remiss.group"),
        Binding("u", "undo", "Ångra", tooltip="Ångra remissens senaste ändring", show=False, id="remiss.undo"),
        Binding("r", "reload", "Läs om", tooltip="Läs om remissen från disk", show=False, id="remiss.reload"),
        Binding("n", "add_recipients", "Mottagare", tooltip="Lägg till mottagare (sändlistor, register, externa)",
                show=False, id="remiss.add"),
        Binding("L", "paste_list", "Klistra in sändlista", tooltip="Klistra in en lista med mottagare",
                show=False, id="remiss.paste_list"),
        Binding("E", "edit_remiss", "Remissen", tooltip="Ändra remissens uppgifter", show=False, id="remiss.edit_remiss"),
        Binding("f", "register_file", "Från fil", tooltip="Registrera ett svar från fil (PDF, DOCX, text)",
                show=False, id="remiss.file"),
        Binding("T", "themes", "Teman", tooltip="Teman över svaren: förslag, godta, flytta, slå ihop", show=False,
                id="remiss.themes"),
        Binding("b", "beredning", "Beredning", tooltip="Beredning och sammanställning", show=False, id="remiss.beredning"),
        Binding("asterisk", "mark_all", "Markera alla", tooltip="Markera alla synliga rader", show=False, id="remiss.mark_all"),
        Binding("ctrl+u", "unmark_all", "Avmarkera", tooltip="Avmarkera alla rader", show=False, id="remiss.unmark_all"),
        Binding("P", "create_reminders", "Påminnelser", tooltip="Skapa påminnelsebrev (.eml) för markerade eller alla sena",
                show=False, id="remiss.create_reminders"),
        Binding("w", "withdraw", "Återkalla", tooltip="Återkalla remissen för markerade (eller raden)",
                show=False, id="remiss.withdraw"),
    ]

    def __init__(self, dnr: str, *, organisation: str | None = None) -> None:
        super().__init__()
        self.dnr = dnr
        # The recipient to select when the screen opens (a search hit), once.
        self._select_first = organisation
        self.remiss: Remiss | None = None
        self.events: list[Event] = []
        self.rows: list[Row] = []
        self.shown_rows: list[Row] = []
        self.marked: set[str] = set()
        self.sort_index = 0
        self.sort_reverse = False
        self.grouped = False
        self.filter_text = ""
        self.filter_status: str | None = None
        self.filter_kind: str | None = None
        self._register = None
        self._filter_open = False

    # --- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        with Vertical(id="remiss-head"):
            yield Static("", id="remiss-title", markup=False)
            yield Static("", id="remiss-meta", markup=False)
            yield Static("", id="remiss-description", markup=False)
        with Horizontal(id="filterbar"):
            yield InOrderInput(placeholder="Filtrera: namn, dnr, kontakt …", id="filter-text")
            # The status and kind Selects are mounted when the filter first opens: two Selects
            # cost about as much as the rest of the screen, and most visits never filter.
        yield Static("", id="table-status", classes="statusline", markup=False)
        yield TableDetail(COLUMNS, self._detail_text, id="remiss-main", table_id="recipients",
                          detail_id="detail", text_id="detail-text")
        yield AppFooter()

    def on_mount(self) -> None:
        self.sub_title = "Remiss"
        self.reload()
        self.query_one("#recipients", KeyedTable).focus()

    @property
    def table(self) -> KeyedTable:
        return self.query_one(TableDetail).table

    # --- data -------------------------------------------------------------------------------

    def reload(self) -> None:
        app = self.app
        loaded = actions.load_shown_remiss(self, lambda: app.store.load_with_events(self.dnr))
        if loaded is None:
            return
        self.remiss, self.events = loaded
        self.dnr = self.remiss.dnr
        try:
            self._register = app.store.load_register()
        except StoreError:
            self._register = None
        self._build_rows()
        self._show_header()
        self._show_table()

    def _build_rows(self) -> None:
        assert self.remiss is not None
        today = self.app.today
        rows = []
        for i, rec in enumerate(self.remiss.recipients):
            due = deadlines.due_date(self.remiss, rec)
            org = self._register.organisation(rec.organisation) if self._register else None
            warnings = [w.text for w in recipient_warnings(self.remiss, rec, org, today)]
            rows.append(
                Row(
                    index=i,
                    rec=rec,
                    due=due,
                    days=None if due is None else (due - today).days,
                    overdue=deadlines.is_overdue(self.remiss, rec, today),
                    warnings=warnings,
                )
            )
        self.rows = rows
        existing = {r.rec.organisation for r in rows}
        self.marked &= existing

    def _colors(self) -> dict[str, str]:
        return {
            "error": theme_color(self.app, "error"),
            "warning": theme_color(self.app, "warning"),
            "success": theme_color(self.app, "success"),
            "accent": theme_color(self.app, "accent"),
            "muted": "dim",
        }

    def _show_header(self) -> None:
        r = self.remiss
        assert r is not None
        self.title = one_line(f"{r.dnr} – {r.title}", 200)
        today = self.app.today
        title = Text()
        title.append(r.dnr, style="bold")
        title.append("  ")
        title.append(one_line(r.title), style="bold")
        self.query_one("#remiss-title", Static).update(title)
        narrow = self.app.size.width < 110
        meta = Text()
        if r.deadline:
            days = (deadlines.due_on_written(r.deadline) - today).days  # to the date in force
            left = days_text(days) if days <= 0 else f"{days} d kvar"
        if narrow:
            meta.append("Från ")
            meta.append(one_line(r.sender, 24))
            meta.append(f" · ut {iso(r.sent_on)} · svar senast {iso(r.deadline)}")
            if r.deadline:
                meta.append(f" ({left.replace(' kvar', '')})")
            meta.append(f" · {state_word(r.state, short=True)}")
        else:
            meta.append("Avsändare: ")
            meta.append(one_line(r.sender, 60))
            meta.append(f" · Utskickad {iso(r.sent_on)} · Svarsdatum {prose_date(r.deadline)}")
            if r.deadline:
                meta.append(f" ({left})")
            meta.append(f" · {state_word(r.state)}")
        counts = deadlines.remiss_counts(r, today)
        meta.append(
            f"\n{plural(counts.total, 'mottagare', 'mottagare')} · {plural(counts.answered, 'besvarad', 'besvarade')} · "
            f"{counts.declined} avstått · "
        )
        meta.append(
            f"{counts.overdue} försenade",
            style=self._colors()["error"] if counts.overdue else "",
        )
        meta.append(f" · {counts.extended} med anstånd")
        self.query_one("#remiss-meta", Static).update(meta)
        self.query_one("#remiss-description", Static).update(Text(one_line(r.description)))
        self.query_one("#remiss-description").display = bool(r.description.strip())

    def _matches(self, row: Row) -> bool:
        rec = row.rec
        if self.filter_status:
            if self.filter_status == FILTER_OVERDUE:
                if not row.overdue:
                    return False
            elif self.filter_status == FILTER_EXTENDED:
                if not rec.extensions:
                    return False
            elif self.filter_status == FILTER_OPEN:
                if not deadlines.is_open(rec):
                    return False
            elif rec.status.value != self.filter_status:
                return False
        if self.filter_kind and rec.kind.value != self.filter_kind:
            return False
        if self.filter_text:
            needle = fold(self.filter_text)
            hay = " ".join(
                [
                    rec.organisation,
                    rec.own_dnr,
                    rec.contact.name,
                    STATUS_LABELS[rec.status],
                    kind_word(rec.kind),
                    stance_word(rec.response.stance) if rec.response else "",
                ]
            )
            hay = fold(hay)
            if needle not in hay:
                return False
        return True

    def _sort_key(self):
        name = SORTS[self.sort_index][0]
        big = date.max

        def received(r: Row):
            resp = r.rec.response
            return (resp is None or resp.received_on is None, resp.received_on if resp and resp.received_on else big)

        keys = {
            "order": lambda r: r.index,
            "organisation": lambda r: r.rec.organisation.casefold(),
            "status": lambda r: (STATUS_ORDER[r.rec.status], r.rec.organisation.casefold()),
            "deadline": lambda r: (r.due is None, r.due or big, r.rec.organisation.casefold()),
            "kind": lambda r: (KIND_ORDER.get(r.rec.kind, 99), r.rec.organisation.casefold()),
            "own_dnr": lambda r: (not r.rec.own_dnr, r.rec.own_dnr.casefold()),
            "stance": lambda r: (r.rec.response is None, stance_word(r.rec.response.stance) if r.rec.response else ""),
            "received": received,
        }
        return keys[name]

    def _row_cells(self, row: Row, colors: dict[str, str]) -> tuple[Text, ...]:
        rec = row.rec
        resp = rec.response
        is_open = deadlines.is_open(rec)
        # The domain's rule: only a recipient awaiting an answer is late or due soon (a planned
        # one past its deadline is neither).
        style = deadlines.deadline_style(rec.status, row.due, self.app.today)
        day_style = colors["error"] if style == "overdue" else colors["warning"] if style == "due_soon" else ""
        status_style = colors["success"] if rec.status is Status.answered else ""
        due_text = iso(row.due) + (" *" if rec.extensions else "")
        return (
            cell(MARK_GLYPH if rec.organisation in self.marked else "", f"bold {colors['accent']}".strip()),
            cell(rec.organisation),
            cell(WARNING_GLYPH if row.warnings else "", colors["warning"]),
            cell(status_word(rec.status), status_style),
            cell(due_text, colors["error"] if row.overdue else ""),
            cell(days_text(row.days, closed=not is_open), day_style),
            cell(stance_word(resp.stance) if resp else ""),
            cell(rec.own_dnr),
            cell(iso(resp.received_on) if resp and resp.received_on else ""),
            cell(kind_word(rec.kind)),
        )

    def _show_table(self) -> None:
        colors = self._colors()
        visible = [r for r in self.rows if self._matches(r)]
        visible.sort(key=self._sort_key(), reverse=self.sort_reverse)
        self.shown_rows = visible
        rows: list[tuple[str, tuple[Text, ...]]] = []
        if self.grouped:
            for kind in ORG_KIND_ORDER:
                members = [r for r in visible if r.rec.kind is kind]
                if not members:
                    continue
                label = Text(f"── {ORG_KIND_LABELS[kind].capitalize()} ({len(members)})", style="bold")
                marked = sum(r.rec.organisation in self.marked for r in members)
                mark = MARK_GLYPH if marked == len(members) else ("◐" if marked else "")
                rows.append((GROUP_PREFIX + kind.value, (cell(mark), label) + tuple(Text("") for _ in COLUMNS[2:])))
                rows.extend((ORG_PREFIX + r.rec.organisation, self._row_cells(r, colors)) for r in members)
        else:
            rows = [(ORG_PREFIX + r.rec.organisation, self._row_cells(r, colors)) for r in visible]
        keep, self._select_first = self._select_first, None
        self.table.sync(rows, keep=ORG_PREFIX + keep if keep else None)
        self._show_status()
        self._show_detail()

    def _show_status(self) -> None:
        # One count with the header: withdrawn recipients are rows but not recipients any more.
        withdrawn = sum(1 for r in self.rows if r.rec.status is Status.withdrawn)
        total = len(self.rows) - withdrawn
        shown = len(self.shown_rows)
        if self._filter_active():
            parts = [f"{shown} av {len(self.rows)} rader"]
        else:
            parts = [plural(total, "mottagare", "mottagare")]
            if withdrawn:
                parts[0] += f" (+ {withdrawn} återkallad{'e' if withdrawn > 1 else ''})"
        if self.marked:
            parts.append(f"{len(self.marked)} markerade")
        direction = "↓" if self.sort_reverse else "↑"
        parts.append(f"sorterat på {SORTS[self.sort_index][1]} {direction}")
        if self.grouped:
            parts.append("grupperat per typ")
        if self._filter_active():
            parts.append("/ ändrar filtret")
        self.query_one("#table-status", Static).update(Text(" · ".join(parts)))
        self.query_one("#filterbar").display = self._filter_active() or self._filter_open

    def _filter_active(self) -> bool:
        return bool(self.filter_text or self.filter_status or self.filter_kind)

    def _show_detail(self) -> None:
        self.query_one(TableDetail).show_detail()

    def _detail_text(self, key: str | None) -> Text:
        if self.remiss is None or key is None:
            return Text("Inga mottagare visas." if self.rows else "Remissen har inga mottagare ännu. n lägger till.")
        if key.startswith(GROUP_PREFIX):
            kind = OrgKind(key[len(GROUP_PREFIX):])
            members = [r for r in self.shown_rows if r.rec.kind is kind]
            t = Text(f"{ORG_KIND_LABELS[kind].capitalize()}: {len(members)} mottagare\n", style="bold")
            counts: dict[Status, int] = {}
            for r in members:
                counts[r.rec.status] = counts.get(r.rec.status, 0) + 1
            for status, n in sorted(counts.items(), key=lambda kv: STATUS_ORDER[kv[0]]):
                t.append(f"{status_word(status)}: {n}\n")
            overdue = sum(r.overdue for r in members)
            if overdue:
                t.append(f"{WARNING_GLYPH} {overdue} försenade\n")
            t.append("\nMellanslag markerar hela gruppen.", style="dim")
            return t
        row = self._row_for(key)
        if row is None:
            return Text("")
        return recipient_detail(
            self.remiss, row.rec, self.app.today, events=self.events, warnings=row.warnings, colors=self._colors()
        )

    def _row_for(self, key: str | None) -> Row | None:
        if not key or not key.startswith(ORG_PREFIX):
            return None
        name = key[len(ORG_PREFIX):]
        for r in self.rows:
            if r.rec.organisation == name:
                return r
        return None

    @on(KeyedTable.RowSelected, "#recipients")
    def _selected(self, event: KeyedTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def on_resize(self) -> None:
        self.call_after_refresh(self._resized)

    def _resized(self) -> None:
        if self.remiss is not None:
            self._show_header()
            self._show_table()

    # --- filter -----------------------------------------------------------------------------

    def _ensure_filter_selects(self) -> None:
        bar = self.query_one("#filterbar")
        if bar.query("#filter-status"):
            return
        status_opts = [("Öppna (ej klara)", FILTER_OPEN), ("Försenade", FILTER_OVERDUE), ("Med anstånd", FILTER_EXTENDED)]
        status_opts += [(STATUS_LABELS[s].capitalize(), s.value) for s in Status]
        bar.mount(
            Select(status_opts, prompt="Alla statusar", id="filter-status", compact=True),
            Select(
                [(ORG_KIND_LABELS[k].capitalize(), k.value) for k in ORG_KIND_ORDER],
                prompt="Alla typer",
                id="filter-kind",
                compact=True,
            ),
        )

    def action_filter(self) -> None:
        self._filter_open = True
        self._ensure_filter_selects()
        self.query_one("#filterbar").display = True
        field = self.query_one("#filter-text", Input)
        # Synchronously: letters typed right after / must land in the field, not run actions.
        self.set_focus(field, scroll_visible=False)

    def on_key(self, event: events.Key) -> None:
        # Keys typed in a burst ("/söd") are already queued for the table before the "/" binding
        # runs, so they would be lost. Open the filter here instead, and send the letters that
        # follow into the field until focus has moved there.
        field = self.query_one("#filter-text", Input)
        if field.has_focus:
            return
        if event.key == "slash" and not self._filter_open:
            event.stop()
            event.prevent_default()
            self.action_filter()
        elif self._filter_open and event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            field.insert_text_at_cursor(event.character)
        elif self._filter_open and event.key == "backspace":
            # Like the letters: a Backspace typed before focus arrived edits the filter too.
            event.stop()
            event.prevent_default()
            field.action_delete_left()

    def _leave_filter(self) -> None:
        self._filter_open = False
        self.table.focus()
        self._show_status()

    @on(Input.Changed, "#filter-text")
    def _filter_text_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value.strip()
        self._show_table()

    @on(Input.Submitted, "#filter-text")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        self._leave_filter()

    @on(Select.Changed, "#filter-status")
    def _filter_status_changed(self, event: Select.Changed) -> None:
        self.filter_status = None if event.select.is_blank() else str(event.value)
        self._show_table()

    @on(Select.Changed, "#filter-kind")
    def _filter_kind_changed(self, event: Select.Changed) -> None:
        self.filter_kind = None if event.select.is_blank() else str(event.value)
        self._show_table()

    def clear_filter(self) -> None:
        self.query_one("#filter-text", Input).value = ""
        for select in self.query("#filterbar Select").results(Select):
            select.clear()
        self.filter_text = ""
        self.filter_status = self.filter_kind = None
        self._show_table()

    def action_back(self) -> None:
        if self._filter_open or self.query_one("#filterbar").has_focus_within:
            self._leave_filter()
            return
        self.dismiss()

    # --- selection --------------------------------------------------------------------------

    def selected_organisations(self) -> list[str]:
        """The marked recipients (in table order), else the highlighted one."""
        if self.marked:
            return [r.rec.organisation for r in self.rows if r.rec.organisation in self.marked]
        row = self._row_for(self.table.current_key)
        return [row.rec.organisation] if row else []

    def action_mark(self) -> None:
        key = self.table.current_key
        if key is None:
            return
        if key.startswith(GROUP_PREFIX):
            kind = OrgKind(key[len(GROUP_PREFIX):])
            names = {r.rec.organisation for r in self.shown_rows if r.rec.kind is kind}
            if names <= self.marked:
                self.marked -= names
            else:
                self.marked |= names
        else:
            name = key[len(ORG_PREFIX):]
            self.marked ^= {name}
        self._show_table()
        self.table.action_cursor_down()

    def action_mark_all(self) -> None:
        self.marked |= {r.rec.organisation for r in self.shown_rows}
        self._show_table()

    def action_unmark_all(self) -> None:
        self.marked.clear()
        self._show_table()

    # --- sort, group, reload ----------------------------------------------------------------

    def action_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(SORTS)
        self._show_table()

    def action_reverse(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self._show_table()

    def action_group(self) -> None:
        self.grouped = not self.grouped
        self._show_table()

    def action_reload(self) -> None:
        if not self.app.check_external_changes():
            self.reload()
        self.notify("Remissen lästes om från disk")

    def _after_write(self) -> None:
        # After a dialog saved: the dialog itself said what it did, so no second toast.
        actions.saved(self.app)

    # --- actions on recipients --------------------------------------------------------------

    def action_edit(self) -> None:
        row = self._row_for(self.table.current_key)
        if row is None:
            return
        from .edit_recipient import EditRecipientScreen
        self.app.push_screen(self.app.build(EditRecipientScreen, self.app.store, self.dnr, row.rec.organisation),
            lambda _saved: self._after_write(),
        )

    def action_set_status(self) -> None:
        orgs = self.selected_organisations()
        if not orgs:
            return
        from .dialogs import ChooseStatusScreen

        def chosen(status: Status | None) -> None:
            if status is None:
                return
            actions.run_service(
                self, lambda: services.set_status(self.app.store, self.dnr, orgs, status),
                f"Status {STATUS_LABELS[status]} för {recipients_phrase(orgs)}",
            )

        # The picker starts at the status the recipients have now (when they share one).
        statuses = {r.rec.status for r in self.rows if r.rec.organisation in orgs}
        current = statuses.pop() if len(statuses) == 1 else None
        self.app.push_screen(ChooseStatusScreen(current), chosen)

    def action_reminder(self) -> None:
        orgs = self.selected_organisations()
        if not orgs:
            return
        actions.run_service(
            self, lambda: services.log_reminder(self.app.store, self.dnr, orgs, on=self.app.today),
            f"Påminnelse loggad för {recipients_phrase(orgs)}",
        )

    def action_extension(self) -> None:
        orgs = self.selected_organisations()
        if not orgs:
            return
        from .edit_recipient import ExtensionScreen
        self.app.push_screen(self.app.build(ExtensionScreen, self.app.store, self.dnr, orgs),
            lambda _saved: self._after_write(),
        )

    def action_withdraw(self) -> None:
        orgs = self.selected_organisations()
        if not orgs:
            return
        from .dialogs import ConfirmScreen

        who = recipients_phrase(orgs)

        def answer(yes: bool | None) -> None:
            if yes:
                actions.run_service(
                    self, lambda: services.withdraw(self.app.store, self.dnr, orgs), f"Återkallade remissen för {who}"
                )

        self.app.push_screen(ConfirmScreen(f"Återkalla remissen för {who}?"), answer)

    def action_history(self) -> None:
        from .history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.dnr))

    def action_undo(self) -> None:
        actions.undo(self, self.dnr)

    def action_export(self) -> None:
        self.app.open_export(self.dnr, sorted(self.marked) or None)

    def action_paste_list(self) -> None:
        self._edit_remiss(recipients=True, paste=True)

    def _edit_remiss(self, *, recipients: bool = False, paste: bool = False) -> None:
        from .edit_remiss import EditRemissScreen

        def done(dnr: str | None) -> None:
            if dnr:
                self.dnr = dnr
            self._after_write()

        screen = self.app.build(EditRemissScreen, self.app.store, self.dnr)
        if recipients:
            screen.first_focus = "org-filter"  # n adds recipients: straight to the filter
        self.app.push_screen(screen, done)
        if paste:
            screen.call_after_refresh(screen.action_paste_list)

    def action_add_recipients(self) -> None:
        self._edit_remiss(recipients=True)

    def action_edit_remiss(self) -> None:
        self._edit_remiss()

    def action_register_file(self) -> None:
        from .register_file import RegisterFromFileScreen
        row = self._row_for(self.table.current_key)
        self.app.push_screen(self.app.build(RegisterFromFileScreen, self.app.store, self.dnr, row.rec.organisation if row else None),
            lambda _saved: self._after_write(),
        )

    def action_create_reminders(self) -> None:
        from .reminders import CreateRemindersScreen

        orgs = [r.rec.organisation for r in self.rows if r.rec.organisation in self.marked] or None
        self.app.push_screen(
            self.app.build(CreateRemindersScreen, self.app.store, self.dnr, orgs),
            lambda _folder: self._after_write(),
        )

    def action_themes(self) -> None:
        from .themes import ThemesScreen

        self.app.push_screen(ThemesScreen(self.dnr))

    def action_beredning(self) -> None:
        from .export import BeredningScreen
        self.app.push_screen(self.app.build(BeredningScreen, self.app.store, self.dnr), lambda _r: self._after_write())
