"""A path field that completes file and folder names as the user types, and with Tab.

The suggestion shows greyed after the cursor. Tab takes it (as in a shell) while there is one;
with nothing to complete Tab moves on like in any other field. Right takes it too (Textual's own).
"""

from __future__ import annotations

import os
from collections.abc import Callable

from textual.binding import Binding
from textual.suggester import Suggester
from textual.widgets import Input

MAX_LISTED = 2000  # entries read from one folder at most: a huge folder must not stall typing


class PathSuggester(Suggester):
    """Completes file paths: the first entry of the folder that fits (folders, and files with one
    of `suffixes`, or every file when none are given)."""

    def __init__(self, suffixes: tuple[str, ...] = (), base: Callable[[], str] | None = None) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.suffixes = tuple(s.lower() for s in suffixes)
        self.base = base  # the folder a relative path is in (the dialog's save folder); else cwd

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        expanded = os.path.expanduser(value)
        folder, prefix = os.path.split(expanded)
        if not os.path.isabs(expanded) and self.base is not None:
            folder = os.path.join(self.base(), folder)
        folder = folder or "."
        try:
            entries = []
            with os.scandir(folder) as it:
                for i, e in enumerate(it):
                    if i >= MAX_LISTED:
                        break
                    entries.append(e)
        except OSError:
            return None
        best: list[str] = []
        for e in entries:
            if not e.name.startswith(prefix) or e.name.startswith("."):
                continue
            try:
                is_dir = e.is_dir()
            except OSError:
                continue
            if is_dir:
                best.append(e.name + os.sep)
            elif not self.suffixes or e.name.lower().endswith(self.suffixes):
                best.append(e.name)
        if not best:
            return None
        best.sort(key=lambda n: (n.endswith(os.sep), n.casefold()))
        completed = best[0]
        # Keep what the user typed (e.g. "~/") and append the rest of the name.
        return value + completed[len(prefix):]


class PathInput(Input):
    BINDINGS = [Binding("tab", "complete", "Fyll i", show=False)]

    def __init__(self, value: str = "", *, suffixes: tuple[str, ...] = (), base: Callable[[], str] | None = None,
                 **kwargs) -> None:
        kwargs.setdefault("suggester", PathSuggester(suffixes, base))
        super().__init__(value, **kwargs)

    def action_complete(self) -> None:
        suggestion = self._suggestion
        if self.cursor_at_end and suggestion and suggestion != self.value:
            self.value = suggestion
            self.cursor_position = len(self.value)
        else:
            self.screen.focus_next()
