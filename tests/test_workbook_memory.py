"""Memory is bounded by what a file holds, never by what a header or a range claims.

Each hostile file is under 2 MB on disk. ``stockrights refresh`` runs in a child process
under a 1.5 GiB address-space limit (a regression fails instead of swapping) and its peak
resident memory is measured: under 1 GB for any input, under 300 MB for the worked example.
The limits themselves are :class:`stockrights.workbooks.package.Limits`.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from hostile_workbooks import (
    deflated_zeros,
    lie_about_size,
    peak_of_refresh,
    value_rows,
    write_workbook,
)
from stockrights.workbooks.errors import WorkbookError
from stockrights.workbooks.package import Limits, read_package

EXAMPLE = Path(__file__).parent.parent / "workbooks" / "stockrights_example_7th_series.xlsx"
ANY_INPUT_MB = 1000.0
EXAMPLE_MB = 300.0
TINY = 2_000_000  # bytes on disk: every hostile file is smaller than this

pytestmark = pytest.mark.slow


def _refused(path: Path, problem: str, tmp_path: Path, *, on_disk: int = TINY) -> None:
    assert path.stat().st_size < on_disk
    out = tmp_path / "out.xlsx"
    status, err, peak = peak_of_refresh(str(path), "--output", str(out))
    assert status == 2, err
    assert err.count("\n") == 1, err
    # the command line names the argument (BOOK) before the file and its problem
    assert re.fullmatch(rf"stockrights: error: BOOK {re.escape(str(path))}: {problem}\n", err), err
    assert peak < ANY_INPUT_MB, f"peak {peak:.0f} MB"
    assert not out.exists()


def test_an_array_formula_over_the_whole_sheet_is_refused_from_its_text(tmp_path: Path) -> None:
    """`A56:XFD1048576` is 16,384 x 1,048,521 = 17,178,968,064 cells: refused, never built."""
    path = write_workbook(
        tmp_path / "array.xlsx",
        {"s": b'<row r="56"><c r="A56"><f t="array" ref="A56:XFD1048576">1+1</f></c></row>'},
    )
    _refused(
        path,
        r"the array formula in s!A56 spans A56:XFD1048576 \(17,178,968,064 cells\), more than "
        r"the limit of 100,000 cells in one range",
        tmp_path,
    )


def test_a_whole_column_reference_is_refused(tmp_path: Path) -> None:
    """`SUM(A:A)` made the engine materialise 1,048,576 cells (0.8 GB): refused by its extent."""
    path = write_workbook(
        tmp_path / "column.xlsx",
        {"s": b'<row r="1"><c r="A1"><v>2</v></c><c r="B1"><f>SUM(A:A)</f></c></row>'},
    )
    _refused(
        path,
        r"the formula in s!B1 refers to A:A \(1,048,576 cells\), more than the limit of 100,000 "
        r"cells in one range",
        tmp_path,
    )


def test_a_defined_name_over_a_huge_range_is_refused_when_a_formula_uses_it(
    tmp_path: Path,
) -> None:
    """A name is measured by the range it claims, 3 x 1,048,576 = 3,145,728 cells."""
    path = write_workbook(
        tmp_path / "name.xlsx",
        {"s": b'<row r="1"><c r="A1"><v>2</v></c><c r="E1"><f>SUM(Big)+1</f></c></row>'},
        names=b'<definedName name="Big">s!$A:$C</definedName>',
    )
    _refused(
        path,
        r"the defined name Big refers to A:C \(3,145,728 cells\), more than the limit of "
        r"100,000 cells in one range",
        tmp_path,
    )


def test_a_member_whose_header_lies_about_its_size_is_refused(tmp_path: Path) -> None:
    """Headers claim 1,000 bytes; the data inflates to 200 MiB: the reader never believes it."""
    path = write_workbook(tmp_path / "liar.xlsx", {"s": value_rows(3)})
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/media/blob.bin", bytes(200 * 2**20))
    lie_about_size(path, "xl/media/blob.bin", 1000)
    _refused(
        path, r"is truncated or corrupt \(Bad CRC-32 for file 'xl/media/blob\.bin'\)", tmp_path
    )


def test_a_thousand_members_of_a_mebibyte_are_refused_by_the_total(tmp_path: Path) -> None:
    """995 x 1 MiB = 1,043,333,120 bytes (with the 5 parts: 1,000 members) > 128 MiB in all."""
    path = write_workbook(
        tmp_path / "members.xlsx",
        {"s": value_rows(3)},
        extra={f"xl/media/m{i}.bin": bytes(2**20) for i in range(995)},
    )
    assert deflated_zeros(2**20) < 2000
    _refused(
        path,
        r"expands to 1,043,3\d\d,\d{3} bytes in all, more than the limit of 134,217,728",
        tmp_path,
    )


def test_a_million_rows_are_refused_by_their_tags(tmp_path: Path) -> None:
    """1,000,000 rows of one number: 6 tags a row (3 open, 3 close), 6,000,000 > 1,000,000."""
    path = write_workbook(tmp_path / "rows.xlsx", {"s": value_rows(1_000_000)})
    _refused(
        path,
        r"xl/worksheets/sheet1\.xml holds 6,000,0\d\d XML tags, more than the limit of "
        r"1,000,000",
        tmp_path,
        on_disk=10_000_000,  # 7.5 MB: what a million rows really are
    )


def test_limits_count_cells_that_exist() -> None:
    """Cells and cells on formula sheets are counted as present in the XML, named in the error."""
    # read_package with small limits on a small file: the counts are exact
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = write_workbook(
            Path(folder) / "small.xlsx",
            {
                "data": value_rows(30),
                "calc": value_rows(5) + b'<row r="9"><c r="B9"><f>SUM(data!A1:A30)</f></c></row>',
            },
        )
        with pytest.raises(WorkbookError, match=r": has 36 cells, more than the limit of 35$"):
            read_package(path, limits=Limits(max_cells=35))
        with pytest.raises(
            WorkbookError,
            match=r": has 6 cells on sheets with formulas, more than the limit of 5 \(keep",
        ):
            read_package(path, limits=Limits(max_cells_with_formulas=5))
        with pytest.raises(WorkbookError, match=r"refers to data!A1:A30|refers to A1:A30"):
            read_package(path, limits=Limits(max_range_cells=29))
        read_package(path, limits=Limits(max_cells=36, max_cells_with_formulas=6))


@pytest.mark.parametrize(
    ("formula_sheet_cells", "extra"),
    [(99_999, b""), (19_999, b"+SUM({1,2})")],
    ids=["by shape, 99,999 cells", "cell by cell, 19,999 cells"],
)
def test_the_largest_accepted_workbook_stays_under_a_gigabyte(
    tmp_path: Path, formula_sheet_cells: int, extra: bytes
) -> None:
    """At the limits refresh works under 1 GB: 199,999 cells, 99,999 on the formula sheet when
    it is calculated by shape; 19,999 there when an array constant (``{1,2}``, outside the
    shape path) makes ``formulas`` compile every cell.
    """
    rows = formula_sheet_cells - 1
    formula = b"SUM(A1:A%d)+SUM(data!A1:B50000)%s" % (rows, extra)
    path = write_workbook(
        tmp_path / "large.xlsx",
        {
            "data": value_rows(200_000 - 1 - formula_sheet_cells, columns="A")
            if formula_sheet_cells > 50_000
            else value_rows(90_000, columns="AB"),
            "calc": value_rows(rows)
            + b'<row r="%d"><c r="B%d"><f>%s</f></c></row>' % (rows + 2, rows + 2, formula),
        },
    )
    status, err, peak = peak_of_refresh(str(path), "--output", str(tmp_path / "out.xlsx"))
    assert status == 0, err
    assert peak < ANY_INPUT_MB, f"peak {peak:.0f} MB"


def test_the_example_refreshes_under_300_megabytes(tmp_path: Path) -> None:
    """The worked example's refresh peaks well under 300 MB (about 200 MB measured)."""
    status, err, peak = peak_of_refresh(str(EXAMPLE), "--output", str(tmp_path / "out.xlsx"))
    assert status == 0, err
    assert peak < EXAMPLE_MB, f"peak {peak:.0f} MB"


def test_the_cell_by_cell_limit_applies_only_when_formulas_compiles_every_cell(
    tmp_path: Path,
) -> None:
    """6 cells on the formula sheet (5 values, 1 formula) against a cell-by-cell limit of 5.

    ``SUM(A1:A5)+1`` (rows 1 to 5 hold their row number) is calculated by shape: allowed,
    1+2+3+4+5+1 = 16. ``SUM({1,2})`` (an
    array constant) is outside the shape path: ``formulas`` would compile every cell, refused.
    """
    from stockrights.workbooks.engine import calculate

    limits = Limits(max_cells_cell_by_cell=5)
    shaped = write_workbook(
        tmp_path / "shaped.xlsx",
        {"calc": value_rows(5) + b'<row r="9"><c r="B9"><f>SUM(A1:A5)+1</f></c></row>'},
    )
    package = read_package(shaped, limits=limits)
    assert package.cells_with_formulas == 6
    assert calculate(package).values[("calc", "B9")] == 16.0
    fallback = write_workbook(
        tmp_path / "fallback.xlsx",
        {"calc": value_rows(5) + b'<row r="9"><c r="B9"><f>SUM({1,2})</f></c></row>'},
    )
    with pytest.raises(
        WorkbookError,
        match=r": has 6 cells on sheets with formulas, more than the limit of 5 for a workbook "
        r"calculated cell by cell \(the shape path does not cover it: cannot read '\{1,2\}\)'\); "
        r"keep long data on a sheet of its own$",
    ):
        calculate(read_package(fallback, limits=limits))
