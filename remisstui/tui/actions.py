"""What several screens do: report an error, react to a save, run a service that writes, undo.

Screens import this module and the widgets, never app.py or one another for a shared action.
Opening another screen is the app's (`app.open_remiss`, `app.open_export`): only app.py imports
the screens, so no screen needs another's module to get somewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..store.repository import StoreError


def report_error(app: Any, exc: BaseException) -> None:
    """One clear Swedish message; nothing else happens."""
    app.notify(str(exc), title="Det gick inte", severity="error", markup=False, timeout=10)


def saved(app: Any, message: str | None = None, *, title: str | None = None) -> None:
    """After this app wrote: our own change is not "someone else's", and every screen shows it."""
    app.wrote()
    if message:
        app.notify(message, title=title or "", markup=False)
    app.reload_screens()


def run_service(screen: Any, call: Callable[[], object], message: str | None = None) -> bool:
    """Run a service call that writes. A refused one is reported and changes nothing; a done one
    is shown on every screen with `message`. True when it was done."""
    app = screen.app
    try:
        call()
    except StoreError as exc:
        report_error(app, exc)
        return False
    saved(app, message, title=getattr(screen, "dnr", None))
    return True


def undo(screen: Any, dnr: str) -> None:
    """Undo the latest change of the remiss and say what was undone."""
    from .. import services

    done: list[str] = []
    run_service(screen, lambda: done.append(services.undo_last(screen.app.store, dnr)[1]))
    if done:
        screen.app.notify(f"Ångrade: {done[0]}", title=dnr, markup=False)
