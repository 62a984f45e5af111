"""Benchmark of the core against the issue's targets (a script, not a test).

Run ``python benchmarks/bench_core.py``. It prints, side by side:

- the cost of one scalar ``bsm_call_price`` call against a bare ``math.erfc`` formula written here,
  vollib's ``black_scholes_merton`` and QuantLib (an ``AnalyticEuropeanEngine`` on a
  ``BlackScholesMertonProcess``, re-priced after changing a ``SimpleQuote``: the realistic
  per-call cost once the objects exist);
- batch throughput on 1e6 options against a bare numpy / ``scipy.special.ndtr`` expression;
- ``historical_volatility`` on 20 years of synthetic daily data (weekly), with the XTKS
  calendar cached (warm) and including the first calendar load (cold);
- each ratio against its target, with MISSED printed where a target is not met.

Times are the best of several ``timeit`` repeats; the whole run takes well under a minute.
"""

from __future__ import annotations

import math
import subprocess
import sys
import timeit
from collections.abc import Callable

import numpy as np
from scipy.special import ndtr

from stockrights import bsm_call_price
from stockrights.prices import _xtks_sessions
from stockrights.volatility import historical_volatility

# A 1-yen stock-compensation right and a textbook option, both with a dividend yield.
CASES = {
    "1-yen right": dict(
        share_price=2000.0,
        exercise_price=1.0,
        term_years=15.0,
        volatility=0.35,
        risk_free_rate=0.0035,
        dividend_yield=0.0135,
    ),
    "Haug 42/40": dict(
        share_price=42.0,
        exercise_price=40.0,
        term_years=0.75,
        volatility=0.35,
        risk_free_rate=0.04,
        dividend_yield=0.08,
    ),
}
SQRT2 = math.sqrt(2.0)


def bare_formula(s: float, x: float, t: float, sigma: float, r: float, q: float) -> float:
    """The reference: the clause (12) formula with math.erfc and nothing else."""
    vol = sigma * math.sqrt(t)
    d = (math.log(s / x) + (r - q + 0.5 * sigma * sigma) * t) / vol
    share_term = s * math.exp(-q * t) * 0.5 * math.erfc(-d / SQRT2)
    return share_term - x * math.exp(-r * t) * 0.5 * math.erfc(-(d - vol) / SQRT2)


def best_seconds(func: Callable[[], object], *, number: int, repeat: int = 7) -> float:
    """Best time per call over ``repeat`` runs of ``number`` calls."""
    return min(timeit.repeat(func, number=number, repeat=repeat)) / number


def quantlib_pricer(p: dict[str, float]) -> tuple[Callable[[], float], Callable[[float], None]]:
    """A QuantLib option priced analytically; returns (price, set_spot) closures."""
    import QuantLib as ql  # noqa: N813 - QuantLib's own documented alias

    today = ql.Date(14, 7, 2017)
    ql.Settings.instance().evaluationDate = today
    day_count = ql.Actual365Fixed()
    spot = ql.SimpleQuote(p["share_price"])
    rate = ql.YieldTermStructureHandle(ql.FlatForward(today, p["risk_free_rate"], day_count))
    div = ql.YieldTermStructureHandle(ql.FlatForward(today, p["dividend_yield"], day_count))
    vol = ql.BlackVolTermStructureHandle(
        ql.BlackConstantVol(today, ql.NullCalendar(), p["volatility"], day_count)
    )
    process = ql.BlackScholesMertonProcess(ql.QuoteHandle(spot), div, rate, vol)
    maturity = today + round(p["term_years"] * 365)
    option = ql.EuropeanOption(
        ql.PlainVanillaPayoff(ql.Option.Call, p["exercise_price"]), ql.EuropeanExercise(maturity)
    )
    option.setPricingEngine(ql.AnalyticEuropeanEngine(process))
    return option.NPV, spot.setValue


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def time_scalar(p: dict[str, float]) -> tuple[float, float, float, float]:
    """Seconds per call: stockrights, bare erfc, vollib, QuantLib re-quote (one option)."""
    from vollib.black_scholes_merton import black_scholes_merton

    s, x, t = p["share_price"], p["exercise_price"], p["term_years"]
    sigma, r, q = p["volatility"], p["risk_free_rate"], p["dividend_yield"]
    # Same numbers, or the timing means nothing.
    check = [
        bsm_call_price(**p),
        bare_formula(s, x, t, sigma, r, q),
        black_scholes_merton("c", s, x, t, r, sigma, q),
    ]
    assert max(check) - min(check) < 1e-9 * max(check), check

    def ours() -> float:
        return bsm_call_price(
            share_price=s,
            exercise_price=x,
            term_years=t,
            volatility=sigma,
            risk_free_rate=r,
            dividend_yield=q,
        )

    npv, set_spot = quantlib_pricer(p)
    spots = [s, s * 1.0001]

    def requote() -> float:  # change the SimpleQuote, then reprice: the per-call cost in use
        spots.reverse()
        set_spot(spots[0])
        return npv()

    return (
        best_seconds(ours, number=20_000),
        best_seconds(lambda: bare_formula(s, x, t, sigma, r, q), number=20_000),
        best_seconds(lambda: black_scholes_merton("c", s, x, t, r, sigma, q), number=5_000),
        best_seconds(requote, number=5_000),
    )


def scalar_section(results: list[tuple[str, str, bool]]) -> None:
    print("Scalar call, microseconds per call (best of 7)")
    print(f"{'case':<14}{'stockrights':>12}{'bare erfc':>11}{'vollib':>10}{'QuantLib':>10}"
          f"{'vs bare':>9}{'vollib/us':>11}")  # fmt: skip
    for name, p in CASES.items():
        ours, bare, lib, qlib = time_scalar(p)
        print(f"{name:<14}{ours * 1e6:>12.2f}{bare * 1e6:>11.2f}{lib * 1e6:>10.2f}"
              f"{qlib * 1e6:>10.2f}{ours / bare:>8.2f}x{lib / ours:>10.1f}x")  # fmt: skip
        results.append((f"scalar {name}: within 1.5x of bare erfc", f"{ours / bare:.2f}x",
                        ours / bare <= 1.5))  # fmt: skip
        results.append((f"scalar {name}: >= 2x faster than vollib", f"{lib / ours:.1f}x",
                        lib / ours >= 2.0))  # fmt: skip
    print()


def batch_section(results: list[tuple[str, str, bool]]) -> None:
    n = 1_000_000
    rng = np.random.default_rng(7)
    s = rng.uniform(500.0, 5000.0, n)
    x = np.ones(n)
    t = rng.uniform(1.0, 30.0, n)
    sigma = rng.uniform(0.1, 0.8, n)
    r = rng.uniform(-0.002, 0.02, n)
    q = rng.uniform(0.0, 0.04, n)

    def bare() -> np.ndarray:
        vol = sigma * np.sqrt(t)
        d = (np.log(s / x) + (r - q + 0.5 * sigma * sigma) * t) / vol
        return s * np.exp(-q * t) * ndtr(d) - x * np.exp(-r * t) * ndtr(d - vol)

    def ours() -> object:
        return bsm_call_price(
            share_price=s,
            exercise_price=x,
            term_years=t,
            volatility=sigma,
            risk_free_rate=r,
            dividend_yield=q,
        )

    assert np.allclose(ours(), bare(), rtol=1e-12, atol=0.0)
    t_ours = best_seconds(ours, number=1, repeat=5)
    t_bare = best_seconds(bare, number=1, repeat=5)
    ratio = t_bare / t_ours  # throughput of ours relative to bare
    print("Batch of 1e6 options, milliseconds (best of 5)")
    print(f"{'stockrights':>12}{'bare numpy':>12}{'throughput vs bare':>20}")
    print(f"{t_ours * 1e3:>12.1f}{t_bare * 1e3:>12.1f}{ratio:>19.2f}x")
    print(f"({n / t_ours / 1e6:.1f} M options/s with validation, {n / t_bare / 1e6:.1f} M bare)")
    print()
    results.append(("batch: >= 0.8x bare numpy throughput", f"{ratio:.2f}x", ratio >= 0.8))


COLD_CODE = """
import time, numpy as np
t0 = time.perf_counter()
from stockrights.volatility import historical_volatility
from stockrights.prices import tse_trading_days
days = np.array(tse_trading_days(start="2005-07-01", end="2025-06-30"), dtype="datetime64[D]")
t1 = time.perf_counter()
closes = 1000 * np.exp(np.cumsum(np.random.default_rng(1).normal(0, 0.02, days.size)))
t2 = time.perf_counter()
historical_volatility(dates=days, closes=closes, start="2005-12-02", end="2025-06-27")
t3 = time.perf_counter()
print(t1 - t0, t3 - t2)
"""


def volatility_section(results: list[tuple[str, str, bool]]) -> None:
    sessions = _xtks_sessions()  # warm the cache, as a long-running process would be
    days = sessions[
        (sessions >= np.datetime64("2005-07-01")) & (sessions <= np.datetime64("2025-06-30"))
    ]
    closes = 1000.0 * np.exp(np.cumsum(np.random.default_rng(1).normal(0.0, 0.02, days.size)))
    listed = list(days.astype(object))

    def warm() -> float:
        return historical_volatility(
            dates=days, closes=closes, start="2005-12-02", end="2025-06-27"
        )

    def warm_lists() -> float:
        return historical_volatility(
            dates=listed, closes=closes.tolist(), start="2005-12-02", end="2025-06-27"
        )

    t_warm = best_seconds(warm, number=20, repeat=5)
    t_lists = best_seconds(warm_lists, number=10, repeat=5)
    # Cold: a fresh interpreter, so the import and the first read of the shipped XTKS table count.
    out = subprocess.run(
        [sys.executable, "-c", COLD_CODE], capture_output=True, text=True, check=True
    )
    t_load, t_cold_call = (float(v) for v in out.stdout.split())
    print(f"historical_volatility, weekly, {days.size} daily closes (20 years), milliseconds")
    print(f"{'warm, numpy dates':<44}{t_warm * 1e3:>8.2f}")
    print(f"{'warm, Python dates and floats':<44}{t_lists * 1e3:>8.2f}")
    print(f"{'cold: import + first XTKS table load':<44}{t_load * 1e3:>8.0f}")
    print(f"{'cold: first call after that':<44}{t_cold_call * 1e3:>8.2f}")
    print()
    results.append(("volatility (warm, numpy): < 10 ms", f"{t_warm * 1e3:.2f} ms", t_warm < 0.010))
    results.append(
        ("volatility (warm, lists): < 10 ms", f"{t_lists * 1e3:.2f} ms", t_lists < 0.010)
    )


def main() -> int:
    results: list[tuple[str, str, bool]] = []
    print(f"Python {sys.version.split()[0]}, numpy {np.__version__}\n")
    scalar_section(results)
    batch_section(results)
    volatility_section(results)
    print("Targets (issue #2)")
    for label, value, ok in results:
        print(f"  {label:<48}{value:>10}   {verdict(ok)}")
    missed = [label for label, _, ok in results if not ok]
    if missed:
        print(f"\n{len(missed)} target(s) MISSED: " + "; ".join(missed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
