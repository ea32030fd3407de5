"""Issue 12 in the forms: a burst of typing, unexpected errors, the fold in every filtered list,
the answered status, the file dialog's recipient, the 80x24 answer form and Tab order."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, Select, SelectionList, Static, TextArea

from remisstui import services
from remisstui.domain.model import Status
from remisstui.tui.app import make_app
from remisstui.tui.screens.edit_recipient import EditRecipientScreen
from remisstui.tui.screens.edit_remiss import EditRemissScreen
from remisstui.tui.screens.organisations import OrganisationsScreen
from remisstui.tui.screens.register_file import RegisterFromFileScreen
from remisstui.tui.widgets.form import CommentEditor, DateField
from helpers import Host, UNSET, wait_until

DNR = "KS 2024/112"
TODAY = date(2024, 4, 22)
FARSTA = "Farsta stadsdelsnämnd"
FIX = Path(__file__).parent.parent / "fixtures" / "documents"


@pytest.fixture
def store(tmp_path):
    st = services.open_store(tmp_path / "data")
    st.user = "registrator"
    services.ensure_seeded(st)
    return st


async def burst(pilot, text: str) -> None:
    """Keys as a terminal delivers typed text: all read at once, before the app handles any."""
    app = pilot.app
    for ch in text:
        event = events.Key(ch, ch)
        event.set_sender(app)
        app._driver.send_message(event)
    await pilot.pause()


# --- 12.1: the crash that lost a half-typed remiss ------------------------------------------


async def test_filter_burst_then_backspace_keeps_the_new_remiss(store):
    app = make_app(store, today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EditRemissScreen)
        await burst(pilot, "KS 2024/301")
        await pilot.press(*["tab"] * 7)
        assert app.focused.id == "org-filter"
        await burst(pilot, "forskole")
        await pilot.press("tab", "shift+tab", *["backspace"] * 8)
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#dnr", Input).value == "KS 2024/301"
        orgs = screen.query_one("#orgs", SelectionList)
        assert orgs.option_count > 20  # the filter is empty again: every organisation is listed
        assert app.unexpected_errors == []


@pytest.mark.unexpected_errors
async def test_unexpected_error_in_a_screen_keeps_the_form(store, monkeypatch):
    app = make_app(store, today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        await burst(pilot, "KS 2024/302")

        def broken(self) -> None:
            raise RuntimeError("a bug")

        monkeypatch.setattr(EditRemissScreen, "_deadline_note", broken)
        screen.query_one("#deadline", DateField).input.focus()
        await burst(pilot, "30 maj")
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert app.screen is screen
        assert [type(e) for e in app.unexpected_errors] == [RuntimeError, RuntimeError, RuntimeError,
                                                             RuntimeError, RuntimeError, RuntimeError]
        messages = [n.message for n in app._notifications]
        assert any("Ett oväntat fel inträffade (RuntimeError)" in m for m in messages)
        # The form goes on: typing still reaches it.
        await burst(pilot, " 2024")
        assert screen.query_one("#dnr", Input).value == "KS 2024/302"
        assert screen.query_one("#deadline", DateField).text == "30 maj 2024"


# --- 12.7: every filtered list folds case and accents ---------------------------------------


@pytest.mark.parametrize("typed", ["forskole", "fo", "FÖRSKOLE"])
async def test_recipient_picker_filter_ignores_accents_and_case(store, typed):
    app = Host(lambda: EditRemissScreen(store, today=TODAY))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#org-filter", Input).focus()
        await burst(pilot, typed)
        orgs = screen.query_one("#orgs", SelectionList)
        names = [orgs.get_option_at_index(i).value for i in range(orgs.option_count)]
        assert "Förskolenämnden" in names


async def test_organisations_screen_filter_ignores_accents(store):
    app = Host(lambda: OrganisationsScreen(store, today=TODAY))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#org-filter", Input).value = "forskole"
        await pilot.pause()
        table = screen.query_one("#org-table")
        assert table.row_count == 1
        assert "Förskolenämnden" in str(table.get_row_at(0)[0])


# --- 12.3 and 12.4: the answer form ---------------------------------------------------------


async def test_received_date_makes_the_form_show_answered_and_save_it(store):
    app = Host(lambda: EditRecipientScreen(store, DNR, FARSTA, today=TODAY))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#status", Select).value == Status.sent
        screen.query_one("#received", DateField).input.focus()
        await burst(pilot, "2024-04-19")
        assert screen.query_one("#status", Select).value == Status.answered
        assert "Status blir besvarad" in str(screen.query_one("#status-note", Static).content)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result is True
    assert services.open_store(store.folder).load(DNR).recipient(FARSTA).status is Status.answered


async def test_status_chosen_by_the_user_is_kept(store):
    app = Host(lambda: EditRecipientScreen(store, DNR, FARSTA, today=TODAY))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#status", Select).value = Status.in_preparation
        await pilot.pause()
        screen.query_one("#received", DateField).input.focus()
        await burst(pilot, "2024-04-19")
        assert screen.query_one("#status", Select).value == Status.in_preparation
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert services.open_store(store.folder).load(DNR).recipient(FARSTA).status is Status.in_preparation


async def test_received_date_in_the_future_is_warned_about(store):
    app = Host(lambda: EditRecipientScreen(store, DNR, FARSTA, today=TODAY))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        warning = screen.query_one("#received-warning", Static)
        assert not warning.display
        screen.query_one("#received", DateField).input.focus()
        await burst(pilot, (TODAY + timedelta(days=3)).isoformat())
        assert warning.display
        assert "framtiden" in str(warning.content)


# --- 12.9: Ctrl+N at 80x24 ------------------------------------------------------------------


async def test_new_synpunkt_at_80x24_is_scrolled_to_and_focused(store):
    app = Host(lambda: EditRecipientScreen(store, DNR, FARSTA, today=TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.pause()
        editor = screen.query(CommentEditor).last()
        assert app.focused is editor.query_one(TextArea)
        scroll = screen.query_one("#form")
        visible = scroll.content_region
        text_region = app.focused.region
        assert visible.contains_region(text_region) or visible.overlaps(text_region), (visible, text_region)
        hint = screen.query_one(".hint", Static)
        assert hint.region.height >= 1 and "Ctrl+N" in str(hint.content)
        assert hint.content_size.width <= hint.region.width or hint.region.height > 1


# --- 12.10: Tab order in Ny remiss ----------------------------------------------------------


async def test_new_remiss_tab_order_reaches_external_and_keeps_the_dnr(store):
    app = Host(lambda: EditRemissScreen(store, today=TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await burst(pilot, "KS 2024/303")
        chain = [w.id for w in screen.focus_chain]
        assert "form" not in chain  # the scroll container is no stop of its own
        picker = chain[chain.index("org-filter"):]
        assert picker[:6] == ["org-filter", "orgs", "external-name", "add-external", "chosen", "remove-chosen"]
        screen.query_one("#remove-chosen").focus()
        await pilot.press("tab")
        assert app.focused.id == "dnr"
        await burst(pilot, "0")  # typing after Tab adds to the dnr, never replaces it
        assert screen.query_one("#dnr", Input).value == "KS 2024/3030"
        screen.query_one("#external-name", Input).focus()
        await burst(pilot, "Extern förening")
        await pilot.press("enter")
        await pilot.pause()
        assert "Extern förening" in screen.chosen


# --- 12.2 and 12.10: the file dialog --------------------------------------------------------


async def _wait_read(pilot, screen) -> None:
    await wait_until(pilot, lambda: not str(screen.query_one("#rf-status", Static).content).startswith(("Läser", "Ange")),
                     "the file read")


async def test_file_is_filed_on_its_sender_not_the_cursor_row(store):
    path = FIX / "farsta_protokollsutdrag.txt"
    app = Host(lambda: RegisterFromFileScreen(store, DNR, "Arbetsmarknadsnämnden", today=date(2024, 4, 30),
                                              path=str(path)))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await _wait_read(pilot, screen)
        status = str(screen.query_one("#rf-status", Static).content)
        assert screen.query_one("#rf-recipient", Select).value == FARSTA
        assert f"svar från {FARSTA}" in status and "vald efter" in status
        assert "Arbetsmarknadsnämnden" not in status
        assert str(screen.query_one("#rf-new-status", Static).content) == "besvarad"
        # The user changes the recipient: every line follows.
        screen.query_one("#rf-recipient", Select).value = "Bromma stadsdelsnämnd"
        await pilot.pause()
        status = str(screen.query_one("#rf-status", Static).content)
        assert "svar från Bromma stadsdelsnämnd (vald av dig)" in status
        assert screen.plan.recipient.organisation == "Bromma stadsdelsnämnd"
        screen.query_one("#rf-recipient", Select).value = FARSTA
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result is True
    remiss = services.open_store(store.folder).load(DNR)
    assert remiss.recipient(FARSTA).status is Status.answered
    assert remiss.recipient("Arbetsmarknadsnämnden").status is Status.sent
    assert remiss.recipient("Arbetsmarknadsnämnden").response is None


async def test_unmatched_sender_preselects_nothing_and_warns_at_the_top(store):
    path = FIX / "region_uppsala_avstyrker.txt"
    app = Host(lambda: RegisterFromFileScreen(store, DNR, "Arbetsmarknadsnämnden", today=date(2024, 4, 30),
                                              path=str(path)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await _wait_read(pilot, screen)
        assert screen.query_one("#rf-recipient", Select).is_blank()
        assert app.focused is screen.query_one("#rf-recipient", Select)  # the choice to make
        await pilot.press("enter")
        assert screen.query_one("#rf-recipient", Select).expanded
        await pilot.press("escape")
        status = screen.query_one("#rf-status", Static)
        assert "matchar ingen mottagare" in str(status.content)
        fields = screen.query_one("#rf-fields")
        assert status.region.y < fields.region.y  # above the fold, not below it
        warnings = screen.query_one("#rf-warnings", Static)
        assert "S2025/01234" in str(warnings.content) and warnings.region.y < fields.region.y
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.result is UNSET


async def test_enter_opens_the_recipient_dropdown(store):
    app = Host(lambda: RegisterFromFileScreen(store, DNR, today=date(2024, 4, 30)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("tab", "tab")
        select = screen.query_one("#rf-recipient", Select)
        assert app.focused is select
        await pilot.press("enter")
        await pilot.pause()
        assert select.expanded


async def test_tab_in_the_path_field_completes_then_moves_on(store, tmp_path):
    folder = tmp_path / "svar"
    folder.mkdir()
    (folder / "farsta-svar.txt").write_text((FIX / "farsta_protokollsutdrag.txt").read_text(encoding="utf-8"),
                                            encoding="utf-8")
    app = Host(lambda: RegisterFromFileScreen(store, DNR, today=date(2024, 4, 30)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        path = screen.query_one("#rf-path", Input)
        assert app.focused is path
        await burst(pilot, str(folder / "far"))
        # the suggester runs in the background
        await wait_until(pilot, lambda: path._suggestion and path._suggestion != path.value, "a suggestion")
        await pilot.press("tab")
        assert path.value == str(folder / "farsta-svar.txt")
        assert app.focused is path
        await pilot.press("tab")
        assert app.focused is not path  # nothing more to complete: Tab moves on


@pytest.mark.unexpected_errors
async def test_error_in_a_widget_of_the_form_keeps_the_app_and_the_form(store, monkeypatch):
    """A bug in one widget's own handler (what killed the organisation list) ends that widget at
    most: the app says so in Swedish, and the remiss typed so far can still be saved."""
    from remisstui.tui.widgets.lists import RefillableSelectionList

    def broken(self, event) -> None:
        raise LookupError("stale highlight")

    monkeypatch.setattr(RefillableSelectionList, "_on_option_list_option_highlighted", broken)
    app = make_app(store, today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        await burst(pilot, "KS 2024/304")
        await pilot.press("tab")
        await burst(pilot, "Remiss som överlever")
        screen.query_one("#deadline", DateField).input.focus()
        await burst(pilot, "30 maj 2024")
        screen.query_one("#org-filter", Input).focus()
        await burst(pilot, "forsk")
        await pilot.pause()
        assert app.is_running and app.screen is screen
        assert any(isinstance(e, LookupError) for e in app.unexpected_errors)
        assert any("Oväntat fel" == n.title for n in app._notifications)
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = services.open_store(store.folder).load("KS 2024/304")
    assert saved.title == "Remiss som överlever"


@pytest.mark.parametrize("form", ["remiss", "recipient", "extension", "file", "organisation"])
async def test_no_form_has_an_invisible_tab_stop(store, form):
    """A scroll container in the focus chain is a Tab stop that shows nothing: the next key went
    nowhere the user could see, and the Tab after it landed on Diarienummer."""
    from textual.containers import HorizontalScroll, VerticalScroll

    from remisstui.tui.screens.edit_recipient import ExtensionScreen
    from remisstui.tui.screens.organisations import EditOrganisationScreen

    factories = {
        "remiss": lambda: EditRemissScreen(store, today=TODAY),
        "recipient": lambda: EditRecipientScreen(store, DNR, FARSTA, today=TODAY),
        "extension": lambda: ExtensionScreen(store, DNR, [FARSTA], today=TODAY),
        "file": lambda: RegisterFromFileScreen(store, DNR, today=TODAY),
        "organisation": lambda: EditOrganisationScreen(store, "Förskolenämnden", today=TODAY),
    }
    app = Host(factories[form])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        chain = app.screen.focus_chain
        assert chain
        assert not [w for w in chain if isinstance(w, (VerticalScroll, HorizontalScroll))]


def test_every_screen_keeps_running_on_an_unexpected_error():
    """Each screen of the app has the safety net (unexpected.KeepsRunning); a screen derived from
    Textual's Screen or ModalScreen directly would stop responding on its first bug."""
    import importlib
    import inspect
    import pkgutil

    from textual.screen import Screen

    import remisstui.tui.screens as screens_package
    from remisstui.tui.unexpected import KeepsRunning

    classes = []
    for info in pkgutil.iter_modules(screens_package.__path__):
        module = importlib.import_module(f"remisstui.tui.screens.{info.name}")
        classes += [c for _n, c in inspect.getmembers(module, inspect.isclass)
                    if issubclass(c, Screen) and c.__module__ == module.__name__]
    assert len(classes) >= 20
    assert [c.__name__ for c in classes if not issubclass(c, KeepsRunning)] == []
