"""Open an .xlsx/.xlsm file defensively: the zip container, its XML parts and the sheet map.

Every file the workbook layer reads goes through :func:`read_package` first, before openpyxl or the
calculation engine sees it, so that a bad file fails early with one line naming the file and the
problem, and nothing is written:

=========================================  ===================================================
the file                                   the error says
=========================================  ===================================================
missing, a directory                       ``no such file`` / ``is not a file``
an encrypted OLE container (a password     ``is password-protected (an encrypted OLE
set in Excel)                              container); save it without a password``
another OLE file (an old .xls)             ``is an OLE compound file (an old .xls?) ...``
not a zip                                  ``is not an xlsx workbook (not a zip file)``
truncated, a bad CRC                       ``is truncated or corrupt (...)``
too many members, a member or the whole    ``... more than the limit ...`` (a zip bomb)
expanding beyond a limit, a ratio above
the limit
a member that is not well-formed XML       ``is corrupt: <member> is not well-formed XML ...``
an XML part with a DTD                     ``<member> declares a DTD (entity expansion: an XML
                                           bomb?)``, refused whatever the DTD holds: no
                                           OOXML part has one
no workbook part, a binary .xlsb           ``is not an xlsx workbook (...)``
=========================================  ===================================================

XML is parsed with lxml and ``resolve_entities=False``, ``no_network=True``, ``load_dtd=False``
and ``huge_tree=False`` (lxml's own limits on depth and text size stay on).

References
----------
ECMA-376 Part 2 (Open Packaging Conventions): the ``_rels/.rels`` office-document relationship,
``xl/_rels/workbook.xml.rels``; [MS-OFFCRYPTO] §2.3.4 (an encrypted workbook is an OLE compound
file holding ``EncryptionInfo`` and ``EncryptedPackage``).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from lxml import etree

from stockrights.workbooks.errors import WorkbookError
from stockrights.workbooks.sheet_scan import SheetScan, attributes_of, scan_sheet, unescape

__all__ = [
    "NS",
    "Limits",
    "Package",
    "SheetPart",
    "parse_xml",
    "range_cells",
    "read_package",
    "relationships",
    "rels_of",
]

NS = {
    "main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
"""The OOXML namespaces the workbook layer reads."""

_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
_WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_XML_SUFFIXES = (".xml", ".rels", ".vml")


@dataclass(frozen=True, kw_only=True, slots=True)
class Limits:
    """Size limits that keep a hostile file from exhausting memory (defaults suit workbooks).

    Every limit is checked against what the file really contains (bytes actually inflated, cells
    and XML tags actually present), never only against what a header or a range claims. The
    defaults keep the peak memory of a refresh under 1 GB for any input (the example workbook:
    about 200 MB; its largest part is 0.3 MB with 6,000 cells).

    Attributes
    ----------
    max_members : int
        Zip members, at most (default 1,000; the templates have 40).
    max_member_bytes : int
        Uncompressed bytes of one member, at most (default 64 MiB), counted while inflating.
    max_total_bytes : int
        Uncompressed bytes of all members together, at most (default 128 MiB), counted while
        inflating.
    max_ratio : float
        Uncompressed / compressed size of a member larger than 1 MiB, at most (a zip bomb
        compresses far better than any real workbook part).
    max_xml_tags : int
        Tags (``<``) in one XML part, at most (default 1,000,000): bounds the parsed tree, about
        250 bytes per element in lxml.
    max_cells : int
        Cells (``<c>`` elements) in all worksheets together, at most (default 200,000).
    max_cells_with_formulas : int
        Cells on the worksheets that hold a formula, at most (default 100,000): a workbook
        calculated by formula shape holds a few hundred bytes per cell (a 40,000-formula
        register, 56,000 cells on its sheet: under 250 MB at peak); sheets of data alone are
        read as values.
    max_cells_cell_by_cell : int
        The same count for a workbook the shape path does not cover, which ``formulas``
        compiles cell by cell (about 8 kB each), at most (default 20,000); checked by
        :func:`stockrights.workbooks.engine.calculate` before it falls back.
    max_range_cells : int
        Cells of one range, at most (default 100,000): an array formula's range, a range a
        formula refers to (``A1:C9``, ``A:A`` is 1,048,576 cells) or a defined name a formula
        uses. The engine materialises a range from its claimed extent (a whole column: 0.7 GB).
    """

    max_members: int = 1_000
    max_member_bytes: int = 64 * 2**20
    max_total_bytes: int = 128 * 2**20
    max_ratio: float = 200.0
    max_xml_tags: int = 1_000_000
    max_cells: int = 200_000
    max_cells_with_formulas: int = 100_000
    max_cells_cell_by_cell: int = 20_000
    max_range_cells: int = 100_000


@dataclass(frozen=True, kw_only=True, slots=True)
class SheetPart:
    """One worksheet: its name as the tab shows it and its part in the zip."""

    name: str
    part: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Package:
    """A workbook file read into memory and checked (see the module docstring).

    Attributes
    ----------
    path : Path
        The file it was read from.
    infos : tuple of zipfile.ZipInfo
        The zip members in their original order (names, dates, compression).
    members : Mapping of str to bytes
        Every member's uncompressed content.
    workbook_part : str
        The workbook part, usually ``xl/workbook.xml``.
    sheets : tuple of SheetPart
        The worksheets in tab order (chart sheets and dialog sheets are not listed).
    limits : Limits
        The limits the file was read under.
    cells_with_formulas : int
        Cells on the worksheets that hold a formula (see :class:`Limits`).
    scans : Mapping of str to SheetScan or None
        Each worksheet part's cells found in one pass over its text
        (:func:`~stockrights.workbooks.sheet_scan.scan_sheet`); None for a part outside the
        scan's pattern, which is read from its element tree.
    """

    path: Path
    infos: tuple[zipfile.ZipInfo, ...]
    members: Mapping[str, bytes] = field(repr=False)
    workbook_part: str
    sheets: tuple[SheetPart, ...]
    limits: Limits = field(default_factory=Limits)
    cells_with_formulas: int = 0
    scans: Mapping[str, SheetScan | None] = field(default_factory=dict, repr=False)

    def sheet(self, name: str) -> SheetPart:
        """The worksheet called ``name`` (Excel compares sheet names case-insensitively).

        Raises
        ------
        WorkbookError
            When the workbook has no such sheet.
        """
        for s in self.sheets:
            if s.name.casefold() == name.casefold():
                return s
        raise WorkbookError(self.path, f"has no sheet named {name!r}")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def parse_xml(path: Path, member: str, data: bytes) -> etree._ElementTree:
    """Parse one XML part safely (no entities, no network, no DTD, lxml's size limits).

    Raises
    ------
    WorkbookError
        When the part is not well-formed or declares a DTD.
    """
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:  # refused before libxml2 sees it
        raise WorkbookError(
            path, f"{member} declares a DTD (entity expansion: an XML bomb?); refused"
        )
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser()))
    except etree.XMLSyntaxError as exc:
        message = " ".join(str(exc).split())
        raise WorkbookError(
            path, f"is corrupt: {member} is not well-formed XML ({message})"
        ) from None
    docinfo = tree.docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise WorkbookError(
            path, f"{member} declares a DTD (entity expansion: an XML bomb?); refused"
        )
    return tree


def _check_header(path: Path) -> None:
    if not path.exists():
        raise WorkbookError(path, "no such file")
    if not path.is_file():
        raise WorkbookError(path, "is not a file")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == _OLE_MAGIC:
        content = path.read_bytes()
        if "EncryptedPackage".encode("utf-16-le") in content:
            raise WorkbookError(
                path,
                "is password-protected (an encrypted OLE container); save it without a password",
            )
        raise WorkbookError(
            path, "is an OLE compound file (an old .xls?), not an .xlsx or .xlsm workbook"
        )
    if not head.startswith(_ZIP_MAGICS):
        raise WorkbookError(path, "is not an xlsx workbook (not a zip file)")


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Refuse what the zip's headers declare beyond the limits (before reading anything)."""
    if len(infos) > limits.max_members:
        raise WorkbookError(
            path, f"has {len(infos):,} zip members, more than the limit of {limits.max_members:,}"
        )
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise WorkbookError(path, f"zip member {info.filename} is encrypted")
        _check_member(path, info, info.file_size, limits)
        total += info.file_size
    _check_total(path, total, limits)


def _check_member(path: Path, info: zipfile.ZipInfo, size: int, limits: Limits) -> None:
    if size > limits.max_member_bytes:
        raise WorkbookError(
            path,
            f"zip member {info.filename} expands to {size:,} bytes, more than the "
            f"limit of {limits.max_member_bytes:,}",
        )
    if size > 2**20 and size > limits.max_ratio * max(info.compress_size, 1):
        raise WorkbookError(
            path,
            f"zip member {info.filename} expands "
            f"{size / max(info.compress_size, 1):.0f} times, more than the limit "
            f"of {limits.max_ratio:.0f} (a zip bomb?)",
        )


def _check_total(path: Path, total: int, limits: Limits) -> None:
    if total > limits.max_total_bytes:
        raise WorkbookError(
            path,
            f"expands to {total:,} bytes in all, more than the limit of {limits.max_total_bytes:,}",
        )


_CHUNK = 2**20


def _inflate(
    path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, so_far: int
) -> bytes:
    """One member, inflated chunk by chunk with the limits checked on the bytes really read."""
    chunks: list[bytes] = []
    size = 0
    with zf.open(info) as fh:
        while chunk := fh.read(_CHUNK):
            size += len(chunk)
            _check_member(path, info, size, limits)
            _check_total(path, so_far + size, limits)
            chunks.append(chunk)
    return b"".join(chunks)


def _read_members(
    path: Path, limits: Limits
) -> tuple[tuple[zipfile.ZipInfo, ...], dict[str, bytes]]:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            _check_sizes(path, infos, limits)
            members: dict[str, bytes] = {}
            total = 0
            for info in infos:
                if info.filename in members:
                    raise WorkbookError(path, f"is corrupt: zip member {info.filename} twice")
                data = _inflate(path, zf, info, limits, total)
                if len(data) != info.file_size:  # zipfile stops at the declared size
                    raise WorkbookError(
                        path,
                        f"is corrupt: zip member {info.filename} holds {len(data)} bytes, "
                        f"its header says {info.file_size}",
                    )
                total += len(data)
                members[info.filename] = data
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        message = " ".join(str(exc).split()) or type(exc).__name__
        raise WorkbookError(path, f"is truncated or corrupt ({message})") from None
    return tuple(infos), members


def relationships(
    path: Path, members: Mapping[str, bytes], part: str
) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, target part) of a part (``""`` for the package's own).

    Targets are resolved against the part's folder; external targets are left out.
    """
    rels_part = rels_of(part)
    if rels_part not in members:
        return {}
    tree = parse_xml(path, rels_part, members[rels_part])
    source_dir = posixpath.dirname(part)
    out: dict[str, tuple[str, str]] = {}
    for rel in tree.getroot().iterfind("rel:Relationship", NS):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        part = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(source_dir, target))
        )
        out[rel.get("Id", "")] = (rel.get("Type", ""), part)
    return out


_MAX_ROW = 1_048_576
_MAX_COLUMN = 16_384
_QUOTED = re.compile(r'"(?:[^"]|"")*"|\'(?:[^\']|\'\')*\'')


class _NoTree:
    """A parser target that builds nothing: the parse only checks that the part is well-formed."""

    def close(self) -> None:
        return None


def _check_well_formed(path: Path, member: str, data: bytes) -> None:
    """:func:`parse_xml`'s check of a part, without building its tree (about 4x faster).

    For a part the sheet scan read (UTF-8, no DTD). libxml2 reports namespace errors (a prefix
    never declared) to a target parser without failing; any error, or any doubt, and the part
    is parsed by :func:`parse_xml`, which raises its own one-line error.
    """
    parser = etree.XMLParser(
        target=_NoTree(),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
    )
    try:
        etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        parse_xml(path, member, data)
        return
    if any(entry.level >= etree.ErrorLevels.ERROR for entry in parser.error_log):
        parse_xml(path, member, data)


_END = r"\$?(?:[A-Za-z]{1,3}\$?[0-9]{1,7}|[A-Za-z]{1,3}|[0-9]{1,7})"
_RANGE = re.compile(rf"(?<![\w.$])({_END}):({_END})(?![\w.(])")
_NAME_TOKEN = re.compile(r"[A-Za-z_\\][\w.]*")


def _end(text: str) -> tuple[int | None, int | None]:
    """(column, row) of one end of a range; None for the part a whole row or column omits."""
    text = text.replace("$", "").upper()
    letters = text.rstrip("0123456789")
    digits = text[len(letters) :]
    column = 0
    for ch in letters:
        column = column * 26 + ord(ch) - 64
    return (column or None), (int(digits) if digits else None)


def range_cells(ref: str) -> int:
    """Cells a range covers, from its text alone (nothing is materialised).

    Examples
    --------
    >>> range_cells("A56:XFD1048576"), range_cells("B:B"), range_cells("$3:$4"), range_cells("C7")
    (17178968064, 1048576, 32768, 1)
    """
    first, _, last = ref.partition(":")
    (c1, r1), (c2, r2) = _end(first), _end(last or first)
    if c1 is None or c2 is None:  # whole rows
        c1, c2 = 1, _MAX_COLUMN
    if r1 is None or r2 is None:  # whole columns
        r1, r2 = 1, _MAX_ROW
    return (abs(c2 - c1) + 1) * (abs(r2 - r1) + 1)


def _ranges_in(formula: str) -> list[str]:
    """The ranges (``A1:C9``, ``A:A``, ``3:4``) a formula or a name's text refers to."""
    text = _QUOTED.sub(" ", formula) if ('"' in formula or "'" in formula) else formula
    return [f"{m[1]}:{m[2]}" for m in _RANGE.finditer(text)]


def _check_range(path: Path, where: str, ref: str, limits: Limits) -> None:
    cells = range_cells(ref)
    if cells > limits.max_range_cells:
        raise WorkbookError(
            path,
            f"{where} {ref.replace('$', '')} ({cells:,} cells), more than the limit of "
            f"{limits.max_range_cells:,} cells in one range",
        )


def _check_extent(
    path: Path,
    members: Mapping[str, bytes],
    sheets: list[SheetPart],
    workbook: etree._Element,
    limits: Limits,
    scans: dict[str, SheetScan | None],
) -> int:
    """Refuse what would make the engine materialise more than the file holds.

    Counts the cells really present (all sheets, sheets with formulas) and measures every
    range an array formula spans or a formula refers to, and every workbook-scoped defined
    name that a formula uses, against :class:`Limits`. Each sheet part is parsed here, once
    (its well-formedness and DTD checked as for every part) and scanned
    (:func:`~stockrights.workbooks.sheet_scan.scan_sheet`, into ``scans``). Returns the count of
    cells on sheets with formulas.
    """
    cells = with_formulas = 0
    tokens: set[str] = set()
    seen: dict[str, list[str]] = {}  # formula text -> its ranges (a text repeats down a column)
    sources: list[etree._Element | SheetScan] = []  # where the formula texts are
    for sheet in sheets:
        data = members[sheet.part]
        scan = scans[sheet.part] = scan_sheet(data)
        if scan is None:
            root = parse_xml(path, sheet.part, data).getroot()
            count = int(_COUNT_CELLS(root))
            formulas, checked = _formulas(root, None)
            sources.append(root)
        else:
            _check_well_formed(path, sheet.part, data)
            count = scan.cell_count
            formulas, checked = _formulas(None, scan)
            sources.append(scan)
        for where_cell, text, attributes in checked:
            is_array = attributes.get("t") == "array" and attributes.get("ref")
            found = seen.get(text)
            if found is None:  # a range has a colon: most texts have none
                found = seen[text] = _ranges_in(text) if ":" in text else []
            if not (found or is_array):
                continue
            where = f"{sheet.name}!{where_cell or '?'}"
            if is_array:
                _check_range(
                    path, f"the array formula in {where} spans", attributes.get("ref", ""), limits
                )
            for ref in found:
                _check_range(path, f"the formula in {where} refers to", ref, limits)
        cells += count
        if formulas:
            with_formulas += count
    if cells > limits.max_cells:
        raise WorkbookError(
            path, f"has {cells:,} cells, more than the limit of {limits.max_cells:,}"
        )
    if with_formulas > limits.max_cells_with_formulas:
        raise WorkbookError(
            path,
            f"has {with_formulas:,} cells on sheets with formulas, more than the limit of "
            f"{limits.max_cells_with_formulas:,} (keep long data on a sheet of its own)",
        )
    for node in workbook.iterfind("main:definedNames/main:definedName", NS):
        name = node.get("name", "")
        if node.get("localSheetId") is not None:
            continue
        for ref in _ranges_in(node.text or ""):
            if range_cells(ref) <= limits.max_range_cells:
                continue
            if not tokens:  # the names formulas use, read only when a name is too large
                for text in _formula_texts(sources):
                    tokens.update(t.upper() for t in _NAME_TOKEN.findall(_QUOTED.sub(" ", text)))
            if name.upper() in tokens:
                _check_range(path, f"the defined name {name} refers to", ref, limits)
    return with_formulas


_COUNT_CELLS = etree.XPath("count(.//main:c)", namespaces=NS)
_FORMULAS = etree.XPath(".//main:c/main:f", namespaces=NS)


def _formulas(
    root: etree._Element | None, scan: SheetScan | None
) -> tuple[int, list[tuple[str | None, str, Mapping[str, str]]]]:
    """How many formula cells a sheet has, and those whose extent must be measured.

    The latter are (cell coordinate, formula text, ``<f>`` attributes) of the cells whose text
    has a colon (a range) or whose ``<f>`` has attributes (an array formula); from the scan,
    one look at each match, without a tuple for the others.
    """
    if scan is None:
        assert root is not None  # (one of the two is given)
        out: list[tuple[str | None, str, Mapping[str, str]]] = []
        found = _FORMULAS(root)
        for f in found:
            text = f.text or ""
            if ":" in text or f.attrib:
                cell = f.getparent()
                out.append((None if cell is None else cell.get("r"), text, f.attrib))
        return len(found), out
    empty: Mapping[str, str] = {}
    checked = []
    for m in scan.formula_matches:
        text, attributes = m.group("f", "fa")
        if (text and ":" in text) or attributes:
            checked.append(
                (
                    m["r"],
                    unescape(text or ""),
                    attributes_of(attributes) if attributes else empty,
                )
            )
    return len(scan.formula_matches), checked


def _formula_texts(sources: list[etree._Element | SheetScan]) -> Iterator[str]:
    """Every formula text of the sheets (decoded)."""
    for source in sources:
        if isinstance(source, SheetScan):
            for m in source.formula_matches:
                yield unescape(m["f"] or "")
        else:
            for f in _FORMULAS(source):
                yield f.text or ""


def _worksheet_parts(path: Path, members: Mapping[str, bytes]) -> frozenset[str]:
    """The parts the workbook's relationships call worksheets (empty when they cannot be read).

    These are parsed once, by :func:`_check_extent`, instead of twice; when the relationships
    themselves are broken every part is parsed in order, and the error is the one it was.
    """
    try:
        office = [
            part
            for kind, part in relationships(path, members, "").values()
            if kind == _OFFICE_DOCUMENT
        ]
        if not office or office[0] not in members:
            return frozenset()
        return frozenset(
            part
            for kind, part in relationships(path, members, office[0]).values()
            if kind == _WORKSHEET and part in members
        )
    except WorkbookError:
        return frozenset()


def rels_of(part: str) -> str:
    """The relationships part of a part: ``xl/workbook.xml`` -> ``xl/_rels/workbook.xml.rels``."""
    return posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")


def read_package(path: str | Path, *, limits: Limits | None = None) -> Package:
    """Read and check a workbook file (see the module docstring for what is refused).

    Parameters
    ----------
    path : str or Path
        An .xlsx or .xlsm file.
    limits : Limits, optional
        Size limits; the defaults suit any real workbook.

    Returns
    -------
    Package

    Raises
    ------
    WorkbookError
        For every problem in the module docstring's table; the message names the file.

    Examples
    --------
    >>> read_package("missing.xlsx")
    Traceback (most recent call last):
    ...
    stockrights.workbooks.errors.WorkbookError: missing.xlsx: no such file
    """
    file = Path(path)
    limits = limits or Limits()
    _check_header(file)
    infos, members = _read_members(file, limits)
    xml_parts = [
        name for name in members if name.endswith(_XML_SUFFIXES) or name == "[Content_Types].xml"
    ]
    for name in xml_parts:
        tags = members[name].count(b"<")
        if tags > limits.max_xml_tags:
            raise WorkbookError(
                file,
                f"{name} holds {tags:,} XML tags, more than the limit of {limits.max_xml_tags:,}",
            )
    sheet_parts = _worksheet_parts(file, members)
    for name in xml_parts:
        if name not in sheet_parts:  # worksheets are parsed once, by _check_extent
            parse_xml(file, name, members[name])
    if "[Content_Types].xml" not in members:
        raise WorkbookError(file, "is not an xlsx workbook (no [Content_Types].xml)")
    office = [
        part for kind, part in relationships(file, members, "").values() if kind == _OFFICE_DOCUMENT
    ]
    if not office or office[0] not in members:
        raise WorkbookError(file, "is not an xlsx workbook (no workbook part)")
    workbook_part = office[0]
    if workbook_part.endswith(".bin"):
        raise WorkbookError(
            file, "is a binary .xlsb workbook; save it as .xlsx or .xlsm to refresh it"
        )
    rels = relationships(file, members, workbook_part)
    root = parse_xml(file, workbook_part, members[workbook_part]).getroot()
    sheets: list[SheetPart] = []
    for node in root.iterfind("main:sheets/main:sheet", NS):
        kind, part = rels.get(node.get(f"{{{NS['r']}}}id", ""), ("", ""))
        if kind != _WORKSHEET:
            continue  # chart sheets, dialog sheets, macro sheets: no cells to refresh
        if part not in members:
            raise WorkbookError(
                file, f"is corrupt: sheet {node.get('name')!r} points to missing part {part}"
            )
        sheets.append(SheetPart(name=node.get("name", ""), part=part))
    for part in sheet_parts - {sheet.part for sheet in sheets}:
        parse_xml(file, part, members[part])  # a worksheet no tab lists: checked all the same
    scans: dict[str, SheetScan | None] = {}
    with_formulas = _check_extent(file, members, sheets, root, limits, scans)
    return Package(
        path=file,
        infos=infos,
        members=MappingProxyType(members),
        workbook_part=workbook_part,
        sheets=tuple(sheets),
        limits=limits,
        cells_with_formulas=with_formulas,
        scans=MappingProxyType(scans),
    )
