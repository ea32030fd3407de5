import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from remisstui.domain.dnr import Dnr, dnr_key, dnr_slug, find_dnrs, is_valid_dnr, parse_dnr

SLUG_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@pytest.mark.parametrize(
    "text, raw, prefix, year, number",
    [
        ("KS 2024/112", "KS 2024/112", "KS", 2024, "112"),
        ("SÖD 2024/145", "SÖD 2024/145", "SÖD", 2024, "145"),
        ("KS-2014/742.912", "KS-2014/742.912", "KS", 2014, "742.912"),
        ("Dnr 179-2103/2016", "179-2103/2016", "179", 2016, "2103"),
        ("Dnr 001-1253/2011", "001-1253/2011", "001", 2011, "1253"),
        ("Dnr 1.5.1-135-2012", "1.5.1-135-2012", "1.5.1", 2012, "135"),
        ("2023/BUN 0214", "2023/BUN 0214", "BUN", 2023, "0214"),
        ("Dnr 2016/0272 KS-2", "2016/0272 KS-2", "KS", 2016, "0272"),
        ("Ju2025/00949", "Ju2025/00949", "Ju", 2025, "00949"),
        ("N2015/06917/PUB", "N2015/06917/PUB", "N", 2015, "06917"),
        ("S2014/5195/PBB", "S2014/5195/PBB", "S", 2014, "5195"),
        ("KN2026/00741", "KN2026/00741", "KN", 2026, "00741"),
        ("3.1-4788-2026", "3.1-4788-2026", "3.1", 2026, "4788"),
        ("Dnr: KS 2024/112", "KS 2024/112", "KS", 2024, "112"),
        ("dnr KS 2024/112", "KS 2024/112", "KS", 2024, "112"),
        ("  KS 2024/112  ", "KS 2024/112", "KS", 2024, "112"),
    ],
)
def test_parse_dnr_formats(text, raw, prefix, year, number):
    d = parse_dnr(text)
    assert isinstance(d, Dnr)
    assert (d.raw, d.prefix, d.year, d.number) == (raw, prefix, year, number)
    assert d.key == dnr_key(text)


def test_parse_dnr_odd_inputs():
    assert parse_dnr("") == Dnr("", "", None, None, None)
    assert parse_dnr("xyz").year is None
    assert parse_dnr("Dnr 2103/16").year is None
    assert parse_dnr("ks-2024-112").year == 2024


def test_dnr_key_equivalences():
    keys = {dnr_key(t) for t in ["ks-2024-112", "KS 2024/112", "ks2024/112", "Dnr: KS 2024/112",
                                  " K S 2024 / 112 ", "KS–2024–112"]}
    assert keys == {"ks2024/112"}
    assert dnr_key("SÖD 2024/145") == "söd2024/145"
    # Composed and decomposed Ö must match.
    assert dnr_key("SO\u0308D 2024/145") == dnr_key("SÖD 2024/145")
    assert dnr_key("Ju2025/00949") != dnr_key("Ju2025/949")
    assert dnr_key("Dnr") == ""
    # "dnr" only goes when it is a word of its own.
    assert dnr_key("dnrx 1") == "dnrx1"


def test_dnr_key_keeps_number_boundaries():
    """Issue 23 item 6: the key kept only letters and digits, so two remisser shared a file."""
    assert dnr_key("KS 2023/123.45") != dnr_key("KS 2023/1234.5")
    assert dnr_key("KS 2024/112") != dnr_key("KS 2024.112")
    assert dnr_key("KS 2024/1/12") != dnr_key("KS 2024/11/2")


@pytest.mark.parametrize(
    "text, ok",
    [
        ("KS 2024/112", True),
        ("3.1-4788-2026", True),
        ("", False),
        ("   ", False),
        ("KS", False),
        ("KS 2024/112\n", True),  # surrounding whitespace is stripped
        ("KS 2024\n/112", False),
        ("KS\x00 2024/112", False),
        ("KS\u200b2024/112", False),
        ("1" * 60, True),
        ("1" * 61, False),
    ],
)
def test_is_valid_dnr(text, ok):
    assert is_valid_dnr(text) is ok


@pytest.mark.parametrize(
    "text, slug",
    [
        ("KS 2024/112", "KS-2024-112"),
        ("SÖD 2024/145", "SOD-2024-145"),
        ("KS-2014/742.912", "KS-2014-742.912"),
        ("Dnr 179-2103/2016", "179-2103-2016"),
        ("2023/BUN 0214", "2023-BUN-0214"),
        ("N2015/06917/PUB", "N2015-06917-PUB"),
        ("../../x", "x"),
        ("..\\..\\x", "x"),
        ("/etc/passwd", "etc-passwd"),
        ("a..b", "a-b"),
        ("", "remiss"),
        ("...", "remiss"),
        ("ÅÄÖ", "AAO"),
        ("NUL", "dnr-NUL"),
    ],
)
def test_dnr_slug_examples(text, slug):
    assert dnr_slug(text) == slug


def test_dnr_slug_max_length():
    s = dnr_slug("KS " + "1" * 200)
    assert len(s) <= 80 and SLUG_RE.match(s)


def test_find_dnrs_in_running_text():
    text = (
        "Remiss från kommunstyrelsen (dnr 179-2103/2016). Dnr SÖD 2024/145 och KS 2024/112, "
        "se även KN2026/00741 samt 3.1-4788-2026. Ring 08-508 121 96, Box 112 25 Stockholm, "
        "senast 2024-02-14 eller 14-02-2024. Dnr 2016/0272 KS-2, 2023/BUN 0214, Ju2025/00949, "
        "N2015/06917/PUB och S2014/5195/PBB. Budget 2024/25, I 2024/25 ingår."
    )
    found = find_dnrs(text)
    raws = [r for r, _ in found]
    assert raws == [
        "179-2103/2016", "SÖD 2024/145", "KS 2024/112", "KN2026/00741", "3.1-4788-2026",
        "2016/0272 KS-2", "2023/BUN 0214", "Ju2025/00949", "N2015/06917/PUB", "S2014/5195/PBB",
    ]
    for raw, start in found:
        assert text[start:start + len(raw)] == raw


@pytest.mark.parametrize(
    "text",
    ["2024-02-14", "14-02-2024", "08-508 121 96", "112 25 Stockholm", "Budget 2024/25",
     "tel 08-508 00 000", "1.5 miljoner 2024", "kl. 14.30 den 3/4 2024"],
)
def test_find_dnrs_ignores_non_dnrs(text):
    assert find_dnrs(text) == []


def test_find_dnrs_after_dnr_word_is_loose():
    assert find_dnrs("Vårt dnr: 12345.") == [("12345", 10)]
    assert find_dnrs("dnr ks 2024/112") == [("ks 2024/112", 4)]
    assert find_dnrs("Dnr saknas") == []


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_dnr_functions_never_raise(text):
    d = parse_dnr(text)
    assert d.key == dnr_key(text)
    assert isinstance(is_valid_dnr(text), bool)
    slug = dnr_slug(text)
    assert SLUG_RE.match(slug) and ".." not in slug and len(slug) <= 80
    for raw, start in find_dnrs(text):
        assert text[start:start + len(raw)] == raw


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("./\\-_ .:ÅÖéx1\x00\n"), max_size=120))
def test_dnr_slug_is_path_safe(text):
    slug = dnr_slug(text)
    assert SLUG_RE.match(slug)
    assert ".." not in slug and "/" not in slug and "\\" not in slug


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["KS", "SÖD", "BUN", "Ju", "KN"]),
    st.integers(1900, 2099),
    st.integers(1, 99999),
    st.sampled_from([" ", "-", ""]),
)
def test_dnr_key_ignores_separators(prefix, year, number, sep):
    a = dnr_key(f"{prefix}{sep}{year}/{number}")
    b = dnr_key(f"{prefix.lower()} {year}-{number}")
    assert a == b
    d = parse_dnr(f"{prefix}{sep}{year}/{number}")
    assert (d.prefix, d.year, d.number) == (prefix, year, str(number))
