"""Grant terms, market inputs and the valuation with its explanation."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import pytest

from stockrights import InputError, LimitError
from stockrights.example import example_market_inputs, seventh_series_terms
from stockrights.pricing import bsm_call_price
from stockrights.terms import Allotment, MarketInputs
from stockrights.valuation import rights_within_budget, value_grant, value_right


def test_example_terms_are_the_resolutions() -> None:
    """The built-in 7th series carries clauses (2)-(5), (12)-(15) of the resolution."""
    t = seventh_series_terms()
    assert t.allotment_date == dt.date(2017, 7, 14)
    assert (t.exercise_period_start, t.exercise_period_end) == (
        dt.date(2017, 7, 15),
        dt.date(2047, 7, 14),
    )
    assert (t.shares_per_right, t.exercise_price, t.term_years) == (200, 1.0, 15.0)
    assert [(a.category, a.persons, a.rights) for a in t.allotments] == [
        ("Directors", 7, 168),
        ("Executive Officers", 11, 77),
    ]
    assert t.total_rights == t.maximum_rights == 245


def test_allotment_above_the_maximum_is_an_error() -> None:
    """246 rights against a maximum of 245 is rejected (clause 2)."""
    t = seventh_series_terms()
    with pytest.raises(
        LimitError, match=r"^allotted rights must be <= maximum_rights \(245\), got 246$"
    ):
        dataclasses.replace(
            t, allotments=(*t.allotments, Allotment(category="Advisers", persons=1, rights=1))
        )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (dict(exercise_period_end=dt.date(2017, 7, 1)), "^exercise_period_end must be on or after"),
        (dict(maximum_rights=0), "^maximum_rights must be >= 1, got 0$"),
        (dict(shares_per_right=200.5), "^shares_per_right must be a whole number, got 200.5$"),
        (dict(allotment_date="July"), "^allotment_date must be a date"),
        (dict(series_name=" "), "^series_name must be a non-blank text"),
        (dict(rounding="banker"), "^rounding must be one of"),
    ],
)
def test_bad_terms_are_rejected(change: dict[str, object], message: str) -> None:
    """Each bad field of GrantTerms is named in a one-line error."""
    with pytest.raises(InputError, match=message):
        dataclasses.replace(seventh_series_terms(), **change)


def test_terms_accept_excel_serial_dates() -> None:
    """A date typed as an Excel serial becomes a real date."""
    t = dataclasses.replace(seventh_series_terms(), allotment_date=42930)
    assert t.allotment_date == dt.date(2017, 7, 14)


def test_market_inputs_validate() -> None:
    """A negative volatility in MarketInputs is rejected with its name."""
    with pytest.raises(InputError, match=r"^volatility must be >= 0, got -0.3$"):
        MarketInputs(share_price=2000, volatility=-0.3, risk_free_rate=0.0, dividend_yield=0.0)


def test_example_valuation_totals_follow_from_the_per_right_amount() -> None:
    """Totals are rights x per-right amount; shares are rights x 200; the sum over categories."""
    v = value_grant(seventh_series_terms(), example_market_inputs())
    m = example_market_inputs()
    c = bsm_call_price(
        share_price=m.share_price,
        exercise_price=1.0,
        term_years=15.0,
        volatility=m.volatility,
        risk_free_rate=m.risk_free_rate,
        dividend_yield=m.dividend_yield,
    )
    assert v.per_right_amount == math.ceil(c * 200)  # no float edge at this price (checked below)
    assert c * 200 % 1 > 1e-6
    assert [c.amount for c in v.categories] == [168 * v.per_right_amount, 77 * v.per_right_amount]
    assert v.total_amount == 245 * v.per_right_amount
    assert v.total_shares == 245 * 200
    assert v.fair_value_per_share == v.per_right_amount / 200


def test_every_output_of_the_example_says_it_is_illustrative() -> None:
    """The explanation and the disclosure note both open with the ILLUSTRATIVE warning."""
    v = value_grant(seventh_series_terms(), example_market_inputs())
    assert "ILLUSTRATIVE" in str(v.explain()[0].value)
    assert "ILLUSTRATIVE" in str(v.disclosure_note()[0].value)


def test_explanation_lets_an_auditor_reperform_the_price() -> None:
    """From the explain lines alone, C and the per-right amount are recomputed by hand."""
    r = value_right(
        share_price=716,
        exercise_price=1,
        term_years=3.6,
        volatility=0.27034,
        risk_free_rate=0.0009,
        dividend_yield=0.01536,
        shares_per_right=1,
    )
    lines = {ln.label: ln.value for ln in r.explain()}
    c = (
        lines["S share price"] * lines["e^(-qT)"] * lines["N(d)"]
        - lines["X exercise price"] * lines["e^(-rT)"] * lines["N(d - sigma sqrt(T))"]
    )
    assert c == pytest.approx(lines["C option price per share"], rel=1e-15)
    assert lines["amount per right"] == 677 == math.ceil(lines["C x shares per right (unrounded)"])
    assert list(lines)[:6] == [
        "S share price",
        "X exercise price",
        "T expected remaining period",
        "sigma volatility",
        "r risk-free rate",
        "q dividend yield",
    ]


def test_disclosure_note_items() -> None:
    """The note shows volatility, term, dividend (27 yen), rate, fair value, issue price."""
    v = value_grant(seventh_series_terms(), example_market_inputs())
    note = {ln.label.split(" ")[0]: ln.value for ln in v.disclosure_note()}
    assert note["予想配当"] == 27.0
    assert note["予想残存期間"] == 15.0
    assert note["発行価格"] == pytest.approx(1.0 + v.per_right_amount / 200)


@pytest.mark.parametrize(
    ("budget", "amount", "expected"),
    [
        (1_000_000, 326_485, 3),
        (979_455, 326_485, 3),
        (979_454, 326_485, 2),
        (0, 5, 0),
        (999.99, 1000, 0),
    ],
)
def test_rights_within_budget(budget: float, amount: int, expected: int) -> None:
    """floor(budget / amount), exact at the boundary (3 x 326,485 = 979,455)."""
    assert rights_within_budget(budget=budget, per_right_amount=amount) == expected


def test_grant_terms_are_frozen() -> None:
    """Terms cannot be changed after construction (a valuation's inputs stay what they were)."""
    t = seventh_series_terms()
    with pytest.raises(dataclasses.FrozenInstanceError):
        t.shares_per_right = 100  # type: ignore[misc]
