"""The error policy of the Excel face: what a cell shows when a call fails, and what is logged."""

from __future__ import annotations

import logging
import sys

import pytest

from stockrights.errors import (
    InputError,
    LimitError,
    NotComputableError,
    OutOfRangeError,
    SeriesError,
    StockRightsError,
)
from stockrights.excel.boundary import (
    ErrorStyle,
    cell_error,
    excel_function,
    split_cell_error,
)
from stockrights.excel.converters import ErrorCellError


@pytest.mark.parametrize(
    ("exc", "text"),
    [
        pytest.param(
            InputError("volatility must be > 0, got -0.2"),
            "#VALUE! volatility must be > 0 (got -0.2)",
            id="input-error-example-of-the-issue",
        ),
        pytest.param(
            SeriesError("closes must be increasing, got 3 after 5"),
            "#VALUE! closes must be increasing (got 3 after 5)",
            id="series-error",
        ),
        pytest.param(
            LimitError("rights must be <= 245, got 300"),
            "#VALUE! rights must be <= 245 (got 300)",
            id="limit-error",
        ),
        pytest.param(
            OutOfRangeError("term_years must be within the curve 1 to 40, got 45"),
            "#N/A term_years must be within the curve 1 to 40 (got 45)",
            id="out-of-range-is-na",
        ),
        pytest.param(
            NotComputableError("option_price 716 is insensitive to volatility"),
            "#NUM! option_price 716 is insensitive to volatility",
            id="not-computable-is-num-and-no-got",
        ),
        pytest.param(
            ErrorCellError("share_price", "#DIV/0!"),
            "#DIV/0! share_price must not be an error cell (got #DIV/0!)",
            id="error-cell-passed-on",
        ),
        pytest.param(
            ErrorCellError("share_price", "#SPILL!"),
            "#VALUE! share_price must not be an error cell (got #SPILL!)",
            id="new-error-kinds-become-value",
        ),
        pytest.param(
            StockRightsError("value needs --share-price"),
            "#VALUE! value needs --share-price",
            id="base-class",
        ),
        pytest.param(
            ZeroDivisionError("float division by zero"),
            "#ERROR internal: ZeroDivisionError",
            id="bug",
        ),
        pytest.param(
            ValueError("math domain error"),
            "#ERROR internal: ValueError",
            id="plain-valueerror-is-a-bug",
        ),
        pytest.param(
            ModuleNotFoundError("No module named 'scipy'", name="scipy"),
            "#ERROR missing package: scipy",
            id="missing-package",
        ),
        pytest.param(
            OverflowError("cannot convert float infinity to integer"),
            "#NUM! a result is too large for a number (overflow)",
            id="overflow-is-num-as-in-excel",
        ),
    ],
)
def test_text_style_cell_shows_code_and_message(exc: Exception, text: str) -> None:
    """Classic style: code, then the message with '(got ...)'; a bug names only its type."""
    assert cell_error(exc) == text


@pytest.mark.parametrize(
    ("exc", "code"),
    [
        (InputError("x must be > 0, got -1"), "#VALUE!"),
        (OutOfRangeError("on must be within the series, got 2030-01-01"), "#N/A"),
        (NotComputableError("no volatility reproduces it"), "#NUM!"),
        (ErrorCellError("x", "#N/A"), "#N/A"),
        (KeyError("boom"), "#VALUE!"),
        (OverflowError("math range error"), "#NUM!"),
    ],
)
def test_code_style_is_the_bare_error_code(exc: Exception, code: str) -> None:
    """Lite style: exactly an error code, which xlwings Lite turns into a real error value."""
    assert cell_error(exc, style="code") == code


def test_message_is_one_short_line() -> None:
    """Newlines collapse to spaces and a very long message is cut to a readable length."""
    text = cell_error(InputError("a\nb   c must be > 0, got " + "9" * 1000))
    assert "\n" not in text
    assert text.startswith("#VALUE! a b c must be > 0 (got 999")
    assert text.endswith("...")
    assert len(text) <= len("#VALUE! ") + 250


def test_runtime_style_follows_the_platform() -> None:
    """Pyodide (xlwings Lite) gets bare codes; Windows, Linux and macOS get text."""
    assert ErrorStyle.for_runtime("emscripten") is ErrorStyle.CODE
    for name in ("win32", "linux", "darwin"):
        assert ErrorStyle.for_runtime(name) is ErrorStyle.TEXT
    assert ErrorStyle.for_runtime() is ErrorStyle.TEXT  # this test machine


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "#VALUE! volatility must be > 0 (got -0.2)",
            ("#VALUE!", "volatility must be > 0 (got -0.2)"),
        ),
        (
            "#N/A on must be within the series (got 2030-01-01)",
            ("#N/A", "on must be within the series (got 2030-01-01)"),
        ),
        ("#NUM!", ("#NUM!", "")),
        ("#ERROR internal: TypeError", ("#VALUE!", "internal: TypeError")),
        ("#ERROR missing package: lxml", ("#VALUE!", "missing package: lxml")),
        ("#hashtag", None),
        ("per_right_up", None),
        (3.0, None),
    ],
)
def test_split_cell_error(text: object, parts: tuple[str, str] | None) -> None:
    """Adapters can recover (code, message) from a cell's error text, and nothing else."""
    assert split_cell_error(text) == parts


def _bad_input(x: object) -> object:
    raise InputError(f"x must be > 0, got {x!r}")


def _bug(x: object) -> object:
    return 1 / 0


def test_wrapper_never_raises_and_logs_bugs_with_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A bug becomes '#ERROR internal: <Type>' in the cell and a logged traceback, not a raise."""
    wrapped = excel_function(_bug)
    with caplog.at_level(logging.INFO, logger="stockrights.excel"):
        assert wrapped(1.0) == "#ERROR internal: ZeroDivisionError"
    [record] = caplog.records
    assert record.levelno == logging.ERROR
    assert record.exc_info is not None
    assert record.exc_info[0] is ZeroDivisionError
    assert "_bug failed unexpectedly" in record.getMessage()


def test_wrapper_reports_domain_errors_and_logs_them_at_info(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A bad input is shown in the cell and logged at INFO (the cell already says it)."""
    wrapped = excel_function(_bad_input)
    with caplog.at_level(logging.DEBUG, logger="stockrights.excel"):
        assert wrapped(-1.0) == "#VALUE! x must be > 0 (got -1.0)"
    [record] = caplog.records
    assert record.levelno == logging.INFO
    assert record.getMessage() == "_bad_input: x must be > 0, got -1.0"


def test_wrapper_under_lite_returns_codes_and_logs_the_message_as_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Under Pyodide the cell gets a real error code and the message survives in the log."""
    monkeypatch.setattr(sys, "platform", "emscripten")
    with caplog.at_level(logging.INFO, logger="stockrights.excel"):
        assert excel_function(_bad_input)(-1.0) == "#VALUE!"
        assert excel_function(_bug)(1.0) == "#VALUE!"
    assert [r.levelno for r in caplog.records] == [logging.WARNING, logging.ERROR]
    assert "x must be > 0, got -1.0" in caplog.records[0].getMessage()


def test_wrapper_keeps_name_doc_and_signature_for_xlwings() -> None:
    """The wrapper keeps __name__, __doc__ and the signature, which xlwings reads."""
    import inspect

    def SAR_X(share_price: object, rounding: object = "per_right_up") -> object:
        """Doc."""
        return share_price

    wrapped = excel_function(SAR_X)
    assert wrapped.__name__ == "SAR_X"
    assert wrapped.__doc__ == "Doc."
    assert list(inspect.signature(wrapped).parameters) == ["share_price", "rounding"]
    assert wrapped(None) == ""  # None result -> empty text
