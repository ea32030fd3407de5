"""The terminal app: one factory (`make_app`) used by the CLI and by every test.

The app owns the store and "today" (injectable so snapshots are deterministic). A thread worker
polls the data folder's change stamp; when another process writes, the screens reload their data
(keeping cursor and filter) and the user gets a notice. Workers never touch widgets: they post a
message and the handler on the UI thread does the work.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable
from datetime import date
from typing import Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.worker import get_current_worker

from ..store.repository import Store, StoreError
from . import actions, unexpected
from .commands import RemissProvider
from .leaks import release_removed_widgets, release_when_ended
from .terminal_filter import DropControlCharacters
from .text import literal, one_line

RELEASE_SECONDS = 5.0  # how often what removed widgets left behind is let go (leaks.py)
FREEZE_AFTER_SECONDS = 1.0  # after the first paint, when the user is reading the overview


class StoreChanged(Message):
    """The data folder's change stamp moved (posted by the watch worker)."""


class RemissApp(unexpected.KeepsRunning, App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "remisstui"
    SUB_TITLE = "Remisser och remissvar"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide"), (160, "-xwide")]
    COMMANDS = App.COMMANDS | {RemissProvider}
    NOTIFICATION_TIMEOUT = 6

    BINDINGS = [
        Binding("question_mark,f1", "help", "Hjälp", id="help"),
        Binding("q", "quit", "Avsluta", show=False, id="quit"),
        Binding("ctrl+p", "command_palette", "Kommandon", show=False, priority=True, id="palette"),
        Binding("ctrl+t", "change_theme", "Byt tema", show=False, id="theme"),
    ]

    def __init__(
        self,
        store: Store,
        *,
        today: date | None = None,
        watch_interval: float = 1.0,
        notice: str | None = None,
        own_process: bool = False,
    ) -> None:
        super().__init__()
        # Every rendered line passes this filter: no control code in user text reaches the
        # terminal, whatever widget shows it. Textual keeps its line filters in `_filters`.
        self._filters.append(DropControlCharacters())
        self.store = store
        self._today = today
        self.watch_interval = watch_interval
        self._notice = notice
        self._own_process = own_process
        self._known_stamp: tuple = ()
        self._known_dnrs: dict[str, str] = {}
        self._stop_watch = threading.Event()
        # From the first paint on, an unexpected error is reported and the app goes on (unexpected.py).
        self.keeps_running = False
        self.unexpected_errors: list[Exception] = []

    # --- time and store ---------------------------------------------------------------------

    @property
    def today(self) -> date:
        return self._today or date.today()

    def get_default_screen(self) -> Screen:
        # The overview is the base screen itself: pushing it over Textual's blank default screen
        # cost a whole extra compose/layout/paint cycle before anything showed.
        from .screens.overview import OverviewScreen

        screen = OverviewScreen()
        # Give it its breakpoint class now: set by the first Resize instead, it restyled the
        # screen and cost a second full layout and paint before the overview showed.
        width = self.size.width
        for minimum, class_name in sorted(self.HORIZONTAL_BREAKPOINTS, reverse=True):
            if width >= minimum:
                screen.add_class(class_name)
                break
        return screen

    def on_load(self) -> None:
        # Start-up allocates a great many long-lived objects (Textual's DOM and styles, the index):
        # the cyclic collector then ran a full collection in the middle of the first layout
        # (~18 ms at ten years). Nothing needs collecting before the overview shows.
        gc.disable()

    def on_mount(self) -> None:
        # After the first paint: the stat pass and the watcher must not delay the overview.
        self.call_after_refresh(self._after_first_paint)
        # Every closed remiss screen and form would otherwise stay in memory (see leaks.py).
        self.set_interval(RELEASE_SECONDS, lambda: release_removed_widgets(self), name="release-removed-widgets")

    def _after_first_paint(self) -> None:
        from ..services import search
        from . import library

        library.install()  # Textual's own words in Swedish, check boxes without colour
        gc.enable()  # the collection it owes now runs while the user reads the overview
        self.keeps_running = True
        if self._own_process:
            self.set_timer(FREEZE_AFTER_SECONDS, self._freeze_start_up)
        try:
            self.store.summaries(include_closed=False)  # the stat pass the first paint skipped
        except (OSError, StoreError):
            pass
        self._remember_stamp()
        if self.store.index_was_stale:
            self.reload_screens()
        if self._notice:
            self.notify(self._notice, title="Datamappen", markup=False)
        for problem in self.store.problems:
            self.notify(literal(problem.message).plain, title="Fil som inte kan läsas", severity="warning",
                        markup=False, timeout=15)
        if self.store.read_only:
            self.notify(
                f"Datamappen {self.store.folder} är skrivskyddad: du kan läsa men inte spara.",
                title="Skrivskyddad",
                severity="warning",
                markup=False,
                timeout=15,
            )
        if self.watch_interval > 0:
            self._watch_store()
            # Build the search index in the background once the user has the overview; the
            # search screen starts it itself if it is opened sooner.
            self.set_timer(2.0, lambda: search.start_preload(self.store))

    def _freeze_start_up(self) -> None:
        # The app is all this process does, so what start-up built lives as long as it does.
        # Frozen, it is left out of every later full collection: those come every few opens of
        # a remiss and scanned it all (ten years: 52-99 ms, frozen 19-38 ms). Not in tests, where
        # one process runs many apps and would keep each one's objects for good.
        gc.collect()
        gc.freeze()

    def _handle_exception(self, error: Exception) -> None:
        # Textual's "always exits": only before the first paint (the app cannot start) or when
        # the error is no Exception. Otherwise one Swedish message, and the user's work stays.
        if not unexpected.survive(self, error):
            super()._handle_exception(error)

    def on_unmount(self) -> None:
        gc.enable()  # also when the app ends before its first paint
        self._stop_watch.set()
        release_when_ended()

    def _remember_stamp(self) -> None:
        """Take the folder's current state as known (after our own writes)."""
        try:
            self._known_stamp = self.store.change_stamp()
            # Only to name changed files in a notice: the index as it stands will do, without a
            # second stat pass on every save. Closed remisser are named by their file.
            self._known_dnrs = {
                s.file: s.dnr for s in self.store.summaries(include_closed=False, validate=False)
            }
        except (OSError, StoreError):
            pass

    def wrote(self) -> None:
        """Called after this app saved something: our own change is not "someone else's"."""
        self._remember_stamp()

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def _watch_store(self) -> None:
        worker = get_current_worker()
        last = None
        while not worker.is_cancelled and not self._stop_watch.wait(self.watch_interval):
            try:
                stamp = self.store.change_stamp()
            except OSError:
                continue
            if stamp != last:
                if last is not None:
                    self.post_message(StoreChanged())
                last = stamp

    def on_store_changed(self, _message: StoreChanged) -> None:
        if isinstance(self.screen, ModalScreen):
            # A dialog may be saving right now; the screens reload when it closes.
            return
        self.check_external_changes()

    def check_external_changes(self) -> bool:
        """Reload the screens if the folder changed since we last looked; True when it did."""
        try:
            stamp = self.store.change_stamp()
        except OSError:
            return False
        if stamp == self._known_stamp:
            return False
        old = dict((name, (m, s)) for name, m, s in self._known_stamp)
        new = dict((name, (m, s)) for name, m, s in stamp)
        changed = sorted(n for n in new.keys() | old.keys() if old.get(n) != new.get(n))
        before_dnrs = dict(self._known_dnrs)
        self._remember_stamp()
        names = []
        for name in changed:
            if name == "register.json":
                names.append("organisationsregistret")
            else:
                names.append(self._known_dnrs.get(name) or before_dnrs.get(name) or name)
        what = ", ".join(names[:3]) + (f" och {len(names) - 3} till" if len(names) > 3 else "")
        verb = "uppdaterades" if len(names) == 1 else "uppdaterades"
        self.notify(one_line(f"Ändrat av någon annan: {what} {verb}"), title="Ändring utifrån", markup=False)
        self.reload_screens()
        return True

    def reload_screens(self) -> None:
        """Show a change: the visible screen reloads now, the hidden ones when shown again."""
        for screen in self.screen_stack:
            reload = getattr(screen, "reload", None)
            if not callable(reload):
                continue
            if screen is self.screen or not hasattr(screen, "stale"):
                reload()
            else:
                screen.stale = True

    def build(self, screen_class: type, *args: Any) -> Any:
        """Construct a dialog, passing the app's "today" to those that take one."""
        import inspect

        try:
            takes_today = "today" in inspect.signature(screen_class).parameters
        except (TypeError, ValueError):
            takes_today = False
        return screen_class(*args, today=self.today) if takes_today else screen_class(*args)

    # --- navigation -------------------------------------------------------------------------

    def open_remiss(self, dnr: str, organisation: str | None = None) -> None:
        """Show the remiss over the overview; with `organisation`, its row is selected and its
        detail shown (a search hit)."""
        from .screens.overview import OverviewScreen
        from .screens.remiss import RemissScreen

        try:
            self.store.path_for(dnr)
        except StoreError as exc:
            actions.report_error(self, exc)
            return
        while len(self.screen_stack) > 1 and not isinstance(self.screen, OverviewScreen):
            self.pop_screen()
        self.push_screen(RemissScreen(dnr, organisation=organisation))

    def open_export(self, dnr: str, organisations: list[str] | None = None) -> None:
        """The export dialog for the remiss (or the chosen recipients); it says where it wrote."""
        from .screens.export import ExportScreen

        self.push_screen(self.build(ExportScreen, self.store, dnr, organisations))

    def action_settings(self) -> None:
        from .screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen(self.screen))

    def action_command_palette(self) -> None:
        from .widgets.palette import Palette

        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette(placeholder="Sök kommando eller remiss …", id="--command-palette"))

    def search_themes(self) -> None:
        """Byt tema: the theme picker, in Swedish."""
        from textual.theme import ThemeProvider

        from .widgets.palette import Palette

        self.push_screen(Palette(providers=[ThemeProvider], placeholder="Sök tema …"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key action of the current screen, in Swedish, plus theme and quit."""
        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            # "app.quit" on a screen and "quit" on the app are one command
            action = binding.action.removeprefix("app.")
            if not binding.description or not binding.id or action in seen or not active.enabled:
                continue
            if action == "command_palette":
                continue
            seen.add(action)
            help_text = f"Tangent: {self.get_key_display(binding)}"
            yield SystemCommand(binding.tooltip or binding.description, help_text, _action_runner(self, binding.action, active.node))
        yield SystemCommand("Inställningar", "Din profil för påminnelser och mappen för exporter",
                            self.action_settings)
        if "change_theme" not in seen:
            yield SystemCommand("Byt tema", "Välj färgtema (även ljusa)", self.action_change_theme)
        if "quit" not in seen:
            yield SystemCommand("Avsluta", "Stäng programmet", self.action_quit)


def _action_runner(app: App[Any], action: str, node: Any):
    async def run() -> None:
        await app.run_action(action, node)

    return run


def make_app(
    store: Store,
    *,
    today: date | None = None,
    watch_interval: float = 1.0,
    notice: str | None = None,
    own_process: bool = False,
) -> RemissApp:
    """The one way to build the app (CLI and tests). `own_process`: the app is all this process
    runs (the CLI), so start-up objects can be frozen out of the garbage collector."""
    return RemissApp(store, today=today, watch_interval=watch_interval, notice=notice, own_process=own_process)
