"""The Excel face of stockrights: converters, the error policy and the UDF module (no math).

- :mod:`stockrights.excel.converters`: Excel-shaped values to plain values and back;
- :mod:`stockrights.excel.boundary`: what a cell shows when a call fails;
- :mod:`stockrights.excel.registry`: the ``udf`` declaration (wizard help, xlwings registration);
- :mod:`stockrights.excel.udfs`: the worksheet functions, ``SAR_...``;
- :mod:`stockrights.excel.addin_config`: the xlwings settings file (``stockrights addin config``).

Importing this package imports nothing else: xlwings is imported only by
:mod:`stockrights.excel.udfs`, and is optional there.
"""

__all__: list[str] = []
