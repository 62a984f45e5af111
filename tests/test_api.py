"""The package's public face and the direction of its imports."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import stockrights

SRC = Path(stockrights.__file__).resolve().parent
FORBIDDEN_IN_CORE = {"xlwings", "openpyxl", "formulas", "lxml", "schedula", "pandas"}


def test_all_is_importable_and_sorted() -> None:
    """Every name in __all__ exists, and __all__ has no duplicates."""
    assert len(set(stockrights.__all__)) == len(stockrights.__all__)
    for name in stockrights.__all__:
        assert hasattr(stockrights, name), name


def test_all_lists_every_public_name_of_the_core_modules() -> None:
    """Each core module's __all__ is re-exported from the package (the curated API is complete)."""
    missing = []
    for path in sorted(SRC.glob("*.py")):
        if path.name.startswith("_") or path.stem in {"cli", "example"}:
            continue
        module = importlib.import_module(f"stockrights.{path.stem}")
        missing += [
            f"{path.stem}.{n}"
            for n in getattr(module, "__all__", ())
            if n not in stockrights.__all__
        ]
    assert missing == []


def _imports(path: Path, *, top_level: bool = True) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {n.split(".")[0] for n in names} if top_level else names


def test_core_imports_no_excel_or_workbook_library() -> None:
    """No core module imports xlwings, openpyxl, formulas, lxml or pandas (one-way imports)."""
    offenders = {
        p.name: _imports(p) & FORBIDDEN_IN_CORE for p in SRC.glob("*.py") if p.name != "cli.py"
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_core_does_not_import_the_outer_layers() -> None:
    """Core modules never import stockrights.excel, stockrights.workbooks or stockrights.cli."""
    layers = ("stockrights.excel", "stockrights.workbooks", "stockrights.cli")
    bad = [
        f"{p.name} -> {name}"
        for p in SRC.glob("*.py")
        if p.name != "cli.py"
        for name in _imports(p, top_level=False)
        if name.startswith(layers)
    ]
    assert bad == []


def test_importing_the_package_has_no_heavy_side_effects() -> None:
    """`import stockrights` loads no Excel/workbook library and no exchange calendar."""
    code = (
        "import sys, stockrights; "
        "print(sorted(m for m in ('xlwings','openpyxl','formulas','exchange_calendars',"
        "'pandas') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_readme_names_only_real_functions() -> None:
    """Every SAR_ function and every Python name in the README's capability table exists."""
    import re

    from stockrights.excel.udfs import UDFS

    readme = (SRC.parents[1] / "README.md").read_text(encoding="utf-8")
    udfs = {f.__name__ for f in UDFS}
    assert set(re.findall(r"\bSAR_[A-Z_]+\b", readme)) - {"SAR_"} <= udfs
    table = [line for line in readme.splitlines() if line.startswith("| (")]
    python_names = {
        n for line in table for n in re.findall(r"`([a-z_]+|[A-Z][A-Za-z]+)`", line.split("|")[3])
    }
    assert python_names
    assert {n for n in python_names if not hasattr(stockrights, n)} == set()
