"""Exercises booked: shares, cash, capital stock and reserve, the journal (clauses 4, 6, 10)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stockrights.errors import InputError
from stockrights.exercise import CapitalSplit, JournalLine, capital_split, exercise_rights

# --- the capital split (clause 6) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("upper_limit", "stock", "reserve"),
    [
        pytest.param(1_000_000, 500_000, 500_000, id="even: half each"),
        pytest.param(1_000_001, 500_001, 500_000, id="odd: 500,000.5 rounded up to stock"),
        pytest.param(1, 1, 0, id="one yen: all to stock"),
        pytest.param(0, 0, 0, id="zero"),
        pytest.param(981_867, 490_934, 490_933, id="odd: 490,933.5 up"),
        pytest.param(326_489.00000000006, 163_245, 163_244, id="float noise is a whole yen"),
        pytest.param(2.0, 1, 1, id="whole float"),
    ],
)
def test_capital_split_by_hand(upper_limit: float, stock: int, reserve: int) -> None:
    """Capital stock = half the limit rounded up to the yen; reserve = the rest (hand-computed)."""
    assert capital_split(upper_limit=upper_limit) == CapitalSplit(
        upper_limit=stock + reserve, capital_stock=stock, capital_reserve=reserve
    )


@pytest.mark.parametrize(
    ("upper_limit", "message"),
    [
        (-1, r"^upper_limit must be >= 0, got -1$"),
        (1001.5, r"^upper_limit must be a whole number of yen, got 1001\.5$"),
        (float("nan"), r"^upper_limit must be finite, got nan$"),
        ("1000", r"^upper_limit must be a number, got '1000'$"),
        (None, r"^upper_limit must be a number, got None$"),
    ],
)
def test_bad_upper_limit_is_rejected(upper_limit: object, message: str) -> None:
    """A negative, fractional, NaN or non-numeric limit is a one-line InputError."""
    with pytest.raises(InputError, match=message):
        capital_split(upper_limit=upper_limit)  # type: ignore[arg-type]


@given(st.integers(0, 10**13))
def test_capital_split_invariants(limit: int) -> None:
    """Stock + reserve = limit, stock >= reserve, stock - reserve in {0, 1}, = (limit + 1) // 2."""
    split = capital_split(upper_limit=limit)
    assert split.capital_stock + split.capital_reserve == limit
    assert split.capital_stock >= split.capital_reserve
    assert split.capital_stock - split.capital_reserve in {0, 1}
    assert split.capital_stock == (limit + 1) // 2  # integer ceiling, no floats involved


# --- an exercise ---------------------------------------------------------------------------------


def test_exercise_of_three_rights_by_hand() -> None:
    """3 rights x 800 shares, 1 yen, book value 326,489 per right: every figure by hand."""
    # shares 3 x 800 = 2,400; cash 1 x 800 x 3 = 2,400; book value 326,489 x 3 = 979,467;
    # limit 2,400 + 979,467 = 981,867; stock ceil(490,933.5) = 490,934; reserve 490,933.
    r = exercise_rights(rights=3, shares_per_right=800, book_value_per_right=326_489)
    assert (r.rights, r.shares_per_right, r.exercise_price) == (3, 800, 1.0)
    assert r.shares_delivered == 2_400
    assert r.cash_paid == 2_400
    assert r.book_value == 979_467
    assert (r.upper_limit, r.capital_stock, r.capital_reserve) == (981_867, 490_934, 490_933)
    assert r.journal == (
        JournalLine(account="Cash and deposits (現金預金)", debit=2_400),
        JournalLine(account="Stock acquisition rights (新株予約権)", debit=979_467),
        JournalLine(account="Capital stock (資本金)", credit=490_934),
        JournalLine(account="Capital reserve (資本準備金)", credit=490_933),
    )


def test_exercise_with_an_even_limit() -> None:
    """2 rights x 400 shares, book 100,000 a right: limit 800 + 200,000 = 200,800, split evenly."""
    r = exercise_rights(rights=2, shares_per_right=400, book_value_per_right=100_000)
    assert (r.cash_paid, r.book_value, r.upper_limit) == (800, 200_000, 200_800)
    assert (r.capital_stock, r.capital_reserve) == (100_400, 100_400)


def test_exercise_price_other_than_one_yen() -> None:
    """Another plan: 2 yen per share x 150 shares x 3 rights = 900 yen cash."""
    r = exercise_rights(rights=3, shares_per_right=150, book_value_per_right=0, exercise_price=2)
    assert (r.cash_paid, r.upper_limit, r.capital_stock, r.capital_reserve) == (900, 900, 450, 450)


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        (dict(rights=2.5), r"^rights must be a whole number, got 2\.5$"),
        (dict(rights=0), r"^rights must be >= 1, got 0$"),
        (dict(shares_per_right=800.5), r"^shares_per_right must be a whole number, got 800\.5$"),
        (dict(shares_per_right=0), r"^shares_per_right must be >= 1, got 0$"),
        (dict(book_value_per_right=-1), r"^book_value_per_right must be >= 0, got -1$"),
        (
            dict(book_value_per_right=100.5),
            r"^book_value_per_right must be a whole number of yen, got 100\.5$",
        ),
        (dict(exercise_price=0), r"^exercise_price must be > 0, got 0$"),
        (
            dict(exercise_price=0.5, shares_per_right=401, rights=1),
            r"^cash_paid must be a whole number of yen, got 200\.5$",
        ),
    ],
)
def test_bad_exercise_is_rejected(kw: dict[str, object], message: str) -> None:
    """Partial rights, bad counts, book values or prices: one-line InputError naming the field."""
    args: dict[str, object] = dict(rights=1, shares_per_right=800, book_value_per_right=1000)
    args.update(kw)
    with pytest.raises(InputError, match=message):
        exercise_rights(**args)  # type: ignore[arg-type]


@given(st.integers(1, 10_000), st.integers(1, 100_000), st.integers(0, 10_000_000))
def test_exercise_invariants(rights: int, shares_per_right: int, book: int) -> None:
    """Shares = rights x shares; limit = cash + book value; the journal balances."""
    r = exercise_rights(rights=rights, shares_per_right=shares_per_right, book_value_per_right=book)
    assert r.shares_delivered == rights * shares_per_right == r.cash_paid
    assert r.upper_limit == r.cash_paid + book * rights
    assert sum(x.debit for x in r.journal) == sum(x.credit for x in r.journal) == r.upper_limit
    assert r.capital_stock - r.capital_reserve in {0, 1}
