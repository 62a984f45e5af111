"""The register as CSV files, for exchange with a share-registry system (layout version 4).

A register folder holds three files, and up to three optional ones (``docs/register.md`` lists
every column):

- ``series.csv``: one row per series;
- ``events.csv``: one row per event (``exercise``, ``lapse``, ``forfeit``, ``cancel``);
- ``actions.csv``: the company's corporate actions (the :class:`CorporateAction` fields);
- ``restructurings.csv``, ``holders.csv``, ``prices.csv`` (optional): restructurings, holder
  statuses for the window check, and closes (``date, close``) to fill a blank ``share_price``.

Files are UTF-8 (a byte-order mark is accepted, so Excel's "CSV UTF-8" works), comma-separated
with a header row. The first line may be a version line, ``# stockrights register csv 2``; the
writer always writes it, and a reader refuses any version but 1, 2, 3 and 4. Version 2 adds five
optional columns to ``series.csv``, each series' window rules (``holder_window``,
``holder_window_unit``, ``heir_window``, ``heir_window_unit``, ``last_day_rule``; blank: the
resolution's); version 3 adds two to ``events.csv``, the treasury shares an exercise delivered
and their cost (``treasury_shares``, ``treasury_cost``; blank: new shares only); version 4 adds
one to ``series.csv``, the P&L line(s) the series' expense is charged to (``expense_lines``;
blank: 販売費及び一般管理費). The writer
writes the lowest version that holds the register: one that sets none of the new columns is
written as version 1, byte for byte as before, which a version-1 reader reads. Dates are ISO
(``2017-07-14``); a blank cell is "not given". Column order is free and unknown columns are
refused (a typo must not silently drop a field). Every error is one line naming the file, the
row (as a spreadsheet numbers it, the header being row 1 or 2) and the column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Callable, Iterator, Sequence
from enum import Enum
from fractions import Fraction
from pathlib import Path
from typing import IO, Protocol, TypeVar

import numpy as np

from stockrights._validate import NUMBER_TEXT_RULE, number_text
from stockrights.adjustment import CorporateAction
from stockrights.errors import InputError, StockRightsError
from stockrights.register import (
    EventKind,
    EventTable,
    Holder,
    Register,
    Series,
    check_treasury,
    day_from_number,
    day_number,
    expense_lines_text,
    parse_expense_lines,
)
from stockrights.restructuring import Restructuring
from stockrights.windows import HolderStatus

__all__ = [
    "ACTION_COLUMNS",
    "EVENT_COLUMNS",
    "EXPENSE_COLUMNS",
    "LAYOUT_VERSION",
    "SERIES_COLUMNS",
    "WINDOW_COLUMNS",
    "Table",
    "check_header",
    "read_register_csv",
    "register_from_tables",
    "register_tables",
    "write_register_csv",
]

LAYOUT_VERSION = 4
_VERSION_LINE = "# stockrights register csv {version}"
_VERSIONS = (1, 2, 3, 4)
"""The layout versions read: 2 is 1 with the series' window columns (WINDOW_COLUMNS); 3 is 2
with the events' treasury columns (TREASURY_COLUMNS); 4 is 3 with the series' expense lines
(EXPENSE_COLUMNS)."""

EXPENSE_COLUMNS = ("expense_lines",)
"""Optional column of series.csv (layout 4): the P&L line(s) the series' expense is charged to,
``label`` or ``label:share;label:share`` (:func:`stockrights.register.parse_expense_lines`;
blank: 販売費及び一般管理費)."""

TREASURY_COLUMNS = ("treasury_shares", "treasury_cost")
"""Optional columns of events.csv (layout 3): of the shares an exercise delivered, how many were
treasury shares, and their book value (cost) in yen (blank: all new shares)."""

WINDOW_COLUMNS = (
    "holder_window",
    "holder_window_unit",
    "heir_window",
    "heir_window_unit",
    "last_day_rule",
)
"""Optional columns of series.csv (layout 2): the series' window rules, named as the
:class:`stockrights.register.Series` fields (blank: the resolution's, 10 days, 6 months,
``following``)."""

SERIES_COLUMNS = (
    "series",
    "resolution_date",
    "allotment_date",
    "rights_allotted",
    "shares_per_right",
    "exercise_price",
    "fair_value_per_share",
    "exercise_start",
    "exercise_end",
    "vesting_date",
    "grant_year",
    "rounding",
    "volatility",
    "expected_term_years",
    "expected_dividend",
    "risk_free_rate",
    "persons",
    "conditions",
    "rights_outstanding",
    "outstanding_as_of",
    "illustrative",
    *WINDOW_COLUMNS,
    *EXPENSE_COLUMNS,
)
_SERIES_REQUIRED = (
    "series",
    "allotment_date",
    "rights_allotted",
    "shares_per_right",
    "exercise_price",
    "fair_value_per_share",
    "exercise_start",
    "exercise_end",
    "vesting_date",
)
EVENT_COLUMNS = (
    "date",
    "series",
    "kind",
    "rights",
    "share_price",
    "shares",
    "holder",
    *TREASURY_COLUMNS,
)
_EVENT_REQUIRED = ("date", "series", "kind", "rights", "share_price")
ACTION_COLUMNS = (
    "kind",
    "ratio",
    "record_date",
    "effective_date",
    "meeting_date",
    "order",
    "description",
)
_ACTION_REQUIRED = ("kind", "ratio", "record_date", "effective_date", "meeting_date", "order")
RESTRUCTURING_COLUMNS = (
    "kind",
    "effective_date",
    "share_ratio",
    "restructured_company",
    "approved_on",
)
HOLDER_COLUMNS = ("holder", "position_lost_on", "died_on", "inherited_on", "heir_died_on")
PRICE_COLUMNS = ("date", "close")

_KIND_CODES = {kind: code for code, kind in enumerate(EventKind)}
_KINDS = tuple(EventKind)


class Table(Protocol):
    """Rows of one table (a CSV file or a workbook sheet) as ``(row number, {column: text})``.

    ``name`` starts every error message ("events.csv", "イベント sheet").
    """

    name: str

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        """The data rows, blank rows skipped."""
        ...


def check_header(
    where: str, header: Sequence[str], columns: Sequence[str], required: Sequence[str]
) -> None:
    """Refuse an unknown column (a typo must not drop a field) and a missing required one."""
    unknown = [h for h in header if h and h not in columns]
    missing = [c for c in required if c not in header]
    if unknown:
        raise InputError(f"{where}: unknown column {unknown[0]!r} (allowed: {', '.join(columns)})")
    if missing:
        raise InputError(f"{where}: missing column {missing[0]!r}")


class _Rows:
    """A CSV file's data rows as dicts, with the spreadsheet row number of each.

    The file is opened when the rows are read, and closed when they are done or on an error.
    """

    def __init__(self, path: Path, columns: Sequence[str], required: Sequence[str]) -> None:
        self.path = path
        self.name = path.name
        self.columns = tuple(columns)
        self.required = tuple(required)

    def _header(self, fh: IO[str]) -> tuple[list[str], int]:
        first = fh.readline()
        offset = 1
        if first.startswith("#"):
            version = first.strip()
            known = [_VERSION_LINE.format(version=v) for v in _VERSIONS]
            if version not in known:
                raise InputError(
                    f"{self.name} row 1: the version line must be "
                    f"{' or '.join(repr(k) for k in known)}, got {version!r}"
                )
            offset = 2
            first = fh.readline()
        header = [h.strip() for h in next(csv.reader([first]), [])]
        check_header(f"{self.name} row {offset}", header, self.columns, self.required)
        return header, offset

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        try:
            fh: IO[str] = self.path.open(encoding="utf-8-sig", newline="")
        except OSError as exc:
            raise StockRightsError(f"{self.path}: cannot be read ({exc.strerror or exc})") from None
        with fh:
            try:
                header, offset = self._header(fh)
                for n, row in enumerate(csv.reader(fh), start=offset + 1):
                    if not any(cell.strip() for cell in row):
                        continue
                    if len(row) != len(header):  # fewer: a line cut short ("...,lapse,1")
                        more = "more" if len(row) > len(header) else "fewer"
                        raise InputError(
                            f"{self.name} row {n}: {len(row)} cells, {more} than the "
                            f"{len(header)} columns of the header"
                        )
                    yield n, {h: row[i].strip() for i, h in enumerate(header)}
            except csv.Error as exc:
                raise InputError(f"{self.name}: not a readable CSV file ({exc})") from None
            except UnicodeDecodeError:
                raise InputError(f"{self.name}: must be UTF-8 text") from None


def _cell(source: str, n: int, column: str, parse: Callable[[str], object], text: str) -> object:
    try:
        return parse(text)
    except InputError as exc:
        raise InputError(f"{source} row {n}, column {column}: {exc}") from None
    except (ValueError, ArithmeticError):
        what = _WHAT[parse]
        if parse in (_int, _float) and _misread_number(text):
            what = NUMBER_TEXT_RULE if parse is _float else f"{what}, {NUMBER_TEXT_RULE}"
        raise InputError(
            f"{source} row {n}, column {column}: {column} must be {what}, got {text!r}"
        ) from None


def _misread_number(text: str) -> bool:
    """True for number-like text the rule refuses (``1,5``, ``2 00``): the message quotes it."""
    try:
        number_text("value", text)
    except InputError:
        return any(c.isdigit() for c in text)
    return False


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


_MAX_COUNT = 10**15
"""The largest count a register cell may hold (rights, shares): far above any real register,
and below 2**53, so that the count is exact as a float and fits the register's int64 arrays."""


def _int(text: str) -> int:
    value = _float(text)
    if not value.is_integer():
        raise ValueError(text)
    if abs(value) > _MAX_COUNT:
        raise InputError(f"must be a whole number of at most {_MAX_COUNT:,}, got {text!r}")
    return int(value)


def _float(text: str) -> float:
    """A number as the core reads number text (``1,234.5``; never ``1,5`` or ``2 00``)."""
    if text.rstrip().endswith(("%", "％")):
        raise ValueError(text)  # a percent only where the column takes one
    try:
        return number_text("value", text)
    except InputError:
        raise ValueError(text) from None


def _ratio(text: str) -> float:
    """A number, or a fraction ``a/b`` (``1/3`` for a 3:1 consolidation)."""
    return float(Fraction(text.replace(" ", ""))) if "/" in text else _float(text)


def _percent_or_decimal(text: str) -> float:
    try:
        return number_text("value", text)  # "35%" is 0.35, divided exactly
    except InputError:
        raise ValueError(text) from None


def _bool(text: str) -> bool:
    lowered = text.lower()
    if lowered in ("true", "yes", "1"):
        return True
    if lowered in ("false", "no", "0"):
        return False
    raise ValueError(text)


_WHAT: dict[object, str] = {
    _date: "an ISO date (2017-07-14)",
    _int: "a whole number",
    _float: "a number",
    _ratio: "a number or a fraction (1/3)",
    _percent_or_decimal: "a number (0.35 or 35%)",
    _bool: "true or false",
}


def _optional(row: dict[str, str], column: str) -> str | None:
    text = row.get(column, "")
    return text or None


def _read_series(rows: Table) -> list[Series]:
    out = []
    for n, row in rows:

        def get(
            column: str, parse: Callable[[str], object], row: dict[str, str] = row, n: int = n
        ) -> object:
            text = _optional(row, column)
            return None if text is None else _cell(rows.name, n, column, parse, text)

        kwargs: dict[str, object] = dict(
            name=row["series"],
            resolution_date=get("resolution_date", _date),
            allotment_date=get("allotment_date", _date),
            rights_allotted=get("rights_allotted", _int),
            shares_per_right=get("shares_per_right", _int),
            exercise_price=get("exercise_price", _float),
            fair_value_per_share=get("fair_value_per_share", _float),
            exercise_period_start=get("exercise_start", _date),
            exercise_period_end=get("exercise_end", _date),
            vesting_date=get("vesting_date", _date),
            volatility=get("volatility", _percent_or_decimal),
            term_years=get("expected_term_years", _float),
            dividend_per_share=get("expected_dividend", _float),
            risk_free_rate=get("risk_free_rate", _percent_or_decimal),
            persons=row.get("persons", ""),
            conditions=row.get("conditions", ""),
            rights_outstanding=get("rights_outstanding", _int),
            outstanding_as_of=get("outstanding_as_of", _date),
            illustrative=bool(get("illustrative", _bool) or False),
            holder_window=get("holder_window", _int),
            heir_window=get("heir_window", _int),
            expense_lines=get("expense_lines", parse_expense_lines) or (),
        )
        for column in ("holder_window_unit", "heir_window_unit", "last_day_rule"):
            kwargs[column] = _optional(row, column)  # checked by Series (the options' names)
        for column, name in (("grant_year", "grant_year"), ("rounding", "rounding")):
            if _optional(row, column) is not None:
                kwargs[name] = row[column]
        for column in (
            "series",
            "allotment_date",
            "rights_allotted",
            "shares_per_right",
            "exercise_price",
            "exercise_start",
            "exercise_end",
        ):
            if not row.get(column):
                raise InputError(
                    f"{rows.name} row {n}, column {column}: must be given, got a blank"
                )
        try:
            out.append(Series(**kwargs))  # type: ignore[arg-type]
        except InputError as exc:
            raise InputError(f"{rows.name} row {n}: {exc}") from None
    return out


_T = TypeVar("_T")


def _each_row(rows: Table, make: Callable[[str, int, dict[str, str]], _T]) -> list[_T]:
    """``make(source, n, row)`` for every row; a core error gets the file and row in front."""
    out = []
    for n, row in rows:
        try:
            out.append(make(rows.name, n, row))
        except InputError as exc:
            if str(exc).startswith(rows.name):
                raise
            raise InputError(f"{rows.name} row {n}: {exc}") from None
    return out


def _opt_int(source: str, n: int, row: dict[str, str], column: str) -> int | None:
    text = _optional(row, column)
    return None if text is None else _cell(source, n, column, _int, text)  # type: ignore[return-value]


def _opt_date(source: str, n: int, row: dict[str, str], column: str) -> dt.date | None:
    text = _optional(row, column)
    return None if text is None else _cell(source, n, column, _date, text)  # type: ignore[return-value]


def _action(source: str, n: int, row: dict[str, str]) -> CorporateAction:
    return CorporateAction(
        kind=row["kind"],  # type: ignore[arg-type]
        ratio=_cell(source, n, "ratio", _ratio, row["ratio"]),  # type: ignore[arg-type]
        record_date=_opt_date(source, n, row, "record_date"),
        effective_date=_opt_date(source, n, row, "effective_date"),
        meeting_date=_opt_date(source, n, row, "meeting_date"),
        order=_opt_int(source, n, row, "order"),
        description=row.get("description", ""),
    )


def _restructuring(source: str, n: int, row: dict[str, str]) -> Restructuring:
    return Restructuring(
        kind=row["kind"],  # type: ignore[arg-type]
        effective_date=_opt_date(source, n, row, "effective_date"),  # type: ignore[arg-type]
        share_ratio=_cell(source, n, "share_ratio", _ratio, row["share_ratio"]),  # type: ignore[arg-type]
        restructured_company=row.get("restructured_company", ""),
        approved_on=_opt_date(source, n, row, "approved_on"),
    )


def _holder(source: str, n: int, row: dict[str, str]) -> Holder:
    dates = {c: _opt_date(source, n, row, c) for c in HOLDER_COLUMNS[1:]}
    return Holder(name=row["holder"], status=HolderStatus(**dates))


def _read_actions(rows: Table) -> list[CorporateAction]:
    return _each_row(rows, _action)


def _read_restructurings(rows: Table) -> list[Restructuring]:
    return _each_row(rows, _restructuring)


def _read_holders(rows: Table) -> list[Holder]:
    return _each_row(rows, _holder)


def _read_prices(rows: Table) -> dict[int, float]:
    out: dict[int, float] = {}
    for n, row in rows:
        day = _cell(rows.name, n, "date", _date, row["date"])
        close = _cell(rows.name, n, "close", _float, row["close"])
        assert isinstance(day, dt.date)
        assert isinstance(close, float)
        if close <= 0:
            raise InputError(f"{rows.name} row {n}, column close: close must be > 0, got {close!r}")
        out[day_number(day)] = close
    return out


def _read_events(rows: Table, names: Sequence[str], prices: dict[int, float] | None) -> EventTable:
    index = {name: i for i, name in enumerate(names)}
    kinds = {k.value: code for k, code in _KIND_CODES.items()}
    holders: dict[str, int] = {}
    day: list[int] = []
    sidx: list[int] = []
    kind: list[int] = []
    rights: list[int] = []
    price: list[float] = []
    shares: list[int] = []
    holder: list[int] = []
    treasury: list[int] = []
    cost: list[int] = []
    for n, row in rows:
        where = f"{rows.name} row {n}"
        d = _cell(rows.name, n, "date", _date, row["date"])
        assert isinstance(d, dt.date)
        name = row["series"]
        if name not in index:
            raise InputError(
                f"{where}, column series: series {name}, {d.isoformat()}: unknown series "
                "(rule: every event names a series of series.csv)"
            )
        code = kinds.get(row["kind"].lower())
        if code is None:
            raise InputError(
                f"{where}, column kind: kind must be one of {', '.join(kinds)}, got {row['kind']!r}"
            )
        count = _cell(rows.name, n, "rights", _int, row["rights"])
        assert isinstance(count, int)
        if count < 1:
            raise InputError(f"{where}, column rights: rights must be >= 1, got {count}")
        close = math.nan
        if row.get("share_price"):
            close = _cell(rows.name, n, "share_price", _float, row["share_price"])  # type: ignore[assignment]
            if close <= 0:
                raise InputError(
                    f"{where}, column share_price: share_price must be > 0, got {close!r}"
                )
        elif prices is not None and code == _KIND_CODES[EventKind.EXERCISE]:
            looked = prices.get(day_number(d))
            if looked is None:
                raise InputError(
                    f"{where}, column share_price: blank, and prices.csv has no close on "
                    f"{d.isoformat()}"
                )
            close = looked
        delivered = -1
        if row.get("shares"):
            delivered = _cell(rows.name, n, "shares", _int, row["shares"])  # type: ignore[assignment]
        who = row.get("holder", "")
        own = _treasury(rows.name, n, row, _KINDS[code])
        treasury.append(-1 if own[0] is None else own[0])
        cost.append(-1 if own[1] is None else own[1])
        day.append(day_number(d))
        sidx.append(index[name])
        kind.append(code)
        rights.append(count)
        price.append(close)
        shares.append(delivered)
        holder.append(holders.setdefault(who, len(holders)) if who else -1)
    return EventTable(
        day=np.asarray(day, dtype=np.int64),
        series=np.asarray(sidx, dtype=np.int64),
        kind=np.asarray(kind, dtype=np.int64),
        rights=np.asarray(rights, dtype=np.int64),
        share_price=np.asarray(price, dtype=np.float64),
        shares=np.asarray(shares, dtype=np.int64),
        holder=np.asarray(holder, dtype=np.int64),
        holders=tuple(holders),
        treasury_shares=np.asarray(treasury, dtype=np.int64),
        treasury_cost=np.asarray(cost, dtype=np.int64),
    )


def _treasury(
    source: str, n: int, row: dict[str, str], kind: EventKind
) -> tuple[int | None, int | None]:
    """The treasury columns of one events row (layout 3), checked.

    Whole numbers >= 0, only on an exercise, a cost exactly when treasury shares are delivered.
    """
    values: list[int | None] = []
    for column in TREASURY_COLUMNS:
        value: int | None = None
        if row.get(column):
            value = _cell(source, n, column, _int, row[column])  # type: ignore[assignment]
            assert value is not None
            if value < 0:
                raise InputError(
                    f"{source} row {n}, column {column}: {column} must be >= 0, got {value}"
                )
        values.append(value)
    shares, cost = values
    try:
        check_treasury(kind, shares, cost)
    except InputError as exc:
        column = str(exc).split(" ", 1)[0]
        raise InputError(f"{source} row {n}, column {column}: {exc}") from None
    return shares, cost


def read_register_csv(folder: str | Path, *, company: str = "") -> Register:
    """Read a register folder: series.csv, events.csv, actions.csv and the optional files.

    The optional files are ``restructurings.csv``, ``holders.csv`` and ``prices.csv``.

    Raises
    ------
    InputError
        One line naming the file, row and column, for any cell that cannot be read.
    StockRightsError
        When a required file is missing or unreadable.
    """
    root = Path(folder)
    if not root.is_dir():
        raise StockRightsError(
            f"{root}: is not a folder holding series.csv, events.csv, actions.csv"
        )
    for name in ("series.csv", "events.csv", "actions.csv"):
        if not (root / name).is_file():
            raise StockRightsError(
                f"{root}: has no {name} (a register folder needs series.csv, events.csv, "
                "actions.csv)"
            )

    def table(name: str, columns: Sequence[str], required: Sequence[str]) -> Table | None:
        path = root / name
        return _Rows(path, columns, required) if path.is_file() else None

    series = table("series.csv", SERIES_COLUMNS, _SERIES_REQUIRED)
    events = table("events.csv", EVENT_COLUMNS, _EVENT_REQUIRED)
    actions = table("actions.csv", ACTION_COLUMNS, _ACTION_REQUIRED)
    assert series is not None
    assert events is not None
    assert actions is not None
    return register_from_tables(
        series=series,
        events=events,
        actions=actions,
        restructurings=table(
            "restructurings.csv", RESTRUCTURING_COLUMNS, RESTRUCTURING_COLUMNS[:3]
        ),
        holders=table("holders.csv", HOLDER_COLUMNS, HOLDER_COLUMNS[:1]),
        prices=table("prices.csv", PRICE_COLUMNS, PRICE_COLUMNS),
        company=company,
    )


def register_from_tables(
    *,
    series: Table,
    events: Table,
    actions: Table,
    restructurings: Table | None = None,
    holders: Table | None = None,
    prices: Table | None = None,
    company: str = "",
) -> Register:
    """A register from its tables (CSV files or workbook sheets, with the layout's columns)."""
    parsed = _read_series(series)
    if not parsed:
        raise InputError(f"{series.name}: lists no series")
    closes = _read_prices(prices) if prices is not None else None
    table = _read_events(events, [s.name for s in parsed], closes)
    return Register(
        series=tuple(parsed),
        events=table,
        actions=tuple(_read_actions(actions)),
        restructurings=tuple(_read_restructurings(restructurings) if restructurings else ()),
        holders=tuple(_read_holders(holders) if holders else ()),
        company=company,
    )


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _csv_bytes(columns: Sequence[str], rows: Sequence[Sequence[object]], version: int) -> bytes:
    buffer = io.StringIO()
    buffer.write(_VERSION_LINE.format(version=version) + "\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_text(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def _writer(data: bytes) -> Callable[[IO[bytes]], object]:
    return lambda fh: fh.write(data)


_ATTRIBUTE = {
    "series": "name",
    "exercise_start": "exercise_period_start",
    "exercise_end": "exercise_period_end",
    "expected_term_years": "term_years",
    "expected_dividend": "dividend_per_share",
}
"""Columns whose attribute has another name (every other column is its attribute's name)."""


def _row(item: object, columns: Sequence[str]) -> tuple[object, ...]:
    """The attributes behind ``columns``, options (enums) and expense lines as their text."""
    values = (getattr(item, _ATTRIBUTE.get(c, c)) for c in columns)
    return tuple(_value_text(v) for v in values)


def _value_text(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):  # a series' expense lines; () is the default, blank
        return expense_lines_text(value) or None
    return value


def register_tables(register: Register) -> dict[str, tuple[Sequence[str], list[Sequence[object]]]]:
    """The register's tables as ``{table: (columns, rows of values)}`` in the layout's columns.

    Tables: ``series``, ``events``, ``actions``, and ``restructurings`` and ``holders`` when the
    register has such rows. Values are Python values (dates, numbers, text, None).
    """
    ev = register.events
    names = register.names
    kinds = tuple(EventKind)
    files: dict[str, tuple[Sequence[str], list[Sequence[object]]]] = {
        "series": (SERIES_COLUMNS, [_row(s, SERIES_COLUMNS) for s in register.series]),
        "events": (
            EVENT_COLUMNS,
            [
                (
                    day_from_number(int(ev.day[i])),
                    names[int(ev.series[i])],
                    kinds[int(ev.kind[i])].value,
                    int(ev.rights[i]),
                    None if np.isnan(ev.share_price[i]) else float(ev.share_price[i]),
                    None if ev.shares[i] < 0 else int(ev.shares[i]),
                    "" if ev.holder[i] < 0 else ev.holders[int(ev.holder[i])],
                    None if ev.treasury_shares[i] < 0 else int(ev.treasury_shares[i]),
                    None if ev.treasury_cost[i] < 0 else int(ev.treasury_cost[i]),
                )
                for i in range(len(ev))
            ],
        ),
        "actions": (ACTION_COLUMNS, [_row(a, ACTION_COLUMNS) for a in register.actions]),
    }
    if register.restructurings:
        files["restructurings"] = (
            RESTRUCTURING_COLUMNS,
            [_row(r, RESTRUCTURING_COLUMNS) for r in register.restructurings],
        )
    if register.holders:
        files["holders"] = (
            HOLDER_COLUMNS,
            [(h.name, *_row(h.status, HOLDER_COLUMNS[1:])) for h in register.holders],
        )
    return files


def _drop(
    tables: dict[str, tuple[Sequence[str], list[Sequence[object]]]],
    name: str,
    dropped: Sequence[str],
) -> None:
    """Leave ``dropped`` columns out of table ``name`` (a lower layout's files)."""
    columns, rows = tables[name]
    keep = [i for i, c in enumerate(columns) if c not in dropped]
    tables[name] = ([columns[i] for i in keep], [[row[i] for i in keep] for row in rows])


def write_register_csv(register: Register, folder: str | Path) -> tuple[Path, ...]:
    """Write the register as CSV files into ``folder``, as one consistent set.

    Layout 4 when a series sets its expense lines; else layout 3 when an exercise delivered
    treasury shares; else layout 2 when a series sets its
    own window rules; else layout 1. A lower layout is written without the later layouts'
    columns (the expense-line and window columns of series.csv, the treasury columns of
    events.csv), so that a register that uses none is written byte for byte as before and an
    older reader reads it.

    Every file is written to a temporary file in the folder first; only when all are complete
    do they replace the old ones (:func:`~stockrights.workbooks.atomic.atomic_write_set`), so a
    failure leaves the folder's register as it was, never a new ``series.csv`` beside an old
    ``events.csv``. An optional file (``restructurings.csv``, ``holders.csv``) the register no
    longer has rows for is removed in the same step, so that reading the folder back gives this
    register. ``prices.csv`` (price data, not the register) is left alone.

    Returns the paths written (the optional files only when the register has such rows).
    """
    from stockrights.workbooks.atomic import atomic_write_set  # the shared atomic write (light)

    root = Path(folder)
    tables = register_tables(register)
    columns, rows = tables["series"]
    windows = [columns.index(c) for c in WINDOW_COLUMNS]
    version = 2 if any(row[i] is not None for row in rows for i in windows) else 1
    if register.events.has_treasury:
        version = 3
    if any(s.expense_lines for s in register.series):
        version = 4
    if version == 1:  # no series sets its window rules: the layout-1 files, as before
        _drop(tables, "series", WINDOW_COLUMNS)
    if version < 3:  # no treasury shares delivered: events.csv as before
        _drop(tables, "events", TREASURY_COLUMNS)
    if version < 4:  # every series charges the default line: series.csv as before
        _drop(tables, "series", EXPENSE_COLUMNS)
    writes = {
        root / f"{name}.csv": _writer(_csv_bytes(columns, rows, version))
        for name, (columns, rows) in tables.items()
    }
    stale = [root / n for n in ("restructurings.csv", "holders.csv") if root / n not in writes]
    return atomic_write_set(writes, remove=stale)
