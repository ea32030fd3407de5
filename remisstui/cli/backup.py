"""`remisstui backup [-o FILE]` and `remisstui restore FILE [--force]`."""

from __future__ import annotations

import argparse
import sys
from typing import Any, Callable



def _add_backup(sub: Any) -> None:
    p = sub.add_parser("backup", help="säkerhetskopiera datamappen till en zip-fil")
    p.add_argument("-o", "--output", metavar="FIL", help="zip-filen eller en mapp (standard: remisstui-backup-ÅÅÅÅMMDD-TTMMSS.zip här)")


def _add_restore(sub: Any) -> None:
    p = sub.add_parser("restore", help="återställ datamappen från en säkerhetskopia")
    p.add_argument("file", metavar="FIL.zip")
    p.add_argument("--force", action="store_true", help="skriv över en datamapp som redan innehåller data")


def cmd_backup(args: argparse.Namespace, get_store: Callable[[argparse.Namespace], Any]) -> int:
    from .. import services
    from ..services import backup

    # No seeding: a backup copies what is there.
    store = services.open_store(args.data)
    result = backup.backup(store, args.output)
    print(f"Skrev säkerhetskopian {result.path} ({result.files} filer).", file=sys.stderr)
    for problem in result.damaged:
        print(f"varning: {problem} Den finns i säkerhetskopian byte för byte som den är.", file=sys.stderr)
    for skipped in result.skipped:
        print(f"varning: {skipped}.", file=sys.stderr)
    return 0


def cmd_restore(args: argparse.Namespace, get_store: Callable[[argparse.Namespace], Any]) -> int:
    from .. import services
    from ..services import backup

    folder = args.data or services.default_data_dir()
    result = backup.restore(args.file, folder, force=args.force)
    for notice in result.notices:
        print(notice, file=sys.stderr)
    print(f"Återställde {result.files} filer till {result.folder}.", file=sys.stderr)
    for name, why in zip(result.damaged, result.problems):
        print(f"varning: {name}: {why} Den återställdes som den var i säkerhetskopian.", file=sys.stderr)
    if result.leftover:
        print(f"varning: den gamla datamappen ligger kvar i {result.leftover}; ta bort den för hand.", file=sys.stderr)
    return 0

# (add the parser, the command's name, its handler): read by remisstui.cli when a command runs.
COMMANDS = [
    (_add_backup, "backup", cmd_backup),
    (_add_restore, "restore", cmd_restore),
]
