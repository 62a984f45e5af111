"""The risk-free rate for a term, from a Japanese government bond yield curve (clause (12)-6).

Conventions:

- The curve is given as two parallel sequences: ``tenors_years`` (remaining years to maturity,
  > 0, strictly increasing) and ``yields`` (decimals, 0.0035 for 0.35 %, as published: JGB par
  yields are semi-annual bond-equivalent yields). One point is a legal curve.
- The rate for ``term_years`` is the yield at that tenor, linearly interpolated between the two
  neighbouring tenors; an exact tenor returns its yield unchanged.
- Outside the curve: an :class:`OutOfRangeError`, unless ``extrapolate=True``, which returns the
  yield at the nearest end of the curve (flat extrapolation: it never invents a slope the data
  do not show).
- ``compounding="as_quoted"`` (default) returns the interpolated quoted yield;
  ``"continuous"`` converts it, read as a semi-annually compounded yield y, to the continuously
  compounded rate ``2 ln(1 + y / 2)`` that the Black-Scholes formula assumes. Interpolation is
  always done on the quoted yields.

References
----------
Resolution (IIJ 7th series, 2017), clause (12)-6: "the interest rate on super-long-term Japanese
government bonds with remaining years corresponding to the expected remaining period". Ministry
of Finance Japan, "Interest Rate" (国債金利情報: JGB par yields by tenor, 1 to 40 years).
J. C. Hull, *Options, Futures, and Other Derivatives*, 10th ed., §4.2 (compounding frequency).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from stockrights import _validate
from stockrights.bounds import check_bound
from stockrights.errors import InputError, OutOfRangeError, SeriesError

__all__ = ["Compounding", "rate_for_term"]


class Compounding(_validate.Option):
    """How :func:`rate_for_term` returns the rate."""

    AS_QUOTED = "as_quoted"
    """The interpolated yield as published (semi-annual for JGB par yields)."""
    CONTINUOUS = "continuous"
    """Converted from semi-annual to continuous compounding: ``2 ln(1 + y / 2)``."""


def _curve(tenors_years: Any, yields: Any) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    tenors = _validate.finite_array("tenors_years", tenors_years, rule="> 0").ravel()
    values = _validate.finite_array("yields", yields).ravel()
    if tenors.size == 0:
        raise SeriesError("tenors_years must hold at least 1 tenor, got 0")
    if values.size != tenors.size:
        raise SeriesError(
            f"yields must have one value per tenor ({tenors.size} tenors), got {values.size}"
        )
    steps = np.diff(tenors)
    if (steps <= 0).any():
        i = int(np.flatnonzero(steps <= 0)[0])
        rule = "unique" if steps[i] == 0 else "in increasing order"
        raise SeriesError(
            f"tenors_years must be {rule}, got {tenors[i + 1]:g} after {tenors[i]:g} "
            f"(index {i + 1})"
        )
    check_bound("yields", values)  # -0.02 to 0.10: 0.6 for 0.6 % is refused, not read as 60 %
    return tenors, values


def rate_for_term(
    *,
    tenors_years: Any,
    yields: Any,
    term_years: float,
    compounding: Compounding | str = Compounding.AS_QUOTED,
    extrapolate: bool = False,
) -> float:
    """Risk-free rate r for a term: the JGB yield at that tenor, linearly interpolated.

    ``y(T) = y_i + (y_(i+1) - y_i) (T - t_i) / (t_(i+1) - t_i)`` for ``t_i <= T <= t_(i+1)``;
    with ``compounding="continuous"``, ``r = 2 ln(1 + y(T) / 2)``.

    Parameters
    ----------
    tenors_years : sequence of float
        Remaining years to maturity of the curve points, > 0, strictly increasing, at least one.
    yields : sequence of float
        Yield at each tenor, decimal per year (0.0035 for 0.35 %), -0.02 to 0.10 (the bound of
        :mod:`stockrights.bounds`: JGB yields have stayed far inside it); negative yields are
        legal.
    term_years : float
        T, the expected remaining period in years, > 0 (15 in the resolution).
    compounding : Compounding or str
        ``as_quoted`` (default) or ``continuous`` (see the module docstring).
    extrapolate : bool
        If True, a term outside the curve takes the yield of the nearest end (flat). Default
        False: such a term is an error.

    Returns
    -------
    float
        The rate, decimal per year.

    Raises
    ------
    OutOfRangeError
        For a term outside the curve when ``extrapolate`` is False.
    SeriesError
        For an empty curve, unsorted or repeated tenors, or a length mismatch.
    InputError
        For a non-finite or non-positive tenor or term, a non-finite yield, or a yield outside
        -0.02 to 0.10 (a percent typed as a number: "did you mean 0.6 %?").

    References
    ----------
    Resolution, clause (12)-6; Hull (10th ed.), §4.2.

    Examples
    --------
    Halfway between the 10-year (0.10 %) and 20-year (0.60 %) yields:

    >>> round(rate_for_term(tenors_years=[10, 20], yields=[0.001, 0.006], term_years=15), 10)
    0.0035
    >>> round(rate_for_term(tenors_years=[15], yields=[0.004], term_years=15,
    ...                     compounding="continuous"), 10)
    0.0039960053
    """
    tenors, values = _curve(tenors_years, yields)
    term = _validate.positive("term_years", term_years)
    mode = Compounding.parse(compounding, field="compounding")
    if not isinstance(extrapolate, bool):
        raise InputError(f"extrapolate must be True or False, got {extrapolate!r}")
    low, high = float(tenors[0]), float(tenors[-1])
    if not extrapolate and not low <= term <= high:
        raise OutOfRangeError(
            f"term_years must be within the curve {low:g} to {high:g}, got {term:g}"
        )
    # np.interp returns the end values outside [low, high]: the flat extrapolation documented.
    quoted = float(np.interp(term, tenors, values))
    if mode is Compounding.CONTINUOUS:
        return 2.0 * math.log1p(quoted / 2.0)
    return quoted
