"""An exercise booked: shares delivered, cash paid, capital stock and capital reserve.

When a holder exercises whole rights (clause (11)1): no partial exercise) and the company issues
new shares:

- shares delivered = rights x shares per right, any fraction of a share rounded down (clause
  (10); with a whole number of shares per right no fraction arises);
- cash paid = exercise amount per right (clause (4)) x rights;
- upper limit of the capital increase (Ordinance on Company Accounting, art. 17(1)) = cash paid
  + book value of the rights exercised (their amount paid at allotment per right x rights);
- capital stock = half the upper limit, any fraction of a yen rounded UP (clause (6)1));
- capital reserve = the upper limit less the capital stock (clause (6)2)).

Journal entry::

    Dr  Cash and deposits (現金預金)              cash paid
    Dr  Stock acquisition rights (新株予約権)      book value of the rights exercised
        Cr  Capital stock (資本金)                       capital stock
        Cr  Capital reserve (資本準備金)                 capital reserve

Not covered: delivering treasury shares instead of new shares (the limit is then pro-rated
by the new shares' share of the delivery, and the treasury shares' cost is credited), and
issue costs deducted from the limit. Where to exercise and when is checked by
:mod:`stockrights.windows`.

References
----------
Resolution (IIJ 7th series, 2017), clauses (4), (6), (10), (11)1). Ordinance on Company
Accounting (会社計算規則), art. 17(1). Companies Act, art. 445(2)-(3) (at least half of the
amount paid in goes to capital stock).
"""

from __future__ import annotations

from dataclasses import dataclass

from stockrights import _validate
from stockrights.adjustment import exercise_amount_per_right
from stockrights.errors import InputError
from stockrights.rounding import ceil_yen, floor_shares, snap

__all__ = ["CapitalSplit", "ExerciseResult", "JournalLine", "capital_split", "exercise_rights"]


def _whole_yen(field: str, value: object) -> int:
    """A non-negative amount that must be a whole number of yen (float noise is snapped)."""
    amount = snap(_validate.non_negative(field, value))
    if not amount.is_integer():
        raise InputError(f"{field} must be a whole number of yen, got {_validate.describe(value)}")
    return int(amount)


@dataclass(frozen=True, kw_only=True, slots=True)
class CapitalSplit:
    """The upper limit of a capital increase split into capital stock and capital reserve.

    Attributes
    ----------
    upper_limit : int
        Yen, >= 0.
    capital_stock : int
        Half the limit, fraction of a yen rounded up.
    capital_reserve : int
        The rest: ``upper_limit - capital_stock``.
    """

    upper_limit: int
    capital_stock: int
    capital_reserve: int

    def __post_init__(self) -> None:
        for name in ("upper_limit", "capital_stock", "capital_reserve"):
            object.__setattr__(self, name, _whole_yen(name, getattr(self, name)))
        if self.capital_stock + self.capital_reserve != self.upper_limit:
            raise InputError(
                f"capital_stock + capital_reserve must equal upper_limit ({self.upper_limit}), "
                f"got {self.capital_stock + self.capital_reserve}"
            )


def capital_split(*, upper_limit: float) -> CapitalSplit:
    """Split the upper limit of a capital increase into capital stock and capital reserve.

    ``capital_stock = ceil(upper_limit / 2)``, ``capital_reserve = upper_limit - capital_stock``.
    So stock + reserve = limit, and stock - reserve is 0 for an even limit and 1 for an odd one.

    Parameters
    ----------
    upper_limit : float
        Yen, a whole number >= 0 (a float within 1e-9 of one counts as that number).

    Returns
    -------
    CapitalSplit

    Raises
    ------
    InputError
        For a negative, non-finite or fractional limit.

    References
    ----------
    Resolution, clause (6)1)-2); Ordinance on Company Accounting, art. 17(1).

    Examples
    --------
    >>> capital_split(upper_limit=1_000_001)
    CapitalSplit(upper_limit=1000001, capital_stock=500001, capital_reserve=500000)
    """
    limit = _whole_yen("upper_limit", upper_limit)
    stock = ceil_yen(limit / 2)
    return CapitalSplit(upper_limit=limit, capital_stock=stock, capital_reserve=limit - stock)


@dataclass(frozen=True, kw_only=True, slots=True)
class JournalLine:
    """One line of a journal entry: the account and a debit or a credit in yen."""

    account: str
    debit: int = 0
    credit: int = 0


@dataclass(frozen=True, kw_only=True, slots=True)
class ExerciseResult:
    """An exercise of whole rights: shares, cash, capital and the journal entry.

    Attributes
    ----------
    rights : int
        Rights exercised, >= 1.
    shares_per_right : int
        Adjusted shares per right (clause (3)).
    exercise_price : float
        Yen per share.
    shares_delivered : int
        ``rights x shares_per_right`` rounded down (clause (10)).
    cash_paid : int
        Yen: exercise amount per right x rights (clause (4)).
    book_value_per_right : int
        Yen per right carried as stock acquisition rights (the amount paid at allotment).
    book_value : int
        ``book_value_per_right x rights``.
    capital : CapitalSplit
        Upper limit (= cash paid + book value), capital stock and capital reserve (clause (6)).
    journal : tuple of JournalLine
        Debit cash and stock acquisition rights; credit capital stock and capital reserve.
    """

    rights: int
    shares_per_right: int
    exercise_price: float
    shares_delivered: int
    cash_paid: int
    book_value_per_right: int
    book_value: int
    capital: CapitalSplit
    journal: tuple[JournalLine, ...]

    def __post_init__(self) -> None:
        debits = sum(line.debit for line in self.journal)
        credits = sum(line.credit for line in self.journal)
        if debits != credits:
            raise InputError(f"journal must balance (debits {debits}), got credits {credits}")
        if self.capital.upper_limit != self.cash_paid + self.book_value:
            raise InputError(
                f"capital.upper_limit must equal cash_paid + book_value "
                f"({self.cash_paid + self.book_value}), got {self.capital.upper_limit}"
            )

    @property
    def upper_limit(self) -> int:
        """Upper limit of the capital increase, yen."""
        return self.capital.upper_limit

    @property
    def capital_stock(self) -> int:
        """Increase in capital stock, yen."""
        return self.capital.capital_stock

    @property
    def capital_reserve(self) -> int:
        """Increase in capital reserve, yen."""
        return self.capital.capital_reserve


def exercise_rights(
    *,
    rights: int,
    shares_per_right: int,
    book_value_per_right: float,
    exercise_price: float = 1.0,
) -> ExerciseResult:
    """Book an exercise of whole rights by issuing new shares (clauses (4), (6), (10), (11)1)).

    ``shares = floor(rights x shares_per_right)``; ``cash = exercise_price x shares_per_right x
    rights``; ``limit = cash + book_value_per_right x rights``; ``capital stock = ceil(limit /
    2)``; ``capital reserve = limit - capital stock``.

    Parameters
    ----------
    rights : int
        Rights exercised, a whole number >= 1 (a right cannot be exercised in part).
    shares_per_right : int
        Shares per right on the exercise date after clause (3) adjustments (see
        :func:`stockrights.adjustment.adjusted_shares_per_right`), a whole number >= 1.
    book_value_per_right : float
        Yen per right recorded as stock acquisition rights in net assets: the amount paid per
        right at allotment (clause (12)), a whole number of yen >= 0.
    exercise_price : float
        Yen per share, > 0; default 1 (clause (4)). The cash paid must come to whole yen.

    Returns
    -------
    ExerciseResult

    Raises
    ------
    InputError
        For a fractional or non-positive number of rights or shares per right, a negative or
        fractional book value, an exercise price that is not > 0, or cash that is not whole yen.

    References
    ----------
    Resolution, clauses (4), (6), (10), (11)1); Ordinance on Company Accounting, art. 17(1).

    Examples
    --------
    Three rights of 800 shares with a book value of 326,489 yen per right (illustrative):
    cash 2,400; limit 2,400 + 979,467 = 981,867; capital stock 490,934; reserve 490,933.

    >>> r = exercise_rights(rights=3, shares_per_right=800, book_value_per_right=326_489)
    >>> r.shares_delivered, r.cash_paid, r.upper_limit, r.capital_stock, r.capital_reserve
    (2400, 2400, 981867, 490934, 490933)
    """
    count = _validate.integer("rights", rights, minimum=1)
    shares = _validate.integer("shares_per_right", shares_per_right, minimum=1)
    book_per_right = _whole_yen("book_value_per_right", book_value_per_right)
    price = _validate.positive("exercise_price", exercise_price)
    cash = _whole_yen(
        "cash_paid",
        exercise_amount_per_right(exercise_price=price, shares_per_right=shares) * count,
    )
    book = book_per_right * count
    capital = capital_split(upper_limit=cash + book)
    journal = (
        JournalLine(account="Cash and deposits (現金預金)", debit=cash),
        JournalLine(account="Stock acquisition rights (新株予約権)", debit=book),
        JournalLine(account="Capital stock (資本金)", credit=capital.capital_stock),
        JournalLine(account="Capital reserve (資本準備金)", credit=capital.capital_reserve),
    )
    return ExerciseResult(
        rights=count,
        shares_per_right=shares,
        exercise_price=price,
        shares_delivered=floor_shares(count * shares),
        cash_paid=cash,
        book_value_per_right=book_per_right,
        book_value=book,
        capital=capital,
        journal=journal,
    )
