"""The "beredning" text: the paragraphs a handläggare pastes into kommunstyrelsen's tjänsteutlåtande.

Plain text, one paragraph per line separated by a blank line and never hard-wrapped, so it pastes
into Word as real paragraphs, as KS writes a Beredning (KS-STYLE): "Ärendet har remitterats till …"
with joint answers and declines once each, then one paragraph per instans (summary_beredning.py).
A paragraph that needs the handläggare's look has a bracketed note on the line above it.
"""

from __future__ import annotations

from .summary import Summary

CHECK_MARK = "[Att granska: {}]"


def beredning_paragraphs(s: Summary) -> list[str]:
    """The paragraphs as pasted; one marked for the handläggare carries the note on a line above."""
    out = []
    for p in s.beredning:
        out.append((CHECK_MARK.format(p.check) + "\n" if p.check else "") + p.text)
    return out


def render_beredning(s: Summary) -> str:
    return "\n\n".join(beredning_paragraphs(s)) + "\n"
