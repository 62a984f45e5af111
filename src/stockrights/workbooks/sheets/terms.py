"""The ``terms`` sheet: the resolution's terms, one input per row, and the allotment table."""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook

from stockrights.example import VOLATILITY_WINDOW_START, seventh_series_terms
from stockrights.rounding import Rounding
from stockrights.workbooks import layout
from stockrights.workbooks.sheets.base import DATE, WHOLE, WRAP, YEN, Context, Sheet

__all__ = ["build_terms"]


def build_terms(wb: Workbook, ctx: Context) -> None:
    """Write the ``terms`` sheet into ``wb``."""
    t = seventh_series_terms()
    w = ctx.words
    s = Sheet(wb, layout.TERMS, ctx, widths={"A": 40, "B": 26, "C": 22, "D": 56})
    s.title(w.text("title.terms"), w.text("banner.example" if ctx.example else "banner.blank"))
    s.header(layout.HEADER_ROW, w.texts("head.item", "head.value", "head.unit", "head.clause"))
    rows = layout.TERMS_ROWS
    items: list[tuple[str, str, Any, str, str | None, str, str]] = [
        # name, glossary term, example value, unit, format, rule, note
        ("SeriesName", "series_name", t.series_name, "", None, "", "note.series_name"),
        ("MaximumRights", "maximum_rights", t.maximum_rights, "unit.rights", WHOLE,
         "count_positive", "note.maximum_rights"),
        ("BaseSharesPerRight", "shares_per_right_at_allotment", t.shares_per_right,
         "unit.shares", WHOLE, "count_positive", "note.base_shares"),
        ("ExercisePrice", "exercise_price", t.exercise_price, "unit.yen_per_share", YEN,
         "positive", "note.exercise_price"),
        ("ExercisePeriodStart", "exercise_period_start", t.exercise_period_start, "", DATE,
         "date", "note.exercise_period"),
        ("ExercisePeriodEnd", "exercise_period_end", t.exercise_period_end, "", DATE, "date",
         "note.exercise_period"),
        ("TermYears", "term_years", t.term_years, "unit.years", "0.00", "positive",
         "note.term_years"),
        ("VolWindowStart", "volatility_window_start", VOLATILITY_WINDOW_START, "", DATE, "date",
         "note.vol_window_start"),
        ("AllotmentDate", "allotment_date", t.allotment_date, "", DATE, "date",
         "note.allotment_date"),
        ("PaymentDate", "payment_date", t.allotment_date, "", DATE, "date", "note.payment_date"),
        ("RoundingMode", "rounding", t.rounding.value, "", None, "rounding", "note.rounding"),
    ]  # fmt: skip
    for name, term, value, unit, fmt, rule, note in items:
        row = rows[name]
        default = Rounding.PER_RIGHT_UP.value if name == "RoundingMode" else None
        text = w.text(note)
        s.line(row, w.term(term), ctx.pick(value, default), unit=w.unit(unit), note=text, fmt=fmt)
        s.make_input(f"B{row}", rule or None, w.clause_note(text))
    rounding = f"B{rows['RoundingMode']}"
    s.put(f"C{rows['RoundingMode']}", w.code_words(rounding, Rounding)).alignment = WRAP
    s.formula_chars["C"] = 30
    s.section(layout.ALLOTMENT_SECTION_ROW, w.text("section.allotment"))
    s.header(
        layout.ALLOTMENT_HEADER_ROW,
        (w.text("head.category"), w.term("persons"), w.term("rights"), w.text("head.clause")),
    )
    allotments = list(t.allotments) if ctx.example else []
    for i, row in enumerate(layout.ALLOTMENT_ROWS):
        if i < len(allotments):
            a = allotments[i]
            s.put(f"A{row}", w.category(a.category))
            s.put(f"B{row}", a.persons, WHOLE)
            s.put(f"C{row}", a.rights, WHOLE)
        else:
            s.put(f"B{row}", None, WHOLE)
            s.put(f"C{row}", None, WHOLE)
    first, last = layout.ALLOTMENT_ROWS[0], layout.ALLOTMENT_ROWS[-1]
    s.input_range(f"A{first}:A{last}", None)
    s.input_range(f"B{first}:C{last}", "count")
    s.note(f"A{first}", w.clause_note(w.text("note.allotment")))
    total = layout.ALLOTMENT_TOTAL_ROW
    s.put(f"A{total}", w.text("total"), font=s.bold)
    # blank, not 0, until a row is filled
    rights = f"C{first}:C{last}"
    s.put(f"B{total}", f'=IF(COUNT({rights})=0,"",SUM(B{first}:B{last}))', WHOLE, font=s.bold)
    s.put(f"C{total}", f'=IF(COUNT({rights})=0,"",SUM({rights}))', WHOLE, font=s.bold)
    s.put(f"D{total}", w.text("note.allotment_total")).alignment = WRAP
    s.ws[f"B{rows['SeriesName']}"].alignment = WRAP
    s.finish(f"A1:D{total}")
