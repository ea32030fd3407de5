"""The remissammanställning as JSON: the Summary value itself (dates ISO, codes as in DOMAIN.md)."""

from __future__ import annotations

import json

from .summary import Summary


def render_json(s: Summary) -> str:
    return json.dumps(s.to_dict(), ensure_ascii=False, indent=2) + "\n"
