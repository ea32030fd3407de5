"""The error every service raises for a user's mistake or a refused operation."""

from __future__ import annotations

from ..store.repository import StoreError


class ServiceError(StoreError):
    """A user's mistake or a refused operation; str() is one Swedish sentence."""
