"""`remisstui parse FILE [--json]` and `remisstui register DNR FILE|FOLDER [--yes]`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .common import UserError


# --- parse -----------------------------------------------------------------------------------


def _add_parse(sub) -> None:
    s = sub.add_parser(
        "parse",
        help="läs ett remissvar (.pdf, .docx, .txt, .eml, .msg) och visa vad som hittades; skriver ingenting",
    )
    s.add_argument("file", metavar="FIL")
    s.add_argument("--json", action="store_true", help="resultatet som JSON")
    s.add_argument("--text", action="store_true", help="visa också den uppstädade texten")


def _register_for_parse(args: argparse.Namespace):
    """The data folder's register when there is one, else the bundled one; nothing is written."""
    from ..formats.toml_io import bundled_register
    from ..services import default_data_dir

    folder = Path(args.data) if getattr(args, "data", None) else default_data_dir()
    if (folder / "register.json").is_file():
        try:
            from ..store.repository import Store

            register = Store(folder).load_register()
            if register.organisations:
                return register
        except Exception:
            pass
    return bundled_register()


def _handle_parse(args: argparse.Namespace, get_store) -> int:
    from ..formats.document import DocumentError, read_document

    register = _register_for_parse(args)
    try:
        doc = read_document(args.file, register)
    except DocumentError as exc:
        raise UserError(str(exc)) from None
    if args.json:
        sys.stdout.write(json.dumps(doc.as_json(), ensure_ascii=False, indent=2) + "\n")
        return 0
    print(format_parsed(doc))
    if args.text:
        print("\n--- Text ---\n" + doc.text)
    return 0


def format_parsed(doc) -> str:
    from ..domain.model import ANSWER_KIND_LABELS, DISSENT_KIND_LABELS, STANCE_LABELS

    def v(x) -> str:
        if x is None or x == "":
            return "–"
        return x.isoformat() if hasattr(x, "isoformat") else str(x)

    def u(key: str, x) -> str:
        """A field left empty because the text does not clearly support it shows its candidate, flagged."""
        cand = doc.candidate(key)
        if (x is None or x == "") and cand is not None:
            return f"– (osäker: {v(cand)})"
        return v(x)

    org = u("organisation", doc.organisation)
    if doc.organisation and not doc.organisation_in_register:
        org += " (finns inte i registret)"
    rows = [
        ("Organisation", org),
        ("Eget dnr", u("own_dnr", doc.own_dnr)),
        ("Remissens dnr", u("remiss_dnr", doc.remiss_dnr)),
        ("Remissens rubrik", v(doc.remiss_title)),
        ("Dokumentdatum", u("document_date", doc.document_date)),
        ("Sammanträde", u("meeting_date", doc.meeting_date)),
        ("Svarsdatum", u("deadline", doc.deadline)),
        ("Handläggare", u("contact_name", doc.contact.name)),
        ("Telefon", u("contact_phone", doc.contact.phone)),
        ("E-post", u("contact_email", doc.contact.email)),
        ("E-postadresser", ", ".join(doc.emails) or "–"),
        ("Ställningstagande", STANCE_LABELS[doc.stance] if doc.candidate("stance") is None
         else f"– (osäker: {STANCE_LABELS[type(doc.stance)(doc.candidate('stance'))]})"),
        ("Meningen", v(doc.stance_sentence)),
        ("Svarstyp", ANSWER_KIND_LABELS[doc.answer_kind]),
        ("Justeras omedelbart", "ja" if doc.immediate_adjustment else "nej"),
    ]
    if doc.status_hint:
        from ..domain.model import STATUS_LABELS, Status

        rows.append(("Föreslagen status", STATUS_LABELS[Status(doc.status_hint)]))
    if doc.mail_from or doc.mail_subject or doc.received_on:
        rows += [
            ("Från", v(f"{doc.mail_from_name} <{doc.mail_from}>" if doc.mail_from_name else doc.mail_from)),
            ("Ämne", v(doc.mail_subject)),
            ("Mottagen", v(doc.received_on)),
            ("Läst ur", v(doc.answer_file or "meddelandets text")),
        ]
    width = max(len(k) for k, _ in rows)
    out = [f"{k:<{width}}  {val}" for k, val in rows]
    if doc.decision:
        out.append("Förslag till beslut:")
        out += [f"  {i}. {d}" for i, d in enumerate(doc.decision, 1)]
    if doc.signatories:
        out.append("Undertecknat av:")
        out += [f"  {s.as_text()}" for s in doc.signatories]
    for d in doc.dissents:
        parties = ", ".join(f"({p})" for p in d.parties) or "–"
        out.append(f"{DISSENT_KIND_LABELS[d.kind].capitalize()}: {parties}")
    if doc.sections:
        out.append("Avsnitt: " + ", ".join(f"{h} ({len(t)} tecken)" for h, t in doc.sections.items()))
    if doc.attachments:
        out.append("Bilagor: " + "; ".join(doc.attachments))
    if doc.warnings:
        out.append("Varningar:")
        out += [f"  ! {w}" for w in doc.warnings]
    return "\n".join(out)


# --- register --------------------------------------------------------------------------------


def _add_register(sub) -> None:
    s = sub.add_parser(
        "register",
        help="läs ett remissvar (eller alla i en mapp) och registrera det som mottagarens svar",
    )
    s.add_argument("dnr")
    s.add_argument("path", metavar="FIL|MAPP")
    s.add_argument("--yes", "-y", action="store_true", help="fråga inte; registrera direkt")
    s.add_argument("--organisation", metavar="NAMN", help="mottagaren, om den inte kan läsas ut")
    s.add_argument("--received", metavar="DATUM", help="mottagningsdatum (annars i dag)")
    s.add_argument("--replace", action="store_true",
                   help="ersätt ett redan registrerat svar (annars läggs ett nytt dokument till som komplettering)")
    s.add_argument("--other-remiss", action="store_true", dest="other_remiss",
                   help="registrera även om dokumentet verkar gälla en annan remiss")


def _ask(prompt: str) -> str | None:
    print(prompt, end="", file=sys.stderr, flush=True)
    line = sys.stdin.readline()
    if not line:
        return None
    return line.strip()


def _interactive() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _handle_register(args: argparse.Namespace, get_store) -> int:
    from ..services import answers as reg
    from .. import services
    from ..domain.dates import DateParseError, parse_date, received_year_rule
    from ..formats.document import DocumentError
    from ..store.repository import StoreError

    store = get_store(args)
    path = Path(args.path)
    if not path.exists():
        raise UserError(f"{path} finns inte.")
    remiss = store.load(args.dnr)  # NotFoundError -> one line, exit 1
    received = None
    if args.received:
        try:
            # "idag"/"igår" count from the app's today; a yearless date lies nearest the remiss.
            today = services.today()
            near = (remiss.sent_on, remiss.deadline)
            received = parse_date(args.received, near=near, today=today,
                                  rule=received_year_rule(remiss.sent_on, today, near))
        except DateParseError as exc:
            raise UserError(str(exc)) from None
    if path.is_dir():
        return _register_folder(store, remiss.dnr, path, args, received)
    try:
        plan = reg.plan_file(store, remiss.dnr, path, received_on=received, organisation=args.organisation,
                             replace=args.replace)
    except DocumentError as exc:
        raise UserError(str(exc)) from None
    for w in plan.parsed.warnings:
        print(f"varning: {w}", file=sys.stderr)
    if plan.recipient is None:
        why = _why_not_filed(plan)
        likely = [c.organisation for c in plan.filing.candidates] if plan.filing else []
        # The likely ones first, then every other recipient.
        names = likely + [n for n in plan.candidates if n not in likely]
        if args.yes or not _interactive():
            if likely:
                raise UserError(
                    f"{path.name}: {why}; ingenting registrerades. Ange mottagaren med --organisation. "
                    f"Kandidater: {'; '.join(likely[:5])}"
                )
            listing = "; ".join(names) if len(names) <= 40 else "; ".join(names[:40]) + " …"
            raise UserError(
                f"{path.name}: {why} av {remiss.dnr}. "
                f"Ange mottagaren med --organisation. Mottagare: {listing}"
            )
        print(f"{path.name}: {why}. Välj mottagare:", file=sys.stderr)
        for i, n in enumerate(names, 1):
            print(f"  {i:>3}. {n}", file=sys.stderr)
        answer = _ask("Nummer (tomt avbryter): ")
        if not answer:
            print("Avbrutet; ingenting registrerades.", file=sys.stderr)
            return 1
        if not answer.isdigit() or not 1 <= int(answer) <= len(names):
            raise UserError(f"Ogiltigt val: {answer!r}; ingenting registrerades.")
        plan = reg.with_recipient(plan, names[int(answer) - 1], received_on=received, today=services.today(),
                                  replace=args.replace)
    if plan.problems and not args.other_remiss:
        # Another remiss's answer: refused unless the user says so (asked on a terminal).
        if args.yes or not _interactive():
            raise UserError(f"{path.name}: {' '.join(plan.problems)} Ingenting registrerades; "
                            f"använd --other-remiss för att registrera det ändå.")
        for line in plan.problems:
            print(f"Obs: {line}", file=sys.stderr)
        answer = _ask(f"Registrera svaret på {remiss.dnr} ändå? [j/N] ")
        if answer is None or answer.lower() not in ("j", "ja", "y", "yes"):
            print("Avbrutet; ingenting registrerades.", file=sys.stderr)
            return 1
    assert plan.recipient is not None and plan.new is not None
    print(f"{path.name} → {plan.recipient.organisation} ({remiss.dnr})")
    print_changes(plan)
    if plan.mode != reg.NEW and not args.yes and not _interactive():
        raise UserError(f"{plan.recipient.organisation} har redan ett registrerat svar; ingenting registrerades. "
                        f"Bekräfta med --yes.")
    if not args.yes:
        answer = _ask("Registrera? [j/N] ")
        if answer is None or answer.lower() not in ("j", "ja", "y", "yes"):
            print("Avbrutet; ingenting registrerades.", file=sys.stderr)
            return 1
    try:
        reg.commit_plan(store, plan)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    print(f"Registrerade svaret från {plan.recipient.organisation}.")
    return 0


def _why_not_filed(plan) -> str:
    """Why no recipient was chosen, in the registrator's words, the candidates named."""
    if plan.filing is not None and plan.filing.reason:
        return plan.filing.reason
    found = plan.parsed.organisation or plan.parsed.candidate("organisation") or "okänd avsändare"
    return f"organisationen ({found}) matchar ingen mottagare"


def print_changes(plan) -> None:
    """What saving will change, and over an existing answer what it adds or replaces and loses."""
    from ..services import answers as reg

    if plan.mode == reg.ADD:
        print("Obs: mottagaren har redan ett registrerat svar; dokumentet läggs till som komplettering "
              "(--replace ersätter svaret i stället).")
    elif plan.mode == reg.REPLACE:
        print(f"Obs: mottagaren har redan ett registrerat svar. {plan.what_happens}")
    rows = reg.describe_changes(plan.recipient, plan.new)
    w1 = max(len(r[0]) for r in rows)
    w2 = max(len(r[1]) for r in rows)
    print(f"{'':<{w1}}  {'Nu':<{w2}}  Nytt")
    for label, cur, new in rows:
        mark = "" if cur == new else "  *"
        print(f"{label:<{w1}}  {cur:<{w2}}  {new}{mark}")
    lost = plan.lost
    if lost:
        print("Går förlorat:")
        for line in lost:
            print(f"  - {line}")


def _register_folder(store, dnr: str, folder: Path, args: argparse.Namespace, received) -> int:
    from ..domain.model import STANCE_LABELS
    from ..services import answers as reg
    from ..formats.document import DocumentError
    from ..store.repository import StoreError

    files = reg.documents_in(folder)
    if not files:
        raise UserError(f"Mappen {folder} innehåller inga dokument (.pdf, .docx, .txt, .eml, .msg).")
    plans = []
    failed: list[tuple[str, str]] = []
    claimed: dict[str, str] = {}
    for f in files:
        try:
            plan = reg.plan_file(store, dnr, f, received_on=received, replace=args.replace)
        except (DocumentError, StoreError) as exc:
            failed.append((f.name, str(exc)))
            continue
        if plan.problems and not args.other_remiss:
            failed.append((f.name, " ".join(plan.problems) + " Använd --other-remiss för att registrera det ändå"))
            continue
        if plan.recipient is None:
            failed.append((f.name, _why_not_filed(plan)))
            continue
        org = plan.recipient.organisation
        if org in claimed:
            failed.append((f.name, f"{org} har redan svaret i {claimed[org]}"))
            continue
        claimed[org] = f.name
        plans.append(plan)
    for plan in plans:
        how = {reg.ADD: " (läggs till det registrerade svaret)",
               reg.REPLACE: " (läses om; bara dess delar ersätts)" if plan.rereads else " (ersätter det registrerade svaret)"}
        print(f"{plan.path.name} → {plan.recipient.organisation}: {STANCE_LABELS[plan.new.response.stance]}, "
              f"eget dnr {plan.new.own_dnr or '–'}{how.get(plan.mode, '')}")
        for line in plan.lost:
            print(f"  går förlorat: {line}")
    if plans and not args.yes:
        answer = _ask(f"Registrera {len(plans)} svar? [j/N] ")
        if answer is None or answer.lower() not in ("j", "ja", "y", "yes"):
            print("Avbrutet; ingenting registrerades.", file=sys.stderr)
            return 1
    done = 0
    for plan in plans:
        try:
            # Re-plan against the newest version: an earlier save in this loop bumped the remiss.
            fresh = reg.plan_file(store, dnr, plan.path, received_on=received,
                                  organisation=plan.recipient.organisation, replace=args.replace)
            reg.commit_plan(store, fresh)
            done += 1
        except (DocumentError, StoreError) as exc:
            failed.append((plan.path.name, str(exc)))
    print(f"Registrerade {done} av {len(files)} dokument.")
    for name, why in failed:
        print(f"Kunde inte registrera {name}: {why}", file=sys.stderr)
    return 1 if failed else 0

# (add the parser, the command's name, its handler): read by remisstui.cli when a command runs.
COMMANDS = [
    (_add_parse, "parse", _handle_parse),
    (_add_register, "register", _handle_register),
]
