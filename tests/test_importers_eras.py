"""Japanese era dates: exact boundaries of Showa, Heisei and Reiwa, and every accepted form."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stockrights.importers.eras import ERAS, parse_date, parse_era_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("S49.9.24", dt.date(1974, 9, 24)),  # MOF's first row: 49 + 1925 = 1974
        ("S64.1.7", dt.date(1989, 1, 7)),  # the last day of Showa
        ("H1.1.8", dt.date(1989, 1, 8)),  # the first day of Heisei
        ("H31.4.30", dt.date(2019, 4, 30)),  # the last day of Heisei: 31 + 1988 = 2019
        ("R1.5.1", dt.date(2019, 5, 1)),  # the first day of Reiwa: 1 + 2018 = 2019
        ("R1.5.7", dt.date(2019, 5, 7)),
        ("R8.8.3", dt.date(2026, 8, 3)),
        ("令和元年5月1日", dt.date(2019, 5, 1)),
        ("平成31年4月26日", dt.date(2019, 4, 26)),
        ("昭和64年1月7日", dt.date(1989, 1, 7)),
        ("R6/1/4", dt.date(2024, 1, 4)),
    ],
)
def test_era_dates_convert_exactly(text: str, expected: dt.date) -> None:
    """Era year + offset (S 1925, H 1988, R 2018), month and day as written."""
    assert parse_era_date(text) == expected


@pytest.mark.parametrize(
    ("text", "era"),
    [
        ("H31.5.1", "Heisei"),  # Reiwa had begun
        ("H31.5.7", "Heisei"),
        ("R1.4.30", "Reiwa"),  # still Heisei
        ("S64.1.8", "Showa"),  # Heisei had begun
        ("H1.1.7", "Heisei"),  # still Showa
        ("S1.12.24", "Showa"),  # Showa began on 1926-12-25
    ],
)
def test_a_date_outside_its_era_is_refused_with_the_era_span(text: str, era: str) -> None:
    """A date written in the wrong era is an error naming the era's span, never moved."""
    with pytest.raises(ValueError, match=rf"must fall inside its era \({era}"):
        parse_era_date(text)


def test_unknown_era_letters_and_impossible_days_are_refused() -> None:
    """M (Meiji) or X are not guessed; 30 February does not exist."""
    with pytest.raises(ValueError, match="known era letter"):
        parse_era_date("X1.2.3")
    with pytest.raises(ValueError, match="must be a real date"):
        parse_era_date("H31.2.30")


@pytest.mark.parametrize(
    "text",
    [
        "2024/1/4",
        "2024-01-04",
        "2024.1.4",
        "20240104",
        "2024年1月4日",
        "２０２４/１/４",
        "R6.1.4",
        "令和6年1月4日",
        "2024-01-04 00:00:00",
        " 2024/01/04 ",
    ],
)
def test_every_accepted_form_of_4_january_2024(text: str) -> None:
    """Gregorian, compact, kanji, full-width and era forms all read as 2024-01-04."""
    assert parse_date(text) == dt.date(2024, 1, 4)


def test_text_that_is_not_a_date_names_the_forms() -> None:
    """The message lists the accepted forms and the value."""
    with pytest.raises(ValueError, match=r"must be a date such as 2024/1/4.*got 'soon'"):
        parse_date("soon")


def _era_text(day: dt.date) -> str:
    era = next(e for e in ERAS if e.first_day <= day and (e.last_day is None or day <= e.last_day))
    return f"{era.letter}{day.year - era.offset}.{day.month}.{day.day}"


@given(st.dates(min_value=dt.date(1926, 12, 25), max_value=dt.date(2100, 12, 31)))
def test_era_text_round_trips(day: dt.date) -> None:
    """Any date from Showa on, written in its era (as MOF does), reads back as itself."""
    assert parse_era_date(_era_text(day)) == day
    assert parse_date(_era_text(day).replace(".", "/")) == day
