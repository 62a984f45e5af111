"""The sheet scan reads what lxml reads, writes what lxml writes, and steps aside when unsure.

Every workbook the other tests refresh is also cross-checked against the element tree (see
``conftest.py``); here the scan meets hand-written sheets: every kind of cell, escaped
characters, and each way a sheet can fall outside its pattern.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from stockrights.workbooks import cache_writer, columns
from stockrights.workbooks.cache_writer import ErrorValue, formula_cells
from stockrights.workbooks.engine import calculate
from stockrights.workbooks.errors import WorkbookError
from stockrights.workbooks.package import read_package
from stockrights.workbooks.sheet_scan import _CELL, scan_sheet, unescape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
    '<sheets><sheet name="calc" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
    f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
_STRINGS = ("株式報酬型", "a & b", "<tag>")
_SHARED = (
    f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">'
    + "".join(
        f"<si><t>{s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}</t></si>"
        for s in _STRINGS
    )
    + "</sst>"
)


def _book(path: Path, sheet: str | bytes, *, shared: str = _SHARED) -> Path:
    """A one-sheet workbook whose sheet part is ``sheet`` exactly."""
    data = sheet.encode("utf-8") if isinstance(sheet, str) else sheet
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _ROOT_RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", data)
        z.writestr("xl/sharedStrings.xml", shared)
    return path


def _sheet(cells: str, *, head: str = "") -> str:
    root = f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}">'
    return f"{head}{root}<sheetData>{cells}</sheetData></worksheet>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _constants(package: object) -> list[tuple[str, str, str | None]]:
    found, _ = columns._constants(package, "xl/worksheets/sheet1.xml")  # type: ignore[arg-type]
    return list(found)


def _both_ways(path: Path) -> tuple[object, object]:
    package = read_package(path)
    return package, dataclasses.replace(package, scans={})


# --- what a cell can hold --------------------------------------------------------------------

_TEXT = st.text(alphabet=st.sampled_from([*"ab 1.,;:$&<>\"'=()株価\t\n", "😀"]), max_size=12)
_FORMULA = st.one_of(
    st.just("A1*2"),
    st.just('IF($C2>=20,"large","small")'),
    _TEXT.map(lambda t: '"' + t.replace('"', '""') + '"'),
)


@st.composite
def _cell(draw: st.DrawFn, coordinate: str) -> tuple[str, dict[str, object]]:
    """(the ``<c>`` element as a file may spell it, what it holds)."""
    style = draw(st.sampled_from(["", ' s="3"']))
    formula = draw(st.none() | _FORMULA)
    kind = draw(st.sampled_from(["n", "str", "b", "e", "s", "inlineStr", "none"]))
    f = "" if formula is None else f"<f>{_escape(formula)}</f>"
    if kind == "inlineStr" and formula is None:
        text = draw(_TEXT)
        body = f'<c r="{coordinate}"{style} t="inlineStr"><is><t>{_escape(text)}</t></is></c>'
        return body, {"formula": None, "kind": kind}
    if kind == "none":
        empty = f'<c r="{coordinate}"{style}/>'
        body = f'<c r="{coordinate}"{style}>{f}<v></v></c>' if f else empty
        return body, {"formula": formula, "kind": kind}
    value = {
        "n": draw(st.sampled_from(["1", "2.5", "-0.001", "1E+20", "326485"])),
        "str": _escape(draw(_TEXT)),
        "b": draw(st.sampled_from(["0", "1"])),
        "e": draw(st.sampled_from(["#N/A", "#DIV/0!", "#VALUE!"])),
        "s": str(draw(st.integers(0, len(_STRINGS) - 1))),
        "inlineStr": "0",
    }[kind]
    if kind == "inlineStr":  # a formula's cached text as an inline string
        t = ' t="inlineStr"'
        body = f'<c r="{coordinate}"{style}{t}>{f}<is><t>{_escape(draw(_TEXT))}</t></is></c>'
        return body, {"formula": formula, "kind": kind}
    t = "" if kind == "n" and draw(st.booleans()) else f' t="{kind}"'
    if kind == "e" and formula is None:
        kind, t, value = "n", "", "7"  # an error constant is left to formulas (see columns)
    return f'<c r="{coordinate}"{style}{t}>{f}<v>{value}</v></c>', {"formula": formula}


@st.composite
def _sheets(draw: st.DrawFn) -> tuple[str, list[str]]:
    rows = draw(st.integers(1, 4))
    out, formulas = [], []
    for r in range(1, rows + 1):
        cells = []
        for c in "ABC"[: draw(st.integers(1, 3))]:
            body, held = draw(_cell(f"{c}{r}"))
            cells.append(body)
            if held["formula"] is not None:
                formulas.append(f"{c}{r}")
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    return _sheet("".join(out)), formulas


_VALUES = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(-(10**6), 10**6),
    st.booleans(),
    _TEXT,
    st.sampled_from(["line\r\nbreak", "\r", " lead and trail "]),
    st.sampled_from([ErrorValue("#N/A"), ErrorValue("#NUM!")]),
)


@given(sheet=_sheets(), data=st.data())
def test_the_scan_reads_and_writes_what_the_element_tree_does(
    tmp_path_factory: pytest.TempPathFactory, sheet: tuple[str, list[str]], data: st.DataObject
) -> None:
    text, formulas = sheet
    folder = tmp_path_factory.mktemp("scan")
    root = etree.fromstring(text.encode())
    styles = {
        "compact": text.encode(),  # as a hand or another program writes it
        "lxml": cache_writer._DECLARATION + etree.tostring(root, encoding="UTF-8"),
        "references": etree.tostring(root),  # non-ASCII as character references
    }
    for name, part in styles.items():
        scanned, tree = _both_ways(_book(folder / f"{name}.xlsx", part))
        assert scanned.scans["xl/worksheets/sheet1.xml"] is not None  # type: ignore[attr-defined]
        assert formula_cells(scanned) == formula_cells(tree)  # type: ignore[arg-type]
        assert _constants(scanned) == _constants(tree)
        values = {("calc", ref): data.draw(_VALUES) for ref in formulas}
        got = cache_writer._patch_sheet(scanned, "calc", "xl/worksheets/sheet1.xml", values)  # type: ignore[arg-type]
        want = cache_writer._patch_sheet(tree, "calc", "xl/worksheets/sheet1.xml", values)  # type: ignore[arg-type]
        assert got[1] == want[1] == len(formulas)
        if name == "lxml":
            assert got[0] == want[0]
        elif got[0] is not None and want[0] is not None:
            assert etree.tostring(etree.fromstring(got[0]), method="c14n") == etree.tostring(
                etree.fromstring(want[0]), method="c14n"
            )


@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20))
def test_unescape_reads_character_data_as_lxml_does(text: str) -> None:
    escaped = _escape(text).replace('"', "&quot;").replace("'", "&#39;").replace("é", "&#xE9;")
    allowed = all(ch in "\t\n" or ch >= " " for ch in text) and "\r" not in text
    if allowed and not any(0xFFFE <= ord(ch) <= 0xFFFF for ch in text):
        assert unescape(escaped) == (etree.fromstring(f"<t>{escaped}</t>").text or "")


# --- stepping aside ---------------------------------------------------------------------------

_FORMULA_CELL = '<row r="1"><c r="A1"><v>2</v></c><c r="B1"><f>A1*2</f><v></v></c></row>'

_OUTSIDE = {
    "prefixed main namespace": (
        f'<x:worksheet xmlns:x="{MAIN}"><x:sheetData><x:row r="1"><x:c r="B1"><x:f>A1*2</x:f>'
        "</x:c></x:row></x:sheetData></x:worksheet>"
    ),
    "a comment": _sheet(f"<!-- a note -->{_FORMULA_CELL}"),
    "CDATA": _sheet('<row r="1"><c r="B1" t="str"><f><![CDATA[A1*2]]></f><v></v></c></row>'),
    "an attribute before r": _sheet('<row r="1"><c s="1" r="B1"><f>A1*2</f><v></v></c></row>'),
    "whitespace between elements": _sheet(
        '<row r="1"><c r="B1">\n  <f>A1*2</f>\n  <v></v>\n</c></row>'
    ),
    "whitespace in the tag": _sheet('<row r="1"><c\n r="B1"><f>A1*2</f><v></v></c></row>'),
    "single quotes": _sheet("<row r=\"1\"><c r='B1'><f>A1*2</f><v></v></c></row>"),
    "a child the pattern does not know": _sheet(
        '<row r="1"><c r="B1"><f>A1*2</f><v>4</v><extLst/></c></row>'
    ),
    "a carriage return in a formula": _sheet('<row r="1"><c r="B1"><f>A1*\r2</f></c></row>'),
    "a second default namespace": _sheet(
        f'<row r="1"><c r="B1"><f>A1*2</f><v></v></c></row><extLst xmlns="{MAIN}"/>'
    ),
    "a cell without its coordinate": _sheet('<row r="1"><c><f>A1*2</f><v></v></c></row>'),
    "an entity in an attribute": _sheet(
        '<row r="1"><c r="B1" cm="&amp;"><f>A1*2</f><v></v></c></row>'
    ),
}


@pytest.mark.parametrize("case", sorted(_OUTSIDE))
def test_a_sheet_outside_the_pattern_is_read_from_its_element_tree(
    tmp_path: Path, case: str
) -> None:
    assert scan_sheet(_OUTSIDE[case].encode()) is None
    path = _book(tmp_path / "book.xlsx", _OUTSIDE[case])
    package = read_package(path)
    assert package.scans["xl/worksheets/sheet1.xml"] is None
    cells = formula_cells(package)
    assert [(c.coordinate, c.formula.replace("\r", "").replace("\n", "")) for c in cells] == [
        ("B1" if case != "a cell without its coordinate" else "A1", "A1*2")
    ]


def test_duplicate_coordinates_are_listed_from_the_element_tree(tmp_path: Path) -> None:
    # Two <c r="B1">: the scan matches both; the listing falls back to the element tree, whose
    # walk by coordinate keeps one cell (what the engine did before the scan).
    text = _sheet('<row r="1"><c r="B1"><f>A1*2</f><v></v></c><c r="B1"><f>A1*3</f></c></row>')
    scanned, tree = _both_ways(_book(tmp_path / "book.xlsx", text))
    assert formula_cells(scanned) == formula_cells(tree)  # type: ignore[arg-type]
    assert len(formula_cells(scanned)) == 1  # type: ignore[arg-type]


def test_excel_declaration_with_crlf_is_scanned_and_written_with_lxml_declaration(
    tmp_path: Path,
) -> None:
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    path = _book(tmp_path / "book.xlsx", _sheet(_FORMULA_CELL, head=head))
    package = read_package(path)
    assert package.scans["xl/worksheets/sheet1.xml"] is not None
    out = io.BytesIO()
    assert cache_writer.write_cached_values(package, {("calc", "B1"): 4.0}, out) == 1
    with zipfile.ZipFile(out) as z:
        part = z.read("xl/worksheets/sheet1.xml")
    assert part.startswith(b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<worksheet")
    assert b'<c r="B1"><f>A1*2</f><v>4</v></c>' in part


def test_a_text_xml_cannot_hold_is_refused_as_lxml_refuses_it(tmp_path: Path) -> None:
    package = read_package(_book(tmp_path / "book.xlsx", _sheet(_FORMULA_CELL)))
    with pytest.raises(ValueError, match="XML compatible"):
        cache_writer.write_cached_values(package, {("calc", "B1"): "bell \x07"}, io.BytesIO())


@pytest.mark.parametrize(
    ("sheet", "message"),
    [
        (_sheet(_FORMULA_CELL).replace("</worksheet>", ""), "Premature end of data"),
        (_sheet(_FORMULA_CELL + "<q:extra/>"), "Namespace prefix q on extra is not defined"),
        (_sheet(_FORMULA_CELL).replace("<v>2</v>", "<v>&nbsp;</v>"), "Entity 'nbsp' not defined"),
    ],
)
def test_a_scanned_sheet_that_is_not_well_formed_is_refused_as_lxml_refuses_it(
    tmp_path: Path, sheet: str, message: str
) -> None:
    # The scan matches these cells, but the part is checked with libxml2 all the same (without
    # building its tree), and refused with the element tree's own one-line error.
    path = _book(tmp_path / "book.xlsx", sheet)
    with pytest.raises(WorkbookError, match=f"sheet1.xml is not well-formed XML .*{message}"):
        read_package(path)


def test_a_refused_cell_does_not_reach_into_the_next_one() -> None:
    """An inline string never extends past its own cell.

    A cell the pattern refuses (here: an element after ``</is>``) must fail on its own text.
    Before, its inline string could stretch to the next ``</is></c>``, swallowing the next cell,
    and a sheet of such cells cost time in the square of its length.
    """
    refused = '<c r="A1" t="inlineStr"><is><t>x</t></is><x/></c>'
    fine = (
        '<c r="A2" t="inlineStr"><is><r><rPr><b/></rPr><t xml:space="preserve"> y </t></r></is></c>'
    )
    assert _CELL.match(refused + fine) is None
    match = _CELL.match(fine)
    assert match is not None
    assert match.end() == len(fine)
    assert scan_sheet(_sheet(f'<row r="1">{refused}{fine}</row>').encode()) is None


def test_phonetic_runs_are_not_part_of_a_cells_text(tmp_path: Path) -> None:
    """Excel stores the reading (furigana) of Japanese text typed through an IME in ``<rPh>``
    beside the text; the cell's value is the text alone (ECMA-376 §18.4.6), in a shared string,
    an inline string and a formula's cached inline string, by the scan and by the element tree.
    """
    shared = _SHARED.replace(
        "<si><t>株式報酬型</t></si>",
        "<si><r><t>株式</t></r><r><t>報酬型</t></r>"
        '<rPh sb="0" eb="2"><t>カブシキ</t></rPh><phoneticPr fontId="1"/></si>',
    )
    sheet = _sheet(
        '<row r="1"><c r="A1" t="s"><v>0</v></c>'
        '<c r="A2" t="inlineStr"><is><t>取締役</t><rPh sb="0" eb="3"><t>トリシマリヤク</t></rPh>'
        '</is></c><c r="B1" t="str"><f>A1&amp;"|"&amp;A2</f><v></v></c>'
        '<c r="B2" t="inlineStr"><f>A2</f><is><t>取締役</t>'
        '<rPh sb="0" eb="3"><t>トリシマリヤク</t></rPh></is></c></row>'
    )
    path = _book(tmp_path / "furigana.xlsx", sheet, shared=shared)
    for package in _both_ways(path):
        cached = {c.coordinate: c.cached for c in formula_cells(package)}  # type: ignore[arg-type]
        assert cached["B2"] == "取締役"
        assert {r: v for r, _, v in _constants(package)}["A2"] == "取締役"
    for by_shape in (True, False):
        values = calculate(read_package(path), by_shape=by_shape).values
        assert values[("calc", "B1")] == "株式報酬型|取締役"  # the two texts, no reading
        assert values[("calc", "B2")] == "取締役"
