"""The Tokyo Stock Exchange (XTKS) calendar as a shipped, reviewable table of holidays.

Private: :mod:`stockrights.prices` reads the sessions through :func:`load_sessions` and caches
them; ``scripts/regenerate_xtks.py`` writes the table with :func:`render`.

The table, ``stockrights/data/xtks_holidays.txt``, is plain UTF-8 text:

- comment lines (``#``) saying where the table came from (the exchange_calendars release, the
  calendar, the range) and how to regenerate it;
- ``start: YYYY-MM-DD`` and ``end: YYYY-MM-DD``, the first and last day the table covers;
- one line per **non-session weekday** (a Monday to Friday in the range on which the exchange
  is closed: national holidays, the year-end closure 31 December to 3 January, the ad hoc
  closures), in increasing order: ``YYYY-MM-DD  Day  label``. ``Day`` is the English weekday
  abbreviation (checked on reading, so a mistyped date cannot pass); ``label`` names the holiday
  as exchange_calendars does, for the reader only.

The sessions are the weekdays of ``[start, end]`` minus the listed days
(``numpy.is_busday``, Monday to Friday): the XTKS calendar has no weekend sessions and no
session on a listed day, so that rule reproduces it exactly; the test
``tests/test_xtks_table.py`` compares the two session by session.

Reading costs about a millisecond (the text, one ``datetime64`` conversion, one ``is_busday``);
nothing here imports pandas or exchange_calendars.
"""

from __future__ import annotations

import datetime as dt
import pkgutil
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["RESOURCE", "XtksTable", "load_sessions", "parse", "render"]

DateArray = npt.NDArray[np.datetime64]

RESOURCE = "data/xtks_holidays.txt"
"""The table's path inside the ``stockrights`` package."""

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAY = "datetime64[D]"


class TableError(RuntimeError):
    """The shipped table is malformed (a packaging fault, never a user's input)."""


@dataclass(frozen=True, kw_only=True, slots=True, eq=False)
class XtksTable:
    """The parsed table: the range covered and the non-session weekdays in it.

    Attributes
    ----------
    start, end : numpy.datetime64
        First and last day covered (``datetime64[D]``).
    holidays : numpy.ndarray of datetime64[D]
        The non-session weekdays, increasing, all within ``[start, end]`` (read-only).
    labels : tuple of str
        One label per holiday, for the reader.
    """

    start: np.datetime64
    end: np.datetime64
    holidays: DateArray
    labels: tuple[str, ...]

    def sessions(self) -> DateArray:
        """The weekdays of ``[start, end]`` that are not holidays, as ``datetime64[D]``."""
        days = np.arange(self.start, self.end + np.timedelta64(1, "D"), dtype=_DAY)
        out: DateArray = days[np.is_busday(days, holidays=self.holidays)]
        return out


def _bad(line_no: int, why: str, line: str) -> TableError:
    return TableError(f"{RESOURCE} line {line_no}: {why}, got {line!r}")


def parse(text: str) -> XtksTable:
    """Read the table's text (see the module docstring for the format).

    Raises
    ------
    TableError
        For a malformed table: a missing range, a line that is not a dated weekday in the range,
        days out of order. The table ships with the package, so this is a packaging fault.
    """
    bounds: dict[str, np.datetime64] = {}
    dates: list[str] = []
    labels: list[str] = []
    rows: list[tuple[int, str, str]] = []
    for line_no, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, colon, value = line.partition(":")
        if colon and key in ("start", "end"):
            if not _is_iso_day(value.strip()):
                raise _bad(line_no, f"{key} must be a date YYYY-MM-DD", line)
            bounds[key] = np.datetime64(value.strip(), "D")
            continue
        parts = line.split(maxsplit=2)
        if len(parts) < 2:
            raise _bad(line_no, "a holiday line must read 'YYYY-MM-DD  Day  label'", line)
        rows.append((line_no, parts[0], parts[1]))
        dates.append(parts[0])
        labels.append(parts[2] if len(parts) == 3 else "")
    if set(bounds) != {"start", "end"} or bounds["end"] < bounds["start"]:
        raise TableError(f"{RESOURCE} must give 'start:' and 'end:' with start <= end")
    try:  # numpy also reads "2017-03" (as 2017-03-01): the round trip below refuses it
        holidays = np.array(dates, dtype=_DAY)
        canonical = np.datetime_as_string(holidays) == np.array(dates, dtype=str)
    except ValueError:
        canonical = np.array([_is_iso_day(d) for d in dates])
    if not canonical.all():
        line_no, day, _ = rows[int(np.flatnonzero(~canonical)[0])]
        raise _bad(line_no, "a holiday must be a date YYYY-MM-DD", day)
    # 1970-01-01 (day 0) was a Thursday: day n is weekday (n + 3) % 7, Monday = 0.
    ordinals = holidays.astype(np.int64)
    weekdays = (ordinals + 3) % 7
    stated = np.array([_WEEKDAYS.index(r[2]) if r[2] in _WEEKDAYS else -1 for r in rows])
    checks = (
        (stated != weekdays, "the weekday does not match the date"),
        (weekdays >= 5, "a holiday must be a weekday (weekends are never sessions)"),
        (
            (holidays < bounds["start"]) | (holidays > bounds["end"]),
            "a holiday must lie within start and end",
        ),
        (np.diff(ordinals, prepend=ordinals[:1] - 1) <= 0, "holidays must be in increasing order"),
    )
    for bad, why in checks:
        if bad.any():
            line_no, day, name = rows[int(np.flatnonzero(bad)[0])]
            raise _bad(line_no, why, f"{day}  {name}")
    holidays.flags.writeable = False
    return XtksTable(
        start=bounds["start"], end=bounds["end"], holidays=holidays, labels=tuple(labels)
    )


def _is_iso_day(text: str) -> bool:
    """True for a real date written ``YYYY-MM-DD`` (nothing shorter, nothing else)."""
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10 and text[4] == "-"


def load_sessions() -> DateArray:
    """The XTKS sessions of the shipped table, as a read-only ``datetime64[D]`` array."""
    data = pkgutil.get_data("stockrights", RESOURCE)
    if data is None:  # pragma: no cover - a loader that cannot read package data
        raise TableError(f"{RESOURCE} cannot be read from the installed package")
    sessions = parse(data.decode("utf-8")).sessions()
    sessions.flags.writeable = False
    return sessions


def render(
    *,
    start: dt.date,
    end: dt.date,
    holidays: Sequence[tuple[dt.date, str]],
    source: Sequence[str],
) -> str:
    """The table's text: ``source`` as comment lines, the range, one line per holiday.

    ``holidays`` are (non-session weekday, label) pairs in increasing order; ``source`` lines
    say where they came from (written after ``# ``).
    """
    lines = [f"# {line}".rstrip() for line in source]
    lines += [f"start: {start.isoformat()}", f"end: {end.isoformat()}"]
    lines += [
        f"{day.isoformat()}  {_WEEKDAYS[day.weekday()]}  {label}".rstrip()
        for day, label in holidays
    ]
    return "\n".join(lines) + "\n"
