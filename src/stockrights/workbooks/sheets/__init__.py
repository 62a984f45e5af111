"""One module per sheet (or group of sheets) of the template workbooks.

=====================  ==========================================================
:mod:`.terms`          ``terms``: the resolution's terms and the allotment table
:mod:`.market`         ``market``: S, sigma, r, q (derived, known, used) and the chart
:mod:`.valuation`      ``valuation``: C, the amount per right, totals, every step
:mod:`.crosscheck`     ``crosscheck``: the price with native functions only
:mod:`.disclosure`     ``disclosure``: the securities report's note
:mod:`.adjustments`    ``adjustments``: corporate actions -> shares per right
:mod:`.exercises`      ``exercises``: the register of exercises
:mod:`.restructuring`  ``restructuring``: clauses (8) and (9)
:mod:`.data`           ``weekly``, ``prices``, ``rates``: the data sheets
=====================  ==========================================================

Shared formats, styles and the sheet writer are in :mod:`.base`; every word is in
:mod:`stockrights.workbooks.catalogue`; every position in :mod:`stockrights.workbooks.layout`.
"""
