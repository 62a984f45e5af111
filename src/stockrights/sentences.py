"""The core's own sentences, in Japanese and English: reasons, bases, rules and notes.

The core explains itself in sentences: why an exercise is refused, how a window was reckoned,
which clause (3) rule fixes the day an action applies from, why a restructuring lets the company
acquire the rights. It says them as a :class:`Sentence`: a key of :data:`SENTENCES` and its facts
(dates, lengths, the options of an enum, other sentences). ``str(sentence)`` is the English text
(what :attr:`stockrights.windows.Eligibility.reason` and the like have always returned);
``sentence("ja")`` is the Japanese, for a document written in Japanese. The core knows no face:
the templates and the add-in choose the language and render.

Facts are rendered in the sentence's language:

- a date: ISO 8601 in English (2030-04-10), 2030年4月10日 in Japanese; None is "(none)" / （なし）;
- a :class:`Length`: "10 days", "1 day", "6 months" / 10日, 6か月, 1年;
- a :class:`Weekday`: "Sunday" / 日曜日;
- an option of the core's enums (:data:`OPTIONS`, keyed ``"<Enum>.<value>"``): its words, or its
  value when it has none;
- a :class:`Sentence`: rendered in the same language;
- anything else is passed to :meth:`str.format` as it is (``{ratio:g}`` works).

The Japanese cites the resolution as the Japanese templates do (決議 (11)-2) and the Civil Code
by article (民法第140条, 第142条, 第143条).

References
----------
Resolution (IIJ 7th series, 2017), clauses (3), (5), (8), (9), (11); Civil Code (民法), arts.
138-143.

Examples
--------
>>> import datetime as dt
>>> s = say("eligibility.after_period", end=dt.date(2047, 7, 14))
>>> str(s)
'after the exercise period ended on 2047-07-14'
>>> s("ja")
'行使期間の末日（2047年7月14日）より後'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from stockrights.glossary import Lang, Term

__all__ = [
    "OPTIONS",
    "SENTENCES",
    "UNITS",
    "Joined",
    "Length",
    "Sentence",
    "Weekday",
    "option_words",
    "say",
    "unit_words",
]

T = Term

_MINPO = "民法"  # the Civil Code, cited by article

SENTENCES: dict[str, Term] = {
    # --- windows.py: how a window's last day was settled (appended to a basis) ---
    "window.last_day.no_move": T(
        "、末日は{day}（営業日でない場合：{rule}）",
        "; last day {day} (if not a business day: {rule})",
    ),
    "window.last_day.cut": T(
        "、末日は{day}、ただし{cut}（{limit}）まで", "; last day {day}, cut to {cut} {limit}"
    ),
    "window.last_day.business_day": T(
        "、末日{day}は営業日（営業日でない場合：{rule}）",
        "; last day {day}, a business day (if not: {rule})",
    ),
    "window.last_day.moved": T(
        "、末日{day}（{weekday}）は営業日でないため{moved}に変更（{rule}）",
        "; last day {day} ({weekday}) not a business day, moved to {moved} ({rule})",
    ),
    "window.cut.period_end": T("行使期間の末日", "the end of the exercise period"),
    "window.cut.death": T("死亡日の前日", "the day before the death"),
    # --- windows.py: the basis of a window ---
    "window.holder_basis": T(
        "{lost}の地位喪失の翌日から{length}以内、決議 (11)-2{last_day}",
        "{length} from the day after the position was lost on {lost}, clause 11-2{last_day}",
    ),
    "window.heir_basis": T(
        "相続人が{inherited}に相続してから{length}以内、{start}から起算"
        f"（{_MINPO}第140条・第143条）、決議 (11)-3{{last_day}}",
        "{length} after the heir inherited on {inherited}, counted from {start} "
        "(Civil Code arts. 140, 143), clause 11-3{last_day}",
    ),
    "window.none": T(
        "行使可能期間なし：新株予約権者は在任中です（決議 (11)-2）",
        "no window: the holder is still in office (clause 11-2)",
    ),
    # --- windows.py: eligibility on a date ---
    "eligibility.before_period": T(
        "行使期間の初日（{start}）より前", "before the exercise period starts on {start}"
    ),
    "eligibility.after_period": T(
        "行使期間の末日（{end}）より後", "after the exercise period ended on {end}"
    ),
    "eligibility.opens": T(
        "行使可能期間は{opens}からです。{basis}", "the window opens on {opens} ({basis})"
    ),
    "eligibility.closed": T(
        "行使可能期間は{closes}に終了しています。{basis}", "the window closed on {closes} ({basis})"
    ),
    "eligibility.within": T(
        "{who}の行使可能期間（{opens}～{closes}）内です。{basis}",
        "within the {who}'s window {opens} to {closes} ({basis})",
    ),
    "eligibility.in_office": T(
        "{day}において新株予約権者は取締役または執行役員の地位にあります。"
        "行使できるのは地位を喪失した日の翌日から{length}以内に限られます（決議 (11)-2）",
        "the holder is still a director or executive officer on {day}; rights may be exercised "
        "only within {length} from the day after the position is lost (clause 11-2)",
    ),
    "eligibility.holder_window_outside": T(
        "新株予約権者の行使可能期間が行使期間の外にあります",
        "the holder's window lies outside the exercise period",
    ),
    "eligibility.period_ended_before_death": T(
        "行使期間は{end}に終了しており、新株予約権者の死亡（{died}）より前です。"
        "相続された新株予約権はありません",
        "the exercise period ended on {end}, before the holder died on {died}; nothing was "
        "inherited",
    ),
    "eligibility.lapsed_before_death": T(
        "新株予約権は新株予約権者の行使可能期間が{closed}に終了したときに失効しており、"
        "新株予約権者の死亡（{died}）より前です。相続された新株予約権はありません",
        "the rights lapsed when the holder's window closed on {closed}, before the holder died "
        "on {died}; nothing was inherited",
    ),
    "eligibility.no_heir": T(
        "新株予約権者は{died}に死亡し、まだ相続されていません（相続日 inherited_on が空欄）。"
        "行使できるのは新株予約権を相続した相続人1名のみです（決議 (11)-3）",
        "the holder died on {died} and no heir has inherited yet (inherited_on is empty); only "
        "the one heir who inherits may exercise (clause 11-3)",
    ),
    "eligibility.heir_died": T(
        "相続人は{died}に死亡しました。相続人の相続人は新株予約権を相続できません（決議 (11)-3）",
        "the heir died on {died}; the heir's own heir inherits nothing (clause 11-3)",
    ),
    "eligibility.before_inheriting": T(
        "相続人の相続は{inherited}であり、それより前には行使できません",
        "the heir inherits on {inherited}, not before",
    ),
    "eligibility.heir_window_outside": T(
        "{inherited}の相続後の相続人の行使可能期間が行使期間の外にあります",
        "the heir's window after inheriting on {inherited} lies outside the exercise period",
    ),
    # --- adjustment.py: the clause (3) rule of each kind of action ---
    "action.rule.split": T(
        "株式分割：基準日（{record}）の翌日から適用",
        "split: from the day after the record date {record}",
    ),
    "action.rule.consolidation": T(
        "株式併合：効力発生日（{effective}）から適用",
        "consolidation: from the day it takes effect {effective}",
    ),
    "action.rule.conditional_split": T(
        "株主総会の承認を条件とする株式分割：株主総会の終結の日（{meeting}）の翌日以降、"
        "基準日（{record}）の翌日に遡って適用",
        "conditional split: from the day after the meeting closes {meeting}, retroactively "
        "from the day after the record date {record}",
    ),
    "action.rule.other": T(
        "会社が合理的な範囲で行う調整：{effective}から適用",
        "other adjustment decided by the company: from {effective}",
    ),
    # --- adjustment.py: the market's dates of an action (the audit trail) ---
    "action.ex_rights.given": T("権利落日{ex}（入力値）", "ex-rights date {ex} (given)"),
    "action.ex_rights.derived": T(
        "権利落日{ex}：権利付最終日{last}の売買は T+{cycle} で{base}"
        "（基準日{record}以前の最後の東証営業日）までに決済",
        "ex-rights date {ex}: last cum-rights day {last} settles T+{cycle} by {base}, the last "
        "TSE business day on or before the record date {record}",
    ),
    "action.ex_rights.other": T(
        "権利落日なし：その他の調整は株式の基準を変えません",
        "no ex-rights date: an other adjustment does not change the share basis",
    ),
    "action.ex_rights.error": T("権利落日なし：{error}", "no ex-rights date: {error}"),
    "action.step_note": T("{rule}。{ex_rights}", "{rule}; {ex_rights}"),
    # --- adjustment.py: why an action of the table did not apply ---
    "action.skip.before_allotment": T(
        "{start}から適用：割当日（{allotted}）より後ではありません"
        "（決議 (3) は割当日より後の株式分割・株式併合のみを調整）",
        "applies from {start}, not after the allotment on {allotted} (clause 3 adjusts only "
        "for later actions)",
    ),
    "action.skip.pending": T(
        "未確定：株主総会の終結の日は{meeting}。{known}時点では株式分割はまだ適用されません",
        "pending: the shareholders' meeting closes on {meeting}; as known on {known} the split "
        "does not apply yet",
    ),
    "action.skip.later": T("{start}から適用（{day}より後）", "applies from {start}, after {day}"),
    # --- the add-in's audit tables of clause (3) ---
    "steps.status": T("状態", "status"),
    "steps.kind": T("種類", "kind"),
    "steps.ratio": T("比率", "ratio"),
    "steps.applies_from": T("適用開始日", "applies_from"),
    "steps.before": T("調整前", "before"),
    "steps.unrounded": T("端数処理前", "unrounded"),
    "steps.after": T("調整後", "after"),
    "steps.note": T("注記", "note"),
    "steps.applied": T("適用", "applied"),
    "steps.not_applied": T("不適用", "not applied"),
    "ex_rights.record_date": T("基準日", "record_date"),
    "ex_rights.last_cum_rights_date": T("権利付最終日", "last_cum_rights_date"),
    "ex_rights.ex_rights_date": T("権利落日", "ex_rights_date"),
    "ex_rights.settlement": T("決済", "settlement"),
    # --- restructuring.py: the effective date of each kind (clause (9)) ---
    "restructuring.effective.absorption_type_merger": T(
        "吸収合併がその効力を生ずる日", "the day the absorption-type merger takes effect"
    ),
    "restructuring.effective.incorporation_type_merger": T(
        "新設合併設立株式会社の成立の日",
        "the day the company incorporated through the incorporation-type merger is established",
    ),
    "restructuring.effective.absorption_type_demerger": T(
        "吸収分割がその効力を生ずる日", "the day the absorption-type demerger takes effect"
    ),
    "restructuring.effective.incorporation_type_demerger": T(
        "新設分割設立株式会社の成立の日",
        "the day the company incorporated through the incorporation-type demerger is established",
    ),
    "restructuring.effective.share_exchange": T(
        "株式交換がその効力を生ずる日", "the day the share exchange takes effect"
    ),
    "restructuring.effective.share_transfer": T(
        "株式移転設立完全親会社の成立の日",
        "the day the wholly-owning parent company is established by the share transfer",
    ),
    # --- restructuring.py: may the company acquire the rights for nothing (clause (8)) ---
    "acquire.not_in_clause_8": T(
        "{kind}は決議 (8) の対象外です（対象は当社が消滅会社となる合併、"
        "当社が完全子会社となる株式交換・株式移転のみ）",
        "an {kind} is not in clause 8, which covers only a merger dissolving the company, a "
        "share exchange or a share transfer",
    ),
    "acquire.not_resolved": T(
        "{kind}の承認はまだ決議されていません", "the approval of the {kind} has not been resolved"
    ),
    "acquire.resolved_later": T(
        "{kind}の承認の決議は{approved}です", "the approval of the {kind} is resolved on {approved}"
    ),
    "acquire.took_effect": T(
        "{kind}は{effective}に効力を生じ、新株予約権は決議 (9) により再編対象会社の"
        "新株予約権に置き換えられました",
        "the {kind} took effect on {effective}; the rights were replaced under clause 9",
    ),
    "acquire.may": T(
        "{kind}は{approved}に承認され、{effective}に効力を生じます。当社は取締役会が別途定める日に"
        "新株予約権を無償で取得できます（決議 (8)）",
        "the {kind} was approved on {approved} and takes effect on {effective}: the company may "
        "acquire the rights for nothing on a day its board fixes (clause 8)",
    ),
    # --- valuation.py: the notes of the Black-Scholes and rounding steps (explain) ---
    "explain.note.d": T(
        "(ln(S/X) + (r − q + σ²/2) T) / (σ√T)",
        "(ln(S/X) + (r - q + sigma^2/2) T) / (sigma sqrt T)",
    ),
    "explain.note.normal_cdf": T("標準正規分布の累積分布関数", "standard normal CDF"),
    "explain.rounding.per_right_up": T(
        "C × 1個当たりの株式の数、1円未満切上げ（決議 (12)）",
        "C x shares, fraction of a yen rounded up (clause 12)",
    ),
    "explain.rounding.per_share_up": T(
        "C の1円未満を切り上げ、その後 × 1個当たりの株式の数",
        "C rounded up to the yen, then x shares",
    ),
    "explain.rounding.per_share_half_up": T(
        "C の1円未満を四捨五入し、その後 × 1個当たりの株式の数",
        "C rounded half-up (四捨五入) to the yen, then x shares",
    ),
    "explain.words": T("{words}", "{words}"),
    "explain.none": T("なし", "none"),
    # --- valuation.py: each market input back to its data (provenance lines) ---
    "explain.s.close": T("{on}の終値", "close on {on}"),
    "explain.s.close_why": T(
        "割当日の終値（決議 (12)-2）", "the close on the allotment date (clause 12-2)"
    ),
    "explain.s.base_price": T("{day}の基準値段", "base price for {day}"),
    "explain.s.base_price_why": T(
        "{on}の終値なし：翌取引日の基準値段（決議 (12)-2）",
        "no close on {on}: the base price for the next trading day (clause 12-2)",
    ),
    "explain.sigma.window": T("{start}～{end}", "{start} to {end}"),
    "explain.sigma.window_why": T("決議 (12)-5", "clause 12-5"),
    "explain.sigma.frequency_why": T(
        "各期間の最終取引日（東証の営業日）", "the last trading day of each period (TSE calendar)"
    ),
    "explain.sigma.observation": T(
        "終値{close:.12g}、調整後{adjusted:.12g}", "close {close:.12g}, adjusted {adjusted:.12g}"
    ),
    "explain.split": T("{day}から1:{ratio:g}", "1:{ratio:g} from {day}"),
    "explain.sigma.splits_why": T(
        "権利落日より前の終値を分割比率で除して調整",
        "closes dated before the first day quoted on the new basis (the ex-rights date) divided "
        "by the ratio",
    ),
    "explain.sigma.missing_why": T(
        "代替{substituted}件、除外{skipped}件", "{substituted} substituted, {skipped} skipped"
    ),
    "explain.sigma.returns_why": T(
        "調整後終値の ln(P_i / P_(i-1))", "ln(P_i / P_(i-1)) of the adjusted closes"
    ),
    "explain.sigma.sample": T("標本標準偏差（n − 1 で除す）", "sample standard deviation"),
    "explain.sigma.stdev_why": T(
        "√(偏差平方和 ÷ (収益率の数 − 自由度調整))", "sqrt(sum of squares / (returns - ddof))"
    ),
    "explain.sigma.factor_why": T(
        "σ = 標準偏差 × √年率換算係数", "sigma = standard deviation x sqrt(factor)"
    ),
    "explain.r.curve": T(
        "{count}年限、{first:g}～{last:g}", "{count} tenors, {first:g} to {last:g}"
    ),
    "explain.r.curve_why": T("決議 (12)-6", "clause 12-6"),
    "explain.r.point": T("{tenor:g}年 {value:.10g}", "{tenor:g}y {value:.10g}"),
    "explain.r.flat": T("曲線の端より先は端の利回りで一定", "flat beyond the curve's end"),
    "explain.r.continuous": T(
        "半年複利から換算：r = 2 ln(1 + y/2)", "converted from semi-annual: r = 2 ln(1 + y/2)"
    ),
    "explain.r.as_quoted": T(
        "公表利回り（半年複利の利付債利回り）のまま、換算なし",
        "the yield as quoted (semi-annual par yield), not converted",
    ),
    "explain.q.declared_why": T(
        "{fiscal_year}、基準日{record}（決議 (12)-7）",
        "{fiscal_year}, record date {record} (clause 12-7)",
    ),
    "explain.q.no_fiscal_year": T("事業年度の記載なし", "fiscal year not stated"),
    "explain.q.fiscal_year_ended": T("{date}に終了した事業年度", "fiscal year ended {date}"),
    "explain.q.splits_why": T(
        "{record}より後、{as_of}までに効力発生", "effective after {record}, up to {as_of}"
    ),
    # --- derivation.py: the source of a derived input ---
    "derived.from": T(
        "{data}から算定（決議 (12)-{item}）", "derived from {data} (clause 12-{item})"
    ),
    "derived.dividend": T(
        "{data} ÷ S により算定（決議 (12)-7）", "derived from {data} / S (clause 12-7)"
    ),
    "derived.price_series": T("株価の時系列", "the price series"),
    "derived.yield_curve": T("利回り曲線", "the yield curve"),
    "derived.the_dividend": T("配当金", "the dividend"),
    "explain.entered": T("入力値：{source}", "entered: {source}"),
    "explain.source_not_stated": T("（入手元の記載なし）", "(source not stated)"),
    # --- the add-in's table of the Restructured Company's rights (clause (9)) ---
    "restructured.rights": T("新株予約権の数", "rights"),
    "restructured.shares_per_right_before": T(
        "再編前の1個当たりの株式の数", "shares per right before"
    ),
    "restructured.unrounded": T(
        "1個当たりの株式の数 × 交付比率（端数処理前）", "shares per right x share ratio (unrounded)"
    ),
    "restructured.shares_per_right": T("新株予約権1個当たりの株式の数", "shares per right"),
    "restructured.exercise_price": T("行使価格（円/株）", "exercise price (yen/share)"),
    "restructured.exercise_amount_per_right": T(
        "1個当たりの行使に際して出資される財産の価額（円）", "exercise amount per right (yen)"
    ),
    "restructured.exercise_period_start": T("行使期間の初日", "exercise period start"),
    "restructured.exercise_period_end": T("行使期間の末日", "exercise period end"),
    "restructured.effective_date_rule": T("効力発生日の定め", "effective date rule"),
}
"""Every sentence the core says, by key, in Japanese and English (English: the text the core
has always returned, which tests pin)."""

OPTIONS: dict[str, Term] = {
    "LastDayRule.no_move": T("移動しない、制度の定め", "no move, the plan's rule"),
    "LastDayRule.following": T(
        f"翌営業日、{_MINPO}第142条", "following business day, Civil Code art. 142"
    ),
    "LastDayRule.preceding": T("前営業日、制度の定め", "preceding business day, the plan's rule"),
    "Exerciser.holder": T("新株予約権者", "holder"),
    "Exerciser.heir": T("相続人", "heir"),
    "ActionKind.split": T("株式分割", "split"),
    "ActionKind.consolidation": T("株式併合", "consolidation"),
    "ActionKind.conditional_split": T("株主総会の承認を条件とする株式分割", "conditional_split"),
    "ActionKind.other": T("その他の調整", "other"),
    "ExRightsSource.given": T("入力値", "given"),
    "ExRightsSource.derived": T("算出値", "derived"),
    # the options a valuation explains (English: the code itself, as the explain lines show it)
    "Rounding.per_right_up": T("1個当たりの金額を切上げ", "per_right_up"),
    "Rounding.per_share_up": T("1株当たりの価格を切上げ", "per_share_up"),
    "Rounding.per_share_half_up": T("1株当たりの価格を四捨五入", "per_share_half_up"),
    "Frequency.daily": T("日次", "daily"),
    "Frequency.weekly": T("週次", "weekly"),
    "Frequency.monthly": T("月次", "monthly"),
    "MissingClose.error": T("エラー", "error"),
    "MissingClose.last_in_period": T("期間内の直近の終値で代替", "last_in_period"),
    "MissingClose.skip": T("除外", "skip"),
    "Compounding.as_quoted": T("公表利回りのまま", "as_quoted"),
    "Compounding.continuous": T("連続複利", "continuous"),
    "RestructuringKind.absorption_type_merger": T("吸収合併", "absorption-type merger"),
    "RestructuringKind.incorporation_type_merger": T("新設合併", "incorporation-type merger"),
    "RestructuringKind.absorption_type_demerger": T("吸収分割", "absorption-type demerger"),
    "RestructuringKind.incorporation_type_demerger": T("新設分割", "incorporation-type demerger"),
    "RestructuringKind.share_exchange": T("株式交換", "share exchange"),
    "RestructuringKind.share_transfer": T("株式移転", "share transfer"),
}
"""The words for the options of the core's enums inside a sentence, keyed ``"<Enum>.<value>"``."""

UNITS: dict[str, Term] = {
    "yen/share": T("円/株", "yen/share"),
    "yen/right": T("円/個", "yen/right"),
    "yen": T("円", "yen"),
    "years": T("年", "years"),
    "decimal/year": T("年率（小数）", "decimal/year"),
    "shares": T("株", "shares"),
    "rights": T("個", "rights"),
    "closes": T("終値（件）", "closes"),
    "returns": T("収益率（件）", "returns"),
    "periods/year": T("期間/年", "periods/year"),
}
"""The units of the valuation's explain lines, keyed by the English unit they carry."""

_UNITS = {"days": ("日", "day"), "months": ("か月", "month"), "years": ("年", "year")}
_WEEKDAYS_JA = ("月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日", "日曜日")


@dataclass(frozen=True, slots=True)
class Length:
    """A period's length: ``count`` ``unit`` (``"days"``, ``"months"`` or ``"years"``)."""

    count: int
    unit: str

    def render(self, lang: Lang) -> str:
        """``10 days``, ``1 day``, ``6 months``; 10日, 6か月, 1年."""
        ja, singular = _UNITS[self.unit]
        if lang is Lang.JA:
            return f"{self.count}{ja}"
        return f"{self.count} {singular if self.count == 1 else self.unit}"


@dataclass(frozen=True, slots=True)
class Weekday:
    """The day of the week of ``day``."""

    day: dt.date

    def render(self, lang: Lang) -> str:
        """``Sunday``; 日曜日."""
        if lang is Lang.JA:
            return _WEEKDAYS_JA[self.day.weekday()]
        return self.day.strftime("%A")


def unit_words(unit: str, lang: Lang | str = Lang.EN) -> str:
    """A unit of the explain lines (:data:`UNITS`) in ``lang``; an unknown unit as it is.

    Examples
    --------
    >>> unit_words("yen/share", "ja"), unit_words("yen/share", "en")
    ('円/株', 'yen/share')
    """
    words = UNITS.get(unit)
    return words(lang) if words is not None else unit


@dataclass(frozen=True, slots=True)
class Joined:
    """Facts rendered one after the other: ``separator`` between them in English, 、 in Japanese.

    Empty, it renders :data:`SENTENCES` ``explain.none`` ("none" / なし).
    """

    items: tuple[object, ...]
    separator: str = ", "

    def render(self, lang: Lang) -> str:
        """The items in ``lang``, joined."""
        if not self.items:
            return say("explain.none")(lang)
        separator = "、" if lang is Lang.JA else self.separator
        return separator.join(str(_fact(item, lang)) for item in self.items)


def option_words(option: Enum, lang: Lang | str = Lang.EN) -> str:
    """The words for an option of one of the core's enums (:data:`OPTIONS`), else its value.

    Examples
    --------
    >>> from stockrights.windows import Exerciser
    >>> option_words(Exerciser.HEIR, "en"), option_words(Exerciser.HEIR, "ja")
    ('heir', '相続人')
    """
    words = OPTIONS.get(f"{type(option).__name__}.{option.value}")
    return words(lang) if words is not None else str(option.value)


def _fact(value: object, lang: Lang) -> object:
    """A fact as the sentence shows it in ``lang`` (see the module docstring)."""
    if isinstance(value, Sentence):
        return value(lang)
    if isinstance(value, Length | Weekday | Joined):
        return value.render(lang)
    if isinstance(value, Enum):
        return option_words(value, lang)
    if value is None:
        return "（なし）" if lang is Lang.JA else "(none)"
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        if lang is Lang.JA:
            return f"{value.year}年{value.month}月{value.day}日"
        return value.isoformat()
    return value


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of :data:`SENTENCES` with its facts, rendered in either language.

    Attributes
    ----------
    key : str
        The key in :data:`SENTENCES` ("eligibility.closed").
    facts : tuple of (name, value)
        What the sentence says: dates, :class:`Length`, :class:`Weekday`, options, numbers,
        texts, other sentences.
    """

    key: str
    facts: tuple[tuple[str, object], ...] = ()

    def __call__(self, lang: Lang | str = Lang.EN) -> str:
        """The sentence in ``lang`` (``"en"`` or ``"ja"``); a ValueError names another."""
        language = Lang(lang)
        template = SENTENCES[self.key](language)
        return template.format(**{name: _fact(v, language) for name, v in self.facts})

    def __str__(self) -> str:
        return self(Lang.EN)

    def fact(self, name: str) -> object:
        """The fact ``name``; a KeyError names an unknown one."""
        for key, value in self.facts:
            if key == name:
                return value
        raise KeyError(f"sentence {self.key!r} has no fact {name!r}")


def say(key: str, **facts: object) -> Sentence:
    """The sentence ``key`` of :data:`SENTENCES` with ``facts``; a KeyError names an unknown key."""
    if key not in SENTENCES:
        raise KeyError(f"no sentence {key!r}")
    return Sentence(key, tuple(facts.items()))
