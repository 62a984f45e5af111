"""The ``valuation`` sheet: C, the amount per right, totals by category, every step, Greeks."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.formatting.rule import Rule
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.styles.numbers import NumberFormat

from stockrights.glossary import Lang
from stockrights.rounding import Rounding
from stockrights.workbooks import layout
from stockrights.workbooks.catalogue import SAR_LABELS
from stockrights.workbooks.sheets.base import (
    DATE,
    PERCENT,
    PERCENT_3,
    WHOLE,
    YEN,
    YEN_2,
    YEN_4,
    YEN_EXACT,
    Context,
    Sheet,
    if_blank,
    ref,
)

__all__ = ["PRICE_INPUTS", "build_valuation"]

PRICE_INPUTS = (
    "SharePrice",
    "ExercisePrice",
    "TermYears",
    "Volatility",
    "RiskFreeRate",
    "DividendYield",
)
"""The named inputs of SAR_BS_PRICE, in its order."""
_DATE_FORMAT_ID = 200  # a custom number format id for the conditional date format (>= 164)
_ARGS = ",".join(PRICE_INPUTS)
_RIGHT_INPUTS = (*PRICE_INPUTS, "BaseSharesPerRight", "RoundingMode")
_MARKET_INPUTS = ("SharePrice", "Volatility", "RiskFreeRate", "DividendYield")


def _entered_source(name: str) -> str:
    """The source of a typed input (blank when derived), as SAR_EXPLAIN's ``*_source`` wants."""
    source = f"{name}KnownSource"
    return f'IF({name}Known="","",IF({source}="","(source not stated)",{source}))'


_EXPLAIN_DATA = (
    "ValuationDate",
    "VolWindowStart",
    "PriceDates",
    "PriceCloses",
    "CorporateActions",
    "BasePrices",
    "RateTenors",
    "RateYields",
    "DividendDeclared",
    "DividendRecordDate",
    "VolFrequency",
    *(_entered_source(name) for name in _MARKET_INPUTS),
)
"""SAR_EXPLAIN's data arguments, in its order: with them it traces S, sigma, r and q to the data
(the market sheet's derived values); an input typed in the known column is passed with its
source and listed as "entered: <source>" (a typed figure has no data)."""


def build_valuation(wb: Workbook, ctx: Context) -> None:
    """Write the ``valuation`` sheet into ``wb``."""
    w = ctx.words
    s = Sheet(wb, layout.VALUATION, ctx, widths={"A": 36, "B": 20, "C": 14, "D": 18, "E": 36})
    s.title(w.text("title.valuation"), w.text("banner.not_valuation") if ctx.example else "",
            across="E")  # fmt: skip
    s.header(layout.HEADER_ROW, w.texts("head.item", "head.value", "head.unit", "head.formula"))
    inputs = [
        ("share_price", ref("SharePrice"), "unit.yen_per_share", YEN_2),
        ("exercise_price", ref("ExercisePrice"), "unit.yen_per_share", YEN_2),
        ("term_years", ref("TermYears"), "unit.years", "0.00"),
        ("volatility", ref("Volatility"), "unit.per_year", PERCENT),
        ("risk_free_rate", ref("RiskFreeRate"), "unit.per_year", PERCENT_3),
        ("dividend_yield", ref("DividendYield"), "unit.per_year", PERCENT),
        ("shares_per_right", ref("BaseSharesPerRight"), "unit.shares", WHOLE),
        ("rounding", ref("RoundingMode"), "", None),
    ]
    for row, (term, formula, unit, fmt) in zip(layout.VALUATION_INPUT_ROWS, inputs, strict=True):
        s.line(row, w.term(term), formula, unit=w.unit(unit), fmt=fmt)
    rounding_row = layout.VALUATION_INPUT_ROWS[-1]
    s.put(f"D{rounding_row}", w.code_words("RoundingMode", Rounding))
    r = layout.VALUATION_ROWS
    s.line(
        r["OptionPrice"],
        w.term("option_price_per_share"),
        if_blank(PRICE_INPUTS, f"SAR_BS_PRICE({_ARGS})"),
        unit=w.unit("unit.yen_per_share"),
        fmt=YEN_4,
        result=True,
        note=w.text("note.option_price"),
    )
    s.line(
        r["PerRightAmount"],
        w.term("per_right_amount"),
        if_blank(
            ("OptionPrice", "BaseSharesPerRight", "RoundingMode"),
            "SAR_RIGHT_AMOUNT(OptionPrice,BaseSharesPerRight,RoundingMode)",
        ),
        unit=w.unit("unit.yen_per_right"),
        fmt=YEN,
        result=True,
        note=w.text("note.per_right_amount"),
    )
    s.line(
        r["FairValuePerShare"],
        w.term("fair_value_per_share"),
        if_blank(("PerRightAmount",), "PerRightAmount/BaseSharesPerRight"),
        unit=w.unit("unit.yen_per_share"),
        fmt=YEN_EXACT,
        note=w.text("note.fair_value_per_share"),
    )
    for row in range(layout.HEADER_ROW, layout.VALUATION_ROWS["FairValuePerShare"] + 1):
        s.ws.merge_cells(f"D{row}:E{row}")
    _totals(s)
    s.section(layout.EXPLAIN_SECTION_ROW, w.text("section.explain"))
    s.array(
        layout.EXPLAIN_TABLE,
        if_blank(
            _RIGHT_INPUTS,
            f"SAR_EXPLAIN({_ARGS},BaseSharesPerRight,RoundingMode,TRUE,{','.join(_EXPLAIN_DATA)}"
            f"{w.language_argument()})",
        ),
        (None, "#,##0.############", None, None),
    )
    _date_lines(s)
    s.section(layout.GREEKS_SECTION_ROW, w.text("section.greeks"))
    s.array(
        layout.GREEKS_TABLE,
        if_blank(PRICE_INPUTS, f"SAR_GREEKS({_ARGS})"),
        (None, "General"),
    )
    last_column = "E"
    if ctx.lang is Lang.JA:  # the add-in's tables speak English: the Japanese beside them
        last_column = "F"  # after the steps' notes (D, running into E)
        s.ws.column_dimensions["F"].width = 40
        table = layout.SAR_LABEL_TABLE.absolute
        for row in layout.EXPLAIN_TABLE.rows():
            s.put(f"F{row}", w.sar_label_words(f"A{row}", table))
        for row in layout.GREEKS_TABLE.rows():
            s.put(f"C{row}", w.sar_label_words(f"A{row}", table))
        _label_table(s)
    s.finish(f"A1:{last_column}{layout.GREEKS_TABLE.rows()[-1]}")


_DATE_LINES = ("S: date of the figure", "sigma: first observation", "sigma: last observation")
"""The explain lines whose value is a date (the add-in hands Excel a serial number)."""


def _date_lines(s: Sheet) -> None:
    """Show the explain table's date values as dates, wherever the chain puts them."""
    rows = layout.EXPLAIN_TABLE.rows()
    column = f"B{rows[0]}:B{rows[-1]}"
    test = ",".join(f'$A{rows[0]}="{label}"' for label in _DATE_LINES)
    style = DifferentialStyle(numFmt=NumberFormat(numFmtId=_DATE_FORMAT_ID, formatCode=DATE))
    s.ws.conditional_formatting.add(
        column, Rule(type="expression", formula=[f"OR({test})"], dxf=style)
    )


def _label_table(s: Sheet) -> None:
    """The add-in's English labels and their Japanese, in hidden columns out of the print area."""
    first_row = layout.SAR_LABEL_TABLE.rows()[0]
    capacity = len(layout.SAR_LABEL_TABLE.rows())
    if len(SAR_LABELS) > capacity:
        raise ValueError(f"SAR_LABELS must fit {capacity} rows, got {len(SAR_LABELS)}")
    english_col = layout.SAR_LABEL_TABLE.first[0]
    japanese_col = layout.SAR_LABEL_TABLE.last[0]
    for i, (english, japanese) in enumerate(SAR_LABELS.items()):
        s.put(f"{english_col}{first_row + i}", english)
        s.put(f"{japanese_col}{first_row + i}", japanese)
    for column in (english_col, japanese_col):
        s.ws.column_dimensions[column].hidden = True


def _totals(s: Sheet) -> None:
    w = s.w
    s.section(layout.VALUATION_CATEGORY_SECTION_ROW, w.text("section.totals"))
    s.header(
        layout.VALUATION_CATEGORY_HEADER_ROW,
        (
            w.text("head.category"),
            w.term("persons"),
            w.term("rights"),
            w.text("head.shares"),
            w.text("head.amount"),
        ),
    )
    src = f"{layout.TERMS}!"
    for row, source in zip(layout.VALUATION_CATEGORY_ROWS, layout.ALLOTMENT_ROWS, strict=True):
        s.put(f"A{row}", f'=IF({src}A{source}="","",{src}A{source})')
        s.put(f"B{row}", f'=IF($A{row}="","",{src}B{source})', WHOLE)
        s.put(f"C{row}", f'=IF($A{row}="","",{src}C{source})', WHOLE)
        s.put(
            f"D{row}",
            f'=IF(OR($A{row}="",BaseSharesPerRight=""),"",C{row}*BaseSharesPerRight)',
            WHOLE,
        )
        s.put(f"E{row}", f'=IF(OR($A{row}="",PerRightAmount=""),"",C{row}*PerRightAmount)', YEN)
    first, last = layout.VALUATION_CATEGORY_ROWS[0], layout.VALUATION_CATEGORY_ROWS[-1]
    total = layout.VALUATION_TOTAL_ROW
    s.put(f"A{total}", w.text("total"), font=s.bold)
    s.put(f"B{total}", ref("TotalPersons"), WHOLE, font=s.bold)
    s.put(f"C{total}", ref("TotalRights"), WHOLE, font=s.bold)
    s.put(f"D{total}", f'=IF(TotalRights="","",SUM(D{first}:D{last}))', WHOLE, font=s.bold)
    s.put(f"E{total}", f'=IF(TotalRights="","",SUM(E{first}:E{last}))', YEN, font=s.bold)
    s.mark_result(f"E{total}")
    s.put(f"A{layout.VALUATION_MAXIMUM_ROW}", w.text("label.maximum_check"))
    s.put(f"C{layout.VALUATION_MAXIMUM_ROW}", ref("MaximumRights"), WHOLE)
    s.put(f"A{layout.VALUATION_CHECK_ROW}", w.text("label.within_maximum"))
    s.put(
        f"C{layout.VALUATION_CHECK_ROW}",
        f'=IF(OR(TotalRights="",MaximumRights=""),"",IF(TotalRights<=MaximumRights,'
        f'"{w.text("answer.yes")}","{w.text("answer.over_maximum")}"))',
        font=s.bold,
    )
