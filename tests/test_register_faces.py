"""The register's CSV layout, the disclose command and its CSV / XLSX outputs."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from stockrights.cli import main
from stockrights.disclosure import disclose
from stockrights.errors import InputError, StockRightsError
from stockrights.registers.csv_io import read_register_csv, write_register_csv

EXAMPLE = Path(__file__).resolve().parents[1] / "workbooks" / "register_example"


def _facts(path: Path) -> dict[tuple[str, str], str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# stockrights disclosure csv 1"
    return {(r["series"], r["item"]): r["value"] for r in csv.DictReader(lines[1:])}


def test_example_register_round_trips_through_csv(tmp_path: Path) -> None:
    """CSV -> register -> CSV -> register: the same disclosure, and the same files."""
    first = read_register_csv(EXAMPLE)
    write_register_csv(first, tmp_path)
    second = read_register_csv(tmp_path)
    for name in ("series.csv", "events.csv", "actions.csv"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (EXAMPLE / name).read_text(
            encoding="utf-8"
        )
    a = disclose(first, fiscal_year_end="2023-03-31").facts()
    b = disclose(second, fiscal_year_end="2023-03-31").facts()
    assert a == b


def test_disclose_csv_for_the_year_after_the_2022_split(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """7th series, FY ended 2023-03-31, 800 shares a right at the year end.

    Rights at 2022-03-31: 245 - 21 (2019) - 14 (2021) = 210 -> 168,000 shares; exercised 7 + 4 =
    11 -> 8,800; lapsed 3 -> 2,400; outstanding 196 -> 156,800.
    Average price: 7 rights at 2,600 pre-split (1,300 restated) and 4 at 2,550:
    (7 x 1,300 + 4 x 2,550) / 11 = 19,300 / 11 = 1,754.5 -> 1,755.
    Fair value 1,632.425 x 200 / 800 = 408.10625 -> 408.11; issue 409.11;
    capital ceil(204.555) = 205.
    Gain: 3 x ceil(1,632.425 x 200 = 326,485) = 979,455 (7th) + 2 x 410,150 = 820,300 (8th).
    Expense: 12th series granted 120 rights x 2,410 x 100 = 28,920,000.
    """
    out = tmp_path / "d.csv"
    assert (
        main(["disclose", str(EXAMPLE), "--fiscal-year-end", "2023-03-31", "--output", str(out)])
        == 0
    )
    f = _facts(out)
    s7 = "第7回新株予約権"
    assert f[(s7, "options.vested.beginning")] == "168000"
    assert f[(s7, "options.vested.exercised")] == "8800"
    assert f[(s7, "options.vested.lapsed")] == "2400"
    assert f[(s7, "options.vested.outstanding")] == "156800"
    assert f[(s7, "price.average_at_exercise")] == "1755"
    assert f[(s7, "price.fair_value_at_grant")] == "408.11"
    assert f[(s7, "status.rights")] == "196"
    assert f[(s7, "status.issue_price")] == "409.11"
    assert f[(s7, "status.capital_per_share")] == "205"
    assert f[("", "accounting.lapse_gain")] == str(979_455 + 820_300)
    assert f[("", "accounting.expense")] == "28920000"
    assert f[("第12回新株予約権", "options.unvested.granted")] == "24000"
    assert "wrote" in capsys.readouterr().out


def test_disclose_xlsx_in_japanese(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "d.xlsx"
    assert (
        main(["disclose", str(EXAMPLE), "--fiscal-year-end", "2023-03-31", "--output", str(out)])
        == 0
    )
    book = load_workbook(out)
    assert book.sheetnames == ["ストック・オプション等関係", "新株予約権等の状況", "仕訳"]
    values = [c.value for row in book["ストック・オプション等関係"].iter_rows() for c in row]
    assert "未行使残" in values
    assert 156_800 in values
    assert any(isinstance(v, str) and "株式分割" in v for v in values)


def test_journal_dates_fit_their_column(tmp_path: Path) -> None:
    """A date with a two-digit month and day fits its column on one line.

    "2022年11月30日" is 14 columns wide (4 digits, 3 full-width characters of 2, 3 pairs of
    digits); its row was made two lines high and rendered with an empty line under it.
    """
    from openpyxl import load_workbook

    out = tmp_path / "d.xlsx"
    args = ["disclose", str(EXAMPLE), "--fiscal-year-end", "2023-03-31", "--output", str(out)]
    assert main(args) == 0
    sheet = load_workbook(out)["仕訳"]
    rows = {c.value: c.row for c in sheet["A"] if isinstance(c.value, str)}
    assert "2022年11月30日" in rows
    assert sheet.row_dimensions[rows["2022年11月30日"]].height is None
    assert all(d.height is None for d in sheet.row_dimensions.values())  # nothing wraps here


def test_disclose_summary_and_bad_input_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["disclose", str(EXAMPLE), "--fiscal-year-end", "2023-03-31"]) == 0
    assert "156,800" in capsys.readouterr().out
    broken = tmp_path / "reg"
    shutil.copytree(EXAMPLE, broken)
    events = broken / "events.csv"
    events.write_text(
        events.read_text(encoding="utf-8").replace(
            "2023-01-10,第7回新株予約権,exercise,4", "2023-01-10,第7回新株予約権,exercise,400"
        ),
        encoding="utf-8",
    )
    assert main(["disclose", str(broken), "--fiscal-year-end", "2023-03-31"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        "stockrights: error: series 第7回新株予約権, 2023-01-10: exercise of 400 rights exceeds "
        "the 200 outstanding (rule: outstanding)"
    )


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "events.csv",
            ",exercise,30,",
            ",exercise,-3,",
            "events.csv row 3, column rights: rights must be >= 1, got -3",
        ),
        (
            "events.csv",
            "2018-06-29",
            "2018-06-31",
            "events.csv row 3, column date: date must be an ISO date (2017-07-14), "
            "got '2018-06-31'",
        ),
        (
            "events.csv",
            ",exercise,30,",
            ",sold,30,",
            "events.csv row 3, column kind: kind must be one of exercise, lapse, forfeit, "
            "cancel, got 'sold'",
        ),
        (
            "series.csv",
            ",250,200,",
            ",250,0,",
            "series.csv row 3: series 第6回新株予約権: shares_per_right must be >= 1, got 0",
        ),
        (
            "actions.csv",
            "split,2,2020-12-31",
            "split,0.5,2020-12-31",
            "actions.csv row 4: ratio must be > 1 for a split (shares after / shares before; use "
            "consolidation for fewer shares), got 0.5",
        ),
        (
            "series.csv",
            "# stockrights register csv 1",
            "# stockrights register csv 5",
            "series.csv row 1: the version line must be '# stockrights register csv 1' or "
            "'# stockrights register csv 2' or '# stockrights register csv 3' or "
            "'# stockrights register csv 4', got '# stockrights register csv 5'",
        ),
        (
            "events.csv",
            "date,series",
            "day,series",
            "events.csv row 2: unknown column 'day' (allowed: date, series, kind, rights, "
            "share_price, shares, holder, treasury_shares, treasury_cost)",
        ),
    ],
)
def test_csv_cell_errors_name_file_row_and_column(
    tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    folder = tmp_path / "reg"
    shutil.copytree(EXAMPLE, folder)
    path = folder / file
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_register_csv(folder)
    assert str(err.value) == message


def test_blank_share_price_is_looked_up_in_prices_csv(tmp_path: Path) -> None:
    folder = tmp_path / "reg"
    shutil.copytree(EXAMPLE, folder)
    events = folder / "events.csv"
    events.write_text(
        events.read_text(encoding="utf-8").replace(
            "2023-01-10,第7回新株予約権,exercise,4,2550", "2023-01-10,第7回新株予約権,exercise,4,"
        ),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="share_price must be given"):
        disclose(read_register_csv(folder), fiscal_year_end="2023-03-31")
    (folder / "prices.csv").write_text("date,close\n2023-01-10,2550\n", encoding="utf-8")
    d = disclose(read_register_csv(folder), fiscal_year_end="2023-03-31")
    assert d.prices[1].average_at_exercise == 1755
    (folder / "prices.csv").write_text("date,close\n2023-01-11,2550\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"prices\.csv has no close on 2023-01-10"):
        read_register_csv(folder)


# --- the register workbook ------------------------------------------------------------------


BOOK = EXAMPLE.parent / "stockrights_register.xlsx"


def test_round_trip_csv_register_workbook_register(tmp_path: Path) -> None:
    """CSV -> register -> workbook -> register: the same rows and the same disclosure."""
    from stockrights.registers.register_book import read_register_book, write_register_book

    first = read_register_csv(EXAMPLE)
    for lang in ("ja", "en"):
        book = write_register_book(first, tmp_path / f"r_{lang}.xlsx", lang=lang)
        second = read_register_book(book)
        assert list(second.event_rows()) == list(first.event_rows())
        assert second.series == first.series
        assert second.actions == first.actions
        a = disclose(first, fiscal_year_end="2023-03-31").facts()
        assert disclose(second, fiscal_year_end="2023-03-31").facts() == a


def test_committed_register_workbook_holds_the_example() -> None:
    """workbooks/stockrights_register.xlsx is the example register (regenerate: README line)."""
    from stockrights.registers.register_book import read_register_book

    book = read_register_book(BOOK)
    example = read_register_csv(EXAMPLE)
    assert book.series == example.series
    assert list(book.event_rows()) == list(example.event_rows())


def test_disclose_reads_the_register_workbook(tmp_path: Path) -> None:
    out = tmp_path / "d.csv"
    assert (
        main(["disclose", str(BOOK), "--fiscal-year-end", "2023-03-31", "--output", str(out)]) == 0
    )
    assert _facts(out)[("第7回新株予約権", "options.vested.outstanding")] == "156800"


def test_workbook_errors_name_sheet_row_and_column(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from stockrights.registers.register_book import read_register_book

    book = load_workbook(BOOK)
    book["イベント"]["D6"] = "two"
    bad = tmp_path / "bad.xlsx"
    book.save(bad)
    with pytest.raises(InputError) as err:
        read_register_book(bad)
    assert str(err.value) == (
        "イベント sheet row 6, column rights: rights must be a whole number, got 'two'"
    )
    book = load_workbook(BOOK)
    book["説明"]["B3"] = 5
    book.save(bad)
    with pytest.raises(InputError, match=r"layout version\) must be 1, 2, 3 or 4, got .5."):
        read_register_book(bad)
    (tmp_path / "not.xlsx").write_text("hello", encoding="utf-8")
    with pytest.raises(StockRightsError, match=r"not\.xlsx: is not an xlsx workbook"):
        read_register_book(tmp_path / "not.xlsx")


def test_a_workbook_claiming_a_huge_dimension_reads_only_its_cells(tmp_path: Path) -> None:
    """A sheet whose <dimension> claims A1:XFD1048576 is read by its real cells, not padded."""
    import re
    import tracemalloc
    import zipfile

    from stockrights.registers.register_book import read_register_book

    bad = tmp_path / "huge.xlsx"
    with zipfile.ZipFile(BOOK) as src, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(
                    rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', data
                )
            dst.writestr(item, data)
    tracemalloc.start()
    register = read_register_book(bad)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(register.series) == 4
    assert peak < 50_000_000  # padded rows would need gigabytes


def test_docs_show_what_the_command_prints(capsys: pytest.CaptureFixture[str]) -> None:
    """The summary in docs/register.md §1 is the command's real output."""
    assert main(["disclose", str(EXAMPLE), "--fiscal-year-end", "2023-03-31"]) == 0
    printed = capsys.readouterr().out.strip()
    docs = (EXAMPLE.parents[1] / "docs" / "register.md").read_text(encoding="utf-8")
    assert printed in docs


def test_english_and_non_consolidated_labels(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "en.xlsx"
    args = ["disclose", str(EXAMPLE), "--fiscal-year-end", "2023-03-31", "--output", str(out)]
    assert main([*args, "--lang", "en", "--non-consolidated"]) == 0
    values = [c.value for row in load_workbook(out)["Stock options"].iter_rows() for c in row]
    assert "Outstanding" in values
    assert "End of prior year" in values
    ja = tmp_path / "ja.xlsx"
    args[-1] = str(ja)
    assert main([*args, "--non-consolidated"]) == 0
    values = [
        c.value for row in load_workbook(ja)["ストック・オプション等関係"].iter_rows() for c in row
    ]
    assert "前事業年度末" in values
    assert "前連結会計年度末" not in values


def test_reading_csv_and_disclosing_need_no_workbook_library() -> None:
    """The CSV face and the summary run without the workbook extra (openpyxl, formulas, lxml)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from stockrights.cli import main\n"
        f"assert main(['disclose', {str(EXAMPLE)!r}, '--fiscal-year-end', '2023-03-31']) == 0\n"
        "heavy = {'openpyxl', 'formulas', 'lxml'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_disclose_csv_journal_of_the_7th_series_by_hand(tmp_path: Path) -> None:
    """The example's FY2022 journal of the 7th series, re-performed by hand.

    Amount per right ceil(1,632.425 x 200) = 326,485 yen (clause (12)).
    2022-06-30, 7 rights at 400 shares a right (after the 2021 split), 1 yen a share:
    cash 7 x 400 = 2,800; rights 7 x 326,485 = 2,285,395; capital increase 2,288,195,
    capital stock ceil(1,144,097.5) = 1,144,098 (clause (6)), reserve 1,144,097.
    2022-07-08, lapse of 3 rights: 3 x 326,485 = 979,455 to gain on lapsed rights.
    2023-01-10, 4 rights at 800 shares: cash 3,200; rights 1,305,940; capital 654,570 each.
    Balance at the year end: 196 rights x 326,485 = 63,991,060.
    """
    out = tmp_path / "d.csv"
    main(["disclose", str(EXAMPLE), "--fiscal-year-end", "2023-03-31", "--output", str(out)])
    f = {k: v for k, v in _facts(out).items() if k[0] == "第7回新株予約権"}
    entries = {(item, v) for (_, item), v in f.items() if item.startswith("journal.")}
    n = {v: item.split(".")[1] for item, v in entries if item.endswith(".date")}
    first, lapse, last = n["2022-06-30"], n["2022-07-08"], n["2023-01-10"]
    assert len(n) == 3  # no other entry for the 7th series in the year
    assert (f"journal.{first}.cash_and_deposits.debit", "2800") in entries
    assert (f"journal.{first}.stock_acquisition_rights.debit", "2285395") in entries
    assert (f"journal.{first}.capital_stock.credit", "1144098") in entries
    assert (f"journal.{first}.capital_reserve.credit", "1144097") in entries
    assert (f"journal.{lapse}.stock_acquisition_rights.debit", "979455") in entries
    assert (f"journal.{lapse}.gain_on_lapse.credit", "979455") in entries
    assert (f"journal.{last}.cash_and_deposits.debit", "3200") in entries
    assert (f"journal.{last}.stock_acquisition_rights.debit", "1305940") in entries
    assert (f"journal.{last}.capital_stock.credit", "654570") in entries
    assert (f"journal.{last}.capital_reserve.credit", "654570") in entries
    assert f[("第7回新株予約権", "accounting.balance_end")] == "63991060"
