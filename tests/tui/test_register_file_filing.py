"""The file dialog files within the remiss: it asks when two recipients are about equally likely, and
shows a value the reader is unsure of as "osäker" instead of filling it in."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, Select, Static

from remisstui import services
from remisstui.tui.screens.register_file import RegisterFromFileScreen
from helpers import Host, wait_until

DNR = "KS 2024/112"
TODAY = date(2024, 4, 30)


@pytest.fixture
def store(tmp_path):
    st = services.open_store(tmp_path / "data")
    services.ensure_seeded(st)
    return st


async def _read(pilot, screen, path) -> str:
    screen.query_one("#rf-path", Input).value = str(path)

    def status() -> str:
        return str(screen.query_one("#rf-status", Static).content)

    before = status()
    await pilot.press("enter")
    # The document is read in a child process: wait for the reading to end, however long a loaded
    # machine takes, rather than for a fixed number of pauses.
    await wait_until(pilot, lambda: status() != before and not status().startswith("Läser"),
                     "the document was read")
    return status()


async def test_two_equally_likely_recipients_are_asked_about(store, tmp_path):
    remiss = store.load(DNR)
    a, b = [r.organisation for r in remiss.recipients if r.organisation != remiss.sender][:2]
    doc = tmp_path / "gemensamt.txt"
    doc.write_text(f"{a} lämnar följande yttrande. {b} lämnar följande yttrande.\n"
                   f"{a} tillstyrker förslaget. {b} tillstyrker förslaget.\n", encoding="utf-8")
    app = Host(lambda: RegisterFromFileScreen(store, DNR, today=TODAY))
    async with app.run_test(size=(120, 50)) as pilot:
        screen = app.screen
        status = await _read(pilot, screen, doc)
        assert "nästan lika sannolika" in status and a in status and b in status
        assert screen.query_one("#rf-recipient", Select).is_blank()


async def test_an_unsure_value_is_left_empty_and_shown_as_osaker(store, tmp_path):
    remiss = store.load(DNR)
    a = [r.organisation for r in remiss.recipients if r.organisation != remiss.sender][0]
    doc = tmp_path / "svar.txt"
    doc.write_text(f"Dnr 2024/11\n\n{a}\nYttrande\n\nVår beteckning: 2024/99\n\n{a} tillstyrker förslaget.\n",
                   encoding="utf-8")
    app = Host(lambda: RegisterFromFileScreen(store, DNR, today=TODAY))
    async with app.run_test(size=(120, 50)) as pilot:
        screen = app.screen
        await _read(pilot, screen, doc)
        own = screen.query_one("#rf-own_dnr", Input)
        assert own.value == ""
        assert own.placeholder == "osäker: 2024/11"
        # Fields the reader is sure of (or found nothing for) keep their own hint.
        assert screen.query_one("#rf-document_date", Input).placeholder == "ÅÅÅÅ-MM-DD"
