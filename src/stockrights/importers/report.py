"""What an import read: the report every importer returns, and the checks on a price series.

The report says, in Japanese or English (:data:`MESSAGES`): the files and format, rows read and
used, the date range, each rejected row and why, the trading days of the volatility window that
have no close (XTKS), closes on days the TSE did not trade, splits found (from an adjustment
factor or from a close-to-close jump matching a common split ratio) and whether the
corporate-action table holds them, and the unadjusted/adjusted choice made.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from stockrights.adjustment import ActionKind, CorporateAction
from stockrights.glossary import Lang

__all__ = [
    "COMMON_SPLIT_RATIOS",
    "MESSAGES",
    "FoundSplit",
    "ImportReport",
    "Rejected",
    "Text",
    "find_jumps",
    "match_action",
    "price_split_check",
    "text",
    "trading_day_checks",
]

COMMON_SPLIT_RATIOS = (1.5, 2.0, 3.0, 4.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 1000.0)
"""Split ratios (shares after / before) a close-to-close jump is compared with; their
reciprocals (0.5, 0.2, 0.1) are the common consolidations."""

_JUMP_TOLERANCE = 0.12  # |ln(observed / ratio)| within ln(1.12): a day's move on top of the split
_MIN_JUMP = 1.4  # smaller close-to-close ratios are ordinary moves (TSE daily limits ~ +-30 %)
_MATCH_DAYS = 7  # calendar days between the expected and the observed basis change
_SHOWN = 8

MESSAGES: dict[str, dict[Lang, str]] = {
    "read": {
        Lang.EN: "{kind}: read {files} ({format})",
        Lang.JA: "{kind}: {files} を読み込み ({format})",
    },
    "rows": {
        Lang.EN: "rows: {read} read, {used} used, {rejected} rejected",
        Lang.JA: "行数: 読込 {read}、採用 {used}、除外 {rejected}",
    },
    "range": {Lang.EN: "dates: {first} to {last}", Lang.JA: "期間: {first} ～ {last}"},
    "rejected": {Lang.EN: "  rejected {where}: {reason}", Lang.JA: "  除外 {where}: {reason}"},
    "basis": {Lang.EN: "basis: {basis}", Lang.JA: "株価の基準: {basis}"},
    "window": {
        Lang.EN: "volatility window {start} to {end}: {count} XTKS trading days without a close",
        Lang.JA: "株価変動性の算定期間 {start} ～ {end}: 終値のない東証営業日 {count} 日",
    },
    "non_trading": {
        Lang.EN: "closes on days the TSE did not trade (XTKS): {count}",
        Lang.JA: "東証の休業日の終値: {count} 件",
    },
    "split": {
        Lang.EN: "split {ratio} on {date} ({source}): {match}",
        Lang.JA: "株式分割等 {ratio} ({date}、{source}): {match}",
    },
    "no_splits": {
        Lang.EN: "splits: none found in the closes",
        Lang.JA: "株式分割等: 終値からは検出されず",
    },
    "note": {Lang.EN: "note: {text}", Lang.JA: "注記: {text}"},
    "missing_action": {
        Lang.EN: "NOT in the corporate-action table: add it, or the volatility mixes share bases",
        Lang.JA: "コーポレート・アクション表にありません: 追加しないと株価変動性の基準が混在します",
    },
    "no_table": {
        Lang.EN: "no corporate-action table given to check it against",
        Lang.JA: "照合するコーポレート・アクション表がありません",
    },
    "source_factor": {
        Lang.EN: "adjustment factor {factor}",
        Lang.JA: "調整係数 {factor}",
    },
    "source_factor_record": {
        Lang.EN: "adjustment factor {factor}, record date derived {record}",
        Lang.JA: "調整係数 {factor}、推定される基準日 {record}",
    },
    "source_jump": {
        Lang.EN: "close-to-close jump {before} -> {after}",
        Lang.JA: "終値の変化 {before} → {after}",
    },
    "matched": {Lang.EN: "matches the table: {action}", Lang.JA: "表と一致: {action}"},
    "more": {Lang.EN: "  ... {count} more", Lang.JA: "  ... ほか {count} 件"},
    "dates_more": {Lang.EN: " and {count} more", Lang.JA: " ほか {count} 日"},
    "rejected_not_data": {
        Lang.EN: "not a data row (first cell {cell})",
        Lang.JA: "データ行ではありません (先頭のセル {cell})",
    },
    "rejected_empty": {
        Lang.EN: "no close on {date} (empty)",
        Lang.JA: "{date} の終値がありません (空欄)",
    },
    "rejected_null": {
        Lang.EN: "no close on {date} (null: no trade)",
        Lang.JA: "{date} の終値がありません (null: 売買不成立)",
    },
    "rejected_halt": {
        Lang.EN: "no close on {date} (null: the TSE halted all trading that day)",
        Lang.JA: "{date} の終値がありません (null: 東証が終日売買を停止した日)",
    },
    "basis_close": {
        Lang.EN: "closes (終値/Close) as the file gives them, read as traded (unadjusted): "
        "splits inside the window must be in the price-split table",
        Lang.JA: "ファイルの終値をそのまま (権利落ち調整前として) 使用: 算定期間内の株式分割等は"
        "株価の分割表に必要です",
    },
    "basis_close_adjusted_unused": {
        Lang.EN: "; the adjusted close was not used",
        Lang.JA: "。調整後終値は使用していません",
    },
    "basis_adjusted": {
        Lang.EN: "adjusted closes (調整後終値/Adj Close) as the source restated them: apply no "
        "split again (Yahoo's also include dividends)",
        Lang.JA: "提供元が調整した調整後終値を使用: 株式分割等を重ねて調整しないでください "
        "(Yahoo の調整後終値は配当も含みます)",
    },
    "basis_jquants": {
        Lang.EN: "unadjusted closes (Close/C) with the splits from the adjustment factor "
        "(AdjustmentClose/AdjC not used: J-Quants recomputes it after every split)",
        Lang.JA: "調整前終値 (Close/C) と調整係数から求めた株式分割等を使用 (調整後終値 AdjC は"
        "分割のたびに再計算されるため不使用)",
    },
    "basis_jquants_adjusted": {
        Lang.EN: "adjusted closes (AdjustmentClose/AdjC) as J-Quants restated them at download: "
        "apply no split again",
        Lang.JA: "ダウンロード時点で J-Quants が調整した調整後終値 (AdjC) を使用: 株式分割等を"
        "重ねて調整しないでください",
    },
    "note_reversed": {
        Lang.EN: "rows are newest first in the file: read in reverse",
        Lang.JA: "ファイルは新しい日付が先: 逆順に読み込みました",
    },
    "note_overlap": {
        Lang.EN: "{count} dates in more than one file: the file ending later wins; {detail}",
        Lang.JA: "{count} 日分が複数のファイルにあります: 期間の新しいファイルを優先; {detail}",
    },
    "note_overlap_same": {Lang.EN: "same values", Lang.JA: "値は同一"},
    "note_overlap_differ": {Lang.EN: "values differ on {days}", Lang.JA: "値が異なる日: {days}"},
    "note_factor_outside": {
        Lang.EN: "factor {factor} on {date}: outside the XTKS calendar, no record date derived",
        Lang.JA: "{date} の調整係数 {factor}: 東証カレンダーの範囲外のため基準日を求めていません",
    },
    "curve_own": {
        Lang.EN: "curve of {date} (the valuation date's own row)",
        Lang.JA: "{date} の利回り曲線 (評価日当日の行)",
    },
    "curve_before": {
        Lang.EN: "curve of {used}, the last MOF row before the valuation date {day} "
        "({gap} days earlier: no row for {day})",
        Lang.JA: "{used} の利回り曲線: 評価日 {day} の行がないため、その前の直近の行 ({gap} 日前)",
    },
    "curve_stale": {
        Lang.EN: "; WARNING: more than a week old, do the files cover that date?",
        Lang.JA: "。警告: 1週間より古い行です。ファイルが評価日を含むか確認してください",
    },
    "curve_missing": {
        Lang.EN: "; tenors not published that day: {tenors}",
        Lang.JA: "。その日に公表のない年限: {tenors}",
    },
    "table_row_left_out": {
        Lang.EN: "corporate-action table row {row} left out: {error}",
        Lang.JA: "コーポレート・アクション表の {row} 行目は読み込めません: {error}",
    },
    "written": {
        Lang.EN: "wrote {output}: sheet {sheet}, {rows} rows ({how}); run stockrights refresh next",
        Lang.JA: "{output} に書き込み: シート {sheet}、{rows} 行 ({how})。次に stockrights refresh "
        "を実行してください",
    },
    "written_merged": {
        Lang.EN: "merged with {kept} rows already there",
        Lang.JA: "既存の {kept} 行と統合",
    },
    "written_replaced": {Lang.EN: "replacing what was there", Lang.JA: "既存のデータを置換"},
    "price_splits_ok": {
        Lang.EN: "corporate-action table ({where}): its ex-rights dates hold every split found",
        Lang.JA: "コーポレート・アクション表 ({where}): 検出した株式分割等はすべて権利落日が"
        "一致します",
    },
    "price_splits_missing": {
        Lang.EN: "corporate-action table ({where}) has no {ratio} quoted ex-rights near {date}: "
        "add the action (its record date, or its ex-rights date in the last column) or the "
        "volatility mixes share bases",
        Lang.JA: "コーポレート・アクション表 ({where}) に {date} 付近で権利落ちする {ratio} が"
        "ありません: 追加しないと株価変動性の基準が混在します",
    },
    "price_splits_twice": {
        Lang.EN: "corporate-action table ({where}) has {ratio} quoted ex-rights on {date}, inside "
        "adjusted closes: the split would be applied twice; import unadjusted closes",
        Lang.JA: "コーポレート・アクション表 ({where}) の {ratio} ({date} 権利落ち) は調整後終値の"
        "期間内です: 二重に調整されるため、調整前終値を取り込んでください",
    },
    "format_table": {
        Lang.EN: "{kind}, columns {columns}",
        Lang.JA: "{kind}、列 {columns}",
    },
    "format_jquants": {
        Lang.EN: "J-Quants daily bars JSON ({versions})",
        Lang.JA: "J-Quants 株価四本値 JSON ({versions})",
    },
    "format_code": {Lang.EN: ", code {codes}", Lang.JA: "、銘柄コード {codes}"},
    "format_mof": {
        Lang.EN: "MOF 国債金利情報 CSV, {encodings}",
        Lang.JA: "財務省 国債金利情報 CSV、{encodings}",
    },
    "at_line": {Lang.EN: "{file} line {line}", Lang.JA: "{file} {line}行目"},
    "at_record": {Lang.EN: "record {index} ({day})", Lang.JA: "レコード {index} ({day})"},
    "at_line_record": {
        Lang.EN: "{file} line {line}: {record}",
        Lang.JA: "{file} {line}行目: {record}",
    },
    "at_file_record": {Lang.EN: "{file} {record}", Lang.JA: "{file} {record}"},
    "kind_prices": {Lang.EN: "prices", Lang.JA: "株価"},
    "kind_rates": {Lang.EN: "rates", Lang.JA: "金利"},
}
"""Every sentence of a report, in Japanese and English (the catalogue of this face)."""


def _say(key: str, lang: Lang, **fields: object) -> str:
    return MESSAGES[key][lang].format(**fields)


@dataclass(frozen=True, slots=True)
class Text:
    """A sentence of the catalogue with its fields, rendered in either language.

    ``str(text)`` is the English; ``text("ja")`` the Japanese. Texts joined with ``+`` render
    one after the other (a sentence and its warning).
    """

    parts: tuple[tuple[str, tuple[tuple[str, object], ...]], ...]

    def __call__(self, lang: Lang | str = Lang.EN) -> str:
        """The sentence in ``lang``."""
        language = Lang(lang)
        return "".join(
            _say(key, language, **{k: _render(v, language) for k, v in fields})
            for key, fields in self.parts
        )

    def __add__(self, other: Text) -> Text:
        return Text(self.parts + other.parts)

    def __str__(self) -> str:
        return self(Lang.EN)


def _render(value: object, lang: Lang) -> object:
    return value(lang) if isinstance(value, Text) else value


def text(key: str, **fields: object) -> Text:
    """The catalogue's sentence ``key`` with ``fields`` (a field may itself be a Text)."""
    if key not in MESSAGES:
        raise KeyError(key)
    return Text(((key, tuple(fields.items())),))


@dataclass(frozen=True, kw_only=True, slots=True)
class Rejected:
    """A row left out of the import, and why (``file line 12``, ``no close (null)``).

    ``at`` and ``why`` render in either language; :attr:`where` and :attr:`reason` are the
    English.
    """

    at: Text
    why: Text

    @property
    def where(self) -> str:
        """Where the row is, in English (``prices.csv line 12``)."""
        return str(self.at)

    @property
    def reason(self) -> str:
        """The reason in English."""
        return str(self.why)


@dataclass(frozen=True, kw_only=True, slots=True)
class FoundSplit:
    """A change of share basis found in the data.

    Attributes
    ----------
    date : datetime.date
        The first day quoted on the new basis (the ex-rights date, 権利落ち日).
    ratio : float
        Shares after / shares before (2 for a 1:2 split, 0.5 for a 2:1 consolidation).
    source : Text
        ``adjustment factor 0.5`` or ``close-to-close jump 398,000 -> 2,010``.
    matched : CorporateAction or None
        The action of the corporate-action table it matches; None when the table has none.
    table_given : bool
        Whether a table was given at all.
    """

    date: dt.date
    ratio: float
    source: Text
    matched: CorporateAction | None
    table_given: bool

    def describe(self, lang: Lang) -> str:
        """One line of the report."""
        if self.matched is not None:
            action = self.matched.description or self.matched.rule_sentence(lang)
            match = _say("matched", lang, action=action)
        elif self.table_given:
            match = _say("missing_action", lang)
        else:
            match = _say("no_table", lang)
        return _say(
            "split",
            lang,
            ratio=ratio_text(self.ratio),
            date=self.date.isoformat(),
            source=self.source(lang),
            match=match,
        )


def ratio_text(ratio: float) -> str:
    """``1:200`` for a split of ratio 200, ``2:1`` for a consolidation of ratio 0.5."""
    if ratio >= 1.0:
        return f"1:{ratio:g}"
    return f"{1.0 / ratio:g}:1"


@dataclass(frozen=True, kw_only=True, slots=True)
class ImportReport:
    """What an import read and decided (see the module docstring).

    Attributes
    ----------
    kind : str
        ``prices`` or ``rates``.
    files : tuple of str
        The files read, in the order given.
    read_as : Text
        The format recognised (``MOF 国債金利情報 CSV, cp932 (Shift_JIS)``...); :attr:`format`
        in English.
    rows_read, rows_used : int
        Data rows read; rows that went into the result.
    first_date, last_date : date or None
        The range of the rows used.
    rejected : tuple of Rejected
        Rows left out, each with its reason.
    basis : Text or None
        The unadjusted/adjusted choice (prices), None for rates.
    window : tuple of date or None
        The volatility window checked for missing trading days.
    missing_trading_days : tuple of date
        XTKS trading days in the window without a close.
    non_trading_closes : tuple of date
        Dates with a close on which XTKS did not trade.
    splits : tuple of FoundSplit
        Splits found from a factor or a jump, with the corporate-action check.
    notes : tuple of Text
        Anything else the reader decided (the curve's date, overlapping files, row order).
    """

    kind: str
    files: tuple[str, ...]
    read_as: Text
    rows_read: int
    rows_used: int
    first_date: dt.date | None
    last_date: dt.date | None
    rejected: tuple[Rejected, ...] = ()
    basis: Text | None = None
    window: tuple[dt.date, dt.date] | None = None
    missing_trading_days: tuple[dt.date, ...] = ()
    non_trading_closes: tuple[dt.date, ...] = ()
    splits: tuple[FoundSplit, ...] = ()
    notes: tuple[Text, ...] = ()

    @property
    def format(self) -> str:
        """The format recognised, in English."""
        return str(self.read_as)

    def lines(self, lang: Lang | str = Lang.EN) -> list[str]:
        """The report as lines of text in ``lang`` (``"en"`` or ``"ja"``)."""
        language = Lang(lang)
        out = [
            _say(
                "read",
                language,
                kind=_say(f"kind_{self.kind}", language),
                files=", ".join(self.files),
                format=self.read_as(language),
            ),
            _say(
                "rows",
                language,
                read=f"{self.rows_read:,}",
                used=f"{self.rows_used:,}",
                rejected=f"{len(self.rejected):,}",
            ),
        ]
        if self.first_date is not None and self.last_date is not None:
            out.append(_say("range", language, first=self.first_date, last=self.last_date))
        for item in self.rejected[:_SHOWN]:
            out.append(
                _say("rejected", language, where=item.at(language), reason=item.why(language))
            )
        if len(self.rejected) > _SHOWN:
            out.append(_say("more", language, count=len(self.rejected) - _SHOWN))
        if self.basis is not None:
            out.append(_say("basis", language, basis=self.basis(language)))
        if self.window is not None:
            out.append(
                _say(
                    "window",
                    language,
                    start=self.window[0],
                    end=self.window[1],
                    count=len(self.missing_trading_days),
                )
                + _dates(self.missing_trading_days, language)
            )
        if self.kind == "prices":
            out.append(
                _say("non_trading", language, count=len(self.non_trading_closes))
                + _dates(self.non_trading_closes, language)
            )
            if not self.splits:
                out.append(_say("no_splits", language))
        out.extend(s.describe(language) for s in self.splits)
        out.extend(_say("note", language, text=n(language)) for n in self.notes)
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())


def _dates(days: Sequence[dt.date], lang: Lang) -> str:
    if not days:
        return ""
    shown = ", ".join(d.isoformat() for d in days[:_SHOWN])
    more = _say("dates_more", lang, count=len(days) - _SHOWN) if len(days) > _SHOWN else ""
    return f" ({shown}{more})"


# --- checks on a price series -----------------------------------------------------------------


def _sessions(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date, frozenset[dt.date]] | None:
    """(first, last, XTKS sessions) of [start, end] clipped to what the calendar knows."""
    from stockrights.errors import OutOfRangeError
    from stockrights.prices import tse_calendar_range, tse_trading_days

    known_first, known_last = tse_calendar_range()  # the shipped table's first and last session
    first = max(start, known_first)
    last = min(end, known_last, dt.date.today() + dt.timedelta(days=180))
    if last < first:
        return None
    try:
        return first, last, frozenset(tse_trading_days(start=first, end=last))
    except OutOfRangeError:
        return None


def trading_day_checks(
    dates: Sequence[dt.date], *, window: tuple[dt.date, dt.date] | None
) -> tuple[tuple[dt.date, ...], tuple[dt.date, ...]]:
    """(XTKS trading days in ``window`` without a close, dated closes on non-trading days).

    ``dates`` are the days with a close, increasing. XTKS is known from the first session of the
    shipped table (:func:`stockrights.prices.tse_calendar_range`, 1997-01-06) to about half a
    year ahead; days outside that are not checked.
    """
    if not dates:
        return (), ()
    non_trading: tuple[dt.date, ...] = ()
    known = _sessions(dates[0], dates[-1])
    if known is not None:
        lo, hi, sessions = known
        non_trading = tuple(d for d in dates if lo <= d <= hi and d not in sessions)
    missing: tuple[dt.date, ...] = ()
    if window is not None:
        in_window = _sessions(window[0], window[1])
        if in_window is not None:
            have = set(dates)
            missing = tuple(sorted(d for d in in_window[2] if d not in have))
    return missing, non_trading


def find_jumps(
    dates: Sequence[dt.date], closes: Sequence[float]
) -> list[tuple[dt.date, float, Text]]:
    """Close-to-close jumps that match a common split ratio: (date, ratio, description).

    ``ratio`` is the common ratio matched (previous close / close is near it): 2 when the close
    halves. ``date`` is the first day on the new basis.
    """
    out: list[tuple[dt.date, float, Text]] = []
    candidates = [*COMMON_SPLIT_RATIOS, *(1.0 / r for r in (2.0, 5.0, 10.0))]
    for i in range(1, len(closes)):
        before, after = closes[i - 1], closes[i]
        observed = before / after
        if max(observed, 1.0 / observed) < _MIN_JUMP:
            continue
        for ratio in candidates:
            if abs(math.log(observed / ratio)) <= math.log(1.0 + _JUMP_TOLERANCE):
                out.append(
                    (
                        dates[i],
                        ratio,
                        text("source_jump", before=f"{before:,.6g}", after=f"{after:,.6g}"),
                    )
                )
                break
    return out


def match_action(
    *,
    date: dt.date,
    ratio: float,
    actions: Iterable[CorporateAction],
) -> CorporateAction | None:
    """The action with this ratio whose record date or first day falls within a week of ``date``.

    A basis change up to a week either side of the action's record date or of the day it
    applies from (the day after the record date for a split, the effective date otherwise)
    matches: the ex-rights date precedes the record date by the settlement lag, and a table
    may give the effective date where the price series changes basis.
    """
    for action in actions:
        if action.kind not in (ActionKind.SPLIT, ActionKind.CONSOLIDATION, ActionKind.OTHER):
            continue
        if not math.isclose(action.ratio, ratio, rel_tol=1e-6):
            continue
        anchors = [action.scheduled_from()]
        if action.record_date is not None:
            anchors.append(action.record_date)
        if any(abs((date - a).days) <= _MATCH_DAYS for a in anchors):
            return action
    return None


def price_split_check(
    *,
    found: Sequence[FoundSplit],
    adjusted: bool,
    first: dt.date,
    last: dt.date,
    price_splits: Sequence[tuple[dt.date, float]],
    where: str,
) -> tuple[Text, ...]:
    """Compare the splits found in imported closes with the actions' ex-rights dates.

    ``price_splits`` are (first day quoted on the new basis, ratio): the ex-rights dates of the
    corporate-action table. Unadjusted closes need every split found among them (within a week
    of the day found); adjusted closes need none of them inside the data's range (they would be
    applied twice).
    """
    if adjusted:
        return tuple(
            text("price_splits_twice", where=where, ratio=ratio_text(ratio), date=day)
            for day, ratio in price_splits
            if first < day <= last
        )
    missing = [
        s
        for s in found
        if not any(
            math.isclose(ratio, s.ratio, rel_tol=1e-6) and abs((day - s.date).days) <= _MATCH_DAYS
            for day, ratio in price_splits
        )
    ]
    if not missing:
        return (text("price_splits_ok", where=where),) if found else ()
    return tuple(
        text("price_splits_missing", where=where, ratio=ratio_text(s.ratio), date=s.date)
        for s in missing
    )
