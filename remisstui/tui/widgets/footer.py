"""The footer of every main screen: compact, and `^p Kommandon` always there.

Textual's footer lays out every key in one row and cuts what does not fit at the right edge; at
80 columns that was the palette key. Here the keys that do not fit are left out instead, from the
end, but the palette key (every command is there) and the help key (every key is there) stay.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

ALWAYS = ("help", "app.help")  # besides the palette key


class AppFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=True)
        self._laid_out_for = 0

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        keys = [w for w in widgets if isinstance(w, FooterKey) and not w.has_class("-command-palette")]
        fixed = [w for w in widgets if w not in keys]
        room = (self.size.width or self.app.size.width) - sum(_width(w) + 1 for w in fixed)
        room -= sum(_width(w) for w in keys if w.action in ALWAYS)
        kept = []
        for w in keys:
            if w.action in ALWAYS:
                kept.append(w)
            elif _width(w) <= room:
                kept.append(w)
                room -= _width(w)
            else:
                room = -1  # keep the order: nothing after a key that did not fit
        self._laid_out_for = self.size.width or self.app.size.width
        yield from [w for w in widgets if w in kept or w in fixed]

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._laid_out_for:
            self.call_after_refresh(self.recompose)


def _width(key: FooterKey) -> int:
    """Cells of a compact key: "esc Tillbaka" and the margin after it."""
    return cell_len(key.key_display) + (1 + cell_len(key.description) if key.description else 0) + 1
