"""Plausibility bounds: one table, checked by the core, the Excel face and the command line."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stockrights import InputError, bsm_call_price, rate_for_term
from stockrights.bounds import BOUNDS
from stockrights.excel.udfs import SAR_BS_PRICE, SAR_JGB_RATE, SAR_RIGHT_VALUE

GOGIN = dict(  # JP-GOGIN-2014 (../shared/cases): inside every bound
    share_price=716.0,
    exercise_price=1.0,
    term_years=3.6,
    volatility=0.27034,
    risk_free_rate=0.0009,
    dividend_yield=0.01536,
)
PRICED = ("volatility", "risk_free_rate", "dividend_yield")


def test_the_issue_reproducers_are_refused() -> None:
    """Q = 1 (100 %), sigma = 3 (300 %), yields 0.1/0.6 meant as percents: accepted on main."""
    with pytest.raises(InputError, match=r"^dividend_yield must be between .* did you mean 1 %\?$"):
        bsm_call_price(**{**GOGIN, "dividend_yield": 1.0})
    with pytest.raises(InputError, match=r"^volatility must be between .* did you mean 3 %\?$"):
        bsm_call_price(**{**GOGIN, "volatility": 3.0})
    assert SAR_JGB_RATE([10, 20], [0.1, 0.6], 15) == (
        "#VALUE! yields must be between -0.02 and 0.10 (a decimal: 0.005 for 0.5 %) "
        "(got 0.6: did you mean 0.6 %?)"
    )
    # The same curve typed as decimals gives 0.35 %, halfway (hand arithmetic).
    assert SAR_JGB_RATE([10, 20], [0.001, 0.006], 15) == pytest.approx(0.0035, abs=1e-15)


def test_the_bounds_are_those_documented() -> None:
    """The table is what docs/inputs.md and the bounds docstring state (a change is deliberate)."""
    table = {k: (b.low, b.high) for k, b in BOUNDS.items()}
    assert table == {
        "volatility": (0.0, 2.0),
        "risk_free_rate": (-0.02, 0.10),
        "yields": (-0.02, 0.10),
        "dividend_yield": (0.0, 0.20),
    }


def _outside(field: str) -> st.SearchStrategy[float]:
    bound = BOUNDS[field]
    low = st.floats(max_value=bound.low, exclude_max=True, allow_nan=False, allow_infinity=False)
    high = st.floats(min_value=bound.high, exclude_min=True, allow_nan=False, allow_infinity=False)
    return high if field != "risk_free_rate" else st.one_of(low, high)  # sign rules go first


@settings(max_examples=200, deadline=None)
@given(data=st.data(), field=st.sampled_from(PRICED))
def test_every_value_outside_a_bound_is_refused_everywhere(data: Any, field: str) -> None:
    """Fuzz: core, array path and Excel all refuse it, naming the field, with the percent hint."""
    value = data.draw(_outside(field))
    inputs = {**GOGIN, field: value}
    with pytest.raises(InputError) as scalar:
        bsm_call_price(**inputs)
    assert str(scalar.value).startswith(f"{field} must be between ")
    assert str(scalar.value).endswith(f"did you mean {value:g} %?")
    with pytest.raises(InputError) as array:
        bsm_call_price(**{**inputs, field: [GOGIN[field], value]})
    assert str(array.value) == str(scalar.value)
    cell = SAR_BS_PRICE(*inputs.values())
    assert isinstance(cell, str)
    assert cell.startswith(f"#VALUE! {field} must be between "), cell
    assert SAR_RIGHT_VALUE(*inputs.values(), 200).startswith(f"#VALUE! {field} must be between ")


@settings(max_examples=200, deadline=None)
@given(data=st.data(), field=st.sampled_from(PRICED))
def test_every_value_inside_a_bound_is_priced(data: Any, field: str) -> None:
    """Fuzz: the bounds are inclusive and nothing inside them is refused."""
    bound = BOUNDS[field]
    value = data.draw(st.floats(min_value=bound.low, max_value=bound.high))
    price = bsm_call_price(**{**GOGIN, field: value})
    assert math.isfinite(price)
    assert price >= 0


@settings(max_examples=100, deadline=None)
@given(st.floats(min_value=0.1, max_value=100, exclude_min=True))
def test_a_yield_curve_typed_in_percent_is_refused(percent: float) -> None:
    """Any curve point above 10 % is refused with the percent hint, never interpolated."""
    with pytest.raises(InputError, match=r"did you mean .* %\?$"):
        rate_for_term(tenors_years=[10, 20], yields=[0.001, percent], term_years=15)
