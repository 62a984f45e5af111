"""Risk-free rate by tenor from a JGB yield curve (clause 12-6): hand arithmetic and invariants."""

from __future__ import annotations

import doctest
import itertools
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stockrights import rates
from stockrights.errors import InputError, OutOfRangeError, SeriesError
from stockrights.rates import Compounding, rate_for_term

# An illustrative super-long JGB par-yield curve (decimals), shaped like those of mid-2017.
TENORS = [1, 2, 5, 10, 15, 20, 25, 30, 40]
YIELDS = [-0.0010, -0.0008, -0.0004, 0.0006, 0.0030, 0.0058, 0.0072, 0.0085, 0.0110]


@pytest.mark.parametrize(("tenor", "expected"), list(zip(TENORS, YIELDS, strict=True)))
def test_an_exact_tenor_returns_its_yield(tenor: float, expected: float) -> None:
    """At a published tenor the rate is that yield, unchanged (no interpolation error)."""
    assert rate_for_term(tenors_years=TENORS, yields=YIELDS, term_years=tenor) == expected


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        # 12.5 is halfway from 10 (0.0006) to 15 (0.0030): 0.0006 + 0.0024 * 2.5/5 = 0.0018
        (12.5, 0.0018),
        # 17 is 2/5 of the way from 15 (0.0030) to 20 (0.0058): 0.0030 + 0.0028 * 0.4 = 0.00412
        (17.0, 0.00412),
        # 1.5 is halfway from 1 (-0.0010) to 2 (-0.0008): -0.0009 (negative yields are legal)
        (1.5, -0.0009),
        # 35 is halfway from 30 (0.0085) to 40 (0.0110): 0.00975
        (35.0, 0.00975),
    ],
)
def test_interpolation_matches_hand_arithmetic(term: float, expected: float) -> None:
    """Between tenors the yield is interpolated linearly (worked by hand in the comments)."""
    got = rate_for_term(tenors_years=TENORS, yields=YIELDS, term_years=term)
    assert got == pytest.approx(expected, abs=1e-15)


def test_out_of_range_is_an_error_with_the_curve_span() -> None:
    """45 years on a 1-40 curve is refused with the exact message of the issue."""
    with pytest.raises(
        OutOfRangeError, match=r"^term_years must be within the curve 1 to 40, got 45$"
    ):
        rate_for_term(tenors_years=TENORS, yields=YIELDS, term_years=45)
    with pytest.raises(
        OutOfRangeError, match=r"^term_years must be within the curve 1 to 40, got 0\.5$"
    ):
        rate_for_term(tenors_years=TENORS, yields=YIELDS, term_years=0.5)


def test_extrapolation_is_flat_when_asked_for() -> None:
    """extrapolate=True holds the end yields: 45 years -> the 40-year yield, 0.5 -> the 1-year."""
    assert (
        rate_for_term(tenors_years=TENORS, yields=YIELDS, term_years=45, extrapolate=True) == 0.0110
    )
    assert (
        rate_for_term(tenors_years=TENORS, yields=YIELDS, term_years=0.5, extrapolate=True)
        == -0.0010
    )


def test_a_single_point_curve() -> None:
    """A curve of one tenor answers that tenor only (or everything, flat, when extrapolating)."""
    assert rate_for_term(tenors_years=[15], yields=[0.003], term_years=15) == 0.003
    assert (
        rate_for_term(tenors_years=[15], yields=[0.003], term_years=20, extrapolate=True) == 0.003
    )
    with pytest.raises(OutOfRangeError, match=r"within the curve 15 to 15, got 20$"):
        rate_for_term(tenors_years=[15], yields=[0.003], term_years=20)


@pytest.mark.parametrize("quoted", [0.0030, 0.0135, -0.0008, 0.05])
def test_continuous_conversion_of_a_semi_annual_yield(quoted: float) -> None:
    """Continuous compounding gives r with e^r = (1 + y/2)^2, i.e. r = 2 ln(1 + y/2)."""
    r = rate_for_term(
        tenors_years=[10, 20], yields=[quoted, quoted], term_years=15, compounding="continuous"
    )
    assert r == pytest.approx(2.0 * math.log(1.0 + quoted / 2.0), rel=1e-14)
    assert math.exp(r) == pytest.approx((1.0 + quoted / 2.0) ** 2, rel=1e-14)
    assert r < quoted or quoted < 0  # continuous compounding needs a lower rate for the same growth


def test_continuous_conversion_happens_after_interpolation() -> None:
    """Interpolate the quoted yields first: 12.5 years -> 0.0018 -> 2 ln(1.0009)."""
    r = rate_for_term(
        tenors_years=TENORS, yields=YIELDS, term_years=12.5, compounding=Compounding.CONTINUOUS
    )
    assert r == pytest.approx(2.0 * math.log(1.0009), rel=1e-12)


BAD_CURVES = [
    (dict(tenors_years=[]), SeriesError, r"^tenors_years must hold at least 1 tenor, got 0$"),
    (dict(tenors_years=[10, 20]), SeriesError,
     r"^yields must have one value per tenor \(2 tenors\), got 9$"),
    (dict(tenors_years=[1, 2, 5, 10, 20, 15, 25, 30, 40]), SeriesError,
     r"^tenors_years must be in increasing order, got 15 after 20 \(index 5\)$"),
    (dict(tenors_years=[1, 2, 5, 10, 10, 20, 25, 30, 40]), SeriesError,
     r"^tenors_years must be unique, got 10 after 10 \(index 4\)$"),
    (dict(tenors_years=[0, 2, 5, 10, 15, 20, 25, 30, 40]), InputError,
     r"^tenors_years must be > 0, got 0\.0$"),
    (dict(yields=[0.1, 0.2, 0.5, 0.6, 1.35, 1.5, 1.6, 1.7, 1.9]), InputError,
     r"^yields must be between -0\.02 and 0\.10 \(a decimal: 0\.005 for 0\.5 %\), got 0\.2: "
     r"did you mean 0\.2 %\?$"),
    (dict(tenors_years=[10, 20], yields=[0.1, 0.6], term_years=15), InputError,  # issue 8: 35 %
     r"^yields must be between -0\.02 and 0\.10 .* got 0\.6: did you mean 0\.6 %\?$"),
    (dict(yields=[math.nan] * 9), InputError, r"^yields must be finite, got nan$"),
    (dict(term_years=0), InputError, r"^term_years must be > 0, got 0$"),
    (dict(term_years=math.inf), InputError, r"^term_years must be finite, got inf$"),
    (dict(term_years="15"), InputError, r"^term_years must be a number, got '15'$"),
    (dict(compounding="annual"), InputError,
     r"^compounding must be one of as_quoted, continuous, got 'annual'$"),
    (dict(extrapolate="flat"), InputError, r"^extrapolate must be True or False, got 'flat'$"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "error", "message"), BAD_CURVES)
def test_a_bad_curve_or_argument_is_named(
    change: dict[str, object], error: type[Exception], message: str
) -> None:
    """Empty, mismatched, unsorted, repeated, non-positive or percent-typed inputs are refused."""
    arguments: dict[str, object] = dict(tenors_years=TENORS, yields=YIELDS, term_years=15)
    arguments.update(change)
    with pytest.raises(error, match=message):
        rate_for_term(**arguments)  # type: ignore[arg-type]


curves = st.lists(
    st.tuples(
        st.floats(min_value=0.25, max_value=50.0),
        st.floats(min_value=-0.01, max_value=0.05, allow_subnormal=False),
    ),
    min_size=2,
    max_size=12,
    unique_by=lambda p: p[0],
).map(sorted)


@given(curve=curves, where=st.floats(min_value=0.0, max_value=1.0))
def test_the_rate_stays_between_its_neighbours(
    curve: list[tuple[float, float]], where: float
) -> None:
    """An interpolated yield lies between the yields of the two tenors around the term."""
    tenors = [t for t, _ in curve]
    values = [y for _, y in curve]
    term = tenors[0] + where * (tenors[-1] - tenors[0])
    got = rate_for_term(tenors_years=tenors, yields=values, term_years=term)
    i = max(int(np.searchsorted(tenors, term)) - 1, 0)
    j = min(i + 1, len(tenors) - 1)
    low, high = sorted((values[i], values[j]))
    assert low - 1e-15 <= got <= high + 1e-15


@given(curve=curves)
def test_a_rising_curve_gives_rising_rates(curve: list[tuple[float, float]]) -> None:
    """With yields increasing in tenor, longer terms never get a lower rate."""
    tenors = [t for t, _ in curve]
    values = sorted(y for _, y in curve)
    terms = np.linspace(tenors[0], tenors[-1], 25)
    got = [rate_for_term(tenors_years=tenors, yields=values, term_years=float(t)) for t in terms]
    assert all(b >= a - 1e-15 for a, b in itertools.pairwise(got))


def test_the_docstring_examples_hold() -> None:
    """The examples in the module's docstrings run and give the printed results."""
    result = doctest.testmod(rates)
    assert result.attempted > 0
    assert result.failed == 0
