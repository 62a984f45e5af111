"""Excel-shaped values in, plain Python values out (and back): the converters of the Excel face.

Every UDF argument passes through one of these before it reaches the core, so that the same
function works with what classic xlwings (COM), xlwings Lite (Office.js) and the headless workbook
engine hand over:

==========================  ===============================================================
arrives as                  becomes
==========================  ===============================================================
``float``, ``int``          the number (``bool`` is rejected: TRUE is not a share price)
``decimal.Decimal``         a float (classic xlwings reads Currency-formatted cells so)
numeric text                the number, read whole (:func:`stockrights._validate.number_text`):
                            ``" 1,234.5 "``, ``"¥1,234"``, ``"1234円"``, full-width digits;
                            ``"35%"`` is 0.35 (a percent-formatted *cell* already arrives as
                            0.35); ``"1,5"``, ``"2 00"``, ``"1_000"`` are errors
``datetime``/``date``       a date (the time of day is dropped)
Excel serial number         a date in the 1900 system, incl. the fictitious 29 Feb 1900
                            (:func:`stockrights.dates.as_date` does the conversion)
date text                   a date, read whole (:func:`stockrights.dates.parse_date_text`):
                            ``"2017-07-14"``, ``"2017/7/14"``, ``"2017年7月14日"``; digits
                            alone (``"2017"``) are not a serial: an error
``None`` or ``""``          a blank cell, or an error cell when xlwings is not asked to tell
                            them apart: the argument's default if it has one, else an error
``"#N/A"``, ``"#VALUE!"``   an error cell (xlwings with ``err_to_str=True``), or the text a
``"#VALUE! <message>"``     failed SAR_ function returned under classic xlwings: the error
                            is passed on, with the upstream message (:class:`ErrorCellError`)
a 1-D or 2-D list           a range: orientation kept, trailing blank rows and columns trimmed
==========================  ===============================================================

Every converter takes the argument's ``field`` name, and a bad value raises
:class:`stockrights.errors.InputError` with the core's message shape,
``<field> must be <rule>, got <value>``.

Results go the other way through :func:`to_result`: numbers, text, booleans and datetimes stay;
``None`` becomes ``""``; a non-finite number becomes the error ``"#NUM!"``; a range must be
rectangular.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Sequence
from decimal import Decimal
from enum import Enum
from typing import Any

import numpy as np

from stockrights import _validate
from stockrights.dates import as_date
from stockrights.errors import InputError

__all__ = [
    "CLASSIC_ERRORS",
    "ERROR_TEXT_PREFIX",
    "EXCEL_ERRORS",
    "ErrorCellError",
    "error_code",
    "is_blank",
    "to_date",
    "to_date_vector",
    "to_flag",
    "to_integer",
    "to_number",
    "to_number_vector",
    "to_option",
    "to_optional_date",
    "to_optional_date_vector",
    "to_optional_number",
    "to_result",
    "to_rows",
    "to_table",
    "to_text",
    "to_vector",
]

EXCEL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
    | {"#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"}
)
"""Excel's error values as text (what xlwings hands over with ``err_to_str=True``)."""


class ErrorCellError(InputError):
    """An argument is an Excel error value; the UDF passes that error on (as Excel does).

    Attributes
    ----------
    code : str
        The error value, for example ``"#N/A"``.
    """

    def __init__(self, field: str, code: str, text: str | None = None) -> None:
        super().__init__(f"{field} must not be an error cell, got {text or code}")
        self.code = code


def is_blank(value: object) -> bool:
    """True for what Excel hands over for an empty cell: ``None`` or the empty text."""
    return value is None or (isinstance(value, str) and value.strip() == "")


def _missing(field: str, rule: str) -> InputError:
    return InputError(f"{field} must be {rule}, got a blank cell (or an error cell)")


def _single(value: Any, field: str) -> Any:
    """Unwrap a 1 x 1 range; reject a bigger one (a scalar argument takes one cell).

    A range of more than one cell is an error even when all but one of its cells are blank:
    ``[716, None]`` is a 1 x 2 range, not 716 (the blank cell may be the one the user meant).
    """
    if type(value) is list and len(value) == 1:  # the common 1 x 1 case, fast
        row = value[0]
        if type(row) is list and len(row) == 1 and not isinstance(row[0], list | tuple):
            return row[0]
    if isinstance(value, list | tuple | np.ndarray):
        rows = _rows(value, field=field)
        if not rows:
            return None
        if len(rows) == 1 and len(rows[0]) == 1:
            return rows[0][0]
        raise InputError(
            f"{field} must be a single cell, got a range of {len(rows)} x {len(rows[0])}"
        )
    return value


CLASSIC_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A")
"""The error values every Excel runtime can show (xlwings Lite maps exactly these)."""
ERROR_TEXT_PREFIX = "#ERROR "
"""How a UDF's cell text starts for a failure that is not an input error (classic xlwings)."""


def error_code(value: object) -> str | None:
    """The Excel error a cell holds: an error value, or the text a failed SAR_ call returned.

    ``"#N/A"`` (an error value, as xlwings hands it over with ``err_to_str``) gives ``"#N/A"``;
    ``"#VALUE! volatility must be >= 0 (got -0.2)"`` (a failed UDF under classic xlwings, which
    cannot return real errors) gives ``"#VALUE!"``, and so does ``"#ERROR internal: TypeError"``.
    Anything else gives ``None``.

    Examples
    --------
    >>> error_code("#N/A"), error_code("#NUM! no volatility reproduces it"), error_code("#1")
    ('#N/A', '#NUM!', None)
    """
    if not isinstance(value, str) or not value.startswith(("#", " #")):
        return None
    text = value.strip()
    if text.upper() in EXCEL_ERRORS:
        return text.upper()
    if text.startswith(ERROR_TEXT_PREFIX):
        return "#VALUE!"
    for code in CLASSIC_ERRORS:
        if text.startswith(code + " "):
            return code
    return None


_NO_DEFAULT: Any = object()


def to_number(value: Any, *, field: str, default: Any = _NO_DEFAULT) -> float:
    """Return one cell as a finite float.

    Parameters
    ----------
    value : object
        What Excel handed over: a number, ``Decimal``, numeric or percent text, a blank, an error
        value, or a 1 x 1 range.
    field : str
        The argument's name, used in the error message.
    default : float, optional
        Returned for a blank cell; without it a blank cell is an error.

    Returns
    -------
    float

    Raises
    ------
    ErrorCellError
        For an Excel error value (``"#N/A"`` ...).
    InputError
        For a blank without a default, text that is not a number, a boolean, a date, a range of
        more than one cell, NaN or infinity.

    Examples
    --------
    >>> to_number("35%", field="volatility"), to_number(" 1,234 ", field="share_price")
    (0.35, 1234.0)
    """
    kind = type(value)
    if kind is float and value - value == 0.0:  # the common case, fast
        fast: float = value
        return fast
    if kind is list or kind is tuple:
        value = _single(value, field)
        kind = type(value)
        if kind is float and value - value == 0.0:
            unwrapped: float = value
            return unwrapped
    if kind is Decimal or kind is int:  # Currency cells (classic), whole numbers (Lite)
        try:
            out = float(value)
        except (OverflowError, ValueError):  # a huge int; a signalling-NaN Decimal
            raise InputError(f"{field} must be finite, got a number out of range") from None
        if out - out == 0.0:
            return out
        raise InputError(f"{field} must be finite, got {_validate.describe(value)}")
    value = _single(value, field)
    if is_blank(value):
        if default is not _NO_DEFAULT:
            return float(default)
        raise _missing(field, "a number")
    code = error_code(value)
    if code is not None:
        raise ErrorCellError(field, code, str(value).strip())
    if isinstance(value, str):
        return _validate.number_text(field, value)
    if isinstance(value, dt.date):
        raise InputError(f"{field} must be a number, got the date {value.isoformat()[:10]}")
    return _validate.number(field, value)


def to_optional_number(value: Any, *, field: str) -> float | None:
    """Return one cell as a float, or ``None`` for a blank cell (let the core use its default).

    Examples
    --------
    >>> to_optional_number(None, field="periods_per_year"), to_optional_number(52.0, field="p")
    (None, 52.0)
    """
    if is_blank(_single(value, field)):
        return None
    return to_number(value, field=field)


def to_integer(
    value: Any, *, field: str, minimum: int | None = None, default: Any = _NO_DEFAULT
) -> int:
    """Return one cell as a whole number (``200.0`` is accepted, ``200.5`` is not).

    Raises
    ------
    InputError
        As :func:`to_number`, and for a fraction or a value below ``minimum``.

    Examples
    --------
    >>> to_integer(200.0, field="shares_per_right", minimum=1)
    200
    """
    number = to_number(value, field=field, default=default)
    return _validate.integer(field, number, minimum=minimum)


def to_text(value: Any, *, field: str, default: Any = _NO_DEFAULT) -> str:
    """Return one cell as stripped text; a number is rejected (an option is a word).

    Raises
    ------
    ErrorCellError
        For an Excel error value.
    InputError
        For a blank without a default, or a value that is not text.

    Examples
    --------
    >>> to_text(" per_share_up ", field="rounding")
    'per_share_up'
    """
    value = _single(value, field)
    if is_blank(value):
        if default is not _NO_DEFAULT:
            return str(default)
        raise _missing(field, "text")
    code = error_code(value)
    if code is not None:
        raise ErrorCellError(field, code, str(value).strip())
    if not isinstance(value, str):
        raise InputError(f"{field} must be text, got {_validate.describe(value)}")
    return value.strip()


def to_option(value: Any, *, field: str, default: Any = _NO_DEFAULT) -> str:
    """Return one cell naming an option (a rounding mode, a kind): text, spaces read as ``_``.

    The core parses the word (case, ``-`` and ``_`` free); this lets a user type it as words too.

    Examples
    --------
    >>> to_option(" Share exchange ", field="kind")
    'Share_exchange'
    """
    return "_".join(to_text(value, field=field, default=default).split())


_TRUE = frozenset({"true", "yes", "1"})
_FALSE = frozenset({"false", "no", "0"})


def to_flag(value: Any, *, field: str, default: Any = _NO_DEFAULT) -> bool:
    """Return one cell as a boolean: TRUE/FALSE, 1/0, or the text true/false/yes/no.

    Raises
    ------
    ErrorCellError
        For an Excel error value.
    InputError
        For a blank without a default, or any other value.

    Examples
    --------
    >>> to_flag(True, field="detail"), to_flag("no", field="detail"), to_flag(None, field="detail",
    ...                                                                          default=False)
    (True, False, False)
    """
    value = _single(value, field)
    if is_blank(value):
        if default is not _NO_DEFAULT:
            return bool(default)
        raise _missing(field, "TRUE or FALSE")
    code = error_code(value)
    if code is not None:
        raise ErrorCellError(field, code, str(value).strip())
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise InputError(f"{field} must be TRUE or FALSE, got {_validate.describe(value)}")


def to_date(value: Any, *, field: str, default: Any = _NO_DEFAULT) -> dt.date:
    """Return one cell as a real date.

    Accepted: ``datetime``/``date`` (time of day dropped), an Excel 1900-system serial as a number
    or ``Decimal``, and date text ``"YYYY-MM-DD"``, ``"YYYY/M/D"``, ``"YYYY年M月D日"`` read whole
    (numeric text is not a serial). The serial conversion, with the
    fictitious 29 Feb 1900, is :func:`stockrights.dates.as_date`.

    Raises
    ------
    ErrorCellError
        For an Excel error value.
    InputError
        For a blank without a default, a boolean, other text, or an impossible serial.

    Examples
    --------
    >>> to_date(42930.0, field="valuation_date"), to_date("2017-07-14", field="valuation_date")
    (datetime.date(2017, 7, 14), datetime.date(2017, 7, 14))
    """
    value = _single(value, field)
    if is_blank(value):
        if default is not _NO_DEFAULT:
            return as_date(default, field=field)
        raise _missing(field, "a date")
    code = error_code(value)
    if code is not None:
        raise ErrorCellError(field, code, str(value).strip())
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        try:
            value = float(value)
        except (OverflowError, ValueError):  # a huge int; a signalling-NaN Decimal
            raise InputError(
                f"{field} must be an Excel date serial, got a number out of range"
            ) from None
    elif isinstance(value, np.generic):
        value = value.item()
    return as_date(value, field=field)


def to_optional_date(value: Any, *, field: str) -> dt.date | None:
    """Return one cell as a date, or ``None`` for a blank cell (an event that has not happened).

    Examples
    --------
    >>> to_optional_date(None, field="died_on") is None, to_optional_date(42930, field="died_on")
    (True, datetime.date(2017, 7, 14))
    """
    if is_blank(_single(value, field)):
        return None
    return to_date(value, field=field)


def to_table(value: Any, *, field: str) -> list[list[Any]]:
    """Return a range as a rectangular list of rows, trailing blank rows and columns trimmed.

    A single value is a 1 x 1 range; a flat list is one row; a blank is an empty range (``[]``).
    Orientation is kept: a column stays a list of one-element rows.

    Raises
    ------
    InputError
        For a ragged range (rows of different lengths) or a range nested deeper than 2-D.

    Examples
    --------
    >>> to_table([[1.0, None], [2.0, None], [None, ""]], field="table")
    [[1.0], [2.0]]
    """
    rows = _rows(value, field=field)
    while rows and all(is_blank(cell) for cell in rows[-1]):
        rows.pop()
    width = len(rows[0]) if rows else 0
    while width and all(is_blank(row[width - 1]) for row in rows):
        width -= 1
    return [row[:width] for row in rows] if rows and width else []


def _rows(value: Any, *, field: str) -> list[list[Any]]:
    """A range as a rectangular list of rows, untrimmed (see :func:`to_table`)."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if not isinstance(value, list | tuple):
        return [] if is_blank(value) else [[value]]
    if not value:
        return []
    rows: list[list[Any]]
    if all(isinstance(row, list | tuple) for row in value):
        rows = [list(row) for row in value]
    elif any(isinstance(row, list | tuple) for row in value):
        raise InputError(f"{field} must be a rectangular range, got a mix of cells and rows")
    else:
        rows = [list(value)]
    widths = {len(row) for row in rows}
    if len(widths) > 1:
        raise InputError(
            f"{field} must be a rectangular range, got rows of lengths "
            + ", ".join(str(w) for w in sorted(widths))
        )
    for row in rows:
        for cell in row:
            if isinstance(cell, list | tuple | dict | set | np.ndarray):
                raise InputError(f"{field} must be a range of single cells, got a nested range")
    return rows


def to_vector(value: Any, *, field: str) -> list[Any]:
    """Return a single row or column (trailing blanks trimmed) as a flat list.

    Raises
    ------
    InputError
        For a range with more than one row and more than one column, or a ragged range.

    Examples
    --------
    >>> to_vector([[1.0], [2.0], [None]], field="closes")
    [1.0, 2.0]
    """
    table = to_table(value, field=field)
    if not table:
        return []
    if len(table) == 1:
        return table[0]
    if len(table[0]) == 1:
        return [row[0] for row in table]
    raise InputError(
        f"{field} must be a single row or column, got a range of "
        f"{len(table)} rows x {len(table[0])} columns"
    )


def to_number_vector(value: Any, *, field: str) -> list[float]:
    """Return a single row or column of numbers; every cell up to the last must hold one.

    Examples
    --------
    >>> to_number_vector([[1.0], ["2"], [None]], field="closes")
    [1.0, 2.0]
    """
    key = table_key(value)
    if key is None:
        return _number_vector(value, field)
    return list(_number_vector_of(key, field))


def _number_vector(value: Any, field: str) -> list[float]:
    return [
        to_number(cell, field=f"{field} item {i}")
        for i, cell in enumerate(to_vector(value, field=field), start=1)
    ]


@functools.lru_cache(maxsize=32)
def _number_vector_of(key: TableKey, field: str) -> tuple[float, ...]:
    """:func:`to_number_vector` of a :func:`table_key` (a pure function of the cells: memoised)."""
    return tuple(_number_vector(cells_of(key), field))


def to_date_vector(value: Any, *, field: str) -> list[dt.date]:
    """Return a single row or column of dates; every cell up to the last must hold one.

    A price history passed to several functions is converted once (the same cells, of the
    same types: :func:`table_key`).

    Examples
    --------
    >>> to_date_vector([42929.0, "2017-07-14"], field="dates")
    [datetime.date(2017, 7, 13), datetime.date(2017, 7, 14)]
    """
    key = table_key(value)
    if key is None:
        return _date_vector(value, field)
    return list(_date_vector_of(key, field))


def _date_vector(value: Any, field: str) -> list[dt.date]:
    return [
        to_date(cell, field=f"{field} item {i}")
        for i, cell in enumerate(to_vector(value, field=field), start=1)
    ]


@functools.lru_cache(maxsize=32)
def _date_vector_of(key: TableKey, field: str) -> tuple[dt.date, ...]:
    """:func:`to_date_vector` of a :func:`table_key` (a pure function of the cells: memoised)."""
    return tuple(_date_vector(cells_of(key), field))


TableKey = tuple[tuple[tuple[type, Any], ...], ...]
"""A range's cells with their types, hashable (see :func:`table_key`)."""


def table_key(value: Any) -> TableKey | None:
    """A range's cells as a hashable key, each with its type (1.0 and TRUE stay apart).

    None for anything but a list of rows of hashable cells (a single value, a flat list, a
    nested range): those are converted every time.
    """
    if not isinstance(value, list) or not all(isinstance(row, list) for row in value):
        return None
    key = tuple(tuple(zip(map(type, row), row, strict=True)) for row in value)
    try:
        hash(key)
    except TypeError:
        return None
    return key


def cells_of(key: TableKey) -> list[list[Any]]:
    """The range a :func:`table_key` was made from."""
    return [[cell for _, cell in row] for row in key]


def to_optional_date_vector(value: Any, *, field: str) -> list[dt.date] | None:
    """Return a row or column of dates, or ``None`` for a blank argument (use the default).

    Examples
    --------
    >>> to_optional_date_vector(None, field="trading_days") is None
    True
    """
    days = to_date_vector(value, field=field)
    return days or None


def to_rows(value: Any, *, field: str, columns: Sequence[str]) -> list[list[Any]]:
    """Return the rows of a table whose columns are ``columns`` (the later ones may be left off).

    Each row is padded with ``None`` to ``len(columns)``. A first row whose first cell is the text
    ``columns[0]`` is a header and is skipped; rows with every cell blank are skipped (they hold
    nothing); trailing blank rows and columns are trimmed as by :func:`to_table`.

    Raises
    ------
    InputError
        For more columns than ``columns``, or a ragged range.

    Examples
    --------
    >>> to_rows([["effective_date", "ratio"], [44197.0, 2.0]], field="splits",
    ...         columns=("effective_date", "ratio"))
    [[44197.0, 2.0]]
    """
    table = to_table(value, field=field)
    if not table:
        return []
    width = len(table[0])
    if width > len(columns):
        raise InputError(
            f"{field} must have at most {len(columns)} columns ({', '.join(columns)}), got {width}"
        )
    first = table[0][0]
    if isinstance(first, str) and first.strip().lower() == columns[0].lower():
        table = table[1:]
    pad = [None] * (len(columns) - width)
    return [row + pad for row in table if not all(is_blank(cell) for cell in row)]


Cell = float | int | bool | str | dt.datetime


def _cell(value: Any) -> Cell:
    if value is None:
        return ""
    if isinstance(value, np.generic):  # np.float64 is a float subclass: unwrap it first
        return _cell(value.item())
    if isinstance(value, bool | str | int):  # StrEnum members are str; bool before int
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, float):
        return value if math.isfinite(value) else "#NUM!"
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, Decimal):
        return _cell(float(value))
    if isinstance(value, Enum):
        return _cell(value.value)
    raise TypeError(f"a cell cannot hold {type(value).__name__}")


def to_result(value: Any) -> Cell | list[list[Cell]]:
    """Return a core result in a form every Excel runtime writes to cells.

    A scalar stays a scalar (``None`` -> ``""``, ``date`` -> ``datetime``, ``Decimal`` and numpy
    numbers -> ``float``, a non-finite float -> ``"#NUM!"``, an enum -> its text); a list of rows
    becomes a rectangular list of lists of such cells (a flat list is one row).

    Raises
    ------
    TypeError
        For a ragged list of rows or an object no cell can hold (a programming error, reported
        as an internal error by the UDF wrapper).

    Examples
    --------
    >>> to_result([["d", 0.5], ["N(d)", float("nan")]])
    [['d', 0.5], ['N(d)', '#NUM!']]
    """
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if not isinstance(value, list | tuple):
        return _cell(value)
    rows: Sequence[Any] = value
    if rows and not isinstance(rows[0], list | tuple):
        rows = [rows]
    out = [[_cell(cell) for cell in row] for row in rows]
    if len({len(row) for row in out}) > 1:
        raise TypeError("a spilled result must be rectangular")
    return out if out and out[0] else ""
