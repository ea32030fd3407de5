"""The command line: the TUI by default, and the commands of the CLI contract.

`main()` parses and dispatches; each command group is a module beside this one (remisser, summary,
documents, remind, register, backup) with a COMMANDS list; `common` holds what they share.
Errors a user can cause print one Swedish line on stderr and exit 1; bad usage exits 2 (argparse).
With --json, stdout holds the JSON and nothing else; notices go to stderr.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from .common import PROG, SwedishArgumentParser, UserError, open_store, terminal_safe_output

# (add the parser, the command's name, the handler taking (args, open_store)).
Command = tuple[Callable[[Any], None], str, Callable[..., int]]


def build_parser(commands: list[Command] | None = None) -> argparse.ArgumentParser:
    p = SwedishArgumentParser(prog=PROG, description="Håll ordning på remisser, mottagare och remissvar.")
    p.add_argument("--data", metavar="MAPP", help="datamappen (annars $REMISSTUI_DATA eller användarens datamapp)")
    p.add_argument("--no-mouse", action="store_true", help="stäng av musen i terminalappen")
    sub = p.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=SwedishArgumentParser)

    for add_parser, _name, _handler in commands or ():
        add_parser(sub)
    return p


# One module per command group; each lists its commands in COMMANDS.
COMMAND_MODULES = ("remisser", "summary", "documents", "remind", "register", "backup", "themes", "config")


def load_commands() -> list[Command]:
    """Every command of every group (imported only when a command runs: the TUI start skips them)."""
    import importlib

    out: list[Command] = []
    for name in COMMAND_MODULES:
        out += importlib.import_module(f"{__name__}.{name}").COMMANDS
    return out


def _names_a_command(argv: list[str]) -> bool:
    """Whether the arguments name a command (or ask for help), i.e. the CLI rather than the TUI."""
    takes_value = {"--data"}
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in takes_value:
            skip = True
        elif arg in ("-h", "--help") or not arg.startswith("-"):
            return True
    return False


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not _names_a_command(argv):
        return _main(argv, [])  # the TUI owns the terminal; its widgets escape what they show
    # The command modules are only needed to parse a command; starting the app skips them.
    commands = load_commands()
    # Every line a command prints, error messages included, goes through terminal_safe.
    with terminal_safe_output():
        return _main(argv, commands)


def _join_split_dnr(argv: list[str], parser: argparse.ArgumentParser) -> list[str]:
    """`show KS 2024/112` unquoted: the shell splits the dnr in two. A dnr always holds a digit, so a
    first positional word without one followed by a word with one is one dnr split by the shell:
    the two are joined (for every command whose first positional argument is a dnr)."""
    subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subparsers:
        return argv
    words = list(argv)
    for i, word in enumerate(words):
        sub = subparsers[0].choices.get(word)
        if sub is None:
            continue
        positionals = [a.dest for a in sub._actions if not a.option_strings]
        if not positionals or positionals[0] != "dnr":
            return argv
        rest = [j for j in range(i + 1, len(words)) if not words[j].startswith("-")]
        if len(rest) >= 2 and rest[1] == rest[0] + 1:
            first, second = words[rest[0]], words[rest[1]]
            if not any(c.isdigit() for c in first) and any(c.isdigit() for c in second):
                words[rest[0]:rest[1] + 1] = [f"{first} {second}"]
        return words
    return argv


def _main(argv: list[str], commands: list[Command]) -> int:
    parser = build_parser(commands)
    args = parser.parse_args(_join_split_dnr(argv, parser))
    try:
        return _dispatch(args, commands)
    except UserError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the user's mistakes all derive from the ones caught below
        from ..formats.toml_io import TomlError
        from ..store.repository import StoreError

        if isinstance(exc, (StoreError, TomlError)):
            print(f"{PROG}: {exc}", file=sys.stderr)
            return 1
        raise


def _dispatch(args: argparse.Namespace, commands: list[Command]) -> int:
    if args.command is None:
        return _run_tui(args)
    for _add, name, handler in commands:
        if args.command == name:
            return handler(args, open_store)
    raise UserError(f"Okänt kommando: {args.command}")


def _run_tui(args: argparse.Namespace) -> int:
    from .. import services
    from ..tui.app import make_app

    # The app shows the seeding notice and unreadable files itself: stderr is hidden behind it.
    store = services.open_store(args.data)
    app = make_app(store, notice=services.ensure_seeded(store), own_process=True)
    app.run(mouse=not args.no_mouse)
    return app.return_code or 0
