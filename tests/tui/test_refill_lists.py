"""Issue 24.1: every list refilled while the user types survives bursts, Enter and empty results.

Textual handles a list's highlight and selection messages after the keys that caused them, and a
burst of keys refills a filtered list several times in between. Each list that refills is driven
here with a burst of typing, Enter, a filter that finds nothing, and a paste burst; the app must
raise nothing and the keys must land where the user typed them.
"""

from __future__ import annotations

from datetime import date

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Input, SelectionList, TextArea
from textual.widgets.option_list import Option

from remisstui import services
from remisstui.tui.app import make_app
from remisstui.tui.screens.edit_remiss import EditRemissScreen
from remisstui.tui.screens.organisations import OrganisationsScreen
from remisstui.tui.screens.remiss import RemissScreen
from remisstui.tui.screens.search import SearchScreen
from remisstui.tui.widgets.lists import RefillableOptionList, RefillableSelectionList

DNR = "KS 2024/112"
TODAY = date(2024, 4, 22)
KEY_NAMES = {"\n": "enter", " ": "space", "\x7f": "backspace", "/": "slash", "\t": "tab"}


@pytest.fixture
def store(tmp_path):
    st = services.open_store(tmp_path / "data")
    st.user = "registrator"
    services.ensure_seeded(st)
    return st


async def burst(pilot, text: str) -> None:
    """Keys as a terminal delivers them when typed fast or pasted raw: all read at once, before
    the app handles any ("\\n" is Enter, "\\x7f" Backspace)."""
    app = pilot.app
    for ch in text:
        key = KEY_NAMES.get(ch, ch)
        event = events.Key(key, "\r" if ch == "\n" else (None if ch == "\x7f" else ch))
        event.set_sender(app)
        app._driver.send_message(event)
    await pilot.pause()
    await pilot.pause()


# --- the widgets themselves ------------------------------------------------------------------


class ListApp(App):
    def __init__(self, widget) -> None:
        super().__init__()
        self.widget = widget
        self.messages: list = []

    def compose(self) -> ComposeResult:
        yield self.widget

    def on_selection_list_selection_highlighted(self, event) -> None:
        self.messages.append(("highlighted", event.selection.value))

    def on_selection_list_selection_toggled(self, event) -> None:
        self.messages.append(("toggled", event.selection.value))

    def on_option_list_option_highlighted(self, event) -> None:
        self.messages.append(("highlighted", event.option.id))

    def on_option_list_option_selected(self, event) -> None:
        self.messages.append(("selected", event.option.id))


async def test_a_highlight_of_an_emptied_selection_list_is_dropped():
    lst = RefillableSelectionList[str]()
    app = ListApp(lst)
    async with app.run_test() as pilot:
        lst.add_options([("a", "a"), ("b", "b"), ("c", "c")])
        lst.highlighted = 2          # posts a highlight of index 2 …
        lst.clear_options()          # … that names nothing once it is handled
        await pilot.pause()
        lst.add_options([("x", "x")])
        lst.highlighted = 0
        lst.clear_options()
        lst.add_options([("y", "y"), ("z", "z")])  # index 0 now holds another option
        await pilot.pause()
        assert app.messages == []
        lst.highlighted = 1
        await pilot.pause()
        assert app.messages == [("highlighted", "z")]


async def test_a_selection_toggles_the_option_pressed_on_not_the_one_highlighted_after_a_refill():
    lst = RefillableSelectionList[str]()
    app = ListApp(lst)
    async with app.run_test() as pilot:
        lst.add_options([("a", "a"), ("b", "b")])
        lst.highlighted = 0
        lst.focus()
        await pilot.pause()
        app.messages.clear()
        lst.action_select()          # Space on "a" …
        lst.clear_options()          # … then a refill before it is handled
        lst.add_options([("b", "b")])
        lst.highlighted = 0
        lst.action_select()          # Space on "b", after the refill
        await pilot.pause()
        assert lst.selected == ["b"]
        assert ("toggled", "a") not in app.messages


async def test_an_option_list_drops_messages_about_options_that_are_gone():
    lst = RefillableOptionList()
    app = ListApp(lst)
    async with app.run_test() as pilot:
        lst.add_options([Option("a", id="a"), Option("b", id="b")])
        lst.highlighted = 1
        lst.action_select()
        lst.clear_options()
        lst.add_options([Option("c", id="c")])
        await pilot.pause()
        assert app.messages == []


# --- Ny remiss: the organisation filter ---------------------------------------------------------


@pytest.mark.parametrize("typed", ["xyzzy\n", "stockholms läns lantsting\n", "kristianstad kommun\n",
                                   "bro\x7f\x7f\x7fxyz\n", "b\x7fb\x7fbq\x7fq\n"])
async def test_new_remiss_filter_that_finds_nothing_then_enter(store, typed):
    app = make_app(store, today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EditRemissScreen)
        await pilot.press(*["tab"] * 7)
        assert app.focused.id == "org-filter"
        await burst(pilot, typed)
        assert app.unexpected_errors == []
        assert app.focused.id == "org-filter"
        # The list lives on and the next keys go into the filter, nowhere else.
        await burst(pilot, "\x7f" * 40 + "bromma")
        orgs = screen.query_one("#orgs", SelectionList)
        assert screen.query_one("#org-filter", Input).value == "bromma"
        assert [orgs.get_option_at_index(i).value for i in range(orgs.option_count)] == [
            "Bromma stadsdelsnämnd"]
        assert screen.query_one("#sender", Input).value == "Kommunstyrelsen"
        assert screen.query_one("#description", TextArea).text == ""
        assert app.unexpected_errors == []


async def test_new_remiss_filter_burst_enter_space_picks_the_listed_organisation(store):
    app = make_app(store, today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        await pilot.press(*["tab"] * 7)
        await burst(pilot, "xyz\x7f\x7f\x7ffarsta\n")
        assert app.focused.id == "orgs"
        await burst(pilot, " ")
        assert app.unexpected_errors == []
        assert list(screen.chosen) == ["Farsta stadsdelsnämnd"]
        assert screen.query_one("#description", TextArea).text == ""


async def test_new_remiss_raw_paste_burst_into_the_filter(store):
    """A raw terminal paste of a list: lines and Enters arrive as one burst of keys."""
    app = make_app(store, today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        await pilot.press(*["tab"] * 7)
        await burst(pilot, "1. Riksdagens ombudsmän\n2. Riksrevisionen\n3. Bromma stadsdelsnämnd\n")
        assert app.unexpected_errors == []
        assert screen.query_one("#sender", Input).value == "Kommunstyrelsen"
        assert screen.query_one("#description", TextArea).text == ""
        assert screen.query_one("#title", Input).value == ""


# --- the other lists that refill as the user types ----------------------------------------------


@pytest.mark.parametrize("typed", ["xyzzy\n", "bromma\n\n", "b\x7fq\x7fs\n", "zz\x7f\x7f\n\n"])
async def test_remiss_screen_filter_bursts(store, typed):
    app = make_app(store, today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        app.open_remiss(DNR)
        await pilot.pause()
        assert isinstance(app.screen, RemissScreen)
        await burst(pilot, "/" + typed)
        assert app.unexpected_errors == []
        assert isinstance(app.screen, (RemissScreen, type(app.screen)))


@pytest.mark.parametrize("typed", ["xyzzy\n\n", "södermalm\n\n", "s\x7fq\x7f\n"])
async def test_organisations_filter_bursts(store, typed):
    app = make_app(store, today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        app.push_screen(OrganisationsScreen(store, today=TODAY))
        await pilot.pause()
        await burst(pilot, "/" + typed)
        assert app.unexpected_errors == []


@pytest.mark.parametrize("typed", ["xyzzy\n\n", "farsta\n", "f\x7fq\x7f\n\n"])
async def test_search_bursts(store, typed):
    app = make_app(store, today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await burst(pilot, typed)
        assert app.unexpected_errors == []


# --- issue 24.8: keys in the filters -------------------------------------------------------------


async def test_down_in_the_organisation_filter_goes_to_the_list(store):
    app = make_app(store, today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*["tab"] * 7)
        await burst(pilot, "farsta")
        await pilot.press("down")
        assert app.focused.id == "orgs"


async def test_backspace_in_a_burst_edits_the_remiss_filter_like_letters(store):
    app = make_app(store, today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_remiss(DNR)
        await pilot.pause()
        await burst(pilot, "/sodx\x7fer")
        screen = app.screen
        assert screen.query_one("#filter-text", Input).value == "soder"
        assert screen.filter_text == "soder"
        assert [r.rec.organisation for r in screen.shown_rows] == ["Södermalms stadsdelsnämnd"]


async def test_a_burst_with_tabs_fills_each_field_in_turn(store):
    """tmux send-keys 'KS 2026/901' Tab 'Titel' …: the text after a Tab went into the field being left."""
    app = make_app(store, today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        await burst(pilot, "KS 2026/901\tBättre samarbete\t\t\t31 maj 2024")
        await pilot.pause()
        assert screen.query_one("#dnr", Input).value == "KS 2026/901"
        assert screen.query_one("#title", Input).value == "Bättre samarbete"
        assert screen.query_one("#sender", Input).value == "Kommunstyrelsen"
        assert screen.query_one("#deadline").text == "31 maj 2024"


async def test_a_former_name_in_the_filter_offers_the_body_by_its_name_now(store):
    app = make_app(store, today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        await pilot.press(*["tab"] * 7)
        await burst(pilot, "stockholms läns landsting")
        orgs = screen.query_one("#orgs", SelectionList)
        assert [orgs.get_option_at_index(i).value for i in range(orgs.option_count)] == ["Region Stockholm"]
        await burst(pilot, "\x7f" * 30 + "Sveriges Kommuner och Landsting\n")
        await burst(pilot, " ")
        assert "Sveriges Kommuner och Regioner" in screen.chosen
