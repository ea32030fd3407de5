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


class RefillableSelectionList(SelectionList[SelectionType], Generic[SelectionType]):
    """A SelectionList whose options are replaced as the user types in a filter.

    Textual 8.2.8 turns each OptionList highlight into a SelectionHighlighted message by looking the
    option up again by its index, when the message is handled. A burst of typed characters refills
    the list several times before that happens, so the index can point past the new, shorter list:
    the lookup raised OptionDoesNotExist and the list died (issue 12: "No nodes match '#orgs'").
    A highlight of an option that is no longer at its index is out of date and dropped.
    """

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        index = event.option_index
        if index >= self.option_count or self.get_option_at_index(index) is not event.option:
            event.stop()
            return
        super()._on_option_list_option_highlighted(event)
