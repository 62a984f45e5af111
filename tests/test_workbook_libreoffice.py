"""A real spreadsheet application reads the refreshed workbooks: LibreOffice, headless.

LibreOffice opens both templates as they are committed; with the SAR_ cells frozen to the values
the headless engine stored, it recalculates every native formula (forced through the profile's
``OOXMLRecalcMode=0``, ``docs/headless_eval.md`` §5) to the same values; and it renders the
example to PDF, whose pages become PNG images (pdftoppm) for a person to look at.

These tests need ``soffice`` and ``pdftoppm`` (CI installs ``libreoffice-calc`` and
``poppler-utils``). Without them they FAIL; with ``STOCKRIGHTS_NO_LIBREOFFICE=1`` they are
skipped, with that reason.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.formula import ArrayFormula

from stockrights.workbooks import layout
from stockrights.workbooks.builder import BLANK_TEMPLATE, EXAMPLE_WORKBOOK, template_name
from stockrights.workbooks.cache_writer import cell_range

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
WORKBOOKS = REPO / "workbooks"

RECALCULATE_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode"
  oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def _tool(name: str) -> str:
    if os.environ.get("STOCKRIGHTS_NO_LIBREOFFICE") == "1":
        pytest.skip("STOCKRIGHTS_NO_LIBREOFFICE=1: the LibreOffice cross-check is not run")
    path = shutil.which(name)
    if path is None:
        pytest.fail(
            f"{name} is not installed: apt-get install libreoffice-calc poppler-utils "
            "(or set STOCKRIGHTS_NO_LIBREOFFICE=1 to skip the LibreOffice tests)"
        )
    return path


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A private LibreOffice profile that recalculates every formula on load."""
    soffice = _tool("soffice")
    home = tmp_path_factory.mktemp("lo")
    profile = home / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALCULATE_ALWAYS, "utf-8")
    return {"soffice": soffice, "home": home, "profile": profile}


def _convert(office: dict[str, Any], target: str, out: Path, *books: Path) -> list[Path]:
    result = subprocess.run(
        [
            office["soffice"],
            "--headless",
            "--norestore",
            f"-env:UserInstallation={office['profile'].resolve().as_uri()}",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            *map(str, books),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "HOME": str(office["home"])},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    made = [out / f"{b.stem}.{target.split(':')[0]}" for b in books]
    missing = [str(p) for p in made if not p.exists()]
    assert not missing, f"LibreOffice did not write {missing}: {result.stdout} {result.stderr}"
    return made


def _formula_text(value: Any) -> str | None:
    text = value.text if isinstance(value, ArrayFormula) else value
    return text if isinstance(text, str) and text.startswith("=") else None


def freeze_sar_cells(source: Path, target: Path) -> set[tuple[str, str]]:
    """Copy ``source`` with every cell computed by a SAR_ function replaced by its stored value.

    LibreOffice does not know the add-in's functions; frozen, they become inputs of the native
    formulas it recalculates. Returns the native formula cells (sheet, coordinate) left.
    """
    wb = openpyxl.load_workbook(source)
    values = openpyxl.load_workbook(source, data_only=True)
    native: set[tuple[str, str]] = set()
    for ws in wb.worksheets:
        stored = values[ws.title]
        for row in ws.iter_rows():
            for cell in row:
                text = _formula_text(cell.value)
                if text is None:
                    continue
                if "SAR_" not in text.upper():
                    native.add((ws.title, cell.coordinate))
                    continue
                cells = (
                    list(cell_range(cell.value.ref))
                    if isinstance(cell.value, ArrayFormula)
                    else [cell.coordinate]
                )
                for ref in cells:
                    ws[ref].value = stored[ref].value
    wb.save(target)
    return native


def _same(expected: Any, got: Any) -> bool:
    if isinstance(expected, float | int) and not isinstance(expected, bool):
        return (
            isinstance(got, float | int)
            and not isinstance(got, bool)
            and math.isclose(expected, got, rel_tol=1e-12, abs_tol=1e-9)
        )
    if isinstance(expected, dt.datetime) and isinstance(got, dt.datetime):
        return expected == got
    return bool(expected == got)


ALL = [template_name(example=e, lang=lang) for lang in ("ja", "en") for e in (False, True)]


@pytest.mark.parametrize("name", ALL)
def test_libreoffice_opens_the_committed_workbooks(
    office: dict[str, Any], tmp_path: Path, name: str
) -> None:
    """LibreOffice converts each committed (refreshed) workbook; the copy has the same sheets."""
    (converted,) = _convert(office, "xlsx", tmp_path, WORKBOOKS / name)
    assert openpyxl.load_workbook(converted).sheetnames == (
        openpyxl.load_workbook(WORKBOOKS / name).sheetnames
    )


def test_libreoffice_recalculates_native_formulas_to_the_engines_values(
    office: dict[str, Any], tmp_path: Path
) -> None:
    """Each native formula cell of the example, recalculated by LibreOffice, is the engine's."""
    source = WORKBOOKS / EXAMPLE_WORKBOOK
    frozen = tmp_path / "frozen" / EXAMPLE_WORKBOOK
    frozen.parent.mkdir()
    native = freeze_sar_cells(source, frozen)
    assert len(native) > 100
    (recalculated,) = _convert(office, "xlsx", tmp_path / "out", frozen)
    engine = openpyxl.load_workbook(source, data_only=True)
    office_values = openpyxl.load_workbook(recalculated, data_only=True)
    mismatches = [
        f"{sheet}!{ref}: engine {engine[sheet][ref].value!r}, "
        f"LibreOffice {office_values[sheet][ref].value!r}"
        for sheet, ref in sorted(native)
        if not _same(engine[sheet][ref].value, office_values[sheet][ref].value)
    ]
    assert mismatches == []


@pytest.mark.parametrize("name", [EXAMPLE_WORKBOOK, template_name(example=True, lang="en")])
def test_libreoffice_renders_the_example_to_pdf_pages(
    office: dict[str, Any], tmp_path: Path, name: str
) -> None:
    """The example (SAR_ cells frozen) prints to a PDF whose pages pdftoppm turns into PNGs."""
    pdftoppm = _tool("pdftoppm")
    frozen = tmp_path / name
    freeze_sar_cells(WORKBOOKS / name, frozen)
    (pdf,) = _convert(office, "pdf", tmp_path / "pdf", frozen)
    subprocess.run(
        [pdftoppm, "-r", "40", "-png", "-f", "1", "-l", "9", str(pdf), str(tmp_path / "page")],
        check=True,
        timeout=120,
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 9  # the first nine sheets fit their first page each
    assert all(p.stat().st_size > 2000 for p in pages)
    text = subprocess.run(
        [_tool("pdftotext"), "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    # the labels are in the PDF as text (a font had the glyphs), in the workbook's language
    if name == EXAMPLE_WORKBOOK:
        for word in ("新株予約権1個当たりの払込金額", "株価変動性", "無リスク利子率", "資本準備金"):
            assert word in text, word
    else:
        assert "Amount paid per stock acquisition right" in text
    assert "page 1 of" in text or "1 / " in text


# --- without the add-in ------------------------------------------------------------------------

_REF = re.compile(
    r"(?:'(?P<quoted>[^']+)'|(?P<sheet>[A-Za-z_][A-Za-z0-9_]*))!(?P<range>\$?[A-Z]{1,3}\$?\d+"
    r"(?::\$?[A-Z]{1,3}\$?\d+)?)"
    r"|(?P<local>\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_.]*)"
)


def _references(sheet: str, text: str) -> set[tuple[str, str]]:
    """The cells a formula reads: A1 references, sheet references and defined names, expanded."""
    text = re.sub(r'"[^"]*"', '""', text)  # no references inside string literals
    cells: set[tuple[str, str]] = set()
    for m in _REF.finditer(text):
        if m.group("range"):
            where, ref = m.group("quoted") or m.group("sheet"), m.group("range")
        elif m.group("local"):
            where, ref = sheet, m.group("local")
        elif m.group("name") in layout.NAMES:
            address = layout.NAMES[m.group("name")]
            where, ref = address.sheet, address.ref
        else:
            continue
        cells.update((where, c) for c in cell_range(ref.replace("$", "")))
    return cells


def sar_dependents(source: Path) -> set[tuple[str, str]]:
    """Every cell computed by a SAR_ function or from one, directly or through other cells."""
    wb = openpyxl.load_workbook(source)
    reads: dict[tuple[str, str], set[tuple[str, str]]] = {}
    tainted: set[tuple[str, str]] = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                text = _formula_text(cell.value)
                if text is None:
                    continue
                targets = (
                    list(cell_range(cell.value.ref))
                    if isinstance(cell.value, ArrayFormula)
                    else [cell.coordinate]
                )
                refs = _references(ws.title, text)
                for ref in targets:
                    reads[(ws.title, ref)] = refs
                    if "SAR_" in text.upper():
                        tainted.add((ws.title, ref))
    grew = True
    while grew:
        more = {cell for cell, refs in reads.items() if cell not in tainted and refs & tainted}
        tainted |= more
        grew = bool(more)
    return tainted


def _is_error(v: Any) -> bool:
    return isinstance(v, str) and v.startswith("#") and v.rstrip("!?/0").lstrip("#").isupper()


@pytest.mark.parametrize("name", [EXAMPLE_WORKBOOK, template_name(example=True, lang="en")])
def test_without_the_add_in_no_cell_computed_from_a_sar_cell_shows_a_number(
    office: dict[str, Any], tmp_path: Path, name: str
) -> None:
    """LibreOffice has no add-in: every SAR_ cell is #NAME?, and so is every cell computed from
    one (exercises!D20 is not 0, restructuring!B9 not 245, market!B16 not 0 weeks): an
    application without the add-in shows an error, never a plausible number.
    """
    source = WORKBOOKS / name
    (recalculated,) = _convert(office, "xlsx", tmp_path, source)
    engine = openpyxl.load_workbook(source, data_only=True)
    office_values = openpyxl.load_workbook(recalculated, data_only=True)
    dependents = sar_dependents(source)
    assert ("exercises", f"D{layout.EXERCISE_TOTAL_ROW}") in dependents
    assert (layout.RESTRUCTURING, f"B{layout.RESTRUCTURING_ROWS['RemainingRights']}") in dependents
    assert (layout.MARKET, f"B{layout.MARKET_ROWS['VolObservations']}") in dependents
    checked, shown = 0, []
    for sheet, ref in sorted(dependents):
        if engine[sheet][ref].value in (None, ""):
            continue  # blank with the add-in too (an unused row)
        checked += 1
        got = office_values[sheet][ref].value
        if not _is_error(got):
            shown.append(f"{sheet}!{ref}: {got!r} (with the add-in {engine[sheet][ref].value!r})")
    assert checked > 150
    assert shown == []


@pytest.mark.parametrize("name", [BLANK_TEMPLATE, template_name(example=False, lang="en")])
def test_without_the_add_in_the_blank_template_shows_no_error(
    office: dict[str, Any], tmp_path: Path, name: str
) -> None:
    """Opened where the add-in is missing and everything is recalculated, the blank template
    is blank: every SAR_ call waits for its inputs, so none is reached and no cell is an error.
    """
    (recalculated,) = _convert(office, "xlsx", tmp_path, WORKBOOKS / name)
    values = openpyxl.load_workbook(recalculated, data_only=True)
    errors = [
        f"{ws.title}!{cell.coordinate} {cell.value!r}"
        for ws in values.worksheets
        for row in ws.iter_rows()
        for cell in row
        if _is_error(cell.value)
    ]
    assert errors == []
