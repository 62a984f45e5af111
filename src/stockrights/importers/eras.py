"""Dates as Japanese files write them: Gregorian (2024/1/4, 2024年1月4日) and era (R6.1.4).

Era years count from 1 (元年, "first year") and change on the day an era begins, not on
1 January: 1989 is Showa 64 until 7 January and Heisei 1 from 8 January; 2019 is Heisei 31 until
30 April and Reiwa 1 from 1 May. A date written in an era it does not belong to (``H31.5.7``,
``S64.1.8``, ``R1.4.30``) is refused with the era's span, never moved into the right era: a
file that says so is wrong, and guessing would hide it.

============  =====  ===========  ============  ============
era           letter offset (+)   first day     last day
============  =====  ===========  ============  ============
大正 Taisho    T      1911         1912-07-30    1926-12-24
昭和 Showa     S      1925         1926-12-25    1989-01-07
平成 Heisei    H      1988         1989-01-08    2019-04-30
令和 Reiwa     R      2018         2019-05-01    (current)
============  =====  ===========  ============  ============

References
----------
元号法 (Era Name Act, 1979); 元号を改める政令 (Cabinet Orders of 7 January 1989 and 1 April 2019:
平成 from 8 January 1989, 令和 from 1 May 2019). MOF 国債金利情報 files write 基準日 as
``S49.9.24`` (``../shared/docs/data_sources.md`` §1).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["ERAS", "Era", "parse_date", "parse_era_date"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Era:
    """One Japanese era: its letter, name, year offset and span (last day None: current)."""

    letter: str
    name: str
    english: str
    offset: int
    first_day: dt.date
    last_day: dt.date | None

    def span(self) -> str:
        """``1989-01-08 to 2019-04-30`` (``from 2019-05-01`` for the current era)."""
        if self.last_day is None:
            return f"from {self.first_day.isoformat()}"
        return f"{self.first_day.isoformat()} to {self.last_day.isoformat()}"


ERAS = (
    Era(
        letter="T",
        name="大正",
        english="Taisho",
        offset=1911,
        first_day=dt.date(1912, 7, 30),
        last_day=dt.date(1926, 12, 24),
    ),
    Era(
        letter="S",
        name="昭和",
        english="Showa",
        offset=1925,
        first_day=dt.date(1926, 12, 25),
        last_day=dt.date(1989, 1, 7),
    ),
    Era(
        letter="H",
        name="平成",
        english="Heisei",
        offset=1988,
        first_day=dt.date(1989, 1, 8),
        last_day=dt.date(2019, 4, 30),
    ),
    Era(
        letter="R",
        name="令和",
        english="Reiwa",
        offset=2018,
        first_day=dt.date(2019, 5, 1),
        last_day=None,
    ),
)
"""The eras this module reads, oldest first."""

_BY_KEY = {e.letter: e for e in ERAS} | {e.name: e for e in ERAS}
_ERA_DOTTED = re.compile(r"^([A-Z])(\d{1,2}|元)[./-](\d{1,2})[./-](\d{1,2})$")
_ERA_KANJI = re.compile(r"^(大正|昭和|平成|令和)(\d{1,2}|元)年(\d{1,2})月(\d{1,2})日$")
_GREGORIAN = re.compile(r"^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$")
_GREGORIAN_KANJI = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_TIME = re.compile(r"[ T]0{1,2}:00(?::00(?:\.0+)?)?$")

FORMS = "2024/1/4, 2024-01-04, 2024年1月4日, R6.1.4 or 令和6年1月4日"
"""The date forms :func:`parse_date` reads, for error messages."""


def _build(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"must be a real date, got {text!r}") from None


def _era_date(era_key: str, year_text: str, month: int, day: int, text: str) -> dt.date:
    era = _BY_KEY.get(era_key)
    if era is None:
        letters = ", ".join(f"{e.letter} ({e.english})" for e in ERAS)
        raise ValueError(f"must use a known era letter ({letters}), got {text!r}")
    year = 1 if year_text == "元" else int(year_text)
    if year < 1:
        raise ValueError(f"must have an era year of 1 or more, got {text!r}")
    day_ = _build(era.offset + year, month, day, text)
    if day_ < era.first_day or (era.last_day is not None and day_ > era.last_day):
        raise ValueError(
            f"must fall inside its era ({era.english} {era.name} ran {era.span()}), "
            f"got {text!r} = {day_.isoformat()}"
        )
    return day_


def parse_era_date(text: str) -> dt.date | None:
    """An era date such as ``S49.9.24`` or ``令和元年5月1日``; None for text of another shape.

    Raises
    ------
    ValueError
        For an era-shaped text that is not a date of that era (an unknown letter, ``H31.5.7``,
        ``R1.4.30``, ``H31.2.30``).

    Examples
    --------
    >>> parse_era_date("H31.4.26"), parse_era_date("R1.5.7")
    (datetime.date(2019, 4, 26), datetime.date(2019, 5, 7))
    >>> parse_era_date("S64.1.7"), parse_era_date("H1.1.8")
    (datetime.date(1989, 1, 7), datetime.date(1989, 1, 8))
    """
    match = _ERA_DOTTED.match(text) or _ERA_KANJI.match(text)
    if match is None:
        return None
    return _era_date(match[1], match[2], int(match[3]), int(match[4]), text)


def parse_date(text: str) -> dt.date:
    """A date in any form Japanese price and yield files use (see the module docstring).

    Accepted after NFKC normalisation (full-width digits become ASCII): ``2024/1/4``,
    ``2024-01-04``, ``2024.1.4``, ``20240104``, ``2024年1月4日``, ``R6.1.4``, ``R6/1/4``,
    ``令和6年1月4日``, ``令和元年5月1日``; a trailing midnight time (``2024-01-04 00:00:00``)
    is dropped.

    Raises
    ------
    ValueError
        With a message starting ``must ...`` (the caller adds the file, line and column).

    Examples
    --------
    >>> parse_date("2024年1月4日"), parse_date("２０２４/１/４")
    (datetime.date(2024, 1, 4), datetime.date(2024, 1, 4))
    """
    clean = _TIME.sub("", unicodedata.normalize("NFKC", text).strip())
    match = _GREGORIAN.match(clean) or _GREGORIAN_KANJI.match(clean) or _COMPACT.match(clean)
    if match is not None:
        return _build(int(match[1]), int(match[2]), int(match[3]), text)
    era = parse_era_date(clean.upper() if clean[:1].isascii() else clean)
    if era is None:
        raise ValueError(f"must be a date such as {FORMS}, got {text!r}")
    return era
