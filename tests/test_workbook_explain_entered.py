"""The valuation sheet's explain table when an input is typed in the market sheet's known column.

The example refreshed headlessly: as built, every input is traced to its data; with sigma typed as
0.30 "from the valuer's report", sigma says "entered: valuer's report" and S, r and q keep exactly
the lines that trace them to the prices, the curve and the dividend.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from stockrights.valuation import value_right
from stockrights.workbooks import layout
from stockrights.workbooks.refresh import refresh_workbook

WORKBOOKS = Path(__file__).resolve().parents[1] / "workbooks"
EXAMPLES = ("stockrights_example_7th_series_en.xlsx", "stockrights_example_7th_series.xlsx")


def _refreshed_table(tmp_path: Path, name: str, **typed: Any) -> list[list[Any]]:
    book = tmp_path / name
    shutil.copy(WORKBOOKS / name, book)
    if typed:
        wb = openpyxl.load_workbook(book)
        for cell_name, value in typed.items():
            where = layout.address(cell_name)
            wb[where.sheet][where.ref] = value
        wb.save(book)
    refresh_workbook(book=book)
    ws = openpyxl.load_workbook(book, data_only=True)[layout.VALUATION]
    rows = [
        [ws.cell(row=row, column=col).value for col in range(1, 5)]
        for row in layout.EXPLAIN_TABLE.rows()
    ]
    return [row for row in rows if isinstance(row[0], str) and not row[0].startswith("#")]


def _chain(rows: list[list[Any]], symbol: str) -> list[list[Any]]:
    return [row for row in rows if row[0].startswith(f"{symbol}: ")]


@pytest.mark.parametrize("name", EXAMPLES)
def test_typed_sigma_is_entered_and_s_r_q_stay_traced(tmp_path: Path, name: str) -> None:
    (tmp_path / "plain").mkdir()
    plain = _refreshed_table(tmp_path / "plain", name)
    typed = _refreshed_table(
        tmp_path, name, VolatilityKnown=0.30, VolatilityKnownSource="valuer's report"
    )
    # as built: sigma traced to the weekly closes, nothing entered
    assert [row[0] for row in plain[:3]] == [
        "S: figure used", "S: date of the figure", "S: derived"
    ]  # fmt: skip
    assert any(row[0] == "sigma: observations" for row in plain)
    assert not any(row[0].endswith(": entered") for row in plain)
    # sigma typed: one line says so, with its source; S, r and q keep their lines unchanged
    said = {  # the unit and note in the book's language (the Japanese from the catalogue)
        EXAMPLES[0]: ["decimal/year", "entered: valuer's report"],
        EXAMPLES[1]: ["年率（小数）", "入力値：valuer's report"],
    }[name]
    assert _chain(typed, "sigma") == [["sigma: entered", 0.3, *said]]
    for symbol in ("S", "r", "q"):
        assert _chain(typed, symbol) == _chain(plain, symbol) != []
    rows = {row[0]: row for row in typed}
    assert rows["sigma volatility"][1] == 0.3
    # S 2000, X 1, T 15, r 0.35 %, q 1.35 % (27 / 2000), sigma 0.30, 200 shares per right
    expected = value_right(
        share_price=2000, exercise_price=1, term_years=15, volatility=0.30,
        risk_free_rate=0.0035, dividend_yield=27 / 2000, shares_per_right=200,
    ).per_right_amount  # fmt: skip
    assert rows["amount per right"][1] == expected


def test_typed_sigma_without_a_source_says_so(tmp_path: Path) -> None:
    """A typed value with a blank source cell is still entered, its source "not stated"."""
    typed = _refreshed_table(tmp_path, EXAMPLES[0], VolatilityKnown=0.30)
    assert _chain(typed, "sigma") == [
        ["sigma: entered", 0.3, "decimal/year", "entered: (source not stated)"]
    ]
    assert _chain(typed, "S")[0][0] == "S: figure used"
