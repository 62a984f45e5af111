"""J-Quants daily bars (JPX's market-data API) saved as the API returns them.

Read (``../shared/docs/data_sources.md`` §2): the response envelope of v1
(``{"daily_quotes": [...], "pagination_key": ...}``) or v2 (``{"data": [...], ...}``), or a bare
list of records; several files (the pages of a paginated download) are concatenated, a record
repeated with the same values is read once. Keys of v1 (``Close``, ``AdjustmentFactor``,
``AdjustmentClose``) and v2 (``C``, ``AdjFactor``, ``AdjC``). A record with a null close (a day
without trades, or the TSE's all-day halt of 2020-10-01, when every issue has nulls) is left out
and listed in the report.

The unadjusted close (``Close``/``C``) is used with the adjustment factor turned into the split
history: a factor ``f != 1`` on a record means the prices before that day are multiplied by
``f`` (0.5 for a 1:2 split), so that day is the ex-rights date and the split's ratio is
``1 / f``. J-Quants recomputes its adjusted prices after every new split (two downloads differ),
so the raw prices and the factors are what is stored. Each split is also given as a clause (3)
:class:`~stockrights.CorporateAction`, whose record date is derived from the settlement cycle
(the settlement day of the last cum-rights trade: T+3 for trades through 2019-07-12, T+2 from
2019-07-16; a record date falling on a non-business day gives the same business day), and
checked against the corporate-action table when one is given.

References
----------
J-Quants API, 株価四本値 (/equities/bars/daily), https://jpx-jquants.com/ja/spec/eq-bars-daily;
v1 daily_quotes (public copies of the J-Quants API reference). Resolution, clause (3).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from stockrights.adjustment import ActionKind, CorporateAction
from stockrights.errors import InputError, OutOfRangeError
from stockrights.importers._source import ImportFileError, file_error, read_bytes
from stockrights.importers.report import Rejected, Text, ratio_text, text
from stockrights.importers.series import PriceHistory, finish

__all__ = ["read_jquants", "record_business_day"]

_KEYS = {
    "close": ("C", "Close"),
    "factor": ("AdjFactor", "AdjustmentFactor"),
    "adjusted": ("AdjC", "AdjustmentClose"),
}
_ENVELOPES = ("data", "daily_quotes")
_T2_FROM = dt.date(2019, 7, 16)  # first trade date settled T+2
_HALT = dt.date(2020, 10, 1)
_DATE_KEY = re.compile(r'"Date"\s*:')


def _pick(record: dict[str, Any], what: str) -> tuple[bool, Any]:
    for key in _KEYS[what]:
        if key in record:
            return True, record[key]
    return False, None


def _record_lines(text: str, count: int) -> list[int | None]:
    """The line of each record's ``"Date"`` key, when there is exactly one per record."""
    starts = [m.start() for m in _DATE_KEY.finditer(text)]
    if len(starts) != count:
        return [None] * count
    lines: list[int | None] = []
    line, position = 1, 0
    for start in starts:
        line += text.count("\n", position, start)
        position = start
        lines.append(line)
    return lines


def _records(path: Path) -> tuple[list[Any], list[int | None]]:
    """The records of a saved response and the line each starts on (None when unknown)."""
    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
        payload = json.loads(text)
    except UnicodeDecodeError:
        raise file_error(path, None, "must be UTF-8 JSON") from None
    except json.JSONDecodeError as exc:
        raise file_error(path, exc.lineno, f"is not valid JSON ({exc.msg})") from None
    except RecursionError:  # "[[[[..." thousands deep: no API response nests like that
        raise file_error(path, None, "is not a J-Quants response (JSON nested too deep)") from None
    records: list[Any] | None = None
    if isinstance(payload, list):
        records = payload
    elif isinstance(payload, dict):
        for key in _ENVELOPES:
            if isinstance(payload.get(key), list):
                records = list(payload[key])
                break
        else:
            keys = ", ".join(sorted(map(str, payload))[:10])
            raise file_error(
                path,
                None,
                f"must be a J-Quants response with daily_quotes (v1) or data (v2), got keys {keys}",
            )
    if records is None:
        raise file_error(path, None, f"must be a J-Quants response, got {type(payload).__name__}")
    return records, _record_lines(text, len(records))


def _number(path: Path, line: int | None, where: str, name: str, value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise file_error(path, line, f"{where}: {name} must be a number, got {value!r}")
    try:
        number = float(value)
    except ValueError:
        raise file_error(path, line, f"{where}: {name} must be a number, got {value!r}") from None
    if not math.isfinite(number):
        raise file_error(path, line, f"{where}: {name} must be finite, got {value!r}")
    return number


def _code(value: object) -> str:
    text = str(value).strip().upper()
    return text + "0" if len(text) == 4 else text


def _place(path: Path, line: int | None, record: Text) -> Text:
    """``page2.json line 14: record 3 (2020-10-01)`` (without the line when unknown)."""
    if line is None:
        return text("at_file_record", file=path.name, record=record)
    return text("at_line_record", file=path.name, line=line, record=record)


def record_business_day(ex_rights_date: dt.date) -> dt.date:
    """The record date's business day implied by an ex-rights date (TSE settlement cycle).

    The last cum-rights day L is the session before the ex-rights date; the record date's
    business day B is L's settlement day: L + 3 sessions for trades through 2019-07-12, L + 2
    sessions from 2019-07-16 (``../shared/docs/data_sources.md`` §4).

    Raises
    ------
    OutOfRangeError
        Outside the XTKS calendar (before 1997).

    Examples
    --------
    IIJ's 1:200 split, record date Sunday 2012-09-30, ex-rights 2012-09-26 (T+3):

    >>> record_business_day(dt.date(2012, 9, 26))
    datetime.date(2012, 9, 28)
    """
    from stockrights.prices import tse_trading_days

    sessions = tse_trading_days(
        start=ex_rights_date - dt.timedelta(days=20), end=ex_rights_date + dt.timedelta(days=20)
    )
    before = [d for d in sessions if d < ex_rights_date]
    if not before:
        raise OutOfRangeError(
            f"ex_rights_date must be inside the XTKS calendar, got {ex_rights_date}"
        )
    last_cum = before[-1]
    lag = 3 if last_cum < _T2_FROM else 2
    after = [d for d in sessions if d > last_cum]
    return after[lag - 1]


def _action(ex_date: dt.date, ratio: float, factor: float) -> CorporateAction | None:
    try:
        record = record_business_day(ex_date)
    except (OutOfRangeError, IndexError):
        return None
    description = (
        f"{ratio_text(ratio)} from the J-Quants adjustment factor {factor:g} on {ex_date} "
        f"(ex-rights date); record date derived: {record} (or the non-business days after it)"
    )
    if ratio > 1.0:
        return CorporateAction(
            kind=ActionKind.SPLIT, ratio=ratio, record_date=record, description=description
        )
    return CorporateAction(
        kind=ActionKind.CONSOLIDATION,
        ratio=ratio,
        record_date=record,
        effective_date=record + dt.timedelta(days=1),
        description=description,
    )


def read_jquants(
    *paths: str | Path,
    code: str | None = None,
    basis: str = "auto",
    window: tuple[object, object] | None = None,
    actions: Iterable[CorporateAction] | None = None,
) -> PriceHistory:
    """Read J-Quants daily bars (v1 or v2 JSON, one or more pages) into a price history.

    Parameters
    ----------
    *paths : str or Path
        The saved responses (pages in any order).
    code : str, optional
        The issue to keep (``2780`` or ``27800``); required when the files hold several.
    basis : {"auto", "close", "adjusted"}
        ``auto``/``close``: unadjusted closes with the splits from the factor; ``adjusted``:
        the adjusted closes (no split applied again).
    window : (date, date), optional
        The volatility window checked for missing XTKS trading days.
    actions : iterable of CorporateAction, optional
        The corporate-action table the splits are checked against.

    Returns
    -------
    PriceHistory

    Raises
    ------
    ImportFileError
        One line naming the file, the line and record (``line 40: record 12 (2020-10-01)``)
        and the rule.
    """
    if not paths:
        raise ImportFileError("read_jquants needs at least one file, got none")
    if basis not in ("auto", "close", "adjusted"):
        raise InputError(f"basis must be auto, close or adjusted, got {basis!r}")
    adjusted = basis == "adjusted"
    wanted = _code(code) if code is not None else None
    by_date: dict[dt.date, tuple[float | None, float, float | None, Text]] = {}
    codes: set[str] = set()
    skipped: set[str] = set()  # the issues left out by ``code``
    rows_read = 0
    version = set()
    for p in paths:
        path = Path(p)
        records, lines = _records(path)
        for index, (record, line) in enumerate(zip(records, lines, strict=True), start=1):
            where = f"record {index}"
            if not isinstance(record, dict):
                raise file_error(path, line, f"{where}: must be an object, got {record!r:.40}")
            try:
                day = dt.date.fromisoformat(str(record.get("Date", ""))[:10])
            except ValueError:
                raise file_error(
                    path, line, f"{where}: Date must be YYYY-MM-DD, got {record.get('Date')!r}"
                ) from None
            record_at = text("at_record", index=index, day=day)
            where = str(record_at)
            if wanted is not None and _code(record.get("Code", wanted)) != wanted:
                skipped.add(_code(record.get("Code", "")))
                continue
            codes.add(_code(record.get("Code", "")))
            has_close, close_raw = _pick(record, "close")
            if not has_close:
                keys = ", ".join(sorted(record)[:12])
                raise file_error(
                    path, line, f"{where}: must have Close (v1) or C (v2), got keys {keys}"
                )
            version.add("v2" if "C" in record else "v1")
            _, factor_raw = _pick(record, "factor")
            _, adjusted_raw = _pick(record, "adjusted")
            close = _number(path, line, where, "Close", close_raw)
            factor = _number(path, line, where, "AdjustmentFactor", factor_raw)
            adj_close = _number(path, line, where, "AdjustmentClose", adjusted_raw)
            if factor is not None and factor <= 0.0:
                raise file_error(path, line, f"{where}: AdjustmentFactor must be > 0, got {factor}")
            for name, value in (("Close", close), ("AdjustmentClose", adj_close)):
                if value is not None and value <= 0.0:
                    raise file_error(path, line, f"{where}: {name} must be > 0, got {value:g}")
            entry = (
                close,
                1.0 if factor is None else factor,
                adj_close,
                _place(path, line, record_at),
            )
            before = by_date.get(day)
            if before is not None:
                if before[:3] != entry[:3]:
                    raise file_error(
                        path,
                        line,
                        f"{where}: must agree with {before[3]} for the same date, got "
                        f"close {close} vs {before[0]}",
                    )
                continue
            rows_read += 1
            by_date[day] = entry
    if wanted is not None and not codes and skipped:
        raise InputError(
            f"code must be an issue the files hold ({', '.join(sorted(skipped))}), got {code!r}"
        )
    if wanted is None and len(codes) > 1:
        raise ImportFileError(
            f"{Path(paths[0]).name}: holds several issues ({', '.join(sorted(codes))}); "
            "choose one with code"
        )
    dates: list[dt.date] = []
    closes: list[float] = []
    rejected: list[Rejected] = []
    factor_splits: list[tuple[dt.date, float, Text, dt.date | None]] = []
    derived: list[CorporateAction] = []
    notes: list[Text] = []
    for day in sorted(by_date):
        close, factor, adj_close, place = by_date[day]
        if factor != 1.0:
            ratio = float(f"{1.0 / factor:.9g}")
            action = _action(day, ratio, factor)
            if action is None:
                notes.append(text("note_factor_outside", factor=f"{factor:g}", date=day))
            else:
                derived.append(action)
            factor_splits.append(
                (
                    day,
                    ratio,
                    text("source_factor", factor=f"{factor:g}")
                    if action is None
                    else text(
                        "source_factor_record", factor=f"{factor:g}", record=action.record_date
                    ),
                    None if action is None else action.record_date,
                )
            )
        value = adj_close if adjusted else close
        if value is None:
            key = "rejected_halt" if day == _HALT else "rejected_null"
            rejected.append(Rejected(at=place, why=text(key, date=day)))
            continue
        dates.append(day)
        closes.append(value)
    if not dates:
        raise ImportFileError(f"{Path(paths[0]).name}: holds no record with a close")
    basis_text = text("basis_jquants_adjusted" if adjusted else "basis_jquants")
    read_as = text("format_jquants", versions="/".join(sorted(version)))
    if codes:
        read_as += text("format_code", codes=", ".join(sorted(codes)))
    return finish(
        files=tuple(Path(p).name for p in paths),
        read_as=read_as,
        rows_read=rows_read,
        dates=dates,
        closes=closes,
        adjusted=adjusted,
        basis=basis_text,
        rejected=rejected,
        notes=notes,
        window=window,
        actions=actions,
        factor_splits=factor_splits,
        corporate_actions=derived,
    )
