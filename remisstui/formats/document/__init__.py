"""Read an incoming remissvar (.txt, .pdf, .docx) and extract what a registrator needs.

Layers: extract (bytes -> text per page) -> cleanup (PDF debris away) -> fields/stance/sections
(values with provenance) -> reader (one ParsedDocument). Imports only the domain; pypdf and
python-docx are imported inside the functions that use them.
"""

from __future__ import annotations

from .errors import DocumentError
from .model import ParsedDocument, Signatory, Source
from .reader import parse_text, read_document

__all__ = ["DocumentError", "ParsedDocument", "Signatory", "Source", "parse_text", "read_document"]
