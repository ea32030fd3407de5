"""remisstui.search: all overdue recipients from the index, text across every recipient, freshness.

Also the summary index's closed part (store/repository.py), which the overdue list reads: closed
remisser are kept whole, as JSON text, in index-closed.json and parsed only on demand.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import orjson
import pytest

from remisstui import services
from remisstui.services import search
from remisstui.domain.model import (
    Comment,
    Extension,
    OrgKind,
    Recipient,
    Remiss,
    RemissState,
    Response,
    Stance,
    Status,
)
from remisstui.store.repository import CLOSED_INDEX_FILE, INDEX_FILE, Store

TODAY = date(2024, 5, 20)  # a Monday
HOSTILE_COMMENT = "Org [/foo] x [@click=app.quit]q[/] a [ b trailing\\"


def rec(org: str, status: Status = Status.sent, **kw) -> Recipient:
    return Recipient(organisation=org, kind=kw.pop("kind", OrgKind.facknamnd), status=status, **kw)


def answer(*comments: str, summary: str = "", stance_sentence: str = "", received: date = date(2024, 4, 20)) -> Response:
    return Response(
        received_on=received,
        stance=Stance.supports_with_comments,
        stance_sentence=stance_sentence,
        summary=summary,
        comments=[Comment(text=c, theme="ansvar") for c in comments],
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = services.open_store(tmp_path / "data")
    # Out, deadline passed (Friday 2024-05-10): open recipients are late.
    services.create_remiss(s, Remiss(
        dnr="KS 2024/200", title="Program för kommunikation", sent_on=date(2024, 3, 1), deadline=date(2024, 5, 10),
        recipients=[
            rec("Kulturnämnden", Status.answered, own_dnr="KUL 2024/77",
                response=answer("Rollfördelningen mellan nämnderna är oklar.", "Ekonomin behöver beskrivas.",
                                summary="Nämnden stöder inriktningen.", stance_sentence="Nämnden tillstyrker förslaget.")),
            rec("Idrottsnämnden", Status.sent),  # late since 2024-05-10
            rec("Förskolenämnden", Status.registered, own_dnr="FSK 2024/12"),  # late
            rec("Valnämnden", Status.withdrawn),  # never late
            rec("Socialnämnden", Status.declined),  # never late
            # anstånd to Saturday 2024-06-01 -> in force Monday 2024-06-03: not late yet
            rec("Trafiknämnden", Status.in_preparation,
                extensions=[Extension(new_deadline=date(2024, 6, 1), granted_on=date(2024, 5, 2))]),
            rec("Södermalms stadsdelsnämnd", Status.answered, kind=OrgKind.stadsdelsnamnd, own_dnr="SÖD 2024/145",
                response=answer("Vi efterfrågar en tydligare ROLLFÖRDELNING och även rollfördelning lokalt.",
                                HOSTILE_COMMENT)),
        ],
    ))
    # Out, deadline in the future: nobody is late.
    services.create_remiss(s, Remiss(
        dnr="KS 2024/300", title="Strategi för klimatanpassning", sent_on=date(2024, 4, 2), deadline=date(2024, 6, 28),
        recipients=[rec("Kulturnämnden"), rec("Stadsbyggnadsnämnden", Status.planned)],
    ))
    # Closed long ago; one recipient was left "sent": the domain rule still calls it late.
    services.create_remiss(s, Remiss(
        dnr="KS 2020/5", title="Riktlinjer för arkivhantering", sent_on=date(2020, 1, 10), deadline=date(2020, 3, 2),
        state=RemissState.closed,
        recipients=[
            rec("Rinkeby-Kista stadsdelsnämnd", Status.sent, kind=OrgKind.stadsdelsnamnd),
            rec("Servicenämnden", Status.answered,
                response=answer("Arkivets rollfördelning fungerar.", received=date(2020, 2, 20))),
        ],
    ))
    return s


def hits_of(result: search.SearchResult) -> list[tuple[str, str]]:
    return [(h.dnr, h.organisation) for h in result.hits]


# --- all overdue, from the index ----------------------------------------------------------------


def test_overdue_lists_exactly_the_late_recipients_most_late_first(store):
    result = search.overdue(store, TODAY)
    assert hits_of(result) == [
        ("KS 2020/5", "Rinkeby-Kista stadsdelsnämnd"),
        ("KS 2024/200", "Idrottsnämnden"),
        ("KS 2024/200", "Förskolenämnden"),
    ]
    assert result.total == 3 and not result.capped and result.complete
    late = result.hits[1]
    assert late.due == date(2024, 5, 10) and late.overdue and late.status is Status.sent
    assert late.days_late(TODAY) == 10
    assert late.title == "Program för kommunikation"


def test_overdue_follows_the_deadline_in_force(store):
    # Tuesday 2024-06-04: the anstånd (Saturday 1 June -> Monday 3 June) has run out too.
    orgs = {h.organisation for h in search.overdue(store, date(2024, 6, 4)).hits}
    assert "Trafiknämnden" in orgs
    assert "Trafiknämnden" not in {h.organisation for h in search.overdue(store, date(2024, 6, 3)).hits}


def test_overdue_is_capped_but_counted(store):
    result = search.overdue(store, TODAY, limit=2)
    assert len(result.hits) == 2 and result.total == 3 and result.capped


def test_overdue_needs_no_remiss_file(store, monkeypatch):
    store.summaries()

    def refuse(*_a, **_k):
        raise AssertionError("a remiss file was read")

    monkeypatch.setattr(Store, "read_raw", refuse)
    monkeypatch.setattr(Store, "_load_path", refuse)
    assert search.overdue(store, TODAY).total == 3


def test_overdue_notices_a_save(store):
    services.set_status(store, "KS 2024/200", ["Idrottsnämnden"], Status.answered)
    assert ("KS 2024/200", "Idrottsnämnden") not in hits_of(search.overdue(store, TODAY))
    other = services.open_store(store.folder)  # another registrator's process
    services.set_status(other, "KS 2024/200", ["Kulturnämnden"], Status.sent)
    assert ("KS 2024/200", "Kulturnämnden") in hits_of(search.overdue(store, TODAY))


# --- text ---------------------------------------------------------------------------------------


def built(store: Store) -> search.SearchIndex:
    index = search.SearchIndex(store)
    index.start_preload()
    assert index.wait_ready()  # waits for the build, however long a loaded machine takes
    return index


def test_text_search_is_case_insensitive_one_hit_per_recipient_newest_first(store):
    result = built(store).search("rollfördelning", today=TODAY)
    assert hits_of(result) == [
        ("KS 2024/200", "Kulturnämnden"),
        ("KS 2024/200", "Södermalms stadsdelsnämnd"),  # two matches, one hit
        ("KS 2020/5", "Servicenämnden"),
    ]
    assert result.total == 3 and result.complete
    assert result.hits[0].snippet.startswith("Rollfördelningen mellan")  # original case kept
    assert "ROLLFÖRDELNING" in result.hits[1].snippet
    assert {h.where for h in result.hits} == {"answer"}


def test_text_search_ignores_accents_and_keeps_the_snippet_as_written(store):
    # Typed without å, ä, ö (or with them where the text has none): the same hits as written.
    index = built(store)
    assert hits_of(index.search("rollfordelning", today=TODAY)) == hits_of(index.search("rollfördelning", today=TODAY))
    assert hits_of(index.search("sodermalms stadsdelsnamnd", today=TODAY)) == [
        ("KS 2024/200", "Södermalms stadsdelsnämnd")
    ]
    hit = index.search("ROLLFORDELNING lokalt", today=TODAY).hits[0]
    assert "rollfördelning lokalt" in hit.snippet  # cut from the original at the folded offset
    assert hits_of(index.search("sod 2024/145", today=TODAY)) == [("KS 2024/200", "Södermalms stadsdelsnämnd")]


def test_where_the_text_matched(store):
    index = built(store)
    assert [h.where for h in index.search("kulturnämnden", today=TODAY).hits] == ["organisation"] * 2
    assert [h.where for h in index.search("KUL 2024", today=TODAY).hits] == ["own_dnr"]
    assert [h.where for h in index.search("stöder inriktningen", today=TODAY).hits] == ["answer"]
    assert search.overdue(store, TODAY).hits[0].where == ""


@pytest.mark.parametrize(
    "query, expected",
    [
        ("kul 2024/77", [("KS 2024/200", "Kulturnämnden")]),  # own dnr
        ("stöder inriktningen", [("KS 2024/200", "Kulturnämnden")]),  # summary
        ("tillstyrker förslaget", [("KS 2024/200", "Kulturnämnden")]),  # stance sentence
        ("  EKONOMIN   behöver ", [("KS 2024/200", "Kulturnämnden")]),  # white space as in the text
        ("rinkeby", [("KS 2020/5", "Rinkeby-Kista stadsdelsnämnd")]),  # organisation
        ("[@click=app.quit]q[/]", [("KS 2024/200", "Södermalms stadsdelsnämnd")]),  # literal, not markup
        ("trailing\\", [("KS 2024/200", "Södermalms stadsdelsnämnd")]),
        ("finns inte någonstans", []),
    ],
)
def test_text_search_fields(store, query, expected):
    assert hits_of(built(store).search(query, today=TODAY)) == expected


def test_snippet_is_cut_around_the_match():
    text = "Organisation\x1f" + "a" * 200 + " rollfördelning " + "b" * 200 + "\x1fnästa fält\x1e"
    start = text.index("rollfördelning")
    snippet = search._snippet(text, start, start + len("rollfördelning"), width=40)
    assert snippet.startswith("…") and snippet.endswith("…") and "rollfördelning" in snippet
    assert len(snippet) <= 42 and "\x1f" not in snippet and "nästa" not in snippet


def test_text_with_overdue_only_and_empty_queries(store):
    index = built(store)
    assert hits_of(index.search("nämnd", today=TODAY, overdue_only=True)) == [
        ("KS 2024/200", "Idrottsnämnden"),
        ("KS 2024/200", "Förskolenämnden"),
        ("KS 2020/5", "Rinkeby-Kista stadsdelsnämnd"),
    ]
    assert index.search("   ", today=TODAY).hits == []
    assert index.search("", today=TODAY, overdue_only=True).total == 3  # the index-only list


def test_text_search_cap_counts_everything(store):
    result = built(store).search("nämnd", today=TODAY, limit=4)
    assert len(result.hits) == 4 and result.total == 11 and result.capped


def test_text_index_stays_fresh_by_stat(store):
    index = built(store)
    assert index.search("klimatanpassning", today=TODAY).total == 0  # titles are not searched
    other = services.open_store(store.folder)
    r = other.load("KS 2024/300")
    kul = r.recipient("Kulturnämnden")
    kul.status = Status.answered
    kul.response = answer("Sommarens rollfördelning i parkerna.")
    services.save_recipient(other, "KS 2024/300", kul, base_revision=kul.revision)
    assert ("KS 2024/300", "Kulturnämnden") in hits_of(index.search("rollfördelning", today=TODAY))
    path = other.path_for("KS 2024/300")
    path.unlink()
    assert ("KS 2024/300", "Kulturnämnden") not in hits_of(index.search("rollfördelning", today=TODAY))


def test_unreadable_file_is_reported_and_the_rest_searched(store):
    (store.remiss_dir / "trasig.json").write_bytes(b"{not json")
    index = built(store)
    assert index.search("rollfördelning", today=TODAY).total == 3
    assert [p.path.name for p in index.problems] == ["trasig.json"]


def test_search_while_preloading_says_incomplete(store):
    index = search.SearchIndex(store)
    result = index.search("rollfördelning", today=TODAY)  # nothing read yet
    assert not result.complete and result.total == 0
    index.start_preload()
    index.start_preload()  # idempotent
    assert index.wait_ready() and index.ready and index.preload_seconds is not None
    assert index.search("rollfördelning", today=TODAY).complete


def test_one_index_per_store(store):
    assert search.search_index(store) is search.search_index(store)
    assert search.start_preload(store) is search.search_index(store)
    assert search.search_index(services.open_store(store.folder)) is not search.search_index(store)


def test_cancelled_search_stops_early(store):
    index = built(store)
    result = index.search("rollfördelning", today=TODAY, cancelled=lambda: True)
    assert result.total == 0


def test_generated_folder_scale_smoke(tmp_path):
    sys.path.insert(0, str(Path(__file__).parent / "benchmarks"))
    import generate

    info = generate.generate(tmp_path / "gen", 30, seed=3, today=TODAY)
    store = services.open_store(tmp_path / "gen")
    assert len(store.summaries()) == 30 and info.big_active_dnr
    index = built(store)
    result = index.search(generate.ROLE_WORD, today=TODAY, limit=5)
    # the word is only ever written by the generator's role sentences: one hit per such answer
    assert info.role_word_answers > 0 and result.total == info.role_word_answers
    assert len(result.hits) == 5 and result.capped
    assert all(generate.ROLE_WORD in h.snippet.lower() for h in result.hits)


# --- the index keeps closed remisser beside it ---------------------------------------------------


def _no_remiss_file_read(store, monkeypatch):
    def refuse(path):
        raise AssertionError(f"read {path.name}: the index should have answered")

    monkeypatch.setattr(store, "_load_path", refuse)


def test_closed_remisser_live_beside_the_index_and_are_read_on_demand(store, monkeypatch):
    store.summaries()
    raw = orjson.loads((store.folder / INDEX_FILE).read_bytes())
    assert raw["version"] == 5
    assert {e["dnr"] for e in raw["remisser"].values()} == {"KS 2024/200", "KS 2024/300"}
    closed_file = store.path_for("KS 2020/5").name
    mtime_ns, size, key = raw["closed"][closed_file]
    assert key == "ks2020/5" and size == store.path_for("KS 2020/5").stat().st_size
    side = orjson.loads((store.folder / CLOSED_INDEX_FILE).read_bytes())["remisser"]
    assert orjson.loads(side[closed_file][2])["title"] == "Riktlinjer för arkivhantering"

    fresh = services.open_store(store.folder)
    _no_remiss_file_read(fresh, monkeypatch)
    assert {s.dnr for s in fresh.summaries(include_closed=False)} == {"KS 2024/200", "KS 2024/300"}
    assert fresh.path_for("ks 2020/5").name == closed_file  # by the key index.json keeps
    assert fresh._closed_index is None  # start-up never parsed the closed part
    closed = {s.dnr: s for s in fresh.summaries()}["KS 2020/5"]
    assert closed.title == "Riktlinjer för arkivhantering" and closed.state == "closed"
    assert [r[0] for r in closed.recipients] == ["Rinkeby-Kista stadsdelsnämnd", "Servicenämnden"]


WHOLE_BUT_DAMAGED = orjson.dumps({
    "file": "KS-2020-5.json", "dnr": "KS 2020/5", "key": "ks2020/5", "title": "t", "state": "closed",
    "sent_on": None, "deadline": None, "recipients": [["Org", "facknamnd", "sent", None, "1", 0]],
    "mtime_ns": 0, "size": 0,
}).decode()


@pytest.mark.parametrize(
    "damage",
    ['{"file": "x"}', '[["only", "three", "items"]]', "{not json", '{"dnr": null}', "[]", WHOLE_BUT_DAMAGED],
)
def test_damaged_closed_entry_text_is_rebuilt_from_the_file(store, damage):
    store.summaries()
    path = store.folder / CLOSED_INDEX_FILE
    raw = orjson.loads(path.read_bytes())
    assert len(raw["remisser"]) == 1
    for value in raw["remisser"].values():
        value[2] = damage
    path.write_bytes(orjson.dumps(raw))
    closed = {s.dnr: s for s in services.open_store(store.folder).summaries()}["KS 2020/5"]
    assert [r[2] for r in closed.recipients] == ["sent", "answered"]
    assert closed.title == "Riktlinjer för arkivhantering"


@pytest.mark.parametrize("stamp", [["x", None], "x", ["1", "2", 3], None])
def test_damaged_closed_stamps_in_the_index_are_rebuilt(store, stamp):
    store.summaries()
    path = store.folder / INDEX_FILE
    raw = orjson.loads(path.read_bytes())
    name = next(iter(raw["closed"]))
    raw["closed"][name] = stamp
    path.write_bytes(orjson.dumps(raw))
    fresh = services.open_store(store.folder)
    assert len(fresh.summaries(include_closed=False)) == 2
    closed = {s.dnr: s for s in fresh.summaries()}["KS 2020/5"]
    assert [r[2] for r in closed.recipients] == ["sent", "answered"]
    rewritten = orjson.loads(path.read_bytes())["closed"][name]
    assert rewritten[:2] == [store.path_for("KS 2020/5").stat().st_mtime_ns, store.path_for("KS 2020/5").stat().st_size]


def test_missing_closed_index_is_rebuilt_from_the_files(store):
    store.summaries()
    (store.folder / CLOSED_INDEX_FILE).unlink()
    closed = {s.dnr: s for s in services.open_store(store.folder).summaries()}["KS 2020/5"]
    assert [r[2] for r in closed.recipients] == ["sent", "answered"]
    assert (store.folder / CLOSED_INDEX_FILE).exists()


def _as_stored(summary):
    """A summary as an older index wrote it: recipient rows as plain JSON arrays."""
    return {**vars(summary), "recipients": [list(row) for row in summary.recipients]}


def test_version_1_index_is_read_and_rewritten(store, monkeypatch):
    # Version 1: every entry whole, in index.json, with its recipient lists.
    entries = {s.file: _as_stored(s) for s in store.summaries()}
    (store.folder / CLOSED_INDEX_FILE).unlink()
    (store.folder / INDEX_FILE).write_bytes(orjson.dumps({"version": 1, "remisser": entries}))
    fresh = services.open_store(store.folder)
    _no_remiss_file_read(fresh, monkeypatch)
    assert {s.dnr: s.title for s in fresh.summaries()} == {s["dnr"]: s["title"] for s in entries.values()}
    assert orjson.loads((store.folder / INDEX_FILE).read_bytes())["version"] == 5
    again = services.open_store(store.folder)
    _no_remiss_file_read(again, monkeypatch)
    assert [r[2] for r in {s.dnr: s for s in again.summaries()}["KS 2020/5"].recipients] == ["sent", "answered"]


def test_version_3_index_and_side_file_are_read_and_rewritten(store, monkeypatch):
    # Version 3: closed headers in index.json, their recipient lists as text in the side file.
    entries = {s.file: _as_stored(s) for s in store.summaries()}
    side = {}
    for name, entry in entries.items():
        if entry["state"] == "closed":
            side[name] = [entry["mtime_ns"], entry["size"], orjson.dumps(entry["recipients"]).decode()]
            entry["recipients"] = None
    (store.folder / INDEX_FILE).write_bytes(orjson.dumps({"version": 3, "remisser": entries}))
    (store.folder / CLOSED_INDEX_FILE).write_bytes(orjson.dumps({"version": 3, "recipients": side}))
    fresh = services.open_store(store.folder)
    _no_remiss_file_read(fresh, monkeypatch)
    assert len(fresh.summaries(include_closed=False)) == 2  # rewrites both files as version 5
    assert orjson.loads((store.folder / INDEX_FILE).read_bytes())["version"] == 5
    again = services.open_store(store.folder)
    _no_remiss_file_read(again, monkeypatch)
    closed = {s.dnr: s for s in again.summaries()}["KS 2020/5"]
    assert closed.title == "Riktlinjer för arkivhantering"
    assert [r[2] for r in closed.recipients] == ["sent", "answered"]
