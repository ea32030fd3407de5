"""Every control of every screen is reachable and usable with the keyboard alone (issue 12.10).

The tour (tour.py) visits every screen from the overview by keys. On each: Tab from the first
focus goes round every control the user can see, Shift+Tab goes back the same way,
the order follows the page (down, or on to a column to the right), and every dropdown opens
with Enter.
"""

from __future__ import annotations

import inspect

import pytest
from textual.screen import Screen
from textual.widgets import Input, Select

import remisstui.tui.screens as screens_package
from tour import PARTS, SCREENS, back_to_overview, controls, go, label, reachable_only_by_mouse, tab_cycle, tour_app, tour_part


def _origin(widget) -> tuple[int, int]:
    """Where the widget sits on the page, scrolling left out."""
    x = y = 0
    node = widget
    while node is not None and not isinstance(node, Screen):
        region = node.virtual_region
        x += region.x
        y += region.y
        node = node.parent
        if node is not None and not isinstance(node, Screen):
            gutter = node.styles.gutter
            x += gutter.left
            y += gutter.top
    return x, y


def reading_order_breaks(chain) -> list[str]:
    """Consecutive stops where Tab goes back up the page without moving on to a column right of
    the one before."""
    breaks = []
    for a, b in zip(chain, chain[1:]):
        (ax, ay), (bx, by) = _origin(a), _origin(b)
        if by > ay or (by == ay and bx > ax) or bx >= ax + a.outer_size.width:
            continue
        breaks.append(f"{label(a)} {ax},{ay} → {label(b)} {bx},{by}")
    return breaks


@pytest.mark.parametrize("part", range(PARTS))
async def test_every_control_of_every_screen_is_reached_by_tab(data_dir, part):
    # 80x24: where the most is hidden or scrolled away
    app = tour_app(data_dir)
    problems: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        for stop in tour_part(part):
            screen = await go(pilot, stop)
            forward = await tab_cycle(pilot, "tab")
            missing = reachable_only_by_mouse(screen, forward)
            if missing:
                problems.append(f"{stop.name}: not reached by Tab: {[label(w) for w in missing]}")
            if len(forward) > 1:  # Shift+Tab goes back the same way
                await pilot.press("shift+tab")
                if screen.focused is not forward[-1]:
                    problems.append(f"{stop.name}: Shift+Tab from {label(forward[0])} reaches "
                                    f"{label(screen.focused)}, not {label(forward[-1])}")
                await pilot.press("tab")
            start = forward.index(screen.focused) if screen.focused in forward else 0
            chain = forward[start:] + forward[:start]
            # the order is judged from the first control of the page
            first = min(range(len(chain)), key=lambda i: _origin(chain[i])[::-1]) if chain else 0
            breaks = reading_order_breaks(chain[first:] + chain[:first])
            if breaks:
                problems.append(f"{stop.name}: Tab order jumps back up: {breaks}")
            for select in [w for w in controls(screen) if isinstance(w, Select)]:
                select.focus()
                await pilot.pause()
                await pilot.press("enter")
                await pilot.pause()
                if not select.expanded:
                    problems.append(f"{stop.name}: Enter does not open {label(select)}")
                select.expanded = False
                await pilot.pause()
            await back_to_overview(pilot)
    assert not problems, "\n".join(problems)


def test_the_tour_covers_every_screen():
    import importlib
    import pkgutil

    shown = {stop.screen for stop in SCREENS}
    classes = set()
    for info in pkgutil.iter_modules(screens_package.__path__):
        module = importlib.import_module(f"remisstui.tui.screens.{info.name}")
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Screen) and cls.__module__ == module.__name__:
                classes.add(cls)
    bases = {b for cls in classes for b in cls.__mro__[1:] if b in classes}  # AppScreen, FormScreen
    for cls in classes - bases:
        assert cls.__name__ in shown, f"{cls.__name__} is on no stop of tests/tui/tour.py"
