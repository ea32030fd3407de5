"""Bad documents give one Swedish DocumentError, quickly; random text never raises anything else."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remisstui.formats.document import DocumentError, parse_text, read_document
from remisstui.formats.document.extract import decode_text
from helpers import SEED



def _blank_pdf(path: Path) -> None:
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=595, height=842)
    with open(path, "wb") as fh:
        w.write(fh)


def test_encrypted_pdf(tmp_path):
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=595, height=842)
    w.encrypt("hemligt")
    p = tmp_path / "skyddad.pdf"
    with open(p, "wb") as fh:
        w.write(fh)
    with pytest.raises(DocumentError, match="lösenordsskyddad"):
        read_document(p)


def test_pdf_without_text(tmp_path):
    p = tmp_path / "skannad.pdf"
    _blank_pdf(p)
    with pytest.raises(DocumentError, match=r"Dokumentet saknar text \(inskannat\?\)"):
        read_document(p)


def test_empty_file(tmp_path):
    p = tmp_path / "tom.pdf"
    p.write_bytes(b"")
    with pytest.raises(DocumentError, match="tom"):
        read_document(p)


def test_random_bytes_named_pdf(tmp_path):
    p = tmp_path / "brus.pdf"
    p.write_bytes(os.urandom(5000))
    with pytest.raises(DocumentError, match="PDF"):
        read_document(p)


def test_truncated_pdf(tmp_path):
    p = tmp_path / "trasig.pdf"
    p.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n" + os.urandom(300))
    with pytest.raises(DocumentError):
        read_document(p)


def test_random_bytes_named_docx(tmp_path):
    p = tmp_path / "brus.docx"
    p.write_bytes(b"PK\x03\x04" + os.urandom(2000))
    with pytest.raises(DocumentError, match="Word"):
        read_document(p)


def test_binary_named_txt(tmp_path):
    p = tmp_path / "bild.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(2000))
    with pytest.raises(DocumentError, match="läsbar text"):
        read_document(p)


def test_huge_file_refused_without_reading(tmp_path, monkeypatch):
    import builtins

    p = tmp_path / "enorm.pdf"
    with open(p, "wb") as fh:
        fh.truncate(51 * 1024 * 1024)  # sparse: nothing is written
    opened = []
    real_open = builtins.open

    def spy(file, *args, **kwargs):
        if str(file) == str(p):
            opened.append(args)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    with pytest.raises(DocumentError, match="för stor"):
        read_document(p)
    assert opened == []  # refused on its size alone: not a byte was read


def test_directory_and_missing_and_unknown(tmp_path):
    with pytest.raises(DocumentError, match="mapp"):
        read_document(tmp_path)
    with pytest.raises(DocumentError, match="finns inte"):
        read_document(tmp_path / "saknas.pdf")
    odd = tmp_path / "svar.odt"
    odd.write_text("text")
    with pytest.raises(DocumentError, match="stöds inte"):
        read_document(odd)
    old = tmp_path / "svar.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"x" * 100)
    with pytest.raises(DocumentError, match=r"\.doc"):
        read_document(old)


def test_errors_are_swedish_value_errors(tmp_path):
    p = tmp_path / "tom.txt"
    p.write_bytes(b"")
    with pytest.raises(ValueError) as exc:
        read_document(p)
    assert str(exc.value).startswith("Filen")


@pytest.mark.parametrize(
    "data, expected",
    [
        ("Förvaltningen ställer sig positiv – så är det.".encode("utf-8"), "Förvaltningen ställer sig positiv – så är det."),
        ("\ufeffÅrsta och Älvsjö".encode("utf-8"), "Årsta och Älvsjö"),
        ("Förvaltningen ställer sig positiv – så är det.".encode("cp1252"), "Förvaltningen ställer sig positiv – så är det."),
        ("Södermalms stadsdelsnämnd, Ärendet".encode("latin-1"), "Södermalms stadsdelsnämnd, Ärendet"),
    ],
)
def test_encodings(data, expected):
    assert decode_text(data) == expected


_SWEDISH_TEXT = st.text(
    alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzåäöÅÄÖ ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,:;-/()§\n\t\u00ad\u00a0[]@+")),
    max_size=3000,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_SWEDISH_TEXT)
def test_random_text_only_document_error(text):
    try:
        parse_text(text)
    except DocumentError:
        pass


@pytest.mark.skipif(not SEED.exists(), reason="shared seed not present")
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_seed_only_document_error(data):
    text = SEED.read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(0, 12))):
        i = data.draw(st.integers(0, max(0, len(text) - 1)))
        j = data.draw(st.integers(i, min(len(text), i + 400)))
        op = data.draw(st.sampled_from(["delete", "dup", "insert", "upper"]))
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "dup":
            text = text[:j] + text[i:j] + text[j:]
        elif op == "upper":
            text = text[:i] + text[i:j].upper() + text[j:]
        else:
            text = text[:i] + data.draw(st.text(max_size=50)) + text[i:]
    try:
        d = parse_text(text)
        d.as_json()
    except DocumentError:
        pass


def _python_calls(fn) -> int:
    """How many Python and C function calls fn makes: a count of work that does not depend on the
    machine's load, so growth can be checked without timing anything."""
    import sys

    n = 0

    def prof(frame, event, arg):
        nonlocal n
        if event in ("call", "c_call"):
            n += 1

    sys.setprofile(prof)
    try:
        fn()
    except DocumentError:
        pass
    finally:
        sys.setprofile(None)
    return n


@pytest.mark.parametrize(
    "unit, count",
    [
        ("a", 10_000),
        ("H ", 3_000),
        ("-\n", 3_000),
        ("Dnr ", 1_600),
        ("x@", 3_000),
        ("Sid 1 (2)\n", 1_600),
        ("senast den ", 1_000),
        ("(", 10_000),
        ("Förvaltningen ", 1_600),
        ("Fi2025/00001 ", 800),
        ("Myndigheten för ", 800),
        ("Region Test ", 800),
        ("Handläggare Anna Berg ", 600),
        ("Dnr KS 2024/112 ", 600),  # many numbers: each must not be compared with all the others
        ("Diarienummer 12-345/2024 ", 600),
    ],
)
def test_pathological_inputs_grow_linearly(unit, count):
    # Twice the text may cost about twice the work, never four times: no rule may be quadratic.
    small = _python_calls(lambda: parse_text(unit * count))
    big = _python_calls(lambda: parse_text(unit * (2 * count)))
    assert big <= 2.6 * small + 5_000, (unit, small, big)
