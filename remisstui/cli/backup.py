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
    path = backup.backup(store, args.output)
    print(f"Skrev säkerhetskopian {path}.", file=sys.stderr)
    return 0


def cmd_restore(args: argparse.Namespace, get_store: Callable[[argparse.Namespace], Any]) -> int:
    from .. import services
    from ..services import backup

    folder = args.data or services.default_data_dir()
    n = backup.restore(args.file, folder, force=args.force)
    print(f"Återställde {n} filer till {folder}.", file=sys.stderr)
    return 0

# (add the parser, the command's name, its handler): read by remisstui.cli when a command runs.
COMMANDS = [
    (_add_backup, "backup", cmd_backup),
    (_add_restore, "restore", cmd_restore),
]
