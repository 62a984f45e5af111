"""Shares per right after share splits, consolidations and other adjustments (clauses (3), (4)).

The rule of clause (3), as this module applies it:

- a **split** applies from the day after its record date;
- a **consolidation** applies from the day it takes effect;
- a **conditional split** (a split conditional on the shareholders' meeting approving a reduction
  of surplus and an increase of capital stock and capital reserve, with its record date on or
  before the day the meeting closes) applies, once the meeting has closed, retroactively from the
  day after its record date. Seen on or before the day the meeting closes it does not apply yet;
- an **other** adjustment (the company's decision after a merger, demerger or the like, "within a
  reasonable range") applies from the effective date the company fixes, with the ratio it fixes.

Each adjustment multiplies the number in force by its ratio (shares after / shares before: 2 for
a 1:2 split, 0.5 for a 2:1 consolidation) and rounds any fraction of a share DOWN, one step at a
time in the order the adjustments apply. Step-by-step rounding is the resolution's rule and can
differ from one combined ratio: 201 shares through a 2:3 split (x 1.5) give 301.5 -> 301, then a
3:2 consolidation (x 2/3) gives 200.67 -> 200, where the combined ratio 1 would leave 201.

Only actions that apply after the allotment date count (clause (3): "after the date of
allotment"); earlier actions in the same table, such as the company's 1:200 split of 2012, are
listed as not applied, with the reason, so that one table of the company's corporate actions can
serve every series.

**One table for every use.** The same :class:`CorporateAction` table drives the three uses,
each with its own date:

- clause (3) here: the record date, effective date or meeting date, as above;
- the price series (:func:`stockrights.prices.adjust_for_splits`,
  :func:`stockrights.volatility.historical_volatility_estimate`): the share is quoted on the new
  basis from the **ex-rights date**, derived from the record date by the TSE settlement cycle of
  the time (:func:`stockrights.prices.ex_rights_dates`) unless the action gives
  ``ex_rights_date``;
- the dividend restatement (:func:`stockrights.dividends.restated_dividend`): a dividend is per
  old share when the action takes effect after the dividend's record date.

:func:`share_basis_changes` gives the actions that change the share basis (splits, conditional
splits, consolidations; an ``other`` adjustment changes only the rights) with their ex-rights
dates, for the audit trail.

References
----------
Resolution (IIJ 7th series, 28 June 2017), clauses (3) and (4).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from stockrights import _validate
from stockrights.dates import as_date
from stockrights.errors import InputError, SeriesError
from stockrights.prices import ExRightsDates, ExRightsSource, ex_rights_dates
from stockrights.rounding import floor_shares, snap
from stockrights.sentences import Sentence, say

__all__ = [
    "ActionKind",
    "AdjustmentStep",
    "BasisChange",
    "CorporateAction",
    "NotApplied",
    "SharesPerRight",
    "adjusted_shares_per_right",
    "ex_rights_sentence",
    "exercise_amount_per_right",
    "share_basis_changes",
]

_ONE_DAY = dt.timedelta(days=1)
_MONTH = dt.timedelta(days=31)  # more than any gap between an ex-rights date and its record date


class ActionKind(_validate.Option):
    """The kinds of corporate action that change the shares per right (clause (3))."""

    SPLIT = "split"
    """Share split: applies from the day after the record date."""
    CONSOLIDATION = "consolidation"
    """Share consolidation: applies from the day it takes effect."""
    CONDITIONAL_SPLIT = "conditional_split"
    """Split conditional on the meeting's approval: from the day after the meeting closes,
    retroactively to the day after the record date."""
    OTHER = "other"
    """Adjustment the company decides after a merger, demerger or the like: from its date."""


@dataclass(frozen=True, kw_only=True, slots=True)
class CorporateAction:
    """One corporate action that adjusts the shares per right (clause (3)).

    Attributes
    ----------
    kind : ActionKind or str
        ``split``, ``consolidation``, ``conditional_split`` or ``other``.
    ratio : float
        Shares after / shares before: 2 for a 1:2 split, 0.5 for a 2:1 consolidation, 1/3 for a
        3:1 consolidation. A split's ratio must be > 1, a consolidation's < 1 (so that a ratio
        typed the wrong way up is caught); an ``other`` ratio just > 0.
    record_date : date, datetime, ISO text or Excel serial, optional
        Required for a split and a conditional split.
    effective_date : date, optional
        Required for a consolidation and an ``other`` adjustment; for a split it is recorded
        for the audit trail only (the split applies from the day after the record date). Never
        before ``record_date``.
    meeting_date : date, optional
        Conditional split only (and required there): the day the shareholders' meeting closes.
        On or after ``record_date`` (the English text says "the day prior to the day on which
        said shareholders' meeting closes"; the Japanese standard wording, 終結の日以前の日,
        means on or before that day, which this accepts).
    order : int, optional
        Tie-break when two actions apply from the same day: the lower applies first. Without it
        two actions on one day are an error, because the step-by-step round-down makes their
        order matter.
    description : str
        Free text for the audit trail ("1:2 split, board resolution of 2020-11-05").
    ex_rights_date : date, optional
        The first trading day quoted on the new share basis, when it must override the one
        derived from ``record_date`` by the TSE settlement cycle (:meth:`ex_rights`): an action
        before 2009-11-16, or one the exchange dated otherwise. Before ``record_date``. Used
        only for price series and dividends, never by clause (3). Empty for an ``other``
        adjustment (it does not change the share basis).

    Raises
    ------
    InputError
        For an unknown kind, a ratio <= 0 or on the wrong side of 1 for its kind, a missing or
        superfluous date, an effective date before the record date, a meeting before the record
        date, an ex-rights date on or after the record date.

    References
    ----------
    Resolution, clause (3).

    Examples
    --------
    >>> split = CorporateAction(kind="split", ratio=2, record_date="2020-12-31")
    >>> split.applies_from(known_on=dt.date(2021, 1, 1))
    datetime.date(2021, 1, 1)
    """

    kind: ActionKind
    ratio: float
    record_date: dt.date | None = None
    effective_date: dt.date | None = None
    meeting_date: dt.date | None = None
    order: int | None = None
    description: str = ""
    ex_rights_date: dt.date | None = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        kind = ActionKind.parse(self.kind, field="kind")
        set_(self, "kind", kind)
        ratio = _validate.positive("ratio", self.ratio)
        if kind in (ActionKind.SPLIT, ActionKind.CONDITIONAL_SPLIT) and ratio <= 1.0:
            raise InputError(
                f"ratio must be > 1 for a {kind.value} (shares after / shares before; "
                f"use consolidation for fewer shares), got {_validate.describe(self.ratio)}"
            )
        if kind is ActionKind.CONSOLIDATION and ratio >= 1.0:
            raise InputError(
                "ratio must be < 1 for a consolidation (shares after / shares before, "
                f"0.5 for two shares into one), got {_validate.describe(self.ratio)}"
            )
        set_(self, "ratio", ratio)
        for name in ("record_date", "effective_date", "meeting_date", "ex_rights_date"):
            value = getattr(self, name)
            if value is not None:
                set_(self, name, as_date(value, field=name))
        needs = {
            ActionKind.SPLIT: ("record_date",),
            ActionKind.CONSOLIDATION: ("effective_date",),
            ActionKind.CONDITIONAL_SPLIT: ("record_date", "meeting_date"),
            ActionKind.OTHER: ("effective_date",),
        }[kind]
        for name in needs:
            if getattr(self, name) is None:
                raise InputError(f"{name} must be given for a {kind.value}, got None")
        if kind is not ActionKind.CONDITIONAL_SPLIT and self.meeting_date is not None:
            raise InputError(
                f"meeting_date must be empty for a {kind.value} (only a conditional_split "
                f"waits for a meeting), got {self.meeting_date.isoformat()}"
            )
        record = self.record_date
        if record is not None and self.effective_date is not None and self.effective_date < record:
            raise InputError(
                f"effective_date must be on or after record_date ({record.isoformat()}), "
                f"got {self.effective_date.isoformat()}"
            )
        if record is not None and self.meeting_date is not None and self.meeting_date < record:
            raise InputError(
                f"meeting_date must be on or after record_date ({record.isoformat()}), "
                f"got {self.meeting_date.isoformat()}"
            )
        ex = self.ex_rights_date
        if ex is not None and kind is ActionKind.OTHER:
            raise InputError(
                "ex_rights_date must be empty for an other adjustment (it changes the rights, not "
                f"the share basis), got {ex.isoformat()}"
            )
        if ex is not None and record is not None and ex >= record:
            raise InputError(
                f"ex_rights_date must be before record_date ({record.isoformat()}: the market "
                f"trades ex-rights before the record date), got {ex.isoformat()}"
            )
        if self.order is not None:
            set_(self, "order", _validate.integer("order", self.order))
        if not isinstance(self.description, str):
            raise InputError(f"description must be a text, got {self.description!r}")

    def scheduled_from(self) -> dt.date:
        """First day the action applies once it applies at all (ignoring a pending meeting)."""
        if self.kind in (ActionKind.SPLIT, ActionKind.CONDITIONAL_SPLIT):
            return _required(self.record_date, "record_date") + _ONE_DAY
        return _required(self.effective_date, "effective_date")

    def applies_from(self, *, known_on: object) -> dt.date | None:
        """First day the action applies, as known on ``known_on``; None while it is pending.

        A conditional split is pending on and before the day its meeting closes; from the next
        day it applies from the day after its record date. Other kinds never wait.
        """
        known = as_date(known_on, field="known_on")
        if self.kind is ActionKind.CONDITIONAL_SPLIT and known <= _required(
            self.meeting_date, "meeting_date"
        ):
            return None
        return self.scheduled_from()

    @property
    def changes_share_basis(self) -> bool:
        """True for a split, conditional split or consolidation; False for an ``other`` one."""
        return self.kind is not ActionKind.OTHER

    @property
    def legal_effective_date(self) -> dt.date:
        """The day the shares change in law: ``effective_date``, or the day after the record date.

        A dividend whose record date is before this day was paid on the shares before the action.
        """
        if self.effective_date is not None:
            return self.effective_date
        return _required(self.record_date, "record_date") + _ONE_DAY

    def ex_rights(self) -> ExRightsDates:
        """The first trading day quoted on the new basis, and how it was found.

        ``ex_rights_date`` when given; otherwise derived from ``record_date`` by the TSE
        settlement cycle of the time (:func:`stockrights.prices.ex_rights_dates`).

        Raises
        ------
        InputError
            For an ``other`` adjustment (no change of share basis), or a consolidation with
            neither a record date nor an ex-rights date.
        OutOfRangeError
            When the record date is outside the exchange calendar or before the current
            ex-date rule (2009-11-16): give ``ex_rights_date``.
        """
        if self.kind is ActionKind.OTHER:
            raise InputError(
                "kind must change the share basis to have an ex-rights date (split, "
                "conditional_split or consolidation), got other"
            )
        if self.ex_rights_date is not None:
            return ExRightsDates(
                ex_rights_date=self.ex_rights_date,
                source=ExRightsSource.GIVEN,
                record_date=self.record_date,
            )
        if self.record_date is None:
            raise InputError(
                f"record_date or ex_rights_date must be given for a {self.kind.value} used on a "
                "price series or a dividend (the day the market quotes the new basis), got "
                "neither"
            )
        return ex_rights_dates(record_date=self.record_date)

    def ex_rights_or_reason(self) -> tuple[ExRightsDates | None, str]:
        """:meth:`ex_rights` and its note, or None and why there is none (for an audit trail).

        For a listing that does not depend on the dates (clause (3), the audit of the table):
        an action whose ex-rights date cannot be had is reported, not raised. The note in
        English; :meth:`ex_rights_explained` gives it as a :class:`Sentence`.
        """
        found, note = self.ex_rights_explained()
        return found, str(note)

    def ex_rights_explained(self) -> tuple[ExRightsDates | None, Sentence]:
        """:meth:`ex_rights_or_reason` with the note as a sentence (Japanese or English)."""
        if not self.changes_share_basis:
            return None, say("action.ex_rights.other")
        try:
            found = self.ex_rights()
        except InputError as exc:  # OutOfRangeError included: the audit says why
            return None, say("action.ex_rights.error", error=str(exc))
        return found, ex_rights_sentence(found)

    @property
    def rule(self) -> str:
        """The clause (3) rule that fixes the first day, in words (English), for the audit trail."""
        return str(self.rule_sentence)

    @property
    def rule_sentence(self) -> Sentence:
        """:attr:`rule` as a sentence (Japanese or English)."""
        return say(
            f"action.rule.{self.kind.value}",
            record=self.record_date,
            effective=self.effective_date,
            meeting=self.meeting_date,
        )


def _required(day: dt.date | None, name: str) -> dt.date:
    """A date ``__post_init__`` guarantees for the kind (narrows the type for mypy)."""
    if day is None:  # pragma: no cover - unreachable after __post_init__
        raise InputError(f"{name} must be given, got None")
    return day


def ex_rights_sentence(found: ExRightsDates) -> Sentence:
    """The market's dates of an action in words (``found.explained``), for an audit."""
    return found.explained


@dataclass(frozen=True, kw_only=True, slots=True)
class AdjustmentStep:
    """One adjustment applied: the number before, the unrounded product and the number after.

    Attributes
    ----------
    action : CorporateAction
    applies_from : datetime.date
        First day the adjusted number applies.
    before : int
        Shares per right before the step.
    unrounded : float
        ``before x ratio``.
    after : int
        ``unrounded`` rounded down to a whole share (float-safe).
    rule_sentence : Sentence
        The clause (3) rule in words (:attr:`rule` in English).
    ex_rights : ExRightsDates or None
        The market's dates of the action (ex-rights date, last cum-rights day, settlement cycle),
        for the audit trail only: clause (3) does not use them. None when they cannot be had
        (``ex_rights_explained`` says why).
    ex_rights_explained : Sentence or None
        The market's dates in words, or why there are none (:attr:`ex_rights_note` in English).
    """

    action: CorporateAction
    applies_from: dt.date
    before: int
    unrounded: float
    after: int
    rule_sentence: Sentence
    ex_rights: ExRightsDates | None = None
    ex_rights_explained: Sentence | None = None

    @property
    def rule(self) -> str:
        """The clause (3) rule in words (English)."""
        return str(self.rule_sentence)

    @property
    def ex_rights_note(self) -> str:
        """``ex_rights.note``, or why there is none (English)."""
        return "" if self.ex_rights_explained is None else str(self.ex_rights_explained)

    @property
    def note(self) -> Sentence:
        """The rule and the market's dates together, as the audit table shows them."""
        return say(
            "action.step_note",
            rule=self.rule_sentence,
            ex_rights="" if self.ex_rights_explained is None else self.ex_rights_explained,
        )


@dataclass(frozen=True, kw_only=True, slots=True)
class NotApplied:
    """An action of the table that did not apply on the as-of date, and why.

    ``why`` is the reason as a sentence (``why("ja")`` in Japanese), :attr:`reason` in English.
    """

    action: CorporateAction
    why: Sentence

    @property
    def reason(self) -> str:
        """Why the action did not apply, in English."""
        return str(self.why)


@dataclass(frozen=True, kw_only=True, slots=True)
class SharesPerRight:
    """Shares per right on a date, as known on a date, with the steps that led to it.

    Attributes
    ----------
    shares_per_right : int
        The adjusted number of shares per right (>= 0).
    base_shares : int
        Shares per right at allotment (200 for the 7th series).
    as_of : datetime.date
        The day the number applies on.
    known_on : datetime.date
        The day the actions were seen from (matters only for a conditional split).
    allotment_date : datetime.date
    steps : tuple of AdjustmentStep
        Applied adjustments in the order they were applied.
    not_applied : tuple of NotApplied
        The other actions of the table with the reason each was not applied.
    """

    shares_per_right: int
    base_shares: int
    as_of: dt.date
    known_on: dt.date
    allotment_date: dt.date
    steps: tuple[AdjustmentStep, ...] = ()
    not_applied: tuple[NotApplied, ...] = ()

    def __post_init__(self) -> None:
        count = _validate.integer("shares_per_right", self.shares_per_right, minimum=0)
        base = _validate.integer("base_shares", self.base_shares, minimum=1)
        chain = base
        for step in self.steps:
            if step.before != chain:
                raise InputError(
                    f"steps must chain (each before = the previous after, {chain}), "
                    f"got {step.before}"
                )
            chain = step.after
        if chain != count:
            raise InputError(
                f"shares_per_right must equal the last step's after ({chain}), got {count}"
            )

    def exercise_amount(self, *, exercise_price: float) -> float:
        """Yen paid on exercising one right: ``exercise_price x shares_per_right`` (clause 4)."""
        return exercise_amount_per_right(
            exercise_price=exercise_price, shares_per_right=self.shares_per_right
        )


def exercise_amount_per_right(*, exercise_price: float, shares_per_right: int) -> float:
    """Value of the assets contributed on exercising one right, in yen (clause (4)).

    ``exercise amount per right = exercise_price x shares_per_right``, with the shares per right
    after every clause (3) adjustment. Nothing is rounded (a float product is snapped onto a
    whole yen within 1e-9).

    Parameters
    ----------
    exercise_price : float
        Yen per share, > 0 (1 yen in the resolution).
    shares_per_right : int
        Adjusted shares per right, a whole number >= 0.

    Returns
    -------
    float
        Yen per right.

    Raises
    ------
    InputError
        For an exercise price that is not > 0 or a share count that is not a whole number >= 0.

    References
    ----------
    Resolution, clause (4); clause (9)4) after an Organisational Restructuring.

    Examples
    --------
    After the two 1:2 splits of 2021 and 2022 the 7th series delivers 800 shares per right:

    >>> exercise_amount_per_right(exercise_price=1, shares_per_right=800)
    800.0
    """
    price = _validate.positive("exercise_price", exercise_price)
    shares = _validate.integer("shares_per_right", shares_per_right, minimum=0)
    return snap(_validate.number("exercise amount per right", price * shares))


def _actions_tuple(actions: Iterable[object]) -> tuple[CorporateAction, ...]:
    if isinstance(actions, str | bytes | CorporateAction) or actions is None:
        raise InputError(
            f"actions must be a sequence of CorporateAction, got {_validate.describe(actions)}"
        )
    try:
        items = tuple(actions)
    except TypeError:
        raise InputError(
            f"actions must be a sequence of CorporateAction, got {_validate.describe(actions)}"
        ) from None
    out: list[CorporateAction] = []
    for i, item in enumerate(items):
        if not isinstance(item, CorporateAction):
            raise InputError(f"actions[{i}] must be a CorporateAction, got {item!r}")
        out.append(item)
    return tuple(out)


@dataclass(frozen=True, kw_only=True, slots=True)
class BasisChange:
    """A change of the share basis the market quotes on: an action from its ex-rights date.

    Attributes
    ----------
    action : CorporateAction
    ratio : float
        Shares after / shares before (the action's ratio).
    ex_rights : ExRightsDates
        The ex-rights date (derived or given) with the last cum-rights day and settlement cycle.
    """

    action: CorporateAction
    ratio: float
    ex_rights: ExRightsDates

    @property
    def ex_rights_date(self) -> dt.date:
        """First trading day quoted on the new basis."""
        return self.ex_rights.ex_rights_date

    @property
    def note(self) -> str:
        """The action and its market dates in words."""
        return f"{self.action.kind.value} x {self.ratio:g}: {self.ex_rights.note}"


def share_basis_changes(
    actions: Iterable[CorporateAction],
    *,
    quoted_after: object | None = None,
    quoted_until: object | None = None,
) -> tuple[BasisChange, ...]:
    """The actions of the table that change the share basis, with their ex-rights dates.

    Splits, conditional splits and consolidations count; an ``other`` adjustment changes only
    the rights (clause (3) last paragraph) and is left out. Sorted by ex-rights date.

    Parameters
    ----------
    actions : sequence of CorporateAction
        The company's table of corporate actions.
    quoted_after : date, optional
        Leave out actions whose record date is on or before this day without deriving their
        ex-rights date: the ex-rights date precedes the record date, so such an action changes
        no price dated on or after ``quoted_after`` (an old action in the table need not be
        datable).
    quoted_until : date, optional
        Leave out actions quoted ex-rights only after this day (their ex-rights date is later):
        the basis is then the one the market quotes on ``quoted_until``. An action whose record
        date is more than 31 days later is left out without being dated (the ex-rights date
        precedes the record date by a few business days).

    Returns
    -------
    tuple of BasisChange

    Raises
    ------
    InputError
        For an item that is not a CorporateAction, or a consolidation with neither a record
        date nor an ex-rights date.
    OutOfRangeError
        When an ex-rights date cannot be derived (see :meth:`CorporateAction.ex_rights`).
    SeriesError
        When two actions share an ex-rights date without distinct ``order`` values.

    Examples
    --------
    >>> (change,) = share_basis_changes([CorporateAction(kind="split", ratio=2,
    ...                                                  record_date="2020-12-31")])
    >>> str(change.ex_rights_date), change.ex_rights.settlement_cycle
    ('2020-12-29', 2)
    """
    items = _actions_tuple(actions)
    floor = None if quoted_after is None else as_date(quoted_after, field="quoted_after")
    ceiling = None if quoted_until is None else as_date(quoted_until, field="quoted_until")
    out: list[BasisChange] = []
    for action in items:
        if not action.changes_share_basis:
            continue
        latest = action.record_date or action.ex_rights_date or action.effective_date
        if floor is not None and latest is not None and latest <= floor:
            continue
        if (
            ceiling is not None
            and action.ex_rights_date is None
            and action.record_date is not None
            and action.record_date > ceiling + _MONTH
        ):
            continue
        change = BasisChange(action=action, ratio=action.ratio, ex_rights=action.ex_rights())
        if ceiling is not None and change.ex_rights_date > ceiling:
            continue
        out.append(change)
    out.sort(key=lambda c: (c.ex_rights_date, c.action.order or 0))
    by_day: dict[dt.date, list[BasisChange]] = {}
    for change in out:
        by_day.setdefault(change.ex_rights_date, []).append(change)
    for day, group in by_day.items():
        orders = [c.action.order for c in group]
        if len(group) > 1 and (None in orders or len(set(orders)) != len(orders)):
            raise SeriesError(
                "actions must give distinct order values when two change the share basis on one "
                f"ex-rights date, got {len(group)} on {day.isoformat()}"
            )
    return tuple(out)


def _check_same_day_order(actions: tuple[CorporateAction, ...]) -> None:
    """Two actions from the same day must carry distinct ``order`` values."""
    by_day: dict[dt.date, list[CorporateAction]] = {}
    for action in actions:
        by_day.setdefault(action.scheduled_from(), []).append(action)
    for day, group in sorted(by_day.items()):
        if len(group) < 2:
            continue
        orders = [a.order for a in group]
        if None in orders or len(set(orders)) != len(orders):
            kinds = " and ".join(a.kind.value for a in group)
            raise SeriesError(
                "actions must give distinct order values when two apply from the same day "
                f"(the round-down makes the order matter), got {kinds} from {day.isoformat()}"
            )


def adjusted_shares_per_right(
    *,
    base_shares: int,
    actions: Iterable[CorporateAction],
    as_of: object,
    allotment_date: object,
    known_on: object | None = None,
) -> SharesPerRight:
    """Shares per right that apply on ``as_of``, as known on ``known_on`` (clause (3)).

    Every action that applies after the allotment date and on or before ``as_of`` multiplies
    the number in force by its ratio, and any fraction of a share is rounded down, one step at
    a time in the order of the day each applies from (``order`` breaks a tie). See the module
    docstring for the day each kind applies from.

    Parameters
    ----------
    base_shares : int
        Shares per right at allotment, a whole number >= 1 (200 in clause (3)).
    actions : sequence of CorporateAction
        The company's corporate actions, in any order; actions before the allotment are
        reported as not applied.
    as_of : date, datetime, ISO text or Excel serial
        The day the number is wanted for; on or after ``allotment_date``.
    allotment_date : date, datetime, ISO text or Excel serial
        Allotment date of the series (clause (13)); only later actions adjust.
    known_on : date, optional
        The day the actions are seen from; default ``as_of``. A conditional split applies only
        when ``known_on`` is after the day its meeting closes: seen from that day on, it
        applies back to the day after its record date.

    Returns
    -------
    SharesPerRight
        ``shares_per_right`` (the int), the ``steps`` applied and the actions ``not_applied``
        with reasons.

    Raises
    ------
    InputError
        For a base that is not a whole number >= 1, an item that is not a CorporateAction, a
        date that cannot be read, or ``as_of`` before ``allotment_date``.
    SeriesError
        When two actions apply from the same day without distinct ``order`` values.

    References
    ----------
    Resolution, clause (3).

    Examples
    --------
    The 7th series (200 shares at allotment on 2017-07-14) through the company's 1:2 splits with
    record dates 2020-12-31 and 2022-09-30:

    >>> splits = [CorporateAction(kind="split", ratio=2, record_date="2020-12-31"),
    ...           CorporateAction(kind="split", ratio=2, record_date="2022-09-30")]
    >>> [adjusted_shares_per_right(base_shares=200, actions=splits, as_of=day,
    ...                            allotment_date="2017-07-14").shares_per_right
    ...  for day in ("2020-12-31", "2021-01-01", "2022-09-30", "2022-10-01")]
    [200, 400, 400, 800]
    """
    base = _validate.integer("base_shares", base_shares, minimum=1)
    items = _actions_tuple(actions)
    day = as_date(as_of, field="as_of")
    allotted = as_date(allotment_date, field="allotment_date")
    known = day if known_on is None else as_date(known_on, field="known_on")
    if day < allotted:
        raise InputError(
            f"as_of must be on or after allotment_date ({allotted.isoformat()}), "
            f"got {day.isoformat()}"
        )
    after_allotment = tuple(a for a in items if a.scheduled_from() > allotted)
    _check_same_day_order(after_allotment)

    applied: list[tuple[dt.date, int, CorporateAction]] = []
    skipped: list[NotApplied] = []
    for action in items:
        if action not in after_allotment:
            skipped.append(
                NotApplied(
                    action=action,
                    why=say(
                        "action.skip.before_allotment",
                        start=action.scheduled_from(),
                        allotted=allotted,
                    ),
                )
            )
            continue
        start = action.applies_from(known_on=known)
        if start is None:
            skipped.append(
                NotApplied(
                    action=action,
                    why=say("action.skip.pending", meeting=action.meeting_date, known=known),
                )
            )
        elif start > day:
            skipped.append(
                NotApplied(action=action, why=say("action.skip.later", start=start, day=day))
            )
        else:
            applied.append((start, action.order or 0, action))

    steps: list[AdjustmentStep] = []
    shares = base
    for start, _, action in sorted(applied, key=lambda t: (t[0], t[1])):
        unrounded = shares * action.ratio
        after = floor_shares(unrounded)
        market, note = action.ex_rights_explained()
        steps.append(
            AdjustmentStep(
                action=action,
                applies_from=start,
                before=shares,
                unrounded=unrounded,
                after=after,
                rule_sentence=action.rule_sentence,
                ex_rights=market,
                ex_rights_explained=note,
            )
        )
        shares = after
    return SharesPerRight(
        shares_per_right=shares,
        base_shares=base,
        as_of=day,
        known_on=known,
        allotment_date=allotted,
        steps=tuple(steps),
        not_applied=tuple(skipped),
    )
