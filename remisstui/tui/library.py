"""What Textual shows by itself: in Swedish, and readable without colour.

Textual's own widgets bring English words (`esc Dismiss menu` whenever a dropdown is open) and
check boxes that differ only in colour (`▐X▌` both ticked and not). The app fixes them once here,
for every screen, rather than in each screen that happens to use the widget. The command palette
is the app's own subclass (widgets/palette.py); this module covers what the app cannot subclass
because Textual builds it inside its widgets (the dropdown of a Select) or what every screen
uses (Checkbox, SelectionList).

`install()` runs after the overview's first paint (RemissApp._after_first_paint): it imports the
check box widgets, which the start screen does not need.
"""

from __future__ import annotations

from textual.binding import Binding

# Descriptions of library bindings that the footer shows (show=True), by class and action.
SWEDISH_BINDINGS = {
    ("SelectOverlay", "dismiss"): "Stäng listan",
}

UNCHECKED_INNER = " "  # the inner glyph of an unticked box: "▐ ▌" beside the ticked "▐X▌"

_installed = False


def install() -> None:
    """Patch the library classes once per process."""
    global _installed
    if _installed:
        return
    _installed = True
    from textual.widgets._select import SelectOverlay

    _translate_bindings(SelectOverlay)
    _checkbox_without_colour()
    _selection_list_without_colour()


def _translate_bindings(cls: type) -> None:
    bindings = []
    for item in cls.__dict__.get("BINDINGS", []):
        binding = item if isinstance(item, Binding) else Binding(*item)
        swedish = SWEDISH_BINDINGS.get((cls.__name__, binding.action))
        bindings.append(Binding(binding.key, binding.action, swedish, show=binding.show, key_display=binding.key_display,
                                priority=binding.priority, tooltip=binding.tooltip, id=binding.id)
                        if swedish else binding)
    cls.BINDINGS = bindings
    # Textual merges BINDINGS into a class attribute when the class is created; every instance
    # copies it. Merge again for the class and every subclass.
    stack = [cls]
    while stack:
        klass = stack.pop()
        klass._merged_bindings = klass._merge_bindings()
        stack.extend(klass.__subclasses__())


def _checkbox_without_colour() -> None:
    from textual.content import Content
    from textual.style import Style
    from textual.widgets import Checkbox

    def _button(self) -> Content:
        # ToggleButton._button, with nothing inside an unticked box: the state no longer rests on
        # colour alone.
        button_style = self.get_visual_style("toggle--button")
        side_style = Style(foreground=button_style.background, background=self.background_colors[1])
        inner = self.BUTTON_INNER if self.value else UNCHECKED_INNER * len(self.BUTTON_INNER)
        return Content.assemble((self.BUTTON_LEFT, side_style), (inner, button_style), (self.BUTTON_RIGHT, side_style))

    Checkbox._button = property(_button)


def _selection_list_without_colour() -> None:
    from rich.segment import Segment
    from textual.strip import Strip
    from textual.widgets import SelectionList
    from textual.widgets.option_list import OptionDoesNotExist

    drawn = SelectionList.render_line

    def render_line(self, y: int) -> Strip:
        line = drawn(self, y)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return line
        if selection.value in self._selected:
            return line
        segments = list(line)
        if len(segments) < 3:
            return line
        inner = segments[1]
        segments[1] = Segment(UNCHECKED_INNER * len(inner.text), inner.style, inner.control)
        return Strip(segments, line.cell_length)

    SelectionList.render_line = render_line
