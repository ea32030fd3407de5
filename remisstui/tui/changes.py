"""Readable before → after of an event's changed fields, with Swedish field names."""

from __future__ import annotations

from typing import Any

from ..domain.model import (
    ANSWER_KIND_LABELS,
    ORG_KIND_LABELS,
    REMISS_STATE_LABELS,
    STANCE_LABELS,
    STATUS_LABELS,
    AnswerKind,
    Event,
    OrgKind,
    RemissState,
    Stance,
    Status,
)
from ..domain.field_labels import FIELD_LABELS
from .text import one_line

FIELD_NAMES = FIELD_LABELS  # the domain's one set of field names

_ENUMS = {
    "status": (Status, STATUS_LABELS),
    "kind": (OrgKind, ORG_KIND_LABELS),
    "state": (RemissState, REMISS_STATE_LABELS),
    "stance": (Stance, STANCE_LABELS),
    "answer_kind": (AnswerKind, ANSWER_KIND_LABELS),
}


def field_name(key: str) -> str:
    return FIELD_NAMES.get(key, key)


def value_text(key: str, value: Any, limit: int = 40) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "–"
    if key in _ENUMS and isinstance(value, str):
        enum, labels = _ENUMS[key]
        try:
            return labels[enum(value)]
        except (ValueError, KeyError):
            return one_line(value, limit)
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if key == "extensions" and isinstance(value, list):
        last = value[-1] if value and isinstance(value[-1], dict) else {}
        return f"{len(value)} st" + (f" (senast till {last.get('new_deadline')})" if last.get("new_deadline") else "")
    if isinstance(value, list):
        return f"{len(value)} st"
    if isinstance(value, dict):
        return "ifyllt"
    return one_line(value, limit)


def describe_changes(event: Event, limit: int | None = None) -> list[str]:
    """One line per changed field: "status: utskickad → besvarad"."""
    before, after = event.before, event.after
    if before is None and after is not None:
        return ["tillagd"]
    if after is None and before is not None:
        return ["borttagen"]
    before = before or {}
    after = after or {}
    lines: list[str] = []
    for key in sorted(before.keys() | after.keys()):
        b, a = before.get(key), after.get(key)
        if b == a:
            continue
        if isinstance(b, dict) or isinstance(a, dict):
            b_d, a_d = (b or {}) if isinstance(b or {}, dict) else {}, (a or {}) if isinstance(a or {}, dict) else {}
            if not b_d and a_d and key == "response":
                lines.append("svar registrerat")
            sub = [k for k in sorted(b_d.keys() | a_d.keys()) if b_d.get(k) != a_d.get(k)]
            for k in sub:
                lines.append(
                    f"{field_name(key)} – {field_name(k)}: {value_text(k, b_d.get(k))} → {value_text(k, a_d.get(k))}"
                )
            if not sub and not a_d:
                lines.append(f"{field_name(key)}: borttaget")
            continue
        lines.append(f"{field_name(key)}: {value_text(key, b)} → {value_text(key, a)}")
    if limit is not None and len(lines) > limit:
        rest = len(lines) - limit
        lines = lines[:limit] + [f"… och {rest} ändring{'ar' if rest > 1 else ''} till"]
    return lines
