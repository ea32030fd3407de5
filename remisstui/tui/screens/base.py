"""The screens' bases. `AppScreen`: a full screen that keeps running on an unexpected error.
`FormScreen`, what every form dialog shares: the store and "today", Ctrl+S and Esc, the save and cancel
buttons, the error line, and "Släng osparade ändringar?" when Esc would drop an edit.

A form says what it holds in `form_state()` (compared with the state when it was shown) and how to
save in `action_save()`; `CANCELLED` is what it is dismissed with when nothing was saved.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar, TypeVar

from textual import on
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static

from ..unexpected import KeepsRunning
from .dialogs import ConfirmScreen

ResultType = TypeVar("ResultType")


class AppScreen(KeepsRunning, Screen[ResultType]):
    """A full screen whose handlers may fail without freezing it (unexpected.py): every screen of
    the app should derive from this rather than from Textual's Screen."""


class Dialog(KeepsRunning, ModalScreen[ResultType]):
    """What every dialog shares: the safety net, `#save` running action_save and `#cancel`
    action_close, and Esc/Avbryt dismissing it with `CANCELLED`."""

    CANCELLED: ClassVar[Any] = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The patched library classes (Swedish bindings, empty unticked boxes) are what a dialog
        # draws. The app installs them after its first paint; a dialog must not depend on that
        # having happened in this process (a test host never paints an overview).
        from .. import library

        library.install()
        super().__init__(*args, **kwargs)

    @on(Button.Pressed, "#save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()  # type: ignore[attr-defined]

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_close()

    def action_close(self) -> None:
        self.dismiss(self.CANCELLED)


class AppModal(Dialog[ResultType]):
    """A dialog that is not a form (help, export, settings …)."""


class FormScreen(Dialog[ResultType]):
    """A modal form. Subclasses compose a `#form-error` Static and may compose `#save`/`#cancel`."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Spara", priority=True, id="form.save"),
        Binding("escape", "close", "Stäng", id="form.close"),
        # The app's F1 does not reach a modal screen: every form asks for help itself.
        Binding("f1", "app.help", "Hjälp", show=False, id="form.help"),
    ]

    def __init__(self, store, *, today: date | None = None) -> None:
        super().__init__()
        self.store = store
        self.today = today or date.today()
        self._baseline: object = None

    # --- unsaved edits ---------------------------------------------------------------------

    def form_state(self) -> object:
        """What the user can change, comparable with ==; None: nothing to lose."""
        return None

    def take_baseline(self) -> None:
        """The form as shown: call after the first refresh, when every field holds its value."""
        self._baseline = self.form_state()

    def is_dirty(self) -> bool:
        return self._baseline is not None and self.form_state() != self._baseline

    def action_close(self) -> None:
        if not self.is_dirty():
            self.dismiss(self.CANCELLED)
            return

        def answered(drop: bool | None) -> None:
            if drop:
                self.dismiss(self.CANCELLED)

        self.app.push_screen(ConfirmScreen("Släng osparade ändringar?"), answered)

    def action_save(self) -> None:  # pragma: no cover - every form has its own
        raise NotImplementedError

    # --- feedback --------------------------------------------------------------------------

    def show_error(self, message: str, *, ok: bool = False) -> None:
        """The form's one message line: an error, or (ok) what was just done."""
        for line in self.query("#form-error").results(Static):
            line.set_class(ok, "-ok")
            line.update(message)

