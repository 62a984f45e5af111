"""Where everything is in the template workbooks: sheet names, defined names, addresses.

The builder, the refresh summary and the tests read positions from here and nowhere else. Every
defined name is **workbook-scoped** (a sheet-scoped name gives ``#REF!`` in the headless engine,
``docs/headless_eval.md`` §1). Formulas use the names, so that a formula reads like the
resolution (``=SAR_BS_PRICE(SharePrice, ExercisePrice, TermYears, Volatility, RiskFreeRate,
DividendYield)``).

Sheets, in tab order:

==============  ==============================================================================
``terms``       the resolution's terms (inputs, each with a note citing its clause) and the
                allotment table (clause 15)
``market``      S with the base-price fallback, sigma from the price sheet, r from the yield
                curve, the dividend and q (clause 12), and the chart of the weekly closes
``valuation``   C, the amount per right, totals per category, every step (``SAR_EXPLAIN``)
``crosscheck``  the same price with native Excel functions, beside the add-in's, and the gaps
``disclosure``  the securities report's note (ストック・オプション等関係)
``adjustments`` corporate actions -> shares per right on a date (clause 3)
``exercises``   the register of exercises (clauses 4, 6, 10, 11) with totals
``restructuring`` a scenario -> the Restructured Company's rights (clauses 8, 9)
``weekly``      the weekly observations behind sigma (``SAR_VOL_OBSERVATIONS``)
``prices``      daily closes as traded
``rates``       the JGB yield curve by tenor
==============  ==============================================================================

On every label/value sheet column A holds the label, B the value, C the unit and D the clause or
a note; row 1 is the title, row 2 a banner, row 4 the column headings.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from stockrights.adjustment import CorporateAction

__all__ = [
    "ADJUSTMENTS",
    "ADJUSTMENT_STEPS",
    "ALLOTMENT_ROWS",
    "ALLOTMENT_TABLE",
    "BASE_PRICE_TABLE",
    "CROSSCHECK",
    "CROSSCHECK_ROWS",
    "DISCLOSURE",
    "DISCLOSURE_ROWS",
    "EXERCISES",
    "EXERCISE_COLUMNS",
    "EXERCISE_ROWS",
    "EXERCISE_TABLE",
    "EXERCISE_TOTAL_ROW",
    "EXPLAIN_TABLE",
    "EX_RIGHTS_TABLE",
    "GREEKS_TABLE",
    "MARKET",
    "MAY_ACQUIRE_TABLE",
    "NAMES",
    "PRICES",
    "RATES",
    "RESTRUCTURED_TABLE",
    "RESTRUCTURING",
    "SHARE_PRICE_DETAIL",
    "SHEETS",
    "SUMMARY",
    "TERMS",
    "VALUATION",
    "VALUATION_CATEGORY_ROWS",
    "WEEKLY",
    "WEEKLY_TABLE",
    "WINDOW_MARKS",
    "Address",
    "action_from_row",
    "address",
    "defined_names",
]

TERMS = "terms"
MARKET = "market"
VALUATION = "valuation"
CROSSCHECK = "crosscheck"
DISCLOSURE = "disclosure"
ADJUSTMENTS = "adjustments"
EXERCISES = "exercises"
RESTRUCTURING = "restructuring"
WEEKLY = "weekly"
PRICES = "prices"
RATES = "rates"

SHEETS = (
    TERMS,
    MARKET,
    VALUATION,
    CROSSCHECK,
    DISCLOSURE,
    ADJUSTMENTS,
    EXERCISES,
    RESTRUCTURING,
    WEEKLY,
    PRICES,
    RATES,
)
"""Sheet names in tab order."""

TITLE_ROW = 1
BANNER_ROW = 2
HEADER_ROW = 4
FIRST_ROW = 5


@dataclass(frozen=True, kw_only=True, slots=True)
class Address:
    """A cell or a range on a sheet.

    Attributes
    ----------
    sheet : str
        Sheet name.
    ref : str
        ``"B5"`` or ``"A19:C26"``, without ``$``.
    """

    sheet: str
    ref: str

    @property
    def absolute(self) -> str:
        """``'terms'!$B$5`` (the text of a defined name, or a reference in a formula)."""
        parts = []
        for part in self.ref.split(":"):
            letters = part.rstrip("0123456789")
            parts.append(f"${letters}${part[len(letters) :]}")
        return f"'{self.sheet}'!" + ":".join(parts)

    @property
    def first(self) -> str:
        """The first (top-left) cell, ``"A19"`` of ``"A19:C26"``."""
        return self.ref.split(":")[0]

    @property
    def last(self) -> str:
        """The last (bottom-right) cell, ``"C26"`` of ``"A19:C26"``."""
        return self.ref.split(":")[-1]

    def rows(self) -> range:
        """The row numbers the range covers."""
        first, last = self.first, self.last
        return range(
            int(first.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")),
            int(last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) + 1,
        )


def _at(sheet: str, ref: str) -> Address:
    return Address(sheet=sheet, ref=ref)


# --- terms: the resolution (one input per row, B column) -------------------------------------
TERMS_ROWS = {
    "SeriesName": 5,
    "MaximumRights": 6,
    "BaseSharesPerRight": 7,
    "ExercisePrice": 8,
    "ExercisePeriodStart": 9,
    "ExercisePeriodEnd": 10,
    "TermYears": 11,
    "VolWindowStart": 12,
    "AllotmentDate": 13,
    "PaymentDate": 14,
    "RoundingMode": 15,
}
ALLOTMENT_SECTION_ROW = 17
ALLOTMENT_HEADER_ROW = 18
ALLOTMENT_ROWS = range(19, 27)
"""Rows of the allotment table (category, persons, rights): 8 categories at most."""
ALLOTMENT_TABLE = _at(TERMS, f"A{ALLOTMENT_ROWS[0]}:C{ALLOTMENT_ROWS[-1]}")
ALLOTMENT_TOTAL_ROW = ALLOTMENT_ROWS[-1] + 1

# --- market: clause (12)-2 to (12)-7 ----------------------------------------------------------
MARKET_INPUT_ROWS = {
    "SharePrice": 5,
    "Volatility": 6,
    "RiskFreeRate": 7,
    "DividendYield": 8,
}
"""The four market inputs, one row each: B derived from data, C a known value typed in, D its
source, E the value used (known if entered, else derived), F known - derived, G the unit."""
MARKET_INPUT_COLUMNS = {
    "Derived": "B",
    "Known": "C",
    "KnownSource": "D",
    "": "E",
    "Difference": "F",
}
"""Column of each part of a market input's row; the name ``SharePrice`` is the used value (E),
``SharePriceDerived``, ``SharePriceKnown``... the other parts."""
DERIVATION_SECTION_ROW = 10
DERIVATION_HEADER_ROW = 11
MARKET_ROWS = {
    "ValuationDate": 12,
    # row 13: where S comes from (SHARE_PRICE_DETAIL)
    "VolWindowEnd": 14,
    "VolFrequency": 15,
    "VolObservations": 16,
    "DividendDeclared": 17,
    "DividendRecordDate": 18,
    "DividendPerShare": 19,
}
SHARE_PRICE_DETAIL = _at(MARKET, "B13:D13")
"""``SAR_SHARE_PRICE(..., TRUE)``: price, source (close or next-day base price), its date."""
BASE_PRICE_SECTION_ROW = 21
BASE_PRICE_TABLE = _at(MARKET, "A23:B27")
CHART_ANCHOR = "A29"
CHART_ROWS = 20
WINDOW_MARKS = _at(MARKET, "J5:L6")
"""Helper cells of the chart (outside the print area): J = window start, K = window end (x),
L = 0 and the top (y)."""

# --- valuation: clause (12) and the allotment totals ------------------------------------------
VALUATION_ROWS = {
    "OptionPrice": 13,
    "PerRightAmount": 14,
    "FairValuePerShare": 15,
}
VALUATION_INPUT_ROWS = range(5, 13)
"""Rows 5-12 repeat the inputs: S, X, T, sigma, r, q, shares per right, rounding."""
VALUATION_CATEGORY_SECTION_ROW = 17
VALUATION_CATEGORY_HEADER_ROW = 18
VALUATION_CATEGORY_ROWS = range(19, 27)
"""Category rows (category, persons, rights, shares, amount) mirroring ALLOTMENT_ROWS."""
VALUATION_TOTAL_ROW = 27
VALUATION_MAXIMUM_ROW = 28
VALUATION_CHECK_ROW = 29
EXPLAIN_SECTION_ROW = 31
EXPLAIN_ROWS = 56
"""Rows of the explain table: the whole chain of the example is 49 lines (27 tracing S, sigma,
r and q to their data, then the 22 Black-Scholes and rounding steps); the rest is room for the
lines a book may add (a next-day base price, the missing-close rule)."""
EXPLAIN_TABLE = _at(VALUATION, f"A32:D{32 + EXPLAIN_ROWS - 1}")
"""``SAR_EXPLAIN(..., TRUE, data...)``: each input back to its data, then every step, as
(label, value, unit, note)."""
GREEKS_SECTION_ROW = 32 + EXPLAIN_ROWS + 1
GREEKS_TABLE = _at(VALUATION, f"A{GREEKS_SECTION_ROW + 1}:B{GREEKS_SECTION_ROW + 6}")
SAR_LABEL_TABLE = _at(VALUATION, "M5:N104")
"""Japanese workbooks only: the add-in's English labels and their Japanese (hidden columns, out
of the print area), which the Japanese beside the add-in's tables looks up."""

# --- crosscheck: native Excel functions --------------------------------------------------------
CROSSCHECK_ROWS = {
    "share_price": 5,
    "exercise_price": 6,
    "term_years": 7,
    "volatility": 8,
    "risk_free_rate": 9,
    "dividend_yield": 10,
    "shares_per_right": 11,
    "rounding": 12,
    "sqrt_term": 13,
    "vol_sqrt_term": 14,
    "d": 15,
    "d_minus": 16,
    "n_d": 17,
    "n_d_minus": 18,
    "dividend_discount": 19,
    "rate_discount": 20,
    "native_price": 21,
    "addin_price": 22,
    "price_difference": 23,
    "native_per_right": 24,
    "addin_per_right": 25,
    "per_right_difference": 26,
    "status": 27,
}

# --- disclosure -------------------------------------------------------------------------------
DISCLOSURE_ROWS = {
    "volatility": 5,
    "term_years": 6,
    "expected_dividend": 7,
    "risk_free_rate": 8,
    "fair_value_per_share": 9,
    "fair_value_per_right": 10,
    "issue_price_per_share": 11,
}

# --- adjustments: clause (3) ------------------------------------------------------------------
ADJUSTMENT_ROWS = {
    "AdjustmentAsOf": 7,
    "SharesPerRightAsOf": 8,
    "ExerciseAmountAsOf": 9,
}
ACTIONS_SECTION_ROW = 11
ACTIONS_HEADER_ROW = 12
ACTION_COLUMNS = (
    "kind",
    "ratio",
    "record_date",
    "effective_date",
    "meeting_date",
    "order",
    "description",
    "ex_rights_date",
)
"""Columns A-H of the corporate-action table, in the order ``SAR_SHARES_PER_RIGHT`` reads; the
last (the market's ex-rights date) is optional: blank, it is derived from the record date."""
ACTIONS_TABLE = _at(ADJUSTMENTS, "A13:H22")


def action_from_row(cells: Sequence[object]) -> CorporateAction | None:
    """One row of the corporate-action table as the core's action; ``None`` for an empty row.

    ``cells`` are the row's values in :data:`ACTION_COLUMNS` order (dates as dates or Excel
    serial numbers, later columns may be left off); the core checks each field and raises
    :class:`stockrights.errors.InputError` naming it.
    """
    width = len(ACTION_COLUMNS)
    values = [*cells[:width], *([None] * (width - len(cells)))]
    fields = {
        name: None if value in (None, "") else value
        for name, value in zip(ACTION_COLUMNS, values, strict=True)
    }
    if fields["kind"] is None:
        return None
    return CorporateAction(
        kind=fields["kind"],  # type: ignore[arg-type]
        ratio=fields["ratio"],  # type: ignore[arg-type]
        record_date=fields["record_date"],  # type: ignore[arg-type]
        effective_date=fields["effective_date"],  # type: ignore[arg-type]
        meeting_date=fields["meeting_date"],  # type: ignore[arg-type]
        order=fields["order"],  # type: ignore[arg-type]
        description=str(fields["description"] or ""),
        ex_rights_date=fields["ex_rights_date"],  # type: ignore[arg-type]
    )


STEPS_SECTION_ROW = 24
ADJUSTMENT_STEPS = _at(ADJUSTMENTS, "A25:H35")
"""``SAR_ADJUSTMENT_STEPS``: a header and one row per action (10 at most)."""
EX_RIGHTS_SECTION_ROW = 37
EX_RIGHTS_TABLE = _at(ADJUSTMENTS, "B38:H48")
"""``SAR_EX_RIGHTS_DATES``: a header and one row per action (10 at most): the market's dates."""

# --- exercises: the register ------------------------------------------------------------------
EXERCISE_ROWS_NAMES = {"BookValuePerRight": 5}
EXERCISE_HEADER_ROW = 7
EXERCISE_COLUMNS = (
    ("A", "exercise_date"),
    ("B", "holder"),
    ("C", "category"),
    ("D", "rights"),
    ("E", "position_lost_on"),
    ("F", "died_on"),
    ("G", "inherited_on"),
    ("H", "eligible"),
    ("I", "reason"),
    ("J", "shares_per_right"),
    ("K", "shares_delivered"),
    ("L", "cash_paid"),
    ("M", "capital_stock"),
    ("N", "capital_reserve"),
)
"""Register columns: A-G are inputs, H-N are computed."""
EXERCISE_ROWS = range(8, 20)
EXERCISE_TABLE = _at(EXERCISES, f"A{EXERCISE_ROWS[0]}:N{EXERCISE_ROWS[-1]}")
EXERCISE_TOTAL_ROW = EXERCISE_ROWS[-1] + 1

# --- restructuring: clauses (8), (9) ----------------------------------------------------------
RESTRUCTURING_ROWS = {
    "RestructuringKind": 5,
    "RestructuringEffectiveDate": 6,
    "RestructuringApprovedOn": 7,
    "RestructuringShareRatio": 8,
    "RemainingRights": 9,
    "SharesPerRightBefore": 10,
    "RestructuringAsOf": 11,
}
RESTRUCTURED_SECTION_ROW = 13
RESTRUCTURED_TABLE = _at(RESTRUCTURING, "A14:B22")
"""``SAR_RESTRUCTURED``: 9 lines of (label, value)."""
MAY_ACQUIRE_SECTION_ROW = 24
MAY_ACQUIRE_TABLE = _at(RESTRUCTURING, "A25:B25")

# --- weekly, prices, rates --------------------------------------------------------------------
# The importers write the prices and rates sheets from these constants: keep them the only source.
WEEKLY_CAPACITY = 1600
"""Rows of the weekly table (a header and the observations): more than the weeks that
PRICE_CAPACITY trading days span, so a weekly window over the prices sheet always fits (a daily
window may not: refresh refuses a result cut short)."""
WEEKLY_TABLE = _at(WEEKLY, f"A4:D{4 + WEEKLY_CAPACITY}")
"""``SAR_VOL_OBSERVATIONS``: a header row, then date, close, adjusted close, log return."""
PRICE_HEADER_ROW = 4
PRICE_FIRST_ROW = 5
PRICE_DATE_COLUMN = "A"
PRICE_CLOSE_COLUMN = "B"
PRICE_CAPACITY = 7000
"""Daily closes the prices sheet holds (about 28 years of TSE trading days), oldest first."""
PRICE_LAST_ROW = PRICE_FIRST_ROW + PRICE_CAPACITY - 1
PRICE_DATES = _at(
    PRICES, f"{PRICE_DATE_COLUMN}{PRICE_FIRST_ROW}:{PRICE_DATE_COLUMN}{PRICE_LAST_ROW}"
)
PRICE_CLOSES = _at(
    PRICES, f"{PRICE_CLOSE_COLUMN}{PRICE_FIRST_ROW}:{PRICE_CLOSE_COLUMN}{PRICE_LAST_ROW}"
)
RATE_HEADER_ROW = 4
RATE_FIRST_ROW = 5
RATE_TENOR_COLUMN = "A"
RATE_YIELD_COLUMN = "B"
RATE_CAPACITY = 20
"""Tenors the rates sheet holds (the MOF publishes 15: 1-10, 15, 20, 25, 30 and 40 years)."""
RATE_LAST_ROW = RATE_FIRST_ROW + RATE_CAPACITY - 1
RATE_TENORS = _at(RATES, f"{RATE_TENOR_COLUMN}{RATE_FIRST_ROW}:{RATE_TENOR_COLUMN}{RATE_LAST_ROW}")
RATE_YIELDS = _at(RATES, f"{RATE_YIELD_COLUMN}{RATE_FIRST_ROW}:{RATE_YIELD_COLUMN}{RATE_LAST_ROW}")
RATE_NOTE_CELL = f"D{RATE_FIRST_ROW}"
"""Where the rates sheet says what the curve is (an importer writes the curve's date there)."""


def _column(sheet: str, rows: dict[str, int], column: str = "B") -> dict[str, Address]:
    return {name: _at(sheet, f"{column}{row}") for name, row in rows.items()}


NAMES: dict[str, Address] = {
    **_column(TERMS, TERMS_ROWS),
    "AllotmentTable": ALLOTMENT_TABLE,
    "TotalPersons": _at(TERMS, f"B{ALLOTMENT_TOTAL_ROW}"),
    "TotalRights": _at(TERMS, f"C{ALLOTMENT_TOTAL_ROW}"),
    **{
        name + part: _at(MARKET, f"{column}{row}")
        for name, row in MARKET_INPUT_ROWS.items()
        for part, column in MARKET_INPUT_COLUMNS.items()
    },
    **_column(MARKET, MARKET_ROWS),
    "BasePrices": BASE_PRICE_TABLE,
    **_column(VALUATION, VALUATION_ROWS),
    "TotalShares": _at(VALUATION, f"D{VALUATION_TOTAL_ROW}"),
    "TotalAmount": _at(VALUATION, f"E{VALUATION_TOTAL_ROW}"),
    **_column(ADJUSTMENTS, ADJUSTMENT_ROWS),
    "CorporateActions": ACTIONS_TABLE,
    **_column(EXERCISES, EXERCISE_ROWS_NAMES),
    "ExercisedRights": _at(EXERCISES, f"D{EXERCISE_TOTAL_ROW}"),
    **_column(RESTRUCTURING, RESTRUCTURING_ROWS),
    "WeeklyObservations": WEEKLY_TABLE,
    "PriceDates": PRICE_DATES,
    "PriceCloses": PRICE_CLOSES,
    "RateTenors": RATE_TENORS,
    "RateYields": RATE_YIELDS,
}
"""Every defined name of the templates (all workbook-scoped) and what it points to."""

SUMMARY = (
    ("option price per share C (yen)", "OptionPrice"),
    ("amount per right (yen)", "PerRightAmount"),
    ("total rights", "TotalRights"),
    ("total shares", "TotalShares"),
    ("total amount (yen)", "TotalAmount"),
)
"""What ``stockrights refresh`` prints after refreshing a template: (label, defined name)."""


def address(name: str) -> Address:
    """The address a defined name points to.

    Raises
    ------
    KeyError
        For a name the templates do not define.
    """
    return NAMES[name]


def defined_names() -> Iterator[tuple[str, str]]:
    """(name, reference text) of every defined name, for writing them into a workbook."""
    for name, where in NAMES.items():
        yield name, where.absolute
