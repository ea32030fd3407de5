"""Dates typed in the forms (issue 12.4): ÅÅMMDD, idag/igår, the year nearest the remiss, a warning
for a received date in the future. The rules are domain/dates.py's; these tests prove the forms
pass them the remiss's dates and the app's today."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Static

from helpers import EXAMPLE_DNR, SODERMALM, Host
from remisstui import services
from remisstui.tui.screens.edit_recipient import EditRecipientScreen, ExtensionScreen
from remisstui.tui.widgets.form import DateField

LATER = date(2026, 12, 1)  # the app's today, two years after the example (sent 2024, deadline 2024-04-29)


async def _type(pilot, field: DateField, text: str) -> None:
    field.input.focus()
    field.input.value = text
    await pilot.pause()


async def test_answer_form_reads_dates_the_swedish_way(data_dir):
    store = services.open_store(data_dir)
    host = Host(lambda: EditRecipientScreen(store, EXAMPLE_DNR, SODERMALM, today=LATER))
    async with host.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        received = host.screen.query_one("#received", DateField)
        meeting = host.screen.query_one("#meeting", DateField)
        await _type(pilot, received, "29 april")
        assert received.date == date(2024, 4, 29)  # the remiss's year, not the app's (2026)
        assert "2024-04-29" in str(received.query_one(".date-feedback", Static).content)
        await _type(pilot, received, "240503")
        assert received.date == date(2024, 5, 3)  # ÅÅMMDD, not 24 May 2003
        await _type(pilot, meeting, "20240425")
        assert meeting.date == date(2024, 4, 25)
        await _type(pilot, received, "igår")
        assert received.date == date(2026, 11, 30) and received.error is None
        await _type(pilot, received, "i förrgår")
        assert received.date == date(2026, 11, 29)
        assert received.warning is None
        await _type(pilot, received, "idag")
        assert received.date == LATER and received.warning is None
        await _type(pilot, received, "2026-12-24")
        assert received.warning and "framtiden" in received.warning
        assert "framtiden" in str(received.query_one(".date-feedback", Static).content)
        await _type(pilot, received, "9999-12-31")
        assert received.date is None and "utanför 1900–2199" in received.error


async def test_extension_form_places_a_yearless_date_near_the_remiss(data_dir):
    store = services.open_store(data_dir)
    host = Host(lambda: ExtensionScreen(store, EXAMPLE_DNR, [SODERMALM], today=LATER))
    async with host.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        field = host.screen.query_one("#new-deadline", DateField)
        await _type(pilot, field, "15 maj")
        assert field.date == date(2024, 5, 15)
        assert isinstance(field.input, Input)


async def test_a_yearless_date_takes_the_year_its_field_allows(data_dir):
    """Issue 24.4: "2 december" as received date on KS 2024/112 (sent 2024-01-31) became 2023-12-02,
    before the remiss was sent; "15 januari" as anstånd became 2024-01-15, before the deadline."""
    store = services.open_store(data_dir)
    host = Host(lambda: EditRecipientScreen(store, EXAMPLE_DNR, SODERMALM, today=LATER))
    async with host.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        received = host.screen.query_one("#received", DateField)
        await _type(pilot, received, "2 december")
        assert received.date == date(2024, 12, 2)
        await _type(pilot, received, "15 januari")  # not 2024-01-15, before the sending
        assert received.date == date(2025, 1, 15)
    host = Host(lambda: ExtensionScreen(store, EXAMPLE_DNR, [SODERMALM], today=LATER))
    async with host.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        field = host.screen.query_one("#new-deadline", DateField)
        await _type(pilot, field, "15 januari")
        assert field.date == date(2025, 1, 15)  # after the deadline in force, 2024-04-29
        assert not host.screen.query_one("#deadline-warning", Static).display
