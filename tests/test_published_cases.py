"""Every published valuation in ../shared/cases/published.csv, reproduced at its precision."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from stockrights import Rounding, bsm_call_price, per_right_amount

CASES = Path(__file__).resolve().parents[2] / "shared" / "cases" / "published.csv"


def _rows() -> list[dict[str, str]]:
    with CASES.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


ROWS = _rows()
JP_ROWS = [r for r in ROWS if r["id"].startswith("JP-")]
GEN_ROWS = [r for r in ROWS if r["id"].startswith("GEN-")]


def _price(row: dict[str, str]) -> float:
    return bsm_call_price(
        share_price=float(row["share_price"]),
        exercise_price=float(row["exercise_price"]),
        term_years=float(row["term_years"]),
        volatility=float(row["volatility"]),
        risk_free_rate=float(row["risk_free_rate"]),
        dividend_yield=float(row["dividend_yield"]),
    )


def test_the_case_file_is_there_and_complete() -> None:
    """The published table is read (a missing file would silently parametrise nothing)."""
    assert len(ROWS) >= 15
    assert JP_ROWS
    assert GEN_ROWS


@pytest.mark.parametrize("row", GEN_ROWS, ids=[r["id"] for r in GEN_ROWS])
def test_textbook_call_prices_match_at_published_precision(row: dict[str, str]) -> None:
    """Haug / NAG / Hull calls (with and without dividend yield) match to the last digit."""
    decimals = int(re.search(r"rounded to (\d+) decimals", row["published_as"]).group(1))
    assert round(_price(row), decimals) == pytest.approx(float(row["published_value"]), abs=0)


@pytest.mark.parametrize("row", JP_ROWS, ids=[r["id"] for r in JP_ROWS])
def test_one_yen_grants_match_to_the_yen_with_ceiling(row: dict[str, str]) -> None:
    """A 1-yen grant's published fair value per share is the BS value rounded UP to the yen."""
    amount = per_right_amount(option_price=_price(row), shares_per_right=1)
    assert amount == int(row["published_value"])


@pytest.mark.parametrize("row", JP_ROWS, ids=[r["id"] for r in JP_ROWS])
def test_half_up_rounding_would_miss_the_published_value(row: dict[str, str]) -> None:
    """The cases README warns round-half gives the wrong answer (676.486 -> 676, not 677)."""
    half_up = per_right_amount(
        option_price=_price(row), shares_per_right=1, rounding=Rounding.PER_SHARE_HALF_UP
    )
    assert half_up == int(row["published_value"]) - 1
