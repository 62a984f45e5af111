"""Invariants of the Excel face over Excel-shaped values (Hypothesis, bounded example counts)."""

from __future__ import annotations

import datetime as dt
import inspect
import math
import os
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stockrights.excel.boundary import split_cell_error
from stockrights.excel.udfs import (
    SAR_BS_PRICE,
    SAR_RIGHT_AMOUNT,
    SAR_RIGHT_VALUE,
    SAR_TRADING_DAYS,
    UDFS,
)

ERROR_CODES = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"}

# Number and date text that was once read as a plausible wrong value: each must be an error.
AMBIGUOUS_TEXT = ["1,5", "1.000,5", "2 00", "1_000_000", "2017-03-311", "2017"]

# What a cell can hand over, in any runtime: blanks, error values, booleans, every kind of
# number (NaN, infinities, negatives, huge), Decimal, numeric and other text, dates and serials.
CELL = st.one_of(
    st.none(),
    st.just(""),
    st.sampled_from(sorted(ERROR_CODES)),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-1e3, max_value=1e5),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.sampled_from([10**400, -(10**400)]),  # beyond the float range
    st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-1e9, max_value=1e9),
    st.text(max_size=10),
    st.sampled_from(
        ["35%", "1,234", "2017-07-14", "42930", "per_share_up", "split", "weekly", "share exchange"]
    ),
    st.sampled_from(AMBIGUOUS_TEXT),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 12, 31)),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31)),
    st.floats(min_value=0, max_value=3_000_000),  # serials, and out-of-range ones
)
RANGE = st.one_of(
    st.lists(st.lists(CELL, min_size=1, max_size=4), min_size=1, max_size=4),  # ragged too
    st.lists(CELL, max_size=4),  # flat
    st.lists(st.lists(st.lists(CELL, max_size=2), max_size=2), min_size=1, max_size=2),  # nested
)
ARGUMENT = st.one_of(CELL, RANGE)


def _is_cell(value: object) -> bool:
    return isinstance(value, float | int | str | bool | dt.datetime) and not (
        isinstance(value, float) and not math.isfinite(value)
    )


def _check_result(name: str, out: Any) -> None:
    if isinstance(out, list):
        assert out, name
        assert all(isinstance(row, list) for row in out), name
        assert len({len(row) for row in out}) == 1, (name, "ragged spill")
        assert all(_is_cell(c) for row in out for c in row), (name, out)
    else:
        assert _is_cell(out), (name, out)
    if isinstance(out, str) and out.startswith("#"):
        assert not out.startswith("#ERROR internal"), (name, out)
        parts = split_cell_error(out)
        if parts is not None:
            code, message = parts
            assert code in ERROR_CODES
            assert "\n" not in message
            assert len(out) <= 260


@pytest.mark.parametrize("function", UDFS, ids=[f.__name__ for f in UDFS])
@settings(max_examples=int(os.environ.get("STOCKRIGHTS_EXCEL_EXAMPLES", "25")), deadline=None)
@given(data=st.data())
def test_any_excel_values_give_a_cell_or_a_rectangular_spill(
    function: Callable[..., Any], data: Any
) -> None:
    """Fed anything Excel can send, every UDF returns a value or a rectangular range, no raise."""
    n = len(inspect.signature(function).parameters)
    values = data.draw(st.lists(ARGUMENT, min_size=n, max_size=n))
    _check_result(function.__name__, function(*values))


VALID = st.fixed_dictionaries(
    {
        "share_price": st.floats(min_value=1, max_value=50_000),
        "exercise_price": st.sampled_from([1.0, 100.0, 1000.0]),
        "term_years": st.floats(min_value=0, max_value=30),
        "volatility": st.floats(min_value=0, max_value=2),
        "risk_free_rate": st.floats(min_value=-0.01, max_value=0.05),
        "dividend_yield": st.floats(min_value=0, max_value=0.1),
        "shares_per_right": st.integers(min_value=1, max_value=1000),
    }
)
SIX = [
    "share_price",
    "exercise_price",
    "term_years",
    "volatility",
    "risk_free_rate",
    "dividend_yield",
]
SHAPES: list[Callable[[float], Any]] = [
    lambda x: x,
    lambda x: Decimal(repr(x)),  # a Currency cell (here exact)
    repr,  # numeric text
    lambda x: [[x]],  # a one-cell range
]


@settings(max_examples=40, deadline=None)
@given(inputs=VALID, shape=st.sampled_from(range(len(SHAPES))))
def test_the_shape_of_a_number_does_not_change_the_answer(
    inputs: dict[str, Any], shape: int
) -> None:
    """A float, a Decimal, its text and a 1x1 range holding it give the same price."""
    six = [inputs[k] for k in SIX]
    plain = SAR_BS_PRICE(*six)
    shaped = SAR_BS_PRICE(*(SHAPES[shape](x) for x in six))
    assert shaped == plain


@settings(max_examples=40, deadline=None)
@given(
    inputs=VALID, rounding=st.sampled_from(["per_right_up", "per_share_up", "per_share_half_up"])
)
def test_one_shot_value_equals_price_then_amount(inputs: dict[str, Any], rounding: str) -> None:
    """SAR_RIGHT_VALUE = SAR_RIGHT_AMOUNT of SAR_BS_PRICE, and an upstream error flows through.

    Chained in a sheet, the inner call's error text reaches the outer call, which passes the
    same error code on with the inner message.
    """
    six = [inputs[k] for k in SIX]
    shares = inputs["shares_per_right"]
    one_shot = SAR_RIGHT_VALUE(*six, shares, rounding)
    inner = SAR_BS_PRICE(*six)
    two_step = SAR_RIGHT_AMOUNT(inner, shares, rounding)
    if isinstance(inner, float):
        assert one_shot == two_step
        assert isinstance(one_shot, int)
    else:
        assert isinstance(one_shot, str)
        assert two_step.startswith("#VALUE! option_price must not be an error cell (got #VALUE! ")
        assert one_shot == inner


@settings(max_examples=60, deadline=None)
@given(
    inputs=VALID,
    position=st.sampled_from(range(len(SIX))),
    text=st.sampled_from(["1,5", "1.000,5", "2 00", "1_000_000", "1,00,000", "12,34"]),
)
def test_ambiguous_number_text_in_any_argument_is_an_error_naming_it(
    inputs: dict[str, Any], position: int, text: str
) -> None:
    """Number text that could mean two numbers gives #VALUE! naming the argument and the text."""
    six: list[Any] = [inputs[k] for k in SIX]
    six[position] = text
    out = SAR_BS_PRICE(*six)
    assert isinstance(out, str)
    assert out.startswith(f"#VALUE! {SIX[position]} must be a number"), out
    assert repr(text) in out


@settings(max_examples=40, deadline=None)
@given(
    day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)),
    tail=st.sampled_from(["1", "x", "-01", "T", "/1"]),
)
def test_date_text_with_a_tail_in_a_udf_is_an_error_not_its_first_ten_characters(
    day: dt.date, tail: str
) -> None:
    """SAR_TRADING_DAYS reads a date text whole: extra characters make it #VALUE!."""
    text = day.isoformat() + tail
    out = SAR_TRADING_DAYS(text, "2031-12-31")
    assert isinstance(out, str)
    assert out.startswith("#VALUE! start_date must be a date"), out
    assert repr(text) in out


def test_digits_alone_are_not_a_date_serial_in_a_udf() -> None:
    """The text "2017" is refused as a date, where it was taken as serial 2017 (1905-07-09)."""
    out = SAR_TRADING_DAYS("2017", "2017-12-31")
    assert isinstance(out, str)
    assert out.startswith("#VALUE! start_date must be a date"), out
    assert "an Excel date serial must be a number, not text" in out


@settings(max_examples=60, deadline=None)
@given(
    inputs=VALID,
    position=st.sampled_from(range(len(SIX))),
    rows=st.integers(min_value=1, max_value=3),
    columns=st.integers(min_value=1, max_value=3),
    where=st.integers(min_value=0, max_value=8),
    blank=st.sampled_from([None, ""]),
)
def test_a_range_of_several_cells_is_never_read_as_one_of_them(
    inputs: dict[str, Any], position: int, rows: int, columns: int, where: int, blank: Any
) -> None:
    """A number in a range of more than one cell, the others blank, is #VALUE!, not the number."""
    if rows * columns == 1:
        rows = 2
    six: list[Any] = [inputs[k] for k in SIX]
    cells: list[Any] = [blank] * (rows * columns)
    cells[where % len(cells)] = six[position]
    six[position] = [cells[r * columns : (r + 1) * columns] for r in range(rows)]
    out = SAR_BS_PRICE(*six)
    assert out == (
        f"#VALUE! {SIX[position]} must be a single cell (got a range of {rows} x {columns})"
    )
