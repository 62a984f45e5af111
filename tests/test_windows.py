"""Who may exercise and when: the period, the holder's 10 days, the heir's 6 months (5, 11)."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from stockrights.errors import InputError, OutOfRangeError
from stockrights.example import seventh_series_terms
from stockrights.prices import tse_trading_days
from stockrights.windows import (
    Exerciser,
    ExerciseRules,
    HolderStatus,
    LastDayRule,
    can_exercise,
    exercise_windows,
    period_last_day,
)

RULES = ExerciseRules(exercise_period_start="2017-07-15", exercise_period_end="2047-07-14")
# Counting alone (no move for a holiday): the tests of arts. 140 and 143 use these rules, so that
# a counted last day on a Sunday is seen as counted.
COUNT = ExerciseRules(
    exercise_period_start="2017-07-15", exercise_period_end="2047-07-14", last_day_rule="no_move"
)
D = dt.date.fromisoformat


def check(status: HolderStatus, day: str, rules: ExerciseRules = RULES) -> tuple[bool, str]:
    """(allowed, reason) for an exercise on ``day``."""
    verdict = can_exercise(status=status, exercise_date=day, rules=rules)
    return verdict.allowed, verdict.reason


# --- the exercise period -------------------------------------------------------------------------


def test_rules_from_the_seventh_series_terms() -> None:
    """The period is data: 2017-07-15 to 2047-07-14 from the terms, windows 10 days / 6 months."""
    rules = ExerciseRules.from_terms(seventh_series_terms())
    assert rules == RULES
    assert (rules.holder_window, rules.heir_window) == (10, 6)
    # The resolution is silent on a last day that is a holiday: the Civil Code's art. 142.
    assert rules.last_day_rule is LastDayRule.FOLLOWING


def test_before_and_after_the_exercise_period() -> None:
    """2017-07-14 is before the period; 2047-07-15 after it, whatever the holder's status."""
    retired = HolderStatus(position_lost_on="2017-07-10")
    assert check(retired, "2017-07-14") == (
        False,
        "before the exercise period starts on 2017-07-15",
    )
    late = HolderStatus(position_lost_on="2047-07-10")
    assert check(late, "2047-07-15") == (False, "after the exercise period ended on 2047-07-14")


def test_window_is_cut_at_the_end_of_the_period() -> None:
    """Lost on 2047-07-10: the window 07-11..07-20 is cut to 07-14, the period's last day."""
    (window,) = exercise_windows(status=HolderStatus(position_lost_on="2047-07-10"), rules=RULES)
    assert (window.opens, window.closes, window.counted_last_day) == (
        D("2047-07-11"),
        D("2047-07-14"),
        D("2047-07-20"),
    )
    assert check(HolderStatus(position_lost_on="2047-07-10"), "2047-07-14")[0] is True


def test_window_is_cut_at_the_start_of_the_period() -> None:
    """Lost on the allotment day 2017-07-14: day 1 is 07-15, the period's first day."""
    (window,) = exercise_windows(status=HolderStatus(position_lost_on="2017-07-14"), rules=RULES)
    assert (window.opens, window.closes) == (D("2017-07-15"), D("2017-07-24"))


# --- the holder's window: 10 days from the day after the loss ----------------------------------


def test_incumbent_cannot_exercise() -> None:
    """Clause 11-2: a holder still in office may not exercise; the reason says so."""
    allowed, reason = check(HolderStatus(), "2030-04-01")
    assert allowed is False
    assert reason == (
        "the holder is still a director or executive officer on 2030-04-01; rights may be "
        "exercised only within 10 days from the day after the position is lost (clause 11-2)"
    )
    assert exercise_windows(status=HolderStatus(), rules=RULES) == ()


@pytest.mark.parametrize(
    ("day", "allowed", "reason_start"),
    [
        pytest.param("2030-03-30", False, "the holder is still a director", id="day -1"),
        pytest.param("2030-03-31", False, "the window opens on 2030-04-01", id="day 0 (loss)"),
        pytest.param("2030-04-01", True, "within the holder's window 2030-04-01 to", id="day 1"),
        pytest.param("2030-04-10", True, "within the holder's window", id="day 10"),
        pytest.param("2030-04-11", False, "the window closed on 2030-04-10", id="day 11"),
    ],
)
def test_holder_window_boundaries(day: str, allowed: bool, reason_start: str) -> None:
    """Lost 2030-03-31: day 1 = 04-01, day 10 = 04-10 (31 Mar + 10 days) open; day 11 closed."""
    ok, reason = check(HolderStatus(position_lost_on="2030-03-31"), day)
    assert ok is allowed
    assert reason.startswith(reason_start), reason


def test_closed_window_reason_in_full() -> None:
    """The reason is one readable sentence with the rule and the clause."""
    assert check(HolderStatus(position_lost_on="2030-03-31"), "2030-04-11")[1] == (
        "the window closed on 2030-04-10 (10 days from the day after the position was lost on "
        "2030-03-31, clause 11-2; last day 2030-04-10, a business day (if not: following "
        "business day, Civil Code art. 142))"
    )


def test_holder_window_across_a_month_end() -> None:
    """Lost 2030-02-25: day 10 is 2030-03-07 (3 days of February + 7 of March)."""
    status = HolderStatus(position_lost_on="2030-02-25")
    assert check(status, "2030-03-07")[0] is True
    assert check(status, "2030-03-08")[0] is False


# --- death and the one heir ---------------------------------------------------------------------

DIED_IN_OFFICE = HolderStatus(died_on="2030-03-31", inherited_on="2030-05-15")


def test_losing_the_position_by_death_opens_no_holder_window() -> None:
    """Died in office: the only window is the heir's (opening on the day of inheriting)."""
    (window,) = exercise_windows(status=DIED_IN_OFFICE, rules=RULES)
    assert window.exerciser is Exerciser.HEIR
    assert DIED_IN_OFFICE.lost_by_death is True
    same_day = HolderStatus(position_lost_on="2030-03-31", died_on="2030-03-31")
    assert same_day.lost_by_death is True
    assert exercise_windows(status=same_day, rules=RULES) == ()  # no heir recorded yet


@pytest.mark.parametrize(
    ("day", "allowed", "reason_start"),
    [
        pytest.param("2030-03-30", False, "the holder is still a director", id="before death"),
        pytest.param("2030-04-10", False, "the heir inherits on 2030-05-15", id="before heir"),
        pytest.param(
            "2030-05-15",
            True,
            "within the heir's window 2030-05-15 to 2030-11-15",
            id="inheriting day",
        ),
        pytest.param("2030-11-15", True, "within the heir's window", id="6 months to the day"),
        pytest.param("2030-11-16", False, "the window closed on 2030-11-15", id="one day more"),
    ],
)
def test_heir_window_boundaries(day: str, allowed: bool, reason_start: str) -> None:
    """Inherited 2030-05-15: the heir may exercise to 2030-11-15 (same date 6 months later)."""
    ok, reason = check(DIED_IN_OFFICE, day)
    assert ok is allowed
    assert reason.startswith(reason_start), reason


# Each row by hand, arts. 140 and 143(2): the day of inheriting is not counted, so counting starts
# the next day S; six months end on the day before the day of the sixth month after S's month
# that corresponds to S, or on that month's last day when it has no such day. An earlier version
# read "the same date 6 months later" and asserted 30 Sep -> 30 Mar: wrong, because counting
# starts on 1 October, the start of a month, and six whole months (October to March) end with
# 31 March (the day before 1 April). The same mistake cut an heir who inherits on a month end
# short by 1 to 3 days (28 Feb -> 28 Aug instead of 31 Aug).
@pytest.mark.parametrize(
    ("inherited_on", "last_day"),
    [
        pytest.param("2031-02-28", "2031-08-31", id="28 Feb: S=1 Mar -> 31 Aug (issue 8)"),
        pytest.param("2030-09-30", "2031-03-31", id="30 Sep: S=1 Oct -> 31 Mar"),
        pytest.param("2030-04-30", "2030-10-31", id="30 Apr: S=1 May -> 31 Oct"),
        pytest.param("2031-03-31", "2031-09-30", id="31 Mar: S=1 Apr -> 30 Sep (day before 1 Oct)"),
        pytest.param("2030-08-31", "2031-02-28", id="31 Aug: S=1 Sep -> 28 Feb (day before 1 Mar)"),
        pytest.param("2031-08-31", "2032-02-29", id="31 Aug: S=1 Sep -> 29 Feb (leap year)"),
        pytest.param("2030-08-29", "2031-02-28", id="29 Aug: S=30 Aug, no 30 Feb -> 28 Feb"),
        pytest.param("2030-08-30", "2031-02-28", id="30 Aug: S=31 Aug, no 31 Feb -> 28 Feb"),
        pytest.param("2031-08-28", "2032-02-28", id="28 Aug: S=29 Aug, 29 Feb 2032 -> 28 Feb"),
        pytest.param("2030-03-30", "2030-09-30", id="30 Mar: S=31 Mar, no 31 Sep -> 30 Sep"),
        pytest.param("2030-12-31", "2031-06-30", id="31 Dec: S=1 Jan -> 30 Jun"),
        pytest.param("2032-02-28", "2032-08-28", id="28 Feb (leap): S=29 Feb -> 28 Aug"),
        pytest.param("2032-02-29", "2032-08-31", id="29 Feb (leap): S=1 Mar -> 31 Aug"),
        pytest.param("2030-05-15", "2030-11-15", id="mid-month: S=16 May -> 15 Nov"),
    ],
)
def test_heir_window_at_month_ends(inherited_on: str, last_day: str) -> None:
    """Six months after inheriting, counted as arts. 140 and 143(2) count (no holiday move)."""
    status = HolderStatus(died_on="2030-03-01", inherited_on=inherited_on)
    (window,) = exercise_windows(status=status, rules=COUNT)
    assert window.closes == window.counted_last_day == D(last_day)
    assert check(status, last_day, COUNT)[0] is True
    assert check(status, (D(last_day) + dt.timedelta(days=1)).isoformat(), COUNT)[0] is False


def test_heir_inheriting_on_28_february_2031_may_exercise_through_31_august() -> None:
    """Issue 8's reproducer, under each last-day rule: 31 Aug 2031 is a Sunday."""
    status = HolderStatus(died_on="2031-02-20", inherited_on="2031-02-28")
    assert D("2031-08-31").strftime("%A") == "Sunday"
    # Default (art. 142): Sunday 31 Aug -> Monday 1 Sep, so 31 Aug and 1 Sep are both open.
    assert check(status, "2031-08-31")[0] is True
    allowed, reason = check(status, "2031-09-01")
    assert allowed is True
    assert reason == (
        "within the heir's window 2031-02-28 to 2031-09-01 (6 months after the heir inherited "
        "on 2031-02-28, counted from 2031-03-01 (Civil Code arts. 140, 143), clause 11-3; last "
        "day 2031-08-31 (Sunday) not a business day, moved to 2031-09-01 (following business "
        "day, Civil Code art. 142))"
    )
    assert check(status, "2031-09-02")[0] is False
    assert check(status, "2031-08-31", COUNT)[0] is True
    assert check(status, "2031-09-01", COUNT)[1].startswith("the window closed on 2031-08-31")
    preceding = ExerciseRules(
        exercise_period_start="2017-07-15", exercise_period_end="2047-07-14",
        last_day_rule="preceding",
    )  # fmt: skip
    allowed, reason = check(status, "2031-08-30", preceding)
    assert allowed is False
    assert reason.startswith("the window closed on 2031-08-29 (")
    assert reason.endswith("moved to 2031-08-29 (preceding business day, the plan's rule))")


@pytest.mark.parametrize(
    ("inherited_on", "last_day"),
    [
        pytest.param("2031-02-28", "2032-02-29", id="28 Feb 2031: S=1 Mar -> 29 Feb 2032"),
        pytest.param("2032-02-29", "2033-02-28", id="29 Feb 2032: S=1 Mar -> 28 Feb 2033"),
        pytest.param("2032-02-28", "2033-02-28", id="28 Feb 2032: S=29 Feb, none in 2033"),
        pytest.param("2031-02-27", "2032-02-27", id="27 Feb 2031: S=28 Feb -> 27 Feb 2032"),
        pytest.param("2030-12-31", "2031-12-31", id="31 Dec: S=1 Jan -> 31 Dec"),
    ],
)
def test_one_year_windows_across_leap_years(inherited_on: str, last_day: str) -> None:
    """A plan's 1-year heir window is 12 months by the calendar (art. 143), leap days included."""
    rules = ExerciseRules(
        exercise_period_start="2017-07-15", exercise_period_end="2047-07-14",
        heir_window=1, heir_window_unit="years", last_day_rule="no_move",
    )  # fmt: skip
    status = HolderStatus(died_on="2030-03-01", inherited_on=inherited_on)
    (window,) = exercise_windows(status=status, rules=rules)
    assert window.closes == D(last_day)


@pytest.mark.parametrize(
    ("lost_on", "last_day"),
    [
        pytest.param("2030-02-25", "2030-03-07", id="Feb 25 + 10: 3 days of Feb + 7 of Mar"),
        pytest.param("2032-02-25", "2032-03-06", id="leap: 4 days of Feb (29th) + 6 of Mar"),
        pytest.param("2030-12-31", "2031-01-10", id="31 Dec + 10: across the year"),
        pytest.param("2030-01-31", "2030-02-10", id="31 Jan + 10"),
        pytest.param("2030-02-28", "2030-03-10", id="28 Feb + 10"),
        pytest.param("2032-02-29", "2032-03-10", id="29 Feb + 10"),
        pytest.param("2030-04-30", "2030-05-10", id="30 Apr + 10"),
    ],
)
def test_holder_ten_days_at_month_ends(lost_on: str, last_day: str) -> None:
    """Day 1 is the day after the loss (the period starts at its beginning), day 10 the last."""
    status = HolderStatus(position_lost_on=lost_on)
    (window,) = exercise_windows(status=status, rules=COUNT)
    assert (window.opens, window.closes) == (D(lost_on) + dt.timedelta(days=1), D(last_day))
    assert (D(last_day) - D(lost_on)).days == 10


def test_a_run_of_closed_days_moves_the_last_day_past_all_of_them() -> None:
    """Lost 31 Jan 2030: day 10 is Sun 10 Feb, Mon 11 Feb a holiday: the window ends Tue 12 Feb."""
    (window,) = exercise_windows(status=HolderStatus(position_lost_on="2030-01-31"), rules=RULES)
    assert (window.counted_last_day, window.closes) == (D("2030-02-10"), D("2030-02-12"))
    assert window.last_day_rule is LastDayRule.FOLLOWING


@pytest.mark.parametrize(
    ("event", "length", "unit", "last_day"),
    [
        ("2031-02-28", 6, "months", "2031-08-31"),
        ("2030-09-30", 6, "months", "2031-03-31"),
        ("2030-01-30", 1, "months", "2030-02-28"),  # S = 31 Jan, no 31 Feb
        ("2030-01-31", 1, "months", "2030-02-28"),  # S = 1 Feb: the whole of February
        ("2030-01-15", 1, "months", "2030-02-15"),  # S = 16 Jan: the day before 16 Feb
        ("2030-03-31", 1, "days", "2030-04-01"),
        ("2030-03-31", 10, "days", "2030-04-10"),
        ("2031-02-28", 1, "years", "2032-02-29"),
    ],
)
def test_period_last_day(event: str, length: int, unit: str, last_day: str) -> None:
    """The Civil Code's reckoning on its own, by hand (see the comment above the heir table)."""
    assert period_last_day(event=event, length=length, unit=unit) == D(last_day)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (dict(event="soon", length=6, unit="months"), r"^event must be a date"),
        (dict(event="2030-01-01", length=0, unit="months"), r"^length must be >= 1, got 0$"),
        (dict(event="2030-01-01", length=6, unit="fortnights"), r"^unit must be one of days"),
    ],
)
def test_period_last_day_refuses_bad_input(arguments: dict[str, object], message: str) -> None:
    """A bad date, length or unit is a one-line InputError naming the argument."""
    with pytest.raises(InputError, match=message):
        period_last_day(**arguments)  # type: ignore[arg-type]


def test_no_heir_recorded_yet() -> None:
    """After the death and before an heir is recorded, nobody may exercise."""
    allowed, reason = check(HolderStatus(died_on="2030-03-31"), "2030-04-05")
    assert allowed is False
    assert reason.startswith("the holder died on 2030-03-31 and no heir has inherited yet")


def test_the_heirs_own_heir_inherits_nothing() -> None:
    """The heir dies 2030-07-01: the day before the heir may exercise, from that day nobody."""
    status = HolderStatus(
        died_on="2030-03-31", inherited_on="2030-05-15", heir_died_on="2030-07-01"
    )
    assert check(status, "2030-06-30")[0] is True
    assert check(status, "2030-07-01") == (
        False,
        "the heir died on 2030-07-01; the heir's own heir inherits nothing (clause 11-3)",
    )
    (window,) = exercise_windows(status=status, rules=RULES)
    assert window.closes == D("2030-06-30")


def test_holder_who_dies_within_the_window_passes_the_rights_to_the_heir() -> None:
    """Retired 03-31, died 04-05 (day 5): the holder to 04-04, then the heir for 6 months."""
    status = HolderStatus(
        position_lost_on="2030-03-31", died_on="2030-04-05", inherited_on="2030-06-01"
    )
    # Counted: S = 2 June -> 1 December 2030 (a Sunday; the default rule would move it to 2 Dec).
    holder, heir = exercise_windows(status=status, rules=COUNT)
    assert (holder.exerciser, holder.opens, holder.closes) == (
        Exerciser.HOLDER,
        D("2030-04-01"),
        D("2030-04-04"),
    )
    assert (heir.exerciser, heir.opens, heir.closes) == (
        Exerciser.HEIR,
        D("2030-06-01"),
        D("2030-12-01"),
    )
    assert check(status, "2030-04-04")[0] is True
    assert check(status, "2030-04-05")[0] is False  # dead; the heir has not inherited yet
    assert check(status, "2030-12-01", COUNT)[0] is True
    assert check(status, "2030-12-02", COUNT)[0] is False
    assert check(status, "2030-12-02")[0] is True  # the default moves Sunday to Monday


def test_holder_who_dies_after_the_window_leaves_nothing_to_inherit() -> None:
    """Retired 03-31, window closed 04-10, died 05-01: the rights had lapsed; no heir window."""
    status = HolderStatus(
        position_lost_on="2030-03-31", died_on="2030-05-01", inherited_on="2030-06-01"
    )
    assert check(status, "2030-06-02") == (
        False,
        "the rights lapsed when the holder's window closed on 2030-04-10, before the holder "
        "died on 2030-05-01; nothing was inherited",
    )
    assert [w.exerciser for w in exercise_windows(status=status, rules=RULES)] == [Exerciser.HOLDER]


# --- plan parameters -------------------------------------------------------------------------


def test_other_plan_heir_has_one_year() -> None:
    """An heir window of 1 year: inherited 2030-05-15, open to 2031-05-15 and not a day more."""
    rules = ExerciseRules(
        exercise_period_start="2017-07-15",
        exercise_period_end="2047-07-14",
        heir_window=1,
        heir_window_unit="years",
    )
    assert check(DIED_IN_OFFICE, "2031-05-15", rules)[0] is True
    assert check(DIED_IN_OFFICE, "2031-05-16", rules)[0] is False
    (window,) = exercise_windows(status=DIED_IN_OFFICE, rules=rules)
    assert window.basis == (
        "1 year after the heir inherited on 2030-05-15, counted from 2030-05-16 (Civil Code arts. "
        "140, 143), clause 11-3; last day 2031-05-15, a business day (if not: following business "
        "day, Civil Code art. 142)"
    )


def test_default_last_day_moves_off_a_saturday_and_no_move_keeps_it() -> None:
    """Lost 2030-04-03: day 10 is Saturday 2030-04-13; by default (art. 142) Monday 04-15."""
    assert D("2030-04-13").strftime("%A") == "Saturday"
    status = HolderStatus(position_lost_on="2030-04-03")
    (window,) = exercise_windows(status=status, rules=RULES)
    assert (window.counted_last_day, window.closes) == (D("2030-04-13"), D("2030-04-15"))
    (kept,) = exercise_windows(status=status, rules=COUNT)
    assert kept.closes == D("2030-04-13")
    assert kept.basis.endswith(
        "; last day 2030-04-13 (if not a business day: no move, the plan's rule)"
    )


@pytest.mark.parametrize(
    ("rule", "last_day"),
    [
        pytest.param("following", "2030-04-16", id="Sat->Mon holiday->Tue"),
        pytest.param("preceding", "2030-04-12", id="Sat->Fri"),
        pytest.param("no_move", "2030-04-13", id="stays"),
    ],
)
def test_last_day_moves_with_an_explicit_holiday_list(rule: str, last_day: str) -> None:
    """Counted last day Sat 2030-04-13; with Mon 04-15 a holiday, following gives Tue 04-16."""
    rules = ExerciseRules(
        exercise_period_start="2017-07-15",
        exercise_period_end="2047-07-14",
        last_day_rule=rule,
        holidays=["2030-04-15"],
    )
    status = HolderStatus(position_lost_on="2030-04-03")
    (window,) = exercise_windows(status=status, rules=rules)
    assert (window.counted_last_day, window.closes) == (D("2030-04-13"), D(last_day))
    assert check(status, last_day, rules)[0] is True
    assert check(status, (D(last_day) + dt.timedelta(days=1)).isoformat(), rules)[0] is False


@pytest.mark.parametrize(
    ("rule", "last_day"),
    [
        pytest.param(
            "following", "2026-01-05", id="Wed 12-31 -> Mon 01-05 (TSE shut 12-31..01-03)"
        ),
        pytest.param("preceding", "2025-12-30", id="Wed 12-31 -> Tue 12-30 (last session of 2025)"),
    ],
)
def test_last_day_moves_on_the_tokyo_exchange_calendar(rule: str, last_day: str) -> None:
    """Lost 2025-12-21: day 10 is 2025-12-31, when the TSE is shut (year-end, 31 Dec-3 Jan)."""
    rules = ExerciseRules(
        exercise_period_start="2017-07-15", exercise_period_end="2047-07-14", last_day_rule=rule
    )
    (window,) = exercise_windows(status=HolderStatus(position_lost_on="2025-12-21"), rules=rules)
    assert window.closes == D(last_day)
    assert f"last day 2025-12-31 (Wednesday) not a business day, moved to {last_day} (" in (
        window.basis
    )


def test_moving_beyond_the_exchange_calendar_asks_for_holidays() -> None:
    """The XTKS table ends with 2040 (the last equinox year listed): 2041 needs a holiday list."""
    with pytest.raises(
        OutOfRangeError,
        match=r"^holidays must be given to apply last_day_rule=following to the last day "
        r"2041-04-10 \(or give last_day_rule=no_move\)",
    ):
        exercise_windows(status=HolderStatus(position_lost_on="2041-03-31"), rules=RULES)
    (window,) = exercise_windows(status=HolderStatus(position_lost_on="2041-03-31"), rules=COUNT)
    assert window.closes == D("2041-04-10")


def test_a_counted_day_past_the_period_end_needs_no_calendar() -> None:
    """Lost 2047-07-10 (beyond the calendar): day 10 is after the period's end, so no move."""
    (window,) = exercise_windows(status=HolderStatus(position_lost_on="2047-07-10"), rules=RULES)
    assert window.closes == D("2047-07-14")


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            dict(position_lost_on="2030-04-01", died_on="2030-03-31"),
            r"^position_lost_on must be on or before died_on \(2030-03-31\), got 2030-04-01$",
        ),
        (
            dict(inherited_on="2030-04-01"),
            r"^inherited_on must be empty while died_on is empty, got 2030-04-01$",
        ),
        (
            dict(died_on="2030-03-31", inherited_on="2030-03-30"),
            r"^inherited_on must be on or after died_on \(2030-03-31\), got 2030-03-30$",
        ),
        (
            dict(died_on="2030-03-31", heir_died_on="2030-05-01"),
            r"^heir_died_on must be empty while inherited_on is empty, got 2030-05-01$",
        ),
        (
            dict(died_on="2030-03-31", inherited_on="2030-04-30", heir_died_on="2030-04-01"),
            r"^heir_died_on must be on or after inherited_on \(2030-04-30\), got 2030-04-01$",
        ),
        (dict(position_lost_on="yesterday"), r"^position_lost_on must be a date"),
    ],
)
def test_bad_holder_status_is_rejected(fields: dict[str, object], message: str) -> None:
    """Dates out of order or unreadable: a one-line InputError naming the field."""
    with pytest.raises(InputError, match=message):
        HolderStatus(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (dict(exercise_period_end="2017-07-01"), r"^exercise_period_end must be on or after"),
        (dict(holder_window=0), r"^holder_window must be >= 1, got 0$"),
        (dict(heir_window=6.5), r"^heir_window must be a whole number, got 6\.5$"),
        (dict(heir_window_unit="weeks"), r"^heir_window_unit must be one of days, months, years"),
        (dict(last_day_rule="modified"), r"^last_day_rule must be one of no_move, following"),
        (dict(holidays="2030-04-15"), r"^holidays must be a sequence of dates"),
        (dict(holidays=["2030-04-15", "Golden Week"]), r"^holidays\[1\] must be a date"),
    ],
)
def test_bad_rules_are_rejected(fields: dict[str, object], message: str) -> None:
    """A bad plan parameter is named in a one-line InputError."""
    args: dict[str, object] = dict(
        exercise_period_start="2017-07-15", exercise_period_end="2047-07-14"
    )
    args.update(fields)
    with pytest.raises(InputError, match=message):
        ExerciseRules(**args)  # type: ignore[arg-type]


def test_bad_exercise_date_and_argument_types() -> None:
    """An unreadable date or a status of the wrong type is an InputError, not a crash."""
    with pytest.raises(InputError, match=r"^exercise_date must be a date"):
        can_exercise(status=HolderStatus(), exercise_date="soon", rules=RULES)
    with pytest.raises(InputError, match=r"^status must be a HolderStatus"):
        can_exercise(status="retired", exercise_date="2030-01-01", rules=RULES)  # type: ignore[arg-type]


def test_dates_as_excel_serials() -> None:
    """Excel serial 47573 is 2030-03-31 (days from 1899-12-30), so day 10 is serial 47583."""
    assert (D("2030-03-31") - D("1899-12-30")).days == 47573
    status = HolderStatus(position_lost_on=47573)
    assert status.position_lost_on == D("2030-03-31")
    assert can_exercise(status=status, exercise_date=47583, rules=RULES).allowed is True
    assert can_exercise(status=status, exercise_date=47584, rules=RULES).allowed is False


# --- invariants -----------------------------------------------------------------------------

period_days = st.dates(min_value=dt.date(2017, 7, 15), max_value=dt.date(2047, 6, 1))


@given(period_days)
def test_day_ten_open_day_eleven_closed(lost: dt.date) -> None:
    """For any loss in the period: the day itself closed, days 1 and 10 open, day 11 closed."""
    status = HolderStatus(position_lost_on=lost)
    days = [lost + dt.timedelta(days=k) for k in (0, 1, 10, 11)]
    verdicts = [can_exercise(status=status, exercise_date=d, rules=COUNT).allowed for d in days]
    assert verdicts == [False, True, True, False]


@given(period_days, st.integers(min_value=1, max_value=24))
def test_heir_months_as_the_civil_code_counts(inherited: dt.date, months: int) -> None:
    """For any inheriting day and length: open on it, and to the art. 143 last day, not after."""
    status = HolderStatus(died_on=inherited, inherited_on=inherited)
    rules = ExerciseRules(
        exercise_period_start="2017-07-15", exercise_period_end="2047-07-14",
        heir_window=months, last_day_rule="no_move",
    )  # fmt: skip
    (window,) = exercise_windows(status=status, rules=rules)
    # Independent reckoning with dateutil: the starting day S is the day after inheriting
    # (art. 140); S + n months by relativedelta clips to the month's end. When it did not clip,
    # the period ends the day before it (art. 143(2)); when it clipped, the final month has no
    # day corresponding to S and the period ends on that month's last day, the clipped date.
    start = inherited + dt.timedelta(days=1)
    corresponding = start + relativedelta(months=months)
    expected = corresponding if corresponding.day != start.day else corresponding - dt.timedelta(1)
    assert (window.opens, window.closes) == (inherited, min(expected, D("2047-07-14")))
    assert can_exercise(status=status, exercise_date=window.closes, rules=rules).allowed
    after = window.closes + dt.timedelta(days=1)
    assert not can_exercise(status=status, exercise_date=after, rules=rules).allowed


@given(st.dates(min_value=dt.date(2017, 7, 15), max_value=dt.date(2040, 6, 1)))
def test_default_last_day_is_the_first_tse_business_day_on_or_after_day_ten(
    lost: dt.date,
) -> None:
    """Art. 142 on the XTKS calendar: the window ends on the first session on or after day 10."""
    (window,) = exercise_windows(status=HolderStatus(position_lost_on=lost), rules=RULES)
    day_ten = lost + dt.timedelta(days=10)
    sessions = tse_trading_days(start=day_ten, end=day_ten + dt.timedelta(days=14))
    assert window.closes == sessions[0]
    assert window.last_day_rule is LastDayRule.FOLLOWING


@given(period_days, st.sampled_from(["following", "preceding"]))
def test_moved_windows_stay_inside_the_period_and_on_business_days(
    lost: dt.date, rule: str
) -> None:
    """With a holiday list, a moved last day is a weekday not in the list, inside the period."""
    holidays = [lost + dt.timedelta(days=k) for k in (9, 10, 11, 12)]
    rules = ExerciseRules(
        exercise_period_start="2017-07-15",
        exercise_period_end="2047-07-14",
        last_day_rule=rule,
        holidays=holidays,
    )
    for window in exercise_windows(status=HolderStatus(position_lost_on=lost), rules=rules):
        assert RULES.exercise_period_start <= window.opens <= window.closes
        assert window.closes <= RULES.exercise_period_end
        if window.closes != RULES.exercise_period_end:
            assert window.closes.weekday() < 5
            assert window.closes not in holidays


def test_the_reason_says_when_a_cut_makes_the_holiday_rule_moot() -> None:
    """Past the period's end or a death the last day is cut, and the reason says to what."""
    late = can_exercise(
        status=HolderStatus(position_lost_on="2047-07-10"), exercise_date="2047-07-12", rules=RULES
    )
    assert late.reason.endswith(
        "; last day 2047-07-20, cut to the end of the exercise period 2047-07-14)"
    )
    died = HolderStatus(
        position_lost_on="2030-03-31", died_on="2030-04-05", inherited_on="2030-04-06"
    )
    early = can_exercise(status=died, exercise_date="2030-04-04", rules=RULES)
    assert early.reason.endswith(
        "; last day 2030-04-10, cut to the day before the death 2030-04-04)"
    )
