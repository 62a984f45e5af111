"""What a cell shows when a UDF fails: the one error policy of the Excel face.

Every UDF is wrapped once by :func:`excel_function`. The wrapper calls the function, turns its
result into cells (:func:`stockrights.excel.converters.to_result`) and never lets an exception
reach Excel:

=================================================  ==========================  ===============
raised                                             classic xlwings, workbook   xlwings Lite
                                                   engine (``ErrorStyle.TEXT``)  (``CODE``)
=================================================  ==========================  ===============
an argument is an Excel error value                ``#N/A <message>`` (the     ``#N/A``
                                                   same error passed on)
:class:`~stockrights.errors.OutOfRangeError`       ``#N/A <message>``          ``#N/A``
:class:`~stockrights.errors.NotComputableError`    ``#NUM! <message>``         ``#NUM!``
any other :class:`~stockrights.errors.StockRightsError`  ``#VALUE! <message>``  ``#VALUE!``
a package the call needs is not installed          ``#ERROR missing package:   ``#VALUE!``
                                                   <name>``
:class:`OverflowError` (a result beyond the        ``#NUM! a result is too     ``#NUM!``
float range, as Excel's own #NUM!)                 large for a number``
anything else (a bug)                              ``#ERROR internal: <Type>``  ``#VALUE!``
=================================================  ==========================  ===============

``<message>`` is the core's one-line message ``<field> must be <rule>, got <value>`` rewritten as
``<field> must be <rule> (got <value>)``, for example ``#VALUE! volatility must be > 0 (got
-0.2)``.

Why two styles. Classic xlwings cannot return a real Excel error value (xlwings issue #776): a
returned ``"#VALUE!"`` is text. So the classic cell shows the code *and* the message as text,
readable where it matters. xlwings Lite turns a returned text that is exactly an error code into
a real error value, but leaves any longer text alone; so under Lite (Pyodide, ``sys.platform ==
"emscripten"``) the cell gets the bare code, a real error that ``ISERROR`` and ``IFERROR`` see,
and the message goes to the log (``logging``, logger ``stockrights.excel``; Lite shows it in its
output pane). Unexpected failures (an overflow included) are logged with their traceback in both
runtimes; a traceback never reaches a cell.
"""

from __future__ import annotations

import functools
import logging
import re
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

from stockrights.errors import NotComputableError, OutOfRangeError, StockRightsError
from stockrights.excel.converters import (
    CLASSIC_ERRORS,
    ERROR_TEXT_PREFIX,
    ErrorCellError,
    error_code,
    to_result,
)

__all__ = [
    "INTERNAL_ERROR_PREFIX",
    "MISSING_PACKAGE_PREFIX",
    "ErrorStyle",
    "cell_error",
    "excel_function",
    "split_cell_error",
]

logger = logging.getLogger("stockrights.excel")

F = TypeVar("F", bound=Callable[..., Any])

INTERNAL_ERROR_PREFIX = ERROR_TEXT_PREFIX + "internal:"
MISSING_PACKAGE_PREFIX = ERROR_TEXT_PREFIX + "missing package:"
_OVERFLOW = "a result is too large for a number (overflow)"
_MAX_MESSAGE = 250  # characters; a cell holds more, a reader does not
_GOT = re.compile(r"^(?P<head>.+?), got (?P<value>.+)$", re.DOTALL)


class ErrorStyle(StrEnum):
    """How a failed call is shown in its cell (see the module docstring)."""

    TEXT = "text"
    """The error code and the message as one text, e.g. ``#VALUE! volatility must be > 0 ...``."""
    CODE = "code"
    """The bare error code (``#VALUE!``), which xlwings Lite turns into a real error value."""

    @classmethod
    def for_runtime(cls, platform: str | None = None) -> ErrorStyle:
        """The style of the running Python: ``CODE`` under Pyodide (xlwings Lite), else ``TEXT``.

        Examples
        --------
        >>> ErrorStyle.for_runtime("emscripten"), ErrorStyle.for_runtime("win32")
        (<ErrorStyle.CODE: 'code'>, <ErrorStyle.TEXT: 'text'>)
        """
        name = sys.platform if platform is None else platform
        return cls.CODE if name == "emscripten" else cls.TEXT


def _code_of(exc: StockRightsError) -> str:
    if isinstance(exc, ErrorCellError):
        return exc.code if exc.code in CLASSIC_ERRORS else "#VALUE!"
    if isinstance(exc, OutOfRangeError):
        return "#N/A"
    if isinstance(exc, NotComputableError):
        return "#NUM!"
    return "#VALUE!"


def _message_of(exc: StockRightsError) -> str:
    text = " ".join(str(exc).split())  # one line, single spaces
    match = _GOT.match(text)
    if match:
        text = f"{match['head']} (got {match['value']})"
    if len(text) > _MAX_MESSAGE:
        text = text[: _MAX_MESSAGE - 3] + "..."
    return text


def cell_error(exc: Exception, *, style: ErrorStyle | str = ErrorStyle.TEXT) -> str:
    """The text a cell shows for a failed call (see the module docstring for the table).

    Parameters
    ----------
    exc : Exception
        What the call raised.
    style : ErrorStyle or str
        ``text`` (classic xlwings, the workbook engine) or ``code`` (xlwings Lite).

    Returns
    -------
    str
        ``"<code> <message>"`` or ``"#ERROR internal: <Type>"`` (``text``); the bare code
        (``code``).

    Examples
    --------
    >>> from stockrights.errors import InputError
    >>> cell_error(InputError("volatility must be > 0, got -0.2"))
    '#VALUE! volatility must be > 0 (got -0.2)'
    >>> cell_error(TypeError("boom")), cell_error(TypeError("boom"), style="code")
    ('#ERROR internal: TypeError', '#VALUE!')
    """
    mode = ErrorStyle(style)
    if isinstance(exc, OverflowError):  # Excel's own answer to a result beyond the float range
        return "#NUM!" if mode is ErrorStyle.CODE else f"#NUM! {_OVERFLOW}"
    if mode is ErrorStyle.CODE and not isinstance(exc, StockRightsError):
        return "#VALUE!"
    if isinstance(exc, ImportError):  # a package is missing (scipy, imported on first use)
        return f"{MISSING_PACKAGE_PREFIX} {exc.name or ' '.join(str(exc).split())}"
    if not isinstance(exc, StockRightsError):
        return f"{INTERNAL_ERROR_PREFIX} {type(exc).__name__}"
    code = _code_of(exc)
    return code if mode is ErrorStyle.CODE else f"{code} {_message_of(exc)}"


def split_cell_error(value: object) -> tuple[str, str] | None:
    """Split a cell's error text into (code, message); ``None`` when it is not an error.

    For adapters that can hold real error values (the headless workbook engine): map the code to
    the engine's error and keep the message for a tooltip or a log.

    Examples
    --------
    >>> split_cell_error("#VALUE! volatility must be > 0 (got -0.2)")
    ('#VALUE!', 'volatility must be > 0 (got -0.2)')
    >>> split_cell_error("#ERROR internal: TypeError")
    ('#VALUE!', 'internal: TypeError')
    >>> split_cell_error("#NUM!"), split_cell_error("per_right_up")
    (('#NUM!', ''), None)
    """
    code = error_code(value)
    if code is None or not isinstance(value, str):
        return None
    text = value.strip()
    if text.startswith(ERROR_TEXT_PREFIX):
        return code, text[len(ERROR_TEXT_PREFIX) :]
    return code, text[len(code) + 1 :] if text.upper() != code else ""


def excel_function(function: F) -> F:
    """Wrap a UDF so that it returns cells and never raises (the policy of this module).

    The wrapper keeps the function's name, docstring and signature (xlwings reads them). Domain
    errors are logged at INFO (WARNING under Lite, where the cell shows only the code); a missing
    package at WARNING; anything else with its traceback at ERROR.
    """

    @functools.wraps(function)
    def call(*args: Any) -> Any:
        try:
            return to_result(function(*args))
        except StockRightsError as exc:
            style = ErrorStyle.for_runtime()
            level = logging.WARNING if style is ErrorStyle.CODE else logging.INFO
            logger.log(level, "%s: %s", function.__name__, exc)
            return cell_error(exc, style=style)
        except ImportError as exc:
            logger.warning("%s needs a package that is not installed: %s", function.__name__, exc)
            return cell_error(exc, style=ErrorStyle.for_runtime())
        except Exception as exc:
            logger.exception("%s failed unexpectedly", function.__name__)
            return cell_error(exc, style=ErrorStyle.for_runtime())

    return call  # type: ignore[return-value]
