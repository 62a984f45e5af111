"""Which cell a SAR_ function is called for, while a workbook is calculated.

Both calculation paths (:mod:`~stockrights.workbooks.columns`, by formula shape, and the
``formulas`` model of :mod:`~stockrights.workbooks.engine`) say, around each formula they
evaluate, which cells it fills and whether it is one SAR_ call and nothing else. The SAR_
adapter (:func:`stockrights.workbooks.engine.adapt`) reads it to file a failing function's
message under its cell, and to refuse a table larger than the range it is written into instead
of letting it be cut to fit.

Cells are named as ``formulas`` names them: ``'[book.xlsx]SHEET'!A4:D804`` (any book name).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

__all__ = ["CURRENT_CELLS", "DIRECT_CALL", "IN_FORMULA", "calling", "cell_key"]

CURRENT_CELLS: ContextVar[tuple[str, ...]] = ContextVar("stockrights_current_cells", default=())
"""The cells the formula being evaluated fills (empty when not known)."""

DIRECT_CALL: ContextVar[str | None] = ContextVar("stockrights_direct_call", default=None)
"""``SAR_X`` when that formula is ``=SAR_X(...)`` and nothing else."""

IN_FORMULA: ContextVar[bool] = ContextVar("stockrights_in_formula", default=False)
"""True while a calculation path evaluates a formula (even when its cells are not known)."""


def cell_key(sheet: str, ref: str) -> str:
    """A cell or range named as ``formulas`` names it.

    Examples
    --------
    >>> cell_key("weekly", "A4:D804")
    "'[book]WEEKLY'!A4:D804"
    """
    return f"'[book]{sheet.upper()}'!{ref}"


@contextlib.contextmanager
def calling(cells: tuple[str, ...], direct: str | None) -> Iterator[None]:
    """Inside, SAR_ calls belong to ``cells`` (see the module docstring)."""
    tokens = (CURRENT_CELLS.set(cells), DIRECT_CALL.set(direct), IN_FORMULA.set(True))
    try:
        yield
    finally:
        IN_FORMULA.reset(tokens[2])
        DIRECT_CALL.reset(tokens[1])
        CURRENT_CELLS.reset(tokens[0])
