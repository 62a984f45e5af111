"""The command line: the README's main job and its error handling."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stockrights.bounds import BOUNDS
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
    assert err == "stockrights: error: --share-price must be > 0, got -5.0\n"


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


GOGIN_FLAGS = {  # JP-GOGIN-2014 (../shared/cases): published 677 yen per share
    "--share-price": "716",
    "--term-years": "3.6",
    "--volatility": "0.27034",
    "--risk-free-rate": "0.0009",
    "--dividend-yield": "0.01536",
    "--shares-per-right": "1",
}


def _run(capsys: pytest.CaptureFixture[str], flags: dict[str, str], *extra: str) -> Any:
    args = ["value", *extra]
    for flag, value in flags.items():
        args += [flag, value]
    status = main(args)
    out = capsys.readouterr()
    return status, out.out, out.err


def test_percent_flags_are_read_as_in_excel(capsys: pytest.CaptureFixture[str]) -> None:
    """27.034%, 0.09% and 1.536% give the published 677 yen, as the decimals do."""
    flags = {
        **GOGIN_FLAGS,
        "--volatility": "27.034%",
        "--risk-free-rate": "0.09%",
        "--dividend-yield": "1.536%",
    }
    status, out, _ = _run(capsys, flags)
    assert status == 0
    assert out.strip().splitlines()[-1].split()[-2] == "677"


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        pytest.param(
            "--risk-free-rate",
            "0.5",
            "--risk-free-rate must be between -0.02 and 0.10 (a decimal: 0.005 for 0.5 %), "
            "got 0.5: did you mean 0.5 %?",
            id="rate-typed-as-percent",  # issue 8: was valued at 50 %
        ),
        pytest.param(
            "--dividend-yield",
            "1.536",
            "--dividend-yield must be between 0.00 and 0.20 (a decimal: 0.02 for 2 %), "
            "got 1.536: did you mean 1.536 %?",
            id="yield-typed-as-percent",
        ),
        pytest.param(
            "--dividend-yield",
            "100%",
            "--dividend-yield must be between 0 % and 20 %, got '100%'",
            id="percent-beyond-bound",  # not "got 1.0: did you mean 1 %?" to one who typed %
        ),
        pytest.param(
            "--volatility",
            "250 %",
            "--volatility must be between 0 % and 200 %, got '250 %'",
            id="percent-volatility-beyond-bound",
        ),
        pytest.param(
            "--volatility",
            "-0.2",
            "--volatility must be >= 0, got -0.2",
            id="negative-volatility",
        ),
        pytest.param(
            "--volatility",
            "35",
            "--volatility must be between 0.00 and 2.00 (a decimal: 0.27 for 27 %), "
            "got 35.0: did you mean 35 %?",
            id="volatility-typed-as-percent",
        ),
        pytest.param(
            "--share-price",
            "1,5",
            "--share-price must be a number (thousands separators only in groups of three: "
            "1,234.5), got '1,5'",
            id="ambiguous-number",
        ),
        pytest.param(
            "--share-price",
            "30%",
            "--share-price must be a number, not a percent, got '30%'",
            id="percent-share-price",
        ),
        pytest.param(
            "--shares-per-right",
            "2.5",
            "--shares-per-right must be a whole number, got 2.5",
            id="core-message-names-the-flag",
        ),
        pytest.param(
            "--term-years", "-1", "--term-years must be >= 0, got -1.0", id="negative-term"
        ),
    ],
)
def test_errors_name_the_flag_not_the_python_field(
    capsys: pytest.CaptureFixture[str], flag: str, value: str, message: str
) -> None:
    """Every bad value flag is one line on stderr naming the flag, exit status 2."""
    status, out, err = _run(capsys, {**GOGIN_FLAGS, flag: value})
    assert status == 2
    assert out == ""
    assert err == f"stockrights: error: {message}\n"


def test_example_flags_override_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    """--example --share-price 3000: S and q = 27 / 3000 change; the source says command line."""
    status, out, _ = _run(capsys, {"--share-price": "3,000"}, "--example")
    assert status == 0
    assert "--share-price (command line)" in out
    assert "0.009 " in out  # q = 27 yen / 3000 yen = 0.009 (hand arithmetic)
    # Deep in the money C = S e^(-qT) - X e^(-rT) = 3000 x 0.873716 - 0.948854 = 2620.20 yen
    # (T = 15, q T = 0.135, r T = 0.0525), so the issue price per share is 2621.2.
    assert "2621.2 " in out


def test_example_flags_change_the_answer(capsys: pytest.CaptureFixture[str]) -> None:
    """A flag given with --example is never ignored: the amount per right moves."""
    _, plain, _ = _run(capsys, {}, "--example")
    _, changed, _ = _run(capsys, {"--shares-per-right": "100"}, "--example")
    assert plain != changed
    assert "326,485" in plain
    assert "163,243" in changed  # ceil(1632.425 x 100) = 163,243 yen (hand arithmetic)


def test_example_with_a_bad_flag_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """--example --dividend-yield 0.5 is the bound error naming the flag, not the example."""
    status, out, err = _run(capsys, {"--dividend-yield": "0.5"}, "--example")
    assert (status, out) == (2, "")
    assert err.startswith("stockrights: error: --dividend-yield must be between 0.00 and 0.20")


@settings(max_examples=60, deadline=None)
@given(
    field=st.sampled_from(["volatility", "risk_free_rate", "dividend_yield"]),
    percent=st.floats(min_value=0.0, max_value=100.0).map(lambda x: round(x, 3)),
)
def test_any_percent_flag_equals_its_decimal_or_is_refused(field: str, percent: float) -> None:
    """Fuzz: `--flag X%` gives what `--flag X/100` gives; a percent typed as a decimal is refused.

    X/100 is inside the bounds for every X here, so X% is accepted; X itself as a decimal is
    refused whenever it is outside the bound, with a message that names the flag.
    """
    flag = "--" + field.replace("_", "-")

    def run(value: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        args = ["value"] + [a for k, v in {**GOGIN_FLAGS, flag: value}.items() for a in (k, v)]
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(args)
        return status, out.getvalue(), err.getvalue()

    bound = BOUNDS[field]
    as_percent = run(f"{percent}%")
    if bound.low <= percent / 100 <= bound.high:
        assert as_percent[0] == 0
        assert as_percent == run(str(Decimal(repr(percent)) / 100))
    as_number = run(repr(percent))
    if not bound.low <= percent <= bound.high:
        assert as_number[0] == 2
        assert as_number[2].startswith(f"stockrights: error: {flag} must be between ")
        assert as_number[2].endswith("%?\n")


def _pipe(command: str, reader: str) -> subprocess.CompletedProcess[str]:
    """Run ``command | reader`` in bash; stdout ends with the command's own exit status."""
    return subprocess.run(
        f'{command} | {reader}; echo "status=${{PIPESTATUS[0]}}"',
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_reader_that_stops_early_ends_quietly() -> None:
    """`stockrights value --example | head -n 1` prints one line, no traceback, status 0."""
    done = _pipe(f"{sys.executable} -m stockrights.cli value --example", "head -n 1")
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Valuation: ")
    assert lines[-1] == "status=0"


def test_a_reader_that_reads_nothing_ends_quietly() -> None:
    """`... | true` closes the pipe before the first write: main printed a BrokenPipeError."""
    done = _pipe(f"{sys.executable} -m stockrights.cli value --example", "true")
    assert done.stderr == ""
    assert done.stdout == "status=0\n"


def test_refresh_piped_into_a_reader_that_leaves_ends_quietly(tmp_path: Path) -> None:
    """`stockrights refresh book -o out --quiet | true`: the workbook is written, no traceback."""
    book = Path(__file__).resolve().parents[1] / "workbooks" / "stockrights_example_7th_series.xlsx"
    out = tmp_path / "out.xlsx"
    done = _pipe(f"{sys.executable} -m stockrights.cli refresh {book} -o {out} --quiet", "true")
    assert "Traceback" not in done.stderr
    assert "BrokenPipeError" not in done.stderr
    assert done.stdout == "status=0\n"
    assert out.stat().st_size > 0


def test_a_closed_pipe_before_any_output_ends_quietly() -> None:
    """Stdout closed at once (the reader never reads): no traceback, status 0."""
    script = (
        "import os, sys\n"
        "r, w = os.pipe(); os.close(r); os.dup2(w, 1)\n"
        "from stockrights.cli import main\n"
        "sys.exit(main(['value', '--example']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=False, stderr=subprocess.PIPE, check=False
    )
    assert done.stderr == b""
    assert done.returncode == 0


def test_a_command_line_imports_only_the_module_of_its_command(tmp_path: Path) -> None:
    """`stockrights refresh` builds the refresh parser only: no importers, reports, add-in."""
    code = (
        "import sys\n"
        "from stockrights.cli import build_parser\n"
        "parser = build_parser('refresh')\n"
        "loaded = {m for m in ('stockrights.importers.commands', 'stockrights.reports.commands',"
        " 'stockrights.excel.cli', 'stockrights.registers.commands') if m in sys.modules}\n"
        "print(sorted(loaded), 'stockrights.workbooks.commands' in sys.modules)\n"
        "parser = build_parser()\n"
        "print(sorted(parser._subparsers._group_actions[0].choices))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    first, every = done.stdout.splitlines()
    assert first == "[] True"
    commands = "value addin refresh build-templates audit-pack report notice disclose"
    assert every == str(sorted([*commands.split(), "register-book", "import"]))
