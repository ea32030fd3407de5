"""What several screens do: report an error, react to a save, run a service that writes, undo.

Screens import this module and the widgets, never app.py or one another for a shared action.
Opening another screen is the app's (`app.open_remiss`, `app.open_export`): only app.py imports
the screens, so no screen needs another's module to get somewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..store.repository import NotFoundError, StoreError
from .text import stamp


def report_error(app: Any, exc: BaseException) -> None:
    """One clear Swedish message; nothing else happens."""
    app.notify(str(exc), title="Det gick inte", severity="error", markup=False, timeout=10)


def load_shown_remiss(screen: Any, load: Callable[[], Any]) -> Any:
    """Read what a screen about one remiss (`screen.dnr`) shows. A remiss that is gone closes the
    screen with a notice and a store error is reported; both give None."""
    app = screen.app
    try:
        return load()
    except NotFoundError:
        app.notify(f"Remissen {screen.dnr} finns inte längre.", severity="warning", markup=False)
        if app.screen is screen:
            screen.dismiss()
    except StoreError as exc:
        report_error(app, exc)
    return None


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
    """Undo the latest change of the remiss, after naming it (what, by whom, when, on what) and
    asking: the latest change may be another user's, or a CLI batch."""
    from .. import services
    from .screens.dialogs import ConfirmScreen

    app = screen.app
    try:
        plan = services.undo_plan(app.store, dnr)
    except StoreError as exc:
        report_error(app, exc)
        return
    if plan is None:
        app.notify("Det finns ingen ändring att ångra.", title=dnr, markup=False)
        return

    def answered(yes: bool | None) -> None:
        if yes and run_service(screen, lambda: services.undo_last(app.store, dnr, expected_change=plan.change)):
            app.notify(f"Ångrade: {plan.what}", title=dnr, markup=False)

    app.push_screen(ConfirmScreen(undo_question(dnr, plan, app.store.user), yes="Ångra", no="Avbryt"), answered)


def undo_question(dnr: str, plan: Any, user: str) -> str:
    """“Ångra den senaste ändringen i KS 2024/112?” with what, who, when and what it touched."""
    targets = list(plan.targets)
    shown = ", ".join(targets[:3]) + (f" och {len(targets) - 3} till" if len(targets) > 3 else "")
    who = plan.by if plan.by == user else f"{plan.by} (inte du)"
    return f"Ångra den senaste ändringen i {dnr}?\n\n{plan.what}\nGjord av {who} {stamp(plan.at)}\nGäller: {shown}"
