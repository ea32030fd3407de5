"""Safe text for the screens: user data is never parsed as markup.

Everything a user typed (organisation names, titles, comments) goes into a `rich.text.Text` built
here, so a name like "[@click=app.quit]q[/]" or "a [ b" is shown exactly as written.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from rich.text import Text

from ..domain.model import (
    ORG_KIND_LABELS,
    REMISS_STATE_LABELS,
    STANCE_LABELS,
    STATUS_LABELS,
    OrgKind,
    RemissState,
    Stance,
    Status,
)
from ..domain.terminal_text import terminal_safe

MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)

# A glyph beside every status word: the state is never carried by colour alone.
STATUS_GLYPHS = {
    Status.planned: "·",
    Status.sent: "→",
    Status.registered: "◆",
    Status.in_preparation: "✎",
    Status.answered: "✓",
    Status.declined: "–",
    Status.no_answer: "✗",
    Status.withdrawn: "⊘",
}

STATE_GLYPHS = {
    RemissState.draft: "✎",
    RemissState.out: "→",
    RemissState.compiling: "Σ",
    RemissState.closed: "■",
}

MARK_GLYPH = "●"
WARNING_GLYPH = "⚠"


def one_line(value: object, limit: int | None = None) -> str:
    """The value as one line (newlines and tabs become spaces), cut with … beyond `limit`.

    Control characters are shown as escapes (terminal_safe): a title with ESC ] 0 ; … BEL must
    not rename the user's terminal when the screen title or a cell shows it.
    """
    s = terminal_safe("" if value is None else str(value))
    s = " ".join(s.replace("\t", " ").splitlines()) if ("\n" in s or "\r" in s or "\t" in s) else s
    if limit is not None and len(s) > limit:
        s = s[: max(1, limit - 1)].rstrip() + "…"
    return s


def cell(value: object, style: str = "", limit: int | None = None) -> Text:
    """A DataTable cell: literal text, one line."""
    return Text(one_line(value, limit), style=style, no_wrap=True, overflow="ellipsis")


def literal(value: object, style: str = "") -> Text:
    """Multi-line literal text for a Static (control characters shown as escapes)."""
    return Text(terminal_safe("" if value is None else str(value)), style=style)


def iso(d: date | None) -> str:
    return d.isoformat() if d else "–"


def prose_date(d: date | None) -> str:
    """29 april 2024."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}" if d else "–"


def stamp(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M")


def days_text(days: int | None, *, closed: bool = False) -> str:
    """Days left before the deadline in force, or days overdue."""
    if days is None:
        return "–"
    if closed:
        return ""
    if days == 0:
        return "i dag"
    if days > 0:
        return f"{days} d"
    return f"{WARNING_GLYPH} {-days} d sen"


def progress_bar(done: int, total: int, width: int = 5) -> str:
    """▰▰▰▱▱ 3/15"""
    filled = 0 if total <= 0 else round(width * done / total)
    if total and done and not filled:
        filled = 1
    filled = min(width, filled)
    return "▰" * filled + "▱" * (width - filled) + f" {done}/{total}"


def status_word(status: Status) -> str:
    return f"{STATUS_GLYPHS[status]} {STATUS_LABELS[status]}"


STATE_SHORT = {
    RemissState.draft: "utkast",
    RemissState.out: "ute",
    RemissState.compiling: "sammanställs",
    RemissState.closed: "avslutad",
}


def state_word(state: RemissState, *, short: bool = False) -> str:
    return f"{STATE_GLYPHS[state]} {(STATE_SHORT if short else REMISS_STATE_LABELS)[state]}"


def kind_word(kind: OrgKind) -> str:
    return ORG_KIND_LABELS.get(kind, str(kind))


def stance_word(stance: Stance | None) -> str:
    if stance is None or stance is Stance.none:
        return ""
    return STANCE_LABELS[stance]


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def theme_color(app: Any, name: str) -> str:
    """A colour of the current theme (error, warning, success, accent …) for a Text style."""
    try:
        value = getattr(app.current_theme, name, None)
    except Exception:
        value = None
    return value or ""
