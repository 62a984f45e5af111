"""Rounding to the yen and to whole shares, safe against floating-point representation error.

The resolution rounds three ways, and every one must be right to the yen under audit:

- the amount paid per right (clause 12): C x shares per right, any fraction of a yen rounded UP;
- the increase in capital stock (clause 6): half the upper limit, any fraction rounded UP;
- shares (clauses 3 and 10): any fraction of a share rounded DOWN.

A product of floats that is mathematically a whole number can land a hair above or below it
(``1632.445 * 200`` is ``326489.00000000006``). A plain ceiling would then charge one yen too
many. Every function here first snaps a float that lies within :data:`SNAP_ULPS` units in the
last place (ulps) of a whole number onto that whole number, and only then rounds. The tolerance
is the float's own spacing, so it is what the float arithmetic that produced the value can get
wrong, and nothing more: a product ``fl(a) x n`` of a decimal typed as a float and a whole number
is less than 2 ulps from the exact product (two roundings of relative size 2^-53: the decimal
to the float, and the product). A true fraction farther than that is never absorbed: at 1 yen
an ulp is 2.2e-16 yen, at 1e12 yen 1.2e-4, at 1e15 yen 0.125 (so 2 ulps are 0.25 yen, half a yen
is 4 ulps away, and ``capital_split(1_000_000_000_001)`` gives 500,000,000,001). A positive
amount, however small, rounds up to 1 yen (near 0 nothing is noise). Integers and
:class:`decimal.Decimal` amounts are exact and are rounded exactly, with no snap.

Above :data:`MAX_EXACT` (2^50 = 1,125,899,906,842,624, more than 1e15) a float's spacing reaches
0.25 yen, 2 ulps reach half a yen, and a half could no longer be told from noise; such amounts
are refused.

The rule is proved in ``tests/test_rounding.py`` against an exact :class:`~decimal.Decimal`
oracle across 1 yen to 1e15 (Hypothesis) and at explicit boundaries.

Three conventions for the per-right amount are seen in public filings (``../shared/cases``):

=====================  ============================================================
``per_right_up``       C x shares, fraction of a yen rounded up (the resolution's rule)
``per_share_up``       C rounded up to the yen, then x shares
``per_share_half_up``  C rounded half-up to the yen (四捨五入), then x shares
=====================  ============================================================

For any C and shares >= 1: per_right_up <= per_share_up, and
per_share_half_up <= per_share_up (tested).
"""

from __future__ import annotations

import math
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from stockrights import _validate
from stockrights.errors import InputError

__all__ = [
    "MAX_EXACT",
    "SNAP_TOLERANCE",
    "SNAP_ULPS",
    "Rounding",
    "ceil_yen",
    "floor_shares",
    "half_up_yen",
    "per_right_amount",
    "snap",
]

SNAP_ULPS = 2
"""Units in the last place (of the whole number) within which a float counts as that number."""

MAX_EXACT = 2**50
"""Largest magnitude (yen or shares) these functions round: beyond it a float's step is 0.25."""

SNAP_TOLERANCE = 1e-9
"""Kept for compatibility, no longer used: the snap is :data:`SNAP_ULPS` ulps, not an absolute
distance (an absolute 1e-9 turned a true 1e-10 yen into 0 instead of 1)."""


class Rounding(_validate.Option):
    """How the per-right amount is rounded to the yen (see the module docstring)."""

    PER_RIGHT_UP = "per_right_up"
    PER_SHARE_UP = "per_share_up"
    PER_SHARE_HALF_UP = "per_share_half_up"


def snap(value: float) -> float:
    """Return the nearest whole number if ``value`` is within float noise of it, else ``value``.

    Float noise is at most :data:`SNAP_ULPS` ulps of that whole number (``math.ulp``); at 0
    nothing is noise, so a positive value however small is left alone (and rounds up to 1).

    >>> snap(326489.00000000006)
    326489.0
    >>> snap(326489.4), snap(500000000000.5), snap(1e-10)
    (326489.4, 500000000000.5, 1e-10)
    """
    if not math.isfinite(value):
        return value
    nearest = float(round(value))
    if nearest != 0.0 and abs(value - nearest) <= SNAP_ULPS * math.ulp(nearest):
        return nearest
    return value


def _amount(field: str, value: object) -> float | Decimal:
    """``value`` as an exact Decimal (an int or a Decimal) or a float, within :data:`MAX_EXACT`."""
    exact: Decimal | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        exact = Decimal(value)
    elif isinstance(value, Decimal) and value.is_finite():
        exact = value
    out: float | Decimal = exact if exact is not None else _validate.number(field, value)
    if not -MAX_EXACT <= out <= MAX_EXACT:
        raise InputError(
            f"{field} must be at most {MAX_EXACT:,} in magnitude (2^50: beyond it float noise "
            f"reaches half a unit), got {_validate.describe(value)}"
        )
    return out


def _round(field: str, value: object, mode: str) -> int:
    """Round an amount to a whole number by a Decimal rounding ``mode``, float noise snapped."""
    amount = _amount(field, value)
    if isinstance(amount, float):
        amount = Decimal(snap(amount))  # a float converts to Decimal exactly
    return int(amount.to_integral_value(rounding=mode))


def ceil_yen(amount: float) -> int:
    """Round an amount in yen up to the next whole yen, float-safe.

    >>> ceil_yen(326489.00000000006), ceil_yen(326489.0001), ceil_yen(1e-10)
    (326489, 326490, 1)
    """
    return _round("amount", amount, ROUND_CEILING)


def half_up_yen(amount: float) -> int:
    """Round an amount in yen half-up (四捨五入: .5 goes up) to a whole yen, float-safe.

    For negative amounts .5 goes away from zero, as 四捨五入 does. A float within
    :data:`SNAP_ULPS` ulps of a half is that half.

    >>> half_up_yen(676.5), half_up_yen(676.49999999999994), half_up_yen(676.4999)
    (677, 677, 676)
    """
    value = _amount("amount", amount)
    if isinstance(value, float):
        doubled = snap(2.0 * value)  # exact: halves become whole numbers, noise is snapped
        value = Decimal(doubled) / 2
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


def floor_shares(shares: float) -> int:
    """Round a number of shares down to a whole share, float-safe.

    >>> floor_shares(399.99999999999994), floor_shares(399.9)
    (400, 399)
    """
    return _round("shares", shares, ROUND_FLOOR)


def per_right_amount(
    *,
    option_price: float,
    shares_per_right: int,
    rounding: Rounding | str = Rounding.PER_RIGHT_UP,
) -> int:
    """Amount paid per right in whole yen: option price per share x shares per right, rounded.

    Parameters
    ----------
    option_price : float
        Option price per share C, in yen (>= 0), unrounded.
    shares_per_right : int
        Shares delivered per right (a whole number >= 1).
    rounding : Rounding or str
        ``per_right_up`` (default, clause 12 of the resolution), ``per_share_up`` or
        ``per_share_half_up``.

    Returns
    -------
    int
        Yen per right.

    Raises
    ------
    InputError
        For a negative or non-finite price, a non-whole or non-positive share count, or an
        unknown rounding mode.

    References
    ----------
    Resolution, clause (12): "multiplied by the Number of Shares Granted, with fractions of less
    than one (1) yen being rounded up". ``../shared/cases/README.md`` for the other two modes.

    Examples
    --------
    >>> per_right_amount(option_price=1632.445, shares_per_right=200)
    326489
    >>> per_right_amount(option_price=676.486, shares_per_right=1, rounding="per_share_half_up")
    676
    """
    price = _validate.non_negative("option_price", option_price)
    shares = _validate.integer("shares_per_right", shares_per_right, minimum=1)
    mode = Rounding.parse(rounding, field="rounding")
    if mode is Rounding.PER_RIGHT_UP:
        return ceil_yen(price * shares)
    if mode is Rounding.PER_SHARE_UP:
        return ceil_yen(price) * shares
    return half_up_yen(price) * shares
