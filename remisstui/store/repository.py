"""The data folder: one small TinyDB file per remiss, one for the register.

Layout of a data folder:
    register.json          organisations and sändlistor (TinyDB tables)
    remisser/<slug>.json   one remiss: tables _meta, remiss, recipients, events
    index.json             a cache of remiss summaries, checked against file stat; never the truth
    index-closed.json      the same cache's closed remisser, read only when they are asked for
    .lock                  taken for every write (a separate file: the data files are replaced)

A save rewrites one small file, never the whole history. Each remiss header and each recipient
carries a revision; a save based on a stale revision is refused as a conflict, so two registrators
can edit different recipients of one remiss but never overwrite each other.
"""

from __future__ import annotations

import functools
import getpass
import os
import re
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple, TypedDict

import orjson
from tinydb import TinyDB

from ..domain.dates import EARLIEST, LATEST
from ..domain.dnr import dnr_key, dnr_slug
from ..domain.history import parse_target, target_label
from ..domain.model import Event, Recipient, Remiss, RemissState
from ..domain.register import Register
from ..domain.serialize import SchemaError, from_dict, to_dict
from ..domain.stored_text import clean_values
from ..domain.model import Organisation, RecipientList
from .locking import FolderLock, LockError, LockTimeout
from .storage import (
    AtomicJSONStorage,
    NotRegularFileError,
    StorageWriteError,
    atomic_write_bytes,
    has_temp_files,
    read_regular_file,
    remove_stale_temp_files,
)

SCHEMA_VERSION = 1
REMISS_DIR = "remisser"
REGISTER_FILE = "register.json"
INDEX_FILE = "index.json"
# Closed remisser (most of a ten-year index) live beside the index, read only when closed remisser
# are asked for: index.json keeps just their file stamps and keys, so start-up parses ~0.1 MB of
# index for the active remisser instead of ~1 MB (and ~6 MB before the split).
CLOSED_INDEX_FILE = "index-closed.json"
LOCK_FILE = ".lock"
INDEX_VERSION = 5  # 5: dnr keys keep "/" and "." (issue 23 item 6); older keys are not reused
# 1: every recipient list as JSON arrays; 2: closed ones as JSON text; 3: closed recipient lists in
# CLOSED_INDEX_FILE; 4: closed entries whole in CLOSED_INDEX_FILE, only [mtime_ns, size, key] here.
READABLE_INDEX_VERSIONS = (1, 2, 3, 4, 5)

# schema version -> function upgrading a raw TinyDB dict to the next version, in place.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], None]] = {}


class StoreError(Exception):
    """A problem the user can understand; str() is one Swedish sentence."""


class NotFoundError(StoreError):
    pass


class ConflictError(StoreError):
    pass


class ReadOnlyError(StoreError):
    pass


class UnreadableFileError(StoreError):
    pass


class StoreWriteError(StorageWriteError, StoreError):
    """A save failed on the disk (full, no permission); the old file is intact.

    Both a StorageWriteError (an OSError, as the storage layer raises it) and a StoreError, so every
    face that reports StoreErrors as one Swedish line reports this too, instead of a traceback.
    """


def _save(path: Path, payload: bytes) -> None:
    try:
        atomic_write_bytes(path, payload)
    except StoreWriteError:
        raise
    except StorageWriteError as exc:
        raise StoreWriteError(exc.errno, exc.strerror) from exc.__cause__


@dataclass
class FileProblem:
    path: Path
    message: str


class IndexRecipient(NamedTuple):
    """One recipient as the index keeps it: what the overview, search and the chart need.

    A tuple (the index stores it as a JSON array, and code that unpacks six values keeps
    working); codes and dates stay strings, as stored, so the hot path converts only what it uses.
    """

    organisation: str
    kind: str  # OrgKind value
    status: str  # Status value
    written_deadline: str | None  # the latest anstånd (ISO), None when the remiss deadline holds
    extensions: int
    reminders: int


@dataclass
class RemissSummary:
    """What the overview needs of one remiss, without reading its file."""

    file: str
    dnr: str
    key: str
    title: str
    state: str
    sent_on: str | None
    deadline: str | None
    recipients: list[IndexRecipient] = field(default_factory=list)
    mtime_ns: int = 0
    size: int = 0


class IndexEntry(TypedDict):
    """A RemissSummary as index.json holds it (and as the store keeps it in memory).

    A closed remiss is a stub in index.json (dnr, title and recipients None: see `_closed_stub`)
    until `Store._complete` fills it from index-closed.json. `recipients` is a list of
    IndexRecipient once checked, or, straight from a file, JSON arrays or the JSON text of them.
    """

    file: str
    dnr: str | None
    key: str
    title: str | None
    state: str
    sent_on: str | None
    deadline: str | None
    recipients: list[IndexRecipient] | list[list[Any]] | str | None
    mtime_ns: int
    size: int


_SUMMARY_FIELDS = frozenset(f.name for f in fields(RemissSummary))
assert _SUMMARY_FIELDS == frozenset(IndexEntry.__annotations__)


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return os.environ.get("USER") or "okänd"


class Store:
    def __init__(self, folder: str | os.PathLike[str], *, user: str | None = None, lock_timeout: float = 10.0):
        self.folder = Path(folder)
        self.remiss_dir = self.folder / REMISS_DIR
        self.register_path = self.folder / REGISTER_FILE
        self.index_path = self.folder / INDEX_FILE
        self.closed_index_path = self.folder / CLOSED_INDEX_FILE
        self._closed_index: dict[str, Any] | None = None
        self.user = user or current_user()
        self.lock_timeout = lock_timeout
        self.problems: list[FileProblem] = []
        self._index: dict[str, IndexEntry] | None = None
        self._index_dirty = False
        self.index_was_stale = False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.remiss_dir.mkdir(exist_ok=True)
        except OSError:
            pass  # a read-only folder that already exists is still readable
        _check_data_folder(self.folder)
        # Nothing outside the data folder is read or written through a link: a remisser folder that
        # is a symlink out of it is left alone, and every file in it that is a link is skipped.
        self.remiss_dir_problem = _linked_out_message(self.folder, self.remiss_dir)
        self.read_only = not os.access(self.folder, os.W_OK) or (
            self.remiss_dir.is_dir() and not os.access(self.remiss_dir, os.W_OK)
        )
        self._file_lock = None
        # A remisser folder linked out of the data folder is not ours to clean either.
        own_dir = self.remiss_dir_problem is None
        if not self.read_only and (has_temp_files(self.folder) or (own_dir and has_temp_files(self.remiss_dir))):
            self._remove_stale_temp_files()

    @property
    def _lock(self) -> FolderLock:
        if self._file_lock is None:
            self._file_lock = FolderLock(self.folder / LOCK_FILE, timeout=self.lock_timeout)
        return self._file_lock

    def _remove_stale_temp_files(self) -> None:
        # A temp file is stale only if its writer is gone. Writers hold the lock, so clean up only
        # when the lock is free: otherwise opening a store would delete the temp file of a colleague
        # who is saving right now, and their os.replace() would fail.
        try:
            self._lock.acquire(timeout=0)
        except (LockError, OSError):
            return
        try:
            remove_stale_temp_files(self.folder)
            if self.remiss_dir_problem is None:
                remove_stale_temp_files(self.remiss_dir)
        finally:
            self._lock.release()

    # --- locking ---------------------------------------------------------------------------

    @contextmanager
    def locked(self) -> Iterator[None]:
        if self.read_only:
            raise ReadOnlyError(f"Datamappen {self.folder} är skrivskyddad; inget kan sparas.")
        if self.remiss_dir_problem:
            raise StoreError(self.remiss_dir_problem)
        try:
            self._lock.acquire()
        except LockTimeout as exc:
            raise StoreError(str(exc)) from None
        except LockError as exc:
            raise StoreError(str(exc)) from None
        try:
            yield
        finally:
            self._lock.release()

    def is_empty(self) -> bool:
        return not self.register_path.exists() and not any(self.remiss_files())

    # --- register --------------------------------------------------------------------------

    def load_register(self) -> Register:
        if not self.register_path.exists():
            return Register()
        data = self.read_raw(self.register_path)
        try:
            orgs = [from_dict(Organisation, d) for d in data.get("organisations", {}).values()]
            lists = [from_dict(RecipientList, d) for d in data.get("lists", {}).values()]
        except SchemaError as exc:
            raise UnreadableFileError(f"{self.register_path.name} kan inte läsas: {exc}") from None
        return Register(organisations=orgs, lists=lists)

    def save_register(self, register: Register, *, what: str = "Registret ändrades") -> None:
        with self.locked():
            storage_data = self.read_raw(self.register_path) if self.register_path.exists() else {}
            events = dict(storage_data.get("events", {}))
            events[str(len(events) + 1)] = to_dict(
                Event(at=_now(), by=self.user, what=what, target="register")
            )
            data = {
                "_meta": {"1": {"schema": SCHEMA_VERSION, "kind": "register"}},
                "organisations": {str(i + 1): to_dict(o) for i, o in enumerate(register.organisations)},
                "lists": {str(i + 1): to_dict(lst) for i, lst in enumerate(register.lists)},
                "events": events,
            }
            _save(self.register_path, _dumps(data))

    # --- remisser: reading -----------------------------------------------------------------

    def remiss_files(self, problems: list[FileProblem] | None = None) -> Iterator[os.DirEntry[str]]:
        """The remiss files of the folder (a scan, no stat): regular files only.

        A `.json` entry that is a symlink (to /etc/passwd, or to another remiss: the same remiss
        twice), a folder or a FIFO is skipped, and named in `problems` when a list is given.
        """
        if self.remiss_dir_problem:
            if problems is not None:
                problems.append(FileProblem(self.remiss_dir, self.remiss_dir_problem))
            return
        try:
            entries = os.scandir(self.remiss_dir)
        except OSError:
            return
        with entries:
            for entry in entries:
                name = entry.name
                if not name.endswith(".json") or name.startswith("."):
                    continue
                try:
                    regular = entry.is_file(follow_symlinks=False)  # d_type: no extra syscall
                except OSError:
                    regular = False
                if regular:
                    yield entry
                elif problems is not None:
                    problems.append(FileProblem(Path(entry.path), _not_regular_message(entry)))

    def summaries(self, *, include_closed: bool = True, validate: bool = True) -> list[RemissSummary]:
        """Every readable remiss, from the index where a file is unchanged since it was indexed.

        Every file is stat()ed either way. With `include_closed=False` closed remisser are left
        out, and their recipient lists (most of a ten-year index) are never parsed: the index
        keeps them as JSON text until someone asks for them.

        `validate=False` answers from the index as it stands, without looking at the files: for
        the first paint of the app, which validates right after (a stale entry lives for one
        frame). Without an index it validates anyway.
        """
        if not validate:
            trusted = self._trusted_summaries(include_closed)
            if trusted is not None:
                return trusted
        index = self._load_index()
        fresh: dict[str, IndexEntry] = {}
        problems: list[FileProblem] = []
        self.problems = problems
        changed = False
        out: list[RemissSummary] = []
        closed = RemissState.closed.value
        for entry in self.remiss_files(problems):
            st = entry.stat()
            cached = index.get(entry.name)
            if cached and cached["mtime_ns"] == st.st_mtime_ns and cached["size"] == st.st_size:
                if cached["state"] == closed and not include_closed:
                    fresh[entry.name] = cached
                    continue
                if self._complete(cached):
                    fresh[entry.name] = cached
                    out.append(RemissSummary(**cached))
                    continue
            try:
                remiss, _events = self._load_path(Path(entry.path))
            except StoreError as exc:
                self.problems.append(FileProblem(Path(entry.path), str(exc)))
                continue
            summary = _summary_dict(entry.name, remiss, st.st_mtime_ns, st.st_size)
            fresh[entry.name] = summary
            changed = True
            if include_closed or summary["state"] != closed:
                out.append(RemissSummary(**summary))
        duplicates = _duplicate_files(fresh)
        if duplicates:
            for name, first in duplicates.items():
                problems.append(FileProblem(self.remiss_dir / name, (
                    f"{name} har samma diarienummer som {first} och visas inte; en remiss finns bara "
                    f"en gång. Slå ihop eller ta bort den ena filen.")))
            out = [s for s in out if s.file not in duplicates]
        # Whether the files differed from the index: a screen drawn from the trusted index
        # (validate=False) must then be drawn again.
        self.index_was_stale = changed or fresh.keys() != index.keys()
        if changed or self._index_dirty or fresh.keys() != index.keys():
            self._index = fresh
            self._index_dirty = False
            self._write_index(fresh)
        return out

    def _trusted_summaries(self, include_closed: bool) -> list[RemissSummary] | None:
        index = self._load_index()
        if not index:
            return None
        closed = RemissState.closed.value
        out = []
        for entry in index.values():
            if entry["state"] == closed and not include_closed:
                continue
            if not self._complete(entry):
                return None
            out.append(RemissSummary(**entry))
        return out

    def _load_index(self) -> dict[str, IndexEntry]:
        if self._index is not None:
            return self._index
        try:
            raw = orjson.loads(read_regular_file(self.index_path))
            if raw.get("version") in READABLE_INDEX_VERSIONS:
                index = raw["remisser"]
                # An older index is rewritten in the current form by the next summaries().
                self._index_dirty = self._index_dirty or raw["version"] != INDEX_VERSION
                if raw["version"] != INDEX_VERSION and isinstance(index, dict):
                    for entry in index.values():  # keys of version 5 keep number boundaries
                        if isinstance(entry, dict) and isinstance(entry.get("dnr"), str):
                            entry["key"] = dnr_key(entry["dnr"])
                # A cache may be damaged in any way; an entry of the wrong shape is simply dropped.
                loaded = {
                    name: entry
                    for name, entry in index.items()
                    if isinstance(entry, dict)
                    and set(entry) == _SUMMARY_FIELDS
                    and entry.get("file") == name
                    and (entry.get("recipients") is None or isinstance(entry.get("recipients"), (list, str)))
                }
                try:
                    # Values of a wrong type cannot do harm: a stamp that is not the file's makes
                    # it re-read, a key that is no dnr key is never matched. A wrong shape drops
                    # the closed part, whose files are then re-read as they are asked for.
                    current = raw["version"] == INDEX_VERSION
                    loaded.update(
                        # A key from an older version may join two numbers (issue 23 item 6): it
                        # is replaced by one no dnr has, until the entry is completed and re-keyed.
                        (name, _closed_stub(name, mtime_ns, size, key if current else f"\x00stale:{name}"))
                        for name, (mtime_ns, size, key) in (raw.get("closed") or {}).items()
                    )
                except (TypeError, ValueError):
                    pass
                self._index = loaded
                return self._index
        except (OSError, ValueError, KeyError, AttributeError, TypeError):
            pass
        return {}

    def _write_index(self, index: dict[str, IndexEntry]) -> None:
        if self.read_only:
            return
        # Closed remisser are written whole to the side file, each as JSON text: loading it then
        # makes ~3,000 strings instead of ~75,000 small lists, parsed one by one when asked for.
        # index.json keeps only what tells a closed file unchanged, and its key (path_for).
        closed = RemissState.closed.value
        data: dict[str, Any] = {}
        stamps: dict[str, list[Any]] = {}
        side: dict[str, Any] = {}
        previous = self._load_closed_index()
        for name, entry in index.items():
            if entry["state"] != closed:
                data[name] = entry
                continue
            stamp = [entry["mtime_ns"], entry["size"]]
            stamps[name] = [*stamp, entry["key"]]
            kept = previous.get(name)
            if kept and kept[:2] == stamp and (entry["dnr"] is None or entry["recipients"] is None):
                if entry["dnr"] is None or _is_whole_entry_text(kept[2]):
                    side[name] = kept  # never parsed in this process: keep what the side file has
                    continue
            if entry["dnr"] is None or not self._complete(entry):
                continue  # nothing known but the stamp: the file is read when next asked for
            side[name] = [*stamp, orjson.dumps(entry, default=_json_default).decode()]
        # A cache: atomic (never torn) but not fsynced; a lost update is rebuilt from stat.
        try:
            if side != previous or not self.closed_index_path.exists():
                atomic_write_bytes(
                    self.closed_index_path,
                    orjson.dumps({"version": INDEX_VERSION, "remisser": side}),
                    durable=False,
                )
                self._closed_index = side
            atomic_write_bytes(
                self.index_path,
                orjson.dumps({"version": INDEX_VERSION, "remisser": data, "closed": stamps},
                             default=_json_default),
                durable=False,
            )
        except StorageWriteError:
            pass

    def _load_closed_index(self) -> dict[str, Any]:
        if self._closed_index is None:
            side: dict[str, Any] = {}
            try:
                raw = orjson.loads(read_regular_file(self.closed_index_path))
                # Version 3 kept only the recipient lists (under "recipients"); 4 whole entries.
                entries = raw.get("remisser") if raw.get("version") in (4, INDEX_VERSION) else (
                    raw.get("recipients") if raw.get("version") == 3 else None)
                if isinstance(entries, dict):
                    side = {
                        name: value
                        for name, value in entries.items()
                        if isinstance(value, list) and len(value) == 3 and isinstance(value[2], str)
                    }
            except (OSError, ValueError, AttributeError, TypeError):
                pass
            self._closed_index = side
        return self._closed_index

    def _complete(self, entry: IndexEntry) -> bool:
        """Make an index entry whole (a closed one from the side file); False when it must be re-read."""
        if entry["dnr"] is None or entry["recipients"] is None:
            kept = self._load_closed_index().get(entry["file"])
            if not kept or kept[0] != entry["mtime_ns"] or kept[1] != entry["size"]:
                return False
            try:
                parsed = orjson.loads(kept[2])
            except orjson.JSONDecodeError:
                return False
            if isinstance(parsed, dict):  # a whole entry (version 4)
                if (set(parsed) != _SUMMARY_FIELDS or parsed.get("file") != entry["file"]
                        or parsed.get("state") != entry["state"] or parsed.get("dnr") is None):
                    return False
                parsed["mtime_ns"], parsed["size"] = entry["mtime_ns"], entry["size"]
                entry.update(parsed)
                entry["key"] = dnr_key(entry["dnr"])  # a side file of version 4 has the old key
            elif entry["dnr"] is not None:  # the recipient list only (version 3)
                entry["recipients"] = parsed
            else:
                return False
        return _recipients_parsed(entry)

    def path_for(self, dnr: str) -> Path:
        """The file of the remiss with this dnr (any spelling that normalises alike)."""
        key = dnr_key(dnr)
        # Fast path for saves: trust the cached index when its file still exists. A dnr changed
        # by another process is caught by the full scan below, or by the revision check. The
        # first name wins, as in summaries(), should an older version have left a duplicate.
        names = sorted(name for name, entry in self._load_index().items() if entry.get("key") == key)
        if names and (self.remiss_dir / names[0]).exists():
            return self.remiss_dir / names[0]
        for summary in self.summaries():
            if summary.key == key:
                return self.remiss_dir / summary.file
        raise NotFoundError(f"Ingen remiss med diarienummer {dnr.strip()!r} finns.")

    def exists(self, dnr: str) -> bool:
        try:
            self.path_for(dnr)
            return True
        except NotFoundError:
            return False

    def load(self, dnr: str) -> Remiss:
        return self._load_path(self.path_for(dnr))[0]

    def load_with_events(self, dnr: str) -> tuple[Remiss, list[Event]]:
        return self._load_path(self.path_for(dnr))

    def load_all(self) -> list[Remiss]:
        out = []
        for summary in self.summaries():
            try:
                out.append(self._load_path(self.remiss_dir / summary.file)[0])
            except StoreError as exc:
                self.problems.append(FileProblem(self.remiss_dir / summary.file, str(exc)))
        return out

    def read_raw(self, path: Path) -> dict[str, Any]:
        """A data file's contents, migrated to the current schema; UnreadableFileError if not."""
        try:
            raw = read_regular_file(path)
        except FileNotFoundError:
            raise NotFoundError(f"Filen {path.name} finns inte längre.") from None
        except NotRegularFileError:
            raise UnreadableFileError(
                f"{path.name} är en symbolisk länk eller ingen vanlig fil och läses inte.") from None
        except OSError as exc:
            raise UnreadableFileError(f"{path.name} kan inte läsas: {exc.strerror}") from None
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError:
            raise UnreadableFileError(f"{path.name} är skadad (inte giltig JSON) och lämnas orörd.") from None
        if not isinstance(data, dict):
            raise UnreadableFileError(f"{path.name} har fel format och lämnas orörd.")
        meta_table = data.get("_meta") or {}
        if not isinstance(meta_table, dict):
            raise UnreadableFileError(f"{path.name} har fel format (_meta) och lämnas orörd.")
        meta = meta_table.get("1") or {}
        schema = meta.get("schema", 0) if isinstance(meta, dict) else 0
        if not isinstance(schema, int) or schema > SCHEMA_VERSION:
            raise UnreadableFileError(
                f"{path.name} är skapad av en nyare version av remisstui (schema {schema}); uppgradera."
            )
        while schema < SCHEMA_VERSION:
            migrate = MIGRATIONS.get(schema)
            if migrate is None:
                raise UnreadableFileError(f"{path.name} har schemaversion {schema} som inte kan uppgraderas.")
            migrate(data)
            schema += 1
        return data

    def _load_path(self, path: Path) -> tuple[Remiss, list[Event]]:
        remiss, raw_events = self._load_path_raw(path)
        try:
            events = [from_dict(Event, dict(d)) for d in raw_events]
        except SchemaError as exc:
            raise UnreadableFileError(f"{path.name} kan inte läsas: {exc}") from None
        return remiss, events

    def _load_path_raw(self, path: Path) -> tuple[Remiss, list[dict[str, Any]]]:
        """The remiss, and its events still as stored: a save only appends to them."""
        data = self.read_raw(path)
        # TinyDB reads the tables from what was already parsed: the file is read once.
        db = TinyDB(storage=AtomicJSONStorage, path=path, data=data)
        try:
            header_docs = db.table("remiss").all()
            if len(header_docs) != 1:
                raise UnreadableFileError(f"{path.name} saknar remissuppgifter och lämnas orörd.")
            header = dict(header_docs[0])
            recipients = [from_dict(Recipient, dict(d)) for d in db.table("recipients").all()]
            events = [dict(d) for d in db.table("events").all()]
            remiss = from_dict(Remiss, header)
        except SchemaError as exc:
            raise UnreadableFileError(f"{path.name} kan inte läsas: {exc}") from None
        except (TypeError, ValueError, AttributeError) as exc:
            raise UnreadableFileError(f"{path.name} har fel format och lämnas orörd ({exc}).") from None
        remiss.recipients = recipients
        return remiss, events

    # --- remisser: writing -----------------------------------------------------------------

    def create(self, remiss: Remiss, events: list[Event]) -> Remiss:
        """Write a new remiss; a dnr that already exists (in any spelling) is refused."""
        with self.locked():
            if self.exists(remiss.dnr):
                raise StoreError(f"Diarienumret {remiss.dnr} finns redan.")
            # exists() scanned the folder when the index did not know the dnr: self.problems
            # names every file it could not read. One of them may be this dnr (a file damaged, or
            # written by a newer version); a second file would make the dnr exist twice once it
            # is readable again.
            blocker = self._unreadable_with_key(dnr_key(remiss.dnr), dnr_key(dnr_slug(remiss.dnr)))
            if blocker is not None:
                raise StoreError(
                    f"Diarienumret {remiss.dnr} finns kanske redan i {blocker.path.name}, som inte kan "
                    f"läsas ({blocker.message.rstrip('.')}). Laga eller flytta filen först; ingen ny "
                    "remiss skapades."
                )
            path = self._new_path(remiss.dnr)
            self._write(path, remiss, events)
            self._refresh_index_entry(path, remiss)
            return remiss

    def _unreadable_with_key(self, key: str, slug_key: str) -> FileProblem | None:
        """The unreadable file that holds, or by its name would hold, the dnr with this key."""
        for problem in self.problems:
            stem = _SUFFIX_RE.sub("", problem.path.stem)
            if dnr_key(stem) in (key, slug_key):
                return problem
            if _stored_key(problem.path) == key:
                return problem
        return None

    def update(
        self,
        dnr: str,
        mutate: Callable[[Remiss], list[Event]],
        *,
        expect: dict[str, int] | None = None,
    ) -> Remiss:
        """Load the newest version under the lock, check `expect`, apply `mutate`, write once.

        `expect` maps a target ("remiss" or "recipient:<organisation>") to the revision the
        caller's edit was based on. A target changed since is a conflict: nothing is written.
        `mutate` changes the remiss in place and returns the events describing what it did.
        """
        with self.locked():
            path = self.path_for(dnr)
            remiss, events = self._load_path_raw(path)
            for target, revision in (expect or {}).items():
                current = _revision_of(remiss, target)
                if current is None and revision != 0:
                    raise ConflictError(f"{target_label(target)} finns inte längre i remissen.")
                if current is not None and current != revision:
                    last = next((e for e in reversed(events) if e.get("target") == target), None)
                    when = str(last.get("at", ""))[:16].replace("T", " ") if last else ""
                    who = f" av {last.get('by', 'okänd')} {when}" if last else ""
                    raise ConflictError(
                        f"Konflikt: {target_label(target)} har ändrats{who} sedan du öppnade den. "
                        "Din ändring sparades inte; läs in på nytt och gör om den."
                    )
            new_events = mutate(remiss)
            if not new_events:
                return remiss
            for target in {parse_target(e.target) for e in new_events}:
                if target.is_remiss:
                    remiss.revision += 1
                else:
                    rec = remiss.recipient(target.organisation)
                    if rec is not None:
                        rec.revision += 1
            self._write(path, remiss, events + list(new_events))
            self._refresh_index_entry(path, remiss)
            return remiss

    def delete(self, dnr: str) -> None:
        with self.locked():
            path = self.path_for(dnr)
            path.unlink()
            self._index = None

    def _new_path(self, dnr: str) -> Path:
        slug = dnr_slug(dnr)
        path = self.remiss_dir / f"{slug}.json"
        n = 2
        while path.exists():
            path = self.remiss_dir / f"{slug}~{n}.json"
            n += 1
        return path

    def _write(self, path: Path, remiss: Remiss, events: list[Event] | list[dict[str, Any]]) -> None:
        header = clean_values(to_dict(remiss))
        header.pop("recipients", None)
        header["revision"] = remiss.revision
        recipients = [clean_values(to_dict(r)) for r in remiss.recipients]
        # Events already stored come as dicts and were checked when they were written.
        fresh = {i: clean_values(to_dict(e)) for i, e in enumerate(events) if not isinstance(e, dict)}
        _check_storable(remiss.dnr, header, recipients, [fresh[i] for i in sorted(fresh)])
        data = {
            "_meta": {"1": {"schema": SCHEMA_VERSION, "kind": "remiss"}},
            "remiss": {"1": header},
            "recipients": {str(i + 1): r for i, r in enumerate(recipients)},
            "events": {str(i + 1): e if isinstance(e, dict) else fresh[i] for i, e in enumerate(events)},
        }
        _save(path, _dumps(data))

    def _refresh_index_entry(self, path: Path, remiss: Remiss) -> None:
        index = dict(self._load_index())
        try:
            st = path.stat()
        except OSError:
            return
        index[path.name] = _summary_dict(path.name, remiss, st.st_mtime_ns, st.st_size)
        # In memory only: rewriting a ten-year index on every save would cost more than the save.
        # The file is brought up to date by the next summaries(), which checks every file's stat.
        self._index = index
        self._index_dirty = True

    def change_stamp(self) -> tuple[tuple[str, int, int], ...]:
        """Cheap fingerprint of the remiss files, to notice writes by other processes."""
        out = []
        for entry in self.remiss_files():
            try:
                st = entry.stat()
            except OSError:
                continue
            out.append((entry.name, st.st_mtime_ns, st.st_size))
        try:
            st = self.register_path.stat()
            out.append((REGISTER_FILE, st.st_mtime_ns, st.st_size))
        except OSError:
            pass
        return tuple(sorted(out))


def _revision_of(remiss: Remiss, target: str) -> int | None:
    parsed = parse_target(target)
    if parsed.is_remiss:
        return remiss.revision
    rec = remiss.recipient(parsed.organisation)
    return None if rec is None else rec.revision


_SUFFIX_RE = re.compile(r"~[0-9]+$")


def _check_data_folder(folder: Path) -> None:
    """StoreError (Swedish) unless `folder` is a folder this user can reach.

    A folder under another user's folder, or on a share without permission, raised PermissionError
    from is_dir(); `--data` naming a file was said to be missing (issue 23 item 13)."""
    try:
        st = os.stat(folder)
    except FileNotFoundError:
        raise StoreError(f"Datamappen {folder} finns inte och kunde inte skapas.") from None
    except NotADirectoryError:
        raise StoreError(
            f"Datamappen {folder} finns inte och kunde inte skapas: en del av sökvägen är en fil, inte en mapp."
        ) from None
    except PermissionError:
        blocked = next((p for p in reversed(folder.absolute().parents) if not os.access(p, os.X_OK)), None)
        where = f"mappen {blocked}" if blocked is not None else "en mapp på vägen dit"
        raise StoreError(
            f"Datamappen {folder} kan inte nås: du saknar behörighet till {where}. "
            "Be om behörighet eller välj en annan datamapp med --data."
        ) from None
    except OSError as exc:
        raise StoreError(f"Datamappen {folder} kan inte nås ({exc.strerror or exc}).") from None
    if not stat.S_ISDIR(st.st_mode):
        raise StoreError(f"{folder} är en fil, inte en mapp. Ange en datamapp med --data.")


def _check_storable(dnr: str, header: dict[str, Any], recipients: list[dict[str, Any]],
                    events: list[dict[str, Any]]) -> None:
    """Refuse, before a byte is written, what every reader of the folder would refuse afterwards.

    A date out of 1900–2199 from any path (a mail's Date, a clock set to year 9999 stamping the
    events) once made the whole remiss unreadable for everyone (issue 23 item 2). The reader's
    own checks run here on what is about to be written, so the store never writes a file it
    refuses to read."""
    for event in events:
        at = event.get("at")
        try:
            ok = isinstance(at, str) and EARLIEST <= date.fromisoformat(at[:10]) <= LATEST
        except ValueError:
            ok = False
        if not ok:
            raise StoreError(
                f"Datorns klocka visar {str(at)[:19].replace('T', ' ')}, utanför {EARLIEST.year}–{LATEST.year}. "
                "Ingenting sparades; rätta datum och tid i datorn och försök igen."
            )
    try:
        from_dict(Remiss, header)
        for r in recipients:
            from_dict(Recipient, r)
        for e in events:
            from_dict(Event, e)
    except SchemaError as exc:
        raise StoreError(f"{dnr.strip()[:60]} sparades inte: {exc}") from None


def _stored_key(path: Path) -> str | None:
    """The dnr key a damaged remiss file still shows, if its JSON can be parsed at all."""
    try:
        header = orjson.loads(read_regular_file(path))["remiss"]["1"]
        dnr = header["dnr"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return dnr_key(dnr) if isinstance(dnr, str) else None


def _duplicate_files(index: dict[str, IndexEntry]) -> dict[str, str]:
    """Files whose dnr key another file has too -> the file that keeps the dnr (the first name)."""
    first: dict[str, str] = {}
    duplicates: dict[str, str] = {}
    for name in sorted(index):
        key = index[name]["key"]
        kept = first.setdefault(key, name)
        if kept != name:
            duplicates[name] = kept
    return duplicates


def _linked_out_message(folder: Path, remiss_dir: Path) -> str | None:
    try:
        if not remiss_dir.is_symlink():
            return None
        target = remiss_dir.resolve()
        if target.is_relative_to(folder.resolve()) and target != folder.resolve():
            return None
    except (OSError, RuntimeError):
        pass
    return (f"Mappen {remiss_dir.name} i datamappen är en symbolisk länk ut ur datamappen; den läses "
            "inte och inget sparas där. Ersätt länken med en vanlig mapp.")


def _not_regular_message(entry: os.DirEntry[str]) -> str:
    try:
        link = entry.is_symlink()
    except OSError:
        link = False
    if link:
        return f"{entry.name} är en symbolisk länk och läses inte; bara vanliga filer i datamappen läses."
    return f"{entry.name} är ingen vanlig fil och läses inte."


def _recipients_parsed(entry: IndexEntry) -> bool:
    """Make an index entry's recipients IndexRecipient rows (in place); False if damaged.

    Rows kept as JSON text are parsed, and rows from a file are checked (the screens unpack every
    row, and compute deadlines from its dates): a damaged cache, or a date out of range that an
    older version indexed, makes its file be re-read, and reported, never a crash. Rows already
    made IndexRecipient were checked when they were made.
    """
    if not (_sound_day(entry["deadline"]) and _sound_day(entry["sent_on"])):
        return False
    recipients = entry["recipients"]
    if not isinstance(recipients, list):
        try:
            recipients = orjson.loads(recipients)  # type: ignore[arg-type]
        except (orjson.JSONDecodeError, TypeError):
            return False
        if not isinstance(recipients, list):
            return False
    if recipients and type(recipients[0]) is IndexRecipient:
        return True
    if not all(_is_recipient_row(r) for r in recipients):
        return False
    entry["recipients"] = [IndexRecipient._make(r) for r in recipients]
    return True


def _is_recipient_row(row: Any) -> bool:
    # [organisation, kind, status, written deadline or None, extensions, reminders]
    return (
        type(row) is list and len(row) == 6 and type(row[0]) is str and type(row[1]) is str
        and type(row[2]) is str and (row[3] is None or (type(row[3]) is str and _sound_day(row[3])))
        and type(row[4]) is int and type(row[5]) is int
    )


@functools.lru_cache(maxsize=8192)
def _sound_day(text: Any) -> bool:
    """None, or an ISO date in the range every date of the model lies in (cached: they repeat)."""
    if text is None:
        return True
    try:
        return EARLIEST <= date.fromisoformat(text) <= LATEST
    except (TypeError, ValueError):
        return False


def _json_default(value: Any) -> Any:
    # orjson writes plain tuples but not NamedTuples: an IndexRecipient is stored as its array.
    if isinstance(value, tuple):
        return list(value)
    raise TypeError


def _closed_stub(name: str, mtime_ns: int, size: int, key: str) -> IndexEntry:
    """A closed remiss as index.json knows it: unchanged or not, and its key; the rest is in the
    side file (`Store._complete`). A stub is told by its dnr None."""
    return {
        "file": name, "dnr": None, "key": key, "title": None, "state": RemissState.closed.value,
        "sent_on": None, "deadline": None, "recipients": None, "mtime_ns": mtime_ns, "size": size,
    }


def _is_whole_entry_text(text: str) -> bool:
    return text.startswith("{")


def _summary_dict(name: str, remiss: Remiss, mtime_ns: int, size: int) -> IndexEntry:
    return {
        "file": name,
        "dnr": remiss.dnr,
        "key": dnr_key(remiss.dnr),
        "title": remiss.title,
        "state": remiss.state.value,
        "sent_on": remiss.sent_on.isoformat() if remiss.sent_on else None,
        "deadline": remiss.deadline.isoformat() if remiss.deadline else None,
        "recipients": [
            IndexRecipient(
                r.organisation,
                r.kind.value,
                r.status.value,
                r.extensions[-1].new_deadline.isoformat() if r.extensions else None,
                len(r.extensions),
                len(r.reminders),
            )
            for r in remiss.recipients
        ],
        "mtime_ns": mtime_ns,
        "size": size,
    }


def _dumps(data: Any) -> bytes:
    # Compact: these files are read far more often by programs than by people.
    return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)


def _now():
    from ..domain.history import now

    return now()
