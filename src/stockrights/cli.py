"""The ``stockrights`` command line.

Subcommands
-----------
value
    Value one right (or the built-in example grant) and print every intermediate value.

Other layers add their own subcommands through a ``register(subparsers)`` function, listed in
:func:`build_parser`. Every error the program raises on purpose is printed as one line,
``stockrights: error: <message>``, with exit status 2; nothing is half-written. Output piped into
a reader that stops early (``stockrights refresh ... | head``) ends quietly, status 0.

Flags of ``value`` take numbers as a spreadsheet cell does (``1,000``, full-width digits; see
:func:`stockrights._validate.number_text`), and the rate, volatility and yield flags also
``30%``. Each is checked against the plausibility bounds of :mod:`stockrights.bounds`, and
every message names the flag (``--risk-free-rate``), not the Python field. With ``--example``
a value flag replaces the example's figure (its source then reads "command line").
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn, cast

from stockrights import _validate
from stockrights.bounds import BOUNDS, check_bound
from stockrights.dividends import dividend_yield
from stockrights.errors import InputError, StockRightsError
from stockrights.example import example_market_inputs, seventh_series_terms
from stockrights.rounding import Rounding
from stockrights.terms import GrantTerms, MarketInputs
from stockrights.valuation import ExplainLine, format_value, value_grant, value_right

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


_MARKET_FLAGS = ("share_price", "volatility", "risk_free_rate", "dividend_yield")
"""Value flags that are market inputs (MarketInputs fields)."""
_TERM_FLAGS = ("exercise_price", "term_years", "shares_per_right", "rounding")
"""Value flags that are grant terms (GrantTerms fields)."""
_DEFAULTS: dict[str, Any] = {
    "exercise_price": 1.0,
    "dividend_yield": 0.0,
    "shares_per_right": 200,
    "rounding": Rounding.PER_RIGHT_UP.value,
}
"""Defaults of the value flags without --example (applied after parsing, so that a flag the user
gave can be told from one left out)."""


def _flag(field: str) -> str:
    return "--" + field.replace("_", "-")


def _name_flags(message: str) -> str:
    """Rewrite a core message that starts with a glossary field as one naming its flag."""
    for field in _MARKET_FLAGS + _TERM_FLAGS:
        if message.startswith(field + " "):
            return _flag(field) + message[len(field) :]
    return message


def _flag_number(field: str, text: str) -> float:
    """Read a value flag as a number; rate, volatility and yield flags also take ``30%``."""
    flag = _flag(field)
    value = _validate.number_text(flag, text)
    if field in BOUNDS:
        if BOUNDS[field].low == 0.0:  # the core's sign rule comes first, as in the core
            _validate.non_negative(flag, value)
        try:
            check_bound(flag, value, bound_of=field)
        except InputError:
            if not text.strip().endswith(("%", "％")):
                raise
            # typed as a percent already: "did you mean 100 %?" would answer the wrong question
            bound = BOUNDS[field]
            raise InputError(
                f"{flag} must be between {bound.low * 100:g} % and {bound.high * 100:g} %, "
                f"got {text.strip()!r}"
            ) from None
    elif text.strip().endswith(("%", "％")):
        raise InputError(f"{flag} must be a number, not a percent, got {text!r}")
    return value


def _given(args: argparse.Namespace) -> dict[str, Any]:
    """The value flags the user gave, converted (numbers read, bounds checked)."""
    given: dict[str, Any] = {}
    for field in _MARKET_FLAGS + _TERM_FLAGS:
        text = getattr(args, field)
        if text is None:
            continue
        given[field] = text if field == "rounding" else _flag_number(field, text)
    return given


def _example_with(given: dict[str, Any]) -> tuple[GrantTerms, MarketInputs]:
    """The built-in example with the flags given replacing its figures (sources say so)."""
    terms = seventh_series_terms()
    market = example_market_inputs()
    terms = dataclasses.replace(terms, **{k: v for k, v in given.items() if k in _TERM_FLAGS})
    changes: dict[str, Any] = {}
    for field in _MARKET_FLAGS:
        if field in given:
            changes[field] = given[field]
            changes[f"{field}_source"] = f"{_flag(field)} (command line)"
    if "dividend_yield" in given:
        changes["dividend_per_share"] = None
    elif "share_price" in given and market.dividend_per_share is not None:
        # q = D / S: a new share price restates the example's yield from the same dividend.
        changes["dividend_yield"] = dividend_yield(
            dividend_per_share=market.dividend_per_share, share_price=float(given["share_price"])
        )
    market = dataclasses.replace(market, **changes)
    return terms, market


def _cmd_value(args: argparse.Namespace) -> int:
    try:
        given = _given(args)
        if args.example:
            terms, market = _example_with(given)
            valuation = value_grant(terms, market)
            title = "Valuation: " + valuation.terms.series_name
            print(format_lines(valuation.explain(), title=title))
            print()
            print(format_lines(valuation.disclosure_note(), title="Disclosure note items"))
            return 0
        missing = [
            name
            for name in ("share_price", "volatility", "risk_free_rate", "term_years")
            if name not in given
        ]
        if missing:
            flags = ", ".join(_flag(m) for m in missing)
            raise StockRightsError(f"value needs {flags} (or --example)")
        inputs = {**_DEFAULTS, **given}
        right = value_right(**inputs)
    except InputError as exc:
        raise InputError(_name_flags(str(exc))) from None
    print(format_lines(right.explain(), title="Valuation of one right"))
    return 0


def _register_value(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "value",
        help="value one right, or the built-in example, with every intermediate value",
        description="Black-Scholes price per share (clause 12) x shares per right, rounded. "
        "Rates, volatility and yield as decimals or percents (0.35 or 35%%); with --example "
        "a value flag replaces the example's figure.",
    )
    p.add_argument(
        "--example",
        action="store_true",
        help="the 7th series of the resolution with ILLUSTRATIVE market inputs",
    )
    p.add_argument("--share-price", metavar="YEN", help="S, yen per share")
    p.add_argument("--exercise-price", metavar="YEN", help="X, yen (default 1)")
    p.add_argument("--term-years", metavar="YEARS", help="T, years")
    p.add_argument("--volatility", metavar="RATE", help="sigma: 0.35 or 35%% (0 to 200%%)")
    p.add_argument("--risk-free-rate", metavar="RATE", help="r: 0.0035 or 0.35%% (-2%% to 10%%)")
    p.add_argument(
        "--dividend-yield", metavar="RATE", help="q: 0.0135 or 1.35%% (0 to 20%%, default 0)"
    )
    p.add_argument("--shares-per-right", metavar="N", help="default 200")
    p.add_argument(
        "--rounding",
        choices=[m.value for m in Rounding],
        help="default per_right_up (the resolution's rule)",
    )
    p.set_defaults(handler=_cmd_value)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line: the flag, the rule and the value.

    argparse prints the usage before its message; here the message alone is printed, with where
    to find the usage (the subparsers of every command are of this class too).
    """

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _invoked(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.ArgumentParser:
    """The (sub)parser of the command that ran: ``stockrights import prices`` gives ``prices``."""
    while True:
        found = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not found or getattr(args, found[0].dest, None) is None:
            return parser
        parser = found[0].choices[getattr(args, found[0].dest)]


def _typed(action: argparse.Action) -> str:
    """An argument as the user types it: its long flag, or a positional's metavar."""
    if action.option_strings:
        return max(action.option_strings, key=len)
    return action.metavar if isinstance(action.metavar, str) else action.dest.upper()


def _flags_named(message: str, parser: argparse.ArgumentParser, args: argparse.Namespace) -> str:
    """A message that names what the user typed: the flag or argument, then the rest.

    The core names its fields (``fiscal_year_end 1990-03-31: ...``): the field is replaced by
    the flag typed (``--fiscal-year-end``). A file's message starts with the file
    (``out.xlsx: is a directory, not a file``): the flag that named it goes before it
    (``--output out.xlsx: ...``). Other messages are left as they are.
    """
    actions = [a for a in parser._actions if a.dest not in (argparse.SUPPRESS, "help")]
    for action in actions:
        for head in (action.dest + " ", action.dest + ":"):
            if message.startswith(head):
                return _typed(action) + message[len(action.dest) :]
    for action in actions:
        given = getattr(args, action.dest, None)
        values = given if isinstance(given, list) else [given]
        for value in values:
            if not isinstance(value, str | os.PathLike) or not str(value):
                continue
            for shown in dict.fromkeys((str(value), os.path.basename(value))):
                if shown and message.startswith(shown + ": "):
                    return f"{_typed(action)} {message}"
    return message


_SUBCOMMANDS: dict[str, tuple[str, str]] = {
    # --- subcommands of other layers register here (one line each): name -> (module, function)
    "addin": ("stockrights.excel.cli", "register"),
    "refresh": ("stockrights.workbooks.commands", "register_refresh"),
    "build-templates": ("stockrights.workbooks.commands", "register_build_templates"),
    "audit-pack": ("stockrights.workbooks.pack_command", "register_audit_pack"),
    "report": ("stockrights.reports.commands", "register_documents"),
    "notice": ("stockrights.reports.commands", "register_documents"),
    "disclose": ("stockrights.registers.commands", "register_disclose"),
    "register-book": ("stockrights.registers.commands", "register_register_book"),
    "import": ("stockrights.importers.commands", "register_import"),
}
"""Where each subcommand is registered. A command line naming one imports only its module (a
refresh does not import the importers, the reports or the add-in's configuration: about 0.07 s
of every run); ``--help`` and anything else build them all."""


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered (or only ``command``'s, and value).

    Parameters
    ----------
    command : str, optional
        A subcommand's name (:data:`_SUBCOMMANDS`): only its module is imported and registered,
        beside ``value``. None (or any other name) registers them all.
    """
    import importlib

    parser = _Parser(
        prog="stockrights",
        description="Price and administer 1-yen stock acquisition rights (新株予約権).",
    )
    subparsers = cast(
        "argparse._SubParsersAction[argparse.ArgumentParser]",
        parser.add_subparsers(dest="command", required=True, metavar="COMMAND"),
    )  # the subcommands' parsers are _Parser too (argparse makes them of the parent's class)
    _register_value(subparsers)
    chosen = [command] if command in _SUBCOMMANDS else list(_SUBCOMMANDS)
    for module, function in dict.fromkeys(_SUBCOMMANDS[name] for name in chosen):
        getattr(importlib.import_module(module), function)(subparsers)  # (once: report, notice)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 2 error)."""
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(words[0] if words else None)
    args = parser.parse_args(words)
    try:
        status: int = args.handler(args)
        sys.stdout.flush()  # a reader that left shows here, inside the try, not at exit
    except BrokenPipeError:
        # The reader stopped early (`| head`): what it did not read is not an error. Point
        # stdout at /dev/null so the interpreter's last flush at exit is quiet too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except StockRightsError as exc:
        message = _flags_named(str(exc), _invoked(parser, args), args)
        print(f"stockrights: error: {message}", file=sys.stderr)
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
