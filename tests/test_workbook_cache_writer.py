"""The cache writer: values stored next to formulas, every other zip member copied byte for byte."""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from openpyxl.comments import Comment
from openpyxl.styles import Protection
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.formula import ArrayFormula

from stockrights.workbooks.cache_writer import (
    ErrorValue,
    cell_range,
    formula_cells,
    stored_values,
    write_cached_values,
    write_calculation_copy,
)
from stockrights.workbooks.errors import WorkbookError
from stockrights.workbooks.package import read_package


def _small_book(path: Path) -> Path:
    """A workbook with a formula of each result type, an array formula, a note, a validation,
    a defined name, a protected sheet with an unlocked input and a date format.
    """
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "calc"
    ws["A1"] = 2.5
    ws["A1"].protection = Protection(locked=False)
    ws["A1"].comment = Comment("an input (clause 12)", "test")
    dv = DataValidation(type="decimal", operator="greaterThan", formula1="0")
    ws.add_data_validation(dv)
    dv.add("A1")
    ws["B1"] = "=A1*2"
    ws["B2"] = '="yen"&"/share"'
    ws["B3"] = "=A1>1"
    ws["B4"] = "=1/0"
    ws["B5"] = "=DATE(2017,7,14)"
    ws["B5"].number_format = "yyyy/mm/dd"
    ws["D1"] = ArrayFormula("D1:E2", "={1,2;3,4}")
    ws["D1"].number_format = "0.00"  # D1 exists; E1, D2, E2 do not: the writer creates them
    ws.protection.sheet = True
    wb.defined_names["Input"] = DefinedName("Input", attr_text="'calc'!$A$1")
    other = wb.create_sheet("notes")
    other["A1"] = "no formula here"
    wb.save(path)
    return path


VALUES = {
    ("calc", "B1"): 5.0,
    ("calc", "B2"): "yen/share",
    ("calc", "B3"): True,
    ("calc", "B4"): ErrorValue("#DIV/0!"),
    ("calc", "B5"): 42930.0,
    ("calc", "D1"): 1.0,
    ("calc", "E1"): 2.0,
    ("calc", "D2"): 3.0,
    ("calc", "E2"): 4.0,
}


def _write(source: Path, target: Path, values: dict[tuple[str, str], object], **kw: object) -> int:
    package = read_package(source)
    with target.open("wb") as fh:
        return write_cached_values(package, values, fh, **kw)  # type: ignore[arg-type]


def test_values_are_read_back_by_openpyxl_as_written(tmp_path: Path) -> None:
    """Read back with data_only, each type is as Excel stores it: number, text, bool, error."""
    source = _small_book(tmp_path / "in.xlsx")
    assert _write(source, tmp_path / "out.xlsx", VALUES) == 9
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx", data_only=True)["calc"]
    assert ws["B1"].value == 5
    assert ws["B2"].value == "yen/share"
    assert ws["B3"].value is True
    assert ws["B4"].value == "#DIV/0!"
    assert ws["B5"].value == dt.datetime(2017, 7, 14)  # serial 42930 under a date format
    assert [[c.value for c in row] for row in ws["D1:E2"]] == [[1, 2], [3, 4]]


def test_formulas_and_everything_else_survive(tmp_path: Path) -> None:
    """Formulas, the defined name, the note, the validation, protection and formats are kept."""
    source = _small_book(tmp_path / "in.xlsx")
    _write(source, tmp_path / "out.xlsx", VALUES)
    before = openpyxl.load_workbook(source)
    after = openpyxl.load_workbook(tmp_path / "out.xlsx")
    for ref in ("B1", "B2", "B3", "B4", "B5"):
        assert after["calc"][ref].value == before["calc"][ref].value
    assert after["calc"]["D1"].value.text == "={1,2;3,4}"
    assert after["calc"]["D1"].value.ref == "D1:E2"
    assert after.defined_names["Input"].attr_text == "'calc'!$A$1"
    assert after["calc"]["A1"].comment.text == "an input (clause 12)"
    assert str(after["calc"].data_validations.dataValidation[0].sqref) == "A1"
    assert after["calc"].protection.sheet is True
    assert after["calc"]["A1"].protection.locked is False
    assert after["calc"]["B5"].number_format == "yyyy/mm/dd"


def test_members_other_than_formula_sheets_are_byte_identical(tmp_path: Path) -> None:
    """Only the sheet holding formulas changes; a VBA part and every other member are copied."""
    source = _small_book(tmp_path / "in.xlsx")
    with zipfile.ZipFile(source, "a") as zf:  # a stand-in for an .xlsm's VBA project
        zf.writestr("xl/vbaProject.bin", bytes(range(256)) * 8)
    _write(source, tmp_path / "out.xlsx", VALUES)
    with zipfile.ZipFile(source) as a, zipfile.ZipFile(tmp_path / "out.xlsx") as b:
        assert a.namelist() == b.namelist()
        changed = [n for n in a.namelist() if a.read(n) != b.read(n)]
    assert changed == ["xl/worksheets/sheet1.xml"]


def test_full_calc_on_load_is_kept_set_or_removed(tmp_path: Path) -> None:
    """FullCalcOnLoad stays as openpyxl wrote it by default; True/False set or remove it."""
    source = _small_book(tmp_path / "in.xlsx")

    def flag(path: Path) -> bool:
        with zipfile.ZipFile(path) as zf:
            return b'fullCalcOnLoad="1"' in zf.read("xl/workbook.xml")

    _write(source, tmp_path / "keep.xlsx", VALUES)
    _write(source, tmp_path / "off.xlsx", VALUES, full_calc_on_load=False)
    _write(source, tmp_path / "on.xlsx", VALUES, full_calc_on_load=True)
    assert flag(source)
    assert flag(tmp_path / "keep.xlsx")
    assert flag(tmp_path / "on.xlsx")
    assert not flag(tmp_path / "off.xlsx")


def test_a_missing_value_is_an_error_and_names_the_cell(tmp_path: Path) -> None:
    """Every formula cell needs a value; the message names the sheet and cell."""
    source = _small_book(tmp_path / "in.xlsx")
    values = {k: v for k, v in VALUES.items() if k != ("calc", "B3")}
    with pytest.raises(
        WorkbookError, match=r"in\.xlsx: no computed value for formula cell calc!B3$"
    ):
        _write(source, tmp_path / "out.xlsx", values)


def test_stored_values_read_back_what_was_written(tmp_path: Path) -> None:
    """stored_values (used by --check) returns the written values, array cells included."""
    source = _small_book(tmp_path / "in.xlsx")
    assert set(stored_values(read_package(source)).values()) == {None}  # openpyxl caches nothing
    _write(source, tmp_path / "out.xlsx", VALUES)
    assert stored_values(read_package(tmp_path / "out.xlsx")) == VALUES


def test_formula_cells_lists_text_and_array_range(tmp_path: Path) -> None:
    """formula_cells gives each formula's text without '=' and an array formula's range."""
    cells = {c.coordinate: c for c in formula_cells(read_package(_small_book(tmp_path / "a.xlsx")))}
    assert cells["B1"].formula == "A1*2"
    assert cells["D1"].array_ref == "D1:E2"
    assert cells["B1"].array_ref is None
    assert set(cells) == {"B1", "B2", "B3", "B4", "B5", "D1"}


def test_calculation_copy_keeps_values_and_formulas_only(tmp_path: Path) -> None:
    """The engine's lean copy drops styles, notes and validations, and empties data sheets."""
    package = read_package(_small_book(tmp_path / "in.xlsx"))
    buffer = io.BytesIO()
    write_calculation_copy(package, buffer, emptied=("notes",))
    lean = tmp_path / "lean.xlsx"
    lean.write_bytes(buffer.getvalue())
    wb = openpyxl.load_workbook(lean)
    assert wb["calc"]["B1"].value == "=A1*2"
    assert wb["calc"]["A1"].value == 2.5
    assert wb["calc"]["A1"].comment is None
    assert wb["calc"].data_validations.dataValidation == []
    assert wb["notes"]["A1"].value is None


def test_cell_range_walks_rows_then_columns() -> None:
    """A range is listed row by row, left to right (the order of a result's values)."""
    assert list(cell_range("B2:C3")) == ["B2", "C2", "B3", "C3"]
    assert list(cell_range("Z9")) == ["Z9"]
    assert list(cell_range("AA1:AB1")) == ["AA1", "AB1"]


_CELL_VALUES = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.booleans(),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40),
    st.sampled_from(["#N/A", "#VALUE!", "#NUM!", "#DIV/0!", "#REF!", "#NAME?", "#NULL!"]).map(
        ErrorValue
    ),
)


@settings(max_examples=40, deadline=None)
@given(value=_CELL_VALUES)
def test_any_value_round_trips_exactly(
    tmp_path_factory: pytest.TempPathFactory, value: object
) -> None:
    """Whatever is stored (any finite float, text, boolean, error) is read back unchanged."""
    folder = tmp_path_factory.mktemp("rt")
    wb = openpyxl.Workbook()
    wb.active.title = "s"
    wb.active["A1"] = "=1"
    wb.save(folder / "in.xlsx")
    _write(folder / "in.xlsx", folder / "out.xlsx", {("s", "A1"): value})
    back = stored_values(read_package(folder / "out.xlsx"))[("s", "A1")]
    if isinstance(value, float):
        assert isinstance(back, float)
        assert back == value or (value == 0 and back == 0 and math.copysign(1, value) == 1)
    else:
        assert back == value


TEMPLATES = sorted((Path(__file__).parents[1] / "workbooks").glob("*.xlsx"))


@pytest.mark.parametrize("book", TEMPLATES, ids=[p.name for p in TEMPLATES])
def test_refreshing_a_committed_template_changes_no_byte(tmp_path: Path, book: Path) -> None:
    """The templates are committed refreshed: refreshing them again writes the same bytes."""
    from stockrights.workbooks.refresh import refresh_workbook

    out = tmp_path / book.name
    refresh_workbook(book=book, output=out)
    assert out.read_bytes() == book.read_bytes()


def _values_of_every_kind() -> dict[tuple[str, str], object]:
    """The small book's values moved round, so that every cell changes kind."""
    kinds: list[object] = ["text <&> ", 7.0, False, ErrorValue("#N/A"), 0.1, "", 1e300, True]
    return {key: kinds[i % len(kinds)] for i, key in enumerate(VALUES)}


def test_a_value_rewritten_in_place_is_the_bytes_of_a_new_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The in-place path (a cell with ``<f/><v/>``) writes what removing and re-adding ``<v>``
    writes, for every kind of value replacing every other kind, and with every cell found by
    its position instead of by XPath.
    """
    from stockrights.workbooks import cache_writer

    first = tmp_path / "first.xlsx"
    _write(_small_book(tmp_path / "book.xlsx"), first, VALUES)  # every formula has <f/><v/>
    fast, slow = tmp_path / "fast.xlsx", tmp_path / "slow.xlsx"
    rewritten: list[bool] = []
    with monkeypatch.context() as patch:
        rewrite = cache_writer._rewrite_value

        def counted(cell: object, value: object) -> bool:
            rewritten.append(rewrite(cell, value))  # type: ignore[arg-type]
            return rewritten[-1]

        patch.setattr(cache_writer, "_rewrite_value", counted)
        _write(first, fast, _values_of_every_kind())
    assert rewritten.count(True) == 6  # B1:B5 and the array formula's anchor D1
    with monkeypatch.context() as patch:
        patch.setattr(cache_writer, "_rewrite_value", lambda cell, value: False)
        patch.setattr(cache_writer, "_FORMULA_CELLS", lambda root: [etree.Element("c")])
        _write(first, slow, _values_of_every_kind())
    assert fast.read_bytes() == slow.read_bytes()
    assert stored_values(read_package(fast)) == _values_of_every_kind()
