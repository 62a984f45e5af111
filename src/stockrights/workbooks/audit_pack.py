"""The re-performance workbook: the valuation with native spreadsheet formulas only.

An auditor does not have the add-in. :func:`build_audit_pack` writes a workbook that holds the raw
data as values (daily closes, the JGB curve, the dividend, the corporate actions) and re-performs
every step of clause (12) with functions every spreadsheet application has — the weekly selection
(``WEEKDAY``), ``LN``, ``STDEV.S``, ``SQRT``, the linear interpolation (``MATCH``/``INDEX``),
``NORM.S.DIST``, ``EXP``, ``ROUNDUP``, ``IF``/``MAX`` (the limit where sigma sqrt(T) = 0) — plus
the clause (3) and (6) roundings (``ROUNDDOWN``, ``ROUNDUP``). No ``SAR_`` function appears in
it. Next to the re-performed amount it stores the amount the core computed, and a difference cell;
the test suite opens the pack in LibreOffice, recalculates every formula and requires that
difference to be zero and every intermediate value to agree with the core.

Sheets (Japanese names, English alongside in every label):

- 概要 Summary: what the pack is, how to re-perform, the amount re-performed and the core's.
- 入力 Inputs: S, X, T, sigma, r, q and the shares per right used, each with its source.
- 株価 Prices (when the volatility is derived from data): one row per daily close in the
  window — date, close as traded, split factor, adjusted close, week (Monday), the last-trading-
  day-of-week flag, the carried last observation, the log return — and the statistics.
- 金利 Rates (when r is derived from a curve): the curve and the interpolation.
- 配当 Dividend (when q is derived from a dividend): the dividend, its restatement, q.
- 評価 Valuation: d1, d2, N(d1), N(d2), the discount factors, C, the rounding, the allotment table.
- 株式分割等 Corporate actions, and 調整・資本金: clause (3) step by step and a clause (6) split.

Formulas mirror the core's arithmetic order where it matters to the last digit; the rounding
conventions are the resolution's (:class:`stockrights.rounding.Rounding`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from stockrights.adjustment import CorporateAction, share_basis_changes
from stockrights.errors import InputError
from stockrights.rates import Compounding
from stockrights.rounding import Rounding
from stockrights.terms import GrantTerms, MarketInputs
from stockrights.valuation import value_grant
from stockrights.workbooks.audit_pack_text import text

__all__ = [
    "AuditPackInputs",
    "CurveData",
    "DividendData",
    "PriceData",
    "build_audit_pack",
    "dividend_restatements",
    "example_pack_inputs",
    "price_basis_changes",
    "write_audit_pack",
]


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("stockrights")
    except PackageNotFoundError:  # running from a source tree without installing
        return "unknown"


_FIRST = 6  # first data row of the table sheets (rows 1-4 title, 5 headers)


@dataclass(frozen=True, kw_only=True, slots=True)
class PriceData:
    """The daily closes behind sigma and S, as the core's volatility estimate read them.

    Attributes
    ----------
    dates, closes : sequence
        Trading days in increasing order and the close on each, yen per share as traded.
    window_start, window_end : date
        The volatility window of clause (12)-5 (``window_end`` is the valuation date).
    splits : sequence of (date, ratio)
        Basis changes of the price series: the first trading day quoted on the new basis and
        the ratio (200 for 1:200); earlier closes are divided by the ratio.
    periods_per_year : float
        Annualisation factor (52: weekly).
    """

    dates: tuple[dt.date, ...]
    closes: tuple[float, ...]
    window_start: dt.date
    window_end: dt.date
    splits: tuple[tuple[dt.date, float], ...] = ()
    periods_per_year: float = 52.0


@dataclass(frozen=True, kw_only=True, slots=True)
class CurveData:
    """The JGB curve behind r (decimals) and how the interpolated yield is converted."""

    tenors_years: tuple[float, ...]
    yields: tuple[float, ...]
    compounding: Compounding = Compounding.AS_QUOTED


@dataclass(frozen=True, kw_only=True, slots=True)
class DividendData:
    """The dividend behind q: yen per share on the basis of its record date, and its restatement.

    ``restatements`` are (legal effective date, ex-rights date, ratio) of each action of the
    table that changes the share basis: the dividend is divided by the ratio of every action
    that takes effect after ``record_date`` (the dividend was paid on the old shares) and is
    quoted ex-rights on or before the valuation date (the price S is on the new basis): the rule
    of :func:`stockrights.restated_dividend` with ``actions=``. :func:`dividend_restatements`
    makes them from the table.
    """

    dividend_per_share: float
    record_date: dt.date
    restatements: tuple[tuple[dt.date, dt.date, float], ...] = ()


def price_basis_changes(
    actions: Sequence[CorporateAction], first: dt.date, last: dt.date
) -> tuple[tuple[dt.date, float], ...]:
    """(ex-rights date, ratio) of the actions that change the basis of closes in [first, last].

    The price series changes basis on each action's ex-rights date, from the core's
    :func:`stockrights.adjustment.share_basis_changes` (the table the workbook's ``SAR_HIST_VOL``
    reads): the pack's :class:`PriceData` ``splits``.
    """
    return tuple(
        (c.ex_rights_date, float(c.ratio))
        for c in share_basis_changes(actions, quoted_after=first, quoted_until=last)
    )


def dividend_restatements(
    actions: Sequence[CorporateAction], *, as_of: dt.date
) -> tuple[tuple[dt.date, dt.date, float], ...]:
    """(legal effective date, ex-rights date, ratio) of each basis-changing action for the pack.

    The ex-rights dates are the core's (derived from the record dates by the TSE settlement
    cycle, or given); actions quoted ex-rights only after ``as_of`` are left out (they cannot
    restate a dividend on ``as_of``'s basis, and a far-future record date need not be datable).
    """
    return tuple(
        (c.action.legal_effective_date, c.ex_rights_date, float(c.ratio))
        for c in share_basis_changes(actions, quoted_until=as_of)
    )


@dataclass(frozen=True, kw_only=True, slots=True)
class AuditPackInputs:
    """Everything the pack re-performs from.

    ``market`` holds the values the core valued with and their sources; where ``prices``,
    ``curve`` or ``dividend`` is given, the pack derives S and sigma, r, or q from those data
    by formula instead of entering them, and the test suite checks the two agree.
    ``actions`` and ``adjustment_as_of`` drive the clause (3) sheet; ``exercised_rights`` the
    clause (6) example. ``entered`` names the inputs (``share_price``, ``volatility``,
    ``risk_free_rate``, ``dividend_yield``) that are entered with their source even though the
    data behind them are given (a sigma typed beside the closes S is taken from): the data
    sheet still shows what they give.
    """

    terms: GrantTerms
    market: MarketInputs
    prices: PriceData | None = None
    curve: CurveData | None = None
    dividend: DividendData | None = None
    actions: tuple[CorporateAction, ...] = ()
    adjustment_as_of: dt.date | None = None
    exercised_rights: int = 1
    title: str = ""
    data_note: tuple[str, ...] = field(default_factory=tuple)
    entered: frozenset[str] = frozenset()


# --------------------------------------------------------------------------------------------
class _Sheet:
    """A worksheet with the pack's row helpers: label (ja), label (en), value, unit, source."""

    def __init__(self, ws: Any, lang_title: str) -> None:
        self.ws = ws
        ws["A1"] = lang_title
        ws["A1"].font = _font(bold=True, size=13)
        self.row = 3

    def header(self, row: int, keys: Sequence[str], *, col: int = 1) -> None:
        self.ws.row_dimensions[row].height = 44
        for i, key in enumerate(keys):
            cell = self.ws.cell(row=row, column=col + i, value=_both(key))
            cell.font = _font(bold=True)
            cell.alignment = _wrap()

    def line(
        self,
        key: str,
        value: object,
        *,
        unit: str = "",
        source: str = "",
        fmt: str | None = None,
    ) -> str:
        """Write one labelled row; return the absolute reference of its value cell."""
        r = self.row
        self.ws.cell(row=r, column=1, value=text(key, "ja"))
        self.ws.cell(row=r, column=2, value=text(key, "en"))
        cell = self.ws.cell(row=r, column=3, value=value)
        if fmt:
            cell.number_format = fmt
        if unit:
            self.ws.cell(row=r, column=4, value=_both(unit) if unit.startswith("unit.") else unit)
        if source:
            self.ws.cell(row=r, column=5, value=source)
        self.row += 1
        return f"${_col(3)}${r}"


def _font(**kw: Any) -> Any:
    from openpyxl.styles import Font

    return Font(name="IPAexGothic", **kw)


def _wrap() -> Any:
    from openpyxl.styles import Alignment

    return Alignment(wrap_text=True, vertical="top")


def _col(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


def _both(key: str) -> str:
    return f"{text(key, 'ja')} / {text(key, 'en')}"


def _ref(sheet: str, ref: str) -> str:
    return f"'{sheet}'!{ref}"


_DATE = "yyyy-mm-dd"
_YEN = "#,##0"
_RATE = "0.000000%"
_NUM = "0.000000000"


# --------------------------------------------------------------------------------------------
def _prices_sheet(wb: Any, data: PriceData, lang: str) -> dict[str, str]:
    """Daily closes, weekly selection and sigma; returns refs of S's lookup table and sigma."""
    name = text("sheet.prices", "ja")
    sheet = _Sheet(wb.create_sheet(name), _both("sheet.prices"))
    ws = sheet.ws
    ws["A2"] = text("rule.weekly", lang)
    heads = (
        "col.date",
        "col.close",
        "col.factor",
        "col.adjusted",
        "col.in_window",
        "col.week",
        "col.observation",
        "col.last_obs",
        "col.log_return",
    )
    sheet.header(_FIRST - 1, heads)
    n = len(data.dates)
    last = _FIRST + n - 1
    # Statistics, to the right of the table (columns K-O).
    stats = _Sheet.__new__(_Sheet)
    stats.ws = ws
    stats.row = 5
    start = data.window_start
    end = data.window_end

    # Split table (columns Q-R): first day on the new basis, ratio.
    ws.cell(row=_FIRST - 1, column=17, value=_both("col.price_basis")).font = _font(bold=True)
    ws.cell(row=_FIRST - 1, column=18, value=_both("col.ratio")).font = _font(bold=True)
    split_refs = []
    for i, (day, ratio) in enumerate(data.splits):
        r = _FIRST + i
        ws.cell(row=r, column=17, value=day).number_format = _DATE
        ws.cell(row=r, column=18, value=float(ratio))
        split_refs.append((f"$Q${r}", f"$R${r}"))

    win_start = f"$M${5}"
    win_end = f"$M${6}"
    ws["K5"], ws["L5"], ws["M5"] = text("window_start", "ja"), text("window_start", "en"), start
    ws["K6"], ws["L6"], ws["M6"] = text("window_end", "ja"), text("window_end", "en"), end
    ws["M5"].number_format = ws["M6"].number_format = _DATE
    ws["K7"], ws["L7"] = text("periods_per_year", "ja"), text("periods_per_year", "en")
    ws["M7"] = float(data.periods_per_year)
    for i, (day, close) in enumerate(zip(data.dates, data.closes, strict=True)):
        r = _FIRST + i
        ws.cell(row=r, column=1, value=day).number_format = _DATE
        ws.cell(row=r, column=2, value=float(close)).number_format = "#,##0.00"
        factor = "*".join(f"IF(A{r}<{d},{q},1)" for d, q in split_refs) or "1"
        ws.cell(row=r, column=3, value=f"={factor}")
        ws.cell(row=r, column=4, value=f"=B{r}/C{r}").number_format = "#,##0.0000"
        ws.cell(row=r, column=5, value=f"=AND(A{r}>={win_start},A{r}<={win_end})")
        ws.cell(row=r, column=6, value=f"=A{r}-WEEKDAY(A{r},2)+1").number_format = _DATE
        nxt = f"OR(NOT(E{r + 1}),F{r + 1}<>F{r})" if r < last else "TRUE"
        ws.cell(row=r, column=7, value=f"=AND(E{r},{nxt})")
        prev_obs = f"H{r - 1}" if r > _FIRST else '""'
        ws.cell(row=r, column=8, value=f"=IF(G{r},D{r},{prev_obs})").number_format = "#,##0.0000"
        if r > _FIRST:
            ws.cell(
                row=r, column=9, value=f'=IF(AND(G{r},ISNUMBER(H{r - 1})),LN(D{r}/H{r - 1}),"")'
            ).number_format = "0.000000"

    def rng(column: str) -> str:
        return f"{column}{_FIRST}:{column}{last}"

    ws["K8"], ws["L8"] = text("observations", "ja"), text("observations", "en")
    ws["M8"] = f"=COUNTIF({rng('G')},TRUE)"
    ws["K9"], ws["L9"] = text("returns", "ja"), text("returns", "en")
    ws["M9"] = f"=COUNT({rng('I')})"
    ws["K10"], ws["L10"] = text("stdev", "ja"), text("stdev", "en")
    ws["M10"] = f"=_xlfn.STDEV.S({rng('I')})"
    ws["K11"], ws["L11"] = text("volatility", "ja"), text("volatility", "en")
    ws["M11"] = "=M10*SQRT(M7)"
    ws["M10"].number_format = ws["M11"].number_format = _NUM
    ws["K12"], ws["L12"] = text("share_price", "ja"), text("share_price", "en")
    ws["M12"] = f"=INDEX({rng('B')},MATCH(M6,{rng('A')},0))"
    for c, w in zip(
        "ABCDEFGHIJKLMNOPQR", (12, 12, 10, 14, 8, 12, 10, 14, 14, 2, 26, 30, 16), strict=False
    ):
        ws.column_dimensions[c].width = w
    ws.column_dimensions["Q"].width = 14
    ws.freeze_panes = f"A{_FIRST}"
    return {
        "volatility": _ref(name, "$M$11"),
        "share_price": _ref(name, "$M$12"),
    }


def _rates_sheet(wb: Any, curve: CurveData, term_ref: str, lang: str) -> str:
    """The curve and the linear interpolation at T; returns the ref of r."""
    name = text("sheet.rates", "ja")
    sheet = _Sheet(wb.create_sheet(name), _both("sheet.rates"))
    ws = sheet.ws
    ws["A2"] = text("rule.interpolation", lang)
    sheet.header(_FIRST - 1, ("col.tenor", "col.yield"))
    n = len(curve.tenors_years)
    last = _FIRST + n - 1
    for i, (tenor, y) in enumerate(zip(curve.tenors_years, curve.yields, strict=True)):
        ws.cell(row=_FIRST + i, column=1, value=float(tenor))
        ws.cell(row=_FIRST + i, column=2, value=float(y)).number_format = _RATE
    tenors = f"$A${_FIRST}:$A${last}"
    yields = f"$B${_FIRST}:$B${last}"
    sheet.row = 5

    def put(key: str, value: object, fmt: str | None = None) -> str:
        return _side(ws, sheet, key, value, fmt)

    t = put("term_lookup", f"={term_ref}")
    i_ref = put("col.tenor", f"=MATCH({t},{tenors},1)")
    lo = put("tenor_low", f"=INDEX({tenors},{i_ref})")
    hi = put("tenor_high", f"=INDEX({tenors},MIN({i_ref}+1,{n}))")
    ylo = put("yield_low", f"=INDEX({yields},{i_ref})", _RATE)
    yhi = put("yield_high", f"=INDEX({yields},MIN({i_ref}+1,{n}))", _RATE)
    # numpy.interp's order: slope x (T - t_lo) + y_lo; an exact tenor returns its yield.
    quoted = put(
        "quoted_yield",
        f"=IF({hi}={lo},{ylo},({yhi}-{ylo})/({hi}-{lo})*({t}-{lo})+{ylo})",
        _RATE,
    )
    continuous = curve.compounding is Compounding.CONTINUOUS
    put("compounding", text("rule.continuous" if continuous else "rule.as_quoted", lang))
    formula = f"=2*LN(1+{quoted}/2)" if continuous else f"={quoted}"
    r = put("risk_free_rate", formula, _RATE)
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 14
    ws.column_dimensions["D"].width = 24
    ws.column_dimensions["E"].width = 30
    ws.column_dimensions["F"].width = 16
    return _ref(name, r)


def _side(ws: Any, sheet: _Sheet, key: str, value: object, fmt: str | None) -> str:
    """A labelled row in columns D-F (beside a table in A-B); returns the value's ref."""
    r = sheet.row
    ws.cell(row=r, column=4, value=text(key, "ja"))
    ws.cell(row=r, column=5, value=text(key, "en"))
    cell = ws.cell(row=r, column=6, value=value)
    if fmt:
        cell.number_format = fmt
    sheet.row += 1
    return f"$F${r}"


def _dividend_sheet(
    wb: Any, data: DividendData, valuation_date: dt.date, share_price_ref: str, lang: str
) -> str:
    """The dividend, its restatement for splits and q; returns the ref of q."""
    name = text("sheet.dividend", "ja")
    sheet = _Sheet(wb.create_sheet(name), _both("sheet.dividend"))
    sheet.ws["A2"] = text("rule.dividend", lang)
    dps = sheet.line("dividend_declared", float(data.dividend_per_share), unit="unit.yen_per_share")
    rec = sheet.line("dividend_record_date", data.record_date, fmt=_DATE)
    val = sheet.line("valuation_date", valuation_date, fmt=_DATE)
    sheet.row += 1
    sheet.header(sheet.row, ("col.effective", "col.price_basis", "col.ratio"))
    sheet.row += 1
    factors = []
    for effective, ex_rights, ratio in data.restatements:
        r = sheet.row
        sheet.ws.cell(row=r, column=1, value=effective).number_format = _DATE
        sheet.ws.cell(row=r, column=2, value=ex_rights).number_format = _DATE
        sheet.ws.cell(row=r, column=3, value=float(ratio))
        factors.append(f"IF(AND($A${r}>{rec},$B${r}<={val}),$C${r},1)")
        sheet.row += 1
    sheet.row += 1
    factor = sheet.line("restatement_factor", "=" + ("*".join(factors) or "1"))
    restated = sheet.line(
        "dividend_restated", f"={dps}/{factor}", unit="unit.yen_per_share", fmt="0.000000"
    )
    q = sheet.line("dividend_yield", f"={restated}/{share_price_ref}", fmt=_RATE)
    _widths(sheet.ws)
    return _ref(name, q)


def _widths(ws: Any) -> None:
    for c, w in zip("ABCDE", (44, 40, 18, 30, 60), strict=True):
        ws.column_dimensions[c].width = w


# --------------------------------------------------------------------------------------------
def _rounding_formula(rounding: Rounding, c_ref: str, n_ref: str) -> str:
    if rounding is Rounding.PER_RIGHT_UP:
        return f"=ROUNDUP({c_ref}*{n_ref},0)"
    if rounding is Rounding.PER_SHARE_UP:
        return f"=ROUNDUP({c_ref},0)*{n_ref}"
    return f"=ROUND({c_ref},0)*{n_ref}"


def _check_pack_inputs(inputs: AuditPackInputs) -> None:
    # A negative sigma or a non-positive T never gets here: MarketInputs and GrantTerms refuse
    # them. A zero sigma is priced at the limit, as the core prices it (see build_audit_pack).
    if inputs.prices is not None:
        p = inputs.prices
        if len(p.dates) != len(p.closes) or len(p.dates) < 3:
            raise InputError(
                "prices must hold one close per date and at least 3 closes, "
                f"got {len(p.dates)} dates and {len(p.closes)} closes"
            )
        if len(p.splits) > 20:
            raise InputError(f"prices splits must be at most 20, got {len(p.splits)}")


def build_audit_pack(inputs: AuditPackInputs, *, lang: str = "ja") -> Any:
    """Build the re-performance workbook (an ``openpyxl.Workbook``); see the module docstring.

    Parameters
    ----------
    inputs : AuditPackInputs
        The grant's terms, the market inputs the core used with their sources, and the data the
        pack re-performs them from.
    lang : {"ja", "en"}
        Language of the explanatory sentences; every label carries both languages.

    Returns
    -------
    openpyxl.Workbook

    Raises
    ------
    InputError
        For malformed price data (fewer than 3 closes, dates and closes of unequal length).

    Notes
    -----
    Where ``sigma sqrt(T)`` is 0 the option price cell is the core's limit
    ``MAX(S e^(-qT) - X e^(-rT), 0)`` (an ``IF``), and d1, d2, N(d1), N(d2) show the catalogue's
    ``limit_used`` sentence instead of ``#DIV/0!``.
    """
    import openpyxl

    _check_pack_inputs(inputs)
    terms, market = inputs.terms, inputs.market
    valuation = value_grant(terms, market)
    wb = openpyxl.Workbook()
    summary = _Sheet(wb.active, _both("sheet.summary"))
    summary.ws.title = text("sheet.summary", "ja")
    inputs_name = text("sheet.inputs", "ja")
    inp = _Sheet(wb.create_sheet(inputs_name), _both("sheet.inputs"))
    val_name = text("sheet.valuation", "ja")

    # --- inputs: S, X, T, sigma, r, q, shares per right ---
    inp.header(2, ("col.item_ja", "col.item_en", "col.value", "col.unit", "col.source"))
    inp.row = 3
    term_ref = _ref(inputs_name, inp.line("term_years", terms.term_years, unit="unit.years"))
    x_ref = _ref(
        inputs_name,
        inp.line("exercise_price", terms.exercise_price, unit="unit.yen_per_share"),
    )
    n_ref = _ref(
        inputs_name,
        inp.line("shares_per_right", terms.shares_per_right, unit="unit.shares"),
    )
    derived: dict[str, str] = {}
    if inputs.prices is not None:
        derived.update(_prices_sheet(wb, inputs.prices, lang))
    if inputs.curve is not None:
        derived["risk_free_rate"] = _rates_sheet(wb, inputs.curve, term_ref, lang)
    entered = text("entered", lang)
    s_value: object = (
        f"={derived['share_price']}"
        if "share_price" in derived and "share_price" not in inputs.entered
        else market.share_price
    )
    s_ref = _ref(
        inputs_name,
        inp.line(
            "share_price",
            s_value,
            unit="unit.yen_per_share",
            source=market.share_price_source or entered,
        ),
    )
    if inputs.dividend is not None:
        derived["dividend_yield"] = _dividend_sheet(
            wb, inputs.dividend, terms.allotment_date, s_ref, lang
        )
    refs: dict[str, str] = {}
    for key, value, source in (
        ("volatility", market.volatility, market.volatility_source),
        ("risk_free_rate", market.risk_free_rate, market.risk_free_rate_source),
        ("dividend_yield", market.dividend_yield, market.dividend_yield_source),
    ):
        shown: object = (
            f"={derived[key]}" if key in derived and key not in inputs.entered else value
        )
        refs[key] = _ref(
            inputs_name,
            inp.line(key, shown, unit="unit.decimal", source=source or entered, fmt=_RATE),
        )
    _widths(inp.ws)

    # --- valuation: Black-Scholes with a dividend yield, then the rounding ---
    val = _Sheet(wb.create_sheet(val_name), _both("sheet.valuation"))
    val.header(2, ("col.item_ja", "col.item_en", "col.value", "col.unit", "col.source"))
    val.row = 3
    sp = val.line("share_price", f"={s_ref}", unit="unit.yen_per_share")
    xp = val.line("exercise_price", f"={x_ref}", unit="unit.yen_per_share")
    tp = val.line("term_years", f"={term_ref}", unit="unit.years")
    sig = val.line("volatility", f"={refs['volatility']}", fmt=_NUM)
    r = val.line("risk_free_rate", f"={refs['risk_free_rate']}", fmt=_NUM)
    q = val.line("dividend_yield", f"={refs['dividend_yield']}", fmt=_NUM)
    # sigma sqrt(T) = 0 (a zero sigma, typed or derived from closes that never move, or a T
    # set to 0 in the pack): d1, d2, N(d1), N(d2) are undefined there and say so in words; C is
    # the limit max(S e^(-qT) - X e^(-rT), 0), the rule of stockrights.pricing.bsm_call_price.
    degenerate = f"{sig}*SQRT({tp})=0"
    limit_text = '"' + text("limit_used", lang).replace('"', '""') + '"'

    def unless_degenerate(formula: str) -> str:
        return f"=IF({degenerate},{limit_text},{formula})"

    d1 = val.line(
        "d1",
        unless_degenerate(f"(LN({sp}/{xp})+({r}-{q}+{sig}^2/2)*{tp})/({sig}*SQRT({tp}))"),
        source="(ln(S/X) + (r − q + σ²/2)T) / (σ√T)",
        fmt=_NUM,
    )
    d2 = val.line("d2", unless_degenerate(f"{d1}-{sig}*SQRT({tp})"), fmt=_NUM)
    nd1 = val.line("n_d1", unless_degenerate(f"_xlfn.NORM.S.DIST({d1},TRUE)"), fmt=_NUM)
    nd2 = val.line("n_d2", unless_degenerate(f"_xlfn.NORM.S.DIST({d2},TRUE)"), fmt=_NUM)
    dq = val.line("disc_q", f"=EXP(-{q}*{tp})", fmt=_NUM)
    dr = val.line("disc_r", f"=EXP(-{r}*{tp})", fmt=_NUM)
    c = val.line(
        "option_price",
        f"=IF({degenerate},MAX({sp}*{dq}-{xp}*{dr},0),{sp}*{dq}*{nd1}-{xp}*{dr}*{nd2})",
        unit="unit.yen_per_share",
        source="S e^(−qT) N(d1) − X e^(−rT) N(d2)",
        fmt="#,##0.000000",
    )
    n = val.line("shares_per_right", f"={n_ref}", unit="unit.shares")
    val.line("unrounded", f"={c}*{n}", unit="unit.yen", fmt="#,##0.000000")
    amount = val.line(
        "per_right_amount",
        _rounding_formula(terms.rounding, c, n),
        unit="unit.yen",
        source=text(f"rule.{terms.rounding.value}", lang),
        fmt=_YEN,
    )
    val.row += 1
    val.header(val.row, ("col.category", "persons", "rights", "col.total"))
    val.row += 1
    first_cat = val.row
    for allotment in terms.allotments:
        rr = val.row
        val.ws.cell(row=rr, column=1, value=allotment.category)
        val.ws.cell(row=rr, column=2, value=allotment.persons)
        val.ws.cell(row=rr, column=3, value=allotment.rights)
        val.ws.cell(row=rr, column=4, value=f"=C{rr}*{amount}").number_format = _YEN
        val.row += 1
    last_cat = val.row - 1
    rr = val.row
    val.ws.cell(row=rr, column=1, value=_both("col.total"))
    val.ws.cell(row=rr, column=2, value=f"=SUM(B{first_cat}:B{last_cat})")
    val.ws.cell(row=rr, column=3, value=f"=SUM(C{first_cat}:C{last_cat})")
    total_cell = val.ws.cell(row=rr, column=4, value=f"=SUM(D{first_cat}:D{last_cat})")
    total_cell.number_format = _YEN
    val.row += 2
    if terms.maximum_rights is not None:
        mx = val.line("maximum", terms.maximum_rights, unit="unit.rights")
        val.line("within_maximum", f"=$C${rr}<={mx}")
    _widths(val.ws)

    # --- clause (3) and (6) ---
    if inputs.adjustment_as_of is not None:
        _clauses_sheet(wb, inputs, _ref(val_name, amount), x_ref, lang)

    # --- summary ---
    ws = summary.ws
    ws["A2"] = inputs.title or terms.series_name
    summary.row = 3
    ws.cell(row=3, column=1, value=text("about", lang)).alignment = _wrap()
    ws.merge_cells("A3:E3")
    ws.row_dimensions[3].height = 48
    ws.cell(row=4, column=1, value=text("how", lang)).alignment = _wrap()
    ws.merge_cells("A4:E4")
    ws.row_dimensions[4].height = 78
    summary.row = 6
    if market.illustrative:
        ws.cell(row=5, column=1, value=text("illustrative", lang)).font = _font(
            bold=True, color="C00000"
        )
    here = summary.line(
        "amount_recalculated", f"={_ref(val_name, amount)}", unit="unit.yen", fmt=_YEN
    )
    core = summary.line("amount_core", valuation.per_right_amount, unit="unit.yen", fmt=_YEN)
    summary.line("difference", f"={here}-{core}", unit="unit.yen", fmt=_YEN)
    summary.line("agrees", f"={here}={core}")
    summary.row += 1
    summary.line("generated", f"stockrights {_version()}")
    for note in inputs.data_note:
        ws.cell(row=summary.row, column=1, value=note)
        summary.row += 1
    _widths(ws)
    for sheet in wb.worksheets:
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.oddFooter.center.text = f"&A — &P / &N — stockrights {_version()}"
    wb.calculation.fullCalcOnLoad = True
    return wb


def _clauses_sheet(
    wb: Any, inputs: AuditPackInputs, amount_ref: str, x_ref: str, lang: str
) -> None:
    """Clause (3) step by step to ``adjustment_as_of``; clause (6) for an example exercise."""
    terms = inputs.terms
    as_of = inputs.adjustment_as_of or terms.allotment_date
    name = text("sheet.clauses", "ja")
    sheet = _Sheet(wb.create_sheet(name), _both("sheet.clauses"))
    ws = sheet.ws
    ws["A2"] = text("rule.clause3", lang)
    allot = sheet.line("allotment_date", terms.allotment_date, fmt=_DATE)
    asof = sheet.line("as_of", as_of, fmt=_DATE)
    base = sheet.line("base_shares", terms.shares_per_right, unit="unit.shares")
    sheet.row += 1
    heads = (
        "col.kind",
        "col.ratio",
        "record_date",
        "col.applies_from",
        "col.step_shares",
        "col.description",
    )
    sheet.header(sheet.row, heads)
    sheet.row += 1
    prev = base
    ordered = sorted(
        inputs.actions, key=lambda a: (a.applies_from(known_on=as_of) or dt.date.max, a.order or 0)
    )
    for action in ordered:
        r = sheet.row
        applies = action.applies_from(known_on=as_of)
        ws.cell(
            row=r,
            column=1,
            value=text(action.kind.value, lang)
            if action.kind.value in ("split", "consolidation")
            else action.kind.value,
        )
        ws.cell(row=r, column=2, value=float(action.ratio))
        ws.cell(row=r, column=3, value=action.record_date).number_format = _DATE
        ws.cell(row=r, column=4, value=applies).number_format = _DATE
        ws.cell(
            row=r,
            column=5,
            value=(
                f"=IF(AND(ISNUMBER(D{r}),D{r}>{allot},D{r}<={asof}),"
                f"ROUNDDOWN({prev}*B{r},0),{prev})"
            ),
        )
        ws.cell(row=r, column=6, value=action.description or action.rule)
        prev = f"E{r}"
        sheet.row += 1
    sheet.row += 1
    shares = sheet.line("shares_per_right", f"={prev}", unit="unit.shares")
    sheet.row += 1
    ws.cell(row=sheet.row, column=1, value=text("rule.clause6", lang))
    sheet.row += 1
    k = sheet.line("exercised_rights", inputs.exercised_rights, unit="unit.rights")
    cash = sheet.line("cash_paid", f"={x_ref}*{shares}*{k}", unit="unit.yen", fmt=_YEN)
    book = sheet.line("book_value", f"={amount_ref}*{k}", unit="unit.yen", fmt=_YEN)
    limit = sheet.line("upper_limit", f"={cash}+{book}", unit="unit.yen", fmt=_YEN)
    stock = sheet.line("capital_stock", f"=ROUNDUP({limit}/2,0)", unit="unit.yen", fmt=_YEN)
    sheet.line("capital_reserve", f"={limit}-{stock}", unit="unit.yen", fmt=_YEN)
    _widths(ws)
    ws.column_dimensions["E"].width = 24  # a share count under a wrapped two-line header
    ws.column_dimensions["F"].width = 44  # the action's description


def write_audit_pack(inputs: AuditPackInputs, output: Path, *, lang: str = "ja") -> Path:
    """Build the pack and write it to ``output`` atomically (temporary file, then rename)."""
    from stockrights.workbooks.atomic import atomic_write

    wb = build_audit_pack(inputs, lang=lang)

    def write(fh: IO[bytes]) -> None:
        wb.save(fh)

    atomic_write(Path(output), write)
    return Path(output)


def example_pack_inputs() -> AuditPackInputs:
    """The 7th-series example with the example workbook's data.

    Synthetic closes, an ILLUSTRATIVE curve, the company's real 27-yen dividend and splits.
    """
    from stockrights.example import (
        COMPANY_ACTIONS,
        DIVIDEND_RECORD_DATE,
        EXAMPLE_DIVIDEND_PER_SHARE,
        VOLATILITY_WINDOW_START,
        example_market_inputs,
        seventh_series_terms,
    )
    from stockrights.workbooks import example_data as data

    terms, market = seventh_series_terms(), example_market_inputs()
    in_window = [
        (d, c)
        for d, c in data.example_prices()
        if VOLATILITY_WINDOW_START <= d <= terms.allotment_date
    ]
    curve = data.example_curve()
    return AuditPackInputs(
        terms=terms,
        market=market,
        prices=PriceData(
            dates=tuple(d for d, _ in in_window),
            closes=tuple(c for _, c in in_window),
            window_start=VOLATILITY_WINDOW_START,
            window_end=terms.allotment_date,
            splits=price_basis_changes(COMPANY_ACTIONS, in_window[0][0], terms.allotment_date),
        ),
        curve=CurveData(tenors_years=tuple(t for t, _ in curve), yields=tuple(y for _, y in curve)),
        dividend=DividendData(
            dividend_per_share=EXAMPLE_DIVIDEND_PER_SHARE,
            record_date=DIVIDEND_RECORD_DATE,
            restatements=dividend_restatements(COMPANY_ACTIONS, as_of=terms.allotment_date),
        ),
        actions=COMPANY_ACTIONS,
        adjustment_as_of=data.ADJUSTMENT_AS_OF,
        data_note=(
            "SYNTHETIC daily closes and an ILLUSTRATIVE JGB curve, made so that the example's "
            "illustrative S, sigma and r result (stockrights.workbooks.example_data).",
        ),
    )
