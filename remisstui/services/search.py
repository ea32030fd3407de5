"""Search across every recipient of every remiss: text, and "all overdue".

Two kinds of question, answered without Textual (the TUI and tests call the same functions):

* `overdue(store, today)` — every late recipient in the data folder, from the store's summary index
  alone (`Store.summaries()`): no remiss file is opened, so it works the moment the app has started.
* `SearchIndex.search(text, today=..., overdue_only=...)` — text in the organisation name, the
  recipient's own dnr, the stance sentence, the summary and the comments (text and theme) of the
  answer. It runs over an in-memory text index built by reading every remiss file once, in a
  background thread (`start_preload()`), and kept fresh like the summary index: every search
  stat()s the files and re-reads only those whose mtime or size changed (a write by this app or by
  another registrator's), and forgets deleted ones.

The text index is compact: per remiss file one folded string (lower case, no accents:
`folding.fold`) holding its recipients' text (found with `str.find`, which scans tens of megabytes
in milliseconds), the offsets where each
recipient starts, and the original text zlib-compressed (only decompressed for the files whose
recipients are shown, to cut the snippet in the original case).

Results are capped (`limit`, 500 by default) but always counted: a `SearchResult` says "500 of
31 204" so the screen can ask the user to narrow the filter instead of filling a huge table.
"""

from __future__ import annotations

import os
import threading
import time
import weakref
import zlib
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.deadlines import due_on_written, overdue_on
from ..domain.model import Status
from ..domain.folding import fold
from ..store.repository import FileProblem, Store, StoreError

DEFAULT_LIMIT = 500
SNIPPET_WIDTH = 36  # what the search screen's column shows

# Field and recipient separators inside a file's text: never typed by a user (stripped on build).
_FIELD = "\x1f"
_RECORD = "\x1e"


@dataclass(frozen=True)
class SearchHit:
    """One recipient of one remiss."""

    dnr: str
    title: str
    organisation: str
    status: Status
    due: date | None  # the deadline in force (latest anstånd, moved off holidays)
    overdue: bool
    snippet: str  # the matched text with some context, one line; "" for the overdue list
    file: str = ""
    sent_on: date | None = None
    where: str = ""  # what matched: "organisation", "own_dnr" or "answer" ("" for the overdue list)

    def days_late(self, today: date) -> int | None:
        return None if self.due is None else (today - self.due).days


@dataclass
class SearchResult:
    query: str
    overdue_only: bool
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0  # every match, even those beyond the cap
    searched: int = 0  # remiss files searched
    files: int = 0  # remiss files in the data folder
    complete: bool = True  # False while the text index is still being built
    seconds: float = 0.0

    @property
    def capped(self) -> bool:
        return self.total > len(self.hits)


# --- deadlines from codes ----------------------------------------------------------------------


def _due(written: str | None) -> date | None:
    """The deadline in force from an index value: the domain's one rule."""
    return due_on_written(written)


def _status(code: str) -> Status:
    try:
        return Status(code)
    except ValueError:
        return Status.sent


def _iso_date(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


# --- all overdue, from the summary index -------------------------------------------------------


def overdue(store: Store, today: date, *, limit: int = DEFAULT_LIMIT) -> SearchResult:
    """Every overdue recipient in the data folder, most overdue first; reads only the index."""
    started = time.perf_counter()
    summaries = store.summaries()
    found: list[tuple[date, str, int, Any, list[Any]]] = []
    for s in summaries:
        for i, row in enumerate(s.recipients):
            org, _kind, status, ext_deadline = row[0], row[1], row[2], row[3]
            due = _due(ext_deadline or s.deadline)
            if overdue_on(status, due, today):
                found.append((due, s.dnr, i, s, row))  # type: ignore[arg-type]
    found.sort(key=lambda t: (t[0], t[1], t[2]))
    hits = [
        SearchHit(
            dnr=s.dnr,
            title=s.title,
            organisation=row[0],
            status=_status(row[2]),
            due=due,
            overdue=True,
            snippet="",
            file=s.file,
            sent_on=_iso_date(s.sent_on),
        )
        for due, _dnr, _i, s, row in found[:limit]
    ]
    return SearchResult(
        query="",
        overdue_only=True,
        hits=hits,
        total=len(found),
        searched=len(summaries),
        files=len(summaries),
        complete=True,
        seconds=time.perf_counter() - started,
    )


# --- the text index ----------------------------------------------------------------------------


def normalise_query(text: str) -> str:
    """What a query matches: folded (case and accents ignored), runs of white space as one space."""
    return " ".join(fold(text).split())


def _clean(value: Any) -> str:
    # One line of text without our separators; white space collapsed like the query's.
    if not value:
        return ""
    s = str(value)
    if _FIELD in s or _RECORD in s:
        s = s.replace(_FIELD, " ").replace(_RECORD, " ")
    return " ".join(s.split())


@dataclass
class _Recipient:
    organisation: str
    status: str
    due: date | None


@dataclass
class _FileText:
    """The searchable text of one remiss file."""

    name: str
    mtime_ns: int
    size: int
    dnr: str
    title: str
    sent_on: date | None
    recipients: list[_Recipient]
    starts: list[int]  # offset in `folded` where each recipient's text starts
    folded: str  # folded text (fold()) of every recipient, fields and recipients separated
    packed: bytes  # the original text, zlib-compressed (same offsets when `aligned`)
    aligned: bool  # fold() kept every length, so offsets in folded are offsets in the original

    def original(self) -> str:
        return zlib.decompress(self.packed).decode("utf-8") if self.aligned else self.folded


def _file_text(name: str, st: os.stat_result, data: dict[str, Any]) -> _FileText:
    header = next(iter((data.get("remiss") or {}).values()), None) or {}
    base_deadline = header.get("deadline")
    recipients: list[_Recipient] = []
    parts: list[str] = []
    starts: list[int] = []
    pos = 0
    for raw in (data.get("recipients") or {}).values():
        if not isinstance(raw, dict):
            continue
        org = str(raw.get("organisation", ""))
        exts = raw.get("extensions") or []
        written = exts[-1].get("new_deadline") if exts and isinstance(exts[-1], dict) else None
        recipients.append(_Recipient(org, str(raw.get("status", Status.sent.value)), _due(written or base_deadline)))
        fields = [_clean(org), _clean(raw.get("own_dnr"))]
        resp = raw.get("response")
        if isinstance(resp, dict):
            fields.append(_clean(resp.get("stance_sentence")))
            fields.append(_clean(resp.get("summary")))
            for c in resp.get("comments") or []:
                if isinstance(c, dict):
                    fields.append(_clean(c.get("text")))
                    if c.get("theme"):
                        fields.append(_clean(c.get("theme")))
        text = _FIELD.join(fields) + _RECORD
        starts.append(pos)
        parts.append(text)
        pos += len(text)
    original = "".join(parts)
    folded = fold(original)
    aligned = len(folded) == len(original)
    if not aligned:  # a character whose lower case is longer: offsets from the folded text only
        starts = []
        pos = 0
        for text in parts:
            starts.append(pos)
            pos += len(fold(text))
    return _FileText(
        name=name,
        mtime_ns=st.st_mtime_ns,
        size=st.st_size,
        dnr=str(header.get("dnr", name)),
        title=str(header.get("title", "")),
        sent_on=_iso_date(header.get("sent_on")),
        recipients=recipients,
        starts=starts,
        folded=folded,
        packed=zlib.compress(original.encode("utf-8"), 1) if aligned else b"",
        aligned=aligned,
    )


def _snippet(text: str, start: int, end: int, width: int = SNIPPET_WIDTH) -> str:
    """The field around text[start:end], cut to about `width` characters with … where cut."""
    field_start = max(text.rfind(_FIELD, 0, start), text.rfind(_RECORD, 0, start)) + 1
    candidates = [i for i in (text.find(_FIELD, end), text.find(_RECORD, end)) if i >= 0]
    field_end = min(candidates) if candidates else len(text)
    room = max(0, width - (end - start))
    left = max(field_start, start - room // 3)
    right = min(field_end, end + room - (start - left))
    if right - left < width:
        left = max(field_start, right - width)
    out = text[left:right]
    if left > field_start:
        out = "…" + out.lstrip()
    if right < field_end:
        out = out.rstrip() + "…"
    return out


def _where(folded: str, start: int, pos: int) -> str:
    """Which of a recipient's fields (organisation, own dnr, then the answer) holds `pos`."""
    fields_before = folded.count(_FIELD, start, pos)
    return ("organisation", "own_dnr")[fields_before] if fields_before < 2 else "answer"


class SearchIndex:
    """The in-memory text index of one data folder. Thread-safe; share it with `search_index()`."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._files: dict[str, _FileText] = {}
        self._sync_lock = threading.Lock()
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None
        self.total_files = 0  # files seen by the last stat pass
        self.loaded_files = 0  # files read so far by the running pass
        self.problems: list[FileProblem] = []
        self.preload_seconds: float | None = None
        self._version = 0  # bumped whenever a file is added, replaced or forgotten
        self._ordered: tuple[int, list[_FileText]] = (-1, [])

    # --- building ---------------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        """True once every file has been read at least once."""
        return self._ready.is_set()

    def start_preload(self) -> None:
        """Read every remiss file once, in a daemon thread; returns at once. Safe to call twice."""
        if self._thread is not None or self.ready:
            return
        self._thread = threading.Thread(target=self._preload, name="remisstui-search-preload", daemon=True)
        self._thread.start()

    def wait_ready(self, timeout: float | None = None) -> bool:
        return self._ready.wait(timeout)

    def _preload(self) -> None:
        started = time.perf_counter()
        try:
            self.refresh()
        finally:
            self.preload_seconds = time.perf_counter() - started
            self._ready.set()

    def refresh(self, *, progress: Callable[[int, int], None] | None = None) -> bool:
        """Bring the index up to date with the folder (stat every file, read the changed ones).

        Returns False without waiting when another thread is refreshing right now (the preload):
        a search then runs over what is already loaded.
        """
        if not self._sync_lock.acquire(blocking=False):
            return False
        try:
            self._refresh(progress)
            return True
        finally:
            self._sync_lock.release()

    def _refresh(self, progress: Callable[[int, int], None] | None) -> None:
        store = self.store
        try:
            entries = [(e.name, e.path, e.stat()) for e in store.remiss_files()]
        except OSError:
            entries = []
        self.total_files = len(entries)
        changed = [(n, p, st) for n, p, st in entries if not self._fresh(n, st)]
        self.loaded_files = len(entries) - len(changed)
        problems = [p for p in self.problems if p.path.name not in {n for n, _p, _s in changed}]
        for i, (name, path, st) in enumerate(changed):
            try:
                data = store.read_raw(Path(path))
                self._files[name] = _file_text(name, st, data)
                self._version += 1
            except StoreError as exc:
                self._forget(name)
                problems.append(FileProblem(Path(path), str(exc)))
            except (TypeError, ValueError, AttributeError) as exc:
                self._forget(name)
                problems.append(FileProblem(Path(path), f"{name} har fel format ({exc})."))
            self.loaded_files += 1
            if progress is not None and (i % 100 == 99 or i == len(changed) - 1):
                progress(self.loaded_files, self.total_files)
        seen = {n for n, _p, _s in entries}
        for name in [n for n in self._files if n not in seen]:
            self._forget(name)
        self.problems = problems

    def _forget(self, name: str) -> None:
        if self._files.pop(name, None) is not None:
            self._version += 1

    def _newest_first(self) -> list[_FileText]:
        version, ordered = self._ordered
        if version != self._version:
            version = self._version
            # A snapshot: the preload thread may be adding files meanwhile.
            ordered = sorted(tuple(self._files.values()), key=lambda f: (f.sent_on or date.min, f.name), reverse=True)
            self._ordered = (version, ordered)
        return ordered

    def _fresh(self, name: str, st: os.stat_result) -> bool:
        cached = self._files.get(name)
        return cached is not None and cached.mtime_ns == st.st_mtime_ns and cached.size == st.st_size

    # --- searching --------------------------------------------------------------------------

    def search(
        self,
        text: str,
        *,
        today: date,
        overdue_only: bool = False,
        limit: int = DEFAULT_LIMIT,
        refresh: bool = True,
        cancelled: Callable[[], bool] | None = None,
    ) -> SearchResult:
        """Recipients whose text contains `text` (case and accents ignored), newest remiss first.

        An empty text with `overdue_only` is the overdue list from the index (`overdue()`); an
        empty text without it finds nothing. With `refresh`, changed files are re-read first
        (skipped while the preload runs: the result then says `complete=False`). `cancelled`
        is polled between files so a stale search stops early.
        """
        started = time.perf_counter()
        needle = normalise_query(text)
        if not needle:
            if overdue_only:
                return overdue(self.store, today, limit=limit)
            return SearchResult(query="", overdue_only=False, complete=self.ready)
        complete = self.ready
        if refresh and complete:
            self.refresh()
        files = self._newest_first()
        found: list[tuple[_FileText, int, int]] = []  # file, recipient index, match offset
        n = len(needle)
        for ft in files:
            if cancelled is not None and cancelled():
                break
            folded = ft.folded
            pos = folded.find(needle)
            while pos >= 0:
                i = bisect_right(ft.starts, pos) - 1
                rec = ft.recipients[i]
                if not overdue_only or overdue_on(rec.status, rec.due, today):
                    found.append((ft, i, pos))
                nxt = ft.starts[i + 1] if i + 1 < len(ft.starts) else len(folded)
                pos = folded.find(needle, max(nxt, pos + n))
        hits = []
        originals: dict[str, str] = {}
        for ft, i, pos in found[:limit]:
            rec = ft.recipients[i]
            original = originals.get(ft.name)
            if original is None:
                original = originals[ft.name] = ft.original()
            hits.append(
                SearchHit(
                    dnr=ft.dnr,
                    title=ft.title,
                    organisation=rec.organisation,
                    status=_status(rec.status),
                    due=rec.due,
                    overdue=overdue_on(rec.status, rec.due, today),
                    snippet=_snippet(original, pos, pos + n),
                    file=ft.name,
                    sent_on=ft.sent_on,
                    where=_where(ft.folded, ft.starts[i], pos),
                )
            )
        return SearchResult(
            query=" ".join(text.split()),  # as typed; matched folded
            overdue_only=overdue_only,
            hits=hits,
            total=len(found),
            searched=len(files),
            files=max(self.total_files, len(files)),
            complete=complete,
            seconds=time.perf_counter() - started,
        )


_INDEXES: weakref.WeakKeyDictionary[Store, SearchIndex] = weakref.WeakKeyDictionary()
_INDEXES_LOCK = threading.Lock()


def search_index(store: Store) -> SearchIndex:
    """The one text index of this store (the app's preload and the search screen share it)."""
    with _INDEXES_LOCK:
        index = _INDEXES.get(store)
        if index is None:
            index = _INDEXES[store] = SearchIndex(store)
        return index


def start_preload(store: Store) -> SearchIndex:
    """Start building the store's text index in the background (idempotent); call after start-up."""
    index = search_index(store)
    index.start_preload()
    return index
