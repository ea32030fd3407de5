"""The CLI contract of ARCHITECTURE.md: show/list/import/export, exit codes, --json purity, dnr matching."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from remisstui import cli
from workers.common import folder_fingerprint, run_cli

SHOW_KEYS = {"dnr", "title", "sender", "sent_on", "deadline", "recipients"}
RECIPIENT_KEYS = {
    "organisation", "kind", "status", "deadline", "overdue", "extended", "own_dnr",
    "answered_on", "answer_kind", "stance", "comments",
}
SODERMALM = "Södermalms stadsdelsnämnd"


def check_example(view: dict) -> None:
    assert set(view) == SHOW_KEYS
    assert view["dnr"] == "KS 2024/112"
    assert view["title"] == "Kommunikationsprogram för Stockholms stad"
    assert view["deadline"] == "2024-04-29"
    recs = view["recipients"]
    assert len(recs) == 15
    names = [r["organisation"] for r in recs]
    assert len(set(names)) == 15
    for name in ("Arbetsmarknadsnämnden", "Förskolenämnden", "Idrottsnämnden", "Kulturnämnden"):
        assert name in names
    assert sum(r["kind"] == "stadsdelsnamnd" for r in recs) == 11
    for r in recs:
        assert set(r) == RECIPIENT_KEYS, r["organisation"]
        for c in r["comments"]:
            assert set(c) == {"text", "theme"}
        if r["organisation"] == SODERMALM:
            assert r["status"] == "answered"
            assert r["stance"] == "supports_with_comments"
            assert r["own_dnr"] == "SÖD 2024/145"
            assert r["overdue"] is False
            assert r["comments"], "Södermalm's synpunkter are missing"
            themes = {c["theme"] for c in r["comments"]}
            assert {"kommunikationsmål", "huvudbudskap", "rollfördelning", "omvärld och AI"} <= themes
        else:
            assert r["overdue"] is True, r["organisation"]
            assert r["status"] == "sent"


def test_show_json_subprocess_matches_example(tmp_path):
    data = tmp_path / "data"
    first = run_cli("show", "ks 2024/112", "--json", data=data)
    assert first.returncode == 0, first.stderr
    check_example(json.loads(first.stdout))  # stdout is pure JSON
    assert "lades in" in first.stderr and first.stderr.count("\n") == 1
    second = run_cli("show", "ks 2024/112", "--json", data=data)
    assert second.returncode == 0
    assert second.stderr == ""  # the seeding notice is said once
    assert json.loads(second.stdout) == json.loads(first.stdout)


def test_show_json_in_process(tmp_path, capsys):
    assert cli.main(["--data", str(tmp_path), "show", "ks 2024/112", "--json"]) == 0
    out, err = capsys.readouterr()
    check_example(json.loads(out))
    assert "var tom" in err


def test_data_from_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("REMISSTUI_DATA", str(tmp_path / "env"))
    assert cli.main(["list", "--json"]) == 0
    assert (tmp_path / "env" / "register.json").exists()
    rows = json.loads(capsys.readouterr().out)
    assert [r["dnr"] for r in rows] == ["KS 2024/112"]


@pytest.mark.parametrize("spelling", ["ks-2024-112", "KS2024/112", " ks 2024/112 ", "KS 2024/112", "Dnr KS 2024/112"])
def test_dnr_matching(tmp_path, capsys, spelling):
    assert cli.main(["--data", str(tmp_path), "show", spelling, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["dnr"] == "KS 2024/112"


def test_list_json_and_text(tmp_path, capsys):
    assert cli.main(["--data", str(tmp_path), "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 1
    row = rows[0]
    assert row["dnr"] == "KS 2024/112"
    assert row["recipients"] == 15 and row["answered"] == 1 and row["overdue"] == 14
    assert cli.main(["--data", str(tmp_path), "list"]) == 0
    out = capsys.readouterr().out
    assert "KS 2024/112" in out and "1/15" in out


def test_list_hides_closed_unless_all(tmp_path, capsys):
    from remisstui import services
    from remisstui.domain.model import RemissState

    store = services.open_store(tmp_path)
    services.ensure_seeded(store)
    services.set_state(store, "KS 2024/112", RemissState.closed)
    assert cli.main(["--data", str(tmp_path), "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert cli.main(["--data", str(tmp_path), "list", "--json", "--all"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1


def _one_line_error(proc) -> str:
    assert proc.returncode == 1, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


def test_unknown_dnr_is_one_line_exit_1(tmp_path):
    data = tmp_path / "d"
    run_cli("list", data=data)  # seed first, so the error is the only stderr line
    before = folder_fingerprint(data)
    proc = run_cli("show", "KS 1999/1", data=data)
    assert "KS 1999/1" in _one_line_error(proc)
    assert proc.stdout == ""
    proc = run_cli("export", "KS 1999/1", data=data)
    _one_line_error(proc)
    proc = run_cli("show", "KS 1999/1", "--json", data=data)
    _one_line_error(proc)
    assert proc.stdout == ""
    assert folder_fingerprint(data) == before


def test_missing_and_bad_toml_are_one_line_exit_1(tmp_path):
    data = tmp_path / "d"
    run_cli("list", data=data)
    before = folder_fingerprint(data)
    line = _one_line_error(run_cli("import", str(tmp_path / "nope.toml"), data=data))
    assert "nope.toml" in line
    bad = tmp_path / "bad.toml"
    bad.write_text('dnr = "KS 2024/1"\ntitle = "x\nstate = "out"\n', encoding="utf-8")
    line = _one_line_error(run_cli("import", str(bad), data=data))
    assert "bad.toml" in line and "rad 2" in line
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    _one_line_error(run_cli("import", str(folder), data=data))
    assert folder_fingerprint(data) == before


def test_export_to_missing_folder_is_user_error(tmp_path):
    data = tmp_path / "d"
    assert run_cli("list", data=data).returncode == 0
    line = _one_line_error(run_cli("export", "KS 2024/112", "-o", str(tmp_path / "no" / "x.toml"), data=data))
    assert "finns inte" in line
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("argv", [["frobnicate"], ["show"], ["list", "--bogus"], ["export"], ["--data"]])
def test_bad_usage_exits_2(tmp_path, argv, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(argv)
    assert exc.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_bad_usage_subprocess_exits_2(tmp_path):
    proc = run_cli("show", data=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_export_import_cli_round_trip(tmp_path):
    data = tmp_path / "d"
    out1 = tmp_path / "one.toml"
    out2 = tmp_path / "two.toml"
    proc = run_cli("export", "ks-2024-112", "-o", str(out1), data=data)
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("import", str(out1), data=data)
    assert proc.returncode == 0, proc.stderr
    assert "Uppdaterade" in proc.stderr
    proc = run_cli("export", "KS 2024/112", "-o", str(out2), data=data)
    assert proc.returncode == 0, proc.stderr
    assert out1.read_bytes() == out2.read_bytes()
    # Export to stdout gives the same bytes as to a file.
    proc = run_cli("export", "KS 2024/112", data=data)
    assert proc.stdout.encode() == out1.read_bytes()


def test_import_creates_new_remiss(tmp_path, capsys):
    src = tmp_path / "ny.toml"
    src.write_text(
        'dnr = "KS 2025/7"\ntitle = "Fiktiv remiss (påhittad)"\ndeadline = 2025-06-20\n'
        '[[recipients]]\norganisation = "SÖD"\n'
        '[[recipients]]\nlist = "Råd"\n',
        encoding="utf-8",
    )
    assert cli.main(["--data", str(tmp_path / "d"), "import", str(src)]) == 0
    assert "Skapade KS 2025/7" in capsys.readouterr().err
    assert cli.main(["--data", str(tmp_path / "d"), "show", "ks-2025-7", "--json"]) == 0
    view = json.loads(capsys.readouterr().out)
    names = [r["organisation"] for r in view["recipients"]]
    assert names[0] == SODERMALM
    assert len(names) >= 2
    # midsommarafton 2025-06-20 moves to Monday 2025-06-23
    assert {r["deadline"] for r in view["recipients"]} == {"2025-06-23"}
