"""Overhead of the Excel face over the core (a script, not a test).

Run ``python benchmarks/bench_excel.py``. For each scalar UDF it prints, side by side, the cost of
the core call alone and of the same call through the UDF (converters, the error wrapper and the
result conversion), and the overhead per call against the issue's target of 10 microseconds.
Inputs are given as Excel hands them over: floats (classic xlwings) and, in a second row, the
shapes that need real conversion work (percent text, a Currency ``Decimal``, a 1 x 1 range).

Not included: the cross-process COM call of classic xlwings and the JS/Pyodide hop of Lite,
which cost far more than either column (hundreds of microseconds to milliseconds per cell;
``docs/xlwings.md`` §5, "Slow recalculation"). Times are the best of several ``timeit`` repeats.
"""

from __future__ import annotations

import timeit
from collections.abc import Callable
from decimal import Decimal

from stockrights.excel.udfs import SAR_BS_PRICE, SAR_RIGHT_AMOUNT, SAR_RIGHT_VALUE
from stockrights.pricing import bsm_call_price
from stockrights.rounding import per_right_amount
from stockrights.valuation import value_right

TARGET_US = 10.0
RIGHT = dict(
    share_price=2000.0,
    exercise_price=1.0,
    term_years=15.0,
    volatility=0.35,
    risk_free_rate=0.0035,
    dividend_yield=0.0135,
)
SIX = tuple(RIGHT.values())
SHAPED = (Decimal("2000"), [[1.0]], "15", "35%", "0.35%", 0.0135)


def best_us(func: Callable[[], object], *, number: int = 20_000, repeat: int = 7) -> float:
    """Best time per call in microseconds over ``repeat`` runs of ``number`` calls."""
    return min(timeit.repeat(func, number=number, repeat=repeat)) / number * 1e6


def main() -> int:
    """Print core vs UDF times side by side; return 1 if an overhead misses the target."""
    rows = [
        (
            "SAR_BS_PRICE (floats)",
            lambda: bsm_call_price(**RIGHT),
            lambda: SAR_BS_PRICE(*SIX),
        ),
        (
            "SAR_BS_PRICE (text, Decimal, range)",
            lambda: bsm_call_price(**RIGHT),
            lambda: SAR_BS_PRICE(*SHAPED),
        ),
        (
            "SAR_RIGHT_AMOUNT (floats)",
            lambda: per_right_amount(option_price=1632.445, shares_per_right=200),
            lambda: SAR_RIGHT_AMOUNT(1632.445, 200.0),
        ),
        (
            "SAR_RIGHT_VALUE (floats)",
            lambda: value_right(**RIGHT, shares_per_right=200).per_right_amount,
            lambda: SAR_RIGHT_VALUE(*SIX, 200.0),
        ),
        (
            "SAR_BS_PRICE error path (#VALUE!)",
            None,
            lambda: SAR_BS_PRICE(2000.0, 1.0, 15.0, -0.2, 0.0035, 0.0135),
        ),
    ]
    width = max(len(name) for name, _, _ in rows)
    print(f"{'call':<{width}}  {'core us':>8}  {'UDF us':>8}  {'overhead':>8}  target")
    missed = False
    for name, core, udf in rows:
        udf_us = best_us(udf)
        if core is None:
            print(f"{name:<{width}}  {'':>8}  {udf_us:8.2f}  {'':>8}  (no core call: bad input)")
            continue
        core_us = best_us(core)
        overhead = udf_us - core_us
        verdict = "ok" if overhead < TARGET_US else "MISSED"
        missed |= overhead >= TARGET_US
        print(
            f"{name:<{width}}  {core_us:8.2f}  {udf_us:8.2f}  {overhead:8.2f}  "
            f"< {TARGET_US:g} us {verdict}"
        )
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
