"""stockrights: price and administer 1-yen stock acquisition rights.

株式報酬型ストック・オプション (stock-compensation-type stock options) of Japanese listed companies.

The public API is listed in ``__all__`` (a test checks it is complete and importable).
The core imports numpy, scipy and the standard library only; the Excel face lives in
``stockrights.excel`` and the workbook face in ``stockrights.workbooks``.
"""

from stockrights.errors import (
    InputError,
    LimitError,
    NotComputableError,
    OutOfRangeError,
    SeriesError,
    StockRightsError,
)
from stockrights.pricing import (
    BsmBreakdown,
    Greeks,
    bsm_breakdown,
    bsm_call_price,
    bsm_greeks,
    implied_volatility,
)
from stockrights.rounding import Rounding, per_right_amount

__all__ = [
    "BsmBreakdown",
    "Greeks",
    "InputError",
    "LimitError",
    "NotComputableError",
    "OutOfRangeError",
    "Rounding",
    "SeriesError",
    "StockRightsError",
    "bsm_breakdown",
    "bsm_call_price",
    "bsm_greeks",
    "implied_volatility",
    "per_right_amount",
]
