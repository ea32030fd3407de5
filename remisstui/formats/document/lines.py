"""Line index over the cleaned text: offsets, line numbers and provenance snippets."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from .model import Source


@dataclass
class Line:
    no: int  # 0-based index
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def s(self) -> str:
        return self.text.strip()


class Lines:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: list[Line] = []
        pos = 0
        for i, t in enumerate(text.split("\n")):
            self.lines.append(Line(i, pos, t))
            pos += len(t) + 1
        self._starts = [ln.start for ln in self.lines]

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, i: int) -> Line:
        return self.lines[i]

    def line_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def next_nonblank(self, i: int, limit: int = 3) -> Line | None:
        for j in range(i + 1, min(len(self.lines), i + 1 + limit)):
            if self.lines[j].s:
                return self.lines[j]
        return None

    def source(self, start: int, end: int | None = None) -> Source:
        end = start if end is None else end
        ln = self.line_of(start)
        a = max(0, start - 30)
        b = min(len(self.text), max(end, start) + 30)
        snippet = " ".join(self.text[a:b].split())
        matched = " ".join(self.text[start:end].split())[:200]
        return Source(start=start, end=end, line=ln + 1, snippet=snippet[:160], matched=matched)
