"""MOF 国債金利情報 files: the history and current-month files, as published."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stockrights import rate_for_term
from stockrights.errors import OutOfRangeError
from stockrights.importers import ImportFileError, read_mof

FIXTURES = Path(__file__).parent / "fixtures" / "importers"
HISTORY = FIXTURES / "jgbcm_all.cp932.csv"
CURRENT = FIXTURES / "jgbcm.cp932.csv"
HEADER = "基準日,1年,2年,3年,4年,5年,6年,7年,8年,9年,10年,15年,20年,25年,30年,40年"


def _write(path: Path, *rows: str, title: str = "国債金利情報,,,,,,,,,,,,,,,(単位 : %)") -> Path:
    path.write_bytes("\r\n".join([title, HEADER, *rows, ""]).encode("cp932"))
    return path


def test_history_file_dates_span_three_eras() -> None:
    """S49.9.24 -> 1974-09-24, S64.1.6/H1.1.9 around the 1989 change, H31.4.26/R1.5.7 in 2019."""
    history = read_mof(HISTORY)
    assert history.dates[:5] == (
        dt.date(1974, 9, 24),
        dt.date(1989, 1, 6),
        dt.date(1989, 1, 9),
        dt.date(2019, 4, 26),
        dt.date(2019, 5, 7),
    )
    assert history.report.format == "MOF 国債金利情報 CSV, cp932 (Shift_JIS)"
    assert history.report.read_as("ja") == "財務省 国債金利情報 CSV、cp932 (Shift_JIS)"


def test_percent_text_becomes_the_decimal_it_says() -> None:
    """9.811 % is 0.09811 exactly as the double nearest 9.811/100; '-' is a missing tenor."""
    history = read_mof(HISTORY)
    first = history.yields[0]
    assert first[0] == 0.09811
    assert first[10] != first[10]  # 15年 was '-' in 1974: NaN
    assert np.isnan(first[9:]).all()  # 10年 onward '-'
    assert history.yields[3][0] == -0.00151  # a negative yield, not a missing one


def test_the_current_file_wins_a_shared_date_and_the_notice_is_left_out() -> None:
    """R6.1.4 is in both files: the current file's 0.021 % wins over the history's 0.02 %."""
    history = read_mof(HISTORY, CURRENT)
    i = history.dates.index(dt.date(2024, 1, 4))
    assert history.yields[i][0] == 0.00021
    assert history.dates[-1] == dt.date(2024, 1, 5)
    assert history.report.rows_read == 7 + 2
    assert history.report.rows_used == 8  # one date shared
    assert any("values differ on 2024-01-04" in str(n) for n in history.report.notes)
    assert [r.reason[:16] for r in history.report.rejected] == ["not a data row ("]
    assert history.report.rejected[0].where == "jgbcm.cp932.csv line 6"
    assert history.report.rejected[0].at("ja") == "jgbcm.cp932.csv 6行目"


def test_order_of_the_files_does_not_matter() -> None:
    """The file whose data end later wins, whichever is named first."""
    a = read_mof(CURRENT, HISTORY)
    b = read_mof(HISTORY, CURRENT)
    assert a.dates == b.dates
    assert np.array_equal(a.yields, b.yields, equal_nan=True)


def test_curve_on_a_holiday_is_the_last_row_before_it_and_says_so() -> None:
    """2024-01-03 (a market holiday) takes the row of 2023-12-29, with the gap stated."""
    curve = read_mof(HISTORY, CURRENT).curve_on(dt.date(2024, 1, 3))
    assert curve.date == dt.date(2023, 12, 29)
    assert "last MOF row before the valuation date 2024-01-03" in str(curve.statement)
    own = read_mof(HISTORY, CURRENT).curve_on("2024-01-05")
    assert str(own.statement) == "curve of 2024-01-05 (the valuation date's own row)"


def test_a_curve_with_missing_tenors_feeds_rate_for_term() -> None:
    """1989-01-09: tenors 1-20 years only; 15 years -> 5.21 %, 12 years interpolates."""
    curve = read_mof(HISTORY).curve_on("1989-01-09")
    assert curve.tenors_years[-1] == 20.0
    r15 = rate_for_term(tenors_years=curve.tenors_years, yields=curve.yields, term_years=15)
    assert r15 == 0.0521
    # 12 years: 10年 5.06 % + (2/5) x (5.21 - 5.06) = 5.12 %
    r12 = rate_for_term(tenors_years=curve.tenors_years, yields=curve.yields, term_years=12)
    assert math.isclose(r12, 0.0512, rel_tol=1e-12)


def test_a_valuation_date_before_the_first_row_is_an_error() -> None:
    """No curve exists before 1974-09-24."""
    with pytest.raises(OutOfRangeError, match="first MOF row 1974-09-24"):
        read_mof(HISTORY).curve_on("1970-01-01")


def test_utf8_and_bom_files_are_read_too(tmp_path: Path) -> None:
    """A file re-saved as UTF-8 (with BOM) reads the same."""
    text = HISTORY.read_bytes().decode("cp932")
    (tmp_path / "a.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert read_mof(tmp_path / "a.csv").dates == read_mof(HISTORY).dates


def test_the_english_twin_is_read(tmp_path: Path) -> None:
    """Date,1Y,...,40Y with 1974/9/24 dates."""
    p = tmp_path / "jgbcme_all.csv"
    header = "Date," + ",".join(f"{t}Y" for t in (*range(1, 11), 15, 20, 25, 30, 40))
    p.write_text(
        f"Interest Rate\n{header}\n1974/9/24,9.811,9.044,8.71,8.502,8.311,8.25,"
        "8.201,8.1,8.099,-,-,-,-,-,-\n",
        encoding="utf-8",
    )
    assert read_mof(p).dates == (dt.date(1974, 9, 24),)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            ("H31.5.7,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1",),
            r"x\.csv line 3: 基準日 must fall inside its era",
        ),
        (
            ("R1.4.30,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1",),
            r"line 3: 基準日 must fall inside its era \(Reiwa",
        ),
        (
            ("R1.5.7,1,1,1,1,1,1,1,1,1,1,abc,1,1,1,1",),
            r"line 3: 15年 must be a percent such as 0.35 or -, got 'abc'",
        ),
        (("R1.5.7,1,1,1",), r"line 3: must have 16 cells \(基準日 and 15 tenors\), got 4"),
        (
            ("R1.5.8,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1", "R1.5.7,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1"),
            r"line 4: 基準日 must be after the previous row \(2019-05-08\)",
        ),
        (("X1.5.7,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1",), r"line 3: 基準日 must use a known era letter"),
        (("R1.5.7,nan,1,1,1,1,1,1,1,1,1,1,1,1,1,1",), r"1年 must be a percent"),
    ],
)
def test_bad_rows_are_one_line_errors_naming_file_line_and_rule(
    tmp_path: Path, rows: tuple[str, ...], message: str
) -> None:
    """Each rule broken gives one line: file, line, rule, value."""
    path = _write(tmp_path / "x.csv", *rows)
    with pytest.raises(ImportFileError, match=message) as info:
        read_mof(path)
    assert "\n" not in str(info.value)


def test_a_shifted_header_is_refused(tmp_path: Path) -> None:
    """An added column would shift every value: the whole header is checked."""
    path = tmp_path / "x.csv"
    path.write_bytes(("title\n" + HEADER + ",50年\n").encode("cp932"))
    with pytest.raises(ImportFileError, match=r"x\.csv line 2: header must be exactly 基準日,1年"):
        read_mof(path)


def test_a_file_of_another_kind_is_refused_with_what_was_found(tmp_path: Path) -> None:
    """A price export given as rates: no MOF header, the first lines are quoted."""
    with pytest.raises(
        ImportFileError, match=r"broker\.cp932\.csv: is not a MOF 国債金利情報 file.*日付,始値"
    ):
        read_mof(FIXTURES / "broker.cp932.csv")
    with pytest.raises(ImportFileError, match=r"yahoo\.csv line 1: header must be exactly Date,1Y"):
        read_mof(FIXTURES / "yahoo.csv")


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """Memory stays proportional: a file above the cap is refused from its size alone."""
    from stockrights.importers import _source

    path = tmp_path / "big.csv"
    with path.open("wb") as fh:
        fh.truncate(_source.MAX_FILE_BYTES + 1)  # sparse: no disk used
    with pytest.raises(
        ImportFileError, match=r"big\.csv: is 67,108,865 bytes, more than the limit"
    ):
        read_mof(path)


def test_bytes_that_are_neither_utf8_nor_cp932_name_the_line(tmp_path: Path) -> None:
    """0x81 0x20 is no cp932 character: the error names line 3."""
    path = tmp_path / "x.csv"
    path.write_bytes(("t\n" + HEADER + "\n").encode("cp932") + b"\x81\x20\n")
    with pytest.raises(ImportFileError, match=r"x\.csv line 3: must be UTF-8 or cp932"):
        read_mof(path)


def test_the_statement_names_missing_tenors_stale_rows_and_reads_in_japanese() -> None:
    """1989-01-09 lacks 25-40 years; 2024-03-01 is 56 days after the last row; 日本語 too."""
    history = read_mof(HISTORY, CURRENT)
    early = history.curve_on("1989-01-09").statement
    assert str(early).endswith("; tenors not published that day: 25年, 30年, 40年")
    stale = history.curve_on("2024-03-01").statement
    assert "(56 days earlier: no row for 2024-03-01); WARNING: more than a week old" in str(stale)
    holiday = history.curve_on("2024-01-03").statement
    assert holiday("ja") == (
        "2023-12-29 の利回り曲線: 評価日 2024-01-03 の行がないため、その前の直近の行 (5 日前)"
    )


_TENOR_COUNT = 15


def _era_of(day: dt.date) -> str:
    if day >= dt.date(2019, 5, 1):
        return f"R{day.year - 2018}.{day.month}.{day.day}"
    if day >= dt.date(1989, 1, 8):
        return f"H{day.year - 1988}.{day.month}.{day.day}"
    return f"S{day.year - 1925}.{day.month}.{day.day}"


@settings(max_examples=50, deadline=None)
@given(
    days=st.lists(
        st.dates(min_value=dt.date(1974, 9, 24), max_value=dt.date(2030, 12, 31)),
        min_size=1,
        max_size=12,
        unique=True,
    ),
    cells=st.lists(
        st.one_of(st.just("-"), st.integers(-999, 20_000).map(lambda n: f"{n / 1000:g}")),
        min_size=12 * _TENOR_COUNT,
        max_size=12 * _TENOR_COUNT,
    ),
    encoding=st.sampled_from(["cp932", "utf-8", "utf-8-sig"]),
    terminator=st.sampled_from(["\r\n", "\n"]),
)
def test_mof_round_trip(
    tmp_path_factory: pytest.TempPathFactory,
    days: list[dt.date],
    cells: list[str],
    encoding: str,
    terminator: str,
) -> None:
    """Era dates and percent cells written as MOF does read back exactly: each yield is the
    double nearest Decimal(text) / 100 (an exact oracle), '-' is NaN.
    """
    days = sorted(days)
    rows = [cells[i * _TENOR_COUNT : (i + 1) * _TENOR_COUNT] for i in range(len(days))]
    lines = ["国債金利情報" + "," * 15 + "(単位 : %)", HEADER]
    lines += [",".join([_era_of(d), *row]) for d, row in zip(days, rows, strict=True)]
    path = tmp_path_factory.mktemp("mof") / "jgbcm_all.csv"
    path.write_bytes((terminator.join(lines) + terminator).encode(encoding))
    history = read_mof(path)
    assert history.dates == tuple(days)
    for got, row in zip(history.yields, rows, strict=True):
        for value, cell in zip(got, row, strict=True):
            if cell == "-":
                assert math.isnan(value)
            else:
                assert value == float(Decimal(cell) / 100)
