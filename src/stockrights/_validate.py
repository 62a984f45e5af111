"""Checks at the public entry points; each raises a one-line error naming field, rule, value.

Private: the public modules call these so that every message has the same shape,
``<field> must be <rule>, got <value>``.
"""

from __future__ import annotations

import math
import re
import unicodedata
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
    "number_text",
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


_NUMBER_TEXT = re.compile(
    r"[+-]?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
)
_CURRENCY_PREFIX = "¥"
_CURRENCY_SUFFIX = "円"
NUMBER_TEXT_RULE = "a number (thousands separators only in groups of three: 1,234.5)"
"""The rule a number typed as text must follow (quoted in the error message)."""


def number_text(field: str, text: str) -> float:
    """Read a number typed as text, whole, or raise an error naming ``field`` and the text.

    Accepted, after Unicode NFKC normalisation (full-width ``１２３``, ``％``, ``，`` become ASCII)
    and outer blanks: an optional sign, digits, an optional decimal point ``.`` and fraction, an
    optional exponent (``1e3``); commas only as thousands separators in groups of three before the
    point (``1,000``, ``12,345.6``); an optional ``¥`` before or ``円`` after; an optional
    trailing ``%`` (the value is divided by 100; a blank before it is allowed).

    Refused: a comma as a decimal mark or misplaced separator (``1,5``, ``1.000,5``,
    ``1,00,000``), blanks inside the number (``2 00``), underscores (``1_000``), anything else.
    Python's own ``float()`` would read ``"1_000"`` and full-width digits; the rule here is
    narrower on purpose: text that could mean two numbers is an error, not a guess.

    Examples
    --------
    >>> number_text("x", " 12,345.6 "), number_text("x", "３５％"), number_text("x", "¥1,234")
    (12345.6, 0.35, 1234.0)
    """
    cleaned = unicodedata.normalize("NFKC", text).strip()
    percent = cleaned.endswith("%")
    if percent:
        cleaned = cleaned[:-1].rstrip()
    if cleaned.startswith(_CURRENCY_PREFIX):
        cleaned = cleaned[1:].lstrip()
    elif cleaned.endswith(_CURRENCY_SUFFIX):
        cleaned = cleaned[:-1].rstrip()
    if not _NUMBER_TEXT.fullmatch(cleaned):
        looks_numeric = any(c.isdigit() for c in cleaned)  # "1,5" gets the rule, "abc" not
        rule = NUMBER_TEXT_RULE if looks_numeric else "a number"
        raise InputError(f"{field} must be {rule}, got {text!r}")
    digits = cleaned.replace(",", "")
    # A percent is divided in decimal, so "1.35%" is exactly 0.0135, not 0.013500000000000002.
    try:
        out = float(Decimal(digits) / 100) if percent else float(digits)
    except ArithmeticError:  # an exponent beyond Decimal's range ("1e9999999999%")
        out = math.inf
    if not math.isfinite(out):
        raise InputError(f"{field} must be finite, got {text!r}")
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
    if arr.size and rule in (None, "> 0", ">= 0"):  # the usual case: two reductions, no mask
        low, high = arr.min(), arr.max()  # (a NaN makes both NaN)
        within = rule is None or (low > 0.0 if rule == "> 0" else low >= 0.0)
        if np.isfinite(low) and np.isfinite(high) and within:
            return arr
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
