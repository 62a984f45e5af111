"""CSV and XLSX exports of daily closes: headers, dates, numbers, encodings, order, checks."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stockrights import CorporateAction
from stockrights.importers import ImportFileError, read_price_table

FIXTURES = Path(__file__).parent / "fixtures" / "importers"
D = dt.date


def test_investing_export_bom_quotes_thousands_newest_first() -> None:
    """Quoted "2,512.0" is 2512; rows are reversed to oldest first, and the report says so."""
    history = read_price_table(FIXTURES / "investing_ja.csv")
    assert history.dates == (D(2023, 12, 29), D(2024, 1, 4), D(2024, 1, 5))
    assert history.closes == (2501.0, 2498.0, 2512.0)
    assert "newest first" in str(history.report.notes[0])
    assert history.report.format.startswith("CSV, UTF-8 with BOM, columns 日付, 終値")
    # the format line of a Japanese report, through the catalogue (列 = columns)
    assert history.report.read_as("ja").startswith("CSV, UTF-8 with BOM、列 日付, 終値")
    assert history.report.lines("ja")[0].startswith("株価: investing_ja.csv を読み込み (CSV, ")


def test_yahoo_uses_close_not_adj_close_unless_asked() -> None:
    """Adj Close includes dividends: Close is used and the choice is stated."""
    history = read_price_table(FIXTURES / "yahoo.csv")
    assert history.closes == (2496.0, 2501.0, 2498.0, 2512.0)
    assert "the adjusted close was not used" in str(history.report.basis)
    adjusted = read_price_table(FIXTURES / "yahoo.csv", basis="adjusted")
    assert adjusted.closes == (2429.3, 2434.2, 2431.2, 2444.9)
    assert adjusted.adjusted


def test_broker_cp932_with_an_empty_close_on_a_holiday() -> None:
    """2024/1/8 (成人の日) has no close: left out and reported with its line."""
    history = read_price_table(FIXTURES / "broker.cp932.csv")
    assert history.dates == (D(2024, 1, 4), D(2024, 1, 5), D(2024, 1, 9))
    assert history.closes == (2498.0, 2512.0, 2490.0)
    (rejected,) = history.report.rejected
    assert (rejected.where, rejected.reason) == (
        "broker.cp932.csv line 4",
        "no close on 2024-01-08 (empty)",
    )
    assert "cp932" in history.report.format


def test_era_dates_across_the_2019_change() -> None:
    """平成31年4月25日, H31.4.26, R1.5.7, 令和元年5月8日."""
    history = read_price_table(FIXTURES / "era_dates.csv")
    assert history.dates == (D(2019, 4, 25), D(2019, 4, 26), D(2019, 5, 7), D(2019, 5, 8))


def test_a_ticker_line_above_the_header_is_skipped() -> None:
    """Bloomberg BDH paste: '7203 JT Equity', then Date,PX_LAST."""
    history = read_price_table(FIXTURES / "bloomberg.csv")
    assert history.closes == (2498.0, 2512.0)


def test_xlsx_export_with_dates_and_serials(tmp_path: Path) -> None:
    """Excel dates and 1900-system serials (45296 = 2024-01-05) are both read."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["日付", "終値(円)"])
    ws.append([dt.datetime(2024, 1, 4), 2498])
    # 45296 - 25569 (serial of 1970-01-01) = 19727 days; 2024-01-01 is day 54 x 365 + 13 leap
    # days = 19723, so 19727 is 2024-01-05
    ws.append([45296, "2,512"])
    path = tmp_path / "export.xlsx"
    wb.save(path)
    history = read_price_table(path)
    assert history.dates == (D(2024, 1, 4), D(2024, 1, 5))
    assert history.closes == (2498.0, 2512.0)


def _csv(tmp_path: Path, text: str, name: str = "x.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_layout_lists_found_and_expected_columns(tmp_path: Path) -> None:
    """One line: the columns found and the ones expected."""
    path = _csv(tmp_path, "Day,Last\n2024-01-04,1\n")
    with pytest.raises(
        ImportFileError,
        match=r"x\.csv: unknown layout: columns found Day, Last; expected a date column "
        r"\(日付, 日付け, 年月日 or Date\) and a close column",
    ):
        read_price_table(path)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("2024-01-04,abc\n", r"x\.csv line 2: 終値/Close must be a number, got 'abc'"),
        # number text the core refuses: not 200, 15, 1000 or 1.0005 (issue 8's class)
        ('2024-01-04,"2 00"\n', r"line 2: 終値/Close must be a number \(thousands .*'2 00'"),
        ('2024-01-04,"1,5"\n', r"line 2: 終値/Close must be a number \(thousands .*'1,5'"),
        ("2024-01-04,1_000\n", r"line 2: 終値/Close must be a number \(thousands .*'1_000'"),
        ('2024-01-04,"1.000,5"\n', r"line 2: 終値/Close must be a number \(thousands .*"),
        ("2024-01-04,1¥2\n", r"line 2: 終値/Close must be a number \(thousands .*'1¥2'"),
        ("2024-01-04,35%\n", r"line 2: 終値/Close must be a number, got '35%'"),
        ("2024-01-04,0\n", r"line 2: 終値/Close must be > 0, got 0"),
        ("2024-02-30,1\n", r"line 2: date must be a real date, got '2024-02-30'"),
        ("H31.5.7,1\n", r"line 2: date must fall inside its era \(Heisei"),
        ("2024-01-04,1\n2024-01-04,2\n", r"line 3: date must not repeat"),
        ("2024-01-04,1\n2024-01-09,2\n2024-01-05,3\n", r"line 4: date must keep one order"),
    ],
)
def test_bad_rows_are_one_line_errors(tmp_path: Path, body: str, message: str) -> None:
    """File, line and rule."""
    path = _csv(tmp_path, "Date,Close\n" + body)
    with pytest.raises(ImportFileError, match=message) as info:
        read_price_table(path)
    assert "\n" not in str(info.value)


def test_an_html_page_is_refused(tmp_path: Path) -> None:
    """Stooq sometimes answers with HTML."""
    path = _csv(tmp_path, "<html><body>limit</body></html>")
    with pytest.raises(ImportFileError, match=r"x\.csv line 1: is an HTML or XML page"):
        read_price_table(path)


def test_window_and_calendar_checks(tmp_path: Path) -> None:
    """Window 2024-01-04..10: 01-10 is a session without a close (01-08 was 成人の日, no
    session); a close on Saturday 2024-01-06 is a close on a non-trading day.
    """
    path = _csv(
        tmp_path, "Date,Close\n2024-01-04,10\n2024-01-05,11\n2024-01-06,11\n2024-01-09,12\n"
    )
    report = read_price_table(path, window=("2024-01-04", "2024-01-10")).report
    assert report.missing_trading_days == (D(2024, 1, 10),)
    assert report.non_trading_closes == (D(2024, 1, 6),)


def test_a_jump_matching_a_split_ratio_is_checked_against_the_table(tmp_path: Path) -> None:
    """2,000 -> 1,010 (ratio 1.98, near 2) on 2024-01-09: a suspected 1:2 split."""
    path = _csv(tmp_path, "Date,Close\n2024-01-04,2000\n2024-01-05,2010\n2024-01-09,1010\n")
    alone = read_price_table(path).report.splits
    assert [(s.date, s.ratio) for s in alone] == [(D(2024, 1, 9), 2.0)]
    table = (CorporateAction(kind="split", ratio=2, record_date="2024-01-10"),)
    assert read_price_table(path, actions=table).report.splits[0].matched == table[0]
    far = (CorporateAction(kind="split", ratio=2, record_date="2024-06-30"),)
    flagged = read_price_table(path, actions=far).report.splits[0]
    assert flagged.matched is None
    assert flagged.table_given


def test_an_ordinary_limit_move_is_not_a_split(tmp_path: Path) -> None:
    """-25 % in a day (a limit move) is below the 1.4x threshold."""
    path = _csv(tmp_path, "Date,Close\n2024-01-04,2000\n2024-01-05,1500\n")
    assert read_price_table(path).report.splits == ()


def test_the_report_reads_in_japanese_and_english() -> None:
    """Every sentence comes from the catalogue in both languages."""
    report = read_price_table(FIXTURES / "broker.cp932.csv").report
    ja = "\n".join(report.lines("ja"))
    en = "\n".join(report.lines("en"))
    assert "行数: 読込 4、採用 3、除外 1" in ja
    assert "rows: 4 read, 3 used, 1 rejected" in en


# --- round trip: any accepted dialect reads back what was written --------------------------------

_DATE_FORMS = {
    "slash": lambda d: f"{d.year}/{d.month}/{d.day}",
    "iso": lambda d: d.isoformat(),
    "kanji": lambda d: f"{d.year}年{d.month}月{d.day}日",
    "padded": lambda d: f"{d.year}/{d.month:02d}/{d.day:02d}",
    "era": lambda d: (
        f"R{d.year - 2018}.{d.month}.{d.day}"
        if d >= D(2019, 5, 1)
        else f"H{d.year - 1988}.{d.month}.{d.day}"
    ),
}


@settings(max_examples=60, deadline=None)
@given(
    days=st.lists(
        st.dates(min_value=D(1990, 1, 1), max_value=D(2030, 12, 31)),
        min_size=1,
        max_size=30,
        unique=True,
    ),
    cents=st.lists(st.integers(1, 10**9), min_size=30, max_size=30),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp932"]),
    english=st.booleans(),
    date_form=st.sampled_from(sorted(_DATE_FORMS)),
    grouped=st.booleans(),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
    newest_first=st.booleans(),
    terminator=st.sampled_from(["\n", "\r\n"]),
)
def test_round_trip_in_any_accepted_dialect(
    tmp_path_factory: pytest.TempPathFactory,
    days: list[dt.date],
    cents: list[int],
    encoding: str,
    english: bool,
    date_form: str,
    grouped: bool,
    quoting: int,
    newest_first: bool,
    terminator: str,
) -> None:
    """Dates and closes (to the sen) come back exactly, oldest first."""
    days = sorted(days)
    closes = [c / 100 for c in cents[: len(days)]]
    rows = list(zip(days, closes, strict=True))
    if newest_first:
        rows.reverse()
    out = io.StringIO()
    writer = csv.writer(out, quoting=quoting, lineterminator=terminator)
    writer.writerow(["Date", "Open", "Close"] if english else ["日付", "始値", "終値"])
    for day, close in rows:
        text = f"{close:,.2f}" if grouped else f"{close:.2f}"
        writer.writerow([_DATE_FORMS[date_form](day), "1", text])
    path = tmp_path_factory.mktemp("rt") / "prices.csv"
    path.write_bytes(out.getvalue().encode(encoding))
    history = read_price_table(path)
    assert history.dates == tuple(days)
    assert history.closes == tuple(closes)


def test_price_split_table_check_both_ways(tmp_path: Path) -> None:
    """Unadjusted closes need the jump's split in the table; adjusted closes must not have one."""
    from stockrights.importers.report import price_split_check

    path = _csv(tmp_path, "Date,Close\n2024-01-04,2000\n2024-01-05,2010\n2024-01-09,1010\n")
    history = read_price_table(path)
    common = dict(first=D(2024, 1, 4), last=D(2024, 1, 9), where="CorporateActions")
    found = history.report.splits
    ok = price_split_check(
        found=found, adjusted=False, price_splits=[(D(2024, 1, 9), 2.0)], **common
    )
    assert [str(t) for t in ok] == [
        "corporate-action table (CorporateActions): its ex-rights dates hold every split found"
    ]
    (missing,) = price_split_check(found=found, adjusted=False, price_splits=[], **common)
    assert str(missing).startswith(
        "corporate-action table (CorporateActions) has no 1:2 quoted ex-rights near 2024-01-09"
    )
    (twice,) = price_split_check(
        found=(), adjusted=True, price_splits=[(D(2024, 1, 5), 2.0), (D(2030, 1, 1), 2.0)], **common
    )
    assert "has 1:2 quoted ex-rights on 2024-01-05, inside adjusted closes" in str(twice)


def test_utf16_tab_separated_unicode_text(tmp_path: Path) -> None:
    """Excel's 'Unicode text' export: UTF-16 with BOM, tab-separated."""
    path = tmp_path / "unicode.txt"
    path.write_bytes("日付\t終値\r\n2024/1/4\t2498\r\n".encode("utf-16"))
    history = read_price_table(path)
    assert history.closes == (2498.0,)
    assert history.report.format.startswith("CSV, UTF-16")


def test_a_bad_byte_far_into_a_large_file_names_its_line(tmp_path: Path) -> None:
    """The encoding is checked in 1 MiB chunks: the line count must carry across chunks."""
    rows = [f"{dt.date(1990, 1, 1) + dt.timedelta(days=i)},{100 + i % 50}" for i in range(70_000)]
    body = ("Date,Close\n" + "\n".join(rows) + "\n").encode("ascii")
    assert len(body) > 2**20  # past the first chunk
    path = tmp_path / "big.csv"
    path.write_bytes(body + b"2182-01-01,\x81\x20\n")  # 0x81 0x20: not UTF-8, not cp932
    with pytest.raises(ImportFileError, match=r"big\.csv line 70002: must be UTF-8 or cp932"):
        read_price_table(path)


def test_a_long_list_of_rejected_rows_is_shortened_in_both_languages(tmp_path: Path) -> None:
    """Ten empty closes: eight are listed, then '... 2 more' / '... ほか 2 件'."""
    body = "".join(f"2024-02-{d:02d},\n" for d in range(1, 11)) + "2024-02-13,100\n"
    report = read_price_table(_csv(tmp_path, "Date,Close\n" + body)).report
    assert len(report.rejected) == 10
    en, ja = report.lines("en"), report.lines("ja")
    assert en[3:11] == [
        f"  rejected x.csv line {n}: no close on 2024-02-{n - 1:02d} (empty)" for n in range(2, 10)
    ]
    assert "  ... 2 more" in en
    assert "  ... ほか 2 件" in ja
    assert "  除外 x.csv 2行目: 2024-02-01 の終値がありません (空欄)" in ja


def test_xlsx_export_of_30_years_and_20_columns_is_read(tmp_path: Path) -> None:
    """30 x 366 = 10,980 rows of 20 columns (219,600 cells): over a workbook's default limit of
    200,000 cells, within the importer's limits for a 30-year export; every close is read.
    """
    from openpyxl import Workbook

    from stockrights.workbooks.errors import WorkbookError
    from stockrights.workbooks.package import read_package

    rows = 30 * 366
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(["Date", "Close"] + [f"field {i}" for i in range(18)])
    first = dt.date(1995, 1, 2)
    for i in range(rows - 1):
        ws.append([first + dt.timedelta(days=i), 1000 + i % 97] + [i] * 18)
    path = tmp_path / "export.xlsx"
    wb.save(path)
    with pytest.raises(WorkbookError, match=r"has 219,600 cells, more than the limit of 200,000"):
        read_package(path)
    history = read_price_table(path)
    assert len(history.closes) == rows - 1
    assert history.dates[0] == first
    assert history.closes[0] == 1000.0
    # the last row is i = 10,978: 10,978 = 97 x 113 + 17, so its close is 1,017
    assert history.dates[-1] == first + dt.timedelta(days=rows - 2)
    assert history.closes[-1] == 1017.0


def test_a_report_in_japanese_has_no_english_of_the_core() -> None:
    """A split matched to an action without a description names its clause (3) rule in the
    report's language; a long list of dates ends with "and N more" / "ほか N 日".
    """
    from stockrights.glossary import Lang
    from stockrights.importers.report import FoundSplit, ImportReport, text

    action = CorporateAction(kind="split", ratio=2, record_date="2020-12-31")
    found = FoundSplit(
        date=dt.date(2020, 12, 29),
        ratio=2.0,
        source=text("source_factor", factor=0.5),
        matched=action,
        table_given=True,
    )
    assert found.describe(Lang.EN) == (
        "split 1:2 on 2020-12-29 (adjustment factor 0.5): matches the table: split: from the "
        "day after the record date 2020-12-31"
    )
    assert found.describe(Lang.JA) == (
        "株式分割等 1:2 (2020-12-29、調整係数 0.5): 表と一致: 株式分割：基準日（2020年12月31日）の"
        "翌日から適用"
    )
    days = tuple(dt.date(2020, 1, 1) + dt.timedelta(days=i) for i in range(10))  # 8 shown, 2 more
    report = ImportReport(
        kind="prices",
        files=("f.csv",),
        read_as=text("format_table", kind="CSV", columns="Date, Close"),
        rows_read=10,
        rows_used=10,
        first_date=days[0],
        last_date=days[-1],
        non_trading_closes=days,
    )
    assert report.lines(Lang.EN)[3].endswith("2020-01-08 and 2 more)")
    assert report.lines(Lang.JA)[3].endswith("2020-01-08 ほか 2 日)")


def test_calendar_checks_reach_the_first_session_of_the_table() -> None:
    """A series starting in early January 1997 is checked against XTKS from its first session.

    By hand: the TSE was closed 1997-01-01 to 01-03 (year end), 01-04/05 was a weekend, so the
    table's first session is Monday 01-06. Closes on Friday 01-03, Monday 01-06 and Saturday 01-11:
    the Saturday is a non-trading day (01-03, before the first session, is not checked); a window
    01-03 to 01-10 with closes on 01-06 only lacks 01-07, 01-08, 01-09 and 01-10. (With the first
    day hard-coded as 1997-01-01 the calendar refused the range and nothing was checked.)
    """
    from stockrights.importers.report import trading_day_checks

    dates = (D(1997, 1, 3), D(1997, 1, 6), D(1997, 1, 11))
    missing, non_trading = trading_day_checks(dates, window=(D(1997, 1, 3), D(1997, 1, 10)))
    assert non_trading == (D(1997, 1, 11),)
    assert missing == (D(1997, 1, 7), D(1997, 1, 8), D(1997, 1, 9), D(1997, 1, 10))
