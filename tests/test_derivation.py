"""The whole chain in explain(): each market input carried back to its data, by hand arithmetic."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stockrights import (
    InputError,
    derive_dividend_yield,
    derive_market_inputs,
    derive_rate,
    provenance_lines,
    value_grant,
)
from stockrights.example import example_market_inputs, seventh_series_terms

# Three Fridays; the 1:2 split is effective Monday 2017-07-03, so the first close (200) is on the
# old basis and restates to 100. Adjusted closes 100, 110, 99: returns ln 1.1 and ln 0.9.
DATES = ["2017-06-30", "2017-07-07", "2017-07-14"]
CLOSES = [200.0, 110.0, 99.0]
SPLITS = [("2017-07-03", 2)]


def _hand_sigma() -> tuple[float, float, float]:
    """Mean, sum of squared deviations and sigma of ln 1.1, ln 0.9, by hand (ddof 1, x sqrt 52)."""
    a, b = math.log(1.1), math.log(0.9)
    mean = (a + b) / 2
    squares = (a - mean) ** 2 + (b - mean) ** 2
    return mean, squares, math.sqrt(squares / 1) * math.sqrt(52)


def _market(**overrides: object) -> object:
    args: dict[str, object] = dict(
        dates=DATES,
        closes=CLOSES,
        valuation_date="2017-07-14",
        window_start="2017-06-26",
        tenors_years=[10, 20],
        yields=[0.001, 0.006],
        term_years=12,
        dividend_per_share=27,
        dividend_record_date="2017-03-31",
        dividend_fiscal_year="FY ended March 2017",
        splits=SPLITS,
        compounding="continuous",
    )
    args.update(overrides)
    return derive_market_inputs(**args)  # type: ignore[arg-type]


def _lines(market: object) -> dict[str, object]:
    return {ln.label: (ln.value, ln.note) for ln in provenance_lines(market)}  # type: ignore[arg-type]


def test_derived_inputs_hold_the_hand_values() -> None:
    """S is the close of the day, sigma, r and q match the hand arithmetic."""
    m = _market()
    sigma = _hand_sigma()[2]
    assert m.share_price == 99.0
    assert m.volatility == pytest.approx(sigma, rel=1e-12)
    # y(12) = 0.8 x 0.001 + 0.2 x 0.006 = 0.002; continuous: 2 ln(1 + 0.001)
    assert m.risk_free_rate == pytest.approx(2 * math.log(1.001), rel=1e-12)
    # 27 yen before the 1:2 split -> 13.5 yen on today's basis; q = 13.5 / 99
    assert m.dividend_per_share == 13.5
    assert m.dividend_yield == pytest.approx(13.5 / 99, rel=1e-15)


def test_provenance_lines_carry_every_step_of_sigma() -> None:
    """Window, frequency, counts, first/last observation, splits, mean, squares, ddof, factor."""
    lines = _lines(_market())
    mean, squares, sigma = _hand_sigma()
    assert lines["sigma: window"][0] == "2017-06-26 to 2017-07-14"
    assert lines["sigma: frequency"][0] == "weekly"
    assert lines["sigma: observations"][0] == 3
    assert lines["sigma: first observation"] == (dt.date(2017, 6, 30), "close 200, adjusted 100")
    assert lines["sigma: last observation"] == (dt.date(2017, 7, 14), "close 99, adjusted 99")
    assert lines["sigma: splits applied"][0] == "1:2 from 2017-07-03"
    assert lines["sigma: log returns"][0] == 2
    assert lines["sigma: mean log return"][0] == pytest.approx(mean, rel=1e-12)
    assert lines["sigma: sum of squared deviations"][0] == pytest.approx(squares, rel=1e-12)
    assert lines["sigma: ddof"][0] == 1
    assert lines["sigma: standard deviation of log returns"][0] == pytest.approx(
        math.sqrt(squares), rel=1e-12
    )
    assert lines["sigma: annualisation factor"][0] == 52
    assert lines["sigma: derived"][0] == pytest.approx(sigma, rel=1e-12)


def test_provenance_lines_carry_the_rate_and_the_dividend() -> None:
    """r: the two tenors, weights 0.8/0.2, quoted 0.002, conversion; q: D, split, restated, S."""
    lines = _lines(_market())
    assert lines["r: tenors and yields used"][0] == "10y 0.001, 20y 0.006"
    assert lines["r: interpolation weights"][0] == "10y 0.8, 20y 0.2"
    assert lines["r: yield at T (as quoted)"][0] == pytest.approx(0.002, rel=1e-12)
    assert lines["r: compounding"] == (
        "continuous",
        "converted from semi-annual: r = 2 ln(1 + y/2)",
    )
    assert lines["q: dividend per share declared"] == (
        27.0,
        "FY ended March 2017, record date 2017-03-31 (clause 12-7)",
    )
    assert lines["q: splits restating the dividend"][0] == "1:2 from 2017-07-03"
    assert lines["q: dividend per share restated"][0] == 13.5
    assert lines["q: S"][0] == 99.0


def test_share_price_from_the_next_days_base_price_says_so() -> None:
    """No close on the day: the next trading day's base price (the 17th is Marine Day)."""
    m = _market(
        dates=["2017-06-30", "2017-07-07", "2017-07-13"],
        base_prices={"2017-07-18": 101.0},
        missing="last_in_period",
    )
    lines = _lines(m)
    assert m.share_price == 101.0
    assert lines["S: figure used"][0] == "base price for 2017-07-18"
    assert "no close on 2017-07-14" in str(lines["S: figure used"][1])
    assert lines["S: date of the figure"][0] == dt.date(2017, 7, 18)
    assert lines["sigma: missing closes"] == ("last_in_period", "1 substituted, 0 skipped")


def test_typed_inputs_are_explained_as_entered() -> None:
    """Figures without a derivation say "entered: <source>"."""
    lines = _lines(example_market_inputs())
    assert lines["S: entered"][0] == 2000.0
    assert str(lines["S: entered"][1]).startswith("entered: ILLUSTRATIVE")
    assert lines["q: entered"][1] == "entered: 27 yen (FY ended March 2017, public notice) / S"


def test_valuation_explain_keeps_its_lines_and_adds_the_chain() -> None:
    """The Black-Scholes lines are unchanged; the provenance lines come after the sources."""
    v = value_grant(seventh_series_terms(), _market_for_terms())
    labels = [ln.label for ln in v.explain()]
    assert labels.index("source of q") < labels.index("S: figure used") < labels.index("d")
    assert [ln.label for ln in v.right.explain()] == labels[
        labels.index("S share price") : labels.index("amount per right") + 1
    ]


def _market_for_terms() -> object:
    return _market(term_years=15, tenors_years=[10, 20])


def test_a_derived_figure_must_equal_the_field() -> None:
    """Changing sigma behind its derivation's back is a one-line InputError naming the field."""
    m = _market()
    with pytest.raises(InputError, match=r"^volatility must equal the value its derivation"):
        dataclasses.replace(m, volatility=0.2)


def test_rate_weights_at_a_tenor_and_beyond_the_curve() -> None:
    """At a tenor: that point, weight 1. Beyond the end with extrapolate: the end, flagged."""
    at = derive_rate(tenors_years=[10, 15, 20], yields=[0.001, 0.0035, 0.006], term_years=15)
    assert (at.tenors_used, at.weights, at.rate) == ((15.0,), (1.0,), 0.0035)
    beyond = derive_rate(
        tenors_years=[10, 20], yields=[0.001, 0.006], term_years=25, extrapolate=True
    )
    assert (beyond.tenors_used, beyond.extrapolated, beyond.rate) == ((20.0,), True, 0.006)


def test_dividend_splits_only_between_record_date_and_valuation() -> None:
    """A split before the record date does not restate; two after it divide by 2 x 2."""
    d = derive_dividend_yield(
        dividend_per_share=27,
        record_date="2017-03-31",
        share_price=2000,
        as_of="2023-03-31",
        splits=[("2012-10-01", 200), ("2021-01-01", 2), ("2022-10-01", 2)],
    )
    assert [s[1] for s in d.splits_applied] == [2.0, 2.0]
    assert d.restated_dividend == 6.75  # 27 / 4
    assert d.dividend_yield == 6.75 / 2000


def _explain_args(volatility: float) -> list[object]:
    """SAR_EXPLAIN's arguments for the three-Friday series (as cells: columns of rows)."""
    return [
        99.0, 1, 12, volatility, 0.002, 13.5 / 99, 200, "per_right_up", True,
        "2017-07-14", "2017-06-26",
        [[d] for d in DATES], [[c] for c in CLOSES], [["2017-07-03", 2]], None,
        [[10], [20]], [[0.001], [0.006]], 27, "2017-03-31",
    ]  # fmt: skip


def test_sar_explain_with_the_data_starts_with_the_chain() -> None:
    """The worksheet function traces each input to its data, then the Black-Scholes steps."""
    from stockrights.excel.udfs import SAR_EXPLAIN

    sigma = _hand_sigma()[2]
    rows = {row[0]: row for row in SAR_EXPLAIN(*_explain_args(sigma))}
    assert rows["S: figure used"][1] == "close on 2017-07-14"
    assert rows["sigma: observations"][1] == 3
    assert rows["sigma: splits applied"][1] == "1:2 from 2017-07-03"
    assert rows["r: interpolation weights"][1] == "10y 0.8, 20y 0.2"
    assert rows["q: dividend per share restated"][1] == 13.5
    # C x 12 years of a 1-yen right on 99 yen, by the same numbers the rows list
    assert rows["amount per right"][1] == SAR_EXPLAIN(*_explain_args(sigma)[:9])[-1][1]


def test_sar_explain_refuses_inputs_its_data_do_not_give() -> None:
    """A volatility typed over the one its data give is a short cell message, not a number."""
    from stockrights.excel.udfs import SAR_EXPLAIN

    out = SAR_EXPLAIN(*_explain_args(0.3))
    assert isinstance(out, str)
    assert out.startswith("#VALUE! volatility must be the value its data give (")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(0.1, 40), min_size=2, max_size=8, unique=True),
    st.data(),
)
def test_rate_weights_reproduce_the_interpolated_yield(
    tenors: list[float], data: st.DataObject
) -> None:
    """Weights are in [0, 1], sum to 1, pick neighbouring tenors, and re-give the yield."""
    tenors = sorted(tenors)
    yields = data.draw(st.lists(st.floats(-0.01, 0.05), min_size=len(tenors), max_size=len(tenors)))
    term = data.draw(st.floats(tenors[0], tenors[-1]))
    d = derive_rate(tenors_years=tenors, yields=yields, term_years=term)
    assert all(0.0 <= w <= 1.0 for w in d.weights)
    assert sum(d.weights) == pytest.approx(1.0, abs=1e-15)
    assert d.tenors_used[0] <= term <= d.tenors_used[-1]
    by_hand = sum(w * y for w, y in zip(d.weights, d.yields_used, strict=True))
    assert by_hand == pytest.approx(d.rate, abs=1e-15)


# --- inputs typed in rather than derived ("entered: <source>") --------------------------------

_ENTERED_VALUES = {
    "share_price": (120.0, "closing price in the board minutes"),
    "volatility": (0.30, "valuer's report"),
    "risk_free_rate": (0.004, "MoF JGB page"),
    "dividend_yield": (0.05, "the company's forecast"),
}


@settings(max_examples=30, deadline=None)
@given(st.sets(st.sampled_from(sorted(_ENTERED_VALUES))))
def test_entered_inputs_are_used_as_typed_and_the_others_traced(names: set[str]) -> None:
    """Each typed input keeps its value and source; every other one is derived as before."""
    full = _market()
    m = _market(entered={name: _ENTERED_VALUES[name] for name in names})
    lines = _lines(m)
    symbols = {"share_price": "S", "volatility": "sigma", "risk_free_rate": "r",
               "dividend_yield": "q"}  # fmt: skip
    for name, symbol in symbols.items():
        if name in names:
            value, source = _ENTERED_VALUES[name]
            assert getattr(m, name) == value
            assert lines[f"{symbol}: entered"] == (value, f"entered: {source}")
            assert not any(k.startswith(f"{symbol}: ") and k != f"{symbol}: entered" for k in lines)
        else:
            assert f"{symbol}: entered" not in lines
    for name in ("volatility", "risk_free_rate"):
        if name not in names:
            assert getattr(m, name) == getattr(full, name)
    if "share_price" not in names:
        assert m.share_price == 99.0
    if "dividend_yield" not in names:
        # 13.5 yen restated (27 before the 1:2 split) over the S used: 99, or the typed 120
        assert m.dividend_yield == pytest.approx(13.5 / m.share_price, rel=1e-15)


def test_entered_share_price_and_volatility_need_no_price_series() -> None:
    """With S and sigma typed, an empty price series is fine: r and q are still traced."""
    m = _market(
        dates=[],
        closes=[],
        window_start=None,
        entered={"share_price": (120.0, ""), "volatility": (0.3, "valuer's report")},
    )
    lines = _lines(m)
    assert lines["S: entered"] == (120.0, "entered: (source not stated)")
    assert lines["sigma: entered"] == (0.3, "entered: valuer's report")
    assert lines["q: dividend per share restated"][0] == 13.5
    assert m.dividend_yield == pytest.approx(13.5 / 120, rel=1e-15)


@pytest.mark.parametrize(
    ("entered", "message"),
    [
        ({"sigma": (0.3, "x")}, "entered must name one of share_price, volatility, "),
        ({"volatility": ("0.3", "x")}, "volatility must be a number, got "),
        ({"volatility": (float("nan"), "x")}, "volatility must be finite"),
    ],
)
def test_entered_refuses_unknown_names_and_non_numbers(
    entered: dict[str, tuple[object, str]], message: str
) -> None:
    with pytest.raises(InputError, match="^" + message.replace("(", r"\(")):
        _market(entered=entered)


def _sar_explain_sources(**sources: object) -> list[object]:
    order = ("share_price", "volatility", "risk_free_rate", "dividend_yield")
    return [sources.get(f"{name}_source") for name in order]


def test_sar_explain_says_which_inputs_were_entered() -> None:
    """Sigma typed as 0.30 from a valuer's report: S, r and q still traced to their data."""
    from stockrights.excel.udfs import SAR_EXPLAIN

    sources = _sar_explain_sources(volatility_source="valuer's report")
    args = [*_explain_args(0.3), "weekly", *sources]
    rows = {row[0]: row for row in SAR_EXPLAIN(*args)}
    assert rows["sigma: entered"][1:] == [0.3, "decimal/year", "entered: valuer's report"]
    assert "sigma: observations" not in rows
    assert rows["S: figure used"][1] == "close on 2017-07-14"
    assert rows["r: interpolation weights"][1] == "10y 0.8, 20y 0.2"
    assert rows["q: dividend per share restated"][1] == 13.5
    assert rows["amount per right"][1] == SAR_EXPLAIN(*_explain_args(0.3)[:9])[-1][1]
    # every input typed: the data cells may be blank
    typed = [*_explain_args(0.3)[:11], *[None] * 8, "weekly", *["board"] * 4]
    typed[5] = 0.05
    out = SAR_EXPLAIN(*typed)
    symbols = ("S", "sigma", "r", "q")
    assert [row[0] for row in out[:4]] == [f"{symbol}: entered" for symbol in symbols]


def test_sar_explain_without_sources_is_unchanged() -> None:
    """Blank sources (the default) give exactly the lines of the data-only call."""
    from stockrights.excel.udfs import SAR_EXPLAIN

    sigma = _hand_sigma()[2]
    blank = [*_explain_args(sigma), "weekly", None, "", None, " "]
    assert SAR_EXPLAIN(*blank) == SAR_EXPLAIN(*_explain_args(sigma))
