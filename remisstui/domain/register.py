"""The register of organisations and sändlistor, with the look-ups every layer needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .model import Organisation, OrgKind, RecipientList


def name_key(name: str) -> str:
    """Matching key for organisation names: case and spacing do not matter."""
    return " ".join(name.casefold().split())


@dataclass
class Register:
    organisations: list[Organisation] = field(default_factory=list)
    lists: list[RecipientList] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._reindex()

    def _reindex(self) -> None:
        self._by_name = {name_key(o.name): o for o in self.organisations}
        self._by_code = {o.short_code.casefold(): o for o in self.organisations if o.short_code}
        self._by_former = {
            name_key(former): o for o in self.organisations for former in o.former_names
        }

    def organisation(self, name: str) -> Organisation | None:
        """By exact name (case-insensitive), short code, or a former name."""
        key = name_key(name)
        return (
            self._by_name.get(key)
            or self._by_code.get(name.strip().casefold())
            or self._by_former.get(key)
        )

    def recipient_list(self, name: str) -> RecipientList | None:
        key = name_key(name)
        for lst in self.lists:
            if name_key(lst.name) == key:
                return lst
        return None

    def kind_of(self, name: str) -> OrgKind:
        org = self.organisation(name)
        return org.kind if org else OrgKind.extern

    def active(self, on: date) -> list[Organisation]:
        return [o for o in self.organisations if o.is_active(on)]

    def add(self, org: Organisation) -> None:
        if self.organisation(org.name) is not None and name_key(org.name) in self._by_name:
            raise ValueError(f"Organisationen {org.name!r} finns redan i registret")
        self.organisations.append(org)
        self._reindex()

    def replace(self, old_name: str, org: Organisation) -> None:
        for i, o in enumerate(self.organisations):
            if o.name == old_name:
                self.organisations[i] = org
                self._reindex()
                return
        raise KeyError(old_name)
