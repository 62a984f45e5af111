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
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.formula import ArrayFormula

from stockrights.workbooks.builder import BLANK_TEMPLATE, EXAMPLE_WORKBOOK
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


@pytest.mark.parametrize("name", [BLANK_TEMPLATE, EXAMPLE_WORKBOOK])
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


def test_libreoffice_renders_the_example_to_pdf_pages(
    office: dict[str, Any], tmp_path: Path
) -> None:
    """The example (SAR_ cells frozen) prints to a PDF whose pages pdftoppm turns into PNGs."""
    pdftoppm = _tool("pdftoppm")
    frozen = tmp_path / EXAMPLE_WORKBOOK
    freeze_sar_cells(WORKBOOKS / EXAMPLE_WORKBOOK, frozen)
    (pdf,) = _convert(office, "pdf", tmp_path / "pdf", frozen)
    subprocess.run(
        [pdftoppm, "-r", "40", "-png", "-f", "1", "-l", "9", str(pdf), str(tmp_path / "page")],
        check=True,
        timeout=120,
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 9  # the first nine sheets fit their first page each
    assert all(p.stat().st_size > 2000 for p in pages)
