"""Plausibility bounds on rates, yields and volatility: the one table every face checks against.

A rate typed as a percent number (``0.5`` meant as 0.5 %, ``27`` meant as 27 %) is the commonest
silent error in a valuation: the formula accepts it and returns a plausible-looking price. The
bounds below are what a company listed in Japan can meet, with a wide margin, so that a value
outside them is almost surely a percent typed as a number; the error says so.

==================  ======  =====  ===========================================================
field               low     high   why
==================  ======  =====  ===========================================================
``volatility``      0       2.00   Annualised volatility of a TSE stock over the multi-year
                                   windows these plans use: published grants show 20-60 %
                                   (21.30 % Nagase 2006, 27.034 % Gogin 2014, 30.00 % in a
                                   typical note); young growth stocks reach about 100 %.
                                   200 % is twice that; 3 (300 %) is a percent typed as a
                                   number.
``risk_free_rate``  -0.02   0.10   JGB yields as the Ministry of Finance publishes them
                                   (国債金利情報): the lowest about -0.4 % (short tenors under the
                                   Bank of Japan's negative rate, 2016-2020); since stock options
                                   became legal in Japan (1997) the highest, the super-long
                                   yields of 2025, stay below 4 %. 10 % is more than twice that
                                   and still refuses 0.5 meant as 0.5 %.
``yields``          -0.02   0.10   The same JGB yields, as the points of a curve.
``dividend_yield``  0       0.20   Dividend / share price of a TSE stock: the market average
                                   is about 2-3 % and the highest single stocks stay below
                                   10 %; 20 % leaves room for a price that has collapsed.
==================  ======  =====  ===========================================================

The sign rules (volatility and dividend yield >= 0) are checked first by the functions
themselves; a value outside a bound is then an :class:`~stockrights.errors.InputError` such as
``risk_free_rate must be between -0.02 and 0.10 (a decimal: 0.005 for 0.5 %), got 0.5: did you
mean 0.5 %?``.

References
----------
Ministry of Finance Japan, 国債金利情報 (``jgbcm_all.csv``, from 1974-09-24; see
``../shared/docs/data_sources.md`` §1). The JGB extremes above are our reading of that series,
not yet checked row by row against the file. Published grant inputs:
``../shared/cases/published.csv`` and ``../shared/docs/disclosure.md``. The bounds are
judgement with a margin, not a law: a company outside them (a volatility above 200 %) is told so
by this error and checks its inputs; docs/inputs.md says how the bounds were chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from stockrights.errors import InputError

__all__ = ["BOUNDS", "Bound", "check_bound"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Bound:
    """The plausible range of one input (decimals per year) and an example of the unit."""

    low: float
    high: float
    example: str
    """How a decimal is written, for the message: ``"0.005 for 0.5 %"``."""

    def message(self, field: str, value: float) -> str:
        """The one-line error for ``value`` outside this bound, naming ``field``."""
        return (
            f"{field} must be between {self.low:.2f} and {self.high:.2f} (a decimal: "
            f"{self.example}), got {value!r}: did you mean {value:g} %?"
        )


BOUNDS: dict[str, Bound] = {
    "volatility": Bound(low=0.0, high=2.0, example="0.27 for 27 %"),
    "risk_free_rate": Bound(low=-0.02, high=0.10, example="0.005 for 0.5 %"),
    "yields": Bound(low=-0.02, high=0.10, example="0.005 for 0.5 %"),
    "dividend_yield": Bound(low=0.0, high=0.20, example="0.02 for 2 %"),
}
"""The bounds of the module docstring, by glossary field name."""


def check_bound(field: str, value: Any, *, bound_of: str | None = None) -> None:
    """Raise an :class:`InputError` if ``value`` (a number or an array) leaves its bound.

    Parameters
    ----------
    field : str
        Name used in the message (an argument, a cell, a command-line flag).
    value : float or array_like
        Finite numbers, already checked as such.
    bound_of : str, optional
        The key of :data:`BOUNDS` when ``field`` is not one (``"--risk-free-rate"``).

    Examples
    --------
    >>> check_bound("risk_free_rate", 0.0035)
    >>> check_bound("risk_free_rate", 0.5)
    Traceback (most recent call last):
    ...
    stockrights.errors.InputError: risk_free_rate must be between -0.02 and 0.10 (a decimal: \
0.005 for 0.5 %), got 0.5: did you mean 0.5 %?
    """
    bound = BOUNDS[bound_of or field]
    if type(value) is float or type(value) is int:  # the scalar path, no numpy
        if not bound.low <= value <= bound.high:
            raise InputError(bound.message(field, float(value)))
        return
    arr = np.asarray(value, dtype=np.float64)
    # Two reductions instead of a mask: no temporary array on the batch path.
    if arr.size and (arr.max() > bound.high or arr.min() < bound.low):
        bad = float(arr[(arr > bound.high) | (arr < bound.low)].flat[0])
        raise InputError(bound.message(field, bad))
