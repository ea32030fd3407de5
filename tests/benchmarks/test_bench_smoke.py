"""The benchmark must not rot: run it at the small scale and check every key it documents.

Nothing here is about time: the numbers are informational and printed by bench.py itself.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench  # noqa: E402


def test_bench_small_writes_every_key_as_a_number(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(HERE / "bench.py"), "--scale", "small", "--runs", "1", "--json", str(out)],
        capture_output=True, text=True, timeout=240, cwd=HERE.parents[1],
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data) == bench.KEYS
    missing = {k: v for k, v in data.items() if not isinstance(v, (int, float)) or isinstance(v, bool)}
    assert not missing, f"not measured: {missing}\n{proc.stdout[-3000:]}"
    # the documented metrics are all in the printed table, with a verdict where there is a target
    for key in bench.KEYS:
        assert key in proc.stdout
    assert proc.stdout.count("PASS") + proc.stdout.count("FAIL") == len(bench.TARGETS)
    assert data["remisser"] == bench.SCALES["small"] and data["search_text_hits"] > 0
