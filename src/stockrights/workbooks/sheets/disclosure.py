"""The ``disclosure`` sheet: the securities report's note (ストック・オプション等関係)."""

from __future__ import annotations

from openpyxl import Workbook

from stockrights.workbooks import layout
from stockrights.workbooks.sheets.base import (
    PERCENT,
    PERCENT_3,
    YEN,
    YEN_2,
    YEN_EXACT,
    Context,
    Sheet,
    if_blank,
    ref,
)

__all__ = ["build_disclosure"]


def build_disclosure(wb: Workbook, ctx: Context) -> None:
    """Write the ``disclosure`` sheet into ``wb``."""
    w = ctx.words
    s = Sheet(wb, layout.DISCLOSURE, ctx, widths={"A": 44, "B": 18, "C": 12, "D": 50})
    s.title(w.text("title.disclosure"), w.text("banner.not_disclosure") if ctx.example else "")
    s.header(layout.HEADER_ROW, w.texts("head.item", "head.value", "head.unit", "head.source"))
    r = layout.DISCLOSURE_ROWS
    lines = [
        ("volatility", "volatility", ref("Volatility"), "", PERCENT, "source.market_vol"),
        ("term_years", "term_years", ref("TermYears"), "unit.years", "0.0", "source.terms_term"),
        ("expected_dividend", "dividend_per_share", ref("DividendPerShare"), "unit.yen_per_share",
         YEN_2, "source.market_dividend"),
        ("risk_free_rate", "risk_free_rate", ref("RiskFreeRate"), "", PERCENT_3,
         "source.market_rate"),
        ("fair_value_per_share", "fair_value_per_share", ref("FairValuePerShare"),
         "unit.yen_per_share", YEN_EXACT, "source.valuation"),
        ("fair_value_per_right", "fair_value_per_right", ref("PerRightAmount"),
         "unit.yen_per_right", YEN, "source.valuation_right"),
        ("issue_price_per_share", "issue_price_per_share",
         if_blank(("FairValuePerShare",), "ExercisePrice+FairValuePerShare"),
         "unit.yen_per_share", YEN_EXACT, "source.issue_price"),
    ]  # fmt: skip
    for name, term, formula, unit, fmt, note in lines:
        s.line(r[name], w.term(term), formula, unit=w.unit(unit), fmt=fmt, note=w.text(note),
               result=True)  # fmt: skip
    s.finish(f"A1:D{r['issue_price_per_share']}")
