"""`remisstui config [--name …] [--title …] [--unit …] [--email …] [--phone …] [--folder MAPP] [--json]`.

Without options: shows the registrator profile, the files folder and where the settings file is.
With options: changes those values (an empty string clears one) and saves the file.
"""

from __future__ import annotations

import argparse
import sys

from .common import UserError, print_json

NAME = "config"
FLAGS = {"name": "--name", "title": "--title", "unit": "--unit", "email": "--email", "phone": "--phone"}


def _add_parser(sub) -> None:
    p = sub.add_parser(
        NAME,
        help="din profil (namn, e-post …) för påminnelser och mappen för exporter",
        description=(
            "Visar eller ändrar dina inställningar: registratorsprofilen som påminnelserna signeras med "
            "och mappen där exporter och påminnelseutkast sparas. Filen är din egen, inte datamappens."
        ),
    )
    p.add_argument("--name", metavar="NAMN", help="ditt namn")
    p.add_argument("--title", metavar="TITEL", help="din titel, till exempel Registrator")
    p.add_argument("--unit", metavar="ENHET", help="din enhet, till exempel Stadsledningskontoret")
    p.add_argument("--email", metavar="ADRESS", help="din e-postadress: avsändare på påminnelserna")
    p.add_argument("--phone", metavar="TELEFON", help="ditt telefonnummer")
    p.add_argument("--folder", metavar="MAPP", help="mappen för exporter och påminnelseutkast")
    p.add_argument("--json", action="store_true")


def _handle(args: argparse.Namespace, _get_store) -> int:
    from ..domain.settings import PROFILE_LABELS
    from ..services import settings as user_settings

    changes = {k: getattr(args, k) for k in FLAGS if getattr(args, k) is not None}
    try:
        if changes or args.folder is not None:
            folder = args.folder
            if folder:
                from pathlib import Path

                folder = str(Path(folder).expanduser().absolute())
            current = user_settings.update_settings(files_folder=folder, **changes)
            print(f"Sparade inställningarna i {user_settings.config_path()}.", file=sys.stderr)
        else:
            current = user_settings.load_settings()
        folder_path = user_settings.files_folder(current)
    except user_settings.SettingsError as exc:
        raise UserError(str(exc)) from None
    if args.json:
        print_json({
            "profile": {k: getattr(current.profile, k) for k in PROFILE_LABELS},
            "folder": str(folder_path),
            "file": str(user_settings.config_path()),
        })
        return 0
    width = max(len(label) for label in PROFILE_LABELS.values()) + 1
    for key, label in PROFILE_LABELS.items():
        value = getattr(current.profile, key) or "–"
        print(f"{label + ':':<{width}} {value}")
    print(f"{'Filmapp:':<{width}} {folder_path}")
    print(f"Inställningsfil: {user_settings.config_path()}")
    if current.profile.is_empty():
        print("Ingen profil ännu: ange den med till exempel "
              'remisstui config --name "Anna Andersson" --title Registrator --email anna.andersson@stockholm.se')
    return 0


# (add the parser, the command's name, its handler): read by remisstui.cli when a command runs.
COMMANDS = [
    (_add_parser, NAME, _handle),
]
