"""`stockrights import rates|prices`: the data sheets change, nothing else, and atomically."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import pytest

from stockrights.cli import main
from stockrights.dates import date_to_excel_serial
from stockrights.workbooks import layout
from stockrights.workbooks.cache_writer import sheet_values
from stockrights.workbooks.package import read_package
from stockrights.workbooks.refresh import refresh_workbook

ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "importers"
EXAMPLE = ROOT / "workbooks" / "stockrights_example_7th_series.xlsx"
BLANK = ROOT / "workbooks" / "stockrights_template.xlsx"
DATA = ROOT / "src" / "stockrights" / "data"


def _copy(source: Path, tmp_path: Path, name: str = "book.xlsx") -> Path:
    target = tmp_path / name
    shutil.copyfile(source, target)
    return target


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _column(book: Path, sheet: str, letter: str, rows: range) -> list[object]:
    values = sheet_values(read_package(book), sheet)
    return [values[f"{letter}{r}"] for r in rows if f"{letter}{r}" in values]


def test_import_rates_writes_the_curve_of_the_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Both MOF files, --date 2024-01-05: the current file's row goes into the rates sheet."""
    book = _copy(BLANK, tmp_path)
    status = main(
        [
            "import",
            "rates",
            str(FIXTURES / "jgbcm_all.cp932.csv"),
            str(FIXTURES / "jgbcm.cp932.csv"),
            "--into",
            str(book),
            "--date",
            "2024-01-05",
        ]
    )
    assert status == 0
    rows = layout.RATE_TENORS.rows()
    assert _column(book, layout.RATES, "A", rows) == [
        1,
        2,
        3,
        4,
        5,
        6,
        7,
        8,
        9,
        10,
        15,
        20,
        25,
        30,
        40,
    ]
    yields = _column(book, layout.RATES, "B", rows)
    assert yields[0] == 0.00022
    assert yields[-1] == 0.0191
    out = capsys.readouterr().out  # the Japanese template: the report in Japanese
    assert "2024-01-05 の利回り曲線 (評価日当日の行)" in out
    assert "に書き込み: シート rates、15 行" in out


@pytest.mark.parametrize(
    ("book", "flag", "expected"),
    [
        (BLANK, [], "ja"),
        (BLANK, ["--lang", "en"], "en"),
        (ROOT / "workbooks" / "stockrights_template_en.xlsx", [], "en"),
        (ROOT / "workbooks" / "stockrights_template_en.xlsx", ["--lang", "ja"], "ja"),
    ],
    ids=["ja-book", "ja-book-lang-en", "en-book", "en-book-lang-ja"],
)
def test_the_report_is_in_the_books_language_unless_lang_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], book: Path, flag: list[str], expected: str
) -> None:
    """The book's document language (ja-JP / en-GB) chooses the report's; --lang overrides it.

    The note written into the book stays in the book's language whatever --lang says.
    """
    from openpyxl import load_workbook

    target = _copy(book, tmp_path)
    files = [str(FIXTURES / "jgbcm_all.cp932.csv"), str(FIXTURES / "jgbcm.cp932.csv")]
    args = ["import", "rates", *files, "--into", str(target), "--date", "2024-01-05", *flag]
    assert main(args) == 0
    out = capsys.readouterr().out
    english = "curve of 2024-01-05 (the valuation date's own row)"
    japanese = "2024-01-05 の利回り曲線 (評価日当日の行)"
    assert (english in out, japanese in out) == (expected == "en", expected == "ja")
    assert ("wrote " in out) is (expected == "en")
    note = load_workbook(target)[layout.RATES][layout.RATE_NOTE_CELL].value
    book_japanese = book == BLANK
    assert note.endswith(japanese if book_japanese else english)


def test_import_prices_keeps_every_other_part_byte_for_byte(tmp_path: Path) -> None:
    """Charts, drawings, styles, other sheets: only the prices sheet and workbook.xml change."""
    book = _copy(EXAMPLE, tmp_path)
    before = _members(book)
    assert main(["import", "prices", str(FIXTURES / "broker.cp932.csv"), "--into", str(book)]) == 0
    after = _members(book)
    assert after.keys() == before.keys()
    prices_part = read_package(book).sheet(layout.PRICES).part
    changed = {n for n in before if before[n] != after[n]}
    assert changed <= {prices_part, "xl/workbook.xml"}
    assert any(n.startswith("xl/charts/") for n in after)  # the chart is still there
    rows = layout.PRICE_DATES.rows()
    assert _column(book, layout.PRICES, "A", rows) == [
        date_to_excel_serial(dt.date(2024, 1, d)) for d in (4, 5, 9)
    ]
    assert _column(book, layout.PRICES, "B", rows) == [2498, 2512, 2490]


def test_merge_adds_and_refuses_a_conflict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Yahoo (12-28..01-05) merged onto investing (12-29..01-05, same closes) adds 12-28; a
    different close for a date already there is refused and the book is unchanged.
    """
    book = _copy(BLANK, tmp_path)
    assert main(["import", "prices", str(FIXTURES / "investing_ja.csv"), "--into", str(book)]) == 0
    assert (
        main(["import", "prices", str(FIXTURES / "yahoo.csv"), "--into", str(book), "--merge"]) == 0
    )
    rows = layout.PRICE_DATES.rows()
    assert _column(book, layout.PRICES, "B", rows) == [2496, 2501, 2498, 2512]
    capsys.readouterr()
    bad = tmp_path / "bad.csv"
    bad.write_text("Date,Close\n2024-01-04,2499\n", encoding="utf-8")
    before = book.read_bytes()
    assert main(["import", "prices", str(bad), "--into", str(book), "--merge"]) == 2
    err = capsys.readouterr().err
    assert "--merge refuses a conflicting value for date 2024-01-04: 2498 in the book, 2499" in err
    assert book.read_bytes() == before


def test_a_bad_file_changes_nothing_and_leaves_no_temporary_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One line on stderr naming the file, line and rule; the book's bytes are untouched."""
    book = _copy(EXAMPLE, tmp_path)
    before = book.read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text("日付,終値\n2024/1/4,2498\n2024/1/5,abc\n", encoding="utf-8")
    assert main(["import", "prices", str(bad), "--into", str(book)]) == 2
    err = capsys.readouterr().err
    assert err == "stockrights: error: bad.csv line 3: 終値/Close must be a number, got 'abc'\n"
    assert book.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv", "book.xlsx"]


def test_a_failed_write_leaves_the_book_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure inside the write (disk full) removes the temporary file; the book stays."""
    import stockrights.importers.book as book_module

    book = _copy(EXAMPLE, tmp_path)
    before = book.read_bytes()

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(book_module.zipfile.ZipFile, "writestr", broken)
    with pytest.raises(OSError, match="No space left"):
        main(["import", "prices", str(FIXTURES / "yahoo.csv"), "--into", str(book)])
    assert book.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["book.xlsx"]


def test_more_rows_than_the_sheet_holds_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """PRICE_CAPACITY rows fit; one more is an error naming the capacity."""
    book = _copy(BLANK, tmp_path)
    big = tmp_path / "big.csv"
    start = dt.date(1990, 1, 1)
    lines = ["Date,Close"] + [
        f"{start + dt.timedelta(days=i)},100" for i in range(layout.PRICE_CAPACITY + 1)
    ]
    big.write_text("\n".join(lines), encoding="utf-8")
    assert main(["import", "prices", str(big), "--into", str(book)]) == 2
    err = capsys.readouterr().err
    assert f"prices holds {layout.PRICE_CAPACITY:,} rows" in err
    assert f"got {layout.PRICE_CAPACITY + 1:,} to write" in err


def test_rates_without_a_date_in_a_blank_book_asks_for_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The blank template has no valuation date: --date is needed."""
    book = _copy(BLANK, tmp_path)
    assert main(["import", "rates", str(FIXTURES / "jgbcm.cp932.csv"), "--into", str(book)]) == 2
    assert "--date must be given" in capsys.readouterr().err


def test_output_elsewhere_leaves_the_book_alone(tmp_path: Path) -> None:
    """--output writes a new file; BOOK keeps its bytes."""
    book = _copy(EXAMPLE, tmp_path)
    before = book.read_bytes()
    out = tmp_path / "out" / "new.xlsx"
    assert (
        main(
            [
                "import",
                "rates",
                str(DATA / "example_jgbcm.csv"),
                "--into",
                str(book),
                "--output",
                str(out),
            ]
        )
        == 0
    )
    assert book.read_bytes() == before
    assert out.exists()


def test_jquants_pages_into_the_book(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two pages, the outage day reported as rejected, five closes written."""
    book = _copy(BLANK, tmp_path)
    assert (
        main(
            [
                "import",
                "prices",
                str(FIXTURES / "jquants_v2_page1.json"),
                str(FIXTURES / "jquants_v2_page2.json"),
                "--into",
                str(book),
                "--lang",
                "ja",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "除外 jquants_v2_page2.json 4行目: レコード 1 (2020-10-01)" in out
    assert len(_column(book, layout.PRICES, "B", layout.PRICE_DATES.rows())) == 5


@pytest.mark.slow
def test_example_files_imported_and_refreshed_give_326485(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """README path: import the shipped example files into the example, refresh: 326,485 yen."""
    book = _copy(EXAMPLE, tmp_path)
    assert main(["import", "prices", str(DATA / "example_prices.csv"), "--into", str(book)]) == 0
    assert main(["import", "rates", str(DATA / "example_jgbcm.csv"), "--into", str(book)]) == 0
    out = capsys.readouterr().out
    # the SYNTHETIC series changes basis on the ex-rights date the core derives from the record
    # date 2012-09-30 (a Sunday: B = Fri 09-28; T+3 -> last cum-rights day Tue 09-25; ex 09-26),
    # as the shipped file shows: 2012/9/25 101959.33... then 2012/9/26 518.91...
    # (the example book is Japanese: so is the report, and the action's description)
    assert (
        "株式分割等 1:200 (2012-09-26、終値の変化 101,959 → 518.91): "
        "表と一致: 1:200 の株式分割（公告）" in out
    )
    where = layout.ACTIONS_TABLE.absolute
    assert (
        f"コーポレート・アクション表 (CorporateActions, {where}): 検出した株式分割等はすべて"
        "権利落日が一致します" in out
    )
    assert "株価変動性の算定期間 2005-12-02 ～ 2017-07-14: 終値のない東証営業日 0 日" in out
    report = refresh_workbook(book=book)
    summary = dict(report.summary)
    assert summary["amount per right (yen)"] == 326_485
    assert summary["total amount (yen)"] == 326_485 * 245


def test_dates_get_a_date_format_where_the_column_has_none(tmp_path: Path) -> None:
    """Blank template: its empty date cells are General (a serial would show); the import gives
    them yyyy/mm/dd through a copied style, keeping the input colour.
    """
    from openpyxl import load_workbook

    book = _copy(BLANK, tmp_path)
    before = load_workbook(BLANK)
    assert before[layout.PRICES]["A5"].number_format == "General"
    assert main(["import", "prices", str(FIXTURES / "yahoo.csv"), "--into", str(book)]) == 0
    sheet = load_workbook(book)[layout.PRICES]
    assert [sheet[f"A{r}"].number_format for r in range(5, 9)] == ["yyyy/mm/dd"] * 4
    colour = before[layout.PRICES]["A5"].fill.fgColor.rgb
    assert [sheet[f"A{r}"].fill.fgColor.rgb for r in range(5, 9)] == [colour] * 4


@pytest.mark.parametrize(
    ("area", "expected"),
    [
        ("A1:B5", "'prices'!$A$1:$B$8"),  # covers the data: follows the 4 rows (5-8)
        ("A1:B2", "'prices'!$A$1:$B$2"),  # the title block only: left alone
        ("A1:B9000", "'prices'!$A$1:$B$9000"),  # already beyond: left alone
    ],
)
def test_the_print_area_follows_the_rows_only_when_it_covers_the_data(
    tmp_path: Path, area: str, expected: str
) -> None:
    """A data sheet printed as its title block only stays so after an import."""
    from openpyxl import load_workbook

    wb = load_workbook(BLANK)
    wb[layout.PRICES].print_area = area
    book = tmp_path / "book.xlsx"
    wb.save(book)
    assert main(["import", "prices", str(FIXTURES / "yahoo.csv"), "--into", str(book)]) == 0
    assert load_workbook(book)[layout.PRICES].print_area == expected


def test_rates_merge_adds_tenors_and_refuses_another_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The example's curve merged with itself is accepted; another day's curve is refused."""
    book = _copy(EXAMPLE, tmp_path)
    rates = str(DATA / "example_jgbcm.csv")
    assert main(["import", "rates", rates, "--into", str(book), "--merge", "--lang", "en"]) == 0
    assert "merged with 15 rows already there" in capsys.readouterr().out
    before = book.read_bytes()
    args = ["import", "rates", rates, "--into", str(book), "--merge", "--date", "2017-07-13"]
    assert main(args) == 2
    # 2017-07-13's 1-year yield is -0.11 %, the book holds 2017-07-14's -0.10 %
    assert "for tenor 1 years: -0.001 in the book, -0.0011 imported" in capsys.readouterr().err
    assert book.read_bytes() == before


def test_a_mix_of_json_and_csv_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Several files only as J-Quants pages."""
    book = _copy(BLANK, tmp_path)
    files = [str(FIXTURES / "jquants_v2_page1.json"), str(FIXTURES / "yahoo.csv")]
    assert main(["import", "prices", *files, "--into", str(book)]) == 2
    assert "FILE must be one CSV/XLSX export, or one or more J-Quants .json pages" in (
        capsys.readouterr().err
    )


def test_an_xlsx_that_is_not_a_workbook_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A renamed CSV: the package checks name the file and the problem."""
    book = _copy(BLANK, tmp_path)
    fake = tmp_path / "prices.xlsx"
    fake.write_text("Date,Close\n", encoding="utf-8")
    assert main(["import", "prices", str(fake), "--into", str(book)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("stockrights: error: ")
    assert "prices.xlsx: is not an xlsx workbook (not a zip file)" in err
    assert err.count("\n") == 1


def test_the_rates_sheet_says_which_files_and_row_the_curve_is(tmp_path: Path) -> None:
    """layout.RATE_NOTE_CELL holds the source files and the row used, in --lang."""
    from openpyxl import load_workbook

    book = _copy(BLANK, tmp_path)
    files = [str(FIXTURES / "jgbcm_all.cp932.csv"), str(FIXTURES / "jgbcm.cp932.csv")]
    args = ["import", "rates", *files, "--into", str(book), "--date", "2024-01-03", "--lang", "ja"]
    assert main(args) == 0
    note = load_workbook(book)[layout.RATES][layout.RATE_NOTE_CELL].value
    assert note == (
        "MOF 国債金利情報 (jgbcm_all.cp932.csv, jgbcm.cp932.csv): 2023-12-29 の利回り曲線: "
        "評価日 2024-01-03 の行がないため、その前の直近の行 (5 日前)"
    )


def test_the_import_checks_against_the_actions_ex_rights_dates(tmp_path: Path) -> None:
    """The book's actions give the days the closes change basis: derived from the record dates
    (2020-12-31 Thu, B = 12-30 as 12-31 is an exchange holiday, T+2 -> ex 12-29; 2022-09-30 Fri,
    T+2 -> ex 09-29), or typed in column H (here 2012-09-27 for the 1:200 split), with order.
    """
    import openpyxl

    from stockrights.importers.book import book_context

    wb = openpyxl.load_workbook(EXAMPLE)
    ws = wb[layout.ADJUSTMENTS]
    first = layout.ACTIONS_TABLE.rows()[0]
    ws[f"H{first}"] = dt.date(2012, 9, 27)
    ws[f"F{first}"] = 1
    book = tmp_path / "typed_ex.xlsx"
    wb.save(book)
    context = book_context(book)
    assert context.price_splits == (
        (dt.date(2012, 9, 27), 200.0),
        (dt.date(2020, 12, 29), 2.0),
        (dt.date(2022, 9, 29), 2.0),
    )
    assert context.actions is not None
    assert context.actions[0].order == 1
