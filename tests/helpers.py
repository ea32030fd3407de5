"""Shared test helpers: a fixed "today", the example remiss, hostile strings, the shared material,
and a bare host app for driving one modal screen."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

from textual.app import App
from textual.screen import Screen

# ../shared beside the checkout: in CI a copy of it lies beside the fresh clone.
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SEED = SHARED / "seeds" / "000_c4c34bd5c34ceeeb.txt"
KAMMARKOLLEGIET_PDF = SHARED / "samples" / "kammarkollegiet-remissvar-KN2026-00741.pdf"

TODAY = date(2024, 4, 22)  # a week before the example's deadline (2024-04-29)
EXAMPLE_DNR = "KS 2024/112"
SODERMALM = "Södermalms stadsdelsnämnd"

HOSTILE = [
    "[bold]x",
    "Org [/foo] x",
    "[@click=app.quit]q[/]",
    "a [ b",
    "trailing\\",
    "emoji 🦆🇸🇪 ok",
    "עברית ימין לשמאל",
    "lång " + "x" * 300,
]


UNSET = object()


class Host(App):
    """A bare app that pushes one screen and keeps what it was dismissed with."""

    def __init__(self, factory: Callable[[], Screen]) -> None:
        super().__init__()
        self.factory = factory
        self.result = UNSET

    def on_mount(self) -> None:
        self.push_screen(self.factory(), callback=self._done)

    def _done(self, result) -> None:
        self.result = result


# --- waiting for what a test checks --------------------------------------------------------------

# Only a guard against a broken test hanging for ever (each turn is one idle pass of the app and a
# 10 ms yield to worker threads, so this is many minutes even on a quiet machine). A loaded machine
# makes a wait longer, never makes it fail: no test asserts on how long something took.
MAX_TURNS = 60_000


async def wait_until(pilot, condition: Callable[[], object], what: str = "") -> None:
    """Wait turn by turn until `condition()` is true: a worker's result, a redraw, a toast, a screen.

    Textual's ``pilot.pause()`` waits for the app's queued messages and a refresh; the short sleep
    lets a worker thread (a suggester, the search index) run between turns.
    """
    import asyncio

    for _ in range(MAX_TURNS):
        if condition():
            return
        await pilot.pause()
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"never happened: {what or condition}")


def record_toasts(app) -> list[str]:
    """Every notification the app posts from now on, kept after its toast has timed out (a toast
    counted from app._notifications can expire on a loaded machine before it is counted)."""
    posted: list[str] = []
    notify = app.notify

    def recording(message, *args, **kwargs):
        posted.append(str(message))
        return notify(message, *args, **kwargs)

    app.notify = recording
    return posted
