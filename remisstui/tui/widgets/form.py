"""Form widgets the dialogs share: the form CSS, a field row, a Swedish date field, and the
editors for synpunkter and reservationer. User text is shown literally: Input/TextArea are
literal, labels are created with markup=False, Select options are rich Text."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.message import Message
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from ...domain.dates import DateParseError, YearRule, format_weekday_date, future_date_warning, parse_date
from ...domain.model import DISSENT_KIND_LABELS, Comment, Dissent, DissentKind


FORM_CSS = """
.form-box {
    width: 100%;
    height: 100%;
    background: $surface;
    border: round $primary;
    padding: 0 1;
}
.form-head {
    height: auto;
    text-style: bold;
    color: $text;
}
.form-scroll {
    height: 1fr;
    scrollbar-size-vertical: 1;
}
.field-row {
    height: auto;
    margin-bottom: 0;
}
.field-label {
    width: 17;
    padding-top: 0;
    color: $text-muted;
}
.field-row Input {
    width: 1fr;
}
.field-row Select {
    width: 1fr;
    max-width: 44;
}
.date-input {
    width: 16 !important;
}
.date-feedback {
    width: 1fr;
    padding-left: 1;
    color: $text-success;
}
.date-feedback.-error {
    color: $text-error;
    text-style: bold;
}
.date-feedback.-empty {
    color: $text-muted;
}
.section-title {
    margin-top: 1;
    text-style: bold underline;
    height: auto;
}
.note {
    height: auto;
    color: $text-muted;
}
.warning {
    height: auto;
    color: $text-warning;
}
.form-error {
    height: auto;
    max-height: 4;
    color: $text-error;
    text-style: bold;
}
.form-error.-ok {
    color: $text-success;
    text-style: none;
}
.hint {
    height: 1;
    color: $text-muted;
}
.buttons {
    height: auto;
    margin-top: 1;
}
.buttons Button {
    margin-right: 1;
}
"""


def label_text(value: str) -> Text:
    """A Select option / button label that is never parsed as markup."""
    return Text(value)


def describe_date(d: date) -> str:
    return f"→ {d.isoformat()} ({format_weekday_date(d)})"


class DateField(Horizontal):
    """A label, an Input taking any Swedish date format, and the parsed date shown back."""

    DEFAULT_CSS = """
    DateField {
        height: auto;
    }
    """

    class Changed(Message):
        def __init__(self, field: DateField) -> None:
            super().__init__()
            self.field = field

        @property
        def control(self) -> DateField:
            return self.field

    def __init__(
        self,
        label: str,
        value: date | None = None,
        *,
        default_year: int | None = None,
        near: date | Iterable[date | None] | None = None,
        today: date | None = None,
        warn_future: bool = False,
        required: bool = False,
        rule: YearRule | None = None,
        placeholder: str = "t.ex. 25 april 2024",
        id: str | None = None,
    ) -> None:
        """`near`: the dates a yearless date is placed nearest (a remiss's own); `today`: what
        idag/igår count from (the app's today); `warn_future`: say so when the date is after today;
        `rule`: the field's YearRule, which decides a missing year (domain.dates)."""
        super().__init__(id=id, classes="field-row")
        self.label = label
        self.initial = value
        self.default_year = default_year
        self.near = tuple(near) if near is not None and not isinstance(near, date) else near
        self.today = today
        self.warn_future = warn_future
        self.rule = rule
        self.warning: str | None = None
        self.required = required
        self.placeholder = placeholder
        self.date: date | None = value
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        yield Label(self.label, classes="field-label", markup=False)
        yield form_input(
            self.initial.isoformat() if self.initial else "",
            placeholder=self.placeholder,
            classes="date-input",
        )
        yield Static("", classes="date-feedback", markup=False)

    def on_mount(self) -> None:
        self._parse(self.input.value, quiet=True)

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def text(self) -> str:
        return self.input.value

    def set_text(self, text: str) -> None:
        self.input.value = text
        self._parse(text)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._parse(event.value)
        self.post_message(self.Changed(self))

    def _parse(self, text: str, *, quiet: bool = False) -> None:
        feedback = self.query_one(".date-feedback", Static)
        feedback.remove_class("-error", "-empty")
        self.date = None
        self.error = None
        self.warning = None
        if not text.strip():
            if self.required:
                self.error = f"Fel: {self.label.lower()} saknas"
                if not quiet:
                    feedback.add_class("-error")
                    feedback.update(f"✗ {self.error}")
                else:
                    feedback.update("")
            else:
                feedback.add_class("-empty")
                feedback.update("")
            return
        try:
            self.date = parse_date(text, default_year=self.default_year, near=self.near, today=self.today,
                                   rule=self.rule)
        except DateParseError as exc:
            self.error = f"Fel: {exc}"
            feedback.add_class("-error")
            feedback.update(f"✗ {self.error}")
            return
        shown = describe_date(self.date)
        if self.warn_future:
            self.warning = future_date_warning(self.date, self.today or date.today())
            if self.warning:  # the date is shown already; the sentence is in self.warning
                shown = f"{shown} ⚠ i framtiden"
        feedback.update(shown)


class InOrderInput(Input):
    """An Input that handles its own keys in the order they were typed.

    Textual inserts a printable key when the Input handles it, but runs the Input's bindings
    (Backspace, Delete, Enter, arrows) only when the key has bubbled up to the App, through every
    parent's queue. In a burst (fast typing, a raw paste, tmux) the characters typed after a
    Backspace were inserted before it ran: "bro⌫⌫⌫xyz" gave "bro"; after a Tab they went into the
    field being left (issue 24). The Input's own bindings and Tab run here, at once, in typing
    order, and a key that reaches it after the focus moved on is passed to the focused widget.
    """

    async def _on_key(self, event: events.Key) -> None:
        focused = self.app.focused
        if focused is not None and focused is not self:
            # Routed here by the App before a Tab of the same burst moved the focus: the key
            # belongs to the field that has the focus now, after the ones before it.
            event.stop()
            event.prevent_default()
            focused._forward_event(events.Key(event.key, event.character))
            return
        if event.key in ("tab", "shift+tab"):
            # Tab is the App's binding and would run after the keys typed behind it, which then
            # landed in this field ("Kommunstyrelsenboverket"): move the focus now, in order.
            event.stop()
            event.prevent_default()
            if event.key == "tab":
                self.screen.focus_next()
            else:
                self.screen.focus_previous()
            return
        if not event.is_printable:
            for binding in self._bindings.key_to_bindings.get(event.key, ()):
                if not binding.priority and await self.app.run_action(binding.action, self):
                    event.stop()
                    event.prevent_default()
                    return
        await super()._on_key(event)


def form_input(value: str = "", **kwargs) -> Input:
    """A compact form Input that keeps its text when Tab lands on it: selecting all on focus made
    the next key replace a filled-in value (issue 12: typing after Tab replaced the dnr)."""
    return InOrderInput(value, compact=True, select_on_focus=False, **kwargs)


def field_row(label: str, widget, *, id: str | None = None) -> Horizontal:
    return Horizontal(Label(label, classes="field-label", markup=False), widget, classes="field-row", id=id)


def split_names(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


# --- entries of a list: synpunkter and reservationer ------------------------------------------


class EntryEditor(Vertical):
    """One entry of a list in a form: a text, a row of short fields and "Ta bort".

    Synpunkter and reservationer are the same editor with other fields: a subclass gives the row's
    fields (`row_fields`), whether the row stands above the text (`ROW_FIRST`), and how the fields
    become a model value (`value`) or the raw text the dirty check compares (`raw`).
    """

    DEFAULT_CSS = """
    EntryEditor {
        height: auto;
        padding-left: 1;
        margin-bottom: 1;
    }
    EntryEditor .entry-row {
        height: auto;
    }
    EntryEditor .entry-row Input {
        width: 1fr;
    }
    EntryEditor .entry-row Button {
        margin-left: 1;
    }
    """

    ROW_FIRST = False
    TEXT_PLACEHOLDER = "Text"
    KIND = "entry"

    def __init__(self, text: str) -> None:
        super().__init__(classes=self.KIND)
        self.initial_text = text
        self.text_area = TextArea(text, compact=True, classes="entry-text", placeholder=self.TEXT_PLACEHOLDER)

    def row_fields(self) -> list[Widget]:
        return []

    def compose(self) -> ComposeResult:
        remove = Button(label_text("Ta bort"), compact=True, variant="error",
                        classes=f"remove-entry remove-{self.KIND}")
        row = Horizontal(*self.row_fields(), remove, classes=f"entry-row {self.KIND}-row")
        if self.ROW_FIRST:
            yield row
        yield self.text_area
        if not self.ROW_FIRST:
            yield row

    @property
    def text(self) -> str:
        return self.text_area.text

    def raw(self) -> tuple[str, ...]:
        return (self.text_area.text,)

    def focus_first(self) -> None:
        """Where the user starts typing a new entry."""
        self.text_area.focus()


class CommentEditor(EntryEditor):
    """One synpunkt: multi-line text and an optional theme."""

    DEFAULT_CSS = """
    CommentEditor {
        border-left: thick $primary-muted;
    }
    CommentEditor TextArea {
        height: 5;
    }
    """
    TEXT_PLACEHOLDER = "Synpunktens text"
    KIND = "comment"

    def __init__(self, comment: Comment | None = None) -> None:
        self.comment = comment or Comment(text="")
        super().__init__(self.comment.text)
        self.theme_input = form_input(self.comment.theme, placeholder="valfritt tema", classes="comment-theme")
        self.text_area.add_class("comment-text")

    def row_fields(self) -> list[Widget]:
        return [Label("Tema", classes="field-label", markup=False), self.theme_input]

    def value(self) -> Comment:
        return Comment(text=self.text.strip(), theme=self.theme_input.value.strip())

    def raw(self) -> tuple[str, ...]:
        return (self.text, self.theme_input.value)

    def focus_text(self) -> None:
        self.focus_first()


class DissentEditor(EntryEditor):
    """A reservation, särskilt uttalande or ersättaryttrande."""

    DEFAULT_CSS = """
    DissentEditor {
        border-left: thick $warning-muted;
    }
    DissentEditor TextArea {
        height: 3;
    }
    DissentEditor .entry-row Select {
        width: 26;
    }
    DissentEditor .entry-row Input {
        margin-left: 1;
    }
    """
    ROW_FIRST = True
    KIND = "dissent"

    def __init__(self, dissent: Dissent | None = None) -> None:
        self.dissent = dissent or Dissent(kind=DissentKind.reservation)
        super().__init__(self.dissent.text)
        self.text_area.add_class("dissent-text")
        self.kind_select = Select(
            [(label_text(DISSENT_KIND_LABELS[k]), k) for k in DissentKind],
            value=self.dissent.kind, allow_blank=False, compact=True, classes="dissent-kind",
        )
        self.parties_input = form_input(", ".join(self.dissent.parties), placeholder="partier, kommaseparerade",
                                        classes="dissent-parties")

    def row_fields(self) -> list[Widget]:
        return [self.kind_select, self.parties_input]

    def value(self) -> Dissent:
        return Dissent(
            kind=DissentKind(self.kind_select.value),
            parties=split_names(self.parties_input.value),
            text=self.text.strip(),
        )

    def raw(self) -> tuple[str, ...]:
        return (str(self.kind_select.value), self.parties_input.value, self.text)

    def focus_first(self) -> None:
        self.parties_input.focus()
