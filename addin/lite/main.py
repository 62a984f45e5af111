"""xlwings Lite: the stockrights worksheet functions (SAR_...), for this workbook.

Paste this file into the xlwings Lite editor (main.py) and ``requirements.txt`` into its tab.
Importing the UDF module registers every ``SAR_`` function; Lite names each one after the
upper-cased Python name, which is already ``SAR_...``, so formulas read the same as with classic
xlwings. Nothing else belongs here: the functions live in the installed ``stockrights`` package.
"""

import xlwings  # noqa: F401 - loaded first: the UDF module registers with the xlwings it finds

from stockrights.excel.udfs import *  # noqa: F403 - the import registers every SAR_ function
