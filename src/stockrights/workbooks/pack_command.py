"""``stockrights audit-pack BOOK|--example --output PACK.xlsx``: the re-performance workbook.

BOOK is a refreshed template workbook (``stockrights refresh``). Its terms, data and the values its
``SAR_`` cells computed are read by defined name (``SharePrice``, ``PriceDates``, ``RateTenors``,
...), so the reader does not depend on where a sheet puts them. A market input typed in the market
sheet's known column (``VolatilityKnown`` and its ``VolatilityKnownSource``) was entered: the pack
enters it too, with its source. The others were derived from the book's data: the pack re-derives
them by native formulas (S and sigma from the prices, r from the curve, q from the dividend),
after checking that the core, re-run here on the same data, gives the value the book stores.
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stockrights.derivation import MarketDerivation
from stockrights.errors import InputError, StockRightsError
from stockrights.workbooks.atomic import interruptible

if TYPE_CHECKING:
    from stockrights.adjustment import CorporateAction
    from stockrights.valuation import Valuation
    from stockrights.workbooks.audit_pack import AuditPackInputs

    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]

__all__ = ["pack_inputs_from_book", "register_audit_pack"]


def _where(wb: Any, name: str) -> str:
    """``terms!B13 (AllotmentDate)``: where a defined name points, for a message."""
    defined = wb.defined_names.get(name)
    if defined is None:
        return name
    places = [f"{sheet}!{ref.replace('$', '')}" for sheet, ref in defined.destinations]
    return f"{', '.join(places)} ({name})"


def _named(wb: Any, name: str) -> list[list[Any]]:
    """The cached values of a defined name's range, row by row; an error names the name."""
    defined = wb.defined_names.get(name)
    if defined is None:
        raise InputError(
            f"has no defined name {name} (is it a refreshed stockrights valuation template?)"
        )
    rows: list[list[Any]] = []
    for sheet, ref in defined.destinations:
        cells = wb[sheet][ref.replace("$", "")]
        if not isinstance(cells, tuple):
            return [[cells.value]]
        for row in cells:
            rows.append([c.value for c in row] if isinstance(row, tuple) else [row.value])
    return rows


def _one(wb: Any, name: str) -> Any:
    value = _named(wb, name)[0][0]
    if isinstance(value, str) and value.startswith("#"):
        raise InputError(
            f"{_where(wb, name)} must hold a value (refresh the book first), got {value}"
        )
    return value


def _day(value: Any, name: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    shown = "a blank cell (fill in the book and refresh it)" if value in (None, "") else repr(value)
    raise InputError(f"{name} must be a date, got {shown}")


def _column(rows: list[list[Any]]) -> list[Any]:
    return [row[0] for row in rows]


def pack_inputs_from_book(path: Path) -> AuditPackInputs:
    """Read a refreshed template workbook into :class:`AuditPackInputs` (see the module doc).

    The terms and the market inputs are those of the valuation report
    (:func:`stockrights.reports.source.book_source`): typed inputs entered and the others derived
    by :func:`stockrights.derivation.derive_market_inputs`, each checked against the value the
    book stores. The data the pack re-derives by formula are then read by defined name. Every
    error is one line that starts with the file and names the cell.
    """
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    from stockrights.reports.source import book_source

    valuation = book_source(path).valuation
    try:
        wb = openpyxl.load_workbook(path, data_only=True, read_only=False)
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError) as exc:
        raise InputError(f"{path}: cannot be read as an .xlsx workbook ({exc})") from None
    try:
        return _pack_inputs(wb, path, valuation)
    except StockRightsError as exc:
        raise type(exc)(f"{path}: {exc}") from None
    except (TypeError, ValueError) as exc:  # float() of a cell holding text
        raise InputError(
            f"{path}: a price or curve cell holds a value of the wrong kind ({exc})"
        ) from None


def _pack_inputs(wb: Any, path: Path, valuation: Valuation) -> AuditPackInputs:
    from stockrights.workbooks.audit_pack import (
        AuditPackInputs,
        CurveData,
        DividendData,
        PriceData,
        dividend_restatements,
        price_basis_changes,
    )

    terms = valuation.terms
    derivation = valuation.market.derivation or MarketDerivation()
    entered = frozenset(field for field in _KEYS.values() if getattr(derivation, field) is None)
    typed = valuation.market

    def shown(field: str) -> str:
        """A typed input's source as the pack shows it: "entered: <source> (<book>: <cell>)"."""
        source: str = getattr(typed, f"{field}_source")
        if field not in entered:
            return source
        return f"entered: {source} ({path.name}: {_NAMES[field]}Known)"

    market = replace(
        typed,
        share_price_source=shown("share_price"),
        volatility_source=shown("volatility"),
        risk_free_rate_source=shown("risk_free_rate"),
        dividend_yield_source=shown("dividend_yield"),
    )
    actions = _actions(wb)
    prices = None
    if derivation.share_price is not None or derivation.volatility is not None:
        pairs = [
            (_day(d, "PriceDates"), float(c))
            for d, c in zip(
                _column(_named(wb, "PriceDates")), _column(_named(wb, "PriceCloses")), strict=True
            )
            if d not in (None, "") and c not in (None, "")
        ]
        valuation_date = _day(_one(wb, "ValuationDate"), _where(wb, "ValuationDate"))
        window_start = _day(_one(wb, "VolWindowStart"), _where(wb, "VolWindowStart"))
        window_end = _day(_one(wb, "VolWindowEnd"), _where(wb, "VolWindowEnd"))
        in_window = [(d, c) for d, c in pairs if window_start <= d <= window_end]
        on_date = valuation_date in dict(in_window)  # False: S is a next-day base price
        if on_date and len(in_window) >= 3:
            prices = PriceData(
                dates=tuple(d for d, _ in in_window),
                closes=tuple(c for _, c in in_window),
                window_start=window_start,
                window_end=window_end,
                splits=price_basis_changes(actions, in_window[0][0], window_end),
            )
    rate = derivation.risk_free_rate
    curve = None
    if rate is not None:
        curve = CurveData(tenors_years=rate.curve_tenors, yields=rate.curve_yields)
    paid = derivation.dividend_yield
    dividend = None
    if paid is not None:
        dividend = DividendData(
            dividend_per_share=paid.declared_dividend,
            record_date=paid.record_date,
            restatements=dividend_restatements(actions, as_of=paid.as_of),
        )
    as_of = _one(wb, "AdjustmentAsOf")
    return AuditPackInputs(
        terms=terms,
        market=market,
        prices=prices,
        curve=curve,
        dividend=dividend,
        actions=actions,
        adjustment_as_of=_day(as_of, "AdjustmentAsOf") if as_of not in (None, "") else None,
        data_note=(f"Source workbook: {path.name}",),
        entered=entered,
    )


_KEYS = {
    "SharePrice": "share_price",
    "Volatility": "volatility",
    "RiskFreeRate": "risk_free_rate",
    "DividendYield": "dividend_yield",
}
"""The market sheet's names of the four inputs, and the MarketInputs field each fills."""
_NAMES = {field: name for name, field in _KEYS.items()}


def _actions(wb: Any) -> tuple[CorporateAction, ...]:
    from stockrights.workbooks import layout

    found = (layout.action_from_row(row) for row in _named(wb, "CorporateActions"))
    return tuple(action for action in found if action is not None)


@interruptible
def _cmd_audit_pack(args: argparse.Namespace) -> int:
    from stockrights.workbooks.audit_pack import example_pack_inputs, write_audit_pack

    if Path(args.output).suffix.lower() != ".xlsx":
        raise InputError(f"--output must end in .xlsx (the pack is a workbook), got {args.output}")

    if args.example == (args.book is not None):
        raise InputError(
            "audit-pack needs BOOK or --example (one of them), got "
            + ("both" if args.example else "neither")
        )
    if args.example:
        inputs = example_pack_inputs()
    else:
        from stockrights.workbooks.book_file import XLSX_OR_XLSM, require_workbook

        book = require_workbook(args.book, argument="BOOK", suffixes=XLSX_OR_XLSM)
        inputs = pack_inputs_from_book(book)
    out = write_audit_pack(inputs, Path(args.output), lang=args.lang)
    from stockrights.valuation import value_grant

    amount = value_grant(inputs.terms, inputs.market).per_right_amount
    derived = []
    if inputs.prices is not None:
        from_prices = [
            label
            for label, key in (("S", "share_price"), ("sigma", "volatility"))
            if key not in inputs.entered
        ]
        derived += [" and ".join(from_prices)] if from_prices else []
    derived += [
        label
        for label, part, key in (
            ("r", inputs.curve, "risk_free_rate"),
            ("q", inputs.dividend, "dividend_yield"),
        )
        if part is not None and key not in inputs.entered
    ]
    print(
        f"wrote {out}: native formulas only; amount per right {amount:,} yen; "
        f"re-derived from data: {', '.join(derived) or 'none (all inputs entered)'}"
    )
    return 0


def register_audit_pack(subparsers: Subparsers) -> None:
    """Add ``audit-pack`` to the command line."""
    p = subparsers.add_parser(
        "audit-pack",
        help="write a workbook that re-performs the valuation with native formulas only",
        description="The auditor's re-performance workbook: raw data as values, every step a "
        "native formula (no add-in needed); it recalculates in any spreadsheet application.",
    )
    p.add_argument("book", nargs="?", metavar="BOOK", help="a refreshed template workbook (.xlsx)")
    p.add_argument("--example", action="store_true", help="the built-in 7th-series example")
    p.add_argument("--output", required=True, help="where to write the pack (.xlsx)")
    p.add_argument("--lang", choices=("ja", "en"), default="ja", help="language of the notes")
    p.set_defaults(handler=_cmd_audit_pack)
