"""費用計上額及び科目名 by P&L line: a series' expense split across its lines, to the yen.

Filers print one row per line the expense was charged to (売上原価 + 販売費及び一般管理費 [E01542],
研究開発費 + 販売費及び一般管理費 [E05301]; ``../shared/docs/disclosure.md`` §1.1). The split is
by fixed shares of each series' expense, largest remainder to the yen.
"""

from __future__ import annotations

import dataclasses
import shutil
import zipfile
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from register_helpers import event, seventh_series, vesting_register
from stockrights.disclosure import DisclosureSettings, disclose
from stockrights.errors import InputError
from stockrights.register import (
    ExpenseLine,
    Register,
    expense_lines_text,
    parse_expense_lines,
    split_expense,
)
from stockrights.registers.csv_io import read_register_csv, write_register_csv
from stockrights.registers.outputs import disclosure_csv_bytes, write_disclosure
from stockrights.registers.register_book import read_register_book, write_register_book

EXAMPLE = Path(__file__).resolve().parents[1] / "workbooks" / "register_example"
SPLIT = "売上原価:0.3;販売費及び一般管理費:0.7"


def test_split_by_hand() -> None:
    """0.3 / 0.7 of 4,986,301: quotas 1,495,890.3 and 3,490,410.7; floors 1,495,890 and
    3,490,410 leave 1 yen, which goes to the larger fraction (.7): 1,495,890 + 3,490,411.
    Thirds of 100: 33.33 each, floors 33 leave 1, a tie: the first line: 34, 33, 33.
    A reversal of 7: quotas 2.1 and 4.9, floors 2 and 4, the yen to .9: -2, -5 (the mirror
    image of an expense of 7).
    """
    lines = parse_expense_lines(SPLIT)
    assert split_expense(4_986_301, lines) == (1_495_890, 3_490_411)
    thirds = parse_expense_lines("売上原価:1/3;研究開発費:1/3;販売費及び一般管理費:1/3")
    assert split_expense(100, thirds) == (34, 33, 33)
    assert split_expense(-7, lines) == (-2, -5)
    assert split_expense(7, lines) == (2, 5)
    assert split_expense(0, lines) == (0, 0)
    assert split_expense(123, ()) == (123,)  # no lines: all to the default line


@given(
    weights=st.lists(st.integers(min_value=1, max_value=1000), min_size=1, max_size=8),
    amount=st.integers(min_value=-(10**12), max_value=10**12),
)
def test_split_sums_to_the_expense_and_each_line_is_within_a_yen(
    weights: list[int], amount: int
) -> None:
    """Shares from random weights (exact fractions summing to 1): the lines sum to the expense
    exactly, each is its exact quota rounded down or up (within a yen), with the expense's sign.
    """
    total = sum(weights)
    lines = tuple(ExpenseLine(f"L{i}", Fraction(w, total)) for i, w in enumerate(weights))
    parts = split_expense(amount, lines)
    assert sum(parts) == amount
    for part, line in zip(parts, lines, strict=True):
        assert abs(part - amount * line.share) < 1
        assert part * amount >= 0
    assert parse_expense_lines(expense_lines_text(lines)) == lines  # the text form round-trips


def two_series(lines: str = SPLIT) -> Register:
    """V (:func:`register_helpers.vesting_register`: 10,000,000 over 730 days from 2021-04-01,
    10 rights forfeited 2022-10-01) charged 0.3 / 0.7 by ``lines``; W: 10 rights x 100 shares x
    1,000 yen = 1,000,000, allotted 2022-05-01, no vesting date (all of it in the year ended
    2023-03-31), charged to 研究開発費.
    """
    base = vesting_register(forfeit=True)
    v = dataclasses.replace(base.series[0], expense_lines=lines)
    w = seventh_series(
        "W",
        allotment_date="2022-05-01",
        rights_allotted=10,
        shares_per_right=100,
        exercise_period_start="2022-05-02",
        exercise_period_end="2052-04-30",
        fair_value_per_share=1000,
        expense_lines="研究開発費",
    )
    return dataclasses.replace(base, series=(v, w))


def test_both_years_by_line() -> None:
    """V's expense (tests/test_register_two_years.py): prior year 4,986,301, current 4,001,370.
    Prior: 1,495,890 / 3,490,411 (test_split_by_hand). Current: 0.3 x 4,001,370 = 1,200,411 and
    0.7 x 4,001,370 = 2,800,959, both exact. W: 研究開発費 1,000,000 in the current year, none
    in the prior. Rows in order of first appearance (V's lines, then W's).
    """
    d = disclose(two_series(), fiscal_year_end="2023-03-31")
    rows = [(x.label, x.prior, x.current) for x in d.expense_lines]
    assert rows == [
        ("売上原価", 1_495_890, 1_200_411),
        ("販売費及び一般管理費", 3_490_411, 2_800_959),
        ("研究開発費", 0, 1_000_000),
    ]
    assert sum(r[1] for r in rows) == d.expense_prior == 4_986_301
    assert sum(r[2] for r in rows) == d.expense == 5_001_370
    facts = {(f.series, f.item): f.value for f in d.facts()}
    assert facts[("", "accounting.expense_by_line.売上原価")] == 1_200_411
    assert facts[("", "accounting.expense_prior_by_line.売上原価")] == 1_495_890
    assert facts[("", "accounting.expense_by_line.研究開発費")] == 1_000_000
    assert facts[("", "accounting.expense_prior_by_line.研究開発費")] == 0
    assert facts[("", "accounting.expense")] == 5_001_370  # the existing keys unchanged


def _rows(path: Path, sheet: int = 0) -> list[list[Any]]:
    from openpyxl import load_workbook

    book = load_workbook(path)
    return [[c.value for c in row] for row in book.worksheets[sheet].iter_rows()]


def _expense_table(rows: list[list[Any]], heading: str) -> list[list[Any]]:
    at = next(i for i, row in enumerate(rows) if row[0] == heading)
    out = []
    for row in rows[at + 3 :]:
        if row[0] is None or str(row[0]).startswith("2"):
            break
        out.append(row[:3])
    return out


def test_note_table_one_row_per_line_in_thousands(tmp_path: Path) -> None:
    """In 千円, toward zero: 1,495,890 -> 1,495; 3,490,411 -> 3,490; 1,200,411 -> 1,200;
    2,800,959 -> 2,800; 1,000,000 -> 1,000; nil '-'. English: known lines translated.
    """
    d = disclose(
        two_series(),
        fiscal_year_end="2023-03-31",
        settings=DisclosureSettings(amount_unit="thousand_yen"),
    )
    ja = write_disclosure(d, tmp_path / "ja.xlsx")
    assert _expense_table(_rows(ja), "1. 費用計上額及び科目名") == [
        ["売上原価", 1_495, 1_200],
        ["販売費及び一般管理費", 3_490, 2_800],
        ["研究開発費", "-", 1_000],
    ]
    en = write_disclosure(d, tmp_path / "en.xlsx", lang="en")
    assert [r[0] for r in _expense_table(_rows(en), "1. Expense and line item")] == [
        "Cost of sales",
        "Selling, general and administrative expenses",
        "Research and development expenses",
    ]


def test_a_net_reversal_by_line_prints_triangles(tmp_path: Path) -> None:
    """V forfeits 90 of its 100 rights on 2023-03-01 (before vesting): to 2022-03-31, 364 of
    730 days of 10,000,000 = 4,986,301 (rounded down); to 2023-03-31, 729 days of the 10 rights
    left x 100,000: 1,000,000 x 729 / 730 = 998,630.13 -> 998,630; the year's 998,630 -
    4,986,301 = -3,987,671, split 0.3 / 0.7: quotas 1,196,301.3 and 2,791,369.7, floors
    1,196,301 and 2,791,369, the yen to .7: -1,196,301 and -2,791,370.
    """
    v = two_series().series[0]
    r = Register.from_events(series=[v], events=[event("2023-03-01", "forfeit", 90, "V")])
    d = disclose(r, fiscal_year_end="2023-03-31")
    assert d.expense == -3_987_671
    assert [(x.label, x.current) for x in d.expense_lines] == [
        ("売上原価", -1_196_301),
        ("販売費及び一般管理費", -2_791_370),
    ]
    path = write_disclosure(d, tmp_path / "note.xlsx")
    table = _expense_table(_rows(path), "1. 費用計上額及び科目名")
    assert table == [
        ["売上原価", 1_495_890, "△1,196,301"],
        ["販売費及び一般管理費", 3_490_411, "△2,791,370"],
    ]


def _explicit_default(register: Register) -> Register:
    series = tuple(
        dataclasses.replace(s, expense_lines="販売費及び一般管理費") for s in register.series
    )
    return dataclasses.replace(register, series=series)


def _parts(path: Path) -> dict[str, bytes]:
    """The workbook's parts, byte for byte, but for docProps/core.xml (the time it was written;
    the zip entries' own times are not compared either).
    """
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def test_the_default_gives_todays_outputs(tmp_path: Path) -> None:
    """The example register charges the default line: the CSV has no by-line keys, the note's
    table is the one row 販売費及び一般管理費 with 第12回's 120 x 100 x 2,410 = 28,920,000 (none
    the prior year), and naming that line explicitly changes no byte of the CSV or of the
    XLSX's parts. The register files are still written in layout 1, byte for byte as committed.
    (That the outputs equal main's before this change was checked by running both.)
    """
    register = read_register_csv(EXAMPLE)
    d = disclose(register, fiscal_year_end="2023-03-31")
    explicit = disclose(_explicit_default(register), fiscal_year_end="2023-03-31")
    data = disclosure_csv_bytes(d)
    assert b"expense_by_line" not in data
    assert data == disclosure_csv_bytes(explicit)
    a = write_disclosure(d, tmp_path / "a.xlsx")
    b = write_disclosure(explicit, tmp_path / "b.xlsx")
    assert _parts(a) == _parts(b)
    assert _expense_table(_rows(a), "1. 費用計上額及び科目名") == [
        ["販売費及び一般管理費", "-", 28_920_000]
    ]
    written = write_register_csv(register, tmp_path / "plain")
    for path in written:
        assert path.read_bytes() == (EXAMPLE / path.name).read_bytes()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_round_trip_csv_register_workbook(tmp_path: Path, lang: str) -> None:
    """CSV -> register -> CSV (layout 4 with the column) -> workbook -> register: same lines."""
    folder = tmp_path / "reg"
    shutil.copytree(EXAMPLE, folder)
    register = read_register_csv(folder)
    series = list(register.series)
    series[3] = dataclasses.replace(series[3], expense_lines=SPLIT)
    series[1] = dataclasses.replace(series[1], expense_lines="研究開発費:1/3;営業経費:2/3")
    changed = dataclasses.replace(register, series=tuple(series))
    write_register_csv(changed, folder)
    text = (folder / "series.csv").read_text(encoding="utf-8").splitlines()
    assert text[0] == "# stockrights register csv 4"
    assert text[1].endswith(",expense_lines")
    assert text[5].endswith("," + SPLIT)
    back = read_register_csv(folder)
    assert back.series == changed.series
    book = write_register_book(back, tmp_path / f"book_{lang}.xlsx", lang=lang)
    again = read_register_book(book)
    assert again.series == changed.series
    rows = _rows(book, 1)
    keys = rows[3]
    label = {"ja": "費用の計上科目(科目:割合;…)", "en": "Expense line(s) (line:share;...)"}[lang]
    assert rows[2][keys.index("expense_lines")] == label
    assert rows[4 + 1][keys.index("expense_lines")] == "研究開発費:1/3;営業経費:2/3"
    assert rows[4 + 0][keys.index("expense_lines")] is None  # the default: blank


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        (
            "売上原価:0.3;販売費及び一般管理費:0.6",
            "series.csv row 3, column expense_lines: expense_lines shares must sum to exactly "
            "1, got 0.9 (売上原価:0.3;販売費及び一般管理費:0.6)",
        ),
        (
            "売上原価:-0.3;販売費及び一般管理費:1.3",
            "series.csv row 3, column expense_lines: expense_lines share of 売上原価 must be > 0 "
            "and <= 1, got -0.3",
        ),
        (
            "売上原価:三割;販売費及び一般管理費:0.7",
            "series.csv row 3, column expense_lines: expense_lines share of 売上原価 must be a "
            "decimal (0.3) or a fraction (1/3), got '三割'",
        ),
        (
            "売上原価:0.5;売上原価:0.5",
            "series.csv row 3, column expense_lines: expense_lines names the line 売上原価 twice",
        ),
        (
            "売上原価;販売費及び一般管理費",
            "series.csv row 3, column expense_lines: expense_lines must be one label, or "
            "label:share pairs separated by ';' (売上原価:0.3;販売費及び一般管理費:0.7), got "
            "'売上原価;販売費及び一般管理費'",
        ),
    ],
)
def test_bad_expense_lines_are_one_line_errors(tmp_path: Path, cell: str, message: str) -> None:
    folder = tmp_path / "reg"
    shutil.copytree(EXAMPLE, folder)
    path = folder / "series.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = "# stockrights register csv 4"
    lines[1] += ",expense_lines"
    lines[2] += ","  # row 3 of the file: the first series
    lines[2] += f'"{cell}"'
    lines[3:] = [line + "," for line in lines[3:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_register_csv(folder)
    assert str(err.value) == message


def test_unknown_layout_version_names_the_row(tmp_path: Path) -> None:
    folder = tmp_path / "reg"
    shutil.copytree(EXAMPLE, folder)
    path = folder / "series.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("csv 1", "csv 5", 1), encoding="utf-8")
    with pytest.raises(InputError, match=r"^series\.csv row 1: the version line must be .*csv 5'$"):
        read_register_csv(folder)


def test_bad_lines_in_the_core_name_the_series() -> None:
    with pytest.raises(InputError, match=r"^series V: expense_lines shares must sum to exactly 1"):
        two_series("売上原価:0.5;販売費及び一般管理費:0.6")
    with pytest.raises(InputError, match="must not hold ':' or ';'"):
        ExpenseLine("a:b")
    with pytest.raises(InputError, match="must be > 0 and <= 1, got 0"):
        ExpenseLine("a", 0)


def test_bad_expense_lines_in_the_workbook_name_sheet_row_and_column(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = write_register_book(read_register_csv(EXAMPLE), tmp_path / "book.xlsx")
    wb = load_workbook(book)
    sheet = wb.worksheets[1]
    column = [c.value for c in sheet[4]].index("expense_lines") + 1
    sheet.cell(row=6, column=column, value="売上原価:0.4;販売費及び一般管理費:0.4")
    wb.save(book)
    with pytest.raises(InputError) as err:
        read_register_book(book)
    assert str(err.value) == (
        "回号 sheet row 6, column expense_lines: expense_lines shares must sum to exactly 1, got "
        "0.8 (売上原価:0.4;販売費及び一般管理費:0.4)"
    )
