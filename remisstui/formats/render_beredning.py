"""The "beredning" text: the paragraphs a handläggare pastes into kommunstyrelsen's tjänsteutlåtande.

Plain text, one paragraph per line separated by a blank line and never hard-wrapped, so it pastes
into Word as real paragraphs: an opening with who was asked and how many answered, one paragraph per
answering organisation (or joint answer) in the fixed order opening with its name and its stance in
Swedish prose, then the collective lines for joint answers, declines and those who did not answer.
"""

from __future__ import annotations

from .summary import Summary


def beredning_paragraphs(s: Summary) -> list[str]:
    intro = s.remitted_to_sentence
    if s.stance_overview:
        intro += " " + s.stance_overview[0]
    paras = [intro]
    paras += [sec.beredning for sec in s.sections]
    if s.collective_lines:
        paras.append(" ".join(s.collective_lines))
    return paras


def render_beredning(s: Summary) -> str:
    return "\n\n".join(beredning_paragraphs(s)) + "\n"
