"""Calculate a workbook headlessly with the ``formulas`` engine and the SAR_ worksheet functions.

Two paths give the same values, error values and messages. By default a workbook is calculated
by formula shape (:mod:`stockrights.workbooks.columns`): a formula copied down a column is parsed
once and evaluated over its rows with ``formulas``' own function implementations, without
loading ``formulas``' model builder or its ``scipy.stats``-importing modules. A workbook outside
what that path covers is calculated cell by cell by ``formulas`` (``ExcelModel``), as described
below; ``calculate(..., by_shape=False)`` forces that path.

The SAR_ functions are the ones the Excel face defines (:mod:`stockrights.excel.udfs`), the same
Python objects, registered into ``formulas`` through a thin adapter. The adapter only reshapes
what ``formulas`` hands over into what xlwings would hand over, and back:

==============================  ============================  =================================
``formulas`` passes             the UDF receives (as from      notes
                                xlwings, ``err_to_str=True``)
==============================  ============================  =================================
a 2-D numpy object array        a list of rows (range          ``ndim=2``, orientation kept
(a range argument)              arguments), or the one value
                                of a 1 x 1 range
``schedula.EMPTY`` (a blank)    ``None``                       the UDF applies its default
``0`` for an omitted range      ``None``                       ``f(a,,b)``: ``formulas`` passes
argument                                                       0; a range is never a bare 0
``XlError`` (``#N/A`` ...)      the text ``"#N/A"``            the UDF passes the error on
numpy numbers and booleans      ``float`` and ``bool``         whole numbers as floats, as COM
a date (a serial number)        the serial as a ``float``      the converters read serials
==============================  ============================  =================================

and the result: a number, a boolean or a text stays; a ``datetime`` becomes its serial; the
text a failed call returns (``"#VALUE! volatility must be >= 0 (got -0.2)"``,
:mod:`stockrights.excel.boundary`) becomes the real error value ``#VALUE!``, and its message is
kept in the :class:`Calculation`; a list of rows becomes a 2-D array (a spilled result, stored in
the workbook as a legacy array formula).

Before calculating, every function a formula calls is checked against ``formulas``' built-ins
and the registered SAR_ functions (``formulas`` would silently give ``#NAME?``); after
calculating, a formula cell left without a value means a circular reference. Both are errors.

Registering means adding entries to ``formulas``' own function table, which that library keeps
process-wide (``formulas.get_functions()``, an ``lru_cache``). The entries are the same every
time, so registering again is harmless. The only other global touched is ``sys.stderr``, and only
while ``formulas`` compiles a workbook: its tqdm progress bar is captured there
(:func:`contextlib.redirect_stderr`) so that the command line's own progress lines are the only
ones.

References
----------
``docs/headless_eval.md`` §5 (the API that worked), §7 (the type differences);
``stockrights.excel.boundary`` (the error policy).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import math
import re
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import formulas
import numpy as np
from formulas.cell import CellWrapper
from formulas.functions import Array, wrap_func
from formulas.ranges import Ranges
from formulas.tokens.operand import Error, XlError
from schedula import EMPTY

from stockrights.dates import date_to_excel_serial
from stockrights.excel.boundary import split_cell_error
from stockrights.excel.registry import UdfInfo, udf_info
from stockrights.workbooks import columns
from stockrights.workbooks.cache_writer import (
    CellKey,
    CellValue,
    ErrorValue,
    FormulaCell,
    cell_range,
    formula_cells,
    sheet_values,
    split_coordinate,
    strip_addin_links,
    write_calculation_copy,
)
from stockrights.workbooks.calling import CURRENT_CELLS, DIRECT_CALL, IN_FORMULA, calling
from stockrights.workbooks.errors import WorkbookError
from stockrights.workbooks.package import Package

__all__ = [
    "Calculation",
    "adapt",
    "calculate",
    "called_functions",
    "known_functions",
    "register_udfs",
    "sar_functions",
]

logger = logging.getLogger("stockrights.workbooks")

Progress = Callable[[str], None]

_MESSAGES: ContextVar[list[str] | None] = ContextVar("stockrights_workbook_messages", default=None)
_CELL_MESSAGES: ContextVar[list[tuple[str, str]] | None] = ContextVar(
    "stockrights_workbook_cell_messages", default=None
)
_LOOSE_SHAPES: ContextVar[list[tuple[str, int, int]] | None] = ContextVar(
    "stockrights_loose_shapes", default=None
)
_DIRECT = re.compile(r"^=([A-Za-z_][A-Za-z0-9_.]*)\(")
_STRING_OR_QUOTED = re.compile(r'"(?:[^"]|"")*"|\'(?:[^\']|\'\')*\'')
_CALL = re.compile(r"(?<![A-Za-z0-9_.!\]])([A-Za-z_][A-Za-z0-9_.]*)\s*\(")
_KEY = re.compile(
    r"^'?\[(?P<book>[^\]]*)\](?P<sheet>.*?)'?!(?P<ref>[A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)$"
)


@dataclass(frozen=True, kw_only=True, slots=True)
class Calculation:
    """The values a workbook's formulas compute.

    Attributes
    ----------
    values : dict of CellKey to CellValue
        A value for every formula cell and every cell of every array-formula range.
    formulas : tuple of FormulaCell
        The formula cells as read from the file (with their previously cached values).
    messages : tuple of str
        The message behind every error value a SAR_ function returned, e.g.
        ``"SAR_BS_PRICE: #VALUE! volatility must be >= 0 (got -0.2)"``.
    cell_messages : dict of CellKey to str
        The same messages by the cell whose formula made the failing call (the anchor of an
        array formula); the first message of a cell when it calls several.
    """

    values: dict[CellKey, CellValue]
    formulas: tuple[FormulaCell, ...]
    messages: tuple[str, ...] = ()
    cell_messages: dict[CellKey, str] = field(default_factory=dict)


def sar_functions() -> dict[str, Callable[..., Any]]:
    """The worksheet functions of :mod:`stockrights.excel.udfs` by their Excel name."""
    from stockrights.excel import udfs

    return {udf_info(f).name: f for f in udfs.registered_udfs()}


def _cell_in(value: Any) -> Any:
    """One cell as xlwings hands it over (``err_to_str=True``)."""
    kind = type(value)
    if kind is float or kind is str:
        return value
    if value is EMPTY or value is None:
        return None
    if isinstance(value, XlError):  # a str subclass: test it before str
        return str(value)
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, int | float):
        return float(value)
    return value


def _argument(value: Any, is_range: bool) -> Any:
    if is_range and type(value) is int and value == 0:
        return None  # formulas passes an omitted argument (f(a,,b)) as the number 0
    if isinstance(value, np.ndarray):
        rows = np.atleast_2d(value).tolist()
        for row in rows:  # floats and plain texts pass as they are (most cells of a range)
            for j, v in enumerate(row):
                if type(v) is not float and type(v) is not str:
                    row[j] = _cell_in(v)
        if not is_range and len(rows) == 1 and len(rows[0]) == 1:
            return rows[0][0]
        return rows
    return _cell_in(value)


def _error(code: str) -> Any:
    return Error.errors.get(code, Error.errors["#VALUE!"])


def _cell_out(name: str, value: Any) -> Any:
    """One result cell as ``formulas`` holds it."""
    if isinstance(value, str):
        parts = split_cell_error(value)
        if parts is None:
            return value
        messages = _MESSAGES.get()
        if messages is not None:
            messages.append(f"{name}: {value}")
        by_cell = _CELL_MESSAGES.get()
        if by_cell is not None:
            by_cell += [(cell, f"{name}: {value}") for cell in CURRENT_CELLS.get()]
        logger.info("%s: %s", name, value)
        return _error(parts[0])
    if isinstance(value, dt.datetime):
        seconds = value.hour * 3600 + value.minute * 60 + value.second
        return float(date_to_excel_serial(value.date())) + seconds / 86400.0
    if isinstance(value, dt.date):
        return float(date_to_excel_serial(value))
    return value


def _overflow(name: str, result: list[Any]) -> Any:
    """An error grid when a result is larger than the range its formula fills, else None.

    Only for a formula that is one SAR_ call (``=SAR_X(...)``): a spilled result is never cut
    to fit its range silently; every cell of the range becomes ``#VALUE!`` and the message
    gives the size needed.
    """
    cells = CURRENT_CELLS.get()
    if len(cells) > 1:  # one formula text in several ranges, calculated once by formulas:
        loose = _LOOSE_SHAPES.get()  # checked range by range afterwards (_check_loose_shapes)
        if loose is not None:
            loose.append((name, len(result), max((len(row) for row in result), default=0)))
        return None
    match = _KEY.match(cells[0]) if cells else None
    if match is None:
        return None
    first, _, last = match["ref"].partition(":")
    (c1, r1), (c2, r2) = split_coordinate(first), split_coordinate(last or first)
    rows, columns = abs(r2 - r1) + 1, abs(c2 - c1) + 1
    need_rows, need_columns = len(result), max((len(row) for row in result), default=0)
    if need_rows <= rows and need_columns <= columns:
        return None
    _cell_out(
        name,
        f"#VALUE! the result needs {need_rows} rows x {need_columns} columns but its range "
        f"{match['ref']} holds {rows} x {columns}; make the range larger",
    )
    out = np.empty((rows, columns), dtype=object)
    out[:] = _error("#VALUE!")
    return out.view(Array)


def adapt(function: Callable[..., Any], info: UdfInfo | None = None) -> Callable[..., Any]:
    """Wrap a SAR_ function for ``formulas`` (see the module docstring for the conversions).

    Parameters
    ----------
    function : callable
        A UDF declared with :func:`stockrights.excel.registry.udf` (or any function with the
        same calling convention, given its ``info``).
    info : UdfInfo, optional
        Its declaration; read from ``function`` when omitted.

    Returns
    -------
    callable
        A function ``formulas`` can register (``formulas.functions.wrap_func`` applied).
    """
    declared = info if info is not None else udf_info(function)
    ranges = [a.is_range for a in declared.args]

    def call(*args: Any) -> Any:
        if len(args) > len(ranges):
            return np.asarray([[_error("#VALUE!")]], object).view(Array)
        converted = [_argument(a, ranges[i]) for i, a in enumerate(args)]
        result = function(*converted)
        if isinstance(result, list) and DIRECT_CALL.get() == declared.name:
            too_big = _overflow(declared.name, result)
            if too_big is not None:
                return too_big
        elif isinstance(result, list) and not IN_FORMULA.get():
            loose = _LOOSE_SHAPES.get()  # a formula of constants, calculated while compiling
            if loose is not None:
                loose.append((declared.name, len(result), max(map(len, result), default=0)))
        if isinstance(result, list):
            cells = [[_cell_out(declared.name, v) for v in row] for row in result]
            out = np.empty((len(cells), len(cells[0]) if cells else 0), dtype=object)
            for i, row in enumerate(cells):
                for j, v in enumerate(row):
                    out[i, j] = v
            return out.view(Array)
        return np.asarray([[_cell_out(declared.name, result)]], object).view(Array)

    call.__name__ = declared.name
    call.__doc__ = declared.description
    wrapped: Callable[..., Any] = wrap_func(call)
    return wrapped


def register_udfs(functions: dict[str, Callable[..., Any]] | None = None) -> tuple[str, ...]:
    """Register the SAR_ functions (or ``functions``) into ``formulas``; return their names.

    Idempotent; see the module docstring for why this touches ``formulas``' function table.
    """
    table = formulas.get_functions()
    chosen = sar_functions() if functions is None else functions
    for name, function in chosen.items():
        table[name.upper()] = adapt(function)
    return tuple(sorted(chosen))


def known_functions() -> frozenset[str]:
    """Upper-case names of every function ``formulas`` can calculate now (SAR_ once registered)."""
    return frozenset(formulas.get_functions())


def called_functions(formula: str) -> tuple[str, ...]:
    r"""Upper-case names of the functions a formula calls, in order, without repeats.

    Text in double quotes and quoted sheet names are ignored.

    Examples
    --------
    >>> called_functions("=ROUNDUP(SAR_BS_PRICE(A1,'My (s)'!B2,1,1,0,0)*200,0)&\"IF(x\"")
    ('ROUNDUP', 'SAR_BS_PRICE')
    """
    text = _STRING_OR_QUOTED.sub(" ", formula)
    seen: dict[str, None] = {}
    for match in _CALL.finditer(text):
        seen.setdefault(match[1].upper(), None)
    return tuple(seen)


def _check_functions(package: Package, cells: Sequence[FormulaCell]) -> None:
    known = known_functions()
    for cell in cells:
        for name in called_functions(strip_addin_links(cell.formula)):
            if name not in known:
                raise WorkbookError(
                    package.path,
                    f"formula in {cell.sheet}!{cell.coordinate} calls unknown function {name} "
                    "(neither an Excel function the engine knows nor a registered SAR_ function)",
                )


def _solution_cells(key: str, value: Any, sheets: dict[str, str]) -> Iterator[tuple[CellKey, Any]]:
    """The cells of one solution entry (``'[book.xlsx]SHEET'!D5:E6``) with their values."""
    match = _KEY.match(key)
    if not match:
        return
    sheet = sheets.get(match["sheet"].replace("''", "'").upper())
    if sheet is None:
        return
    first, _, last = match["ref"].partition(":")
    width = abs(split_coordinate(last or first)[0] - split_coordinate(first)[0]) + 1
    grid = np.atleast_2d(np.asarray(getattr(value, "value", value), dtype=object))
    for i, coordinate in enumerate(cell_range(match["ref"])):
        row, col = divmod(i, width)
        inside = row < grid.shape[0] and col < grid.shape[1]
        yield (sheet, coordinate), grid[row, col] if inside else _error("#N/A")


def _value_out(value: Any) -> CellValue:
    """A ``formulas`` cell value as a :data:`CellValue` (an empty result is 0, as in Excel)."""
    if type(value) is float:  # the common case first
        return value if math.isfinite(value) else ErrorValue("#NUM!")
    if isinstance(value, XlError):
        return ErrorValue(str(value))
    if value is EMPTY or value is None:
        return 0.0
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, int | float):
        number = float(value)
        return number if np.isfinite(number) else ErrorValue("#NUM!")
    if isinstance(value, str):
        return value
    return ErrorValue("#VALUE!")


@contextlib.contextmanager
def _collect_messages() -> Iterator[tuple[list[str], list[tuple[str, str]]]]:
    messages: list[str] = []
    by_cell: list[tuple[str, str]] = []
    token = _MESSAGES.set(messages)
    cell_token = _CELL_MESSAGES.set(by_cell)
    loose_token = _LOOSE_SHAPES.set([])
    try:
        yield messages, by_cell
    finally:
        _MESSAGES.reset(token)
        _CELL_MESSAGES.reset(cell_token)
        _LOOSE_SHAPES.reset(loose_token)


def _check_loose_shapes(package: Package, cells: Sequence[FormulaCell]) -> None:
    """Refuse a formula of constants whose table is larger than its range (see ``_overflow``).

    Such a formula is calculated while compiling, before its cell is known, so its result
    cannot be turned into an error in place: the refresh stops instead of cutting it.
    """
    shapes = _LOOSE_SHAPES.get() or []
    if not shapes:
        return
    for cell in cells:
        name = _direct_call("=" + strip_addin_links(cell.formula).lstrip("="))
        ref = cell.array_ref or cell.coordinate
        first, _, last = ref.partition(":")
        (c1, r1), (c2, r2) = split_coordinate(first), split_coordinate(last or first)
        rows, columns = abs(r2 - r1) + 1, abs(c2 - c1) + 1
        for shape_name, need_rows, need_columns in shapes:
            if shape_name == name and (need_rows > rows or need_columns > columns):
                raise WorkbookError(
                    package.path,
                    f"the formula in {cell.sheet}!{cell.coordinate} returns {need_rows} rows x "
                    f"{need_columns} columns, more than its range {ref} ({rows} x {columns}); "
                    "make the range larger",
                )


class _TaggedCell(CellWrapper):  # type: ignore[misc]
    """A cell's compiled formula that says which cell it computes while it runs."""

    _stockrights_cells: tuple[str, ...]
    _stockrights_direct: str | None

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        with calling(self._stockrights_cells, self._stockrights_direct):
            return super().__call__(*args, **kwargs)


def _direct_call(expression: str) -> str | None:
    """``SAR_X`` when an expression is one call ``=SAR_X(...)`` and nothing else.

    Examples
    --------
    >>> _direct_call("=SAR_X(A1, ')')"), _direct_call("=SAR_X(A1)+1"), _direct_call("=1")
    ('SAR_X', None, None)
    """
    match = _DIRECT.match(expression)
    if match is None:
        return None
    depth, quoted = 0, ""
    for i, ch in enumerate(expression[match.end() - 1 :], start=match.end() - 1):
        if quoted:
            quoted = "" if ch == quoted else quoted
        elif ch in "\"'":
            quoted = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return match[1].upper() if i == len(expression) - 1 else None
    return None


def _tag_cells(model: Any) -> None:
    """Let each formula tell the SAR_ adapter its cell, so that messages carry their cell."""
    for key, node in model.dsp.function_nodes.items():
        function = node.get("function")
        if type(function) is CellWrapper:
            function.__class__ = _TaggedCell
            function._stockrights_cells = tuple(node.get("outputs", ()))
            function._stockrights_direct = _direct_call(key) if isinstance(key, str) else None


def _message_cells(
    by_cell: list[tuple[str, str]],
    sheets: dict[str, str],
    messages: Sequence[str],
    cells: Sequence[FormulaCell],
    values: dict[CellKey, CellValue],
) -> dict[CellKey, str]:
    """Each message by the cell that made the failing call.

    A formula of constants only (``=SAR_BS_PRICE(716,1,15,-0.2,0,0)``) is calculated while the
    workbook is compiled, before cells can say who they are: such a message goes to the error
    cells whose formula calls that function and that have no message yet.
    """
    out: dict[CellKey, str] = {}
    for key, message in by_cell:
        match = _KEY.match(key)
        sheet = sheets.get(match["sheet"].replace("''", "'").upper()) if match else None
        if match and sheet is not None:
            out.setdefault((sheet, match["ref"].partition(":")[0]), message)
    placed = set(out.values())
    for message in messages:
        if message in placed:
            continue
        name = message.partition(":")[0]
        for cell in cells:
            place = (cell.sheet, cell.coordinate)
            if (
                place not in out
                and isinstance(values.get(place), ErrorValue)
                and name in called_functions(strip_addin_links(cell.formula))
            ):
                out[place] = message
    return out


def _expected_cells(cells: Iterable[FormulaCell]) -> list[CellKey]:
    out: list[CellKey] = []
    for cell in cells:
        if cell.array_ref:
            out += [(cell.sheet, c) for c in cell_range(cell.array_ref)]
        else:
            out.append((cell.sheet, cell.coordinate))
    return out


def _data_sheets(package: Package, cells: Sequence[FormulaCell]) -> tuple[str, ...]:
    """Sheets without a formula (price series, curves): their values are fed as ranges."""
    with_formulas = {c.sheet for c in cells}
    return tuple(s.name for s in package.sheets if s.name not in with_formulas)


def _load(package: Package, emptied: Collection[str]) -> Any:
    """The ``formulas`` model of the lean copy of the workbook (see ``write_calculation_copy``)."""
    with tempfile.TemporaryDirectory(prefix="stockrights-") as folder:
        lean = Path(folder) / package.path.name
        with lean.open("wb") as fh:
            write_calculation_copy(package, fh, emptied=emptied)
        # formulas draws a tqdm bar on stderr while it compiles; our progress lines replace it
        with contextlib.redirect_stderr(io.StringIO()):
            return formulas.ExcelModel().loads(str(lean)).finish()


def _range_inputs(
    model: Any, package: Package, data_sheets: Sequence[str]
) -> dict[str, Any] | None:
    """Values of every range or cell of a data sheet the model refers to, by node name.

    ``formulas`` compiles every cell it loads, which costs about 0.1 ms each: a price series of
    thousands of rows would dominate a refresh. Data sheets are loaded empty, and the ranges
    that formulas refer to are given their values here, read straight from the sheet's XML.
    None when a reference is not a plain ``A1`` or ``A1:B2`` range (a whole column, say):
    the caller then loads the workbook in full.
    """
    if not data_sheets:
        return {}
    by_name = {name.upper(): name for name in data_sheets}
    values: dict[str, dict[str, CellValue]] = {}
    inputs: dict[str, Any] = {}
    for key in model.dsp.data_nodes:
        if not isinstance(key, str) or "!" not in key:
            continue
        match = _KEY.match(key)
        if match is None:
            if any(f"]{upper}'!" in key.upper() for upper in by_name):
                return None
            continue
        sheet = by_name.get(match["sheet"].replace("''", "'").upper())
        if sheet is None:
            continue
        if sheet not in values:
            values[sheet] = sheet_values(package, sheet)
        cells = values[sheet]
        first, _, last = match["ref"].partition(":")
        c1, r1 = split_coordinate(first)
        c2, r2 = split_coordinate(last or first)
        grid = np.empty((r2 - r1 + 1, c2 - c1 + 1), dtype=object)
        grid[:] = EMPTY
        width = c2 - c1 + 1
        for i, coordinate in enumerate(cell_range(match["ref"])):
            value = cells.get(coordinate)
            if value is not None:
                grid[divmod(i, width)] = columns.engine_value(value)
        inputs[key] = Ranges().push(key, grid)
    return inputs


def calculate(
    package: Package, *, progress: Progress | None = None, by_shape: bool = True
) -> Calculation:
    """Calculate every formula of a workbook (read and checked by ``read_package``).

    The formulas are calculated run by run (:mod:`stockrights.workbooks.columns`: each column
    formula compiled once, evaluated over its rows, with ``formulas``' own functions); a
    workbook that path does not cover is calculated by ``formulas`` cell by cell. Both give
    the same values, error values and messages.

    Parameters
    ----------
    package : Package
        The workbook; ``package.path`` is loaded by the engine.
    progress : callable, optional
        Called with a short line at each stage (for a progress display).
    by_shape : bool
        False calculates with ``formulas`` cell by cell whatever the workbook (the reference
        path, for tests and benchmarks).

    Returns
    -------
    Calculation

    Raises
    ------
    WorkbookError
        When a formula calls an unknown function, when the engine cannot load the workbook,
        or when formula cells are left without a value (a circular reference).
    """
    report = progress or (lambda _line: None)
    cells = formula_cells(package)
    report(f"{len(cells)} formula cells in {len(package.sheets)} sheets")
    reason = "as asked"
    if by_shape:
        report("compiling the formula shapes")
        sar = sar_functions()
        try:
            planned = columns.plan(package, cells, frozenset(sar))
        except columns.UnsupportedError as why:
            logger.info("%s: calculated cell by cell (%s)", package.path, why)
            reason = f"the shape path does not cover it: {why}"
        else:
            report(f"calculating {len(planned.runs)} runs of {len(cells)} formula cells")
            with _collect_messages() as (messages, by_cell):
                adapted = {name: adapt(function) for name, function in sar.items()}
                try:
                    computed = planned.evaluate(adapted)
                except Exception:  # a defect of the shape path: formulas still gets it right
                    logger.warning("%s: shape path failed, calculated cell by cell", package.path)
                    logger.debug("shape path failure", exc_info=True)
                    reason = "the shape path failed"
                else:
                    _check_loose_shapes(package, cells)
                    return _calculation(package, cells, computed, messages, by_cell)
    limit = package.limits.max_cells_cell_by_cell
    if package.cells_with_formulas > limit:
        raise WorkbookError(
            package.path,
            f"has {package.cells_with_formulas:,} cells on sheets with formulas, more than the "
            f"limit of {limit:,} for a workbook calculated cell by cell ({reason}); "
            "keep long data on a sheet of its own",
        )
    return _calculate_cell_by_cell(package, cells, report)


def _calculate_cell_by_cell(
    package: Package, cells: tuple[FormulaCell, ...], report: Progress
) -> Calculation:
    """The ``formulas`` path: every cell compiled into one model, then calculated."""
    report("registering the SAR_ functions")
    register_udfs()
    _check_functions(package, cells)
    data_sheets = _data_sheets(package, cells)
    report("loading and compiling the formulas")
    with _collect_messages() as (messages, by_cell):
        try:
            model = _load(package, data_sheets)
            inputs = _range_inputs(model, package, data_sheets)
            if inputs is None:  # a data sheet is referenced in a way values cannot be fed to
                model, inputs = _load(package, ()), {}
            _tag_cells(model)
            report("calculating")
            solution = model.calculate(inputs=inputs)
            _check_loose_shapes(package, cells)
        except WorkbookError:
            raise
        except Exception as exc:  # the engine's own failures, reported as one line
            text = " ".join(str(exc).split()) or type(exc).__name__
            raise WorkbookError(
                package.path, f"cannot be calculated ({type(exc).__name__}: {text[:200]})"
            ) from exc
    sheets = {s.name.upper(): s.name for s in package.sheets}
    computed: dict[CellKey, Any] = {}
    for key, value in solution.items():
        if not isinstance(key, str):
            continue
        for cell_key, cell in _solution_cells(key, value, sheets):
            computed[cell_key] = cell
    return _calculation(package, cells, computed, messages, by_cell)


def _calculation(
    package: Package,
    cells: tuple[FormulaCell, ...],
    computed: dict[CellKey, Any],
    messages: list[str],
    by_cell: list[tuple[str, str]],
) -> Calculation:
    """The values of every formula cell (an error when one has none: a circular reference)."""
    expected = _expected_cells(cells)
    missing = [k for k in expected if k not in computed]
    if missing:
        shown = ", ".join(f"{s}!{c}" for s, c in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        raise WorkbookError(
            package.path,
            f"has a circular reference: no value for {shown}{more}",
        )
    values = {k: _value_out(computed[k]) for k in expected}
    sheets = {s.name.upper(): s.name for s in package.sheets}
    return Calculation(
        values=values,
        formulas=cells,
        messages=tuple(dict.fromkeys(messages)),
        cell_messages=_message_cells(by_cell, sheets, messages, cells, values),
    )
