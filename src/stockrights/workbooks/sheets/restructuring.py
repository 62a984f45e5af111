"""The ``restructuring`` sheet: a scenario -> the Restructured Company's rights (clauses 8, 9)."""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook

from stockrights.restructuring import RestructuringKind
from stockrights.workbooks import example_data as data
from stockrights.workbooks import layout
from stockrights.workbooks.sheets.base import (
    DATE,
    LINE_HEIGHT,
    RATIO,
    TOP,
    WHOLE,
    WRAP,
    Context,
    Sheet,
    if_blank,
)

__all__ = ["build_restructuring"]


def build_restructuring(wb: Workbook, ctx: Context) -> None:
    """Write the ``restructuring`` sheet into ``wb``."""
    w = ctx.words
    s = Sheet(wb, layout.RESTRUCTURING, ctx, widths={"A": 44, "B": 62, "C": 10, "D": 50})
    s.title(w.text("title.restructuring"), w.text("banner.restructuring") if ctx.example else "")
    s.header(layout.HEADER_ROW, w.texts("head.item", "head.value", "head.unit", "head.clause"))
    r = layout.RESTRUCTURING_ROWS
    x = data.ILLUSTRATIVE_RESTRUCTURING
    inputs: list[tuple[str, str, Any, str | None, str, str]] = [
        ("RestructuringKind", "label.restructuring_kind", x.kind.value, None,
         "restructuring_kind", "note.restructuring_kind"),
        ("RestructuringEffectiveDate", "effective_date", x.effective_date, DATE, "date",
         "note.restructuring_effective"),
        ("RestructuringApprovedOn", "label.approved_on", x.approved_on, DATE, "date",
         "note.restructuring_approved"),
        ("RestructuringShareRatio", "label.share_ratio", x.share_ratio, RATIO, "positive",
         "note.restructuring_ratio"),
    ]  # fmt: skip
    for name, label, value, fmt, rule, note in inputs:
        text = w.text(note)
        s.line(r[name], w.label(label), ctx.pick(value), fmt=fmt, note=text)
        s.make_input(f"B{r[name]}", rule, w.clause_note(text))
    kind_row = r["RestructuringKind"]
    s.put(f"C{kind_row}", w.code_words(f"B{kind_row}", RestructuringKind)).alignment = WRAP
    s.formula_chars["C"] = 20
    s.line(
        r["RemainingRights"],
        w.text("label.remaining_rights"),
        '=IF(TotalRights="","",IF(ExercisedRights="",TotalRights,TotalRights-ExercisedRights))',
        unit=w.unit("unit.rights"),
        fmt=WHOLE,
        note=w.text("note.remaining_rights"),
    )
    s.line(
        r["SharesPerRightBefore"],
        w.text("label.shares_per_right_before"),
        if_blank(
            ("RestructuringEffectiveDate", "BaseSharesPerRight", "AllotmentDate"),
            "SAR_SHARES_PER_RIGHT(BaseSharesPerRight,CorporateActions,"
            "RestructuringEffectiveDate-1,AllotmentDate)",
        ),
        unit=w.unit("unit.shares"),
        fmt=WHOLE,
        note=w.text("note.shares_per_right_before"),
    )
    s.line(
        r["RestructuringAsOf"],
        w.text("label.acquisition_as_of"),
        ctx.pick(x.as_of),
        fmt=DATE,
        note=w.text("note.acquisition_as_of"),
    )
    s.make_input(
        f"B{r['RestructuringAsOf']}", "date", w.clause_note(w.text("note.acquisition_as_of"))
    )
    s.section(layout.RESTRUCTURED_SECTION_ROW, w.text("section.restructured"))
    s.array(
        layout.RESTRUCTURED_TABLE,
        if_blank(
            ("RestructuringKind", "RestructuringEffectiveDate", "RestructuringShareRatio",
             "RemainingRights", "SharesPerRightBefore"),
            "SAR_RESTRUCTURED(RemainingRights,SharesPerRightBefore,RestructuringKind,"
            "RestructuringEffectiveDate,RestructuringShareRatio,ExercisePeriodStart,"
            f"ExercisePeriodEnd,ExercisePrice{w.language_argument()})",
        ),
        (None, "#,##0.####"),
    )  # fmt: skip
    for row in layout.RESTRUCTURED_TABLE.rows()[-3:-1]:
        s.ws[f"B{row}"].number_format = DATE
    s.ws[f"B{layout.RESTRUCTURED_TABLE.rows()[-1]}"].alignment = WRAP
    s.section(layout.MAY_ACQUIRE_SECTION_ROW, w.text("section.may_acquire"))
    s.array(
        layout.MAY_ACQUIRE_TABLE,
        if_blank(
            ("RestructuringKind", "RestructuringEffectiveDate", "RestructuringAsOf"),
            "SAR_MAY_ACQUIRE(RestructuringKind,RestructuringEffectiveDate,"
            f"RestructuringApprovedOn,RestructuringAsOf{w.language_argument()})",
        ),
    )
    s.ws[f"B{layout.MAY_ACQUIRE_TABLE.rows()[0]}"].alignment = WRAP
    s.ws[f"A{layout.MAY_ACQUIRE_TABLE.rows()[0]}"].alignment = TOP
    s.ws.row_dimensions[layout.MAY_ACQUIRE_TABLE.rows()[0]].height = 3 * LINE_HEIGHT
    s.finish(f"A1:D{layout.MAY_ACQUIRE_TABLE.rows()[-1]}")
