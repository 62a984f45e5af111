"""Who may exercise, and when: the exercise period and the holder's and the heir's windows.

The rules (clauses (5), (11)2)-3)), with the lengths as plan parameters and the resolution's
values as defaults:

- Rights are exercised only within the exercise period (15 July 2017 to 14 July 2047 for the 7th
  series), both days included.
- A holder still in office cannot exercise: the holder may exercise only within the window that
  follows the loss of the position of director or executive officer.
- **Holder's window**: "within ten (10) days from the day following the day the person loses his
  or her position". Read as: day 1 is the day after the loss, the last day is the loss date + 10
  days (the period starts at the beginning of the day after the loss, which is therefore counted,
  art. 140 proviso; the day of the loss is not). ``position_lost_on`` is the day the holder
  ceased to hold every position of director and executive officer (moving from one to the other
  is not a loss).
- Losing the position by death opens no holder's window. When a holder dies (in office, or
  after losing the position but before the holder's window closed), **one heir** inherits the
  rights and may exercise them within the **heir's window**: "within six (6) months after
  inheriting". The resolution does not say how the months are counted, so the Civil Code's
  general rules apply (art. 138): the day of inheriting is not counted (art. 140), so counting
  starts on the next day (起算日); a period in months ends on the day before the day of the final
  month that corresponds to that starting day, or, when the final month has no such day, on its
  last day (art. 143(2)). So: inherited on 15 May -> counted from 16 May -> ends 15 November;
  inherited on 28 February 2031 -> counted from 1 March (the start of a month) -> ends 31 August
  2031, the last day of the sixth month; inherited on 30 September -> ends 31 March; inherited
  on 30 August -> counted from 31 August -> February has no 31st -> ends 28 (29) February. The
  heir may exercise from the day of inheriting itself (the rights are the heir's from then).
- The heir's own heir inherits nothing: when the heir dies, nobody can exercise the rights.
- A window's length in months or years is reckoned the same way as the heir's (a year is 12
  months, art. 143(1)); in days, from the day after the event, that day included (day n is the
  event + n days). See :func:`period_last_day`.
- **A last day that is not a business day.** The resolution is silent, so by default the Civil
  Code's rule applies (art. 142): where it is customary not to transact on Sundays, national
  holidays and other holidays, the period ends on the following day; a run of closed days moves
  it to the first business day after them (``last_day_rule="following"``). Many plans state
  their own rule instead, usually the preceding business day (``"preceding"``) or no move
  (``"no_move"``): give the plan's rule as a plan parameter. The last day moves first and is
  then cut at the end of the exercise period (a date the resolution fixes, not a counted period:
  it is not moved) and before a death. Business days are the Tokyo Stock Exchange's sessions
  (XTKS, the holiday table shipped with the package: weekends, Japanese national holidays and the
  exchange's year-end closure 31 December to 3 January are closed; projected from the Holidays
  Act beyond about a year ahead, see :func:`stockrights.prices.tse_trading_days`) or, when a
  ``holidays`` list is given, Monday to Friday except those holidays. The rule applied is stated
  in the window's ``basis`` and in every reason.

Dates are compared by day: on the holder's date of death the heir, not the holder, is the one who
may exercise; on the heir's date of death nobody may.

References
----------
Resolution (IIJ 7th series, 2017), clauses (5), (11)1)-3). Civil Code (民法), arts. 138 (the
rules apply where the act is silent), 140 (the first day is not counted), 141 (the period ends
when the last day ends), 142 (a last day on a holiday), 143 (periods in weeks, months, years).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from stockrights import _validate
from stockrights.dates import as_date
from stockrights.errors import InputError, OutOfRangeError
from stockrights.prices import tse_trading_days
from stockrights.sentences import OPTIONS, Length, Sentence, Weekday, say
from stockrights.terms import GrantTerms

__all__ = [
    "Eligibility",
    "ExerciseRules",
    "ExerciseWindow",
    "Exerciser",
    "HolderStatus",
    "LastDayRule",
    "WindowUnit",
    "can_exercise",
    "exercise_windows",
    "period_last_day",
]

_ONE_DAY = dt.timedelta(days=1)
_SEARCH_DAYS = 31  # how far a last day may move to find a business day


class LastDayRule(_validate.Option):
    """What happens to a window's last day when it is not a business day."""

    NO_MOVE = "no_move"
    """It stays (a plan that says so)."""
    FOLLOWING = "following"
    """It moves to the next business day: the default, Civil Code art. 142 for a silent plan."""
    PRECEDING = "preceding"
    """It moves to the previous business day (a plan that says so: common wording)."""

    @property
    def label(self) -> str:
        """The rule in words, with where it comes from, for a reason text (English)."""
        return OPTIONS[f"LastDayRule.{self.value}"].en


class WindowUnit(_validate.Option):
    """The unit a window's length is counted in."""

    DAYS = "days"
    MONTHS = "months"
    YEARS = "years"


class Exerciser(_validate.Option):
    """Who exercises: the holder, or the one heir who inherited the rights."""

    HOLDER = "holder"
    HEIR = "heir"


@dataclass(frozen=True, kw_only=True, slots=True)
class ExerciseRules:
    """The plan's exercise period and window rules (clauses (5), (11)2)-3)).

    Attributes
    ----------
    exercise_period_start, exercise_period_end : date
        First and last day of the exercise period, both included.
    holder_window, holder_window_unit : int, WindowUnit
        Length of the holder's window after losing the position; default 10 days.
    heir_window, heir_window_unit : int, WindowUnit
        Length of the heir's window after inheriting; default 6 months.
    last_day_rule : LastDayRule
        A last day that is not a business day: ``following`` (default: the Civil Code's rule,
        art. 142, since the resolution is silent), ``preceding`` or ``no_move`` (a plan's own
        rule).
    holidays : tuple of date, optional
        Non-business weekdays. None: use the XTKS sessions of the shipped table (read only when
        a last day may move), which reach the end of the last year whose equinox holidays
        exchange_calendars listed when the table was generated (2040); beyond it, or for a
        holiday declared since, give holidays.

    Raises
    ------
    InputError
        For a period that ends before it starts, a length that is not a whole number >= 1, an
        unknown unit or rule, or a holiday that is not a date.

    References
    ----------
    Resolution, clauses (5), (11)2)-3).

    Examples
    --------
    >>> rules = ExerciseRules(exercise_period_start="2017-07-15", exercise_period_end="2047-07-14")
    >>> rules.holder_window, rules.holder_window_unit.value, rules.heir_window
    (10, 'days', 6)
    """

    exercise_period_start: dt.date
    exercise_period_end: dt.date
    holder_window: int = 10
    holder_window_unit: WindowUnit = WindowUnit.DAYS
    heir_window: int = 6
    heir_window_unit: WindowUnit = WindowUnit.MONTHS
    last_day_rule: LastDayRule = LastDayRule.FOLLOWING
    holidays: tuple[dt.date, ...] | None = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        start = as_date(self.exercise_period_start, field="exercise_period_start")
        end = as_date(self.exercise_period_end, field="exercise_period_end")
        if end < start:
            raise InputError(
                f"exercise_period_end must be on or after exercise_period_start "
                f"({start.isoformat()}), got {end.isoformat()}"
            )
        set_(self, "exercise_period_start", start)
        set_(self, "exercise_period_end", end)
        for name in ("holder_window", "heir_window"):
            set_(self, name, _validate.integer(name, getattr(self, name), minimum=1))
        for name in ("holder_window_unit", "heir_window_unit"):
            set_(self, name, WindowUnit.parse(getattr(self, name), field=name))
        set_(self, "last_day_rule", LastDayRule.parse(self.last_day_rule, field="last_day_rule"))
        raw: object = self.holidays
        if raw is not None:
            if isinstance(raw, str | bytes) or not isinstance(raw, Iterable):
                raise InputError(
                    f"holidays must be a sequence of dates, got {_validate.describe(raw)}"
                )
            days = {as_date(v, field=f"holidays[{i}]") for i, v in enumerate(raw)}
            set_(self, "holidays", tuple(sorted(days)))

    @classmethod
    def from_terms(cls, terms: GrantTerms) -> ExerciseRules:
        """The resolution's window rules with the exercise period of ``terms`` (clause (5))."""
        return cls(
            exercise_period_start=terms.exercise_period_start,
            exercise_period_end=terms.exercise_period_end,
        )


@dataclass(frozen=True, kw_only=True, slots=True)
class HolderStatus:
    """What has happened to one holder of rights, as far as the windows are concerned.

    Attributes
    ----------
    position_lost_on : date, optional
        The day the holder ceased to be a director or executive officer (every such position).
        None while in office. When the holder died in office, leave it empty or give the date of
        death: the position is then lost by death.
    died_on : date, optional
        The holder's date of death.
    inherited_on : date, optional
        The day the one heir inherited the rights (on or after ``died_on``; needs ``died_on``).
    heir_died_on : date, optional
        The heir's date of death (on or after ``inherited_on``): from that day nobody may
        exercise, since the heir's own heir inherits nothing.

    Raises
    ------
    InputError
        For a date that cannot be read, or dates out of order (a loss after the death, an
        inheritance before the death or without one, the heir's death before inheriting).

    References
    ----------
    Resolution, clause (11)2)-3).
    """

    position_lost_on: dt.date | None = None
    died_on: dt.date | None = None
    inherited_on: dt.date | None = None
    heir_died_on: dt.date | None = None

    def __post_init__(self) -> None:
        for name in ("position_lost_on", "died_on", "inherited_on", "heir_died_on"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, as_date(value, field=name))
        _in_order("position_lost_on", self.position_lost_on, "died_on", self.died_on, after=False)
        _needs("inherited_on", self.inherited_on, "died_on", self.died_on)
        _in_order("inherited_on", self.inherited_on, "died_on", self.died_on, after=True)
        _needs("heir_died_on", self.heir_died_on, "inherited_on", self.inherited_on)
        _in_order("heir_died_on", self.heir_died_on, "inherited_on", self.inherited_on, after=True)

    @property
    def lost_by_death(self) -> bool:
        """True when the holder died in office (the position was lost by death)."""
        return self.died_on is not None and (
            self.position_lost_on is None or self.position_lost_on == self.died_on
        )


def _needs(field: str, value: dt.date | None, other: str, other_value: dt.date | None) -> None:
    if value is not None and other_value is None:
        raise InputError(f"{field} must be empty while {other} is empty, got {value.isoformat()}")


def _in_order(
    field: str, value: dt.date | None, other: str, other_value: dt.date | None, *, after: bool
) -> None:
    """``value`` on or after (``after``) / on or before ``other_value``, when both are given."""
    if value is None or other_value is None:
        return
    if after and value < other_value:
        raise InputError(
            f"{field} must be on or after {other} ({other_value.isoformat()}), "
            f"got {value.isoformat()}"
        )
    if not after and value > other_value:
        raise InputError(
            f"{field} must be on or before {other} ({other_value.isoformat()}), "
            f"got {value.isoformat()}"
        )


@dataclass(frozen=True, kw_only=True, slots=True)
class ExerciseWindow:
    """The days on which one person may exercise, both included.

    Attributes
    ----------
    exerciser : Exerciser
        ``holder`` or ``heir``.
    opens, closes : datetime.date
        First and last day, after the business-day rule and cut to the exercise period (and,
        for a holder, to the day before death; for the heir, to the day before the heir's death).
    counted_last_day : datetime.date
        The last day by counting alone, before any move or cut (Civil Code arts. 140, 143).
    reckoning : Sentence
        How the window was reckoned, with the clause, the day counting started from and the
        last-day rule applied; ``reckoning("ja")`` in Japanese, :attr:`basis` in English.
    last_day_rule : LastDayRule
        The rule applied to a last day that is not a business day.
    """

    exerciser: Exerciser
    opens: dt.date
    closes: dt.date
    counted_last_day: dt.date
    reckoning: Sentence
    last_day_rule: LastDayRule = LastDayRule.FOLLOWING

    @property
    def basis(self) -> str:
        """How the window was reckoned, in English (``str(reckoning)``)."""
        return str(self.reckoning)


@dataclass(frozen=True, kw_only=True, slots=True)
class Eligibility:
    """Whether rights may be exercised on a date, and why (or why not).

    Attributes
    ----------
    allowed : bool
    why : Sentence
        The reason, with its facts: ``why("ja")`` in Japanese, :attr:`reason` in English.
    exercise_date : datetime.date
    exerciser : Exerciser or None
        Who would exercise on that date (None outside the exercise period).
    window : ExerciseWindow or None
        That person's window, when there is one.
    """

    allowed: bool
    why: Sentence
    exercise_date: dt.date
    exerciser: Exerciser | None = None
    window: ExerciseWindow | None = None

    @property
    def reason(self) -> str:
        """One readable sentence in English: "the window closed on 2030-04-10 (...)"."""
        return str(self.why)


def period_last_day(*, event: object, length: int, unit: WindowUnit | str) -> dt.date:
    """Last day of a period of ``length`` ``unit`` running after the day ``event`` (Civil Code).

    The rules of the Civil Code for a period the act does not count itself (art. 138):

    - the day of the event is not counted; counting starts on the next day, the starting day
      (起算日, art. 140);
    - in days: the period ends when its last day ends (art. 141): starting day + length - 1,
      that is ``event + length`` days;
    - in months or years (a year is 12 months): reckoned by the calendar (art. 143(1)); the
      period ends on the day before the day of the final month that corresponds to the starting
      day, and when the final month has no such day, on its last day (art. 143(2)). A period
      that starts on the 1st of a month therefore ends with the last day of the final month.

    No move for a holiday here (art. 142 is applied by the windows, see the module docstring).

    Parameters
    ----------
    event : date, datetime, ISO text or Excel serial
        The day of the event the period runs after (losing the position, inheriting).
    length : int
        Whole number >= 1.
    unit : WindowUnit or str
        ``days``, ``months`` or ``years``.

    Returns
    -------
    datetime.date

    Raises
    ------
    InputError
        For a date that cannot be read, a length that is not a whole number >= 1, an unknown
        unit.

    References
    ----------
    Civil Code (民法), arts. 138, 140, 141, 143.

    Examples
    --------
    Inherited on 28 February 2031: counted from 1 March, six months end on 31 August; inherited
    on 30 August 2030: counted from 31 August, February has no 31st, so 28 February 2031:

    >>> str(period_last_day(event="2031-02-28", length=6, unit="months"))
    '2031-08-31'
    >>> str(period_last_day(event="2030-08-30", length=6, unit="months"))
    '2031-02-28'
    >>> str(period_last_day(event="2030-03-31", length=10, unit="days"))
    '2030-04-10'
    """
    day = as_date(event, field="event")
    count = _validate.integer("length", length, minimum=1)
    kind = WindowUnit.parse(unit, field="unit")
    start = day + _ONE_DAY  # art. 140: the day of the event is not counted
    if kind is WindowUnit.DAYS:
        return start + dt.timedelta(days=count - 1)
    months = count * (12 if kind is WindowUnit.YEARS else 1)
    years, month_index = divmod(start.month - 1 + months, 12)
    year, month = start.year + years, month_index + 1
    month_end = calendar.monthrange(year, month)[1]
    if start.day > month_end:  # art. 143(2) proviso: no corresponding day in the final month
        return dt.date(year, month, month_end)
    return dt.date(year, month, start.day) - _ONE_DAY  # the day before the corresponding day


def _counted_end(event: dt.date, length: int, unit: WindowUnit) -> dt.date:
    """Last day of a window of ``length`` ``unit`` after the event day (see period_last_day)."""
    return period_last_day(event=event, length=length, unit=unit)


def _length(length: int, unit: WindowUnit) -> Length:
    return Length(length, unit.value)


def _business_day(day: dt.date, rule: LastDayRule, holidays: tuple[dt.date, ...] | None) -> dt.date:
    """``day`` moved to a business day under ``rule`` (unchanged for ``no_move``)."""
    if rule is LastDayRule.NO_MOVE:
        return day
    step = 1 if rule is LastDayRule.FOLLOWING else -1
    if holidays is not None:
        closed = frozenset(holidays)
        for i in range(_SEARCH_DAYS + 1):
            candidate = day + dt.timedelta(days=step * i)
            if candidate.weekday() < 5 and candidate not in closed:
                return candidate
        raise InputError(
            f"holidays must leave a business day within {_SEARCH_DAYS} days of "
            f"{day.isoformat()}, got none"
        )
    span = dt.timedelta(days=_SEARCH_DAYS)
    lo, hi = (day, day + span) if step > 0 else (day - span, day)
    try:
        sessions = tse_trading_days(start=lo, end=hi)
    except OutOfRangeError as exc:
        raise OutOfRangeError(
            f"holidays must be given to apply last_day_rule={rule.value} to the last day "
            f"{day.isoformat()} (or give last_day_rule=no_move), got None and the XTKS "
            f"calendar does not reach it ({exc})"
        ) from None
    if not sessions:  # pragma: no cover - the TSE never closes for a month
        raise OutOfRangeError(f"holidays must be given to move the last day {day.isoformat()}")
    return sessions[0] if step > 0 else sessions[-1]


def _moved_last_day(
    counted: dt.date, rules: ExerciseRules, cut_before: dt.date | None
) -> tuple[dt.date, Sentence]:
    """The last day after the holiday rule, and the words that say what was applied.

    A following move cannot matter when the counted day is already on or after the day the
    window is cut to (the end of the exercise period, the day before a death): the calendar is
    then not consulted.
    """
    rule = rules.last_day_rule
    if rule is LastDayRule.NO_MOVE:
        return counted, say("window.last_day.no_move", day=counted, rule=rule)
    limit, cut = rules.exercise_period_end, say("window.cut.period_end")
    if cut_before is not None and cut_before - _ONE_DAY < limit:
        limit, cut = cut_before - _ONE_DAY, say("window.cut.death")
    if rule is LastDayRule.FOLLOWING and counted >= limit:
        return counted, say("window.last_day.cut", day=counted, cut=cut, limit=limit)
    moved = _business_day(counted, rule, rules.holidays)
    if moved == counted:
        return counted, say("window.last_day.business_day", day=counted, rule=rule)
    return moved, say(
        "window.last_day.moved", day=counted, weekday=Weekday(counted), moved=moved, rule=rule
    )


def _window(
    *,
    exerciser: Exerciser,
    opens: dt.date,
    counted: dt.date,
    cut_before: dt.date | None,
    basis: str,
    facts: dict[str, object],
    rules: ExerciseRules,
) -> ExerciseWindow | None:
    """Move the last day, cut to the period (and before a death); None when nothing is left.

    ``basis`` is the key of the window's sentence, ``facts`` its facts but the last day's.
    """
    closes, applied = _moved_last_day(counted, rules, cut_before)
    if cut_before is not None:
        closes = min(closes, cut_before - _ONE_DAY)
    first = max(opens, rules.exercise_period_start)
    last = min(closes, rules.exercise_period_end)
    if first > last:
        return None
    return ExerciseWindow(
        exerciser=exerciser,
        opens=first,
        closes=last,
        counted_last_day=counted,
        reckoning=say(basis, **facts, last_day=applied),
        last_day_rule=rules.last_day_rule,
    )


def _holder_counted_close(lost: dt.date, rules: ExerciseRules) -> dt.date:
    """The holder's last day after the business-day move, before any cut but the period's."""
    counted = _counted_end(lost, rules.holder_window, rules.holder_window_unit)
    return _moved_last_day(counted, rules, None)[0]


def _holder_window(status: HolderStatus, rules: ExerciseRules) -> ExerciseWindow | None:
    lost = status.position_lost_on
    if lost is None or status.lost_by_death:
        return None
    length = _length(rules.holder_window, rules.holder_window_unit)
    return _window(
        exerciser=Exerciser.HOLDER,
        opens=lost + _ONE_DAY,
        counted=_counted_end(lost, rules.holder_window, rules.holder_window_unit),
        cut_before=status.died_on,
        basis="window.holder_basis",
        facts={"length": length, "lost": lost},
        rules=rules,
    )


def _lapsed_before_death(status: HolderStatus, rules: ExerciseRules) -> Sentence | None:
    """Why nothing was inherited, or None when the heir inherited live rights."""
    died = status.died_on
    if died is None:
        return None
    if died > rules.exercise_period_end:
        return say(
            "eligibility.period_ended_before_death", end=rules.exercise_period_end, died=died
        )
    lost = status.position_lost_on
    if lost is not None and not status.lost_by_death:
        closed = min(_holder_counted_close(lost, rules), rules.exercise_period_end)
        if died > closed:
            return say("eligibility.lapsed_before_death", closed=closed, died=died)
    return None


def _heir_window(status: HolderStatus, rules: ExerciseRules) -> ExerciseWindow | None:
    inherited = status.inherited_on
    if inherited is None or _lapsed_before_death(status, rules) is not None:
        return None
    length = _length(rules.heir_window, rules.heir_window_unit)
    return _window(
        exerciser=Exerciser.HEIR,
        opens=inherited,
        counted=_counted_end(inherited, rules.heir_window, rules.heir_window_unit),
        cut_before=status.heir_died_on,
        basis="window.heir_basis",
        facts={"length": length, "inherited": inherited, "start": inherited + _ONE_DAY},
        rules=rules,
    )


def exercise_windows(*, status: HolderStatus, rules: ExerciseRules) -> tuple[ExerciseWindow, ...]:
    """Every window in which the holder or the heir may exercise, in date order.

    None while the holder is in office; one for a holder who lost the position (or for the heir
    of a holder who died in office); two when a holder who lost the position died within the
    holder's window (the holder's, cut at the death, then the heir's). A window that falls
    wholly outside the exercise period is left out. See the module docstring for the reckoning.

    Parameters
    ----------
    status : HolderStatus
        What happened to the holder (and the heir).
    rules : ExerciseRules
        The exercise period and the window rules.

    Returns
    -------
    tuple of ExerciseWindow

    Raises
    ------
    OutOfRangeError
        When a last day must move to a business day beyond the XTKS calendar and no holidays
        were given.

    References
    ----------
    Resolution, clauses (5), (11)2)-3).

    Examples
    --------
    >>> rules = ExerciseRules(exercise_period_start="2017-07-15", exercise_period_end="2047-07-14")
    >>> (w,) = exercise_windows(status=HolderStatus(position_lost_on="2030-03-31"), rules=rules)
    >>> w.exerciser.value, str(w.opens), str(w.closes)
    ('holder', '2030-04-01', '2030-04-10')
    """
    _check_types(status, rules)
    windows = (_holder_window(status, rules), _heir_window(status, rules))
    return tuple(w for w in windows if w is not None)


def _check_types(status: object, rules: object) -> None:
    if not isinstance(status, HolderStatus):
        raise InputError(f"status must be a HolderStatus, got {status!r}")
    if not isinstance(rules, ExerciseRules):
        raise InputError(f"rules must be ExerciseRules, got {rules!r}")


def can_exercise(
    *, status: HolderStatus, exercise_date: object, rules: ExerciseRules
) -> Eligibility:
    """Whether the rights may be exercised on ``exercise_date``, with the reason.

    Checks, in order: the exercise period; then, while the holder is alive on that date, that
    the holder has lost the position and the date lies in the holder's window; from the
    holder's death on, that the rights were still alive at the death, that an heir inherited,
    that the heir is alive and the date lies in the heir's window.

    Parameters
    ----------
    status : HolderStatus
        What happened to the holder (and the heir), as recorded.
    exercise_date : date, datetime, ISO text or Excel serial
        The day of the exercise.
    rules : ExerciseRules
        The exercise period and window rules.

    Returns
    -------
    Eligibility
        ``allowed``, a one-sentence ``reason``, the ``exerciser`` and the ``window``.

    Raises
    ------
    InputError
        For a date that cannot be read or arguments of the wrong type.
    OutOfRangeError
        As :func:`exercise_windows`.

    References
    ----------
    Resolution, clauses (5), (11)2)-3).

    Examples
    --------
    >>> rules = ExerciseRules(exercise_period_start="2017-07-15", exercise_period_end="2047-07-14")
    >>> status = HolderStatus(position_lost_on="2030-03-31")
    >>> can_exercise(status=status, exercise_date="2030-04-10", rules=rules).allowed
    True
    >>> print(can_exercise(status=status, exercise_date="2030-04-11", rules=rules).reason)
    the window closed on 2030-04-10 (10 days from the day after the position was lost on 2030-03-31, clause 11-2; last day 2030-04-10, a business day (if not: following business day, Civil Code art. 142))
    """  # noqa: E501 - a doctest output line cannot be wrapped
    _check_types(status, rules)
    day = as_date(exercise_date, field="exercise_date")
    start, end = rules.exercise_period_start, rules.exercise_period_end
    if day < start:
        return _denied(day, say("eligibility.before_period", start=start))
    if day > end:
        return _denied(day, say("eligibility.after_period", end=end))
    if status.died_on is None or day < status.died_on:
        return _holder_eligibility(status, rules, day)
    return _heir_eligibility(status, rules, day, status.died_on)


def _denied(
    day: dt.date, why: Sentence, who: Exerciser | None = None, window: ExerciseWindow | None = None
) -> Eligibility:
    return Eligibility(allowed=False, why=why, exercise_date=day, exerciser=who, window=window)


def _verdict(day: dt.date, window: ExerciseWindow) -> Eligibility:
    """Allowed inside ``window``; otherwise the reason names the day it opens or closed."""
    who, basis = window.exerciser, window.reckoning
    if day < window.opens:
        why = say("eligibility.opens", opens=window.opens, basis=basis)
        return _denied(day, why, who, window)
    if day > window.closes:
        why = say("eligibility.closed", closes=window.closes, basis=basis)
        return _denied(day, why, who, window)
    return Eligibility(
        allowed=True,
        why=say(
            "eligibility.within", who=who, opens=window.opens, closes=window.closes, basis=basis
        ),
        exercise_date=day,
        exerciser=who,
        window=window,
    )


def _holder_eligibility(status: HolderStatus, rules: ExerciseRules, day: dt.date) -> Eligibility:
    who = Exerciser.HOLDER
    lost = status.position_lost_on
    if lost is None or day < lost or status.lost_by_death:
        return _denied(
            day,
            say(
                "eligibility.in_office",
                day=day,
                length=_length(rules.holder_window, rules.holder_window_unit),
            ),
            who,
        )
    window = _holder_window(status, rules)
    if window is None:
        return _denied(day, say("eligibility.holder_window_outside"), who)
    return _verdict(day, window)


def _heir_eligibility(
    status: HolderStatus, rules: ExerciseRules, day: dt.date, died: dt.date
) -> Eligibility:
    who = Exerciser.HEIR
    lapsed = _lapsed_before_death(status, rules)
    if lapsed is not None:
        return _denied(day, lapsed, who)
    inherited = status.inherited_on
    if inherited is None:
        return _denied(day, say("eligibility.no_heir", died=died), who)
    if status.heir_died_on is not None and day >= status.heir_died_on:
        return _denied(day, say("eligibility.heir_died", died=status.heir_died_on), who)
    if day < inherited:
        return _denied(day, say("eligibility.before_inheriting", inherited=inherited), who)
    window = _heir_window(status, rules)
    if window is None:
        return _denied(day, say("eligibility.heir_window_outside", inherited=inherited), who)
    return _verdict(day, window)
