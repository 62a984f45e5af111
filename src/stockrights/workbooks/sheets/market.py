"""The ``market`` sheet: S, sigma, r and q, each derived from data, known, and used (clause 12).

Each input has one row: the value derived from the data sheets (blank without data), a cell for
a value the user already has (a valuer's report, a quoted yield) with its source, the value used
(the known one if entered, else the derived one) and the difference when both exist. Below: how
the derived values are obtained, the base prices and the chart of the weekly closes with the
window marked. The price series changes share basis on each action's ex-rights date from the
one table of corporate actions (``CorporateActions``, adjustments sheet).
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.chart import Reference, ScatterChart, Series
from openpyxl.worksheet.formula import ArrayFormula

from stockrights.example import DIVIDEND_RECORD_DATE, example_market_inputs, seventh_series_terms
from stockrights.prices import PriceSource
from stockrights.volatility import Frequency
from stockrights.workbooks import layout
from stockrights.workbooks.sheets.base import (
    DATE,
    PERCENT,
    PERCENT_3,
    TOP,
    WHOLE,
    WRAP,
    YEN_2,
    Context,
    Sheet,
    if_blank,
    ref,
)

__all__ = ["build_market"]


_NO_PRICES = "COUNT(PriceDates)=0"


def _derived_formulas() -> dict[str, str]:
    """The derived value of each input: blank while its data or inputs are missing."""
    closes = f"AND({_NO_PRICES},COUNT(BasePrices)=0)"
    return {
        "SharePrice": f'=IF(OR({closes},ValuationDate=""),"",'
        "SAR_SHARE_PRICE(PriceDates,PriceCloses,ValuationDate,BasePrices))",
        "Volatility": f'=IF(OR({_NO_PRICES},VolWindowStart="",VolWindowEnd=""),"",'
        "SAR_HIST_VOL(PriceDates,PriceCloses,VolWindowStart,VolWindowEnd,VolFrequency,"
        "CorporateActions))",
        "RiskFreeRate": '=IF(OR(COUNT(RateYields)=0,TermYears=""),"",'
        "SAR_JGB_RATE(RateTenors,RateYields,TermYears))",
        "DividendYield": if_blank(
            ("DividendPerShare", "SharePrice"), "SAR_DIVIDEND_YIELD(DividendPerShare,SharePrice)"
        ),
    }


def build_market(wb: Workbook, ctx: Context) -> None:
    """Write the ``market`` sheet into ``wb``."""
    w = ctx.words
    s = Sheet(
        wb,
        layout.MARKET,
        ctx,
        widths={"A": 34, "B": 16, "C": 16, "D": 30, "E": 16, "F": 14, "G": 10, "J": 12, "K": 12},
    )
    s.title(
        w.text("title.market"),
        w.text("banner.market_example" if ctx.example else "banner.market_blank"),
        across="G",
    )
    s.header(
        layout.HEADER_ROW,
        w.texts(
            "head.item",
            "head.derived",
            "head.known",
            "head.known_source",
            "head.used",
            "head.difference",
            "head.unit",
        ),
    )
    inputs = (
        ("SharePrice", "share_price", "unit.yen_per_share", YEN_2, "positive"),
        ("Volatility", "volatility", "unit.per_year", PERCENT, "volatility"),
        ("RiskFreeRate", "risk_free_rate", "unit.per_year", PERCENT_3, "rate"),
        ("DividendYield", "dividend_yield", "unit.per_year", PERCENT, "non_negative"),
    )
    derived = _derived_formulas()
    for name, term, unit, fmt, rule in inputs:
        row = layout.MARKET_INPUT_ROWS[name]
        s.put(f"A{row}", w.term(term)).alignment = TOP
        s.put(f"B{row}", derived[name], fmt)
        s.put(f"C{row}", None, fmt)
        s.make_input(f"C{row}", rule, w.text("note.known_value"))
        s.put(f"D{row}", None).alignment = WRAP
        s.make_input(f"D{row}", None)
        s.put(f"E{row}", f'=IF(C{row}<>"",C{row},B{row})', fmt)
        s.mark_result(f"E{row}")
        s.put(f"F{row}", f'=IF(OR(C{row}="",B{row}=""),"",C{row}-B{row})', fmt)
        s.put(f"G{row}", w.unit(unit))
    _derivation(s, ctx)
    _base_prices(s, ctx)
    _window_chart(s)
    last = int(layout.CHART_ANCHOR[1:]) + layout.CHART_ROWS
    s.finish(f"A1:G{last}")


def _derivation(s: Sheet, ctx: Context) -> None:
    m = example_market_inputs()
    w = s.w
    s.section(layout.DERIVATION_SECTION_ROW, w.text("section.derivation"))
    s.header(
        layout.DERIVATION_HEADER_ROW, w.texts("head.item", "head.value", "head.unit", "head.how")
    )
    for row in (layout.DERIVATION_HEADER_ROW, *layout.MARKET_ROWS.values()):
        s.ws.merge_cells(f"D{row}:G{row}")
    r = layout.MARKET_ROWS
    s.line(r["ValuationDate"], w.term("valuation_date"), ref("AllotmentDate"), fmt=DATE,
           note=w.text("note.valuation_date"))  # fmt: skip
    detail_row = int(layout.SHARE_PRICE_DETAIL.first[1:])
    s.put(f"A{detail_row}", w.text("label.share_price_detail")).alignment = TOP
    s.array(
        layout.SHARE_PRICE_DETAIL,
        '=IF(SharePriceDerived="","",'
        "SAR_SHARE_PRICE(PriceDates,PriceCloses,ValuationDate,BasePrices,,TRUE))",
        (YEN_2, None, DATE),
    )
    source = f"C{detail_row}"
    s.put(f"E{detail_row}", w.code_words(source, PriceSource)).alignment = WRAP
    s.ws.merge_cells(f"E{detail_row}:G{detail_row}")
    s.line(r["VolWindowEnd"], w.text("label.vol_window_end"), ref("ValuationDate"), fmt=DATE,
           note=w.text("note.vol_window_end"))  # fmt: skip
    s.line(
        r["VolFrequency"],
        w.text("label.vol_frequency"),
        Frequency.WEEKLY.value,
        note=w.text("note.vol_frequency"),
    )
    s.put(
        f"C{r['VolFrequency']}", w.code_words(f"B{r['VolFrequency']}", Frequency)
    ).alignment = WRAP
    s.formula_chars["C"] = 26
    s.make_input(f"B{r['VolFrequency']}", "frequency", w.clause_note(w.text("note.vol_frequency")))
    weekly_head = f"{layout.WEEKLY}!{layout.WEEKLY_TABLE.first}"
    weekly_dates = f"{layout.WEEKLY}!A5:A{layout.WEEKLY_TABLE.rows()[-1]}"
    s.line(
        r["VolObservations"],
        w.text("label.vol_observations"),
        f'=IF(ISERROR({weekly_head}),{weekly_head},IF({weekly_head}="","",COUNT({weekly_dates})))',
        unit=w.unit("unit.weeks"),
        fmt=WHOLE,
        note=w.text("note.vol_observations"),
    )
    s.line(
        r["DividendDeclared"],
        w.text("label.dividend_declared"),
        ctx.pick(m.dividend_per_share),
        unit=w.unit("unit.yen_per_share"),
        fmt=YEN_2,
        note=w.text("note.dividend_declared_example" if ctx.example else "note.dividend_declared"),
    )
    s.make_input(
        f"B{r['DividendDeclared']}", "non_negative", w.clause_note(w.text("note.dividend_declared"))
    )
    s.line(
        r["DividendRecordDate"],
        w.text("label.dividend_record_date"),
        ctx.pick(DIVIDEND_RECORD_DATE),
        fmt=DATE,
        note=w.text("note.dividend_record_date"),
    )
    s.make_input(
        f"B{r['DividendRecordDate']}", "date", w.clause_note(w.text("note.dividend_record_date"))
    )
    s.line(
        r["DividendPerShare"],
        w.term("dividend_per_share"),
        if_blank(
            ("DividendDeclared", "DividendRecordDate", "ValuationDate"),
            "SAR_RESTATED_DIVIDEND(DividendDeclared,DividendRecordDate,CorporateActions,"
            "ValuationDate)",
        ),
        unit=w.unit("unit.yen_per_share"),
        fmt=YEN_2,
        note=w.text("note.dividend_restated"),
    )


def _base_prices(s: Sheet, ctx: Context) -> None:
    w = s.w
    s.section(layout.BASE_PRICE_SECTION_ROW, w.text("section.base_prices"))
    s.header(layout.BASE_PRICE_SECTION_ROW + 1, w.texts("head.trading_day", "head.base_price"))
    base_rows = list(layout.BASE_PRICE_TABLE.rows())
    for row in base_rows:
        s.put(f"A{row}", None, DATE)
        s.put(f"B{row}", None, YEN_2)
    if ctx.example:
        allotment = seventh_series_terms().allotment_date
        after = next((d, p) for d, p in ctx.prices if d > allotment)
        before = next(p for d, p in ctx.prices if d == allotment)
        s.put(f"A{base_rows[0]}", after[0], DATE)
        s.put(f"B{base_rows[0]}", before, YEN_2)
        s.put(f"C{base_rows[0]}", w.text("note.base_price_example"))
    for row in base_rows:  # the note column spans C:G, as the derivation's notes do
        s.ws.merge_cells(f"C{row}:G{row}")
    s.input_range(f"A{base_rows[0]}:A{base_rows[-1]}", "date")
    s.input_range(f"B{base_rows[0]}:B{base_rows[-1]}", "positive")


def _window_chart(s: Sheet) -> None:
    """The weekly closes behind sigma, with two vertical lines at the ends of the window."""
    w = s.w
    marks = layout.WINDOW_MARKS
    top, bottom = marks.rows()[0], marks.rows()[-1]
    x_start, x_end, y = marks.first[0], chr(ord(marks.first[0]) + 1), marks.last[0]
    s.put(f"{x_start}{top - 1}", w.text("chart.window_start"))
    s.put(f"{x_end}{top - 1}", w.text("chart.window_end"))
    s.put(f"{y}{top - 1}", "y")
    for row in (top, bottom):
        s.put(f"{x_start}{row}", ref("VolWindowStart"), DATE)
        s.put(f"{x_end}{row}", ref("VolWindowEnd"), DATE)
    s.put(f"{y}{top}", 0, WHOLE)
    last = layout.WEEKLY_TABLE.rows()[-1]
    head = f"{layout.WEEKLY}!{layout.WEEKLY_TABLE.first}"
    closes = f"{layout.WEEKLY}!C5:C{last}"
    s.ws[f"{y}{bottom}"] = ArrayFormula(
        f"{y}{bottom}",
        f'=IF(ISERROR({head}),{head},IF({head}="","",MAX(IF(ISNUMBER({closes}),{closes},0))*1.05))',
    )
    s.ws[f"{y}{bottom}"].number_format = WHOLE

    chart = ScatterChart()
    chart.title = w.text("chart.title")
    chart.style = 2
    chart.height, chart.width = 10.0, 24.0
    chart.x_axis.title = w.text("chart.x_axis")
    chart.y_axis.title = w.text("chart.y_axis")
    chart.x_axis.number_format = "yyyy"
    chart.x_axis.majorGridlines = None
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend.position = "b"
    xs = Reference(range_string=f"'{layout.WEEKLY}'!$A$5:$A${last}")
    ys = Reference(range_string=f"'{layout.WEEKLY}'!$C$5:$C${last}")
    series = Series(ys, xs, title=w.text("chart.series"))
    series.marker.symbol = "none"
    series.smooth = False
    series.graphicalProperties.line.width = 12700
    chart.series.append(series)
    y_col = ord(y) - ord("A") + 1
    for col, label in (
        (ord(x_start) - 64, "chart.window_start"),
        (ord(x_end) - 64, "chart.window_end"),
    ):
        line = Series(
            Reference(s.ws, min_col=y_col, min_row=top, max_row=bottom),
            Reference(s.ws, min_col=col, min_row=top, max_row=bottom),
            title=w.text(label),
        )
        line.marker.symbol = "none"
        line.smooth = False
        line.graphicalProperties.line.solidFill = "C00000"
        line.graphicalProperties.line.dashStyle = "dash"
        chart.series.append(line)
    s.ws.add_chart(chart, layout.CHART_ANCHOR)
