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
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stockrights.errors import InputError, StockRightsError
from stockrights.workbooks.atomic import interruptible

if TYPE_CHECKING:
    from stockrights.adjustment import CorporateAction
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

    Every error is one line that starts with the file and names the cell.
    """
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(path, data_only=True, read_only=False)
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError) as exc:
        raise InputError(f"{path}: cannot be read as an .xlsx workbook ({exc})") from None
    try:
        return _pack_inputs(wb, path)
    except StockRightsError as exc:
        raise type(exc)(f"{path}: {exc}") from None
    except (TypeError, ValueError) as exc:  # int()/float() of a cell holding text
        raise InputError(
            f"{path}: a term or market cell holds a value of the wrong kind ({exc})"
        ) from None


def _pack_inputs(wb: Any, path: Path) -> AuditPackInputs:

    from stockrights.rates import rate_for_term
    from stockrights.rounding import Rounding
    from stockrights.terms import Allotment, GrantTerms, MarketInputs
    from stockrights.volatility import historical_volatility
    from stockrights.workbooks.audit_pack import (
        AuditPackInputs,
        CurveData,
        DividendData,
        PriceData,
        dividend_restatements,
        price_basis_changes,
    )

    allotments = tuple(
        Allotment(category=str(c), persons=int(p), rights=int(r))
        for c, p, r in _named(wb, "AllotmentTable")
        if c not in (None, "") and r not in (None, "")
    )
    allotment_date = _day(_one(wb, "AllotmentDate"), _where(wb, "AllotmentDate"))
    terms = GrantTerms(
        series_name=str(_one(wb, "SeriesName")),
        allotment_date=allotment_date,
        exercise_period_start=_day(
            _one(wb, "ExercisePeriodStart"), _where(wb, "ExercisePeriodStart")
        ),
        exercise_period_end=_day(_one(wb, "ExercisePeriodEnd"), _where(wb, "ExercisePeriodEnd")),
        maximum_rights=_one(wb, "MaximumRights"),
        allotments=allotments,
        shares_per_right=int(_one(wb, "BaseSharesPerRight")),
        exercise_price=float(_one(wb, "ExercisePrice")),
        term_years=float(_one(wb, "TermYears")),
        rounding=Rounding.parse(_one(wb, "RoundingMode"), field="RoundingMode"),
    )
    known = _known_inputs(wb, path)
    market = MarketInputs(
        share_price=float(_one(wb, "SharePrice")),
        volatility=float(_one(wb, "Volatility")),
        risk_free_rate=float(_one(wb, "RiskFreeRate")),
        dividend_yield=float(_one(wb, "DividendYield")),
        dividend_per_share=_one(wb, "DividendPerShare"),
        share_price_source=known.get("SharePrice", f"{path.name}: SharePrice"),
        volatility_source=known.get("Volatility", f"{path.name}: Volatility"),
        risk_free_rate_source=known.get("RiskFreeRate", f"{path.name}: RiskFreeRate"),
        dividend_yield_source=known.get("DividendYield", f"{path.name}: DividendYield"),
    )
    actions = _actions(wb)
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
    prices = None
    in_window = [(d, c) for d, c in pairs if window_start <= d <= window_end]
    close_on_date = dict(in_window).get(valuation_date)  # None: S is a next-day base price
    derive_prices = "SharePrice" not in known or "Volatility" not in known
    if derive_prices and close_on_date is not None and len(in_window) >= 3:
        splits = price_basis_changes(actions, in_window[0][0], window_end)
        derived = historical_volatility(
            dates=[d for d, _ in in_window],
            closes=[c for _, c in in_window],
            start=window_start,
            end=window_end,
            splits=splits,
        )
        if "Volatility" not in known:
            _agrees(path, "Volatility", market.volatility, derived)
        if "SharePrice" not in known:
            _agrees(path, "SharePrice", market.share_price, close_on_date)
        prices = PriceData(
            dates=tuple(d for d, _ in in_window),
            closes=tuple(c for _, c in in_window),
            window_start=window_start,
            window_end=window_end,
            splits=splits,
        )
    curve_points = [
        (float(t), float(y))
        for t, y in zip(
            _column(_named(wb, "RateTenors")), _column(_named(wb, "RateYields")), strict=True
        )
        if t not in (None, "") and y not in (None, "")
    ]
    curve = None
    if "RiskFreeRate" not in known and curve_points:
        tenors, yields = zip(*curve_points, strict=True)
        quoted = rate_for_term(tenors_years=tenors, yields=yields, term_years=terms.term_years)
        _agrees(path, "RiskFreeRate", market.risk_free_rate, quoted)
        curve = CurveData(tenors_years=tuple(tenors), yields=tuple(yields))
    dividend = None
    declared = _one(wb, "DividendDeclared")
    if "DividendYield" not in known and isinstance(declared, int | float):
        dividend = DividendData(
            dividend_per_share=float(declared),
            record_date=_day(_one(wb, "DividendRecordDate"), _where(wb, "DividendRecordDate")),
            restatements=dividend_restatements(actions, as_of=valuation_date),
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
        entered=frozenset(_KEYS[name] for name in known),
    )


_KEYS = {
    "SharePrice": "share_price",
    "Volatility": "volatility",
    "RiskFreeRate": "risk_free_rate",
    "DividendYield": "dividend_yield",
}
"""The market sheet's names of the four inputs, and the MarketInputs field each fills."""


def _known_inputs(wb: Any, path: Path) -> dict[str, str]:
    """The inputs typed in the market sheet's known column: name -> "entered: <source>".

    Read from the names ``<input>Known`` and ``<input>KnownSource``, not guessed from the values.
    """
    out: dict[str, str] = {}
    for name in _KEYS:
        value = _one(wb, f"{name}Known")
        if value in (None, ""):
            continue
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise InputError(f"{name}Known must be a number, got {value!r}")
        source = _one(wb, f"{name}KnownSource")
        stated = str(source).strip() if source not in (None, "") else ""
        out[name] = f"entered: {stated or '(source not stated)'} ({path.name}: {name}Known)"
    return out


def _agrees(path: Path, name: str, stored: float, derived: float | None) -> None:
    """A derived input's stored value must be what the core gives on the book's data."""
    if derived is None or not math.isclose(stored, derived, rel_tol=1e-12):
        raise InputError(
            f"{name} in {path.name} must be what its data give ({derived!r}) when no known value "
            f"is entered, got {stored!r}: refresh the book (stockrights refresh BOOK)"
        )


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
    inputs = example_pack_inputs() if args.example else pack_inputs_from_book(Path(args.book))
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
    p.add_argument("book", nargs="?", help="a refreshed template workbook (.xlsx)")
    p.add_argument("--example", action="store_true", help="the built-in 7th-series example")
    p.add_argument("--output", required=True, help="where to write the pack (.xlsx)")
    p.add_argument("--lang", choices=("ja", "en"), default="ja", help="language of the notes")
    p.set_defaults(handler=_cmd_audit_pack)
