"""Nothing outside the data folder is read through a link (issue 13.4, the store's part).

`remisser/x.json -> /etc/passwd`, or a link to a perfectly valid remiss file kept elsewhere, must not
be read by `list`, `show`, the search index or anything else that goes through the store: such an
entry is reported by name and skipped. The same holds for a `remisser` folder that is itself a link
out of the data folder, and for entries that are no regular file at all (a FIFO would block).
"""

from __future__ import annotations

import json
import os
import shutil

import pytest

from helpers import EXAMPLE_DNR, TODAY
from remisstui import services
from remisstui.domain.model import Recipient, Remiss
from remisstui.store.repository import REMISS_DIR, NotFoundError, Store, StoreError, UnreadableFileError
from workers.common import run_cli

OUTSIDE_DNR = "KS 2031/7"


def _outside_remiss(data_dir, tmp_path):
    """A valid remiss file outside the data folder (made in another folder, then moved out)."""
    other = tmp_path / "other"
    store = Store(other)
    services.create_remiss(store, Remiss(
        dnr=OUTSIDE_DNR, title="Utanför datamappen",
        recipients=[Recipient(organisation="Utanförnämnden", note="hemligt utanför")]))
    return store.path_for(OUTSIDE_DNR)


def test_a_remiss_file_that_is_a_link_is_skipped_and_named(data_dir, tmp_path):
    outside = _outside_remiss(data_dir, tmp_path)
    link = data_dir / REMISS_DIR / "x.json"
    link.symlink_to(outside)
    (data_dir / REMISS_DIR / "passwd.json").symlink_to("/etc/passwd")
    store = Store(data_dir)
    assert [s.dnr for s in store.summaries()] == [EXAMPLE_DNR]
    named = {p.path.name: p.message for p in store.problems}
    assert set(named) == {"x.json", "passwd.json"}
    assert all("symbolisk länk" in m for m in named.values())
    with pytest.raises(NotFoundError):
        store.load(OUTSIDE_DNR)
    with pytest.raises(UnreadableFileError):
        store.read_raw(link)  # asked directly for the path, the store still does not follow it
    assert [r.dnr for r in store.load_all()] == [EXAMPLE_DNR]

    proc = run_cli("list", "--all", "--json", data=data_dir)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    assert [r["dnr"] for r in json.loads(proc.stdout)] == [EXAMPLE_DNR]
    assert "x.json" in proc.stderr and "passwd.json" in proc.stderr
    proc = run_cli("show", OUTSIDE_DNR, data=data_dir)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and "Utanför" not in proc.stdout


def test_search_index_does_not_read_through_a_link(data_dir, tmp_path):
    from remisstui.services import search

    (data_dir / REMISS_DIR / "x.json").symlink_to(_outside_remiss(data_dir, tmp_path))
    index = search.SearchIndex(Store(data_dir))
    index.refresh()
    assert index.search("Utanförnämnden", today=TODAY).hits == []
    assert index.search("Södermalm", today=TODAY).hits  # the folder's own remiss is found


def test_a_remiss_folder_linked_out_of_the_data_folder_is_neither_read_nor_written(tmp_path):
    data = tmp_path / "data"
    elsewhere = tmp_path / "elsewhere"
    services.ensure_seeded(Store(elsewhere))  # a real remisser folder with the example in it
    data.mkdir()
    (data / REMISS_DIR).symlink_to(elsewhere / REMISS_DIR)
    store = Store(data)
    assert store.summaries() == []
    assert [p.path.name for p in store.problems] == [REMISS_DIR]
    assert "symbolisk länk" in store.problems[0].message
    # A leftover temp file there is someone else's: opening the data folder does not remove it.
    (elsewhere / REMISS_DIR / ".tmp-x.json.abc.part").write_bytes(b"")
    store = Store(data)
    before = sorted(os.listdir(elsewhere / REMISS_DIR))
    assert ".tmp-x.json.abc.part" in before
    with pytest.raises(StoreError) as exc:
        services.create_remiss(store, Remiss(dnr="KS 2031/8", title="Ny"))
    assert "symbolisk länk" in str(exc.value)
    assert sorted(os.listdir(elsewhere / REMISS_DIR)) == before


def test_a_remiss_folder_linked_inside_the_data_folder_is_fine(tmp_path):
    data = tmp_path / "data"
    services.ensure_seeded(Store(data))
    shutil.move(data / REMISS_DIR, data / "riktiga")
    (data / REMISS_DIR).symlink_to("riktiga")
    store = Store(data)
    assert [s.dnr for s in store.summaries()] == [EXAMPLE_DNR] and store.problems == []


def test_a_fifo_is_skipped_without_blocking(data_dir):
    os.mkfifo(data_dir / REMISS_DIR / "fifo.json")
    proc = run_cli("list", "--json", data=data_dir, timeout=30)
    assert proc.returncode == 0 and "fifo.json" in proc.stderr
    assert [r["dnr"] for r in json.loads(proc.stdout)] == [EXAMPLE_DNR]


def test_register_that_is_a_link_is_not_read(data_dir, tmp_path):
    outside = tmp_path / "register-elsewhere.json"
    shutil.copy(data_dir / "register.json", outside)
    (data_dir / "register.json").unlink()
    (data_dir / "register.json").symlink_to(outside)
    with pytest.raises(UnreadableFileError) as exc:
        Store(data_dir).load_register()
    assert "symbolisk länk" in str(exc.value)
