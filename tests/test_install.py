"""The package works installed from a built wheel, bundled data included, not only editable."""

from __future__ import annotations

import json
import os
import subprocess
import zipfile
from pathlib import Path

import pytest

from workers.common import PYTHON, ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [PYTHON, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=300, cwd=out,
    )
    if proc.returncode != 0 and "Could not find a version" in proc.stderr + proc.stdout:
        pytest.skip("no network to fetch the build backend")
    assert proc.returncode == 0, proc.stderr[-3000:]
    wheels = list(out.glob("remisstui-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def _names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as zf:
        return set(zf.namelist())


def test_wheel_has_bundled_data_and_styles(wheel):
    names = _names(wheel)
    assert "remisstui/data/organisations.toml" in names
    assert "remisstui/data/examples/ks-2024-112.toml" in names
    tcss = {str(p.relative_to(ROOT)) for p in (ROOT / "remisstui").rglob("*.tcss")}
    assert tcss and tcss <= names
    assert "remisstui/__main__.py" in names
    assert any(n.endswith("entry_points.txt") for n in names)


def test_wheel_has_every_module(wheel):
    names = _names(wheel)
    source = {str(p.relative_to(ROOT)) for p in (ROOT / "remisstui").rglob("*.py")}
    missing = sorted(source - names)
    assert missing == [], "add the package to [tool.setuptools] packages in pyproject.toml"


def test_installed_wheel_runs_from_its_own_files(wheel, tmp_path):
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    env = dict(os.environ)
    env.pop("REMISSTUI_DATA", None)
    env["PYTHONPATH"] = str(site)
    data = tmp_path / "data"
    proc = subprocess.run(
        [PYTHON, "-c", "import remisstui, sys; print(remisstui.__file__)"],
        capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path,
    )
    assert proc.stdout.strip().startswith(str(site)), proc.stdout + proc.stderr
    proc = subprocess.run(
        [PYTHON, "-m", "remisstui", "--data", str(data), "show", "ks-2024-112", "--json"],
        capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    view = json.loads(proc.stdout)
    assert view["dnr"] == "KS 2024/112" and len(view["recipients"]) == 15


def test_python_dash_m_works(tmp_path):
    proc = subprocess.run([PYTHON, "-m", "remisstui", "--data", str(tmp_path), "list", "--json"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)[0]["dnr"] == "KS 2024/112"
    proc = subprocess.run([PYTHON, "-m", "remisstui", "nonsense"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
