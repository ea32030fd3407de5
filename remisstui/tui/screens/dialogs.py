"""Small modal dialogs shared by every screen: a yes/no question and a status picker."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList
from textual.widgets.option_list import Option

from ...domain.model import STATUS_LABELS, Status
from ..unexpected import KeepsRunning


class ConfirmScreen(KeepsRunning, ModalScreen[bool]):
    """Ask a yes/no question. y/Enter answers yes, n/Esc answers no."""

    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
    }
    ConfirmScreen > #confirm-box {
        width: 60;
        max-width: 100%;
        height: auto;
        border: thick $warning;
        background: $surface;
        padding: 1 2;
    }
    ConfirmScreen #confirm-question {
        width: 100%;
        margin-bottom: 1;
    }
    ConfirmScreen #confirm-buttons {
        height: auto;
        align-horizontal: center;
    }
    ConfirmScreen #confirm-buttons Button {
        margin: 0 1;
    }
    """

    BINDINGS = [
        Binding("y,j", "answer(True)", "Ja", show=False),
        Binding("n", "answer(False)", "Nej", show=False),
        Binding("escape", "answer(False)", "Avbryt"),
    ]

    def __init__(self, question: str, *, yes: str = "Ja", no: str = "Nej") -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Label(self.question, id="confirm-question", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button(Text(self.yes_label), id="confirm-yes", variant="warning")
                yield Button(Text(self.no_label), id="confirm-no", variant="default")

    def on_mount(self) -> None:
        self.query_one("#confirm-yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ChooseStatusScreen(KeepsRunning, ModalScreen[Status | None]):
    """Pick one of the eight statuses. Enter picks, Esc gives None."""

    DEFAULT_CSS = """
    ChooseStatusScreen {
        align: center middle;
    }
    ChooseStatusScreen > #status-box {
        width: 40;
        max-width: 100%;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    ChooseStatusScreen #status-title {
        margin-bottom: 1;
    }
    ChooseStatusScreen OptionList {
        height: auto;
        max-height: 12;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Avbryt")]

    def __init__(self, current: Status | None = None, *, title: str = "Välj status") -> None:
        super().__init__()
        self.current = current
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="status-box"):
            yield Label(self.title_text, id="status-title", markup=False)
            yield OptionList(
                *[Option(Text(STATUS_LABELS[s]), id=s.value) for s in Status],
                id="status-list",
            )
            yield Label("Enter väljer · Esc avbryter", markup=False)

    def on_mount(self) -> None:
        options = self.query_one("#status-list", OptionList)
        options.focus()
        if self.current is not None:
            options.highlighted = list(Status).index(self.current)
        else:
            options.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(Status(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)
