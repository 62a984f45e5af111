"""Put imported data into a workbook's ``prices`` or ``rates`` sheet, keeping the rest intact.

The sheet's XML is edited inside the package, as the refresh's cache writer does: only the cells
of the data columns (positions from :mod:`stockrights.workbooks.layout`) change, each keeping the
style of the column's first data cell; the sheet's dimension and the data validation of the
data range follow the new last row. Every other part (charts, formulas, defined names, styles,
notes, other sheets) is copied byte for byte, and ``fullCalcOnLoad`` is set so that Excel
recalculates the stale formulas on opening (or run ``stockrights refresh``). The file is written
atomically: a bad input raises before anything is written, and a failed write leaves the book
as it was.

An import replaces the sheet's data of its kind; ``merge=True`` adds to it and refuses a date
(or tenor) already in the book with another value.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from lxml import etree

from stockrights.adjustment import CorporateAction
from stockrights.dates import date_to_excel_serial, excel_serial_to_date
from stockrights.errors import InputError
from stockrights.glossary import Lang
from stockrights.importers.report import Text, text
from stockrights.workbooks import layout
from stockrights.workbooks.atomic import atomic_write
from stockrights.workbooks.cache_writer import (
    _patch_calc_pr,  # one implementation of the calcPr edit (the refresh's)
    column_index,
    column_letters,
    sheet_values,
    split_coordinate,
)
from stockrights.workbooks.errors import WorkbookError
from stockrights.workbooks.package import NS, Package, parse_xml, read_package, relationships

__all__ = ["BookContext", "BookWrite", "book_context", "price_pairs", "write_columns"]

_MAIN = NS["main"]
_ROW = f"{{{_MAIN}}}row"
_C = f"{{{_MAIN}}}c"
_V = f"{{{_MAIN}}}v"
_REL_TOL = 1e-12
_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
_GENERAL = "0"
_FIRST_CUSTOM_FORMAT = 164
DATE_FORMAT = "yyyy/mm/dd"
"""Number format given to a date column whose cells have none (General shows serials)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class BookContext:
    """What an import needs from the book: the valuation date, the window, the action table."""

    valuation_date: dt.date | None
    window: tuple[dt.date, dt.date] | None
    actions: tuple[CorporateAction, ...] | None
    price_splits: tuple[tuple[dt.date, float], ...] | None
    """(ex-rights date, ratio) of each action that changes the share basis: the first day the
    price series is quoted on the new basis (derived from the record date, or typed in)."""
    notes: tuple[Text, ...]
    language: Lang | None = None
    """The language the book is written in (its document property, ``ja-JP`` for the Japanese
    templates), None when it does not say or says another."""


@dataclass(frozen=True, kw_only=True, slots=True)
class BookWrite:
    """What was written: the file, the sheet, the rows now held, and the rows kept from before."""

    output: Path
    sheet: str
    rows: int
    kept: int


def _date_value(value: object) -> dt.date | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        try:
            return excel_serial_to_date(float(value))
        except InputError:
            return None
    return None


def _value_at(package: Package, name: str) -> object:
    where = layout.address(name)
    return sheet_values(package, where.sheet).get(where.first)


def book_context(book: str | Path) -> BookContext:
    """Read the valuation date, the volatility window and the corporate-action table.

    Values are the ones stored in the file (refresh the book first if they are formulas that
    were never calculated). Rows of the action table that are not valid actions are named in
    ``notes`` and left out.
    """
    package = read_package(book)
    names = {s.name for s in package.sheets}
    notes: list[Text] = []
    valuation = _date_value(_value_at(package, "ValuationDate")) if layout.MARKET in names else None
    window = None
    if layout.MARKET in names and layout.TERMS in names:
        start = _date_value(_value_at(package, "VolWindowStart"))
        end = _date_value(_value_at(package, "VolWindowEnd"))
        if start is not None and end is not None and start <= end:
            window = (start, end)
    actions: tuple[CorporateAction, ...] | None = None
    table = layout.address("CorporateActions")
    if table.sheet in names:
        values = sheet_values(package, table.sheet)
        first_col = split_coordinate(table.first)[0]
        found: list[CorporateAction] = []
        for row in table.rows():
            cells = [
                values.get(f"{column_letters(first_col + i)}{row}")
                for i in range(len(layout.ACTION_COLUMNS))
            ]
            try:
                action = layout.action_from_row(cells)
            except (InputError, TypeError, ValueError) as exc:
                notes.append(text("table_row_left_out", row=row, error=exc))
                continue
            if action is not None:
                found.append(action)
        actions = tuple(found)
    price_splits: tuple[tuple[dt.date, float], ...] | None = None
    if actions is not None:
        pairs = []
        for action in actions:
            found_dates, _why = action.ex_rights_or_reason()
            if found_dates is not None:
                pairs.append((found_dates.ex_rights_date, float(action.ratio)))
        price_splits = tuple(sorted(pairs))
    return BookContext(
        valuation_date=valuation,
        window=window,
        actions=actions,
        price_splits=price_splits,
        notes=tuple(notes),
        language=_language(package),
    )


_CORE_PROPERTIES = "docProps/core.xml"
_DC_LANGUAGE = "{http://purl.org/dc/elements/1.1/}language"


def _language(package: Package) -> Lang | None:
    """The book's language from its core properties (``dc:language``: ``ja-JP``, ``en-GB``)."""
    data = package.members.get(_CORE_PROPERTIES)
    if data is None:
        return None
    node = parse_xml(package.path, _CORE_PROPERTIES, data).getroot().find(_DC_LANGUAGE)
    code = (node.text or "").strip().lower()[:2] if node is not None else ""
    return Lang(code) if code in {lang.value for lang in Lang} else None


def _number(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=_REL_TOL, abs_tol=1e-15)


def _merge(
    *,
    book: Path,
    sheet: str,
    existing: dict[float, tuple[float, int]],
    new: Sequence[tuple[float, float]],
    key_name: str,
) -> list[tuple[float, float]]:
    merged = {k: v for k, (v, _row) in existing.items()}
    for key, value in new:
        old = existing.get(key)
        if old is not None and not _same(old[0], value):
            shown = (
                excel_serial_to_date(key).isoformat() if key_name == "date" else f"{key:g} years"
            )
            raise WorkbookError(
                book,
                f"{sheet}!row {old[1]}: --merge refuses a conflicting value for {key_name} "
                f"{shown}: {old[0]:.15g} in the book, {value:.15g} imported",
            )
        merged[key] = value
    return sorted(merged.items())


def _existing(
    package: Package, sheet: str, keys: str, values: str, rows: range
) -> dict[float, tuple[float, int]]:
    cells = sheet_values(package, sheet)
    out: dict[float, tuple[float, int]] = {}
    for row in rows:
        key, value = _number(cells.get(f"{keys}{row}")), _number(cells.get(f"{values}{row}"))
        if key is not None and value is not None:
            out[key] = (value, row)
    return out


_SQREF = re.compile(r"^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$")


def _formats(
    package: Package, styles: dict[str, str], wanted: dict[str, str]
) -> tuple[str | None, bytes | None]:
    """Give the columns in ``wanted`` their number format where their style has none (General).

    Returns the styles part and its new bytes (None when nothing changed); ``styles`` (column
    letter -> cell style index) is updated in place to the new indexes. A style is never changed,
    only copied with the format, so that other cells sharing it keep theirs.
    """
    part = next(
        (
            p
            for kind, p in relationships(
                package.path, package.members, package.workbook_part
            ).values()
            if kind == _STYLES and p in package.members
        ),
        None,
    )
    if part is None or not wanted:
        return None, None
    root = parse_xml(package.path, part, package.members[part]).getroot()
    xfs = root.find(f"{{{_MAIN}}}cellXfs")
    if xfs is None:
        return None, None
    cells = xfs.findall(f"{{{_MAIN}}}xf")
    changed = False
    for letter, code in wanted.items():
        index = int(styles.get(letter, "0"))
        if index >= len(cells) or cells[index].get("numFmtId", _GENERAL) != _GENERAL:
            continue
        formats = root.find(f"{{{_MAIN}}}numFmts")
        if formats is None:
            formats = etree.Element(f"{{{_MAIN}}}numFmts", count="0")
            root.insert(0, formats)
        known = {f.get("formatCode"): f.get("numFmtId", "") for f in formats}
        number = known.get(code)
        if number is None:
            ids = [int(f.get("numFmtId", "0")) for f in formats]
            number = str(max([_FIRST_CUSTOM_FORMAT - 1, *ids]) + 1)
            etree.SubElement(formats, f"{{{_MAIN}}}numFmt", numFmtId=number, formatCode=code)
            formats.set("count", str(len(formats)))
        clone = etree.fromstring(etree.tostring(cells[index]))
        clone.set("numFmtId", number)
        clone.set("applyNumberFormat", "1")
        xfs.append(clone)
        cells.append(clone)
        xfs.set("count", str(len(cells)))
        styles[letter] = str(len(cells) - 1)
        changed = True
    if not changed:
        return None, None
    return part, bytes(
        etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    )


def _print_area(
    workbook: bytes, package: Package, sheet: str, first_row: int, last_row: int
) -> bytes:
    """``workbook`` with the sheet's print area reaching ``last_row``.

    Only a print area that already covers the data (reaches ``first_row``) is extended: one
    that stops above it (a data sheet printed as its title block only) is left as it is.
    """
    root = parse_xml(package.path, package.workbook_part, workbook).getroot()
    names = [s.get("name", "") for s in root.iterfind("main:sheets/main:sheet", NS)]
    if sheet not in names:
        return workbook
    local = str(names.index(sheet))
    changed = False
    for node in root.iterfind("main:definedNames/main:definedName", NS):
        if node.get("name") != "_xlnm.Print_Area" or node.get("localSheetId") != local:
            continue
        text = node.text or ""
        match = re.search(r"\$(\d+)$", text)
        if match and first_row <= int(match[1]) < last_row:
            node.text = text[: match.start(1)] + str(last_row)
            changed = True
    if not changed:
        return workbook
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _put_text(
    sheet_data: etree._Element,
    by_number: dict[int, etree._Element],
    coordinate: str,
    value: str,
) -> None:
    """Put an inline text in a cell (created if missing), keeping the cell's style."""
    _col, number = split_coordinate(coordinate)
    row = by_number.get(number)
    if row is None:
        row = by_number[number] = etree.SubElement(sheet_data, _ROW, r=str(number))
    cell = next((c for c in row.iterfind(_C) if c.get("r") == coordinate), None)
    if cell is None:
        cell = etree.SubElement(row, _C, r=coordinate)
        cells = sorted(row.iterfind(_C), key=lambda c: split_coordinate(c.get("r", "A1"))[0])
        for c in cells:
            row.remove(c)
        row.extend(cells)
    for child in list(cell):
        cell.remove(child)
    cell.set("t", "inlineStr")
    inline = etree.SubElement(cell, f"{{{_MAIN}}}is")
    t = etree.SubElement(inline, f"{{{_MAIN}}}t")
    t.text = value
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _rewrite_sheet(
    package: Package,
    part: str,
    *,
    columns: tuple[str, str],
    rows: range,
    data: Sequence[tuple[float, float]],
    formats: dict[str, str],
    texts: dict[str, str],
) -> dict[str, bytes]:
    tree = parse_xml(package.path, part, package.members[part])
    root = tree.getroot()
    sheet_data = root.find(f"{{{_MAIN}}}sheetData")
    if sheet_data is None:
        raise WorkbookError(package.path, f"is corrupt: {part} has no sheetData")
    wanted = {column_index(c) for c in columns}
    styles: dict[str, str] = {}
    by_number: dict[int, etree._Element] = {}
    for row in sheet_data.iterfind(_ROW):
        number = int(row.get("r", "0"))
        by_number[number] = row
        if number not in rows:
            continue
        for cell in list(row.iterfind(_C)):
            col = split_coordinate(cell.get("r", "A1"))[0]
            if col in wanted:
                letter = column_letters(col)
                if "s" in cell.attrib and letter not in styles:
                    styles[letter] = cell.get("s", "0")
                row.remove(cell)
    patched: dict[str, bytes] = {}
    styles_part, styles_xml = _formats(package, styles, formats)
    if styles_part is not None and styles_xml is not None:
        patched[styles_part] = styles_xml
    first = rows[0]
    for i, pair in enumerate(data):
        number = first + i
        row = by_number.get(number)
        if row is None:
            row = by_number[number] = etree.SubElement(sheet_data, _ROW, r=str(number))
        for letter, value in zip(columns, pair, strict=True):
            cell = etree.SubElement(row, _C, r=f"{letter}{number}")
            if letter in styles:
                cell.set("s", styles[letter])
            v = etree.SubElement(cell, _V)
            v.text = str(int(value)) if float(value).is_integer() else repr(float(value))
        cells = sorted(row.iterfind(_C), key=lambda c: split_coordinate(c.get("r", "A1"))[0])
        for cell in cells:
            row.remove(cell)
        row.extend(cells)
    for coordinate, note in texts.items():
        _put_text(sheet_data, by_number, coordinate, note)
    ordered = sorted(by_number.items())
    for _, row in ordered:
        sheet_data.remove(row)
    sheet_data.extend(row for _, row in ordered)
    last = first + max(len(data), 1) - 1
    dimension = root.find(f"{{{_MAIN}}}dimension")
    if dimension is not None:
        match = _SQREF.match(dimension.get("ref", ""))
        if match and match[3]:
            end_row = max(int(match[4]), last)
            dimension.set("ref", f"{match[1]}{match[2]}:{match[3]}{end_row}")
    for validation in root.iterfind(f"{{{_MAIN}}}dataValidations/{{{_MAIN}}}dataValidation"):
        refs = []
        for ref in validation.get("sqref", "").split():
            match = _SQREF.match(ref)
            if match and int(match[2]) == first and match[1] in columns:
                ref = f"{match[1]}{first}:{match[3] or match[1]}{max(last, int(match[4] or first))}"
            refs.append(ref)
        validation.set("sqref", " ".join(refs))
    patched[part] = bytes(
        etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)
    )
    patched[package.workbook_part] = _print_area(
        _patch_calc_pr(package, True), package, package_sheet_name(package, part), first, last
    )
    return patched


def package_sheet_name(package: Package, part: str) -> str:
    """The tab name of the worksheet stored in ``part``."""
    return next(s.name for s in package.sheets if s.part == part)


def write_columns(
    *,
    book: str | Path,
    output: str | Path | None,
    keys: layout.Address,
    values: layout.Address,
    data: Sequence[tuple[float, float]],
    merge: bool,
    key_name: str,
    formats: dict[str, str] | None = None,
    texts: dict[str, str] | None = None,
) -> BookWrite:
    """Write (key, value) pairs into two columns of a sheet, atomically.

    Parameters
    ----------
    book, output : path
        The workbook read and the file written (default: ``book`` itself, replaced).
    keys, values : layout.Address
        The two columns of the layout (``layout.PRICE_DATES``, ``layout.PRICE_CLOSES``), on
        one sheet, over the same rows (their count is the sheet's capacity).
    data : sequence of (float, float)
        Keys (Excel date serials or tenors) increasing, with their values.
    merge : bool
        Add to the data already there (a key present with another value is an error).
    key_name : str
        ``date`` or ``tenor``, for messages.
    formats : dict of str to str, optional
        Number format for ``"keys"`` and/or ``"values"``, given where the column's style has
        none (General).
    texts : dict of str to str, optional
        Texts for single cells of the same sheet (``{"D5": "curve of 2017-07-14 ..."}``),
        outside the data columns; each keeps its cell's style.

    Raises
    ------
    WorkbookError
        For a bad workbook, a missing sheet, a merge conflict, more rows than the sheet holds
        or an output that cannot be written; nothing is written then.
    """
    source = Path(book)
    target = source if output is None else Path(output)
    if target.suffix.lower() != source.suffix.lower():
        raise WorkbookError(target, f"must end in {source.suffix} like {source.name}")
    sheet, rows = keys.sheet, keys.rows()
    key_col, value_col = (a.first.rstrip("0123456789") for a in (keys, values))
    by_letter = {
        {"keys": key_col, "values": value_col}[k]: code for k, code in (formats or {}).items()
    }
    package = read_package(source)
    part = package.sheet(sheet).part
    existing = _existing(package, sheet, key_col, value_col, rows) if merge else {}
    pairs = (
        _merge(book=source, sheet=sheet, existing=existing, new=data, key_name=key_name)
        if merge
        else list(data)
    )
    if len(pairs) > len(rows):
        raise WorkbookError(
            source,
            f"{sheet} holds {len(rows):,} rows (rows {rows[0]}-{rows[-1]}), "
            f"got {len(pairs):,} to write",
        )
    patched = _rewrite_sheet(
        package,
        part,
        columns=(key_col, value_col),
        rows=rows,
        data=pairs,
        formats=by_letter,
        texts=texts or {},
    )

    def write(fh: IO[bytes]) -> None:
        with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zout:
            for info in package.infos:
                clone = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                clone.compress_type = info.compress_type
                clone.external_attr = info.external_attr
                zout.writestr(clone, patched.get(info.filename, package.members[info.filename]))

    atomic_write(target, write)
    return BookWrite(output=target, sheet=sheet, rows=len(pairs), kept=len(existing))


def price_pairs(dates: Sequence[dt.date], closes: Sequence[float]) -> list[tuple[float, float]]:
    """(Excel serial, close) pairs for the prices sheet."""
    return [(float(date_to_excel_serial(d)), c) for d, c in zip(dates, closes, strict=True)]
