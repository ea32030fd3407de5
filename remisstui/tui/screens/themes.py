"""Teman: the themes across the answers, with counts and organisations, and the synpunkter under
the highlighted one; accept a suggestion, move a synpunkt, rename, merge, split, add; undo.

Keyboard first: Tab moves between the two tables, Enter accepts, the letters do the rest. Every
change goes through services/themes.py (one event group, one undo). User text is only ever shown
as Text cells and markup-free Statics.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...services import themes as theming
from .. import actions
from ..stale import ReloadWhenShown
from ..text import cell, one_line, plural
from ..widgets.footer import AppFooter
from ..widgets.keyed_table import KeyedTable
from .base import AppModal, AppScreen

_LEVEL = f"{theming.DEFAULT_MIN_CONFIDENCE:.2f}".replace(".", ",")  # the acceptance line, Swedish decimal comma
NONE_KEY = "\x00utan"  # the row of synpunkter without theme or suggestion (no theme can be named so)

THEME_COLUMNS = [("name", "Tema"), ("count", "Antal"), ("suggested", "Förslag"), ("orgs", "Instanser")]
SYN_COLUMNS = [("mark", " "), ("state", "Läge"), ("why", "Varför"), ("organisation", "Remissinstans"),
               ("text", "Synpunkt")]


class ThemeNameScreen(AppModal[str | None]):
    """Type a theme's name, or pick one of `choices`. Enter takes it, Esc gives None.

    With choices, typing filters them and Enter takes the first theme that matches (the unique one,
    or the first): "kommunik" is "kommunikationsmål". A new theme is made only when asked for: by
    its own line in the list ("Nytt tema: …"), or by Enter when no theme matches."""

    DEFAULT_CSS = """
    ThemeNameScreen { align: center middle; }
    ThemeNameScreen > #name-box {
        width: 70; max-width: 100%; height: auto;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ThemeNameScreen #name-title { margin-bottom: 1; }
    ThemeNameScreen #name-hint { color: $text-muted; }
    ThemeNameScreen OptionList { height: auto; max-height: 12; }
    """

    BINDINGS = [Binding("escape", "cancel", "Avbryt")]

    NEW_ID = "new"

    def __init__(self, title: str, *, initial: str = "", choices: list[str] | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.initial = initial
        self.choices = choices or []
        self._matches: list[int] = list(range(len(self.choices)))

    def compose(self) -> ComposeResult:
        with Vertical(id="name-box"):
            yield Label(self.title_text, id="name-title", markup=False)
            yield Input(self.initial, placeholder="temats namn", id="name-input")
            if self.choices:
                yield Label("", id="name-hint", markup=False)
                yield OptionList(*[Option(Text(c), id=str(i)) for i, c in enumerate(self.choices)], id="name-choices")
            yield Label("Enter väljer · Tab till listan · Esc avbryter", markup=False)

    def on_mount(self) -> None:
        self.query_one("#name-input", Input).focus()
        self._refilter(self.initial)

    def matches(self, typed: str) -> list[int]:
        """The choices that match what is typed: those that begin with it first, then those that
        contain it (case and spacing do not matter)."""
        key = " ".join(typed.split()).casefold()
        if not key:
            return list(range(len(self.choices)))
        names = [" ".join(c.split()).casefold() for c in self.choices]
        starts = [i for i, n in enumerate(names) if n.startswith(key)]
        inside = [i for i, n in enumerate(names) if key in n and i not in starts]
        return starts + inside

    def _refilter(self, typed: str) -> None:
        if not self.choices:
            return
        self._matches = self.matches(typed)
        value = " ".join(typed.split())
        exact = any(" ".join(c.split()).casefold() == value.casefold() for c in self.choices)
        options = [Option(Text(self.choices[i]), id=str(i)) for i in self._matches]
        if value and not exact:
            options.append(Option(Text(f"Nytt tema: {value}", style="italic"), id=self.NEW_ID))
        lst = self.query_one("#name-choices", OptionList)
        lst.clear_options()
        lst.add_options(options)
        if options:
            lst.highlighted = 0
        hint = self.query_one("#name-hint", Label)
        if self._matches:
            hint.update(f"Enter väljer: {self.choices[self._matches[0]]}")
        elif value:
            hint.update(f"Inget tema heter så. Enter skapar nytt tema: {value}")
        else:
            hint.update("")

    @on(Input.Changed, "#name-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._refilter(event.value)

    @on(Input.Submitted, "#name-input")
    def _typed(self, event: Input.Submitted) -> None:
        event.stop()
        value = " ".join(event.value.split())
        if not value:
            return
        if self.choices:
            found = self.matches(value)
            if found:
                self.dismiss(self.choices[found[0]])
                return
        self.dismiss(value)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == self.NEW_ID:
            value = " ".join(self.query_one("#name-input", Input).value.split())
            if value:
                self.dismiss(value)
            return
        self.dismiss(self.choices[int(event.option.id)])

    def action_cancel(self) -> None:
        self.dismiss(None)


class ThemesScreen(ReloadWhenShown, AppScreen):
    DEFAULT_CSS = """
    ThemesScreen #themes-head { height: auto; padding: 0 1; }
    ThemesScreen #themes-main { height: 1fr; }
    ThemesScreen #theme-list { width: 2fr; }
    ThemesScreen #theme-right { width: 3fr; }
    ThemesScreen #theme-synpunkter { height: 1fr; }
    ThemesScreen #theme-orgs { height: auto; max-height: 4; padding: 0 1; color: $text-muted; }
    ThemesScreen #theme-detail { height: 9; border-top: solid $primary; padding: 0 1; }
    """

    BINDINGS = [
        Binding("escape", "back", "Tillbaka", id="themes.back"),
        Binding("enter", "accept", "Godta", tooltip="Godta förslaget för synpunkten (eller de markerade)", id="themes.accept"),
        Binding("a", "accept_theme", "Godta temats", tooltip="Godta alla förslag under det markerade temat", show=False,
                id="themes.accept_theme"),
        Binding("A", "accept_all", "Godta alla", tooltip=f"Godta alla förslag med minst {_LEVEL} i säkerhet",
                id="themes.accept_all"),
        Binding("m", "move", "Flytta", tooltip="Flytta synpunkten (eller de markerade) till ett annat tema", id="themes.move"),
        Binding("space", "mark", "Markera", tooltip="Markera/avmarkera synpunkten", show=False, id="themes.mark"),
        Binding("n", "add", "Nytt tema", tooltip="Lägg till ett tema", id="themes.add"),
        Binding("R", "rename", "Byt namn", tooltip="Byt namn på temat", id="themes.rename"),
        Binding("M", "merge", "Slå ihop", tooltip="Slå ihop temat med ett annat", id="themes.merge"),
        Binding("d", "split", "Dela", tooltip="Dela temat: de markerade synpunkterna till ett nytt tema", id="themes.split"),
        Binding("delete", "untag", "Ta bort tema", tooltip="Ta bort temat från synpunkten", show=False, id="themes.untag"),
        Binding("u", "undo", "Ångra", tooltip="Ångra remissens senaste ändring", id="themes.undo"),
        Binding("r", "reload", "Läs om", show=False, id="themes.reload"),
    ]

    def __init__(self, dnr: str) -> None:
        super().__init__()
        self.dnr = dnr
        self.board: theming.ThemeBoard | None = None
        self.marked: set[tuple[str, int]] = set()
        self._shown: list[theming.SynpunktRow] = []

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        yield Static("", id="themes-head", markup=False)
        with Horizontal(id="themes-main"):
            yield KeyedTable(THEME_COLUMNS, id="theme-list")
            with Vertical(id="theme-right"):
                yield Static("", id="theme-orgs", markup=False)
                yield KeyedTable(SYN_COLUMNS, id="theme-synpunkter")
                with VerticalScroll(id="theme-detail"):
                    yield Static("", id="theme-detail-text", markup=False)
        yield AppFooter()

    def on_mount(self) -> None:
        self.sub_title = "Teman"
        self.reload()
        self.themes_table.focus()

    @property
    def themes_table(self) -> KeyedTable:
        return self.query_one("#theme-list", KeyedTable)

    @property
    def syn_table(self) -> KeyedTable:
        return self.query_one("#theme-synpunkter", KeyedTable)

    # --- showing -------------------------------------------------------------------------------

    def reload(self) -> None:
        app = self.app
        remiss = actions.load_shown_remiss(self, lambda: app.store.load(self.dnr))
        if remiss is None:
            return
        self.dnr = remiss.dnr
        self.title = one_line(f"{remiss.dnr} – {remiss.title}", 200)
        self.board = b = theming.board(remiss)
        refs = {s.ref for s in b.synpunkter}
        self.marked &= refs
        tagged = sum(1 for s in b.synpunkter if s.theme)
        suggested = sum(1 for s in b.synpunkter if not s.theme and s.suggestion)
        self.query_one("#themes-head", Static).update(
            f"{plural(len(b.synpunkter), 'synpunkt', 'synpunkter')}: {tagged} med tema, {suggested} med förslag, "
            f"{len(b.untouched())} utan förslag. Enter godtar · m flyttar · n nytt · R byt namn · M slå ihop · d dela · u ångra"
        )
        rows = []
        # The theme list has two fifths of the width: the name gets what the counts leave.
        limit = max(14, self.app.size.width * 2 // 5 - 16)
        for t in b.themes:
            label = " (föreslaget – ge det ett namn: R)" if t.proposed and t.needs_name else " (föreslaget)" if t.proposed else ""
            # A long name is cut so the counts beside it always show.
            name = cell(t.name + label, "italic" if t.proposed else "", limit=limit)
            rows.append((_theme_key(t.name), [name, cell(t.count), cell(t.suggested or ""),
                                              cell(len(t.organisations) or "")]))
        rest = b.untouched()
        if rest:
            orgs = list(dict.fromkeys(s.organisation for s in rest))
            rows.append((NONE_KEY, [cell("utan förslag", "dim"), cell(len(rest)), cell(""),
                                     cell(len(orgs))]))
        self.themes_table.sync(rows)
        self._show_synpunkter()

    def _current_theme(self) -> theming.ThemeRow | None:
        key = self.themes_table.current_key
        if not self.board or key is None or key == NONE_KEY:
            return None
        return next((t for t in self.board.themes if _theme_key(t.name) == key), None)

    def _show_synpunkter(self) -> None:
        if not self.board:
            return
        key = self.themes_table.current_key
        theme = self._current_theme()
        if theme is not None:
            shown = self.board.under(theme.name)
        elif key == NONE_KEY:
            shown = self.board.untouched()
        else:
            shown = []
        self._shown = shown
        self.query_one("#theme-orgs", Static).update(Text(_orgs_line(theme, shown)))
        rows = []
        for s in shown:
            state = "✓ godtagen" if s.theme else (f"förslag {s.suggestion.confidence:.2f}".replace(".", ",") if s.suggestion else "")
            why = "" if s.theme else (s.suggestion.reason() if s.suggestion else "utan förslag")
            rows.append((_ref_key(s.ref), [
                cell("●" if s.ref in self.marked else ""),
                cell(state, "bold" if s.theme else "italic"),
                cell(why, "dim", limit=34),
                cell(s.organisation, limit=40),
                cell(s.text, limit=120),
            ]))
        self.syn_table.sync(rows)
        self._show_detail()

    def _current_synpunkt(self) -> theming.SynpunktRow | None:
        key = self.syn_table.current_key
        return next((s for s in self._shown if _ref_key(s.ref) == key), None)

    def _show_detail(self) -> None:
        s = self._current_synpunkt()
        text = self.query_one("#theme-detail-text", Static)
        if s is None:
            text.update("")
            return
        lines = [f"{s.organisation}:", s.text]
        if s.theme:
            lines.append(f"Tema: {s.theme}")
        elif s.suggestion:
            kind = "nytt tema ur svaren" if s.suggestion.new else "tema"
            lines.append(f"Förslag ({kind}): {s.suggestion.theme}")
            lines.append(f"Varför: {s.suggestion.reason()}")
            lines.append(f"Säkerhet {s.suggestion.confidence:.2f}".replace(".", ",")
                         + ("" if s.suggestion.confidence >= theming.DEFAULT_MIN_CONFIDENCE
                            else " – under gränsen för Godta alla"))
        else:
            lines.append("Utan förslag: för lite som talar för något tema. Placera den med m.")
        text.update(Text("\n".join(lines)))

    @on(DataTable.RowHighlighted, "#theme-list")
    def _theme_moved(self, event: DataTable.RowHighlighted) -> None:
        self._show_synpunkter()

    @on(DataTable.RowHighlighted, "#theme-synpunkter")
    def _syn_moved(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        # Enter on a theme goes to its synpunkter; on a synpunkt it accepts the suggestion.
        event.stop()
        if event.data_table is self.themes_table:
            self.syn_table.focus()
        else:
            self.action_accept()

    # --- changing ------------------------------------------------------------------------------

    def _chosen(self) -> list[theming.SynpunktRow]:
        """The marked synpunkter, else the highlighted one."""
        if not self.board:
            return []
        marked = [s for s in self.board.synpunkter if s.ref in self.marked]
        if marked:
            return marked
        s = self._current_synpunkt()
        return [s] if s else []

    def _run(self, call, message: str) -> None:
        if actions.run_service(self, call, message):
            self.marked.clear()

    def _names(self, *, without: str | None = None) -> list[str]:
        names = [t.name for t in (self.board.themes if self.board else [])]
        return [n for n in names if without is None or _theme_key(n) != _theme_key(without)]

    def action_accept_theme(self) -> None:
        theme = self._current_theme()
        if theme is None or not self.board:
            return
        self._accept([s for s in self.board.under(theme.name) if not s.theme and s.suggestion])

    def action_accept(self) -> None:
        self._accept([s for s in self._chosen() if not s.theme and s.suggestion])

    def _accept(self, chosen: list[theming.SynpunktRow]) -> None:
        store = self.app.store
        if not chosen:
            self.app.notify("Inget förslag att godta här.", markup=False)
            return
        tags = {s.ref: s.suggestion.theme for s in chosen}
        self._run(lambda: theming.set_themes(store, self.dnr, tags, what=f"Godtog {len(tags)} temaförslag"),
                  f"Godtog {plural(len(tags), 'förslag', 'förslag')}")

    def action_accept_all(self) -> None:
        done: list[int] = []

        def call() -> None:
            _r, accepted = theming.accept_suggestions(self.app.store, self.dnr)
            done.append(len(accepted))

        if actions.run_service(self, call):
            said = f"Godtog {plural(done[0], 'förslag', 'förslag')}" if done[0] else f"Inga förslag med minst {_LEVEL} i säkerhet."
            self.app.notify(said, markup=False)

    def action_mark(self) -> None:
        s = self._current_synpunkt()
        if s is None:
            return
        self.marked ^= {s.ref}
        self._show_synpunkter()
        self.syn_table.action_cursor_down()

    def action_move(self) -> None:
        chosen = self._chosen()
        if not chosen:
            self.app.notify("Välj en synpunkt i listan till höger först.", markup=False)
            return

        def done(name: str | None) -> None:
            if name:
                tags = {s.ref: name for s in chosen}
                self._run(lambda: theming.set_themes(self.app.store, self.dnr, tags),
                          f"Flyttade {plural(len(tags), 'synpunkt', 'synpunkter')} till {name}")

        who = chosen[0].organisation if len(chosen) == 1 else plural(len(chosen), "synpunkt", "synpunkter")
        self.app.push_screen(ThemeNameScreen(f"Flytta {who} till tema", choices=self._names()), done)

    def action_untag(self) -> None:
        chosen = [s for s in self._chosen() if s.theme]
        if chosen:
            tags = {s.ref: "" for s in chosen}
            self._run(lambda: theming.set_themes(self.app.store, self.dnr, tags), "Tog bort temat")

    def action_add(self) -> None:
        def done(name: str | None) -> None:
            if name:
                self._run(lambda: theming.add_theme(self.app.store, self.dnr, name), f"La till temat {name}")

        self.app.push_screen(ThemeNameScreen("Nytt tema"), done)

    def action_rename(self) -> None:
        theme = self._current_theme()
        if theme is None:
            return

        def done(name: str | None) -> None:
            if name and name != theme.name:
                self._run(lambda: theming.rename_theme(self.app.store, self.dnr, theme.name, name),
                          f"Temat heter nu {name}")

        self.app.push_screen(ThemeNameScreen(f"Byt namn på {theme.name}", initial=theme.name), done)

    def action_merge(self) -> None:
        theme = self._current_theme()
        if theme is None:
            return

        def done(into: str | None) -> None:
            if into:
                self._run(lambda: theming.merge_themes(self.app.store, self.dnr, [theme.name], into),
                          f"Slog ihop {theme.name} med {into}")

        self.app.push_screen(ThemeNameScreen(f"Slå ihop {theme.name} med", choices=self._names(without=theme.name)), done)

    def action_split(self) -> None:
        theme = self._current_theme()
        chosen = [s for s in self._chosen() if s.theme and theme and _theme_key(s.theme) == _theme_key(theme.name)]
        if theme is None or not chosen:
            self.app.notify("Markera (mellanslag) de godtagna synpunkter som ska till ett nytt tema.", markup=False)
            return
        refs = [s.ref for s in chosen]

        def done(name: str | None) -> None:
            if name:
                self._run(lambda: theming.split_theme(self.app.store, self.dnr, theme.name, name, refs),
                          f"Delade {theme.name}: {plural(len(refs), 'synpunkt', 'synpunkter')} till {name}")

        self.app.push_screen(ThemeNameScreen(f"Dela {theme.name}: nytt tema för {len(refs)}"), done)

    def action_undo(self) -> None:
        actions.undo(self, self.dnr)

    def action_reload(self) -> None:
        self.reload()

    def action_back(self) -> None:
        self.dismiss()


def _orgs_line(theme: theming.ThemeRow | None, shown: list[theming.SynpunktRow]) -> str:
    """The organisations behind the highlighted theme: those accepted, then those suggested."""
    if theme is None:
        orgs = list(dict.fromkeys(s.organisation for s in shown))
        return f"{plural(len(orgs), 'remissinstans', 'remissinstanser')}: {', '.join(orgs)}" if orgs else ""
    parts = []
    if theme.organisations and not theme.proposed:
        parts.append(f"{plural(len(theme.organisations), 'remissinstans', 'remissinstanser')}: "
                     f"{', '.join(theme.organisations)}")
    more = [o for o in theme.suggested_organisations if o not in theme.organisations or theme.proposed]
    if more:
        parts.append(f"förslag från {', '.join(more)}")
    return " · ".join(parts) or "Inga synpunkter ännu."


def _theme_key(name: str) -> str:
    return "t:" + " ".join(name.split()).casefold()


def _ref_key(ref: tuple[str, int]) -> str:
    return f"{ref[1]}:{ref[0]}"
