"""Every sentence and heading of the valuation report and the notice, in Japanese and English.

Layout code takes its text from here (``text(key, lang)`` or ``both(key)``); terms shared with the
other faces (株価, 割当日, ...) come from :mod:`stockrights.glossary`. Placeholders are
``str.format`` fields filled by the layout code with values already formatted.

The notice follows the customary form of a listed company's
「新株予約権の払込金額の決定に関するお知らせ」: a reference to the board resolution, the amount per
right fixed on the allotment date, the inputs of the formula, the allotment and payment dates,
then 「記」 ... 「以上」.
"""

from __future__ import annotations

from stockrights.glossary import Lang, Term

__all__ = ["CATALOGUE", "PROVENANCE_LABELS", "STEP_LABELS", "both", "text"]

_T = Term

CATALOGUE: dict[str, Term] = {
    # --- the report ---------------------------------------------------------------------------
    "report_title": _T(
        "新株予約権の公正価値算定報告書", "Valuation report: stock acquisition rights"
    ),
    "illustrative": _T(
        "【例示】市場データは例示(合成データ・仮の利回り曲線)であり、実際の評価ではありません。",
        "ILLUSTRATIVE: the market data are made up (a synthetic price series, an illustrative "
        "yield curve); this is not the company's valuation.",
    ),
    "prepared": _T(
        "算定基礎: {origin}。評価基準日 {date}。stockrights {version} により作成。",
        "Made from {origin}. Valuation date {date}. Prepared with stockrights {version}.",
    ),
    "footer": _T("", "stockrights {version} | input SHA-256 {digest} | {origin} | page {page}"),
    "origin_example": _T(
        "組込みの計算例（stockrights.example）", "the built-in example (stockrights.example)"
    ),
    "h_summary": _T("1. 算定結果の要約", "1. Summary of the result"),
    "h_terms": _T("2. 新株予約権の内容", "2. Terms of the stock acquisition rights"),
    "h_method": _T("3. 算定方法", "3. Valuation method"),
    "method_1": _T(
        "払込金額は、決議要項(12)に定めるとおり、配当利回りを考慮したブラック・ショールズ式により"
        "算定した1株当たりのオプション価格に、新株予約権1個当たりの目的となる株式の数を乗じて算定"
        "します。",
        "The amount paid is computed, as clause (12) of the resolution prescribes, as the option "
        "price per share by the Black-Scholes formula with a dividend yield, multiplied by the "
        "number of shares per right.",
    ),
    "method_2": _T(
        "本新株予約権は行使価格が1株当たり1円であり、権利行使は退任後の一定期間に限られ、"
        "行使時期を予想残存期間として決議が定めています。満期一時点の行使を前提とするブラック・"
        "ショールズ式は、決議が定めるこの前提と整合し、企業会計基準適用指針第11号が認める"
        "算定技法です。",
        "The exercise price is 1 yen per share, exercise is limited to a short period after "
        "leaving office, and the resolution fixes the expected remaining term. The Black-Scholes "
        "formula, which assumes exercise at one date, fits these assumptions and is a technique "
        "ASBJ Implementation Guidance No. 11 accepts.",
    ),
    "formula": _T("算定式", "Formula"),
    "source_x": _T("決議 (4)", "clause (4)"),
    "source_t": _T("決議 (12)-4", "clause (12)-4"),
    "h_inputs": _T("4. 基礎数値とその根拠", "4. Inputs, their sources and derivation"),
    "inputs_intro": _T(
        "各基礎数値を元のデータまで遡って示します。以下の一覧のみから再計算できます。",
        "Each input is traced back to its data; the list below alone suffices to re-perform it.",
    ),
    "h_steps": _T("5. 計算過程(すべての中間値)", "5. Computation: every intermediate value"),
    "h_rounding": _T("6. 端数処理", "6. Rounding"),
    "rounding_per_right_up": _T(
        "1株当たりのオプション価格に株式の数を乗じた金額の1円未満の端数を切り上げます"
        "(決議要項(12))。",
        "C x shares per right, fractions of less than one yen rounded up (clause (12)).",
    ),
    "rounding_per_share_up": _T(
        "1株当たりのオプション価格の1円未満の端数を切り上げ、株式の数を乗じます。",
        "C rounded up to the yen, then multiplied by the shares per right.",
    ),
    "rounding_per_share_half_up": _T(
        "1株当たりのオプション価格の1円未満の端数を四捨五入し、株式の数を乗じます。",
        "C rounded half-up to the yen, then multiplied by the shares per right.",
    ),
    "rounding_result": _T(
        "{unrounded} 円 → {amount} 円",
        "{unrounded} yen -> {amount} yen",
    ),
    "h_allotment": _T("7. 払込金額と割当の内訳", "7. Amount per right and totals by category"),
    "h_sensitivity": _T("8. 感応度分析とグリークス", "8. Sensitivity and the Greeks"),
    "sensitivity_intro": _T(
        "基礎数値を一つずつ変化させたときの新株予約権1個当たりの払込金額(円)。",
        "The amount per right (yen) when one input at a time is moved.",
    ),
    "greeks_intro": _T(
        "1株当たりのオプション価格の感応度(ベガ・ロー・配当ローは1.00当たり、セータは1年当たり)。",
        "Sensitivities of the price per share (vega, rho, dividend rho per 1.00; theta per year).",
    ),
    "h_charts": _T("9. 図表", "9. Charts"),
    "chart_closes": _T(
        "週次終値(分割調整後)と株式分割", "Weekly closes (split-adjusted) and the splits"
    ),
    "chart_returns": _T("週次対数収益率の分布と正規分布", "Weekly log returns against a normal"),
    "chart_curve": _T("国債利回り曲線と補間点", "JGB yield curve and the interpolated point"),
    "chart_sigma": _T("株価変動性と1個当たり払込金額", "Amount per right against volatility"),
    "h_observations": _T("付録 週次観測値", "Appendix: the weekly observations"),
    "observations_intro": _T(
        "株価変動性の算定に用いた各週最終取引日の終値、分割調整後終値、対数収益率。",
        "The close of the last trading day of each week, the split-adjusted close and the log "
        "return used for the volatility.",
    ),
    # --- table headers ---------------------------------------------------------------------------
    "col_item": _T("項目", "Item"),
    "col_value": _T("値", "Value"),
    "col_unit": _T("単位", "Unit"),
    "col_note": _T("根拠・注記", "Source / note"),
    "col_input": _T("基礎数値", "Input"),
    "col_low": _T("低", "Low"),
    "col_base": _T("基準", "Base"),
    "col_high": _T("高", "High"),
    "col_category": _T("区分", "Category"),
    "col_amount": _T("払込金額の総額(円)", "Total amount (yen)"),
    "col_date": _T("日付", "Date"),
    "col_close": _T("終値", "Close"),
    "col_adjusted": _T("調整後終値", "Adjusted close"),
    "col_return": _T("対数収益率", "Log return"),
    "col_per_share": _T("1株当たり", "Per share"),
    "col_per_right": _T("1個当たり", "Per right"),
    "total": _T("合計", "Total"),
    "option_price": _T("1株当たりのオプション価格", "Option price per share"),
    "total_amount": _T("払込金額の総額", "Total amount paid"),
    "sens_volatility": _T("株価変動性 ±5ポイント", "Volatility ±5 points"),
    "sens_rate": _T("無リスク利子率 ±0.5ポイント", "Risk-free rate ±0.5 point"),
    "sens_term": _T("予想残存期間 ±1年", "Expected remaining term ±1 year"),
    "sens_dividend": _T("配当利回り ±0.5ポイント", "Dividend yield ±0.5 point"),
    "input_source": _T("入手元", "Source"),
    # --- the notice -----------------------------------------------------------------------------
    "notice_title": _T(
        "新株予約権(株式報酬型ストック・オプション)の払込金額の決定に関するお知らせ",
        "Notice regarding the determination of the amount to be paid for stock acquisition "
        "rights (stock-compensation-type stock options)",
    ),
    "notice_lead": _T(
        "当社は、{resolution}取締役会において決議いたしました{series}について、割当日である"
        "{allotment}に払込金額等が下記のとおり確定いたしましたので、お知らせいたします。",
        "The Company announces that the amount to be paid and related figures for {series}, "
        "resolved {resolution_en}by its Board of Directors, were fixed on the allotment date, "
        "{allotment_en}, as follows.",
    ),
    "notice_resolution": _T("{date}開催の", "on {date} "),
    "notice_ki": _T("記", "Details"),
    "notice_amount": _T(
        "1. 新株予約権1個当たりの払込金額: {amount}円(1株当たり {per_share}円)",
        "1. Amount to be paid per stock acquisition right: {amount} yen ({per_share} yen per "
        "share)",
    ),
    "notice_basis": _T(
        "2. 算定根拠: 下記の数値を基礎としてブラック・ショールズ式により算定した1株当たりの"
        "オプション価格に、新株予約権1個当たりの目的となる株式の数({shares}株)を乗じた金額"
        "(1円未満の端数は切り上げ)",
        "2. Basis: the option price per share by the Black-Scholes formula from the figures "
        "below, multiplied by the shares per right ({shares}), fractions of a yen rounded up",
    ),
    "notice_allotment": _T("3. 割当日: {date}", "3. Allotment date: {date}"),
    "notice_payment": _T("4. 払込期日: {date}", "4. Payment date: {date}"),
    "notice_persons": _T(
        "5. 新株予約権の割当を受ける者及びその人数並びに割り当てる新株予約権の数",
        "5. Persons allotted, their number, and the number of rights allotted",
    ),
    "notice_total": _T("6. 払込金額の総額: {amount}円", "6. Total amount to be paid: {amount} yen"),
    "notice_offset": _T(
        "なお、払込金額の払込みに代えて、割当を受ける者が当社に対して有する報酬債権と相殺"
        "するものとします。",
        "Payment is made by offsetting the monetary remuneration claims the allottees hold "
        "against the Company.",
    ),
    "notice_end": _T("以上", "End"),
    "notice_category": _T(
        "{category} {persons}名 {rights}個", "{category}: {persons}, {rights} rights"
    ),
}
"""Sentences and headings of the report and the notice, by key."""

PROVENANCE_LABELS: dict[str, str] = {
    "NOTE": "注記",
    "series": "新株予約権の名称",
    "allotment date (valuation date)": "割当日(評価基準日)",
    "source of S": "株価の入手元",
    "source of sigma": "株価変動性の入手元",
    "source of r": "無リスク利子率の入手元",
    "source of q": "配当利回りの入手元",
    "S: entered": "株価(入力値)",
    "S: figure used": "S: 採用した価格",
    "S: date of the figure": "S: 価格の日付",
    "S: derived": "S: 算定値",
    "sigma: entered": "株価変動性(入力値)",
    "sigma: window": "σ: 算定期間",
    "sigma: frequency": "σ: 観測頻度",
    "sigma: observations": "σ: 観測数",
    "sigma: first observation": "σ: 最初の観測",
    "sigma: last observation": "σ: 最後の観測",
    "sigma: splits applied": "σ: 調整した株式分割",
    "sigma: missing closes": "σ: 欠損終値の扱い",
    "sigma: log returns": "σ: 対数収益率の数",
    "sigma: mean log return": "σ: 対数収益率の平均",
    "sigma: sum of squared deviations": "σ: 偏差平方和",
    "sigma: ddof": "σ: 自由度調整",
    "sigma: standard deviation of log returns": "σ: 対数収益率の標準偏差",
    "sigma: annualisation factor": "σ: 年率換算係数",
    "sigma: derived": "σ: 算定値",
    "r: entered": "無リスク利子率(入力値)",
    "r: curve": "r: 利回り曲線",
    "r: tenors and yields used": "r: 使用した年限と利回り",
    "r: interpolation weights": "r: 補間の重み",
    "r: yield at T (as quoted)": "r: 年限Tの利回り(公表ベース)",
    "r: compounding": "r: 複利の扱い",
    "r: derived": "r: 算定値",
    "q: entered": "配当利回り(入力値)",
    "q: dividend per share declared": "q: 1株当たり配当金(決定額)",
    "q: splits restating the dividend": "q: 配当金を修正した株式分割",
    "q: dividend per share restated": "q: 修正後1株当たり配当金",
    "q: S": "q: 株価S",
    "q: derived": "q: 算定値",
}
"""Japanese for each label of ``Valuation.explain()``'s header and provenance lines."""


STEP_LABELS: dict[str, str] = {
    "S share price": "株価 S",
    "X exercise price": "行使価格 X",
    "T expected remaining period": "予想残存期間 T",
    "sigma volatility": "株価変動性 σ",
    "r risk-free rate": "無リスク利子率 r",
    "q dividend yield": "予想配当利回り q",
    "sqrt(T)": "√T",
    "sigma sqrt(T)": "σ√T",
    "ln(S/X)": "ln(S/X)",
    "d": "d",
    "d - sigma sqrt(T)": "d − σ√T",
    "N(d)": "N(d)",
    "N(d - sigma sqrt(T))": "N(d − σ√T)",
    "e^(-qT)": "e^(−qT)",
    "e^(-rT)": "e^(−rT)",
    "S e^(-qT) N(d)": "S e^(−qT) N(d)",
    "X e^(-rT) N(d - sigma sqrt(T))": "X e^(−rT) N(d − σ√T)",
    "C option price per share": "1株当たりのオプション価格 C",
    "shares per right": "新株予約権1個当たりの株式の数",
    "C x shares per right (unrounded)": "C × 1個当たりの株式の数（端数処理前）",
    "rounding": "端数処理",
    "amount per right": "新株予約権1個当たりの払込金額",
}
"""Japanese for each label of ``RightValuation.explain()``: the Black-Scholes and rounding steps
(the workbooks show the same beside ``SAR_EXPLAIN``)."""


def text(key: str, lang: Lang | str, **fields: object) -> str:
    """The sentence ``key`` in ``lang``, with its placeholders filled; KeyError names the key."""
    try:
        term = CATALOGUE[key]
    except KeyError:
        raise KeyError(f"no report text {key!r}") from None
    return term(lang).format(**fields)


def both(key: str, **fields: object) -> tuple[str, str]:
    """The sentence ``key`` in Japanese and in English (the same fields fill both)."""
    return text(key, Lang.JA, **fields), text(key, Lang.EN, **fields)
