"""Shared test settings.

Hypothesis profiles (CI is deterministic and bounded); every workbook a test calculates by shape
is also calculated cell by cell and compared; every sheet read or written from its scan is also
read or written from its element tree and compared.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def _shape_path_matches_cell_by_cell() -> Iterator[None]:
    """Every workbook a test calculates by shape is calculated cell by cell too, and compared.

    The shape path (``workbooks/columns.py``) must give the values, error values and messages
    of the ``formulas`` path it replaces, on every workbook of the test suite.
    """
    try:
        from stockrights.workbooks import columns, engine
    except ImportError:  # the workbook extra is not installed
        yield
        return
    evaluate = columns.Plan.evaluate

    def compared(self: Any, sar: Any) -> Any:
        try:
            computed = evaluate(self, sar)
        except Exception as exc:  # the engine would fall back silently: a test must see it
            pytest.fail(f"the shape path failed on {self.package.path}: {exc!r}")
        messages = set(engine._MESSAGES.get() or ())
        unlimited = dataclasses.replace(  # the comparison is not held to the fallback's limit
            self.package,
            limits=dataclasses.replace(self.package.limits, max_cells_cell_by_cell=10**9),
            scans={},  # and reads every sheet from its element tree, not from its scan
        )
        reference = engine.calculate(unlimited, by_shape=False)
        assert reference.formulas == engine.formula_cells(self.package)
        for key, expected in reference.values.items():
            got = engine._value_out(computed[key])
            assert (type(got), got) == (type(expected), expected), (key, got, expected)
        assert messages == set(reference.messages)
        return computed

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(columns.Plan, "evaluate", compared)
        yield


@pytest.fixture(scope="session", autouse=True)
def _spliced_sheets_match_the_element_tree() -> Iterator[None]:
    """Every sheet a refresh writes by splicing its text is also written by lxml, and compared.

    ``workbooks/sheet_scan.py`` must write the bytes lxml serialises for a part lxml wrote
    (the committed templates, every refreshed file: a part that lxml's serialisation leaves
    unchanged) and the same XML (canonical form) for any other part it covers.
    """
    try:
        from lxml import etree

        from stockrights.workbooks import cache_writer
    except ImportError:  # the workbook extra is not installed
        yield
        return
    splice = cache_writer._splice_sheet

    def _as_lxml_writes(root: Any) -> bytes:
        return bytes(
            etree.tostring(
                etree.ElementTree(root), xml_declaration=True, encoding="UTF-8", standalone=True
            )
        )

    def compared(package: Any, sheet: str, scan: Any, values: Any) -> Any:
        spliced = splice(package, sheet, scan, values)
        if spliced is None or spliced[0] is None:
            return spliced
        part = next(s.part for s in package.sheets if s.name == sheet)
        tree = dataclasses.replace(package, scans={})
        expected = cache_writer._patch_sheet(tree, sheet, part, values)
        assert spliced[1] == expected[1], (package.path, sheet)
        original = package.members[part]
        if original == _as_lxml_writes(etree.fromstring(original)):
            assert spliced[0] == expected[0], (package.path, sheet)
        else:
            canonical = [
                etree.tostring(etree.fromstring(data), method="c14n")
                for data in (spliced[0], expected[0])
            ]
            assert canonical[0] == canonical[1], (package.path, sheet)
        return spliced

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cache_writer, "_splice_sheet", compared)
        yield


def _typed_book(
    tmp_path_factory: pytest.TempPathFactory, stem: str, typed: dict[str, object]
) -> Path:
    """The example workbook with the given known-column cells typed in, refreshed."""
    import openpyxl

    from stockrights.workbooks import layout
    from stockrights.workbooks.refresh import refresh_workbook

    root = Path(__file__).resolve().parents[1]
    draft = tmp_path_factory.mktemp("typed") / "draft.xlsx"
    wb = openpyxl.load_workbook(root / "workbooks" / "stockrights_example_7th_series_en.xlsx")
    for name, value in typed.items():
        where = layout.address(name)
        wb[where.sheet][where.ref] = value
    wb.save(draft)
    book = draft.with_name(f"{stem}.xlsx")
    refresh_workbook(book=draft, output=book)
    return book


@pytest.fixture(scope="session")
def typed_sigma_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example workbook with sigma typed in (0.30, "valuer's report"), refreshed."""
    typed = {"VolatilityKnown": 0.30, "VolatilityKnownSource": "valuer's report"}
    return _typed_book(tmp_path_factory, "typed_sigma", typed)


@pytest.fixture(scope="session")
def zero_sigma_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example workbook with a zero sigma typed in ("typed zero"), refreshed."""
    typed = {"VolatilityKnown": 0.0, "VolatilityKnownSource": "typed zero"}
    return _typed_book(tmp_path_factory, "zero_sigma", typed)


@pytest.fixture(scope="session")
def typed_dividend_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example workbook with q typed in (0.02, "valuer's report"), refreshed; its declared
    dividend (27 yen) stays in the market sheet.
    """
    typed = {"DividendYieldKnown": 0.02, "DividendYieldKnownSource": "valuer's report"}
    return _typed_book(tmp_path_factory, "typed_dividend", typed)
