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
