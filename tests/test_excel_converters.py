"""The Excel converters: what Excel hands over becomes the plain value the core expects."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from enum import StrEnum

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stockrights.errors import InputError
from stockrights.excel.converters import (
    EXCEL_ERRORS,
    ErrorCellError,
    is_blank,
    to_date,
    to_date_vector,
    to_flag,
    to_integer,
    to_number,
    to_number_vector,
    to_result,
    to_table,
    to_text,
    to_vector,
)

# Excel's 1900 system counts serial 1 = 1900-01-01 and has a fictitious 1900-02-29 (serial 60);
# from serial 61 on, serial n is 1899-12-30 + n days (Microsoft KB 214326).
EXCEL_EPOCH = dt.date(1899, 12, 30)


NUMBER_TEXT_RULE = "a number (thousands separators only in groups of three: 1,234.5)"

# --- numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(716.0, 716.0, id="float"),
        pytest.param(716, 716.0, id="int-from-lite"),
        pytest.param(Decimal("1632.4450"), 1632.445, id="currency-cell-decimal"),
        pytest.param(np.float64(0.27), 0.27, id="numpy-float"),
        pytest.param("716", 716.0, id="numeric-text"),
        pytest.param(" 1,234.5 ", 1234.5, id="thousands-separator"),
        pytest.param("¥1,234", 1234.0, id="yen-sign"),
        pytest.param("1234円", 1234.0, id="yen-suffix"),
        pytest.param("１２３", 123.0, id="full-width-digits"),
        pytest.param("35%", 0.35, id="percent-text"),
        pytest.param("1.35 %", 0.0135, id="percent-text-with-space"),
        pytest.param("３５％", 0.35, id="full-width-percent"),
        pytest.param(0.35, 0.35, id="percent-formatted-cell-arrives-as-decimal"),
        pytest.param("-0.1", -0.1, id="negative-text"),
        pytest.param("1e3", 1000.0, id="scientific-text"),
        pytest.param([[5.0]], 5.0, id="one-cell-range"),
    ],
)
def test_to_number_accepts_what_excel_sends(value: object, expected: float) -> None:
    """Numbers in every form Excel, xlwings or a user's typing produce become the same float."""
    assert to_number(value, field="share_price") == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param("abc", "share_price must be a number, got 'abc'", id="text"),
        pytest.param(True, "share_price must be a number, got True", id="boolean"),
        pytest.param(
            None, "share_price must be a number, got a blank cell (or an error cell)", id="blank"
        ),
        pytest.param(
            "  ", "share_price must be a number, got a blank cell (or an error cell)", id="spaces"
        ),
        pytest.param(math.nan, "share_price must be finite, got nan", id="nan"),
        pytest.param(math.inf, "share_price must be finite, got inf", id="inf"),
        pytest.param("nan", "share_price must be a number, got 'nan'", id="nan-text"),
        pytest.param("1e999", "share_price must be finite, got '1e999'", id="huge-text"),
        pytest.param(
            10**400, "share_price must be finite, got a number out of range", id="huge-int"
        ),
        pytest.param(
            Decimal("sNaN"), "share_price must be finite, got a number out of range", id="snan"
        ),
        pytest.param(Decimal("NaN"), "share_price must be finite, got Decimal('NaN')", id="dnan"),
        pytest.param(
            dt.datetime(2017, 7, 14),
            "share_price must be a number, got the date 2017-07-14",
            id="date",
        ),
        pytest.param(
            [[1.0, 2.0]], "share_price must be a single cell, got a range of 1 x 2", id="range"
        ),
        pytest.param(
            [716.0, None],
            "share_price must be a single cell, got a range of 1 x 2",
            id="flat-range-with-a-blank",  # was read as 716
        ),
        pytest.param(
            [[716.0], [None]],
            "share_price must be a single cell, got a range of 2 x 1",
            id="column-with-a-blank",
        ),
        pytest.param(
            [[None, None], [None, 5.0]],
            "share_price must be a single cell, got a range of 2 x 2",
            id="blanks-then-a-value",
        ),
        pytest.param(
            np.array([[716.0, 1.0]]),
            "share_price must be a single cell, got a range of 1 x 2",
            id="numpy-range",
        ),
    ],
)
def test_to_number_rejects_with_one_line_naming_field_rule_value(
    value: object, message: str
) -> None:
    """Bad cells raise InputError '<field> must be <rule>, got <value>' (the core's form)."""
    with pytest.raises(InputError) as info:
        to_number(value, field="share_price")
    assert str(info.value) == message


@pytest.mark.parametrize("code", sorted(EXCEL_ERRORS))
def test_error_values_are_reported_as_error_cells(code: str) -> None:
    """An error value (xlwings err_to_str) raises ErrorCellError carrying that code."""
    with pytest.raises(ErrorCellError) as info:
        to_number(code, field="volatility")
    assert info.value.code == code
    assert str(info.value) == f"volatility must not be an error cell, got {code}"


def test_blank_takes_the_default_when_there_is_one() -> None:
    """A blank optional argument (classic xlwings passes None) takes the declared default."""
    assert to_number(None, field="x", default=0.0) == 0.0
    assert to_number("", field="x", default=2) == 2.0
    assert to_text(None, field="rounding", default="per_right_up") == "per_right_up"
    assert to_flag(None, field="detail", default=False) is False
    assert to_date(None, field="d", default="2017-07-14") == dt.date(2017, 7, 14)


def test_to_integer_accepts_whole_floats_and_rejects_fractions() -> None:
    """Excel sends 200 as 200.0; 200.5 shares per right is an error, not a rounding."""
    assert to_integer(200.0, field="shares_per_right", minimum=1) == 200
    assert to_integer("200", field="shares_per_right", minimum=1) == 200
    with pytest.raises(InputError, match=r"^shares_per_right must be a whole number, got 200.5$"):
        to_integer(200.5, field="shares_per_right")
    with pytest.raises(InputError, match=r"^shares_per_right must be >= 1, got 0.0$"):
        to_integer(0.0, field="shares_per_right", minimum=1)


def test_to_text_and_to_flag() -> None:
    """Options are words (stripped); flags are TRUE/FALSE, 1/0 or yes/no."""
    assert to_text(" per_share_up ", field="rounding") == "per_share_up"
    with pytest.raises(InputError, match=r"^rounding must be text, got 1.0$"):
        to_text(1.0, field="rounding")
    assert [to_flag(v, field="f") for v in (True, 1.0, "TRUE", "yes", False, 0, "no")] == [
        True,
        True,
        True,
        True,
        False,
        False,
        False,
    ]
    with pytest.raises(InputError, match=r"^detail must be TRUE or FALSE, got 2.0$"):
        to_flag(2.0, field="detail")


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(dt.datetime(2017, 7, 14, 15, 30), dt.date(2017, 7, 14), id="datetime"),
        pytest.param(dt.date(2017, 7, 14), dt.date(2017, 7, 14), id="date"),
        pytest.param(42930.0, EXCEL_EPOCH + dt.timedelta(days=42930), id="serial-float"),
        pytest.param(42930, EXCEL_EPOCH + dt.timedelta(days=42930), id="serial-int-lite"),
        pytest.param(42930.75, EXCEL_EPOCH + dt.timedelta(days=42930), id="serial-with-time"),
        pytest.param(Decimal("42930"), EXCEL_EPOCH + dt.timedelta(days=42930), id="decimal"),
        pytest.param("2017-07-14", dt.date(2017, 7, 14), id="iso-text"),
        pytest.param("2017/7/14", dt.date(2017, 7, 14), id="slash-text"),
        pytest.param("2017年7月14日", dt.date(2017, 7, 14), id="japanese-text"),
        pytest.param("２０１７年７月１４日", dt.date(2017, 7, 14), id="full-width-japanese-text"),
        pytest.param("2017-07-14T15:30:00", dt.date(2017, 7, 14), id="iso-datetime-text"),
        pytest.param(59.0, dt.date(1900, 2, 28), id="serial-59"),
        pytest.param(61.0, dt.date(1900, 3, 1), id="serial-61-after-the-fictitious-day"),
        pytest.param(1.0, dt.date(1900, 1, 1), id="serial-1"),
        pytest.param([[42930.0]], EXCEL_EPOCH + dt.timedelta(days=42930), id="one-cell-range"),
    ],
)
def test_to_date_accepts_dates_serials_and_iso_text(value: object, expected: dt.date) -> None:
    """Dates arrive as datetimes (by reference) or serials (by value); both give the real date."""
    assert EXCEL_EPOCH + dt.timedelta(days=42930) == dt.date(2017, 7, 14)  # the hand rule
    assert to_date(value, field="valuation_date") == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param(
            60.0,
            "valuation_date must be a real date, got Excel serial 60 (the fictitious 1900-02-29)",
            id="fictitious-29-feb-1900",
        ),
        pytest.param(True, "valuation_date must be a date, got True", id="boolean"),
        pytest.param(
            "14/07/2017",
            "valuation_date must be a date (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日), "
            "got '14/07/2017'",
            id="other-text",
        ),
        pytest.param(
            "2017-03-311",
            "valuation_date must be a date (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日), "
            "got '2017-03-311'",
            id="trailing-digit",  # was read as 2017-03-31
        ),
        pytest.param(
            "2017",
            "valuation_date must be a date (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日), got the text "
            "'2017': an Excel date serial must be a number, not text",
            id="year-text-is-not-serial-2017",  # was read as 1905-07-09
        ),
        pytest.param(
            "42930",
            "valuation_date must be a date (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日), got the text "
            "'42930': an Excel date serial must be a number, not text",
            id="serial-text",
        ),
        pytest.param(
            "2017-02-30",
            "valuation_date must be a real calendar date, got '2017-02-30'",
            id="no-such-day",
        ),
        pytest.param(
            "2017-03-31 garbage",
            "valuation_date must be a date (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日), "
            "got '2017-03-31 garbage'",
            id="trailing-text",
        ),
        pytest.param(
            None,
            "valuation_date must be a date, got a blank cell (or an error cell)",
            id="blank",
        ),
    ],
)
def test_to_date_rejects_with_the_field_name(value: object, message: str) -> None:
    """Impossible dates raise one line naming the argument."""
    with pytest.raises(InputError) as info:
        to_date(value, field="valuation_date")
    assert str(info.value) == message


# --- ranges --------------------------------------------------------------------------------


def test_to_table_keeps_orientation_and_trims_trailing_blanks() -> None:
    """A column stays a column, a row a row; blank rows and columns at the end are dropped."""
    column = [[1.0], [2.0], [None], [""]]
    row = [[1.0, 2.0, None, ""]]
    assert to_table(column, field="t") == [[1.0], [2.0]]
    assert to_table(row, field="t") == [[1.0, 2.0]]
    assert to_table([[1.0, None, None], [None, 2.0, None]], field="t") == [[1.0, None], [None, 2.0]]
    assert to_table(5.0, field="t") == [[5.0]]
    assert to_table(None, field="t") == []
    assert to_table([[None, ""], ["", None]], field="t") == []
    assert to_table([1.0, 2.0], field="t") == [[1.0, 2.0]]  # a flat list is one row
    assert to_table((("a", 1.0),), field="t") == [["a", 1.0]]


def test_to_table_keeps_interior_blanks() -> None:
    """Only trailing blanks go: a gap inside the data stays for the core to judge."""
    assert to_table([[1.0], [None], [3.0]], field="t") == [[1.0], [None], [3.0]]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param(
            [[1.0, 2.0], [3.0]],
            "t must be a rectangular range, got rows of lengths 1, 2",
            id="ragged",
        ),
        pytest.param(
            [[1.0, [2.0]]], "t must be a range of single cells, got a nested range", id="nested"
        ),
        pytest.param(
            [[1.0], 2.0], "t must be a rectangular range, got a mix of cells and rows", id="mixed"
        ),
    ],
)
def test_to_table_rejects_shapes_excel_cannot_send(value: object, message: str) -> None:
    """Ragged or nested lists are errors with a message, not exceptions from deep inside."""
    with pytest.raises(InputError) as info:
        to_table(value, field="t")
    assert str(info.value) == message


def test_vectors_read_a_row_or_a_column_and_name_the_bad_item() -> None:
    """Date and close ranges are single rows or columns; the message names the item."""
    assert to_vector([[1.0, 2.0]], field="v") == [1.0, 2.0]
    assert to_vector([[1.0], [2.0]], field="v") == [1.0, 2.0]
    assert to_vector(None, field="v") == []
    assert to_number_vector([["1,000"], [2.0], [None]], field="closes") == [1000.0, 2.0]
    assert to_date_vector([[42929.0], [dt.datetime(2017, 7, 14)]], field="dates") == [
        dt.date(2017, 7, 13),
        dt.date(2017, 7, 14),
    ]
    with pytest.raises(
        InputError, match=r"^v must be a single row or column, got a range of 2 rows x 2 columns$"
    ):
        to_vector([[1.0, 2.0], [3.0, 4.0]], field="v")
    with pytest.raises(InputError, match=r"^closes item 2 must be a number, got a blank cell"):
        to_number_vector([[1.0], [None], [3.0]], field="closes")
    with pytest.raises(ErrorCellError, match=r"^dates item 1 must not be an error cell, got #N/A$"):
        to_date_vector([["#N/A"]], field="dates")


def test_is_blank() -> None:
    """None and empty or whitespace text are blank; zero and FALSE are not."""
    assert all(is_blank(v) for v in (None, "", "  "))
    assert not any(is_blank(v) for v in (0.0, False, "x"))


# --- results -------------------------------------------------------------------------------


class _Mode(StrEnum):
    UP = "up"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(1.5, 1.5, id="float"),
        pytest.param(677, 677, id="int"),
        pytest.param(True, True, id="bool"),
        pytest.param("text", "text", id="text"),
        pytest.param(None, "", id="none-is-empty-text"),
        pytest.param(math.nan, "#NUM!", id="nan"),
        pytest.param(-math.inf, "#NUM!", id="inf"),
        pytest.param(Decimal("1.25"), 1.25, id="decimal"),
        pytest.param(np.float64(2.5), 2.5, id="numpy-float"),
        pytest.param(np.int64(3), 3, id="numpy-int"),
        pytest.param(dt.date(2047, 7, 14), dt.datetime(2047, 7, 14), id="date-to-datetime"),
        pytest.param(_Mode.UP, "up", id="enum"),
    ],
)
def test_to_result_scalars(value: object, expected: object) -> None:
    """Every scalar result becomes something a cell holds in every runtime."""
    out = to_result(value)
    assert out == expected
    assert type(out) is type(expected)


def test_to_result_ranges() -> None:
    """Rows stay rows, a flat list is one row, an empty result is empty text, ragged is a bug."""
    assert to_result([["a", 1.0], ["b", None]]) == [["a", 1.0], ["b", ""]]
    assert to_result((1.0, 2.0)) == [[1.0, 2.0]]
    assert to_result(np.array([[1.0, np.nan]])) == [[1.0, "#NUM!"]]
    assert to_result([]) == ""
    with pytest.raises(TypeError, match="rectangular"):
        to_result([[1.0], [1.0, 2.0]])
    with pytest.raises(TypeError, match="cannot hold"):
        to_result(object())


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("1,5", id="comma-as-decimal-mark"),  # was read as 15
        pytest.param("1.000,5", id="european-format"),  # was read as 1.0005
        pytest.param("2 00", id="blank-inside"),  # was read as 200
        pytest.param("1_000_000", id="underscores"),  # was read as 1000000
        pytest.param("1,00,000", id="indian-grouping"),
        pytest.param("1,0000", id="group-of-four"),
        pytest.param(",123", id="leading-separator"),
        pytest.param("1,234,56", id="short-last-group"),
        pytest.param("1.234,5%", id="european-percent"),
        pytest.param("0x10", id="hex"),
        pytest.param("١٢٣", id="arabic-indic-digits"),
        pytest.param("1.2.3", id="two-points"),
        pytest.param("35%%", id="two-percent-signs"),
        pytest.param("¥1,234円", id="two-currency-marks"),
    ],
)
def test_ambiguous_number_text_is_an_error_naming_field_and_text(text: str) -> None:
    """Text a reader could take for two different numbers is refused, quoting the text."""
    expected = "^" + re.escape(f"dividend_yield must be {NUMBER_TEXT_RULE}, got {text!r}") + "$"
    with pytest.raises(InputError, match=expected):
        to_number(text, field="dividend_yield")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("1,000", 1000.0, id="one-group"),
        pytest.param("12,345.6", 12345.6, id="group-and-fraction"),
        pytest.param("1,234,567", 1234567.0, id="two-groups"),
        pytest.param("-1,000", -1000.0, id="negative-group"),
        pytest.param("１，０００", 1000.0, id="full-width-group"),
        pytest.param("12.5 ％", 0.125, id="full-width-percent-with-blank"),
        pytest.param("1.35%", 0.0135, id="percent-exact-in-decimal"),
        pytest.param("￥716", 716.0, id="full-width-yen"),
        pytest.param(".5", 0.5, id="leading-point"),
    ],
)
def test_number_text_in_valid_groups_is_read(text: str, expected: float) -> None:
    """Thousands separators in groups of three, full-width forms and percent keep working."""
    assert to_number(text, field="x") == expected


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
def test_number_text_with_thousands_separators_round_trips(x: float) -> None:
    """Any float printed with Python's thousands grouping reads back as exactly that float."""
    assert to_number(f"{x:,.17g}" if abs(x) < 1e15 else f"{x:,}", field="x") == float(f"{x:.17g}")


_GROUPED = re.compile(r"^[0-9]{1,3}(,[0-9]{3})*$")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789,._ %-+e¥円１，", max_size=12))
def test_any_accepted_number_text_is_unambiguous(text: str) -> None:
    """Fuzz: what is accepted is unambiguous and reads as the number its digits spell.

    Separators only in groups of three, no inner blank or _, value = an independent Decimal
    reading; what is refused is a one-line error naming the field.
    """
    try:
        value = to_number(text, field="x")
    except InputError as exc:
        message = str(exc)
    else:
        message = ""
    if message:
        assert message.startswith("x must be")
        assert "\n" not in message
        return
    plain = text.replace("１", "1").replace("，", ",").strip()
    assert "_" not in plain
    percent = plain.endswith("%")
    body = plain.rstrip("%").strip().removeprefix("¥").removesuffix("円").strip()
    assert " " not in body
    mantissa = re.split("[eE]", body)[0].lstrip("+-")
    whole = mantissa.split(".")[0]
    if "," in whole:
        assert _GROUPED.match(whole), text
    if "." in mantissa:
        assert "," not in mantissa.split(".", 1)[1], text
    exact = Decimal(body.replace(",", "")) / (100 if percent else 1)
    assert value == float(exact)


@given(st.floats(allow_nan=False, allow_infinity=False), st.sampled_from(["", "%"]))
def test_number_text_round_trip(x: float, suffix: str) -> None:
    """Any finite float typed as text (optionally as a percent) reads back as that number."""
    text = f"{x * 100!r}{suffix}" if suffix else repr(x)
    expected = x if not suffix else (x * 100) / 100
    if not math.isfinite(expected):
        return
    assert to_number(text, field="x") == pytest.approx(expected, rel=1e-12, abs=0.0)


def test_a_range_converted_again_gives_a_fresh_equal_list_and_types_stay_apart() -> None:
    """The memo of date and number vectors (a price history read by several functions)."""
    from stockrights.excel import converters

    column = [[42929.0], ["2017-07-14"], [None]]
    first = converters.to_date_vector(column, field="dates")
    first.append(dt.date(2000, 1, 1))  # a caller's change to its list
    again = converters.to_date_vector(column, field="dates")
    assert again == [dt.date(2017, 7, 13), dt.date(2017, 7, 14)]
    # 1.0 and TRUE hash alike; the key keeps their types, so TRUE is still refused.
    assert converters.to_number_vector([[1.0], [2.0]], field="closes") == [1.0, 2.0]
    with pytest.raises(InputError, match="closes item 1"):
        converters.to_number_vector([[True], [2.0]], field="closes")
    # The field is part of the key: an error names the field it was asked for.
    with pytest.raises(InputError, match="other item 2"):
        converters.to_date_vector([[42929.0], ["x"]], field="other")
    with pytest.raises(InputError, match="dates item 2"):
        converters.to_date_vector([[42929.0], ["x"]], field="dates")
