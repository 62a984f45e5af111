"""Bad files: one line naming the file and the problem, exit status 2, and nothing written."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from stockrights.cli import main
from stockrights.workbooks.errors import WorkbookError
from stockrights.workbooks.package import Limits, read_package
from stockrights.workbooks.refresh import refresh_workbook

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData>
</worksheet>"""


def _good(path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active.title = "s"
    wb.active["A1"] = 3
    wb.active["A2"] = "=A1*2"
    wb.save(path)
    return path


def _replace_member(source: Path, target: Path, member: str, data: bytes) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, data if info.filename == member else zin.read(info))
    return target


def _not_a_zip(folder: Path) -> Path:
    path = folder / "notes.xlsx"
    path.write_text("this is a text file, not a workbook\n", encoding="utf-8")
    return path


def _truncated(folder: Path) -> Path:
    data = _good(folder / "good.xlsx").read_bytes()
    path = folder / "truncated.xlsx"
    path.write_bytes(data[: len(data) // 2])
    return path


def _encrypted(folder: Path) -> Path:
    # What Excel writes when a password is set ([MS-OFFCRYPTO] 2.3.4): an OLE compound file
    # (the CFB signature) holding the streams EncryptionInfo and EncryptedPackage.
    header = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)
    directory = "EncryptionInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le")
    path = folder / "locked.xlsx"
    path.write_bytes(header + directory + bytes(1024))
    return path


def _old_xls(folder: Path) -> Path:
    path = folder / "old.xls.xlsx"
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(1024))
    return path


def _xml_bomb(folder: Path) -> Path:
    good = _good(folder / "good.xlsx")
    return _replace_member(good, folder / "bomb.xlsx", "xl/worksheets/sheet1.xml", BILLION_LAUGHS)


def _malformed_xml(folder: Path) -> Path:
    good = _good(folder / "good.xlsx")
    return _replace_member(good, folder / "bad.xlsx", "xl/workbook.xml", b"<workbook><sheets>")


def _no_workbook(folder: Path) -> Path:
    path = folder / "empty.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
    return path


def _unknown_function(folder: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active.title = "calc"
    wb.active["A1"] = 2
    wb.active["B7"] = "=SAR_NO_SUCH_THING(A1)+1"
    path = folder / "unknown.xlsx"
    wb.save(path)
    return path


def _cycle(folder: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active.title = "calc"
    wb.active["A1"] = "=A2+1"
    wb.active["A2"] = "=A1+1"
    path = folder / "cycle.xlsx"
    wb.save(path)
    return path


CASES = [
    pytest.param(_not_a_zip, r"is not an xlsx workbook \(not a zip file\)", id="not-a-zip"),
    pytest.param(_truncated, r"is truncated or corrupt \(.+\)", id="truncated"),
    pytest.param(
        _encrypted,
        r"is password-protected \(an encrypted OLE container\); save it without a password",
        id="encrypted",
    ),
    pytest.param(_old_xls, r"is an OLE compound file \(an old \.xls\?\)", id="ole-xls"),
    pytest.param(
        _xml_bomb,
        r"xl/worksheets/sheet1\.xml declares a DTD \(entity expansion: an XML bomb\?\); refused",
        id="xml-bomb",
    ),
    pytest.param(
        _malformed_xml, r"is corrupt: xl/workbook\.xml is not well-formed XML", id="bad-xml"
    ),
    pytest.param(_no_workbook, r"is not an xlsx workbook \(no workbook part\)", id="no-workbook"),
    pytest.param(
        _unknown_function,
        r"formula in calc!B7 calls unknown function SAR_NO_SUCH_THING \(neither an Excel "
        r"function the engine knows nor a registered SAR_ function\)",
        id="unknown-function",
    ),
    pytest.param(_cycle, r"has a circular reference: no value for calc!A1, calc!A2", id="circular"),
]


@pytest.mark.parametrize(("make", "problem"), CASES)
def test_refresh_refuses_with_the_file_and_the_problem(
    tmp_path: Path, make: object, problem: str
) -> None:
    """refresh_workbook raises WorkbookError '<file>: <problem>' and leaves the file untouched."""
    path = make(tmp_path)  # type: ignore[operator]
    before = path.read_bytes()
    with pytest.raises(WorkbookError, match=rf"^{path!s}: {problem}") as info:
        refresh_workbook(book=path)
    assert "\n" not in str(info.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize(("make", "problem"), CASES)
def test_cli_prints_one_line_exits_2_and_writes_nothing(
    tmp_path: Path, make: object, problem: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`stockrights refresh BAD -o OUT`: one stderr line, status 2, OUT never created."""
    path = make(tmp_path)  # type: ignore[operator]
    out = tmp_path / "out.xlsx"
    assert main(["refresh", str(path), "--output", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    kind = _BOOK_FILE_KINDS.get(path.stem)
    if kind is None:  # a zip workbook: what is wrong inside it, from read_package, after BOOK
        assert err.startswith(f"stockrights: error: BOOK {path}: ")
    else:  # not a workbook at all: the one check of every command (workbooks/book_file.py)
        assert err.startswith(
            f"stockrights: error: BOOK must be an .xlsx or .xlsm workbook (a zip archive); "
            f"{path} is not one ({kind}"
        )
    assert not out.exists()


_BOOK_FILE_KINDS = {
    "notes": "a text file)",
    "truncated": "a truncated or damaged zip archive: ",
    "locked": "a password-protected workbook; save it without a password)",
    "old.xls": "an OLE compound file, an old binary .xls; save it as .xlsx)",
    "empty": "a zip archive that holds no workbook)",
}
"""What the command line says of the files that are not workbooks at all (by file stem)."""


def test_xml_bomb_is_refused_quickly(tmp_path: Path) -> None:
    """The billion-laughs part is refused without expanding it (well under a second)."""
    import time

    path = _xml_bomb(tmp_path)
    started = time.perf_counter()
    with pytest.raises(WorkbookError):
        read_package(path)
    assert time.perf_counter() - started < 1.0


def test_zip_bomb_member_over_the_ratio_limit(tmp_path: Path) -> None:
    """A member expanding more than 200 times (and above 1 MiB) is refused before it is read."""
    path = tmp_path / "zipbomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (8 * 2**20))
    with pytest.raises(WorkbookError, match=r"zip member xl/worksheets/sheet1\.xml expands \d+ "):
        read_package(path)


def test_size_limits_name_the_member_and_the_limit(tmp_path: Path) -> None:
    """Smaller limits are enforced as declared: members, bytes per member, bytes in all."""
    path = _good(tmp_path / "good.xlsx")
    with pytest.raises(WorkbookError, match=r"zip members, more than the limit of 3$"):
        read_package(path, limits=Limits(max_members=3))
    with pytest.raises(
        WorkbookError, match=r"expands to [\d,]+ bytes, more than the limit of 100$"
    ):
        read_package(path, limits=Limits(max_member_bytes=100))
    with pytest.raises(WorkbookError, match=r"expands to [\d,]+ bytes in all, more than the limit"):
        read_package(path, limits=Limits(max_total_bytes=1000))


def test_missing_file_and_directory(tmp_path: Path) -> None:
    """A missing path and a directory are named as such."""
    with pytest.raises(WorkbookError, match=r"nope\.xlsx: no such file$"):
        read_package(tmp_path / "nope.xlsx")
    with pytest.raises(WorkbookError, match=r": is not a file$"):
        read_package(tmp_path)


def test_output_with_another_extension_is_refused(tmp_path: Path) -> None:
    """Writing an .xlsx as .xlsm (or the reverse) would lie about the content: refused."""
    path = _good(tmp_path / "good.xlsx")
    with pytest.raises(WorkbookError, match=r"out\.xlsm: must end in \.xlsx like good\.xlsx$"):
        refresh_workbook(book=path, output=tmp_path / "out.xlsm")


def test_a_good_file_reads_its_sheets_in_tab_order(tmp_path: Path) -> None:
    """The sheet map of a sound file: names in tab order, each with its part."""
    wb = openpyxl.Workbook()
    wb.active.title = "第一"
    wb.create_sheet("second")
    buffer = io.BytesIO()
    wb.save(buffer)
    path = tmp_path / "two.xlsx"
    path.write_bytes(buffer.getvalue())
    package = read_package(path)
    assert [s.name for s in package.sheets] == ["第一", "second"]
    assert package.sheet("SECOND").part == "xl/worksheets/sheet2.xml"
    with pytest.raises(WorkbookError, match=r"has no sheet named 'third'$"):
        package.sheet("third")


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("series.csv", "a .csv file"),
        ("notes.txt", "a .txt file"),
        ("book", "a file without an extension"),
    ],
)
@pytest.mark.parametrize("values_only", [False, True])
def test_a_book_that_is_not_a_workbook_is_named_as_the_problem(
    tmp_path: Path, name: str, found: str, values_only: bool
) -> None:
    """`refresh [--values-only] series.csv --output v.xlsx`: BOOK is wrong, not the output.

    Before, the output was blamed ("v.xlsx: must end in .csv like series.csv").
    """
    book = tmp_path / name
    book.write_text("series,allotment_date\n", encoding="utf-8")
    pattern = rf"{name}: BOOK must be an \.xlsx or \.xlsm workbook, not {found}$"
    with pytest.raises(WorkbookError, match=pattern):
        refresh_workbook(book=book, output=tmp_path / "v.xlsx", values_only=values_only)
    with pytest.raises(WorkbookError, match=pattern):
        refresh_workbook(book=book)
    assert not (tmp_path / "v.xlsx").exists()
