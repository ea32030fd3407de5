"""Text folded for matching: case and accents do not matter.

A registrator types fast and not always with å, ä and ö: "sodermalm" should find "Södermalms
stadsdelsnämnd" and "ostermalm" "Östermalm", in the remiss filter and in the search across every
recipient alike. One function for both, so the two never disagree about what matches.

`fold` keeps the length of lower-cased text (every accented letter becomes its one base letter),
so an offset found in folded text is an offset in the original: the search cuts its snippet from
the original text at the offset where the folded text matched.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold"]


def _accent_table() -> dict[int, str]:
    # Latin letters with diacritics (Latin-1 Supplement and Latin Extended-A/B): each to its base
    # letter when it decomposes into exactly one letter and combining marks. Letters that do not
    # decompose (æ, ø, ð, þ, ß) stay as they are.
    table: dict[int, str] = {}
    for cp in range(0xC0, 0x250):
        decomposed = unicodedata.normalize("NFD", chr(cp))
        if len(decomposed) > 1 and all(unicodedata.combining(ch) for ch in decomposed[1:]):
            table[cp] = decomposed[0]
    return table


_ACCENTS = _accent_table()
# str.translate with a dict is slow (~45 ns a character; ten years of answers are ~43 million):
# the letters Swedish text is full of are replaced with str.replace, which runs in C, and the
# rest of the table only when one of its letters is present at all.
_COMMON = tuple((ch, _ACCENTS[ord(ch)]) for ch in "åäöéèüáàâêëíìîïóòôúùûñç")
_RARE = re.compile("[" + "".join(chr(cp) for cp in _ACCENTS if chr(cp) not in dict(_COMMON)) + "]")


def fold(text: str) -> str:
    """Lower case without accents: fold("Södermalm") == "sodermalm"; len(fold(t)) == len(t.lower())."""
    folded = text.lower()
    if folded.isascii():
        return folded
    for accented, base in _COMMON:
        if accented in folded:
            folded = folded.replace(accented, base)
    if _RARE.search(folded):
        folded = folded.translate(_ACCENTS)
    return folded
