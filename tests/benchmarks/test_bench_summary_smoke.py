"""bench_summary.py must not rot: run it at the smallest size and check it prints every format.

Nothing here is about time: the numbers are informational.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_summary  # noqa: E402

from remisstui.formats.summary_formats import FORMATS  # noqa: E402


def test_bench_summary_runs_and_scales_the_remiss(capsys):
    assert len(bench_summary.scaled_remiss(150).recipients) == 150
    names = [r.organisation for r in bench_summary.scaled_remiss(150).recipients]
    assert len(set(names)) == 150  # copies are distinct recipients
    bench_summary.main(1, (60,))
    out = capsys.readouterr().out
    assert "60 mottagare" in out
    for code in FORMATS:
        assert f"  {code}" in out
