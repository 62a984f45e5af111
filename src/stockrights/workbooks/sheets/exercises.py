"""The ``exercises`` sheet: the register of exercises (clauses 4, 6, 10, 11) with totals."""

from __future__ import annotations

import datetime as dt
from typing import Any

from openpyxl import Workbook

from stockrights.windows import ExerciseRules, HolderStatus, can_exercise
from stockrights.workbooks import example_data as data
from stockrights.workbooks import layout
from stockrights.workbooks.sheets.base import (
    DATE,
    TOP,
    WHOLE,
    WRAP,
    YEN,
    Context,
    Sheet,
    display_width,
    ref,
    width_for_lines,
)

__all__ = ["build_exercises"]


_REASON_LINES = 4  # lines of the eligibility reason per register row (the rows' height)


def _longest_reason(ctx: Context) -> int:
    """How wide the eligibility reason column's text may be, in this language.

    The longest reason the register shows: an heir's window whose last day (counted from the
    31st, two-digit dates throughout) falls on a Sunday and moves (Civil Code art. 142). The
    column is made wide enough for it to wrap in full in :data:`_REASON_LINES` lines.
    """
    rules = ExerciseRules(
        exercise_period_start=dt.date(2017, 7, 15),
        exercise_period_end=dt.date(2047, 7, 14),
        holidays=(),
    )
    # inherited 2031-05-30: counted from 05-31, November has no 31st -> Sunday 2031-11-30
    status = HolderStatus(died_on=dt.date(2031, 5, 20), inherited_on=dt.date(2031, 5, 30))
    why = can_exercise(status=status, exercise_date=dt.date(2031, 6, 2), rules=rules).why
    return display_width(why(ctx.lang))


def build_exercises(wb: Workbook, ctx: Context) -> None:
    """Write the ``exercises`` sheet into ``wb``."""
    w = ctx.words
    longest = _longest_reason(ctx)
    reason_width = max(46.0, width_for_lines(longest, _REASON_LINES))
    widths = dict(
        zip(
            "ABCDEFGHIJKLMN",
            (12, 30, 18, 8, 12, 12, 12, 9, reason_width, 10, 11, 13, 14, 14),
            strict=True,
        )
    )
    s = Sheet(wb, layout.EXERCISES, ctx, widths=widths)
    s.title(w.text("title.exercises"), w.text("banner.exercises") if ctx.example else "",
            across="N")  # fmt: skip
    s.formula_chars["I"] = longest
    s.header(layout.HEADER_ROW, w.texts("head.item", "head.value", "head.unit", "head.note"))
    book_row = layout.EXERCISE_ROWS_NAMES["BookValuePerRight"]
    s.line(
        book_row,
        w.text("label.book_value"),
        ref("PerRightAmount"),
        unit=w.unit("unit.yen_per_right"),
        fmt=YEN,
        note=w.text("note.book_value"),
    )
    s.ws[f"A{book_row}"].alignment = WRAP  # the date column: the label wraps
    s.ws.merge_cells(f"D{book_row}:I{book_row}")
    s.ws.merge_cells(f"D{layout.HEADER_ROW}:I{layout.HEADER_ROW}")
    s.header(
        layout.EXERCISE_HEADER_ROW,
        [w.text(f"register.{key}") for _, key in layout.EXERCISE_COLUMNS],
    )
    rows = list(layout.EXERCISE_ROWS)
    entries = list(data.ILLUSTRATIVE_EXERCISES) if ctx.example else []
    for i, row in enumerate(rows):
        values: tuple[Any, ...] = (None,) * 7
        if i < len(entries):
            e = entries[i]
            values = (
                e.exercise_date,
                w.example_text(e.holder),
                w.category(e.category),
                e.rights,
                e.position_lost_on,
                e.died_on,
                e.inherited_on,
            )
        for column, value, fmt in zip(
            "ABCDEFG", values, (DATE, None, None, WHOLE, DATE, DATE, DATE), strict=True
        ):
            s.put(f"{column}{row}", value, fmt)
        window = f"$A{row},ExercisePeriodStart,ExercisePeriodEnd,$E{row},$F{row},$G{row}"
        blank = f'$A{row}=""'
        booked = f'OR($A{row}="",$H{row}<>TRUE)'
        exercise = f"$D{row},$J{row},BookValuePerRight,ExercisePrice"
        s.put(f"H{row}", f'=IF({blank},"",INDEX(SAR_CAN_EXERCISE({window}),1,1))')
        said = f"{window}{w.language_argument(skipped=3)}"
        s.put(f"I{row}", f'=IF({blank},"",INDEX(SAR_CAN_EXERCISE({said}),1,2))')
        s.put(
            f"J{row}",
            f'=IF({blank},"",SAR_SHARES_PER_RIGHT(BaseSharesPerRight,CorporateActions,'
            f"$A{row},AllotmentDate))",
            WHOLE,
        )
        s.put(f"K{row}", f'=IF({booked},"",INDEX(SAR_EXERCISE({exercise}),1,2))', WHOLE)
        s.put(f"L{row}", f'=IF({booked},"",INDEX(SAR_EXERCISE({exercise}),2,2))', YEN)
        s.put(f"M{row}", f'=IF({booked},"",SAR_CAPITAL_STOCK({exercise}))', YEN)
        s.put(f"N{row}", f'=IF({booked},"",SAR_CAPITAL_RESERVE({exercise}))', YEN)
        for cell in s.ws[f"A{row}:N{row}"][0]:
            cell.alignment = WRAP if cell.column_letter in "BI" else TOP
    first, last = rows[0], rows[-1]
    s.input_range(f"A{first}:A{last}", "date")
    s.input_range(f"B{first}:B{last}", None)
    s.input_range(f"C{first}:C{last}", "category")
    s.input_range(f"D{first}:D{last}", "count_positive")
    s.input_range(f"E{first}:G{last}", "date")
    s.note(f"A{first}", w.text("note.register"))
    total = layout.EXERCISE_TOTAL_ROW
    s.put(f"A{total}", w.text("total_eligible"), font=s.bold)
    eligible = f"H{first}:H{last}"
    # SUMIF skips an error in H; SUM passes it on, so a row that could not be judged (the add-in
    # missing, a bad date) makes the total an error rather than a smaller number.
    # Blank, not 0, while the register is empty.
    empty = f"COUNT(A{first}:A{last})=0"
    s.put(
        f"D{total}",
        f'=IF({empty},"",IF(ISERROR(SUM({eligible})),SUM({eligible}),'
        f"SUMIF({eligible},TRUE,D{first}:D{last})))",
        WHOLE,
        font=s.bold,
    )
    for column, fmt in (("K", WHOLE), ("L", YEN), ("M", YEN), ("N", YEN)):
        s.put(
            f"{column}{total}",
            f'=IF({empty},"",SUM({column}{first}:{column}{last}))',
            fmt,
            font=s.bold,
        )
    s.finish(
        f"A1:N{total}",
        landscape=True,
        freeze=f"A{first}",
        title_rows=f"{layout.EXERCISE_HEADER_ROW}:{layout.EXERCISE_HEADER_ROW}",
    )
