"""The register: series, events, shares per right over time, and every reconcile rule."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from register_helpers import event, seventh_series
from stockrights.adjustment import CorporateAction
from stockrights.errors import InputError
from stockrights.example import COMPANY_ACTIONS
from stockrights.register import (
    Event,
    Holder,
    ReconcileError,
    Register,
    Series,
    check_register,
    reconcile,
    share_basis_factor,
    shares_per_right_at,
    shares_per_right_on,
)
from stockrights.restructuring import Restructuring
from stockrights.windows import HolderStatus


def seventh(**changes: object) -> Series:
    return seventh_series("第7回", **changes)


def reg(*events: Event, series: Series | None = None, **kw: object) -> Register:
    return Register.from_events(
        series=[series or seventh()], events=events, actions=COMPANY_ACTIONS, **kw
    )  # type: ignore[arg-type]


def ev(day: str, kind: str, rights: int, **kw: object) -> Event:
    return event(day, kind, rights, "第7回", **kw)


def test_shares_per_right_through_the_company_splits() -> None:
    """200 until 2020-12-31, 400 from 2021-01-01, 800 from 2022-10-01; the 2012 split never."""
    r = reg()
    s = r.series[0]
    got = [
        shares_per_right_on(r, s, d)
        for d in (
            "2017-07-13",
            "2017-07-14",
            "2020-12-31",
            "2021-01-01",
            "2022-09-30",
            "2022-10-01",
        )
    ]
    assert got == [0, 200, 200, 400, 400, 800]


def test_shares_per_right_after_a_restructuring() -> None:
    """Share exchange at 0.37 on 2030-04-01: floor(800 x 0.37) = 296; a later 1:2 split -> 592."""
    deal = Restructuring(kind="share_exchange", effective_date="2030-04-01", share_ratio=0.37)
    later = CorporateAction(kind="split", ratio=2, record_date="2031-03-31")
    r = Register.from_events(
        series=[seventh()], actions=(*COMPANY_ACTIONS, later), restructurings=[deal]
    )
    s = r.series[0]
    assert shares_per_right_on(r, s, "2030-03-31") == 800
    assert shares_per_right_on(r, s, "2030-04-01") == 296
    assert shares_per_right_on(r, s, "2031-04-01") == 592
    # share basis: after 2029-01-01 come the exchange and the 2031 split: 0.37 x 2 = 0.74
    assert share_basis_factor(r, "2029-01-01", known_on="2031-04-01") == pytest.approx(0.74)
    # after 2020-06-01: both company splits, the exchange, the 2031 split: 2 x 2 x 0.37 x 2
    assert share_basis_factor(r, "2020-06-01", known_on="2031-04-01") == pytest.approx(2.96)
    assert share_basis_factor(r, "2021-06-01", known_on="2023-03-31") == 2.0


def test_book_value_per_right_rounds_up_per_right() -> None:
    """1,632.445 x 200 = 326,489 (the float product 326,489.00000000006 is not 326,490)."""
    assert seventh().book_value_per_right == 326_489
    assert seventh(fair_value_per_share=None).book_value_per_right == 0


def test_a_clean_register_reconciles() -> None:
    r = reg(
        ev("2019-06-30", "exercise", 10, share_price=2400, shares=2000),
        ev("2022-10-03", "exercise", 5, shares=4000),
        ev("2023-04-30", "lapse", 3),
    )
    assert reconcile(r) == ()
    check_register(r)


# --- one failing register per rule, with its one-line message ---------------------------------


def test_rule_outstanding() -> None:
    """245 allotted, 240 exercised, then a lapse of 6: only 5 were outstanding."""
    r = reg(ev("2020-05-01", "exercise", 240), ev("2020-06-01", "lapse", 6))
    with pytest.raises(ReconcileError) as err:
        check_register(r)
    assert str(err.value) == (
        "series 第7回, 2020-06-01: lapse of 6 rights exceeds the 5 outstanding (rule: outstanding)"
    )


def test_rule_exercise_period() -> None:
    """The period starts on 2017-07-15: an exercise on the allotment day is outside it."""
    r = reg(ev("2017-07-14", "exercise", 1))
    assert [p.message for p in reconcile(r)] == [
        "series 第7回, 2017-07-14: exercise outside the exercise period 2017-07-15 to 2047-07-14 "
        "(rule: exercise period)"
    ]


def test_rule_exercise_period_for_a_lapse_before_allotment() -> None:
    r = reg(ev("2017-07-13", "forfeit", 1))
    assert [p.message for p in reconcile(r)] == [
        "series 第7回, 2017-07-13: forfeit outside 2017-07-14 (allotment) to 2047-07-14 "
        "(end of the exercise period) (rule: exercise period)"
    ]


def test_rule_vesting() -> None:
    r = reg(ev("2018-07-13", "exercise", 1), series=seventh(vesting_date="2019-07-14"))
    assert [p.message for p in reconcile(r)] == [
        "series 第7回, 2018-07-13: exercise before the vesting date 2019-07-14 (rule: vesting)"
    ]


def test_rule_holder_window() -> None:
    """Lost the position on 2030-03-31: window 2030-04-01 to 2030-04-10; the 11th is outside."""
    holder = Holder(name="H001", status=HolderStatus(position_lost_on="2030-03-31"))
    inside = ev("2030-04-10", "exercise", 1, holder="H001")
    outside = ev("2030-04-11", "exercise", 1, holder="H001")
    assert reconcile(reg(inside, holders=[holder])) == ()
    assert [p.message for p in reconcile(reg(outside, holders=[holder]))] == [
        "series 第7回, 2030-04-11: exercise by holder H001 outside the holder's windows "
        "(2030-04-01 to 2030-04-10, clause 11) (rule: holder window)"
    ]


def test_rule_holder_window_in_office() -> None:
    holder = Holder(name="H002", status=HolderStatus())
    r = reg(ev("2030-04-10", "exercise", 1, holder="H002"), holders=[holder])
    assert [p.rule for p in reconcile(r)] == ["holder window"]
    assert "(none, clause 11)" in reconcile(r)[0].message


def test_rule_shares_delivered() -> None:
    """On 2022-10-01 a right is 800 shares: 5 rights deliver 4,000, not 2,000."""
    r = reg(ev("2022-10-01", "exercise", 5, shares=2000))
    assert [p.message for p in reconcile(r)] == [
        "series 第7回, 2022-10-01: 2000 shares recorded for 5 rights, expected 4000 "
        "(5 x 800 shares per right, clause 3) (rule: shares delivered)"
    ]
    assert reconcile(reg(ev("2022-09-30", "exercise", 5, shares=2000))) == ()


def test_rule_control_total() -> None:
    """245 - 10 - 3 = 232 on 2024-03-31; the registry says 233."""
    series = seventh(rights_outstanding=233, outstanding_as_of="2024-03-31")
    r = reg(ev("2019-06-30", "exercise", 10), ev("2023-04-30", "lapse", 3), series=series)
    assert [p.message for p in reconcile(r)] == [
        "series 第7回, 2024-03-31: the registry's 233 rights outstanding differ from 232 = 245 "
        "allotted - 13 exercised, lapsed, forfeited or cancelled (rule: control total)"
    ]
    ok = seventh(rights_outstanding=232, outstanding_as_of="2024-03-31")
    assert (
        reconcile(reg(ev("2019-06-30", "exercise", 10), ev("2023-04-30", "lapse", 3), series=ok))
        == ()
    )


def test_rule_lapse_not_recorded() -> None:
    short = seventh(exercise_period_end="2020-03-31")
    r = reg(ev("2019-06-30", "exercise", 240), series=short)
    assert reconcile(r) == ()
    assert [p.message for p in reconcile(r, as_of="2020-04-01")] == [
        "series 第7回, 2020-03-31: 5 rights still outstanding when the exercise period ended "
        "(rule: lapse not recorded)"
    ]
    closed = reg(ev("2019-06-30", "exercise", 240), ev("2020-03-31", "lapse", 5), series=short)
    assert reconcile(closed, as_of="2020-04-01") == ()


def test_more_problems_are_counted_in_the_one_line() -> None:
    r = reg(ev("2017-07-14", "exercise", 1), ev("2017-07-13", "exercise", 1))
    with pytest.raises(ReconcileError, match=r"\(and 1 more problems\)$"):
        check_register(r)


def test_unknown_series_and_duplicate_names() -> None:
    with pytest.raises(InputError, match=r"^series 第8回, 2020-01-01: unknown series"):
        Register.from_events(
            series=[seventh()],
            events=[Event(date="2020-01-01", series="第8回", kind="lapse", rights=1)],
        )
    with pytest.raises(InputError, match="the name is given twice"):
        Register.from_events(series=[seventh(), seventh()])


def test_series_errors_name_the_series_and_field() -> None:
    with pytest.raises(InputError, match=r"^series 第7回: rights_allotted must be >= 1, got 0$"):
        seventh(rights_allotted=0)
    with pytest.raises(
        InputError,
        match=r"^series 第7回: exercise_period_end must be on or after exercise_period_start",
    ):
        seventh(exercise_period_end="2017-07-01")
    with pytest.raises(InputError, match=r"kind must be one of exercise, lapse, forfeit, cancel"):
        ev("2020-01-01", "sell", 1)
    with pytest.raises(InputError, match=r"rights must be a whole number, got 2.5"):
        ev("2020-01-01", "exercise", 2.5)  # type: ignore[arg-type]


def test_event_rows_round_trip() -> None:
    events = (
        ev("2019-06-30", "exercise", 10, share_price=2400.0, shares=2000, holder="H1"),
        ev("2018-01-01", "lapse", 3),
    )
    r = reg(*events)
    assert list(r.event_rows()) == [events[1], events[0]]


@given(
    st.lists(
        st.tuples(st.integers(0, 10_000), st.sampled_from(["exercise", "lapse", "cancel"])),
        max_size=30,
    )
)
def test_events_within_the_allotment_always_reconcile(raw: list[tuple[int, str]]) -> None:
    """Events within the period that never take more than is left always reconcile."""
    left, events = 245, []
    start = dt.date(2017, 7, 15)
    for offset, kind in sorted(raw):
        take = min(left, 1 + offset % 7)
        if take == 0:
            break
        left -= take
        events.append(ev((start + dt.timedelta(days=offset)).isoformat(), kind, take))
    assert reconcile(reg(*events)) == ()


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A", "B"]),
            st.integers(0, 3000),
            st.integers(1, 40),
            st.sampled_from(["exercise", "lapse", "forfeit", "cancel"]),
        ),
        max_size=25,
    )
)
def test_outstanding_rule_agrees_with_a_plain_loop(raw: list[tuple[str, int, int, str]]) -> None:
    """The vectorised check finds the same first overdrawing event as a loop over the events
    in date order, series by series (an independent implementation).
    """
    start = dt.date(2017, 7, 15)
    allotted = {"A": 60, "B": 45}
    series = [seventh_series(name, rights_allotted=n) for name, n in allotted.items()]
    events = [
        event((start + dt.timedelta(days=d)).isoformat(), kind, rights, name)
        for name, d, rights, kind in raw
    ]
    r = Register.from_events(series=series, events=events, actions=COMPANY_ACTIONS)
    # the loop: series A then B, each in date order (input order within a day); the first
    # event that takes the balance below zero
    first: tuple[str, dt.date] | None = None
    for name in ("A", "B"):
        left = allotted[name]
        for e in sorted((e for e in events if e.series == name), key=lambda e: e.date):
            left -= e.rights
            if left < 0:
                first = (name, e.date)
                break
        if first is not None:
            break
    found = [(p.series, p.date) for p in reconcile(r) if p.rule == "outstanding"]
    assert found == ([] if first is None else [first])


def test_shares_per_right_at_agrees_with_each_series() -> None:
    """The grouped computation equals the series-by-series one (6 series, 3 share bases)."""
    series = [
        seventh_series(
            f"S{k}",
            allotment_date=f"{2010 + 2 * k}-07-14",
            exercise_period_start=f"{2010 + 2 * k}-07-15",
            shares_per_right=(100, 200, 201)[k % 3],
        )
        for k in range(6)
    ]
    r = Register.from_events(series=series, actions=COMPANY_ACTIONS)
    for day in ("2012-12-31", "2021-06-30", "2023-03-31"):
        expected = [shares_per_right_on(r, s, day) for s in r.series]
        assert list(shares_per_right_at(r, day)) == expected
    # by hand on 2023-03-31: S0 (2010, 100 a right) x 200 x 2 x 2 = 80,000; S5 (2020, 201) x 2 x 2
    assert shares_per_right_at(r, "2023-03-31")[0] == 80_000
    assert shares_per_right_at(r, "2023-03-31")[5] == 804
