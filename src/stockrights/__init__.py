"""stockrights: price and administer 1-yen stock acquisition rights.

株式報酬型ストック・オプション (stock-compensation-type stock options) of Japanese listed companies:
the Black-Scholes amount per right (clause 12 of the resolution), the market inputs derived from
raw data, shares per right after corporate actions, exercises and capital, exercise windows and
the mapping into a Restructured Company.

The public API is listed in ``__all__`` (a test checks it is complete and importable).
The core imports numpy, scipy and the standard library (exchange-calendars lazily, where trading
days matter); the Excel face lives in ``stockrights.excel`` and the workbook face in
``stockrights.workbooks``, which import the core and never the other way round.
"""

from stockrights.adjustment import (
    ActionKind,
    AdjustmentStep,
    CorporateAction,
    NotApplied,
    SharesPerRight,
    adjusted_shares_per_right,
    exercise_amount_per_right,
)
from stockrights.bounds import BOUNDS, Bound, check_bound
from stockrights.dates import (
    DATE_TEXT_FORMS,
    as_date,
    date_to_excel_serial,
    excel_serial_to_date,
    parse_date_text,
)
from stockrights.derivation import (
    DividendDerivation,
    MarketDerivation,
    RateDerivation,
    derive_dividend_yield,
    derive_market_inputs,
    derive_rate,
)
from stockrights.dividends import (
    dividend_yield,
    restate_dividend_per_share,
)
from stockrights.errors import (
    InputError,
    LimitError,
    NotComputableError,
    OutOfRangeError,
    SeriesError,
    StockRightsError,
)
from stockrights.exercise import (
    CapitalSplit,
    ExerciseResult,
    JournalLine,
    capital_split,
    exercise_rights,
)
from stockrights.glossary import GLOSSARY, Lang, Term, label
from stockrights.prices import (
    PriceSource,
    SharePriceLookup,
    adjust_for_splits,
    share_price_lookup,
    share_price_on,
    tse_trading_days,
)
from stockrights.pricing import (
    BsmBreakdown,
    Greeks,
    ImpliedVolatility,
    bsm_breakdown,
    bsm_call_price,
    bsm_greeks,
    implied_volatility,
    implied_volatility_interval,
)
from stockrights.rates import (
    Compounding,
    rate_for_term,
)
from stockrights.restructuring import (
    AcquisitionCheck,
    CarriedTerm,
    RestructuredRights,
    Restructuring,
    RestructuringKind,
    map_to_restructured_company,
    may_acquire_without_contribution,
)
from stockrights.rounding import (
    MAX_EXACT,
    SNAP_TOLERANCE,
    SNAP_ULPS,
    Rounding,
    ceil_yen,
    floor_shares,
    half_up_yen,
    per_right_amount,
    snap,
)
from stockrights.terms import (
    Allotment,
    GrantTerms,
    MarketInputs,
)
from stockrights.valuation import (
    CategoryValue,
    ExplainLine,
    RightValuation,
    Valuation,
    format_value,
    provenance_lines,
    rights_within_budget,
    value_grant,
    value_right,
)
from stockrights.volatility import (
    Frequency,
    MissingClose,
    VolatilityEstimate,
    historical_volatility,
    historical_volatility_estimate,
)
from stockrights.windows import (
    Eligibility,
    Exerciser,
    ExerciseRules,
    ExerciseWindow,
    HolderStatus,
    LastDayRule,
    WindowUnit,
    can_exercise,
    exercise_windows,
)

__all__ = [
    "BOUNDS",
    "DATE_TEXT_FORMS",
    "GLOSSARY",
    "MAX_EXACT",
    "SNAP_TOLERANCE",
    "SNAP_ULPS",
    "AcquisitionCheck",
    "ActionKind",
    "AdjustmentStep",
    "Allotment",
    "Bound",
    "BsmBreakdown",
    "CapitalSplit",
    "CarriedTerm",
    "CategoryValue",
    "Compounding",
    "CorporateAction",
    "DividendDerivation",
    "Eligibility",
    "ExerciseResult",
    "ExerciseRules",
    "ExerciseWindow",
    "Exerciser",
    "ExplainLine",
    "Frequency",
    "GrantTerms",
    "Greeks",
    "HolderStatus",
    "ImpliedVolatility",
    "InputError",
    "JournalLine",
    "Lang",
    "LastDayRule",
    "LimitError",
    "MarketDerivation",
    "MarketInputs",
    "MissingClose",
    "NotApplied",
    "NotComputableError",
    "OutOfRangeError",
    "PriceSource",
    "RateDerivation",
    "RestructuredRights",
    "Restructuring",
    "RestructuringKind",
    "RightValuation",
    "Rounding",
    "SeriesError",
    "SharePriceLookup",
    "SharesPerRight",
    "StockRightsError",
    "Term",
    "Valuation",
    "VolatilityEstimate",
    "WindowUnit",
    "adjust_for_splits",
    "adjusted_shares_per_right",
    "as_date",
    "bsm_breakdown",
    "bsm_call_price",
    "bsm_greeks",
    "can_exercise",
    "capital_split",
    "ceil_yen",
    "check_bound",
    "date_to_excel_serial",
    "derive_dividend_yield",
    "derive_market_inputs",
    "derive_rate",
    "dividend_yield",
    "excel_serial_to_date",
    "exercise_amount_per_right",
    "exercise_rights",
    "exercise_windows",
    "floor_shares",
    "format_value",
    "half_up_yen",
    "historical_volatility",
    "historical_volatility_estimate",
    "implied_volatility",
    "implied_volatility_interval",
    "label",
    "map_to_restructured_company",
    "may_acquire_without_contribution",
    "parse_date_text",
    "per_right_amount",
    "provenance_lines",
    "rate_for_term",
    "restate_dividend_per_share",
    "rights_within_budget",
    "share_price_lookup",
    "share_price_on",
    "snap",
    "tse_trading_days",
    "value_grant",
    "value_right",
]
