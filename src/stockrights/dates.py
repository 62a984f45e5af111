"""Calendar dates as the users' tools hand them over: real dates, Excel serials and date text.

Excel's 1900 date system counts days from 1900-01-01 (serial 1) and includes the fictitious
29 February 1900 (serial 60) that Lotus 1-2-3 introduced. Serials from 61 on are therefore one
day ahead of a plain count from 1899-12-31; serial 60 has no real date and is rejected. Serials
0 ("1900-01-00") and below are rejected too. Everything stockrights returns is a real
:class:`datetime.date`.

Date text is read whole or refused (:data:`DATE_TEXT_FORMS`), after Unicode NFKC normalisation
(full-width digits become ASCII): ``2017-03-31`` (ISO; one-digit month and day allowed),
``2017/3/31``, ``2017年3月31日``, and an ISO date-time ``2017-03-31T09:00`` or
``2017-03-31 09:00:00`` (the time of day is dropped, as for a ``datetime``). Nothing else:
``"2017-03-311"`` is an error, not 31 March; text of digits alone (``"2017"``, ``"42930"``) is
an error, not an Excel serial (a serial is a number, never text); day-first and month-first
forms (``31/03/2017``, ``03/31/2017``) and era years (令和5年) are refused because they are
ambiguous or need a table this module does not carry.

References
----------
Microsoft, "Excel incorrectly assumes that the year 1900 is a leap year" (KB 214326).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from numbers import Real

from stockrights.errors import InputError

__all__ = [
    "DATE_TEXT_FORMS",
    "as_date",
    "date_to_excel_serial",
    "excel_serial_to_date",
    "parse_date_text",
]

DATE_TEXT_FORMS = "YYYY-MM-DD, YYYY/M/D or YYYY年M月D日"
"""The date text forms accepted (named in every error message about date text)."""

_DATE_TEXT = (
    re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})"),
    re.compile(r"(?P<y>[0-9]{4})/(?P<m>[0-9]{1,2})/(?P<d>[0-9]{1,2})"),
    re.compile(r"(?P<y>[0-9]{4})年(?P<m>[0-9]{1,2})月(?P<d>[0-9]{1,2})日"),
    re.compile(
        r"(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})[T ]"
        r"[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,9})?)?"
    ),
)

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


def parse_date_text(text: str, *, field: str = "date") -> dt.date:
    """Read a date typed as text, whole, in one of the forms of the module docstring.

    Parameters
    ----------
    text : str
        ``2017-03-31``, ``2017/3/31``, ``2017年3月31日`` (full-width digits too), or an ISO
        date-time whose time is dropped.
    field : str
        Name used in the error message.

    Raises
    ------
    InputError
        For any other text, a date that does not exist (``2017-02-30``), or digits alone.

    Examples
    --------
    >>> parse_date_text("2017/3/31"), parse_date_text("２０１７年３月３１日")
    (datetime.date(2017, 3, 31), datetime.date(2017, 3, 31))
    """
    cleaned = unicodedata.normalize("NFKC", text).strip()
    for form in _DATE_TEXT:
        match = form.fullmatch(cleaned)
        if match:
            try:
                return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                raise InputError(f"{field} must be a real calendar date, got {text!r}") from None
    if cleaned.isdigit():
        raise InputError(
            f"{field} must be a date ({DATE_TEXT_FORMS}), got the text {text!r}: "
            "an Excel date serial must be a number, not text"
        )
    raise InputError(f"{field} must be a date ({DATE_TEXT_FORMS}), got {text!r}")


def as_date(value: object, *, field: str = "date") -> dt.date:
    """Return ``value`` as a real date, or raise an error that names ``field``.

    Accepted: :class:`datetime.date`, :class:`datetime.datetime` (the time is dropped),
    ``numpy.datetime64``, a date text (:func:`parse_date_text`: ``"2017-07-14"``,
    ``"2017/7/14"``, ``"2017年7月14日"``), or a number read as an Excel serial.

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
        return parse_date_text(value, field=field)
    if isinstance(value, Real):
        return excel_serial_to_date(float(value), field=field)
    raise InputError(f"{field} must be a date, got {value!r}")
