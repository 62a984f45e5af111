"""The note's two-year amount tables (前年度 / 当年度): hand-computed and published figures.

E02970 prints the expense as "- / 3,394 千円" in its grant year; E24158 prints the lapse gain as
"- / 3,663 千円" (``../shared/docs/disclosure.md`` §1.1, §5).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from register_helpers import event, vesting_register
from stockrights.disclosure import DisclosureSettings, disclose, in_unit
from stockrights.register import Register, Series
from stockrights.registers.outputs import write_disclosure


def test_prior_year_expense_is_the_prior_year_run_with_the_same_rules() -> None:
    """Cumulative expense rounded down: to 2022-03-31, 364 of 730 days: 10,000,000 x 364 / 730
    = 4,986,301.37 -> 4,986,301 (the prior year: FY ended 2022-03-31).
    To 2023-03-31, 729 days, with 90 rights expected after the forfeiture: 9,000,000 x 729 / 730
    = 8,987,671.23 -> 8,987,671; the year's expense 8,987,671 - 4,986,301 = 4,001,370.
    """
    r = vesting_register(forfeit=True)
    d = disclose(r, fiscal_year_end="2023-03-31")
    assert (d.expense_prior, d.expense) == (4_986_301, 4_001_370)
    assert disclose(r, fiscal_year_end="2022-03-31").expense == 4_986_301
    assert d.lapse_gain_prior == d.lapse_gain == 0  # a forfeiture before vesting is no gain
    facts = {(f.series, f.item): f.value for f in d.facts()}
    assert facts[("", "accounting.expense_prior")] == 4_986_301
    assert facts[("V", "accounting.expense_prior")] == 4_986_301
    assert facts[("V", "accounting.expense")] == 4_001_370
    assert facts[("V", "accounting.lapse_gain_prior")] == 0
    # the first year: no prior year, so the total is 0 and no per-series row
    first = disclose(r, fiscal_year_end="2022-03-31")
    assert first.expense_prior == 0
    assert first.accounting_prior == ()


def _note_rows(path: Path, sheet: str) -> list[list[Any]]:
    from openpyxl import load_workbook

    book = load_workbook(path)
    return [[c.value for c in row] for row in book[sheet].iter_rows()]


def _table_after(rows: list[list[Any]], heading: str) -> tuple[Any, list[Any], list[Any]]:
    """The unit line, the header row and the first data row after ``heading``."""
    at = next(i for i, row in enumerate(rows) if row[0] == heading)
    return rows[at + 1][0], rows[at + 2][:3], rows[at + 3][:3]


def test_vesting_register_two_columns_in_thousands(tmp_path: Path) -> None:
    """4,986,301 -> 4,986 千円 and 4,001,370 -> 4,001 千円 (toward zero); half-up 4,986 / 4,001
    as well (.301 and .370 < .5).
    """
    d = disclose(
        vesting_register(forfeit=True),
        fiscal_year_end="2023-03-31",
        settings=DisclosureSettings(amount_unit="thousand_yen"),
    )
    out = write_disclosure(d, tmp_path / "n.xlsx", lang="ja")
    unit, header, row = _table_after(
        _note_rows(out, "ストック・オプション等関係"), "1. 費用計上額及び科目名"
    )
    assert unit == "(単位:千円)"
    assert header == [None, "前連結会計年度", "当連結会計年度"]
    assert row == ["販売費及び一般管理費", 4_986, 4_001]


def e02970_register() -> Register:
    """E02970 第2回 (株式報酬型): 付与 4,600 shares in the year ended 2020-03-31, exercise period
    from 2019-08-23, no vesting condition; expense "- / 3,394 千円".

    ASSUMED (not in the excerpt): 100 shares a right (46 rights) and a fair value of 737.90 a
    share, so that the per-right amount is 73,790 and the grant 46 x 73,790 = 3,394,340 yen,
    inside the published 3,394 千円.
    """
    s = Series(
        name="第2回新株予約権",
        allotment_date="2019-08-23",
        rights_allotted=46,
        shares_per_right=100,
        exercise_price=1,
        exercise_period_start="2019-08-23",
        exercise_period_end="2049-08-22",
        fair_value_per_share=737.9,
    )
    return Register.from_events(series=[s])


def test_e02970_grant_year_expense_prints_dash_then_3394_thousand(tmp_path: Path) -> None:
    """Published: prior year '-', current 3,394 千円; 付与 4,600 -> 未確定残 4,600 (variant A)."""
    d = disclose(
        e02970_register(),
        fiscal_year_end="2020-03-31",
        settings=DisclosureSettings(amount_unit="thousand_yen"),
    )
    (c,) = d.counts
    assert (c.granted, c.unvested_balance, c.outstanding) == (4_600, 4_600, 0)
    assert (d.expense_prior, d.expense) == (0, 3_394_340)
    out = write_disclosure(d, tmp_path / "e.xlsx", lang="ja")
    rows = _note_rows(out, "ストック・オプション等関係")
    unit, _, row = _table_after(rows, "1. 費用計上額及び科目名")
    assert (unit, row) == ("(単位:千円)", ["販売費及び一般管理費", "-", 3_394])


def test_e24158_lapse_gain_prints_dash_then_3663_thousand(tmp_path: Path) -> None:
    """Published (E24158): gain on lapse "- / 3,663 千円".

    ASSUMED figures: 100 rights of 100 shares at a fair value of 366.35 a share (36,635 a
    right), granted 2010-07-01 without a vesting condition, all lapsed on 2020-01-15:
    100 x 36,635 = 3,663,500 yen -> 3,663 千円 toward zero (the default); half-up would print
    3,664. The prior year (FY ended 2019-03-31) had no lapse: '-'.
    """
    s = Series(
        name="第1回新株予約権",
        allotment_date="2010-07-01",
        rights_allotted=100,
        shares_per_right=100,
        exercise_price=1,
        exercise_period_start="2010-07-02",
        exercise_period_end="2040-07-01",
        fair_value_per_share=366.35,
    )
    r = Register.from_events(series=[s], events=[event("2020-01-15", "lapse", 100, s.name)])
    heading = "2. 権利不行使による失効により利益として計上した金額"
    for rounding, figure in (("down", 3_663), ("half_up", 3_664)):
        d = disclose(
            r,
            fiscal_year_end="2020-03-31",
            settings=DisclosureSettings(amount_unit="thousand_yen", amount_rounding=rounding),
        )
        assert (d.lapse_gain_prior, d.lapse_gain) == (0, 3_663_500)
        out = write_disclosure(d, tmp_path / f"g_{rounding}.xlsx", lang="ja")
        unit, _, row = _table_after(_note_rows(out, "ストック・オプション等関係"), heading)
        assert (unit, row) == ("(単位:千円)", ["新株予約権戻入益", "-", figure])


@pytest.mark.parametrize(
    ("amount", "unit", "rounding", "expected"),
    [
        (-1_720_600, "thousand_yen", "down", -1_720),  # E24158 prints △1,720 千円
        (-1_720_600, "thousand_yen", "half_up", -1_721),
        (17_499_999, "million_yen", "half_up", 17),  # E03760 prints 17 百万円
        (17_500_000, "million_yen", "half_up", 18),
        (17_999_999, "million_yen", "down", 17),
        (999, "thousand_yen", "down", 0),  # below one unit: printed '-'
        (3_394, "yen", "down", 3_394),
    ],
)
def test_in_unit_rounds_toward_zero_or_half_away(
    amount: int, unit: str, rounding: str, expected: int
) -> None:
    opts = DisclosureSettings(amount_unit=unit, amount_rounding=rounding)
    assert in_unit(amount, opts) == expected


def test_negative_expense_in_thousands_prints_with_triangle(tmp_path: Path) -> None:
    """A forfeiture that reverses more than the year adds: 100 rights, vesting over 730 days
    from 2021-04-01; 60 forfeited on 2022-04-01 (FY ended 2023-03-31 starts then).

    Cumulative to 2022-03-31: 4,986,301 (above). To 2023-03-31 with 40 rights expected:
    4,000,000 x 729 / 730 = 3,994,520.5 -> 3,994,520; the year's expense 3,994,520 -
    4,986,301 = -991,781 -> △991 千円 (toward zero); prior year 4,986 千円.
    """
    s = vesting_register(forfeit=False).series[0]
    r = Register.from_events(series=[s], events=[event("2022-04-01", "forfeit", 60, "V")])
    d = disclose(
        r,
        fiscal_year_end="2023-03-31",
        settings=DisclosureSettings(amount_unit="thousand_yen"),
    )
    assert (d.expense_prior, d.expense) == (4_986_301, -991_781)
    out = write_disclosure(d, tmp_path / "neg.xlsx", lang="ja")
    _, _, row = _table_after(
        _note_rows(out, "ストック・オプション等関係"), "1. 費用計上額及び科目名"
    )
    assert row == ["販売費及び一般管理費", 4_986, "△991"]
