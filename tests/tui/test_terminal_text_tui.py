"""Terminal injection in the TUI (issue 13.6): titles, cells and warnings hold no control codes.

Textual passes ESC in a widget's text straight to the terminal (Rich drops BEL, not ESC), so a
title `Rubrik ESC]0;pwned BEL` would start an OSC sequence on the user's terminal. The text helpers
(tui/text.py: one_line, cell, literal) show control characters as escapes; the screen title and the
warnings naming files go through them.
"""

from __future__ import annotations


from rich.text import Text

from helpers import EXAMPLE_DNR, TODAY
from remisstui import services
from remisstui.domain.terminal_text import CONTROL_RE
from remisstui.store.repository import REMISS_DIR
from remisstui.tui.app import make_app
from remisstui.tui.screens.remiss import RemissScreen
from remisstui.tui.text import cell, literal, one_line

TITLE = "Rubrik \x1b]0;pwned\x07 och \x9b31m slut"
ORG = "Nämnden \x1b[2J för test"
BAD_FILE = "KS-9\x1b]0;fil\x07.json"


def _raw(text: str) -> list[str]:
    return sorted({repr(c) for c in text if CONTROL_RE.match(c) or c == "\r"})


def test_text_helpers_escape_controls():
    for make in (lambda v: one_line(v), lambda v: cell(v).plain, lambda v: literal(v).plain):
        shown = make(TITLE + "\r\n" + ORG)
        assert not _raw(shown), shown
        assert "\\u001b]0;pwned" in shown


async def test_no_control_code_reaches_title_cells_or_warnings(data_dir):
    store = services.open_store(data_dir)
    remiss = store.load(EXAMPLE_DNR)
    services.add_recipients(store, EXAMPLE_DNR, ["Nämnden för test"], store.load_register())
    # The store cleans control characters at its door (issue 23 item 9); a file from an older
    # version still holds them, and the screens must show them safely.
    from test_terminal_text import put_raw_text

    put_raw_text(data_dir, EXAMPLE_DNR, title=TITLE, organisation=ORG)
    (data_dir / REMISS_DIR / BAD_FILE).write_text("{", encoding="utf-8")
    app = make_app(services.open_store(data_dir), today=TODAY, watch_interval=0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.pause()
        overview = app.screen
        row = overview.query_one("#remisser").get_row(EXAMPLE_DNR)
        for value in row:
            assert not _raw(value.plain if isinstance(value, Text) else str(value))
        notes = [n.message for n in app._notifications]
        assert any("KS-9\\u001b]0;fil\\u0007.json" in n for n in notes), notes
        assert not any(_raw(n) for n in notes)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RemissScreen)
        assert "pwned" in screen.title and not _raw(screen.title) and not _raw(str(app.title))
        assert not _raw(str(screen.sub_title))
        table = screen.table
        shown = table.get_row("org:" + ORG)
        assert "\\u001b[2J" in shown[1].plain
        for key in table.rows:
            for value in table.get_row(key):
                assert not _raw(value.plain if isinstance(value, Text) else str(value))
        assert remiss.dnr == EXAMPLE_DNR


async def test_no_control_code_reaches_the_screen_whatever_widget_shows_it(data_dir):
    """The safety net: a Static or a notice given raw user text (not through the helpers) still
    sends no ESC or C1 to the terminal. The screenshot is what the compositor writes."""
    from textual.widgets import Static

    app = make_app(services.open_store(data_dir), today=TODAY, watch_interval=0)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        await app.screen.mount(Static(TITLE + " " + ORG, markup=False, id="raw"))
        app.notify(TITLE, markup=False)
        await pilot.pause()
        await pilot.pause()
        shown = app.export_screenshot()
        assert "pwned" in shown and "slut" in shown
        assert not _raw(shown.replace("\n", "").replace("\t", "")), _raw(shown)
