"""Text that is safe to show on a terminal: control characters become visible escapes.

Titles, descriptions, organisation names and file names are user data. Written raw to a terminal,
`ESC ] 0 ; … BEL` renames the window or tmux pane, OSC 52 writes the clipboard, and CSI sequences
move the cursor or hide what is written after them. Every terminal sink (the CLI's stdout and
stderr, the TUI's cells, titles and messages) shows such characters as `\\u001b`-style escapes, via
`terminal_safe`. Files written with `-o` keep the text exactly as stored.

The escape is JSON's: inside a JSON string on stdout it is valid JSON that decodes to the original
character, so one function serves the JSON sink too (json.dumps already escapes C0; C1 and DEL it
leaves raw, and some terminals act on C1 as on ESC).

Tab and newline stay: they are layout, not commands. A CR of a Windows line end (CRLF) is dropped
from the pair, a lone CR (which returns to the start of the line and lets text overwrite what was
shown) is escaped.
"""

from __future__ import annotations

import re

__all__ = ["CONTROL_RE", "has_controls", "terminal_safe"]

# C0 except tab (09) and newline (0a), DEL, and C1 (80-9f). ESC (1b) is in C0.
CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def has_controls(text: str) -> bool:
    return CONTROL_RE.search(text) is not None


def terminal_safe(text: str) -> str:
    """`text` with every control character but tab and newline written as a visible escape."""
    # Fast path: nearly every string is printable (isprintable is False for \n, \t and a few
    # harmless characters too; the regex decides for those).
    if text.isprintable():
        return text
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return CONTROL_RE.sub(_escape, text)
