"""Benchmark of the register at scale (a script, not a test).

Run ``python benchmarks/bench_register.py``. It builds a synthetic register of 30 series (one a
year from 1995), 2,000 holders and 30 years of events (each holder exercises everything it holds
within its 10-day window after leaving office; about 30,000 event rows), with the company's
splits and a consolidation, and prints, side by side:

- ``reconcile`` (every rule, the holder windows included) and ``disclose`` for one fiscal year;
- reading the register from its CSV files;
- the counting of the roll-forward table alone (:func:`stockrights.disclosure.count_options`,
  both blocks, restated in shares) against a pandas ``groupby`` doing the same counting on the
  same events (beginning, exercised, lapsed, outstanding per series), the alternative a user
  would write, and the ratio (ours / pandas: below 1 means ours is faster);
- the peak memory of the register's event table per event.

Target (issue 11): reconcile + disclose under a second, and not slower than the pandas count.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import numpy as np

from stockrights.adjustment import CorporateAction
from stockrights.disclosure import count_options, disclose
from stockrights.register import (
    Event,
    Holder,
    Register,
    Series,
    check_register,
    day_number,
)
from stockrights.registers.csv_io import read_register_csv, write_register_csv
from stockrights.windows import HolderStatus

FISCAL_YEAR_END = dt.date(2024, 3, 31)
ACTIONS = (
    CorporateAction(kind="consolidation", ratio=0.5, effective_date="2005-10-01"),
    CorporateAction(kind="split", ratio=200, record_date="2012-09-30"),
    CorporateAction(kind="split", ratio=2, record_date="2020-12-31"),
    CorporateAction(kind="split", ratio=2, record_date="2022-09-30"),
)


def synthetic_register(holders: int = 2000, seed: int = 7) -> Register:
    """30 series, ``holders`` holders, every holder exercising within its window."""
    rng = np.random.default_rng(seed)
    allot = [dt.date(1995 + k, 7, 14) for k in range(30)]
    held = rng.integers(1, 6, size=(holders, 30))
    lost = [
        # from 1997: the TSE calendar (for a last day moved to a business day) starts 1997-01-06
        dt.date(1997, 2, 1) + dt.timedelta(days=int(d))
        for d in rng.integers(0, 365 * 27, holders)
    ]
    events: list[Event] = []
    allotted = np.zeros(30, dtype=np.int64)
    status = []
    for h in range(holders):
        name = f"H{h:05d}"
        status.append(Holder(name=name, status=HolderStatus(position_lost_on=lost[h])))
        for k in range(30):
            allotted[k] += held[h, k]
            if allot[k] >= lost[h]:
                continue  # granted after the holder left: lapses at the end (below)
            day = lost[h] + dt.timedelta(days=int(rng.integers(1, 11)))
            kind = "exercise" if rng.random() < 0.9 else "lapse"
            events.append(
                Event(
                    date=day,
                    series=f"第{k + 1}回",
                    kind=kind,
                    rights=int(held[h, k]),
                    share_price=float(rng.integers(800, 3000)),
                    holder=name,
                )
            )
    series = [
        Series(
            name=f"第{k + 1}回",
            allotment_date=allot[k],
            rights_allotted=int(allotted[k]),
            shares_per_right=200,
            exercise_price=1,
            exercise_period_start=allot[k] + dt.timedelta(days=1),
            exercise_period_end=allot[k].replace(year=allot[k].year + 30) - dt.timedelta(days=1),
            fair_value_per_share=1000.0 + k,
        )
        for k in range(30)
    ]
    return Register.from_events(series=series, events=events, actions=ACTIONS, holders=status)


def best(fn: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def pandas_count(register: Register) -> object:
    """The roll-forward counting alone, as a pandas user would write it (rights per series)."""
    import pandas as pd

    ev = register.events
    frame = pd.DataFrame({"series": ev.series, "day": ev.day, "kind": ev.kind, "rights": ev.rights})
    y1 = day_number(FISCAL_YEAR_END)
    y0 = day_number(FISCAL_YEAR_END.replace(year=FISCAL_YEAR_END.year - 1))
    before = frame[frame.day <= y0].groupby("series").rights.sum()
    year = frame[(frame.day > y0) & (frame.day <= y1)]
    exercised = year[year.kind == 0].groupby("series").rights.sum()
    lapsed = year[year.kind != 0].groupby("series").rights.sum()
    allotted = pd.Series([s.rights_allotted for s in register.series])
    table = pd.DataFrame(
        {"allotted": allotted, "before": before, "exercised": exercised, "lapsed": lapsed}
    )
    table = table.fillna(0)
    table["beginning"] = table.allotted - table.before
    table["outstanding"] = table.beginning - table.exercised - table.lapsed
    return table


def main() -> int:
    start = time.perf_counter()
    register = synthetic_register()
    build = time.perf_counter() - start
    n = len(register.events)
    print(
        f"register: {len(register.series)} series, {len(register.holders)} holders, {n:,} events "
        f"(built in {build:.2f} s)"
    )
    t_check = best(lambda: check_register(register, as_of=FISCAL_YEAR_END))
    t_disclose = best(lambda: disclose(register, fiscal_year_end=FISCAL_YEAR_END))
    t_count = best(lambda: count_options(register, fiscal_year_end=FISCAL_YEAR_END), repeat=7)
    t_pandas = best(lambda: pandas_count(register), repeat=7)
    with tempfile.TemporaryDirectory() as folder:
        write_register_csv(register, folder)
        size = sum(p.stat().st_size for p in Path(folder).iterdir())
        t_read = best(lambda: read_register_csv(folder), repeat=1)
        tracemalloc.start()
        kept = read_register_csv(folder)
        held, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    del kept
    ours = t_check + t_disclose
    print(f"  reconcile (every rule)         {t_check * 1000:8.1f} ms")
    print(
        f"  disclose (every table)         {t_disclose * 1000:8.1f} ms   (with its own reconcile)"
    )
    print(
        f"  reconcile + disclose           {ours * 1000:8.1f} ms   target < 1000 ms: "
        f"{'met' if ours < 1 else 'MISSED'}"
    )
    print(f"  counting: count_options        {t_count * 1000:8.1f} ms")
    print(f"  counting: pandas groupby       {t_pandas * 1000:8.1f} ms")
    print(
        f"  ratio ours / pandas            {t_count / t_pandas:8.2f}     (< 1: ours faster; "
        f"{'not slower' if t_count <= t_pandas else 'SLOWER'})"
    )
    print(f"  read the CSV folder ({size / 1e6:.1f} MB)  {t_read * 1000:8.1f} ms")
    print(f"  memory: register held          {held / n:8.1f} bytes per event")
    print(
        f"  memory: peak while reading CSV {peak / n:8.1f} bytes per event "
        f"({peak / size:.1f} x the files' size)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
