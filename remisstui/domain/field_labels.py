"""The Swedish name of each field of the model, one set for every face: the history's change lines
(tui/changes.py) and the confirmation before a re-registered answer (services/answers.py) once
called the same received date "inkom" and "Mottagen"."""

from __future__ import annotations

FIELD_LABELS: dict[str, str] = {
    # remiss
    "dnr": "dnr",
    "title": "rubrik",
    "sender": "avsändare",
    "description": "beskrivning",
    "sent_on": "utskickad",
    "deadline": "svarsdatum",
    "state": "läge",
    "attachments": "bilagor",
    # recipient
    "organisation": "organisation",
    "kind": "typ",
    "status": "status",
    "own_dnr": "eget dnr",
    "contact": "kontakt",
    "extensions": "anstånd",
    "reminders": "påminnelser",
    "response": "svar",
    "note": "anteckning",
    # response
    "answer_kind": "svarstyp",
    "received_on": "mottagen",
    "document_date": "dokumentdatum",
    "decision_date": "beslutsdatum",
    "meeting_date": "sammanträde",
    "immediate_adjustment": "omedelbar justering",
    "stance": "ställningstagande",
    "stance_sentence": "ställningstagandets mening",
    "summary": "sammanfattning",
    "comments": "synpunkter",
    "passages": "citerade stycken",
    "dissents": "reservationer",
    "joint_with": "gemensamt med",
    "signatories": "undertecknare",
    "sections": "avsnitt",
    # contact
    "name": "namn",
    "phone": "telefon",
    "email": "e-post",
}


def field_label(key: str, *, capital: bool = False) -> str:
    """The field's name as running text ("mottagen") or as a row label ("Mottagen")."""
    label = FIELD_LABELS.get(key, key)
    return label[:1].upper() + label[1:] if capital else label
