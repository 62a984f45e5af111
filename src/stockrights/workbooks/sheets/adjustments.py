"""The ``adjustments`` sheet: corporate actions -> shares per right on a date (clause 3)."""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook

from stockrights.adjustment import ActionKind
from stockrights.example import COMPANY_ACTIONS
from stockrights.workbooks import example_data as data
from stockrights.workbooks import layout
from stockrights.workbooks.sheets.base import (
    DATE,
    LINE_HEIGHT,
    RATIO,
    TOP,
    WHOLE,
    WRAP,
    YEN,
    Context,
    Sheet,
    if_blank,
    ref,
)

__all__ = ["build_adjustments"]


def build_adjustments(wb: Workbook, ctx: Context) -> None:
    """Write the ``adjustments`` sheet into ``wb``."""
    w = ctx.words
    s = Sheet(
        wb,
        layout.ADJUSTMENTS,
        ctx,
        widths={"A": 30, "B": 14, "C": 13, "D": 14, "E": 13, "F": 11, "G": 36, "H": 80, "I": 24},
    )
    s.title(w.text("title.adjustments"), w.text("banner.example") if ctx.example else "",
            across="H")  # fmt: skip
    s.header(layout.HEADER_ROW, w.texts("head.item", "head.value", "head.unit", "head.clause"))
    s.line(5, w.term("shares_per_right_at_allotment"), ref("BaseSharesPerRight"),
           unit=w.unit("unit.shares"), fmt=WHOLE)  # fmt: skip
    s.line(6, w.term("allotment_date"), ref("AllotmentDate"), fmt=DATE, note="(13)")
    r = layout.ADJUSTMENT_ROWS
    s.line(
        r["AdjustmentAsOf"],
        w.text("label.as_of"),
        ctx.pick(data.ADJUSTMENT_AS_OF),
        fmt=DATE,
        note=w.text("note.as_of"),
    )
    s.make_input(f"B{r['AdjustmentAsOf']}", "date", w.text("note.as_of"))
    needed = ("BaseSharesPerRight", "AdjustmentAsOf", "AllotmentDate")
    s.line(
        r["SharesPerRightAsOf"],
        w.text("label.shares_per_right_as_of"),
        if_blank(
            needed,
            "SAR_SHARES_PER_RIGHT(BaseSharesPerRight,CorporateActions,AdjustmentAsOf,AllotmentDate)",
        ),
        unit=w.unit("unit.shares"),
        fmt=WHOLE,
        result=True,
        note=w.text("note.shares_per_right_as_of"),
    )
    s.line(
        r["ExerciseAmountAsOf"],
        w.term("exercise_amount_per_right"),
        if_blank(
            ("ExercisePrice", "SharesPerRightAsOf"),
            "SAR_EXERCISE_AMOUNT(ExercisePrice,SharesPerRightAsOf)",
        ),
        unit=w.unit("unit.yen_per_right"),
        fmt=YEN,
        result=True,
        note=w.text("note.exercise_amount"),
    )
    for row in range(layout.FIRST_ROW, layout.ACTIONS_SECTION_ROW - 1):
        s.ws.merge_cells(f"D{row}:H{row}")
    s.ws.merge_cells(f"D{layout.HEADER_ROW}:H{layout.HEADER_ROW}")
    s.section(layout.ACTIONS_SECTION_ROW, w.text("section.actions"))
    s.header(
        layout.ACTIONS_HEADER_ROW,
        (
            w.text("head.kind"),
            w.text("head.ratio"),
            w.term("record_date"),
            w.term("effective_date"),
            w.text("head.meeting_date"),
            w.text("head.order"),
            w.text("head.description"),
            w.text("head.ex_rights_override"),
            w.text("head.kind_in_words"),
        ),
    )
    actions = list(COMPANY_ACTIONS) if ctx.example else []
    formats = (None, RATIO, DATE, DATE, DATE, "0", None, DATE)
    for i, row in enumerate(layout.ACTIONS_TABLE.rows()):
        values: tuple[Any, ...] = (None,) * 8
        if i < len(actions):
            a = actions[i]
            values = (
                a.kind.value,
                a.ratio,
                a.record_date,
                a.effective_date,
                a.meeting_date,
                a.order,
                w.example_text(a.description),
                a.ex_rights_date,
            )
        for column, value, fmt in zip("ABCDEFGH", values, formats, strict=True):
            s.put(f"{column}{row}", value, fmt)
        s.put(f"I{row}", w.code_words(f"A{row}", ActionKind))
    first, last = layout.ACTIONS_TABLE.rows()[0], layout.ACTIONS_TABLE.rows()[-1]
    s.input_range(f"A{first}:A{last}", "action_kind")
    s.input_range(f"B{first}:B{last}", "positive")
    s.input_range(f"C{first}:E{last}", "date")
    s.input_range(f"F{first}:F{last}", "count")
    s.input_range(f"G{first}:G{last}", None)
    s.input_range(f"H{first}:H{last}", "date")
    s.note(f"A{first}", w.text("note.actions"))
    s.note(f"H{first}", w.text("note.ex_rights_override"))
    s.section(layout.STEPS_SECTION_ROW, w.text("section.steps"))
    s.array(
        layout.ADJUSTMENT_STEPS,
        if_blank(
            needed,
            "SAR_ADJUSTMENT_STEPS(BaseSharesPerRight,CorporateActions,AdjustmentAsOf,AllotmentDate"
            f"{w.language_argument(skipped=1)})",
        ),
        (None, None, RATIO, DATE, WHOLE, RATIO, WHOLE, None),
        header=True,
    )
    # The notes of the add-in's tables wrap in column H; an array's cells hold no text when
    # the sheet is built, so their rows get the height of the longest note.
    for table, lines in ((layout.ADJUSTMENT_STEPS, 3), (layout.EX_RIGHTS_TABLE, 2)):
        first_column, last_column = table.first.rstrip("0123456789"), "H"
        for row in table.rows()[1:]:
            for cell in s.ws[f"{first_column}{row}:{last_column}{row}"][0]:
                cell.alignment = TOP
            s.ws[f"H{row}"].alignment = WRAP
            s.ws.row_dimensions[row].height = lines * LINE_HEIGHT
    s.section(layout.EX_RIGHTS_SECTION_ROW, w.text("section.ex_rights"))
    s.array(
        layout.EX_RIGHTS_TABLE,
        f'=IF(COUNT(B{first}:B{last})=0,"",'
        f"SAR_EX_RIGHTS_DATES(CorporateActions{w.language_argument()}))",
        (None, RATIO, DATE, DATE, DATE, "0", None),
        header=True,
    )
    s.finish(f"A1:I{layout.EX_RIGHTS_TABLE.rows()[-1]}", landscape=True)
