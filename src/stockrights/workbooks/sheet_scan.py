"""A worksheet part's cells in one pass over its text, and formula values written back by splicing.

The workbook layer reads every sheet with lxml (:func:`stockrights.workbooks.package.parse_xml`
checks that it is well-formed and declares no DTD). Listing tens of thousands of cells from an
element tree then costs Python work per element, several times over (counting, listing the
formulas, loading the constants, writing the values). The cells of a sheet written by Excel,
LibreOffice, openpyxl or this package follow one narrow pattern, so they are found here with one
regular expression over the part's text instead, and a refreshed sheet is the original text with
each formula cell's element rebuilt in place:

``<c r="E2" s="3" t="str"><f>...</f><v>...</v></c>``

The scan is **all or nothing**: :func:`scan_sheet` returns None, and the callers use the element
tree as before, unless every ``<c>`` tag of the part is matched by the pattern, the part's main
namespace is its only default namespace and has no prefix, and the part holds no comment, CDATA
section, processing instruction (other than the XML declaration), carriage return or entity in
an attribute. Within the pattern the values read are the ones lxml gives (the five predefined
entities and character references are decoded), and the bytes written are the ones lxml
serialises for the same change (:mod:`stockrights.workbooks.cache_writer`, tested cell by cell).

References
----------
ECMA-376 Part 1, §18.3.1.4 (``c``), §18.3.1.40 (``f``), §18.3.1.96 (``v``), §18.3.1.53 (``is``);
W3C XML 1.0, §2.4 (character data), §2.11 (end-of-line handling), §4.6 (predefined entities).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

__all__ = [
    "ScannedCell",
    "SheetScan",
    "attributes_of",
    "constants",
    "kind_of",
    "scan_sheet",
    "splice_values",
    "unescape",
]

_MAIN_NAMESPACE = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_ROOT = re.compile(
    r'\A(?:<\?xml [^?<>]*\?>\s*)?<worksheet xmlns="' + re.escape(_MAIN_NAMESPACE) + '"[ >/]'
)
_ATTRIBUTE = r' [A-Za-z][\w:.-]*="[^"<&\t\n]*"'
_CELL = re.compile(
    r'<c r="(?P<r>[A-Z]{1,3}[0-9]{1,7})"(?P<a>(?:' + _ATTRIBUTE + r")*)"
    r"(?:/>|>"
    r"(?P<fe><f(?P<fa>(?:" + _ATTRIBUTE + r")*)(?:/>|>(?P<f>[^<]*)</f>))?"
    r"(?P<ve><v>(?P<v>[^<]*)</v>|<v/>)?"
    # An inline string's runs, never past its own cell: a tag that ends the string or the cell,
    # or starts a cell, cannot be inside it (so a cell the pattern refuses costs its own length,
    # not the rest of the sheet's).
    r"(?:<is>(?P<is>(?:[^<]|<(?!/is>|/c>|c[ >/]))*)</is>)?"
    r"</c>)",
)
_CELL_TAG_WITH_WHITESPACE = re.compile(r"<c[\t\n]")
_ATTRIBUTES = re.compile(r'\s([A-Za-z][\w:.-]*)="([^"]*)"')
_INLINE_TEXT = re.compile(r"<t(?:\s[^>]*)?>([^<]*)</t>")
_PHONETIC = re.compile(r"<rPh[\s>].*?</rPh>", re.DOTALL)
_REFERENCE = re.compile(r"&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#x([0-9A-Fa-f]+));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def attributes_of(text: str) -> dict[str, str]:
    """The attributes matched in a tag (``' t="array" ref="E5:F9"'``), by name."""
    return dict(_ATTRIBUTES.findall(text))


_KIND = re.compile(r' t="([^"]*)"')


def kind_of(attributes: str | None) -> str:
    """The ``t`` of a cell from its matched attributes (``"n"`` when it has none)."""
    if not attributes or ' t="' not in attributes:
        return "n"
    found = _KIND.search(attributes)
    return "n" if found is None else found[1]


def inline_text(inline: str) -> str:
    """The text of an ``<is>`` body: every ``<t>`` joined, but those of a phonetic run.

    ``<rPh>`` holds the reading (furigana) Excel stores beside Japanese text typed through an
    IME; it is not part of the value (ECMA-376 Part 1, 18.4.6), as
    :func:`stockrights.workbooks.cache_writer.string_item_text` reads it from the tree.
    """
    return "".join(unescape(t) for t in _INLINE_TEXT.findall(_PHONETIC.sub("", inline)))


def constants(scan: SheetScan) -> Iterator[tuple[str, str, str | None]]:
    """(coordinate, ``t``, text) of every cell without a formula that holds ``<v>`` or ``<is>``.

    The text is the inline string's (its ``<t>`` joined) for ``inlineStr``; else the ``<v>``
    text decoded (``""`` for an empty ``<v>``), None without a ``<v>``.
    """
    for match in scan.matches:
        ref, attributes, formula, has_value, value, inline = match.group(
            "r", "a", "fe", "ve", "v", "is"
        )
        if formula is not None or (has_value is None and inline is None):
            continue
        kind = kind_of(attributes)
        if kind == "inlineStr":
            yield ref, kind, inline_text(inline or "")
        elif has_value is None:
            yield ref, kind, None
        else:
            yield ref, kind, unescape(value) if value else ""


def _decode_reference(match: re.Match[str]) -> str:
    name, decimal, hexadecimal = match.groups()
    if name:
        return _NAMED[name]
    return chr(int(decimal) if decimal else int(hexadecimal, 16))


def unescape(text: str) -> str:
    """Character data as an XML parser reads it (predefined entities, character references).

    Examples
    --------
    >>> unescape("IF($C2&gt;=20,&quot;a&amp;b&quot;,&#x41;)")
    'IF($C2>=20,"a&b",A)'
    """
    return _REFERENCE.sub(_decode_reference, text) if "&" in text else text


@dataclass(frozen=True, slots=True)
class ScannedCell:
    """What one ``<c>`` element stores, its texts decoded as an XML parser reads them.

    Attributes
    ----------
    kind : str
        The ``t`` attribute, ``"n"`` when absent.
    value : str or None
        The text of ``<v>`` (decoded), None for ``<v/>``, ``<v></v>`` or no ``<v>``.
    has_value : bool
        Whether the cell has a ``<v>`` element at all.
    inline : str or None
        The text of an ``<is>`` inline string (every ``<t>`` joined), None without one.
    """

    kind: str
    value: str | None
    has_value: bool
    inline: str | None


@dataclass(frozen=True, slots=True)
class SheetScan:
    """The cells of one worksheet part, found by :func:`scan_sheet`.

    Attributes
    ----------
    text : str
        The part, decoded.
    matches : tuple of re.Match
        One match per ``<c>`` element, in document order.
    formula_matches : tuple of re.Match
        The matches of the cells that hold a formula, in document order.
    """

    text: str
    matches: tuple[re.Match[str], ...]
    formula_matches: tuple[re.Match[str], ...]

    @property
    def cell_count(self) -> int:
        """Cells in the part (every ``<c>`` element)."""
        return len(self.matches)


def cell_of(match: re.Match[str]) -> ScannedCell:
    """The value the cell of one match of the cell pattern stores (see :class:`ScannedCell`)."""
    value, inline = match["v"], match["is"]
    return ScannedCell(
        kind=kind_of(match["a"]),
        value=unescape(value) if value else None,
        has_value=match["ve"] is not None,
        inline=None if inline is None else inline_text(inline),
    )


def scan_sheet(data: bytes) -> SheetScan | None:
    """Every cell of a worksheet part, or None when the part is outside the narrow pattern.

    Parameters
    ----------
    data : bytes
        The part as stored (UTF-8), already checked well-formed by ``parse_xml``.

    Returns
    -------
    SheetScan or None
        None when any ``<c>`` tag is written otherwise (attributes before ``r``, whitespace
        between elements, a child other than ``<f>``, ``<v>``, ``<is>``...), when the main
        namespace has a prefix or another default namespace is declared, or when the part
        holds a comment, CDATA, a processing instruction or a carriage return: the caller then
        reads the element tree.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    root = _ROOT.match(text)
    if (
        root is None
        or text.count("xmlns=") != 1
        or f'="{_MAIN_NAMESPACE}"' in text.replace(f'xmlns="{_MAIN_NAMESPACE}"', "", 1)
        or "<!" in text
        or "\r" in text[root.end() :]  # (Excel ends its declaration with CR LF)
        or text.count("<?") > (1 if text.startswith("<?xml") else 0)
    ):
        return None
    matches = tuple(_CELL.finditer(text))
    tags = text.count("<c ") + text.count("<c>") + text.count("<c/>")
    if len(matches) != tags or _CELL_TAG_WITH_WHITESPACE.search(text):
        return None
    formulas = tuple(match for match in matches if match["fe"] is not None)
    return SheetScan(text=text, matches=matches, formula_matches=formulas)


def _escape(text: str) -> str | None:
    """Character data as lxml serialises it; None for a character XML cannot hold."""
    if _NOT_IN_XML.search(text):
        return None
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r", "&#13;") if "\r" in text else text


def splice_values(scan: SheetScan, values: Sequence[tuple[str, str]]) -> bytes | None:
    """The part with every formula cell given its new value, or None to leave it to lxml.

    Parameters
    ----------
    scan : SheetScan
        The part as scanned.
    values : sequence of (str, str)
        For each formula cell, in the order of ``scan.formula_matches``, the ``t`` to write
        (``"n"``: none) and the text of ``<v>``
        (:func:`stockrights.workbooks.cache_writer._kind_and_text`).

    Returns
    -------
    bytes or None
        None when a text holds a character XML 1.0 cannot (lxml refuses it with its own
        error). Otherwise the part with each formula cell rebuilt as lxml writes the same
        change: the cell's attributes in their order with ``t`` replaced in place, dropped for
        a number or added last; its ``<f>`` as it was; ``<v>`` with the value; nothing else
        (an ``<is>`` is dropped).
    """
    text = scan.text
    out: list[str] = []
    at = 0
    for match, (kind, value) in zip(scan.formula_matches, values, strict=True):
        if kind == "str":
            escaped = _escape(value)
            if escaped is None:
                return None
            value = escaped
        ref, attributes, formula = match.group("r", "a", "fe")
        if attributes:
            pairs = _ATTRIBUTES.findall(attributes)
            if any(n == "t" for n, _ in pairs):
                pairs = [(n, kind if n == "t" else v) for n, v in pairs if n != "t" or kind != "n"]
            elif kind != "n":
                pairs.append(("t", kind))
            attributes = "".join(f' {n}="{v}"' for n, v in pairs)
        elif kind != "n":
            attributes = f' t="{kind}"'
        start, end = match.span()
        out.append(text[at:start])
        out.append(f'<c r="{ref}"{attributes}>{formula}<v>{value}</v></c>')
        at = end
    out.append(text[at:])
    return "".join(out).encode("utf-8")
