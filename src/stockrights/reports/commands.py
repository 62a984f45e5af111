"""The document subcommands: ``report`` (the valuation report) and ``notice``.

``stockrights report BOOK|--example --output FILE.pdf|FILE.html``
    The valuation report of a refreshed workbook (or of the built-in example).
``stockrights notice BOOK|--example --output FILE.txt|FILE.pdf|FILE.html``
    The notice fixing the amount paid per right (払込金額の決定に関するお知らせ).

Each prints one line on stdout: the file written, the amount per right and the input's hash.
Errors are one line on stderr (status 2), printed by :func:`stockrights.cli.main`. This module
imports nothing heavy: the work is imported when a command runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from stockrights.errors import StockRightsError
from stockrights.workbooks.atomic import interruptible

if TYPE_CHECKING:
    from stockrights.reports.source import ReportSource

    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]

__all__ = ["register_documents"]


def _source(args: argparse.Namespace) -> ReportSource:
    from stockrights.reports.source import book_source, example_source

    if args.example and args.book is not None:
        raise StockRightsError(f"{args.command} takes BOOK or --example, not both")
    if args.example:
        return example_source()
    if args.book is None:
        raise StockRightsError(f"{args.command} needs BOOK (a refreshed workbook) or --example")
    from stockrights.workbooks.book_file import XLSX_OR_XLSM, require_workbook

    return book_source(require_workbook(args.book, argument="BOOK", suffixes=XLSX_OR_XLSM))


def _output(args: argparse.Namespace, allowed: tuple[str, ...]) -> None:
    """--output must name a format the command writes (checked before anything is read)."""
    if args.output.suffix.lower() not in allowed:
        raise StockRightsError(
            f"--output must end in {' or '.join(allowed)}, got {str(args.output)!r}"
        )


@interruptible
def _cmd_report(args: argparse.Namespace) -> int:
    from stockrights.reports.api import REPORT_FORMATS, write_report

    _output(args, REPORT_FORMATS)
    source = _source(args)
    path = write_report(source, args.output)
    print(
        f"wrote {path}: amount per right {source.valuation.per_right_amount:,} yen, "
        f"total {source.valuation.total_amount:,} yen (input sha256 {source.short_hash})"
    )
    return 0


@interruptible
def _cmd_notice(args: argparse.Namespace) -> int:
    from stockrights.reports.api import NOTICE_FORMATS, write_notice

    _output(args, NOTICE_FORMATS)
    source = _source(args)
    path = write_notice(source, args.output)
    print(
        f"wrote {path}: amount per right {source.valuation.per_right_amount:,} yen "
        f"(input sha256 {source.short_hash})"
    )
    return 0


def _add(subparsers: Subparsers, name: str, formats: str, help_: str) -> argparse.ArgumentParser:
    p = subparsers.add_parser(name, help=help_, description=help_ + ".")
    p.add_argument(
        "book", type=Path, nargs="?", metavar="BOOK", help="a refreshed .xlsx template workbook"
    )
    p.add_argument(
        "--example", action="store_true", help="the built-in example (ILLUSTRATIVE market data)"
    )
    p.add_argument("--output", "-o", type=Path, required=True, metavar="FILE", help=f"{formats}")
    return p


def register_documents(subparsers: Subparsers) -> None:
    """Add ``stockrights report`` and ``stockrights notice`` to the command line."""
    _add(
        subparsers,
        "report",
        "FILE.pdf or FILE.html",
        "write the valuation report (Japanese and English) of a workbook or the example",
    ).set_defaults(handler=_cmd_report)
    _add(
        subparsers,
        "notice",
        "FILE.txt, FILE.pdf or FILE.html",
        "write the notice fixing the amount paid per right (払込金額の決定に関するお知らせ)",
    ).set_defaults(handler=_cmd_notice)
