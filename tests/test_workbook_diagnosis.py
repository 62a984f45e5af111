"""Refresh says why: each error with its function's message and cell, grouped, causes first;
status 1 when a key output is an error; a spill larger than its range is an error, never cut;
a blank template says what is still to fill in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.formula import ArrayFormula

from stockrights.cli import main
from stockrights.excel.registry import udf
from stockrights.workbooks.cache_writer import ErrorValue
from stockrights.workbooks.diagnosis import cells_text
from stockrights.workbooks.engine import register_udfs
from stockrights.workbooks.errors import WorkbookError
from stockrights.workbooks.refresh import refresh_workbook

ROOT = Path(__file__).parent.parent
TEMPLATE = ROOT / "workbooks" / "stockrights_template.xlsx"
EXAMPLE = ROOT / "workbooks" / "stockrights_example_7th_series.xlsx"

# S=716, X=1, T=15, sigma=-0.2 (invalid), r=0.003, q=0.01: SAR_BS_PRICE refuses sigma < 0
BAD_PRICE = "=SAR_BS_PRICE(716,1,15,-0.2,0.003,0.01)"
MESSAGE = "SAR_BS_PRICE: volatility must be >= 0 (got -0.2)"


@udf(docs={"rows": "Rows wanted."}, spills=True)
def SAR_TEST_ROWS(rows: Any) -> Any:
    """Test only: a table of ``rows`` rows x 2 columns (row number, its square)."""
    return [[float(i), float(i * i)] for i in range(1, int(rows) + 1)]


@pytest.fixture(scope="module", autouse=True)
def _register_test_function() -> None:
    register_udfs({"SAR_TEST_ROWS": SAR_TEST_ROWS})


def _book(path: Path, cells: dict[str, Any], names: dict[str, str] | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "calc"
    for ref, value in cells.items():
        ws[ref] = value
    for name, ref in (names or {}).items():
        wb.defined_names[name] = DefinedName(name, attr_text=ref)
    wb.save(path)
    return path


def test_an_error_is_explained_with_its_cell_and_function_message(tmp_path: Path) -> None:
    """`calc!B2: SAR_BS_PRICE: volatility must be >= 0 (got -0.2)`, the code left out."""
    path = _book(tmp_path / "b.xlsx", {"B2": BAD_PRICE})
    report = refresh_workbook(book=path, output=tmp_path / "out.xlsx")
    assert [str(p) for p in report.diagnosis.problems] == [f"calc!B2: {MESSAGE}"]


def test_the_same_message_on_many_cells_is_one_line_with_its_range(tmp_path: Path) -> None:
    """Five cells failing alike: one problem over calc!B1:B5 (5 cells)."""
    path = _book(tmp_path / "b.xlsx", {f"B{r}": BAD_PRICE for r in range(1, 6)})
    report = refresh_workbook(book=path, output=tmp_path / "out.xlsx")
    assert [str(p) for p in report.diagnosis.problems] == [f"calc!B1:B5 (5 cells): {MESSAGE}"]


def test_causes_come_before_errors_passed_on(tmp_path: Path) -> None:
    """C9 only receives B20's error: B20's own message is listed first, though lower."""
    path = _book(
        tmp_path / "b.xlsx",
        {"C9": "=SAR_RIGHT_AMOUNT(B20,200)", "B20": BAD_PRICE},
    )
    report = refresh_workbook(book=path, output=tmp_path / "out.xlsx")
    lines = [str(p) for p in report.diagnosis.problems]
    assert lines[0] == f"calc!B20: {MESSAGE}"
    assert lines[1].startswith("calc!C9: SAR_RIGHT_AMOUNT: option_price must not be an error")


def test_a_key_output_in_error_exits_1_and_says_which(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """PerRightAmount names the failing cell: status 1, and the line names it and why."""
    path = _book(
        tmp_path / "b.xlsx",
        {"B2": BAD_PRICE, "B3": "=SAR_RIGHT_AMOUNT(B2,200)"},
        names={"OptionPrice": "calc!$B$2", "PerRightAmount": "calc!$B$3"},
    )
    assert main(["refresh", str(path), "--output", str(tmp_path / "o.xlsx"), "-q"]) == 1
    out = capsys.readouterr().out
    assert (
        "key outputs that are errors: option price per share C (yen) calc!B2, "
        "amount per right (yen) calc!B3" in out
    )
    assert f"    calc!B2: {MESSAGE}\n" in out


def test_errors_outside_the_key_outputs_exit_0(tmp_path: Path) -> None:
    """A failing cell that is no key output is reported, and the status stays 0."""
    path = _book(tmp_path / "b.xlsx", {"B2": BAD_PRICE, "B3": "=1+1"}, names={"X": "calc!$B$3"})
    assert main(["refresh", str(path), "--output", str(tmp_path / "o.xlsx"), "-q"]) == 0


def test_a_spill_larger_than_its_range_is_an_error_naming_the_size(tmp_path: Path) -> None:
    """5 rows x 2 columns into A1:B3 (3 x 2): every cell #VALUE!, nothing cut silently."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "calc"
    ws["Z1"] = 5
    ws["A1"] = ArrayFormula("A1:B3", "=SAR_TEST_ROWS(Z1)")
    ws["D1"] = ArrayFormula("D1:E6", "=SAR_TEST_ROWS(Z1)")  # fits: 5 rows and one #N/A row
    ws["G1"] = "=SUM(B1:B3)"
    path = tmp_path / "spill.xlsx"
    wb.save(path)
    report = refresh_workbook(book=path, output=tmp_path / "out.xlsx")
    cut = [("calc", c) for c in ("A1", "B1", "A2", "B2", "A3", "B3")]
    assert all(report_value == ErrorValue("#VALUE!") for report_value in _values(report, cut))
    assert [str(p) for p in report.diagnosis.problems] == [
        "calc!A1:B3 (6 cells): SAR_TEST_ROWS: the result needs 5 rows x 2 columns but its "
        "range A1:B3 holds 3 x 2; make the range larger"
    ]
    # the range that fits holds 1..5 and their squares: 1+4+9+16+25 = 55
    fitted = openpyxl.load_workbook(tmp_path / "out.xlsx", data_only=True)["calc"]
    assert [fitted[f"E{r}"].value for r in range(1, 6)] == [1, 4, 9, 16, 25]
    assert fitted["G1"].value == "#VALUE!"  # what depends on the cut range is an error too


def test_a_constant_formula_too_large_for_its_range_stops_the_refresh(tmp_path: Path) -> None:
    """`=SAR_TEST_ROWS(5)` in A1:B3 is calculated while compiling: refused, nothing written."""
    wb = openpyxl.Workbook()
    wb.active.title = "calc"
    wb.active["A1"] = ArrayFormula("A1:B3", "=SAR_TEST_ROWS(5)")
    path = tmp_path / "spill.xlsx"
    wb.save(path)
    with pytest.raises(
        WorkbookError,
        match=r"the formula in calc!A1 returns 5 rows x 2 columns, more than its range A1:B3 "
        r"\(3 x 2\); make the range larger$",
    ):
        refresh_workbook(book=path, output=tmp_path / "out.xlsx")
    assert not (tmp_path / "out.xlsx").exists()


def _values(report: Any, keys: list[tuple[str, str]]) -> list[object]:
    book = openpyxl.load_workbook(report.output, data_only=True)
    return [ErrorValue(str(book[s][c].value)) for s, c in keys]


def test_the_blank_template_says_what_is_still_to_fill_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No wall of errors: the blank inputs by cell and label, and one count."""
    main(["refresh", str(TEMPLATE), "--output", str(tmp_path / "t.xlsx"), "-q"])
    out = capsys.readouterr().out
    assert "still to fill in (" in out
    assert "    terms!B8 Exercise price\n" in out
    assert "why, most important first" not in out
    assert len(out.splitlines()) < 30


def test_the_example_summary_stays_short(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's first command: status 0, six lines (the header and five figures)."""
    assert main(["refresh", str(EXAMPLE), "--output", str(tmp_path / "e.xlsx"), "-q"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 6
    assert out[2].split()[-1] == "326,485"  # the resolution's 7th series, per right


def test_cells_are_shown_as_a_range_only_when_they_fill_it() -> None:
    """A full rectangle is a range; a scattered set is a short list with a count."""
    assert cells_text([("s", "B1"), ("s", "C1"), ("s", "B2"), ("s", "C2")]) == "s!B1:C2 (4 cells)"
    assert cells_text([("s", "B1"), ("s", "C2")]) == "s!B1, C2 (2 cells)"
