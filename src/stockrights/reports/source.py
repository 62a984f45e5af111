"""What a report or notice is made from: the terms, the raw data and the valuation derived from it.

Two origins:

- :func:`example_source`: the core's worked example (``stockrights.example``) with the
  SYNTHETIC price series and ILLUSTRATIVE curve of ``stockrights.workbooks.example_data``, from
  which S, sigma, r and q are derived (the same data the example workbook holds);
- :func:`book_source`: a refreshed template workbook, read with openpyxl (``data_only=True``): its
  terms, price series, corporate actions, base prices, curve and dividend are read from the
  cells the template's defined names point to. A market input typed in the market sheet's known
  column (``VolatilityKnown``, with ``VolatilityKnownSource``) is taken as entered ("entered:
  <source>" in the report); the others are derived again from those data with the core, and
  each figure must equal the value the workbook stores (a stale or hand-edited book is an error
  naming the cell, never a silently different report).

The short SHA-256 printed on every page identifies the input: the workbook's bytes, or for the
example a canonical text of its data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stockrights.adjustment import CorporateAction
from stockrights.derivation import (
    derive_market_inputs,
)
from stockrights.errors import StockRightsError
from stockrights.example import (
    COMPANY_ACTIONS,
    DIVIDEND_RECORD_DATE,
    EXAMPLE_DIVIDEND_PER_SHARE,
    VOLATILITY_WINDOW_START,
    example_market_inputs,
    seventh_series_terms,
)
from stockrights.glossary import Lang
from stockrights.reports.catalogue import text as report_text
from stockrights.sentences import say
from stockrights.terms import Allotment, GrantTerms
from stockrights.valuation import Valuation, value_grant

__all__ = ["ReportSource", "book_source", "example_source"]

EXAMPLE_RESOLUTION_DATE = dt.date(2017, 6, 28)
"""Date of the board resolution of the 7th series (the seed's press release of 28 June 2017)."""

_TOLERANCE = 1e-9  # relative difference allowed between a stored figure and the re-derived one


@dataclass(frozen=True, kw_only=True, slots=True)
class ReportSource:
    """Everything a report or notice states, with where it came from.

    Attributes
    ----------
    valuation : Valuation
        The valuation, its market inputs derived from data (``market.derivation`` set).
    origin : str
        What was read: "the built-in example" or the workbook's file name.
    origin_ja : str or None
        The same in Japanese where it is the program's words (the example); None: ``origin``
        (a file name reads the same in both).
    input_sha256 : str
        SHA-256 (hex) of the input workbook's bytes, or of the example's data.
    payment_date : datetime.date
        The payment date (clause (14)).
    resolution_date : datetime.date or None
        The date of the board resolution, when known (the notice cites it).
    """

    valuation: Valuation
    origin: str
    input_sha256: str
    payment_date: dt.date
    resolution_date: dt.date | None = None
    origin_ja: str | None = None

    @property
    def short_hash(self) -> str:
        """The first 12 hex digits of :attr:`input_sha256`."""
        return self.input_sha256[:12]


def example_source() -> ReportSource:
    """The built-in example: 7th-series terms, market inputs derived from the example's data."""
    from stockrights.workbooks import example_data as data

    terms = seventh_series_terms()
    typed = example_market_inputs()
    prices = data.example_prices()
    dates = [day for day, _ in prices]
    closes = [close for _, close in prices]
    curve = data.example_curve()
    market = derive_market_inputs(
        dates=dates,
        closes=closes,
        valuation_date=terms.allotment_date,
        window_start=VOLATILITY_WINDOW_START,
        tenors_years=[t for t, _ in curve],
        yields=[y for _, y in curve],
        term_years=terms.term_years,
        dividend_per_share=EXAMPLE_DIVIDEND_PER_SHARE,
        dividend_record_date=DIVIDEND_RECORD_DATE,
        dividend_fiscal_year="FY ended March 2017",
        actions=COMPANY_ACTIONS,
        price_source="the SYNTHETIC example price series (seeded)",
        rate_source="the ILLUSTRATIVE example JGB curve",
        dividend_source="27 yen (FY ended March 2017, public notice)",
        illustrative=True,
    )
    for name, value in market.derivation.derived_values().items() if market.derivation else ():
        if not math.isclose(value, getattr(typed, name), rel_tol=_TOLERANCE):
            raise AssertionError(f"the example's data give {name} {value!r}")  # pragma: no cover
    text = repr(
        (terms, prices, curve, COMPANY_ACTIONS, EXAMPLE_DIVIDEND_PER_SHARE, DIVIDEND_RECORD_DATE)
    )
    return ReportSource(
        valuation=value_grant(terms, market),
        origin=report_text("origin_example", Lang.EN),
        origin_ja=report_text("origin_example", Lang.JA),
        input_sha256=hashlib.sha256(text.encode()).hexdigest(),
        payment_date=terms.allotment_date,  # clause (14): paid on the allotment date
        resolution_date=EXAMPLE_RESOLUTION_DATE,
    )


# --- a refreshed workbook ---------------------------------------------------------------------


class _Book:
    """Cell values of a workbook read with openpyxl (data_only), addressed by defined name."""

    def __init__(self, path: Path) -> None:
        from openpyxl import load_workbook

        self.path = path
        self.wb = load_workbook(path, data_only=True, read_only=True)

    def fail(self, problem: str) -> StockRightsError:
        from stockrights.workbooks.errors import WorkbookError

        return WorkbookError(self.path, problem)

    def block(self, name: str) -> list[tuple[Any, ...]]:
        from stockrights.workbooks import layout

        where = layout.address(name)
        if where.sheet not in self.wb.sheetnames:
            raise self.fail(f"has no sheet {where.sheet!r} (is it a stockrights template?)")
        from openpyxl.utils import range_boundaries

        min_col, min_row, max_col, max_row = range_boundaries(where.ref)
        rows = self.wb[where.sheet].iter_rows(
            min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col, values_only=True
        )
        return [tuple(row) for row in rows]

    def cell(self, name: str) -> Any:
        return self.block(name)[0][0]


def _values(book: _Book, name: str) -> list[Any]:
    return [row[0] for row in book.block(name)]


def _cell_ref(name: str) -> str:
    from stockrights.workbooks import layout

    where = layout.address(name)
    return f"{where.sheet}!{where.ref}"


def _required(book: _Book, name: str, kind: type | tuple[type, ...]) -> Any:
    value = book.cell(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise book.fail(f"{_cell_ref(name)} ({name}) is empty: fill it in and refresh the book")
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, kind) or isinstance(value, bool):
        raise book.fail(f"{_cell_ref(name)} ({name}) must be a {_kind_name(kind)}, got {value!r}")
    return value


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {dt.date: "date", str: "text", int: "number", float: "number"}
    return " or ".join(sorted({names.get(k, k.__name__) for k in kinds}))


def _as_day(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def _is_illustrative(book: _Book) -> bool:
    """True when the market sheet's banner (row 2) says its data are made up."""
    from stockrights.workbooks import layout

    rows = book.wb[layout.MARKET].iter_rows(
        min_row=layout.BANNER_ROW, max_row=layout.BANNER_ROW, max_col=1, values_only=True
    )
    return any("ILLUSTRATIVE" in str(row[0] or "") for row in rows)


_BOOK_NAMES = {
    "share_price": "SharePrice",
    "volatility": "Volatility",
    "risk_free_rate": "RiskFreeRate",
    "dividend_yield": "DividendYield",
}
"""Each market input (the MarketInputs field) and the market sheet's defined name for it."""


def _known_inputs(book: _Book) -> dict[str, tuple[float, str]]:
    """The market inputs typed in the known column: field -> (value, source as written).

    Keyed as :func:`stockrights.derivation.derive_market_inputs` takes them (``entered``).
    """
    out: dict[str, tuple[float, str]] = {}
    for field, name in _BOOK_NAMES.items():
        value = book.cell(f"{name}Known")
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise book.fail(
                f"{_cell_ref(name + 'Known')} ({name}Known) must be a number, got {value!r}"
            )
        source = book.cell(f"{name}KnownSource")
        out[field] = (float(value), "" if source is None else str(source))
    return out


def _price_dates(book: _Book, prices: list[tuple[dt.date | None, Any]]) -> list[dt.date | None]:
    if not prices:
        raise book.fail(
            f"{_cell_ref('PriceDates')} holds no prices: import a price file, or type S and "
            "sigma in the market sheet's known column"
        )
    return [d for d, _ in prices]


def _actions(book: _Book) -> tuple[CorporateAction, ...]:
    """The corporate-action table (adjustments sheet), one action per filled row."""
    from stockrights.workbooks import layout

    found = (layout.action_from_row(row) for row in book.block("CorporateActions"))
    return tuple(action for action in found if action is not None)


def _check_stored(book: _Book, name: str, derived: float) -> None:
    stored = book.cell(name)
    ref = f"{_cell_ref(name)} ({name})"
    if not isinstance(stored, int | float) or isinstance(stored, bool):
        raise book.fail(
            f"{ref} holds no computed number ({stored!r}): refresh the book first "
            "(stockrights refresh BOOK)"
        )
    if not math.isclose(float(stored), derived, rel_tol=_TOLERANCE, abs_tol=1e-12):
        raise book.fail(
            f"{ref} stores {stored!r} but its data give {derived!r}: refresh the book "
            "(stockrights refresh BOOK)"
        )


def book_source(path: str | Path) -> ReportSource:
    """A refreshed template workbook as a report source (see the module docstring).

    Raises
    ------
    stockrights.workbooks.errors.WorkbookError
        For a file that is not a usable workbook (checked as ``refresh`` checks it), an empty or
        mistyped input cell, or a stored figure that differs from what its data give.
    StockRightsError
        For data the core refuses (the message names the field).
    """
    from stockrights.workbooks.package import read_package

    target = Path(path)
    read_package(target)  # size, zip-bomb, XML-bomb and format checks before openpyxl
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    book = _Book(target)
    try:
        return _read_book(book, digest)
    finally:
        book.wb.close()


def _read_book(book: _Book, digest: str) -> ReportSource:
    number = (int, float)
    allotments = tuple(
        Allotment(category=str(cat).strip(), persons=int(persons or 0), rights=int(rights or 0))
        for cat, persons, rights in book.block("AllotmentTable")
        if cat is not None and str(cat).strip()
    )
    terms = GrantTerms(
        series_name=_required(book, "SeriesName", str),
        allotment_date=_required(book, "AllotmentDate", dt.date),
        exercise_period_start=_required(book, "ExercisePeriodStart", dt.date),
        exercise_period_end=_required(book, "ExercisePeriodEnd", dt.date),
        maximum_rights=_required(book, "MaximumRights", number),
        allotments=allotments,
        shares_per_right=_required(book, "BaseSharesPerRight", number),
        exercise_price=_required(book, "ExercisePrice", number),
        term_years=_required(book, "TermYears", number),
        rounding=_required(book, "RoundingMode", str),
    )
    prices = [
        (_as_day(d), c)
        for d, c in zip(_values(book, "PriceDates"), _values(book, "PriceCloses"), strict=True)
        if d is not None or c is not None
    ]
    for day, close in prices:
        if day is None or not isinstance(close, number):
            raise book.fail(
                f"prices sheet must hold a date and a close on each row, got {day!r}, {close!r}"
            )
    base_prices = {
        _as_day(row[0]): row[1] for row in book.block("BasePrices") if row[0] is not None
    }
    curve = [
        (t, y)
        for t, y in zip(_values(book, "RateTenors"), _values(book, "RateYields"), strict=True)
        if t is not None or y is not None
    ]
    known = _known_inputs(book)
    valuation_date = _required(book, "ValuationDate", dt.date)
    needs_prices = not {"share_price", "volatility"} <= known.keys()
    needs_dividend = "dividend_yield" not in known
    record_date = _required(book, "DividendRecordDate", dt.date) if needs_dividend else None
    market = derive_market_inputs(
        dates=_price_dates(book, prices) if needs_prices else [],
        closes=[c for _, c in prices],
        valuation_date=valuation_date,
        window_start=_required(book, "VolWindowStart", dt.date)
        if "volatility" not in known
        else None,
        tenors_years=[t for t, _ in curve],
        yields=[y for _, y in curve],
        term_years=terms.term_years,
        dividend_per_share=_required(book, "DividendDeclared", number) if needs_dividend else 0.0,
        dividend_record_date=record_date,
        dividend_fiscal_year=say("explain.q.fiscal_year_ended", date=record_date)
        if record_date
        else "",
        base_prices=base_prices or None,
        frequency=_required(book, "VolFrequency", str) if "volatility" not in known else "weekly",
        actions=_actions(book),
        price_source=f"{book.path.name}, prices sheet",
        rate_source=f"{book.path.name}, rates sheet",
        dividend_source=f"{book.path.name}, market sheet",
        illustrative=_is_illustrative(book),
        entered=known,
    )
    derived = market.derivation.derived_values() if market.derivation else {}
    for field, name in _BOOK_NAMES.items():
        if field in derived:
            _check_stored(book, f"{name}Derived", derived[field])
        _check_stored(book, name, getattr(market, field))
    valuation = value_grant(terms, market)
    _check_stored(book, "PerRightAmount", float(valuation.per_right_amount))
    return ReportSource(
        valuation=valuation,
        origin=book.path.name,
        input_sha256=digest,
        payment_date=_required(book, "PaymentDate", dt.date),
    )
