"""The documents handed over: the valuation report and the notice of the amount paid per right.

A face like ``excel/`` and ``workbooks/``: it reads a source (the built-in example or a refreshed
workbook, :mod:`stockrights.reports.source`), calls the core, and lays out what the core computed
in Japanese with English alongside. Sentences live in :mod:`stockrights.reports.catalogue`, terms in
:mod:`stockrights.glossary`. Needs the ``report`` extra (reportlab, matplotlib, openpyxl).
"""
