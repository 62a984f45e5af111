"""The UDF module imports and works where only numpy, scipy and xlwings exist (xlwings Lite)."""

from __future__ import annotations

import doctest
import json
import math
import statistics
import subprocess
import sys
import textwrap

import pytest

import stockrights.excel
from stockrights.excel import addin_config, boundary, converters, registry, udfs

BLOCKED = ("openpyxl", "formulas", "lxml", "schedula", "exchange_calendars", "pandas")

# Runs in a fresh interpreter: a meta-path finder makes the blocked packages unimportable,
# as in a Pyodide environment that has only numpy, scipy and xlwings.
SCRIPT = textwrap.dedent(
    """
    import importlib.abc, json, sys
    BLOCKED = set(sys.argv[1].split(","))

    class Blocker(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            top = name.split(".")[0]
            if top in BLOCKED:
                raise ModuleNotFoundError(f"No module named {top!r} (blocked)", name=top)
            return None

    sys.meta_path.insert(0, Blocker())
    import xlwings  # the host loads xlwings before the UDF module, so the UDFs register
    import stockrights.excel.udfs as udfs

    print(json.dumps({
        "price": udfs.SAR_BS_PRICE(60, 65, 0.25, 0.3, 0.08, 0),
        "days": udfs.SAR_TRADING_DAYS("2017-03-17", "2017-03-21"),
        "vol": udfs.SAR_HIST_VOL(
            [["2017-06-30"], ["2017-07-07"], ["2017-07-14"]], [[100.0], [110.0], [99.0]],
            "2017-06-30", "2017-07-14", None, None, None, None,
            [["2017-06-30"], ["2017-07-07"], ["2017-07-14"]]),
        "xlwings": "xlwings" in sys.modules,
        "loaded": sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED),
    }, default=str))
    """
)


def test_udf_module_imports_with_only_numpy_scipy_and_xlwings() -> None:
    """Blocked openpyxl/formulas/lxml/pandas/exchange_calendars: the module still imports and works.

    The TSE calendar is the shipped table, so SAR_TRADING_DAYS works without exchange_calendars
    (before the table shipped it answered "#ERROR missing package: exchange_calendars").
    """
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, ",".join(BLOCKED)],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(out.stdout)
    assert round(result["price"], 4) == 2.1334  # Haug (1998), published
    # 2017-03-20 (Monday) was the Vernal Equinox Day; 18 and 19 a weekend.
    assert result["days"] == [["2017-03-17 00:00:00"], ["2017-03-21 00:00:00"]]  # datetimes
    by_hand = statistics.stdev([math.log(110 / 100), math.log(99 / 110)]) * math.sqrt(52)
    assert result["vol"] == pytest.approx(by_hand, rel=1e-12)
    assert result["xlwings"] is True
    assert result["loaded"] == []


def test_udf_module_outside_an_xlwings_host_does_not_load_xlwings() -> None:
    """The workbook engine and the CLI import the UDFs without xlwings (and its pandas)."""
    code = (
        "import sys, stockrights.excel.udfs, stockrights.workbooks.engine; "
        "print(sorted(m for m in ('xlwings', 'pandas', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_excel_package_import_loads_nothing_heavy() -> None:
    """Importing stockrights.excel (and its converters) loads neither xlwings nor the calendar."""
    code = (
        "import sys, stockrights.excel, stockrights.excel.converters, stockrights.excel.boundary; "
        "print(sorted(m for m in ('xlwings', 'exchange_calendars', 'pandas', 'openpyxl') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_udf_module_does_not_import_workbook_libraries() -> None:
    """No module of the Excel face imports openpyxl, formulas or lxml (Lite has none of them)."""
    import ast
    from pathlib import Path

    root = Path(stockrights.excel.__file__).parent
    for path in root.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in {"openpyxl", "formulas", "lxml"}, path.name


@pytest.mark.parametrize(
    "module", [converters, boundary, registry, udfs, addin_config], ids=lambda m: m.__name__
)
def test_docstring_examples_run(module: object) -> None:
    """The examples in the Excel face's docstrings are true."""
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert result.failed == 0
