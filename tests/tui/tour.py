"""A tour of every screen of the app, reached with the keyboard from the overview.

Used by the tests that must hold on every screen: every control reachable by Tab, and every word
the user sees in Swedish. A new screen belongs in SCREENS; `test_tour_covers_every_screen` fails
when a screen module has a screen class that no stop of the tour shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from textual.containers import ScrollableContainer
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    DataTable,
    Input,
    ListView,
    OptionList,
    RadioButton,
    Select,
    SelectionList,
    Switch,
    TextArea,
    Tree,
)

from remisstui import services
from remisstui.domain.model import Status
from remisstui.store.repository import Store
from remisstui.tui.app import make_app
from remisstui.tui.screens.overview import OverviewScreen

TODAY = date(2024, 4, 22)
SIZES = ((120, 40), (80, 24))

# Widgets a user operates (as opposed to text, labels and containers).
CONTROLS = (Button, Checkbox, DataTable, Input, ListView, OptionList, RadioButton, Select, SelectionList, Switch,
            TextArea, Tree)


@dataclass(frozen=True)
class Stop:
    name: str
    keys: tuple[str, ...]  # from the overview
    screen: str  # the class name of the screen it shows


SCREENS = [
    Stop("Översikt", (), "OverviewScreen"),
    Stop("Remiss", ("enter",), "RemissScreen"),
    Stop("Remiss med filter", ("enter", "slash"), "RemissScreen"),
    Stop("Historik", ("enter", "h"), "HistoryScreen"),
    Stop("Hjälp", ("question_mark",), "HelpScreen"),
    Stop("Sök", ("slash",), "SearchScreen"),
    Stop("Svar", ("enter", "e"), "EditRecipientScreen"),
    Stop("Anstånd", ("enter", "a"), "ExtensionScreen"),
    Stop("Status", ("enter", "t"), "ChooseStatusScreen"),
    Stop("Återkalla", ("enter", "w"), "ConfirmScreen"),
    Stop("Ångra", ("u",), "ConfirmScreen"),
    Stop("Ändra remiss", ("enter", "E"), "EditRemissScreen"),
    Stop("Ny remiss", ("n",), "EditRemissScreen"),
    Stop("Klistra in sändlista", ("n", "ctrl+l"), "PasteListScreen"),
    Stop("Svar från fil", ("enter", "f"), "RegisterFromFileScreen"),
    Stop("Påminnelser", ("enter", "P"), "CreateRemindersScreen"),
    Stop("Exportera", ("enter", "x"), "ExportScreen"),
    Stop("Beredning", ("enter", "b"), "BeredningScreen"),
    Stop("Register", ("O",), "OrganisationsScreen"),
    Stop("Ny organisation", ("O", "n"), "EditOrganisationScreen"),
    Stop("Teman", ("enter", "T"), "ThemesScreen"),
    Stop("Nytt tema", ("enter", "T", "n"), "ThemeNameScreen"),
    Stop("Inställningar", ("ctrl+p", *"inställningar", "wait:600", "enter"), "SettingsScreen"),
    Stop("Kommandopaletten", ("ctrl+p",), "Palette"),
]


# The tour in parts, so that the tests that walk it run in parallel (each part starts its own app).
PARTS = 4


def tour_part(index: int) -> list[Stop]:
    return SCREENS[index::PARTS]


def tour_app(folder):
    """The example, with one change to undo, at a fixed day."""
    store = Store(folder, user="registrator")
    services.set_status(store, "KS 2024/112", ["Kulturnämnden"], Status.registered)
    app = make_app(services.open_store(folder), today=TODAY, watch_interval=0)
    app.animation_level = "none"  # focus scrolls the form at once: every Tab otherwise waits for it
    return app


async def go(pilot, stop: Stop) -> Screen:
    await pilot.pause()
    assert isinstance(pilot.app.screen, OverviewScreen)
    for key in stop.keys:
        await pilot.press(key)
        if not key.startswith("wait:"):
            await pilot.pause()
    screen = pilot.app.screen
    assert type(screen).__name__ == stop.screen, (stop.name, type(screen).__name__)
    return screen


async def back_to_overview(pilot) -> None:
    from remisstui.tui.screens.dialogs import ConfirmScreen

    for _ in range(8):
        if isinstance(pilot.app.screen, OverviewScreen):
            return
        if pilot.app.focused is not None and isinstance(pilot.app.focused.parent, Select):
            pilot.app.focused.parent.expanded = False
        await pilot.press("escape")
        await pilot.pause()
        if isinstance(pilot.app.screen, ConfirmScreen) and "stänga" in pilot.app.screen.question.lower():
            await pilot.press("y")  # "discard the changes?"
            await pilot.pause()
    raise AssertionError(f"could not get back from {type(pilot.app.screen).__name__}")


def shown(widget: Widget) -> bool:
    """On screen for the user: displayed and visible all the way up, and not disabled."""
    node = widget
    while node is not None and not isinstance(node, Screen):
        if not node.display or not node.visible or node.disabled:
            return False
        node = node.parent
    return True


def controls(screen: Screen) -> list[Widget]:
    """Every control the user can see on the screen (a Select's own dropdown list is part of
    its Select, and reached through it)."""
    out = []
    for w in screen.query("*"):
        if not isinstance(w, CONTROLS) or not shown(w):
            continue
        if isinstance(w, OptionList) and isinstance(w.parent, Select):
            continue
        out.append(w)
    return out


def label(widget: Widget) -> str:
    return f"{type(widget).__name__}#{widget.id}" if widget.id else type(widget).__name__


async def tab_cycle(pilot, key: str = "tab", limit: int = 80) -> list[Widget]:
    """The widgets Tab (or Shift+Tab) visits, from the one focused now, once round."""
    app = pilot.app
    start = app.focused
    seen: list[Widget] = [start] if start is not None else []
    for _ in range(limit):
        await pilot.press(key)
        now = app.focused
        if now is None or now in seen[:1]:
            return seen
        if now in seen:  # a cycle that does not come back to the start
            raise AssertionError(f"{key} loops without returning: {[label(w) for w in seen]} then {label(now)}")
        seen.append(now)
    raise AssertionError(f"{key} never came back round: {[label(w) for w in seen]}")


def reachable_only_by_mouse(screen: Screen, reached: list[Widget]) -> list[Widget]:
    return [w for w in controls(screen) if w not in reached and not _inside(w, reached)]


def _inside(widget: Widget, reached: list[Widget]) -> bool:
    """A control inside a focusable scroll container that is itself the control (a TextArea's
    parts, a DataTable's): nothing to reach separately."""
    return any(widget in r.walk_children() for r in reached if not isinstance(r, ScrollableContainer))


Check = Callable[..., None]
