"""The glossary: one Japanese and one English label for every term users see.

Every face (template workbooks, the register, reports, notices, the disclosure tables) takes its
labels for the glossary's terms from here, so that 株価 is 株価 everywhere and a translation is
changed in one place. Keys are the keyword names of the core's API (``share_price``, ...) or, for
terms with no API name, a short English key. Each face keeps its own catalogue for the sentences
and layout text only it uses; it refers to these labels rather than repeating them.

The Japanese terms are those of the resolution's Japanese text and of the securities report's
note (ストック・オプション等関係) and rights table (新株予約権等の状況): see
``../shared/docs/disclosure.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["GLOSSARY", "Lang", "Term", "label"]


class Lang(StrEnum):
    """The languages a document is written in."""

    JA = "ja"
    EN = "en"


@dataclass(frozen=True, slots=True)
class Term:
    """A term's label in each language."""

    ja: str
    en: str

    def __call__(self, lang: Lang | str) -> str:
        """The label in ``lang`` (``"ja"`` or ``"en"``)."""
        return self.ja if Lang(lang) is Lang.JA else self.en


GLOSSARY: dict[str, Term] = {
    # --- the pricing inputs of clause (12), as the securities report's note names them ---
    "share_price": Term("株価", "Share price"),
    "exercise_price": Term("行使価格", "Exercise price"),
    "term_years": Term("予想残存期間", "Expected remaining term"),
    "volatility": Term("株価変動性", "Share price volatility"),
    "risk_free_rate": Term("無リスク利子率", "Risk-free rate"),
    "dividend_yield": Term("予想配当利回り", "Expected dividend yield"),
    "dividend_per_share": Term("予想配当", "Expected dividend per share"),
    "option_price_per_share": Term("1株当たりのオプション価格", "Option price per share"),
    "fair_value_per_share": Term("付与日における公正な評価単価", "Fair value per share at grant"),
    "valuation_technique": Term("評価技法", "Valuation technique"),
    "black_scholes": Term("ブラック・ショールズ式", "Black-Scholes formula"),
    # --- the right and its terms ---
    "stock_acquisition_rights": Term("新株予約権", "Stock acquisition rights"),
    "series_name": Term("新株予約権の名称", "Name of the stock acquisition rights"),
    "rights": Term("新株予約権の数", "Number of stock acquisition rights"),
    "shares_per_right": Term(
        "新株予約権1個当たりの目的となる株式の数", "Shares per stock acquisition right"
    ),
    "per_right_amount": Term(
        "新株予約権1個当たりの払込金額", "Amount paid per stock acquisition right"
    ),
    "exercise_amount_per_right": Term(
        "新株予約権の行使に際して出資される財産の価額", "Amount paid on exercise per right"
    ),
    "exercise_period": Term("新株予約権の行使期間", "Exercise period"),
    "exercise_period_start": Term("行使期間の初日", "Exercise period: first day"),
    "exercise_period_end": Term("行使期間の末日", "Exercise period: last day"),
    "shares_per_right_at_allotment": Term(
        "割当時の新株予約権1個当たりの目的となる株式の数", "Shares per right at allotment"
    ),
    "rounding": Term("端数処理", "Rounding of the amount per right"),
    "volatility_window_start": Term("株価変動性の算定期間の初日", "Volatility window: first day"),
    "fair_value_per_right": Term("新株予約権1個当たりの公正な評価額", "Fair value per right"),
    "issue_price_per_share": Term(
        "行使により株式を発行する場合の株式の発行価格", "Issue price per share on exercise"
    ),
    "allotment_date": Term("割当日", "Allotment date"),
    "payment_date": Term("払込期日", "Payment date"),
    "resolution_date": Term("決議年月日", "Date of resolution"),
    "maximum_rights": Term("新株予約権の総数", "Maximum number of rights"),
    "directors": Term("取締役", "Directors"),
    "executive_officers": Term("執行役員", "Executive officers"),
    "persons": Term("人数", "Persons"),
    "capital_stock": Term("資本金", "Capital stock"),
    "capital_reserve": Term("資本準備金", "Capital reserve"),
    "issue_price": Term("発行価格", "Issue price"),
    "capital_per_share": Term("資本組入額", "Amount credited to capital"),
    # --- corporate actions, clause (3) ---
    "split": Term("株式分割", "Share split"),
    "consolidation": Term("株式併合", "Share consolidation"),
    "record_date": Term("基準日", "Record date"),
    "effective_date": Term("効力発生日", "Effective date"),
    "ex_rights_date": Term("権利落日", "Ex-rights date"),
    "valuation_date": Term("評価基準日", "Valuation date"),
    # --- the register and the securities report's disclosures ---
    "share_based_compensation": Term("株式報酬費用", "Share-based compensation expense"),
    "remuneration_claims": Term("未払報酬", "Remuneration payable (holders' claims)"),
    "cash_and_deposits": Term("現金預金", "Cash and deposits"),
    "gain_on_lapse": Term("新株予約権戻入益", "Gain on lapse of stock acquisition rights"),
    "average_price_at_exercise": Term("行使時平均株価", "Average share price at exercise"),
    "vesting_date": Term("権利確定日", "Vesting date"),
    "exercise": Term("権利行使", "Exercise"),
    "lapse": Term("失効", "Lapse"),
    "yen": Term("円", "yen"),
    "shares": Term("株", "shares"),
    "rights_unit": Term("個", "rights"),
}
"""Every term users see, by key."""


def label(key: str, lang: Lang | str) -> str:
    """The label of glossary term ``key`` in ``lang``; a KeyError names an unknown key."""
    try:
        term = GLOSSARY[key]
    except KeyError:
        raise KeyError(f"no glossary term {key!r}") from None
    return term(lang)
