"""Layers: nothing under domain/, store/ or formats/ imports Textual; heavy libraries load lazily."""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import pytest

from workers.common import PYTHON

PKG = Path(__file__).resolve().parents[1] / "remisstui"
PURE = ("domain", "store", "formats")
HEAVY = ("docx", "openpyxl", "pypdf")


def _modules(sub: str) -> list[Path]:
    return sorted((PKG / sub).rglob("*.py"))


def _module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
            "import_module", "__import__"
        ):
            for arg in node.args[:1]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    names.add(arg.value)
    return names


ALL_PURE = [p for sub in PURE for p in _modules(sub)]


def test_there_are_modules_to_check():
    assert len(ALL_PURE) >= 10
    assert any(p.name == "repository.py" for p in ALL_PURE)


@pytest.mark.parametrize("path", ALL_PURE, ids=lambda p: str(p.relative_to(PKG)))
def test_pure_layers_never_import_textual_or_upper_layers(path):
    names = _imported_names(path)
    assert not {n for n in names if n == "textual" or n.startswith("textual.")}, path
    assert not {n for n in names if n == "rich" or n.startswith("rich.")}, path
    tree = ast.parse(path.read_text(encoding="utf-8"))
    layer = path.relative_to(PKG).parts[0]
    module = _module_name(path).split(".")
    package = module if path.name == "__init__.py" else module[:-1]
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = package[: len(package) - (node.level - 1)]
            absolute = base + (node.module.split(".") if node.module else [])
        else:
            absolute = (node.module or "").split(".")
        if absolute[0] != "remisstui":
            continue
        # store and formats may use domain; domain only itself.
        allowed = ("domain",) if layer == "domain" else ("domain", layer)
        assert len(absolute) > 1 and absolute[1] in allowed, (str(path), ".".join(absolute))


def test_importing_each_pure_module_loads_no_textual():
    names = [_module_name(p) for p in ALL_PURE]
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'docx', 'openpyxl', 'pypdf'))\n"
        "print(','.join(bad))\n"
    )
    proc = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


@pytest.mark.parametrize("module", ["remisstui.cli", "remisstui.services", "remisstui.tui.app"])
def test_heavy_libraries_not_imported_at_start_up(module):
    code = (
        "import importlib, sys\n"
        "try:\n"
        f"    importlib.import_module({module!r})\n"
        "except ModuleNotFoundError as exc:\n"
        f"    if exc.name != {module!r}: raise\n"
        "    print('MISSING'); raise SystemExit\n"
        "from remisstui import cli\n"
        "cli._load_extra_commands(); cli.build_parser()\n"
        f"print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})))\n"
    )
    proc = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    if proc.stdout.strip() == "MISSING":
        pytest.skip(f"{module} does not exist yet")
    assert proc.stdout.strip() == "", f"{module} imports {proc.stdout.strip()} at start-up"


def test_cli_list_does_not_import_textual(tmp_path):
    code = (
        "import sys\n"
        "from remisstui import cli\n"
        f"rc = cli.main(['--data', {str(tmp_path)!r}, 'list', '--json'])\n"
        "print('LOADED=' + ','.join(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'docx', 'openpyxl', 'pypdf'})), file=sys.stderr)\n"
    )
    proc = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "LOADED=\n" in proc.stderr


# The service modules beside services.py (search, folding, exporting …) sit below the TUI too:
# the CLI and tests use them without Textual. Only the CLI's own modules may reach the TUI.
SERVICE_MODULES = sorted(
    p for p in PKG.glob("*.py") if p.stem not in ("__init__", "__main__", "cli") and not p.stem.startswith("cli_")
)


@pytest.mark.parametrize("path", SERVICE_MODULES, ids=lambda p: p.name)
def test_service_modules_never_import_textual(path):
    assert len(SERVICE_MODULES) >= 5
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = _imported_names(path)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level and node.module:
            names.add("remisstui." + node.module)
    assert not {n for n in names if n.split(".")[0] == "textual" or n.startswith("remisstui.tui")}, path
