"""The last line of defence against terminal control codes in user text.

The text helpers (tui/text.py) show control characters as visible escapes where text is built.
Text that reaches a widget some other way (an f-string into a Static or a notice) would still carry
ESC and C1 characters through Rich and Textual to the terminal, where `ESC ] 0 ; … BEL` renames
the pane and OSC 52 writes the clipboard. This filter runs on every rendered line of every widget
and drops them. They occupy no cells, so the line keeps its width and layout.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.filter import LineFilter

from ..domain.terminal_text import CONTROL_RE


class DropControlCharacters(LineFilter):
    def apply(self, segments: list[Segment], background) -> list[Segment]:  # noqa: ANN001
        search = CONTROL_RE.search
        if not any(search(text) for text, _style, control in segments if not control):
            return segments
        sub = CONTROL_RE.sub
        return [
            seg if seg.control or not search(seg.text) else Segment(sub("", seg.text), seg.style)
            for seg in segments
        ]
