"""The data sheets: ``weekly`` (the observations behind sigma), ``prices`` and ``rates``.

They are out of the workbook's default print area (their print area is their title block);
the importers write the prices and rates sheets at the positions of
:mod:`stockrights.workbooks.layout`.
"""

from __future__ import annotations

from openpyxl import Workbook

from stockrights.workbooks import example_data as data
from stockrights.workbooks import layout
from stockrights.workbooks.sheets.base import DATE, PERCENT_3, WRAP, YEN_2, Context, Sheet

__all__ = ["build_prices", "build_rates", "build_weekly"]


def build_weekly(wb: Workbook, ctx: Context) -> None:
    """Write the ``weekly`` sheet: ``SAR_VOL_OBSERVATIONS`` over the prices sheet."""
    w = ctx.words
    s = Sheet(wb, layout.WEEKLY, ctx, widths={"A": 13, "B": 14, "C": 16, "D": 12})
    s.title(
        w.text("title.weekly"),
        w.text("banner.weekly_example" if ctx.example else "banner.weekly"),
    )
    s.array(
        layout.WEEKLY_TABLE,
        '=IF(OR(COUNT(PriceDates)=0,VolWindowStart="",VolWindowEnd=""),"",'
        "SAR_VOL_OBSERVATIONS(PriceDates,PriceCloses,VolWindowStart,VolWindowEnd,"
        "VolFrequency,CorporateActions))",
        (DATE, YEN_2, YEN_2, "0.000000"),
        header=True,
    )
    # its print area is the title block, four narrow columns: the long title wraps inside it
    s.ws.merge_cells(f"A{layout.TITLE_ROW}:D{layout.TITLE_ROW}")
    s.ws[f"A{layout.TITLE_ROW}"].alignment = WRAP
    s.ws.row_dimensions[layout.TITLE_ROW].height = 40
    s.finish(f"A1:D{layout.BANNER_ROW}", freeze="A5", title_rows="1:4")


def build_prices(wb: Workbook, ctx: Context) -> None:
    """Write the ``prices`` sheet: daily closes as traded, oldest first."""
    w = ctx.words
    s = Sheet(wb, layout.PRICES, ctx, widths={"A": 13, "B": 16, "C": 4, "D": 50})
    s.title(
        w.text("title.prices"),
        w.text("banner.prices_example" if ctx.example else "banner.prices"),
    )
    s.header(layout.PRICE_HEADER_ROW, w.texts("head.date", "head.close"))
    first = layout.PRICE_FIRST_ROW
    dates, closes = layout.PRICE_DATE_COLUMN, layout.PRICE_CLOSE_COLUMN
    for i, (day, close) in enumerate(ctx.prices):
        s.put(f"{dates}{first + i}", day, DATE)
        s.put(f"{closes}{first + i}", close, YEN_2)
    s.note(f"{dates}{first}", w.text("note.prices"))
    last = first + max(len(ctx.prices), 1) - 1
    s.input_range(f"{dates}{first}:{closes}{last}", None)
    s.finish(f"A1:D{layout.BANNER_ROW}", freeze=f"A{first}")


def build_rates(wb: Workbook, ctx: Context) -> None:
    """Write the ``rates`` sheet: JGB yields by tenor."""
    w = ctx.words
    s = Sheet(wb, layout.RATES, ctx, widths={"A": 14, "B": 14, "C": 4, "D": 60})
    s.title(
        w.text("title.rates"), w.text("banner.rates_example" if ctx.example else "banner.rates")
    )
    s.header(layout.RATE_HEADER_ROW, w.texts("head.tenor", "head.yield"))
    curve = data.example_curve() if ctx.example else ()
    tenors, yields = layout.RATE_TENOR_COLUMN, layout.RATE_YIELD_COLUMN
    rows = list(layout.RATE_TENORS.rows())
    for i, row in enumerate(rows):
        tenor, value = curve[i] if i < len(curve) else (None, None)
        s.put(f"{tenors}{row}", tenor, "0.##")
        s.put(f"{yields}{row}", value, PERCENT_3)
    s.input_range(f"{tenors}{rows[0]}:{tenors}{rows[-1]}", "positive")
    s.input_range(f"{yields}{rows[0]}:{yields}{rows[-1]}", "rate")
    s.put(layout.RATE_NOTE_CELL, w.text("note.rates")).alignment = WRAP
    s.finish(f"A1:D{layout.BANNER_ROW}")
