"""Command palette: "Gå till remiss …" for every remiss in the store (read from the index)."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from .text import one_line


class RemissProvider(Provider):
    """Lists every remiss (open and closed) as "Gå till remiss <dnr> – <title>"."""

    async def startup(self) -> None:
        app = self.app
        try:
            summaries = app.store.summaries()  # type: ignore[attr-defined]
        except Exception:  # an unreadable folder must not break the palette
            summaries = []
        self._items = sorted(((s.dnr, one_line(s.title, 60)) for s in summaries), key=lambda t: t[0])

    def _entry(self, dnr: str, title: str) -> str:
        return f"Gå till remiss {dnr} – {title}"

    def _open(self, dnr: str) -> None:
        self.app.open_remiss(dnr)  # type: ignore[attr-defined]

    async def discover(self) -> Hits:
        for dnr, title in self._items:
            yield DiscoveryHit(Text(self._entry(dnr, title)), partial(self._open, dnr), help="Öppna remissen")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for dnr, title in self._items:
            entry = self._entry(dnr, title)
            score = matcher.match(entry)
            if score > 0:
                yield Hit(score, matcher.highlight(entry), partial(self._open, dnr), help="Öppna remissen")
