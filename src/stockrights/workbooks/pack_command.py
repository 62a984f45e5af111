"""``stockrights audit-pack BOOK|--example --output PACK.xlsx``: the re-performance workbook.

BOOK is a refreshed template workbook (``stockrights refresh``). Its terms, data and the values its
``SAR_`` cells computed are read by defined name (``SharePrice``, ``PriceDates``, ``RateTenors``,
...), so the reader does not depend on where a sheet puts them. Where the book's figure was derived
from its data (the core, re-run here on the same data, gives the same value), the pack re-derives
it by native formulas; where it was entered, the pack enters it too, with its source.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stockrights.errors import InputError

if TYPE_CHECKING:
    from stockrights.workbooks.audit_pack import AuditPackInputs

    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]

__all__ = ["pack_inputs_from_book", "register_audit_pack"]


def _named(wb: Any, name: str) -> list[list[Any]]:
    """The cached values of a defined name's range, row by row; an error names the name."""
    defined = wb.defined_names.get(name)
    if defined is None:
        raise InputError(f"{name} must be a defined name of the workbook, got none")
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
        raise InputError(f"{name} must hold a value (refresh the book first), got {value}")
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
    """Read a refreshed template workbook into :class:`AuditPackInputs` (see the module doc)."""
    import openpyxl

    from stockrights.adjustment import CorporateAction
    from stockrights.rates import rate_for_term
    from stockrights.rounding import Rounding
    from stockrights.terms import Allotment, GrantTerms, MarketInputs
    from stockrights.volatility import historical_volatility
    from stockrights.workbooks.audit_pack import (
        AuditPackInputs,
        CurveData,
        DividendData,
        PriceData,
    )

    wb = openpyxl.load_workbook(path, data_only=True, read_only=False)
    allotments = tuple(
        Allotment(category=str(c), persons=int(p), rights=int(r))
        for c, p, r in _named(wb, "AllotmentTable")
        if c not in (None, "") and r not in (None, "")
    )
    allotment_date = _day(_one(wb, "AllotmentDate"), "AllotmentDate")
    terms = GrantTerms(
        series_name=str(_one(wb, "SeriesName")),
        allotment_date=allotment_date,
        exercise_period_start=_day(_one(wb, "ExercisePeriodStart"), "ExercisePeriodStart"),
        exercise_period_end=_day(_one(wb, "ExercisePeriodEnd"), "ExercisePeriodEnd"),
        maximum_rights=_one(wb, "MaximumRights"),
        allotments=allotments,
        shares_per_right=int(_one(wb, "BaseSharesPerRight")),
        exercise_price=float(_one(wb, "ExercisePrice")),
        term_years=float(_one(wb, "TermYears")),
        rounding=Rounding.parse(_one(wb, "RoundingMode"), field="RoundingMode"),
    )
    market = MarketInputs(
        share_price=float(_one(wb, "SharePrice")),
        volatility=float(_one(wb, "Volatility")),
        risk_free_rate=float(_one(wb, "RiskFreeRate")),
        dividend_yield=float(_one(wb, "DividendYield")),
        dividend_per_share=_one(wb, "DividendPerShare"),
        share_price_source=f"{path.name}: SharePrice",
        volatility_source=f"{path.name}: Volatility",
        risk_free_rate_source=f"{path.name}: RiskFreeRate",
        dividend_yield_source=f"{path.name}: DividendYield",
    )
    pairs = [
        (_day(d, "PriceDates"), float(c))
        for d, c in zip(
            _column(_named(wb, "PriceDates")), _column(_named(wb, "PriceCloses")), strict=True
        )
        if d not in (None, "") and c not in (None, "")
    ]
    splits = tuple(
        (_day(d, "PriceSplits"), float(r))
        for d, r in _named(wb, "PriceSplits")
        if d not in (None, "") and r not in (None, "")
    )
    valuation_date = _day(_one(wb, "ValuationDate"), "ValuationDate")
    window_start = _day(_one(wb, "VolWindowStart"), "VolWindowStart")
    window_end = _day(_one(wb, "VolWindowEnd"), "VolWindowEnd")
    prices = None
    in_window = [(d, c) for d, c in pairs if window_start <= d <= window_end]
    if len(in_window) >= 3:
        derived = historical_volatility(
            dates=[d for d, _ in pairs],
            closes=[c for _, c in pairs],
            start=window_start,
            end=window_end,
            splits=splits,
        )
        close_on_date = dict(in_window).get(valuation_date)
        if math.isclose(derived, market.volatility, rel_tol=1e-12) and close_on_date == (
            market.share_price
        ):
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
    if curve_points:
        tenors, yields = zip(*curve_points, strict=True)
        try:
            quoted = rate_for_term(tenors_years=tenors, yields=yields, term_years=terms.term_years)
        except InputError:
            quoted = math.nan
        if math.isclose(quoted, market.risk_free_rate, rel_tol=1e-12):
            curve = CurveData(tenors_years=tuple(tenors), yields=tuple(yields))
    dividend = None
    declared = _one(wb, "DividendDeclared")
    if isinstance(declared, int | float) and market.dividend_per_share is not None:
        dividend = DividendData(
            dividend_per_share=float(declared),
            record_date=_day(_one(wb, "DividendRecordDate"), "DividendRecordDate"),
            splits=tuple(
                (a.effective_date or a.scheduled_from(), float(a.ratio))
                for a in _actions(wb, CorporateAction)
            ),
        )
    as_of = _one(wb, "AdjustmentAsOf")
    return AuditPackInputs(
        terms=terms,
        market=market,
        prices=prices,
        curve=curve,
        dividend=dividend,
        actions=_actions(wb, CorporateAction),
        adjustment_as_of=_day(as_of, "AdjustmentAsOf") if as_of not in (None, "") else None,
        data_note=(f"Source workbook: {path.name}",),
    )


def _actions(wb: Any, action_type: Any) -> tuple[Any, ...]:
    out = []
    for row in _named(wb, "CorporateActions"):
        kind, ratio, record, effective, meeting, order, description = (row + [None] * 7)[:7]
        if kind in (None, ""):
            continue
        out.append(
            action_type(
                kind=kind,
                ratio=ratio,
                record_date=record,
                effective_date=effective,
                meeting_date=meeting,
                order=order,
                description=description or "",
            )
        )
    return tuple(out)


def _cmd_audit_pack(args: argparse.Namespace) -> int:
    from stockrights.workbooks.audit_pack import example_pack_inputs, write_audit_pack

    if args.example == (args.book is not None):
        raise InputError(
            "audit-pack needs BOOK or --example (one of them), got "
            + ("both" if args.example else "neither")
        )
    inputs = example_pack_inputs() if args.example else pack_inputs_from_book(Path(args.book))
    out = write_audit_pack(inputs, Path(args.output), lang=args.lang)
    from stockrights.valuation import value_grant

    amount = value_grant(inputs.terms, inputs.market).per_right_amount
    derived = [
        name
        for name, part in (
            ("S and sigma", inputs.prices),
            ("r", inputs.curve),
            ("q", inputs.dividend),
        )
        if part is not None
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
