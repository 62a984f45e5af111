"""Grant terms and market inputs: what a valuation is made of (frozen, validated when built).

``GrantTerms`` holds what the board resolution fixes (clauses (1)-(5), (12)-(15)); ``MarketInputs``
holds the four market figures of clause (12), each with a note of where it came from, so that a
valuation can always say what it was computed from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from stockrights import _validate
from stockrights.dates import as_date
from stockrights.errors import InputError, LimitError
from stockrights.rounding import Rounding

if TYPE_CHECKING:  # the derivation module builds MarketInputs: import it for types only
    from stockrights.derivation import MarketDerivation

__all__ = ["Allotment", "GrantTerms", "MarketInputs"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Allotment:
    """Rights allotted to one category of persons (clause (15)).

    Attributes
    ----------
    category : str
        For example "Directors" or "Executive Officers"; not blank.
    persons : int
        Number of persons, >= 0.
    rights : int
        Number of rights, >= 0.
    """

    category: str
    persons: int
    rights: int

    def __post_init__(self) -> None:
        if not isinstance(self.category, str) or not self.category.strip():
            raise InputError(f"category must be a non-blank text, got {self.category!r}")
        object.__setattr__(self, "persons", _validate.integer("persons", self.persons, minimum=0))
        object.__setattr__(self, "rights", _validate.integer("rights", self.rights, minimum=0))


@dataclass(frozen=True, kw_only=True, slots=True)
class GrantTerms:
    """The terms of one series of stock acquisition rights, as the resolution fixes them.

    Attributes
    ----------
    series_name : str
        Name of the series (clause (1)).
    allotment_date : datetime.date
        Allotment date (clause (13)); also the valuation date of clause (12).
    exercise_period_start, exercise_period_end : datetime.date
        First and last day on which rights may be exercised (clause (5)), inclusive.
    maximum_rights : int
        Maximum number of rights (clause (2)), >= 1.
    allotments : tuple of Allotment
        Rights per category of persons (clause (15)). Their total may not exceed
        ``maximum_rights``.
    shares_per_right : int
        Shares delivered per right at allotment (clause (3)), default 200.
    exercise_price : float
        Yen per share paid on exercise (clause (4)), default 1.
    term_years : float
        Expected remaining period T used for pricing (clause (12)-4), years, default 15.
    rounding : Rounding
        How the per-right amount is rounded; default the resolution's ``per_right_up``.
    payment_date : datetime.date, optional
        Date of payment of the amount paid for the rights (払込期日, clause (14)); default the
        allotment date (both are 14 July 2017 in the resolution). In the 7th series the payment
        is made by offsetting the holders' remuneration claims (clause (12), last paragraph).

    Raises
    ------
    InputError
        For a bad field (the message names it), an exercise period that ends before it starts.
    LimitError
        When the allotted rights exceed ``maximum_rights``.
    """

    series_name: str
    allotment_date: dt.date
    exercise_period_start: dt.date
    exercise_period_end: dt.date
    maximum_rights: int
    allotments: tuple[Allotment, ...] = field(default=())
    shares_per_right: int = 200
    exercise_price: float = 1.0
    term_years: float = 15.0
    rounding: Rounding = Rounding.PER_RIGHT_UP
    payment_date: dt.date | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.series_name, str) or not self.series_name.strip():
            raise InputError(f"series_name must be a non-blank text, got {self.series_name!r}")
        set_ = object.__setattr__
        for name in ("allotment_date", "exercise_period_start", "exercise_period_end"):
            set_(self, name, as_date(getattr(self, name), field=name))
        payment = self.allotment_date if self.payment_date is None else self.payment_date
        set_(self, "payment_date", as_date(payment, field="payment_date"))
        if self.exercise_period_end < self.exercise_period_start:
            raise InputError(
                "exercise_period_end must be on or after exercise_period_start "
                f"({self.exercise_period_start.isoformat()}), "
                f"got {self.exercise_period_end.isoformat()}"
            )
        set_(
            self,
            "maximum_rights",
            _validate.integer("maximum_rights", self.maximum_rights, minimum=1),
        )
        set_(
            self,
            "shares_per_right",
            _validate.integer("shares_per_right", self.shares_per_right, minimum=1),
        )
        set_(self, "exercise_price", _validate.positive("exercise_price", self.exercise_price))
        set_(self, "term_years", _validate.positive("term_years", self.term_years))
        set_(self, "rounding", Rounding.parse(self.rounding, field="rounding"))
        allotments = tuple(self.allotments)
        for item in allotments:
            if not isinstance(item, Allotment):
                raise InputError(f"allotments must be Allotment records, got {item!r}")
        names = [a.category for a in allotments]
        if len(set(names)) != len(names):
            duplicate = next(n for n in names if names.count(n) > 1)
            raise InputError(f"allotments must name each category once, got {duplicate!r} twice")
        set_(self, "allotments", allotments)
        if self.total_rights > self.maximum_rights:
            raise LimitError(
                f"allotted rights must be <= maximum_rights ({self.maximum_rights}), "
                f"got {self.total_rights}"
            )

    @property
    def total_rights(self) -> int:
        """Rights allotted over all categories."""
        return sum(a.rights for a in self.allotments)

    @property
    def total_persons(self) -> int:
        """Persons allotted over all categories."""
        return sum(a.persons for a in self.allotments)


@dataclass(frozen=True, kw_only=True, slots=True)
class MarketInputs:
    """The market figures of clause (12), each with where it came from.

    Attributes
    ----------
    share_price : float
        S, yen per share, > 0 (clause (12)-2).
    volatility : float
        sigma, decimal per year, >= 0 (clause (12)-5).
    risk_free_rate : float
        r, decimal per year (clause (12)-6).
    dividend_yield : float
        q, decimal per year, >= 0 (clause (12)-7).
    dividend_per_share : float or None
        The dividend per share behind q, yen, if known (printed in the disclosure note).
    share_price_source, volatility_source, risk_free_rate_source, dividend_yield_source : str
        Where each figure came from (a data source, a computation, "illustrative").
    illustrative : bool
        True when the figures are made up for an example: every output then says so.
    derivation : MarketDerivation or None
        How each figure was derived from its data (:func:`stockrights.derive_market_inputs`);
        ``None`` when the figures were entered by hand. A derived figure must equal the field.
    """

    share_price: float
    volatility: float
    risk_free_rate: float
    dividend_yield: float
    dividend_per_share: float | None = None
    share_price_source: str = ""
    volatility_source: str = ""
    risk_free_rate_source: str = ""
    dividend_yield_source: str = ""
    illustrative: bool = False
    derivation: MarketDerivation | None = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "share_price", _validate.positive("share_price", self.share_price))
        set_(self, "volatility", _validate.non_negative("volatility", self.volatility))
        set_(self, "risk_free_rate", _validate.number("risk_free_rate", self.risk_free_rate))
        set_(self, "dividend_yield", _validate.non_negative("dividend_yield", self.dividend_yield))
        if self.dividend_per_share is not None:
            set_(
                self,
                "dividend_per_share",
                _validate.non_negative("dividend_per_share", self.dividend_per_share),
            )
        if self.derivation is not None:
            for name, derived in self.derivation.derived_values().items():
                if getattr(self, name) != derived:
                    raise InputError(
                        f"{name} must equal the value its derivation gives ({derived!r}), "
                        f"got {getattr(self, name)!r}"
                    )
