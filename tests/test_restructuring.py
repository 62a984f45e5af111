"""Rights mapped into a Restructured Company (clause 9) and acquisition for nothing (clause 8)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stockrights.adjustment import CorporateAction, adjusted_shares_per_right
from stockrights.errors import InputError
from stockrights.restructuring import (
    RestructuredRights,
    Restructuring,
    RestructuringKind,
    map_to_restructured_company,
    may_acquire_without_contribution,
)

START, END = dt.date(2017, 7, 15), dt.date(2047, 7, 14)  # clause 5
D = dt.date.fromisoformat


def mapped(
    kind: str, ratio: float, effective: str = "2030-04-01", **kw: object
) -> RestructuredRights:
    """Five remaining rights of 800 shares mapped under a restructuring of ``kind``."""
    deal = Restructuring(kind=kind, effective_date=effective, share_ratio=ratio)
    args: dict[str, object] = dict(
        rights=5,
        shares_per_right=800,
        restructuring=deal,
        exercise_period_start=START,
        exercise_period_end=END,
    )
    args.update(kw)
    return map_to_restructured_company(**args)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "ratio", "shares", "rule"),
    [
        pytest.param(
            "absorption_type_merger",
            0.37,
            296,  # 800 x 0.37 = 296 exactly
            "the day the absorption-type merger takes effect",
            id="absorption-type merger",
        ),
        pytest.param(
            "incorporation_type_merger",
            1.5,
            1200,  # 800 x 1.5
            "the day the company incorporated through the incorporation-type merger is established",
            id="incorporation-type merger",
        ),
        pytest.param(
            "absorption_type_demerger",
            0.333,
            266,  # 800 x 0.333 = 266.4 -> 266
            "the day the absorption-type demerger takes effect",
            id="absorption-type demerger",
        ),
        pytest.param(
            "incorporation_type_demerger",
            0.125,
            100,  # 800 / 8
            "the day the company incorporated through the incorporation-type demerger is "
            "established",
            id="incorporation-type demerger",
        ),
        pytest.param(
            "share_exchange",
            0.7,
            560,  # 800 x 0.7
            "the day the share exchange takes effect",
            id="share exchange",
        ),
        pytest.param(
            "share_transfer",
            1.0,
            800,
            "the day the wholly-owning parent company is established by the share transfer",
            id="share transfer",
        ),
    ],
)
def test_each_kind_maps_the_remaining_rights(
    kind: str, ratio: float, shares: int, rule: str
) -> None:
    """Same rights; shares = floor(800 x ratio); 1 yen a share; period from the effective date."""
    new = mapped(kind, ratio)
    assert new.restructuring.kind is RestructuringKind(kind)
    assert new.restructuring.kind.effective_date_rule == rule
    assert new.rights == 5
    assert new.shares_per_right_before == 800
    assert new.shares_per_right == shares
    assert new.exercise_price == 1.0
    assert new.exercise_amount_per_right == float(shares)
    assert (new.exercise_period_start, new.exercise_period_end) == (D("2030-04-01"), END)


def test_float_product_just_below_a_whole_share_is_not_rounded_down() -> None:
    """90 x 0.7 is 62.99999999999999 in floats; the new rights carry 63 shares, not 62."""
    assert math.floor(90 * 0.7) == 62
    assert mapped("share_exchange", 0.7, shares_per_right=90).shares_per_right == 63


def test_period_starts_at_the_original_start_when_the_restructuring_is_earlier() -> None:
    """Clause 9-5: the later of the original start and the effective date."""
    assert mapped("share_exchange", 1.0, effective="2017-07-01").exercise_period_start == START
    assert mapped("share_exchange", 1.0, effective="2047-07-14").exercise_period_start == END


def test_other_terms_are_carried_over_with_their_clauses() -> None:
    """Clause 9-2, 6)-9): class of shares, capital, transfer, acquisition, exercise conditions."""
    clauses = [t.clause for t in mapped("share_transfer", 1.0).carried_over]
    assert clauses == ["(9)2)", "(9)6) -> (6)", "(9)7) -> (7)", "(9)8) -> (8)", "(9)9) -> (11)"]


def test_chained_with_the_clause_3_adjustment() -> None:
    """Splits of 2021 and 2022 (200 -> 800), then a 0.37 share exchange on 2030-04-01 -> 296."""
    splits = [
        CorporateAction(kind="split", ratio=2, record_date="2020-12-31"),
        CorporateAction(kind="split", ratio=2, record_date="2022-09-30"),
    ]
    deal = Restructuring(
        kind="share-exchange",
        effective_date="2030-04-01",
        share_ratio=0.37,
        restructured_company="Parent Co.",
    )
    before = adjusted_shares_per_right(
        base_shares=200,
        actions=splits,
        as_of=deal.effective_date - dt.timedelta(days=1),
        allotment_date="2017-07-14",
    )
    new = map_to_restructured_company(
        rights=245,
        shares_per_right=before.shares_per_right,
        restructuring=deal,
        exercise_period_start=START,
        exercise_period_end=END,
    )
    assert (new.rights, new.shares_per_right, new.exercise_amount_per_right) == (245, 296, 296.0)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (dict(kind="spin_off"), r"^kind must be one of absorption_type_merger, .*got 'spin_off'$"),
        (dict(share_ratio=0), r"^share_ratio must be > 0, got 0$"),
        (dict(share_ratio=-1.5), r"^share_ratio must be > 0, got -1\.5$"),
        (dict(effective_date="April"), r"^effective_date must be a date"),
        (
            dict(approved_on="2030-04-02"),
            r"^approved_on must be on or before effective_date \(2030-04-01\), got 2030-04-02$",
        ),
        (dict(restructured_company=7), r"^restructured_company must be a text, got 7$"),
    ],
)
def test_bad_restructuring_is_rejected(fields: dict[str, object], message: str) -> None:
    """Unknown kind, ratio <= 0, unreadable or out-of-order dates: one-line InputError."""
    args: dict[str, object] = dict(
        kind="share_exchange", effective_date="2030-04-01", share_ratio=0.5
    )
    args.update(fields)
    with pytest.raises(InputError, match=message):
        Restructuring(**args)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        (dict(rights=2.5), r"^rights must be a whole number, got 2\.5$"),
        (dict(shares_per_right=0), r"^shares_per_right must be >= 1, got 0$"),
        (dict(exercise_price=0), r"^exercise_price must be > 0, got 0$"),
        (dict(restructuring="merger"), r"^restructuring must be a Restructuring"),
        (
            dict(exercise_period_end="2017-07-01"),
            r"^exercise_period_end must be on or after exercise_period_start",
        ),
    ],
)
def test_bad_mapping_arguments_are_rejected(kw: dict[str, object], message: str) -> None:
    """Bad counts, price, restructuring or period: one-line InputError naming the argument."""
    with pytest.raises(InputError, match=message):
        mapped("share_exchange", 0.5, **kw)


def test_effective_after_the_period_leaves_no_rights() -> None:
    """A restructuring effective after 2047-07-14 finds no remaining rights to map."""
    with pytest.raises(
        InputError,
        match=r"^effective_date must be on or before exercise_period_end \(2047-07-14\) for "
        r"rights to remain, got 2047-07-15$",
    ):
        mapped("share_exchange", 0.5, effective="2047-07-15")


def test_ratio_leaving_no_whole_share_is_an_error() -> None:
    """800 x 0.001 = 0.8 rounds down to 0 shares per right: refused, not silently zero."""
    with pytest.raises(InputError, match=r"^share_ratio must leave at least one share per right"):
        mapped("share_exchange", 0.001)


# --- clause 8 -------------------------------------------------------------------------------

APPROVED = "2030-01-20"
EFFECTIVE = "2030-04-01"


@pytest.mark.parametrize(
    ("kind", "in_clause_8"),
    [
        ("absorption_type_merger", True),
        ("incorporation_type_merger", True),
        ("absorption_type_demerger", False),
        ("incorporation_type_demerger", False),
        ("share_exchange", True),
        ("share_transfer", True),
    ],
)
def test_acquisition_for_nothing_between_approval_and_effect(kind: str, in_clause_8: bool) -> None:
    """Mergers, exchanges, transfers: from approval to the day before effect; demergers never."""
    deal = Restructuring(kind=kind, effective_date=EFFECTIVE, share_ratio=1.0, approved_on=APPROVED)
    days = ["2030-01-19", "2030-01-20", "2030-03-31", "2030-04-01"]
    verdicts = [may_acquire_without_contribution(restructuring=deal, as_of=d).allowed for d in days]
    assert verdicts == ([False, True, True, False] if in_clause_8 else [False] * 4)
    assert deal.kind.in_clause_8 is in_clause_8


def test_acquisition_reasons() -> None:
    """Each answer comes with the reason, citing clause 8 or 9."""
    merger = Restructuring(
        kind="absorption_type_merger",
        effective_date=EFFECTIVE,
        share_ratio=0.5,
        approved_on=APPROVED,
    )

    def reason(deal: Restructuring, day: str) -> str:
        return may_acquire_without_contribution(restructuring=deal, as_of=day).reason

    assert reason(merger, "2030-02-01") == (
        "the absorption-type merger was approved on 2030-01-20 and takes effect on 2030-04-01: "
        "the company may acquire the rights for nothing on a day its board fixes (clause 8)"
    )
    assert reason(merger, "2030-01-19") == (
        "the approval of the absorption-type merger is resolved on 2030-01-20"
    )
    assert reason(merger, "2030-04-01") == (
        "the absorption-type merger took effect on 2030-04-01; the rights were replaced under "
        "clause 9"
    )
    unapproved = dataclasses.replace(merger, approved_on=None)
    assert reason(unapproved, "2030-02-01") == (
        "the approval of the absorption-type merger has not been resolved"
    )
    demerger = dataclasses.replace(merger, kind="incorporation_type_demerger")
    assert reason(demerger, "2030-02-01").startswith(
        "an incorporation-type demerger is not in clause 8"
    )


# --- invariants -----------------------------------------------------------------------------


@given(
    st.integers(1, 100_000),
    st.integers(1, 50),
    st.integers(1, 50),
    st.dates(min_value=dt.date(2010, 1, 1), max_value=END),
)
def test_mapping_invariants(before: int, p: int, q: int, effective: dt.date) -> None:
    """Shares = exact floor(before x p/q) (never above the product); period within the original."""
    if math.floor(Fraction(before * p, q)) < 1:
        return  # less than one share: an error, tested above
    deal = Restructuring(kind="share_transfer", effective_date=effective, share_ratio=p / q)
    new = map_to_restructured_company(
        rights=1,
        shares_per_right=before,
        restructuring=deal,
        exercise_period_start=START,
        exercise_period_end=END,
    )
    assert new.shares_per_right == math.floor(Fraction(before * p, q))
    assert new.shares_per_right <= before * Fraction(p, q)
    assert new.exercise_period_start == max(START, effective)
    assert new.exercise_period_start <= new.exercise_period_end == END
