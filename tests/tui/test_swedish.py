"""Every word the user sees is Swedish, Textual's own included (issue 12.12).

On every screen of the tour (tour.py), with focus on each control in turn and every dropdown
opened: the footer's key descriptions, the command palette's entries, and every placeholder and
prompt. Textual brought `esc Dismiss menu`, `🔎 Search for themes…` and `No matches found`.
"""

from __future__ import annotations

import re

import pytest

from textual.widgets import Footer, Input, Select, TextArea

from helpers import wait_until
from tour import PARTS, back_to_overview, controls, go, tour_app, tour_part

# English words of user interfaces that are not also Swedish words. Key names (Enter, Home, End,
# the arrows) are not words here: "Enter lägger till" is Swedish.
ENGLISH = set("""
the and or of to for with from into not no yes all any this that these
menu dismiss search select themes theme quit copy paste cut exit toggle show hide keys help palette
command commands open close save cancel delete clear next previous bottom top matches found
focus maximize minimize screenshot submit cursor scroll change current
application ring bell back forward word line start go move options option value none
""".split())


def english_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]+", text.lower()) if w in ENGLISH}


def footer_texts(screen) -> list[str]:
    if not screen.query(Footer):
        return []
    return [b.binding.description for b in screen.active_bindings.values() if b.binding.show and b.binding.description]


def field_texts(screen) -> list[str]:
    out = []
    for w in screen.query("*"):
        if isinstance(w, (Input, TextArea)) and w.placeholder:
            out.append(str(w.placeholder))
        if isinstance(w, Select) and not w._allow_blank is False:
            out.append(str(w.prompt))
    return out


def _checker(found: dict[str, set[str]]):
    def check(where: str, texts) -> None:
        for text in texts:
            words = english_words(text)
            if words:
                found.setdefault(f"{where}: {text!r}", set()).update(words)

    return check


@pytest.mark.parametrize("part", range(PARTS))
async def test_every_screen_speaks_swedish(data_dir, part):
    app = tour_app(data_dir)
    found: dict[str, set[str]] = {}
    check = _checker(found)

    async with app.run_test(size=(120, 40)) as pilot:
        for stop in tour_part(part):
            screen = await go(pilot, stop)
            check(f"{stop.name}, platshållare", field_texts(screen))
            check(f"{stop.name}, kommandopaletten", [t for c in app.get_system_commands(screen)
                                                      for t in (c.title, c.help)])
            check(f"{stop.name}, sidfoten", footer_texts(screen))
            for widget in controls(screen):
                widget.focus()
                await pilot.pause()
                check(f"{stop.name}, sidfoten vid {type(widget).__name__}", footer_texts(screen))
                if isinstance(widget, Select):
                    widget.expanded = True
                    await pilot.pause()
                    check(f"{stop.name}, sidfoten med listan öppen", footer_texts(screen))
                    widget.expanded = False
                    await pilot.pause()
            await back_to_overview(pilot)
    assert not found, "\n".join(f"{k}: {sorted(v)}" for k, v in found.items())


async def test_the_palette_speaks_swedish(data_dir):
    app = tour_app(data_dir)
    found: dict[str, set[str]] = {}
    check = _checker(found)

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        # the palette, its line for no match, and the theme picker
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        check("Kommandopaletten", [palette.query_one(Input).placeholder])
        await pilot.press(*"qqxqz")
        await wait_until(pilot, lambda: palette.query_one("CommandList").options, "the palette's commands")
        options = palette.query_one("CommandList").options
        check("Kommandopaletten utan träff", [str(o.prompt.renderable) if hasattr(o.prompt, "renderable") else
                                             str(o.prompt) for o in options])
        assert options, "the palette never said it found nothing"
        await pilot.press("escape")
        await pilot.pause()
        app.search_themes()
        await pilot.pause()
        check("Byt tema", [app.screen.query_one(Input).placeholder])
    assert not found, "\n".join(f"{k}: {sorted(v)}" for k, v in found.items())


def test_the_check_knows_english():
    assert english_words("esc Dismiss menu") == {"dismiss", "menu"}
    assert english_words("🔎 Search for themes…") == {"search", "for", "themes"}
    assert not english_words("Sök bland alla mottagare · Stäng listan · Byt tema · Inga träffar")
