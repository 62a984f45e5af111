"""Why cells compute to an error, most important first, and what is still to fill in.

After a refresh, every formula cell that computes to an error is explained by the message of the
SAR_ function that failed in it (``market!B10: SAR_HIST_VOL: dates must be trading days (got
166 that are not: 2014-07-21, ...)``). The same message on many cells is one
:class:`Problem` with all its cells (shown as a range when they form one). Problems are ordered:

1. causes before consequences: a message saying an argument "must not be an error cell" only
   passes on an error from elsewhere, so it comes after the messages that start one;
2. within each, problems touching a key output first (the amounts, totals and shares per right
   of :data:`KEY_OUTPUTS`), then in tab order, row by row.

Error cells without any message (a native formula failing, or an error passed on by a native
formula) are counted apart. For the templates, the key inputs of :data:`KEY_INPUTS` that are
blank are listed as "still to fill in": a blank template is waiting for its inputs, not broken.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from stockrights.excel.boundary import split_cell_error
from stockrights.glossary import label
from stockrights.workbooks import layout
from stockrights.workbooks.cache_writer import (
    CellKey,
    CellValue,
    ErrorValue,
    FormulaCell,
    cell_range,
    column_letters,
    sheet_values,
    split_coordinate,
)
from stockrights.workbooks.package import Package

__all__ = [
    "KEY_INPUTS",
    "KEY_OUTPUTS",
    "Diagnosis",
    "Problem",
    "cells_text",
    "diagnose",
]

KEY_OUTPUTS: tuple[tuple[str, str], ...] = (
    *layout.SUMMARY,
    ("shares per right as of the date asked", "SharesPerRightAsOf"),
)
"""(label, defined name) of the outputs whose error makes ``refresh`` exit with status 1."""

KEY_INPUTS: tuple[tuple[str, str], ...] = (
    (label("maximum_rights", "en"), "MaximumRights"),
    (label("shares_per_right", "en"), "BaseSharesPerRight"),
    (label("exercise_price", "en"), "ExercisePrice"),
    ("First day of the exercise period", "ExercisePeriodStart"),
    ("Last day of the exercise period", "ExercisePeriodEnd"),
    (label("term_years", "en"), "TermYears"),
    ("First day of the volatility window", "VolWindowStart"),
    (label("allotment_date", "en"), "AllotmentDate"),
    ("Allotment table (category, persons, rights)", "AllotmentTable"),
    (label("valuation_date", "en"), "ValuationDate"),
    ("Dividend declared for the last fiscal year", "DividendDeclared"),
    ("Dates of the daily closes (prices sheet)", "PriceDates"),
    ("Daily closes (prices sheet)", "PriceCloses"),
    ("JGB tenors (rates sheet)", "RateTenors"),
    ("JGB yields (rates sheet)", "RateYields"),
    ("Date asked about (adjustments sheet)", "AdjustmentAsOf"),
)
"""(label, defined name) of the template inputs the key outputs need; blank = still to fill in."""

_PASSED_ON = "must not be an error cell"


@dataclass(frozen=True, kw_only=True, slots=True)
class Problem:
    """One message and every cell whose error it explains.

    Attributes
    ----------
    message : str
        ``"SAR_HIST_VOL: dates must be trading days (...)"`` (the error code left out).
    cells : tuple of CellKey
        The cells, in tab and row order.
    key : bool
        True when one of them is a key output.
    cause : bool
        False when the message only says an argument was already an error.
    """

    message: str
    cells: tuple[CellKey, ...]
    key: bool
    cause: bool

    def __str__(self) -> str:
        return f"{cells_text(self.cells)}: {self.message}"


@dataclass(frozen=True, kw_only=True, slots=True)
class Diagnosis:
    """What the errors of a calculation say, most important first.

    Attributes
    ----------
    problems : tuple of Problem
        Messages with their cells, in the order of the module docstring.
    unexplained : tuple of CellKey
        Error cells no SAR_ message explains (native formulas, errors passed on).
    key_errors : tuple of str
        Labels of the key outputs that are errors, ``"amount per right (yen) valuation!B14"``.
    to_fill_in : tuple of str
        Blank key inputs, ``"terms!B8 Exercise price"``.
    """

    problems: tuple[Problem, ...] = ()
    unexplained: tuple[CellKey, ...] = ()
    key_errors: tuple[str, ...] = ()
    to_fill_in: tuple[str, ...] = ()

    @property
    def error_count(self) -> int:
        """Error cells in all."""
        return len(self.unexplained) + sum(len(p.cells) for p in self.problems)


def cells_text(cells: Iterable[CellKey]) -> str:
    """Cells as a reader wants them: one range per sheet when they fill one, else a short list.

    Examples
    --------
    >>> cells_text([("market", "B10")])
    'market!B10'
    >>> cells_text([("exercises", f"K{r}") for r in range(8, 20)])
    'exercises!K8:K19 (12 cells)'
    >>> cells_text([("v", "A1"), ("v", "C1"), ("v", "A2"), ("v", "B7"), ("w", "A1")])
    'v!A1, C1, A2 and 1 more; w!A1 (5 cells)'
    """
    by_sheet: dict[str, list[tuple[int, int]]] = {}
    for sheet, coordinate in cells:
        by_sheet.setdefault(sheet, []).append(split_coordinate(coordinate))
    parts: list[str] = []
    total = 0
    for sheet, points in by_sheet.items():
        total += len(points)
        columns = [c for c, _ in points]
        rows = [r for _, r in points]
        area = (max(columns) - min(columns) + 1) * (max(rows) - min(rows) + 1)
        if len(points) == 1:
            parts.append(f"{sheet}!{column_letters(columns[0])}{rows[0]}")
        elif area == len(set(points)):
            first = f"{column_letters(min(columns))}{min(rows)}"
            parts.append(f"{sheet}!{first}:{column_letters(max(columns))}{max(rows)}")
        else:
            shown = ", ".join(f"{column_letters(c)}{r}" for c, r in points[:3])
            more = f" and {len(points) - 3} more" if len(points) > 3 else ""
            parts.append(f"{sheet}!{shown}{more}")
    count = f" ({total} cells)" if total > 1 else ""
    return "; ".join(parts) + count


def _plain(message: str) -> str:
    """``SAR_X: #VALUE! text`` -> ``SAR_X: text``."""
    name, _, rest = message.partition(": ")
    parts = split_cell_error(rest)
    return f"{name}: {parts[1]}" if parts and parts[1] else message


def _named_cells(names: Mapping[str, str], name: str) -> tuple[str, str] | None:
    text = names.get(name)
    if text is None or "!" not in text:
        return None
    sheet, _, ref = text.rpartition("!")
    return sheet.strip("'").replace("''", "'"), ref.replace("$", "")


def _blank(values: Mapping[str, CellValue], ref: str) -> bool:
    first, _, last = ref.partition(":")
    (c1, r1), (c2, r2) = split_coordinate(first), split_coordinate(last or first)
    for coordinate, value in values.items():
        column, row = split_coordinate(coordinate)
        inside = min(c1, c2) <= column <= max(c1, c2) and min(r1, r2) <= row <= max(r1, r2)
        if inside and value != "":
            return False
    return True


def _to_fill_in(
    package: Package, names: Mapping[str, str], computed: Mapping[CellKey, CellValue]
) -> tuple[str, ...]:
    out: list[str] = []
    cache: dict[str, dict[str, CellValue]] = {}
    for text, name in KEY_INPUTS:
        where = _named_cells(names, name)
        if where is None or not any(s.name == where[0] for s in package.sheets):
            continue
        sheet, ref = where
        if (sheet, ref.partition(":")[0]) in computed:
            continue  # a formula (the example derives some inputs): not for the user to type
        if sheet not in cache:
            cache[sheet] = sheet_values(package, sheet)
        if _blank(cache[sheet], ref):
            out.append(f"{sheet}!{ref} {text}")
    return tuple(out)


def diagnose(
    package: Package,
    values: Mapping[CellKey, CellValue],
    formulas: Iterable[FormulaCell],
    cell_messages: Mapping[CellKey, str],
    names: Mapping[str, str],
) -> Diagnosis:
    """Explain the error cells of a calculation (see the module docstring for the order).

    Parameters
    ----------
    package : Package
        The workbook.
    values : Mapping of CellKey to CellValue
        The computed values.
    formulas : iterable of FormulaCell
        The formula cells (array formulas give their range's cells their anchor's message).
    cell_messages : Mapping of CellKey to str
        The SAR_ message of each cell that made a failing call.
    names : Mapping of str to str
        Workbook-scoped defined names and their text (for the key outputs and inputs).
    """
    messages = dict(cell_messages)
    padding: set[CellKey] = set()
    for cell in formulas:
        if not cell.array_ref:
            continue
        anchor_key = (cell.sheet, cell.coordinate)
        # the anchor's message explains its range only when the anchor itself is an error (a
        # message from an IF branch not taken explains nothing)
        anchor = messages.get(anchor_key)
        if not isinstance(values.get(anchor_key), ErrorValue):
            anchor = None
        for coordinate in cell_range(cell.array_ref):
            key = (cell.sheet, coordinate)
            if coordinate == cell.coordinate:
                continue
            value = values.get(key)
            if isinstance(value, ErrorValue) and value.code == "#N/A":
                padding.add(key)  # the unused part of a legacy array range
            elif anchor is not None:
                messages.setdefault(key, anchor)
    errors = [k for k, v in values.items() if isinstance(v, ErrorValue) and k not in padding]
    key_cells: dict[CellKey, str] = {}
    for text, name in KEY_OUTPUTS:
        where = _named_cells(names, name)
        if where is not None:
            key_cells[where] = text
    order = {s.name: i for i, s in enumerate(package.sheets)}

    def position(key: CellKey) -> tuple[int, int, int]:
        column, row = split_coordinate(key[1])
        return order.get(key[0], len(order)), row, column

    groups: dict[str, list[CellKey]] = {}
    unexplained: list[CellKey] = []
    for key in sorted(errors, key=position):
        message = messages.get(key)
        if message is None:
            unexplained.append(key)
        else:
            groups.setdefault(_plain(message), []).append(key)
    problems = [
        Problem(
            message=message,
            cells=tuple(cells),
            key=any(c in key_cells for c in cells),
            cause=_PASSED_ON not in message,
        )
        for message, cells in groups.items()
    ]
    problems.sort(key=lambda p: (not p.cause, not p.key, position(p.cells[0])))
    key_errors = tuple(
        f"{text} {sheet}!{ref}"
        for (sheet, ref), text in key_cells.items()
        if isinstance(values.get((sheet, ref)), ErrorValue)
    )
    return Diagnosis(
        problems=tuple(problems),
        unexplained=tuple(unexplained),
        key_errors=key_errors,
        to_fill_in=_to_fill_in(package, names, values),
    )
