"""`remisstui remind DNR [-o DIR] [--days N] [--org NAMN …] [--from ADDR] [--json]`: .eml drafts
for late recipients; `remisstui remind DNR --sent [--org NAMN …]` notes the reminders as sent."""

from __future__ import annotations

import argparse
import json
import sys

from .common import UserError

NAME = "remind"


def whole_days(text: str) -> int:
    """An argparse type with a Swedish message: ``--days abc`` never says ``ogiltigt värde (int)``."""
    try:
        return int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"ange ett helt antal dagar, till exempel 7, inte {text!r}") from None


def _add_parser(sub) -> None:
    s = sub.add_parser(
        NAME,
        help="påminnelser (.eml-utkast) till mottagare som är försenade eller snart ska svara",
        description=(
            "Skriver ett e-postutkast (.eml) per mottagare som är försenad eller har svarsdatum inom "
            "N dagar. Inget skickas, och ett utkast räknas inte som en påminnelse: när du har skickat "
            "utkasten noterar du dem med --sent. Utkasten signeras med din profil (remisstui config)."
        ),
    )
    s.add_argument("dnr")
    s.add_argument("-o", "--output", metavar="MAPP",
                   help="mappen för utkasten (annars paminnelser-<dnr> i din filmapp, se remisstui config)")
    s.add_argument("--days", type=whole_days, default=None, metavar="N", help="svarsdatum inom N dagar (standard 7)")
    s.add_argument("--org", action="append", metavar="NAMN",
                   help="bara den här mottagaren (kan upprepas)")
    s.add_argument("--from", dest="from_addr", metavar="ADRESS",
                   help="avsändare (annars profilens e-post; utan profil lämnas From tom)")
    s.add_argument("--sent", action="store_true",
                   help="skriv inga utkast: notera att påminnelserna är skickade (utkasten som väntar, eller --org)")
    s.add_argument("--json", action="store_true")


def _handle(args: argparse.Namespace, get_store) -> int:
    from ..services import reminders as reminding

    if args.sent:
        return _handle_sent(args, get_store)
    days = reminding.DEFAULT_DAYS if args.days is None else args.days
    if days < 0:
        raise UserError("--days kan inte vara negativt.")
    store = get_store(args)
    report = reminding.write_reminders(
        store, args.dnr, args.output or None, days=days, organisations=args.org, from_addr=args.from_addr
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
                    "signed": report.signed,
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
        if report.drafts and not report.signed:
            print(reminding.user_settings.PROFILE_HINT, file=sys.stderr)
        return 0
    for o, reason in report.skipped:
        print(f"Hoppade över {o} ({reason}).")
    if not report.drafts:
        if not args.org:
            print(f"Ingen mottagare är försenad eller har svarsdatum inom {days} dagar; inga utkast skrevs.")
        return 0
    for d in report.drafts:
        to = ", ".join(d.to) if d.to else "ingen adress – utkastet saknar To-rad"
        print(f"{d.path}  {d.organisation}  ({_days(d.days_left)}; till: {to})")
    n = len(report.drafts)
    print(f"Skrev {n} utkast i {report.folder}. Inget är skickat: skicka utkasten från e-postprogrammet "
          f"och notera dem sedan med remisstui remind {_quote(args.dnr)} --sent.")
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
    if not report.signed:
        print(reminding.user_settings.PROFILE_HINT)
    return 0


def _handle_sent(args: argparse.Namespace, get_store) -> int:
    from ..services import reminders as reminding

    if args.output or args.days is not None or args.from_addr:
        raise UserError("--sent skriver inga utkast och tar inte -o, --days eller --from.")
    store = get_store(args)
    orgs = reminding.mark_sent(store, args.dnr, args.org)
    if args.json:
        sys.stdout.write(json.dumps({"marked_sent": orgs}, ensure_ascii=False, indent=2) + "\n")
        return 0
    if not orgs:
        print("Inga påminnelseutkast väntar på att noteras som skickade. Ange mottagare med --org.")
        return 0
    print(reminding.sent_phrase(orgs))
    return 0


def _quote(dnr: str) -> str:
    return f'"{dnr}"' if " " in dnr else dnr


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
