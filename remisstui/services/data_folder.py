"""Where the data folder is, opening it, and filling an empty one with the bundled register."""

from __future__ import annotations

import os
from pathlib import Path

from ..store.repository import Store
from .backup import finish_interrupted_restore
from .remisser import create_remiss

ENV_DATA = "REMISSTUI_DATA"


def default_data_dir() -> Path:
    env = os.environ.get(ENV_DATA)
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("remisstui", appauthor=False))


def open_store(folder: str | os.PathLike[str] | None = None) -> Store:
    path = Path(folder) if folder else default_data_dir()
    # A restore killed mid-swap may have left no data folder at all: roll it forward before the
    # store would create (and the CLI seed) an empty one. Three lstat calls when there is nothing.
    finish_interrupted_restore(path)
    return Store(path)


# --- seeding -------------------------------------------------------------------------------


def ensure_seeded(store: Store) -> str | None:
    """Fill an empty data folder with Stockholm's register and the example; say what was done."""
    if store.read_only or not store.is_empty():
        return None
    from ..formats import toml_io  # only on first start, import and export: not on every start

    register = toml_io.bundled_register()
    store.save_register(register, what="Stockholms register lades in")
    examples = toml_io.bundled_examples(register)
    for remiss in examples:
        create_remiss(store, remiss, what="Skapade remissen från det medföljande exemplet")
    dnrs = ", ".join(r.dnr for r in examples)
    return (
        f"Datamappen {store.folder} var tom: Stockholms register och exemplet {dnrs} lades in."
    )
