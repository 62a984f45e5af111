"""One table of corporate actions for every use: clause (3), the price series, the dividend.

The ex-rights dates are derived from record dates by the TSE settlement cycle of the time
(``/work/shared/docs/data_sources.md`` §4); every expected date below is worked out by hand in a
comment from the rule "the last cum-rights day is the latest trade date that settles on or
before B, the last business day on or before the record date; the ex-rights date is the next
business day", with the XTKS sessions named.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stockrights.adjustment import (
    CorporateAction,
    adjusted_shares_per_right,
    share_basis_changes,
)
from stockrights.dividends import restate_dividend_per_share, restated_dividend
from stockrights.errors import InputError, OutOfRangeError, SeriesError
from stockrights.example import COMPANY_ACTIONS, seventh_series_terms
from stockrights.prices import (
    T2_SETTLEMENT_FROM,
    ExRightsSource,
    adjust_for_splits,
    ex_rights_dates,
    tse_trading_days,
)
from stockrights.volatility import historical_volatility_estimate

D = dt.date.fromisoformat


def split(record: str, ratio: float = 2, **more: object) -> CorporateAction:
    """A split with its record date (and whatever else the test gives)."""
    return CorporateAction(kind="split", ratio=ratio, record_date=record, **more)  # type: ignore[arg-type]


# --- deriving the ex-rights date ---------------------------------------------------------------

# (record date, B, last cum-rights day, ex-rights date, cycle), each by hand:
WORKED = [
    pytest.param(
        # data_sources §4 worked example: Sunday record date, B = Fri 09-28; T+3: Tue 09-25
        # settles Wed 26, Thu 27, Fri 28 = B; Wed 09-26 would settle Mon 10-01 > B.
        "2012-09-30", "2012-09-28", "2012-09-25", "2012-09-26", 3, id="IIJ 1:200, 2012 (T+3)",
    ),
    pytest.param(
        # The same split read with record date Fri 2012-09-28 (= B) or Sat 09-29: B is 09-28
        # either way, so the dates do not change.
        "2012-09-28", "2012-09-28", "2012-09-25", "2012-09-26", 3, id="record 2012-09-28 (=B)",
    ),
    pytest.param(
        "2012-09-29", "2012-09-28", "2012-09-25", "2012-09-26", 3, id="record Sat 2012-09-29",
    ),
    pytest.param(
        # IIJ's 1:2 split of 2020: 31 Dec is no TSE session, so B = Wed 12-30; T+2: Mon 12-28
        # settles Tue 29, Wed 30 = B. The notice of 2020-11-09 says the same in substance.
        "2020-12-31", "2020-12-30", "2020-12-28", "2020-12-29", 2, id="IIJ 1:2, 2020 (T+2)",
    ),
    pytest.param(
        # IIJ's 1:2 split of 2022: Fri 09-30 is a session = B; T+2: Wed 09-28 settles Fri 09-30.
        "2022-09-30", "2022-09-30", "2022-09-28", "2022-09-29", 2, id="IIJ 1:2, 2022 (T+2)",
    ),
    pytest.param(
        # July 2019, where the shortcuts disagree. Record Wed 07-17 = B. Mon 07-15 was a holiday
        # (Marine Day). Thu 07-11 (T+3) settles Fri 12, Tue 16, Wed 17 = B; Fri 07-12 (T+3)
        # settles Thu 07-18 > B; Tue 07-16 (T+2) settles Thu 07-18 > B. So 07-11 / 07-12. The
        # T+2 shortcut (B - 2 sessions = Fri 07-12 as the last cum-rights day) is wrong here.
        "2019-07-17", "2019-07-17", "2019-07-11", "2019-07-12", 3, id="2019-07-17 (T+3 last)",
    ),
    pytest.param(
        # Record Thu 07-18 = B: Fri 07-12 (T+3) and Tue 07-16 (T+2) both settle on 07-18; the
        # latest is 07-16. The T+3 shortcut (B - 3 = Fri 07-12, ex Tue 07-16) is wrong here.
        "2019-07-18", "2019-07-18", "2019-07-16", "2019-07-17", 2, id="2019-07-18 (both settle)",
    ),
    pytest.param(
        # Record Fri 07-19: Wed 07-17 (T+2) settles Fri 07-19.
        "2019-07-19", "2019-07-19", "2019-07-17", "2019-07-18", 2, id="2019-07-19 (T+2)",
    ),
    pytest.param(
        # Record Wed 2017-03-29 (T+3): Fri 03-24 settles Mon 27, Tue 28, Wed 29.
        "2017-03-29", "2017-03-29", "2017-03-24", "2017-03-27", 3, id="2017-03-29 (T+3)",
    ),
    pytest.param(
        # Record Tue 2017-07-18 after the Marine Day holiday Mon 07-17: Wed 07-12 settles
        # Thu 13, Fri 14, Tue 18 = B.
        "2017-07-18", "2017-07-18", "2017-07-12", "2017-07-13", 3, id="2017-07-18 (holiday)",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("record", "base", "last_cum", "ex", "cycle"), WORKED)
def test_ex_rights_dates_worked_examples(
    record: str, base: str, last_cum: str, ex: str, cycle: int
) -> None:
    """Record date -> B, last cum-rights day, ex-rights date, settlement cycle, by hand."""
    found = ex_rights_dates(record_date=record)
    assert (found.base_date, found.last_cum_rights_date, found.ex_rights_date) == (
        D(base),
        D(last_cum),
        D(ex),
    )
    assert (found.settlement_cycle, found.source) == (cycle, ExRightsSource.DERIVED)
    assert found.record_date == D(record)


def test_the_note_states_every_derived_date() -> None:
    """The audit text names the ex-rights date, last cum-rights day, cycle, B and record date."""
    assert ex_rights_dates(record_date="2012-09-30").note == (
        "ex-rights date 2012-09-26: last cum-rights day 2012-09-25 settles T+3 by 2012-09-28, "
        "the last TSE business day on or before the record date 2012-09-30"
    )


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(2010, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_ex_rights_date_is_the_first_trade_that_settles_after_the_record_date(
    record: dt.date,
) -> None:
    """Independent check: the last cum-rights trade settles by B, the ex-rights trade after it."""
    sessions = tse_trading_days(start=record - dt.timedelta(days=40), end=record)
    base = sessions[-1]
    found = ex_rights_dates(record_date=record)

    def settles(trade: dt.date) -> dt.date:
        cycle = 2 if trade >= T2_SETTLEMENT_FROM else 3
        later = tse_trading_days(start=trade, end=trade + dt.timedelta(days=20))
        return later[cycle]

    assert found.base_date == base
    assert found.last_cum_rights_date is not None
    assert settles(found.last_cum_rights_date) <= base < settles(found.ex_rights_date)
    following = tse_trading_days(start=found.last_cum_rights_date, end=found.ex_rights_date)
    assert following == (found.last_cum_rights_date, found.ex_rights_date)


def test_derivation_before_the_2009_rule_or_outside_the_calendar_asks_for_the_date() -> None:
    """Before 2009-11-16 the ex-date rule differed for some actions: the date must be given."""
    with pytest.raises(OutOfRangeError, match=r"^ex_rights_date must be given for a record date"):
        ex_rights_dates(record_date="2006-03-31")
    with pytest.raises(OutOfRangeError, match=r"^record_date must be within the XTKS calendar"):
        ex_rights_dates(record_date="1990-03-31")
    # The calendar's first session: no earlier trade to settle by it (the search must not wrap
    # around to the end of the calendar).
    with pytest.raises(OutOfRangeError, match=r"^ex_rights_date must be given"):
        ex_rights_dates(record_date="1997-01-06")
    given = split("2006-03-31", ex_rights_date="2006-03-28")
    assert given.ex_rights().ex_rights_date == D("2006-03-28")
    assert given.ex_rights().source is ExRightsSource.GIVEN
    assert given.ex_rights().note == "ex-rights date 2006-03-28 (given)"


def test_a_refused_derivation_says_the_same_every_time() -> None:
    """The derivation is cached, its errors too: the second call raises the same full message."""
    messages = []
    for _ in range(2):
        with pytest.raises(OutOfRangeError) as caught:
            ex_rights_dates(record_date="2006-03-31")
        messages.append(str(caught.value))
    # By hand: B = Fri 2006-03-31; T+3: Tue 03-28 settles Wed 29, Thu 30, Fri 31, so the
    # ex-rights date would be Wed 2006-03-29, before the rule of 2009-11-16.
    assert (
        messages
        == [
            "ex_rights_date must be given for a record date before the TSE's ex-date rule of "
            "2009-11-16 (the derivation would give 2006-03-29), got record_date 2006-03-31"
        ]
        * 2
    )


def test_a_register_of_rows_derives_each_record_date_once() -> None:
    """2,000 clause (3) calls over the same two splits derive their ex-rights dates twice, not
    2,000 times, and every call still gives 800 shares (200 x 2 x 2).
    """
    from stockrights import prices

    actions = [split("2020-12-31"), split("2022-09-30")]
    prices._derived_ex_rights.cache_clear()
    results = {
        adjusted_shares_per_right(
            base_shares=200, actions=actions, as_of="2023-01-01", allotment_date="2017-07-14"
        ).shares_per_right
        for _ in range(2000)
    }
    assert results == {800}
    info = prices._derived_ex_rights.cache_info()
    assert (info.misses, info.hits) == (2, 3998)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            dict(kind="split", ratio=2, record_date="2020-12-31", ex_rights_date="2020-12-31"),
            r"^ex_rights_date must be before record_date \(2020-12-31: the market trades "
            r"ex-rights before the record date\), got 2020-12-31$",
        ),
        (
            dict(kind="other", ratio=1.1, effective_date="2030-04-01", ex_rights_date="2030-03-28"),
            r"^ex_rights_date must be empty for an other adjustment",
        ),
        (
            dict(kind="split", ratio=2, record_date="2020-12-31", ex_rights_date="soon"),
            r"^ex_rights_date must be a date",
        ),
    ],
)
def test_bad_ex_rights_dates_are_refused(fields: dict[str, object], message: str) -> None:
    """An override on or after the record date, on an other adjustment, or unreadable."""
    with pytest.raises(InputError, match=message):
        CorporateAction(**fields)  # type: ignore[arg-type]


def test_a_consolidation_needs_a_record_or_ex_rights_date_for_prices() -> None:
    """Clause (3) needs only its effective date; a price series needs the market's date."""
    consolidation = CorporateAction(kind="consolidation", ratio=0.5, effective_date="2024-10-01")
    with pytest.raises(InputError, match=r"^record_date or ex_rights_date must be given for a"):
        adjust_for_splits(dates=["2024-09-27"], closes=[1000.0], actions=[consolidation])
    dated = CorporateAction(
        kind="consolidation", ratio=0.5, record_date="2024-09-30", effective_date="2024-10-01"
    )
    # Record Mon 2024-09-30 (T+2): Thu 09-26 settles Mon 09-30; ex-rights Fri 09-27.
    adjusted = adjust_for_splits(
        dates=["2024-09-26", "2024-09-27"], closes=[1000.0, 2010.0], actions=[dated]
    )
    assert adjusted.tolist() == [2000.0, 2010.0]  # 1000 / 0.5 on the consolidated basis


# --- the price series ---------------------------------------------------------------------------


def test_company_splits_on_a_price_series_change_basis_on_the_ex_rights_dates() -> None:
    """IIJ's three splits, each from its ex-rights date: closes before it are restated."""
    dates = ["2012-09-25", "2012-09-26", "2020-12-28", "2020-12-29", "2022-09-28", "2022-09-29"]
    closes = [400_000.0, 2_000.0, 4_000.0, 2_000.0, 4_400.0, 2_200.0]
    adjusted = adjust_for_splits(dates=dates, closes=closes, actions=COMPANY_ACTIONS)
    # 2012-09-25 is cum-rights of all three: 400,000 / (200 x 2 x 2) = 500.
    # 2012-09-26 is ex the 1:200 but cum both 1:2: 2,000 / 4 = 500.
    # 2020-12-28 cum both 1:2: 4,000 / 4 = 1,000; 2020-12-29 ex the first: 2,000 / 2 = 1,000.
    # 2022-09-28 cum the second: 4,400 / 2 = 2,200; 2022-09-29 ex all: 2,200.
    assert adjusted.tolist() == [500.0, 500.0, 1000.0, 1000.0, 2200.0, 2200.0]


def test_old_actions_before_the_series_are_not_dated() -> None:
    """A split recorded before the first close changes nothing and needs no ex-rights date."""
    ancient = split("2001-03-31")  # its ex-rights date could not be derived (before 2009)
    adjusted = adjust_for_splits(dates=["2017-07-14"], closes=[2000.0], actions=[ancient])
    assert adjusted.tolist() == [2000.0]
    with pytest.raises(OutOfRangeError, match=r"^ex_rights_date must be given"):
        adjust_for_splits(dates=["2001-03-26"], closes=[2000.0], actions=[ancient])


def test_splits_and_actions_together_are_refused() -> None:
    """One table: giving the pair form as well is an error, not a double adjustment."""
    with pytest.raises(InputError, match=r"^splits must be left out when actions is given"):
        adjust_for_splits(
            dates=["2020-12-28"], closes=[1.0], splits=[("2020-12-29", 2)], actions=COMPANY_ACTIONS
        )


def test_two_actions_on_one_ex_rights_date_need_an_order() -> None:
    """Two basis changes on one ex-rights date without distinct orders are a data error."""
    twice = [split("2020-12-31"), split("2020-12-31", ratio=3)]
    with pytest.raises(SeriesError, match=r"^actions must give distinct order values"):
        share_basis_changes(twice)
    ordered = [split("2020-12-31", order=1), split("2020-12-31", ratio=3, order=2)]
    adjusted = adjust_for_splits(dates=["2020-12-28"], closes=[600.0], actions=ordered)
    assert adjusted.tolist() == [100.0]  # 600 / (2 x 3)


def _weekly_series() -> tuple[list[dt.date], list[float]]:
    """Every XTKS session from 2020-10 to 2023-03: 1,000 yen on today's basis, as traded."""
    days = list(tse_trading_days(start="2020-10-01", end="2023-03-31"))
    closes = []
    for i, day in enumerate(days):
        basis = 1000.0 * (1.0 + 0.05 * np.sin(i / 3.0))  # moves of a few percent a day
        # As traded: x4 before the 2020 ex-rights date, x2 before the 2022 one.
        factor = 4.0 if day < D("2020-12-29") else 2.0 if day < D("2022-09-29") else 1.0
        closes.append(basis * factor)
    return days, closes


def test_volatility_with_the_table_equals_the_hand_dated_pairs_and_audits_the_dates() -> None:
    """The table gives the same sigma as pairs dated by hand; record dates as pairs do not."""
    days, closes = _weekly_series()
    window = dict(dates=days, closes=closes, start="2020-10-01", end="2023-03-31")
    with_table = historical_volatility_estimate(**window, actions=COMPANY_ACTIONS)
    by_hand = historical_volatility_estimate(
        **window, splits=[("2020-12-29", 2), ("2022-09-29", 2)]
    )
    assert with_table.volatility == by_hand.volatility
    assert with_table.splits == ((D("2020-12-29"), 2.0), (D("2022-09-29"), 2.0))
    notes = [change.note for change in with_table.basis_changes]
    assert notes == [
        "split x 2: ex-rights date 2020-12-29: last cum-rights day 2020-12-28 settles T+2 by "
        "2020-12-30, the last TSE business day on or before the record date 2020-12-31",
        "split x 2: ex-rights date 2022-09-29: last cum-rights day 2022-09-28 settles T+2 by "
        "2022-09-30, the last TSE business day on or before the record date 2022-09-30",
    ]
    # On the basis of the window's last day (after both splits): the last close as traded.
    assert with_table.adjusted_closes[-1] == with_table.closes[-1]
    # A window ending before the 2022 ex-rights date leaves that split out of the basis.
    early = historical_volatility_estimate(
        **{**window, "end": "2022-09-28"}, actions=COMPANY_ACTIONS
    )
    assert early.splits == ((D("2020-12-29"), 2.0),)
    assert early.adjusted_closes[-1] == early.closes[-1]
    # The record dates reused as a price-series list misdate the change of basis: the last
    # close of the week of 2020-12-28 (Wed 12-30) is already ex-rights (half the price) but dated
    # before "2020-12-31", so it is halved again, and the return into it is about ln(1/2).
    with pytest.raises(SeriesError, match=r"^closes look unadjusted for a split"):
        historical_volatility_estimate(**window, splits=[("2020-12-31", 2), ("2022-09-30", 2)])


# --- the dividend restatement -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dividend_record", "expected"),
    [
        # Split of record Wed 2017-03-29 takes effect Thu 03-30. A dividend of record on 03-28
        # or 03-29 is paid on the shares held that day, before the split: 27 / 2 = 13.5 per
        # share on the basis the market quotes from the ex-rights date 03-27 on.
        pytest.param("2017-03-28", 13.5, id="dividend recorded the day before the split's"),
        pytest.param("2017-03-29", 13.5, id="same record date (issue 8's reproducer)"),
        # Recorded on or after the effective date 03-30: the dividend is already per new share.
        pytest.param("2017-03-30", 27.0, id="recorded on the effective date"),
        pytest.param("2017-03-31", 27.0, id="recorded at the fiscal year end"),
    ],
)
def test_dividend_restated_for_a_split_around_its_record_date(
    dividend_record: str, expected: float
) -> None:
    """27 yen and a 1:2 split with record date 2017-03-29, valued on 2017-07-14."""
    table = [split("2017-03-29")]
    got = restate_dividend_per_share(
        dividend_per_share=27, record_date=dividend_record, actions=table, as_of="2017-07-14"
    )
    assert got == expected


def test_one_list_reused_for_the_dividend_misstates_it_and_the_table_does_not() -> None:
    """The reproducer: record dates (clause 3's list) reused as the dividend's dates give 27."""
    reused = restate_dividend_per_share(
        dividend_per_share=27, record_date="2017-03-29", splits=[("2017-03-29", 2)],
        as_of="2017-07-14",
    )  # fmt: skip
    assert reused == 27.0  # the old silent misstatement: 27 is per old share
    table = restate_dividend_per_share(
        dividend_per_share=27, record_date="2017-03-29", actions=[split("2017-03-29")],
        as_of="2017-07-14",
    )  # fmt: skip
    assert table == 13.5


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2017-07-14", 27.0),  # the resolution's valuation date
        ("2020-12-28", 27.0),  # the last cum-rights day of the 2020 split: price per old share
        ("2020-12-29", 13.5),  # its ex-rights date: the price is per new share, before 2021-01-01
        ("2022-09-28", 13.5),
        ("2022-09-29", 6.75),  # ex-rights of the 2022 split: 27 / 2 / 2
        ("2024-07-01", 6.75),
    ],
)
def test_iij_dividend_on_the_basis_of_the_price_on_as_of(as_of: str, expected: float) -> None:
    """27 yen (record 2017-03-31) through IIJ's splits: the basis changes on ex-rights dates."""
    got = restate_dividend_per_share(
        dividend_per_share=27, record_date="2017-03-31", actions=COMPANY_ACTIONS, as_of=as_of
    )
    assert got == expected


def test_a_split_ex_rights_before_the_valuation_date_but_effective_after_it_restates() -> None:
    """Split of record Tue 2017-07-18 is ex-rights Thu 07-13: S of 07-14 is per new share."""
    got = restated_dividend(
        dividend_per_share=27, record_date="2017-03-31", actions=[split("2017-07-18")],
        as_of="2017-07-14",
    )  # fmt: skip
    assert (got.dividend_per_share, got.factor) == (13.5, 2.0)
    (step,) = got.steps
    assert step.applied is True
    assert step.ex_rights is not None
    assert step.ex_rights.ex_rights_date == D("2017-07-13")
    assert "last cum-rights day 2017-07-12 settles T+3" in step.reason


def test_the_restated_dividend_says_why_each_action_applied_or_not() -> None:
    """The audit lists the 2012 split as already in the dividend, the later ones with dates."""
    got = restated_dividend(
        dividend_per_share=27, record_date="2017-03-31", actions=COMPANY_ACTIONS,
        as_of="2022-09-28",
    )  # fmt: skip
    assert [s.applied for s in got.steps] == [False, True, False]
    assert got.steps[0].reason == (
        "split x 200 took effect on 2012-10-01, on or before the dividend's record date "
        "2017-03-31: the dividend is already per new share"
    )
    assert got.steps[0].ex_rights is None
    assert got.steps[2].reason.endswith(
        "record date 2022-09-30; after as_of 2022-09-28, whose price is still per old share"
    )


def test_restating_needs_exactly_one_table() -> None:
    """Neither form, or both, is an error naming both arguments."""
    with pytest.raises(InputError, match=r"^actions \(the table of corporate actions\) or splits"):
        restate_dividend_per_share(dividend_per_share=27, record_date="2017-03-31", as_of=42930)
    with pytest.raises(InputError, match=r"got both$"):
        restate_dividend_per_share(
            dividend_per_share=27, record_date="2017-03-31", as_of=42930, splits=[],
            actions=[],
        )  # fmt: skip


# --- clause (3) from the same table --------------------------------------------------------------


def test_clause_3_steps_show_the_market_dates_of_each_split() -> None:
    """SharesPerRight steps carry the ex-rights date, last cum-rights day and cycle."""
    result = adjusted_shares_per_right(
        base_shares=200, actions=COMPANY_ACTIONS, as_of="2024-01-01", allotment_date="2017-07-14"
    )
    assert result.shares_per_right == 800  # 200 x 2 x 2, from the day after each record date
    first, second = result.steps
    assert first.applies_from == D("2021-01-01")
    assert first.ex_rights is not None
    assert (first.ex_rights.last_cum_rights_date, first.ex_rights.ex_rights_date) == (
        D("2020-12-28"),
        D("2020-12-29"),
    )
    assert second.ex_rights_note.startswith("ex-rights date 2022-09-29: last cum-rights day")


def test_clause_3_does_not_need_a_datable_ex_rights_date() -> None:
    """A future split beyond the calendar still adjusts; the audit says why it has no date."""
    far = split("2045-03-31")
    result = adjusted_shares_per_right(
        base_shares=200, actions=[far], as_of="2045-04-01", allotment_date="2017-07-14"
    )
    assert result.shares_per_right == 400
    assert result.steps[0].ex_rights is None
    assert result.steps[0].ex_rights_note.startswith(
        "no ex-rights date: record_date must be within the XTKS calendar"
    )


# --- clause (14) ---------------------------------------------------------------------------------


def test_payment_date_defaults_to_the_allotment_date() -> None:
    """Clause (14): 14 July 2017, as the allotment; another date is kept as given."""
    terms = seventh_series_terms()
    assert terms.payment_date == terms.allotment_date == D("2017-07-14")
    fields = {name: getattr(terms, name) for name in terms.__slots__}  # type: ignore[attr-defined]
    fields["payment_date"] = None
    assert type(terms)(**fields).payment_date == D("2017-07-14")
    fields["payment_date"] = "2017-07-31"
    assert type(terms)(**fields).payment_date == D("2017-07-31")
    fields["payment_date"] = "end of July"
    with pytest.raises(InputError, match=r"^payment_date must be a date"):
        type(terms)(**fields)


@settings(max_examples=40, deadline=None)
@given(
    records=st.lists(
        st.dates(min_value=dt.date(2010, 6, 1), max_value=dt.date(2030, 6, 30)),
        min_size=1,
        max_size=3,
    ),
    ratios=st.lists(st.sampled_from([2.0, 3.0, 1.5, 0.5, 0.2]), min_size=3, max_size=3),
    as_of=st.dates(min_value=dt.date(2010, 1, 1), max_value=dt.date(2031, 6, 30)),
)
def test_dividend_and_price_are_on_the_same_basis_on_every_date(
    records: list[dt.date], ratios: list[float], as_of: dt.date
) -> None:
    """D restated to as_of and a close dated as_of are restated to today by the same factor."""
    table = [
        CorporateAction(
            kind="split" if ratio > 1 else "consolidation",
            ratio=ratio,
            record_date=record,
            effective_date=record + dt.timedelta(days=1),
            order=i,
        )
        for i, (record, ratio) in enumerate(zip(records, ratios, strict=False))
    ]
    later = dt.date(2031, 12, 31)  # after every ex-rights date
    on_as_of = restate_dividend_per_share(
        dividend_per_share=100.0, record_date="2010-01-01", actions=table, as_of=as_of
    )
    today = restate_dividend_per_share(
        dividend_per_share=100.0, record_date="2010-01-01", actions=table, as_of=later
    )
    (close_today,) = adjust_for_splits(dates=[as_of], closes=[1.0], actions=table).tolist()
    assert today / on_as_of == pytest.approx(close_today, rel=1e-12)


def test_other_adjustments_do_not_touch_prices_or_dividends() -> None:
    """An other adjustment changes the rights (clause 3), not the share basis."""
    other = CorporateAction(kind="other", ratio=1.5, effective_date="2021-04-01")
    assert adjust_for_splits(dates=["2021-03-01"], closes=[900.0], actions=[other]).tolist() == [
        900.0
    ]
    got = restated_dividend(
        dividend_per_share=27, record_date="2017-03-31", actions=[other], as_of="2024-01-01"
    )
    assert (got.dividend_per_share, got.steps) == (27.0, ())
    assert share_basis_changes([other]) == ()


def test_actions_long_after_the_window_are_not_dated() -> None:
    """A split recorded beyond the calendar (2045) does not stop a 2020 volatility."""
    days, closes = _weekly_series()
    table = [*COMPANY_ACTIONS, split("2045-03-31")]
    estimate = historical_volatility_estimate(
        dates=days, closes=closes, start="2020-10-01", end="2023-03-31", actions=table
    )
    assert [c.ex_rights_date for c in estimate.basis_changes] == [D("2020-12-29"), D("2022-09-29")]
    with pytest.raises(OutOfRangeError, match=r"^record_date must be within the XTKS calendar"):
        share_basis_changes(table)  # asked for every date, it says which it cannot give


def test_a_dividend_is_not_held_up_by_a_split_recorded_long_after_as_of() -> None:
    """A 2045 split in the table (beyond the calendar) is simply after the valuation date."""
    got = restated_dividend(
        dividend_per_share=27, record_date="2017-03-31",
        actions=[*COMPANY_ACTIONS, split("2045-03-31")], as_of="2024-03-31",
    )  # fmt: skip
    assert got.dividend_per_share == 6.75
    assert got.steps[-1].reason == (
        "split x 2: record date 2045-03-31, more than a month after as_of 2024-03-31, whose price "
        "is still per old share"
    )


def test_the_market_derivation_takes_the_one_table() -> None:
    """derive_dividend_yield(actions=) restates by the table's rule and lists what applied."""
    from stockrights.derivation import derive_dividend_yield

    d = derive_dividend_yield(
        dividend_per_share=27, record_date="2017-03-31", share_price=2000, as_of="2024-03-31",
        actions=COMPANY_ACTIONS,
    )  # fmt: skip
    assert d.restated_dividend == 6.75  # 27 / 2 / 2
    assert d.splits_applied == ((D("2021-01-01"), 2.0), (D("2022-10-01"), 2.0))
    same_day = derive_dividend_yield(
        dividend_per_share=27, record_date="2017-03-29", share_price=2000, as_of="2017-07-14",
        actions=[split("2017-03-29")],
    )  # fmt: skip
    assert same_day.dividend_yield == 13.5 / 2000
