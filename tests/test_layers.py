"""Layers: the tree shows them, each imports only downwards, and no modules import each other.

The import graph is read from the source (every import statement, also inside functions, and
importlib calls with a constant name), so a circle hidden in a function body fails here too.
"""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import pytest

from workers.common import PYTHON

PKG = Path(__file__).resolve().parents[1] / "remisstui"
ROOT_FILES = {"__init__.py", "__main__.py"}
LAYERS = ("domain", "store", "formats", "services", "tui", "cli")
# What each layer may import from remisstui (itself always).
ALLOWED = {
    "domain": {"domain"},
    "store": {"domain", "store"},
    "formats": {"domain", "formats"},
    "services": {"domain", "store", "formats", "services"},
    "tui": {"domain", "store", "formats", "services", "tui"},
    "cli": {"domain", "store", "formats", "services", "tui", "cli"},
}
BELOW_TUI = ("domain", "store", "formats", "services")
HEAVY = ("docx", "openpyxl", "pypdf", "pypdfium2")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PKG.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PKG.rglob("*.py"))}


def _resolve(base: str, name: str) -> str:
    """The module an import names: `pkg.mod` if that is a module of ours, else the package."""
    candidate = f"{base}.{name}" if base else name
    return candidate if candidate in MODULES else base


def imports_of(module: str) -> set[str]:
    """Every remisstui module (and every outside top-level package) `module` imports."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - (node.level - 1)])
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module or ""
            for alias in node.names:
                out.add(_resolve(base, alias.name))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
            "import_module", "__import__"
        ):
            for arg in node.args[:1]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and not arg.value.startswith("."):
                    out.add(arg.value)
    out.discard(module)
    return out


GRAPH = {m: {i for i in imports_of(m) if i in MODULES} for m in MODULES}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def test_the_package_root_holds_only_the_layers():
    loose = sorted(p.name for p in PKG.glob("*.py") if p.name not in ROOT_FILES)
    assert loose == [], f"loose modules at the package root: {loose}"
    packages = sorted(p.name for p in PKG.iterdir() if p.is_dir() and (p / "__init__.py").exists())
    assert packages == sorted(LAYERS)


def test_the_graph_sees_the_modules_it_checks():
    # Guards the test itself: renaming a module must not make the checks below vacuous.
    for name in ("remisstui.store.repository", "remisstui.services.remisser", "remisstui.tui.app",
                 "remisstui.tui.actions", "remisstui.cli", "remisstui.domain.folding"):
        assert name in MODULES, name
    assert "remisstui.store.repository" in GRAPH["remisstui.services.remisser"]
    assert "remisstui.tui.actions" in GRAPH["remisstui.tui.screens.remiss"]


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _layer(m) in ALLOWED))
def test_each_layer_imports_only_downwards(module):
    layer = _layer(module)
    for target in imports_of(module):
        if target.split(".")[0] in ("textual", "rich") and layer in BELOW_TUI:
            pytest.fail(f"{module} imports {target}: nothing below tui/ imports Textual")
        if target in MODULES and _layer(target):
            assert _layer(target) in ALLOWED[layer], f"{module} imports {target}"


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_cycle_finder_finds_a_circle_through_a_function_import():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_modules_import_each_other():
    assert _cycles(GRAPH) == []


def test_only_the_cli_imports_the_app():
    importers = sorted(m for m, deps in GRAPH.items() if "remisstui.tui.app" in deps)
    assert importers and all(m == "remisstui.cli" or m.startswith("remisstui.cli.") for m in importers), importers


def test_screens_reach_shared_actions_through_actions_not_the_app():
    for module, deps in GRAPH.items():
        if module.startswith("remisstui.tui.screens."):
            assert "remisstui.tui.app" not in deps, module


def test_importing_each_pure_module_loads_no_textual():
    names = [m for m in MODULES if _layer(m) in BELOW_TUI]
    assert len(names) >= 30
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual',) + {HEAVY!r})\n"
        "print(','.join(bad))\n"
    )
    proc = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


@pytest.mark.parametrize("module", ["remisstui.cli", "remisstui.services", "remisstui.tui.app"])
def test_heavy_libraries_not_imported_at_start_up(module):
    assert module in MODULES
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        "from remisstui import cli\n"
        "cli.build_parser(cli.load_commands())\n"
        f"print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})))\n"
    )
    proc = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
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
