"""`remisstui summary DNR --format md|docx|html|xlsx|csv|json|beredning [-o FILE] [--sep ';']`.

Text formats go to stdout without -o. Word and Excel are binary: they need -o, or a pipe; they
are never written to a terminal. `-o` naming an existing folder writes the default file name in it
(`KS-2024-112-remissammanstallning.docx`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..formats.render_csv import DEFAULT_SEP, SEPARATORS
from .common import UserError

FORMAT_CODES = ("md", "docx", "html", "xlsx", "csv", "json", "beredning")

def add_parser(sub) -> None:
    p = sub.add_parser("summary", help="remissammanställningen i md, docx, html, xlsx, csv, json eller beredningstext")
    p.add_argument("dnr")
    p.add_argument("--format", "-f", choices=FORMAT_CODES, default="md", help="format (standard: md)")
    p.add_argument("-o", "--output", metavar="FIL", help="fil att skriva (en mapp ger standardnamnet i den)")
    p.add_argument(
        "--sep", choices=SEPARATORS, default=DEFAULT_SEP, metavar="TECKEN",
        help="avgränsare i CSV: ; (standard, för svenskt Excel) eller ,",
    )


def handle(args: argparse.Namespace, get_store) -> int:
    from .. import services
    from ..services import exports as exporting
    from ..formats.summary_formats import get_format

    fmt = get_format(args.format)
    store = get_store(args)
    today = services.today()
    if args.output and args.output != "-":
        out = Path(args.output).expanduser()
        if out.is_dir():
            out = out / exporting.default_filename(store.load(args.dnr).dnr, fmt.code)
        try:
            path = exporting.export_summary(store, args.dnr, fmt.code, out, today=today, sep=args.sep)
        except exporting.ExportError as exc:
            raise UserError(str(exc)) from None
        print(f"Skrev {path}.", file=sys.stderr)
        return 0
    if fmt.binary and sys.stdout.isatty():
        raise UserError(
            f"{fmt.label} är ett binärt format och skrivs inte till terminalen. "
            f"Ange en fil med -o, till exempel -o {exporting.default_filename(args.dnr, fmt.code)}."
        )
    data = exporting.render_summary(store, args.dnr, fmt.code, today=today, sep=args.sep)
    if fmt.binary:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(data.decode("utf-8"))
    return 0

# (add the parser, the command's name, its handler): read by remisstui.cli when a command runs.
COMMANDS = [
    (add_parser, "summary", handle),
]
