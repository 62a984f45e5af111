"""`refresh --values-only`: a copy with no formula left, every value the refreshed one."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from stockrights.cli import main
from stockrights.workbooks.errors import WorkbookError
from stockrights.workbooks.refresh import refresh_workbook
from test_workbook_libreoffice import _convert, office  # noqa: F401 (a fixture)

CELL_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")  # a cell's <f>, not <formula1> of a validation
EXAMPLE = Path(__file__).parent.parent / "workbooks" / "stockrights_example_7th_series.xlsx"


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The example refreshed as usual, and its values-only copy, from the same run of code."""
    folder = tmp_path_factory.mktemp("values_only")
    refreshed, values = folder / "refreshed.xlsx", folder / "values.xlsx"
    assert main(["refresh", str(EXAMPLE), "--output", str(refreshed), "-q"]) == 0
    assert main(["refresh", str(EXAMPLE), "--values-only", "--output", str(values), "-q"]) == 0
    return refreshed, values


def test_no_formula_remains(copies: tuple[Path, Path]) -> None:
    """No <f> in any sheet part, no calculation chain, and openpyxl sees no formula."""
    _, values = copies
    with zipfile.ZipFile(values) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/"):
                assert not CELL_FORMULA.search(zf.read(name)), name
            assert "calcChain" not in name
            if name in ("[Content_Types].xml", "xl/_rels/workbook.xml.rels"):
                assert b"calcChain" not in zf.read(name)
    book = openpyxl.load_workbook(values)
    formulas = [
        f"{ws.title}!{c.coordinate}"
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.data_type == "f"
    ]
    assert formulas == []


def test_every_value_equals_the_refreshed_one(copies: tuple[Path, Path]) -> None:
    """Cell by cell, the copy holds what the refreshed workbook stores (326,485 yen per right)."""
    refreshed, values = copies
    stored = openpyxl.load_workbook(refreshed, data_only=True)
    plain = openpyxl.load_workbook(values)
    compared = 0
    for ws in stored.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert plain[ws.title][cell.coordinate].value == cell.value, (
                    f"{ws.title}!{cell.coordinate}"
                )
                compared += 1
    assert compared > 3000
    assert plain["valuation"]["B14"].value == 326485  # the resolution's 7th series, per right


def test_the_book_keeps_its_formulas_and_an_output_is_required(tmp_path: Path) -> None:
    """Without --output (or onto BOOK itself) the copy would erase the formulas: refused."""
    book = tmp_path / "book.xlsx"
    book.write_bytes(EXAMPLE.read_bytes())
    for output in (None, book):
        with pytest.raises(WorkbookError, match=r"--values-only needs --output OUT"):
            refresh_workbook(book=book, output=output, values_only=True)
    assert book.read_bytes() == EXAMPLE.read_bytes()


@pytest.mark.slow
def test_libreoffice_opens_and_renders_the_copy(
    copies: tuple[Path, Path],
    office: dict[str, Any],  # noqa: F811 (the fixture imported above)
    tmp_path: Path,
) -> None:
    """LibreOffice renders every page and reads the per-right amount (it once aborted here)."""
    _, values = copies
    (pdf,) = _convert(office, "pdf", tmp_path, values)
    assert pdf.stat().st_size > 10_000
    (xlsx,) = _convert(office, "xlsx", tmp_path / "lo", values)
    assert openpyxl.load_workbook(xlsx, data_only=True)["valuation"]["B14"].value == 326485


def test_the_command_says_it_wrote_a_values_only_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The first line names the copy for what it is, not a refreshed workbook."""
    out = tmp_path / "v.xlsx"
    assert main(["refresh", str(EXAMPLE), "--values-only", "-o", str(out), "-q"]) == 0
    assert capsys.readouterr().out.startswith(f"wrote a values-only copy {out}: ")
