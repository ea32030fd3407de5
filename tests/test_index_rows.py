"""Index rows and event targets have names (issue 17, the store's part)."""

from __future__ import annotations

import orjson

from helpers import EXAMPLE_DNR, SODERMALM
from remisstui import services
from remisstui.domain.history import Target, parse_target, recipient_target, target_label
from remisstui.domain.model import Recipient, Status
from remisstui.store.repository import INDEX_FILE, IndexRecipient, Store


def test_targets_are_parsed_in_one_place():
    assert parse_target("remiss") == Target(None) and parse_target("remiss").is_remiss
    assert parse_target(recipient_target("Nämnd: syd")) == Target("Nämnd: syd")
    assert target_label(recipient_target("a:b:c")) == "a:b:c"
    assert target_label("remiss") == "Remissen"


def test_recipient_with_a_colon_in_its_name_gets_its_revision(data_dir):
    store = Store(data_dir)
    services.add_recipients(store, EXAMPLE_DNR, ["Råd: för äldre"], store.load_register())
    before = store.load(EXAMPLE_DNR).recipient("Råd: för äldre").revision
    services.set_status(store, EXAMPLE_DNR, ["Råd: för äldre"], Status.registered)
    assert store.load(EXAMPLE_DNR).recipient("Råd: för äldre").revision == before + 1


def test_index_rows_are_named_and_stored_as_arrays(data_dir):
    store = Store(data_dir)
    summary = next(s for s in store.summaries() if s.dnr == EXAMPLE_DNR)
    row = next(r for r in summary.recipients if r.organisation == SODERMALM)
    assert isinstance(row, IndexRecipient)
    assert row.status == Status.answered.value and row.extensions == 0 and row.written_deadline is None
    organisation, _kind, status, *_rest = row  # still unpacks as before
    assert (organisation, status) == (SODERMALM, row.status)
    raw = orjson.loads((data_dir / INDEX_FILE).read_bytes())
    stored = next(iter(raw["remisser"].values()))["recipients"]
    assert all(isinstance(r, list) and len(r) == 6 for r in stored)
    # Read back by a new process, the rows are named again, from the index alone.
    fresh = Store(data_dir)
    again = next(s for s in fresh.summaries() if s.dnr == EXAMPLE_DNR)
    assert again.recipients == summary.recipients and isinstance(again.recipients[0], IndexRecipient)
