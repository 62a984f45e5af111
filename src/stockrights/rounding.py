"""Rounding to the yen and to whole shares, safe against floating-point representation error.

The resolution rounds three ways, and every one must be right to the yen under audit:

- the amount paid per right (clause 12): C x shares per right, any fraction of a yen rounded UP;
- the increase in capital stock (clause 6): half the upper limit, any fraction rounded UP;
- shares (clauses 3 and 10): any fraction of a share rounded DOWN.

A product of floats that is mathematically a whole number can land a hair above or below it
(``1632.445 * 200`` is ``326489.00000000006``). A plain ceiling would then charge one yen too
many. Every function here first snaps a value that lies within :data:`SNAP_TOLERANCE` (absolute,
in yen or shares) or 1e-12 relative of a whole number onto that whole number, and only then
rounds. The tolerance is far below any amount that has a meaning (a yen is 1, the finest published
input is 1e-5), and far above the error of a few float operations on values below 1e12.

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

from stockrights import _validate

__all__ = [
    "SNAP_TOLERANCE",
    "Rounding",
    "ceil_yen",
    "floor_shares",
    "half_up_yen",
    "per_right_amount",
    "snap",
]

SNAP_TOLERANCE = 1e-9
"""Absolute distance (yen or shares) within which a value counts as the whole number next to it."""

_RELATIVE_TOLERANCE = 1e-12


class Rounding(_validate.Option):
    """How the per-right amount is rounded to the yen (see the module docstring)."""

    PER_RIGHT_UP = "per_right_up"
    PER_SHARE_UP = "per_share_up"
    PER_SHARE_HALF_UP = "per_share_half_up"


def snap(value: float) -> float:
    """Return the nearest whole number if ``value`` is within tolerance of it, else ``value``.

    The tolerance is ``max(SNAP_TOLERANCE, 1e-12 * abs(value))``.

    >>> snap(326489.00000000006)
    326489.0
    >>> snap(326489.4)
    326489.4
    """
    if not math.isfinite(value):
        return value
    nearest = float(round(value))
    if abs(value - nearest) <= max(SNAP_TOLERANCE, _RELATIVE_TOLERANCE * abs(value)):
        return nearest
    return value


def ceil_yen(amount: float) -> int:
    """Round an amount in yen up to the next whole yen, float-safe.

    >>> ceil_yen(326489.00000000006), ceil_yen(326489.0001)
    (326489, 326490)
    """
    return math.ceil(snap(_validate.number("amount", amount)))


def half_up_yen(amount: float) -> int:
    """Round an amount in yen half-up (四捨五入: .5 goes up) to a whole yen, float-safe.

    For negative amounts .5 goes away from zero, as 四捨五入 does.

    >>> half_up_yen(676.5), half_up_yen(676.49999999999994), half_up_yen(676.4999)
    (677, 677, 676)
    """
    value = _validate.number("amount", amount)
    magnitude = math.floor(snap(abs(value) + 0.5))
    return magnitude if value >= 0 else -magnitude


def floor_shares(shares: float) -> int:
    """Round a number of shares down to a whole share, float-safe.

    >>> floor_shares(399.99999999999994), floor_shares(399.9)
    (400, 399)
    """
    return math.floor(snap(_validate.number("shares", shares)))


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
