"""The command line: the TUI by default, and the commands of the CLI contract.

Errors a user can cause print one Swedish line on stderr and exit 1; bad usage exits 2 (argparse).
With --json, stdout holds the JSON and nothing else; notices go to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
        self.exit(2, f"{self.prog}: fel: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    p = SwedishArgumentParser(prog=PROG, description="Håll ordning på remisser, mottagare och remissvar.")
    p.add_argument("--data", metavar="MAPP", help="datamappen (annars $REMISSTUI_DATA eller användarens datamapp)")
    p.add_argument("--no-mouse", action="store_true", help="stäng av musen i terminalappen")
    sub = p.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=SwedishArgumentParser)

    s = sub.add_parser("list", help="remisser med antal svar (aktiva om inte --all)")
    s.add_argument("--json", action="store_true")
    s.add_argument("--all", action="store_true", help="även avslutade remisser")

    s = sub.add_parser("show", help="en remiss med alla mottagare")
    s.add_argument("dnr")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("import", help="skapa eller uppdatera en remiss från TOML")
    s.add_argument("file", metavar="FIL.toml")

    s = sub.add_parser("export", help="remissen som TOML")
    s.add_argument("dnr")
    s.add_argument("-o", "--output", metavar="FIL")

    for extra in _EXTRA_COMMANDS:
        extra[0](sub)
    return p


# Later features register (add_parser, handler) pairs here so this file stays the one entry point.
_EXTRA_COMMANDS: list[tuple[Callable[[Any], None], str, Callable[..., int]]] = []


def register_command(add_parser: Callable[[Any], None], name: str, handler: Callable[..., int]) -> None:
    _EXTRA_COMMANDS.append((add_parser, name, handler))


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
    if _names_a_command(argv):
        # The command modules are only needed to parse a command; starting the app skips them.
        _load_extra_commands()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _dispatch(args)
    except UserError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the user's mistakes all derive from the ones caught below
        from .store.repository import StoreError
        from .formats.toml_io import TomlError

        if isinstance(exc, (StoreError, TomlError)):
            print(f"{PROG}: {exc}", file=sys.stderr)
            return 1
        raise


def _load_extra_commands() -> None:
    # Optional command modules; each calls register_command when imported.
    import importlib

    for mod in (
        "remisstui.cli_summary",
        "remisstui.cli_documents",
        "remisstui.cli_remind",
        "remisstui.cli_register",
        "remisstui.cli_backup",
    ):
        if mod in sys.modules:
            continue
        try:
            importlib.import_module(mod)
        except ModuleNotFoundError as exc:
            if exc.name != mod:
                raise


def _store(args: argparse.Namespace):
    """Open (and on first use seed) the data folder, telling stderr what happened."""
    from . import services

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


def _dispatch(args: argparse.Namespace) -> int:
    if args.command is None:
        return _run_tui(args)
    for _add, name, handler in _EXTRA_COMMANDS:
        if args.command == name:
            return handler(args, _store)
    return {
        "list": cmd_list,
        "show": cmd_show,
        "import": cmd_import,
        "export": cmd_export,
    }[args.command](args)


def _run_tui(args: argparse.Namespace) -> int:
    from .tui.app import make_app

    from . import services

    # The app shows the seeding notice and unreadable files itself: stderr is hidden behind it.
    store = services.open_store(args.data)
    app = make_app(store, notice=services.ensure_seeded(store), own_process=True)
    app.run(mouse=not args.no_mouse)
    return app.return_code or 0


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def cmd_list(args: argparse.Namespace) -> int:
    from . import services

    store = _store(args)
    today = services.today()
    rows = services.overview_rows(store, today, include_closed=args.all)
    if args.json:
        _print_json([r.as_json() for r in rows])
        return 0
    if not rows:
        print("Inga remisser." if args.all else "Inga aktiva remisser (visa alla med --all).")
        return 0
    for r in rows:
        deadline = r.deadline.isoformat() if r.deadline else "–"
        late = f"  {r.overdue} försenade" if r.overdue else ""
        print(f"{r.dnr:<16} {deadline}  {r.done:>3}/{r.total:<3} {r.title}{late}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from . import services
    from .domain.model import STANCE_LABELS, STATUS_LABELS

    store = _store(args)
    remiss = store.load(args.dnr)
    view = services.remiss_view(remiss, services.today())
    if args.json:
        _print_json(_contract_view(view))
        return 0
    print(f"{remiss.dnr}  {remiss.title}")
    print(f"Avsändare: {remiss.sender}   Utskickad: {view['sent_on'] or '–'}   Svarsdatum: {view['deadline'] or '–'}")
    for rec, rv in zip(remiss.recipients, view["recipients"]):
        stance = STANCE_LABELS[rec.response.stance] if rec.response else ""
        flag = " FÖRSENAD" if rv["overdue"] else ""
        print(f"  {rec.organisation:<42} {STATUS_LABELS[rec.status]:<16} {rv['deadline'] or '–'}  "
              f"{rec.own_dnr:<14} {stance}{flag}")
    return 0


# The keys of `show --json` exactly as the CLI contract (ARCHITECTURE.md) names them; tests outside
# the project rely on them, so the richer service view is trimmed to these.
SHOW_JSON_KEYS = ("dnr", "title", "sender", "sent_on", "deadline", "recipients")
SHOW_JSON_RECIPIENT_KEYS = (
    "organisation", "kind", "status", "deadline", "overdue", "extended", "own_dnr",
    "answered_on", "answer_kind", "stance", "comments",
)


def _contract_view(view: dict[str, Any]) -> dict[str, Any]:
    out = {k: view[k] for k in SHOW_JSON_KEYS}
    out["recipients"] = [{k: r[k] for k in SHOW_JSON_RECIPIENT_KEYS} for r in view["recipients"]]
    return out


def cmd_import(args: argparse.Namespace) -> int:
    from . import services

    store = _store(args)
    remiss, created = services.import_toml(store, args.file)
    verb = "Skapade" if created else "Uppdaterade"
    print(f"{verb} {remiss.dnr} ({len(remiss.recipients)} mottagare).", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from . import services
    from .store.storage import StorageWriteError, atomic_write_bytes

    store = _store(args)
    text = services.export_toml(store, args.dnr)
    if not args.output or args.output == "-":
        sys.stdout.write(text)
        return 0
    out = Path(args.output)
    if not out.parent.exists():
        raise UserError(f"Mappen {out.parent} finns inte.")
    try:
        atomic_write_bytes(out, text.encode("utf-8"))
    except StorageWriteError as exc:
        raise UserError(str(exc)) from None
    print(f"Skrev {out}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    # Run the imported module's main: the command modules register with `remisstui.cli`, not with
    # this __main__ copy of it.
    from remisstui.cli import main as _main

    sys.exit(_main())
