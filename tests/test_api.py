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
    """`import stockrights` loads no Excel/workbook library, no scipy, pandas or exchange calendar.

    scipy.special is imported by the first array price or Greek, scipy.optimize by the first
    implied volatility; the exchange calendar is a shipped table (``stockrights._xtks``).
    """
    code = (
        "import sys, stockrights; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('xlwings', 'openpyxl', "
        "'formulas', 'exchange_calendars', 'pandas', 'scipy')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_scipy_is_imported_where_an_array_price_is_computed() -> None:
    """The lazy import still prices: an array price loads scipy.special, a scalar one does not."""
    code = (
        "import sys, numpy as np, stockrights as s; "
        "a = s.bsm_call_price(share_price=60.0, exercise_price=65.0, term_years=0.25, "
        "volatility=0.3, risk_free_rate=0.08, dividend_yield=0.0); "
        "before = 'scipy.special' in sys.modules; "
        "b = s.bsm_call_price(share_price=np.array([60.0]), exercise_price=65.0, "
        "term_years=0.25, volatility=0.3, risk_free_rate=0.08, dividend_yield=0.0); "
        "print(before, 'scipy.special' in sys.modules, round(a, 4), round(float(b[0]), 4))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # Haug (2007), p. 3: S 60, X 65, T 0.25, r 8 %, sigma 30 %, no dividend: 2.1334.
    assert out.stdout.split() == ["False", "True", "2.1334", "2.1334"]


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
