"""Build the template workbooks from code: a blank template and the worked example, ja and en.

``stockrights build-templates`` writes them into ``workbooks/``; the files there are committed
and a test checks that they hold what this module builds. Each sheet's layout is in its own
module under :mod:`stockrights.workbooks.sheets`; every position comes from
:mod:`stockrights.workbooks.layout`, every word from :mod:`stockrights.workbooks.catalogue` and
the glossary; the example's terms and market inputs come from :mod:`stockrights.example`, its
other data from :mod:`stockrights.workbooks.example_data`.

What a template holds (see ``docs/workbooks.md`` for a tour):

- inputs in yellow, unlocked on protected sheets, each with data validation and a note citing
  its clause of the resolution;
- for each of S, sigma, r and q: the value derived from the data sheets, a cell for a known
  value and its source, and the value used;
- the SAR_ worksheet functions of the add-in (:mod:`stockrights.excel.udfs`) for everything the
  resolution computes, each blank until its inputs are there, named inputs (``SharePrice``...)
  so that formulas read like the clauses, and the functions that return a table stored as
  legacy array formulas;
- a cross-check of the price with native Excel functions beside the add-in's;
- yen, percent and ``yyyy/mm/dd`` formats, A4 pages with a header and footer and repeated
  heading rows; the data sheets are out of the default print area;
- a native chart of the weekly closes behind the volatility, the window marked by two lines.

The workbook is saved with openpyxl and then refreshed (:mod:`stockrights.workbooks.refresh`) so
that every formula's value is stored too: refreshing is the last step, as it must be.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.workbook.defined_name import DefinedName

from stockrights.glossary import Lang
from stockrights.workbooks import example_data as data
from stockrights.workbooks import layout
from stockrights.workbooks.refresh import RefreshReport, refresh_workbook
from stockrights.workbooks.sheets.adjustments import build_adjustments
from stockrights.workbooks.sheets.base import AUTHOR, Context
from stockrights.workbooks.sheets.crosscheck import build_crosscheck
from stockrights.workbooks.sheets.data import build_prices, build_rates, build_weekly
from stockrights.workbooks.sheets.disclosure import build_disclosure
from stockrights.workbooks.sheets.exercises import build_exercises
from stockrights.workbooks.sheets.market import build_market
from stockrights.workbooks.sheets.restructuring import build_restructuring
from stockrights.workbooks.sheets.terms import build_terms
from stockrights.workbooks.sheets.valuation import build_valuation

__all__ = [
    "BLANK_TEMPLATE",
    "EXAMPLE_WORKBOOK",
    "LANGUAGES",
    "build_templates",
    "build_workbook",
    "template_name",
    "write_template",
]

BLANK_TEMPLATE = "stockrights_template.xlsx"
"""File name of the blank template in ``workbooks/`` (Japanese; English: ``_en``)."""
EXAMPLE_WORKBOOK = "stockrights_example_7th_series.xlsx"
"""File name of the worked example in ``workbooks/`` (Japanese; English: ``_en``)."""
LANGUAGES = (Lang.JA, Lang.EN)
"""The languages the templates are built in; the first is the default (no suffix)."""

Progress = Callable[[str], None]

_SHEETS: tuple[Callable[[Workbook, Context], None], ...] = (
    build_terms,
    build_market,
    build_valuation,
    build_crosscheck,
    build_disclosure,
    build_adjustments,
    build_exercises,
    build_restructuring,
    build_weekly,
    build_prices,
    build_rates,
)
"""One builder per sheet, in the layout's tab order."""


def template_name(*, example: bool, lang: Lang | str = Lang.JA) -> str:
    """File name of a template: ``stockrights_template.xlsx``, ``..._en.xlsx`` in English."""
    name = EXAMPLE_WORKBOOK if example else BLANK_TEMPLATE
    return name if Lang(lang) is LANGUAGES[0] else name.replace(".xlsx", f"_{Lang(lang)}.xlsx")


def _example_prices() -> list[tuple[dt.date, float]]:
    return data.example_prices()


def build_workbook(*, example: bool, lang: Lang | str = Lang.JA) -> Workbook:
    """The template as an openpyxl workbook (formulas without values: refresh it after saving).

    Parameters
    ----------
    example : bool
        True for the 7th-series worked example, False for the blank template.
    lang : Lang or str
        ``"ja"`` (default) or ``"en"``: the language of every label, note and heading. Sheet
        names, defined names and the option codes in input cells are the same in both.

    Returns
    -------
    openpyxl.Workbook

    References
    ----------
    Resolution, clauses (1)-(15); ``docs/workbooks.md``.
    """
    ctx = Context(lang=Lang(lang), example=example, prices=_example_prices() if example else ())
    wb = Workbook()
    wb.remove(wb.active)
    for build in _SHEETS:
        build(wb, ctx)
    assert tuple(wb.sheetnames) == layout.SHEETS  # the builders follow the layout's tab order
    for name, text in layout.defined_names():
        wb.defined_names[name] = DefinedName(name, attr_text=text)
    wb.calculation.fullCalcOnLoad = True
    wb.properties.creator = AUTHOR
    wb.properties.title = "stockrights " + ("worked example" if example else "template")
    wb.properties.language = "ja-JP" if ctx.lang is Lang.JA else "en-GB"
    wb.active = 0
    return wb


def write_template(
    *,
    path: str | Path,
    example: bool,
    lang: Lang | str = Lang.JA,
    progress: Progress | None = None,
) -> RefreshReport:
    """Build a template, save it and refresh it into ``path`` (atomically).

    Raises
    ------
    WorkbookError
        When ``path`` cannot be written (nothing is left behind).
    """
    target = Path(path)
    wb = build_workbook(example=example, lang=lang)
    directory = target.parent if str(target.parent) else Path(".")
    with tempfile.TemporaryDirectory(prefix=".stockrights-build-", dir=directory) as folder:
        draft = Path(folder) / target.name
        wb.save(draft)
        return refresh_workbook(book=draft, output=target, progress=progress)


def build_templates(
    *,
    directory: str | Path,
    languages: Iterable[Lang | str] = LANGUAGES,
    progress: Progress | None = None,
) -> tuple[Path, ...]:
    """Write the blank template and the worked example, in each language, into ``directory``.

    Returns
    -------
    tuple of Path
        For each language in order: (blank template, worked example).
    """
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for lang in languages:
        for example in (False, True):
            path = folder / template_name(example=example, lang=lang)
            write_template(path=path, example=example, lang=lang, progress=progress)
            written.append(path)
    return tuple(written)
