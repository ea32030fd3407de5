"""The one error the document reader raises: str() is a Swedish sentence for the user."""

from __future__ import annotations


class DocumentError(ValueError):
    """A document that cannot be read; nothing was recorded."""
