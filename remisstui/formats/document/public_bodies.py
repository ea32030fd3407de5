"""The reader's view of Sweden's bundled public bodies; the list and its rules live in formats/public_bodies.py."""

from __future__ import annotations

from ..public_bodies import public_body_names, public_body_organisations, public_body_short_forms

__all__ = ["public_body_names", "public_body_organisations", "public_body_short_forms"]
