"""The openpyxl face of stockrights: template workbooks, and their headless refresh.

- :mod:`~stockrights.workbooks.layout`: every sheet name, defined name and address;
- :mod:`~stockrights.workbooks.builder`: the blank template and the 7th-series worked example,
  built by code (``stockrights build-templates``);
- :mod:`~stockrights.workbooks.example_data`: the example's splits and its labelled made-up data;
- :mod:`~stockrights.workbooks.package`: reading a workbook file defensively;
- :mod:`~stockrights.workbooks.engine`: the ``formulas`` engine with the SAR_ functions;
- :mod:`~stockrights.workbooks.cache_writer`: values written next to the formulas;
- :mod:`~stockrights.workbooks.refresh`: ``stockrights refresh`` (atomic, or ``--check``);
- :mod:`~stockrights.workbooks.commands`: the two subcommands.

Importing this package imports nothing heavy: the names below are loaded on first use, so that
the command line starts fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from stockrights.workbooks.errors import WorkbookError

if TYPE_CHECKING:
    from stockrights.workbooks.builder import build_templates, build_workbook, write_template
    from stockrights.workbooks.refresh import RefreshReport, refresh_workbook

__all__ = [
    "RefreshReport",
    "WorkbookError",
    "build_templates",
    "build_workbook",
    "refresh_workbook",
    "write_template",
]

_LAZY = {
    "RefreshReport": "stockrights.workbooks.refresh",
    "refresh_workbook": "stockrights.workbooks.refresh",
    "build_templates": "stockrights.workbooks.builder",
    "build_workbook": "stockrights.workbooks.builder",
    "write_template": "stockrights.workbooks.builder",
}


def __getattr__(name: str) -> Any:
    """Load the public names of the heavy modules on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'stockrights.workbooks' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
