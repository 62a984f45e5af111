"""Rights of a Restructured Company after a merger, demerger, share exchange or share transfer.

Clause (9) names six kinds of Organisational Restructuring, each with the company in one role
(the merger dissolves the company; the demerger splits it; the share exchange or transfer makes
it a wholly-owned subsidiary), and fixes the day each takes effect:

=============================  =====================================================
kind                           effective date
=============================  =====================================================
absorption-type merger         the day the absorption-type merger takes effect
incorporation-type merger      the day the company incorporated through it is established
absorption-type demerger       the day the absorption-type demerger takes effect
incorporation-type demerger    the day the company incorporated through it is established
share exchange                 the day the share exchange takes effect
share transfer                 the day the wholly-owning parent company is established
=============================  =====================================================

(The days of establishment are the days the new company's incorporation is registered.)

Each holder of rights remaining unexercised immediately before that day receives, if the
restructuring's agreement or plan so provides, rights of the Restructured Company:

- the same number of rights (9)1);
- shares per right = the shares per right adjusted under clause (3) immediately before the
  effective date x the restructuring's share ratio, any fraction of a share rounded down (9)3);
- exercise price 1 yen per share of the Restructured Company, and the exercise amount per right
  = 1 yen x those shares (9)4);
- exercise period from the later of the original start and the effective date, to the original
  end (9)5);
- the other terms carried over (9)2), 6)-9).

Clause (8) is separate: once the approval of a merger that dissolves the company, or of a share
exchange or share transfer that makes it a wholly-owned subsidiary, has been resolved, the
company may acquire the rights for nothing on a day its board fixes. Demergers are not in
clause (8).

References
----------
Resolution (IIJ 7th series, 2017), clauses (8) and (9); Companies Act, art. 236(1)(viii).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stockrights import _validate
from stockrights.adjustment import exercise_amount_per_right
from stockrights.dates import as_date
from stockrights.errors import InputError
from stockrights.rounding import floor_shares
from stockrights.sentences import OPTIONS, Sentence, say

__all__ = [
    "AcquisitionCheck",
    "CarriedTerm",
    "RestructuredRights",
    "Restructuring",
    "RestructuringKind",
    "map_to_restructured_company",
    "may_acquire_without_contribution",
]


class RestructuringKind(_validate.Option):
    """The six kinds of Organisational Restructuring of clause (9)."""

    ABSORPTION_TYPE_MERGER = "absorption_type_merger"
    INCORPORATION_TYPE_MERGER = "incorporation_type_merger"
    ABSORPTION_TYPE_DEMERGER = "absorption_type_demerger"
    INCORPORATION_TYPE_DEMERGER = "incorporation_type_demerger"
    SHARE_EXCHANGE = "share_exchange"
    SHARE_TRANSFER = "share_transfer"

    @property
    def label(self) -> str:
        """The kind in words ("absorption-type merger")."""
        return OPTIONS[f"RestructuringKind.{self.value}"].en

    @property
    def effective_date_rule(self) -> str:
        """What the effective date of this kind is (clause (9)), in English."""
        return str(self.effective_date_sentence)

    @property
    def effective_date_sentence(self) -> Sentence:
        """:attr:`effective_date_rule` as a sentence (Japanese or English)."""
        return say(f"restructuring.effective.{self.value}")

    @property
    def in_clause_8(self) -> bool:
        """True when its approval lets the company acquire the rights for nothing (clause (8))."""
        return self not in (
            RestructuringKind.ABSORPTION_TYPE_DEMERGER,
            RestructuringKind.INCORPORATION_TYPE_DEMERGER,
        )


@dataclass(frozen=True, kw_only=True, slots=True)
class Restructuring:
    """One Organisational Restructuring of the company (clauses (8), (9)).

    Attributes
    ----------
    kind : RestructuringKind or str
        One of the six kinds (``absorption_type_merger``, ``incorporation_type_merger``,
        ``absorption_type_demerger``, ``incorporation_type_demerger``, ``share_exchange``,
        ``share_transfer``; ``-`` for ``_`` and any case accepted).
    effective_date : date, datetime, ISO text or Excel serial
        The day it takes effect, under the kind's rule (``kind.effective_date_rule``): for an
        incorporation-type merger or demerger and a share transfer, the day the new company is
        established.
    share_ratio : float
        Shares of the Restructured Company per share of the company, > 0 (the merger, exchange
        or transfer ratio; for a demerger, the ratio its plan or agreement fixes).
    restructured_company : str
        Name of the Restructured Company, for the audit trail.
    approved_on : date, optional
        The day the shareholders' meeting (or the board, when no meeting is needed) resolved
        to approve the agreement or plan; on or before ``effective_date``.

    Raises
    ------
    InputError
        For an unknown kind, a ratio <= 0, a date that cannot be read, or an approval after
        the effective date.

    References
    ----------
    Resolution, clauses (8), (9).
    """

    kind: RestructuringKind
    effective_date: dt.date
    share_ratio: float
    restructured_company: str = ""
    approved_on: dt.date | None = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "kind", RestructuringKind.parse(self.kind, field="kind"))
        effective = as_date(self.effective_date, field="effective_date")
        set_(self, "effective_date", effective)
        set_(self, "share_ratio", _validate.positive("share_ratio", self.share_ratio))
        if not isinstance(self.restructured_company, str):
            raise InputError(
                f"restructured_company must be a text, got {self.restructured_company!r}"
            )
        if self.approved_on is not None:
            approved = as_date(self.approved_on, field="approved_on")
            if approved > effective:
                raise InputError(
                    f"approved_on must be on or before effective_date ({effective.isoformat()}), "
                    f"got {approved.isoformat()}"
                )
            set_(self, "approved_on", approved)


@dataclass(frozen=True, kw_only=True, slots=True)
class CarriedTerm:
    """A term of the original rights carried over to the Restructured Company's rights."""

    clause: str
    text: str


_CARRIED_TERMS = (
    CarriedTerm(clause="(9)2)", text="Class of shares: common stock of the Restructured Company."),
    CarriedTerm(
        clause="(9)6) -> (6)",
        text=(
            "Capital stock increases by half the upper limit of the capital increase, fraction "
            "of a yen rounded up; capital reserve by the rest."
        ),
    ),
    CarriedTerm(
        clause="(9)7) -> (7)",
        text=(
            "Acquisition by transfer needs the approval of the Restructured Company's board of "
            "directors."
        ),
    ),
    CarriedTerm(
        clause="(9)8) -> (8)",
        text=(
            "The Restructured Company may acquire the rights for nothing on the approval of a "
            "merger dissolving it, or of a share exchange or share transfer making it a "
            "wholly-owned subsidiary."
        ),
    ),
    CarriedTerm(
        clause="(9)9) -> (11)",
        text=(
            "No partial exercise; exercise only within 10 days from the day after losing the "
            "position of director or executive officer (not by death); one heir, within 6 "
            "months after inheriting; the heir's heir inherits nothing; no transfer or pledge."
        ),
    ),
)


@dataclass(frozen=True, kw_only=True, slots=True)
class RestructuredRights:
    """The rights of the Restructured Company delivered for the remaining rights (clause (9)).

    Attributes
    ----------
    restructuring : Restructuring
    rights : int
        Rights delivered = remaining rights (9)1).
    shares_per_right_before : int
        The company's adjusted shares per right immediately before the effective date.
    unrounded_shares_per_right : float
        ``shares_per_right_before x share_ratio``.
    shares_per_right : int
        Shares of the Restructured Company per right, rounded down (9)3).
    exercise_price : float
        Yen per share of the Restructured Company (1 yen) (9)4).
    exercise_amount_per_right : float
        ``exercise_price x shares_per_right``, yen (9)4).
    exercise_period_start, exercise_period_end : datetime.date
        The later of the original start and the effective date; the original end (9)5).
    carried_over : tuple of CarriedTerm
        The other terms, as text with their clauses (9)2), 6)-9).
    """

    restructuring: Restructuring
    rights: int
    shares_per_right_before: int
    unrounded_shares_per_right: float
    shares_per_right: int
    exercise_price: float
    exercise_amount_per_right: float
    exercise_period_start: dt.date
    exercise_period_end: dt.date
    carried_over: tuple[CarriedTerm, ...] = _CARRIED_TERMS

    def __post_init__(self) -> None:
        if self.exercise_period_end < self.exercise_period_start:
            raise InputError(
                "exercise_period_end must be on or after exercise_period_start "
                f"({self.exercise_period_start.isoformat()}), "
                f"got {self.exercise_period_end.isoformat()}"
            )


def map_to_restructured_company(
    *,
    rights: int,
    shares_per_right: int,
    restructuring: Restructuring,
    exercise_period_start: object,
    exercise_period_end: object,
    exercise_price: float = 1.0,
) -> RestructuredRights:
    """The Restructured Company's rights delivered for the remaining rights (clause (9)).

    ``shares per right = floor(shares_per_right x share_ratio)``; ``exercise amount per right =
    exercise_price x shares per right``; exercise period ``max(exercise_period_start,
    effective_date)`` to ``exercise_period_end``.

    Parameters
    ----------
    rights : int
        Remaining (unexercised) rights, a whole number >= 1.
    shares_per_right : int
        The company's shares per right adjusted under clause (3) immediately before the
        effective date (:func:`stockrights.adjustment.adjusted_shares_per_right` on the day
        before), a whole number >= 1.
    restructuring : Restructuring
        The kind, effective date and share ratio.
    exercise_period_start, exercise_period_end : date, datetime, ISO text or Excel serial
        The original exercise period (clause (5)); the effective date must not be after its end.
    exercise_price : float
        Yen per share of the Restructured Company, > 0; default 1 (clause (9)4)).

    Returns
    -------
    RestructuredRights

    Raises
    ------
    InputError
        For a bad count or price, an exercise period that ends before it starts, an effective
        date after the period's end (no rights remain), or a ratio that leaves less than one
        share per right.

    References
    ----------
    Resolution, clauses (3), (5), (9).

    Examples
    --------
    800 shares per right, a share exchange at 0.37 shares of the parent per share, effective
    2030-04-01 (illustrative): 800 x 0.37 = 296 shares, 296 yen per right, from 2030-04-01.

    >>> deal = Restructuring(kind="share_exchange", effective_date="2030-04-01", share_ratio=0.37)
    >>> new = map_to_restructured_company(rights=5, shares_per_right=800, restructuring=deal,
    ...     exercise_period_start="2017-07-15", exercise_period_end="2047-07-14")
    >>> new.rights, new.shares_per_right, new.exercise_amount_per_right, str(new.exercise_period_start)
    (5, 296, 296.0, '2030-04-01')
    """  # noqa: E501 - a doctest line cannot be wrapped
    count = _validate.integer("rights", rights, minimum=1)
    before = _validate.integer("shares_per_right", shares_per_right, minimum=1)
    if not isinstance(restructuring, Restructuring):
        raise InputError(f"restructuring must be a Restructuring, got {restructuring!r}")
    start = as_date(exercise_period_start, field="exercise_period_start")
    end = as_date(exercise_period_end, field="exercise_period_end")
    if end < start:
        raise InputError(
            f"exercise_period_end must be on or after exercise_period_start "
            f"({start.isoformat()}), got {end.isoformat()}"
        )
    effective = restructuring.effective_date
    if effective > end:
        raise InputError(
            f"effective_date must be on or before exercise_period_end ({end.isoformat()}) for "
            f"rights to remain, got {effective.isoformat()}"
        )
    unrounded = before * restructuring.share_ratio
    shares = floor_shares(unrounded)
    if shares < 1:
        raise InputError(
            f"share_ratio must leave at least one share per right ({before} x ratio, rounded "
            f"down), got {_validate.describe(restructuring.share_ratio)}"
        )
    price = _validate.positive("exercise_price", exercise_price)
    return RestructuredRights(
        restructuring=restructuring,
        rights=count,
        shares_per_right_before=before,
        unrounded_shares_per_right=unrounded,
        shares_per_right=shares,
        exercise_price=price,
        exercise_amount_per_right=exercise_amount_per_right(
            exercise_price=price, shares_per_right=shares
        ),
        exercise_period_start=max(start, effective),
        exercise_period_end=end,
    )


@dataclass(frozen=True, kw_only=True, slots=True)
class AcquisitionCheck:
    """Whether the company may acquire the rights for nothing on a date (clause (8)).

    ``why`` is the reason as a sentence (``why("ja")`` in Japanese), :attr:`reason` in English.
    """

    allowed: bool
    why: Sentence
    as_of: dt.date

    @property
    def reason(self) -> str:
        """One sentence in English."""
        return str(self.why)


def may_acquire_without_contribution(
    *, restructuring: Restructuring, as_of: object
) -> AcquisitionCheck:
    """Whether the company may acquire the rights without contribution on ``as_of`` (clause (8)).

    Yes when the restructuring is a merger (the company dissolves), a share exchange or a share
    transfer (the company becomes a wholly-owned subsidiary), its approval has been resolved on
    or before ``as_of``, and ``as_of`` is before the effective date (on that day the remaining
    rights are replaced under clause (9)). Demergers are not in clause (8). The acquisition
    itself happens on a day the board fixes; this says only that the option exists.

    Parameters
    ----------
    restructuring : Restructuring
        With ``approved_on`` set once the approval has been resolved.
    as_of : date, datetime, ISO text or Excel serial

    Returns
    -------
    AcquisitionCheck
        ``allowed`` and a one-sentence ``reason``.

    Raises
    ------
    InputError
        For a date that cannot be read or a ``restructuring`` of the wrong type.

    References
    ----------
    Resolution, clause (8).

    Examples
    --------
    >>> deal = Restructuring(kind="absorption-type-merger", effective_date="2030-04-01",
    ...                      share_ratio=0.5, approved_on="2030-01-20")
    >>> may_acquire_without_contribution(restructuring=deal, as_of="2030-02-01").allowed
    True
    """
    if not isinstance(restructuring, Restructuring):
        raise InputError(f"restructuring must be a Restructuring, got {restructuring!r}")
    day = as_date(as_of, field="as_of")
    kind = restructuring.kind
    effective = restructuring.effective_date

    def verdict(allowed: bool, why: Sentence) -> AcquisitionCheck:
        return AcquisitionCheck(allowed=allowed, why=why, as_of=day)

    if not kind.in_clause_8:
        return verdict(False, say("acquire.not_in_clause_8", kind=kind))
    approved = restructuring.approved_on
    if approved is None:
        return verdict(False, say("acquire.not_resolved", kind=kind))
    if day < approved:
        return verdict(False, say("acquire.resolved_later", kind=kind, approved=approved))
    if day >= effective:
        return verdict(False, say("acquire.took_effect", kind=kind, effective=effective))
    return verdict(True, say("acquire.may", kind=kind, approved=approved, effective=effective))
