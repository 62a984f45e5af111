"""Calculate a workbook shape by shape: each column formula compiled once, evaluated over its rows.

The ``formulas`` engine builds and compiles a graph node for every cell (about 2.3 ms a formula
cell), so a register of thousands of rows takes minutes. Here the formula cells are grouped into
**runs**: consecutive cells of one column with the same shape (:mod:`stockrights.workbooks.shapes`,
the formula relative to its cell). A run's formula is parsed once; its references become column
vectors (a relative reference) or one value (an absolute one), and every function is applied once
to the whole run where it works element by element, or once per row otherwise (with the results
of identical argument rows reused).

The functions are ``formulas``' own implementations (the modules that do not import
``scipy.stats``; the few statistics functions the templates use, ``MAX``, ``MIN``, ``COUNT``,
``COUNTA``, ``AVERAGE`` and ``NORM.S.DIST``, are declared here exactly as ``formulas`` declares
them), called with the values ``formulas`` would pass them, so every value, error value and
message is the one the ``formulas`` path gives; a test compares both paths cell by cell. Runs
are calculated in dependency order; a run that reads its own column (a running total) is split
into rows. A workbook this module does not cover raises :class:`UnsupportedError` when it is
planned, before anything is calculated, and :mod:`stockrights.workbooks.engine` calculates it with
``formulas`` as before: a formula outside the grammar of :mod:`~stockrights.workbooks.shapes`, a
function outside :data:`FUNCTIONS`, a data table, a sheet-scoped, hidden or non-range defined
name, an error constant typed into a formula sheet, a circular reference. Shared formulas (what
Excel writes for a filled-down column) are read as openpyxl reads them for ``formulas``: every
cell of a group has the shape of the group's first cell.

References
----------
``docs/refresh_speed.md`` (the measurements); ``formulas`` 1.3.4 ``functions/`` (the functions),
``ranges.py`` (how a result fills its cell or array range), ``excel/__init__.py`` (numbers read
as ``round(value, 15)``).
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from statistics import NormalDist
from typing import Any

import numpy as np
from formulas.functions import (
    Array,
    _convert_args,
    flatten,
    is_not_empty,
    is_number,
    raise_errors,
    replace_empty,
    wrap_func,
    wrap_ufunc,
)
from formulas.tokens.operand import Error
from schedula import EMPTY

from stockrights.workbooks.cache_writer import (
    CellKey,
    FormulaCell,
    _shared_strings,
    cell_range,
    column_letters,
    sheet_values,
    split_coordinate,
    string_item_text,
    strip_addin_links,
)
from stockrights.workbooks.calling import calling, cell_key
from stockrights.workbooks.package import NS, Package, parse_xml
from stockrights.workbooks.shapes import (
    Call,
    Constant,
    Empty,
    Name,
    Node,
    Operation,
    Reference,
    ShapeKeys,
    Shifted,
    UnsupportedError,
    parse,
    shape_key,
)
from stockrights.workbooks.sheet_scan import constants

__all__ = [
    "ELEMENTWISE",
    "ELEMENTWISE_IN_FIRST",
    "FUNCTIONS",
    "Plan",
    "UnsupportedError",
    "engine_value",
    "plan",
]

Function = Callable[..., Any]

ELEMENTWISE = frozenset(
    {"+", "-", "*", "/", "^", "&", "=", "<>", "<", ">", "<=", ">=", "U-", "U+", "%"}
    | {"IF", "IFERROR", "NOT", "ABS", "EXP", "LN", "SQRT", "INT", "ROUND", "ROUNDUP"}
    | {"ROUNDDOWN", "NORM.S.DIST", "_XLFN.NORM.S.DIST", "MOD"}
)
"""Functions that ``formulas`` implements element by element (``wrap_ufunc``): one call serves a
whole run when every argument holds one value per row."""

ELEMENTWISE_IN_FIRST = frozenset({"VLOOKUP", "MATCH"})
"""Lookups that ``formulas`` implements element by element in the value looked up (the table,
the column and the match type are read once): one call serves a run when only the first
argument changes from row to row."""

_FROM_FORMULAS = {
    "formulas.functions.math": ("SUM", "SUMIF", "ROUND", "ROUNDUP", "ROUNDDOWN", "ABS", "EXP"),
    "formulas.functions.logic": ("IF", "IFERROR", "AND", "OR", "NOT", "TRUE", "FALSE"),
    "formulas.functions.look": ("INDEX", "VLOOKUP", "MATCH"),
    "formulas.functions.info": ("ISERROR", "ISNUMBER", "ISBLANK", "ISTEXT", "ISNA"),
}
_MORE_MATH = ("LN", "SQRT", "INT", "MOD")


# --- the statistics functions the templates use, declared as formulas.functions.stat does ------
# (importing that module imports scipy.stats: 0.45 s of every refresh for MAX and COUNT)


def _xfunc(
    *args: Any,
    func: Callable[[list[Any]], Any] = max,
    check: Callable[[Any], bool] = is_number,
    default: Any = 0,
    _raise: bool = True,
) -> Any:
    _raise and raise_errors(args)
    it = flatten(map(_convert_args, args), check=check)
    defaults = [] if default is None else [default]
    return func(list(it) or defaults)


def _xaverage(v: list[Any]) -> Any:
    if v:
        return np.mean(v)
    return Error.errors["#DIV/0!"]


def _parse_cumulative(cumulative: Any) -> Any:
    if isinstance(cumulative, str):
        if cumulative.lower() in ("true", "false"):
            return cumulative.lower() == "true"
        raise _found(Error.errors["#VALUE!"])
    return cumulative


def _found(err: Any) -> Exception:
    from formulas.errors import FoundError

    found: Exception = FoundError(err=err)
    return found


def _xnormdist(z: float, mu: float, sigma: float, cumulative: Any = True) -> Any:
    if sigma <= 0:
        return Error.errors["#NUM!"]
    norm = NormalDist(mu=mu, sigma=sigma)
    return norm.cdf(z) if cumulative else norm.pdf(z)


_STATISTICS: dict[str, Function] = {
    "MAX": wrap_func(_xfunc),
    "MIN": wrap_func(functools.partial(_xfunc, func=min)),
    "COUNT": wrap_func(
        functools.partial(
            _xfunc,
            func=len,
            _raise=False,
            default=None,
            check=functools.partial(is_number, xl_return=False),
        )
    ),
    "COUNTA": wrap_func(
        functools.partial(_xfunc, check=is_not_empty, func=len, _raise=False, default=None)
    ),
    "AVERAGE": wrap_func(functools.partial(_xfunc, func=_xaverage, default=None)),
    "NORM.S.DIST": wrap_ufunc(
        _xnormdist,
        input_parser=lambda x, a=1: (_convert_args(x), 0, 1, _parse_cumulative(a)),
    ),
}
_STATISTICS["_XLFN.NORM.S.DIST"] = _STATISTICS["NORM.S.DIST"]


@functools.cache
def _native() -> dict[str, Function]:
    """The native functions of :data:`FUNCTIONS`, from ``formulas``' light modules."""
    import importlib

    from formulas.functions.operators import OPERATORS

    out: dict[str, Function] = {k: OPERATORS[k] for k in ELEMENTWISE if k in OPERATORS}
    for module_name, names in _FROM_FORMULAS.items():
        module = importlib.import_module(module_name)
        for name in names + (_MORE_MATH if module_name.endswith("math") else ()):
            entry = module.FUNCTIONS[name]
            out[name] = entry["function"] if isinstance(entry, dict) else entry
    index = out["INDEX"]
    out["INDEX"] = lambda *args: index(False, *args)  # an impure function: (compiling, *args)
    out.update(_STATISTICS)
    return out


FUNCTIONS = frozenset(
    {n for names in _FROM_FORMULAS.values() for n in names} | set(_MORE_MATH) | set(_STATISTICS)
)
"""Native functions a run may call (more fall back to ``formulas``)."""


# --- values -----------------------------------------------------------------------------------


def engine_value(value: Any) -> Any:
    """A value read from a data sheet as ``formulas`` is handed it (numbers to 15 decimals)."""
    from stockrights.workbooks.cache_writer import ErrorValue

    if isinstance(value, ErrorValue):
        return Error.errors.get(value.code, Error.errors["#VALUE!"])
    if isinstance(value, float):
        return round(value, 15)
    return value


@dataclass(frozen=True, slots=True)
class _Same:
    """One value for every row: what ``formulas`` passes (a scalar, or a 2-D object array)."""

    value: Any

    def row(self, i: int) -> Any:
        return self.value


@dataclass(frozen=True, slots=True)
class _Column:
    """One value per row: an ``(n, 1)`` object array."""

    values: np.ndarray

    def row(self, i: int) -> Any:
        return self.values[i : i + 1].view(Array)


@dataclass(frozen=True, slots=True)
class _PerRow:
    """Anything per row (a range that moves with the row, a table a function returned)."""

    values: list[Any]

    def row(self, i: int) -> Any:
        return self.values[i]


_Value = _Same | _Column | _PerRow


def _one_per_row(value: _Value) -> bool:
    """True for a column, or one value that is a scalar or a 1 x 1 range (it broadcasts)."""
    if isinstance(value, _Column):
        return True
    if isinstance(value, _Same):
        return not isinstance(value.value, np.ndarray) or value.value.shape == (1, 1)
    return False


class _Sheet:
    """A sheet's cell values by column: object arrays indexed by row (EMPTY where blank)."""

    def __init__(self) -> None:
        self.columns: dict[int, np.ndarray] = {}

    def column(self, col: int, rows: int) -> np.ndarray:
        array = self.columns.get(col)
        if array is None or len(array) <= rows:
            grown = np.empty(max(rows + 1, 64, 0 if array is None else 2 * len(array)), object)
            grown[:] = EMPTY  # np.full would make EMPTY (a str subclass) a plain string
            if array is not None:
                grown[: len(array)] = array
            self.columns[col] = array = grown
        return array

    def set(self, col: int, row: int, value: Any) -> None:
        self.column(col, row)[row] = value

    def rect(self, c1: int, r1: int, c2: int, r2: int) -> np.ndarray:
        out = np.empty((r2 - r1 + 1, c2 - c1 + 1), dtype=object)
        for j, col in enumerate(range(c1, c2 + 1)):
            array = self.columns.get(col)
            if array is None:
                out[:, j] = EMPTY
                continue
            part = array[r1 : r2 + 1]
            out[: len(part), j] = part
            out[len(part) :, j] = EMPTY
        return out.view(Array)


# --- runs and their order ---------------------------------------------------------------------


@dataclass(slots=True)
class _Run:
    sheet: str
    col: int
    first: int
    last: int
    node: Node
    cells: list[FormulaCell]
    array: tuple[int, int, int, int] | None = None
    reads: list[tuple[str, int, int, int, int]] = field(default_factory=list)

    def writes(self) -> tuple[int, int, int, int]:
        if self.array is not None:
            return self.array
        return self.col, self.first, self.col, self.last

    def split(self) -> list[_Run]:
        if self.array is not None:  # one formula over its array range: nothing to split
            return [self]
        return [
            _Run(self.sheet, self.col, cell_row, cell_row, self.node, [cell])
            for cell, cell_row in zip(self.cells, range(self.first, self.last + 1), strict=True)
        ]


def _references(node: Node) -> Iterator[Reference | Name]:
    if isinstance(node, Reference | Name):
        yield node
    elif isinstance(node, Call | Operation):
        children = node.args if isinstance(node, Call) else node.operands
        for child in children:
            yield from _references(child)


def _calls(node: Node) -> Iterator[Call]:
    if isinstance(node, Call):
        yield node
        for child in node.args:
            yield from _calls(child)
    elif isinstance(node, Operation):
        for child in node.operands:
            yield from _calls(child)


@dataclass(frozen=True, slots=True)
class _Names:
    """Workbook-scoped defined names -> (sheet, reference), the reference absolute."""

    table: Mapping[str, tuple[str, Reference]]

    def get(self, name: Name) -> tuple[str, Reference]:
        found = self.table.get(name.name)
        if found is None:
            raise UnsupportedError(f"name {name.name} is not a workbook-scoped range")
        return found


def _defined_names(package: Package, sheets: Mapping[str, str]) -> _Names:
    root = parse_xml(
        package.path, package.workbook_part, package.members[package.workbook_part]
    ).getroot()
    table: dict[str, tuple[str, Reference]] = {}
    for node in root.iterfind("main:definedNames/main:definedName", NS):
        if node.get("localSheetId") is not None or node.get("hidden") in ("1", "true"):
            continue  # formulas ignores such names: a formula using one falls back
        text = (node.text or "").strip()
        try:
            tree = parse(shape_key(text, 1, 1))
        except UnsupportedError:
            continue  # a constant, a formula, a whole column: used in a formula, it falls back
        if not isinstance(tree, Reference) or tree.sheet is None:
            continue
        if not (tree.abs_col1 and tree.abs_row1 and tree.abs_col2 and tree.abs_row2):
            continue
        sheet = sheets.get(tree.sheet.upper())
        if sheet is not None:
            table[node.get("name", "").upper()] = (sheet, tree)
    return _Names(table)


_COORDINATE = re.compile(r"([A-Z]{1,3})([0-9]+)")


@functools.cache
def _column_number(letters: str) -> int:
    return split_coordinate(f"{letters}1")[0]


def _coordinate(text: str) -> tuple[int, int]:
    """(column, row) of a coordinate as the file writes it (``B5``); others parsed in full."""
    match = _COORDINATE.fullmatch(text)
    if match is None:
        return split_coordinate(text)
    return _column_number(match[1]), int(match[2])


def _runs(cells: Sequence[FormulaCell], shared: Mapping[CellKey, _Anchor]) -> list[_Run]:
    by_column: dict[tuple[str, int], list[tuple[int, FormulaCell]]] = {}
    runs: list[_Run] = []
    for cell in cells:
        if not cell.formula and (cell.sheet, cell.coordinate) not in shared:
            raise UnsupportedError(f"formula cell {cell.sheet}!{cell.coordinate} without a text")
        col, row = _coordinate(cell.coordinate)
        if cell.array_ref:
            first, _, last = cell.array_ref.partition(":")
            c1, r1 = split_coordinate(first)
            c2, r2 = split_coordinate(last or first)
            key = shape_key(strip_addin_links(cell.formula), col, row)
            run = _Run(cell.sheet, col, row, row, parse(key), [cell])
            run.array = (min(c1, c2), min(r1, r2), max(c1, c2), max(r1, r2))
            runs.append(run)
        else:
            by_column.setdefault((cell.sheet, col), []).append((row, cell))
    trees: dict[tuple[object, ...], Node] = {}
    keys = ShapeKeys()
    for (sheet, col), column in by_column.items():
        column.sort(key=lambda item: item[0])
        current: _Run | None = None
        current_key: tuple[object, ...] | None = None
        shifted: Shifted | None = None  # the current run's first text, copied down
        for row, cell in column:
            anchor = shared.get((sheet, cell.coordinate))
            adjacent = current is not None and row == current.last + 1
            if adjacent and anchor is None and shifted is not None and shifted(row) == cell.formula:
                assert current is not None  # (adjacent)
                current.last = row  # the text one row down: the same shape, no key needed
                current.cells.append(cell)
                continue
            text, at_col, at_row = anchor or (cell.formula, col, row)
            formula = strip_addin_links(text) if "!" in text else text
            key = keys(formula, at_col, at_row)
            if adjacent and key == current_key:
                assert current is not None  # (adjacent)
                current.last = row
                current.cells.append(cell)
                continue
            tree = trees.get(key)
            if tree is None:
                tree = trees[key] = parse(key)
            current, current_key = _Run(sheet, col, row, row, tree, [cell]), key
            shifted = Shifted(cell.formula, row) if anchor is None else None
            runs.append(current)
    return runs


_MAX_RANGE_CELLS = 1_000_000
"""Larger ranges (``A1:Z1048576``) are left to ``formulas``: the shape path would hold them."""


def _read_rects(
    run: _Run, names: _Names, sheets: Mapping[str, str]
) -> list[tuple[str, int, int, int, int]]:
    out = []
    for ref in _references(run.node):
        if isinstance(ref, Name):
            sheet, ref = names.get(ref)
        elif ref.sheet is None:
            sheet = run.sheet
        else:
            found = sheets.get(ref.sheet.upper())
            if found is None:
                raise UnsupportedError(f"reference to a missing sheet {ref.sheet}")
            sheet = found
        a = ref.corners(run.col, run.first)
        b = ref.corners(run.col, run.last)
        c1, r1, c2, r2 = min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])
        if r1 < 1 or c1 < 1:
            raise UnsupportedError("a reference above the first row or left of column A")
        if (c2 - c1 + 1) * (r2 - r1 + 1) > _MAX_RANGE_CELLS:
            raise UnsupportedError(f"a range of more than {_MAX_RANGE_CELLS:,} cells")
        out.append((sheet, c1, r1, c2, r2))
    return out


def _order(runs: list[_Run], names: _Names, sheets: Mapping[str, str]) -> list[_Run]:
    """The runs in an order where each comes after every run it reads (splitting where needed)."""
    pending = runs
    done: list[_Run] = []
    for _attempt in range(3):
        for run in pending:
            run.reads = _read_rects(run, names, sheets)
        ordered, stuck = _topological(pending)
        done += ordered
        if not stuck:
            return done
        if all(run.first == run.last for run in stuck):
            raise UnsupportedError("a circular reference")
        pending = [part for run in stuck for part in run.split()]
    raise UnsupportedError("a circular reference")  # pragma: no cover - rows split at most once


def _topological(runs: list[_Run]) -> tuple[list[_Run], list[_Run]]:
    writers: dict[tuple[str, int], list[tuple[int, int, int]]] = {}
    for i, run in enumerate(runs):
        c1, r1, c2, r2 = run.writes()
        for col in range(c1, c2 + 1):
            writers.setdefault((run.sheet, col), []).append((r1, r2, i))
    for spans in writers.values():
        spans.sort()
    starts = {key: [s[0] for s in spans] for key, spans in writers.items()}
    columns_of: dict[str, list[int]] = {}
    for sheet, col in writers:
        columns_of.setdefault(sheet, []).append(col)
    after: list[set[int]] = [set() for _ in runs]
    needs = [0] * len(runs)
    for i, run in enumerate(runs):
        sources: set[int] = set()
        for sheet, c1, r1, c2, r2 in run.reads:
            for col in columns_of.get(sheet, ()):
                if not c1 <= col <= c2:
                    continue
                spans, first = writers[(sheet, col)], starts[(sheet, col)]
                k = max(bisect.bisect_right(first, r1) - 1, 0)
                while k < len(spans) and spans[k][0] <= r2:
                    if spans[k][1] >= r1:
                        sources.add(spans[k][2])
                    k += 1
        for j in sources:
            if j == i:
                needs[i] = -1  # reads itself: never ready, split into rows
            elif i not in after[j]:
                after[j].add(i)
                if needs[i] >= 0:
                    needs[i] += 1
    ready = [i for i, n in enumerate(needs) if n == 0]
    ordered: list[_Run] = []
    while ready:
        i = ready.pop()
        ordered.append(runs[i])
        for k in after[i]:
            if needs[k] > 0:
                needs[k] -= 1
                if needs[k] == 0:
                    ready.append(k)
    placed = {id(run) for run in ordered}
    return ordered, [run for run in runs if id(run) not in placed]


# --- evaluation -------------------------------------------------------------------------------


def _settle(value: Any, shape: tuple[int, int]) -> np.ndarray:
    """A result as ``formulas`` stores it in a cell or an array range of ``shape``."""
    from formulas.ranges import _reshape_array_as_excel

    if not isinstance(value, Array):
        if not np.ndim(value):
            value = [[value]]
        value = np.asarray(value, object)
    result: np.ndarray = _reshape_array_as_excel(value, shape)
    return result


_MISSING = object()


def _without_blanks(value: _Value) -> _Value:
    """A formula's result as ``formulas`` keeps it: every blank in it becomes 0."""
    if isinstance(value, _Same):
        return _Same(replace_empty(value.value))
    if isinstance(value, _Column):
        return _Column(replace_empty(value.values))
    return _PerRow([replace_empty(v) for v in value.values])


class _Evaluator:
    def __init__(
        self,
        sheets: dict[str, _Sheet],
        names: _Names,
        sheet_names: Mapping[str, str],
        functions: Mapping[str, Function],
    ) -> None:
        self.sheets = sheets
        self.names = names
        self.sheet_names = sheet_names
        self.functions = functions

    def run(self, run: _Run) -> None:
        """Evaluate a run, saying which cells it fills (:mod:`~stockrights.workbooks.calling`)."""
        direct = run.node.name if isinstance(run.node, Call) else None
        if run.array is not None:
            c1, r1, c2, r2 = run.array
            ref = f"{column_letters(c1)}{r1}:{column_letters(c2)}{r2}"
            cells: tuple[str, ...] = (cell_key(run.sheet, ref),)
        elif run.first == run.last:
            cells = (cell_key(run.sheet, f"{column_letters(run.col)}{run.first}"),)
        else:  # one formula over many rows: its cells are not told apart here
            cells, direct = (), None
        with calling(cells, direct):
            self._run(run)

    def _run(self, run: _Run) -> None:
        n = run.last - run.first + 1
        rows = np.arange(run.first, run.last + 1)
        value = _without_blanks(self.node(run.node, run, rows, n))
        sheet = self.sheets[run.sheet]
        if run.array is not None:
            c1, r1, c2, r2 = run.array
            grid = _settle(value.row(0), (r2 - r1 + 1, c2 - c1 + 1))
            for i in range(r2 - r1 + 1):
                for j in range(c2 - c1 + 1):
                    sheet.set(c1 + j, r1 + i, grid[i, j])
            return
        column = sheet.column(run.col, run.last)
        if isinstance(value, _Column):
            cells: Any = value.values[:, 0]
            if any(isinstance(v, np.ndarray) for v in cells):
                cells = [_settle(v, (1, 1))[0, 0] for v in cells]
            column[run.first : run.last + 1] = cells  # a scalar settles into a cell as itself
        elif isinstance(value, _Same):
            column[run.first : run.last + 1] = _settle(value.value, (1, 1))[0, 0]
        else:
            for i in range(n):
                column[run.first + i] = _settle(value.values[i], (1, 1))[0, 0]

    def node(self, node: Node, run: _Run, rows: np.ndarray, n: int) -> _Value:
        if isinstance(node, Constant):
            if node.error:
                return _Same(Error.errors[str(node.value)])
            return _Same(node.value)
        if isinstance(node, Empty):
            return _Same(0)  # formulas passes an omitted argument as 0
        if isinstance(node, Reference | Name):
            return self.reference(node, run, rows, n)
        if isinstance(node, Operation):
            args = [self.node(child, run, rows, n) for child in node.operands]
            return self.apply(node.operator, args, n, memo=None)
        name = node.name
        if name == "INDEX" and node.args and isinstance(node.args[0], Reference | Name):
            raise UnsupportedError("INDEX of a reference")  # checked when planning; kept for safety
        args = [self.node(child, run, rows, n) for child in node.args]
        return self.apply(name, args, n, memo={})

    def reference(self, ref: Reference | Name, run: _Run, rows: np.ndarray, n: int) -> _Value:
        if isinstance(ref, Name):
            sheet_name, ref = self.names.get(ref)
        elif ref.sheet is None:
            sheet_name = run.sheet
        else:
            sheet_name = self.sheet_names[ref.sheet.upper()]
        sheet = self.sheets[sheet_name]
        if ref.row_invariant:
            return _Same(sheet.rect(*ref.corners(run.col, run.first)))
        c1, r1, c2, r2 = ref.corners(run.col, run.first)
        if c1 == c2 and r1 == r2:
            column = sheet.column(c1, r1 + n)
            return _Column(column[rows + (r1 - run.first)].reshape(n, 1))
        return _PerRow([sheet.rect(*ref.corners(run.col, int(row))) for row in rows])

    def apply(self, name: str, args: list[_Value], n: int, memo: dict[Any, Any] | None) -> _Value:
        function = self.functions[name]
        if all(isinstance(a, _Same) for a in args):
            return _Same(function(*(a.row(0) for a in args)))
        if (name in _ARITHMETIC or name in _COMPARISON) and any(
            isinstance(a, _Column) for a in args
        ):
            numbers = _numeric(name, args, n)
            if numbers is not None:
                return _Column(numbers)
        if name in _ROUNDING and len(args) == 2:
            rounded = _rounded(name, args, n)
            if rounded is not None:
                return _Column(rounded)
        if name == "IF" and len(args) in (2, 3):
            chosen = _chosen(args, n)
            if chosen is not None:
                return _Column(chosen)
        if name == "INDEX" and len(args) == 3 and isinstance(args[0], _PerRow):
            picked = _picked(function, args, n)
            if picked is not None:
                return _Column(picked)
        if (
            name in ELEMENTWISE_IN_FIRST
            and isinstance(args[0], _Column)
            and all(isinstance(a, _Same) for a in args[1:])
        ):
            result = function(args[0].values, *(a.row(0) for a in args[1:]))
            if isinstance(result, np.ndarray) and result.shape == (n, 1):
                return _Column(np.asarray(result, dtype=object))
        if name in ELEMENTWISE and all(_one_per_row(a) for a in args):
            result = function(*(a.values if isinstance(a, _Column) else a.row(0) for a in args))
            if isinstance(result, np.ndarray) and result.shape == (n, 1):
                return _Column(np.asarray(result, dtype=object))
        results: list[Any] = []
        for i in range(n):
            key = _memo_key(args, i) if memo is not None else None
            found = memo.get(key, _MISSING) if memo is not None and key is not None else _MISSING
            if found is _MISSING:
                found = function(*(a.row(i) for a in args))
                if memo is not None and key is not None:
                    memo[key] = found
            results.append(found)
        if all(isinstance(r, np.ndarray) and r.shape == (1, 1) for r in results):
            column = np.empty((n, 1), dtype=object)
            for i, r in enumerate(results):
                column[i, 0] = r[0, 0]
            return _Column(column)
        return _PerRow(results)


_ARITHMETIC = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide}
_COMPARISON = {
    "=": np.equal,
    "<>": np.not_equal,
    "<": np.less,
    ">": np.greater,
    "<=": np.less_equal,
    ">=": np.greater_equal,
}


def _floats(value: _Value, n: int, blank_is_zero: bool) -> np.ndarray | None:
    """The values as floats when every one is an ``int`` or a ``float`` (not a boolean)."""
    if isinstance(value, _Column):
        items = value.values[:, 0]
    elif isinstance(value, _Same) and _one_per_row(value):
        items = np.ravel(np.asarray(value.value, dtype=object))
    else:
        return None
    numbers = []
    for item in items:
        kind = type(item)
        if kind is float or (kind is int and -(2**53) <= item <= 2**53):
            numbers.append(item)  # (a larger int compares exactly in Python, not as a float)
        elif blank_is_zero and item is EMPTY:
            numbers.append(0)
        else:
            return None
    try:
        return np.asarray(numbers, dtype=float)
    except OverflowError:
        return None


def _numeric(name: str, args: list[_Value], n: int) -> np.ndarray | None:
    """An operator over numbers only, as ``formulas`` computes it, with numpy (or None).

    ``formulas`` turns both operands into Python floats (blank: 0) and applies the operator
    element by element: IEEE arithmetic, the same in numpy. A result that is not finite is
    ``#NUM!``; a division by zero ``#DIV/0!``; a comparison of two numbers is a boolean
    (between numbers, ``formulas`` compares them as they are; a blank is 0 there too, but
    a blank beside a text is not, so blanks are left to ``formulas``).
    """
    arithmetic = name in _ARITHMETIC
    left = _floats(args[0], n, blank_is_zero=arithmetic)
    right = _floats(args[1], n, blank_is_zero=arithmetic) if left is not None else None
    if left is None or right is None:
        return None
    out = np.empty((n, 1), dtype=object)
    with np.errstate(all="ignore"):
        if not arithmetic:
            out[:, 0] = np.broadcast_to(_COMPARISON[name](left, right), (n,)).tolist()
            return out
        result = np.broadcast_to(_ARITHMETIC[name](left, right), (n,))
    out[:, 0] = result.tolist()
    out[~np.isfinite(result), 0] = Error.errors["#NUM!"]
    if name == "/":
        out[np.broadcast_to(right == 0, (n,)), 0] = Error.errors["#DIV/0!"]
    return out


def _half_up(a: np.ndarray) -> np.ndarray:
    """Round non-negative floats half up to whole numbers, exactly (``a - floor(a)`` is exact)."""
    whole = np.floor(a)
    result: np.ndarray = whole + (a - whole >= 0.5)
    return result


_ROUNDING: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "ROUND": _half_up,  # formulas: Decimal(a).quantize(0, ROUND_HALF_UP)
    "ROUNDDOWN": np.floor,  # formulas: math.floor
    "ROUNDUP": np.ceil,  # formulas: math.ceil
}


def _scalar_number(value: _Value) -> float | int | None:
    """The one number a ``_Same`` holds (also as a 0-d or 1 x 1 array; not a boolean), else None."""
    if not isinstance(value, _Same):
        return None
    number = value.value
    if isinstance(number, np.ndarray) and number.size == 1 and number.ndim in (0, 2):
        number = number.reshape(-1)[0]
    if type(number) is int or (type(number) is float and math.isfinite(number)):
        return number
    return None


def _rounded(name: str, args: list[_Value], n: int) -> np.ndarray | None:
    """``ROUND``, ``ROUNDDOWN``, ``ROUNDUP`` of a column of numbers, as ``formulas`` computes them.

    ``formulas`` (``math.xround``) computes, per element, ``d = 10 ** int(digits)``,
    ``v = func(abs(x * d)) / d`` and ``-v`` for a negative ``x``, with ``func`` an exact half-up
    rounding (``Decimal.quantize``), ``math.floor`` or ``math.ceil``. Here the same IEEE
    operations run over the column: ``a - floor(a)`` is exact, so comparing it with 0.5 is an
    exact half-up; ``floor(a) / d`` equals the correctly rounded ``int / d`` of Python while
    ``a < 2**53``. Larger magnitudes, digits beyond ±15 and any non-number are left to
    ``formulas`` (None).
    """
    digits = _scalar_number(args[1])
    if digits is None or not -15 <= int(digits) <= 15:
        return None
    x = _floats(args[0], n, blank_is_zero=False)
    if x is None or not isinstance(args[0], _Column):
        return None
    scale = 10 ** int(digits)
    with np.errstate(all="ignore"):
        a = np.abs(x * scale)
        if not bool(np.all(a < 2.0**53)):
            return None
        v = _ROUNDING[name](a) / scale
    out = np.empty((n, 1), dtype=object)
    out[:, 0] = np.where(x < 0, -v, v).tolist()
    return out


def _chosen(args: list[_Value], n: int) -> np.ndarray | None:
    """``IF`` of a column of booleans between two single values, as ``formulas``' ``xif``."""
    condition = args[0]
    if not isinstance(condition, _Column):
        return None
    branches = [a.value if isinstance(a, _Same) else _MISSING for a in args[1:]]
    if any(b is _MISSING or b is EMPTY or isinstance(b, np.ndarray) for b in branches):
        return None
    yes, no = [*branches, False][:2]
    items = condition.values[:, 0]
    if not all(type(c) is bool for c in items):
        return None
    out = np.empty((n, 1), dtype=object)
    out[:, 0] = [yes if c else no for c in items]
    return out


def _picked(function: Function, args: list[_Value], n: int) -> np.ndarray | None:
    """``INDEX(table, row, column)`` of a table per row at a fixed place, as ``formulas``.

    Where the place lies inside a row's 2-D table, ``formulas``' ``xindex`` gives that element
    (0 for a blank); any other row (an error instead of a table, a place outside it) is
    handed to ``function`` itself.
    """
    row, col = _scalar_number(args[1]), _scalar_number(args[2])
    if row is None or col is None or int(row) < 1 or int(col) < 1:
        return None
    r, c = int(row) - 1, int(col) - 1
    out = np.empty((n, 1), dtype=object)
    for i, table in enumerate(args[0].values):  # type: ignore[union-attr]
        inside = isinstance(table, np.ndarray) and table.ndim == 2
        if inside and r < table.shape[0] and c < table.shape[1]:
            value = table[r, c]
            out[i, 0] = 0 if value is EMPTY else value
            continue
        result = function(table, args[1].row(i), args[2].row(i))
        if not (isinstance(result, np.ndarray) and result.shape == (1, 1)):
            return None
        out[i, 0] = result[0, 0]
    return out


def _memo_key(args: list[_Value], i: int) -> tuple[Any, ...] | None:
    key: list[Any] = []
    for a in args:
        if isinstance(a, _Same):
            key.append(id(a))
        elif isinstance(a, _Column):
            v = a.values[i, 0]
            if isinstance(v, float) and math.isnan(v):
                return None
            key.append((type(v), v))
        else:
            return None
    return tuple(key)


# --- loading the values the formulas read -----------------------------------------------------


def _openpyxl_number(text: str) -> int | float:
    """A number cell as openpyxl reads it, then ``formulas`` (floats to 15 decimals)."""
    if "." in text or "E" in text or "e" in text:
        return round(float(text), 15)
    return int(text)


_MAIN = f"{{{NS['main']}}}"


_Anchor = tuple[str, int, int]
"""A formula's text and the (column, row) of the cell it is written for."""


def _shared_formulas(root: Any) -> dict[str, _Anchor]:
    """Cells of shared formulas -> the text of their group's first cell and its coordinates.

    As openpyxl reads them for ``formulas``: the first cell of a group (in document order)
    that has a text defines it, and every later cell of the group is that text translated (its
    own text, if any, is ignored). In R1C1 terms every cell of the group has the first cell's
    shape, so the first cell's text and position are all a run needs.
    """
    out: dict[str, _Anchor] = {}
    first: dict[str, _Anchor] = {}
    special = root.xpath(
        "main:sheetData/main:row/main:c/main:f[@t='shared' or @t='dataTable']", namespaces=NS
    )
    for f in special:
        cell = f.getparent()
        ref = cell.get("r")
        if f.get("t") == "dataTable" or ref is None:
            raise UnsupportedError("a data table, or a shared formula without its coordinate")
        group = f.get("si", "")
        anchor = first.get(group)
        if anchor is None:
            if not f.text:
                raise UnsupportedError(f"shared formula {group} starts without its text")
            col, row = _coordinate(ref)
            anchor = first[group] = (f.text, col, row)
        out[ref] = anchor
    return out


def _constants(package: Package, part: str) -> tuple[Iterator[tuple[str, str, str | None]], Any]:
    """(coordinate, ``t``, text) of every cell without a formula that holds a value.

    The text is the inline string's for ``inlineStr``, else the ``<v>`` text (``""`` for an
    empty ``<v>``; None without one). Also returns the sheet's root element, None when the
    sheet was read from its scan (:mod:`stockrights.workbooks.sheet_scan`).
    """
    scan = package.scans.get(part)
    if scan is not None:
        return constants(scan), None
    root = parse_xml(package.path, part, package.members[part]).getroot()
    found = root.xpath(
        "main:sheetData/main:row/main:c[not(main:f)][main:v or main:is]", namespaces=NS
    )

    def cells() -> Iterator[tuple[str, str, str | None]]:
        for cell in found:
            ref = cell.get("r")
            if ref is None:
                raise UnsupportedError("a cell without its coordinate")
            kind = cell.get("t", "n")
            if kind == "inlineStr":
                node = cell.find(f"{_MAIN}is")
                yield ref, kind, "" if node is None else string_item_text(node)
            else:
                yield ref, kind, cell.findtext(f"{_MAIN}v")

    return cells(), root


def _formula_sheet_values(
    package: Package, part: str, strings: list[str], sheet: _Sheet, skip: Collection[str]
) -> dict[str, _Anchor]:
    """Load the constants of a sheet with formulas, as openpyxl reads them for ``formulas``.

    Returns the shared formulas of the sheet (:func:`_shared_formulas`).
    """
    found, root = _constants(package, part)
    for ref, kind, text in found:
        if ref in skip:
            continue  # the cells an array formula fills are dropped from the engine's copy
        if text is None:
            continue
        value: Any
        if kind == "inlineStr" or kind == "str":
            value = text
        elif kind == "s":
            value = strings[int(text)]
        elif kind == "b":
            value = text.strip() in ("1", "true")
        elif kind == "n":
            value = _openpyxl_number(text.strip())
        else:
            raise UnsupportedError(f"a {kind!r} constant in a formula sheet")
        col, row = _coordinate(ref)
        sheet.set(col, row, value)
    data = package.members[part]
    if b"shared" not in data and b"dataTable" not in data:
        return {}  # the common case, without searching the tree
    if root is None:
        root = parse_xml(package.path, part, data).getroot()
    return _shared_formulas(root)


def _spill_cells(cells: Sequence[FormulaCell]) -> set[CellKey]:
    out: set[CellKey] = set()
    for cell in cells:
        if cell.array_ref:
            out.update((cell.sheet, c) for c in cell_range(cell.array_ref))
    return out


@dataclass(frozen=True, slots=True)
class Plan:
    """A workbook's runs in calculation order, and the values they read."""

    package: Package
    runs: tuple[_Run, ...]
    sheets: dict[str, _Sheet]
    names: _Names
    sheet_names: Mapping[str, str]
    shapes: int

    def evaluate(self, sar_functions: Mapping[str, Function]) -> dict[CellKey, Any]:
        """Every formula cell's value (and every array range cell's) as ``formulas`` holds it."""
        functions = {**_native(), **sar_functions}
        evaluator = _Evaluator(self.sheets, self.names, self.sheet_names, functions)
        for run in self.runs:
            evaluator.run(run)
        out: dict[CellKey, Any] = {}
        for run in self.runs:
            sheet = self.sheets[run.sheet]
            if run.array is None:
                column = sheet.column(run.col, run.last)
                for cell, value in zip(run.cells, column[run.first : run.last + 1], strict=True):
                    out[(cell.sheet, cell.coordinate)] = value
                continue
            c1, r1, c2, r2 = run.array
            for col in range(c1, c2 + 1):
                column = sheet.column(col, r2)
                letters = column_letters(col)
                for row in range(r1, r2 + 1):
                    out[(run.sheet, f"{letters}{row}")] = column[row]
        return out


def plan(package: Package, cells: Sequence[FormulaCell], known: frozenset[str]) -> Plan:
    """Group the formula cells into runs, order them and load the values they read.

    Parameters
    ----------
    package : Package
        The workbook.
    cells : sequence of FormulaCell
        Its formula cells (:func:`stockrights.workbooks.cache_writer.formula_cells`).
    known : frozenset of str
        The SAR_ function names that can be called.

    Raises
    ------
    UnsupportedError
        When the workbook is outside what this module covers (see the module docstring).
    """
    sheet_names = {s.name.upper(): s.name for s in package.sheets}
    names = _defined_names(package, sheet_names)
    with_formulas = {c.sheet for c in cells}
    sheets = {s.name: _Sheet() for s in package.sheets}
    strings = _shared_strings(package) if cells else []
    spills = _spill_cells(cells)
    shared: dict[CellKey, _Anchor] = {}
    for s in package.sheets:
        if s.name in with_formulas:
            skip = {coordinate for sheet, coordinate in spills if sheet == s.name}
            found = _formula_sheet_values(package, s.part, strings, sheets[s.name], skip)
            shared.update(((s.name, ref), anchor) for ref, anchor in found.items())
    runs = _runs(cells, shared)
    allowed = FUNCTIONS | known
    for run in runs:
        for call in _calls(run.node):
            if call.name not in allowed:
                raise UnsupportedError(f"function {call.name}")
            if call.name == "INDEX" and call.args and isinstance(call.args[0], Reference | Name):
                raise UnsupportedError("INDEX of a reference")
    ordered = _order(runs, names, sheet_names)
    read = {sheet for run in ordered for sheet, *_ in run.reads}
    for s in package.sheets:
        if s.name in read and s.name not in with_formulas:
            target = sheets[s.name]
            for coordinate, value in sheet_values(package, s.name).items():
                col, row = split_coordinate(coordinate)
                target.set(col, row, engine_value(value))
    return Plan(package, tuple(ordered), sheets, names, sheet_names, len(runs))
