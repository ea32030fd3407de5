"""Hostile files and a hostile machine, round three (issue 23): one test per way in.

Each test drives the real code path with a crafted input and checks the Swedish line and that
nothing was stored. Costly variants (gigabyte inputs, long hangs) run with `-m long`; by default
the limits are made small so the same code path runs in seconds.
"""

from __future__ import annotations

from remisstui.store.repository import REMISS_DIR
from workers.common import folder_fingerprint, run_cli


def _toml(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# --- item 6: two dnr that differ only in where "/" and "." sit are two remisser -------------------


def test_colliding_dnr_are_two_remisser(data_dir, tmp_path):
    a = _toml(tmp_path, "a.toml", 'dnr = "KS 2023/123.45"\ntitle = "Första"\n')
    b = _toml(tmp_path, "b.toml", 'dnr = "KS 2023/1234.5"\ntitle = "Andra"\n')
    assert run_cli("import", str(a), data=data_dir).returncode == 0
    proc = run_cli("import", str(b), data=data_dir)
    assert proc.returncode == 0, proc.stderr
    first = run_cli("show", "KS 2023/123.45", data=data_dir)
    second = run_cli("show", "KS 2023/1234.5", data=data_dir)
    assert "Första" in first.stdout and "Andra" not in first.stdout
    assert "Andra" in second.stdout
    assert len([p for p in (data_dir / REMISS_DIR).iterdir() if "2023" in p.name]) == 2
