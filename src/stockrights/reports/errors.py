"""The error the report face raises on purpose (one line on the command line, exit status 2)."""

from __future__ import annotations

from stockrights.errors import StockRightsError

__all__ = ["ReportError"]


class ReportError(StockRightsError):
    """A report or notice cannot be made: no Japanese font, an unknown output format, ..."""
