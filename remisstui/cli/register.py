"""`remisstui register-export [-o FIL]` and `remisstui register-import FIL`: the register as TOML."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import UserError


def _add_export(sub) -> None:
    s = sub.add_parser("register-export", help="registret över organisationer och sändlistor som TOML")
    s.add_argument("-o", "--output", metavar="FIL", help="filen att skriva (annars standard ut)")


def _export(args: argparse.Namespace, get_store) -> int:
    from ..services import register as register_editing
    from ..store.storage import StorageWriteError, atomic_write_bytes

    store = get_store(args)
    text = register_editing.export_register(store)
    if not args.output or args.output == "-":
        sys.stdout.write(text)
        return 0
    out = Path(args.output)
    if out.is_dir():
        raise UserError(f"{out} är en mapp; ange en fil.")
    if not out.parent.exists():
        raise UserError(f"Mappen {out.parent} finns inte.")
    try:
        atomic_write_bytes(out, text.encode("utf-8"))
    except StorageWriteError as exc:
        raise UserError(str(exc)) from None
    print(f"Skrev registret till {out}.", file=sys.stderr)
    return 0


def _add_import(sub) -> None:
    s = sub.add_parser("register-import", help="ersätt registret med innehållet i en TOML-fil")
    s.add_argument("file", metavar="FIL.toml")


def _import(args: argparse.Namespace, get_store) -> int:
    from ..services import register as register_editing

    store = get_store(args)
    result = register_editing.import_register(store, args.file)
    reg = result.register
    print(
        f"Läste in {len(reg.organisations)} organisationer och {len(reg.lists)} sändlistor från {args.file}: "
        f"{len(result.added)} nya, {len(result.changed)} ändrade, {len(result.removed)} borttagna.",
        file=sys.stderr,
    )
    if result.removed:
        print("Borttagna: " + ", ".join(result.removed), file=sys.stderr)
    return 0

# (add the parser, the command's name, its handler): read by remisstui.cli when a command runs.
COMMANDS = [
    (_add_export, "register-export", _export),
    (_add_import, "register-import", _import),
]
