"""Every label and sentence the disclosure outputs print, in Japanese and English.

Terms shared with other faces come from :mod:`stockrights.glossary`; the row labels, headings and
footnotes of the securities report's tables (as filers print them, ``../shared/docs/
disclosure.md`` §1-§3) live here. Layout code looks texts up by key and never writes one.
"""

from __future__ import annotations

from stockrights.glossary import GLOSSARY, Lang, Term

__all__ = ["CATALOGUE", "expense_line_text", "text"]

_T = Term

CATALOGUE: dict[str, Term] = {
    # --- headings ---
    "title": _T("ストック・オプション等関係", "Stock options"),
    "fiscal_year": _T("事業年度末", "Fiscal year end"),
    "company": _T("会社名", "Company"),
    "unit_thousand_yen": _T("(単位:円)", "(yen)"),
    "prior_year": _T("前事業年度", "Prior year"),
    "current_year": _T("当事業年度", "Current year"),
    "prior_year.consolidated": _T("前連結会計年度", "Prior year"),
    "current_year.consolidated": _T("当連結会計年度", "Current year"),
    "part.expense": _T("1. 費用計上額及び科目名", "1. Expense and line item"),
    "part.lapse_gain": _T(
        "2. 権利不行使による失効により利益として計上した金額",
        "2. Gain recognised on lapse of unexercised options",
    ),
    "part.contents": _T(
        "3. ストック・オプションの内容、規模及びその変動状況",
        "3. Contents, scale and changes of the stock options",
    ),
    "part.contents.1": _T("(1) ストック・オプションの内容", "(1) Contents"),
    "part.contents.2": _T(
        "(2) ストック・オプションの規模及びその変動状況", "(2) Scale and changes"
    ),
    "part.counts": _T("① ストック・オプションの数", "① Number of stock options"),
    "part.prices": _T("② 単価情報", "② Unit prices"),
    "part.valuation": _T(
        "4. 当事業年度に付与されたストック・オプションの公正な評価単価の見積方法",
        "4. How the fair value of the options granted in the year was estimated",
    ),
    "part.vesting_estimate": _T(
        "5. ストック・オプションの権利確定数の見積方法", "5. How the number vesting is estimated"
    ),
    "vesting_estimate.text": _T(
        "基本的には、将来の失効数の合理的な見積りは困難であるため、実績の失効数のみ反映させる方法を"
        "採用しております。",
        "Future forfeitures cannot reasonably be estimated, so only actual forfeitures are "
        "reflected.",
    ),
    "lead.counts": _T(
        "当事業年度({year})において存在したストック・オプションを対象とし、ストック・オプションの数に"
        "ついては、株式数に換算して記載しております。",
        "The tables cover the stock options that existed in the year ({year}); numbers of options "
        "are stated in shares.",
    ),
    "footnote.restatement": _T(
        "(注) {events}を行っており、株式数及び単価情報は当該{kinds}後の数値に換算して"
        "記載しております。",
        "(Note) Following {events}, share numbers and unit prices are restated as after "
        "the {kinds}.",
    ),
    "footnote.event.split": _T(
        "{date}付で普通株式1株につき{ratio}株の割合で株式分割",
        "the {ratio}-for-1 share split effective {date}",
    ),
    "footnote.event.consolidation": _T(
        "{date}付で普通株式{ratio}株につき1株の割合で株式併合",
        "the 1-for-{ratio} share consolidation effective {date}",
    ),
    "footnote.event.other": _T(
        "{date}付で新株予約権の目的となる株式の数の調整({ratio}倍)",
        "the adjustment of the shares per right (x {ratio}) effective {date}",
    ),
    "footnote.event.restructuring": _T(
        "{date}付で組織再編行為(1株につき{ratio}株の割合)",
        "the restructuring effective {date} ({ratio} shares per share)",
    ),
    "footnote.kinds.split": _T("株式分割", "split"),
    "footnote.kinds.mixed": _T("株式分割等", "splits and other adjustments"),
    "footnote.illustrative": _T(
        "(注) 次の回号は説明用の架空の例です: {names}",
        "(Note) These series are ILLUSTRATIVE, not real: {names}",
    ),
    "nil": _T("-", "-"),
    "amount_unit.yen": _T("(単位:円)", "(yen)"),
    "amount_unit.thousand_yen": _T("(単位:千円)", "(thousands of yen)"),
    "amount_unit.million_yen": _T("(単位:百万円)", "(millions of yen)"),
    "negative": _T("△{amount}", "({amount})"),
    "date": _T("{year}年{month}月{day}日", "{iso}"),
    "fiscal_period": _T("{year}年{month}月期", "the year ended {iso}"),
    "list_joiner": _T("、", ", "),
    "none_text": _T("該当事項はありません。", "None."),
    # --- ③ contents rows ---
    "row.persons": _T("付与対象者の区分及び人数", "Grantees by category and number"),
    "row.granted_shares": _T(
        "株式の種類別のストック・オプションの数(注)", "Number of options by class of shares (note)"
    ),
    "row.common_shares": _T("普通株式 {shares}株", "{shares} common shares"),
    "row.grant_date": _T("付与日", "Grant date"),
    "row.vesting_condition": _T("権利確定条件", "Vesting condition"),
    "row.service_period": _T("対象勤務期間", "Service period"),
    "row.exercise_period": _T("権利行使期間", "Exercise period"),
    "vesting.none": _T("権利確定条件は付されておりません。", "No vesting condition."),
    "vesting.date": _T("{date}まで継続して在任していること", "In office until {date}"),
    "service.none": _T("対象勤務期間の定めはありません。", "No service period."),
    "period.from_to": _T("自 {start} 至 {end}", "{start} to {end}"),
    # --- ① counts ---
    "block.unvested": _T("権利確定前 (株)", "Before vesting (shares)"),
    "block.vested": _T("権利確定後 (株)", "After vesting (shares)"),
    "options.unvested.beginning": _T("前事業年度末", "End of prior year"),
    "options.unvested.beginning.consolidated": _T("前連結会計年度末", "End of prior year"),
    "options.unvested.granted": _T("付与", "Granted"),
    "options.unvested.forfeited": _T("失効", "Forfeited"),
    "options.unvested.vested": _T("権利確定", "Vested"),
    "options.unvested.balance": _T("未確定残", "Unvested balance"),
    "options.vested.beginning": _T("前事業年度末", "End of prior year"),
    "options.vested.beginning.consolidated": _T("前連結会計年度末", "End of prior year"),
    "options.vested.vested": _T("権利確定", "Vested"),
    "options.vested.exercised": _T("権利行使", "Exercised"),
    "options.vested.lapsed": _T("失効", "Lapsed"),
    "options.vested.outstanding": _T("未行使残", "Outstanding"),
    # --- ② prices ---
    "price.exercise": _T("権利行使価格 (円)", "Exercise price (yen)"),
    "price.average_at_exercise": _T("行使時平均株価 (円)", "Average share price at exercise (yen)"),
    "price.fair_value_at_grant": _T(
        "付与日における公正な評価単価 (円)", "Fair value per share at grant (yen)"
    ),
    # --- valuation ---
    "valuation.technique": _T("① 使用した評価技法", "① Valuation technique"),
    "valuation.inputs": _T(
        "② 主な基礎数値及び見積方法", "② Main inputs and how they were estimated"
    ),
    "valuation.volatility": _T("株価変動性 (注)1", "Share price volatility (note 1)"),
    "valuation.expected_term_years": _T("予想残存期間 (注)2", "Expected term (note 2)"),
    "valuation.expected_dividend": _T("予想配当 (注)3", "Expected dividend (note 3)"),
    "valuation.risk_free_rate": _T("無リスク利子率 (注)4", "Risk-free rate (note 4)"),
    "valuation.term": _T("{years}年{months}ヶ月", "{years} years {months} months"),
    "valuation.dividend": _T("{amount}円/株", "{amount} yen per share"),
    "valuation.note1": _T(
        "(注)1. 予想残存期間に対応する期間の株価実績に基づき算定しております。",
        "(Notes) 1. From actual prices over a period matching the expected term.",
    ),
    "valuation.note2": _T(
        "2. 権利行使までの期間を合理的に見積り算定しております。",
        "2. The time until exercise, reasonably estimated.",
    ),
    "valuation.note3": _T(
        "3. 直近の実績配当額によっております。", "3. The latest dividend actually paid."
    ),
    "valuation.note4": _T(
        "4. 予想残存期間に対応する国債の利回りであります。",
        "4. The yield of the JGB matching the expected term.",
    ),
    # --- 新株予約権等の状況 ---
    "status.title": _T("新株予約権等の状況", "Stock acquisition rights"),
    "status.lead": _T(
        "当事業年度の末日({date})における内容を記載しております。",
        "As at the end of the fiscal year ({date}).",
    ),
    "status.resolution_date": _T("決議年月日", "Date of resolution"),
    "status.persons": _T("付与対象者の区分及び人数(名)", "Grantees by category and number"),
    "status.rights": _T("新株予約権の数(個)", "Number of rights"),
    "status.own_rights": _T(
        "新株予約権のうち自己新株予約権の数(個)", "Of which held by the company"
    ),
    "status.shares": _T(
        "新株予約権の目的となる株式の種類、内容及び数(株)", "Class and number of shares (shares)"
    ),
    "status.exercise_price": _T(
        "新株予約権の行使時の払込金額(円)", "Amount paid on exercise (yen per share)"
    ),
    "status.exercise_period": _T("新株予約権の行使期間", "Exercise period"),
    "status.issue_capital": _T(
        "新株予約権の行使により株式を発行する場合の株式の発行価格及び資本組入額(円)",
        "Issue price and amount credited to capital per share on exercise (yen)",
    ),
    "status.issue_capital.value": _T(
        "発行価格 {issue}\n資本組入額 {capital}", "Issue price {issue}\nTo capital {capital}"
    ),
    "status.conditions": _T("新株予約権の行使の条件", "Conditions of exercise"),
    # --- journal and dilution ---
    "journal.title": _T("当事業年度の仕訳", "Journal for the year"),
    "journal.date": _T("日付", "Date"),
    "journal.series": _T("回号", "Series"),
    "journal.kind": _T("取引", "Transaction"),
    "journal.account": _T("勘定科目", "Account"),
    "journal.debit": _T("借方", "Debit"),
    "journal.credit": _T("貸方", "Credit"),
    "journal.kind.allotment": _T("割当(報酬の付与)", "Allotment (remuneration granted)"),
    "journal.kind.offset": _T("払込(報酬債権との相殺)", "Payment (set off against the claims)"),
    "journal.kind.expense": _T("費用計上", "Expense"),
    "journal.kind.exercise": _T("権利行使", "Exercise"),
    "journal.kind.exercise.treasury": _T(
        "権利行使(うち自己株式 {shares}株)", "Exercise ({shares} treasury shares)"
    ),
    "treasury_stock": _T("自己株式", "Treasury stock"),
    "other_capital_surplus": _T("その他資本剰余金", "Other capital surplus"),
    "journal.kind.lapse": _T("失効", "Lapse"),
    "journal.kind.forfeit": _T("失効(放棄)", "Forfeit"),
    "journal.kind.cancel": _T("無償取得・消却", "Acquired for nothing and cancelled"),
    "expense.line": _T("販売費及び一般管理費", "Selling, general and administrative expenses"),
    # the other P&L lines filers charge the expense to (disclosure.md §1.1); any other label a
    # series names is printed as it is, in either language
    "expense.line.cost_of_sales": _T("売上原価", "Cost of sales"),
    "expense.line.research": _T("研究開発費", "Research and development expenses"),
    "expense.line.operating": _T("営業経費", "Operating expenses"),
    "expense.line.loss_adjustment": _T("損害調査費", "Loss adjustment expenses"),
    "expense.line.operating_general": _T(
        "営業費及び一般管理費", "Operating, general and administrative expenses"
    ),
    "gain.line": _T("新株予約権戻入益", "Gain on lapse of stock acquisition rights"),
    "dilution.title": _T("潜在株式(期末)", "Shares issuable at the year end"),
    "dilution.shares_issuable": _T(
        "新株予約権の目的となる株式の数(株)", "Shares issuable (shares)"
    ),
    "total": _T("合計", "Total"),
    # --- the register workbook ---
    "book.about": _T("説明", "About"),
    "book.series": _T("回号", "Series"),
    "book.events": _T("イベント", "Events"),
    "book.actions": _T("コーポレートアクション", "Corporate actions"),
    "book.restructurings": _T("組織再編", "Restructurings"),
    "book.holders": _T("保有者", "Holders"),
    "book.prices": _T("株価", "Prices"),
    "book.title": _T("新株予約権 管理台帳", "Register of stock acquisition rights"),
    "book.layout": _T("レイアウト版", "Layout version"),
    "book.how": _T(
        "各シートの4行目(英字の列キー)は読込みに使います。変更しないでください。データは5行目から"
        "入力します。日付は YYYY-MM-DD、空欄は「指定なし」です。列の意味は docs/register.md を"
        "参照してください。",
        "Row 4 of each sheet (the column keys) is what is read back: do not change it. Data starts "
        "on row 5. Dates are YYYY-MM-DD; a blank cell means 'not given'. docs/register.md explains "
        "every column.",
    ),
    "book.sheet_note.series": _T(
        "1行が1回号。原始条件(割当時の株式数・行使価格・公正な評価単価)で入力します。"
        "行使期間の規定(地位喪失後・相続後の期間、末日が休日の場合)は空欄なら決議のとおり"
        "(10日、6か月、翌営業日)。費用の計上科目は空欄なら販売費及び一般管理費、按分は"
        "「売上原価:0.3;販売費及び一般管理費:0.7」のように(割合の合計は1)。",
        "One row per series, in its original terms (at allotment). The window rules (after "
        "losing the position, after inheriting, a last day on a holiday) left blank are the "
        "resolution's (10 days, 6 months, the next business day). The expense line left blank "
        "is 販売費及び一般管理費 (SG&A); a split reads 売上原価:0.3;販売費及び一般管理費:0.7 "
        "(shares summing to 1).",
    ),
    "book.sheet_note.events": _T(
        "行使・失効・放棄・無償取得消却を1行ずつ。株価は行使日の終値(空欄: 株価シートから)。"
        "自己株式を交付した行使は、その株式数と帳簿価額を入力(空欄: 新株の発行)。",
        "One row per exercise, lapse, forfeit or cancel; share_price is the close on the day. An "
        "exercise that delivered treasury shares gives their number and book value (blank: new "
        "shares).",
    ),
    "book.sheet_note.actions": _T(
        "株式分割・併合等。全回号に共通の1表です(ratio = 後の株式数 / 前の株式数)。",
        "Splits and consolidations: one table for every series (ratio = after / before).",
    ),
    "book.sheet_note.restructurings": _T("組織再編行為(任意)。", "Restructurings (optional)."),
    "book.sheet_note.holders": _T(
        "権利行使期間の確認に使う保有者の地位喪失日等(任意)。",
        "Holders' dates for the window check (optional).",
    ),
    "book.sheet_note.prices": _T(
        "終値(任意)。イベントの株価が空欄のとき使います。",
        "Closes (optional), used where an event's share_price is blank.",
    ),
    "col.series": _T("回号", "Series"),
    "col.resolution_date": _T("決議年月日", "Resolution date"),
    "col.allotment_date": _T("割当日", "Allotment date"),
    "col.rights_allotted": _T("割当個数", "Rights allotted"),
    "col.shares_per_right": _T("1個当たり株式数(割当時)", "Shares per right at allotment"),
    "col.exercise_price": _T("行使価格(円/株)", "Exercise price (yen/share)"),
    "col.fair_value_per_share": _T("公正な評価単価(円/株)", "Fair value per share (yen)"),
    "col.exercise_start": _T("行使期間 自", "Exercise from"),
    "col.exercise_end": _T("行使期間 至", "Exercise to"),
    "col.vesting_date": _T("権利確定日", "Vesting date"),
    "col.grant_year": _T("付与年度の表示", "Grant year shown as"),
    "col.rounding": _T("払込金額の端数処理", "Per-right rounding"),
    "col.volatility": _T("株価変動性", "Volatility"),
    "col.expected_term_years": _T("予想残存期間(年)", "Expected term (years)"),
    "col.expected_dividend": _T("予想配当(円/株)", "Expected dividend (yen/share)"),
    "col.risk_free_rate": _T("無リスク利子率", "Risk-free rate"),
    "col.persons": _T("付与対象者の区分及び人数", "Grantees"),
    "col.conditions": _T("行使の条件", "Conditions of exercise"),
    "col.rights_outstanding": _T("残高(個, 照合用)", "Rights outstanding (control)"),
    "col.outstanding_as_of": _T("残高の基準日", "Control date"),
    "col.illustrative": _T("説明用の例", "Illustrative"),
    "col.holder_window": _T("地位喪失後の行使期間", "Holder's window"),
    "col.holder_window_unit": _T("同 単位", "Holder's window unit"),
    "col.heir_window": _T("相続後の行使期間", "Heir's window"),
    "col.heir_window_unit": _T("同 単位", "Heir's window unit"),
    "col.last_day_rule": _T("末日が休日の場合", "Last day on a holiday"),
    "col.expense_lines": _T("費用の計上科目(科目:割合;…)", "Expense line(s) (line:share;...)"),
    "col.date": _T("日付", "Date"),
    "col.kind": _T("種類", "Kind"),
    "col.rights": _T("個数", "Rights"),
    "col.share_price": _T("株価(円)", "Share price (yen)"),
    "col.shares": _T("交付株式数", "Shares delivered"),
    "col.holder": _T("保有者", "Holder"),
    "col.treasury_shares": _T("うち自己株式の交付数", "Of which treasury shares"),
    "col.treasury_cost": _T("交付した自己株式の帳簿価額(円)", "Treasury shares' cost (yen)"),
    "col.ratio": _T("比率(後/前)", "Ratio (after/before)"),
    "col.record_date": _T("基準日", "Record date"),
    "col.effective_date": _T("効力発生日", "Effective date"),
    "col.meeting_date": _T("株主総会終結日", "Meeting closes"),
    "col.order": _T("同日の順序", "Order on the same day"),
    "col.description": _T("摘要", "Description"),
    "col.share_ratio": _T("交付比率", "Share ratio"),
    "col.restructured_company": _T("再編対象会社", "Restructured company"),
    "col.approved_on": _T("承認日", "Approved on"),
    "col.position_lost_on": _T("地位喪失日", "Position lost on"),
    "col.died_on": _T("死亡日", "Died on"),
    "col.inherited_on": _T("相続日", "Inherited on"),
    "col.heir_died_on": _T("相続人死亡日", "Heir died on"),
    "col.close": _T("終値(円)", "Close (yen)"),
    # --- sheet names ---
    "sheet.note": _T("ストック・オプション等関係", "Stock options"),
    "sheet.status": _T("新株予約権等の状況", "Rights at year end"),
    "sheet.journal": _T("仕訳", "Journal"),
}
"""The outputs' texts by key (``{name}`` fields are filled with :meth:`str.format`)."""


def expense_line_text(label: str, lang: Lang | str) -> str:
    """A P&L line of the expense table in ``lang``: a known line translated, any other as is."""
    for key, term in CATALOGUE.items():
        if key.startswith("expense.line") and term.ja == label:
            return term(lang)
    return label


def text(key: str, lang: Lang | str, **fields: object) -> str:
    """The text ``key`` in ``lang``, from the catalogue or else the glossary, with fields filled."""
    term = CATALOGUE.get(key) or GLOSSARY.get(key)
    if term is None:
        raise KeyError(f"no catalogue text {key!r}")
    out = term(lang)
    return out.format(**fields) if fields else out
