"""The command line: the README's main job and its error handling."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from stockrights.cli import main
from stockrights.example import example_market_inputs, seventh_series_terms
from stockrights.valuation import value_grant


def test_value_example_prints_every_intermediate_value(capsys: pytest.CaptureFixture[str]) -> None:
    """`stockrights value --example` prints d, N(d), the per-right amount and the warning."""
    assert main(["value", "--example"]) == 0
    out = capsys.readouterr().out
    v = value_grant(seventh_series_terms(), example_market_inputs())
    for label in ("d ", "N(d)", "e^(-rT)", "C x shares per right (unrounded)", "total amount"):
        assert label in out
    assert f"{v.per_right_amount:,}" in out
    assert "ILLUSTRATIVE" in out
    assert "予想配当" in out


def test_value_with_explicit_inputs(capsys: pytest.CaptureFixture[str]) -> None:
    """The GOGIN inputs on the command line give the published 677 yen."""
    args = [
        "value",
        "--share-price",
        "716",
        "--term-years",
        "3.6",
        "--volatility",
        "0.27034",
        "--risk-free-rate",
        "0.0009",
        "--dividend-yield",
        "0.01536",
        "--shares-per-right",
        "1",
    ]
    assert main(args) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.split()[-2] == "677"


def test_bad_input_is_one_line_on_stderr_with_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A domain error prints `stockrights: error: ...` on one line and exits 2."""
    args = [
        "value",
        "--share-price",
        "-5",
        "--term-years",
        "3",
        "--volatility",
        "0.2",
        "--risk-free-rate",
        "0",
    ]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err == "stockrights: error: share_price must be > 0, got -5.0\n"


def test_missing_inputs_are_named(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --example, the missing flags are listed."""
    assert main(["value", "--share-price", "100"]) == 2
    assert "--volatility" in capsys.readouterr().err


def test_console_script_is_installed() -> None:
    """The `stockrights` entry point runs as a module too."""
    done = subprocess.run(
        [sys.executable, "-m", "stockrights.cli", "value", "--example"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "amount per right" in done.stdout


def test_a_missing_extra_is_named_not_a_traceback(tmp_path: Path) -> None:
    """Without openpyxl, `stockrights refresh` says which extra to install, in one line."""
    blocker = (
        "import sys, importlib.abc\n"
        "class Block(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name.split('.')[0] in {'openpyxl', 'formulas', 'lxml'}:\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "from stockrights.cli import main\n"
        f"sys.exit(main(['refresh', {str(tmp_path / 'book.xlsx')!r}]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", blocker], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert done.stderr.startswith("stockrights: error: refresh needs the 'workbooks' extra")
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1
