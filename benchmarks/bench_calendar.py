"""Benchmark of the core's start-up and its calendar (a script, not a test): issue 10.

Run ``python benchmarks/bench_calendar.py``. It prints, side by side and in one run:

- fresh processes (median of seven, CPU seconds beside wall seconds, because other jobs on a
  shared machine disturb wall time more): ``import stockrights``; the first trading-day question
  (``tse_trading_days`` over a month) from the shipped XTKS table; and the same question answered
  the way the program answered it before the table, and the way a user would without
  stockrights: building exchange_calendars' ``XTKS`` from 1997 to 2040 (pandas included);
- in this process: 2,000 calls of clause (3) (``adjusted_shares_per_right``, a register's
  ``SAR_SHARES_PER_RIGHT`` column) over the same two splits, with the ex-rights derivation
  cached as shipped and with the cache bypassed (each call derives both ex-rights dates again).

Both ways must give the same sessions and the same shares: the script checks that before timing.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
import timeit

import numpy as np

from stockrights import prices
from stockrights.adjustment import CorporateAction, adjusted_shares_per_right

RUNS = 7
CALLS = 2000

IMPORT = "import stockrights"
TABLE = "import stockrights as s\ns.tse_trading_days(start='2017-03-01', end='2017-03-31')"
EXCHANGE_CALENDARS = (
    "import exchange_calendars as xc\n"
    "from exchange_calendars.exchange_calendar_xtks import XTKSExchangeCalendar\n"
    "c = xc.get_calendar('XTKS', start=XTKSExchangeCalendar.bound_min(), end='2040-12-31')\n"
    "c.sessions_in_range('2017-03-01', '2017-03-31')"
)


def fresh(code: str) -> tuple[float, float]:
    """Median (wall, CPU) seconds of RUNS fresh interpreters running ``code``."""
    walls, cpus = [], []
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def check_same_sessions() -> None:
    """The table and exchange_calendars agree (the test suite checks this too)."""
    import exchange_calendars as xc
    from exchange_calendars.exchange_calendar_xtks import XTKSExchangeCalendar

    built = xc.get_calendar("XTKS", start=XTKSExchangeCalendar.bound_min(), end="2040-12-31")
    theirs = np.asarray(built.sessions.to_numpy(), dtype="datetime64[ns]").astype("datetime64[D]")
    if not np.array_equal(theirs, prices._xtks_sessions()):
        raise SystemExit("the shipped XTKS table differs from exchange_calendars: regenerate it")


def register_column(*, cached: bool) -> float:
    """Seconds for CALLS clause (3) calls over two splits (cache as shipped, or bypassed)."""
    actions = [
        CorporateAction(kind="split", ratio=2, record_date="2020-12-31"),
        CorporateAction(kind="split", ratio=2, record_date="2022-09-30"),
    ]
    shipped = prices._derived_ex_rights

    def column() -> None:
        for _ in range(CALLS):
            shares = adjusted_shares_per_right(
                base_shares=200, actions=actions, as_of="2023-01-01", allotment_date="2017-07-14"
            )
            if shares.shares_per_right != 800:
                raise SystemExit(f"clause (3) gave {shares.shares_per_right}, expected 800")

    if not cached:
        prices._derived_ex_rights = shipped.__wrapped__  # type: ignore[assignment]
    try:
        return min(timeit.repeat(column, number=1, repeat=5))
    finally:
        prices._derived_ex_rights = shipped


def main() -> int:
    check_same_sessions()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    print(f"\nFresh process, median of {RUNS}, seconds")
    print(f"  {'':58}{'wall':>7}{'cpu':>7}")
    rows = [
        ("import stockrights", IMPORT),
        ("first trading-day question, shipped table (with import)", TABLE),
        ("the same from exchange_calendars XTKS 1997-2040 (pandas)", EXCHANGE_CALENDARS),
    ]
    for label, code in rows:
        wall, cpu = fresh(code)
        print(f"  {label:<58}{wall:>7.3f}{cpu:>7.3f}")
    print(f"\n{CALLS:,} clause (3) calls over the same two splits (a register column), seconds")
    with_cache = register_column(cached=True)
    without = register_column(cached=False)
    print(f"  {'ex-rights dates derived once per record date (shipped)':<58}{with_cache:>7.3f}")
    print(f"  {'ex-rights dates derived at every call':<58}{without:>7.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
