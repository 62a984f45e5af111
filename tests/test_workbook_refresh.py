"""refresh: atomic replacement, --check, and what the command line prints."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.defined_name import DefinedName

from stockrights.cli import main
from stockrights.valuation import value_right
from stockrights.workbooks import refresh as refresh_module
from stockrights.workbooks.cache_writer import ErrorValue, stored_values
from stockrights.workbooks.package import read_package
from stockrights.workbooks.refresh import atomic_write, refresh_workbook, same_value


def _book(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "calc"
    ws["A1"] = 2000
    ws["A2"] = "=SAR_RIGHT_VALUE(A1,1,15,0.35,0.0035,0.0135,200)"
    ws["A3"] = "=A1*2"
    wb.save(path)
    return path


def test_refresh_in_place_stores_values_and_keeps_the_mode(tmp_path: Path) -> None:
    """In place: values stored, file mode kept, no temporary file left in the directory."""
    path = _book(tmp_path / "book.xlsx")
    os.chmod(path, 0o640)
    report = refresh_workbook(book=path)
    assert report.output == path
    assert report.formula_cells == 2
    values = stored_values(read_package(path))
    assert values[("calc", "A3")] == 4000
    expected = value_right(
        share_price=2000,
        exercise_price=1,
        term_years=15,
        volatility=0.35,
        risk_free_rate=0.0035,
        dividend_yield=0.0135,
        shares_per_right=200,
    ).per_right_amount  # the core, called directly
    assert values[("calc", "A2")] == expected
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx"]


def test_a_failure_while_writing_leaves_the_original_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash half-way through writing: the original bytes stay, the temporary file is gone."""
    path = _book(tmp_path / "book.xlsx")
    before = path.read_bytes()

    def half_then_fail(package: object, values: object, fh: object, **kw: object) -> int:
        fh.write(b"PK\x03\x04 half a zip")  # type: ignore[attr-defined]
        raise OSError("disk full")

    monkeypatch.setattr(refresh_module, "write_cached_values", half_then_fail)
    with pytest.raises(OSError, match="disk full"):
        refresh_workbook(book=path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx"]


def test_atomic_write_creates_a_missing_output_directory(tmp_path: Path) -> None:
    """`--output out/book.xlsx` on a fresh clone: the directory is created."""
    target = tmp_path / "out" / "nested" / "out.xlsx"
    atomic_write(target, lambda fh: fh.write(b"x"))
    assert target.read_bytes() == b"x"
    assert os.listdir(target.parent) == ["out.xlsx"]


def test_atomic_write_to_an_impossible_directory_is_one_line(tmp_path: Path) -> None:
    """An output under a regular file is reported against the output's name."""
    (tmp_path / "afile").write_bytes(b"")
    target = tmp_path / "afile" / "out.xlsx"
    with pytest.raises(
        Exception, match=r"out\.xlsx: cannot be written \(.*afile is a file, not a folder\)$"
    ):
        atomic_write(target, lambda fh: fh.write(b"x"))


def test_output_elsewhere_leaves_the_book_as_it_was(tmp_path: Path) -> None:
    """--output writes a new file; the book keeps its (empty) cached values."""
    path = _book(tmp_path / "book.xlsx")
    before = path.read_bytes()
    refresh_workbook(book=path, output=tmp_path / "out.xlsx")
    assert path.read_bytes() == before
    assert stored_values(read_package(tmp_path / "out.xlsx"))[("calc", "A3")] == 4000


def test_check_lists_what_differs_and_writes_nothing(tmp_path: Path) -> None:
    """--check on a stale file names each differing cell; after a refresh nothing differs."""
    path = _book(tmp_path / "book.xlsx")
    before = path.read_bytes()
    stale = refresh_workbook(book=path, check=True)
    assert path.read_bytes() == before
    assert {(d.sheet, d.coordinate) for d in stale.differences} == {("calc", "A2"), ("calc", "A3")}
    assert "calc!A3: stored (no value), computed 4000" in {str(d) for d in stale.differences}
    refresh_workbook(book=path)
    assert refresh_workbook(book=path, check=True).differences == ()


def test_cli_refresh_prints_the_summary_of_a_template(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The summary lists the template's key outputs when their defined names exist."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "valuation"
    ws["B14"] = "=SAR_RIGHT_AMOUNT(1632.445,200)"  # by hand: 1,632.445 x 200 = 326,489 exactly
    wb.defined_names["PerRightAmount"] = DefinedName(
        "PerRightAmount", attr_text="'valuation'!$B$14"
    )
    path = tmp_path / "t.xlsx"
    wb.save(path)
    assert main(["refresh", str(path)]) == 0
    captured = capsys.readouterr()
    assert f"refreshed {path}: 1 formula cells, 1 values stored" in captured.out
    assert "amount per right (yen)" in captured.out
    assert "326,489" in captured.out
    assert "stockrights: reading" in captured.err  # progress goes to stderr


def test_cli_check_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--check exits 1 when values differ, 0 once refreshed."""
    path = _book(tmp_path / "book.xlsx")
    assert main(["refresh", str(path), "--check", "-q"]) == 1
    assert "2 cells differ" in capsys.readouterr().out
    assert main(["refresh", str(path), "-q"]) == 0
    assert main(["refresh", str(path), "--check", "-q"]) == 0
    assert capsys.readouterr().err == ""  # --quiet: no progress lines


def test_xlsm_keeps_its_vba_part(tmp_path: Path) -> None:
    """An .xlsm is refreshed as .xlsm, its VBA part copied byte for byte."""
    source = _book(tmp_path / "book.xlsx")
    xlsm = tmp_path / "book.xlsm"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(xlsm, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info))
        zout.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not a real VBA project" * 50)
    refresh_workbook(book=xlsm)
    with zipfile.ZipFile(xlsm) as zf:
        assert zf.read("xl/vbaProject.bin") == b"\xd0\xcf\x11\xe0 not a real VBA project" * 50
    assert stored_values(read_package(xlsm))[("calc", "A3")] == 4000


@pytest.mark.parametrize(
    ("stored", "computed", "same"),
    [
        (326485.0, 326485.0, True),
        (326485.0, 326485.0 * (1 + 1e-12), True),
        (326485.0, 326486.0, False),
        (True, 1.0, False),
        (None, 0.0, False),
        ("a", "a", True),
        (ErrorValue("#N/A"), ErrorValue("#N/A"), True),
        (ErrorValue("#N/A"), "#N/A", False),
    ],
)
def test_same_value(stored: object, computed: object, same: bool) -> None:
    """Numbers agree within 1e-9 relative; types must match (TRUE is not 1, an error not text)."""
    assert same_value(stored, computed) is same  # type: ignore[arg-type]
