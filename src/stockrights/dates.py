"""Calendar dates as the users' tools hand them over: real dates and Excel serial numbers.

Excel's 1900 date system counts days from 1900-01-01 (serial 1) and includes the fictitious
29 February 1900 (serial 60) that Lotus 1-2-3 introduced. Serials from 61 on are therefore one
day ahead of a plain count from 1899-12-31; serial 60 has no real date and is rejected. Serials
0 ("1900-01-00") and below are rejected too. Everything stockrights returns is a real
:class:`datetime.date`.

References
----------
Microsoft, "Excel incorrectly assumes that the year 1900 is a leap year" (KB 214326).
"""

from __future__ import annotations

import datetime as dt
import math
from numbers import Real

from stockrights.errors import InputError

__all__ = ["as_date", "date_to_excel_serial", "excel_serial_to_date"]

_EPOCH = dt.date(1899, 12, 30)  # serial 0 for every serial >= 61
_MAX_SERIAL = 2958465  # 9999-12-31, Excel's last date


def excel_serial_to_date(serial: float, *, field: str = "date") -> dt.date:
    """Convert an Excel 1900-system serial number to a real date.

    Parameters
    ----------
    serial : float
        Days in Excel's 1900 date system; a fractional part (time of day) is dropped.
        Valid: 1 to 2958465 (1900-01-01 to 9999-12-31), except 60 (the fictitious 1900-02-29).
    field : str
        Name used in the error message.

    Returns
    -------
    datetime.date

    Raises
    ------
    InputError
        For NaN, serials below 1 or above 2958465, and serial 60.

    Examples
    --------
    >>> excel_serial_to_date(42930)
    datetime.date(2017, 7, 14)
    >>> excel_serial_to_date(59), excel_serial_to_date(61)
    (datetime.date(1900, 2, 28), datetime.date(1900, 3, 1))
    """
    if not math.isfinite(serial):
        raise InputError(f"{field} must be a date or an Excel date serial, got {serial!r}")
    whole = math.floor(serial)
    if whole < 1 or whole > _MAX_SERIAL:
        raise InputError(
            f"{field} must be an Excel date serial between 1 and {_MAX_SERIAL}, got {serial:g}"
        )
    if whole == 60:
        raise InputError(
            f"{field} must be a real date, got Excel serial 60 (the fictitious 1900-02-29)"
        )
    if whole < 60:
        return _EPOCH + dt.timedelta(days=whole + 1)
    return _EPOCH + dt.timedelta(days=whole)


def date_to_excel_serial(value: dt.date) -> int:
    """Return the Excel 1900-system serial number of a real date (inverse of the above).

    Examples
    --------
    >>> date_to_excel_serial(dt.date(2017, 7, 14))
    42930
    """
    days = (value - _EPOCH).days
    return days - 1 if days < 61 else days


def as_date(value: object, *, field: str = "date") -> dt.date:
    """Return ``value`` as a real date, or raise an error that names ``field``.

    Accepted: :class:`datetime.date`, :class:`datetime.datetime` (the time is dropped),
    ``numpy.datetime64``, an ISO text ``"2017-07-14"``, or a number read as an Excel serial.

    Raises
    ------
    InputError
        For anything else (None, booleans, other text, NaN, impossible serials).
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool) or value is None:
        raise InputError(f"{field} must be a date, got {value!r}")
    if type(value).__name__ == "datetime64":
        text = str(value)[:10]
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise InputError(f"{field} must be a date, got {value!r}") from None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            raise InputError(
                f"{field} must be a date (YYYY-MM-DD or an Excel serial), got {value!r}"
            ) from None
    if isinstance(value, Real):
        return excel_serial_to_date(float(value), field=field)
    raise InputError(f"{field} must be a date, got {value!r}")
