"""The exceptions stockrights raises.

Every message is one line that names the field, the rule and the value, for example
``volatility must be > 0, got -0.2``. Messages are part of the API: tests pin them and the
Excel layer shows them in a cell.

::

    StockRightsError                 base of everything raised on purpose
     ├── InputError (ValueError)     one input breaks a rule (sign, range, type, NaN, order)
     │    ├── SeriesError            a data series is unusable (unsorted, duplicate or missing
     │    │                          dates, too few observations, a suspected unadjusted split)
     │    ├── OutOfRangeError        a value outside a table it is looked up in (a term outside
     │    │                          the yield curve, a date outside the price series)
     │    └── LimitError             a count above its maximum (allotted rights > the maximum)
     └── NotComputableError          the inputs are legal but the quantity has no defined value
                                     (implied volatility of a price insensitive to volatility)

``InputError`` derives from :class:`ValueError` so that callers that already catch
``ValueError`` (the headless workbook engine maps it to ``#NUM!``) keep working.
"""

from __future__ import annotations

__all__ = [
    "InputError",
    "LimitError",
    "NotComputableError",
    "OutOfRangeError",
    "SeriesError",
    "StockRightsError",
]


class StockRightsError(Exception):
    """Base class of every error stockrights raises on purpose."""


class InputError(StockRightsError, ValueError):
    """An input breaks a rule: the message names the field, the rule and the value."""


class SeriesError(InputError):
    """A data series (prices, dates, a yield curve, a table of actions) cannot be used."""


class OutOfRangeError(InputError):
    """A value lies outside the table it is looked up in (and extrapolation was not asked for)."""


class LimitError(InputError):
    """A count exceeds its maximum (for example, allotted rights above the resolution's maximum)."""


class NotComputableError(StockRightsError):
    """The inputs are legal, but the requested quantity has no defined value for them."""
