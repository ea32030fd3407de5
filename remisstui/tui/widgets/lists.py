"""Lists the user filters by typing: one match rule, and a SelectionList that survives refills.

Every list filtered in the TUI matches with `domain.folding.fold`, like the remiss filter and the
search: "forskole" finds Förskolenämnden, "FO" too.
"""

from __future__ import annotations

from typing import Generic

from textual.widgets import OptionList, SelectionList
from textual.widgets.selection_list import SelectionType

from ...domain.folding import fold


def matches(needle: str, *values: str) -> bool:
    """Every word of `needle` occurs in one of `values`, case and accents aside."""
    words = fold(needle).split()
    if not words:
        return True
    hay = " ".join(fold(v) for v in values if v)
    return all(word in hay for word in words)


def _is_current(option_list: OptionList, option, index: int | None) -> bool:
    """The option a message names is still the one at its index (the list was not refilled since)."""
    if index is None or index < 0 or index >= option_list.option_count:
        return False
    return option_list.get_option_at_index(index) is option


class RefillableOptionList(OptionList):
    """An OptionList whose options are replaced while the user types or picks.

    OptionHighlighted and OptionSelected carry the option and its index from when they were posted.
    A refill before they are handled makes them name an option that is gone or has moved: they are
    dropped here, so no handler acts on a row the user no longer sees.
    """

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if not _is_current(self, event.option, event.option_index):
            event.stop()
            event.prevent_default()

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if not _is_current(self, event.option, event.option_index):
            event.stop()
            event.prevent_default()


class RefillableSelectionList(SelectionList[SelectionType], Generic[SelectionType]):
    """A SelectionList whose options are replaced as the user types in a filter.

    Textual 8.2.8 turns each OptionList message into a SelectionList one when it is handled, not when
    it was posted, and a burst of typed characters refills the list several times in between:
    - a highlight becomes SelectionHighlighted by looking the option up again by its index, which
      raised OptionDoesNotExist once the index pointed past the new, shorter (or empty) list
      (issue 24: a filter that found nothing, then Enter);
    - a selection (Space or Enter) toggles whatever is highlighted *now*, which after a refill is
      another organisation, or none.
    Each handler here replaces Textual's own: Textual calls the handler of every class in the MRO
    unless the message's default is prevented, so an override that only returned early (the fix of
    issue 12) still let the base class raise. A message about an option that is no longer at its
    index is dropped; a selection toggles the option the user pressed on, if it is still listed.
    """

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        event.prevent_default()
        if _is_current(self, event.option, event.option_index):
            self.post_message(self.SelectionHighlighted(self, event.option_index))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        event.prevent_default()
        if _is_current(self, event.option, event.option_index):
            self.toggle(event.option.value)
