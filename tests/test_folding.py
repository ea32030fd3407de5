"""folding.fold: what the remiss filter and the search across recipients match on."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from remisstui.domain.folding import fold


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Södermalms stadsdelsnämnd", "sodermalms stadsdelsnamnd"),
        ("ÖSTERMALM", "ostermalm"),
        ("Ålandsfrågan", "alandsfragan"),
        ("Café Ñandú", "cafe nandu"),
        ("Māori Čapek Łódź", "maori capek łodz"),  # the rarer letters (Ł does not decompose)
        ("Kulturnämnden [/x]", "kulturnamnden [/x]"),
        ("Æbleø straße", "æbleø straße"),  # letters that do not decompose stay
        ("", ""),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_fold_keeps_the_length_of_lower_cased_text():
    # The search cuts its snippet from the original at the offset found in the folded text.
    sample = "".join(chr(cp) for cp in range(0x20, 0x250)) + "Ω ǅ ﬁ"
    for ch in sample:
        assert len(fold(ch)) == len(ch.lower()), ch


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_fold_keeps_offsets_for_any_text(text):
    folded = fold(text)
    assert len(folded) == len(text.lower())
    assert fold(folded) == folded  # folding twice changes nothing
