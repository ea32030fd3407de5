"""The register dialog (`f`) survives a PDF that crashes pdfium, and Esc stops the reading (issue 23)."""

from __future__ import annotations

import signal
from datetime import date

import pytest
from textual.widgets import Input, Static

from remisstui import services
from remisstui.formats.document import contained
from remisstui.tui.screens.register_file import RegisterFromFileScreen
from helpers import Host, wait_until
from test_hostile3 import fan_out_pdf

DNR = "KS 2024/112"


@pytest.fixture
def store(tmp_path):
    st = services.open_store(tmp_path / "data")
    services.ensure_seeded(st)
    return st


async def test_crashing_pdf_is_one_swedish_line_and_the_app_lives(store, tmp_path, monkeypatch):
    monkeypatch.setattr(contained, "MEMORY_BYTES", 300 * 1024 * 1024)
    pdf = fan_out_pdf(tmp_path / "remissvar.pdf")
    app = Host(lambda: RegisterFromFileScreen(store, DNR, today=date(2024, 4, 30)))
    async with app.run_test(size=(120, 50)) as pilot:
        screen = app.screen
        assert ".eml" in screen.query_one("#rf-path", Input).placeholder
        screen.query_one("#rf-path", Input).value = str(pdf)
        await pilot.press("enter")
        status = screen.query_one("#rf-status", Static)
        await wait_until(pilot, lambda: not str(status.content).startswith("Läser"))
        assert "remissvar.pdf kan inte läsas" in str(status.content)
        assert app.is_running


async def test_escape_stops_the_reading_child(store, tmp_path):
    pdf = fan_out_pdf(tmp_path / "remissvar.pdf")
    app = Host(lambda: RegisterFromFileScreen(store, DNR, today=date(2024, 4, 30)))
    async with app.run_test(size=(120, 50)) as pilot:
        screen = app.screen
        screen.query_one("#rf-path", Input).value = str(pdf)
        await pilot.press("enter")
        await wait_until(pilot, lambda: bool(contained._children))
        child = next(iter(contained._children))
        await pilot.press("escape")
        await wait_until(pilot, lambda: child.poll() is not None)
        # Killed by the dialog (SIGKILL), not left to run into its own limits (SIGABRT, SIGXCPU).
        assert child.returncode == -signal.SIGKILL
