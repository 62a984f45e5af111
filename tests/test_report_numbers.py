"""Numbers in the report's tables: fixed decimals per quantity, never scientific, never -0.00."""

from __future__ import annotations

import math
import re

from stockrights.reports import content
from stockrights.reports.document import Table
from stockrights.reports.fonts import find_japanese_font
from stockrights.reports.source import example_source

SCIENTIFIC = re.compile(r"\d[eE][-+]?\d")


def test_fixed_decimals_thousands_and_no_negative_zero() -> None:
    """6.3e-13 (the example's gamma) at 6 decimals is 0.000000; -1e-13 at 2 is 0.00, not -0.00."""
    assert content._fixed(6.331538456e-13, 6) == "0.000000"
    assert content._fixed(-1e-13, 2) == "0.00"
    assert content._fixed(-4900118.894, 2) == "-4,900,118.89"
    assert content._pct(-1e-9, 2) == "0.00%"
    assert content._pct(-0.0015, 2) == "-0.15%"


def test_precise_values_are_positional() -> None:
    """Full precision (12 significant digits) for re-performance, but no 1.2e-05."""
    assert content._precise(1.2e-05) == "0.000012"
    assert content._precise(-1.23456789012345e-07) == "-0.000000123456789012"
    assert content._precise(0.35) == "0.35"
    assert content._precise(1234) == "1,234"


def test_greeks_table_of_the_example() -> None:
    """The example's inputs from its breakdown; delta e^(-qT) N(d1) computed here with math.erf.

    Gamma of a 1-yen strike at S about 2,000: d1 about 6, n(d1) about 1e-9, over S sigma sqrt T
    (about 2,700) is about 4e-13 per yen: 0.000000 at 6 decimals (was printed 6.331538456e-13).
    """
    v = example_source().valuation
    b = v.right.breakdown
    s, x, t = b.share_price, b.exercise_price, b.term_years
    sigma, r, q = b.volatility, b.risk_free_rate, b.dividend_yield
    d1 = (math.log(s / x) + (r - q + sigma**2 / 2) * t) / (sigma * math.sqrt(t))
    delta = math.exp(-q * t) * 0.5 * (1 + math.erf(d1 / math.sqrt(2)))
    table = content._greeks_table(v)
    rows = {row[0].split()[-1]: row[1:] for row in table.rows}
    assert rows["delta"] == (f"{delta:.4f}", f"{delta * v.right.shares_per_right:,.2f}")
    assert rows["gamma"] == ("0.000000", "0.0000")
    for key in ("vega", "theta", "rho"):
        per_share, per_right = rows[key]
        assert re.fullmatch(r"-?[0-9]{1,3}(,[0-9]{3})*\.[0-9]{2}", per_share), (key, per_share)
        assert re.fullmatch(r"-?[0-9]{1,3}(,[0-9]{3})*\.[0-9]{2}", per_right), (key, per_right)


def test_no_cell_of_the_report_is_scientific_or_negative_zero() -> None:
    """Every table of the example's report: no 6.3e-13, no -0.00."""
    doc = content.report_document(example_source(), font=find_japanese_font())
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) >= 8
    for table in tables:
        for row in table.rows:
            for cell in row:
                assert not SCIENTIFIC.search(cell), cell
                assert not re.search(r"(?<![\d.])-0(\.0+)?(?![\d.])", cell), cell
