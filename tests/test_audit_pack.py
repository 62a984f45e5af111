"""The re-performance workbook recalculates, in a real spreadsheet application, to the core's yen.

LibreOffice (headless, with a profile that recalculates every formula on load) opens each pack,
recomputes every cell from the raw data, and the values are compared with the core's: the amount
per right to the yen, and every intermediate value (sigma, r, q, d1, C, totals, the clause (3) and
(6) figures) to float precision. The pack may use only native functions, never SAR_. Packs are
checked for the example, the example workbook read back, the published Japanese case
(JP-GOGIN-2014, 677 yen) and a seeded spread of grants across the plausible input range.

These tests need ``soffice`` (CI installs it); with ``STOCKRIGHTS_NO_LIBREOFFICE=1`` they skip.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import math
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pytest

from stockrights import (
    Allotment,
    GrantTerms,
    MarketInputs,
    adjusted_shares_per_right,
    bsm_call_price,
    exercise_rights,
    historical_volatility_estimate,
    rate_for_term,
    value_grant,
)
from stockrights.cli import main
from stockrights.rounding import Rounding
from stockrights.workbooks.audit_pack import (
    AuditPackInputs,
    PriceData,
    build_audit_pack,
    example_pack_inputs,
    write_audit_pack,
)
from stockrights.workbooks.audit_pack_text import text

REPO = Path(__file__).resolve().parents[1]
CASES = REPO.parent / "shared" / "cases" / "published.csv"

RECALCULATE_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode"
  oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""

# Every function a pack may call: what any spreadsheet application has (no add-in).
NATIVE = {
    "AND", "OR", "NOT", "IF", "ISNUMBER", "LN", "EXP", "SQRT", "WEEKDAY", "COUNT", "COUNTIF",
    "SUM", "INDEX", "MATCH", "MIN", "MAX", "ROUND", "ROUNDUP", "ROUNDDOWN", "_XLFN.STDEV.S",
    "_XLFN.NORM.S.DIST",
}  # fmt: skip


@pytest.fixture(scope="module")
def soffice(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    if os.environ.get("STOCKRIGHTS_NO_LIBREOFFICE") == "1":
        pytest.skip("STOCKRIGHTS_NO_LIBREOFFICE=1: the LibreOffice cross-check is not run")
    path = shutil.which("soffice")
    if path is None:
        pytest.fail("soffice is not installed: apt-get install libreoffice-calc")
    home = tmp_path_factory.mktemp("lo")
    (home / "profile" / "user").mkdir(parents=True)
    (home / "profile" / "user" / "registrymodifications.xcu").write_text(RECALCULATE_ALWAYS)
    return {"soffice": path, "home": home}


def recalculate(office: dict[str, Any], out: Path, *books: Path) -> list[Any]:
    """LibreOffice opens each book, recalculates every formula, saves; the values, per book."""
    profile = (office["home"] / "profile").resolve().as_uri()
    result = subprocess.run(
        [office["soffice"], "--headless", "--norestore", f"-env:UserInstallation={profile}",
         "--convert-to", "xlsx", "--outdir", str(out), *map(str, books)],
        capture_output=True, text=True, timeout=600, check=False,
        env={**os.environ, "HOME": str(office["home"])},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return [openpyxl.load_workbook(out / b.name, data_only=True) for b in books]


def labelled(wb: Any, sheet_key: str, key: str) -> Any:
    """The value beside the row labelled ``key`` (its Japanese label) on a pack sheet."""
    ws = wb[text(sheet_key, "ja")]
    label = text(key, "ja")
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == label:
                return ws.cell(row=cell.row, column=cell.column + 2).value
    raise AssertionError(f"no row {label!r} on {ws.title}")


def error_cells(wb: Any) -> list[str]:
    return [
        f"{ws.title}!{c.coordinate}={c.value}"
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str)
        and c.value.startswith("#")
        and c.value.endswith(("!", "?", "A"))
    ]


def entered_inputs(
    *,
    share_price: float,
    volatility: float,
    risk_free_rate: float,
    dividend_yield: float,
    term_years: float,
    shares_per_right: int,
    rounding: Rounding = Rounding.PER_RIGHT_UP,
) -> AuditPackInputs:
    """A pack with S, sigma, r, q entered (as a valuer's four numbers)."""
    terms = GrantTerms(
        series_name="test grant",
        allotment_date=dt.date(2020, 7, 1),
        exercise_period_start=dt.date(2020, 7, 2),
        exercise_period_end=dt.date(2050, 7, 1),
        maximum_rights=100,
        allotments=(Allotment(category="Directors", persons=3, rights=60),
                    Allotment(category="Executive Officers", persons=5, rights=40)),
        shares_per_right=shares_per_right,
        exercise_price=1.0,
        term_years=term_years,
        rounding=rounding,
    )  # fmt: skip
    market = MarketInputs(
        share_price=share_price, volatility=volatility, risk_free_rate=risk_free_rate,
        dividend_yield=dividend_yield, share_price_source="entered (test)",
    )  # fmt: skip
    return AuditPackInputs(terms=terms, market=market)


def test_pack_uses_native_functions_only() -> None:
    """No SAR_ call and no function outside the native list appears in any formula of the pack."""
    wb = build_audit_pack(example_pack_inputs())
    called: set[str] = set()
    formulas = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    formulas += 1
                    called |= set(re.findall(r"([A-Z_][A-Z0-9_.]*)\(", cell.value.upper()))
    assert formulas > 20_000  # ~2,900 daily rows x 8 columns: every step is a formula
    assert called <= NATIVE, called - NATIVE
    assert not any(name.startswith("SAR_") for name in called)


def test_the_inputs_sheet_names_its_columns_and_its_units_fit() -> None:
    """The item columns say which language each holds; each unit fits its column.

    The English item column read "Item / Item". A width counts 2 for a full-width character:
    "小数(年率) / decimal per year" is 29 wide and ran under the source column (16 wide).
    """
    wb = build_audit_pack(example_pack_inputs())
    ws = wb[text("sheet.inputs", "ja")]
    assert ws["A2"].value == "項目（日本語） / Item (Japanese)"
    assert ws["B2"].value == "項目（英語） / Item (English)"
    units = [c.value for c in ws["D"][2:] if isinstance(c.value, str)]
    assert "小数(年率) / decimal per year" in units

    def width(value: str) -> int:
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in value)

    assert max(width(u) for u in units) <= ws.column_dimensions["D"].width


def test_the_clause_3_table_gives_its_description_a_column_that_holds_it() -> None:
    """The adjustment sheet's description column (F) holds its longest text and header.

    It was left at the default width: the header wrapped as "Descripti / on" and every text ran
    off to the right, while the step's share count (E, a number) had 60 columns.
    """
    wb = build_audit_pack(example_pack_inputs())
    ws = wb[text("sheet.clauses", "ja")]
    header = text("col.description", "ja") + " / " + text("col.description", "en")
    row = next(c.row for c in ws["F"] if c.value == header)
    texts = [c.value for c in ws["F"][row:] if isinstance(c.value, str)]
    assert "1:200 share split (public notice)" in texts  # the 2012 split of the example

    def width(value: str) -> int:
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in value)

    assert max(width(t) for t in [header, *texts]) <= ws.column_dimensions["F"].width


@pytest.mark.slow
def test_libreoffice_reperforms_the_example_to_the_cores_yen(
    soffice: dict[str, Any], tmp_path: Path
) -> None:
    """Example pack and the pack read from the example workbook: every key figure is the core's."""
    inputs = example_pack_inputs()
    example = write_audit_pack(inputs, tmp_path / "example.xlsx")
    from_book = tmp_path / "from_book.xlsx"
    assert main(["audit-pack", str(REPO / "workbooks" / "stockrights_example_7th_series.xlsx"),
                 "--output", str(from_book)]) == 0  # fmt: skip
    valuation = value_grant(inputs.terms, inputs.market)
    prices = inputs.prices
    assert prices is not None
    assert inputs.curve is not None
    estimate = historical_volatility_estimate(
        dates=prices.dates, closes=prices.closes, start=prices.window_start,
        end=prices.window_end, splits=prices.splits,
    )  # fmt: skip
    rate = rate_for_term(
        tenors_years=inputs.curve.tenors_years, yields=inputs.curve.yields, term_years=15
    )
    shares = adjusted_shares_per_right(
        base_shares=200, actions=inputs.actions, as_of=inputs.adjustment_as_of,
        allotment_date=inputs.terms.allotment_date,
    ).shares_per_right  # fmt: skip
    booked = exercise_rights(
        rights=1, shares_per_right=shares, book_value_per_right=valuation.per_right_amount
    )
    for wb in recalculate(soffice, tmp_path / "out", example, from_book):
        assert error_cells(wb) == []
        assert labelled(wb, "sheet.summary", "amount_recalculated") == 326_485
        assert labelled(wb, "sheet.summary", "difference") == 0
        assert labelled(wb, "sheet.summary", "agrees") is True
        assert labelled(wb, "sheet.valuation", "per_right_amount") == valuation.per_right_amount
        breakdown = valuation.right.breakdown
        for key, value in (
            ("option_price", breakdown.option_price),
            ("d1", breakdown.d),
            ("d2", breakdown.d_minus),
            ("n_d1", breakdown.n_d),
            ("n_d2", breakdown.n_d_minus),
            ("disc_q", breakdown.dividend_discount),
            ("disc_r", breakdown.rate_discount),
            ("unrounded", valuation.right.unrounded_per_right),
        ):
            assert math.isclose(labelled(wb, "sheet.valuation", key), value, rel_tol=1e-12), key
        assert labelled(wb, "sheet.prices", "observations") == len(estimate.observation_dates)
        assert labelled(wb, "sheet.prices", "returns") == len(estimate.log_returns)
        assert math.isclose(
            labelled(wb, "sheet.prices", "volatility"), estimate.volatility, rel_tol=1e-12
        )
        assert math.isclose(labelled(wb, "sheet.rates", "risk_free_rate"), rate, rel_tol=1e-12)
        assert math.isclose(
            labelled(wb, "sheet.dividend", "dividend_yield"), 27 / 2000, rel_tol=1e-12
        )
        assert labelled(wb, "sheet.clauses", "shares_per_right") == shares == 800
        assert labelled(wb, "sheet.clauses", "capital_stock") == booked.capital.capital_stock
        assert labelled(wb, "sheet.clauses", "capital_reserve") == booked.capital.capital_reserve
        # Totals by category: 168 x 326,485 = 54,849,480; 77 x 326,485 = 25,139,345.
        totals = [
            c.value for row in wb["評価"].iter_rows() for c in row
            if isinstance(c.value, int) and c.value in (54_849_480, 25_139_345, 79_988_825)
        ]  # fmt: skip
        assert sorted(totals) == [25_139_345, 54_849_480, 79_988_825]


def _japanese_cases() -> list[dict[str, str]]:
    with CASES.open(encoding="utf-8") as fh:
        return [row for row in csv.DictReader(fh) if row["id"].startswith("JP-")]


@pytest.mark.slow
def test_libreoffice_reproduces_every_published_japanese_case(
    soffice: dict[str, Any], tmp_path: Path
) -> None:
    """Each JP- case of shared/cases, entered as four typed numbers, gives the published yen."""
    cases = _japanese_cases()
    assert cases, "shared/cases has no JP- case"
    books = []
    for case in cases:
        inputs = entered_inputs(
            share_price=float(case["share_price"]), volatility=float(case["volatility"]),
            risk_free_rate=float(case["risk_free_rate"]),
            dividend_yield=float(case["dividend_yield"]), term_years=float(case["term_years"]),
            shares_per_right=1,
        )  # fmt: skip
        books.append(write_audit_pack(inputs, tmp_path / f"{case['id']}.xlsx"))
    for case, wb in zip(cases, recalculate(soffice, tmp_path / "out", *books), strict=True):
        published = int(case["published_value"])  # fair value per share, yen, rounded up
        assert labelled(wb, "sheet.valuation", "per_right_amount") == published, case["id"]


@pytest.mark.slow
def test_libreoffice_agrees_with_the_core_across_the_input_range(
    soffice: dict[str, Any], tmp_path: Path
) -> None:
    """A seeded spread of grants (every rounding rule) re-performs to the core's yen, each one."""
    rng = np.random.default_rng(20170714)
    books, expected = [], []
    for i in range(24):
        inputs = entered_inputs(
            share_price=float(rng.uniform(50, 60_000)), volatility=float(rng.uniform(0.05, 1.2)),
            risk_free_rate=float(rng.uniform(-0.005, 0.03)),
            dividend_yield=float(rng.uniform(0.0, 0.08)), term_years=float(rng.uniform(0.5, 30)),
            shares_per_right=int(rng.choice([1, 100, 200, 1000])),
            rounding=list(Rounding)[i % 3],
        )  # fmt: skip
        books.append(write_audit_pack(inputs, tmp_path / f"grant{i}.xlsx"))
        m, t = inputs.market, inputs.terms
        price = bsm_call_price(
            share_price=m.share_price, exercise_price=1.0, term_years=t.term_years,
            volatility=m.volatility, risk_free_rate=m.risk_free_rate,
            dividend_yield=m.dividend_yield,
        )  # fmt: skip
        expected.append((value_grant(t, m).per_right_amount, price))
    for (amount, price), wb in zip(
        expected, recalculate(soffice, tmp_path / "out", *books), strict=True
    ):
        assert error_cells(wb) == []
        assert labelled(wb, "sheet.valuation", "per_right_amount") == amount
        assert math.isclose(labelled(wb, "sheet.valuation", "option_price"), price, rel_tol=1e-11)


def test_blank_book_is_a_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The blank template (nothing filled in) is refused in one line naming the cell; no file."""
    out = tmp_path / "pack.xlsx"
    status = main(["audit-pack", str(REPO / "workbooks" / "stockrights_template.xlsx"),
                   "--output", str(out)])  # fmt: skip
    err = capsys.readouterr().err.strip()
    assert status == 2
    assert err.count("\n") == 0
    # the report's reader (book_source) reads the terms first: the series name is the first cell
    assert "stockrights_template.xlsx: terms!B5 (SeriesName) is empty: fill it in" in err
    assert not out.exists()


def test_output_must_be_a_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A pack asked for as .csv is refused, not written as a workbook under a .csv name."""
    out = tmp_path / "pack.csv"
    assert main(["audit-pack", "--example", "--output", str(out)]) == 2
    assert "--output must end in .xlsx" in capsys.readouterr().err
    assert not out.exists()


def test_a_file_that_is_not_a_template_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The register workbook (no valuation names) and a text file: one line naming the file."""
    register = REPO / "workbooks" / "stockrights_register.xlsx"
    assert main(["audit-pack", str(register), "--output", str(tmp_path / "p.xlsx")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith("stockrights_register.xlsx: has no sheet 'terms' "
                        "(is it a stockrights template?)")  # fmt: skip
    text_file = tmp_path / "notes.xlsx"
    text_file.write_text("not a workbook", encoding="utf-8")
    assert main(["audit-pack", str(text_file), "--output", str(tmp_path / "p.xlsx")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith(f"BOOK must be an .xlsx or .xlsm workbook (a zip archive); {text_file} "
                        "is not one (a text file)")  # fmt: skip
    assert err.count("\n") == 0


def test_book_or_example_but_not_both(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """audit-pack needs exactly one of BOOK and --example."""
    assert main(["audit-pack", "--output", str(tmp_path / "p.xlsx")]) == 2
    assert "got neither" in capsys.readouterr().err


def test_a_negative_volatility_is_still_refused() -> None:
    """Only sigma = 0 is a limit the pack re-performs; a negative sigma is refused by the core."""
    with pytest.raises(Exception, match=r"volatility must be >= 0, got -0\.1"):
        entered_inputs(
            share_price=1000, volatility=-0.1, risk_free_rate=0.001, dividend_yield=0.01,
            term_years=10, shares_per_right=100,
        )  # fmt: skip


def _value_cell(wb: Any, sheet_key: str, key: str) -> Any:
    """The value cell of the row labelled ``key`` (as :func:`labelled` finds it)."""
    ws = wb[text(sheet_key, "ja")]
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text(key, "ja"):
                return ws.cell(row=cell.row, column=cell.column + 2)
    raise AssertionError(f"no row {key!r} on {ws.title}")


def _flat_closes_inputs() -> AuditPackInputs:
    """S and sigma derived from closes that never move (2000 yen every day): sigma is 0."""
    first = dt.date(2020, 5, 11)
    days = [first + dt.timedelta(days=i) for i in range(52)]
    dates = tuple(d for d in days if d.weekday() < 5)  # no holiday in 2020-05-11..07-01
    closes = (2000.0,) * len(dates)
    estimate = historical_volatility_estimate(
        dates=dates, closes=closes, start=dates[0], end=dates[-1]
    )
    assert estimate.volatility == 0.0  # every weekly log return is ln(1) = 0
    base = entered_inputs(
        share_price=2000, volatility=estimate.volatility, risk_free_rate=0.0035,
        dividend_yield=0.0135, term_years=15, shares_per_right=100,
    )  # fmt: skip
    prices = PriceData(dates=dates, closes=closes, window_start=dates[0], window_end=dates[-1])
    return AuditPackInputs(terms=base.terms, market=base.market, prices=prices)


@pytest.mark.slow
def test_libreoffice_reperforms_the_limit_where_sigma_sqrt_t_is_zero(
    soffice: dict[str, Any], tmp_path: Path
) -> None:
    """A zero sigma (typed, or derived from flat closes) and a zero T: C is the core's limit.

    Deep in the money, the 1-yen right: S = 2000, X = 1, T = 15, r = 0.0035, q = 0.0135,
    sigma = 0: C = 2000 e^(-0.2025) - 1 e^(-0.0525) = 2000 x 0.8166865 - 0.9488543
    = 1633.3730 - 0.9489 = 1632.4241 yen per share; x 100 shares = 163,242.41, rounded up
    163,243 yen per right.
    Out of the money: S = 1000, X = 1200, T = 5, r = 0.001, q = 0.02, sigma = 0: the forward
    S e^((r-q)T) = 1000 e^(-0.095) = 909.4 < 1200, so C = max(1000 e^(-0.1) - 1200 e^(-0.005),
    0) = max(904.8 - 1194.0, 0) = 0 and the amount is 0.
    T = 0 (set in the pack's inputs sheet, as an auditor would; sigma 0.3): C = max(2000 - 1, 0)
    = 1999 yen per share, 199,900 yen per right.
    """
    deep = entered_inputs(
        share_price=2000, volatility=0.0, risk_free_rate=0.0035, dividend_yield=0.0135,
        term_years=15, shares_per_right=100,
    )  # fmt: skip
    otm_base = entered_inputs(
        share_price=1000, volatility=0.0, risk_free_rate=0.001, dividend_yield=0.02,
        term_years=5, shares_per_right=100,
    )  # fmt: skip
    otm = AuditPackInputs(
        terms=dataclasses.replace(otm_base.terms, exercise_price=1200.0), market=otm_base.market
    )
    flat = _flat_closes_inputs()
    cases = {
        "deep": (deep, 1632.4241, 163_243),
        "otm": (otm, 0.0, 0),
        "flat": (flat, 1632.4241, 163_243),
    }
    books = [write_audit_pack(i, tmp_path / f"{name}.xlsx") for name, (i, _, _) in cases.items()]
    # T = 0: a pack with sigma 0.3, its T typed over with 0 in the inputs sheet.
    at_expiry = write_audit_pack(
        entered_inputs(
            share_price=2000, volatility=0.3, risk_free_rate=0.0035, dividend_yield=0.0135,
            term_years=15, shares_per_right=100,
        ),
        tmp_path / "expiry.xlsx",
    )  # fmt: skip
    book = openpyxl.load_workbook(at_expiry)
    _value_cell(book, "sheet.inputs", "term_years").value = 0
    book.save(at_expiry)
    recalculated = recalculate(soffice, tmp_path / "out", *books, at_expiry)
    limit_text = text("limit_used", "ja")
    for (name, (inputs, hand, amount)), wb in zip(cases.items(), recalculated, strict=False):
        m, t = inputs.market, inputs.terms
        core = bsm_call_price(
            share_price=m.share_price, exercise_price=t.exercise_price, term_years=t.term_years,
            volatility=m.volatility, risk_free_rate=m.risk_free_rate,
            dividend_yield=m.dividend_yield,
        )  # fmt: skip
        assert abs(core - hand) < 1e-4, name
        assert error_cells(wb) == [], name
        for key in ("d1", "d2", "n_d1", "n_d2"):
            assert labelled(wb, "sheet.valuation", key) == limit_text, (name, key)
        assert math.isclose(labelled(wb, "sheet.valuation", "option_price"), core,
                            rel_tol=1e-13, abs_tol=0.0), name  # fmt: skip
        assert labelled(wb, "sheet.valuation", "per_right_amount") == amount, name
        assert value_grant(t, m).per_right_amount == amount, name
        assert labelled(wb, "sheet.summary", "amount_recalculated") == amount, name
        assert labelled(wb, "sheet.summary", "difference") == 0, name
        assert labelled(wb, "sheet.summary", "agrees") is True, name
    assert labelled(recalculated[2], "sheet.inputs", "volatility") == 0  # derived, not typed
    expiry = recalculated[3]
    assert error_cells(expiry) == []
    assert labelled(expiry, "sheet.valuation", "d1") == limit_text
    core_at_expiry = bsm_call_price(
        share_price=2000, exercise_price=1, term_years=0.0, volatility=0.3,
        risk_free_rate=0.0035, dividend_yield=0.0135,
    )  # fmt: skip
    assert core_at_expiry == 1999.0
    assert labelled(expiry, "sheet.valuation", "option_price") == 1999.0
    assert labelled(expiry, "sheet.valuation", "per_right_amount") == 199_900


def test_the_dividend_restatement_follows_the_cores_rule() -> None:
    """A 1:2 split with record date Tue 2017-07-18 (effective 07-19, after the valuation date):
    T+3 back from 07-18 over the Marine Day holiday of 07-17 gives the last cum-rights day Wed
    07-12, so the market quotes it ex-rights from Thu 07-13, before the valuation date 07-14.
    S of 07-14 is per new share: 27 yen is restated to 13.5 (27 / 2, by hand), as the core's
    restated_dividend says; a rule on the effective date alone would leave 27.
    """
    from stockrights.adjustment import CorporateAction
    from stockrights.dividends import restated_dividend
    from stockrights.example import COMPANY_ACTIONS
    from stockrights.workbooks.audit_pack import dividend_restatements

    late = CorporateAction(
        kind="split", ratio=2, record_date="2017-07-18", effective_date="2017-07-19"
    )
    actions = (*COMPANY_ACTIONS, late)
    valued, recorded = dt.date(2017, 7, 14), dt.date(2017, 3, 31)
    rows = dividend_restatements(actions, as_of=valued)
    assert (dt.date(2017, 7, 19), dt.date(2017, 7, 13), 2.0) in rows
    factor = math.prod(r for eff, ex, r in rows if eff > recorded and ex <= valued)  # the pack's IF
    assert 27 / factor == 13.5
    core = restated_dividend(
        dividend_per_share=27, record_date=recorded, as_of=valued, actions=actions
    )
    assert core.dividend_per_share == 13.5


def test_a_typed_sigma_is_entered_in_the_pack_with_its_source(
    typed_sigma_book: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The pack reads VolatilityKnown / VolatilityKnownSource: sigma 0.30 is entered with
    "valuer's report"; S (the close of 2017-07-14, 2,000), r and q are still re-derived by
    formula from the closes, the curve and the dividend.
    """
    from stockrights.workbooks.pack_command import pack_inputs_from_book

    inputs = pack_inputs_from_book(typed_sigma_book)
    assert inputs.market.volatility == 0.30
    assert "entered: valuer's report" in inputs.market.volatility_source
    assert inputs.market.share_price == 2000
    assert inputs.prices is not None  # S is looked up in the closes
    assert inputs.entered == frozenset({"volatility"})
    assert inputs.curve is not None
    assert inputs.dividend is not None
    assert main(["audit-pack", str(typed_sigma_book), "--output", str(tmp_path / "p.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "re-derived from data: S, r, q" in out

    # amount: the independent closed form on sigma 0.30, C x 200 rounded up
    def n(x: float) -> float:
        return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))

    s, x, t, v, r, q = 2000, 1, 15, 0.30, 0.0035, 27 / 2000
    d = (math.log(s / x) + (r - q + v * v / 2) * t) / (v * math.sqrt(t))
    c = s * math.exp(-q * t) * n(d) - x * math.exp(-r * t) * n(d - v * math.sqrt(t))
    assert f"amount per right {math.ceil(c * 200):,} yen" in out


@pytest.mark.slow
def test_libreoffice_reperforms_a_book_with_a_typed_zero_sigma(
    soffice: dict[str, Any], tmp_path: Path, zero_sigma_book: Path
) -> None:
    """``stockrights audit-pack BOOK`` on a book whose sigma is typed as 0 writes the pack (no
    refusal) and LibreOffice recalculates it to the core's yen at the limit.

    S = 2000, X = 1, T = 15, r = 0.0035 (the example's illustrative r), q = 27 / 2000 = 0.0135:
    C = 2000 e^(-0.2025) - e^(-0.0525) = 1632.4241 yen per share; x 200 shares = 326,484.82,
    rounded up 326,485 yen per right.
    """
    out = tmp_path / "pack.xlsx"
    assert main(["audit-pack", str(zero_sigma_book), "--output", str(out)]) == 0
    (wb,) = recalculate(soffice, tmp_path / "out", out)
    assert error_cells(wb) == []
    assert labelled(wb, "sheet.inputs", "volatility") == 0
    assert labelled(wb, "sheet.valuation", "d1") == text("limit_used", "ja")
    assert labelled(wb, "sheet.valuation", "per_right_amount") == 326_485
    assert labelled(wb, "sheet.summary", "amount_core") == 326_485
    assert labelled(wb, "sheet.summary", "difference") == 0


@pytest.mark.slow
def test_libreoffice_reperforms_a_book_with_a_typed_sigma(
    soffice: dict[str, Any], tmp_path: Path, typed_sigma_book: Path
) -> None:
    """The pack of a book whose sigma is typed (0.30) recalculates, in LibreOffice, to the core's
    amount on the typed sigma, and enters 0.30 with its source instead of deriving 0.35.
    """
    from stockrights.workbooks.pack_command import pack_inputs_from_book

    inputs = pack_inputs_from_book(typed_sigma_book)
    pack = write_audit_pack(inputs, tmp_path / "typed.xlsx")
    valuation = value_grant(inputs.terms, inputs.market)
    (wb,) = recalculate(soffice, tmp_path / "out", pack)
    assert error_cells(wb) == []
    assert labelled(wb, "sheet.summary", "amount_recalculated") == valuation.per_right_amount
    assert labelled(wb, "sheet.summary", "difference") == 0
    assert labelled(wb, "sheet.inputs", "volatility") == 0.30
    assert labelled(wb, "sheet.inputs", "share_price") == 2000  # the close, by INDEX/MATCH


def test_a_typed_dividend_yield_is_entered_in_the_pack_as_the_report_takes_it(
    typed_dividend_book: Path,
) -> None:
    """The pack and the report read a book's inputs through the one core path
    (derive_market_inputs with entered): q typed as 0.02 is entered with its source and cell, the
    declared 27 yen is not re-derived, and S, sigma and r still are (S = 2,000, the close of
    2017-07-14; sigma 0.35 and r 0.0035, the example's figures).
    """
    from stockrights.reports.source import book_source
    from stockrights.workbooks.pack_command import pack_inputs_from_book

    inputs = pack_inputs_from_book(typed_dividend_book)
    market = inputs.market
    assert inputs.entered == frozenset({"dividend_yield"})
    assert market.dividend_yield == 0.02
    assert market.dividend_yield_source == (
        "entered: valuer's report (typed_dividend.xlsx: DividendYieldKnown)"
    )
    assert inputs.dividend is None
    assert inputs.prices is not None
    assert inputs.curve is not None
    assert (market.share_price, market.risk_free_rate) == (2000, pytest.approx(0.0035))
    assert market.volatility == pytest.approx(0.35, rel=1e-9)
    assert (
        market.share_price_source == "derived from typed_dividend.xlsx, prices sheet (clause 12-2)"
    )
    report = book_source(typed_dividend_book).valuation.market
    assert (market.share_price, market.volatility, market.risk_free_rate) == (
        report.share_price,
        report.volatility,
        report.risk_free_rate,
    )
