"""Daily closes from CSV or XLSX exports (investing.com, Yahoo, Stooq, Bloomberg, brokers, Excel).

What is read (``../shared/docs/data_sources.md`` §3):

- a header row within the first 10 rows (a ticker line above it is fine) with a date column
  (``日付``, ``日付け``, ``年月日``, ``Date``) and a close column (``終値``, ``Close``, ``Price``,
  ``PX_LAST``) and/or an adjusted close (``調整後終値``, ``Adj Close``); other columns are
  ignored. Labels are matched after NFKC normalisation, case-insensitively, without spaces, a
  trailing ``*`` or a unit in brackets (``終値(円)``). Any other layout is an error listing the
  columns found and the ones expected;
- dates as ``2024/1/4``, ``2024-01-04``, ``2024年1月4日``, era forms (``R6.1.4``,
  ``令和6年1月4日``), Excel dates or serials in an XLSX;
- closes with thousands separators, quoted, full-width; an empty or ``-`` close leaves the
  day out (reported);
- cp932 or UTF-8 with or without BOM (or UTF-16 tab-separated text); newest or oldest first
  (reversed and reported), never mixed; a date twice is an error.

The close column is used when there is one (as the file gives it, normally as traded: splits
are then looked for as close-to-close jumps and checked against the corporate-action table);
``basis="adjusted"`` takes the adjusted close instead (it includes dividends at Yahoo: not for a
volatility).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from stockrights.adjustment import CorporateAction
from stockrights.dates import excel_serial_to_date
from stockrights.errors import InputError
from stockrights.importers._source import (
    ImportFileError,
    checked_file,
    file_error,
    parse_number,
    read_text,
)
from stockrights.importers.eras import parse_date
from stockrights.importers.report import Rejected, Text, text
from stockrights.importers.series import PriceHistory, finish

__all__ = ["ADJUSTED_LABELS", "CLOSE_LABELS", "DATE_LABELS", "read_price_table"]

DATE_LABELS = ("日付", "日付け", "年月日", "date")
CLOSE_LABELS = ("終値", "close", "price", "px_last", "close price")
ADJUSTED_LABELS = ("調整後終値", "adj close", "adjusted close", "adj. close")
_HEADER_SEARCH = 10
_UNIT = re.compile(r"\((?:円|yen|jpy)\)$")
_DATE_LIKE = re.compile(r"^(?:\d|[A-Za-z]\d|大正|昭和|平成|令和)")
_XLSX_SUFFIXES = (".xlsx", ".xlsm")
_MAX_XLSX_ROWS = 200_000
_XLSX_EXPANDED = 256 * 2**20  # bytes an export's XML may expand to (20 years is under 1 MB)
_EXPORT_ROWS = 30 * 366  # a 30-year daily export, a row for every calendar day
_EXPORT_COLUMNS = 26  # A:Z: date, open, high, low, close, adjusted close, volume, vendor fields
_EXPORT_CELLS = _EXPORT_ROWS * _EXPORT_COLUMNS  # 285,480
_XLSX_LIMITS_ARGS = {
    "max_member_bytes": _XLSX_EXPANDED,
    "max_total_bytes": _XLSX_EXPANDED,
    "max_cells": _EXPORT_CELLS,
    # <c><is><t>text</t></is></c> is 6 tags a cell (a number: 4), and a <row> 2 tags
    "max_xml_tags": 6 * _EXPORT_CELLS + 2 * _EXPORT_ROWS,
}
"""The workbook limits of an export: sized for 30 years of every column up to Z, not for a
workbook (whose default of 200,000 cells and 1,000,000 tags refuses an export of 20 columns
from 30 years, 219,600 cells). About 1.7 million tags parse into some 0.4 GB at most."""


def _label(text: object) -> str:
    clean = unicodedata.normalize("NFKC", str(text or "")).strip().strip('"').casefold()
    clean = _UNIT.sub("", clean.rstrip("*").strip())
    return " ".join(clean.split())


def _norm(labels: Iterable[str]) -> frozenset[str]:
    return frozenset(_label(x) for x in labels) | frozenset(
        _label(x).replace(" ", "") for x in labels
    )


_DATES, _CLOSES, _ADJUSTED = _norm(DATE_LABELS), _norm(CLOSE_LABELS), _norm(ADJUSTED_LABELS)


def _rows(path: Path) -> tuple[Iterator[tuple[int, list[Any]]], str]:
    if path.suffix.lower() in _XLSX_SUFFIXES:
        return _xlsx_rows(path), "XLSX"
    source = read_text(path)
    return source.rows(), f"CSV, {source.encoding}"


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    from stockrights.workbooks.errors import WorkbookError
    from stockrights.workbooks.package import Limits, read_package

    checked_file(path)  # the size cap
    try:  # zip bombs, XML bombs, encrypted or non-xlsx files: one line
        read_package(path, limits=Limits(**_XLSX_LIMITS_ARGS))
    except WorkbookError as exc:
        raise ImportFileError(str(exc)) from None
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > _MAX_XLSX_ROWS:
                raise file_error(path, number, f"more than {_MAX_XLSX_ROWS:,} rows")
            yield number, list(row)
    finally:
        book.close()


def _cell_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return excel_serial_to_date(float(value), field="date")
        except InputError as exc:
            raise ValueError(f"must be a date, got {value!r} ({exc})") from None
    return parse_date(str(value))


def _cell_number(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"must be a number, got {value!r}")
    if isinstance(value, int | float):
        return float(value)
    return parse_number(str(value))


def read_price_table(
    path: str | Path,
    *,
    basis: str = "auto",
    window: tuple[object, object] | None = None,
    actions: Iterable[CorporateAction] | None = None,
) -> PriceHistory:
    """Read a CSV or XLSX export of daily closes (see the module docstring for what is read).

    Parameters
    ----------
    path : str or Path
        ``.csv``/``.txt`` (any other name is read as text) or ``.xlsx``/``.xlsm``.
    basis : {"auto", "close", "adjusted"}
        ``auto`` uses the close column when there is one, else the adjusted close.
    window : (date, date), optional
        The volatility window: the report lists its XTKS trading days without a close.
    actions : iterable of CorporateAction, optional
        The corporate-action table; each suspected split is checked against it.

    Returns
    -------
    PriceHistory

    Raises
    ------
    ImportFileError
        One line naming the file, the line and the rule.
    """
    file = Path(path)
    if basis not in ("auto", "close", "adjusted"):
        raise InputError(f"basis must be auto, close or adjusted, got {basis!r}")
    rows, kind = _rows(file)
    columns: dict[str, int] = {}
    header: list[str] = []
    best = -1
    for line, cells in rows:
        labels = [_label(c) for c in cells]
        found = {
            "date": next((i for i, x in enumerate(labels) if x in _DATES), -1),
            "close": next((i for i, x in enumerate(labels) if x in _CLOSES), -1),
            "adjusted": next((i for i, x in enumerate(labels) if x in _ADJUSTED), -1),
        }
        texts = [str(c).strip() for c in cells if str(c or "").strip()]
        wordy = sum(1 for t in texts if not _DATE_LIKE.match(unicodedata.normalize("NFKC", t)))
        if wordy > best:  # the row most like a header, for the message
            best, header = wordy, texts
        if found["date"] >= 0 and (found["close"] >= 0 or found["adjusted"] >= 0):
            columns = {k: v for k, v in found.items() if v >= 0}
            header = texts
            break
        if line >= _HEADER_SEARCH:
            break
    if not columns:
        raise file_error(
            file,
            None,
            "unknown layout: columns found "
            f"{', '.join(header) or '(none)'}; expected a date column "
            f"({', '.join(DATE_LABELS[:3])} or Date) and a close column (終値, Close, Price, "
            "PX_LAST, 調整後終値 or Adj Close)",
        )
    use_adjusted = basis == "adjusted" or "close" not in columns
    if use_adjusted and "adjusted" not in columns:
        raise file_error(file, None, "basis adjusted needs a 調整後終値 / Adj Close column")
    value_column = columns["adjusted" if use_adjusted else "close"]
    value_name = "調整後終値/Adj Close" if use_adjusted else "終値/Close"
    date_column = columns["date"]
    width = max(columns.values()) + 1
    dates: list[dt.date] = []
    closes: list[float] = []
    rejected: list[Rejected] = []
    lines: list[int] = []
    rows_read = 0
    for line, cells in rows:
        if not any(str(c).strip() for c in cells if c is not None):
            continue
        raw_date = cells[date_column] if len(cells) > date_column else None
        cell = str(raw_date).strip() if raw_date is not None else ""
        if not isinstance(raw_date, dt.date | int | float) and not _DATE_LIKE.match(
            unicodedata.normalize("NFKC", cell)
        ):
            rejected.append(
                Rejected(
                    at=text("at_line", file=file.name, line=line),
                    why=text("rejected_not_data", cell=repr(cell[:30])),
                )
            )
            continue
        rows_read += 1
        try:
            day = _cell_date(raw_date)
        except ValueError as exc:
            raise file_error(file, line, f"date {exc}") from None
        if len(cells) < width:
            raise file_error(file, line, f"must have {width} cells, got {len(cells)}")
        try:
            close = _cell_number(cells[value_column])
        except ValueError as exc:
            raise file_error(file, line, f"{value_name} {exc}") from None
        if close is None:
            rejected.append(
                Rejected(
                    at=text("at_line", file=file.name, line=line),
                    why=text("rejected_empty", date=day),
                )
            )
            continue
        if not close > 0.0:
            raise file_error(file, line, f"{value_name} must be > 0, got {close:g}")
        dates.append(day)
        closes.append(close)
        lines.append(line)
    notes: list[Text] = []
    if len(dates) > 1 and dates[0] > dates[-1]:
        dates.reverse()
        closes.reverse()
        lines.reverse()
        notes.append(text("note_reversed"))
    for i in range(1, len(dates)):
        if dates[i] <= dates[i - 1]:
            rule = (
                "must not repeat"
                if dates[i] == dates[i - 1]
                else "must keep one order (all oldest first or all newest first)"
            )
            raise file_error(file, lines[i], f"date {rule}, got {dates[i]} after {dates[i - 1]}")
    if not dates:
        raise file_error(file, None, "holds no row with a date and a close")
    if use_adjusted:
        basis_text = text("basis_adjusted")
    else:
        basis_text = text("basis_close")
        if "adjusted" in columns:
            basis_text += text("basis_close_adjusted_unused")
    return finish(
        files=(file.name,),
        read_as=text("format_table", kind=kind, columns=", ".join(header)),
        rows_read=rows_read,
        dates=dates,
        closes=closes,
        adjusted=use_adjusted,
        basis=basis_text,
        rejected=rejected,
        notes=notes,
        window=window,
        actions=actions,
    )
