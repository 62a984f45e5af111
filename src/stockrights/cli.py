"""The ``stockrights`` command line.

Subcommands
-----------
value
    Value one right (or the built-in example grant) and print every intermediate value.

Other layers add their own subcommands through a ``register(subparsers)`` function, listed in
:func:`build_parser`. Every error the program raises on purpose is printed as one line,
``stockrights: error: <message>``, with exit status 2; nothing is half-written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from stockrights.errors import StockRightsError
from stockrights.example import example_market_inputs, seventh_series_terms
from stockrights.excel.cli import register as register_addin
from stockrights.reports.commands import register_documents
from stockrights.rounding import Rounding
from stockrights.valuation import ExplainLine, format_value, value_grant, value_right
from stockrights.workbooks.commands import register_build_templates, register_refresh
from stockrights.workbooks.pack_command import register_audit_pack

__all__ = ["build_parser", "format_lines", "main"]

_EXTRAS = {
    "openpyxl": "workbooks",
    "formulas": "workbooks",
    "lxml": "workbooks",
    "schedula": "workbooks",
    "xlwings": "excel",
    "reportlab": "report",
    "matplotlib": "report",
}
"""Optional packages and the extra of pyproject.toml that installs each."""


def format_lines(lines: Sequence[ExplainLine], *, title: str = "") -> str:
    """Format explanation lines as an aligned plain-text table (label, value, unit, note)."""
    rows = [
        (ln.label, format_value(ln.value), ln.unit, ln.note, isinstance(ln.value, str))
        for ln in lines
    ]
    label_w = max((len(r[0]) for r in rows), default=0)
    value_w = max((len(r[1]) for r in rows if not r[4]), default=0)
    unit_w = max((len(r[2]) for r in rows), default=0)
    out = [title, "=" * len(title)] if title else []
    for label, value, unit, note, is_text in rows:
        if is_text:  # text values (sources, notes) are left-aligned and may run long
            text = f"{label:<{label_w}}  {value}" + (f"  ({note})" if note else "")
        else:
            text = f"{label:<{label_w}}  {value:>{value_w}}  {unit:<{unit_w}}  {note}"
        out.append(text.rstrip())
    return "\n".join(out)


def _cmd_value(args: argparse.Namespace) -> int:
    if args.example:
        valuation = value_grant(seventh_series_terms(), example_market_inputs())
        print(format_lines(valuation.explain(), title="Valuation: " + valuation.terms.series_name))
        print()
        print(format_lines(valuation.disclosure_note(), title="Disclosure note items"))
        return 0
    missing = [
        name
        for name in ("share_price", "volatility", "risk_free_rate", "term_years")
        if getattr(args, name) is None
    ]
    if missing:
        flags = ", ".join("--" + m.replace("_", "-") for m in missing)
        raise StockRightsError(f"value needs {flags} (or --example)")
    right = value_right(
        share_price=args.share_price,
        exercise_price=args.exercise_price,
        term_years=args.term_years,
        volatility=args.volatility,
        risk_free_rate=args.risk_free_rate,
        dividend_yield=args.dividend_yield,
        shares_per_right=args.shares_per_right,
        rounding=args.rounding,
    )
    print(format_lines(right.explain(), title="Valuation of one right"))
    return 0


def _register_value(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "value",
        help="value one right, or the built-in example, with every intermediate value",
        description="Black-Scholes price per share (clause 12) x shares per right, rounded.",
    )
    p.add_argument(
        "--example",
        action="store_true",
        help="the 7th series of the resolution with ILLUSTRATIVE market inputs",
    )
    p.add_argument("--share-price", type=float, help="S, yen per share")
    p.add_argument("--exercise-price", type=float, default=1.0, help="X, yen (default 1)")
    p.add_argument("--term-years", type=float, help="T, years")
    p.add_argument("--volatility", type=float, help="sigma, decimal (0.35 for 35%%)")
    p.add_argument("--risk-free-rate", type=float, help="r, decimal")
    p.add_argument("--dividend-yield", type=float, default=0.0, help="q, decimal (default 0)")
    p.add_argument("--shares-per-right", type=int, default=200, help="default 200")
    p.add_argument(
        "--rounding",
        default=Rounding.PER_RIGHT_UP.value,
        choices=[m.value for m in Rounding],
        help="default per_right_up (the resolution's rule)",
    )
    p.set_defaults(handler=_cmd_value)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="stockrights",
        description="Price and administer 1-yen stock acquisition rights (新株予約権).",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _register_value(subparsers)
    # --- subcommands of other layers register here (one line each) ---
    register_addin(subparsers)
    register_refresh(subparsers)
    register_build_templates(subparsers)
    register_audit_pack(subparsers)
    register_documents(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 2 error)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.handler(args)
    except StockRightsError as exc:
        print(f"stockrights: error: {exc}", file=sys.stderr)
        return 2
    except ModuleNotFoundError as exc:
        extra = _EXTRAS.get((exc.name or "").split(".")[0])
        if extra is None:
            raise
        print(
            f"stockrights: error: {args.command} needs the {extra!r} extra "
            f"(missing module {exc.name}): pip install 'stockrights[{extra}]'",
            file=sys.stderr,
        )
        return 2
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
