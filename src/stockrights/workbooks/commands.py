"""The workbook subcommands of the command line: ``refresh`` and ``build-templates``.

``stockrights refresh BOOK [--output OUT] [--check] [--values-only] [--quiet]``
    Recalculate every formula of BOOK headlessly and store the values next to the formulas
    (atomically); print a short summary on stdout (and why cells are errors, or what is still
    to fill in) and the stages on stderr; exit with status 1 when a key output is an error.
    ``--check`` writes nothing and exits with status 1 when a stored value differs from the
    computed one. ``--values-only --output OUT`` writes a copy with every formula replaced by
    its value. Ctrl-C and SIGTERM end with one line and status 130 or 143.

``stockrights build-templates [--directory DIR] [--lang ja|en]``
    Write the blank template and the 7th-series worked example (default into ``workbooks/``).

Bad files end with one line on stderr, status 2: a file that is no workbook at all is refused
before anything is read (:func:`stockrights.workbooks.book_file.require_workbook`, ``BOOK must
be an .xlsx or .xlsm workbook (a zip archive); <file> is not one (<what it is>)``), a workbook
that cannot be used by :func:`stockrights.workbooks.refresh.refresh_workbook`
(:class:`stockrights.workbooks.errors.WorkbookError`, ``BOOK <file>: <problem>`` as
:func:`stockrights.cli.main` prints it, naming the argument).
This module imports nothing heavy: the work is imported when a command runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from stockrights.workbooks.atomic import interruptible

if TYPE_CHECKING:
    from stockrights.workbooks.cache_writer import CellValue
    from stockrights.workbooks.refresh import RefreshReport

    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]

__all__ = ["register_build_templates", "register_refresh"]

_SHOWN = 20  # differences or error cells listed before "and N more"


def _progress(quiet: bool) -> Callable[[str], None] | None:
    if quiet:
        return None

    def show(line: str) -> None:
        # one write with its newline (print writes the two apart): a Ctrl-C between them would
        # leave the interruption's line glued to this one
        sys.stderr.write(f"stockrights: {line}\n")
        sys.stderr.flush()

    return show


def _show(value: CellValue) -> str:
    from stockrights.workbooks.cache_writer import ErrorValue

    if isinstance(value, ErrorValue):
        return value.code
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, float):
        return f"{value:,.6f}"
    return str(value)


_PROBLEMS_SHOWN = 6  # messages listed before "and N more"


def _print_report(report: RefreshReport) -> None:
    if report.output is not None:
        what = "wrote a values-only copy" if report.values_only else "refreshed"
        print(
            f"{what} {report.output}: {report.formula_cells} formula cells, "
            f"{report.values_written} values stored ({report.seconds:.1f} s)"
        )
    width = max((len(label) for label, _ in report.summary), default=0)
    for label, value in report.summary:
        print(f"  {label:<{width}}  {_show(value):>16}")
    _print_diagnosis(report)


def _print_diagnosis(report: RefreshReport) -> None:
    """Still to fill in, or why cells are errors (grouped, most important first), briefly."""
    found = report.diagnosis
    count = found.error_count
    if found.to_fill_in:
        inputs = "1 input" if len(found.to_fill_in) == 1 else f"{len(found.to_fill_in)} inputs"
        print(f"  still to fill in ({inputs}):")
        for line in found.to_fill_in:
            print(f"    {line}")
        if count:
            print(f"  {count} cells compute to an error until then")
        return
    if not count:
        return
    if found.key_errors:
        print(f"  key outputs that are errors: {', '.join(found.key_errors)}")
    print(f"  {count} cells compute to an error; why, most important first:")
    for problem in found.problems[:_PROBLEMS_SHOWN]:
        print(f"    {problem}")
    hidden = found.problems[_PROBLEMS_SHOWN:]
    if hidden:
        cells = sum(len(p.cells) for p in hidden)
        print(f"    and {len(hidden)} more messages on {cells} cells")
    if found.unexplained:
        from stockrights.workbooks.diagnosis import cells_text

        first = cells_text(found.unexplained[:_PROBLEMS_SHOWN])
        more = " ..." if len(found.unexplained) > _PROBLEMS_SHOWN else ""
        print(
            f"    and {len(found.unexplained)} cells with no message of their own (an error "
            f"passed on, or a native formula): {first}{more}"
        )


@interruptible
def _cmd_refresh(args: argparse.Namespace) -> int:
    from stockrights.workbooks.book_file import XLSX_OR_XLSM, require_output, require_workbook
    from stockrights.workbooks.refresh import refresh_workbook

    require_workbook(args.book, argument="BOOK", suffixes=XLSX_OR_XLSM)
    if args.output is not None and not args.check:
        require_output(args.output, argument="--output", like=args.book)
    report = refresh_workbook(
        book=args.book,
        output=args.output,
        check=args.check,
        values_only=args.values_only,
        progress=_progress(args.quiet),
    )
    if not args.check:
        _print_report(report)
        return 1 if report.diagnosis.key_errors else 0
    if not report.differences:
        print(f"{report.book}: all {report.formula_cells} formula cells hold their computed value")
        return 0
    print(f"{report.book}: {len(report.differences)} cells differ from their computed values")
    for difference in report.differences[:_SHOWN]:
        print(f"  {difference}")
    if len(report.differences) > _SHOWN:
        print(f"  ... and {len(report.differences) - _SHOWN} more")
    return 1


def register_refresh(subparsers: Subparsers) -> None:
    """Add ``stockrights refresh`` to the command line."""
    p = subparsers.add_parser(
        "refresh",
        help="recalculate a workbook headlessly and store every formula's value",
        description="Recalculate BOOK with the formulas engine and the SAR_ functions, and store "
        "each formula's value next to it (atomically; formulas, styles, names, validation, notes, "
        "protection and VBA are kept).",
    )
    p.add_argument("book", type=Path, metavar="BOOK", help=".xlsx or .xlsm workbook")
    p.add_argument("--output", "-o", type=Path, metavar="OUT", help="write here (default: BOOK)")
    p.add_argument(
        "--check",
        action="store_true",
        help="write nothing; list cells whose stored value differs (exit status 1 if any)",
    )
    p.add_argument(
        "--values-only",
        action="store_true",
        help="write to --output a copy with every formula replaced by its value (for readers "
        "without the add-in); BOOK keeps its formulas",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="no progress lines on stderr")
    p.set_defaults(handler=_cmd_refresh)


@interruptible
def _cmd_build_templates(args: argparse.Namespace) -> int:
    from stockrights.errors import InputError
    from stockrights.workbooks.builder import LANGUAGES, build_templates

    directory = Path(args.directory)
    blocked = next((p for p in (directory, *directory.parents) if p.exists()), None)
    if blocked is not None and not blocked.is_dir():
        raise InputError(
            f"--directory must be a folder (made if missing); {args.directory} is not one "
            f"({blocked} is a file)"
        )
    languages = [args.lang] if args.lang else LANGUAGES
    for path in build_templates(
        directory=args.directory, languages=languages, progress=_progress(args.quiet)
    ):
        print(f"wrote {path}")
    return 0


def register_build_templates(subparsers: Subparsers) -> None:
    """Add ``stockrights build-templates`` to the command line."""
    p = subparsers.add_parser(
        "build-templates",
        help="write the blank template and the 7th-series worked example (Japanese and English)",
        description="Build the template workbooks from code, refresh them, and write them.",
    )
    p.add_argument(
        "--directory",
        "-d",
        type=Path,
        default=Path("workbooks"),
        help="where to write them (default: workbooks)",
    )
    p.add_argument(
        "--lang",
        choices=("ja", "en"),
        help="only this language (default: both; Japanese as stockrights_template.xlsx, English "
        "as stockrights_template_en.xlsx)",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="no progress lines on stderr")
    p.set_defaults(handler=_cmd_build_templates)
