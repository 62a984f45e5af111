"""What every sheet of the templates shares: formats, styles, the sheet writer and input rules.

Positions come from :mod:`stockrights.workbooks.layout`, words from
:mod:`stockrights.workbooks.catalogue` (and the glossary through it); a sheet module only says
what goes where.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from stockrights.adjustment import ActionKind
from stockrights.dates import date_to_excel_serial
from stockrights.glossary import Lang
from stockrights.restructuring import RestructuringKind
from stockrights.rounding import Rounding
from stockrights.volatility import Frequency
from stockrights.workbooks import layout
from stockrights.workbooks.catalogue import Words

__all__ = [
    "DATE",
    "DECIMAL",
    "PERCENT",
    "PERCENT_3",
    "RATIO",
    "WHOLE",
    "YEN",
    "YEN_2",
    "YEN_4",
    "YEN_EXACT",
    "Context",
    "Sheet",
    "display_width",
    "if_blank",
    "ref",
    "width_for_lines",
]

YEN = "[$¥-411]#,##0"
YEN_2 = "[$¥-411]#,##0.00"
YEN_4 = "[$¥-411]#,##0.0000"
YEN_EXACT = "[$¥-411]#,##0.00####"
"""Yen with as many decimals as a quotient needs (326,485 / 200 shows 1,632.425)."""
PERCENT = "0.00%"
PERCENT_3 = "0.000%"
DATE = "yyyy/mm/dd"
WHOLE = "#,##0"
RATIO = "0.####"
DECIMAL = "0.000000"

_FONTS = {Lang.EN: "Calibri", Lang.JA: "Yu Gothic"}
_HEADER_FILL = PatternFill("solid", fgColor="305496")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_RESULT_FILL = PatternFill("solid", fgColor="E2EFDA")
_UNLOCKED = Protection(locked=False)
_THIN = Side(style="thin", color="A6A6A6")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
LINE_HEIGHT = 15.0  # points per line of 11-point text
_CHARS_PER_WIDTH = 1.05  # half-width characters of ordinary text per unit of column width
_MAX_WIDTH = 60.0  # a column widened to fit its labels stops here (longer text wraps)
AUTHOR = "stockrights"
_FIRST_DATE = date_to_excel_serial(dt.date(1990, 1, 1))
_LAST_DATE = date_to_excel_serial(dt.date(2100, 12, 31))


def display_width(text: str) -> int:
    """Columns ``text`` takes in a fixed-width sense: East Asian wide characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def width_for_lines(text_width: int, lines: int) -> float:
    """The column width at which a text ``text_width`` wide wraps into at most ``lines`` lines.

    ``text_width`` as :func:`display_width` counts it.
    """
    return float(math.ceil(text_width / lines / _CHARS_PER_WIDTH) + 1)


def if_blank(required: Sequence[str], formula: str) -> str:
    """``=IF(OR(a="",b=""),"",formula)``: blank until every required cell is filled.

    A required cell holding an error makes the comparison an error, which ``IF`` passes on: the
    guard never turns an error into a blank. ``formula`` is given without its ``=``.
    """
    tests = [f'{ref}=""' for ref in required]
    condition = tests[0] if len(tests) == 1 else f"OR({','.join(tests)})"
    return f'=IF({condition},"",{formula})'


def ref(name: str) -> str:
    """``=IF(name="","",name)``: the value of another cell, blank while that cell is empty.

    Not 0 or 1899/12/30, as a bare reference to an empty cell shows; an error stays an error.
    """
    return f'=IF({name}="","",{name})'


@dataclass(frozen=True, slots=True)
class Context:
    """What a sheet module needs besides the workbook: the language and the example's data."""

    lang: Lang
    example: bool
    prices: Sequence[tuple[dt.date, float]] = field(default=())

    @property
    def words(self) -> Words:
        """The catalogue and glossary in this language."""
        return Words(self.lang)

    def pick(self, value: Any, default: Any = None) -> Any:
        """``value`` in the example, ``default`` in the blank template."""
        return value if self.example else default


class Sheet:
    """One worksheet being built: cells, styles, notes and its data validations."""

    def __init__(
        self, wb: Workbook, name: str, ctx: Context, *, widths: Mapping[str, float]
    ) -> None:
        self.ws: Worksheet = wb.create_sheet(name)
        self.name = name
        self.ctx = ctx
        self.w = ctx.words
        self.formula_chars: dict[str, int] = {}
        self._validations: dict[str, DataValidation] = {}
        self._overflow: set[str] = set()  # titles and headings: may run into empty neighbours
        font = _FONTS[ctx.lang]
        self.font = Font(name=font)
        self.bold = Font(name=font, bold=True)
        self._title_font = Font(name=font, bold=True, size=14)
        self._section_font = Font(name=font, bold=True, size=12)
        self._banner_font = Font(name=font, bold=True, color="C00000")
        self._header_font = Font(name=font, bold=True, color="FFFFFF")
        self._padding_font = Font(name=font, color="D9D9D9")
        for column, width in widths.items():
            self.ws.column_dimensions[column].width = width

    # -- cells ---------------------------------------------------------------------------------
    def put(self, ref: str, value: Any, fmt: str | None = None, *, font: Font | None = None) -> Any:
        """Write ``value`` into ``ref`` with a format and the sheet's font; returns the cell."""
        cell = self.ws[ref]
        cell.value = value
        if fmt:
            cell.number_format = fmt
        cell.font = font if font is not None else self.font
        return cell

    def array(
        self,
        where: layout.Address,
        formula: str,
        formats: Iterable[str | None] = (),
        *,
        header: bool = False,
    ) -> None:
        """A legacy array formula over ``where``; ``formats`` per column, styling every cell.

        ``header``: the function's first row is a header row (styled as one).
        """
        self.ws[where.first] = ArrayFormula(where.ref, formula)
        if where.first != where.last:  # grey the #N/A Excel pads an unused part of the range with
            self.ws.conditional_formatting.add(
                where.ref, FormulaRule(formula=[f"ISNA({where.first})"], font=self._padding_font)
            )
        columns = list(formats)
        for row in self.ws[where.ref]:
            for i, cell in enumerate(row):
                cell.font = self.font
                fmt = columns[i] if i < len(columns) else None
                if fmt:
                    cell.number_format = fmt
        if header:
            for cell in self.ws[where.ref][0]:
                cell.font = self._header_font
                cell.fill = _HEADER_FILL

    def title(self, text: str, banner: str, *, across: str = "D") -> None:
        """The sheet's title (row 1) and banner (row 2, merged across to ``across``)."""
        self.put(f"A{layout.TITLE_ROW}", text, font=self._title_font)
        self._overflow.add(f"A{layout.TITLE_ROW}")
        cell = self.put(f"A{layout.BANNER_ROW}", banner or None, font=self._banner_font)
        cell.alignment = WRAP
        self.ws.merge_cells(f"A{layout.BANNER_ROW}:{across}{layout.BANNER_ROW}")

    def section(self, row: int, text: str) -> None:
        """A section heading in column A."""
        self.put(f"A{row}", text, font=self._section_font)
        self._overflow.add(f"A{row}")

    def header(self, row: int, labels: Iterable[str], first_column: int = 1) -> None:
        """A row of column headings."""
        for i, label in enumerate(labels):
            cell = self.ws.cell(row=row, column=first_column + i, value=label)
            cell.font = self._header_font
            cell.fill = _HEADER_FILL
            cell.alignment = Alignment(vertical="center", wrap_text=True)

    def line(
        self,
        row: int,
        label: str,
        value: Any,
        *,
        unit: str = "",
        note: str = "",
        fmt: str | None = None,
        result: bool = False,
    ) -> None:
        """A label/value/unit/note row (columns A-D); ``result`` shows the value as a result.

        The label does not wrap: its column widens to fit it (``finish``).
        """
        self.put(f"A{row}", label).alignment = TOP
        cell = self.put(f"B{row}", value, fmt)
        cell.alignment = TOP
        if result:
            cell.fill = _RESULT_FILL
            cell.font = self.bold
        self.put(f"C{row}", unit or None).alignment = TOP
        self.put(f"D{row}", note or None).alignment = WRAP

    def mark_result(self, ref: str) -> None:
        """Show ``ref`` as a result (green, bold)."""
        self.ws[ref].fill = _RESULT_FILL
        self.ws[ref].font = self.bold

    def note(self, ref: str, text: str) -> None:
        """A cell note (comment) on ``ref``."""
        comment = Comment(text, AUTHOR)
        comment.width, comment.height = 320, 110
        self.ws[ref].comment = comment

    def make_input(self, ref: str, rule: str | None, comment: str | None = None) -> None:
        """Unlock and colour an input cell, attach its validation ``rule`` and its note."""
        cell = self.ws[ref]
        cell.fill = _INPUT_FILL
        cell.protection = _UNLOCKED
        cell.border = _BOX
        if rule is not None:
            self._validation(rule).add(ref)
        if comment:
            self.note(ref, comment)

    def input_range(self, ref: str, rule: str | None) -> None:
        """Unlock and colour every cell of ``ref``, under the validation ``rule``."""
        for row in self.ws[ref]:
            for cell in row if isinstance(row, tuple) else (row,):
                cell.fill = _INPUT_FILL
                cell.protection = _UNLOCKED
                cell.border = _BOX
                cell.font = self.font
        if rule is not None:
            self._validation(rule).add(ref)

    # -- validation ----------------------------------------------------------------------------
    def _validation(self, rule: str) -> DataValidation:
        if rule not in self._validations:
            dv = _rules(self.w)[rule]()
            dv.showErrorMessage = True
            dv.allow_blank = True
            self.ws.add_data_validation(dv)
            self._validations[rule] = dv
        return self._validations[rule]

    # -- page ----------------------------------------------------------------------------------
    def _width(self, column: str) -> float:
        width = self.ws.column_dimensions[column].width
        return float(width) if width else 8.43

    def _fit_columns(self) -> None:
        """Widen a column to its longest unwrapped text (wide characters count double)."""
        merged = {c for r in self.ws.merged_cells.ranges for row in r.cells for c in [row]}
        need: dict[str, float] = {}
        for row in self.ws.iter_rows():
            for cell in row:
                v = cell.value
                if not isinstance(v, str) or v.startswith("=") or (cell.row, cell.column) in merged:
                    continue
                if cell.coordinate in self._overflow:
                    continue
                if cell.alignment is not None and cell.alignment.wrap_text:
                    continue
                width = display_width(v) / _CHARS_PER_WIDTH + 1
                letter = cell.column_letter
                need[letter] = max(need.get(letter, 0.0), min(width, _MAX_WIDTH))
        for letter, width in need.items():
            if width > self._width(letter):
                self.ws.column_dimensions[letter].width = round(width, 1)

    def _fit_rows(self) -> None:
        """Give rows with wrapped text the height their longest text needs.

        Set explicitly: LibreOffice keeps the default height of an imported row. A formula's
        result is not known here; ``formula_chars`` says how long it may be, per column.
        """
        merged = {
            str(r).split(":")[0]: sum(
                self._width(get_column_letter(c)) for c in range(r.min_col, r.max_col + 1)
            )
            for r in self.ws.merged_cells.ranges
        }
        for row in self.ws.iter_rows():
            lines = 1
            for cell in row:
                if not (cell.alignment and cell.alignment.wrap_text) or cell.value is None:
                    continue
                text = str(cell.value)
                length = display_width(text)
                if text.startswith("="):
                    length = self.formula_chars.get(cell.column_letter, 0)
                width = merged.get(cell.coordinate, self._width(cell.column_letter))
                per_line = max(int(width * _CHARS_PER_WIDTH), 1)
                lines = max(lines, -(-length // per_line))
            if lines > 1:
                self.ws.row_dimensions[row[0].row].height = LINE_HEIGHT * lines

    def finish(
        self,
        print_area: str,
        *,
        landscape: bool = False,
        freeze: str | None = None,
        title_rows: str | None = None,
    ) -> None:
        """Fit columns and rows, set the page (A4, header and footer, repeated rows), protect."""
        ws = self.ws
        self._fit_columns()
        self._fit_rows()
        ws.print_area = print_area
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.print_options.gridLines = False
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.page_margins.top = ws.page_margins.bottom = 0.75
        ws.oddHeader.left.text = "&A"
        ws.oddHeader.right.text = "&F"
        ws.oddFooter.center.text = self.w.text("page_footer")
        ws.print_title_rows = title_rows or f"{layout.TITLE_ROW}:{layout.HEADER_ROW}"
        if freeze:
            ws.freeze_panes = freeze
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False


def _options(values: Iterable[str]) -> str:
    return '"' + ",".join(values) + '"'


def _rules(w: Words) -> dict[str, Callable[[], DataValidation]]:
    def listed(values: Iterable[str], what: str) -> Callable[[], DataValidation]:
        options = list(values)
        return lambda: DataValidation(
            type="list",
            formula1=_options(options),
            errorTitle=what,
            error=w.text("rule.one_of").format(what=what, options=", ".join(options)),
        )

    def number(kind: str, operator: str, low: str, key: str) -> Callable[[], DataValidation]:
        return lambda: DataValidation(
            type=kind,
            operator=operator,
            formula1=low,
            errorTitle=w.text("rule.number_title"),
            error=w.text(key),
        )

    return {
        "date": lambda: DataValidation(
            type="date",
            operator="between",
            formula1=str(_FIRST_DATE),
            formula2=str(_LAST_DATE),
            errorTitle=w.text("rule.date_title"),
            error=w.text("rule.date"),
        ),
        "positive": number("decimal", "greaterThan", "0", "rule.positive"),
        "non_negative": number("decimal", "greaterThanOrEqual", "0", "rule.non_negative"),
        "count": number("whole", "greaterThanOrEqual", "0", "rule.count"),
        "count_positive": number("whole", "greaterThanOrEqual", "1", "rule.count_positive"),
        "rate": lambda: DataValidation(
            type="decimal",
            operator="between",
            formula1="-0.1",
            formula2="0.2",
            errorTitle=w.text("rule.number_title"),
            error=w.text("rule.rate"),
        ),
        "volatility": lambda: DataValidation(
            type="decimal",
            operator="between",
            formula1="0",
            formula2="2",
            errorTitle=w.text("rule.number_title"),
            error=w.text("rule.volatility"),
        ),
        "rounding": listed((m.value for m in Rounding), w.text("rule.rounding")),
        "frequency": listed((f.value for f in Frequency), w.text("rule.frequency")),
        "action_kind": listed((k.value for k in ActionKind), w.text("rule.kind")),
        "restructuring_kind": listed((k.value for k in RestructuringKind), w.text("rule.kind")),
        "category": lambda: DataValidation(
            type="list",
            formula1=f"'{layout.TERMS}'!$A${layout.ALLOTMENT_ROWS[0]}:$A${layout.ALLOTMENT_ROWS[-1]}",
            errorTitle=w.text("rule.category_title"),
            error=w.text("rule.category"),
        ),
    }
