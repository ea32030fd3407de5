"""An unexpected error in a screen: one Swedish message, the form stays, the app goes on.

Textual 8.2.8 ends the app on any exception a handler raises: the message loop of the widget, screen
or app that raised calls `App._handle_exception` (which exits) and then stops processing messages,
so even a caught exception leaves that node dead. Two hooks keep the user's work:

* `KeepsRunning._dispatch_message` (mixed into the app and the screens) catches the error where the
  node's own loop would have stopped, so the screen and everything typed in it stay alive;
* `RemissApp._handle_exception` calls `survive` for what still reaches it (a child widget's own
  handler): that widget is lost, but the app and the screen around it are not.

Errors a user can cause are reported by the screens themselves (`actions.report_error`); this is
only for bugs, and writes the traceback to a log file so that they can be fixed.
"""

from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path
from typing import Any

MESSAGE = ("Ett oväntat fel inträffade ({what}). Det du har skrivit finns kvar: spara, "
           "och starta om programmet om något ser fel ut.")


def log_path() -> Path:
    """Where tracebacks go: the platform's log folder for remisstui."""
    import platformdirs

    return Path(platformdirs.user_log_path("remisstui")) / "fel.log"


def _write_log(error: BaseException) -> Path | None:
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as f:
            f.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n")
            f.write("".join(traceback.format_exception(error)))
    except OSError:
        return None
    return path


def report(app: Any, error: BaseException) -> None:
    """Tell the user in Swedish and log the traceback; nothing is changed or closed."""
    where = _write_log(error)
    text = MESSAGE.format(what=type(error).__name__)
    if where is not None:
        text += f" Detaljer finns i {where}."
    app.notify(text, title="Oväntat fel", severity="error", markup=False, timeout=20)


def survive(app: Any, error: BaseException) -> bool:
    """Report the error and keep running when the app is up; False leaves it to Textual."""
    if not isinstance(error, Exception) or not getattr(app, "keeps_running", False):
        return False
    app.unexpected_errors.append(error)
    report(app, error)
    return True


class KeepsRunning:
    """Mixin for an App or Screen: an exception in one of its handlers is reported, not fatal."""

    async def _dispatch_message(self, message) -> None:  # Textual's MessagePump hook
        try:
            await super()._dispatch_message(message)  # type: ignore[misc]
        except Exception as error:
            if not survive(self.app, error):  # type: ignore[attr-defined]
                raise
