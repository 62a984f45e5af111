"""The price series an importer returns, and the checks every price import runs.

A :class:`PriceHistory` holds the closes on the basis the reader chose (as traded, or adjusted
by the source), the splits found in the data as ``(first day on the new basis, ratio)`` pairs
ready for :func:`stockrights.adjust_for_splits` and :func:`stockrights.historical_volatility`,
the corporate actions derived from them (J-Quants), and the report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from stockrights.adjustment import CorporateAction
from stockrights.dates import as_date
from stockrights.importers.report import (
    FoundSplit,
    ImportReport,
    Rejected,
    Text,
    find_jumps,
    match_action,
    trading_day_checks,
)

__all__ = ["PriceHistory", "finish", "window_of"]


@dataclass(frozen=True, kw_only=True, slots=True)
class PriceHistory:
    """Daily closes read from a file, with what was found in them.

    Attributes
    ----------
    dates : tuple of datetime.date
        Days with a close, increasing (days without one are left out, as the core expects).
    closes : tuple of float
        Yen per share, > 0, on the basis ``adjusted`` says.
    adjusted : bool
        False: as traded (unadjusted), so ``splits`` must be applied before a volatility;
        True: already restated by the source (apply no split again).
    splits : tuple of (date, float)
        Changes of share basis found from an adjustment factor: (ex-rights date, ratio), ratio
        2 for a 1:2 split. Empty for a table export (jumps are reported, never applied).
    corporate_actions : tuple of CorporateAction
        The same splits as clause (3) actions (record date derived from the settlement cycle).
    report : ImportReport
    """

    dates: tuple[dt.date, ...]
    closes: tuple[float, ...]
    adjusted: bool
    splits: tuple[tuple[dt.date, float], ...]
    corporate_actions: tuple[CorporateAction, ...]
    report: ImportReport


def window_of(window: tuple[object, object] | None) -> tuple[dt.date, dt.date] | None:
    """A (start, end) window as dates, or None."""
    if window is None:
        return None
    return (as_date(window[0], field="window start"), as_date(window[1], field="window end"))


def finish(
    *,
    files: Sequence[str],
    read_as: Text,
    rows_read: int,
    dates: Sequence[dt.date],
    closes: Sequence[float],
    adjusted: bool,
    basis: Text,
    rejected: Iterable[Rejected],
    notes: Iterable[Text],
    window: tuple[object, object] | None,
    actions: Iterable[CorporateAction] | None,
    factor_splits: Sequence[tuple[dt.date, float, Text, dt.date | None]] = (),
    corporate_actions: Sequence[CorporateAction] = (),
) -> PriceHistory:
    """Run the checks on increasing ``dates`` / ``closes`` and build the history and report.

    ``factor_splits`` are (ex-rights date, ratio, description, derived record business day)
    from an adjustment factor; jumps in the closes not explained by one are added as suspected
    splits. Each is checked against ``actions`` (the corporate-action table) when given.
    """
    table = tuple(actions) if actions is not None else None
    days = tuple(dates)
    span = window_of(window)
    missing, non_trading = trading_day_checks(days, window=span)
    found: list[FoundSplit] = []
    explained = set()
    for day, ratio, source, record in factor_splits:
        explained.add(day)
        matched = None
        if table is not None:
            matched = match_action(date=day, ratio=ratio, actions=table)
            if matched is None and record is not None:
                matched = match_action(date=record, ratio=ratio, actions=table)
        found.append(
            FoundSplit(
                date=day, ratio=ratio, source=source, matched=matched, table_given=table is not None
            )
        )
    for day, ratio, source in find_jumps(days, closes):
        if day in explained:
            continue
        matched = None if table is None else match_action(date=day, ratio=ratio, actions=table)
        found.append(
            FoundSplit(
                date=day,
                ratio=ratio,
                source=source,
                matched=matched,
                table_given=table is not None,
            )
        )
    found.sort(key=lambda s: s.date)
    report = ImportReport(
        kind="prices",
        files=tuple(files),
        read_as=read_as,
        rows_read=rows_read,
        rows_used=len(days),
        first_date=days[0] if days else None,
        last_date=days[-1] if days else None,
        rejected=tuple(rejected),
        basis=basis,
        window=span,
        missing_trading_days=missing,
        non_trading_closes=non_trading,
        splits=tuple(found),
        notes=tuple(notes),
    )
    return PriceHistory(
        dates=days,
        closes=tuple(closes),
        adjusted=adjusted,
        splits=tuple((d, r) for d, r, _s, _b in factor_splits) if not adjusted else (),
        corporate_actions=tuple(corporate_actions),
        report=report,
    )
