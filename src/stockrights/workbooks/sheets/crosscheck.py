"""The ``crosscheck`` sheet: the price with native Excel functions only, beside the add-in's."""

from __future__ import annotations

from openpyxl import Workbook

from stockrights.workbooks import layout
from stockrights.workbooks.sheets.base import (
    DECIMAL,
    PERCENT,
    PERCENT_3,
    WHOLE,
    YEN,
    YEN_2,
    YEN_4,
    Context,
    Sheet,
    ref,
)

__all__ = ["build_crosscheck"]

_PRECISE = "0.000000000000"


def build_crosscheck(wb: Workbook, ctx: Context) -> None:
    """Write the ``crosscheck`` sheet into ``wb``."""
    w = ctx.words
    s = Sheet(wb, layout.CROSSCHECK, ctx, widths={"A": 40, "B": 22, "C": 14, "D": 56})
    s.title(w.text("title.crosscheck"), w.text("banner.crosscheck"))
    s.header(layout.HEADER_ROW, w.texts("head.item", "head.value", "head.unit", "head.native"))
    r = layout.CROSSCHECK_ROWS

    def b(name: str) -> str:
        return f"B{r[name]}"

    inputs = [b(n) for n in ("share_price", "exercise_price", "term_years", "volatility",
                             "risk_free_rate", "dividend_yield")]  # fmt: skip
    guard = "OR(" + ",".join(f'{x}=""' for x in inputs) + ")"

    def native(formula: str) -> str:
        """A native formula, marked to be guarded (see below)."""
        return "~" + formula

    ysh, ypr = w.unit("unit.yen_per_share"), w.unit("unit.yen_per_right")
    lines: list[tuple[str, str, str, str, str | None]] = [
        ("share_price", "S", ref("SharePrice"), ysh, YEN_2),
        ("exercise_price", "X", ref("ExercisePrice"), ysh, YEN_2),
        ("term_years", "T", ref("TermYears"), w.unit("unit.years"), "0.00"),
        ("volatility", "sigma", ref("Volatility"), w.unit("unit.per_year"), PERCENT),
        ("risk_free_rate", "r", ref("RiskFreeRate"), w.unit("unit.per_year"), PERCENT_3),
        ("dividend_yield", "q", ref("DividendYield"), w.unit("unit.per_year"), PERCENT),
        ("shares_per_right", w.term("shares_per_right"), ref("BaseSharesPerRight"),
         w.unit("unit.shares"), WHOLE),
        ("rounding", w.term("rounding"), ref("RoundingMode"), "", None),
        ("sqrt_term", "sqrt(T)", native(f"SQRT({b('term_years')})"), "", DECIMAL),
        ("vol_sqrt_term", "sigma sqrt(T)", native(f"{b('volatility')}*{b('sqrt_term')}"), "",
         DECIMAL),
        ("d", "d", native(
            f"(LN({b('share_price')}/{b('exercise_price')})+({b('risk_free_rate')}"
            f"-{b('dividend_yield')}+{b('volatility')}^2/2)*{b('term_years')})"
            f"/{b('vol_sqrt_term')}"), "", DECIMAL),
        ("d_minus", "d - sigma sqrt(T)", native(f"{b('d')}-{b('vol_sqrt_term')}"), "", DECIMAL),
        ("n_d", "N(d)", native(f"_xlfn.NORM.S.DIST({b('d')},TRUE)"), "", _PRECISE),
        ("n_d_minus", "N(d - sigma sqrt(T))", native(f"_xlfn.NORM.S.DIST({b('d_minus')},TRUE)"),
         "", _PRECISE),
        ("dividend_discount", "e^(-qT)",
         native(f"EXP(-{b('dividend_yield')}*{b('term_years')})"), "", _PRECISE),
        ("rate_discount", "e^(-rT)", native(f"EXP(-{b('risk_free_rate')}*{b('term_years')})"),
         "", _PRECISE),
        ("native_price", w.text("label.native_price"), native(
            f"{b('share_price')}*{b('dividend_discount')}*{b('n_d')}"
            f"-{b('exercise_price')}*{b('rate_discount')}*{b('n_d_minus')}"), ysh, YEN_4),
        ("addin_price", w.text("label.addin_price"), ref("OptionPrice"), ysh, YEN_4),
        ("price_difference", w.text("label.difference"),
         native(f"{b('native_price')}-{b('addin_price')}"), ysh, "0.00E+00"),
        ("native_per_right", w.text("label.native_per_right"), native(
            f'IF({b("rounding")}="per_share_up",'
            f"ROUNDUP(ROUND({b('native_price')},6),0)*{b('shares_per_right')},"
            f'IF({b("rounding")}="per_share_half_up",'
            f"ROUND({b('native_price')},0)*{b('shares_per_right')},"
            f"ROUNDUP(ROUND({b('native_price')}*{b('shares_per_right')},6),0)))"), ypr, YEN),
        ("addin_per_right", w.text("label.addin_per_right"), ref("PerRightAmount"), ypr, YEN),
        ("per_right_difference", w.text("label.difference"),
         native(f"{b('native_per_right')}-{b('addin_per_right')}"), ypr, YEN),
        ("status", w.text("label.status"), native(
            f"IF(AND(ABS({b('price_difference')})<=0.000001,{b('per_right_difference')}=0),"
            f'"{w.text("answer.agree")}","{w.text("answer.differ")}")'), "", None),
    ]  # fmt: skip
    for name, label, formula, unit, fmt in lines:
        note = ""
        if formula.startswith("~"):  # blank until the six inputs are there; an error stays one
            note = formula[1:].replace("_xlfn.", "")
            formula = f'=IF({guard},"",{formula[1:]})'
        s.line(r[name], label, formula, unit=unit, fmt=fmt, note=note,
               result=name in ("status", "price_difference", "per_right_difference"))  # fmt: skip
    s.put(f"D{r['native_per_right']}", w.text("note.native_per_right"))
    s.finish(f"A1:D{r['status']}")
