"""Shared helpers for the foundation and reliability tests (imported, and used by worker scripts)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_PY = ROOT / ".venv" / "bin" / "python"
VENV_CLI = ROOT / ".venv" / "bin" / "remisstui"
PYTHON = str(VENV_PY if VENV_PY.exists() else Path(sys.executable))
WORKERS = Path(__file__).resolve().parent


def folder_fingerprint(folder: Path) -> dict[str, str]:
    """Every file under `folder` (relative name -> sha256 of its bytes): compare before/after."""
    out = {}
    for p in sorted(Path(folder).rglob("*")):
        if p.is_file():
            out[str(p.relative_to(folder))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def run_cli(*args: str, data: Path | None = None, env: dict | None = None, timeout: float = 60,
            input: str | None = None) -> subprocess.CompletedProcess:
    cmd = [str(VENV_CLI)] if VENV_CLI.exists() else [PYTHON, "-m", "remisstui"]
    if data is not None:
        cmd += ["--data", str(data)]
    cmd += list(args)
    full_env = dict(os.environ)
    full_env.pop("REMISSTUI_DATA", None)
    full_env.update(env or {})
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=full_env, input=input)


def worker(name: str) -> str:
    return str(WORKERS / name)
