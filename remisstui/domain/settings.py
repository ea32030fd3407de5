"""The user's own settings: the registrator profile that signs reminders, and where files go.

Plain values; reading and writing the config file is the service layer's (services/settings.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass(frozen=True)
class RegistratorProfile:
    """Who sends the reminders: their From line and signature."""

    name: str = ""
    title: str = ""  # "Registrator"
    unit: str = ""  # "Stadsledningskontoret, kansliavdelningen"
    email: str = ""
    phone: str = ""

    def is_empty(self) -> bool:
        return not any(getattr(self, f.name).strip() for f in fields(self))

    def signature_lines(self) -> list[str]:
        """Name, title, unit, phone, e-mail: the lines under "Med vänliga hälsningar"."""
        lines = [self.name, self.title, self.unit]
        if self.phone.strip():
            lines.append(f"Telefon {self.phone}")
        lines.append(self.email)
        return [" ".join(line.split()) for line in lines if line.strip()]


# The profile's fields with their Swedish labels, in the order forms and `remisstui config` show them.
PROFILE_LABELS = {
    "name": "Namn",
    "title": "Titel",
    "unit": "Enhet",
    "email": "E-post",
    "phone": "Telefon",
}


@dataclass(frozen=True)
class Settings:
    profile: RegistratorProfile = field(default_factory=RegistratorProfile)
    files_folder: str = ""  # where exports and reminder drafts go; "" means the default folder
