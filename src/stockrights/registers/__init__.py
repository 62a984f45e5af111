"""The register's faces: CSV files for a share-registry system, the register workbook, the outputs.

- :mod:`~stockrights.registers.csv_io`: read and write the register as CSV files (layout v2,
  ``docs/register.md``);
- :mod:`~stockrights.registers.outputs`: the disclosure as tidy CSV or as a Japanese workbook;
- :mod:`~stockrights.registers.catalogue`: every label and sentence the outputs print;
- :mod:`~stockrights.registers.commands`: ``stockrights disclose``.

These modules convert, call the core (:mod:`stockrights.register`,
:mod:`stockrights.disclosure`) and report; they compute nothing themselves.
"""
