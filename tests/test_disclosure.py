"""The note's tables, the status table, the journal: hand-checked values and published figures.

Published figures are those of ``../shared/docs/disclosure.md`` §5 (E-numbers are EDINET codes).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from register_helpers import event, seventh_series
from stockrights.adjustment import CorporateAction
from stockrights.disclosure import DisclosureSettings, OptionCounts, disclose
from stockrights.errors import InputError
from stockrights.example import COMPANY_ACTIONS
from stockrights.register import Event, ReconcileError, Register, Series
from stockrights.restructuring import Restructuring


def series(**changes: object) -> Series:
    return seventh_series("S", **changes)


def ev(day: str, kind: str, rights: int, name: str = "S", **kw: object) -> Event:
    return event(day, kind, rights, name, **kw)


def one(
    s: Series, *events: Event, actions: tuple[CorporateAction, ...] = COMPANY_ACTIONS
) -> Register:
    return Register.from_events(series=[s], events=events, actions=actions)


def test_seventh_series_year_after_the_2022_split() -> None:
    """FY ended 2023-03-31, 800 shares per right at the year end (200 x 2 x 2).

    Rights: 245 - 10 (exercised 2019) = 235 at the start; 5 exercised 2022-06-30 (400 a
    right then), 3 on 2022-11-15 (800 a right) -> 227. In shares restated at 800:
    235 x 800 = 188,000; exercised 8 x 800 = 6,400; outstanding 227 x 800 = 181,600.
    """
    r = one(
        series(),
        ev("2019-06-30", "exercise", 10, share_price=2400),
        ev("2022-06-30", "exercise", 5, share_price=2400),
        ev("2022-11-15", "exercise", 3, share_price=1300),
    )
    d = disclose(r, fiscal_year_end="2023-03-31")
    (c,) = d.counts
    assert (c.vested_beginning, c.vested, c.exercised, c.vested_lapsed, c.outstanding) == (
        188_000,
        0,
        6_400,
        0,
        181_600,
    )
    assert (c.unvested_beginning, c.granted, c.unvested_balance) == (0, 0, 0)
    (p,) = d.prices
    # 2022-06-30 close 2,400 on the 400-share basis -> 1,200 after the 2022 split; 2022-11-15
    # close 1,300 already post-split. Weighted by shares: (5 x 1,200 + 3 x 1,300) / 8 = 1,237.5
    # -> 1,238 (half-up to the yen)
    assert p.average_at_exercise == 1238
    # fair value 1,632.445 x 200 / 800 = 408.11125 -> 408.11
    assert p.fair_value_at_grant == 408.11
    assert p.exercise_price == 1
    (st_,) = d.status
    # 227 rights; 181,600 shares; 1 yen x 800 = 800 yen a right; issue 1 + 408.11 = 409.11;
    # capital ceil(409.11 / 2 = 204.555) = 205
    assert (st_.rights, st_.shares, st_.exercise_amount_per_right) == (227, 181_600, 800)
    assert (st_.issue_price, st_.capital_per_share) == (409.11, 205)
    assert d.shares_issuable == 181_600
    assert [(a.kind.value, a.ratio, a.scheduled_from()) for a in d.restatements] == [
        ("split", 2.0, dt.date(2021, 1, 1)),
        ("split", 2.0, dt.date(2022, 10, 1)),
    ]
    # the 2012 split predates the allotment and is not in the footnote
    kinds = [e.kind for e in d.journal]
    assert kinds == ["exercise", "exercise"]
    first = {line.account: line.debit or line.credit for line in d.journal[0].lines}
    # 5 rights x 400 shares: cash 2,000; book 5 x 326,489 = 1,632,445; limit 1,634,445;
    # capital ceil(817,222.5) = 817,223; reserve 817,222
    assert first == {
        "cash_and_deposits": 2_000,
        "stock_acquisition_rights": 1_632_445,
        "capital_stock": 817_223,
        "capital_reserve": 817_222,
    }
    assert d.journal[1].shares == 2_400


def test_average_price_weighting_settings() -> None:
    """3 rights at 2,000 (pre-split, 1,000 restated) and 1 at 1,100: by shares 4,100 / 4 =
    1,025; a plain average of the two exercises (1,000 + 1,100) / 2 = 1,050.
    """
    r = one(
        series(),
        ev("2022-06-01", "exercise", 3, share_price=2000),
        ev("2022-12-01", "exercise", 1, share_price=1100),
    )
    assert disclose(r, fiscal_year_end="2023-03-31").prices[0].average_at_exercise == 1025
    simple = DisclosureSettings(average_price_weighting="simple")
    got = disclose(r, fiscal_year_end="2023-03-31", settings=simple).prices[0]
    assert got.average_at_exercise == 1050


def test_e31815_roll_forward_with_three_splits() -> None:
    """E31815: 352,000 - 26,000 - 2,000 = 324,000; 275 / 1,014 / '-'; splits 1:5, 1:2, 1:2.

    100 shares a right at grant, x 5 x 2 x 2 = 2,000 after; 176 rights = 352,000 shares; 13
    exercised (26,000), 1 lapsed (2,000). Exercise price 5,500 per share at grant restated:
    5,500 x 100 / 2,000 = 275.
    """
    actions = (
        CorporateAction(kind="split", ratio=5, record_date="2015-03-31"),
        CorporateAction(kind="split", ratio=2, record_date="2016-03-31"),
        CorporateAction(kind="split", ratio=2, record_date="2017-03-31"),
    )
    s = series(
        allotment_date="2014-07-01",
        rights_allotted=176,
        shares_per_right=100,
        exercise_price=5500,
        exercise_period_start="2016-07-01",
        exercise_period_end="2024-06-30",
        fair_value_per_share=None,
    )
    r = one(
        s,
        ev("2017-09-01", "exercise", 13, share_price=1014),
        ev("2018-02-01", "lapse", 1),
        actions=actions,
    )
    d = disclose(
        r, fiscal_year_end="2018-03-31", settings=DisclosureSettings(restate_exercise_price=True)
    )
    c = d.counts[0]
    assert (c.vested_beginning, c.exercised, c.vested_lapsed, c.outstanding) == (
        352_000,
        26_000,
        2_000,
        324_000,
    )
    p = d.prices[0]
    assert (p.exercise_price, p.average_at_exercise, p.fair_value_at_grant) == (275, 1014, None)


def test_e02970_grant_year_variant_a_and_expense() -> None:
    """E02970: 付与 4,600 -> 未確定残 4,600, post-vesting all '-', expense 3,394 千円.

    46 rights x 100 shares; fair value 737.83 a share -> 73,783 a right x 46 = 3,394,018 yen,
    printed 3,394 千円.
    """
    s = series(
        allotment_date="2019-08-22",
        rights_allotted=46,
        shares_per_right=100,
        exercise_period_start="2019-08-23",
        exercise_period_end="2049-08-22",
        fair_value_per_share=737.83,
    )
    d = disclose(one(s, actions=()), fiscal_year_end="2020-03-31")
    c = d.counts[0]
    assert (c.unvested_beginning, c.granted, c.unvested_forfeited, c.unvested_vested) == (
        0,
        4600,
        0,
        0,
    )
    assert c.unvested_balance == 4600
    assert (c.vested_beginning, c.vested, c.exercised, c.vested_lapsed, c.outstanding) == (0,) * 5
    assert d.expense == 3_394_018
    assert d.expense // 1000 == 3394
    assert [e.kind for e in d.journal] == ["allotment", "offset"]
    assert d.journal[0].lines[0].account == "share_based_compensation"
    assert d.journal[1].lines[1].account == "stock_acquisition_rights"
    assert d.valuations[0].series == "S"
    # the next year the series sits wholly in the post-vesting block (E03512's later years)
    nxt = disclose(one(s, actions=()), fiscal_year_end="2021-03-31").counts[0]
    assert (nxt.unvested_beginning, nxt.vested_beginning, nxt.outstanding) == (0, 4600, 4600)


def test_grant_year_variant_b() -> None:
    """Variant B: 付与 N and 権利確定 N in the pre-vesting block, 権利確定 N post-vesting."""
    s = series(grant_year="vested")
    c = disclose(one(s), fiscal_year_end="2018-03-31").counts[0]
    assert (c.granted, c.unvested_vested, c.unvested_balance) == (49_000, 49_000, 0)
    assert (c.vested, c.outstanding) == (49_000, 49_000)


def test_e03512_no_activity_year_with_decimal_fair_value() -> None:
    """E03512: 前事業年度末 360,000 = 未行使残; 413 / '-' / 1.28."""
    s = series(
        allotment_date="2012-05-15",
        rights_allotted=3600,
        shares_per_right=100,
        exercise_price=413,
        exercise_period_start="2014-05-16",
        exercise_period_end="2022-05-15",
        fair_value_per_share=1.28,
    )
    d = disclose(one(s, actions=()), fiscal_year_end="2016-03-31")
    c, p = d.counts[0], d.prices[0]
    assert (c.vested_beginning, c.outstanding, c.exercised) == (360_000, 360_000, 0)
    assert (p.exercise_price, p.average_at_exercise, p.fair_value_at_grant) == (413, None, 1.28)
    assert d.expense == 0
    assert d.journal == ()


def test_e36368_service_condition_grant_year() -> None:
    """E36368: 付与 12,000 -> 未確定残 12,000 (vesting after the year end)."""
    s = series(
        allotment_date="2020-01-10",
        rights_allotted=120,
        shares_per_right=100,
        exercise_period_start="2022-01-11",
        vesting_date="2022-01-10",
        fair_value_per_share=None,
    )
    c = disclose(one(s, actions=()), fiscal_year_end="2020-03-31").counts[0]
    assert (c.granted, c.unvested_balance, c.outstanding) == (12_000, 12_000, 0)


@pytest.mark.parametrize(
    ("rights", "spr", "price", "fair", "shares", "issue", "capital"),
    [
        (12, 1000, 1, None, 12_000, 1, 1),  # E01786 2005: 12個 -> 12,000株; 1 / ceil(0.5) = 1
        (254, 100, 1, None, 25_400, 1, 1),  # E02344: 254個 -> 25,400株; 1 / 1
        (2030, 100, 298, None, 203_000, 298, 149),  # E04068: 298 / 149
        (1680, 100, 130, 3, 168_000, 133, 67),  # E41081: 130 + 3 = 133; ceil(66.5) = 67
        (10, 100, 1, 464, 1_000, 465, 233),  # E01786 2006: 465 / ceil(232.5) = 233
        (10, 100, 1, 553, 1_000, 554, 277),  # E02611: 1 + 553 = 554 (derived); 277
        (10, 100, 1, 706, 1_000, 707, 354),  # E02611: 1 + 706 = 707; ceil(353.5) = 354
    ],
)
def test_published_issue_price_and_capital(
    rights: int, spr: int, price: float, fair: float | None, shares: int, issue: float, capital: int
) -> None:
    s = series(
        rights_allotted=rights,
        shares_per_right=spr,
        exercise_price=price,
        fair_value_per_share=fair,
    )
    (row,) = disclose(one(s, actions=()), fiscal_year_end="2018-03-31").status
    assert (row.rights, row.shares, row.issue_price, row.capital_per_share) == (
        rights,
        shares,
        issue,
        capital,
    )


def test_e38043_consolidation_restates_shares_and_prices() -> None:
    """E38043: 555 rights; 111,000[55,500]; 90[180] / 45[90] after a 2:1 consolidation."""
    cons = CorporateAction(kind="consolidation", ratio=0.5, effective_date="2021-04-01")
    s = series(rights_allotted=555, exercise_price=90, fair_value_per_share=None)
    opts = DisclosureSettings(restate_exercise_price=True)
    before = disclose(one(s, actions=(cons,)), fiscal_year_end="2021-03-31", settings=opts).status[
        0
    ]
    after = disclose(one(s, actions=(cons,)), fiscal_year_end="2022-03-31", settings=opts).status[0]
    assert (before.shares, before.issue_price, before.capital_per_share) == (111_000, 90, 45)
    assert (after.shares, after.issue_price, after.capital_per_share) == (55_500, 180, 90)


def test_e04074_other_adjustment_shares_per_right() -> None:
    """E04074: 2,001 rights x 146 shares (100 adjusted after a rights offering) = 292,146."""
    adj = CorporateAction(kind="other", ratio=1.46, effective_date="2012-01-01")
    s = series(
        allotment_date="2011-07-01",
        rights_allotted=2001,
        shares_per_right=100,
        exercise_period_start="2011-07-02",
        fair_value_per_share=None,
    )
    row = disclose(one(s, actions=(adj,)), fiscal_year_end="2012-03-31").status[0]
    assert (row.shares_per_right, row.shares) == (146, 292_146)


def test_expense_over_a_service_period_with_a_forfeiture() -> None:
    """1,000 yen a right, 10 rights, 2020-04-01 to vesting 2022-04-01 (730 days).

    FY to 2021-03-31: 364 days -> 10,000 x 364 // 730 = 4,986.
    2 rights forfeited 2021-06-01 -> 8 expected: FY to 2022-03-31 cum 8,000 x 729 // 730 = 7,989,
    expense 7,989 - 4,986 = 3,003; FY to 2023-03-31: 8,000 - 7,989 = 11.
    """
    s = series(
        allotment_date="2020-04-01",
        rights_allotted=10,
        shares_per_right=1,
        exercise_period_start="2022-04-01",
        vesting_date="2022-04-01",
        fair_value_per_share=1000,
    )
    r = one(s, ev("2021-06-01", "forfeit", 2), actions=())
    got = [disclose(r, fiscal_year_end=f"{y}-03-31").expense for y in (2021, 2022, 2023)]
    assert got == [4986, 3003, 11]
    c = disclose(r, fiscal_year_end="2022-03-31").counts[0]
    assert (c.unvested_beginning, c.unvested_forfeited, c.unvested_balance) == (10, 2, 8)
    v = disclose(r, fiscal_year_end="2023-03-31").counts[0]
    assert (v.unvested_beginning, v.unvested_vested, v.vested, v.outstanding) == (8, 8, 8, 8)
    assert disclose(r, fiscal_year_end="2023-03-31").journal[0].kind == "expense"


def test_lapse_gain_and_negative_expense_entry() -> None:
    """2 rights lapse: 2 x 326,489 = 652,978 of 新株予約権戻入益."""
    r = one(series(), ev("2023-04-30", "lapse", 2))
    d = disclose(r, fiscal_year_end="2024-03-31")
    assert d.lapse_gain == 652_978
    assert d.counts[0].vested_lapsed == 2 * 800
    assert d.journal[0].lines[1].account == "gain_on_lapse"


def test_missing_share_price_on_an_exercise_is_one_line() -> None:
    r = one(series(), ev("2022-06-30", "exercise", 5))
    with pytest.raises(InputError, match=r"^series S, 2022-06-30: share_price must be given"):
        disclose(r, fiscal_year_end="2023-03-31")


def test_disclose_refuses_a_register_that_does_not_reconcile() -> None:
    r = one(series(exercise_period_end="2020-03-31"))
    with pytest.raises(ReconcileError, match="245 rights still outstanding"):
        disclose(r, fiscal_year_end="2021-03-31")


def test_facts_use_the_documented_keys() -> None:
    r = one(series(), ev("2022-06-30", "exercise", 5, share_price=2400))
    facts = {
        (f.table, f.series, f.item): f.value
        for f in disclose(r, fiscal_year_end="2023-03-31").facts()
    }
    assert facts[("options", "S", "options.vested.exercised")] == 4000
    assert facts[("options", "S", "options.vested.outstanding")] == 192_000
    assert facts[("prices", "S", "price.average_at_exercise")] == 1200
    assert facts[("status", "S", "status.capital_per_share")] == 205
    assert facts[("dilution", "", "dilution.shares_issuable")] == 192_000


# --- the thirty-year synthetic register: each year's beginning = last year's closing restated ----


def _synthetic(draw: st.DrawFn) -> Register:
    actions = (
        CorporateAction(kind="split", ratio=2, record_date="2003-09-30"),
        CorporateAction(kind="split", ratio=3, record_date="2009-03-31"),
        CorporateAction(kind="consolidation", ratio=0.2, effective_date="2014-10-01"),
        CorporateAction(kind="split", ratio=2, record_date="2021-12-31"),
    )
    deal = Restructuring(kind="share_exchange", effective_date="2018-04-01", share_ratio=1.5)
    all_series, events = [], []
    for k in range(draw(st.integers(2, 6))):
        year = 2000 + draw(st.integers(0, 25))
        allot = dt.date(year, 7, 1)
        end = dt.date(year + draw(st.integers(3, 10)), 6, 30)
        vesting = draw(st.sampled_from([None, dt.date(year + 2, 7, 1)]))
        name = f"第{k + 1}回"
        n = draw(st.integers(1, 400))
        all_series.append(
            Series(
                name=name,
                allotment_date=allot,
                rights_allotted=n,
                shares_per_right=draw(st.sampled_from([100, 201])),
                exercise_price=1,
                exercise_period_start=vesting or allot + dt.timedelta(days=1),
                exercise_period_end=end,
                fair_value_per_share=draw(st.sampled_from([None, 1000.5])),
                vesting_date=vesting,
                grant_year=draw(st.sampled_from(["unvested", "vested"])),
            )
        )
        left, day = n, allot
        while left and day < end:
            day += dt.timedelta(days=draw(st.integers(1, 800)))
            if day > end:
                break
            kind = draw(st.sampled_from(["exercise", "lapse", "forfeit", "cancel"]))
            if kind == "exercise" and vesting is not None and day < vesting:
                kind = "forfeit"
            if kind == "exercise" and day <= allot:
                continue
            take = draw(st.integers(1, left))
            left -= take
            events.append(Event(date=day, series=name, kind=kind, rights=take, share_price=1000.0))
        if left:
            events.append(Event(date=end, series=name, kind="lapse", rights=left))
    return Register.from_events(
        series=all_series, events=events, actions=actions, restructurings=[deal]
    )


synthetic = st.composite(_synthetic)


@settings(max_examples=25)
@given(st.data())
def test_beginning_equals_last_years_closing_restated_over_thirty_years(
    data: st.DataObject,
) -> None:
    """For every year: sum of 前期末 = sum of last year's 未確定残 + 未行使残, in rights
    (shares / shares per right at each year end); the rights balance (新株予約権) moves by
    expense - gain - book value exercised; and once every series has ended it is zero.
    """
    register = data.draw(synthetic())
    prev: dict[str, OptionCounts] | None = None
    prev_bal: dict[str, int] = {}
    bvpr = {s.name: s.book_value_per_right for s in register.series}
    for year in range(2001, 2037):
        try:
            d = disclose(register, fiscal_year_end=f"{year}-03-31")
        except InputError as e:  # before the first allotment, or every right gone
            nothing = str(e)
        else:
            nothing = ""
        if nothing:
            assert nothing.endswith("; nothing to disclose")
            prev, prev_bal = {}, {}
            continue
        this = {c.series: c for c in d.counts}
        if prev is not None:
            for name, c in this.items():
                begin = (c.unvested_beginning + c.vested_beginning) // c.shares_per_right
                old = prev.get(name)
                closing = (
                    0
                    if old is None
                    else (old.unvested_balance + old.outstanding) // old.shares_per_right
                )
                assert begin == closing, (year, name)
        balances = {a.series: a for a in d.accounting}
        for name, a in balances.items():
            exercised = sum(
                e.rights for e in d.journal if e.series == name and e.kind == "exercise"
            )
            opening = prev_bal.get(name, 0)
            assert a.balance_end == opening + a.expense - a.lapse_gain - exercised * bvpr[name]
        prev = this
        prev_bal = {name: a.balance_end for name, a in balances.items()}
    assert all(v == 0 for v in prev_bal.values())


def test_restructuring_restates_counts_and_is_footnoted() -> None:
    """Share exchange at 0.37 effective 2030-04-01: 800 x 0.37 = 296 shares a right.

    245 rights, 5 exercised 2030-06-01 (296 a right then): FY to 2031-03-31 in shares at 296:
    beginning 245 x 296 = 72,520; exercised 5 x 296 = 1,480; outstanding 240 x 296 = 71,040.
    Cash 5 x 296 x 1 = 1,480; book 5 x 326,489 = 1,632,445; limit 1,633,925 -> capital
    ceil(816,962.5) = 816,963 and reserve 816,962.
    """
    deal = Restructuring(kind="share_exchange", effective_date="2030-04-01", share_ratio=0.37)
    r = Register.from_events(
        series=[series()],
        events=[ev("2030-06-01", "exercise", 5, share_price=3000)],
        actions=COMPANY_ACTIONS,
        restructurings=[deal],
    )
    d = disclose(r, fiscal_year_end="2031-03-31")
    c = d.counts[0]
    assert (c.vested_beginning, c.exercised, c.outstanding) == (72_520, 1_480, 71_040)
    assert [x.effective_date for x in d.restructurings] == [dt.date(2030, 4, 1)]
    lines = {line.account: line.debit or line.credit for line in d.journal[0].lines}
    assert lines == {
        "cash_and_deposits": 1_480,
        "stock_acquisition_rights": 1_632_445,
        "capital_stock": 816_963,
        "capital_reserve": 816_962,
    }
    # the year before the exchange: 800 a right, 245 x 800 = 196,000 outstanding
    assert disclose(r, fiscal_year_end="2030-03-31").counts[0].outstanding == 196_000


def test_settings_and_dates_are_refused_in_one_line() -> None:
    with pytest.raises(InputError, match=r"^average_price_weighting must be one of shares, simple"):
        DisclosureSettings(average_price_weighting="median")
    with pytest.raises(InputError, match=r"^fair_value_decimals must be <= 6, got 9$"):
        DisclosureSettings(fair_value_decimals=9)
    with pytest.raises(InputError, match=r"^previous_fiscal_year_end must be before"):
        disclose(one(series()), fiscal_year_end="2023-03-31", previous_fiscal_year_end="2023-03-31")


def test_previous_year_end_of_a_leap_day() -> None:
    """29 February 2024 -> 28 February 2023 (the same day a year earlier does not exist)."""
    from stockrights.disclosure import previous_year_end

    assert previous_year_end(dt.date(2024, 2, 29)) == dt.date(2023, 2, 28)
    assert previous_year_end(dt.date(2024, 3, 31)) == dt.date(2023, 3, 31)


def test_year_boundaries_are_inclusive_of_the_year_end() -> None:
    """An exercise on the year end falls in that year; on the next day, in the next."""
    r = one(
        series(),
        ev("2023-03-31", "exercise", 1, share_price=1000),
        ev("2023-04-01", "exercise", 2, share_price=1000),
    )
    assert disclose(r, fiscal_year_end="2023-03-31").counts[0].exercised == 800
    nxt = disclose(r, fiscal_year_end="2024-03-31").counts[0]
    assert (nxt.vested_beginning, nxt.exercised) == (244 * 800, 2 * 800)


def test_a_year_before_any_allotment_says_so_instead_of_zeros() -> None:
    """Series S allotted 2017-07-14: a year ending the day before has nothing to disclose.

    Before, tables of zeros came back without a word; the allotment day itself is disclosed.
    """
    r = one(series())
    for year_end in ("2010-03-31", "2017-07-13"):
        with pytest.raises(
            InputError,
            match=rf"^fiscal_year_end {year_end}: no series had been allotted by then \(the "
            r"first, S, on 2017-07-14\); nothing to disclose$",
        ):
            disclose(r, fiscal_year_end=year_end)
    (c,) = disclose(r, fiscal_year_end="2017-07-14").counts
    assert c.granted == 245 * 200  # 245 rights x 200 shares, granted in the year


def test_a_year_after_every_series_ended_says_so_instead_of_zeros() -> None:
    """S ends 2047-07-14; its 245 rights lapse then. FY2048 shows the lapse, FY2049 the prior
    year's gain as its comparative; from FY2050 there is nothing to disclose.
    """
    r = one(series(), ev("2047-07-14", "lapse", 245))
    (c,) = disclose(r, fiscal_year_end="2048-03-31").counts
    assert c.vested_lapsed == 245 * 800  # restated to 800 shares a right (two 1:2 splits)
    later = disclose(r, fiscal_year_end="2049-03-31")
    assert later.counts == ()
    assert later.lapse_gain_prior > 0
    with pytest.raises(
        InputError,
        match=r"^fiscal_year_end 2050-03-31: no rights were outstanding in the fiscal year from "
        r"2049-04-01 \(every series allotted by then had all its rights exercised, lapsed, "
        r"forfeited or cancelled before it\); nothing to disclose$",
    ):
        disclose(r, fiscal_year_end="2050-03-31")
