"""``stockrights addin ...``: the command-line subcommands of the Excel face.

``stockrights addin config [--file PATH] [--dry-run]`` writes (or prints) the classic xlwings
settings for this Python and the UDF module; the logic is :func:`configure_addin`.
"""

from __future__ import annotations

import argparse

from stockrights.excel.addin_config import configure_addin

__all__ = ["register"]


def _cmd_addin_config(args: argparse.Namespace) -> int:
    result = configure_addin(path=args.file, dry_run=args.dry_run)
    if args.dry_run:
        print(
            f"# would write {result.path}" if result.changed else f"# {result.path} is up to date"
        )
        print(result.after, end="")
    elif result.written:
        print(f"wrote {result.path}")
    else:
        print(f"{result.path} is up to date")
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``addin`` (with ``config``) to the ``stockrights`` command line."""
    addin = subparsers.add_parser(
        "addin",
        help="set up the Excel add-in (classic xlwings)",
        description="Set up classic xlwings for the SAR_ worksheet functions.",
    )
    commands = addin.add_subparsers(dest="addin_command", required=True, metavar="COMMAND")
    config = commands.add_parser(
        "config",
        help="write this Python and the UDF module into the xlwings settings file",
        description=(
            'Write "INTERPRETER_WIN" (or the conda keys) and "UDF MODULES" = '
            "stockrights.excel.udfs into the user's xlwings.conf. Idempotent; other keys are kept."
        ),
    )
    config.add_argument(
        "--file",
        default=None,
        help=r"settings file (default: %%USERPROFILE%%\.xlwings\xlwings.conf)",
    )
    config.add_argument(
        "--dry-run", action="store_true", help="print the file as it would be; write nothing"
    )
    config.set_defaults(handler=_cmd_addin_config)
