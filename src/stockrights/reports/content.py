"""What the report and the notice say: built as a :class:`~stockrights.reports.document.Document`.

Only the core computes (``value_right``, ``bsm_greeks``, the valuation's ``explain()``); this
module chooses what to show, formats the numbers and takes every sentence from the catalogue and
every term from the glossary.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np

from stockrights.glossary import GLOSSARY, Lang, label
from stockrights.pricing import bsm_greeks
from stockrights.reports.catalogue import PROVENANCE_LABELS, STEP_LABELS, both, text
from stockrights.reports.document import (
    Block,
    Document,
    Figure,
    Heading,
    PageBreak,
    Paragraph,
    Table,
)
from stockrights.reports.source import ReportSource
from stockrights.sentences import unit_words
from stockrights.terms import MarketInputs
from stockrights.valuation import (
    ExplainLine,
    Valuation,
    Value,
    format_value,
    provenance_lines,
    value_right,
)

__all__ = [
    "SensitivityRow",
    "notice_document",
    "report_document",
    "sensitivity",
    "stockrights_version",
]

_SIGMA_STEP = 0.05  # sensitivity: volatility +/- 5 points
_RATE_STEP = 0.005  # risk-free rate +/- 0.5 point
_TERM_STEP = 1.0  # T +/- 1 year
_DIVIDEND_STEP = 0.005  # dividend yield +/- 0.5 point
_SIGMA_GRID = tuple(round(0.05 + 0.01 * i, 2) for i in range(76))  # 5 % to 80 %


def stockrights_version() -> str:
    """The installed version of stockrights (``unknown`` when run from a bare source tree)."""
    try:
        return version("stockrights")
    except PackageNotFoundError:  # pragma: no cover - always installed in practice
        return "unknown"


# --- formatting ----------------------------------------------------------------------------------


def _fixed(value: float, digits: int) -> str:
    """``value`` with ``digits`` decimals and thousands separators.

    Never ``-0.00``, never scientific (``6.3e-13`` at 2 decimals is ``0.00``: negligible at the
    precision shown).
    """
    out = f"{value:,.{digits}f}"
    return out[1:] if out.startswith("-") and not out.strip("-0.,") else out


def _pct(value: float, digits: int = 4) -> str:
    return f"{_fixed(value * 100, digits)}%"


def _yen(value: float, digits: int = 0) -> str:
    return _fixed(value, digits)


def _precise(value: Value) -> str:
    """An explain value at full precision (12 significant digits), for re-performance.

    In positional form: a mean log return of 1.2e-05 is ``0.000012``, not ``1.2e-05``.
    """
    if isinstance(value, float) and value != 0 and abs(value) < 1e-4:
        out = np.format_float_positional(value, precision=12, unique=False, fractional=False)
        return out.rstrip("0").rstrip(".")
    return format_value(value)


GREEK_DECIMALS: dict[str, tuple[int, int]] = {
    "delta": (4, 2),
    "gamma": (6, 4),
    "vega": (2, 2),
    "theta": (2, 2),
    "rho": (2, 2),
    "dividend_rho": (2, 2),
}
"""Decimals of each Greek per share and per right (``docs/report.md``, "Numbers in the report").

delta is a hedge ratio (4 decimals; per right a number of shares, 2); gamma is per yen of share
price, small by nature (6; per right 4); the others are yen (2, to the sen)."""


def date_ja(day: dt.date) -> str:
    """2017年7月14日."""
    return f"{day.year}年{day.month}月{day.day}日"


def date_en(day: dt.date) -> str:
    """July 14, 2017."""
    return f"{day:%B} {day.day}, {day.year}"


def _both_label(key: str) -> str:
    return f"{label(key, Lang.JA)}\n{label(key, Lang.EN)}"


def _category(name: str, lang: Lang) -> str:
    key = name.strip().lower().replace(" ", "_")
    return GLOSSARY[key](lang) if key in GLOSSARY else name


# --- sensitivity ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SensitivityRow:
    """The amount per right with one input moved down and up (the others at their base)."""

    key: str
    low_input: float
    low_amount: int
    base_input: float
    base_amount: int
    high_input: float
    high_amount: int


def _inputs(v: Valuation) -> dict[str, float]:
    """The six Black-Scholes inputs of the valuation, as keyword arguments of the core."""
    b = v.right.breakdown
    return dict(
        share_price=b.share_price,
        exercise_price=b.exercise_price,
        term_years=b.term_years,
        volatility=b.volatility,
        risk_free_rate=b.risk_free_rate,
        dividend_yield=b.dividend_yield,
    )


def _amount(v: Valuation, **moved: float) -> int:
    inputs = {**_inputs(v), **moved}
    return value_right(
        **inputs, shares_per_right=v.right.shares_per_right, rounding=v.right.rounding
    ).per_right_amount


def sensitivity(v: Valuation) -> tuple[SensitivityRow, ...]:
    """Sigma +/- 5 points, r +/- 0.5 point, T +/- 1 year, q +/- 0.5 point (floored at 0)."""
    b = v.right.breakdown
    rows = []
    for key, name, base, step in (
        ("sens_volatility", "volatility", b.volatility, _SIGMA_STEP),
        ("sens_rate", "risk_free_rate", b.risk_free_rate, _RATE_STEP),
        ("sens_term", "term_years", b.term_years, _TERM_STEP),
        ("sens_dividend", "dividend_yield", b.dividend_yield, _DIVIDEND_STEP),
    ):
        low = base - step
        if name != "risk_free_rate":
            low = max(low, 0.0)
        high = base + step
        rows.append(
            SensitivityRow(
                key=key,
                low_input=low,
                low_amount=_amount(v, **{name: low}),
                base_input=base,
                base_amount=v.per_right_amount,
                high_input=high,
                high_amount=_amount(v, **{name: high}),
            )
        )
    return tuple(rows)


def _input_text(key: str, value: float) -> str:
    if key == "sens_term":
        return f"{value:g} 年/years"
    return _pct(value, 2)


# --- the report ----------------------------------------------------------------------------------


def _footer(source: ReportSource) -> str:
    return text(
        "footer",
        Lang.EN,
        version=stockrights_version(),
        digest=source.short_hash,
        origin=source.origin,
        page="{page}",
    )


def _unit(unit: str) -> str:
    """A unit of :data:`stockrights.sentences.UNITS` in Japanese with the English below it."""
    return _ja_en(unit_words(unit, Lang.JA), unit)


def _summary(v: Valuation) -> Table:
    rows = (
        (_both_label("per_right_amount"), f"{v.per_right_amount:,}", _unit("yen/right")),
        ("\n".join(both("option_price")), _yen(v.option_price, 6), _unit("yen/share")),
        (
            _both_label("fair_value_per_share"),
            _yen(v.fair_value_per_share, 3),
            _unit("yen/share"),
        ),
        (_both_label("shares_per_right"), f"{v.right.shares_per_right:,}", _unit("shares")),
        (_both_label("rights"), f"{v.total_rights:,}", _unit("rights")),
        ("\n".join(both("total_amount")), f"{v.total_amount:,}", _unit("yen")),
    )
    return _table(("col_item", "col_value", "col_unit"), rows, (0.5, 0.3, 0.2), numeric=(1,))


def _table(
    keys: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    widths: tuple[float, ...],
    numeric: tuple[int, ...] = (),
) -> Table:
    header = tuple("\n".join(both(k)) for k in keys)
    return Table(header=header, rows=rows, widths=widths, numeric=numeric)


def _terms(source: ReportSource) -> Table:
    t = source.valuation.terms
    rows: list[tuple[str, str]] = [
        (_both_label("series_name"), t.series_name),
        (_both_label("allotment_date"), format_value(t.allotment_date)),
        (_both_label("payment_date"), format_value(source.payment_date)),
        (
            _both_label("exercise_period"),
            f"{format_value(t.exercise_period_start)} – {format_value(t.exercise_period_end)}",
        ),
        (_both_label("maximum_rights"), f"{t.maximum_rights:,}"),
        (_both_label("shares_per_right"), f"{t.shares_per_right:,}"),
        (_both_label("exercise_price"), f"{t.exercise_price:g} 円/yen"),
        (_both_label("term_years"), f"{t.term_years:g} 年/years"),
    ]
    if source.resolution_date is not None:
        rows.insert(0, (_both_label("resolution_date"), format_value(source.resolution_date)))
    return _table(("col_item", "col_value"), tuple(rows), (0.45, 0.55))


def _source(market: MarketInputs, name: str) -> str:
    """Where the input ``name`` came from, as the report's source column shows it.

    The derivation's sentence in Japanese above the English, or the source as typed (the user's
    words, in one language).
    """
    english: str = getattr(market, f"{name}_source")
    said = market.derivation.source(name) if market.derivation is not None else None
    return english if said is None else _ja_en(said(Lang.JA), english)


def _inputs_summary(v: Valuation) -> Table:
    m, b = v.market, v.right.breakdown
    rows = (
        (_both_label("share_price"), f"{b.share_price:,.12g}", _source(m, "share_price")),
        (_both_label("exercise_price"), f"{b.exercise_price:g}", "\n".join(both("source_x"))),
        (_both_label("term_years"), f"{b.term_years:g}", "\n".join(both("source_t"))),
        (_both_label("volatility"), f"{b.volatility:.12g}", _source(m, "volatility")),
        (_both_label("risk_free_rate"), f"{b.risk_free_rate:.12g}", _source(m, "risk_free_rate")),
        (_both_label("dividend_yield"), f"{b.dividend_yield:.12g}", _source(m, "dividend_yield")),
    )
    return _table(("col_input", "col_value", "input_source"), rows, (0.3, 0.2, 0.5), (1,))


_LINE_LABELS = {**PROVENANCE_LABELS, **STEP_LABELS}


def _ja_en(japanese: str, english: str) -> str:
    """A cell in Japanese with the English below it; once when the two are the same."""
    return english if japanese == english else f"{japanese}\n{english}"


def _lines_table(lines: tuple[ExplainLine, ...]) -> Table:
    rows = tuple(
        (
            _ja_en(_LINE_LABELS.get(ln.label, ln.label), ln.label),
            _ja_en(_precise(ln.value_in(Lang.JA)), _precise(ln.value)),
            _ja_en(ln.unit_in(Lang.JA), ln.unit),
            _ja_en(ln.note_in(Lang.JA), ln.note),
        )
        for ln in lines
    )
    return _table(("col_item", "col_value", "col_unit", "col_note"), rows, (0.3, 0.25, 0.13, 0.32))


def _allotment(v: Valuation) -> Table:
    rows = [
        (
            f"{_category(c.category, Lang.JA)}\n{_category(c.category, Lang.EN)}",
            f"{c.persons:,}",
            f"{c.rights:,}",
            f"{c.shares:,}",
            f"{c.amount:,}",
        )
        for c in v.categories
    ]
    persons = sum(c.persons for c in v.categories)
    rows.append(
        (
            "\n".join(both("total")),
            f"{persons:,}",
            f"{v.total_rights:,}",
            f"{v.total_shares:,}",
            f"{v.total_amount:,}",
        )
    )
    header = (
        "\n".join(both("col_category")),
        _both_label("persons"),
        _both_label("rights"),
        "株式数\nShares",
        "\n".join(both("col_amount")),
    )
    return Table(
        header=header, rows=tuple(rows), widths=(0.3, 0.12, 0.18, 0.18, 0.22), numeric=(1, 2, 3, 4)
    )


def _sensitivity_table(v: Valuation) -> Table:
    rows = tuple(
        (
            "\n".join(both(row.key)),
            f"{_input_text(row.key, row.low_input)}\n{row.low_amount:,}",
            f"{_input_text(row.key, row.base_input)}\n{row.base_amount:,}",
            f"{_input_text(row.key, row.high_input)}\n{row.high_amount:,}",
        )
        for row in sensitivity(v)
    )
    return _table(
        ("col_input", "col_low", "col_base", "col_high"), rows, (0.34, 0.22, 0.22, 0.22), (1, 2, 3)
    )


def _greeks_table(v: Valuation) -> Table:
    g = bsm_greeks(**_inputs(v))
    shares = v.right.shares_per_right
    names = {
        "delta": "デルタ delta",
        "gamma": "ガンマ gamma",
        "vega": "ベガ vega",
        "theta": "セータ theta",
        "rho": "ロー rho",
        "dividend_rho": "配当ロー dividend rho",
    }
    rows = tuple(
        (
            name,
            _fixed(float(getattr(g, key)), GREEK_DECIMALS[key][0]),
            _fixed(float(getattr(g, key)) * shares, GREEK_DECIMALS[key][1]),
        )
        for key, name in names.items()
    )
    return _table(("col_item", "col_per_share", "col_per_right"), rows, (0.4, 0.3, 0.3), (1, 2))


def _figures(v: Valuation, font: Path) -> list[Block]:
    from stockrights.reports import charts  # matplotlib: the report's charts only, not the notice

    d = v.market.derivation
    out: list[Block] = []
    if d is not None and d.volatility is not None:
        out.append(Figure(charts.closes_chart(d.volatility, font=font), *both("chart_closes")))
        out.append(Figure(charts.returns_chart(d.volatility, font=font), *both("chart_returns")))
    if d is not None and d.risk_free_rate is not None:
        out.append(Figure(charts.curve_chart(d.risk_free_rate, font=font), *both("chart_curve")))
    amounts = [_amount(v, volatility=s) for s in _SIGMA_GRID]
    out.append(
        Figure(
            charts.sigma_chart(
                _SIGMA_GRID,
                amounts,
                volatility=v.right.breakdown.volatility,
                amount=v.per_right_amount,
                font=font,
            ),
            *both("chart_sigma"),
        )
    )
    return out


def _observations(v: Valuation) -> list[Block]:
    d = v.market.derivation
    if d is None or d.volatility is None:
        return []
    est = d.volatility
    returns = ("", *(_precise(r) for r in est.log_returns))
    rows = tuple(
        (day.isoformat(), format_value(close), format_value(adjusted), ret)
        for day, close, adjusted, ret in zip(
            est.observation_dates, est.closes, est.adjusted_closes, returns, strict=True
        )
    )
    return [
        PageBreak(),
        Heading(*both("h_observations")),
        Paragraph(*both("observations_intro")),
        _table(
            ("col_date", "col_close", "col_adjusted", "col_return"),
            rows,
            (0.22, 0.26, 0.26, 0.26),
            (1, 2, 3),
        ),
    ]


def report_document(source: ReportSource, *, font: Path) -> Document:
    """The valuation report of ``source`` (sections 1-9 and the weekly observations)."""
    v = source.valuation
    r = v.right
    blocks: list[Block] = []
    if v.market.illustrative:
        blocks.append(Paragraph(*both("illustrative"), emphasis=True))
    blocks.append(
        Paragraph(
            text(
                "prepared",
                Lang.JA,
                origin=source.origin_ja or source.origin,
                date=date_ja(v.terms.allotment_date),
                version=stockrights_version(),
            ),
            text(
                "prepared",
                Lang.EN,
                origin=source.origin,
                date=date_en(v.terms.allotment_date),
                version=stockrights_version(),
            ),
        )
    )
    rounding_key = "rounding_" + r.rounding.value
    blocks += [
        Heading(*both("h_summary")),
        _summary(v),
        Heading(*both("h_terms")),
        _terms(source),
        Heading(*both("h_method")),
        Paragraph(*both("method_1")),
        Paragraph(*both("method_2")),
        Paragraph(
            text("formula", Lang.JA) + ": C = S e^(−qT) N(d) − X e^(−rT) N(d − σ√T),  "
            "d = (ln(S/X) + (r − q + σ²/2) T) / (σ√T)",
            "",
        ),
        Heading(*both("h_inputs")),
        Paragraph(*both("inputs_intro")),
        _inputs_summary(v),
        _lines_table(provenance_lines(v.market)),
        Heading(*both("h_steps")),
        _lines_table(r.explain()),
        Heading(*both("h_rounding")),
        Paragraph(*both(rounding_key)),
        Paragraph(
            *both(
                "rounding_result",
                unrounded=_yen(r.unrounded_per_right, 6),
                amount=f"{r.per_right_amount:,}",
            )
        ),
        Heading(*both("h_allotment")),
        _allotment(v),
        Heading(*both("h_sensitivity")),
        Paragraph(*both("sensitivity_intro")),
        _sensitivity_table(v),
        Paragraph(*both("greeks_intro")),
        _greeks_table(v),
        PageBreak(),
        Heading(*both("h_charts")),
        *_figures(v, font),
        *_observations(v),
    ]
    return Document(
        title_ja=text("report_title", Lang.JA),
        title_en=text("report_title", Lang.EN) + " — " + v.terms.series_name,
        blocks=tuple(blocks),
        footer=_footer(source),
    )


# --- the notice ----------------------------------------------------------------------------------


def _notice_inputs(v: Valuation) -> Table:
    b = v.right.breakdown
    rows = (
        (_both_label("share_price"), f"{b.share_price:,.12g} 円/yen"),
        (_both_label("exercise_price"), f"{b.exercise_price:g} 円/yen"),
        (_both_label("term_years"), f"{b.term_years:g} 年/years"),
        (_both_label("volatility"), _pct(b.volatility, 2)),
        (_both_label("risk_free_rate"), _pct(b.risk_free_rate, 3)),
        (_both_label("dividend_yield"), _pct(b.dividend_yield, 2)),
    )
    return _table(("col_input", "col_value"), rows, (0.6, 0.4), (1,))


def _notice_persons(v: Valuation) -> list[Block]:
    return [
        Paragraph(
            text(
                "notice_category",
                Lang.JA,
                category=_category(c.category, Lang.JA),
                persons=c.persons,
                rights=f"{c.rights:,}",
            ),
            text(
                "notice_category",
                Lang.EN,
                category=_category(c.category, Lang.EN),
                persons=c.persons,
                rights=f"{c.rights:,}",
            ),
        )
        for c in v.categories
    ]


def notice_document(source: ReportSource) -> Document:
    """The notice fixing the amount paid per right (払込金額の決定に関するお知らせ)."""
    v = source.valuation
    t = v.terms
    resolution_ja = resolution_en = ""
    if source.resolution_date is not None:
        resolution_ja = text("notice_resolution", Lang.JA, date=date_ja(source.resolution_date))
        resolution_en = text("notice_resolution", Lang.EN, date=date_en(source.resolution_date))
    blocks: list[Block] = []
    if v.market.illustrative:
        blocks.append(Paragraph(*both("illustrative"), emphasis=True))
    blocks += [
        Paragraph(date_ja(t.allotment_date), date_en(t.allotment_date)),
        Paragraph(
            text(
                "notice_lead",
                Lang.JA,
                resolution=resolution_ja,
                series=t.series_name,
                allotment=date_ja(t.allotment_date),
            ),
            text(
                "notice_lead",
                Lang.EN,
                resolution_en=resolution_en,
                series=t.series_name,
                allotment_en=date_en(t.allotment_date),
            ),
        ),
        Heading(*both("notice_ki"), level=2),
        Paragraph(
            *both(
                "notice_amount",
                amount=f"{v.per_right_amount:,}",
                per_share=_yen(v.fair_value_per_share, 3),
            )
        ),
        Paragraph(*both("notice_basis", shares=f"{t.shares_per_right:,}")),
        _notice_inputs(v),
        Paragraph(
            text("notice_allotment", Lang.JA, date=date_ja(t.allotment_date)),
            text("notice_allotment", Lang.EN, date=date_en(t.allotment_date)),
        ),
        Paragraph(
            text("notice_payment", Lang.JA, date=date_ja(source.payment_date)),
            text("notice_payment", Lang.EN, date=date_en(source.payment_date)),
        ),
        Paragraph(*both("notice_persons")),
        *_notice_persons(v),
        Paragraph(*both("notice_total", amount=f"{v.total_amount:,}")),
        Paragraph(*both("notice_offset")),
        Paragraph(*both("notice_end")),
    ]
    return Document(
        title_ja=text("notice_title", Lang.JA),
        title_en=text("notice_title", Lang.EN),
        blocks=tuple(blocks),
        footer=_footer(source),
    )
