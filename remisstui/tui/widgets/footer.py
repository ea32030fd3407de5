"""The footer of every main screen: compact, and the palette key only where there is room."""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

WIDE = 110


class AppFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.show_command_palette = self.app.size.width >= WIDE

    def on_resize(self, event: events.Resize) -> None:
        self.show_command_palette = self.app.size.width >= WIDE
