"""What every command module shares: the Swedish argument parser, the user's-error type, opening
the data folder for a command, and JSON output."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from ..domain.terminal_text import terminal_safe

PROG = "remisstui"


class UserError(Exception):
    """Printed as one line, exit 1."""


# argparse looks up its module-level gettext `_` at call time; giving it Swedish keeps usage and
# errors in the user's language without a translation catalogue.
_ARGPARSE_SV = {
    "usage: ": "användning: ",
    "positional arguments": "argument",
    "options": "flaggor",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "invalid choice: %(value)r (choose from %(choices)s)": "ogiltigt val: %(value)r (välj bland %(choices)s)",
    "the following arguments are required: %s": "följande argument saknas: %s",
    "unrecognized arguments: %s": "okända argument: %s",
    "expected one argument": "ett värde behövs",
    "expected at least one argument": "minst ett värde behövs",
    "invalid %(type)s value: %(value)r": "ogiltigt värde (%(type)s): %(value)r",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "not allowed with argument %s": "kan inte kombineras med %s",
    "ambiguous option: %(option)s could match %(matches)s": "tvetydig flagga: %(option)s kan vara %(matches)s",
}


def _swedish_gettext(message: str) -> str:
    return _ARGPARSE_SV.get(message, message)


argparse._ = _swedish_gettext  # type: ignore[attr-defined]


class SwedishArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        if message.startswith("okända argument"):
            # Most often a dnr with a space the shell split in two.
            message += ' (ett diarienummer med mellanslag skrivs inom citattecken: "KS 2024/112")'
        self.exit(2, f"{self.prog}: fel: {message}\n")


def open_store(args: argparse.Namespace):
    """Open (and on first use seed) the data folder, telling stderr what happened."""
    from .. import services

    store = services.open_store(args.data)
    notice = services.ensure_seeded(store)
    if notice:
        print(notice, file=sys.stderr)
    if store.read_only:
        print(f"{PROG}: obs: datamappen {store.folder} är skrivskyddad; du kan läsa men inte spara.", file=sys.stderr)
    store.summaries()  # fills store.problems: unreadable files are reported by name
    for problem in store.problems:
        print(f"{PROG}: varning: {problem.message}", file=sys.stderr)
    return store


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


class TerminalSafeStream:
    """A text stream that writes everything through terminal_safe (issue 13.6).

    The CLI's stdout and stderr are wrapped in this while a command runs, so no print of a title,
    an organisation or a file name, in any command or warning, can reach the terminal raw. JSON
    stays valid (the escape is JSON's own). Bytes written to `.buffer` (a docx or xlsx summary on
    stdout) are file contents, not text for the terminal, and pass as they are; files written with
    -o never pass here.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(terminal_safe(text))

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def terminal_safe_output() -> Iterator[None]:
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = TerminalSafeStream(out), TerminalSafeStream(err)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
