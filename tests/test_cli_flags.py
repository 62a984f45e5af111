"""Every flag and argument of every command, given a bad value: one line naming it as typed.

The walk reads the commands from the real parser (``stockrights --help`` and the modules
``cli.build_parser`` registers), so a flag added later without a case here fails
``test_every_flag_and_argument_has_a_bad_value_case``. Each case runs the command in an empty
folder and checks: exit status 2, exactly one line on stderr, no traceback, the flag or argument
as the user typed it (``--fiscal-year-end``, ``BOOK``), the rule, the bad value, and nothing
written.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest

from stockrights.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "importers"

NO_VALUE = "takes no value"
"""A switch (store_true): there is no bad value to give it."""


def _arguments() -> dict[tuple[str, ...], dict[str, argparse.Action]]:
    """Each command (``("import", "prices")``) and its arguments, keyed as the user types them."""
    out: dict[tuple[str, ...], dict[str, argparse.Action]] = {}

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        own: dict[str, argparse.Action] = {}
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, (*path, name))
            elif not isinstance(action, argparse._HelpAction):
                typed = (
                    max(action.option_strings, key=len)
                    if action.option_strings
                    else str(action.metavar or action.dest.upper())
                )
                own[typed] = action
        if path and own:
            out[path] = own

    walk(build_parser(), ())
    return out


_JQUANTS = ["{fix}/jquants_v2_page1.json", "--into", "{book}", "--output", "o.xlsx"]

# (command, argument) -> [(argv after the command, value shown, rule shown)], or NO_VALUE.
# {book}: a refreshed example workbook; {csv}: a CSV text file; {dir}: a folder; {reg}: the
# example register; {fix}: the importer fixtures. Arguments with choices get a case each from
# the walk ("xx" is no choice of any of them).
CASES: dict[tuple[tuple[str, ...], str], object] = {
    (("value",), "--example"): NO_VALUE,
    (("value",), "--share-price"): [(["--example", "--share-price", "abc"], "'abc'", "number")],
    (("value",), "--exercise-price"): [(["--example", "--exercise-price", "-1"], "-1", "> 0")],
    (("value",), "--term-years"): [(["--example", "--term-years", "x1"], "'x1'", "number")],
    (("value",), "--volatility"): [(["--example", "--volatility", "500%"], "500%", "200 %")],
    (("value",), "--risk-free-rate"): [
        (["--example", "--risk-free-rate", "1,5"], "1,5", "must be")
    ],
    (("value",), "--dividend-yield"): [(["--example", "--dividend-yield", "5"], "5", "0.20")],
    (("value",), "--shares-per-right"): [
        (["--example", "--shares-per-right", "1.5"], "1.5", "whole number")
    ],
    (("addin", "config"), "--file"): [(["--file", "{dir}"], "{dir}", "readable text file")],
    (("addin", "config"), "--dry-run"): NO_VALUE,
    (("refresh",), "BOOK"): [(["{csv}"], "{csv}", "must be an .xlsx or .xlsm workbook")],
    (("refresh",), "--output"): [(["{book}", "--output", "o.csv"], "o.csv", "must end in .xlsx")],
    (("refresh",), "--check"): NO_VALUE,
    (("refresh",), "--values-only"): NO_VALUE,
    (("refresh",), "--quiet"): NO_VALUE,
    (("build-templates",), "--directory"): [
        (["--directory", "{csv}/sub"], "{csv}/sub", "must be a folder")
    ],
    (("build-templates",), "--quiet"): NO_VALUE,
    (("audit-pack",), "BOOK"): [
        (["{csv}", "--output", "p.xlsx"], "{csv}", "must be an .xlsx or .xlsm workbook")
    ],
    (("audit-pack",), "--example"): NO_VALUE,
    (("audit-pack",), "--output"): [
        (["--example", "--output", "p.csv"], "p.csv", "must end in .xlsx")
    ],
    (("report",), "BOOK"): [
        (["{csv}", "--output", "r.pdf"], "{csv}", "must be an .xlsx or .xlsm workbook")
    ],
    (("report",), "--example"): NO_VALUE,
    (("report",), "--output"): [
        (["--example", "--output", "r.docx"], "r.docx", "must end in .pdf or .html")
    ],
    (("notice",), "BOOK"): [
        (["{csv}", "--output", "n.txt"], "{csv}", "must be an .xlsx or .xlsm workbook")
    ],
    (("notice",), "--example"): NO_VALUE,
    (("notice",), "--output"): [
        (["--example", "--output", "n.xlsx"], "n.xlsx", "must end in .txt or .pdf or .html")
    ],
    (("disclose",), "REGISTER"): [
        (["{csv}", "--fiscal-year-end", "2023-03-31"], "{csv}", "must be a folder with series.csv")
    ],
    (("disclose",), "--fiscal-year-end"): [
        (["{reg}", "--fiscal-year-end", "2023-02-30"], "2023-02-30", "must be a date"),
        # a real date, but before the first allotment: the core's message, with the flag
        (["{reg}", "--fiscal-year-end", "1990-03-31"], "1990-03-31", "nothing to disclose"),
    ],
    (("disclose",), "--output"): [
        (["{reg}", "--fiscal-year-end", "2023-03-31", "--output", "d.txt"], "d.txt", "must end in")
    ],
    (("disclose",), "--non-consolidated"): NO_VALUE,
    (("disclose",), "--restate-exercise-price"): NO_VALUE,
    (("register-book",), "--from"): [
        (["--from", "{csv}", "--output", "r.xlsx"], "{csv}", "must be a folder with series.csv")
    ],
    (("register-book",), "--output"): [(["--output", "r.csv"], "r.csv", "must end in .xlsx")],
    (("import", "rates"), "FILE"): [
        (["missing.csv", "--into", "{book}", "--output", "o.xlsx"], "missing.csv", "no such file")
    ],
    (("import", "rates"), "--into"): [
        (["{fix}/jgbcm.cp932.csv", "--into", "{csv}"], "{csv}", "must be an .xlsx or .xlsm")
    ],
    (("import", "rates"), "--output"): [
        (["{fix}/jgbcm.cp932.csv", "--into", "{book}", "--output", "o.csv"], "o.csv", "must end")
    ],
    (("import", "rates"), "--merge"): NO_VALUE,
    (("import", "rates"), "--date"): [
        (
            [
                "{fix}/jgbcm.cp932.csv",
                "--into",
                "{book}",
                "--output",
                "o.xlsx",
                "--date",
                "2017-13",
            ],
            "2017-13",
            "date",
        )
    ],
    (("import", "prices"), "FILE"): [
        (["missing.csv", "--into", "{book}", "--output", "o.xlsx"], "missing.csv", "no such file")
    ],
    (("import", "prices"), "--into"): [
        (["{fix}/yahoo.csv", "--into", "{dir}"], "{dir}", "must be an .xlsx or .xlsm")
    ],
    (("import", "prices"), "--output"): [
        (["{fix}/yahoo.csv", "--into", "{book}", "--output", "o.csv"], "o.csv", "must end")
    ],
    (("import", "prices"), "--merge"): NO_VALUE,
    (("import", "prices"), "--code"): [
        (
            [*_JQUANTS, "--code", "12345"],
            "12345",
            "must be an issue the files hold",
        )
    ],
}


def _cases() -> list[object]:
    params: list[object] = []
    for command, arguments in _arguments().items():
        for typed, action in arguments.items():
            if action.choices is not None and action.option_strings:
                base = {("import", "rates"): ["{fix}/jgbcm.cp932.csv", "--into", "{book}"],
                        ("import", "prices"): ["{fix}/yahoo.csv", "--into", "{book}"],
                        ("disclose",): ["{reg}", "--fiscal-year-end", "2023-03-31"],
                        ("audit-pack",): ["--example", "--output", "p.xlsx"],
                        ("register-book",): ["--output", "r.xlsx"]}.get(command, [])  # fmt: skip
                runs = [([*base, typed, "xx"], "'xx'", "invalid choice")]
            else:
                found = CASES.get((command, typed))
                if found is None or found == NO_VALUE:
                    continue
                runs = found  # type: ignore[assignment]
            for k, (argv, value, rule) in enumerate(runs):
                params.append(
                    pytest.param(
                        [*command, *argv], typed, value, rule, id=f"{' '.join(command)} {typed} {k}"
                    )
                )
    return params


def test_every_flag_and_argument_has_a_bad_value_case() -> None:
    """Every argument of every command is covered: by a choice case, a bad value, or NO_VALUE."""
    missing = [
        f"{' '.join(command)} {typed}"
        for command, arguments in _arguments().items()
        for typed, action in arguments.items()
        if action.choices is None and (command, typed) not in CASES
    ]
    assert missing == []
    stale = [key for key in CASES if key[1] not in _arguments().get(key[0], {})]
    assert stale == []


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, str]:
    folder = tmp_path / "inputs"
    folder.mkdir()
    book = folder / "book.xlsx"
    shutil.copyfile(ROOT / "workbooks" / "stockrights_example_7th_series.xlsx", book)
    csv = folder / "notes.csv"
    csv.write_text("series,allotment_date\n", encoding="utf-8")
    (folder / "afolder").mkdir()
    return {
        "book": str(book),
        "csv": str(csv),
        "dir": str(folder / "afolder"),
        "reg": str(ROOT / "workbooks" / "register_example"),
        "fix": str(FIXTURES),
    }


@pytest.mark.parametrize(("argv", "typed", "value", "rule"), _cases())
def test_a_bad_value_is_one_line_naming_the_flag_the_rule_and_the_value(
    argv: list[str],
    typed: str,
    value: str,
    rule: str,
    inputs: dict[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    before = sorted((tmp_path / "inputs").rglob("*"))
    try:
        status = main([part.format(**inputs) for part in argv])
    except SystemExit as exc:  # argparse's own checks (choices, types)
        status = exc.code  # type: ignore[assignment]
    err = capsys.readouterr().err
    assert status == 2, err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    line = err.strip()
    assert typed in line, line
    assert value.format(**inputs) in line, line
    assert rule in line, line
    assert list(work.iterdir()) == []  # nothing written
    assert sorted((tmp_path / "inputs").rglob("*")) == before
