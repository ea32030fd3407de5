"""Screens that show store data reload when it changes, but only the screen the user sees.

A hidden screen (the overview under a remiss, a remiss under its history) is marked stale and
reloads when it is shown again: at ten years the overview's reload is a stat of 3,000 files, which
every save would otherwise pay for a screen nobody is looking at.
"""

from __future__ import annotations


class ReloadWhenShown:
    """Mixin for a Screen with reload(); Textual calls this handler besides the screen's own."""

    stale = False

    def on_screen_resume(self) -> None:
        if self.stale:
            self.stale = False
            self.reload()  # type: ignore[attr-defined]
