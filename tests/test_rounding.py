"""Yen and share rounding: the resolution's rules, float-safe, with the boundaries tested."""

from __future__ import annotations

import math
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from stockrights import InputError, Rounding, per_right_amount
from stockrights.exercise import capital_split
from stockrights.rounding import (
    MAX_EXACT,
    SNAP_ULPS,
    ceil_yen,
    floor_shares,
    half_up_yen,
    snap,
)


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
        (1e-10, 1),  # a true fraction, however small, rounds UP (was 0: an absolute snap)
        (5e-324, 1),  # the smallest positive float
        (1e-8, 1),
        (500000000000.5, 500000000001),  # half of 1,000,000,000,001 (was 500,000,000,000)
        (999999999999999.5, 1000000000000000),  # half a yen at 1e15: 4 ulps of 0.125, kept
        (999999999999998.5, 999999999999999),  # and the even neighbour: still up
        (1e15 + 0.375, 1000000000000001),  # 3 ulps above 1e15: a true fraction
        (1e15 + 0.25, 1000000000000000),  # 2 ulps: float noise at this size, absorbed
        (-0.5, 0),
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
    """Only values within SNAP_ULPS ulps of a whole number move."""
    assert snap(1.5) == 1.5
    assert snap(2.0000000000000004) == 2.0
    assert snap(1e-10) == 1e-10  # near 0 an ulp is 5e-324: nothing there is noise
    ulp = math.ulp(326489.0)
    assert snap(326489.0 + SNAP_ULPS * ulp) == 326489.0
    assert snap(326489.0 + (SNAP_ULPS + 1) * ulp) == 326489.0 + (SNAP_ULPS + 1) * ulp


@pytest.mark.parametrize(
    ("limit", "stock"),
    [
        (1, 1),
        (3, 2),
        (1_000_000_000_001, 500_000_000_001),  # issue 8: the relative snap gave 500,000,000,000
        (999_999_999_999_999, 500_000_000_000_000),
        (1_999_999_999_999_997, 999_999_999_999_999),  # x.5 with an even neighbour below
        (2**51 + 2, None),  # half is beyond 2^50: refused
        (10**15, 5 * 10**14),
        (2**50 - 1, 2**49),
    ],
)
def test_capital_split_rounds_half_up_to_the_yen_across_the_range(
    limit: int, stock: int | None
) -> None:
    """Clause (6): capital stock is half the limit, any fraction rounded up (hand arithmetic)."""
    if stock is None:
        with pytest.raises(InputError, match=r"^amount must be at most"):
            capital_split(upper_limit=limit)
        return
    split = capital_split(upper_limit=limit)
    assert (split.capital_stock, split.capital_reserve) == (stock, limit - stock)
    assert capital_split(upper_limit=float(limit)).capital_stock == stock


@given(st.integers(min_value=1, max_value=10**15))
def test_capital_split_equals_exact_integer_half_rounded_up(limit: int) -> None:
    """For every whole limit from 1 yen to 1e15, stock = ceil(limit / 2) exactly (int oracle)."""
    assert capital_split(upper_limit=float(limit)).capital_stock == (limit + 1) // 2


def test_amounts_beyond_two_to_the_fifty_are_refused() -> None:
    """Where a float's step reaches 0.25 yen a fraction cannot be told from noise: refused."""
    assert ceil_yen(float(MAX_EXACT)) == MAX_EXACT
    with pytest.raises(InputError, match=r"^amount must be at most 1,125,899,906,842,624 "):
        ceil_yen(float(MAX_EXACT) * 2)
    with pytest.raises(InputError, match=r"^shares must be at most"):
        floor_shares(1e300)


def test_integers_and_decimals_are_rounded_exactly() -> None:
    """An int or a Decimal needs no snap: a true 1e-20 fraction still rounds up."""
    assert ceil_yen(Decimal("326489.00000000000000000001")) == 326490
    assert ceil_yen(326489) == 326489
    assert half_up_yen(Decimal("676.5")) == 677
    assert floor_shares(Decimal("399.99999999999999999")) == 399


# The exact oracle across the register's range (1 yen to 1e15). A price with up to six decimals
# times a whole number of shares: the exact product P is a Decimal; the float path computes
# fl(fl(price) x shares). When P is whole the float is within 2 ulps of it (noise, absorbed);
# when P has a fraction farther than SNAP_ULPS + 2 ulps from a whole number the float can tell,
# and the result must be ceil(P). Hypothesis is steered to both cases.
@st.composite
def exact_products(draw: st.DrawFn) -> tuple[Decimal, int]:
    places = draw(st.integers(min_value=0, max_value=6))
    shares = draw(st.integers(min_value=1, max_value=10**6))
    whole = draw(st.booleans())
    top = 10**15 * 10**places // shares
    units = draw(st.integers(min_value=1, max_value=max(1, top)))
    if whole:  # make price x shares a whole number of yen
        step = 10**places // math.gcd(10**places, shares)
        units = max(step, units - units % step)
    return Decimal(units).scaleb(-places), shares


@settings(max_examples=3000, deadline=None)
@given(exact_products())
def test_clause_12_rounds_up_every_true_fraction_across_1_to_1e15(
    product: tuple[Decimal, int],
) -> None:
    """ceil_yen(fl(price) x shares) = ceil(price x shares) exactly, wherever a float can tell."""
    price, n = product
    exact = price * n
    if not 1 <= exact <= 10**15:
        return
    computed = float(price) * n
    got = per_right_amount(option_price=float(price), shares_per_right=n)
    ceiling = int(exact.to_integral_value(rounding=ROUND_CEILING))
    fraction_gap = min(exact - exact.to_integral_value(rounding=ROUND_FLOOR), ceiling - exact)
    if fraction_gap == 0:
        assert got == ceiling, (price, n, computed)  # whole: float noise absorbed
    elif fraction_gap > (SNAP_ULPS + 2) * Decimal(math.ulp(computed)):
        assert got == ceiling, (price, n, computed)  # a true fraction: always up
    else:  # below the float's resolution at this size: one of the two neighbours
        assert got in (ceiling - 1, ceiling)


@settings(max_examples=1000, deadline=None)
@given(st.integers(min_value=1, max_value=10**15), st.integers(min_value=2, max_value=10**6))
def test_a_fraction_of_one_millionth_of_a_share_is_floored_exactly(whole: int, denom: int) -> None:
    """floor_shares(fl(whole + k/denom)) is whole for a true fraction, whole+1 for a near-whole."""
    assume(math.ulp(float(whole)) * (SNAP_ULPS + 2) < 1 / denom)
    assert floor_shares(whole + 1 / denom) == whole
    assert floor_shares(math.nextafter(float(whole + 1), 0.0)) == whole + 1  # noise: absorbed


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


@settings(max_examples=1000, deadline=None)
@given(st.integers(min_value=1, max_value=10**15), st.sampled_from([0, 1, 2, 4, 6]), st.booleans())
def test_half_up_equals_exact_decimal_across_the_range(units: int, places: int, half: bool) -> None:
    """四捨五入 of fl(a) = exact half-up of a, for decimals a up to 1e15, halves included."""
    amount = Decimal(units).scaleb(-places)
    if half:  # steer to exact halves, the boundary of the rule
        amount = amount.to_integral_value(rounding=ROUND_FLOOR) + Decimal("0.5")
    if amount > 10**15:
        return
    exact = int(amount.to_integral_value(rounding=ROUND_HALF_UP))
    gap = abs(amount - amount.to_integral_value(rounding=ROUND_FLOOR) - Decimal("0.5"))
    if half or gap > (SNAP_ULPS + 2) * Decimal(math.ulp(float(amount))):
        assert half_up_yen(float(amount)) == exact
