"""Synpunkter written by the project for the theme tests and benchmark: eight themes, each with its
own way of speaking, mixed with the words every remissvar uses. Deterministic for a given n."""

from __future__ import annotations

import random

THEMES = [
    "kommunikationsmål",
    "ansvar och roller",
    "tillgänglighet och klarspråk",
    "digitala kanaler",
    "kostnader och finansiering",
    "uppföljning och utvärdering",
    "medborgardialog",
    "krisberedskap",
]

_SENTENCES = {
    "kommunikationsmål": [
        "Nämnden anser att kommunikationsmålen behöver bli mätbara.",
        "Målen för kommunikationen bör kopplas till stadens övergripande mål.",
        "Vi saknar ett tydligt kommunikationsmål för interna målgrupper.",
        "Kommunikationsmålet om förtroende är svårt att följa över tid.",
    ],
    "ansvar och roller": [
        "Rollfördelningen mellan stadsledningskontoret och förvaltningarna är oklar.",
        "Ansvaret för kommunikationen i nämnderna bör förtydligas.",
        "Det behöver framgå vilken roll bolagen har när programmet genomförs.",
        "Förvaltningarnas ansvar och rollerna i kriskommunikationen måste beskrivas.",
    ],
    "tillgänglighet och klarspråk": [
        "Klarspråk bör gälla i all kommunikation med invånarna.",
        "Texterna måste vara tillgängliga för personer med funktionsnedsättning.",
        "Tillgängligheten på webben och i tryck behöver säkerställas.",
        "Information på lättläst svenska och andra språk efterfrågas.",
    ],
    "digitala kanaler": [
        "Sociala medier och webben bör bli de digitala huvudkanalerna.",
        "Den digitala kanalstrategin saknar en plan för sociala medier.",
        "Vi vill att digitala tjänster och kanaler samordnas i staden.",
        "Webbplatsens kanaler för invånare behöver utvecklas digitalt.",
    ],
    "kostnader och finansiering": [
        "Programmets kostnader är inte beräknade och finansieringen är oklar.",
        "Nämnden kan inte finansiera åtgärderna inom befintlig budget.",
        "Kostnaderna för översättning bör bäras centralt.",
        "Finansieringen av nya kanaler måste framgå av budgeten.",
    ],
    "uppföljning och utvärdering": [
        "Programmet behöver följas upp årligen med tydliga indikatorer.",
        "Uppföljningen bör redovisas i stadens årsrapport.",
        "En utvärdering efter två år vore värdefull.",
        "Det saknas en plan för hur resultaten ska utvärderas och följas upp.",
    ],
    "medborgardialog": [
        "Medborgardialogen bör ges större plats i programmet.",
        "Invånarnas synpunkter måste tas till vara genom dialog.",
        "Dialogen med föreningar och civilsamhället behöver stärkas.",
        "Fler former för medborgardialog i stadsdelarna efterfrågas.",
    ],
    "krisberedskap": [
        "Kriskommunikationen vid allvarliga händelser behöver övas.",
        "Krisberedskapen kräver att kommunikationen fungerar dygnet runt.",
        "Programmet bör beskriva kommunikationen vid kris och höjd beredskap.",
        "Samverkan med räddningstjänsten vid kriser saknas i förslaget.",
    ],
}

_FILLER = [
    "Nämnden tillstyrker i övrigt förslaget.",
    "Förvaltningen har inga ytterligare synpunkter på detta.",
    "Vi delar i stort utredningens bedömning.",
    "Detta är viktigt för stadens verksamheter.",
    "",
]

_PLACES = ["Södermalm", "Kungsholmen", "Spånga-Tensta", "Skärholmen", "Norrmalm", "Farsta", "Bromma",
           "Enskede-Årsta-Vantör", "Hässelby-Vällingby", "Rinkeby-Kista", "Östermalm", "Älvsjö"]


def synpunkter(n: int = 1000, seed: int = 7) -> list[tuple[str, str, str]]:
    """(organisation, text, theme) for n synpunkter, ten to an organisation."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        theme = THEMES[rnd.randrange(len(THEMES))]
        org = f"{_PLACES[(i // 10) % len(_PLACES)]} nämnd {i // 10 + 1}"
        parts = rnd.sample(_SENTENCES[theme], 2) + [rnd.choice(_FILLER)]
        # A number and a word of its own make every synpunkt different, as real ones are.
        parts.append(f"Se avsnitt {rnd.randrange(1, 40)}.{rnd.randrange(1, 9)} om ärende{i}.")
        rnd.shuffle(parts)
        out.append((org, " ".join(p for p in parts if p), theme))
    return out
