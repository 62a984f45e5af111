"""The example's data are shipped as files in the published formats and read through importers."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

from stockrights import (
    dividend_yield,
    historical_volatility,
    rate_for_term,
    share_price_on,
    value_right,
)
from stockrights.example import (
    COMPANY_ACTIONS,
    EXAMPLE_DIVIDEND_PER_SHARE,
    VOLATILITY_WINDOW_START,
    example_market_inputs,
)
from stockrights.importers import read_mof, read_price_table
from stockrights.workbooks import builder
from stockrights.workbooks import example_data as data

ALLOTMENT = dt.date(2017, 7, 14)


def test_shipped_files_are_what_the_generator_writes(tmp_path: Path) -> None:
    """src/stockrights/data holds exactly the synthetic closes and the illustrative curve."""
    written = data.write_example_files(
        tmp_path,
        prices=data.synthetic_example_prices(),
        fifteen_year_yield=example_market_inputs().risk_free_rate,
    )
    for path in written:
        assert path.read_bytes() == data.example_data_file(path.name).read_bytes(), path.name


def test_example_prices_read_back_bit_for_bit() -> None:
    """The importer returns the very floats generated from the seed (2,881 trading days)."""
    assert data.example_prices() == data.synthetic_example_prices()


def test_example_curve_has_the_example_rate_at_15_years() -> None:
    """0.35 % at 15 years exactly; the other tenors equal the illustrative curve to 1e-15."""
    curve = data.example_curve()
    assert dict(curve)[15.0] == 0.0035
    for (t1, y1), (t2, y2) in zip(curve, data.illustrative_curve(0.0035), strict=True):
        assert t1 == t2
        assert math.isclose(y1, y2, rel_tol=0, abs_tol=1e-15)


def test_the_example_amount_per_right_from_the_shipped_files() -> None:
    """Files -> importers -> core: S 2,000, sigma 0.35, r 0.35 %, q 27/2000 -> 326,485 yen.

    326,485 is the example's pinned amount per right (README, test_valuation): the files must
    reproduce it through the readers, with the 1:200 split of 2012 applied from the market's
    ex-rights date, as the synthetic series has it: record date Sunday 2012-09-30, last business
    day Friday 09-28, T+3 back to Tuesday 09-25 (the last cum-rights day), so 2012-09-26.
    """
    prices = read_price_table(data.example_data_file(data.EXAMPLE_PRICES_FILE))
    splits = [(dt.date(2012, 9, 26), 200.0)]
    sigma = historical_volatility(
        dates=prices.dates,
        closes=prices.closes,
        start=VOLATILITY_WINDOW_START,
        end=ALLOTMENT,
        splits=splits,
    )
    assert math.isclose(sigma, 0.35, rel_tol=1e-12)
    share_price = share_price_on(dates=prices.dates, closes=prices.closes, on=ALLOTMENT)
    assert share_price == 2000.0
    curve = read_mof(data.example_data_file(data.EXAMPLE_RATES_FILE)).curve_on(ALLOTMENT)
    r = rate_for_term(tenors_years=curve.tenors_years, yields=curve.yields, term_years=15.0)
    right = value_right(
        share_price=share_price,
        exercise_price=1.0,
        term_years=15.0,
        volatility=sigma,
        risk_free_rate=r,
        dividend_yield=dividend_yield(
            dividend_per_share=EXAMPLE_DIVIDEND_PER_SHARE, share_price=share_price
        ),
        shares_per_right=200,
    )
    assert right.per_right_amount == 326_485
    # and the report finds the 1:200 split where the table has it
    report = read_price_table(
        data.example_data_file(data.EXAMPLE_PRICES_FILE), actions=COMPANY_ACTIONS
    ).report
    assert [(s.date, s.ratio, s.matched) for s in report.splits] == [
        (dt.date(2012, 9, 26), 200.0, COMPANY_ACTIONS[0])
    ]


def test_the_committed_example_holds_the_shipped_files_data() -> None:
    """workbooks/ example: its prices sheet is the CSV's dates and closes (to the 16 significant
    digits the xlsx stores), its rates sheet the MOF file's curve to 1e-15: rebuilding the
    example from the files changes no value.
    """
    from stockrights.dates import date_to_excel_serial
    from stockrights.workbooks import layout
    from stockrights.workbooks.cache_writer import sheet_values
    from stockrights.workbooks.package import read_package

    book = read_package(Path(__file__).parent.parent / "workbooks" / builder.EXAMPLE_WORKBOOK)
    prices = sheet_values(book, layout.PRICES)
    rows = layout.PRICE_DATES.rows()
    stored = [(prices[f"A{r}"], prices[f"B{r}"]) for r in rows if f"A{r}" in prices]
    shipped = data.example_prices()
    assert [d for d, _ in stored] == [date_to_excel_serial(d) for d, _ in shipped]
    for (_, in_book), (day, in_file) in zip(stored, shipped, strict=True):
        assert math.isclose(in_book, in_file, rel_tol=1e-15), day
    rates = sheet_values(book, layout.RATES)
    curve = [
        (rates[f"A{r}"], rates[f"B{r}"]) for r in layout.RATE_TENORS.rows() if f"A{r}" in rates
    ]
    assert len(curve) == len(data.example_curve()) == 15
    for (t1, y1), (t2, y2) in zip(curve, data.example_curve(), strict=True):
        assert t1 == t2
        assert math.isclose(y1, y2, rel_tol=0, abs_tol=1e-15)
