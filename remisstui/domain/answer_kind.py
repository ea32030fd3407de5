"""What an answer is called, by who gives it.

"Förvaltningssvar" and "nämndbeslut" are Stockholms stad's own words for its own nämnder and
förvaltningar (OrgKind facknamnd and stadsdelsnamnd). "Nämndbeslut" needs a decision that is shown
(a decision or meeting date read from a protokoll). A city company's board decision is a
"styrelsebeslut". Every other answer (a state agency, a kommun, an association, a råd, a company's
letter, a nämnd's answer with no decision shown) is a "yttrande".
"""

from __future__ import annotations

from .model import ANSWER_KIND_LABELS, AnswerKind, OrgKind, Response

CITY_NAMND_KINDS = frozenset({OrgKind.facknamnd, OrgKind.stadsdelsnamnd})
YTTRANDE = "yttrande"


def is_city_namnd(kind: OrgKind) -> bool:
    return kind in CITY_NAMND_KINDS


def decision_shown(resp: Response) -> bool:
    return resp.decision_date is not None or resp.meeting_date is not None


def effective_kind(resp: Response, org_kind: OrgKind) -> AnswerKind | None:
    """The registered kind where the rule allows it, None where the answer is a plain yttrande."""
    kind = resp.answer_kind
    if kind is AnswerKind.joint:
        return kind
    if kind is AnswerKind.board_decision:
        return kind if org_kind is OrgKind.bolag or is_city_namnd(org_kind) else None
    if not is_city_namnd(org_kind):
        return None
    if kind is AnswerKind.committee_decision and not decision_shown(resp):
        return None
    return kind


def answer_kind_label(resp: Response, org_kind: OrgKind) -> str:
    kind = effective_kind(resp, org_kind)
    return ANSWER_KIND_LABELS[kind] if kind is not None else YTTRANDE
