"""Cached values next to formulas: read them, and write a copy of a workbook with them filled in.

openpyxl never writes the value of a formula (it writes ``<f>...</f><v></v>``), and the
calculation engine can only write a new file of values. So a refreshed workbook is produced
here, at the XML level: for every cell that holds a formula ``<f>`` a ``<v>`` is put right
after it, in the sheet's own text where the sheet was scanned and has no array formula
(:mod:`stockrights.workbooks.sheet_scan`), else in its lxml element tree (the same bytes for
the same change):

=================  ===================================  =====================================
value              ``t`` attribute                      ``<v>``
=================  ===================================  =====================================
number             (none)                               shortest round-trip text, ``326489``
boolean            ``b``                                ``1`` or ``0``
error              ``e``                                ``#NUM!``
text               ``str``                              the text
=================  ===================================  =====================================

A legacy array formula (``<f t="array" ref="D5:E30">``, what a spilled UDF is stored as) gets
a value in every cell of its range; a cell of the range that has no ``<c>`` yet is created, in
order. Every other zip member is copied byte for byte (styles, defined names, validation, notes,
protection, drawings, charts, ``vbaProject.bin``); inside a sheet part only the ``<v>``, ``<is>``
and ``t`` of formula cells change. ``fullCalcOnLoad`` in ``<calcPr>`` is kept unless asked
otherwise.

References
----------
ECMA-376 Part 1, §18.3.1.4 (``c``), §18.3.1.40 (``f``), §18.18.11 (``ST_CellType``), §18.2.2
(``calcPr``).
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import IO

from lxml import etree

from stockrights.workbooks.errors import WorkbookError
from stockrights.workbooks.package import NS, Package, parse_xml, relationships, rels_of
from stockrights.workbooks.sheet_scan import (
    ScannedCell,
    SheetScan,
    attributes_of,
    cell_of,
    splice_values,
    unescape,
)

__all__ = [
    "CellKey",
    "CellValue",
    "ErrorValue",
    "FormulaCell",
    "cell_range",
    "column_index",
    "column_letters",
    "formula_cells",
    "sheet_values",
    "split_coordinate",
    "stored_values",
    "strip_addin_links",
    "write_cached_values",
    "write_calculation_copy",
    "write_values_only",
]

_MAIN = NS["main"]
_C = f"{{{_MAIN}}}c"
_F = f"{{{_MAIN}}}f"
_V = f"{{{_MAIN}}}v"
_IS = f"{{{_MAIN}}}is"
_T = f"{{{_MAIN}}}t"
_PHONETIC = f"{{{_MAIN}}}rPh"
_ROW = f"{{{_MAIN}}}row"
_SHEET_DATA = f"{{{_MAIN}}}sheetData"
_COORDINATE = re.compile(r"^\$?([A-Z]{1,3})\$?([1-9][0-9]{0,6})$")
_SHARED_STRINGS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
)
_CALC_PR_AFTER = ("sheets", "functionGroups", "externalReferences", "definedNames")


@dataclass(frozen=True, slots=True)
class ErrorValue:
    """An Excel error value such as ``#NUM!`` (held apart from text, as Excel does).

    Examples
    --------
    >>> ErrorValue("#N/A")
    ErrorValue(code='#N/A')
    """

    code: str

    def __str__(self) -> str:
        return self.code


CellValue = float | int | bool | str | ErrorValue
"""What a formula cell can hold: a number, a boolean, a text or an error value."""

CellKey = tuple[str, str]
"""(sheet name, coordinate such as ``"B5"``), the coordinate without ``$``."""


@dataclass(frozen=True, kw_only=True, slots=True)
class FormulaCell:
    """A cell that holds a formula, with the value cached in the file (None when there is none).

    Attributes
    ----------
    sheet : str
        Sheet name.
    coordinate : str
        ``"B5"``.
    formula : str
        The formula text without ``=`` (empty for a cell that shares a formula written
        elsewhere: ``<f t="shared" si="0"/>``).
    array_ref : str or None
        The range of a legacy array formula anchored here (``"D5:E30"``).
    cached : CellValue or None
        The value stored next to the formula.
    """

    sheet: str
    coordinate: str
    formula: str
    array_ref: str | None
    cached: CellValue | None


def column_index(letters: str) -> int:
    """1-based column number of column letters: ``"A"`` -> 1, ``"AB"`` -> 28."""
    out = 0
    for ch in letters:
        out = out * 26 + (ord(ch) - 64)
    return out


def column_letters(index: int) -> str:
    """Column letters of a 1-based column number: 1 -> ``"A"``, 28 -> ``"AB"``."""
    out = ""
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def split_coordinate(coordinate: str) -> tuple[int, int]:
    """(column, row), 1-based, of ``"B5"`` (``$`` allowed).

    Raises
    ------
    ValueError
        When the text is not a cell coordinate.
    """
    match = _COORDINATE.match(coordinate.upper())
    if not match:
        raise ValueError(f"coordinate must be like B5, got {coordinate!r}")
    return column_index(match[1]), int(match[2])


def cell_range(ref: str) -> Iterator[str]:
    """Every coordinate of a range ``"D5:E6"`` (or one cell), row by row.

    Examples
    --------
    >>> list(cell_range("D5:E6"))
    ['D5', 'E5', 'D6', 'E6']
    """
    first, _, last = ref.partition(":")
    c1, r1 = split_coordinate(first)
    c2, r2 = split_coordinate(last or first)
    for row in range(min(r1, r2), max(r1, r2) + 1):
        for col in range(min(c1, c2), max(c1, c2) + 1):
            yield f"{column_letters(col)}{row}"


def string_item_text(item: etree._Element) -> str:
    """The text of a string item (``<si>``, ``<is>``): its ``<t>``, or its runs' ``<t>`` joined.

    The reading Excel stores beside Japanese text typed through an IME (``<rPh>``, furigana)
    is not part of the value (ECMA-376 Part 1, 18.4.6).
    """
    return "".join(t.text or "" for t in item.iter(_T) if t.getparent().tag != _PHONETIC)


def _shared_strings(package: Package) -> list[str]:
    rels = relationships(package.path, package.members, package.workbook_part)
    for kind, part in rels.values():
        if kind == _SHARED_STRINGS and part in package.members:
            root = parse_xml(package.path, part, package.members[part]).getroot()
            return [string_item_text(si) for si in root.iterfind("main:si", NS)]
    return []


def _cached(cell: etree._Element, strings: list[str]) -> CellValue | None:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        node = cell.find(_IS)
        return None if node is None else string_item_text(node)
    v = cell.find(_V)
    if v is None or v.text is None:
        return "" if (v is not None and kind == "str") else None
    return _value_of(kind, str(v.text), strings)


def _cached_scanned(cell: ScannedCell, strings: list[str]) -> CellValue | None:
    """:func:`_cached` of a cell found by the scan."""
    if cell.kind == "inlineStr":
        return cell.inline
    if cell.value is None:
        return "" if (cell.has_value and cell.kind == "str") else None
    return _value_of(cell.kind, cell.value, strings)


def _value_of(kind: str, text: str, strings: list[str]) -> CellValue | None:
    """The value a ``<v>`` text stands for, by the cell's ``t``."""
    if kind == "str":
        return text
    if kind == "b":
        return text.strip() in ("1", "true")
    if kind == "e":
        return ErrorValue(text.strip())
    if kind == "s":
        index = int(text)
        return strings[index] if 0 <= index < len(strings) else None
    try:
        return float(text)
    except ValueError:
        return text


def _sheet_cells(
    package: Package, part: str, tree: etree._ElementTree | None = None
) -> tuple[etree._ElementTree, dict[str, etree._Element]]:
    """The sheet's tree (parsed unless given) and every cell by its coordinate."""
    if tree is None:
        tree = parse_xml(package.path, part, package.members[part])
    cells: dict[str, etree._Element] = {}
    data = tree.getroot().find(_SHEET_DATA)
    if data is None:
        return tree, cells
    for row_number, row in enumerate(data.iterfind(_ROW), start=1):
        row_ref = int(row.get("r", row_number))
        for col_number, cell in enumerate(row.iterfind(_C), start=1):
            ref = cell.get("r") or f"{column_letters(col_number)}{row_ref}"
            cells[ref] = cell
    return tree, cells


_FORMULA_CELLS = etree.XPath("main:sheetData/main:row/main:c[main:f]", namespaces=NS)


def _formula_elements(
    package: Package, part: str
) -> tuple[etree._ElementTree, list[tuple[str, etree._Element]], dict[str, etree._Element] | None]:
    """The sheet's tree and its formula cells (coordinate, ``<c>``) in document order.

    When every formula cell says its coordinate (what Excel, LibreOffice and openpyxl write),
    once, the cells are found by one XPath without visiting the others; the dictionary of
    every cell is then None. Otherwise each cell's coordinate is worked out from its position
    (:func:`_sheet_cells`) and the dictionary is returned too.
    """
    tree = parse_xml(package.path, part, package.members[part])
    found = [(cell.get("r"), cell) for cell in _FORMULA_CELLS(tree.getroot())]
    refs = {ref for ref, _ in found}
    if None not in refs and len(refs) == len(found):
        return tree, [(str(ref), cell) for ref, cell in found], None
    tree, cells = _sheet_cells(package, part, tree)
    return tree, [(r, c) for r, c in cells.items() if c.find(_F) is not None], cells


def _scanned_formula_cells(
    sheet: str, scan: SheetScan, strings: Callable[[], list[str]]
) -> list[FormulaCell] | None:
    """:func:`formula_cells` of one scanned sheet (None when a coordinate repeats)."""
    out: list[FormulaCell] = []
    for match in scan.formula_matches:
        ref, value, kind_attributes, inline, attributes, text = match.group(
            "r", "v", "a", "is", "fa", "f"
        )
        if not value and not kind_attributes and inline is None:
            cached: CellValue | None = None  # the common case: <v></v>, <v/> or no <v>, no t
        elif value and not kind_attributes:  # a number as this writer stores it (t is "n")
            cached = _value_of("n", unescape(value), [])
        else:
            cell = cell_of(match)
            cached = _cached_scanned(cell, strings() if cell.kind == "s" else [])
        array_ref = None
        if attributes:
            f = attributes_of(attributes)
            array_ref = f.get("ref") if f.get("t") == "array" else None
        text = text or ""
        out.append(
            FormulaCell(
                sheet=sheet,
                coordinate=ref,
                formula=unescape(text) if "&" in text else text,
                array_ref=array_ref,
                cached=cached,
            )
        )
    if len({cell.coordinate for cell in out}) != len(out):
        return None
    return out


def formula_cells(package: Package) -> tuple[FormulaCell, ...]:
    """Every formula cell of every worksheet, with its cached value, in sheet and row order."""
    strings: list[str] | None = None
    out: list[FormulaCell] = []

    def shared() -> list[str]:
        nonlocal strings
        if strings is None:
            strings = _shared_strings(package)
        return strings

    for sheet in package.sheets:
        scan = package.scans.get(sheet.part)
        if scan is not None:
            scanned = _scanned_formula_cells(sheet.name, scan, shared)
            if scanned is not None:
                out += scanned
                continue
        _, found, _ = _formula_elements(package, sheet.part)
        if found and strings is None:
            strings = _shared_strings(package)
        name = sheet.name
        for ref, cell in found:
            f = cell[0] if cell[0].tag == _F else cell.find(_F)
            if f is None:  # pragma: no cover - selected for their <f>
                continue
            last = cell[-1]  # the common case: <f/><v/>, or <f/><v>number</v>, no t
            if last.tag == _V and len(cell) == 2 and not last.text and cell.get("t") is None:
                cached: CellValue | None = None
            else:
                cached = _cached(cell, strings or [])
            out.append(
                FormulaCell(
                    sheet=name,
                    coordinate=ref,
                    formula=f.text or "",
                    array_ref=f.get("ref") if f.get("t") == "array" else None,
                    cached=cached,
                )
            )
    return tuple(out)


def stored_values(package: Package) -> dict[CellKey, CellValue | None]:
    """The value cached in the file for every formula cell and every array-formula cell.

    ``None`` where a cell has no cached value (a file openpyxl wrote, a cell never calculated).
    """
    strings: list[str] | None = None
    out: dict[CellKey, CellValue | None] = {}
    for sheet in package.sheets:
        _, cells = _sheet_cells(package, sheet.part)
        for ref, cell in cells.items():
            f = cell.find(_F)
            if f is None:
                continue
            if strings is None:
                strings = _shared_strings(package)
            coordinates = [ref]
            if f.get("t") == "array" and f.get("ref"):
                coordinates = list(cell_range(f.get("ref", ref)))
            for coordinate in coordinates:
                node = cells.get(coordinate)
                out[(sheet.name, coordinate)] = None if node is None else _cached(node, strings)
    return out


_EXACT = 2.0**53


def _number_text(value: float) -> str:
    if value.is_integer() and abs(value) < _EXACT:
        return str(int(value))
    return repr(value)


def _kind_and_text(value: CellValue) -> tuple[str, str]:
    """The ``t`` attribute (``n`` for none) and the ``<v>`` text of a value."""
    if isinstance(value, ErrorValue):
        return "e", value.code
    if isinstance(value, bool):
        return "b", "1" if value else "0"
    if isinstance(value, int | float):
        number = float(value)
        if not math.isfinite(number):
            return "e", "#NUM!"
        return "n", _number_text(number)
    return "str", str(value)


def _rewrite_value(cell: etree._Element, value: CellValue) -> bool:
    """Give a cell holding ``<f/><v/>`` and nothing else its new value in place (else False).

    The common case of a refresh (a file refreshed before, or written by Excel): the ``<v>``
    element is kept and only its text and the cell's ``t`` change, which serialises to the
    bytes :func:`_set_value` would write after removing it and adding a new one.
    """
    if len(cell) != 2:
        return False
    f, v = cell[0], cell[1]
    if f.tag != _F or v.tag != _V or v.tail is not None or len(v) or v.attrib:
        return False
    kind, text = _kind_and_text(value)
    v.text = text
    if kind == "n":
        cell.attrib.pop("t", None)
    else:
        cell.set("t", kind)
    return True


def _set_value(cell: etree._Element, value: CellValue, *, values_only: bool = False) -> None:
    if not values_only and _rewrite_value(cell, value):
        return
    for node in cell.findall(_V) + cell.findall(_IS):
        cell.remove(node)
    if values_only:
        for node in cell.findall(_F):
            cell.remove(node)
        if value == "":  # a formula's empty text: a blank cell (keeping its style)
            cell.attrib.pop("t", None)
            return
        if isinstance(value, str):  # a plain text cell: an inline string, not a formula's text
            cell.set("t", "inlineStr")
            inline = etree.SubElement(cell, _IS)
            text = etree.SubElement(inline, _T)
            text.text = value
            if value != value.strip():
                text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            return
    kind, text = _kind_and_text(value)
    if kind == "n":
        cell.attrib.pop("t", None)
    else:
        cell.set("t", kind)
    v = etree.Element(_V)
    v.text = text
    f = cell.find(_F)
    if f is None:
        cell.insert(0, v)
    else:
        f.addnext(v)
        v.tail = None


def _row_element(data: etree._Element, row: int) -> etree._Element:
    before = None
    for node in data.iterfind(_ROW):
        number = int(node.get("r", "0"))
        if number == row:
            return node
        if number > row:
            before = node
            break
    new = etree.Element(_ROW, r=str(row))
    if before is None:
        data.append(new)
    else:
        before.addprevious(new)
    return new


def _new_cell(tree: etree._ElementTree, coordinate: str) -> etree._Element:
    col, row = split_coordinate(coordinate)
    data = tree.getroot().find(_SHEET_DATA)
    if data is None:  # pragma: no cover - a sheet with an array formula has sheetData
        raise ValueError("sheet has no sheetData")
    row_node = _row_element(data, row)
    new = etree.Element(_C, r=coordinate)
    for node in row_node.iterfind(_C):
        if split_coordinate(node.get("r", "A1"))[0] > col:
            node.addprevious(new)
            return new
    row_node.append(new)
    return new


_ISNA_RULE = re.compile(r"^\s*ISNA\(\$?[A-Z]{1,3}\$?[0-9]+\)\s*$", re.IGNORECASE)


def _drop_padding_formats(tree: etree._ElementTree) -> None:
    """Drop the conditional formats that only grey an array's ``#N/A`` padding (``ISNA(A5)``).

    In a values-only copy they would sit on plain values; LibreOffice 7.4 aborts rendering
    such a rule over a plain TRUE/FALSE cell. Other conditional formats stay.
    """
    root = tree.getroot()
    for block in root.findall(f"{{{_MAIN}}}conditionalFormatting"):
        rules = block.findall(f"{{{_MAIN}}}cfRule")
        texts = [(r.findtext(f"{{{_MAIN}}}formula") or "") for r in rules]
        if rules and all(_ISNA_RULE.match(t) for t in texts):
            root.remove(block)


def _splice_sheet(
    package: Package, sheet: str, scan: SheetScan, values: Mapping[CellKey, CellValue]
) -> tuple[bytes | None, int] | None:
    """:func:`_patch_sheet` by splicing the scanned text (None: leave it to the element tree).

    Covers a sheet without array formulas whose formula cells each say their coordinate once
    (the scan's pattern); the bytes are the ones the element tree would be serialised to.
    """
    texts: list[tuple[str, str]] = []
    seen: set[str] = set()
    for match in scan.formula_matches:
        ref, attributes = match.group("r", "fa")
        if attributes and "array" in attributes and attributes_of(attributes).get("t") == "array":
            return None
        if ref in seen:
            return None
        seen.add(ref)
        value = values.get((sheet, ref))
        if value is None:
            raise WorkbookError(package.path, f"no computed value for formula cell {sheet}!{ref}")
        if type(value) is float and -_EXACT < value < _EXACT:  # the common case, inline
            texts.append(("n", str(int(value)) if value.is_integer() else repr(value)))
        else:
            texts.append(_kind_and_text(value))
    if not texts:
        return None, 0
    data = splice_values(scan, texts)
    if data is None:
        return None
    return _declared(data), len(texts)


_DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"


def _declared(data: bytes) -> bytes:
    """The part with the XML declaration lxml writes (in place of the one it had, if any)."""
    if data.startswith(_DECLARATION):
        return data
    if data.startswith(b"<?xml"):
        data = data[data.index(b"?>") + 2 :].lstrip()
    return _DECLARATION + data


def _patch_sheet(
    package: Package,
    sheet: str,
    part: str,
    values: Mapping[CellKey, CellValue],
    *,
    values_only: bool = False,
) -> tuple[bytes | None, int]:
    """The sheet part with values filled in (None when it holds no formula), and the count."""
    scan = package.scans.get(part)
    if scan is not None and not values_only:
        spliced = _splice_sheet(package, sheet, scan, values)
        if spliced is not None:
            return spliced
    tree, found, cells = _formula_elements(package, part)
    written = 0
    arrays: list[tuple[str, str]] = []
    for ref, cell in found:
        f = cell[0] if len(cell) and cell[0].tag == _F else cell.find(_F)
        if f is None:  # pragma: no cover - selected for their <f>
            continue
        if f.get("t") == "array" and f.get("ref"):
            arrays.append((ref, f.get("ref", ref)))
        value = values.get((sheet, ref))
        if value is None:
            raise WorkbookError(package.path, f"no computed value for formula cell {sheet}!{ref}")
        _set_value(cell, value, values_only=values_only)
        written += 1
    if arrays and cells is None:
        cells = _sheet_cells(package, part, tree)[1]
    for anchor, ref in arrays:
        assert cells is not None
        for coordinate in cell_range(ref):
            if coordinate == anchor:
                continue
            value = values.get((sheet, coordinate))
            if value is None:
                raise WorkbookError(
                    package.path,
                    f"no computed value for {sheet}!{coordinate} (array formula {ref})",
                )
            cell = cells.get(coordinate)
            if cell is None:
                cell = cells[coordinate] = _new_cell(tree, coordinate)
            _set_value(cell, value, values_only=values_only)
            written += 1
    if not written:
        return None, 0
    if values_only:
        _drop_padding_formats(tree)
    data = bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True))
    return data, written


def _patch_calc_pr(package: Package, full_calc_on_load: bool) -> bytes:
    tree = parse_xml(package.path, package.workbook_part, package.members[package.workbook_part])
    root = tree.getroot()
    calc = root.find("main:calcPr", NS)
    if calc is None:
        if not full_calc_on_load:
            return package.members[package.workbook_part]
        calc = etree.Element(f"{{{_MAIN}}}calcPr", calcId="191029")
        anchor = None
        for name in _CALC_PR_AFTER:
            found = root.find(f"main:{name}", NS)
            if found is not None:
                anchor = found
        if anchor is None:
            root.insert(0, calc)
        else:
            anchor.addnext(calc)
    if full_calc_on_load:
        calc.set("fullCalcOnLoad", "1")
    else:
        calc.attrib.pop("fullCalcOnLoad", None)
    return bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True))


_DROPPED_FOR_ENGINE = (
    "conditionalFormatting",
    "dataValidations",
    "drawing",
    "legacyDrawing",
    "legacyDrawingHF",
    "hyperlinks",
    "tableParts",
)
_DROPPED_RELATIONSHIPS = frozenset({"comments", "drawing", "vmlDrawing", "table"})


_SHEET_DATA_BLOCK = re.compile(
    rb"<(?P<p>[A-Za-z_][\w.-]*:)?sheetData\b[^>]*?(?:/>|>.*?</(?P=p)?sheetData>)", re.DOTALL
)


def _lean_sheet(package: Package, part: str, *, empty: bool = False) -> bytes:
    if empty:  # a data sheet: drop its cells without parsing thousands of them
        data = package.members[part]
        lean, count = _SHEET_DATA_BLOCK.subn(lambda m: b"<%ssheetData/>" % (m["p"] or b""), data)
        if count == 1:
            return lean
    tree, cells = _sheet_cells(package, part)
    spill: set[str] = set()
    for ref, cell in cells.items():
        f = cell.find(_F)
        if f is not None and f.get("t") == "array" and f.get("ref"):
            spill.update(c for c in cell_range(f.get("ref", ref)) if c != ref)
    for ref, cell in cells.items():
        has_formula = cell.find(_F) is not None
        has_value = cell.find(_V) is not None or cell.find(_IS) is not None
        if empty or ref in spill or not (has_formula or has_value):
            parent = cell.getparent()
            if parent is not None:
                parent.remove(cell)
            continue
        cell.attrib.pop("s", None)
        if has_formula:
            for node in cell.findall(_V) + cell.findall(_IS):
                cell.remove(node)
            cell.attrib.pop("t", None)
            f = cell.find(_F)
            if f is not None and f.text:
                f.text = strip_addin_links(f.text)
    root = tree.getroot()
    for name in _DROPPED_FOR_ENGINE:
        for node in root.findall(f"{{{_MAIN}}}{name}"):
            root.remove(node)
    return bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True))


_ADDIN_LINK = re.compile(r"(?:'[^']*\.xla[mx]?'|\[\d+\])!(?=SAR_)", re.IGNORECASE)


def strip_addin_links(formula: str) -> str:
    r"""Drop the add-in links Excel may put before a UDF's name, for the headless engine.

    A workbook saved while the add-in is installed, or reopened without it, may store
    ``'C:\...\stockrights.xlam'!SAR_BS_PRICE(...)`` or ``[1]!SAR_BS_PRICE(...)``
    (``docs/xlwings.md`` §2.3). The engine needs the bare name; the file keeps what Excel wrote.

    Examples
    --------
    >>> strip_addin_links("='C:\\addins\\stockrights.xlam'!SAR_BS_PRICE(A1)+[1]!SAR_X(B2)")
    '=SAR_BS_PRICE(A1)+SAR_X(B2)'
    """
    return _ADDIN_LINK.sub("", formula)


def _lean_relationships(package: Package, part: str) -> bytes:
    """A sheet's relationships without its notes, drawings and tables (not read by the engine)."""
    root = parse_xml(package.path, part, package.members[part]).getroot()
    for rel in root.findall("rel:Relationship", NS):
        if rel.get("Type", "").rsplit("/", 1)[-1] in _DROPPED_RELATIONSHIPS:
            root.remove(rel)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def sheet_values(package: Package, sheet: str) -> dict[str, CellValue]:
    """The value of every cell of a sheet that holds one (formula cells: the cached value)."""
    strings = _shared_strings(package)
    _, cells = _sheet_cells(package, package.sheet(sheet).part)
    out: dict[str, CellValue] = {}
    for ref, cell in cells.items():
        value = _cached(cell, strings)
        if value is not None:
            out[ref] = value
    return out


def write_calculation_copy(
    package: Package, destination: IO[bytes], *, emptied: Collection[str] = ()
) -> None:
    """Write the lean copy of ``package`` the calculation engine loads (not for users).

    The engine compiles every cell it is given, so the copy keeps only what a calculation needs:
    cells holding a value or a formula (without its cached value), no cell styles, and none of
    the cells an array formula fills besides its anchor; conditional formats, validations,
    drawings and notes are not referred to. The sheets named in ``emptied`` keep no cell at all
    (the engine is handed their values as ranges instead, see
    :func:`stockrights.workbooks.engine.calculate`). Defined names and everything else stay.
    """
    patched = {
        sheet.part: _lean_sheet(package, sheet.part, empty=sheet.name in emptied)
        for sheet in package.sheets
    }
    for sheet in package.sheets:
        rels = rels_of(sheet.part)
        if rels in package.members and sheet.name not in emptied:  # an emptied sheet keeps its
            patched[rels] = _lean_relationships(package, rels)  # parts (and its references)
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_STORED) as zout:
        for info in package.infos:
            zout.writestr(info.filename, patched.get(info.filename, package.members[info.filename]))


def write_cached_values(
    package: Package,
    values: Mapping[CellKey, CellValue],
    destination: IO[bytes],
    *,
    full_calc_on_load: bool | None = None,
) -> int:
    """Write ``package`` to ``destination`` with ``values`` cached next to every formula.

    Parameters
    ----------
    package : Package
        The workbook as read by :func:`stockrights.workbooks.package.read_package`.
    values : Mapping of CellKey to CellValue
        A value for every formula cell, and for every cell of every array-formula range.
    destination : binary file
        Where the new zip goes (a temporary file, see :mod:`stockrights.workbooks.refresh`).
    full_calc_on_load : bool, optional
        ``None`` (default) keeps ``<calcPr fullCalcOnLoad>`` as it is; ``True`` sets it, so that
        Excel recalculates on open; ``False`` removes it.

    Returns
    -------
    int
        Number of cells given a value.

    Raises
    ------
    WorkbookError
        When a formula cell has no value in ``values``.
    """
    return _write(package, values, destination, full_calc_on_load=full_calc_on_load)


def write_values_only(
    package: Package, values: Mapping[CellKey, CellValue], destination: IO[bytes]
) -> int:
    """Write ``package`` with every formula replaced by its value (for readers without add-in).

    Every formula cell (and every cell of an array formula's range) keeps its style and gets
    ``values`` as a plain value: numbers and booleans as such, errors as error values, text as
    an inline string. The calculation chain (``xl/calcChain.xml``, which would point at formulas
    that are gone) and ``fullCalcOnLoad`` are removed; everything else is copied byte for byte.

    Returns
    -------
    int
        Number of cells given a value.
    """
    return _write(package, values, destination, full_calc_on_load=False, values_only=True)


_CALC_CHAIN = "calcChain"


def _without_calc_chain(package: Package, member: str) -> bytes:
    """[Content_Types].xml or a .rels part without its reference to the calculation chain."""
    tree = parse_xml(package.path, member, package.members[member])
    root = tree.getroot()
    for node in list(root):
        target = node.get("PartName", "") + node.get("Type", "")
        if target.rsplit("/", 1)[-1].startswith(_CALC_CHAIN):
            root.remove(node)
    return bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True))


def _write(
    package: Package,
    values: Mapping[CellKey, CellValue],
    destination: IO[bytes],
    *,
    full_calc_on_load: bool | None,
    values_only: bool = False,
) -> int:
    patched: dict[str, bytes] = {}
    dropped: set[str] = set()
    written = 0
    for sheet in package.sheets:
        data, count = _patch_sheet(package, sheet.name, sheet.part, values, values_only=values_only)
        if data is not None:
            patched[sheet.part] = data
        written += count
    if full_calc_on_load is not None:
        patched[package.workbook_part] = _patch_calc_pr(package, full_calc_on_load)
    if values_only:
        dropped = {n for n in package.members if n.rsplit("/", 1)[-1] == f"{_CALC_CHAIN}.xml"}
        for member in ("[Content_Types].xml", rels_of(package.workbook_part)):
            if member in package.members:
                patched[member] = _without_calc_chain(package, member)
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        for info in package.infos:
            if info.filename in dropped:
                continue
            clone = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            clone.compress_type = info.compress_type
            clone.external_attr = info.external_attr
            clone.create_system = info.create_system
            clone.comment = info.comment
            zout.writestr(clone, patched.get(info.filename, package.members[info.filename]))
    return written
