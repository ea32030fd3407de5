"""The Teman board driven through Pilot: open it from the remiss (key and palette), accept, move,
rename, merge, split, add, undo; every change checked on disk; hostile text stays text."""

from __future__ import annotations

from datetime import date

import pytest

from helpers import HOSTILE, TODAY, wait_until
from remisstui import services
from remisstui.services import themes as theming
from remisstui.domain.model import Comment, Recipient, Remiss, Response, Status, Theme
from remisstui.tui.app import make_app
from remisstui.tui.screens.remiss import RemissScreen
from remisstui.tui.screens.themes import NONE_KEY, ThemeNameScreen, ThemesScreen

DNR = "KS 2099/8"
SIZE = (130, 40)


def _remiss(extra_org: str = "Kulturnämnden") -> Remiss:
    comments = {
        extra_org: [Comment("Rollfördelningen och ansvaret mellan förvaltningarna är oklart."),
                    Comment("Kostnaderna för översättning bör bäras centralt.", theme="kostnader")],
        "Idrottsnämnden": [Comment("Ansvaret och rollerna i kriskommunikationen saknas."),
                           Comment("Kostnaderna är inte beräknade.")],
        "Förskolenämnden": [Comment("Sommaren var varm och lång.")],
    }
    recs = [Recipient(organisation=o, status=Status.answered,
                      response=Response(received_on=date(2024, 3, 1), comments=cs)) for o, cs in comments.items()]
    return Remiss(dnr=DNR, title="Temaprov", sent_on=date(2024, 1, 1), deadline=date(2024, 3, 31),
                  recipients=recs, themes=[Theme("ansvar och roller")])


@pytest.fixture
def folder(tmp_path):
    store = services.open_store(tmp_path / "data")
    services.ensure_seeded(store)
    services.create_remiss(store, _remiss())
    return tmp_path / "data"


def _app(folder):
    return make_app(services.open_store(folder), today=TODAY, watch_interval=0)


def _tags(folder):
    r = services.open_store(folder).load(DNR)
    return {(rec.organisation, i): c.theme for rec in r.recipients for i, c in enumerate(rec.response.comments)}


async def _open_board(pilot, folder) -> ThemesScreen:
    await pilot.pause()
    pilot.app.open_remiss(DNR)
    await pilot.pause()
    assert isinstance(pilot.app.screen, RemissScreen)
    await pilot.press("T")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ThemesScreen)
    return screen


async def _to_theme(pilot, screen: ThemesScreen, name: str) -> None:
    table = screen.themes_table
    table.focus()
    table.move_cursor(row=table.row_keys.index("t:" + name.casefold()))
    await pilot.pause()


async def test_board_shows_themes_counts_organisations_and_synpunkter(folder):
    app = _app(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await _open_board(pilot, folder)
        keys = screen.themes_table.row_keys
        assert keys[:2] == ["t:ansvar och roller", "t:kostnader"]
        assert keys[-1] == NONE_KEY  # the synpunkt nothing matched
        cells = screen.themes_table.cells_of("t:kostnader")
        assert [c.plain for c in cells[1:]] == ["1", "1", "1"]
        await _to_theme(pilot, screen, "kostnader")
        orgs = str(screen.query_one("#theme-orgs").render())
        assert "1 remissinstans: Kulturnämnden" in orgs and "förslag från Idrottsnämnden" in orgs
        await _to_theme(pilot, screen, "ansvar och roller")
        texts = [screen.syn_table.cells_of(k)[4].plain for k in screen.syn_table.row_keys]
        assert any("Rollfördelningen" in t for t in texts)
        assert all(screen.syn_table.cells_of(k)[1].plain.startswith("förslag") for k in screen.syn_table.row_keys)
        # Each suggestion says why, in its row and in the detail below.
        assert all(screen.syn_table.cells_of(k)[2].plain.startswith("ord: ") for k in screen.syn_table.row_keys)
        screen.syn_table.focus()
        await pilot.pause()
        detail = str(screen.query_one("#theme-detail-text").render())
        assert "Varför: ord: " in detail
        # What nothing supports is listed as "utan förslag", with its own reason.
        assert [c.plain for c in screen.themes_table.cells_of(NONE_KEY)][:2] == ["utan förslag", "1"]


async def test_accept_move_and_undo_on_disk(folder):
    app = _app(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await _open_board(pilot, folder)
        await _to_theme(pilot, screen, "ansvar och roller")
        await pilot.press("enter")  # to the synpunkter
        await pilot.pause()
        assert screen.focused is screen.syn_table
        first = screen._current_synpunkt()
        await pilot.press("enter")  # accept its suggestion
        await pilot.pause()
        assert _tags(folder)[first.ref] == "ansvar och roller"
        # Move the accepted one to "kostnader" through the name dialog's list.
        screen.syn_table.move_cursor(row=screen.syn_table.row_keys.index(f"{first.ref[1]}:{first.ref[0]}"))
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ThemeNameScreen)
        await pilot.press(*"kostnader", "enter")
        await pilot.pause()
        assert _tags(folder)[first.ref] == "kostnader"
        await pilot.press("u", "y")  # undo asks first
        await pilot.pause()
        assert _tags(folder)[first.ref] == "ansvar och roller"
        await pilot.press("u", "y")  # undo asks first
        await pilot.pause()
        assert _tags(folder)[first.ref] == ""


async def test_accept_all_add_rename_merge_split(folder):
    app = _app(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await _open_board(pilot, folder)
        sure = {s.ref: s.suggestion.theme for s in screen.board.synpunkter
                if not s.theme and s.suggestion and s.suggestion.confidence >= theming.DEFAULT_MIN_CONFIDENCE}
        unsure = {s.ref for s in screen.board.synpunkter if not s.theme and s.ref not in sure}
        assert sure and unsure
        await pilot.press("A")
        await pilot.pause()
        tags = _tags(folder)
        assert {r: tags[r] for r in sure} == sure
        assert all(tags[r] == "" for r in unsure)
        # Add a theme, rename it, merge "kostnader" into it, then split one synpunkt back out.
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"ekonomi", "enter")
        await pilot.pause()
        await _to_theme(pilot, screen, "ekonomi")
        await pilot.press("R")
        await pilot.pause()
        inp = app.screen.query_one("#name-input")
        inp.value = "ekonomi och budget"
        await pilot.press("enter")
        await pilot.pause()
        names = [t.name for t in services.open_store(folder).load(DNR).themes]
        assert "ekonomi och budget" in names
        await _to_theme(pilot, screen, "kostnader")
        await pilot.press("M")
        await pilot.pause()
        await pilot.press(*"ekonomi och budget", "enter")
        await pilot.pause()
        tags = _tags(folder)
        assert tags[("Kulturnämnden", 1)] == "ekonomi och budget"
        assert "kostnader" not in [t.name for t in services.open_store(folder).load(DNR).themes]
        await _to_theme(pilot, screen, "ekonomi och budget")
        screen.syn_table.focus()
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        marked = set(screen.marked)
        assert len(marked) == 1
        await pilot.press("d")
        await pilot.pause()
        await pilot.press(*"översättning", "enter")
        await pilot.pause()
        tags = _tags(folder)
        assert [tags[r] for r in marked] == ["översättning"]
        for _ in range(4):
            await pilot.press("u", "y")  # undo asks first
            await pilot.pause()
        assert [t.name for t in services.open_store(folder).load(DNR).themes] == ["ansvar och roller", "kostnader"]


def _learning_remiss() -> Remiss:
    comments = {
        "Kulturnämnden": [Comment("Rollfördelningen mellan förvaltningarna och bolagen är oklar.")],
        "Idrottsnämnden": [Comment("Bolagen och förvaltningarna behöver veta sin roll i arbetet.")],
        "Förskolenämnden": [Comment("Kostnaderna för översättning och budgeten måste redovisas."),
                            Comment("Sommaren var varm och lång.")],
    }
    recs = [Recipient(organisation=o, status=Status.answered,
                      response=Response(received_on=date(2024, 3, 1), comments=cs)) for o, cs in comments.items()]
    return Remiss(dnr=DNR, title="Temaprov", sent_on=date(2024, 1, 1), deadline=date(2024, 3, 31),
                  recipients=recs, themes=[Theme("ansvar och roller"), Theme("kostnader och budget"),
                                           Theme("kommunikationsmål")])


async def test_a_placed_synpunkt_becomes_evidence_and_the_board_says_so_at_once(tmp_path):
    store = services.open_store(tmp_path / "data")
    services.ensure_seeded(store)
    services.create_remiss(store, _learning_remiss())
    app = _app(tmp_path / "data")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await _open_board(pilot, tmp_path / "data")
        # One common word ("roll") is too little: both wait "utan förslag".
        table = screen.themes_table
        table.focus()
        table.move_cursor(row=table.row_keys.index(NONE_KEY))
        await pilot.pause()
        assert {"0:Kulturnämnden", "0:Idrottsnämnden"} <= set(screen.syn_table.row_keys)
        assert screen.syn_table.cells_of("0:Idrottsnämnden")[2].plain == "utan förslag"
        # A person places one of them (m, a few letters, Enter) ...
        screen.syn_table.focus()
        screen.syn_table.move_cursor(row=screen.syn_table.row_keys.index("0:Kulturnämnden"))
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"ansv", "enter")
        await pilot.pause()
        assert _tags(tmp_path / "data")[("Kulturnämnden", 0)] == "ansvar och roller"
        # ... and the other gets a suggestion at once, resting on it, and says so.
        after = next(s for s in screen.board.synpunkter if s.ref == ("Idrottsnämnden", 0))
        assert after.suggestion.theme == "ansvar och roller" and after.suggestion.similar == 1
        await _to_theme(pilot, screen, "ansvar och roller")
        why = screen.syn_table.cells_of("0:Idrottsnämnden")[2].plain
        assert why.startswith("liknar 1 synpunkt under ansvar")
        screen.syn_table.focus()
        screen.syn_table.move_cursor(row=screen.syn_table.row_keys.index("0:Idrottsnämnden"))
        await pilot.pause()
        detail = str(screen.query_one("#theme-detail-text").render())
        assert "Varför: liknar 1 synpunkt under ansvar och roller (ord: " in detail
        # The synpunkt nothing supports stays "utan förslag".
        assert screen.themes_table.cells_of(NONE_KEY)[0].plain == "utan förslag"


async def test_move_takes_the_theme_that_matches_what_is_typed(tmp_path):
    store = services.open_store(tmp_path / "data")
    services.ensure_seeded(store)
    services.create_remiss(store, _learning_remiss())
    app = _app(tmp_path / "data")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await _open_board(pilot, tmp_path / "data")
        await _to_theme(pilot, screen, "kostnader och budget")
        screen.syn_table.focus()
        screen.syn_table.move_cursor(row=screen.syn_table.row_keys.index("0:Förskolenämnden"))
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ThemeNameScreen)
        await pilot.press(*"kommunik")
        await pilot.pause()
        assert "Enter väljer: kommunikationsmål" in str(app.screen.query_one("#name-hint").render())
        await pilot.press("enter")
        await pilot.pause()
        assert _tags(tmp_path / "data")[("Förskolenämnden", 0)] == "kommunikationsmål"
        names = [t.name for t in services.open_store(tmp_path / "data").load(DNR).themes]
        assert "kommunik" not in names  # no new theme unless asked for
        # A new theme only when asked: its own line in the list.
        await _to_theme(pilot, screen, "kommunikationsmål")
        screen.syn_table.focus()
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"kommunik")
        await pilot.pause()
        lst = app.screen.query_one("#name-choices")
        lst.focus()
        lst.highlighted = lst.option_count - 1
        await pilot.pause()
        assert "Nytt tema: kommunik" in str(lst.get_option_at_index(lst.highlighted).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert "kommunik" in [t.name for t in services.open_store(tmp_path / "data").load(DNR).themes]


async def test_palette_opens_the_board(folder):
    app = _app(folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_remiss(DNR)
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"teman över svaren")
        def found() -> bool:
            lists = app.screen.query("CommandList")
            return bool(lists and lists.first().option_count
                        and "Teman" in str(lists.first().get_option_at_index(0).prompt))

        await wait_until(pilot, found, "the command found")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ThemesScreen)


async def test_hostile_text_and_names_stay_text(tmp_path):
    store = services.open_store(tmp_path / "data")
    services.ensure_seeded(store)
    r = _remiss(extra_org=HOSTILE[1])
    r.themes = [Theme(h) for h in HOSTILE[:5]]
    for rec in r.recipients:
        rec.response.comments += [Comment(h + " kostnader") for h in HOSTILE]
    services.create_remiss(store, r)
    app = _app(tmp_path / "data")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await _open_board(pilot, tmp_path / "data")
        for key in screen.themes_table.row_keys:
            screen.themes_table.move_cursor(row=screen.themes_table.row_keys.index(key))
            await pilot.pause()
        screen.syn_table.focus()
        for _ in range(5):
            await pilot.press("down")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"[/x] ny", "enter")
        await pilot.pause()
        assert "[/x] ny" in [t.name for t in services.open_store(tmp_path / "data").load(DNR).themes]
        assert isinstance(app.screen, ThemesScreen)
