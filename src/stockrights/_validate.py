"""Checks at the public entry points; each raises a one-line error naming field, rule, value.

Private: the public modules call these so that every message has the same shape,
``<field> must be <rule>, got <value>``.
"""

from __future__ import annotations

import math
from decimal import Decimal
from enum import StrEnum
from numbers import Real
from typing import Any, Self

import numpy as np
import numpy.typing as npt

from stockrights.errors import InputError

__all__ = [
    "Option",
    "describe",
    "finite_array",
    "integer",
    "is_scalar",
    "non_negative",
    "number",
    "positive",
]


def describe(value: object) -> str:
    """Render a value for an error message: plain numbers, quoted text, no numpy reprs."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, np.ndarray):
        return f"array of shape {value.shape}"
    return repr(value)


def number(field: str, value: object) -> float:
    """Return ``value`` as a finite float; reject booleans, text, None, NaN and infinities."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, Real | Decimal | np.number):
        raise InputError(f"{field} must be a number, got {describe(value)}")
    try:
        out = float(value)
    except OverflowError:  # an int beyond the float range (10**400)
        raise InputError(f"{field} must be finite, got a number beyond 1e308") from None
    if not math.isfinite(out):
        raise InputError(f"{field} must be finite, got {describe(out)}")
    return out


def positive(field: str, value: object) -> float:
    """Return ``value`` as a float that is > 0."""
    out = number(field, value)
    if out <= 0.0:
        raise InputError(f"{field} must be > 0, got {describe(value)}")
    return out


def non_negative(field: str, value: object) -> float:
    """Return ``value`` as a float that is >= 0."""
    out = number(field, value)
    if out < 0.0:
        raise InputError(f"{field} must be >= 0, got {describe(value)}")
    return out


def integer(field: str, value: object, *, minimum: int | None = None) -> int:
    """Return ``value`` as an int; a float must be whole (2.0 is accepted, 2.5 is not)."""
    out = number(field, value)
    if not out.is_integer():
        raise InputError(f"{field} must be a whole number, got {describe(value)}")
    if minimum is not None and out < minimum:
        raise InputError(f"{field} must be >= {minimum}, got {describe(value)}")
    return int(out)


def is_scalar(*values: object) -> bool:
    """True when every value is a plain Python/numpy number (the fast scalar path applies)."""
    return all(isinstance(v, Real | np.number) and not isinstance(v, np.ndarray) for v in values)


def finite_array(field: str, value: Any, *, rule: str | None = None) -> npt.NDArray[np.float64]:
    """Return ``value`` as a float64 array that is finite and, with ``rule``, ``> 0``/``>= 0``.

    ``rule`` is one of ``None``, ``"> 0"``, ``">= 0"``. The message names the first bad element.
    """
    raw = np.asarray(value) if not isinstance(value, np.ndarray) else value
    if raw.ndim == 0 and raw.dtype.kind not in "iuf":
        number(field, value)  # raises the scalar message ("must be a number, got 'abc'")
    if raw.dtype.kind not in "iuf":
        raise InputError(f"{field} must be numbers, got {describe(value)}")
    arr = raw.astype(np.float64, copy=False)
    bad = ~np.isfinite(arr)
    if bad.any():
        raise InputError(f"{field} must be finite, got {describe(arr[bad].flat[0])}")
    if rule == "> 0":
        bad = arr <= 0.0
    elif rule == ">= 0":
        bad = arr < 0.0
    elif rule is not None:  # pragma: no cover - programming error, not input
        raise ValueError(f"unknown rule {rule!r}")
    if rule is not None and bad.any():
        raise InputError(f"{field} must be {rule}, got {describe(arr[bad].flat[0])}")
    return arr


class Option(StrEnum):
    """A StrEnum whose members are also accepted as their text.

    Matching ignores case, surrounding blanks, and treats ``-``, ``_`` and spaces alike, so a
    spreadsheet cell reading "Share exchange" or "absorption-type merger" parses.
    """

    @classmethod
    def parse(cls, value: object, *, field: str) -> Self:
        """Return the member named by ``value`` or raise an :class:`InputError` naming ``field``."""
        if isinstance(value, cls):
            return value
        text = (
            "_".join(value.strip().lower().replace("-", " ").replace("_", " ").split())
            if isinstance(value, str)
            else None
        )
        for member in cls:
            if text == member.value:
                return member
        allowed = ", ".join(m.value for m in cls)
        raise InputError(f"{field} must be one of {allowed}, got {describe(value)}")
