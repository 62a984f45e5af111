"""A wrong kind of file where a command wants a workbook: one line, exit 2, nothing written.

Every command that takes a workbook (``refresh``, ``report``, ``notice``, ``audit-pack``,
``import ... --into``, ``register-book --from``, ``disclose``) is given a text file, a CSV, an
empty file, a folder, a missing path, an old binary .xls, a CSV renamed .xlsm and an OpenDocument
.ods. Each must answer with the one check of ``stockrights/workbooks/book_file.py``: the argument
as the user typed it, the rule, the path and what the file is instead, before anything is read
or written. The expected kinds are written out by hand from how each file was made here.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from stockrights.cli import main
from stockrights.errors import InputError
from stockrights.workbooks.book_file import require_output, require_workbook

ROOT = Path(__file__).resolve().parents[1]
YAHOO = ROOT / "tests" / "fixtures" / "importers" / "yahoo.csv"

BOOK_RULE = "an .xlsx or .xlsm workbook (a zip archive)"
REGISTER_RULE = (
    "a folder with series.csv, events.csv and actions.csv, or a register workbook (.xlsx)"
)


def _text(folder: Path) -> Path:
    path = folder / "notes.txt"
    path.write_text("a note, not a workbook\n", encoding="utf-8")
    return path


def _csv(folder: Path) -> Path:
    path = folder / "prices.csv"
    path.write_text("日付,終値\n2017-07-14,2000\n", encoding="cp932")
    return path


def _empty(folder: Path) -> Path:
    path = folder / "empty.xlsx"
    path.write_bytes(b"")
    return path


def _folder(folder: Path) -> Path:
    path = folder / "folder.xlsx"
    path.mkdir()
    return path


def _missing(folder: Path) -> Path:
    return folder / "missing.xlsx"


def _xls(folder: Path) -> Path:
    # the first bytes of every OLE compound file ([MS-CFB] 2.2): what an old .xls starts with
    path = folder / "old.xls"
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(1024))
    return path


def _xlsm_text(folder: Path) -> Path:
    path = folder / "renamed.xlsm"
    path.write_text("series,allotment_date\n", encoding="utf-8")
    return path


def _ods(folder: Path) -> Path:
    # an OpenDocument spreadsheet: a zip whose first member "mimetype" names its type (ODF 1.2
    # part 3, 3.3)
    path = folder / "sheet.ods"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
    return path


KINDS: list[tuple[str, Callable[[Path], Path], str]] = [
    ("text", _text, "a text file"),
    ("csv", _csv, "a text file"),
    ("empty", _empty, "an empty file"),
    ("folder", _folder, "a folder"),
    ("missing", _missing, "no such file"),
    ("xls", _xls, "an OLE compound file, an old binary .xls; save it as .xlsx"),
    ("xlsm", _xlsm_text, "a text file"),
    ("ods", _ods, "an OpenDocument file (spreadsheet); save it as .xlsx"),
]

# command -> (argv with {bad} for the file, the argument as typed, its rule)
COMMANDS: dict[str, tuple[list[str], str, str]] = {
    "refresh": (["refresh", "{bad}", "--output", "out.xlsx"], "BOOK", BOOK_RULE),
    "report": (["report", "{bad}", "--output", "r.pdf"], "BOOK", BOOK_RULE),
    "notice": (["notice", "{bad}", "--output", "n.txt"], "BOOK", BOOK_RULE),
    "audit-pack": (["audit-pack", "{bad}", "--output", "p.xlsx"], "BOOK", BOOK_RULE),
    "import rates": (
        ["import", "rates", str(YAHOO.with_name("jgbcm.cp932.csv")), "--into", "{bad}"],
        "--into",
        BOOK_RULE,
    ),
    "import prices": (["import", "prices", str(YAHOO), "--into", "{bad}"], "--into", BOOK_RULE),
    "register-book": (
        ["register-book", "--from", "{bad}", "--output", "r.xlsx"],
        "--from",
        REGISTER_RULE,
    ),
    "disclose": (
        ["disclose", "{bad}", "--fiscal-year-end", "2023-03-31", "--output", "d.csv"],
        "REGISTER",
        REGISTER_RULE,
    ),
}


def _params() -> list[object]:
    out = []
    for command, (argv, typed, rule) in COMMANDS.items():
        for kind, make, what in KINDS:
            if kind == "folder" and typed in ("REGISTER", "--from"):
                continue  # a folder is a register (of CSV files): see the test below
            out.append(pytest.param(argv, typed, rule, make, what, id=f"{command}-{kind}"))
    return out


@pytest.mark.parametrize(("argv", "typed", "rule", "make", "what"), _params())
def test_a_wrong_kind_of_file_is_one_line_naming_the_argument(
    argv: list[str],
    typed: str,
    rule: str,
    make: Callable[[Path], Path],
    what: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    bad = make(inputs)
    before = {p: p.read_bytes() for p in inputs.rglob("*") if p.is_file()}
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    assert main([part.format(bad=bad) for part in argv]) == 2
    err = capsys.readouterr().err
    assert err == f"stockrights: error: {typed} must be {rule}; {bad} is not one ({what})\n"
    assert list(work.iterdir()) == []  # nothing written
    assert {p: p.read_bytes() for p in inputs.rglob("*") if p.is_file()} == before
    assert sorted(inputs.iterdir()) == sorted([bad] if bad.exists() else [])


@pytest.mark.parametrize("argv", [COMMANDS["register-book"][0], COMMANDS["disclose"][0]])
def test_a_workbook_named_xlsm_is_no_register_workbook(
    argv: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A real workbook saved as .xlsm where the register workbook (.xlsx) goes: save as .xlsx."""
    monkeypatch.chdir(tmp_path)
    book = tmp_path / "register.xlsm"
    openpyxl.Workbook().save(book)
    argv = [part.format(bad=book) for part in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.endswith(f"{book} is not one (a workbook named .xlsm; save it as .xlsx)\n")
    assert not (tmp_path / "r.xlsx").exists()


@pytest.mark.parametrize(
    ("members", "what"),  # a .docx-like zip, an .xlsb, a plain zip
    [
        ({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"}, "holds no workbook"),
        ({"[Content_Types].xml": "<Types/>", "xl/workbook.bin": "\0"}, "a binary .xlsb workbook"),
        ({"readme.txt": "hello"}, "holds no workbook"),
    ],
)
def test_zips_that_are_no_workbook(tmp_path: Path, members: dict[str, str], what: str) -> None:
    path = tmp_path / "book.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    with pytest.raises(InputError, match=rf"^BOOK must be .*; {path} is not one \(.*{what}"):
        require_workbook(path, argument="BOOK")


def test_a_real_workbook_passes_and_the_suffix_is_checked(tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    openpyxl.Workbook().save(book)
    assert require_workbook(book, argument="BOOK") == book
    renamed = book.rename(tmp_path / "book.zip")
    with pytest.raises(InputError, match=r"a workbook named \.zip; save it as \.xlsx\)$"):
        require_workbook(renamed, argument="BOOK")
    with pytest.raises(InputError, match=r"^--output must end in \.xlsx like --into \(b\.xlsx\)"):
        require_output("o.csv", argument="--output", like="b.xlsx", book_argument="--into")


def test_a_password_protected_workbook_is_named_as_such(tmp_path: Path) -> None:
    """An encrypted book is an OLE file holding the stream EncryptedPackage ([MS-OFFCRYPTO])."""
    path = tmp_path / "locked.xlsx"
    directory = "EncryptionInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le")
    # past the first chunk, so that the search carries across chunk boundaries
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(2**20 - 10) + directory)
    with pytest.raises(InputError, match=r"\(a password-protected workbook; save it without"):
        require_workbook(path, argument="BOOK")


@pytest.mark.parametrize(("argv", "typed"), [(COMMANDS[c][0], COMMANDS[c][1]) for c in
                                             ("register-book", "disclose")])  # fmt: skip
def test_a_folder_that_is_no_register_is_named_with_its_argument(
    argv: list[str],
    typed: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A folder is a CSV register; one without series.csv is named with REGISTER or --from."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    argv = [part.format(bad=folder) for part in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"stockrights: error: {typed} {folder}: has no series.csv")
    assert err.count("\n") == 1
    assert not (tmp_path / "r.xlsx").exists()
