"""Yen and share rounding: the resolution's rules, float-safe, with the boundaries tested."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stockrights import InputError, Rounding, per_right_amount
from stockrights.rounding import ceil_yen, floor_shares, half_up_yen, snap


def test_float_product_just_above_a_whole_yen_is_not_pushed_up() -> None:
    """128.77 x 100 is 12877.000000000002 in floats; the amount is 12877 yen, not 12878."""
    assert 128.77 * 100 > 12877  # the representation error this guards against
    assert math.ceil(128.77 * 100) == 12878  # a plain ceiling would charge one yen too many
    assert per_right_amount(option_price=128.77, shares_per_right=100) == 12877


def test_float_just_below_a_whole_share_is_not_pushed_down() -> None:
    """19.99 x 100 is 1998.9999999999998 in floats; that is 1999 whole shares."""
    assert math.floor(19.99 * 100) == 1998
    assert floor_shares(19.99 * 100) == 1999


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (326489.0, 326489),
        (326489.00000000006, 326489),  # representation error: snapped
        (326489.000001, 326490),  # a millionth of a yen is a real fraction: rounded up
        (326489.5, 326490),
        (0.0, 0),
        (1e-10, 0),  # below the absolute tolerance
        (1e-8, 1),  # above it
    ],
)
def test_ceil_yen_boundaries(amount: float, expected: int) -> None:
    """Ceiling to the yen just at, just above and well above a whole number."""
    assert ceil_yen(amount) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [(676.486, 676), (676.5, 677), (676.49999, 676), (0.5, 1), (-0.5, -1), (-676.486, -676)],
)
def test_half_up_boundaries(amount: float, expected: int) -> None:
    """四捨五入: .5 goes up (away from zero), anything below .5 goes down."""
    assert half_up_yen(amount) == expected


def test_snap_leaves_real_fractions_alone() -> None:
    """Only values within the tolerance of a whole number move."""
    assert snap(1.5) == 1.5
    assert snap(2.0000000000000004) == 2.0


@pytest.mark.parametrize(
    ("mode", "expected"),
    [("per_right_up", 326485), ("per_share_up", 1633 * 200), ("per_share_half_up", 1632 * 200)],
)
def test_three_conventions_on_one_price(mode: str, expected: int) -> None:
    """C = 1632.42411102 with 200 shares: ceil(C x 200), ceil(C) x 200, round-half-up(C) x 200."""
    assert per_right_amount(option_price=1632.42411102, shares_per_right=200, rounding=mode) == (
        expected
    )


# Four-decimal prices are exact in Decimal, an independent exact oracle for every rounding rule.
four_decimal_prices = st.integers(min_value=0, max_value=50_000_000).map(
    lambda n: Decimal(n).scaleb(-4)
)
shares = st.integers(min_value=1, max_value=10_000)


@given(four_decimal_prices, shares)
def test_per_right_up_equals_exact_decimal_ceiling(price: Decimal, n: int) -> None:
    """For decimal prices the float-safe ceiling equals the exact ceiling of C x shares."""
    exact = int((price * n).to_integral_value(rounding="ROUND_CEILING"))
    assert per_right_amount(option_price=float(price), shares_per_right=n) == exact


@given(four_decimal_prices, shares)
def test_per_share_modes_equal_exact_decimal_rounding(price: Decimal, n: int) -> None:
    """per_share_up and per_share_half_up equal exact Decimal rounding of C, times shares."""
    up = int(price.to_integral_value(rounding="ROUND_CEILING")) * n
    half = int(price.quantize(Decimal(1), rounding=ROUND_HALF_UP)) * n
    assert (
        per_right_amount(option_price=float(price), shares_per_right=n, rounding="per_share_up")
        == up
    )
    assert (
        per_right_amount(
            option_price=float(price), shares_per_right=n, rounding="per_share_half_up"
        )
        == half
    )


@given(st.floats(min_value=0.0, max_value=1e6), shares)
def test_rounding_modes_are_ordered(price: float, n: int) -> None:
    """per_right_up <= per_share_up and per_share_half_up <= per_share_up, all >= C x shares."""
    a = per_right_amount(option_price=price, shares_per_right=n, rounding=Rounding.PER_RIGHT_UP)
    b = per_right_amount(option_price=price, shares_per_right=n, rounding=Rounding.PER_SHARE_UP)
    c = per_right_amount(
        option_price=price, shares_per_right=n, rounding=Rounding.PER_SHARE_HALF_UP
    )
    assert a <= b
    assert c <= b
    assert a >= price * n - 1e-6 * max(1.0, price * n)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (dict(option_price=-1.0, shares_per_right=200), "option_price must be >= 0, got -1.0"),
        (
            dict(option_price=10.0, shares_per_right=2.5),
            "shares_per_right must be a whole number, got 2.5",
        ),
        (dict(option_price=10.0, shares_per_right=0), "shares_per_right must be >= 1, got 0"),
        (
            dict(option_price=10.0, shares_per_right=200, rounding="nearest"),
            "rounding must be one of per_right_up, per_share_up, per_share_half_up, got 'nearest'",
        ),
    ],
)
def test_bad_rounding_input_is_named(kwargs: dict[str, object], message: str) -> None:
    """Bad inputs to per_right_amount are rejected with the field, rule and value."""
    with pytest.raises(InputError) as info:
        per_right_amount(**kwargs)  # type: ignore[arg-type]
    assert str(info.value) == message


def test_rounding_mode_text_is_forgiving_about_case_and_dashes() -> None:
    """'Per-Share Up' from a spreadsheet cell parses as per_share_up."""
    assert Rounding.parse("Per-Share Up", field="rounding") is Rounding.PER_SHARE_UP
