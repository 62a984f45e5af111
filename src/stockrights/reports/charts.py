"""The report's charts, drawn with matplotlib's object API (no pyplot, no global state) as PNG.

Each function takes what the core computed (a volatility estimate, a rate derivation, amounts per
right) and returns PNG bytes; the layout code places them. Labels are bilingual and drawn with the
Japanese font of :mod:`stockrights.reports.fonts`.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from stockrights.derivation import RateDerivation
from stockrights.volatility import VolatilityEstimate

__all__ = ["closes_chart", "curve_chart", "returns_chart", "sigma_chart"]

_SIZE = (7.0, 3.1)  # inches: two charts fit on an A4 page with their captions
_DPI = 110


def _figure() -> tuple[Figure, Axes]:
    fig = Figure(figsize=_SIZE, dpi=_DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot()


def _png(fig: Figure) -> bytes:
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=_DPI)
    return out.getvalue()


def _font(path: Path, size: float = 8.5) -> FontProperties:
    return FontProperties(fname=str(path), size=size)


def closes_chart(est: VolatilityEstimate, *, font: Path) -> bytes:
    """Weekly split-adjusted closes over the window, each split's effective date marked."""
    fig, ax = _figure()
    days = np.array(est.observation_dates, dtype="datetime64[D]")
    ax.plot(days, est.adjusted_closes, color="#1f4e79", linewidth=0.9)
    top = max(est.adjusted_closes)
    for effective, ratio in est.splits:
        ax.axvline(
            np.datetime64(effective, "D"),  # type: ignore[arg-type]
            color="#c00000",
            linestyle="--",
            linewidth=0.9,
        )
        ax.annotate(
            f"1:{ratio:g} {effective.isoformat()}",
            (np.datetime64(effective, "D"), top),
            xytext=(4, -10),
            textcoords="offset points",
            color="#c00000",
            fontproperties=_font(font, 8),
        )
    ax.set_ylabel("円 / yen", fontproperties=_font(font))
    ax.set_title(
        f"週次終値 Weekly closes {est.start.isoformat()} – {est.end.isoformat()} "
        f"({est.n_observations})",
        fontproperties=_font(font, 9.5),
    )
    ax.grid(alpha=0.3)
    return _png(fig)


def returns_chart(est: VolatilityEstimate, *, font: Path) -> bytes:
    """Histogram of the weekly log returns with the normal density of their mean and stdev."""
    fig, ax = _figure()
    returns = np.array(est.log_returns)
    mean = float(returns.mean())
    stdev = float(returns.std(ddof=est.ddof))
    ax.hist(returns, bins=40, density=True, color="#9dc3e6", edgecolor="#1f4e79", linewidth=0.4)
    grid = np.linspace(returns.min(), returns.max(), 300)
    density = np.exp(-0.5 * ((grid - mean) / stdev) ** 2) / (stdev * math.sqrt(2 * math.pi))
    ax.plot(grid, density, color="#c00000", linewidth=1.2, label=f"N({mean:.5f}, {stdev:.5f}²)")
    ax.legend(prop=_font(font, 8))
    ax.set_xlabel("対数収益率 log return", fontproperties=_font(font))
    ax.set_title(
        f"週次対数収益率 Weekly log returns (n = {est.n_returns})",
        fontproperties=_font(font, 9.5),
    )
    ax.grid(alpha=0.3)
    return _png(fig)


def curve_chart(rate: RateDerivation, *, font: Path) -> bytes:
    """The yield curve's points, the linear interpolation, and the point at T."""
    fig, ax = _figure()
    tenors = np.array(rate.curve_tenors)
    yields = np.array(rate.curve_yields) * 100
    ax.plot(
        tenors,
        yields,
        color="#1f4e79",
        marker="o",
        markersize=3.5,
        linewidth=0.9,
        label="国債利回り JGB yields",
    )
    ax.plot(
        [rate.term_years],
        [rate.quoted_yield * 100],
        marker="D",
        color="#c00000",
        markersize=7,
        linestyle="none",
        label=f"T = {rate.term_years:g}: {rate.quoted_yield * 100:.4f}%",
    )
    ax.set_xlabel("残存年数 years to maturity", fontproperties=_font(font))
    ax.set_ylabel("%", fontproperties=_font(font))
    ax.set_title("国債利回り曲線 JGB yield curve", fontproperties=_font(font, 9.5))
    ax.legend(prop=_font(font, 8))
    ax.grid(alpha=0.3)
    return _png(fig)


def sigma_chart(
    volatilities: Sequence[float],
    amounts: Sequence[int],
    *,
    volatility: float,
    amount: int,
    font: Path,
) -> bytes:
    """The amount per right against sigma, with the valuation's own point."""
    fig, ax = _figure()
    ax.plot(np.array(volatilities) * 100, amounts, color="#1f4e79", linewidth=1.1)
    ax.plot(
        [volatility * 100],
        [amount],
        marker="D",
        color="#c00000",
        linestyle="none",
        label=f"σ = {volatility * 100:.2f}%: {amount:,} 円/yen",
    )
    ax.set_xlabel("株価変動性 volatility (%)", fontproperties=_font(font))
    ax.set_ylabel("1個当たり払込金額 yen per right", fontproperties=_font(font))
    ax.set_title(
        "株価変動性と払込金額 Amount per right against volatility", fontproperties=_font(font, 9.5)
    )
    ax.yaxis.set_major_formatter(lambda v, _pos: f"{v:,.0f}")
    ax.legend(prop=_font(font, 8))
    ax.grid(alpha=0.3)
    return _png(fig)
