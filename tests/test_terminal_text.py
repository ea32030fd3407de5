"""Terminal injection (issue 13.6): stored text reaches no terminal sink with its control codes.

A title holding `ESC ] 0 ; pwned BEL` renamed the tmux pane through `list`; OSC 52 could write the
clipboard the same way. domain/terminal_text.terminal_safe shows C0 (but tab and newline), DEL and
C1 as `\\u001b`-style escapes; the CLI writes every command's stdout and stderr through it, the TUI
every cell and title. Files written with -o keep the text as stored.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from remisstui.domain.terminal_text import CONTROL_RE, terminal_safe
from remisstui.store.repository import REMISS_DIR, Store
from workers.common import run_cli

DNR = "KS 2026/66"
TITLE = "Rubrik \x1b]0;pwned\x07 och \x9b31m slut"
ORG = "Nämnden \x1b[2J för test"
DESCRIPTION = "Rad ett\r\nRad två \x1b]52;c;aGVq\x07"
TOML = r'''dnr = "KS 2026/66"
title = "Rubrik \u001b]0;pwned\u0007 och \u009b31m slut"
description = "Rad ett\r\nRad två \u001b]52;c;aGVq\u0007"
sent_on = 2024-01-02
deadline = 2024-01-10

[[recipients]]
organisation = "Nämnden \u001b[2J för test"
'''
BAD_FILE = "KS-9\x1b]0;fil\x07.json"
RAW = ("\x1b", "\x07", "\x9b", "\r")


def assert_no_raw(text: str, where: str) -> None:
    found = sorted({repr(c) for c in text if CONTROL_RE.match(c) or c == "\r"})
    assert not found, f"{where}: raw {found}"


# --- the one function --------------------------------------------------------------------------


def test_terminal_safe_escapes_controls_visibly():
    assert terminal_safe(TITLE) == "Rubrik \\u001b]0;pwned\\u0007 och \\u009b31m slut"
    assert terminal_safe("a\tb\nc") == "a\tb\nc"
    assert terminal_safe("rad\r\nrad") == "rad\nrad"
    assert terminal_safe("över\rskriv") == "över\\u000dskriv"
    assert terminal_safe("Södermalm 🦆 [b]x[/b]") == "Södermalm 🦆 [b]x[/b]"
    assert terminal_safe("\x00\x7f\x85") == "\\u0000\\u007f\\u0085"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_terminal_safe_leaves_no_control_and_keeps_the_rest(text):
    safe = terminal_safe(text)
    assert not CONTROL_RE.search(safe) and "\r" not in safe
    assert CONTROL_RE.sub("", text.replace("\r\n", "\n").replace("\r", "")) == CONTROL_RE.sub(
        "", safe.replace("\\u000d", "")).replace("\\u", "\\u") or "\\u" in safe
    # Inside a JSON string the escape is JSON's own: it decodes back to the original.
    dumped = terminal_safe(json.dumps(text, ensure_ascii=False))
    assert json.loads(dumped) == text


# --- every CLI sink --------------------------------------------------------------------------------


def put_raw_text(data_dir, dnr, *, title, description=None, organisation=None):
    """Write text into a remiss file as an older version (before the store cleaned it) did."""
    import json

    from remisstui.domain.dnr import dnr_key

    for path in (data_dir / REMISS_DIR).glob("*.json"):
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
        if dnr_key(raw["remiss"]["1"]["dnr"]) != dnr_key(dnr):
            continue
        raw["remiss"]["1"]["title"] = title
        if description is not None:
            raw["remiss"]["1"]["description"] = description
        if organisation is not None:
            last = str(len(raw["recipients"]))
            raw["recipients"][last]["organisation"] = organisation
        path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
        return
    raise AssertionError(dnr)


@pytest.fixture
def hostile(data_dir, tmp_path):
    toml = tmp_path / "hostile.toml"
    toml.write_text(TOML, encoding="utf-8")
    proc = run_cli("import", str(toml), data=data_dir)
    assert proc.returncode == 0, proc.stderr
    # The store cleans control characters at its door now (issue 23 item 9); a file written by an
    # older version still holds them, and that is what every sink must show safely.
    put_raw_text(data_dir, DNR, title=TITLE, description=DESCRIPTION, organisation=ORG)
    (data_dir / REMISS_DIR / BAD_FILE).write_text("{", encoding="utf-8")
    remiss = Store(data_dir).load(DNR)
    assert (remiss.title, remiss.description, remiss.recipients[0].organisation) == (TITLE, DESCRIPTION, ORG)
    return data_dir


SINKS = [
    ["list"], ["list", "--all"], ["list", "--json"], ["show", DNR], ["show", DNR, "--json"],
    ["summary", DNR, "--format", "md"], ["summary", DNR, "--format", "csv"],
    ["summary", DNR, "--format", "json"], ["summary", DNR, "--format", "beredning"],
    ["summary", DNR, "--format", "html"], ["export", DNR], ["show", "KS 2026/66\x1b]0;x\x07"],
]


@pytest.mark.parametrize("argv", SINKS, ids=[" ".join(a).replace("\x1b", "ESC").replace("\x07", "BEL")
                                             for a in SINKS])
def test_no_cli_sink_writes_control_codes(hostile, argv):
    proc = run_cli(*argv, data=hostile)
    assert "Traceback" not in proc.stderr
    assert_no_raw(proc.stdout, "stdout")
    assert_no_raw(proc.stderr, "stderr")
    assert "KS-9\\u001b]0;fil\\u0007.json" in proc.stderr  # the warning names the file, escaped
    if argv[0] in ("list", "show") and proc.returncode == 0 and "--json" not in argv:
        assert "pwned" in proc.stdout
    if "--json" in argv or argv[-1] == "json":
        strings = set(_strings(json.loads(proc.stdout)))
        assert TITLE in strings  # decoded, the JSON holds the text exactly
        assert ORG in strings or argv[0] == "list"


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_remind_output_is_escaped_and_its_files_keep_the_text(hostile, tmp_path):
    out = tmp_path / "utkast"
    out.mkdir()
    proc = run_cli("remind", DNR, "-o", str(out), data=hostile)
    assert proc.returncode == 0, proc.stderr
    assert_no_raw(proc.stdout, "stdout")
    assert_no_raw(proc.stderr, "stderr")
    assert "Nämnden \\u001b[2J för test" in proc.stdout


def test_files_written_with_o_keep_the_text_as_it_is(hostile, tmp_path):
    md = tmp_path / "s.md"
    proc = run_cli("summary", DNR, "--format", "md", "-o", str(md), data=hostile)
    assert proc.returncode == 0, proc.stderr
    text = md.read_text(encoding="utf-8")
    assert "\x1b" in text and "pwned\x07" in text and "\x9b" in text and "\\u001b" not in text
    toml = tmp_path / "e.toml"
    assert run_cli("export", DNR, "-o", str(toml), data=hostile).returncode == 0
    import tomllib

    assert tomllib.loads(toml.read_text(encoding="utf-8"))["title"] == TITLE
