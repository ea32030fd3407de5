"""Shared fixtures: a fresh, seeded data folder per test."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # tests/helpers.py importable as `helpers`


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A new data folder holding Stockholm's register and the example remiss KS 2024/112."""
    from remisstui import services

    folder = tmp_path / "data"
    store = services.open_store(folder)
    services.ensure_seeded(store)
    return folder
