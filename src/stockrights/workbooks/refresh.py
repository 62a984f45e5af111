"""``stockrights refresh``: recalculate a workbook headlessly and store every formula's value.

Steps: read and check the file (:mod:`stockrights.workbooks.package`), calculate every formula
with the ``formulas`` engine and the SAR_ functions (:mod:`stockrights.workbooks.engine`), write
a copy with the values cached next to the formulas and everything else unchanged
(:mod:`stockrights.workbooks.cache_writer`), then move it into place.

The write is atomic (:func:`stockrights.workbooks.atomic.atomic_write`): the copy goes to a
temporary file in the output's own directory, is flushed to disk, and replaces the output with
:func:`os.replace`. On any failure or signal the temporary file is removed and the original is
untouched; a half-written workbook never exists under the output's name. A read-only output is
refused; a symbolic link is written through. With ``check=True`` nothing is written: the stored
values are compared with the computed ones and the differences are listed.

Refreshing must be the last step of any workbook edit: openpyxl drops every cached value when it
saves (``docs/headless_eval.md`` §6).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from stockrights.workbooks import layout
from stockrights.workbooks.atomic import atomic_write
from stockrights.workbooks.cache_writer import (
    CellKey,
    CellValue,
    ErrorValue,
    cell_range,
    stored_values,
    write_cached_values,
    write_values_only,
)
from stockrights.workbooks.diagnosis import Diagnosis, diagnose
from stockrights.workbooks.engine import Calculation, calculate
from stockrights.workbooks.errors import WorkbookError
from stockrights.workbooks.package import NS, Package, parse_xml, read_package

__all__ = [
    "Difference",
    "RefreshReport",
    "atomic_write",
    "refresh_workbook",
    "same_value",
]

Progress = Callable[[str], None]

_RELATIVE_TOLERANCE = 1e-9
_ABSOLUTE_TOLERANCE = 1e-12
_BOOK_SUFFIXES = (".xlsx", ".xlsm")
"""The workbook types refresh reads (checked before the output, so a wrong BOOK is named first)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Difference:
    """A formula cell whose stored value differs from the computed one (``--check``)."""

    sheet: str
    coordinate: str
    stored: CellValue | None
    computed: CellValue

    def __str__(self) -> str:
        stored = "(no value)" if self.stored is None else _show(self.stored)
        return f"{self.sheet}!{self.coordinate}: stored {stored}, computed {_show(self.computed)}"


@dataclass(frozen=True, kw_only=True, slots=True)
class RefreshReport:
    """What a refresh (or a check) did.

    Attributes
    ----------
    book : Path
        The workbook read.
    output : Path or None
        The file written (None for a check).
    formula_cells : int
        Formula cells in the workbook.
    values_written : int
        Cells given a value (array formulas count every cell of their range).
    error_cells : tuple of str
        ``sheet!B5 #VALUE!`` for every formula cell that computes to an error value.
    messages : tuple of str
        The message behind every error a SAR_ function returned (also from IF branches that
        were not taken).
    summary : tuple of (str, CellValue)
        The key outputs of a template (``layout.SUMMARY``) when the workbook defines them.
    differences : tuple of Difference
        Stored values that differ from the computed ones (a check only).
    seconds : float
        Wall time of the refresh.
    diagnosis : Diagnosis
        Why cells are errors (grouped, most important first), which key outputs are errors,
        and which key inputs are still blank (:mod:`stockrights.workbooks.diagnosis`).
    values_only : bool
        The output is a values-only copy (no formula left).
    """

    book: Path
    output: Path | None
    formula_cells: int
    values_written: int
    error_cells: tuple[str, ...]
    messages: tuple[str, ...]
    summary: tuple[tuple[str, CellValue], ...]
    differences: tuple[Difference, ...] = ()
    seconds: float = 0.0
    diagnosis: Diagnosis = field(default_factory=Diagnosis)
    values_only: bool = False


def _show(value: CellValue) -> str:
    if isinstance(value, bool | ErrorValue):
        return str(value).upper() if isinstance(value, bool) else value.code
    if isinstance(value, float):
        return f"{value:.15g}"
    if isinstance(value, int):
        return str(value)
    return repr(value)


def same_value(stored: CellValue | None, computed: CellValue) -> bool:
    """True when a stored value equals a computed one (numbers within 1e-9 relative).

    Examples
    --------
    >>> same_value(326485.0, 326485.0000000001), same_value(True, 1.0), same_value(None, 0.0)
    (True, False, False)
    """
    if stored is None:
        return False
    if isinstance(stored, bool) or isinstance(computed, bool):
        return isinstance(stored, bool) and isinstance(computed, bool) and stored == computed
    if isinstance(stored, int | float) and isinstance(computed, int | float):
        return math.isclose(
            stored, computed, rel_tol=_RELATIVE_TOLERANCE, abs_tol=_ABSOLUTE_TOLERANCE
        )
    return type(stored) is type(computed) and stored == computed


def _defined_names(package: Package) -> dict[str, str]:
    """Workbook-scoped defined names -> their text (``'terms'!$B$5``)."""
    root = parse_xml(
        package.path, package.workbook_part, package.members[package.workbook_part]
    ).getroot()
    return {
        node.get("name", ""): (node.text or "").strip()
        for node in root.iterfind("main:definedNames/main:definedName", NS)
        if node.get("localSheetId") is None
    }


def _summary(
    names: dict[str, str], values: dict[CellKey, CellValue]
) -> tuple[tuple[str, CellValue], ...]:
    out: list[tuple[str, CellValue]] = []
    for label, name in layout.SUMMARY:
        text = names.get(name)
        if text is None:
            continue
        sheet, _, ref = text.rpartition("!")
        key = (sheet.strip("'").replace("''", "'"), ref.replace("$", ""))
        if key in values:
            out.append((label, values[key]))
    return tuple(out)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.samefile(b))
    except OSError:
        return False


def _error_cells(calc: Calculation) -> tuple[str, ...]:
    """Cells computing to an error, except the #N/A padding of an array formula's range."""
    padding = {
        (cell.sheet, coordinate)
        for cell in calc.formulas
        if cell.array_ref
        for coordinate in cell_range(cell.array_ref)
        if coordinate != cell.coordinate
    }
    return tuple(
        f"{sheet}!{ref} {value.code}"
        for (sheet, ref), value in calc.values.items()
        if isinstance(value, ErrorValue) and not (value.code == "#N/A" and (sheet, ref) in padding)
    )


def refresh_workbook(
    *,
    book: str | Path,
    output: str | Path | None = None,
    check: bool = False,
    full_calc_on_load: bool | None = None,
    values_only: bool = False,
    progress: Progress | None = None,
) -> RefreshReport:
    """Recalculate a workbook and store the value of every formula next to it.

    Parameters
    ----------
    book : str or Path
        The .xlsx or .xlsm workbook.
    output : str or Path, optional
        Where to write; default ``book`` itself (replaced atomically). Same extension as
        ``book``.
    check : bool
        Only compare: write nothing, list the cells whose stored value differs.
    full_calc_on_load : bool, optional
        ``None`` keeps the workbook's ``fullCalcOnLoad`` flag; see
        :func:`stockrights.workbooks.cache_writer.write_cached_values`.
    values_only : bool
        Write a copy with every formula replaced by its value (for readers without the
        add-in, :func:`~stockrights.workbooks.cache_writer.write_values_only`); needs an
        ``output`` other than ``book``, which keeps its formulas.
    progress : callable, optional
        Called with a short line at each stage.

    Returns
    -------
    RefreshReport

    Raises
    ------
    WorkbookError
        For a BOOK not named .xlsx or .xlsm (a .csv, a text file), a file that is not a
        usable workbook (not a zip, truncated, encrypted, an XML bomb,
        a formula calling an unknown function, a circular reference), an output with another
        extension, or an output that cannot be written. Nothing is written then.

    Examples
    --------
    >>> refresh_workbook(book="missing.xlsx")
    Traceback (most recent call last):
    ...
    stockrights.workbooks.errors.WorkbookError: missing.xlsx: no such file
    """
    started = time.perf_counter()
    report = progress or (lambda _line: None)
    source = Path(book)
    target = source if output is None else Path(output)
    if source.suffix.lower() not in _BOOK_SUFFIXES:
        found = f"a {source.suffix} file" if source.suffix else "a file without an extension"
        raise WorkbookError(source, f"BOOK must be an .xlsx or .xlsm workbook, not {found}")
    if not check and target.suffix.lower() != source.suffix.lower():
        raise WorkbookError(target, f"must end in {source.suffix} like {source.name}")
    if values_only and check:
        raise WorkbookError(source, "--values-only and --check do not go together")
    if values_only and (output is None or _same_file(source, target)):
        raise WorkbookError(
            source,
            "--values-only needs --output OUT: the values-only copy would replace the "
            "formulas of the workbook itself",
        )
    report(f"reading {source}")
    package = read_package(source)
    calc = calculate(package, progress=report)
    names = _defined_names(package)
    summary = _summary(names, calc.values)
    errors = _error_cells(calc)
    diagnosis = diagnose(package, calc.values, calc.formulas, calc.cell_messages, names)
    if check:
        stored = stored_values(package)
        differences = tuple(
            Difference(sheet=k[0], coordinate=k[1], stored=stored.get(k), computed=v)
            for k, v in calc.values.items()
            if not same_value(stored.get(k), v)
        )
        return RefreshReport(
            book=source,
            output=None,
            formula_cells=len(calc.formulas),
            values_written=0,
            error_cells=errors,
            messages=calc.messages,
            summary=summary,
            differences=differences,
            seconds=time.perf_counter() - started,
            diagnosis=diagnosis,
        )
    report(f"writing {target}")
    written = 0

    def write(fh: IO[bytes]) -> None:
        nonlocal written
        if values_only:
            written = write_values_only(package, calc.values, fh)
        else:
            written = write_cached_values(
                package, calc.values, fh, full_calc_on_load=full_calc_on_load
            )

    atomic_write(target, write)
    return RefreshReport(
        book=source,
        output=target,
        formula_cells=len(calc.formulas),
        values_written=written,
        error_cells=errors,
        messages=calc.messages,
        summary=summary,
        seconds=time.perf_counter() - started,
        diagnosis=diagnosis,
        values_only=values_only,
    )
