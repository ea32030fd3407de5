"""`remisstui themes DNR [--json] [--accept [--min X]]`: themes, counts and suggestions across answers.

Without --accept nothing is written: suggestions are shown, never applied. With --accept every
suggestion at or above the confidence (0..1, default 0.65, where the suggestions were right at least
80 % of the time on real answers) is accepted, as one undoable change.
"""

from __future__ import annotations

import argparse
import json
import sys

from .common import UserError

NAME = "themes"


def _add_parser(sub) -> None:
    s = sub.add_parser(
        NAME,
        help="teman över remissvaren: antal, förslag och varför",
        description=(
            "Visar remissens teman med antal synpunkter och ett förslag (med de ord som matchade) för "
            "varje synpunkt utan tema. Inget märks förrän du godtar: --accept godtar alla förslag med "
            "minst den angivna säkerheten."
        ),
    )
    s.add_argument("dnr")
    s.add_argument("--json", action="store_true")
    s.add_argument("--accept", action="store_true", help="godta alla förslag med minst --min i säkerhet")
    s.add_argument("--min", type=_number, default=None, metavar="X", help="lägsta säkerhet, 0–1 (standard 0,65)")


def _number(text: str) -> float:
    """0.5 or 0,5: the Swedish decimal comma is accepted too."""
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"inte ett tal: {text!r}") from None


def _handle(args: argparse.Namespace, get_store) -> int:
    from ..services import themes as theming

    store = get_store(args)
    if args.min is not None and not args.accept:
        raise UserError("--min hör till --accept.")
    if args.accept:
        level = theming.DEFAULT_MIN_CONFIDENCE if args.min is None else args.min
        if not 0.0 <= level <= 1.0:
            raise UserError("--min ska vara ett tal mellan 0 och 1.")
        remiss, accepted = theming.accept_suggestions(store, args.dnr, level)
        if args.json:
            _print_json({
                "dnr": remiss.dnr,
                "min_confidence": level,
                "accepted": [{"organisation": a.organisation, "text": a.text, "theme": a.theme,
                              "confidence": a.confidence, "why": a.why} for a in accepted],
            })
            return 0
        if not accepted:
            print(f"Inga förslag med minst {_num(level)} i säkerhet; inget ändrades.")
            return 0
        print(f"Godtog {len(accepted)} förslag i {remiss.dnr} (säkerhet minst {_num(level)}):")
        for a in accepted:
            print(f"  {a.organisation}: {_short(a.text)} → {a.theme} ({', '.join(a.why)}; {_num(a.confidence)})")
        print("Ångra i terminalappen med u eller Ctrl+Z på remissen.")
        return 0
    remiss = store.load(args.dnr)
    view = theming.themes_view(remiss)
    if args.json:
        _print_json({"themes": view["themes"], "synpunkter": view["synpunkter"], "proposed": view["proposed"],
                     "without_suggestion": view["without_suggestion"]})
        return 0
    print(f"{remiss.dnr}  {remiss.title}")
    if not view["synpunkter"]:
        print("Remissen har inga synpunkter registrerade ännu.")
        return 0
    if view["themes"]:
        print("Teman:")
        for t in view["themes"]:
            extra = f", {t['suggested']} förslag" if t["suggested"] else ""
            print(f"  {t['name']}: {_n(t['count'], 'synpunkt', 'synpunkter')}{extra}")
    else:
        print("Remissen har inga teman ännu.")
    if view["proposed"]:
        print("Föreslagna nya teman (ur det som återkommer i svaren):")
        for t in view["proposed"]:
            ask = " (namnge temat)" if t.get("needs_name") else ""
            print(f"  {t['name']}{ask}: {_n(t['suggested'], 'synpunkt', 'synpunkter')} från "
                  f"{_n(len(t['organisations']), 'remissinstans', 'remissinstanser')}")
    suggested = [s for s in view["synpunkter"] if s["suggested"]]
    if suggested:
        print("Förslag:")
        for s in suggested:
            print(f"  {s['organisation']}: {_short(s['text'])}")
            print(f"    → {s['suggested']} ({s['reason']}; säkerhet {_num(s['confidence'])})")
    rest = [s for s in view["synpunkter"] if not s["theme"] and not s["suggested"]]
    if rest:
        print(f"Utan förslag: {_n(len(rest), 'synpunkt', 'synpunkter')} (placera dem för hand).")
    return 0


def _n(n: int, one: str, many: str) -> str:
    """A count with its noun in the right number: "1 synpunkt", "2 synpunkter"."""
    return f"{n} {one if n == 1 else many}"


def _num(x: float) -> str:
    return f"{x:.2f}".replace(".", ",")  # Swedish decimal comma


def _short(text: str, width: int = 70) -> str:
    one = " ".join(text.split())
    return one if len(one) <= width else one[: width - 1] + "…"


def _print_json(value) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


# (add the parser, the command's name, its handler): read by remisstui.cli when a command runs.
COMMANDS = [
    (_add_parser, NAME, _handle),
]
