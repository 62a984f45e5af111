"""Excel 1900-system serials and real dates."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stockrights import InputError
from stockrights.dates import as_date, date_to_excel_serial, excel_serial_to_date


@pytest.mark.parametrize(
    ("serial", "expected"),
    [
        (1, dt.date(1900, 1, 1)),  # Excel's day 1
        (59, dt.date(1900, 2, 28)),
        (61, dt.date(1900, 3, 1)),  # after the fictitious 29 Feb 1900
        (36526, dt.date(2000, 1, 1)),  # widely documented anchor
        (42736, dt.date(2017, 1, 1)),
        (42930, dt.date(2017, 7, 14)),  # 42736 + 194 days: the allotment date
        (42930.75, dt.date(2017, 7, 14)),  # the time of day is dropped
        (2958465, dt.date(9999, 12, 31)),
    ],
)
def test_known_serials(serial: float, expected: dt.date) -> None:
    """Anchors of the 1900 date system convert to the right day."""
    assert excel_serial_to_date(serial) == expected


@pytest.mark.parametrize("serial", [60, 0, -1, 2958466, float("nan")])
def test_impossible_serials_are_rejected(serial: float) -> None:
    """Serial 60 (29 Feb 1900), 0, negatives, beyond 9999 and NaN are errors naming the field."""
    with pytest.raises(InputError, match=r"^on must be"):
        excel_serial_to_date(serial, field="on")


@given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)))
def test_serial_round_trip(day: dt.date) -> None:
    """Date -> serial -> date is the identity."""
    assert excel_serial_to_date(date_to_excel_serial(day)) == day


@pytest.mark.parametrize(
    "value",
    [
        dt.date(2017, 7, 14),
        dt.datetime(2017, 7, 14, 15, 0),
        "2017-07-14",
        42930,
        42930.0,
        np.datetime64("2017-07-14"),
    ],
)
def test_as_date_accepts_every_shape(value: object) -> None:
    """Real dates, datetimes, ISO text, serials and numpy dates all mean 14 July 2017."""
    assert as_date(value, field="allotment_date") == dt.date(2017, 7, 14)


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        "14/07/2017",
        "soon",
        object(),
        "2017-03-311",
        "2017",
        "2017-07-14x",
        "2017/07-14",
    ],
)
def test_as_date_rejects_the_rest(value: object) -> None:
    """Anything else is a one-line error naming the field."""
    with pytest.raises(InputError, match=r"^allotment_date must be"):
        as_date(value, field="allotment_date")


FORMS = [
    lambda d: d.isoformat(),
    lambda d: f"{d.year}-{d.month}-{d.day}",
    lambda d: f"{d.year}/{d.month}/{d.day}",
    lambda d: f"{d.year:04d}/{d.month:02d}/{d.day:02d}",
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: f" {d.isoformat()}T23:59:59.5 ",
    lambda d: f"{d.year}年{d.month}月{d.day}日".translate(FULL_WIDTH),
]
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@given(st.dates(min_value=dt.date(1000, 1, 1)), st.sampled_from(range(len(FORMS))))
def test_every_accepted_date_text_form_round_trips(day: dt.date, form: int) -> None:
    """Each documented text form of a date reads back as that date."""
    assert as_date(FORMS[form](day), field="on") == day


@given(
    st.dates(min_value=dt.date(1000, 1, 1)), st.text(alphabet="0123456789-/年月日 T:x", max_size=3)
)
def test_date_text_with_anything_appended_is_read_whole_or_refused(day: dt.date, tail: str) -> None:
    """Fuzz: a date text with extra characters is never read as its first ten characters.

    Either the whole text is one of the accepted forms (and then its numbers are the date's),
    or it is a one-line error naming the field.
    """
    text = day.isoformat() + tail
    try:
        got = as_date(text, field="on")
    except InputError as exc:
        message = str(exc)
    else:
        message = ""
    if message:
        assert message.startswith("on must be a ")
        return
    numbers = [int(n) for n in re.findall(r"[0-9]+", text)[:3]]
    assert numbers == [got.year, got.month, got.day], text
    assert tail.strip() == "" or tail.startswith(("T", " ")), text
