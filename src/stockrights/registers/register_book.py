"""The register as a workbook: one sheet per table of the CSV layout, Japanese (English available).

``workbooks/stockrights_register.xlsx`` is built by :func:`build_register_book` from the example
register (``workbooks/register_example``) with ``stockrights register-book``. Each data sheet
holds one table of the CSV layout (``docs/register.md``):

- row 1: the sheet's title; row 2: what goes in it;
- row 3: the column labels (catalogue, in the book's language);
- row 4: the column keys, exactly the CSV columns: this row is what :func:`read_register_book`
  reads, so columns may be reordered or left out (when optional) as in the CSV files;
- rows 5 on: the data (dates as real dates, formatted ``yyyy-mm-dd``).

The ``説明`` / ``About`` sheet carries the layout version (4: the series sheet has the window
columns and the expense lines, the events sheet the treasury columns; books of layout 1 to 3,
without the later columns, are
read as well). The reader accepts the Japanese or
the English sheet names, and reports a bad cell as one line naming the sheet, row and column.
"""

from __future__ import annotations

import datetime as dt
import math
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from stockrights.errors import InputError, StockRightsError
from stockrights.glossary import Lang
from stockrights.register import Register
from stockrights.registers import csv_io
from stockrights.registers.catalogue import CATALOGUE, text

__all__ = ["build_register_book", "read_register_book", "write_register_book"]

_HEADER_ROWS = 4
_KEY_ROW = 4
_LAYOUT = csv_io.LAYOUT_VERSION

# table key -> (columns, required columns, optional sheet)
_TABLES: dict[str, tuple[Sequence[str], Sequence[str], bool]] = {
    "series": (csv_io.SERIES_COLUMNS, csv_io._SERIES_REQUIRED, False),
    "events": (csv_io.EVENT_COLUMNS, csv_io._EVENT_REQUIRED, False),
    "actions": (csv_io.ACTION_COLUMNS, csv_io._ACTION_REQUIRED, False),
    "restructurings": (csv_io.RESTRUCTURING_COLUMNS, csv_io.RESTRUCTURING_COLUMNS[:3], True),
    "holders": (csv_io.HOLDER_COLUMNS, csv_io.HOLDER_COLUMNS[:1], True),
    "prices": (csv_io.PRICE_COLUMNS, csv_io.PRICE_COLUMNS, True),
}
_CHOICES = {
    ("events", "kind"): "exercise,lapse,forfeit,cancel",
    ("actions", "kind"): "split,consolidation,conditional_split,other",
    ("series", "grant_year"): "unvested,vested",
    ("series", "rounding"): "per_right_up,per_share_up,per_share_half_up",
    ("series", "illustrative"): "true,false",
    ("series", "holder_window_unit"): "days,months,years",
    ("series", "heir_window_unit"): "days,months,years",
    ("series", "last_day_rule"): "following,preceding,no_move",
}


def _rows_of(register: Register | None) -> dict[str, list[list[object]]]:
    """The register's tables as rows in each sheet's column order (:func:`register_tables`)."""
    out: dict[str, list[list[object]]] = {key: [] for key in _TABLES}
    if register is None:
        return out
    for key, (columns, rows) in csv_io.register_tables(register).items():
        order = [columns.index(c) for c in _TABLES[key][0]]
        out[key] = [[_cell_value(row[i]) for i in order] for row in rows]
    return out


def _cell_value(value: object) -> object:
    """A value as a cell holds it: enums as their text, the rest unchanged."""
    if isinstance(value, str | int | float | dt.date) or value is None:
        return value
    return str(value)


def build_register_book(register: Register | None = None, *, lang: Lang | str = Lang.JA) -> Any:
    """An openpyxl workbook holding ``register`` (or a blank register) in the book layout."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    language = Lang(lang)
    rows = _rows_of(register)
    book = Workbook()
    about = book.active
    about.title = text("book.about", language)
    bold = Font(name="IPAexGothic", bold=True, size=12)
    plain = Font(name="IPAexGothic")
    keys_font = Font(name="IPAexGothic", size=8, color="808080")
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    input_fill = PatternFill("solid", fgColor="FFF2CC")
    about["A1"] = text("book.title", language)
    about["A1"].font = bold
    about["A3"] = text("book.layout", language)
    about["B3"] = _LAYOUT
    about["A5"] = text("book.how", language)
    about["A5"].alignment = Alignment(wrap_text=True, vertical="top")
    about.merge_cells("A5:F10")
    about.column_dimensions["A"].width = 18
    for letter in "BCDEF":
        about.column_dimensions[letter].width = 16
    about.page_setup.orientation = "landscape"
    about.sheet_properties.pageSetUpPr.fitToPage = True
    about.page_setup.fitToWidth = 1
    about.page_setup.fitToHeight = 0
    for key, (columns, _, _) in _TABLES.items():
        sheet = book.create_sheet(text(f"book.{key}", language))
        sheet["A1"] = text(f"book.{key}", language)
        sheet["A1"].font = bold
        sheet["A2"] = text(f"book.sheet_note.{key}", language)
        sheet["A2"].font = plain
        for c, column in enumerate(columns, start=1):
            letter = get_column_letter(c)
            label = sheet.cell(row=3, column=c, value=text(f"col.{column}", language))
            label.font = Font(name="IPAexGothic", bold=True)
            label.fill = head_fill
            label.alignment = Alignment(wrap_text=True, vertical="top")
            sheet.cell(row=_KEY_ROW, column=c, value=column).font = keys_font
            wide = ("persons", "conditions", "description", "expense_lines")
            width = 30 if column in wide else 14
            width = 18 if column == "series" else width
            sheet.column_dimensions[letter].width = width
            choices = _CHOICES.get((key, column))
            if choices:
                rule = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
                rule.error = f"{column}: {choices}"
                sheet.add_data_validation(rule)
                rule.add(f"{letter}{_HEADER_ROWS + 1}:{letter}{_HEADER_ROWS + 5000}")
        sheet.row_dimensions[3].height = 30
        sheet.freeze_panes = f"B{_HEADER_ROWS + 1}"
        for r, values in enumerate(rows[key], start=_HEADER_ROWS + 1):
            for c, value in enumerate(values, start=1):
                cell = sheet.cell(row=r, column=c, value=value)
                cell.font = plain
                cell.fill = input_fill
                if isinstance(value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
                elif isinstance(value, float):
                    cell.number_format = "#,##0.######"
                elif isinstance(value, int):
                    cell.number_format = "#,##0"
        sheet.page_setup.orientation = "landscape"
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
    return book


def write_register_book(
    register: Register | None, output: str | Path, *, lang: Lang | str = Lang.JA
) -> Path:
    """Write the register workbook to ``output`` atomically."""
    target = Path(output)
    if target.suffix.lower() != ".xlsx":
        raise InputError(f"--output must end in .xlsx, got {str(output)!r}")
    from stockrights.workbooks.atomic import atomic_write  # the shared atomic write (light)

    book = build_register_book(register, lang=lang)
    atomic_write(target, book.save)
    return target


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if not math.isfinite(value):
            return repr(value)
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


class _SheetRows:
    """A sheet's data rows as ``(row number, {column key: text})`` (a :class:`csv_io.Table`)."""

    def __init__(
        self, sheet: Any, name: str, columns: Sequence[str], required: Sequence[str]
    ) -> None:
        self.sheet = sheet
        self.name = f"{name} sheet"
        self.columns = columns
        self.required = required

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        # the stored dimension may claim any size: count only the cells really there
        self.sheet.reset_dimensions()
        rows = self.sheet.iter_rows(values_only=True)
        header: list[str] = []
        for n, values in enumerate(rows, start=1):
            if n < _KEY_ROW:
                continue
            if n == _KEY_ROW:
                header = [_cell_text(v) for v in values]
                while header and not header[-1]:
                    header.pop()
                csv_io.check_header(
                    f"{self.name} row {_KEY_ROW}", header, self.columns, self.required
                )
                continue
            cells = [_cell_text(v) for v in values]
            if not any(cells):
                continue
            yield n, {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header) if h}
        if not header:
            raise InputError(f"{self.name} row {_KEY_ROW}: the column keys are missing")


def read_register_book(path: str | Path) -> Register:
    """Read a register workbook (Japanese or English sheet names) into a :class:`Register`."""
    from openpyxl import load_workbook

    source = Path(path)
    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except FileNotFoundError:
        raise StockRightsError(f"{source}: cannot be read (no such file)") from None
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise StockRightsError(f"{source}: is not an xlsx workbook ({exc})") from None
    try:
        names = {name: name for name in book.sheetnames}
        tables: dict[str, csv_io.Table | None] = {}
        for key, (columns, required, optional) in _TABLES.items():
            found = next(
                (
                    n
                    for n in (CATALOGUE[f"book.{key}"].ja, CATALOGUE[f"book.{key}"].en)
                    if n in names
                ),
                None,
            )
            if found is None:
                if not optional:
                    raise InputError(
                        f"{source.name}: has no sheet {CATALOGUE[f'book.{key}'].ja!r} "
                        f"(or {CATALOGUE[f'book.{key}'].en!r})"
                    )
                tables[key] = None
                continue
            tables[key] = _SheetRows(book[found], found, columns, required)
        _check_layout(book, source)
        series, events, actions = tables["series"], tables["events"], tables["actions"]
        assert series is not None
        assert events is not None
        assert actions is not None
        return csv_io.register_from_tables(
            series=series,
            events=events,
            actions=actions,
            restructurings=tables["restructurings"],
            holders=tables["holders"],
            prices=tables["prices"],
        )
    finally:
        book.close()


def _check_layout(book: Any, source: Path) -> None:
    for name in (CATALOGUE["book.about"].ja, CATALOGUE["book.about"].en):
        if name in book.sheetnames:
            value = next(
                book[name].iter_rows(min_row=3, max_row=3, min_col=2, max_col=2, values_only=True)
            )[0]
            known = [str(v) for v in csv_io._VERSIONS]  # each adds optional columns
            if _cell_text(value) not in known:
                raise InputError(
                    f"{source.name}: {name} sheet B3 (layout version) must be "
                    f"{', '.join(known[:-1])} or {known[-1]}, got {_cell_text(value)!r}"
                )
            return
    raise InputError(
        f"{source.name}: has no {CATALOGUE['book.about'].ja!r} sheet with the layout version"
    )
