"""UpcomingDeadlines: the overview's view ahead — the next 14 days, the overdue count, answers per week.

Computed from the store's index (`store.summaries()`), never by loading every remiss file. The chart
is drawn with block characters and numbers, so it reads without colour.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from rich.text import Text
from textual.widgets import Static

from ...domain.deadlines import awaits_answer, due_from_index
from ...domain.model import RemissState
from ...store.repository import RemissSummary, Store, StoreError
from ..text import MONTHS, one_line

HORIZON_DAYS = 14
WEEKS = 8
BAR_WIDTH = 24
_EIGHTHS = " ▏▎▍▌▋▊▉"


@dataclass
class UpcomingData:
    # (due date, dnr, number of organisations) within the horizon, in date order
    soon: list[tuple[date, str, int]] = field(default_factory=list)
    overdue: int = 0  # open recipients past their deadline in force
    overdue_remisser: int = 0
    # (Monday of the week, answers due that week), WEEKS entries from this week
    weeks: list[tuple[date, int]] = field(default_factory=list)


def upcoming_data(summaries: list[RemissSummary], today: date) -> UpcomingData:
    soon: Counter[tuple[date, str]] = Counter()
    per_week: Counter[date] = Counter()
    overdue_by_remiss: dict[str, int] = defaultdict(int)
    monday = today - timedelta(days=today.weekday())
    last_week = monday + timedelta(weeks=WEEKS)
    for s in summaries:
        if s.state == RemissState.closed.value:
            continue
        base = _iso(s.deadline)
        for row in s.recipients:
            try:
                _org, _kind, status, ext_deadline = row[0], row[1], row[2], row[3]
            except (IndexError, TypeError):
                continue
            if not awaits_answer(status):
                continue
            due = due_from_index(_iso(ext_deadline), base)
            if due is None:
                continue
            if due < today:
                overdue_by_remiss[s.dnr] += 1
                continue
            if (due - today).days <= HORIZON_DAYS:
                soon[(due, s.dnr)] += 1
            if due < last_week:
                per_week[due - timedelta(days=due.weekday())] += 1
    return UpcomingData(
        soon=sorted((d, dnr, n) for (d, dnr), n in soon.items()),
        overdue=sum(overdue_by_remiss.values()),
        overdue_remisser=len(overdue_by_remiss),
        weeks=[(monday + timedelta(weeks=i), per_week.get(monday + timedelta(weeks=i), 0)) for i in range(WEEKS)],
    )


def _iso(value: object) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def bar(value: int, maximum: int, width: int = BAR_WIDTH) -> str:
    """A horizontal bar in eighths of a cell; at least a sliver for any non-zero value."""
    if maximum <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value * width * 8 / maximum))
    full, rest = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


def _short_date(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1][:3]}"


def render_upcoming(data: UpcomingData, today: date, *, max_rows: int = 8) -> Text:
    out = Text()
    out.append(f"Svarsdatum de närmaste {HORIZON_DAYS} dagarna\n", style="bold")
    if not data.soon:
        out.append("  inga\n", style="dim")
    for due, dnr, n in data.soon[:max_rows]:
        left = (due - today).days
        when = "i dag" if left == 0 else f"om {left} d"
        out.append(f"  {due.isoformat()} ")
        out.append(f"{when:>7}  ", style="dim")
        out.append(one_line(dnr, 24))
        out.append(f"  {n} {'organisation' if n == 1 else 'organisationer'}\n")
    if len(data.soon) > max_rows:
        out.append(f"  … och {len(data.soon) - max_rows} till\n", style="dim")
    out.append("\n")
    if data.overdue:
        out.append("⚠ ", style="bold")
        out.append(
            f"Försenade svar: {data.overdue} "
            f"({data.overdue_remisser} {'remiss' if data.overdue_remisser == 1 else 'remisser'})\n",
            style="bold",
        )
    else:
        out.append("Försenade svar: 0\n")
    out.append("\n")
    out.append(f"Svar som ska in per vecka ({WEEKS} veckor)\n", style="bold")
    top = max((n for _, n in data.weeks), default=0)
    for monday, n in data.weeks:
        week = monday.isocalendar().week
        out.append(f"  v{week:>2} {_short_date(monday):>6}  ", style="dim")
        out.append(bar(n, top) or "·")
        out.append(f" {n}\n")
    out.rstrip()
    return out


class UpcomingDeadlines(Static):
    """The overview's compact look ahead. Call `refresh_data()` after the store changes."""

    DEFAULT_CSS = """
    UpcomingDeadlines {
        height: auto;
        width: auto;
        min-width: 44;
        padding: 0 1;
    }
    """

    def __init__(self, store: Store, today: date, *, autoload: bool = True, **kwargs) -> None:
        super().__init__("", **kwargs)
        self.store = store
        self.today = today
        self.autoload = autoload  # False: the host passes the summaries it already read
        self.data = UpcomingData()

    def on_mount(self) -> None:
        if self.autoload:
            self.refresh_data()

    def refresh_data(self, today: date | None = None, *, summaries: list[RemissSummary] | None = None) -> None:
        if today is not None:
            self.today = today
        if summaries is None:
            try:
                summaries = self.store.summaries(include_closed=False)
            except StoreError:
                summaries = []
        self.data = upcoming_data(summaries, self.today)
        self.update(render_upcoming(self.data, self.today))
