"""The shipped XTKS holiday table: equal to exchange_calendars session by session, read strictly."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from stockrights import _xtks, prices
from stockrights.prices import tse_trading_days

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "regenerate_xtks.py"
SHIPPED = ROOT / "src" / "stockrights" / _xtks.RESOURCE


def _exchange_calendars_sessions() -> np.ndarray:
    """XTKS as the program built it at run time before the table shipped.

    Independent of scripts/regenerate_xtks.py: from bound_min() to the end of the last year whose
    equinox days the release lists.
    """
    import exchange_calendars as xc
    from exchange_calendars.exchange_calendar_xtks import XTKSExchangeCalendar
    from exchange_calendars.xtks_holidays import AutumnalEquinoxes, VernalEquinoxes

    year = min(max(VernalEquinoxes).year, max(AutumnalEquinoxes).year)
    calendar = xc.get_calendar("XTKS", start=XTKSExchangeCalendar.bound_min(), end=f"{year}-12-31")
    return np.asarray(calendar.sessions.to_numpy(), dtype="datetime64[ns]").astype("datetime64[D]")


def test_shipped_sessions_equal_exchange_calendars_session_by_session() -> None:
    """Every session of the table is an XTKS session of exchange_calendars and vice versa.

    Fails when an upgraded exchange_calendars knows a new holiday or a later equinox year:
    run `python scripts/regenerate_xtks.py` and review the table's diff.
    """
    shipped = prices._xtks_sessions()
    expected = _exchange_calendars_sessions()
    only_shipped = np.setdiff1d(shipped, expected)
    only_expected = np.setdiff1d(expected, shipped)
    assert (only_shipped.tolist()[:10], only_expected.tolist()[:10]) == ([], [])
    assert shipped.size == expected.size
    assert (shipped == expected).all()
    assert (shipped[0], shipped[-1]) == (expected[0], expected[-1])


def test_sessions_are_a_read_only_day_array() -> None:
    """The cached array cannot be changed by a caller, and holds days."""
    sessions = prices._xtks_sessions()
    assert sessions.dtype == np.dtype("datetime64[D]")
    assert not sessions.flags.writeable
    with pytest.raises(ValueError, match="read-only"):
        sessions[0] = np.datetime64("2000-01-01")


# Closures known from JPX's announcements and the law, written here, not read from a package.
KNOWN_CLOSED = [
    (dt.date(2019, 4, 30), "Abdication Day (退位の日), 2019 only"),
    (dt.date(2019, 5, 1), "Accession Day (即位の日), 2019 only"),
    (dt.date(2019, 5, 2), "national holiday between two holidays, 2019"),
    (dt.date(2019, 10, 22), "Enthronement Ceremony (即位礼正殿の儀), 2019 only"),
    (dt.date(2020, 10, 1), "equity trading halted all day by the arrowhead failure (JPX)"),
    (dt.date(2019, 12, 31), "year-end closure"),
    (dt.date(2020, 1, 3), "year-start closure"),
    (dt.date(2015, 9, 22), "Silver Week: a Tuesday between two holidays"),
]


@pytest.mark.parametrize(("day", "why"), KNOWN_CLOSED, ids=lambda v: str(v)[:10])
def test_known_closures_are_not_sessions(day: dt.date, why: str) -> None:
    """A weekday the exchange was closed on is not a trading day; the weekdays around it trade."""
    assert day.weekday() < 5, why
    around = tse_trading_days(start=day - dt.timedelta(days=1), end=day + dt.timedelta(days=1))
    assert day not in around, why


def test_a_session_after_the_new_year_closure() -> None:
    """2020-01-06 (Monday) was the first session of 2020 (大発会); 1-3 January closed."""
    assert tse_trading_days(start="2019-12-30", end="2020-01-06") == (
        dt.date(2019, 12, 30),
        dt.date(2020, 1, 6),
    )


def test_regenerate_check_finds_the_table_up_to_date() -> None:
    """The maintainer's script, run with --check, agrees with the shipped table."""
    out = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    assert "matches exchange_calendars: 705 holidays, 1997-01-01 to 2040-12-31" in out.stdout


def test_regenerate_writes_what_is_shipped(tmp_path: Path) -> None:
    """The script writes the shipped days and labels; no hand edit is in the committed table."""
    target = tmp_path / "xtks_holidays.txt"
    out = subprocess.run(
        [sys.executable, str(SCRIPT), "--output", str(target)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.startswith(f"wrote {target}: 705 holidays")
    written = _xtks.parse(target.read_text(encoding="utf-8"))
    shipped = _xtks.parse(SHIPPED.read_text(encoding="utf-8"))
    assert (written.start, written.end) == (shipped.start, shipped.end)
    assert written.holidays.tolist() == shipped.holidays.tolist()
    assert written.labels == shipped.labels


def test_regenerate_check_reports_a_missing_holiday(tmp_path: Path) -> None:
    """--check on a table without one holiday fails and names the day."""
    lines = SHIPPED.read_text(encoding="utf-8").splitlines(keepends=True)
    edited = tmp_path / "xtks_holidays.txt"
    edited.write_text("".join(ln for ln in lines if not ln.startswith("2017-03-20")), "utf-8")
    out = subprocess.run(
        [sys.executable, str(SCRIPT), "--check", "--output", str(edited)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 1
    assert "1 holiday(s) missing from the table: 2017-03-20" in out.stderr


def test_shipped_table_says_where_it_came_from() -> None:
    """The header names the source release, the calendar, the range and how to regenerate."""
    head = [ln for ln in SHIPPED.read_text(encoding="utf-8").splitlines() if ln.startswith("#")]
    text = " ".join(head)
    assert "exchange_calendars 4." in text
    assert 'get_calendar("XTKS", start="1997-01-01", end="2040-12-31")' in text
    assert "scripts/regenerate_xtks.py" in text


# --- the format, read strictly -------------------------------------------------------------------

SMALL = """\
# a comment
start: 2017-03-17
end: 2017-03-21
2017-03-20  Mon  Vernal Equinox Day
"""


def test_sessions_are_the_weekdays_minus_the_holidays() -> None:
    """Fri 17, (Sat 18, Sun 19 weekend), Mon 20 holiday, Tue 21: sessions 17 and 21."""
    table = _xtks.parse(SMALL)
    assert table.sessions().tolist() == [dt.date(2017, 3, 17), dt.date(2017, 3, 21)]
    assert table.labels == ("Vernal Equinox Day",)


def test_render_then_parse_is_the_same_table() -> None:
    """What render writes, parse reads back."""
    text = _xtks.render(
        start=dt.date(2017, 3, 17),
        end=dt.date(2017, 3, 21),
        holidays=[(dt.date(2017, 3, 20), "Vernal Equinox Day")],
        source=["a comment"],
    )
    assert text == SMALL


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "2017-03-20  Tue  x",
            r"line 4: the weekday does not match the date, got '2017-03-20  Tue'",
        ),
        ("2017-03-18  Sat  x", r"line 4: a holiday must be a weekday"),
        ("2017-03-22  Wed  x", r"line 4: a holiday must lie within start and end"),
        ("2017-03  Wed  x", r"line 4: a holiday must be a date YYYY-MM-DD, got '2017-03'"),
        ("2017-02-30  Thu  x", r"line 4: a holiday must be a date YYYY-MM-DD, got '2017-02-30'"),
        ("2017-03-20", r"line 4: a holiday line must read"),
    ],
)
def test_a_malformed_line_is_refused_with_its_line_number(line: str, message: str) -> None:
    """A wrong weekday, a weekend, a day outside the range or a non-date is a TableError."""
    text = SMALL.replace("2017-03-20  Mon  Vernal Equinox Day", line)
    with pytest.raises(_xtks.TableError, match=message):
        _xtks.parse(text)


def test_days_out_of_order_are_refused() -> None:
    """Holidays must increase: a repeated day is refused."""
    text = SMALL + "2017-03-20  Mon  again\n"
    with pytest.raises(_xtks.TableError, match=r"line 5: holidays must be in increasing order"):
        _xtks.parse(text)


@pytest.mark.parametrize("drop", ["start:", "end:"])
def test_a_table_without_its_range_is_refused(drop: str) -> None:
    """Without start or end the weekdays cannot be counted."""
    text = "".join(ln for ln in SMALL.splitlines(keepends=True) if not ln.startswith(drop))
    with pytest.raises(_xtks.TableError, match=r"must give 'start:' and 'end:'"):
        _xtks.parse(text)


def test_trading_day_questions_import_neither_pandas_nor_exchange_calendars() -> None:
    """The calendar, an ex-rights date and a window check run on the table alone."""
    code = (
        "import sys, stockrights as s; "
        "s.tse_trading_days(start='2017-03-17', end='2017-03-21'); "
        "s.ex_rights_dates(record_date='2012-09-30'); "
        "print(sorted(m for m in ('pandas', 'exchange_calendars') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_calendar_range_is_the_tables_first_and_last_session() -> None:
    """tse_calendar_range() reads the table: not its ``start:`` line, its first session.

    By hand from the table's head: ``start: 1997-01-01`` (a Wednesday), 1997-01-01/02/03 listed
    as the year-end closure, 01-04/05 a weekend, so the first session is Monday 1997-01-06; the
    last is the last weekday of ``end: 2040-12-31`` not listed (12-31 is listed: 12-28 Friday).
    """
    first, last = prices.tse_calendar_range()
    assert first == dt.date(1997, 1, 6)
    assert first == tse_trading_days(start="1997-01-06", end="1997-01-10")[0]
    text = SHIPPED.read_text(encoding="utf-8")
    listed = {line[:10] for line in text.splitlines() if line[:2] in ("19", "20")}
    day = dt.date(2040, 12, 31)
    while day.weekday() >= 5 or day.isoformat() in listed:
        day -= dt.timedelta(days=1)
    assert last == day
