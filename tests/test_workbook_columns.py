"""The shape path: column formulas compiled once, the same values as formulas' cell-by-cell path.

Every workbook of the test suite is also compared by the session fixture in ``conftest.py``;
here each case first checks that the shape path really covers it (no silent fallback), then
compares both paths cell by cell (values, error values and messages), and checks some values
against hand arithmetic.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.formula import ArrayFormula

from stockrights.workbooks import refresh
from stockrights.workbooks.cache_writer import ErrorValue, formula_cells
from stockrights.workbooks.columns import UnsupportedError, plan
from stockrights.workbooks.engine import Calculation, calculate, sar_functions
from stockrights.workbooks.errors import WorkbookError
from stockrights.workbooks.package import Limits, Package, read_package
from stockrights.workbooks.shapes import ShapeKeys, Shifted, parse, shape_key

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = sorted(
    p
    for p in (REPO / "workbooks").glob("*.xlsx")
    if p.name.startswith(("stockrights_template", "stockrights_example"))
)
"""The valuation templates (the register workbook holds data, not formulas)."""


def _book(path: Path, cells: dict[str, Any], *, names: dict[str, str] | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "calc"
    for ref, value in cells.items():
        ws[ref] = value
    for name, text in (names or {}).items():
        wb.defined_names[name] = DefinedName(name, attr_text=text)
    wb.save(path)
    return path


def _plan(package: Package) -> Any:
    return plan(package, formula_cells(package), frozenset(sar_functions()))


def _both(path: Path) -> tuple[Calculation, Calculation]:
    """(by shape, cell by cell), after checking that the shape path covers the workbook."""
    package = read_package(path)
    _plan(package)  # raises UnsupportedError if this workbook would fall back
    return calculate(package), calculate(package, by_shape=False)


def _assert_same(fast: Calculation, slow: Calculation) -> None:
    assert fast.values.keys() == slow.values.keys()
    for key, expected in slow.values.items():
        got = fast.values[key]
        assert (type(got), got) == (type(expected), expected), key
    assert set(fast.messages) == set(slow.messages)


@pytest.mark.parametrize("book", TEMPLATES, ids=[p.name for p in TEMPLATES])
def test_templates_give_the_same_cells_both_ways(book: Path) -> None:
    """The committed template and example: every cell, error value and message identical."""
    fast, slow = _both(book)
    _assert_same(fast, slow)
    assert len(slow.values) > 3000  # the array ranges are compared too


def test_a_register_column_is_one_run_with_the_hand_computed_values(tmp_path: Path) -> None:
    """150 holders, four column formulas: four runs; values from hand arithmetic."""
    cells: dict[str, Any] = {"H1": 200, "H2": 0.5}
    for r in range(2, 152):
        cells[f"A{r}"] = r  # rights
        cells[f"B{r}"] = f"=$A{r}*Shares"  # shares = rights x 200
        cells[f"C{r}"] = f'=IF($A{r}>=100,"large",ROUNDDOWN($B{r}*Weight/3,0))'
        cells[f"D{r}"] = f"=INDEX(SAR_CAPITAL_SPLIT($B{r}+1),2,2)"  # half, rounded up
        cells[f"E{r}"] = f"=SUM($B{r}:$D{r})"
    path = _book(
        tmp_path / "register.xlsx", cells, names={"Shares": "calc!$H$1", "Weight": "calc!$H$2"}
    )
    assert len(_plan(read_package(path)).runs) == 4
    fast, slow = _both(path)
    _assert_same(fast, slow)
    got = {ref: v for (_, ref), v in fast.values.items()}
    assert got["B2"] == 400  # 2 x 200
    assert got["C2"] == 66  # rounddown(400 x 0.5 / 3) = rounddown(66.67)
    assert got["D2"] == 201  # (400 + 1) / 2 = 200.5, capital stock rounded up (clause 6-1)
    assert got["E2"] == 667  # SUM skips nothing here: 400 + 66 + 201
    assert got["C101"] == "large"
    assert got["E101"] == 20_200 + 10_101  # 101 x 200; "large" skipped by SUM; 20201 / 2 up


def test_a_running_total_is_split_into_rows_and_still_right(tmp_path: Path) -> None:
    """A column reading its own previous row: calculated row by row, 1 + 2 + ... + n."""
    cells: dict[str, Any] = {"A1": 1, "B1": "=A1"}
    for r in range(2, 101):
        cells[f"A{r}"] = r
        cells[f"B{r}"] = f"=B{r - 1}+A{r}"
    fast, slow = _both(_book(tmp_path / "total.xlsx", cells))
    _assert_same(fast, slow)
    assert fast.values[("calc", "B100")] == 5050  # 100 x 101 / 2


CASES = {
    "blank reads as blank, a formula's blank as 0": {
        "B1": '=IF(A1="","blank","x")',
        "C1": "=A1",
        "D1": '=IF(C1="","blank",C1)',
    },
    "errors propagate and IFERROR catches them": {
        "A1": "=1/0",
        "A2": "=A1+1",
        "A3": "=IFERROR(A2,-1)",
        "A4": '="abc"+1',
        "A5": "=LN(-1)",
        "A6": "=SQRT(-4)",
        "A7": "=#N/A",
    },
    "precedence as formulas reads it": {
        "A1": "=-2^2",
        "A2": "=2^3^2",
        "A3": "=2+3*4-6/3",
        "A4": "=50%*4",
        "A5": '="a"&1.5&TRUE',
        "A6": '="ABC"="abc"',
        "A7": "=1<2<>FALSE",
        "A8": "=-(1+2)%",
    },
    "numbers, texts and booleans mixed": {
        "A1": 3,
        "A2": "4",
        "A3": True,
        "B1": "=A1+A2",
        "B2": "=A1*A3",
        "B3": "=SUM(A1:A3)",
        "B4": "=COUNT(A1:A4)",
        "B5": "=COUNTA(A1:A4)",
        "B6": "=MAX(A1:A4)+MIN(A1:A4)",
        "B7": "=AVERAGE(A1:A4)",
        "B8": "=AND(A3,A1>2)",
        "B9": "=OR(A4,FALSE)",
        "B10": "=NOT(A1)",
        "B11": "=ISNUMBER(A2)",
        "B12": "=ISBLANK(A4)",
    },
    "rounding and the normal distribution": {
        "A1": "=ROUND(2.5,0)",
        "A2": "=ROUNDUP(-1.21,1)",
        "A3": "=ROUNDDOWN(1234.5,-2)",
        "A4": "=_xlfn.NORM.S.DIST(1.5,TRUE)",
        "A5": "=_xlfn.NORM.S.DIST(0.3,FALSE)",
        "A6": "=INT(-2.5)+MOD(7,3)+ABS(-4)+EXP(0)",
    },
    "lookups": {
        "A1": "x",
        "B1": 10,
        "A2": "y",
        "B2": 20,
        "C1": '=VLOOKUP("y",A1:B2,2,FALSE)',
        "C2": '=VLOOKUP("z",A1:B2,2,FALSE)',
        "C3": "=MATCH(20,B1:B2,0)",
        "C4": '=SUMIF(A1:A2,"x",B1:B2)',
        "C5": "=INDEX(SAR_CAPITAL_SPLIT(7),3,2)",
    },
    "SAR_ errors keep their message": {
        "A1": "=SAR_BS_PRICE(-5,1,15,0.35,0.0035,0.0135)",
        "A2": "=SAR_BS_PRICE(2000,1,15,0.35,0.0035,0.0135)",
        "A3": "=IF(TRUE,1,SAR_DIVIDEND_YIELD(27,0))",
    },
}


@pytest.mark.parametrize("cells", CASES.values(), ids=CASES.keys())
def test_native_semantics_match_formulas(tmp_path: Path, cells: dict[str, Any]) -> None:
    """Blanks, errors, precedence, coercions, rounding, lookups: the same cells both ways."""
    fast, slow = _both(_book(tmp_path / "case.xlsx", cells))
    _assert_same(fast, slow)


def test_hand_checked_values_of_the_semantic_cases(tmp_path: Path) -> None:
    """A few of the cases above against Excel's documented answers."""
    cells = {**CASES["precedence as formulas reads it"], "B1": "=1/0", "B2": "=A9"}
    fast, _ = _both(_book(tmp_path / "hand.xlsx", cells))
    got = {ref: v for (_, ref), v in fast.values.items()}
    assert got["A1"] == 4  # Excel negates before raising: (-2)^2
    assert got["A2"] == 64  # left to right: (2^3)^2
    assert got["A3"] == 12  # 2 + 12 - 2
    assert got["A4"] == 2  # 0.5 x 4
    assert got["A6"] is True  # text compares without case
    assert got["B1"] == ErrorValue("#DIV/0!")
    assert got["B2"] == 0  # a blank cell referenced: 0


def test_lookups_down_a_column_match_formulas(tmp_path: Path) -> None:
    """VLOOKUP and MATCH over a run of keys of every kind (one call for the run)."""
    table = {"H1": "x", "I1": 10, "H2": "y", "I2": 20, "H3": 3, "I3": 30, "H4": 5, "I4": 50}
    keys: list[Any] = ["x", "Y", None, "z", 3, 4, True, "=1/0"]
    cells: dict[str, Any] = dict(table)
    for r, key in enumerate(keys, start=1):
        cells[f"A{r}"] = key
        cells[f"B{r}"] = f"=VLOOKUP($A{r},$H$1:$I$4,2,FALSE)"
        cells[f"C{r}"] = f"=VLOOKUP($A{r},$H$3:$I$4,2,TRUE)"
        cells[f"D{r}"] = f"=MATCH($A{r},$H$1:$H$4,0)"
    fast, slow = _both(_book(tmp_path / "lookups.xlsx", cells))
    _assert_same(fast, slow)
    assert fast.values[("calc", "B2")] == 20  # "Y" finds "y": lookups ignore case
    assert fast.values[("calc", "C6")] == 30  # 4: the largest key not above it is 3
    assert fast.values[("calc", "B4")] == ErrorValue("#N/A")


def test_the_logical_constants_as_libreoffice_writes_them(tmp_path: Path) -> None:
    """LibreOffice saves FALSE as the function ``FALSE()``: the shape path covers it.

    A register saved by LibreOffice reads ``VLOOKUP($D2,...,2,FALSE())``; outside the shape
    path it was calculated cell by cell and refused above 20,000 cells.
    """
    cells: dict[str, Any] = {"H1": "x", "I1": 10, "H2": "y", "I2": 20}
    for r, key in enumerate(["y", "x", "z"], start=1):
        cells[f"A{r}"] = key
        cells[f"B{r}"] = f"=VLOOKUP($A{r},$H$1:$I$2,2,FALSE())"
        cells[f"C{r}"] = f"=IF(TRUE(),$B{r}*2,0)"
    fast, slow = _both(_book(tmp_path / "constants.xlsx", cells))
    _assert_same(fast, slow)
    got = {ref: v for (_, ref), v in fast.values.items()}
    assert (got["B1"], got["C1"]) == (20, 40)  # "y" is the second key: 20, twice 40
    assert (got["B2"], got["C2"]) == (10, 20)
    assert got["B3"] == ErrorValue("#N/A")  # exact match asked, "z" is not there


def test_an_array_formula_fills_its_range_both_ways(tmp_path: Path) -> None:
    """A spilled SAR_ result in a larger, a smaller and a one-cell range."""
    cells = {
        "H1": 7,
        "H2": 7,
        "A1": ArrayFormula("A1:B4", "=SAR_CAPITAL_SPLIT(H1)"),
        "D1": ArrayFormula("D1:D2", "=SAR_CAPITAL_SPLIT(H2)"),
        "F1": ArrayFormula("F1:G2", "=5"),
    }
    fast, slow = _both(_book(tmp_path / "array.xlsx", cells))
    _assert_same(fast, slow)
    assert fast.values[("calc", "B2")] == 4  # capital stock of 7 yen: 3.5 rounded up
    assert fast.values[("calc", "A4")] == ErrorValue("#N/A")  # below the three rows
    # 3 rows x 2 columns do not fit D1:D2: an error, never cut (issue 8)
    assert fast.values[("calc", "D1")] == fast.values[("calc", "D2")] == ErrorValue("#VALUE!")


@pytest.mark.parametrize(
    ("formula", "reason"),
    [
        ("=STDEV(A1:A3)", "function STDEV"),
        ("=SUM(A:A)", "cannot read"),
        ("={1,2}", "cannot read"),
        ("=INDEX(A1:A3,2)", "INDEX of a reference"),
        ("=COUNTA(C1:D600000)", "more than 1,000,000 cells"),
    ],
)
def test_what_the_shape_path_does_not_cover_falls_back(
    tmp_path: Path, formula: str, reason: str
) -> None:
    """Outside the shape path's grammar or function list: formulas calculates it, as before."""
    path = _book(tmp_path / "other.xlsx", {"A1": 1, "A2": 2, "A3": 4, "B1": formula})
    wide = Limits(max_range_cells=2_000_000)  # the default refuses a whole column (issue 8)
    with pytest.raises(UnsupportedError, match=reason):
        _plan(read_package(path, limits=wide))
    assert calculate(read_package(path, limits=wide)).values[("calc", "B1")] is not None


def test_a_circular_reference_is_reported_as_before(tmp_path: Path) -> None:
    """Cells reading each other: the same one-line error as the cell-by-cell path."""
    path = _book(tmp_path / "loop.xlsx", {"A1": "=B1+1", "B1": "=A1+1"})
    with pytest.raises(UnsupportedError, match="circular"):
        _plan(read_package(path))
    with pytest.raises(WorkbookError, match="circular reference: no value for calc!A1"):
        calculate(read_package(path))


def test_shape_keys_of_a_column_are_equal_and_differ_where_the_text_differs() -> None:
    """Relative rows shift, absolute ones and text in quotes do not."""
    keys = ShapeKeys()
    first = keys('IF($A8="","",C8*$H$1&"A8")', 4, 8)
    assert keys('IF($A9="","",C9*$H$1&"A8")', 4, 9) == first
    assert keys('IF($A9="","",C9*$H$1&"A9")', 4, 9) != first  # another text
    assert keys('IF($A9="","",C9*$H$2&"A8")', 4, 9) != first  # another absolute cell
    assert keys('IF($A9="","",C8*$H$1&"A8")', 4, 9) != first  # another relative offset


_OPERANDS = ["A{r}", "$A{r}", "A${r}", "$B$2", "C{s}", "AB{r}", '"A{r}"', "'x y'!D{r}", "7"]


@given(
    st.lists(st.tuples(st.sampled_from(["+", "&", "*"]), st.sampled_from(_OPERANDS)), min_size=1),
    st.integers(2, 50),
    st.integers(1, 30),
)
def test_a_shifted_text_has_the_shape_of_its_source(
    terms: list[tuple[str, str]], row: int, down: int
) -> None:
    """Shifted(T, r)(r + k) is T copied down k rows, and has T's shape."""
    template = "".join(op + operand for op, operand in terms)[1:]
    text = template.format(r=row, s=row - 1)
    # By hand: a relative row moves with the cell; a "$" row, a quoted text, a constant stay.
    expected = "".join(
        op
        + operand.format(r=row if operand in ("A${r}", '"A{r}"') else row + down, s=row + down - 1)
        for op, operand in terms
    )[1:]
    assert Shifted(text, row)(row + down) == expected
    assert shape_key(expected, 4, row + down) == shape_key(text, 4, row)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["+", "-", "*", "/", "^", "&", "=", "<", ">="]),
            st.sampled_from(["A{r}", "B{r}", "$A$2", "2", '"7"', "TRUE", "-1.5", "C{r}"]),
        ),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from(["", "IF({e}>1,{e},-{e})", "ROUND({e},1)", "IFERROR({e},0)"]),
)
def test_random_column_formulas_match_formulas(
    tmp_path_factory: pytest.TempPathFactory, terms: list[tuple[str, str]], wrap: str
) -> None:
    """Random arithmetic over numbers, texts, booleans, blanks and errors, copied down 6 rows."""
    expression = "A{r}" + "".join(op + operand for op, operand in terms)
    if wrap:
        expression = wrap.format(e=f"({expression})")
    column_a: list[Any] = [3, "x", None, 0, True, "=1/0"]
    cells: dict[str, Any] = {}
    for r in range(1, 7):
        cells[f"A{r}"] = column_a[r - 1]
        cells[f"B{r}"] = r * 0.7
        cells[f"D{r}"] = "=" + expression.format(r=r)
    path = _book(tmp_path_factory.mktemp("random") / "random.xlsx", cells)
    fast, slow = _both(path)
    _assert_same(fast, slow)


def test_the_parser_reads_references_relative_to_the_cell() -> None:
    """B5 seen from D8 is two columns left and three rows up; $B$5 stays absolute."""
    tree = parse(shape_key("'my sheet'!B5+$B$5", 4, 8))
    left, right = tree.operands  # type: ignore[union-attr]
    assert (left.sheet, left.col1, left.row1) == ("my sheet", -2, -3)
    assert (right.sheet, right.col1, right.row1, right.abs_row1) == (None, 2, 5, True)


def test_a_date_column_reaches_a_sar_function_as_a_serial(tmp_path: Path) -> None:
    """Dates typed in a register column: shares per right after two 1:2 splits."""
    cells: dict[str, Any] = {
        "H1": "split",
        "I1": 2,
        "J1": dt.date(2020, 12, 31),
        "K1": dt.date(2021, 1, 1),
    }
    for r, day in enumerate([dt.date(2020, 6, 1), dt.date(2021, 6, 1)], start=1):
        cells[f"A{r}"] = day
        cells[f"B{r}"] = f'=SAR_SHARES_PER_RIGHT(200,$H$1:$N$1,$A{r},"2017-07-14")'
    fast, slow = _both(_book(tmp_path / "dates.xlsx", cells))
    _assert_same(fast, slow)
    assert fast.values[("calc", "B1")] == 200  # before the split's effective date
    assert fast.values[("calc", "B2")] == 400  # 200 x 2 (clause 3)


@pytest.mark.parametrize("book", TEMPLATES, ids=[p.name for p in TEMPLATES])
def test_the_refreshed_file_is_byte_for_byte_the_cell_by_cell_one(
    tmp_path: Path, book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same values, same writer, same atomic replace: the two refreshed files are identical."""
    by_shape, by_cell = tmp_path / "shape" / book.name, tmp_path / "cell" / book.name
    for target in (by_shape, by_cell):
        target.parent.mkdir()
        shutil.copy(book, target)
    refresh.refresh_workbook(book=by_shape)
    monkeypatch.setattr(
        refresh, "calculate", lambda package, progress=None: calculate(package, by_shape=False)
    )
    refresh.refresh_workbook(book=by_cell)
    assert by_shape.read_bytes() == by_cell.read_bytes()


def test_a_hidden_name_is_left_to_formulas(tmp_path: Path) -> None:
    """The formulas engine ignores hidden names; the shape path falls back rather than guess."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "calc"
    ws["A1"], ws["B1"] = 5, "=Secret*2"
    wb.defined_names["Secret"] = DefinedName("Secret", attr_text="calc!$A$1", hidden=True)
    wb.save(tmp_path / "hidden.xlsx")
    with pytest.raises(UnsupportedError, match="SECRET"):
        _plan(read_package(tmp_path / "hidden.xlsx"))


def test_a_failure_of_the_shape_path_falls_back_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A defect in the shape path costs speed, never a wrong value or a traceback."""
    from stockrights.workbooks import columns

    def broken(self: Any, sar: Any) -> Any:
        raise RuntimeError("a defect")

    monkeypatch.setattr(columns.Plan, "evaluate", broken)
    path = _book(tmp_path / "fallback.xlsx", {"A1": 2, "B1": "=A1*21"})
    with caplog.at_level("WARNING", logger="stockrights.workbooks"):
        calc = calculate(read_package(path))
    assert calc.values[("calc", "B1")] == 42
    assert "shape path failed" in caplog.text


def _share(path: Path, sheet_part: str, groups: dict[str, tuple[str, list[str]]]) -> Path:
    """Rewrite formulas as Excel writes a filled-down column: one text, the rest shared."""
    with zipfile.ZipFile(path) as zin:
        members = {name: zin.read(name) for name in zin.namelist()}
    xml = members[sheet_part].decode()
    for si, (ref, cells) in groups.items():
        for i, coordinate in enumerate(cells):
            pattern = rf'(<c r="{coordinate}"[^>]*>)<f>([^<]*)</f>'
            if i == 0:
                replacement = rf'\1<f t="shared" ref="{ref}" si="{si}">\2</f>'
            elif i == 1:  # a later cell's own text is ignored, as Excel and openpyxl do
                replacement = rf'\1<f t="shared" si="{si}">Z99</f>'
            else:
                replacement = rf'\1<f t="shared" si="{si}"/>'
            xml, count = re.subn(pattern, replacement, xml)
            assert count == 1, coordinate
    members[sheet_part] = xml.encode()
    with zipfile.ZipFile(path, "w") as zout:
        for name, data in members.items():
            zout.writestr(name, data)
    return path


def test_shared_formulas_as_excel_writes_them(tmp_path: Path) -> None:
    """A filled-down column and a filled-across block (t="shared"): one run each, same cells."""
    cells: dict[str, Any] = {"B1": 10, "C1": 100, "D1": 1000}
    for r in range(2, 7):
        cells[f"A{r}"] = r
        cells[f"B{r}"] = f"=A{r}*2+$B$1"
        cells[f"C{r}"] = f"=C$1*$A{r}"
        cells[f"D{r}"] = f"=D$1*$A{r}"
    path = _book(tmp_path / "shared.xlsx", cells)
    column_b = [f"B{r}" for r in range(2, 7)]
    block = [f"{c}{r}" for r in range(2, 7) for c in "CD"]
    _share(path, "xl/worksheets/sheet1.xml", {"0": ("B2:B6", column_b), "1": ("C2:D6", block)})
    assert len(formula_cells(read_package(path))) == 15
    fast, slow = _both(path)
    _assert_same(fast, slow)
    got = {ref: v for (_, ref), v in fast.values.items()}
    assert [got[c] for c in column_b] == [14, 16, 18, 20, 22]  # 2r + 10
    assert got["C3"] == 300  # 100 x 3 (C3 said Z99: the group's text wins)
    assert got["D6"] == 6000  # 1000 x 6


_ROUNDING_VALUES = [2.5, -2.5, 0.5, -0.5, 1.25, 1.005, 0.49999999999999994, 123456.785, -0.0]
_ROUNDING_VALUES += [3, -7, 0.1 + 0.2, 1e-300]
_NOT_NUMBERS = ["text", None, True, "=1/0"]
_TOO_LARGE = [4503599627370495.5, 1e20, -1e300]  # beyond 2**53 once scaled: left to formulas


def _spy(monkeypatch: pytest.MonkeyPatch, name: str) -> list[bool]:
    """Record, for each call of a fast path of ``columns``, whether it took the run."""
    from stockrights.workbooks import columns

    taken: list[bool] = []
    original = getattr(columns, name)

    def spied(*args: Any) -> Any:
        result = original(*args)
        taken.append(result is not None)
        return result

    monkeypatch.setattr(columns, name, spied)
    return taken


@pytest.mark.parametrize("digits", [0, 1, 2, -1, -2, 1.7, -1.2, 16])
@pytest.mark.parametrize("function", ["ROUND", "ROUNDDOWN", "ROUNDUP"])
def test_rounding_a_column_gives_what_formulas_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, function: str, digits: float
) -> None:
    """Halves, float noise, -0, 2**52 + 0.5, values beyond 2**53; text, blanks, booleans apart."""
    taken = _spy(monkeypatch, "_rounded")
    cells: dict[str, Any] = {}
    for row, value in enumerate(_ROUNDING_VALUES, start=1):
        cells[f"A{row}"] = value
        cells[f"B{row}"] = f"={function}(A{row},{digits})"
    for row, value in enumerate(_NOT_NUMBERS, start=1):
        cells[f"C{row}"] = value
        cells[f"D{row}"] = f"={function}(C{row},{digits})"
    for row, value in enumerate(_TOO_LARGE, start=1):
        cells[f"E{row}"] = value
        cells[f"F{row}"] = f"={function}(E{row},{digits})"
    fast, slow = _both(_book(tmp_path / "round.xlsx", cells))
    _assert_same(fast, slow)
    assert taken.count(True) == (0 if digits == 16 else 1)  # column B only, in one step
    if function == "ROUND" and digits == 0:  # by hand: half away from zero (Excel's rule)
        assert [fast.values[("calc", f"B{r}")] for r in (1, 2, 3, 4)] == [3, -3, 1, -1]
    if function == "ROUNDDOWN" and digits == 1:  # towards zero: 1.25 -> 1.2, -7 -> -7
        assert fast.values[("calc", "B5")] == 1.2
        assert fast.values[("calc", "B11")] == -7
    if function == "ROUNDUP" and digits == -2:  # away from zero to hundreds: 123456.785 -> 123500
        assert fast.values[("calc", "B8")] == 123500


@given(
    st.lists(
        st.one_of(
            st.floats(min_value=-1e16, max_value=1e16, allow_nan=False),
            st.integers(-(10**6), 10**6),
        ),
        min_size=2,
        max_size=8,
    ),
    st.sampled_from(["ROUND", "ROUNDDOWN", "ROUNDUP"]),
    st.integers(-4, 6),
)
@settings(max_examples=40, deadline=None)
def test_random_rounding_matches_formulas(
    tmp_path_factory: pytest.TempPathFactory, values: list[float], function: str, digits: int
) -> None:
    cells: dict[str, Any] = {}
    for row, value in enumerate(values, start=1):
        cells[f"A{row}"] = value
        cells[f"B{row}"] = f"={function}(A{row},{digits})"
    path = _book(tmp_path_factory.mktemp("round") / "round.xlsx", cells)
    _assert_same(*_both(path))


def test_if_over_a_column_and_index_of_tables_per_row_give_what_formulas_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """IF of booleans between single values, INDEX at a fixed place of each row's table.

    Column A holds numbers (the fast paths take it); column H a text, a blank and a boolean
    (formulas does). INDEX also points outside the table (row 3 of a 2-row table: #REF!).
    """
    chosen, picked = _spy(monkeypatch, "_chosen"), _spy(monkeypatch, "_picked")
    cells: dict[str, Any] = {}
    for letter, column in (("A", [3, 25, 20, 0]), ("H", ["x", None, True])):
        for row, value in enumerate(column, start=1):
            a = f"{letter}{row}"
            cells[a] = value
            at = chr(ord(letter) + 1)
            cells[f"{at}{row}"] = f'=IF({a}>=20,"large","small")'
            cells[f"{chr(ord(at) + 1)}{row}"] = f"=IF({a}>=20,{a}*2)"
            cells[f"{chr(ord(at) + 2)}{row}"] = f"=IF({a}>=20,#N/A,1.5)"
            cells[f"{chr(ord(at) + 3)}{row}"] = f"=INDEX(SAR_CAPITAL_SPLIT(1000+{a}),2,2)"
            cells[f"{chr(ord(at) + 4)}{row}"] = f"=INDEX(SAR_CAPITAL_SPLIT(1000+{a}),3,1)"
    fast, slow = _both(_book(tmp_path / "if.xlsx", cells))
    _assert_same(fast, slow)
    # B, D, I and K: an IF between single values over a column of booleans (formulas compares
    # a text, a blank and a boolean with 20 to a boolean too); C and J have a column for a branch.
    assert chosen.count(True) == 4
    # E, F, L and M: each row's element picked, or, outside the row's table (F and M: #REF!;
    # L and M: SAR_CAPITAL_SPLIT of a text is an error), formulas' own INDEX for that row.
    assert picked.count(True) == 4
    got = {k[1]: v for k, v in fast.values.items()}
    assert [got[f"B{r}"] for r in (1, 2, 3)] == ["small", "large", "large"]
    assert [got[f"C{r}"] for r in (1, 2)] == [False, 50]
    # SAR_CAPITAL_SPLIT(1025): capital, half of 1,025 yen rounded up to the yen, is 513.
    assert got["E2"] == 513
