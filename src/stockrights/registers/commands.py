"""``stockrights disclose REGISTER --fiscal-year-end YYYY-MM-DD [--output OUT.xlsx|OUT.csv]``.

REGISTER is a folder holding ``series.csv``, ``events.csv`` and ``actions.csv`` (layout v2,
``docs/register.md``) or a register workbook (``stockrights register-book``). Without
``--output`` a summary is printed; with it the disclosure is written (tidy CSV, or a workbook in
Japanese, ``--lang en`` for English), atomically. Errors are one line, exit status 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from stockrights.workbooks.atomic import interruptible

if TYPE_CHECKING:
    from stockrights.disclosure import Disclosure
    from stockrights.register import Register

    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]

__all__ = ["read_register", "register_disclose", "register_register_book"]


def read_register(path: str | Path, *, argument: str = "REGISTER") -> Register:
    """The register in a CSV folder or a register workbook.

    ``argument`` is the command-line argument that named it (``REGISTER``, ``--from``), for the
    one-line error on a path that is neither.
    """
    target = Path(path)
    if target.is_dir():
        from stockrights.registers.csv_io import read_register_csv

        return read_register_csv(target)
    from stockrights.registers.register_book import read_register_book
    from stockrights.workbooks.book_file import require_workbook

    rule = "a folder with series.csv, events.csv and actions.csv, or a register workbook (.xlsx)"
    return read_register_book(require_workbook(target, argument=argument, rule=rule))


def _width(value: str) -> int:
    """Terminal columns of a text: 2 for an East Asian wide or full-width character."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in value)


def _pad(value: str, width: int) -> str:
    return value + " " * (width - _width(value))


def _summary(d: Disclosure) -> str:
    out = [
        f"Stock options, fiscal year {d.previous_year_end + dt.timedelta(days=1)} to "
        f"{d.fiscal_year_end} (shares, restated at the year end)"
    ]
    width = max((_width(c.series) for c in d.counts), default=6)
    head = ("begin", "granted", "forfeit", "vested", "unvested", "exerc.", "lapsed", "outst.")
    out.append(f"  {_pad('series', width)}  " + "  ".join(f"{h:>9}" for h in head))
    for c in d.counts:
        values = (
            c.unvested_beginning + c.vested_beginning,
            c.granted,
            c.unvested_forfeited,
            c.vested,
            c.unvested_balance,
            c.exercised,
            c.vested_lapsed,
            c.outstanding,
        )
        out.append(f"  {_pad(c.series, width)}  " + "  ".join(f"{v:>9,}" for v in values))
    out.append(
        f"  expense for the year        {d.expense:>14,} yen (prior year {d.expense_prior:,})"
    )
    out.append(
        f"  gain on lapsed rights       {d.lapse_gain:>14,} yen (prior year {d.lapse_gain_prior:,})"
    )
    out.append(f"  shares issuable at year end {d.shares_issuable:>14,}")
    for a in d.restatements:
        out.append(f"  restated for: {a.kind.value} x {a.ratio:g} from {a.scheduled_from()}")
    if d.illustrative:
        out.append("  ILLUSTRATIVE series: " + ", ".join(d.illustrative))
    return "\n".join(out)


@interruptible
def _cmd_disclose(args: argparse.Namespace) -> int:
    from stockrights.disclosure import DisclosureSettings, disclose

    register = read_register(args.register)
    settings = DisclosureSettings(
        consolidated=not args.non_consolidated,
        average_price_weighting=args.average_price_weighting,
        capital_rounding=args.capital_rounding,
        restate_exercise_price=args.restate_exercise_price,
        mix_rounding=args.mix_rounding,
        treasury_loss=args.treasury_loss,
        amount_unit=args.amount_unit,
        amount_rounding=args.amount_rounding,
    )
    result = disclose(register, fiscal_year_end=args.fiscal_year_end, settings=settings)
    if args.output is None:
        print(_summary(result))
        return 0
    from stockrights.registers.outputs import write_disclosure

    written = write_disclosure(result, args.output, lang=args.lang)
    print(f"wrote {written}: {len(result.counts)} series, fiscal year end {result.fiscal_year_end}")
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a date YYYY-MM-DD, got {text!r}") from None


def register_disclose(subparsers: Subparsers) -> None:
    """Add ``disclose`` to the command line."""
    p = subparsers.add_parser(
        "disclose",
        help="the securities report's stock-option tables for a fiscal year, from a register",
        description=__doc__.split("\n\n")[1] if __doc__ else None,
    )
    p.add_argument(
        "register",
        metavar="REGISTER",
        help="a folder with series.csv, events.csv, actions.csv, or a register workbook (.xlsx)",
    )
    p.add_argument("--fiscal-year-end", required=True, type=_date, help="YYYY-MM-DD")
    p.add_argument("--output", help="OUT.csv (tidy: table,series,item,value) or OUT.xlsx")
    p.add_argument(
        "--lang", default="ja", choices=["ja", "en"], help="workbook language (default ja)"
    )
    p.add_argument("--non-consolidated", action="store_true", help="前事業年度末 labels")
    p.add_argument("--average-price-weighting", default="shares", choices=["shares", "simple"])
    p.add_argument(
        "--capital-rounding", default="per_exercise", choices=["per_exercise", "per_day"]
    )
    p.add_argument(
        "--restate-exercise-price",
        action="store_true",
        help="restate the exercise price per share for splits (default: clause 4 keeps it)",
    )
    p.add_argument(
        "--mix-rounding",
        default="down",
        choices=["down", "half_up", "up"],
        help="an exercise delivering new and treasury shares: how the new shares' part of the "
        "consideration is rounded to the yen (default down)",
    )
    p.add_argument(
        "--treasury-loss",
        default="capital_first",
        choices=["capital_first", "surplus"],
        help="a loss on treasury shares in a mix: first reduces the capital increase (art. 17, "
        "default) or goes wholly to other capital surplus",
    )
    p.add_argument(
        "--amount-unit",
        default="yen",
        choices=["yen", "thousand_yen", "million_yen"],
        help="unit of the note's expense and gain tables in the workbook (default yen)",
    )
    p.add_argument(
        "--amount-rounding",
        default="down",
        choices=["down", "half_up"],
        help="how amounts are brought to that unit (default down, toward zero)",
    )
    p.set_defaults(handler=_cmd_disclose)


@interruptible
def _cmd_register_book(args: argparse.Namespace) -> int:
    from stockrights.registers.register_book import write_register_book

    register = None if args.source is None else read_register(args.source, argument="--from")
    written = write_register_book(register, args.output, lang=args.lang)
    count = 0 if register is None else len(register.series)
    print(
        f"wrote {written}: {count} series, {0 if register is None else len(register.events)} events"
    )
    return 0


def register_register_book(subparsers: Subparsers) -> None:
    """Add ``register-book`` to the command line."""
    p = subparsers.add_parser(
        "register-book",
        help="write the register workbook (blank, or holding a register read from CSV files)",
        description="Write the register workbook: one sheet per table of the CSV layout.",
    )
    p.add_argument("--from", dest="source", help="a register folder (CSV) or workbook to copy in")
    p.add_argument("--output", required=True, help="OUT.xlsx")
    p.add_argument("--lang", default="ja", choices=["ja", "en"], help="labels (default ja)")
    p.set_defaults(handler=_cmd_register_book)
