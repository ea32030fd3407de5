"""The command palette in Swedish: Textual's own has an English key description and says
"No matches found" when nothing fits."""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

NO_MATCHES = "Inga träffar"


class Palette(CommandPalette):
    BINDINGS = [Binding("escape", "escape", "Stäng kommandopaletten")]

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # CommandPalette's own, with the Swedish line: it adds the option after a short delay
        # when a search found nothing.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(NO_MATCHES, style="not bold")), disabled=True, id=self._NO_MATCHES)
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
