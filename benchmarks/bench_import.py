"""Benchmark of the importers (a script, not a test): read and write, beside pandas.read_csv.

Run ``python benchmarks/bench_import.py``. In a temporary directory it writes two files in the
published layouts (ILLUSTRATIVE numbers):

- 20 years of daily closes as a Japanese CSV export (cp932, ``日付,終値``, ``2024/1/4``), one
  row per XTKS trading day: about 4,900 rows;
- a MOF 国債金利情報 history file (cp932, era dates, ``-`` for tenors not yet published):
  13,000 days x 15 tenors.

For each it prints, best of five: our reader (parse, validate, the report's checks with the
XTKS calendar already loaded); ``pandas.read_csv`` on the same file (bare, and with the dates
parsed, which is what a user would have to add); and writing the result into a copy of the
blank template (``write_columns`` minus the time to read and check the workbook package, which
``read_package`` alone takes). The first XTKS calendar load, once per process, is shown apart.
The target (issue 9): each import and write in well under a second beyond loading the workbook.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BLANK = REPO / "workbooks" / "stockrights_template.xlsx"
RUNS = 5
TARGET_SECONDS = 1.0
MOF_DAYS = 13_000


def best(fn: Callable[[], object]) -> float:
    """Best wall seconds of RUNS calls."""
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def write_prices(path: Path) -> int:
    from stockrights.prices import tse_trading_days

    days = tse_trading_days(start=dt.date(2006, 1, 4), end=dt.date(2025, 12, 30))
    lines = ["日付,終値"]
    price = 2000.0
    for i, day in enumerate(days):
        price *= 1.0 + 0.01 * ((i * 7919) % 201 - 100) / 100
        lines.append(f"{day.year}/{day.month}/{day.day},{price:.1f}")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp932"))
    return len(days)


def _era(day: dt.date) -> str:
    if day >= dt.date(2019, 5, 1):
        return f"R{day.year - 2018}.{day.month}.{day.day}"
    if day >= dt.date(1989, 1, 8):
        return f"H{day.year - 1988}.{day.month}.{day.day}"
    return f"S{day.year - 1925}.{day.month}.{day.day}"


def write_mof(path: Path) -> int:
    tenors = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40)
    starts = {10: 3000, 15: 3500, 20: 3500, 25: 7500, 30: 6500, 40: 8500}  # row of first value
    lines = [
        "国債金利情報" + "," * 15 + "(単位 : %)",
        "基準日," + ",".join(f"{t}年" for t in tenors),
    ]
    day = dt.date(1974, 9, 24)
    for i in range(MOF_DAYS):
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        cells = [_era(day)]
        for t in tenors:
            cells.append("-" if i < starts.get(t, 0) else f"{(i % 997) / 100 - 0.2 + t / 100:.3f}")
        lines.append(",".join(cells))
        day += dt.timedelta(days=1)
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp932"))
    return MOF_DAYS


def main() -> int:
    import pandas as pd

    from stockrights.importers.book import price_pairs, write_columns
    from stockrights.importers.mof import read_mof
    from stockrights.importers.price_table import read_price_table
    from stockrights.workbooks import layout
    from stockrights.workbooks.package import read_package

    print(f"Python {sys.version.split()[0]}, pandas {pd.__version__}")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        prices_csv, mof_csv = tmp / "prices.csv", tmp / "jgbcm_all.csv"
        started = time.perf_counter()
        n_prices = write_prices(prices_csv)  # loads the XTKS calendar once
        cold = time.perf_counter() - started
        n_mof = write_mof(mof_csv)
        book = tmp / "book.xlsx"
        shutil.copyfile(BLANK, book)
        window = (dt.date(2006, 1, 4), dt.date(2025, 12, 30))

        history = read_price_table(prices_csv, window=window)
        ours_prices = best(lambda: read_price_table(prices_csv, window=window))
        pandas_prices = best(lambda: pd.read_csv(prices_csv, encoding="cp932"))
        pandas_prices_dates = best(
            lambda: pd.to_datetime(
                pd.read_csv(prices_csv, encoding="cp932")["日付"], format="%Y/%m/%d"
            )
        )
        ours_mof = best(lambda: read_mof(mof_csv))
        pandas_mof = best(
            lambda: pd.read_csv(mof_csv, encoding="cp932", skiprows=1, na_values=["-"])
        )
        curve = read_mof(mof_csv).curve_on(dt.date(2030, 1, 1))
        load = best(lambda: read_package(book))
        pairs = price_pairs(history.dates, history.closes)

        def put_prices() -> None:
            write_columns(
                book=book,
                output=tmp / "out.xlsx",
                keys=layout.PRICE_DATES,
                values=layout.PRICE_CLOSES,
                data=pairs,
                merge=False,
                key_name="date",
            )

        def put_rates() -> None:
            write_columns(
                book=book,
                output=tmp / "out.xlsx",
                keys=layout.RATE_TENORS,
                values=layout.RATE_YIELDS,
                data=list(zip(curve.tenors_years, curve.yields, strict=True)),
                merge=False,
                key_name="tenor",
            )

        write_p = best(put_prices) - load
        write_r = best(put_rates) - load

    ms = 1000.0
    print()
    print("Reading, milliseconds (best of 5)")
    print(f"{'file':<44}{'stockrights':>12}{'read_csv':>10}{'+ dates':>10}")
    print(
        f"{f'20 years of closes ({n_prices:,} rows, cp932)':<44}"
        f"{ours_prices * ms:>12.1f}{pandas_prices * ms:>10.1f}{pandas_prices_dates * ms:>10.1f}"
    )
    print(
        f"{f'MOF history ({n_mof:,} days x 15 tenors)':<44}"
        f"{ours_mof * ms:>12.1f}{pandas_mof * ms:>10.1f}{'':>10}"
    )
    print("(stockrights also validates every cell, converts era dates exactly, and for prices")
    print(" checks the XTKS calendar, the window and split-like jumps; read_csv does none of it)")
    print()
    print("Writing into a copy of the blank template, milliseconds (best of 5)")
    for label, seconds in (
        ("read and check the workbook package (loading)", load),
        (f"prices sheet, {len(pairs):,} rows, beyond loading", write_p),
        (f"rates sheet, {len(curve.tenors_years)} tenors, beyond loading", write_r),
        ("first XTKS calendar load (once per process)", cold),
    ):
        print(f"  {label:<48}{seconds * ms:8.1f}")
    print()
    print("Targets (issue 9): import and write, beyond loading the workbook, well under 1 s")
    status = 0
    for label, seconds in (
        ("20 years of closes", ours_prices + write_p),
        ("MOF history", ours_mof + write_r),
    ):
        ok = seconds < TARGET_SECONDS / 2
        status |= not ok
        print(f"  {label:<36}{seconds * ms:8.1f} ms   {'ok' if ok else 'MISSED'}")
    return status


if __name__ == "__main__":
    sys.exit(main())
