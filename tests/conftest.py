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


@pytest.fixture(autouse=True)
def user_settings(tmp_path_factory, monkeypatch) -> Path:
    """Each test has its own settings file (profile, files folder), never the user's real ones.

    The files folder is set in it, so exports and reminder drafts without a named folder land in
    a temporary folder instead of ~/Documents/remisstui. Returns the settings file's path.
    """
    base = tmp_path_factory.mktemp("settings")
    config = base / "config.toml"
    folder = base / "Dokument" / "remisstui"
    config.write_text(f'[files]\nfolder = "{folder.as_posix()}"\n', encoding="utf-8")
    monkeypatch.setenv("REMISSTUI_CONFIG", str(config))
    return config


@pytest.fixture(autouse=True)
def _unexpected_errors_fail_the_test(request, monkeypatch, tmp_path_factory):
    """The app reports an unexpected error and goes on (tui/unexpected.py); a test must still fail
    on one unless it is marked `unexpected_errors` (it provokes one on purpose)."""
    from remisstui.tui import unexpected

    seen: list[BaseException] = []
    log = tmp_path_factory.mktemp("log") / "fel.log"
    monkeypatch.setattr(unexpected, "log_path", lambda: log)
    original = unexpected.report

    def report(app, error):
        seen.append(error)
        original(app, error)

    monkeypatch.setattr(unexpected, "report", report)
    yield seen
    if seen and request.node.get_closest_marker("unexpected_errors") is None:
        raise seen[0]


@pytest.fixture(autouse=True)
def _textual_memo_released():
    """Test apps other than RemissApp (the dialog hosts) end without clearing Textual's
    process-wide StylesCache memo; without this a worker ends holding ~300,000 objects and its
    final collections outlast execnet's grace period (issue 12.14, see tui/leaks.py)."""
    yield
    if "textual._styles_cache" in sys.modules:
        from remisstui.tui.leaks import release_when_ended

        release_when_ended()


def pytest_unconfigure(config):
    """The end of a (worker) session: pytest's own cleanup then runs five full collections over
    every module a worker imported (~300,000 objects, 2-3.5 s on a loaded machine). Past five
    seconds execnet interrupts the worker with SIGINT, which lands in whatever Python code the
    collector runs, Hypothesis' gc callback, as an unraisable KeyboardInterrupt (issue 12.14).
    One collection here still finds what a late cycle holds; what survives it lives until the
    process exits, so it is frozen out of the collections after it."""
    import gc

    gc.collect()
    gc.freeze()
