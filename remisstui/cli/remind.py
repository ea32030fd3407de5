"""`remisstui remind DNR [-o DIR] [--days N] [--from ADDR] [--json]`: .eml drafts for late recipients."""

from __future__ import annotations

import argparse
import json
import sys

from .common import UserError

NAME = "remind"


def _add_parser(sub) -> None:
    s = sub.add_parser(
        NAME,
        help="påminnelser (.eml-utkast) till mottagare som är försenade eller snart ska svara",
        description=(
            "Skriver ett e-postutkast (.eml) per mottagare som är försenad eller har svarsdatum inom "
            "N dagar, och noterar en påminnelse för var och en. Inget skickas."
        ),
    )
    s.add_argument("dnr")
    s.add_argument("-o", "--output", metavar="MAPP", help="mappen för utkasten (annars ./paminnelser-<dnr>)")
    s.add_argument("--days", type=int, default=None, metavar="N", help="svarsdatum inom N dagar (standard 7)")
    s.add_argument("--from", dest="from_addr", metavar="ADRESS", help="avsändare (annars ditt användarnamn)")
    s.add_argument("--json", action="store_true")


def _handle(args: argparse.Namespace, get_store) -> int:
    from ..services import reminders as reminding

    days = reminding.DEFAULT_DAYS if args.days is None else args.days
    if days < 0:
        raise UserError("--days kan inte vara negativt.")
    store = get_store(args)
    report = reminding.write_reminders(
        store, args.dnr, args.output or None, days=days, from_addr=args.from_addr
    )
    if args.json:
        sys.stdout.write(
            json.dumps(
                {
                    "folder": str(report.folder),
                    "drafts": [
                        {"organisation": d.organisation, "file": str(d.path), "to": d.to, "days_left": d.days_left}
                        for d in report.drafts
                    ],
                    "without_address": report.without_address,
                    "skipped": [{"organisation": o, "reason": r} for o, r in report.skipped],
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
        return 0
    if not report.drafts:
        print(f"Ingen mottagare är försenad eller har svarsdatum inom {days} dagar; inga utkast skrevs.")
        return 0
    for d in report.drafts:
        to = ", ".join(d.to) if d.to else "ingen adress – utkastet saknar To-rad"
        print(f"{d.path}  {d.organisation}  ({_days(d.days_left)}; till: {to})")
    n = len(report.drafts)
    print(f"Skrev {n} utkast i {report.folder} och noterade {n} påminnelser.")
    missing = report.without_address
    if missing and len(missing) == n:
        print(
            f"Ingen av de {n} har någon känd adress (registratorsadress i registret eller kontaktpersonens "
            "e-post): fyll i mottagare i e-postprogrammet."
            if n > 1
            else "Mottagaren har ingen känd adress: fyll i mottagare i e-postprogrammet."
        )
    elif missing:
        print(f"Utan adress (ingen To-rad): {', '.join(missing)}.")
    return 0


def _days(left: int | None) -> str:
    if left is None:
        return "inget svarsdatum"
    if left < 0:
        return f"{-left} {'dag' if left == -1 else 'dagar'} sen"
    if left == 0:
        return "svarsdatum i dag"
    return f"{left} {'dag' if left == 1 else 'dagar'} kvar"

# (add the parser, the command's name, its handler): read by remisstui.cli when a command runs.
COMMANDS = [
    (_add_parser, NAME, _handle),
]
