"""Importers: the files Japanese finance staff hold, read into the core's types.

- :mod:`~stockrights.importers.mof`: MOF 国債金利情報 JGB yield CSVs -> :class:`YieldHistory`
  (one :class:`YieldCurve` per day, ready for :func:`stockrights.rate_for_term`);
- :mod:`~stockrights.importers.jquants`: J-Quants daily bars (v1/v2 JSON) -> :class:`PriceHistory`
  with the splits from the adjustment factor as :class:`stockrights.CorporateAction` objects;
- :mod:`~stockrights.importers.price_table`: CSV/XLSX exports with Japanese or English headers;
- :mod:`~stockrights.importers.report`: what every import read (:class:`ImportReport`);
- :mod:`~stockrights.importers.eras`: Japanese era dates (S49.9.24, 令和元年5月1日);
- :mod:`~stockrights.importers.book` and :mod:`~stockrights.importers.commands`: the workbook
  and the ``stockrights import`` command (these need the ``workbooks`` extra).

A script or a notebook needs no workbook::

    from stockrights import rate_for_term, historical_volatility
    from stockrights.importers import read_mof, read_price_table

    curve = read_mof("jgbcm_all.csv", "jgbcm.csv").curve_on("2017-07-14")
    r = rate_for_term(tenors_years=curve.tenors_years, yields=curve.yields, term_years=15)
"""

from __future__ import annotations

from stockrights.importers._source import ImportFileError
from stockrights.importers.eras import parse_date, parse_era_date
from stockrights.importers.jquants import read_jquants
from stockrights.importers.mof import YieldCurve, YieldHistory, read_mof
from stockrights.importers.price_table import read_price_table
from stockrights.importers.report import FoundSplit, ImportReport, Rejected
from stockrights.importers.series import PriceHistory

__all__ = [
    "FoundSplit",
    "ImportFileError",
    "ImportReport",
    "PriceHistory",
    "Rejected",
    "YieldCurve",
    "YieldHistory",
    "parse_date",
    "parse_era_date",
    "read_jquants",
    "read_mof",
    "read_price_table",
]
