"""Shares per right after splits, consolidations and conditional splits (clauses 3 and 4)."""

from __future__ import annotations

import datetime as dt
import doctest
import math
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stockrights import adjustment, exercise, restructuring, windows
from stockrights.adjustment import (
    ActionKind,
    CorporateAction,
    adjusted_shares_per_right,
    exercise_amount_per_right,
)
from stockrights.errors import InputError, SeriesError

ALLOTMENT = dt.date(2017, 7, 14)  # clause 13

# The company's public notices (../shared/cases/README.md): the 2012 split precedes the series.
SPLIT_2012 = CorporateAction(
    kind="split", ratio=200, record_date="2012-09-30", effective_date="2012-10-01"
)
SPLIT_2020 = CorporateAction(
    kind="split", ratio=2, record_date="2020-12-31", effective_date="2021-01-01"
)
SPLIT_2022 = CorporateAction(
    kind="split", ratio=2, record_date="2022-09-30", effective_date="2022-10-01"
)
COMPANY_ACTIONS = (SPLIT_2012, SPLIT_2020, SPLIT_2022)


def shares_on(as_of: object, actions: object = COMPANY_ACTIONS, **kw: object) -> int:
    """Shares per right of the 7th series (200 at allotment) on ``as_of``."""
    return adjusted_shares_per_right(
        base_shares=200, actions=actions, as_of=as_of, allotment_date=ALLOTMENT, **kw
    ).shares_per_right


# --- the worked example of the resolution's company ------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        pytest.param("2017-07-14", 200, id="allotment-day"),
        pytest.param("2020-12-30", 200, id="day-before-first-record-date"),
        pytest.param("2020-12-31", 200, id="first-record-date"),
        pytest.param("2021-01-01", 400, id="day-after-first-record-date=effective"),
        pytest.param("2022-09-30", 400, id="second-record-date"),
        pytest.param("2022-10-01", 800, id="day-after-second-record-date=effective"),
        pytest.param("2047-07-14", 800, id="end-of-exercise-period"),
    ],
)
def test_seventh_series_through_the_2021_and_2022_splits(as_of: str, expected: int) -> None:
    """200 shares; 1:2 from 2021-01-01 (=400) and 1:2 from 2022-10-01 (=800), by hand."""
    assert shares_on(as_of) == expected


def test_worked_example_audit_trail() -> None:
    """Steps name each split, its first day, before and after; the 2012 split is not applied."""
    result = adjusted_shares_per_right(
        base_shares=200, actions=COMPANY_ACTIONS, as_of="2023-01-01", allotment_date=ALLOTMENT
    )
    assert [(s.applies_from, s.before, s.unrounded, s.after) for s in result.steps] == [
        (dt.date(2021, 1, 1), 200, 400.0, 400),
        (dt.date(2022, 10, 1), 400, 800.0, 800),
    ]
    assert result.steps[0].rule == "split: from the day after the record date 2020-12-31"
    assert [n.action for n in result.not_applied] == [SPLIT_2012]
    assert "not after the allotment on 2017-07-14" in result.not_applied[0].reason
    assert result.known_on == result.as_of == dt.date(2023, 1, 1)


def test_a_future_action_is_listed_as_not_applied_with_its_date() -> None:
    """On 2021-06-30 the 2022 split is reported as applying from 2022-10-01."""
    result = adjusted_shares_per_right(
        base_shares=200, actions=COMPANY_ACTIONS, as_of="2021-06-30", allotment_date=ALLOTMENT
    )
    assert result.shares_per_right == 400
    reasons = {n.action: n.reason for n in result.not_applied}
    assert reasons[SPLIT_2022] == "applies from 2022-10-01, after 2021-06-30"


def test_dates_in_every_accepted_form() -> None:
    """An Excel serial, a datetime and ISO text give the same answer (44197 = 2021-01-01)."""
    # By hand: serials from 61 on count days from 1899-12-30; 1900-01-01 is day 2, and
    # 2021-01-01 comes 121 years (30 of them leap: 1904 ... 2020) later.
    assert 121 * 365 + 30 + 2 == 44197
    assert shares_on(44197) == shares_on(dt.datetime(2021, 1, 1, 15, 0)) == 400
    assert shares_on(44196) == 200
    action = CorporateAction(kind="SPLIT", ratio=2, record_date=44196)
    assert action.record_date == dt.date(2020, 12, 31)
    assert action.kind is ActionKind.SPLIT


def test_exercise_amount_per_right_after_the_splits() -> None:
    """Clause 4: 1 yen x 800 shares = 800 yen per right from 2022-10-01."""
    result = adjusted_shares_per_right(
        base_shares=200, actions=COMPANY_ACTIONS, as_of="2022-10-01", allotment_date=ALLOTMENT
    )
    assert result.exercise_amount(exercise_price=1) == 800.0
    assert exercise_amount_per_right(exercise_price=1, shares_per_right=400) == 400.0
    assert exercise_amount_per_right(exercise_price=0.5, shares_per_right=401) == 200.5


# --- consolidations and the other kinds -------------------------------------------------------


def test_consolidation_applies_from_its_effective_date() -> None:
    """A 2:1 consolidation effective 2025-10-01 halves 800 on that day, not the day before."""
    actions = (
        *COMPANY_ACTIONS,
        CorporateAction(
            kind="consolidation", ratio=0.5, record_date="2025-09-30", effective_date="2025-10-01"
        ),
    )
    assert shares_on("2025-09-30", actions) == 800
    assert shares_on("2025-10-01", actions) == 400


def test_other_adjustment_after_a_merger_applies_from_its_date() -> None:
    """The company's own adjustment (ratio 1.25) from 2026-04-01: 800 -> 1000."""
    actions = (
        *COMPANY_ACTIONS,
        CorporateAction(kind="other", ratio=1.25, effective_date="2026-04-01", description="x"),
    )
    assert shares_on("2026-03-31", actions) == 800
    assert shares_on("2026-04-01", actions) == 1000


def test_float_product_just_below_a_whole_share_is_not_rounded_down() -> None:
    """90 x 0.7 is 62.99999999999999 in floats; a 10:7 consolidation of 90 gives 63 shares."""
    assert math.floor(90 * 0.7) == 62  # the representation error this guards against
    action = CorporateAction(kind="consolidation", ratio=0.7, effective_date="2020-01-01")
    result = adjusted_shares_per_right(
        base_shares=90, actions=[action], as_of="2020-01-01", allotment_date=ALLOTMENT
    )
    assert result.shares_per_right == 63


# --- the retroactive conditional split ----------------------------------------------------------

CONDITIONAL = CorporateAction(
    kind="conditional_split", ratio=2, record_date="2025-03-31", meeting_date="2025-06-20"
)


@pytest.mark.parametrize(
    ("as_of", "known_on", "expected"),
    [
        pytest.param("2025-04-15", "2025-04-15", 800, id="gap-seen-before-meeting"),
        pytest.param("2025-04-15", "2025-06-20", 800, id="gap-seen-on-meeting-day"),
        pytest.param("2025-04-15", "2025-06-21", 1600, id="gap-seen-day-after-meeting"),
        pytest.param("2025-03-31", "2025-07-01", 800, id="record-date-itself-never"),
        pytest.param("2025-04-01", "2025-07-01", 1600, id="day-after-record-retroactively"),
        pytest.param("2025-06-20", None, 800, id="meeting-day-as-known-that-day"),
        pytest.param("2025-06-21", None, 1600, id="day-after-meeting"),
    ],
)
def test_conditional_split_before_and_after_the_meeting(
    as_of: str, known_on: str | None, expected: int
) -> None:
    """Before the meeting closes: not applied; after: back to the day after the record date."""
    assert shares_on(as_of, (*COMPANY_ACTIONS, CONDITIONAL), known_on=known_on) == expected


def test_pending_conditional_split_is_reported() -> None:
    """Seen before the meeting closes, the conditional split is listed as pending, with the date."""
    result = adjusted_shares_per_right(
        base_shares=200,
        actions=(CONDITIONAL,),
        as_of="2025-05-01",
        allotment_date=ALLOTMENT,
    )
    (pending,) = result.not_applied
    assert pending.reason.startswith("pending: the shareholders' meeting closes on 2025-06-20")


def test_conditional_split_record_date_on_the_meeting_day_is_accepted() -> None:
    """終結の日以前: a record date on the day the meeting closes is a conditional split too."""
    action = CorporateAction(
        kind="conditional_split", ratio=2, record_date="2025-06-20", meeting_date="2025-06-20"
    )
    assert action.applies_from(known_on="2025-06-20") is None
    assert action.applies_from(known_on="2025-06-21") == dt.date(2025, 6, 21)


# --- step-by-step rounding and the order of same-day actions ------------------------------------


def test_step_by_step_round_down_wins_over_the_combined_ratio() -> None:
    """201 x 1.5 = 301.5 -> 301, x 2/3 = 200.67 -> 200; one combined ratio of 1 would leave 201."""
    actions = (
        CorporateAction(kind="split", ratio=1.5, record_date="2020-03-31"),
        CorporateAction(kind="consolidation", ratio=2 / 3, effective_date="2021-10-01"),
    )
    result = adjusted_shares_per_right(
        base_shares=201, actions=actions, as_of="2022-01-01", allotment_date=ALLOTMENT
    )
    assert [s.after for s in result.steps] == [301, 200]
    assert result.shares_per_right == 200 != 201


def test_brief_example_split_then_consolidation() -> None:
    """200 x 1.5 = 300, x 1/3 = 100 (no float loss at 99.999...), the same as 200 x 0.5 = 100."""
    actions = (
        CorporateAction(kind="split", ratio=1.5, record_date="2020-03-31"),
        CorporateAction(kind="consolidation", ratio=1 / 3, effective_date="2021-10-01"),
    )
    result = adjusted_shares_per_right(
        base_shares=200, actions=actions, as_of="2022-01-01", allotment_date=ALLOTMENT
    )
    assert [s.after for s in result.steps] == [300, 100]


@pytest.mark.parametrize(
    ("split_order", "consolidation_order", "expected"),
    [
        pytest.param(1, 2, 10, id="split-first: 7x3=21, x0.5=10.5->10"),
        pytest.param(2, 1, 9, id="consolidation-first: 7x0.5=3.5->3, x3=9"),
    ],
)
def test_same_day_actions_follow_their_order(
    split_order: int, consolidation_order: int, expected: int
) -> None:
    """Two actions from 2021-01-01: the given order decides, and the round-down makes it matter."""
    actions = (
        CorporateAction(kind="split", ratio=3, record_date="2020-12-31", order=split_order),
        CorporateAction(
            kind="consolidation", ratio=0.5, effective_date="2021-01-01", order=consolidation_order
        ),
    )
    result = adjusted_shares_per_right(
        base_shares=7, actions=actions, as_of="2021-01-01", allotment_date=ALLOTMENT
    )
    assert result.shares_per_right == expected


def test_same_day_actions_without_an_order_are_an_error() -> None:
    """A split and a consolidation both from 2021-01-01, no order given: one-line SeriesError."""
    actions = (
        CorporateAction(kind="split", ratio=3, record_date="2020-12-31"),
        CorporateAction(kind="consolidation", ratio=0.5, effective_date="2021-01-01"),
    )
    with pytest.raises(
        SeriesError,
        match=(
            r"^actions must give distinct order values when two apply from the same day "
            r"\(the round-down makes the order matter\), got split and consolidation from "
            r"2021-01-01$"
        ),
    ):
        shares_on("2020-06-01", actions)


# --- errors -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (dict(kind="split", ratio=0, record_date="2020-12-31"), r"^ratio must be > 0, got 0$"),
        (dict(kind="split", ratio=-2, record_date="2020-12-31"), r"^ratio must be > 0, got -2$"),
        (
            dict(kind="split", ratio=0.5, record_date="2020-12-31"),
            r"^ratio must be > 1 for a split \(shares after / shares before; use consolidation "
            r"for fewer shares\), got 0\.5$",
        ),
        (
            dict(kind="consolidation", ratio=2, effective_date="2020-12-31"),
            r"^ratio must be < 1 for a consolidation .*, got 2$",
        ),
        (
            dict(kind="spilt", ratio=2, record_date="2020-12-31"),
            r"^kind must be one of split, consolidation, conditional_split, other, got 'spilt'$",
        ),
        (
            dict(kind="split", ratio=2, record_date="2020-12-31", effective_date="2020-12-30"),
            r"^effective_date must be on or after record_date \(2020-12-31\), got 2020-12-30$",
        ),
        (dict(kind="split", ratio=2), r"^record_date must be given for a split, got None$"),
        (
            dict(kind="consolidation", ratio=0.5, record_date="2020-12-31"),
            r"^effective_date must be given for a consolidation, got None$",
        ),
        (
            dict(kind="conditional_split", ratio=2, record_date="2025-03-31"),
            r"^meeting_date must be given for a conditional_split, got None$",
        ),
        (
            dict(
                kind="conditional_split",
                ratio=2,
                record_date="2025-03-31",
                meeting_date="2025-03-30",
            ),
            r"^meeting_date must be on or after record_date \(2025-03-31\), got 2025-03-30$",
        ),
        (
            dict(kind="split", ratio=2, record_date="2025-03-31", meeting_date="2025-06-20"),
            r"^meeting_date must be empty for a split",
        ),
        (
            dict(kind="split", ratio="2", record_date="2020-12-31"),
            r"^ratio must be a number, got '2'$",
        ),
        (dict(kind="split", ratio=2, record_date="31/12/2020"), r"^record_date must be a date"),
        (
            dict(kind="split", ratio=2, record_date="2020-12-31", order=1.5),
            r"^order must be a whole",
        ),
    ],
)
def test_bad_actions_are_rejected_with_one_line(fields: dict[str, object], message: str) -> None:
    """Each bad field of a CorporateAction is named in a one-line InputError."""
    with pytest.raises(InputError, match=message) as info:
        CorporateAction(**fields)  # type: ignore[arg-type]
    assert "\n" not in str(info.value)


def test_as_of_before_the_allotment_is_an_error() -> None:
    """The number of shares per right does not exist before the rights do."""
    with pytest.raises(
        InputError,
        match=r"^as_of must be on or after allotment_date \(2017-07-14\), got 2017-07-13$",
    ):
        shares_on("2017-07-13")


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        (dict(base_shares=200.5), r"^base_shares must be a whole number, got 200\.5$"),
        (dict(base_shares=0), r"^base_shares must be >= 1, got 0$"),
        (dict(actions=SPLIT_2020), r"^actions must be a sequence of CorporateAction"),
        (dict(actions=[("2020-12-31", 2)]), r"^actions\[0\] must be a CorporateAction"),
        (dict(known_on="soon"), r"^known_on must be a date"),
    ],
)
def test_bad_arguments_are_rejected(kw: dict[str, object], message: str) -> None:
    """Bad base, actions table or known_on: one-line InputError naming the argument."""
    args: dict[str, object] = dict(
        base_shares=200, actions=COMPANY_ACTIONS, as_of="2021-01-01", allotment_date=ALLOTMENT
    )
    args.update(kw)
    with pytest.raises(InputError, match=message):
        adjusted_shares_per_right(**args)  # type: ignore[arg-type]


# --- invariants ---------------------------------------------------------------------------------

# Ratios as small fractions p/q: the exact rational floor is the independent oracle.
fractions = st.tuples(st.integers(1, 12), st.integers(1, 12)).filter(lambda pq: pq[0] != pq[1])


@st.composite
def action_tables(draw: st.DrawFn) -> tuple[int, list[tuple[Fraction, CorporateAction]]]:
    """A base and up to five actions on distinct days after the allotment, with exact ratios."""
    base = draw(st.integers(1, 5000))
    offsets = draw(st.lists(st.integers(1, 10_000), min_size=0, max_size=5, unique=True))
    table = []
    for offset in offsets:
        p, q = draw(fractions)
        day = ALLOTMENT + dt.timedelta(days=offset)
        if p > q:
            action = CorporateAction(kind="split", ratio=p / q, record_date=day - dt.timedelta(1))
        else:
            action = CorporateAction(kind="consolidation", ratio=p / q, effective_date=day)
        table.append((Fraction(p, q), action))
    return base, table


@given(action_tables(), st.integers(0, 12_000))
def test_step_by_step_equals_the_exact_rational_floor(
    drawn: tuple[int, list[tuple[Fraction, CorporateAction]]], days_after: int
) -> None:
    """Each step is floor(before x p/q) in exact arithmetic; never above the unrounded product."""
    base, table = drawn
    as_of = ALLOTMENT + dt.timedelta(days=days_after)
    result = adjusted_shares_per_right(
        base_shares=base, actions=[a for _, a in table], as_of=as_of, allotment_date=ALLOTMENT
    )
    expected = base
    product = Fraction(base)
    for exact, action in sorted(table, key=lambda t: t[1].scheduled_from()):
        if action.scheduled_from() <= as_of:
            expected = math.floor(expected * exact)
            product *= exact
    assert result.shares_per_right == expected
    assert result.shares_per_right <= product


@given(st.integers(1, 10_000), st.floats(1.0, 20.0).filter(lambda r: r > 1.0))
def test_a_split_never_decreases_shares(base: int, ratio: float) -> None:
    """A split (ratio > 1) or another adjustment with ratio >= 1 never lowers the number."""
    for kind, key in (("split", "record_date"), ("other", "effective_date")):
        action = CorporateAction(kind=kind, ratio=ratio, **{key: "2020-01-01"})  # type: ignore[arg-type]
        after = adjusted_shares_per_right(
            base_shares=base, actions=[action], as_of="2020-06-01", allotment_date=ALLOTMENT
        ).shares_per_right
        assert after >= base
    same = CorporateAction(kind="other", ratio=1, effective_date="2020-01-01")
    assert (
        adjusted_shares_per_right(
            base_shares=base, actions=[same], as_of="2020-06-01", allotment_date=ALLOTMENT
        ).shares_per_right
        == base
    )


@given(
    st.integers(1, 1000),
    st.lists(
        st.tuples(st.integers(1, 10_000), st.integers(2, 5)), max_size=4, unique_by=lambda t: t[0]
    ),
)
def test_with_splits_only_shares_never_fall_over_time(
    base: int, splits: list[tuple[int, int]]
) -> None:
    """With only splits, the number per right is non-decreasing in the as-of date."""
    actions = [
        CorporateAction(kind="split", ratio=r, record_date=ALLOTMENT + dt.timedelta(days=d))
        for d, r in splits
    ]
    days = [ALLOTMENT + dt.timedelta(days=k) for k in range(0, 10_002, 500)]
    counts = [
        adjusted_shares_per_right(
            base_shares=base, actions=actions, as_of=d, allotment_date=ALLOTMENT
        ).shares_per_right
        for d in days
    ]
    assert counts == sorted(counts)


# --- the examples in the docstrings and in docs/administration.md -------------------------------


@pytest.mark.parametrize("module", [adjustment, exercise, windows, restructuring])
def test_docstring_examples(module: object) -> None:
    """Every docstring example of the administration modules gives the output it shows."""
    failed, attempted = doctest.testmod(module, verbose=False)  # type: ignore[arg-type]
    assert attempted > 0
    assert failed == 0


def test_administration_doc_examples() -> None:
    """Every >>> example in docs/administration.md (the worked examples for users) still holds."""
    path = Path(__file__).resolve().parents[1] / "docs" / "administration.md"
    failed, attempted = doctest.testfile(str(path), module_relative=False, verbose=False)
    assert attempted >= 20
    assert failed == 0
