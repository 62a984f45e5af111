"""The formulas adapter: SAR_ functions see what xlwings would hand them, and answer like Excel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.worksheet.formula import ArrayFormula

from stockrights.excel.registry import udf
from stockrights.excel.udfs import registered_udfs
from stockrights.workbooks.cache_writer import ErrorValue
from stockrights.workbooks.engine import (
    calculate,
    called_functions,
    known_functions,
    register_udfs,
    sar_functions,
)
from stockrights.workbooks.package import read_package


@udf(
    docs={"value": "Anything (a test argument).", "table": "Optional. A range."},
    ranges=("table",),
)
def SAR_TEST_ECHO(value: Any, table: Any = None) -> Any:
    """Test only: the Python values the function received, as text."""
    return repr((value, table))


@udf(docs={"size": "Ignored."}, spills=True)
def SAR_TEST_GRID(size: Any) -> Any:
    """Test only: a 2 x 2 table of a number, a text, a date and a boolean."""
    return [[1.5, "a"], [dt.date(2017, 7, 14), True]]


@pytest.fixture(scope="module", autouse=True)
def _register_test_functions() -> None:
    register_udfs({"SAR_TEST_ECHO": SAR_TEST_ECHO, "SAR_TEST_GRID": SAR_TEST_GRID})


def _book(path: Path, cells: dict[str, Any], *, data: dict[str, Any] | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "calc"
    for ref, value in cells.items():
        ws[ref] = value
    if data is not None:
        sheet = wb.create_sheet("data")
        for ref, value in data.items():
            sheet[ref] = value
    wb.save(path)
    return path


def _values(path: Path) -> dict[str, Any]:
    calc = calculate(read_package(path))
    return {ref: value for (sheet, ref), value in calc.values.items() if sheet == "calc"}


def test_arguments_arrive_as_xlwings_hands_them_over(tmp_path: Path) -> None:
    """Blank -> None, error -> its code, text, TRUE, numbers as floats, dates as serials."""
    inputs = {
        "A2": "=1/0",
        "A3": "abc",
        "A4": True,
        "A5": 2,
        "A6": "=DATE(2017,7,14)",
    }
    echo = {
        "B1": "=SAR_TEST_ECHO(A1)",
        "B2": "=SAR_TEST_ECHO(A2)",
        "B3": "=SAR_TEST_ECHO(A3)",
        "B4": "=SAR_TEST_ECHO(A4)",
        "B5": "=SAR_TEST_ECHO(A5)",
        "B6": "=SAR_TEST_ECHO(A6)",
        "B7": "=SAR_TEST_ECHO(0,A4:A5)",
        "B8": "=SAR_TEST_ECHO(A5:A5)",
        "B9": "=SAR_TEST_ECHO(3,)",
        "B10": "=SAR_TEST_ECHO(1,A1:A3)",
    }
    got = _values(_book(tmp_path / "echo.xlsx", {**inputs, **echo}))
    assert got["B1"] == "(None, None)"
    assert got["B2"] == "('#DIV/0!', None)"
    assert got["B3"] == "('abc', None)"
    assert got["B4"] == "(True, None)"
    assert got["B5"] == "(2.0, None)"
    assert got["B6"] == "(42930.0, None)"  # 2017-07-14 is serial 42930 (1900 system)
    assert got["B7"] == "(0.0, [[True], [2.0]])"  # a range keeps its orientation (ndim=2)
    assert got["B8"] == "(2.0, None)"  # a 1 x 1 range to a scalar argument: its value
    assert got["B9"] == "(3.0, None)"  # an omitted range argument: the default
    assert got["B10"] == "(1.0, [[None], ['#DIV/0!'], ['abc']])"


def test_a_spilled_result_fills_its_array_range(tmp_path: Path) -> None:
    """A list of rows fills a legacy array formula; a date becomes its serial; the rest is #N/A."""
    path = _book(tmp_path / "grid.xlsx", {"D1": ArrayFormula("D1:E3", "=SAR_TEST_GRID(0)")})
    got = _values(path)
    assert [got[r] for r in ("D1", "E1", "D2", "E2")] == [1.5, "a", 42930.0, True]
    assert got["D3"] == got["E3"] == ErrorValue("#N/A")


def test_domain_errors_become_error_values_with_their_message(tmp_path: Path) -> None:
    """The real SAR_BS_PRICE: a bad input is #VALUE! and the message is kept; errors pass on."""
    cells = {
        "A1": "=SAR_BS_PRICE(-5,1,15,0.35,0.0035,0.0135)",
        "A2": "=SAR_BS_PRICE(1/0,1,15,0.35,0.0035,0.0135)",
        "A3": "=SAR_BS_PRICE(2000,1,15,0.35,0.0035,0.0135)",
    }
    calc = calculate(read_package(_book(tmp_path / "err.xlsx", cells)))
    assert calc.values[("calc", "A1")] == ErrorValue("#VALUE!")
    assert calc.values[("calc", "A2")] == ErrorValue("#DIV/0!")
    assert isinstance(calc.values[("calc", "A3")], float)
    assert "SAR_BS_PRICE: #VALUE! share_price must be > 0 (got -5.0)" in calc.messages


def test_native_functions_and_names_compute_as_in_excel(tmp_path: Path) -> None:
    """A hand-checkable native cross-check: ROUNDUP, LN, EXP, NORM.S.DIST at 0 is one half."""
    cells = {
        "A1": "=ROUNDUP(326484.8222,0)",
        "A2": "=EXP(LN(2000))",
        "A3": "=_xlfn.NORM.S.DIST(0,TRUE)",
        "A4": "=SQRT(16)+ROUND(2.5,0)",
    }
    got = _values(_book(tmp_path / "native.xlsx", cells))
    assert got["A1"] == 326485
    assert got["A2"] == pytest.approx(2000, rel=1e-15)
    assert got["A3"] == 0.5
    assert got["A4"] == 7  # 4 + 3 (Excel rounds half away from zero)


@pytest.mark.parametrize(
    ("total", "expected"),
    [("=SUM(data!A1:A100)", 5050), ("=SUM(data!1:1)", 1 + 101)],
    ids=["a-range (fed directly)", "a-whole-row (loaded in full)"],
)
def test_data_sheets_give_the_same_values_however_they_are_loaded(
    tmp_path: Path, total: str, expected: int
) -> None:
    """A formula-free sheet's values reach formulas whether fed as ranges or loaded cell by cell."""
    data = {f"A{i}": i for i in range(1, 101)} | {"B7": "seven", "B1": 101}
    cells = {"A1": total, "A2": "=data!B7", "A3": "=COUNTA(data!A1:B100)"}
    got = _values(_book(tmp_path / "data.xlsx", cells, data=data))
    assert got["A1"] == expected  # 1 + ... + 100 = 100 x 101 / 2; row 1 holds 1 and 101
    assert got["A2"] == "seven"
    assert got["A3"] == 102


def test_every_sar_function_of_the_excel_face_is_registered() -> None:
    """register_udfs puts each UDF of stockrights.excel.udfs into formulas' function table."""
    names = register_udfs()
    assert set(names) == {f.__name__ for f in registered_udfs()}
    assert set(names) <= known_functions()
    assert set(sar_functions()) == set(names)


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("=SAR_BS_PRICE(A1,B1,C1,D1,E1,F1)", ("SAR_BS_PRICE",)),
        ("=ROUNDUP(SAR_BS_PRICE(x,1,1,1,1,0)*200,0)", ("ROUNDUP", "SAR_BS_PRICE")),
        ('=IF(A1="SUM(1)",_xlfn.NORM.S.DIST(0,TRUE),"")', ("IF", "_XLFN.NORM.S.DIST")),
        ("='Sheet (2)'!A1+'it''s (x)'!B2", ()),
        ("=sum(a1:a3)+Sum(b1)", ("SUM",)),
        ("=A1*(B1+C1)", ()),
    ],
)
def test_called_functions(formula: str, expected: tuple[str, ...]) -> None:
    """Function names are found outside strings and quoted sheet names, upper-cased, once each."""
    assert called_functions(formula) == expected


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet='abcSUM()"!,', max_size=20))
def test_text_in_quotes_never_counts_as_a_call(text: str) -> None:
    """Whatever a string literal holds, only the function outside it is reported."""
    literal = '"' + text.replace('"', '""') + '"'
    assert called_functions(f"=LEN({literal})") == ("LEN",)


def test_add_in_links_before_a_sar_name_are_followed(tmp_path: Path) -> None:
    """'...xlam'!SAR_X and [1]!SAR_X (what Excel may save) compute as SAR_X; the text is kept."""
    plain = "SAR_BS_PRICE(2000,1,15,0.35,0.0035,0.0135)"
    cells = {
        "A1": f"={plain}",
        "A2": f"='C:\\Users\\me\\AppData\\Roaming\\Microsoft\\AddIns\\stockrights.xlam'!{plain}",
        "A3": f"=[1]!{plain}*2",
    }
    path = _book(tmp_path / "links.xlsx", cells)
    got = _values(path)
    assert got["A2"] == got["A1"]
    assert got["A3"] == 2 * got["A1"]
    assert openpyxl.load_workbook(path)["calc"]["A3"].value == f"=[1]!{plain}*2"
