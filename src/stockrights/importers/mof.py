"""Ministry of Finance JGB yields (国債金利情報): the history file and the current-month file.

The files as MOF publishes them (``../shared/docs/data_sources.md`` §1): cp932 text, a title line
(``国債金利情報,...,(単位 : %)``; the current file names its month), then the header
``基準日,1年,2年,...,10年,15年,20年,25年,30年,40年`` (exactly these 16 columns, checked whole: an
added column would shift every value), then one row per bond-market business day, oldest first,
dated in era form (``S49.9.24``, ``H31.4.26``, ``R1.5.7``). A tenor not published that day is a
lone ``-``. The current file may end with an empty row and a ``※`` notice: every row whose
first cell is not a date is left out (and listed in the report); a date-shaped cell that is not a
valid date of its era (``H31.5.7``) is an error. The English twin (``Date,1Y,...,40Y``, dates
``1974/9/24``) is read too.

Several files are read together and united by date; where two hold the same date, the file
whose data end later (the current-month file) wins, and a difference in values is reported.

Values are percent with up to three decimals; they are converted to decimals exactly as the text
says (``0.35`` -> 0.0035, the double nearest 0.35/100, by parsing ``0.35e-2``).

References
----------
Ministry of Finance, 国債金利情報, https://www.mof.go.jp/jgbs/reference/interest_rate/index.htm
(``data/jgbcm_all.csv``, ``jgbcm.csv``). Resolution, clause (12)-6.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from stockrights.dates import as_date
from stockrights.errors import OutOfRangeError
from stockrights.importers._source import ImportFileError, file_error, read_text
from stockrights.importers.eras import parse_date, parse_era_date
from stockrights.importers.report import ImportReport, Rejected, Text, text

__all__ = ["MOF_HEADER", "MOF_TENORS", "YieldCurve", "YieldHistory", "read_mof"]

MOF_TENORS = (1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 15.0, 20.0, 25.0, 30.0, 40.0)
"""The tenors of the MOF files, years."""
MOF_HEADER = ("基準日", *(f"{t:g}年" for t in MOF_TENORS))
"""The Japanese file's header, cell by cell."""
_ENGLISH_HEADER = ("Date", *(f"{t:g}Y" for t in MOF_TENORS))
_WIDTH = len(MOF_HEADER)
_PERCENT = re.compile(r"^-?\d{1,3}(?:\.\d{1,6})?$")
_MISSING = frozenset({"-", "", "－"})
_CELL = r"(?:-?\d{1,3}(?:\.\d{1,6})?|-|－|)"
_ROW = re.compile(rf"^(?:{_CELL},){{{len(MOF_TENORS) - 1}}}{_CELL}$")
_DATE_LIKE = re.compile(r"^(?:[A-Za-z]\d|\d|(?:大正|昭和|平成|令和))")
_HEADER_SEARCH = 5  # lines searched for the header
_STALE_DAYS = 7  # a curve older than this before the valuation date is flagged


@dataclass(frozen=True, kw_only=True, slots=True)
class YieldCurve:
    """The JGB curve of one day, ready for :func:`stockrights.rate_for_term`.

    Attributes
    ----------
    date : datetime.date
        The MOF row used.
    tenors_years : tuple of float
        The tenors published that day, years, increasing.
    yields : tuple of float
        Their yields, decimals (0.0035 for 0.35 %), as published (semi-annual, MOF's curve).
    statement : Text
        Which row was used and why (the valuation date's own, or the last before it), and the
        tenors not published that day; ``str()`` is English, ``statement("ja")`` Japanese.
    """

    date: dt.date
    tenors_years: tuple[float, ...]
    yields: tuple[float, ...]
    statement: Text


@dataclass(frozen=True, kw_only=True, slots=True, eq=False)
class YieldHistory:
    """Every row read from MOF files.

    Attributes
    ----------
    dates : tuple of datetime.date
        Increasing.
    tenors_years : tuple of float
        :data:`MOF_TENORS`.
    yields : numpy.ndarray
        ``(len(dates), 15)`` decimals; NaN where the file has ``-``.
    report : ImportReport
    """

    dates: tuple[dt.date, ...]
    tenors_years: tuple[float, ...]
    yields: npt.NDArray[np.float64] = field(repr=False)
    report: ImportReport

    def curve_on(self, valuation_date: object) -> YieldCurve:
        """The curve of ``valuation_date``: that day's row, or the last row before it.

        Raises
        ------
        OutOfRangeError
            When every row is after ``valuation_date``.
        """
        return _curve_on(self.dates, self.tenors_years, self.yields, valuation_date)


def _curve_on(
    dates: tuple[dt.date, ...],
    tenors: tuple[float, ...],
    yields: npt.NDArray[np.float64],
    valuation_date: object,
) -> YieldCurve:
    day = as_date(valuation_date, field="valuation_date")
    i = bisect.bisect_right(dates, day) - 1
    if i < 0:
        raise OutOfRangeError(
            f"valuation_date must be on or after the first MOF row {dates[0]}, got {day}"
        )
    row = yields[i]
    keep = ~np.isnan(row)
    used = dates[i]
    if used == day:
        statement = text("curve_own", date=used)
    else:
        gap = (day - used).days
        statement = text("curve_before", used=used, day=day, gap=gap)
        if gap > _STALE_DAYS:
            statement += text("curve_stale")
    if not keep.all():
        missing = ", ".join(f"{t:g}年" for t, k in zip(tenors, keep, strict=True) if not k)
        statement += text("curve_missing", tenors=missing)
    return YieldCurve(
        date=used,
        tenors_years=tuple(t for t, k in zip(tenors, keep, strict=True) if k),
        yields=tuple(float(v) for v in row[keep]),
        statement=statement,
    )


@dataclass(slots=True)
class _FileRows:
    path: Path
    encoding: str
    dates: list[dt.date]
    values: list[list[float]]
    rejected: list[Rejected]
    rows_read: int


def _clean(cell: str) -> str:
    return (cell if cell.isascii() else unicodedata.normalize("NFKC", cell)).strip()


def _row_slowly(path: Path, line: int, used: list[str]) -> list[float]:
    """The cells of a row one by one (spaces allowed), naming the first bad one."""
    row: list[float] = []
    for tenor, cell in zip(MOF_TENORS, used, strict=True):
        cell = cell.strip()
        if cell in _MISSING:
            row.append(float("nan"))
        elif _PERCENT.match(cell):
            row.append(float(cell + "e-2"))
        else:
            raise file_error(
                path, line, f"{tenor:g}年 must be a percent such as 0.35 or -, got {cell!r}"
            )
    return row


def _read_one(path: Path) -> _FileRows:
    source = read_text(path)
    rows = source.rows()
    header_line = 0
    seen: list[str] = []
    for line, cells in rows:
        cleaned = [_clean(c) for c in cells]
        while cleaned and cleaned[-1] == "":
            cleaned.pop()
        if cleaned and cleaned[0] in (MOF_HEADER[0], _ENGLISH_HEADER[0]):
            expected = MOF_HEADER if cleaned[0] == MOF_HEADER[0] else _ENGLISH_HEADER
            if tuple(cleaned) != expected:
                raise file_error(
                    path,
                    line,
                    f"header must be exactly {','.join(expected)}, got {','.join(cleaned)}",
                )
            header_line = line
            break
        seen.append(",".join(cleaned))
        if line >= _HEADER_SEARCH:
            break
    if not header_line:
        raise file_error(
            path,
            None,
            "is not a MOF 国債金利情報 file: no header line "
            f"{','.join(MOF_HEADER[:3])},...,40年 in its first {_HEADER_SEARCH} lines "
            f"(found: {' | '.join(seen)[:200]})",
        )
    dates: list[dt.date] = []
    values: list[list[float]] = []
    rejected: list[Rejected] = []
    nan = float("nan")
    for line, cells in rows:
        first = _clean(cells[0]) if cells else ""
        if not first or not _DATE_LIKE.match(first):
            if any(c.strip() for c in cells):
                rejected.append(
                    Rejected(
                        at=text("at_line", file=path.name, line=line),
                        why=text("rejected_not_data", cell=repr(cells[0][:30])),
                    )
                )
            continue
        try:
            day = parse_era_date(first) or parse_date(first)
        except ValueError as exc:
            raise file_error(path, line, f"基準日 {exc}") from None
        used = cells[1:]
        while len(used) > _WIDTH - 1 and not used[-1].strip():
            used.pop()
        if len(used) != _WIDTH - 1:
            raise file_error(
                path, line, f"must have {_WIDTH} cells (基準日 and 15 tenors), got {len(cells)}"
            )
        if _ROW.match(",".join(used)):  # the whole row at once: the common case
            row = [nan if c in _MISSING else float(c + "e-2") for c in used]
        else:
            row = _row_slowly(path, line, used)
        if dates and day <= dates[-1]:
            rule = "must not repeat" if day == dates[-1] else "must be after the previous row"
            raise file_error(
                path, line, f"基準日 {rule} ({dates[-1].isoformat()}), got {first!r} = {day}"
            )
        dates.append(day)
        values.append(row)
    return _FileRows(
        path=path,
        encoding=source.encoding,
        dates=dates,
        values=values,
        rejected=rejected,
        rows_read=len(dates),
    )


def read_mof(*paths: str | Path, valuation_date: object | None = None) -> YieldHistory:
    """Read MOF 国債金利情報 CSV files (history and current month) into one history.

    Parameters
    ----------
    *paths : str or Path
        One or more files, in any order.
    valuation_date : date, optional
        When given, the report states the curve used for it (:meth:`YieldHistory.curve_on`).

    Returns
    -------
    YieldHistory
        Rows united by date (the file whose data end later wins a shared date), with a report.

    Raises
    ------
    ImportFileError
        One line naming the file, the line and the rule (unknown header, a date outside its
        era, a value that is not a percent, rows out of order, no data row in any file).

    Examples
    --------
    >>> history = read_mof("jgbcm_all.csv", "jgbcm.csv")  # doctest: +SKIP
    >>> curve = history.curve_on("2017-07-14")  # doctest: +SKIP
    """
    if not paths:
        raise ImportFileError("read_mof needs at least one file, got none")
    files = [_read_one(Path(p)) for p in paths]
    ordered = sorted(
        range(len(files)), key=lambda i: files[i].dates[-1] if files[i].dates else dt.date.min
    )
    merged: dict[dt.date, tuple[list[float], int]] = {}
    notes: list[Text] = []
    overlaps = 0
    differing: list[str] = []
    for i in ordered:  # later-ending files last: they win
        f = files[i]
        for day, row in zip(f.dates, f.values, strict=True):
            before = merged.get(day)
            if before is not None:
                overlaps += 1
                if not np.array_equal(np.array(before[0]), np.array(row), equal_nan=True):
                    differing.append(f"{day} ({files[before[1]].path.name} vs {f.path.name})")
            merged[day] = (row, i)
    if not merged:
        raise file_error(Path(paths[0]), None, "holds no data row (基準日 and 15 tenors)")
    if overlaps:
        detail = (
            text("note_overlap_differ", days=", ".join(differing[:5]))
            if differing
            else text("note_overlap_same")
        )
        notes.append(text("note_overlap", count=overlaps, detail=detail))
    dates = tuple(sorted(merged))
    yields = np.array([merged[d][0] for d in dates], dtype=np.float64)
    if valuation_date is not None:
        notes.append(_curve_on(dates, MOF_TENORS, yields, valuation_date).statement)
    encodings = sorted({f.encoding for f in files})
    report = ImportReport(
        kind="rates",
        files=tuple(f.path.name for f in files),
        read_as=text("format_mof", encodings=", ".join(encodings)),
        rows_read=sum(f.rows_read for f in files),
        rows_used=len(dates),
        first_date=dates[0],
        last_date=dates[-1],
        rejected=tuple(r for f in files for r in f.rejected),
        notes=tuple(notes),
    )
    return YieldHistory(dates=dates, tenors_years=MOF_TENORS, yields=yields, report=report)
