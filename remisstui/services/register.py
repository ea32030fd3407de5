"""The register of organisations as a service: check, add, edit, import and export (TUI and CLI).

Every save goes through `Store.save_register`, which takes the lock, writes atomically and records
an event. Renaming an organisation keeps the old name as a former name, so remisser that name the
organisation the old way still find it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

from ..domain.meetings import MeetingPlanError, validate_rule
from ..domain.model import Organisation, OrgKind
from ..domain.register import Register, name_key
from ..formats import toml_io
from ..formats.public_bodies import former_name, matching_public_bodies
from .errors import ServiceError
from ..store.repository import Store

MAX_NAME = 200


def organisation_problem(org: Organisation, register: Register, *, old_name: str | None = None) -> str | None:
    """One Swedish sentence saying what is wrong with `org` in `register`, or None."""
    name = org.name.strip()
    if not name:
        return "Namnet får inte vara tomt."
    if len(name) > MAX_NAME or any(c in name for c in "\r\n\t"):
        return "Namnet ska vara en rad på högst 200 tecken."
    old_key = name_key(old_name) if old_name is not None else None
    for other in register.organisations:
        if old_key is not None and name_key(other.name) == old_key:
            continue
        if name_key(other.name) == name_key(name):
            return f"Det finns redan en organisation som heter {other.name}."
        if org.short_code and other.short_code and other.short_code.casefold() == org.short_code.strip().casefold():
            return f"Kortnamnet {org.short_code.strip()} används redan av {other.name}."
    if org.short_code and (len(org.short_code) > 20 or any(c.isspace() for c in org.short_code.strip())):
        return "Kortnamnet ska vara ett ord på högst 20 tecken."
    if org.registry_email.strip():
        email = org.registry_email.strip()
        if email.count("@") != 1 or any(c.isspace() for c in email) or "." not in email.split("@")[1]:
            return f"Registratorsadressen {email} ser inte ut som en e-postadress."
    if org.valid_from and org.valid_to and org.valid_to < org.valid_from:
        return "Giltig till kan inte ligga före giltig från."
    try:
        validate_rule(org.meeting_plan.rule)
    except MeetingPlanError as exc:
        return f"Sammanträdesplanen: {exc}"
    return None


def _clean(org: Organisation) -> Organisation:
    org = copy.deepcopy(org)
    org.name = org.name.strip()
    org.short_code = org.short_code.strip()
    org.dnr_prefix = org.dnr_prefix.strip()
    org.registry_email = org.registry_email.strip()
    org.meeting_plan.dates = sorted(set(org.meeting_plan.dates))
    org.meeting_plan.rule = org.meeting_plan.rule.strip()
    return org


def save_organisation(
    store: Store, org: Organisation, *, old_name: str | None = None, expected: Organisation | None = None
) -> Register:
    """Add `org` (old_name None) or replace the organisation called `old_name`; returns the register.

    `expected` is the organisation as the user saw it when the edit began: if someone else has
    changed it since, nothing is saved (never a silent overwrite).
    """
    org = _clean(org)
    # One lock around read, check and write (the store's lock is re-entrant in one process).
    with store.locked():
        register = store.load_register()
        current = next((o for o in register.organisations if o.name == old_name), None)
        if old_name is not None and current is None:
            raise ServiceError(f"{old_name} finns inte längre i registret; läs in på nytt.")
        if expected is not None and current is not None and current != expected:
            raise ServiceError(
                f"Någon annan har ändrat {old_name} sedan du öppnade den. Din ändring sparades inte; "
                "stäng och öppna den på nytt."
            )
        problem = organisation_problem(org, register, old_name=old_name)
        if problem:
            raise ServiceError(problem)
        if old_name is None:
            register.add(org)
            what = f"La till {org.name} i registret"
        else:
            if old_name != org.name and name_key(old_name) not in {name_key(f) for f in org.former_names}:
                org.former_names.append(old_name)
            if old_name != org.name:
                # Sändlistor name their members: follow the rename.
                for lst in register.lists:
                    lst.members = [org.name if m == old_name else m for m in lst.members]
            register.replace(old_name, org)
            what = f"Ändrade {org.name} i registret"
        store.save_register(register, what=what)
    return register


def public_bodies(text: str, register: Register, *, limit: int = 100) -> list[Organisation]:
    """Sweden's bundled public bodies (kommuner, regioner, länsstyrelser, state agencies) that match
    `text`, as external organisations, for a picker to offer beside the register.

    A body matches when its name or one of its other names contains the text, or its short form is
    the text ("MSB"). Bodies the register already holds (by name, short code or former name) are left
    out: the user's register comes first. No text offers nothing, so the bundled list is read only when
    someone looks for a body, never when a screen opens.
    """
    out: list[Organisation] = []
    # A former name finds the body by its name now ("stockholms läns landsting": Region Stockholm).
    renamed = former_name(text)
    candidates = matching_public_bodies(renamed, limit=1) if renamed else []
    if renamed and not candidates and register.organisation(renamed) is None:
        candidates = [Organisation(name=renamed, kind=OrgKind.extern)]
    # Ask for more than `limit`: some of the matches may be in the register already.
    for org in candidates + matching_public_bodies(text, limit=limit + len(register.organisations)):
        if register.organisation(org.name) is not None or any(
            register.organisation(f) is not None for f in org.former_names
        ):
            continue
        out.append(org)
        if len(out) >= limit:
            break
    return out


def export_register(store: Store) -> str:
    return toml_io.register_to_toml(store.load_register())


@dataclass
class ImportResult:
    register: Register
    added: list[str]
    removed: list[str]
    changed: list[str]


def import_register(store: Store, path: str | Path) -> ImportResult:
    """Replace the register with the one in a TOML file, after checking every organisation."""
    data = toml_io.read_file(path)
    new = toml_io.register_from_toml(data, str(path))
    seen = Register()
    for org in new.organisations:
        problem = organisation_problem(org, seen)
        if problem:
            raise ServiceError(f"{path}: {org.name or '(utan namn)'}: {problem}")
        seen.add(_clean(org))
    new = Register(organisations=seen.organisations, lists=new.lists)
    with store.locked():
        old = store.load_register()
        store.save_register(new, what=f"Registret lästes in från {Path(path).name}")
    old_by = {o.name: o for o in old.organisations}
    new_by = {o.name: o for o in new.organisations}
    result = ImportResult(
        register=new,
        added=[n for n in new_by if n not in old_by],
        removed=[n for n in old_by if n not in new_by],
        changed=[n for n in new_by if n in old_by and new_by[n] != old_by[n]],
    )
    return result
