"""The template workbooks as users' tools see them: names, validation, formats, formulas, values.

Every expected value is computed here by calling the core directly (``value_grant``,
``historical_volatility``, ``adjusted_shares_per_right``...) on the example's own inputs, never
copied from a workbook.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.formula import ArrayFormula

from stockrights.adjustment import adjusted_shares_per_right
from stockrights.dates import date_to_excel_serial
from stockrights.example import (
    COMPANY_ACTIONS,
    VOLATILITY_WINDOW_START,
    example_market_inputs,
    seventh_series_terms,
)
from stockrights.excel.udfs import registered_udfs
from stockrights.exercise import exercise_rights
from stockrights.glossary import GLOSSARY, Lang
from stockrights.rates import rate_for_term
from stockrights.restructuring import (
    Restructuring,
    RestructuringKind,
    map_to_restructured_company,
    may_acquire_without_contribution,
)
from stockrights.rounding import Rounding
from stockrights.valuation import value_grant, value_right
from stockrights.volatility import historical_volatility, historical_volatility_estimate
from stockrights.windows import ExerciseRules, HolderStatus, can_exercise
from stockrights.workbooks import example_data as data
from stockrights.workbooks import layout
from stockrights.workbooks.builder import (
    build_templates,
    build_workbook,
    template_name,
)
from stockrights.workbooks.catalogue import CODE_WORDS, Words
from stockrights.workbooks.engine import called_functions
from stockrights.workbooks.refresh import refresh_workbook

REPO = Path(__file__).resolve().parents[1]
COMMITTED = REPO / "workbooks"

NATIVE = {
    "IF",
    "INDEX",
    "SUM",
    "SUMIF",
    "COUNT",
    "MAX",
    "IFERROR",
    "ROUND",
    "ROUNDUP",
    "SQRT",
    "LN",
    "EXP",
    "AND",
    "ABS",
    "OR",
    "ISERROR",
    "ISNA",
    "ISNUMBER",
    "VLOOKUP",
    "_XLFN.NORM.S.DIST",
}
"""The Excel functions the templates may call besides the add-in's (all in Excel 2010+)."""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both templates in both languages, freshly built and refreshed by the builder.

    Keys: "blank" and "example" (Japanese, the default), "blank_en" and "example_en".
    """
    blank, example, blank_en, example_en = build_templates(
        directory=tmp_path_factory.mktemp("templates")
    )
    return {"blank": blank, "example": example, "blank_en": blank_en, "example_en": example_en}


@pytest.fixture(scope="module")
def formulas_wb(built: dict[str, Path]) -> openpyxl.Workbook:
    return openpyxl.load_workbook(built["example"])


@pytest.fixture(scope="module")
def values_wb(built: dict[str, Path]) -> openpyxl.Workbook:
    return openpyxl.load_workbook(built["example"], data_only=True)


def value(wb: openpyxl.Workbook, name: str) -> Any:
    where = layout.address(name)
    return wb[where.sheet][where.ref].value


def formula_texts(wb: openpyxl.Workbook) -> Iterator[tuple[str, str, str]]:
    """(sheet, coordinate, formula text) of every formula cell, array anchors included."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                text = v.text if isinstance(v, ArrayFormula) else v
                if isinstance(text, str) and text.startswith("="):
                    yield ws.title, cell.coordinate, text


def as_date(v: Any) -> dt.date:
    return v.date() if isinstance(v, dt.datetime) else v


# --- structure -------------------------------------------------------------------------------


def test_sheets_are_in_layout_order(formulas_wb: openpyxl.Workbook) -> None:
    """The tabs are the layout's, in its order."""
    assert formulas_wb.sheetnames == list(layout.SHEETS)


def test_defined_names_are_workbook_scoped_and_point_where_the_layout_says(
    formulas_wb: openpyxl.Workbook,
) -> None:
    """Every layout name exists, workbook-scoped, with the layout's address; no other name."""
    names = formulas_wb.defined_names
    assert set(names) == set(layout.NAMES)
    for name, where in layout.NAMES.items():
        assert names[name].attr_text == where.absolute, name
        assert names[name].localSheetId is None
    assert all(len(ws.defined_names) == 0 for ws in formulas_wb.worksheets)


def test_every_function_called_is_a_registered_sar_function_or_a_native_one(
    formulas_wb: openpyxl.Workbook,
) -> None:
    """No formula calls anything but the add-in's SAR_ functions and a short list of natives."""
    registered = {f.__name__ for f in registered_udfs()}
    called = {name for _, _, text in formula_texts(formulas_wb) for name in called_functions(text)}
    sar = {n for n in called if n.startswith("SAR_")}
    assert sar <= registered
    assert called - sar <= NATIVE
    assert {"SAR_BS_PRICE", "SAR_RIGHT_AMOUNT", "SAR_HIST_VOL", "SAR_JGB_RATE"} <= sar


def test_key_formulas_read_like_the_resolution(formulas_wb: openpyxl.Workbook) -> None:
    """The price, the amount and the market inputs are the SAR_ functions on named inputs."""
    assert value(formulas_wb, "OptionPrice").endswith(
        ',"",SAR_BS_PRICE(SharePrice,ExercisePrice,TermYears,Volatility,RiskFreeRate,'
        "DividendYield))"
    )
    assert value(formulas_wb, "PerRightAmount").endswith(
        ',"",SAR_RIGHT_AMOUNT(OptionPrice,BaseSharesPerRight,RoundingMode))'
    )
    assert value(formulas_wb, "RiskFreeRateDerived").endswith(
        ',"",SAR_JGB_RATE(RateTenors,RateYields,TermYears))'
    )
    sigma = value(formulas_wb, "VolatilityDerived")
    assert sigma.endswith(
        ',"",SAR_HIST_VOL(PriceDates,PriceCloses,VolWindowStart,VolWindowEnd,VolFrequency,'
        "CorporateActions))"
    )
    # one table of corporate actions: no other split table, no formula that picks between two
    assert "PriceSplits" not in formulas_wb.defined_names
    for ws in formulas_wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    assert "PriceSplits" not in cell.value, cell.coordinate
    assert "CorporateActions,ValuationDate)" in value(formulas_wb, "DividendPerShare")
    for name in ("SharePrice", "Volatility", "RiskFreeRate", "DividendYield"):
        known, derived = layout.address(name + "Known"), layout.address(name + "Derived")
        assert value(formulas_wb, name) == (f'=IF({known.ref}<>"",{known.ref},{derived.ref})'), name
    crosscheck = formulas_wb[layout.CROSSCHECK]
    native = crosscheck[f"B{layout.CROSSCHECK_ROWS['n_d']}"].value
    assert native.endswith(',"",_xlfn.NORM.S.DIST(B15,TRUE))')


def test_inputs_are_unlocked_validated_and_cite_their_clause(
    formulas_wb: openpyxl.Workbook,
) -> None:
    """Every terms input: unlocked on a protected sheet, under a validation, with a clause note."""
    ws = formulas_wb[layout.TERMS]
    assert ws.protection.sheet is True
    validated = {str(ref) for dv in ws.data_validations.dataValidation for ref in dv.sqref.ranges}
    for name, row in layout.TERMS_ROWS.items():
        cell = ws[f"B{row}"]
        assert cell.protection.locked is False, name
        assert cell.comment is not None, name
        assert cell.comment.text.startswith("決議 ("), name
        if name != "SeriesName":
            assert f"B{row}" in validated, name
    for sheet in formulas_wb.worksheets:
        assert sheet.protection.sheet is True, sheet.title


def test_validation_lists_come_from_the_core_options(formulas_wb: openpyxl.Workbook) -> None:
    """The drop-downs list exactly the core's options, without a leading '=' (as Excel stores)."""

    def lists(sheet: str) -> dict[str, str]:
        return {
            str(dv.sqref): dv.formula1
            for dv in formulas_wb[sheet].data_validations.dataValidation
            if dv.type == "list"
        }

    rounding = lists(layout.TERMS)[f"B{layout.TERMS_ROWS['RoundingMode']}"]
    assert rounding == '"' + ",".join(m.value for m in Rounding) + '"'
    rows = layout.ACTIONS_TABLE.rows()
    kinds = lists(layout.ADJUSTMENTS)[f"A{rows[0]}:A{rows[-1]}"]
    assert kinds == '"split,consolidation,conditional_split,other"'
    restructuring = lists(layout.RESTRUCTURING)[
        f"B{layout.RESTRUCTURING_ROWS['RestructuringKind']}"
    ]
    assert restructuring == '"' + ",".join(k.value for k in RestructuringKind) + '"'
    categories = next(iter(lists(layout.EXERCISES).values()))
    assert categories == f"'{layout.TERMS}'!$A$19:$A$26"
    date_rules = [
        dv for dv in formulas_wb[layout.TERMS].data_validations.dataValidation if dv.type == "date"
    ]
    assert date_rules[0].formula1 == str(date_to_excel_serial(dt.date(1990, 1, 1)))


def test_formats_yen_percent_and_dates(formulas_wb: openpyxl.Workbook) -> None:
    """Yen with the Japanese currency code, percentages, yyyy/mm/dd."""

    def fmt(name: str) -> str:
        where = layout.address(name)
        return formulas_wb[where.sheet][where.ref].number_format

    assert fmt("PerRightAmount") == "[$¥-411]#,##0"
    assert fmt("FairValuePerShare") == "[$¥-411]#,##0.00####"
    assert fmt("SharePrice") == "[$¥-411]#,##0.00"
    assert fmt("Volatility") == "0.00%"
    assert fmt("RiskFreeRate") == "0.000%"
    assert fmt("AllotmentDate") == "yyyy/mm/dd"
    assert fmt("ExercisePeriodEnd") == "yyyy/mm/dd"


def test_every_sheet_prints_on_a4_fitted_to_its_width(formulas_wb: openpyxl.Workbook) -> None:
    """Print area set, A4 paper, fit to one page wide; the wide registers print landscape."""
    for ws in formulas_wb.worksheets:
        assert ws.print_area, ws.title
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 == "9", ws.title  # 9 is A4
        assert ws.page_setup.fitToWidth == 1, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True, ws.title
    assert formulas_wb[layout.EXERCISES].page_setup.orientation == "landscape"
    assert formulas_wb[layout.TERMS].page_setup.orientation == "portrait"


def test_the_market_sheet_has_the_weekly_chart_with_the_window(built: dict[str, Path]) -> None:
    """A native chart on the market sheet plots the weekly closes and two window lines."""
    with zipfile.ZipFile(built["example"]) as zf:
        charts = [n for n in zf.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        chart = zf.read(charts[0]).decode("utf-8")
        rels = zf.read("xl/worksheets/_rels/sheet2.xml.rels").decode("utf-8")
    last = layout.WEEKLY_TABLE.rows()[-1]
    assert f"'weekly'!$C$5:$C${last}" in chart
    assert f"'weekly'!$A$5:$A${last}" in chart
    assert chart.count("<ser>") == 3  # openpyxl writes the chart namespace as the default
    assert "drawing" in rels  # the market sheet (tab 2) holds the drawing


@pytest.mark.parametrize(
    ("kind", "illustrative", "synthetic"),
    [("example", "【例示】", "【合成】"), ("example_en", "ILLUSTRATIVE", "SYNTHETIC")],
)
def test_labels_say_what_is_made_up(
    built: dict[str, Path], kind: str, illustrative: str, synthetic: str
) -> None:
    """The example says where its numbers are ILLUSTRATIVE or SYNTHETIC, sheet by sheet."""
    wb = openpyxl.load_workbook(built[kind], data_only=True)
    banners = {ws.title: str(ws[f"A{layout.BANNER_ROW}"].value) for ws in wb.worksheets}
    assert illustrative in banners[layout.MARKET]
    assert synthetic in banners[layout.PRICES]
    assert illustrative in banners[layout.RATES]
    assert illustrative in banners[layout.DISCLOSURE]
    assert illustrative in banners[layout.EXERCISES]


# --- values against the core ------------------------------------------------------------------


def test_valuation_equals_value_grant_on_the_example(values_wb: openpyxl.Workbook) -> None:
    """C, the amount per right, and the totals per category are value_grant's."""
    expected = value_grant(seventh_series_terms(), example_market_inputs())
    assert value(values_wb, "OptionPrice") == pytest.approx(expected.option_price, rel=1e-12)
    assert value(values_wb, "PerRightAmount") == expected.per_right_amount
    assert value(values_wb, "TotalRights") == expected.total_rights
    assert value(values_wb, "TotalShares") == expected.total_shares
    assert value(values_wb, "TotalAmount") == expected.total_amount
    ws = values_wb[layout.VALUATION]
    rows = [
        [ws[f"{c}{r}"].value for c in "ABCDE"]
        for r in layout.VALUATION_CATEGORY_ROWS
        if ws[f"A{r}"].value
    ]
    assert rows == [
        [Words(Lang.JA).category(c.category), c.persons, c.rights, c.shares, c.amount]
        for c in expected.categories
    ]
    assert Words(Lang.JA).category("Executive Officers") == "執行役員"


def test_market_inputs_equal_the_examples_and_the_cores_on_the_sheet_data(
    values_wb: openpyxl.Workbook,
) -> None:
    """S, sigma, r and q are the example's; sigma and r are also the core's on the sheets' data."""
    m, t = example_market_inputs(), seventh_series_terms()
    assert value(values_wb, "SharePrice") == m.share_price
    assert value(values_wb, "Volatility") == pytest.approx(m.volatility, rel=1e-12)
    assert value(values_wb, "RiskFreeRate") == pytest.approx(m.risk_free_rate, abs=1e-15)
    assert value(values_wb, "DividendYield") == pytest.approx(m.dividend_yield, rel=1e-15)
    assert value(values_wb, "DividendPerShare") == m.dividend_per_share

    prices = values_wb[layout.PRICES]
    rows = [
        (as_date(prices[f"A{r}"].value), prices[f"B{r}"].value)
        for r in layout.PRICE_DATES.rows()
        if prices[f"A{r}"].value is not None
    ]
    sigma = historical_volatility(
        dates=[d for d, _ in rows],
        closes=[c for _, c in rows],
        start=VOLATILITY_WINDOW_START,
        end=t.allotment_date,
        # the market's ex-rights date of the 1:200 split, by hand: record date Sun 2012-09-30,
        # last business day Fri 09-28, T+3 -> last cum-rights day Tue 09-25, ex-rights Wed 09-26
        splits=[(dt.date(2012, 9, 26), 200)],
    )
    assert value(values_wb, "Volatility") == pytest.approx(sigma, rel=1e-13)
    rates = values_wb[layout.RATES]
    curve = [
        (rates[f"A{r}"].value, rates[f"B{r}"].value)
        for r in layout.RATE_TENORS.rows()
        if rates[f"A{r}"].value is not None
    ]
    r = rate_for_term(
        tenors_years=[c[0] for c in curve], yields=[c[1] for c in curve], term_years=t.term_years
    )
    assert value(values_wb, "RiskFreeRate") == r


def test_weekly_observations_follow_the_resolutions_rule(values_wb: openpyxl.Workbook) -> None:
    """The weekly sheet lists the last trading day of each week, as written out independently."""
    ws = values_wb[layout.WEEKLY]
    listed = [as_date(ws[f"A{r}"].value) for r in range(5, layout.WEEKLY_TABLE.rows()[-1] + 1)]
    listed = [d for d in listed if isinstance(d, dt.date)]
    prices = values_wb[layout.PRICES]
    days = tuple(
        as_date(prices[f"A{r}"].value)
        for r in layout.PRICE_DATES.rows()
        if prices[f"A{r}"].value is not None
    )
    expected = data.weekly_observation_days(
        days, start=VOLATILITY_WINDOW_START, end=seventh_series_terms().allotment_date
    )
    assert listed == list(expected)
    assert value(values_wb, "VolObservations") == len(expected)


def test_cross_check_agrees_with_the_core(values_wb: openpyxl.Workbook) -> None:
    """The native-function price equals the core's to 1e-9 yen and the status says OK."""
    ws = values_wb[layout.CROSSCHECK]
    r = layout.CROSSCHECK_ROWS
    expected = value_grant(seventh_series_terms(), example_market_inputs())
    assert ws[f"B{r['native_price']}"].value == pytest.approx(expected.option_price, abs=1e-9)
    assert ws[f"B{r['native_per_right']}"].value == expected.per_right_amount
    assert ws[f"B{r['status']}"].value == Words(Lang.JA).text("answer.agree")


def test_disclosure_note_equals_the_cores(values_wb: openpyxl.Workbook) -> None:
    """Each item of the securities report's note is Valuation.disclosure_note()'s."""
    note = value_grant(seventh_series_terms(), example_market_inputs()).disclosure_note()
    expected = [line for line in note if line.label != "NOTE"]
    ws = values_wb[layout.DISCLOSURE]
    assert len(expected) == len(layout.DISCLOSURE_ROWS)
    for line, (name, row) in zip(expected, layout.DISCLOSURE_ROWS.items(), strict=True):
        got = ws[f"B{row}"].value
        assert got == pytest.approx(line.value, rel=1e-12), name
        # the same item: the note's Japanese word appears in the sheet's label
        assert line.label.split(" ")[0] in str(ws[f"A{row}"].value), name


def test_shares_per_right_after_the_companys_splits(values_wb: openpyxl.Workbook) -> None:
    """As of 2023-03-31: 200 x 2 (2021) x 2 (2022) = 800; the 2012 split precedes the series."""
    t = seventh_series_terms()
    expected = adjusted_shares_per_right(
        base_shares=t.shares_per_right,
        actions=COMPANY_ACTIONS,
        as_of=data.ADJUSTMENT_AS_OF,
        allotment_date=t.allotment_date,
    )
    assert value(values_wb, "SharesPerRightAsOf") == expected.shares_per_right == 200 * 2 * 2
    assert value(values_wb, "ExerciseAmountAsOf") == 800 * t.exercise_price


def test_exercise_register_rows_are_the_cores(values_wb: openpyxl.Workbook) -> None:
    """Eligibility, shares, cash and the capital split of each example row, and the totals."""
    t = seventh_series_terms()
    book_value = value_grant(t, example_market_inputs()).per_right_amount
    rules = ExerciseRules(
        exercise_period_start=t.exercise_period_start, exercise_period_end=t.exercise_period_end
    )
    ws = values_wb[layout.EXERCISES]
    totals = {"rights": 0, "shares": 0, "stock": 0}
    for row, entry in zip(layout.EXERCISE_ROWS, data.ILLUSTRATIVE_EXERCISES, strict=False):
        status = HolderStatus(
            position_lost_on=entry.position_lost_on,
            died_on=entry.died_on,
            inherited_on=entry.inherited_on,
        )
        verdict = can_exercise(status=status, exercise_date=entry.exercise_date, rules=rules)
        assert ws[f"H{row}"].value is verdict.allowed
        assert ws[f"I{row}"].value == verdict.why("ja")  # the Japanese book passes "ja"
        spr = adjusted_shares_per_right(
            base_shares=t.shares_per_right,
            actions=COMPANY_ACTIONS,
            as_of=entry.exercise_date,
            allotment_date=t.allotment_date,
        ).shares_per_right
        assert ws[f"J{row}"].value == spr
        if not verdict.allowed:
            assert ws[f"K{row}"].value is None  # "" is stored as empty text
            continue
        booked = exercise_rights(
            rights=entry.rights, shares_per_right=spr, book_value_per_right=book_value
        )
        assert ws[f"K{row}"].value == booked.shares_delivered
        assert ws[f"L{row}"].value == booked.cash_paid
        assert ws[f"M{row}"].value == booked.capital.capital_stock
        assert ws[f"N{row}"].value == booked.capital.capital_reserve
        totals["rights"] += entry.rights
        totals["shares"] += booked.shares_delivered
        totals["stock"] += booked.capital.capital_stock
    total = layout.EXERCISE_TOTAL_ROW
    assert ws[f"D{total}"].value == totals["rights"]
    assert ws[f"K{total}"].value == totals["shares"]
    assert ws[f"M{total}"].value == totals["stock"]


@pytest.mark.parametrize("key", ["example", "example_en"])
def test_the_eligibility_reasons_fit_their_cells(built: dict[str, Path], key: str) -> None:
    """In both languages each reason wraps in full in its row (LibreOffice keeps the stored
    height), and the Japanese book's formulas ask for Japanese while the English ones are as
    before (no language argument: the functions' English default).
    """
    from stockrights.workbooks.sheets.base import LINE_HEIGHT, display_width

    values = openpyxl.load_workbook(built[key], data_only=True)[layout.EXERCISES]
    formulas = openpyxl.load_workbook(built[key])[layout.EXERCISES]
    per_line = int(values.column_dimensions["I"].width * 1.05)  # base._CHARS_PER_WIDTH
    for row in layout.EXERCISE_ROWS[: len(data.ILLUSTRATIVE_EXERCISES)]:
        lines = values.row_dimensions[row].height / LINE_HEIGHT
        assert display_width(values[f"I{row}"].value) <= lines * per_line
        asks_japanese = formulas[f"I{row}"].value.endswith(',"","","","ja"),1,2))')
        assert asks_japanese is (key == "example")
    # the longest reason a row can show (an heir's window moved off a Sunday, clause (11)3),
    # art. 142) fits too: Japanese about 125 wide characters, English about 280 letters
    assert lines * per_line >= (256 if key == "example" else 281)


def test_restructuring_scenario_is_the_cores(values_wb: openpyxl.Workbook) -> None:
    """The Restructured Company's rights and the clause-8 answer are the core's."""
    t = seventh_series_terms()
    x = data.ILLUSTRATIVE_RESTRUCTURING
    remaining = value(values_wb, "TotalRights") - value(values_wb, "ExercisedRights")
    before = adjusted_shares_per_right(
        base_shares=t.shares_per_right,
        actions=COMPANY_ACTIONS,
        as_of=x.effective_date - dt.timedelta(days=1),
        allotment_date=t.allotment_date,
    ).shares_per_right
    deal = Restructuring(kind=x.kind, effective_date=x.effective_date, share_ratio=x.share_ratio)
    mapped = map_to_restructured_company(
        rights=int(remaining),
        shares_per_right=before,
        restructuring=deal,
        exercise_period_start=t.exercise_period_start,
        exercise_period_end=t.exercise_period_end,
    )
    ws = values_wb[layout.RESTRUCTURING]
    table = {ws[f"A{r}"].value: ws[f"B{r}"].value for r in layout.RESTRUCTURED_TABLE.rows()}
    # the Japanese book asks the add-in for Japanese labels and sentences
    assert table["新株予約権の数"] == mapped.rights
    assert table["新株予約権1個当たりの株式の数"] == mapped.shares_per_right
    assert as_date(table["行使期間の初日"]) == mapped.exercise_period_start
    assert as_date(table["行使期間の末日"]) == mapped.exercise_period_end
    assert table["効力発生日の定め"] == deal.kind.effective_date_sentence("ja")
    verdict = may_acquire_without_contribution(
        restructuring=Restructuring(
            kind=x.kind,
            effective_date=x.effective_date,
            share_ratio=x.share_ratio,
            approved_on=x.approved_on,
        ),
        as_of=x.as_of,
    )
    row = layout.MAY_ACQUIRE_TABLE.rows()[0]
    assert ws[f"A{row}"].value is verdict.allowed
    assert ws[f"B{row}"].value == verdict.why("ja")


def test_the_synthetic_series_is_built_to_the_examples_volatility() -> None:
    """The generator's weekly returns give exactly the target sigma (core estimate, same days)."""
    t, m = seventh_series_terms(), example_market_inputs()
    days = tuple(
        dt.date(2017, 1, 2) + dt.timedelta(days=i)
        for i in range(200)
        if (dt.date(2017, 1, 2) + dt.timedelta(days=i)).weekday() < 5
    )
    closes = data.synthetic_closes(
        trading_days=days,
        share_price=m.share_price,
        volatility=0.2,
        window_start=dt.date(2017, 1, 2),
        valuation_date=days[-1],
        splits=(),
        seed=7,
    )
    estimate = historical_volatility_estimate(
        dates=days, closes=closes, start=days[0], end=days[-1], trading_days=days
    )
    assert estimate.volatility == pytest.approx(0.2, rel=1e-12)
    assert closes[-1] == m.share_price
    assert estimate.observation_dates == data.weekly_observation_days(
        days, start=days[0], end=days[-1]
    )
    assert t.allotment_date.weekday() == 4  # 14 July 2017 was a Friday, a trading day


def test_blank_template_has_the_same_structure_and_no_example_data(
    built: dict[str, Path], formulas_wb: openpyxl.Workbook
) -> None:
    """The blank template: same sheets, names and formulas; inputs empty, no price data."""
    blank = openpyxl.load_workbook(built["blank"])
    assert blank.sheetnames == formulas_wb.sheetnames
    assert set(blank.defined_names) == set(formulas_wb.defined_names)
    assert value(blank, "OptionPrice") == value(formulas_wb, "OptionPrice")
    assert value(blank, "AllotmentDate") is None
    assert value(blank, "RoundingMode") == Rounding.PER_RIGHT_UP.value
    assert blank[layout.PRICES][f"A{layout.PRICE_DATES.rows()[0]}"].value is None
    assert blank[layout.TERMS][f"A{layout.BANNER_ROW}"].value == Words(Lang.JA).text("banner.blank")


# --- reproducible, and committed as built ----------------------------------------------------


def _contents(path: Path) -> dict[str, list[tuple[str, Any, Any, str]]]:
    """Every cell: coordinate, formula or value, cached value, number format."""
    formulas_ = openpyxl.load_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)
    out: dict[str, list[tuple[str, Any, Any, str]]] = {}
    for ws in formulas_.worksheets:
        vs = values[ws.title]
        out[ws.title] = [
            (
                c.coordinate,
                c.value.text if isinstance(c.value, ArrayFormula) else c.value,
                vs[c.coordinate].value,
                c.number_format,
            )
            for row in ws.iter_rows()
            for c in row
            if c.value is not None or vs[c.coordinate].value is not None
        ]
    return out


@pytest.mark.slow
def test_building_twice_gives_identical_cell_contents(
    built: dict[str, Path], tmp_path: Path
) -> None:
    """Reproducible: a second build has the same formulas, values, cached results and formats."""
    blank, example = build_templates(directory=tmp_path, languages=["ja"])
    assert _contents(example) == _contents(built["example"])
    assert _contents(blank) == _contents(built["blank"])


@pytest.mark.parametrize("kind", ["blank", "example", "blank_en", "example_en"])
def test_committed_workbooks_are_what_the_builder_builds(built: dict[str, Path], kind: str) -> None:
    """workbooks/ holds exactly what `stockrights build-templates` writes (cell contents)."""
    name = template_name(example=kind.startswith("example"), lang=kind.partition("_")[2] or "ja")
    committed = COMMITTED / name
    assert committed.exists(), f"{committed} is missing: run `stockrights build-templates`"
    assert _contents(committed) == _contents(built[kind]), (
        f"{committed} differs from the builder's output: run `stockrights build-templates`"
    )


# --- what the user has: four typed inputs ------------------------------------------------------


def _array_cells(ws: Any) -> set[str]:
    """The cells of every array formula's range on ``ws`` (the SAR_ tables)."""
    from stockrights.workbooks.cache_writer import cell_range

    return {ref for rng in ws.array_formulae.values() for ref in cell_range(rng)}


def _error_cells(wb: openpyxl.Workbook) -> list[str]:
    errors = {"#N/A", "#VALUE!", "#NAME?", "#NUM!", "#REF!", "#DIV/0!", "#NULL!"}
    return [
        f"{ws.title}!{c.coordinate}"
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value in errors
    ]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_terms_and_four_typed_inputs_value_a_grant(tmp_path: Path, lang: str) -> None:
    """The blank template with only the terms and S, sigma, r, q typed in gives value_right's yen.

    No price or rate data: the derived values stay blank, the known ones are used, and no cell
    of the workbook is an error.
    """
    t = seventh_series_terms()
    typed = {
        "SharePrice": 2345.0,
        "Volatility": 0.41,
        "RiskFreeRate": 0.0052,
        "DividendYield": 0.011,
    }
    wb = build_workbook(example=False, lang=lang)
    terms = {
        "SeriesName": "Test series",
        "MaximumRights": 300,
        "BaseSharesPerRight": 100,
        "ExercisePrice": 1,
        "ExercisePeriodStart": t.exercise_period_start,
        "ExercisePeriodEnd": t.exercise_period_end,
        "TermYears": 15,
        "AllotmentDate": t.allotment_date,
    }
    for name, v in terms.items():
        where = layout.address(name)
        wb[where.sheet][where.ref] = v
    for name, v in typed.items():
        where = layout.address(name + "Known")
        wb[where.sheet][where.ref] = v
        source = layout.address(name + "KnownSource")
        wb[source.sheet][source.ref] = "valuer's report"
    ws = wb[layout.TERMS]
    ws[f"A{layout.ALLOTMENT_ROWS[0]}"] = "Directors"
    ws[f"B{layout.ALLOTMENT_ROWS[0]}"] = 3
    ws[f"C{layout.ALLOTMENT_ROWS[0]}"] = 120
    draft = tmp_path / "draft.xlsx"
    wb.save(draft)
    refresh_workbook(book=draft, output=tmp_path / "typed.xlsx")
    got = openpyxl.load_workbook(tmp_path / "typed.xlsx", data_only=True)
    expected = value_right(
        share_price=2345.0,
        exercise_price=1,
        term_years=15,
        volatility=0.41,
        risk_free_rate=0.0052,
        dividend_yield=0.011,
        shares_per_right=100,
    )
    assert value(got, "OptionPrice") == pytest.approx(expected.option_price, rel=1e-12)
    assert value(got, "PerRightAmount") == expected.per_right_amount
    assert value(got, "TotalAmount") == 120 * expected.per_right_amount
    for name, v in typed.items():
        assert value(got, name) == v, name
        assert value(got, name + "Derived") is None, name  # no data: blank, not an error
        assert value(got, name + "Difference") is None, name
    # a typed figure has no data: SAR_EXPLAIN lists the four as entered with their source, then
    # the 22 Black-Scholes steps, and Excel pads the rest of its range (sized for the whole
    # chain) with #N/A, greyed; nothing else
    steps = layout.EXPLAIN_TABLE.rows()
    sheet = got[layout.VALUATION]
    entered = {"en": "entered: valuer's report", "ja": "入力値：valuer's report"}[lang]
    for row, symbol in zip(steps[:4], ("S", "sigma", "r", "q"), strict=True):
        assert sheet[f"A{row}"].value == f"{symbol}: entered"
        assert sheet[f"D{row}"].value == entered
    padding = [f"{layout.VALUATION}!{c}{r}" for r in steps[26:] for c in "ABCD"]
    assert _error_cells(got) == padding
    assert sheet[f"A{steps[25]}"].value == "amount per right"


def test_known_value_beside_a_derived_one_shows_the_difference(tmp_path: Path) -> None:
    """In the example, a known sigma of 0.30 is used instead of the derived 0.35; F shows -0.05."""
    wb = build_workbook(example=True, lang="en")
    where = layout.address("VolatilityKnown")
    wb[where.sheet][where.ref] = 0.30
    draft = tmp_path / "draft.xlsx"
    wb.save(draft)
    refresh_workbook(book=draft, output=tmp_path / "known.xlsx")
    got = openpyxl.load_workbook(tmp_path / "known.xlsx", data_only=True)
    m = example_market_inputs()
    assert value(got, "Volatility") == 0.30
    assert value(got, "VolatilityDerived") == pytest.approx(m.volatility, rel=1e-12)
    assert value(got, "VolatilityDifference") == pytest.approx(0.30 - m.volatility, rel=1e-9)
    expected = value_right(
        share_price=m.share_price,
        exercise_price=1,
        term_years=15,
        volatility=0.30,
        risk_free_rate=m.risk_free_rate,
        dividend_yield=m.dividend_yield,
        shares_per_right=200,
    )
    assert value(got, "PerRightAmount") == expected.per_right_amount


# --- hygiene ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["blank", "blank_en"])
def test_the_blank_template_refreshes_to_no_error_and_no_stray_value(
    built: dict[str, Path], kind: str
) -> None:
    """No error cell; no date 1899/12/30 (a blank read as 0); no "yes"; nothing of the example."""
    wb = openpyxl.load_workbook(built[kind], data_only=True)
    assert _error_cells(wb) == []
    stray = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                if isinstance(v, dt.datetime | dt.date) and as_date(v).year < 1990:
                    stray.append(f"{ws.title}!{c.coordinate} {v}")
                if (
                    isinstance(v, int | float)
                    and not isinstance(v, bool)
                    and c.number_format in ("yyyy/mm/dd",)
                ):
                    stray.append(f"{ws.title}!{c.coordinate} {v}")
                if isinstance(v, str) and (v in ("yes", "はい") or "27" in v or "IIJ" in v):
                    stray.append(f"{ws.title}!{c.coordinate} {v}")
    assert stray == []
    for name in ("OptionPrice", "VolObservations", "TotalRights", "TotalAmount", "ExercisedRights"):
        assert value(wb, name) is None, name  # blank, not 0


def test_pages_have_a_header_a_footer_and_repeated_headings(formulas_wb: openpyxl.Workbook) -> None:
    """Sheet name and file in the header, page x of y in the footer, title rows repeated; the
    long data sheets print only their title block.
    """
    for ws in formulas_wb.worksheets:
        assert ws.oddHeader.left.text == "&A", ws.title
        assert ws.oddHeader.right.text == "&F", ws.title
        assert "&P" in ws.oddFooter.center.text, ws.title
        assert "&N" in ws.oddFooter.center.text, ws.title
        assert ws.print_title_rows, ws.title
    for sheet in (layout.WEEKLY, layout.PRICES, layout.RATES):
        area = str(formulas_wb[sheet].print_area)
        assert area.endswith(f"$D${layout.BANNER_ROW}"), sheet


def test_units_agree_with_formats(formulas_wb: openpyxl.Workbook) -> None:
    """A percent cell's unit is "per year" (not "decimal/year"): the sheets' own unit cells."""
    for ws in formulas_wb.worksheets:
        arrays = _array_cells(ws)
        for row in ws.iter_rows():
            for c in row:
                if c.font is not None and (c.font.sz or 11) >= 12:
                    continue  # a title or section heading runs into the empty cells beside it
                if c.coordinate in arrays:
                    continue  # a SAR_ table shows raw decimals, and says so
                assert not (isinstance(c.value, str) and "decimal/" in c.value), (
                    f"{ws.title}!{c.coordinate}"
                )
    en = build_workbook(example=False, lang="en")
    for name in ("Volatility", "RiskFreeRate", "DividendYield"):
        row = layout.MARKET_INPUT_ROWS[name]
        assert en[layout.MARKET][f"G{row}"].value == "per year"
        assert en[layout.MARKET][f"E{row}"].number_format.endswith("%")


def test_fair_value_per_share_shows_every_decimal_that_reconciles(
    values_wb: openpyxl.Workbook,
) -> None:
    """326,485 / 200 = 1,632.425: the format shows the third decimal, so that the value shown
    times the shares per right is the amount per right.
    """
    where = layout.address("FairValuePerShare")
    cell = values_wb[where.sheet][where.ref]
    assert cell.value == 1632.425  # 326,485 / 200, by hand
    decimals = len(cell.number_format.split(".")[1])  # 0.00#### shows up to 6 decimals
    shown = round(cell.value, decimals)
    assert shown * 200 == value(values_wb, "PerRightAmount")


def test_codes_are_shown_as_words(values_wb: openpyxl.Workbook) -> None:
    """Beside the rounding, frequency, action kind and restructuring kind: the words."""
    ja = Lang.JA
    terms = values_wb[layout.TERMS]
    assert terms[f"C{layout.TERMS_ROWS['RoundingMode']}"].value == CODE_WORDS["per_right_up"](ja)
    market = values_wb[layout.MARKET]
    assert market[f"C{layout.MARKET_ROWS['VolFrequency']}"].value == CODE_WORDS["weekly"](ja)
    detail = int(layout.SHARE_PRICE_DETAIL.first[1:])
    assert market[f"E{detail}"].value == CODE_WORDS["close"](ja)
    adjustments = values_wb[layout.ADJUSTMENTS]
    assert adjustments[f"I{layout.ACTIONS_TABLE.rows()[0]}"].value == CODE_WORDS["split"](ja)
    restructuring = values_wb[layout.RESTRUCTURING]
    kind = restructuring[f"C{layout.RESTRUCTURING_ROWS['RestructuringKind']}"].value
    assert kind == CODE_WORDS["absorption_type_merger"](ja)


# --- language ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "lang"), [("example", Lang.JA), ("example_en", Lang.EN)])
def test_labels_are_the_glossarys_terms_in_the_workbooks_language(
    built: dict[str, Path], kind: str, lang: Lang
) -> None:
    """株価, 行使価格, 予想残存期間, 株価変動性, 無リスク利子率, 新株予約権1個当たりの払込金額...
    label the rows they name, in Japanese in the Japanese workbook and English in the English.
    """
    wb = openpyxl.load_workbook(built[kind])
    market = wb[layout.MARKET]
    for name, key in (
        ("SharePrice", "share_price"),
        ("Volatility", "volatility"),
        ("RiskFreeRate", "risk_free_rate"),
        ("DividendYield", "dividend_yield"),
    ):
        assert market[f"A{layout.MARKET_INPUT_ROWS[name]}"].value == GLOSSARY[key](lang)
    terms = wb[layout.TERMS]
    assert terms[f"A{layout.TERMS_ROWS['ExercisePrice']}"].value == GLOSSARY["exercise_price"](lang)
    assert terms[f"A{layout.TERMS_ROWS['TermYears']}"].value == GLOSSARY["term_years"](lang)
    valuation = wb[layout.VALUATION]
    row = layout.VALUATION_ROWS["PerRightAmount"]
    assert valuation[f"A{row}"].value == GLOSSARY["per_right_amount"](lang)
    exercises = wb[layout.EXERCISES]
    headings = [c.value for c in exercises[layout.EXERCISE_HEADER_ROW]]
    capital = "資本金（円）" if lang is Lang.JA else "Capital stock (yen)"
    assert capital in headings
    assert wb.sheetnames == list(layout.SHEETS)  # sheet and defined names are the same in both


@pytest.mark.parametrize("kind", ["example", "blank_en"])
def test_unwrapped_text_fits_its_column_counting_wide_characters_double(
    built: dict[str, Path], kind: str
) -> None:
    """Each label that does not wrap fits its column: a Japanese character takes two widths."""
    from stockrights.workbooks.sheets.base import display_width

    wb = openpyxl.load_workbook(built[kind])
    too_narrow = []
    for ws in wb.worksheets:
        merged = {c for r in ws.merged_cells.ranges for c in r.cells}
        arrays = _array_cells(ws)
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                if not isinstance(v, str) or v.startswith("=") or (c.row, c.column) in merged:
                    continue
                if c.font is not None and (c.font.sz or 11) >= 12:
                    continue  # a title or section heading runs into the empty cells beside it
                if c.coordinate in arrays:
                    continue
                if c.alignment is not None and c.alignment.wrap_text:
                    continue
                width = ws.column_dimensions[c.column_letter].width or 8.43
                if display_width(v) > width * 1.05 + 1 and display_width(v) < 57:
                    too_narrow.append(f"{ws.title}!{c.coordinate} {v!r} in {width}")
    assert too_narrow == []


def test_the_weekly_table_holds_every_week_the_prices_sheet_can_span() -> None:
    """Any PRICE_CAPACITY consecutive TSE trading days span fewer weeks than the weekly table
    holds, so a weekly window is never cut: every such run of the exchange calendar, 1997-2026,
    counted as (Monday of the last week - Monday of the first) / 7 + 1, an upper bound.
    """
    from stockrights.prices import tse_trading_days

    days = tse_trading_days(start=dt.date(1997, 1, 6), end=dt.date(2026, 12, 30))
    n = layout.PRICE_CAPACITY
    assert len(days) > n
    monday = [(d - dt.timedelta(days=d.weekday())).toordinal() // 7 for d in days]
    spanned = max(monday[i + n - 1] - monday[i] + 1 for i in range(len(days) - n + 1))
    assert spanned + 1 <= layout.WEEKLY_CAPACITY  # + the header row
    assert len(layout.WEEKLY_TABLE.rows()) == layout.WEEKLY_CAPACITY + 1


def test_the_add_ins_tables_have_their_japanese_beside_them(values_wb: openpyxl.Workbook) -> None:
    """The steps of SAR_EXPLAIN and the Greeks return English labels; the Japanese workbook
    shows each one's Japanese beside it, and none is left untranslated. (SAR_RESTRUCTURED is
    asked for Japanese itself: nothing beside it.)
    """
    from stockrights.workbooks.catalogue import SAR_LABELS

    valuation, restructuring = values_wb[layout.VALUATION], values_wb[layout.RESTRUCTURING]
    explain = [
        (valuation[f"A{r}"].value, valuation[f"F{r}"].value) for r in layout.EXPLAIN_TABLE.rows()
    ]
    # the whole chain of the example: 27 lines to the data (S 3, sigma 13, r 6, q 5), then the
    # 22 steps; the unused rows of the range are Excel's #N/A padding, blank beside it
    pairs = explain[:49]
    assert explain[49:] == [("#N/A", None)] * (layout.EXPLAIN_ROWS - 49)
    pairs += [
        (valuation[f"A{r}"].value, valuation[f"C{r}"].value) for r in layout.GREEKS_TABLE.rows()
    ]
    assert [restructuring[f"D{r}"].value for r in layout.RESTRUCTURED_TABLE.rows()] == [None] * 9
    assert len(pairs) == 49 + 6
    assert [japanese for _, japanese in pairs] == [SAR_LABELS[english] for english, _ in pairs]
    assert pairs[0] == ("S: figure used", "S: 採用した価格")
    assert pairs[27] == ("S share price", "株価 S")


# --- one table of corporate actions -----------------------------------------------------------


def _refreshed(wb: openpyxl.Workbook, tmp_path: Path) -> openpyxl.Workbook:
    draft = tmp_path / "draft.xlsx"
    wb.save(draft)
    refresh_workbook(book=draft, output=tmp_path / "out.xlsx")
    return openpyxl.load_workbook(tmp_path / "out.xlsx", data_only=True)


def test_the_example_series_changes_basis_on_the_ex_rights_date_of_the_actions_table(
    tmp_path: Path,
) -> None:
    """The example's closes change basis on the market's ex-rights date (2012-09-26 for the 2012
    split: record date Sunday 2012-09-30, last business day Fri 09-28, T+3 back to Tue 09-25,
    the last cum-rights day, so ex-rights from Wed 09-26), and the workbook's sigma is the core's
    with ``actions=`` on those closes: the illustrative 0.35.
    """
    wb = build_workbook(example=True, lang="en")
    prices = wb[layout.PRICES]
    dates, closes = [], []
    for row in layout.PRICE_DATES.rows():
        day = prices[f"A{row}"].value
        if day is None:
            break
        dates.append(as_date(day))
        closes.append(prices[f"B{row}"].value)
    by_day = dict(zip(dates, closes, strict=True))
    # a 1:200 split: the close drops by about 200 from the last cum-rights day to the ex-rights
    # date, and moves by a normal weekly-vol step (well under 2x) on every other day around it
    assert 100 < by_day[dt.date(2012, 9, 25)] / by_day[dt.date(2012, 9, 26)] < 400
    for before, after in ((dt.date(2012, 9, 26), dt.date(2012, 9, 27)),
                          (dt.date(2012, 9, 28), dt.date(2012, 10, 1))):  # fmt: skip
        assert 0.5 < by_day[after] / by_day[before] < 2
    got = _refreshed(wb, tmp_path)
    expected = historical_volatility(
        dates=dates,
        closes=closes,
        start=VOLATILITY_WINDOW_START,
        end=seventh_series_terms().allotment_date,
        actions=COMPANY_ACTIONS,
    )
    assert value(got, "VolatilityDerived") == pytest.approx(expected, rel=1e-13)
    assert value(got, "VolatilityDerived") == pytest.approx(0.35, rel=1e-12)


def test_the_dividend_is_restated_by_the_corporate_action_tables_record_dates(
    tmp_path: Path,
) -> None:
    """A 1:2 split with record date 2017-05-31, after the dividend's record date (2017-03-31)
    and before the valuation date: 27 yen becomes 13.5 yen per share (27 / 2, by hand).
    """
    from stockrights.adjustment import ActionKind, CorporateAction
    from stockrights.dividends import restate_dividend_per_share

    wb = build_workbook(example=True, lang="en")
    row = layout.ACTIONS_TABLE.rows()[len(COMPANY_ACTIONS)]
    ws = wb[layout.ADJUSTMENTS]
    ws[f"A{row}"], ws[f"B{row}"] = "split", 2
    ws[f"C{row}"], ws[f"D{row}"] = dt.date(2017, 5, 31), dt.date(2017, 6, 1)
    got = _refreshed(wb, tmp_path)
    assert value(got, "DividendPerShare") == 13.5
    actions = (
        *COMPANY_ACTIONS,
        CorporateAction(
            kind=ActionKind.SPLIT,
            ratio=2,
            record_date=dt.date(2017, 5, 31),
            effective_date=dt.date(2017, 6, 1),
        ),
    )
    core = restate_dividend_per_share(
        dividend_per_share=27.0,
        record_date=dt.date(2017, 3, 31),
        as_of=dt.date(2017, 7, 14),
        actions=actions,
    )
    assert core == 13.5


def test_the_explain_section_traces_each_input_to_the_workbooks_data(
    built: dict[str, Path],
) -> None:
    """SAR_EXPLAIN gets the data arguments: on the example it lists S, sigma, r and q back to the
    prices, actions, curve and dividend before the Black-Scholes steps (49 lines in all).
    """
    values_en = openpyxl.load_workbook(built["example_en"], data_only=True)
    valuation = values_en[layout.VALUATION]
    rows = {valuation[f"A{r}"].value: valuation[f"B{r}"].value for r in layout.EXPLAIN_TABLE.rows()}
    formulas = openpyxl.load_workbook(built["example_en"])
    formula = formulas[layout.VALUATION][layout.EXPLAIN_TABLE.first].value.text
    assert (
        "BaseSharesPerRight,RoundingMode,TRUE,ValuationDate,VolWindowStart,PriceDates,"
        "PriceCloses,CorporateActions,BasePrices,RateTenors,RateYields,DividendDeclared,"
        'DividendRecordDate,VolFrequency,IF(SharePriceKnown="","",IF(SharePriceKnownSource="",'
        '"(source not stated)",SharePriceKnownSource)),IF(VolatilityKnown="","",'
    ) in formula
    assert formula.endswith(
        'IF(DividendYieldKnown="","",IF(DividendYieldKnownSource="","(source not stated)",'
        "DividendYieldKnownSource))))"
    )
    assert rows["S: figure used"] == "close on 2017-07-14"  # the close on the allotment date
    assert rows["S: date of the figure"] == date_to_excel_serial(dt.date(2017, 7, 14))
    assert rows["sigma: window"] == "2005-12-02 to 2017-07-14"  # clause (12)-5
    # the weekly sheet counts its observations by native COUNT: the same weeks
    assert rows["sigma: observations"] == value(values_en, "VolObservations") == 607
    assert rows["sigma: log returns"] == 606
    # record date Sun 2012-09-30 -> Fri 09-28 -> T+3 -> last cum-rights day Tue 09-25 -> 09-26
    assert rows["sigma: splits applied"] == "1:200 from 2012-09-26"
    assert rows["sigma: annualisation factor"] == 52
    assert rows["r: tenors and yields used"] == "15y 0.0035"  # T = 15 is a published tenor
    assert rows["q: dividend per share declared"] == 27
    assert rows["q: splits restating the dividend"] == "none"  # no split 2017-03-31..07-14
    assert rows["q: derived"] == pytest.approx(27 / 2000, rel=1e-15)
    assert rows["amount per right"] == 326_485


def test_a_typed_input_is_entered_and_the_others_stay_traced(
    typed_sigma_book: Path,
) -> None:
    """Sigma typed (0.30, "valuer's report"): one line says it was entered, with its source; S, r
    and q are still traced to their data; the Black-Scholes steps use the typed sigma; no error.
    """
    got = openpyxl.load_workbook(typed_sigma_book, data_only=True)
    valuation = got[layout.VALUATION]
    steps = layout.EXPLAIN_TABLE.rows()
    rows = {valuation[f"A{r}"].value: r for r in steps}
    labels = [valuation[f"A{r}"].value for r in steps]
    assert labels[0] == "S: figure used"
    sigma = [label for label in labels if str(label).startswith("sigma: ")]
    assert sigma == ["sigma: entered"]
    entered = rows["sigma: entered"]
    assert valuation[f"B{entered}"].value == 0.30
    assert valuation[f"D{entered}"].value == "entered: valuer's report"
    assert valuation[f"B{rows['r: tenors and yields used']}"].value == "15y 0.0035"
    assert valuation[f"B{rows['q: derived']}"].value == pytest.approx(27 / 2000, rel=1e-15)
    assert valuation[f"B{rows['sigma volatility']}"].value == 0.30
    last = labels.index("amount per right")
    assert labels[last + 1 :] == ["#N/A"] * (layout.EXPLAIN_ROWS - last - 1)


def test_the_japanese_examples_explain_cells_are_the_japanese_sentences(
    built: dict[str, Path], formulas_wb: openpyxl.Workbook, values_wb: openpyxl.Workbook
) -> None:
    """The Japanese example asks SAR_EXPLAIN for Japanese (``"ja"`` last); after the refresh each
    value, unit and note cell is the core's line in Japanese (``value_in`` / ``unit_in`` /
    ``note_in`` of the book's own valuation), and the key lines read as written by hand.
    """
    from stockrights.reports.source import book_source
    from stockrights.valuation import provenance_lines

    formula = formulas_wb[layout.VALUATION][layout.EXPLAIN_TABLE.first].value.text
    assert formula.endswith('DividendYieldKnownSource)),"ja"))')
    valuation = values_wb[layout.VALUATION]
    cells = [
        tuple(valuation[f"{c}{r}"].value for c in "ABCD") for r in layout.EXPLAIN_TABLE.rows()
    ][:49]
    v = book_source(built["example"]).valuation
    d = v.market.derivation
    assert d is not None
    assert d.dividend_yield is not None
    # the report names the dividend's fiscal year; the sheet's SAR_EXPLAIN is not told it
    unnamed = dataclasses.replace(d.dividend_yield, fiscal_year="")
    market = dataclasses.replace(
        v.market, derivation=dataclasses.replace(d, dividend_yield=unnamed)
    )
    lines = provenance_lines(market) + v.right.explain()
    assert len(lines) == len(cells) == 49
    for line, (label, shown, unit, note) in zip(lines, cells, strict=True):
        expected = line.value_in("ja")
        if isinstance(expected, dt.date):
            expected = date_to_excel_serial(expected)
        assert label == line.label
        assert shown == (
            pytest.approx(expected, rel=1e-12) if isinstance(shown, float) else expected
        )
        assert (unit or "") == line.unit_in("ja"), label
        assert (note or "") == line.note_in("ja"), label
    rows = {label: (shown, unit, note) for label, shown, unit, note in cells}
    # by hand, from the example's data: the close of Friday 2017-07-14 (the allotment date), the
    # window from 2005-12-02, weekly, the 2012 split quoted ex-rights from 2012-09-26 (record
    # date Sun 09-30 -> Fri 09-28 -> T+3 -> last cum-rights day Tue 09-25), T = 15 a published
    # tenor at 0.35 %, no split between the dividend's record date and the allotment date
    assert rows["S: figure used"] == ("2017年7月14日の終値", None, "割当日の終値（決議 (12)-2）")
    assert rows["S: derived"] == (2000, "円/株", None)
    assert rows["sigma: window"] == ("2005年12月2日～2017年7月14日", None, "決議 (12)-5")
    assert rows["sigma: frequency"][0] == "週次"
    assert rows["sigma: splits applied"][0] == "2012年9月26日から1:200"
    assert rows["r: tenors and yields used"][0] == "15年 0.0035"
    assert rows["q: splits restating the dividend"] == (
        "なし",
        None,
        "2017年3月31日より後、2017年7月14日までに効力発生",
    )
    assert rows["rounding"] == (
        "1個当たりの金額を切上げ",
        None,
        "C × 1個当たりの株式の数、1円未満切上げ（決議 (12)）",
    )
