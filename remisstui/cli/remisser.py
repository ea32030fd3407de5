"""`list`, `show`, `import`, `export` and `recipients`: remisser as the CLI contract names them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .common import UserError, print_json


def _add_list(sub: Any) -> None:
    s = sub.add_parser("list", help="remisser med antal svar (aktiva om inte --all)")
    s.add_argument("--json", action="store_true")
    s.add_argument("--all", action="store_true", help="även avslutade remisser")


def _add_show(sub: Any) -> None:
    s = sub.add_parser("show", help="en remiss med alla mottagare")
    s.add_argument("dnr")
    s.add_argument("--json", action="store_true")


def _add_import(sub: Any) -> None:
    s = sub.add_parser("import", help="skapa eller uppdatera en remiss från TOML")
    s.add_argument("file", metavar="FIL.toml")


def _add_export(sub: Any) -> None:
    s = sub.add_parser("export", help="remissen som TOML")
    s.add_argument("dnr")
    s.add_argument("-o", "--output", metavar="FIL")


def _add_recipients(sub: Any) -> None:
    s = sub.add_parser(
        "recipients",
        help="lägg till mottagare från en sändlista i en fil (numrerad eller inte, en per rad eller kommaseparerad)",
        description=(
            "Läser en sändlista (t.ex. remissinstanserna ur ett remissmissiv) och matchar varje rad mot "
            "registret, offentliga organisationer och tidigare namn. Det som finns och det som är nytt läggs "
            "till; osäkra rader läggs aldrig till utan skrivs ut med förslag: skriv in rätt namn i filen, "
            "eller lägg till dem med --unsure-as-written. --dry-run visar bara vad som skulle hända."
        ),
    )
    s.add_argument("dnr")
    s.add_argument("file", metavar="FIL", help="textfil med listan (- läser från standard in)")
    s.add_argument("--dry-run", action="store_true", help="visa bara vad som skulle läggas till")
    s.add_argument("--unsure-as-written", action="store_true",
                   help="lägg till osäkra rader som nya externa organisationer, så som de är skrivna")
    s.add_argument("--json", action="store_true")


def cmd_recipients(args: argparse.Namespace, get_store) -> int:
    from .. import services
    from ..services import recipient_list as rl

    if args.file == "-":
        text = sys.stdin.read()
    else:
        path = Path(args.file)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise UserError(f"Filen {path} finns inte.") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"Filen {path} kunde inte läsas som text ({type(exc).__name__}).") from None
    store = get_store(args)
    remiss = store.load(args.dnr)
    register = store.load_register()
    lines = rl.match_list(text, register, remiss)
    if not lines:
        raise UserError(f"Inga namn hittades i {args.file}.")
    choices = {i: line.written for i, line in enumerate(lines)
               if line.verdict is rl.Verdict.unsure and args.unsure_as_written}
    names = rl.names_to_add(lines, choices)
    if not args.dry_run and names:
        services.add_recipients(store, remiss.dnr, names, register)
    if args.json:
        print_json({
            "dnr": remiss.dnr,
            "added": [] if args.dry_run else names,
            "lines": [{"written": x.written, "verdict": x.verdict.value, "name": x.name, "how": x.how,
                       "candidates": x.candidates} for x in lines],
        })
        return 0
    n = rl.counts(lines)
    for line in lines:
        if line.verdict is rl.Verdict.unsure:
            chosen = " (läggs till som skriven)" if args.unsure_as_written else ""
            print(f"osäker: {line.written} – kanske {' / '.join(line.candidates)}{chosen}")
    for line in lines:
        if line.verdict is rl.Verdict.matched and line.how.startswith("tidigare namn"):
            print(f"tidigare namn: {line.written} → {line.name}")
    for line in lines:
        if line.verdict is rl.Verdict.new:
            print(f"ny: {line.written}")
    verb = "Skulle lägga till" if args.dry_run else "La till"
    print(f"{verb} {len(names)} mottagare i {remiss.dnr}: {n[rl.Verdict.matched]} fanns, "
          f"{n[rl.Verdict.new]} nya, {n[rl.Verdict.taken]} redan mottagare, "
          f"{n[rl.Verdict.unsure]} osäkra" + ("" if args.unsure_as_written or not n[rl.Verdict.unsure]
                                              else " (inte tillagda)") + ".", file=sys.stderr)
    return 0


def cmd_list(args: argparse.Namespace, get_store) -> int:
    from .. import services

    store = get_store(args)
    today = services.today()
    rows = services.overview_rows(store, today, include_closed=args.all)
    if args.json:
        print_json([r.as_json() for r in rows])
        return 0
    if not rows:
        print("Inga remisser." if args.all else "Inga aktiva remisser (visa alla med --all).")
        return 0
    for r in rows:
        deadline = r.deadline.isoformat() if r.deadline else "–"
        late = f"  {r.overdue} försenade" if r.overdue else ""
        print(f"{r.dnr:<16} {deadline}  {r.done:>3}/{r.total:<3} {r.title}{late}")
    return 0


def cmd_show(args: argparse.Namespace, get_store) -> int:
    from .. import services
    from ..domain.model import STANCE_LABELS, STATUS_LABELS

    store = get_store(args)
    remiss = store.load(args.dnr)
    view = services.remiss_view(remiss, services.today())
    if args.json:
        print_json(_contract_view(view))
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


def cmd_import(args: argparse.Namespace, get_store) -> int:
    from .. import services

    store = get_store(args)
    remiss, created = services.import_toml(store, args.file)
    verb = "Skapade" if created else "Uppdaterade"
    print(f"{verb} {remiss.dnr} ({len(remiss.recipients)} mottagare).", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace, get_store) -> int:
    from .. import services
    from ..store.storage import StorageWriteError, atomic_write_bytes

    store = get_store(args)
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


COMMANDS = [
    (_add_list, "list", cmd_list),
    (_add_show, "show", cmd_show),
    (_add_import, "import", cmd_import),
    (_add_export, "export", cmd_export),
    (_add_recipients, "recipients", cmd_recipients),
]
