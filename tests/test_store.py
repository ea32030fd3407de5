"""The store: revisions and conflicts, the event log, undo, unreadable files, temp files, the index cache."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import orjson
import pytest

from remisstui import services
from remisstui.domain.history import REMISS_TARGET, recipient_target
from remisstui.domain.model import Remiss, RemissState, Recipient, Status
from remisstui.store.repository import (
    INDEX_FILE,
    ConflictError,
    NotFoundError,
    Store,
    StoreError,
    UnreadableFileError,
)
from remisstui.store.storage import TEMP_PREFIX, TEMP_SUFFIX

EXAMPLE = "KS 2024/112"
SOD = "Södermalms stadsdelsnämnd"
BROMMA = "Bromma stadsdelsnämnd"


@pytest.fixture
def folder(tmp_path):
    s = Store(tmp_path / "data", user="anna")
    services.ensure_seeded(s)
    return tmp_path / "data"


def open_store(folder, user="anna") -> Store:
    return Store(folder, user=user)


def example_file(folder: Path) -> Path:
    return folder / "remisser" / "KS-2024-112.json"


def make(dnr: str, *orgs: str) -> Remiss:
    return Remiss(dnr=dnr, title=f"Fiktiv {dnr}", recipients=[Recipient(organisation=o) for o in orgs])


# --- revisions and conflicts -------------------------------------------------------------------


def test_revisions_count_saves(folder):
    store = open_store(folder)
    r0 = store.load(EXAMPLE)
    services.set_status(store, EXAMPLE, [BROMMA], Status.registered)
    r1 = store.load(EXAMPLE)
    assert r1.recipient(BROMMA).revision == r0.recipient(BROMMA).revision + 1
    assert r1.recipient(SOD).revision == r0.recipient(SOD).revision
    assert r1.revision == r0.revision  # the header did not change
    services.set_state(store, EXAMPLE, RemissState.compiling)
    assert store.load(EXAMPLE).revision == r0.revision + 1


def test_two_stores_same_recipient_second_gets_conflict(folder):
    a, b = open_store(folder, "anna"), open_store(folder, "bertil")
    rec_a = a.load(EXAMPLE).recipient(BROMMA)
    rec_b = b.load(EXAMPLE).recipient(BROMMA)
    rec_a.own_dnr = "BRO 2024/1"
    rec_b.own_dnr = "BRO 2024/2"
    services.save_recipient(a, EXAMPLE, rec_a, base_revision=rec_a.revision)
    with pytest.raises(ConflictError) as exc:
        services.save_recipient(b, EXAMPLE, rec_b, base_revision=rec_b.revision)
    msg = str(exc.value)
    assert "Konflikt" in msg and BROMMA in msg and "anna" in msg and "\n" not in msg
    assert open_store(folder).load(EXAMPLE).recipient(BROMMA).own_dnr == "BRO 2024/1"


def test_two_stores_different_recipients_both_kept(folder):
    a, b = open_store(folder, "anna"), open_store(folder, "bertil")
    rec_a = a.load(EXAMPLE).recipient(BROMMA)
    rec_b = b.load(EXAMPLE).recipient(SOD)
    rec_a.own_dnr = "BRO 2024/1"
    rec_b.note = "ringde"
    services.save_recipient(a, EXAMPLE, rec_a, base_revision=rec_a.revision)
    services.save_recipient(b, EXAMPLE, rec_b, base_revision=rec_b.revision)
    r = open_store(folder).load(EXAMPLE)
    assert r.recipient(BROMMA).own_dnr == "BRO 2024/1"
    assert r.recipient(SOD).note == "ringde"
    assert r.recipient(SOD).response is not None  # the answer is still there


def test_header_edit_conflict(folder):
    a, b = open_store(folder), open_store(folder)
    ra, rb = a.load(EXAMPLE), b.load(EXAMPLE)
    ra.title = "A:s rubrik"
    rb.title = "B:s rubrik"
    services.update_remiss_header(a, EXAMPLE, ra, base_revision=ra.revision)
    with pytest.raises(ConflictError):
        services.update_remiss_header(b, EXAMPLE, rb, base_revision=rb.revision)
    assert open_store(folder).load(EXAMPLE).title == "A:s rubrik"


def test_stale_save_of_removed_recipient_is_conflict(folder):
    store = open_store(folder)
    services.add_recipients(store, EXAMPLE, ["Ny extern förening 1"], store.load_register())
    rec = store.load(EXAMPLE).recipient("Ny extern förening 1")
    services.undo_last(store, EXAMPLE)  # removes it again
    with pytest.raises(ConflictError):
        store.update(EXAMPLE, lambda r: [], expect={recipient_target(rec.organisation): 5})


# --- the event log -----------------------------------------------------------------------------


def test_one_event_per_change_with_os_user(folder):
    store = open_store(folder, user="cecilia")
    n0 = len(store.load_with_events(EXAMPLE)[1])
    services.set_status(store, EXAMPLE, [BROMMA], Status.in_preparation)
    services.log_reminder(store, EXAMPLE, [BROMMA, "Kulturnämnden"], note="via e-post")
    services.set_status(store, EXAMPLE, [BROMMA], Status.in_preparation)  # no change: no event
    events = store.load_with_events(EXAMPLE)[1]
    new = events[n0:]
    assert len(new) == 3
    assert all(e.by == "cecilia" for e in new)
    assert new[0].target == recipient_target(BROMMA)
    assert new[0].before == {"status": "sent"} and new[0].after == {"status": "in_preparation"}
    assert new[1].change == new[2].change != new[0].change
    assert {e.target for e in new[1:]} == {recipient_target(BROMMA), recipient_target("Kulturnämnden")}


def test_default_user_is_the_os_user(tmp_path):
    import getpass

    store = Store(tmp_path)
    try:
        expected = getpass.getuser()
    except Exception:
        expected = os.environ.get("USER") or "okänd"
    assert store.user == expected
    services.create_remiss(store, make("KS 2030/9", "X"))
    assert {e.by for e in store.load_with_events("KS 2030/9")[1]} == {expected}


def test_creation_is_logged_per_target(tmp_path):
    store = Store(tmp_path, user="u")
    services.create_remiss(store, make("KS 2030/1", "A", "B"))
    events = store.load_with_events("KS 2030/1")[1]
    assert [e.target for e in events] == [REMISS_TARGET, recipient_target("A"), recipient_target("B")]
    assert all(e.before is None for e in events)


def test_undo_restores_and_is_logged(folder):
    store = open_store(folder)
    before = store.load(EXAMPLE)
    services.set_status(store, EXAMPLE, [BROMMA, "Kulturnämnden"], Status.declined)
    remiss, what = services.undo_last(store, EXAMPLE)
    assert "avstått" in what
    after = store.load(EXAMPLE)
    for org in (BROMMA, "Kulturnämnden"):
        assert after.recipient(org).status is before.recipient(org).status
    events = store.load_with_events(EXAMPLE)[1]
    undo_events = [e for e in events if e.undoes]
    assert len(undo_events) == 2 and all(e.what.startswith("Ångrade") for e in undo_events)
    # Nothing else left to undo (creation is not undoable).
    with pytest.raises(services.ServiceError):
        services.undo_last(store, EXAMPLE)


def test_undo_of_title_and_of_added_recipient(folder):
    store = open_store(folder)
    r = store.load(EXAMPLE)
    r.title = "Ändrad"
    services.update_remiss_header(store, EXAMPLE, r, base_revision=r.revision)
    services.add_recipients(store, EXAMPLE, ["Extern X 1"], store.load_register())
    services.undo_last(store, EXAMPLE)
    assert store.load(EXAMPLE).recipient("Extern X 1") is None
    services.undo_last(store, EXAMPLE)
    assert store.load(EXAMPLE).title == "Kommunikationsprogram för Stockholms stad"


def test_undo_refuses_when_someone_changed_it_meanwhile(folder):
    """Anna asks to undo; before her undo is written, Bertil saves a change: nothing is undone."""
    anna, bertil = open_store(folder, "anna"), open_store(folder, "bertil")
    services.set_status(anna, EXAMPLE, [BROMMA], Status.registered)
    real = anna.load_with_events
    calls = []

    def racing(dnr):
        out = real(dnr)
        if not calls:
            services.set_status(bertil, EXAMPLE, [BROMMA], Status.answered)
        calls.append(dnr)
        return out

    anna.load_with_events = racing
    path = example_file(folder)
    with pytest.raises(services.ServiceError) as exc:
        services.undo_last(anna, EXAMPLE)
    assert "under tiden" in str(exc.value)
    assert open_store(folder).load(EXAMPLE).recipient(BROMMA).status is Status.answered
    events = open_store(folder).load_with_events(EXAMPLE)[1]
    assert not any(e.undoes for e in events)
    del path


def test_undo_refuses_over_someone_elses_later_edit(folder):
    store = open_store(folder)
    services.set_status(store, EXAMPLE, [BROMMA], Status.registered)
    # A later change to the same field that is not an undoable change of its own: write it directly.
    def sneak(r: Remiss):
        r.recipient(BROMMA).status = Status.answered
        return []  # no event: simulates a target changed outside the history (e.g. an older version)

    store.update(EXAMPLE, sneak)
    # update() writes nothing when mutate returns no events, so force the file content.
    path = example_file(folder)
    data = orjson.loads(path.read_bytes())
    for rec in data["recipients"].values():
        if rec["organisation"] == BROMMA:
            rec["status"] = "answered"
    path.write_bytes(orjson.dumps(data))
    before = path.read_bytes()
    with pytest.raises(services.ServiceError) as exc:
        services.undo_last(store, EXAMPLE)
    assert "ändrats" in str(exc.value)
    assert path.read_bytes() == before


# --- unreadable files --------------------------------------------------------------------------

BAD_CONTENT = {
    "garbage": b"\x00\xffnot json at all{{{",
    "truncated": None,  # filled from the real file
    "wrong_types": None,
    "schema99": None,
    "list": b"[1, 2, 3]",
    "empty": b"",
    "meta_is_list": b'{"_meta": [1], "remiss": {}}',
    "meta_is_text": b'{"_meta": "x"}',
    "meta1_is_list": b'{"_meta": {"1": [1]}, "remiss": {"1": {"dnr": "KS 1/1", "title": "t"}}}',
    "no_header": b'{"_meta": {"1": {"schema": 1}}, "remiss": {}}',
    "two_headers": b'{"_meta": {"1": {"schema": 1}}, "remiss": {"1": {"dnr": "KS 1/1", "title": "t"},'
                   b' "2": {"dnr": "KS 1/2", "title": "t"}}}',
    "header_not_table": b'{"_meta": {"1": {"schema": 1}}, "remiss": {"1": "x"}}',
    "doc_id_text": b'{"_meta": {"1": {"schema": 1}}, "remiss": {"abc": {"dnr": "KS 1/1", "title": "t"}}}',
    "recipients_list": b'{"_meta": {"1": {"schema": 1}}, "remiss": {"1": {"dnr": "KS 1/1", "title": "t"}},'
                       b' "recipients": [1]}',
    "recipient_bad": b'{"_meta": {"1": {"schema": 1}}, "remiss": {"1": {"dnr": "KS 1/1", "title": "t"}},'
                     b' "recipients": {"1": {"organisation": 5}}}',
    "event_bad": b'{"_meta": {"1": {"schema": 1}}, "remiss": {"1": {"dnr": "KS 1/1", "title": "t"}},'
                 b' "events": {"1": {"at": "yesterday", "by": "x", "what": "y"}}}',
    "schema_text": b'{"_meta": {"1": {"schema": "1"}}, "remiss": {"1": {"dnr": "KS 1/1", "title": "t"}}}',
    "schema_negative": b'{"_meta": {"1": {"schema": -3}}, "remiss": {"1": {"dnr": "KS 1/1", "title": "t"}}}',
    "huge_int": b'{"_meta": {"1": {"schema": 1}}, "remiss": {"1": {"dnr": "KS 1/1", "title": "t", "revision": '
                + b"9" * 400 + b"}}}",
    "deep": b"[" * 5000 + b"]" * 5000,
}


def _bad_bytes(kind: str, good: bytes) -> bytes:
    if kind == "truncated":
        return good[: len(good) // 2]
    if kind == "wrong_types":
        data = orjson.loads(good)
        data["remiss"]["1"]["deadline"] = 20240429
        return orjson.dumps(data)
    if kind == "schema99":
        data = orjson.loads(good)
        data["_meta"]["1"]["schema"] = 99
        return orjson.dumps(data)
    return BAD_CONTENT[kind]


@pytest.mark.parametrize("kind", sorted(BAD_CONTENT))
def test_unreadable_file_reported_left_alone_rest_opens(folder, kind):
    store = open_store(folder)
    services.create_remiss(store, make("KS 2030/2", "A"))
    victim = folder / "remisser" / "KS-2030-2.json"
    bad = _bad_bytes(kind, victim.read_bytes())
    victim.write_bytes(bad)
    (folder / INDEX_FILE).unlink()  # also without the cache's help
    fresh = open_store(folder)
    summaries = fresh.summaries()
    assert [s.dnr for s in summaries] == [EXAMPLE]
    assert [p.path.name for p in fresh.problems] == ["KS-2030-2.json"]
    message = fresh.problems[0].message
    assert "KS-2030-2.json" in message and "\n" not in message
    if kind == "schema99":
        assert "99" in message
    assert fresh.load(EXAMPLE).title  # the rest opens
    services.set_status(fresh, EXAMPLE, [BROMMA], Status.registered)  # and can be written
    assert victim.read_bytes() == bad
    with pytest.raises(NotFoundError):
        fresh.load("KS 2030/2")
    with pytest.raises(StoreError):
        fresh._load_path(victim)
    assert victim.read_bytes() == bad


def test_unreadable_register_is_a_store_error(folder):
    (folder / "register.json").write_bytes(b"{broken")
    store = open_store(folder)
    with pytest.raises(UnreadableFileError) as exc:
        store.load_register()
    assert "register.json" in str(exc.value)
    assert (folder / "register.json").read_bytes() == b"{broken"


def test_cli_warns_about_unreadable_file_and_still_lists(folder, capsys):
    from remisstui import cli

    (folder / "remisser" / "Trasig.json").write_bytes(b"{")
    assert cli.main(["--data", str(folder), "list", "--json"]) == 0
    out, err = capsys.readouterr()
    assert [r["dnr"] for r in json.loads(out)] == [EXAMPLE]
    assert "Trasig.json" in err


# --- temp files ----------------------------------------------------------------------------------


def test_stale_temp_files_removed_on_open(folder):
    stale = [
        folder / f"{TEMP_PREFIX}register.json.abc{TEMP_SUFFIX}",
        folder / "remisser" / f"{TEMP_PREFIX}KS-2024-112.json.x1{TEMP_SUFFIX}",
    ]
    for p in stale:
        p.write_bytes(b"half a fi")
    keep = folder / "remisser" / "notes.txt"
    keep.write_text("mine")
    Store(folder)
    assert not any(p.exists() for p in stale)
    assert keep.read_text() == "mine"


def test_saves_leave_no_temp_files(folder):
    store = open_store(folder)
    for i in range(5):
        services.log_reminder(store, EXAMPLE, [BROMMA], note=str(i))
    names = [p.name for p in folder.rglob("*")]
    assert not any(n.startswith(TEMP_PREFIX) for n in names)


# --- the index cache -----------------------------------------------------------------------------


def _summary_view(store: Store):
    return sorted((s.dnr, s.title, tuple(map(tuple, s.recipients))) for s in store.summaries())


def test_index_deleted_or_corrupted_is_rebuilt(folder):
    store = open_store(folder)
    services.create_remiss(store, make("KS 2030/3", "A", "B"))
    truth = _summary_view(open_store(folder))
    for damage in (None, b"", b"{not json", b'{"version": 1, "remisser": []}', b'{"version": 1}',
                   b'{"version": 7, "remisser": {}}', b"[]",
                   b'{"version": 1, "remisser": {"KS-2024-112.json": {"file": "KS-2024-112.json"}}}'):
        if damage is None:
            (folder / INDEX_FILE).unlink()
        else:
            (folder / INDEX_FILE).write_bytes(damage)
        assert _summary_view(open_store(folder)) == truth, damage


@pytest.mark.parametrize("rows", [[["x"]], [[1, "facknamnd", "sent", None, 0, 0]], "[[", 5, [None]])
def test_index_entry_with_damaged_recipient_rows_is_rebuilt(folder, rows):
    # Valid JSON of the wrong shape must make the file be re-read, never reach a screen.
    store = open_store(folder)
    truth = _summary_view(store)
    raw = orjson.loads((folder / INDEX_FILE).read_bytes())
    for entry in raw["remisser"].values():
        entry["recipients"] = rows
    (folder / INDEX_FILE).write_bytes(orjson.dumps(raw))
    assert _summary_view(open_store(folder)) == truth
    fresh = open_store(folder)
    assert [s.recipients for s in fresh.summaries(validate=False)] == [s.recipients for s in store.summaries()]


def test_index_notices_edit_behind_its_back(folder):
    store = open_store(folder)
    store.summaries()  # index written and cached in memory
    other = open_store(folder)
    for i in range(20):
        # Same size every time: only the content differs (title "Rubrik 00" .. "Rubrik 19").
        r = other.load(EXAMPLE)
        r.title = f"Rubrik {i:02d}"
        services.update_remiss_header(other, EXAMPLE, r, base_revision=r.revision)
        assert {s.title for s in store.summaries()} == {f"Rubrik {i:02d}"}
        assert {s.title for s in open_store(folder).summaries()} == {f"Rubrik {i:02d}"}


def test_index_notices_same_size_rewrite_by_hand(folder):
    """An edit in place (same inode, same size) is noticed through the modification time."""
    store = open_store(folder)
    store.summaries()
    path = example_file(folder)
    st = path.stat()
    old = path.read_bytes()
    new = old.replace(b"Kommunikationsprogram f\xc3\xb6r Stockholms stad", b"Kommunikationsprogram f\xc3\xb6r Stockholmz stad", 1)
    assert len(new) == len(old) and new != old
    with open(path, "r+b") as fh:
        fh.write(new)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert {s.title for s in store.summaries()} == {"Kommunikationsprogram för Stockholmz stad"}
    assert {s.title for s in open_store(folder).summaries()} == {"Kommunikationsprogram för Stockholmz stad"}


def test_index_new_and_deleted_files(folder):
    store = open_store(folder)
    assert len(store.summaries()) == 1
    other = open_store(folder)
    services.create_remiss(other, make("KS 2030/4", "A"))
    assert {s.dnr for s in store.summaries()} == {EXAMPLE, "KS 2030/4"}
    (folder / "remisser" / "KS-2030-4.json").unlink()
    assert {s.dnr for s in store.summaries()} == {EXAMPLE}


def test_dnr_already_exists_in_other_spelling(folder):
    store = open_store(folder)
    with pytest.raises(StoreError) as exc:
        services.create_remiss(store, make("ks-2024-112", "A"))
    assert "finns redan" in str(exc.value)


def test_hostile_dnr_file_stays_inside_remisser(tmp_path):
    store = Store(tmp_path / "data")
    for dnr in ("../../x 1", "..\\..\\y 2", "/etc/passwd 3", "remisser/../../z 4", "CON 5", ".. 6", "~/x 7"):
        services.create_remiss(store, make(dnr, "A"))
        path = store.path_for(dnr)
        assert path.parent == store.remiss_dir
        assert not path.name.startswith(".")
    outside = {p for p in tmp_path.rglob("*") if store.folder not in p.parents and p != store.folder}
    assert outside == set()
    assert len(list(store.remiss_dir.glob("*.json"))) == 7


def test_change_stamp_moves_on_write(folder):
    store = open_store(folder)
    s1 = store.change_stamp()
    services.log_reminder(open_store(folder), EXAMPLE, [BROMMA])
    assert store.change_stamp() != s1


def test_copy_is_independent(folder):
    """load() returns fresh objects; mutating them without saving changes nothing."""
    store = open_store(folder)
    r = store.load(EXAMPLE)
    r.recipients.clear()
    assert len(copy.deepcopy(store.load(EXAMPLE)).recipients) == 15
