"""``stockrights import rates|prices``: read published files into a workbook's data sheets.

``stockrights import rates FILE [FILE ...] --into BOOK [--output OUT] [--merge] [--date D]``
    MOF 国債金利情報 CSVs (history and current month together): the curve of the book's
    valuation date (``ValuationDate``, or ``--date``), that day's row or the last before it,
    goes into the ``rates`` sheet, and the sheet's note cell (``layout.RATE_NOTE_CELL``) says
    which files and which row.

``stockrights import prices FILE [FILE ...] --into BOOK [--output OUT] [--merge] [--basis B]``
    J-Quants JSON (one or more pages, ``.json``) or a CSV/XLSX export: the daily closes go into
    the ``prices`` sheet, checked against the book's volatility window and corporate actions.

Both print the import report in the book's language (its document property: Japanese for the
Japanese templates, English for the ``_en`` ones and for a book that does not say; ``--lang``
chooses another) and write atomically: a bad file is one line on stderr (status 2) and the book
is unchanged. The note written into the book is in the book's language. Refresh the book
afterwards (``stockrights refresh``) to recalculate its formulas.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from stockrights.glossary import Lang
from stockrights.workbooks.atomic import interruptible

if TYPE_CHECKING:
    from stockrights.importers.book import BookWrite

    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]

__all__ = ["register_import"]


def _check_paths(args: argparse.Namespace) -> None:
    """FILE, --into and --output, checked before anything is read or written."""
    from stockrights.errors import InputError
    from stockrights.workbooks.book_file import XLSX_OR_XLSM, require_output, require_workbook

    for file in args.files:
        path = Path(file)
        if not path.is_file():
            what = "a folder" if path.is_dir() else "no such file"
            raise InputError(f"FILE must be a file to read; {file} is not one ({what})")
    require_workbook(args.into, argument="--into", suffixes=XLSX_OR_XLSM)
    if args.output is not None:
        require_output(args.output, argument="--output", like=args.into, book_argument="--into")


@interruptible
def _cmd_rates(args: argparse.Namespace) -> int:
    from stockrights.dates import as_date
    from stockrights.errors import InputError
    from stockrights.importers.book import book_context, write_columns
    from stockrights.importers.mof import read_mof
    from stockrights.workbooks import layout

    _check_paths(args)
    context = book_context(args.into)
    lang = _report_language(args.lang, context.language)
    day = as_date(args.date, field="--date") if args.date else context.valuation_date
    if day is None:
        raise InputError(
            f"--date must be given: {Path(args.into).name} has no valuation date "
            f"({layout.address('ValuationDate').absolute} is empty)"
        )
    history = read_mof(*args.files, valuation_date=day)
    curve = history.curve_on(day)
    written = write_columns(
        book=args.into,
        output=args.output,
        keys=layout.RATE_TENORS,
        values=layout.RATE_YIELDS,
        data=list(zip(curve.tenors_years, curve.yields, strict=True)),
        merge=args.merge,
        key_name="tenor",
        texts={
            layout.RATE_NOTE_CELL: _curve_note(
                curve.statement(context.language or lang), args.files
            )
        },
    )
    for line in history.report.lines(lang):
        print(line)
    _print_written(written, args.merge, lang)
    return 0


@interruptible
def _cmd_prices(args: argparse.Namespace) -> int:
    from stockrights.errors import InputError
    from stockrights.importers.book import DATE_FORMAT, book_context, price_pairs, write_columns
    from stockrights.importers.jquants import read_jquants
    from stockrights.importers.price_table import read_price_table
    from stockrights.importers.report import price_split_check
    from stockrights.workbooks import layout

    _check_paths(args)
    context = book_context(args.into)
    lang = _report_language(args.lang, context.language)
    files = [Path(f) for f in args.files]
    if all(f.suffix.lower() == ".json" for f in files):
        history = read_jquants(
            *files,
            code=args.code,
            basis=args.basis,
            window=context.window,
            actions=context.actions,
        )
    elif len(files) == 1:
        history = read_price_table(
            files[0], basis=args.basis, window=context.window, actions=context.actions
        )
    else:
        raise InputError(
            "FILE must be one CSV/XLSX export, or one or more J-Quants .json pages, "
            f"got {', '.join(f.name for f in files)}"
        )
    written = write_columns(
        book=args.into,
        output=args.output,
        keys=layout.PRICE_DATES,
        values=layout.PRICE_CLOSES,
        data=price_pairs(history.dates, history.closes),
        merge=args.merge,
        key_name="date",
        formats={"keys": DATE_FORMAT},
    )
    for line in history.report.lines(lang):
        print(line)
    if context.price_splits is not None and history.dates:
        for note in price_split_check(
            found=history.report.splits,
            adjusted=history.adjusted,
            first=history.dates[0],
            last=history.dates[-1],
            price_splits=context.price_splits,
            where=f"CorporateActions, {layout.ACTIONS_TABLE.absolute}",
        ):
            print(note(lang))
    for note in context.notes:
        print(note(lang))
    _print_written(written, args.merge, lang)
    return 0


def _report_language(flag: str | None, book: Lang | None) -> Lang:
    """``--lang`` when given, else the book's language, else English."""
    if flag is not None:
        return Lang(flag)
    return book or Lang.EN


def _curve_note(statement: str, files: list[str]) -> str:
    """What the rates sheet says about its curve: the source files and the row used."""
    return f"MOF 国債金利情報 ({', '.join(Path(f).name for f in files)}): {statement}"


def _print_written(written: BookWrite, merge: bool, lang: Lang) -> None:
    from stockrights.importers.report import text

    how = text("written_merged", kept=f"{written.kept:,}") if merge else text("written_replaced")
    line = text(
        "written", output=written.output, sheet=written.sheet, rows=f"{written.rows:,}", how=how
    )
    print(line(lang))


def register_import(subparsers: Subparsers) -> None:
    """Add ``import rates`` and ``import prices`` to the command line."""
    p = subparsers.add_parser(
        "import",
        help="read MOF yields, J-Quants bars or a price export into a workbook",
        description="Import published data into a workbook's rates or prices sheet.",
    )
    kinds = p.add_subparsers(dest="kind", required=True, metavar="KIND")
    for name, handler, help_text in (
        ("rates", _cmd_rates, "MOF 国債金利情報 CSVs (history and current month)"),
        ("prices", _cmd_prices, "J-Quants JSON pages, or a CSV/XLSX export of daily closes"),
    ):
        k = kinds.add_parser(name, help=help_text, description=help_text)
        k.add_argument("files", nargs="+", metavar="FILE", help="the file(s) to read")
        k.add_argument("--into", required=True, metavar="BOOK", help="the workbook to fill")
        k.add_argument("--output", metavar="OUT", help="write here instead of replacing BOOK")
        k.add_argument(
            "--merge",
            action="store_true",
            help="add to the sheet's data instead of replacing it (conflicts are refused)",
        )
        k.add_argument(
            "--lang",
            choices=("en", "ja"),
            default=None,
            help="report language (default: the book's, else en)",
        )
        if name == "rates":
            k.add_argument(
                "--date", help="valuation date YYYY-MM-DD (default: the book's ValuationDate)"
            )
        else:
            k.add_argument(
                "--basis",
                choices=("auto", "close", "adjusted"),
                default="auto",
                help="auto: unadjusted closes when the file has them (default)",
            )
            k.add_argument("--code", help="J-Quants issue code when the files hold several")
        k.set_defaults(handler=handler)
