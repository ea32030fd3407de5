"""Text as it may enter the data: what every output format (XLSX, DOCX, HTML, JSON, a terminal
row) can carry. Cleaned once, at the store's door, so no exporter can fail on what was stored.

XML 1.0 (XLSX, DOCX) cannot hold NUL, most C0 controls, lone surrogates, U+FFFE or U+FFFF; one
such character from a .txt answer or a TOML import made every later `--format xlsx` fail
(issue 23 item 9). Single-line fields (a title, an organisation, a dnr) lose their line breaks
too: a CR or LF there broke the rows of `show`.
"""

from __future__ import annotations

import re
from typing import Any

# Everything XML 1.0 refuses, plus DEL and C1 (invisible, and a terminal may obey them).
_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAK_RE = re.compile("[\r\n\t\u2028\u2029\x85\x0b\x0c]+")
# Keys whose value is one line wherever they occur (the remiss, a recipient, an event's before/after).
SINGLE_LINE_KEYS = frozenset({
    "dnr", "title", "organisation", "own_dnr", "sender", "name", "contact", "email", "phone",
    "document", "answer_file", "file", "by", "theme", "target",
})


def clean_text(text: str, *, single_line: bool = False) -> str:
    """`text` without the characters no output format carries (line breaks are kept as written,
    except in a single-line field, where any run of them becomes one space)."""
    if single_line and _LINE_BREAK_RE.search(text):
        text = _LINE_BREAK_RE.sub(" ", text).strip()
    if _ILLEGAL_RE.search(text):
        text = _ILLEGAL_RE.sub("", text)
    return text


def clean_values(value: Any, key: str = "") -> Any:
    """Every string in a serialised structure (dicts, lists) cleaned; keys kept as they are."""
    if isinstance(value, str):
        return clean_text(value, single_line=key in SINGLE_LINE_KEYS)
    if isinstance(value, dict):
        return {k: clean_values(v, k if isinstance(k, str) else "") for k, v in value.items()}
    if isinstance(value, list):
        return [clean_values(v, key) for v in value]
    return value
